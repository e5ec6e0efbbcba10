import { createMappingStoreDataSource } from '@app/mapping-store';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { MIGRATIONS } from './index.js';

// IdentityMatches on a store with mappings and runs: every pair becomes hand-made, and back every pair stays.

/** Every row of a table as PostgreSQL prints the whole record. */
async function rowsAsText(dataSource: DataSource, table: string): Promise<string[]> {
  const rows = await dataSource.query<{ row: string }[]>(`SELECT t::text AS "row" FROM "${table}" t ORDER BY t::text`);
  return rows.map((row) => row.row);
}

/** A table's columns and constraints, as PostgreSQL describes them. */
async function definition(dataSource: DataSource, table: string): Promise<unknown> {
  const columns = await dataSource.query(
    `SELECT column_name, data_type, column_default, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const constraints = await dataSource.query(
    `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = $1::regclass ORDER BY conname`,
    [table],
  );
  return { columns, constraints };
}

const TABLES = ['user_mappings', 'department_mappings', 'sync_runs'] as const;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

it('marks every existing pair hand-made, admits match runs, and reverses', async () => {
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'IdentityMatches1796400000000');
  expect(index).toBeGreaterThan(0);
  const dataSource = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO "user_mappings" ("feishu_user_id", "wecom_user_id") VALUES ('f1', 'w1'), ('f2', 'w2')`,
    );
    await dataSource.query(
      `INSERT INTO "department_mappings" ("feishu_department_id", "wecom_party_id") VALUES ('d1', '1')`,
    );
    await dataSource.query(
      `INSERT INTO "sync_runs" ("status", "direction", "scope", "triggered_by") VALUES ('succeeded', 'two_way', 'rules', 'schedule')`,
    );
    const before: Record<string, { rows: string[]; definition: unknown }> = {};
    for (const table of TABLES) {
      before[table] = { rows: await rowsAsText(dataSource, table), definition: await definition(dataSource, table) };
    }

    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(1);
    expect(
      await dataSource.query(`SELECT "feishu_user_id", "origin", "matched_by" FROM "user_mappings" ORDER BY 1`),
    ).toEqual([
      { feishu_user_id: 'f1', origin: 'manual', matched_by: null },
      { feishu_user_id: 'f2', origin: 'manual', matched_by: null },
    ]);
    expect(await dataSource.query(`SELECT "origin" FROM "department_mappings"`)).toEqual([{ origin: 'manual' }]);
    // What the match job writes, and what the narrower schema would refuse.
    await dataSource.query(
      `UPDATE "user_mappings" SET "origin" = 'match', "matched_by" = 'email' WHERE "feishu_user_id" = 'f2'`,
    );
    const [run] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO "sync_runs" ("status", "direction", "scope", "triggered_by")
       VALUES ('queued', 'feishu_to_wecom', 'identities', 'api') RETURNING "id"`,
    );
    await dataSource.query(
      `INSERT INTO "sync_runs" ("status", "direction", "scope", "triggered_by") VALUES ('queued', 'feishu_to_wecom', 'rules', 'match')`,
    );
    await dataSource.query(
      `INSERT INTO "identity_matches" ("kind", "feishu_id", "wecom_id", "matched_by", "status", "run_id")
       VALUES ('user', 'f3', 'w3', 'email', 'proposed', $1)`,
      [run!.id],
    );
    await expect(
      dataSource.query(
        `INSERT INTO "sync_runs" ("status", "direction", "scope", "triggered_by") VALUES ('queued', 'feishu_to_wecom', 'people', 'api')`,
      ),
    ).rejects.toThrow(/ck_sync_runs_scope/);

    // Back: the tables as they were, every pair kept (a match-made one as a plain pair), the match runs gone.
    await dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of TABLES) {
      expect(await definition(dataSource, table)).toEqual(before[table]!.definition);
      expect(await rowsAsText(dataSource, table)).toEqual(before[table]!.rows);
    }
    expect(
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'identity_matches'`,
      ),
    ).toEqual([]);

    // And up again, as a rollback followed by a redeploy does.
    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(1);
  } finally {
    await dataSource.destroy();
  }
});
