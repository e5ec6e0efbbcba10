import { type EmployeeType, employeeTypeOf } from './feishu-directory.js';
import { paramInvalid, userNotFound } from './feishu-emulator.errors.js';
import { clockMinutes, FieldCheck, isObject, type JsonObject } from './feishu-field-check.util.js';
import { ATTENDANCE, type FeishuRoute } from './feishu-route.js';
import {
  dailyShiftKey,
  type FeishuTenant,
  type StoredFlow,
  type StoredGroup,
  type StoredShift,
  stringArray,
} from './feishu-tenant.state.js';
import { dayIntToEpochDay, epochDayToDayInt, localMidnight, mondayFirstWeekday } from './feishu-time.util.js';
import { MAX_USERS_PER_QUERY } from './feishu-user-query.util.js';
import { renderFlow } from './feishu-user-flow.handlers.js';

// Attendance results (打卡结果): POST /user_tasks/query (REFERENCE A4/A8; [FNS] PostAttendanceV1UserTasksQuery
// Body/ResponseDto; the shape of vendor-examples/feishu-user_tasks-query-response-FeishuNetSdk.json). Results
// are computed from the stored groups, shifts, rosters and flows. The docs name the shift fields
// (feishu-get-shift.md) but not how Feishu judges a punch against them, so the judgement here is our reading
// of those names, kept simple: one record per punch_time_rule segment, the first punch in the on-duty window
// and the last in the off-duty window.

/** "true"/"false" of a boolean query parameter; absent means false. */
function queryFlag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw paramInvalid(`${name} must be true or false, got ${JSON.stringify(value)}`, [
    { field: name, description: 'must be true or false' },
  ]);
}

function dayField(body: JsonObject, key: string, check: FieldCheck): number | null {
  const value = body[key];
  const epochDay = typeof value === 'number' ? dayIntToEpochDay(value) : null;
  if (epochDay === null) check.fail(`body.${key}`, 'is required: a date as the int yyyyMMdd');
  return epochDay;
}

/**
 * The shift a member of `group` works on a day, or null for a day without one (rest, no roster). Fixed
 * groups: the special days first, then punch_day_shift_ids Monday→Sunday ("0" = rest); 排班 groups: the
 * roster (shift_id "0" = rest). Free groups (自由班制) have no shift, hence no task here: the docs do not
 * say what Feishu reports for them.
 */
function shiftOfDay(tenant: FeishuTenant, group: StoredGroup, userId: string, epochDay: number): StoredShift | null {
  const dayInt = epochDayToDayInt(epochDay);
  let shiftId: string | undefined;
  if (group.group.group_type === 0) {
    const special = (field: string) =>
      (Array.isArray(group.group[field]) ? (group.group[field] as JsonObject[]) : []).find(
        (day) => day['punch_day'] === dayInt,
      );
    if (special('no_need_punch_special_days')) return null;
    shiftId =
      (special('need_punch_special_days')?.['shift_id'] as string | undefined) ??
      stringArray(group.group['punch_day_shift_ids'])[mondayFirstWeekday(epochDay)];
  } else if (group.group.group_type === 2) {
    shiftId = tenant.dailyShifts.get(dailyShiftKey(userId, Math.floor(dayInt / 100), dayInt % 100))?.shift_id;
  }
  if (shiftId === undefined || shiftId === '0') return null;
  return tenant.shifts.get(shiftId) ?? null;
}

interface Window {
  readonly from: number;
  readonly to: number;
}

function firstIn(flows: readonly StoredFlow[], window: Window): StoredFlow | undefined {
  return flows.find((f) => inWindow(f, window));
}

function lastIn(flows: readonly StoredFlow[], window: Window, except: StoredFlow | undefined): StoredFlow | undefined {
  return flows.findLast((f) => f !== except && inWindow(f, window));
}

function inWindow(flow: StoredFlow, window: Window): boolean {
  const at = Number(flow.flow.check_time) * 1000;
  return at >= window.from && at <= window.to;
}

const MINUTE = 60_000;

function minutesOf(segment: JsonObject, key: string): number {
  const value = segment[key];
  return typeof value === 'number' ? value : 0;
}

/**
 * One record of a day's task for one punch_time_rule segment (read shape: no_need_on/off true = the punch IS
 * needed, feishu-get-shift.md). On duty: the first punch from on_advance_minutes before on_time up to
 * late_minutes_as_lack after it; Normal within late_minutes_as_late, else Late; none → Lack once the window
 * has passed, Todo before. Off duty: the last punch from early_minutes_as_lack before off_time up to
 * off_delay_minutes after it; Early when more than early_minutes_as_early before off_time. A flexible shift
 * moves off_time with the arrival ("上班晚到几分钟,下班须晚走几分钟" / "上班早到几分钟,下班可早走几分钟",
 * flexible_rule or flexible_minutes).
 */
function taskRecord(
  tenant: FeishuTenant,
  shift: StoredShift['shift'],
  segment: JsonObject,
  dayStart: number,
  flows: readonly StoredFlow[],
  now: number,
  type: EmployeeType,
): JsonObject {
  const on = dayStart + (clockMinutes(segment['on_time']) ?? 0) * MINUTE;
  let off = dayStart + (clockMinutes(segment['off_time']) ?? 0) * MINUTE;
  const needOn = segment['no_need_on'] === true;
  const needOff = segment['no_need_off'] === true;

  const flexible = shift['is_flexible'] === true ? flexibleMinutes(shift) : { late: 0, early: 0 };
  const onLimit = on + (minutesOf(segment, 'late_minutes_as_lack') + flexible.late) * MINUTE;
  const checkIn = needOn
    ? firstIn(flows, { from: on - minutesOf(segment, 'on_advance_minutes') * MINUTE, to: onLimit })
    : undefined;
  let checkInResult: string;
  if (!needOn) checkInResult = 'NoNeedCheck';
  else if (!checkIn) checkInResult = now > onLimit ? 'Lack' : 'Todo';
  else {
    const lateBy = Number(checkIn.flow.check_time) * 1000 - on;
    checkInResult = lateBy <= (minutesOf(segment, 'late_minutes_as_late') + flexible.late) * MINUTE ? 'Normal' : 'Late';
    if (shift['is_flexible'] === true) {
      off += Math.max(-flexible.early * MINUTE, Math.min(flexible.late * MINUTE, lateBy));
    }
  }

  const offFrom = off - minutesOf(segment, 'early_minutes_as_lack') * MINUTE;
  const offLimit = off + minutesOf(segment, 'off_delay_minutes') * MINUTE;
  const checkOut = needOff ? lastIn(flows, { from: offFrom, to: offLimit }, checkIn) : undefined;
  let checkOutResult: string;
  if (!needOff) checkOutResult = 'NoNeedCheck';
  else if (!checkOut) checkOutResult = now > offLimit ? 'Lack' : 'Todo';
  else {
    const earlyBy = off - Number(checkOut.flow.check_time) * 1000;
    checkOutResult = earlyBy <= minutesOf(segment, 'early_minutes_as_early') * MINUTE ? 'Normal' : 'Early';
  }

  return {
    // FNS marks the record ids required; a missing punch is written as "" (our choice, undocumented).
    check_in_record_id: checkIn?.flow.record_id ?? '',
    ...(checkIn ? { check_in_record: renderFlow(tenant, checkIn, type) } : {}),
    check_out_record_id: checkOut?.flow.record_id ?? '',
    ...(checkOut ? { check_out_record: renderFlow(tenant, checkOut, type) } : {}),
    check_in_result: checkInResult,
    check_out_result: checkOutResult,
    check_in_result_supplement: 'None',
    check_out_result_supplement: 'None',
    // "上班打卡时间,秒级时间戳": the scheduled time here (REFERENCE A8 leaves scheduled vs actual open).
    check_in_shift_time: String(Math.floor(on / 1000)),
    check_out_shift_time: String(Math.floor(off / 1000)),
    // Overtime segments (task_shift_type 1) come only with overtime rules, a Feishu People feature not emulated.
    task_shift_type: 0,
  };
}

/** flexible_rule wins over flexible_minutes ("如果不设置flexible_rule则生效", feishu-get-shift.md). */
function flexibleMinutes(shift: StoredShift['shift']): { late: number; early: number } {
  const rule = Array.isArray(shift['flexible_rule']) ? (shift['flexible_rule'] as JsonObject[])[0] : undefined;
  if (rule) return { late: minutesOf(rule, 'flexible_late_minutes'), early: minutesOf(rule, 'flexible_early_minutes') };
  const minutes = typeof shift['flexible_minutes'] === 'number' ? shift['flexible_minutes'] : 0;
  return { late: minutes, early: minutes };
}

export const USER_TASK_ROUTES: readonly FeishuRoute[] = [
  {
    method: 'POST',
    path: `${ATTENDANCE}/user_tasks/query`,
    handle: ({ tenant, query, body, now }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      const ignoreInvalid = queryFlag(query['ignore_invalid_users'], 'ignore_invalid_users');
      // Departed users are not emulated, so include_terminated_user changes nothing; it is still checked.
      queryFlag(query['include_terminated_user'], 'include_terminated_user');
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const check = new FieldCheck();
      check.field(body, 'user_ids', 'body', 'string[]', true);
      check.field(body, 'need_overtime_result', 'body', 'bool');
      const from = dayField(body, 'check_date_from', check);
      const to = dayField(body, 'check_date_to', check);
      check.throwIfAny();
      const userIds = [...new Set(body['user_ids'] as string[])];
      // "employee_no 或 employee_id 列表 … 长度不超过 50" ([FNS] body DTO).
      if (userIds.length === 0 || userIds.length > MAX_USERS_PER_QUERY) {
        throw paramInvalid(`user_ids must hold 1-${MAX_USERS_PER_QUERY} ids, got ${userIds.length}`, [
          { field: 'body.user_ids', description: `1-${MAX_USERS_PER_QUERY} ids` },
        ]);
      }
      if (from === null || to === null || to < from)
        throw paramInvalid('check_date_to must not be before check_date_from');
      // The maximum span is UNCONFIRMED (REFERENCE A4), so none is imposed.

      const known: string[] = [];
      const invalid: string[] = [];
      for (const id of userIds) {
        const internal = tenant.directory.toInternal(id, type);
        if (internal === undefined) invalid.push(id);
        else known.push(internal);
      }
      // ignore_invalid_users false (the default) with any invalid user fails the whole call; true answers the
      // valid users and lists the others (REFERENCE A4, [FNS]).
      if (invalid.length && !ignoreInvalid) throw userNotFound(invalid);

      const results: JsonObject[] = [];
      for (const userId of known) {
        const group = tenant.groupOf(userId);
        if (!group) continue;
        const flows = [...tenant.flows.values()]
          .filter((f) => f.flow.user_id === userId)
          .sort((a, b) => Number(a.flow.check_time) - Number(b.flow.check_time));
        for (let epochDay = from; epochDay <= to; epochDay++) {
          const shift = shiftOfDay(tenant, group, userId, epochDay);
          if (!shift) continue;
          const day = epochDayToDayInt(epochDay);
          const taskKey = `${userId}|${day}`;
          let resultId = tenant.taskIds.get(taskKey);
          if (resultId === undefined) {
            resultId = tenant.newId();
            tenant.taskIds.set(taskKey, resultId);
          }
          const segments = (shift.shift['punch_time_rule'] as JsonObject[] | undefined) ?? [];
          results.push({
            result_id: resultId,
            user_id: tenant.directory.toExternal(userId, type),
            employee_name: tenant.directory.user(userId)?.name ?? '',
            day,
            group_id: group.group.group_id,
            shift_id: shift.shift.shift_id,
            records: segments.map((segment) =>
              taskRecord(tenant, shift.shift, segment, localMidnight(epochDay), flows, now, type),
            ),
          });
        }
      }
      // The data permission scope is not emulated: no user is ever unauthorized.
      return { data: { user_task_results: results, invalid_user_ids: invalid, unauthorized_user_ids: [] } };
    },
  },
];
