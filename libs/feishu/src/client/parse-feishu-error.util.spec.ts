import type { VendorErrorKind } from '@app/kernel';
import {
  FEISHU_ERROR_CODES,
  FEISHU_GENERAL_ERROR_MESSAGES,
  feishuErrorKind,
  parseFeishuError,
} from './parse-feishu-error.util.js';

// One row per documented code: REFERENCE A2 (token/auth), A3 (rate limit), the error tables of
// feishu-get-shift.md and feishu-create-update-group.md, and the 1220600 messages of
// feishu-attendance-guide-and-errors.md.
const CODE_ROWS: [code: number, httpStatus: number, kind: VendorErrorKind][] = [
  [99991661, 400, 'auth'],
  [99991663, 400, 'auth'],
  [99991664, 400, 'auth'],
  [99991668, 400, 'auth'],
  [99991671, 400, 'auth'],
  [99991677, 400, 'auth'],
  [99991672, 400, 'permission'],
  [99991676, 400, 'permission'],
  [99991679, 400, 'permission'],
  [99991543, 400, 'auth'],
  [99991662, 400, 'permission'],
  [99991673, 400, 'permission'],
  [10012, 400, 'auth'],
  [10003, 400, 'auth'],
  [99991400, 429, 'rate_limit'],
  [99991400, 400, 'rate_limit'], // "some legacy APIs: HTTP 400" (REFERENCE A3)
  [1220001, 400, 'invalid_request'],
  [1220002, 400, 'auth'],
  [1220003, 400, 'invalid_request'],
  [1220004, 400, 'invalid_request'],
  [1220005, 400, 'permission'],
  [1225000, 500, 'transient'],
  [1226000, 500, 'transient'],
  [1226003, 400, 'invalid_request'],
  [1227000, 400, 'invalid_request'],
  [1227500, 400, 'invalid_request'],
  // Contact: docs/vendor/feishu-contact.md ([FS-EN] find_by_department and department/children 错误码).
  [40004, 403, 'permission'],
  [40014, 403, 'permission'],
  [41050, 400, 'permission'],
  [40011, 400, 'invalid_request'],
  [40012, 400, 'invalid_request'],
  [43010, 400, 'invalid_request'],
  [99992402, 400, 'invalid_request'],
];

const GENERAL_ROWS: [msg: string, kind: VendorErrorKind][] = [
  ['param invalid', 'invalid_request'],
  ['no row affected', 'transient'],
  ['the object already exists', 'invalid_request'],
  ['time calculation failed', 'invalid_request'],
  ['rule does not exist', 'not_found'],
  ['shift can not be del', 'invalid_request'],
  ['operate too much flow', 'invalid_request'],
  ['shift does not exist', 'not_found'],
  ['env count illegal', 'invalid_request'],
  ['auth no permission', 'permission'],
  ['failed to upload an image. Please upload a clear and complete image', 'invalid_request'],
  ['the object in tos not found', 'unknown'],
  ['the attendance result has been sealed and can not modify', 'invalid_request'],
  ['time is invalid', 'invalid_request'],
  ['This API can only be accessed by Feishu People Enterprise Edition users.', 'permission'],
  ['name or employee_no invalid', 'invalid_request'],
  ['archive_rule_id not exist', 'not_found'],
  ['rule not exist', 'not_found'],
  ['the rule cannot arrange!', 'invalid_request'],
];

describe('feishuErrorKind', () => {
  it.each(CODE_ROWS)('code %i (HTTP %i) is %s', (code, httpStatus, kind) => {
    expect(feishuErrorKind(code, httpStatus)).toBe(kind);
  });

  it('has a spec row for every code in the table', () => {
    const specified = new Set(CODE_ROWS.map(([code]) => code).concat(1220600));
    expect(
      Object.keys(FEISHU_ERROR_CODES)
        .map(Number)
        .filter((code) => !specified.has(code)),
    ).toEqual([]);
  });

  it.each(GENERAL_ROWS)('1220600 %j is %s', (msg, kind) => {
    expect(feishuErrorKind(1220600, 400, msg)).toBe(kind);
  });

  it('has a spec row for every documented 1220600 message', () => {
    const specified = GENERAL_ROWS.map(([msg]) => msg.toLowerCase());
    for (const entry of FEISHU_GENERAL_ERROR_MESSAGES) {
      expect(specified.some((msg) => msg.includes(entry.msg.toLowerCase()))).toBe(true);
    }
  });

  it('reads a 1220600 message with extra detail around the documented phrase', () => {
    expect(feishuErrorKind(1220600, 400, 'failed: Shift Can Not Be Del, used by group 1')).toBe('invalid_request');
    expect(feishuErrorKind(1220600, 400, 'something new')).toBe('unknown');
  });

  it.each([
    [null, 503, 'transient'],
    [null, 500, 'transient'],
    [null, 429, 'rate_limit'],
    [null, 401, 'auth'],
    [null, 403, 'permission'],
    [null, 404, 'not_found'],
    [null, 400, 'unknown'],
    [null, null, 'unknown'],
    [4242, 502, 'transient'],
    [4242, 200, 'unknown'],
  ] as const)('falls back on the HTTP status for an undocumented code %p (HTTP %p): %s', (code, status, kind) => {
    expect(feishuErrorKind(code, status)).toBe(kind);
  });
});

describe('parseFeishuError', () => {
  it('carries code, msg, log id, status and endpoint, and names the violated fields', () => {
    const error = parseFeishuError({
      code: 1220001,
      msg: 'param is invalid: group.group_name is required',
      httpStatus: 400,
      logId: '202503121000001A2B3C',
      endpoint: 'POST /open-apis/attendance/v1/groups',
      fieldViolations: [{ field: 'group.group_name', description: 'is required (string)' }],
    });
    expect(error).toMatchObject({
      vendor: 'feishu',
      kind: 'invalid_request',
      vendorCode: 1220001,
      httpStatus: 400,
      logId: '202503121000001A2B3C',
      endpoint: 'POST /open-apis/attendance/v1/groups',
    });
    expect(error.message).toContain('group.group_name: is required (string)');
    expect(error.message).toContain('log id 202503121000001A2B3C');
  });
});
