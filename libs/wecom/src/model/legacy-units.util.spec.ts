import fc from 'fast-check';
import { wecomCheckinGroupReadSchema } from './checkin-option.model.js';
import {
  WECOM_FLEX_MAX_SECONDS,
  legacyMsToSeconds,
  normaliseCheckinGroupUnits,
  readWecomFlexDuration,
} from './legacy-units.util.js';

// The unit readings of WeCom's read shapes: legacy milliseconds, and the flex durations whose unit the
// evidence splits on (checkin-option.model.ts, flexReadShape).

describe('readWecomFlexDuration', () => {
  it.each([
    [0, 0, 'seconds'],
    [300, 300, 'seconds'],
    [600, 600, 'seconds'],
    [21_600, 21_600, 'seconds'], // the doc's maximum, 360 minutes
    [21_601, 21_601, 'unknown'],
    [25_001, 25_001, 'unknown'],
    [300_000, 300, 'milliseconds'], // 5 min, the smallest valid step
    [600_000, 600, 'milliseconds'],
    [21_600_000, 21_600, 'milliseconds'],
    [22_000, 22, 'milliseconds'], // above the maximum in seconds, whole thousands: only milliseconds fits
    [-1, -1, 'seconds'], // "use flex_time" (B5): the caller's to read
  ] as const)('reads %p as %p s (%s)', (raw, seconds, unit) => {
    expect(readWecomFlexDuration(raw)).toEqual({ seconds, unit });
  });

  it('reads every doc-valid value the same in either unit', () => {
    // Valid values: multiples of 300 s up to 21600 s (doc L603).
    fc.assert(
      fc.property(fc.integer({ min: 0, max: WECOM_FLEX_MAX_SECONDS / 300 }), (steps) => {
        const seconds = steps * 300;
        expect(readWecomFlexDuration(seconds)).toEqual({ seconds, unit: 'seconds' });
        expect(readWecomFlexDuration(seconds * 1000).seconds).toBe(seconds);
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('never reads a value as more seconds than it holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (raw) => {
        expect(readWecomFlexDuration(raw).seconds).toBeLessThanOrEqual(raw);
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('normaliseCheckinGroupUnits', () => {
  it('turns legacy ms into *_sec fields, reads flex durations in seconds, keeps unknown keys', () => {
    const group = wecomCheckinGroupReadSchema.parse({
      grouptype: 1,
      groupid: 1,
      groupname: 'x',
      x_rule: 1,
      checkindate: [
        {
          workdays: [1],
          checkintime: [{ work_sec: 32400, off_work_sec: 64800 }],
          limit_aheadtime: 7_200_000,
          flex_time: 300_000,
          flex_on_duty_time: 600_000,
          flex_off_duty_time: 600,
          x_day: true,
        },
      ],
      schedulelist: [{ schedule_id: 1, schedule_name: 'A', limit_aheadtime: 3_600_000, limit_offtime: 3600 }],
    });
    const normalised = normaliseCheckinGroupUnits(group);
    expect(normalised).toMatchObject({ x_rule: 1 });
    expect(normalised.checkindate?.[0]).toEqual({
      workdays: [1],
      checkintime: [{ work_sec: 32400, off_work_sec: 64800 }],
      limit_ahead_sec: 7200,
      flex_sec: 300,
      flex_on_duty_time: 600,
      flex_off_duty_time: 600,
      x_day: true,
    });
    expect(normalised.schedulelist?.[0]).toEqual({
      schedule_id: 1,
      schedule_name: 'A',
      limit_ahead_sec: 3600,
      limit_off_sec: 3600,
    });
    expect(legacyMsToSeconds(1500)).toBe(2);
  });
});
