// Splitting calls to fit Feishu's per-call limits (≤ 50 users, ≤ 30 days, ≤ 50 records …). Pure.

export interface DayWindow {
  /** yyyyMMdd, inclusive. */
  readonly from: number;
  /** yyyyMMdd, inclusive. */
  readonly to: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a yyyyMMdd int (calendar arithmetic only; no time zone involved). */
export function dayIntToEpochDay(day: number): number {
  const year = Math.floor(day / 10000);
  const month = Math.floor(day / 100) % 100;
  const date = day % 100;
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new RangeError(`not a date as yyyyMMdd: ${day}`);
  }
  return ms / DAY_MS;
}

export function epochDayToDayInt(epochDay: number): number {
  const date = new Date(epochDay * DAY_MS);
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** [from, to] (inclusive yyyyMMdd) cut into consecutive windows of at most `maxDays` days each. */
export function splitDayRange(from: number, to: number, maxDays: number): DayWindow[] {
  const start = dayIntToEpochDay(from);
  const end = dayIntToEpochDay(to);
  if (end < start) throw new RangeError(`date range ends (${to}) before it starts (${from})`);
  const windows: DayWindow[] = [];
  for (let day = start; day <= end; day += maxDays) {
    windows.push({ from: epochDayToDayInt(day), to: epochDayToDayInt(Math.min(end, day + maxDays - 1)) });
  }
  return windows;
}
