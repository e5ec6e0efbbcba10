import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity matches (issue 21): people and departments paired by what both vendors know of them.
 *  - `user_mappings` and `department_mappings` say who made each pair: `origin` `manual` (an operator's upload,
 *    every pair made before) or `match` (the match job), and for a match the evidence (`matched_by`: the
 *    attribute or basis that paired the ids, never its value). Hand-made pairs always win over the job's.
 *  - `identity_matches` holds the job's proposals and the decisions on them, one row per Feishu id and kind,
 *    or per WeCom id where no Feishu id is known (a WeCom person nobody on the Feishu side claims). Ambiguous
 *    rows list their candidate pairs in `candidates`, ids and evidence only (DESIGN.md, personal data).
 *  - `sync_runs` also holds the match job's runs (scope `identities`) and the runs it starts (trigger `match`).
 * Must run unchanged on PostgreSQL 13+ (servers) and 18 (the embedded default).
 */
export class IdentityMatches1796400000000 implements MigrationInterface {
  name = 'IdentityMatches1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['user_mappings', 'department_mappings']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "origin" text NOT NULL DEFAULT 'manual'`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "matched_by" text`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_origin" CHECK ("origin" IN ('manual', 'match'))`,
      );
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_matched_by"
           CHECK ("matched_by" IS NULL OR "matched_by" IN (${EVIDENCE}))`,
      );
      // The evidence is there exactly for a match.
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_evidence"
           CHECK (("origin" = 'match') = ("matched_by" IS NOT NULL))`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE "identity_matches" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "feishu_id" text,
        "wecom_id" text,
        "matched_by" text,
        "status" text NOT NULL,
        "candidates" jsonb NOT NULL DEFAULT '[]',
        "reason" text,
        "run_id" uuid,
        "decided_by" text,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_identity_matches" PRIMARY KEY ("id"),
        CONSTRAINT "fk_identity_matches_run" FOREIGN KEY ("run_id")
          REFERENCES "sync_runs"("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "ck_identity_matches_kind" CHECK ("kind" IN ('user', 'department')),
        CONSTRAINT "ck_identity_matches_status"
          CHECK ("status" IN ('proposed', 'ambiguous', 'unmatched', 'accepted', 'rejected')),
        CONSTRAINT "ck_identity_matches_matched_by" CHECK ("matched_by" IS NULL OR "matched_by" IN (${EVIDENCE})),
        CONSTRAINT "ck_identity_matches_decided_by" CHECK ("decided_by" IS NULL OR "decided_by" IN ('auto', 'operator')),
        CONSTRAINT "ck_identity_matches_has_an_id" CHECK ("feishu_id" IS NOT NULL OR "wecom_id" IS NOT NULL),
        -- The evidence is there exactly when both ids are: a pair, proposed or decided. A proposal or an
        -- acceptance is a pair; a rejection is a pair, or an ambiguous row whose candidates were all refused.
        CONSTRAINT "ck_identity_matches_evidence"
          CHECK (("matched_by" IS NOT NULL) = ("feishu_id" IS NOT NULL AND "wecom_id" IS NOT NULL)),
        CONSTRAINT "ck_identity_matches_pair"
          CHECK ("status" NOT IN ('proposed', 'accepted') OR "matched_by" IS NOT NULL),
        -- Decided exactly when accepted or rejected, and then by whom and when.
        CONSTRAINT "ck_identity_matches_decided"
          CHECK (("status" IN ('accepted', 'rejected')) = ("decided_by" IS NOT NULL AND "decided_at" IS NOT NULL)
                 AND ("decided_by" IS NULL) = ("decided_at" IS NULL)),
        CONSTRAINT "ck_identity_matches_candidates" CHECK (jsonb_typeof("candidates") = 'array')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_identity_matches_feishu" ON "identity_matches" ("kind", "feishu_id")
       WHERE "feishu_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_identity_matches_wecom" ON "identity_matches" ("kind", "wecom_id")
       WHERE "feishu_id" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_identity_matches_status" ON "identity_matches" ("status")`);
    await queryRunner.query(`CREATE INDEX "ix_identity_matches_run" ON "identity_matches" ("run_id")`);

    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "ck_sync_runs_scope"`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "ck_sync_runs_scope"
         CHECK ("scope" IN ('rules', 'rosters', 'punches', 'identities'))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "ck_sync_runs_triggered_by"`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "ck_sync_runs_triggered_by"
         CHECK ("triggered_by" IN ('api', 'schedule', 'event', 'match'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The runs the narrower CHECKs would refuse go (their items with them); the rest stay as they were.
    await queryRunner.query(`DELETE FROM "sync_runs" WHERE "scope" = 'identities' OR "triggered_by" = 'match'`);
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "ck_sync_runs_triggered_by"`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "ck_sync_runs_triggered_by"
         CHECK ("triggered_by" IN ('api', 'schedule', 'event'))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "ck_sync_runs_scope"`);
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "ck_sync_runs_scope" CHECK ("scope" IN ('rules', 'rosters', 'punches'))`,
    );

    await queryRunner.query(`DROP TABLE "identity_matches"`);

    // Every pair stays; who made it is forgotten (a matched pair reads as a hand-made one, as before).
    for (const table of ['department_mappings', 'user_mappings']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_evidence"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_matched_by"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_origin"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "matched_by"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "origin"`);
    }
  }
}

/** MATCH_EVIDENCE (libs/kernel/src/identity-vocabulary.ts) as it stands when this migration was written. */
const EVIDENCE = `'email', 'mobile', 'employee_no', 'name_path', 'mapped_parent'`;
