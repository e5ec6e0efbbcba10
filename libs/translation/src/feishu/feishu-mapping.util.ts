import { formatDayInt, formatIsoDay, parseDayInt, parseIsoDay } from '@app/kernel';
import { isValidDayInt } from '@app/feishu/model';

// Small pure helpers shared by the two Feishu mappers. No I/O, no clock.

/** Seconds in a day: a canonical time above this is on the next day (Feishu "26:00"). */
export const DAY_SEC = 86_400;

/** The latest time Feishu's "H:mm" can spell: 47:59, the end of the following day (the model's limit). */
const MAX_CLOCK_MINUTES = 47 * 60 + 59;

/**
 * parseFeishuClockTime of the Feishu model ("H:mm" / "HH:mm", minutes 00–59, at most 47:59 → minutes after
 * midnight, else null) without a regular expression: it runs for every time of every shift on both paths.
 * The spec checks it against the model's function.
 */
export function feishuClockMinutes(text: string): number | null {
  const length = text.length;
  if (length !== 4 && length !== 5) return null;
  const colon = length - 3;
  if (text.charCodeAt(colon) !== 58) return null;
  const tens = text.charCodeAt(length - 2) - 48;
  const ones = text.charCodeAt(length - 1) - 48;
  if (tens < 0 || tens > 5 || ones < 0 || ones > 9) return null;
  let hours = text.charCodeAt(0) - 48;
  if (hours < 0 || hours > 9) return null;
  if (colon === 2) {
    const second = text.charCodeAt(1) - 48;
    if (second < 0 || second > 9) return null;
    hours = hours * 10 + second;
  }
  const minutes = hours * 60 + tens * 10 + ones;
  return minutes <= MAX_CLOCK_MINUTES ? minutes : null;
}

/** yyyyMMdd int (Feishu special days, REFERENCE A4; the read guard has checked it is a day) → "YYYY-MM-DD". */
export function dayIntToIsoDate(day: number): string {
  const epochDay = parseDayInt(day);
  if (epochDay === null) throw new RangeError(`not a date as yyyyMMdd: ${day}`);
  return formatIsoDay(epochDay);
}

/** "YYYY-MM-DD" → yyyyMMdd int, or null when the string is not a real calendar date Feishu can hold. */
export function isoDateToDayInt(date: string): number | null {
  const epochDay = parseIsoDay(date);
  if (epochDay === null) return null;
  const day = formatDayInt(epochDay);
  return isValidDayInt(day) ? day : null;
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
  // Id lists read back from a vendor are usually sorted already (the gateway writes them so): one pass
  // confirms it and skips the Set and the sort.
  if (Array.isArray(values) && isStrictlyAscendingText(values as readonly unknown[])) return values.slice() as string[];
  return [...new Set(values)].sort(compareText);
}

function isStrictlyAscendingText(values: readonly unknown[]): boolean {
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (typeof value !== 'string') return false;
    if (index > 0 && !((values[index - 1] as string) < value)) return false;
  }
  return true;
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
