import { DAY_SECONDS } from '@app/kernel';
import { chinaMonthStart, splitByChinaMonth, splitTimeWindow, uniqueIds } from './wecom-chunking.util.js';

const DAYS_30 = 30 * DAY_SECONDS;
/** 2026-03-01 00:00 China time. */
const MARCH_1 = Date.UTC(2026, 1, 28, 16) / 1000;

describe('uniqueIds', () => {
  it('drops repeated ids, keeping the first order', () => {
    expect(uniqueIds(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });
});

describe('splitTimeWindow', () => {
  function covers(windows: { starttime: number; endtime: number }[], start: number, end: number): void {
    expect(windows[0]?.starttime).toBe(start);
    expect(windows.at(-1)?.endtime).toBe(end);
    windows.forEach((window, index) => {
      expect(window.endtime).toBeGreaterThan(window.starttime);
      expect(window.endtime - window.starttime).toBeLessThanOrEqual(DAYS_30);
      if (index > 0) expect(window.starttime).toBe((windows[index - 1]?.endtime ?? 0) + 1);
    });
  }

  it('splits 35 days into 30 + 5 days, without overlap or gap', () => {
    const windows = splitTimeWindow({ starttime: MARCH_1, endtime: MARCH_1 + 35 * DAY_SECONDS }, DAYS_30);
    expect(windows).toEqual([
      { starttime: MARCH_1, endtime: MARCH_1 + DAYS_30 },
      { starttime: MARCH_1 + DAYS_30 + 1, endtime: MARCH_1 + 35 * DAY_SECONDS },
    ]);
    covers(windows, MARCH_1, MARCH_1 + 35 * DAY_SECONDS);
  });

  it('keeps exactly 30 days in one window, and never leaves a one-second window', () => {
    expect(splitTimeWindow({ starttime: MARCH_1, endtime: MARCH_1 + DAYS_30 }, DAYS_30)).toHaveLength(1);
    const end = MARCH_1 + DAYS_30 + 1;
    const windows = splitTimeWindow({ starttime: MARCH_1, endtime: end }, DAYS_30);
    expect(windows).toHaveLength(2);
    covers(windows, MARCH_1, end);
  });

  it('covers long ranges in ≤ 30-day windows', () => {
    const end = MARCH_1 + 100 * DAY_SECONDS + 12_345;
    const windows = splitTimeWindow({ starttime: MARCH_1, endtime: end }, DAYS_30);
    expect(windows).toHaveLength(4);
    covers(windows, MARCH_1, end);
  });

  it('refuses an empty or reversed window', () => {
    expect(() => splitTimeWindow({ starttime: 10, endtime: 10 }, DAYS_30)).toThrow();
  });
});

describe('China-time calendar', () => {
  it('finds months in UTC+8', () => {
    expect(chinaMonthStart(MARCH_1 + 20 * DAY_SECONDS)).toBe(MARCH_1);
    expect(chinaMonthStart(MARCH_1, 1)).toBe(MARCH_1 + 31 * DAY_SECONDS);
    expect(chinaMonthStart(MARCH_1 - 1)).toBe(Date.UTC(2026, 0, 31, 16) / 1000);
    // December rolls into January of the next year.
    expect(chinaMonthStart(Date.UTC(2026, 11, 31, 15, 59, 59) / 1000, 1)).toBe(Date.UTC(2026, 11, 31, 16) / 1000);
  });

  it('splits at month boundaries, widened to whole days', () => {
    const start = MARCH_1 - 3 * DAY_SECONDS + 3600; // 2026-02-26 01:00
    const end = MARCH_1 + 40 * DAY_SECONDS + 7200; // 2026-04-10 02:00
    expect(splitByChinaMonth({ starttime: start, endtime: end })).toEqual([
      { starttime: MARCH_1 - 3 * DAY_SECONDS, endtime: MARCH_1 - 1 },
      { starttime: MARCH_1, endtime: MARCH_1 + 31 * DAY_SECONDS - 1 },
      { starttime: MARCH_1 + 31 * DAY_SECONDS, endtime: MARCH_1 + 41 * DAY_SECONDS - 1 },
    ]);
    expect(splitByChinaMonth({ starttime: MARCH_1, endtime: MARCH_1 })).toEqual([
      { starttime: MARCH_1, endtime: MARCH_1 + DAY_SECONDS - 1 },
    ]);
  });
});
