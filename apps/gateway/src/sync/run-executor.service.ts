import { Injectable } from '@nestjs/common';
import { MappingStore, type FinalRunStatus, type SyncRun, type SyncRunItem } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';
import { VendorClients } from '../vendors/vendor-clients.service.js';
import { IdentityMatchJob } from '../mappings/match/identity-match.job.js';
import { loadIdResolver } from './id-resolver.loader.js';
import type { NewConflictEvent } from './rules/rule-sync.types.js';
import { describeFailure, retriesRun } from './engine/sync-error-policy.js';
import { UnreadableRecords } from './engine/unreadable-records.js';
import { SCOPES, type GatewayRunContext } from './scopes.js';

export interface RunOutcome {
  readonly status: FinalRunStatus;
  readonly error: string | null;
  /** The run failed as a whole on a vendor that was unreachable or throttling: another attempt may succeed. */
  readonly retryable: boolean;
  readonly items: readonly SyncRunItem[];
  /** Conflicts this run opened (each alerted once). */
  readonly newConflicts: readonly NewConflictEvent[];
}

export interface RunProgress {
  /** An item is finished (progress; the worker logs it). */
  onItemDone(item?: SyncRunItem): void;
  /** The run will finish `count` more items than it announced so far (the total of its progress). */
  onItemsPlanned?(count: number): void;
}

/** Executes one claimed run to its outcome; never throws (a run-level failure is the outcome `failed`). */
@Injectable()
export class RunExecutor {
  constructor(
    private readonly store: MappingStore,
    private readonly vendors: VendorClients,
    private readonly config: AppConfig,
    private readonly identityMatch: IdentityMatchJob,
  ) {}

  async execute(run: SyncRun, progress?: RunProgress): Promise<RunOutcome> {
    const newConflicts: RunOutcome['newConflicts'][number][] = [];
    const unreadable = new UnreadableRecords();
    try {
      const items = await this.items(run, progress, unreadable, (event) => newConflicts.push(event));
      const setAside = this.unreadableItems(run, unreadable);
      progress?.onItemsPlanned?.(setAside.length);
      for (const entry of setAside) progress?.onItemDone(entry);
      items.push(...setAside);
      return { status: statusOf(items), error: null, retryable: false, items, newConflicts };
    } catch (error) {
      return {
        status: 'failed',
        error: describeFailure(error),
        retryable: retriesRun(error),
        items: [],
        newConflicts,
      };
    }
  }

  /**
   * The records the run could not read, one failed item each. A scope that reports only the requested ones
   * (rules, asked for some groups) leaves out the others.
   */
  private unreadableItems(run: SyncRun, unreadable: UnreadableRecords): SyncRunItem[] {
    const items = unreadable.items();
    if (run.scope === 'identities') return items;
    const wanted =
      SCOPES.get(run.scope).unreadableOfRequestedOnly && run.params.groupIds ? new Set(run.params.groupIds) : null;
    return wanted ? items.filter((entry) => wanted.has(entry.sourceId)) : items;
  }

  /**
   * The run's items: its scope's reconciler, looked up in the registry (scopes.ts), with the shared context and
   * the scope's setup. A scheduled `two_way` run is composed of both halves by the engine (runDirections).
   */
  private async items(
    run: SyncRun,
    progress: RunProgress | undefined,
    unreadable: UnreadableRecords,
    onNewConflict: (event: NewConflictEvent) => void,
  ): Promise<SyncRunItem[]> {
    // A match run is a run like any other (queue, retries, items, progress), but it syncs no scope: the match
    // job pairs the directories' people and departments instead.
    if (run.scope === 'identities') {
      return this.identityMatch.execute(run, { unreadable: unreadable.sink, ...workerHooks(progress) });
    }
    const scope = SCOPES.get(run.scope);
    const context: GatewayRunContext = {
      runId: run.id,
      dryRun: run.dryRun,
      ...(run.params.groupIds ? { groupIds: run.params.groupIds } : {}),
      store: this.store,
      resolver: await loadIdResolver(this.store, this.config.sync.userIdMapping),
      now: () => new Date(),
      unreadable,
      ...workerHooks(progress),
    };
    const setup = { run, config: this.config, vendors: this.vendors, onNewConflict };
    return scope.run(context, setup, run.direction, { autoLink: this.config.sync.autoLink });
  }
}

/** What every engine gets from the worker, when watched: the item callbacks. */
function workerHooks(progress: RunProgress | undefined): Pick<GatewayRunContext, 'onItemDone' | 'onItemsPlanned'> {
  if (!progress) return {};
  return {
    onItemDone: (item) => progress.onItemDone(item),
    onItemsPlanned: (count) => progress.onItemsPlanned?.(count),
  };
}

/** succeeded: nothing failed; failed: everything did; partial: some of each. */
export function statusOf(items: readonly SyncRunItem[]): FinalRunStatus {
  const failed = items.filter((entry) => entry.action === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === items.length ? 'failed' : 'partial';
}
