import { z } from 'zod';
import {
  blankOr,
  feishuClockTimeSchema,
  feishuDayIntSchema,
  feishuDepartmentIdSchema,
  feishuNumericIdSchema,
  feishuSameDayClockTimeSchema,
  feishuSecondsStringSchema,
  feishuUserIdSchema,
} from './feishu-common.model.js';

// Attendance group (考勤组), spelled as Feishu's JSON. Sources: feishu-create-update-group.md (request and
// response tables), REFERENCE A4/A6. Schemas are loose: fields Feishu adds later pass through untouched,
// which matters because a group update is a full overwrite (read-modify-write must keep what we don't know).

/**
 * group_type on the wire. Create/update takes 1 fixed / 2 排班 (shift-based) / 3 free; every read (the create
 * response and GET) answers 0 for fixed (feishu-create-update-group.md response table; REFERENCE A6).
 */
export const FEISHU_GROUP_TYPE_CREATE = { fixed: 1, shiftBased: 2, free: 3 } as const;
export const FEISHU_GROUP_TYPE_READ = { fixed: 0, shiftBased: 2, free: 3 } as const;
export type FeishuGroupTypeCreate = 1 | 2 | 3;
export type FeishuGroupTypeRead = 0 | 2 | 3;

export function groupTypeForCreate(read: FeishuGroupTypeRead): FeishuGroupTypeCreate {
  return read === 0 ? 1 : read;
}

export function groupTypeAsRead(create: FeishuGroupTypeCreate): FeishuGroupTypeRead {
  return create === 1 ? 0 : create;
}

const locationBase = {
  location_name: z.string(),
  /** 1 GPS, 2 Wi-Fi, 8 IP. */
  location_type: z.int(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  ssid: z.string().optional(),
  bssid: z.string().optional(),
  /** 1 高德 (GCJ-02), 2 Google. */
  map_type: z.int().optional(),
  address: z.string().optional(),
  ip: z.string().optional(),
  feature: z.string().optional(),
  gps_range: z.int().optional(),
};

/** A location as sent on create/update (no id yet). Locations are append-only (feishu-create-update-group.md). */
export const feishuGroupLocationCreateSchema = z.looseObject(locationBase);
/** A location as read back: it has a `location_id`. */
export const feishuGroupLocationSchema = z.looseObject({ location_id: feishuNumericIdSchema, ...locationBase });

export const feishuMachineSchema = z.looseObject({ machine_sn: z.string(), machine_name: z.string() });

/** punch_day is a 7-digit int Monday→Sunday of 0/1; as an int it loses leading zeros (REFERENCE A6). */
export const feishuPunchDaySchema = z.int().superRefine((value, ctx) => {
  if (value < 0 || !/^[01]{1,7}$/.test(String(value))) {
    ctx.addIssue({ code: 'custom', message: `must be 7 digits of 0/1 Monday→Sunday (e.g. 1111100), got ${value}` });
  }
});

/** "1111100" for Monday–Friday: punch_day left-padded to its 7 Monday-first digits. */
export function punchDayDigits(punchDay: number): string {
  return String(punchDay).padStart(7, '0');
}

const freePunchCfgRest = {
  punch_day: feishuPunchDaySchema,
  work_day_no_punch_as_lack: z.boolean().optional(),
  work_hours_demand: z.boolean().optional(),
  /** Minutes, 0–1440. */
  work_hours: z.int().min(0).max(1440).optional(),
  // Newer than our doc copy; semantics UNCONFIRMED (REFERENCE A6), so only its shape is known.
  free_clock_setting: z.looseObject({}).optional(),
};

/** free_punch_cfg as sent: times "H:mm" without padding below 10 (feishu-create-update-group.md). */
export const feishuFreePunchCfgSchema = z.looseObject({
  free_start_time: feishuSameDayClockTimeSchema,
  free_end_time: feishuClockTimeSchema,
  ...freePunchCfgRest,
});

/** free_punch_cfg as read: a non-free group may carry it with unset ("") times. */
export const feishuFreePunchCfgReadSchema = z.looseObject({
  free_start_time: blankOr(feishuSameDayClockTimeSchema),
  free_end_time: blankOr(feishuClockTimeSchema),
  ...freePunchCfgRest,
});

export const feishuSpecialDaySchema = z.looseObject({
  punch_day: feishuDayIntSchema,
  shift_id: feishuNumericIdSchema,
});

const leaveNeedPunchCfgSchema = z.looseObject({
  late_minutes_as_late: z.int().optional(),
  late_minutes_as_lack: z.int().optional(),
  early_minutes_as_early: z.int().optional(),
  early_minutes_as_lack: z.int().optional(),
  not_during_shift: z.boolean().optional(),
});

const punchMemberSchema = z.looseObject({
  rule_scope_type: z.int().optional(),
  scope_group_list: z
    .looseObject({
      scope_value_type: z.int().optional(),
      operation_type: z.int().optional(),
      right: z.array(z.looseObject({ key: z.string().optional(), name: z.string().optional() })).optional(),
      member_ids: z.array(z.string()).optional(),
      custom_field_ID: z.string().optional(),
      custom_field_obj_type: z.string().optional(),
    })
    .optional(),
});

const antiCheatSchema = z.looseObject({
  intercept_suspected_cheat_punch: z.boolean().optional(),
  check_cheat_software_punch: z.boolean().optional(),
  check_buddy_punch: z.boolean().optional(),
  check_simulate_wifi_punch: z.boolean().optional(),
  check_change_device_punch: z.boolean().optional(),
  allow_change_device_num: z.int().optional(),
  suspected_cheat_handle_method: z.int().optional(),
});

/** One issue for all non-id entries (e.g. the docs' "xxx" placeholders), rather than one per entry. */
function checkShiftIds(ids: readonly string[], ctx: z.RefinementCtx): void {
  const bad = [...new Set(ids.filter((id) => !/^\d{1,32}$/.test(id)))];
  if (bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `holds values that are not shift ids ("0" = rest day): ${bad.map((id) => JSON.stringify(id)).join(', ')}`,
    });
  }
}

/** Fields shared by the create body and the read shape, with the same meaning on both sides. */
const groupCommon = {
  group_name: z.string().min(1),
  time_zone: z.string().min(1),
  bind_dept_ids: z.array(feishuDepartmentIdSchema).optional(),
  except_dept_ids: z.array(feishuDepartmentIdSchema).optional(),
  bind_user_ids: z.array(feishuUserIdSchema).optional(),
  except_user_ids: z.array(feishuUserIdSchema).optional(),
  sub_group_leader_ids: z.array(feishuUserIdSchema).optional(),
  allow_out_punch: z.boolean().optional(),
  out_punch_need_approval: z.boolean().optional(),
  out_punch_need_post_approval: z.boolean().optional(),
  out_punch_need_remark: z.boolean().optional(),
  out_punch_need_photo: z.boolean().optional(),
  out_punch_allowed_hide_addr: z.boolean().optional(),
  out_punch_allowed_adjust_addr: z.boolean().optional(),
  adjust_range: z.int().optional(),
  allow_pc_punch: z.boolean().optional(),
  allow_remedy: z.boolean().optional(),
  remedy_limit: z.boolean().optional(),
  remedy_limit_count: z.int().optional(),
  remedy_date_limit: z.boolean().optional(),
  remedy_date_num: z.int().optional(),
  allow_remedy_type_lack: z.boolean().optional(),
  allow_remedy_type_late: z.boolean().optional(),
  allow_remedy_type_early: z.boolean().optional(),
  allow_remedy_type_normal: z.boolean().optional(),
  show_cumulative_time: z.boolean().optional(),
  show_over_time: z.boolean().optional(),
  hide_staff_punch_time: z.boolean().optional(),
  hide_clock_in_rule: z.boolean().optional(),
  face_punch: z.boolean().optional(),
  face_punch_cfg: z.int().optional(),
  face_live_need_action: z.boolean().optional(),
  face_downgrade: z.boolean().optional(),
  replace_basic_pic: z.boolean().optional(),
  anti_cheat_punch_config: antiCheatSchema.optional(),
  machines: z.array(feishuMachineSchema).optional(),
  gps_range: z.int().optional(),
  /** Mon→Sun; "0" = rest day; exactly 7 for fixed groups, empty for 排班 and free (REFERENCE A6). */
  punch_day_shift_ids: z.array(z.string()).superRefine(checkShiftIds).optional(),
  /** 0 none, 1 China mainland, 2 US, 3 Japan, 4 India, 5 Singapore. */
  calendar_id: z.int().min(0).max(5).optional(),
  need_punch_special_days: z.array(feishuSpecialDaySchema).optional(),
  no_need_punch_special_days: z.array(feishuSpecialDaySchema).optional(),
  work_day_no_punch_as_lack: z.boolean().optional(),
  effect_now: z.boolean().optional(),
  remedy_period_type: z.int().optional(),
  remedy_period_custom_date: z.int().optional(),
  /** Bit set: 1 GPS, 2 Wi-Fi, 4 machine, 8 IP. */
  punch_type: z.int().optional(),
  rest_clockIn_need_approval: z.boolean().optional(),
  clockIn_need_photo: z.boolean().optional(),
  member_status_change: z
    .looseObject({
      onboarding_on_no_need_punch: z.boolean().optional(),
      onboarding_off_no_need_punch: z.boolean().optional(),
      offboarding_on_no_need_punch: z.boolean().optional(),
      offboarding_off_no_need_punch: z.boolean().optional(),
    })
    .optional(),
  leave_need_punch: z.boolean().optional(),
  leave_need_punch_cfg: leaveNeedPunchCfgSchema.optional(),
  go_out_need_punch: z.int().optional(),
  go_out_need_punch_cfg: leaveNeedPunchCfgSchema.optional(),
  travel_need_punch: z.int().optional(),
  travel_need_punch_cfg: leaveNeedPunchCfgSchema.optional(),
  need_punch_members: z.array(punchMemberSchema).optional(),
  no_need_punch_members: z.array(punchMemberSchema).optional(),
  save_auto_changes: z.boolean().optional(),
  org_change_auto_adjust: z.boolean().optional(),
  bind_default_dept_ids: z.array(feishuDepartmentIdSchema).optional(),
  bind_default_user_ids: z.array(feishuUserIdSchema).optional(),
  overtime_clock_cfg: z
    .looseObject({
      allow_punch_approval: z.boolean().optional(),
      need_clock_over_time_start_and_end: z.boolean().optional(),
    })
    .optional(),
  /** A holiday-calendar id: numeric like every Feishu object id ("" = none). */
  new_calendar_id: blankOr(feishuNumericIdSchema).optional(),
  allow_apply_punch: z.boolean().optional(),
  clock_in_abnormal_settings: z.looseObject({ ignore_until_latest_clockout: z.boolean().optional() }).optional(),
};

/**
 * The week rule across fields. It runs even when other fields failed (zod `when`), so a bad example reports
 * every defect at once; hence the defensive reads of a value that may not have the expected shape.
 */
function checkWeek(fixedType: number, group: unknown, ctx: z.RefinementCtx, required: boolean): void {
  if (typeof group !== 'object' || group === null) return;
  const record = group as Record<string, unknown>;
  const ids = Array.isArray(record['punch_day_shift_ids']) ? (record['punch_day_shift_ids'] as unknown[]) : undefined;
  if (record['group_type'] === fixedType) {
    if (ids?.length !== 7) {
      ctx.addIssue({
        code: 'custom',
        path: ['punch_day_shift_ids'],
        message: `a fixed group needs exactly 7 shift ids, Monday→Sunday ("0" = rest), got ${ids ? ids.length : 'none'}`,
      });
    }
  } else if (required && ids && ids.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['punch_day_shift_ids'],
      message: '排班 and free groups take an empty punch_day_shift_ids',
    });
  }
}

/** A group as GET /groups/:group_id and the create response return it (group_type 0/2/3). */
export const feishuGroupSchema = z
  .looseObject({
    ...groupCommon,
    group_id: feishuNumericIdSchema,
    group_type: z.union([z.literal(0), z.literal(2), z.literal(3)]),
    group_leader_ids: z.array(feishuUserIdSchema).optional(),
    locations: z.array(feishuGroupLocationSchema).optional(),
    free_punch_cfg: feishuFreePunchCfgReadSchema.optional(),
    /** Read-only, second timestamps as strings (REFERENCE A6). */
    effect_time: blankOr(feishuSecondsStringSchema).optional(),
    fixshift_effect_time: blankOr(feishuSecondsStringSchema).optional(),
    member_effect_time: blankOr(feishuSecondsStringSchema).optional(),
  })
  .superRefine((group, ctx) => checkWeek(0, group, ctx, false), { when: () => true });
export type FeishuGroup = z.infer<typeof feishuGroupSchema>;

/** The `group` of a POST /groups body (create, or full overwrite when group_id is set); group_type 1/2/3. */
export const feishuGroupCreateSchema = z
  .looseObject({
    ...groupCommon,
    group_id: feishuNumericIdSchema.optional(),
    group_type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** Required, at least one (feishu-create-update-group.md: 必选字段). */
    group_leader_ids: z.array(feishuUserIdSchema).min(1),
    punch_day_shift_ids: z.array(z.string()).superRefine(checkShiftIds),
    calendar_id: z.int().min(0).max(5),
    free_punch_cfg: feishuFreePunchCfgSchema.optional(),
    locations: z.array(feishuGroupLocationCreateSchema).optional(),
  })
  .superRefine(
    (group, ctx) => {
      checkWeek(1, group, ctx, true);
      const record = group as Record<string, unknown>;
      if (record['group_type'] === 3 && !record['free_punch_cfg']) {
        ctx.addIssue({
          code: 'custom',
          path: ['free_punch_cfg'],
          message: 'a free group (group_type 3) needs free_punch_cfg',
        });
      }
    },
    { when: () => true },
  );
export type FeishuGroupCreate = z.infer<typeof feishuGroupCreateSchema>;

/** The POST /groups body. */
export const feishuGroupCreateRequestSchema = z.looseObject({
  group: feishuGroupCreateSchema,
  operator_id: feishuUserIdSchema.optional(),
});
export type FeishuGroupCreateRequest = z.infer<typeof feishuGroupCreateRequestSchema>;

/** `data` of POST /groups: the saved group, wrapped (REFERENCE A4). */
export const feishuGroupCreateDataSchema = z.looseObject({ group: feishuGroupSchema });

/** One entry of GET /groups and POST /groups/search: just the id and the name. */
export const feishuGroupListItemSchema = z.looseObject({ group_id: feishuNumericIdSchema, group_name: z.string() });
export type FeishuGroupListItem = z.infer<typeof feishuGroupListItemSchema>;

export const feishuGroupListPageSchema = z.looseObject({
  group_list: z.array(feishuGroupListItemSchema).optional(),
  page_token: z.string().optional(),
  has_more: z.boolean(),
});

export const feishuGroupSearchRequestSchema = z.looseObject({
  group_name: z.string().min(1),
  exactly_matched: z.boolean().optional(),
});

export const feishuGroupSearchDataSchema = z.looseObject({
  group_list: z.array(feishuGroupListItemSchema).optional(),
});

/** list_user member_clock_type: 0 all, 1 must punch, 2 no punch (REFERENCE A4). */
export type FeishuMemberClockType = 0 | 1 | 2;

export const feishuGroupUserSchema = z.looseObject({
  user_id: feishuUserIdSchema,
  /** Direct department first, up to the root (≤ 50). */
  department_ids: z.array(feishuDepartmentIdSchema).optional(),
});
export type FeishuGroupUser = z.infer<typeof feishuGroupUserSchema>;

export const feishuGroupUserPageSchema = z.looseObject({
  users: z.array(feishuGroupUserSchema).optional(),
  page_token: z.string().optional(),
  has_more: z.boolean(),
});

const READ_ONLY_GROUP_FIELDS = ['effect_time', 'fixshift_effect_time', 'member_effect_time'] as const;

/**
 * The create/update body that rewrites `group` exactly as it is: group_type back to the create enum, the
 * read-only timestamps dropped, and `locations` left out, because locations only ever append
 * (feishu-create-update-group.md "仅追加,不会覆盖之前的列表"): sending the existing ones again would add
 * copies. Fields this model does not know are kept (a group update is a full overwrite).
 */
export function groupForUpdate(group: FeishuGroup): FeishuGroupCreate {
  const copy: Record<string, unknown> = { ...group };
  for (const field of READ_ONLY_GROUP_FIELDS) delete copy[field];
  delete copy['locations'];
  copy['group_type'] = groupTypeForCreate(group.group_type);
  copy['punch_day_shift_ids'] = group.punch_day_shift_ids ?? [];
  copy['group_leader_ids'] = group.group_leader_ids ?? [];
  copy['calendar_id'] = group.calendar_id ?? 0;
  // An unset free_punch_cfg read back with "" times is not a configuration; sending it would be refused.
  const free = group.free_punch_cfg;
  if (free && (free.free_start_time === '' || free.free_end_time === '')) delete copy['free_punch_cfg'];
  return copy as FeishuGroupCreate;
}
