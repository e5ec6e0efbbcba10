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

/**
 * A test database kept as it was, to copy from: PostgreSQL's `CREATE DATABASE … TEMPLATE` copies it file by file,
 * so a state that takes minutes to build through the API (a 2,000-person match run) is built once per file and
 * each test still gets a database of its own.
 */
export interface TestDatabaseSnapshot {
  /** The database copied from; nothing may be connected to it while a copy is made. */
  readonly name: string;
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Start as a copy of this snapshot instead of empty. */
  readonly from?: TestDatabaseSnapshot;
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

async function onServer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = testServerUrl();
  const kind = serverUrl() ? 'postgres' : 'embedded';
  const name = `gateway_test_${randomBytes(6).toString('hex')}`;
  await onServer(url, `CREATE DATABASE "${name}"${options.from ? ` TEMPLATE "${options.from.name}"` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: target.toString(), poolSize: 25 },
    kind,
    drop: () => onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

const databaseName = (database: TestDatabase) => new URL(database.target.url).pathname.slice(1);

/**
 * Waits until nothing is connected to the database any more, up to `timeoutMs`, then ends whatever still is.
 * A closed gateway can leave a connection for a moment: pg-boss's stop ends its pool's connections without
 * waiting for their sockets to close, and under load one has been seen still open after the app's close
 * resolved. A copy of the database (`CREATE DATABASE … TEMPLATE`) needs it unused.
 */
export async function settleConnections(database: TestDatabase, timeoutMs = 10_000): Promise<void> {
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    const others = 'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()';
    const deadline = Date.now() + timeoutMs;
    while ((await admin.query(others, [databaseName(database)])).rowCount !== 0) {
      if (Date.now() > deadline) {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM (${others}) AS lingering`, [databaseName(database)]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.end();
  }
}

/** Keeps a test database, whose every connection is closed, as a snapshot to copy from (it is not copied here). */
export function keepAsSnapshot(database: TestDatabase): TestDatabaseSnapshot {
  return { name: databaseName(database), drop: () => database.drop() };
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
