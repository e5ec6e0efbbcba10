import { randomUUID } from 'node:crypto';
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
  LinkScope,
  LinkSide,
  LinkStatus,
  SideIntent,
  SideVendor,
} from '../mapping-store.types.js';

/** A row of `links` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface LinkRow {
  id: string;
  scope: LinkScope;
  direction: LinkDirection;
  status: LinkStatus;
  last_synced_at: Date | null;
  last_error: string | null;
  last_error_kind: SyncErrorKind | null;
  created_at: Date;
  updated_at: Date;
  /** The side the last sync wrote (its hash is the other side's translation); null when not known. */
  written_vendor: SideVendor | null;
}

/** A row of `link_sides`: one vendor's side of a link (schema.spec.ts holds it against the migrations). */
export interface LinkSideRow {
  link_id: string;
  scope: LinkScope;
  vendor: SideVendor;
  /** Null while only an intent is recorded (the name a create will carry). */
  external_id: string | null;
  name: string | null;
  /** Content hash of this side's canonical form at the last successful sync. */
  hash: string | null;
}

/** A link of scope `rule` with its sides as one JSON array, as every statement below returns it. */
interface GroupLinkRow {
  id: string;
  sides: readonly { vendor: SideVendor; id: string | null; name: string | null; hash: string | null }[];
  direction: LinkDirection;
  status: LinkStatus;
  last_synced_at: Date | null;
  last_error: string | null;
  last_error_kind: SyncErrorKind | null;
  created_at: Date;
  updated_at: Date;
  written_vendor: SideVendor | null;
}

const NO_SIDE: LinkSide = { id: null, name: null, hash: null };

function toGroupLink(row: GroupLinkRow): GroupLink {
  const sides = new Map<SideVendor, LinkSide>(
    row.sides.map(({ vendor, id, name, hash }) => [vendor, { id, name, hash }] as const),
  );
  const feishu = sides.get('feishu') ?? NO_SIDE;
  const wecom = sides.get('wecom') ?? NO_SIDE;
  return {
    id: row.id,
    sides,
    feishuGroupId: feishu.id,
    feishuGroupName: feishu.name,
    wecomRuleId: wecom.id,
    wecomRuleName: wecom.name,
    direction: row.direction,
    status: row.status,
    feishuHash: feishu.hash,
    wecomHash: wecom.hash,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
    lastErrorKind: row.last_error_kind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    writtenVendor: row.written_vendor,
  };
}

/** Group links are the links of this scope; a Feishu group is its Feishu side, a WeCom rule its WeCom side. */
const SCOPE: LinkScope = 'rule';

/**
 * A GroupLinkRow from `link` (rows shaped like `links`) and `side` (rows shaped like `link_sides`), both
 * relation names in scope of the statement: every side of each link, whatever its vendor.
 */
function groupLinkSelect(link: string, side: string): string {
  return `SELECT l."id", l."direction", l."status", l."last_synced_at", l."last_error", l."last_error_kind",
            l."created_at", l."updated_at", l."written_vendor",
            COALESCE((SELECT json_agg(json_build_object('vendor', s."vendor", 'id', s."external_id",
                                                        'name', s."name", 'hash', s."hash") ORDER BY s."vendor")
                      FROM ${side} s WHERE s."link_id" = l."id"), '[]'::json) AS "sides"
          FROM ${link} l`;
}

/**
 * The sides of the links in CTE `link` after a statement whose CTE `written` returned the side rows it wrote:
 * those, and for the other sides the rows as the statement's snapshot has them (a statement does not see its
 * own writes). The link row itself always comes from an UPDATE or upsert, which waits for and reads the latest
 * committed version, so concurrent intents for one source agree on the link.
 */
const SIDES_AFTER_WRITE = `
  SELECT * FROM written
  UNION ALL
  SELECT s.* FROM "link_sides" s JOIN link ON s."link_id" = link."id"
  WHERE NOT EXISTS (SELECT 1 FROM written WHERE written."link_id" = s."link_id" AND written."vendor" = s."vendor")`;

/**
 * Feishu attendance group ⇄ WeCom checkin rule: the `rule` links, each read with its Feishu and WeCom side.
 * Every write is one statement (CTEs), so a link and its sides change together or not at all.
 */
export class GroupLinkRepository {
  constructor(private readonly manager: EntityManager) {}

  async list(): Promise<GroupLink[]> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `${groupLinkSelect('"links"', '"link_sides"')} WHERE l."scope" = $1 ORDER BY l."created_at", l."id"`,
      [SCOPE],
    );
    return rows.map(toGroupLink);
  }

  async findById(id: string): Promise<GroupLink | null> {
    return this.findOne(`l."id" = $2`, id);
  }

  async findByFeishuGroupId(feishuGroupId: string): Promise<GroupLink | null> {
    return this.findBySide('feishu', feishuGroupId);
  }

  async findByWecomRuleId(wecomRuleId: string): Promise<GroupLink | null> {
    return this.findBySide('wecom', wecomRuleId);
  }

  /**
   * Records the intent to link before any vendor write, keyed by the side that already exists (the source).
   * Idempotent: a second call for the same source returns the existing link and only fills in what was
   * unknown (a crashed run's link keeps its recorded target name, so the next run can adopt the target).
   * One statement: the source side is upserted on its unique external id (so concurrent intents for one
   * source meet on one row and one link), then the link (new, or touched), then the target side.
   */
  async recordIntent(intent: GroupLinkIntent): Promise<GroupLink> {
    const [key, other] = keyedSides(intent);
    if (!key.externalId) throw new Error(`A group link needs its source's id (${key.vendor})`);
    const rows: GroupLinkRow[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `WITH key AS (
           INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name")
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT ("scope", "vendor", "external_id") DO UPDATE SET "name" = COALESCE(EXCLUDED."name", s."name")
           RETURNING s.*),
         link AS (
           INSERT INTO "links" AS l ("id", "scope", "direction") SELECT "link_id", "scope", $6 FROM key
           ON CONFLICT ("id") DO UPDATE SET "updated_at" = now()
           RETURNING l.*),
         other AS (
           INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name", "hash")
           SELECT "link_id", "scope", $7, $8::text, $9::text, $10::text FROM key
           WHERE $8::text IS NOT NULL OR $9::text IS NOT NULL
           ON CONFLICT ("link_id", "vendor") DO UPDATE SET
             "external_id" = COALESCE(s."external_id", EXCLUDED."external_id"),
             "name" = COALESCE(EXCLUDED."name", s."name"),
             -- A side not created yet holds the planned content's hash; a side with an id keeps its synced one.
             "hash" = CASE WHEN s."external_id" IS NULL THEN COALESCE(EXCLUDED."hash", s."hash") ELSE s."hash" END
           RETURNING s.*),
         written AS (SELECT * FROM key UNION ALL SELECT * FROM other),
         sides AS (${SIDES_AFTER_WRITE})
         ${groupLinkSelect('link', 'sides')}`,
        [
          randomUUID(),
          SCOPE,
          key.vendor,
          key.externalId,
          key.name,
          intent.direction,
          other.vendor,
          other.externalId,
          other.name,
          other.externalId === null ? other.plannedHash : null,
        ],
      ),
    );
    return toGroupLink(this.single(rows, 'recordIntent'));
  }

  /**
   * A source group found by discovery while auto-linking is off: listed (status `unlinked`) but not synced.
   * A group that already has a link keeps it untouched; an unlinked one only learns names.
   */
  async recordUnlinked(intent: GroupLinkIntent): Promise<void> {
    const [key, other] = keyedSides(intent);
    await execute(
      this.manager,
      `WITH key AS (
         INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name")
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("scope", "vendor", "external_id") DO UPDATE SET "name" = COALESCE(EXCLUDED."name", s."name")
         WHERE (SELECT l."status" FROM "links" l WHERE l."id" = s."link_id") = 'unlinked'
         RETURNING s."link_id", s."scope", (s.xmax = 0) AS "inserted"),
       link AS (
         INSERT INTO "links" AS l ("id", "scope", "direction", "status")
         SELECT "link_id", "scope", $6, 'unlinked' FROM key
         ON CONFLICT ("id") DO UPDATE SET "updated_at" = now())
       INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name")
       SELECT "link_id", "scope", $7, CASE WHEN "inserted" THEN $8::text END, $9::text FROM key
       WHERE ("inserted" AND $8::text IS NOT NULL) OR $9::text IS NOT NULL
       ON CONFLICT ("link_id", "vendor") DO UPDATE SET "name" = COALESCE(EXCLUDED."name", s."name")`,
      [
        randomUUID(),
        SCOPE,
        key.vendor,
        key.externalId,
        key.name,
        intent.direction,
        other.vendor,
        other.externalId,
        other.name,
      ],
    );
  }

  /** Both sides exist and agree: store their ids and hashes, clear any error. */
  async markSynced(id: string, state: GroupLinkSyncedState): Promise<GroupLink> {
    const rows = await this.sync([{ id, state }]);
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
    const rows = await this.sync(entries);
    if (rows.length !== entries.length) {
      const found = new Set(rows.map((row) => row.id));
      const missing = entries.filter(({ id }) => !found.has(id)).map(({ id }) => id);
      throw new Error(`group link not found: markSyncedMany(${missing.join(', ')})`);
    }
    return rows.map(toGroupLink);
  }

  /**
   * The link's object on `vendor` is gone (or is to be created again): forget its id and hash, keeping the link
   * and its other sides, and record the name the replacement will carry and the hash of its planned content,
   * so a crash after re-creating it is adopted like any first create. The link goes `pending`.
   */
  async resetTarget(
    id: string,
    vendor: SideVendor,
    name: string,
    plannedHash: string | null = null,
  ): Promise<GroupLink> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `WITH link AS (
         UPDATE "links" SET "status" = 'pending', "updated_at" = now() WHERE "id" = $1 AND "scope" = $2 RETURNING *),
       written AS (
         INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name", "hash")
         SELECT "id", "scope", $3, NULL, $4, $5::text FROM link
         ON CONFLICT ("link_id", "vendor") DO UPDATE SET
           "external_id" = NULL, "name" = EXCLUDED."name", "hash" = EXCLUDED."hash"
         RETURNING s.*),
       sides AS (${SIDES_AFTER_WRITE})
       ${groupLinkSelect('link', 'sides')}`,
      [id, SCOPE, vendor, name, plannedHash],
    );
    return toGroupLink(this.single(rows, `resetTarget(${id}, ${vendor})`));
  }

  /**
   * A name conflict resolved by linking the object it found (adopt or overwrite): the found object becomes
   * this link's side of its vendor (id and name; hash NULL, as never synced) and the link goes back to
   * `pending`. Other links holding the found object with nothing on their other side (e.g. `unlinked` ones a
   * scheduled run discovered) are deleted in the same transaction; a link that pairs it with something else
   * keeps it, and the unique violation becomes MappingConflictError.
   */
  async linkFoundTarget(id: string, found: FoundObject): Promise<GroupLink> {
    const link = await withStoreErrors(() =>
      this.manager.transaction(async (manager) => {
        await execute(
          manager,
          `DELETE FROM "links" l
           WHERE l."scope" = $1 AND l."id" <> $2
             AND EXISTS (SELECT 1 FROM "link_sides" s WHERE s."link_id" = l."id" AND s."vendor" = $3
                           AND s."external_id" = $4)
             AND NOT EXISTS (SELECT 1 FROM "link_sides" s WHERE s."link_id" = l."id" AND s."vendor" <> $3
                               AND s."external_id" IS NOT NULL)`,
          [SCOPE, id, found.vendor, found.id],
        );
        await execute(
          manager,
          `INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name", "hash")
           SELECT l."id", l."scope", $3, $4, $5, NULL FROM "links" l WHERE l."id" = $1 AND l."scope" = $2
           ON CONFLICT ("link_id", "vendor") DO UPDATE SET
             "external_id" = EXCLUDED."external_id", "name" = EXCLUDED."name", "hash" = NULL`,
          [id, SCOPE, found.vendor, found.id, found.name],
        );
        await execute(
          manager,
          `UPDATE "links" SET "status" = 'pending', "last_error" = NULL, "last_error_kind" = NULL,
             "updated_at" = now()
           WHERE "id" = $1 AND "scope" = $2`,
          [id, SCOPE],
        );
        return new GroupLinkRepository(manager).findById(id);
      }),
    );
    if (!link) throw new Error(`group link not found: linkFoundTarget(${id})`);
    return link;
  }

  /** Sets the status, with why the last sync failed (or null: nothing failed). */
  async setStatus(id: string, status: LinkStatus, failure: LinkFailure | null = null): Promise<GroupLink> {
    return this.updateLink(
      `"status" = $3, "last_error" = $4, "last_error_kind" = $5`,
      [id, status, failure?.message ?? null, failure?.kind ?? null],
      `setStatus(${id})`,
    );
  }

  async setDirection(id: string, direction: LinkDirection): Promise<GroupLink> {
    return this.updateLink(`"direction" = $3`, [id, direction], `setDirection(${id})`);
  }

  /** Deletes the link; its sides, shift links and conflicts go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<boolean> {
    const affected = await execute(this.manager, `DELETE FROM "links" WHERE "id" = $1 AND "scope" = $2`, [id, SCOPE]);
    return affected > 0;
  }

  /**
   * One statement for any number of links, the arrays unnested: the links go active, then each side given is
   * upserted (an absent name keeps the side's name). A side id another link holds fails it all.
   */
  private async sync(
    entries: readonly { readonly id: string; readonly state: GroupLinkSyncedState }[],
  ): Promise<GroupLinkRow[]> {
    const sides = entries.flatMap(({ id, state }) => state.sides.map((side) => ({ id, side })));
    return withStoreErrors(() =>
      queryRows<GroupLinkRow>(
        this.manager,
        `WITH v AS (
           SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $9::text[]) AS v(id, synced_at, written_vendor)),
         sv AS (
           SELECT * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
             AS sv(link_id, vendor, external_id, name, hash)),
         link AS (
           UPDATE "links" AS l SET "last_synced_at" = v.synced_at, "status" = 'active', "last_error" = NULL,
             "last_error_kind" = NULL, "updated_at" = now(),
             "written_vendor" = COALESCE(v.written_vendor, l."written_vendor")
           FROM v WHERE l."id" = v.id AND l."scope" = $8
           RETURNING l.*),
         written AS (
           INSERT INTO "link_sides" AS s ("link_id", "scope", "vendor", "external_id", "name", "hash")
           SELECT link."id", link."scope", sv.vendor, sv.external_id, sv.name, sv.hash
           FROM link JOIN sv ON sv.link_id = link."id"
           ON CONFLICT ("link_id", "vendor") DO UPDATE SET "external_id" = EXCLUDED."external_id",
             "name" = COALESCE(EXCLUDED."name", s."name"), "hash" = EXCLUDED."hash"
           RETURNING s.*),
         sides AS (${SIDES_AFTER_WRITE})
         ${groupLinkSelect('link', 'sides')}`,
        [
          entries.map(({ id }) => id),
          entries.map(({ state }) => state.syncedAt),
          sides.map(({ id }) => id),
          sides.map(({ side }) => side.vendor),
          sides.map(({ side }) => side.id),
          sides.map(({ side }) => side.name ?? null),
          sides.map(({ side }) => side.hash),
          SCOPE,
          entries.map(({ state }) => state.writtenVendor ?? null),
        ],
      ),
    );
  }

  /** Updates columns of the link itself (`set` uses $3…; $1 is the id, $2 the scope); the sides stay. */
  private async updateLink(set: string, params: unknown[], operation: string): Promise<GroupLink> {
    const [id, ...values] = params;
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `WITH link AS (UPDATE "links" SET ${set}, "updated_at" = now() WHERE "id" = $1 AND "scope" = $2 RETURNING *)
       ${groupLinkSelect('link', '"link_sides"')}`,
      [id, SCOPE, ...values],
    );
    return toGroupLink(this.single(rows, operation));
  }

  private async findOne(condition: string, ...values: unknown[]): Promise<GroupLink | null> {
    const rows: GroupLinkRow[] = await queryRows(
      this.manager,
      `${groupLinkSelect('"links"', '"link_sides"')} WHERE l."scope" = $1 AND ${condition}`,
      [SCOPE, ...values],
    );
    return rows[0] ? toGroupLink(rows[0]) : null;
  }

  /** The link whose side on `vendor` has this external id (the engine finds a link by either side so). */
  async findBySide(vendor: SideVendor, externalId: string): Promise<GroupLink | null> {
    return this.findOne(
      `l."id" = (SELECT "link_id" FROM "link_sides" WHERE "scope" = $1 AND "vendor" = $2 AND "external_id" = $3)`,
      vendor,
      externalId,
    );
  }

  private single(rows: GroupLinkRow[], operation: string): GroupLinkRow {
    const row = rows[0];
    if (!row) throw new Error(`group link not found: ${operation}`);
    return row;
  }
}

interface IntentSide {
  readonly vendor: SideVendor;
  readonly externalId: string | null;
  readonly name: string | null;
  /** The planned content's hash, kept while the side has no id. */
  readonly plannedHash: string | null;
}

function intentSide(side: SideIntent): IntentSide {
  return {
    vendor: side.vendor,
    externalId: side.id ?? null,
    name: side.name ?? null,
    plannedHash: side.plannedHash ?? null,
  };
}

/**
 * The intent's source side, which keys it, and its target side (a side without anything known when the intent
 * names none: nothing is written for it).
 */
function keyedSides(intent: GroupLinkIntent): [IntentSide, IntentSide] {
  const target = intent.target;
  if (target?.vendor === intent.source.vendor) {
    throw new Error(`A group link's two sides are of two vendors, not both ${intent.source.vendor}`);
  }
  // Without a target nothing is known of it: the statements write no row for a side without an id or a name.
  const nothing: IntentSide = { vendor: '', externalId: null, name: null, plannedHash: null };
  return [intentSide(intent.source), target ? intentSide(target) : nothing];
}
