import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shift link's sides are rows of `shift_link_sides`, one per vendor (issue #19: adding a vendor adds rows, not
 * columns), as a group link's are rows of `link_sides` (migrations/1796100000000-vendor-neutral-links.ts). A side
 * is the vendor's kind of shift object (Feishu `shift`; WeCom `schedule` or `checkintime`), its key and its name;
 * the pair's columns of `shift_links` go, and a shift link keeps its id, group link, content hash and timestamps.
 *
 *  - Every row is carried over, by SQL alone (no vendor is asked): a WeCom side always (the old key), a Feishu
 *    side when the Feishu shift id is set. A Feishu shift name without an id has no side to live on and goes.
 *  - The old keys are the sides' key: (group link, vendor, kind, key) is unique, which is the old
 *    (group_link_id, wecom_kind, wecom_key) for WeCom and (group_link_id, feishu_shift_id) for Feishu, whose one
 *    kind is `shift`. A side carries its shift link's group link so the key can say so; a foreign key on both
 *    columns holds it to the shift link's.
 *  - Vendor and kind are checked for shape only (`ck_link_sides_vendor`'s, since
 *    migrations/1796700000000-open-link-vendors.ts), so a third vendor's side needs no migration.
 *
 * Down restores the columns from the sides. A shift link without a WeCom side of kind `schedule` or `checkintime`
 * (only a third vendor can leave one) has no place in the old table, whose WeCom key is NOT NULL: it is deleted.
 * Only the Feishu side of kind `shift` goes back; sides of other vendors go with the table.
 */
export class ShiftLinkSides1796900000000 implements MigrationInterface {
  name = 'ShiftLinkSides1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "shift_links" ADD CONSTRAINT "uq_shift_links_id_group_link" UNIQUE ("id", "group_link_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "shift_link_sides" (
        "shift_link_id" uuid NOT NULL,
        "group_link_id" uuid NOT NULL,
        "vendor" text NOT NULL,
        "kind" text NOT NULL,
        "key" text NOT NULL,
        "name" text,
        CONSTRAINT "pk_shift_link_sides" PRIMARY KEY ("shift_link_id", "vendor"),
        CONSTRAINT "fk_shift_link_sides_shift_link" FOREIGN KEY ("shift_link_id", "group_link_id")
          REFERENCES "shift_links" ("id", "group_link_id") ON DELETE CASCADE,
        CONSTRAINT "uq_shift_link_sides_item" UNIQUE ("group_link_id", "vendor", "kind", "key"),
        CONSTRAINT "ck_shift_link_sides_vendor" CHECK ("vendor" ~ '^[a-z][a-z0-9_]{0,31}$'),
        CONSTRAINT "ck_shift_link_sides_kind" CHECK ("kind" ~ '^[a-z][a-z0-9_]{0,31}$')
      )`);
    await queryRunner.query(`
      INSERT INTO "shift_link_sides" ("shift_link_id", "group_link_id", "vendor", "kind", "key", "name")
      SELECT "id", "group_link_id", 'wecom', "wecom_kind", "wecom_key", NULL FROM "shift_links"
      UNION ALL
      SELECT "id", "group_link_id", 'feishu', 'shift', "feishu_shift_id", "feishu_shift_name" FROM "shift_links"
      WHERE "feishu_shift_id" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "ix_shift_links_feishu_shift_id"`);
    await queryRunner.query(`ALTER TABLE "shift_links" DROP CONSTRAINT "uq_shift_links_feishu_shift"`);
    await queryRunner.query(`ALTER TABLE "shift_links" DROP CONSTRAINT "uq_shift_links_wecom_item"`);
    await queryRunner.query(`ALTER TABLE "shift_links" DROP CONSTRAINT "ck_shift_links_wecom_kind"`);
    await queryRunner.query(
      `ALTER TABLE "shift_links" DROP COLUMN "feishu_shift_id", DROP COLUMN "feishu_shift_name",
         DROP COLUMN "wecom_kind", DROP COLUMN "wecom_key"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const dropped = await queryRunner.query(
      `DELETE FROM "shift_links" l WHERE NOT EXISTS (
         SELECT 1 FROM "shift_link_sides" s
         WHERE s."shift_link_id" = l."id" AND s."vendor" = 'wecom' AND s."kind" IN ('schedule', 'checkintime'))
       RETURNING l."id"`,
      [],
      true,
    );
    const ids = (dropped.records as { id: string }[]).map((row) => row.id);
    if (ids.length > 0) {
      queryRunner.connection.logger.log(
        'warn',
        `ShiftLinkSides1796900000000 down: deleted ${ids.length} shift link(s) without a WeCom side, which the old ` +
          `shift_links cannot hold: ${ids.join(', ')}`,
        queryRunner,
      );
    }
    await queryRunner.query(
      `ALTER TABLE "shift_links" ADD COLUMN "feishu_shift_id" text, ADD COLUMN "feishu_shift_name" text,
         ADD COLUMN "wecom_kind" text, ADD COLUMN "wecom_key" text`,
    );
    await queryRunner.query(`
      UPDATE "shift_links" l SET "wecom_kind" = s."kind", "wecom_key" = s."key"
      FROM "shift_link_sides" s WHERE s."shift_link_id" = l."id" AND s."vendor" = 'wecom'`);
    await queryRunner.query(`
      UPDATE "shift_links" l SET "feishu_shift_id" = s."key", "feishu_shift_name" = s."name"
      FROM "shift_link_sides" s WHERE s."shift_link_id" = l."id" AND s."vendor" = 'feishu' AND s."kind" = 'shift'`);
    await queryRunner.query(
      `ALTER TABLE "shift_links" ALTER COLUMN "wecom_kind" SET NOT NULL, ALTER COLUMN "wecom_key" SET NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE "shift_link_sides"`);
    await queryRunner.query(`ALTER TABLE "shift_links" DROP CONSTRAINT "uq_shift_links_id_group_link"`);
    await queryRunner.query(
      `ALTER TABLE "shift_links"
         ADD CONSTRAINT "uq_shift_links_feishu_shift" UNIQUE ("group_link_id", "feishu_shift_id"),
         ADD CONSTRAINT "uq_shift_links_wecom_item" UNIQUE ("group_link_id", "wecom_kind", "wecom_key"),
         ADD CONSTRAINT "ck_shift_links_wecom_kind" CHECK ("wecom_kind" IN ('schedule', 'checkintime'))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_shift_links_feishu_shift_id" ON "shift_links" ("feishu_shift_id")`);
  }
}
