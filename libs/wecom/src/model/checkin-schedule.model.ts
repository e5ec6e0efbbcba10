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

// The read side of getcheckinschedulist (B8). B8 gives an example and no field table, so what is required is
// what identifies a record or what a record cannot be without; everything else is optional, and unknown keys
// are kept (z.looseObject). Absent lists read as empty (no doc default: a list that is not there holds nothing),
// which is also how the B8 example shows a rest day's sections (`time_section: []`).

/**
 * A section inside getcheckinschedulist: its id is `id` here, `time_id` in rule objects. work_sec and
 * off_work_sec are the section (required, as in rule sections, checkin-option.model.ts); the id and the
 * reminders are optional (rule reads omit the section id too: the B4 example has no time_id).
 */
export const wecomScheduleTimeSectionSchema = z.looseObject({
  id: wecomInt.optional(),
  work_sec: wecomInt,
  off_work_sec: wecomInt,
  remind_work_sec: wecomInt.optional(),
  remind_off_work_sec: wecomInt.optional(),
});
export type WecomScheduleTimeSection = z.infer<typeof wecomScheduleTimeSectionSchema>;

/** One day of the month: `day` and the schedule it holds identify it; the name and sections describe it. */
export const wecomScheduleDaySchema = z.looseObject({
  /** 1–31 */
  day: wecomInt,
  schedule_info: z.looseObject({
    /** 0 with name "休息" and no sections = a rest day */
    schedule_id: wecomInt,
    schedule_name: z.string().optional(),
    time_section: z.array(wecomScheduleTimeSectionSchema).default(() => []),
  }),
});
export type WecomScheduleDay = z.infer<typeof wecomScheduleDaySchema>;

/**
 * One element of schedule_list: a user's month. userid + yearmonth identify it (required); groupid and
 * groupname are optional (a reader filtering by rule skips an entry without groupid); an absent schedule or
 * scheduleList reads as no days.
 */
export const wecomUserScheduleSchema = z.looseObject({
  userid: z.string(),
  /** e.g. 202011 */
  yearmonth: wecomInt,
  groupid: wecomInt.optional(),
  groupname: z.string().optional(),
  /** the key `scheduleList` is camelCase inside an otherwise snake_case payload (B8) */
  schedule: z
    .looseObject({ scheduleList: z.array(wecomScheduleDaySchema).default(() => []) })
    .default(() => ({ scheduleList: [] })),
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
