import { Injectable } from '@nestjs/common';
import { assertUnreachable } from '@app/kernel';
import { MappingStore, type FinalRunStatus, type SyncRun, type SyncRunItem } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';
import { VendorClients } from '../vendors/vendor-clients.service.js';
import { loadIdResolver } from './id-resolver.loader.js';
import { FeishuToWecomRulesSync } from './rules/feishu-to-wecom.rules-sync.js';
import { describeFailure } from './rules/rule-sync.types.js';
import { WecomToFeishuRulesSync } from './rules/wecom-to-feishu.rules-sync.js';

export interface RunOutcome {
  readonly status: FinalRunStatus;
  readonly error: string | null;
  readonly items: readonly SyncRunItem[];
}

export interface RunProgress {
  onItemDone(): void;
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
    try {
      const items = await this.items(run, progress);
      return { status: statusOf(items), error: null, items };
    } catch (error) {
      return { status: 'failed', error: describeFailure(error), items: [] };
    }
  }

  private async items(run: SyncRun, progress?: RunProgress): Promise<SyncRunItem[]> {
    switch (run.scope) {
      case 'rules':
        return this.rules(run, progress);
      case 'rosters':
      case 'punches':
        // Accepted by the API (the contract lists the scope) but not built yet: said plainly, not faked.
        throw new Error(`scope "${run.scope}" is not implemented in this version of the gateway yet`);
      default:
        return assertUnreachable(run.scope);
    }
  }

  private async rules(run: SyncRun, progress?: RunProgress): Promise<SyncRunItem[]> {
    const feishu = this.vendors.feishu();
    const wecom = this.vendors.wecom();
    const context = {
      runId: run.id,
      dryRun: run.dryRun,
      ...(run.params.groupIds ? { groupIds: run.params.groupIds } : {}),
      store: this.store,
      resolver: await loadIdResolver(this.store, this.config.sync.userIdMapping),
      holder: run.id,
      now: () => new Date(),
      ...(progress ? { onItemDone: () => progress.onItemDone() } : {}),
    };
    switch (run.direction) {
      case 'feishu_to_wecom':
        return new FeishuToWecomRulesSync(context, feishu, wecom).run();
      case 'wecom_to_feishu':
        return new WecomToFeishuRulesSync(context, feishu, wecom, this.config.feishu.defaultGroupLeaderIds).run();
      default:
        return assertUnreachable(run.direction);
    }
  }
}

/** succeeded: nothing failed; failed: everything did; partial: some of each. */
export function statusOf(items: readonly SyncRunItem[]): FinalRunStatus {
  const failed = items.filter((entry) => entry.action === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === items.length ? 'failed' : 'partial';
}
