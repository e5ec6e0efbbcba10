import { type Clock, systemClock } from './clock.js';
import { guardObserver, type VendorHttpObservation } from './vendor-http-observer.js';

export interface IssuedToken {
  readonly token: string;
  /** Lifetime in seconds as the vendor stated it (Feishu `expire`, WeCom `expires_in`). */
  readonly expiresInSeconds: number;
}

interface Cached {
  readonly token: string;
  readonly refreshAt: number;
}

/**
 * An access token shared by every call of one client: fetched once, reused until `marginSeconds` before
 * it expires, refreshed by exactly one caller while the others wait for the same result (single flight),
 * and dropped when the vendor rejects it so the next caller fetches a fresh one.
 */
export class TokenCache {
  private cached: Cached | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly marginSeconds = 300,
    private readonly clock: Clock = systemClock,
    /** Optional: report every token fetched (metrics). */
    private readonly observation?: VendorHttpObservation,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.refreshAt) return this.cached.token;
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * The vendor refused `token`: forget it, unless a newer one already replaced it (several calls failing
   * with the same old token must not throw away the fresh one).
   */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async refresh(): Promise<string> {
    const issued = await this.issue();
    if (this.observation) guardObserver(this.observation.observer).onTokenRefresh(this.observation.vendor);
    const lifetimeMs = issued.expiresInSeconds * 1000;
    // Never cache for less than half the lifetime, even if the margin is larger than the lifetime.
    const refreshInMs = Math.max(lifetimeMs / 2, lifetimeMs - this.marginSeconds * 1000);
    this.cached = { token: issued.token, refreshAt: this.clock.now() + refreshInMs };
    return issued.token;
  }
}
