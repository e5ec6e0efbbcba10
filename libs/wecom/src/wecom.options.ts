import type { VendorErrorKind } from '@app/kernel';
import type { Clock, RateLimit, RetryPolicy, VendorHttpObserver } from '@app/vendor-http';
import type { WecomApi } from './client/wecom-apis.constants.js';

export interface WecomClientOptions {
  readonly corpId: string;
  /** The secret of the self-built app configured under 打卡 → 可调用接口的应用 (REFERENCE B2). */
  readonly corpSecret: string;
  /** e.g. https://qyapi.weixin.qq.com (or an emulator). */
  readonly baseUrl: string;
  /** Whole-request timeout; default 15 s. */
  readonly timeoutMs?: number;
  /** Per-API overrides of WeCom's published limits (REFERENCE B3); an API not named keeps its default. */
  readonly rateLimits?: Partial<Record<WecomApi, readonly RateLimit[]>>;
  /** How far under the published (default) limits to pace, as a fraction; default 0.02 (2 %). */
  readonly rateLimitMargin?: number;
  /** Default: 4 attempts in all (WeCom: retry -1 at most 3 times, path/90455), 500 ms base, 30 s cap. */
  readonly retry?: RetryPolicy;
  /**
   * How long to stay away from an API after errcode 45009, before jitter. Default 60 s: "频率拦截时长一般与
   * 调用的限制时长相同", a per-minute block lifts after a minute (45009 help, path/90313).
   */
  readonly throttleBackoffMs?: number;
  readonly clock?: Clock;
  /** Jitter source; tests pin it. */
  readonly random?: () => number;
  /** Told about token refreshes, retries and rate-limit waits. Events never carry tokens or secrets. */
  readonly onEvent?: (event: WecomClientEvent) => void;
  /** Metrics: every HTTP exchange (outcome, latency), rate-limit wait and token fetch. Default: none. */
  readonly observer?: VendorHttpObserver;
}

export type WecomClientEvent =
  | { readonly type: 'token_refreshed'; readonly expiresInSeconds: number }
  /** WeCom refused the token (40001/40014/41001/42001); the client refreshes it and repeats the call once. */
  | { readonly type: 'token_rejected'; readonly endpoint: string; readonly errcode: number }
  /** The client's own limiter held the call back to stay within WeCom's published limit. */
  | { readonly type: 'rate_limit_wait'; readonly endpoint: string; readonly waitedMs: number }
  | {
      readonly type: 'retry';
      readonly endpoint: string;
      /** the attempt that failed (1 = the first) */
      readonly attempt: number;
      readonly delayMs: number;
      readonly kind: VendorErrorKind;
      readonly errcode: number | null;
    }
  /** A transient failure on a call that is not safe to repeat: surfaced instead of retried. */
  | {
      readonly type: 'not_retried';
      readonly endpoint: string;
      readonly kind: VendorErrorKind;
      readonly errcode: number | null;
    };
