import type { Loss, Note } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import { linkSideId } from '../engine/link-sides.js';
import { item, refusalReason, type RuleDirection, type RulesRunContext } from './rule-sync.types.js';

/**
 * The source rule is gone. Its target rule is deleted too only with SYNC_PROPAGATE_DELETES=true (and only one
 * the link knows); otherwise the target is left alone, the link is marked `source_missing` and the item says
 * so. `link` is null when no link knew the source: nothing is recorded then.
 */
export async function sourceDeletedItem(
  context: RulesRunContext,
  { source, target }: RuleDirection,
  sourceId: string,
  link: GroupLink | null,
): Promise<SyncRunItem> {
  const { store, dryRun, propagateDeletes } = context;
  const targetId = linkSideId(link, target.vendor);
  if (!link || !targetId || !propagateDeletes) {
    if (link && !dryRun) {
      await store.groupLinks.setStatus(link.id, 'source_missing', {
        message: `${source.ruleNoun} not found`,
        kind: 'source_missing',
      });
    }
    return item(sourceId, targetId, 'skipped', [], {
      error: targetId
        ? `the ${source.ruleNoun} no longer exists; its ${target.ruleNoun} was left as it is (SYNC_PROPAGATE_DELETES is off)`
        : `the ${source.ruleNoun} no longer exists`,
    });
  }
  const deleted: Note = {
    field: target.noteField,
    message: `The ${source.ruleNoun} was deleted, so its ${target.ruleNoun} ${targetId} was deleted too (SYNC_PROPAGATE_DELETES).`,
  };
  if (dryRun) return item(sourceId, targetId, 'updated', [], { notes: [deleted], plan: target.deletePlan(targetId) });
  await target.deleteRule(targetId);
  await store.groupLinks.delete(link.id);
  return item(sourceId, targetId, 'updated', [], { notes: [deleted] });
}

/**
 * A two-way link whose target rule was deleted (planRuleChange's `target_deleted`): reported and the link
 * marked `target_missing`, or, with SYNC_PROPAGATE_DELETES=true, the source rule deleted too and the link with it.
 */
export async function targetDeletedItem(
  context: RulesRunContext,
  { source, target }: RuleDirection,
  sourceId: string,
  link: GroupLink,
): Promise<SyncRunItem> {
  const { store, dryRun, propagateDeletes } = context;
  const targetId = linkSideId(link, target.vendor);
  if (!propagateDeletes) {
    if (!dryRun) {
      await store.groupLinks.setStatus(link.id, 'target_missing', {
        message: `${target.ruleNoun} not found`,
        kind: 'target_missing',
      });
    }
    return item(sourceId, targetId, 'skipped', [], {
      error:
        `the ${target.ruleNoun} of this two-way link was deleted; the ${source.ruleNoun} was left as it is ` +
        '(SYNC_PROPAGATE_DELETES is off)',
    });
  }
  const deleted: Note = {
    field: source.noteField,
    message: `The ${target.ruleNoun} was deleted, so the ${source.ruleNoun} was deleted too (SYNC_PROPAGATE_DELETES).`,
  };
  if (dryRun) return item(sourceId, targetId, 'updated', [], { notes: [deleted], plan: source.deletePlan(sourceId) });
  await source.deleteRule(sourceId);
  await store.groupLinks.delete(link.id);
  return item(sourceId, targetId, 'updated', [], { notes: [deleted] });
}

/**
 * The source cannot be translated without a blocking loss (planRuleChange's `refuse`): nothing is written, the
 * link (if any) is marked `failed` with the first blocking loss, and the item fails with it.
 */
export async function refusedItem(
  context: RulesRunContext,
  { target }: RuleDirection,
  sourceId: string,
  link: GroupLink | null,
  losses: readonly Loss[],
): Promise<SyncRunItem> {
  const reason = refusalReason(losses);
  if (link && !context.dryRun) {
    await context.store.groupLinks.setStatus(link.id, 'failed', { message: reason, kind: 'translation_refused' });
  }
  return item(sourceId, linkSideId(link, target.vendor), 'failed', losses, { error: reason });
}
