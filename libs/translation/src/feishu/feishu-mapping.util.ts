// Small pure helpers shared by the two Feishu mappers. No I/O, no clock.

/** Seconds in a day: a canonical time above this is on the next day (Feishu "26:00"). */
export const DAY_SEC = 86_400;

/** yyyyMMdd int (Feishu special days, REFERENCE A4) → "YYYY-MM-DD". */
export function dayIntToIsoDate(day: number): string {
  const text = String(day);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** "YYYY-MM-DD" → yyyyMMdd int, or null when the string is not a real calendar date. */
export function isoDateToDayInt(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days || year < 1900 || year > 2999) return null;
  return year * 10_000 + month * 100 + day;
}

/**
 * A 53-bit string hash (cyrb53), rendered in base 36. Used for deterministic, content-derived shift names and
 * plan keys: the same layout always gives the same text, across runs and machines (no randomness, no clock).
 */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

/** Sorted, de-duplicated copy: the canonical model keeps unordered id lists sorted (canonical-rule.ts). */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Plain code-unit order: deterministic and locale-independent (never localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "<ids>" for a loss message, bounded so a 3,000-person department does not flood the report. */
export function listForMessage(values: readonly string[], max = 10): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** Whether a value is a whole number of minutes expressed in seconds. */
export function isWholeMinutes(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds % 60 === 0;
}

/** Canonical seconds → Feishu minutes, rounded to the nearest minute. */
export function toMinutes(seconds: number): number {
  return Math.round(seconds / 60);
}
