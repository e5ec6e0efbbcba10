import type { FeishuGroup, FeishuShift } from '@app/feishu/model';
import { isValidDayInt } from '@app/feishu/model';
import {
  arrayOf,
  isBoolean,
  isFiniteNumber,
  isNonEmptyString,
  isSafeInt,
  isString,
  objectOf,
  oneOf,
  optional,
  safeIntBetween,
  stringArray,
  type Guard,
} from '../canonical/json-guard.util.js';
import { feishuClockMinutes } from './feishu-mapping.util.js';

/*
 * Fast guards for the Feishu READ shapes the mapper takes (feishuGroupSchema, feishuShiftSchema in
 * libs/feishu/src/model), field for field. Why they exist and the contract they keep: json-guard.util.ts.
 * When a schema there changes, change the shape here too; feishu-read.guard.spec.ts fails when the keys
 * drift apart or when a guard accepts what the schema refuses.
 */

// ---- feishu-common.model.ts ----------------------------------------------------------------------------

/** feishuNumericIdSchema: /^\d{1,32}$/. */
const isNumericId: Guard = (value) => typeof value === 'string' && isDigits(value, 1, 32);
/** feishuSecondsStringSchema: /^\d{1,12}$/. */
const isSecondsString: Guard = (value) => typeof value === 'string' && isDigits(value, 1, 12);
/** feishuClockTimeSchema. */
const isClockTime: Guard = (value) => typeof value === 'string' && feishuClockMinutes(value) !== null;
/** feishuSameDayClockTimeSchema. */
const isSameDayClockTime: Guard = (value) => {
  if (typeof value !== 'string') return false;
  const minutes = feishuClockMinutes(value);
  return minutes !== null && minutes < 24 * 60;
};
/** feishuDayIntSchema. */
const isDayInt: Guard = (value) => Number.isSafeInteger(value) && isValidDayInt(value as number);
/** feishuMinutesSchema: z.int().min(0). */
const isMinutes: Guard = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
/** blankOr(schema). */
function blankOr(guard: Guard): Guard {
  return (value) => value === '' || guard(value);
}

/** ASCII digits only, like the schemas' \d (no u flag), between min and max of them. */
function isDigits(text: string, min: number, max: number): boolean {
  if (text.length < min || text.length > max) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

// ---- feishu-group.model.ts -------------------------------------------------------------------------------

const LOCATION_SHAPE = {
  location_id: isNumericId,
  location_name: isString,
  location_type: isSafeInt,
  latitude: optional(isFiniteNumber),
  longitude: optional(isFiniteNumber),
  ssid: optional(isString),
  bssid: optional(isString),
  map_type: optional(isSafeInt),
  address: optional(isString),
  ip: optional(isString),
  feature: optional(isString),
  gps_range: optional(isSafeInt),
};

/** feishuPunchDaySchema: an int whose decimal digits are 1–7 of 0/1. */
const isPunchDay: Guard = (value) => {
  if (!Number.isSafeInteger(value) || (value as number) < 0) return false;
  const text = String(value);
  if (text.length > 7) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 48 && code !== 49) return false;
  }
  return true;
};

const FREE_PUNCH_CFG_READ_SHAPE = {
  free_start_time: blankOr(isSameDayClockTime),
  free_end_time: blankOr(isClockTime),
  punch_day: isPunchDay,
  work_day_no_punch_as_lack: optional(isBoolean),
  work_hours_demand: optional(isBoolean),
  work_hours: optional(safeIntBetween(0, 1440)),
  free_clock_setting: optional(objectOf({})),
};

const SPECIAL_DAY_SHAPE = { punch_day: isDayInt, shift_id: isNumericId };

const LEAVE_NEED_PUNCH_CFG_SHAPE = {
  late_minutes_as_late: optional(isSafeInt),
  late_minutes_as_lack: optional(isSafeInt),
  early_minutes_as_early: optional(isSafeInt),
  early_minutes_as_lack: optional(isSafeInt),
  not_during_shift: optional(isBoolean),
};

const SCOPE_GROUP_LIST_SHAPE = {
  scope_value_type: optional(isSafeInt),
  operation_type: optional(isSafeInt),
  right: optional(arrayOf(objectOf({ key: optional(isString), name: optional(isString) }))),
  member_ids: optional(stringArray()),
  custom_field_ID: optional(isString),
  custom_field_obj_type: optional(isString),
};

const PUNCH_MEMBER_SHAPE = {
  rule_scope_type: optional(isSafeInt),
  scope_group_list: optional(objectOf(SCOPE_GROUP_LIST_SHAPE)),
};

const ANTI_CHEAT_SHAPE = {
  intercept_suspected_cheat_punch: optional(isBoolean),
  check_cheat_software_punch: optional(isBoolean),
  check_buddy_punch: optional(isBoolean),
  check_simulate_wifi_punch: optional(isBoolean),
  check_change_device_punch: optional(isBoolean),
  allow_change_device_num: optional(isSafeInt),
  suspected_cheat_handle_method: optional(isSafeInt),
};

/** checkShiftIds: every entry a numeric id ("0" = rest day). */
const isShiftIdList: Guard = (value) => {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (const entry of value as unknown[]) if (!isNumericId(entry)) return false;
  return true;
};

const leaveNeedPunchCfg = optional(objectOf(LEAVE_NEED_PUNCH_CFG_SHAPE));
const punchMembers = optional(arrayOf(objectOf(PUNCH_MEMBER_SHAPE)));
const optionalBoolean = optional(isBoolean);
const optionalInt = optional(isSafeInt);
/** Lists of user or department ids: feishuUserIdSchema / feishuDepartmentIdSchema are both z.string().min(1). */
const idList = optional(stringArray(1));

/** groupCommon, then the read-only additions of feishuGroupSchema (same order as the schema). */
export const FEISHU_GROUP_READ_SHAPE: Readonly<Record<string, Guard>> = {
  group_name: isNonEmptyString,
  time_zone: isNonEmptyString,
  bind_dept_ids: idList,
  except_dept_ids: idList,
  bind_user_ids: idList,
  except_user_ids: idList,
  sub_group_leader_ids: idList,
  allow_out_punch: optionalBoolean,
  out_punch_need_approval: optionalBoolean,
  out_punch_need_post_approval: optionalBoolean,
  out_punch_need_remark: optionalBoolean,
  out_punch_need_photo: optionalBoolean,
  out_punch_allowed_hide_addr: optionalBoolean,
  out_punch_allowed_adjust_addr: optionalBoolean,
  adjust_range: optionalInt,
  allow_pc_punch: optionalBoolean,
  allow_remedy: optionalBoolean,
  remedy_limit: optionalBoolean,
  remedy_limit_count: optionalInt,
  remedy_date_limit: optionalBoolean,
  remedy_date_num: optionalInt,
  allow_remedy_type_lack: optionalBoolean,
  allow_remedy_type_late: optionalBoolean,
  allow_remedy_type_early: optionalBoolean,
  allow_remedy_type_normal: optionalBoolean,
  show_cumulative_time: optionalBoolean,
  show_over_time: optionalBoolean,
  hide_staff_punch_time: optionalBoolean,
  hide_clock_in_rule: optionalBoolean,
  face_punch: optionalBoolean,
  face_punch_cfg: optionalInt,
  face_live_need_action: optionalBoolean,
  face_downgrade: optionalBoolean,
  replace_basic_pic: optionalBoolean,
  anti_cheat_punch_config: optional(objectOf(ANTI_CHEAT_SHAPE)),
  machines: optional(arrayOf(objectOf({ machine_sn: isString, machine_name: isString }))),
  gps_range: optionalInt,
  punch_day_shift_ids: optional(isShiftIdList),
  calendar_id: optional(safeIntBetween(0, 5)),
  need_punch_special_days: optional(arrayOf(objectOf(SPECIAL_DAY_SHAPE))),
  no_need_punch_special_days: optional(arrayOf(objectOf(SPECIAL_DAY_SHAPE))),
  work_day_no_punch_as_lack: optionalBoolean,
  effect_now: optionalBoolean,
  remedy_period_type: optionalInt,
  remedy_period_custom_date: optionalInt,
  punch_type: optionalInt,
  rest_clockIn_need_approval: optionalBoolean,
  clockIn_need_photo: optionalBoolean,
  member_status_change: optional(
    objectOf({
      onboarding_on_no_need_punch: optionalBoolean,
      onboarding_off_no_need_punch: optionalBoolean,
      offboarding_on_no_need_punch: optionalBoolean,
      offboarding_off_no_need_punch: optionalBoolean,
    }),
  ),
  leave_need_punch: optionalBoolean,
  leave_need_punch_cfg: leaveNeedPunchCfg,
  go_out_need_punch: optionalInt,
  go_out_need_punch_cfg: leaveNeedPunchCfg,
  travel_need_punch: optionalInt,
  travel_need_punch_cfg: leaveNeedPunchCfg,
  need_punch_members: punchMembers,
  no_need_punch_members: punchMembers,
  save_auto_changes: optionalBoolean,
  org_change_auto_adjust: optionalBoolean,
  bind_default_dept_ids: idList,
  bind_default_user_ids: idList,
  overtime_clock_cfg: optional(
    objectOf({
      allow_punch_approval: optionalBoolean,
      need_clock_over_time_start_and_end: optionalBoolean,
    }),
  ),
  new_calendar_id: optional(blankOr(isNumericId)),
  allow_apply_punch: optionalBoolean,
  clock_in_abnormal_settings: optional(objectOf({ ignore_until_latest_clockout: optionalBoolean })),
  group_id: isNumericId,
  group_type: oneOf(0, 2, 3),
  group_leader_ids: idList,
  locations: optional(arrayOf(objectOf(LOCATION_SHAPE))),
  free_punch_cfg: optional(objectOf(FREE_PUNCH_CFG_READ_SHAPE)),
  effect_time: optional(blankOr(isSecondsString)),
  fixshift_effect_time: optional(blankOr(isSecondsString)),
  member_effect_time: optional(blankOr(isSecondsString)),
};

/** checkWeek(0, …, required false): a fixed group (read type 0) lists exactly 7 shift ids. */
function weekIsValid(group: Readonly<Record<string, unknown>>): boolean {
  if (group['group_type'] !== 0) return true;
  const ids = group['punch_day_shift_ids'];
  return Array.isArray(ids) && ids.length === 7;
}

const groupGuard = objectOf(FEISHU_GROUP_READ_SHAPE, weekIsValid);

/** True only when feishuGroupSchema.safeParse(value) succeeds; the value can then be read as parsed. */
export function isFeishuGroupRead(value: unknown): value is FeishuGroup {
  return groupGuard(value);
}

// ---- feishu-shift.model.ts -------------------------------------------------------------------------------

const REST_RULE_SHAPE = { rest_begin_time: isClockTime, rest_end_time: isClockTime };

export const FEISHU_PUNCH_TIME_RULE_READ_SHAPE: Readonly<Record<string, Guard>> = {
  on_time: isClockTime,
  off_time: isClockTime,
  late_minutes_as_late: optional(isMinutes),
  late_minutes_as_lack: optional(isMinutes),
  on_advance_minutes: optional(isMinutes),
  early_minutes_as_early: optional(isMinutes),
  early_minutes_as_lack: optional(isMinutes),
  off_delay_minutes: optional(isMinutes),
  late_minutes_as_serious_late: optional(isMinutes),
  no_need_on: optionalBoolean,
  no_need_off: optionalBoolean,
};

/** shiftCommon, then the read additions of feishuShiftSchema (same order as the schema). */
export const FEISHU_SHIFT_READ_SHAPE: Readonly<Record<string, Guard>> = {
  shift_name: isNonEmptyString,
  punch_times: isMinutes,
  sub_shift_leader_ids: optional(stringArray()),
  is_flexible: optionalBoolean,
  flexible_minutes: optional(isMinutes),
  flexible_rule: optional(arrayOf(objectOf({ flexible_early_minutes: isMinutes, flexible_late_minutes: isMinutes }))),
  no_need_off: optionalBoolean,
  late_off_late_on_rule: optional(arrayOf(objectOf({ late_off_minutes: isMinutes, late_on_minutes: isMinutes }))),
  rest_time_rule: optional(arrayOf(objectOf(REST_RULE_SHAPE))),
  overtime_rule: optional(arrayOf(objectOf({ on_overtime: isClockTime, off_overtime: isClockTime }))),
  day_type: optional(oneOf(1, 2)),
  overtime_rest_time_rule: optional(arrayOf(objectOf(REST_RULE_SHAPE))),
  late_minutes_as_serious_late: optional(isMinutes),
  shift_middle_time_rule: optional(
    objectOf({ middle_time_type: optionalInt, fixed_middle_time: optional(blankOr(isClockTime)) }),
  ),
  shift_attendance_time_config: optional(
    objectOf({
      attendance_time: optional(isFiniteNumber),
      on_attendance_time: optional(isFiniteNumber),
      off_attendance_time: optional(isFiniteNumber),
    }),
  ),
  late_off_late_on_setting: optional(
    objectOf({ late_off_base_on_time_type: optionalInt, late_on_base_on_time_type: optionalInt }),
  ),
  id: optional(isNumericId),
  rest_time_flexible_configs: optional(
    arrayOf(objectOf({ need_flexible: optionalBoolean, late_mins: optional(safeIntBetween(0, 1500)) })),
  ),
  shift_id: isNumericId,
  punch_time_rule: arrayOf(objectOf(FEISHU_PUNCH_TIME_RULE_READ_SHAPE), 1),
};

const shiftGuard = objectOf(FEISHU_SHIFT_READ_SHAPE);

/** True only when feishuShiftSchema.safeParse(value) succeeds; the value can then be read as parsed. */
export function isFeishuShiftRead(value: unknown): value is FeishuShift {
  return shiftGuard(value);
}
