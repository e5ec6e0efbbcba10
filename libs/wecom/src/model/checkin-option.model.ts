import { z } from 'zod';
import { wecomEnvelopeSchema, wecomInt, wecomUnixSeconds } from './wecom-envelope.model.js';

// WeCom checkin rules (打卡规则, "checkin_option"), in two shapes that differ on purpose:
//  - the WRITE shape of add/update_checkin_option (wecom-checkin-option-rules.md, "打卡规则字段说明", "doc");
//  - the READ shape of getcorpcheckinoption / getcheckinoption (REFERENCE B4/B5), which also carries legacy
//    fields in other units (limit_aheadtime and flex_time in MILLISECONDS, noneed_offwork, ot_info) and, on
//    rules created with the newer API, echoes the write-side fields too: a real 2024 response pasted in
//    binarywang/WxJava issue #3323 has time_id, earliest/latest_*, no_need_checkon/off next to
//    noneed_offwork and limit_aheadtime; WxJava issue #3567 (2025) shows ot_info_v2 on read. So every
//    write-side field is optional on read.
//
// Tolerant reader, strict writer:
//  - WRITE schemas are strict (an unknown key is a typo, e.g. `partyid` for `party_id`, and WeCom's answer to
//    it is unknowable) and require what the doc requires.
//  - READ schemas follow the doc's field table: whatever it marks 否 (optional) or 特定类型必填 (required for
//    one rule type only) is optional here, whatever the rule type, because a read cannot know the type before
//    it is decoded and a sparse answer must not make the rule unreadable (issue #16: a free rule read without
//    checkindate[].checkintime). The doc's defaults are applied by the reader, from ONE table:
//    checkin-option-read-defaults.ts (why not here: see there). Read schemas are z.looseObject: they KEEP the
//    keys we do not model (the 2024 doc example of B4 already shows `open_sp_checkin`), so a
//    read-modify-write can send back what it does not understand.
//  - Still required on read, and why:
//      * a rule's groupid, grouptype and groupname: they identify it (the doc marks grouptype/groupname for
//        所有类型, groupid is the key of every update/clear/delete);
//      * a schedule's schedule_id and schedule_name: the id identifies it, the name is unique in the rule
//        (doc L493-496), and a schedulelist exists only for the one rule type that requires both (L675);
//      * a time section's work_sec and off_work_sec: the doc's condition on them (特定类型必填) is the
//        condition of their container — a section exists only where the rule type needs its times — so no
//        reading of the doc lets a section be sent without them; a section without them is not a section.
//    Everything else, down to a location's radius or a late-rule step's onwork_flex_time, may be absent.

// ---------------------------------------------------------------------------------------------------------
// Pieces of the write shape (the read shape has its own, looser ones below)
// ---------------------------------------------------------------------------------------------------------

/** 晚走晚到 (late_rule): seconds; the doc caps each at 600 minutes. */
export const wecomLateRuleWriteSchema = z.strictObject({
  allow_offwork_after_time: z.boolean().optional(),
  offwork_after_time: wecomInt.optional(),
  onwork_flex_time: wecomInt.optional(),
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

const otRestInfoWriteSchema = z.strictObject({
  /** 0 no deduction, 1 fixed rest periods, 2 by overtime length */
  type: wecomInt.optional(),
  fix_time_rule_list: z.array(z.strictObject(fixTimeRuleShape)).optional(),
  cal_ottime_rule: z.strictObject({ items: z.array(z.strictObject(calOtItemShape)) }).optional(),
});

const otDayConfWriteSchema = z.strictObject({
  allow_ot: z.boolean(),
  /** 0 approval ∩ punches, 1 punches only, 2 approval only (default 2) */
  type: wecomInt.optional(),
  apply: z.strictObject({ restinfo: otRestInfoWriteSchema.optional() }).optional(),
  checkin: z
    .strictObject({
      ot_time_start: wecomInt.optional(),
      ot_time_min: wecomInt.optional(),
      ot_time_max: wecomInt.optional(),
      restinfo: otRestInfoWriteSchema.optional(),
    })
    .optional(),
  applycheckin: z.strictObject({ restinfo: otRestInfoWriteSchema.optional() }).optional(),
  ot_trans_enable: z.boolean().optional(),
  ot_trans_type: wecomInt.optional(),
  vacation: z.strictObject({ trans_ratio: wecomInt.optional(), sync_vacation: z.boolean().optional() }).optional(),
});

// Write: the field table marks workdayconf, restdayconf and holidayconf "是" (required) and error 301093
// "workdayconf/restdayconf/holidayconf is necessary" agrees; the doc's own request example sending only
// workdayconf is the odd one out, so the write shape requires all three. Read: whatever WeCom echoes.
export const wecomOtInfoV2WriteSchema = z.strictObject({
  workdayconf: otDayConfWriteSchema,
  restdayconf: otDayConfWriteSchema,
  holidayconf: otDayConfWriteSchema,
});
export type WecomOtInfoV2 = z.infer<typeof wecomOtInfoV2WriteSchema>;

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
// READ shape: getcorpcheckinoption (B4) and getcheckinoption (B5). Loose objects throughout (see the top).
// The doc status of each field is given as "doc L<n> 否" (optional), "特定类型必填" (required for one rule
// type), "默认 x" (default x, in checkin-option-read-defaults.ts) or "blank" (the table's status cell is
// empty in our copy of the doc).
// ---------------------------------------------------------------------------------------------------------

/**
 * One step of late_rule.timerules. Both values are optional: doc L431-434 / L529-532 mark them 否 ("有值时需要
 * allow_offwork_after_time为true"), and issue #16 saw steps read without onwork_flex_time. No default: a
 * missing value means "not set" (no lateness granted / no staying late required).
 */
export const wecomTimeruleReadSchema = z.looseObject({
  offwork_after_time: wecomInt.optional(),
  onwork_flex_time: wecomInt.optional(),
});

/** 晚走晚到 as read; every field 否 (doc L424-434, L522-532); allow_offwork_after_time 默认 false. */
export const wecomLateRuleReadSchema = z.looseObject({
  allow_offwork_after_time: z.boolean().optional(),
  offwork_after_time: wecomInt.optional(),
  onwork_flex_time: wecomInt.optional(),
  timerules: z.array(wecomTimeruleReadSchema).optional(),
});
export type WecomLateRuleRead = z.infer<typeof wecomLateRuleReadSchema>;

/** wifimac_infos[] as read: both keys blank in the doc table (L462-465); the reader drops an entry without MAC. */
export const wecomWifiReadSchema = z.looseObject({
  wifiname: z.string().optional(),
  wifimac: z.string().optional(),
});

/**
 * loc_infos[] as read: every key blank in the doc table (L468-474). A location without coordinates or without
 * its radius (`distance`, which has no default) cannot be used, so the reader reports and leaves it out
 * rather than refusing the whole rule.
 */
export const wecomLocationReadSchema = z.looseObject({
  /** degrees × 1,000,000, GCJ-02 */
  lat: wecomInt.optional(),
  /** degrees × 1,000,000, GCJ-02 */
  lng: wecomInt.optional(),
  loc_title: z.string().optional(),
  loc_detail: z.string().optional(),
  /** metres; no default */
  distance: wecomInt.optional(),
});

// ot_info_v2 as read (doc L540-581). Parts the table marks 特定类型必填 (allow_ot, fix_time_begin/end_sec) are
// optional here; type 默认 2, the checkin limits 默认 30/30/240 minutes, trans_ratio 默认 100 … are in the
// defaults table. A restdayconf / holidayconf that is not read means "nothing known about that day kind".
const otFixTimeRuleReadSchema = z.looseObject({
  fix_time_begin_sec: wecomInt.optional(),
  fix_time_end_sec: wecomInt.optional(),
});
const otCalItemReadSchema = z.looseObject({ ot_time: wecomInt.optional(), rest_time: wecomInt.optional() });
const otCalRuleReadSchema = z.looseObject({ items: z.array(otCalItemReadSchema).optional() });
const otRestInfoReadSchema = z.looseObject({
  type: wecomInt.optional(),
  fix_time_rule_list: z.array(otFixTimeRuleReadSchema).optional(),
  cal_ottime_rule: otCalRuleReadSchema.optional(),
});
export const wecomOtDayConfReadSchema = z.looseObject({
  /** 特定类型必填 on write (doc L542); no default: absent = overtime not known to be allowed */
  allow_ot: z.boolean().optional(),
  /** 默认 2 */
  type: wecomInt.optional(),
  apply: z.looseObject({ restinfo: otRestInfoReadSchema.optional() }).optional(),
  checkin: z
    .looseObject({
      ot_time_start: wecomInt.optional(),
      ot_time_min: wecomInt.optional(),
      ot_time_max: wecomInt.optional(),
      restinfo: otRestInfoReadSchema.optional(),
    })
    .optional(),
  applycheckin: z.looseObject({ restinfo: otRestInfoReadSchema.optional() }).optional(),
  ot_trans_enable: z.boolean().optional(),
  ot_trans_type: wecomInt.optional(),
  vacation: z.looseObject({ trans_ratio: wecomInt.optional(), sync_vacation: z.boolean().optional() }).optional(),
});
export const wecomOtInfoV2ReadSchema = z.looseObject({
  workdayconf: wecomOtDayConfReadSchema.optional(),
  restdayconf: wecomOtDayConfReadSchema.optional(),
  holidayconf: wecomOtDayConfReadSchema.optional(),
});
export type WecomOtInfoV2Read = z.infer<typeof wecomOtInfoV2ReadSchema>;

/** Legacy read-only overtime block `ot_info` (REFERENCE B4). Creating with it is refused (301094). */
const legacyOtRestInfoSchema = z.looseObject({
  type: wecomInt.optional(),
  fix_time_rule: otFixTimeRuleReadSchema.optional(),
  cal_ottime_rule: otCalRuleReadSchema.optional(),
});
const legacyOtCheckInfoShape = {
  ot_workingday_time_start: wecomInt.optional(),
  ot_workingday_time_min: wecomInt.optional(),
  ot_workingday_time_max: wecomInt.optional(),
  ot_nonworkingday_time_min: wecomInt.optional(),
  ot_nonworkingday_time_max: wecomInt.optional(),
  ot_nonworkingday_spanday_time: wecomInt.optional(),
  ot_workingday_restinfo: legacyOtRestInfoSchema.optional(),
  ot_nonworkingday_restinfo: legacyOtRestInfoSchema.optional(),
};
export const wecomLegacyOtInfoSchema = z.looseObject({
  type: wecomInt.optional(),
  allow_ot_workingday: z.boolean().optional(),
  allow_ot_nonworkingday: z.boolean().optional(),
  otcheckinfo: z.looseObject(legacyOtCheckInfoShape).optional(),
  uptime: wecomInt.optional(),
  otapplyinfo: z
    .looseObject({
      ...legacyOtCheckInfoShape,
      allow_ot_workingday: z.boolean().optional(),
      allow_ot_nonworkingday: z.boolean().optional(),
      uptime: wecomInt.optional(),
    })
    .optional(),
});
export type WecomLegacyOtInfo = z.infer<typeof wecomLegacyOtInfoSchema>;

/**
 * A section as read (checkindate[].checkintime[], schedulelist[].time_section[], spe_workdays[].checkintime[]).
 * work_sec and off_work_sec are required (see the top). The rest is optional: time_id, remind_* and the
 * earliest/latest windows are 特定类型必填 (doc L402-413, L498-513) and the B4 read example has no time_id and
 * no windows; allow_rest and no_need_checkon/off 默认 false; rest_begin/end_time 否.
 */
export const wecomCheckinTimeReadSchema = z.looseObject({
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

/**
 * The flexible-time block of a checkindate entry or a schedule (doc L418-434, L516-534): every field 否;
 * allow_flex 默认 false on checkindate, true on schedulelist (wecomAllowFlex reads it).
 *
 * UNITS of flex_on/off_duty_time (and max_allow_arrive_early/late, which share their cap): the create side
 * says 秒 (doc L420-423, L518-521, L533-534) and caps them at 360 minutes = 21600 (L603: "has to be a
 * multiple of 300 and not exceed 21600"); REFERENCE B4 reads them as seconds too. Published clients split:
 *  - milliseconds: fudiwei/DotNetCore.SKIT.FlurlHttpClient.Wechat
 *    src/SKIT.FlurlHttpClient.Wechat.Work/Models/CgibinCheckin/Option/CgibinCheckinGetCheckinOptionResponse.cs
 *    (the read model that getcorpcheckinoption's extends) documents flex_on/off_duty_time and
 *    max_allow_arrive_early/late as "单位：毫秒", on checkindate and on schedules; WxJava
 *    weixin-java-cp/.../bean/oa/WxCpCheckinGroupBase.java (and WxCpCropCheckinOption.java) documents the
 *    checkindate pair as "单位ms" (REFERENCE B11 notes it);
 *  - seconds: the doc, REFERENCE B4, and the same SKIT file for everything else in a section;
 *  - unitless: silenceper/wechat work/checkin/record.go, imhuzi/qiye-wechat CheckindateItem.java;
 *  - no real answer with a non-zero value was found (WxJava issue #3323's 2024 response has 0 for all four).
 * So the model keeps the raw number and the reader accepts both: legacy-units.util.ts readWecomFlexDuration
 * takes a value above 21600 that is a whole number of thousands as milliseconds (no valid seconds value is
 * above 21600; every valid milliseconds value, a multiple of 300 s, is 300000 or more), anything else as
 * seconds. -1 on flex_on/off_duty_time means "use the legacy flex_time" (B5).
 */
const flexReadShape = {
  allow_flex: z.boolean().optional(),
  flex_on_duty_time: wecomInt.optional(),
  flex_off_duty_time: wecomInt.optional(),
  max_allow_arrive_early: wecomInt.optional(),
  max_allow_arrive_late: wecomInt.optional(),
  late_rule: wecomLateRuleReadSchema.optional(),
};

/** The legacy read-only fields that share a block with the flex settings. */
const legacyWindowShape = {
  /** LEGACY, MILLISECONDS (e.g. 10800000 = 3 h): how early one may clock in. Use the units helpers. */
  limit_aheadtime: wecomInt.optional(),
  /** LEGACY, MILLISECONDS, only meaningful when flex_on/off_duty_time are -1 (getcheckinoption, B5). */
  flex_time: wecomInt.optional(),
  /** LEGACY: true = no clock-out needed (the create side uses per-section no_need_checkoff). */
  noneed_offwork: z.boolean().optional(),
};

/**
 * One checkindate entry. Both lists are 特定类型必填 (doc L398-401): workdays for fixed and free rules,
 * checkintime for fixed rules only — a free rule is read without it (issue #16). A fixed rule read with no
 * checkintime at all is the reader's refusal to make, not the schema's.
 */
export const wecomCheckinDateReadSchema = z.looseObject({
  /** 0 = Sunday, 1–6 = Monday–Saturday; for by-shift rules "the dates the shifts were pulled for" (B5) */
  workdays: z.array(wecomInt).optional(),
  checkintime: z.array(wecomCheckinTimeReadSchema).optional(),
  ...legacyWindowShape,
  ...flexReadShape,
});
export type WecomCheckinDateRead = z.infer<typeof wecomCheckinDateReadSchema>;

/** spe_workdays[] / spe_offdays[]: every key blank or 否 in the doc table (L435-459) and all optional here. */
export const wecomSpecialWorkdayReadSchema = z.looseObject({
  timestamp: wecomUnixSeconds.optional(),
  notes: z.string().optional(),
  type: wecomInt.optional(),
  begtime: wecomUnixSeconds.optional(),
  endtime: wecomUnixSeconds.optional(),
  checkintime: z.array(wecomCheckinTimeReadSchema).optional(),
});
export const wecomSpecialOffdayReadSchema = wecomSpecialWorkdayReadSchema;

/** A schedule (班次) of a by-shift rule; schedule_id and schedule_name required (see the top). */
export const wecomScheduleReadSchema = z.looseObject({
  schedule_id: wecomInt,
  schedule_name: z.string(),
  /** 特定类型必填, but the rest schedule 0 has none (doc L494) */
  time_section: z.array(wecomCheckinTimeReadSchema).optional(),
  /** LEGACY, MILLISECONDS (e.g. 14400000) */
  limit_aheadtime: wecomInt.optional(),
  /** LEGACY, SECONDS (e.g. 14400) — a different unit from its neighbour; use the units helpers */
  limit_offtime: wecomInt.optional(),
  noneed_offwork: z.boolean().optional(),
  ...flexReadShape,
});
export type WecomScheduleRead = z.infer<typeof wecomScheduleReadSchema>;

/**
 * `range` as read. The doc and WxJava spell the departments `party_id`; the SKIT sample and silenceper's
 * types spell it `partyid` (REFERENCE B4). Both are accepted and the parsed value always has `party_id`,
 * so consumers see one spelling; keys we do not know are kept. Ids are strings on the wire; numbers are
 * tolerated and stringified. The doc marks range "是 (至少有一种)" on write (L475); B5 reads have none.
 */
const idList = z.array(z.union([z.string(), wecomInt])).transform((ids) => ids.map(String));
export const wecomRangeReadSchema = z
  .looseObject({
    party_id: idList.optional(),
    partyid: idList.optional(),
    userid: z.array(z.string()).optional(),
    tagid: z.array(wecomInt).optional(),
  })
  .transform(({ party_id, partyid, userid, tagid, ...unknown }) => ({
    ...unknown,
    party_id: party_id ?? partyid ?? [],
    userid: userid ?? [],
    tagid: tagid ?? [],
  }));
export type WecomRangeRead = z.infer<typeof wecomRangeReadSchema>;

/** The fields getcorpcheckinoption and getcheckinoption share. Doc status per field in the comments. */
const groupReadCore = {
  /** 1 fixed, 2 by shift, 3 free; required (identity, 所有类型). Other values are the reader's to refuse. */
  grouptype: wecomInt,
  /** required (identity) */
  groupid: wecomInt,
  /** required (identity, 所有类型) */
  groupname: z.string(),
  /** 特定类型必填 (fixed) */
  checkindate: z.array(wecomCheckinDateReadSchema).optional(),
  /** blank, fixed rules only */
  spe_workdays: z.array(wecomSpecialWorkdayReadSchema).optional(),
  /** blank */
  spe_offdays: z.array(wecomSpecialOffdayReadSchema).optional(),
  /** 默认 true */
  sync_holidays: z.boolean().optional(),
  /** 默认 false */
  need_photo: z.boolean().optional(),
  /** 默认 true */
  note_can_use_local_pic: z.boolean().optional(),
  /** 默认 false */
  allow_checkin_offworkday: z.boolean().optional(),
  /** 默认 false */
  allow_apply_offworkday: z.boolean().optional(),
  /** blank ("wifimac_infos与loc_infos不能同时为空") */
  wifimac_infos: z.array(wecomWifiReadSchema).optional(),
  /** blank (same) */
  loc_infos: z.array(wecomLocationReadSchema).optional(),
  /** 默认 0 */
  type: wecomInt.optional(),
  /** 默认 0 */
  option_out_range: wecomInt.optional(),
  /** 默认 false */
  use_face_detect: z.boolean().optional(),
  /** 默认 false */
  open_face_live_detect: z.boolean().optional(),
  /** 默认 -1 */
  allow_apply_bk_cnt: wecomInt.optional(),
  /** 默认 -1 */
  allow_apply_bk_day_limit: wecomInt.optional(),
  /** 默认 -1 */
  buka_limit_next_month: wecomInt.optional(),
  /** 默认 0 */
  buka_restriction: wecomInt.optional(),
  /** 否, "默认没有" (no default: absent = no reminder) */
  buka_remind: z
    .looseObject({
      open_remind: z.boolean().optional(),
      buka_remind_day: wecomInt.optional(),
      buka_remind_month: wecomInt.optional(),
    })
    .optional(),
  /** 默认 false */
  sync_out_checkin: z.boolean().optional(),
  /** 特定类型必填 (by shift) */
  schedulelist: z.array(wecomScheduleReadSchema).optional(),
  /** free rules (blank); no default */
  offwork_interval_time: wecomInt.optional(),
  /** 默认 0 (free rules) */
  span_day_time: wecomInt.optional(),
  /** 默认 -1 (free rules) */
  standard_work_duration: wecomInt.optional(),
  /** 特定类型必填 on write; older rules read with the legacy ot_info instead */
  ot_info_v2: wecomOtInfoV2ReadSchema.optional(),
};

/** One rule from getcorpcheckinoption (B4). */
export const wecomCheckinGroupReadSchema = z.looseObject({
  ...groupReadCore,
  range: wecomRangeReadSchema.optional(),
  /** blank; only shown when set (B4) */
  white_users: z.array(z.string()).optional(),
  /** blank */
  reporterinfo: z
    .looseObject({
      reporters: z.array(z.looseObject({ userid: z.string().optional(), tagid: wecomInt.optional() })).optional(),
      updatetime: wecomInt.optional(),
    })
    .optional(),
  /** legacy, read only (B4) */
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
export const wecomUserCheckinGroupReadSchema = z.looseObject(groupReadCore);
export type WecomUserCheckinGroupRead = z.infer<typeof wecomUserCheckinGroupReadSchema>;

/** One element of getcheckinoption's `info`: the user (identity) and that day's rule. */
export const wecomUserCheckinOptionSchema = z.looseObject({
  userid: z.string(),
  group: wecomUserCheckinGroupReadSchema,
});
export type WecomUserCheckinOption = z.infer<typeof wecomUserCheckinOptionSchema>;

export const wecomGetCheckinOptionResponseSchema = wecomEnvelopeSchema.extend({
  info: z.array(wecomUserCheckinOptionSchema),
});
export type WecomGetCheckinOptionResponse = z.infer<typeof wecomGetCheckinOptionResponseSchema>;
