import type { LinkDirection } from '@app/kernel';
import type { MappingStore, SyncRunItem } from '@app/mapping-store';
import type { RunContext } from './run-context.js';
import {
  registerScope,
  runDirections,
  ScopeRegistry,
  type OneWayDirection,
  type ScopeReconciler,
} from './scope-registry.js';
import { UnreadableRecords } from './unreadable-records.js';

const base: RunContext = {
  runId: 'run-1',
  dryRun: false,
  store: {} as MappingStore,
  resolver: null,
  now: () => new Date('2026-03-01T00:00:00Z'),
  unreadable: new UnreadableRecords(),
};

/** A reconciler that answers one item per half and records what each half was given. */
function recording(twoWay: ScopeReconciler<RunContext, number>['twoWay']) {
  const calls: { direction: OneWayDirection; connectors: number; reconcile: RunContext['reconcile'] }[] = [];
  const reconciler: ScopeReconciler<RunContext, number> = {
    twoWay,
    run: (context, connectors, direction) => {
      calls.push({ direction, connectors, reconcile: context.reconcile });
      const item: SyncRunItem = { sourceId: direction, targetId: null, action: 'unchanged', losses: [], error: null };
      return Promise.resolve([item]);
    },
  };
  let connected = 0;
  return { calls, reconciler, connect: () => ++connected };
}

describe('runDirections', () => {
  it('a one-way run is one half, with its own connectors and no reconcile mode', async () => {
    const { calls, reconciler, connect } = recording(['feishu_to_wecom', 'wecom_to_feishu']);
    const items = await runDirections(reconciler, base, connect, 'wecom_to_feishu', { autoLink: true });
    expect(items.map((item) => item.sourceId)).toEqual(['wecom_to_feishu']);
    expect(calls).toEqual([{ direction: 'wecom_to_feishu', connectors: 1, reconcile: undefined }]);
  });

  it.each([[['feishu_to_wecom', 'wecom_to_feishu']], [['wecom_to_feishu', 'feishu_to_wecom']]] as const)(
    'two_way runs the halves %j in that order, each reconciling with connectors of its own',
    async (twoWay) => {
      const { calls, reconciler, connect } = recording(twoWay);
      const items = await runDirections(reconciler, base, connect, 'two_way', { autoLink: false });
      expect(items.map((item) => item.sourceId)).toEqual([...twoWay]);
      expect(calls).toEqual([
        { direction: twoWay[0], connectors: 1, reconcile: { autoLink: false } },
        { direction: twoWay[1], connectors: 2, reconcile: { autoLink: false } },
      ]);
    },
  );
});

describe('ScopeRegistry', () => {
  const { reconciler, calls } = recording(['feishu_to_wecom', 'wecom_to_feishu']);
  const entry = registerScope({
    reconciler,
    context: (context: RunContext, setup: { readonly runs: string[] }) => {
      setup.runs.push(context.runId);
      return context;
    },
    connect: () => () => 7,
  });
  const registry = new ScopeRegistry<RunContext, { readonly runs: string[] }>({
    rules: { ...entry, unreadableOfRequestedOnly: true },
    rosters: entry,
    punches: entry,
  });

  it('holds every scope, in SYNC_SCOPES order', () => {
    expect(registry.scopes()).toEqual(['rules', 'rosters', 'punches']);
    expect(registry.get('rules').unreadableOfRequestedOnly).toBe(true);
    expect(registry.get('punches').unreadableOfRequestedOnly).toBe(false);
  });

  it('runs a looked-up scope with its context and connectors', async () => {
    const setup = { runs: [] as string[] };
    const direction: LinkDirection = 'feishu_to_wecom';
    await registry.get('rosters').run(base, setup, direction, { autoLink: true });
    expect(setup.runs).toEqual(['run-1']);
    expect(calls.at(-1)).toEqual({ direction, connectors: 7, reconcile: undefined });
  });

  it('refuses a scope nobody registered, naming it and the registered ones', () => {
    expect(() => registry.get('shifts')).toThrow(
      'no reconciler is registered for sync scope "shifts" (registered: rules, rosters, punches)',
    );
  });
});
