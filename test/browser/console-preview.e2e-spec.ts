import { groupForUpdate } from '@app/feishu';
import type { Browser, Page } from 'playwright-core';
import { type ConsoleHarness, launchConsoleBrowser, startConsoleHarness } from '../support/console-browser.js';
import {
  createFixedFeishuGroup,
  syncAndWait,
  vendorAdmins,
  waitForRunBody,
  wecomRuleNames,
} from '../support/sync-harness.js';

// The console's Preview page in Chromium against the real gateway and both emulators: two new Feishu groups
// (not the sample 总部固定班, which opens a name conflict) are searched, chosen and dry-run Feishu → WeCom — both
// "create" with the planned WeCom bodies — then applied: the real run of exactly those groups, opened on its
// page, writes both rules. After a change in Feishu, the preview of one group shows the update, with the
// changed field highlighted against the WeCom rule as it is now.

interface RunBody {
  status: string;
  dryRun: boolean;
  direction: string;
  scope: string;
  params: { groupIds?: string[] };
  items: { sourceId: string; targetId: string | null; action: string; plan?: unknown }[];
}

const NAMES = ['预览甲班', '预览乙班'] as const;

describe('console preview (Chromium)', () => {
  let browser: Browser;
  let harness: ConsoleHarness;
  let ids: string[];

  // One Chromium for the file; each test a gateway, emulators and database of its own, with the two new Feishu
  // groups made afresh (and synced by the test that needs them synced): no test depends on another (issue #22).
  beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    harness = await startConsoleHarness({ browser });
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    ids = [];
    for (const name of NAMES) ids.push(await createFixedFeishuGroup(harness.emulators, feishuAdmin, name));
  });

  afterEach(async () => {
    await harness?.close();
  });

  /** Searches the source groups for `search` and chooses the group shown as `name (id)`. */
  async function choose(page: Page, search: string, label: string, field = 'Groups (source: Feishu)'): Promise<void> {
    const input = page.getByLabel(field);
    await input.click();
    await input.fill(search);
    await page.locator('.ant-select-item-option', { hasText: label }).click();
  }

  async function preview(page: Page, button: string | RegExp = 'Preview', results = 'Preview results'): Promise<void> {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('heading', { name: results }).waitFor({ timeout: 60_000 });
  }

  it('previews two new Feishu groups as WeCom creates, then applies exactly them', async () => {
    const { page, errors } = await harness.open('/console/preview', { language: 'en' });
    await page.getByRole('heading', { name: 'Sync preview' }).waitFor();
    // The radio buttons' inputs are hidden under their labels: the label is what a user clicks.
    await page.getByRole('radiogroup', { name: 'Direction' }).getByText('WeCom → Feishu', { exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Direction' }).getByText('Feishu → WeCom', { exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Scope' }).getByText('Rules', { exact: true }).click();
    expect(await page.getByRole('radio', { name: 'Feishu → WeCom' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Rules' }).isChecked()).toBe(true);
    await choose(page, '预览', `${NAMES[0]} (${ids[0]})`);
    await choose(page, '预览乙', `${NAMES[1]} (${ids[1]})`);
    await page.keyboard.press('Escape');
    // The apply waits for a preview of exactly this selection.
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

    await preview(page);
    for (const [index, id] of ids.entries()) {
      const card = page.locator(`[data-source-id="${id}"]`);
      await card.waitFor();
      expect(await card.getByTestId('preview-action').textContent()).toBe('Create');
      // What would be written: the WeCom rule under the group's name, and the add_checkin_option call.
      const written = card.getByLabel('What would be written to WeCom', { exact: true });
      expect(await written.textContent()).toContain(`"groupname": "${NAMES[index]}"`);
      await card.getByText('WeCom calls, in order').click();
      await card.getByText('1. add_checkin_option').first().waitFor();
    }
    expect(await page.locator('[data-source-id]').count()).toBe(2);
    await harness.screenshot(page, 'preview');

    // Nothing was written by the preview.
    expect([...wecomRuleNames(harness.emulators)].filter((name) => NAMES.includes(name as never))).toEqual([]);

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.waitForURL(/\/console\/runs\/[^/]+$/);
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const run = await waitForRunBody<RunBody>(harness.gateway.app.getHttpServer(), runId);
    expect(run).toMatchObject({ status: 'succeeded', dryRun: false, direction: 'feishu_to_wecom', scope: 'rules' });
    expect([...(run.params.groupIds ?? [])].sort()).toEqual([...ids].sort());
    expect(run.items.map((item) => item.sourceId).sort()).toEqual([...ids].sort());
    expect(run.items.every((item) => item.action === 'created')).toBe(true);
    const rules = wecomRuleNames(harness.emulators);
    for (const name of NAMES) expect(rules.has(name)).toBe(true);
    expect(errors()).toEqual([]);
  });

  it('previews a changed Feishu group as an update (in Chinese), only the changed field highlighted against the WeCom rule', async () => {
    // Both groups synced Feishu → WeCom (as the first test applies them), through the API.
    const synced = await syncAndWait<RunBody>(harness.gateway.app.getHttpServer(), {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: ids,
    });
    expect(synced.items.map((item) => item.action)).toEqual(['created', 'created']);
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    const group = await feishuAdmin.getGroup(ids[0]!);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), clockIn_need_photo: !group.clockIn_need_photo });

    const { page, errors } = await harness.open('/console/preview');
    await page.getByRole('heading', { name: '同步预览' }).waitFor();
    await choose(page, ids[0]!, `${NAMES[0]} (${ids[0]})`, '考勤组（来源：飞书）');
    await page.keyboard.press('Escape');
    // Ant Design spaces a two-character Chinese button label (预 览).
    await preview(page, /^预\s?览$/, '预览结果');
    const card = page.locator(`[data-source-id="${ids[0]}"]`);
    expect(await card.getByTestId('preview-action').textContent()).toBe('将更新');
    // Side by side: the WeCom rule now, and what would be written, need_photo marked changed on both.
    const current = card.getByLabel('企业微信当前的规则', { exact: true });
    const written = card.getByLabel('将写入企业微信的内容', { exact: true });
    await current.waitFor();
    for (const pane of [current, written]) {
      expect(await pane.locator('[data-path="need_photo"]').getAttribute('data-diff')).toBe('changed');
    }
    expect(await current.locator('[data-path="need_photo"]').textContent()).toContain(
      `"need_photo": ${String(!!group.clockIn_need_photo)}`,
    );
    expect(await written.locator('[data-path="need_photo"]').textContent()).toContain(
      `"need_photo": ${String(!group.clockIn_need_photo)}`,
    );
    // The one change, listed with its values; nothing else marked on either side.
    const changes = card.getByRole('list', { name: /^变化的字段/ });
    expect(await changes.locator('li').allTextContents()).toEqual([
      `修改need_photo ${String(!!group.clockIn_need_photo)} → ${String(!group.clockIn_need_photo)}`,
    ]);
    expect(await card.locator('[data-diff]:not(li)').count()).toBe(2);
    await harness.screenshot(page, 'preview-update');
    expect(errors()).toEqual([]);
  });

  it("shows the gateway's refusal readably: a chosen group deleted in Feishu before the preview", async () => {
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    const doomed = await createFixedFeishuGroup(harness.emulators, feishuAdmin, '预览丙班');
    const { page, errors, expectError } = await harness.open('/console/preview', { language: 'en' });
    expectError(/status of 400/);
    await choose(page, doomed, `预览丙班 (${doomed})`);
    await page.keyboard.press('Escape');
    await feishuAdmin.deleteGroup(doomed);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Preview failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(doomed);
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    expect(errors()).toEqual([]);
  });
});
