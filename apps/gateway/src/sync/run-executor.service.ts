import { Injectable } from '@nestjs/common';
import {
  FeishuPunchesConnector,
  FeishuRostersConnector,
  FeishuRulesConnector,
  WecomPunchesConnector,
  WecomRostersConnector,
  WecomRulesConnector,
} from '@app/connectors';
import { assertUnreachable } from '@app/kernel';
import { MappingStore, type FinalRunStatus, type SyncRun, type SyncRunItem } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';
import { VendorClients } from '../vendors/vendor-clients.service.js';
import { loadIdResolver } from './id-resolver.loader.js';
import { PunchesSync } from './punches/punches.sync.js';
import { runRosters } from './rosters/rosters.sync.js';
import { FeishuToWecomRulesSync } from './rules/feishu-to-wecom.rules-sync.js';
import type { NewConflictEvent, RuleConnectorFactories, RulesRunContext } from './rules/rule-sync.types.js';
import { WecomToFeishuRulesSync } from './rules/wecom-to-feishu.rules-sync.js';
import { describeFailure, retriesRun } from './engine/sync-error-policy.js';
import { UnreadableRecords } from './engine/unreadable-records.js';

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
}

/** Executes one claimed run to its outcome; never throws (a run-level failure is the outcome `failed`). */
@Injectable()
export class RunExecutor {
  constructor(
    private readonly store: MappingStore,
    private readonly vendors: VendorClients,
    private readonly config: AppConfig,
  ) {}

  async execute(run: SyncRun, progress?: RunProgress): Promise<RunOutcome> {
    const newConflicts: RunOutcome['newConflicts'][number][] = [];
    const unreadable = new UnreadableRecords();
    try {
      const items = await this.items(run, progress, unreadable, (event) => newConflicts.push(event));
      const setAside = this.unreadableItems(run, unreadable);
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
   * The records the run could not read, one failed item each. A rules run asked for some groups reports only
   * those of them that could not be read (a linked target that could not be read fails its group's item).
   */
  private unreadableItems(run: SyncRun, unreadable: UnreadableRecords): SyncRunItem[] {
    const items = unreadable.items();
    const wanted = run.scope === 'rules' && run.params.groupIds ? new Set(run.params.groupIds) : null;
    return wanted ? items.filter((entry) => wanted.has(entry.sourceId)) : items;
  }

  private async items(
    run: SyncRun,
    progress: RunProgress | undefined,
    unreadable: UnreadableRecords,
    onNewConflict: RulesRunContext['onNewConflict'],
  ): Promise<SyncRunItem[]> {
    switch (run.scope) {
      case 'rules':
        return this.rules(run, progress, unreadable, onNewConflict);
      case 'rosters':
        return this.rosters(run, progress, unreadable);
      case 'punches':
        return this.punches(run, progress, unreadable);
      default:
        return assertUnreachable(run.scope);
    }
  }

  /**
   * Punches. A scheduled (two_way) run carries WeCom punches to Feishu, then Feishu punches to WeCom: the
   * record mapping keeps each half from exporting what the other just imported (no echo).
   */
  private async punches(
    run: SyncRun,
    progress: RunProgress | undefined,
    unreadable: UnreadableRecords,
  ): Promise<SyncRunItem[]> {
    const sync = new PunchesSync(
      {
        runId: run.id,
        dryRun: run.dryRun,
        params: run.params,
        store: this.store,
        resolver: await loadIdResolver(this.store, this.config.sync.userIdMapping),
        userIdMapping: this.config.sync.userIdMapping,
        now: () => new Date(),
        unreadable,
        ...workerHooks(progress),
      },
      new FeishuPunchesConnector(this.vendors.feishu()),
      new WecomPunchesConnector(this.vendors.wecom()),
    );
    if (run.direction !== 'two_way') return sync.run(run.direction);
    return [...(await sync.run('wecom_to_feishu')), ...(await sync.run('feishu_to_wecom'))];
  }

  /**
   * Rosters of linked 排班 groups. A scheduled (two_way) run does Feishu → WeCom for the links that sync from
   * Feishu, then WeCom → Feishu for those that sync from WeCom; see runRosters.
   */
  private async rosters(
    run: SyncRun,
    progress: RunProgress | undefined,
    unreadable: UnreadableRecords,
  ): Promise<SyncRunItem[]> {
    const { groupIds, from, to } = run.params;
    const context = {
      runId: run.id,
      dryRun: run.dryRun,
      ...(groupIds ? { groupIds } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      store: this.store,
      resolver: await loadIdResolver(this.store, this.config.sync.userIdMapping),
      now: () => new Date(),
      unreadable,
      ...workerHooks(progress),
    };
    const connect = () => ({
      feishu: new FeishuRostersConnector(this.vendors.feishu()),
      wecom: new WecomRostersConnector(this.vendors.wecom()),
    });
    return runRosters(context, connect, run.direction);
  }

  private async rules(
    run: SyncRun,
    progress: RunProgress | undefined,
    unreadable: UnreadableRecords,
    onNewConflict: RulesRunContext['onNewConflict'],
  ): Promise<SyncRunItem[]> {
    const feishu = this.vendors.feishu();
    const wecom = this.vendors.wecom();
    // The rules engines get connectors, not clients: each builds its pair from the options its run sets.
    const connect: RuleConnectorFactories = {
      feishu: (options) => new FeishuRulesConnector(feishu, options),
      wecom: (options) => new WecomRulesConnector(wecom, options),
    };
    const context: RulesRunContext = {
      runId: run.id,
      dryRun: run.dryRun,
      ...(run.params.groupIds ? { groupIds: run.params.groupIds } : {}),
      store: this.store,
      resolver: await loadIdResolver(this.store, this.config.sync.userIdMapping),
      now: () => new Date(),
      unreadable,
      ...workerHooks(progress),
      propagateDeletes: this.config.sync.propagateDeletes,
      effectiveNow: run.params.effectiveNow ?? this.config.sync.effectiveNow,
      googleMapDatum: this.config.feishu.googleMapDatum,
      ...(onNewConflict ? { onNewConflict } : {}),
    };
    const leaders = this.config.feishu.defaultGroupLeaderIds;
    switch (run.direction) {
      case 'feishu_to_wecom':
        return new FeishuToWecomRulesSync(context, connect).run();
      case 'wecom_to_feishu':
        return new WecomToFeishuRulesSync(context, connect, leaders).run();
      case 'two_way': {
        // Scheduled reconciliation: every link in its own direction. The Feishu → WeCom half goes first and
        // decides two-way links (pushing a Feishu change, opening conflicts); the other half pushes WeCom changes.
        const reconcile = { ...context, reconcile: { autoLink: this.config.sync.autoLink } };
        const fromFeishu = await new FeishuToWecomRulesSync(reconcile, connect).run();
        const fromWecom = await new WecomToFeishuRulesSync(reconcile, connect, leaders).run();
        return [...fromFeishu, ...fromWecom];
      }
      default:
        return assertUnreachable(run.direction);
    }
  }
}

/** What every engine gets from the worker, when watched: the item callback. */
function workerHooks(progress: RunProgress | undefined): { readonly onItemDone?: (item?: SyncRunItem) => void } {
  return progress ? { onItemDone: (item) => progress.onItemDone(item) } : {};
}

/** succeeded: nothing failed; failed: everything did; partial: some of each. */
export function statusOf(items: readonly SyncRunItem[]): FinalRunStatus {
  const failed = items.filter((entry) => entry.action === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === items.length ? 'failed' : 'partial';
}
