export * from './mapping-store.types.js';
export * from './mapping-store.errors.js';
export { MappingStore, StoreSession } from './mapping-store.js';
export { createMappingStoreDataSource, MIGRATIONS_TABLE } from './mapping-store.data-source.js';
export type { DatabaseTarget, MigrationClass } from './mapping-store.data-source.js';
export { runPendingMigrations, hasPendingMigrations } from './mapping-store.migrator.js';
export type { MigrationReport } from './mapping-store.migrator.js';
export { openMappingStore, SchemaBehindError } from './open-mapping-store.js';
export type { OpenMappingStoreOptions, OpenedMappingStore } from './open-mapping-store.js';
export { DataDirInUseError, openEmbeddedPostgres } from './embedded/embedded-postgres.js';
export type { EmbeddedPostgres } from './embedded/embedded-postgres.js';
export type { FinalRunStatus } from './repositories/sync-run.repository.js';
export type { EventReceipt } from './repositories/event-receipt.repository.js';
export { MAPPING_STORE_ENTITIES } from './entities/index.js';
export { MappingStoreModule } from './mapping-store.module.js';
export type { MappingStoreModuleOptions, MappingStoreModuleAsyncOptions } from './mapping-store.module.js';
export {
  MIN_HEARTBEAT_SECONDS,
  RetryRunLater,
  RUN_DEAD_LETTER_QUEUE,
  RUN_QUEUE,
  RUN_QUEUE_SCHEMA,
  RunQueue,
} from './run-queue/run-queue.js';
export type { RunAttempt, RunQueueOptions } from './run-queue/run-queue.js';
