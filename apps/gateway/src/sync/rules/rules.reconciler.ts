import pMap from 'p-map';
import type { Loss } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import { planRuleChange, type RuleSyncHalf } from '../engine/plan-rule-change.js';
import type { OneWayDirection, ScopeReconciler } from '../engine/scope-registry.js';
import { linkSide, linkSideId } from '../engine/link-sides.js';
import { FeishuGroupsSource, FeishuGroupsTarget } from './feishu-groups.rule-side.js';
import { refusedItem, sourceDeletedItem, targetDeletedItem } from './rule-removals.js';
import { syncRuleItem } from './rule-item.js';
import type { RulesSource, RulesTarget, SourceRead } from './rule-sides.js';
import {
  item,
  ruleConnectors,
  type RuleConnectorFactories,
  type RuleDirection,
  type RulesRunContext,
} from './rule-sync.types.js';
import { nameTakenItem, openConflictItem, planLinkOf, recordConflict, skippedByResolution } from './two-way.js';
import { WecomRulesSource, WecomRulesTarget } from './wecom-rules.rule-side.js';

/**
 * The rules scope: each direction is the one rules reconciler over that direction's (source, target) pair of
 * vendor sides. In a scheduled run the Feishu → WeCom half goes first and decides two-way links (pushing a
 * Feishu change, opening conflicts); the other half pushes WeCom changes.
 */
export const RULES_RECONCILER: ScopeReconciler<RulesRunContext, RuleConnectorFactories> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (context, connect, direction) => {
    const { feishu, wecom } = ruleConnectors(context, connect);
    const half = rulesHalf(context, direction, RULES_RECONCILER.twoWay);
    return direction === 'feishu_to_wecom'
      ? new RulesReconciler(
          context,
          direction,
          half,
          new FeishuGroupsSource(context, feishu),
          new WecomRulesTarget(context, wecom, feishu, direction),
        ).run()
      : new RulesReconciler(
          context,
          direction,
          half,
          new WecomRulesSource(context, wecom),
          new FeishuGroupsTarget(context, feishu, wecom, direction),
        ).run();
  },
};

/** A scheduled run's first half decides two-way links; its second only pushes; a requested run is one way. */
export function rulesHalf(
  context: RulesRunContext,
  direction: OneWayDirection,
  twoWay: readonly [OneWayDirection, OneWayDirection],
): RuleSyncHalf {
  if (!context.reconcile) return 'one_way';
  return direction === twoWay[0] ? 'deciding' : 'pushing';
}

/**
 * One direction of a rules run, level-triggered: for each source object, the target object it should be is
 * computed and compared (as canonical content hashes) with what the target holds; only a difference is
 * written. One reconcile step per item: the source read and translated (desired), the target located and
 * planned (actual), planRuleChange's decision, and the decision applied by the target, ending in a run item
 * (created / updated / unchanged / skipped / failed, with its losses). What is particular to a vendor (how
 * its objects are listed, found, named, created and written) is its side's (rule-sides.ts); this class names
 * no vendor.
 */
export class RulesReconciler {
  private readonly pair: RuleDirection;

  constructor(
    private readonly context: RulesRunContext,
    private readonly direction: OneWayDirection,
    private readonly half: RuleSyncHalf,
    private readonly source: RulesSource,
    private readonly target: RulesTarget,
  ) {
    this.pair = { source: source.connector, target: target.connector };
  }

  async run(): Promise<SyncRunItem[]> {
    const links = await this.context.store.groupLinks.list();
    const [sources] = await Promise.all([this.source.select(links, this.direction), this.target.begin(links)]);
    this.context.onItemsPlanned?.(sources.length);
    const visited = await pMap(sources, (sourceId) => this.syncItem(sourceId), {
      concurrency: this.target.concurrency,
    });
    const items = await this.target.finish(visited.filter((entry): entry is SyncRunItem => entry !== null));
    // Links whose source object is gone and that no item visited (only when the run looked at every source).
    const gone = await this.source.goneLinks(this.context.groupIds === undefined);
    this.context.onItemsPlanned?.(gone.length);
    for (const link of gone) {
      const deleted = await sourceDeletedItem(
        this.context,
        this.pair,
        linkSideId(link, this.source.connector.vendor) ?? '',
        link,
      );
      items.push(deleted);
      this.context.onItemDone?.(deleted);
    }
    return items;
  }

  private syncItem(sourceId: string): Promise<SyncRunItem | null> {
    const { store } = this.context;
    const vendor = this.source.connector.vendor;
    return syncRuleItem(
      this.context,
      {
        sourceId,
        resource: `${this.source.resource}:${sourceId}`,
        findLink: () => store.groupLinks.findBySide(vendor, sourceId),
        targetVendor: this.target.connector.vendor,
      },
      () => this.syncOne(sourceId),
    );
  }

  /** The item of one source object; null when a two-way link's change is the other half's to push. */
  private async syncOne(sourceId: string): Promise<SyncRunItem | null> {
    const { context, pair } = this;
    // Re-read now: the link may have changed since this run listed the sources (an item of this run, or an
    // earlier attempt of it whose process died mid-item, created or linked this object's counterpart).
    const link = await context.store.groupLinks.findBySide(this.source.connector.vendor, sourceId);
    const stopped = await this.target.precheck(sourceId, link);
    if (stopped) return stopped;
    const skipped = await skippedByResolution(context, link, sourceId);
    if (skipped) return skipped;
    const read = await this.source.read(sourceId, link);
    if (!read) return sourceDeletedItem(context, pair, sourceId, link);
    // planRuleChange's first rule, taken before anything is read from the target for it.
    if (!isTranslated(read)) return refusedItem(context, pair, sourceId, link, read.losses);

    const planLink = link ? await planLinkOf(context, link, pair) : null;
    const proposal = await this.target.propose(read, link, planLink);
    if (proposal.settled) return proposal.settled;
    const sourceSide = {
      hash: read.hash,
      recorded: (link && linkSide(link, pair.source.vendor).hash) || null,
      legacy: read.legacy,
    };
    const change = planRuleChange({
      half: this.half,
      link: planLink,
      sourceReadable: true,
      writable: proposal.writable,
      target: proposal.lookup,
      sides: { source: sourceSide, target: proposal.targetSide },
      ...(proposal.comparison ? { comparison: proposal.comparison } : {}),
      namedExplicitly: context.groupIds !== undefined,
      ...(proposal.renameDue ? { renameDue: true } : {}),
    });
    const targetId = linkSideId(link, pair.target.vendor);
    switch (change.kind) {
      case 'refuse':
        return refusedItem(context, pair, sourceId, link, proposal.losses);
      case 'leave_to_other_half':
        return null;
      case 'blocked_by_conflict':
        return link ? openConflictItem(context, pair, link, sourceId, targetId) : null;
      case 'target_deleted':
        return targetDeletedItem(context, pair, sourceId, link!);
      case 'in_sync':
        // Neither side changed since the last sync: what differs between them is translation loss, and writing
        // it again would only bounce between the vendors.
        await this.recordCurrentHashes(link!, read.hash, proposal.targetSide?.hash ?? null);
        return item(sourceId, targetId, 'unchanged', read.losses);
      case 'conflict':
        return recordConflict(
          context,
          pair,
          link!,
          sourceId,
          targetId,
          new Map([
            [pair.source.vendor, read.hash],
            [pair.target.vendor, proposal.targetSide?.hash ?? null],
          ]),
          read.losses,
        );
      case 'name_taken':
        return nameTakenItem(
          context,
          pair,
          sourceId,
          link ?? (() => this.recordSourceLink(read)),
          proposal.found!,
          proposal.found!.losses,
        );
      case 'create':
        return proposal.create(change);
      case 'unchanged':
      case 'skip_foreign':
      case 'update':
        return proposal.update(change);
    }
  }

  /** A link for the source alone (a name conflict is recorded on it before anything is written). */
  private recordSourceLink(read: SourceRead): Promise<GroupLink> {
    return this.context.store.groupLinks.recordIntent({
      direction: this.direction,
      source: { vendor: this.source.connector.vendor, id: read.id, name: read.name },
    });
  }

  /**
   * An in-sync two-way link that matched only through the previous hash format (plan-rule-change.ts) records
   * its hashes in the current one, once, so later runs compare without the old format. No vendor call; the time
   * of its last sync stays what it was.
   */
  private async recordCurrentHashes(link: GroupLink, sourceHash: string, targetHash: string | null): Promise<void> {
    if (this.context.dryRun || link.status !== 'active' || targetHash === null) return;
    const source = linkSide(link, this.pair.source.vendor);
    const target = linkSide(link, this.pair.target.vendor);
    if (source.hash === sourceHash && target.hash === targetHash) return;
    if (source.id === null || target.id === null) return;
    await this.context.store.groupLinks.markSynced(link.id, {
      sides: [
        { vendor: this.pair.source.vendor, id: source.id, hash: sourceHash },
        { vendor: this.pair.target.vendor, id: target.id, hash: targetHash },
      ],
      syncedAt: link.lastSyncedAt ?? this.context.now(),
    });
  }
}

function isTranslated(read: SourceRead | { readonly losses: readonly Loss[] }): read is SourceRead {
  return 'rule' in read;
}
