import { CreateMappingStore1795260000000 } from './1795260000000-create-mapping-store.js';

/** Every migration, oldest first. Once merged a migration is never edited: add a new one. */
export const MIGRATIONS = [CreateMappingStore1795260000000];
