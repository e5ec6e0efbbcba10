import { chinaDate, DAY_SECONDS, dayStart, yearMonthOf } from './china-time.util.js';
import { type JsonObject, type StoredPunch, type StoredRule, WecomEmulatorState } from './wecom-emulator.state.js';
import { isRecord } from './wecom-request.util.js';

/** One standard clock-in or clock-out time of a user's day. */
export interface ScheduledPoint {
  readonly kind: 'on' | 'off';
  /** unix seconds */
  readonly time: number;
  readonly rule: StoredRule;
  readonly schedule_id: number;
  /** the section's time_id, reported as getcheckindata's timeline_id */
  readonly timeline_id: number;
  /** tolerance before a punch counts as 时间异常, seconds */
  readonly flex: number;
}

/**
 * The standard punch times of `userid` on the China-time day starting at `day`: the sections of the fixed
 * rule's weekday, or of the schedule set for that day in a by-shift rule. Free rules have none (B6: the
 * standard time is only valid for fixed and by-shift rules). Next-day times (off_work_sec > 86400) land on
 * the next calendar day, which is how WeCom reports cross-midnight shifts.
 */
export function scheduledPoints(state: WecomEmulatorState, userid: string, day: number): ScheduledPoint[] {
  const rule = state.ruleOf(userid);
  if (!rule) return [];
  const grouptype = rule.group['grouptype'];
  let sections: JsonObject[] = [];
  let scheduleId = 0;
  let holder: JsonObject | undefined;
  if (grouptype === 1) {
    const { weekday } = chinaDate(day);
    holder = objects(rule.group['checkindate']).find((date) => numbers(date['workdays']).includes(weekday));
    sections = objects(holder?.['checkintime']);
  } else if (grouptype === 2) {
    const key = WecomEmulatorState.scheduleKey(rule.groupid, userid, yearMonthOf(day));
    scheduleId = state.schedules.get(key)?.get(chinaDate(day).day) ?? 0;
    holder = objects(rule.group['schedulelist']).find((schedule) => schedule['schedule_id'] === scheduleId);
    sections = scheduleId === 0 ? [] : objects(holder?.['time_section']);
  }
  const flexOn = holder?.['allow_flex'] === true ? num(holder['flex_on_duty_time']) : 0;
  const flexOff = holder?.['allow_flex'] === true ? num(holder['flex_off_duty_time']) : 0;
  return sections.flatMap((section) => {
    const common = { rule, schedule_id: scheduleId, timeline_id: num(section['time_id']) };
    const points: ScheduledPoint[] = [];
    if (section['no_need_checkon'] !== true) {
      points.push({ ...common, kind: 'on', time: day + num(section['work_sec']), flex: flexOn });
    }
    if (section['no_need_checkoff'] !== true) {
      points.push({ ...common, kind: 'off', time: day + num(section['off_work_sec']), flex: flexOff });
    }
    return points;
  });
}

export interface PunchInput {
  readonly userid: string;
  readonly checkin_time: number;
  readonly location_title?: string;
  readonly location_detail?: string;
  readonly wifiname?: string;
  readonly wifimac?: string;
  readonly notes?: string;
  readonly mediaids?: readonly string[];
  readonly lat?: number;
  readonly lng?: number;
  readonly deviceid?: string;
}

/**
 * A written punch "after matching the user's rule" (add_checkin_record, B7): the nearest standard time of
 * the punch's day or the day before (a night shift's clock-out) decides on/off duty, sch_checkin_time and
 * timeline_id; clocking in late, or out early, by a whole minute beyond the flex tolerance is 时间异常.
 * READING (UNCONFIRMED, WeCom documents no matching): a user without a rule, or on a free rule, gets
 * 上班打卡 before 12:00 and 下班打卡 after, with sch_checkin_time 0.
 */
export function matchPunch(state: WecomEmulatorState, input: PunchInput, base: Partial<StoredPunch> = {}): StoredPunch {
  const day = dayStart(input.checkin_time);
  const candidates = [
    ...scheduledPoints(state, input.userid, day - DAY_SECONDS),
    ...scheduledPoints(state, input.userid, day),
  ];
  const nearest = candidates.reduce<ScheduledPoint | undefined>(
    (best, point) =>
      best === undefined || Math.abs(point.time - input.checkin_time) < Math.abs(best.time - input.checkin_time)
        ? point
        : best,
    undefined,
  );
  const rule = nearest?.rule ?? state.ruleOf(input.userid);
  const late = nearest !== undefined && isLate(nearest, input.checkin_time);
  const early = nearest !== undefined && isEarly(nearest, input.checkin_time);
  const kind = nearest?.kind ?? (input.checkin_time - day < 12 * 3600 ? 'on' : 'off');
  return {
    userid: input.userid,
    groupname: typeof rule?.group['groupname'] === 'string' ? rule.group['groupname'] : '',
    checkin_type: kind === 'on' ? '上班打卡' : '下班打卡',
    exception_type: late || early ? '时间异常' : '',
    checkin_time: input.checkin_time,
    location_title: input.location_title ?? '',
    location_detail: input.location_detail ?? '',
    wifiname: input.wifiname ?? '',
    wifimac: input.wifimac ?? '',
    notes: input.notes ?? '',
    mediaids: input.mediaids ?? [],
    ...(input.lat !== undefined && { lat: input.lat }),
    ...(input.lng !== undefined && { lng: input.lng }),
    deviceid: input.deviceid ?? '',
    sch_checkin_time: nearest?.time ?? 0,
    groupid: rule?.groupid ?? 0,
    schedule_id: nearest?.schedule_id ?? 0,
    timeline_id: nearest?.timeline_id ?? 0,
    ...base,
  };
}

/** Late by at least a whole minute past the tolerance (attendance counts minutes, not seconds). */
export function isLate(point: ScheduledPoint, time: number): boolean {
  return point.kind === 'on' && time >= point.time + point.flex + 60;
}

export function isEarly(point: ScheduledPoint, time: number): boolean {
  return point.kind === 'off' && time <= point.time - point.flex - 60;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
