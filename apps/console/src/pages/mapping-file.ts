// The mappings upload, checked in the browser before anything is sent: a sheet's cells (CSV or XLSX, header in
// row 1) in, the API's rows and every problem out, each problem named by the row number a spreadsheet shows and
// the column's header as the file spells it. Pure: no React, no I/O, so the same rules run in jest.
//
// The id rules mirror the gateway's (apps/gateway/src/mappings/vendor-id.validator.ts and mapping-rows.pipe.ts):
// the gateway stays the judge, this only saves a round trip and names file rows rather than array indexes.

/** The two mapping tables. */
export type MappingKind = 'users' | 'departments';

export interface UserMappingRow {
  feishuUserId: string;
  wecomUserId: string;
}

export interface DepartmentMappingRow {
  feishuDepartmentId: string;
  wecomPartyId: string;
}

export type MappingRow<K extends MappingKind> = K extends 'users' ? UserMappingRow : DepartmentMappingRow;

/** Which side of the pair a column holds. */
export type MappingSide = 'feishu' | 'wecom';

interface KindColumns {
  /** The API's field name of each side (the PUT row shape). */
  readonly fields: Readonly<Record<MappingSide, string>>;
  /** Headers accepted for each side: the API field name first, then the Chinese header HR sheets use. */
  readonly headers: Readonly<Record<MappingSide, readonly string[]>>;
}

export const MAPPING_COLUMNS: Readonly<Record<MappingKind, KindColumns>> = {
  users: {
    fields: { feishu: 'feishuUserId', wecom: 'wecomUserId' },
    headers: { feishu: ['feishuUserId', '飞书用户ID'], wecom: ['wecomUserId', '企业微信用户ID'] },
  },
  departments: {
    fields: { feishu: 'feishuDepartmentId', wecom: 'wecomPartyId' },
    headers: { feishu: ['feishuDepartmentId', '飞书部门ID'], wecom: ['wecomPartyId', '企业微信部门ID'] },
  },
};

export const SIDES: readonly MappingSide[] = ['feishu', 'wecom'];

/** The gateway's MAX_VENDOR_ID_LENGTH (WeCom's documented userid bound). */
export const MAX_VENDOR_ID_LENGTH = 64;
/** The gateway's MAX_ROWS_PER_REQUEST: one PUT, all or nothing, so one file is at most this many rows. */
export const MAX_ROWS_PER_UPLOAD = 10_000;

/** What a spreadsheet cell may hold once read (CSV gives strings; XLSX may give numbers, booleans, dates). */
export type Cell = string | number | boolean | Date | null | undefined;

export type ProblemCode =
  /** The file has no header row. */
  | 'emptyFile'
  /** Header row without one of the two columns (column: the accepted headers, joined). */
  | 'missingColumn'
  /** Two header cells name the same side. */
  | 'duplicateColumn'
  /** A header but no data rows. */
  | 'noRows'
  /** More data rows than one PUT takes (params.count, params.max). */
  | 'tooManyRows'
  | 'empty'
  | 'whitespace'
  | 'controlCharacter'
  | 'invalidUnicode'
  /** params.length, params.max */
  | 'tooLong'
  /** A boolean or date cell where an id belongs. */
  | 'notText'
  /** The id was already in an earlier row (params.firstRow, params.value). */
  | 'duplicate'
  /** The gateway refused the batch; params.message is its words. */
  | 'gateway'
  /** The file could not be read as CSV or XLSX (params.message says why). */
  | 'unreadable'
  /** Neither CSV nor XLSX (params.name is the file's name). */
  | 'unsupportedType';

export interface FileProblem {
  /** The row as a spreadsheet numbers it (header = 1), or null for the file as a whole. */
  readonly row: number | null;
  /** The column's header as the file spells it (or the expected headers when missing), or null. */
  readonly column: string | null;
  readonly code: ProblemCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface ParsedMappingFile<K extends MappingKind> {
  /** The rows to PUT, in file order; empty whenever `errors` is not. */
  readonly rows: MappingRow<K>[];
  /** The file row number of each entry of `rows` (to name the row of a gateway refusal `[index].field`). */
  readonly rowNumbers: number[];
  /** The header of each side as the file spells it (null when missing). */
  readonly columns: Readonly<Record<MappingSide, string | null>>;
  readonly errors: FileProblem[];
}

// C0/C1 control characters and lone UTF-16 surrogates, as the gateway's validator refuses them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why `value` is not an id the gateway accepts, or null: vendorIdProblem of the gateway, as a code. */
export function vendorIdProblem(
  value: string,
): { code: ProblemCode; params?: Readonly<Record<string, string | number>> } | null {
  if (value.trim().length === 0) return { code: 'empty' };
  if (value.trim() !== value) return { code: 'whitespace' };
  if (CONTROL_CHARACTER.test(value)) return { code: 'controlCharacter' };
  if (LONE_SURROGATE.test(value)) return { code: 'invalidUnicode' };
  if (value.length > MAX_VENDOR_ID_LENGTH) {
    return { code: 'tooLong', params: { length: value.length, max: MAX_VENDOR_ID_LENGTH } };
  }
  return null;
}

/** Header text compared without case, surrounding or inner spaces, and a byte order mark: "飞书用户 id" counts. */
function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/u, '')
    .replace(/\s+/gu, '')
    .toLowerCase();
}

/** Which side a header names, or null (other columns, e.g. a name for the reader, are ignored). */
export function sideOfHeader(kind: MappingKind, header: string): MappingSide | null {
  const key = headerKey(header);
  if (key === '') return null;
  return SIDES.find((side) => MAPPING_COLUMNS[kind].headers[side].some((name) => headerKey(name) === key)) ?? null;
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as id text: numbers as written (XLSX readers may hand them over as numbers), others refused. */
function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  return null;
}

/**
 * Checks a whole sheet (row 1 the header) and returns the rows to PUT, or every problem found. Rows whose cells
 * are all empty are skipped (they keep their number, so later rows are still named as the spreadsheet shows
 * them). A file with any problem yields no rows: the upload is all or nothing, like the PUT.
 */
export function parseMappingFile<K extends MappingKind>(
  kind: K,
  sheet: readonly (readonly Cell[])[],
): ParsedMappingFile<K> {
  const errors: FileProblem[] = [];
  const columns: Record<MappingSide, string | null> = { feishu: null, wecom: null };
  const indexOf: Record<MappingSide, number> = { feishu: -1, wecom: -1 };
  const header = sheet[0];
  if (header === undefined || header.every(isBlank)) {
    return { rows: [], rowNumbers: [], columns, errors: [{ row: 1, column: null, code: 'emptyFile' }] };
  }
  header.forEach((cell, index) => {
    const text = typeof cell === 'string' ? cell : cell === null || cell === undefined ? '' : String(cell);
    const side = sideOfHeader(kind, text);
    if (side === null) return;
    const name = text.trim().replace(/^\uFEFF/u, '');
    if (indexOf[side] >= 0) {
      errors.push({ row: 1, column: name, code: 'duplicateColumn', params: { first: columns[side] ?? '' } });
      return;
    }
    indexOf[side] = index;
    columns[side] = name;
  });
  for (const side of SIDES) {
    if (indexOf[side] < 0) {
      errors.push({ row: 1, column: MAPPING_COLUMNS[kind].headers[side].join(' / '), code: 'missingColumn' });
    }
  }
  if (errors.length > 0) return { rows: [], rowNumbers: [], columns, errors };

  const dataRows = sheet
    .map((cells, index) => ({ cells, row: index + 1 }))
    .slice(1)
    .filter(({ cells }) => !cells.every(isBlank));
  if (dataRows.length === 0)
    return { rows: [], rowNumbers: [], columns, errors: [{ row: null, column: null, code: 'noRows' }] };
  if (dataRows.length > MAX_ROWS_PER_UPLOAD) {
    return {
      rows: [],
      rowNumbers: [],
      columns,
      errors: [
        { row: null, column: null, code: 'tooManyRows', params: { count: dataRows.length, max: MAX_ROWS_PER_UPLOAD } },
      ],
    };
  }

  const { fields } = MAPPING_COLUMNS[kind];
  const firstRowOf: Record<MappingSide, Map<string, number>> = { feishu: new Map(), wecom: new Map() };
  const rows: MappingRow<K>[] = [];
  const rowNumbers: number[] = [];
  for (const { cells, row } of dataRows) {
    const ids: Partial<Record<MappingSide, string>> = {};
    for (const side of SIDES) {
      const column = columns[side]!;
      const text = cellText(cells[indexOf[side]]);
      if (text === null) {
        errors.push({ row, column, code: 'notText' });
        continue;
      }
      const problem = vendorIdProblem(text);
      if (problem) {
        errors.push({ row, column, ...problem });
        continue;
      }
      const firstRow = firstRowOf[side].get(text);
      if (firstRow !== undefined) {
        errors.push({ row, column, code: 'duplicate', params: { firstRow, value: text } });
        continue;
      }
      firstRowOf[side].set(text, row);
      ids[side] = text;
    }
    if (ids.feishu !== undefined && ids.wecom !== undefined) {
      rows.push({ [fields.feishu]: ids.feishu, [fields.wecom]: ids.wecom } as unknown as MappingRow<K>);
      rowNumbers.push(row);
    }
  }
  return errors.length > 0 ? { rows: [], rowNumbers: [], columns, errors } : { rows, rowNumbers, columns, errors };
}

/**
 * The gateway's refusal of a batch (400 or 409 messages like `[3].wecomUserId must be …`) in the file's terms:
 * the array index becomes the file row, the field the file's header. Messages naming no row stay whole.
 */
export function gatewayProblems<K extends MappingKind>(
  kind: K,
  messages: readonly string[],
  parsed: Pick<ParsedMappingFile<K>, 'rowNumbers' | 'columns'>,
): FileProblem[] {
  const { fields } = MAPPING_COLUMNS[kind];
  const rowOf = (index: string): number | undefined => parsed.rowNumbers[Number(index)];
  return messages.map((message) => {
    const match = /^\[(\d+)\](?:\.([A-Za-z]+))?\s*(.*)$/su.exec(message);
    if (!match) return { row: null, column: null, code: 'gateway', params: { message } };
    const [, index = '', field, rest = ''] = match;
    const row = rowOf(index);
    const side = SIDES.find((candidate) => fields[candidate] === field);
    const column = side ? (parsed.columns[side] ?? field ?? null) : (field ?? null);
    // Other rows the message refers to ("repeats [1].wecomUserId") are named by their file row too.
    const text = rest.replace(/\[(\d+)\]/gu, (whole, other: string) => {
      const otherRow = rowOf(other);
      return otherRow === undefined ? whole : `#${otherRow}`;
    });
    return { row: row ?? null, column, code: 'gateway', params: { message: text || message } };
  });
}
