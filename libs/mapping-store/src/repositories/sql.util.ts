import type { EntityManager } from 'typeorm';

/*
 * TypeORM's raw query() returns the rows for most statements but `[rows, affectedCount]` for UPDATE and
 * DELETE. These two helpers give repositories one shape per intent, whatever the statement.
 */

function isUpdateOrDeleteResult(raw: unknown): raw is [unknown[], number] {
  return Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number';
}

/** The rows a statement returned (SELECT, or any statement with RETURNING). */
export async function queryRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const raw: unknown = await manager.query(sql, params);
  if (isUpdateOrDeleteResult(raw)) return raw[0] as T[];
  return raw as T[];
}

/** How many rows an UPDATE or DELETE touched. */
export async function execute(manager: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const raw: unknown = await manager.query(sql, params);
  if (isUpdateOrDeleteResult(raw)) return raw[1];
  return Array.isArray(raw) ? raw.length : 0;
}

/**
 * Runs `work` in a transaction: the manager's own when it is in one already (a StoreSession of
 * MappingStore.transaction), else a new one, so that a repository's statements that belong together commit together.
 */
export async function inTransaction<T>(
  manager: EntityManager,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (manager.queryRunner?.isTransactionActive) return work(manager);
  return manager.transaction(work);
}
