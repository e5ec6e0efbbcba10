import { z } from 'zod';
import {
  blankOr,
  feishuClockTimeSchema,
  feishuMinutesSchema,
  feishuNumericIdSchema,
  parseFeishuClockTime,
} from './feishu-common.model.js';

// Shift (班次), spelled as Feishu's JSON. Sources: feishu-get-shift.md (read shape), REFERENCE A5 and
// [FNS] PostAttendanceV1ShiftsBodyDto (create shape and limits).

/** on_advance_minutes may be at most 720, off_delay_minutes at most 960 (REFERENCE A5). */
export const FEISHU_MAX_ON_ADVANCE_MINUTES = 720;
export const FEISHU_MAX_OFF_DELAY_MINUTES = 960;
/** rest_time_flexible_configs[].late_mins range (REFERENCE A5). */
export const FEISHU_MAX_REST_FLEXIBLE_LATE_MINUTES = 1500;

const flexibleRuleSchema = z.looseObject({
  flexible_early_minutes: feishuMinutesSchema,
  flexible_late_minutes: feishuMinutesSchema,
});

const restRuleSchema = z.looseObject({
  rest_begin_time: feishuClockTimeSchema,
  rest_end_time: feishuClockTimeSchema,
});

const shiftCommon = {
  shift_name: z.string().min(1),
  /** Legacy: "历史字段，已无用，以punch_time_rule为准" (REFERENCE A5). */
  punch_times: z.int().min(0),
  sub_shift_leader_ids: z.array(z.string()).optional(),
  is_flexible: z.boolean().optional(),
  flexible_minutes: feishuMinutesSchema.optional(),
  flexible_rule: z.array(flexibleRuleSchema).optional(),
  /**
   * Shift-level "不需要打下班卡". Unlike the per-segment flags it carries no read/create flip note in
   * feishu-get-shift.md, and the segment flag wins over it ([FNS]: "优先级高于data.shift.no_need_off").
   */
  no_need_off: z.boolean().optional(),
  late_off_late_on_rule: z
    .array(z.looseObject({ late_off_minutes: feishuMinutesSchema, late_on_minutes: feishuMinutesSchema }))
    .optional(),
  rest_time_rule: z.array(restRuleSchema).optional(),
  overtime_rule: z
    .array(z.looseObject({ on_overtime: feishuClockTimeSchema, off_overtime: feishuClockTimeSchema }))
    .optional(),
  /** 1 workday (default), 2 rest day; a flexible shift may not be a rest day. */
  day_type: z.union([z.literal(1), z.literal(2)]).optional(),
  overtime_rest_time_rule: z.array(restRuleSchema).optional(),
  late_minutes_as_serious_late: feishuMinutesSchema.optional(),
  shift_middle_time_rule: z
    // fixed_middle_time only means something for middle_time_type 3, so it may be unset ("").
    .looseObject({ middle_time_type: z.int().optional(), fixed_middle_time: blankOr(feishuClockTimeSchema).optional() })
    .optional(),
  shift_attendance_time_config: z
    .looseObject({
      attendance_time: z.number().optional(),
      on_attendance_time: z.number().optional(),
      off_attendance_time: z.number().optional(),
    })
    .optional(),
  late_off_late_on_setting: z
    .looseObject({ late_off_base_on_time_type: z.int().optional(), late_on_base_on_time_type: z.int().optional() })
    .optional(),
  /** Shift id, passed to update an existing shift through POST /shifts ([FNS]; UNCONFIRMED, REFERENCE A5). */
  id: feishuNumericIdSchema.optional(),
  rest_time_flexible_configs: z
    .array(
      z.looseObject({
        need_flexible: z.boolean().optional(),
        late_mins: z.int().min(0).max(FEISHU_MAX_REST_FLEXIBLE_LATE_MINUTES).optional(),
      }),
    )
    .optional(),
};

/**
 * One punch segment as read (GET /shifts/:id, /shifts/query, list, create response).
 * READ meaning of the flags: `no_need_on: true` = an on-duty punch IS needed (feishu-get-shift.md: "true为需要
 * 打上班卡 … 注意和接口创建时的区别"). Minute fields may be omitted when zero, so they are optional here.
 */
export const feishuPunchTimeRuleSchema = z.looseObject({
  on_time: feishuClockTimeSchema,
  off_time: feishuClockTimeSchema,
  late_minutes_as_late: feishuMinutesSchema.optional(),
  late_minutes_as_lack: feishuMinutesSchema.optional(),
  on_advance_minutes: feishuMinutesSchema.optional(),
  early_minutes_as_early: feishuMinutesSchema.optional(),
  early_minutes_as_lack: feishuMinutesSchema.optional(),
  off_delay_minutes: feishuMinutesSchema.optional(),
  late_minutes_as_serious_late: feishuMinutesSchema.optional(),
  no_need_on: z.boolean().optional(),
  no_need_off: z.boolean().optional(),
});
export type FeishuPunchTimeRule = z.infer<typeof feishuPunchTimeRuleSchema>;

/**
 * One punch segment as sent to POST /shifts. CREATE meaning of the flags: `no_need_on: true` = NO on-duty
 * punch needed (the opposite of the read side). Required fields and limits per [FNS] / REFERENCE A5.
 */
export const feishuPunchTimeRuleCreateSchema = z.looseObject({
  on_time: feishuClockTimeSchema,
  off_time: feishuClockTimeSchema,
  late_minutes_as_late: feishuMinutesSchema,
  late_minutes_as_lack: feishuMinutesSchema,
  on_advance_minutes: feishuMinutesSchema.max(FEISHU_MAX_ON_ADVANCE_MINUTES),
  early_minutes_as_early: feishuMinutesSchema,
  early_minutes_as_lack: feishuMinutesSchema,
  off_delay_minutes: feishuMinutesSchema.max(FEISHU_MAX_OFF_DELAY_MINUTES),
  late_minutes_as_serious_late: feishuMinutesSchema.optional(),
  no_need_on: z.boolean().optional(),
  no_need_off: z.boolean().optional(),
});
export type FeishuPunchTimeRuleCreate = z.infer<typeof feishuPunchTimeRuleCreateSchema>;

type SegmentTimes = { on_time: string; off_time: string };

/** Segments must each end after they start and follow one another without overlapping. */
function checkSegments(segments: readonly SegmentTimes[], ctx: z.RefinementCtx): void {
  let previousOff = -1;
  segments.forEach((segment, index) => {
    const on = parseFeishuClockTime(segment.on_time);
    const off = parseFeishuClockTime(segment.off_time);
    if (on === null || off === null) return;
    if (off <= on) {
      ctx.addIssue({
        code: 'custom',
        path: ['punch_time_rule', index, 'off_time'],
        message: `must be after on_time ${segment.on_time} (a next-day end is written as "26:00")`,
      });
    }
    if (on < previousOff) {
      ctx.addIssue({
        code: 'custom',
        path: ['punch_time_rule', index, 'on_time'],
        message: 'overlaps the previous segment',
      });
    }
    previousOff = off;
  });
}

/** A shift as read. */
export const feishuShiftSchema = z.looseObject({
  ...shiftCommon,
  shift_id: feishuNumericIdSchema,
  punch_time_rule: z.array(feishuPunchTimeRuleSchema).min(1),
});
export type FeishuShift = z.infer<typeof feishuShiftSchema>;

/** The POST /shifts body. */
export const feishuShiftCreateSchema = z
  .looseObject({
    ...shiftCommon,
    punch_time_rule: z.array(feishuPunchTimeRuleCreateSchema).min(1),
  })
  .superRefine((shift, ctx) => {
    checkSegments(shift.punch_time_rule, ctx);
    // REFERENCE A5: "the first segment's no_need_on must be false".
    if (shift.punch_time_rule[0]?.no_need_on === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['punch_time_rule', 0, 'no_need_on'],
        message: 'the first segment must require an on-duty punch (no_need_on false on create)',
      });
    }
    // feishu-get-shift.md day_type: "【是否弹性打卡 = true】时,不可设置为“休息日”".
    if (shift.is_flexible === true && shift.day_type === 2) {
      ctx.addIssue({ code: 'custom', path: ['day_type'], message: 'a flexible shift cannot be a rest day (2)' });
    }
  });
export type FeishuShiftCreate = z.infer<typeof feishuShiftCreateSchema>;

/** `data` of POST /shifts: the shift, wrapped (REFERENCE A4). GET and /shifts/query answer it flat. */
export const feishuShiftCreateDataSchema = z.looseObject({ shift: feishuShiftSchema });

export const feishuShiftListPageSchema = z.looseObject({
  shift_list: z.array(feishuShiftSchema).optional(),
  page_token: z.string().optional(),
  has_more: z.boolean(),
});

/** Whether a segment as READ needs its on / off punch (the read flags mean "needed"). */
export function segmentPunchesNeeded(rule: FeishuPunchTimeRule): { on: boolean; off: boolean } {
  return { on: rule.no_need_on ?? true, off: rule.no_need_off ?? true };
}

/**
 * The POST /shifts body that recreates `shift` (e.g. under a new name): drops the id and flips each
 * segment's no_need_on/no_need_off from the read meaning (true = needed) to the create meaning
 * (true = not needed), per feishu-get-shift.md.
 */
export function shiftForCreate(shift: FeishuShift): FeishuShiftCreate {
  const copy: Record<string, unknown> = { ...shift };
  delete copy['shift_id'];
  delete copy['id'];
  copy['punch_time_rule'] = shift.punch_time_rule.map((rule) => {
    const needed = segmentPunchesNeeded(rule);
    return {
      ...rule,
      late_minutes_as_late: rule.late_minutes_as_late ?? 0,
      late_minutes_as_lack: rule.late_minutes_as_lack ?? 0,
      on_advance_minutes: rule.on_advance_minutes ?? 0,
      early_minutes_as_early: rule.early_minutes_as_early ?? 0,
      early_minutes_as_lack: rule.early_minutes_as_lack ?? 0,
      off_delay_minutes: rule.off_delay_minutes ?? 0,
      no_need_on: !needed.on,
      no_need_off: !needed.off,
    };
  });
  return copy as FeishuShiftCreate;
}
