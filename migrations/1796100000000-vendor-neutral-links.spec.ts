import { createMappingStoreDataSource, type GroupLink } from '@app/mapping-store';
import type { DataSource } from 'typeorm';
import { GroupLinkRepository } from '../libs/mapping-store/src/repositories/group-link.repository.js';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { LinkWrittenSide1796500000000 } from './1796500000000-link-written-side.js';
import { MIGRATIONS } from './index.js';

// VendorNeutralLinks on links written in the old shape: every link, side, shift link and conflict carried over
// to links + link_sides and back, without a vendor call.

const DIRECTIONS = ['feishu_to_wecom', 'wecom_to_feishu', 'two_way'] as const;
const STATUSES = ['pending', 'active', 'conflict', 'failed', 'source_missing', 'target_missing', 'unlinked'] as const;

interface OldLink {
  id: string;
  feishu_group_id: string | null;
  feishu_group_name: string | null;
  wecom_rule_id: string | null;
  wecom_rule_name: string | null;
  direction: string;
  status: string;
  feishu_hash: string | null;
  wecom_hash: string | null;
  last_synced_at: Date | null;
  last_error: string | null;
  last_error_kind: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The shapes a link has had in the old table, one per status × direction, so each shape meets each status and
 * direction: a Feishu-sourced intent (WeCom name only), a WeCom-sourced intent (Feishu name only), both sides
 * with names and hashes, ids without names, and a side whose id was forgotten but whose hash stayed.
 */
const SHAPES: ((n: number) => Partial<OldLink>)[] = [
  (n) => ({ feishu_group_id: `fg-${n}`, feishu_group_name: `组 ${n}`, wecom_rule_name: `组 ${n}` }),
  (n) => ({ wecom_rule_id: `${1000 + n}`, wecom_rule_name: `Rule ${n}`, feishu_group_name: `Rule ${n}` }),
  (n) => ({
    feishu_group_id: `fg-${n}`,
    feishu_group_name: `Group ${n} 'quoted' ·fs`,
    wecom_rule_id: `${1000 + n}`,
    wecom_rule_name: `Group ${n} ·fs${n}`,
    feishu_hash: `f${n}`.padEnd(64, 'a'),
    wecom_hash: `w${n}`.padEnd(64, 'b'),
  }),
  (n) => ({ feishu_group_id: `fg-${n}`, wecom_rule_id: `${1000 + n}` }),
  (n) => ({ feishu_group_id: `fg-${n}`, feishu_hash: `f${n}`.padEnd(64, 'c'), wecom_hash: `w${n}`.padEnd(64, 'd') }),
];

function oldLinks(): OldLink[] {
  const links: OldLink[] = [];
  for (const [d, direction] of DIRECTIONS.entries()) {
    for (const [s, status] of STATUSES.entries()) {
      const n = d * STATUSES.length + s;
      const failed = status === 'failed' || status === 'conflict' || status === 'source_missing';
      links.push({
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        feishu_group_id: null,
        feishu_group_name: null,
        wecom_rule_id: null,
        wecom_rule_name: null,
        direction,
        status,
        feishu_hash: null,
        wecom_hash: null,
        // Microseconds, which a Date would lose: compared as PostgreSQL prints them.
        last_synced_at: status === 'active' || failed ? new Date(Date.UTC(2026, 10, 20, 8, n, 7, 123)) : null,
        last_error: failed ? `wecom invalid_request (code 301093): rule ${n} invalid` : null,
        last_error_kind: failed ? (status === 'failed' ? 'invalid_request' : status) : null,
        created_at: new Date(Date.UTC(2026, 10, 1, 0, 0, n)),
        updated_at: new Date(Date.UTC(2026, 10, 2, 0, 0, n)),
        ...SHAPES[n % SHAPES.length]!(n),
      });
    }
  }
  return links;
}

/** Every row of a table as PostgreSQL prints the whole record: every column, in order, byte for byte. */
async function rowsAsText(dataSource: DataSource, table: string): Promise<string[]> {
  const rows = await dataSource.query<{ row: string }[]>(`SELECT t::text AS "row" FROM "${table}" t ORDER BY t::text`);
  return rows.map((row) => row.row);
}

/** The foreign keys of a table, as PostgreSQL prints them. */
async function foreignKeys(dataSource: DataSource, table: string): Promise<string[]> {
  const rows = await dataSource.query<{ key: string }[]>(
    `SELECT conname || ': ' || pg_get_constraintdef(oid) AS "key" FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.key);
}

/** The definition of group_links: columns in order, with types, defaults and nullability, and its constraints. */
async function groupLinksDefinition(dataSource: DataSource): Promise<unknown> {
  const columns = await dataSource.query(
    `SELECT column_name, data_type, column_default, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'group_links' ORDER BY ordinal_position`,
  );
  const constraints = await dataSource.query(
    `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = '"group_links"'::regclass ORDER BY conname`,
  );
  return { columns, constraints };
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

it('carries every link, its sides, shift links and conflicts over to links + link_sides, and back', async () => {
  // Found by name: migrations after this one are not run here.
  const index = MIGRATIONS.findIndex((migration) => migration.name === 'VendorNeutralLinks1796100000000');
  expect(index).toBeGreaterThan(0);
  const links = oldLinks();

  const old = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index));
  await old.initialize();
  let before: { links: string[]; shifts: string[]; conflicts: string[]; definition: unknown; keys: string[] };
  try {
    await old.runMigrations({ transaction: 'each' });
    for (const link of links) {
      const columns = Object.keys(link);
      await old.query(
        `INSERT INTO "group_links" (${columns.map((column) => `"${column}"`).join(', ')})
         VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(link),
      );
    }
    // Microseconds on one link's timestamps, which the copy must keep.
    await old.query(
      `UPDATE "group_links" SET "updated_at" = '2026-11-21 08:00:00.123456+00', "last_synced_at" = '2026-11-21 07:59:59.654321+00'
       WHERE "id" = $1`,
      [links[2]!.id],
    );
    for (const link of links.slice(0, 6)) {
      await old.query(
        `INSERT INTO "shift_links" ("group_link_id", "feishu_shift_id", "feishu_shift_name", "wecom_kind", "wecom_key", "content_hash")
         VALUES ($1, $2, 'Day', 'schedule', '1', 'h1'), ($1, NULL, NULL, 'checkintime', '0', NULL)`,
        [link.id, `s-${link.id.slice(-4)}`],
      );
    }
    await old.query(
      `INSERT INTO "sync_conflicts" ("group_link_id", "feishu_hash", "wecom_hash") VALUES ($1, 'fa', 'wa')`,
      [links[2]!.id],
    );
    await old.query(
      `INSERT INTO "sync_conflicts" ("group_link_id", "feishu_hash", "wecom_hash", "resolved_at", "winner")
       VALUES ($1, NULL, 'wb', now(), 'wecom')`,
      [links[9]!.id],
    );
    before = {
      links: await rowsAsText(old, 'group_links'),
      shifts: await rowsAsText(old, 'shift_links'),
      conflicts: await rowsAsText(old, 'sync_conflicts'),
      definition: await groupLinksDefinition(old),
      keys: [...(await foreignKeys(old, 'shift_links')), ...(await foreignKeys(old, 'sync_conflicts'))],
    };
    expect(before.links).toHaveLength(DIRECTIONS.length * STATUSES.length);
  } finally {
    await old.destroy();
  }

  const migrated = await createMappingStoreDataSource(database.target, MIGRATIONS.slice(0, index + 1));
  await migrated.initialize();
  try {
    expect(await migrated.runMigrations({ transaction: 'each' })).toHaveLength(1);
    expect(
      await migrated.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'group_links'`,
      ),
    ).toEqual([]);

    // Each link field by field: the link itself…
    const carried = await migrated.query<Record<string, unknown>[]>(
      `SELECT "id", "scope", "direction", "status", "last_synced_at"::text, "last_error", "last_error_kind",
              "created_at"::text, "updated_at"::text
       FROM "links" ORDER BY "id"`,
    );
    const expectedLinks = await migrated.query<Record<string, unknown>[]>(
      `SELECT "id", 'rule' AS "scope", "direction", "status", "last_synced_at"::text, "last_error", "last_error_kind",
              "created_at"::text, "updated_at"::text
       FROM jsonb_populate_recordset(NULL::"links", $1::jsonb) ORDER BY "id"`,
      [JSON.stringify(links.map((link) => ({ ...link, scope: 'rule' })))],
    );
    // (the one link given microseconds above carries them)
    const withMicros = expectedLinks.find((link) => link['id'] === links[2]!.id)!;
    withMicros['updated_at'] = '2026-11-21 08:00:00.123456+00';
    withMicros['last_synced_at'] = '2026-11-21 07:59:59.654321+00';
    expect(carried).toEqual(expectedLinks);

    // …and one side row per vendor side that had an id, a name or a hash, holding exactly those.
    const sides = await migrated.query<Record<string, unknown>[]>(
      `SELECT "link_id", "scope", "vendor", "external_id", "name", "hash" FROM "link_sides" ORDER BY "link_id", "vendor"`,
    );
    const expectedSides = links.flatMap((link) =>
      (
        [
          ['feishu', link.feishu_group_id, link.feishu_group_name, link.feishu_hash],
          ['wecom', link.wecom_rule_id, link.wecom_rule_name, link.wecom_hash],
        ] as const
      )
        .filter(([, id, name, hash]) => id !== null || name !== null || hash !== null)
        .map(([vendor, id, name, hash]) => ({
          link_id: link.id,
          scope: 'rule',
          vendor,
          external_id: id,
          name,
          hash,
        })),
    );
    expect(sides).toEqual(expectedSides);
    expect(sides.filter((side) => side['external_id'] === null && side['name'] !== null).length).toBeGreaterThan(0);
    expect(sides.filter((side) => side['external_id'] === null && side['name'] === null).length).toBeGreaterThan(0);

    // The store reads every link back as the GroupLink the old row was.
    const read = await readLinks(migrated);
    const asGroupLink = (link: OldLink): Omit<GroupLink, 'lastSyncedAt' | 'updatedAt' | 'sides'> => ({
      id: link.id,
      feishuGroupId: link.feishu_group_id,
      feishuGroupName: link.feishu_group_name,
      wecomRuleId: link.wecom_rule_id,
      wecomRuleName: link.wecom_rule_name,
      direction: link.direction as GroupLink['direction'],
      status: link.status as GroupLink['status'],
      feishuHash: link.feishu_hash,
      wecomHash: link.wecom_hash,
      lastError: link.last_error,
      lastErrorKind: link.last_error_kind as GroupLink['lastErrorKind'],
      createdAt: link.created_at,
      writtenVendor: null,
    });
    expect(read.map(({ lastSyncedAt: _s, updatedAt: _u, sides: _sides, ...rest }) => rest)).toEqual(
      links.map(asGroupLink),
    );

    // Shift links and conflicts untouched, now hanging off links (and going with them).
    expect(await rowsAsText(migrated, 'shift_links')).toEqual(before.shifts);
    expect(await rowsAsText(migrated, 'sync_conflicts')).toEqual(before.conflicts);
    expect(await foreignKeys(migrated, 'shift_links')).toEqual([
      'fk_shift_links_link: FOREIGN KEY (group_link_id) REFERENCES links(id) ON DELETE CASCADE',
    ]);
    expect(await foreignKeys(migrated, 'sync_conflicts')).toEqual([
      'fk_sync_conflicts_link: FOREIGN KEY (group_link_id) REFERENCES links(id) ON DELETE CASCADE',
    ]);
    await expect(
      migrated.query(
        `INSERT INTO "shift_links" ("group_link_id", "wecom_kind", "wecom_key") VALUES (gen_random_uuid(), 'schedule', 'x')`,
      ),
    ).rejects.toThrow(/fk_shift_links_link/);

    // Back: group_links as it was, row for row and byte for byte; the references on it as they were.
    await migrated.undoLastMigration({ transaction: 'each' });
    expect(await rowsAsText(migrated, 'group_links')).toEqual(before.links);
    expect(await groupLinksDefinition(migrated)).toEqual(before.definition);
    expect(await rowsAsText(migrated, 'shift_links')).toEqual(before.shifts);
    expect(await rowsAsText(migrated, 'sync_conflicts')).toEqual(before.conflicts);
    expect([
      ...(await foreignKeys(migrated, 'shift_links')),
      ...(await foreignKeys(migrated, 'sync_conflicts')),
    ]).toEqual(before.keys);
    expect(
      await migrated.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_name IN ('links', 'link_sides')`,
      ),
    ).toEqual([]);

    // And up again, as a rollback followed by a redeploy does.
    expect(await migrated.runMigrations({ transaction: 'each' })).toHaveLength(1);
    expect(await readLinks(migrated)).toEqual(read);
  } finally {
    await migrated.destroy();
  }
});

/**
 * The links as the store reads them. The repository reads today's schema, so the read runs with the columns
 * later migrations add, in a transaction rolled back after it.
 */
async function readLinks(dataSource: DataSource): Promise<GroupLink[]> {
  const reader = dataSource.createQueryRunner();
  await reader.startTransaction();
  try {
    await new LinkWrittenSide1796500000000().up(reader);
    return await new GroupLinkRepository(reader.manager).list();
  } finally {
    await reader.rollbackTransaction();
    await reader.release();
  }
}
