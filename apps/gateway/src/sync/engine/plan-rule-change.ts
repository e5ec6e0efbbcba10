import type { ConflictKind, LinkStatus } from '@app/mapping-store';

/**
 * The decisions of one rule item, apart from every read and write: given what the run found on both sides
 * and what the link recorded, what the item does. Both directions of the rules sync ask this one function,
 * so a decision (when to create, adopt, report a conflict, overwrite a drifted rule) is made and tested in one
 * place. Pure: hashes come in already computed, older hash formats as thunks computed only when needed.
 */

/** Which half of a run the item belongs to. */
export type RuleSyncHalf =
  /** A one-way run requested for a direction: every item is pushed from its source. */
  | 'one_way'
  /**
   * The first half of a scheduled run (Feishu → WeCom): decides two-way links — pushes a change of its own
   * side, reports conflicts, deletions and links in sync (but those whose last sync wrote its source) — and
   * pushes one-way links.
   */
  | 'deciding'
  /**
   * The second half of a scheduled run (WeCom → Feishu): of a two-way link, pushes only its own side's change,
   * and answers for the links in sync whose last sync wrote its target.
   */
  | 'pushing';

/** One side's content now, against the hash its last sync recorded. */
export interface SideState {
  /** The side's current content hash; null when it cannot be read into the canonical model. */
  readonly hash: string | null;
  /** The hash its last sync recorded; null when it was never synced. */
  readonly recorded: string | null;
  /** The side's current content in the previous hash formats (computed only when the current one differs). */
  readonly legacy?: () => readonly string[];
}

/** What the link says, as far as the decisions go. */
export interface PlanLink {
  readonly status: LinkStatus;
  readonly direction: 'feishu_to_wecom' | 'wecom_to_feishu' | 'two_way';
  /** The link names a target (it was created or adopted); its rule was looked up by that id. */
  readonly hasTarget: boolean;
  /**
   * The kind of the link's open conflict, null when none is open: a `name_taken` one waits for its resolution
   * in every run, a `content` one only in two-way reconciliation (a one-way run is itself a resolution).
   */
  readonly openConflict: ConflictKind | null;
  /** The last write to the target was refused because another app owns it (never retried on its own). */
  readonly refusedAsForeign: boolean;
  /**
   * Which side the link's last sync wrote (its recorded hash is the other side's translation), seen from this
   * item: its `source` or its `target`; null when not known (a link last synced before it was recorded).
   */
  readonly writtenSide: 'source' | 'target' | null;
}

/** Where the target rule was found. */
export type TargetLookup =
  /** The rule the link names. */
  | 'linked'
  /** The link names a rule that is gone. */
  | 'linked_missing'
  /** A rule with the name a recorded intent planned (a create that may have happened before a crash). */
  | 'adopt'
  /** No rule: to be created. */
  | 'absent'
  /** A rule with the planned name that the gateway has no record of creating: someone else's. */
  | 'name_taken';

export interface RuleChangeFacts {
  readonly half: RuleSyncHalf;
  readonly link: PlanLink | null;
  /** The source rule read into the canonical model. */
  readonly sourceReadable: boolean;
  /** The canonical rule translated into the target's write (false: translation refused it). */
  readonly writable: boolean;
  readonly target: TargetLookup;
  /** Both sides now and at the last sync (for two-way links); target absent when there is no target rule. */
  readonly sides?: { readonly source: SideState; readonly target: SideState | null };
  /**
   * The target as it is (against the hash its last sync recorded) and as it would be after the write; absent
   * when they cannot be compared before writing (the write creates things the comparison needs, e.g. new
   * Feishu shifts).
   */
  readonly comparison?: { readonly actual: SideState; readonly desired: string | null };
  /** The run named this item's source explicitly (groupIds), which retries a write refused as foreign. */
  readonly namedExplicitly: boolean;
  /**
   * The linked target carries a name other than the one it should (a legacy `·fs` name, or the source was
   * renamed): it is written even when neither side's content changed since the last sync.
   */
  readonly renameDue?: boolean;
}

export type RuleChange =
  /** Translation refused the rule: a failed item; the link remembers why. */
  | { readonly kind: 'refuse' }
  /** A two-way link whose change belongs to the other half of the run (or that half already reported it). */
  | { readonly kind: 'leave_to_other_half' }
  /**
   * A link with an open conflict is left alone until it is resolved: a name conflict in any run, a content
   * conflict in two-way reconciliation.
   */
  | { readonly kind: 'blocked_by_conflict' }
  /** A two-way link whose target was deleted: reported, or the source deleted too when configured. */
  | { readonly kind: 'target_deleted' }
  /**
   * A two-way link where neither side changed since its last sync and the written side still is the other's
   * translation: what differs is translation loss.
   */
  | { readonly kind: 'in_sync' }
  /** Both sides of a two-way link changed: nothing is written until someone names a winner. */
  | { readonly kind: 'conflict' }
  /** A same-named rule that is not the gateway's: reported, never adopted, never duplicated. */
  | { readonly kind: 'name_taken' }
  /** No target rule: create one (`recreated`: the link's rule was deleted in the target). */
  | { readonly kind: 'create'; readonly recreated: boolean }
  /** The target already is what the source says: only the link is recorded. */
  | { readonly kind: 'unchanged' }
  /** The last write was refused as another app's rule: not retried unless the run names it. */
  | { readonly kind: 'skip_foreign' }
  /** Write the target (`overwritesDrift`: it was changed outside the gateway since the last sync). */
  | { readonly kind: 'update'; readonly adopted: boolean; readonly overwritesDrift: boolean };

/** Whether a side differs from what its last sync recorded (in the current hash format or a previous one). */
export function sideChanged(side: SideState): boolean {
  // A side never synced (null) counts as changed: there is nothing to say it is still what was written.
  if (side.recorded === null) return true;
  if (side.hash === side.recorded) return false;
  return side.legacy === undefined || !side.legacy().includes(side.recorded);
}

/** A two-way link: one side changed → that side is pushed; both → a conflict. */
export type TwoWayDecision = 'in_sync' | 'source_changed' | 'target_changed' | 'conflict';

export function twoWayDecision(source: SideState, target: SideState): TwoWayDecision {
  const sourceChanged = sideChanged(source);
  const targetChanged = sideChanged(target);
  if (sourceChanged && targetChanged) return 'conflict';
  if (sourceChanged) return 'source_changed';
  if (targetChanged) return 'target_changed';
  return 'in_sync';
}

/**
 * The order is the decision: an unreadable source first (nothing can be said about it), then a two-way
 * link's own questions (which side changed), then whether the rule can be written at all, and only then where
 * it goes — so a rule that cannot be translated fails whatever stands in the target under its name.
 */
export function planRuleChange(facts: RuleChangeFacts): RuleChange {
  if (!facts.sourceReadable) return { kind: 'refuse' };
  // Until it is resolved, which object the source is paired with is not known: nothing is written.
  if (facts.link?.openConflict === 'name_taken') return { kind: 'blocked_by_conflict' };
  const twoWay = facts.half !== 'one_way' && facts.link?.direction === 'two_way';
  if (twoWay) {
    const decided = twoWayStep(facts);
    if (decided) return decided;
  }
  if (!facts.writable) return { kind: 'refuse' };
  switch (facts.target) {
    case 'name_taken':
      return { kind: 'name_taken' };
    case 'absent':
    case 'linked_missing':
      return { kind: 'create', recreated: facts.target === 'linked_missing' };
    case 'linked':
    case 'adopt':
      return updateStep(facts, facts.target === 'adopt');
  }
}

/** Two-way links in a scheduled run; null when the item goes on as a push from its source. */
function twoWayStep(facts: RuleChangeFacts): RuleChange | null {
  const link = facts.link!;
  const target = facts.sides?.target ?? null;
  // A pair linked but never synced (a name conflict resolved by linking the found object, before its run):
  // neither side has a last sync to compare with, so it is not a conflict; the deciding half pushes it.
  const neverSynced = target !== null && facts.sides!.source.recorded === null && target.recorded === null;
  if (facts.half === 'pushing') {
    // The deciding half went first and reported conflicts, deletions and links in sync, except the links in
    // sync whose written side is this half's target: whether they are re-pushed is this half's to say.
    if (target === null || link.status === 'conflict' || neverSynced) return { kind: 'leave_to_other_half' };
    switch (twoWayDecision(facts.sides!.source, target)) {
      case 'source_changed':
        return null;
      case 'in_sync':
        if (link.writtenSide !== 'target') return { kind: 'leave_to_other_half' };
        return translationMoved(facts) ? null : { kind: 'in_sync' };
      default:
        return { kind: 'leave_to_other_half' };
    }
  }
  if (link.status === 'conflict' && link.openConflict !== null) return { kind: 'blocked_by_conflict' };
  if (facts.target === 'linked_missing' || (link.hasTarget && target === null)) return { kind: 'target_deleted' };
  if (target === null || neverSynced) return null;
  switch (twoWayDecision(facts.sides!.source, target)) {
    case 'target_changed':
      return { kind: 'leave_to_other_half' };
    case 'in_sync':
      // Nothing changed, but the target's name is not the one it should carry: pushed to rename it.
      if (facts.renameDue) return null;
      if (link.writtenSide === 'target') return translationMoved(facts) ? null : { kind: 'in_sync' };
      // The source is the side the last sync wrote: only the other half can tell whether its translation of
      // the target moved, so that half reports the link.
      if (link.writtenSide === 'source') return { kind: 'leave_to_other_half' };
      return { kind: 'in_sync' };
    case 'conflict':
      return { kind: 'conflict' };
    case 'source_changed':
      return null;
  }
}

/**
 * A two-way link whose sides are both unchanged, and whose target is the side its last sync wrote: the source's
 * translation now (desired) is no longer what was written (the target as it is). Neither side changed, so what
 * moved is what the translation reads besides the rule: the people and department mappings (a person who left,
 * unmapped by a match run). The push goes from the side the last sync read to the side it wrote, as that sync
 * did: pushing the other way would write a lossy translation over the side people edited, and would drop the
 * target's members that were never mapped (DESIGN.md: nothing silently dropped). A link whose written side is
 * not known is left in sync, as before it was recorded.
 */
function translationMoved(facts: RuleChangeFacts): boolean {
  const comparison = facts.comparison;
  return comparison !== undefined && comparison.desired !== null && comparison.desired !== comparison.actual.hash;
}

/** An existing target: unchanged, skipped as another app's, or written. */
function updateStep(facts: RuleChangeFacts, adopted: boolean): RuleChange {
  const comparison = facts.comparison;
  if (comparison && comparison.desired !== null && comparison.desired === comparison.actual.hash && !facts.renameDue) {
    return { kind: 'unchanged' };
  }
  // Drift is a claim about a target the gateway wrote: one never recorded cannot have drifted.
  const overwritesDrift =
    comparison !== undefined && comparison.actual.recorded !== null && sideChanged(comparison.actual);
  if (facts.link?.refusedAsForeign && !facts.namedExplicitly) return { kind: 'skip_foreign' };
  return { kind: 'update', adopted, overwritesDrift };
}
