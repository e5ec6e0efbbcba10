import type { Method } from 'got';

/**
 * Every Feishu API the client calls (REFERENCE A2, A4; contact: docs/vendor/feishu-contact.md), with the answer to one question: if a call's outcome
 * is unknown (timeout, reset connection, 5xx, an HTML page from a proxy), may the client send it again?
 *  - 'always': reading, or a write whose repetition has the same effect as doing it once;
 *  - 'never': a repeat may do the work twice;
 *  - 'conditional': it depends on the body; the client method decides and says why.
 * Independently of this, a call refused with HTTP 429 / 99991400 or with a rejected token was not executed,
 * so it is always sent again (after the wait / the token refresh), creates included.
 */
export const FEISHU_ENDPOINTS = {
  tenantToken: {
    method: 'POST',
    path: '/open-apis/auth/v3/tenant_access_token/internal',
    // Issuing a token changes nothing; a repeat returns the same token or a new one, both valid (A2).
    repeat: 'always',
  },
  listGroups: { method: 'GET', path: '/open-apis/attendance/v1/groups', repeat: 'always' },
  getGroup: { method: 'GET', path: '/open-apis/attendance/v1/groups/:group_id', repeat: 'always' },
  // A search, despite POST.
  searchGroups: { method: 'POST', path: '/open-apis/attendance/v1/groups/search', repeat: 'always' },
  saveGroup: {
    method: 'POST',
    path: '/open-apis/attendance/v1/groups',
    // Without group_id a repeat creates a second group. With group_id it is a full overwrite (idempotent),
    // except that locations append (feishu-create-update-group.md), so only an update sending no locations
    // is safe to repeat.
    repeat: 'conditional',
  },
  // A repeated delete finds the group gone; the client takes "not found" on a repeat as done.
  deleteGroup: { method: 'DELETE', path: '/open-apis/attendance/v1/groups/:group_id', repeat: 'always' },
  listGroupUsers: { method: 'GET', path: '/open-apis/attendance/v1/groups/:group_id/list_user', repeat: 'always' },
  listShifts: { method: 'GET', path: '/open-apis/attendance/v1/shifts', repeat: 'always' },
  getShift: { method: 'GET', path: '/open-apis/attendance/v1/shifts/:shift_id', repeat: 'always' },
  // A lookup by name, despite POST (shift_name travels in the query string, REFERENCE A4).
  queryShift: { method: 'POST', path: '/open-apis/attendance/v1/shifts/query', repeat: 'always' },
  createShift: {
    method: 'POST',
    path: '/open-apis/attendance/v1/shifts',
    // Creating is not idempotent: if the first attempt landed, a repeat fails with a duplicate-name error
    // (names are unique tenant-wide, REFERENCE A5) that hides the success. The caller adopts the shift by
    // name instead (queryShiftByName). Sending `id` (an in-place update, UNCONFIRMED) is idempotent.
    repeat: 'conditional',
  },
  deleteShift: { method: 'DELETE', path: '/open-apis/attendance/v1/shifts/:shift_id', repeat: 'always' },
  batchCreateUserFlows: {
    method: 'POST',
    path: '/open-apis/attendance/v1/user_flows/batch_create',
    // The client sends every record with an idempotent_id, Feishu's only idempotency (REFERENCE A7), so a
    // repeated batch creates nothing new: Feishu refuses it with "the object already exists", which
    // batchCreateUserFlows reads as "already imported".
    repeat: 'always',
  },
  queryUserFlows: { method: 'POST', path: '/open-apis/attendance/v1/user_flows/query', repeat: 'always' },
  // Deleting by id: a repeat reports the already-deleted ids as failed, which the result shows.
  batchDeleteUserFlows: { method: 'POST', path: '/open-apis/attendance/v1/user_flows/batch_del', repeat: 'always' },
  getUserFlow: { method: 'GET', path: '/open-apis/attendance/v1/user_flows/:user_flow_id', repeat: 'always' },
  queryUserDailyShifts: { method: 'POST', path: '/open-apis/attendance/v1/user_daily_shifts/query', repeat: 'always' },
  batchCreateUserDailyShifts: {
    method: 'POST',
    path: '/open-apis/attendance/v1/user_daily_shifts/batch_create',
    // An upsert per (user, day) (REFERENCE A4): writing the same days again changes nothing.
    repeat: 'always',
  },
  // Contact reads for the identity match (docs/vendor/feishu-contact.md [F1] [F3] [F4]).
  // A lookup, despite POST.
  batchGetUserIds: { method: 'POST', path: '/open-apis/contact/v3/users/batch_get_id', repeat: 'always' },
  listDepartmentChildren: {
    method: 'GET',
    path: '/open-apis/contact/v3/departments/:department_id/children',
    repeat: 'always',
  },
  listUsersByDepartment: { method: 'GET', path: '/open-apis/contact/v3/users/find_by_department', repeat: 'always' },
} as const satisfies Record<string, { method: Method; path: string; repeat: 'always' | 'never' | 'conditional' }>;

export type FeishuEndpointName = keyof typeof FEISHU_ENDPOINTS;

/** "POST /open-apis/attendance/v1/groups/:group_id": names an API in errors, events and rate-limit keys. */
export function feishuEndpointLabel(name: FeishuEndpointName): string {
  const endpoint = FEISHU_ENDPOINTS[name];
  return `${endpoint.method} ${endpoint.path}`;
}
