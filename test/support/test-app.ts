import { Test } from '@nestjs/testing';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { AppModule } from '../../apps/gateway/src/app.module.js';
import { configureApp } from '../../apps/gateway/src/app.setup.js';
import { type AppConfig, loadAppConfig } from '../../apps/gateway/src/config/app-config.js';
import {
  createTestDatabase,
  keepAsSnapshot,
  settleConnections,
  type TestDatabase,
  type TestDatabaseSnapshot,
} from './test-database.js';
import { LogCapture } from './log-capture.js';
// nestjs-pino builds one pino-http instance per process, on first use, and every app made after it logs into
// that first app's destination (node_modules/nestjs-pino/dist/esm/rootLogger.js). Its reset for tests is not
// among the package's exports, hence the path. The reset comes after the database's drop: a log line the drop
// causes (pg-boss reporting a connection the drop ended) still finds the closed app's logger, where after a reset
// it would find none and throw, failing whichever test runs then (seen in a loaded run of rules-sync, 2026-12-07,
// when the reset came first).
import { __resetOutOfContextForTests as forgetNestPinoRootLogger } from '../../node_modules/nestjs-pino/dist/esm/PinoLogger.js';

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly logs: LogCapture;
  close(): Promise<void>;
  /** Closes the app and keeps its database as a snapshot later apps can start from (`createTestApp`'s `from`). */
  closeIntoSnapshot(): Promise<TestDatabaseSnapshot>;
}

export interface CreateTestAppOptions {
  /** Start on a copy of this database snapshot instead of a fresh, empty one. */
  readonly from?: TestDatabaseSnapshot;
}

export const TEST_API_TOKEN = 'e2e-token-4f1c9a7d2b';

/**
 * The real AppModule (config, logging, store with migrations, health, auth) on a fresh test database,
 * configured exactly as main.ts configures it. `extraImports` lets a test mount probe controllers.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  extraImports: (Type | DynamicModule | ForwardReference)[] = [],
  options: CreateTestAppOptions = {},
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase(options);
  const config = loadAppConfig({
    GATEWAY_API_TOKEN: TEST_API_TOKEN,
    LOG_LEVEL: 'debug',
    DATABASE_URL: database.target.url,
    ...env,
  });
  const logs = new LogCapture();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { logDestination: logs }), ...extraImports],
  })
    // ServeStaticModule picks its loader from the HTTP adapter at compile time, which a testing module only gets
    // afterwards (createNestApplication): without this it would serve nothing. main.ts's NestFactory has the
    // adapter from the start and picks the Express loader itself.
    .overrideProvider(AbstractLoader)
    .useValue(new ExpressLoader())
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.init();
  return {
    app,
    config,
    logs,
    close: async () => {
      await app.close();
      await database.drop();
      // The next test app of the file (a test's own, made in a beforeEach) then logs into its own capture.
      forgetNestPinoRootLogger();
    },
    closeIntoSnapshot: async () => {
      await app.close();
      // Before the reset, for the same reason as the drop above: a connection ended here may still log.
      await settleConnections(database);
      forgetNestPinoRootLogger();
      return keepAsSnapshot(database);
    },
  };
}
