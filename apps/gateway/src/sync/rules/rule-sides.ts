import type { LinkDirection, Loss } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import type { RuleSideConnector } from '@app/connectors';
import type { CanonicalRule } from '@app/translation';
import type { PlanLink, RuleChange, SideState, TargetLookup } from '../engine/plan-rule-change.js';

/**
 * The two roles a vendor plays in a rules run, as the one rules reconciler (rules.reconciler.ts) sees them: the
 * side rules are read from (RulesSource) and the side they are written to (RulesTarget). Each vendor has one of
 * each (feishu-groups.rule-side.ts, wecom-rules.rule-side.ts), built over that vendor's connector only; a run is
 * a (source, target) pair of them, so both directions and two-way runs are composed once, and a third vendor
 * (the tests' in-memory one) plugs in by writing its two roles.
 */

/** The source object of an item, read and translated. */
export interface SourceRead {
  readonly id: string;
  /** The object's own name (a link records it). */
  readonly name: string;
  readonly rule: CanonicalRule;
  /** The translation's losses. */
  readonly losses: readonly Loss[];
  /** The canonical rule's content hash, and in the previous hash formats. */
  readonly hash: string;
  readonly legacy: () => readonly string[];
  /**
   * The name the target object should carry, given the one it has now (null: none yet): the source object's own,
   * or the name the target already carries when that is this source's name as the target's vendor shortened it.
   */
  targetName(actual: { readonly id: string; readonly name: string } | null): string;
}

/** A source object that could not be translated: its id and why. */
export interface UnreadableSource {
  readonly id: string;
  readonly losses: readonly Loss[];
}

export interface RulesSource {
  readonly connector: RuleSideConnector;
  /** How the log names a source object before it has a link (`<resource>:<id>`). */
  readonly resource: string;
  /**
   * Reads the source's list as the run needs it and answers the source ids the run visits: the ones the run
   * names, or every one; in a scheduled run, the sources of the links that sync from this side and the objects
   * no link knows yet (synced when auto-linking is on, else recorded `unlinked`).
   */
  select(links: readonly GroupLink[], direction: LinkDirection): Promise<readonly string[]>;
  /** The source object now: translated, refused by translation, or gone (null). */
  read(id: string, link: GroupLink | null): Promise<SourceRead | UnreadableSource | null>;
  /**
   * After the items: links syncing from this side whose object is gone and no item visited (a side that
   * lists every object finds them so); none when the items find deletions themselves.
   */
  goneLinks(visitedAll: boolean): Promise<readonly GroupLink[]>;
}

/** What an item would do in the target, before the decision: the facts planRuleChange weighs, and the writes. */
export interface TargetProposal {
  /** An item the target settles before any plan (a same-named object that another link pairs). */
  readonly settled?: SyncRunItem;
  readonly lookup: TargetLookup;
  /** The source translates into the target's write (false: refused; its losses say why). */
  readonly writable: boolean;
  /** The object the link names, as it is against its last sync (two-way questions); null when there is none. */
  readonly targetSide: SideState | null;
  readonly comparison?: { readonly actual: SideState; readonly desired: string | null };
  readonly renameDue?: boolean;
  /** The source's and the target write's losses. */
  readonly losses: readonly Loss[];
  /** The same-named object found (lookup `name_taken`), and the losses its item reports. */
  readonly found?: { readonly id: string; readonly name: string; readonly losses: readonly Loss[] };
  /** Writes the decision: create the target object, or record, skip or write an existing one. */
  create(change: Extract<RuleChange, { kind: 'create' }>): Promise<SyncRunItem>;
  update(change: Extract<RuleChange, { kind: 'unchanged' | 'skip_foreign' | 'update' }>): Promise<SyncRunItem>;
}

export interface RulesTarget {
  readonly connector: RuleSideConnector;
  /**
   * Items in flight at once: a target whose creates depend on each other (Feishu's tenant-wide shifts) takes
   * one at a time.
   */
  readonly concurrency: number;
  /** Reads the target's list as the run needs it, before any item. */
  begin(links: readonly GroupLink[]): Promise<void>;
  /**
   * Before an item reads its source: the target's own reason to stop it (its linked object is there but could
   * not be read), else null. May read the target's list again when the link names an object the list lacks.
   */
  precheck(sourceId: string, link: GroupLink | null): Promise<SyncRunItem | null>;
  propose(read: SourceRead, link: GroupLink | null, planLink: PlanLink | null): Promise<TargetProposal>;
  /** After the items: what the target completes at the end of a run (links of creates that answered no id). */
  finish(items: readonly SyncRunItem[]): Promise<SyncRunItem[]>;
}
