// The documented defaults of a WeCom checkin rule as READ, in one place. Every field the doc's field table
// (wecom-checkin-option-rules.md, 打卡规则字段说明, "doc L<n>") marks "否,默认…" is optional in the read
// schemas (checkin-option.model.ts); whoever needs its value asks here.
//
// Why a table with accessors, and not schema `.default()`s or a withDefaults(group) copy:
//  - the read model must hand back exactly what WeCom sent. update_checkin_option overwrites every field it is
//    sent (doc L264, note 3c), so a default written into the parsed rule would be written back as if WeCom
//    had held it, and some would be refused: schedulelist.allow_flex defaults to true (doc L516), but a
//    schedule sent with allow_flex true and no flex values is refused with 301093 "invalid flex checkin rule,
//    the value of the field needs to be set" (doc L676).
// Fields the doc marks conditionally required (特定类型必填) or optional WITHOUT a default have no entry: an
// absent value there means "not set", and each reader says what it makes of that.

export interface WecomRuleReadDefaults {
  readonly group: {
    /** doc L460 "sync_holidays 否,默认为true" */
    readonly sync_holidays: boolean;
    /** doc L461 "need_photo 否,默认为false" */
    readonly need_photo: boolean;
    /** doc L466 "note_can_use_local_pic 否,默认为true" */
    readonly note_can_use_local_pic: boolean;
    /** doc L467 "allow_checkin_offworkday 否,默认false" */
    readonly allow_checkin_offworkday: boolean;
    /** doc L480 "type 否,默认为0" (0 phone) */
    readonly type: number;
    /** doc L486 "allow_apply_offworkday 否,默认false" */
    readonly allow_apply_offworkday: boolean;
    /** doc L487 "allow_apply_bk_cnt 否,默认-1" (-1 unlimited) */
    readonly allow_apply_bk_cnt: number;
    /** doc L488 "allow_apply_bk_day_limit 否,默认-1" (-1 unlimited) */
    readonly allow_apply_bk_day_limit: number;
    /** doc L489 "buka_limit_next_month 否,默认-1" (-1 no deadline) */
    readonly buka_limit_next_month: number;
    /** doc L490 "option_out_range 否,默认为0" (0 out of range = exception) */
    readonly option_out_range: number;
    /** doc L537 "use_face_detect 否,默认false" */
    readonly use_face_detect: boolean;
    /** doc L538 "open_face_live_detect 否,默认false" */
    readonly open_face_live_detect: boolean;
    /** doc L582 "sync_out_checkin 否,默认false" */
    readonly sync_out_checkin: boolean;
    /** doc L588 "buka_restriction 否,默认为0" (every exception type may be corrected) */
    readonly buka_restriction: number;
    /** doc L589 "span_day_time 否,默认0" (free rules: the day starts at 00:00) */
    readonly span_day_time: number;
    /** doc L590 "standard_work_duration 否,默认-1" (free rules: no required duration) */
    readonly standard_work_duration: number;
  };
  /** A time section: checkindate[].checkintime[] and schedulelist[].time_section[]. */
  readonly section: {
    /** doc L407 / L503 "allow_rest 否,默认false" */
    readonly allow_rest: boolean;
    /** doc L414 / L514 "no_need_checkon 否,默认false" */
    readonly no_need_checkon: boolean;
    /** doc L415 / L515 "no_need_checkoff 否,默认false" */
    readonly no_need_checkoff: boolean;
  };
  readonly checkindate: {
    /** doc L418 "checkindate.allow_flex 否,默认为false" — see wecomAllowFlex for values that imply it */
    readonly allow_flex: boolean;
  };
  readonly schedulelist: {
    /** doc L516 "schedulelist.allow_flex 否,默认true" */
    readonly allow_flex: boolean;
  };
  readonly late_rule: {
    /** doc L429 / L527 "late_rule.allow_offwork_after_time 否,默认false" */
    readonly allow_offwork_after_time: boolean;
  };
  /** ot_info_v2.workdayconf, and restdayconf / holidayconf "定义同ot_info_v2.workdayconf" (doc L578-581). */
  readonly ot_day_conf: {
    /** doc L543 "type 否,默认为2" (2 approval only) */
    readonly type: number;
    /** doc L572 "ot_trans_enable 否,默认为false" */
    readonly ot_trans_enable: boolean;
    /** doc L573 "ot_trans_type 否,默认为1" (1 time off in lieu) */
    readonly ot_trans_type: number;
  };
  readonly ot_checkin: {
    /** doc L561 "ot_time_start 否,默认30分钟", seconds */
    readonly ot_time_start: number;
    /** doc L563 "ot_time_min 否,默认30分钟", seconds */
    readonly ot_time_min: number;
    /** doc L565 "ot_time_max 否,默认240分钟", seconds */
    readonly ot_time_max: number;
  };
  readonly ot_vacation: {
    /** doc L575 "trans_ratio 否,默认为100" (1:1) */
    readonly trans_ratio: number;
    /** doc L577 "sync_vacation 否,默认为true" */
    readonly sync_vacation: boolean;
  };
}

export const WECOM_RULE_READ_DEFAULTS: WecomRuleReadDefaults = {
  group: {
    sync_holidays: true,
    need_photo: false,
    note_can_use_local_pic: true,
    allow_checkin_offworkday: false,
    type: 0,
    allow_apply_offworkday: false,
    allow_apply_bk_cnt: -1,
    allow_apply_bk_day_limit: -1,
    buka_limit_next_month: -1,
    option_out_range: 0,
    use_face_detect: false,
    open_face_live_detect: false,
    sync_out_checkin: false,
    buka_restriction: 0,
    span_day_time: 0,
    standard_work_duration: -1,
  },
  section: { allow_rest: false, no_need_checkon: false, no_need_checkoff: false },
  checkindate: { allow_flex: false },
  schedulelist: { allow_flex: true },
  late_rule: { allow_offwork_after_time: false },
  ot_day_conf: { type: 2, ot_trans_enable: false, ot_trans_type: 1 },
  ot_checkin: { ot_time_start: 1_800, ot_time_min: 1_800, ot_time_max: 14_400 },
  ot_vacation: { trans_ratio: 100, sync_vacation: true },
};

export type WecomReadDefaultBlock = keyof WecomRuleReadDefaults;

/**
 * A setting of a read block (`holder`, possibly absent), or its documented default when WeCom left it out:
 * `wecomSetting('group', rule, 'sync_holidays')`. Pure; `holder` is read, never changed.
 */
export function wecomSetting<B extends WecomReadDefaultBlock, K extends keyof WecomRuleReadDefaults[B]>(
  block: B,
  holder: { readonly [P in K]?: WecomRuleReadDefaults[B][P] | undefined } | undefined,
  key: K,
): WecomRuleReadDefaults[B][K] {
  const value = holder?.[key];
  return value === undefined ? WECOM_RULE_READ_DEFAULTS[block][key] : value;
}

/** The flexible-time block of a checkindate entry or a schedule, as far as allow_flex is concerned. */
export interface WecomFlexBlockRead {
  readonly allow_flex?: boolean | undefined;
  readonly flex_on_duty_time?: number | undefined;
  readonly flex_off_duty_time?: number | undefined;
  readonly max_allow_arrive_early?: number | undefined;
  readonly max_allow_arrive_late?: number | undefined;
  readonly late_rule?: object | undefined;
}

/**
 * Whether flexible time is on for a checkindate entry or a schedule. An explicit allow_flex wins. Without
 * one, a flex value or a late_rule that is there says it is on: the doc lets them be set only with allow_flex
 * true ("有值时需要allow flex为true", doc L420-424, L518-522 and L533-534; "有值" read as non-zero, the emulator's
 * reading too, since the doc's own examples send 0 without allow_flex), and rules from before allow_flex
 * existed (the B4 example) carry the values alone. Otherwise the doc default of the container applies:
 * false for checkindate (L418), true for schedulelist (L516).
 */
export function wecomAllowFlex(block: WecomFlexBlockRead, container: 'checkindate' | 'schedulelist'): boolean {
  if (block.allow_flex !== undefined) return block.allow_flex;
  // Written out rather than through a helper: the translation calls this for every day layout and shift.
  if (
    (block.flex_on_duty_time !== undefined && block.flex_on_duty_time !== 0) ||
    (block.flex_off_duty_time !== undefined && block.flex_off_duty_time !== 0) ||
    (block.max_allow_arrive_early !== undefined && block.max_allow_arrive_early !== 0) ||
    (block.max_allow_arrive_late !== undefined && block.max_allow_arrive_late !== 0) ||
    block.late_rule !== undefined
  ) {
    return true;
  }
  return container === 'checkindate'
    ? WECOM_RULE_READ_DEFAULTS.checkindate.allow_flex
    : WECOM_RULE_READ_DEFAULTS.schedulelist.allow_flex;
}
