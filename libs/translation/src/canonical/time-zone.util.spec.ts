import { jest } from '@jest/globals';
import fc from 'fast-check';
import { dateInTimeZone, isKnownTimeZone } from './time-zone.util.js';

/** format is an accessor on the prototype (its getter returns a bound function); the DOM types call it a method. */
const formatAccessor = Intl.DateTimeFormat.prototype as unknown as { readonly format: object };

// dateInTimeZone reads dates with format() and, for China time, with arithmetic; either way the answer must be
// the one the formatter's parts give (the reading it replaced, written out here).

function referenceDate(unixSeconds: number, timeZone: string): string | null {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    return null;
  }
  if (!Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > 8.64e12) return null;
  const parts = formatter.formatToParts(new Date(unixSeconds * 1000));
  const part = (type: string): string | undefined => parts.find((entry) => entry.type === type)?.value;
  const year = part('year');
  const month = part('month');
  const day = part('day');
  if (year === undefined || month === undefined || day === undefined || !/^\d{4}$/.test(year)) return null;
  return `${year}-${month}-${day}`;
}

const ZONES = ['Asia/Shanghai', 'PRC', 'Asia/Chongqing', 'Asia/Urumqi', 'America/New_York', 'Europe/London', 'UTC'];

describe('dateInTimeZone', () => {
  it('gives the formatter parts’ date for any instant, in China time and elsewhere', () => {
    const instant = fc.oneof(
      fc.integer({ min: 600_000_000, max: 4_200_000_000 }),
      fc.integer({ min: -8.64e12, max: 8.64e12 }),
      fc.constantFrom(694_224_000, 694_224_000 - 1, 4_102_444_800, 4_102_444_800 - 1, 1_767_196_800 - 28_800),
      fc.double(),
    );
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (seconds, zone) => {
        expect(dateInTimeZone(seconds, zone)).toBe(referenceDate(seconds, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('knows no date in an unknown zone', () => {
    expect(isKnownTimeZone('Mars/Phobos')).toBe(false);
    expect(dateInTimeZone(1_767_196_800, 'Mars/Phobos')).toBeNull();
  });

  /** Unix seconds of a UTC wall-clock time (month 1-based). */
  const utc = (year: number, month: number, day: number, hour: number, minute: number, second = 0): number =>
    Date.UTC(year, month - 1, day, hour, minute, second) / 1000;

  it('gives the calendar date in the zone, per the IANA offsets and daylight-saving rules', () => {
    const cases: readonly (readonly [number, string, string])[] = [
      // China: UTC+8 without daylight saving since 1992.
      [utc(2025, 12, 31, 15, 59, 59), 'Asia/Shanghai', '2025-12-31'],
      [utc(2025, 12, 31, 16, 0), 'Asia/Shanghai', '2026-01-01'],
      [utc(2026, 7, 1, 15, 59, 59), 'PRC', '2026-07-01'],
      [utc(2026, 7, 1, 16, 0), 'PRC', '2026-07-02'],
      // China's last daylight-saving summer (14 April to 15 September 1991) was UTC+9.
      [utc(1991, 7, 1, 15, 30), 'Asia/Shanghai', '1991-07-02'],
      [utc(1991, 12, 1, 15, 30), 'Asia/Shanghai', '1991-12-01'],
      // New York: EST (UTC-5), EDT (UTC-4) from the second Sunday of March (8 March 2026) to the first
      // Sunday of November (1 November 2026).
      [utc(2026, 3, 8, 4, 30), 'America/New_York', '2026-03-07'],
      [utc(2026, 3, 9, 4, 30), 'America/New_York', '2026-03-09'],
      [utc(2026, 11, 1, 4, 30), 'America/New_York', '2026-11-01'],
      [utc(2026, 11, 2, 4, 30), 'America/New_York', '2026-11-01'],
      // Los Angeles in winter: UTC-8.
      [utc(2026, 1, 1, 7, 59), 'America/Los_Angeles', '2025-12-31'],
      [utc(2026, 1, 1, 8, 0), 'America/Los_Angeles', '2026-01-01'],
      // London: GMT in winter, BST (UTC+1) in summer.
      [utc(2026, 12, 31, 23, 30), 'Europe/London', '2026-12-31'],
      [utc(2026, 6, 30, 23, 30), 'Europe/London', '2026-07-01'],
      // Kolkata: UTC+05:30 all year.
      [utc(2026, 1, 31, 18, 29), 'Asia/Kolkata', '2026-01-31'],
      [utc(2026, 1, 31, 18, 30), 'Asia/Kolkata', '2026-02-01'],
      // Lord Howe Island: UTC+10:30, and UTC+11 (a 30-minute shift) in the southern summer.
      [utc(2026, 1, 14, 13, 15), 'Australia/Lord_Howe', '2026-01-15'],
      [utc(2026, 7, 14, 13, 15), 'Australia/Lord_Howe', '2026-07-14'],
      [utc(2026, 7, 14, 13, 30), 'Australia/Lord_Howe', '2026-07-15'],
    ];
    for (const [seconds, zone, date] of cases)
      expect([seconds, zone, dateInTimeZone(seconds, zone)]).toEqual([seconds, zone, date]);
  });

  it('reads China-time dates from 1992 up to 2100 by arithmetic, without Intl, and other instants with Intl', () => {
    const chinaZones = ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC'];
    for (const zone of chinaZones) expect(isKnownTimeZone(zone)).toBe(true);
    const format = jest.spyOn(formatAccessor, 'format', 'get');
    const formatToParts = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      for (const zone of chinaZones) {
        expect(dateInTimeZone(utc(1992, 1, 1, 0, 0), zone)).toBe('1992-01-01');
        expect(dateInTimeZone(utc(2026, 3, 8, 15, 59, 59), zone)).toBe('2026-03-08');
        expect(dateInTimeZone(utc(2026, 3, 8, 16, 0), zone)).toBe('2026-03-09');
        expect(dateInTimeZone(utc(2099, 12, 31, 23, 59, 59), zone)).toBe('2100-01-01');
      }
      expect(format).not.toHaveBeenCalled();
      expect(formatToParts).not.toHaveBeenCalled();
      expect(dateInTimeZone(utc(1991, 12, 31, 23, 59, 59), 'Asia/Shanghai')).toBe('1992-01-01');
      expect(format).toHaveBeenCalledTimes(1);
      expect(dateInTimeZone(utc(2100, 1, 1, 0, 0), 'PRC')).toBe('2100-01-01');
      expect(format).toHaveBeenCalledTimes(2);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('reads a date in a zone without fixed offset with format() alone, once the zone is built', () => {
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    const formatToParts = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      // 2019-10-01T03:00Z is 23:00 EDT on 30 September: every digit 0–9 appears across these dates.
      expect(dateInTimeZone(utc(2019, 10, 1, 3, 0), 'America/New_York')).toBe('2019-09-30');
      expect(dateInTimeZone(utc(2026, 7, 1, 12, 0), 'America/New_York')).toBe('2026-07-01');
      expect(dateInTimeZone(utc(2038, 12, 25, 16, 0), 'America/New_York')).toBe('2038-12-25');
      expect(dateInTimeZone(utc(1845, 6, 4, 12, 0), 'America/New_York')).toBe('1845-06-04');
      expect(formatToParts).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
