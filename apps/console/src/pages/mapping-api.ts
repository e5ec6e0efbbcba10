import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { MappingKind, MappingRow } from './mapping-file';

// The mappings endpoints the page calls, through the typed client generated from the gateway's OpenAPI document.

export type UpsertCounts = components['schemas']['UpsertCountsDto'];

export interface MappingPage<K extends MappingKind> {
  readonly items: MappingRow<K>[];
  readonly total: number;
}

/** An id recent runs met but could not carry, because no mapping has it, with the groups it kept out. */
export type UnmappedId = components['schemas']['UnmappedIdDto'];

const PATHS = { users: '/api/v1/mappings/users', departments: '/api/v1/mappings/departments' } as const;

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
  return unwrap(await api.GET('/api/v1/mappings/unmapped', { params: { query: { limit } } }));
}
