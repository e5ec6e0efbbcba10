import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { WecomClient } from './client/wecom.client.js';
import type { WecomClientOptions } from './wecom.options.js';

export const WECOM_CLIENT_OPTIONS = Symbol('WECOM_CLIENT_OPTIONS');

export interface WecomModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  // Nest resolves the factory's arguments from `inject` at run time, so their types cannot be stated here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly useFactory: (...args: any[]) => WecomClientOptions | Promise<WecomClientOptions>;
}

/**
 * Provides one WecomClient built from options the app supplies (the lib reads no environment), e.g.
 * `WecomModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => ({ ...c.wecom }) })`.
 */
@Module({})
export class WecomModule {
  static forRootAsync(options: WecomModuleAsyncOptions): DynamicModule {
    return {
      module: WecomModule,
      imports: options.imports ?? [],
      providers: [
        { provide: WECOM_CLIENT_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: WecomClient,
          inject: [WECOM_CLIENT_OPTIONS],
          useFactory: (clientOptions: WecomClientOptions) => new WecomClient(clientOptions),
        },
      ],
      exports: [WecomClient],
    };
  }
}
