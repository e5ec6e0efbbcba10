import { isVendorError, type UnreadableRecord, type Vendor, type VendorErrorKind } from '@app/kernel';

/** How one HTTP exchange with a vendor ended: `ok`, or the kind of failure it was (the closed taxonomy). */
export type VendorRequestOutcome = 'ok' | VendorErrorKind;

/**
 * Told what the shared HTTP machinery does, for metrics: every exchange with its outcome and latency, every
 * wait for a rate-limit slot, every token fetched. Optional everywhere (the default does nothing); every hook
 * is optional; a hook that throws is ignored (observing must never fail the call observed). `endpoint` is a
 * low-cardinality label such as "GET /open-apis/attendance/v1/groups/:group_id", never a URL with ids or
 * credentials. Hooks never receive tokens, secrets or bodies.
 */
export interface VendorHttpObserver {
  /** One HTTP exchange ended `seconds` after it was sent (transport failures and timeouts included). */
  onRequest?(vendor: Vendor, endpoint: string, outcome: VendorRequestOutcome, seconds: number): void;
  /** A call was held back `seconds` for its rate-limit slot (own pacing, or a pause the vendor asked for). */
  onRateLimitWait?(vendor: Vendor, endpoint: string, seconds: number): void;
  /** A new access token was fetched (first use, before expiry, or after the vendor refused the old one). */
  onTokenRefresh?(vendor: Vendor): void;
  /** One element of a list answer could not be read and was set aside (record-reader.ts). */
  onUnreadableRecord?(record: UnreadableRecord): void;
}

/** The default: observes nothing. */
export const NOOP_VENDOR_HTTP_OBSERVER: VendorHttpObserver = Object.freeze({});

/** Which vendor a limiter or token cache works for, and who is told about it. */
export interface VendorHttpObservation {
  readonly vendor: Vendor;
  readonly observer?: VendorHttpObserver;
}

/** The observer's hooks, each always callable and never throwing. */
export function guardObserver(observer: VendorHttpObserver | undefined): Required<VendorHttpObserver> {
  const target = observer ?? NOOP_VENDOR_HTTP_OBSERVER;
  return {
    onRequest: (vendor, endpoint, outcome, seconds) =>
      attempt(() => target.onRequest?.(vendor, endpoint, outcome, seconds)),
    onRateLimitWait: (vendor, endpoint, seconds) => attempt(() => target.onRateLimitWait?.(vendor, endpoint, seconds)),
    onTokenRefresh: (vendor) => attempt(() => target.onTokenRefresh?.(vendor)),
    onUnreadableRecord: (record) => attempt(() => target.onUnreadableRecord?.(record)),
  };
}

/**
 * One observer that tells each of `observers` (the absent ones skipped), each guarded on its own: a throwing
 * one does not keep the others from hearing (the gateway has metrics and a call log on every client).
 */
export function combineObservers(...observers: readonly (VendorHttpObserver | undefined)[]): VendorHttpObserver {
  const guarded = observers.filter((observer) => observer !== undefined).map(guardObserver);
  return {
    onRequest: (vendor, endpoint, outcome, seconds) => {
      for (const observer of guarded) observer.onRequest(vendor, endpoint, outcome, seconds);
    },
    onRateLimitWait: (vendor, endpoint, seconds) => {
      for (const observer of guarded) observer.onRateLimitWait(vendor, endpoint, seconds);
    },
    onTokenRefresh: (vendor) => {
      for (const observer of guarded) observer.onTokenRefresh(vendor);
    },
    onUnreadableRecord: (record) => {
      for (const observer of guarded) observer.onUnreadableRecord(record);
    },
  };
}

function attempt(hook: () => void): void {
  try {
    hook();
  } catch {
    // Metrics are best effort: a failing observer must not fail the call it observes.
  }
}

/**
 * The outcome of an answer judged by its HTTP status alone, for vendors that did not say better (the
 * vendor clients pass a classifier that reads their envelope's code, since both vendors put most errors in
 * HTTP 200 bodies).
 */
export function outcomeFromStatus(status: number): VendorRequestOutcome {
  if (status < 400) return 'ok';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'transient';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  return 'invalid_request';
}

/** The outcome of an exchange that threw: its VendorError kind, else `unknown`. */
export function outcomeFromError(error: unknown): VendorRequestOutcome {
  return isVendorError(error) ? error.kind : 'unknown';
}
