import {
  chinaMidnightSeconds,
  dayInt,
  dayKeyFromVendorText,
  dayKeyOf,
  dayOfMonth,
  inWindow,
  rosterWindow,
  yearMonthOf,
} from './roster-days.js';

describe('roster days (China time)', () => {
  it.each([
    [{}, '2026-03-15', '2026-04-14'],
    [{ from: '2026-02-01', to: '2026-02-28' }, '2026-02-01', '2026-02-28'],
    [{ from: '2026-05-01' }, '2026-05-01', '2026-05-31'],
    [{ to: '2026-03-20' }, '2026-03-15', '2026-03-20'],
    [{ to: '2026-03-01' }, '2026-03-01', '2026-03-01'],
    [{ from: '2026-03-15', to: '2026-03-15' }, '2026-03-15', '2026-03-15'],
  ] as const)('window %j (today 2026-03-15) → %s … %s', (params, from, to) => {
    expect(rosterWindow(params, new Date('2026-03-14T20:00:00Z'))).toEqual({ from, to });
  });

  it.each([
    ['2026-03-14T15:59:59Z', '2026-03-14'],
    ['2026-03-14T16:00:00Z', '2026-03-15'],
    ['2025-12-31T16:00:00Z', '2026-01-01'],
  ])('today is the China-time day: at %s, %s', (at, day) => {
    expect(rosterWindow({}, new Date(at)).from).toBe(day);
  });

  it('refuses a window that ends before it starts or a day that does not exist', () => {
    const now = new Date('2026-03-14T20:00:00Z');
    expect(() => rosterWindow({ from: '2026-03-10', to: '2026-03-09' }, now)).toThrow(/before it starts/);
    expect(() => rosterWindow({ from: '2026-02-30' }, now)).toThrow('not a calendar day: "2026-02-30"');
    expect(() => rosterWindow({ from: '2026-3-1' }, now)).toThrow('not a YYYY-MM-DD day: "2026-3-1"');
    // Years before 0100 and a default end past 9999 are refused, as they were with Date.
    expect(() => rosterWindow({ from: '0050-01-01' }, now)).toThrow('not a calendar day: "0050-01-01"');
    expect(() => rosterWindow({ to: '0099-12-31' }, now)).toThrow('not a calendar day: "0099-12-31"');
    expect(() => rosterWindow({ from: '9999-12-20' }, now)).toThrow('not a YYYY-MM-DD day: "+010000-01"');
    expect(rosterWindow({ from: '9999-12-01' }, now)).toEqual({ from: '9999-12-01', to: '9999-12-31' });
  });

  it('vendor day numbers', () => {
    expect(dayInt('2026-03-05')).toBe(20260305);
    expect(yearMonthOf('2026-03-05')).toBe(202603);
    expect(dayOfMonth('2026-03-05')).toBe(5);
    expect(inWindow('2026-03-05', { from: '2026-03-05', to: '2026-03-05' })).toBe(true);
    expect(inWindow('2026-03-06', { from: '2026-03-05', to: '2026-03-05' })).toBe(false);
    // 2026-03-05 00:00 in China is 2026-03-04 16:00 UTC.
    expect(chinaMidnightSeconds('2026-03-05')).toBe(Date.UTC(2026, 2, 4, 16) / 1000);
  });

  it.each([
    [202603, 5, '2026-03-05'],
    [202602, 29, null],
    [202802, 29, '2028-02-29'],
    [202613, 1, null],
    [202603, 0, null],
  ] as const)('month %i day %i → %s', (month, day, expected) => {
    expect(dayKeyOf(month, day)).toBe(expected);
  });

  it.each([
    ['20240501', '2024-05-01'],
    [' 2024-05-01 ', '2024-05-01'],
    ['20240231', null],
    ['May 1', null],
  ] as const)('the day Feishu wrote as %j is %s', (text, expected) => {
    expect(dayKeyFromVendorText(text)).toBe(expected);
  });
});
