import type { ItemAction, LinkDirection, Loss, RunStatus, RunTrigger, SyncScope } from '@app/kernel';
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
} from '../mapping-store.types.js';
import { execute, queryRows } from './sql.util.js';

interface SyncRunRow {
  id: string;
  status: RunStatus;
  direction: LinkDirection;
  scope: SyncScope;
  dry_run: boolean;
  triggered_by: RunTrigger;
  params: RunRequestParams;
  error: string | null;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  schedule_key: string | null;
  created: string;
  updated: string;
  unchanged: string;
  skipped: string;
  failed: string;
}

interface SyncRunItemRow {
  source_id: string;
  target_id: string | null;
  action: ItemAction;
  losses: Loss[];
  error: string | null;
  plan: unknown;
}

// The summary is derived from the items on read rather than stored, so it can never disagree with them.
const SELECT_RUN_WITH_SUMMARY = `
  SELECT r.*,
    count(*) FILTER (WHERE i."action" = 'created') AS "created",
    count(*) FILTER (WHERE i."action" = 'updated') AS "updated",
    count(*) FILTER (WHERE i."action" = 'unchanged') AS "unchanged",
    count(*) FILTER (WHERE i."action" = 'skipped') AS "skipped",
    count(*) FILTER (WHERE i."action" = 'failed') AS "failed"
  FROM "sync_runs" r LEFT JOIN "sync_run_items" i ON i."run_id" = r."id"`;

function toSummary(row: SyncRunRow): RunSummary {
  return {
    created: Number(row.created),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    skipped: Number(row.skipped),
    failed: Number(row.failed),
  };
}

function toSyncRun(row: SyncRunRow): SyncRun {
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
    summary: toSummary(row),
  };
}

function toItem(row: SyncRunItemRow): SyncRunItem {
  const item = {
    sourceId: row.source_id,
    targetId: row.target_id,
    action: row.action,
    losses: row.losses,
    error: row.error,
  };
  return row.plan === null ? item : { ...item, plan: row.plan };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FinalRunStatus = Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;

/**
 * Run history. Runs move queued → running → succeeded | partial | failed; items are append-only.
 * Every method that writes items does so in one statement, and `finish` writes the last items and the final
 * status together, so a reader never sees a finished run without its items or items of a vanished run.
 */
export class SyncRunRepository {
  constructor(private readonly manager: EntityManager) {}

  async create(run: NewSyncRun): Promise<SyncRun> {
    const [row] = await queryRows<{ id: string }>(
      this.manager,
      `INSERT INTO "sync_runs" ("status", "direction", "scope", "dry_run", "triggered_by", "params")
       VALUES ('queued', $1, $2, $3, $4, $5::jsonb) RETURNING "id"`,
      [run.direction, run.scope, run.dryRun, run.triggeredBy, JSON.stringify(run.params)],
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
   * claimNext locks it, so a run is either joined before a worker claims it or not at all.
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
   * Queues the run of one scheduled tick, once cluster-wide: every replica's cron calls this with the same
   * key, the unique constraint lets one insert win, and the others get null.
   */
  async createScheduled(run: NewSyncRun, scheduleKey: string): Promise<SyncRun | null> {
    const rows = await queryRows<{ id: string }>(
      this.manager,
      `INSERT INTO "sync_runs" ("status", "direction", "scope", "dry_run", "triggered_by", "params", "schedule_key")
       VALUES ('queued', $1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT ("schedule_key") DO NOTHING RETURNING "id"`,
      [run.direction, run.scope, run.dryRun, run.triggeredBy, JSON.stringify(run.params), scheduleKey],
    );
    const id = rows[0]?.id;
    return id ? this.getRequired(id) : null;
  }

  /**
   * Claims the oldest run to execute for `workerId`: a queued one, or a running one whose worker has not
   * sent a heartbeat for `staleAfterMs` (or never did: a run started before heartbeats existed) (its process died; the run is taken over and starts again, which
   * is safe because a rules run is level-triggered and a stream run resumes from its cursor). SKIP LOCKED
   * lets several processes claim concurrently without waiting on or double-claiming each other.
   */
  async claimNext(workerId: string, staleAfterMs: number): Promise<SyncRun | null> {
    const rows = await queryRows<{ id: string }>(
      this.manager,
      `UPDATE "sync_runs" SET "status" = 'running', "worker_id" = $1, "heartbeat_at" = now(),
         "started_at" = COALESCE("started_at", now())
       WHERE "id" = (
         SELECT "id" FROM "sync_runs"
         WHERE "status" = 'queued'
            OR ("status" = 'running'
                AND ("heartbeat_at" IS NULL OR "heartbeat_at" < now() - $2 * interval '1 millisecond'))
         ORDER BY "queued_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [workerId, staleAfterMs],
    );
    const id = rows[0]?.id;
    return id ? this.getRequired(id) : null;
  }

  /** Proves `workerId` still runs `runId`; false if the run was taken over (the worker must stop). */
  async heartbeat(runId: string, workerId: string): Promise<boolean> {
    const affected = await execute(
      this.manager,
      `UPDATE "sync_runs" SET "heartbeat_at" = now()
       WHERE "id" = $1 AND "worker_id" = $2 AND "status" = 'running'`,
      [runId, workerId],
    );
    return affected === 1;
  }

  /** How many runs wait to be claimed (queued, or running under a dead worker). */
  async countWaiting(staleAfterMs: number): Promise<number> {
    const [row] = await queryRows<{ n: string }>(
      this.manager,
      `SELECT count(*) AS "n" FROM "sync_runs"
       WHERE "status" = 'queued'
          OR ("status" = 'running'
              AND ("heartbeat_at" IS NULL OR "heartbeat_at" < now() - $1 * interval '1 millisecond'))`,
      [staleAfterMs],
    );
    return Number(row?.n ?? 0);
  }

  /** queued → running; false if the run was not queued (already taken). */
  async start(id: string, at: Date = new Date()): Promise<boolean> {
    const affected = await execute(
      this.manager,
      `UPDATE "sync_runs" SET "status" = 'running', "started_at" = $2 WHERE "id" = $1 AND "status" = 'queued'`,
      [id, at],
    );
    return affected === 1;
  }

  async appendItems(runId: string, items: readonly SyncRunItem[]): Promise<void> {
    if (items.length === 0) return;
    assertUniqueInBatch(
      'sourceId',
      items.map((item) => item.sourceId),
    );
    await withStoreErrors(() =>
      this.manager.query(
        `INSERT INTO "sync_run_items" ("run_id", "source_id", "target_id", "action", "losses", "error", "plan")
         SELECT $1, s.source_id, s.target_id, s.action, s.losses, s.error, s.plan
         FROM jsonb_to_recordset($2::jsonb)
           AS s(source_id text, target_id text, action text, losses jsonb, error text, plan jsonb)`,
        [
          runId,
          JSON.stringify(
            items.map((item) => ({
              source_id: item.sourceId,
              target_id: item.targetId,
              action: item.action,
              losses: item.losses,
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
      /** When set, only this worker may finish the run (it was not taken over meanwhile). */
      workerId?: string;
    },
    at: Date = new Date(),
  ): Promise<SyncRun> {
    const write = async (manager: EntityManager): Promise<void> => {
      const repository = new SyncRunRepository(manager);
      const affected = await execute(
        manager,
        `UPDATE "sync_runs" SET "status" = $2, "error" = $3, "finished_at" = $4
         WHERE "id" = $1 AND "status" = 'running' AND ($5::text IS NULL OR "worker_id" = $5)`,
        [id, outcome.status, outcome.error ?? null, at, outcome.workerId ?? null],
      );
      if (affected !== 1) throw new Error(`sync run ${id} is not running under this worker; cannot finish it`);
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
    const items = await queryRows<SyncRunItemRow>(
      this.manager,
      `SELECT "source_id", "target_id", "action", "losses", "error", "plan"
       FROM "sync_run_items" WHERE "run_id" = $1 ORDER BY "id"`,
      [id],
    );
    return { ...run, items: items.map(toItem) };
  }

  /** Newest first. */
  async list(limit: number, offset: number): Promise<Page<SyncRun>> {
    const rows = await queryRows<SyncRunRow>(
      this.manager,
      `${SELECT_RUN_WITH_SUMMARY}
       WHERE r."id" IN (SELECT "id" FROM "sync_runs" ORDER BY "queued_at" DESC, "id" DESC LIMIT $1 OFFSET $2)
       GROUP BY r."id" ORDER BY r."queued_at" DESC, r."id" DESC`,
      [limit, offset],
    );
    const [count] = await queryRows<{ n: string }>(this.manager, `SELECT count(*) AS "n" FROM "sync_runs"`);
    return { items: rows.map(toSyncRun), total: Number(count?.n ?? 0), limit, offset };
  }

  private async find(id: string): Promise<SyncRun | null> {
    // Ids come from URLs; a malformed one is simply not a run (and must not become a database error).
    if (!UUID.test(id)) return null;
    const rows = await queryRows<SyncRunRow>(
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
