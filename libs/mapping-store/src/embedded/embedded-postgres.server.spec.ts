import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '@app/migrations';
import { DataDirInUseError, openMappingStore, type MappingStore } from '../index.js';
import { openEmbeddedPostgres } from './embedded-postgres.server.js';

// These tests are about the embedded back-end itself, so they always use it, whatever DATABASE_URL says.
// Each opens its own server (a second or two for initdb and start-up).

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('embedded PostgreSQL transactions', () => {
  let store: MappingStore;
  let serverVersion: string;

  beforeAll(async () => {
    ({ store, serverVersion } = await openMappingStore(
      { kind: 'embedded' },
      { migrations: MIGRATIONS, runMigrations: true },
    ));
  });

  it('is real PostgreSQL 18', () => {
    expect(serverVersion).toMatch(/^18\.\d+/);
  });

  afterAll(() => store.close());

  it('isolates two concurrent transactions: the rolled-back one leaves nothing, the other commits', async () => {
    let rolledBackInserted!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (rolledBackInserted = resolve));
    let otherSettled!: () => void;
    const otherHasCommitted = new Promise<void>((resolve) => (otherSettled = resolve));

    const doomed = store.transaction(async (tx) => {
      await tx.users.upsertMany([{ feishuUserId: 'doomed-f', wecomUserId: 'doomed-w' }]);
      rolledBackInserted();
      // Stay open until the other transaction has committed (not for a fixed while, which a slow machine may not
      // fill): on a shared session its COMMIT would commit our row. A store that made it wait for us instead
      // fails here rather than hanging.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        otherHasCommitted,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the other transaction did not commit meanwhile')), 20_000);
        }),
      ]).finally(() => clearTimeout(timer));
      throw new Error('roll me back');
    });
    await firstHasWritten;
    const committed = store.transaction(async (tx) => {
      await tx.users.upsertMany([{ feishuUserId: 'kept-f', wecomUserId: 'kept-w' }]);
    });
    void committed.finally(otherSettled).catch(() => undefined);

    await expect(doomed).rejects.toThrow('roll me back');
    await committed;
    expect(await store.users.toWecom(['doomed-f', 'kept-f'])).toEqual(new Map([['kept-f', 'kept-w']]));
  });

  it('runs many concurrent transactions to completion, losing none', async () => {
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
      await writeFile(join(dataDir, 'gateway.pid'), String(process.ppid));
      await expect(openEmbeddedPostgres(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await owner.close();
    }
  });

  it('refuses a second opener in the same process', async () => {
    const owner = await openEmbeddedPostgres(dataDir);
    try {
      await expect(openEmbeddedPostgres(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await owner.close();
    }
    // Closed: the server is down (no postmaster.pid) and the directory can be opened again.
    await expect(access(join(dataDir, 'postgres18', 'postmaster.pid'))).rejects.toThrow();
    await (await openEmbeddedPostgres(dataDir)).close();
  });

  it('takes over the lock of a process that died', async () => {
    await writeFile(join(dataDir, 'gateway.pid'), '999999999');
    const embedded = await openEmbeddedPostgres(dataDir);
    await embedded.close();
  });

  it('refuses to open a schema that is behind when told not to migrate', async () => {
    await expect(
      openMappingStore({ kind: 'embedded', dataDir }, { migrations: MIGRATIONS, runMigrations: false }),
    ).rejects.toThrow(/pending migrations/);
  });

  it('after a gateway killed with SIGKILL, stops the server it left running and starts on the same data', async () => {
    // A separate Node process opens the store from the built entry points (dist/, built by the global setup),
    // writes a row, and is killed without any chance to stop its server.
    const script = `
      const { openMappingStore } = await import('./dist/libs/mapping-store/src/index.js');
      const { MIGRATIONS } = await import('./dist/migrations/index.js');
      const { store } = await openMappingStore({ kind: 'embedded', dataDir: process.argv[1] }, { migrations: MIGRATIONS, runMigrations: true });
      await store.users.upsertMany([{ feishuUserId: 'before-kill', wecomUserId: 'before-kill-w' }]);
      process.stdout.write('ready\\n');
      setInterval(() => {}, 60_000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    expect(chunk.toString()).toContain('ready');
    child.kill('SIGKILL');
    await once(child, 'exit');
    // Its server still runs (pg_ctl started it in a session of its own).
    await expect(access(join(dataDir, 'postgres18', 'postmaster.pid'))).resolves.toBeUndefined();

    const { store } = await openMappingStore(
      { kind: 'embedded', dataDir },
      { migrations: MIGRATIONS, runMigrations: true },
    );
    try {
      expect(await store.users.toWecom(['before-kill'])).toEqual(new Map([['before-kill', 'before-kill-w']]));
    } finally {
      await store.close();
    }
  });

  it('refuses a DATA_DIR written by the earlier embedded engine (PGlite), naming what to do', async () => {
    await mkdir(join(dataDir, 'pgdata'), { recursive: true });
    await writeFile(join(dataDir, 'pgdata', 'PG_VERSION'), '17\n');
    await expect(openEmbeddedPostgres(dataDir)).rejects.toThrow(/PGlite.*remove that directory/s);
  });
});
