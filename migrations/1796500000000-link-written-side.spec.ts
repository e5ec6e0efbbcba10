import { createMappingStoreDataSource } from '@app/mapping-store';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// LinkWrittenSide on links synced before it: each keeps its hashes and has no written side (not known), and
// the column takes a vendor only.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

it('leaves existing links without a written side, and refuses a value that is no vendor', async () => {
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'LinkWrittenSide1796500000000');
  expect(index).toBeGreaterThan(0);
  const old = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index));
  await old.initialize();
  await old.runMigrations({ transaction: 'each' });
  try {
    await old.query(
      `WITH link AS (
         INSERT INTO "links" ("id", "scope", "direction", "status")
         VALUES ('00000000-0000-4000-8000-000000000001', 'rule', 'two_way', 'active') RETURNING "id", "scope")
       INSERT INTO "link_sides" ("link_id", "scope", "vendor", "external_id", "hash")
       SELECT "id", "scope", 'feishu', 'g-1', 'h' FROM link`,
    );
  } finally {
    await old.destroy();
  }

  const migrated = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await migrated.initialize();
  try {
    expect(await migrated.runMigrations({ transaction: 'each' })).toHaveLength(1);
    expect(await migrated.query(`SELECT "written_vendor" FROM "links"`)).toEqual([{ written_vendor: null }]);
    await migrated.query(`UPDATE "links" SET "written_vendor" = 'wecom'`);
    await expect(migrated.query(`UPDATE "links" SET "written_vendor" = 'dingtalk'`)).rejects.toThrow(
      /ck_links_written_vendor/,
    );
    await migrated.undoLastMigration({ transaction: 'each' });
    const columns = await migrated.query<{ column_name: string }[]>(
      `SELECT "column_name" FROM information_schema.columns WHERE "table_name" = 'links' AND "column_name" = 'written_vendor'`,
    );
    expect(columns).toEqual([]);
  } finally {
    await migrated.destroy();
  }
});
