import type { SeededRandom } from '../common/seeded-random.js';

export type TokenCheck =
  | { readonly ok: true; readonly app: string }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'expired' };

interface IssuedToken {
  readonly app: string;
  expiresAtMs: number;
}

/**
 * access_tokens per app. Each gettoken mints a new token and leaves earlier ones valid until they expire:
 * the 2024 gettoken page (path/91039) no longer promises the same token while valid (REFERENCE B2), so
 * clients must not rely on either behaviour.
 */
export class WecomTokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private issued = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly ttlSeconds: number,
  ) {}

  issue(app: string, nowMs: number): { readonly token: string; readonly expiresIn: number } {
    this.issued++;
    const token = `emu${this.issued.toString(36)}${this.random.digits(40)}`;
    this.tokens.set(token, { app, expiresAtMs: nowMs + this.ttlSeconds * 1000 });
    return { token, expiresIn: this.ttlSeconds };
  }

  check(token: string | undefined, nowMs: number): TokenCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' };
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (nowMs >= issued.expiresAtMs) return { ok: false, reason: 'expired' };
    return { ok: true, app: issued.app };
  }

  /** WeCom "may invalidate a token early" (path/91039): the next call with it gets 42001. */
  expire(token: string, nowMs: number): void {
    const issued = this.tokens.get(token);
    if (issued) issued.expiresAtMs = Math.min(issued.expiresAtMs, nowMs);
  }

  expireAll(nowMs: number): void {
    for (const issued of this.tokens.values()) issued.expiresAtMs = Math.min(issued.expiresAtMs, nowMs);
  }

  clear(): void {
    this.tokens.clear();
  }
}
