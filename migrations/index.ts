import { CreateMappingStore1795260000000 } from './1795260000000-create-mapping-store.js';
import { RunWorkersAndLeases1795400000000 } from './1795400000000-run-workers-and-leases.js';
import { ScheduledReconciliation1795500000000 } from './1795500000000-scheduled-reconciliation.js';

/** Every migration, oldest first. Once merged a migration is never edited: add a new one. */
export const MIGRATIONS = [
  CreateMappingStore1795260000000,
  RunWorkersAndLeases1795400000000,
  ScheduledReconciliation1795500000000,
];
