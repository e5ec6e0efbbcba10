import { randomUUID } from 'node:crypto';
import type { LinkDirection } from '@app/kernel';
import type { MappingStore } from '@app/mapping-store';
import type { IdResolver } from '@app/translation';
import { openTestStore, type TestStore } from '../../../../../test/support/test-database.js';
import {
  MemoryRostersConnector,
  MemoryRostersSource,
  MemoryRostersTarget,
} from '../../../../../test/support/memory-rosters.vendor.js';
import { UnreadableRecords } from '../engine/unreadable-records.js';
import { runDirections, type ScopeReconciler } from '../engine/scope-registry.js';
import { RostersReconciler, type RostersRunContext } from './rosters.reconciler.js';

// The one roster reconciler between two in-memory vendors (test/support/memory-rosters.vendor.ts) on a real
// mapping store: days carried (rest days too), a second run that writes nothing, what cannot be carried reported
// per person and day, one refused person not stopping the others, a dry run, and a two-way link's fill mode.
// Nothing in the engine changes for them: each vendor brings its two roles (roster-sides.ts). `north` reads a
// group when asked, lists its members and has shifts of its own; `south` lists its groups up front, names only
// some people and derives its shift keys from the shifts north describes.

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

/** north ⇄ south people: carol has no counterpart. */
const PEOPLE = new Map([
  ['alice', 's-alice'],
  ['bob', 's-bob'],
]);

function resolver(north: string): IdResolver {
  const southToNorth = new Map([...PEOPLE].map(([from, to]) => [to, from]));
  const user = (id: string, from: string, to: string) =>
    from === to ? id : ((from === north ? PEOPLE : southToNorth).get(id) ?? null);
  return { user, department: () => null };
}

function world(tag: string) {
  const north = new MemoryRostersConnector(`north_${tag}`, 'tenant');
  north.shifts.set('n1', 'Early').set('n2', 'Late').set('n9', 'Odd');
  north.group('N1', { users: ['alice', 'bob', 'carol'] });
  const south = new MemoryRostersConnector(`south_${tag}`, 'listing');
  const early = `${south.vendor}:Early`;
  const late = `${south.vendor}:Late`;
  south.group('S1', {
    users: ['s-alice'],
    shifts: new Map([
      [early, 'Early'],
      [late, 'Late'],
    ]),
  });
  return { north, south, early, late };
}

function context(north: MemoryRostersConnector, overrides: Partial<RostersRunContext> = {}): RostersRunContext {
  return {
    runId: randomUUID(),
    dryRun: false,
    store,
    resolver: resolver(north.vendor),
    now: () => new Date('2026-03-01T00:00:00Z'),
    unreadable: new UnreadableRecords(),
    from: '2026-03-01',
    to: '2026-03-03',
    ...overrides,
  };
}

/** An active link between north's N1 and south's S1. */
async function link(north: MemoryRostersConnector, south: MemoryRostersConnector, direction: LinkDirection) {
  const intent = await store.groupLinks.recordIntent({
    direction,
    source: { vendor: north.vendor, id: 'N1', name: 'N1' },
    target: { vendor: south.vendor, name: 'S1' },
  });
  return store.groupLinks.markSynced(intent.id, {
    sides: [
      { vendor: north.vendor, id: 'N1', hash: 'n' },
      { vendor: south.vendor, id: 'S1', hash: 's' },
    ],
    syncedAt: new Date('2026-03-01T00:00:00Z'),
  });
}

/** One direction: `feishu_to_wecom` stands for north → south, as MEMORY_ROSTERS composes it. */
function run(
  from: MemoryRostersConnector,
  to: MemoryRostersConnector,
  ctx: RostersRunContext,
  direction: 'feishu_to_wecom' | 'wecom_to_feishu' = 'feishu_to_wecom',
) {
  return new RostersReconciler(ctx, direction, new MemoryRostersSource(from), new MemoryRostersTarget(to)).run();
}

const lossesOf = (losses: readonly { readonly field: string; readonly message: string }[]) =>
  losses.map(({ field, message }) => [field, message]);

it('carries the days (rest days as rest days), then a second run writes nothing', async () => {
  const { north, south, early, late } = world('a');
  await link(north, south, 'feishu_to_wecom');
  north
    .day('N1', 'alice', '2026-03-01', 'n1')
    .day('N1', 'alice', '2026-03-02', '0')
    .day('N1', 'bob', '2026-03-01', 'n2');
  // Outside the window: not carried.
  north.day('N1', 'bob', '2026-03-04', 'n1');

  const first = await run(north, south, context(north));
  expect(first).toEqual([{ sourceId: 'N1', targetId: 'S1', action: 'created', losses: [], error: null }]);
  expect(south.rosterOf('S1')).toEqual([
    `s-alice 2026-03-01 ${early}`,
    's-alice 2026-03-02 0',
    `s-bob 2026-03-01 ${late}`,
  ]);

  const second = await run(north, south, context(north));
  expect(second.map(({ action }) => action)).toEqual(['unchanged']);
  expect(south.calls).toHaveLength(1);

  north.day('N1', 'alice', '2026-03-02', 'n2');
  const third = await run(north, south, context(north));
  expect(third.map(({ action }) => action)).toEqual(['updated']);
  expect(south.calls.at(-1)).toEqual([{ sourceUser: 'alice', user: 's-alice', day: '2026-03-02', shift: late }]);
});

it('reports an unmapped person and an unpaired shift per person and day, and writes the rest', async () => {
  const { north, south, early } = world('b');
  await link(north, south, 'feishu_to_wecom');
  north
    .day('N1', 'alice', '2026-03-01', 'n1')
    .day('N1', 'alice', '2026-03-03', 'n9')
    .day('N1', 'carol', '2026-03-01', 'n1');

  const [result] = await run(north, south, context(north));
  expect(result?.action).toBe('created');
  expect(lossesOf(result?.losses ?? [])).toEqual([
    ['roster.alice.2026-03-03', `north_b shift n9 (Odd) has no pair in south_b group S1`],
    [
      'roster.carol.2026-03-01',
      'north_b user carol has no south_b user mapped (PUT /api/v1/mappings/users), so this day was not written to south_b.',
    ],
  ]);
  expect(south.rosterOf('S1')).toEqual([`s-alice 2026-03-01 ${early}`]);
});

it('a person the target refuses costs only their days', async () => {
  const { north, south, early, late } = world('c');
  await link(north, south, 'feishu_to_wecom');
  north
    .day('N1', 'alice', '2026-03-01', 'n1')
    .day('N1', 'bob', '2026-03-01', 'n2')
    .day('N1', 'bob', '2026-03-02', 'n1');
  south.refused.add('s-bob');

  const [result] = await run(north, south, context(north));
  expect(result?.action).toBe('created');
  expect(result?.losses.map(({ field, targetValue }) => [field, targetValue])).toEqual([
    ['roster.bob.2026-03-01', late],
    ['roster.bob.2026-03-02', early],
  ]);
  expect(result?.losses[0]?.message).toMatch(/^south_c refused s-bob: .*unknown s-bob/);
  // The whole batch first, then each person alone.
  expect(south.calls.map((call) => call.map(({ user }) => user))).toEqual([
    ['s-alice', 's-bob', 's-bob'],
    ['s-alice'],
    ['s-bob', 's-bob'],
  ]);
  expect(south.rosterOf('S1')).toEqual([`s-alice 2026-03-01 ${early}`]);
});

it('a dry run plans the target calls and writes nothing', async () => {
  const { north, south } = world('d');
  await link(north, south, 'feishu_to_wecom');
  north.day('N1', 'alice', '2026-03-01', 'n1').day('N1', 'bob', '2026-03-02', '0');

  const items = await run(north, south, context(north, { dryRun: true }));
  expect(items).toEqual([
    {
      sourceId: 'N1',
      targetId: 'S1',
      action: 'created',
      losses: [],
      error: null,
      plan: { vendor: south.vendor, requests: [{ api: 'memory.roster', body: { group: 'S1', days: 2 } }] },
    },
  ]);
  expect([south.calls, south.rosterOf('S1')]).toEqual([[], []]);
});

it('south → north: finds people through the target group, pairs derived keys among the target shifts, overwrites', async () => {
  const { north, south, late } = world('e');
  await link(north, south, 'feishu_to_wecom');
  // s-bob is not named by S1 (a person it reaches through a department): found as a member of north's N1.
  south.day('S1', 's-alice', '2026-03-01', late).day('S1', 's-bob', '2026-03-02', late);
  north.day('N1', 'alice', '2026-03-01', 'n1');

  const items = await run(south, north, context(north, { groupIds: ['S1'] }), 'wecom_to_feishu');
  expect(items.map(({ sourceId, targetId, action }) => [sourceId, targetId, action])).toEqual([
    ['S1', 'N1', 'updated'],
  ]);
  expect(north.rosterOf('N1')).toEqual(['alice 2026-03-01 n2', 'bob 2026-03-02 n2']);
});

/** The roster scope's composition of a two-way run over the memory vendors: north where Feishu stands. */
const MEMORY_ROSTERS: ScopeReconciler<
  RostersRunContext,
  { readonly north: MemoryRostersConnector; readonly south: MemoryRostersConnector }
> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (ctx, { north, south }, direction) =>
    direction === 'feishu_to_wecom' ? run(north, south, ctx, direction) : run(south, north, ctx, direction),
};

it('a scheduled run of a two-way link only fills the days a side lacks, and reports a day both hold differently', async () => {
  const { north, south, early, late } = world('f');
  const { id } = await link(north, south, 'two_way');
  expect((await store.groupLinks.findById(id))?.direction).toBe('two_way');
  north.day('N1', 'alice', '2026-03-01', 'n1').day('N1', 'alice', '2026-03-02', '0');
  south.day('S1', 's-alice', '2026-03-01', late).day('S1', 's-alice', '2026-03-03', early);
  const twoWay = () =>
    runDirections(MEMORY_ROSTERS, context(north), () => ({ north, south }), 'two_way', { autoLink: false });

  const items = await twoWay();
  expect(items.map(({ sourceId, action }) => [sourceId, action])).toEqual([
    ['N1', 'updated'],
    ['S1', 'updated'],
  ]);
  expect(items.map(({ losses }) => losses.map(({ field }) => field))).toEqual([
    ['roster.alice.2026-03-01'],
    ['roster.s-alice.2026-03-01'],
  ]);
  expect(items[0]?.losses[0]?.message).toBe(
    'north_f has shift n1 and south_f has shift south_f:Late on this day; on a two-way link a scheduled run only ' +
      'fills days one side lacks, so neither was changed. Run a one-way roster sync from the side that is right.',
  );
  expect(south.rosterOf('S1')).toEqual([
    `s-alice 2026-03-01 ${late}`,
    's-alice 2026-03-02 0',
    `s-alice 2026-03-03 ${early}`,
  ]);
  expect(north.rosterOf('N1')).toEqual(['alice 2026-03-01 n1', 'alice 2026-03-02 0', 'alice 2026-03-03 n1']);

  const again = await twoWay();
  expect(again.map(({ action }) => action)).toEqual(['unchanged', 'unchanged']);
  expect([north.calls.length, south.calls.length]).toEqual([1, 1]);
});
