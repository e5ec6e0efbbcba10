import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import { withLeases } from '../link-leases.js';
import { describeFailure, item, type RulesRunContext } from './rule-sync.types.js';

/** How one direction names an item's source and finds its link. */
export interface ItemSource {
  readonly sourceId: string;
  /** Lease name of the source object (e.g. `feishu-group:<id>`), held even before a link exists. */
  readonly resource: string;
  findLink(): Promise<GroupLink | null>;
  /** The other side's id on the link, for the item. */
  targetIdOf(link: GroupLink): string | null;
}

/**
 * Runs one item of a rules run under the leases of its source and (if any) its link. A failure becomes a
 * `failed` item and is remembered on the link — a pending link stays pending, since its create may have
 * happened — and progress is counted whatever the outcome. Shared by both directions.
 */
export async function syncLeasedItem(
  context: RulesRunContext,
  source: ItemSource,
  work: () => Promise<SyncRunItem | null>,
): Promise<SyncRunItem | null> {
  const { store, holder, dryRun } = context;
  try {
    const existing = await source.findLink();
    const resources = [source.resource, ...(existing ? [`link:${existing.id}`] : [])];
    return await withLeases(store, holder, resources, work);
  } catch (error) {
    const message = describeFailure(error);
    const link = await source.findLink().catch(() => null);
    if (link && !dryRun) {
      await store.groupLinks
        .setStatus(link.id, link.status === 'pending' ? 'pending' : 'failed', message)
        .catch(() => undefined);
    }
    return item(source.sourceId, link ? source.targetIdOf(link) : null, 'failed', [], { error: message });
  } finally {
    context.onItemDone?.();
  }
}
