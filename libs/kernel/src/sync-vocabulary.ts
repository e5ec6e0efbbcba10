// The words of the public REST contract (DESIGN.md), shared by the store, the sync engine and the API.

export const SYNC_DIRECTIONS = ['feishu_to_wecom', 'wecom_to_feishu'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

/** A link may also be kept in step both ways; a run always goes one way. */
export const LINK_DIRECTIONS = [...SYNC_DIRECTIONS, 'two_way'] as const;
export type LinkDirection = (typeof LINK_DIRECTIONS)[number];

export const SYNC_SCOPES = ['rules', 'rosters', 'punches'] as const;
export type SyncScope = (typeof SYNC_SCOPES)[number];

/**
 * What a run may do: sync one of the scopes, or match the people and departments of both vendors' directories
 * (issue 21's match job), which is a run like any other but syncs nothing itself.
 */
export const RUN_SCOPES = [...SYNC_SCOPES, 'identities'] as const;
export type RunScope = (typeof RUN_SCOPES)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** `match`: a run the match job started (the rules that held people who left, re-synced). */
export const RUN_TRIGGERS = ['api', 'schedule', 'event', 'match'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const ITEM_ACTIONS = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const LOSS_SEVERITIES = ['info', 'approximated', 'dropped', 'blocking'] as const;
export type LossSeverity = (typeof LOSS_SEVERITIES)[number];

/** One thing a translation could not carry over exactly, written for an HR reader. */
export interface Loss {
  readonly field: string;
  readonly severity: LossSeverity;
  readonly message: string;
  readonly sourceValue?: unknown;
  readonly targetValue?: unknown;
}

/**
 * One thing the gateway did beyond the item's action, written for an HR reader ("the WeCom rule was created
 * again", "the oldest of two same-named rules was adopted"): a run item's notes, kept apart from its losses so
 * that a loss always means something a translation could not carry over.
 */
export interface Note {
  readonly field: string;
  readonly message: string;
  /** What kind of note this is, for a program to read without matching the message (absent on most notes). */
  readonly code?: NoteCode;
}

/**
 * The closed list of note codes. `target_drift_overwritten`: the target was changed outside the gateway since
 * the last sync, and this one-way sync overwrote it (a dry run: would overwrite it).
 */
export const NOTE_CODES = ['target_drift_overwritten'] as const;
export type NoteCode = (typeof NOTE_CODES)[number];
