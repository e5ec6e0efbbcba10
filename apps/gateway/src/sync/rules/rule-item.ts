import type { VendorName } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import { linkSideId } from '../engine/link-sides.js';
import { withLogContext } from '../engine/log-context.js';
import { item, type RulesRunContext } from './rule-sync.types.js';
import { linkFailureOf } from '../engine/sync-error-policy.js';

/** How one direction names an item's source and finds its link. */
export interface ItemSource {
  readonly sourceId: string;
  /** Names the source object in the log (e.g. `feishu-group:<id>`), even before a link exists. */
  readonly resource: string;
  findLink(): Promise<GroupLink | null>;
  /** The vendor written to: the item names the link's side there. */
  readonly targetVendor: VendorName;
}

/**
 * Runs one item of a rules run. No other rules run works on the link meanwhile: the run queue lets one run per
 * scope be active at a time. A failure becomes a `failed` item and is remembered on the link — a pending link
 * stays pending, since its create may have happened — and progress is counted whatever the outcome. Shared by
 * both directions.
 */
export async function syncRuleItem(
  context: RulesRunContext,
  source: ItemSource,
  work: () => Promise<SyncRunItem | null>,
): Promise<SyncRunItem | null> {
  const { store, dryRun } = context;
  // Every line written for this item (vendor calls, the item's own line) names it, and its link once
  // there is one.
  return withLogContext({ item: source.resource }, async () => {
    let result: SyncRunItem | null = null;
    let link: GroupLink | null = null;
    try {
      link = await source.findLink();
      result = await withLogContext(link ? { link: link.id } : {}, work);
      // A create made the link: the item's line names it too.
      if (!link && result?.action === 'created' && !dryRun) link = await source.findLink().catch(() => null);
      return result;
    } catch (error) {
      const failure = linkFailureOf(error);
      link = await source.findLink().catch(() => null);
      if (link && !dryRun) {
        await store.groupLinks
          .setStatus(link.id, link.status === 'pending' ? 'pending' : 'failed', failure)
          .catch(() => undefined);
      }
      result = item(source.sourceId, linkSideId(link, source.targetVendor), 'failed', [], { error: failure.message });
      return result;
    } finally {
      const done = result ?? undefined;
      withLogContext(link ? { link: link.id } : {}, () => context.onItemDone?.(done));
    }
  });
}
