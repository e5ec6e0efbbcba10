import { jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '@app/migrations';
import { DataDirInUseError, openMappingStore, type MappingStore } from '../index.js';
import { openEmbeddedPostgres } from './embedded-postgres.js';
import { PglitePool } from './pglite-pool.js';

// These tests are about the embedded back-end itself, so they always use it, whatever DATABASE_URL says.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('embedded PostgreSQL transactions', () => {
  let store: MappingStore;

  beforeAll(async () => {
    ({ store } = await openMappingStore({ kind: 'embedded' }, { migrations: MIGRATIONS, runMigrations: true }));
  });

  afterAll(() => store.close());

  it('isolates two concurrent transactions: the rolled-back one leaves nothing, the other commits', async () => {
    let rolledBackInserted!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (rolledBackInserted = resolve));

    const doomed = store.transaction(async (tx) => {
      await tx.users.upsertMany([{ feishuUserId: 'doomed-f', wecomUserId: 'doomed-w' }]);
      rolledBackInserted();
      // Stay open while the other transaction runs; on a shared session its COMMIT would commit our row.
      await sleep(100);
      throw new Error('roll me back');
    });
    await firstHasWritten;
    const committed = store.transaction(async (tx) => {
      await tx.users.upsertMany([{ feishuUserId: 'kept-f', wecomUserId: 'kept-w' }]);
    });

    await expect(doomed).rejects.toThrow('roll me back');
    await committed;
    expect(await store.users.toWecom(['doomed-f', 'kept-f'])).toEqual(new Map([['kept-f', 'kept-w']]));
  });

  it('runs many concurrent transactions to completion one at a time, losing none', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.departments.upsertMany([{ feishuDepartmentId: `od-${i}`, wecomPartyId: `${i}` }]);
          await sleep(1);
          await tx.departments.upsertMany([{ feishuDepartmentId: `od-${i}-b`, wecomPartyId: `${i}-b` }]);
        }),
      ),
    );
    expect(await store.departments.count()).toBe(50);
  });
});

describe('PglitePool', () => {
  it('rolls back a transaction whose lease is returned while still open', async () => {
    const embedded = await openEmbeddedPostgres();
    const pool = new PglitePool(embedded.db);
    try {
      const first = await pool.connect();
      await first.query('CREATE TABLE t (v int)');
      await first.query('BEGIN');
      await first.query('INSERT INTO t VALUES ($1)', [1]);
      first.release();
      const second = await pool.connect();
      const { rows } = await second.query('SELECT count(*) AS n FROM t');
      second.release();
      // pg returns int8 as a string; the adapter must too.
      expect(rows).toEqual([{ n: '0' }]);
    } finally {
      await pool.end();
    }
  });

  it('turns a nested acquire (a deadlock on one connection) into a clear error', async () => {
    const embedded = await openEmbeddedPostgres();
    const pool = new PglitePool(embedded.db, { acquireTimeoutMs: 50 });
    try {
      const held = await pool.connect();
      await expect(pool.connect()).rejects.toThrow(/transaction’s own manager/);
      held.release();
      const next = await pool.connect();
      next.release();
    } finally {
      await pool.end();
    }
  });

  it('reports errors to callback-style callers without an unhandled rejection', async () => {
    const embedded = await openEmbeddedPostgres();
    const pool = new PglitePool(embedded.db);
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const client = await pool.connect();
      const error = await new Promise<Error | null>((resolve) =>
        client.query('SELECT * FROM missing', (e) => resolve(e)),
      );
      client.release();
      expect(error?.message).toMatch(/missing/);
      await sleep(20);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      await pool.end();
    }
  });
});

describe('embedded PostgreSQL on disk', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gateway-data-'));
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps data across a restart with the same DATA_DIR, applying migrations only once', async () => {
    const first = await openMappingStore(
      { kind: 'embedded', dataDir },
      { migrations: MIGRATIONS, runMigrations: true },
    );
    expect(first.migrations.applied).toHaveLength(MIGRATIONS.length);
    await first.store.users.upsertMany([{ feishuUserId: 'persisted', wecomUserId: 'persisted-w' }]);
    await first.store.close();

    const second = await openMappingStore(
      { kind: 'embedded', dataDir },
      { migrations: MIGRATIONS, runMigrations: true },
    );
    try {
      expect(second.migrations.applied).toEqual([]);
      expect(await second.store.users.toWecom(['persisted'])).toEqual(new Map([['persisted', 'persisted-w']]));
    } finally {
      await second.store.close();
    }
  });

  it('refuses a second opener of the same DATA_DIR while the first is open', async () => {
    const owner = await openEmbeddedPostgres(dataDir);
    try {
      // The lock holds the pid of a live process; pretend it is another process by using our parent's pid.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dataDir, 'gateway.pid'), String(process.ppid));
      await expect(openEmbeddedPostgres(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await owner.close();
    }
  });

  it('takes over the lock of a process that died', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'gateway.pid'), '999999999');
    const embedded = await openEmbeddedPostgres(dataDir);
    await embedded.close();
  });

  it('refuses to open a schema that is behind when told not to migrate', async () => {
    await expect(
      openMappingStore({ kind: 'embedded', dataDir }, { migrations: MIGRATIONS, runMigrations: false }),
    ).rejects.toThrow(/pending migrations/);
  });
});
