import type { Loss } from '@app/kernel';
import type { RuleSideConnector } from '@app/connectors';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import type { PlanLink } from '../engine/plan-rule-change.js';
import { item, type RulesRunContext } from './rule-sync.types.js';

/**
 * What planRuleChange needs of a link written to `target`. A link marked `conflict` is looked up for its open
 * conflict (only then: the other links cost no query).
 */
export async function planLinkOf(
  context: RulesRunContext,
  link: GroupLink,
  target: RuleSideConnector,
): Promise<PlanLink> {
  const twoWayInReconcile = context.reconcile !== undefined && link.direction === 'two_way';
  const openConflict =
    twoWayInReconcile && link.status === 'conflict'
      ? (await context.store.conflicts.findOpenForLink(link.id)) !== null
      : false;
  return {
    status: link.status,
    direction: link.direction,
    hasTarget: link.feishuGroupId !== null && link.wecomRuleId !== null,
    openConflict,
    refusedAsForeign:
      link.status === 'failed' && link.lastErrorKind !== null && target.permanentRefusals.includes(link.lastErrorKind),
  };
}

/** Opens (or finds) the link's conflict, marks the link, and answers the run item that reports it. */
export async function recordConflict(
  context: RulesRunContext,
  link: GroupLink,
  sourceId: string,
  targetId: string | null,
  current: { readonly feishuHash: string | null; readonly wecomHash: string | null },
  losses: readonly Loss[] = [],
): Promise<SyncRunItem> {
  const { store, dryRun } = context;
  const message = (id: string) =>
    `both the Feishu group and the WeCom rule changed since the last sync, so neither was written; choose the ` +
    `winner with POST /api/v1/conflicts/${id}/resolve {"winner": "feishu"|"wecom"}`;
  if (dryRun) return item(sourceId, targetId, 'skipped', losses, { error: message('(would be opened)') });
  const { conflict, created } = await store.conflicts.open(link.id, { ...current, runId: context.runId });
  if (link.status !== 'conflict') {
    await store.groupLinks.setStatus(link.id, 'conflict', { message: message(conflict.id), kind: 'conflict' });
  }
  if (created) context.onNewConflict?.({ conflictId: conflict.id, link });
  return item(sourceId, targetId, 'skipped', losses, { error: message(conflict.id) });
}

/** A link with an open conflict is left alone until the conflict is resolved. */
export async function openConflictItem(
  context: RulesRunContext,
  link: GroupLink,
  sourceId: string,
  targetId: string | null,
): Promise<SyncRunItem | null> {
  if (link.status !== 'conflict') return null;
  const open = await context.store.conflicts.findOpenForLink(link.id);
  if (!open) return null;
  return item(sourceId, targetId, 'skipped', [], {
    error: `unresolved conflict ${open.id}: resolve it with POST /api/v1/conflicts/${open.id}/resolve`,
  });
}
