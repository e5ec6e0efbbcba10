import { createMappingStoreDataSource } from '@app/mapping-store';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// LinkErrorKinds on links written before it: each gets the kind its recorded error and status carry.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

it('carries every existing link over to a kind, from the words the gateway wrote and the status', async () => {
  // The migrations up to this one: later ones may follow it in MIGRATIONS.
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'LinkErrorKinds1795900000000');
  expect(index).toBeGreaterThan(0);
  const before = MIGRATIONS.slice(0, index);
  const through = MIGRATIONS.slice(0, index + 1);
  const old = await createMappingStoreDataSource(database.target, before);
  await old.initialize();
  await old.runMigrations({ transaction: 'each' });
  const links: [string, string, string | null][] = [
    [
      'foreign',
      'failed',
      'wecom foreign_owned_rule at POST /cgi-bin/checkin/update_checkin_option (code 301002): not yours',
    ],
    ['throttled', 'pending', 'feishu rate_limit at GET /open-apis/attendance/v1/groups (code 99991400): slow down'],
    ['refused', 'failed', 'cannot be translated: group.locations: no place'],
    ['gone', 'source_missing', 'Feishu group not found'],
    ['conflicted', 'conflict', 'both the Feishu group and the WeCom rule changed since the last sync'],
    ['db', 'failed', 'connection terminated unexpectedly'],
    // A word that only looks like a kind, further in: not a vendor failure's prefix.
    ['wordy', 'failed', 'the feishu transient outage note'],
    ['fine', 'active', null],
  ];
  try {
    for (const [id, status, error] of links) {
      await old.query(
        `INSERT INTO "group_links" ("feishu_group_id", "direction", "status", "last_error") VALUES ($1, 'feishu_to_wecom', $2, $3)`,
        [id, status, error],
      );
    }
  } finally {
    await old.destroy();
  }

  const migrated = await createMappingStoreDataSource(database.target, through);
  await migrated.initialize();
  try {
    expect(await migrated.runMigrations({ transaction: 'each' })).toHaveLength(1);
    const rows = await migrated.query<{ id: string; kind: string | null }[]>(
      `SELECT "feishu_group_id" AS "id", "last_error_kind" AS "kind" FROM "group_links" ORDER BY 1`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, row.kind]))).toEqual({
      foreign: 'foreign_owned_rule',
      throttled: 'rate_limit',
      refused: 'translation_refused',
      gone: 'source_missing',
      conflicted: 'conflict',
      db: 'internal',
      wordy: 'internal',
      fine: null,
    });
  } finally {
    await migrated.destroy();
  }
});
