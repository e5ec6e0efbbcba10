import type { z } from 'zod';
import type { wecomCheckinGroupReadSchema } from '@app/wecom/model';
import {
  arrayOf,
  isBoolean,
  isSafeInt,
  isString,
  objectOf,
  optional,
  stringArray,
  type Guard,
} from '../canonical/json-guard.util.js';

/*
 * Fast guard for one rule of getcorpcheckinoption as the mapper takes it (wecomCheckinGroupReadSchema in
 * libs/wecom/src/model/checkin-option.model.ts), field for field. Why it exists and the contract it keeps:
 * json-guard.util.ts. When the schema changes, change the shape here too; wecom-read.guard.spec.ts fails
 * when the keys drift apart or when the guard accepts what the schema refuses.
 *
 * The schema is loose throughout (z.looseObject: unknown keys kept, never checked, as objectOf ignores them)
 * with one transform, `range` (party_id or partyid, numbers as strings). A value the guard accepts is the
 * schema's INPUT, read in place: the mapper applies that transform itself (wecom-to-canonical.mapper.ts,
 * readMembers). It is SPARSE: every field the doc marks optional or required for one rule type only is
 * optional in both (issue #16); only identities and a section's own times are required — see the schema.
 */

export type WecomCheckinGroupReadInput = z.input<typeof wecomCheckinGroupReadSchema>;

/** wecomInt: z.number().int(), a safe integer. */
const int = isSafeInt;
const optionalInt = optional(isSafeInt);
const optionalBoolean = optional(isBoolean);
/** wecomUnixSeconds: z.number().int().nonnegative(). */
const optionalUnixSeconds = optional((value) => Number.isSafeInteger(value) && (value as number) >= 0);

const CHECKIN_TIME_SHAPE = {
  time_id: optionalInt,
  work_sec: int,
  off_work_sec: int,
  remind_work_sec: optionalInt,
  remind_off_work_sec: optionalInt,
  earliest_work_sec: optionalInt,
  latest_work_sec: optionalInt,
  earliest_off_work_sec: optionalInt,
  latest_off_work_sec: optionalInt,
  allow_rest: optionalBoolean,
  rest_begin_time: optionalInt,
  rest_end_time: optionalInt,
  no_need_checkon: optionalBoolean,
  no_need_checkoff: optionalBoolean,
};
const checkinTimes = arrayOf(objectOf(CHECKIN_TIME_SHAPE));

const LATE_RULE_SHAPE = {
  allow_offwork_after_time: optionalBoolean,
  offwork_after_time: optionalInt,
  onwork_flex_time: optionalInt,
  timerules: optional(arrayOf(objectOf({ offwork_after_time: optionalInt, onwork_flex_time: optionalInt }))),
};

const FLEX_SHAPE = {
  allow_flex: optionalBoolean,
  flex_on_duty_time: optionalInt,
  flex_off_duty_time: optionalInt,
  max_allow_arrive_early: optionalInt,
  max_allow_arrive_late: optionalInt,
};

const CHECKIN_DATE_SHAPE = {
  workdays: optional(arrayOf(int)),
  checkintime: optional(checkinTimes),
  limit_aheadtime: optionalInt,
  flex_time: optionalInt,
  noneed_offwork: optionalBoolean,
  ...FLEX_SHAPE,
  late_rule: optional(objectOf(LATE_RULE_SHAPE)),
};

const SPECIAL_DAY_SHAPE = {
  timestamp: optionalUnixSeconds,
  notes: optional(isString),
  type: optionalInt,
  begtime: optionalUnixSeconds,
  endtime: optionalUnixSeconds,
  checkintime: optional(checkinTimes),
};

const SCHEDULE_SHAPE = {
  schedule_id: int,
  schedule_name: isString,
  time_section: optional(checkinTimes),
  limit_aheadtime: optionalInt,
  limit_offtime: optionalInt,
  noneed_offwork: optionalBoolean,
  ...FLEX_SHAPE,
  late_rule: optional(objectOf(LATE_RULE_SHAPE)),
};

const fixTimeRule = objectOf({ fix_time_begin_sec: optionalInt, fix_time_end_sec: optionalInt });
const calOttimeRule = objectOf({
  items: optional(arrayOf(objectOf({ ot_time: optionalInt, rest_time: optionalInt }))),
});
const otRestInfo = optional(
  objectOf({
    type: optionalInt,
    fix_time_rule_list: optional(arrayOf(fixTimeRule)),
    cal_ottime_rule: optional(calOttimeRule),
  }),
);
const otDayConf = optional(
  objectOf({
    allow_ot: optionalBoolean,
    type: optionalInt,
    apply: optional(objectOf({ restinfo: otRestInfo })),
    checkin: optional(
      objectOf({
        ot_time_start: optionalInt,
        ot_time_min: optionalInt,
        ot_time_max: optionalInt,
        restinfo: otRestInfo,
      }),
    ),
    applycheckin: optional(objectOf({ restinfo: otRestInfo })),
    ot_trans_enable: optionalBoolean,
    ot_trans_type: optionalInt,
    vacation: optional(objectOf({ trans_ratio: optionalInt, sync_vacation: optionalBoolean })),
  }),
);

const legacyOtRestInfo = optional(
  objectOf({ type: optionalInt, fix_time_rule: optional(fixTimeRule), cal_ottime_rule: optional(calOttimeRule) }),
);
const LEGACY_OT_CHECK_INFO_SHAPE = {
  ot_workingday_time_start: optionalInt,
  ot_workingday_time_min: optionalInt,
  ot_workingday_time_max: optionalInt,
  ot_nonworkingday_time_min: optionalInt,
  ot_nonworkingday_time_max: optionalInt,
  ot_nonworkingday_spanday_time: optionalInt,
  ot_workingday_restinfo: legacyOtRestInfo,
  ot_nonworkingday_restinfo: legacyOtRestInfo,
};

/** wecomRangeReadSchema's input: department ids as strings or integers, under either spelling. */
const idList = optional(arrayOf((value) => typeof value === 'string' || Number.isSafeInteger(value)));

/** groupReadCore, then the getcorpcheckinoption additions of wecomCheckinGroupReadSchema (schema order). */
export const WECOM_CHECKIN_GROUP_READ_SHAPE: Readonly<Record<string, Guard>> = {
  grouptype: int,
  groupid: int,
  groupname: isString,
  checkindate: optional(arrayOf(objectOf(CHECKIN_DATE_SHAPE))),
  spe_workdays: optional(arrayOf(objectOf(SPECIAL_DAY_SHAPE))),
  spe_offdays: optional(arrayOf(objectOf(SPECIAL_DAY_SHAPE))),
  sync_holidays: optionalBoolean,
  need_photo: optionalBoolean,
  note_can_use_local_pic: optionalBoolean,
  allow_checkin_offworkday: optionalBoolean,
  allow_apply_offworkday: optionalBoolean,
  wifimac_infos: optional(arrayOf(objectOf({ wifiname: optional(isString), wifimac: optional(isString) }))),
  loc_infos: optional(
    arrayOf(
      objectOf({
        lat: optionalInt,
        lng: optionalInt,
        loc_title: optional(isString),
        loc_detail: optional(isString),
        distance: optionalInt,
      }),
    ),
  ),
  type: optionalInt,
  option_out_range: optionalInt,
  use_face_detect: optionalBoolean,
  open_face_live_detect: optionalBoolean,
  allow_apply_bk_cnt: optionalInt,
  allow_apply_bk_day_limit: optionalInt,
  buka_limit_next_month: optionalInt,
  buka_restriction: optionalInt,
  buka_remind: optional(
    objectOf({ open_remind: optionalBoolean, buka_remind_day: optionalInt, buka_remind_month: optionalInt }),
  ),
  sync_out_checkin: optionalBoolean,
  schedulelist: optional(arrayOf(objectOf(SCHEDULE_SHAPE))),
  offwork_interval_time: optionalInt,
  span_day_time: optionalInt,
  standard_work_duration: optionalInt,
  ot_info_v2: optional(objectOf({ workdayconf: otDayConf, restdayconf: otDayConf, holidayconf: otDayConf })),
  range: optional(
    objectOf({ party_id: idList, partyid: idList, userid: optional(stringArray()), tagid: optional(arrayOf(int)) }),
  ),
  white_users: optional(stringArray()),
  reporterinfo: optional(
    objectOf({
      reporters: optional(arrayOf(objectOf({ userid: optional(isString), tagid: optionalInt }))),
      updatetime: optionalInt,
    }),
  ),
  ot_info: optional(
    objectOf({
      type: optionalInt,
      allow_ot_workingday: optionalBoolean,
      allow_ot_nonworkingday: optionalBoolean,
      otcheckinfo: optional(objectOf(LEGACY_OT_CHECK_INFO_SHAPE)),
      uptime: optionalInt,
      otapplyinfo: optional(
        objectOf({
          ...LEGACY_OT_CHECK_INFO_SHAPE,
          allow_ot_workingday: optionalBoolean,
          allow_ot_nonworkingday: optionalBoolean,
          uptime: optionalInt,
        }),
      ),
    }),
  ),
  create_time: optionalUnixSeconds,
  create_userid: optional(isString),
  update_userid: optional(isString),
};

const groupGuard: Guard = objectOf(WECOM_CHECKIN_GROUP_READ_SHAPE);

/** True only when wecomCheckinGroupReadSchema.safeParse(value) succeeds; the value is then its input shape. */
export function isWecomCheckinGroupReadInput(value: unknown): value is WecomCheckinGroupReadInput {
  return groupGuard(value);
}
