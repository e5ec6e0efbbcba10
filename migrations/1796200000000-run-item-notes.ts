import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sync_run_items.notes`: what the gateway did beyond an item's action (a rule created again, the oldest of
 * same-named rules adopted, a drifted rule overwritten, a delete propagated, punches written), kept apart from
 * `losses`, which then only hold what a translation could not carry over (issue #19). Items recorded before
 * keep such entries among their losses: run items are append-only history, so they are not rewritten.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class RunItemNotes1796200000000 implements MigrationInterface {
  name = 'RunItemNotes1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_run_items" ADD "notes" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_run_items" DROP COLUMN "notes"`);
  }
}
