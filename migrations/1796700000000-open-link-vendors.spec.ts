import { createMappingStoreDataSource } from '@app/mapping-store';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// OpenLinkVendors: a side (and a written side) of a third vendor is admitted after it and refused before it; down
// drops such sides and keeps the Feishu and WeCom ones.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

const LINK = '00000000-0000-4000-8000-000000000001';

it('admits any lowercase vendor name, and going down drops only the sides of other vendors', async () => {
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'OpenLinkVendors1796700000000');
  expect(index).toBeGreaterThan(0);
  const source = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await source.initialize();
  try {
    await source.runMigrations({ transaction: 'each' });
    const side = (vendor: string, id: string) =>
      source.query(
        `INSERT INTO "link_sides" ("link_id", "scope", "vendor", "external_id") VALUES ($1, 'rule', $2, $3)`,
        [LINK, vendor, id],
      );
    // A link holds a side with an id at the end of every statement (ck_links_has_a_side): both in one.
    await source.query(
      `WITH link AS (INSERT INTO "links" ("id", "scope", "direction") VALUES ($1, 'rule', 'two_way') RETURNING "id")
       INSERT INTO "link_sides" ("link_id", "scope", "vendor", "external_id") SELECT "id", 'rule', 'feishu', 'g-1' FROM link`,
      [LINK],
    );
    await side('wecom', '1');
    await side('dingtalk', 'd-1');
    await source.query(`UPDATE "links" SET "written_vendor" = 'dingtalk' WHERE "id" = $1`, [LINK]);
    await expect(
      source.query(`UPDATE "links" SET "written_vendor" = 'Ding Talk' WHERE "id" = $1`, [LINK]),
    ).rejects.toThrow(/ck_links_written_vendor/);
    for (const bad of ['DingTalk', '1vendor', 'ding talk', '', 'a'.repeat(33)]) {
      await expect(side(bad, `x-${bad}`)).rejects.toThrow(/ck_link_sides_vendor/);
    }

    await source.undoLastMigration({ transaction: 'each' });
    const left = await source.query<{ vendor: string }[]>(`SELECT "vendor" FROM "link_sides" ORDER BY 1`);
    expect(left.map((row) => row.vendor)).toEqual(['feishu', 'wecom']);
    const [written] = await source.query<{ written_vendor: string | null }[]>(
      `SELECT "written_vendor" FROM "links" WHERE "id" = $1`,
      [LINK],
    );
    expect(written?.written_vendor).toBeNull();
    await expect(side('dingtalk', 'd-2')).rejects.toThrow(/ck_link_sides_vendor/);

    await source.runMigrations({ transaction: 'each' });
    await side('dingtalk', 'd-3');
  } finally {
    await source.destroy();
  }
});
