// China days: the calendar both vendors keep attendance in, and the one every day of the gateway is in.
//
// China Standard Time is UTC+8 all year (tzdata records no daylight saving since 1991), so a China day is a
// UTC day moved by a fixed eight hours, and each operation here is a few lines of arithmetic on integers
// (H. Hinnant's days_from_civil / civil_from_days, proleptic Gregorian calendar). Hence no date library: a
// fixed offset needs none, and the one utility library in package.json, es-toolkit, has no calendar
// functions. No Intl and, on every path a real day takes, no Date either: special days are converted for
// every rule of every run. Pure.
//
// A day has four spellings here:
//   - the epoch day, days since 1970-01-01 (an integer), which every conversion goes through;
//   - "YYYY-MM-DD": the gateway's days (REST from/to, run windows), canonical special days;
//   - the int yyyyMMdd: Feishu's punch_day and check_date_from/to;
//   - its 00:00 in China as unix seconds: WeCom's spe_workdays/spe_offdays timestamps, starttime/endtime.
// Both text and int are read for years 0000–9999; anything else reads as null.

export const DAY_SECONDS = 86_400;
/** China Standard Time, UTC+8 without daylight saving. */
export const CHINA_UTC_OFFSET_SECONDS = 8 * 3600;

const DAY_MS = DAY_SECONDS * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day of the proleptic Gregorian calendar: month 1–12, day 1–31. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Days from 1970-01-01 to `year`-`month`-`day` (integers). A month or day outside its range rolls over as it
 * does in Date.UTC (month 13 is January of the next year, day 0 the last day of the month before); unlike
 * Date.UTC, years 0–99 are those years, not 1900–1999.
 */
export function epochDayOf(year: number, month: number, day: number): number {
  const yearsCarried = Math.floor((month - 1) / 12);
  const m = month - yearsCarried * 12;
  const y = year + yearsCarried - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
  );
}

/** The calendar date of an epoch day (an integer). */
export function calendarDateOf(epochDay: number): CalendarDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1,
  };
}

/** The epoch day of a "YYYY-MM-DD" naming a real day, else null (2026-02-30, 2026-13-01, "2026-3-1"). */
export function parseIsoDay(text: string): number | null {
  const match = ISO_DAY.exec(text);
  return match ? realEpochDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/**
 * "YYYY-MM-DD" of an epoch day. A day outside years 0000–9999 has no such spelling; it is then written as
 * Date#toISOString begins ("+010000-01", which parseIsoDay refuses), and one past Date's range throws a
 * RangeError: what the gateway wrote before this module, kept so such input fails as it always did.
 */
export function formatIsoDay(epochDay: number): string {
  return fourDigitYearIsoDay(epochDay) ?? isoStringStart(epochDay * DAY_MS);
}

/** The epoch day of a yyyyMMdd int naming a real day, else null (20260230, 2026031, 20260301.5). */
export function parseDayInt(value: number): number | null {
  if (!Number.isInteger(value) || value < 0 || value > 99_991_231) return null;
  return realEpochDay(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
}

/** yyyyMMdd of an epoch day, as an int. */
export function formatDayInt(epochDay: number): number {
  const { year, month, day } = calendarDateOf(epochDay);
  return year * 10_000 + month * 100 + day;
}

/** The China day holding an instant (unix seconds), as an epoch day. */
export function chinaEpochDayOf(unixSeconds: number): number {
  return Math.floor((unixSeconds + CHINA_UTC_OFFSET_SECONDS) / DAY_SECONDS);
}

/** 00:00 in China of an epoch day, in unix seconds. */
export function chinaMidnightOfEpochDay(epochDay: number): number {
  return epochDay * DAY_SECONDS - CHINA_UTC_OFFSET_SECONDS;
}

/** The China day holding an instant (unix seconds), "YYYY-MM-DD" (outside years 0000–9999: see formatIsoDay). */
export function chinaDayOf(unixSeconds: number): string {
  return (
    fourDigitYearIsoDay(chinaEpochDayOf(unixSeconds)) ?? isoStringStart((unixSeconds + CHINA_UTC_OFFSET_SECONDS) * 1000)
  );
}

/** 00:00 in China of the day holding an instant; both unix seconds. */
export function chinaDayStart(unixSeconds: number): number {
  return chinaMidnightOfEpochDay(chinaEpochDayOf(unixSeconds));
}

/** 00:00 in China of a "YYYY-MM-DD" day, in unix seconds; null when the text names no day (see parseIsoDay). */
export function chinaMidnight(day: string): number | null {
  const epochDay = parseIsoDay(day);
  return epochDay === null ? null : chinaMidnightOfEpochDay(epochDay);
}

/** The "YYYY-MM-DD" day `days` (an integer, may be negative) after another; RangeError when that is no day. */
export function addDays(day: string, days: number): string {
  const epochDay = parseIsoDay(day);
  if (epochDay === null) throw new RangeError(`not a YYYY-MM-DD calendar day: "${day}"`);
  return formatIsoDay(epochDay + days);
}

/** Monday = 0 … Sunday = 6, Feishu's week order (punch_day_shift_ids), of an epoch day. */
export function mondayFirstWeekday(epochDay: number): number {
  // 1970-01-01 was a Thursday.
  return (((epochDay + 3) % 7) + 7) % 7;
}

function realEpochDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDayOf(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fourDigitYearIsoDay(epochDay: number): string | null {
  const { year, month, day } = calendarDateOf(epochDay);
  if (!(year >= 0 && year <= 9999)) return null;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function isoStringStart(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
