import fc from 'fast-check';
import { chinaMidnight, DAY_SECONDS } from '@app/kernel';
import {
  FIRST_RUN_LOOKBACK_DAYS,
  INCREMENTAL_OVERLAP_SECONDS,
  MAX_SLICE_SECONDS,
  planUnits,
  runWindow,
  sliceWindow,
} from './punch-window.js';

const MIDNIGHT_2026_11_20 = chinaMidnight('2026-11-20')!;

describe('runWindow', () => {
  const now = MIDNIGHT_2026_11_20 + 15 * 3600;

  it('from/to: their days, the end reaching into the day after to', () => {
    const window = runWindow({ from: '2026-11-10', to: '2026-11-12', watermark: null, reach: 6 * 3600, now });
    expect(window).toEqual({ start: chinaMidnight('2026-11-10'), end: chinaMidnight('2026-11-13')! + 6 * 3600 });
  });

  it('a from/to that names no day (a webhook day past year 9999) reads nothing', () => {
    const window = runWindow({ from: '+010000-01', to: '+010000-01', watermark: null, reach: 0, now });
    expect(planUnits(window, ['a'], 1)).toEqual([]);
  });

  it('never reads the future', () => {
    const window = runWindow({ from: '2026-11-20', to: '2026-11-20', watermark: null, reach: 6 * 3600, now });
    expect(window.end).toBe(now + 1);
  });

  it('incremental: from the watermark less the overlap and the reach; first run: the lookback', () => {
    const watermark = now - 3600;
    expect(runWindow({ watermark, reach: 100, now })).toEqual({
      start: watermark - INCREMENTAL_OVERLAP_SECONDS - 100,
      end: now + 1,
    });
    expect(runWindow({ watermark: null, reach: 0, now }).start).toBe(
      MIDNIGHT_2026_11_20 - FIRST_RUN_LOOKBACK_DAYS * DAY_SECONDS,
    );
  });

  it('consecutive day windows overlap (never a gap), so cross-midnight punches are read by both', () => {
    const reach = 10 * 3600;
    const first = runWindow({ from: '2026-11-10', to: '2026-11-10', watermark: null, reach, now });
    const second = runWindow({ from: '2026-11-11', to: '2026-11-11', watermark: null, reach, now });
    expect(second.start).toBeLessThan(first.end);
  });
});

describe('slices and units', () => {
  it('slices cover the window exactly, each at most 30 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * DAY_SECONDS }), (length) => {
        const window = { start: MIDNIGHT_2026_11_20, end: MIDNIGHT_2026_11_20 + length };
        const slices = sliceWindow(window);
        let cursor = window.start;
        for (const slice of slices) {
          expect(slice.start).toBe(cursor);
          expect(slice.end - slice.start).toBeLessThanOrEqual(MAX_SLICE_SECONDS);
          expect(slice.end).toBeGreaterThan(slice.start);
          cursor = slice.end;
        }
        expect(cursor).toBe(window.end);
      }),
    );
  });

  it('units are the same whatever order people come in', () => {
    const window = { start: 0, end: 40 * DAY_SECONDS };
    const a = planUnits(window, ['c', 'a', 'b', 'a'], 2);
    const b = planUnits(window, ['b', 'c', 'a'], 2);
    expect(a).toEqual(b);
    expect(a.map((unit) => unit.users)).toEqual([['a', 'b'], ['c'], ['a', 'b'], ['c']]);
  });
});
