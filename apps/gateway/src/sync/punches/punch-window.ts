import { chunk } from 'es-toolkit';
import { chinaDayStart, chinaMidnight, DAY_SECONDS } from '@app/kernel';

// Time windows of a punch run. Dates in requests are China-time days (UTC+8, no daylight saving: both
// vendors' attendance days are tenant days and the sample tenants are in China); windows are half-open
// [start, end) in Unix seconds.

/** Both read APIs take at most 30 days per call (getcheckindata B6; user_flows/query's span is UNCONFIRMED). */
export const MAX_SLICE_SECONDS = 30 * DAY_SECONDS;
/** A first incremental run (no from/to, no cursor yet) looks back this far. */
export const FIRST_RUN_LOOKBACK_DAYS = 7;
/** Incremental runs re-read this much before the watermark: late-arriving punches (corrections, imports). */
export const INCREMENTAL_OVERLAP_SECONDS = DAY_SECONDS;

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * The window a run reads. With from/to: their China-time days, the end reaching `reach` into the day after
 * `to`. Without: incremental from the stored watermark (less an overlap and the reach, so a punch that
 * belongs to the last window's days is read again rather than missed), or the last FIRST_RUN_LOOKBACK_DAYS.
 * Never past `now`: there are no future punches.
 */
export function runWindow(input: {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly watermark: number | null;
  readonly reach: number;
  readonly now: number;
}): TimeWindow {
  const { from, to, watermark, reach, now } = input;
  const start =
    from !== undefined
      ? requestedMidnight(from)
      : watermark !== null
        ? watermark - INCREMENTAL_OVERLAP_SECONDS - reach
        : chinaDayStart(now) - FIRST_RUN_LOOKBACK_DAYS * DAY_SECONDS;
  const requestedEnd = to !== undefined ? requestedMidnight(to) + DAY_SECONDS + reach : now + 1;
  return { start, end: Math.max(start, Math.min(requestedEnd, now + 1)) };
}

/**
 * 00:00 China time of a requested day; NaN, so an empty window, for text that names no day (the REST API
 * refuses such text; only a webhook's day outside the four-digit years is one, see chinaDayOf).
 */
function requestedMidnight(day: string): number {
  return chinaMidnight(day) ?? Number.NaN;
}

/** Consecutive slices of at most `max` seconds covering the window. */
export function sliceWindow(window: TimeWindow, max: number = MAX_SLICE_SECONDS): TimeWindow[] {
  const slices: TimeWindow[] = [];
  for (let start = window.start; start < window.end; start += max) {
    slices.push({ start, end: Math.min(window.end, start + max) });
  }
  return slices;
}

/** One unit of a punch run: a slice of time for a chunk of people; the run cursor counts finished units. */
export interface PunchUnit {
  readonly window: TimeWindow;
  /** Source-side user ids. */
  readonly users: readonly string[];
}

/** Every unit of a run, in a fixed order (time slices outer, sorted people inner), so a resumed run agrees. */
export function planUnits(window: TimeWindow, users: readonly string[], usersPerUnit: number): PunchUnit[] {
  const sorted = [...new Set(users)].sort();
  return sliceWindow(window).flatMap((slice) =>
    chunk(sorted, usersPerUnit).map((part) => ({ window: slice, users: part })),
  );
}
