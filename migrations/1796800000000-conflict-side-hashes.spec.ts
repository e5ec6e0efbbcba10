import { createMappingStoreDataSource } from '@app/mapping-store';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// ConflictSideHashes: the conflicts recorded before it keep their Feishu and WeCom hashes as sides, any vendor is
// admitted after it, and going down puts the two hashes back and drops only what the old checks refuse.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

const LINK = '00000000-0000-4000-8000-000000000002';
const OTHER_LINK = '00000000-0000-4000-8000-000000000003';

it('carries every conflict over with its hashes by vendor, and back down', async () => {
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'ConflictSideHashes1796800000000');
  expect(index).toBeGreaterThan(0);
  const source = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await source.initialize();
  try {
    await source.runMigrations({ transaction: 'each' });
    await source.undoLastMigration({ transaction: 'each' });
    for (const [link, group] of [
      [LINK, 'g-1'],
      [OTHER_LINK, 'g-2'],
    ] as const) {
      // A link holds a side with an id at the end of every statement (ck_links_has_a_side): both in one.
      await source.query(
        `WITH link AS (INSERT INTO "links" ("id", "scope", "direction") VALUES ($1, 'rule', 'two_way') RETURNING "id")
         INSERT INTO "link_sides" ("link_id", "scope", "vendor", "external_id")
         SELECT "id", 'rule', 'feishu', $2 FROM link`,
        [link, group],
      );
    }
    const [both] = await source.query<{ id: string }[]>(
      `INSERT INTO "sync_conflicts" ("group_link_id", "feishu_hash", "wecom_hash", "resolved_at", "winner")
       VALUES ($1, 'f-hash', 'w-hash', now(), 'wecom') RETURNING "id"`,
      [LINK],
    );
    const [one] = await source.query<{ id: string }[]>(
      `INSERT INTO "sync_conflicts" ("group_link_id", "feishu_hash") VALUES ($1, 'f-only') RETURNING "id"`,
      [LINK],
    );

    await source.runMigrations({ transaction: 'each' });
    const hashes = async () =>
      new Map(
        (
          await source.query<{ id: string; side_hashes: Record<string, string>; winner: string | null }[]>(
            `SELECT "id", "side_hashes", "winner" FROM "sync_conflicts"`,
          )
        ).map((row) => [row.id, { hashes: row.side_hashes, winner: row.winner }]),
      );
    expect(await hashes()).toEqual(
      new Map([
        [both!.id, { hashes: { feishu: 'f-hash', wecom: 'w-hash' }, winner: 'wecom' }],
        [one!.id, { hashes: { feishu: 'f-only' }, winner: null }],
      ]),
    );
    // Another vendor, found and winning.
    const [other] = await source.query<{ id: string }[]>(
      `INSERT INTO "sync_conflicts" ("group_link_id", "kind", "found_vendor", "found_id", "found_name",
                                     "side_hashes", "resolved_at", "resolution", "winner")
       VALUES ($1, 'name_taken', 'dingtalk', 'd-1', 'Day', '{"dingtalk": "d"}', now(), 'adopt', 'dingtalk')
       RETURNING "id"`,
      [OTHER_LINK],
    );
    expect(other?.id).toEqual(expect.any(String));

    await source.undoLastMigration({ transaction: 'each' });
    const down = await source.query<{ id: string; feishu_hash: string | null; wecom_hash: string | null }[]>(
      `SELECT "id", "feishu_hash", "wecom_hash" FROM "sync_conflicts" ORDER BY "feishu_hash"`,
    );
    expect(down).toEqual([
      { id: both!.id, feishu_hash: 'f-hash', wecom_hash: 'w-hash' },
      { id: one!.id, feishu_hash: 'f-only', wecom_hash: null },
    ]);
    await expect(
      source.query(`UPDATE "sync_conflicts" SET "winner" = 'dingtalk' WHERE "id" = $1`, [both!.id]),
    ).rejects.toThrow(/ck_sync_conflicts_winner/);
  } finally {
    await source.destroy();
  }
});
