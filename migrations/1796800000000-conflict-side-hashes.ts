import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A conflict's hashes by vendor (issue #19: adding a vendor adds rows, not columns). `sync_conflicts` kept the
 * content hashes a conflict was detected with as `feishu_hash` and `wecom_hash`, so a conflict between any other
 * pair of vendors had nowhere to keep its sides. They become one `side_hashes` object, vendor → hash, the same
 * vendor names `link_sides` holds (a side whose hash was unknown is absent); `found_vendor` and `winner` admit
 * any vendor name, as `link_sides.vendor` does since OpenLinkVendors1796700000000. Every conflict keeps its id,
 * its hashes and its state. Down: the Feishu and WeCom hashes go back to their columns, and the conflicts that
 * found or were won by another vendor are deleted, since the old checks admit only the two.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class ConflictSideHashes1796800000000 implements MigrationInterface {
  name = 'ConflictSideHashes1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "side_hashes" jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await queryRunner.query(
      `UPDATE "sync_conflicts"
         SET "side_hashes" = jsonb_strip_nulls(jsonb_build_object('feishu', "feishu_hash", 'wecom', "wecom_hash"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_side_hashes"
         CHECK (jsonb_typeof("side_hashes") = 'object')`,
    );
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "feishu_hash"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "wecom_hash"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_found_vendor"`);
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_found_vendor"
         CHECK ("found_vendor" IS NULL OR "found_vendor" ~ '^[a-z][a-z0-9_]{0,31}$')`,
    );
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_winner"`);
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_winner"
         CHECK ("winner" IS NULL OR "winner" ~ '^[a-z][a-z0-9_]{0,31}$')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "sync_conflicts"
       WHERE "found_vendor" NOT IN ('feishu', 'wecom') OR "winner" NOT IN ('feishu', 'wecom')`,
    );
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_winner"`);
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_winner"
         CHECK ("winner" IS NULL OR "winner" IN ('feishu', 'wecom'))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_found_vendor"`);
    await queryRunner.query(
      `ALTER TABLE "sync_conflicts" ADD CONSTRAINT "ck_sync_conflicts_found_vendor"
         CHECK ("found_vendor" IS NULL OR "found_vendor" IN ('feishu', 'wecom'))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "feishu_hash" text`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" ADD "wecom_hash" text`);
    await queryRunner.query(
      `UPDATE "sync_conflicts" SET "feishu_hash" = "side_hashes" ->> 'feishu', "wecom_hash" = "side_hashes" ->> 'wecom'`,
    );
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP CONSTRAINT "ck_sync_conflicts_side_hashes"`);
    await queryRunner.query(`ALTER TABLE "sync_conflicts" DROP COLUMN "side_hashes"`);
  }
}
