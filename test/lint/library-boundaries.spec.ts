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
    // The layers of ARCHITECTURE.md: no import runs back up, no vendor knows the other.
    [
      'libs/translation/src/canonical/loss.ts',
      `import { FeishuRulesConnector } from '@app/connectors';\nexport const x = FeishuRulesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/translation/src/canonical/loss.ts',
      `import { RateLimiter } from '@app/vendor-http';\nexport const x = RateLimiter;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/translation/src/canonical/loss.ts',
      `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/feishu/src/client/feishu.client.ts',
      `import { FeishuRulesConnector } from '@app/connectors';\nexport const x = FeishuRulesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/feishu/src/client/feishu.client.ts',
      `import { WecomClient } from '../../../wecom/src/client/wecom.client.js';\nexport const x = WecomClient;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/feishu/src/client/feishu.client.ts',
      `import { ruleContentHash } from '@app/translation';\nexport const x = ruleContentHash;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/connectors/src/feishu/feishu-rules.connector.ts',
      `import { WecomClient } from '@app/wecom';\nexport const x = WecomClient;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/connectors/src/feishu/feishu-rules.connector.ts',
      `import { WecomRulesConnector } from '../wecom/wecom-rules.connector.js';\nexport const x = WecomRulesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/connectors/src/wecom/wecom-rules.connector.ts',
      `import type { FeishuGroup } from '@app/feishu';\nexport type X = FeishuGroup;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/connectors/src/wecom/wecom-rules.connector.ts',
      `import { MappingStore } from '@app/mapping-store';\nexport const x = MappingStore;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/connectors/src/attendance-connector.ts',
      `import { MappingStore } from '@app/mapping-store';\nexport const x = MappingStore;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/connectors/src/attendance-connector.ts',
      `import { planRuleChange } from '../../../apps/gateway/src/sync/engine/plan-rule-change.js';\nexport const x = planRuleChange;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/mapping-store/src/mapping-store.ts',
      `import { WecomRulesConnector } from '@app/connectors';\nexport const x = WecomRulesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/vendor-http/src/index.ts',
      `import { WecomRulesConnector } from '@app/connectors';\nexport const x = WecomRulesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/kernel/src/vendor.ts',
      `import { RateLimiter } from '@app/vendor-http';\nexport const x = RateLimiter;\n`,
      'no-restricted-imports',
    ],
    [
      'libs/wecom/src/model/index.ts',
      `import { ruleContentHash } from '@app/translation';\nexport const x = ruleContentHash;\n`,
      'no-restricted-imports',
    ],
    // The sync engine sits under the gateway app, and planRuleChange is pure and vendor-neutral.
    [
      'apps/gateway/src/sync/rules/two-way.ts',
      `import { RunExecutor } from '../run-executor.service.js';\nexport const x = RunExecutor;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rosters/rosters.reconciler.ts',
      `import { AppConfig } from '../../config/app-config.js';\nexport const x = AppConfig;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/punches.reconciler.ts',
      `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
      'no-restricted-imports',
    ],
    // The rules, roster and punch engines reach a vendor through its connector only, types included.
    [
      'apps/gateway/src/sync/rules/wecom-rules.rule-side.ts',
      `import type { WecomCheckinGroupRead } from '@app/wecom';\nexport type X = WecomCheckinGroupRead;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rules/feishu-groups.rule-side.ts',
      `import type { FeishuGroup } from '@app/feishu';\nexport type X = FeishuGroup;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rules/rule-sync.types.ts',
      `import { FeishuClient } from '@app/feishu';\nexport const x = FeishuClient;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rules/wecom-rule-names.ts',
      `import type { WecomCheckinGroupCreate } from '@app/wecom/model';\nexport type X = WecomCheckinGroupCreate;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rosters/rosters.reconciler.ts',
      `import type { FeishuClient } from '@app/feishu';\nexport type X = FeishuClient;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/punches.reconciler.ts',
      `import type { WecomAddCheckinRecord } from '@app/wecom/model';\nexport type X = WecomAddCheckinRecord;\n`,
      'no-restricted-imports',
    ],
    // The roster reconciler names no vendor: no vendor's connector, no vendor's roles.
    [
      'apps/gateway/src/sync/rosters/rosters.reconciler.ts',
      `import type { FeishuRostersConnector } from '@app/connectors';\nexport type X = FeishuRostersConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rosters/roster-sides.ts',
      `import { WecomRostersTarget } from './wecom-rosters.roster-side.js';\nexport const x = WecomRostersTarget;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/punch-window.ts',
      `import { WecomClient } from '@app/wecom';\nexport const x = WecomClient;\n`,
      'no-restricted-imports',
    ],
    // The punch reconciler and its roles' interfaces name no vendor; a vendor's punch roles know only their own.
    [
      'apps/gateway/src/sync/punches/punches.reconciler.ts',
      `import type { WecomPunchesConnector } from '@app/connectors';\nexport type X = WecomPunchesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/punch-sides.ts',
      `import type { FeishuPunchWrite } from '@app/connectors';\nexport type X = FeishuPunchWrite;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/punches.reconciler.ts',
      `import { FeishuPunchSource } from './feishu-punches.punch-side.js';\nexport const x = FeishuPunchSource;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/feishu-punches.punch-side.ts',
      `import type { WecomPunchWrite } from '@app/connectors';\nexport type X = WecomPunchWrite;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/wecom-punches.punch-side.ts',
      `import { FeishuPunchTarget } from './feishu-punches.punch-side.js';\nexport const x = FeishuPunchTarget;\n`,
      'no-restricted-imports',
    ],
    // Nothing of the app either, not even what the engine once borrowed from it: the log context and the
    // policy live in sync/engine/, so a new import of the app's logging or of a file beside the executor fails.
    [
      'apps/gateway/src/sync/rules/rule-item.ts',
      `import { withLogContext } from '../../logging/log-context.js';\nexport const x = withLogContext;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/punches/punches.reconciler.ts',
      `import { wasNotApplied } from '../sync-error-policy.js';\nexport const x = wasNotApplied;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rules/rule-item.ts',
      `import { buildLoggerParams } from '../../logging/logger.options.js';\nexport const x = buildLoggerParams;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/rosters/rosters.reconciler.ts',
      `import { runDetailView } from '../run-views.js';\nexport const x = runDetailView;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/engine/sync-error-policy.ts',
      `import { RunExecutor } from '../run-executor.service.js';\nexport const x = RunExecutor;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/engine/plan-rule-change.ts',
      `import { WecomRulesConnector } from '@app/connectors';\nexport const x = WecomRulesConnector;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/engine/plan-rule-change.ts',
      `import { item } from '../rules/rule-sync.types.js';\nexport const x = item;\n`,
      'no-restricted-imports',
    ],
    [
      'apps/gateway/src/sync/engine/plan-rule-change.ts',
      `import { MappingStore } from '@app/mapping-store';\nexport const x = MappingStore;\n`,
      '@typescript-eslint/no-restricted-imports',
    ],
    ['apps/gateway/src/sync/engine/plan-rule-change.ts', `export const now = Date.now();\n`, 'no-restricted-syntax'],
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

  it.each([
    [
      'libs/connectors/src/feishu/feishu-rules.connector.ts',
      `import { FeishuClient } from '@app/feishu';\nimport { ruleContentHash } from '@app/translation';\nexport const x = [FeishuClient, ruleContentHash];\n`,
    ],
    [
      'apps/gateway/src/sync/rules/two-way.ts',
      `import { linkFailureOf } from '../engine/sync-error-policy.js';\nimport { withLogContext } from '../engine/log-context.js';\nimport { planRuleChange } from '../engine/plan-rule-change.js';\nexport const x = [linkFailureOf, withLogContext, planRuleChange];\n`,
    ],
    [
      'apps/gateway/src/sync/rules/feishu-groups.rule-side.ts',
      `import type { FeishuGroupRecord, WecomRule } from '@app/connectors';\nimport { ruleContentHash } from '@app/translation';\nexport type X = [FeishuGroupRecord, WecomRule];\nexport const y = ruleContentHash;\n`,
    ],
    [
      'apps/gateway/src/sync/rosters/wecom-rosters.roster-side.ts',
      `import { WecomRostersConnector } from '@app/connectors';\nimport { isPerRecordRefusal } from '../engine/sync-error-policy.js';\nimport { withLogContext } from '../engine/log-context.js';\nexport const x = [WecomRostersConnector, isPerRecordRefusal, withLogContext];\n`,
    ],
    [
      'apps/gateway/src/sync/rosters/rosters.reconciler.ts',
      `import { rosterDaysIn, type RosterSideConnector } from '@app/connectors';\nimport { withLogContext } from '../engine/log-context.js';\nexport type X = RosterSideConnector;\nexport const y = [rosterDaysIn, withLogContext];\n`,
    ],
    [
      'apps/gateway/src/sync/punches/punches.reconciler.ts',
      `import type { PunchWrite } from '@app/connectors';\nimport type { PunchSource } from './punch-sides.js';\nexport type X = [PunchWrite, PunchSource];\n`,
    ],
    [
      'apps/gateway/src/sync/punches/wecom-punches.punch-side.ts',
      `import type { WecomPunchesConnector, PunchWrite } from '@app/connectors';\nexport type X = [WecomPunchesConnector, PunchWrite];\n`,
    ],
    [
      'apps/gateway/src/sync/engine/plan-rule-change.ts',
      `import type { LinkStatus } from '@app/mapping-store';\nimport type { Vendor } from '@app/kernel';\nexport type X = [LinkStatus, Vendor];\n`,
    ],
  ])('lets %s import what lies below it', async (filePath, code) => {
    const ruleIds = await ruleIdsFor(filePath, code);
    expect(ruleIds).not.toContain('no-restricted-imports');
    expect(ruleIds).not.toContain('@typescript-eslint/no-restricted-imports');
  });

  it('lets the store import the kernel and TypeORM', async () => {
    const code = `import type { Vendor } from '@app/kernel';\nimport type { DataSource } from 'typeorm';\nexport type X = [Vendor, DataSource];\n`;
    expect(await ruleIdsFor('libs/mapping-store/src/mapping-store.ts', code)).toEqual([]);
  });
});
