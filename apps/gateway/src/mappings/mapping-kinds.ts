import type { DepartmentMapping, StoreSession, UpsertCounts, UserMapping } from '@app/mapping-store';
import { DepartmentMappingDto } from './department-mapping.dto.js';
import { UserMappingDto } from './user-mapping.dto.js';

/** What the endpoints need of a Feishu id ⇄ WeCom id table of the store. */
export interface IdPairStore<Row> {
  upsertMany(rows: readonly Row[]): Promise<UpsertCounts>;
  list(limit: number, offset: number, search?: string): Promise<{ items: Row[]; total: number }>;
  toFeishu(wecomIds: readonly string[]): Promise<Map<string, string>>;
}

/**
 * One kind of id mapping (users, departments): its row type, the names of its two fields as the API spells
 * them (error messages name them) and its table in the store. Users and departments differ only here.
 */
export interface MappingKind<Row extends object> {
  /** "user", "department": for messages. */
  readonly noun: string;
  readonly rowType: new () => Row;
  readonly feishuField: string;
  readonly wecomField: string;
  readonly feishuId: (row: Row) => string;
  readonly wecomId: (row: Row) => string;
  readonly table: (session: StoreSession) => IdPairStore<Row>;
}

export const USER_MAPPINGS: MappingKind<UserMapping> = {
  noun: 'user',
  rowType: UserMappingDto,
  feishuField: 'feishuUserId',
  wecomField: 'wecomUserId',
  feishuId: (row) => row.feishuUserId,
  wecomId: (row) => row.wecomUserId,
  table: (session) => session.users,
};

export const DEPARTMENT_MAPPINGS: MappingKind<DepartmentMapping> = {
  noun: 'department',
  rowType: DepartmentMappingDto,
  feishuField: 'feishuDepartmentId',
  wecomField: 'wecomPartyId',
  feishuId: (row) => row.feishuDepartmentId,
  wecomId: (row) => row.wecomPartyId,
  table: (session) => session.departments,
};
