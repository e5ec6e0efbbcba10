import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Punch write intents. WeCom's add_checkin_record has no idempotency key, so the gateway records which
 * Feishu punches it is about to write BEFORE the call (`state = 'pending'`) and marks them `done` once WeCom
 * answered. A run killed between the two leaves `pending` rows; the next run checks WeCom for those punches
 * and either confirms them or writes them, never both. Existing rows were all written: `done`.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class PunchWriteIntents1795700000000 implements MigrationInterface {
  name = 'PunchWriteIntents1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "punch_record_mappings" ADD "state" text NOT NULL DEFAULT 'done'`);
    await queryRunner.query(
      `ALTER TABLE "punch_record_mappings" ADD CONSTRAINT "ck_punch_record_mappings_state"
         CHECK ("state" IN ('pending', 'done'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "punch_record_mappings" DROP CONSTRAINT "ck_punch_record_mappings_state"`);
    await queryRunner.query(`ALTER TABLE "punch_record_mappings" DROP COLUMN "state"`);
  }
}
