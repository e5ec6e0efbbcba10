// Runs under the root jest (ts-jest transpiles it although the root tsconfig excludes apps/console) and is
// type-checked by apps/console/tsconfig.json, which has no jest globals: hence the explicit @jest/globals import.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { vendorIdProblem as gatewayVendorIdProblem } from '../../../gateway/src/mappings/vendor-id.validator';
import { gatewayProblems, MAX_ROWS_PER_UPLOAD, parseMappingFile, sideOfHeader, vendorIdProblem } from './mapping-file';

describe('parseMappingFile', () => {
  it('reads the rows under API-field headers, in file order, skipping empty rows but keeping their numbers', () => {
    const parsed = parseMappingFile('users', [
      ['name', 'feishuUserId', 'wecomUserId'],
      ['Zhang Wei', 'e1001', 'zhangwei'],
      [],
      ['', '', ''],
      ['Li Na', 'e1002', 'lina'],
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { feishuUserId: 'e1001', wecomUserId: 'zhangwei' },
      { feishuUserId: 'e1002', wecomUserId: 'lina' },
    ]);
    expect(parsed.rowNumbers).toEqual([2, 5]);
    expect(parsed.columns).toEqual({ feishu: 'feishuUserId', wecom: 'wecomUserId' });
  });

  it('accepts the Chinese headers, in any order, with a byte order mark, spaces or another case', () => {
    const parsed = parseMappingFile('departments', [
      ['\uFEFF企业微信部门ID', ' 飞书部门 id '],
      [2, 'od-1'],
      ['3', 'od-2'],
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { feishuDepartmentId: 'od-1', wecomPartyId: '2' },
      { feishuDepartmentId: 'od-2', wecomPartyId: '3' },
    ]);
    expect(parsed.columns).toEqual({ feishu: '飞书部门 id', wecom: '企业微信部门ID' });
    expect(sideOfHeader('users', '飞书部门ID')).toBeNull();
    expect(sideOfHeader('users', 'WECOMUSERID')).toBe('wecom');
  });

  it('names a missing column, and a column given twice', () => {
    expect(parseMappingFile('users', [['feishuUserId'], ['e1']]).errors).toEqual([
      { row: 1, column: 'wecomUserId / 企业微信用户ID', code: 'missingColumn' },
    ]);
    expect(parseMappingFile('users', [['feishuUserId', '飞书用户ID', 'wecomUserId']]).errors).toEqual([
      { row: 1, column: '飞书用户ID', code: 'duplicateColumn', params: { first: 'feishuUserId' } },
    ]);
    expect(parseMappingFile('users', []).errors).toEqual([{ row: 1, column: null, code: 'emptyFile' }]);
    expect(
      parseMappingFile('users', [
        ['feishuUserId', 'wecomUserId'],
        ['', ''],
      ]).errors,
    ).toEqual([{ row: null, column: null, code: 'noRows' }]);
  });

  it('lists every bad cell by spreadsheet row and header, and then sends nothing', () => {
    const parsed = parseMappingFile('users', [
      ['飞书用户ID', '企业微信用户ID'],
      ['e1', 'u1'],
      ['e2', ''],
      [' e3', 'u3'],
      ['e4', 'x'.repeat(65)],
      ['e5', 'bad\u0007id'],
      ['e1', 'u6'],
      ['e7', 'u1'],
      ['e8', true],
      ['e9', '\uD800'],
    ]);
    expect(parsed.rows).toEqual([]);
    expect(parsed.rowNumbers).toEqual([]);
    expect(parsed.errors).toEqual([
      { row: 3, column: '企业微信用户ID', code: 'empty' },
      { row: 4, column: '飞书用户ID', code: 'whitespace' },
      { row: 5, column: '企业微信用户ID', code: 'tooLong', params: { length: 65, max: 64 } },
      { row: 6, column: '企业微信用户ID', code: 'controlCharacter' },
      { row: 7, column: '飞书用户ID', code: 'duplicate', params: { firstRow: 2, value: 'e1' } },
      { row: 8, column: '企业微信用户ID', code: 'duplicate', params: { firstRow: 2, value: 'u1' } },
      { row: 9, column: '企业微信用户ID', code: 'notText' },
      { row: 10, column: '企业微信用户ID', code: 'invalidUnicode' },
    ]);
  });

  it('takes up to the gateway limit of rows, and refuses a larger file as a whole', () => {
    const header = ['feishuUserId', 'wecomUserId'];
    const rows = (count: number) => Array.from({ length: count }, (_, index) => [`e${index}`, `u${index}`]);
    expect(parseMappingFile('users', [header, ...rows(MAX_ROWS_PER_UPLOAD)]).rows).toHaveLength(MAX_ROWS_PER_UPLOAD);
    expect(parseMappingFile('users', [header, ...rows(MAX_ROWS_PER_UPLOAD + 1)]).errors).toEqual([
      { row: null, column: null, code: 'tooManyRows', params: { count: MAX_ROWS_PER_UPLOAD + 1, max: 10_000 } },
    ]);
  });
});

describe('vendorIdProblem', () => {
  it('mirrors the gateway validator', () => {
    expect(vendorIdProblem('zhangwei@corp.example')).toBeNull();
    expect(vendorIdProblem('x'.repeat(64))).toBeNull();
    expect(vendorIdProblem('张伟')).toBeNull();
    expect(vendorIdProblem('   ')).toEqual({ code: 'empty' });
    expect(vendorIdProblem('a\tb')).toEqual({ code: 'controlCharacter' });
    expect(vendorIdProblem('a\u0085b')).toEqual({ code: 'controlCharacter' });
    expect(vendorIdProblem('a ')).toEqual({ code: 'whitespace' });
  });
});

describe('gatewayProblems', () => {
  it("turns the gateway's [index].field messages into file rows and the file's headers", () => {
    const parsed = parseMappingFile('users', [['飞书用户ID', 'wecomUserId'], ['e1', 'u1'], [], ['e2', 'u2']]);
    expect(
      gatewayProblems(
        'users',
        [
          '[1].wecomUserId "u2" is already mapped to feishuUserId "e0"',
          '[1].feishuUserId repeats [0].feishuUserId ("e1")',
          'a WeCom user maps to one Feishu user only',
        ],
        parsed,
      ),
    ).toEqual([
      {
        row: 4,
        column: 'wecomUserId',
        code: 'gateway',
        params: { message: '"u2" is already mapped to feishuUserId "e0"' },
      },
      { row: 4, column: '飞书用户ID', code: 'gateway', params: { message: 'repeats #2.feishuUserId ("e1")' } },
      { row: null, column: null, code: 'gateway', params: { message: 'a WeCom user maps to one Feishu user only' } },
    ]);
  });
});

describe('the browser check and the gateway agree', () => {
  it('accepts and refuses the same ids as vendor-id.validator.ts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 70 }),
          fc.string({ unit: 'grapheme', maxLength: 70 }),
          fc.stringMatching(/^[\w@.-]{60,68}$/u),
        ),
        (value) => {
          const gateway = gatewayVendorIdProblem(value);
          expect(vendorIdProblem(value) === null).toBe(gateway === null);
        },
      ),
    );
  });
});
