import { wecomCheckinGroupReadSchema } from '@app/wecom/model';
import { wecomReadToCanonical, wecomToCanonical } from './wecom-to-canonical.mapper.js';
import type { CanonicalRule } from '../canonical/canonical-rule.js';
import type { Loss, Translation } from '../canonical/loss.js';

// Edge cases of the WeCom → canonical read (issue #22): each loss with its exact field, severity, message and
// values, each optional field absent and present, values at the documented limits. Expected values are written
// out by hand from the doc (wecom-checkin-option-rules.md) and the mapper's documented intent. Every rule is
// built and translated inside its test (nothing at collection time: see the note in the mapper's spec).

const MON_0900 = 32400; // 09:00
const H = 3600;

function ok(result: Translation<CanonicalRule>): CanonicalRule {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  return result.value;
}

/** A fixed rule whose translation reports nothing: one 09:00–18:00 section with a full window, Monday–Friday. */
function fixedGroup(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grouptype: 1,
    groupid: 7,
    groupname: 'Office',
    checkindate: [{ workdays: [1, 2, 3, 4, 5], checkintime: [section(MON_0900, 18 * H, true)] }],
    wifimac_infos: [{ wifiname: 'Office', wifimac: 'AA-BB-CC-00-11-22' }],
    range: { userid: ['alice'] },
    ...extra,
  };
}

/** A section on..off; with `window`, a full punch window (1 h either side), else none. */
function section(on: number, off: number, window = false, extra: Record<string, unknown> = {}): object {
  return {
    work_sec: on,
    off_work_sec: off,
    ...(window && {
      earliest_work_sec: on - H,
      latest_work_sec: on + H,
      earliest_off_work_sec: off - H,
      latest_off_work_sec: off + H,
    }),
    ...extra,
  };
}

/** fixedGroup() whose first (only) checkindate entry is `day`. */
function fixedDay(day: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return fixedGroup({ checkindate: [{ workdays: [1, 2, 3, 4, 5], ...day }], ...extra });
}

/** A by-shift rule with these schedules. */
function byShift(schedulelist: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grouptype: 2,
    groupid: 8,
    groupname: 'Shifts',
    schedulelist,
    wifimac_infos: [{ wifiname: 'Office', wifimac: 'AA-BB-CC-00-11-22' }],
    ...extra,
  };
}

/** A free rule, Monday–Friday. */
function freeGroup(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grouptype: 3,
    groupid: 9,
    groupname: 'Free',
    checkindate: [{ workdays: [1, 2, 3, 4, 5] }],
    wifimac_infos: [{ wifiname: 'Office', wifimac: 'AA-BB-CC-00-11-22' }],
    ...extra,
  };
}

function loss(
  severity: Loss['severity'],
  field: string,
  message: string,
  sourceValue?: unknown,
  targetValue?: unknown,
): Loss {
  const entry: Record<string, unknown> = { field, severity, message };
  if (sourceValue !== undefined) entry.sourceValue = sourceValue;
  if (targetValue !== undefined) entry.targetValue = targetValue;
  return entry as unknown as Loss;
}

function firstShift(result: Translation<CanonicalRule>): CanonicalRule['shifts'][number] {
  return ok(result).shifts[0]!;
}

describe('wecomToCanonical edges: the helpers above read without a loss', () => {
  it('fixedGroup(), byShift() and freeGroup() report nothing', () => {
    expect(wecomToCanonical(fixedGroup()).losses).toEqual([]);
    expect(
      wecomToCanonical(byShift([{ schedule_id: 5, schedule_name: 'A', time_section: [section(MON_0900, 18 * H)] }]))
        .losses,
    ).toEqual([]);
    expect(wecomToCanonical(freeGroup()).losses).toEqual([]);
  });
});

describe('wecomToCanonical edges: refusals', () => {
  it('names at most 5 malformed fields, each with the schema message', () => {
    const result = wecomToCanonical({
      grouptype: 'x',
      groupid: 'y',
      groupname: 1,
      checkindate: 'z',
      spe_workdays: 'w',
      spe_offdays: 'v',
      sync_holidays: 'no',
    });
    expect(result.ok).toBe(false);
    expect(result.losses.map((entry) => [entry.severity, entry.field])).toEqual([
      ['blocking', 'group.grouptype'],
      ['blocking', 'group.groupid'],
      ['blocking', 'group.groupname'],
      ['blocking', 'group.checkindate'],
      ['blocking', 'group.spe_workdays'],
    ]);
    expect(result.losses[0]!.message).toMatch(
      /^The WeCom rule could not be read: field group\.grouptype is malformed \(.+\)\.$/,
    );
  });

  it('names a nested malformed field with its path', () => {
    const result = wecomToCanonical(fixedGroup({ checkindate: [{ workdays: [1], checkintime: [{ work_sec: 1 }] }] }));
    expect(result.losses.map((entry) => entry.field)).toEqual(['group.checkindate.0.checkintime.0.off_work_sec']);
  });

  it('refuses an unknown time zone before reading anything, malformed or not', () => {
    const timeZoneLoss = loss(
      'blocking',
      'timeZone',
      'The time zone "Mars/Olympus" is not a known IANA time zone, so dates cannot be read.',
    );
    expect(wecomToCanonical('x', { timeZone: 'Mars/Olympus' })).toEqual({ ok: false, losses: [timeZoneLoss] });
    expect(wecomToCanonical(fixedGroup(), { timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      losses: [timeZoneLoss],
    });
    const parsed = wecomCheckinGroupReadSchema.parse(fixedGroup());
    expect(wecomReadToCanonical(parsed, { timeZone: 'Mars/Olympus' })).toEqual({ ok: false, losses: [timeZoneLoss] });
  });

  it('refuses an unknown rule type, with its number', () => {
    for (const grouptype of [0, 4]) {
      expect(wecomToCanonical(fixedGroup({ grouptype }))).toEqual({
        ok: false,
        losses: [
          loss(
            'blocking',
            'group.grouptype',
            `Rule type ${grouptype} is unknown: WeCom rules are 1 (fixed), 2 (by shift) or 3 (free).`,
            grouptype,
          ),
        ],
      });
    }
  });

  it('refuses a fixed rule with no working times with exactly one loss, in words', () => {
    expect(wecomToCanonical(fixedGroup({ checkindate: [] }))).toEqual({
      ok: false,
      losses: [
        loss(
          'blocking',
          'group.checkindate.checkintime',
          'This fixed-time rule stores no working times (checkindate[].checkintime, which WeCom requires for fixed-time rules), so it cannot be translated.',
        ),
      ],
    });
  });

  it('takes the time zone given, and Asia/Shanghai without one', () => {
    expect(ok(wecomToCanonical(fixedGroup(), { timeZone: 'UTC' })).timeZone).toBe('UTC');
    expect(ok(wecomToCanonical(fixedGroup(), {})).timeZone).toBe('Asia/Shanghai');
    expect(ok(wecomReadToCanonical(wecomCheckinGroupReadSchema.parse(fixedGroup()))).timeZone).toBe('Asia/Shanghai');
  });
});

describe('wecomToCanonical edges: the week of a fixed rule', () => {
  it('says a fixed rule ignores its schedulelist, and a by-shift rule its checkindate', () => {
    expect(wecomToCanonical(fixedGroup({ schedulelist: [{ schedule_id: 1, schedule_name: 'A' }] })).losses).toEqual([
      loss(
        'info',
        'group.schedulelist',
        'The rule is a fixed-time rule; its list of shifts (schedulelist) is not used by WeCom for it and was ignored.',
      ),
    ]);
    expect(wecomToCanonical(fixedGroup({ schedulelist: [] })).losses).toEqual([]);
    const shifts = [{ schedule_id: 5, schedule_name: 'A', time_section: [section(MON_0900, 18 * H)] }];
    expect(wecomToCanonical(byShift(shifts, { checkindate: [{ workdays: [1] }] })).losses).toEqual([
      loss(
        'info',
        'group.checkindate',
        'The rule works by shifts; its weekly times (checkindate) have no meaning for it in WeCom and were ignored.',
      ),
    ]);
    expect(wecomToCanonical(byShift(shifts, { checkindate: [] })).losses).toEqual([]);
  });

  it('drops a day layout without weekdays, and weekdays outside 0–6, with the weekday', () => {
    const result = wecomToCanonical(
      fixedGroup({
        checkindate: [
          { workdays: [], checkintime: [section(MON_0900, 18 * H, true)] },
          { workdays: [7, 1, -1], checkintime: [section(10 * H, 19 * H, true)] },
        ],
      }),
    );
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.checkindate[0].workdays',
        'A working-day layout has times but no weekdays (workdays), so it applies to no day of the week.',
      ),
      loss(
        'dropped',
        'group.checkindate[1].workdays',
        'Weekday 7 is not a WeCom weekday (0 = Sunday … 6 = Saturday); it was left out.',
        7,
      ),
      loss(
        'dropped',
        'group.checkindate[1].workdays',
        'Weekday -1 is not a WeCom weekday (0 = Sunday … 6 = Saturday); it was left out.',
        -1,
      ),
    ]);
    const rule = ok(result);
    const ten = rule.shifts.find((shift) => shift.sections[0]!.onSec === 10 * H)!;
    expect(rule.week).toEqual({ 1: ten.key, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null });
  });

  it('keeps the first layout of a weekday listed twice, even when that layout is a rest day', () => {
    const result = wecomToCanonical(
      fixedGroup({
        checkindate: [
          { workdays: [1], checkintime: [section(18 * H, MON_0900)] },
          { workdays: [1, 2, 2], checkintime: [section(MON_0900, 18 * H, true)] },
        ],
      }),
    );
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.checkindate[0].checkintime[0]',
        'The time section 18:00–09:00 ends before it starts and was left out.',
      ),
      loss(
        'dropped',
        'group.checkindate[0].checkintime',
        'A working-day layout has no clock-in/clock-out times, so its weekdays are treated as rest days.',
      ),
      loss(
        'dropped',
        'group.checkindate[1].workdays',
        'Weekday 1 appears in two day layouts; only the first one was kept (WeCom allows each weekday once).',
        1,
      ),
      loss(
        'dropped',
        'group.checkindate[1].workdays',
        'Weekday 2 appears in two day layouts; only the first one was kept (WeCom allows each weekday once).',
        2,
      ),
    ]);
    const rule = ok(result);
    expect(rule.shifts).toHaveLength(1);
    expect(rule.week).toEqual({ 1: null, 2: rule.shifts[0]!.key, 3: null, 4: null, 5: null, 6: null, 7: null });
  });

  it('reads a rule whose only times are unusable as all rest days, not as a refusal', () => {
    const result = wecomToCanonical(fixedDay({ checkintime: [section(MON_0900, MON_0900)] }));
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.checkindate[0].checkintime[0]',
        'The time section 09:00–09:00 ends before it starts and was left out.',
      ),
      loss(
        'dropped',
        'group.checkindate[0].checkintime',
        'A working-day layout has no clock-in/clock-out times, so its weekdays are treated as rest days.',
      ),
    ]);
    const rule = ok(result);
    expect(rule.shifts).toEqual([]);
    expect(rule.week).toEqual({ 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null });
  });

  it('gives two different layouts two shifts', () => {
    const rule = ok(
      wecomToCanonical(
        fixedGroup({
          checkindate: [
            { workdays: [1], checkintime: [section(MON_0900, 18 * H, true)] },
            { workdays: [2], checkintime: [section(10 * H, 19 * H, true)] },
          ],
        }),
      ),
    );
    expect(rule.shifts.map((shift) => shift.sections[0]!.onSec).sort()).toEqual([MON_0900, 10 * H]);
    expect(rule.week[1]).not.toBe(rule.week[2]);
  });
});

describe('wecomToCanonical edges: shifts of a by-shift rule', () => {
  it('leaves out a repeated id and a shift without usable times, naming each', () => {
    const result = wecomToCanonical(
      byShift([
        { schedule_id: 0, schedule_name: '休息', time_section: [section(MON_0900, 18 * H)] },
        { schedule_id: 5, schedule_name: 'A', time_section: [section(MON_0900, 18 * H)] },
        { schedule_id: 5, schedule_name: 'B', time_section: [section(10 * H, 19 * H)] },
        { schedule_id: 6, schedule_name: 'Empty', time_section: [] },
        { schedule_id: 7, schedule_name: 'Bad', time_section: [section(19 * H, 10 * H)] },
        { schedule_id: 8, schedule_name: 'None' },
      ]),
    );
    expect(result.losses).toEqual([
      loss('dropped', 'group.schedulelist[2].schedule_id', 'Shift id 5 appears twice; the second shift was left out.'),
      loss(
        'dropped',
        'group.schedulelist[3].time_section',
        'Shift "Empty" has no clock-in/clock-out times and was left out.',
      ),
      loss(
        'dropped',
        'group.schedulelist[4].time_section[0]',
        'The time section 19:00–10:00 ends before it starts and was left out.',
      ),
      loss(
        'dropped',
        'group.schedulelist[4].time_section',
        'Shift "Bad" has no clock-in/clock-out times and was left out.',
      ),
      loss(
        'dropped',
        'group.schedulelist[5].time_section',
        'Shift "None" has no clock-in/clock-out times and was left out.',
      ),
    ]);
    const rule = ok(result);
    // The rest schedule 0 is not a shift, even with times.
    expect(rule.shifts.map((shift) => [shift.key, shift.name, shift.sections[0]!.onSec])).toEqual([
      ['5', 'A', MON_0900],
    ]);
    expect(rule.week).toEqual({});
    expect(rule.free).toBeNull();
    expect(rule.restDayPunch).toBeNull();
  });

  it('reads no legacy flex_time on a schedule: flex_on_duty_time -1 there is no grace', () => {
    const shift = firstShift(
      wecomToCanonical(
        byShift([
          {
            schedule_id: 5,
            schedule_name: 'A',
            flex_on_duty_time: -1,
            flex_off_duty_time: -1,
            flex_time: 300_000,
            time_section: [section(MON_0900, 18 * H)],
          },
        ]),
      ),
    );
    expect(shift.sections[0]).toMatchObject({ lateGraceSec: 0, earlyLeaveGraceSec: 0 });
  });
});

describe('wecomToCanonical edges: flexible time', () => {
  const switchedOff = loss(
    'info',
    'group.checkindate[0].allow_flex',
    'Flexible time values are stored but flexible time is switched off (allow_flex false), so they were ignored.',
  );

  it.each<[string, Record<string, unknown>]>([
    ['a late grace', { flex_on_duty_time: 600 }],
    ['an early-leave grace', { flex_off_duty_time: 600 }],
    ['an early arrival', { max_allow_arrive_early: 1800 }],
    ['a late arrival', { max_allow_arrive_late: 1800 }],
  ])('ignores %s stored with allow_flex false, and says so', (_name, values) => {
    const result = wecomToCanonical(
      fixedDay({ allow_flex: false, checkintime: [section(MON_0900, 18 * H, true)], ...values }),
    );
    expect(result.losses).toEqual([switchedOff]);
    const shift = firstShift(result);
    expect(shift.flexibleArrival).toBeNull();
    expect(shift.sections[0]).toMatchObject({ lateGraceSec: 0, earlyLeaveGraceSec: 0 });
  });

  it('says nothing about allow_flex false when every flex value is 0', () => {
    const result = wecomToCanonical(
      fixedDay({
        allow_flex: false,
        flex_on_duty_time: 0,
        flex_off_duty_time: 0,
        max_allow_arrive_early: 0,
        max_allow_arrive_late: 0,
        checkintime: [section(MON_0900, 18 * H, true)],
      }),
    );
    expect(result.losses).toEqual([]);
  });

  it('reads one arrival bound alone, the other as 0; a negative bound as not set', () => {
    const arrival = (values: Record<string, unknown>) =>
      firstShift(
        wecomToCanonical(fixedDay({ allow_flex: true, checkintime: [section(MON_0900, 18 * H, true)], ...values })),
      ).flexibleArrival;
    expect(arrival({ max_allow_arrive_early: 1800 })).toEqual({ maxEarlySec: 1800, maxLateSec: 0 });
    expect(arrival({ max_allow_arrive_late: 3600 })).toEqual({ maxEarlySec: 0, maxLateSec: 3600 });
    expect(arrival({ max_allow_arrive_early: -1, max_allow_arrive_late: -1 })).toBeNull();
    expect(arrival({ max_allow_arrive_early: 1 })).toEqual({ maxEarlySec: 1, maxLateSec: 0 });
  });

  it('drops a negative grace other than -1, naming the field and the value', () => {
    const result = wecomToCanonical(
      fixedDay({
        allow_flex: true,
        flex_on_duty_time: -2,
        flex_off_duty_time: -300,
        checkintime: [section(MON_0900, 18 * H, true)],
      }),
    );
    expect(result.losses).toEqual([
      loss('dropped', 'group.checkindate[0].flex_on_duty_time', 'The grace time -2 is negative and was ignored.', -2),
      loss(
        'dropped',
        'group.checkindate[0].flex_off_duty_time',
        'The grace time -300 is negative and was ignored.',
        -300,
      ),
    ]);
    expect(firstShift(result).sections[0]).toMatchObject({ lateGraceSec: 0, earlyLeaveGraceSec: 0 });
  });

  it('reads -1 without a legacy flex_time as no grace, and -1 with flex_time on both sides', () => {
    const grace = (values: Record<string, unknown>) =>
      firstShift(
        wecomToCanonical(fixedDay({ allow_flex: true, checkintime: [section(MON_0900, 18 * H, true)], ...values })),
      ).sections[0];
    expect(grace({ flex_on_duty_time: -1, flex_off_duty_time: -1 })).toMatchObject({
      lateGraceSec: 0,
      earlyLeaveGraceSec: 0,
    });
    expect(grace({ flex_on_duty_time: -1, flex_off_duty_time: -1, flex_time: 600_000 })).toMatchObject({
      lateGraceSec: 600,
      earlyLeaveGraceSec: 600,
    });
    // flex_time is only read through -1: a positive grace stays what it says.
    expect(grace({ flex_on_duty_time: 300, flex_time: 600_000 })).toMatchObject({ lateGraceSec: 300 });
  });

  it('tells the unit it guessed, in words, with the value read', () => {
    const result = wecomToCanonical(
      fixedDay({
        allow_flex: true,
        flex_on_duty_time: 600_000,
        max_allow_arrive_late: 25_001,
        checkintime: [section(MON_0900, 18 * H, true)],
      }),
    );
    expect(result.losses).toEqual([
      loss(
        'info',
        'group.checkindate[0].flex_on_duty_time',
        "The value 600000 is above WeCom's 6 h maximum in seconds and a whole number of milliseconds, so it was read as milliseconds: 10 min.",
        600_000,
        600,
      ),
      loss(
        'info',
        'group.checkindate[0].max_allow_arrive_late',
        "The value 25001 is above WeCom's 6 h maximum and not a whole number of milliseconds; it was read as seconds (25001 s).",
        25_001,
      ),
    ]);
    expect(firstShift(result).flexibleArrival).toEqual({ maxEarlySec: 0, maxLateSec: 25_001 });
  });
});

describe('wecomToCanonical edges: leave late, arrive late next day (late_rule)', () => {
  const day = (lateRule: Record<string, unknown>, flex: Record<string, unknown> = { allow_flex: true }) =>
    wecomToCanonical(fixedDay({ ...flex, late_rule: lateRule, checkintime: [section(MON_0900, 18 * H, true)] }));

  it('reads the single pair on late_rule itself when there are no timerules', () => {
    const result = day({
      allow_offwork_after_time: true,
      offwork_after_time: 3600,
      onwork_flex_time: 1800,
      timerules: [],
    });
    expect(firstShift(result).lateOffLateOn).toEqual([{ offLateSec: 3600, onLateSec: 1800 }]);
    expect(result.losses).toEqual([]);
  });

  it('reads a pair missing one value as 0, said on late_rule (or on its step)', () => {
    const noOn = day({ allow_offwork_after_time: true, offwork_after_time: 3600 });
    expect(firstShift(noOn).lateOffLateOn).toEqual([{ offLateSec: 3600, onLateSec: 0 }]);
    expect(noOn.losses).toEqual([
      loss(
        'info',
        'group.checkindate[0].late_rule',
        'A "leave late, arrive late next day" step stores no onwork_flex_time; it was read as 0.',
      ),
    ]);
    const noOff = day({ allow_offwork_after_time: true, timerules: [{ onwork_flex_time: 1800 }] });
    expect(firstShift(noOff).lateOffLateOn).toEqual([{ offLateSec: 0, onLateSec: 1800 }]);
    expect(noOff.losses).toEqual([
      loss(
        'info',
        'group.checkindate[0].late_rule.timerules[0]',
        'A "leave late, arrive late next day" step stores no offwork_after_time; it was read as 0.',
      ),
    ]);
  });

  it('reads a negative value as 0 and leaves out a step that grants nothing, with nothing to say', () => {
    const result = day({
      allow_offwork_after_time: true,
      timerules: [
        { offwork_after_time: -60, onwork_flex_time: 1800 },
        { offwork_after_time: 0, onwork_flex_time: 0 },
        { offwork_after_time: -1, onwork_flex_time: -1 },
      ],
    });
    expect(firstShift(result).lateOffLateOn).toEqual([{ offLateSec: 0, onLateSec: 1800 }]);
    expect(result.losses).toEqual([]);
    // Steps that grant nothing are not "steps switched off", whatever the switches say.
    const nothing = day(
      { allow_offwork_after_time: false, timerules: [{ offwork_after_time: 0, onwork_flex_time: 0 }] },
      { allow_flex: false },
    );
    expect(firstShift(nothing).lateOffLateOn).toEqual([]);
    expect(nothing.losses).toEqual([]);
  });

  it('ignores steps with the option off, or with flexible time off, saying which', () => {
    const steps = [{ offwork_after_time: 3600, onwork_flex_time: 1800 }];
    const optionOff = day({ allow_offwork_after_time: false, timerules: steps });
    expect(firstShift(optionOff).lateOffLateOn).toEqual([]);
    expect(optionOff.losses).toEqual([
      loss(
        'info',
        'group.checkindate[0].late_rule',
        '"Leave late, arrive late next day" steps are stored but the option is switched off (allow_offwork_after_time false), so they were ignored.',
      ),
    ]);
    const flexOff = day({ allow_offwork_after_time: true, timerules: steps }, { allow_flex: false });
    expect(firstShift(flexOff).lateOffLateOn).toEqual([]);
    expect(flexOff.losses).toEqual([
      loss(
        'info',
        'group.checkindate[0].late_rule',
        '"Leave late, arrive late next day" needs flexible time, which is switched off (allow_flex false); the steps were ignored.',
      ),
    ]);
  });

  it('orders steps of equal leave-late time by their arrive-late time', () => {
    const result = day({
      allow_offwork_after_time: true,
      timerules: [
        { offwork_after_time: 3600, onwork_flex_time: 1800 },
        { offwork_after_time: 3600, onwork_flex_time: 600 },
      ],
    });
    expect(firstShift(result).lateOffLateOn).toEqual([
      { offLateSec: 3600, onLateSec: 600 },
      { offLateSec: 3600, onLateSec: 1800 },
    ]);
  });
});

describe('wecomToCanonical edges: time sections', () => {
  it('orders sections by start and keeps the first 4 of 5, saying how many there were', () => {
    const result = wecomToCanonical(
      fixedDay({
        checkintime: [
          section(16 * H, 17 * H),
          section(8 * H, 9 * H),
          section(10 * H, 11 * H),
          section(12 * H, 13 * H),
          section(14 * H, 15 * H),
        ],
      }),
    );
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.checkindate[0].checkintime',
        'A day has 5 time sections; only the first 4 were kept (at most 4 are allowed).',
      ),
    ]);
    expect(firstShift(result).sections.map((kept) => kept.onSec)).toEqual([8 * H, 10 * H, 12 * H, 14 * H]);
  });

  it('keeps 4 sections without a loss', () => {
    const result = wecomToCanonical(
      fixedDay({
        checkintime: [section(14 * H, 15 * H), section(8 * H, 9 * H), section(10 * H, 11 * H), section(12 * H, 13 * H)],
      }),
    );
    expect(result.losses).toEqual([]);
    expect(firstShift(result).sections.map((kept) => kept.onSec)).toEqual([8 * H, 10 * H, 12 * H, 14 * H]);
  });

  it('reads a break only when switched on and in order; a stored break switched off is told with its times', () => {
    const rest = (time: Record<string, unknown>) => {
      const result = wecomToCanonical(fixedDay({ checkintime: [section(MON_0900, 18 * H, true, time)] }));
      return { rest: firstShift(result).sections[0]!.rest, losses: result.losses };
    };
    expect(rest({ allow_rest: true, rest_begin_time: 12 * H, rest_end_time: 13 * H })).toEqual({
      rest: { beginSec: 12 * H, endSec: 13 * H },
      losses: [],
    });
    expect(rest({ allow_rest: true, rest_begin_time: 13 * H, rest_end_time: 13 * H })).toEqual({
      rest: null,
      losses: [],
    });
    expect(rest({ allow_rest: true, rest_begin_time: 12 * H })).toEqual({ rest: null, losses: [] });
    expect(rest({ allow_rest: true, rest_end_time: 13 * H })).toEqual({ rest: null, losses: [] });
    expect(rest({ allow_rest: false, rest_begin_time: 12 * H })).toEqual({ rest: null, losses: [] });
    expect(rest({ rest_end_time: 13 * H })).toEqual({ rest: null, losses: [] });
    const told = loss(
      'info',
      'group.checkindate[0].checkintime[0].allow_rest',
      'A break 12:00–13:30 is stored but switched off (allow_rest false), so it was ignored.',
    );
    expect(rest({ allow_rest: false, rest_begin_time: 12 * H, rest_end_time: 13.5 * H })).toEqual({
      rest: null,
      losses: [told],
    });
    expect(rest({ rest_begin_time: 12 * H, rest_end_time: 13.5 * H })).toEqual({ rest: null, losses: [told] });
  });

  it('reads no_need_checkoff before the legacy whole-day noneed_offwork, and either alone', () => {
    const noPunchOff = (day: Record<string, unknown>, time: Record<string, unknown>) =>
      firstShift(wecomToCanonical(fixedDay({ ...day, checkintime: [section(MON_0900, 18 * H, true, time)] })))
        .sections[0]!.noPunchOff;
    expect(noPunchOff({ noneed_offwork: true }, { no_need_checkoff: false })).toBe(false);
    expect(noPunchOff({ noneed_offwork: false }, { no_need_checkoff: true })).toBe(true);
    expect(noPunchOff({ noneed_offwork: true }, {})).toBe(true);
    expect(noPunchOff({ noneed_offwork: false }, {})).toBe(false);
    expect(noPunchOff({}, { no_need_checkoff: true })).toBe(true);
    expect(noPunchOff({}, {})).toBe(false);
  });

  it('reads no_need_checkon as stored', () => {
    const noPunchOn = (time: Record<string, unknown>) =>
      firstShift(wecomToCanonical(fixedDay({ checkintime: [section(MON_0900, 18 * H, true, time)] }))).sections[0]!
        .noPunchOn;
    expect(noPunchOn({ no_need_checkon: true })).toBe(true);
    expect(noPunchOn({ no_need_checkon: false })).toBe(false);
  });
});

describe('wecomToCanonical edges: punch windows and the legacy limits', () => {
  const schedule = (extra: Record<string, unknown>, times: unknown[]) =>
    wecomToCanonical(byShift([{ schedule_id: 5, schedule_name: 'A', time_section: times, ...extra }]));

  it('drops a newer window stored only in part when no legacy limit applies', () => {
    const result = wecomToCanonical(
      fixedDay({ checkintime: [section(MON_0900, 18 * H, false, { earliest_work_sec: 8 * H })] }),
    );
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.checkindate[0].checkintime[0]',
        'Only part of the punch window is stored; the vendor default window is used instead.',
      ),
    ]);
    expect(firstShift(result).sections[0]!.punchWindow).toBeNull();
  });

  it('carries both legacy limits of a schedule, defaulting the middle bounds, in words', () => {
    const result = schedule({ limit_aheadtime: 3_600_000, limit_offtime: 7200 }, [section(MON_0900, 18 * H)]);
    const window = { earliestOnSec: 8 * H, latestOnSec: 13.5 * H, earliestOffSec: 13.5 * H, latestOffSec: 20 * H };
    expect(result.losses).toEqual([
      loss(
        'approximated',
        'group.schedulelist[0].time_section[0]',
        "The old-style punch limit (clock-in from 1 h before work, from 08:00; clock-out until 2 h after work, until 20:00) was carried as the punch window of 09:00–18:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 13:30, clock-out from 13:30.",
        { limitAheadSec: 3600, limitOffSec: 7200 },
        window,
      ),
    ]);
    expect(firstShift(result).sections[0]!.punchWindow).toEqual(window);
  });

  it('says nothing when a full newer window agrees with the legacy limits', () => {
    const window = {
      earliest_work_sec: 8 * H,
      latest_work_sec: 10 * H,
      earliest_off_work_sec: 17 * H,
      latest_off_work_sec: 20 * H,
    };
    const result = schedule({ limit_aheadtime: 3_600_000, limit_offtime: 7200 }, [
      section(MON_0900, 18 * H, false, window),
    ]);
    expect(result.losses).toEqual([]);
    expect(firstShift(result).sections[0]!.punchWindow).toEqual({
      earliestOnSec: 8 * H,
      latestOnSec: 10 * H,
      earliestOffSec: 17 * H,
      latestOffSec: 20 * H,
    });
  });

  it('uses a full newer window that disagrees with the legacy limits, and says which limits it overrides', () => {
    const window = {
      earliest_work_sec: 8.5 * H,
      latest_work_sec: 10 * H,
      earliest_off_work_sec: 17 * H,
      latest_off_work_sec: 19 * H,
    };
    const result = schedule({ limit_aheadtime: 3_600_000, limit_offtime: 7200 }, [
      section(MON_0900, 18 * H, false, window),
    ]);
    expect(result.losses).toEqual([
      loss(
        'info',
        'group.schedulelist[0].time_section[0]',
        'The old-style punch limit (clock-in from 1 h before work (limit_aheadtime), clock-out until 2 h after work (limit_offtime)) of 09:00–18:00 is overridden by the newer punch window stored next to it, which was used.',
      ),
    ]);
    expect(firstShift(result).sections[0]!.punchWindow).toEqual({
      earliestOnSec: 8.5 * H,
      latestOnSec: 10 * H,
      earliestOffSec: 17 * H,
      latestOffSec: 19 * H,
    });
  });

  it('carries a legacy limit next to the other three stored bounds', () => {
    const stored = { latest_work_sec: 10 * H, earliest_off_work_sec: 17 * H, latest_off_work_sec: 19 * H };
    const result = wecomToCanonical(
      fixedDay({ limit_aheadtime: 3_600_000, checkintime: [section(MON_0900, 18 * H, false, stored)] }),
    );
    const window = { earliestOnSec: 8 * H, latestOnSec: 10 * H, earliestOffSec: 17 * H, latestOffSec: 19 * H };
    expect(result.losses).toEqual([
      loss(
        'approximated',
        'group.checkindate[0].checkintime[0]',
        'The old-style punch limit (clock-in from 1 h before work, from 08:00) was carried as the punch window of 09:00–18:00. The other bounds are the ones stored.',
        { limitAheadSec: 3600 },
        window,
      ),
    ]);
    expect(firstShift(result).sections[0]!.punchWindow).toEqual(window);
  });

  it('defaults the bounds a partial newer window leaves out when a legacy limit agrees with it', () => {
    const result = wecomToCanonical(
      fixedDay({
        limit_aheadtime: 3_600_000,
        checkintime: [section(MON_0900, 18 * H, false, { earliest_work_sec: 8 * H })],
      }),
    );
    const window = { earliestOnSec: 8 * H, latestOnSec: 13.5 * H, earliestOffSec: 13.5 * H, latestOffSec: 19 * H };
    expect(result.losses).toEqual([
      loss(
        'approximated',
        'group.checkindate[0].checkintime[0]',
        "The punch window of 09:00–18:00 is stored only in part. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 13:30, clock-out from 13:30, clock-out until 19:00.",
        { limitAheadSec: 3600 },
        window,
      ),
    ]);
    expect(firstShift(result).sections[0]!.punchWindow).toEqual(window);
  });

  it('keeps an early clock-in from before 00:00 at 00:00, and a short section’s middle on the minute', () => {
    const early = wecomToCanonical(fixedDay({ limit_aheadtime: 14_400_000, checkintime: [section(1 * H, 5 * H)] }));
    const earlyWindow = { earliestOnSec: 0, latestOnSec: 3 * H, earliestOffSec: 3 * H, latestOffSec: 6 * H };
    expect(early.losses).toEqual([
      loss(
        'approximated',
        'group.checkindate[0].checkintime[0]',
        "The old-style punch limit (clock-in from 4 h before work, from 00:00) was carried as the punch window of 01:00–05:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 03:00, clock-out from 03:00, clock-out until 06:00.",
        { limitAheadSec: 14_400 },
        earlyWindow,
      ),
    ]);
    // 09:00–09:03: the middle is cut to the minute below (09:01), as the writer does.
    const short = wecomToCanonical(
      fixedDay({ limit_aheadtime: 3_600_000, checkintime: [section(MON_0900, MON_0900 + 180)] }),
    );
    const shortWindow = {
      earliestOnSec: 8 * H,
      latestOnSec: MON_0900 + 60,
      earliestOffSec: MON_0900 + 60,
      latestOffSec: 10 * H + 180,
    };
    expect(short.losses).toEqual([
      loss(
        'approximated',
        'group.checkindate[0].checkintime[0]',
        "The old-style punch limit (clock-in from 1 h before work, from 08:00) was carried as the punch window of 09:00–09:03. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 09:01, clock-out from 09:01, clock-out until 10:03.",
        { limitAheadSec: 3600 },
        shortWindow,
      ),
    ]);
  });

  it('reads a limit below one second as not set, and one of a second as a second', () => {
    const below = wecomToCanonical(fixedDay({ limit_aheadtime: 400, checkintime: [section(MON_0900, 18 * H)] }));
    expect(below.losses).toEqual([]);
    expect(firstShift(below).sections[0]!.punchWindow).toBeNull();
    const negative = wecomToCanonical(
      fixedDay({ limit_aheadtime: -3_600_000, checkintime: [section(MON_0900, 18 * H)] }),
    );
    expect(negative.losses).toEqual([]);
    const second = wecomToCanonical(fixedDay({ limit_aheadtime: 600, checkintime: [section(MON_0900, 18 * H)] }));
    const window = {
      earliestOnSec: MON_0900 - 1,
      latestOnSec: 13.5 * H,
      earliestOffSec: 13.5 * H,
      latestOffSec: 19 * H,
    };
    expect(second.losses).toEqual([
      loss(
        'approximated',
        'group.checkindate[0].checkintime[0]',
        "The old-style punch limit (clock-in from 1 s before work, from 08:59:59) was carried as the punch window of 09:00–18:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 13:30, clock-out from 13:30, clock-out until 19:00.",
        { limitAheadSec: 1 },
        window,
      ),
    ]);
    // limit_offtime is seconds already; 0 and negative are not set.
    for (const limit_offtime of [0, -60]) {
      const off = schedule({ limit_offtime }, [section(MON_0900, 18 * H)]);
      expect(off.losses).toEqual([]);
      expect(firstShift(off).sections[0]!.punchWindow).toBeNull();
    }
    const oneSecond = schedule({ limit_offtime: 1 }, [section(MON_0900, 18 * H)]);
    expect(firstShift(oneSecond).sections[0]!.punchWindow).toEqual({
      earliestOnSec: 8 * H,
      latestOnSec: 13.5 * H,
      earliestOffSec: 13.5 * H,
      latestOffSec: 18 * H + 1,
    });
  });

  it('gives the first section the clock-in limit and the last the clock-out limit, splitting the gap between them', () => {
    // Listed out of time order: the 09:00 section is time_section[1].
    const result = schedule({ limit_aheadtime: 3_600_000, limit_offtime: 3600 }, [
      section(13 * H, 18 * H),
      section(MON_0900, 12 * H),
    ]);
    const first = {
      earliestOnSec: 8 * H,
      latestOnSec: 10.5 * H,
      earliestOffSec: 10.5 * H,
      latestOffSec: 12 * H + 29 * 60,
    };
    const second = { earliestOnSec: 12.5 * H, latestOnSec: 15.5 * H, earliestOffSec: 15.5 * H, latestOffSec: 19 * H };
    expect(result.losses).toEqual([
      loss(
        'approximated',
        'group.schedulelist[0].time_section[1]',
        "The old-style punch limit (clock-in from 1 h before work, from 08:00) was carried as the punch window of 09:00–12:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 10:30, clock-out from 10:30, clock-out until 12:29.",
        { limitAheadSec: 3600 },
        first,
      ),
      loss(
        'approximated',
        'group.schedulelist[0].time_section[0]',
        "The old-style punch limit (clock-out until 1 h after work, until 19:00) was carried as the punch window of 13:00–18:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in from 12:30, clock-in until 15:30, clock-out from 15:30.",
        { limitOffSec: 3600 },
        second,
      ),
    ]);
    expect(firstShift(result).sections.map((kept) => kept.punchWindow)).toEqual([first, second]);
  });

  it('keeps the default hour either side when the sections are far apart', () => {
    const result = schedule({ limit_aheadtime: 3_600_000, limit_offtime: 3600 }, [
      section(MON_0900, 10 * H),
      section(14 * H, 15 * H),
    ]);
    expect(firstShift(result).sections.map((kept) => kept.punchWindow)).toEqual([
      { earliestOnSec: 8 * H, latestOnSec: 9.5 * H, earliestOffSec: 9.5 * H, latestOffSec: 11 * H },
      { earliestOnSec: 13 * H, latestOnSec: 14.5 * H, earliestOffSec: 14.5 * H, latestOffSec: 16 * H },
    ]);
    expect(result.losses.map((entry) => entry.message)).toEqual([
      "The old-style punch limit (clock-in from 1 h before work, from 08:00) was carried as the punch window of 09:00–10:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in until 09:30, clock-out from 09:30, clock-out until 11:00.",
      "The old-style punch limit (clock-out until 1 h after work, until 16:00) was carried as the punch window of 14:00–15:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in from 13:00, clock-in until 14:30, clock-out from 14:30.",
    ]);
  });
});
