import { z } from 'zod';
import { wecomEnvelopeSchema, wecomInt, wecomUnixSeconds } from './wecom-envelope.model.js';

// Schedules (排班) of by-shift rules: getcheckinschedulist / setcheckinschedulist (REFERENCE B8; [WC-PM]
// path/93380 and path/93385).

export const wecomGetCheckinScheduleListRequestSchema = z.strictObject({
  starttime: wecomUnixSeconds,
  /** the span may not exceed one month */
  endtime: wecomUnixSeconds,
  /** ≤ 100 userids */
  useridlist: z.array(z.string()),
});
export type WecomGetCheckinScheduleListRequest = z.infer<typeof wecomGetCheckinScheduleListRequestSchema>;

/** A section inside getcheckinschedulist: its id is `id` here, `time_id` in rule objects. */
export const wecomScheduleTimeSectionSchema = z.object({
  id: wecomInt,
  work_sec: wecomInt,
  off_work_sec: wecomInt,
  remind_work_sec: wecomInt.optional(),
  remind_off_work_sec: wecomInt.optional(),
});
export type WecomScheduleTimeSection = z.infer<typeof wecomScheduleTimeSectionSchema>;

export const wecomScheduleDaySchema = z.object({
  /** 1–31 */
  day: wecomInt,
  schedule_info: z.object({
    /** 0 with name "休息" and no sections = a rest day */
    schedule_id: wecomInt,
    schedule_name: z.string(),
    time_section: z.array(wecomScheduleTimeSectionSchema),
  }),
});
export type WecomScheduleDay = z.infer<typeof wecomScheduleDaySchema>;

export const wecomUserScheduleSchema = z.object({
  userid: z.string(),
  /** e.g. 202011 */
  yearmonth: wecomInt,
  groupid: wecomInt,
  groupname: z.string(),
  /** the key `scheduleList` is camelCase inside an otherwise snake_case payload (B8) */
  schedule: z.object({ scheduleList: z.array(wecomScheduleDaySchema) }),
});
export type WecomUserSchedule = z.infer<typeof wecomUserScheduleSchema>;

export const wecomGetCheckinScheduleListResponseSchema = wecomEnvelopeSchema.extend({
  schedule_list: z.array(wecomUserScheduleSchema),
});
export type WecomGetCheckinScheduleListResponse = z.infer<typeof wecomGetCheckinScheduleListResponseSchema>;

export const wecomSetCheckinScheduleItemSchema = z.strictObject({
  userid: z.string(),
  /** 1–31 */
  day: wecomInt.min(1).max(31),
  /** 0 = rest */
  schedule_id: wecomInt,
});
export type WecomSetCheckinScheduleItem = z.infer<typeof wecomSetCheckinScheduleItemSchema>;

/** By-shift rules only. */
export const wecomSetCheckinScheduleListRequestSchema = z.strictObject({
  groupid: wecomInt.nonnegative(),
  items: z.array(wecomSetCheckinScheduleItemSchema).min(1),
  /** e.g. 202012 */
  yearmonth: wecomInt,
});
export type WecomSetCheckinScheduleListRequest = z.infer<typeof wecomSetCheckinScheduleListRequestSchema>;
