import {
  chinaDate,
  chinaMidnight,
  DAY_SECONDS,
  dayStart,
  daysInMonth,
  oneMonthLater,
  yearMonthOf,
} from './china-time.util.js';
import type { WecomCallContext } from './wecom-call.context.js';
import { type JsonObject, WecomEmulatorState } from './wecom-emulator.state.js';
import { WECOM_ERRORS, WecomFailure } from './wecom-errors.constants.js';
import { isRecord, requireInt, requireUserList } from './wecom-request.util.js';

// Schedules (排班) of by-shift rules (REFERENCE B8; [WC-PM] path/93380, path/93385).

/**
 * getcheckinschedulist: ≤ 100 users, span ≤ one month. READING of "one month": the end may not fall on or
 * after the same day-of-month one calendar month later (China time); [GWX] 301024 ("间隔少于一个月")
 * for a longer or reversed span. One entry per user and yearmonth, listing the days that have a schedule;
 * the section id is `id` here (not time_id) and the day list is the camelCase `scheduleList`.
 */
export function getCheckinScheduleList(context: WecomCallContext, body: JsonObject): JsonObject {
  const starttime = requireInt(body, 'starttime');
  const endtime = requireInt(body, 'endtime');
  if (starttime <= 0 || endtime <= starttime || endtime >= oneMonthLater(starttime)) {
    throw WecomFailure.of(
      WECOM_ERRORS.invalidTimeRange,
      `starttime ${starttime}, endtime ${endtime}: need 0 < starttime < endtime, span under one month`,
    );
  }
  const users = requireUserList(context, body, 'useridlist');
  const scheduleList: JsonObject[] = [];
  for (const userid of users) {
    const rule = context.state.ruleOf(userid);
    if (!rule || rule.group['grouptype'] !== 2) continue;
    const schedules = Array.isArray(rule.group['schedulelist']) ? rule.group['schedulelist'].filter(isRecord) : [];
    const byMonth = new Map<number, JsonObject[]>();
    for (let day = dayStart(starttime); day <= endtime; day += DAY_SECONDS) {
      const yearmonth = yearMonthOf(day);
      const key = WecomEmulatorState.scheduleKey(rule.groupid, userid, yearmonth);
      const scheduleId = context.state.schedules.get(key)?.get(chinaDate(day).day);
      if (scheduleId === undefined) continue;
      const schedule = schedules.find((candidate) => candidate['schedule_id'] === scheduleId);
      const sections = Array.isArray(schedule?.['time_section']) ? schedule['time_section'].filter(isRecord) : [];
      const entry = {
        day: chinaDate(day).day,
        schedule_info: {
          schedule_id: scheduleId,
          schedule_name:
            scheduleId === 0
              ? '休息'
              : typeof schedule?.['schedule_name'] === 'string'
                ? schedule['schedule_name']
                : '',
          time_section: sections.map((section) => ({
            id: section['time_id'],
            work_sec: section['work_sec'],
            off_work_sec: section['off_work_sec'],
            remind_work_sec: section['remind_work_sec'],
            remind_off_work_sec: section['remind_off_work_sec'],
          })),
        },
      };
      byMonth.set(yearmonth, [...(byMonth.get(yearmonth) ?? []), entry]);
    }
    for (const [yearmonth, days] of byMonth) {
      scheduleList.push({
        userid,
        yearmonth,
        groupid: rule.groupid,
        groupname: rule.group['groupname'],
        schedule: { scheduleList: days },
      });
    }
  }
  return { schedule_list: scheduleList };
}

/**
 * setcheckinschedulist: by-shift rules only; `day` 1–31 and within the month; `schedule_id` 0 (rest) or a
 * schedule of the rule; each user in the rule. All or nothing. Errcodes UNCONFIRMED — READINGS: 60136 for
 * an unknown groupid (as for the rule calls), 301021 for a user unknown or outside the rule, 301039 请求参数
 * 错误 ([GWX]) for the rest. Unlike rule updates, the doc does not reserve this to the rule's creator.
 */
export function setCheckinScheduleList(context: WecomCallContext, body: JsonObject): JsonObject {
  const groupid = requireInt(body, 'groupid');
  const yearmonth = requireInt(body, 'yearmonth');
  const month = yearmonth % 100;
  if (yearmonth < 200001 || month < 1 || month > 12) {
    throw WecomFailure.of(WECOM_ERRORS.requestParamError, `yearmonth ${yearmonth} is not YYYYMM`);
  }
  const rule = context.state.rules.get(groupid);
  if (!rule) throw WecomFailure.of(WECOM_ERRORS.ruleNotFound, `groupid ${groupid}`);
  if (rule.group['grouptype'] !== 2) {
    throw WecomFailure.of(WECOM_ERRORS.requestParamError, `groupid ${groupid} is not a by-shift (排班) rule`);
  }
  const items = body['items'];
  if (!Array.isArray(items) || items.length === 0) {
    throw WecomFailure.of(WECOM_ERRORS.requestParamError, 'items must list at least one item');
  }
  const scheduleIds = new Set(
    (Array.isArray(rule.group['schedulelist']) ? rule.group['schedulelist'].filter(isRecord) : []).map(
      (schedule) => schedule['schedule_id'],
    ),
  );
  const lastDay = daysInMonth(yearmonth);
  const checked = items.map((item, index) => {
    const path = `items[${index}]`;
    if (!isRecord(item)) throw WecomFailure.of(WECOM_ERRORS.requestParamError, `${path} must be an object`);
    const userid = item['userid'];
    if (typeof userid !== 'string' || !context.state.users.has(userid) || context.state.ruleOf(userid) !== rule) {
      throw WecomFailure.of(WECOM_ERRORS.invalidUserid, `${path}.userid ${String(userid)} is not in the rule`);
    }
    const day = item['day'];
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > lastDay) {
      throw WecomFailure.of(WECOM_ERRORS.requestParamError, `${path}.day must be 1-${lastDay}`);
    }
    const scheduleId = item['schedule_id'];
    if (typeof scheduleId !== 'number' || (scheduleId !== 0 && !scheduleIds.has(scheduleId))) {
      throw WecomFailure.of(
        WECOM_ERRORS.requestParamError,
        `${path}.schedule_id ${String(scheduleId)} is not in the rule`,
      );
    }
    return { userid, day, scheduleId };
  });
  for (const { userid, day, scheduleId } of checked) {
    const key = WecomEmulatorState.scheduleKey(groupid, userid, yearmonth);
    const days = context.state.schedules.get(key) ?? new Map<number, number>();
    days.set(day, scheduleId);
    context.state.schedules.set(key, days);
  }
  return {};
}

/** 00:00 of day `day` of `yearmonth`, China time. */
export function dayOf(yearmonth: number, day: number): number {
  return chinaMidnight(Math.floor(yearmonth / 100), yearmonth % 100, day);
}
