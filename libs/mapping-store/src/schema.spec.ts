import {
  ITEM_ACTIONS,
  LINK_DIRECTIONS,
  MAPPING_ORIGINS,
  MATCH_EVIDENCE,
  MATCH_KINDS,
  MATCH_REASON_CODES,
  MATCH_STATUSES,
  RUN_STATUSES,
  RUN_TRIGGERS,
  SYNC_DIRECTIONS,
  SYNC_ERROR_KINDS,
  RUN_SCOPES,
  SYNC_SCOPES,
  VENDORS,
} from '@app/kernel';
import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import { MIGRATIONS_TABLE } from './mapping-store.data-source.js';
import {
  CONFLICT_KINDS,
  LINK_SCOPES,
  LINK_STATUSES,
  MATCH_DECIDERS,
  NAME_CONFLICT_RESOLUTIONS,
  PUNCH_WRITE_STATES,
} from './mapping-store.types.js';
import type { EventReceiptRow } from './repositories/event-receipt.repository.js';
import type { LinkRow, LinkSideRow } from './repositories/group-link.repository.js';
import type { DepartmentMappingRow, UserMappingRow } from './repositories/id-pair.repository.js';
import type { IdentityMatchRow } from './repositories/identity-match.repository.js';
import type { PunchRecordMappingRow } from './repositories/punch-record-mapping.repository.js';
import type { ShiftLinkRow, ShiftLinkSideRow } from './repositories/shift-link.repository.js';
import type { SyncConflictRow } from './repositories/sync-conflict.repository.js';
import type { SyncCursorRow } from './repositories/sync-cursor.repository.js';
import type { SyncRunItemRow, SyncRunRow } from './repositories/sync-run.repository.js';

/*
 * The migrations are the one description of the schema (mapping-store.data-source.ts says why). This spec
 * holds the code that reads it to what a fresh database migrated by them has: the repositories' row types, and
 * the constants whose values CHECK constraints list. Half of it is checked by the compiler (`npm run
 * typecheck`; Jest only transpiles): each table below must name exactly its row type's columns, with the
 * nullability and a type family the row type implies, and each value list must be exactly its column's union.
 * The other half is checked here against information_schema and pg_constraint.
 */

/** The repositories' row type of each table of the store. */
interface StoreRows {
  links: LinkRow;
  link_sides: LinkSideRow;
  shift_links: ShiftLinkRow;
  shift_link_sides: ShiftLinkSideRow;
  user_mappings: UserMappingRow;
  department_mappings: DepartmentMappingRow;
  sync_runs: SyncRunRow;
  sync_run_items: SyncRunItemRow;
  punch_record_mappings: PunchRecordMappingRow;
  sync_cursors: SyncCursorRow;
  sync_conflicts: SyncConflictRow;
  event_receipts: EventReceiptRow;
  identity_matches: IdentityMatchRow;
}

/**
 * The column types (information_schema `udt_name`) the driver returns as each TypeScript type: timestamptz as
 * Date, int4 as number, int8 (as text, to keep its precision), uuid and text as string, jsonb parsed.
 */
type UdtOf<T> = [NonNullable<T>] extends [Date]
  ? 'timestamptz'
  : [NonNullable<T>] extends [boolean]
    ? 'bool'
    : [NonNullable<T>] extends [number]
      ? 'int4'
      : [NonNullable<T>] extends [string]
        ? 'text' | 'uuid' | 'int8'
        : 'jsonb';

/** A column as `<udt_name>` or `<udt_name> | null`; a jsonb column typed `unknown` may be either. */
type ColumnOf<T> = unknown extends T ? 'jsonb' | 'jsonb | null' : null extends T ? `${UdtOf<T>} | null` : UdtOf<T>;

type TableOf<Row> = { readonly [Column in keyof Row]-?: ColumnOf<Row[Column]> };

const TABLES: { readonly [Table in keyof StoreRows]: TableOf<StoreRows[Table]> } = {
  links: {
    id: 'uuid',
    scope: 'text',
    direction: 'text',
    status: 'text',
    last_synced_at: 'timestamptz | null',
    last_error: 'text | null',
    last_error_kind: 'text | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    written_vendor: 'text | null',
  },
  link_sides: {
    link_id: 'uuid',
    scope: 'text',
    vendor: 'text',
    external_id: 'text | null',
    name: 'text | null',
    hash: 'text | null',
  },
  shift_links: {
    id: 'uuid',
    group_link_id: 'uuid',
    content_hash: 'text | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  shift_link_sides: {
    shift_link_id: 'uuid',
    group_link_id: 'uuid',
    vendor: 'text',
    kind: 'text',
    key: 'text',
    name: 'text | null',
  },
  user_mappings: {
    feishu_user_id: 'text',
    wecom_user_id: 'text',
    origin: 'text',
    matched_by: 'text | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  department_mappings: {
    feishu_department_id: 'text',
    wecom_party_id: 'text',
    origin: 'text',
    matched_by: 'text | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  sync_runs: {
    id: 'uuid',
    status: 'text',
    direction: 'text',
    scope: 'text',
    dry_run: 'bool',
    triggered_by: 'text',
    params: 'jsonb',
    error: 'text | null',
    queued_at: 'timestamptz',
    started_at: 'timestamptz | null',
    finished_at: 'timestamptz | null',
    schedule_key: 'text | null',
    attempt: 'int4',
  },
  sync_run_items: {
    id: 'int8',
    run_id: 'uuid',
    source_id: 'text',
    target_id: 'text | null',
    action: 'text',
    losses: 'jsonb',
    notes: 'jsonb',
    error: 'text | null',
    plan: 'jsonb | null',
    recorded_at: 'timestamptz',
  },
  punch_record_mappings: {
    id: 'int8',
    source_vendor: 'text',
    source_key: 'text',
    target_key: 'text | null',
    user_key: 'text',
    punched_at: 'timestamptz',
    run_id: 'uuid | null',
    state: 'text',
    created_at: 'timestamptz',
  },
  sync_cursors: {
    scope: 'text',
    direction: 'text',
    partition_key: 'text',
    position: 'jsonb',
    version: 'int4',
    updated_at: 'timestamptz',
  },
  sync_conflicts: {
    id: 'uuid',
    group_link_id: 'uuid',
    kind: 'text',
    found_vendor: 'text | null',
    found_id: 'text | null',
    found_name: 'text | null',
    side_hashes: 'jsonb',
    detected_at: 'timestamptz',
    detected_by_run_id: 'uuid | null',
    resolved_at: 'timestamptz | null',
    winner: 'text | null',
    resolution: 'text | null',
    resolution_run_id: 'uuid | null',
  },
  event_receipts: {
    source_vendor: 'text',
    event_id: 'text',
    event_type: 'text',
    received_at: 'timestamptz',
    run_id: 'uuid | null',
  },
  identity_matches: {
    id: 'uuid',
    kind: 'text',
    feishu_id: 'text | null',
    wecom_id: 'text | null',
    matched_by: 'text | null',
    status: 'text',
    candidates: 'jsonb',
    reason: 'text | null',
    reason_code: 'text | null',
    reason_params: 'jsonb | null',
    run_id: 'uuid | null',
    decided_by: 'text | null',
    decided_at: 'timestamptz | null',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
};

interface ValueList {
  readonly table: keyof StoreRows;
  readonly column: string;
  readonly values: readonly string[];
}

/**
 * A CHECK's value list as the code has it: `values` must hold exactly the members of the column's type in the
 * row type (a missing or extra value, or a column typed plain `string`, does not compile).
 */
function valueList<
  Table extends keyof StoreRows,
  Column extends keyof StoreRows[Table] & string,
  const Values extends readonly NonNullable<StoreRows[Table][Column]>[],
>(
  table: Table,
  column: Column,
  values: Values &
    ([NonNullable<StoreRows[Table][Column]>] extends [Values[number]]
      ? string extends Values[number]
        ? never
        : unknown
      : never),
): ValueList {
  return { table, column, values: values as readonly string[] };
}

/** Every CHECK constraint of the store, by name: a value list the code holds, or a rule between columns. */
const CHECKS: Readonly<Record<string, ValueList | 'between columns' | 'shape of a value'>> = {
  ck_links_scope: valueList('links', 'scope', LINK_SCOPES),
  ck_links_direction: valueList('links', 'direction', LINK_DIRECTIONS),
  ck_links_status: valueList('links', 'status', LINK_STATUSES),
  ck_links_last_error_kind: valueList('links', 'last_error_kind', SYNC_ERROR_KINDS),
  // Any vendor name (migrations/1796700000000-open-link-vendors.ts): the store's own tests hold the shape.
  ck_links_written_vendor: 'shape of a value',
  ck_link_sides_vendor: 'shape of a value',
  ck_link_sides_holds_something: 'between columns',
  // A vendor and its kind of shift object, by shape (migrations/1796900000000-shift-link-sides.ts): the store's
  // own tests hold the shapes.
  ck_shift_link_sides_vendor: 'shape of a value',
  ck_shift_link_sides_kind: 'shape of a value',
  ck_sync_runs_status: valueList('sync_runs', 'status', RUN_STATUSES),
  ck_sync_runs_direction: valueList('sync_runs', 'direction', LINK_DIRECTIONS),
  ck_sync_runs_scope: valueList('sync_runs', 'scope', RUN_SCOPES),
  ck_sync_runs_triggered_by: valueList('sync_runs', 'triggered_by', RUN_TRIGGERS),
  ck_sync_runs_finished_after_start: 'between columns',
  ck_sync_run_items_action: valueList('sync_run_items', 'action', ITEM_ACTIONS),
  ck_punch_record_mappings_source_vendor: valueList('punch_record_mappings', 'source_vendor', VENDORS),
  ck_punch_record_mappings_state: valueList('punch_record_mappings', 'state', PUNCH_WRITE_STATES),
  ck_sync_cursors_scope: valueList('sync_cursors', 'scope', SYNC_SCOPES),
  ck_sync_cursors_direction: valueList('sync_cursors', 'direction', SYNC_DIRECTIONS),
  // Any vendor name (migrations/1796800000000-conflict-side-hashes.ts), as a link's sides.
  ck_sync_conflicts_winner: 'shape of a value',
  ck_sync_conflicts_kind: valueList('sync_conflicts', 'kind', CONFLICT_KINDS),
  ck_sync_conflicts_found_vendor: 'shape of a value',
  ck_sync_conflicts_side_hashes: 'shape of a value',
  ck_sync_conflicts_found: 'between columns',
  ck_sync_conflicts_resolution: valueList('sync_conflicts', 'resolution', NAME_CONFLICT_RESOLUTIONS),
  ck_event_receipts_source_vendor: valueList('event_receipts', 'source_vendor', VENDORS),
  ck_user_mappings_origin: valueList('user_mappings', 'origin', MAPPING_ORIGINS),
  ck_user_mappings_matched_by: valueList('user_mappings', 'matched_by', MATCH_EVIDENCE),
  ck_user_mappings_evidence: 'between columns',
  ck_department_mappings_origin: valueList('department_mappings', 'origin', MAPPING_ORIGINS),
  ck_department_mappings_matched_by: valueList('department_mappings', 'matched_by', MATCH_EVIDENCE),
  ck_department_mappings_evidence: 'between columns',
  ck_identity_matches_kind: valueList('identity_matches', 'kind', MATCH_KINDS),
  ck_identity_matches_status: valueList('identity_matches', 'status', MATCH_STATUSES),
  ck_identity_matches_matched_by: valueList('identity_matches', 'matched_by', MATCH_EVIDENCE),
  ck_identity_matches_decided_by: valueList('identity_matches', 'decided_by', MATCH_DECIDERS),
  ck_identity_matches_has_an_id: 'between columns',
  ck_identity_matches_evidence: 'between columns',
  ck_identity_matches_pair: 'between columns',
  ck_identity_matches_decided: 'between columns',
  ck_identity_matches_candidates: 'between columns',
  ck_identity_matches_reason_code: valueList('identity_matches', 'reason_code', MATCH_REASON_CODES),
  ck_identity_matches_reason_params: 'between columns',
};

/**
 * The column and values of a CHECK as PostgreSQL prints it back: `CHECK ((status = ANY (ARRAY['a'::text, …])))`,
 * or `CHECK ((scope = 'a'::text))` for a list of one, optionally behind `(x IS NULL) OR`. Null for any other shape.
 */
function parseValueList(definition: string): { column: string; values: string[] } | null {
  const match =
    /^CHECK \(+(?:\(?(\w+) IS NULL\)? OR \()?(\w+) = (?:ANY \(ARRAY\[([^\]]*)\]\)|('(?:[^']|'')*'::text))\)+$/.exec(
      definition,
    );
  if (!match) return null;
  const [, nullColumn, column, list, single] = match;
  if (nullColumn !== undefined && nullColumn !== column) return null;
  const values = [...(list ?? single)!.matchAll(/'((?:[^']|'')*)'::text/g)].map((value) =>
    value[1]!.replaceAll("''", "'"),
  );
  return { column: column!, values };
}

const sorted = (values: readonly string[]) => [...values].sort();

let harness: TestStore;

beforeAll(async () => {
  harness = await openTestStore();
});

afterAll(async () => {
  await harness.dispose();
});

describe('the schema the migrations create, against the code that reads it', () => {
  it('has exactly the tables the repositories have row types for (and TypeORM its migrations table)', async () => {
    const rows = await harness.sql<{ table: string }>(
      `SELECT table_name AS "table" FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(sorted(rows.map((row) => row.table))).toEqual(sorted([...Object.keys(TABLES), MIGRATIONS_TABLE]));
  });

  it.each(Object.keys(TABLES) as (keyof StoreRows)[])(
    '%s has exactly the columns of its row type, with their types and nullability',
    async (table) => {
      const rows = await harness.sql<{ column: string; udt: string; nullable: 'YES' | 'NO' }>(
        `SELECT column_name AS "column", udt_name AS "udt", is_nullable AS "nullable"
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      );
      const actual = Object.fromEntries(
        rows.map((row) => [row.column, row.nullable === 'YES' ? `${row.udt} | null` : row.udt]),
      );
      expect(actual).toEqual(TABLES[table]);
    },
  );

  it('has exactly the CHECK constraints the code knows, each value list equal to its constant', async () => {
    const rows = await harness.sql<{ name: string; table: string; definition: string }>(
      `SELECT c.conname AS "name", t.relname AS "table", pg_get_constraintdef(c.oid) AS "definition"
       FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE c.contype = 'c' AND n.nspname = current_schema()`,
    );
    expect(sorted(rows.map((row) => row.name))).toEqual(sorted(Object.keys(CHECKS)));
    // Each value list, as the database has it and as the code has it; order does not matter to a CHECK.
    const inDatabase: Record<string, unknown> = {};
    const inCode: Record<string, unknown> = {};
    for (const row of rows) {
      const expected = CHECKS[row.name];
      if (expected === undefined || typeof expected === 'string') continue;
      const parsed = parseValueList(row.definition);
      inDatabase[row.name] = parsed
        ? { table: row.table, column: parsed.column, values: sorted(parsed.values) }
        : `not a value list: ${row.definition}`;
      inCode[row.name] = { table: expected.table, column: expected.column, values: sorted(expected.values) };
    }
    expect(inDatabase).toEqual(inCode);
  });

  it('reads value lists as PostgreSQL prints them, and nothing else', () => {
    expect(parseValueList(`CHECK ((status = ANY (ARRAY['pending'::text, 'it''s'::text])))`)).toEqual({
      column: 'status',
      values: ['pending', "it's"],
    });
    expect(
      parseValueList(`CHECK (((winner IS NULL) OR (winner = ANY (ARRAY['feishu'::text, 'wecom'::text]))))`),
    ).toEqual({ column: 'winner', values: ['feishu', 'wecom'] });
    expect(parseValueList(`CHECK ((scope = 'rule'::text))`)).toEqual({ column: 'scope', values: ['rule'] });
    expect(parseValueList(`CHECK ((scope = lower(name)))`)).toBeNull();
    expect(parseValueList(`CHECK (((kind IS NULL) OR (winner = ANY (ARRAY['feishu'::text]))))`)).toBeNull();
    expect(parseValueList(`CHECK (((finished_at IS NULL) OR (started_at IS NOT NULL)))`)).toBeNull();
  });
});
