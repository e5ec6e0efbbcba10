import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WecomClient } from './client/wecom.client.js';
import { WecomModule } from './wecom.module.js';
import type { WecomClientOptions } from './wecom.options.js';

@Injectable()
class FakeConfig {
  readonly wecom = { corpId: 'ww1', corpSecret: 's', baseUrl: 'http://127.0.0.1:1' };
}

@Module({ providers: [FakeConfig], exports: [FakeConfig] })
class FakeConfigModule {}

describe('WecomModule.forRootAsync', () => {
  it('provides one WecomClient built from the options the app injects', async () => {
    const seen: WecomClientOptions[] = [];
    const moduleRef = await Test.createTestingModule({
      imports: [
        WecomModule.forRootAsync({
          imports: [FakeConfigModule],
          inject: [FakeConfig],
          useFactory: (config: FakeConfig) => {
            seen.push(config.wecom);
            return config.wecom;
          },
        }),
      ],
    }).compile();
    expect(moduleRef.get(WecomClient)).toBeInstanceOf(WecomClient);
    expect(moduleRef.get(WecomClient)).toBe(moduleRef.get(WecomClient));
    expect(seen).toEqual([{ corpId: 'ww1', corpSecret: 's', baseUrl: 'http://127.0.0.1:1' }]);
    await moduleRef.close();
  });
});
