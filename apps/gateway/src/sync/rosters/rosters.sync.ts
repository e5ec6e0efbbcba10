import { DAY_SECONDS, isVendorError, type LinkDirection, type Loss } from '@app/kernel';
import type { FeishuClient, FeishuGroup, FeishuShift, FeishuUserDailyShift } from '@app/feishu';
import type { GroupLink, MappingStore, SyncRunItem } from '@app/mapping-store';
import type { IdResolver } from '@app/translation';
import type { WecomCheckinGroupRead, WecomClient, WecomSetCheckinScheduleListRequest } from '@app/wecom';
import { withLogContext } from '../engine/log-context.js';
import type { UnreadableRecords } from '../engine/unreadable-records.js';
import { describeFailure, isPerRecordRefusal } from '../engine/sync-error-policy.js';
import { item, type ItemPlan } from '../rules/rule-sync.types.js';
import {
  chinaMidnightSeconds,
  dayInt,
  dayKeyFromVendorText,
  dayKeyOf,
  rosterWindow,
  type DayWindow,
} from './roster-days.js';
import {
  feishuDailyShiftBatches,
  feishuRosterDays,
  wecomRosterDays,
  wecomScheduleRequests,
} from './roster-payloads.js';
import { planRoster, REST, rosterField, type RosterPlan, type Resolution } from './roster-plan.js';
import { addRecordedLinks, derivedScheduleId, ShiftScheduleMap } from './shift-schedule-map.js';

export type RosterDirection = 'feishu_to_wecom' | 'wecom_to_feishu';

/** What one roster run needs; the executor assembles it per run. */
export interface RostersRunContext {
  readonly runId: string;
  readonly dryRun: boolean;
  /** Source-side ids (Feishu group ids / WeCom groupids) to sync; undefined = every linked 排班 group. */
  readonly groupIds?: readonly string[];
  /** YYYY-MM-DD, China time, inclusive; default today … today + 30 days (see rosterWindow). */
  readonly from?: string;
  readonly to?: string;
  readonly store: MappingStore;
  readonly resolver: IdResolver;
  readonly now: () => Date;
  /**
   * The vendor records this run could not read: each becomes a failed item of the run. A roster day that
   * cannot be read is left as the other side has it (a day the source holds nothing for is not written).
   */
  readonly unreadable: UnreadableRecords;
  /** Called after each item, for progress and liveness. */
  /** An item is finished: counts progress; the item itself when there is one, for the log. */
  readonly onItemDone?: (item?: SyncRunItem) => void;
  /**
   * Scheduled reconciliation (a `two_way` run): only links whose direction includes this half; two-way
   * links only have the days the target lacks filled in (see planRoster's `fill`).
   */
  readonly reconcile?: boolean;
  /** setcheckinschedulist items per call (tests use small calls to get several). */
  readonly wecomItemsPerCall?: number;
}

const FEISHU_BATCH_API = 'user_daily_shifts/batch_create';
const WECOM_SET_API = 'setcheckinschedulist';

/**
 * A whole roster run: one direction, or — for a scheduled `two_way` run — Feishu → WeCom for the links that
 * sync from Feishu, then WeCom → Feishu for those that sync from WeCom, each link in its own direction, as
 * the rules sync does. A two-way link is visited by both halves and only has the days its other side lacks
 * filled in: a roster has no history that could say which side changed a day both hold differently, so such
 * a day is reported, never overwritten either way.
 */
export async function runRosters(
  context: RostersRunContext,
  feishu: FeishuClient,
  wecom: WecomClient,
  direction: LinkDirection,
): Promise<SyncRunItem[]> {
  if (direction !== 'two_way') return new RostersSync(context, feishu, wecom).run(direction);
  const reconcile = { ...context, reconcile: true };
  const fromFeishu = await new RostersSync(reconcile, feishu, wecom).run('feishu_to_wecom');
  const fromWecom = await new RostersSync(reconcile, feishu, wecom).run('wecom_to_feishu');
  return [...fromFeishu, ...fromWecom];
}

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
  private rules = new Map<string, WecomCheckinGroupRead>();
  private readonly shiftCache = new Map<string, Promise<FeishuShift | null>>();
  private tenantShifts: Promise<FeishuShift[]> | null = null;
  private window!: DayWindow;

  constructor(
    private readonly context: RostersRunContext,
    private readonly feishu: FeishuClient,
    private readonly wecom: WecomClient,
  ) {}

  async run(direction: RosterDirection): Promise<SyncRunItem[]> {
    const { from, to } = this.context;
    this.window = rosterWindow({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, this.context.now());
    const [rules, links] = await Promise.all([
      this.wecom.getCorpCheckinOptions(this.readOptions),
      this.context.store.groupLinks.list(),
    ]);
    this.rules = new Map(rules.map((rule) => [String(rule.groupid), rule]));
    const items: SyncRunItem[] = [];
    for (const entry of this.select(links, direction)) {
      if (entry.link) items.push(await this.syncLinked(entry.link, direction));
      else {
        const skipped = item(entry.sourceId, null, 'skipped', [], {
          error:
            `this ${direction === 'feishu_to_wecom' ? 'Feishu group' : 'WeCom rule'} is not linked yet: run the ` +
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
      .filter((link) => usable(link) && this.rules.get(link.wecomRuleId!)?.grouptype === 2)
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
    const rule = this.rules.get(wecomRuleId);
    const unreadable = rule ? undefined : this.context.unreadable.find('wecom', 'checkin rule', wecomRuleId);
    if (unreadable) {
      return item(sourceId, targetId, 'failed', [], {
        error: `the linked WeCom rule ${wecomRuleId} could not be read (${unreadable.reason}); its roster was not synced`,
      });
    }
    if (!rule) return skipped(`the linked WeCom rule ${wecomRuleId} no longer exists (the rules sync reports it)`);
    if (rule.grouptype !== 2) {
      return skipped(
        `WeCom rule ${wecomRuleId} is not a by-shift (排班) rule (grouptype ${rule.grouptype}); rosters exist for 排班 groups only`,
      );
    }
    let group: FeishuGroup;
    try {
      group = await this.feishu.getGroup(link.feishuGroupId!);
    } catch (error) {
      if (isVendorError(error) && error.kind === 'not_found') {
        return skipped(`the linked Feishu group ${link.feishuGroupId} no longer exists (the rules sync reports it)`);
      }
      throw error;
    }
    if (group.group_type !== 2) {
      return skipped(
        `Feishu group ${group.group_id} is not a shift-based (排班) group (group_type ${group.group_type}); rosters exist for 排班 groups only`,
      );
    }
    const pairs = new ShiftScheduleMap(rule);
    addRecordedLinks(pairs, await this.context.store.shiftLinks.listForGroupLink(link.id));
    const members = await this.members(group.group_id);
    const mode = this.context.reconcile && link.direction === 'two_way' ? 'fill' : 'overwrite';
    return direction === 'feishu_to_wecom'
      ? this.toWecom(group, rule, pairs, members, mode)
      : this.toFeishu(group, rule, pairs, members, mode);
  }

  // ---- Feishu → WeCom -------------------------------------------------------------------------------

  private async toWecom(
    group: FeishuGroup,
    rule: WecomCheckinGroupRead,
    pairs: ShiftScheduleMap,
    members: readonly string[],
    mode: 'overwrite' | 'fill',
  ): Promise<SyncRunItem> {
    const { resolver } = this.context;
    const sourceId = group.group_id;
    const targetId = String(rule.groupid);
    const feishuRead = await this.readFeishuRosters(members);
    const source = feishuRosterDays(feishuRead.rows, group.group_id, this.window);
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
    const wecomRead = await this.readWecomSchedules([...new Set(mapped.values())]);
    const target = wecomRosterDays(wecomRead.rows, rule.groupid, this.window);
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
    const requests = wecomScheduleRequests(rule.groupid, plan.writes, this.context.wecomItemsPerCall);
    const losses = [...readLosses, ...plan.losses];
    if (this.context.dryRun) {
      const wecomPlan: ItemPlan = { vendor: 'wecom', requests: requests.map((body) => ({ api: WECOM_SET_API, body })) };
      return item(sourceId, targetId, plannedAction(plan, losses), losses, { plan: wecomPlan });
    }
    const sourceUsers = new Map(plan.writes.map((write) => [write.user, write.sourceUser]));
    const outcome: WriteOutcome = { written: 0, losses: [], error: null };
    for (const request of requests) await this.sendWecom(request, sourceUsers, outcome);
    return finished(sourceId, targetId, plan, [...losses, ...outcome.losses], outcome);
  }

  /** Pairs for the Feishu shifts the roster uses that no recorded link covers; answers their names. */
  private async deriveFromFeishuShifts(
    pairs: ShiftScheduleMap,
    group: FeishuGroup,
    shiftIds: readonly string[],
  ): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const nowSeconds = Math.floor(this.context.now().getTime() / 1000);
    for (const shiftId of shiftIds) {
      const shift = await this.shift(shiftId);
      if (!shift) continue;
      names.set(shiftId, shift.shift_name);
      if (pairs.scheduleOf(shiftId) !== undefined) continue;
      const scheduleId = derivedScheduleId(group, shift, this.context.resolver, nowSeconds);
      if (scheduleId !== null) pairs.add(shiftId, scheduleId, 'derived');
    }
    return names;
  }

  /** setcheckinschedulist; on a refusal naming the request's people, once per person, so the others land. */
  private async sendWecom(
    request: WecomSetCheckinScheduleListRequest,
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): Promise<void> {
    try {
      await this.wecom.setCheckinScheduleList(request);
      outcome.written += request.items.length;
      return;
    } catch (error) {
      const byUser = new Map<string, WecomSetCheckinScheduleListRequest['items'][number][]>();
      for (const entry of request.items) byUser.set(entry.userid, [...(byUser.get(entry.userid) ?? []), entry]);
      if (byUser.size === 1 || !isPerRecordRefusal(error)) {
        this.wecomRefused(request, request.items, error, sourceUsers, outcome);
        return;
      }
      for (const [, items] of byUser) {
        try {
          await this.wecom.setCheckinScheduleList({ ...request, items });
          outcome.written += items.length;
        } catch (userError) {
          this.wecomRefused(request, items, userError, sourceUsers, outcome);
        }
      }
    }
  }

  private wecomRefused(
    request: WecomSetCheckinScheduleListRequest,
    items: WecomSetCheckinScheduleListRequest['items'],
    error: unknown,
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): void {
    const reason = describeFailure(error);
    outcome.error ??= reason;
    for (const entry of items) {
      const day = dayKeyOf(request.yearmonth, entry.day) ?? `${request.yearmonth}-${entry.day}`;
      outcome.losses.push({
        field: rosterField(sourceUsers.get(entry.userid) ?? entry.userid, day),
        severity: 'dropped',
        message: `WeCom refused the schedule of ${entry.userid} on this day: ${reason}`,
        targetValue: entry.schedule_id,
      });
    }
  }

  // ---- WeCom → Feishu -------------------------------------------------------------------------------

  private async toFeishu(
    group: FeishuGroup,
    rule: WecomCheckinGroupRead,
    pairs: ShiftScheduleMap,
    members: readonly string[],
    mode: 'overwrite' | 'fill',
  ): Promise<SyncRunItem> {
    const { resolver } = this.context;
    const sourceId = String(rule.groupid);
    const targetId = group.group_id;
    // The rule's people: those it names, and the Feishu group's members in WeCom ids (WeCom's API has no
    // department directory for the gateway, so people the rule reaches only through a department are found
    // through the Feishu group).
    const wecomUsers = unique([
      ...(rule.range?.userid ?? []),
      ...members.flatMap((user) => resolver.user(user, 'feishu', 'wecom') ?? []),
    ]);
    const wecomRead = await this.readWecomSchedules(wecomUsers);
    const source = wecomRosterDays(wecomRead.rows, rule.groupid, this.window);
    const readLosses = [...wecomRead.failed].map(([user, reason]) =>
      personLoss(user, `The WeCom schedules of ${user} could not be read (${reason}); none of their days was written.`),
    );

    const mapped = new Map<string, string>();
    for (const user of unique(source.map((day) => day.user))) {
      const feishuUser = resolver.user(user, 'wecom', 'feishu');
      if (feishuUser !== null) mapped.set(user, feishuUser);
    }
    const feishuRead = await this.readFeishuRosters([...new Set(mapped.values())]);
    const target = feishuRosterDays(feishuRead.rows, group.group_id, this.window);

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
    const batches = feishuDailyShiftBatches(group.group_id, plan.writes);
    const losses = [...readLosses, ...plan.losses];
    if (this.context.dryRun) {
      const feishuPlan: ItemPlan = {
        vendor: 'feishu',
        requests: batches.map((batch) => ({ api: FEISHU_BATCH_API, body: { user_daily_shifts: batch } })),
      };
      return item(sourceId, targetId, plannedAction(plan, losses), losses, { plan: feishuPlan });
    }
    const sourceUsers = new Map(plan.writes.map((write) => [write.user, write.sourceUser]));
    const outcome: WriteOutcome = { written: 0, losses: [], error: null };
    for (const batch of batches) await this.sendFeishu(batch, sourceUsers, outcome);
    return finished(sourceId, targetId, plan, [...losses, ...outcome.losses], outcome);
  }

  /**
   * Pairs for the schedules the rule's roster uses that no recorded link covers: the Feishu shift whose
   * derived schedule id it is (a rule the gateway made from a Feishu group), looked for among the shifts
   * the Feishu roster uses and then among all of the tenant's shifts.
   */
  private async deriveForSchedules(
    pairs: ShiftScheduleMap,
    group: FeishuGroup,
    scheduleIds: readonly number[],
    feishuRows: readonly FeishuUserDailyShift[],
  ): Promise<void> {
    const open = new Set(scheduleIds.filter((id) => pairs.shiftOf(id) === undefined && pairs.scheduleIds.has(id)));
    if (open.size === 0) return;
    const nowSeconds = Math.floor(this.context.now().getTime() / 1000);
    const tryShift = (shift: FeishuShift) => {
      if (pairs.scheduleOf(shift.shift_id) !== undefined) return;
      const scheduleId = derivedScheduleId(group, shift, this.context.resolver, nowSeconds);
      if (scheduleId !== null && open.has(scheduleId) && pairs.add(shift.shift_id, scheduleId, 'derived')) {
        open.delete(scheduleId);
      }
    };
    for (const shiftId of unique(feishuRows.map((row) => row.shift_id)).filter((id) => id !== REST)) {
      const shift = await this.shift(shiftId);
      if (shift) tryShift(shift);
      if (open.size === 0) return;
    }
    for (const shift of await this.allShifts()) {
      tryShift(shift);
      if (open.size === 0) return;
    }
  }

  /**
   * user_daily_shifts/batch_create, ≤ 50 entries per call. Days Feishu reports as not applied (code 0 with
   * `{person: [days]}` in msg) are reported per person and day; a refused batch is retried person by person.
   */
  private async sendFeishu(
    batch: readonly FeishuUserDailyShift[],
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): Promise<void> {
    try {
      this.feishuAnswered(batch, await this.feishu.batchCreateUserDailyShifts(batch), sourceUsers, outcome);
      return;
    } catch (error) {
      const byUser = new Map<string, FeishuUserDailyShift[]>();
      for (const entry of batch) byUser.set(entry.user_id, [...(byUser.get(entry.user_id) ?? []), entry]);
      if (byUser.size === 1 || !isPerRecordRefusal(error)) {
        this.feishuRefused(batch, error, sourceUsers, outcome);
        return;
      }
      for (const [, entries] of byUser) {
        try {
          this.feishuAnswered(entries, await this.feishu.batchCreateUserDailyShifts(entries), sourceUsers, outcome);
        } catch (userError) {
          this.feishuRefused(entries, userError, sourceUsers, outcome);
        }
      }
    }
  }

  private feishuAnswered(
    entries: readonly FeishuUserDailyShift[],
    answer: Awaited<ReturnType<FeishuClient['batchCreateUserDailyShifts']>>,
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): void {
    const sent = new Set(entries.map((entry) => `${entry.user_id}\u0000${dayKeyOf(entry.month, entry.day_no)}`));
    let rejected = 0;
    for (const rejection of answer.rejected) {
      for (const text of rejection.days) {
        const day = dayKeyFromVendorText(text);
        if (day !== null && sent.delete(`${rejection.userId}\u0000${day}`)) rejected++;
        outcome.losses.push({
          field: rosterField(sourceUsers.get(rejection.userId) ?? rejection.userId, day ?? text),
          severity: 'dropped',
          message:
            `Feishu did not apply this day to ${rejection.userId} (its answer listed it as not taken effect; ` +
            `usually the person does not belong to attendance group ${entries[0]?.group_id ?? ''} on that day: ` +
            'a person belongs to one Feishu group per day).',
        });
      }
    }
    for (const message of answer.unreadMessages) {
      outcome.losses.push({
        field: 'roster',
        severity: 'dropped',
        message:
          `Feishu answered a batch of ${entries.length} roster days with a message the gateway could not read ` +
          `("${message}"); some of those days may not have taken effect. The next run compares again and ` +
          'rewrites any that did not.',
      });
    }
    outcome.written += entries.length - rejected;
  }

  private feishuRefused(
    entries: readonly FeishuUserDailyShift[],
    error: unknown,
    sourceUsers: ReadonlyMap<string, string>,
    outcome: WriteOutcome,
  ): void {
    const reason = describeFailure(error);
    outcome.error ??= reason;
    for (const entry of entries) {
      const day = dayKeyOf(entry.month, entry.day_no) ?? `${entry.month}-${entry.day_no}`;
      outcome.losses.push({
        field: rosterField(sourceUsers.get(entry.user_id) ?? entry.user_id, day),
        severity: 'dropped',
        message: `Feishu refused the roster of ${entry.user_id} on this day: ${reason}`,
        targetValue: entry.shift_id,
      });
    }
  }

  // ---- reads ----------------------------------------------------------------------------------------

  /** The Feishu group's members who punch (a roster is theirs). */
  private async members(groupId: string): Promise<string[]> {
    const users: string[] = [];
    for await (const user of this.feishu.listGroupUsers(groupId, { memberClockType: 1, ...this.readOptions })) {
      users.push(user.user_id);
    }
    return unique(users);
  }

  private readFeishuRosters(users: readonly string[]): Promise<PerUserRead<FeishuUserDailyShift>> {
    return readPerUser(users, (some) =>
      this.feishu.queryUserDailyShifts({
        ...this.readOptions,
        userIds: some,
        checkDateFrom: dayInt(this.window.from),
        checkDateTo: dayInt(this.window.to),
      }),
    );
  }

  private readWecomSchedules(
    users: readonly string[],
  ): Promise<PerUserRead<Awaited<ReturnType<WecomClient['getCheckinScheduleList']>>[number]>> {
    return readPerUser(users, (some) =>
      this.wecom.getCheckinScheduleList(
        {
          starttime: chinaMidnightSeconds(this.window.from),
          endtime: chinaMidnightSeconds(this.window.to) + DAY_SECONDS - 1,
          useridlist: some,
        },
        this.readOptions,
      ),
    );
  }

  /** Every list read of the run hands the records it cannot read to the run (one failed item each). */
  private get readOptions() {
    return { onUnreadable: this.context.unreadable.sink };
  }

  private shift(shiftId: string): Promise<FeishuShift | null> {
    let cached = this.shiftCache.get(shiftId);
    if (!cached) {
      cached = this.feishu.getShift(shiftId).catch((error: unknown) => {
        if (isVendorError(error) && error.kind === 'not_found') return null;
        this.shiftCache.delete(shiftId);
        throw error;
      });
      this.shiftCache.set(shiftId, cached);
    }
    return cached;
  }

  private allShifts(): Promise<FeishuShift[]> {
    if (!this.tenantShifts) {
      const listing = (async () => {
        const shifts: FeishuShift[] = [];
        for await (const shift of this.feishu.listShifts(this.readOptions)) shifts.push(shift);
        return shifts;
      })();
      listing.catch(() => (this.tenantShifts = null));
      this.tenantShifts = listing;
    }
    return this.tenantShifts;
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
