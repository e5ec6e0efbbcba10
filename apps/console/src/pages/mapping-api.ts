import { api, ApiRequestError, type ApiError, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { apiToken, signOut } from '../auth/api-token';
import type { MappingKind, MappingRow } from './mapping-file';

// The mappings endpoints the page calls: the typed client for what the committed schema has, and a small typed
// fetch (same bearer token, same 401 → sign-in) for the unmapped ids, until the client is regenerated with them.

export type UpsertCounts = components['schemas']['UpsertCountsDto'];

export interface MappingPage<K extends MappingKind> {
  readonly items: MappingRow<K>[];
  readonly total: number;
}

/** An id recent runs met but could not carry, because no mapping has it. */
export interface UnmappedId {
  readonly kind: 'user' | 'department';
  readonly vendor: 'feishu' | 'wecom';
  readonly id: string;
  /** The attendance groups (rules) it kept out of the sync, and the run that saw it. */
  readonly groups: readonly { readonly vendor: 'feishu' | 'wecom'; readonly id: string; readonly runId: string }[];
  readonly lastSeenAt: string;
}

const PATHS = { users: '/api/v1/mappings/users', departments: '/api/v1/mappings/departments' } as const;

/** A plain GET of the API with the console's token: the answer when 2xx, else an ApiRequestError. */
async function getJson(path: string, query: Record<string, string | number | undefined>): Promise<Response> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const token = apiToken();
  const response = await fetch(`${path}?${search.toString()}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (response.status === 401) signOut();
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ApiError | undefined;
    throw new ApiRequestError(response.status, body);
  }
  return response;
}

/** One page of a mapping table (sorted by the Feishu id), with the table's total from X-Total-Count. */
export async function listMappings<K extends MappingKind>(
  kind: K,
  { limit, offset, q }: { limit: number; offset: number; q: string },
): Promise<MappingPage<K>> {
  // A blank search is no filter: `q` is left out rather than sent empty.
  const query = { params: { query: { limit, offset, ...(q === '' ? {} : { q }) } } };
  const result = kind === 'users' ? await api.GET(PATHS.users, query) : await api.GET(PATHS.departments, query);
  const items = unwrap<unknown>(result) as MappingRow<K>[];
  return { items, total: Number(result.response.headers.get('X-Total-Count') ?? items.length) };
}

/** PUT of a whole batch: all rows or, on any refusal (ApiRequestError with the gateway's messages), none. */
export async function putMappings<K extends MappingKind>(kind: K, rows: MappingRow<K>[]): Promise<UpsertCounts> {
  if (kind === 'users') {
    return unwrap(await api.PUT(PATHS.users, { body: rows as MappingRow<'users'>[] }));
  }
  return unwrap(await api.PUT(PATHS.departments, { body: rows as MappingRow<'departments'>[] }));
}

/** The ids recent runs could not carry for want of a mapping, most recently seen first. */
export async function listUnmapped(limit: number): Promise<UnmappedId[]> {
  const response = await getJson('/api/v1/mappings/unmapped', { limit });
  return (await response.json()) as UnmappedId[];
}
