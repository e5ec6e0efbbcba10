import { type Clock, systemClock } from './clock.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryOptions<E> {
  readonly policy: RetryPolicy;
  /** Whether this failure may be retried; callers decide what is safe to repeat. */
  readonly shouldRetry: (error: E, attempt: number) => boolean;
  /** A wait the vendor asked for (ms), which replaces the computed backoff when longer. */
  readonly requestedDelayMs?: (error: E) => number | null;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Told before each wait, for logs and metrics. */
  readonly onRetry?: (error: E, attempt: number, delayMs: number) => void;
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Runs `operation`, retrying failures the caller calls retryable, up to the policy's attempts. */
export async function withRetries<T, E = unknown>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions<E>,
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const failure = error as E;
      if (attempt >= options.policy.maxAttempts || !options.shouldRetry(failure, attempt)) throw error;
      const requested = options.requestedDelayMs?.(failure) ?? null;
      const computed = backoffDelay(options.policy, attempt, random);
      const delay = requested !== null ? Math.max(requested, computed) : computed;
      options.onRetry?.(failure, attempt, delay);
      await clock.sleep(delay);
    }
  }
}
