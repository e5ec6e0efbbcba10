import { openTestStore, type TestStore } from '../../../../test/support/test-database.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import type { MappingStore, NewSyncRun, SyncRun } from '../index.js';
import { RetryRunLater, RUN_QUEUE, RUN_QUEUE_SCHEMA, RunQueue, type RunAttempt } from './run-queue.js';

// The run queue on pg-boss against the real database the environment names (embedded by default, PostgreSQL
// with DATABASE_URL): a run and its job commit together, a tick queues once however many replicas fire, the
// scope is a singleton, retries and the dead letter end in the run's status, and orphaned runs get a job.

let harness: TestStore;
let store: MappingStore;
const queues: RunQueue[] = [];

const rulesRun: NewSyncRun = {
  direction: 'feishu_to_wecom',
  scope: 'rules',
  dryRun: false,
  triggeredBy: 'api',
  params: {},
};
const tickRun: NewSyncRun = {
  direction: 'two_way',
  scope: 'rules',
  dryRun: false,
  triggeredBy: 'schedule',
  params: {},
};

/** A queue as a replica starts one; short retries so a test sees them. */
async function startQueue(options: { retryLimit?: number } = {}): Promise<RunQueue> {
  const queue = await RunQueue.start(store, {
    heartbeatSeconds: 10,
    install: true,
    retryLimit: options.retryLimit ?? 2,
    retryDelaySeconds: 1,
    pollingSeconds: 0.5,
  });
  queues.push(queue);
  return queue;
}

async function jobsOf(runId: string): Promise<{ state: string; retry_count: number; singleton_key: string }[]> {
  return harness.sql(
    `SELECT "state", "retry_count", "singleton_key" FROM "${RUN_QUEUE_SCHEMA}"."job" WHERE "name" = $1 AND "id" = $2`,
    [RUN_QUEUE, runId],
  );
}

const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000) =>
  waitFor(what, probe, { timeoutMs, intervalMs: 100 });

const finalRun = (id: string) => async (): Promise<SyncRun | null> => {
  const run = await store.runs.get(id);
  return run && ['succeeded', 'partial', 'failed'].includes(run.status) ? run : null;
};

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop(1_000);
  await harness.sql(`DELETE FROM "${RUN_QUEUE_SCHEMA}"."job"`).catch(() => undefined);
  await harness.sql(`DELETE FROM "sync_runs"`);
});

afterAll(async () => {
  await harness.dispose();
});

describe('RunQueue', () => {
  it('enqueue records the run and its job (id = run id, singleton key = scope) together', async () => {
    const queue = await startQueue();
    const run = await queue.enqueue(rulesRun);
    expect(run.status).toBe('queued');
    expect(await jobsOf(run.id)).toEqual([{ state: 'created', retry_count: 0, singleton_key: 'rules' }]);
  });

  it("enqueue in the caller's transaction: a rollback leaves neither the run nor its job", async () => {
    const queue = await startQueue();
    let runId = '';
    await expect(
      store.transaction(async (session) => {
        runId = (await queue.enqueue(rulesRun, session)).id;
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(runId).not.toBe('');
    expect(await store.runs.get(runId)).toBeNull();
    expect(await jobsOf(runId)).toEqual([]);
  });

  it('a tick queues one run however many replicas fire it at once; another tick queues another', async () => {
    const replicas = await Promise.all([startQueue(), startQueue(), startQueue()]);
    const key = 'rules@2026-12-05T01:00:00.000Z';
    const answers = await Promise.all(
      replicas.flatMap((replica) => [replica.enqueueTick(tickRun, key), replica.enqueueTick(tickRun, key)]),
    );
    const queued = answers.filter((run): run is SyncRun => run !== null);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ scheduleKey: key, triggeredBy: 'schedule', status: 'queued' });
    expect(await jobsOf(queued[0]!.id)).toHaveLength(1);
    const next = await replicas[1].enqueueTick(tickRun, 'rules@2026-12-05T01:00:05.000Z');
    expect(next?.id).not.toBe(queued[0]!.id);
    const rows = await harness.sql<{ n: string }>(`SELECT count(*) AS "n" FROM "sync_runs"`);
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('the same tick key in another scope is another run', async () => {
    const queue = await startQueue();
    const at = '2026-12-05T02:00:00.000Z';
    const rules = await queue.enqueueTick(tickRun, `rules@${at}`);
    const rosters = await queue.enqueueTick({ ...tickRun, scope: 'rosters' }, `rosters@${at}`);
    expect(rules).not.toBeNull();
    expect(rosters).not.toBeNull();
    expect(rules!.id).not.toBe(rosters!.id);
  });

  it('work: runs of one scope never overlap, runs of another scope may; every run is executed once', async () => {
    const [a, b] = await Promise.all([startQueue(), startQueue()]);
    const active = new Map<string, number>();
    let overlapSameScope = 0;
    const executed: string[] = [];
    const handler = async ({ runId, attempt }: RunAttempt): Promise<void> => {
      const run = (await store.runs.begin(runId, attempt))!;
      const now = (active.get(run.scope) ?? 0) + 1;
      active.set(run.scope, now);
      if (now > 1) overlapSameScope += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
      active.set(run.scope, now - 1);
      executed.push(runId);
      await store.runs.finish(runId, { status: 'succeeded', attempt });
    };
    await a.work(handler);
    await b.work(handler);
    const runs = [
      await a.enqueue(rulesRun),
      await b.enqueue(rulesRun),
      await a.enqueue(rulesRun),
      await b.enqueue({ ...rulesRun, scope: 'punches' }),
    ];
    for (const run of runs) await until(`run ${run.id} to finish`, finalRun(run.id));
    expect(overlapSameScope).toBe(0);
    expect([...executed].sort()).toEqual(runs.map((run) => run.id).sort());
  });

  it('a handler that asks to retry gets another attempt, numbered, after which the run finishes', async () => {
    const queue = await startQueue();
    const attempts: number[] = [];
    await queue.work(async ({ runId, attempt, last }) => {
      attempts.push(attempt);
      await store.runs.begin(runId, attempt);
      if (attempt === 0) {
        expect(last).toBe(false);
        await store.runs.requeue(runId, attempt, 'WeCom transient: system busy');
        throw new RetryRunLater('WeCom transient: system busy');
      }
      await store.runs.finish(runId, { status: 'succeeded', attempt });
    });
    const run = await queue.enqueue(rulesRun);
    const finished = await until('the retried run to finish', finalRun(run.id));
    expect(attempts).toEqual([0, 1]);
    expect(finished).toMatchObject({ status: 'succeeded', attempt: 1 });
  });

  it('a run whose every attempt fails ends failed, by the dead-letter worker, with the last reason', async () => {
    const queue = await startQueue({ retryLimit: 1 });
    const lasts: boolean[] = [];
    await queue.work(async ({ runId, attempt, last }) => {
      lasts.push(last);
      await store.runs.begin(runId, attempt);
      await store.runs.requeue(runId, attempt, `attempt ${attempt}: WeCom unreachable`);
      throw new RetryRunLater('WeCom unreachable');
    });
    const run = await queue.enqueue(rulesRun);
    const failed = await until('the dead letter to fail the run', finalRun(run.id), 40_000);
    expect(lasts).toEqual([false, true]);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('gave up after 2 attempts: attempt 1: WeCom unreachable');
  });

  it('start gives an unfinished run without a job (an older gateway queued it) its job, once', async () => {
    // The queue's schema as a deployment's migrate step leaves it, with no queue started yet: the test builds
    // it itself, so it runs alone too (not after a test whose queue installed it).
    await RunQueue.install(store);
    const orphan = await store.runs.create(rulesRun);
    const running = await store.runs.create({ ...rulesRun, scope: 'rosters' });
    await store.runs.begin(running.id, 0);
    expect(await jobsOf(orphan.id)).toEqual([]);
    await startQueue();
    await startQueue();
    expect(await jobsOf(orphan.id)).toEqual([{ state: 'created', retry_count: 0, singleton_key: 'rules' }]);
    expect(await jobsOf(running.id)).toEqual([{ state: 'created', retry_count: 0, singleton_key: 'rosters' }]);
  });

  it('refuses a heartbeat below pg-boss minimum', async () => {
    await expect(RunQueue.start(store, { heartbeatSeconds: 5, install: true })).rejects.toThrow(/≥ 10/);
  });
});
