import type { SeededRandom } from '../common/seeded-random.js';
import { INVALID_TOKEN, MALFORMED_TOKEN, MISSING_TOKEN } from './feishu-emulator.errors.js';

/** A token is handed out again unchanged while at least 30 min remain (REFERENCE A2). */
const REISSUE_BELOW_MS = 30 * 60 * 1000;

interface IssuedToken {
  readonly appId: string;
  readonly expiresAt: number;
}

/**
 * tenant_access_token issue and checks (REFERENCE A2): the same token while ≥ 30 min of its life remain, a
 * new one (the old one still valid until it expires) when less remains; every token dies at its expiry, when
 * revoked by a token_expiry fault, or when the test calls expireTokens().
 */
export class FeishuTokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly current = new Map<string, string>();

  constructor(
    private readonly random: SeededRandom,
    private readonly ttlSeconds: number,
  ) {}

  issue(appId: string, now: number): { token: string; expire: number } {
    const currentToken = this.current.get(appId);
    const issued = currentToken ? this.tokens.get(currentToken) : undefined;
    if (currentToken && issued && issued.expiresAt - now >= REISSUE_BELOW_MS) {
      return { token: currentToken, expire: Math.floor((issued.expiresAt - now) / 1000) };
    }
    let token: string;
    do token = `t-g${this.hex(40)}`;
    while (this.tokens.has(token));
    this.tokens.set(token, { appId, expiresAt: now + this.ttlSeconds * 1000 });
    this.current.set(appId, token);
    return { token, expire: this.ttlSeconds };
  }

  /** The app a request's Authorization header speaks for, or the documented token error. */
  authenticate(authorization: string | undefined, now: number): string {
    const header = authorization?.trim() ?? '';
    if (header === '') throw MISSING_TOKEN();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1];
    if (!token) throw MISSING_TOKEN();
    if (!/^[tu]-/.test(token)) throw MALFORMED_TOKEN();
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= now) throw INVALID_TOKEN();
    return issued.appId;
  }

  /** The token in this Authorization header stops working now (a token_expiry fault). */
  revoke(authorization: string | undefined): void {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return;
    this.tokens.delete(token);
    for (const [appId, current] of this.current) if (current === token) this.current.delete(appId);
  }

  /** Every token issued so far stops working now. */
  expireAll(): void {
    this.tokens.clear();
    this.current.clear();
  }

  private hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.random.next() * 16).toString(16);
    return out;
  }
}
