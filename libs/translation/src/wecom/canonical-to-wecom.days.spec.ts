import type { WecomCheckinGroupCreate } from '@app/wecom/model';
import type { CanonicalRule, IsoWeekday } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss, Translation } from '../canonical/loss.js';
import { canonicalToWecom } from './canonical-to-wecom.mapper.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

// Which weekdays and shifts a rule of each kind writes, the names of by-shift schedules, a free rule's
// workdays, day start and required time, and special days (canonical-to-wecom.mapper.ts fixed … free and
// specialDays … usableSpecialDay). Every loss list is compared whole, with its messages written out.

/** 2030-01-01 00:00 in China (UTC+8): 21,915 days after 1970-01-01, minus 8 h. */
const NOW = 1_893_427_200;
const DAY = 86_400;
const H = 3600;
const M = 60;

/** The office rule with a reminder of its own, so no reminder default is reported next to what a test checks. */
function rule(extra: Partial<CanonicalRule>): CanonicalRule {
  return officeRule({ punchReminder: { beforeOnSec: 0, afterOffSec: 0 }, ...extra });
}

function write(canonical: CanonicalRule): Translation<WecomCheckinGroupCreate> {
  return canonicalToWecom(canonical, { resolver: sameIdResolver((id) => id), ruleName: 'Office', nowUnixSeconds: NOW });
}

function value(result: Translation<WecomCheckinGroupCreate>): WecomCheckinGroupCreate {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  return result.value;
}

/**
 * The losses a test is about: without the notes on the default punch window and on the reminder, which every
 * rule of this file gets alike (its sections have no window of their own) and other specs check.
 */
function losses(result: Translation<unknown>): readonly Loss[] {
  return result.losses.filter((loss) => loss.field !== 'shifts.sections.punchWindow' && loss.field !== 'punchReminder');
}

function nine(key: string, name = '') {
  return shift(key, [section(9 * H, 18 * H)], { name });
}

function freeRule(
  free: CanonicalRule['free'],
  extra: Partial<CanonicalRule> = { shifts: [], week: {} },
): CanonicalRule {
  // A free rule keeps no reminder (it has no sections): none in the source, so none is reported.
  return officeRule({ kind: 'free', free, ...extra });
}

const FREE_INFO: Loss = {
  field: 'shifts',
  severity: 'info',
  message: 'A free WeCom rule has no shifts or working times, so the shifts and week were not written.',
};

const SHIFT_KEYS_OF_ENTRY = [
  'workdays',
  'checkintime',
  'allow_flex',
  'flex_on_duty_time',
  'flex_off_duty_time',
  'max_allow_arrive_early',
  'max_allow_arrive_late',
];

describe('canonicalToWecom: fixed rule weekdays', () => {
  it('reports each shift no weekday uses, by name or else by key, and writes no late_rule it does not have', () => {
    const result = write(
      rule({
        shifts: [nine('day', 'Day'), nine('late', 'Late'), nine('spare')],
        week: { 1: 'day', 2: 'day', 3: null },
      }),
    );
    expect(losses(result)).toEqual([
      {
        field: 'shifts.late',
        severity: 'info',
        message:
          'Shift "Late" is not worked on any weekday; a fixed WeCom rule has no list of spare shifts, so it was not written.',
      },
      {
        field: 'shifts.spare',
        severity: 'info',
        message:
          'Shift "spare" is not worked on any weekday; a fixed WeCom rule has no list of spare shifts, so it was not written.',
      },
    ]);
    const checkindate = value(result).checkindate!;
    expect(checkindate).toHaveLength(1);
    expect(checkindate[0]!.workdays).toEqual([1, 2]);
    expect(Object.keys(checkindate[0]!)).toEqual(SHIFT_KEYS_OF_ENTRY);
  });

  it('refuses a fixed rule whose week is rest days only, naming the week', () => {
    const result = write(rule({ shifts: [nine('day', 'Day')], week: { 1: null, 6: null } }));
    expect(result.ok).toBe(false);
    expect(losses(result)).toEqual([
      {
        field: 'shifts.day',
        severity: 'info',
        message:
          'Shift "Day" is not worked on any weekday; a fixed WeCom rule has no list of spare shifts, so it was not written.',
      },
      {
        field: 'week',
        severity: 'blocking',
        message: 'The fixed rule has no working weekday; WeCom requires at least one day with working times.',
      },
    ]);
  });
});

describe('canonicalToWecom: by-shift rules', () => {
  function byShift(shifts: CanonicalRule['shifts'], week: CanonicalRule['week'] = {}) {
    return write(rule({ kind: 'shift_based', shifts, week }));
  }

  function names(result: Translation<WecomCheckinGroupCreate>): string[] {
    return value(result).schedulelist!.map((schedule) => schedule.schedule_name);
  }

  it('reports a weekly pattern it cannot write, but not a week of rest days only', () => {
    const week = {
      field: 'week',
      severity: 'info',
      message:
        'A by-shift WeCom rule has no weekly pattern (people are rostered day by day), so the week was not written.',
    };
    expect(losses(byShift([nine('a', 'A')], { 1: 'a', 2: null }))).toEqual([week]);
    expect(losses(byShift([nine('a', 'A')], { 1: 'a' }))).toEqual([week]);
    expect(losses(byShift([nine('a', 'A')], { 1: null, 7: null }))).toEqual([]);
    expect(losses(byShift([nine('a', 'A')], { 1: undefined }))).toEqual([]);
    expect(losses(byShift([nine('a', 'A')]))).toEqual([]);
  });

  it('refuses a rule without shifts', () => {
    const result = byShift([]);
    expect(result.ok).toBe(false);
    expect(losses(result)).toEqual([
      {
        field: 'shifts',
        severity: 'blocking',
        message: 'The by-shift rule has no shift; WeCom requires at least one working shift besides the rest day.',
      },
    ]);
  });

  it('writes 49 shifts next to the rest day and refuses 50', () => {
    const shifts = (count: number) =>
      Array.from({ length: count }, (_, index) => nine(`s${String(index + 10)}`, `Shift ${index + 10}`));
    const fortyNine = byShift(shifts(49));
    expect(losses(fortyNine)).toEqual([]);
    expect(value(fortyNine).schedulelist).toHaveLength(50);
    const fifty = byShift(shifts(50));
    expect(fifty.ok).toBe(false);
    expect(losses(fifty)).toEqual([
      {
        field: 'shifts',
        severity: 'blocking',
        message: 'The rule has 50 shifts; WeCom allows at most 49 working shifts next to its rest day (50 in all).',
      },
    ]);
  });

  it.each([[['c', 'a', 'b']], [['b', 'c', 'a']], [['c', 'b', 'a']], [['a', 'c', 'b']], [['b', 'a', 'c']]])(
    'writes the schedules in key order whatever the order of %j',
    (keys) => {
      const result = byShift(keys.map((key) => nine(key, key.toUpperCase())));
      expect(names(result)).toEqual(['休息', 'A', 'B', 'C']);
    },
  );

  it('keeps two shifts of one key in the order given (the sort is stable)', () => {
    expect(names(byShift([nine('b', 'B'), nine('a', 'First'), nine('a', 'Second')]))).toEqual([
      '休息',
      'First',
      'Second',
      'B',
    ]);
  });

  it('writes no late_rule for a shift without flexible time', () => {
    const schedule = value(byShift([nine('a', 'A')])).schedulelist![1]!;
    expect(Object.keys(schedule)).toEqual([
      'schedule_id',
      'schedule_name',
      'time_section',
      'allow_flex',
      'flex_on_duty_time',
      'flex_off_duty_time',
      'max_allow_arrive_early',
      'max_allow_arrive_late',
    ]);
  });

  it('names shifts uniquely, keeps 休息 for the rest day and trims names, reporting each change', () => {
    const forty = 'x'.repeat(40);
    const result = byShift([
      nine('a', 'Day'),
      nine('b', 'Day (2)'),
      nine('c', 'Day'),
      nine('d', '休息'),
      nine('e', '  Night  '),
      nine('f', '   '),
      nine('g'),
      nine('h', forty),
      nine('i', forty),
    ]);
    expect(names(result)).toEqual([
      '休息',
      'Day',
      'Day (2)',
      'Day (3)',
      '休息 (2)',
      'Night',
      '09:00-18:00',
      '09:00-18:00 (2)',
      forty,
      `${'x'.repeat(35)} (2)`,
    ]);
    const renamed =
      'WeCom shift names are unique within a rule, at most 40 characters, and "休息" is reserved for the rest day.';
    expect(losses(result)).toEqual([
      {
        field: 'shifts.c.name',
        severity: 'approximated',
        message: `Shift "Day" was renamed "Day (3)": ${renamed}`,
        sourceValue: 'Day',
        targetValue: 'Day (3)',
      },
      {
        field: 'shifts.d.name',
        severity: 'approximated',
        message: `Shift "休息" was renamed "休息 (2)": ${renamed}`,
        sourceValue: '休息',
        targetValue: '休息 (2)',
      },
      {
        field: 'shifts.e.name',
        severity: 'approximated',
        message: `Shift "  Night  " was renamed "Night": ${renamed}`,
        sourceValue: '  Night  ',
        targetValue: 'Night',
      },
      {
        field: 'shifts.f.name',
        severity: 'approximated',
        message: 'The shift has no name; it was named "09:00-18:00" because WeCom requires one.',
        sourceValue: '   ',
        targetValue: '09:00-18:00',
      },
      {
        field: 'shifts.g.name',
        severity: 'approximated',
        message: 'The shift has no name; it was named "09:00-18:00 (2)" because WeCom requires one.',
        sourceValue: '',
        targetValue: '09:00-18:00 (2)',
      },
      {
        field: 'shifts.i.name',
        severity: 'approximated',
        message: `Shift "${forty}" was renamed "${'x'.repeat(35)} (2)": ${renamed}`,
        sourceValue: forty,
        targetValue: `${'x'.repeat(35)} (2)`,
      },
    ]);
  });
});

describe('canonicalToWecom: free rules', () => {
  const free = (workdays: readonly IsoWeekday[], dayStartSec = 0, requiredWorkSec: number | null = null) => ({
    workdays,
    dayStartSec,
    requiredWorkSec,
  });

  it('reports shifts or a week it cannot write, but not a week of rest days only', () => {
    expect(losses(write(freeRule(free([1]), { shifts: [nine('a')], week: {} })))).toEqual([FREE_INFO]);
    expect(losses(write(freeRule(free([1]), { shifts: [], week: { 3: 'a' } })))).toEqual([FREE_INFO]);
    expect(losses(write(freeRule(free([1]), { shifts: [], week: { 3: null } })))).toEqual([]);
    expect(losses(write(freeRule(free([1]), { shifts: [], week: { 3: undefined } })))).toEqual([]);
    expect(losses(write(freeRule(free([1]))))).toEqual([]);
  });

  it.each([
    ['no free settings', null],
    ['no workday', { workdays: [], dayStartSec: 0, requiredWorkSec: null }],
  ])('refuses a free rule with %s', (_what, settings) => {
    const result = write(freeRule(settings));
    expect(result.ok).toBe(false);
    expect(losses(result)).toEqual([
      {
        field: 'free.workdays',
        severity: 'blocking',
        message: 'The free rule has no working weekday; WeCom requires at least one.',
      },
    ]);
  });

  it.each([[[5, 3, 1, 7, 3]], [[7, 1, 5, 3]], [[3, 5, 7, 1]]] as const)(
    'writes the workdays %j once each, Monday first and Sunday as 0',
    (workdays) => {
      expect(value(write(freeRule(free(workdays)))).checkindate).toEqual([{ workdays: [1, 3, 5, 0], checkintime: [] }]);
    },
  );

  it('keeps the day start within one day, reporting the change', () => {
    const result = write(freeRule(free([1], DAY + 30 * M)));
    expect(value(result).span_day_time).toBe(23 * H + 59 * M);
    expect(losses(result)).toEqual([
      {
        field: 'free.dayStartSec',
        severity: 'approximated',
        message:
          'The attendance day start 00:30 (next day) was changed to 23:59: WeCom needs a whole minute within one day.',
        sourceValue: DAY + 30 * M,
        targetValue: 23 * H + 59 * M,
      },
    ]);
  });

  it('rounds the required working time to half hours, reporting the change', () => {
    const result = write(freeRule(free([1], 4 * H, 8 * H + 10 * M)));
    expect(value(result)).toMatchObject({ span_day_time: 4 * H, standard_work_duration: 8 * H });
    expect(losses(result)).toEqual([
      {
        field: 'free.requiredWorkSec',
        severity: 'approximated',
        message: 'Required working time 490 min was changed to 8 h: WeCom allows 1 h to 24 h in steps of 30 minutes.',
        sourceValue: 8 * H + 10 * M,
        targetValue: 8 * H,
      },
    ]);
  });
});

describe('canonicalToWecom: special days', () => {
  /** China midnights counted from NOW (2030-01-01): 2030-01-02 is one day on, 2030-03-01 is 59 days on. */
  const at = (days: number) => NOW + days * DAY;
  const workday = (date: string, note = 'Make-up day') => ({
    date,
    shiftKey: null,
    sections: [section(9 * H, 18 * H)],
    note,
  });

  it('drops special working days of a rule that is not fixed, in date order', () => {
    const result = write(
      rule({
        kind: 'shift_based',
        shifts: [nine('a', 'A')],
        week: {},
        specialWorkdays: [workday('2030-03-02'), workday('2030-03-01')],
      }),
    );
    expect(value(result).spe_workdays).toBeUndefined();
    expect(losses(result)).toEqual(
      ['2030-03-01', '2030-03-02'].map((date) => ({
        field: 'specialWorkdays',
        severity: 'dropped',
        message: `Special working day ${date} was not written: WeCom only has special working days in fixed-time rules.`,
        sourceValue: date,
      })),
    );
  });

  it.each([
    [['2030-01-03', '2030-01-02', '2030-03-01']],
    [['2030-03-01', '2030-01-03', '2030-01-02']],
    [['2030-01-02', '2030-03-01', '2030-01-03']],
    [['2030-03-01', '2030-01-02', '2030-01-03']],
    [['2030-01-03', '2030-03-01', '2030-01-02']],
  ])('writes special days given as %j in date order', (dates) => {
    const result = write(
      rule({
        specialWorkdays: dates.map((date) => workday(date)),
        specialOffdays: dates.map((date) => ({ date: date.replace('2030', '2031'), note: 'Off' })),
      }),
    );
    expect(losses(result)).toEqual([]);
    expect(value(result).spe_workdays!.map((day) => day.timestamp)).toEqual([at(1), at(2), at(59)]);
    expect(value(result).spe_offdays!.map((day) => day.timestamp)).toEqual([at(366), at(367), at(424)]);
  });

  it('writes the first of the entries for one date and drops the others, past days and invalid dates', () => {
    const result = write(
      rule({
        specialWorkdays: [
          workday('2030-01-05', 'First'),
          workday('2030-01-01'),
          workday('2030-01-05', 'Again'),
          workday('2030-02-30'),
        ],
        specialOffdays: [
          { date: '2030-01-06', note: 'Second' },
          { date: '2030-01-05', note: 'Off' },
          { date: '2030-01-06', note: 'Third' },
          { date: '2029-12-31', note: 'Off' },
        ],
      }),
    );
    expect(value(result).spe_workdays).toEqual([
      { type: 0, timestamp: at(4), notes: 'First', checkintime: expect.any(Array) },
    ]);
    expect(value(result).spe_offdays).toEqual([{ type: 0, timestamp: at(5), notes: 'Second' }]);
    expect(losses(result)).toEqual([
      {
        field: 'specialWorkdays.2030-01-01',
        severity: 'dropped',
        message:
          'Special day 2030-01-01 is today or in the past; WeCom only accepts future special days, so it was not written.',
        sourceValue: '2030-01-01',
      },
      {
        field: 'specialWorkdays.2030-01-05',
        severity: 'dropped',
        message:
          'Special day 2030-01-05 is listed more than once; WeCom allows each date once, so only the first was written.',
        sourceValue: '2030-01-05',
      },
      {
        field: 'specialWorkdays.2030-02-30',
        severity: 'dropped',
        message: 'Special day "2030-02-30" is not a valid date and was not written.',
        sourceValue: '2030-02-30',
      },
      {
        field: 'specialOffdays.2029-12-31',
        severity: 'dropped',
        message:
          'Special day 2029-12-31 is today or in the past; WeCom only accepts future special days, so it was not written.',
        sourceValue: '2029-12-31',
      },
      {
        field: 'specialOffdays.2030-01-05',
        severity: 'dropped',
        message:
          'Special day 2030-01-05 is listed more than once; WeCom allows each date once, so only the first was written.',
        sourceValue: '2030-01-05',
      },
      {
        field: 'specialOffdays.2030-01-06',
        severity: 'dropped',
        message:
          'Special day 2030-01-06 is listed more than once; WeCom allows each date once, so only the first was written.',
        sourceValue: '2030-01-06',
      },
    ]);
  });

  it('writes 366 special days and drops the 367th', () => {
    // 2030 has 365 days: the 366th day after 2030-01-01 is 2031-01-02, the 367th 2031-01-03.
    const dates = ['2030-01-02', '2030-01-03'];
    for (let month = 1; month <= 12; month += 1) {
      const length = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
      for (let day = 1; day <= length; day += 1) {
        if (month === 1 && day <= 3) continue;
        dates.push(`2030-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
    }
    dates.push('2031-01-01', '2031-01-02', '2031-01-03');
    expect(dates).toHaveLength(367);
    const result = write(rule({ specialOffdays: dates.map((date) => ({ date, note: 'Off' })) }));
    expect(value(result).spe_offdays).toHaveLength(366);
    expect(value(result).spe_offdays![365]!.timestamp).toBe(at(366));
    expect(losses(result)).toEqual([
      {
        field: 'specialOffdays.2031-01-03',
        severity: 'dropped',
        message: 'WeCom allows at most 366 special days; 2031-01-03 was not written.',
        sourceValue: '2031-01-03',
      },
    ]);
  });
});
