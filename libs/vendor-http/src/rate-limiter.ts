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
  /** When the next call is due on the even schedule (it may start later, never earlier). */
  nextSlot: number;
  /** The vendor told us to stay away until then (Feishu's x-ogw-ratelimit-reset). */
  pausedUntil: number;
  /** Grants are handed out strictly in arrival order. */
  tail: Promise<void>;
  /** When the latest call started. */
  lastStart: number;
  /** The lastStart whose calls a stall already delayed (see waitForSlot). */
  stallSeenAfter: number;
  /** Per configured limit: the start times of the latest calls (see WindowTrack). */
  tracks: WindowTrack[];
  spacing: number;
}

/**
 * The latest `count` start times of one key, for one limit cut into tiles: `count` calls per `windowMs`,
 * where the published window is a whole number of such tiles (150,000/h is 1,000 per 24 s). No tile-sized
 * window holding more than `count` calls means no published window holds more than its limit, with a ring
 * of at most MAX_TRACKED_CALLS times instead of one entry per call of an hour-long window.
 */
class WindowTrack {
  private readonly starts: Float64Array;
  private oldest = 0;
  private filled = 0;

  constructor(
    readonly count: number,
    readonly windowMs: number,
  ) {
    this.starts = new Float64Array(count);
  }

  /**
   * The earliest a further call may start: once the oldest of the last `count` has left its window, by
   * ARRIVAL_JITTER_MS more.
   */
  earliestStart(): number {
    return this.filled < this.count
      ? -Infinity
      : (this.starts[this.oldest] as number) + this.windowMs + ARRIVAL_JITTER_MS;
  }

  record(startedAt: number): void {
    this.starts[this.oldest] = startedAt;
    this.oldest = (this.oldest + 1) % this.count;
    this.filled = Math.min(this.filled + 1, this.count);
  }

  /**
   * Calls started at or after `since` may reach the vendor as late as `until`: count them from then. (Newest
   * first; the ring is in start order, so the walk stops at the first older one.)
   */
  delayRecent(since: number, until: number): void {
    for (let back = 1; back <= this.filled; back++) {
      const index = (this.oldest - back + this.count) % this.count;
      const startedAt = this.starts[index] as number;
      if (startedAt < since) return;
      this.starts[index] = Math.max(startedAt, until);
    }
  }
}

/**
 * Vendors count calls when they arrive, not when we start them, and arrivals spread: the event loop, the
 * connection pool and the network delay some calls more than others. The last `count` starts must therefore
 * span their window plus this much, or a late older call and a prompt newer one land `count + 1` arrivals in
 * one vendor window. 50 ms covers the event-loop stalls seen on a loaded 2-core host (p90 ~20 ms); it costs
 * 5 % only where a 1 s window is saturated (Feishu's 50/s), nothing measurable on minute- and hour-long ones.
 * (The earlier limiter got this slack for free, by letting every late start push all later ones back.)
 */
const ARRIVAL_JITTER_MS = 50;

/**
 * How far behind its schedule a key may be and still catch up: the few milliseconds timers fire late are won
 * back; a key further behind was idle, or the event loop stalled (a long statement of the embedded database,
 * a garbage collection). After a stall, calls started just before it reach the vendor late, bunched with
 * whatever follows; catching up on top of that could land `limit + 1` arrivals in a window, so the key starts
 * a fresh schedule instead — the same bound as the arrival-jitter guard, for the same reason.
 */
const CATCH_UP_LIMIT_MS = ARRIVAL_JITTER_MS;

/** The largest ring a limit is tracked with (a divisor of its limit; see WindowTrack). */
const MAX_TRACKED_CALLS = 1024;

/** `limit` cut into the fewest whole tiles of at most MAX_TRACKED_CALLS calls. */
function trackFor({ limit, windowMs }: RateLimit): WindowTrack {
  if (!Number.isInteger(limit) || limit < 1) return new WindowTrack(1, windowMs / limit);
  let count = Math.min(limit, MAX_TRACKED_CALLS);
  while (limit % count !== 0) count -= 1;
  return new WindowTrack(count, (windowMs * count) / limit);
}

/**
 * Paces calls per key (one key per vendor endpoint) so that no window of any configured limit ever holds
 * more calls than allowed. Calls are due on an even schedule `windowMs / limit` apart (for several limits,
 * the widest spacing wins) rather than in bursts: a burst of `limit` followed by even spacing can put
 * `limit + 1` calls in one sliding window, which a vendor counting sliding windows would punish.
 *
 * The schedule is kept, not restarted from each late start: timers fire late on a busy event loop (a few ms
 * each time), and spacing every call from the moment the previous one really started let that lateness add
 * up — 1 ms a call is 0.5 s over 500 WeCom rule writes. A late call therefore lets the next one follow it
 * sooner, by at most half a spacing, and the sliding-window check (WindowTrack) forbids any catch-up that
 * would overfill a window: compliance rests on the check, evenness on the schedule. A key that fell behind
 * by more than CATCH_UP_LIMIT_MS (idle, or paused) starts a fresh schedule instead of bursting to catch up.
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
    const granted = state.tail.then(() => this.waitForSlot(state, () => (held = true)));
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

  private async waitForSlot(state: KeyState, onHold?: () => void): Promise<void> {
    const { spacing, tracks } = state;
    // Re-check after waking: a pause may have arrived while we slept, and timers may fire a hair early.
    for (;;) {
      const due = Math.max(state.nextSlot, state.pausedUntil);
      let startAt = due;
      for (const track of tracks) startAt = Math.max(startAt, track.earliestStart());
      const now = this.clock.now();
      if (now >= startAt) {
        const late = now - due;
        // Idle (or far behind): a fresh schedule from here, not a burst to catch up.
        state.nextSlot =
          late > Math.max(spacing, CATCH_UP_LIMIT_MS) ? now + spacing : Math.max(due + spacing, now + spacing / 2);
        for (const track of tracks) track.record(now);
        state.lastStart = now;
        return;
      }
      onHold?.();
      await this.clock.sleep(startAt - now);
      const overslept = this.clock.now() - startAt;
      if (overslept > ARRIVAL_JITTER_MS && state.stallSeenAfter !== state.lastStart) {
        // The event loop stalled: the call started just before may only now be leaving, and its arrival must
        // not be taken for earlier than that, or the window check would let the next ones crowd it. Once per
        // call: a second stall before the next start finds those calls long gone.
        state.stallSeenAfter = state.lastStart;
        for (const track of tracks) track.delayRecent(state.lastStart - ARRIVAL_JITTER_MS, this.clock.now());
      }
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
      // A key's limits are fixed: the vendors publish them per endpoint.
      const limits = this.limitsFor(key);
      state = {
        nextSlot: -Infinity,
        pausedUntil: 0,
        lastStart: -Infinity,
        stallSeenAfter: Number.NaN,
        tail: Promise.resolve(),
        tracks: limits.map(trackFor),
        spacing: Math.max(0, ...limits.map((limit) => limit.windowMs / limit.limit)),
      };
      this.keys.set(key, state);
    }
    return state;
  }
}
