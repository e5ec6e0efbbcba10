import type { EntityManager } from 'typeorm';
import { execute, queryRows } from './sql.util.js';

/**
 * Expiring named locks (table sync_leases). A holder that dies simply stops renewing and its leases lapse,
 * so nothing needs cleaning up after a crash; a live holder renews before expiry. Times come from the
 * database clock (now()), so processes with skewed clocks still agree on who holds what.
 */
export class SyncLeaseRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Takes `resource` for `holder` for `ttlMs` if it is free, lapsed, or already this holder's. */
  async tryAcquire(resource: string, holder: string, ttlMs: number): Promise<boolean> {
    const rows = await queryRows<{ holder: string }>(
      this.manager,
      `INSERT INTO "sync_leases" ("resource", "holder", "expires_at")
       VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT ("resource") DO UPDATE SET
         "holder" = EXCLUDED."holder", "acquired_at" = now(), "expires_at" = EXCLUDED."expires_at"
         WHERE "sync_leases"."expires_at" < now() OR "sync_leases"."holder" = EXCLUDED."holder"
       RETURNING "holder"`,
      [resource, holder, ttlMs],
    );
    return rows.length === 1;
  }

  /** Extends every lease `holder` still has; returns how many. */
  async renew(holder: string, ttlMs: number): Promise<number> {
    return execute(
      this.manager,
      `UPDATE "sync_leases" SET "expires_at" = now() + $2 * interval '1 millisecond' WHERE "holder" = $1`,
      [holder, ttlMs],
    );
  }

  async release(resource: string, holder: string): Promise<void> {
    await execute(this.manager, `DELETE FROM "sync_leases" WHERE "resource" = $1 AND "holder" = $2`, [
      resource,
      holder,
    ]);
  }

  async holderOf(resource: string): Promise<string | null> {
    const rows = await queryRows<{ holder: string }>(
      this.manager,
      `SELECT "holder" FROM "sync_leases" WHERE "resource" = $1 AND "expires_at" >= now()`,
      [resource],
    );
    return rows[0]?.holder ?? null;
  }
}
