import type { EmployeeType } from './feishu-directory.js';
import { paramInvalid } from './feishu-emulator.errors.js';
import type { FeishuTenant } from './feishu-tenant.state.js';

/** ≤ 50 users per attendance query (REFERENCE A4); the code for more is UNCONFIRMED (PART D item 7), 1220001 here. */
export const MAX_USERS_PER_QUERY = 50;

/**
 * The users an attendance query names, as internal ids. Unknown ids simply match nothing: the docs give these
 * queries no invalid-user rule (unlike user_tasks' ignore_invalid_users), so we read them as lenient.
 */
export function queriedUsers(tenant: FeishuTenant, userIds: readonly string[], type: EmployeeType): Set<string> {
  if (userIds.length === 0 || userIds.length > MAX_USERS_PER_QUERY) {
    throw paramInvalid(`user_ids must hold 1-${MAX_USERS_PER_QUERY} ids, got ${userIds.length}`, [
      { field: 'body.user_ids', description: `1-${MAX_USERS_PER_QUERY} ids` },
    ]);
  }
  const users = new Set<string>();
  for (const id of userIds) {
    const internal = tenant.directory.toInternal(id, type);
    if (internal !== undefined) users.add(internal);
  }
  return users;
}
