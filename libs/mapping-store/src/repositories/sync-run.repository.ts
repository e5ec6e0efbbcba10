import type { ItemAction, LinkDirection, Loss, Note, RunScope, RunStatus, RunTrigger } from '@app/kernel';
import type { EntityManager } from 'typeorm';
import { assertUniqueInBatch, withStoreErrors } from '../mapping-store.errors.js';
import type {
  NewSyncRun,
  Page,
  RunRequestParams,
  RunSummary,
  SyncRun,
  SyncRunItem,
  SyncRunWithItems,
  UnmappedId,
} from '../mapping-store.types.js';
import { execute, queryRows } from './sql.util.js';

/** A row of `sync_runs` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface SyncRunRow {
  id: string;
  status: RunStatus;
  direction: LinkDirection;
  scope: RunScope;
  dry_run: boolean;
  triggered_by: RunTrigger;
  params: RunRequestParams;
  error: string | null;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  schedule_key: string | null;
  attempt: number;
}

/** A run with its items counted by action (SELECT_RUN_WITH_SUMMARY; count() comes back as a string). */
type SyncRunWithSummaryRow = SyncRunRow & Record<ItemAction, string>;

/** A row of `sync_run_items` as the driver returns it (schema.spec.ts holds it against the migrations). */
export interface SyncRunItemRow {
  id: string;
  run_id: string;
  source_id: string;
  target_id: string | null;
  action: ItemAction;
  losses: Loss[];
  notes: Note[];
  error: string | null;
  plan: unknown;
  recorded_at: Date;
}

/** What a run's reader selects of an item. */
type ItemReadRow = Pick<SyncRunItemRow, 'source_id' | 'target_id' | 'action' | 'losses' | 'notes' | 'error' | 'plan'>;

// The summary is derived from the items on read rather than stored, so it can never disagree with them.
const SELECT_RUN_WITH_SUMMARY = `
  SELECT r.*,
    count(*) FILTER (WHERE i."action" = 'created') AS "created",
    count(*) FILTER (WHERE i."action" = 'updated') AS "updated",
    count(*) FILTER (WHERE i."action" = 'unchanged') AS "unchanged",
    count(*) FILTER (WHERE i."action" = 'skipped') AS "skipped",
    count(*) FILTER (WHERE i."action" = 'failed') AS "failed"
  FROM "sync_runs" r LEFT JOIN "sync_run_items" i ON i."run_id" = r."id"`;

function toSummary(row: SyncRunWithSummaryRow): RunSummary {
  return {
    created: Number(row.created),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    skipped: Number(row.skipped),
    failed: Number(row.failed),
  };
}

function toSyncRun(row: SyncRunWithSummaryRow): SyncRun {
  return {
    id: row.id,
    status: row.status,
    direction: row.direction,
    scope: row.scope,
    dryRun: row.dry_run,
    triggeredBy: row.triggered_by,
    params: row.params,
    error: row.error,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    scheduleKey: row.schedule_key,
    attempt: row.attempt,
    summary: toSummary(row),
  };
}

function toItem(row: ItemReadRow): SyncRunItem {
  const item = {
    sourceId: row.source_id,
    targetId: row.target_id,
    action: row.action,
    losses: row.losses,
    notes: row.notes,
    error: row.error,
  };
  return row.plan === null ? item : { ...item, plan: row.plan };
}

/**
 * Where run items say an id could not be carried for want of a mapping, as the engines write them:
 * - rules: a `dropped` loss on a member list whose stored `sourceValue` is the list of unmapped source-side ids
 *   (libs/translation/src/canonical/resolve-rule-ids.ts); its message names the vendor the ids have no
 *   counterpart in (`with no wecom counterpart`), which tells a two-way run's halves apart. The REST API shows
 *   losses without their values (apps/gateway/src/sync/run-views.ts); the store keeps them.
 * - punches: a skipped item per person whose error says `not synced: Feishu user <id> has no mapped WeCom user`
 *   (apps/gateway/src/sync/punches/punches.reconciler.ts); the person is the item's sourceId, the groups the run's
 *   groupIds (source side), if it named any.
 */
const SELECT_UNMAPPED = `
  WITH "recent" AS (
    SELECT "id", "direction", "scope", "params" FROM "sync_runs"
    WHERE "queued_at" >= $1 AND "scope" IN ('rules', 'punches')
  ),
  "seen" AS (
    SELECT CASE WHEN l."loss"->>'field' = 'members.departmentIds' THEN 'department' ELSE 'user' END AS "kind",
      CASE r."direction"
        WHEN 'feishu_to_wecom' THEN 'feishu'
        WHEN 'wecom_to_feishu' THEN 'wecom'
        ELSE CASE substring(l."loss"->>'message' from 'with no (feishu|wecom) counterpart')
          WHEN 'wecom' THEN 'feishu' WHEN 'feishu' THEN 'wecom' END
      END AS "vendor",
      ids."id", i."source_id" AS "group_id", r."id" AS "run_id", i."recorded_at" AS "seen_at"
    FROM "recent" r
    JOIN "sync_run_items" i ON i."run_id" = r."id"
    CROSS JOIN LATERAL jsonb_array_elements(i."losses") AS l("loss")
    CROSS JOIN LATERAL jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(l."loss"->'sourceValue') = 'array' THEN l."loss"->'sourceValue' ELSE '[]'::jsonb END
    ) AS ids("id")
    WHERE r."scope" = 'rules' AND l."loss"->>'severity' = 'dropped'
      AND l."loss"->>'field' IN ('members.userIds', 'members.excludedUserIds', 'members.departmentIds')
    UNION ALL
    SELECT 'user',
      CASE substring(i."error" from '^not synced: (Feishu|WeCom) user ') WHEN 'Feishu' THEN 'feishu' ELSE 'wecom' END,
      i."source_id", g."id", r."id", i."recorded_at"
    FROM "recent" r
    JOIN "sync_run_items" i ON i."run_id" = r."id"
    LEFT JOIN LATERAL jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(r."params"->'groupIds') = 'array' THEN r."params"->'groupIds' ELSE '[]'::jsonb END
    ) AS g("id") ON true
    WHERE r."scope" = 'punches' AND i."action" = 'skipped'
      AND i."error" ~ '^not synced: (Feishu|WeCom) user .* has no mapped (Feishu|WeCom) user'
  ),
  "unmapped" AS (
    SELECT s.* FROM "seen" s
    WHERE s."vendor" IS NOT NULL AND s."id" <> ''
      AND NOT (s."kind" = 'user' AND s."vendor" = 'feishu'
        AND EXISTS (SELECT 1 FROM "user_mappings" m WHERE m."feishu_user_id" = s."id"))
      AND NOT (s."kind" = 'user' AND s."vendor" = 'wecom'
        AND EXISTS (SELECT 1 FROM "user_mappings" m WHERE m."wecom_user_id" = s."id"))
      AND NOT (s."kind" = 'department' AND s."vendor" = 'feishu'
        AND EXISTS (SELECT 1 FROM "department_mappings" m WHERE m."feishu_department_id" = s."id"))
      AND NOT (s."kind" = 'department' AND s."vendor" = 'wecom'
        AND EXISTS (SELECT 1 FROM "department_mappings" m WHERE m."wecom_party_id" = s."id"))
  ),
  "per_group" AS (
    SELECT DISTINCT ON ("kind", "vendor", "id", "group_id") "kind", "vendor", "id", "group_id", "run_id", "seen_at"
    FROM "unmapped" ORDER BY "kind", "vendor", "id", "group_id", "seen_at" DESC, "run_id"
  )
  SELECT "kind", "vendor", "id", max("seen_at") AS "last_seen_at",
    COALESCE(
      jsonb_agg(jsonb_build_object('vendor', "vendor", 'id', "group_id", 'runId', "run_id")
        ORDER BY "seen_at" DESC, "group_id") FILTER (WHERE "group_id" IS NOT NULL),
      '[]'::jsonb
    ) AS "groups"
  FROM "per_group" GROUP BY "kind", "vendor", "id"
  ORDER BY "last_seen_at" DESC, "kind", "vendor", "id" LIMIT $2`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FinalRunStatus = Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;

/**
 * Run history. Runs move queued → running → succeeded | partial | failed; items are append-only.
 * Every method that writes items does so in one statement, and `finish` writes the last items and the final
 * status together, so a reader never sees a finished run without its items or items of a vanished run.
 */
export class SyncRunRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Records a queued run. `id` is given when the caller needs it before the row exists (a scheduled tick's run,
   * whose id is its job's, derived from the tick); `scheduleKey` names the tick of a scheduled run.
   */
  async create(
    run: NewSyncRun,
    options: { readonly id?: string; readonly scheduleKey?: string } = {},
  ): Promise<SyncRun> {
    const [row] = await queryRows<{ id: string }>(
      this.manager,
      `INSERT INTO "sync_runs" ("id", "status", "direction", "scope", "dry_run", "triggered_by", "params", "schedule_key")
       VALUES (COALESCE($1::uuid, gen_random_uuid()), 'queued', $2, $3, $4, $5, $6::jsonb, $7) RETURNING "id"`,
      [
        options.id ?? null,
        run.direction,
        run.scope,
        run.dryRun,
        run.triggeredBy,
        JSON.stringify(run.params),
        options.scheduleKey ?? null,
      ],
    );
    if (!row) throw new Error('sync run insert returned nothing');
    return this.getRequired(row.id);
  }

  /**
   * Adds `userId` to a punch run that events queued for the same window and that no worker has claimed yet,
   * so a burst of punch events (a whole office at 09:00) becomes one run instead of one per punch. Null when
   * there is none to join (or it holds `maxUsers` already): the caller queues a run of its own — in the same
   * transaction, because joiners of one window take a transaction-scoped advisory lock first: concurrent
   * events for a day then see each other's new run instead of each queueing one. The run's row is locked as
   * `begin` locks it, so a run is either joined before its job starts it or not at all.
   */
  async joinQueuedEventRun(
    run: Omit<NewSyncRun, 'params'> & { readonly from: string; readonly to: string },
    userId: string,
    maxUsers: number,
  ): Promise<SyncRun | null> {
    await queryRows(this.manager, `SELECT pg_advisory_xact_lock(hashtext($1))::text AS "locked"`, [
      `event-run|${run.triggeredBy}|${run.direction}|${run.scope}|${run.from}|${run.to}`,
    ]);
    const rows = await queryRows<{ id: string }>(
      this.manager,
      `UPDATE "sync_runs" SET "params" = jsonb_set("params", '{userIds}',
         CASE WHEN "params"->'userIds' @> jsonb_build_array($6::text) THEN "params"->'userIds'
              ELSE ("params"->'userIds') || to_jsonb($6::text) END)
       WHERE "id" = (
         SELECT "id" FROM "sync_runs"
         WHERE "status" = 'queued' AND "triggered_by" = $1 AND "direction" = $2 AND "scope" = $3
           AND "dry_run" = $4 AND "params"->>'from' = $5 AND "params"->>'to' = $7
           AND jsonb_typeof("params"->'userIds') = 'array' AND jsonb_array_length("params"->'userIds') < $8
           AND "params" - 'userIds' - 'from' - 'to' = '{}'::jsonb
         ORDER BY "queued_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
         AND "status" = 'queued'
       RETURNING "id"`,
      [run.triggeredBy, run.direction, run.scope, run.dryRun, run.from, userId, run.to, maxUsers],
    );
    const id = rows[0]?.id;
    return id ? this.getRequired(id) : null;
  }

  /**
   * Attempt `attempt` of the run's job starts executing it: queued (or running under an earlier attempt that
   * lost its job) → running under this attempt. Null when the run is finished already, or is gone: the job
   * has nothing left to do. The row lock this takes orders it after any joinQueuedEventRun in flight, so the
   * run starts with every user that joined it.
   */
  async begin(id: string, attempt: number, at: Date = new Date()): Promise<SyncRun | null> {
    const affected = await execute(
      this.manager,
      `UPDATE "sync_runs" SET "status" = 'running', "attempt" = $2, "started_at" = COALESCE("started_at", $3)
       WHERE "id" = $1 AND "status" IN ('queued', 'running')`,
      [id, attempt, at],
    );
    return affected === 1 ? this.getRequired(id) : null;
  }

  /**
   * Attempt `attempt` failed in a way a later attempt may not (a vendor unreachable or throttling): the run
   * waits for its job's retry, queued again, with the reason in `error` meanwhile. False if the run is not
   * running under this attempt.
   */
  async requeue(id: string, attempt: number, error: string): Promise<boolean> {
    const affected = await execute(
      this.manager,
      `UPDATE "sync_runs" SET "status" = 'queued', "error" = $3
       WHERE "id" = $1 AND "status" = 'running' AND "attempt" = $2`,
      [id, attempt, error],
    );
    return affected === 1;
  }

  /** Runs not finished (queued or running), oldest first: each must have a job in the run queue. */
  async unfinished(): Promise<{ readonly id: string; readonly scope: RunScope }[]> {
    return queryRows<Pick<SyncRunRow, 'id' | 'scope'>>(
      this.manager,
      `SELECT "id", "scope" FROM "sync_runs" WHERE "status" IN ('queued', 'running') ORDER BY "queued_at", "id"`,
    );
  }

  async appendItems(runId: string, items: readonly SyncRunItem[]): Promise<void> {
    if (items.length === 0) return;
    assertUniqueInBatch(
      'sourceId',
      items.map((item) => item.sourceId),
    );
    await withStoreErrors(() =>
      this.manager.query(
        `INSERT INTO "sync_run_items" ("run_id", "source_id", "target_id", "action", "losses", "notes", "error", "plan")
         SELECT $1, s.source_id, s.target_id, s.action, s.losses, s.notes, s.error, s.plan
         FROM jsonb_to_recordset($2::jsonb)
           AS s(source_id text, target_id text, action text, losses jsonb, notes jsonb, error text, plan jsonb)`,
        [
          runId,
          JSON.stringify(
            items.map((item) => ({
              source_id: item.sourceId,
              target_id: item.targetId,
              action: item.action,
              losses: item.losses,
              notes: item.notes ?? [],
              error: item.error,
              plan: item.plan ?? null,
            })),
          ),
        ],
      ),
    );
  }

  /**
   * Writes the final items and status in one transaction (joining the caller's if there is one).
   * Fails, writing nothing, if the run is not running.
   */
  async finish(
    id: string,
    outcome: {
      status: FinalRunStatus;
      error?: string | null;
      items?: readonly SyncRunItem[];
      /** When set, only this attempt may finish the run (no later attempt took it over meanwhile). */
      attempt?: number;
    },
    at: Date = new Date(),
  ): Promise<SyncRun> {
    const write = async (manager: EntityManager): Promise<void> => {
      const repository = new SyncRunRepository(manager);
      const affected = await execute(
        manager,
        `UPDATE "sync_runs" SET "status" = $2, "error" = $3, "finished_at" = $4
         WHERE "id" = $1 AND "status" = 'running' AND ($5::integer IS NULL OR "attempt" = $5)`,
        [id, outcome.status, outcome.error ?? null, at, outcome.attempt ?? null],
      );
      if (affected !== 1) throw new Error(`sync run ${id} is not running under this attempt; cannot finish it`);
      await repository.appendItems(id, outcome.items ?? []);
    };
    if (this.manager.queryRunner?.isTransactionActive) await write(this.manager);
    else await this.manager.transaction(write);
    return this.getRequired(id);
  }

  /** A run that could not start (or whose worker died before it started) ends failed with the reason. */
  async fail(id: string, error: string, at: Date = new Date()): Promise<void> {
    await execute(
      this.manager,
      `UPDATE "sync_runs" SET "status" = 'failed', "error" = $2,
         "started_at" = COALESCE("started_at", $3), "finished_at" = $3
       WHERE "id" = $1 AND "status" IN ('queued', 'running')`,
      [id, error, at],
    );
  }

  async get(id: string): Promise<SyncRunWithItems | null> {
    const run = await this.find(id);
    if (!run) return null;
    const items = await queryRows<ItemReadRow>(
      this.manager,
      `SELECT "source_id", "target_id", "action", "losses", "notes", "error", "plan"
       FROM "sync_run_items" WHERE "run_id" = $1 ORDER BY "id"`,
      [id],
    );
    return { ...run, items: items.map(toItem) };
  }

  /** Newest first. */
  async list(limit: number, offset: number): Promise<Page<SyncRun>> {
    const rows = await queryRows<SyncRunWithSummaryRow>(
      this.manager,
      `${SELECT_RUN_WITH_SUMMARY}
       WHERE r."id" IN (SELECT "id" FROM "sync_runs" ORDER BY "queued_at" DESC, "id" DESC LIMIT $1 OFFSET $2)
       GROUP BY r."id" ORDER BY r."queued_at" DESC, r."id" DESC`,
      [limit, offset],
    );
    const [count] = await queryRows<{ n: string }>(this.manager, `SELECT count(*) AS "n" FROM "sync_runs"`);
    return { items: rows.map(toSyncRun), total: Number(count?.n ?? 0), limit, offset };
  }

  /**
   * The ids runs queued since `since` could not carry because the id mapping lacked them, and that it still
   * lacks, newest first (see SELECT_UNMAPPED). One query: the runs' items are read in the database, not here.
   */
  async unmappedIds(since: Date, limit: number): Promise<UnmappedId[]> {
    const rows = await queryRows<{
      kind: UnmappedId['kind'];
      vendor: UnmappedId['vendor'];
      id: string;
      last_seen_at: Date;
      groups: UnmappedId['groups'];
    }>(this.manager, SELECT_UNMAPPED, [since, limit]);
    return rows.map((row) => ({
      kind: row.kind,
      vendor: row.vendor,
      id: row.id,
      groups: row.groups,
      lastSeenAt: row.last_seen_at,
    }));
  }

  private async find(id: string): Promise<SyncRun | null> {
    // Ids come from URLs; a malformed one is simply not a run (and must not become a database error).
    if (!UUID.test(id)) return null;
    const rows = await queryRows<SyncRunWithSummaryRow>(
      this.manager,
      `${SELECT_RUN_WITH_SUMMARY} WHERE r."id" = $1 GROUP BY r."id"`,
      [id],
    );
    return rows[0] ? toSyncRun(rows[0]) : null;
  }

  private async getRequired(id: string): Promise<SyncRun> {
    const run = await this.find(id);
    if (!run) throw new Error(`sync run ${id} not found`);
    return run;
  }
}
