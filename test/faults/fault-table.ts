/** One row of the suite's summary: a fault kind (or the SIGKILL scenario) and what it did to the vendors. */
export interface FaultRow {
  readonly kind: string;
  readonly injected: string;
  readonly recovered: string;
  readonly duplicates: number | string;
  readonly lost: number | string;
}

const HEADERS: Record<keyof FaultRow, string> = {
  kind: 'fault kind',
  injected: 'injected',
  recovered: 'recovered',
  duplicates: 'duplicates',
  lost: 'lost',
};

/** A Markdown table (readable in a terminal and pasteable into an issue). */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const columns = Object.keys(HEADERS) as (keyof FaultRow)[];
  const cells = [HEADERS, ...rows].map((row) => columns.map((column) => String(row[column])));
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => [...line[index]!].length)));
  const line = (values: string[]) =>
    `| ${values.map((value, index) => value + ' '.repeat(widths[index]! - [...value].length)).join(' | ')} |`;
  return [
    line(cells[0]!),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}
