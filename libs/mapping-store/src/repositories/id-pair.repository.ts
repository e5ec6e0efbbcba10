import type { MappingOrigin, MatchEvidence } from '@app/kernel';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { execute, inTransaction, queryRows } from './sql.util.js';
import { assertUniqueInBatch, withStoreErrors } from '../mapping-store.errors.js';
import type {
  DepartmentMapping,
  MatchedPair,
  MatchedUpsertResult,
  OriginPair,
  UpsertCounts,
  UserMapping,
} from '../mapping-store.types.js';

/** A row of `user_mappings` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface UserMappingRow {
  feishu_user_id: string;
  wecom_user_id: string;
  origin: MappingOrigin;
  matched_by: MatchEvidence | null;
  created_at: Date;
  updated_at: Date;
}

/** A row of `department_mappings` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface DepartmentMappingRow {
  feishu_department_id: string;
  wecom_party_id: string;
  origin: MappingOrigin;
  matched_by: MatchEvidence | null;
  created_at: Date;
  updated_at: Date;
}

interface IdPairTable<Row> {
  readonly table: string;
  readonly feishuColumn: keyof Row & string;
  readonly wecomColumn: keyof Row & string;
}

interface IdPair {
  readonly feishu: string;
  readonly wecom: string;
}

/** How often a pairs write that raced another is retried before its unique violation counts as a conflict. */
const RACED_WRITE_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/**
 * Runs a pairs write (its DELETE and its INSERT … ON CONFLICT) under a savepoint, again when it fails on a unique
 * index. INSERT … ON CONFLICT settles a conflict on its arbiter index only (the Feishu id): two transactions
 * inserting the same new pair at once both pass the arbiter, and the second then waits on the first's entry in
 * the WeCom id's unique index and fails with a unique violation once the first commits, where it should have
 * found the pair there. Run again in a new statement (READ COMMITTED: a new snapshot), the write sees the
 * committed row through its arbiter and settles as unchanged or updated. A write that still collides after
 * RACED_WRITE_ATTEMPTS is a real conflict (a hand-made pair holds the WeCom id under another Feishu id). The
 * savepoint keeps a caller's outer transaction usable after the failed attempt. A lock per table (tried first)
 * serialised unrelated pairs of two long transactions against each other; a retry waits on nothing.
 */
async function withRacedWriteRetry<T>(manager: EntityManager, write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await manager.query('SAVEPOINT "id_pair_write"');
    try {
      const result = await write();
      await manager.query('RELEASE SAVEPOINT "id_pair_write"');
      return result;
    } catch (error) {
      try {
        await manager.query('ROLLBACK TO SAVEPOINT "id_pair_write"');
        await manager.query('RELEASE SAVEPOINT "id_pair_write"');
      } catch {
        throw error; // the connection is gone or the transaction unusable: the write's own failure says why
      }
      if (attempt >= RACED_WRITE_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * A one-to-one table of Feishu id ⇄ WeCom id (users, departments). Both columns are unique, so an id can
 * never be mapped twice on either side; re-mapping a Feishu id to a new WeCom id is an update. Each pair says
 * who made it (`origin`): an operator's pairs always win over the match job's (issue 21), so the job's writes
 * never touch a hand-made pair, and an operator's write turns a match-made pair into a hand-made one.
 */
class IdPairRepository<Row> {
  constructor(
    private readonly manager: EntityManager,
    private readonly spec: IdPairTable<Row>,
  ) {}

  /**
   * Hand-made pairs: written as `manual` whatever made them before. A match-made pair holding one of the WeCom
   * ids under another Feishu id gives way (the operator's word wins); a hand-made one is a MappingConflictError.
   */
  protected async upsertPairs(pairs: readonly IdPair[]): Promise<UpsertCounts> {
    if (pairs.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const { table, feishuColumn: f, wecomColumn: w } = this.spec;
    assertUniqueInBatch(
      f,
      pairs.map((pair) => pair.feishu),
    );
    assertUniqueInBatch(
      w,
      pairs.map((pair) => pair.wecom),
    );
    const feishuIds = pairs.map((pair) => pair.feishu);
    const wecomIds = pairs.map((pair) => pair.wecom);
    return inTransaction(this.manager, async (manager) => {
      const rows: { inserted: boolean }[] = await withStoreErrors(() =>
        withRacedWriteRetry(manager, async () => {
          await execute(
            manager,
            `DELETE FROM "${table}" t USING unnest($1::text[], $2::text[]) AS p("feishu", "wecom")
             WHERE t."origin" = 'match' AND t."${w}" = p."wecom" AND t."${f}" <> p."feishu"`,
            [feishuIds, wecomIds],
          );
          // One statement for the whole batch; the WHERE makes identical rows no-ops, so they are not returned
          // and count as unchanged. (xmax = 0) tells a fresh insert from an update.
          return queryRows<{ inserted: boolean }>(
            manager,
            `INSERT INTO "${table}" ("${f}", "${w}")
             SELECT * FROM unnest($1::text[], $2::text[])
             ON CONFLICT ("${f}") DO UPDATE
               SET "${w}" = EXCLUDED."${w}", "origin" = 'manual', "matched_by" = NULL, "updated_at" = now()
               WHERE "${table}"."${w}" IS DISTINCT FROM EXCLUDED."${w}" OR "${table}"."origin" <> 'manual'
             RETURNING (xmax = 0) AS "inserted"`,
            [feishuIds, wecomIds],
          );
        }),
      );
      const inserted = rows.filter((row) => row.inserted).length;
      return { inserted, updated: rows.length - inserted, unchanged: pairs.length - rows.length };
    });
  }

  /**
   * The match job's pairs, written as `match` with their evidence. A pair whose Feishu or WeCom id a hand-made
   * pair holds is refused (unless the hand-made pair is this very pair, which then stays hand-made and counts
   * as unchanged); a match-made pair holding either id gives way to the new one.
   */
  async upsertMatched(pairs: readonly MatchedPair[]): Promise<MatchedUpsertResult> {
    if (pairs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, refused: [] };
    const { table, feishuColumn: f, wecomColumn: w } = this.spec;
    assertUniqueInBatch(
      f,
      pairs.map((pair) => pair.feishu),
    );
    assertUniqueInBatch(
      w,
      pairs.map((pair) => pair.wecom),
    );
    return inTransaction(this.manager, async (manager) => {
      // Locked, so that an operator's upload cannot slip a hand-made pair in between the check and the write.
      const manual: { feishu: string; wecom: string }[] = await queryRows(
        manager,
        `SELECT "${f}" AS "feishu", "${w}" AS "wecom" FROM "${table}"
         WHERE "origin" = 'manual' AND ("${f}" = ANY($1::text[]) OR "${w}" = ANY($2::text[]))
         FOR UPDATE`,
        [pairs.map((pair) => pair.feishu), pairs.map((pair) => pair.wecom)],
      );
      const manualFeishu = new Map(manual.map((row) => [row.feishu, row.wecom]));
      const manualWecom = new Set(manual.map((row) => row.wecom));
      const refused: MatchedPair[] = [];
      let alreadyManual = 0;
      const writable: MatchedPair[] = [];
      for (const pair of pairs) {
        if (manualFeishu.get(pair.feishu) === pair.wecom) alreadyManual += 1;
        else if (manualFeishu.has(pair.feishu) || manualWecom.has(pair.wecom)) refused.push(pair);
        else writable.push(pair);
      }
      if (writable.length === 0) return { inserted: 0, updated: 0, unchanged: alreadyManual, refused };
      const params = [writable.map((p) => p.feishu), writable.map((p) => p.wecom), writable.map((p) => p.matchedBy)];
      const rows: { inserted: boolean }[] = await withStoreErrors(() =>
        withRacedWriteRetry(manager, async () => {
          await execute(
            manager,
            `DELETE FROM "${table}" t USING unnest($1::text[], $2::text[]) AS p("feishu", "wecom")
             WHERE t."origin" = 'match' AND t."${w}" = p."wecom" AND t."${f}" <> p."feishu"`,
            params.slice(0, 2),
          );
          return queryRows<{ inserted: boolean }>(
            manager,
            `INSERT INTO "${table}" ("${f}", "${w}", "origin", "matched_by")
             SELECT f, w, 'match', m FROM unnest($1::text[], $2::text[], $3::text[]) AS p(f, w, m)
             ON CONFLICT ("${f}") DO UPDATE
               SET "${w}" = EXCLUDED."${w}", "matched_by" = EXCLUDED."matched_by", "updated_at" = now()
               WHERE "${table}"."origin" = 'match'
                 AND ("${table}"."${w}" IS DISTINCT FROM EXCLUDED."${w}"
                      OR "${table}"."matched_by" IS DISTINCT FROM EXCLUDED."matched_by")
             RETURNING (xmax = 0) AS "inserted"`,
            params,
          );
        }),
      );
      const inserted = rows.filter((row) => row.inserted).length;
      return {
        inserted,
        updated: rows.length - inserted,
        unchanged: alreadyManual + writable.length - rows.length,
        refused,
      };
    });
  }

  /** Removes the match-made pairs of these Feishu ids (a hand-made one stays); how many went. */
  async removeMatched(feishuIds: readonly string[]): Promise<number> {
    if (feishuIds.length === 0) return 0;
    const { table, feishuColumn: f } = this.spec;
    return execute(this.manager, `DELETE FROM "${table}" WHERE "origin" = 'match' AND "${f}" = ANY($1::text[])`, [
      [...feishuIds],
    ]);
  }

  /** Removes this very pair if the match job made it; how many went (0 or 1). */
  async removeMatchedPair(feishu: string, wecom: string): Promise<number> {
    const { table, feishuColumn: f, wecomColumn: w } = this.spec;
    return execute(this.manager, `DELETE FROM "${table}" WHERE "origin" = 'match' AND "${f}" = $1 AND "${w}" = $2`, [
      feishu,
      wecom,
    ]);
  }

  /** The pairs holding this Feishu id or this WeCom id, locked until the transaction ends (when in one). */
  async holdersOf(feishu: string, wecom: string): Promise<OriginPair[]> {
    const { table, feishuColumn: f, wecomColumn: w } = this.spec;
    const lock = this.manager.queryRunner?.isTransactionActive ? 'FOR UPDATE' : '';
    return queryRows<OriginPair>(
      this.manager,
      `SELECT "${f}" AS "feishu", "${w}" AS "wecom", "origin", "matched_by" AS "matchedBy"
       FROM "${table}" WHERE "${f}" = $1 OR "${w}" = $2 ORDER BY "${f}" ${lock}`,
      [feishu, wecom],
    );
  }

  /** Every pair with who made it, by Feishu id: what the match job weighs its proposals against. */
  async listAllWithOrigin(): Promise<OriginPair[]> {
    const { table, feishuColumn: f, wecomColumn: w } = this.spec;
    return queryRows<OriginPair>(
      this.manager,
      `SELECT "${f}" AS "feishu", "${w}" AS "wecom", "origin", "matched_by" AS "matchedBy"
       FROM "${table}" ORDER BY "${f}"`,
    );
  }

  /**
   * A page sorted by the Feishu id, and the number of rows kept. `search` keeps the rows whose Feishu or WeCom
   * id contains it, ignoring case (strpos, not LIKE: the text is matched as it is, `%` and `_` included).
   */
  protected async listPairs(
    limit: number,
    offset: number,
    search?: string,
  ): Promise<{ pairs: IdPair[]; total: number }> {
    const { table, feishuColumn: f, wecomColumn: w } = this.spec;
    const where = `$3::text IS NULL OR strpos(lower("${f}"), lower($3)) > 0 OR strpos(lower("${w}"), lower($3)) > 0`;
    const rows: { feishu: string; wecom: string; total: string }[] = await queryRows(
      this.manager,
      `SELECT "${f}" AS "feishu", "${w}" AS "wecom", count(*) OVER () AS "total"
       FROM "${table}" WHERE ${where} ORDER BY "${f}" LIMIT $1 OFFSET $2`,
      [limit, offset, search ?? null],
    );
    if (rows[0]) return { pairs: rows.map(({ feishu, wecom }) => ({ feishu, wecom })), total: Number(rows[0].total) };
    // An offset past the end reads no row to carry the count: count apart.
    const [row]: { n: string }[] = await queryRows(
      this.manager,
      `SELECT count(*) AS "n" FROM "${table}" WHERE ${where.replaceAll('$3', '$1')}`,
      [search ?? null],
    );
    return { pairs: [], total: Number(row?.n ?? 0) };
  }

  async count(): Promise<number> {
    const [row]: { n: string }[] = await queryRows(this.manager, `SELECT count(*) AS "n" FROM "${this.spec.table}"`);
    return Number(row?.n ?? 0);
  }

  /** Feishu id → WeCom id for those of `feishuIds` that are mapped. */
  async toWecom(feishuIds: readonly string[]): Promise<Map<string, string>> {
    return this.lookup(this.spec.feishuColumn, this.spec.wecomColumn, feishuIds);
  }

  /** WeCom id → Feishu id for those of `wecomIds` that are mapped. */
  async toFeishu(wecomIds: readonly string[]): Promise<Map<string, string>> {
    return this.lookup(this.spec.wecomColumn, this.spec.feishuColumn, wecomIds);
  }

  private async lookup(from: string, to: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { source: string; target: string }[] = await queryRows(
      this.manager,
      `SELECT "${from}" AS "source", "${to}" AS "target" FROM "${this.spec.table}" WHERE "${from}" = ANY($1::text[])`,
      [[...ids]],
    );
    return new Map(rows.map((row) => [row.source, row.target]));
  }
}

export class UserMappingRepository extends IdPairRepository<UserMappingRow> {
  constructor(manager: EntityManager) {
    super(manager, { table: 'user_mappings', feishuColumn: 'feishu_user_id', wecomColumn: 'wecom_user_id' });
  }

  upsertMany(mappings: readonly UserMapping[]): Promise<UpsertCounts> {
    return this.upsertPairs(mappings.map((m) => ({ feishu: m.feishuUserId, wecom: m.wecomUserId })));
  }

  /** A page sorted by the Feishu id; `search` keeps rows whose either id contains it (any case). */
  async list(limit: number, offset: number, search?: string): Promise<{ items: UserMapping[]; total: number }> {
    const { pairs, total } = await this.listPairs(limit, offset, search);
    return { items: pairs.map((p) => ({ feishuUserId: p.feishu, wecomUserId: p.wecom })), total };
  }
}

export class DepartmentMappingRepository extends IdPairRepository<DepartmentMappingRow> {
  constructor(manager: EntityManager) {
    super(manager, {
      table: 'department_mappings',
      feishuColumn: 'feishu_department_id',
      wecomColumn: 'wecom_party_id',
    });
  }

  upsertMany(mappings: readonly DepartmentMapping[]): Promise<UpsertCounts> {
    return this.upsertPairs(mappings.map((m) => ({ feishu: m.feishuDepartmentId, wecom: m.wecomPartyId })));
  }

  /** A page sorted by the Feishu id; `search` keeps rows whose either id contains it (any case). */
  async list(limit: number, offset: number, search?: string): Promise<{ items: DepartmentMapping[]; total: number }> {
    const { pairs, total } = await this.listPairs(limit, offset, search);
    return { items: pairs.map((p) => ({ feishuDepartmentId: p.feishu, wecomPartyId: p.wecom })), total };
  }
}
