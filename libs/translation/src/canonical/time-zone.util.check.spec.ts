import { jest } from '@jest/globals';
import { dateInTimeZone, isKnownTimeZone } from './time-zone.util.js';

/** format is an accessor on the prototype (its getter returns a bound function); the DOM types call it a method. */
const formatAccessor = Intl.DateTimeFormat.prototype as unknown as { readonly format: object };

// dateInTimeZone reads China time by arithmetic only once the runtime's own Intl agrees with UTC+8 over the
// whole range; a runtime whose time-zone data says otherwise is simulated here by shifting what format()
// writes. Each test uses a zone name that no other test in this file has built, as the check runs once per
// zone name.

/** Unix seconds of a UTC wall-clock time (month 1-based). */
const utc = (year: number, month: number, day: number, hour: number, minute: number, second = 0): number =>
  Date.UTC(year, month - 1, day, hour, minute, second) / 1000;

const formatGetter = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')!.get!;

/** A runtime whose China time is shifted by the given seconds from the given instant on. */
function simulateChinaTimeShift(fromUnixSeconds: number, shiftSeconds: number): void {
  jest.spyOn(formatAccessor, 'format', 'get').mockImplementation(function (this: Intl.DateTimeFormat) {
    const format = formatGetter.call(this) as (date?: Date | number) => string;
    // Intl resolves the links Asia/Harbin and Asia/Chungking to Asia/Shanghai.
    if (this.resolvedOptions().timeZone !== 'Asia/Shanghai') return format;
    return (date?: Date | number): string => {
      const milliseconds = Number(date);
      return format(milliseconds >= fromUnixSeconds * 1000 ? milliseconds + shiftSeconds * 1000 : milliseconds);
    };
  });
}

describe('dateInTimeZone with a runtime that disagrees with UTC+8 for China', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('keeps reading the zone with Intl when the disagreement (UTC+9) begins only in December 2099', () => {
    simulateChinaTimeShift(utc(2099, 11, 30, 16, 0), 3600);
    expect(isKnownTimeZone('Asia/Harbin')).toBe(true);
    // 2099-12-31T23:30+08:00 is already 2100-01-01 in this runtime's UTC+9.
    expect(dateInTimeZone(utc(2099, 12, 31, 15, 30), 'Asia/Harbin')).toBe('2100-01-01');
  });

  it('keeps reading the zone with Intl when the runtime puts it an hour behind (UTC+7)', () => {
    simulateChinaTimeShift(utc(2099, 11, 30, 16, 0), -3600);
    expect(isKnownTimeZone('Asia/Chungking')).toBe(true);
    // 2099-12-31T00:30+08:00 is still 2099-12-30 in this runtime's UTC+7.
    expect(dateInTimeZone(utc(2099, 12, 30, 16, 30), 'Asia/Chungking')).toBe('2099-12-30');
  });
});

describe('dateInTimeZone with a runtime whose format() text is not four, two and two ASCII digits', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('takes the date from the formatter parts instead', () => {
    // The text format() writes for Tokyo on 2026-07-01 in each simulated runtime; the parts stay the real ones.
    const texts = [
      '2026-07-01x',
      '2026/07-01',
      '2026-07/01',
      '٢٠٢٦-٠٧-٠١', // Arabic-Indic digits
      '２０２６-０７-０１', // full-width digits
      '2026-07- 1',
      '2026-07-0:',
    ];
    let text = '';
    jest.spyOn(formatAccessor, 'format', 'get').mockImplementation(function () {
      return (): string => text;
    });
    for (const written of texts) {
      text = written;
      expect([written, dateInTimeZone(utc(2026, 7, 1, 3, 0), 'Asia/Tokyo')]).toEqual([written, '2026-07-01']);
    }
  });
});
