import type { FeishuPunchTimeRule, FeishuShift } from '@app/feishu/model';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';
import type { CanonicalRule, Shift, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss } from '../canonical/loss.js';
import {
  canonicalToFeishu,
  type CanonicalToFeishuOptions,
  type FeishuGroupPlan,
  type FeishuShiftPlanEntry,
} from './canonical-to-feishu.mapper.js';

// The plan's shift entries (reuse of the tenant's shifts, generated names) and the group body, with expected
// values written out by hand from feishu-get-shift.md (READ shape of a shift, create/read flag flip),
// feishu-create-update-group.md (group fields) and REFERENCE.md ("shift_name: required, unique across the
// tenant"). Companion of canonical-to-feishu.mapper.spec.ts.

const H = 3600;
const MIN = 60;

/**
 * 09:00–18:00 with an explicit window (clock-in from 08:30 until 10:00, clock-out from 17:15 until 20:00),
 * 10 min late grace, 5 min early-leave grace and a 12:00–13:00 break. In Feishu minutes: on_advance 30,
 * late_minutes_as_lack 60, early_minutes_as_lack 45, off_delay 120, late 10, early 5.
 */
function daySection(extra: Partial<TimeSection> = {}): TimeSection {
  return section(9 * H, 18 * H, {
    punchWindow: {
      earliestOnSec: 8 * H + 30 * MIN,
      latestOnSec: 10 * H,
      earliestOffSec: 17 * H + 15 * MIN,
      latestOffSec: 20 * H,
    },
    lateGraceSec: 10 * MIN,
    earlyLeaveGraceSec: 5 * MIN,
    rest: { beginSec: 12 * H, endSec: 13 * H },
    ...extra,
  });
}

const dayShift: Shift = shift('day', [daySection()], { name: '早班' });

/** The READ shape (feishu-get-shift.md) of daySection: read flags mean "needed", so true/true. */
function readSegment(extra: Partial<FeishuPunchTimeRule> = {}): FeishuPunchTimeRule {
  return {
    on_time: '9:00',
    off_time: '18:00',
    late_minutes_as_late: 10,
    late_minutes_as_lack: 60,
    on_advance_minutes: 30,
    early_minutes_as_early: 5,
    early_minutes_as_lack: 45,
    off_delay_minutes: 120,
    no_need_on: true,
    no_need_off: true,
    ...extra,
  };
}

/** dayShift as Feishu would list it, under another name and id (extra fields override). */
function readDayShift(shiftId: string, shiftName: string, extra: Partial<FeishuShift> = {}): FeishuShift {
  return {
    shift_id: shiftId,
    shift_name: shiftName,
    punch_times: 1,
    is_flexible: false,
    punch_time_rule: [readSegment()],
    rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
    ...extra,
  };
}

function fixedRule(shifts: readonly Shift[], extra: Partial<CanonicalRule> = {}): CanonicalRule {
  const key = shifts[0]?.key ?? null;
  return officeRule({
    shifts,
    week: { 1: key, 2: key, 3: key, 4: key, 5: key, 6: null, 7: null },
    ...extra,
  });
}

/** A shift-based (排班) rule plans every shift it defines. */
function shiftBasedRule(shifts: readonly Shift[], extra: Partial<CanonicalRule> = {}): CanonicalRule {
  return officeRule({ kind: 'shift_based', shifts, week: {}, ...extra });
}

const baseOptions: CanonicalToFeishuOptions = {
  resolver: sameIdResolver(),
  groupLeaderIds: ['leader1'],
  existingShifts: [],
};

function translate(rule: CanonicalRule, options: Partial<CanonicalToFeishuOptions> = {}) {
  return canonicalToFeishu(rule, { ...baseOptions, ...options });
}

function plan(rule: CanonicalRule, options: Partial<CanonicalToFeishuOptions> = {}) {
  const result = translate(rule, options);
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

function lossesOn(losses: readonly Loss[], field: string): Loss[] {
  return losses.filter((loss) => loss.field === field);
}

function only(plan: FeishuGroupPlan): FeishuShiftPlanEntry {
  expect(plan.shifts).toHaveLength(1);
  return plan.shifts[0]!;
}

function created(entry: FeishuShiftPlanEntry) {
  if (entry.action !== 'create') throw new Error(`expected a shift to create, got ${JSON.stringify(entry)}`);
  return entry.shift;
}

/** The content hash every generated name ends with: the last six characters of the plan key (its hash). */
const hashOf = (entry: FeishuShiftPlanEntry) => entry.shiftKey.slice(-6);

// ---------------------------------------------------------------------------------------------------------

describe('plan: existing shifts that cannot be read', () => {
  it('are skipped and counted in one info loss; the readable identical shift is still reused', () => {
    const unreadable = [
      { shift_name: 'no id', punch_times: 1, punch_time_rule: [readSegment()] },
      readDayShift('6919358778597097401', 'no segments', { punch_time_rule: [] }),
      'not a shift',
    ] as unknown as FeishuShift[];
    const result = plan(fixedRule([dayShift]), {
      existingShifts: [...unreadable, readDayShift('6919358778597097404', '早班(手工)')],
    });
    expect(lossesOn(result.losses, 'existingShifts')).toEqual([
      {
        field: 'existingShifts',
        severity: 'info',
        message: '3 existing Feishu shift(s) could not be read and are not considered for reuse.',
      },
    ]);
    expect(only(result.value)).toMatchObject({ action: 'reuse', shiftId: '6919358778597097404' });
  });

  it('one unreadable shift is reported as one', () => {
    const result = plan(fixedRule([dayShift]), {
      existingShifts: [{ shift_id: 'abc', shift_name: 'x' } as unknown as FeishuShift],
    });
    expect(lossesOn(result.losses, 'existingShifts').map((loss) => loss.message)).toEqual([
      '1 existing Feishu shift(s) could not be read and are not considered for reuse.',
    ]);
    expect(only(result.value).action).toBe('create');
  });

  it('nothing is reported when every existing shift is readable, or when there are none', () => {
    const readable = plan(fixedRule([dayShift]), {
      existingShifts: [readDayShift('6919358778597097404', '早班(手工)')],
    });
    expect(lossesOn(readable.losses, 'existingShifts')).toEqual([]);
    expect(lossesOn(plan(fixedRule([dayShift])).losses, 'existingShifts')).toEqual([]);
  });

  it('a list that is not an array (caller data) counts as no shifts, not as an unreadable one', () => {
    const result = plan(fixedRule([dayShift]), { existingShifts: undefined as unknown as FeishuShift[] });
    expect(lossesOn(result.losses, 'existingShifts')).toEqual([]);
    expect(only(result.value).action).toBe('create');
  });
});

describe('plan: reuse of an identical existing shift', () => {
  it('reuses it by id and says which shift stands for which canonical shift', () => {
    const result = plan(fixedRule([dayShift]), {
      existingShifts: [readDayShift('6919358778597097404', '早班(手工)')],
    });
    const entry = only(result.value);
    expect(entry).toEqual({
      shiftKey: entry.shiftKey,
      action: 'reuse',
      shiftId: '6919358778597097404',
      sourceShiftKeys: ['day'],
    });
    expect(lossesOn(result.losses, 'shifts[day]')).toEqual([
      {
        field: 'shifts[day]',
        severity: 'info',
        message:
          'Existing Feishu shift "早班(手工)" (6919358778597097404) has the same times and rules and is reused for 早班.',
      },
    ]);
    // The week points at the plan key, bound to the reused id later.
    expect(result.value.groupTemplate.punch_day_shift_ids).toEqual([
      entry.shiftKey,
      entry.shiftKey,
      entry.shiftKey,
      entry.shiftKey,
      entry.shiftKey,
      '0',
      '0',
    ]);
  });

  it('names every canonical shift sharing the layout, and ends the sentence without names when they have none', () => {
    const twin: Shift = { ...dayShift, key: 'twin', name: '白班' };
    const existingShifts = [readDayShift('6919358778597097404', '早班(手工)')];
    const shared = plan(shiftBasedRule([dayShift, twin]), { existingShifts });
    expect(only(shared.value).sourceShiftKeys).toEqual(['day', 'twin']);
    expect(lossesOn(shared.losses, 'shifts[day,twin]').map((loss) => loss.message)).toEqual([
      'Shifts day, twin have identical times and rules; Feishu shares one shift between them.',
      'Existing Feishu shift "早班(手工)" (6919358778597097404) has the same times and rules and is reused for 早班, 白班.',
    ]);

    const nameless = plan(fixedRule([{ ...dayShift, name: '' }]), { existingShifts });
    expect(lossesOn(nameless.losses, 'shifts[day]').map((loss) => loss.message)).toEqual([
      'Existing Feishu shift "早班(手工)" (6919358778597097404) has the same times and rules and is reused.',
    ]);
  });

  // Each READ-shape shift below means the same as dayShift (or the canonical shift given) in Feishu.
  const twoSections: Shift = shift(
    'split',
    [
      daySection({ offSec: 12 * H, rest: { beginSec: 10 * H, endSec: 10 * H + 15 * MIN }, punchWindow: null }),
      daySection({ onSec: 13 * H, rest: { beginSec: 15 * H, endSec: 15 * H + 15 * MIN }, punchWindow: null }),
    ],
    { name: '两段班' },
  );
  const sameAs = (canonical: Shift, existing: FeishuShift) => ({ canonical, existing });
  it.each([
    [
      // feishu-get-shift.md's own example: is_flexible false with flexible_minutes / flexible_rule filled in.
      'a non-flexible shift still holding flexible minutes',
      sameAs(
        dayShift,
        readDayShift('1', 'x', {
          flexible_minutes: 60,
          flexible_rule: [{ flexible_early_minutes: 60, flexible_late_minutes: 60 }],
        }),
      ),
    ],
    [
      // "flexible_minutes …如果不设置flexible_rule则生效": both directions get the same minutes.
      'flexible minutes given without a flexible_rule',
      sameAs(
        { ...dayShift, flexibleArrival: { maxEarlySec: 30 * MIN, maxLateSec: 30 * MIN } },
        readDayShift('1', 'x', { is_flexible: true, flexible_minutes: 30 }),
      ),
    ],
    [
      // Shift-level late_minutes_as_serious_late applies to the segments.
      'serious lateness given for the whole shift',
      sameAs(
        shift('day', [daySection({ seriousLateSec: 40 * MIN })], { name: '早班' }),
        readDayShift('1', 'x', { late_minutes_as_serious_late: 40 }),
      ),
    ],
    [
      // 0 at shift level means "not set"; the segment's 40 counts.
      'serious lateness 0 for the shift and 40 on the segment',
      sameAs(
        shift('day', [daySection({ seriousLateSec: 40 * MIN })], { name: '早班' }),
        readDayShift('1', 'x', {
          late_minutes_as_serious_late: 0,
          punch_time_rule: [readSegment({ late_minutes_as_serious_late: 40 })],
        }),
      ),
    ],
    [
      'serious lateness 0 on the segment (no serious lateness)',
      sameAs(dayShift, readDayShift('1', 'x', { punch_time_rule: [readSegment({ late_minutes_as_serious_late: 0 })] })),
    ],
    ['an empty overtime_rule list', sameAs(dayShift, readDayShift('1', 'x', { overtime_rule: [] }))],
    ['day_type 1 (workday, the default)', sameAs(dayShift, readDayShift('1', 'x', { day_type: 1 }))],
    [
      // The vendor example's rest_time_flexible_configs: need_flexible false, i.e. no flexible break.
      'a rest flexibility config that is off',
      sameAs(
        dayShift,
        readDayShift('1', 'x', { rest_time_flexible_configs: [{ need_flexible: false, late_mins: 0 }] }),
      ),
    ],
    [
      'breaks listed latest first',
      sameAs(
        twoSections,
        readDayShift('1', 'x', {
          punch_times: 2,
          punch_time_rule: [
            readSegment({
              off_time: '12:00',
              late_minutes_as_lack: 60,
              on_advance_minutes: 60,
              early_minutes_as_lack: 60,
              off_delay_minutes: 30,
            }),
            readSegment({
              on_time: '13:00',
              late_minutes_as_lack: 60,
              on_advance_minutes: 30,
              early_minutes_as_lack: 60,
              off_delay_minutes: 60,
            }),
          ],
          rest_time_rule: [
            { rest_begin_time: '15:00', rest_end_time: '15:15' },
            { rest_begin_time: '10:00', rest_end_time: '10:15' },
          ],
        }),
      ),
    ],
    [
      'leave-late-arrive-late steps listed in another order',
      sameAs(
        {
          ...dayShift,
          lateOffLateOn: [
            { offLateSec: 2 * H, onLateSec: 1 * H },
            { offLateSec: 3 * H, onLateSec: 90 * MIN },
          ],
        },
        readDayShift('1', 'x', {
          late_off_late_on_rule: [
            { late_off_minutes: 180, late_on_minutes: 90 },
            { late_off_minutes: 120, late_on_minutes: 60 },
          ],
        }),
      ),
    ],
    [
      'leave-late-arrive-late steps of one lateness listed with the larger arrival first',
      sameAs(
        {
          ...dayShift,
          lateOffLateOn: [
            { offLateSec: 2 * H, onLateSec: 30 * MIN },
            { offLateSec: 2 * H, onLateSec: 1 * H },
          ],
        },
        readDayShift('1', 'x', {
          late_off_late_on_rule: [
            { late_off_minutes: 120, late_on_minutes: 60 },
            { late_off_minutes: 120, late_on_minutes: 30 },
          ],
        }),
      ),
    ],
  ])('is reused despite %s', (_, { canonical, existing }) => {
    const entry = only(plan(fixedRule([canonical]), { existingShifts: [existing] }).value);
    expect(entry).toMatchObject({ action: 'reuse', shiftId: '1' });
  });

  it('is reused when the canonical punch flags are unset: on create only true means "not needed"', () => {
    // REFERENCE.md: create-side no_need_on / no_need_off true = punch NOT needed; the fields are optional, so a body
    // without them asks for both punches, as the existing shift (read flags true = needed) does.
    const unset = undefined as unknown as boolean;
    const loose = shift('day', [daySection({ noPunchOn: unset, noPunchOff: unset })], { name: '早班' });
    const entry = only(plan(fixedRule([loose]), { existingShifts: [readDayShift('1', 'x')] }).value);
    expect(entry).toMatchObject({ action: 'reuse', shiftId: '1' });
  });

  const withSerious = shift('day', [daySection({ seriousLateSec: 40 * MIN })], { name: '早班' });
  it.each([
    [
      'another late_minutes_as_lack',
      dayShift,
      readDayShift('1', 'x', { punch_time_rule: [readSegment({ late_minutes_as_lack: 30 })] }),
    ],
    [
      'another early_minutes_as_early',
      dayShift,
      readDayShift('1', 'x', { punch_time_rule: [readSegment({ early_minutes_as_early: 0 })] }),
    ],
    [
      'another early_minutes_as_lack',
      dayShift,
      readDayShift('1', 'x', { punch_time_rule: [readSegment({ early_minutes_as_lack: 30 })] }),
    ],
    [
      'another off_delay_minutes',
      dayShift,
      readDayShift('1', 'x', { punch_time_rule: [readSegment({ off_delay_minutes: 60 })] }),
    ],
    [
      'another serious lateness on the segment',
      withSerious,
      readDayShift('1', 'x', { punch_time_rule: [readSegment({ late_minutes_as_serious_late: 50 })] }),
    ],
    // READ flags: false = the punch is NOT needed (feishu-get-shift.md "注意和接口创建时的区别").
    ['no clock-in needed', dayShift, readDayShift('1', 'x', { punch_time_rule: [readSegment({ no_need_on: false })] })],
    [
      'no clock-out needed',
      dayShift,
      readDayShift('1', 'x', { punch_time_rule: [readSegment({ no_need_off: false })] }),
    ],
    [
      'no flexible arrival where ours has one',
      { ...dayShift, flexibleArrival: { maxEarlySec: 30 * MIN, maxLateSec: 60 * MIN } },
      readDayShift('1', 'x'),
    ],
    [
      'other flexible minutes',
      { ...dayShift, flexibleArrival: { maxEarlySec: 30 * MIN, maxLateSec: 60 * MIN } },
      readDayShift('1', 'x', {
        is_flexible: true,
        flexible_rule: [{ flexible_early_minutes: 0, flexible_late_minutes: 0 }],
      }),
    ],
    [
      'another break',
      dayShift,
      readDayShift('1', 'x', { rest_time_rule: [{ rest_begin_time: '12:30', rest_end_time: '13:30' }] }),
    ],
    [
      'other leave-late-arrive-late steps',
      { ...dayShift, lateOffLateOn: [{ offLateSec: 2 * H, onLateSec: 1 * H }] },
      readDayShift('1', 'x', { late_off_late_on_rule: [{ late_off_minutes: 60, late_on_minutes: 30 }] }),
    ],
    // Feishu-only extras the gateway never writes: a shift that has them is not ours to share.
    [
      'an overtime rule',
      dayShift,
      readDayShift('1', 'x', { overtime_rule: [{ on_overtime: '18:00', off_overtime: '20:00' }] }),
    ],
    ['day_type 2 (a rest-day shift)', dayShift, readDayShift('1', 'x', { day_type: 2 })],
    [
      'a flexible break',
      dayShift,
      readDayShift('1', 'x', { rest_time_flexible_configs: [{ need_flexible: true, late_mins: 30 }] }),
    ],
  ] as const)('is not reused with %s', (_, canonical, existing) => {
    const entry = only(plan(fixedRule([canonical]), { existingShifts: [existing] }).value);
    expect(entry.action).toBe('create');
  });
});

describe('plan: which of several identical existing shifts is reused', () => {
  const reusedId = (existingShifts: FeishuShift[]) => {
    const entry = only(plan(fixedRule([dayShift]), { existingShifts }).value);
    if (entry.action !== 'reuse') throw new Error('expected a reuse');
    return entry.shiftId;
  };
  // Called inside each test, not at collection time: a mapper call while the spec loads would make every mutant
  // it reaches a static one for Stryker (QUALITY.md).
  const plannedName = () => created(only(plan(fixedRule([dayShift])).value)).shift_name;

  it('the one holding the planned name, before other gateway-named ones and smaller ids', () => {
    const ours = readDayShift('6919358778597097409', plannedName());
    const otherGateway = readDayShift('6919358778597097401', '企微-早班');
    const manual = readDayShift('6919358778597097402', '早班');
    expect(reusedId([otherGateway, manual, ours])).toBe('6919358778597097409');
    expect(reusedId([ours, manual, otherGateway])).toBe('6919358778597097409');
  });

  it('then a shift with the gateway prefix before one named by hand', () => {
    const gateway = readDayShift('6919358778597097409', '企微-早班');
    const manual = readDayShift('6919358778597097401', '早班');
    expect(reusedId([manual, gateway])).toBe('6919358778597097409');
    expect(reusedId([gateway, manual])).toBe('6919358778597097409');
  });

  it('then the oldest: the shorter numeric id, then the smaller one', () => {
    // As text "1000…" sorts before "999…"; as numbers (Feishu ids are numeric) the 18-digit one is older.
    const older = readDayShift('999999999999999999', '早班A');
    const newer = readDayShift('1000000000000000000', '早班B');
    expect(reusedId([newer, older])).toBe('999999999999999999');
    expect(reusedId([older, newer])).toBe('999999999999999999');
    const a = readDayShift('6919358778597097401', '早班A');
    const b = readDayShift('6919358778597097402', '早班B');
    expect(reusedId([b, a])).toBe('6919358778597097401');
  });
});

describe('plan: generated shift names', () => {
  it('are prefix, times and the content hash', () => {
    const entry = only(plan(fixedRule([dayShift])).value);
    expect(created(entry).shift_name).toBe(`企微-9:00-18:00 ${hashOf(entry)}`);
    const custom = only(plan(fixedRule([dayShift]), { shiftNamePrefix: 'WX ' }).value);
    expect(created(custom).shift_name).toBe(`WX 9:00-18:00 ${hashOf(custom)}`);
  });

  it('separate the periods of a split shift by commas, cut to 20 characters before the hash', () => {
    const split = shift('split', [section(8 * H, 9 * H), section(10 * H, 11 * H)], { name: '' });
    const entry = only(plan(fixedRule([split]), { shiftNamePrefix: '' }).value);
    // 20 − " " − 6 hash characters = 13 for the times: "8:00-9:00,10:00-11:00" → "8:00-9:00,10:".
    expect(created(entry).shift_name).toBe(`8:00-9:00,10: ${hashOf(entry)}`);
  });

  // Two layouts whose plan keys end in the same six characters ("poskjk"), so their first-choice names are equal:
  // found by a one-off search over grace minutes. Feishu shift names are unique tenant-wide (REFERENCE.md), so
  // the second one must take "~2".
  it('stay distinct within one plan even when two layouts share the hash characters', () => {
    const a = shift('a', [section(9 * H, 18 * H, { lateGraceSec: 0, earlyLeaveGraceSec: 314 * MIN })]);
    const b = shift('b', [section(9 * H, 18 * H, { lateGraceSec: 66 * MIN, earlyLeaveGraceSec: 64 * MIN })]);
    const result = plan(shiftBasedRule([a, b]));
    expect(result.value.shifts).toHaveLength(2);
    const [first, second] = result.value.shifts;
    expect(hashOf(first!)).toBe('poskjk');
    expect(hashOf(second!)).toBe('poskjk');
    expect(first!.shiftKey).not.toBe(second!.shiftKey);
    expect([created(first!).shift_name, created(second!).shift_name]).toEqual([
      '企微-9:00-18:00 poskjk',
      // " poskjk~2" takes 9 of the 20 characters, "企微-" 3, leaving 8 for the times.
      '企微-9:00-18: poskjk~2',
    ]);
  });

  it('move to "~2" when another shift holds the name, saying so', () => {
    const first = only(plan(fixedRule([dayShift])).value);
    const name = created(first).shift_name;
    const squatter = readDayShift('6919358778597097406', name, {
      punch_time_rule: [readSegment({ on_advance_minutes: 0 })],
    });
    const result = plan(fixedRule([dayShift]), { existingShifts: [squatter] });
    // The longer suffix leaves 20 − 9 − 3 = 8 characters for the times.
    const renamed = `企微-9:00-18: ${hashOf(first)}~2`;
    expect(created(only(result.value)).shift_name).toBe(renamed);
    expect(lossesOn(result.losses, 'shifts[day]').map((loss) => loss.message)).toEqual([
      `Feishu shift "${name}" (6919358778597097406) exists with other times or rules; the shift is planned under another name.`,
      `Shift "早班" is named "${renamed}" in Feishu: shift names are unique tenant-wide, so they are derived from the times.`,
    ]);
  });

  it('report the held name on every canonical shift sharing the layout', () => {
    const twin: Shift = { ...dayShift, key: 'twin', name: '白班' };
    const first = only(plan(shiftBasedRule([dayShift, twin])).value);
    const name = created(first).shift_name;
    const squatter = readDayShift('6919358778597097406', name, { day_type: 2 });
    const result = plan(shiftBasedRule([dayShift, twin]), { existingShifts: [squatter] });
    expect(lossesOn(result.losses, 'shifts[day,twin]').map((loss) => loss.message)).toEqual([
      'Shifts day, twin have identical times and rules; Feishu shares one shift between them.',
      `Feishu shift "${name}" (6919358778597097406) exists with other times or rules; the shift is planned under another name.`,
      `Shift "早班", "白班" is named "企微-9:00-18: ${hashOf(first)}~2" in Feishu: shift names are unique tenant-wide, so they are derived from the times.`,
    ]);
  });

  it('are explained only for canonical shifts whose own name differs', () => {
    const first = only(plan(fixedRule([dayShift])).value);
    const name = created(first).shift_name;
    expect(lossesOn(plan(fixedRule([dayShift])).losses, 'shifts[day]').map((loss) => loss.message)).toEqual([
      `Shift "早班" is named "${name}" in Feishu: shift names are unique tenant-wide, so they are derived from the times.`,
    ]);
    // Named as in Feishu already, or with no name: nothing to explain.
    expect(lossesOn(plan(fixedRule([{ ...dayShift, name }])).losses, 'shifts[day]')).toEqual([]);
    expect(lossesOn(plan(fixedRule([{ ...dayShift, name: '' }])).losses, 'shifts[day]')).toEqual([]);
    // One of two sharing the layout differs: both names are listed.
    const same: Shift = { ...dayShift, name };
    const other: Shift = { ...dayShift, key: 'twin', name: '白班' };
    expect(
      lossesOn(plan(shiftBasedRule([same, other])).losses, 'shifts[day,twin]').map((loss) => loss.message),
    ).toEqual([
      'Shifts day, twin have identical times and rules; Feishu shares one shift between them.',
      `Shift "${name}", "白班" is named "${name}" in Feishu: shift names are unique tenant-wide, so they are derived from the times.`,
    ]);
  });
});

describe('plan: the create body of a shift carries only the fields it has', () => {
  it('a plain shift: name, punch count, flexibility and segments', () => {
    const plain = shift('plain', [section(9 * H, 18 * H)], { name: '' });
    const body = created(only(plan(fixedRule([plain])).value));
    expect(Object.keys(body)).toEqual(['shift_name', 'punch_times', 'is_flexible', 'punch_time_rule']);
    expect(body.is_flexible).toBe(false);
  });

  it('a shift with everything: flexible rule, break and leave-late-arrive-late steps, in that order', () => {
    const full: Shift = {
      ...dayShift,
      flexibleArrival: { maxEarlySec: 30 * MIN, maxLateSec: 60 * MIN },
      lateOffLateOn: [{ offLateSec: 2 * H, onLateSec: 1 * H }],
    };
    const body = created(only(plan(fixedRule([full])).value));
    expect(Object.keys(body)).toEqual([
      'shift_name',
      'punch_times',
      'is_flexible',
      'flexible_rule',
      'punch_time_rule',
      'rest_time_rule',
      'late_off_late_on_rule',
    ]);
    expect(body).toMatchObject({
      punch_times: 1,
      is_flexible: true,
      flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 60 }],
      rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
      late_off_late_on_rule: [{ late_off_minutes: 120, late_on_minutes: 60 }],
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('plan: the group body', () => {
  it('is written field by field for a plain fixed rule', () => {
    const result = plan(
      fixedRule([dayShift], {
        name: '研发考勤',
        members: { userIds: ['bob', 'alice'], departmentIds: [], excludedUserIds: ['carol'] },
        outOfRange: 'forbidden',
        overtime: { workday: null, restDay: null, holiday: null },
      }),
      { groupLeaderIds: ['leader2', '', 'leader1', 'leader2'] },
    );
    const key = only(result.value).shiftKey;
    expect(result.value.groupTemplate).toStrictEqual({
      group_name: '研发考勤',
      time_zone: 'Asia/Shanghai',
      group_type: 1,
      // Sorted, de-duplicated, blanks left out.
      group_leader_ids: ['leader1', 'leader2'],
      bind_user_ids: ['alice', 'bob'],
      bind_dept_ids: [],
      bind_default_user_ids: ['carol'],
      punch_day_shift_ids: [key, key, key, key, key, '0', '0'],
      calendar_id: 1,
      need_punch_special_days: [],
      no_need_punch_special_days: [],
      allow_remedy: false,
      face_punch: false,
      clockIn_need_photo: false,
      allow_out_punch: false,
      locations: [{ location_name: 'Office', location_type: 2, ssid: 'Office', bssid: 'aa:bb:cc:00:11:22' }],
      punch_type: 2,
      effect_now: false,
    });
    // A create body has no group_id key at all (with one, POST /groups updates that group).
    expect('group_id' in result.value.groupTemplate).toBe(false);
    expect(plan(fixedRule([dayShift]), { groupId: '6919358128597097404' }).value.groupTemplate.group_id).toBe(
      '6919358128597097404',
    );
  });

  it('leaves out group leader ids that are not strings', () => {
    const result = plan(fixedRule([dayShift]), {
      groupLeaderIds: [['nested'], 42, 'leader1'] as unknown as string[],
    });
    expect(result.value.groupTemplate.group_leader_ids).toEqual(['leader1']);
  });

  it.each([
    ['empty', []],
    ['missing', undefined],
    ['blank', ['']],
  ])('refuses a rule with group leader ids %s', (_, groupLeaderIds) => {
    const result = translate(fixedRule([dayShift]), { groupLeaderIds: groupLeaderIds as unknown as string[] });
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, 'group_leader_ids')).toEqual([
      {
        field: 'group_leader_ids',
        severity: 'blocking',
        message:
          'Feishu requires at least one attendance group owner (group_leader_ids); configure FEISHU_DEFAULT_GROUP_LEADER_IDS.',
      },
    ]);
  });

  it('refuses a rule without a name', () => {
    const result = translate(fixedRule([dayShift], { name: '' }));
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, 'name')).toEqual([
      { field: 'name', severity: 'blocking', message: 'The rule has no name; a Feishu group needs one.' },
    ]);
  });

  it('refuses a rule of a kind Feishu has no group type for', () => {
    const result = translate(officeRule({ kind: 'rotating' as CanonicalRule['kind'], shifts: [], week: {} }));
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, 'kind')).toEqual([
      { field: 'kind', severity: 'blocking', message: 'Unknown rule kind "rotating".' },
    ]);
  });

  it('reports a weekly pattern of a shift-based rule as not written, and says nothing without one', () => {
    const withWeek = plan(shiftBasedRule([dayShift], { week: { 1: 'day', 2: null } }));
    expect(withWeek.value.groupTemplate.punch_day_shift_ids).toEqual([]);
    expect(lossesOn(withWeek.losses, 'week')).toEqual([
      {
        field: 'week',
        severity: 'info',
        message: 'Only fixed groups have a weekly pattern in Feishu; it is not written.',
      },
    ]);
    expect(lossesOn(plan(shiftBasedRule([dayShift])).losses, 'week')).toEqual([]);
    expect(lossesOn(plan(shiftBasedRule([dayShift], { week: { 1: null, 7: null } })).losses, 'week')).toEqual([]);
  });
});

describe('plan: special days in the group body', () => {
  it('are sorted by date, as yyyyMMdd ints', () => {
    const result = plan(
      fixedRule([dayShift], {
        specialWorkdays: [
          { date: '2026-03-08', shiftKey: 'day', sections: [], note: '' },
          { date: '2026-02-14', shiftKey: 'day', sections: [], note: '' },
          { date: '2026-03-01', shiftKey: 'day', sections: [], note: '' },
        ],
        specialOffdays: [
          { date: '2026-10-02', note: '' },
          { date: '2026-01-01', note: '' },
          { date: '2026-05-01', note: '' },
        ],
      }),
    );
    const key = only(result.value).shiftKey;
    expect(result.value.groupTemplate.need_punch_special_days).toEqual([
      { punch_day: 20260214, shift_id: key },
      { punch_day: 20260301, shift_id: key },
      { punch_day: 20260308, shift_id: key },
    ]);
    expect(result.value.groupTemplate.no_need_punch_special_days).toEqual([
      { punch_day: 20260101, shift_id: '0' },
      { punch_day: 20260501, shift_id: '0' },
      { punch_day: 20261002, shift_id: '0' },
    ]);
  });

  it('that cannot be written are left out with the reason, notes are dropped by name', () => {
    const result = plan(
      fixedRule([dayShift], {
        specialWorkdays: [
          { date: '2026-02-30', shiftKey: 'day', sections: [], note: '' },
          { date: '2026-02-14', shiftKey: null, sections: [], note: '' },
          { date: '2026-02-15', shiftKey: 'day', sections: [], note: '调休上班' },
        ],
        specialOffdays: [
          { date: '2026-13-01', note: '' },
          { date: '2026-02-15', note: '' },
          { date: '2026-10-01', note: '国庆' },
        ],
      }),
    );
    const key = only(result.value).shiftKey;
    expect(result.value.groupTemplate.need_punch_special_days).toEqual([{ punch_day: 20260215, shift_id: key }]);
    expect(result.value.groupTemplate.no_need_punch_special_days).toEqual([{ punch_day: 20261001, shift_id: '0' }]);
    const special = result.losses.filter((loss) => loss.field.startsWith('special'));
    expect(special).toEqual([
      {
        field: 'specialWorkdays[0]',
        severity: 'dropped',
        message: 'Special workday 2026-02-30 has no valid date; left out.',
        sourceValue: '2026-02-30',
      },
      {
        field: 'specialWorkdays[1]',
        severity: 'dropped',
        message: 'Special workday 2026-02-14 has no working hours; left out.',
        sourceValue: '2026-02-14',
      },
      {
        field: 'specialWorkdays[2].note',
        severity: 'dropped',
        message: 'Feishu special days have no note; "调休上班" is not carried.',
        sourceValue: '调休上班',
      },
      {
        field: 'specialOffdays[0]',
        severity: 'dropped',
        message: 'Special day off 2026-13-01 has no valid date; left out.',
        sourceValue: '2026-13-01',
      },
      {
        field: 'specialOffdays[1]',
        severity: 'dropped',
        message: '2026-02-15 is also a special workday; it stays a workday.',
        sourceValue: '2026-02-15',
      },
      {
        field: 'specialOffdays[2].note',
        severity: 'dropped',
        message: 'Feishu special days have no note; "国庆" is not carried.',
        sourceValue: '国庆',
      },
    ]);
  });

  it('a workday with neither a shift nor times does not borrow a shift that happens to be keyed like inline times', () => {
    // Inline times of a special workday become shift "special-<date>"; a day without times has none, even when
    // the rule itself defines a shift of that key.
    const lookalike: Shift = { ...dayShift, key: 'special-2026-03-01' };
    const result = plan(
      shiftBasedRule([lookalike], {
        specialWorkdays: [{ date: '2026-03-01', shiftKey: null, sections: [], note: '' }],
      }),
    );
    expect(result.value.groupTemplate.need_punch_special_days).toEqual([]);
    expect(lossesOn(result.losses, 'specialWorkdays[0]').map((loss) => loss.message)).toEqual([
      'Special workday 2026-03-01 has no working hours; left out.',
    ]);
  });
});
