import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts of vendor events (webhooks), so a re-delivered event is acted on once. Feishu re-pushes an event
 * it got no timely 200 for (REFERENCE.md A10), and any replica may receive the copy, so the memory of which
 * `event_id`s were seen lives here rather than in a process: the first INSERT of an id wins (primary key,
 * ON CONFLICT DO NOTHING), every later one is a duplicate. `run_id` names the run the event queued (set null
 * if that run is pruned). Receipts are pruned after a few days (`received_at`), long after any re-push.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class EventReceipts1795600000000 implements MigrationInterface {
  name = 'EventReceipts1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "event_receipts" (
        "source_vendor" text NOT NULL,
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "run_id" uuid,
        CONSTRAINT "pk_event_receipts" PRIMARY KEY ("source_vendor", "event_id"),
        CONSTRAINT "fk_event_receipts_run" FOREIGN KEY ("run_id")
          REFERENCES "sync_runs"("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "ck_event_receipts_source_vendor" CHECK ("source_vendor" IN ('feishu', 'wecom'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_event_receipts_received_at" ON "event_receipts" ("received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_receipts"`);
  }
}
