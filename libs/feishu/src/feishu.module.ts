import { type DynamicModule, type FactoryProvider, Module } from '@nestjs/common';
import { FeishuClient } from './client/feishu.client.js';
import type { FeishuClientOptions } from './client/feishu-client.options.js';

export interface FeishuModuleAsyncOptions {
  readonly imports?: DynamicModule['imports'];
  readonly inject?: FactoryProvider['inject'];
  /** The client's options, typically the app config's Feishu slice (the library reads no environment). */
  readonly useFactory: (...args: never[]) => FeishuClientOptions | Promise<FeishuClientOptions>;
}

const FEISHU_CLIENT_OPTIONS = Symbol('FeishuClientOptions');

/** Provides one FeishuClient built from options the app supplies. */
@Module({})
export class FeishuModule {
  static forRootAsync(options: FeishuModuleAsyncOptions): DynamicModule {
    return {
      module: FeishuModule,
      imports: options.imports ?? [],
      providers: [
        { provide: FEISHU_CLIENT_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: FeishuClient,
          inject: [FEISHU_CLIENT_OPTIONS],
          useFactory: (resolved: FeishuClientOptions) => new FeishuClient(resolved),
        },
      ],
      exports: [FeishuClient],
    };
  }
}
