import { ESLint } from 'eslint';

// The boundary rules only help if they fire. Each case lints a snippet as if it were an existing file of
// that library (typescript-eslint's project service accepts the text for a real path).

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('library boundaries', () => {
  it.each([
    [
      'libs/kernel/src/vendor.ts',
      `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/kernel/src/vendor.ts',
      `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/kernel/src/vendor.ts',
      `import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n`,
      'no-restricted-imports',
    ],
    ['libs/kernel/src/vendor.ts', `export const now = Date.now();\n`, 'no-restricted-syntax'],
    ['libs/kernel/src/vendor.ts', `export const today = new Date();\n`, 'no-restricted-syntax'],
    ['libs/kernel/src/vendor.ts', `export const port = process.env['PORT'];\n`, 'no-restricted-properties'],
    [
      'libs/mapping-store/src/mapping-store.ts',
      `export const url = process.env['DATABASE_URL'];\n`,
      'no-restricted-properties',
    ],
    [
      'libs/mapping-store/src/mapping-store.ts',
      `import { x } from '@app/wecom';\nexport const y = x;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/mapping-store/src/mapping-store.ts',
      `import { AppConfig } from '../../../apps/gateway/src/config/app-config.js';\nexport const y = AppConfig;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/mapping-store/src/mapping-store.ts',
      `import { x } from '@app/kernel/src/vendor.js';\nexport const y = x;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/feishu/src/client/feishu.client.ts',
      `import { WecomClient } from '@app/wecom';\nexport const x = WecomClient;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/feishu/src/client/feishu.client.ts',
      `import type { WecomCheckinData } from '@app/wecom/model';\nexport type X = WecomCheckinData;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/wecom/src/client/wecom.client.ts',
      `import { FeishuClient } from '@app/feishu';\nexport const x = FeishuClient;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/wecom/src/client/wecom.client.ts',
      `import { MappingStore } from '@app/mapping-store';\nexport const x = MappingStore;\n`,
      'no-restricted-imports',
    ],
    ['libs/wecom/src/model/index.ts', `import got from 'got';\nexport const x = got;\n`, 'no-restricted-imports'],
    ['libs/feishu/src/model/index.ts', `export const now = Date.now();\n`, 'no-restricted-syntax'],
    [
      'libs/feishu/src/model/index.ts',
      `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/vendor-http/src/index.ts',
      `import { FeishuClient } from '@app/feishu';\nexport const x = FeishuClient;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/feishu/src/client/feishu.client.ts',
      `export const id = process.env['FEISHU_APP_ID'];\n`,
      'no-restricted-properties',
    ],
    [
      'libs/translation/src/canonical/loss.ts',
      `import { WecomClient } from '@app/wecom';\nexport const x = WecomClient;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/translation/src/canonical/loss.ts',
      `import { readFile } from 'node:fs';\nexport const x = readFile;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/app.module.ts',
      `export const token = process.env['GATEWAY_API_TOKEN'];\n`,
      'no-restricted-properties',
    ],
    ['apps/gateway/src/app.module.ts', `console.log('hello');\n`, 'no-console'],
  ])('%s rejects %j', async (filePath, code, ruleId) => {
    expect(await ruleIdsFor(filePath, code)).toContain(ruleId);
  });

  it('lets the config module read the environment', async () => {
    expect(
      await ruleIdsFor('apps/gateway/src/config/app-config.ts', `export const p = process.env['PORT'];\n`),
    ).not.toContain('no-restricted-properties');
  });

  it('lets translation import the vendor wire models', async () => {
    const code = `import { wecomCheckinGroupCreateSchema } from '@app/wecom/model';\nexport const x = wecomCheckinGroupCreateSchema;\n`;
    expect(await ruleIdsFor('libs/translation/src/canonical/loss.ts', code)).not.toContain('no-restricted-imports');
  });

  it('lets the store import the kernel and TypeORM', async () => {
    const code = `import type { Vendor } from '@app/kernel';\nimport type { DataSource } from 'typeorm';\nexport type X = [Vendor, DataSource];\n`;
    expect(await ruleIdsFor('libs/mapping-store/src/mapping-store.ts', code)).toEqual([]);
  });
});
