import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS } from '@app/migrations';
import { openMappingStore, type DatabaseTarget, type MappingStore } from '@app/mapping-store';

/**
 * Each test file gets a fresh database (created here, dropped afterwards), brought up by the real migrations, on
 * the server the run uses: DATABASE_URL's, or without it the embedded PostgreSQL server test/global-setup.js
 * started — the gateway's own embedded default, so the default is what the tests prove.
 */
export interface TestDatabase {
  readonly target: Extract<DatabaseTarget, { readonly kind: 'postgres' }>;
  /** Which server: DATABASE_URL's (`postgres`) or the run's embedded one (`embedded`). */
  readonly kind: 'postgres' | 'embedded';
  /** Drops the database (server) — close every store on it first. */
  drop(): Promise<void>;
}

/** DATABASE_URL when it is set; nothing when the run uses the embedded server. */
export function serverUrl(): string | undefined {
  const url = process.env['DATABASE_URL'];
  return url && url.length > 0 ? url : undefined;
}

/** The server test databases are made on: DATABASE_URL's, or the embedded one of this run. */
export function testServerUrl(): string {
  const url = serverUrl() ?? process.env['EMBEDDED_TEST_DATABASE_URL'];
  if (!url) throw new Error('no database server: run the tests through Jest (its global setup starts one)');
  return url;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = testServerUrl();
  const kind = serverUrl() ? 'postgres' : 'embedded';
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
    kind,
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
