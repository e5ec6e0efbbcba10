import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { Browser } from 'playwright-core';
import {
  type ConsoleHarness,
  launchConsoleBrowser,
  startConsoleHarness,
  waitForAnimationsToEnd,
} from '../support/console-browser.js';
import { createFixedFeishuGroup, syncAndWait, vendorAdmins, waitForRunBody } from '../support/sync-harness.js';

// The Links page in Chromium against the real gateway: a group of the test's own, synced Feishu → WeCom, is
// listed in sync with both sides; the search (typed, or from ?q= as the run detail page links) finds it; re-sync
// starts a one-way run of that link and lands on the run's page; a direction change is confirmed and saved.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

interface RunBody {
  id: string;
  status: string;
  direction: string;
  scope: string;
  params: { groupIds?: string[] };
  items: { sourceId: string; targetId: string | null; action: string }[];
}

interface LinkBody {
  id: string;
  feishuGroupId: string | null;
  wecomRuleId: string | null;
  direction: string;
  status: string;
}

describe('console links page (Chromium)', () => {
  let browser: Browser;
  let harness: ConsoleHarness;
  let server: App;
  let groupId: string;
  let ruleId: string;
  const name = '控制台关联班';

  const links = async (): Promise<LinkBody[]> =>
    (await request(server).get('/api/v1/links').set('Authorization', `Bearer ${harness.token}`).expect(200)).body
      .items as LinkBody[];

  // One Chromium for the file; each test a gateway, emulators and database of its own, with the two groups synced
  // afresh: no test depends on another's direction change or re-sync (issue #22).
  beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    harness = await startConsoleHarness({ browser });
    server = harness.gateway.app.getHttpServer();
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    groupId = await createFixedFeishuGroup(harness.emulators, feishuAdmin, name);
    // Another group, linked too, so that the search has something to leave out.
    const otherId = await createFixedFeishuGroup(harness.emulators, feishuAdmin, '控制台其他班');
    const run = await syncAndWait<RunBody>(server, {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: [groupId, otherId],
    });
    expect(run.items.map((item) => item.action).sort()).toEqual(['created', 'created']);
    ruleId = run.items.find((item) => item.sourceId === groupId)!.targetId!;
  });

  afterEach(async () => {
    await harness?.close();
  });

  it('lists the synced link in sync, with both sides, and the search finds it by name and by id', async () => {
    const { page, errors } = await harness.open('/console/links');
    const table = page.getByRole('table', { name: '考勤组关联列表' });
    const row = table.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await row.getByText(`ID：${groupId}`).waitFor();
    expect(await row.textContent()).toContain(`ID：${ruleId}`);
    expect(await row.textContent()).toContain('飞书 → 企业微信');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('active');
    expect(await row.locator('[data-status]').textContent()).toBe('已同步');
    // The state explains itself on keyboard focus.
    await row.locator('[data-status]').focus();
    await page.getByRole('tooltip').getByText('上次同步成功，两边内容一致。').waitFor();
    await page.keyboard.press('Escape');
    expect(await table.getByRole('row').filter({ hasText: '控制台其他班' }).count()).toBe(1);

    const search = page.getByLabel('搜索', { exact: true });
    await search.fill(ruleId);
    await table.getByRole('row').filter({ hasText: '控制台其他班' }).waitFor({ state: 'detached' });
    expect(await table.getByRole('row').filter({ hasText: name }).count()).toBe(1);
    expect(page.url()).toContain(`q=${ruleId}`);
    await search.fill('关联班');
    await table.getByRole('row').filter({ hasText: name }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: '控制台其他班' }).count()).toBe(0);

    // The state filter: nothing of this world is failing.
    await search.fill('');
    await page.getByRole('combobox', { name: '按状态筛选' }).click();
    await page.locator('.ant-select-item-option', { hasText: '同步失败' }).click();
    await table.getByText('没有符合条件的关联。').waitFor();
    expect(page.url()).toContain('state=failed');
    expect(errors()).toEqual([]);
  });

  it('pre-fills the search from ?q= (how the run detail page links here)', async () => {
    const { page, errors } = await harness.open(`/console/links?q=${groupId}`, { language: 'en' });
    const table = page.getByRole('table', { name: 'Group links' });
    await table.getByRole('row').filter({ hasText: name }).waitFor();
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe(groupId);
    expect(await table.getByRole('row').filter({ hasText: '控制台其他班' }).count()).toBe(0);
    expect(await table.getByRole('row').filter({ hasText: name }).locator('[data-status]').textContent()).toBe(
      'In sync',
    );
    // Antd's enter transitions ended, so the screenshot shows the page as it settles.
    await waitForAnimationsToEnd(page);
    await harness.screenshot(page, 'links');
    expect(errors()).toEqual([]);
  });

  it('re-syncs one link: a one-way rules run of its source id, then the run detail page', async () => {
    const { page, errors } = await harness.open(`/console/links?q=${groupId}`, { language: 'en' });
    await page.getByRole('button', { name: `Re-sync: ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Re-sync "${name}"` });
    await dialog.getByText('Feishu → WeCom', { exact: false }).first().waitFor();
    await dialog.getByRole('button', { name: 'Start sync' }).click();
    await page.waitForURL(new RegExp(`/console/runs/${UUID}$`));
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    const run = await waitForRunBody<RunBody>(server, runId);
    expect(run).toMatchObject({ direction: 'feishu_to_wecom', scope: 'rules', params: { groupIds: [groupId] } });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: groupId, targetId: ruleId, action: 'unchanged' })]);
    expect(errors()).toEqual([]);
  });

  it('changes a link to two-way after confirming, and a two-way re-sync asks which way', async () => {
    const { page, errors } = await harness.open(`/console/links?q=${groupId}`, { language: 'en' });
    await page.getByRole('button', { name: `Change direction: ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change the direction of "${name}"` });
    await dialog.getByRole('radio', { name: 'Two-way' }).check();
    await dialog.getByText(/Two-way: changes on either side are synced/).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('table').getByRole('row').filter({ hasText: name });
    await row.getByText('Two-way', { exact: true }).waitFor();
    expect((await links()).find((link) => link.feishuGroupId === groupId)).toMatchObject({
      direction: 'two_way',
      wecomRuleId: ruleId,
    });

    await page.getByRole('button', { name: `Re-sync: ${name}` }).click();
    const resync = page.getByRole('dialog', { name: `Re-sync "${name}"` });
    await resync.getByText('This link syncs both ways. Which way should this sync go?').waitFor();
    expect(await resync.getByRole('radio', { name: 'Feishu → WeCom' }).isChecked()).toBe(true);
    await resync.getByRole('radio', { name: 'WeCom → Feishu' }).check();
    await resync.getByText(`Source: WeCom ${ruleId}`).waitFor();
    await resync.getByRole('button', { name: 'Start sync' }).click();
    await page.waitForURL(new RegExp(`/console/runs/${UUID}$`));
    const run = await waitForRunBody<RunBody>(server, new URL(page.url()).pathname.split('/').pop()!);
    expect(run).toMatchObject({ direction: 'wecom_to_feishu', params: { groupIds: [ruleId] } });
    expect(errors()).toEqual([]);
  });
});
