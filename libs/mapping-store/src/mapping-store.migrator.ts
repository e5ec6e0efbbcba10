import type { DataSource } from 'typeorm';

// An arbitrary constant naming "the gateway's schema migration" among advisory locks.
const MIGRATION_LOCK_KEY = 7_316_452_901;

export interface MigrationReport {
  readonly applied: readonly string[];
}

/**
 * Applies pending migrations, each in its own transaction. On a PostgreSQL server the run holds an advisory
 * lock, so replicas that start together take turns instead of racing (the second finds nothing to do).
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<MigrationReport> {
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** True if the code knows migrations the database has not applied. */
export function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
