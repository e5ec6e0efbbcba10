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

  it('reports only the refusal of a fixed rule without working times, not what it would have read next', () => {
    const result = wecomToCanonical(
      fixedGroup({ checkindate: [{ workdays: [1] }], range: { tagid: [3] }, option_out_range: 9, type: 2 }),
    );
    expect(result.ok).toBe(false);
    expect(result.losses.map((entry) => `${entry.severity} ${entry.field}`)).toEqual([
      'blocking group.checkindate.checkintime',
    ]);
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

  it('reports a layout with neither times nor weekdays once, as missing times (not as times without weekdays)', () => {
    const result = wecomToCanonical(
      fixedGroup({
        checkindate: [
          { workdays: [1, 2, 3, 4, 5], checkintime: [section(MON_0900, 18 * H, true)] },
          { workdays: [], checkintime: [] },
        ],
      }),
    );
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.checkindate[1].checkintime',
        'A working-day layout has no clock-in/clock-out times, so its weekdays are treated as rest days.',
      ),
    ]);
    expect(ok(result).shifts).toHaveLength(1);
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

  it('reads a by-shift rule without a schedulelist as one without shifts or reminders', () => {
    const result = wecomToCanonical(byShift([], { schedulelist: undefined }));
    expect(result.losses).toEqual([]);
    expect(ok(result)).toMatchObject({ kind: 'shift_based', shifts: [], week: {}, punchReminder: null });
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

  it('reads a late rule that stores no pair at all as no steps, with nothing to say', () => {
    for (const lateRule of [{ allow_offwork_after_time: true }, { allow_offwork_after_time: true, timerules: [{}] }]) {
      const result = day(lateRule);
      expect(firstShift(result).lateOffLateOn).toEqual([]);
      expect(result.losses).toEqual([]);
    }
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

  it('starts the default clock-in window at 00:00 for a section starting before 01:00', () => {
    const result = schedule({ limit_offtime: 3600 }, [section(1800, 2 * H)]);
    const window = { earliestOnSec: 0, latestOnSec: 4500, earliestOffSec: 4500, latestOffSec: 3 * H };
    expect(result.losses).toEqual([
      loss(
        'approximated',
        'group.schedulelist[0].time_section[0]',
        "The old-style punch limit (clock-out until 1 h after work, until 03:00) was carried as the punch window of 00:30–02:00. WeCom stores no other bounds for it, so the gateway's defaults were used: clock-in from 00:00, clock-in until 01:15, clock-out from 01:15.",
        { limitOffSec: 3600 },
        window,
      ),
    ]);
  });

  it('splits the default hours of sections exactly 2 h apart, as the writer does (the windows would touch)', () => {
    // 10:00 → 12:00: the default windows would meet at 11:00, so the clock-out window ends a minute before.
    const result = wecomToCanonical(
      fixedDay({ limit_aheadtime: 3_600_000, checkintime: [section(MON_0900, 10 * H), section(12 * H, 13 * H)] }),
    );
    expect(firstShift(result).sections.map((kept) => kept.punchWindow)).toEqual([
      { earliestOnSec: 8 * H, latestOnSec: 9.5 * H, earliestOffSec: 9.5 * H, latestOffSec: 10 * H + 59 * 60 },
      null,
    ]);
  });

  it('keeps the full default hour after work when the next section starts just over 2 h later', () => {
    // 10:00 → 12:00:30: the default windows (until 11:00, from 11:00:30) do not touch, so nothing is split.
    const result = wecomToCanonical(
      fixedDay({ limit_aheadtime: 3_600_000, checkintime: [section(MON_0900, 10 * H), section(12 * H + 30, 13 * H)] }),
    );
    expect(firstShift(result).sections.map((kept) => kept.punchWindow)).toEqual([
      { earliestOnSec: 8 * H, latestOnSec: 9.5 * H, earliestOffSec: 9.5 * H, latestOffSec: 11 * H },
      null,
    ]);
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

describe('wecomToCanonical edges: free rules', () => {
  it('leaves out a weekday outside 0–6 with its number, and merges weekdays listed twice', () => {
    const result = wecomToCanonical(freeGroup({ checkindate: [{ workdays: [2, 1, 9] }, { workdays: [2, 0] }] }));
    expect(result.losses).toEqual([
      loss('dropped', 'group.checkindate[0].workdays', 'Weekday 9 is not a WeCom weekday and was left out.', 9),
    ]);
    expect(ok(result).free?.workdays).toEqual([1, 2, 7]);
    expect(ok(result).week).toEqual({});
    expect(ok(result).shifts).toEqual([]);
  });

  it('reads an entry without workdays as no working weekday', () => {
    const result = wecomToCanonical(freeGroup({ checkindate: [{}, { workdays: [3] }] }));
    expect(result.losses).toEqual([]);
    expect(ok(result).free?.workdays).toEqual([3]);
  });

  it('reads a required working time of 0 or below (but -1) as no requirement, and says so', () => {
    for (const duration of [0, -5]) {
      const result = wecomToCanonical(freeGroup({ standard_work_duration: duration }));
      expect(ok(result).free?.requiredWorkSec).toBeNull();
      expect(result.losses).toEqual([
        loss(
          'dropped',
          'group.standard_work_duration',
          `Required working time ${duration} s is not valid; treated as "no requirement".`,
          duration,
        ),
      ]);
    }
    const one = wecomToCanonical(freeGroup({ standard_work_duration: 1 }));
    expect(ok(one).free?.requiredWorkSec).toBe(1);
    expect(one.losses).toEqual([]);
  });

  it('reads a day start within the day as stored, and one outside it as midnight, saying so', () => {
    for (const span of [0, 86_399]) {
      const result = wecomToCanonical(freeGroup({ span_day_time: span }));
      expect(ok(result).free?.dayStartSec).toBe(span);
      expect(result.losses).toEqual([]);
    }
    for (const span of [86_400, -1]) {
      const result = wecomToCanonical(freeGroup({ span_day_time: span }));
      expect(ok(result).free?.dayStartSec).toBe(0);
      expect(result.losses).toEqual([
        loss('dropped', 'group.span_day_time', `The day start ${span} s is outside one day; midnight is used.`, span),
      ]);
    }
  });
});

describe('wecomToCanonical edges: members, places', () => {
  it('names the tags it cannot carry, and leaves out blank ids', () => {
    const result = wecomToCanonical(
      fixedGroup({
        range: { userid: ['bob', '', ' '], party_id: [2, '1', ''], tagid: [3, 4] },
        white_users: ['', 'carol'],
      }),
    );
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.range.tagid',
        'The rule also applies to WeCom tags (3, 4); tags have no equivalent on the other side, so their members are not included.',
        [3, 4],
      ),
    ]);
    expect(ok(result).members).toEqual({ userIds: ['bob'], departmentIds: ['1', '2'], excludedUserIds: ['carol'] });
    expect(ok(wecomToCanonical(fixedGroup({ range: undefined }))).members).toEqual({
      userIds: [],
      departmentIds: [],
      excludedUserIds: [],
    });
  });

  it('keeps coordinates at the poles and the date line, and a 1 m radius', () => {
    const result = wecomToCanonical(
      fixedGroup({
        loc_infos: [
          { lat: 90_000_000, lng: 180_000_000, loc_title: 'North', distance: 100 },
          { lat: -90_000_000, lng: -180_000_000, loc_title: 'South', loc_detail: 'Ice', distance: 1 },
        ],
      }),
    );
    expect(result.losses).toEqual([]);
    expect(ok(result).gpsLocations).toEqual([
      { name: 'South', address: 'Ice', latitude: -90, longitude: -180, radiusMeters: 1 },
      { name: 'North', address: '', latitude: 90, longitude: 180, radiusMeters: 100 },
    ]);
  });

  it('leaves out a location without both coordinates, beyond them, or without a positive radius, naming it', () => {
    const result = wecomToCanonical(
      fixedGroup({
        loc_infos: [
          { lat: 90_000_001, lng: 0, loc_title: 'Too north', distance: 100 },
          { lat: 0, lng: -180_000_001, loc_title: 'Too west', distance: 100 },
          { lat: 1, loc_title: 'No lng', distance: 100 },
          { lng: 1, loc_title: 'No lat', distance: 100 },
          { lat: 1, lng: 1, loc_title: 'Zero', distance: 0 },
          { lat: 1, lng: 1, loc_title: 'Negative', distance: -100 },
          { lat: 1, lng: 1, distance: 0 },
        ],
      }),
    );
    expect(ok(result).gpsLocations).toEqual([]);
    expect(result.losses).toEqual([
      loss('dropped', 'group.loc_infos[0]', 'Location "Too north" has impossible coordinates and was left out.'),
      loss('dropped', 'group.loc_infos[1]', 'Location "Too west" has impossible coordinates and was left out.'),
      loss('dropped', 'group.loc_infos[2]', 'Location "No lng" has no coordinates and was left out.'),
      loss('dropped', 'group.loc_infos[3]', 'Location "No lat" has no coordinates and was left out.'),
      loss('dropped', 'group.loc_infos[4].distance', 'Location "Zero" has no check-in radius and was left out.'),
      loss('dropped', 'group.loc_infos[5].distance', 'Location "Negative" has no check-in radius and was left out.'),
      loss('dropped', 'group.loc_infos[6].distance', 'Location "" has no check-in radius and was left out.'),
    ]);
  });

  it('reads a rule with locations only (no wifimac_infos)', () => {
    const result = wecomToCanonical(
      fixedGroup({ wifimac_infos: undefined, loc_infos: [{ lat: 1, lng: 2, loc_title: 'A', distance: 300 }] }),
    );
    expect(result.losses).toEqual([]);
    expect(ok(result).wifiLocations).toEqual([]);
    expect(ok(result).gpsLocations).toEqual([
      { name: 'A', address: '', latitude: 0.000001, longitude: 0.000002, radiusMeters: 300 },
    ]);
  });

  it('leaves out a Wi-Fi without a MAC or with an invalid one, and keeps one without a name, in words', () => {
    const result = wecomToCanonical(
      fixedGroup({
        wifimac_infos: [
          { wifiname: 'No MAC' },
          { wifiname: 'Bad', wifimac: 'not a mac' },
          { wifimac: 'AA-BB-CC-00-11-22' },
          { wifimac: 'zz' },
        ],
      }),
    );
    expect(result.losses).toEqual([
      loss('dropped', 'group.wifimac_infos[0].wifimac', 'Wi-Fi "No MAC" has no router MAC address and was left out.'),
      loss(
        'dropped',
        'group.wifimac_infos[1].wifimac',
        'Wi-Fi "Bad" has an invalid router MAC address "not a mac" and was left out.',
      ),
      loss('info', 'group.wifimac_infos[2].wifiname', 'The Wi-Fi aa:bb:cc:00:11:22 has no name; it is kept unnamed.'),
      loss(
        'dropped',
        'group.wifimac_infos[3].wifimac',
        'Wi-Fi "" has an invalid router MAC address "zz" and was left out.',
      ),
    ]);
    expect(ok(result).wifiLocations).toEqual([{ ssid: '', bssid: 'aa:bb:cc:00:11:22' }]);
  });
});

describe('wecomToCanonical edges: special days', () => {
  // 1767196800 = 2026-01-01 00:00 in China (Asia/Shanghai, the default zone).
  const NEW_YEAR = 1_767_196_800;
  const DAY = 86_400;
  const offdays = (entries: unknown[], extra: Record<string, unknown> = {}) =>
    wecomToCanonical(fixedGroup({ spe_offdays: entries, ...extra }));
  const dates = (result: Translation<CanonicalRule>) => ok(result).specialOffdays.map((day) => day.date);

  it('expands a type-2 entry every two weeks, both ends included', () => {
    expect(dates(offdays([{ type: 2, timestamp: NEW_YEAR, endtime: NEW_YEAR + 28 * DAY }]))).toEqual([
      '2026-01-01',
      '2026-01-15',
      '2026-01-29',
    ]);
    expect(dates(offdays([{ type: 2, timestamp: NEW_YEAR, endtime: NEW_YEAR + 27 * DAY }]))).toEqual([
      '2026-01-01',
      '2026-01-15',
    ]);
  });

  it('reads a one-day type-1 range and a type-0 day, a missing note as empty text', () => {
    const result = offdays([
      { type: 1, begtime: NEW_YEAR, endtime: NEW_YEAR, notes: 'One' },
      { type: 0, timestamp: NEW_YEAR + DAY, begtime: NEW_YEAR + 5 * DAY, endtime: NEW_YEAR + 9 * DAY },
    ]);
    expect(result.losses).toEqual([]);
    expect(ok(result).specialOffdays).toEqual([
      { date: '2026-01-01', note: 'One' },
      { date: '2026-01-02', note: '' },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a range ending before it starts', { type: 1, begtime: NEW_YEAR + DAY, endtime: NEW_YEAR }],
    ['a range without begtime', { type: 1, timestamp: NEW_YEAR, endtime: NEW_YEAR + DAY }],
    ['a range without endtime', { type: 1, begtime: NEW_YEAR }],
    ['a fortnightly entry without endtime', { type: 2, timestamp: NEW_YEAR }],
    ['a fortnightly entry without timestamp', { type: 2, begtime: NEW_YEAR, endtime: NEW_YEAR + 14 * DAY }],
    ['a one-day entry without timestamp', { begtime: NEW_YEAR, endtime: NEW_YEAR }],
    ['an unknown type', { type: 3, timestamp: NEW_YEAR, begtime: NEW_YEAR, endtime: NEW_YEAR + DAY }],
  ])('leaves out %s, in words', (_name, entry) => {
    const result = offdays([entry]);
    expect(dates(result)).toEqual([]);
    expect(result.losses).toEqual([
      loss('dropped', 'group.spe_offdays[0]', 'A special day has no usable date and was left out.'),
    ]);
  });

  it('leaves out an impossible date, with its timestamp', () => {
    const result = offdays([{ timestamp: 9_000_000_000_000 }]);
    expect(dates(result)).toEqual([]);
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.spe_offdays[0]',
        'A special day has an impossible date (9000000000000) and was left out.',
        9_000_000_000_000,
      ),
    ]);
  });

  it('keeps a date listed as a special workday and a special day off once, as the workday', () => {
    const result = offdays([{ timestamp: NEW_YEAR, notes: 'Off' }], {
      spe_workdays: [{ timestamp: NEW_YEAR, checkintime: [section(10 * H, 16 * H, true)] }],
    });
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.spe_offdays[0]',
        'The special day 2026-01-01 is listed twice; the second entry was left out.',
        '2026-01-01',
      ),
    ]);
    expect(ok(result).specialWorkdays).toEqual([
      {
        date: '2026-01-01',
        shiftKey: null,
        note: '',
        sections: [
          expect.objectContaining({
            onSec: 10 * H,
            offSec: 16 * H,
            punchWindow: { earliestOnSec: 9 * H, latestOnSec: 11 * H, earliestOffSec: 15 * H, latestOffSec: 17 * H },
          }),
        ],
      },
    ]);
    expect(dates(result)).toEqual([]);
  });

  it('leaves out a special workday without usable times, and reads its sections without the day’s legacy fields', () => {
    const result = wecomToCanonical(
      fixedDay(
        { noneed_offwork: true, limit_aheadtime: 3_600_000, checkintime: [section(MON_0900, 18 * H, true)] },
        {
          spe_workdays: [
            { timestamp: NEW_YEAR, notes: 'Empty' },
            { timestamp: NEW_YEAR + DAY, checkintime: [section(10 * H, 16 * H)] },
            {
              timestamp: NEW_YEAR + 2 * DAY,
              checkintime: [section(10 * H, 16 * H, false, { earliest_work_sec: 9 * H })],
            },
          ],
        },
      ),
    );
    expect(result.losses).toEqual([
      loss('dropped', 'group.spe_workdays[0]', 'A special working day has no working times and was left out.'),
      loss(
        'dropped',
        'group.spe_workdays[2].checkintime[0]',
        'Only part of the punch window is stored; the vendor default window is used instead.',
      ),
    ]);
    const [second] = ok(result).specialWorkdays;
    expect(second).toEqual({
      date: '2026-01-02',
      shiftKey: null,
      note: '',
      sections: [
        {
          onSec: 10 * H,
          offSec: 16 * H,
          punchWindow: null,
          noPunchOn: false,
          noPunchOff: false,
          lateGraceSec: 0,
          earlyLeaveGraceSec: 0,
          seriousLateSec: null,
          rest: null,
        },
      ],
    });
  });

  it('keeps at most 366 special days and names the first one left out', () => {
    const result = offdays([{ type: 1, begtime: NEW_YEAR, endtime: NEW_YEAR + 399 * DAY, notes: 'Long' }]);
    const kept = dates(result);
    expect(kept).toHaveLength(366);
    expect(kept[0]).toBe('2026-01-01');
    expect(kept[365]).toBe('2027-01-01');
    expect(result.losses).toEqual([
      loss('dropped', 'group.spe_offdays[0]', 'More than 366 special days; 2027-01-02 was left out.', '2027-01-02'),
    ]);
  });

  it('counts special workdays and days off together towards the 366', () => {
    const result = offdays([{ type: 1, begtime: NEW_YEAR, endtime: NEW_YEAR + 399 * DAY }], {
      spe_workdays: [{ timestamp: NEW_YEAR + 400 * DAY, checkintime: [section(10 * H, 16 * H, true)] }],
    });
    expect(dates(result)).toHaveLength(365);
    expect(result.losses).toEqual([
      loss('dropped', 'group.spe_offdays[0]', 'More than 366 special days; 2027-01-01 was left out.', '2027-01-01'),
      loss('dropped', 'group.spe_offdays[0]', 'More than 366 special days; 2027-01-02 was left out.', '2027-01-02'),
    ]);
  });
});

describe('wecomToCanonical edges: make-up punches, out of range, overtime, liveness', () => {
  const remedy = (extra: Record<string, unknown>) =>
    wecomToCanonical(fixedGroup({ allow_apply_offworkday: true, ...extra }));

  it('reads each restriction bit on its own, and 15 as every type closed', () => {
    const types = (restriction: number) => {
      const result = remedy({ buka_restriction: restriction });
      expect(result.losses).toEqual([]);
      const { forMissing, forLate, forEarly, forOther } = ok(result).remedy;
      return [forMissing, forLate, forEarly, forOther];
    };
    expect(types(1)).toEqual([false, true, true, true]);
    expect(types(2)).toEqual([true, false, true, true]);
    expect(types(4)).toEqual([true, true, false, true]);
    expect(types(8)).toEqual([true, true, true, false]);
    expect(types(15)).toEqual([false, false, false, false]);
  });

  it('reads a restriction outside 0–15 as every type allowed, and says so', () => {
    // 16 sets none of the four flag bits; 17 and 31 set some, so only the range check keeps them from closing types.
    for (const restriction of [16, 17, 31, -1]) {
      const result = remedy({ buka_restriction: restriction });
      expect(ok(result).remedy).toMatchObject({ forMissing: true, forLate: true, forEarly: true, forOther: true });
      expect(result.losses).toEqual([
        loss(
          'dropped',
          'group.buka_restriction',
          `The make-up punch restriction ${restriction} is not a valid set of flags; all types are allowed.`,
          restriction,
        ),
      ]);
    }
  });

  it('reads limits of 0 as 0, and negative limits other than -1 as unlimited, naming each', () => {
    const zero = remedy({ allow_apply_bk_cnt: 0, allow_apply_bk_day_limit: 0 });
    expect(ok(zero).remedy).toMatchObject({ allowed: true, monthlyLimit: 0, daysLimit: 0 });
    expect(zero.losses).toEqual([]);
    const negative = remedy({ allow_apply_bk_cnt: -2, allow_apply_bk_day_limit: -3 });
    expect(ok(negative).remedy).toMatchObject({ allowed: true, monthlyLimit: null, daysLimit: null });
    expect(negative.losses).toEqual([
      loss('dropped', 'group.allow_apply_bk_cnt', 'The make-up punch limit -2 is not valid; treated as unlimited.', -2),
      loss(
        'dropped',
        'group.allow_apply_bk_day_limit',
        'The make-up punch limit -3 is not valid; treated as unlimited.',
        -3,
      ),
    ]);
  });

  it('reads an unknown out-of-range setting as the default, in words', () => {
    expect(ok(wecomToCanonical(fixedGroup({ option_out_range: 0 }))).outOfRange).toBe('exception');
    for (const value of [3, -1]) {
      const result = wecomToCanonical(fixedGroup({ option_out_range: value }));
      expect(ok(result).outOfRange).toBe('exception');
      expect(result.losses).toEqual([
        loss(
          'approximated',
          'group.option_out_range',
          `Out-of-range punching setting ${value} is unknown; it is treated as WeCom's default, "counts as an exception".`,
          value,
          'exception',
        ),
      ]);
    }
  });

  const overtimeOn = loss(
    'info',
    'group.ot_info_v2',
    'Overtime is on. Only whether overtime is allowed on workdays, rest days and holidays is carried; how WeCom counts it (approval or punches, minimums, rest deductions, time off in lieu) stays WeCom-specific.',
  );

  it.each<[string, boolean, boolean, boolean]>([
    ['workdays', true, false, false],
    ['rest days', false, true, false],
    ['holidays', false, false, true],
  ])('says overtime is on when it is allowed on %s only', (_name, workday, restDay, holiday) => {
    const result = wecomToCanonical(
      fixedGroup({
        ot_info_v2: {
          workdayconf: { allow_ot: workday },
          restdayconf: { allow_ot: restDay },
          holidayconf: { allow_ot: holiday },
        },
      }),
    );
    expect(ok(result).overtime).toEqual({ workday, restDay, holiday });
    expect(result.losses).toEqual([overtimeOn]);
  });

  it('says nothing of overtime switched off everywhere; names the kinds of day without a switch', () => {
    const off = { allow_ot: false };
    expect(
      wecomToCanonical(fixedGroup({ ot_info_v2: { workdayconf: off, restdayconf: off, holidayconf: off } })).losses,
    ).toEqual([]);
    const none = wecomToCanonical(fixedGroup({ ot_info_v2: {} }));
    expect(none.losses).toEqual([
      loss(
        'info',
        'group.ot_info_v2',
        'No overtime switch (allow_ot) is stored for workdayconf, restdayconf, holidayconf; overtime there is read as not allowed.',
      ),
    ]);
    const holidayOnly = wecomToCanonical(fixedGroup({ ot_info_v2: { holidayconf: { allow_ot: true } } }));
    expect(ok(holidayOnly).overtime).toEqual({ workday: false, restDay: false, holiday: true });
    expect(holidayOnly.losses).toEqual([
      loss(
        'info',
        'group.ot_info_v2',
        'No overtime switch (allow_ot) is stored for workdayconf, restdayconf; overtime there is read as not allowed.',
      ),
      overtimeOn,
    ]);
  });

  it('reads the legacy ot_info switches on the block or in otapplyinfo, in words', () => {
    const legacyOn = loss(
      'info',
      'group.ot_info',
      'Overtime is on (old-style overtime settings). Only whether overtime is allowed on workdays and on non-working days (rest days and holidays alike) is carried; the counting details stay WeCom-specific.',
    );
    const workday = wecomToCanonical(
      fixedGroup({ ot_info: { allow_ot_workingday: false, otapplyinfo: { allow_ot_workingday: true } } }),
    );
    expect(ok(workday).overtime).toEqual({ workday: true, restDay: false, holiday: false });
    expect(workday.losses).toEqual([legacyOn]);
    const nonWorking = wecomToCanonical(fixedGroup({ ot_info: { allow_ot_nonworkingday: true } }));
    expect(ok(nonWorking).overtime).toEqual({ workday: false, restDay: true, holiday: true });
    expect(nonWorking.losses).toEqual([legacyOn]);
    const off = wecomToCanonical(
      fixedGroup({
        ot_info: {
          allow_ot_workingday: false,
          allow_ot_nonworkingday: false,
          otapplyinfo: { allow_ot_workingday: false, allow_ot_nonworkingday: false },
        },
      }),
    );
    expect(ok(off).overtime).toEqual({ workday: false, restDay: false, holiday: false });
    expect(off.losses).toEqual([]);
  });

  it('says why liveness without face recognition is read as none', () => {
    const result = wecomToCanonical(fixedGroup({ open_face_live_detect: true }));
    expect(ok(result).faceLiveness).toBe('none');
    expect(ok(result).faceRecognition).toBe(false);
    expect(result.losses).toEqual([
      loss(
        'info',
        'group.open_face_live_detect',
        'Liveness detection is stored as on, but face recognition is off and WeCom only checks liveness on face punches; read as no liveness check.',
      ),
    ]);
  });

  it('reads the documented defaults of the plain switches when they are absent', () => {
    expect(ok(wecomToCanonical(fixedGroup()))).toMatchObject({
      followsHolidayCalendar: true, // sync_holidays 默认 true
      photoRequired: false,
      faceRecognition: false,
      restDayPunch: 'forbidden', // allow_checkin_offworkday 默认 false
      outOfRange: 'exception',
    });
    expect(ok(wecomToCanonical(fixedGroup({ allow_checkin_offworkday: true }))).restDayPunch).toBe('allowed');
    expect(ok(wecomToCanonical(fixedGroup({ allow_checkin_offworkday: false }))).restDayPunch).toBe('forbidden');
  });

  it('reads the plain switches as stored', () => {
    const on = ok(
      wecomToCanonical(
        fixedGroup({ sync_holidays: true, need_photo: true, use_face_detect: true, allow_apply_offworkday: false }),
      ),
    );
    expect(on).toMatchObject({ followsHolidayCalendar: true, photoRequired: true, faceRecognition: true });
    expect(on.remedy.allowed).toBe(false);
    const off = ok(wecomToCanonical(fixedGroup({ sync_holidays: false, need_photo: false, use_face_detect: false })));
    expect(off).toMatchObject({ followsHolidayCalendar: false, photoRequired: false, faceRecognition: false });
  });
});

describe('wecomToCanonical edges: punch reminders', () => {
  /** A fixed rule with 3-hour sections at 09:00, 13:00, …, each [minutes before work, minutes after work]. */
  function withReminders(...sections: [number | undefined, number | undefined][]): Record<string, unknown> {
    return fixedDay({
      checkintime: sections.map(([before, after], index) => {
        const on = MON_0900 + index * 4 * H;
        const off = on + 3 * H;
        return section(on, off, false, {
          ...(before !== undefined && { remind_work_sec: on - before }),
          ...(after !== undefined && { remind_off_work_sec: off + after }),
        });
      }),
    });
  }
  const differ = (at: string, text: string, read: object, kept: object) =>
    loss(
      'approximated',
      at,
      `The punch reminders of ${text}; the rule keeps one reminder for all its sections, so the first one's was used.`,
      read,
      kept,
    );

  it.each<[string, Record<string, unknown>, CanonicalRule['punchReminder'], Loss[]]>([
    [
      'a later section with no clock-in reminder and another clock-out one',
      withReminders([600, 1800], [undefined, 0]),
      { beforeOnSec: 600, afterOffSec: 1800 },
      [
        differ(
          'group.checkindate[0].checkintime[1]',
          "13:00–16:00 (no clock-in reminder, at the end of work) differ from those of the rule's first time section (10 min before work, 30 min after work)",
          { afterOffSec: 0 },
          { beforeOnSec: 600, afterOffSec: 1800 },
        ),
      ],
    ],
    [
      'no clock-out reminder anywhere, clock-in reminders that differ',
      withReminders([600, undefined], [300, undefined]),
      { beforeOnSec: 600, afterOffSec: 0 },
      [
        differ(
          'group.checkindate[0].checkintime[1]',
          "13:00–16:00 (5 min before work, no clock-out reminder) differ from those of the rule's first time section (10 min before work, no clock-out reminder)",
          { beforeOnSec: 300 },
          { beforeOnSec: 600 },
        ),
        loss(
          'info',
          'group.checkindate[0].checkintime[0].remind_off_work_sec',
          "No clock-out reminder is stored for 09:00–12:00 or the rule's other time sections; it was read as at the end of work.",
        ),
      ],
    ],
    [
      'on-time clock-in reminders, clock-out reminders that differ',
      withReminders([0, 600], [0, 1200]),
      { beforeOnSec: 0, afterOffSec: 600 },
      [
        differ(
          'group.checkindate[0].checkintime[1]',
          "13:00–16:00 (at the start of work, 20 min after work) differ from those of the rule's first time section (at the start of work, 10 min after work)",
          { beforeOnSec: 0, afterOffSec: 1200 },
          { beforeOnSec: 0, afterOffSec: 600 },
        ),
      ],
    ],
    [
      'an hour before work first',
      withReminders([3600, 0], [600, 0]),
      { beforeOnSec: 3600, afterOffSec: 0 },
      [
        differ(
          'group.checkindate[0].checkintime[1]',
          "13:00–16:00 (10 min before work, at the end of work) differ from those of the rule's first time section (1 h before work, at the end of work)",
          { beforeOnSec: 600, afterOffSec: 0 },
          { beforeOnSec: 3600, afterOffSec: 0 },
        ),
      ],
    ],
    [
      'the clock-in reminder on one section, the clock-out one on another',
      withReminders([600, undefined], [undefined, 1800]),
      { beforeOnSec: 600, afterOffSec: 1800 },
      [],
    ],
    [
      'one section without a clock-in reminder',
      withReminders([undefined, 1800]),
      { beforeOnSec: 0, afterOffSec: 1800 },
      [
        loss(
          'info',
          'group.checkindate[0].checkintime[0].remind_work_sec',
          'No clock-in reminder is stored for 09:00–12:00; it was read as at the start of work.',
        ),
      ],
    ],
    [
      'reminders inside the working time',
      withReminders([-300, -600]),
      { beforeOnSec: 0, afterOffSec: 0 },
      [
        loss(
          'approximated',
          'group.checkindate[0].checkintime[0].remind_work_sec',
          'A punch reminder 5 min after the start of work is not one WeCom offers; it was read as at the start of work.',
          -300,
          0,
        ),
        loss(
          'approximated',
          'group.checkindate[0].checkintime[0].remind_off_work_sec',
          'A punch reminder 10 min before the end of work is not one WeCom offers; it was read as at the end of work.',
          -600,
          0,
        ),
      ],
    ],
  ])('%s', (_name, group, reminder, losses) => {
    const result = wecomToCanonical(group);
    expect(ok(result).punchReminder).toEqual(reminder);
    expect(result.losses).toEqual(losses);
  });

  /** Two day layouts (Monday, Tuesday), one section each: [on, off, minutes before, minutes after]. */
  function twoDays(...days: [number, number, number, number][]): Record<string, unknown> {
    return fixedGroup({
      checkindate: days.map(([on, off, before, after], index) => ({
        workdays: [index + 1],
        checkintime: [section(on, off, true, { remind_work_sec: on - before, remind_off_work_sec: off + after })],
      })),
    });
  }

  it('takes the first section in time order: the earlier end first when two start together', () => {
    const result = wecomToCanonical(twoDays([MON_0900, 18 * H, 300, 0], [MON_0900, 12 * H, 600, 0]));
    expect(ok(result).punchReminder).toEqual({ beforeOnSec: 600, afterOffSec: 0 });
    expect(result.losses).toEqual([
      differ(
        'group.checkindate[0].checkintime[0]',
        "09:00–18:00 (5 min before work, at the end of work) differ from those of the rule's first time section (10 min before work, at the end of work)",
        { beforeOnSec: 300, afterOffSec: 0 },
        { beforeOnSec: 600, afterOffSec: 0 },
      ),
    ]);
  });

  it('takes the smaller clock-in reminder, then the smaller clock-out one, of sections with the same times', () => {
    const lead = wecomToCanonical(twoDays([MON_0900, 18 * H, 600, 0], [MON_0900, 18 * H, 300, 0]));
    expect(ok(lead).punchReminder).toEqual({ beforeOnSec: 300, afterOffSec: 0 });
    expect(lead.losses).toEqual([
      differ(
        'group.checkindate[0].checkintime[0]',
        "09:00–18:00 (10 min before work, at the end of work) differ from those of the rule's first time section (5 min before work, at the end of work)",
        { beforeOnSec: 600, afterOffSec: 0 },
        { beforeOnSec: 300, afterOffSec: 0 },
      ),
    ]);
    const lag = wecomToCanonical(twoDays([MON_0900, 18 * H, 600, 1800], [MON_0900, 18 * H, 600, 600]));
    expect(ok(lag).punchReminder).toEqual({ beforeOnSec: 600, afterOffSec: 600 });
    expect(lag.losses).toEqual([
      differ(
        'group.checkindate[0].checkintime[0]',
        "09:00–18:00 (10 min before work, 30 min after work) differ from those of the rule's first time section (10 min before work, 10 min after work)",
        { beforeOnSec: 600, afterOffSec: 1800 },
        { beforeOnSec: 600, afterOffSec: 600 },
      ),
    ]);
  });

  it('takes the smaller reminder of two same-time sections whichever order they are listed in', () => {
    const lead = wecomToCanonical(twoDays([MON_0900, 18 * H, 300, 0], [MON_0900, 18 * H, 600, 0]));
    expect(ok(lead).punchReminder).toEqual({ beforeOnSec: 300, afterOffSec: 0 });
    expect(lead.losses.map((entry) => entry.field)).toEqual(['group.checkindate[1].checkintime[0]']);
    const lag = wecomToCanonical(twoDays([MON_0900, 18 * H, 600, 600], [MON_0900, 18 * H, 600, 1800]));
    expect(ok(lag).punchReminder).toEqual({ beforeOnSec: 600, afterOffSec: 600 });
    expect(lag.losses.map((entry) => entry.field)).toEqual(['group.checkindate[1].checkintime[0]']);
  });

  it('reads the reminders of a fixed rule’s special workdays too', () => {
    const result = wecomToCanonical(
      fixedGroup({
        spe_workdays: [
          { timestamp: 1_767_196_800, checkintime: [section(10 * H, 16 * H, true, { remind_work_sec: 10 * H - 900 })] },
        ],
      }),
    );
    expect(ok(result).punchReminder).toEqual({ beforeOnSec: 900, afterOffSec: 0 });
    expect(result.losses).toEqual([
      loss(
        'info',
        'group.spe_workdays[0].checkintime[0].remind_off_work_sec',
        'No clock-out reminder is stored for 10:00–16:00; it was read as at the end of work.',
      ),
    ]);
  });

  it('reads no reminder from weekly times of a by-shift or free rule, nor from the rest schedule', () => {
    const reminded = section(MON_0900, 18 * H, false, { remind_work_sec: MON_0900 - 600, remind_off_work_sec: 18 * H });
    const shifts = wecomToCanonical(
      byShift(
        [
          { schedule_id: 0, schedule_name: '休息', time_section: [reminded] },
          { schedule_id: 5, schedule_name: 'A', time_section: [section(MON_0900, 18 * H)] },
        ],
        { checkindate: [{ workdays: [1], checkintime: [reminded] }], spe_workdays: [] },
      ),
    );
    expect(ok(shifts).punchReminder).toBeNull();
    const free = wecomToCanonical(
      freeGroup({
        checkindate: [{ workdays: [1], checkintime: [reminded] }],
        schedulelist: [{ schedule_id: 5, schedule_name: 'A', time_section: [reminded] }],
      }),
    );
    expect(ok(free).punchReminder).toBeNull();
    expect(free.losses).toEqual([]);
  });

  it('takes the clock-in reminder from the first section that has one, past an earlier one with only a clock-out reminder', () => {
    // 09:00–12:00 stores only remind_off_work_sec (no lead); 13:00–18:00 stores both. The rule's lead is the
    // later section's 10 minutes and its lag the shared 0: the sections agree, so nothing is reported.
    const result = wecomToCanonical(
      byShift([
        {
          schedule_id: 5,
          schedule_name: 'Morning',
          time_section: [section(MON_0900, 12 * H, false, { remind_off_work_sec: 12 * H })],
        },
        {
          schedule_id: 6,
          schedule_name: 'Afternoon',
          time_section: [
            section(13 * H, 18 * H, false, { remind_work_sec: 13 * H - 600, remind_off_work_sec: 18 * H }),
          ],
        },
      ]),
    );
    expect(result.losses).toEqual([]);
    expect(ok(result).punchReminder).toEqual({ beforeOnSec: 600, afterOffSec: 0 });
  });

  it('reads the reminders of a by-shift rule’s shifts, not of its special workdays', () => {
    const result = wecomToCanonical(
      byShift(
        [
          {
            schedule_id: 5,
            schedule_name: 'A',
            time_section: [
              section(MON_0900, 18 * H, false, { remind_work_sec: MON_0900 - 300, remind_off_work_sec: 18 * H }),
            ],
          },
        ],
        {
          spe_workdays: [
            { timestamp: 1_767_196_800, checkintime: [section(8 * H, 16 * H, true, { remind_work_sec: 8 * H - 900 })] },
          ],
        },
      ),
    );
    expect(ok(result).punchReminder).toEqual({ beforeOnSec: 300, afterOffSec: 0 });
    expect(result.losses).toEqual([]);
  });
});

describe('wecomToCanonical edges: rest-day punching and WeCom-only settings', () => {
  it('says a stored rest-day punching switch has no effect on a free rule; false says nothing', () => {
    const on = wecomToCanonical(freeGroup({ allow_checkin_offworkday: true }));
    expect(ok(on).restDayPunch).toBeNull();
    expect(on.losses).toEqual([
      loss(
        'info',
        'group.allow_checkin_offworkday',
        'Punching on non-working days is switched on, but WeCom has that setting for fixed-time rules only; it has no effect on this rule and was not carried.',
      ),
    ]);
    const off = wecomToCanonical(freeGroup({ allow_checkin_offworkday: false }));
    expect(ok(off).restDayPunch).toBeNull();
    expect(off.losses).toEqual([]);
  });

  it('tells each WeCom-only setting that is on, in words, in this order', () => {
    const result = wecomToCanonical(
      fixedGroup({
        type: 1,
        reporterinfo: { reporters: [{ userid: 'boss' }] },
        note_can_use_local_pic: false,
        sync_out_checkin: true,
        buka_limit_next_month: 5,
        buka_remind: { open_remind: true },
        offwork_interval_time: 1800,
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.losses).toEqual([
      loss(
        'dropped',
        'group.type',
        'Punching is set to mode 1; attendance machines are not synced, only phone punching rules are carried.',
        1,
      ),
      loss(
        'info',
        'group.reporterinfo',
        'The people who receive attendance reports (汇报人) are WeCom-only and are not carried.',
      ),
      loss(
        'info',
        'group.note_can_use_local_pic',
        'Whether punch notes may use photos from the album is WeCom-only and is not carried.',
      ),
      loss(
        'dropped',
        'group.sync_out_checkin',
        'Out-of-office punches count as clock-in/out in WeCom; this setting is not carried.',
      ),
      loss(
        'dropped',
        'group.buka_limit_next_month',
        'Make-up punches close on day 5 of the next month in WeCom; this deadline is not carried.',
      ),
      loss('info', 'group.buka_remind', 'The monthly make-up punch reminder is WeCom-only and is not carried.'),
      loss(
        'dropped',
        'group.offwork_interval_time',
        'Clock-out is only accepted 30 min after clock-in in WeCom; this minimum interval is not carried.',
      ),
    ]);
  });

  it('names the attendance-machine punching modes', () => {
    const message = (type: number) => wecomToCanonical(fixedGroup({ type })).losses.map((entry) => entry.message);
    expect(message(2)).toEqual([
      'Punching is set to attendance machines; attendance machines are not synced, only phone punching rules are carried.',
    ]);
    expect(message(3)).toEqual([
      'Punching is set to phone and attendance machines; attendance machines are not synced, only phone punching rules are carried.',
    ]);
    expect(message(0)).toEqual([]);
  });

  it('says nothing of those settings when they are off', () => {
    const result = wecomToCanonical(
      fixedGroup({
        type: 0,
        reporterinfo: { reporters: [] },
        sync_out_checkin: false,
        buka_limit_next_month: -1,
        buka_remind: { open_remind: false },
        offwork_interval_time: 0,
      }),
    );
    expect(result.losses).toEqual([]);
    expect(wecomToCanonical(fixedGroup({ reporterinfo: {}, buka_remind: {} })).losses).toEqual([]);
  });
});
