import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { MappingStore } from '@app/mapping-store';
import { WECOM_CLIENT_OPTIONS, WecomClient, type WecomClientOptions } from '@app/wecom';
import { AppModule } from '../../apps/gateway/src/app.module.js';
import { configureApp } from '../../apps/gateway/src/app.setup.js';
import { loadAppConfig } from '../../apps/gateway/src/config/app-config.js';
import { LogCapture } from '../support/log-capture.js';
import { createTestDatabase } from '../support/test-database.js';

export interface InProcessGateway {
  readonly baseUrl: string;
  readonly store: MappingStore;
  readonly logs: LogCapture;
  close(): Promise<void>;
}

/**
 * The real AppModule on a fresh test database (test/support/test-database.ts), listening on a free port so the suite talks to it over HTTP like to a process.
 *
 * One difference from production, stated here so nobody mistakes it for the gateway's behaviour: after WeCom's
 * 45009 the client stays away from the API for `wecomThrottleBackoffMs` instead of 60 s. Real WeCom blocks a
 * throttled API for a minute, so 60 s is right there; the emulator's *injected* 45009 blocks nothing, and at
 * 10 % of all calls a minute per hit would make the suite take an hour. The code path (refused → wait the
 * requested time → send again) is the same.
 */
export async function startInProcessGateway(
  env: Record<string, string>,
  options: { readonly apiToken: string; readonly wecomThrottleBackoffMs: number },
): Promise<InProcessGateway> {
  const database = await createTestDatabase();
  const config = loadAppConfig({
    GATEWAY_API_TOKEN: options.apiToken,
    LOG_LEVEL: 'info',
    DATABASE_URL: database.target.url,
    ...env,
  });
  const logs = new LogCapture();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { logDestination: logs })],
  })
    .overrideProvider(WecomClient)
    .useFactory({
      inject: [WECOM_CLIENT_OPTIONS],
      factory: (clientOptions: WecomClientOptions) =>
        new WecomClient({ ...clientOptions, throttleBackoffMs: options.wecomThrottleBackoffMs }),
    })
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store: app.get(MappingStore),
    logs,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
