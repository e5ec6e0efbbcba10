import { formatDayInt, parseDayInt } from '@app/kernel';

// Splitting calls to fit Feishu's per-call limits (≤ 50 users, ≤ 30 days, ≤ 50 records …). Pure.

export interface DayWindow {
  /** yyyyMMdd, inclusive. */
  readonly from: number;
  /** yyyyMMdd, inclusive. */
  readonly to: number;
}

/** [from, to] (inclusive yyyyMMdd) cut into consecutive windows of at most `maxDays` days each. */
export function splitDayRange(from: number, to: number, maxDays: number): DayWindow[] {
  const start = epochDayOf(from);
  const end = epochDayOf(to);
  if (end < start) throw new RangeError(`date range ends (${to}) before it starts (${from})`);
  const windows: DayWindow[] = [];
  for (let day = start; day <= end; day += maxDays) {
    windows.push({ from: formatDayInt(day), to: formatDayInt(Math.min(end, day + maxDays - 1)) });
  }
  return windows;
}

function epochDayOf(day: number): number {
  const epochDay = parseDayInt(day);
  if (epochDay === null) throw new RangeError(`not a date as yyyyMMdd: ${day}`);
  return epochDay;
}
