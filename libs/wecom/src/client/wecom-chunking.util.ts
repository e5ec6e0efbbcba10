import {
  calendarDateOf,
  chinaDayStart,
  chinaEpochDayOf,
  chinaMidnightOfEpochDay,
  DAY_SECONDS,
  epochDayOf,
} from '@app/kernel';

// Pure request splitting for WeCom's per-call limits. Times are unix seconds; WeCom's calendar (days,
// months, schedule yearmonth) is China time, UTC+8 without daylight saving.

export interface TimeWindow {
  readonly starttime: number;
  readonly endtime: number;
}

/** The ids once each, first occurrence first (a duplicate would waste a slot of the 100-user limit). */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Splits the closed window [starttime, endtime] into consecutive closed windows that neither overlap nor
 * leave a gap, each with endtime − starttime ≤ maxSpanSeconds (getcheckindata: 30 days) and endtime >
 * starttime (WeCom refuses anything else with 301024). Greedy: 35 days become 30 days + 5 days.
 */
export function splitTimeWindow(window: TimeWindow, maxSpanSeconds: number): TimeWindow[] {
  const { starttime, endtime } = window;
  if (!(endtime > starttime)) throw new Error(`endtime ${endtime} must be after starttime ${starttime}`);
  const windows: { starttime: number; endtime: number }[] = [];
  for (let start = starttime; start <= endtime;) {
    const end = Math.min(endtime, start + maxSpanSeconds);
    windows.push({ starttime: start, endtime: end });
    start = end + 1;
  }
  // A last window of one second (start = end) would be refused; borrow a second from the one before.
  const last = windows.at(-1);
  const previous = windows.at(-2);
  if (last && previous && last.starttime === last.endtime) {
    previous.endtime -= 1;
    last.starttime -= 1;
  }
  return windows;
}

/** 00:00 China time of the first day of the month `monthsLater` after the one holding `unixSeconds`. */
export function chinaMonthStart(unixSeconds: number, monthsLater = 0): number {
  const { year, month } = calendarDateOf(chinaEpochDayOf(unixSeconds));
  return chinaMidnightOfEpochDay(epochDayOf(year, month + monthsLater, 1));
}

/**
 * Splits [starttime, endtime] at China-time month boundaries, widened to whole days (schedules are per
 * day, so widening changes nothing that comes back, and every slice is then at least a day long). Each
 * slice lies inside one calendar month, which satisfies getcheckinschedulist's "span ≤ one month" under
 * any reading of it.
 */
export function splitByChinaMonth(window: TimeWindow): TimeWindow[] {
  if (window.endtime < window.starttime) {
    throw new Error(`endtime ${window.endtime} must not be before starttime ${window.starttime}`);
  }
  const first = chinaDayStart(window.starttime);
  const last = chinaDayStart(window.endtime) + DAY_SECONDS - 1;
  const windows: TimeWindow[] = [];
  for (let monthStart = chinaMonthStart(first); monthStart <= last; monthStart = chinaMonthStart(monthStart, 1)) {
    windows.push({
      starttime: Math.max(first, monthStart),
      endtime: Math.min(last, chinaMonthStart(monthStart, 1) - 1),
    });
  }
  return windows;
}
