// What the sync benchmarks share: the vendors' published limits as the clients encode them, the rate-limit
// floor of a set of requests, where a run's wall time went along the endpoint that sets it, and which calls
// are writes. Method: BENCHMARKS.md.
import {
  FEISHU_DEFAULT_RATE_LIMIT,
  FEISHU_DOCUMENTED_RATE_LIMITS,
  FEISHU_ENDPOINTS,
  feishuEndpointLabel,
  type FeishuEndpointName,
} from '@app/feishu';
import type { RateLimit } from '@app/vendor-http';
import { WECOM_API_SPECS, WECOM_APIS, type WecomApi } from '@app/wecom';

/** Feishu APIs that change the tenant; everything else the client calls is a read (POST search/query included). */
export const FEISHU_WRITES: ReadonlySet<string> = new Set(
  (
    [
      'saveGroup',
      'deleteGroup',
      'createShift',
      'deleteShift',
      'batchCreateUserFlows',
      'batchDeleteUserFlows',
      'batchCreateUserDailyShifts',
    ] satisfies FeishuEndpointName[]
  ).map(feishuEndpointLabel),
);
export const WECOM_WRITES: ReadonlySet<string> = new Set<WecomApi>([
  'add_checkin_option',
  'update_checkin_option',
  'clear_checkin_option_array_field',
  'del_checkin_option',
  'add_checkin_record',
  'setcheckinschedulist',
]);

/**
 * The least time the published limits allow for these requests: per endpoint and per limit window, n calls
 * at `limit` per `windowMs` span at least n − 1 intervals of windowMs / limit when no window may ever hold
 * more than the limit and calls are spread evenly (the clients' pacing; see libs/vendor-http/src/rate-limiter.ts).
 * The floor is the largest of these: the endpoint (and window) that the limits hold up most.
 */
export function bindingLimit(requests: Readonly<Record<string, number>>): {
  readonly seconds: number;
  readonly endpoint: string;
  readonly count: number;
  readonly limit: RateLimit | null;
} {
  let binding: ReturnType<typeof bindingLimit> = { seconds: 0, endpoint: '', count: 0, limit: null };
  for (const [endpoint, count] of Object.entries(requests)) {
    for (const limit of publishedLimits(endpoint)) {
      const seconds = (Math.max(0, count - 1) * limit.windowMs) / limit.limit / 1000;
      if (seconds > binding.seconds) binding = { seconds, endpoint, count, limit };
    }
  }
  return binding;
}

export function describeFloor(requests: Readonly<Record<string, number>>): string {
  const { seconds, endpoint, count, limit } = bindingLimit(requests);
  if (!limit) return 'floor 0 s';
  const spacingMs = limit.windowMs / limit.limit;
  return (
    `floor ${seconds.toFixed(2)} s = (${count} − 1) × ${spacingMs.toFixed(1)} ms: ${count} × ${shortLabel(endpoint)} ` +
    `at the published ${limit.limit} per ${limit.windowMs / 1000} s`
  );
}

/**
 * The wall time along the endpoint that sets the floor, as the emulator saw its calls arrive: before the first
 * call (head: tokens, listing, the first group's reads), the calls themselves (their mean gap against the
 * limit's spacing: a larger gap means the limiter or the engine let time pass), and after the last (tail:
 * for a first run, the read that links the new rules and the store writes that record them).
 */
export function pace(
  times: readonly number[],
  startedAt: number,
  endedAt: number,
  binding: ReturnType<typeof bindingLimit>,
): string {
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined || !binding.limit || times.length < 2) return 'no paced calls';
  const gaps = times.slice(1).map((at, index) => at - (times[index] ?? at));
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  return (
    `wall ${seconds(endedAt - startedAt)} s = head ${seconds(first - startedAt)} + ${gaps.length} gaps × ` +
    `${((last - first) / gaps.length).toFixed(1)} ms (limit spacing ${(binding.limit.windowMs / binding.limit.limit).toFixed(1)}, ` +
    `largest ${Math.max(...gaps)}) + tail ${seconds(endedAt - last)}`
  );
}

/** "GET groups/:group_id" for Feishu's attendance API, the API name for WeCom's: the table stays readable. */
export function shortLabel(endpoint: string): string {
  const wecomApi = WECOM_API_BY_ENDPOINT.get(endpoint);
  if (wecomApi) return `wecom ${wecomApi}`;
  return `feishu ${endpoint.replace('/open-apis/attendance/v1/', '').replace('/open-apis/', '')}`;
}

export const WECOM_API_BY_ENDPOINT = new Map<string, WecomApi>(
  WECOM_APIS.map((api) => [`${WECOM_API_SPECS[api].method} ${WECOM_API_SPECS[api].path}`, api]),
);
export const FEISHU_ENDPOINT_LABELS = new Set(
  (Object.keys(FEISHU_ENDPOINTS) as FeishuEndpointName[]).map((name) => feishuEndpointLabel(name)),
);
const FEISHU_NAME_BY_LABEL = new Map(
  (Object.keys(FEISHU_ENDPOINTS) as FeishuEndpointName[]).map((name) => [feishuEndpointLabel(name), name]),
);

/** The vendor's published limits for an endpoint, as the clients encode them (REFERENCE A3, B3). */
export function publishedLimits(endpoint: string): readonly RateLimit[] {
  const wecomApi = WECOM_API_BY_ENDPOINT.get(endpoint);
  if (wecomApi) return WECOM_API_SPECS[wecomApi].limits;
  // Feishu documents 50/s for every attendance API, and 1000/min on top for the contact APIs the identity
  // match reads; the token endpoint's limit is unpublished, and the client and emulator use the same 50/s for it.
  const feishuName = FEISHU_NAME_BY_LABEL.get(endpoint);
  if (feishuName) return FEISHU_DOCUMENTED_RATE_LIMITS[feishuName] ?? [FEISHU_DEFAULT_RATE_LIMIT];
  throw new Error(`no published rate limit known for ${endpoint}`);
}

export function writesOf(requests: Readonly<Record<string, number>>): Map<string, number> {
  const writes = new Map<string, number>();
  for (const [endpoint, count] of Object.entries(requests)) {
    const wecomApi = WECOM_API_BY_ENDPOINT.get(endpoint);
    if (FEISHU_WRITES.has(endpoint) || (wecomApi && WECOM_WRITES.has(wecomApi))) writes.set(endpoint, count);
  }
  return writes;
}
