import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import type { MappingStore, SyncRunItem } from './index.js';
import { pairIntent, pairSynced } from '../../../test/support/group-links.js';

// Run attempts (sync_runs.attempt: which attempt of the run's job executes it), event-run joins and the
// group-link target resets, against the real database the environment names (embedded by default, PostgreSQL
// with DATABASE_URL). The run queue's jobs are run-queue.spec.ts's.

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

async function queuedRun(): Promise<string> {
  const run = await store.runs.create({
    direction: 'feishu_to_wecom',
    scope: 'rules',
    dryRun: false,
    triggeredBy: 'api',
    params: {},
  });
  return run.id;
}

const anItem: SyncRunItem = { sourceId: 'g-1', targetId: 'r-1', action: 'updated', losses: [], error: null };

beforeEach(async () => {
  await sql(`DELETE FROM "sync_runs"`);
});

describe('run attempts', () => {
  it('begin: queued → running under the attempt, keeping the first start time across attempts', async () => {
    const id = await queuedRun();
    const first = await store.runs.begin(id, 0, new Date('2026-12-01T01:00:00Z'));
    expect(first).toMatchObject({ id, status: 'running', attempt: 0, startedAt: new Date('2026-12-01T01:00:00Z') });
    // The attempt's process died; the job's retry begins the still-running run again.
    const second = await store.runs.begin(id, 1, new Date('2026-12-01T01:05:00Z'));
    expect(second).toMatchObject({ id, status: 'running', attempt: 1, startedAt: new Date('2026-12-01T01:00:00Z') });
  });

  it('begin: a finished or unknown run is not begun (its job has nothing left to do)', async () => {
    const id = await queuedRun();
    await store.runs.begin(id, 0);
    await store.runs.finish(id, { status: 'succeeded', attempt: 0 });
    expect(await store.runs.begin(id, 1)).toBeNull();
    expect((await store.runs.get(id))?.status).toBe('succeeded');
    expect(await store.runs.begin('00000000-0000-4000-8000-000000000000', 0)).toBeNull();
  });

  it('finish: only the attempt the run is under records the outcome; a superseded one is refused, writing nothing', async () => {
    const id = await queuedRun();
    await store.runs.begin(id, 0);
    await store.runs.begin(id, 1);
    await expect(
      store.runs.finish(id, { status: 'failed', error: 'late', items: [anItem], attempt: 0 }),
    ).rejects.toThrow(/not running under this attempt/);
    expect(await store.runs.get(id)).toMatchObject({ status: 'running', error: null, items: [] });
    const finished = await store.runs.finish(id, { status: 'succeeded', items: [anItem], attempt: 1 });
    expect(finished).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect(finished.summary.updated).toBe(1);
  });

  it('requeue: the attempt it is under sends the run back to queued with the reason; another attempt cannot', async () => {
    const id = await queuedRun();
    await store.runs.begin(id, 2);
    expect(await store.runs.requeue(id, 1, 'stale attempt')).toBe(false);
    expect(await store.runs.requeue(id, 2, 'WeCom transient: system busy')).toBe(true);
    expect(await store.runs.get(id)).toMatchObject({ status: 'queued', error: 'WeCom transient: system busy' });
    // Not running any more: nothing to requeue.
    expect(await store.runs.requeue(id, 2, 'again')).toBe(false);
  });

  it('unfinished: queued and running runs, oldest first, with their scope', async () => {
    const done = await queuedRun();
    await store.runs.begin(done, 0);
    await store.runs.finish(done, { status: 'succeeded' });
    const queued = await queuedRun();
    const running = await queuedRun();
    await store.runs.begin(running, 0);
    await sql(`UPDATE "sync_runs" SET "queued_at" = now() - interval '1 hour' WHERE "id" = $1`, [running]);
    expect(await store.runs.unfinished()).toEqual([
      { id: running, scope: 'rules' },
      { id: queued, scope: 'rules' },
    ]);
  });

  it('create with an id and a schedule key records both', async () => {
    const id = '7d0c2b1a-9e8f-5a6b-8c7d-6e5f4a3b2c1d';
    const run = await store.runs.create(
      { direction: 'two_way', scope: 'rosters', dryRun: false, triggeredBy: 'schedule', params: {} },
      { id, scheduleKey: 'rosters@2026-12-05T01:00:00.000Z' },
    );
    expect(run).toMatchObject({ id, scheduleKey: 'rosters@2026-12-05T01:00:00.000Z', status: 'queued', attempt: 0 });
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

  it('never joins a run its job has begun', async () => {
    const queued = await store.runs.create({ ...eventRun, params: { userIds: ['u1'], ...window } });
    expect((await store.runs.begin(queued.id, 0))?.id).toBe(queued.id);
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

  it('concurrent joins and begins: every user lands in exactly one run, and no begun run changes after it began', async () => {
    const firstRun = await store.runs.create({ ...eventRun, params: { userIds: ['u0'], ...window } });
    const users = Array.from({ length: 30 }, (_, index) => `u${index + 1}`);
    const claimedParams = new Map<string, readonly string[]>();
    await Promise.all([
      ...users.map(async (user) => {
        const joined = await store.runs.joinQueuedEventRun({ ...eventRun, ...window }, user, 1000);
        if (!joined) await store.runs.create({ ...eventRun, params: { userIds: [user], ...window } });
      }),
      ...Array.from({ length: 5 }, async () => {
        // As the run's job does: begin the oldest queued run of the window (the one events join).
        const [oldest] = await sql<{ id: string }>(
          `SELECT "id" FROM "sync_runs" WHERE "status" = 'queued' ORDER BY "queued_at", "id" LIMIT 1`,
        );
        const begun = await store.runs.begin(oldest?.id ?? firstRun.id, 0);
        if (begun && !claimedParams.has(begun.id)) claimedParams.set(begun.id, begun.params.userIds ?? []);
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
      pairIntent(
        direction === 'feishu_to_wecom'
          ? { direction, feishuGroupId: `fg-${suffix}`, feishuGroupName: `Group ${suffix}` }
          : { direction, wecomRuleId: `wr-${suffix}`, wecomRuleName: `Rule ${suffix}` },
      ),
    );
    return store.groupLinks.markSynced(
      link.id,
      pairSynced({
        feishuGroupId: `fg-${suffix}`,
        feishuGroupName: `Group ${suffix}`,
        wecomRuleId: `wr-${suffix}`,
        wecomRuleName: `Rule ${suffix}`,
        feishuHash: `fh-${suffix}`,
        wecomHash: `wh-${suffix}`,
        syncedAt: new Date(),
      }),
    );
  }

  it('resetWecomTarget clears the WeCom id and hash, records the new name, goes pending, keeps Feishu', async () => {
    const link = await syncedLink('w', 'feishu_to_wecom');
    expect(link.status).toBe('active');

    const reset = await store.groupLinks.resetTarget(link.id, 'wecom', 'Group w (gateway)');
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

    const reset = await store.groupLinks.resetTarget(link.id, 'feishu', 'Rule f (gateway)');
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
    await expect(store.groupLinks.resetTarget(missing, 'wecom', 'x')).rejects.toThrow(/group link not found/);
    await expect(store.groupLinks.resetTarget(missing, 'feishu', 'x')).rejects.toThrow(/group link not found/);
  });
});
