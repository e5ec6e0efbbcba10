import type { MappingStore, SyncRunItem } from '@app/mapping-store';
import { chinaMidnight, type LinkDirection } from '@app/kernel';
import { sameIdResolver, tableIdResolver } from '@app/translation';
import { openTestStore, type TestStore } from '../../../../../test/support/test-database.js';
import {
  MEMO_NOT_A_PUNCH,
  MemoryPunchSource,
  MemoryPunchTarget,
  MemoryPunchesVendor,
  type MemoOptions,
} from '../../../../../test/support/memory-punches.vendor.js';
import { UnreadableRecords } from '../engine/unreadable-records.js';
import { runDirections, type OneWayDirection, type ScopeReconciler } from '../engine/scope-registry.js';
import type { PunchRunContext } from './punch-sides.js';
import { PunchesReconciler } from './punches.reconciler.js';

// The one punch reconciler over a third, in-memory vendor on both sides (test/support/memory-punches.vendor.ts)
// and a real mapping store: the engine carries punches, leaves carried ones alone, reports unmapped people, the
// records that are not punches and a refused write, shows a dry run's plan, and runs both ways without echoing,
// between two vendors it has never heard of. Nothing in the engine changes for them: each vendor brings its
// source and target roles (punch-sides.ts) and nothing else. `north` works as Feishu does (record ids,
// idempotent writes, marked imports), `south` as WeCom does (punch keys, pending writes settled by a read).

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

const FROM = '2026-12-01';
const TO = '2026-12-03';
/** `hour` o'clock (China time) on December `day`, in Unix seconds. */
const at = (day: number, hour: number): number => chinaMidnight(`2026-12-0${day}`)! + hour * 3600;

/** Both vendors, and the people of a test (`tag` keeps each test's people and punches its own in the store). */
function setup(tag: string, north: Partial<MemoOptions> = {}, south: Partial<MemoOptions> = {}) {
  const people = ['ann', 'bob', 'cy'].map((name) => ({ north: `n-${name}-${tag}`, south: `s-${name}-${tag}` }));
  return {
    north: new MemoryPunchesVendor('feishu', 'Memo North', { style: 'record_ids', ...north }),
    south: new MemoryPunchesVendor('wecom', 'Memo South', { style: 'punch_keys', ...south }),
    people,
    resolver: tableIdResolver(new Map(people.map((person) => [person.north, person.south])), new Map()),
  };
}

type Pair = ReturnType<typeof setup>;

async function context(
  pair: Pair,
  direction: LinkDirection,
  overrides: Partial<PunchRunContext> = {},
): Promise<PunchRunContext> {
  const dryRun = overrides.dryRun ?? false;
  const params = overrides.params ?? { from: FROM, to: TO };
  // Record mappings name the run that wrote them (a uuid of sync_runs).
  const { id } = await store.runs.create({ direction, scope: 'punches', dryRun, triggeredBy: 'api', params });
  return {
    runId: id,
    dryRun,
    params,
    store,
    resolver: pair.resolver,
    userIdMapping: 'table',
    now: () => new Date('2026-12-06T08:00:00Z'),
    unreadable: new UnreadableRecords(),
    ...overrides,
  };
}

/** The memory pair as a scope: north → south first in a two-way run, as the punch scope composes its pair. */
const MEMO_PUNCHES: ScopeReconciler<PunchRunContext, Pair> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (ctx, { north, south }, direction) =>
    direction === 'feishu_to_wecom'
      ? new PunchesReconciler(ctx, direction, new MemoryPunchSource(north), new MemoryPunchTarget(south)).run()
      : new PunchesReconciler(ctx, direction, new MemoryPunchSource(south), new MemoryPunchTarget(north)).run(),
};

/** One way: north → south, or south → north. */
async function run(pair: Pair, direction: OneWayDirection, overrides: Partial<PunchRunContext> = {}) {
  return MEMO_PUNCHES.run(await context(pair, direction, overrides), pair, direction);
}

const userIds = (pair: Pair, side: 'north' | 'south') => pair.people.map((person) => person[side]);
const notes = (items: readonly SyncRunItem[]) =>
  Object.fromEntries(items.map((item) => [item.sourceId, (item.notes ?? []).map((note) => note.message)]));

describe.each([
  ['north → south (into punch keys, pending writes)', 'feishu_to_wecom', 'north', 'south', 'Memo South'],
  ['south → north (into idempotent writes)', 'wecom_to_feishu', 'south', 'north', 'Memo North'],
] as const)('%s', (_, direction, from, to, targetName) => {
  it('carries every punch to the mapped person, then a second run writes nothing', async () => {
    const pair = setup(`a-${from}`);
    const [ann, bob, cy] = pair.people;
    pair[from].punch(ann![from], at(1, 9));
    pair[from].punch(ann![from], at(1, 18));
    pair[from].punch(bob![from], at(2, 9));
    const params = { from: FROM, to: TO, userIds: userIds(pair, from) };

    const first = await run(pair, direction, { params });
    expect(first).toEqual([
      {
        sourceId: ann![from],
        targetId: ann![to],
        action: 'created',
        losses: [],
        notes: [{ field: 'punches', message: `2 written to ${targetName}` }],
        error: null,
      },
      {
        sourceId: bob![from],
        targetId: bob![to],
        action: 'created',
        losses: [],
        notes: [{ field: 'punches', message: `1 written to ${targetName}` }],
        error: null,
      },
      { sourceId: cy![from], targetId: cy![to], action: 'unchanged', losses: [], error: null },
    ]);
    expect(pair[to].held()).toEqual(
      [`${ann![to]}@${at(1, 9)}`, `${ann![to]}@${at(1, 18)}`, `${bob![to]}@${at(2, 9)}`].sort(),
    );
    const rows = await harness.sql<{ state: string }>(
      `SELECT "state" FROM "punch_record_mappings" WHERE "source_vendor" = $1 AND "user_key" = ANY($2::text[])`,
      [pair[from].vendor, [...userIds(pair, 'north'), ...userIds(pair, 'south')]],
    );
    expect(rows.map((row) => row.state)).toEqual(['done', 'done', 'done']);

    const writes = pair[to].writes.length;
    const second = await run(pair, direction, { params });
    expect(pair[to].writes).toHaveLength(writes);
    expect(pair[to].held()).toHaveLength(3);
    expect(second.map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(notes(second)).toEqual({
      [ann![from]]: [`2 already in ${targetName} from an earlier run`],
      [bob![from]]: [`1 already in ${targetName} from an earlier run`],
      [cy![from]]: [],
    });
  });

  it('a refused write fails only the people of that call; the rest are written, and the next run carries it', async () => {
    const pair = setup(`d-${from}`, { writeBatch: 1 }, { writeBatch: 1 });
    const [ann, bob, cy] = pair.people;
    for (const person of pair.people) pair[from].punch(person[from], at(2, 9));
    pair[to].refusing.add(bob![to]);
    const params = { from: FROM, to: TO, userIds: userIds(pair, from) };

    const items = await run(pair, direction, { params });
    expect(items.map((item) => [item.sourceId, item.action, item.error])).toEqual([
      [ann![from], 'created', null],
      [bob![from], 'failed', `${targetName} refused the punches of ${bob![to]}`],
      [cy![from], 'created', null],
    ]);
    expect(pair[to].held()).toEqual([`${ann![to]}@${at(2, 9)}`, `${cy![to]}@${at(2, 9)}`].sort());

    // Once the vendor takes it, the next run carries the refused punch and nothing else.
    pair[to].refusing.clear();
    const retry = await run(pair, direction, { params });
    expect(retry.map((item) => [item.sourceId, item.action])).toEqual([
      [ann![from], 'unchanged'],
      [bob![from], 'created'],
      [cy![from], 'unchanged'],
    ]);
    expect(pair[to].held()).toHaveLength(3);
  });

  it('a write whose answer was lost is not made twice by the next run', async () => {
    const pair = setup(`h-${from}`);
    const [ann] = pair.people;
    pair[from].punch(ann![from], at(1, 9));
    pair[to].losingAnswers.add(ann![to]);
    const params = { from: FROM, to: TO, userIds: [ann![from]] };
    const first = await run(pair, direction, { params });
    expect(first.map((item) => [item.action, item.error])).toEqual([
      ['failed', `${targetName} did not answer the punches of ${ann![to]}`],
    ]);

    pair[to].losingAnswers.clear();
    const second = await run(pair, direction, { params });
    expect(second.map((item) => item.action)).not.toContain('failed');
    expect(pair[to].held()).toEqual([`${ann![to]}@${at(1, 9)}`]);
  });

  it('counts a record that is not a punch as skipped, with the reason its vendor gives, and carries the rest', async () => {
    const pair = setup(`c-${from}`);
    const [ann] = pair.people;
    pair[from].punch(ann![from], at(1, 8), true);
    pair[from].punch(ann![from], at(1, 9));
    const items = await run(pair, direction, { params: { from: FROM, to: TO, userIds: [ann![from]] } });
    expect(items).toEqual([
      expect.objectContaining({
        sourceId: ann![from],
        action: 'created',
        notes: [
          { field: 'punches', message: `1 written to ${targetName}` },
          { field: 'punches', message: `1 skipped: ${MEMO_NOT_A_PUNCH}` },
        ],
      }),
    ]);
    expect(pair[to].held()).toEqual([`${ann![to]}@${at(1, 9)}`]);
  });
});

it('reports a person without a mapped counterpart, naming both vendors', async () => {
  const pair = setup('b');
  const [ann] = pair.people;
  pair.north.punch(ann!.north, at(1, 9));
  pair.north.punch('n-zed-b', at(1, 9));
  const items = await run(pair, 'feishu_to_wecom', {
    params: { from: FROM, to: TO, userIds: [ann!.north, 'n-zed-b'] },
  });
  expect(items).toEqual([
    {
      sourceId: 'n-zed-b',
      targetId: null,
      action: 'skipped',
      losses: [],
      error: 'not synced: Memo North user n-zed-b has no mapped Memo South user (PUT /api/v1/mappings/users)',
    },
    expect.objectContaining({ sourceId: ann!.north, action: 'created' }),
  ]);
  expect(pair.south.held()).toEqual([`${ann!.south}@${at(1, 9)}`]);
});

it('a dry run writes nothing and shows, per person, the exact call it would make', async () => {
  const pair = setup('e');
  const [ann, bob] = pair.people;
  pair.north.punch(ann!.north, at(1, 9));
  pair.north.punch(ann!.north, at(1, 18));
  pair.north.punch(bob!.north, at(2, 9));
  const params = { from: FROM, to: TO, userIds: [ann!.north, bob!.north] };
  const items = await run(pair, 'feishu_to_wecom', { dryRun: true, params });
  expect(items).toEqual([
    {
      sourceId: ann!.north,
      targetId: ann!.south,
      action: 'created',
      losses: [],
      notes: [{ field: 'punches', message: '2 would be written to Memo South' }],
      error: null,
      plan: {
        vendor: 'wecom',
        requests: [
          {
            api: 'memo.punches.add',
            body: {
              punches: [
                { user: ann!.south, at: at(1, 9) },
                { user: ann!.south, at: at(1, 18) },
              ],
            },
          },
        ],
      },
    },
    expect.objectContaining({
      sourceId: bob!.north,
      action: 'created',
      plan: {
        vendor: 'wecom',
        requests: [{ api: 'memo.punches.add', body: { punches: [{ user: bob!.south, at: at(2, 9) }] } }],
      },
    }),
  ]);
  expect(pair.south.writes).toEqual([]);
  expect(pair.south.held()).toEqual([]);
  const rows = await harness.sql(`SELECT 1 FROM "punch_record_mappings" WHERE "user_key" = ANY($1::text[])`, [
    [ann!.north, ann!.south, bob!.north, bob!.south],
  ]);
  expect(rows).toEqual([]);
  // Nothing was recorded, so the real run writes every punch.
  expect((await run(pair, 'feishu_to_wecom', { params })).map((item) => item.action)).toEqual(['created', 'created']);
});

it('a two-way run carries each side’s own punches across and never echoes one back', async () => {
  const pair = setup('f');
  const [ann] = pair.people;
  pair.north.punch(ann!.north, at(1, 9));
  pair.south.punch(ann!.south, at(1, 18));
  // USER_ID_MAPPING=table without userIds: each half syncs the store's mapped people, from its own side.
  await store.users.upsertMany([{ feishuUserId: ann!.north, wecomUserId: ann!.south }]);
  const both = [`${ann!.north}@${at(1, 9)}`, `${ann!.north}@${at(1, 18)}`];
  const twoWay = async () =>
    runDirections(MEMO_PUNCHES, await context(pair, 'two_way'), () => pair, 'two_way', { autoLink: false });

  const items = await twoWay();
  expect(items.map((item) => [item.sourceId, item.action])).toEqual([
    [ann!.north, 'created'],
    [ann!.south, 'created'],
  ]);
  expect(notes(items)[ann!.south]).toEqual([
    '1 written to Memo North',
    '1 came from Memo North through the gateway, so not sent back',
  ]);
  expect(pair.north.held()).toEqual(both);
  expect(pair.south.held()).toEqual(both.map((punch) => punch.replace(ann!.north, ann!.south)));

  const writes = [pair.north.writes.length, pair.south.writes.length];
  const again = await twoWay();
  expect(again.map((item) => item.action)).toEqual(['unchanged', 'unchanged']);
  expect(notes(again)).toEqual({
    [ann!.south]: [
      '1 already in Memo North from an earlier run',
      '1 came from Memo North through the gateway, so not sent back',
    ],
    [ann!.north]: [
      '1 already in Memo South from an earlier run',
      '1 came from Memo South through the gateway, so not sent back',
    ],
  });
  expect([pair.north.writes.length, pair.south.writes.length]).toEqual(writes);
  expect(pair.north.held()).toEqual(both);
});

it('takes the people of USER_ID_MAPPING=same from whichever side lists attendance groups', async () => {
  const pair = setup('g', {}, { groups: new Map([['night-shift', ['same-x', 'same-y']]]) });
  pair.north.punch('same-x', at(1, 9));
  const items = await run(pair, 'feishu_to_wecom', {
    params: { from: FROM, to: TO },
    userIdMapping: 'same',
    resolver: sameIdResolver(),
  });
  expect(items.map((item) => [item.sourceId, item.targetId, item.action])).toEqual([
    ['same-x', 'same-x', 'created'],
    ['same-y', 'same-y', 'unchanged'],
  ]);
  expect(pair.south.held()).toEqual([`same-x@${at(1, 9)}`]);
});
