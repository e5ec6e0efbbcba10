import { wecomCheckinGroupCreateSchema, type WecomCheckinGroupCreate } from '@app/wecom/model';
import { validateCheckinOption } from '../../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { LateOffLateOnStep, PunchWindow, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss, Translation } from '../canonical/loss.js';
import { canonicalToWecom } from './canonical-to-wecom.mapper.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

// Edges of a fixed rule's working times, punch windows, breaks, flexible time and late-off-late-on steps
// (canonical-to-wecom.mapper.ts, sections … lateSteps), one example each: the mutants QUALITY.md lists for
// target translation-canonical-to-wecom that the other WeCom specs left alive.

const NOW = 1_749_913_600;
const H = 3600;
const M = 60;

function write(sections: readonly TimeSection[], extra: Parameters<typeof shift>[2] = {}) {
  return canonicalToWecom(officeRule({ shifts: [shift('day', sections, extra)] }), {
    resolver: sameIdResolver((id) => id),
    ruleName: 'Office',
    nowUnixSeconds: NOW,
  });
}

function valid(result: Translation<WecomCheckinGroupCreate>): WecomCheckinGroupCreate {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  expect(validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
  expect(wecomCheckinGroupCreateSchema.safeParse(result.value).success).toBe(true);
  return result.value;
}

function times(result: Translation<WecomCheckinGroupCreate>) {
  return valid(result).checkindate![0]!.checkintime;
}

function lossAt(result: Translation<unknown>, field: string): Loss | undefined {
  return result.losses.find((loss) => loss.field === field);
}

function windowOf(earliestOn: number, latestOn: number, earliestOff: number, latestOff: number): PunchWindow {
  return { earliestOnSec: earliestOn, latestOnSec: latestOn, earliestOffSec: earliestOff, latestOffSec: latestOff };
}

describe('canonicalToWecom: working times of a day', () => {
  it('refuses a day without sections', () => {
    const none = write([]);
    expect(none.ok).toBe(false);
    expect(lossAt(none, 'shifts.day.sections')).toMatchObject({
      severity: 'blocking',
      message: 'A day has 0 time sections; WeCom allows 1 to 4.',
    });
  });

  it('writes four sections and refuses a fifth', () => {
    const four = [9, 11, 13, 15].map((hour) => section(hour * H, (hour + 1) * H));
    expect(times(write(four))).toHaveLength(4);
    const five = write([...four, section(17 * H, 18 * H)]);
    expect(five.ok).toBe(false);
    expect(lossAt(five, 'shifts.day.sections')).toMatchObject({
      severity: 'blocking',
      message: 'A day has 5 time sections; WeCom allows 1 to 4.',
      sourceValue: 5,
    });
  });

  it.each([
    ['start', 9 * H + 20, 18 * H],
    ['end', 9 * H, 18 * H + 20],
  ])('reports a working time whose %s was rounded to the minute, with the times before and after', (_what, on, off) => {
    const result = write([section(on, off)]);
    expect(times(result)[0]).toMatchObject({ work_sec: 9 * H, off_work_sec: 18 * H });
    expect(lossAt(result, 'shifts.day.sections[0]')).toMatchObject({
      severity: 'approximated',
      sourceValue: [on, off],
      targetValue: [9 * H, 18 * H],
    });
  });

  it('writes sections given out of order in the order of the day', () => {
    const result = write([section(13 * H, 18 * H), section(9 * H, 12 * H)]);
    expect(times(result).map((time) => time.work_sec)).toEqual([9 * H, 13 * H]);
  });

  it('refuses a working time of exactly 24 hours', () => {
    const result = write([section(4 * H, 28 * H)]);
    expect(result.ok).toBe(false);
    expect(lossAt(result, 'shifts.day.sections[0]')?.severity).toBe('blocking');
  });
});

describe('canonicalToWecom: punch windows of a day', () => {
  it('reports the synthesised default window only when some section has none', () => {
    const given = write([section(9 * H, 18 * H, { punchWindow: windowOf(8 * H, 10 * H, 17 * H, 19 * H) })]);
    expect(times(given)[0]).toMatchObject({ earliest_work_sec: 8 * H, latest_off_work_sec: 19 * H });
    expect(lossAt(given, 'shifts.sections.punchWindow')).toBeUndefined();
    expect(lossAt(write([section(9 * H, 18 * H)]), 'shifts.sections.punchWindow')?.severity).toBe('info');
  });

  it('moves each window edge that touches the working time one minute inside it', () => {
    const atStart = write([section(9 * H, 18 * H, { punchWindow: windowOf(9 * H, 9 * H, 9 * H, 20 * H) })]);
    expect(times(atStart)[0]).toMatchObject({
      earliest_work_sec: 9 * H - M,
      latest_work_sec: 9 * H + M,
      earliest_off_work_sec: 9 * H + M,
      latest_off_work_sec: 20 * H,
    });
    const atEnd = write([section(9 * H, 18 * H, { punchWindow: windowOf(8 * H, 18 * H, 18 * H, 19 * H) })]);
    expect(times(atEnd)[0]).toMatchObject({
      earliest_work_sec: 8 * H,
      latest_work_sec: 18 * H - M,
      earliest_off_work_sec: 18 * H - M,
      latest_off_work_sec: 19 * H,
    });
  });

  it('caps the clock-out window of an early fixed section at 24 hours after its end, less a minute', () => {
    const result = write([section(H / 2, 3 * H, { punchWindow: windowOf(H / 4, 2 * H, 2 * H, 30 * H) })]);
    expect(times(result)[0]!.latest_off_work_sec).toBe(27 * H - M);
  });

  it('reports a window changed in any one edge, naming the fixed rule’s 04:00 limit', () => {
    const edges = [windowOf(9 * H, 10 * H, 17 * H, 19 * H), windowOf(8 * H, 9 * H, 17 * H, 19 * H)];
    for (const punchWindow of [...edges, windowOf(8 * H, 10 * H, 18 * H, 19 * H)]) {
      const result = write([section(9 * H, 18 * H, { punchWindow })]);
      const loss = lossAt(result, 'shifts.day.sections[0].punchWindow');
      expect(loss?.severity).toBe('approximated');
      expect(loss?.message).toContain(', and clock-out by 04:00 the next day.');
    }
  });

  it('leaves apart the windows of neighbouring sections that do not overlap, however close', () => {
    const result = write([
      section(9 * H, 12 * H, { punchWindow: windowOf(8 * H, 10 * H, 11 * H, 12 * H + 45 * M) }),
      section(13 * H, 18 * H, { punchWindow: windowOf(12 * H + 50 * M, 14 * H, 17 * H, 19 * H) }),
    ]);
    const [first, second] = times(result);
    expect(first!.latest_off_work_sec).toBe(12 * H + 45 * M);
    expect(second!.earliest_work_sec).toBe(12 * H + 50 * M);
  });

  it('splits overlapping windows in the middle of an hour-long gap: 12:29 and 12:30', () => {
    const result = write([
      section(9 * H, 12 * H, { punchWindow: windowOf(8 * H, 10 * H, 11 * H, 14 * H) }),
      section(13 * H, 18 * H, { punchWindow: windowOf(11 * H, 14 * H, 17 * H, 19 * H) }),
    ]);
    const [first, second] = times(result);
    expect(first!.latest_off_work_sec).toBe(12 * H + 29 * M);
    expect(second!.earliest_work_sec).toBe(12 * H + 30 * M);
  });

  it('drops "seriously late", which WeCom cannot hold', () => {
    const result = write([section(9 * H, 18 * H, { seriousLateSec: 30 * M })]);
    valid(result);
    expect(lossAt(result, 'shifts.day.sections[0].seriousLateSec')).toMatchObject({
      severity: 'dropped',
      sourceValue: 30 * M,
    });
  });
});

describe('canonicalToWecom: breaks', () => {
  it.each([
    ['starting with the work', 9 * H, 13 * H],
    ['of no length', 12 * H, 12 * H],
    ['ending with the work', 13 * H, 18 * H],
  ])('drops a break %s', (_what, beginSec, endSec) => {
    const result = write([section(9 * H, 18 * H, { rest: { beginSec, endSec } })]);
    expect(times(result)[0]!.allow_rest).toBe(false);
    expect(lossAt(result, 'shifts.day.sections[0].rest')?.severity).toBe('dropped');
  });

  it.each([
    ['start', 12 * H + 20, 13 * H],
    ['end', 12 * H, 13 * H + 20],
  ])('rounds a break’s %s to the minute and reports it', (_what, beginSec, endSec) => {
    const result = write([section(9 * H, 18 * H, { rest: { beginSec, endSec } })]);
    expect(times(result)[0]).toMatchObject({ allow_rest: true, rest_begin_time: 12 * H, rest_end_time: 13 * H });
    expect(lossAt(result, 'shifts.day.sections[0].rest')).toMatchObject({
      severity: 'approximated',
      targetValue: { beginSec: 12 * H, endSec: 13 * H },
    });
  });
});

describe('canonicalToWecom: flexible time', () => {
  it.each([
    ['late arrival', { lateGraceSec: 10 * M }, { maxEarlySec: 30 * M, maxLateSec: 0 }],
    ['early leave', { earlyLeaveGraceSec: 10 * M }, { maxEarlySec: 0, maxLateSec: 30 * M }],
  ])('drops the grace for %s beside flexible arrival', (_what, grace, flexibleArrival) => {
    const result = write([section(9 * H, 18 * H, grace)], { flexibleArrival });
    const day = valid(result).checkindate![0]!;
    expect(day).toMatchObject({ allow_flex: true, flex_on_duty_time: 0, flex_off_duty_time: 0 });
    expect(lossAt(result, 'shifts.day.sections.lateGraceSec')).toMatchObject({
      severity: 'dropped',
      sourceValue: { lateGraceSec: 0, earlyLeaveGraceSec: 0, ...grace },
    });
  });

  it.each([
    ['early', { maxEarlySec: 31 * M, maxLateSec: 0 }, 'shifts.day.flexibleArrival.maxEarlySec'],
    ['late', { maxEarlySec: 0, maxLateSec: 31 * M }, 'shifts.day.flexibleArrival.maxLateSec'],
  ])('reports flexible %s arrival rounded to 5 minutes', (_what, flexibleArrival, field) => {
    const result = write([section(9 * H, 18 * H)], { flexibleArrival });
    expect(lossAt(result, field)).toMatchObject({ severity: 'approximated', sourceValue: 31 * M, targetValue: 30 * M });
  });

  it.each([
    ['a grace for early leave', { earlyLeaveGraceSec: 10 * M }, null],
    ['flexible early arrival', {}, { maxEarlySec: 30 * M, maxLateSec: 0 }],
    ['flexible late arrival', {}, { maxEarlySec: 0, maxLateSec: 30 * M }],
  ])('allows flexible time with only %s', (_what, grace, flexibleArrival) => {
    const result = write([section(9 * H, 18 * H, grace)], { flexibleArrival });
    expect(valid(result).checkindate![0]!.allow_flex).toBe(true);
  });
});

describe('canonicalToWecom: late-off-late-on steps', () => {
  function stepsOf(lateOffLateOn: LateOffLateOnStep[]) {
    const result = write([section(9 * H, 18 * H, { lateGraceSec: 5 * M })], { lateOffLateOn });
    return { result, timerules: valid(result).checkindate![0]!.late_rule?.timerules };
  }

  it.each([
    ['leave', { offLateSec: 3700, onLateSec: 1800 }, { offLateSec: 3600, onLateSec: 1800 }],
    ['arrival', { offLateSec: 3600, onLateSec: 1000 }, { offLateSec: 3600, onLateSec: 900 }],
  ])('reports a step whose later %s was rounded to 15 minutes', (_what, step, rounded) => {
    const { result } = stepsOf([step]);
    expect(lossAt(result, 'shifts.day.lateOffLateOn')).toMatchObject({
      severity: 'approximated',
      sourceValue: step,
      targetValue: rounded,
    });
  });

  it('leaves out a step of nothing and repeated steps, keeps steps differing in one value, sorts ascending', () => {
    const { timerules } = stepsOf([
      { offLateSec: 2 * H, onLateSec: H },
      { offLateSec: 0, onLateSec: 0 },
      { offLateSec: H, onLateSec: 0 },
      { offLateSec: 2 * H, onLateSec: H / 2 },
      { offLateSec: 2 * H, onLateSec: H },
      { offLateSec: 3 * H, onLateSec: H },
    ]);
    expect(timerules).toEqual([
      { offwork_after_time: H, onwork_flex_time: 0 },
      { offwork_after_time: 2 * H, onwork_flex_time: H / 2 },
      { offwork_after_time: 2 * H, onwork_flex_time: H },
      { offwork_after_time: 3 * H, onwork_flex_time: H },
    ]);
  });
});

describe('canonicalToWecom: working times of a by-shift rule', () => {
  function writeShift(sections: readonly TimeSection[]) {
    return canonicalToWecom(
      officeRule({ kind: 'shift_based', week: {}, shifts: [shift('1', sections, { name: 'A' })] }),
      { resolver: sameIdResolver((id) => id), ruleName: 'Office', nowUnixSeconds: NOW },
    );
  }

  function sectionsOf(result: Translation<WecomCheckinGroupCreate>) {
    return valid(result).schedulelist![1]!.time_section!;
  }

  it('writes a night past 04:00 and reports a changed window without the fixed rule’s 04:00 limit', () => {
    const result = writeShift([section(22 * H, 30 * H, { punchWindow: windowOf(22 * H, 23 * H, 29 * H, 31 * H) })]);
    expect(sectionsOf(result)[0]).toMatchObject({
      work_sec: 22 * H,
      off_work_sec: 30 * H,
      earliest_work_sec: 22 * H - M,
    });
    const loss = lossAt(result, 'shifts.1.sections[0].punchWindow');
    expect(loss?.severity).toBe('approximated');
    expect(loss?.message).toContain(', no overlap between sections.');
  });

  it('caps the clock-out window at 24 hours after the end, less a minute', () => {
    const result = writeShift([section(9 * H, 18 * H, { punchWindow: windowOf(8 * H, 10 * H, 17 * H, 50 * H) })]);
    expect(sectionsOf(result)[0]!.latest_off_work_sec).toBe(42 * H - M);
  });

  it('limits only the first section’s window to 4 hours before work', () => {
    const result = writeShift([
      section(6 * H, 7 * H, { punchWindow: windowOf(5 * H, 6 * H + 30 * M, 6 * H + 30 * M, 7 * H + 30 * M) }),
      section(13 * H, 18 * H, { punchWindow: windowOf(8 * H, 14 * H, 17 * H, 19 * H) }),
    ]);
    expect(sectionsOf(result).map((time) => time.earliest_work_sec)).toEqual([5 * H, 8 * H]);
  });

  it('refuses a working time ending at 23:59 the next day', () => {
    const result = writeShift([section(24 * H, 48 * H - M)]);
    expect(result.ok).toBe(false);
    expect(lossAt(result, 'shifts.1.sections[0]')?.severity).toBe('blocking');
  });
});

describe('canonicalToWecom: the first window of a fixed rule', () => {
  it('may open at midnight, with no 4-hour limit', () => {
    const result = write([section(9 * H, 18 * H, { punchWindow: windowOf(0, 10 * H, 17 * H, 19 * H) })]);
    expect(times(result)[0]!.earliest_work_sec).toBe(0);
  });
});

// What each loss of a day's sections says, word for word: the console shows these texts (its catalogue,
// apps/console/src/i18n/loss-messages.catalogue.ts, matches them by their fixed words), so an emptied or changed
// text is a visible change. Expected texts are written out by hand from the inputs.
describe('canonicalToWecom: the words of each loss of a day', () => {
  const FLEX = { flexibleArrival: { maxEarlySec: 30 * M, maxLateSec: 0 } };
  it.each<[string, TimeSection[], Parameters<typeof shift>[2], string, string]>([
    [
      'a working time rounded',
      [section(9 * H + 20, 18 * H)],
      {},
      'shifts.day.sections[0]',
      'Working time 09:00:20–18:00 was rounded to 09:00–18:00: WeCom stores whole minutes.',
    ],
    [
      'a start at midnight',
      [section(0, 8 * H)],
      {},
      'shifts.day.sections[0]',
      'Working time 00:00–08:00 cannot be written: WeCom needs the start between 00:01 and 24:00 so a clock-in window fits before it.',
    ],
    [
      'a working time of one minute',
      [section(9 * H, 9 * H + M)],
      {},
      'shifts.day.sections[0]',
      'Working time 09:00–09:01 cannot be written: WeCom needs the end after the start by more than 1 minute and less than 24 hours, and before 23:59 the next day.',
    ],
    [
      'an end past 04:00 the next day in a fixed rule',
      [section(20 * H, 28 * H + M)],
      {},
      'shifts.day.sections[0]',
      'Working time 20:00–04:01 (next day) cannot be written in a fixed WeCom rule: clock-out must be possible no later than 04:00 the next day.',
    ],
    [
      'sections a minute apart',
      [section(9 * H, 12 * H), section(12 * H + M, 18 * H)],
      {},
      'shifts.day.sections[1]',
      'Working times 09:00–12:00 and 12:01–18:00 overlap or are less than 2 minutes apart; WeCom needs separate, non-overlapping punch windows.',
    ],
    [
      '"seriously late"',
      [section(9 * H, 18 * H, { seriousLateSec: 30 * M })],
      {},
      'shifts.day.sections[0].seriousLateSec',
      '"Seriously late" after 30 min has no WeCom equivalent and was not written.',
    ],
    [
      'a break starting with the work',
      [section(9 * H, 18 * H, { rest: { beginSec: 9 * H, endSec: 13 * H } })],
      {},
      'shifts.day.sections[0].rest',
      'The break 09:00–13:00 does not lie strictly inside the working time 09:00–18:00, which WeCom requires; it was not written.',
    ],
    [
      'a break rounded',
      [section(9 * H, 18 * H, { rest: { beginSec: 12 * H + 20, endSec: 13 * H } })],
      {},
      'shifts.day.sections[0].rest',
      'The break was rounded to 12:00–13:00: WeCom stores whole minutes.',
    ],
    [
      'a grace beside flexible arrival',
      [section(9 * H, 18 * H, { lateGraceSec: 10 * M })],
      FLEX,
      'shifts.day.sections.lateGraceSec',
      'Grace for late arrival (10 min) and early leave (0 min) was not written: WeCom cannot combine it with flexible arrival (up to 30 min early / 0 min late), which was kept.',
    ],
    [
      'a grace for early leave rounded',
      [section(9 * H, 18 * H, { earlyLeaveGraceSec: 11 * M })],
      {},
      'shifts.day.sections.earlyLeaveGraceSec',
      'Grace for early leave 11 min was rounded to 10 min: WeCom only allows multiples of 5 minutes, up to 6 hours.',
    ],
    [
      'flexible early arrival rounded',
      [section(9 * H, 18 * H)],
      { flexibleArrival: { maxEarlySec: 31 * M, maxLateSec: 0 } },
      'shifts.day.flexibleArrival.maxEarlySec',
      'Flexible early arrival 31 min was rounded to 30 min: WeCom only allows multiples of 5 minutes, up to 6 hours.',
    ],
    [
      'flexible late arrival rounded',
      [section(9 * H, 18 * H)],
      { flexibleArrival: { maxEarlySec: 0, maxLateSec: 31 * M } },
      'shifts.day.flexibleArrival.maxLateSec',
      'Flexible late arrival 31 min was rounded to 30 min: WeCom only allows multiples of 5 minutes, up to 6 hours.',
    ],
    [
      'a late-off-late-on step without grace or flexible arrival',
      [section(9 * H, 18 * H)],
      { lateOffLateOn: [{ offLateSec: H, onLateSec: H }] },
      'shifts.day.lateOffLateOn',
      '"Leave late, arrive late next day" was not written: WeCom only allows it together with a grace time or flexible arrival, and this shift has neither.',
    ],
    [
      'a late-off-late-on step rounded',
      [section(9 * H, 18 * H, { lateGraceSec: 5 * M })],
      { lateOffLateOn: [{ offLateSec: 3700, onLateSec: 30 * M }] },
      'shifts.day.lateOffLateOn',
      '"Leave 3700 s late, arrive 30 min late next day" became 1 h / 30 min: WeCom allows multiples of 15 minutes up to 10 hours, and the later arrival may not exceed the later leave.',
    ],
  ])('says in words what became of %s', (_what, sections, extra, field, message) => {
    expect(lossAt(write(sections, extra), field)?.message).toBe(message);
  });
});
