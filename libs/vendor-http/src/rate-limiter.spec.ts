import fc from 'fast-check';
import { ManualClock } from '../../../test/support/manual-clock.js';
import { type Clock, type RateLimit, RateLimiter } from './index.js';

/** A manual clock whose sleepers wake late, as timers on a busy event loop do (lateness drawn per sleep). */
class LateClock implements Clock {
  private draws = 0;
  /** Lateness above this is a stall of the event loop: [from, to) when nothing ran. */
  readonly stalls: { from: number; to: number }[] = [];

  constructor(
    readonly manual: ManualClock,
    private readonly lateness: readonly number[],
  ) {}

  now(): number {
    return this.manual.now();
  }

  sleep(ms: number): Promise<void> {
    const late = this.lateness.length === 0 ? 0 : (this.lateness[this.draws++ % this.lateness.length] as number);
    if (late > STALL_MS) this.stalls.push({ from: this.now() + ms, to: this.now() + ms + late });
    return this.manual.sleep(ms + late);
  }
}

const STALL_MS = 50;

/**
 * When the calls reach the vendor (sorted) if a call started up to 50 ms before a stall of the event loop
 * leaves its process only when the stall ends, and every other call at once.
 */
function arrivals(starts: readonly number[], stalls: readonly { from: number; to: number }[]): number[] {
  return starts
    .map((start) => {
      const stall = stalls.find((candidate) => start <= candidate.from && start >= candidate.from - STALL_MS);
      return stall ? Math.max(start, stall.to) : start;
    })
    .sort((a, b) => a - b);
}

/** The most calls any window of `windowMs` holds, counted as the emulators (and vendors) count: (t − W, t]. */
function fullestWindow(times: readonly number[], windowMs: number): number {
  let fullest = 0;
  for (const end of times) {
    fullest = Math.max(fullest, times.filter((t) => t > end - windowMs && t <= end).length);
  }
  return fullest;
}

async function startTimes(limiter: RateLimiter, clock: LateClock, arrivals: readonly number[]): Promise<number[]> {
  const times: number[] = [];
  const calls: Promise<unknown>[] = [];
  let at = 0;
  for (const arrival of [...arrivals].sort((a, b) => a - b)) {
    await clock.manual.advance(arrival - at);
    at = arrival;
    calls.push(limiter.acquire('k').then(() => times.push(clock.now())));
  }
  await clock.manual.advance(3_600_000);
  await Promise.all(calls);
  return times;
}

describe('RateLimiter schedule under late timers', () => {
  it('keeps the even schedule: calls due 24 ms apart that each start 1–5 ms late still end on time', async () => {
    const clock = new LateClock(new ManualClock(), [1, 5, 2, 4, 3]);
    const limiter = new RateLimiter(() => [{ limit: 150_000, windowMs: 3_600_000 }], clock);
    const times = await startTimes(
      limiter,
      clock,
      Array.from({ length: 500 }, () => 0),
    );
    // Restarting the spacing from each late start would end at 499 × (24 + 3) ms; the schedule ends at
    // 499 × 24 ms plus the last call's own lateness.
    expect(times.at(-1)).toBeLessThanOrEqual(499 * 24 + 5);
    for (let index = 1; index < times.length; index++) {
      // Catching up never brings two calls closer than half a spacing.
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(12);
    }
  });

  it('catches up to exactly the limit and never past it (50/s: 50 calls in some 1 s window, never 51)', async () => {
    const clock = new LateClock(new ManualClock(), [0, 9, 0, 0, 9, 1]);
    const limiter = new RateLimiter(() => [{ limit: 50, windowMs: 1000 }], clock);
    const times = await startTimes(
      limiter,
      clock,
      Array.from({ length: 400 }, () => 0),
    );
    expect(fullestWindow(times, 1000)).toBe(50);
  });

  it('starts a fresh schedule after an idle spell instead of bursting to catch up', async () => {
    const clock = new LateClock(new ManualClock(), []);
    const limiter = new RateLimiter(() => [{ limit: 10, windowMs: 1000 }], clock);
    const times = await startTimes(limiter, clock, [0, 0, 5000, 5000, 5000]);
    expect(times).toEqual([0, 100, 5000, 5100, 5200]);
  });

  it('property: whatever the limits, arrivals and timer lateness, no window holds more than its limit', async () => {
    const limitArb = fc.record({
      limit: fc.integer({ min: 1, max: 60 }),
      windowMs: fc.integer({ min: 50, max: 5000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(limitArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 150 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 10 }),
        async (limits: RateLimit[], arrivals, lateness) => {
          const clock = new LateClock(new ManualClock(), lateness);
          const limiter = new RateLimiter(() => limits, clock);
          const times = await startTimes(limiter, clock, arrivals);
          expect(times).toHaveLength(arrivals.length);
          for (let index = 1; index < times.length; index++)
            expect(times[index]!).toBeGreaterThanOrEqual(times[index - 1]!);
          for (const { limit, windowMs } of limits) expect(fullestWindow(times, windowMs)).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 200, seed: 20261121 },
    );
  });

  it('property: a call started just before a stall that leaves only after it still never overfills a window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 200, max: 3000 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 51, max: 600 })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (limit, windowMs, lateness) => {
          const clock = new LateClock(new ManualClock(), lateness);
          const limiter = new RateLimiter(() => [{ limit, windowMs }], clock);
          const starts = await startTimes(
            limiter,
            clock,
            Array.from({ length: limit * 4 }, () => 0),
          );
          expect(fullestWindow(arrivals(starts, clock.stalls), windowMs)).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('property: a limit with more than 1,024 calls per window is tracked in whole tiles and still never overfilled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1025, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 8 }),
        async (limit, lateness) => {
          const windowMs = limit * 2; // 2 ms spacing
          const clock = new LateClock(new ManualClock(), lateness);
          const limiter = new RateLimiter(() => [{ limit, windowMs }], clock);
          const times = await startTimes(
            limiter,
            clock,
            Array.from({ length: limit + 200 }, () => 0),
          );
          // Two pointers: the most starts in any (t − W, t].
          let fullest = 0;
          for (let end = 0, start = 0; end < times.length; end++) {
            while (times[start]! <= times[end]! - windowMs) start++;
            fullest = Math.max(fullest, end - start + 1);
          }
          expect(fullest).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 15, seed: 7 },
    );
  });
});
