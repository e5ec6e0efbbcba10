import type { LinkDirection, SyncErrorKind } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { execute, queryRows } from './sql.util.js';
import { withStoreErrors } from '../mapping-store.errors.js';
import type {
  FoundObject,
  GroupLink,
  GroupLinkIntent,
  GroupLinkSyncedState,
  LinkFailure,
  LinkStatus,
} from '../mapping-store.types.js';

/** A row of `group_links` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface GroupLinkRow {
  id: string;
  feishu_group_id: string | null;
  feishu_group_name: string | null;
  wecom_rule_id: string | null;
  wecom_rule_name: string | null;
  direction: LinkDirection;
  status: LinkStatus;
  feishu_hash: string | null;
  wecom_hash: string | null;
  last_synced_at: Date | null;
  last_error: string | null;
  last_error_kind: SyncErrorKind | null;
  created_at: Date;
  updated_at: Date;
}

function toGroupLink(row: GroupLinkRow): GroupLink {
  return {
    id: row.id,
    feishuGroupId: row.feishu_group_id,
    feishuGroupName: row.feishu_group_name,
    wecomRuleId: row.wecom_rule_id,
    wecomRuleName: row.wecom_rule_name,
    direction: row.direction,
    status: row.status,
    feishuHash: row.feishu_hash,
    wecomHash: row.wecom_hash,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
    lastErrorKind: row.last_error_kind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Feishu attendance group ⇄ WeCom checkin rule. */
export class GroupLinkRepository {
  constructor(private readonly manager: EntityManager) {}

  async list(): Promise<GroupLink[]> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `SELECT * FROM "group_links" ORDER BY "created_at", "id"`,
    );
    return rows.map(toGroupLink);
  }

  async findById(id: string): Promise<GroupLink | null> {
    return this.findOne(`"id" = $1`, id);
  }

  async findByFeishuGroupId(feishuGroupId: string): Promise<GroupLink | null> {
    return this.findOne(`"feishu_group_id" = $1`, feishuGroupId);
  }

  async findByWecomRuleId(wecomRuleId: string): Promise<GroupLink | null> {
    return this.findOne(`"wecom_rule_id" = $1`, wecomRuleId);
  }

  /**
   * Records the intent to link before any vendor write, keyed by the side that already exists (the source).
   * Idempotent: a second call for the same source returns the existing link and only fills in what was
   * unknown (a crashed run's link keeps its recorded target name, so the next run can adopt the target).
   */
  async recordIntent(intent: GroupLinkIntent): Promise<GroupLink> {
    const keyColumn = intent.feishuGroupId ? 'feishu_group_id' : intent.wecomRuleId ? 'wecom_rule_id' : null;
    if (!keyColumn) throw new Error('A group link needs the Feishu group id or the WeCom rule id');
    const rows: GroupLinkRow[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `INSERT INTO "group_links"
           ("direction", "feishu_group_id", "feishu_group_name", "wecom_rule_id", "wecom_rule_name")
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("${keyColumn}") DO UPDATE SET
           "feishu_group_id" = COALESCE("group_links"."feishu_group_id", EXCLUDED."feishu_group_id"),
           "feishu_group_name" = COALESCE(EXCLUDED."feishu_group_name", "group_links"."feishu_group_name"),
           "wecom_rule_id" = COALESCE("group_links"."wecom_rule_id", EXCLUDED."wecom_rule_id"),
           "wecom_rule_name" = COALESCE(EXCLUDED."wecom_rule_name", "group_links"."wecom_rule_name"),
           "updated_at" = now()
         RETURNING *`,
        [
          intent.direction,
          intent.feishuGroupId ?? null,
          intent.feishuGroupName ?? null,
          intent.wecomRuleId ?? null,
          intent.wecomRuleName ?? null,
        ],
      ),
    );
    return toGroupLink(this.single(rows, 'recordIntent'));
  }

  /**
   * A source group found by discovery while auto-linking is off: listed (status `unlinked`) but not synced.
   * A group that already has a link keeps it untouched.
   */
  async recordUnlinked(intent: GroupLinkIntent): Promise<void> {
    const keyColumn = intent.feishuGroupId ? 'feishu_group_id' : 'wecom_rule_id';
    await execute(
      this.manager,
      `INSERT INTO "group_links"
         ("direction", "status", "feishu_group_id", "feishu_group_name", "wecom_rule_id", "wecom_rule_name")
       VALUES ($1, 'unlinked', $2, $3, $4, $5)
       ON CONFLICT ("${keyColumn}") DO UPDATE SET
         "feishu_group_name" = COALESCE(EXCLUDED."feishu_group_name", "group_links"."feishu_group_name"),
         "wecom_rule_name" = COALESCE(EXCLUDED."wecom_rule_name", "group_links"."wecom_rule_name"),
         "updated_at" = now()
       WHERE "group_links"."status" = 'unlinked'`,
      [
        intent.direction,
        intent.feishuGroupId ?? null,
        intent.feishuGroupName ?? null,
        intent.wecomRuleId ?? null,
        intent.wecomRuleName ?? null,
      ],
    );
  }

  /** Both sides exist and agree: store their ids and hashes, clear any error. */
  async markSynced(id: string, state: GroupLinkSyncedState): Promise<GroupLink> {
    const rows: GroupLinkRow[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `UPDATE "group_links" SET
           "feishu_group_id" = $2, "feishu_group_name" = COALESCE($3, "feishu_group_name"),
           "wecom_rule_id" = $4, "wecom_rule_name" = COALESCE($5, "wecom_rule_name"),
           "feishu_hash" = $6, "wecom_hash" = $7, "last_synced_at" = $8,
           "status" = 'active', "last_error" = NULL, "last_error_kind" = NULL, "updated_at" = now()
         WHERE "id" = $1
         RETURNING *`,
        [
          id,
          state.feishuGroupId,
          state.feishuGroupName ?? null,
          state.wecomRuleId,
          state.wecomRuleName ?? null,
          state.feishuHash,
          state.wecomHash,
          state.syncedAt,
        ],
      ),
    );
    return toGroupLink(this.single(rows, `markSynced(${id})`));
  }

  /**
   * markSynced for many links in one statement (a first sync links hundreds of new rules at its end, where
   * one round trip each was most of the run's tail). All or nothing: a failing row fails the statement.
   */
  async markSyncedMany(
    entries: readonly { readonly id: string; readonly state: GroupLinkSyncedState }[],
  ): Promise<GroupLink[]> {
    if (entries.length === 0) return [];
    const column = <T>(pick: (state: GroupLinkSyncedState) => T) => entries.map(({ state }) => pick(state));
    const rows: GroupLinkRow[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `UPDATE "group_links" AS link SET
           "feishu_group_id" = v.feishu_group_id,
           "feishu_group_name" = COALESCE(v.feishu_group_name, link."feishu_group_name"),
           "wecom_rule_id" = v.wecom_rule_id,
           "wecom_rule_name" = COALESCE(v.wecom_rule_name, link."wecom_rule_name"),
           "feishu_hash" = v.feishu_hash, "wecom_hash" = v.wecom_hash, "last_synced_at" = v.synced_at,
           "status" = 'active', "last_error" = NULL, "last_error_kind" = NULL, "updated_at" = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::timestamptz[])
           AS v(id, feishu_group_id, feishu_group_name, wecom_rule_id, wecom_rule_name, feishu_hash, wecom_hash,
                synced_at)
         WHERE link."id" = v.id
         RETURNING link.*`,
        [
          entries.map(({ id }) => id),
          column((state) => state.feishuGroupId),
          column((state) => state.feishuGroupName ?? null),
          column((state) => state.wecomRuleId),
          column((state) => state.wecomRuleName ?? null),
          column((state) => state.feishuHash),
          column((state) => state.wecomHash),
          column((state) => state.syncedAt),
        ],
      ),
    );
    if (rows.length !== entries.length) {
      const found = new Set(rows.map((row) => row.id));
      const missing = entries.filter(({ id }) => !found.has(id)).map(({ id }) => id);
      throw new Error(`group link not found: markSyncedMany(${missing.join(', ')})`);
    }
    return rows.map(toGroupLink);
  }

  /**
   * The linked WeCom rule is gone: forget its id (keeping the link and its Feishu side) and record the name
   * the replacement will carry, so a crash after re-creating it is adopted like any first create.
   */
  async resetWecomTarget(id: string, wecomRuleName: string): Promise<GroupLink> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `UPDATE "group_links" SET "wecom_rule_id" = NULL, "wecom_rule_name" = $2, "wecom_hash" = NULL,
         "status" = 'pending', "updated_at" = now()
       WHERE "id" = $1 RETURNING *`,
      [id, wecomRuleName],
    );
    return toGroupLink(this.single(rows, `resetWecomTarget(${id})`));
  }

  /**
   * A name conflict resolved by linking the object it found (adopt or overwrite): the found object becomes
   * this link's side of its vendor (id and name; hash NULL, as never synced) and the link goes back to
   * `pending`. Other links holding the found object with nothing on their other side (e.g. `unlinked` ones a
   * scheduled run discovered) are deleted in the same transaction; a link that pairs it with something else
   * keeps it, and the unique violation becomes MappingConflictError.
   */
  async linkFoundTarget(id: string, found: FoundObject): Promise<GroupLink> {
    const [side, other] =
      found.vendor === 'wecom'
        ? (['wecom_rule', 'feishu_group_id'] as const)
        : (['feishu_group', 'wecom_rule_id'] as const);
    const hash = found.vendor === 'wecom' ? 'wecom_hash' : 'feishu_hash';
    const rows = await withStoreErrors(() =>
      this.manager.transaction(async (manager) => {
        await execute(
          manager,
          `DELETE FROM "group_links" WHERE "${side}_id" = $2 AND "id" <> $1 AND "${other}" IS NULL`,
          [id, found.id],
        );
        return queryRows<GroupLinkRow>(
          manager,
          `UPDATE "group_links" SET "${side}_id" = $2, "${side}_name" = $3, "${hash}" = NULL,
             "status" = 'pending', "last_error" = NULL, "last_error_kind" = NULL, "updated_at" = now()
           WHERE "id" = $1 RETURNING *`,
          [id, found.id, found.name],
        );
      }),
    );
    return toGroupLink(this.single(rows, `linkFoundTarget(${id})`));
  }

  /** Likewise for a Feishu group that is gone (WeCom → Feishu). */
  async resetFeishuTarget(id: string, feishuGroupName: string): Promise<GroupLink> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `UPDATE "group_links" SET "feishu_group_id" = NULL, "feishu_group_name" = $2, "feishu_hash" = NULL,
         "status" = 'pending', "updated_at" = now()
       WHERE "id" = $1 RETURNING *`,
      [id, feishuGroupName],
    );
    return toGroupLink(this.single(rows, `resetFeishuTarget(${id})`));
  }

  /** Sets the status, with why the last sync failed (or null: nothing failed). */
  async setStatus(id: string, status: LinkStatus, failure: LinkFailure | null = null): Promise<GroupLink> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `UPDATE "group_links" SET "status" = $2, "last_error" = $3, "last_error_kind" = $4, "updated_at" = now()
       WHERE "id" = $1 RETURNING *`,
      [id, status, failure?.message ?? null, failure?.kind ?? null],
    );
    return toGroupLink(this.single(rows, `setStatus(${id})`));
  }

  async setDirection(id: string, direction: LinkDirection): Promise<GroupLink> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `UPDATE "group_links" SET "direction" = $2, "updated_at" = now() WHERE "id" = $1 RETURNING *`,
      [id, direction],
    );
    return toGroupLink(this.single(rows, `setDirection(${id})`));
  }

  async delete(id: string): Promise<boolean> {
    const affected = await execute(this.manager, `DELETE FROM "group_links" WHERE "id" = $1`, [id]);
    return affected > 0;
  }

  private async findOne(condition: string, value: string): Promise<GroupLink | null> {
    const rows: GroupLinkRow[] = await queryRows(this.manager, `SELECT * FROM "group_links" WHERE ${condition}`, [
      value,
    ]);
    return rows[0] ? toGroupLink(rows[0]) : null;
  }

  private single(rows: GroupLinkRow[], operation: string): GroupLinkRow {
    const row = rows[0];
    if (!row) throw new Error(`group link not found: ${operation}`);
    return row;
  }
}
