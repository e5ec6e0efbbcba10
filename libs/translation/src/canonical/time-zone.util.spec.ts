import fc from 'fast-check';
import { dateInTimeZone, isKnownTimeZone } from './time-zone.util.js';

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
});
