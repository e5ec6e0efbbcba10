import { jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FeishuClient, type FeishuClientOptions, FeishuModule } from './index.js';

const FEISHU_SLICE = Symbol('FeishuSlice');

/** Stands in for the gateway's config module: it owns the Feishu slice of the configuration. */
@Module({
  providers: [
    {
      provide: FEISHU_SLICE,
      useValue: {
        appId: 'cli_test',
        appSecret: 'secret',
        baseUrl: 'http://127.0.0.1:9',
        employeeType: 'employee_id',
        deptType: 'open_id',
      } satisfies FeishuClientOptions,
    },
  ],
  exports: [FEISHU_SLICE],
})
class ConfigStubModule {}

describe('FeishuModule', () => {
  it('provides one FeishuClient built from options injected from another module', async () => {
    const factory = jest.fn((options: FeishuClientOptions) => options);
    const moduleRef = await Test.createTestingModule({
      imports: [
        FeishuModule.forRootAsync({ imports: [ConfigStubModule], inject: [FEISHU_SLICE], useFactory: factory }),
      ],
    }).compile();
    const client = moduleRef.get(FeishuClient);
    expect(client).toBeInstanceOf(FeishuClient);
    expect(moduleRef.get(FeishuClient)).toBe(client);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory.mock.calls[0]?.[0]).toMatchObject({ appId: 'cli_test' });
    await moduleRef.close();
  });
});
