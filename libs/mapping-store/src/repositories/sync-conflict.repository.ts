import type { VendorName } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { queryRows } from './sql.util.js';
import type {
  ConflictKind,
  ConflictWinner,
  FoundObject,
  NameConflictResolution,
  SyncConflict,
} from '../mapping-store.types.js';

/** A row of `sync_conflicts` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface SyncConflictRow {
  id: string;
  group_link_id: string;
  kind: ConflictKind;
  found_vendor: VendorName | null;
  found_id: string | null;
  found_name: string | null;
  /** Vendor → the content hash its side had when the conflict was detected (a side whose hash was unknown is absent). */
  side_hashes: Record<string, string>;
  detected_at: Date;
  detected_by_run_id: string | null;
  resolved_at: Date | null;
  winner: ConflictWinner | null;
  resolution: NameConflictResolution | null;
  resolution_run_id: string | null;
}

function toConflict(row: SyncConflictRow): SyncConflict {
  return {
    id: row.id,
    groupLinkId: row.group_link_id,
    kind: row.kind,
    found:
      row.found_vendor !== null && row.found_id !== null && row.found_name !== null
        ? { vendor: row.found_vendor, id: row.found_id, name: row.found_name }
        : null,
    // jsonb keeps an object's keys in its own order (shortest first): by vendor name, so a conflict reads the same.
    sideHashes: new Map(Object.entries(row.side_hashes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    detectedAt: row.detected_at,
    detectedByRunId: row.detected_by_run_id,
    resolvedAt: row.resolved_at,
    winner: row.winner,
    resolution: row.resolution,
    resolutionRunId: row.resolution_run_id,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Two-way links whose sides both changed (`content`), and sources whose counterpart's name is held by an object
 * the gateway did not create (`name_taken`). At most one open conflict per link (partial unique index).
 */
export class SyncConflictRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Records a conflict on `groupLinkId` unless one is already open; `created` says whether this call
   * opened it (so "a new conflict" is alerted once, however many runs see it).
   */
  async open(
    groupLinkId: string,
    state: { sideHashes: ReadonlyMap<VendorName, string | null>; runId: string | null },
  ): Promise<{ conflict: SyncConflict; created: boolean }> {
    const hashes: Record<string, string> = {};
    for (const [vendor, hash] of state.sideHashes) if (hash !== null) hashes[vendor] = hash;
    const inserted = await queryRows<SyncConflictRow>(
      this.manager,
      `INSERT INTO "sync_conflicts" ("group_link_id", "side_hashes", "detected_by_run_id")
       VALUES ($1, $2::jsonb, $3)
       ON CONFLICT ("group_link_id") WHERE "resolved_at" IS NULL DO NOTHING
       RETURNING *`,
      [groupLinkId, JSON.stringify(hashes), state.runId],
    );
    if (inserted[0]) return { conflict: toConflict(inserted[0]), created: true };
    const open = await this.findOpenForLink(groupLinkId);
    if (!open) throw new Error(`conflict on link ${groupLinkId} vanished while being recorded`);
    return { conflict: open, created: false };
  }

  /**
   * Records a name conflict on `groupLinkId` (the found object's vendor, id and name) unless a conflict is
   * already open on the link; idempotent like `open`.
   */
  async openNameTaken(
    groupLinkId: string,
    found: FoundObject,
    runId: string | null,
  ): Promise<{ conflict: SyncConflict; created: boolean }> {
    const inserted = await queryRows<SyncConflictRow>(
      this.manager,
      `INSERT INTO "sync_conflicts"
         ("group_link_id", "kind", "found_vendor", "found_id", "found_name", "detected_by_run_id")
       VALUES ($1, 'name_taken', $2, $3, $4, $5)
       ON CONFLICT ("group_link_id") WHERE "resolved_at" IS NULL DO NOTHING
       RETURNING *`,
      [groupLinkId, found.vendor, found.id, found.name, runId],
    );
    if (inserted[0]) return { conflict: toConflict(inserted[0]), created: true };
    const open = await this.findOpenForLink(groupLinkId);
    if (!open) throw new Error(`conflict on link ${groupLinkId} vanished while being recorded`);
    return { conflict: open, created: false };
  }

  async findOpenForLink(groupLinkId: string): Promise<SyncConflict | null> {
    const rows = await queryRows<SyncConflictRow>(
      this.manager,
      `SELECT * FROM "sync_conflicts" WHERE "group_link_id" = $1 AND "resolved_at" IS NULL`,
      [groupLinkId],
    );
    return rows[0] ? toConflict(rows[0]) : null;
  }

  /** The link's most recent conflict, open or resolved; null if it never had one. */
  async latestForLink(groupLinkId: string): Promise<SyncConflict | null> {
    const rows = await queryRows<SyncConflictRow>(
      this.manager,
      `SELECT * FROM "sync_conflicts" WHERE "group_link_id" = $1 ORDER BY "detected_at" DESC, "id" DESC LIMIT 1`,
      [groupLinkId],
    );
    return rows[0] ? toConflict(rows[0]) : null;
  }

  async get(id: string): Promise<SyncConflict | null> {
    if (!UUID.test(id)) return null;
    const rows = await queryRows<SyncConflictRow>(this.manager, `SELECT * FROM "sync_conflicts" WHERE "id" = $1`, [id]);
    return rows[0] ? toConflict(rows[0]) : null;
  }

  /** Open conflicts first (oldest first), then resolved ones (newest first). */
  async list(options: { readonly openOnly: boolean }): Promise<SyncConflict[]> {
    const rows = await queryRows<SyncConflictRow>(
      this.manager,
      `SELECT * FROM "sync_conflicts" ${options.openOnly ? `WHERE "resolved_at" IS NULL` : ''}
       ORDER BY ("resolved_at" IS NULL) DESC, "detected_at", "id"`,
    );
    return rows.map(toConflict);
  }

  /**
   * Marks an open content conflict resolved by its winner; null if it was not open (already resolved, or
   * unknown) or is not a content conflict.
   */
  async resolve(id: string, winner: ConflictWinner, resolutionRunId: string): Promise<SyncConflict | null> {
    if (!UUID.test(id)) return null;
    const rows = await queryRows<SyncConflictRow>(
      this.manager,
      `UPDATE "sync_conflicts" SET "resolved_at" = now(), "winner" = $2, "resolution_run_id" = $3
       WHERE "id" = $1 AND "resolved_at" IS NULL AND "kind" = 'content' RETURNING *`,
      [id, winner, resolutionRunId],
    );
    return rows[0] ? toConflict(rows[0]) : null;
  }

  /**
   * Marks an open name conflict resolved as `resolution` (with the run that carries it out, if any); null if
   * it was not open or is not a name conflict.
   */
  async resolveName(
    id: string,
    resolution: NameConflictResolution,
    resolutionRunId: string | null = null,
  ): Promise<SyncConflict | null> {
    if (!UUID.test(id)) return null;
    const rows = await queryRows<SyncConflictRow>(
      this.manager,
      `UPDATE "sync_conflicts" SET "resolved_at" = now(), "resolution" = $2, "resolution_run_id" = $3
       WHERE "id" = $1 AND "resolved_at" IS NULL AND "kind" = 'name_taken' RETURNING *`,
      [id, resolution, resolutionRunId],
    );
    return rows[0] ? toConflict(rows[0]) : null;
  }
}
