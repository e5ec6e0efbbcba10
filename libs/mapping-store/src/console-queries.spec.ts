import { resolveRuleIds, type CanonicalRule, type IdResolver } from '@app/translation';
import type { Loss, SyncDirection } from '@app/kernel';
import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import type { MappingStore, RunRequestParams, SyncRunItem } from './index.js';

// What the HR console reads of the store, against the real database the environment names (embedded by
// default, PostgreSQL with DATABASE_URL): the mapping lists' search, and the ids runs could not carry for want
// of a mapping that the mapping still lacks.

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

beforeEach(async () => {
  await harness.sql(`DELETE FROM "sync_runs"`);
  await harness.sql(`DELETE FROM "user_mappings"`);
  await harness.sql(`DELETE FROM "department_mappings"`);
});

describe('mapping search (list with a search text)', () => {
  beforeEach(async () => {
    await store.users.upsertMany([
      { feishuUserId: 'e1001', wecomUserId: 'ZhangWei' },
      { feishuUserId: 'e1002', wecomUserId: 'wangfang' },
      { feishuUserId: 'E2001', wecomUserId: 'chen_jing' },
      { feishuUserId: 'x-1', wecomUserId: 'li%na' },
    ]);
    await store.departments.upsertMany([
      { feishuDepartmentId: 'od-aa', wecomPartyId: '2' },
      { feishuDepartmentId: 'od-bb', wecomPartyId: '32' },
    ]);
  });

  it('keeps the rows whose Feishu or WeCom id contains the text, in any case; total counts the rows kept', async () => {
    expect(await store.users.list(10, 0, 'e100')).toEqual({
      items: [
        { feishuUserId: 'e1001', wecomUserId: 'ZhangWei' },
        { feishuUserId: 'e1002', wecomUserId: 'wangfang' },
      ],
      total: 2,
    });
    expect((await store.users.list(10, 0, 'ZHANG')).items).toEqual([
      { feishuUserId: 'e1001', wecomUserId: 'ZhangWei' },
    ]);
    expect((await store.users.list(10, 0, 'e2')).items.map((row) => row.feishuUserId)).toEqual(['E2001']);
    expect(await store.departments.list(10, 0, '2')).toEqual({
      items: [
        { feishuDepartmentId: 'od-aa', wecomPartyId: '2' },
        { feishuDepartmentId: 'od-bb', wecomPartyId: '32' },
      ],
      total: 2,
    });
  });

  it('matches LIKE wildcards literally', async () => {
    expect((await store.users.list(10, 0, '%')).items).toEqual([{ feishuUserId: 'x-1', wecomUserId: 'li%na' }]);
    expect((await store.users.list(10, 0, '_')).items).toEqual([{ feishuUserId: 'E2001', wecomUserId: 'chen_jing' }]);
  });

  it('pages the rows kept; an offset past them still answers their total', async () => {
    expect(await store.users.list(1, 1, 'e')).toEqual({
      items: [{ feishuUserId: 'e1001', wecomUserId: 'ZhangWei' }],
      total: 3,
    });
    expect(await store.users.list(10, 50, 'e')).toEqual({ items: [], total: 3 });
    expect(await store.users.list(10, 0, 'nobody')).toEqual({ items: [], total: 0 });
  });

  it('without a search text lists everything, as before', async () => {
    expect((await store.users.list(10, 0)).total).toBe(4);
    expect((await store.users.list(10, 0, undefined)).items).toHaveLength(4);
  });
});

describe('unmappedIds', () => {
  const LONG_AGO = new Date('2000-01-01T00:00:00Z');
  const unknown: IdResolver = { user: () => null, department: () => null };

  /** The losses resolve-rule-ids.ts reports for a rule whose members nobody mapped (the real translation). */
  function memberLosses(
    from: 'feishu' | 'wecom',
    members: { userIds?: string[]; departmentIds?: string[]; excludedUserIds?: string[] },
  ): Loss[] {
    const rule = {
      idSpace: from,
      members: { userIds: [], departmentIds: [], excludedUserIds: [], ...members },
    } as unknown as CanonicalRule;
    return [...resolveRuleIds(rule, from === 'feishu' ? 'wecom' : 'feishu', unknown).losses];
  }

  async function finishedRun(
    direction: SyncDirection | 'two_way',
    scope: 'rules' | 'punches',
    items: SyncRunItem[],
    params: RunRequestParams = {},
  ): Promise<string> {
    const run = await store.runs.create({ direction, scope, dryRun: true, triggeredBy: 'api', params });
    await store.runs.begin(run.id, 0);
    await store.runs.finish(run.id, { status: 'succeeded', items });
    return run.id;
  }

  const ruleItem = (sourceId: string, losses: Loss[]): SyncRunItem => ({
    sourceId,
    targetId: null,
    action: 'created',
    losses,
    error: null,
  });

  it('reads the unmapped ids of rule losses, with the group and the run, and leaves out what is mapped now', async () => {
    const runId = await finishedRun('feishu_to_wecom', 'rules', [
      ruleItem(
        'g-1',
        memberLosses('feishu', { userIds: ['e1', 'e2'], departmentIds: ['od-1'], excludedUserIds: ['e3'] }),
      ),
      ruleItem('g-2', [
        { field: 'members.userIds', severity: 'dropped', message: '1 blank user id was left out of the rule.' },
        { field: 'locations', severity: 'dropped', message: 'no', sourceValue: ['not-an-id'] },
      ]),
    ]);
    const found = await store.runs.unmappedIds(LONG_AGO, 100);
    expect(found.map(({ kind, vendor, id, groups }) => ({ kind, vendor, id, groups }))).toEqual(
      expect.arrayContaining([
        { kind: 'user', vendor: 'feishu', id: 'e1', groups: [{ vendor: 'feishu', id: 'g-1', runId }] },
        { kind: 'user', vendor: 'feishu', id: 'e2', groups: [{ vendor: 'feishu', id: 'g-1', runId }] },
        { kind: 'user', vendor: 'feishu', id: 'e3', groups: [{ vendor: 'feishu', id: 'g-1', runId }] },
        { kind: 'department', vendor: 'feishu', id: 'od-1', groups: [{ vendor: 'feishu', id: 'g-1', runId }] },
      ]),
    );
    expect(found).toHaveLength(4);
    expect(found[0]!.lastSeenAt).toBeInstanceOf(Date);

    await store.users.upsertMany([{ feishuUserId: 'e2', wecomUserId: 'w2' }]);
    await store.departments.upsertMany([{ feishuDepartmentId: 'od-1', wecomPartyId: '9' }]);
    // A WeCom id equal to a still-unmapped Feishu id does not count: the side matters.
    await store.users.upsertMany([{ feishuUserId: 'zz', wecomUserId: 'e1' }]);
    expect((await store.runs.unmappedIds(LONG_AGO, 100)).map((entry) => entry.id).sort()).toEqual(['e1', 'e3']);
  });

  it('one id met in several groups and runs is one entry: each group with its newest run, newest first', async () => {
    const first = await finishedRun('wecom_to_feishu', 'rules', [
      ruleItem('3', memberLosses('wecom', { userIds: ['zhangwei'] })),
    ]);
    const second = await finishedRun('wecom_to_feishu', 'rules', [
      ruleItem('3', memberLosses('wecom', { userIds: ['zhangwei'] })),
      ruleItem('4', memberLosses('wecom', { userIds: ['zhangwei'], departmentIds: ['7'] })),
    ]);
    const found = await store.runs.unmappedIds(LONG_AGO, 100);
    const person = found.find((entry) => entry.id === 'zhangwei')!;
    expect(person.vendor).toBe('wecom');
    expect(person.groups).toHaveLength(2);
    expect(person.groups).toEqual(
      expect.arrayContaining([
        { vendor: 'wecom', id: '3', runId: second },
        { vendor: 'wecom', id: '4', runId: second },
      ]),
    );
    expect(person.groups.map((group) => group.runId)).not.toContain(first);
    expect(found.map((entry) => `${entry.kind}:${entry.id}`).sort()).toEqual(['department:7', 'user:zhangwei']);
    expect(await store.runs.unmappedIds(LONG_AGO, 1)).toHaveLength(1);
  });

  it("a two-way run's ids take their side from the loss (which vendor they have no counterpart in)", async () => {
    await finishedRun('two_way', 'rules', [
      ruleItem('g-9', memberLosses('feishu', { userIds: ['e9'] })),
      ruleItem('9', memberLosses('wecom', { userIds: ['w9'] })),
    ]);
    const found = await store.runs.unmappedIds(LONG_AGO, 100);
    expect(found.map(({ vendor, id, groups }) => ({ vendor, id, groups: groups.map((group) => group.id) }))).toEqual(
      expect.arrayContaining([
        { vendor: 'feishu', id: 'e9', groups: ['g-9'] },
        { vendor: 'wecom', id: 'w9', groups: ['9'] },
      ]),
    );
  });

  it('reads the people punch runs skipped for want of a mapping; groups are the groups the run named', async () => {
    const punch = (sourceId: string, error: string | null, action: SyncRunItem['action'] = 'skipped') => ({
      sourceId,
      targetId: null,
      action,
      losses: [],
      error,
    });
    const named = await finishedRun(
      'feishu_to_wecom',
      'punches',
      [punch('e5', 'not synced: Feishu user e5 has no mapped WeCom user (PUT /api/v1/mappings/users)')],
      { groupIds: ['g-5'] },
    );
    await finishedRun('wecom_to_feishu', 'punches', [
      punch('lisi', 'not synced: WeCom user lisi has no mapped Feishu user (PUT /api/v1/mappings/users)'),
      punch('other', 'some other reason'),
      punch('done', null, 'created'),
    ]);
    const found = await store.runs.unmappedIds(LONG_AGO, 100);
    expect(found.map(({ kind, vendor, id, groups }) => ({ kind, vendor, id, groups }))).toEqual(
      expect.arrayContaining([
        { kind: 'user', vendor: 'feishu', id: 'e5', groups: [{ vendor: 'feishu', id: 'g-5', runId: named }] },
        { kind: 'user', vendor: 'wecom', id: 'lisi', groups: [] },
      ]),
    );
    expect(found).toHaveLength(2);
  });

  it('only runs queued since the given time count', async () => {
    await finishedRun('feishu_to_wecom', 'rules', [ruleItem('g-1', memberLosses('feishu', { userIds: ['e1'] }))]);
    expect(await store.runs.unmappedIds(new Date(Date.now() + 60_000), 100)).toEqual([]);
  });
});
