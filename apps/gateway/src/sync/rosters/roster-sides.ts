import type { RosterGroup, RosterShift, RosterSideConnector } from '@app/connectors';
import type { VendorName } from '@app/kernel';
import type { ShiftLink } from '@app/mapping-store';
import type { CanonicalRule } from '@app/translation';

/**
 * The two roles a vendor plays in a roster run, as the one roster reconciler (rosters.reconciler.ts) sees them:
 * the side a roster is read from (RostersSource) and the side it is written to (RostersTarget). Each vendor has
 * one of each (feishu-rosters.roster-side.ts, wecom-rosters.roster-side.ts), built over that vendor's roster
 * connector only; a run is a (source, target) pair of them, so both directions are composed once, and a third
 * vendor (the tests' in-memory one, test/support/memory-rosters.vendor.ts) plugs in by writing its two roles.
 */

/** A linked group as a side reads it for an item: the group, gone (null), or unreadable (why). */
export type RosterGroupRead = RosterGroup | { readonly unreadable: string } | null;

/**
 * How the reconciler maps a person between the sides, by their vendors' names. The run's IdResolver
 * (libs/translation) is one for the kernel's two vendors; the tests' in-memory vendors bring their own.
 */
export interface RosterPeople {
  user(id: string, from: VendorName, to: VendorName): string | null;
}

/** What a vendor's side offers in either role. */
export interface RosterSide {
  readonly connector: RosterSideConnector;
  /** The vendor as HR names it ("Feishu", "WeCom"): messages say which side a person or day is on. */
  readonly vendorName: string;
  /** A person's roster on this side, for messages ("Feishu roster", "WeCom schedules"). */
  readonly rosterNoun: string;
  /** What a shift is called on this side ("shift", "schedule"). */
  readonly shiftNoun: string;
  /** How the log names a group of this side (`<resource>:<id>`). */
  readonly resource: string;
  /**
   * Whether this side reads its groups in one list before any item (begin). A run checks such a side's group
   * first: it costs no call, and a group it lacks stops the item before the other side is asked.
   */
  readonly listsGroups: boolean;
  /** Reads what the run needs of this side before any item (a side with one list of groups reads it here). */
  begin(): Promise<void>;
  /** Whether a run that names no groups visits a link with this group (false: the list read lacks it or it keeps no roster). */
  visits(groupId: string): boolean;
  group(groupId: string): Promise<RosterGroupRead>;
  /**
   * The group's people as this side lists them, and whether that is everyone: a side whose group reaches people
   * through departments it cannot list names only some.
   */
  members(group: RosterGroup): Promise<{ readonly users: readonly string[]; readonly complete: boolean }>;
  /** The shifts the group offers (key → name) when it lists them, so pairs take only those; null when it does not. */
  offeredShifts(group: RosterGroup): ReadonlyMap<string, string> | null;
  /** This side's shift key in a shift link the rules sync recorded, or null when the link has none of this side. */
  recordedShiftKey(link: ShiftLink): string | null;
  /** The order of this side's shift keys: recorded links are paired in it, so the first pair wins the same way every run. */
  compareShiftKeys(a: string, b: string): number;
  /** A shift of the group by its key (its name, and a handle describeShift takes); null when there is none. */
  shift(group: RosterGroup, key: string): Promise<RosterShift | null>;
  /** Every shift this side could pair a key with (a tenant's shifts); none when its shifts are the group's. */
  allShifts(): Promise<readonly RosterShift[]>;
  /**
   * The group with just this shift as a canonical rule: what a rule written from the group makes of the shift,
   * for a side that derives its shift keys from it. Null when this side does not describe its shifts so.
   */
  describeShift(groupId: string, shift: RosterShift): CanonicalRule | null;
  /**
   * For a side whose shift keys the rules sync derives from the rule it writes (a deterministic id per shift):
   * the key it gives the one shift of `rule`, or null when the translation refuses. Absent on a side whose
   * shift keys are its own.
   */
  readonly derivedShiftKey?: (rule: CanonicalRule) => string | null;
}

export type RostersSource = RosterSide;

export interface RostersTarget extends RosterSide {
  /**
   * Why a day with source shift `shift` (named `name` when known) cannot be written to this side's group
   * `groupId`: no shift of it is paired with that shift. The message says which rules sync would pair it.
   */
  unpairedShift(source: RosterSide, shift: string, name: string | undefined, groupId: string): string;
}
