import type { Clock } from '@app/vendor-http';

/**
 * A clock for HTTP-level tests: sleeping returns at once and moves time forward by the requested amount, so
 * waits (backoff, rate-limit pauses, pacing) are asserted by what was asked, never by wall time. Pass
 * `() => clock.now()` to the emulator too, so both sides agree on time.
 */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private current = Date.UTC(2025, 2, 12, 2, 0, 0)) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    const wait = Math.max(0, ms);
    this.sleeps.push(wait);
    this.current += wait;
    await Promise.resolve();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
