import { type Clock, systemClock } from './clock.js';
import { guardObserver, type VendorHttpObservation, type VendorHttpObserver } from './vendor-http-observer.js';

/** Who is told about waits: the vendor, its observer, and the endpoint label of a key (default: the key). */
export interface RateLimiterObservation extends VendorHttpObservation {
  readonly labelOf?: (key: string) => string;
}

/** At most `limit` calls per `windowMs`, e.g. Feishu's 50/s is `{ limit: 50, windowMs: 1000 }`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

interface KeyState {
  /** Earliest time the next call may start. */
  nextSlot: number;
  /** The vendor told us to stay away until then (Feishu's x-ogw-ratelimit-reset). */
  pausedUntil: number;
  /** Grants are handed out strictly in arrival order. */
  tail: Promise<void>;
}

/**
 * Paces calls per key (one key per vendor endpoint) so that no window of any configured limit ever holds
 * more calls than allowed: calls start at least `windowMs / limit` apart (for several limits, the widest
 * spacing wins). Even spacing rather than bursts is deliberate: a burst of `limit` followed by even spacing
 * can put `limit + 1` calls in one sliding window, which a vendor counting sliding windows would punish.
 *
 * Hand-written because the maintained npm throttles (p-throttle, bottleneck) cannot be told "the vendor
 * says wait N seconds" for one key while others keep going, and their burst semantics are not the vendor's.
 */
export class RateLimiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly observer: Required<VendorHttpObserver> | null;

  constructor(
    private readonly limitsFor: (key: string) => readonly RateLimit[],
    private readonly clock: Clock = systemClock,
    /** Optional: report every call that had to wait for its slot, and how long (metrics). */
    private readonly observation?: RateLimiterObservation,
  ) {
    this.observer = observation ? guardObserver(observation.observer) : null;
  }

  /** Resolves when the caller may start its call for `key`. */
  acquire(key: string): Promise<void> {
    const state = this.state(key);
    const requestedAt = this.clock.now();
    let held = false;
    const granted = state.tail.then(() => this.waitForSlot(key, state, () => (held = true)));
    state.tail = granted.catch(() => undefined);
    if (!this.observer) return granted;
    // Only calls the limiter really held back (it slept for their slot) count, with the time since they asked.
    return granted.then(() => {
      if (held) this.reportWait(key, this.clock.now() - requestedAt);
    });
  }

  /** Runs `call` once a slot for `key` is free. */
  async schedule<T>(key: string, call: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    return call();
  }

  /** Keeps every caller of `key` away until `untilMs` (absolute, same clock). */
  pause(key: string, untilMs: number): void {
    const state = this.state(key);
    state.pausedUntil = Math.max(state.pausedUntil, untilMs);
  }

  private async waitForSlot(key: string, state: KeyState, onHold?: () => void): Promise<void> {
    const spacing = Math.max(0, ...this.limitsFor(key).map((limit) => limit.windowMs / limit.limit));
    // Re-check after waking: a pause may have arrived while we slept, and timers may fire a hair early.
    for (;;) {
      const startAt = Math.max(state.nextSlot, state.pausedUntil);
      const now = this.clock.now();
      if (now >= startAt) {
        state.nextSlot = now + spacing;
        return;
      }
      onHold?.();
      await this.clock.sleep(startAt - now);
    }
  }

  private reportWait(key: string, waitedMs: number): void {
    if (!this.observer || !this.observation) return;
    const label = this.observation.labelOf?.(key) ?? key;
    this.observer.onRateLimitWait(this.observation.vendor, label, waitedMs / 1000);
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { nextSlot: 0, pausedUntil: 0, tail: Promise.resolve() };
      this.keys.set(key, state);
    }
    return state;
  }
}
