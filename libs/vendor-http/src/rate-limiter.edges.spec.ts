import type { Vendor } from '@app/kernel';
import { ManualClock } from '../../../test/support/manual-clock.js';
import type { Clock } from './clock.js';
import { RateLimiter, type RateLimit } from './rate-limiter.js';
import { TokenCache } from './token-cache.js';

// Edges of the limiter and the token cache that mutation testing found untested (QUALITY.md, vendor-http): how
// limits are tracked (tiles, odd limits), how a slightly late key keeps its schedule, what a wait is reported
// as, and the instant a token is refreshed.

/** Start times of `count` calls of one key asked for at once, after `ms` of the clock. */
async function startTimes(limits: readonly RateLimit[], count: number, ms: number): Promise<number[]> {
  const clock = new ManualClock();
  const limiter = new RateLimiter(() => limits, clock);
  const times: number[] = [];
  const calls = Array.from({ length: count }, () => limiter.acquire('k').then(() => times.push(clock.now())));
  await clock.advance(ms);
  await Promise.all(calls);
  return times;
}

describe('RateLimiter: how a limit is tracked', () => {
  it('tracks a limit above 1,024 calls in whole tiles: 2,000 per 2 s is 1,000 per 1 s', async () => {
    // Spacing 1 ms; the 1,001st call waits for the first tile's second (plus the 50 ms arrival guard).
    const times = await startTimes([{ limit: 2000, windowMs: 2000 }], 1001, 5000);
    expect(times[999]).toBe(999);
    expect(times[1000]).toBe(1050);
  });

  it('spaces a fractional limit by its window and the arrival guard: 0.5 per second is one call per 2,050 ms', async () => {
    expect(await startTimes([{ limit: 0.5, windowMs: 1000 }], 3, 10_000)).toEqual([0, 2050, 4100]);
  });

  it('lets the first call of a limit of 0 through without failing', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(() => [{ limit: 0, windowMs: 1000 }], clock);
    await expect(limiter.acquire('k')).resolves.toBeUndefined();
  });
});

describe('RateLimiter: a key slightly behind its schedule', () => {
  it('catches up by at most half a spacing when less than 50 ms late, and restarts its schedule beyond that', async () => {
    const clock = new ManualClock();
    // 50 per second: 20 ms apart.
    const limiter = new RateLimiter(() => [{ limit: 50, windowMs: 1000 }], clock);
    await limiter.acquire('k'); // at 0: the next is due at 20
    await clock.advance(50); // 30 ms late: within the catch-up limit
    const times: number[] = [];
    const calls = [0, 1].map(() => limiter.acquire('k').then(() => times.push(clock.now())));
    await clock.advance(100);
    await Promise.all(calls);
    // Started at 50; the schedule said 40 next, but a late call lets the next follow it by no less than 10.
    expect(times).toEqual([50, 60]);

    const idle = new ManualClock();
    const rested = new RateLimiter(() => [{ limit: 50, windowMs: 1000 }], idle);
    await rested.acquire('k');
    await idle.advance(71); // 51 ms late: a fresh schedule from here
    const after: number[] = [];
    const next = [0, 1].map(() => rested.acquire('k').then(() => after.push(idle.now())));
    await idle.advance(100);
    await Promise.all(next);
    expect(after).toEqual([71, 91]);
  });

  it('still catches up when exactly 50 ms late: only later than that restarts its schedule', async () => {
    const clock = new ManualClock();
    // 50 per second: 20 ms apart, so the catch-up limit is the 50 ms, not the spacing.
    const limiter = new RateLimiter(() => [{ limit: 50, windowMs: 1000 }], clock);
    await limiter.acquire('k'); // at 0: the next is due at 20
    await clock.advance(70); // 50 ms late
    const times: number[] = [];
    const calls = [0, 1].map(() => limiter.acquire('k').then(() => times.push(clock.now())));
    await clock.advance(100);
    await Promise.all(calls);
    // Caught up: the next follows by half a spacing (10), not by a whole one as on a fresh schedule (20).
    expect(times).toEqual([70, 80]);
  });
});

/** A manual clock whose n-th sleep wakes `lateness[n]` ms late (0 past the list): a stalled event loop. */
class StallingClock implements Clock {
  readonly manual = new ManualClock();
  private sleeps = 0;

  constructor(private readonly lateness: readonly number[]) {}

  now(): number {
    return this.manual.now();
  }

  sleep(ms: number): Promise<void> {
    return this.manual.sleep(ms + (this.lateness[this.sleeps++] ?? 0));
  }
}

/** Start times of `count` calls of one key asked for at 0, on a clock whose sleeps wake as late as `lateness`. */
async function startTimesThroughStalls(
  limits: readonly RateLimit[],
  count: number,
  lateness: readonly number[],
): Promise<number[]> {
  const clock = new StallingClock(lateness);
  const limiter = new RateLimiter(() => limits, clock);
  const times: number[] = [];
  const calls = Array.from({ length: count }, () => limiter.acquire('k').then(() => times.push(clock.now())));
  await clock.manual.advance(10_000);
  await Promise.all(calls);
  return times;
}

describe('RateLimiter: calls caught by a stall of the event loop', () => {
  // 2 per 100 ms (50 ms apart): calls start at 0 and 50; the third waits for the first to leave its window,
  // 0 + 100 + the 50 ms arrival guard = 150, and sleeps from 50 to then.
  const twoPer100: RateLimit[] = [{ limit: 2, windowMs: 100 }];

  it('counts every call of a full window from the end of a stall over 50 ms, the oldest too', async () => {
    // The sleep to 150 wakes at 210: both earlier calls (started within 50 ms of the last start) may reach the
    // vendor only at 210, so the third starts a window and the guard after it, at 360 — not at 210, which it
    // would if the oldest start of the ring were left where it was.
    expect(await startTimesThroughStalls(twoPer100, 3, [0, 60])).toEqual([0, 50, 360]);
  });

  it('takes a wake-up exactly 50 ms late for timer lateness, not a stall', async () => {
    // Waking at 200 instead of 150 is within the arrival guard: the third call starts at once.
    expect(await startTimesThroughStalls(twoPer100, 3, [0, 50])).toEqual([0, 50, 200]);
  });

  it('leaves the calls started more than 50 ms before the last one where they were', async () => {
    // 3 per 150 ms (50 ms apart): starts at 0, 50 and 100; the fourth waits for 0 + 150 + 50 = 200 and wakes at
    // 260. The calls of 50 and 100 count from 260; the one of 0 had left before the stall, so the window it
    // opened is over and the fourth starts at 260 (moved too, it would hold the fourth back to 460).
    expect(await startTimesThroughStalls([{ limit: 3, windowMs: 150 }], 4, [0, 0, 60])).toEqual([0, 50, 100, 260]);
  });
});

describe('RateLimiter: reported waits', () => {
  it('reports the time since the call asked, however late in the clock it asked', async () => {
    const clock = new ManualClock();
    const waits: number[] = [];
    const limiter = new RateLimiter(() => [{ limit: 1, windowMs: 1000 }], clock, {
      vendor: 'wecom' as Vendor,
      observer: { onRateLimitWait: (_vendor, _endpoint, seconds) => waits.push(seconds) },
    });
    await clock.advance(10_000);
    const calls = [limiter.acquire('k'), limiter.acquire('k')];
    await clock.advance(3000);
    await Promise.all(calls);
    expect(waits).toEqual([1.05]);
  });
});

describe('TokenCache: the instant of refresh', () => {
  it('refreshes exactly at the margin before expiry, not a millisecond later', async () => {
    const clock = new ManualClock();
    let issued = 0;
    const cache = new TokenCache(
      () => {
        issued += 1;
        return Promise.resolve({ token: `t${issued}`, expiresInSeconds: 600 });
      },
      300,
      clock,
    );
    expect(await cache.get()).toBe('t1');
    await clock.advance(299_999);
    expect(await cache.get()).toBe('t1');
    await clock.advance(1);
    expect(await cache.get()).toBe('t2');
  });
});
