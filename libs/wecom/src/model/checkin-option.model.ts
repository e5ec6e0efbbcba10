import { z } from 'zod';
import { wecomEnvelopeSchema, wecomInt, wecomUnixSeconds } from './wecom-envelope.model.js';

// WeCom checkin rules (打卡规则, "checkin_option"), in two shapes that differ on purpose:
//  - the WRITE shape of add/update_checkin_option (wecom-checkin-option-rules.md, "打卡规则字段说明");
//  - the READ shape of getcorpcheckinoption / getcheckinoption (REFERENCE B4/B5), which also carries legacy
//    fields in other units (limit_aheadtime and flex_time in MILLISECONDS, noneed_offwork, ot_info) and, on
//    rules created with the newer API, echoes the write-side fields too: a real 2024 response pasted in
//    binarywang/WxJava issue #3323 has time_id, earliest/latest_*, no_need_checkon/off next to
//    noneed_offwork and limit_aheadtime; WxJava issue #3567 (2025) shows ot_info_v2 on read. So every
//    write-side field is optional on read.
// Write schemas are strict (an unknown key is a typo, e.g. `partyid` for `party_id`, and WeCom's answer to
// it is unknowable); read schemas tolerate and strip unknown keys.

// ---------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------

const timeruleSchema = z.object({ offwork_after_time: wecomInt, onwork_flex_time: wecomInt });

/** 晚走晚到 (late_rule): seconds; the doc caps each at 600 minutes. */
const lateRuleShape = {
  allow_offwork_after_time: z.boolean().optional(),
  offwork_after_time: wecomInt.optional(),
  onwork_flex_time: wecomInt.optional(),
  timerules: z.array(timeruleSchema).optional(),
};
export const wecomLateRuleReadSchema = z.object(lateRuleShape);
export const wecomLateRuleWriteSchema = z.strictObject({
  ...lateRuleShape,
  timerules: z.array(z.strictObject({ offwork_after_time: wecomInt, onwork_flex_time: wecomInt })).optional(),
});
export type WecomLateRule = z.infer<typeof wecomLateRuleWriteSchema>;

const wifiShape = { wifiname: z.string(), wifimac: z.string() };
const locationShape = {
  /** degrees × 1,000,000, GCJ-02 */
  lat: wecomInt,
  /** degrees × 1,000,000, GCJ-02 */
  lng: wecomInt,
  loc_title: z.string(),
  loc_detail: z.string(),
  /** metres, one of 100…1000 step 100, 1500, 2000, 2500, 3000 */
  distance: wecomInt,
};

// 加班 (overtime), create-side `ot_info_v2` (wecom-checkin-option-rules.md "ot_info_v2.*").
const fixTimeRuleShape = { fix_time_begin_sec: wecomInt, fix_time_end_sec: wecomInt };
const calOtItemShape = { ot_time: wecomInt, rest_time: wecomInt };

function otRestInfo<T extends typeof z.object | typeof z.strictObject>(object: T) {
  return object({
    /** 0 no deduction, 1 fixed rest periods, 2 by overtime length */
    type: wecomInt.optional(),
    fix_time_rule_list: z.array(object(fixTimeRuleShape)).optional(),
    cal_ottime_rule: object({ items: z.array(object(calOtItemShape)) }).optional(),
  });
}

function otDayConf<T extends typeof z.object | typeof z.strictObject>(object: T) {
  const restinfo = otRestInfo(object);
  return object({
    allow_ot: z.boolean(),
    /** 0 approval ∩ punches, 1 punches only, 2 approval only (default 2) */
    type: wecomInt.optional(),
    apply: object({ restinfo: restinfo.optional() }).optional(),
    checkin: object({
      ot_time_start: wecomInt.optional(),
      ot_time_min: wecomInt.optional(),
      ot_time_max: wecomInt.optional(),
      restinfo: restinfo.optional(),
    }).optional(),
    applycheckin: object({ restinfo: restinfo.optional() }).optional(),
    ot_trans_enable: z.boolean().optional(),
    ot_trans_type: wecomInt.optional(),
    vacation: object({ trans_ratio: wecomInt.optional(), sync_vacation: z.boolean().optional() }).optional(),
  });
}

// Write: the field table marks workdayconf, restdayconf and holidayconf "是" (required) and error 301093
// "workdayconf/restdayconf/holidayconf is necessary" agrees; the doc's own request example sending only
// workdayconf is the odd one out, so the write shape requires all three. Read: whatever WeCom echoes.
export const wecomOtInfoV2WriteSchema = z.strictObject({
  workdayconf: otDayConf(z.strictObject),
  restdayconf: otDayConf(z.strictObject),
  holidayconf: otDayConf(z.strictObject),
});
export const wecomOtInfoV2ReadSchema = z.object({
  workdayconf: otDayConf(z.object).optional(),
  restdayconf: otDayConf(z.object).optional(),
  holidayconf: otDayConf(z.object).optional(),
});
export type WecomOtInfoV2 = z.infer<typeof wecomOtInfoV2WriteSchema>;

/** Legacy read-only overtime block `ot_info` (REFERENCE B4). Creating with it is refused (301094). */
const legacyOtRestInfoSchema = z.object({
  type: wecomInt.optional(),
  fix_time_rule: z.object(fixTimeRuleShape).optional(),
  cal_ottime_rule: z.object({ items: z.array(z.object(calOtItemShape)) }).optional(),
});
const legacyOtCheckInfoSchema = z.object({
  ot_workingday_time_start: wecomInt.optional(),
  ot_workingday_time_min: wecomInt.optional(),
  ot_workingday_time_max: wecomInt.optional(),
  ot_nonworkingday_time_min: wecomInt.optional(),
  ot_nonworkingday_time_max: wecomInt.optional(),
  ot_nonworkingday_spanday_time: wecomInt.optional(),
  ot_workingday_restinfo: legacyOtRestInfoSchema.optional(),
  ot_nonworkingday_restinfo: legacyOtRestInfoSchema.optional(),
});
export const wecomLegacyOtInfoSchema = z.object({
  type: wecomInt.optional(),
  allow_ot_workingday: z.boolean().optional(),
  allow_ot_nonworkingday: z.boolean().optional(),
  otcheckinfo: legacyOtCheckInfoSchema.optional(),
  uptime: wecomInt.optional(),
  otapplyinfo: legacyOtCheckInfoSchema
    .extend({
      allow_ot_workingday: z.boolean().optional(),
      allow_ot_nonworkingday: z.boolean().optional(),
      uptime: wecomInt.optional(),
    })
    .optional(),
});
export type WecomLegacyOtInfo = z.infer<typeof wecomLegacyOtInfoSchema>;

// ---------------------------------------------------------------------------------------------------------
// WRITE shape: add_checkin_option / update_checkin_option (wecom-checkin-option-rules.md)
// ---------------------------------------------------------------------------------------------------------

/** One 打卡时段 of a fixed rule: seconds from local 00:00, next-day values above 86400. */
export const wecomCheckinTimeWriteSchema = z.strictObject({
  /** unique in the rule, 1–99998 */
  time_id: wecomInt,
  work_sec: wecomInt,
  off_work_sec: wecomInt,
  remind_work_sec: wecomInt,
  remind_off_work_sec: wecomInt,
  earliest_work_sec: wecomInt,
  latest_work_sec: wecomInt,
  earliest_off_work_sec: wecomInt,
  latest_off_work_sec: wecomInt,
  allow_rest: z.boolean().optional(),
  rest_begin_time: wecomInt.optional(),
  rest_end_time: wecomInt.optional(),
  no_need_checkon: z.boolean().optional(),
  no_need_checkoff: z.boolean().optional(),
});
export type WecomCheckinTimeWrite = z.infer<typeof wecomCheckinTimeWriteSchema>;

const flexShape = {
  allow_flex: z.boolean().optional(),
  /** seconds (not ms: the create side of the doc says 秒) */
  flex_on_duty_time: wecomInt.optional(),
  flex_off_duty_time: wecomInt.optional(),
  max_allow_arrive_early: wecomInt.optional(),
  max_allow_arrive_late: wecomInt.optional(),
};

export const wecomCheckinDateWriteSchema = z.strictObject({
  /** 0 = Sunday, 1–6 = Monday–Saturday */
  workdays: z.array(wecomInt),
  checkintime: z.array(wecomCheckinTimeWriteSchema),
  ...flexShape,
  late_rule: wecomLateRuleWriteSchema.optional(),
});
export type WecomCheckinDateWrite = z.infer<typeof wecomCheckinDateWriteSchema>;

/** Special-day times: like a section but WITHOUT the earliest/latest windows (301094 if sent). */
export const wecomSpecialDayTimeWriteSchema = z.strictObject({
  time_id: wecomInt.optional(),
  work_sec: wecomInt,
  off_work_sec: wecomInt,
  remind_work_sec: wecomInt,
  remind_off_work_sec: wecomInt,
});

const specialDayShape = {
  /** 00:00 of the day (type 0), or the start (type 2) */
  timestamp: wecomUnixSeconds.optional(),
  notes: z.string(),
  /** 0 one day, 1 a closed range begtime–endtime, 2 every other week from timestamp until endtime */
  type: wecomInt.optional(),
  begtime: wecomUnixSeconds.optional(),
  endtime: wecomUnixSeconds.optional(),
};
export const wecomSpecialWorkdayWriteSchema = z.strictObject({
  ...specialDayShape,
  checkintime: z.array(wecomSpecialDayTimeWriteSchema),
});
export const wecomSpecialOffdayWriteSchema = z.strictObject(specialDayShape);

/** A by-shift rule's 班次 section. Its id is `time_id` here but `id` in getcheckinschedulist. */
export const wecomTimeSectionWriteSchema = wecomCheckinTimeWriteSchema;

export const wecomScheduleWriteSchema = z.strictObject({
  /** unique in the rule; 0 is the mandatory rest schedule named "休息" with no time_section */
  schedule_id: wecomInt,
  schedule_name: z.string(),
  time_section: z.array(wecomTimeSectionWriteSchema).optional(),
  ...flexShape,
  late_rule: wecomLateRuleWriteSchema.optional(),
});
export type WecomScheduleWrite = z.infer<typeof wecomScheduleWriteSchema>;

export const wecomRangeWriteSchema = z.strictObject({
  /** department ids (strings on the wire, REFERENCE B4) */
  party_id: z.array(z.string()).optional(),
  userid: z.array(z.string()).optional(),
  tagid: z.array(wecomInt).optional(),
});
export type WecomRangeWrite = z.infer<typeof wecomRangeWriteSchema>;

const groupWriteShape = {
  /** 1 fixed (固定时间上下班), 2 by shift (按班次上下班, "freegroup" in WeCom's errors), 3 free (自由上下班) */
  grouptype: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** ≤ 40 characters */
  groupname: z.string(),
  checkindate: z.array(wecomCheckinDateWriteSchema).optional(),
  spe_workdays: z.array(wecomSpecialWorkdayWriteSchema).optional(),
  spe_offdays: z.array(wecomSpecialOffdayWriteSchema).optional(),
  sync_holidays: z.boolean().optional(),
  need_photo: z.boolean().optional(),
  note_can_use_local_pic: z.boolean().optional(),
  wifimac_infos: z.array(z.strictObject(wifiShape)).optional(),
  allow_checkin_offworkday: z.boolean().optional(),
  allow_apply_offworkday: z.boolean().optional(),
  loc_infos: z.array(z.strictObject(locationShape)).optional(),
  range: wecomRangeWriteSchema,
  white_users: z.array(z.string()).optional(),
  /** 0 phone, 2 attendance machine, 3 both */
  type: wecomInt.optional(),
  reporterinfo: z
    .strictObject({
      reporters: z.array(z.strictObject({ userid: z.string().optional(), tagid: wecomInt.optional() })),
    })
    .optional(),
  allow_apply_bk_cnt: wecomInt.optional(),
  allow_apply_bk_day_limit: wecomInt.optional(),
  buka_limit_next_month: wecomInt.optional(),
  /** 0 exception, 1 counts as field punch, 2 forbidden */
  option_out_range: wecomInt.optional(),
  schedulelist: z.array(wecomScheduleWriteSchema).optional(),
  /** free rules: seconds between clock-in and the earliest clock-out */
  offwork_interval_time: wecomInt.optional(),
  use_face_detect: z.boolean().optional(),
  open_face_live_detect: z.boolean().optional(),
  /** required on create (301093 "ot_info_v2 is necessary") */
  ot_info_v2: wecomOtInfoV2WriteSchema,
  sync_out_checkin: z.boolean().optional(),
  buka_remind: z
    .strictObject({
      open_remind: z.boolean().optional(),
      buka_remind_day: wecomInt.optional(),
      /** 0 this month, 1 next month */
      buka_remind_month: wecomInt.optional(),
    })
    .optional(),
  /** bit flags, low to high: missing / late / early / other; 0 = all may be corrected */
  buka_restriction: wecomInt.optional(),
  /** free rules only: seconds from 00:00 where the day rolls over */
  span_day_time: wecomInt.optional(),
  /** free rules only: seconds, -1 unlimited */
  standard_work_duration: wecomInt.optional(),
};

/** `group` of add_checkin_option. `groupid` is ignored on create, so the type has none. */
export const wecomCheckinGroupCreateSchema = z.strictObject(groupWriteShape);
export type WecomCheckinGroupCreate = z.infer<typeof wecomCheckinGroupCreateSchema>;

/**
 * `group` of update_checkin_option: `groupid` is required and every other field is optional, because an
 * omitted field (and an omitted or EMPTY array) means "leave unchanged" (doc, 修改打卡规则 note 3). To
 * clear an array use clear_checkin_option_array_field.
 */
export const wecomCheckinGroupUpdateSchema = z.strictObject({
  groupid: wecomInt.nonnegative(),
  ...z.strictObject(groupWriteShape).partial().shape,
});
export type WecomCheckinGroupUpdate = z.infer<typeof wecomCheckinGroupUpdateSchema>;

export const wecomAddCheckinOptionRequestSchema = z.strictObject({
  /** default false: the change applies from tomorrow */
  effective_now: z.boolean().optional(),
  group: wecomCheckinGroupCreateSchema,
});
export type WecomAddCheckinOptionRequest = z.infer<typeof wecomAddCheckinOptionRequestSchema>;

export const wecomUpdateCheckinOptionRequestSchema = z.strictObject({
  effective_now: z.boolean().optional(),
  group: wecomCheckinGroupUpdateSchema,
});
export type WecomUpdateCheckinOptionRequest = z.infer<typeof wecomUpdateCheckinOptionRequestSchema>;

/** clear_field: 1 spe_workdays, 2 spe_offdays, 3 wifimac_infos, 4 loc_infos (not both 3 and 4 left empty). */
export const WECOM_CLEAR_FIELDS = { spe_workdays: 1, spe_offdays: 2, wifimac_infos: 3, loc_infos: 4 } as const;
export type WecomClearField = (typeof WECOM_CLEAR_FIELDS)[keyof typeof WECOM_CLEAR_FIELDS];

export const wecomClearCheckinOptionArrayFieldRequestSchema = z.strictObject({
  groupid: wecomInt.nonnegative(),
  clear_field: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])).min(1),
  effective_now: z.boolean().optional(),
});
export type WecomClearCheckinOptionArrayFieldRequest = z.infer<typeof wecomClearCheckinOptionArrayFieldRequestSchema>;

export const wecomDelCheckinOptionRequestSchema = z.strictObject({
  groupid: wecomInt.nonnegative(),
  effective_now: z.boolean().optional(),
});
export type WecomDelCheckinOptionRequest = z.infer<typeof wecomDelCheckinOptionRequestSchema>;

// ---------------------------------------------------------------------------------------------------------
// READ shape: getcorpcheckinoption (B4) and getcheckinoption (B5)
// ---------------------------------------------------------------------------------------------------------

/** A section as read: only the times are certain; the create-side windows appear on newer rules. */
export const wecomCheckinTimeReadSchema = z.object({
  time_id: wecomInt.optional(),
  work_sec: wecomInt,
  off_work_sec: wecomInt,
  remind_work_sec: wecomInt.optional(),
  remind_off_work_sec: wecomInt.optional(),
  earliest_work_sec: wecomInt.optional(),
  latest_work_sec: wecomInt.optional(),
  earliest_off_work_sec: wecomInt.optional(),
  latest_off_work_sec: wecomInt.optional(),
  allow_rest: z.boolean().optional(),
  rest_begin_time: wecomInt.optional(),
  rest_end_time: wecomInt.optional(),
  no_need_checkon: z.boolean().optional(),
  no_need_checkoff: z.boolean().optional(),
});
export type WecomCheckinTimeRead = z.infer<typeof wecomCheckinTimeReadSchema>;

/** The legacy read-only fields that share a block with the flex settings. */
const legacyWindowShape = {
  /** LEGACY, MILLISECONDS (e.g. 10800000 = 3 h): how early one may clock in. Use the units helpers. */
  limit_aheadtime: wecomInt.optional(),
  /** LEGACY, MILLISECONDS, only meaningful when flex_on/off_duty_time are -1 (getcheckinoption, B5). */
  flex_time: wecomInt.optional(),
  /** LEGACY: true = no clock-out needed (the create side uses per-section no_need_checkoff). */
  noneed_offwork: z.boolean().optional(),
};

export const wecomCheckinDateReadSchema = z.object({
  /** 0 = Sunday, 1–6 = Monday–Saturday; for by-shift rules "the dates the shifts were pulled for" (B5) */
  workdays: z.array(wecomInt),
  checkintime: z.array(wecomCheckinTimeReadSchema),
  ...legacyWindowShape,
  ...flexShape,
  late_rule: wecomLateRuleReadSchema.optional(),
});
export type WecomCheckinDateRead = z.infer<typeof wecomCheckinDateReadSchema>;

export const wecomSpecialWorkdayReadSchema = z.object({
  timestamp: wecomUnixSeconds.optional(),
  notes: z.string().optional(),
  type: wecomInt.optional(),
  begtime: wecomUnixSeconds.optional(),
  endtime: wecomUnixSeconds.optional(),
  checkintime: z.array(wecomCheckinTimeReadSchema).optional(),
});
export const wecomSpecialOffdayReadSchema = wecomSpecialWorkdayReadSchema;

export const wecomScheduleReadSchema = z.object({
  schedule_id: wecomInt,
  schedule_name: z.string(),
  time_section: z.array(wecomCheckinTimeReadSchema).optional(),
  /** LEGACY, MILLISECONDS (e.g. 14400000) */
  limit_aheadtime: wecomInt.optional(),
  /** LEGACY, SECONDS (e.g. 14400) — a different unit from its neighbour; use the units helpers */
  limit_offtime: wecomInt.optional(),
  noneed_offwork: z.boolean().optional(),
  ...flexShape,
  late_rule: wecomLateRuleReadSchema.optional(),
});
export type WecomScheduleRead = z.infer<typeof wecomScheduleReadSchema>;

/**
 * `range` as read. The doc and WxJava spell the departments `party_id`; the SKIT sample and silenceper's
 * types spell it `partyid` (REFERENCE B4). Both are accepted and the parsed value always has `party_id`,
 * so consumers see one spelling. Ids are strings on the wire; numbers are tolerated and stringified.
 */
const idList = z.array(z.union([z.string(), wecomInt])).transform((ids) => ids.map(String));
export const wecomRangeReadSchema = z
  .object({
    party_id: idList.optional(),
    partyid: idList.optional(),
    userid: z.array(z.string()).optional(),
    tagid: z.array(wecomInt).optional(),
  })
  .transform(({ party_id, partyid, userid, tagid }) => ({
    party_id: party_id ?? partyid ?? [],
    userid: userid ?? [],
    tagid: tagid ?? [],
  }));
export type WecomRangeRead = z.infer<typeof wecomRangeReadSchema>;

const groupReadCore = {
  grouptype: wecomInt,
  groupid: wecomInt,
  groupname: z.string(),
  checkindate: z.array(wecomCheckinDateReadSchema).optional(),
  spe_workdays: z.array(wecomSpecialWorkdayReadSchema).optional(),
  spe_offdays: z.array(wecomSpecialOffdayReadSchema).optional(),
  sync_holidays: z.boolean().optional(),
  need_photo: z.boolean().optional(),
  note_can_use_local_pic: z.boolean().optional(),
  allow_checkin_offworkday: z.boolean().optional(),
  allow_apply_offworkday: z.boolean().optional(),
  wifimac_infos: z.array(z.object(wifiShape)).optional(),
  loc_infos: z.array(z.object(locationShape)).optional(),
  type: wecomInt.optional(),
  option_out_range: wecomInt.optional(),
  use_face_detect: z.boolean().optional(),
  open_face_live_detect: z.boolean().optional(),
  allow_apply_bk_cnt: wecomInt.optional(),
  allow_apply_bk_day_limit: wecomInt.optional(),
  buka_limit_next_month: wecomInt.optional(),
  buka_restriction: wecomInt.optional(),
  buka_remind: z
    .object({
      open_remind: z.boolean().optional(),
      buka_remind_day: wecomInt.optional(),
      buka_remind_month: wecomInt.optional(),
    })
    .optional(),
  sync_out_checkin: z.boolean().optional(),
  schedulelist: z.array(wecomScheduleReadSchema).optional(),
  offwork_interval_time: wecomInt.optional(),
  span_day_time: wecomInt.optional(),
  standard_work_duration: wecomInt.optional(),
  ot_info_v2: wecomOtInfoV2ReadSchema.optional(),
};

/** One rule from getcorpcheckinoption (B4). */
export const wecomCheckinGroupReadSchema = z.object({
  ...groupReadCore,
  range: wecomRangeReadSchema.optional(),
  white_users: z.array(z.string()).optional(),
  reporterinfo: z
    .object({
      reporters: z.array(z.object({ userid: z.string().optional(), tagid: wecomInt.optional() })).optional(),
      updatetime: wecomInt.optional(),
    })
    .optional(),
  ot_info: wecomLegacyOtInfoSchema.optional(),
  create_time: wecomUnixSeconds.optional(),
  create_userid: z.string().optional(),
  update_userid: z.string().optional(),
});
export type WecomCheckinGroupRead = z.infer<typeof wecomCheckinGroupReadSchema>;

export const wecomGetCorpCheckinOptionResponseSchema = wecomEnvelopeSchema.extend({
  group: z.array(wecomCheckinGroupReadSchema),
});
export type WecomGetCorpCheckinOptionResponse = z.infer<typeof wecomGetCorpCheckinOptionResponseSchema>;

/** getcheckinoption (B5): body `{datetime: that day's 00:00, useridlist ≤ 100}`. */
export const wecomGetCheckinOptionRequestSchema = z.strictObject({
  datetime: wecomUnixSeconds,
  useridlist: z.array(z.string()),
});
export type WecomGetCheckinOptionRequest = z.infer<typeof wecomGetCheckinOptionRequestSchema>;

/** The per-user rule of one day: a subset of B4 (no range/white_users/reporterinfo/ot_info documented). */
export const wecomUserCheckinGroupReadSchema = z.object(groupReadCore);
export type WecomUserCheckinGroupRead = z.infer<typeof wecomUserCheckinGroupReadSchema>;

export const wecomUserCheckinOptionSchema = z.object({
  userid: z.string(),
  group: wecomUserCheckinGroupReadSchema,
});
export type WecomUserCheckinOption = z.infer<typeof wecomUserCheckinOptionSchema>;

export const wecomGetCheckinOptionResponseSchema = wecomEnvelopeSchema.extend({
  info: z.array(wecomUserCheckinOptionSchema),
});
export type WecomGetCheckinOptionResponse = z.infer<typeof wecomGetCheckinOptionResponseSchema>;
