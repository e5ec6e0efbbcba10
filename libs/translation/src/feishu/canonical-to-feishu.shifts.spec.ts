import type { FeishuGroupCreate, FeishuShiftCreate } from '@app/feishu/model';
import type { CanonicalRule, PunchWindow, Shift, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss } from '../canonical/loss.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';
import {
  bindFeishuShiftIds,
  canonicalToFeishu,
  planShiftIds,
  type FeishuGroupPlan,
  type FeishuShiftPlanEntry,
} from './canonical-to-feishu.mapper.js';

// Canonical rule → Feishu shift bodies (canonical-to-feishu.mapper.ts, canonicalToFeishu down to defaultWindow):
// which shifts a rule needs, how a shift becomes a punch_time_rule body, and the exact losses on the way.
// Expected values are worked out by hand: canonical times are seconds (canonical-rule.ts), Feishu's are minutes
// and "H:mm" strings up to 47:59 (REFERENCE.md "punch_time_rule[]"; on_advance_minutes ≤ 720,
// off_delay_minutes ≤ 960).

const H = 3600;
const M = 60;

/** A window that gives Feishu 30 / 60 / 45 / 120 minutes, so no "no punch window" info loss appears. */
function windowOf(onSec: number, offSec: number): PunchWindow {
  return {
    earliestOnSec: onSec - 30 * M,
    latestOnSec: onSec + 60 * M,
    earliestOffSec: offSec - 45 * M,
    latestOffSec: offSec + 120 * M,
  };
}

/** A section with an explicit window (see windowOf) and no grace. */
function timed(onSec: number, offSec: number, extra: Partial<TimeSection> = {}): TimeSection {
  return section(onSec, offSec, { punchWindow: windowOf(onSec, offSec), ...extra });
}

/** The office rule (fixed, Monday–Friday on shift "day") with the given shifts. */
function ruleWith(shifts: readonly Shift[], extra: Partial<CanonicalRule> = {}): CanonicalRule {
  return officeRule({ shifts, ...extra });
}

function translate(rule: CanonicalRule) {
  return canonicalToFeishu(rule, { resolver: sameIdResolver(), groupLeaderIds: ['leader'], existingShifts: [] });
}

function planOf(rule: CanonicalRule): FeishuGroupPlan {
  const result = translate(rule);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses, null, 1)}`);
  return result.value;
}

/** The shift-related losses (the office rule's own group losses — outOfRange, overtime — are left aside). */
function shiftLosses(losses: readonly Loss[]): Loss[] {
  return losses.filter((loss) => loss.field.startsWith('shifts[') || loss.field.startsWith('specialWorkdays'));
}

function createdShift(entry: FeishuShiftPlanEntry | undefined): FeishuShiftCreate {
  if (entry?.action !== 'create') throw new Error(`expected a shift to create, got ${JSON.stringify(entry)}`);
  return entry.shift;
}

/** The single shift planned for the rule, and the rule's shift-related losses. */
function onlyShift(rule: CanonicalRule): { shift: FeishuShiftCreate; losses: Loss[] } {
  const result = translate(rule);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses, null, 1)}`);
  expect(result.value.shifts).toHaveLength(1);
  return { shift: createdShift(result.value.shifts[0]), losses: shiftLosses(result.losses) };
}

/** The punch_time_rule entry for 9:00–18:00 under windowOf, no grace: what most cases change one field of. */
const NINE_TO_SIX = {
  on_time: '9:00',
  off_time: '18:00',
  late_minutes_as_late: 0,
  late_minutes_as_lack: 60,
  on_advance_minutes: 30,
  early_minutes_as_early: 0,
  early_minutes_as_lack: 45,
  off_delay_minutes: 120,
  no_need_on: false,
  no_need_off: false,
};

const LATE_OFF_LATE_ON_INFO = (name: string): Loss => ({
  field: 'shifts[day].lateOffLateOn',
  severity: 'info',
  message: `"Leave late, arrive late next day" of shift "${name}" needs Feishu People Enterprise (仅飞书人事企业版可用).`,
});

// ---------------------------------------------------------------------------------------------------------

describe('canonicalToFeishu: safety net', () => {
  it('an Error thrown while translating refuses the rule with one blocking "(internal)" loss', () => {
    const rule = ruleWith([]);
    Object.defineProperty(rule, 'shifts', {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(translate(rule)).toEqual({
      ok: false,
      losses: [{ field: '(internal)', severity: 'blocking', message: 'The rule could not be translated: boom' }],
    });
  });

  it('a thrown non-Error is written as text', () => {
    const rule = ruleWith([]);
    Object.defineProperty(rule, 'shifts', {
      get: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- what the safety net must survive
        throw 'not an error';
      },
    });
    expect(translate(rule).losses).toEqual([
      { field: '(internal)', severity: 'blocking', message: 'The rule could not be translated: not an error' },
    ]);
  });
});

describe('bindFeishuShiftIds', () => {
  // Built inside each test, not at collection time: a mapper call while the spec loads would make every mutant
  // it reaches a static one for Stryker (QUALITY.md).
  const boundTemplate = (): FeishuGroupCreate => ({
    ...planOf(ruleWith([shift('day', [timed(9 * H, 18 * H)])])).groupTemplate,
    punch_day_shift_ids: ['a', 'a', 'b', '0', '0', '0', '0'],
    need_punch_special_days: [
      { punch_day: 20250104, shift_id: 'a' },
      { punch_day: 20250105, shift_id: 'b' },
    ],
    no_need_punch_special_days: [
      { punch_day: 20250106, shift_id: '0' },
      { punch_day: 20250107, shift_id: 'b' },
    ],
  });

  it('replaces every key (week, special workdays, special days off) and keeps "0" (rest)', () => {
    const template = boundTemplate();
    const bound = bindFeishuShiftIds(
      template,
      new Map([
        ['a', '701'],
        ['b', '702'],
      ]),
    );
    expect(bound.punch_day_shift_ids).toEqual(['701', '701', '702', '0', '0', '0', '0']);
    expect(bound.need_punch_special_days).toEqual([
      { punch_day: 20250104, shift_id: '701' },
      { punch_day: 20250105, shift_id: '702' },
    ]);
    expect(bound.no_need_punch_special_days).toEqual([
      { punch_day: 20250106, shift_id: '0' },
      { punch_day: 20250107, shift_id: '702' },
    ]);
  });

  it('names the list and index of a key without an id', () => {
    const template = boundTemplate();
    expect(() => bindFeishuShiftIds(template, new Map([['b', '702']]))).toThrow(
      new Error('bindFeishuShiftIds: no Feishu shift id for shift key "a" (punch_day_shift_ids[0])'),
    );
    const onlyWeek = { ...template, punch_day_shift_ids: ['0', '0', '0', '0', '0', '0', '0'] };
    expect(() => bindFeishuShiftIds(onlyWeek, new Map([['a', '701']]))).toThrow(
      new Error('bindFeishuShiftIds: no Feishu shift id for shift key "b" (need_punch_special_days[1])'),
    );
    const onlyOffdays = { ...onlyWeek, need_punch_special_days: [] };
    expect(() => bindFeishuShiftIds(onlyOffdays, new Map([['a', '701']]))).toThrow(
      new Error('bindFeishuShiftIds: no Feishu shift id for shift key "b" (no_need_punch_special_days[1])'),
    );
  });

  it('planShiftIds maps created shifts through the ids given and leaves out those without one', () => {
    const plan = planOf(ruleWith([shift('day', [timed(9 * H, 18 * H)])]));
    const key = plan.shifts[0]!.shiftKey;
    expect(planShiftIds(plan, new Map([[key, '701']]))).toEqual(new Map([[key, '701']]));
    expect(planShiftIds(plan, new Map())).toEqual(new Map());
  });
});

describe('canonicalToFeishu: which shifts are planned', () => {
  it('a fixed rule plans only the shifts its week uses', () => {
    const plan = planOf(ruleWith([shift('day', [timed(9 * H, 18 * H)]), shift('unused', [timed(10 * H, 19 * H)])]));
    expect(plan.shifts.map((entry) => entry.sourceShiftKeys)).toEqual([['day']]);
  });

  it('a week naming a shift the rule does not define is refused', () => {
    const result = translate(
      ruleWith([shift('day', [timed(9 * H, 18 * H)])], {
        week: { 1: 'day', 2: 'ghost', 3: 'day', 4: 'day', 5: 'day', 6: null, 7: null },
      }),
    );
    expect(result.ok).toBe(false);
    expect(shiftLosses(result.losses)).toEqual([
      {
        field: 'shifts[ghost]',
        severity: 'blocking',
        message: 'The rule refers to shift "ghost", which it does not define.',
      },
    ]);
  });

  it('identical shifts share one Feishu shift, their keys in text order, with an info loss', () => {
    // The week names "b" before "a"; the plan lists them sorted.
    const plan = translate(
      ruleWith([shift('a', [timed(9 * H, 18 * H)]), shift('b', [timed(9 * H, 18 * H)])], {
        week: { 1: 'b', 2: 'a', 3: 'a', 4: 'a', 5: 'a', 6: null, 7: null },
      }),
    );
    if (!plan.ok) throw new Error('expected ok');
    expect(plan.value.shifts.map((entry) => entry.sourceShiftKeys)).toEqual([['a', 'b']]);
    expect(shiftLosses(plan.losses)).toEqual([
      {
        field: 'shifts[a,b]',
        severity: 'info',
        message: 'Shifts a, b have identical times and rules; Feishu shares one shift between them.',
      },
    ]);
  });

  it('distinct shifts each get their own Feishu shift, listed by plan key, without the sharing loss', () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const result = translate(
      officeRule({
        kind: 'shift_based',
        week: {},
        shifts: keys.map((key, index) => shift(key, [timed((7 + index) * H, (15 + index) * H)])),
      }),
    );
    if (!result.ok) throw new Error('expected ok');
    const planKeys = result.value.shifts.map((entry) => entry.shiftKey);
    expect(planKeys).toEqual([...planKeys].sort());
    expect(
      result.value.shifts
        .map((entry) => entry.sourceShiftKeys)
        .flat()
        .sort(),
    ).toEqual(keys);
    expect(shiftLosses(result.losses)).toEqual([]);
  });
});

describe('canonicalToFeishu: special workdays with their own times', () => {
  const date = '2025-01-04';

  it('inline times become a shift of their own, with an info loss, and the day points to it', () => {
    const result = translate(
      ruleWith([shift('day', [timed(9 * H, 18 * H)])], {
        specialWorkdays: [{ date, shiftKey: null, sections: [timed(10 * H, 16 * H)], note: '' }],
      }),
    );
    if (!result.ok) throw new Error('expected ok');
    const inline = result.value.shifts.find((entry) => entry.sourceShiftKeys.includes(`special-${date}`));
    expect(createdShift(inline).punch_time_rule.map((rule) => [rule.on_time, rule.off_time])).toEqual([
      ['10:00', '16:00'],
    ]);
    expect(result.value.groupTemplate.need_punch_special_days).toEqual([
      { punch_day: 20250104, shift_id: inline!.shiftKey },
    ]);
    expect(shiftLosses(result.losses)).toEqual([
      {
        field: 'specialWorkdays[0]',
        severity: 'info',
        message: `The times of special workday ${date} become a Feishu shift of their own (Feishu days point to shifts).`,
      },
    ]);
  });

  it('a special workday with neither a shift nor times plans no shift (it is left out, not refused)', () => {
    const result = translate(
      ruleWith([shift('day', [timed(9 * H, 18 * H)])], {
        specialWorkdays: [{ date, shiftKey: null, sections: [], note: '' }],
      }),
    );
    if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses)}`);
    expect(result.value.shifts.map((entry) => entry.sourceShiftKeys)).toEqual([['day']]);
    expect(shiftLosses(result.losses)).toEqual([
      {
        field: 'specialWorkdays[0]',
        severity: 'dropped',
        message: `Special workday ${date} has no working hours; left out.`,
        sourceValue: date,
      },
    ]);
  });

  it('a special workday on a shift of the rule plans no extra shift and reports nothing of its own', () => {
    const result = translate(
      ruleWith([shift('day', [timed(9 * H, 18 * H)]), shift('sat', [timed(10 * H, 14 * H)])], {
        specialWorkdays: [{ date, shiftKey: 'sat', sections: [timed(11 * H, 12 * H)], note: '' }],
      }),
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.shifts.map((entry) => entry.sourceShiftKeys).sort()).toEqual([['day'], ['sat']]);
    expect(shiftLosses(result.losses)).toEqual([]);
  });
});

describe('canonicalToFeishu: shift body', () => {
  it('sections given out of order are written in time order; no break, flexibility or late-off keys', () => {
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [timed(14 * H, 18 * H), timed(9 * H, 12 * H), timed(12 * H, 13 * H)])]),
    );
    expect(body.punch_time_rule.map((rule) => `${rule.on_time}-${rule.off_time}`)).toEqual([
      '9:00-12:00',
      '12:00-13:00',
      '14:00-18:00',
    ]);
    expect(body.punch_times).toBe(3);
    expect(body.is_flexible).toBe(false);
    expect(Object.keys(body).sort()).toEqual(['is_flexible', 'punch_time_rule', 'punch_times', 'shift_name']);
    expect(losses).toEqual([]);
  });

  it('a shift without sections is refused', () => {
    const result = translate(ruleWith([shift('day', [], { name: '早班' })]));
    expect(result.ok).toBe(false);
    expect(shiftLosses(result.losses)).toEqual([
      { field: 'shifts[day].sections', severity: 'blocking', message: 'Shift "早班" has no working hours.' },
    ]);
  });

  it('an end of 47:59 (the latest "H:mm" Feishu spells) is written; an end equal to the start is refused', () => {
    const late = { ...windowOf(9 * H, 47 * H + 59 * M), latestOffSec: 47 * H + 59 * M };
    const { shift: body } = onlyShift(ruleWith([shift('day', [timed(9 * H, 47 * H + 59 * M, { punchWindow: late })])]));
    expect(body.punch_time_rule).toEqual([
      { ...NINE_TO_SIX, off_time: '47:59', early_minutes_as_lack: 45, off_delay_minutes: 0 },
    ]);

    const empty = translate(ruleWith([shift('day', [timed(9 * H, 9 * H)], { lateOffLateOn: [step(H, H)] })]));
    expect(empty.ok).toBe(false);
    // Only the blocking loss: the shift stops there (no body, so no late-off-late-on info either).
    expect(shiftLosses(empty.losses)).toEqual([
      {
        field: 'shifts[day].sections[0]',
        severity: 'blocking',
        message:
          'Working hours 9:00–9:00 cannot be written in Feishu ' +
          '(start from 0:00, end after the start and no later than 47:59, the end of the next day).',
        sourceValue: [9 * H, 9 * H],
      },
    ]);
  });

  it('an end after 47:59 is refused, the times written as H:mm', () => {
    const result = translate(ruleWith([shift('day', [timed(9 * H + 5 * M, 48 * H)])]));
    expect(result.ok).toBe(false);
    expect(shiftLosses(result.losses)).toEqual([
      {
        field: 'shifts[day].sections[0]',
        severity: 'blocking',
        message:
          'Working hours 9:05–48:00 cannot be written in Feishu ' +
          '(start from 0:00, end after the start and no later than 47:59, the end of the next day).',
        sourceValue: [9 * H + 5 * M, 48 * H],
      },
    ]);
  });

  it('a start before 0:00 is refused and shown with a minus sign; 0:00 shows unsigned', () => {
    const before = translate(ruleWith([shift('day', [timed(-30 * M, 9 * H)])]));
    expect(shiftLosses(before.losses).map((loss) => loss.message)).toEqual([
      'Working hours -0:30–9:00 cannot be written in Feishu ' +
        '(start from 0:00, end after the start and no later than 47:59, the end of the next day).',
    ]);
    const zero = translate(ruleWith([shift('day', [timed(0, 0)])]));
    expect(shiftLosses(zero.losses).map((loss) => loss.message)).toEqual([
      'Working hours 0:00–0:00 cannot be written in Feishu ' +
        '(start from 0:00, end after the start and no later than 47:59, the end of the next day).',
    ]);
  });

  it('periods that touch are written; periods that overlap are refused', () => {
    const { shift: body } = onlyShift(ruleWith([shift('day', [timed(9 * H, 12 * H), timed(12 * H, 18 * H)])]));
    expect(body.punch_time_rule.map((rule) => `${rule.on_time}-${rule.off_time}`)).toEqual([
      '9:00-12:00',
      '12:00-18:00',
    ]);

    const overlap = translate(
      ruleWith([shift('day', [timed(9 * H, 13 * H), timed(12 * H, 18 * H)], { lateOffLateOn: [step(H, H)] })]),
    );
    expect(overlap.ok).toBe(false);
    expect(shiftLosses(overlap.losses)).toEqual([
      {
        field: 'shifts[day].sections[1]',
        severity: 'blocking',
        message: 'Working periods overlap; Feishu segments must follow one another.',
      },
    ]);
  });

  it('no clock-in for the first period is refused (create doc: "第一段打卡规则须为false")', () => {
    const result = translate(
      ruleWith([shift('day', [timed(9 * H, 18 * H, { noPunchOn: true })], { lateOffLateOn: [step(H, H)] })]),
    );
    expect(result.ok).toBe(false);
    expect(shiftLosses(result.losses)).toEqual([
      {
        field: 'shifts[day].sections[0].noPunchOn',
        severity: 'blocking',
        message:
          'Feishu requires a clock-in for the first working period; a rule without it would mark everyone as missing a punch.',
      },
    ]);
  });

  it('times not on a whole minute are rounded, each with a loss naming its field', () => {
    // 9:00:30 → 540.5 min → 541 (9:01); 18:00:30 → 1080.5 → 1081 (18:01).
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [section(9 * H + 30, 18 * H + 30, { punchWindow: windowOf(9 * H + 30, 18 * H + 30) })])]),
    );
    expect(body.punch_time_rule).toEqual([{ ...NINE_TO_SIX, on_time: '9:01', off_time: '18:01' }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].sections[0].onSec',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 32430 s is rounded to 541 min.',
        sourceValue: 32430,
        targetValue: 541 * 60,
      },
      {
        field: 'shifts[day].sections[0].offSec',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 64830 s is rounded to 1081 min.',
        sourceValue: 64830,
        targetValue: 1081 * 60,
      },
    ]);
  });

  it('a start that is not a number becomes 0:00 with a loss', () => {
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [section(Number.NaN, 9 * H, { punchWindow: windowOf(0, 9 * H) })])]),
    );
    expect(body.punch_time_rule[0]!.on_time).toBe('0:00');
    expect(losses[0]).toEqual({
      field: 'shifts[day].sections[0].onSec',
      severity: 'approximated',
      message: 'NaN is not a time; 0 minutes used.',
      sourceValue: Number.NaN,
    });
  });
});

describe('canonicalToFeishu: grace and serious lateness', () => {
  it('grace not on a whole minute is rounded; negative grace is raised to 0', () => {
    // 630 s = 10.5 min → 11; 330 s = 5.5 min → 6; −120 s = −2 min → 0.
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [timed(9 * H, 18 * H, { lateGraceSec: 630, earlyLeaveGraceSec: 330 })])]),
    );
    expect(body.punch_time_rule).toEqual([{ ...NINE_TO_SIX, late_minutes_as_late: 11, early_minutes_as_early: 6 }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].sections[0].lateGraceSec',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 630 s is rounded to 11 min.',
        sourceValue: 630,
        targetValue: 660,
      },
      {
        field: 'shifts[day].sections[0].earlyLeaveGraceSec',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 330 s is rounded to 6 min.',
        sourceValue: 330,
        targetValue: 360,
      },
    ]);

    const negative = onlyShift(ruleWith([shift('day', [timed(9 * H, 18 * H, { earlyLeaveGraceSec: -120 })])]));
    expect(negative.shift.punch_time_rule[0]!.early_minutes_as_early).toBe(0);
    expect(negative.losses).toEqual([
      {
        field: 'shifts[day].sections[0].earlyLeaveGraceSec',
        severity: 'approximated',
        message: '-2 min is below what Feishu accepts; 0 min is used.',
        sourceValue: -120,
        targetValue: 0,
      },
    ]);
  });

  it('grace that is not a number is written as 0 with a loss', () => {
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [timed(9 * H, 18 * H, { lateGraceSec: Number.NaN })])]),
    );
    expect(body.punch_time_rule).toEqual([NINE_TO_SIX]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].sections[0].lateGraceSec',
        severity: 'approximated',
        message: 'NaN is not a time; 0 minutes used.',
        sourceValue: Number.NaN,
      },
    ]);
  });

  it('serious lateness 0 is "not set": no late_minutes_as_serious_late, no loss', () => {
    const { shift: body, losses } = onlyShift(ruleWith([shift('day', [timed(9 * H, 18 * H, { seriousLateSec: 0 })])]));
    expect(body.punch_time_rule).toEqual([NINE_TO_SIX]);
    expect('late_minutes_as_serious_late' in body.punch_time_rule[0]!).toBe(false);
    expect(losses).toEqual([]);
  });

  it("serious lateness under a minute rounds to 0 and is raised to Feishu's least, 1 min", () => {
    const { shift: body, losses } = onlyShift(ruleWith([shift('day', [timed(9 * H, 18 * H, { seriousLateSec: 20 })])]));
    expect(body.punch_time_rule).toEqual([{ ...NINE_TO_SIX, late_minutes_as_serious_late: 1 }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].sections[0].seriousLateSec',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 20 s is rounded to 0 min.',
        sourceValue: 20,
        targetValue: 0,
      },
      {
        field: 'shifts[day].sections[0].seriousLateSec',
        severity: 'approximated',
        message: '0 min is below what Feishu accepts; 1 min is used.',
        sourceValue: 20,
        targetValue: 60,
      },
    ]);
  });

  it('serious lateness that is not a finite time is written as 1 min', () => {
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [timed(9 * H, 18 * H, { seriousLateSec: Number.POSITIVE_INFINITY })])]),
    );
    expect(body.punch_time_rule).toEqual([{ ...NINE_TO_SIX, late_minutes_as_serious_late: 1 }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].sections[0].seriousLateSec',
        severity: 'approximated',
        message: 'Infinity is not a time; 1 minutes used.',
        sourceValue: Number.POSITIVE_INFINITY,
      },
    ]);
  });
});

describe('canonicalToFeishu: breaks', () => {
  const withRest = (beginSec: number, endSec: number) =>
    ruleWith([shift('day', [timed(9 * H, 18 * H, { rest: { beginSec, endSec } })])]);
  const dropped = (text: string): Loss => ({
    field: 'shifts[day].sections[0].rest',
    severity: 'dropped',
    message: `The break ${text} is not inside its working period; left out.`,
  });

  it('a break from the start to the end of its period is inside it', () => {
    const { shift: body, losses } = onlyShift(withRest(9 * H, 18 * H));
    expect(body.rest_time_rule).toEqual([{ rest_begin_time: '9:00', rest_end_time: '18:00' }]);
    expect(losses).toEqual([]);
  });

  it('a break starting before, ending after, or ending at its start is left out with a loss', () => {
    const cases: [number, number, string][] = [
      [8 * H + 30 * M, 12 * H, '8:30–12:00'],
      [12 * H, 18 * H + 5 * M, '12:00–18:05'],
      [12 * H, 12 * H, '12:00–12:00'],
    ];
    for (const [beginSec, endSec, text] of cases) {
      const { shift: body, losses } = onlyShift(withRest(beginSec, endSec));
      expect('rest_time_rule' in body).toBe(false);
      expect(losses).toEqual([dropped(text)]);
    }
  });

  it('break times not on a whole minute are rounded with a loss; one that is not a number is left out', () => {
    const { shift: body, losses } = onlyShift(withRest(12 * H + 30, 13 * H + 30));
    expect(body.rest_time_rule).toEqual([{ rest_begin_time: '12:01', rest_end_time: '13:01' }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].sections[0].rest',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 43230 s is rounded to 721 min.',
        sourceValue: 43230,
        targetValue: 43260,
      },
      {
        field: 'shifts[day].sections[0].rest',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 46830 s is rounded to 781 min.',
        sourceValue: 46830,
        targetValue: 46860,
      },
    ]);

    const notANumber = onlyShift(withRest(Number.NaN, 12 * H));
    expect(notANumber.losses).toEqual([
      {
        field: 'shifts[day].sections[0].rest',
        severity: 'approximated',
        message: 'NaN is not a time; 0 minutes used.',
        sourceValue: Number.NaN,
      },
      dropped('NaN–12:00'),
    ]);
  });
});

function step(offLateSec: number, onLateSec: number) {
  return { offLateSec, onLateSec };
}

describe('canonicalToFeishu: flexible arrival and late-off-late-on', () => {
  it('flexible minutes are rounded with a loss on flexibleArrival', () => {
    // 90 s = 1.5 min → 2; 150 s = 2.5 min → 3.
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [timed(9 * H, 18 * H)], { flexibleArrival: { maxEarlySec: 90, maxLateSec: 150 } })]),
    );
    expect(body.is_flexible).toBe(true);
    expect(body.flexible_rule).toEqual([{ flexible_early_minutes: 2, flexible_late_minutes: 3 }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].flexibleArrival',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 90 s is rounded to 2 min.',
        sourceValue: 90,
        targetValue: 120,
      },
      {
        field: 'shifts[day].flexibleArrival',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 150 s is rounded to 3 min.',
        sourceValue: 150,
        targetValue: 180,
      },
    ]);
  });

  it('steps are written sorted by late-off, then late-on, in minutes, with the People Enterprise info', () => {
    const { shift: body, losses } = onlyShift(
      ruleWith([
        shift('day', [timed(9 * H, 18 * H)], {
          lateOffLateOn: [step(2 * H, 10 * M), step(H, 30 * M), step(H, 20 * M), step(3 * H, 5 * M)],
        }),
      ]),
    );
    expect(body.late_off_late_on_rule).toEqual([
      { late_off_minutes: 60, late_on_minutes: 20 },
      { late_off_minutes: 60, late_on_minutes: 30 },
      { late_off_minutes: 120, late_on_minutes: 10 },
      { late_off_minutes: 180, late_on_minutes: 5 },
    ]);
    expect(losses).toEqual([LATE_OFF_LATE_ON_INFO('')]);
  });

  it('steps in minutes not whole are rounded with a loss on lateOffLateOn', () => {
    const { shift: body, losses } = onlyShift(
      ruleWith([shift('day', [timed(9 * H, 18 * H)], { lateOffLateOn: [step(H + 30, 30 * M + 30)] })]),
    );
    expect(body.late_off_late_on_rule).toEqual([{ late_off_minutes: 61, late_on_minutes: 31 }]);
    expect(losses).toEqual([
      {
        field: 'shifts[day].lateOffLateOn',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 3630 s is rounded to 61 min.',
        sourceValue: 3630,
        targetValue: 3660,
      },
      {
        field: 'shifts[day].lateOffLateOn',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 1830 s is rounded to 31 min.',
        sourceValue: 1830,
        targetValue: 1860,
      },
      LATE_OFF_LATE_ON_INFO(''),
    ]);
  });

  it('the People Enterprise info names the shift', () => {
    const result = translate(
      ruleWith([shift('day', [timed(9 * H, 18 * H)], { name: '早班', lateOffLateOn: [step(H, 30 * M)] })]),
    );
    expect(result.losses.filter((loss) => loss.field === 'shifts[day].lateOffLateOn')).toEqual([
      LATE_OFF_LATE_ON_INFO('早班'),
    ]);
  });
});

describe('canonicalToFeishu: punch window', () => {
  const on = 13 * H;
  const off = 18 * H;
  const withWindow = (window: PunchWindow) => ruleWith([shift('day', [section(on, off, { punchWindow: window })])]);
  const AT = 'shifts[day].sections[0]';

  it('window bounds inside the working time are set to 0, one loss per field', () => {
    const { shift: body, losses } = onlyShift(
      withWindow({
        earliestOnSec: on + 10 * M,
        latestOnSec: on - 20 * M,
        earliestOffSec: off + 30 * M,
        latestOffSec: off - 40 * M,
      }),
    );
    expect(body.punch_time_rule[0]).toMatchObject({
      on_advance_minutes: 0,
      late_minutes_as_lack: 0,
      early_minutes_as_lack: 0,
      off_delay_minutes: 0,
    });
    const inside = (field: string, what: string, value: number): Loss => ({
      field: `${AT}.punchWindow.${field}`,
      severity: 'approximated',
      message: `The ${what} lies inside the working time; Feishu needs it outside, so 0 min is used.`,
      sourceValue: value,
    });
    expect(losses).toEqual([
      inside('earliestOnSec', 'earliest clock-in', -10),
      inside('latestOnSec', 'latest clock-in', -20),
      inside('earliestOffSec', 'earliest clock-out', -30),
      inside('latestOffSec', 'latest clock-out', -40),
    ]);
  });

  it('720 min before and 960 min after are written; a minute more is cut to those limits', () => {
    const exact = onlyShift(
      withWindow({ earliestOnSec: on - 720 * M, latestOnSec: on, earliestOffSec: off, latestOffSec: off + 960 * M }),
    );
    expect(exact.shift.punch_time_rule[0]).toMatchObject({ on_advance_minutes: 720, off_delay_minutes: 960 });
    expect(exact.losses).toEqual([]);

    const over = onlyShift(
      withWindow({ earliestOnSec: on - 721 * M, latestOnSec: on, earliestOffSec: off, latestOffSec: off + 961 * M }),
    );
    expect(over.shift.punch_time_rule[0]).toMatchObject({ on_advance_minutes: 720, off_delay_minutes: 960 });
    expect(over.losses).toEqual([
      {
        field: `${AT}.punchWindow.earliestOnSec`,
        severity: 'approximated',
        message: 'Feishu allows at most 720 min for the earliest clock-in; 721 min is cut to 720.',
        sourceValue: 721,
        targetValue: 720,
      },
      {
        field: `${AT}.punchWindow.latestOffSec`,
        severity: 'approximated',
        message: 'Feishu allows at most 960 min for the latest clock-out; 961 min is cut to 960.',
        sourceValue: 961,
        targetValue: 960,
      },
    ]);
  });

  it('window minutes not whole are rounded with a loss on punchWindow', () => {
    // on − earliestOn = 1830 s = 30.5 min → 31.
    const { shift: body, losses } = onlyShift(
      withWindow({ earliestOnSec: on - 30 * M - 30, latestOnSec: on, earliestOffSec: off, latestOffSec: off }),
    );
    expect(body.punch_time_rule[0]!.on_advance_minutes).toBe(31);
    expect(losses).toEqual([
      {
        field: `${AT}.punchWindow`,
        severity: 'approximated',
        message: 'Feishu counts whole minutes; 1830 s is rounded to 31 min.',
        sourceValue: 1830,
        targetValue: 1860,
      },
    ]);
  });

  it('no window: up to an hour outside, a third of the period inside (here 20 min), with an info loss', () => {
    // 9:00–10:00 alone: nothing before or after, so 60 min each side; 60 min / 3 = 20 min inside.
    const { shift: body, losses } = onlyShift(ruleWith([shift('day', [section(9 * H, 10 * H)])]));
    expect(body.punch_time_rule[0]).toMatchObject({
      on_advance_minutes: 60,
      late_minutes_as_lack: 20,
      early_minutes_as_lack: 20,
      off_delay_minutes: 60,
    });
    expect(losses).toEqual([
      {
        field: `${AT}.punchWindow`,
        severity: 'info',
        message:
          "No punch window was given; Feishu's is set to clock-in from 60 min before, clock-out until 60 min after, " +
          'and a punch more than 20 min late / 20 min early counts as missing.',
      },
    ]);
  });

  it('no window between two periods: each side takes half the gap (40 min → 20)', () => {
    const { shift: body } = onlyShift(
      ruleWith([shift('day', [section(9 * H, 10 * H), section(10 * H + 40 * M, 18 * H)])]),
    );
    expect(body.punch_time_rule.map((rule) => [rule.on_advance_minutes, rule.off_delay_minutes])).toEqual([
      [60, 20],
      [20, 60],
    ]);
    // 10:40–18:00 is 440 min: a third is 146, capped at 60.
    expect(body.punch_time_rule[1]).toMatchObject({ late_minutes_as_lack: 60, early_minutes_as_lack: 60 });
  });
});
