import type { SyncErrorKind, UnreadableRecord, Vendor, VendorName } from '@app/kernel';
import type { CanonicalPunch, CanonicalRule, PunchRead, Translation } from '@app/translation';
import { inWindow, type DayKey, type DayWindow } from './roster-days.js';

/** One vendor request a dry run would send (the `plan` of a run item): the API and its exact body. */
export interface PlannedRequest {
  readonly api: string;
  readonly body: unknown;
}

/** The requests an item would send to one vendor. */
export interface ItemPlan {
  readonly vendor: VendorName;
  readonly requests: readonly PlannedRequest[];
}

/**
 * What every vendor connector of the rules scope is: one vendor's reads and writes of attendance rules,
 * with the client, the mappers to and from the canonical model and that vendor's write rules inside, and
 * nothing of any other vendor. The engine speaks of a rule by the connector's noun ("Feishu group",
 * "WeCom rule") so that its messages name what HR sees in each admin console.
 */
export interface RuleSideConnector {
  readonly vendor: VendorName;
  /** The vendor as HR names it ("Feishu", "WeCom"). */
  readonly vendorName: string;
  readonly ruleNoun: string;
  /**
   * The rule as the vendor's admin console lists it ("Feishu attendance group", "WeCom rule"): how a name
   * conflict names the same-named object HR must go and look at.
   */
  readonly consoleNoun: string;
  /**
   * The error kinds with which this vendor refuses a write for good (the rule belongs to someone else): a link
   * whose last write ended so is not written again unless a run names it.
   */
  readonly permanentRefusals: readonly SyncErrorKind[];
  /** The `field` of a run item's note about this vendor's rule (Feishu: `group`, WeCom: `rule`). */
  readonly noteField: string;
  /** The request a dry run shows for the deletion of rule `ruleId` (SYNC_PROPAGATE_DELETES). */
  deletePlan(ruleId: string): ItemPlan;
  /** Deletes rule `ruleId` (SYNC_PROPAGATE_DELETES). */
  deleteRule(ruleId: string): Promise<void>;
  /**
   * The vendor's kind of shift object in its rules of canonical kind `ruleKind`, as a shift link's side names it
   * (migrations/1796900000000-shift-link-sides.ts), or null when such a rule holds none: how another vendor's
   * role records this vendor's side of a shift link without naming this vendor's words.
   */
  shiftKind(ruleKind: CanonicalRule['kind']): string | null;
}

/** Where a list read hands each record it cannot read (the run makes one failed item of each). */
export type UnreadableSink = (record: UnreadableRecord) => void;

// ---- rosters ------------------------------------------------------------------------------------------

/** The shift key of a rest day on both vendors: Feishu shift_id "0", WeCom schedule_id 0 (REFERENCE C). */
export const REST_SHIFT = '0';

/** One person's shift on one day, in one vendor's ids (shift: that vendor's shift key, REST_SHIFT to rest). */
export interface RosterDay {
  readonly user: string;
  readonly day: DayKey;
  readonly shift: string;
}

/** A person-day to write to the target: the target's user and shift key, and the source person it is for. */
export interface RosterWrite {
  readonly sourceUser: string;
  readonly user: string;
  readonly day: DayKey;
  /** The target's shift key. */
  readonly shift: string;
}

/**
 * One roster entry as a vendor holds it, in the vendor's ids: the attendance group it is kept in, the day
 * (null when the vendor's month and day name none) and whether the vendor holds it as cleared.
 */
export interface RosterEntry {
  readonly group: string;
  readonly user: string;
  readonly day: DayKey | null;
  readonly shift: string;
  readonly cleared: boolean;
}

/** The roster days of one group in the window: cleared days and days that do not exist hold nothing. */
export function rosterDaysIn(entries: readonly RosterEntry[], group: string, window: DayWindow): RosterDay[] {
  const days: RosterDay[] = [];
  for (const entry of entries) {
    if (entry.group !== group || entry.cleared || entry.day === null || !inWindow(entry.day, window)) continue;
    days.push({ user: entry.user, day: entry.day, shift: entry.shift });
  }
  return days;
}

/** An attendance group as the roster scope sees it. */
export interface RosterGroup {
  readonly id: string;
  /** Null when the group keeps rosters (a 排班 group); otherwise why not, as the vendor's console has it. */
  readonly notRostered: string | null;
  /** The working shifts the group offers (shift key → name), the rest day left out. */
  readonly shifts: ReadonlyMap<string, string>;
  /** The people the group names itself (departments left out). */
  readonly namedUsers: readonly string[];
}

/** A shift of a group as the roster scope names it: the vendor's shift key and its name. */
export interface RosterShift {
  readonly id: string;
  readonly name: string;
}

/** One write call of a roster: the person-days it carries and the request as a dry run shows it. */
export interface RosterBatch {
  readonly writes: readonly RosterWrite[];
  readonly request: PlannedRequest;
}

/** How the vendor answered a roster write it accepted. */
export interface RosterWriteAnswer {
  /** Person-days that took effect. */
  readonly written: number;
  /** Person-days the answer says did not take effect: the target's user, the day (or the vendor's text). */
  readonly notApplied: readonly { readonly user: string; readonly day: string; readonly message: string }[];
  /** Parts of the answer that could not be read, as messages about the whole call. */
  readonly unread: readonly string[];
}

/**
 * What every vendor connector of the roster scope is: one vendor's roster reads and writes in RosterDay /
 * RosterWrite terms, with the batching by the vendor's limits and the vendor's answers read into
 * RosterWriteAnswer. Who writes what, and what a refusal costs, is the engine's.
 */
export interface RosterSideConnector {
  readonly vendor: VendorName;
  readonly groupNoun: string;
  /** The roster entries of `users` in the window, every group's (one call; the engine splits on refusals). */
  readRoster(users: readonly string[], window: DayWindow, onUnreadable: UnreadableSink): Promise<RosterEntry[]>;
  /** The write calls for `writes` to group `groupId`, in the order they are sent. */
  rosterBatches(groupId: string, writes: readonly RosterWrite[]): RosterBatch[];
  /** Sends one batch (or a part of one); throws the vendor's error when the call is refused. */
  sendRoster(groupId: string, batch: RosterBatch): Promise<RosterWriteAnswer>;
  /** The loss text and target value for a person-day the vendor refused with `reason`. */
  refusedDay(write: RosterWrite, reason: string): { readonly message: string; readonly targetValue: unknown };
}

// ---- punches ------------------------------------------------------------------------------------------

/** A half-open window [start, end) in Unix seconds. */
export interface PunchTimeWindow {
  readonly start: number;
  readonly end: number;
}

/** One source record of a punch read, translated (or not) into the canonical punch. */
export interface PunchRecord {
  /** The person, in the source vendor's ids. */
  readonly user: string;
  /** The record's own key before translation (Feishu's record_id); null when only the punch has one. */
  readonly recordKey: string | null;
  /** A record the gateway itself wrote to this vendor (a mark the vendor keeps on it). */
  readonly fromGateway: boolean;
  /** The record as a canonical punch, what that lost, or why it is none (translated when asked). */
  readonly read: () => PunchRead;
}

/** A punch ready to write: the vendor body, and the key under which the vendor will hold it (when known). */
export interface PunchWrite {
  readonly body: unknown;
  /** WeCom: the punch key (user and second); Feishu: the import's idempotent_id. */
  readonly key: string;
  /** The target person as the body names them. */
  readonly user: string;
}

/**
 * What every vendor connector of the punch scope is: reads of one vendor's punch records as canonical
 * punches, and writes of canonical punches in the vendor's batches. Idempotency, pending intents and what a
 * refusal costs are the engine's.
 */
export interface PunchSideConnector {
  readonly vendor: Vendor;
  /** People per read call when this vendor is the source. */
  readonly usersPerRead: number;
  /** Records per write call (the vendor's maximum). */
  readonly writeBatch: number;
  /** The write call as a dry-run plan names it, and the body field its records go under. */
  readonly writeCall: { readonly api: string; readonly key: string };
  /** The punch records of `users` in the window. */
  readPunches(users: readonly string[], window: PunchTimeWindow, onUnreadable: UnreadableSink): Promise<PunchRecord[]>;
  /** A canonical punch as this vendor's record for `targetUser`. */
  punchWrite(punch: CanonicalPunch, targetUser: string): Translation<PunchWrite>;
  /** Writes one batch; the key the vendor holds each record under (null when its answer does not say). */
  writePunches(batch: readonly PunchWrite[]): Promise<(string | null)[]>;
}

/** Writes in the order the vendors' roster calls carry them: by target user, then day. */
export function sortRosterWrites(writes: readonly RosterWrite[]): RosterWrite[] {
  return [...writes].sort((a, b) =>
    a.user < b.user ? -1 : a.user > b.user ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
}
