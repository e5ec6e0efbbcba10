import type { Loss } from '@app/kernel';
import {
  rosterDaysIn,
  rosterWindow,
  type DayWindow,
  type FeishuRostersConnector,
  type RosterBatch,
  type RosterEntry,
  type RosterGroup,
  type RosterShift,
  type RosterSideConnector,
  type RosterWrite,
  type RosterWriteAnswer,
  type WecomRostersConnector,
} from '@app/connectors';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import type { IdResolver } from '@app/translation';
import { withLogContext } from '../engine/log-context.js';
import type { RunContext } from '../engine/run-context.js';
import type { ScopeReconciler } from '../engine/scope-registry.js';
import { describeFailure, isPerRecordRefusal } from '../engine/sync-error-policy.js';
import { item, type ItemPlan } from '../rules/rule-sync.types.js';
import { planRoster, REST, rosterField, type RosterPlan, type Resolution } from './roster-plan.js';
import { addRecordedLinks, derivedScheduleId, ShiftScheduleMap } from './shift-schedule-map.js';

export type RosterDirection = 'feishu_to_wecom' | 'wecom_to_feishu';

/**
 * What one roster run needs: the shared run context (its `groupIds` are Feishu group ids or WeCom groupids,
 * undefined = every linked 排班 group) and the window. A roster day that cannot be read is left as the other
 * side has it (a day the source holds nothing for is not written). In a scheduled run (`reconcile` set) a
 * half visits only the links whose direction includes it, and two-way links only have the days the target
 * lacks filled in (see planRoster's `fill`).
 */
export interface RostersRunContext extends RunContext<IdResolver> {
  /** YYYY-MM-DD, China time, inclusive; default today … today + 30 days (see rosterWindow). */
  readonly from?: string;
  readonly to?: string;
}

/**
 * The two sides of a roster pass: the Feishu connector (groups, shifts, user_daily_shifts) and the WeCom one
 * (rules and their schedules). A pass reads each shift once; the next pass (the other half of a two-way run)
 * gets fresh connectors, so it reads what a rules run may have changed meanwhile.
 */
export interface RosterConnectors {
  readonly feishu: FeishuRostersConnector;
  readonly wecom: WecomRostersConnector;
}

/**
 * The roster scope: one direction per pass, each pass with connectors of its own. A scheduled `two_way` run is
 * Feishu → WeCom for the links that sync from Feishu, then WeCom → Feishu for those that sync from WeCom, each
 * link in its own direction, as the rules sync does. A two-way link is visited by both halves and only has the
 * days its other side lacks filled in: a roster has no history that could say which side changed a day both
 * hold differently, so such a day is reported, never overwritten either way.
 */
export const ROSTERS_RECONCILER: ScopeReconciler<RostersRunContext, RosterConnectors> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (context, connectors, direction) => new RostersSync(context, connectors).run(direction),
};

/** How a write went, per person-day. */
interface WriteOutcome {
  written: number;
  readonly losses: Loss[];
  error: string | null;
}

/**
 * Rosters (排班) of linked shift-based groups: Feishu user_daily_shifts ⇄ WeCom schedules, level-triggered.
 * For each linked group both sides are read for the window, the target's desired days are computed from
 * the source's (people through the id mapping, shifts through the group's shift ⇄ schedule pairs, rest days
 * as rest days), and only the person-days that differ are written, so a second identical run writes nothing.
 * A day the source holds no roster for is left as the target has it. A person-day that cannot be carried
 * over (an unmapped person, a shift with no schedule, a vendor refusal) is reported per person and day; the
 * rest of the group is still written.
 */
export class RostersSync {
  private rules = new Map<string, RosterGroup>();
  private readonly feishu: FeishuRostersConnector;
  private readonly wecom: WecomRostersConnector;
  private window!: DayWindow;

  constructor(
    private readonly context: RostersRunContext,
    connectors: RosterConnectors,
  ) {
    this.feishu = connectors.feishu;
    this.wecom = connectors.wecom;
  }

  async run(direction: RosterDirection): Promise<SyncRunItem[]> {
    const { from, to } = this.context;
    this.window = rosterWindow({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, this.context.now());
    const [rules, links] = await Promise.all([this.wecom.listGroups(this.sink), this.context.store.groupLinks.list()]);
    this.rules = new Map(rules.map((rule) => [rule.id, rule]));
    const items: SyncRunItem[] = [];
    const selected = this.select(links, direction);
    this.context.onItemsPlanned?.(selected.length);
    for (const entry of selected) {
      if (entry.link) items.push(await this.syncLinked(entry.link, direction));
      else {
        const skipped = item(entry.sourceId, null, 'skipped', [], {
          error:
            `this ${direction === 'feishu_to_wecom' ? this.feishu.groupNoun : this.wecom.groupNoun} is not linked yet: run the ` +
            'rules sync (scope "rules") first; rosters are synced between linked 排班 groups only',
        });
        items.push(skipped);
        this.context.onItemDone?.(skipped);
      }
    }
    return items;
  }

  /**
   * The links to visit: the requested source ids (each reported, linked or not), or every link between a
   * Feishu group and a WeCom 排班 rule; in a scheduled run only links that sync in this direction.
   */
  private select(
    links: readonly GroupLink[],
    direction: RosterDirection,
  ): { readonly sourceId: string; readonly link: GroupLink | null }[] {
    const sourceOf = (link: GroupLink) => (direction === 'feishu_to_wecom' ? link.feishuGroupId : link.wecomRuleId);
    const usable = (link: GroupLink) =>
      link.status !== 'unlinked' &&
      link.feishuGroupId !== null &&
      link.wecomRuleId !== null &&
      (!this.context.reconcile || link.direction === direction || link.direction === 'two_way');
    const { groupIds } = this.context;
    if (groupIds) {
      return groupIds.map((sourceId) => ({
        sourceId,
        link: links.find((link) => sourceOf(link) === sourceId && usable(link)) ?? null,
      }));
    }
    return links
      .filter((link) => usable(link) && this.rules.get(link.wecomRuleId!)?.notRostered === null)
      .map((link) => ({ sourceId: sourceOf(link)!, link }))
      .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  }

  /** One linked group. A failure fails the item only. */
  private syncLinked(link: GroupLink, direction: RosterDirection): Promise<SyncRunItem> {
    const source =
      direction === 'feishu_to_wecom' ? `feishu-group:${link.feishuGroupId}` : `wecom-rule:${link.wecomRuleId}`;
    // Every line written for this link (vendor calls, the item's own) names it.
    return withLogContext({ item: source, link: link.id }, () => this.syncLinkedInContext(link, direction));
  }

  private async syncLinkedInContext(link: GroupLink, direction: RosterDirection): Promise<SyncRunItem> {
    const feishuGroupId = link.feishuGroupId!;
    const wecomRuleId = link.wecomRuleId!;
    const [sourceId, targetId] =
      direction === 'feishu_to_wecom' ? [feishuGroupId, wecomRuleId] : [wecomRuleId, feishuGroupId];
    let result: SyncRunItem | undefined;
    try {
      // Re-read just before the work: a rules run (another scope, so it may run meanwhile) may have changed or
      // removed the link since this run listed it.
      const current = await this.context.store.groupLinks.findById(link.id);
      result =
        !current || current.feishuGroupId !== feishuGroupId || current.wecomRuleId !== wecomRuleId
          ? item(sourceId, targetId, 'skipped', [], {
              error: 'the link changed while this run was going; run the roster sync again',
            })
          : await this.syncOne(current, direction, sourceId, targetId);
      return result;
    } catch (error) {
      result = item(sourceId, targetId, 'failed', [], { error: describeFailure(error) });
      return result;
    } finally {
      this.context.onItemDone?.(result);
    }
  }

  private async syncOne(
    link: GroupLink,
    direction: RosterDirection,
    sourceId: string,
    targetId: string,
  ): Promise<SyncRunItem> {
    const skipped = (error: string) => item(sourceId, targetId, 'skipped', [], { error });
    const wecomRuleId = link.wecomRuleId!;
    const ruleNoun = this.wecom.groupNoun;
    const rule = this.rules.get(wecomRuleId);
    const unreadable = rule
      ? undefined
      : this.context.unreadable.find(this.wecom.vendor, this.wecom.groupRecordKind, wecomRuleId);
    if (unreadable) {
      return item(sourceId, targetId, 'failed', [], {
        error: `the linked ${ruleNoun} ${wecomRuleId} could not be read (${unreadable.reason}); its roster was not synced`,
      });
    }
    if (!rule) return skipped(`the linked ${ruleNoun} ${wecomRuleId} no longer exists (the rules sync reports it)`);
    if (rule.notRostered !== null) return skipped(rule.notRostered);
    const group = await this.feishu.findGroup(link.feishuGroupId!);
    if (!group) {
      return skipped(
        `the linked ${this.feishu.groupNoun} ${link.feishuGroupId} no longer exists (the rules sync reports it)`,
      );
    }
    if (group.notRostered !== null) return skipped(group.notRostered);
    const pairs = new ShiftScheduleMap(rule.shifts);
    addRecordedLinks(pairs, await this.context.store.shiftLinks.listForGroupLink(link.id));
    const members = await this.feishu.members(group.id, this.sink);
    const mode = this.context.reconcile && link.direction === 'two_way' ? 'fill' : 'overwrite';
    return direction === 'feishu_to_wecom'
      ? this.toWecom(group, rule, pairs, members, mode)
      : this.toFeishu(group, rule, pairs, members, mode);
  }

  // ---- Feishu → WeCom -------------------------------------------------------------------------------

  private async toWecom(
    group: RosterGroup,
    rule: RosterGroup,
    pairs: ShiftScheduleMap,
    members: readonly string[],
    mode: 'overwrite' | 'fill',
  ): Promise<SyncRunItem> {
    const { resolver } = this.context;
    const sourceId = group.id;
    const targetId = rule.id;
    const feishuRead = await this.readRoster(this.feishu, members);
    const source = rosterDaysIn(feishuRead.rows, group.id, this.window);
    const readLosses = [...feishuRead.failed].map(([user, reason]) =>
      personLoss(user, `The Feishu roster of ${user} could not be read (${reason}); none of their days was written.`),
    );

    const usedShifts = unique(source.map((day) => day.shift)).filter((shift) => shift !== REST);
    const names = await this.deriveFromFeishuShifts(pairs, group, usedShifts);
    if (pairs.size === 0 && usedShifts.length > 0) return this.noShiftLinks(sourceId, targetId, 'feishu_to_wecom');

    const mapped = new Map<string, string>();
    for (const user of unique(source.map((day) => day.user))) {
      const wecomUser = resolver.user(user, 'feishu', 'wecom');
      if (wecomUser !== null) mapped.set(user, wecomUser);
    }
    const wecomRead = await this.readRoster(this.wecom, [...new Set(mapped.values())]);
    const target = rosterDaysIn(wecomRead.rows, rule.id, this.window);
    const plan = planRoster({
      source,
      target,
      mode,
      names: { source: 'Feishu', target: 'WeCom' },
      user: (user): Resolution => {
        const wecomUser = mapped.get(user);
        if (wecomUser === undefined) {
          return {
            ok: false,
            reason:
              `Feishu user ${user} has no WeCom user mapped (PUT /api/v1/mappings/users), so this day was not ` +
              'written to WeCom.',
          };
        }
        const failure = wecomRead.failed.get(wecomUser);
        if (failure !== undefined) {
          return {
            ok: false,
            reason: `The WeCom schedules of ${wecomUser} could not be read (${failure}), so this day was not written.`,
          };
        }
        return { ok: true, id: wecomUser };
      },
      shift: (shift): Resolution => {
        const scheduleId = pairs.scheduleOf(shift);
        if (scheduleId !== undefined) return { ok: true, id: String(scheduleId) };
        const name = names.get(shift);
        return {
          ok: false,
          reason:
            `Feishu shift ${shift}${name ? ` (${name})` : ''} has no schedule in WeCom rule ${targetId}: run the ` +
            'rules sync Feishu → WeCom (it adds the shifts the roster uses), then this roster sync again.',
        };
      },
    });
    return this.write(this.wecom, sourceId, targetId, plan, [...readLosses, ...plan.losses]);
  }

  /** Pairs for the Feishu shifts the roster uses that no recorded link covers; answers their names. */
  private async deriveFromFeishuShifts(
    pairs: ShiftScheduleMap,
    group: RosterGroup,
    shiftIds: readonly string[],
  ): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const nowSeconds = Math.floor(this.context.now().getTime() / 1000);
    for (const shiftId of shiftIds) {
      const shift = await this.feishu.shift(shiftId);
      if (!shift) continue;
      names.set(shiftId, shift.name);
      if (pairs.scheduleOf(shiftId) !== undefined) continue;
      const scheduleId = this.derivedScheduleId(group, shift, nowSeconds);
      if (scheduleId !== null) pairs.add(shiftId, scheduleId, 'derived');
    }
    return names;
  }

  /** The schedule id the rules sync gives `shift` in the WeCom rule it writes for `group` (derivedScheduleId). */
  private derivedScheduleId(group: RosterGroup, shift: RosterShift, nowSeconds: number): number | null {
    return derivedScheduleId(this.feishu, this.wecom, group.id, shift, this.context.resolver, nowSeconds);
  }

  // ---- WeCom → Feishu -------------------------------------------------------------------------------

  private async toFeishu(
    group: RosterGroup,
    rule: RosterGroup,
    pairs: ShiftScheduleMap,
    members: readonly string[],
    mode: 'overwrite' | 'fill',
  ): Promise<SyncRunItem> {
    const { resolver } = this.context;
    const sourceId = rule.id;
    const targetId = group.id;
    // The rule's people: those it names, and the Feishu group's members in WeCom ids (WeCom's API has no
    // department directory for the gateway, so people the rule reaches only through a department are found
    // through the Feishu group).
    const wecomUsers = unique([
      ...rule.namedUsers,
      ...members.flatMap((user) => resolver.user(user, 'feishu', 'wecom') ?? []),
    ]);
    const wecomRead = await this.readRoster(this.wecom, wecomUsers);
    const source = rosterDaysIn(wecomRead.rows, rule.id, this.window);
    const readLosses = [...wecomRead.failed].map(([user, reason]) =>
      personLoss(user, `The WeCom schedules of ${user} could not be read (${reason}); none of their days was written.`),
    );

    const mapped = new Map<string, string>();
    for (const user of unique(source.map((day) => day.user))) {
      const feishuUser = resolver.user(user, 'wecom', 'feishu');
      if (feishuUser !== null) mapped.set(user, feishuUser);
    }
    const feishuRead = await this.readRoster(this.feishu, [...new Set(mapped.values())]);
    const target = rosterDaysIn(feishuRead.rows, group.id, this.window);

    const usedSchedules = unique(source.map((day) => day.shift))
      .map(Number)
      .filter((id) => id !== 0);
    await this.deriveForSchedules(pairs, group, usedSchedules, feishuRead.rows);
    if (pairs.size === 0 && usedSchedules.length > 0) return this.noShiftLinks(sourceId, targetId, 'wecom_to_feishu');

    const plan = planRoster({
      source,
      target,
      mode,
      names: { source: 'WeCom', target: 'Feishu' },
      user: (user): Resolution => {
        const feishuUser = mapped.get(user);
        if (feishuUser === undefined) {
          return {
            ok: false,
            reason:
              `WeCom user ${user} has no Feishu user mapped (PUT /api/v1/mappings/users), so this day was not ` +
              'written to Feishu.',
          };
        }
        const failure = feishuRead.failed.get(feishuUser);
        if (failure !== undefined) {
          return {
            ok: false,
            reason: `The Feishu roster of ${feishuUser} could not be read (${failure}), so this day was not written.`,
          };
        }
        return { ok: true, id: feishuUser };
      },
      shift: (schedule): Resolution => {
        const shiftId = pairs.shiftOf(Number(schedule));
        if (shiftId !== undefined) return { ok: true, id: shiftId };
        const name = pairs.scheduleNames.get(Number(schedule));
        return {
          ok: false,
          reason:
            `WeCom schedule ${schedule}${name ? ` (${name})` : ''} has no Feishu shift linked: run the rules sync ` +
            'WeCom → Feishu (it creates or links the shifts), then this roster sync again.',
        };
      },
    });
    return this.write(this.feishu, sourceId, targetId, plan, [...readLosses, ...plan.losses]);
  }

  /**
   * Pairs for the schedules the rule's roster uses that no recorded link covers: the Feishu shift whose
   * derived schedule id it is (a rule the gateway made from a Feishu group), looked for among the shifts
   * the Feishu roster uses and then among all of the tenant's shifts.
   */
  private async deriveForSchedules(
    pairs: ShiftScheduleMap,
    group: RosterGroup,
    scheduleIds: readonly number[],
    feishuRows: readonly RosterEntry[],
  ): Promise<void> {
    const open = new Set(scheduleIds.filter((id) => pairs.shiftOf(id) === undefined && pairs.scheduleIds.has(id)));
    if (open.size === 0) return;
    const nowSeconds = Math.floor(this.context.now().getTime() / 1000);
    const tryShift = (shift: RosterShift) => {
      if (pairs.scheduleOf(shift.id) !== undefined) return;
      const scheduleId = this.derivedScheduleId(group, shift, nowSeconds);
      if (scheduleId !== null && open.has(scheduleId) && pairs.add(shift.id, scheduleId, 'derived')) {
        open.delete(scheduleId);
      }
    };
    for (const shiftId of unique(feishuRows.map((row) => row.shift)).filter((id) => id !== REST)) {
      const shift = await this.feishu.shift(shiftId);
      if (shift) tryShift(shift);
      if (open.size === 0) return;
    }
    for (const shift of await this.feishu.allShifts(this.sink)) {
      tryShift(shift);
      if (open.size === 0) return;
    }
  }

  // ---- writes -----------------------------------------------------------------------------------------

  /** The plan's writes as the target's calls: a dry run shows them, a run sends them one by one. */
  private async write(
    target: RosterSideConnector,
    sourceId: string,
    targetId: string,
    plan: RosterPlan,
    losses: readonly Loss[],
  ): Promise<SyncRunItem> {
    const batches = target.rosterBatches(targetId, plan.writes);
    if (this.context.dryRun) {
      const itemPlan: ItemPlan = { vendor: target.vendor, requests: batches.map((batch) => batch.request) };
      return item(sourceId, targetId, plannedAction(plan, losses), [...losses], { plan: itemPlan });
    }
    const sourceUsers = new Map(plan.writes.map((write) => [write.user, write.sourceUser]));
    const outcome: WriteOutcome = { written: 0, losses: [], error: null };
    for (const batch of batches) await this.send(target, targetId, batch, sourceUsers, outcome);
    return finished(sourceId, targetId, plan, [...losses, ...outcome.losses], outcome);
  }

  /** One call; on a refusal naming the call's people, once per person, so the others land. */
  private async send(
    target: RosterSideConnector,
    targetId: string,
    batch: RosterBatch,
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): Promise<void> {
    try {
      answered(await target.sendRoster(targetId, batch), sourceUsers, outcome);
      return;
    } catch (error) {
      const byUser = new Map<string, RosterWrite[]>();
      for (const write of batch.writes) byUser.set(write.user, [...(byUser.get(write.user) ?? []), write]);
      if (byUser.size === 1 || !isPerRecordRefusal(error)) {
        refused(target, batch.writes, error, sourceUsers, outcome);
        return;
      }
      for (const [, writes] of byUser) {
        for (const part of target.rosterBatches(targetId, writes)) {
          try {
            answered(await target.sendRoster(targetId, part), sourceUsers, outcome);
          } catch (userError) {
            refused(target, part.writes, userError, sourceUsers, outcome);
          }
        }
      }
    }
  }

  // ---- reads ----------------------------------------------------------------------------------------

  private readRoster(connector: RosterSideConnector, users: readonly string[]): Promise<PerUserRead<RosterEntry>> {
    return readPerUser(users, (some) => connector.readRoster(some, this.window, this.sink));
  }

  /** Every list read of the run hands the records it cannot read to the run (one failed item each). */
  private get sink() {
    return this.context.unreadable.sink;
  }

  private noShiftLinks(sourceId: string, targetId: string, direction: RosterDirection): SyncRunItem {
    const way = direction === 'feishu_to_wecom' ? 'Feishu → WeCom' : 'WeCom → Feishu';
    return item(sourceId, targetId, 'skipped', [], {
      error:
        `no shift of this group is linked to a schedule of its WeCom rule, so no roster day can be translated: ` +
        `run the rules sync (scope "rules", ${way}) first, then this roster sync again`,
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
  target: RosterSideConnector,
  writes: readonly RosterWrite[],
  error: unknown,
  sourceUsers: ReadonlyMap<string, string>,
  outcome: WriteOutcome,
): void {
  const reason = describeFailure(error);
  outcome.error ??= reason;
  for (const write of writes) {
    const { message, targetValue } = target.refusedDay(write, reason);
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
