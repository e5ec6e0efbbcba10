import { PgBoss, type Clock, type Job, type JobWithMetadata } from 'pg-boss';
import { v5 as uuidV5 } from 'uuid';
import type { RunScope } from '@app/kernel';
import type { MappingStore, StoreSession } from '../mapping-store.js';
import type { NewSyncRun, SyncRun } from '../mapping-store.types.js';

/** pg-boss's tables live in their own schema, installed and upgraded by pg-boss itself. */
export const RUN_QUEUE_SCHEMA = 'pgboss';
/** One job per run; the job's id is the run's id. */
export const RUN_QUEUE = 'sync-runs';
/** Where pg-boss puts a run's job once every attempt failed; its worker records the run as failed. */
export const RUN_DEAD_LETTER_QUEUE = 'sync-runs-dead';
/** pg-boss refuses a heartbeat shorter than this. */
export const MIN_HEARTBEAT_SECONDS = 10;
/** Names the job ids of scheduled ticks (UUID v5): every replica derives the same id for the same tick. */
const TICK_NAMESPACE = '6f1d3c2e-8a4b-5c7d-9e0f-1a2b3c4d5e6f';
/** pg-boss's limit for how long a job may stay active; liveness is the heartbeat's job, not this. */
const MAX_ACTIVE_SECONDS = 24 * 60 * 60;

const DEFAULT_OPTIONS = { heartbeatSeconds: 60, retryLimit: 3, retryDelaySeconds: 2, pollingSeconds: 2 } as const;

export interface RunQueueOptions {
  /**
   * A job whose worker sent no heartbeat for this long is failed and retried by another worker: how long a
   * run whose process died waits to be taken over. At least MIN_HEARTBEAT_SECONDS.
   */
  readonly heartbeatSeconds: number;
  /** Install or upgrade pg-boss's schema on start; when false, a database without it is refused. */
  readonly install: boolean;
  /** Attempts after the first, for a run whose worker died or that failed transiently. Default 3. */
  readonly retryLimit?: number;
  /** Seconds before the first retry, doubling (with jitter) after that, up to 5 minutes. Default 2. */
  readonly retryDelaySeconds?: number;
  /** How often an idle worker looks for jobs LISTEN/NOTIFY did not announce (retries coming due). Default 2. */
  readonly pollingSeconds?: number;
  /** pg-boss's own errors (a lost connection, a failed maintenance pass): they do not stop the queue. */
  readonly onError?: (error: Error) => void;
  /**
   * The clock pg-boss's timers run on: heartbeats, polling, the supervisor that fails a job whose heartbeat
   * is stale. For tests only (the gateway passes none: pg-boss's system clock); pg-boss's TestClock also sets
   * what `job_now()` answers in pg-boss's own database sessions, so a takeover can be tested without waiting
   * out the heartbeat (QUALITY.md, Leases).
   */
  readonly clock?: Clock;
}

/** One attempt at executing a run, as its handler sees it. */
export interface RunAttempt {
  readonly runId: string;
  /** 0 for the first attempt, then 1, 2, … for each retry. */
  readonly attempt: number;
  /** pg-boss makes no attempt after this one: a failure now is the run's final outcome. */
  readonly last: boolean;
}

/** Thrown by a run handler to have the run's job retried later (after backoff) instead of completed. */
export class RetryRunLater extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryRunLater';
  }
}

interface RunJobData {
  readonly runId: string;
}

/**
 * The run queue: every sync run is a pg-boss job (https://github.com/timgit/pg-boss) whose id is the run's id.
 * pg-boss provides what the gateway used to do by hand: workers in every replica take jobs (SKIP LOCKED), one
 * active job per singleton key (the run's scope, so runs of one scope never overlap), heartbeats, a retry with
 * backoff of a job whose worker died or that failed, and a dead-letter queue when retries are exhausted.
 * The public run resource stays in `sync_runs`; the job only carries its id.
 */
export class RunQueue {
  private stopped = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly store: MappingStore,
    private readonly options: Required<Omit<RunQueueOptions, 'onError' | 'clock'>>,
  ) {}

  /**
   * Installs (or upgrades) pg-boss's schema and the run queues on the store's database, then disconnects: the
   * `migrate` step of a deployment whose replicas start with MIGRATIONS_RUN=false.
   */
  static async install(store: MappingStore): Promise<void> {
    const boss = new PgBoss({ ...bossConnection(store), migrate: true, createSchema: true, supervise: false });
    try {
      await boss.start();
      await createQueues(boss, queueOptionsFor(DEFAULT_OPTIONS));
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  }

  /** Connects pg-boss to the store's database, makes sure its queues exist, and re-queues orphaned runs. */
  static async start(store: MappingStore, options: RunQueueOptions): Promise<RunQueue> {
    if (!Number.isInteger(options.heartbeatSeconds) || options.heartbeatSeconds < MIN_HEARTBEAT_SECONDS) {
      throw new Error(
        `heartbeatSeconds must be an integer ≥ ${MIN_HEARTBEAT_SECONDS}, got ${options.heartbeatSeconds}`,
      );
    }
    const resolved = {
      heartbeatSeconds: options.heartbeatSeconds,
      install: options.install,
      retryLimit: options.retryLimit ?? DEFAULT_OPTIONS.retryLimit,
      retryDelaySeconds: options.retryDelaySeconds ?? DEFAULT_OPTIONS.retryDelaySeconds,
      pollingSeconds: options.pollingSeconds ?? DEFAULT_OPTIONS.pollingSeconds,
    };
    // The supervisor fails jobs whose heartbeat is stale; it must look often enough that a dead worker's run
    // is taken over about heartbeatSeconds after its last heartbeat, not up to a minute later.
    const superviseSeconds = Math.max(1, Math.min(60, Math.floor(resolved.heartbeatSeconds / 4)));
    const boss = new PgBoss({
      ...bossConnection(store),
      migrate: resolved.install,
      createSchema: resolved.install,
      useListenNotify: true,
      superviseIntervalSeconds: superviseSeconds,
      monitorIntervalSeconds: superviseSeconds,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    boss.on('error', (error: Error) => options.onError?.(error));
    try {
      await boss.start();
      await createQueues(boss, queueOptionsFor(resolved));
    } catch (error) {
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
      throw error;
    }
    const queue = new RunQueue(boss, store, resolved);
    await queue.recover();
    return queue;
  }

  /**
   * Records a queued run and its job together, in `session`'s transaction when given (so the run commits with
   * whatever else the caller writes), else in one of its own.
   */
  async enqueue(run: NewSyncRun, session?: StoreSession): Promise<SyncRun> {
    const write = async (within: StoreSession): Promise<SyncRun> => {
      const created = await within.runs.create(run);
      await this.send(created.id, created.scope, within);
      return created;
    };
    return session ? write(session) : this.store.transaction(write);
  }

  /**
   * Queues the run of one scheduled tick, once cluster-wide: every replica's cron calls this with the same
   * `tickKey`, from which the job's id is derived. The run's scope is the job's singleton key already, so the
   * tick's uniqueness rides on the job id instead: the first replica's insert wins, and another replica's
   * insert of the same id does nothing (pg-boss inserts ON CONFLICT DO NOTHING; a concurrent one waits for the
   * first transaction and then finds the row) — that replica gets null and records no run.
   */
  async enqueueTick(run: NewSyncRun, tickKey: string): Promise<SyncRun | null> {
    const id = uuidV5(tickKey, TICK_NAMESPACE);
    return this.store.transaction(async (session) => {
      const jobId = await this.send(id, run.scope, session);
      if (jobId === null) return null;
      return session.runs.create(run, { id, scheduleKey: tickKey });
    });
  }

  /**
   * Executes runs as their jobs come: one at a time in this process. `handler` executes one attempt of a
   * run; it resolves when the run's outcome is recorded, or throws RetryRunLater (or anything) to have the job
   * retried after backoff — unless that was the last attempt, when the dead-letter worker records the run as
   * failed with the reason the run's `error` holds.
   */
  async work(handler: (attempt: RunAttempt) => Promise<void>): Promise<void> {
    await this.boss.work(
      RUN_QUEUE,
      {
        includeMetadata: true,
        batchSize: 1,
        localConcurrency: 1,
        pollingIntervalSeconds: this.options.pollingSeconds,
        notifyPollingIntervalSeconds: this.options.pollingSeconds,
      },
      async ([job]: JobWithMetadata<RunJobData>[]) => {
        if (!job) return;
        await handler({ runId: job.data.runId, attempt: job.retryCount, last: job.retryCount >= job.retryLimit });
      },
    );
    await this.boss.work(
      RUN_DEAD_LETTER_QUEUE,
      { pollingIntervalSeconds: Math.max(this.options.pollingSeconds, 5) },
      async ([job]: Job<RunJobData>[]) => {
        if (!job) return;
        const run = await this.store.runs.get(job.data.runId);
        if (!run || !['queued', 'running'].includes(run.status)) return;
        const attempts = this.options.retryLimit + 1;
        const reason = run.error ?? 'its worker stopped sending heartbeats each time (the process died or hung)';
        await this.store.runs.fail(run.id, `gave up after ${attempts} attempts: ${reason}`);
      },
    );
  }

  /**
   * Stops taking jobs in this process and waits up to `graceMs` for the run in progress to finish. Runs can
   * still be queued (by this process too); other replicas execute them.
   */
  async stopWorking(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([
      Promise.all([this.boss.offWork(RUN_QUEUE, { wait: true }), this.boss.offWork(RUN_DEAD_LETTER_QUEUE)]),
      grace,
    ]);
    clearTimeout(timer);
  }

  /**
   * Stops taking jobs, waits up to `graceMs` for the run in progress to finish, and closes pg-boss's
   * connections. A run still going then is left to its job's retry (its heartbeat stops with this process).
   */
  async stop(graceMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.boss.stop({ graceful: true, timeout: graceMs, close: true });
  }

  /**
   * Every unfinished run has a job: a run queued or running without one (queued by a version of the gateway
   * before the run queue, or whose job pg-boss's retention removed) gets one again. Sending with the run's id
   * does nothing when the job exists, so this is safe to run on every start, on every replica at once.
   */
  private async recover(): Promise<void> {
    for (const run of await this.store.runs.unfinished()) await this.send(run.id, run.scope, this.store);
  }

  private send(runId: string, scope: RunScope, session: StoreSession): Promise<string | null> {
    const data: RunJobData = { runId };
    return this.boss.send(RUN_QUEUE, data, { id: runId, singletonKey: scope, db: session.sqlExecutor() });
  }
}

function bossConnection(store: MappingStore) {
  return {
    connectionString: store.connectionUrl,
    schema: RUN_QUEUE_SCHEMA,
    application_name: 'attendance-sync-gateway/run-queue',
    max: 4,
    // The gateway's cron is @nestjs/schedule's (SYNC_CRON, to the second); pg-boss's minute cron is unused.
    schedule: false,
  };
}

function queueOptionsFor(options: { heartbeatSeconds: number; retryLimit: number; retryDelaySeconds: number }) {
  return {
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: MAX_ACTIVE_SECONDS,
    heartbeatSeconds: options.heartbeatSeconds,
  };
}

async function createQueues(boss: PgBoss, options: ReturnType<typeof queueOptionsFor>): Promise<void> {
  await boss.createQueue(RUN_DEAD_LETTER_QUEUE, { policy: 'standard', retryLimit: 5, retryBackoff: true });
  await boss.createQueue(RUN_QUEUE, {
    ...options,
    policy: 'singleton',
    deadLetter: RUN_DEAD_LETTER_QUEUE,
    notify: true,
  });
  // create_queue keeps an existing queue as it was; the settings of this start-up's configuration win.
  await boss.updateQueue(RUN_QUEUE, { ...options, notify: true });
}
