// The preview's calls, through the generated client (api/client.ts: bearer token, 401 → sign-out).
import { ApiRequestError, api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type Vendor = 'feishu' | 'wecom';
export type Direction = components['schemas']['SyncDirection'];
export type Scope = components['schemas']['SyncScope'];
/** What a preview and its apply share: everything of the sync request but dryRun. */
export type SyncRequest = Omit<components['schemas']['SyncRequestDto'], 'dryRun'>;
export type RunDetail = components['schemas']['RunDetailDto'];
export type RunItem = components['schemas']['RunItemDto'];
export type Loss = components['schemas']['LossDto'];
export type Severity = components['schemas']['LossSeverity'];

/** A source or target group: a Feishu attendance group or a WeCom checkin rule. */
export interface VendorGroup {
  readonly id: string;
  readonly name: string;
}

/** A group with the vendor's current read of it. */
export interface VendorGroupRecord extends VendorGroup {
  readonly record: unknown;
}

export interface GroupPage {
  readonly groups: readonly VendorGroup[];
  /** X-Total-Count: every match, not only this page. */
  readonly total: number;
}

/** A dry run's plan: the vendor calls a real run would make, in order, with their exact bodies. */
export interface PlannedRequest {
  readonly api: string;
  readonly body: unknown;
}
export interface ItemPlan {
  readonly vendor: Vendor;
  readonly requests: readonly PlannedRequest[];
}

export const sourceVendor = (direction: Direction): Vendor => (direction === 'feishu_to_wecom' ? 'feishu' : 'wecom');
export const targetVendor = (direction: Direction): Vendor => (direction === 'feishu_to_wecom' ? 'wecom' : 'feishu');

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

/** POST /api/v1/sync: the queued run's id. */
export async function queueRun(request: SyncRequest, dryRun: boolean): Promise<string> {
  return unwrap(await api.POST('/api/v1/sync', { body: { ...request, dryRun } })).runId;
}

export async function getRun(runId: string): Promise<RunDetail> {
  return unwrap(await api.GET('/api/v1/runs/{runId}', { params: { path: { runId } } }));
}

/** A run item's plan, when it is one (dry runs). */
export function itemPlan(item: RunItem): ItemPlan | null {
  const plan = item.plan as Partial<ItemPlan> | undefined;
  return plan && Array.isArray(plan.requests) && (plan.vendor === 'feishu' || plan.vendor === 'wecom')
    ? (plan as ItemPlan)
    : null;
}

/**
 * The group or rule a plan writes, as the record it will become: the `group` of its create, update or save
 * call (WeCom add/update_checkin_option, Feishu save_group), or null for plans that write no group (deletes,
 * rosters, punches).
 */
export function writtenGroup(plan: ItemPlan): Record<string, unknown> | null {
  for (const request of plan.requests) {
    const body = request.body as { group?: unknown } | null;
    if (body && typeof body === 'object' && body.group && typeof body.group === 'object') {
      return body.group as Record<string, unknown>;
    }
  }
  return null;
}

/** The gateway's message(s) for a failed call, or the error's own message (a network failure). */
export function errorMessages(error: unknown): string[] {
  if (error instanceof ApiRequestError) {
    const details = error.body?.details;
    const messages = Array.isArray(details) && details.length > 0 ? details.map(String) : error.messages;
    return messages.length > 0 ? messages : [`HTTP ${error.status}`];
  }
  return [error instanceof Error ? error.message : String(error)];
}
