import { isVendorError } from '@app/kernel';
import {
  FEISHU_MAX_DAILY_SHIFTS_PER_BATCH,
  type FeishuClient,
  type FeishuGroup,
  type FeishuShift,
  type FeishuUserDailyShift,
} from '@app/feishu';
import { feishuToCanonical, type CanonicalRule } from '@app/translation';
import { chunk } from 'es-toolkit';
import {
  rosterDaysIn,
  sortRosterWrites,
  type RosterBatch,
  type RosterDay,
  type RosterEntry,
  type RosterGroup,
  type RosterShift,
  type RosterSideConnector,
  type RosterWrite,
  type RosterWriteAnswer,
  type UnreadableSink,
} from '../attendance-connector.js';
import { dayInt, dayKeyFromVendorText, dayKeyOf, dayOfMonth, yearMonthOf, type DayWindow } from '../roster-days.js';

/** The roster write call, as dry-run plans name it. */
export const FEISHU_ROSTER_WRITE_API = 'user_daily_shifts/batch_create';

/** Feishu roster rows as entries: `month` yyyyMM and `day_no` as a day; is_clear_schedule as cleared. */
export function feishuRosterEntries(rows: readonly FeishuUserDailyShift[]): RosterEntry[] {
  return rows.map((row) => ({
    group: row.group_id,
    user: row.user_id,
    day: dayKeyOf(row.month, row.day_no),
    shift: row.shift_id,
    cleared: row.is_clear_schedule === true,
  }));
}

/** Feishu roster rows of one group in the window; cleared days (is_clear_schedule) hold no shift. */
export function feishuRosterDays(
  rows: readonly FeishuUserDailyShift[],
  groupId: string,
  window: DayWindow,
): RosterDay[] {
  return rosterDaysIn(feishuRosterEntries(rows), groupId, window);
}

/** user_daily_shifts/batch_create entries for `writes` (Feishu user ids and shift ids), in batches of 50. */
export function feishuDailyShiftBatches(groupId: string, writes: readonly RosterWrite[]): FeishuUserDailyShift[][] {
  return chunk(sortRosterWrites(writes), FEISHU_MAX_DAILY_SHIFTS_PER_BATCH).map((part) =>
    part.map((write) => dailyShiftOf(groupId, write)),
  );
}

function dailyShiftOf(groupId: string, write: RosterWrite): FeishuUserDailyShift {
  return {
    group_id: groupId,
    shift_id: write.shift,
    month: yearMonthOf(write.day),
    user_id: write.user,
    day_no: dayOfMonth(write.day),
  };
}

/**
 * Feishu attendance groups, their shifts and rosters (user_daily_shifts) as the roster scope sees them, and
 * Feishu's write rules for rosters: ≤ 50 entries per batch_create, and an accepted batch may still leave days
 * not applied (code 0 with `{person: [days]}` in msg, read by the client). Nothing here knows WeCom.
 */
export class FeishuRostersConnector implements RosterSideConnector {
  readonly vendor = 'feishu' as const;
  readonly groupNoun = 'Feishu group';
  private readonly groups = new Map<string, FeishuGroup>();
  private readonly shiftCache = new Map<string, Promise<FeishuShift | null>>();
  private tenantShifts: Promise<FeishuShift[]> | null = null;
  /** The shift each handle given out stands for. */
  private readonly shifts = new WeakMap<RosterShift, FeishuShift>();

  constructor(private readonly client: FeishuClient) {}

  /** The group, or null when Feishu has none by that id. */
  async findGroup(groupId: string): Promise<RosterGroup | null> {
    let group: FeishuGroup;
    try {
      group = await this.client.getGroup(groupId);
    } catch (error) {
      if (isVendorError(error) && error.kind === 'not_found') return null;
      throw error;
    }
    this.groups.set(group.group_id, group);
    return {
      id: group.group_id,
      notRostered:
        group.group_type === 2
          ? null
          : `Feishu group ${group.group_id} is not a shift-based (排班) group (group_type ${group.group_type}); ` +
            'rosters exist for 排班 groups only',
      shifts: new Map(),
      namedUsers: [],
    };
  }

  /** The group's members who punch (a roster is theirs), each once. */
  async members(groupId: string, onUnreadable: UnreadableSink): Promise<string[]> {
    const users: string[] = [];
    for await (const user of this.client.listGroupUsers(groupId, { memberClockType: 1, onUnreadable })) {
      users.push(user.user_id);
    }
    return [...new Set(users)];
  }

  readRoster(users: readonly string[], window: DayWindow, onUnreadable: UnreadableSink): Promise<RosterEntry[]> {
    return this.client
      .queryUserDailyShifts({
        onUnreadable,
        userIds: [...users],
        checkDateFrom: dayInt(window.from),
        checkDateTo: dayInt(window.to),
      })
      .then(feishuRosterEntries);
  }

  /** A shift, or null when Feishu has no such shift; each shift is read once per connector. */
  async shift(shiftId: string): Promise<RosterShift | null> {
    const shift = await this.readShift(shiftId);
    return shift ? this.handle(shift) : null;
  }

  /** Every shift of the tenant, listed once per connector. */
  async allShifts(onUnreadable: UnreadableSink): Promise<RosterShift[]> {
    if (!this.tenantShifts) {
      const listing = (async () => {
        const shifts: FeishuShift[] = [];
        for await (const shift of this.client.listShifts({ onUnreadable })) shifts.push(shift);
        return shifts;
      })();
      listing.catch(() => (this.tenantShifts = null));
      this.tenantShifts = listing;
    }
    return (await this.tenantShifts).map((shift) => this.handle(shift));
  }

  /**
   * The group (as findGroup read it) as a canonical rule with just this one shift: what a rule written from
   * the group makes of the shift. Null when the group was not read or the translation refuses.
   */
  ruleWithShift(groupId: string, shift: RosterShift): CanonicalRule | null {
    const group = this.groups.get(groupId);
    const read = this.shifts.get(shift);
    if (!group || !read) return null;
    const canonical = feishuToCanonical({ group, shifts: [read] });
    return canonical.ok ? canonical.value : null;
  }

  rosterBatches(groupId: string, writes: readonly RosterWrite[]): RosterBatch[] {
    return chunk(sortRosterWrites(writes), FEISHU_MAX_DAILY_SHIFTS_PER_BATCH).map((part) => ({
      writes: part,
      request: {
        api: FEISHU_ROSTER_WRITE_API,
        body: { user_daily_shifts: part.map((write) => dailyShiftOf(groupId, write)) },
      },
    }));
  }

  /**
   * One batch_create. Days Feishu answers as not applied are reported per person and day (usually the person
   * is in another group on that day: a person belongs to one Feishu group per day).
   */
  async sendRoster(groupId: string, batch: RosterBatch): Promise<RosterWriteAnswer> {
    const entries = batch.writes.map((write) => dailyShiftOf(groupId, write));
    const answer = await this.client.batchCreateUserDailyShifts(entries);
    const sent = new Set(entries.map((entry) => `${entry.user_id}\u0000${dayKeyOf(entry.month, entry.day_no)}`));
    let rejected = 0;
    const notApplied: { user: string; day: string; message: string }[] = [];
    for (const rejection of answer.rejected) {
      for (const text of rejection.days) {
        const day = dayKeyFromVendorText(text);
        if (day !== null && sent.delete(`${rejection.userId}\u0000${day}`)) rejected++;
        notApplied.push({
          user: rejection.userId,
          day: day ?? text,
          message:
            `Feishu did not apply this day to ${rejection.userId} (its answer listed it as not taken effect; ` +
            `usually the person does not belong to attendance group ${entries[0]?.group_id ?? ''} on that day: ` +
            'a person belongs to one Feishu group per day).',
        });
      }
    }
    const unread = answer.unreadMessages.map(
      (message) =>
        `Feishu answered a batch of ${entries.length} roster days with a message the gateway could not read ` +
        `("${message}"); some of those days may not have taken effect. The next run compares again and ` +
        'rewrites any that did not.',
    );
    return { written: entries.length - rejected, notApplied, unread };
  }

  refusedDay(write: RosterWrite, reason: string): { readonly message: string; readonly targetValue: unknown } {
    return { message: `Feishu refused the roster of ${write.user} on this day: ${reason}`, targetValue: write.shift };
  }

  private handle(shift: FeishuShift): RosterShift {
    const handle = { id: shift.shift_id, name: shift.shift_name };
    this.shifts.set(handle, shift);
    return handle;
  }

  private readShift(shiftId: string): Promise<FeishuShift | null> {
    let cached = this.shiftCache.get(shiftId);
    if (!cached) {
      cached = this.client.getShift(shiftId).catch((error: unknown) => {
        if (isVendorError(error) && error.kind === 'not_found') return null;
        this.shiftCache.delete(shiftId);
        throw error;
      });
      this.shiftCache.set(shiftId, cached);
    }
    return cached;
  }
}
