import type {
  IdentityAttribute,
  ItemAction,
  LinkDirection,
  Loss,
  MappingOrigin,
  MatchEvidence,
  MatchKind,
  MatchReasonCode,
  MatchReasonParams,
  MatchStatus,
  Note,
  RunStatus,
  RunScope,
  RunTrigger,
  SyncDirection,
  SyncErrorKind,
  SyncScope,
  Vendor,
  VendorName,
} from '@app/kernel';

// Plain domain types: what the store's callers see. Database rows never leave the store.

export const LINK_STATUSES = [
  'pending',
  'active',
  'conflict',
  'failed',
  'source_missing',
  'target_missing',
  'unlinked',
] as const;
/**
 * `pending`: intent recorded before a vendor create; the next run adopts what a crashed run created.
 * `unlinked`: a source group a scheduled run discovered while auto-linking is off; not synced until linked.
 */
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const LINK_SCOPES = ['rule'] as const;
/** What a link pairs across vendors: `rule` links a Feishu attendance group and a WeCom checkin rule. */
export type LinkScope = (typeof LINK_SCOPES)[number];

/** Why a link's last sync failed: the message shown to people, and its kind, which code decides on. */
export interface LinkFailure {
  readonly message: string;
  readonly kind: SyncErrorKind;
}

/**
 * The vendor of a link's side as the store keeps it: one of the kernel's vendors, or any other lowercase name
 * (migrations/1796700000000-open-link-vendors.ts). A vendor is rows of `link_sides`, never columns, so the store
 * needs no change for another one (the tests' in-memory vendor is one).
 */
export type SideVendor = VendorName;

/** One vendor's side of a link as the last sync (or a recorded intent) left it. */
export interface LinkSide {
  /** The vendor's id of the object; null while a create is pending (WeCom answers no id) or before one. */
  readonly id: string | null;
  /** The object's name on that vendor; alone, it is a recorded intent (the name a create will carry). */
  readonly name: string | null;
  /** The side's canonical content hash at the last sync (or, while `id` is null, the planned content's). */
  readonly hash: string | null;
}

/**
 * A link of scope `rule`: its sides by vendor, and the Feishu–WeCom pair's fields the REST views and the
 * roster and punch scopes read (the same sides, by name).
 */
export interface GroupLink {
  readonly id: string;
  /** Every side the link has, by vendor. */
  readonly sides: ReadonlyMap<SideVendor, LinkSide>;
  readonly feishuGroupId: string | null;
  readonly feishuGroupName: string | null;
  readonly wecomRuleId: string | null;
  readonly wecomRuleName: string | null;
  readonly direction: LinkDirection;
  readonly status: LinkStatus;
  /** Content hashes of both sides' canonical form at the last successful sync. */
  readonly feishuHash: string | null;
  readonly wecomHash: string | null;
  readonly lastSyncedAt: Date | null;
  readonly lastError: string | null;
  /** The kind of `lastError` (SYNC_ERROR_KINDS): what the engines decide on, never the words. */
  readonly lastErrorKind: SyncErrorKind | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /**
   * The side the last sync wrote, or found already holding what the other side translates to: its hash is
   * the other side's translation. Null when not known (a link last synced before the gateway recorded it).
   */
  readonly writtenVendor: SideVendor | null;
}

/** One side of a link intent: the vendor, and what is known of its object (ids are unknown before a create). */
export interface SideIntent {
  readonly vendor: SideVendor;
  readonly id?: string | null;
  readonly name?: string | null;
  /**
   * The content hash of the object a create is about to make (recorded with its name before the create): after
   * a crash, an object of that name is adopted only if it holds this content. Kept only while the side has no id.
   */
  readonly plannedHash?: string | null;
}

/** A link to record before any vendor write, keyed by its source side (which exists, so it has an id). */
export interface GroupLinkIntent {
  readonly direction: LinkDirection;
  readonly source: SideIntent & { readonly id: string };
  readonly target?: SideIntent;
}

/** A side both vendors agree on after a sync: its id, name (absent: keep the recorded one) and content hash. */
export interface SyncedSide {
  readonly vendor: SideVendor;
  readonly id: string;
  readonly name?: string | null;
  readonly hash: string;
}

export interface GroupLinkSyncedState {
  readonly sides: readonly SyncedSide[];
  readonly syncedAt: Date;
  /** The side this sync wrote (GroupLink.writtenVendor); omitted: the link keeps the one it had. */
  readonly writtenVendor?: SideVendor;
}

/**
 * One vendor's side of a shift link: the vendor's kind of shift object (Feishu `shift`; WeCom `schedule` in a
 * shift-based rule, `checkintime` in a fixed one), its key there, and its name when known. Kinds are the
 * vendors' own words: the store checks their shape only (migrations/1796900000000-shift-link-sides.ts).
 */
export interface ShiftLinkSide {
  readonly kind: string;
  readonly key: string;
  readonly name: string | null;
}

/** One shift within a group link, as each vendor holds it: its sides by vendor (rows, never columns). */
export interface ShiftLink {
  readonly id: string;
  readonly groupLinkId: string;
  readonly sides: ReadonlyMap<VendorName, ShiftLinkSide>;
  readonly contentHash: string | null;
}

/** A side of a shift link to write, with its vendor. */
export interface ShiftLinkSideInput extends ShiftLinkSide {
  readonly vendor: VendorName;
}

/**
 * A shift link to write, found by its anchor: the side whose key identifies the item within the group link.
 * The other sides given replace that vendor's side; a vendor's side not given is kept (a later write that does
 * not know it never forgets it), and so is a known name when the new one is null.
 */
export interface ShiftLinkInput {
  readonly groupLinkId: string;
  readonly anchor: ShiftLinkSideInput;
  readonly others: readonly ShiftLinkSideInput[];
  readonly contentHash: string | null;
}

export interface UserMapping {
  readonly feishuUserId: string;
  readonly wecomUserId: string;
}

export interface DepartmentMapping {
  readonly feishuDepartmentId: string;
  readonly wecomPartyId: string;
}

export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface PunchRecordMapping {
  readonly sourceVendor: Vendor;
  /** The source vendor's id of the punch, or a deterministic content key where it has none (WeCom). */
  readonly sourceKey: string;
  /** Likewise on the target side; null until the target tells us. */
  readonly targetKey: string | null;
  readonly userKey: string;
  readonly punchedAt: Date;
  readonly runId: string | null;
  /** Default `done`. */
  readonly state?: PunchWriteState;
}

export const PUNCH_WRITE_STATES = ['pending', 'done'] as const;
/**
 * pending: recorded just before a write that has no idempotency key (WeCom), until the vendor answers;
 * done: carried across.
 */
export type PunchWriteState = (typeof PUNCH_WRITE_STATES)[number];

/** A pending punch write: the target-side key it will have, whose person and when. */
export interface PendingPunchWrite {
  readonly sourceKey: string;
  readonly targetKey: string | null;
  readonly userKey: string;
  readonly punchedAt: Date;
}

export interface RunRequestParams {
  readonly groupIds?: readonly string[];
  /** Punches: source-side user ids to narrow the run to (e.g. one Feishu punch event's user). */
  readonly userIds?: readonly string[];
  /** YYYY-MM-DD, China time; inclusive. */
  readonly from?: string;
  /** YYYY-MM-DD, China time; inclusive. */
  readonly to?: string;
  /** Rules: writes take effect at once (Feishu effect_now, WeCom effective_now); unset = the deployment default. */
  readonly effectiveNow?: boolean;
  /** Identities: the attributes people are matched by, in order; unset = IDENTITY_MATCH. */
  readonly matchAttributes?: readonly IdentityAttribute[];
  /** Identities: unique proposals are mapped at once; unset = IDENTITY_AUTO_ACCEPT. */
  readonly autoAccept?: boolean;
}

export interface NewSyncRun {
  /** A run requested over REST goes one way; a scheduled run reconciles each link in its own (`two_way`). */
  readonly direction: LinkDirection;
  /** A sync scope, or `identities` for the match job's runs. */
  readonly scope: RunScope;
  readonly dryRun: boolean;
  readonly triggeredBy: RunTrigger;
  readonly params: RunRequestParams;
}

export interface RunSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface SyncRun extends NewSyncRun {
  readonly id: string;
  /** Scheduled runs: the cron tick they belong to (one run per tick cluster-wide). */
  readonly scheduleKey: string | null;
  /** Which attempt of the run's job executes (or last executed) it: 0 for the first, then each retry. */
  readonly attempt: number;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly queuedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly summary: RunSummary;
}

export interface SyncRunItem {
  readonly sourceId: string;
  readonly targetId: string | null;
  readonly action: ItemAction;
  readonly losses: readonly Loss[];
  /** What the gateway did beyond the action (a rule created again, a delete propagated); absent = none. */
  readonly notes?: readonly Note[];
  readonly error: string | null;
  /** Dry runs: the exact vendor payload the run would send. */
  readonly plan?: unknown;
}

export interface SyncRunWithItems extends SyncRun {
  readonly items: readonly SyncRunItem[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface CursorKey {
  readonly scope: SyncScope;
  readonly direction: SyncDirection;
  readonly partitionKey?: string;
}

export interface SyncCursor<P = unknown> {
  readonly position: P;
  readonly version: number;
  readonly updatedAt: Date;
}

export const CONFLICT_WINNERS = ['feishu', 'wecom'] as const satisfies readonly Vendor[];
/** The side whose content wins a conflict's resolution. */
export type ConflictWinner = (typeof CONFLICT_WINNERS)[number];

export const CONFLICT_KINDS = ['content', 'name_taken'] as const;
/**
 * `content`: both sides of a two-way link changed since the last sync, resolved by naming a winner.
 * `name_taken`: the target already holds an object with the name the source's counterpart would carry, and
 * the gateway did not create it; resolved by a NameConflictResolution.
 */
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const NAME_CONFLICT_RESOLUTIONS = ['adopt', 'overwrite', 'skip'] as const;
/**
 * adopt: link the found object, its content wins once; overwrite: link it, the source's content wins once;
 * skip: the source is not synced (its link becomes `unlinked`).
 */
export type NameConflictResolution = (typeof NAME_CONFLICT_RESOLUTIONS)[number];

/** An object a name conflict found in the target: the vendor holding it, its id and its name. */
export interface FoundObject {
  readonly vendor: VendorName;
  readonly id: string;
  readonly name: string;
}

export interface SyncConflict {
  readonly id: string;
  readonly groupLinkId: string;
  readonly kind: ConflictKind;
  /** Name conflicts: the same-named object found in the target; null for content conflicts. */
  readonly found: FoundObject | null;
  /**
   * Content conflicts: each side's content hash when the conflict was detected, by vendor (a side whose hash was
   * unknown is absent); empty for name conflicts.
   */
  readonly sideHashes: ReadonlyMap<VendorName, string>;
  readonly detectedAt: Date;
  readonly detectedByRunId: string | null;
  readonly resolvedAt: Date | null;
  readonly winner: ConflictWinner | null;
  /** Name conflicts: how it was resolved; null while open and for content conflicts. */
  readonly resolution: NameConflictResolution | null;
  readonly resolutionRunId: string | null;
}

/**
 * A person or department that runs could not carry because the id mapping lacks them, and that the mapping
 * still lacks: `vendor` is the side the id belongs to (a run's source side), `groups` the source groups whose
 * runs dropped them (each with the newest such run), `lastSeenAt` when a run last did.
 */
export interface UnmappedId {
  readonly kind: 'user' | 'department';
  readonly vendor: Vendor;
  readonly id: string;
  readonly groups: readonly { readonly vendor: Vendor; readonly id: string; readonly runId: string }[];
  readonly lastSeenAt: Date;
}

/** A pair of ids (a person's, a department's) and who made it: an operator (`manual`) or the match job. */
export interface OriginPair {
  readonly feishu: string;
  readonly wecom: string;
  readonly origin: MappingOrigin;
  /** The evidence of a match-made pair (never its value); null for a hand-made one. */
  readonly matchedBy: MatchEvidence | null;
}

/** A pair the match job found, with its evidence. */
export interface MatchedPair {
  readonly feishu: string;
  readonly wecom: string;
  readonly matchedBy: MatchEvidence;
}

/** What upsertMatched wrote, and the pairs it refused because a hand-made pair holds either id. */
export interface MatchedUpsertResult extends UpsertCounts {
  readonly refused: readonly MatchedPair[];
}

export const MATCH_DECIDERS = ['auto', 'operator'] as const;
/** Who decided a match: the match job's auto-accept, or an operator. */
export type MatchDecider = (typeof MATCH_DECIDERS)[number];

/** One candidate pair of an ambiguous match: ids and evidence only (DESIGN.md, personal data). */
export interface MatchCandidate {
  readonly feishuId?: string;
  readonly wecomId?: string;
  readonly matchedBy: MatchEvidence;
}

/**
 * What the match job says of one person or department: a pair (`proposed`, `accepted`, `rejected`), the
 * candidates of an `ambiguous` one, or an `unmatched` one of either side (a WeCom-only entry has no Feishu id).
 */
export interface IdentityMatchEntry {
  readonly feishuId: string | null;
  readonly wecomId: string | null;
  readonly matchedBy: MatchEvidence | null;
  readonly status: MatchStatus;
  readonly candidates?: readonly MatchCandidate[];
  /** Why, for an HR reader, in a few words (never a person's email or mobile). */
  readonly reason?: string | null;
  /** `reason` as a code and its parameters (MATCH_REASON_CODES), for a program to read or translate. */
  readonly reasonCode?: MatchReasonCode | null;
  readonly reasonParams?: MatchReasonParams | null;
  /** Accepted or rejected entries: who decided (`auto` for the job's auto-accept). */
  readonly decidedBy?: MatchDecider | null;
}

export interface IdentityMatch {
  readonly id: string;
  readonly kind: MatchKind;
  readonly feishuId: string | null;
  readonly wecomId: string | null;
  readonly matchedBy: MatchEvidence | null;
  readonly status: MatchStatus;
  readonly candidates: readonly MatchCandidate[];
  readonly reason: string | null;
  /** `reason` as a code and its parameters; both null on a row written before codes were recorded. */
  readonly reasonCode: MatchReasonCode | null;
  readonly reasonParams: MatchReasonParams | null;
  /** The run that last changed the row (null once that run is deleted). */
  readonly runId: string | null;
  readonly decidedBy: MatchDecider | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface IdentityMatchFilter {
  readonly kind?: MatchKind;
  readonly status?: MatchStatus;
  /** Keeps rows whose Feishu or WeCom id, or a candidate's, contains it (any case). */
  readonly q?: string;
}

/** An operator's decision on a match: accept a pair (for an ambiguous or unmatched row, the one chosen) or reject it. */
export type MatchDecision =
  { readonly accept: { readonly wecomId: string; readonly matchedBy: MatchEvidence } } | 'reject';
