import type { UnreadableRecord, Vendor } from '@app/kernel';
import type { z } from 'zod';
import { guardObserver, type VendorHttpObserver } from './vendor-http-observer.js';

/** What the reader needs to know about the list it reads. */
export interface RecordListContext {
  readonly vendor: Vendor;
  /** The endpoint's route label. */
  readonly endpoint: string;
  /** What one element is, in words ("checkin rule"). */
  readonly kind: string;
  /** The element's vendor id, read from the raw element, or null when it has none that can be read. */
  readonly idOf: (element: unknown) => string | null;
  /** Told about every element set aside (metrics, logs). */
  readonly observer?: VendorHttpObserver;
  /** The caller's sink for elements set aside (a run turns each into a failed item). */
  readonly onUnreadable?: (record: UnreadableRecord) => void;
}

/**
 * Reads a vendor list element by element: each element that the schema accepts is returned (parsed), each
 * one it refuses is handed to `onUnreadable` and the observer with its id, position and fields, and left out.
 * One odd record never decides for the list (DESIGN.md, "Tolerant reader"). The checks themselves stay zod
 * schemas; only the loop over elements is written here, because a list schema stops at the whole answer.
 */
export function readRecords<S extends z.ZodType>(
  elements: readonly unknown[],
  schema: S,
  context: RecordListContext,
  offset = 0,
): z.output<S>[] {
  const records: z.output<S>[] = [];
  const observer = context.observer ? guardObserver(context.observer) : null;
  elements.forEach((element, position) => {
    const parsed = schema.safeParse(element);
    if (parsed.success) {
      records.push(parsed.data);
      return;
    }
    const issues = parsed.error.issues;
    const record: UnreadableRecord = {
      vendor: context.vendor,
      endpoint: context.endpoint,
      kind: context.kind,
      recordId: safeId(context.idOf, element),
      index: offset + position,
      field: issuePath(issues[0]?.path ?? []),
      reason: describeIssues(issues),
    };
    observer?.onUnreadableRecord(record);
    try {
      context.onUnreadable?.(record);
    } catch {
      // A sink's failure must not fail the read of the other records.
    }
  });
  return records;
}

/** A record's id as a string (numbers too), or null. */
export function readRecordId(element: unknown, ...keys: readonly string[]): string | null {
  if (typeof element !== 'object' || element === null) return null;
  const values = keys.map((key) => (element as Record<string, unknown>)[key]);
  if (values.some((value) => !(typeof value === 'string' && value !== '') && !Number.isSafeInteger(value))) return null;
  return values.map(String).join('@');
}

function safeId(idOf: (element: unknown) => string | null, element: unknown): string | null {
  try {
    return idOf(element);
  } catch {
    return null;
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(record)' : path.map(String).join('.');
}

/** "checkindate.0.checkintime: Invalid input: expected array, received string; …" (paths, never values). */
function describeIssues(issues: z.ZodError['issues']): string {
  const shown = issues.slice(0, 5).map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return shown.join('; ') + more;
}
