import type { CanonicalRule } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss, Translation } from '../canonical/loss.js';
import { canonicalToWecom, type CanonicalToWecomOptions } from './canonical-to-wecom.mapper.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

// Examples for the module-level helpers of the mapper (make-up punch limits, day grace, flexible values,
// schedule ids, reminders, weekday names), reached through canonicalToWecom. Every expected message and value
// is written out by hand from the WeCom write docs (REFERENCE.md) and the mapper's documented intent.

/** 2025-06-14 23:06:40 China. Fixed, so nothing here depends on the clock. */
const NOW = 1_749_913_600;
const H = 3600;
const M = 60;

function write(canonical: CanonicalRule, options: Partial<CanonicalToWecomOptions> = {}) {
  return canonicalToWecom(canonical, {
    resolver: sameIdResolver((id) => id),
    ruleName: 'Office',
    nowUnixSeconds: NOW,
    ...options,
  });
}

function value<T>(result: Translation<T>): T {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  return result.value;
}

function lossesAt(result: Translation<unknown>, prefix: string): Loss[] {
  return result.losses.filter((loss) => loss.field.startsWith(prefix));
}

const NO_REMINDER_DEFAULT: Loss = {
  field: 'punchReminder',
  severity: 'info',
  message:
    'The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: at the start of work and at the end of work.',
  sourceValue: null,
  targetValue: { beforeOnSec: 0, afterOffSec: 0 },
};

const DEFAULT_WINDOW: Loss = {
  field: 'shifts.sections.punchWindow',
  severity: 'info',
  message:
    'Some time sections had no punch window of their own; WeCom requires one, so clock-in is accepted from 1 h before start to mid-section and clock-out from mid-section to 1 h after end (shortened where sections are close together).',
};

describe('canonicalToWecom helpers: make-up punches (remedyFields, remedyLimit)', () => {
  // The fixture's make-up settings (no limits; missing, late, early and other punches), switched on.
  const base: CanonicalRule['remedy'] = { ...officeRule().remedy, allowed: true };

  it('reports a normal-punch remedy and limits outside WeCom’s ranges with their exact messages', () => {
    const result = write(officeRule({ remedy: { ...base, forNormal: true, monthlyLimit: 150, daysLimit: 200 } }));
    const group = value(result);
    // doc: allow_apply_bk_cnt up to 99, allow_apply_bk_day_limit up to 180.
    expect(group.allow_apply_offworkday).toBe(true);
    expect(group.allow_apply_bk_cnt).toBe(99);
    expect(group.allow_apply_bk_day_limit).toBe(180);
    expect(result.losses).toEqual([
      DEFAULT_WINDOW,
      NO_REMINDER_DEFAULT,
      {
        field: 'remedy.forNormal',
        severity: 'dropped',
        message:
          'Make-up punches for punches that were normal are allowed in the source; WeCom has no such option (its make-up punches are for missing, late, early or other exceptions only), so it was not written.',
        sourceValue: true,
      },
      {
        field: 'remedy.monthlyLimit',
        severity: 'approximated',
        message: 'Make-up punches per month 150 was changed to 99: WeCom allows 0 to 99 (or unlimited).',
        sourceValue: 150,
        targetValue: 99,
      },
      {
        field: 'remedy.daysLimit',
        severity: 'approximated',
        message: 'Days a make-up punch may reach back 200 was changed to 180: WeCom allows 1 to 180 (or unlimited).',
        sourceValue: 200,
        targetValue: 180,
      },
    ]);
  });

  it('raises a zero reach-back to 1 (today), WeCom’s smallest', () => {
    const result = write(officeRule({ remedy: { ...base, monthlyLimit: 3, daysLimit: 0 } }));
    expect(value(result).allow_apply_bk_cnt).toBe(3);
    expect(value(result).allow_apply_bk_day_limit).toBe(1);
    expect(lossesAt(result, 'remedy')).toEqual([
      {
        field: 'remedy.daysLimit',
        severity: 'approximated',
        message: 'Days a make-up punch may reach back 0 was changed to 1: WeCom allows 1 to 180 (or unlimited).',
        sourceValue: 0,
        targetValue: 1,
      },
    ]);
  });

  it.each<[string, Partial<CanonicalRule['remedy']>]>([
    ['a monthly limit', { monthlyLimit: 5 }],
    ['a reach-back limit', { daysLimit: 30 }],
    ['a closed type (late)', { forLate: false }],
  ])('says once that %s of a disallowed make-up punch is not written', (_name, remedy) => {
    const result = write(officeRule({ remedy: { ...base, allowed: false, ...remedy } }));
    expect(value(result).allow_apply_offworkday).toBe(false);
    expect(value(result).allow_apply_bk_cnt).toBeUndefined();
    expect(lossesAt(result, 'remedy')).toEqual([
      {
        field: 'remedy',
        severity: 'info',
        message:
          'Make-up punches are not allowed, so their limits and types were not written (WeCom keeps them only when make-up punches are on).',
      },
    ]);
  });
});

describe('canonicalToWecom helpers: grace and flexible values (dayGrace, flexValue)', () => {
  it('uses the most lenient grace of the day when sections differ, and says so', () => {
    const canonical = officeRule({
      shifts: [
        shift('day', [
          section(9 * H, 12 * H, { lateGraceSec: 5 * M }),
          section(13 * H, 18 * H, { lateGraceSec: 10 * M }),
        ]),
      ],
    });
    const result = write(canonical);
    expect(value(result).checkindate![0]!.flex_on_duty_time).toBe(10 * M);
    expect(lossesAt(result, 'shifts.')).toEqual([
      {
        field: 'shifts.day.sections.lateGraceSec',
        severity: 'approximated',
        message:
          'Grace for late arrival differs between the sections of the day (5 min, 10 min); WeCom has one value per day, so the most lenient, 10 min, was used.',
        sourceValue: [5 * M, 10 * M],
        targetValue: 10 * M,
      },
      DEFAULT_WINDOW,
    ]);
  });

  it('caps a grace over 6 hours and rounds one off the 5-minute step, with different words', () => {
    const canonical = officeRule({
      shifts: [shift('day', [section(8 * H, 20 * H, { lateGraceSec: 7 * H, earlyLeaveGraceSec: 7 * M })])],
    });
    const result = write(canonical);
    expect(lossesAt(result, 'shifts.')).toEqual([
      {
        field: 'shifts.day.sections.lateGraceSec',
        severity: 'approximated',
        message:
          'Grace for late arrival 7 h was capped to 6 h: WeCom only allows multiples of 5 minutes, up to 6 hours.',
        sourceValue: 7 * H,
        targetValue: 6 * H,
      },
      {
        field: 'shifts.day.sections.earlyLeaveGraceSec',
        severity: 'approximated',
        message:
          'Grace for early leave 7 min was rounded to 5 min: WeCom only allows multiples of 5 minutes, up to 6 hours.',
        sourceValue: 7 * M,
        targetValue: 5 * M,
      },
      DEFAULT_WINDOW,
    ]);
  });
});

describe('canonicalToWecom helpers: schedule ids (scheduleIds)', () => {
  it('keeps keys that are WeCom schedule ids, hashes every other key and probes past a taken id', () => {
    // Expected hashes: FNV-1a 32-bit of the key (computed by hand with an independent implementation),
    // modulo 2^31−1, plus 1. 'night' hashes to 1725865827, which the key '1725865827' already holds.
    const keys = ['night', '-5', '0', '1e3', '1725865827', '2147483647', '2147483648'];
    const canonical = officeRule({
      kind: 'shift_based',
      week: {},
      shifts: keys.map((key, index) => shift(key, [section(9 * H, 18 * H)], { name: `S${index}` })),
    });
    const ids = value(write(canonical)).schedulelist!.map((schedule) => [schedule.schedule_name, schedule.schedule_id]);
    // Sorted by key: '-5' < '0' < '1725865827' < '1e3' < '2147483647' < '2147483648' < 'night'.
    expect(ids).toEqual([
      ['休息', 0],
      ['S1', 416_092_280], // '-5': not a positive integer
      ['S2', 890_022_064], // '0': not a positive integer
      ['S4', 1_725_865_827], // a WeCom id, kept
      ['S3', 1_928_464_985], // '1e3': a number, but not written as an integer
      ['S5', 2_147_483_647], // the largest WeCom id, kept
      ['S6', 651_603_413], // one over the largest id
      ['S0', 1_725_865_828], // 'night': its hash is taken, so the next id up
    ]);
  });
});

describe('canonicalToWecom helpers: punch reminders (snapReminder, reminderText, pickAllowed)', () => {
  it('snaps a reminder after the start / after the end to WeCom’s choices, describing each side', () => {
    const result = write(officeRule({ punchReminder: { beforeOnSec: -5 * M, afterOffSec: 25 * M } }));
    expect(value(result).checkindate![0]!.checkintime[0]).toMatchObject({
      remind_work_sec: 9 * H,
      remind_off_work_sec: 18 * H + 20 * M,
    });
    expect(result.losses).toEqual([
      {
        field: 'punchReminder.beforeOnSec',
        severity: 'approximated',
        message:
          'A punch reminder 5 min after the start of work was written as on time: WeCom offers 0, 5, 10, 15, 20 minutes before the start of work.',
        sourceValue: -5 * M,
        targetValue: 0,
      },
      {
        // A tie between 20 and 30 min: the smaller, so the reminder never moves further from the working time.
        field: 'punchReminder.afterOffSec',
        severity: 'approximated',
        message:
          'A punch reminder 25 min after the end of work was written as 20 min after: WeCom offers 0, 10, 20, 30, 60 minutes after the end of work.',
        sourceValue: 25 * M,
        targetValue: 20 * M,
      },
      DEFAULT_WINDOW,
    ]);
  });

  it('snaps a reminder before the start / before the end, describing each side', () => {
    const result = write(officeRule({ punchReminder: { beforeOnSec: 7 * M, afterOffSec: -10 * M } }));
    expect(result.losses).toEqual([
      {
        field: 'punchReminder.beforeOnSec',
        severity: 'approximated',
        message:
          'A punch reminder 7 min before the start of work was written as 5 min before: WeCom offers 0, 5, 10, 15, 20 minutes before the start of work.',
        sourceValue: 7 * M,
        targetValue: 5 * M,
      },
      {
        field: 'punchReminder.afterOffSec',
        severity: 'approximated',
        message:
          'A punch reminder 10 min before the end of work was written as on time: WeCom offers 0, 10, 20, 30, 60 minutes after the end of work.',
        sourceValue: -10 * M,
        targetValue: 0,
      },
      DEFAULT_WINDOW,
    ]);
  });

  it('names the deployment default reminder in words', () => {
    const result = write(officeRule(), { remindBeforeWorkMinutes: 10, remindAfterOffMinutes: 30 });
    expect(result.losses).toEqual([
      DEFAULT_WINDOW,
      {
        field: 'punchReminder',
        severity: 'info',
        message:
          'The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: 10 min before work and 30 min after work.',
        sourceValue: null,
        targetValue: { beforeOnSec: 10 * M, afterOffSec: 30 * M },
      },
    ]);
  });

  it('names a reminder shortened at the start of the day in words', () => {
    const canonical = officeRule({
      shifts: [
        shift('day', [
          section(5 * M, 8 * H, {
            punchWindow: { earliestOnSec: 0, latestOnSec: 4 * H, earliestOffSec: 4 * H, latestOffSec: 9 * H },
          }),
        ]),
      ],
      punchReminder: { beforeOnSec: 10 * M, afterOffSec: 30 * M },
    });
    const result = write(canonical);
    expect(lossesAt(result, 'shifts.')).toEqual([
      expect.objectContaining({
        severity: 'approximated',
        message:
          'The punch reminder of 00:05–08:00 (10 min before work and 30 min after work) would fall outside the day, so 5 min before work and 30 min after work was written.',
      }),
    ]);
  });

  it('writes on time for a deployment default WeCom does not offer, and says so', () => {
    // The defaults come from deployment configuration, which the type alone does not check.
    const options = { remindBeforeWorkMinutes: 7 } as unknown as Partial<CanonicalToWecomOptions>;
    const result = write(officeRule(), options);
    expect(value(result).checkindate![0]!.checkintime[0]!.remind_work_sec).toBe(9 * H);
    expect(result.losses).toEqual([
      {
        field: 'remindBeforeWorkMinutes',
        severity: 'approximated',
        message: 'Reminder offset 7 min is not one WeCom offers (0, 5, 10, 15, 20); no offset (on time) was used.',
        sourceValue: 7,
        targetValue: 0,
      },
      DEFAULT_WINDOW,
      NO_REMINDER_DEFAULT,
    ]);
  });
});

describe('canonicalToWecom helpers: weekday names (weekdayName)', () => {
  it('names each weekday that points to a missing shift', () => {
    const canonical = officeRule({
      week: { 1: 'gone', 2: 'gone', 3: 'gone', 4: 'gone', 5: 'gone', 6: 'gone', 7: 'gone' },
    });
    const result = write(canonical);
    expect(lossesAt(result, 'week.').map((loss) => loss.message)).toEqual(
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map(
        (day) => `${day} points to a shift that is not in the rule, so it was written as a rest day.`,
      ),
    );
  });
});
