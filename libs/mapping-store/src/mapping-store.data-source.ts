import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { openEmbeddedPostgres } from './embedded/embedded-postgres.js';
import { pgliteDriver } from './embedded/pglite-pool.js';
import { MAPPING_STORE_ENTITIES } from './entities/index.js';

/** Where the store lives: a PostgreSQL server, or embedded PostgreSQL (PGlite) on disk or in memory. */
export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly kind: 'embedded'; readonly dataDir?: string };

export type MigrationClass = new () => MigrationInterface;

export const MIGRATIONS_TABLE = 'typeorm_migrations';

const COMMON_OPTIONS = {
  type: 'postgres',
  entities: MAPPING_STORE_ENTITIES,
  migrationsTableName: MIGRATIONS_TABLE,
  // The schema is owned by the reviewed migrations in migrations/, never by the entities.
  synchronize: false,
  migrationsRun: false,
  // gen_random_uuid() is core PostgreSQL since 13; no extension to install on either back-end.
  installExtensions: false,
  uuidExtension: 'pgcrypto',
  applicationName: 'attendance-sync-gateway',
} as const;

/**
 * Builds (without connecting) the TypeORM data source for a target. For the embedded target the PGlite
 * instance is opened here, so the caller must `destroy()` the data source to release the data directory.
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
    database: 'postgres',
    driver: pgliteDriver(embedded.db),
    migrations: [...migrations],
  });
  // Closing the pool closes PGlite; the lock on the data directory goes with it.
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
