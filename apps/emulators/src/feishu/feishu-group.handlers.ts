import { checkDeptType, type EmployeeType, employeeTypeOf } from './feishu-directory.js';
import { generalError, paramInvalid, userNotFound } from './feishu-emulator.errors.js';
import { FieldCheck, type FieldKind, isObject, type JsonObject } from './feishu-field-check.util.js';
import { paginate } from './feishu-pagination.util.js';
import { ATTENDANCE, type FeishuCallContext, type FeishuRoute } from './feishu-route.js';
import { type FeishuTenant, type StoredGroup, stringArray } from './feishu-tenant.state.js';
import { dayIntToEpochDay, localEpochDay, localMidnight } from './feishu-time.util.js';

// Attendance groups: POST /groups (create or full overwrite), GET /groups/:id, GET /groups, POST
// /groups/search, DELETE /groups/:id, GET /groups/:id/list_user. Source: feishu-create-update-group.md and
// REFERENCE A4/A6.

/** Every documented field of the create body besides group_id, group_type and locations, with its type. */
const GROUP_FIELDS: Readonly<Record<string, FieldKind>> = {
  group_name: 'string',
  time_zone: 'string',
  bind_dept_ids: 'string[]',
  except_dept_ids: 'string[]',
  bind_user_ids: 'string[]',
  except_user_ids: 'string[]',
  group_leader_ids: 'string[]',
  sub_group_leader_ids: 'string[]',
  allow_out_punch: 'bool',
  out_punch_need_approval: 'bool',
  out_punch_need_post_approval: 'bool',
  out_punch_need_remark: 'bool',
  out_punch_need_photo: 'bool',
  out_punch_allowed_hide_addr: 'bool',
  out_punch_allowed_adjust_addr: 'bool',
  adjust_range: 'int',
  allow_pc_punch: 'bool',
  allow_remedy: 'bool',
  remedy_limit: 'bool',
  remedy_limit_count: 'int',
  remedy_date_limit: 'bool',
  remedy_date_num: 'int',
  allow_remedy_type_lack: 'bool',
  allow_remedy_type_late: 'bool',
  allow_remedy_type_early: 'bool',
  allow_remedy_type_normal: 'bool',
  show_cumulative_time: 'bool',
  show_over_time: 'bool',
  hide_staff_punch_time: 'bool',
  hide_clock_in_rule: 'bool',
  face_punch: 'bool',
  face_punch_cfg: 'int',
  face_live_need_action: 'bool',
  face_downgrade: 'bool',
  replace_basic_pic: 'bool',
  anti_cheat_punch_config: 'object',
  machines: 'object[]',
  gps_range: 'int',
  punch_day_shift_ids: 'string[]',
  free_punch_cfg: 'object',
  calendar_id: 'int',
  need_punch_special_days: 'object[]',
  no_need_punch_special_days: 'object[]',
  work_day_no_punch_as_lack: 'bool',
  effect_now: 'bool',
  remedy_period_type: 'int',
  remedy_period_custom_date: 'int',
  punch_type: 'int',
  rest_clockIn_need_approval: 'bool',
  clockIn_need_photo: 'bool',
  member_status_change: 'object',
  leave_need_punch: 'bool',
  leave_need_punch_cfg: 'object',
  go_out_need_punch: 'int',
  go_out_need_punch_cfg: 'object',
  travel_need_punch: 'int',
  travel_need_punch_cfg: 'object',
  need_punch_members: 'object[]',
  no_need_punch_members: 'object[]',
  save_auto_changes: 'bool',
  org_change_auto_adjust: 'bool',
  bind_default_dept_ids: 'string[]',
  bind_default_user_ids: 'string[]',
  overtime_clock_cfg: 'object',
  new_calendar_id: 'string',
  allow_apply_punch: 'bool',
  clock_in_abnormal_settings: 'object',
};

/** Required on create (feishu-create-update-group.md 必填 = 是). */
const REQUIRED_GROUP_FIELDS = ['group_name', 'time_zone', 'group_leader_ids', 'punch_day_shift_ids', 'calendar_id'];

/** Fields holding user ids of the call's employee_type (translated at the edge). */
const USER_ID_FIELDS = [
  'bind_user_ids',
  'except_user_ids',
  'group_leader_ids',
  'sub_group_leader_ids',
  'bind_default_user_ids',
] as const;
const DEPARTMENT_ID_FIELDS = ['bind_dept_ids', 'except_dept_ids', 'bind_default_dept_ids'] as const;

const LOCATION_FIELDS: Readonly<Record<string, FieldKind>> = {
  location_name: 'string',
  location_type: 'int',
  latitude: 'number',
  longitude: 'number',
  ssid: 'string',
  bssid: 'string',
  map_type: 'int',
  address: 'string',
  ip: 'string',
  feature: 'string',
  gps_range: 'int',
};

const FREE_PUNCH_FIELDS: Readonly<Record<string, FieldKind>> = {
  free_start_time: 'string',
  free_end_time: 'string',
  punch_day: 'int',
  work_day_no_punch_as_lack: 'bool',
  work_hours_demand: 'bool',
  work_hours: 'int',
  free_clock_setting: 'object',
};

export interface SaveGroupOptions {
  readonly employeeType: EmployeeType;
  readonly now: number;
}

/**
 * Validates and saves the `group` of a POST /groups body; returns the stored group. With group_id it is a
 * full overwrite of every field, except locations, which append (feishu-create-update-group.md "仅追加,不会
 * 覆盖之前的列表"). Our reading of "append": every location sent is added as a new location with a new id,
 * even one identical to an existing location — the doc promises no de-duplication, so a gateway that relies on
 * none works against the real thing; send only new locations (the client's groupForUpdate omits them).
 */
export function saveGroup(tenant: FeishuTenant, input: unknown, options: SaveGroupOptions): StoredGroup {
  if (!isObject(input)) throw paramInvalid('group is required', [{ field: 'group', description: 'is required' }]);
  const check = new FieldCheck();
  check.fields(input, 'group', GROUP_FIELDS, REQUIRED_GROUP_FIELDS);
  check.field(input, 'group_id', 'group', 'string');
  check.field(input, 'group_type', 'group', 'int', true);
  check.field(input, 'locations', 'group', 'object[]');
  check.throwIfAny();

  const groupId = input['group_id'] as string | undefined;
  const existing = groupId === undefined ? undefined : tenant.groups.get(groupId);
  if (groupId !== undefined && !existing) throw generalError('rule not exist');

  if ((input['group_name'] as string).trim() === '') check.fail('group.group_name', 'must not be empty');
  if (!isTimeZone(input['time_zone'] as string))
    check.fail('group.time_zone', 'must be an IANA time zone such as Asia/Shanghai');
  // Create enum 1 fixed / 2 排班 / 3 free; 0 is the READ value of fixed and is not accepted here (REFERENCE A6).
  check.oneOf(input, 'group_type', 'group', [1, 2, 3]);
  check.intRange(input, 'calendar_id', 'group', 0, 5);
  check.oneOf(input, 'face_punch_cfg', 'group', [1, 2]);
  check.oneOf(input, 'remedy_period_type', 'group', [1, 2]);
  check.intRange(input, 'remedy_period_custom_date', 'group', 0, 28);
  check.intRange(input, 'go_out_need_punch', 'group', 0, 2);
  check.intRange(input, 'travel_need_punch', 'group', 0, 2);
  check.intRange(input, 'punch_type', 'group', 0, 15);
  if ((input['group_leader_ids'] as string[]).length === 0) {
    check.fail('group.group_leader_ids', 'needs at least one leader (必选字段)');
  }
  if (typeof input['new_calendar_id'] === 'string' && !/^\d+$/.test(input['new_calendar_id'])) {
    check.fail('group.new_calendar_id', 'must be a holiday calendar id (digits)');
  }
  checkAntiCheat(input, check);
  checkWeek(tenant, input, check);
  checkFreePunch(input, check);
  checkSpecialDays(tenant, input, check);
  const locations = checkLocations(input, check);
  for (const [index, machine] of ((input['machines'] as JsonObject[] | undefined) ?? []).entries()) {
    check.fields(machine, `group.machines[${index}]`, { machine_sn: 'string', machine_name: 'string' }, [
      'machine_sn',
      'machine_name',
    ]);
  }
  for (const field of DEPARTMENT_ID_FIELDS) {
    for (const id of stringArray(input[field])) {
      if (!tenant.directory.hasDepartment(id))
        check.fail(`group.${field}`, `department ${id} does not exist (dept_type open_id)`);
    }
  }
  check.throwIfAny();

  const stored: JsonObject = {};
  for (const key of Object.keys(GROUP_FIELDS)) if (input[key] !== undefined) stored[key] = structuredClone(input[key]);
  const unknownUsers: string[] = [];
  for (const field of USER_ID_FIELDS) {
    if (stored[field] === undefined) continue;
    stored[field] = stringArray(stored[field]).map((id) => {
      const internal = tenant.directory.toInternal(id, options.employeeType);
      if (internal === undefined) unknownUsers.push(id);
      return internal ?? id;
    });
  }
  if (unknownUsers.length) throw userNotFound([...new Set(unknownUsers)]);

  const id = existing?.group.group_id ?? tenant.newId();
  resolveMemberConflicts(tenant, id, stored);

  const createType = input['group_type'] as 1 | 2 | 3;
  const effectTime = String(
    Math.floor((input['effect_now'] === true ? options.now : localMidnight(localEpochDay(options.now) + 1)) / 1000),
  );
  const previousLocations = (existing?.group['locations'] as JsonObject[] | undefined) ?? [];
  const group: StoredGroup['group'] = {
    group_id: id,
    ...stored,
    group_name: input['group_name'] as string,
    group_type: createType === 1 ? 0 : createType,
    locations: [...previousLocations, ...locations.map((location) => ({ location_id: tenant.newId(), ...location }))],
    effect_time: effectTime,
    fixshift_effect_time: effectTime,
    member_effect_time: effectTime,
  };
  const saved: StoredGroup = { group, modifiedAt: options.now };
  tenant.groups.set(id, saved);
  return saved;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

function checkAntiCheat(input: JsonObject, check: FieldCheck): void {
  const config = input['anti_cheat_punch_config'];
  if (!isObject(config)) return;
  const path = 'group.anti_cheat_punch_config';
  check.fields(
    config,
    path,
    {
      intercept_suspected_cheat_punch: 'bool',
      check_cheat_software_punch: 'bool',
      check_buddy_punch: 'bool',
      check_simulate_wifi_punch: 'bool',
      check_change_device_punch: 'bool',
      allow_change_device_num: 'int',
      suspected_cheat_handle_method: 'int',
    },
    ['intercept_suspected_cheat_punch'],
  );
  check.intRange(config, 'allow_change_device_num', path, 1, 3);
  check.intRange(config, 'suspected_cheat_handle_method', path, 1, 2);
}

/**
 * punch_day_shift_ids: "当考勤类型为固定班制时,必须填够 7 个(从周一至周日) … 排班制或自由班制时,请传入空数组 …
 * 休息日填0" (feishu-create-update-group.md). Each id must be a shift that exists.
 */
function checkWeek(tenant: FeishuTenant, input: JsonObject, check: FieldCheck): void {
  const ids = stringArray(input['punch_day_shift_ids']);
  if (input['group_type'] === 1) {
    if (ids.length !== 7) {
      check.fail(
        'group.punch_day_shift_ids',
        `a fixed group needs exactly 7 shift ids Monday→Sunday ("0" = rest), got ${ids.length}`,
      );
    }
    ids.forEach((id, index) => {
      if (id !== '0' && !tenant.shifts.has(id)) {
        check.fail(`group.punch_day_shift_ids[${index}]`, `shift ${JSON.stringify(id)} does not exist`);
      }
    });
  } else if (ids.length > 0) {
    check.fail('group.punch_day_shift_ids', '排班 and free groups take an empty array');
  }
}

function checkFreePunch(input: JsonObject, check: FieldCheck): void {
  const config = input['free_punch_cfg'];
  if (!isObject(config)) {
    if (input['group_type'] === 3) check.fail('group.free_punch_cfg', 'is required for a free group (group_type 3)');
    return;
  }
  const path = 'group.free_punch_cfg';
  check.fields(config, path, FREE_PUNCH_FIELDS, ['free_start_time', 'free_end_time', 'punch_day']);
  // "格式为x点x分,注意这里小时如果小于10点,是不需要补零的": H:mm; the start lies within the day.
  const start = check.clock(config, 'free_start_time', path, false);
  const end = check.clock(config, 'free_end_time', path, true);
  if (start !== null && end !== null && end <= start)
    check.fail(`${path}.free_end_time`, 'must be after free_start_time');
  const punchDay = config['punch_day'];
  if (typeof punchDay === 'number' && !(punchDay >= 0 && /^[01]{1,7}$/.test(String(punchDay)))) {
    check.fail(`${path}.punch_day`, 'must be 7 digits of 0/1, Monday→Sunday (e.g. 1111100)');
  }
  check.intRange(config, 'work_hours', path, 0, 1440);
}

function checkSpecialDays(tenant: FeishuTenant, input: JsonObject, check: FieldCheck): void {
  for (const field of ['need_punch_special_days', 'no_need_punch_special_days']) {
    ((input[field] as JsonObject[] | undefined) ?? []).forEach((day, index) => {
      const path = `group.${field}[${index}]`;
      if (!check.field(day, 'punch_day', path, 'int', true) || dayIntToEpochDay(day['punch_day'] as number) === null) {
        if (typeof day['punch_day'] === 'number') check.fail(`${path}.punch_day`, 'must be a date yyyyMMdd');
      }
      if (check.field(day, 'shift_id', path, 'string', true)) {
        const shiftId = day['shift_id'] as string;
        if (shiftId !== '0' && !tenant.shifts.has(shiftId))
          check.fail(`${path}.shift_id`, `shift ${shiftId} does not exist`);
      }
    });
  }
}

function checkLocations(input: JsonObject, check: FieldCheck): JsonObject[] {
  const locations = (input['locations'] as JsonObject[] | undefined) ?? [];
  return locations.map((location, index) => {
    const path = `group.locations[${index}]`;
    check.fields(location, path, LOCATION_FIELDS, ['location_name', 'location_type']);
    // 1 GPS, 2 Wi-Fi, 8 IP; map_type 1 高德, 2 Google.
    check.oneOf(location, 'location_type', path, [1, 2, 8]);
    check.oneOf(location, 'map_type', path, [1, 2]);
    const latitude = location['latitude'];
    const longitude = location['longitude'];
    if (typeof latitude === 'number' && Math.abs(latitude) > 90)
      check.fail(`${path}.latitude`, 'must be within -90..90');
    if (typeof longitude === 'number' && Math.abs(longitude) > 180)
      check.fail(`${path}.longitude`, 'must be within -180..180');
    const stored: JsonObject = {};
    for (const key of Object.keys(LOCATION_FIELDS)) if (location[key] !== undefined) stored[key] = location[key];
    return stored;
  });
}

/**
 * save_auto_changes: "如果 true,则冲突人员将被自动拉入到当前设置的考勤组中,并从原考勤组中移除;如果 false,则需手动
 * 调整冲突人员" (feishu-create-update-group.md). A conflict here is a user bound by bind_user_ids to another
 * group. The code for the refusal is not documented; we answer 1220001 naming the users and the group.
 */
function resolveMemberConflicts(tenant: FeishuTenant, groupId: string, stored: JsonObject): void {
  const users = new Set(stringArray(stored['bind_user_ids']));
  if (users.size === 0) return;
  for (const other of tenant.groups.values()) {
    if (other.group.group_id === groupId) continue;
    const bound = stringArray(other.group['bind_user_ids']);
    const clash = bound.filter((id) => users.has(id));
    if (clash.length === 0) continue;
    if (stored['save_auto_changes'] !== true) {
      throw paramInvalid(
        `users ${clash.join(',')} already belong to attendance group ${other.group.group_id}; set save_auto_changes to move them`,
        [{ field: 'group.bind_user_ids', description: 'conflicts with another group' }],
      );
    }
    other.group['bind_user_ids'] = bound.filter((id) => !users.has(id));
  }
}

/** The group as the API shows it, user ids of the call's type. */
export function renderGroup(tenant: FeishuTenant, stored: StoredGroup, type: EmployeeType): JsonObject {
  const out = structuredClone(stored.group) as JsonObject;
  for (const field of USER_ID_FIELDS) {
    if (Array.isArray(out[field]))
      out[field] = stringArray(out[field]).map((id) => tenant.directory.toExternal(id, type));
  }
  return out;
}

function groupOrFail(tenant: FeishuTenant, groupId: string | undefined): StoredGroup {
  const group = groupId === undefined ? undefined : tenant.groups.get(groupId);
  // feishu-attendance-guide-and-errors.md: "rule not exist 考勤组信息不存在 请检查 group_id 是否正确".
  if (!group) throw generalError('rule not exist');
  return group;
}

function operatorCheck(tenant: FeishuTenant, body: JsonObject, type: EmployeeType): void {
  const operator = body['operator_id'];
  if (operator === undefined) return;
  if (typeof operator !== 'string' || tenant.directory.toInternal(operator, type) === undefined) {
    throw userNotFound([typeof operator === 'string' ? operator : JSON.stringify(operator)]);
  }
}

export const GROUP_ROUTES: readonly FeishuRoute[] = [
  {
    method: 'POST',
    path: `${ATTENDANCE}/groups`,
    handle: ({ tenant, query, body, now }: FeishuCallContext) => {
      const type = employeeTypeOf(query['employee_type'], true);
      checkDeptType(query['dept_type']);
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      operatorCheck(tenant, body, type);
      const saved = saveGroup(tenant, body['group'], { employeeType: type, now });
      // The create/update answer is wrapped in data.group (REFERENCE A4; PART D item 1).
      return { data: { group: renderGroup(tenant, saved, type) } };
    },
  },
  {
    method: 'GET',
    path: `${ATTENDANCE}/groups`,
    handle: ({ tenant, query }) => {
      const page = paginate([...tenant.groups.values()], 'groups', query);
      return {
        data: {
          group_list: page.items.map((g) => ({ group_id: g.group.group_id, group_name: g.group.group_name })),
          has_more: page.has_more,
          ...(page.page_token ? { page_token: page.page_token } : {}),
        },
      };
    },
  },
  {
    method: 'POST',
    path: `${ATTENDANCE}/groups/search`,
    handle: ({ tenant, body }) => {
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const check = new FieldCheck();
      check.fields(body, 'body', { group_name: 'string', exactly_matched: 'bool' }, ['group_name']);
      check.throwIfAny();
      const name = body['group_name'] as string;
      const exact = body['exactly_matched'] === true;
      // At most 10, most recently modified first (group/search doc page, REFERENCE A4). The ~2 s index lag
      // of the real search is not emulated.
      const found = [...tenant.groups.values()]
        .filter((g) => (exact ? g.group.group_name === name : g.group.group_name.includes(name)))
        .sort((a, b) => b.modifiedAt - a.modifiedAt)
        .slice(0, 10);
      return {
        data: { group_list: found.map((g) => ({ group_id: g.group.group_id, group_name: g.group.group_name })) },
      };
    },
  },
  {
    method: 'GET',
    path: `${ATTENDANCE}/groups/:group_id`,
    handle: ({ tenant, params, query }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      checkDeptType(query['dept_type']);
      // GET answers the group flat in data, not wrapped (REFERENCE A4).
      return { data: renderGroup(tenant, groupOrFail(tenant, params['group_id']), type) };
    },
  },
  {
    method: 'DELETE',
    path: `${ATTENDANCE}/groups/:group_id`,
    handle: ({ tenant, params }) => {
      const group = groupOrFail(tenant, params['group_id']);
      tenant.groups.delete(group.group.group_id);
      for (const [key, entry] of tenant.dailyShifts)
        if (entry.group_id === group.group.group_id) tenant.dailyShifts.delete(key);
      return { data: {} };
    },
  },
  {
    method: 'GET',
    path: `${ATTENDANCE}/groups/:group_id/list_user`,
    handle: ({ tenant, params, query }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      checkDeptType(query['dept_type']);
      // member_clock_type is required: 0 all, 1 must punch, 2 no punch (REFERENCE A4).
      const clockType = query['member_clock_type'];
      if (clockType !== '0' && clockType !== '1' && clockType !== '2') {
        throw paramInvalid('member_clock_type is required: 0, 1 or 2', [
          { field: 'member_clock_type', description: 'is required: 0 all / 1 must punch / 2 no punch' },
        ]);
      }
      const group = groupOrFail(tenant, params['group_id']);
      const punch = clockType === '2' ? [] : tenant.punchMembers(group);
      const noPunch = clockType === '1' ? [] : tenant.noPunchMembers(group);
      const members = [...new Set([...punch, ...noPunch])];
      const page = paginate(members, `list_user:${group.group.group_id}:${clockType}`, query);
      return {
        data: {
          users: page.items.map((id) => ({
            user_id: tenant.directory.toExternal(id, type),
            department_ids: [tenant.directory.user(id)?.departmentId].filter(Boolean),
          })),
          has_more: page.has_more,
          ...(page.page_token ? { page_token: page.page_token } : {}),
        },
      };
    },
  },
];
