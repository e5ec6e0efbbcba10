import { DAY_SECONDS } from '@app/kernel';
import { canonicalToWecom, type CanonicalRule, type IdResolver } from '@app/translation';
import type { WecomClient, WecomSetCheckinScheduleListRequest, WecomUserSchedule } from '@app/wecom';
import { chunk } from 'es-toolkit';
import {
  rosterDaysIn,
  sortRosterWrites,
  type RosterBatch,
  type RosterDay,
  type RosterEntry,
  type RosterGroup,
  type RosterSideConnector,
  type RosterWrite,
  type RosterWriteAnswer,
  type UnreadableSink,
} from '../attendance-connector.js';
import { chinaMidnightSeconds, dayKeyOf, dayOfMonth, yearMonthOf, type DayWindow } from '../roster-days.js';

/**
 * setcheckinschedulist items per call. WeCom documents no maximum (REFERENCE B8: UNCONFIRMED) and the
 * emulator enforces none; READING: 500 — a month of a 16-person group in one call — so that a call stays
 * of a size WeCom's own admin console sends while the 60 calls/min limit is not spent on tiny calls.
 */
export const WECOM_SCHEDULE_ITEMS_PER_CALL = 500;

/** The roster write call, as dry-run plans name it. */
export const WECOM_ROSTER_WRITE_API = 'setcheckinschedulist';

/** WeCom schedules as entries (schedule_id as a string; 0 = rest); WeCom holds no cleared days. */
export function wecomRosterEntries(schedules: readonly WecomUserSchedule[]): RosterEntry[] {
  return schedules.flatMap((entry) =>
    entry.schedule.scheduleList.map((scheduled) => ({
      group: String(entry.groupid),
      user: entry.userid,
      day: dayKeyOf(entry.yearmonth, scheduled.day),
      shift: String(scheduled.schedule_info.schedule_id),
      cleared: false,
    })),
  );
}

/** WeCom schedules of one rule in the window (schedule_id as a string; 0 = rest). */
export function wecomRosterDays(
  schedules: readonly WecomUserSchedule[],
  groupid: number,
  window: DayWindow,
): RosterDay[] {
  return rosterDaysIn(wecomRosterEntries(schedules), String(groupid), window);
}

/**
 * setcheckinschedulist bodies for `writes` (WeCom user ids, schedule ids as strings): one per rule and
 * yearmonth, split at `maxItems`, months in order and items by user then day.
 */
export function wecomScheduleRequests(
  groupid: number,
  writes: readonly RosterWrite[],
  maxItems = WECOM_SCHEDULE_ITEMS_PER_CALL,
): WecomSetCheckinScheduleListRequest[] {
  return scheduleBatches(writes, maxItems).map((part) => scheduleRequest(groupid, part));
}

/** The writes of each call: by yearmonth, months in order, items by user then day, split at `maxItems`. */
function scheduleBatches(writes: readonly RosterWrite[], maxItems: number): RosterWrite[][] {
  const byMonth = new Map<number, RosterWrite[]>();
  for (const write of writes) {
    const month = yearMonthOf(write.day);
    byMonth.set(month, [...(byMonth.get(month) ?? []), write]);
  }
  const batches: RosterWrite[][] = [];
  for (const month of [...byMonth.keys()].sort((a, b) => a - b)) {
    batches.push(...chunk(sortRosterWrites(byMonth.get(month) ?? []), maxItems));
  }
  return batches;
}

/** One call's body: writes of one yearmonth. */
function scheduleRequest(groupid: number, writes: readonly RosterWrite[]): WecomSetCheckinScheduleListRequest {
  const months = new Set(writes.map((write) => yearMonthOf(write.day)));
  if (months.size !== 1) throw new RangeError(`a setcheckinschedulist call holds one month, not ${months.size}`);
  return {
    groupid,
    items: writes.map((write) => ({
      userid: write.user,
      day: dayOfMonth(write.day),
      schedule_id: Number(write.shift),
    })),
    yearmonth: [...months][0]!,
  };
}

export interface WecomRostersConnectorOptions {
  /** setcheckinschedulist items per call (tests use small calls to get several). */
  readonly itemsPerCall?: number;
}

/**
 * WeCom checkin rules and schedules (排班) as the roster scope sees them, and WeCom's write rules for them:
 * the rules come in one list (getcorpcheckinoption has no single-rule read), schedules are written per rule
 * and yearmonth. Nothing here knows Feishu.
 */
export class WecomRostersConnector implements RosterSideConnector {
  readonly vendor = 'wecom' as const;
  readonly groupNoun = 'WeCom rule';
  /** The kind an unreadable rule of the rule list is reported as (the client's). */
  readonly groupRecordKind = 'checkin rule';

  constructor(
    private readonly client: WecomClient,
    private readonly options: WecomRostersConnectorOptions = {},
  ) {}

  /** Every rule of the corp, as roster groups. */
  async listGroups(onUnreadable: UnreadableSink): Promise<RosterGroup[]> {
    const rules = await this.client.getCorpCheckinOptions({ onUnreadable });
    return rules.map((rule) => {
      const schedules = (rule.schedulelist ?? []).filter((schedule) => schedule.schedule_id !== 0);
      return {
        id: String(rule.groupid),
        notRostered:
          rule.grouptype === 2
            ? null
            : `WeCom rule ${rule.groupid} is not a by-shift (排班) rule (grouptype ${rule.grouptype}); rosters ` +
              'exist for 排班 groups only',
        shifts: new Map(schedules.map((schedule) => [String(schedule.schedule_id), schedule.schedule_name])),
        namedUsers: rule.range?.userid ?? [],
      };
    });
  }

  readRoster(users: readonly string[], window: DayWindow, onUnreadable: UnreadableSink): Promise<RosterEntry[]> {
    return this.client
      .getCheckinScheduleList(
        {
          starttime: chinaMidnightSeconds(window.from),
          endtime: chinaMidnightSeconds(window.to) + DAY_SECONDS - 1,
          useridlist: [...users],
        },
        { onUnreadable },
      )
      .then(wecomRosterEntries);
  }

  /**
   * The schedule_id a rule written from `rule` (a group with one shift) gives that shift: the rule translation
   * assigns deterministic ids, so translating yields the id. Null when the translation refuses.
   */
  scheduleIdFor(
    rule: CanonicalRule,
    options: { readonly resolver: IdResolver; readonly ruleName: string; readonly nowUnixSeconds: number },
  ): string | null {
    const payload = canonicalToWecom(rule, options);
    if (!payload.ok) return null;
    const schedules = (payload.value.schedulelist ?? []).filter((schedule) => schedule.schedule_id !== 0);
    return schedules.length === 1 ? String(schedules[0]!.schedule_id) : null;
  }

  rosterBatches(groupId: string, writes: readonly RosterWrite[]): RosterBatch[] {
    const groupid = Number(groupId);
    return scheduleBatches(writes, this.options.itemsPerCall ?? WECOM_SCHEDULE_ITEMS_PER_CALL).map((part) => ({
      writes: part,
      request: { api: WECOM_ROSTER_WRITE_API, body: scheduleRequest(groupid, part) },
    }));
  }

  /** One setcheckinschedulist; WeCom answers all or nothing. */
  async sendRoster(groupId: string, batch: RosterBatch): Promise<RosterWriteAnswer> {
    await this.client.setCheckinScheduleList(scheduleRequest(Number(groupId), batch.writes));
    return { written: batch.writes.length, notApplied: [], unread: [] };
  }

  refusedDay(write: RosterWrite, reason: string): { readonly message: string; readonly targetValue: unknown } {
    return {
      message: `WeCom refused the schedule of ${write.user} on this day: ${reason}`,
      targetValue: Number(write.shift),
    };
  }
}
