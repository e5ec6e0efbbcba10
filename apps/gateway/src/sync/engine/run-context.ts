import type { MappingStore, SyncRunItem } from '@app/mapping-store';
import type { UnreadableRecords } from './unreadable-records.js';

/**
 * Scheduled reconciliation (a `two_way` run, composed by scope-registry.ts): each half visits only the links
 * whose direction includes it, and two-way links are decided as each scope says (rules: by which side changed;
 * rosters: only the days the target lacks are filled in). Absent for a one-way run.
 */
export interface ReconcileMode {
  /** SYNC_AUTO_LINK: a scheduled rules run also links groups found on either side that have no link yet. */
  readonly autoLink: boolean;
}

/**
 * What every scope's run shares, assembled once per run by the executor; each scope's context is this and its
 * own fields (RulesRunContext, RostersRunContext, PunchRunContext). The id resolver is a type parameter because
 * its type lives in the translation library, which the engine's core does not import (eslint.config.js).
 */
export interface RunContext<Resolver = unknown> {
  readonly runId: string;
  readonly dryRun: boolean;
  /** Source-side ids to sync; undefined = every source record of the scope. */
  readonly groupIds?: readonly string[];
  readonly store: MappingStore;
  readonly resolver: Resolver;
  readonly now: () => Date;
  /** The vendor records this run could not read: each becomes a failed item of the run. */
  readonly unreadable: UnreadableRecords;
  /** An item is finished: counts progress; the item itself when there is one, for the log. */
  readonly onItemDone?: (item?: SyncRunItem) => void;
  /**
   * The run has learnt of `count` more items it will finish (each later reported once by onItemDone): the total
   * of a running run's progress. A two-way run announces its second half when that half starts.
   */
  readonly onItemsPlanned?: (count: number) => void;
  /** Set on both halves of a scheduled `two_way` run; absent for a one-way run requested over REST. */
  readonly reconcile?: ReconcileMode;
}
