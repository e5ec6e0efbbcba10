import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name conflicts (DESIGN.md, crash-safe writes): a rule is created under the name the source carries, and a
 * same-named object in the target that the gateway did not create is neither adopted nor duplicated but
 * recorded as a conflict of kind `name_taken`, with what was found (`found_vendor`, `found_id`, `found_name`),
 * until it is resolved by adopting it, overwriting it or skipping the source (`resolution`). Every conflict
 * recorded before is a content conflict (`kind` defaults to `content`).
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class NameConflicts1796300000000 implements MigrationInterface {
  name = 'NameConflicts1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "kind" text NOT NULL DEFAULT 'content'`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "found_vendor" text`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "found_id" text`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "found_name" text`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "resolution" text`);
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_kind"
         CHECK ("kind" IN ('content', 'name_taken'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_found_vendor"
         CHECK ("found_vendor" IS NULL OR "found_vendor" IN ('feishu', 'wecom'))`,
    );
    // What was found is all there or all absent, and there exactly for a name conflict.
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_found"
         CHECK (("kind" = 'name_taken' AND "found_vendor" IS NOT NULL AND "found_id" IS NOT NULL
                 AND "found_name" IS NOT NULL)
             OR ("kind" <> 'name_taken' AND "found_vendor" IS NULL AND "found_id" IS NULL AND "found_name" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_resolution"
         CHECK ("resolution" IS NULL OR "resolution" IN ('adopt', 'overwrite', 'skip'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "sync_conflicts" WHERE "kind" = 'name_taken'`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_resolution"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_found"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_found_vendor"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_kind"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "resolution"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "found_name"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "found_id"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "found_vendor"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "kind"`);
  }
}
