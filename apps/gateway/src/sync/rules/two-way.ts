import type { RuleSideConnector } from '@app/connectors';
import type { Loss } from '@app/kernel';
import type { FoundObject, GroupLink, SideVendor, SyncConflict, SyncRunItem } from '@app/mapping-store';
import type { PlanLink } from '../engine/plan-rule-change.js';
import { linkSideId } from '../engine/link-sides.js';
import { item, type RuleDirection, type RulesRunContext } from './rule-sync.types.js';

/**
 * What planRuleChange needs of a link written from `source` to `target`. A link marked `conflict` is looked up for its open
 * conflict (only then: the other links cost no query).
 */
export async function planLinkOf(
  context: RulesRunContext,
  link: GroupLink,
  { source, target }: RuleDirection,
): Promise<PlanLink> {
  const open = link.status === 'conflict' ? await context.store.conflicts.findOpenForLink(link.id) : null;
  return {
    status: link.status,
    direction: link.direction,
    hasTarget: linkSideId(link, source.vendor) !== null && linkSideId(link, target.vendor) !== null,
    openConflict: open?.kind ?? null,
    refusedAsForeign:
      link.status === 'failed' && link.lastErrorKind !== null && target.permanentRefusals.includes(link.lastErrorKind),
    writtenSide:
      link.writtenVendor === target.vendor ? 'target' : link.writtenVendor === source.vendor ? 'source' : null,
  };
}

/**
 * The pair's two sides in one order whichever way the run goes (by vendor id), so that a conflict reads the same
 * from either half of a two-way run.
 */
function sidesInOrder({ source, target }: RuleDirection): readonly [RuleSideConnector, RuleSideConnector] {
  return source.vendor < target.vendor ? [source, target] : [target, source];
}

/** How a content conflict is resolved: `{"winner": "<vendor>"|"<vendor>"}`. */
function winnerBody(pair: RuleDirection): string {
  const [first, second] = sidesInOrder(pair);
  return `{"winner": "${first.vendor}"|"${second.vendor}"}`;
}

/** Opens (or finds) the link's conflict, marks the link, and answers the run item that reports it. */
export async function recordConflict(
  context: RulesRunContext,
  pair: RuleDirection,
  link: GroupLink,
  sourceId: string,
  targetId: string | null,
  current: ReadonlyMap<SideVendor, string | null>,
  losses: readonly Loss[] = [],
): Promise<SyncRunItem> {
  const { store, dryRun } = context;
  const [first, second] = sidesInOrder(pair);
  const message = (id: string) =>
    `both the ${first.ruleNoun} and the ${second.ruleNoun} changed since the last sync, so neither was written; ` +
    `choose the winner with POST /api/v1/conflicts/${id}/resolve ${winnerBody(pair)}`;
  if (dryRun) return item(sourceId, targetId, 'skipped', losses, { error: message('(would be opened)') });
  const { conflict, created } = await store.conflicts.open(link.id, { sideHashes: current, runId: context.runId });
  if (link.status !== 'conflict') {
    await store.groupLinks.setStatus(link.id, 'conflict', { message: message(conflict.id), kind: 'conflict' });
  }
  if (created) context.onNewConflict?.({ conflictId: conflict.id, link });
  return item(sourceId, targetId, 'skipped', losses, { error: message(conflict.id) });
}

/** What a name conflict is about and how it is resolved, in one sentence; `found` is on one of the pair's sides. */
function nameConflictMessage(pair: RuleDirection, found: FoundObject, conflictId: string): string {
  const side = found.vendor === pair.source.vendor ? pair.source : pair.target;
  return (
    `a ${side.consoleNoun} named "${found.name}" (id ${found.id}) already exists and this gateway ` +
    `did not create it, so it was neither adopted nor duplicated; resolve conflict ${conflictId} with ` +
    `POST /api/v1/conflicts/${conflictId}/resolve {"resolution": "adopt"|"overwrite"|"skip"} (adopt: link it, ` +
    `its content wins; overwrite: link it, this side's content wins; skip: leave this one unsynced)`
  );
}

/**
 * A same-named object the gateway did not create stands where the source's counterpart would go (DESIGN.md:
 * never adopted silently, never duplicated). Records the source's link if there is none, opens (or finds) its
 * name conflict, marks the link `conflict`, and answers the skipped item that names the conflict.
 */
export async function recordNameConflict(
  context: RulesRunContext,
  pair: RuleDirection,
  link: GroupLink | (() => Promise<GroupLink>),
  sourceId: string,
  found: FoundObject,
  losses: readonly Loss[] = [],
): Promise<SyncRunItem> {
  const { store, dryRun } = context;
  if (dryRun)
    return item(sourceId, null, 'skipped', losses, { error: nameConflictMessage(pair, found, '(would be opened)') });
  const linked = typeof link === 'function' ? await link() : link;
  const { conflict, created } = await store.conflicts.openNameTaken(linked.id, found, context.runId);
  // The conflict already open may be an earlier one (another object found): the item reports that one.
  const reported = conflict.found ?? found;
  const message =
    conflict.kind === 'name_taken' ? nameConflictMessage(pair, reported, conflict.id) : contentMessage(conflict);
  if (linked.status !== 'conflict') {
    await store.groupLinks.setStatus(linked.id, 'conflict', { message, kind: 'conflict' });
  }
  if (created) context.onNewConflict?.({ conflictId: conflict.id, link: linked, found });
  return item(sourceId, null, 'skipped', losses, { error: message });
}

function contentMessage(conflict: SyncConflict): string {
  return `unresolved conflict ${conflict.id}: resolve it with POST /api/v1/conflicts/${conflict.id}/resolve`;
}

/** A link with an open conflict is left alone until the conflict is resolved. */
export async function openConflictItem(
  context: RulesRunContext,
  pair: RuleDirection,
  link: GroupLink,
  sourceId: string,
  targetId: string | null,
): Promise<SyncRunItem | null> {
  if (link.status !== 'conflict') return null;
  const open = await context.store.conflicts.findOpenForLink(link.id);
  if (!open) return null;
  const error =
    open.kind === 'name_taken' && open.found
      ? `unresolved name conflict: ${nameConflictMessage(pair, open.found, open.id)}`
      : `${contentMessage(open)} ${winnerBody(pair)}`;
  return item(sourceId, targetId, 'skipped', [], { error });
}

/**
 * The same-named object found for `sourceId` is itself the source of an open name conflict that found
 * `sourceId` (the other direction met the pair first): the item waits on that conflict instead of opening a
 * second one for the same pair. Null when it is not so.
 */
export async function awaitingFoundConflict(
  context: RulesRunContext,
  pair: RuleDirection,
  foundLink: GroupLink | null,
  sourceId: string,
): Promise<SyncRunItem | null> {
  if (!foundLink || foundLink.status !== 'conflict') return null;
  const open = await context.store.conflicts.findOpenForLink(foundLink.id);
  if (open?.kind !== 'name_taken' || open.found?.id !== sourceId) return null;
  return item(sourceId, null, 'skipped', [], {
    error: `unresolved name conflict: ${nameConflictMessage(pair, open.found, open.id)}`,
  });
}

/**
 * The source's counterpart would go where a same-named target rule (`found`) stands that the gateway did not
 * create: the item waits on the found rule's own name conflict when the other direction opened one for this
 * pair, else opens this source's (recording its link through `link` when there is none).
 */
export async function nameTakenItem(
  context: RulesRunContext,
  pair: RuleDirection,
  sourceId: string,
  link: GroupLink | (() => Promise<GroupLink>),
  found: { readonly id: string; readonly name: string },
  losses: readonly Loss[],
): Promise<SyncRunItem> {
  const foundLink = await context.store.groupLinks.findBySide(pair.target.vendor, found.id);
  const waiting = await awaitingFoundConflict(context, pair, foundLink, sourceId);
  if (waiting) return waiting;
  return recordNameConflict(context, pair, link, sourceId, { vendor: pair.target.vendor, ...found }, losses);
}

/**
 * A source whose name conflict was resolved by `skip` (its link set `unlinked`) is left alone by every run
 * that does not name it, until its link is set to a direction again (PATCH /api/v1/links/:id); a run naming it
 * tries again. Null when the item goes on.
 */
export async function skippedByResolution(
  context: RulesRunContext,
  link: GroupLink | null,
  sourceId: string,
): Promise<SyncRunItem | null> {
  if (link?.status !== 'unlinked' || context.groupIds !== undefined) return null;
  const latest = await context.store.conflicts.latestForLink(link.id);
  if (latest?.resolution !== 'skip') return null;
  return item(sourceId, null, 'skipped', [], {
    error:
      `left unsynced: its name conflict ${latest.id} was resolved with "skip"; set the link's direction ` +
      `(PATCH /api/v1/links/${link.id}) or name it in groupIds to sync it again`,
  });
}
