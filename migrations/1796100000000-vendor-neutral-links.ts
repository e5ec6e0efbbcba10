import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendor-neutral links (issue #19): `group_links` had a pair of columns per vendor (`feishu_group_id`,
 * `wecom_rule_id`, `feishu_hash`, …); it becomes `links` (what is linked and how it stands) and `link_sides`
 * (one row per vendor side: its external id, name and content hash), so a third vendor adds rows and one value
 * to `ck_link_sides_vendor`, not columns.
 *  - A link keeps its id, so `shift_links`, `sync_conflicts` and every id shown by the REST API stay valid.
 *  - A side row exists when the side has an id, a name or a hash; a name alone is a recorded intent (the name
 *    a create will carry, before the vendor returned an id).
 *  - An external id is unique per scope and vendor, as the old per-column UNIQUEs made it; the scope is on
 *    the side row (held equal to its link's by the foreign key) so the unique key can name it.
 *  - Every link keeps a side with an id (the old `ck_group_links_has_a_side`). The rule spans two tables, so
 *    it is a constraint trigger checked at the end of each statement under the same name.
 * Copying is pure SQL: no vendor is called. `down` puts every link back into `group_links` as it was.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class VendorNeutralLinks1796100000000 implements MigrationInterface {
  name = 'VendorNeutralLinks1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "links" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "scope" text NOT NULL,
        "direction" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "last_synced_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "last_error_kind" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_links" PRIMARY KEY ("id"),
        CONSTRAINT "uq_links_id_scope" UNIQUE ("id", "scope"),
        CONSTRAINT "ck_links_scope" CHECK ("scope" IN ('rule')),
        CONSTRAINT "ck_links_direction" CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu', 'two_way')),
        CONSTRAINT "ck_links_status"
          CHECK ("status" IN ('pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing', 'unlinked')),
        CONSTRAINT "ck_links_last_error_kind" CHECK ("last_error_kind" IS NULL OR
          "last_error_kind" IN ('auth', 'rate_limit', 'transient', 'permission', 'not_found', 'invalid_request',
            'foreign_owned_rule', 'unknown', 'translation_refused', 'source_missing', 'target_missing', 'conflict',
            'internal'))
      )`);
    await queryRunner.query(`
      CREATE TABLE "link_sides" (
        "link_id" uuid NOT NULL,
        "scope" text NOT NULL,
        "vendor" text NOT NULL,
        "external_id" text,
        "name" text,
        "hash" text,
        CONSTRAINT "pk_link_sides" PRIMARY KEY ("link_id", "vendor"),
        CONSTRAINT "fk_link_sides_link" FOREIGN KEY ("link_id", "scope")
          REFERENCES "links"("id", "scope") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "uq_link_sides_external_id" UNIQUE ("scope", "vendor", "external_id"),
        CONSTRAINT "ck_link_sides_vendor" CHECK ("vendor" IN ('feishu', 'wecom')),
        CONSTRAINT "ck_link_sides_holds_something"
          CHECK ("external_id" IS NOT NULL OR "name" IS NOT NULL OR "hash" IS NOT NULL)
      )`);

    await queryRunner.query(`
      INSERT INTO "links" ("id", "scope", "direction", "status", "last_synced_at", "last_error", "last_error_kind",
                           "created_at", "updated_at")
      SELECT "id", 'rule', "direction", "status", "last_synced_at", "last_error", "last_error_kind",
             "created_at", "updated_at"
      FROM "group_links"`);
    await queryRunner.query(`
      INSERT INTO "link_sides" ("link_id", "scope", "vendor", "external_id", "name", "hash")
      SELECT "id", 'rule', 'feishu', "feishu_group_id", "feishu_group_name", "feishu_hash" FROM "group_links"
      WHERE "feishu_group_id" IS NOT NULL OR "feishu_group_name" IS NOT NULL OR "feishu_hash" IS NOT NULL
      UNION ALL
      SELECT "id", 'rule', 'wecom', "wecom_rule_id", "wecom_rule_name", "wecom_hash" FROM "group_links"
      WHERE "wecom_rule_id" IS NOT NULL OR "wecom_rule_name" IS NOT NULL OR "wecom_hash" IS NOT NULL`);

    await this.repointReferences(queryRunner, 'links', 'link');
    await queryRunner.query(`DROP TABLE "group_links"`);

    // After the copy, which the old CHECK already held to the rule. Only what can leave a link without an id
    // is checked: a new link, and a side that loses its id (cleared, moved or deleted); an inserted side or an
    // update that keeps the id adds nothing to check, so the batch writes of a sync call no trigger.
    await queryRunner.query(`
      CREATE FUNCTION "links_refuse_sideless"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        link uuid;
      BEGIN
        IF TG_TABLE_NAME = 'links' THEN
          link := NEW."id";
        ELSE
          link := OLD."link_id";
        END IF;
        IF EXISTS (SELECT 1 FROM "links" WHERE "id" = link) AND NOT EXISTS (
          SELECT 1 FROM "link_sides" WHERE "link_id" = link AND "external_id" IS NOT NULL
        ) THEN
          RAISE EXCEPTION 'link % violates check constraint "ck_links_has_a_side": no side has an external id', link
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_links_has_a_side', TABLE = TG_TABLE_NAME;
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "ck_links_has_a_side" AFTER INSERT ON "links"
      FOR EACH ROW EXECUTE FUNCTION "links_refuse_sideless"()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "ck_link_sides_keep_an_id" AFTER UPDATE ON "link_sides"
      FOR EACH ROW WHEN (OLD."external_id" IS NOT NULL AND (NEW."external_id" IS NULL OR NEW."link_id" <> OLD."link_id"))
      EXECUTE FUNCTION "links_refuse_sideless"()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "ck_link_sides_delete_keeps_an_id" AFTER DELETE ON "link_sides"
      FOR EACH ROW WHEN (OLD."external_id" IS NOT NULL)
      EXECUTE FUNCTION "links_refuse_sideless"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // group_links as 1795260000000, 1795500000000 and 1795900000000 left it, columns in the same order.
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
        "last_error_kind" text,
        CONSTRAINT "pk_group_links" PRIMARY KEY ("id"),
        CONSTRAINT "uq_group_links_feishu_group_id" UNIQUE ("feishu_group_id"),
        CONSTRAINT "uq_group_links_wecom_rule_id" UNIQUE ("wecom_rule_id"),
        CONSTRAINT "ck_group_links_has_a_side" CHECK ("feishu_group_id" IS NOT NULL OR "wecom_rule_id" IS NOT NULL),
        CONSTRAINT "ck_group_links_direction" CHECK ("direction" IN ('feishu_to_wecom', 'wecom_to_feishu', 'two_way')),
        CONSTRAINT "ck_group_links_status"
          CHECK ("status" IN ('pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing', 'unlinked')),
        CONSTRAINT "ck_group_links_last_error_kind" CHECK ("last_error_kind" IS NULL OR
          "last_error_kind" IN ('auth', 'rate_limit', 'transient', 'permission', 'not_found', 'invalid_request',
            'foreign_owned_rule', 'unknown', 'translation_refused', 'source_missing', 'target_missing', 'conflict',
            'internal'))
      )`);
    await queryRunner.query(`
      INSERT INTO "group_links" ("id", "feishu_group_id", "feishu_group_name", "wecom_rule_id", "wecom_rule_name",
                                 "direction", "status", "feishu_hash", "wecom_hash", "last_synced_at", "last_error",
                                 "created_at", "updated_at", "last_error_kind")
      SELECT l."id", f."external_id", f."name", w."external_id", w."name", l."direction", l."status", f."hash",
             w."hash", l."last_synced_at", l."last_error", l."created_at", l."updated_at", l."last_error_kind"
      FROM "links" l
        LEFT JOIN "link_sides" f ON f."link_id" = l."id" AND f."vendor" = 'feishu'
        LEFT JOIN "link_sides" w ON w."link_id" = l."id" AND w."vendor" = 'wecom'
      WHERE l."scope" = 'rule'`);
    await this.repointReferences(queryRunner, 'group_links', 'group_link');
    await queryRunner.query(`DROP TABLE "link_sides"`);
    await queryRunner.query(`DROP TABLE "links"`);
    await queryRunner.query(`DROP FUNCTION "links_refuse_sideless"()`);
  }

  /** Points the two tables that hang off a link (by `group_link_id`) at `table`. */
  private async repointReferences(queryRunner: QueryRunner, table: string, suffix: string): Promise<void> {
    const previous = suffix === 'link' ? 'group_link' : 'link';
    for (const referring of ['shift_links', 'sync_conflicts']) {
      await queryRunner.query(`ALTER TABLE "${referring}" DROP CONSTRAINT "fk_${referring}_${previous}"`);
      await queryRunner.query(
        `ALTER TABLE "${referring}" ADD CONSTRAINT "fk_${referring}_${suffix}" FOREIGN KEY ("group_link_id")
           REFERENCES "${table}"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
    }
  }
}
