import type { DataSource } from 'typeorm';
import { createMappingStoreDataSource } from '@app/mapping-store';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// ShiftLinkSides: every shift link is carried over to its sides (a Feishu side only where the Feishu shift id was
// set), the sides' key refuses what the old uniques refused and admits a third vendor; down restores the old
// rows exactly and deletes the shift links it cannot hold (no WeCom side).

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

const LINK = '00000000-0000-4000-8000-000000000001';
const OTHER_LINK = '00000000-0000-4000-8000-000000000002';

/** The old table's pair columns of every row, as text, in one order. */
async function oldRows(source: DataSource): Promise<string[]> {
  const rows = await source.query<{ row: string }[]>(
    `SELECT ("id", "group_link_id", "feishu_shift_id", "feishu_shift_name", "wecom_kind", "wecom_key",
             "content_hash", "created_at", "updated_at")::text AS "row"
     FROM "shift_links" ORDER BY 1`,
  );
  return rows.map((row) => row.row);
}

async function columns(source: DataSource, table: string): Promise<string[]> {
  const rows = await source.query<{ column_name: string }[]>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

it('carries every shift link over to its sides, and going down restores the pair columns from them', async () => {
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'ShiftLinkSides1796900000000');
  expect(index).toBeGreaterThan(0);
  const source = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index));
  await source.initialize();
  let before: string[];
  try {
    await source.runMigrations({ transaction: 'each' });
    for (const id of [LINK, OTHER_LINK]) {
      await source.query(
        `WITH link AS (INSERT INTO "links" ("id", "scope", "direction") VALUES ($1, 'rule', 'two_way') RETURNING "id")
         INSERT INTO "link_sides" ("link_id", "scope", "vendor", "external_id") SELECT "id", 'rule', 'feishu', $2 FROM link`,
        [id, `g-${id.slice(-1)}`],
      );
    }
    await source.query(
      `INSERT INTO "shift_links"
         ("group_link_id", "feishu_shift_id", "feishu_shift_name", "wecom_kind", "wecom_key", "content_hash", "updated_at")
       VALUES ($1, 's-1', 'Day', 'schedule', '1', 'h1', '2026-12-01 08:00:00.123456+00'),
              ($1, NULL, NULL, 'schedule', '2', NULL, now()),
              ($1, 's-3', NULL, 'checkintime', '0', NULL, now()),
              ($2, 's-1', 'Day', 'schedule', '1', 'h2', now())`,
      [LINK, OTHER_LINK],
    );
    before = await oldRows(source);
  } finally {
    await source.destroy();
  }

  const migrated = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await migrated.initialize();
  try {
    expect(await migrated.runMigrations({ transaction: 'each' })).toHaveLength(1);
    expect(await columns(migrated, 'shift_links')).toEqual([
      'id',
      'group_link_id',
      'content_hash',
      'created_at',
      'updated_at',
    ]);
    const links = await migrated.query<{ row: string }[]>(
      `SELECT l."group_link_id" || ' ' || COALESCE(l."content_hash", '-') || ' ' ||
              string_agg(s."vendor" || ':' || s."kind" || ':' || s."key" || ':' || COALESCE(s."name", '-'), ' '
                         ORDER BY s."vendor") AS "row"
       FROM "shift_links" l JOIN "shift_link_sides" s ON s."shift_link_id" = l."id" AND s."group_link_id" = l."group_link_id"
       GROUP BY l."id" ORDER BY 1`,
    );
    expect(links.map((link) => link.row)).toEqual([
      `${LINK} - feishu:shift:s-3:- wecom:checkintime:0:-`,
      `${LINK} - wecom:schedule:2:-`,
      `${LINK} h1 feishu:shift:s-1:Day wecom:schedule:1:-`,
      `${OTHER_LINK} h2 feishu:shift:s-1:Day wecom:schedule:1:-`,
    ]);
    // Each shift link keeps its sides together: one per vendor.
    const [counts] = await migrated.query<{ links: number; with_wecom: number }[]>(
      `SELECT count(*)::int AS "links",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "shift_link_sides" s
                                             WHERE s."shift_link_id" = l."id" AND s."vendor" = 'wecom'))::int AS "with_wecom"
       FROM "shift_links" l`,
    );
    expect(counts).toEqual({ links: 4, with_wecom: 4 });

    const [first] = await migrated.query<{ id: string }[]>(
      `SELECT "shift_link_id" AS "id" FROM "shift_link_sides" WHERE "group_link_id" = $1 AND "vendor" = 'wecom' AND "key" = '2'`,
      [LINK],
    );
    const side = (shiftLinkId: string, groupLinkId: string, vendor: string, kind: string, key: string) =>
      migrated.query(
        `INSERT INTO "shift_link_sides" ("shift_link_id", "group_link_id", "vendor", "kind", "key") VALUES ($1, $2, $3, $4, $5)`,
        [shiftLinkId, groupLinkId, vendor, kind, key],
      );
    // The old (group_link_id, feishu_shift_id) unique, now the sides' key.
    await expect(side(first!.id, LINK, 'feishu', 'shift', 's-1')).rejects.toThrow(/uq_shift_link_sides_item/);
    // One side per vendor.
    await expect(side(first!.id, LINK, 'wecom', 'schedule', '9')).rejects.toThrow(/pk_shift_link_sides/);
    // A side belongs to its shift link's group link.
    await expect(side(first!.id, OTHER_LINK, 'feishu', 'shift', 's-9')).rejects.toThrow(
      /fk_shift_link_sides_shift_link/,
    );
    for (const bad of ['DingTalk', '1vendor', 'ding talk', '', 'a'.repeat(33)]) {
      await expect(side(first!.id, LINK, bad, 'shift', 's-9')).rejects.toThrow(/ck_shift_link_sides_vendor/);
    }
    await expect(side(first!.id, LINK, 'dingtalk', 'Shift', 's-9')).rejects.toThrow(/ck_shift_link_sides_kind/);
    await side(first!.id, LINK, 'dingtalk', 'class', 'd-1');
    // A shift link of a third vendor and Feishu only: the old table cannot hold it.
    await migrated.query(
      `WITH link AS (INSERT INTO "shift_links" ("group_link_id") VALUES ($1) RETURNING "id", "group_link_id")
       INSERT INTO "shift_link_sides" ("shift_link_id", "group_link_id", "vendor", "kind", "key")
       SELECT "id", "group_link_id", v.vendor, v.kind, v.key FROM link,
         (VALUES ('dingtalk', 'class', 'd-2'), ('feishu', 'shift', 's-4')) AS v(vendor, kind, key)`,
      [LINK],
    );

    await migrated.undoLastMigration({ transaction: 'each' });
    expect(await oldRows(migrated)).toEqual(before);
    await expect(
      migrated.query(
        `INSERT INTO "shift_links" ("group_link_id", "feishu_shift_id", "wecom_kind", "wecom_key") VALUES ($1, 's-1', 'schedule', '7')`,
        [LINK],
      ),
    ).rejects.toThrow(/uq_shift_links_feishu_shift/);
    await expect(
      migrated.query(
        `INSERT INTO "shift_links" ("group_link_id", "wecom_kind", "wecom_key") VALUES ($1, 'schedule', '1')`,
        [LINK],
      ),
    ).rejects.toThrow(/uq_shift_links_wecom_item/);
    await expect(
      migrated.query(
        `INSERT INTO "shift_links" ("group_link_id", "wecom_kind", "wecom_key") VALUES ($1, 'shift', '8')`,
        [LINK],
      ),
    ).rejects.toThrow(/ck_shift_links_wecom_kind/);

    await migrated.runMigrations({ transaction: 'each' });
    const [again] = await migrated.query<{ sides: number }[]>(
      `SELECT count(*)::int AS "sides" FROM "shift_link_sides"`,
    );
    expect(again?.sides).toBe(7);
  } finally {
    await migrated.destroy();
  }
});
