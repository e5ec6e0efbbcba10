import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import {
  feishuGroupCreateRequestSchema,
  feishuGroupSchema,
  feishuShiftCreateSchema,
  feishuShiftSchema,
  feishuUserFlowCreateSchema,
  feishuUserFlowSchema,
} from '@app/feishu/model';
import {
  wecomAddCheckinOptionRequestSchema,
  wecomAddCheckinRecordSchema,
  wecomCheckinDataSchema,
  wecomCheckinGroupReadSchema,
  wecomUpdateCheckinOptionRequestSchema,
  wecomUserCheckinGroupReadSchema,
} from '@app/wecom/model';
import {
  FIELD_COVERAGE_DOC_FILE,
  fieldCoverageMarkdown,
  fieldCoverageTables,
} from '../../../scripts/field-coverage.js';
import type { IdResolver } from '../src/canonical/id-resolver.js';
import type { Loss, Translation } from '../src/canonical/loss.js';
import {
  FEISHU_COVERAGE_TABLES,
  FIELD_COVERAGE_COMMAND,
  notApplicable,
  PUNCH_COVERAGE_TABLES,
  WECOM_COVERAGE_TABLES,
  type CoverageTable,
  type FieldFate,
} from '../src/field-coverage/index.js';
import { canonicalToFeishu } from '../src/feishu/canonical-to-feishu.mapper.js';
import {
  FEISHU_GROUP_READ_COVERAGE,
  FEISHU_GROUP_WRITE_COVERAGE,
  FEISHU_SHIFT_READ_COVERAGE,
  FEISHU_SHIFT_WRITE_COVERAGE,
} from '../src/feishu/feishu.coverage.js';
import { feishuToCanonical } from '../src/feishu/feishu-to-canonical.mapper.js';
import { feishuFlowToPunch, punchToFeishuFlow } from '../src/punch/feishu-punch.mapper.js';
import {
  FEISHU_FLOW_READ_COVERAGE,
  FEISHU_FLOW_WRITE_COVERAGE,
  WECOM_CHECKIN_DATA_READ_COVERAGE,
  WECOM_CHECKIN_RECORD_WRITE_COVERAGE,
} from '../src/punch/punch.coverage.js';
import { punchToWecomRecord, wecomCheckinToPunch } from '../src/punch/wecom-punch.mapper.js';
import { canonicalToWecom } from '../src/wecom/canonical-to-wecom.mapper.js';
import { OT_DAY_KINDS, WECOM_RULE_READ_COVERAGE, WECOM_RULE_WRITE_COVERAGE } from '../src/wecom/wecom.coverage.js';
import { wecomToCanonical } from '../src/wecom/wecom-to-canonical.mapper.js';
import {
  canonicalCoverage,
  checkReadBehaviour,
  checkWriteBehaviour,
  modelFields,
  staleDeclarations,
  undeclaredFields,
  type Outcome,
  type ReadHarness,
  type ReadOverride,
  type WriteHarness,
  type WriteOverride,
} from './field-coverage/harness.js';
import { CANONICAL_PUNCH_ENUMS, CANONICAL_RULE_ENUMS } from './field-coverage/canonical-enums.js';
import { clone, DELETE, lossConcerns } from './field-coverage/paths.js';
import {
  NOW_UNIX_SECONDS,
  SHIFT_EARLY,
  feishuDayShift,
  feishuEarlyShift,
  feishuFixedGroup,
  feishuFlow,
  feishuFreeGroup,
  feishuShiftBasedGroup,
  wecomCheckinRow,
  wecomFixedRule,
  wecomFreeRule,
  wecomLegacyOvertimeRule,
  wecomShiftBasedRule,
} from './field-coverage/vendor-bases.js';

/*
 * Issue #17: docs/field-coverage.md is generated from the field-fate declarations beside the mappers, and this
 * spec keeps both true. For every rule and punch wire model: (a) every field of the zod model has a declared
 * fate, (b) every declaration names a field of the model, (d) each declared fate agrees with what the mapper
 * does (field-coverage/harness.ts says how), and (c) the doc is exactly what `npm run coverage:fields` writes.
 * The roster tables are checked beside the roster code (apps/gateway/src/sync/rosters/roster.coverage.spec.ts).
 *
 * A failure names the table, the field and what disagrees: fix the one-line declaration (or the mapper), then
 * run `npm run coverage:fields`. The overrides below only choose valid inputs for the harness; they never
 * change what is expected.
 */

const identity: IdResolver = { user: (id) => id, department: (id) => id };

function outcomeOf<T>(translation: Translation<T>, view: (value: T) => unknown = (value) => value): Outcome {
  return translation.ok
    ? { ok: true, value: clone(view(translation.value)), losses: translation.losses }
    : { ok: false, value: null, losses: translation.losses };
}

function parseOutcome(
  schema: z.ZodType,
  record: unknown,
): { ok: true; data: unknown } | { ok: false; outcome: Outcome } {
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ok: true, data: parsed.data };
  const losses: Loss[] = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    severity: 'blocking',
    message: issue.message,
  }));
  return { ok: false, outcome: { ok: false, value: null, losses } };
}

/**
 * A punch read as an outcome, whichever shape the reader returns: `{punch} | {skipped}`, or a translation that
 * may carry `skipped`. A skipped record is an output too ("not a punch"), so skipping it is a change.
 */
function punchReadOutcome(read: unknown): Outcome {
  const result = read as {
    punch?: unknown;
    skipped?: string;
    ok?: boolean;
    value?: unknown;
    losses?: readonly Loss[];
  };
  const losses = result.losses ?? [];
  if (result.skipped !== undefined) return { ok: true, value: { skipped: result.skipped }, losses };
  if ('punch' in result) return { ok: true, value: clone(result.punch), losses };
  return result.ok === true ? { ok: true, value: clone(result.value), losses } : { ok: false, value: null, losses };
}

function punchOf(read: unknown, what: string): unknown {
  const outcome = punchReadOutcome(read);
  if (!outcome.ok || (outcome.value as { skipped?: string }).skipped !== undefined) {
    throw new Error(`${what} is not read as a punch: ${JSON.stringify(outcome)}`);
  }
  return outcome.value;
}

function report(problems: readonly string[]): string {
  return problems.length === 0 ? '' : `\n${problems.length} disagreement(s):\n${problems.join('\n')}\n`;
}

// ---- canonical bases: what the other vendor's reader makes of the rich bases (the sync's own pipeline) ----------

function mustRead<T>(what: string, translation: Translation<T>): T {
  if (!translation.ok) {
    throw new Error(
      `${what} is refused: ${translation.losses.map((loss) => `${loss.field}: ${loss.message}`).join('; ')}`,
    );
  }
  return clone(translation.value);
}

const feishuShifts = () => [feishuDayShift(), feishuEarlyShift()];
const canonicalFromFeishu = () => ({
  fixed: mustRead('feishu fixed', feishuToCanonical({ group: feishuFixedGroup(), shifts: feishuShifts() })),
  shift_based: mustRead(
    'feishu shift-based',
    feishuToCanonical({ group: feishuShiftBasedGroup(), shifts: feishuShifts() }),
  ),
  free: mustRead('feishu free', feishuToCanonical({ group: feishuFreeGroup(), shifts: [] })),
});
const canonicalFromWecom = () => ({
  fixed: mustRead('wecom fixed', wecomToCanonical(wecomFixedRule())),
  shift_based: mustRead('wecom shift-based', wecomToCanonical(wecomShiftBasedRule())),
  free: mustRead('wecom free', wecomToCanonical(wecomFreeRule())),
});

// ---- harnesses --------------------------------------------------------------------------------------------------

const feishuGroups: Record<string, () => Record<string, unknown>> = {
  fixed: feishuFixedGroup,
  shift_based: feishuShiftBasedGroup,
  free: feishuFreeGroup,
};

const withoutBindLists: ReadOverride = { setup: { bind_user_ids: DELETE, bind_dept_ids: DELETE } };
const withoutDefaultLists: ReadOverride = { setup: { bind_default_user_ids: DELETE, bind_default_dept_ids: DELETE } };
const otherScope = (list: string): ReadOverride => ({
  setup: {
    ...(list === 'need_punch_members' ? withoutBindLists.setup : withoutDefaultLists.setup),
    [`${list}[0].scope_group_list.scope_value_type`]: 100,
  },
});
const memberOverrides = (list: string, plain: ReadOverride): Record<string, ReadOverride> => ({
  [`${list}[].rule_scope_type`]: plain,
  [`${list}[].scope_group_list.scope_value_type`]: plain,
  [`${list}[].scope_group_list.operation_type`]: plain,
  [`${list}[].scope_group_list.member_ids`]: plain,
  [`${list}[].scope_group_list.right[].key`]: otherScope(list),
  [`${list}[].scope_group_list.right[].name`]: otherScope(list),
  [`${list}[].scope_group_list.custom_field_ID`]: otherScope(list),
  [`${list}[].scope_group_list.custom_field_obj_type`]: otherScope(list),
});
const free: ReadOverride = { base: 'free' };

function feishuGroupRead(): ReadHarness {
  return {
    table: FEISHU_GROUP_READ_COVERAGE,
    schemas: [feishuGroupSchema],
    bases: { fixed: feishuFixedGroup(), shift_based: feishuShiftBasedGroup(), free: feishuFreeGroup() },
    run: (group) => outcomeOf(feishuToCanonical({ group, shifts: feishuShifts() })),
    overrides: {
      group_type: { value: 2 },
      time_zone: { value: 'Asia/Tokyo' },
      face_punch_cfg: { value: 2 },
      'locations[].map_type': { value: 2 },
      gps_range: { setup: { 'locations[0].gps_range': DELETE } },
      'locations[].bssid': { index: [1] },
      'locations[].ssid': { index: [1] },
      'locations[].ip': { index: [2] },
      'locations[].feature': { index: [2] },
      'free_punch_cfg.free_clock_setting': free,
      'free_punch_cfg.free_end_time': { base: 'free', value: '18:00', quiet: '' },
      'free_punch_cfg.free_start_time': free,
      'free_punch_cfg.punch_day': free,
      'free_punch_cfg.work_day_no_punch_as_lack': free,
      'free_punch_cfg.work_hours': free,
      'free_punch_cfg.work_hours_demand': free,
      ...memberOverrides('need_punch_members', withoutBindLists),
      ...memberOverrides('no_need_punch_members', withoutDefaultLists),
      'need_punch_special_days[].shift_id': { value: SHIFT_EARLY },
      remedy_period_custom_date: { setup: { remedy_period_type: 2 } },
      remedy_period_type: { value: 2 },
      punch_day_shift_ids: { value: (ids: unknown) => [...(ids as string[]).slice(0, 6), SHIFT_EARLY] },
    },
  };
}

function feishuShiftRead(): ReadHarness {
  const overtime = { setup: { overtime_rule: [{ on_overtime: '19:00', off_overtime: '21:00' }] } };
  return {
    table: FEISHU_SHIFT_READ_COVERAGE,
    schemas: [feishuShiftSchema],
    bases: { fixed: feishuDayShift(), shift_based: feishuDayShift() },
    run: (shift, variant) =>
      outcomeOf(feishuToCanonical({ group: feishuGroups[variant]!(), shifts: [shift, feishuEarlyShift()] })),
    overrides: {
      shift_id: { base: 'shift_based' },
      'punch_time_rule[].late_minutes_as_serious_late': { setup: { late_minutes_as_serious_late: DELETE } },
      flexible_minutes: { setup: { flexible_rule: DELETE } },
      day_type: { value: 2 },
      'shift_attendance_time_config.attendance_time': { value: 2 },
      'shift_attendance_time_config.on_attendance_time': { value: 2 },
      'shift_attendance_time_config.off_attendance_time': { value: 2 },
      'overtime_rule[].on_overtime': overtime,
      'overtime_rule[].off_overtime': overtime,
    },
  };
}

const NO_WINDOW = (section: string) => ({
  [`${section}.earliest_work_sec`]: DELETE,
  [`${section}.latest_work_sec`]: DELETE,
  [`${section}.earliest_off_work_sec`]: DELETE,
  [`${section}.latest_off_work_sec`]: DELETE,
});
const DAY = 86_400;
/** The fixed base's regular sections without `field` (remind_work_sec / remind_off_work_sec). */
const NO_REMINDER = (field: string) => ({
  [`checkindate[0].checkintime[0].${field}`]: DELETE,
  [`checkindate[0].checkintime[1].${field}`]: DELETE,
});

function wecomRuleRead(): ReadHarness {
  const overtimeOn = { setup: { 'ot_info_v2.workdayconf.allow_ot': true } };
  const legacyOn = { setup: { 'ot_info.allow_ot_workingday': true } };
  const overrides: Record<string, ReadOverride> = {
    'checkindate[].flex_time': { setup: { 'checkindate[0].flex_on_duty_time': -1 }, value: 1_200_000 },
    'checkindate[].limit_aheadtime': { setup: NO_WINDOW('checkindate[0].checkintime[0]') },
    'checkindate[].noneed_offwork': { setup: { 'checkindate[0].checkintime[0].no_need_checkoff': DELETE } },
    'checkindate[].late_rule.offwork_after_time': { setup: { 'checkindate[0].late_rule.timerules': DELETE } },
    'checkindate[].late_rule.onwork_flex_time': { setup: { 'checkindate[0].late_rule.timerules': DELETE } },
    'checkindate[].checkintime[].allow_rest': { index: [0, 1] },
    'checkindate[].checkintime[].rest_begin_time': { index: [0, 1] },
    'checkindate[].checkintime[].rest_end_time': { index: [0, 1] },
    'schedulelist[].limit_aheadtime': { setup: NO_WINDOW('schedulelist[0].time_section[0]') },
    'schedulelist[].limit_offtime': { setup: NO_WINDOW('schedulelist[0].time_section[0]') },
    'schedulelist[].noneed_offwork': { setup: { 'schedulelist[0].time_section[0].no_need_checkoff': DELETE } },
    'schedulelist[].late_rule.offwork_after_time': { setup: { 'schedulelist[0].late_rule.timerules': DELETE } },
    'schedulelist[].late_rule.onwork_flex_time': { setup: { 'schedulelist[0].late_rule.timerules': DELETE } },
    'schedulelist[].time_section[].allow_rest': { index: [0, 1] },
    'schedulelist[].time_section[].rest_begin_time': { index: [0, 1] },
    'schedulelist[].time_section[].rest_end_time': { index: [0, 1] },
    'range.partyid': { setup: { 'range.party_id': DELETE, 'range.partyid': ['3'] } },
    // The rule's one reminder is the first section's in time order: with the regular sections holding none, the
    // special workday's is it.
    'spe_workdays[].checkintime[].remind_work_sec': { setup: NO_REMINDER('remind_work_sec') },
    'spe_workdays[].checkintime[].remind_off_work_sec': { setup: NO_REMINDER('remind_off_work_sec') },
    span_day_time: { base: 'free' },
    standard_work_duration: { base: 'free' },
    'spe_workdays[].timestamp': { value: (day: unknown) => (day as number) + DAY },
    'spe_workdays[].begtime': { setup: { 'spe_workdays[0].type': 1 }, value: (day: unknown) => (day as number) + DAY },
    'spe_workdays[].endtime': { setup: { 'spe_workdays[0].type': 1 }, value: (day: unknown) => (day as number) + DAY },
    'spe_offdays[].timestamp': { value: (day: unknown) => (day as number) + DAY },
    'spe_offdays[].begtime': { setup: { 'spe_offdays[0].type': 1 }, value: (day: unknown) => (day as number) + DAY },
    'spe_offdays[].endtime': { setup: { 'spe_offdays[0].type': 1 }, value: (day: unknown) => (day as number) + DAY },
  };
  for (const path of Object.keys(WECOM_RULE_READ_COVERAGE.fields)) {
    if (OT_DAY_KINDS.some((kind) => path.startsWith(`ot_info_v2.${kind}.`)) && !path.endsWith('.allow_ot')) {
      overrides[path] = overtimeOn;
    }
    if (path.startsWith('ot_info.') && !path.includes('allow_ot_') && !path.endsWith('uptime'))
      overrides[path] = legacyOn;
  }
  return {
    table: WECOM_RULE_READ_COVERAGE,
    schemas: [wecomCheckinGroupReadSchema],
    bases: {
      fixed: wecomFixedRule(),
      legacy_overtime: wecomLegacyOvertimeRule(),
      shift_based: wecomShiftBasedRule(),
      free: wecomFreeRule(),
    },
    run: (rule) => outcomeOf(wecomToCanonical(rule)),
    overrides,
  };
}

function feishuWrite(
  table: CoverageTable,
  view: 'group' | 'shifts',
  overrides: Record<string, WriteOverride>,
): WriteHarness {
  return {
    table,
    schemas: view === 'group' ? [feishuGroupCreateRequestSchema] : [feishuShiftCreateSchema],
    bases: canonicalFromWecom(),
    run: (rule) =>
      outcomeOf(
        canonicalToFeishu(rule as never, { resolver: identity, groupLeaderIds: ['52aa1fa1'], existingShifts: [] }),
        (plan) =>
          view === 'group'
            ? { group: plan.groupTemplate }
            : plan.shifts.flatMap((entry) => (entry.action === 'create' ? [entry.shift] : [])),
      ),
    overrides,
    enums: CANONICAL_RULE_ENUMS,
  };
}

function feishuGroupWrite(): WriteHarness {
  const secondPlace = {
    'gpsLocations[1]': { name: '二号楼', address: '', latitude: 30.3, longitude: 120.1, radiusMeters: 500 },
  };
  return feishuWrite(FEISHU_GROUP_WRITE_COVERAGE, 'group', {
    'group.group_type': { values: { kind: 'shift_based' } },
    'group.time_zone': { values: { timeZone: 'Asia/Tokyo' } },
    'group.allow_out_punch': { values: { outOfRange: 'forbidden' } },
    'group.out_punch_need_approval': { values: { outOfRange: 'exception' } },
    'group.free_punch_cfg.work_hours': { values: { 'free.requiredWorkSec': 30_600 } },
    'group.free_punch_cfg.work_hours_demand': { values: { 'free.requiredWorkSec': null } },
    'group.gps_range': { setup: secondPlace, values: { 'gpsLocations[].radiusMeters': 2000 } },
    'group.locations[].location_type': { values: { gpsLocations: [], wifiLocations: [] } },
    'group.punch_type': { values: { gpsLocations: [], wifiLocations: [] } },
    'group.rest_clockIn_need_approval': { values: { restDayPunch: 'forbidden' } },
    'group.need_punch_special_days[].shift_id': {
      values: {
        'specialWorkdays[].shiftKey': (_current: unknown, rule: unknown) =>
          (rule as { shifts: { key: string }[] }).shifts[0]!.key,
        'specialWorkdays[].sections': (sections: unknown) =>
          (sections as { onSec: number }[]).map((section) => ({
            ...section,
            onSec: section.onSec + 300,
            punchWindow: null,
          })),
      },
    },
    'group.punch_day_shift_ids': { values: { week: (week: unknown) => ({ ...(week as object), 1: null }) } },
    'group.remedy_date_limit': { values: { 'remedy.daysLimit': null } },
    'group.remedy_limit': { values: { 'remedy.monthlyLimit': null } },
    'group.remedy_period_type': { values: { 'remedy.monthlyLimit': null } },
    'shifts[].key': { base: 'shift_based' },
    'shifts[].name': { base: 'shift_based' },
  });
}

function feishuShiftWrite(): WriteHarness {
  return feishuWrite(FEISHU_SHIFT_WRITE_COVERAGE, 'shifts', {
    is_flexible: { values: { 'shifts[].flexibleArrival': null } },
    'punch_time_rule[].no_need_on': { index: [0, 1] },
    'punch_time_rule[].late_minutes_as_serious_late': { values: { 'shifts[].sections[].seriousLateSec': 1800 } },
    'rest_time_rule[].rest_begin_time': { index: [0, 1] },
    'rest_time_rule[].rest_end_time': { index: [0, 1] },
  });
}

function wecomRuleWrite(): WriteHarness {
  const noArrival = { 'shifts[0].flexibleArrival': null };
  const noGrace = { 'shifts[0].sections[0].lateGraceSec': 0, 'shifts[0].sections[0].earlyLeaveGraceSec': 0 };
  const flexOverrides = (prefix: string): Record<string, WriteOverride> => ({
    [`${prefix}.allow_flex`]: {
      setups: { 'shifts[].sections[].lateGraceSec': { ...noArrival, ...noGrace }, 'shifts[].flexibleArrival': noGrace },
      values: {
        'shifts[].sections[].lateGraceSec': 300,
        'shifts[].flexibleArrival': (arrival: unknown) =>
          arrival === null ? { maxEarlySec: 600, maxLateSec: 600 } : null,
      },
    },
    [`${prefix}.flex_on_duty_time`]: { setup: noArrival },
    [`${prefix}.flex_off_duty_time`]: { setup: noArrival },
    [`${prefix}.late_rule.allow_offwork_after_time`]: { values: { 'shifts[].lateOffLateOn': [] } },
    [`${prefix}.late_rule.timerules[].offwork_after_time`]: { values: { 'shifts[].lateOffLateOn[].offLateSec': 4500 } },
    [`${prefix}.late_rule.timerules[].onwork_flex_time`]: { values: { 'shifts[].lateOffLateOn[].onLateSec': 2700 } },
  });
  const rest = (value: unknown) => (value === null ? { beginSec: 43_200, endSec: 46_800 } : null);
  // Feishu has no punch reminder, so no canonical base read from Feishu holds one: the rule's own is set up here
  // (values WeCom offers: 10 → 20 min before work, 30 → 60 min after it).
  const withReminder = { punchReminder: { beforeOnSec: 600, afterOffSec: 1800 } };
  const reminderValues = { 'punchReminder.beforeOnSec': 1200, 'punchReminder.afterOffSec': 3600 };
  const reminderOverrides = (section: string, base: string): Record<string, WriteOverride> => ({
    [`${section}.remind_work_sec`]: { base, setup: withReminder, values: reminderValues },
    [`${section}.remind_off_work_sec`]: { base, setup: withReminder, values: reminderValues },
  });
  return {
    table: WECOM_RULE_WRITE_COVERAGE,
    schemas: [wecomAddCheckinOptionRequestSchema, wecomUpdateCheckinOptionRequestSchema],
    bases: canonicalFromFeishu(),
    run: (rule) => {
      const name = (rule as { name: string }).name;
      return outcomeOf(
        canonicalToWecom(rule as never, {
          resolver: identity,
          // The group's own name (plain-rule-names.ts): the translation cuts it to WeCom's limit.
          ruleName: name,
          nowUnixSeconds: NOW_UNIX_SECONDS,
        }),
        (group) => ({ group }),
      );
    },
    enums: CANONICAL_RULE_ENUMS,
    overrides: {
      'group.grouptype': { values: { kind: 'shift_based' } },
      'group.allow_checkin_offworkday': { values: { restDayPunch: 'forbidden' } },
      'group.open_face_live_detect': { values: { faceLiveness: 'none' } },
      ...Object.fromEntries(
        (
          [
            ['workdayconf', 'overtime.workday'],
            ['restdayconf', 'overtime.restDay'],
            ['holidayconf', 'overtime.holiday'],
          ] as const
        ).map(([kind, canonical]) => [`group.ot_info_v2.${kind}.allow_ot`, { values: { [canonical]: true } }]),
      ),
      ...reminderOverrides('group.checkindate[].checkintime[]', 'fixed'),
      ...reminderOverrides('group.schedulelist[].time_section[]', 'shift_based'),
      'group.checkindate[].workdays': {
        values: { week: (week: unknown) => ({ ...(week as object), 7: SHIFT_EARLY }) },
      },
      ...flexOverrides('group.checkindate[]'),
      ...flexOverrides('group.schedulelist[]'),
      'group.checkindate[].checkintime[].allow_rest': { values: { 'shifts[].sections[].rest': rest } },
      'group.schedulelist[].time_section[].allow_rest': { values: { 'shifts[].sections[].rest': rest } },
      'group.schedulelist[].schedule_id': { values: { 'shifts[].key': 'custom-key' } },
      'group.loc_infos[].distance': { values: { 'gpsLocations[].radiusMeters': 350 } },
      'group.option_out_range': { values: { outOfRange: 'forbidden' } },
      'group.standard_work_duration': { values: { 'free.requiredWorkSec': 30_600 } },
      ...Object.fromEntries(
        ['work_sec', 'off_work_sec', 'remind_work_sec', 'remind_off_work_sec'].map((field) => [
          `group.spe_workdays[].checkintime[].${field}`,
          {
            ...(field.startsWith('remind_') ? { base: 'fixed', setup: withReminder } : {}),
            setups: { 'specialWorkdays[].sections': { 'specialWorkdays[0].shiftKey': null } },
            values: {
              ...reminderValues,
              'specialWorkdays[].shiftKey': SHIFT_EARLY,
              'specialWorkdays[].sections': [
                {
                  onSec: 36_000,
                  offSec: 64_800,
                  punchWindow: null,
                  noPunchOn: false,
                  noPunchOff: false,
                  lateGraceSec: 0,
                  earlyLeaveGraceSec: 0,
                  seriousLateSec: null,
                  rest: null,
                },
              ],
            },
          },
        ]),
      ),
      timeZone: { values: { timeZone: 'Asia/Tokyo' } },
    },
  };
}

function feishuFlowRead(): ReadHarness {
  return {
    table: FEISHU_FLOW_READ_COVERAGE,
    schemas: [feishuUserFlowSchema],
    bases: { flow: feishuFlow() },
    run: (record) => {
      const parsed = parseOutcome(feishuUserFlowSchema, record);
      return parsed.ok ? punchReadOutcome(feishuFlowToPunch(parsed.data as never)) : parsed.outcome;
    },
    overrides: {
      // 7 (import) → 1 (an administrator's change): another documented type (8 is not one, and is refused).
      type: { value: 1 },
      // A punch marked Wi-Fi is one even when the flow names no network.
      is_wifi: { setup: { ssid: DELETE, bssid: DELETE } },
    },
  };
}

function wecomCheckinRead(): ReadHarness {
  return {
    table: WECOM_CHECKIN_DATA_READ_COVERAGE,
    schemas: [wecomCheckinDataSchema],
    bases: { row: wecomCheckinRow() },
    run: (record) => {
      const parsed = parseOutcome(wecomCheckinDataSchema, record);
      return parsed.ok ? punchReadOutcome(wecomCheckinToPunch(parsed.data as never)) : parsed.outcome;
    },
    overrides: {
      checkin_type: { value: '外出打卡' },
      exception_type: { value: '时间异常;地点异常' },
    },
  };
}

function punchFromWecom(): unknown {
  return punchOf(wecomCheckinToPunch(wecomCheckinDataSchema.parse(wecomCheckinRow())), 'the WeCom base row');
}

function punchFromFeishu(): unknown {
  return punchOf(feishuFlowToPunch(feishuUserFlowSchema.parse(feishuFlow())), 'the Feishu base flow');
}

function feishuFlowWrite(): WriteHarness {
  return {
    table: FEISHU_FLOW_WRITE_COVERAGE,
    schemas: [feishuUserFlowCreateSchema],
    bases: { punch: punchFromWecom() },
    run: (punch) => outcomeOf(punchToFeishuFlow(punch as never, (punch as { userId: string }).userId)),
    enums: CANONICAL_PUNCH_ENUMS,
    overrides: {
      location_name: { setups: { locationDetail: { locationTitle: '' } } },
      is_wifi: { values: { wifi: null } },
      // WeCom's punches are the person's own, with no verdict in the base row: values that are reported.
      origin: { values: { origin: 'admin' } },
      recordedBy: { values: { recordedBy: 'admin-1' } },
      verdicts: { values: { verdicts: ['Late'] } },
    },
  };
}

function wecomRecordWrite(): WriteHarness {
  return {
    table: WECOM_CHECKIN_RECORD_WRITE_COVERAGE,
    schemas: [wecomAddCheckinRecordSchema],
    bases: { punch: punchFromFeishu() },
    run: (punch) => outcomeOf(punchToWecomRecord(punch as never, (punch as { userId: string }).userId)),
    enums: CANONICAL_PUNCH_ENUMS,
    overrides: {
      device_type: { values: { origin: 'device' } },
      // The base flow is the person's own (creator_id = user_id).
      recordedBy: { values: { recordedBy: 'admin-1' } },
    },
  };
}

// ---- the checks ---------------------------------------------------------------------------------------------------

const READS: readonly (() => ReadHarness)[] = [
  feishuGroupRead,
  feishuShiftRead,
  wecomRuleRead,
  feishuFlowRead,
  wecomCheckinRead,
];
const WRITES: readonly (() => WriteHarness)[] = [
  feishuGroupWrite,
  feishuShiftWrite,
  wecomRuleWrite,
  feishuFlowWrite,
  wecomRecordWrite,
];
const MODELS: readonly [CoverageTable, readonly z.ZodType[]][] = [
  [FEISHU_GROUP_READ_COVERAGE, [feishuGroupSchema]],
  [FEISHU_GROUP_WRITE_COVERAGE, [feishuGroupCreateRequestSchema]],
  [FEISHU_SHIFT_READ_COVERAGE, [feishuShiftSchema]],
  [FEISHU_SHIFT_WRITE_COVERAGE, [feishuShiftCreateSchema]],
  [FEISHU_FLOW_READ_COVERAGE, [feishuUserFlowSchema]],
  [FEISHU_FLOW_WRITE_COVERAGE, [feishuUserFlowCreateSchema]],
  [WECOM_RULE_READ_COVERAGE, [wecomCheckinGroupReadSchema]],
  [WECOM_RULE_WRITE_COVERAGE, [wecomAddCheckinOptionRequestSchema, wecomUpdateCheckinOptionRequestSchema]],
  [WECOM_CHECKIN_DATA_READ_COVERAGE, [wecomCheckinDataSchema]],
  [WECOM_CHECKIN_RECORD_WRITE_COVERAGE, [wecomAddCheckinRecordSchema]],
];

describe('field coverage: declarations ↔ wire models', () => {
  it.each(MODELS.map(([table, schemas]) => [table.id, table, schemas] as const))(
    '%s: every field of the wire model has a declared fate, and no declaration is stale',
    (_id, table, schemas) => {
      const problems = [...undeclaredFields(table, schemas), ...staleDeclarations(table, schemas)];
      expect(report(problems)).toBe('');
    },
  );

  it("getcheckinoption's rule (per user and day) has no field the getcorpcheckinoption table leaves undeclared", () => {
    const missing = modelFields([wecomUserCheckinGroupReadSchema]).filter(
      (path) => !(path in WECOM_RULE_READ_COVERAGE.fields),
    );
    expect(missing).toEqual([]);
  });

  it('every translation table is checked here (a new table needs its model and its harness)', () => {
    const checked = MODELS.map(([table]) => table.id).sort();
    const translationTables = fieldCoverageTables()
      .filter((table) => !table.id.includes('roster'))
      .map((table) => table.id)
      .sort();
    expect(checked).toEqual(translationTables);
  });
});

describe('field coverage: declared fates ↔ mapper behaviour', () => {
  it.each(READS.map((make) => [make().table.id, make] as const))('%s (reading)', (_id, make) => {
    expect(report(checkReadBehaviour(make()).problems)).toBe('');
  });

  it.each(WRITES.map((make) => [make().table.id, make] as const))('%s (writing)', (_id, make) => {
    expect(report(checkWriteBehaviour(make()))).toBe('');
  });

  it('every canonical field a writer is given is written or declared not written (Feishu: group + shifts)', () => {
    const feishu = canonicalFromWecom();
    expect(
      report(canonicalCoverage([FEISHU_GROUP_WRITE_COVERAGE, FEISHU_SHIFT_WRITE_COVERAGE], Object.values(feishu))),
    ).toBe('');
  });

  it('every canonical field a writer is given is written or declared not written (WeCom rule)', () => {
    expect(report(canonicalCoverage([WECOM_RULE_WRITE_COVERAGE], Object.values(canonicalFromFeishu())))).toBe('');
  });

  it('every canonical field a writer is given is written or declared not written (punches)', () => {
    expect(report(canonicalCoverage([FEISHU_FLOW_WRITE_COVERAGE], [punchFromWecom()]))).toBe('');
    expect(report(canonicalCoverage([WECOM_CHECKIN_RECORD_WRITE_COVERAGE], [punchFromFeishu()]))).toBe('');
  });
});

describe('field coverage: zero silent fields', () => {
  it('no vendor field and no canonical field is dropped without a loss naming it', () => {
    const silent = [...FEISHU_COVERAGE_TABLES, ...WECOM_COVERAGE_TABLES, ...PUNCH_COVERAGE_TABLES].flatMap((table) =>
      Object.entries({ ...table.fields, ...table.canonicalNotWritten })
        .filter(([, fate]) => fate.fate === 'dropped' && fate.loss === null)
        .map(([path]) => `${table.id} ${path}`),
    );
    expect(silent).toEqual([]);
  });
});

/*
 * The checker's own blind spots, closed: each test gives a harness a deliberately wrong declaration (one field of
 * a real table declared not_applicable, everything else as declared) and expects the checker to name that field,
 * and only that field. Before the fixes these declarations passed.
 */
describe('field coverage: the checker catches wrong not_applicable declarations', () => {
  const WRONG = notApplicable('deliberately wrong declaration (checker test)');

  function withFate(table: CoverageTable, path: string, fate: FieldFate): CoverageTable {
    expect(table.fields[path]).toBeDefined();
    return { ...table, fields: { ...table.fields, [path]: fate } };
  }

  /** The problems about `path`, after checking that the checker has none about any other field. */
  function problemsAbout(problems: readonly string[], id: string, path: string): string[] {
    const about = (problem: string) => problem.startsWith(`${id} \`${path}\` `);
    expect(problems.filter((problem) => !about(problem))).toEqual([]);
    return problems.filter(about);
  }

  describe('reading: a loss filed at a parent of the field (a section, an umbrella object) concerns it', () => {
    it.each([
      // Reported as shifts[<id>].shift_attendance_time_config, the umbrella object; the canonical rule is unchanged.
      [
        'feishu-shift-read',
        'shift_attendance_time_config.attendance_time',
        feishuShiftRead,
        /^shifts\[\d+\]\.shift_attendance_time_config \[dropped\]/,
      ],
      // Without the harness's override, the special workday's reminder is not the rule's (the regular 9:00 section
      // comes first): it differs, and the section is reported, as group.spe_workdays[0].checkintime[0].
      [
        'wecom-rule-read',
        'spe_workdays[].checkintime[].remind_work_sec',
        (): ReadHarness => {
          const { 'spe_workdays[].checkintime[].remind_work_sec': _own, ...overrides } = wecomRuleRead().overrides!;
          return { ...wecomRuleRead(), overrides };
        },
        /^group\.spe_workdays\[0\]\.checkintime\[0\] \[approximated\] The punch reminders of 09:00–18:00/,
      ],
    ] as const)('%s `%s` declared not_applicable', (id, path, make, loss) => {
      const harness = make();
      const problems = checkReadBehaviour({ ...harness, table: withFate(harness.table, path, WRONG) }).problems;
      const [problem, ...more] = problemsAbout(problems, id, path);
      expect(more).toEqual([]);
      expect(problem).toContain('(declared not_applicable): the mapper reports a loss for it');
      expect(problem!.split(': ').slice(2).join(': ')).toMatch(loss);
    });

    it("a parent must be the field's own: indices and the record/shift prefixes normalised, nothing looser", () => {
      const loss = (field: string) => ({ field, severity: 'info' as const, message: '' });
      const reminder = 'checkindate[].checkintime[].remind_work_sec';
      expect(lossConcerns(loss('group.checkindate[0].checkintime[0].remind_work_sec'), reminder)).toBe(true);
      expect(lossConcerns(loss('group.checkindate.0.checkintime.0.remind_work_sec'), reminder)).toBe(true);
      expect(lossConcerns(loss('group.checkindate[0].checkintime[1]'), reminder)).toBe(true);
      expect(lossConcerns(loss('group.checkindate'), reminder)).toBe(true);
      expect(lossConcerns(loss('checkintime'), reminder)).toBe(false);
      expect(lossConcerns(loss('checkintime'), 'remind_work_sec')).toBe(false);
      expect(lossConcerns(loss('group.spe_workdays[0].checkintime[0]'), reminder)).toBe(false);
      expect(
        lossConcerns(loss('group.spe_workdays[0].checkintime[0]'), 'spe_workdays[].checkintime[].remind_work_sec'),
      ).toBe(true);
      expect(
        lossConcerns(
          loss('shifts[6919668827865513935].shift_attendance_time_config'),
          'shift_attendance_time_config.attendance_time',
        ),
      ).toBe(true);
      expect(lossConcerns(loss('shifts.custom-key.sections'), 'shifts[].sections[].lateGraceSec')).toBe(true);
      expect(lossConcerns(loss('punch.is_field'), 'is_field')).toBe(true);
      expect(lossConcerns(loss('punch.position'), 'is_field')).toBe(false);
      expect(lossConcerns(loss('group'), 'groupid')).toBe(false);
    });
  });

  describe('writing: a field written from an enum-valued canonical field changes with its other values', () => {
    it.each([
      // 'allowed' → false, 'approval' / 'forbidden' → true; a generic 'allowed-x' left the field out.
      ['feishu-group-write', 'group.rest_clockIn_need_approval', 'restDayPunch', feishuGroupWrite],
      // Written (true) for 'exception' only, left out otherwise.
      ['feishu-group-write', 'group.out_punch_need_approval', 'outOfRange', feishuGroupWrite],
      // 'fixed-x' is refused; 'shift_based' is a group_type of its own.
      ['feishu-group-write', 'group.group_type', 'kind', feishuGroupWrite],
      ['wecom-rule-write', 'group.allow_checkin_offworkday', 'restDayPunch', wecomRuleWrite],
      // 'silent-x' is "not none": true, like 'silent'; 'none' → false.
      ['wecom-rule-write', 'group.open_face_live_detect', 'faceLiveness', wecomRuleWrite],
      ['wecom-rule-write', 'group.option_out_range', 'outOfRange', wecomRuleWrite],
      // 'device' → 2 (attendance machine), every other origin (and 'import-x') 3.
      ['wecom-checkin-record-write', 'device_type', 'origin', wecomRecordWrite],
    ] as const)('%s `%s` (from %s) declared not_applicable', (id, path, canonical, make) => {
      const harness = make();
      const problems = checkWriteBehaviour({ ...harness, table: withFate(harness.table, path, WRONG) });
      const [problem, ...more] = problemsAbout(problems, id, path);
      expect(more).toEqual([]);
      expect(problem).toContain('(declared not_applicable): its written value changes with canonical');
      expect(problem).toContain(`\`${canonical}\``);
    });

    it('a canonical enum declared not written (not_applicable) is tried at each of its values', () => {
      // origin is written to device_type ('device' → 2); its generic change 'import-x' wrote the same 3 as 'import'.
      const harness = wecomRecordWrite();
      const table: CoverageTable = {
        ...harness.table,
        canonicalNotWritten: { ...harness.table.canonicalNotWritten, origin: WRONG },
      };
      expect(checkWriteBehaviour({ ...harness, table })).toEqual([
        'wecom-checkin-record-write canonical `origin` (declared not_applicable, not written): changing it from ' +
          '"import" to "device" changes the written payload (device_type): some field is written from it',
      ]);
    });
  });
});

describe('field coverage: docs/field-coverage.md', () => {
  it(`is what \`${FIELD_COVERAGE_COMMAND}\` writes now`, async () => {
    let onDisk: string;
    try {
      onDisk = readFileSync(FIELD_COVERAGE_DOC_FILE, 'utf8');
    } catch {
      onDisk = '(missing)';
    }
    if (onDisk !== (await fieldCoverageMarkdown())) {
      throw new Error(
        `docs/field-coverage.md is out of date: run \`${FIELD_COVERAGE_COMMAND}\` and commit the result.`,
      );
    }
  });
});
