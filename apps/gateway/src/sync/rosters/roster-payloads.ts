import { FEISHU_MAX_DAILY_SHIFTS_PER_BATCH, type FeishuUserDailyShift } from '@app/feishu';
import type { WecomSetCheckinScheduleListRequest, WecomUserSchedule } from '@app/wecom';
import { dayKeyOf, dayOfMonth, inWindow, yearMonthOf, type DayWindow } from './roster-days.js';
import { chunk } from 'es-toolkit';
import type { RosterDay, RosterWrite } from './roster-plan.js';

// Vendor rosters ⇄ RosterDay lists, and RosterWrite lists → the exact request bodies. Pure.

/**
 * setcheckinschedulist items per call. WeCom documents no maximum (REFERENCE B8: UNCONFIRMED) and the
 * emulator enforces none; READING: 500 — a month of a 16-person group in one call — so that a call stays
 * of a size WeCom's own admin console sends while the 60 calls/min limit is not spent on tiny calls.
 */
export const WECOM_SCHEDULE_ITEMS_PER_CALL = 500;

/** Feishu roster rows of one group in the window; cleared days (is_clear_schedule) hold no shift. */
export function feishuRosterDays(
  rows: readonly FeishuUserDailyShift[],
  groupId: string,
  window: DayWindow,
): RosterDay[] {
  const days: RosterDay[] = [];
  for (const row of rows) {
    if (row.group_id !== groupId || row.is_clear_schedule === true) continue;
    const day = dayKeyOf(row.month, row.day_no);
    if (day === null || !inWindow(day, window)) continue;
    days.push({ user: row.user_id, day, shift: row.shift_id });
  }
  return days;
}

/** WeCom schedules of one rule in the window (schedule_id as a string; 0 = rest). */
export function wecomRosterDays(
  schedules: readonly WecomUserSchedule[],
  groupid: number,
  window: DayWindow,
): RosterDay[] {
  const days: RosterDay[] = [];
  for (const entry of schedules) {
    if (entry.groupid !== groupid) continue;
    for (const scheduled of entry.schedule.scheduleList) {
      const day = dayKeyOf(entry.yearmonth, scheduled.day);
      if (day === null || !inWindow(day, window)) continue;
      days.push({ user: entry.userid, day, shift: String(scheduled.schedule_info.schedule_id) });
    }
  }
  return days;
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
  const byMonth = new Map<number, RosterWrite[]>();
  for (const write of writes) {
    const month = yearMonthOf(write.day);
    byMonth.set(month, [...(byMonth.get(month) ?? []), write]);
  }
  const requests: WecomSetCheckinScheduleListRequest[] = [];
  for (const month of [...byMonth.keys()].sort((a, b) => a - b)) {
    const items = sortWrites(byMonth.get(month) ?? []).map((write) => ({
      userid: write.user,
      day: dayOfMonth(write.day),
      schedule_id: Number(write.shift),
    }));
    for (const part of chunk(items, maxItems)) requests.push({ groupid, items: part, yearmonth: month });
  }
  return requests;
}

/** user_daily_shifts/batch_create entries for `writes` (Feishu user ids and shift ids), in batches of 50. */
export function feishuDailyShiftBatches(groupId: string, writes: readonly RosterWrite[]): FeishuUserDailyShift[][] {
  const entries = sortWrites(writes).map((write): FeishuUserDailyShift => ({
    group_id: groupId,
    shift_id: write.shift,
    month: yearMonthOf(write.day),
    user_id: write.user,
    day_no: dayOfMonth(write.day),
  }));
  return chunk(entries, FEISHU_MAX_DAILY_SHIFTS_PER_BATCH);
}

function sortWrites(writes: readonly RosterWrite[]): RosterWrite[] {
  return [...writes].sort((a, b) =>
    a.user < b.user ? -1 : a.user > b.user ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
}
