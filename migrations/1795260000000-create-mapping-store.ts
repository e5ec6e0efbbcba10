import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mapping store: links between Feishu groups/shifts and WeCom rules/schedules, ID mappings, punch-record
 * mappings, the run history and the sync cursors. Drafted from TypeORM entities (since removed), then reviewed:
 * every natural key is a named UNIQUE constraint (repositories upsert on them), enums are CHECKs (cheaper to
 * extend than enum types), and run items are append-only (a trigger refuses UPDATE).
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class CreateMappingStore1795260000000 implements MigrationInterface {
  name = 'CreateMappingStore1795260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "group_links" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "feishu_group_id" text,
        "feishu_group_name" text,
        "wecom_rule_id" text,
        "wecom_rule_name" text,
        "direction" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "feishu_hash" text,
        "wecom_hash" text,
        "last_synced_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_group_links" PRIMARY KEY ("id"),
        CONSTRAINT "uq_group_links_feishu_group_id" UNIQUE ("feishu_group_id"),
        CONSTRAINT "uq_group_links_wecom_rule_id" UNIQUE ("wecom_rule_id"),
        CONSTRAINT "ck_group_links_has_a_side" CHECK ("feishu_group_id" IS NOT NULL OR "wecom_rule_id" IS NOT NULL),
        CONSTRAINT "ck_group_links_direction" CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu', 'two_way')),
        CONSTRAINT "ck_group_links_status"
          CHECK ("status" IN ('pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing'))
      )`);

    await queryRunner.query(`
      CREATE TABLE "shift_links" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "group_link_id" uuid NOT NULL,
        "feishu_shift_id" text,
        "feishu_shift_name" text,
        "wecom_kind" text NOT NULL,
        "wecom_key" text NOT NULL,
        "content_hash" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_shift_links" PRIMARY KEY ("id"),
        CONSTRAINT "fk_shift_links_group_link" FOREIGN KEY ("group_link_id")
          REFERENCES "group_links"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "uq_shift_links_feishu_shift" UNIQUE ("group_link_id", "feishu_shift_id"),
        CONSTRAINT "uq_shift_links_wecom_item" UNIQUE ("group_link_id", "wecom_kind", "wecom_key"),
        CONSTRAINT "ck_shift_links_wecom_kind" CHECK ("wecom_kind" IN ('schedule', 'checkintime'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_shift_links_feishu_shift_id" ON "shift_links" ("feishu_shift_id")`);

    await queryRunner.query(`
      CREATE TABLE "user_mappings" (
        "feishu_user_id" text NOT NULL,
        "wecom_user_id" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_user_mappings" PRIMARY KEY ("feishu_user_id"),
        CONSTRAINT "uq_user_mappings_wecom_user_id" UNIQUE ("wecom_user_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "department_mappings" (
        "feishu_department_id" text NOT NULL,
        "wecom_party_id" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_department_mappings" PRIMARY KEY ("feishu_department_id"),
        CONSTRAINT "uq_department_mappings_wecom_party_id" UNIQUE ("wecom_party_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "sync_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "status" text NOT NULL,
        "direction" text NOT NULL,
        "scope" text NOT NULL,
        "dry_run" boolean NOT NULL DEFAULT false,
        "triggered_by" text NOT NULL,
        "params" jsonb NOT NULL DEFAULT '{}',
        "error" text,
        "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_sync_runs" PRIMARY KEY ("id"),
        CONSTRAINT "ck_sync_runs_status" CHECK ("status" IN ('queued', 'running', 'succeeded', 'partial', 'failed')),
        CONSTRAINT "ck_sync_runs_direction" CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu')),
        CONSTRAINT "ck_sync_runs_scope" CHECK ("scope" IN ('rules', 'rosters', 'punches')),
        CONSTRAINT "ck_sync_runs_triggered_by" CHECK ("triggered_by" IN ('api', 'schedule', 'event')),
        CONSTRAINT "ck_sync_runs_finished_after_start" CHECK ("finished_at" IS NULL OR "started_at" IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX "ix_sync_runs_newest_first" ON "sync_runs" ("queued_at", "id")`);

    await queryRunner.query(`
      CREATE TABLE "sync_run_items" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "run_id" uuid NOT NULL,
        "source_id" text NOT NULL,
        "target_id" text,
        "action" text NOT NULL,
        "losses" jsonb NOT NULL DEFAULT '[]',
        "error" text,
        "plan" jsonb,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_sync_run_items" PRIMARY KEY ("id"),
        CONSTRAINT "fk_sync_run_items_run" FOREIGN KEY ("run_id")
          REFERENCES "sync_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "uq_sync_run_items_source" UNIQUE ("run_id", "source_id"),
        CONSTRAINT "ck_sync_run_items_action" CHECK ("action" IN ('created', 'updated', 'unchanged', 'skipped', 'failed'))
      )`);
    // History is evidence: an item, once written, is never rewritten (runs may still be pruned as a whole).
    await queryRunner.query(`
      CREATE FUNCTION "sync_run_items_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'sync_run_items is append-only (item % of run %)', OLD."id", OLD."run_id"
          USING ERRCODE = 'object_not_in_prerequisite_state';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "sync_run_items_append_only" BEFORE UPDATE ON "sync_run_items"
      FOR EACH ROW EXECUTE FUNCTION "sync_run_items_refuse_update"()`);

    await queryRunner.query(`
      CREATE TABLE "punch_record_mappings" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "source_vendor" text NOT NULL,
        "source_key" text NOT NULL,
        "target_key" text,
        "user_key" text NOT NULL,
        "punched_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "run_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_punch_record_mappings" PRIMARY KEY ("id"),
        CONSTRAINT "fk_punch_record_mappings_run" FOREIGN KEY ("run_id")
          REFERENCES "sync_runs"("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "uq_punch_record_mappings_source" UNIQUE ("source_vendor", "source_key"),
        CONSTRAINT "uq_punch_record_mappings_target" UNIQUE ("source_vendor", "target_key"),
        CONSTRAINT "ck_punch_record_mappings_source_vendor" CHECK ("source_vendor" IN ('feishu', 'wecom'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_punch_record_mappings_user_time" ON "punch_record_mappings" ("source_vendor", "user_key", "punched_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "sync_cursors" (
        "scope" text NOT NULL,
        "direction" text NOT NULL,
        "partition_key" text NOT NULL DEFAULT '',
        "position" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT '1',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_sync_cursors" PRIMARY KEY ("scope", "direction", "partition_key"),
        CONSTRAINT "ck_sync_cursors_scope" CHECK ("scope" IN ('rules', 'rosters', 'punches')),
        CONSTRAINT "ck_sync_cursors_direction" CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_cursors"`);
    await queryRunner.query(`DROP TABLE "punch_record_mappings"`);
    await queryRunner.query(`DROP TRIGGER "sync_run_items_append_only" ON "sync_run_items"`);
    await queryRunner.query(`DROP FUNCTION "sync_run_items_refuse_update"()`);
    await queryRunner.query(`DROP TABLE "sync_run_items"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP TABLE "department_mappings"`);
    await queryRunner.query(`DROP TABLE "user_mappings"`);
    await queryRunner.query(`DROP TABLE "shift_links"`);
    await queryRunner.query(`DROP TABLE "group_links"`);
  }
}
