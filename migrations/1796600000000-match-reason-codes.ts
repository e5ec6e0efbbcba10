import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `identity_matches.reason_code` and `reason_params`: why a match stands as it does, as a code of the closed
 * list MATCH_REASON_CODES (libs/kernel) with its parameters, so the console translates it instead of showing the
 * English `reason`, which stays for API users. Rows written before keep their text and no code (both NULL); the
 * next match run writes the undecided ones again, with a code.
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class MatchReasonCodes1796600000000 implements MigrationInterface {
  name = 'MatchReasonCodes1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity_matches" ADD "reason_code" text, ADD "reason_params" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "identity_matches" ADD CONSTRAINT "ck_identity_matches_reason_code" CHECK ("reason_code" IS NULL OR
         "reason_code" IN ('same_value', 'rejected', 'shared_by_feishu', 'shared_by_wecom', 'claimed_by_many',
           'held_by_manual', 'held_by_match', 'no_attributes', 'no_counterpart', 'parents_cycle',
           'no_path_parent_unmapped', 'no_name_under_parent', 'no_feishu_found', 'rejected_no_other',
           'candidates_taken'))`,
    );
    // Parameters exactly with a code, and then an object.
    await queryRunner.query(
      `ALTER TABLE "identity_matches" ADD CONSTRAINT "ck_identity_matches_reason_params"
         CHECK (("reason_code" IS NULL) = ("reason_params" IS NULL)
                AND ("reason_params" IS NULL OR jsonb_typeof("reason_params") = 'object'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity_matches" DROP CONSTRAINT "ck_identity_matches_reason_params"`);
    await queryRunner.query(`ALTER TABLE "identity_matches" DROP CONSTRAINT "ck_identity_matches_reason_code"`);
    await queryRunner.query(`ALTER TABLE "identity_matches" DROP COLUMN "reason_params", DROP COLUMN "reason_code"`);
  }
}
