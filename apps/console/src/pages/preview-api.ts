// The preview's calls, through the generated client (api/client.ts: bearer token, 401 → sign-out).
import { ApiRequestError, api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { Vendor } from '../api/vendor-groups';

export {
  getVendorGroup,
  listVendorGroups,
  type GroupPage,
  type Vendor,
  type VendorGroup,
  type VendorGroupRecord,
} from '../api/vendor-groups';

export type Direction = components['schemas']['SyncDirection'];
export type Scope = components['schemas']['SyncScope'];
/** What a preview and its apply share: everything of the sync request but dryRun. */
export type SyncRequest = Omit<components['schemas']['SyncRequestDto'], 'dryRun'>;
export type RunDetail = components['schemas']['RunDetailDto'];
export type RunItem = components['schemas']['RunItemDto'];
export type Loss = components['schemas']['LossDto'];
export type Severity = components['schemas']['LossSeverity'];

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
