import type { Vendor } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { execute, queryRows } from './sql.util.js';

/** One received vendor event, by the vendor's own event id. */
export interface EventReceipt {
  readonly sourceVendor: Vendor;
  readonly eventId: string;
  readonly eventType: string;
}

/** A row of `event_receipts` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface EventReceiptRow {
  source_vendor: Vendor;
  event_id: string;
  event_type: string;
  received_at: Date;
  run_id: string | null;
}

/**
 * Which vendor events (webhooks) have been received, so a re-delivered event is acted on once across every
 * replica and restart. Whether an event is new is decided by one INSERT … ON CONFLICT DO NOTHING: of two
 * replicas receiving the same event at once, exactly one gets the row back. Call `recordFirstSeen` in the
 * same transaction as the work the event triggers, so a failure forgets the receipt too and the vendor's
 * re-delivery is acted on. Times come from the database clock.
 */
export class EventReceiptRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Records `receipt`; true the first time its event id is seen, false for a re-delivery. */
  async recordFirstSeen(receipt: EventReceipt): Promise<boolean> {
    const rows = await queryRows<Pick<EventReceiptRow, 'event_id'>>(
      this.manager,
      `INSERT INTO "event_receipts" ("source_vendor", "event_id", "event_type")
       VALUES ($1, $2, $3)
       ON CONFLICT ("source_vendor", "event_id") DO NOTHING
       RETURNING "event_id"`,
      [receipt.sourceVendor, receipt.eventId, receipt.eventType],
    );
    return rows.length === 1;
  }

  /** Notes the run an event queued. */
  async attachRun(sourceVendor: Vendor, eventId: string, runId: string): Promise<void> {
    await execute(
      this.manager,
      `UPDATE "event_receipts" SET "run_id" = $3 WHERE "source_vendor" = $1 AND "event_id" = $2`,
      [sourceVendor, eventId, runId],
    );
  }

  /** Whether an event id has been received (and its run, if it queued one); null if never. */
  async find(sourceVendor: Vendor, eventId: string): Promise<{ eventType: string; runId: string | null } | null> {
    const rows = await queryRows<Pick<EventReceiptRow, 'event_type' | 'run_id'>>(
      this.manager,
      `SELECT "event_type", "run_id" FROM "event_receipts" WHERE "source_vendor" = $1 AND "event_id" = $2`,
      [sourceVendor, eventId],
    );
    const row = rows[0];
    return row ? { eventType: row.event_type, runId: row.run_id } : null;
  }

  /** Forgets receipts received more than `ageMs` ago; returns how many. */
  async pruneOlderThan(ageMs: number): Promise<number> {
    return execute(
      this.manager,
      `DELETE FROM "event_receipts" WHERE "received_at" < now() - $1 * interval '1 millisecond'`,
      [ageMs],
    );
  }
}
