import {
  matchReasonText,
  type MatchEvidence,
  type MatchKind,
  type MatchReason,
  type MatchReasonCode,
  type MatchReasonParams,
  type MatchStatus,
} from '@app/kernel';
import type { EntityManager } from 'typeorm';
import {
  assertUniqueInBatch,
  MatchDecisionConflictError,
  MatchDecisionInvalidError,
  MatchNotFoundError,
} from '../mapping-store.errors.js';
import type {
  IdentityMatch,
  IdentityMatchEntry,
  IdentityMatchFilter,
  MatchCandidate,
  MatchDecider,
  MatchDecision,
} from '../mapping-store.types.js';
import { DepartmentMappingRepository, UserMappingRepository } from './id-pair.repository.js';
import { execute, inTransaction, queryRows } from './sql.util.js';

/** A row of `identity_matches` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface IdentityMatchRow {
  id: string;
  kind: MatchKind;
  feishu_id: string | null;
  wecom_id: string | null;
  matched_by: MatchEvidence | null;
  status: MatchStatus;
  candidates: MatchCandidate[];
  reason: string | null;
  reason_code: MatchReasonCode | null;
  reason_params: MatchReasonParams | null;
  run_id: string | null;
  decided_by: MatchDecider | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toMatch(row: IdentityMatchRow): IdentityMatch {
  return {
    id: row.id,
    kind: row.kind,
    feishuId: row.feishu_id,
    wecomId: row.wecom_id,
    matchedBy: row.matched_by,
    status: row.status,
    candidates: row.candidates,
    reason: row.reason,
    reasonCode: row.reason_code,
    reasonParams: row.reason_code === null ? null : (row.reason_params ?? {}),
    runId: row.run_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The statuses a match run replaces; the others are decisions, kept until an entry says otherwise. */
const UNDECIDED = `('proposed', 'ambiguous', 'unmatched')`;

/** Review order: what needs a person first (ambiguous, then proposed, then unmatched), decided ones last. */
const REVIEW_RANK = `CASE "status" WHEN 'ambiguous' THEN 0 WHEN 'proposed' THEN 1 WHEN 'unmatched' THEN 2
  WHEN 'accepted' THEN 3 ELSE 4 END`;

const FILTER = `($1::text IS NULL OR "kind" = $1) AND ($2::text IS NULL OR "status" = $2)
  AND ($3::text IS NULL OR strpos(lower("feishu_id"), lower($3)) > 0 OR strpos(lower("wecom_id"), lower($3)) > 0
       OR EXISTS (SELECT 1 FROM jsonb_array_elements("candidates") c
                  WHERE strpos(lower(c->>'feishuId'), lower($3)) > 0 OR strpos(lower(c->>'wecomId'), lower($3)) > 0))`;

/**
 * The match job's proposals and the decisions on them (issue 21): one row per Feishu id and kind, or per WeCom
 * id where no Feishu id is known. A run replaces what is undecided; an accepted or rejected row stays, so a
 * rejected pair is never proposed again and an accepted one is not asked about twice.
 */
export class IdentityMatchRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every row of a kind, by Feishu id then WeCom id: what the match job reads the earlier decisions from. */
  async listAll(kind: MatchKind): Promise<IdentityMatch[]> {
    const rows = await queryRows<IdentityMatchRow>(
      this.manager,
      `SELECT * FROM "identity_matches" WHERE "kind" = $1 ORDER BY "feishu_id" NULLS LAST, "wecom_id", "id"`,
      [kind],
    );
    return rows.map(toMatch);
  }

  /**
   * A match run's result for one kind: every undecided row of the kind goes, and each entry is written, over
   * the row of its Feishu id (of its WeCom id when it has none) if there is one, decided or not. A decided row
   * no entry names stays. An entry equal to its row leaves the row as it was (its run, its decision's time).
   */
  async replace(
    kind: MatchKind,
    entries: readonly IdentityMatchEntry[],
    runId: string | null,
  ): Promise<{ readonly written: number; readonly removed: number }> {
    const withFeishu = entries.filter((entry) => entry.feishuId !== null);
    const wecomOnly = entries.filter((entry) => entry.feishuId === null);
    assertUniqueInBatch(
      'feishuId',
      withFeishu.map((entry) => entry.feishuId!),
    );
    assertUniqueInBatch(
      'wecomId',
      wecomOnly.map((entry) => entry.wecomId ?? ''),
    );
    return inTransaction(this.manager, async (manager) => {
      const keys = withFeishu.map((entry) => entry.feishuId!);
      const wecomKeys = wecomOnly.map((entry) => entry.wecomId ?? '');
      // The undecided rows no entry names go; those an entry names are written over below.
      const removed = await execute(
        manager,
        `DELETE FROM "identity_matches" WHERE "kind" = $1 AND "status" IN ${UNDECIDED}
           AND NOT ("feishu_id" IS NOT NULL AND "feishu_id" = ANY($2::text[]))
           AND NOT ("feishu_id" IS NULL AND "wecom_id" = ANY($3::text[]))`,
        [kind, keys, wecomKeys],
      );
      let written = 0;
      for (const [batch, conflict] of [
        [withFeishu, `("kind", "feishu_id") WHERE "feishu_id" IS NOT NULL`],
        [wecomOnly, `("kind", "wecom_id") WHERE "feishu_id" IS NULL`],
      ] as const) {
        if (batch.length === 0) continue;
        const rows = await queryRows<{ id: string }>(
          manager,
          `INSERT INTO "identity_matches"
             ("kind", "feishu_id", "wecom_id", "matched_by", "status", "candidates", "reason", "reason_code",
              "reason_params", "run_id", "decided_by", "decided_at")
           SELECT $1, e."feishuId", e."wecomId", e."matchedBy", e."status", COALESCE(e."candidates", '[]'), e."reason",
                  e."reasonCode", e."reasonParams", $3, e."decidedBy",
                  CASE WHEN e."decidedBy" IS NULL THEN NULL ELSE now() END
           FROM jsonb_to_recordset($2::jsonb)
             AS e("feishuId" text, "wecomId" text, "matchedBy" text, "status" text, "candidates" jsonb,
                  "reason" text, "reasonCode" text, "reasonParams" jsonb, "decidedBy" text)
           ON CONFLICT ${conflict} DO UPDATE SET
             "wecom_id" = EXCLUDED."wecom_id", "feishu_id" = EXCLUDED."feishu_id",
             "matched_by" = EXCLUDED."matched_by", "status" = EXCLUDED."status",
             "candidates" = EXCLUDED."candidates", "reason" = EXCLUDED."reason",
             "reason_code" = EXCLUDED."reason_code", "reason_params" = EXCLUDED."reason_params",
             "run_id" = EXCLUDED."run_id", "decided_by" = EXCLUDED."decided_by",
             "decided_at" = EXCLUDED."decided_at", "updated_at" = now()
           WHERE ("identity_matches"."wecom_id", "identity_matches"."matched_by", "identity_matches"."status",
                  "identity_matches"."candidates", "identity_matches"."reason", "identity_matches"."reason_code",
                  "identity_matches"."reason_params", "identity_matches"."decided_by")
             IS DISTINCT FROM
                 (EXCLUDED."wecom_id", EXCLUDED."matched_by", EXCLUDED."status", EXCLUDED."candidates",
                  EXCLUDED."reason", EXCLUDED."reason_code", EXCLUDED."reason_params", EXCLUDED."decided_by")
           RETURNING "id"`,
          [kind, JSON.stringify(batch.map(toEntryJson)), runId],
        );
        written += rows.length;
      }
      return { written, removed };
    });
  }

  /** Forgets the rows of these Feishu ids, decided or not (people gone from both directories); how many went. */
  async forget(kind: MatchKind, feishuIds: readonly string[]): Promise<number> {
    if (feishuIds.length === 0) return 0;
    return execute(this.manager, `DELETE FROM "identity_matches" WHERE "kind" = $1 AND "feishu_id" = ANY($2::text[])`, [
      kind,
      [...feishuIds],
    ]);
  }

  /**
   * A page in review order (ambiguous, proposed, unmatched, then accepted and rejected; within a status by
   * kind, then Feishu id, then WeCom id), and the number of rows the filter keeps.
   */
  async list(
    filter: IdentityMatchFilter,
    limit: number,
    offset: number,
  ): Promise<{ items: IdentityMatch[]; total: number }> {
    const params = [filter.kind ?? null, filter.status ?? null, filter.q ?? null];
    const rows = await queryRows<IdentityMatchRow & { total: string }>(
      this.manager,
      `SELECT *, count(*) OVER () AS "total" FROM "identity_matches" WHERE ${FILTER}
       ORDER BY ${REVIEW_RANK}, "kind" DESC, "feishu_id" NULLS LAST, "wecom_id", "id" LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    if (rows[0]) return { items: rows.map(toMatch), total: Number(rows[0].total) };
    // An offset past the end reads no row to carry the count: count apart.
    const [row] = await queryRows<{ n: string }>(
      this.manager,
      `SELECT count(*) AS "n" FROM "identity_matches" WHERE ${FILTER}`,
      params,
    );
    return { items: [], total: Number(row?.n ?? 0) };
  }

  /** The rows of these ids that exist, in the order asked. */
  async getMany(ids: readonly string[]): Promise<IdentityMatch[]> {
    const wanted = ids.filter((id) => UUID.test(id));
    if (wanted.length === 0) return [];
    const rows = await queryRows<IdentityMatchRow>(
      this.manager,
      `SELECT * FROM "identity_matches" WHERE "id" = ANY($1::uuid[])`,
      [wanted],
    );
    const byId = new Map(rows.map((row) => [row.id, toMatch(row)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * An operator's (or the job's) decision on one match, made on the status it was seen in: a row no longer in
   * `expectedStatus` is a MatchDecisionConflictError (`status_changed`) and nothing is written. Accepting writes
   * the pair as a match-made mapping in the same transaction, refused (MatchDecisionConflictError) when a
   * hand-made mapping holds either id or an earlier match holds the WeCom id for another Feishu id. Rejecting an
   * accepted match removes the mapping it made; rejecting an ambiguous one refuses all its candidates.
   */
  async decide(
    id: string,
    expectedStatus: MatchStatus,
    decision: MatchDecision,
    decidedBy: MatchDecider,
  ): Promise<IdentityMatch> {
    return inTransaction(this.manager, async (manager) => {
      const [row] = UUID.test(id)
        ? await queryRows<IdentityMatchRow>(manager, `SELECT * FROM "identity_matches" WHERE "id" = $1 FOR UPDATE`, [
            id,
          ])
        : [];
      if (!row) throw new MatchNotFoundError(id);
      if (row.status !== expectedStatus) {
        throw new MatchDecisionConflictError(id, 'status_changed', `it is ${row.status}, not ${expectedStatus}`);
      }
      const mappings =
        row.kind === 'user' ? new UserMappingRepository(manager) : new DepartmentMappingRepository(manager);
      if (decision === 'reject') {
        if (row.status === 'unmatched')
          throw new MatchDecisionInvalidError(id, 'an unmatched match has nothing to reject');
        if (row.status === 'accepted' && row.feishu_id !== null && row.wecom_id !== null) {
          await mappings.removeMatchedPair(row.feishu_id, row.wecom_id);
        }
        return this.write(manager, id, row.wecom_id, row.matched_by, 'rejected', decidedBy);
      }
      const { wecomId, matchedBy } = decision.accept;
      if (row.feishu_id === null) {
        throw new MatchDecisionInvalidError(id, 'a match with no Feishu id cannot be accepted; map it by hand');
      }
      const holders = await mappings.holdersOf(row.feishu_id, wecomId);
      const feishuId = row.feishu_id;
      const manual = holders.find((h) => h.origin === 'manual' && !(h.feishu === feishuId && h.wecom === wecomId));
      if (manual) {
        throw new MatchDecisionConflictError(
          id,
          'manual_mapping',
          `a hand-made mapping holds ${manual.feishu === feishuId ? `Feishu id ${feishuId}` : `WeCom id ${wecomId}`}`,
        );
      }
      const taken = holders.find((h) => h.wecom === wecomId && h.feishu !== feishuId);
      if (taken) {
        throw new MatchDecisionConflictError(
          id,
          'mapping_taken',
          `WeCom id ${wecomId} is mapped to Feishu id ${taken.feishu} by an earlier match`,
        );
      }
      if (!holders.some((h) => h.origin === 'manual')) {
        await mappings.upsertMatched([{ feishu: feishuId, wecom: wecomId, matchedBy }]);
      }
      return this.write(manager, id, wecomId, matchedBy, 'accepted', decidedBy);
    });
  }

  /**
   * After acceptances (each a pair of a Feishu id and a WeCom id now mapped): the undecided matches that still
   * offer either id to someone else stop offering it, so the review list does not propose a pair that can no
   * longer be accepted. A proposal of the WeCom id, or an ambiguous match left with no candidate of its own,
   * becomes `unmatched` with its claim kept as evidence and the reason saying who holds the id (`held_by_match`,
   * as the next match run words it); an ambiguous match with candidates left keeps them, without the taken ones; a WeCom-only
   * `unmatched` row of the WeCom id goes (the id is mapped). `unmatched` rather than `rejected`: nobody refused
   * these pairs, and should the acceptance be undone the next match run proposes them again. Decided matches
   * are left as they are. Answers how many rows changed.
   */
  async withdrawClaims(
    kind: MatchKind,
    accepted: readonly { readonly feishuId: string; readonly wecomId: string }[],
  ): Promise<number> {
    if (accepted.length === 0) return 0;
    const feishuIds = accepted.map((pair) => pair.feishuId);
    const wecomIds = accepted.map((pair) => pair.wecomId);
    return inTransaction(this.manager, async (manager) => {
      const rows = await queryRows<IdentityMatchRow>(
        manager,
        `SELECT * FROM "identity_matches" WHERE "kind" = $1 AND "status" IN ${UNDECIDED}
           AND NOT ("feishu_id" IS NOT NULL AND "feishu_id" = ANY($2::text[]))
           AND ("wecom_id" = ANY($3::text[])
                OR EXISTS (SELECT 1 FROM jsonb_array_elements("candidates") c
                           WHERE c->>'feishuId' = ANY($2::text[]) OR c->>'wecomId' = ANY($3::text[])))
         ORDER BY "id" FOR UPDATE`,
        [kind, feishuIds, wecomIds],
      );
      const holderOf = new Map(accepted.map((pair) => [pair.wecomId, pair.feishuId]));
      const taken = (candidate: MatchCandidate): boolean =>
        (candidate.wecomId !== undefined && holderOf.has(candidate.wecomId)) ||
        (candidate.feishuId !== undefined && feishuIds.includes(candidate.feishuId));
      let changed = 0;
      for (const row of rows) {
        if (row.feishu_id === null) {
          if (row.wecom_id !== null && holderOf.has(row.wecom_id)) {
            changed += await execute(manager, `DELETE FROM "identity_matches" WHERE "id" = $1`, [row.id]);
          }
          continue;
        }
        const feishuId = row.feishu_id;
        const own = (candidate: MatchCandidate) => candidate.feishuId === undefined || candidate.feishuId === feishuId;
        // An unmatched match offers nothing to accept: its candidates are evidence only.
        if (row.status === 'unmatched') continue;
        if (row.status === 'ambiguous') {
          const left = row.candidates.filter((candidate) => !taken(candidate));
          if (left.length === row.candidates.length) continue;
          if (left.some(own)) {
            changed += await execute(
              manager,
              `UPDATE "identity_matches" SET "candidates" = $2::jsonb, "updated_at" = now() WHERE "id" = $1`,
              [row.id, JSON.stringify(left)],
            );
            continue;
          }
        } else if (row.wecom_id === null || !holderOf.has(row.wecom_id)) {
          continue;
        }
        const claims: MatchCandidate[] =
          row.status === 'proposed'
            ? [{ feishuId, wecomId: row.wecom_id!, matchedBy: row.matched_by! }]
            : row.candidates.filter((candidate) => own(candidate) && taken(candidate));
        const claim = claims.find((candidate) => candidate.wecomId !== undefined && holderOf.has(candidate.wecomId));
        const reason: MatchReason = claim
          ? {
              code: 'held_by_match',
              params: { basis: claim.matchedBy, wecomId: claim.wecomId!, feishuId: holderOf.get(claim.wecomId!)! },
            }
          : { code: 'candidates_taken', params: {} };
        changed += await execute(
          manager,
          `UPDATE "identity_matches" SET "status" = 'unmatched', "wecom_id" = NULL, "matched_by" = NULL,
             "candidates" = $2::jsonb, "reason" = $3, "reason_code" = $4, "reason_params" = $5::jsonb,
             "updated_at" = now()
           WHERE "id" = $1`,
          [row.id, JSON.stringify(claims), matchReasonText(reason, kind), reason.code, JSON.stringify(reason.params)],
        );
      }
      return changed;
    });
  }

  private async write(
    manager: EntityManager,
    id: string,
    wecomId: string | null,
    matchedBy: MatchEvidence | null,
    status: 'accepted' | 'rejected',
    decidedBy: MatchDecider,
  ): Promise<IdentityMatch> {
    // A rejected ambiguous match keeps its candidates (all refused) and names no pair.
    const [row] = await queryRows<IdentityMatchRow>(
      manager,
      `UPDATE "identity_matches" SET "wecom_id" = $2, "matched_by" = $3, "status" = $4, "decided_by" = $5,
         "decided_at" = now(), "updated_at" = now()
       WHERE "id" = $1 RETURNING *`,
      [id, wecomId, wecomId === null ? null : matchedBy, status, decidedBy],
    );
    return toMatch(row!);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toEntryJson(entry: IdentityMatchEntry): Record<string, unknown> {
  return {
    feishuId: entry.feishuId,
    wecomId: entry.wecomId,
    matchedBy: entry.matchedBy,
    status: entry.status,
    candidates: entry.candidates ?? [],
    reason: entry.reason ?? null,
    reasonCode: entry.reasonCode ?? null,
    // Parameters exactly with a code (ck_identity_matches_reason_params).
    reasonParams: entry.reasonCode ? (entry.reasonParams ?? {}) : null,
    decidedBy: entry.status === 'accepted' || entry.status === 'rejected' ? (entry.decidedBy ?? 'auto') : null,
  };
}
