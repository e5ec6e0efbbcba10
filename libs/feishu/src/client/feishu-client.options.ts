import type { VendorErrorKind } from '@app/kernel';
import type { Clock, RateLimit, RetryPolicy, VendorHttpObserver } from '@app/vendor-http';
import type { FeishuEndpointName } from './feishu-endpoints.js';

export type FeishuEmployeeType = 'employee_id' | 'employee_no';
/** Attendance accepts open department ids only (REFERENCE A1). */
export type FeishuDeptType = 'open_id';

export interface FeishuClientOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** https://open.feishu.cn (Lark: https://open.larksuite.com), or an emulator. */
  readonly baseUrl: string;
  /** The user-id type of every attendance call; ids in requests and responses are of this type (A1). */
  readonly employeeType: FeishuEmployeeType;
  readonly deptType: FeishuDeptType;
  /** Whole-request timeout; default 15 s. */
  readonly timeoutMs?: number;
  /** Per-endpoint limits replacing the documented ones (50 requests/s, REFERENCE A3; contact also 1000/min). */
  readonly rateLimits?: Partial<Record<FeishuEndpointName, readonly RateLimit[]>>;
  /** Retries of throttled calls, and of transient failures where repeating is safe. */
  readonly retry?: RetryPolicy;
  readonly clock?: Clock;
  /** Observability: token refreshes, retries, rate-limit waits. Events never carry tokens or secrets. */
  readonly onEvent?: (event: FeishuClientEvent) => void;
  /** Metrics: every HTTP exchange (outcome, latency), rate-limit wait and token fetch. Default: none. */
  readonly observer?: VendorHttpObserver;
}

export type FeishuClientEvent =
  /** A tenant token was fetched (first use, before expiry, or after Feishu rejected the previous one). */
  | { readonly type: 'token_issued'; readonly expiresInSeconds: number }
  /** Feishu refused the cached token; the client drops it and retries the call once with a fresh one. */
  | { readonly type: 'token_rejected'; readonly endpoint: string; readonly vendorCode: number }
  /** Feishu throttled a call (HTTP 429 / 99991400): the endpoint is paused for `pauseMs`. */
  | {
      readonly type: 'rate_limited';
      readonly endpoint: string;
      readonly pauseMs: number;
      readonly limit: number | null;
    }
  /** Our own pacing (or a pause Feishu asked for) held a call back before sending. */
  | { readonly type: 'throttled'; readonly endpoint: string; readonly waitedMs: number }
  /**
   * batch_create answered "the object already exists" (REFERENCE A7): of the batch's records Feishu already
   * held, `readBack` were read back with user_flows/query; `unreadIdempotentIds` are held but not shown by
   * it (pending or invalid flows), so they are imported but have no known record_id.
   */
  | {
      readonly type: 'flows_already_held';
      readonly endpoint: string;
      readonly readBack: number;
      readonly unreadIdempotentIds: readonly string[];
    }
  /** A failed call is sent again after `delayMs`. */
  | {
      readonly type: 'retry';
      readonly endpoint: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly kind: VendorErrorKind;
      readonly vendorCode: number | null;
    };

/** Feishu documents 50 requests/s for every attendance API used here (REFERENCE A3). */
export const FEISHU_DEFAULT_RATE_LIMIT: RateLimit = { limit: 50, windowMs: 1000 };

/** Every contact API: 50/s and 1000/min, either window trips it (docs/vendor/feishu-contact.md [F0]). */
export const FEISHU_CONTACT_RATE_LIMITS: readonly RateLimit[] = [
  { limit: 50, windowMs: 1000 },
  { limit: 1000, windowMs: 60_000 },
];

/** The documented limits of the endpoints whose limit is not FEISHU_DEFAULT_RATE_LIMIT. */
export const FEISHU_DOCUMENTED_RATE_LIMITS: Partial<Record<FeishuEndpointName, readonly RateLimit[]>> = {
  batchGetUserIds: FEISHU_CONTACT_RATE_LIMITS,
  listDepartmentChildren: FEISHU_CONTACT_RATE_LIMITS,
  listUsersByDepartment: FEISHU_CONTACT_RATE_LIMITS,
};

export const FEISHU_DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

export const FEISHU_DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Refresh the cached token this long before Feishu says it expires. Feishu hands the same token out while
 * ≥ 30 min remain and a new one below that (REFERENCE A2), so refreshing 5 min early always yields a new one.
 */
export const FEISHU_TOKEN_REFRESH_MARGIN_SECONDS = 300;
