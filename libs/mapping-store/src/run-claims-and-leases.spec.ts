import { setTimeout as delay } from 'node:timers/promises';
import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import type { MappingStore, SyncRunItem } from './index.js';

// Run claims (sync_runs.worker_id / heartbeat_at), leases (sync_leases) and the group-link target resets,
// against the real database the environment names (embedded by default, PostgreSQL with DATABASE_URL).

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

function sql<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
  return harness.sql<T>(statement, params);
}

const STALE_MS = 60_000;

/** A queued rules run, queued at `queuedAt` (set explicitly, so "oldest" never depends on clock resolution). */
async function queuedRun(queuedAt: Date): Promise<string> {
  const run = await store.runs.create({
    direction: 'feishu_to_wecom',
    scope: 'rules',
    dryRun: false,
    triggeredBy: 'api',
    params: {},
  });
  await sql(`UPDATE "sync_runs" SET "queued_at" = $2 WHERE "id" = $1`, [run.id, queuedAt]);
  return run.id;
}

async function workerOf(runId: string): Promise<string | null> {
  const [row] = await sql<{ worker_id: string | null }>(`SELECT "worker_id" FROM "sync_runs" WHERE "id" = $1`, [runId]);
  return row?.worker_id ?? null;
}

/** Makes the run's last heartbeat look `agoMs` old, as if its worker had died then. */
async function heartbeatAgo(runId: string, agoMs: number): Promise<void> {
  await sql(`UPDATE "sync_runs" SET "heartbeat_at" = now() - $2 * interval '1 millisecond' WHERE "id" = $1`, [
    runId,
    agoMs,
  ]);
}

const minutesAgo = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);

const anItem: SyncRunItem = { sourceId: 'g-1', targetId: 'r-1', action: 'updated', losses: [], error: null };

beforeEach(async () => {
  await sql(`DELETE FROM "sync_runs"`);
  await sql(`DELETE FROM "sync_leases"`);
});

describe('leases', () => {
  it('a free resource is acquired, and holderOf names the holder', async () => {
    expect(await store.leases.holderOf('link:free')).toBeNull();
    expect(await store.leases.tryAcquire('link:free', 'a', 60_000)).toBe(true);
    expect(await store.leases.holderOf('link:free')).toBe('a');
  });

  it('a second holder is refused while the lease lives, and the first keeps it', async () => {
    expect(await store.leases.tryAcquire('link:busy', 'a', 60_000)).toBe(true);
    expect(await store.leases.tryAcquire('link:busy', 'b', 60_000)).toBe(false);
    expect(await store.leases.holderOf('link:busy')).toBe('a');
  });

  it('the same holder re-acquires its own lease, extending it', async () => {
    expect(await store.leases.tryAcquire('link:mine', 'a', 60_000)).toBe(true);
    const [before] = await sql<{ expires_at: Date }>(`SELECT "expires_at" FROM "sync_leases" WHERE "resource" = $1`, [
      'link:mine',
    ]);
    expect(await store.leases.tryAcquire('link:mine', 'a', 3_600_000)).toBe(true);
    const [after] = await sql<{ expires_at: Date }>(`SELECT "expires_at" FROM "sync_leases" WHERE "resource" = $1`, [
      'link:mine',
    ]);
    expect(after!.expires_at.getTime()).toBeGreaterThan(before!.expires_at.getTime() + 3_000_000);
    expect(await store.leases.holderOf('link:mine')).toBe('a');
  });

  it('a lapsed lease has no holder and is taken by another holder', async () => {
    // Long enough that the refusal below still falls inside it on a slow machine.
    expect(await store.leases.tryAcquire('link:lapse', 'a', 400)).toBe(true);
    expect(await store.leases.tryAcquire('link:lapse', 'b', 60_000)).toBe(false);
    await delay(700);
    expect(await store.leases.holderOf('link:lapse')).toBeNull();
    expect(await store.leases.tryAcquire('link:lapse', 'b', 60_000)).toBe(true);
    expect(await store.leases.holderOf('link:lapse')).toBe('b');
    expect(await store.leases.tryAcquire('link:lapse', 'a', 60_000)).toBe(false);
  });

  it('release by a non-holder does nothing; release by the holder frees the resource', async () => {
    expect(await store.leases.tryAcquire('link:rel', 'a', 60_000)).toBe(true);
    await store.leases.release('link:rel', 'b');
    expect(await store.leases.holderOf('link:rel')).toBe('a');
    expect(await store.leases.tryAcquire('link:rel', 'b', 60_000)).toBe(false);

    await store.leases.release('link:rel', 'a');
    expect(await store.leases.holderOf('link:rel')).toBeNull();
    expect(await store.leases.tryAcquire('link:rel', 'b', 60_000)).toBe(true);
  });

  it('renew extends every lease of the holder and none of anyone else', async () => {
    expect(await store.leases.tryAcquire('link:r1', 'a', 150)).toBe(true);
    expect(await store.leases.tryAcquire('link:r2', 'a', 150)).toBe(true);
    expect(await store.leases.tryAcquire('link:r3', 'b', 150)).toBe(true);

    expect(await store.leases.renew('a', 60_000)).toBe(2);
    await delay(400);

    expect(await store.leases.holderOf('link:r1')).toBe('a');
    expect(await store.leases.holderOf('link:r2')).toBe('a');
    expect(await store.leases.holderOf('link:r3')).toBeNull();
    expect(await store.leases.tryAcquire('link:r1', 'c', 60_000)).toBe(false);
    expect(await store.leases.tryAcquire('link:r3', 'c', 60_000)).toBe(true);
    expect(await store.leases.renew('nobody', 60_000)).toBe(0);
  });
});

describe('run claims', () => {
  it('claims the oldest queued run: running, with its worker, heartbeat and start time', async () => {
    const finished = await queuedRun(minutesAgo(30));
    await store.runs.fail(finished, 'could not start');
    const newest = await queuedRun(minutesAgo(1));
    const oldest = await queuedRun(minutesAgo(20));
    const middle = await queuedRun(minutesAgo(10));

    const claimed = await store.runs.claimNext('w1', STALE_MS);
    expect(claimed).toMatchObject({ id: oldest, status: 'running' });
    expect(claimed!.startedAt).toBeInstanceOf(Date);
    const [row] = await sql<{ worker_id: string; heartbeat_at: Date | null }>(
      `SELECT "worker_id", "heartbeat_at" FROM "sync_runs" WHERE "id" = $1`,
      [oldest],
    );
    expect(row!.worker_id).toBe('w1');
    expect(row!.heartbeat_at).toBeInstanceOf(Date);

    expect((await store.runs.claimNext('w2', STALE_MS))?.id).toBe(middle);
    expect((await store.runs.claimNext('w1', STALE_MS))?.id).toBe(newest);
    expect(await store.runs.claimNext('w3', STALE_MS)).toBeNull();
    expect((await store.runs.get(finished))?.status).toBe('failed');
  });

  it('concurrent claims never return the same run, and every queued run is claimed once', async () => {
    for (let round = 0; round < 3; round++) {
      await sql(`DELETE FROM "sync_runs"`);
      const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => queuedRun(minutesAgo(10 - i))));
      const workers = Array.from({ length: 8 }, (_, i) => `w${round}-${i}`);
      const claims = await Promise.all(workers.map((worker) => store.runs.claimNext(worker, STALE_MS)));

      const claimedIds = claims.flatMap((run) => (run ? [run.id] : []));
      expect(new Set(claimedIds).size).toBe(claimedIds.length);
      expect([...claimedIds].sort()).toEqual([...ids].sort());
      // Each run's recorded worker is the one whose claim returned it.
      for (const [i, run] of claims.entries()) {
        if (run) expect(await workerOf(run.id)).toBe(workers[i]);
      }
    }
  });

  it('takes over a running run whose heartbeat is stale, keeping its start time', async () => {
    const id = await queuedRun(minutesAgo(5));
    const first = await store.runs.claimNext('w-old', STALE_MS);
    expect(first?.id).toBe(id);
    await heartbeatAgo(id, STALE_MS + 30_000);

    const second = await store.runs.claimNext('w-new', STALE_MS);
    expect(second).toMatchObject({ id, status: 'running' });
    expect(second!.startedAt).toEqual(first!.startedAt);
    expect(await workerOf(id)).toBe('w-new');
  });

  it('does not take over a running run whose heartbeat is fresh', async () => {
    const id = await queuedRun(minutesAgo(5));
    expect((await store.runs.claimNext('w-old', STALE_MS))?.id).toBe(id);
    await heartbeatAgo(id, STALE_MS - 30_000);

    expect(await store.runs.claimNext('w-new', STALE_MS)).toBeNull();
    expect(await workerOf(id)).toBe('w-old');
    expect(await store.runs.heartbeat(id, 'w-old')).toBe(true);
  });

  it('heartbeat refreshes the running worker and returns false once the run was taken over', async () => {
    const id = await queuedRun(minutesAgo(5));
    await store.runs.claimNext('w-old', STALE_MS);
    await heartbeatAgo(id, STALE_MS + 30_000);
    expect(await store.runs.heartbeat(id, 'w-old')).toBe(true);
    // The heartbeat made it fresh again: no takeover.
    expect(await store.runs.claimNext('w-new', STALE_MS)).toBeNull();

    await heartbeatAgo(id, STALE_MS + 30_000);
    expect((await store.runs.claimNext('w-new', STALE_MS))?.id).toBe(id);
    expect(await store.runs.heartbeat(id, 'w-old')).toBe(false);
    expect(await store.runs.heartbeat(id, 'w-new')).toBe(true);
  });

  it('heartbeat returns false for a run that is not running', async () => {
    const id = await queuedRun(minutesAgo(5));
    expect(await store.runs.heartbeat(id, 'w1')).toBe(false);
    await store.runs.claimNext('w1', STALE_MS);
    await store.runs.finish(id, { status: 'succeeded', workerId: 'w1' });
    expect(await store.runs.heartbeat(id, 'w1')).toBe(false);
  });

  it('finish by the worker that lost the run fails and writes nothing; the new worker finishes it', async () => {
    const id = await queuedRun(minutesAgo(5));
    await store.runs.claimNext('w-old', STALE_MS);
    await heartbeatAgo(id, STALE_MS + 30_000);
    await store.runs.claimNext('w-new', STALE_MS);

    await expect(
      store.runs.finish(id, { status: 'failed', error: 'late', items: [anItem], workerId: 'w-old' }),
    ).rejects.toThrow(/not running under this worker/);
    const untouched = await store.runs.get(id);
    expect(untouched).toMatchObject({ status: 'running', error: null, finishedAt: null, items: [] });
    expect(await workerOf(id)).toBe('w-new');

    const finished = await store.runs.finish(id, { status: 'succeeded', items: [anItem], workerId: 'w-new' });
    expect(finished).toMatchObject({ status: 'succeeded', error: null });
    expect(finished.finishedAt).toBeInstanceOf(Date);
    expect(finished.summary.updated).toBe(1);
    expect((await store.runs.get(id))?.items).toEqual([anItem]);
  });

  it('countWaiting counts queued runs and running runs with a stale heartbeat only', async () => {
    expect(await store.runs.countWaiting(STALE_MS)).toBe(0);
    await queuedRun(minutesAgo(9));
    await queuedRun(minutesAgo(8));
    const fresh = await queuedRun(minutesAgo(7));
    const stale = await queuedRun(minutesAgo(6));
    const done = await queuedRun(minutesAgo(10));
    await store.runs.fail(done, 'could not start');
    await sql(
      `UPDATE "sync_runs" SET "status" = 'running', "worker_id" = 'w', "heartbeat_at" = now(), "started_at" = now()
       WHERE "id" IN ($1, $2)`,
      [fresh, stale],
    );
    await heartbeatAgo(stale, STALE_MS + 30_000);

    expect(await store.runs.countWaiting(STALE_MS)).toBe(3);
    // With a longer patience the stale one is not waiting yet.
    expect(await store.runs.countWaiting(STALE_MS * 10)).toBe(2);
  });
});

describe('punch event runs join a queued one', () => {
  const eventRun = { direction: 'feishu_to_wecom', scope: 'punches', dryRun: false, triggeredBy: 'event' } as const;
  const window = { from: '2026-11-20', to: '2026-11-20' };

  it('adds the user to the queued event run of the same window, once; another window or a full run is not joined', async () => {
    const first = await store.runs.create({ ...eventRun, params: { userIds: ['u1'], ...window } });
    const joined = await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, 'u2', 3);
    expect(joined?.id).toBe(first.id);
    expect((await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, 'u2', 3))?.id).toBe(first.id);
    expect((await store.runs.get(first.id))?.params).toEqual({ userIds: ['u1', 'u2'], ...window });
    // Another day, an API run, or a run at its limit: nothing to join.
    expect(await store.runs.joinQueuedEventRun({ ...eventRun, from: '2026-11-21', to: '2026-11-21' }, 'u3', 3)).toBe(
      null,
    );
    expect(await store.runs.joinQueuedEventRun({ ...eventRun, triggeredBy: 'api', ...window }, 'u3', 3)).toBe(null);
    await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, 'u3', 3);
    expect(await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, 'u4', 3)).toBe(null);
    expect((await store.runs.get(first.id))?.params.userIds).toEqual(['u1', 'u2', 'u3']);
  });

  it('never joins a run a worker has claimed', async () => {
    const queued = await store.runs.create({ ...eventRun, params: { userIds: ['u1'], ...window } });
    expect((await store.runs.claimNext('w1', STALE_MS))?.id).toBe(queued.id);
    expect(await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, 'u2', 10)).toBe(null);
    expect((await store.runs.get(queued.id))?.params.userIds).toEqual(['u1']);
  });

  it('concurrent events of one day, each in its own transaction (join, else create): one run holds them all', async () => {
    const users = Array.from({ length: 25 }, (_, index) => `t${index}`);
    await Promise.all(
      users.map((user) =>
        store.transaction(async (session) => {
          const joined = await session.runs.joinQueuedEventRun({ ...eventRun, ...window }, user, 1000);
          if (!joined) await session.runs.create({ ...eventRun, params: { userIds: [user], ...window } });
        }),
      ),
    );
    const runs = await sql<{ params: { userIds: string[] } }>(`SELECT "params" FROM "sync_runs"`);
    expect(runs).toHaveLength(1);
    expect([...runs[0]!.params.userIds].sort()).toEqual([...users].sort());
  });

  it('concurrent joins and claims: every user lands in exactly one run, and no claimed run changes after its claim', async () => {
    await store.runs.create({ ...eventRun, params: { userIds: ['u0'], ...window } });
    const users = Array.from({ length: 30 }, (_, index) => `u${index + 1}`);
    const claimedParams = new Map<string, readonly string[]>();
    await Promise.all([
      ...users.map(async (user) => {
        const joined = await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, user, 1000);
        if (!joined) await store.runs.create({ ...eventRun, params: { userIds: [user], ...window } });
      }),
      ...Array.from({ length: 5 }, async () => {
        const claimed = await store.runs.claimNext('w1', STALE_MS);
        if (claimed) claimedParams.set(claimed.id, claimed.params.userIds ?? []);
      }),
    ]);
    const runs = await sql<{ id: string; params: { userIds: string[] } }>(`SELECT "id", "params" FROM "sync_runs"`);
    const everyone = runs.flatMap((run) => run.params.userIds).sort();
    expect(everyone).toEqual(['u0', ...users].sort());
    for (const [id, userIds] of claimedParams) {
      expect(runs.find((run) => run.id === id)?.params.userIds).toEqual(userIds);
    }
  });
});

describe('group link target resets', () => {
  async function syncedLink(suffix: string, direction: 'feishu_to_wecom' | 'wecom_to_feishu') {
    const link = await store.groupLinks.recordIntent(
      direction === 'feishu_to_wecom'
        ? { direction, feishuGroupId: `fg-${suffix}`, feishuGroupName: `Group ${suffix}` }
        : { direction, wecomRuleId: `wr-${suffix}`, wecomRuleName: `Rule ${suffix}` },
    );
    return store.groupLinks.markSynced(link.id, {
      feishuGroupId: `fg-${suffix}`,
      feishuGroupName: `Group ${suffix}`,
      wecomRuleId: `wr-${suffix}`,
      wecomRuleName: `Rule ${suffix}`,
      feishuHash: `fh-${suffix}`,
      wecomHash: `wh-${suffix}`,
      syncedAt: new Date(),
    });
  }

  it('resetWecomTarget clears the WeCom id and hash, records the new name, goes pending, keeps Feishu', async () => {
    const link = await syncedLink('w', 'feishu_to_wecom');
    expect(link.status).toBe('active');

    const reset = await store.groupLinks.resetWecomTarget(link.id, 'Group w (gateway)');
    expect(reset).toMatchObject({
      id: link.id,
      status: 'pending',
      wecomRuleId: null,
      wecomHash: null,
      wecomRuleName: 'Group w (gateway)',
      feishuGroupId: 'fg-w',
      feishuGroupName: 'Group w',
      feishuHash: 'fh-w',
      direction: 'feishu_to_wecom',
    });
    expect(await store.groupLinks.findById(link.id)).toEqual(reset);
    expect(await store.groupLinks.findByWecomRuleId('wr-w')).toBeNull();
    expect((await store.groupLinks.findByFeishuGroupId('fg-w'))?.id).toBe(link.id);
  });

  it('resetFeishuTarget clears the Feishu id and hash, records the new name, goes pending, keeps WeCom', async () => {
    const link = await syncedLink('f', 'wecom_to_feishu');
    expect(link.status).toBe('active');

    const reset = await store.groupLinks.resetFeishuTarget(link.id, 'Rule f (gateway)');
    expect(reset).toMatchObject({
      id: link.id,
      status: 'pending',
      feishuGroupId: null,
      feishuHash: null,
      feishuGroupName: 'Rule f (gateway)',
      wecomRuleId: 'wr-f',
      wecomRuleName: 'Rule f',
      wecomHash: 'wh-f',
      direction: 'wecom_to_feishu',
    });
    expect(await store.groupLinks.findById(link.id)).toEqual(reset);
    expect(await store.groupLinks.findByFeishuGroupId('fg-f')).toBeNull();
    expect((await store.groupLinks.findByWecomRuleId('wr-f'))?.id).toBe(link.id);
  });

  it('resetting an unknown link fails', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(store.groupLinks.resetWecomTarget(missing, 'x')).rejects.toThrow(/group link not found/);
    await expect(store.groupLinks.resetFeishuTarget(missing, 'x')).rejects.toThrow(/group link not found/);
  });
});
