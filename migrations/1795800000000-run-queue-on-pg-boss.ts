import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs are executed through pg-boss jobs (libs/mapping-store/src/run-queue) instead of the gateway's own claim,
 * heartbeat, lease and tick-claim code:
 *  - `sync_runs.worker_id` / `heartbeat_at` and the claim index go: pg-boss's job holds the claim and its
 *    heartbeat (its own tables, schema `pgboss`, installed and upgraded by pg-boss);
 *  - `sync_runs.attempt`: which attempt of the run's job executes it (pg-boss's retry count), so an attempt
 *    that lost its claim and still lives cannot record an outcome over the attempt that took over;
 *  - `sync_leases` goes: runs of one scope never overlap (the job's singleton key is the scope);
 *  - `sync_runs.schedule_key` stays as a record of the tick, without its unique constraint: a tick's job id,
 *    derived from the tick, is what makes it queue once cluster-wide.
 * Runs still queued or running when this migration runs get their job when the gateway next starts (the run
 * queue re-sends a job for every unfinished run; a job's id is its run's id, so that is idempotent).
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class RunQueueOnPgBoss1795800000000 implements MigrationInterface {
  name = 'RunQueueOnPgBoss1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_leases"`);
    await queryRunner.query(`DROP INDEX "ix_sync_runs_claim"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "heartbeat_at"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "worker_id"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "uq_sync_runs_schedule_key"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "attempt" integer NOT NULL DEFAULT 0`);
    // The recovery sweep at start-up looks for unfinished runs.
    await queryRunner.query(
      `CREATE INDEX "ix_sync_runs_unfinished" ON "sync_runs" ("queued_at") WHERE "status" IN ('queued', 'running')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sync_runs_unfinished"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "attempt"`);
    // Ticks queued by pg-boss are unique by job id, not by key; keep the newest run of a key that repeats.
    await queryRunner.query(
      `UPDATE "sync_runs" r SET "schedule_key" = NULL
       WHERE "schedule_key" IS NOT NULL AND EXISTS (
         SELECT 1 FROM "sync_runs" o WHERE o."schedule_key" = r."schedule_key" AND o."queued_at" > r."queued_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "uq_sync_runs_schedule_key" UNIQUE ("schedule_key")`,
    );
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "worker_id" text`);
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "heartbeat_at" TIMESTAMP WITH TIME ZONE`);
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
}
