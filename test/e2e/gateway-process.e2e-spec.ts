import { jest } from '@jest/globals';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMappingStore } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { GATEWAY_HEALTHY_WITHIN_MS, startGateway, waitForHealth } from '../support/gateway-process.js';
import { createTestDatabase } from '../support/test-database.js';
import { waitUntil } from '../support/wait-for.js';

// The built entry point, started the way an operator starts it.

// A healthy gateway's start-up lines reach its stdout pipe within this; a bound for a hang only.
const LOGGED_WITHIN_MS = 30_000;
// A test here starts the gateway up to three times, each within GATEWAY_HEALTHY_WITHIN_MS.
jest.setTimeout(4 * GATEWAY_HEALTHY_WITHIN_MS);

describe('gateway process', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gateway-process-'));
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'abc' }, /^attendance-sync-gateway: PORT must be an integer 0-65535, got "abc"\n$/],
    [{ DATABASE_URL: 'postgres//broken' }, /^attendance-sync-gateway: DATABASE_URL must be a PostgreSQL URL.*\n$/],
    [{ GATEWAY_API_TOKEN: '' }, /^attendance-sync-gateway: GATEWAY_API_TOKEN must be set.*\n$/],
  ])('refuses to start on %j with one line naming the variable', async (bad, expected) => {
    const gateway = startGateway({ GATEWAY_API_TOKEN: 'tok', DATA_DIR: dataDir, ...bad });
    const { code } = await gateway.exited;
    expect(code).toBe(1);
    expect(gateway.stderr()).toMatch(expected);
    expect(gateway.stdout()).toBe('');
  });

  it('serves /health with only GATEWAY_API_TOKEN set, and keeps its data across a restart', async () => {
    // Only the token (and where to listen, any free port, and keep data, so the test does not touch ./.data).
    const env = { GATEWAY_API_TOKEN: 'process-test-token', PORT: '0', DATA_DIR: dataDir };

    const first = startGateway(env);
    const { port } = await waitForHealth(first, GATEWAY_HEALTHY_WITHIN_MS);
    // The port the operating system chose is in the log too, for an operator who set PORT=0. The log reaches
    // the pipe after the gateway answers, at its own pace (pino writes asynchronously): once on a loaded machine
    // nothing of it had arrived yet when /health did.
    await waitUntil(() => first.stdout().includes('"msg":"Gateway listening"'), 'the gateway listening in its log', {
      timeoutMs: LOGGED_WITHIN_MS,
    });
    expect(first.stdout()).toContain(`"port":${port},"msg":"Gateway listening"`);
    expect(first.stdout()).toContain('applied CreateMappingStore');
    // The embedded default is real PostgreSQL, and the start-up log says which.
    expect(first.stdout()).toMatch(/Mapping store ready on embedded PostgreSQL 18\.\d+ in /);
    await first.stop();
    // Stopped with the gateway: no server left running on DATA_DIR.
    await expect(access(join(dataDir, 'postgres18', 'postmaster.pid'))).rejects.toThrow();

    // Write through the store while the gateway is down (there is no write API yet in this issue).
    const opened = await openMappingStore(
      { kind: 'embedded', dataDir },
      { migrations: MIGRATIONS, runMigrations: true },
    );
    expect(opened.migrations.applied).toEqual([]);
    await opened.store.users.upsertMany([{ feishuUserId: 'kept-across-restart', wecomUserId: 'w-kept' }]);
    await opened.store.close();

    const second = startGateway(env);
    await waitForHealth(second, GATEWAY_HEALTHY_WITHIN_MS);
    await waitUntil(() => second.stdout().includes('"msg":"Gateway listening"'), 'the restart in its log', {
      timeoutMs: LOGGED_WITHIN_MS,
    });
    expect(second.stdout()).toContain('"migrationsApplied":[]');
    // A second gateway on the same DATA_DIR is refused instead of corrupting it.
    const intruder = startGateway(env);
    expect((await intruder.exited).code).toBe(1);
    expect(intruder.stderr()).toMatch(/DATA_DIR .* is in use by process \d+/);
    await second.stop();

    const reopened = await openMappingStore(
      { kind: 'embedded', dataDir },
      { migrations: MIGRATIONS, runMigrations: false },
    );
    try {
      expect(await reopened.store.users.toWecom(['kept-across-restart'])).toEqual(
        new Map([['kept-across-restart', 'w-kept']]),
      );
    } finally {
      await reopened.store.close();
    }
  });

  it('migrate applies pending migrations once, without needing the API token', async () => {
    const database = await createTestDatabase();
    const env: Record<string, string> =
      database.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { DATA_DIR: dataDir };
    try {
      const first = startGateway(env, ['migrate']);
      expect(await first.exited).toEqual({ code: 0, signal: null });
      const names = MIGRATIONS.map((migration) => migration.name);
      expect(first.stdout()).toBe(`Applied ${names.length} migration(s): ${names.join(', ')}\n`);
      const second = startGateway(env, ['migrate']);
      expect((await second.exited).code).toBe(0);
      expect(second.stdout()).toBe('Database schema is up to date; nothing to apply.\n');
    } finally {
      await database.drop();
    }
  });

  it('with MIGRATIONS_RUN=false refuses a database whose schema is behind', async () => {
    const gateway = startGateway({
      GATEWAY_API_TOKEN: 't',
      DATA_DIR: dataDir,
      MIGRATIONS_RUN: 'false',
      PORT: '0',
    });
    expect((await gateway.exited).code).toBe(1);
    expect(gateway.stderr()).toContain('pending migrations');
  });
});
