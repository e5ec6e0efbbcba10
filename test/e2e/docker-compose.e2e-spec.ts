import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLE_NAMES } from '../../apps/gateway/src/config/env.schema.js';
import { GATEWAY_HEALTHY_WITHIN_MS, startGateway, waitForHealth } from '../support/gateway-process.js';
import { createTestDatabase } from '../support/test-database.js';

// No Docker engine here, so the stack is checked by reading it and by running what its services run.

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

let services: Record<string, ComposeService>;

// The test runs the migrate command and then starts the gateway, so its own timeout allows for both.
const MIGRATE_AND_START_WITHIN_MS = 2 * GATEWAY_HEALTHY_WITHIN_MS;

/** Compose's ${VAR:-default} / ${VAR:?message} → the default (or the given value) for running it here. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g,
    (_m, name: string, fallback?: string) => given[name] ?? fallback ?? '',
  );
}

beforeAll(async () => {
  const compose = parse(await readFile('docker-compose.yml', 'utf8')) as { services: Record<string, ComposeService> };
  services = compose.services;
});

describe('docker-compose.yml', () => {
  it('chains postgres (healthy) → migrate (completed) → gateway (health-checked)', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'migrate', 'postgres']);
    expect(services['postgres']?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services['migrate']?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services['migrate']?.command).toEqual(['node', 'dist/apps/gateway/src/main.js', 'migrate']);
    expect(services['gateway']?.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(services['gateway']?.healthcheck?.test.join(' ')).toContain('/health');
    expect(services['gateway']?.environment?.['MIGRATIONS_RUN']).toBe('false');
  });

  it('sets only variables the gateway reads', () => {
    for (const name of ['migrate', 'gateway']) {
      for (const variable of Object.keys(services[name]?.environment ?? {})) {
        expect(ENVIRONMENT_VARIABLE_NAMES).toContain(variable);
      }
    }
  });

  it('wires every variable of the configuration contract into the gateway', () => {
    const set = Object.keys(services['gateway']?.environment ?? {});
    // DATA_DIR only matters without DATABASE_URL, which compose always sets.
    expect([...set, 'DATA_DIR'].sort()).toEqual([...ENVIRONMENT_VARIABLE_NAMES].sort());
  });

  it('builds from a Dockerfile whose final command is the gateway entry point', async () => {
    const dockerfile = await readFile(
      services['migrate']?.build ? join(services['migrate'].build, 'Dockerfile') : 'Dockerfile',
      'utf8',
    );
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile.trim().split('\n').at(-1)).toBe('CMD ["node", "dist/apps/gateway/src/main.js"]');
  });

  it(
    "runs the migrate service's command, then the gateway's, and passes the gateway's healthcheck",
    async () => {
      const database = await createTestDatabase();
      const dataDir = await mkdtemp(join(tmpdir(), 'compose-'));
      try {
        const given: Record<string, string> = { GATEWAY_API_TOKEN: 'compose-token' };
        const envOf = (service: ComposeService): Record<string, string> => {
          const env = Object.fromEntries(
            Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), given)]),
          );
          // Point at the test database instead of the compose network's host "postgres".
          if (database.target.kind === 'postgres') env['DATABASE_URL'] = database.target.url;
          else {
            delete env['DATABASE_URL'];
            env['DATA_DIR'] = dataDir;
          }
          return env;
        };

        const migrateService = services['migrate']!;
        const migrate = startGateway(envOf(migrateService), migrateService.command!.slice(2));
        expect((await migrate.exited).code).toBe(0);

        const gatewayService = services['gateway']!;
        const gateway = startGateway({ ...envOf(gatewayService), PORT: '0' }, gatewayService.command!.slice(2));
        try {
          const { port } = await waitForHealth(gateway, GATEWAY_HEALTHY_WITHIN_MS);
          const [binary, ...args] = gatewayService.healthcheck!.test.slice(1);
          expect(binary).toBe('node');
          const probe = args.map((arg) => arg.replace('127.0.0.1:3000', `127.0.0.1:${port}`));
          expect(() => execFileSync(process.execPath, probe, { stdio: 'pipe' })).not.toThrow();
        } finally {
          await gateway.stop();
        }
      } finally {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    MIGRATE_AND_START_WITHIN_MS,
  );
});
