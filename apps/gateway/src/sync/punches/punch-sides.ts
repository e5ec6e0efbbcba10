import type { PunchRecord, PunchTimeWindow, PunchWrite, UnreadableSink } from '@app/connectors';
import type { Vendor } from '@app/kernel';
import type { RunRequestParams, UserMapping } from '@app/mapping-store';
import type { CanonicalPunch, IdResolver, Translation } from '@app/translation';
import type { RunContext } from '../engine/run-context.js';

/**
 * The two roles a vendor plays in a punch run, as the one punch reconciler (punches.reconciler.ts) sees them:
 * the side punches are read from (PunchSource) and the side they are written to (PunchTarget). Each vendor has
 * one of each (feishu-punches.punch-side.ts, wecom-punches.punch-side.ts), built over that vendor's punch
 * connector only; a run is a (source, target) pair of them, so both directions and two-way runs are composed
 * once (punches.scope.ts), and a third vendor (the tests' in-memory one) plugs in by writing its two roles.
 * What only one vendor of a pair can do (list attendance groups and their members; say how far its rules let
 * an attendance day reach past midnight) is a capability of its roles, which the reconciler asks of whichever
 * side of the run offers it.
 */

/**
 * What one punch run needs: the shared run context (its unreadable records do not hold the watermark back:
 * reading the same record again would not make it readable, and its item in this run is the report) and the
 * punches' own fields. A scheduled run sets `reconcile`, which punches do not read: the record mapping keeps
 * each half from exporting what the other just imported.
 */
export interface PunchRunContext extends RunContext<IdResolver> {
  readonly params: RunRequestParams;
  /**
   * USER_ID_MAPPING: `table` syncs the mapped people; `same` the members of the attendance groups of the side
   * that lists them (Feishu's).
   */
  readonly userIdMapping: 'table' | 'same';
  /** People per unit, below the vendors' per-call maximum (tests use small units to get several). */
  readonly usersPerUnit?: number;
  /** After unit `index` (of `total`) and its cursor are committed: progress, and the crash point of tests. */
  readonly onUnitCommitted?: (index: number, total: number) => void;
}

/** A vendor's attendance groups and their members: who a run syncs when ids are the same on both sides. */
export interface PunchGroups {
  /** Every attendance group id of the tenant. */
  listGroupIds(onUnreadable: UnreadableSink): Promise<string[]>;
  /** The members of the groups, each once, in the order first met. */
  members(groupIds: readonly string[], onUnreadable: UnreadableSink): Promise<string[]>;
}

/** What both roles of a vendor are, and the capabilities a vendor may offer the run whichever role it plays. */
export interface PunchSide {
  /**
   * The vendor as the store keeps it: the record mapping (punch_record_mappings.source_vendor), the id resolver
   * and the unreadable records name a side by one of VENDORS (libs/kernel/src/vendor.ts); a dry-run plan names
   * its vendor so too.
   */
  readonly vendor: Vendor;
  /** The vendor as a run item's texts name it ("written to Feishu", "WeCom user … has no mapped … user"). */
  readonly name: string;
  /** This vendor's person of a user mapping (USER_ID_MAPPING=table). */
  userOf(pair: UserMapping): string;
  /** Capability: lists attendance groups and their members (USER_ID_MAPPING=same, and a run naming groups). */
  readonly groups?: PunchGroups;
  /**
   * Capability: how far past midnight this vendor's rules let an attendance day reach, in seconds (a run's
   * window reads that far into the next day: punch-window.ts).
   */
  attendanceDayReach?(): Promise<number>;
}

export interface PunchSource extends PunchSide {
  /** People per read call (a unit's size at most). */
  readonly usersPerRead: number;
  /**
   * The punch records of `users` in the window, each with its key before translation (null when only the
   * punch has one) and its translation into a canonical punch, what that loses, or why it is none.
   */
  read(users: readonly string[], window: PunchTimeWindow, onUnreadable: UnreadableSink): Promise<PunchRecord[]>;
}

/**
 * How a target keeps a write repeated after a crash from landing twice:
 * - `idempotency_key`: each write carries a key the vendor holds (Feishu's idempotent_id), so a repeated call
 *   creates nothing; the writes of a unit are recorded once they are all answered, and run in parallel.
 * - `punch_key`: the vendor has no idempotency key (WeCom) and holds a punch under a key of its own (person and
 *   second): each batch is recorded `pending` before its call and `done` after, calls go one at a time, and a
 *   run that finds pending writes a run left behind asks the vendor which punch keys it holds (`held`).
 */
export type PunchRepeats =
  | { readonly by: 'idempotency_key' }
  | {
      readonly by: 'punch_key';
      /** The punch keys the vendor holds for `users` between `start` and `end` (both inclusive). */
      held(users: readonly string[], start: number, end: number, onUnreadable: UnreadableSink): Promise<Set<string>>;
    };

export interface PunchTarget extends PunchSide {
  /** Records per write call (the vendor's maximum). */
  readonly writeBatch: number;
  /** The write call as a dry-run plan names it, and the body field its records go under. */
  readonly writeCall: { readonly api: string; readonly key: string };
  readonly repeats: PunchRepeats;
  /** A canonical punch as this vendor's record for `targetUser`, with the key the vendor will hold it under. */
  translate(punch: CanonicalPunch, targetUser: string): Translation<PunchWrite>;
  /** Writes one batch; the key the vendor holds each record under (null when its answer does not say). */
  write(batch: readonly PunchWrite[]): Promise<(string | null)[]>;
}
