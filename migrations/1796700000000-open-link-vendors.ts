import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link's sides may be of any vendor (issue #19: adding a vendor adds rows, not columns): `ck_link_sides_vendor`
 * and `ck_links_written_vendor` named the two vendors the gateway connects, so a third (DingTalk, or the
 * in-memory vendor the engine's tests plug in) needed a migration for every one. The checks now hold the shape
 * of a vendor name instead, the kernel's lowercase words. Down: the sides of other vendors are deleted first
 * (their links keep their Feishu and WeCom sides) and a written side of another vendor is forgotten, since the
 * old checks admit only the two.
 */
export class OpenLinkVendors1796700000000 implements MigrationInterface {
  name = 'OpenLinkVendors1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_sides" DROP CONSTRAINT "ck_link_sides_vendor"`);
    await queryRunner.query(
      `ALTER TABLE "link_sides" ADD CONSTRAINT "ck_link_sides_vendor" CHECK ("vendor" ~ '^[a-z][a-z0-9_]{0,31}$')`,
    );
    await queryRunner.query(`ALTER TABLE "links" DROP CONSTRAINT "ck_links_written_vendor"`);
    await queryRunner.query(
      `ALTER TABLE "links" ADD CONSTRAINT "ck_links_written_vendor"
         CHECK ("written_vendor" IS NULL OR "written_vendor" ~ '^[a-z][a-z0-9_]{0,31}$')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "link_sides" WHERE "vendor" NOT IN ('feishu', 'wecom')`);
    await queryRunner.query(
      `UPDATE "links" SET "written_vendor" = NULL WHERE "written_vendor" NOT IN ('feishu', 'wecom')`,
    );
    await queryRunner.query(`ALTER TABLE "links" DROP CONSTRAINT "ck_links_written_vendor"`);
    await queryRunner.query(
      `ALTER TABLE "links" ADD CONSTRAINT "ck_links_written_vendor"
         CHECK ("written_vendor" IS NULL OR "written_vendor" IN ('feishu', 'wecom'))`,
    );
    await queryRunner.query(`ALTER TABLE "link_sides" DROP CONSTRAINT "ck_link_sides_vendor"`);
    await queryRunner.query(
      `ALTER TABLE "link_sides" ADD CONSTRAINT "ck_link_sides_vendor" CHECK ("vendor" IN ('feishu', 'wecom'))`,
    );
  }
}
