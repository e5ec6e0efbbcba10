import { employeeTypeOf } from './feishu-directory.js';
import { generalError, paramInvalid } from './feishu-emulator.errors.js';
import { FieldCheck, type FieldKind, isObject, type JsonObject } from './feishu-field-check.util.js';
import { paginate } from './feishu-pagination.util.js';
import { ATTENDANCE, type FeishuRoute } from './feishu-route.js';
import { type FeishuTenant, type StoredShift, stringArray } from './feishu-tenant.state.js';

// Shifts: POST /shifts, GET /shifts/:id, GET /shifts, POST /shifts/query, DELETE /shifts/:id. Sources:
// feishu-get-shift.md (read shape, the no_need flip), REFERENCE A4/A5 and [FNS] PostAttendanceV1ShiftsBodyDto.

const SHIFT_FIELDS: Readonly<Record<string, FieldKind>> = {
  shift_name: 'string',
  punch_times: 'int',
  sub_shift_leader_ids: 'string[]',
  is_flexible: 'bool',
  flexible_minutes: 'int',
  flexible_rule: 'object[]',
  no_need_off: 'bool',
  punch_time_rule: 'object[]',
  late_off_late_on_rule: 'object[]',
  rest_time_rule: 'object[]',
  overtime_rule: 'object[]',
  day_type: 'int',
  overtime_rest_time_rule: 'object[]',
  late_minutes_as_serious_late: 'int',
  shift_middle_time_rule: 'object',
  shift_attendance_time_config: 'object',
  late_off_late_on_setting: 'object',
  id: 'string',
  rest_time_flexible_configs: 'object[]',
};

/** Required segment fields per [FNS] (必填：是). */
const SEGMENT_FIELDS: Readonly<Record<string, FieldKind>> = {
  on_time: 'string',
  off_time: 'string',
  late_minutes_as_late: 'int',
  late_minutes_as_lack: 'int',
  on_advance_minutes: 'int',
  early_minutes_as_early: 'int',
  early_minutes_as_lack: 'int',
  off_delay_minutes: 'int',
  late_minutes_as_serious_late: 'int',
  no_need_on: 'bool',
  no_need_off: 'bool',
};
const REQUIRED_SEGMENT_FIELDS = [
  'on_time',
  'off_time',
  'late_minutes_as_late',
  'late_minutes_as_lack',
  'on_advance_minutes',
  'early_minutes_as_early',
  'early_minutes_as_lack',
  'off_delay_minutes',
];
const MINUTE_FIELDS = REQUIRED_SEGMENT_FIELDS.slice(2).concat('late_minutes_as_serious_late');

/**
 * Validates a POST /shifts body and saves the shift; returns it in its READ shape. With `id` of an existing
 * shift it is updated in place ([FNS] "班次id(更新班次时需要传递)"; UNCONFIRMED, REFERENCE A5).
 */
export function createShift(tenant: FeishuTenant, input: unknown): StoredShift {
  if (!isObject(input)) throw paramInvalid('body must be a shift object');
  const check = new FieldCheck();
  check.fields(input, 'shift', SHIFT_FIELDS, ['shift_name', 'punch_times', 'punch_time_rule']);
  check.throwIfAny();

  const name = input['shift_name'] as string;
  if (name.trim() === '') check.fail('shift.shift_name', 'must not be empty');
  if ((input['punch_times'] as number) < 1) check.fail('shift.punch_times', 'must be at least 1');
  check.oneOf(input, 'day_type', 'shift', [1, 2]);
  // feishu-get-shift.md day_type: "【是否弹性打卡 = true】时,不可设置为“休息日”".
  if (input['is_flexible'] === true && input['day_type'] === 2) {
    check.fail('shift.day_type', 'a flexible shift (is_flexible true) cannot be a rest day (2)');
  }
  checkSegments(input, check);
  const objects = (key: string) => (input[key] as JsonObject[] | undefined) ?? [];
  objects('flexible_rule').forEach((rule, index) =>
    check.fields(
      rule,
      `shift.flexible_rule[${index}]`,
      { flexible_early_minutes: 'int', flexible_late_minutes: 'int' },
      ['flexible_early_minutes', 'flexible_late_minutes'],
    ),
  );
  objects('late_off_late_on_rule').forEach((rule, index) =>
    check.fields(rule, `shift.late_off_late_on_rule[${index}]`, { late_off_minutes: 'int', late_on_minutes: 'int' }, [
      'late_off_minutes',
      'late_on_minutes',
    ]),
  );
  for (const key of ['rest_time_rule', 'overtime_rest_time_rule']) {
    objects(key).forEach((rule, index) => {
      const path = `shift.${key}[${index}]`;
      check.fields(rule, path, { rest_begin_time: 'string', rest_end_time: 'string' }, [
        'rest_begin_time',
        'rest_end_time',
      ]);
      const begin = check.clock(rule, 'rest_begin_time', path);
      const end = check.clock(rule, 'rest_end_time', path);
      if (begin !== null && end !== null && end <= begin)
        check.fail(`${path}.rest_end_time`, 'must be after rest_begin_time');
    });
  }
  objects('overtime_rule').forEach((rule, index) => {
    const path = `shift.overtime_rule[${index}]`;
    check.fields(rule, path, { on_overtime: 'string', off_overtime: 'string' }, ['on_overtime', 'off_overtime']);
    check.clock(rule, 'on_overtime', path);
    check.clock(rule, 'off_overtime', path);
  });
  objects('rest_time_flexible_configs').forEach((config, index) => {
    const path = `shift.rest_time_flexible_configs[${index}]`;
    check.fields(config, path, { need_flexible: 'bool', late_mins: 'int' });
    // rest_time_flexible_configs[].late_mins 0–1500 (REFERENCE A5).
    check.intRange(config, 'late_mins', path, 0, 1500);
  });
  check.throwIfAny();

  const updateId = input['id'] as string | undefined;
  if (updateId !== undefined && !tenant.shifts.has(updateId)) throw generalError('shift does not exist');
  // shift_name is unique across the tenant (REFERENCE A5); the guide's message for a unique-key clash is
  // "the object already exists" (feishu-attendance-guide-and-errors.md).
  for (const other of tenant.shifts.values()) {
    if (other.shift.shift_name === name && other.shift.shift_id !== updateId)
      throw generalError('the object already exists');
  }

  const id = updateId ?? tenant.newId();
  const shift: StoredShift['shift'] = {
    shift_id: id,
    shift_name: name,
    punch_times: input['punch_times'],
    is_flexible: input['is_flexible'] ?? false,
    ...pick(input, ['flexible_minutes', 'flexible_rule']),
    no_need_off: input['no_need_off'] ?? false,
    punch_time_rule: objects('punch_time_rule').map(readSegment),
    ...pick(input, ['late_off_late_on_rule', 'rest_time_rule', 'overtime_rule']),
    day_type: input['day_type'] ?? 1,
    ...pick(input, [
      'overtime_rest_time_rule',
      'late_minutes_as_serious_late',
      'shift_middle_time_rule',
      'shift_attendance_time_config',
      'late_off_late_on_setting',
      'sub_shift_leader_ids',
    ]),
    id,
    ...pick(input, ['rest_time_flexible_configs']),
  };
  const stored: StoredShift = { shift };
  tenant.shifts.set(id, stored);
  return stored;
}

/**
 * Segments: times "H:mm" with next-day values like "26:00" (feishu-get-shift.md); each ends after it starts
 * and starts no earlier than the previous one ended; on_advance_minutes ≤ 720, off_delay_minutes ≤ 960; the
 * first segment's no_need_on must be false (REFERENCE A5).
 */
function checkSegments(input: JsonObject, check: FieldCheck): void {
  const segments = input['punch_time_rule'] as JsonObject[];
  if (segments.length === 0) check.fail('shift.punch_time_rule', 'needs at least one segment');
  let previousOff = -1;
  segments.forEach((segment, index) => {
    const path = `shift.punch_time_rule[${index}]`;
    check.fields(segment, path, SEGMENT_FIELDS, REQUIRED_SEGMENT_FIELDS);
    for (const key of MINUTE_FIELDS) check.intRange(segment, key, path, 0, 24 * 60);
    check.intRange(segment, 'on_advance_minutes', path, 0, 720);
    check.intRange(segment, 'off_delay_minutes', path, 0, 960);
    const on = check.clock(segment, 'on_time', path);
    const off = check.clock(segment, 'off_time', path);
    if (on !== null && off !== null) {
      if (off <= on) check.fail(`${path}.off_time`, 'must be after on_time (the next day is written "26:00")');
      if (on < previousOff) check.fail(`${path}.on_time`, 'overlaps the previous segment');
      previousOff = off;
    }
  });
  if (segments[0]?.['no_need_on'] === true) {
    check.fail('shift.punch_time_rule[0].no_need_on', 'the first segment must require the on-duty punch (false)');
  }
}

/**
 * A segment as read. The flags flip: on create `no_need_on: true` means no punch needed; on read `true`
 * means the punch IS needed (feishu-get-shift.md: "注意和接口创建时的区别"). The create response is the
 * same Shift object as GET, so it is shown in the read meaning too (our reading; the docs do not say).
 */
function readSegment(segment: JsonObject): JsonObject {
  return {
    on_time: segment['on_time'],
    off_time: segment['off_time'],
    late_minutes_as_late: segment['late_minutes_as_late'],
    late_minutes_as_lack: segment['late_minutes_as_lack'],
    on_advance_minutes: segment['on_advance_minutes'],
    early_minutes_as_early: segment['early_minutes_as_early'],
    early_minutes_as_lack: segment['early_minutes_as_lack'],
    off_delay_minutes: segment['off_delay_minutes'],
    late_minutes_as_serious_late: segment['late_minutes_as_serious_late'] ?? 0,
    no_need_on: segment['no_need_on'] !== true,
    no_need_off: segment['no_need_off'] !== true,
  };
}

function pick(input: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (input[key] !== undefined) out[key] = structuredClone(input[key]);
  return out;
}

function shiftOrFail(tenant: FeishuTenant, shiftId: string | undefined): StoredShift {
  const shift = shiftId === undefined ? undefined : tenant.shifts.get(shiftId);
  // "shift does not exist 班次信息不存在" (feishu-attendance-guide-and-errors.md).
  if (!shift) throw generalError('shift does not exist');
  return shift;
}

/** Whether any group or roster still uses the shift ("班次还在被其他考勤规则关联使用"). */
function shiftInUse(tenant: FeishuTenant, shiftId: string): boolean {
  for (const { group } of tenant.groups.values()) {
    if (stringArray(group['punch_day_shift_ids']).includes(shiftId)) return true;
    for (const field of ['need_punch_special_days', 'no_need_punch_special_days']) {
      const days = Array.isArray(group[field]) ? (group[field] as JsonObject[]) : [];
      if (days.some((day) => day['shift_id'] === shiftId)) return true;
    }
  }
  for (const entry of tenant.dailyShifts.values()) if (entry.shift_id === shiftId) return true;
  return false;
}

export const SHIFT_ROUTES: readonly FeishuRoute[] = [
  {
    method: 'POST',
    path: `${ATTENDANCE}/shifts`,
    handle: ({ tenant, query, body }) => {
      // employee_type is optional here (REFERENCE A4 "employee_type?"), but must be valid when given.
      employeeTypeOf(query['employee_type'], false);
      // The create answer is wrapped in data.shift (REFERENCE A4; PART D item 1).
      return { data: { shift: structuredClone(createShift(tenant, body).shift) } };
    },
  },
  {
    method: 'GET',
    path: `${ATTENDANCE}/shifts`,
    handle: ({ tenant, query }) => {
      const page = paginate([...tenant.shifts.values()], 'shifts', query);
      return {
        data: {
          shift_list: page.items.map((s) => structuredClone(s.shift)),
          has_more: page.has_more,
          ...(page.page_token ? { page_token: page.page_token } : {}),
        },
      };
    },
  },
  {
    method: 'POST',
    path: `${ATTENDANCE}/shifts/query`,
    handle: ({ tenant, query, behaviour }) => {
      // shift_name is a QUERY parameter although the method is POST (REFERENCE A4); the answer is flat.
      const name = query['shift_name'];
      if (!name) {
        throw paramInvalid('shift_name is required (query parameter)', [
          { field: 'shift_name', description: 'is required' },
        ]);
      }
      // The doc page says only "通过班次的名称查询班次信息", while node-sdk (shift.query) describes this API as
      // the console's 班次配置 "搜索班次名称功能", a search box: whether a partial name matches is open, so
      // 'contains' answers the first shift in list order whose name contains the asked one.
      const matches = (shiftName: string) =>
        behaviour.shiftQueryMatch === 'contains' ? shiftName.includes(name) : shiftName === name;
      const found = [...tenant.shifts.values()].find((s) => matches(s.shift.shift_name));
      if (!found) throw generalError('shift does not exist');
      return { data: structuredClone(found.shift) };
    },
  },
  {
    method: 'GET',
    path: `${ATTENDANCE}/shifts/:shift_id`,
    // Flat data (feishu-get-shift.md).
    handle: ({ tenant, params }) => ({ data: structuredClone(shiftOrFail(tenant, params['shift_id']).shift) }),
  },
  {
    method: 'DELETE',
    path: `${ATTENDANCE}/shifts/:shift_id`,
    handle: ({ tenant, params }) => {
      const shift = shiftOrFail(tenant, params['shift_id']);
      if (shiftInUse(tenant, shift.shift.shift_id)) throw generalError('shift can not be del');
      tenant.shifts.delete(shift.shift.shift_id);
      return { data: {} };
    },
  },
];
