import { randomUUID } from 'node:crypto';
import type { MappingStore } from '@app/mapping-store';
import { tableIdResolver } from '@app/translation';
import { officeRule } from '../../../../../libs/translation/test/canonical-rule.fixtures.js';
import { openTestStore, type TestStore } from '../../../../../test/support/test-database.js';
import {
  MemoryRulesSource,
  MemoryRulesTarget,
  MemoryRulesVendor,
} from '../../../../../test/support/memory-rules.vendor.js';
import { UnreadableRecords } from '../engine/unreadable-records.js';
import { runDirections, type ScopeReconciler } from '../engine/scope-registry.js';
import { RulesReconciler, rulesHalf } from './rules.reconciler.js';
import type { RulesRunContext } from './rule-sync.types.js';

// The one rules reconciler over a third, in-memory vendor on both sides (test/support/memory-rules.vendor.ts)
// and a real mapping store: the engine creates, leaves alone, updates, re-creates and reports deletions and
// refusals between two vendors it has never heard of, with links kept as sides of those vendors. Nothing in
// the engine changes for it: the vendor brings its source and target roles (rule-sides.ts) and nothing else.

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

function context(overrides: Partial<RulesRunContext> = {}): RulesRunContext {
  return {
    // The store keeps run ids as uuids (a conflict names the run that opened it).
    runId: randomUUID(),
    dryRun: false,
    store,
    resolver: tableIdResolver(new Map(), new Map()),
    now: () => new Date('2026-12-06T08:00:00Z'),
    unreadable: new UnreadableRecords(),
    ...overrides,
  };
}

/** A one-way run from `north` to `south`, as the rules scope composes a direction. */
function run(north: MemoryRulesVendor, south: MemoryRulesVendor, overrides: Partial<RulesRunContext> = {}) {
  const ctx = context(overrides);
  return new RulesReconciler(
    ctx,
    'feishu_to_wecom',
    'one_way',
    new MemoryRulesSource(ctx, north),
    new MemoryRulesTarget(ctx, south, north, 'feishu_to_wecom'),
  ).run();
}

const vendors = (tag: string) => ({
  north: new MemoryRulesVendor(`north_${tag}`, 'North roster', 'roster'),
  south: new MemoryRulesVendor(`south_${tag}`, 'South rota', 'rota'),
});

it('creates, then leaves alone, then updates the counterpart, with links as sides of the two vendors', async () => {
  const { north, south } = vendors('a');
  const day = north.put(officeRule({ name: 'Day shift' }));
  const night = north.put(
    officeRule({ name: 'Night shift', members: { userIds: ['bob'], departmentIds: [], excludedUserIds: [] } }),
  );

  const first = await run(north, south);
  expect(first.map(({ sourceId, action }) => [sourceId, action]).sort()).toEqual([
    [day, 'created'],
    [night, 'created'],
  ]);
  expect(south.writes.map(({ api }) => api)).toEqual(['memory.create', 'memory.create']);
  const dayLink = (await store.groupLinks.findBySide(north.vendor, day))!;
  const southDay = dayLink.sides.get(south.vendor)!;
  expect(south.contents.get(southDay.id!)).toEqual(north.contents.get(day));
  expect(dayLink).toMatchObject({
    status: 'active',
    direction: 'feishu_to_wecom',
    feishuGroupId: null,
    wecomRuleId: null,
  });
  expect([...dayLink.sides.keys()].sort()).toEqual([north.vendor, south.vendor].sort());

  const second = await run(north, south);
  expect(second.map(({ action }) => action)).toEqual(['unchanged', 'unchanged']);
  expect(south.writes).toHaveLength(2);

  north.put(officeRule({ name: 'Day shift', wifiLocations: [] }), day);
  const third = await run(north, south, { groupIds: [day] });
  expect(third).toEqual([expect.objectContaining({ sourceId: day, targetId: southDay.id, action: 'updated' })]);
  expect(south.contents.get(southDay.id!)?.wifiLocations).toEqual([]);
  expect((await store.groupLinks.findBySide(south.vendor, southDay.id!))?.sides.get(north.vendor)?.hash).toBe(
    north.hashOf(day),
  );
});

it('re-creates a counterpart deleted in the target, and reports a source deleted', async () => {
  const { north, south } = vendors('b');
  const kept = north.put(officeRule({ name: 'Kept' }));
  const dropped = north.put(officeRule({ name: 'Dropped' }));
  await run(north, south);
  const keptTarget = (await store.groupLinks.findBySide(north.vendor, kept))!.sides.get(south.vendor)!.id!;
  south.rules.delete(keptTarget);
  north.rules.delete(dropped);

  const items = await run(north, south, { groupIds: [kept, dropped] });
  const byId = new Map(items.map((entry) => [entry.sourceId, entry]));
  expect(byId.get(kept)).toMatchObject({ action: 'created' });
  expect(byId.get(kept)?.targetId).not.toBe(keptTarget);
  expect(byId.get(dropped)).toMatchObject({ action: 'skipped' });
  expect(byId.get(dropped)?.error).toMatch(/North roster/);
  expect((await store.groupLinks.findBySide(north.vendor, dropped))?.status).toBe('source_missing');
});

it('fails only the rule the source cannot read; a dry run writes nothing', async () => {
  const { north, south } = vendors('c');
  const good = north.put(officeRule({ name: 'Good' }));
  north.putUnreadable('broken', 'Broken');

  const dry = await run(north, south, { dryRun: true });
  expect(dry.map(({ sourceId, action }) => [sourceId, action]).sort()).toEqual([
    ['broken', 'failed'],
    [good, 'created'],
  ]);
  expect(south.writes).toEqual([]);
  expect(await store.groupLinks.findBySide(north.vendor, good)).toBeNull();

  const items = await run(north, south);
  expect(items.find((entry) => entry.sourceId === 'broken')).toMatchObject({
    action: 'failed',
    losses: [expect.objectContaining({ severity: 'blocking' })],
  });
  expect(items.find((entry) => entry.sourceId === good)).toMatchObject({ action: 'created' });
  expect(south.writes).toHaveLength(1);
});

/**
 * The rules scope's composition of a two-way run, over the memory vendors: `north` stands where Feishu stands
 * in RULES_RECONCILER (its half decides), `south` where WeCom stands.
 */
const MEMORY_RULES: ScopeReconciler<RulesRunContext, { north: MemoryRulesVendor; south: MemoryRulesVendor }> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (ctx, { north, south }, direction) => {
    const [from, to] = direction === 'feishu_to_wecom' ? [north, south] : [south, north];
    return new RulesReconciler(
      ctx,
      direction,
      rulesHalf(ctx, direction, MEMORY_RULES.twoWay),
      new MemoryRulesSource(ctx, from),
      new MemoryRulesTarget(ctx, to, from, direction),
    ).run();
  },
};

it('two-way: a change on either side is pushed once to the other; both changed is a conflict, nothing written', async () => {
  const { north, south } = vendors('d');
  const id = north.put(officeRule({ name: 'Both ways' }));
  await run(north, south);
  const link = (await store.groupLinks.findBySide(north.vendor, id))!;
  await store.groupLinks.setDirection(link.id, 'two_way');
  const southId = link.sides.get(south.vendor)!.id!;
  const twoWay = () => runDirections(MEMORY_RULES, context(), () => ({ north, south }), 'two_way', { autoLink: false });

  // In sync: nothing written either way.
  expect((await twoWay()).map(({ action }) => action)).toEqual(['unchanged']);

  // South changed: the deciding half (north → south) leaves it; the other half pushes it to north.
  south.put(officeRule({ name: 'Both ways', wifiLocations: [] }), southId);
  const pushed = await twoWay();
  expect(pushed).toEqual([expect.objectContaining({ sourceId: southId, targetId: id, action: 'updated' })]);
  expect(north.contents.get(id)?.wifiLocations).toEqual([]);
  expect((await twoWay()).map(({ action }) => action)).toEqual(['unchanged']);

  // Both changed: a conflict on the link, and neither side written.
  north.put(
    officeRule({ name: 'Both ways', members: { userIds: ['carol'], departmentIds: [], excludedUserIds: [] } }),
    id,
  );
  south.put(
    officeRule({ name: 'Both ways', members: { userIds: ['dave'], departmentIds: [], excludedUserIds: [] } }),
    southId,
  );
  const writes = [north.writes.length, south.writes.length];
  const conflicted = await twoWay();
  expect(conflicted).toEqual([expect.objectContaining({ sourceId: id, action: 'skipped' })]);
  expect((await store.groupLinks.findById(link.id))?.status).toBe('conflict');
  const conflict = await store.conflicts.findOpenForLink(link.id);
  expect(conflict).toMatchObject({ kind: 'content' });
  // The conflict keeps both vendors' hashes and names both vendors' rules, in one order from either half.
  expect([...conflict!.sideHashes.keys()]).toEqual([north.vendor, south.vendor]);
  expect(conflicted[0]?.error).toBe(
    'both the North roster and the South rota changed since the last sync, so neither was written; choose the ' +
      `winner with POST /api/v1/conflicts/${conflict!.id}/resolve {"winner": "${north.vendor}"|"${south.vendor}"}`,
  );
  expect([north.writes.length, south.writes.length]).toEqual(writes);
  const blocked = await twoWay();
  expect(blocked.map(({ error }) => error)).toEqual([
    `unresolved conflict ${conflict!.id}: resolve it with POST /api/v1/conflicts/${conflict!.id}/resolve ` +
      `{"winner": "${north.vendor}"|"${south.vendor}"}`,
  ]);
});
