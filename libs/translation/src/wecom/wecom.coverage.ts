import {
  approximated,
  dropped,
  notApplicable,
  sameFate,
  translated,
  under,
  type CoverageTable,
  type FieldFate,
} from '../field-coverage/field-fate.js';

/*
 * Field coverage of the WeCom rule mappers (issue #17): the fate of every field of the checkin rule read model
 * (getcorpcheckinoption; getcheckinoption's rule is a subset) and write model (add/update_checkin_option), as
 * the CURRENT code has it. One line per field or per family of fields (an explicit key placed after a family
 * wins). Rendered into docs/field-coverage.md.
 */

const MAPPER_READ = 'wecomToCanonical (libs/translation/src/wecom/wecom-to-canonical.mapper.ts)';
const MAPPER_WRITE = 'canonicalToWecom (libs/translation/src/wecom/canonical-to-wecom.mapper.ts)';

export const OT_DAY_KINDS = ['workdayconf', 'restdayconf', 'holidayconf'] as const;

/** The canonical overtime switch of each ot_info_v2 day kind. */
const OVERTIME_OF = {
  workdayconf: 'overtime.workday',
  restdayconf: 'overtime.restDay',
  holidayconf: 'overtime.holiday',
} as const satisfies Record<(typeof OT_DAY_KINDS)[number], string>;

/** The fields of one ot_info_v2 restinfo block, relative to it. */
const OT_RESTINFO = [
  'type',
  'fix_time_rule_list[].fix_time_begin_sec',
  'fix_time_rule_list[].fix_time_end_sec',
  'cal_ottime_rule.items[].ot_time',
  'cal_ottime_rule.items[].rest_time',
] as const;

/** Every field of one ot_info_v2 day kind except allow_ot, relative to it. */
const OT_DAY_DETAILS = [
  'type',
  ...OT_RESTINFO.map((field) => `apply.restinfo.${field}`),
  'checkin.ot_time_start',
  'checkin.ot_time_min',
  'checkin.ot_time_max',
  ...OT_RESTINFO.map((field) => `checkin.restinfo.${field}`),
  ...OT_RESTINFO.map((field) => `applycheckin.restinfo.${field}`),
  'ot_trans_enable',
  'ot_trans_type',
  'vacation.trans_ratio',
  'vacation.sync_vacation',
] as const;

/** The legacy read-only ot_info block (B4): fields other than the on/off switches and timestamps. */
const LEGACY_OT_RESTINFO = [
  'type',
  'fix_time_rule.fix_time_begin_sec',
  'fix_time_rule.fix_time_end_sec',
  'cal_ottime_rule.items[].ot_time',
  'cal_ottime_rule.items[].rest_time',
] as const;
const LEGACY_OT_CHECK = [
  'ot_workingday_time_start',
  'ot_workingday_time_min',
  'ot_workingday_time_max',
  'ot_nonworkingday_time_min',
  'ot_nonworkingday_time_max',
  'ot_nonworkingday_spanday_time',
  ...LEGACY_OT_RESTINFO.map((field) => `ot_workingday_restinfo.${field}`),
  ...LEGACY_OT_RESTINFO.map((field) => `ot_nonworkingday_restinfo.${field}`),
] as const;

/** The fates of the three ot_info_v2 day kinds, one template for all (an explicit key after it wins). */
function perOvertimeDayKind(
  fates: (kind: (typeof OT_DAY_KINDS)[number]) => Record<string, FieldFate>,
): Record<string, FieldFate> {
  const out: Record<string, FieldFate> = {};
  for (const kind of OT_DAY_KINDS) Object.assign(out, fates(kind));
  return out;
}

const OVERTIME_DETAIL = dropped(
  'how WeCom counts overtime (approval or punches, minimums, rest deductions, time off in lieu) stays WeCom-specific (info, when overtime is on)',
  { lossField: 'ot_info_v2' },
);
const LEGACY_OVERTIME_DETAIL = dropped(
  'old-style overtime details stay WeCom-specific (info, when overtime is on and there is no ot_info_v2)',
  { lossField: 'ot_info' },
);

/** A time section as read (checkindate[].checkintime[], schedulelist[].time_section[], spe_workdays[].checkintime[]). */
function sectionRead(
  canonical: string,
  reminder: { readonly on: FieldFate; readonly off: FieldFate },
): Record<string, FieldFate> {
  return {
    allow_rest: translated(`${canonical}.rest`, { note: 'false: a stored break is ignored (info)' }),
    earliest_off_work_sec: translated(`${canonical}.punchWindow.earliestOffSec`, {
      note: "all four or none: a partial window is dropped, unless a legacy limit applies (completed with the writer's defaults, approximated)",
    }),
    earliest_work_sec: translated(`${canonical}.punchWindow.earliestOnSec`),
    latest_off_work_sec: translated(`${canonical}.punchWindow.latestOffSec`),
    latest_work_sec: translated(`${canonical}.punchWindow.latestOnSec`),
    no_need_checkoff: translated(`${canonical}.noPunchOff`),
    no_need_checkon: translated(`${canonical}.noPunchOn`),
    off_work_sec: translated(`${canonical}.offSec`),
    remind_off_work_sec: reminder.off,
    remind_work_sec: reminder.on,
    rest_begin_time: translated(`${canonical}.rest.beginSec`),
    rest_end_time: translated(`${canonical}.rest.endSec`),
    time_id: notApplicable('id of the section within the rule; canonical sections are ordered by time'),
    work_sec: translated(`${canonical}.onSec`),
  };
}

/** The flexible-time block of a checkindate entry or a schedule, as read. */
function flexRead(container: 'checkindate' | 'schedulelist', section: string): Record<string, FieldFate> {
  const shift = 'shifts[]';
  return {
    allow_flex: translated([`${section}.lateGraceSec`, `${shift}.flexibleArrival`], {
      note: `off: stored flex values are ignored (info); default ${container === 'checkindate' ? 'false' : 'true'}`,
    }),
    flex_off_duty_time: translated(`${section}.earlyLeaveGraceSec`, {
      note: 'seconds; a whole number of thousands above 21600 read as ms (info)',
    }),
    flex_on_duty_time: translated(`${section}.lateGraceSec`, { note: 'seconds; −1 = use flex_time' }),
    'late_rule.allow_offwork_after_time': translated(`${shift}.lateOffLateOn`, {
      note: 'off: stored steps ignored (info)',
    }),
    'late_rule.offwork_after_time': translated(`${shift}.lateOffLateOn[].offLateSec`, {
      note: 'when timerules is empty',
    }),
    'late_rule.onwork_flex_time': translated(`${shift}.lateOffLateOn[].onLateSec`, { note: 'when timerules is empty' }),
    'late_rule.timerules[].offwork_after_time': translated(`${shift}.lateOffLateOn[].offLateSec`),
    'late_rule.timerules[].onwork_flex_time': translated(`${shift}.lateOffLateOn[].onLateSec`),
    max_allow_arrive_early: translated(`${shift}.flexibleArrival.maxEarlySec`),
    max_allow_arrive_late: translated(`${shift}.flexibleArrival.maxLateSec`),
    noneed_offwork: translated(`${section}.noPunchOff`, {
      note: 'legacy whole-day form, when no_need_checkoff is absent',
    }),
  };
}

/**
 * remind_work_sec / remind_off_work_sec of the sections a rule uses (checkindate and spe_workdays of a fixed rule,
 * the schedules of a shift-based one): one punch reminder per rule (readPunchReminder).
 */
const COLLAPSED =
  "the rule's one reminder is the first section's in time order; a section whose reminder differs is reported " +
  '(approximated)';
const REMINDER_READ = {
  on: translated('punchReminder.beforeOnSec', {
    note: `lead = work_sec − remind_work_sec; ${COLLAPSED}; after the start of work: read as 0 (approximated); none stored anywhere: punchReminder null`,
  }),
  off: translated('punchReminder.afterOffSec', {
    note: `lag = remind_off_work_sec − off_work_sec; ${COLLAPSED}; before the end of work: read as 0 (approximated)`,
  }),
} as const;

/** A legacy punch limit (B4) as read (readWindow): one bound of the window of the day's first or last section. */
function legacyLimit(what: string, bound: string, newer: string): string {
  return (
    `legacy ${what}, 0 = not set: ${bound}; a stored ${newer} wins (the limit reported, info); the bounds ` +
    "neither gives are the writer's defaults (1 h around the section, split at mid-section), reported (approximated)"
  );
}

/** spe_workdays[] / spe_offdays[] date fields (type 0 one day, 1 a range, 2 every other week). */
function specialDayDates(canonical: string): Record<string, FieldFate> {
  return {
    begtime: translated(`${canonical}.date`, { note: 'type 1: the first day of the range' }),
    endtime: translated(`${canonical}.date`, { note: 'types 1 and 2: the last day' }),
    timestamp: translated(`${canonical}.date`, { note: 'China calendar date of the 00:00 timestamp' }),
    type: translated(`${canonical}.date`, { note: 'ranges are expanded into single days (≤ 366)' }),
  };
}

// ---- WeCom checkin rule, read (getcorpcheckinoption) ---------------------------------------------------------

export const WECOM_RULE_READ_COVERAGE: CoverageTable = {
  id: 'wecom-rule-read',
  section: 'WeCom checkin rule',
  direction: 'read',
  wireModel: "wecomCheckinGroupReadSchema (getcorpcheckinoption group[]; getcheckinoption's group is a subset)",
  mapper: MAPPER_READ,
  canonicalModel: 'CanonicalRule',
  fields: {
    allow_apply_bk_cnt: translated('remedy.monthlyLimit', { note: '−1 = unlimited' }),
    allow_apply_bk_day_limit: translated('remedy.daysLimit', { note: '−1 = unlimited' }),
    allow_apply_offworkday: translated('remedy.allowed', { note: '是否允许补卡' }),
    allow_checkin_offworkday: translated('restDayPunch', {
      note:
        "固定上下班是否允许非工作日打卡,默认不允许: fixed rules true → 'allowed', false or absent → 'forbidden'; other kinds " +
        'null (a stored true is reported, info)',
    }),
    buka_limit_next_month: dropped('the make-up punch deadline in the next month is not carried'),
    'buka_remind.buka_remind_day': dropped(
      'the monthly make-up punch reminder is WeCom-only (info, when open_remind)',
      {
        lossField: 'buka_remind',
      },
    ),
    'buka_remind.buka_remind_month': dropped(
      'the monthly make-up punch reminder is WeCom-only (info, when open_remind)',
      {
        lossField: 'buka_remind',
      },
    ),
    'buka_remind.open_remind': dropped('the monthly make-up punch reminder is WeCom-only (info)', {
      lossField: 'buka_remind',
    }),
    buka_restriction: translated(['remedy.forMissing', 'remedy.forLate', 'remedy.forEarly', 'remedy.forOther'], {
      note: 'a set bit closes that type',
    }),
    ...under('checkindate[].', flexRead('checkindate', 'shifts[].sections[]')),
    ...under('checkindate[].checkintime[].', sectionRead('shifts[].sections[]', REMINDER_READ)),
    'checkindate[].flex_time': translated(
      ['shifts[].sections[].lateGraceSec', 'shifts[].sections[].earlyLeaveGraceSec'],
      {
        note: 'legacy ms, used where flex_on/off_duty_time is −1',
      },
    ),
    'checkindate[].limit_aheadtime': approximated(
      'shifts[].sections[].punchWindow.earliestOnSec',
      legacyLimit('上班前多久可打卡 (ms)', "the day's first section's earliest clock-in", 'earliest_work_sec'),
      { lossField: 'checkindate.checkintime' },
    ),
    'checkindate[].workdays': translated('week', { note: '0 = Sunday; grouped layouts become shifts keyed by layout' }),
    create_time: notApplicable('read-only metadata'),
    create_userid: notApplicable('read-only metadata'),
    groupid: notApplicable('read-only id: the link store keys the rule by it; not rule content'),
    groupname: translated('name'),
    grouptype: translated('kind', { note: '1 fixed, 2 by shift, 3 free' }),
    'loc_infos[].distance': translated('gpsLocations[].radiusMeters', { note: 'missing: the location is dropped' }),
    'loc_infos[].lat': translated('gpsLocations[].latitude', { note: '× 1e6, GCJ-02' }),
    'loc_infos[].lng': translated('gpsLocations[].longitude', { note: '× 1e6, GCJ-02' }),
    'loc_infos[].loc_detail': translated('gpsLocations[].address'),
    'loc_infos[].loc_title': translated('gpsLocations[].name'),
    need_photo: translated('photoRequired'),
    note_can_use_local_pic: dropped('whether punch notes may use album photos is WeCom-only (info)'),
    offwork_interval_time: dropped('the minimum clock-in → clock-out interval of free rules is not carried'),
    open_face_live_detect: translated('faceLiveness', {
      note: "活体检测开关, 默认 false: true → 'silent' (WeCom's one liveness check); without use_face_detect 'none' (info)",
    }),
    option_out_range: translated('outOfRange', {
      note: '0 exception, 1 field punch, 2 forbidden; unknown approximated',
    }),
    ...under(
      'ot_info.',
      sameFate(['type', ...LEGACY_OT_CHECK.map((field) => `otcheckinfo.${field}`)], LEGACY_OVERTIME_DETAIL),
    ),
    ...under('ot_info.otapplyinfo.', sameFate(LEGACY_OT_CHECK, LEGACY_OVERTIME_DETAIL)),
    ...sameFate(
      ['ot_info.allow_ot_nonworkingday', 'ot_info.otapplyinfo.allow_ot_nonworkingday'],
      translated(['overtime.restDay', 'overtime.holiday'], {
        note: 'only without ot_info_v2; one switch for every non-working day, rest days and holidays alike (READING); either spelling on → allowed',
      }),
    ),
    ...sameFate(
      ['ot_info.allow_ot_workingday', 'ot_info.otapplyinfo.allow_ot_workingday'],
      translated('overtime.workday', { note: 'only without ot_info_v2; either spelling on → allowed' }),
    ),
    'ot_info.otapplyinfo.uptime': notApplicable('read-only timestamp'),
    'ot_info.uptime': notApplicable('read-only timestamp'),
    ...perOvertimeDayKind((kind) => ({
      ...under(`ot_info_v2.${kind}.`, sameFate(OT_DAY_DETAILS, OVERTIME_DETAIL)),
      [`ot_info_v2.${kind}.allow_ot`]: translated(OVERTIME_OF[kind], {
        note: 'absent: not allowed (info)',
      }),
    })),
    'range.party_id': translated('members.departmentIds'),
    'range.partyid': translated('members.departmentIds', { note: 'the SKIT/silenceper spelling, read as party_id' }),
    'range.tagid': dropped('tags have no equivalent on the other side; their members are not included'),
    'range.userid': translated('members.userIds'),
    'reporterinfo.reporters[].tagid': dropped('who receives attendance reports (汇报人) is WeCom-only (info)', {
      lossField: 'reporterinfo',
    }),
    'reporterinfo.reporters[].userid': dropped('who receives attendance reports (汇报人) is WeCom-only (info)', {
      lossField: 'reporterinfo',
    }),
    'reporterinfo.updatetime': notApplicable('read-only timestamp'),
    ...under('schedulelist[].', flexRead('schedulelist', 'shifts[].sections[]')),
    ...under('schedulelist[].time_section[].', sectionRead('shifts[].sections[]', REMINDER_READ)),
    'schedulelist[].limit_aheadtime': approximated(
      'shifts[].sections[].punchWindow.earliestOnSec',
      legacyLimit('上班前多久可打卡 (ms)', "the schedule's first section's earliest clock-in", 'earliest_work_sec'),
      { lossField: 'time_section' },
    ),
    'schedulelist[].limit_offtime': approximated(
      'shifts[].sections[].punchWindow.latestOffSec',
      legacyLimit('下班后多久可打卡 (s)', "the schedule's last section's latest clock-out", 'latest_off_work_sec'),
      { lossField: 'time_section' },
    ),
    'schedulelist[].schedule_id': translated('shifts[].key', { note: '0 is the rest schedule, not a shift' }),
    'schedulelist[].schedule_name': translated('shifts[].name'),
    span_day_time: translated('free.dayStartSec'),
    ...under('spe_offdays[].', specialDayDates('specialOffdays[]')),
    ...under(
      'spe_offdays[].checkintime[].',
      sameFate(
        Object.keys(sectionRead('x', REMINDER_READ)),
        notApplicable('a day off has no working times (the read model shares the special workday shape)'),
      ),
    ),
    'spe_offdays[].notes': translated('specialOffdays[].note'),
    ...under('spe_workdays[].', specialDayDates('specialWorkdays[]')),
    ...under('spe_workdays[].checkintime[].', sectionRead('specialWorkdays[].sections[]', REMINDER_READ)),
    'spe_workdays[].notes': translated('specialWorkdays[].note'),
    standard_work_duration: translated('free.requiredWorkSec', { note: '−1 = none' }),
    sync_holidays: translated('followsHolidayCalendar'),
    sync_out_checkin: dropped('out-of-office punches counting as clock-in/out is not carried'),
    type: dropped('attendance machines are not synced; only phone punching is carried'),
    update_userid: notApplicable('read-only metadata'),
    use_face_detect: translated('faceRecognition'),
    white_users: translated('members.excludedUserIds', { note: '白名单: in the range, no punch needed' }),
    'wifimac_infos[].wifimac': translated('wifiLocations[].bssid', { note: 'missing or invalid: dropped with a loss' }),
    'wifimac_infos[].wifiname': translated('wifiLocations[].ssid'),
  },
};

// ---- WeCom checkin rule, write (add_checkin_option / update_checkin_option) ------------------------------------

const GENERATED_TIME_ID = notApplicable('generated: 1, 2, 3 … in writing order, unique in the rule', {
  exempt:
    'a sequence number follows how many sections come before it, so the "written from nothing" check does not apply; canonical-to-wecom.mapper.spec.ts checks time_ids 1..n',
});

/** How a section's reminder is written from punchReminder (the lead or the lag). */
function reminderWriteNote(what: string, choices: string, within: string): string {
  return (
    `${what} the rule's reminder, snapped to WeCom's ${choices} min (approximated), shortened to stay ${within} ` +
    "(approximated); punchReminder null: the deployment's default (info), and an update keeps the reminder WeCom " +
    'holds for a section with the same times (mergeWecomRuleUpdate)'
  );
}

/** A time section as written (checkindate[].checkintime[], schedulelist[].time_section[]). */
function sectionWrite(canonical: string): Record<string, FieldFate> {
  return {
    allow_rest: translated(`${canonical}.rest`),
    earliest_off_work_sec: translated(`${canonical}.punchWindow.earliestOffSec`, {
      note: "clamped into WeCom's rules (approximated); no window: a default (info)",
    }),
    earliest_work_sec: translated(`${canonical}.punchWindow.earliestOnSec`),
    latest_off_work_sec: translated(`${canonical}.punchWindow.latestOffSec`),
    latest_work_sec: translated(`${canonical}.punchWindow.latestOnSec`),
    no_need_checkoff: translated(`${canonical}.noPunchOff`),
    no_need_checkon: translated(`${canonical}.noPunchOn`),
    off_work_sec: translated(`${canonical}.offSec`, { note: 'whole minutes' }),
    remind_off_work_sec: translated([`${canonical}.offSec`, 'punchReminder.afterOffSec'], {
      note: reminderWriteNote('the end +', '0/10/20/30/60', 'before 次日23:59'),
    }),
    remind_work_sec: translated([`${canonical}.onSec`, 'punchReminder.beforeOnSec'], {
      note: reminderWriteNote('the start −', '0/5/10/15/20', 'after 00:00'),
    }),
    rest_begin_time: translated(`${canonical}.rest.beginSec`),
    rest_end_time: translated(`${canonical}.rest.endSec`),
    time_id: GENERATED_TIME_ID,
    work_sec: translated(`${canonical}.onSec`, { note: 'whole minutes' }),
  };
}

function flexWrite(section: string): Record<string, FieldFate> {
  const shift = 'shifts[]';
  return {
    allow_flex: translated([`${section}.lateGraceSec`, `${shift}.flexibleArrival`], { note: 'always explicit' }),
    flex_off_duty_time: translated(`${section}.earlyLeaveGraceSec`, {
      note: 'one per day (the most lenient section), multiples of 300 s ≤ 21600 (approximated)',
    }),
    flex_on_duty_time: translated(`${section}.lateGraceSec`, {
      note: 'one per day; dropped with a loss beside flexible arrival (WeCom allows one of the two)',
    }),
    'late_rule.allow_offwork_after_time': translated(`${shift}.lateOffLateOn`, {
      note: 'needs grace or flexible arrival',
    }),
    'late_rule.offwork_after_time': notApplicable('not written: the steps go in timerules'),
    'late_rule.onwork_flex_time': notApplicable('not written: the steps go in timerules'),
    'late_rule.timerules[].offwork_after_time': translated(`${shift}.lateOffLateOn[].offLateSec`, {
      note: 'multiples of 15 min ≤ 600 min (approximated)',
    }),
    'late_rule.timerules[].onwork_flex_time': translated(`${shift}.lateOffLateOn[].onLateSec`, {
      note: '≤ offwork_after_time',
    }),
    max_allow_arrive_early: translated(`${shift}.flexibleArrival.maxEarlySec`),
    max_allow_arrive_late: translated(`${shift}.flexibleArrival.maxLateSec`),
  };
}

const NOT_WRITTEN_WECOM = notApplicable(
  "WeCom-only setting, not written: no canonical source; WeCom's default on create, unchanged on update (omitted)",
);

export const WECOM_RULE_WRITE_COVERAGE: CoverageTable = {
  id: 'wecom-rule-write',
  section: 'WeCom checkin rule',
  direction: 'write',
  wireModel: 'wecomAddCheckinOptionRequestSchema / wecomUpdateCheckinOptionRequestSchema (add/update_checkin_option)',
  mapper: `${MAPPER_WRITE} (the group; the rules sync wraps it in the request)`,
  canonicalModel: 'CanonicalRule',
  fields: {
    effective_now: notApplicable("request option, not sent: a change applies from tomorrow (WeCom's default)"),
    'group.allow_apply_bk_cnt': translated('remedy.monthlyLimit', { note: '0–99, −1 unlimited (approximated)' }),
    'group.allow_apply_bk_day_limit': translated('remedy.daysLimit', { note: '1–180, −1 unlimited (approximated)' }),
    'group.allow_apply_offworkday': translated('remedy.allowed'),
    'group.allow_checkin_offworkday': approximated(
      'restDayPunch',
      "fixed rules: 'allowed' → true, 'forbidden' → false, 'approval' → true (WeCom has no approval step, " +
        "approximated); other kinds have no such setting, not written (info); null → left out (a create gets WeCom's " +
        "default, not allowed; an update keeps WeCom's)",
      { lossField: 'restDayPunch' },
    ),
    'group.buka_limit_next_month': NOT_WRITTEN_WECOM,
    'group.buka_remind.buka_remind_day': NOT_WRITTEN_WECOM,
    'group.buka_remind.buka_remind_month': NOT_WRITTEN_WECOM,
    'group.buka_remind.open_remind': NOT_WRITTEN_WECOM,
    'group.buka_restriction': translated(
      ['remedy.forMissing', 'remedy.forLate', 'remedy.forEarly', 'remedy.forOther'],
      {
        note: 'a set bit closes that type; only with make-up punches allowed',
      },
    ),
    ...under('group.checkindate[].', flexWrite('shifts[].sections[]')),
    ...under('group.checkindate[].checkintime[].', sectionWrite('shifts[].sections[]')),
    'group.checkindate[].workdays': translated(['week', 'free.workdays'], {
      note: 'weekdays sharing a shift share an entry; 0 = Sunday',
    }),
    'group.groupid': notApplicable("update only: the linked rule's id, set by the rules sync"),
    'group.groupname': translated('name', {
      note: 'wecomRuleNameCandidates: the name, ≤ 40 (shortening reported); "name (2)"… when another group holds it',
    }),
    'group.grouptype': translated('kind'),
    'group.loc_infos[].distance': approximated(
      'gpsLocations[].radiusMeters',
      'snapped to 100…1000 step 100, 1500, 2000, 2500, 3000 m',
      {
        lossField: 'radiusMeters',
      },
    ),
    'group.loc_infos[].lat': translated('gpsLocations[].latitude', { note: '× 1e6' }),
    'group.loc_infos[].lng': translated('gpsLocations[].longitude', { note: '× 1e6' }),
    'group.loc_infos[].loc_detail': translated('gpsLocations[].address', { note: '≤ 40 characters (approximated)' }),
    'group.loc_infos[].loc_title': translated('gpsLocations[].name', { note: '≤ 40 characters (approximated)' }),
    'group.need_photo': translated('photoRequired'),
    'group.note_can_use_local_pic': NOT_WRITTEN_WECOM,
    'group.offwork_interval_time': notApplicable(
      "constant 0 for free rules: the canonical rule has no minimum interval (an update keeps WeCom's, mergeWecomRuleUpdate)",
    ),
    'group.open_face_live_detect': approximated(
      'faceLiveness',
      "'none' → false, 'silent' → true; 'action' (Feishu's 动作验证) → true, WeCom's one liveness check has no action " +
        'variant; only with face recognition (doc "open_face_live_detect requires use_face_detect first"), else ' +
        'false and the liveness check is dropped with a loss',
      { lossField: 'faceLiveness' },
    ),
    'group.option_out_range': translated('outOfRange'),
    ...perOvertimeDayKind((kind) => ({
      ...under(
        `group.ot_info_v2.${kind}.`,
        sameFate(
          OT_DAY_DETAILS,
          notApplicable(
            "not written: a create gets WeCom's defaults, an update keeps what WeCom holds (mergeWecomRuleUpdate)",
          ),
        ),
      ),
      [`group.ot_info_v2.${kind}.allow_ot`]: translated(OVERTIME_OF[kind], {
        note: "null (the source does not say, info) → false on create; an update keeps WeCom's (mergeWecomRuleUpdate)",
      }),
      [`group.ot_info_v2.${kind}.type`]: notApplicable('constant 2 (approval only, the documented default)'),
    })),
    'group.range.party_id': translated('members.departmentIds', { note: 'through the ID mapping' }),
    'group.range.tagid': notApplicable(
      "not written: the canonical rule has no tags (an update keeps WeCom's, reported, mergeWecomRuleUpdate)",
    ),
    'group.range.userid': translated('members.userIds', { note: 'through the ID mapping' }),
    'group.reporterinfo.reporters[].tagid': NOT_WRITTEN_WECOM,
    'group.reporterinfo.reporters[].userid': NOT_WRITTEN_WECOM,
    ...under('group.schedulelist[].', flexWrite('shifts[].sections[]')),
    ...under('group.schedulelist[].time_section[].', sectionWrite('shifts[].sections[]')),
    'group.schedulelist[].schedule_id': translated('shifts[].key', {
      note: 'a numeric key is kept, others hashed; 0 = the rest schedule 休息',
    }),
    'group.schedulelist[].schedule_name': translated('shifts[].name', {
      note: 'unique, ≤ 40, "休息" reserved (approximated)',
    }),
    'group.span_day_time': translated('free.dayStartSec'),
    'group.spe_offdays[].begtime': notApplicable('not written: single days only (type 0)'),
    'group.spe_offdays[].endtime': notApplicable('not written: single days only (type 0)'),
    'group.spe_offdays[].notes': translated(['specialOffdays[].note', 'idSpace'], {
      note: 'required: "Synced from <source vendor>" when empty (info); ≤ 40 bytes',
    }),
    'group.spe_offdays[].timestamp': translated('specialOffdays[].date', {
      note: 'future days only (past ones dropped)',
    }),
    'group.spe_offdays[].type': notApplicable('constant 0 (one day)'),
    'group.spe_workdays[].begtime': notApplicable('not written: single days only (type 0)'),
    'group.spe_workdays[].checkintime[].off_work_sec': translated(
      ['specialWorkdays[].shiftKey', 'specialWorkdays[].sections'],
      {
        note: "the times of the day's shift, or its own sections",
      },
    ),
    'group.spe_workdays[].checkintime[].remind_off_work_sec': translated(
      ['specialWorkdays[].shiftKey', 'punchReminder.afterOffSec'],
      { note: reminderWriteNote('the end +', '0/10/20/30/60', 'before 次日23:59') },
    ),
    'group.spe_workdays[].checkintime[].remind_work_sec': translated(
      ['specialWorkdays[].shiftKey', 'punchReminder.beforeOnSec'],
      { note: reminderWriteNote('the start −', '0/5/10/15/20', 'after 00:00') },
    ),
    'group.spe_workdays[].checkintime[].time_id': GENERATED_TIME_ID,
    'group.spe_workdays[].checkintime[].work_sec': translated(
      ['specialWorkdays[].shiftKey', 'specialWorkdays[].sections'],
      {
        note: 'special days carry times only: no windows, breaks or grace (info)',
      },
    ),
    'group.spe_workdays[].endtime': notApplicable('not written: single days only (type 0)'),
    'group.spe_workdays[].notes': translated(['specialWorkdays[].note', 'idSpace'], {
      note: 'required: "Synced from <source vendor>" when empty (info); ≤ 40 bytes',
    }),
    'group.spe_workdays[].timestamp': translated('specialWorkdays[].date', {
      note: 'fixed rules only; future days only',
    }),
    'group.spe_workdays[].type': notApplicable('constant 0 (one day)'),
    'group.standard_work_duration': translated('free.requiredWorkSec', {
      note: '1 h–24 h in 30 min steps, −1 none (approximated)',
    }),
    'group.sync_holidays': translated('followsHolidayCalendar'),
    'group.sync_out_checkin': NOT_WRITTEN_WECOM,
    'group.type': NOT_WRITTEN_WECOM,
    'group.use_face_detect': translated('faceRecognition'),
    'group.white_users': translated('members.excludedUserIds', {
      note: "through the ID mapping; WeCom cannot empty the list: an update exempting nobody keeps WeCom's, reported (mergeWecomRuleUpdate)",
    }),
    'group.wifimac_infos[].wifimac': translated('wifiLocations[].bssid'),
    'group.wifimac_infos[].wifiname': translated('wifiLocations[].ssid', { note: '≤ 40 characters (approximated)' }),
  },
  canonicalNotWritten: {
    'remedy.forNormal': dropped(
      "make-up punches for punches that were normal have no WeCom form (buka_restriction's types are missing, late, early and other exceptions)",
    ),
    'shifts[].sections[].seriousLateSec': dropped('"seriously late" has no WeCom equivalent'),
    timeZone: approximated(
      [],
      'WeCom only knows China time: clock times are written unchanged, special days as China dates',
    ),
  },
};

export const WECOM_COVERAGE_TABLES: readonly CoverageTable[] = [WECOM_RULE_READ_COVERAGE, WECOM_RULE_WRITE_COVERAGE];
