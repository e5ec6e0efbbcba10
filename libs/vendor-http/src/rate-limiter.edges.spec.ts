import type { Vendor } from '@app/kernel';
import { ManualClock } from '../../../test/support/manual-clock.js';
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
