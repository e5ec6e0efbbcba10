import { QueryFailedError } from 'typeorm';
import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import {
  CursorMovedError,
  DuplicateInBatchError,
  MappingConflictError,
  type MappingStore,
  type ShiftLink,
  type SyncRunItem,
} from './index.js';
import { pairIntent, pairSynced } from '../../../test/support/group-links.js';

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

async function newRunId(): Promise<string> {
  const run = await store.runs.create({
    direction: 'feishu_to_wecom',
    scope: 'rules',
    dryRun: false,
    triggeredBy: 'api',
    params: {},
  });
  return run.id;
}

// What the migrations leave (columns, types, CHECK value lists) is held against the code in schema.spec.ts.
describe('migrations', () => {
  it('reverts every migration and re-applies them cleanly', async () => {
    const dataSource = (store as unknown as { dataSource: import('typeorm').DataSource }).dataSource;
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(true);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});

describe('natural keys reject duplicates', () => {
  // Each row: the constraint, then a statement that must succeed once and fail the second time.
  const cases: [string, string, (ctx: { runId: string; linkId: string }) => unknown[]][] = [
    // A Feishu group id, and a WeCom rule id, belongs to one link (each statement makes a new link).
    [
      'uq_link_sides_external_id',
      `WITH link AS (INSERT INTO links (scope, direction) VALUES ('rule', 'feishu_to_wecom') RETURNING id, scope)
       INSERT INTO link_sides (link_id, scope, vendor, external_id) SELECT id, scope, 'feishu', 'g-dup' FROM link`,
      () => [],
    ],
    [
      'uq_link_sides_external_id',
      `WITH link AS (INSERT INTO links (scope, direction) VALUES ('rule', 'wecom_to_feishu') RETURNING id, scope)
       INSERT INTO link_sides (link_id, scope, vendor, external_id) SELECT id, scope, 'wecom', 'r-dup' FROM link`,
      () => [],
    ],
    [
      'pk_link_sides',
      `INSERT INTO link_sides (link_id, scope, vendor, name) VALUES ($1, 'rule', 'wecom', 'a second WeCom side')`,
      ({ linkId }) => [linkId],
    ],
    // A vendor's shift object belongs to one shift link of a group link (each statement makes a new shift link).
    [
      'uq_shift_link_sides_item',
      `WITH link AS (INSERT INTO shift_links (group_link_id) VALUES ($1) RETURNING id, group_link_id)
       INSERT INTO shift_link_sides (shift_link_id, group_link_id, vendor, kind, key)
       SELECT id, group_link_id, 'feishu', 'shift', 's-dup' FROM link`,
      ({ linkId }) => [linkId],
    ],
    // One side per vendor: the one shift link (its id made from the group link's) gets a second WeCom side.
    [
      'pk_shift_link_sides',
      `WITH link AS (
         INSERT INTO shift_links (id, group_link_id) VALUES (md5($1::text)::uuid, $1::uuid)
         ON CONFLICT (id) DO UPDATE SET updated_at = now() RETURNING id, group_link_id
       )
       INSERT INTO shift_link_sides (shift_link_id, group_link_id, vendor, kind, key)
       SELECT id, group_link_id, 'wecom', 'schedule', gen_random_uuid()::text FROM link`,
      ({ linkId }) => [linkId],
    ],
    [
      'pk_user_mappings',
      `INSERT INTO user_mappings (feishu_user_id, wecom_user_id) VALUES ('fu-dup', gen_random_uuid()::text)`,
      () => [],
    ],
    [
      'uq_user_mappings_wecom_user_id',
      `INSERT INTO user_mappings (feishu_user_id, wecom_user_id) VALUES (gen_random_uuid()::text, 'wu-dup')`,
      () => [],
    ],
    [
      'pk_department_mappings',
      `INSERT INTO department_mappings (feishu_department_id, wecom_party_id) VALUES ('fd-dup', gen_random_uuid()::text)`,
      () => [],
    ],
    [
      'uq_department_mappings_wecom_party_id',
      `INSERT INTO department_mappings (feishu_department_id, wecom_party_id) VALUES (gen_random_uuid()::text, 'wp-dup')`,
      () => [],
    ],
    [
      'uq_punch_record_mappings_source',
      `INSERT INTO punch_record_mappings (source_vendor, source_key, user_key, punched_at) VALUES ('wecom', 'p-dup', 'u', now())`,
      () => [],
    ],
    [
      'uq_punch_record_mappings_target',
      `INSERT INTO punch_record_mappings (source_vendor, source_key, target_key, user_key, punched_at) VALUES ('wecom', gen_random_uuid()::text, 't-dup', 'u', now())`,
      () => [],
    ],
    [
      'uq_sync_run_items_source',
      `INSERT INTO sync_run_items (run_id, source_id, action) VALUES ($1, 'src-dup', 'created')`,
      ({ runId }) => [runId],
    ],
    [
      'pk_sync_cursors',
      `INSERT INTO sync_cursors (scope, direction, partition_key, position) VALUES ('punches', 'wecom_to_feishu', 'dup', '{}')`,
      () => [],
    ],
  ];

  // Two rows test one constraint (a Feishu and a WeCom side): the row number keeps each test's name its own.
  it.each(cases)('%s (row %#)', async (constraint, statement, params) => {
    const query = (statement: string, params?: unknown[]) => harness.sql(statement, params);
    const runId = await newRunId();
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: `g-${runId}` }),
    );
    const ctx = { runId, linkId: link.id };
    await query(statement, params(ctx));
    const failure = await query(statement, params(ctx)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QueryFailedError);
    const driverError = (failure as QueryFailedError & { driverError: { code: string; constraint: string } })
      .driverError;
    expect(driverError.code).toBe('23505');
    expect(driverError.constraint).toBe(constraint);
  });
});

describe('concurrent upserts', () => {
  it('20 concurrent upserts of one user mapping leave one row', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.users.upsertMany([{ feishuUserId: 'race-f', wecomUserId: 'race-w' }])),
    );
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.unchanged, 0)).toBe(19);
    const rows = await harness.sql(`SELECT * FROM user_mappings WHERE feishu_user_id = 'race-f'`);
    expect(rows).toHaveLength(1);
  });

  // INSERT … ON CONFLICT settles a conflict on its arbiter (the Feishu id) only: two writers of the same new pair
  // that both pass the arbiter check collide on the WeCom id's unique index. Many rounds make that window likely;
  // every round must settle as one insert and unchanged rest, by hand-made and match-made writes alike.
  it('rounds of concurrent upserts of a new user pair all settle (the WeCom index race)', async () => {
    for (let round = 0; round < 100; round += 1) {
      const pair = { feishuUserId: `round-f-${round}`, wecomUserId: `round-w-${round}` };
      const results = await Promise.all(Array.from({ length: 8 }, () => store.users.upsertMany([pair])));
      expect({ round, inserted: results.reduce((sum, r) => sum + r.inserted, 0) }).toEqual({ round, inserted: 1 });
      expect(results.reduce((sum, r) => sum + r.unchanged, 0)).toBe(7);
    }
  });

  it('rounds of concurrent matched upserts of a new department pair all settle (the WeCom index race)', async () => {
    for (let round = 0; round < 100; round += 1) {
      const pair = { feishu: `round-d-${round}`, wecom: `${9000 + round}`, matchedBy: 'name_path' as const };
      const results = await Promise.all(Array.from({ length: 8 }, () => store.departments.upsertMatched([pair])));
      expect({ round, inserted: results.reduce((sum, r) => sum + r.inserted, 0) }).toEqual({ round, inserted: 1 });
      expect(results.reduce((sum, r) => sum + r.unchanged, 0)).toBe(7);
      expect(results.flatMap((r) => r.refused)).toEqual([]);
    }
  });

  it('a refused write inside a caller transaction leaves that transaction usable (its savepoint)', async () => {
    await store.users.upsertMany([{ feishuUserId: 'tx-held-f', wecomUserId: 'tx-held-w' }]);
    const refusal = await store.transaction(async (session) => {
      await session.users.upsertMany([{ feishuUserId: 'tx-f1', wecomUserId: 'tx-w1' }]);
      const failure = await session.users.upsertMany([{ feishuUserId: 'tx-f2', wecomUserId: 'tx-held-w' }]).then(
        () => null,
        (error: unknown) => error,
      );
      await session.users.upsertMany([{ feishuUserId: 'tx-f3', wecomUserId: 'tx-w3' }]);
      return failure;
    });
    expect(refusal).toBeInstanceOf(MappingConflictError);
    expect(await store.users.toWecom(['tx-f1', 'tx-f2', 'tx-f3', 'tx-held-f'])).toEqual(
      new Map([
        ['tx-f1', 'tx-w1'],
        ['tx-f3', 'tx-w3'],
        ['tx-held-f', 'tx-held-w'],
      ]),
    );
  });

  it('a pair whose WeCom id another hand-made pair holds is still refused after the retries', async () => {
    await store.users.upsertMany([{ feishuUserId: 'held-f', wecomUserId: 'held-w' }]);
    await expect(store.users.upsertMany([{ feishuUserId: 'other-f', wecomUserId: 'held-w' }])).rejects.toBeInstanceOf(
      MappingConflictError,
    );
    expect(await store.users.toWecom(['held-f', 'other-f'])).toEqual(new Map([['held-f', 'held-w']]));
  });

  it('20 concurrent link intents for one Feishu group leave one link', async () => {
    const links = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.groupLinks.recordIntent(
          pairIntent({
            direction: 'feishu_to_wecom',
            feishuGroupId: 'race-group',
            wecomRuleName: `name-${i}`,
          }),
        ),
      ),
    );
    expect(new Set(links.map((link) => link.id)).size).toBe(1);
    const rows = await harness.sql(
      `SELECT l.id FROM links l JOIN link_sides s ON s.link_id = l.id
       WHERE s.vendor = 'feishu' AND s.external_id = 'race-group'`,
    );
    expect(rows).toHaveLength(1);
    expect(await harness.sql(`SELECT * FROM links WHERE id = $1`, [links[0]!.id])).toHaveLength(1);
  });

  it('20 concurrent punch-mapping writes of one record leave one row and report one insert', async () => {
    const mapping = {
      sourceVendor: 'wecom' as const,
      sourceKey: 'race-punch',
      targetKey: null,
      userKey: 'u1',
      punchedAt: new Date('2026-03-02T01:00:00Z'),
      runId: null,
    };
    const inserted = await Promise.all(Array.from({ length: 20 }, () => store.punches.recordMany([mapping])));
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(1);
    const rows = await harness.sql(`SELECT * FROM punch_record_mappings WHERE source_key = 'race-punch'`);
    expect(rows).toHaveLength(1);
  });
});

describe('runs and items', () => {
  const item = (sourceId: string, action: SyncRunItem['action'] = 'created'): SyncRunItem => ({
    sourceId,
    targetId: `t-${sourceId}`,
    action,
    losses: [{ field: 'group.locations', severity: 'approximated', message: 'Radius 120 m snapped to 100 m' }],
    error: null,
  });

  it('moves queued → running → finished and derives the summary from the items', async () => {
    const runId = await newRunId();
    expect((await store.runs.get(runId))?.status).toBe('queued');
    expect((await store.runs.begin(runId, 0))?.status).toBe('running');
    await store.runs.appendItems(runId, [item('a'), item('b', 'unchanged')]);
    const finished = await store.runs.finish(runId, {
      status: 'partial',
      items: [
        { ...item('c', 'failed'), error: 'WeCom 301093' },
        {
          ...item('d', 'skipped'),
          plan: { groupname: 'x' },
          notes: [
            { field: 'rule', message: 'created again' },
            { field: 'rule', code: 'target_drift_overwritten', message: 'overwritten' },
          ],
        },
      ],
    });
    expect(finished.status).toBe('partial');
    expect(finished.summary).toEqual({ created: 1, updated: 0, unchanged: 1, skipped: 1, failed: 1 });
    const read = await store.runs.get(runId);
    expect(read?.items.map((i) => i.sourceId)).toEqual(['a', 'b', 'c', 'd']);
    expect(read?.items[0]?.losses[0]?.severity).toBe('approximated');
    // Notes come back apart from the losses, with their code when they have one (jsonb keeps it), without one
    // when not; an item written without any reads back with none.
    expect(read?.items[3]?.notes).toEqual([
      { field: 'rule', message: 'created again' },
      { field: 'rule', code: 'target_drift_overwritten', message: 'overwritten' },
    ]);
    expect(read?.items[3]?.losses).toEqual(item('d').losses);
    expect(read?.items[0]?.notes).toEqual([]);
    expect(read?.items[2]?.error).toBe('WeCom 301093');
    expect(read?.items[3]?.plan).toEqual({ groupname: 'x' });
    expect(read?.items[0]).not.toHaveProperty('plan');
    expect(read?.finishedAt).toBeInstanceOf(Date);
    // A finished run is not begun again: a late attempt of its job has nothing to do.
    expect(await store.runs.begin(runId, 1)).toBeNull();
  });

  it('writes the final status and the items in one transaction: a bad item leaves neither', async () => {
    const runId = await newRunId();
    await store.runs.begin(runId, 0);
    await store.runs.appendItems(runId, [item('already-there')]);
    // The run-items table refuses the second 'already-there' → the status update must roll back too.
    const failure = await store.runs
      .finish(runId, { status: 'succeeded', items: [item('new'), item('already-there')] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MappingConflictError);
    const read = await store.runs.get(runId);
    expect(read?.status).toBe('running');
    expect(read?.finishedAt).toBeNull();
    expect(read?.items.map((i) => i.sourceId)).toEqual(['already-there']);
  });

  it('rejects a batch naming one source twice, writing none of it', async () => {
    const runId = await newRunId();
    await expect(store.runs.appendItems(runId, [item('x'), item('x')])).rejects.toBeInstanceOf(DuplicateInBatchError);
    expect((await store.runs.get(runId))?.items).toEqual([]);
  });

  it('keeps items append-only', async () => {
    const runId = await newRunId();
    await store.runs.appendItems(runId, [item('immutable')]);
    await expect(harness.sql(`UPDATE sync_run_items SET action = 'failed' WHERE run_id = $1`, [runId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses to finish a run that is not running', async () => {
    const runId = await newRunId();
    await expect(store.runs.finish(runId, { status: 'succeeded' })).rejects.toThrow(/not running/);
  });

  it('fails a queued run with the reason', async () => {
    const runId = await newRunId();
    await store.runs.fail(runId, 'Feishu unreachable');
    const read = await store.runs.get(runId);
    expect(read).toMatchObject({ status: 'failed', error: 'Feishu unreachable' });
    expect(read?.startedAt).toBeInstanceOf(Date);
  });

  it('lists newest first with pagination and treats a malformed id as not found', async () => {
    const ids = [await newRunId(), await newRunId(), await newRunId()];
    const page = await store.runs.list(2, 0);
    expect(page.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page.total).toBeGreaterThanOrEqual(3);
    const next = await store.runs.list(2, 2);
    expect(next.items[0]?.id).toBe(ids[0]);
    expect(await store.runs.get('not-a-uuid')).toBeNull();
    expect(await store.runs.get('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('id mappings', () => {
  it('counts inserts, updates and unchanged rows, and looks up both ways', async () => {
    expect(
      await store.users.upsertMany([
        { feishuUserId: 'f1', wecomUserId: 'w1' },
        { feishuUserId: 'f2', wecomUserId: 'w2' },
      ]),
    ).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(
      await store.users.upsertMany([
        { feishuUserId: 'f1', wecomUserId: 'w1' },
        { feishuUserId: 'f2', wecomUserId: 'w2b' },
        { feishuUserId: 'f3', wecomUserId: 'w3' },
      ]),
    ).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await store.users.toWecom(['f1', 'f2', 'nobody'])).toEqual(
      new Map([
        ['f1', 'w1'],
        ['f2', 'w2b'],
      ]),
    );
    expect(await store.users.toFeishu(['w3'])).toEqual(new Map([['w3', 'f3']]));
  });

  it('refuses to map one WeCom user to two Feishu users, writing nothing of the batch', async () => {
    await store.users.upsertMany([{ feishuUserId: 'owner', wecomUserId: 'taken' }]);
    const failure = await store.users
      .upsertMany([
        { feishuUserId: 'fresh', wecomUserId: 'fresh-w' },
        { feishuUserId: 'intruder', wecomUserId: 'taken' },
      ])
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MappingConflictError);
    expect((failure as MappingConflictError).constraint).toBe('uq_user_mappings_wecom_user_id');
    expect(await store.users.toWecom(['fresh'])).toEqual(new Map());
  });

  it('rejects a batch that names one id twice', async () => {
    await expect(
      store.departments.upsertMany([
        { feishuDepartmentId: 'od-1', wecomPartyId: '1' },
        { feishuDepartmentId: 'od-1', wecomPartyId: '2' },
      ]),
    ).rejects.toThrow(DuplicateInBatchError);
  });

  it('lists departments in pages with the total', async () => {
    await store.departments.upsertMany([
      { feishuDepartmentId: 'od-a', wecomPartyId: '10' },
      { feishuDepartmentId: 'od-b', wecomPartyId: '11' },
      { feishuDepartmentId: 'od-c', wecomPartyId: '12' },
    ]);
    const all = await store.departments.list(1000, 0);
    const start = all.items.findIndex((d) => d.feishuDepartmentId === 'od-a');
    const page = await store.departments.list(2, start + 1);
    expect(page.items).toEqual([
      { feishuDepartmentId: 'od-b', wecomPartyId: '11' },
      { feishuDepartmentId: 'od-c', wecomPartyId: '12' },
    ]);
    expect(page.total).toBe(await store.departments.count());
  });
});

describe('group and shift links', () => {
  it("keeps an intent's planned hash until the side has an id, then the synced one", async () => {
    const planned = 'c'.repeat(64);
    const intent = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: 'planned-hash-group',
        wecomRuleName: 'Night shift',
        wecomHash: planned,
      }),
    );
    expect(intent).toMatchObject({ wecomRuleId: null, wecomRuleName: 'Night shift', wecomHash: planned });
    // A later intent for the same create (the source changed before it happened) plans other content.
    const replanned = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: 'planned-hash-group',
        wecomRuleName: 'Night shift',
        wecomHash: 'd'.repeat(64),
      }),
    );
    expect(replanned).toMatchObject({ id: intent.id, wecomHash: 'd'.repeat(64) });
    const synced = await store.groupLinks.markSynced(
      intent.id,
      pairSynced({
        feishuGroupId: 'planned-hash-group',
        wecomRuleId: 'planned-hash-rule',
        feishuHash: 'a'.repeat(64),
        wecomHash: 'b'.repeat(64),
        syncedAt: new Date('2026-12-06T00:00:00Z'),
      }),
    );
    expect(synced.wecomHash).toBe('b'.repeat(64));
    // A side with an id keeps its synced hash whatever an intent says; a reset plans anew.
    const kept = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: 'planned-hash-group',
        wecomHash: 'e'.repeat(64),
      }),
    );
    expect(kept.wecomHash).toBe('b'.repeat(64));
    const reset = await store.groupLinks.resetTarget(intent.id, 'wecom', 'Night shift', 'f'.repeat(64));
    expect(reset).toMatchObject({ wecomRuleId: null, wecomRuleName: 'Night shift', wecomHash: 'f'.repeat(64) });
  });

  it('records intent idempotently and keeps what a crashed run recorded', async () => {
    const first = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: '6919358128597097404',
        feishuGroupName: 'HQ',
        wecomRuleName: 'HQ · fs-6919',
      }),
    );
    expect(first.status).toBe('pending');
    const again = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: '6919358128597097404',
      }),
    );
    expect(again.id).toBe(first.id);
    expect(again.wecomRuleName).toBe('HQ · fs-6919');

    const synced = await store.groupLinks.markSynced(
      first.id,
      pairSynced({
        feishuGroupId: '6919358128597097404',
        wecomRuleId: '42',
        feishuHash: 'a'.repeat(64),
        wecomHash: 'b'.repeat(64),
        syncedAt: new Date('2026-11-21T00:00:00Z'),
      }),
    );
    expect(synced).toMatchObject({ status: 'active', wecomRuleId: '42', feishuGroupName: 'HQ', lastError: null });
    expect(await store.groupLinks.findByWecomRuleId('42')).toMatchObject({ id: first.id });

    const failed = await store.groupLinks.setStatus(first.id, 'failed', {
      message: 'wecom invalid_request (code 301093): rule invalid',
      kind: 'invalid_request',
    });
    expect(failed).toMatchObject({
      status: 'failed',
      lastError: 'wecom invalid_request (code 301093): rule invalid',
      lastErrorKind: 'invalid_request',
    });
    expect((await store.groupLinks.setDirection(first.id, 'two_way')).direction).toBe('two_way');
    // A kind outside the taxonomy is refused by the table.
    await expect(
      store.groupLinks.setStatus(first.id, 'failed', { message: 'x', kind: 'oops' as 'internal' }),
    ).rejects.toThrow(/ck_links_last_error_kind/);
    // A sync that succeeds clears both.
    const resynced = await store.groupLinks.markSynced(
      first.id,
      pairSynced({
        feishuGroupId: '6919358128597097404',
        wecomRuleId: '42',
        feishuHash: 'c'.repeat(64),
        wecomHash: 'd'.repeat(64),
        syncedAt: new Date('2026-11-22T00:00:00Z'),
      }),
    );
    expect(resynced).toMatchObject({ status: 'active', lastError: null, lastErrorKind: null });
  });

  it('records the side a sync wrote, and keeps it when a sync names none', async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'two_way', feishuGroupId: 'written-side-group' }),
    );
    expect(link.writtenVendor).toBeNull();
    const state = {
      feishuGroupId: 'written-side-group',
      wecomRuleId: 'written-side-rule',
      feishuHash: 'a'.repeat(64),
      wecomHash: 'b'.repeat(64),
      syncedAt: new Date('2026-11-21T00:00:00Z'),
    };
    expect(await store.groupLinks.markSynced(link.id, { ...pairSynced(state), writtenVendor: 'wecom' })).toMatchObject({
      writtenVendor: 'wecom',
    });
    // Hashes recorded in the current format without a write (plan-rule-change.ts, in sync): the side stays.
    expect(
      await store.groupLinks.markSynced(link.id, pairSynced({ ...state, feishuHash: 'c'.repeat(64) })),
    ).toMatchObject({ writtenVendor: 'wecom' });
    const [batched] = await store.groupLinks.markSyncedMany([
      { id: link.id, state: { ...pairSynced(state), writtenVendor: 'feishu' } },
    ]);
    expect(batched).toMatchObject({ writtenVendor: 'feishu' });
    expect(await store.groupLinks.findById(link.id)).toMatchObject({ writtenVendor: 'feishu' });
    // Any vendor's name (migrations/1796700000000-open-link-vendors.ts), but only a vendor's name.
    await expect(
      store.groupLinks.markSynced(link.id, { ...pairSynced(state), writtenVendor: 'Ding Talk' }),
    ).rejects.toThrow(/ck_links_written_vendor/);
  });

  it('keeps a side with an id on every link (ck_links_has_a_side), checked at the end of each statement', async () => {
    const lone = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'wecom_to_feishu', wecomRuleId: 'lone-rule' }),
    );
    // Forgetting the only id the link has would leave a link nothing can find: refused, nothing changed.
    await expect(store.groupLinks.resetTarget(lone.id, 'wecom', 'lone (gateway)')).rejects.toThrow(
      /ck_links_has_a_side/,
    );
    expect(await store.groupLinks.findById(lone.id)).toEqual(lone);
    await expect(
      harness.sql(`DELETE FROM link_sides WHERE link_id = $1 AND vendor = 'wecom'`, [lone.id]),
    ).rejects.toThrow(/ck_links_has_a_side/);
    await expect(harness.sql(`INSERT INTO links (scope, direction) VALUES ('rule', 'two_way')`)).rejects.toThrow(
      /ck_links_has_a_side/,
    );
    // A name alone is an intent, not an id.
    await expect(
      harness.sql(
        `WITH link AS (INSERT INTO links (scope, direction) VALUES ('rule', 'two_way') RETURNING id, scope)
         INSERT INTO link_sides (link_id, scope, vendor, name) SELECT id, scope, 'feishu', 'named only' FROM link`,
      ),
    ).rejects.toThrow(/ck_links_has_a_side/);
    // Deleting the link takes its sides along, which the rule allows.
    expect(await store.groupLinks.delete(lone.id)).toBe(true);
    expect(await harness.sql(`SELECT * FROM link_sides WHERE link_id = $1`, [lone.id])).toEqual([]);
  });

  it('marks many links synced in one statement, all or nothing', async () => {
    const intents = await Promise.all(
      ['many-1', 'many-2', 'many-3'].map((feishuGroupId, index) =>
        store.groupLinks.recordIntent(
          pairIntent({
            direction: 'feishu_to_wecom',
            feishuGroupId,
            feishuGroupName: `G${index}`,
            wecomRuleName: `G${index} · fs`,
          }),
        ),
      ),
    );
    const syncedAt = new Date('2026-11-21T08:00:00Z');
    const state = (index: number) => ({
      feishuGroupId: `many-${index + 1}`,
      wecomRuleId: `90${index}`,
      ...(index === 0 ? { wecomRuleName: 'renamed · fs' } : {}),
      feishuHash: `${index}`.repeat(64),
      wecomHash: 'c'.repeat(64),
      syncedAt,
    });
    const synced = await store.groupLinks.markSyncedMany(
      intents.map((link, index) => ({ id: link.id, state: pairSynced(state(index)) })),
    );
    expect(synced.map((link) => link.id).sort()).toEqual(intents.map((link) => link.id).sort());
    for (const [index, link] of intents.entries()) {
      expect(await store.groupLinks.findById(link.id)).toMatchObject({
        status: 'active',
        lastError: null,
        wecomRuleId: `90${index}`,
        // Absent names keep what the link had.
        wecomRuleName: index === 0 ? 'renamed · fs' : `G${index} · fs`,
        feishuGroupName: `G${index}`,
        feishuHash: `${index}`.repeat(64),
        lastSyncedAt: syncedAt,
      });
    }
    expect(await store.groupLinks.markSyncedMany([])).toEqual([]);

    // A rule id another link holds breaks its unique key: the statement fails and changes no row.
    const other = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: 'many-4' }),
    );
    const fresh = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: 'many-5' }),
    );
    await expect(
      store.groupLinks.markSyncedMany([
        { id: fresh.id, state: pairSynced({ ...state(4), feishuGroupId: 'many-5', wecomRuleId: '950' }) },
        { id: other.id, state: pairSynced({ ...state(3), feishuGroupId: 'many-4', wecomRuleId: '900' }) },
      ]),
    ).rejects.toThrow();
    expect(await store.groupLinks.findById(fresh.id)).toMatchObject({ status: 'pending', wecomRuleId: null });
  });

  it('keeps sides of any vendor: a link between Feishu and a third vendor, written and read by vendor', async () => {
    const intent = await store.groupLinks.recordIntent({
      direction: 'feishu_to_wecom',
      source: { vendor: 'feishu', id: 'north-group', name: 'Day shift' },
      target: { vendor: 'north_memory', name: 'Day shift', plannedHash: 'p'.repeat(64) },
    });
    expect(intent.sides).toEqual(
      new Map([
        ['feishu', { id: 'north-group', name: 'Day shift', hash: null }],
        ['north_memory', { id: null, name: 'Day shift', hash: 'p'.repeat(64) }],
      ]),
    );
    // The pair's named fields hold only the pair's sides.
    expect(intent).toMatchObject({ feishuGroupId: 'north-group', wecomRuleId: null, wecomRuleName: null });

    const syncedAt = new Date('2026-12-01T00:00:00Z');
    const synced = await store.groupLinks.markSynced(intent.id, {
      sides: [
        { vendor: 'feishu', id: 'north-group', hash: 'f'.repeat(64) },
        { vendor: 'north_memory', id: 'n-1', name: 'Day shift', hash: 'n'.repeat(64) },
      ],
      syncedAt,
    });
    expect(synced).toMatchObject({ status: 'active', lastSyncedAt: syncedAt });
    expect(synced.sides.get('north_memory')).toEqual({ id: 'n-1', name: 'Day shift', hash: 'n'.repeat(64) });
    expect((await store.groupLinks.findBySide('north_memory', 'n-1'))?.id).toBe(intent.id);
    expect(await store.groupLinks.findBySide('wecom', 'n-1')).toBeNull();

    // A WeCom side joins the same link; a reset of the third vendor's side leaves the others as they were.
    await store.groupLinks.markSynced(intent.id, {
      sides: [{ vendor: 'wecom', id: 'w-1', name: 'Day shift', hash: 'w'.repeat(64) }],
      syncedAt,
    });
    const reset = await store.groupLinks.resetTarget(intent.id, 'north_memory', 'Day shift (2)', 'q'.repeat(64));
    expect(reset.status).toBe('pending');
    expect([...reset.sides.keys()]).toEqual(['feishu', 'north_memory', 'wecom']);
    expect(reset.sides.get('north_memory')).toEqual({ id: null, name: 'Day shift (2)', hash: 'q'.repeat(64) });
    expect(reset).toMatchObject({ feishuHash: 'f'.repeat(64), wecomRuleId: 'w-1', wecomHash: 'w'.repeat(64) });
    expect((await store.groupLinks.list()).find((link) => link.id === intent.id)?.sides).toEqual(reset.sides);

    // A vendor's name is a lowercase word (ck_link_sides_vendor); a link's two sides are two vendors.
    await expect(
      store.groupLinks.recordIntent({
        direction: 'feishu_to_wecom',
        source: { vendor: 'feishu', id: 'bad-vendor' },
        target: { vendor: 'North Memory', name: 'x' },
      }),
    ).rejects.toThrow();
    await expect(
      store.groupLinks.recordIntent({
        direction: 'feishu_to_wecom',
        source: { vendor: 'feishu', id: 'same-vendor' },
        target: { vendor: 'feishu', name: 'x' },
      }),
    ).rejects.toThrow(/two vendors/);
    expect(await store.groupLinks.findBySide('feishu', 'bad-vendor')).toBeNull();
  });

  const schedule = (key: string) => ({ vendor: 'wecom', kind: 'schedule', key, name: null });
  const shift = (key: string, name: string | null = null) => ({ vendor: 'feishu', kind: 'shift', key, name });
  const sidesOf = (link: ShiftLink) => Object.fromEntries(link.sides);

  it('upserts a shift link by its anchor side and keeps the sides a later upsert does not know', async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: 'shift-group' }),
    );
    const a = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('1'),
      others: [shift('s1', 'Day')],
      contentHash: 'h1',
    });
    expect(sidesOf(a)).toEqual({
      feishu: { kind: 'shift', key: 's1', name: 'Day' },
      wecom: { kind: 'schedule', key: '1', name: null },
    });
    // Not knowing the Feishu side forgets nothing; the hash is the latest.
    const a2 = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('1'),
      others: [],
      contentHash: 'h2',
    });
    expect(a2).toEqual({ ...a, contentHash: 'h2' });
    // A known name is kept when the same shift comes without one; another shift replaces the side, name and all.
    const a3 = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('1'),
      others: [shift('s1')],
      contentHash: 'h2',
    });
    expect(a3.sides.get('feishu')).toEqual({ kind: 'shift', key: 's1', name: 'Day' });
    const a4 = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('1'),
      others: [shift('s9')],
      contentHash: 'h2',
    });
    expect(a4.sides.get('feishu')).toEqual({ kind: 'shift', key: 's9', name: null });
    // The same key of another kind is another item.
    const block = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: { vendor: 'wecom', kind: 'checkintime', key: '1', name: null },
      others: [],
      contentHash: null,
    });
    expect(block.id).not.toBe(a.id);
    expect(sidesOf(block)).toEqual({ wecom: { kind: 'checkintime', key: '1', name: null } });

    await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('2'),
      others: [shift('s2')],
      contentHash: null,
    });
    expect(await store.shiftLinks.deleteOthers(link.id, [a.id])).toBe(2);
    expect((await store.shiftLinks.listForGroupLink(link.id)).map((s) => s.id)).toEqual([a.id]);
    expect(await harness.sql(`SELECT * FROM shift_link_sides WHERE group_link_id = $1`, [link.id])).toHaveLength(2);
    expect(await store.groupLinks.delete(link.id)).toBe(true);
    expect(await store.shiftLinks.listForGroupLink(link.id)).toEqual([]);
    expect(await harness.sql(`SELECT * FROM shift_link_sides WHERE group_link_id = $1`, [link.id])).toEqual([]);
  });

  it("refuses a side whose key another shift link of the group holds, and a write naming a vendor's side twice", async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'wecom_to_feishu', feishuGroupId: 'shift-unique' }),
    );
    const other = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'wecom_to_feishu', feishuGroupId: 'shift-unique-other' }),
    );
    const held = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('1'),
      others: [shift('s1')],
      contentHash: null,
    });
    const failure = await store.shiftLinks
      .upsert({ groupLinkId: link.id, anchor: schedule('2'), others: [shift('s1')], contentHash: null })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(MappingConflictError);
    expect((failure as MappingConflictError).constraint).toBe('uq_shift_link_sides_item');
    // Nothing of the refused write stays.
    expect((await store.shiftLinks.listForGroupLink(link.id)).map((s) => s.id)).toEqual([held.id]);
    // Another group link may pair the same shifts.
    const elsewhere = await store.shiftLinks.upsert({
      groupLinkId: other.id,
      anchor: schedule('1'),
      others: [shift('s1')],
      contentHash: null,
    });
    expect(elsewhere.id).not.toBe(held.id);
    await expect(
      store.shiftLinks.upsert({
        groupLinkId: link.id,
        anchor: schedule('3'),
        others: [shift('s3'), shift('s4')],
        contentHash: null,
      }),
    ).rejects.toThrow(/names the feishu side twice/);
  });

  it("admits a third vendor's side, and refuses a vendor or kind not shaped as a name", async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: 'shift-third' }),
    );
    const third = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: { vendor: 'dingtalk', kind: 'class', key: 'd-1', name: 'Early' },
      others: [shift('s1'), schedule('1')],
      contentHash: null,
    });
    expect(sidesOf(third)).toEqual({
      dingtalk: { kind: 'class', key: 'd-1', name: 'Early' },
      feishu: { kind: 'shift', key: 's1', name: null },
      wecom: { kind: 'schedule', key: '1', name: null },
    });
    // The same shift link found by its WeCom side keeps the third vendor's side.
    const again = await store.shiftLinks.upsert({
      groupLinkId: link.id,
      anchor: schedule('1'),
      others: [],
      contentHash: 'h',
    });
    expect(again).toEqual({ ...third, contentHash: 'h' });
    for (const vendor of ['DingTalk', '1vendor', 'ding talk', '', 'a'.repeat(33)]) {
      await expect(
        store.shiftLinks.upsert({
          groupLinkId: link.id,
          anchor: { vendor, kind: 'class', key: 'd-2', name: null },
          others: [],
          contentHash: null,
        }),
      ).rejects.toThrow(/ck_shift_link_sides_vendor/);
      await expect(
        store.shiftLinks.upsert({
          groupLinkId: link.id,
          anchor: schedule('2'),
          others: [{ vendor, kind: 'class', key: 'd-2', name: null }],
          contentHash: null,
        }),
      ).rejects.toThrow(/ck_shift_link_sides_vendor/);
    }
    await expect(
      store.shiftLinks.upsert({
        groupLinkId: link.id,
        anchor: { vendor: 'dingtalk', kind: 'Class', key: 'd-2', name: null },
        others: [],
        contentHash: null,
      }),
    ).rejects.toThrow(/ck_shift_link_sides_kind/);
    expect((await store.shiftLinks.listForGroupLink(link.id)).map((s) => s.id)).toEqual([third.id]);
  });

  it('20 concurrent upserts of one anchor side leave one shift link', async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'wecom_to_feishu', feishuGroupId: 'shift-race' }),
    );
    const written = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.shiftLinks.upsert({
          groupLinkId: link.id,
          anchor: schedule('7'),
          others: [shift('s7')],
          contentHash: null,
        }),
      ),
    );
    expect(new Set(written.map((each) => each.id)).size).toBe(1);
    expect(await store.shiftLinks.listForGroupLink(link.id)).toHaveLength(1);
  });
});

describe('punch record mappings', () => {
  it('remembers what was carried across and what the gateway itself wrote to the target', async () => {
    const runId = await newRunId();
    const base = { userKey: 'zhangsan', punchedAt: new Date('2026-03-02T01:00:00Z'), runId };
    expect(
      await store.punches.recordMany([
        { ...base, sourceVendor: 'wecom', sourceKey: 'wc-1', targetKey: 'fs-rec-1' },
        { ...base, sourceVendor: 'wecom', sourceKey: 'wc-2', targetKey: 'fs-rec-2' },
      ]),
    ).toBe(2);
    expect(
      await store.punches.recordMany([{ ...base, sourceVendor: 'wecom', sourceKey: 'wc-1', targetKey: 'fs-rec-1' }]),
    ).toBe(0);
    expect(await store.punches.knownSourceKeys('wecom', ['wc-1', 'wc-3'])).toEqual(new Set(['wc-1']));
    // Exporting Feishu → WeCom: fs-rec-2 came from WeCom, so it must not go back.
    expect(await store.punches.importedFrom('wecom', ['fs-rec-2', 'fs-own'])).toEqual(new Set(['fs-rec-2']));
    expect(await store.punches.knownSourceKeys('feishu', ['wc-1'])).toEqual(new Set());
  });

  it('keeps pending writes apart until they are confirmed or forgotten', async () => {
    const runId = await newRunId();
    const base = {
      sourceVendor: 'feishu' as const,
      userKey: 'lisi',
      punchedAt: new Date('2026-03-02T01:00:00Z'),
      runId,
    };
    await store.punches.recordMany([
      { ...base, sourceKey: 'fs-p1', targetKey: 'lisi@1', state: 'pending' },
      { ...base, sourceKey: 'fs-p2', targetKey: 'lisi@2', state: 'pending' },
      { ...base, sourceKey: 'fs-d3', targetKey: 'lisi@3' },
    ]);
    const pending = await store.punches.pendingWrites('feishu', ['fs-p1', 'fs-p2', 'fs-d3']);
    expect(pending.map((write) => write.sourceKey).sort()).toEqual(['fs-p1', 'fs-p2']);
    expect(pending[0]).toMatchObject({ userKey: 'lisi', punchedAt: new Date('2026-03-02T01:00:00Z') });
    // A pending write already blocks an echo of its target key.
    expect(await store.punches.importedFrom('feishu', ['lisi@1', 'lisi@3'])).toEqual(new Set(['lisi@1', 'lisi@3']));
    await store.punches.confirm('feishu', ['fs-p1', 'fs-d3']);
    await store.punches.forgetPending('feishu', ['fs-p2', 'fs-d3']);
    expect(await store.punches.pendingWrites('feishu', ['fs-p1', 'fs-p2', 'fs-d3'])).toEqual([]);
    // Confirmed and done rows stay; the forgotten pending one is gone (a done row is never forgotten).
    expect(await store.punches.knownSourceKeys('feishu', ['fs-p1', 'fs-p2', 'fs-d3'])).toEqual(
      new Set(['fs-p1', 'fs-d3']),
    );
  });
});

describe('sync cursors', () => {
  const key = { scope: 'punches', direction: 'wecom_to_feishu', partitionKey: 'cursor-test' } as const;

  it('moves only by compare-and-set', async () => {
    expect(await store.cursors.get(key)).toBeNull();
    expect(await store.cursors.advance(key, null, { until: '2026-03-01' })).toBe(1);
    await expect(store.cursors.advance(key, null, { until: 'x' })).rejects.toBeInstanceOf(CursorMovedError);
    expect(await store.cursors.advance(key, 1, { until: '2026-03-02' })).toBe(2);
    await expect(store.cursors.advance(key, 1, { until: 'stale' })).rejects.toBeInstanceOf(CursorMovedError);
    expect(await store.cursors.get(key)).toMatchObject({ position: { until: '2026-03-02' }, version: 2 });
  });

  it('does not move when the batch it covers rolls back', async () => {
    // A cursor of its own that has moved once, as an earlier batch left it (not the previous test's).
    const ownKey = { ...key, partitionKey: 'cursor-rollback-test' };
    expect(await store.cursors.advance(ownKey, null, { until: '2026-03-01' })).toBe(1);
    const before = await store.cursors.get(ownKey);
    expect(before).toMatchObject({ position: { until: '2026-03-01' }, version: 1 });
    await expect(
      store.transaction(async (tx) => {
        await tx.punches.recordMany([
          {
            sourceVendor: 'wecom',
            sourceKey: 'rolled-back',
            targetKey: null,
            userKey: 'u',
            punchedAt: new Date(),
            runId: null,
          },
        ]);
        await tx.cursors.advance(ownKey, before!.version, { until: 'never' });
        throw new Error('crash after the cursor moved, before commit');
      }),
    ).rejects.toThrow('crash');
    expect(await store.cursors.get(ownKey)).toMatchObject({ version: before!.version });
    expect(await store.punches.knownSourceKeys('wecom', ['rolled-back'])).toEqual(new Set());
    await store.cursors.reset(ownKey);
    expect(await store.cursors.get(ownKey)).toBeNull();
  });
});

describe('conflicts', () => {
  it('opens a name conflict once per link, with what it found, and resolves it only as a name conflict', async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: 'name-taken-1',
        feishuGroupName: '总部固定班',
      }),
    );
    const runId = await newRunId();
    const found = { vendor: 'wecom' as const, id: '77', name: '总部固定班' };
    const first = await store.conflicts.openNameTaken(link.id, found, runId);
    expect(first.created).toBe(true);
    expect(first.conflict).toMatchObject({ kind: 'name_taken', found, detectedByRunId: runId, resolution: null });
    const again = await store.conflicts.openNameTaken(link.id, { ...found, id: '78' }, null);
    expect(again).toMatchObject({ created: false, conflict: { id: first.conflict.id, found } });
    // A content conflict cannot open beside it (one open conflict per link).
    const sideHashes = new Map([
      ['feishu', 'a'],
      ['wecom', 'b'],
    ]);
    expect((await store.conflicts.open(link.id, { sideHashes, runId })).created).toBe(false);

    // Not a content conflict: naming a winner does not resolve it.
    expect(await store.conflicts.resolve(first.conflict.id, 'feishu', runId)).toBeNull();
    const resolved = await store.conflicts.resolveName(first.conflict.id, 'skip');
    expect(resolved).toMatchObject({ resolution: 'skip', winner: null, resolutionRunId: null });
    expect(resolved?.resolvedAt).toBeInstanceOf(Date);
    expect(await store.conflicts.resolveName(first.conflict.id, 'adopt')).toBeNull();
    expect(await store.conflicts.latestForLink(link.id)).toMatchObject({ id: first.conflict.id, resolution: 'skip' });
  });

  it('keeps content conflicts as they were: kind content, nothing found, resolved by a winner only', async () => {
    const link = await store.groupLinks.recordIntent(pairIntent({ direction: 'two_way', feishuGroupId: 'content-1' }));
    const runId = await newRunId();
    const sideHashes = new Map([
      ['feishu', 'a'],
      ['wecom', 'b'],
    ]);
    const { conflict } = await store.conflicts.open(link.id, { sideHashes, runId });
    expect(conflict).toMatchObject({ kind: 'content', found: null, resolution: null, sideHashes });
    expect(await store.conflicts.resolveName(conflict.id, 'adopt')).toBeNull();
    expect(await store.conflicts.resolve(conflict.id, 'wecom', runId)).toMatchObject({ winner: 'wecom' });
  });

  it("keeps any vendor's hashes, drops the unknown ones, and holds vendor names to their shape", async () => {
    const link = await store.groupLinks.recordIntent(pairIntent({ direction: 'two_way', feishuGroupId: 'content-2' }));
    const runId = await newRunId();
    const { conflict } = await store.conflicts.open(link.id, {
      sideHashes: new Map([
        ['dingtalk', 'd'],
        ['feishu', null],
        ['wecom', 'w'],
      ]),
      runId,
    });
    expect([...conflict.sideHashes]).toEqual([
      ['dingtalk', 'd'],
      ['wecom', 'w'],
    ]);
    expect((await store.conflicts.get(conflict.id))?.sideHashes).toEqual(conflict.sideHashes);
    await store.conflicts.resolveName(conflict.id, 'skip');
    await harness.sql(`UPDATE "sync_conflicts" SET "winner" = 'dingtalk' WHERE "id" = $1`, [conflict.id]);
    await expect(
      harness.sql(`UPDATE "sync_conflicts" SET "winner" = 'Ding Talk' WHERE "id" = $1`, [conflict.id]),
    ).rejects.toThrow(/ck_sync_conflicts_winner/);
    await expect(
      harness.sql(`UPDATE "sync_conflicts" SET "side_hashes" = '[]'::jsonb WHERE "id" = $1`, [conflict.id]),
    ).rejects.toThrow(/ck_sync_conflicts_side_hashes/);
    const named = await store.groupLinks.recordIntent(pairIntent({ direction: 'two_way', feishuGroupId: 'content-3' }));
    const found = { vendor: 'dingtalk', id: 'd-9', name: '总部固定班' };
    const nameTaken = (await store.conflicts.openNameTaken(named.id, found, runId)).conflict;
    expect(nameTaken.found).toEqual(found);
    await expect(
      harness.sql(`UPDATE "sync_conflicts" SET "found_vendor" = '1vendor' WHERE "id" = $1`, [nameTaken.id]),
    ).rejects.toThrow(/ck_sync_conflicts_found_vendor/);
  });

  it('refuses rows where what was found does not match the kind', async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: 'check-1' }),
    );
    await expect(
      harness.sql(`INSERT INTO "sync_conflicts" ("group_link_id", "kind") VALUES ($1, 'name_taken')`, [link.id]),
    ).rejects.toThrow(/ck_sync_conflicts_found/);
    await expect(
      harness.sql(
        `INSERT INTO "sync_conflicts" ("group_link_id", "found_vendor", "found_id", "found_name")
         VALUES ($1, 'wecom', '1', 'x')`,
        [link.id],
      ),
    ).rejects.toThrow(/ck_sync_conflicts_found/);
    await expect(
      harness.sql(
        `INSERT INTO "sync_conflicts" ("group_link_id", "kind", "found_vendor", "found_id")
         VALUES ($1, 'name_taken', 'wecom', '1')`,
        [link.id],
      ),
    ).rejects.toThrow(/ck_sync_conflicts_found/);
    await expect(
      harness.sql(`INSERT INTO "sync_conflicts" ("group_link_id", "resolution") VALUES ($1, 'maybe')`, [link.id]),
    ).rejects.toThrow(/ck_sync_conflicts_resolution/);
  });

  it('links a found rule: drops its side-less links, refuses one another link pairs', async () => {
    const link = await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: 'found-1',
        wecomRuleName: '总部',
      }),
    );
    await store.groupLinks.setStatus(link.id, 'conflict', { message: 'name taken', kind: 'conflict' });
    // A scheduled run found the same rule and listed it, unlinked, with nothing on the Feishu side.
    await store.groupLinks.recordUnlinked(
      pairIntent({ direction: 'wecom_to_feishu', wecomRuleId: '501', wecomRuleName: '总部' }),
    );
    const linked = await store.groupLinks.linkFoundTarget(link.id, { vendor: 'wecom', id: '501', name: '总部' });
    expect(linked).toMatchObject({
      id: link.id,
      feishuGroupId: 'found-1',
      wecomRuleId: '501',
      wecomRuleName: '总部',
      wecomHash: null,
      status: 'pending',
      lastError: null,
    });
    expect(await store.groupLinks.findByWecomRuleId('501')).toMatchObject({ id: link.id });

    // A rule another complete link pairs is not taken from it.
    const other = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'feishu_to_wecom', feishuGroupId: 'found-2' }),
    );
    await expect(
      store.groupLinks.linkFoundTarget(other.id, { vendor: 'wecom', id: '501', name: '总部' }),
    ).rejects.toBeInstanceOf(MappingConflictError);
    expect(await store.groupLinks.findById(other.id)).toMatchObject({ wecomRuleId: null });

    // The Feishu side likewise (a WeCom rule's name found in Feishu).
    const fromWecom = await store.groupLinks.recordIntent(
      pairIntent({ direction: 'wecom_to_feishu', wecomRuleId: '502' }),
    );
    const toGroup = await store.groupLinks.linkFoundTarget(fromWecom.id, { vendor: 'feishu', id: 'g-9', name: 'G9' });
    expect(toGroup).toMatchObject({ feishuGroupId: 'g-9', feishuGroupName: 'G9', feishuHash: null, status: 'pending' });
  });
});
