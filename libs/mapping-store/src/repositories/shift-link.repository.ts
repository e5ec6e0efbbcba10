import type { EntityManager } from 'typeorm';
import { execute, queryRows } from './sql.util.js';
import { withStoreErrors } from '../mapping-store.errors.js';
import type { ShiftLink, ShiftLinkInput, WecomShiftKind } from '../mapping-store.types.js';

/** A row of `shift_links` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface ShiftLinkRow {
  id: string;
  group_link_id: string;
  feishu_shift_id: string | null;
  feishu_shift_name: string | null;
  wecom_kind: WecomShiftKind;
  wecom_key: string;
  content_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

function toShiftLink(row: ShiftLinkRow): ShiftLink {
  return {
    id: row.id,
    groupLinkId: row.group_link_id,
    feishuShiftId: row.feishu_shift_id,
    feishuShiftName: row.feishu_shift_name,
    wecomKind: row.wecom_kind,
    wecomKey: row.wecom_key,
    contentHash: row.content_hash,
  };
}

/** Feishu shift ⇄ WeCom schedule (shift-based rules) or checkintime block (fixed rules), within one group link. */
export class ShiftLinkRepository {
  constructor(private readonly manager: EntityManager) {}

  async listForGroupLink(groupLinkId: string): Promise<ShiftLink[]> {
    const rows: ShiftLinkRow[] = await queryRows(
      this.manager,
      `SELECT * FROM "shift_links" WHERE "group_link_id" = $1 ORDER BY "wecom_kind", "wecom_key"`,
      [groupLinkId],
    );
    return rows.map(toShiftLink);
  }

  /** Keyed by the WeCom item within the rule; a known Feishu shift id is never forgotten by a later null. */
  async upsert(input: ShiftLinkInput): Promise<ShiftLink> {
    const rows: ShiftLinkRow[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `INSERT INTO "shift_links"
           ("group_link_id", "feishu_shift_id", "feishu_shift_name", "wecom_kind", "wecom_key", "content_hash")
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("group_link_id", "wecom_kind", "wecom_key") DO UPDATE SET
           "feishu_shift_id" = COALESCE(EXCLUDED."feishu_shift_id", "shift_links"."feishu_shift_id"),
           "feishu_shift_name" = COALESCE(EXCLUDED."feishu_shift_name", "shift_links"."feishu_shift_name"),
           "content_hash" = EXCLUDED."content_hash",
           "updated_at" = now()
         RETURNING *`,
        [
          input.groupLinkId,
          input.feishuShiftId,
          input.feishuShiftName,
          input.wecomKind,
          input.wecomKey,
          input.contentHash,
        ],
      ),
    );
    const row = rows[0];
    if (!row) throw new Error('shift link upsert returned nothing');
    return toShiftLink(row);
  }

  /** Drops the links of a group that the latest sync no longer produced; returns how many went. */
  async deleteOthers(groupLinkId: string, keepIds: readonly string[]): Promise<number> {
    const affected = await execute(
      this.manager,
      `DELETE FROM "shift_links" WHERE "group_link_id" = $1 AND NOT ("id" = ANY($2::uuid[]))`,
      [groupLinkId, [...keepIds]],
    );
    return affected;
  }
}
