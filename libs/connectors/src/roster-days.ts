import { addDays, chinaDayOf, chinaMidnightOfEpochDay, formatDayInt, parseIsoDay } from '@app/kernel';

// Days of a roster run. Rosters are kept per calendar day in China time (UTC+8, no daylight saving) on both
// vendors: Feishu as `month` yyyyMM + `day_no`, WeCom as `yearmonth` + `day`. Inside the gateway a day is
// the string YYYY-MM-DD. Pure.

/** A run without from/to covers today and the next DEFAULT_DAYS_AHEAD days (China time), inclusive. */
export const DEFAULT_DAYS_AHEAD = 30;

/** YYYY-MM-DD. */
export type DayKey = string;

export interface DayWindow {
  /** First day, inclusive. */
  readonly from: DayKey;
  /** Last day, inclusive. */
  readonly to: DayKey;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: DayKey): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: "${day}"`);
  const [, year, month, date] = match;
  return [Number(year), Number(month), Number(date)];
}

/** The epoch day (days since 1970-01-01) of the day; RangeError when it is none. */
function checkedEpochDay(day: DayKey): number {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`not a YYYY-MM-DD day: "${day}"`);
  const epochDay = parseIsoDay(day);
  // Before 0100 too, as the Date.UTC round trip this replaced refused it (Date.UTC reads years 0–99 as 19xx).
  if (epochDay === null || day < '0100') throw new RangeError(`not a calendar day: "${day}"`);
  return epochDay;
}

/**
 * The days a run covers: `from`/`to` as requested (either may be given alone), else today … today + 30
 * (China time), both ends inclusive. A lone `from` runs 30 days on from it, a lone `to` from today (or from
 * `to` itself when that is earlier).
 */
export function rosterWindow(params: { readonly from?: string; readonly to?: string }, now: Date): DayWindow {
  const today = chinaDayOf(now.getTime() / 1000);
  const from = params.from ?? (params.to !== undefined && params.to < today ? params.to : today);
  checkedEpochDay(from);
  const to = params.to ?? addDays(from, DEFAULT_DAYS_AHEAD);
  checkedEpochDay(to);
  if (to < from) throw new RangeError(`the window ends (${to}) before it starts (${from})`);
  return { from, to };
}

export function inWindow(day: DayKey, window: DayWindow): boolean {
  return day >= window.from && day <= window.to;
}

/** yyyyMMdd as an int (Feishu check_date_from/to). */
export function dayInt(day: DayKey): number {
  return formatDayInt(checkedEpochDay(day));
}

/** yyyyMM as an int (Feishu `month`, WeCom `yearmonth`). */
export function yearMonthOf(day: DayKey): number {
  const [year, month] = parts(day);
  return year * 100 + month;
}

/** Day of the month, 1–31 (Feishu `day_no`, WeCom `day`). */
export function dayOfMonth(day: DayKey): number {
  return parts(day)[2];
}

/** The day of a yyyyMM month and a day of that month; null when there is no such day. */
export function dayKeyOf(yearMonth: number, dayNo: number): DayKey | null {
  const year = Math.floor(yearMonth / 100);
  const month = yearMonth % 100;
  if (month < 1 || month > 12 || !Number.isInteger(dayNo) || dayNo < 1 || dayNo > 31) return null;
  const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayNo).padStart(2, '0')}`;
  try {
    checkedEpochDay(key);
    return key;
  } catch {
    return null;
  }
}

/**
 * A day as Feishu writes it in a partial-failure message (yyyyMMdd, e.g. "20240501"; "2024-05-01" read
 * too); null when it is neither.
 */
export function dayKeyFromVendorText(text: string): DayKey | null {
  const trimmed = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (compact) return dayKeyOf(Number(compact[1]) * 100 + Number(compact[2]), Number(compact[3]));
  if (DAY_PATTERN.test(trimmed)) {
    const [year, month, date] = parts(trimmed);
    return dayKeyOf(year * 100 + month, date);
  }
  return null;
}

/** 00:00 China time of the day, in Unix seconds (WeCom starttime/endtime). */
export function chinaMidnightSeconds(day: DayKey): number {
  return chinaMidnightOfEpochDay(checkedEpochDay(day));
}
