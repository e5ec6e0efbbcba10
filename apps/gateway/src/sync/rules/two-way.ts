import type { Loss } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import { item, type RulesRunContext } from './rule-sync.types.js';

/**
 * A two-way link compares each side's current content hash with the one recorded at its last sync:
 * one side changed → that side is pushed; both → a conflict (nothing written until someone names a winner).
 */
export type TwoWayDecision = 'in_sync' | 'feishu_changed' | 'wecom_changed' | 'conflict';

/**
 * Each side's hashes in the previous content-hash formats (legacyRuleContentHashes), computed only when a
 * stored hash differs from the current one: a link last synced before the format changed holds an old hash,
 * and must not read as changed on both sides (a conflict) merely because the gateway was upgraded.
 */
interface LegacyHashes {
  readonly feishu: () => readonly string[];
  readonly wecom: () => readonly string[];
}

export function twoWayDecision(
  link: GroupLink,
  current: { readonly feishuHash: string | null; readonly wecomHash: string | null },
  legacy?: LegacyHashes,
): TwoWayDecision {
  const feishuChanged = sideChanged(link.feishuHash, current.feishuHash, legacy?.feishu);
  const wecomChanged = sideChanged(link.wecomHash, current.wecomHash, legacy?.wecom);
  if (feishuChanged && wecomChanged) return 'conflict';
  if (feishuChanged) return 'feishu_changed';
  if (wecomChanged) return 'wecom_changed';
  return 'in_sync';
}

/** Whether a side differs from what its last sync recorded (in the current hash format or a previous one). */
export function sideChanged(
  recorded: string | null,
  current: string | null,
  legacy: (() => readonly string[]) | undefined,
): boolean {
  // A side never synced (null) counts as changed: there is nothing to say it is still what was written.
  if (recorded === null) return true;
  if (current === recorded) return false;
  return legacy === undefined || !legacy().includes(recorded);
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
