/*
 * Raw SQL, no entities (issue #19). The repositories are PostgreSQL statements that TypeORM's entity API does
 * not express: upserts on named constraints with ON CONFLICT … DO UPDATE … WHERE and `xmax = 0`, FOR UPDATE
 * SKIP LOCKED, batch writes through unnest() and jsonb_to_recordset(), transaction-scoped advisory locks. The
 * entities were never queried; they only restated the migrations and could drift from them. So the reviewed
 * migrations in migrations/ are the one description of each table, `synchronize` stays off, and TypeORM is
 * kept for the pool, transactions and running those migrations. schema.spec.ts holds the repositories' row
 * types and the code's value lists against a freshly migrated database.
 */
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { openEmbeddedPostgres } from './embedded/embedded-postgres.server.js';

/**
 * Where the store lives: a PostgreSQL server, or embedded PostgreSQL (real PostgreSQL started by the gateway)
 * with its files in `dataDir`, or in a temporary directory removed on close.
 */
export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly kind: 'embedded'; readonly dataDir?: string };

export type MigrationClass = new () => MigrationInterface;

export const MIGRATIONS_TABLE = 'typeorm_migrations';

const COMMON_OPTIONS = {
  type: 'postgres',
  migrationsTableName: MIGRATIONS_TABLE,
  // Only a migration changes the schema.
  synchronize: false,
  migrationsRun: false,
  // gen_random_uuid() is core PostgreSQL since 13; no extension to install on either back-end.
  installExtensions: false,
  uuidExtension: 'pgcrypto',
  applicationName: 'attendance-sync-gateway',
} as const;

/**
 * Builds (without connecting) the TypeORM data source for a target. For the embedded target the server is
 * started here, so the caller must `destroy()` the data source to stop it and release the data directory.
 */
export async function createMappingStoreDataSource(
  target: DatabaseTarget,
  migrations: readonly MigrationClass[],
): Promise<DataSource> {
  if (target.kind === 'postgres') {
    const options: DataSourceOptions = {
      ...COMMON_OPTIONS,
      url: target.url,
      poolSize: target.poolSize ?? 10,
      migrations: [...migrations],
    };
    return new DataSource(options);
  }
  const embedded = await openEmbeddedPostgres(target.dataDir);
  const dataSource = new DataSource({
    ...COMMON_OPTIONS,
    url: embedded.url,
    poolSize: 10,
    migrations: [...migrations],
  });
  // The pool closes first, then the server stops; the lock on the data directory goes with it.
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    try {
      if (dataSource.isInitialized) await destroy();
    } finally {
      await embedded.close();
    }
  };
  return dataSource;
}
