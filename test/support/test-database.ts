import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS } from '@app/migrations';
import { openMappingStore, type DatabaseTarget, type MappingStore } from '@app/mapping-store';

/**
 * Tests run against the database the environment names: with DATABASE_URL set, each test file gets a fresh
 * database on that server (created here, dropped afterwards); without it, a fresh in-memory embedded one.
 * Either way it has been brought up by the real migrations.
 */
export interface TestDatabase {
  readonly target: DatabaseTarget;
  readonly kind: 'postgres' | 'embedded';
  /** Drops the database (server) — close every store on it first. */
  drop(): Promise<void>;
}

export function serverUrl(): string | undefined {
  const url = process.env['DATABASE_URL'];
  return url && url.length > 0 ? url : undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = serverUrl();
  if (!url) return { target: { kind: 'embedded' }, kind: 'embedded', drop: () => Promise.resolve() };
  const name = `gateway_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: target.toString(), poolSize: 25 },
    kind: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestStore {
  readonly store: MappingStore;
  readonly database: TestDatabase;
  /** Raw SQL on the store's own connection, for specs that set up or inspect rows the API does not expose. */
  sql<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const database = await createTestDatabase();
  const { store } = await openMappingStore(database.target, { migrations: MIGRATIONS, runMigrations: true });
  // The store keeps its TypeORM DataSource private; specs reach it here, in one place.
  const dataSource = (store as unknown as { dataSource: { query: (s: string, p?: unknown[]) => Promise<unknown> } })
    .dataSource;
  return {
    store,
    database,
    sql: <T>(statement: string, params: unknown[] = []) => dataSource.query(statement, params) as Promise<T[]>,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}
