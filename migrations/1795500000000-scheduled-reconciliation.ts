import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled reconciliation (SYNC_CRON), safe with several replicas:
 *  - `sync_runs.schedule_key` (UNIQUE): every replica's cron fires, each tries to queue that tick's run under
 *    the tick's key, and the unique constraint lets exactly one succeed — no leader election needed;
 *  - scheduled runs reconcile every link in its own direction, so a run's direction may now be `two_way`;
 *  - links may be `unlinked`: a source group discovered by a scheduled run while SYNC_AUTO_LINK is off, listed
 *    for an operator to link (PATCH /api/v1/links/:id) rather than synced;
 *  - `sync_conflicts`: both sides of a two-way link changed since the last sync; at most one open conflict per
 *    link (partial unique index), resolved by naming a winner.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class ScheduledReconciliation1795500000000 implements MigrationInterface {
  name = 'ScheduledReconciliation1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "ck_sync_runs_direction"`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "ck_sync_runs_direction"
         CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu', 'two_way'))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "schedule_key" text`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "uq_sync_runs_schedule_key" UNIQUE ("schedule_key")`,
    );
    await queryRunner.query(`ALTER TABLE "group_links" DROP CONSTRAINT "ck_group_links_status"`);
    await queryRunner.query(
      `ALTER TABLE "group_links" ADD CONSTRAINT "ck_group_links_status"
         CHECK ("status" IN ('pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing', 'unlinked'))`,
    );
    await queryRunner.query(`
      CREATE TABLE "sync_conflicts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "group_link_id" uuid NOT NULL,
        "feishu_hash" text,
        "wecom_hash" text,
        "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "detected_by_run_id" uuid,
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "winner" text,
        "resolution_run_id" uuid,
        CONSTRAINT "pk_sync_conflicts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_sync_conflicts_group_link" FOREIGN KEY ("group_link_id")
          REFERENCES "group_links"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "ck_sync_conflicts_winner" CHECK ("winner" IS NULL OR "winner" IN ('feishu', 'wecom'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sync_conflicts_open" ON "sync_conflicts" ("group_link_id") WHERE "resolved_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_conflicts"`);
    await queryRunner.query(`DELETE FROM "group_links" WHERE "status" = 'unlinked'`);
    await queryRunner.query(`ALTER TABLE "group_links" DROP CONSTRAINT "ck_group_links_status"`);
    await queryRunner.query(
      `ALTER TABLE "group_links" ADD CONSTRAINT "ck_group_links_status"
         CHECK ("status" IN ('pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing'))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "uq_sync_runs_schedule_key"`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "schedule_key"`);
    await queryRunner.query(`DELETE FROM "sync_runs" WHERE "direction" = 'two_way'`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "ck_sync_runs_direction"`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "ck_sync_runs_direction"
         CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu'))`,
    );
  }
}
