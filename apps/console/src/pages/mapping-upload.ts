import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/browser';
import type { Cell, FileProblem } from './mapping-file';

// Reading an uploaded file into a sheet of cells, in the browser: nothing but JSON rows ever reaches the gateway.

export type SheetOrProblem = { readonly sheet: Cell[][] } | { readonly problem: FileProblem };

function isXlsx(file: File): boolean {
  return (
    /\.xlsx$/iu.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  );
}

/**
 * CSV text of any encoding a spreadsheet saves: UTF-8 (with or without a byte order mark), else GB 18030,
 * which Excel on a Chinese Windows writes for "CSV" and which a strict UTF-8 decoder refuses.
 */
function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function unreadable(message: string, row: number | null = null): SheetOrProblem {
  return { problem: { row, column: null, code: 'unreadable', params: { message } } };
}

/** The first sheet of an XLSX file, or the rows of a CSV file, as cells (row 1 the header). */
export async function readUploadedSheet(file: File): Promise<SheetOrProblem> {
  if (isXlsx(file)) {
    try {
      // Text as written (the gateway refuses ids with surrounding spaces rather than trimming them), numbers
      // as their text, so an id like 0012 typed as text or 12 typed as a number reaches the check unchanged.
      const sheet = await readSheet<string>(file, { trim: false, parseNumber: (text) => text });
      return { sheet: sheet.map((row) => row.map((cell) => cell as Cell)) };
    } catch (error) {
      return unreadable(error instanceof Error ? error.message : String(error));
    }
  }
  if (!/\.(csv|txt)$/iu.test(file.name) && !/csv|text\/plain/u.test(file.type)) {
    return { problem: { row: null, column: null, code: 'unsupportedType', params: { name: file.name } } };
  }
  const text = decodeCsv(await file.arrayBuffer());
  const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const syntax = result.errors.find((error) => error.type === 'Quotes');
  if (syntax) return unreadable(syntax.message, syntax.row === undefined ? null : syntax.row + 1);
  // A final line break leaves one empty row behind; empty rows are skipped by the checks anyway.
  return { sheet: result.data };
}
