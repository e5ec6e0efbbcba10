// The vendors' groups as the gateway reads them (GET /api/v1/vendors/{vendor}/groups…): the preview's source list,
// the preview's and the conflicts' current records. Types are the generated client's.
import { api, unwrap } from './client';
import type { components } from './schema';

/** A vendor, as the gateway's paths name it. */
export type Vendor = 'feishu' | 'wecom';
/** A Feishu attendance group or a WeCom checkin rule: its id and name. */
export type VendorGroup = components['schemas']['VendorGroupDto'];
/** A group with the vendor's current read of it. */
export type VendorGroupRecord = components['schemas']['VendorGroupDetailDto'];

export interface GroupPage {
  readonly groups: readonly VendorGroup[];
  /** X-Total-Count: every match, not only this page. */
  readonly total: number;
}

/** One page of the vendor's groups whose name contains `query` or whose id is it. */
export async function listVendorGroups(vendor: Vendor, query: string, limit: number, offset = 0): Promise<GroupPage> {
  const result = await api.GET('/api/v1/vendors/{vendor}/groups', {
    params: { path: { vendor }, query: { limit, offset, ...(query.trim() ? { q: query.trim() } : {}) } },
  });
  const groups = unwrap(result);
  const total = Number(result.response.headers.get('X-Total-Count') ?? groups.length);
  return { groups, total: Number.isFinite(total) ? total : groups.length };
}

/** The vendor's current read of one group, or null when the vendor has none under that id (404). */
export async function getVendorGroup(vendor: Vendor, id: string): Promise<VendorGroupRecord | null> {
  const result = await api.GET('/api/v1/vendors/{vendor}/groups/{id}', { params: { path: { vendor, id } } });
  if (result.response.status === 404) return null;
  return unwrap(result);
}
