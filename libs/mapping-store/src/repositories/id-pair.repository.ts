import type { EntityManager } from 'typeorm';
import { queryRows } from './sql.util.js';
import { assertUniqueInBatch, withStoreErrors } from '../mapping-store.errors.js';
import type { DepartmentMapping, UpsertCounts, UserMapping } from '../mapping-store.types.js';

/** A row of `user_mappings` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface UserMappingRow {
  feishu_user_id: string;
  wecom_user_id: string;
  created_at: Date;
  updated_at: Date;
}

/** A row of `department_mappings` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface DepartmentMappingRow {
  feishu_department_id: string;
  wecom_party_id: string;
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

/**
 * A one-to-one table of Feishu id ⇄ WeCom id (users, departments). Both columns are unique, so an id can
 * never be mapped twice on either side; re-mapping a Feishu id to a new WeCom id is an update.
 */
class IdPairRepository<Row> {
  constructor(
    private readonly manager: EntityManager,
    private readonly spec: IdPairTable<Row>,
  ) {}

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
    // One statement for the whole batch; the WHERE makes identical rows no-ops, so they are not returned
    // and count as unchanged. (xmax = 0) tells a fresh insert from an update.
    const rows: { inserted: boolean }[] = await withStoreErrors(() =>
      queryRows(
        this.manager,
        `INSERT INTO "${table}" ("${f}", "${w}")
         SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT ("${f}") DO UPDATE SET "${w}" = EXCLUDED."${w}", "updated_at" = now()
           WHERE "${table}"."${w}" IS DISTINCT FROM EXCLUDED."${w}"
         RETURNING (xmax = 0) AS "inserted"`,
        [pairs.map((pair) => pair.feishu), pairs.map((pair) => pair.wecom)],
      ),
    );
    const inserted = rows.filter((row) => row.inserted).length;
    return { inserted, updated: rows.length - inserted, unchanged: pairs.length - rows.length };
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
