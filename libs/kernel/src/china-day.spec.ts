import fc from 'fast-check';
import {
  addDays,
  calendarDateOf,
  CHINA_UTC_OFFSET_SECONDS,
  chinaDayOf,
  chinaDayStart,
  chinaEpochDayOf,
  chinaMidnight,
  chinaMidnightOfEpochDay,
  DAY_SECONDS,
  epochDayOf,
  formatDayInt,
  formatIsoDay,
  mondayFirstWeekday,
  parseDayInt,
  parseIsoDay,
} from './china-day.js';

// Examples at the edges a day has (midnight, 23:59:59, month and year ends, leap days, the ends of the
// four-digit years), then properties against Date, which the code this module replaced asked (the readings
// below are those calls, written out), with a fixed seed.

const SEED = 20_260_319;
const RUNS = { seed: SEED, numRuns: 2000 };

/** Unix seconds of a China wall-clock time. */
const china = (text: string): number => Date.parse(`${text}+08:00`) / 1000;

/** The old punch-window / webhook reading of an instant's China day. */
const dateChinaDay = (unixSeconds: number): string =>
  new Date((unixSeconds + 8 * 3600) * 1000).toISOString().slice(0, 10);

/** The old reading of a date (Date.UTC with years 0–99 left as they are), or null when it does not round-trip. */
function dateEpochDay(year: number, month: number, day: number): number | null {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / 86_400_000;
}

/** The REST DTO's old check of a YYYY-MM-DD day. */
const dateAcceptsIsoDay = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const FIRST_DAY = -719_528; // 0000-01-01
const LAST_DAY = 2_932_896; // 9999-12-31
const fourDigitYearDay = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
/** Date's range is ±8.64e15 ms; in China days a little less at the top. */
const dateRangeSeconds = fc.integer({ min: -8.64e12, max: 8.64e12 - CHINA_UTC_OFFSET_SECONDS });
const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

describe('China day of an instant', () => {
  it.each([
    ['1970-01-01T00:00:00', '1970-01-01'],
    ['2026-03-14T23:59:59', '2026-03-14'],
    ['2026-03-15T00:00:00', '2026-03-15'],
    ['2025-12-31T23:59:59', '2025-12-31'],
    ['2026-01-01T00:00:00', '2026-01-01'],
    ['2028-02-29T00:00:00', '2028-02-29'],
    ['2028-02-29T23:59:59', '2028-02-29'],
    ['2100-02-28T23:59:59', '2100-02-28'],
    ['2100-03-01T00:00:00', '2100-03-01'],
    ['0000-01-01T00:00:00', '0000-01-01'],
    ['9999-12-31T23:59:59', '9999-12-31'],
  ])('%s in China is on %s', (time, day) => {
    const at = china(time);
    expect(chinaDayOf(at)).toBe(day);
    expect(chinaDayStart(at)).toBe(china(`${day}T00:00:00`));
    expect(chinaMidnight(day)).toBe(china(`${day}T00:00:00`));
  });

  it('is eight hours ahead of UTC, before 1970 too', () => {
    expect(chinaDayOf(Date.UTC(2026, 2, 14, 15, 59, 59) / 1000)).toBe('2026-03-14');
    expect(chinaDayOf(Date.UTC(2026, 2, 14, 16) / 1000)).toBe('2026-03-15');
    expect(chinaDayOf(0)).toBe('1970-01-01');
    expect(chinaDayOf(-CHINA_UTC_OFFSET_SECONDS)).toBe('1970-01-01');
    expect(chinaDayOf(-CHINA_UTC_OFFSET_SECONDS - 1)).toBe('1969-12-31');
    expect(chinaEpochDayOf(-CHINA_UTC_OFFSET_SECONDS - 1)).toBe(-1);
    expect(chinaDayStart(-1)).toBe(-CHINA_UTC_OFFSET_SECONDS);
    expect(chinaDayStart(-CHINA_UTC_OFFSET_SECONDS - 1)).toBe(-CHINA_UTC_OFFSET_SECONDS - DAY_SECONDS);
    // Milliseconds as seconds (Date.now() / 1000), as the e2e tests pass them.
    expect(chinaDayOf(Date.UTC(2026, 2, 14, 15, 59, 59, 999) / 1000)).toBe('2026-03-14');
  });

  it('spells a day without a four-digit year as Date#toISOString begins, and throws past Date', () => {
    expect(chinaDayOf(china('9999-12-31T23:59:59') + 1)).toBe('+010000-01');
    expect(chinaDayOf(china('0000-01-01T00:00:00') - 1)).toBe('-000001-12');
    expect(chinaDayOf(999_999_999_999)).toBe(dateChinaDay(999_999_999_999)); // a 12-digit webhook check_time
    expect(() => chinaDayOf(8.64e12)).toThrow(RangeError);
    expect(() => chinaDayOf(Number.NaN)).toThrow(RangeError);
    expect(() => chinaDayOf(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(formatIsoDay(LAST_DAY + 1)).toBe('+010000-01');
    expect(() => formatIsoDay(1e9)).toThrow(RangeError);
  });

  it('is the Date reading for every second and millisecond in Date’s range', () => {
    const instant = fc.oneof(
      dateRangeSeconds,
      fc.integer({ min: 1_500_000_000, max: 2_100_000_000 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 - 28_800_000 }).map((ms) => ms / 1000),
    );
    fc.assert(
      fc.property(instant, (at) => expect(chinaDayOf(at)).toBe(dateChinaDay(at))),
      RUNS,
    );
  });

  it('starts at its China midnight and lasts a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: chinaMidnight('0000-01-01')!, max: chinaMidnight('9999-12-31')! }), (at) => {
        const start = chinaDayStart(at);
        expect(chinaMidnight(chinaDayOf(at))).toBe(start);
        expect(chinaMidnightOfEpochDay(chinaEpochDayOf(at))).toBe(start);
        expect(at - start).toBeGreaterThanOrEqual(0);
        expect(at - start).toBeLessThan(DAY_SECONDS);
        expect(chinaDayStart(start)).toBe(start);
      }),
      RUNS,
    );
  });
});

describe('YYYY-MM-DD', () => {
  it.each([
    ['2026-03-05', 20_517],
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['0000-01-01', FIRST_DAY],
    ['9999-12-31', LAST_DAY],
    ['2024-02-29', 19_782],
    ['2000-02-29', 11_016],
  ])('%s is epoch day %i', (text, epochDay) => {
    expect(parseIsoDay(text)).toBe(epochDay);
    expect(formatIsoDay(epochDay)).toBe(text);
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-3-5',
    '20260305',
    ' 2026-03-05',
    '2026-03-05T00:00:00Z',
    '+010000-01',
    '-000001-12',
    '',
  ])('%j names no day', (text) => {
    expect(parseIsoDay(text)).toBeNull();
    expect(chinaMidnight(text)).toBeNull();
    expect(() => addDays(text, 1)).toThrow(RangeError);
  });

  it('reads what the REST DTO’s Date check accepted, and nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (text) => {
        expect(parseIsoDay(text) !== null).toBe(dateAcceptsIsoDay(text));
      }),
      RUNS,
    );
  });

  it('round-trips every day of the four-digit years', () => {
    fc.assert(
      fc.property(fourDigitYearDay, (epochDay) => {
        const text = formatIsoDay(epochDay);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(parseIsoDay(text)).toBe(epochDay);
        expect(chinaMidnight(text)).toBe(chinaMidnightOfEpochDay(epochDay));
      }),
      RUNS,
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-15', 0, '2026-03-15'],
    ['2026-03-15', 30, '2026-04-14'],
    ['2026-03-15', -365, '2025-03-15'],
    ['1970-01-01', -1, '1969-12-31'],
    ['9999-12-01', 30, '9999-12-31'],
    ['9999-12-20', 30, '+010000-01'],
  ])('%s + %i day(s) = %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('composes, and moves the China midnight by whole days', () => {
    const day = fourDigitYearDay.map(formatIsoDay);
    const step = fc.integer({ min: -800_000, max: 800_000 });
    fc.assert(
      fc.property(day, step, step, (start, a, b) => {
        const epochDay = parseIsoDay(start)!;
        fc.pre(epochDay + a >= FIRST_DAY && epochDay + a <= LAST_DAY);
        fc.pre(epochDay + a + b >= FIRST_DAY && epochDay + a + b <= LAST_DAY);
        expect(addDays(addDays(start, a), b)).toBe(addDays(start, a + b));
        expect(addDays(addDays(start, a), -a)).toBe(start);
        expect(chinaMidnight(addDays(start, a))! - chinaMidnight(start)!).toBe(a * DAY_SECONDS);
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  it('is the Date reading (00:00 UTC plus whole days)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }).map((offset) => offset - 2500),
        (days) => {
          const expected = new Date(Date.UTC(2026, 2, 15) + days * 86_400_000).toISOString().slice(0, 10);
          expect(addDays('2026-03-15', days)).toBe(expected);
        },
      ),
      RUNS,
    );
  });
});

describe('yyyyMMdd', () => {
  it.each([
    [20_260_305, '2026-03-05'],
    [20_240_229, '2024-02-29'],
    [19_000_101, '1900-01-01'],
    [29_991_231, '2999-12-31'],
    [101, '0000-01-01'],
    [99_991_231, '9999-12-31'],
  ])('%i is %s', (dayInt, text) => {
    const epochDay = parseDayInt(dayInt);
    expect(epochDay).toBe(parseIsoDay(text));
    expect(formatDayInt(epochDay!)).toBe(dayInt);
  });

  it.each([
    0,
    100,
    20_230_229,
    20_261_301,
    20_260_100,
    20_260_132,
    2_026_031,
    -20_260_101,
    100_000_101,
    20_260_301.5,
    NaN,
  ])('%d names no day', (value) => {
    expect(parseDayInt(value)).toBeNull();
  });

  it('round-trips, and reads as Date did', () => {
    fc.assert(
      fc.property(fourDigitYearDay, (epochDay) => {
        expect(parseDayInt(formatDayInt(epochDay))).toBe(epochDay);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_991_299 }), (value) => {
        const year = Math.floor(value / 10_000);
        expect(parseDayInt(value)).toBe(dateEpochDay(year, Math.floor(value / 100) % 100, value % 100));
      }),
      RUNS,
    );
  });

  it('is the Date reading of an instant’s China day (the Feishu connector’s check_date_*)', () => {
    fc.assert(
      fc.property(dateRangeSeconds, (at) => {
        const shifted = new Date((at + 8 * 3600) * 1000);
        const expected = shifted.getUTCFullYear() * 10_000 + (shifted.getUTCMonth() + 1) * 100 + shifted.getUTCDate();
        expect(formatDayInt(chinaEpochDayOf(at))).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('calendar dates', () => {
  it('rolls a month or day over as Date.UTC does, but keeps years 0–99', () => {
    expect(epochDayOf(2026, 13, 1)).toBe(parseIsoDay('2027-01-01'));
    expect(epochDayOf(2026, 0, 1)).toBe(parseIsoDay('2025-12-01'));
    expect(epochDayOf(2026, -11, 1)).toBe(parseIsoDay('2025-01-01'));
    expect(epochDayOf(2026, 3, 0)).toBe(parseIsoDay('2026-02-28'));
    expect(epochDayOf(2028, 3, 0)).toBe(parseIsoDay('2028-02-29'));
    expect(epochDayOf(2026, 2, 29)).toBe(parseIsoDay('2026-03-01'));
    expect(epochDayOf(50, 1, 1)).toBe(parseIsoDay('0050-01-01'));
    expect(calendarDateOf(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(calendarDateOf(FIRST_DAY - 1)).toEqual({ year: -1, month: 12, day: 31 });
  });

  it('agrees with Date in both directions', () => {
    const any = fc.tuple(
      fc.integer({ min: -5000, max: 20_000 }),
      fc.integer({ min: -30, max: 30 }),
      fc.integer({ min: -60, max: 90 }),
    );
    fc.assert(
      fc.property(any, ([year, month, day]) => {
        const date = new Date(0);
        date.setUTCFullYear(year, month - 1, day);
        const epochDay = date.getTime() / 86_400_000;
        expect(epochDayOf(year, month, day)).toBe(epochDay);
        expect(calendarDateOf(epochDay)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
      }),
      RUNS,
    );
  });
});

describe('mondayFirstWeekday', () => {
  it.each([
    ['1970-01-01', 3], // Thursday
    ['1969-12-31', 2], // Wednesday
    ['2026-03-16', 0], // Monday
    ['2026-03-22', 6], // Sunday
    ['0000-01-01', 5], // Saturday
  ])('%s → %i', (text, weekday) => {
    expect(mondayFirstWeekday(parseIsoDay(text)!)).toBe(weekday);
  });

  it('is Date#getUTCDay moved to start on Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (epochDay) => {
        expect(mondayFirstWeekday(epochDay)).toBe((new Date(epochDay * 86_400_000).getUTCDay() + 6) % 7);
      }),
      RUNS,
    );
  });
});
