import type { Clock } from '@app/vendor-http';

/** A clock that moves only when told; sleepers wake in time order as it passes their deadline. */
export class ManualClock implements Clock {
  private current = 0;
  private sleepers: { until: number; wake: () => void }[] = [];

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ until: this.current + Math.max(0, ms), wake: resolve }));
  }

  /** Moves time forward, waking each sleeper at its deadline and letting its continuation run. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flush();
      this.sleepers.sort((a, b) => a.until - b.until);
      const next = this.sleepers[0];
      if (!next || next.until > target) break;
      this.sleepers.shift();
      this.current = next.until;
      next.wake();
    }
    this.current = target;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
