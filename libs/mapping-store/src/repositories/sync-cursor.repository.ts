import type { SyncDirection, SyncScope } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { execute, queryRows } from './sql.util.js';
import { CursorMovedError } from '../mapping-store.errors.js';
import type { CursorKey, SyncCursor } from '../mapping-store.types.js';

/** A row of `sync_cursors` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface SyncCursorRow<P = unknown> {
  scope: SyncScope;
  direction: SyncDirection;
  partition_key: string;
  position: P;
  version: number;
  updated_at: Date;
}

function describe(key: CursorKey): string {
  return `${key.scope}/${key.direction}${key.partitionKey ? `/${key.partitionKey}` : ''}`;
}

/**
 * Durable position of an incremental stream. It moves only by compare-and-set, and callers move it in the
 * same transaction as the batch it covers, so a crash never leaves the cursor ahead of committed work.
 */
export class SyncCursorRepository {
  constructor(private readonly manager: EntityManager) {}

  async get<P>(key: CursorKey): Promise<SyncCursor<P> | null> {
    const rows: Pick<SyncCursorRow<P>, 'position' | 'version' | 'updated_at'>[] = await queryRows(
      this.manager,
      `SELECT "position", "version", "updated_at" FROM "sync_cursors"
       WHERE "scope" = $1 AND "direction" = $2 AND "partition_key" = $3`,
      [key.scope, key.direction, key.partitionKey ?? ''],
    );
    const row = rows[0];
    return row ? { position: row.position, version: row.version, updatedAt: row.updated_at } : null;
  }

  /**
   * Moves the cursor to `position` if it is still at `expectedVersion` (null: if it does not exist yet).
   * Returns the new version; throws CursorMovedError if another writer got there first.
   */
  async advance(key: CursorKey, expectedVersion: number | null, position: unknown): Promise<number> {
    const params = [key.scope, key.direction, key.partitionKey ?? '', JSON.stringify(position)];
    const rows: Pick<SyncCursorRow, 'version'>[] =
      expectedVersion === null
        ? await queryRows(
            this.manager,
            `INSERT INTO "sync_cursors" ("scope", "direction", "partition_key", "position")
             VALUES ($1, $2, $3, $4::jsonb)
             ON CONFLICT ("scope", "direction", "partition_key") DO NOTHING
             RETURNING "version"`,
            params,
          )
        : await queryRows(
            this.manager,
            `UPDATE "sync_cursors" SET "position" = $4::jsonb, "version" = "version" + 1, "updated_at" = now()
             WHERE "scope" = $1 AND "direction" = $2 AND "partition_key" = $3 AND "version" = $5
             RETURNING "version"`,
            [...params, expectedVersion],
          );
    const row = rows[0];
    if (!row) throw new CursorMovedError(describe(key), expectedVersion);
    return row.version;
  }

  /** Forgets the position: the next run starts from a full window. */
  async reset(key: CursorKey): Promise<void> {
    await execute(
      this.manager,
      `DELETE FROM "sync_cursors" WHERE "scope" = $1 AND "direction" = $2 AND "partition_key" = $3`,
      [key.scope, key.direction, key.partitionKey ?? ''],
    );
  }
}
