import type { WecomCheckinDateRead, WecomCheckinGroupRead, WecomScheduleRead } from './checkin-option.model.js';

// WeCom's read shapes mix units inside one block: `limit_aheadtime` and `flex_time` are MILLISECONDS
// (B4 example 10800000 = 3 h; B5), `limit_offtime` and every `*_sec` are SECONDS, and the flex durations
// (flex_on/off_duty_time, max_allow_arrive_early/late) are seconds by the doc but milliseconds by several
// clients (evidence next to the read schema, checkin-option.model.ts flexReadShape). These helpers give
// code past the client one unit: seconds.

/** Whole seconds from WeCom's legacy milliseconds; a value off the second is rounded (never seen in docs). */
export function legacyMsToSeconds(milliseconds: number): number {
  return Math.round(milliseconds / 1000);
}

/**
 * The largest flex duration the doc allows, in seconds: 360 minutes (wecom-checkin-option-rules.md L603
 * "not exceed 21600", L519/L521 "不超过360分钟").
 */
export const WECOM_FLEX_MAX_SECONDS = 21_600;

/**
 * One flex duration as read, in seconds, and how it was read:
 *  - 'seconds': at most the doc's maximum (the doc's unit);
 *  - 'milliseconds': above the maximum and a whole number of thousands, so a milliseconds value (as the SKIT
 *    and WxJava read models document it): no valid seconds value is above 21600, and every valid
 *    milliseconds value (a multiple of 300 s, doc L603) is at least 300000;
 *  - 'unknown': above the maximum and not a whole number of thousands, so valid in neither unit; kept as
 *    seconds, for the caller to report.
 */
export interface WecomFlexDurationReading {
  readonly seconds: number;
  readonly unit: 'seconds' | 'milliseconds' | 'unknown';
}

/**
 * Reads flex_on_duty_time, flex_off_duty_time, max_allow_arrive_early or max_allow_arrive_late (checkindate
 * entries and schedules) in seconds, accepting both units the evidence allows. Negative values (−1 =
 * "use the legacy flex_time", B5) are returned as they are, in 'seconds': they are the caller's to read.
 * Pure.
 */
export function readWecomFlexDuration(value: number): WecomFlexDurationReading {
  if (value <= WECOM_FLEX_MAX_SECONDS) return { seconds: value, unit: 'seconds' };
  if (value % 1000 === 0) return { seconds: value / 1000, unit: 'milliseconds' };
  return { seconds: value, unit: 'unknown' };
}

function flexSeconds(value: number | undefined): number | undefined {
  return value === undefined ? undefined : readWecomFlexDuration(value).seconds;
}

/** Omit for the loose read types: keeps their known keys (a plain Omit over an index signature loses them). */
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

type LegacyMsFields = 'limit_aheadtime' | 'flex_time';

export type WecomCheckinDateNormalised = Without<WecomCheckinDateRead, LegacyMsFields> & {
  /** from legacy `limit_aheadtime` (ms): how early one may clock in, seconds */
  readonly limit_ahead_sec?: number;
  /** from legacy `flex_time` (ms): flexible minutes when flex_on/off_duty_time are -1, seconds */
  readonly flex_sec?: number;
};

export type WecomScheduleNormalised = Without<WecomScheduleRead, 'limit_aheadtime' | 'limit_offtime'> & {
  /** from legacy `limit_aheadtime` (ms), seconds */
  readonly limit_ahead_sec?: number;
  /** from legacy `limit_offtime` (already seconds), renamed for uniformity */
  readonly limit_off_sec?: number;
};

export type WecomCheckinGroupNormalised = Without<WecomCheckinGroupRead, 'checkindate' | 'schedulelist'> & {
  readonly checkindate?: WecomCheckinDateNormalised[];
  readonly schedulelist?: WecomScheduleNormalised[];
};

/** The flex durations of a block in seconds (readWecomFlexDuration); absent ones stay absent. */
function flexInSeconds<T extends WecomCheckinDateRead | WecomScheduleRead>(block: T): T {
  const { flex_on_duty_time, flex_off_duty_time, max_allow_arrive_early, max_allow_arrive_late } = block;
  return {
    ...block,
    ...(flex_on_duty_time !== undefined && { flex_on_duty_time: flexSeconds(flex_on_duty_time) }),
    ...(flex_off_duty_time !== undefined && { flex_off_duty_time: flexSeconds(flex_off_duty_time) }),
    ...(max_allow_arrive_early !== undefined && { max_allow_arrive_early: flexSeconds(max_allow_arrive_early) }),
    ...(max_allow_arrive_late !== undefined && { max_allow_arrive_late: flexSeconds(max_allow_arrive_late) }),
  };
}

export function normaliseCheckinDateUnits(date: WecomCheckinDateRead): WecomCheckinDateNormalised {
  const { limit_aheadtime, flex_time, ...rest } = flexInSeconds(date);
  return {
    ...rest,
    ...(limit_aheadtime !== undefined && { limit_ahead_sec: legacyMsToSeconds(limit_aheadtime) }),
    ...(flex_time !== undefined && { flex_sec: legacyMsToSeconds(flex_time) }),
  };
}

export function normaliseScheduleUnits(schedule: WecomScheduleRead): WecomScheduleNormalised {
  const { limit_aheadtime, limit_offtime, ...rest } = flexInSeconds(schedule);
  return {
    ...rest,
    ...(limit_aheadtime !== undefined && { limit_ahead_sec: legacyMsToSeconds(limit_aheadtime) }),
    ...(limit_offtime !== undefined && { limit_off_sec: limit_offtime }),
  };
}

/**
 * A read rule with every legacy millisecond field turned into seconds (`*_sec`) and the flex durations read
 * in seconds (readWecomFlexDuration). Unknown keys are kept. Pure; returns a copy.
 */
export function normaliseCheckinGroupUnits(group: WecomCheckinGroupRead): WecomCheckinGroupNormalised {
  const { checkindate, schedulelist, ...rest } = group;
  return {
    ...rest,
    ...(checkindate && { checkindate: checkindate.map(normaliseCheckinDateUnits) }),
    ...(schedulelist && { schedulelist: schedulelist.map(normaliseScheduleUnits) }),
  };
}
