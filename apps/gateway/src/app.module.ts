import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { MappingStoreModule } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { consoleStaticModule } from './console-static/console-static.module.js';
import { HealthModule } from './health/health.module.js';
import { BearerAuthMiddleware } from './http/bearer-auth.middleware.js';
import { buildLoggerParams } from './logging/logger.options.js';
import { MappingsModule } from './mappings/mappings.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OPENAPI_ROUTES } from './openapi/openapi.setup.js';
import { SyncModule } from './sync/sync.module.js';
import { VendorsModule } from './vendors/vendors.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface AppModuleOptions {
  /** Where log lines go (stdout by default); tests capture them to prove no secret leaks. */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const { runMigrations, ...target } = config.database;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(buildLoggerParams(config.log.level, options.logDestination)),
        MappingStoreModule.forRootAsync({ useFactory: () => ({ target, migrations: MIGRATIONS, runMigrations }) }),
        MetricsModule,
        HealthModule,
        VendorsModule.forRoot(config),
        MappingsModule,
        SyncModule,
        WebhooksModule,
        consoleStaticModule(),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(BearerAuthMiddleware)
      // The API documentation is public, like /health; every /api/v1 route keeps its token.
      .exclude(...OPENAPI_ROUTES.map((path) => ({ path, method: RequestMethod.GET })))
      .forRoutes({ path: 'api', method: RequestMethod.ALL }, { path: 'api/*path', method: RequestMethod.ALL });
  }
}
