import { createMappingStoreDataSource, type DatabaseTarget, type MigrationClass } from './mapping-store.data-source.js';
import { MappingStore } from './mapping-store.js';
import { hasPendingMigrations, runPendingMigrations, type MigrationReport } from './mapping-store.migrator.js';

export class SchemaBehindError extends Error {
  constructor() {
    super(
      'The database schema is behind this version of the gateway (pending migrations) and MIGRATIONS_RUN=false. ' +
        'Run `npm run migrate` (or the compose "migrate" service) first.',
    );
    this.name = 'SchemaBehindError';
  }
}

export interface OpenMappingStoreOptions {
  readonly migrations: readonly MigrationClass[];
  /** Apply pending migrations; if false, refuse to open a database whose schema is behind. */
  readonly runMigrations: boolean;
}

export interface OpenedMappingStore {
  readonly store: MappingStore;
  readonly migrations: MigrationReport;
  /** The server's `server_version` (e.g. `18.4`), for the start-up log. */
  readonly serverVersion: string;
}

/** Connects, brings the schema up to date (or checks it is), and returns the store. */
export async function openMappingStore(
  target: DatabaseTarget,
  options: OpenMappingStoreOptions,
): Promise<OpenedMappingStore> {
  const dataSource = await createMappingStoreDataSource(target, options.migrations);
  try {
    await dataSource.initialize();
    let report: MigrationReport = { applied: [] };
    if (options.runMigrations) {
      report = await runPendingMigrations(dataSource);
    } else if (await hasPendingMigrations(dataSource)) {
      throw new SchemaBehindError();
    }
    const [version] = await dataSource.query<{ server_version: string }[]>('SHOW server_version');
    return { store: new MappingStore(dataSource), migrations: report, serverVersion: version!.server_version };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
