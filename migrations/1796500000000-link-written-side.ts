import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `links.written_vendor`: the side the link's last sync wrote (or found already holding what the other side
 * translates to), so its recorded hash is a translation of the other side's content. A two-way link whose
 * sides are both unchanged is pushed again from the other side when that translation, under the mappings of
 * today, is no longer what was written (a person who left, unmapped by a match run). Links synced before this
 * column have no value, and keep the old behaviour (nothing pushed) until their next write records one.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class LinkWrittenSide1796500000000 implements MigrationInterface {
  name = 'LinkWrittenSide1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "links" ADD "written_vendor" text`);
    await queryRunner.query(
      `ALTER TABLE "links" ADD CONSTRAINT "ck_links_written_vendor"
         CHECK ("written_vendor" IS NULL OR "written_vendor" IN ('feishu', 'wecom'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "links" DROP CONSTRAINT "ck_links_written_vendor"`);
    await queryRunner.query(`ALTER TABLE "links" DROP COLUMN "written_vendor"`);
  }
}
