export interface WindowLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export interface WindowVerdict {
  readonly allowed: boolean;
  /** When refused: how long until the oldest counted call leaves the tightest window. */
  readonly retryAfterMs: number;
}

/**
 * The emulators' rate limits: a call is refused if, counting it, any window (half-open, ending now) would
 * hold more than its limit. Refused calls are not counted, as with the real vendors.
 */
export class SlidingWindowCounter {
  private readonly hits = new Map<string, number[]>();

  hit(key: string, limits: readonly WindowLimit[], now: number): WindowVerdict {
    if (limits.length === 0) return { allowed: true, retryAfterMs: 0 };
    const widest = Math.max(...limits.map((l) => l.windowMs));
    const times = (this.hits.get(key) ?? []).filter((t) => t > now - widest);
    let retryAfterMs = 0;
    for (const { limit, windowMs } of limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= limit) {
        const oldest = inWindow[inWindow.length - limit] ?? now;
        retryAfterMs = Math.max(retryAfterMs, oldest + windowMs - now);
      }
    }
    if (retryAfterMs > 0) {
      this.hits.set(key, times);
      return { allowed: false, retryAfterMs };
    }
    times.push(now);
    this.hits.set(key, times);
    return { allowed: true, retryAfterMs: 0 };
  }

  reset(): void {
    this.hits.clear();
  }
}
