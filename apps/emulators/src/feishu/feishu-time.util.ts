// Calendar arithmetic in the sample tenant's time zone, Asia/Shanghai (UTC+8 all year, no DST).
// Its own copy, not @app/kernel's china-day: the emulator is an independent implementation of the vendor.

export const TENANT_UTC_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 86_400_000;

/** The tenant-local calendar day (days since 1970-01-01) of an instant. */
export function localEpochDay(ms: number): number {
  return Math.floor((ms + TENANT_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant (ms) of tenant-local midnight starting `epochDay`. */
export function localMidnight(epochDay: number): number {
  return epochDay * DAY_MS - TENANT_UTC_OFFSET_MS;
}

export function epochDayToDayInt(epochDay: number): number {
  const date = new Date(epochDay * DAY_MS);
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** Days since 1970-01-01 of yyyyMMdd, or null when it is not a real date. */
export function dayIntToEpochDay(day: number): number | null {
  if (!Number.isInteger(day)) return null;
  const year = Math.floor(day / 10000);
  const month = Math.floor(day / 100) % 100;
  const date = day % 100;
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  if (
    year < 1900 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== date
  ) {
    return null;
  }
  return ms / DAY_MS;
}

/** Monday = 0 … Sunday = 6 (Feishu's week order in punch_day_shift_ids and punch_day). */
export function mondayFirstWeekday(epochDay: number): number {
  // 1970-01-01 was a Thursday (Monday-first index 3).
  return (((epochDay + 3) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
