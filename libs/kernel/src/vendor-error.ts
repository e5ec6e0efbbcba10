import type { Vendor } from './vendor.js';

/**
 * The closed taxonomy every vendor failure is sorted into, decided once in each vendor client. What to do
 * next follows from the kind alone:
 *  - auth: the token was refused; the client already refreshed and retried once, so the credentials are bad;
 *  - rate_limit: the vendor throttled us even after the client waited as told; back off, try later;
 *  - transient: 5xx, timeouts, resets, "system busy"; retried where repeating is safe, then surfaced;
 *  - permission: the app lacks a scope / is not allowed to call the API (fix the app's setup);
 *  - not_found: the object does not exist (deleted on the vendor side);
 *  - invalid_request: the vendor rejected our payload; retrying the same request cannot help;
 *  - foreign_owned_rule: a WeCom rule created by another app; we may read it, never update or delete it;
 *  - unknown: anything else, including malformed responses; surfaced with the raw code for a human.
 */
export const VENDOR_ERROR_KINDS = [
  'auth',
  'rate_limit',
  'transient',
  'permission',
  'not_found',
  'invalid_request',
  'foreign_owned_rule',
  'unknown',
] as const;
export type VendorErrorKind = (typeof VENDOR_ERROR_KINDS)[number];

export interface VendorErrorDetails {
  /** The vendor's own code (Feishu `code`, WeCom `errcode`), or null for transport failures. */
  readonly vendorCode: number | null;
  /** The vendor's log/request id (Feishu `X-Tt-Logid`, WeCom errmsg `hint`), for support tickets. */
  readonly logId?: string | null;
  readonly httpStatus?: number | null;
  /** Which API was called, e.g. "POST /open-apis/attendance/v1/groups". Never contains credentials. */
  readonly endpoint?: string;
  /** How long the vendor asked us to wait, when it said. */
  readonly retryAfterMs?: number | null;
}

export class VendorError extends Error {
  readonly vendorCode: number | null;
  readonly logId: string | null;
  readonly httpStatus: number | null;
  readonly endpoint: string | null;
  readonly retryAfterMs: number | null;

  constructor(
    readonly vendor: Vendor,
    readonly kind: VendorErrorKind,
    message: string,
    details: VendorErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VendorError';
    this.vendorCode = details.vendorCode;
    this.logId = details.logId ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.endpoint = details.endpoint ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }

  /** Safe to repeat the same request later (the request itself was not the problem). */
  get retryable(): boolean {
    return this.kind === 'rate_limit' || this.kind === 'transient';
  }

  toJSON(): Record<string, unknown> {
    return {
      vendor: this.vendor,
      kind: this.kind,
      message: this.message,
      vendorCode: this.vendorCode,
      logId: this.logId,
      httpStatus: this.httpStatus,
      endpoint: this.endpoint,
    };
  }
}

export function isVendorError(error: unknown): error is VendorError {
  return error instanceof VendorError;
}

/**
 * Why a link's last sync failed (links.last_error_kind): a vendor failure's kind, or what the sync itself
 * found. `translation_refused`: the source cannot be represented on the target (a blocking loss);
 * `source_missing` / `target_missing`: a side is gone; `conflict`: both sides changed; `internal`: anything that
 * is not a vendor's answer (the gateway's own failure, a database error).
 */
export const SYNC_ERROR_KINDS = [
  ...VENDOR_ERROR_KINDS,
  'translation_refused',
  'source_missing',
  'target_missing',
  'conflict',
  'internal',
] as const;
export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];
