import { VENDOR_ERROR_KINDS, type VendorErrorKind } from '@app/kernel';
import {
  classifyWecomErrcode,
  parseWecomError,
  splitWecomErrmsg,
  WECOM_ERRCODE_TABLE,
  WECOM_TOKEN_ERRCODES,
} from './parse-wecom-error.util.js';

// One row per documented errcode: REFERENCE.md B1 (incl. the 301xxx rows), B2, the rule-error families of
// wecom-checkin-option-rules.md, and the 全局错误码 codes the emulator or the checkin docs use.
const ROWS: [errcode: number, kind: VendorErrorKind][] = [
  [-1, 'transient'],
  [40001, 'auth'],
  [40013, 'auth'],
  [40014, 'auth'],
  [40091, 'auth'],
  [41001, 'auth'],
  [41002, 'auth'],
  [41004, 'auth'],
  [42001, 'auth'],
  [45009, 'rate_limit'],
  [45033, 'rate_limit'],
  [48002, 'permission'],
  [48005, 'permission'],
  [48006, 'permission'],
  [50002, 'permission'],
  [60011, 'permission'],
  [60020, 'permission'],
  [301002, 'permission'],
  [301042, 'permission'],
  [40003, 'invalid_request'],
  [40058, 'invalid_request'],
  [40063, 'invalid_request'],
  [301021, 'invalid_request'],
  [301022, 'transient'],
  [301023, 'invalid_request'],
  [301024, 'invalid_request'],
  [301039, 'invalid_request'],
  [301069, 'not_found'],
  [301070, 'transient'],
  [301071, 'invalid_request'],
  [301072, 'invalid_request'],
  [301075, 'invalid_request'],
  [301093, 'invalid_request'],
  [301094, 'invalid_request'],
  // contact reads (contact-identity-apis.md [W0])
  [60103, 'invalid_request'],
  [60105, 'invalid_request'],
  [60123, 'not_found'],
  [46004, 'not_found'],
  [60111, 'not_found'],
  [60136, 'not_found'],
];

describe('classifyWecomErrcode', () => {
  it.each(ROWS)('errcode %i → %s', (errcode, kind) => {
    expect(classifyWecomErrcode(errcode, 'getcheckindata')).toBe(kind);
  });

  it('has a row in this spec for every row of the table, and only kernel kinds', () => {
    expect(ROWS.map(([code]) => code).sort((a, b) => a - b)).toEqual(
      Object.keys(WECOM_ERRCODE_TABLE)
        .map(Number)
        .sort((a, b) => a - b),
    );
    for (const row of Object.values(WECOM_ERRCODE_TABLE)) expect(VENDOR_ERROR_KINDS).toContain(row.kind);
  });

  it('reads 301002 as a foreign-owned rule on update/clear/delete only', () => {
    for (const api of ['update_checkin_option', 'clear_checkin_option_array_field', 'del_checkin_option'] as const) {
      expect(classifyWecomErrcode(301002, api)).toBe('foreign_owned_rule');
    }
    expect(classifyWecomErrcode(301002, 'add_checkin_option')).toBe('permission');
    expect(classifyWecomErrcode(301002)).toBe('permission');
  });

  it('leaves unknown codes unknown', () => {
    expect(classifyWecomErrcode(123_456)).toBe('unknown');
  });

  it('refreshes the token on exactly the token codes of B1', () => {
    expect([...WECOM_TOKEN_ERRCODES].sort()).toEqual([40001, 40014, 41001, 42001]);
  });
});

describe('splitWecomErrmsg / parseWecomError', () => {
  const errmsg =
    'api freq out of limit, hint: [1717571485419203277035119], from ip: 219.128.72.126, more info at https://open.work.weixin.qq.com/devtool/query?e=45009';

  it('keeps the message, takes the hint as the log id, drops the caller IP and the link', () => {
    expect(splitWecomErrmsg(errmsg)).toEqual({ message: 'api freq out of limit', hint: '1717571485419203277035119' });
    expect(splitWecomErrmsg('ok')).toEqual({ message: 'ok', hint: null });
  });

  it('builds a VendorError naming the endpoint, never a credential', () => {
    const error = parseWecomError(45009, errmsg, {
      endpoint: 'POST /cgi-bin/checkin/getcheckindata',
      api: 'getcheckindata',
    });
    expect(error).toMatchObject({
      vendor: 'wecom',
      kind: 'rate_limit',
      vendorCode: 45009,
      logId: '1717571485419203277035119',
      endpoint: 'POST /cgi-bin/checkin/getcheckindata',
      message: 'POST /cgi-bin/checkin/getcheckindata failed: errcode 45009 api freq out of limit',
    });
    expect(error.message).not.toContain('219.128');
    const echoed = parseWecomError(40014, 'invalid access_token=abc123&x=1', { endpoint: 'POST /x' });
    expect(echoed.message).not.toContain('abc123');
  });

  it('says why a foreign-owned rule cannot be changed', () => {
    const error = parseWecomError(301002, 'no privilege', {
      endpoint: 'POST /cgi-bin/checkin/del_checkin_option',
      api: 'del_checkin_option',
    });
    expect(error.kind).toBe('foreign_owned_rule');
    expect(error.message).toContain('created by another app');
  });
});
