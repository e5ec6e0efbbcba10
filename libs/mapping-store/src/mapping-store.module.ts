import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type FactoryProvider,
} from '@nestjs/common';
import type { DatabaseTarget, MigrationClass } from './mapping-store.data-source.js';
import { MappingStore } from './mapping-store.js';
import { openMappingStore } from './open-mapping-store.js';

export interface MappingStoreModuleOptions {
  readonly target: DatabaseTarget;
  readonly migrations: readonly MigrationClass[];
  readonly runMigrations: boolean;
}

export interface MappingStoreModuleAsyncOptions {
  readonly imports?: DynamicModule['imports'];
  readonly inject?: FactoryProvider['inject'];
  readonly useFactory: (...args: never[]) => MappingStoreModuleOptions | Promise<MappingStoreModuleOptions>;
}

const OPTIONS = Symbol('MappingStoreModuleOptions');

function describeTarget(target: DatabaseTarget, version: string): string {
  if (target.kind === 'embedded')
    return `embedded PostgreSQL ${version} in ${target.dataDir ?? 'a temporary directory'}`;
  const url = new URL(target.url);
  return `PostgreSQL ${version} at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Provides the MappingStore, opened (and migrated, unless told not to) before the app starts serving. */
@Global()
@Module({})
export class MappingStoreModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('MappingStore');

  constructor(@Inject(MappingStore) private readonly store: MappingStore) {}

  static forRootAsync(options: MappingStoreModuleAsyncOptions): DynamicModule {
    return {
      module: MappingStoreModule,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: MappingStore,
          inject: [OPTIONS],
          useFactory: async (resolved: MappingStoreModuleOptions) => {
            const { store, migrations, serverVersion } = await openMappingStore(resolved.target, resolved);
            const database = describeTarget(resolved.target, serverVersion);
            MappingStoreModule.logger.log(
              { database, serverVersion, migrationsApplied: migrations.applied },
              `Mapping store ready on ${database}` +
                (migrations.applied.length ? `; applied ${migrations.applied.join(', ')}` : ''),
            );
            return store;
          },
        },
      ],
      exports: [MappingStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
