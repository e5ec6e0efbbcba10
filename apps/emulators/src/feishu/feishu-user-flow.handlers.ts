import { type EmployeeType, employeeTypeOf } from './feishu-directory.js';
import { generalError, paramInvalid, userNotFound } from './feishu-emulator.errors.js';
import { FieldCheck, type FieldKind, isObject, type JsonObject } from './feishu-field-check.util.js';
import { ATTENDANCE, type FeishuRoute } from './feishu-route.js';
import { queriedUsers } from './feishu-user-query.util.js';
import type { FeishuTenant, StoredFlow } from './feishu-tenant.state.js';

// Punch records: batch_create, query, batch_del, get (REFERENCE A4/A7, [FNS], feishu-attendance-guide-and-
// errors.md). feishu-user-flows.md's names (user_flows, punch_time, user_flow_ids) are wrong (REFERENCE A4).

/** "operate too much flow … 需要小于等于50条流水" (feishu-attendance-guide-and-errors.md). */
const MAX_FLOWS_PER_BATCH = 50;
/** batch_del takes ≤ 10 ids ([FNS], REFERENCE A4). */
const MAX_IDS_PER_DELETE = 10;
/** "import only accepts check_time after 2022-01-01" ([FNS]); read as 2022-01-01 00:00 Asia/Shanghai. */
export const MIN_IMPORT_CHECK_TIME = 1_640_966_400;

const FLOW_FIELDS: Readonly<Record<string, FieldKind>> = {
  user_id: 'string',
  creator_id: 'string',
  location_name: 'string',
  check_time: 'string',
  comment: 'string',
  record_id: 'string',
  longitude: 'number',
  latitude: 'number',
  ssid: 'string',
  bssid: 'string',
  is_field: 'bool',
  is_wifi: 'bool',
  type: 'int',
  photo_urls: 'string[]',
  device_id: 'string',
  check_result: 'string',
  external_id: 'string',
  idempotent_id: 'string',
};
/**
 * check_result values of flows that user_flows/query leaves out: it "returns valid flows only; invalid or
 * pending flows are not returned" (REFERENCE A4); "PendingApproval 待生效" is the output value of a pending
 * flow ([FS-MIRROR] user_flow/get, REFERENCE A7). Imports never set check_result; FeishuEmulator.editFlow does,
 * as Feishu's own judgement would.
 */
const HIDDEN_FROM_QUERY: ReadonlySet<string> = new Set(['Invalid', 'PendingApproval']);
const REQUIRED_FLOW_FIELDS = ['user_id', 'creator_id', 'location_name', 'check_time', 'comment'];

/** Fields kept from an import. record_id, device_id, check_result and photo_urls are ignored there ([FNS]). */
const KEPT_FLOW_FIELDS = ['longitude', 'latitude', 'ssid', 'bssid', 'external_id', 'idempotent_id'] as const;

/**
 * Imports flow records (user ids as `type`), all or none. idempotent_id is the record's "唯一幂等键" ([FNS],
 * REFERENCE A7), and feishu-attendance-guide-and-errors.md gives the answer to a repeated one: msg "the object
 * already exists" — "数据已存在 | 唯一键冲突，请检查业务幂等id是否重复" (a unique-key clash: check whether the
 * business idempotent id repeats) — under the general code 1220600 of the error tables (feishu-get-shift.md,
 * feishu-create-update-group.md). No doc says a repeat is ever accepted silently, so a record whose
 * idempotent_id the tenant holds, or that repeats one earlier in the same call, refuses the call. Whether
 * Feishu keeps the batch's other records then is not documented; here none of them is created, so a client
 * has to find out which records Feishu holds (user_flows/query) instead of assuming either way.
 */
export function importFlows(
  tenant: FeishuTenant,
  records: unknown,
  type: EmployeeType,
  options: { readonly imported: boolean } = { imported: true },
): StoredFlow[] {
  if (!Array.isArray(records) || records.length === 0) {
    throw paramInvalid('flow_records is required and must not be empty', [
      { field: 'flow_records', description: 'is required' },
    ]);
  }
  if (records.length > MAX_FLOWS_PER_BATCH) throw generalError('operate too much flow');
  const check = new FieldCheck();
  const unknownUsers = new Set<string>();
  const resolved: { record: JsonObject; userId: string; creatorId: string }[] = [];
  records.forEach((record: unknown, index) => {
    const path = `flow_records[${index}]`;
    if (!isObject(record)) {
      check.fail(path, 'must be an object');
      return;
    }
    check.fields(record, path, FLOW_FIELDS, REQUIRED_FLOW_FIELDS);
    const checkTime = record['check_time'];
    if (typeof checkTime === 'string') {
      if (!/^\d{1,12}$/.test(checkTime)) check.fail(`${path}.check_time`, 'must be Unix seconds as a string');
      else if (options.imported && Number(checkTime) < MIN_IMPORT_CHECK_TIME) {
        check.fail(`${path}.check_time`, 'must be after 2022-01-01: earlier punches cannot be imported');
      }
    }
    check.intRange(record, 'type', path, 0, 7);
    const ids = ['user_id', 'creator_id'].map((key) => {
      const id = record[key];
      if (typeof id !== 'string') return '';
      const internal = tenant.directory.toInternal(id, type);
      if (internal === undefined) unknownUsers.add(id);
      return internal ?? '';
    });
    resolved.push({ record, userId: ids[0] ?? '', creatorId: ids[1] ?? '' });
  });
  check.throwIfAny();
  if (unknownUsers.size) throw userNotFound([...unknownUsers]);
  const keys = new Set<string>();
  for (const { record } of resolved) {
    const idempotentId = record['idempotent_id'];
    if (typeof idempotentId !== 'string' || idempotentId === '') continue;
    if (keys.has(idempotentId) || tenant.flowsByIdempotentId.has(idempotentId))
      throw generalError('the object already exists');
    keys.add(idempotentId);
  }

  return resolved.map(({ record, userId, creatorId }) => {
    const idempotentId = record['idempotent_id'];
    const recordId = tenant.newId();
    const flow: StoredFlow['flow'] = {
      user_id: userId,
      creator_id: creatorId,
      location_name: record['location_name'],
      check_time: record['check_time'] as string,
      comment: record['comment'],
      record_id: recordId,
      is_field: record['is_field'] ?? false,
      is_wifi: record['is_wifi'] ?? false,
      // "在开放平台调用时,此参数无效,内部值始终是7" ([FNS] query/get DTOs): imports are type 7.
      type: options.imported ? 7 : (record['type'] ?? 0),
    };
    for (const key of KEPT_FLOW_FIELDS) if (record[key] !== undefined) (flow as JsonObject)[key] = record[key];
    const stored: StoredFlow = { flow, imported: options.imported };
    tenant.flows.set(recordId, stored);
    if (typeof idempotentId === 'string' && idempotentId !== '') tenant.flowsByIdempotentId.set(idempotentId, recordId);
    return stored;
  });
}

export function renderFlow(tenant: FeishuTenant, stored: StoredFlow, type: EmployeeType): JsonObject {
  const flow = structuredClone(stored.flow) as JsonObject;
  flow['user_id'] = tenant.directory.toExternal(stored.flow.user_id, type);
  flow['creator_id'] = tenant.directory.toExternal(String(stored.flow['creator_id']), type);
  return flow;
}

function secondsString(body: JsonObject, key: string, check: FieldCheck): number | null {
  const value = body[key];
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) {
    check.fail(`body.${key}`, 'is required: Unix seconds as a string');
    return null;
  }
  return Number(value);
}

export const USER_FLOW_ROUTES: readonly FeishuRoute[] = [
  {
    method: 'POST',
    path: `${ATTENDANCE}/user_flows/batch_create`,
    handle: ({ tenant, query, body }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const saved = importFlows(tenant, body['flow_records'], type);
      return { data: { flow_records: saved.map((flow) => renderFlow(tenant, flow, type)) } };
    },
  },
  {
    method: 'POST',
    path: `${ATTENDANCE}/user_flows/query`,
    handle: ({ tenant, query, body }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const check = new FieldCheck();
      check.field(body, 'user_ids', 'body', 'string[]', true);
      const from = secondsString(body, 'check_time_from', check);
      const to = secondsString(body, 'check_time_to', check);
      check.throwIfAny();
      const users = queriedUsers(tenant, body['user_ids'] as string[], type);
      if (from === null || to === null || to < from)
        throw paramInvalid('check_time_to must not be before check_time_from');
      // Window [from, to); "returns valid flows only; invalid or pending flows are not returned" (REFERENCE A4).
      const flows = [...tenant.flows.values()]
        .filter(
          (f) =>
            users.has(f.flow.user_id) &&
            Number(f.flow.check_time) >= from &&
            Number(f.flow.check_time) < to &&
            !HIDDEN_FROM_QUERY.has(String(f.flow['check_result'])),
        )
        .sort((a, b) => Number(a.flow.check_time) - Number(b.flow.check_time));
      return { data: { user_flow_results: flows.map((flow) => renderFlow(tenant, flow, type)) } };
    },
  },
  {
    method: 'POST',
    path: `${ATTENDANCE}/user_flows/batch_del`,
    handle: ({ tenant, body }) => {
      if (!isObject(body)) throw paramInvalid('body must be a JSON object');
      const check = new FieldCheck();
      check.field(body, 'record_ids', 'body', 'string[]', true);
      check.throwIfAny();
      const ids = body['record_ids'] as string[];
      if (ids.length === 0 || ids.length > MAX_IDS_PER_DELETE) {
        throw paramInvalid(`record_ids must hold 1-${MAX_IDS_PER_DELETE} ids, got ${ids.length}`, [
          { field: 'body.record_ids', description: `1-${MAX_IDS_PER_DELETE} ids` },
        ]);
      }
      const success: string[] = [];
      const reasons: Record<string, string> = {};
      for (const id of ids) {
        const stored = tenant.flows.get(id);
        if (!stored) {
          reasons[id] = 'record does not exist';
        } else if (!stored.imported) {
          // "只能删除通过开放平台导入的打卡记录" (batch_del description).
          reasons[id] = 'only records imported through the open platform can be deleted';
        } else {
          tenant.flows.delete(id);
          const idempotentId = stored.flow.idempotent_id;
          if (idempotentId) tenant.flowsByIdempotentId.delete(idempotentId);
          success.push(id);
        }
      }
      const failed = Object.keys(reasons);
      // Partial failure: code 0, msg {"id":"reason"} ([NS-ATT] comment; PART D item 6).
      return {
        data: { success_record_ids: success, fail_record_ids: failed },
        ...(failed.length ? { msg: JSON.stringify(reasons) } : {}),
      };
    },
  },
  {
    method: 'GET',
    path: `${ATTENDANCE}/user_flows/:user_flow_id`,
    handle: ({ tenant, params, query }) => {
      const type = employeeTypeOf(query['employee_type'], true);
      const stored = tenant.flows.get(params['user_flow_id'] ?? '');
      // "rule does not exist 访问记录不存在 请检查是否存在对应的数据记录" (feishu-attendance-guide-and-errors.md).
      if (!stored) throw generalError('rule does not exist');
      return { data: renderFlow(tenant, stored, type) };
    },
  },
];
