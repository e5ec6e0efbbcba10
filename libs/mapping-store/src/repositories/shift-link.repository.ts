import { randomUUID } from 'node:crypto';
import type { VendorName } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { execute, queryRows } from './sql.util.js';
import { withStoreErrors } from '../mapping-store.errors.js';
import type { ShiftLink, ShiftLinkInput, ShiftLinkSide } from '../mapping-store.types.js';

/** A row of `shift_links` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface ShiftLinkRow {
  id: string;
  group_link_id: string;
  content_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A row of `shift_link_sides`: one vendor's side of a shift link (schema.spec.ts holds it against the migrations). */
export interface ShiftLinkSideRow {
  shift_link_id: string;
  /** The shift link's group link, so the sides' key (group link, vendor, kind, key) can hold it. */
  group_link_id: string;
  vendor: VendorName;
  kind: string;
  key: string;
  name: string | null;
}

/** A shift link with its sides as one JSON array, as listForGroupLink reads it. */
interface ShiftLinkWithSidesRow {
  id: string;
  group_link_id: string;
  content_hash: string | null;
  sides: readonly { vendor: VendorName; kind: string; key: string; name: string | null }[];
}

function toShiftLink(row: ShiftLinkWithSidesRow): ShiftLink {
  return {
    id: row.id,
    groupLinkId: row.group_link_id,
    sides: new Map<VendorName, ShiftLinkSide>(
      row.sides.map(({ vendor, kind, key, name }) => [vendor, { kind, key, name }] as const),
    ),
    contentHash: row.content_hash,
  };
}

const SELECT_WITH_SIDES = `
  SELECT l."id", l."group_link_id", l."content_hash",
         COALESCE((SELECT json_agg(json_build_object('vendor', s."vendor", 'kind', s."kind", 'key', s."key",
                                                     'name', s."name") ORDER BY s."vendor")
                   FROM "shift_link_sides" s WHERE s."shift_link_id" = l."id"), '[]'::json) AS "sides"
  FROM "shift_links" l`;

/**
 * One shift within a group link as each vendor holds it (a Feishu shift ⇄ a WeCom schedule of a shift-based rule
 * or checkintime block of a fixed one): a shift link and its sides, one row per vendor
 * (migrations/1796900000000-shift-link-sides.ts), as group links are (group-link.repository.ts).
 */
export class ShiftLinkRepository {
  constructor(private readonly manager: EntityManager) {}

  async listForGroupLink(groupLinkId: string): Promise<ShiftLink[]> {
    const rows: ShiftLinkWithSidesRow[] = await queryRows(
      this.manager,
      `${SELECT_WITH_SIDES} WHERE l."group_link_id" = $1 ORDER BY l."created_at", l."id"`,
      [groupLinkId],
    );
    return rows.map(toShiftLink);
  }

  /**
   * Keyed by the anchor side within the group link: its shift link, else a new one. One statement: the anchor
   * side is upserted on the sides' key (so concurrent writes of one item meet on one row and one shift link),
   * then the shift link (new, or its hash set), then the other sides given, each replacing its vendor's side. A
   * side not given is kept, and a known name is not forgotten by a null (the same rule as before the sides were
   * rows). A given side whose key another shift link of the group holds is refused (uq_shift_link_sides_item).
   */
  async upsert(input: ShiftLinkInput): Promise<ShiftLink> {
    const vendors = [input.anchor, ...input.others].map((side) => side.vendor);
    const twice = vendors.find((vendor, index) => vendors.indexOf(vendor) !== index);
    if (twice !== undefined) throw new Error(`a shift link write names the ${twice} side twice`);
    const { anchor } = input;
    const rows: { id: string }[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `WITH anchor AS (
           INSERT INTO "shift_link_sides" ("shift_link_id", "group_link_id", "vendor", "kind", "key", "name")
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT ("group_link_id", "vendor", "kind", "key") DO UPDATE SET
             "name" = COALESCE(EXCLUDED."name", "shift_link_sides"."name")
           RETURNING "shift_link_id"
         ), link AS (
           INSERT INTO "shift_links" ("id", "group_link_id", "content_hash")
           SELECT "shift_link_id", $2, $7 FROM anchor
           ON CONFLICT ("id") DO UPDATE SET "content_hash" = EXCLUDED."content_hash", "updated_at" = now()
           RETURNING "id"
         ), others AS (
           INSERT INTO "shift_link_sides" ("shift_link_id", "group_link_id", "vendor", "kind", "key", "name")
           SELECT link."id", $2, o."vendor", o."kind", o."key", o."name"
           FROM link, json_to_recordset($8::json) AS o("vendor" text, "kind" text, "key" text, "name" text)
           ON CONFLICT ("shift_link_id", "vendor") DO UPDATE SET
             "kind" = EXCLUDED."kind",
             "key" = EXCLUDED."key",
             "name" = CASE
               WHEN EXCLUDED."name" IS NULL AND EXCLUDED."kind" = "shift_link_sides"."kind"
                 AND EXCLUDED."key" = "shift_link_sides"."key"
               THEN "shift_link_sides"."name"
               ELSE EXCLUDED."name"
             END
         )
         SELECT "id" FROM link`,
        [
          randomUUID(),
          input.groupLinkId,
          anchor.vendor,
          anchor.kind,
          anchor.key,
          anchor.name,
          input.contentHash,
          JSON.stringify(input.others.map(({ vendor, kind, key, name }) => ({ vendor, kind, key, name }))),
        ],
      ),
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('shift link upsert returned nothing');
    const [written] = await queryRows<ShiftLinkWithSidesRow>(this.manager, `${SELECT_WITH_SIDES} WHERE l."id" = $1`, [
      id,
    ]);
    if (!written) throw new Error(`shift link ${id} is gone after its upsert`);
    return toShiftLink(written);
  }

  /** Drops the links of a group that the latest sync no longer produced (their sides with them); returns how many went. */
  async deleteOthers(groupLinkId: string, keepIds: readonly string[]): Promise<number> {
    const affected = await execute(
      this.manager,
      `DELETE FROM "shift_links" WHERE "group_link_id" = $1 AND NOT ("id" = ANY($2::uuid[]))`,
      [groupLinkId, [...keepIds]],
    );
    return affected;
  }
}
