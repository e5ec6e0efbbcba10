import type { WecomCheckinDateRead, WecomCheckinGroupRead, WecomScheduleRead } from './checkin-option.model.js';

// WeCom's read shapes mix units inside one block: `limit_aheadtime` and `flex_time` are MILLISECONDS
// (B4 example 10800000 = 3 h; B5), `limit_offtime` and every `*_sec`/`flex_*_duty_time` are SECONDS. These
// helpers replace the legacy fields by `*_sec` fields in seconds, so code past the client sees one unit.

/** Whole seconds from WeCom's legacy milliseconds; a value off the second is rounded (never seen in docs). */
export function legacyMsToSeconds(milliseconds: number): number {
  return Math.round(milliseconds / 1000);
}

type LegacyMsFields = 'limit_aheadtime' | 'flex_time';

export type WecomCheckinDateNormalised = Omit<WecomCheckinDateRead, LegacyMsFields> & {
  /** from legacy `limit_aheadtime` (ms): how early one may clock in, seconds */
  readonly limit_ahead_sec?: number;
  /** from legacy `flex_time` (ms): flexible minutes when flex_on/off_duty_time are -1, seconds */
  readonly flex_sec?: number;
};

export type WecomScheduleNormalised = Omit<WecomScheduleRead, 'limit_aheadtime' | 'limit_offtime'> & {
  /** from legacy `limit_aheadtime` (ms), seconds */
  readonly limit_ahead_sec?: number;
  /** from legacy `limit_offtime` (already seconds), renamed for uniformity */
  readonly limit_off_sec?: number;
};

export type WecomCheckinGroupNormalised = Omit<WecomCheckinGroupRead, 'checkindate' | 'schedulelist'> & {
  readonly checkindate?: WecomCheckinDateNormalised[];
  readonly schedulelist?: WecomScheduleNormalised[];
};

export function normaliseCheckinDateUnits(date: WecomCheckinDateRead): WecomCheckinDateNormalised {
  const { limit_aheadtime, flex_time, ...rest } = date;
  return {
    ...rest,
    ...(limit_aheadtime !== undefined && { limit_ahead_sec: legacyMsToSeconds(limit_aheadtime) }),
    ...(flex_time !== undefined && { flex_sec: legacyMsToSeconds(flex_time) }),
  };
}

export function normaliseScheduleUnits(schedule: WecomScheduleRead): WecomScheduleNormalised {
  const { limit_aheadtime, limit_offtime, ...rest } = schedule;
  return {
    ...rest,
    ...(limit_aheadtime !== undefined && { limit_ahead_sec: legacyMsToSeconds(limit_aheadtime) }),
    ...(limit_offtime !== undefined && { limit_off_sec: limit_offtime }),
  };
}

/** A read rule with every legacy millisecond field turned into seconds (`*_sec`). Pure; returns a copy. */
export function normaliseCheckinGroupUnits(group: WecomCheckinGroupRead): WecomCheckinGroupNormalised {
  const { checkindate, schedulelist, ...rest } = group;
  return {
    ...rest,
    ...(checkindate && { checkindate: checkindate.map(normaliseCheckinDateUnits) }),
    ...(schedulelist && { schedulelist: schedulelist.map(normaliseScheduleUnits) }),
  };
}
