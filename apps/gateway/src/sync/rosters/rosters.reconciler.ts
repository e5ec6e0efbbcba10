import type { Loss } from '@app/kernel';
import {
  rosterDaysIn,
  rosterWindow,
  type DayWindow,
  type RosterBatch,
  type RosterEntry,
  type RosterGroup,
  type RosterShift,
  type RosterWrite,
  type RosterWriteAnswer,
} from '@app/connectors';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import type { IdResolver } from '@app/translation';
import { linkSideId } from '../engine/link-sides.js';
import { withLogContext } from '../engine/log-context.js';
import type { RunContext } from '../engine/run-context.js';
import type { OneWayDirection } from '../engine/scope-registry.js';
import { describeFailure, isPerRecordRefusal } from '../engine/sync-error-policy.js';
import { item, type ItemPlan } from '../rules/rule-sync.types.js';
import { planRoster, REST, rosterField, type RosterPlan, type Resolution } from './roster-plan.js';
import type { RosterPeople, RosterSide, RostersSource, RostersTarget } from './roster-sides.js';
import { addRecordedPairs, ShiftPairs } from './shift-pairs.js';

/**
 * What one roster run needs: the shared run context (its `groupIds` are source group ids, undefined = every
 * linked 排班 group) and the window. A roster day that cannot be read is left as the other side has it (a day
 * the source holds nothing for is not written). In a scheduled run (`reconcile` set) a half visits only the
 * links whose direction includes it, and two-way links only have the days the target lacks filled in (see
 * planRoster's `fill`).
 */
export interface RostersRunContext extends RunContext<IdResolver> {
  /** YYYY-MM-DD, China time, inclusive; default today … today + 30 days (see rosterWindow). */
  readonly from?: string;
  readonly to?: string;
}

/** How a write went, per person-day. */
interface WriteOutcome {
  written: number;
  readonly losses: Loss[];
  error: string | null;
}

/** Both sides' groups of a linked item, as read for it. */
interface GroupPair {
  readonly source: RosterGroup;
  readonly target: RosterGroup;
}

/**
 * One direction of a roster run (排班), level-triggered, over a (source, target) pair of vendor roles
 * (roster-sides.ts). For each linked group both sides are read for the window, the target's desired days are
 * computed from the source's (people through the id mapping, shifts through the group's shift pairs, rest days
 * as rest days), and only the person-days that differ are written, so a second identical run writes nothing. A
 * day the source holds no roster for is left as the target has it. A person-day that cannot be carried over (an
 * unmapped person, a shift with no pair, a vendor refusal) is reported per person and day; the rest of the
 * group is still written. What is particular to a vendor (how its groups, people and shifts are read, how its
 * shift keys are derived) is its role's; this class names no vendor.
 */
export class RostersReconciler {
  private window!: DayWindow;
  private readonly people: RosterPeople;

  constructor(
    private readonly context: RostersRunContext,
    private readonly direction: OneWayDirection,
    private readonly source: RostersSource,
    private readonly target: RostersTarget,
  ) {
    // IdResolver maps by the kernel's vendors; the sides name theirs as connectors do (VendorName).
    this.people = context.resolver;
  }

  async run(): Promise<SyncRunItem[]> {
    const { from, to } = this.context;
    this.window = rosterWindow({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, this.context.now());
    const [, , links] = await Promise.all([
      this.source.begin(),
      this.target.begin(),
      this.context.store.groupLinks.list(),
    ]);
    const items: SyncRunItem[] = [];
    const selected = this.select(links);
    this.context.onItemsPlanned?.(selected.length);
    for (const entry of selected) {
      if (entry.link) items.push(await this.syncLinked(entry.link));
      else {
        const skipped = item(entry.sourceId, null, 'skipped', [], {
          error:
            `this ${this.source.connector.groupNoun} is not linked yet: run the rules sync (scope "rules") first; ` +
            'rosters are synced between linked 排班 groups only',
        });
        items.push(skipped);
        this.context.onItemDone?.(skipped);
      }
    }
    return items;
  }

  private sourceIdOf(link: GroupLink): string | null {
    return linkSideId(link, this.source.connector.vendor);
  }

  private targetIdOf(link: GroupLink): string | null {
    return linkSideId(link, this.target.connector.vendor);
  }

  /**
   * The links to visit: the requested source ids (each reported, linked or not), or every link between a group
   * of each side that both sides would visit; in a scheduled run only links that sync in this direction.
   */
  private select(links: readonly GroupLink[]): { readonly sourceId: string; readonly link: GroupLink | null }[] {
    const usable = (link: GroupLink) =>
      link.status !== 'unlinked' &&
      this.sourceIdOf(link) !== null &&
      this.targetIdOf(link) !== null &&
      (!this.context.reconcile || link.direction === this.direction || link.direction === 'two_way');
    const { groupIds } = this.context;
    if (groupIds) {
      return groupIds.map((sourceId) => ({
        sourceId,
        link: links.find((link) => this.sourceIdOf(link) === sourceId && usable(link)) ?? null,
      }));
    }
    return links
      .filter((link) => usable(link) && this.source.visits(this.sourceIdOf(link)!))
      .filter((link) => this.target.visits(this.targetIdOf(link)!))
      .map((link) => ({ sourceId: this.sourceIdOf(link)!, link }))
      .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  }

  /** One linked group. A failure fails the item only. */
  private syncLinked(link: GroupLink): Promise<SyncRunItem> {
    const resource = `${this.source.resource}:${this.sourceIdOf(link)}`;
    // Every line written for this link (vendor calls, the item's own) names it.
    return withLogContext({ item: resource, link: link.id }, () => this.syncLinkedInContext(link));
  }

  private async syncLinkedInContext(link: GroupLink): Promise<SyncRunItem> {
    const sourceId = this.sourceIdOf(link)!;
    const targetId = this.targetIdOf(link)!;
    let result: SyncRunItem | undefined;
    try {
      // Re-read just before the work: a rules run (another scope, so it may run meanwhile) may have changed or
      // removed the link since this run listed it.
      const current = await this.context.store.groupLinks.findById(link.id);
      result =
        !current || this.sourceIdOf(current) !== sourceId || this.targetIdOf(current) !== targetId
          ? item(sourceId, targetId, 'skipped', [], {
              error: 'the link changed while this run was going; run the roster sync again',
            })
          : await this.syncOne(current, sourceId, targetId);
      return result;
    } catch (error) {
      result = item(sourceId, targetId, 'failed', [], { error: describeFailure(error) });
      return result;
    } finally {
      this.context.onItemDone?.(result);
    }
  }

  /**
   * The group of each side, the side that lists its groups first (see RosterSide.listsGroups); an item that
   * stops at a group missing, unreadable or keeping no roster.
   */
  private async groups(sourceId: string, targetId: string): Promise<GroupPair | SyncRunItem> {
    const sides: { readonly side: RosterSide; readonly id: string }[] = [
      { side: this.source, id: sourceId },
      { side: this.target, id: targetId },
    ];
    sides.sort((a, b) => Number(b.side.listsGroups) - Number(a.side.listsGroups));
    const read = new Map<RosterSide, RosterGroup>();
    for (const { side, id } of sides) {
      const noun = side.connector.groupNoun;
      const group = await side.group(id);
      if (group !== null && 'unreadable' in group) {
        return item(sourceId, targetId, 'failed', [], {
          error: `the linked ${noun} ${id} could not be read (${group.unreadable}); its roster was not synced`,
        });
      }
      const stopped = !group
        ? `the linked ${noun} ${id} no longer exists (the rules sync reports it)`
        : group.notRostered;
      if (stopped !== null) return item(sourceId, targetId, 'skipped', [], { error: stopped });
      read.set(side, group!);
    }
    return { source: read.get(this.source)!, target: read.get(this.target)! };
  }

  /** One link whose groups both sides still hold: the item's ids are then the groups' as read. */
  private async syncOne(link: GroupLink, sourceId: string, targetId: string): Promise<SyncRunItem> {
    const { source, target } = this;
    const groups = await this.groups(sourceId, targetId);
    if ('action' in groups) return groups;
    const pairs = new ShiftPairs(source.offeredShifts(groups.source), target.offeredShifts(groups.target));
    addRecordedPairs(pairs, await this.context.store.shiftLinks.listForGroupLink(link.id), source, target);
    const mode = this.context.reconcile && link.direction === 'two_way' ? 'fill' : 'overwrite';

    const sourceRead = await this.readRoster(source, await this.sourcePeople(groups));
    const sourceDays = rosterDaysIn(sourceRead.rows, groups.source.id, this.window);
    const readLosses = [...sourceRead.failed].map(([user, reason]) =>
      personLoss(
        user,
        `The ${source.rosterNoun} of ${user} could not be read (${reason}); none of their days was written.`,
      ),
    );

    const usedShifts = unique(sourceDays.map((day) => day.shift)).filter((shift) => shift !== REST);
    const names = await this.pairFromSource(pairs, groups, usedShifts);
    // A source whose keys are derived from the target's shifts pairs further once the target's roster is read.
    if (!source.derivedShiftKey && pairs.size === 0 && usedShifts.length > 0) return this.noShiftLinks(groups);

    const mapped = new Map<string, string>();
    for (const user of unique(sourceDays.map((day) => day.user))) {
      const targetUser = this.people.user(user, source.connector.vendor, target.connector.vendor);
      if (targetUser !== null) mapped.set(user, targetUser);
    }
    const targetRead = await this.readRoster(target, [...new Set(mapped.values())]);
    const targetDays = rosterDaysIn(targetRead.rows, groups.target.id, this.window);
    if (source.derivedShiftKey) {
      await this.pairFromTarget(pairs, groups, usedShifts, targetRead.rows);
      if (pairs.size === 0 && usedShifts.length > 0) return this.noShiftLinks(groups);
    }

    const plan = planRoster({
      source: sourceDays,
      target: targetDays,
      mode,
      names: { source: source.vendorName, target: target.vendorName },
      user: (user): Resolution => {
        const targetUser = mapped.get(user);
        if (targetUser === undefined) {
          return {
            ok: false,
            reason:
              `${source.vendorName} user ${user} has no ${target.vendorName} user mapped (PUT ` +
              `/api/v1/mappings/users), so this day was not written to ${target.vendorName}.`,
          };
        }
        const failure = targetRead.failed.get(targetUser);
        if (failure !== undefined) {
          return {
            ok: false,
            reason: `The ${target.rosterNoun} of ${targetUser} could not be read (${failure}), so this day was not written.`,
          };
        }
        return { ok: true, id: targetUser };
      },
      shift: (shift): Resolution => {
        const paired = pairs.targetOf(shift);
        if (paired !== undefined) return { ok: true, id: paired };
        return { ok: false, reason: target.unpairedShift(source, shift, names.get(shift), groups.target.id) };
      },
    });
    return this.write(groups.source.id, groups.target.id, plan, [...readLosses, ...plan.losses]);
  }

  /**
   * The people whose source roster is read: the source group's members when it lists them all; otherwise those
   * it names and the target group's members in source ids (found through the target's group).
   */
  private async sourcePeople(groups: GroupPair): Promise<readonly string[]> {
    const { source, target } = this;
    const own = await source.members(groups.source);
    if (own.complete) return own.users;
    const others = (await target.members(groups.target)).users.flatMap(
      (user) => this.people.user(user, target.connector.vendor, source.connector.vendor) ?? [],
    );
    return unique([...own.users, ...others]);
  }

  /**
   * The source shifts the roster uses, by key: their names, and, when the target derives its keys from a source
   * shift, the pairs for those no recorded link covers.
   */
  private async pairFromSource(
    pairs: ShiftPairs,
    groups: GroupPair,
    keys: readonly string[],
  ): Promise<Map<string, string>> {
    const { source, target } = this;
    const names = new Map<string, string>();
    for (const key of keys) {
      const shift = await source.shift(groups.source, key);
      if (!shift) continue;
      names.set(key, shift.name);
      if (pairs.targetOf(key) !== undefined || !target.derivedShiftKey) continue;
      const derived = this.derivedKey(target, source, groups.source, shift);
      if (derived !== null) pairs.add(key, derived, 'derived');
    }
    return names;
  }

  /**
   * Pairs for the source keys the roster uses that no pair covers, when the source derives its keys from a
   * target shift: the target shift whose derived key it is, looked for among the shifts the target's roster
   * uses and then among all the target side's shifts.
   */
  private async pairFromTarget(
    pairs: ShiftPairs,
    groups: GroupPair,
    keys: readonly string[],
    targetRows: readonly RosterEntry[],
  ): Promise<void> {
    const { source, target } = this;
    const open = new Set(keys.filter((key) => pairs.targetOf(key) === undefined && pairs.sourceOffers(key)));
    if (open.size === 0) return;
    const tryShift = (shift: RosterShift) => {
      if (pairs.sourceOf(shift.id) !== undefined) return;
      const derived = this.derivedKey(source, target, groups.target, shift);
      if (derived !== null && open.has(derived) && pairs.add(derived, shift.id, 'derived')) open.delete(derived);
    };
    for (const key of unique(targetRows.map((row) => row.shift)).filter((id) => id !== REST)) {
      const shift = await target.shift(groups.target, key);
      if (shift) tryShift(shift);
      if (open.size === 0) return;
    }
    for (const shift of await target.allShifts()) {
      tryShift(shift);
      if (open.size === 0) return;
    }
  }

  /** The key `deriving` gives `shift` of `described`'s group `group` (null: either side refuses). */
  private derivedKey(deriving: RosterSide, described: RosterSide, group: RosterGroup, shift: RosterShift) {
    const rule = described.describeShift(group.id, shift);
    return rule && deriving.derivedShiftKey ? deriving.derivedShiftKey(rule) : null;
  }

  // ---- writes -----------------------------------------------------------------------------------------

  /** The plan's writes as the target's calls: a dry run shows them, a run sends them one by one. */
  private async write(
    sourceId: string,
    targetId: string,
    plan: RosterPlan,
    losses: readonly Loss[],
  ): Promise<SyncRunItem> {
    const target = this.target.connector;
    const batches = target.rosterBatches(targetId, plan.writes);
    if (this.context.dryRun) {
      const itemPlan: ItemPlan = { vendor: target.vendor, requests: batches.map((batch) => batch.request) };
      return item(sourceId, targetId, plannedAction(plan, losses), [...losses], { plan: itemPlan });
    }
    const sourceUsers = new Map(plan.writes.map((write) => [write.user, write.sourceUser]));
    const outcome: WriteOutcome = { written: 0, losses: [], error: null };
    for (const batch of batches) await this.send(targetId, batch, sourceUsers, outcome);
    return finished(sourceId, targetId, plan, [...losses, ...outcome.losses], outcome);
  }

  /** One call; on a refusal naming the call's people, once per person, so the others land. */
  private async send(
    targetId: string,
    batch: RosterBatch,
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): Promise<void> {
    const target = this.target.connector;
    try {
      answered(await target.sendRoster(targetId, batch), sourceUsers, outcome);
      return;
    } catch (error) {
      const byUser = new Map<string, RosterWrite[]>();
      for (const write of batch.writes) byUser.set(write.user, [...(byUser.get(write.user) ?? []), write]);
      if (byUser.size === 1 || !isPerRecordRefusal(error)) {
        refused(this.target, batch.writes, error, sourceUsers, outcome);
        return;
      }
      for (const [, writes] of byUser) {
        for (const part of target.rosterBatches(targetId, writes)) {
          try {
            answered(await target.sendRoster(targetId, part), sourceUsers, outcome);
          } catch (userError) {
            refused(this.target, part.writes, userError, sourceUsers, outcome);
          }
        }
      }
    }
  }

  // ---- reads ----------------------------------------------------------------------------------------

  private readRoster(side: RosterSide, users: readonly string[]): Promise<PerUserRead<RosterEntry>> {
    return readPerUser(users, (some) => side.connector.readRoster(some, this.window, this.context.unreadable.sink));
  }

  /**
   * No source shift the roster uses is paired. The message names the pairs as the side whose group lists its
   * shifts (the one pairs are made among) calls them, and the rules sync of this direction.
   */
  private noShiftLinks(groups: GroupPair): SyncRunItem {
    const { source, target } = this;
    const listing =
      target.offeredShifts(groups.target) !== null || source.offeredShifts(groups.source) === null ? target : source;
    const way = `${source.vendorName} → ${target.vendorName}`;
    return item(groups.source.id, groups.target.id, 'skipped', [], {
      error:
        `no shift of this group is linked to a ${listing.shiftNoun} of its ${listing.connector.groupNoun}, so no ` +
        `roster day can be translated: run the rules sync (scope "rules", ${way}) first, then this roster sync again`,
    });
  }
}

export interface PerUserRead<T> {
  readonly rows: T[];
  /** Person → why their read was refused (they are left out; the others are read). */
  readonly failed: Map<string, string>;
}

/**
 * A read for many people; when the vendor refuses it because of someone in it (an unknown id, say), each
 * person is read alone, so one bad id costs only that person's days.
 */
export async function readPerUser<T>(
  users: readonly string[],
  read: (users: string[]) => Promise<T[]>,
): Promise<PerUserRead<T>> {
  const failed = new Map<string, string>();
  if (users.length === 0) return { rows: [], failed };
  try {
    return { rows: await read([...users]), failed };
  } catch (error) {
    if (!isPerRecordRefusal(error)) throw error;
    if (users.length === 1) {
      failed.set(users[0]!, describeFailure(error));
      return { rows: [], failed };
    }
  }
  const rows: T[] = [];
  for (const user of users) {
    try {
      rows.push(...(await read([user])));
    } catch (error) {
      if (!isPerRecordRefusal(error)) throw error;
      failed.set(user, describeFailure(error));
    }
  }
  return { rows, failed };
}

/** The vendor's answer to an accepted call: what took effect, and each day it says did not. */
function answered(answer: RosterWriteAnswer, sourceUsers: ReadonlyMap<string, string>, outcome: WriteOutcome): void {
  for (const day of answer.notApplied) {
    outcome.losses.push({
      field: rosterField(sourceUsers.get(day.user) ?? day.user, day.day),
      severity: 'dropped',
      message: day.message,
    });
  }
  for (const message of answer.unread) outcome.losses.push({ field: 'roster', severity: 'dropped', message });
  outcome.written += answer.written;
}

/** A refused call: each of its person-days is lost, with the vendor's reason. */
function refused(
  target: RosterSide,
  writes: readonly RosterWrite[],
  error: unknown,
  sourceUsers: ReadonlyMap<string, string>,
  outcome: WriteOutcome,
): void {
  const reason = describeFailure(error);
  outcome.error ??= reason;
  for (const write of writes) {
    const { message, targetValue } = target.connector.refusedDay(write, reason);
    outcome.losses.push({
      field: rosterField(sourceUsers.get(write.user) ?? write.user, write.day),
      severity: 'dropped',
      message,
      targetValue,
    });
  }
}

function personLoss(user: string, message: string): Loss {
  return { field: `roster.${user}`, severity: 'dropped', message };
}

/** created: the target held none of these person-days before; updated: it did; see `finished`. */
function plannedAction(plan: RosterPlan, losses: readonly Loss[]): SyncRunItem['action'] {
  if (plan.writes.length > 0) return plan.targetHadDays ? 'updated' : 'created';
  return nothingCarried(plan, losses) ? 'failed' : 'unchanged';
}

/** Days the source holds, of which none is on the target side nor could be carried over. */
function nothingCarried(plan: RosterPlan, losses: readonly Loss[]): boolean {
  return plan.unchanged === 0 && losses.some((loss) => loss.severity === 'dropped');
}

function finished(
  sourceId: string,
  targetId: string,
  plan: RosterPlan,
  losses: readonly Loss[],
  outcome: WriteOutcome,
): SyncRunItem {
  if (outcome.written > 0) return item(sourceId, targetId, plan.targetHadDays ? 'updated' : 'created', losses);
  if (plan.writes.length > 0) {
    return item(sourceId, targetId, 'failed', losses, {
      error: outcome.error ?? `none of the ${plan.writes.length} roster day(s) could be written`,
    });
  }
  if (nothingCarried(plan, losses)) {
    return item(sourceId, targetId, 'failed', losses, {
      error: 'no roster day of this group could be carried over; the losses say why, per person and day',
    });
  }
  return item(sourceId, targetId, 'unchanged', losses);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
