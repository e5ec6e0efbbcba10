import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openMappingStore, RunQueue } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { type AppConfig, ConfigError, type ConfigPurpose, loadAppConfig } from './config/app-config.js';

// Start-up failures print one plain line (not a JSON log) and exit non-zero: they are for a human.
function fail(message: string): never {
  process.stderr.write(`attendance-sync-gateway: ${message}\n`);
  process.exit(1);
}

function configFor(purpose: ConfigPurpose): AppConfig {
  try {
    return loadAppConfig(process.env, purpose);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/**
 * `migrate`: apply pending migrations to the configured database, install or upgrade the run queue's schema
 * (pg-boss's own), print what was applied, exit.
 */
async function migrate(): Promise<void> {
  const { runMigrations: _ignored, ...target } = configFor('migrate').database;
  const { store, migrations } = await openMappingStore(target, { migrations: MIGRATIONS, runMigrations: true });
  try {
    await RunQueue.install(store);
  } finally {
    await store.close();
  }
  process.stdout.write(
    migrations.applied.length
      ? `Applied ${migrations.applied.length} migration(s): ${migrations.applied.join(', ')}\n`
      : 'Database schema is up to date; nothing to apply.\n',
  );
}

async function serve(): Promise<void> {
  const config = configFor('serve');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(config.http.port);
  // With PORT=0 the operating system picks the port: say which. A parent that started the gateway with an IPC
  // channel (the test launcher, test/support/gateway-process.ts) gets it as a message, whatever the log level.
  // The channel is left as it is: it belongs to the parent (a process manager may use it too).
  const { port } = app.getHttpServer().address() as AddressInfo;
  new Logger('Gateway').log({ port }, 'Gateway listening');
  process.send?.({ event: 'listening', port } satisfies GatewayListening);
}

/** The IPC message a gateway started with an IPC channel sends once it listens. */
interface GatewayListening {
  readonly event: 'listening';
  readonly port: number;
}

const command = process.argv[2] ?? 'serve';
const commands: Record<string, () => Promise<void>> = { serve, migrate };
const run = commands[command];
if (!run) fail(`unknown command "${command}"; use "serve" (default) or "migrate"`);
run().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
