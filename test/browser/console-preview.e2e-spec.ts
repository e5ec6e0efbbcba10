import { groupForUpdate } from '@app/feishu';
import type { Page } from 'playwright-core';
import { type ConsoleHarness, startConsoleHarness } from '../support/console-browser.js';
import { createFixedFeishuGroup, vendorAdmins, waitForRunBody, wecomRuleNames } from '../support/sync-harness.js';

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
  let harness: ConsoleHarness;
  let ids: string[];

  beforeAll(async () => {
    harness = await startConsoleHarness();
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    ids = [];
    for (const name of NAMES) ids.push(await createFixedFeishuGroup(harness.emulators, feishuAdmin, name));
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Searches the source groups for `search` and chooses the group shown as `name (id)`. */
  async function choose(page: Page, search: string, label: string): Promise<void> {
    const input = page.getByLabel('Groups (source: Feishu)');
    await input.click();
    await input.fill(search);
    await page.locator('.ant-select-item-option', { hasText: label }).click();
  }

  async function preview(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('heading', { name: 'Preview results' }).waitFor({ timeout: 60_000 });
  }

  it('previews two new Feishu groups as WeCom creates, then applies exactly them', async () => {
    const { page, errors } = await harness.open('/console/preview', { language: 'en' });
    await page.getByRole('heading', { name: 'Sync preview' }).waitFor();
    await page.getByRole('radio', { name: 'Feishu → WeCom' }).check();
    await page.getByRole('radio', { name: 'Rules' }).check();
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

  it('previews a changed Feishu group as an update, the changed field highlighted against the WeCom rule', async () => {
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    const group = await feishuAdmin.getGroup(ids[0]!);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), clockIn_need_photo: !group.clockIn_need_photo });

    const { page, errors } = await harness.open('/console/preview', { language: 'en' });
    await page.getByRole('heading', { name: 'Sync preview' }).waitFor();
    await choose(page, ids[0]!, `${NAMES[0]} (${ids[0]})`);
    await page.keyboard.press('Escape');
    await preview(page);
    const card = page.locator(`[data-source-id="${ids[0]}"]`);
    expect(await card.getByTestId('preview-action').textContent()).toBe('Update');
    // Side by side: the WeCom rule now, and what would be written, need_photo marked changed on both.
    const current = card.getByLabel('Current rule in WeCom', { exact: true });
    const written = card.getByLabel('What would be written to WeCom', { exact: true });
    await current.waitFor();
    for (const pane of [current, written]) {
      const line = pane.locator('[data-path="need_photo"]');
      expect(await line.getAttribute('data-diff')).toBe('changed');
    }
    expect(await current.locator('[data-path="need_photo"]').textContent()).toContain(
      `"need_photo": ${String(!!group.clockIn_need_photo)}`,
    );
    expect(await written.locator('[data-path="need_photo"]').textContent()).toContain(
      `"need_photo": ${String(!group.clockIn_need_photo)}`,
    );
    const changes = card.getByRole('list', { name: /^Changed fields/ });
    await changes.getByText('need_photo', { exact: true }).waitFor();
    await harness.screenshot(page, 'preview-update');
    expect(errors()).toEqual([]);
  });
});
