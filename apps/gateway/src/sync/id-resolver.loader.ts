import type { StoreSession } from '@app/mapping-store';
import { sameIdResolver, tableIdResolver, type IdResolver } from '@app/translation';
import type { UserIdMapping } from '../config/app-config.js';

const PAGE = 10_000;

/**
 * The id resolver a run translates with, loaded once at its start so every item of the run sees the same
 * mappings. USER_ID_MAPPING=same uses identical user ids on both sides; departments always come from the
 * table (Feishu open_department_ids and WeCom party ids never coincide).
 */
export async function loadIdResolver(store: StoreSession, mode: UserIdMapping): Promise<IdResolver> {
  const departments = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.departments.list(PAGE, offset);
    for (const pair of page.items) departments.set(pair.feishuDepartmentId, pair.wecomPartyId);
    if (page.items.length < PAGE) break;
  }
  const tableDepartments = tableIdResolver(new Map(), departments);
  if (mode === 'same') return sameIdResolver((id, from, to) => tableDepartments.department(id, from, to));
  const users = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.users.list(PAGE, offset);
    for (const pair of page.items) users.set(pair.feishuUserId, pair.wecomUserId);
    if (page.items.length < PAGE) break;
  }
  return tableIdResolver(users, departments);
}
