// WeCom's calendar is China time (UTC+8, no daylight saving): days, weekdays, schedule months. The emulator
// keeps its own copy of these few lines rather than importing the client library it is meant to check.

export const DAY_SECONDS = 86_400;
const OFFSET_SECONDS = 8 * 3600;

/** 00:00 China time of the day holding `unixSeconds`. */
export function dayStart(unixSeconds: number): number {
  const shifted = unixSeconds + OFFSET_SECONDS;
  return shifted - (((shifted % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS) - OFFSET_SECONDS;
}

export interface ChinaDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
  /** 0 = Sunday … 6 = Saturday (WeCom's `workdays` numbering) */
  readonly weekday: number;
}

export function chinaDate(unixSeconds: number): ChinaDate {
  const date = new Date((unixSeconds + OFFSET_SECONDS) * 1000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

/** 00:00 China time of `year`-`month`-`day` (month 1–12; overflowing days roll into the next month). */
export function chinaMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 1000 - OFFSET_SECONDS;
}

export function yearMonthOf(unixSeconds: number): number {
  const { year, month } = chinaDate(unixSeconds);
  return year * 100 + month;
}

export function daysInMonth(yearmonth: number): number {
  const year = Math.floor(yearmonth / 100);
  const month = yearmonth % 100;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day-of-month one calendar month later (clamped to the month's last day), at 00:00. */
export function oneMonthLater(unixSeconds: number): number {
  const { year, month, day } = chinaDate(dayStart(unixSeconds));
  const nextMonth = month === 12 ? 1 : month + 1;
  const nextYear = month === 12 ? year + 1 : year;
  const lastDay = daysInMonth(nextYear * 100 + nextMonth);
  return chinaMidnight(nextYear, nextMonth, Math.min(day, lastDay));
}
