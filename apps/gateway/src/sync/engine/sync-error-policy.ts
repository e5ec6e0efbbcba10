import { isVendorError, type SyncErrorKind, type VendorErrorKind } from '@app/kernel';
import type { LinkFailure } from '@app/mapping-store';

/** An error as an HR/IT reader should see it in a run item: the vendor's words and code, no stack. */
export function describeFailure(error: unknown): string {
  if (isVendorError(error)) {
    const code = error.vendorCode === null ? '' : ` (code ${error.vendorCode})`;
    const where = error.endpoint ? ` at ${error.endpoint}` : '';
    return `${error.vendor} ${error.kind}${where}${code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What the sync does about a vendor failure of one kind. */
export interface VendorFailurePolicy {
  /**
   * A run that failed as a whole on it (it could not even list the source) gets another attempt after a backoff
   * (SYNC_RUN_RETRIES): the request was not the problem, the vendor's state was.
   */
  readonly retryRun: boolean;
  /**
   * A batch refused with it may have been refused for one of its records (a person the vendor does not know, a
   * value it rejects): the batch is retried record by record, and only the refused records fail.
   */
  readonly perRecord: boolean;
  /**
   * The refusal says the vendor did not apply the request. False where it may have (a timeout, a reset, a lost
   * or unreadable answer): a write is then checked against the vendor before it is repeated.
   */
  readonly notApplied: boolean;
}

/**
 * The one place the engines' reactions to vendor failures are decided, by kind (the closed taxonomy of
 * libs/kernel/src/vendor-error.ts). The vendor clients have already retried what is safe to repeat at once
 * (throttling, transient failures of idempotent calls, an expired token); what reaches the engines is decided
 * here. A kind added to the taxonomy does not compile until it has a row.
 */
export const VENDOR_FAILURE_POLICY: Readonly<Record<VendorErrorKind, VendorFailurePolicy>> = {
  // The client refreshed the token and retried once: the credentials themselves are refused.
  auth: { retryRun: false, perRecord: false, notApplied: true },
  // Still throttled after the client waited as told: later, not now.
  rate_limit: { retryRun: true, perRecord: false, notApplied: true },
  // 5xx, timeouts, resets, "system busy": the request may or may not have been applied.
  transient: { retryRun: true, perRecord: false, notApplied: false },
  // The app lacks a scope: a person fixes the app's setup.
  permission: { retryRun: false, perRecord: false, notApplied: true },
  // One record the vendor does not know (a person, a rule): the others can go through.
  not_found: { retryRun: false, perRecord: true, notApplied: true },
  // The vendor rejected a value: possibly one record's.
  invalid_request: { retryRun: false, perRecord: true, notApplied: true },
  // Another WeCom app's rule: read it, never write it.
  foreign_owned_rule: { retryRun: false, perRecord: false, notApplied: true },
  // Malformed or unrecognised answers: nobody can say what happened.
  unknown: { retryRun: false, perRecord: false, notApplied: false },
};

function policyOf(error: unknown): VendorFailurePolicy | null {
  return isVendorError(error) ? VENDOR_FAILURE_POLICY[error.kind] : null;
}

/** A run that failed as a whole on `error` gets another attempt later. */
export function retriesRun(error: unknown): boolean {
  return policyOf(error)?.retryRun ?? false;
}

/** A batch refused with `error` is retried record by record. */
export function isPerRecordRefusal(error: unknown): boolean {
  return policyOf(error)?.perRecord ?? false;
}

/** `error` says the vendor did not apply the request (not a timeout or a lost answer). */
export function wasNotApplied(error: unknown): boolean {
  return policyOf(error)?.notApplied ?? false;
}

/** The kind a link records for a failure: the vendor's kind, else `internal` (not a vendor's answer). */
export function failureKindOf(error: unknown): SyncErrorKind {
  return isVendorError(error) ? error.kind : 'internal';
}

/** What a link records about a failure: its message and its kind. */
export function linkFailureOf(error: unknown): LinkFailure {
  return { message: describeFailure(error), kind: failureKindOf(error) };
}
