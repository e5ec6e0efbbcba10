import { createMappingStoreDataSource } from '@app/mapping-store';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// MatchReasonCodes on matches written before it: each keeps its English reason and has no code; a code takes
// parameters, a row without one none, and only the listed codes are taken.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

it('keeps existing reasons without a code, and holds new rows to a listed code with its parameters', async () => {
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'MatchReasonCodes1796600000000');
  expect(index).toBeGreaterThan(0);
  const old = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index));
  await old.initialize();
  await old.runMigrations({ transaction: 'each' });
  try {
    await old.query(
      `INSERT INTO "identity_matches" ("kind", "feishu_id", "status", "reason") VALUES ('user', 'f1', 'unmatched', 'no Feishu person found')`,
    );
  } finally {
    await old.destroy();
  }

  const migrated = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await migrated.initialize();
  try {
    expect(await migrated.runMigrations({ transaction: 'each' })).toHaveLength(1);
    expect(await migrated.query(`SELECT "reason", "reason_code", "reason_params" FROM "identity_matches"`)).toEqual([
      { reason: 'no Feishu person found', reason_code: null, reason_params: null },
    ]);
    await migrated.query(
      `UPDATE "identity_matches" SET "reason_code" = 'no_feishu_found', "reason_params" = '{}'::jsonb`,
    );
    await expect(migrated.query(`UPDATE "identity_matches" SET "reason_code" = 'maybe'`)).rejects.toThrow(
      /ck_identity_matches_reason_code/,
    );
    await expect(migrated.query(`UPDATE "identity_matches" SET "reason_params" = NULL`)).rejects.toThrow(
      /ck_identity_matches_reason_params/,
    );
    await expect(migrated.query(`UPDATE "identity_matches" SET "reason_params" = '[]'::jsonb`)).rejects.toThrow(
      /ck_identity_matches_reason_params/,
    );
    await migrated.undoLastMigration({ transaction: 'each' });
    expect(await migrated.query(`SELECT * FROM "identity_matches"`)).toEqual([
      expect.not.objectContaining({ reason_code: expect.anything() }),
    ]);
  } finally {
    await migrated.destroy();
  }
});
