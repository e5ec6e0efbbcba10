import type { Loss } from '@app/kernel';
import type { GroupLink, MappingStore } from '@app/mapping-store';
import { tableIdResolver } from '@app/translation';
import { MemoryRulesConnector } from '../../../../../test/support/memory-rules.connector.js';
import { linkSide } from '../engine/link-sides.js';
import { UnreadableRecords } from '../engine/unreadable-records.js';
import { refusedItem, sourceDeletedItem, targetDeletedItem } from './rule-removals.js';
import { syncRuleItem } from './rule-item.js';
import type { RuleDirection, RulesRunContext } from './rule-sync.types.js';
import { nameTakenItem, planLinkOf } from './two-way.js';
import { pairLink } from '../../../../../test/support/group-links.js';

// The rules code both directions share, run over two in-memory connectors (test/support/memory-rules.connector.ts)
// and a store that only records what was asked of it: the items and link changes come out of the connectors'
// nouns, note fields and deletes and the link's sides as read by vendor, whichever vendor is the source. The
// Feishu and WeCom wording of the same items is the e2e suite's (reconcile, run-item-notes, bad-input).

function link(overrides: Partial<Omit<GroupLink, 'sides'>> = {}): GroupLink {
  return pairLink({
    id: 'L1',
    feishuGroupId: 'G1',
    feishuGroupName: 'Day shift',
    wecomRuleId: '100',
    wecomRuleName: 'Day shift',
    direction: 'two_way',
    status: 'active',
    feishuHash: 'fh',
    wecomHash: 'wh',
    lastSyncedAt: null,
    lastError: null,
    lastErrorKind: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    writtenVendor: null,
    ...overrides,
  });
}

function setUp(options: { dryRun?: boolean; propagateDeletes?: boolean; reversed?: boolean } = {}) {
  const calls: unknown[][] = [];
  const store = {
    groupLinks: {
      setStatus: async (...args: unknown[]) => void calls.push(['setStatus', ...args]),
      delete: async (...args: unknown[]) => void calls.push(['delete', ...args]),
      findBySide: async (...args: unknown[]) => {
        calls.push(['findBySide', ...args]);
        return null;
      },
    },
    conflicts: { findOpenForLink: async () => null },
  } as unknown as MappingStore;
  const context: RulesRunContext = {
    runId: 'run-1',
    dryRun: options.dryRun ?? false,
    store,
    resolver: tableIdResolver(new Map(), new Map()),
    now: () => new Date(0),
    unreadable: new UnreadableRecords(),
    ...(options.propagateDeletes === undefined ? {} : { propagateDeletes: options.propagateDeletes }),
  };
  // Two memory vendors on the link's two sides; `reversed` syncs from the WeCom side's to the Feishu side's.
  const north = new MemoryRulesConnector('feishu', 'North roster', 'roster').holding({ id: 'G1', name: 'Day shift' });
  const south = new MemoryRulesConnector('wecom', 'South rule', 'rule', ['foreign_owned_rule']).holding({
    id: '100',
    name: 'Day shift',
  });
  const direction: RuleDirection = options.reversed
    ? { source: south, target: north }
    : { source: north, target: south };
  return { context, calls, north, south, direction };
}

describe('sourceDeletedItem', () => {
  it('leaves the target alone and marks the link source_missing while deletes do not propagate', async () => {
    const { context, calls, direction, south } = setUp();
    const done = await sourceDeletedItem(context, direction, 'G1', link());
    expect(done).toMatchObject({
      sourceId: 'G1',
      targetId: '100',
      action: 'skipped',
      error: 'the North roster no longer exists; its South rule was left as it is (SYNC_PROPAGATE_DELETES is off)',
    });
    expect(calls).toEqual([
      ['setStatus', 'L1', 'source_missing', { message: 'North roster not found', kind: 'source_missing' }],
    ]);
    expect(south.writes).toEqual([]);
  });

  it('records nothing for a source no link knew', async () => {
    const { context, calls, direction } = setUp({ propagateDeletes: true });
    const done = await sourceDeletedItem(context, direction, 'G9', null);
    expect(done).toMatchObject({ targetId: null, action: 'skipped', error: 'the North roster no longer exists' });
    expect(calls).toEqual([]);
  });

  it('deletes the target rule and the link with SYNC_PROPAGATE_DELETES, noting it under the target note field', async () => {
    const { context, calls, direction, south } = setUp({ propagateDeletes: true });
    const done = await sourceDeletedItem(context, direction, 'G1', link());
    expect(done).toMatchObject({ targetId: '100', action: 'updated', error: null });
    expect(done.notes).toEqual([
      {
        field: 'rule',
        message: 'The North roster was deleted, so its South rule 100 was deleted too (SYNC_PROPAGATE_DELETES).',
      },
    ]);
    expect(south.writes).toEqual([{ api: 'memory.delete', id: '100' }]);
    expect(south.rules.has('100')).toBe(false);
    expect(calls).toEqual([['delete', 'L1']]);
  });

  it('a dry run shows the target connector’s delete plan and writes nothing', async () => {
    const { context, calls, direction, south } = setUp({ propagateDeletes: true, dryRun: true });
    const done = await sourceDeletedItem(context, direction, 'G1', link());
    expect(done.plan).toEqual({ vendor: 'wecom', requests: [{ api: 'memory.delete', body: { id: '100' } }] });
    expect(south.writes).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('reads the target side by the target connector’s vendor, whichever side is the source', async () => {
    const { context, direction, north } = setUp({ propagateDeletes: true, reversed: true });
    const done = await sourceDeletedItem(context, direction, '100', link());
    expect(done).toMatchObject({ sourceId: '100', targetId: 'G1', action: 'updated' });
    expect(done.notes?.[0]?.field).toBe('roster');
    expect(north.writes).toEqual([{ api: 'memory.delete', id: 'G1' }]);
  });
});

describe('targetDeletedItem', () => {
  it('marks a two-way link target_missing while deletes do not propagate', async () => {
    const { context, calls, direction, north } = setUp();
    const done = await targetDeletedItem(context, direction, 'G1', link());
    expect(done).toMatchObject({
      targetId: '100',
      action: 'skipped',
      error:
        'the South rule of this two-way link was deleted; the North roster was left as it is ' +
        '(SYNC_PROPAGATE_DELETES is off)',
    });
    expect(calls).toEqual([
      ['setStatus', 'L1', 'target_missing', { message: 'South rule not found', kind: 'target_missing' }],
    ]);
    expect(north.writes).toEqual([]);
  });

  it('deletes the source rule with SYNC_PROPAGATE_DELETES, noting it under the source note field', async () => {
    const { context, calls, direction, north } = setUp({ propagateDeletes: true });
    const done = await targetDeletedItem(context, direction, 'G1', link());
    expect(done.notes).toEqual([
      {
        field: 'roster',
        message: 'The South rule was deleted, so the North roster was deleted too (SYNC_PROPAGATE_DELETES).',
      },
    ]);
    expect(north.writes).toEqual([{ api: 'memory.delete', id: 'G1' }]);
    expect(calls).toEqual([['delete', 'L1']]);
  });
});

describe('refusedItem', () => {
  const losses: Loss[] = [
    { field: 'note', severity: 'info', message: 'dropped' },
    { field: 'shifts', severity: 'blocking', message: 'no working day' },
  ];

  it('fails the item with the first blocking loss and marks the link failed', async () => {
    const { context, calls, direction } = setUp({ reversed: true });
    const done = await refusedItem(context, direction, '100', link(), losses);
    expect(done).toMatchObject({
      sourceId: '100',
      targetId: 'G1',
      action: 'failed',
      error: 'cannot be translated: shifts: no working day',
    });
    expect(calls).toEqual([
      [
        'setStatus',
        'L1',
        'failed',
        { message: 'cannot be translated: shifts: no working day', kind: 'translation_refused' },
      ],
    ]);
  });

  it('records nothing in a dry run', async () => {
    const { context, calls, direction } = setUp({ dryRun: true });
    expect((await refusedItem(context, direction, 'G1', link(), losses)).action).toBe('failed');
    expect(calls).toEqual([]);
  });
});

describe('the rest of what both directions share, over memory connectors', () => {
  it('planLinkOf: a link refused for good by the target connector, and one with a side still pending', async () => {
    const { context, direction } = setUp();
    const refused = link({ status: 'failed', lastErrorKind: 'foreign_owned_rule' });
    expect(await planLinkOf(context, refused, direction)).toMatchObject({ hasTarget: true, refusedAsForeign: true });
    const reversed = setUp({ reversed: true }).direction;
    expect(await planLinkOf(context, refused, reversed)).toMatchObject({ refusedAsForeign: false });
    const pending = link({ wecomRuleId: null });
    expect(await planLinkOf(context, pending, direction)).toMatchObject({ hasTarget: false });
  });

  it('nameTakenItem: the same-named rule is looked up and reported on the target connector’s vendor', async () => {
    const { context, calls, direction } = setUp({ dryRun: true, reversed: true });
    const done = await nameTakenItem(context, direction, '100', link(), { id: 'G7', name: 'Day shift' }, []);
    expect(calls).toEqual([['findBySide', 'feishu', 'G7']]);
    expect(done).toMatchObject({ sourceId: '100', targetId: null, action: 'skipped' });
    // Named by the found side's console noun, the memory connector's own.
    expect(done.error).toContain('a North roster named "Day shift" (id G7) already exists');
  });

  it('syncRuleItem: a failed item names the link’s side on the target vendor', async () => {
    const { context, direction } = setUp({ dryRun: true, reversed: true });
    const done = await syncRuleItem(
      context,
      {
        sourceId: '100',
        resource: 'memory-rule:100',
        findLink: async () => link(),
        targetVendor: direction.target.vendor,
      },
      () => Promise.reject(new Error('boom')),
    );
    expect(done).toMatchObject({ sourceId: '100', targetId: 'G1', action: 'failed', error: expect.any(String) });
  });

  it('linkSide: a side of the link by vendor', () => {
    expect(linkSide(link(), 'feishu')).toEqual({ id: 'G1', name: 'Day shift', hash: 'fh' });
    expect(linkSide(link({ wecomRuleId: null, wecomHash: null }), 'wecom')).toEqual({
      id: null,
      name: 'Day shift',
      hash: null,
    });
  });
});
