import { type DynamicModule, Module } from '@nestjs/common';
import { FeishuModule } from '@app/feishu';
import { WecomModule } from '@app/wecom';
import { type AppConfig, requireFeishuCredentials, requireWecomCredentials } from '../config/app-config.js';
import { combineObservers } from '@app/vendor-http';
import { VendorCallLog } from '../logging/vendor-call.log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { VendorClients } from './vendor-clients.service.js';
import { VendorGroupsController } from './vendor-groups.controller.js';
import { VendorGroupsService } from './vendor-groups.service.js';
import { VendorStatusService } from './vendor-status.service.js';
import { VendorsController } from './vendors.controller.js';

/** Registers a vendor's client module only when its credentials are configured (they are optional). */
@Module({})
export class VendorsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const feishu = config.feishu.appId && config.feishu.appSecret;
    const wecom = config.wecom.corpId && config.wecom.corpSecret;
    // Both clients report every exchange, rate-limit wait and token fetch to the metrics and the log.
    const callLog = new VendorCallLog();
    return {
      module: VendorsModule,
      // Global: the sync engine and the API share these clients (one token cache and rate limiter per vendor).
      global: true,
      imports: [
        ...(feishu
          ? [
              FeishuModule.forRootAsync({
                inject: [{ token: MetricsService, optional: true }],
                useFactory: (metrics?: MetricsService) => ({
                  ...requireFeishuCredentials(config),
                  baseUrl: config.feishu.baseUrl,
                  employeeType: config.feishu.employeeType,
                  deptType: config.feishu.deptType,
                  observer: combineObservers(metrics, callLog),
                }),
              }),
            ]
          : []),
        ...(wecom
          ? [
              WecomModule.forRootAsync({
                inject: [{ token: MetricsService, optional: true }],
                useFactory: (metrics?: MetricsService) => ({
                  ...requireWecomCredentials(config),
                  baseUrl: config.wecom.baseUrl,
                  observer: combineObservers(metrics, callLog),
                }),
              }),
            ]
          : []),
      ],
      controllers: [VendorsController, VendorGroupsController],
      providers: [VendorClients, VendorStatusService, VendorGroupsService],
      exports: [VendorClients],
    };
  }
}
