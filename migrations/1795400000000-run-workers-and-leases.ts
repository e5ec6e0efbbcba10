import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background execution of runs, safe with several gateway processes on one database:
 *  - `sync_runs.worker_id` / `heartbeat_at`: which process runs a run and when it last proved alive, so a
 *    run whose process died is taken over instead of staying "running" forever;
 *  - `sync_leases`: a named, expiring lock per resource (one link, one source group). A run holds the lease
 *    of each link while it works on it, so two runs never touch one link at once. A lease row is used
 *    rather than a session advisory lock because a session lock pins a connection for the whole item, and
 *    the embedded database has exactly one connection.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class RunWorkersAndLeases1795400000000 implements MigrationInterface {
  name = 'RunWorkersAndLeases1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "worker_id" text`);
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "heartbeat_at" TIMESTAMP WITH TIME ZONE`);
    // The worker's claim query: the oldest queued (or abandoned running) run.
    await queryRunner.query(`CREATE INDEX "ix_sync_runs_claim" ON "sync_runs" ("status", "queued_at")`);
    await queryRunner.query(`
      CREATE TABLE "sync_leases" (
        "resource" text NOT NULL,
        "holder" text NOT NULL,
        "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_sync_leases" PRIMARY KEY ("resource")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_leases"`);
    await queryRunner.query(`DROP INDEX "ix_sync_runs_claim"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "heartbeat_at"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "worker_id"`);
  }
}
