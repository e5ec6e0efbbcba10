import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `group_links.last_error_kind`: why the link's last sync failed, as a kind of the closed taxonomy
 * (SYNC_ERROR_KINDS in libs/kernel), so the engines decide on the kind and never on the words of `last_error`.
 * Existing links get the kind their `last_error` and status carry: the gateway wrote each vendor failure as
 * "<vendor> <kind> …" (describeFailure), a refused translation as "cannot be translated: …", a missing side or
 * a conflict with its own status; any other recorded error counts as `internal`.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class LinkErrorKinds1795900000000 implements MigrationInterface {
  name = 'LinkErrorKinds1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "group_links" ADD "last_error_kind" text`);
    await queryRunner.query(
      `UPDATE "group_links" SET "last_error_kind" = CASE
         WHEN "status" IN ('source_missing', 'target_missing', 'conflict') THEN "status"
         WHEN "last_error" ~ '^(feishu|wecom) (auth|rate_limit|transient|permission|not_found|invalid_request|foreign_owned_rule|unknown)\\M'
           THEN substring("last_error" from '^(?:feishu|wecom) ([a-z_]+)')
         WHEN "last_error" LIKE 'cannot be translated:%' THEN 'translation_refused'
         ELSE 'internal' END
       WHERE "last_error" IS NOT NULL OR "status" IN ('source_missing', 'target_missing', 'conflict')`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_links" ADD CONSTRAINT "ck_group_links_last_error_kind" CHECK ("last_error_kind" IS NULL OR
         "last_error_kind" IN ('auth', 'rate_limit', 'transient', 'permission', 'not_found', 'invalid_request',
           'foreign_owned_rule', 'unknown', 'translation_refused', 'source_missing', 'target_missing', 'conflict',
           'internal'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "group_links" DROP CONSTRAINT "ck_group_links_last_error_kind"`);
    await queryRunner.query(`ALTER TABLE "group_links" DROP COLUMN "last_error_kind"`);
  }
}
