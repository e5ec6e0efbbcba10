import { TestClock } from 'pg-boss';
import { openTestStore, type TestStore } from '../../../../test/support/test-database.js';
import { waitFor } from '../../../../test/support/wait-for.js';
import type { MappingStore, NewSyncRun, SyncRun } from '../index.js';
import { RUN_QUEUE, RUN_QUEUE_SCHEMA, RunQueue, type RunAttempt } from './run-queue.js';

// The takeover of a run whose worker stopped mid-run (issue #22, "no timing luck"; QUALITY.md, Leases), on
// pg-boss's TestClock instead of real waits: pg-boss's timers (heartbeats, polling, the supervisor) run on
// the clock, and its TestClock also sets what `job_now()` answers in pg-boss's own sessions, which is the
// time the supervisor compares a job's heartbeat with. Worker A's queue has a clock of its own that is never
// advanced once A has taken the run: none of A's timers fire again, so A sends no heartbeat and never polls,
// as a process that was killed or hung. Worker B's clock is the one ticked; both clocks write the same
// clock row in pg-boss's schema, so B's ticks are the database's time for both.

/** Not the minimum (10 s), so a queue that used the minimum instead of its setting is caught below. */
const TAKEOVER_SECONDS = 20;

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

/** A queue as a replica starts one, on `clock`; short retries and polling so a few ticks reach them. */
async function startQueue(clock: TestClock): Promise<RunQueue> {
  const queue = await RunQueue.start(store, {
    heartbeatSeconds: TAKEOVER_SECONDS,
    install: true,
    retryLimit: 2,
    retryDelaySeconds: 1,
    pollingSeconds: 0.5,
    clock,
  });
  queues.push(queue);
  return queue;
}

async function jobOf(runId: string): Promise<{ state: string; retry_count: number } | undefined> {
  const rows = await harness.sql<{ state: string; retry_count: number }>(
    `SELECT "state", "retry_count" FROM "${RUN_QUEUE_SCHEMA}"."job" WHERE "name" = $1 AND "id" = $2`,
    [RUN_QUEUE, runId],
  );
  return rows[0];
}

/** Waits for what a handler does after a tick (a tick waits for pg-boss's statements, not for handlers). */
const patience = { timeoutMs: 20_000, intervalMs: 50 };

const finalRun = (id: string) => async (): Promise<SyncRun | null> => {
  const run = await store.runs.get(id);
  return run && ['succeeded', 'partial', 'failed'].includes(run.status) ? run : null;
};

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterEach(async () => {
  // B (started last) first: stopping a queue with a TestClock restores `job_now()` for the whole schema.
  for (const queue of queues.splice(0).reverse()) await queue.stop(1_000);
});

afterAll(async () => {
  await harness.dispose();
});

describe('RunQueue takeover on a test clock', () => {
  it('a run whose worker stopped sending heartbeats is taken over once they are stale, not before', async () => {
    const clockA = new TestClock();
    const clockB = new TestClock();
    const a = await startQueue(clockA);
    const b = await startQueue(clockB);
    const run = await a.enqueue(rulesRun);

    // The job was inserted on the store's connection, which reads the real time (pg-boss turns its clock on
    // only in its own sessions); both clocks move to just after the moment the job became due (1 ms after:
    // PostgreSQL keeps microseconds, a Date milliseconds), so it can be fetched.
    const [due] = await harness.sql<{ start_after: Date }>(
      `SELECT "start_after" FROM "${RUN_QUEUE_SCHEMA}"."job" WHERE "name" = $1 AND "id" = $2`,
      [RUN_QUEUE, run.id],
    );
    const start = due!.start_after.getTime() + 1;
    await clockA.setTime(start);
    await clockB.setTime(start);

    const takenByA: RunAttempt[] = [];
    await a.work(async (attempt) => {
      takenByA.push(attempt);
      await store.runs.begin(attempt.runId, attempt.attempt);
      // Never finishes: A stops here, and its clock is not advanced again, so no heartbeat follows.
      await new Promise<never>(() => undefined);
    });
    await waitFor(
      'worker A to take the run',
      async () => (await store.runs.get(run.id))?.status === 'running',
      patience,
    );
    expect(takenByA).toEqual([{ runId: run.id, attempt: 0, last: false }]);

    const takenByB: RunAttempt[] = [];
    await b.work(async (attempt) => {
      takenByB.push(attempt);
      await store.runs.begin(attempt.runId, attempt.attempt);
      await store.runs.finish(attempt.runId, { status: 'succeeded', attempt: attempt.attempt });
    });

    // A second short of the takeover: B's supervisor and polls have run (tick waits for pg-boss's statements
    // to finish) and the job is still A's first attempt.
    await clockB.tick((TAKEOVER_SECONDS - 1) * 1_000);
    expect(await jobOf(run.id)).toEqual({ state: 'active', retry_count: 0 });
    expect(takenByB).toEqual([]);

    // Past it by more than a supervisor interval (TAKEOVER_SECONDS / 4), the first retry's delay (1–2 s with
    // backoff and jitter) and a poll (0.5 s): the supervisor has failed the stale job and B has fetched its retry.
    await clockB.tick(11 * 1_000);
    await waitFor('worker B to take the run over', () => takenByB.length > 0, patience);
    const finished = await waitFor('the run taken over to finish', finalRun(run.id), patience);
    expect(takenByB).toEqual([{ runId: run.id, attempt: 1, last: false }]);
    expect(finished).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect(takenByA).toHaveLength(1);
  });
});
