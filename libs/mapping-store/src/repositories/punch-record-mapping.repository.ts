import type { Vendor } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { queryRows } from './sql.util.js';
import { assertUniqueInBatch, withStoreErrors } from '../mapping-store.errors.js';
import type { PendingPunchWrite, PunchRecordMapping, PunchWriteState } from '../mapping-store.types.js';

/** A row of `punch_record_mappings` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface PunchRecordMappingRow {
  id: string;
  source_vendor: Vendor;
  source_key: string;
  target_key: string | null;
  user_key: string;
  punched_at: Date;
  run_id: string | null;
  state: PunchWriteState;
  created_at: Date;
}

/**
 * Which punches the gateway has carried across, in which direction. WeCom has no idempotency key, so this
 * table is what stops a punch from being imported twice; it also answers "did we put this record there?",
 * which is how a punch is kept from echoing back to the side it came from.
 */
export class PunchRecordMappingRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts the mappings not yet known (by source); returns how many were new. */
  async recordMany(mappings: readonly PunchRecordMapping[]): Promise<number> {
    if (mappings.length === 0) return 0;
    assertUniqueInBatch(
      'sourceVendor+sourceKey',
      mappings.map((m) => `${m.sourceVendor}:${m.sourceKey}`),
    );
    const rows: unknown[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `INSERT INTO "punch_record_mappings"
           ("source_vendor", "source_key", "target_key", "user_key", "punched_at", "run_id", "state")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[], $7::text[])
         ON CONFLICT ("source_vendor", "source_key") DO NOTHING
         RETURNING "id"`,
        [
          mappings.map((m) => m.sourceVendor),
          mappings.map((m) => m.sourceKey),
          mappings.map((m) => m.targetKey),
          mappings.map((m) => m.userKey),
          mappings.map((m) => m.punchedAt.toISOString()),
          mappings.map((m) => m.runId),
          mappings.map((m) => m.state ?? 'done'),
        ],
      ),
    );
    return rows.length;
  }

  /** Of `sourceKeys` (punches read from `sourceVendor`), those carried across or being written (pending). */
  async knownSourceKeys(sourceVendor: Vendor, sourceKeys: readonly string[]): Promise<Set<string>> {
    return this.keysWhere('source_key', sourceVendor, sourceKeys);
  }

  /**
   * Of `targetKeys` (punches read from the other vendor), those the gateway itself wrote there from
   * `sourceVendor`: exporting them back would be an echo.
   */
  async importedFrom(sourceVendor: Vendor, targetKeys: readonly string[]): Promise<Set<string>> {
    return this.keysWhere('target_key', sourceVendor, targetKeys);
  }

  /** Of `sourceKeys`, the writes recorded as pending (a run ended before the vendor answered). */
  async pendingWrites(sourceVendor: Vendor, sourceKeys: readonly string[]): Promise<PendingPunchWrite[]> {
    if (sourceKeys.length === 0) return [];
    const rows: Pick<PunchRecordMappingRow, 'source_key' | 'target_key' | 'user_key' | 'punched_at'>[] =
      await queryRows(
        this.manager,
        `SELECT "source_key", "target_key", "user_key", "punched_at" FROM "punch_record_mappings"
         WHERE "source_vendor" = $1 AND "state" = 'pending' AND "source_key" = ANY($2::text[])`,
        [sourceVendor, [...sourceKeys]],
      );
    return rows.map((row) => ({
      sourceKey: row.source_key,
      targetKey: row.target_key,
      userKey: row.user_key,
      punchedAt: new Date(row.punched_at),
    }));
  }

  /** Marks pending writes done: the vendor answered, or a later read found the punches there. */
  async confirm(sourceVendor: Vendor, sourceKeys: readonly string[]): Promise<void> {
    if (sourceKeys.length === 0) return;
    await queryRows(
      this.manager,
      `UPDATE "punch_record_mappings" SET "state" = 'done'
       WHERE "source_vendor" = $1 AND "state" = 'pending' AND "source_key" = ANY($2::text[]) RETURNING "id"`,
      [sourceVendor, [...sourceKeys]],
    );
  }

  /** Drops pending writes that did not happen (the vendor refused them, or a later read did not find them). */
  async forgetPending(sourceVendor: Vendor, sourceKeys: readonly string[]): Promise<void> {
    if (sourceKeys.length === 0) return;
    await queryRows(
      this.manager,
      `DELETE FROM "punch_record_mappings"
       WHERE "source_vendor" = $1 AND "state" = 'pending' AND "source_key" = ANY($2::text[]) RETURNING "id"`,
      [sourceVendor, [...sourceKeys]],
    );
  }

  private async keysWhere(
    column: keyof Pick<PunchRecordMappingRow, 'source_key' | 'target_key'>,
    sourceVendor: Vendor,
    keys: readonly string[],
  ) {
    if (keys.length === 0) return new Set<string>();
    const rows: { key: string }[] = await queryRows(
      this.manager,
      `SELECT "${column}" AS "key" FROM "punch_record_mappings"
       WHERE "source_vendor" = $1 AND "${column}" = ANY($2::text[])`,
      [sourceVendor, [...keys]],
    );
    return new Set(rows.map((row) => row.key));
  }
}
