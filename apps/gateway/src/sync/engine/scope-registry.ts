import { SYNC_SCOPES, type LinkDirection, type SyncScope } from '@app/kernel';
import type { SyncRunItem } from '@app/mapping-store';
import type { ReconcileMode, RunContext } from './run-context.js';

export type OneWayDirection = Exclude<LinkDirection, 'two_way'>;

/**
 * One scope's reconciler (rules, rosters, punches): one direction of a run, from the source connector to the
 * target one, item by item. `Connectors` is the vendor pair the scope works with; which side is the source is
 * the direction's.
 */
export interface ScopeReconciler<Context extends RunContext, Connectors> {
  /**
   * The halves of a scheduled `two_way` run, in the order they run: the first one decides two-way links where
   * the scope has to (rules: Feishu → WeCom pushes a Feishu change and opens conflicts; see ARCHITECTURE.md).
   */
  readonly twoWay: readonly [OneWayDirection, OneWayDirection];
  run(context: Context, connectors: Connectors, direction: OneWayDirection): Promise<SyncRunItem[]>;
}

/**
 * Runs a reconciler in a run's direction: a one-way run is one half; a `two_way` run is the reconciler's halves
 * in its order, each with the run's `reconcile` mode set and its connectors from `connect` (so a scope decides
 * whether the second half reads afresh). Two-way sync is composed here, once, for every scope.
 */
export async function runDirections<Context extends RunContext, Connectors>(
  reconciler: ScopeReconciler<Context, Connectors>,
  context: Context,
  connect: () => Connectors,
  direction: LinkDirection,
  reconcile: ReconcileMode,
): Promise<SyncRunItem[]> {
  if (direction !== 'two_way') return reconciler.run(context, connect(), direction);
  const scheduled: Context = { ...context, reconcile };
  const items: SyncRunItem[] = [];
  for (const half of reconciler.twoWay) items.push(...(await reconciler.run(scheduled, connect(), half)));
  return items;
}

/**
 * A scope as a run executes it: the shared context and what the app sets a scope up from (`Setup`: the run,
 * configuration, vendor clients) in, the run's items out.
 */
export interface RegisteredScope<Base extends RunContext, Setup> {
  run(base: Base, setup: Setup, direction: LinkDirection, reconcile: ReconcileMode): Promise<SyncRunItem[]>;
  /**
   * A run that names source ids reports only those of the records it could not read (rules: a group not asked
   * for is not this run's business); otherwise every unreadable record is an item.
   */
  readonly unreadableOfRequestedOnly: boolean;
}

/** A scope's reconciler with how its context and its connectors are set up for one run. */
export function registerScope<Base extends RunContext, Setup, Context extends RunContext, Connectors>(entry: {
  readonly reconciler: ScopeReconciler<Context, Connectors>;
  /** The scope's context: the shared one and the scope's own fields. */
  readonly context: (base: Base, setup: Setup) => Context;
  /** The vendor pair of one half: fresh per call, or one pair for the whole run, as the scope needs. */
  readonly connect: (setup: Setup) => () => Connectors;
  readonly unreadableOfRequestedOnly?: boolean;
}): RegisteredScope<Base, Setup> {
  return {
    run: (base, setup, direction, reconcile) =>
      runDirections(entry.reconciler, entry.context(base, setup), entry.connect(setup), direction, reconcile),
    unreadableOfRequestedOnly: entry.unreadableOfRequestedOnly ?? false,
  };
}

/** Every sync scope's reconciler, registered once; the executor looks a run's scope up here. */
export class ScopeRegistry<Base extends RunContext, Setup> {
  private readonly entries: ReadonlyMap<string, RegisteredScope<Base, Setup>>;

  /** One entry per SyncScope: a scope added to the kernel's SYNC_SCOPES is a compile error here until registered. */
  constructor(entries: { readonly [S in SyncScope]: RegisteredScope<Base, Setup> }) {
    this.entries = new Map(SYNC_SCOPES.map((scope) => [scope, entries[scope]]));
  }

  /** The registered scopes, in SYNC_SCOPES order. */
  scopes(): string[] {
    return [...this.entries.keys()];
  }

  /** The scope's reconciler; a scope nobody registered (a stored run of an unknown scope) is an error. */
  get(scope: string): RegisteredScope<Base, Setup> {
    const entry = this.entries.get(scope);
    if (!entry) {
      throw new Error(
        `no reconciler is registered for sync scope "${scope}" (registered: ${this.scopes().join(', ')})`,
      );
    }
    return entry;
  }
}
