import { type EmployeeType, employeeTypeOf } from './feishu-directory.js';
import { generalError, paramInvalid, userNotFound } from './feishu-emulator.errors.js';
import { FieldCheck, isObject, type JsonObject } from './feishu-field-check.util.js';
import { ATTENDANCE, type FeishuRoute } from './feishu-route.js';
import { queriedUsers } from './feishu-user-query.util.js';
import { dailyShiftKey, type FeishuTenant, type StoredDailyShift } from './feishu-tenant.state.js';
import { dayIntToEpochDay, daysInMonth } from './feishu-time.util.js';

// Rosters (排班表): user_daily_shifts/query and /batch_create (REFERENCE A4, [FNS], [NS-ATT]).

const MAX_ENTRIES_PER_BATCH = 50;
/** "span ≤ 30 days" (REFERENCE A4), read strictly as at most 30 calendar days counted inclusively. */
const MAX_QUERY_DAYS = 30;

export interface DailyShiftWriteResult {
  readonly applied: StoredDailyShift[];
  /** employee_id → yyyyMMdd days that did not take effect. */
  readonly rejected: Map<string, string[]>;
}

/**
 * Upserts roster entries (user ids as `type`). Only a 排班 group can be arranged ("the rule cannot
 * arrange!", feishu-attendance-guide-and-errors.md); a person belongs to one group per day, so a day for a
 * user who is not in that group does not take effect and is reported in msg with code 0 (REFERENCE A4).
 */
export function writeDailyShifts(tenant: FeishuTenant, entries: unknown, type: EmployeeType): DailyShiftWriteResult {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw paramInvalid('user_daily_shifts is required and must not be empty', [
      { field: 'user_daily_shifts', description: 'is required' },
    ]);
  }
  if (entries.length > MAX_ENTRIES_PER_BATCH) {
    throw paramInvalid(`user_daily_shifts must hold at most ${MAX_ENTRIES_PER_BATCH} entries, got ${entries.length}`, [
      { field: 'user_daily_shifts', description: `at most ${MAX_ENTRIES_PER_BATCH}` },
    ]);
  }
  const check = new FieldCheck();
  entries.forEach((entry: unknown, index) => {
    const path = `user_daily_shifts[${index}]`;
    if (!isObject(entry)) return check.fail(path, 'must be an object');
    check.fields(
      entry,
      path,
      {
        group_id: 'string',
        shift_id: 'string',
        month: 'int',
        user_id: 'string',
        day_no: 'int',
        is_clear_schedule: 'bool',
      },
      ['group_id', 'shift_id', 'month', 'user_id', 'day_no'],
    );
    const month = entry['month'];
    const day = entry['day_no'];
    if (typeof month === 'number' && typeof day === 'number') {
      const m = month % 100;
      if (m < 1 || m > 12 || month < 190001) check.fail(`${path}.month`, 'must be yyyyMM');
      else if (day < 1 || day > daysInMonth(Math.floor(month / 100), m)) {
        check.fail(`${path}.day_no`, `must be a day of ${month}`);
      }
    }
  });
  check.throwIfAny();

  const valid = entries as JsonObject[];
  const unknownUsers = new Set<string>();
  for (const entry of valid) {
    const group = tenant.groups.get(entry['group_id'] as string);
    if (!group) throw generalError('rule not exist');
    if (group.group.group_type !== 2) throw generalError('the rule cannot arrange!');
    const shiftId = entry['shift_id'] as string;
    if (shiftId !== '0' && !tenant.shifts.has(shiftId)) throw generalError('shift does not exist');
    if (tenant.directory.toInternal(entry['user_id'] as string, type) === undefined)
      unknownUsers.add(entry['user_id'] as string);
  }
  if (unknownUsers.size) throw userNotFound([...unknownUsers]);

  const applied: StoredDailyShift[] = [];
  const rejected = new Map<string, string[]>();
  for (const entry of valid) {
    const userId = tenant.directory.toInternal(entry['user_id'] as string, type) ?? '';
    const groupId = entry['group_id'] as string;
    const month = entry['month'] as number;
    const dayNo = entry['day_no'] as number;
    if (tenant.groupOf(userId)?.group.group_id !== groupId) {
      const days = rejected.get(userId) ?? [];
      days.push(String(month * 100 + dayNo));
      rejected.set(userId, days);
      continue;
    }
    const key = dailyShiftKey(userId, month, dayNo);
    const stored: StoredDailyShift = {
      group_id: groupId,
      shift_id: entry['shift_id'] as string,
      month,
      user_id: userId,
      day_no: dayNo,
    };
    // is_clear_schedule overrides shift_id and clears the day (REFERENCE A4).
    if (entry['is_clear_schedule'] === true) tenant.dailyShifts.delete(key);
    else tenant.dailyShifts.set(key, stored);
    applied.push(
      entry['is_clear_schedule'] === true ? ({ ...stored, is_clear_schedule: true } as StoredDailyShift) : stored,
    );
  }
  return { applied, rejected };
}

function renderDailyShift(tenant: FeishuTenant, entry: StoredDailyShift, type: EmployeeType): JsonObject {
  return { ...entry, user_id: tenant.directory.toExternal(entry.user_id, type) };
}

function dayField(body: JsonObject, key: string, check: FieldCheck): number | null {
  const value = body[key];
  const epochDay = typeof value === 'number' ? dayIntToEpochDay(value) : null;
  if (epochDay === null) check.fail(`body.${key}`, 'is required: a date as the int yyyyMMdd');
  return epochDay;
}

export const USER_DAILY_SHIFT_ROUTES: readonly FeishuRoute[] = [
  {
    method: 'POST',
    path: `${ATTENDANCE}/user_daily_shifts/query`,
    handle: ({ tenant, query, body }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const check = new FieldCheck();
      check.field(body, 'user_ids', 'body', 'string[]', true);
      const from = dayField(body, 'check_date_from', check);
      const to = dayField(body, 'check_date_to', check);
      check.throwIfAny();
      const users = queriedUsers(tenant, body['user_ids'] as string[], type);
      if (from === null || to === null || to < from)
        throw paramInvalid('check_date_to must not be before check_date_from');
      if (to - from + 1 > MAX_QUERY_DAYS) {
        throw paramInvalid(`the date range spans ${to - from + 1} days; at most ${MAX_QUERY_DAYS}`, [
          { field: 'body.check_date_to', description: `at most ${MAX_QUERY_DAYS} days after check_date_from` },
        ]);
      }
      const fromDay = body['check_date_from'] as number;
      const toDay = body['check_date_to'] as number;
      const found = [...tenant.dailyShifts.values()]
        .filter((e) => users.has(e.user_id) && e.month * 100 + e.day_no >= fromDay && e.month * 100 + e.day_no <= toDay)
        .sort((a, b) => a.user_id.localeCompare(b.user_id) || a.month * 100 + a.day_no - (b.month * 100 + b.day_no));
      return { data: { user_daily_shifts: found.map((entry) => renderDailyShift(tenant, entry, type)) } };
    },
  },
  {
    method: 'POST',
    path: `${ATTENDANCE}/user_daily_shifts/batch_create`,
    handle: ({ tenant, query, body }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const operator = body['operator_id'];
      if (
        operator !== undefined &&
        (typeof operator !== 'string' || tenant.directory.toInternal(operator, type) === undefined)
      ) {
        throw userNotFound([typeof operator === 'string' ? operator : JSON.stringify(operator)]);
      }
      const result = writeDailyShifts(tenant, body['user_daily_shifts'], type);
      const rejected: Record<string, string[]> = {};
      for (const [userId, days] of result.rejected) rejected[tenant.directory.toExternal(userId, type)] = days;
      // Partial failure is code 0 with msg {人员:[日期,日期]} ([NS-ATT] doc comment); we write it as JSON
      // with yyyyMMdd days (the exact spelling is undocumented).
      return {
        data: { user_daily_shifts: result.applied.map((entry) => renderDailyShift(tenant, entry, type)) },
        ...(result.rejected.size ? { msg: JSON.stringify(rejected) } : {}),
      };
    },
  },
];
