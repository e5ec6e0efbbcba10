import type { Loss } from '../canonical/loss.js';
import type { Members, Shift, TimeSection } from '../canonical/canonical-rule.js';
import { feishuToCanonical } from './feishu-to-canonical.mapper.js';
import { FEISHU_SHIFT_ID, feishuReadGroup, feishuReadShift } from '../../test/feishu-read.fixtures.js';

// Feishu → canonical, the shift half and the members (feishu-to-canonical.mapper.ts, mapSection to scopeLabel):
// each section field, where breaks land, flexible hours, "leave late, arrive late", the Feishu-only shift settings
// and the member scopes, with every loss pinned by field, severity, message and value.
// Expected values are worked out by hand from the read shapes in feishu-get-shift.md (times "H:mm" up to 47:59,
// minutes; READ no_need_on / no_need_off true = the punch IS needed) and feishu-create-update-group.md (members,
// rule_scope_type 0 none / 1 everyone / 2 custom; scope_value_type 1 department, 2 person, 3 country/region, …;
// operation_type 1 includes). Canonical times are seconds (canonical-rule.ts).

const SHIFT_ID = FEISHU_SHIFT_ID;
const FIELD = `shifts[${SHIFT_ID}]`;
const H = 3600;
const M = 60;

const readShift = feishuReadShift;
const readGroup = (overrides: Record<string, unknown> = {}) => feishuReadGroup({ calendar_id: 1, ...overrides });

function translate(group: Record<string, unknown>, shift: Record<string, unknown> = readShift()) {
  const result = feishuToCanonical({ group, shifts: [shift] });
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

/** The canonical shift and the losses on it, for a shift of the default group. */
function shiftOf(overrides: Record<string, unknown>): { shift: Shift; losses: Loss[] } {
  const result = translate(readGroup(), readShift(overrides));
  return {
    shift: result.value.shifts[0]!,
    losses: result.losses.filter((loss) => loss.field.startsWith(FIELD)),
  };
}

function sectionsOf(overrides: Record<string, unknown>): readonly TimeSection[] {
  return shiftOf(overrides).shift.sections;
}

/** A section with no window, both punches needed, no grace, no serious-late threshold, no break. */
function plainSection(onSec: number, offSec: number, extra: Partial<TimeSection> = {}): TimeSection {
  return {
    onSec,
    offSec,
    punchWindow: null,
    noPunchOn: false,
    noPunchOff: false,
    lateGraceSec: 0,
    earlyLeaveGraceSec: 0,
    seriousLateSec: null,
    rest: null,
    ...extra,
  };
}

describe('feishuToCanonical shifts: one punch segment → one section', () => {
  it('a segment with only its times: no window, both punches needed (flags omitted read as true), no grace', () => {
    expect(sectionsOf({})).toStrictEqual([plainSection(9 * H, 18 * H)]);
  });

  // Each window field alone: the window exists, the other three amounts read as 0 (omitted = zero on read).
  it.each([
    [
      'on_advance_minutes',
      30,
      { earliestOnSec: 9 * H - 30 * M, latestOnSec: 9 * H, earliestOffSec: 18 * H, latestOffSec: 18 * H },
    ],
    [
      'late_minutes_as_lack',
      60,
      { earliestOnSec: 9 * H, latestOnSec: 10 * H, earliestOffSec: 18 * H, latestOffSec: 18 * H },
    ],
    [
      'early_minutes_as_lack',
      45,
      { earliestOnSec: 9 * H, latestOnSec: 9 * H, earliestOffSec: 18 * H - 45 * M, latestOffSec: 18 * H },
    ],
    [
      'off_delay_minutes',
      120,
      { earliestOnSec: 9 * H, latestOnSec: 9 * H, earliestOffSec: 18 * H, latestOffSec: 20 * H },
    ],
  ])('%s %i alone gives a window with the rest at 0', (key, minutes, window) => {
    const sections = sectionsOf({ punch_time_rule: [{ on_time: '9:00', off_time: '18:00', [key]: minutes }] });
    expect(sections).toStrictEqual([plainSection(9 * H, 18 * H, { punchWindow: window })]);
  });

  it('a window field sent as 0 still gives a window of its own (Feishu sent one)', () => {
    const sections = sectionsOf({ punch_time_rule: [{ on_time: '9:00', off_time: '18:00', on_advance_minutes: 0 }] });
    expect(sections[0]!.punchWindow).toStrictEqual({
      earliestOnSec: 9 * H,
      latestOnSec: 9 * H,
      earliestOffSec: 18 * H,
      latestOffSec: 18 * H,
    });
  });

  it.each([
    // no_need_on, no_need_off (READ meaning: true = needed) → noPunchOn, noPunchOff
    [true, true, false, false],
    [false, true, true, false],
    [true, false, false, true],
    [false, false, true, true],
    [undefined, false, false, true],
    [false, undefined, true, false],
  ])('no_need_on %s, no_need_off %s → noPunchOn %s, noPunchOff %s', (needOn, needOff, noPunchOn, noPunchOff) => {
    const sections = sectionsOf({
      punch_time_rule: [{ on_time: '9:00', off_time: '18:00', no_need_on: needOn, no_need_off: needOff }],
    });
    expect(sections).toStrictEqual([plainSection(9 * H, 18 * H, { noPunchOn, noPunchOff })]);
  });

  it('late_minutes_as_late / early_minutes_as_early are the late and early-leave grace, in seconds', () => {
    const sections = sectionsOf({
      punch_time_rule: [{ on_time: '9:00', off_time: '18:00', late_minutes_as_late: 10, early_minutes_as_early: 5 }],
    });
    expect(sections).toStrictEqual([plainSection(9 * H, 18 * H, { lateGraceSec: 600, earlyLeaveGraceSec: 300 })]);
  });
});

describe('feishuToCanonical shifts: serious late (shift level wins; 0 = unset)', () => {
  it.each([
    // shift-level, segment-level → seriousLateSec
    [undefined, undefined, null],
    [undefined, 20, 1200],
    [undefined, 0, null],
    [40, 20, 2400],
    [40, undefined, 2400],
    [1, undefined, 60],
    // A shift level of 0 is unset, so the segment's own threshold applies.
    [0, 20, 1200],
    [0, 0, null],
  ])('shift %s, segment %s → %s', (shiftLevel, segmentLevel, seriousLateSec) => {
    const sections = sectionsOf({
      late_minutes_as_serious_late: shiftLevel,
      punch_time_rule: [
        { on_time: '9:00', off_time: '12:00', late_minutes_as_serious_late: segmentLevel },
        { on_time: '13:00', off_time: '18:00' },
      ],
    });
    expect(sections.map((section) => section.seriousLateSec)).toEqual([
      seriousLateSec,
      shiftLevel !== undefined && shiftLevel > 0 ? shiftLevel * 60 : null,
    ]);
  });
});

describe('feishuToCanonical shifts: breaks (rest_time_rule) go into the section that contains them', () => {
  const restField = (index: number) => `${FIELD}.rest_time_rule[${index}]`;

  it('no rest_time_rule, or an empty one: no break, no loss', () => {
    expect(shiftOf({}).shift.sections[0]!.rest).toBeNull();
    expect(shiftOf({ rest_time_rule: [] })).toStrictEqual({
      shift: {
        key: SHIFT_ID,
        name: '早班',
        sections: [plainSection(9 * H, 18 * H)],
        flexibleArrival: null,
        lateOffLateOn: [],
      },
      losses: [],
    });
  });

  it('a break that starts exactly at the on time or ends exactly at the off time is inside the section', () => {
    const starts = shiftOf({ rest_time_rule: [{ rest_begin_time: '9:00', rest_end_time: '9:30' }] });
    expect(starts.shift.sections).toStrictEqual([
      plainSection(9 * H, 18 * H, { rest: { beginSec: 9 * H, endSec: 9 * H + 30 * M } }),
    ]);
    expect(starts.losses).toEqual([]);
    const ends = shiftOf({ rest_time_rule: [{ rest_begin_time: '17:30', rest_end_time: '18:00' }] });
    expect(ends.shift.sections[0]!.rest).toStrictEqual({ beginSec: 17 * H + 30 * M, endSec: 18 * H });
    expect(ends.losses).toEqual([]);
    // The whole section is one break, still inside.
    expect(
      sectionsOf({ rest_time_rule: [{ rest_begin_time: '9:00', rest_end_time: '18:00' }] })[0]!.rest,
    ).toStrictEqual({
      beginSec: 9 * H,
      endSec: 18 * H,
    });
  });

  it('a break that ends before it starts, or is empty, is dropped with its times', () => {
    for (const [begin, end] of [
      ['13:00', '12:00'],
      ['12:00', '12:00'],
    ] as const) {
      const { shift, losses } = shiftOf({ rest_time_rule: [{ rest_begin_time: begin, rest_end_time: end }] });
      expect(shift.sections[0]!.rest).toBeNull();
      expect(losses).toStrictEqual([
        {
          field: restField(0),
          severity: 'dropped',
          message: `Break ${begin}–${end} ends before it starts; it is left out.`,
        },
      ]);
    }
  });

  it('a second break in the same section is dropped; the first stays', () => {
    const { shift, losses } = shiftOf({
      rest_time_rule: [
        { rest_begin_time: '12:00', rest_end_time: '13:00' },
        { rest_begin_time: '15:00', rest_end_time: '15:15' },
      ],
    });
    expect(shift.sections[0]!.rest).toStrictEqual({ beginSec: 12 * H, endSec: 13 * H });
    expect(losses).toStrictEqual([
      {
        field: restField(1),
        severity: 'dropped',
        message: 'Break 15:00–15:15 is a second break in the same work period; only one can be carried.',
      },
    ]);
  });

  it('a break across two sections, or between them, is in no section: dropped naming the shift', () => {
    const { shift, losses } = shiftOf({
      punch_time_rule: [
        { on_time: '8:00', off_time: '12:00' },
        { on_time: '13:00', off_time: '18:00' },
      ],
      rest_time_rule: [
        { rest_begin_time: '11:30', rest_end_time: '13:30' },
        { rest_begin_time: '12:15', rest_end_time: '12:45' },
        { rest_begin_time: '14:00', rest_end_time: '14:30' },
      ],
    });
    expect(shift.sections).toStrictEqual([
      plainSection(8 * H, 12 * H),
      plainSection(13 * H, 18 * H, { rest: { beginSec: 14 * H, endSec: 14 * H + 30 * M } }),
    ]);
    expect(losses).toStrictEqual([
      {
        field: restField(0),
        severity: 'dropped',
        message: 'Break 11:30–13:30 is not inside any work period of shift "早班"; left out.',
      },
      {
        field: restField(1),
        severity: 'dropped',
        message: 'Break 12:15–12:45 is not inside any work period of shift "早班"; left out.',
      },
    ]);
  });

  it('a next-day break may be written as "1:00" or "25:00"; a break before the shift starts is dropped', () => {
    const night = (rest: { rest_begin_time: string; rest_end_time: string }) =>
      shiftOf({ punch_time_rule: [{ on_time: '18:00', off_time: '30:00' }], rest_time_rule: [rest] });
    const early = night({ rest_begin_time: '1:00', rest_end_time: '1:30' });
    const late = night({ rest_begin_time: '25:00', rest_end_time: '25:30' });
    const expected = [plainSection(18 * H, 30 * H, { rest: { beginSec: 25 * H, endSec: 25 * H + 30 * M } })];
    expect(early.shift.sections).toStrictEqual(expected);
    expect(late.shift.sections).toStrictEqual(expected);
    expect([...early.losses, ...late.losses]).toEqual([]);
    // 7:00 is neither in 18:00–30:00 nor, as 31:00 the next day, in it.
    const outside = night({ rest_begin_time: '7:00', rest_end_time: '7:30' });
    expect(outside.shift.sections[0]!.rest).toBeNull();
    expect(outside.losses.map((loss) => loss.field)).toEqual([restField(0)]);
  });

  it('a break goes into the later section that contains it, the earlier one is left alone', () => {
    const sections = sectionsOf({
      punch_time_rule: [
        { on_time: '8:00', off_time: '12:00', late_minutes_as_late: 5 },
        { on_time: '13:00', off_time: '18:00', late_minutes_as_late: 7, on_advance_minutes: 10, no_need_off: false },
      ],
      rest_time_rule: [{ rest_begin_time: '15:00', rest_end_time: '15:30' }],
    });
    expect(sections).toStrictEqual([
      plainSection(8 * H, 12 * H, { lateGraceSec: 300 }),
      plainSection(13 * H, 18 * H, {
        lateGraceSec: 420,
        noPunchOff: true,
        punchWindow: {
          earliestOnSec: 13 * H - 10 * M,
          latestOnSec: 13 * H,
          earliestOffSec: 18 * H,
          latestOffSec: 18 * H,
        },
        rest: { beginSec: 15 * H, endSec: 15 * H + 30 * M },
      }),
    ]);
  });

  it('a break keeps every other field of its section (window, flags, grace, serious late)', () => {
    const sections = sectionsOf({
      punch_time_rule: [
        {
          on_time: '9:00',
          off_time: '18:00',
          on_advance_minutes: 30,
          late_minutes_as_lack: 60,
          early_minutes_as_lack: 45,
          off_delay_minutes: 120,
          late_minutes_as_late: 10,
          early_minutes_as_early: 5,
          late_minutes_as_serious_late: 40,
          no_need_on: false,
          no_need_off: false,
        },
      ],
      rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
    });
    expect(sections).toStrictEqual([
      {
        onSec: 9 * H,
        offSec: 18 * H,
        punchWindow: {
          earliestOnSec: 9 * H - 30 * M,
          latestOnSec: 10 * H,
          earliestOffSec: 18 * H - 45 * M,
          latestOffSec: 20 * H,
        },
        noPunchOn: true,
        noPunchOff: true,
        lateGraceSec: 600,
        earlyLeaveGraceSec: 300,
        seriousLateSec: 2400,
        rest: { beginSec: 12 * H, endSec: 13 * H },
      },
    ]);
  });
});

describe('feishuToCanonical shifts: flexible hours', () => {
  const flexField = `${FIELD}.flexible_rule`;

  it.each([
    ['is_flexible absent', {}, null],
    [
      'is_flexible false with a rule',
      { is_flexible: false, flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 60 }] },
      null,
    ],
    ['is_flexible true, no rule, no minutes', { is_flexible: true }, { maxEarlySec: 0, maxLateSec: 0 }],
    [
      'is_flexible true, an empty rule list, minutes 20',
      { is_flexible: true, flexible_rule: [], flexible_minutes: 20 },
      { maxEarlySec: 1200, maxLateSec: 1200 },
    ],
    [
      'is_flexible true, one rule (the rule wins over flexible_minutes)',
      {
        is_flexible: true,
        flexible_minutes: 20,
        flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 60 }],
      },
      { maxEarlySec: 1800, maxLateSec: 3600 },
    ],
  ])('%s: its flexible arrival, no loss', (_, overrides, flexibleArrival) => {
    const { shift, losses } = shiftOf(overrides);
    expect(shift.flexibleArrival).toStrictEqual(flexibleArrival);
    expect(losses).toEqual([]);
  });

  it('two rules: the first is carried, the second dropped with a loss', () => {
    const { shift, losses } = shiftOf({
      is_flexible: true,
      flexible_rule: [
        { flexible_early_minutes: 10, flexible_late_minutes: 15 },
        { flexible_early_minutes: 30, flexible_late_minutes: 60 },
      ],
    });
    expect(shift.flexibleArrival).toStrictEqual({ maxEarlySec: 600, maxLateSec: 900 });
    expect(losses).toStrictEqual([
      {
        field: flexField,
        severity: 'dropped',
        message: 'Shift "早班" has 2 flexible-hours rules; only the first can be carried.',
      },
    ]);
  });
});

describe('feishuToCanonical shifts: leave late, arrive late (late_off_late_on_rule)', () => {
  it('absent or empty → no steps', () => {
    expect(shiftOf({}).shift.lateOffLateOn).toEqual([]);
    expect(shiftOf({ late_off_late_on_rule: [] }).shift.lateOffLateOn).toEqual([]);
  });

  it.each([
    [
      [
        [60, 40],
        [60, 20],
        [30, 90],
      ],
    ],
    [
      [
        [30, 90],
        [60, 40],
        [60, 20],
      ],
    ],
    [
      [
        [60, 20],
        [30, 90],
        [60, 40],
      ],
    ],
  ])('steps %j are sorted by how late one left, then by how late one may arrive', (steps) => {
    const { shift } = shiftOf({
      late_off_late_on_rule: steps.map(([off, on]) => ({ late_off_minutes: off, late_on_minutes: on })),
    });
    expect(shift.lateOffLateOn).toStrictEqual([
      { offLateSec: 30 * M, onLateSec: 90 * M },
      { offLateSec: 60 * M, onLateSec: 20 * M },
      { offLateSec: 60 * M, onLateSec: 40 * M },
    ]);
  });
});

describe('feishuToCanonical shifts: Feishu-only shift settings are reported', () => {
  it('the settings Feishu reads back at their defaults report nothing', () => {
    const { losses } = shiftOf({
      overtime_rule: [],
      overtime_rest_time_rule: [],
      day_type: 1,
      rest_time_flexible_configs: [{ need_flexible: false, late_mins: 0 }, {}],
      shift_middle_time_rule: { middle_time_type: 0, fixed_middle_time: '12:00' },
      shift_attendance_time_config: { attendance_time: 1, on_attendance_time: 1, off_attendance_time: 1 },
      sub_shift_leader_ids: [],
      late_off_late_on_setting: { late_off_base_on_time_type: 0, late_on_base_on_time_type: 0 },
    });
    expect(losses).toEqual([]);
    expect(
      shiftOf({ shift_middle_time_rule: {}, late_off_late_on_setting: {}, shift_attendance_time_config: {} }).losses,
    ).toEqual([]);
  });

  it('overtime periods on a workday shift: dropped, listing each period', () => {
    const { losses } = shiftOf({
      overtime_rule: [
        { on_overtime: '18:00', off_overtime: '20:00' },
        { on_overtime: '20:30', off_overtime: '22:00' },
      ],
    });
    expect(losses).toStrictEqual([
      {
        field: `${FIELD}.overtime_rule`,
        severity: 'dropped',
        message:
          'The overtime periods of shift "早班" (18:00–20:00, 20:30–22:00) are not carried; what is carried is that ' +
          'overtime is allowed on workdays.',
      },
    ]);
  });

  it('a rest-day shift (day_type 2): its overtime is on rest days, and the marker itself is dropped', () => {
    const { losses } = shiftOf({ day_type: 2, overtime_rule: [{ on_overtime: '9:00', off_overtime: '18:00' }] });
    expect(losses).toStrictEqual([
      {
        field: `${FIELD}.overtime_rule`,
        severity: 'dropped',
        message:
          'The overtime periods of shift "早班" (9:00–18:00) are not carried; what is carried is that overtime is ' +
          'allowed on rest days.',
      },
      {
        field: `${FIELD}.day_type`,
        severity: 'dropped',
        message: 'shift "早班" is a rest-day shift in Feishu; that marker is not carried.',
      },
    ]);
  });

  it('overtime breaks, a flexible break, half-day split, deputies and the late-base setting each have their loss', () => {
    const { losses } = shiftOf({
      overtime_rest_time_rule: [{ rest_begin_time: '19:00', rest_end_time: '19:30' }],
      rest_time_flexible_configs: [{ need_flexible: false }, { need_flexible: true, late_mins: 30 }],
      shift_middle_time_rule: { middle_time_type: 2 },
      sub_shift_leader_ids: ['ou_deputy'],
      late_off_late_on_setting: { late_off_base_on_time_type: 1 },
    });
    expect(losses).toStrictEqual([
      {
        field: `${FIELD}.overtime_rest_time_rule`,
        severity: 'dropped',
        message: 'The overtime breaks of shift "早班" are not carried.',
      },
      {
        field: `${FIELD}.rest_time_flexible_configs`,
        severity: 'dropped',
        message: 'The flexible break of shift "早班" is not carried.',
      },
      {
        field: `${FIELD}.shift_middle_time_rule`,
        severity: 'info',
        message: 'How shift "早班" is split into half days stays in Feishu only.',
      },
      {
        field: `${FIELD}.sub_shift_leader_ids`,
        severity: 'info',
        message: 'The deputies of shift "早班" (班次子负责人) exist only in Feishu. Not carried.',
      },
      {
        field: `${FIELD}.late_off_late_on_setting`,
        severity: 'info',
        message: 'How shift "早班" measures "leave late, arrive late" (fixed vs flexible base) stays in Feishu only.',
      },
    ]);
  });

  it.each([
    [{ late_off_base_on_time_type: 1 }],
    [{ late_on_base_on_time_type: 1 }],
    [{ late_off_base_on_time_type: 0, late_on_base_on_time_type: 2 }],
  ])('late_off_late_on_setting %j is not the fixed base on both sides: reported', (setting) => {
    const { losses } = shiftOf({ late_off_late_on_setting: setting });
    expect(losses.map((loss) => [loss.field, loss.severity])).toEqual([[`${FIELD}.late_off_late_on_setting`, 'info']]);
  });

  it.each([1, 3])('shift_middle_time_rule.middle_time_type %i is reported', (middleTimeType) => {
    const { losses } = shiftOf({ shift_middle_time_rule: { middle_time_type: middleTimeType } });
    expect(losses.map((loss) => [loss.field, loss.severity])).toEqual([[`${FIELD}.shift_middle_time_rule`, 'info']]);
  });
});

describe('feishuToCanonical shifts: shift_attendance_time_config (应出勤配置)', () => {
  const field = `${FIELD}.shift_attendance_time_config`;
  const unitNote =
    "is not carried. Feishu's documents disagree on its unit (minutes, or 0–3 days), so check it in Feishu.";

  it('lists only the changed values in the message, and every value Feishu sent as the source value', () => {
    const { losses } = shiftOf({
      shift_attendance_time_config: { attendance_time: 1, on_attendance_time: 0.5, off_attendance_time: 1 },
    });
    expect(losses).toStrictEqual([
      {
        field,
        severity: 'dropped',
        message: `The required attendance of shift "早班" (应出勤配置: on_attendance_time 0.5) ${unitNote}`,
        sourceValue: { attendance_time: 1, on_attendance_time: 0.5, off_attendance_time: 1 },
      },
    ]);
  });

  it('a value left out is neither listed nor in the source value', () => {
    const { losses } = shiftOf({ shift_attendance_time_config: { attendance_time: 480, off_attendance_time: 0 } });
    expect(losses).toStrictEqual([
      {
        field,
        severity: 'dropped',
        message: `The required attendance of shift "早班" (应出勤配置: attendance_time 480, off_attendance_time 0) ${unitNote}`,
        sourceValue: { attendance_time: 480, off_attendance_time: 0 },
      },
    ]);
  });

  it.each([[{ attendance_time: 1 }], [{ on_attendance_time: 1 }], [{ off_attendance_time: 1 }]])(
    '%j alone (the default) reports nothing',
    (config) => {
      expect(shiftOf({ shift_attendance_time_config: config }).losses).toEqual([]);
    },
  );

  it.each([
    [{ attendance_time: 2 }, 'attendance_time 2'],
    [{ on_attendance_time: 0 }, 'on_attendance_time 0'],
    [{ off_attendance_time: 3 }, 'off_attendance_time 3'],
  ])('%j alone is reported', (config, listed) => {
    const { losses } = shiftOf({ shift_attendance_time_config: config });
    expect(losses).toStrictEqual([
      {
        field,
        severity: 'dropped',
        message: `The required attendance of shift "早班" (应出勤配置: ${listed}) ${unitNote}`,
        sourceValue: config,
      },
    ]);
  });
});

describe('feishuToCanonical members', () => {
  /** A group with no bind_* lists at all, then the overrides. */
  function membersOf(overrides: Record<string, unknown>): { members: Members; losses: Loss[]; ok: boolean } {
    const group = { ...readGroup(overrides) };
    if (!('bind_user_ids' in overrides)) delete group['bind_user_ids'];
    const result = feishuToCanonical({ group, shifts: [readShift()] });
    const memberFields =
      /^(need_punch_members|no_need_punch_members|bind_default_dept_ids|except_user_ids|except_dept_ids)/;
    return {
      members: result.ok ? result.value.members : { userIds: [], departmentIds: [], excludedUserIds: [] },
      losses: result.losses.filter((loss) => memberFields.test(loss.field)),
      ok: result.ok,
    };
  }
  const include = (type: number, ids: string[], operationType?: number) => ({
    rule_scope_type: 2,
    scope_group_list: { scope_value_type: type, operation_type: operationType, member_ids: ids },
  });

  it('bind_* lists, sorted and de-duplicated; no scopes → no loss', () => {
    expect(
      membersOf({
        bind_user_ids: ['u2', 'u1', 'u2'],
        bind_dept_ids: ['od-2', 'od-1'],
        bind_default_user_ids: ['x2', 'x1', 'x1'],
      }),
    ).toStrictEqual({
      members: { userIds: ['u1', 'u2'], departmentIds: ['od-1', 'od-2'], excludedUserIds: ['x1', 'x2'] },
      losses: [],
      ok: true,
    });
  });

  it('no members at all: empty lists, no loss', () => {
    expect(membersOf({})).toStrictEqual({
      members: { userIds: [], departmentIds: [], excludedUserIds: [] },
      losses: [],
      ok: true,
    });
  });

  it('bind_user_ids alone set: need_punch_members is ignored (info), departments stay empty', () => {
    const result = membersOf({ bind_user_ids: ['u1'], need_punch_members: [include(2, ['p1']), include(1, ['od-9'])] });
    expect(result.members).toStrictEqual({ userIds: ['u1'], departmentIds: [], excludedUserIds: [] });
    expect(result.losses).toStrictEqual([
      {
        field: 'need_punch_members',
        severity: 'info',
        message:
          'Feishu ignores the member scopes while bind_user_ids / bind_dept_ids are set, so they are not carried.',
      },
    ]);
  });

  it('bind_dept_ids alone set: need_punch_members is ignored, even an "everyone" scope', () => {
    const result = membersOf({ bind_dept_ids: ['od-1'], need_punch_members: [{ rule_scope_type: 1 }] });
    expect(result.ok).toBe(true);
    expect(result.members).toStrictEqual({ userIds: [], departmentIds: ['od-1'], excludedUserIds: [] });
    expect(result.losses.map((loss) => [loss.field, loss.severity])).toEqual([['need_punch_members', 'info']]);
  });

  it('ignored scopes are reported only when one of them is "everyone" or custom', () => {
    const none = membersOf({ bind_user_ids: ['u1'], need_punch_members: [{ rule_scope_type: 0 }, {}] });
    expect(none.losses).toEqual([]);
    const mixed = membersOf({
      bind_user_ids: ['u1'],
      need_punch_members: [{ rule_scope_type: 0 }, include(2, ['p1'])],
    });
    expect(mixed.losses.map((loss) => loss.field)).toEqual(['need_punch_members']);
  });

  it('bind_default_user_ids set: no_need_punch_members is ignored (info)', () => {
    const result = membersOf({ bind_default_user_ids: ['x1'], no_need_punch_members: [include(2, ['p1'])] });
    expect(result.members).toStrictEqual({ userIds: [], departmentIds: [], excludedUserIds: ['x1'] });
    expect(result.losses).toStrictEqual([
      {
        field: 'no_need_punch_members',
        severity: 'info',
        message:
          'Feishu ignores these scopes while bind_default_user_ids / bind_default_dept_ids are set; not carried.',
      },
    ]);
  });

  it('bind_default_dept_ids alone set: the departments are dropped, no_need_punch_members ignored', () => {
    const result = membersOf({
      bind_default_dept_ids: ['od-8', 'od-7'],
      no_need_punch_members: [{ rule_scope_type: 1 }, include(2, ['p1'])],
    });
    expect(result.ok).toBe(true);
    expect(result.members.excludedUserIds).toEqual([]);
    expect(result.losses).toStrictEqual([
      {
        field: 'no_need_punch_members',
        severity: 'info',
        message:
          'Feishu ignores these scopes while bind_default_user_ids / bind_default_dept_ids are set; not carried.',
      },
      {
        field: 'bind_default_dept_ids',
        severity: 'dropped',
        message: 'Departments whose members need not punch (od-8, od-7) cannot be carried; only individual people can.',
        sourceValue: ['od-8', 'od-7'],
      },
    ]);
  });

  it('ignored no-punch scopes are reported only when one is "everyone" or custom', () => {
    expect(
      membersOf({ bind_default_user_ids: ['x1'], no_need_punch_members: [{ rule_scope_type: 0 }] }).losses,
    ).toEqual([]);
    expect(
      membersOf({ bind_default_user_ids: ['x1'], no_need_punch_members: [{ rule_scope_type: 1 }] }).losses.map(
        (loss) => loss.field,
      ),
    ).toEqual(['no_need_punch_members']);
  });

  it('with no bind_* lists the scopes decide: included people and departments, both sides', () => {
    const result = membersOf({
      need_punch_members: [include(2, ['p2', 'p1'], 1), include(1, ['od-2']), include(2, ['p1'])],
      no_need_punch_members: [include(2, ['x1']), include(1, ['od-9'], 1)],
    });
    expect(result.members).toStrictEqual({ userIds: ['p1', 'p2'], departmentIds: ['od-2'], excludedUserIds: ['x1'] });
    expect(result.losses).toStrictEqual([
      {
        field: 'bind_default_dept_ids',
        severity: 'dropped',
        message: 'Departments whose members need not punch (od-9) cannot be carried; only individual people can.',
        sourceValue: ['od-9'],
      },
    ]);
  });

  it('scopes with rule_scope_type 0 or none carry nothing and report nothing; a custom scope without ids carries none', () => {
    const result = membersOf({
      need_punch_members: [
        { rule_scope_type: 0, scope_group_list: { scope_value_type: 2, member_ids: ['p9'] } },
        { scope_group_list: { scope_value_type: 1, member_ids: ['od-9'] } },
        { rule_scope_type: 2, scope_group_list: { scope_value_type: 2, operation_type: 1 } },
        { rule_scope_type: 2, scope_group_list: { scope_value_type: 1 } },
      ],
    });
    expect(result).toStrictEqual({
      members: { userIds: [], departmentIds: [], excludedUserIds: [] },
      losses: [],
      ok: true,
    });
  });

  it('"everyone" (rule_scope_type 1) refuses the group, naming the scope', () => {
    for (const field of ['need_punch_members', 'no_need_punch_members']) {
      const result = membersOf({ [field]: [include(2, ['p1']), { rule_scope_type: 1 }] });
      expect(result.ok).toBe(false);
      expect(result.losses).toStrictEqual([
        {
          field: `${field}[1].rule_scope_type`,
          severity: 'blocking',
          message:
            'The group applies to everyone in the company; that cannot be carried as a list of people or departments. ' +
            'Bind the top-level department in Feishu instead.',
          sourceValue: 1,
        },
      ]);
    }
  });

  it('an excluding scope (operation_type other than 1) is dropped, naming what it is by', () => {
    const result = membersOf({
      need_punch_members: [include(1, ['od-1'], 2), include(2, ['p1'], 0)],
    });
    expect(result.members).toStrictEqual({ userIds: [], departmentIds: [], excludedUserIds: [] });
    expect(result.losses).toStrictEqual([
      {
        field: 'need_punch_members[0].scope_group_list',
        severity: 'dropped',
        message:
          'A member rule by department (excluding) cannot be carried; only "includes these departments / people" can.',
        sourceValue: 1,
      },
      {
        field: 'need_punch_members[1].scope_group_list',
        severity: 'dropped',
        message:
          'A member rule by person (excluding) cannot be carried; only "includes these departments / people" can.',
        sourceValue: 2,
      },
    ]);
  });

  it('a custom scope without its list is dropped as "scope type undefined", with no source value', () => {
    const result = membersOf({ no_need_punch_members: [{ rule_scope_type: 2 }] });
    expect(result.losses).toStrictEqual([
      {
        field: 'no_need_punch_members[0].scope_group_list',
        severity: 'dropped',
        message:
          'A member rule by scope type undefined cannot be carried; only "includes these departments / people" can.',
      },
    ]);
  });

  // scope_value_type labels (feishu-create-update-group.md scope_value_type enum).
  it.each([
    [3, 'country/region'],
    [4, 'employee type'],
    [5, 'work city'],
    [6, 'job level'],
    [7, 'job family'],
    [8, 'job title'],
    [9, 'working-hours system'],
    [100, 'custom field'],
    [42, 'scope type 42'],
  ])('an included scope by scope_value_type %i ("%s") is dropped', (type, label) => {
    const result = membersOf({ need_punch_members: [include(type, ['v1'])] });
    expect(result.losses).toStrictEqual([
      {
        field: 'need_punch_members[0].scope_group_list',
        severity: 'dropped',
        message: `A member rule by ${label} cannot be carried; only "includes these departments / people" can.`,
        sourceValue: type,
      },
    ]);
  });

  it('except_user_ids / except_dept_ids are offline fields: info with the ids; empty lists say nothing', () => {
    const result = membersOf({ bind_user_ids: ['u1'], except_user_ids: ['u9'], except_dept_ids: ['od-9'] });
    expect(result.members).toStrictEqual({ userIds: ['u1'], departmentIds: [], excludedUserIds: [] });
    expect(result.losses).toStrictEqual([
      {
        field: 'except_user_ids',
        severity: 'info',
        message: 'except_user_ids is an offline Feishu field ("该字段已下线") that Feishu ignores.',
        sourceValue: ['u9'],
      },
      {
        field: 'except_dept_ids',
        severity: 'info',
        message: 'except_dept_ids is an offline Feishu field ("该字段已下线") that Feishu ignores.',
        sourceValue: ['od-9'],
      },
    ]);
    expect(membersOf({ bind_user_ids: ['u1'], except_user_ids: [], except_dept_ids: [] }).losses).toEqual([]);
  });
});
