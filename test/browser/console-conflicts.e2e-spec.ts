import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { WecomCheckinGroupCreate } from '@app/wecom';
import type { Browser } from 'playwright-core';
import {
  type ConsoleHarness,
  launchConsoleBrowser,
  startConsoleHarness,
  waitForAnimationsToEnd,
} from '../support/console-browser.js';
import { createFixedFeishuGroup, syncAndWait, vendorAdmins } from '../support/sync-harness.js';

// The Conflicts page in Chromium against the real gateway. The sample company's Feishu group 总部固定班 meets a
// same-named WeCom rule the gateway did not create (DESIGN.md: the merger case), so a Feishu → WeCom rules sync
// of it opens a name conflict: listed with both sides and exactly the three resolutions a name conflict takes;
// "skip", confirmed, closes it (the API agrees); a conflict someone else resolved meanwhile is a readable 409.

const NAME = '总部固定班';

interface RunBody {
  items: {
    sourceId: string;
    targetId: string | null;
    action: string;
    error?: string | null;
    plan?: { requests: { body: unknown }[] };
  }[];
}

interface ConflictBody {
  id: string;
  linkId: string;
  kind: string;
  feishuGroupId: string | null;
  found: { vendor: string; id: string; name: string } | null;
  resolution: string | null;
  resolvedAt: string | null;
}

describe('console conflicts page (Chromium)', () => {
  let browser: Browser;
  let harness: ConsoleHarness;
  let server: App;

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${harness.token}`);
  const conflicts = async (state: 'open' | 'all'): Promise<ConflictBody[]> =>
    (await auth(request(server).get(`/api/v1/conflicts?state=${state}`)).expect(200)).body.items as ConflictBody[];

  // One Chromium for the file; each test a gateway, emulators and database of its own, and the conflicts it looks
  // at made through the same public calls (openSampleNameConflict): no test depends on another (issue #22).
  beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    harness = await startConsoleHarness({ browser });
    server = harness.gateway.app.getHttpServer();
  });

  afterEach(async () => {
    await harness?.close();
  });

  /** A Feishu → WeCom rules sync of the sample group 总部固定班: its name conflict, open. */
  async function openSampleNameConflict(): Promise<{ groupId: string; conflict: ConflictBody }> {
    const groupId = String(
      harness.emulators.feishu.emulator.groups().find((group) => group['group_name'] === NAME)!['group_id'],
    );
    const run = await syncAndWait<RunBody>(server, {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: [groupId],
    });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: groupId, targetId: null, action: 'skipped' })]);
    const open = await conflicts('open');
    expect(open).toHaveLength(1);
    const conflict = open[0]!;
    expect(conflict).toMatchObject({
      kind: 'name_taken',
      feishuGroupId: groupId,
      found: { vendor: 'wecom', name: NAME },
    });
    return { groupId, conflict };
  }

  it('lists the name conflict with both sides and its three resolutions, and "skip" closes it', async () => {
    const { groupId, conflict } = await openSampleNameConflict();
    const { page, errors, expectError } = await harness.open('/console/conflicts', { language: 'en' });
    // The vendor record read answers 404 for an id it does not know, or for the whole route on a gateway that
    // has no vendor reads yet: the card says so instead, and the browser logs the 404.
    expectError(/404/);
    const card = page.getByRole('region', { name: NAME });
    await card.waitFor();
    await card.getByText('Name already taken').waitFor();
    await card.getByText(/WeCom already has an object of that name that the gateway did not create/).waitFor();
    const feishu = card.locator('[data-vendor="feishu"]');
    const wecom = card.locator('[data-vendor="wecom"]');
    await feishu.getByText('Source (the side being synced)').waitFor();
    await feishu.getByText(groupId, { exact: true }).waitFor();
    await wecom.getByText('Same-named object (not created by the gateway)').waitFor();
    await wecom.getByText(conflict.found!.id, { exact: true }).waitFor();
    expect(await wecom.textContent()).toContain(NAME);
    // Each side's current record: the JSON, or a word on why there is none (never a spinner left spinning).
    for (const side of [feishu, wecom]) {
      await side.locator('.ant-collapse, .ant-alert, .ant-typography-secondary').first().waitFor();
    }
    const choices = card.getByRole('group', { name: 'Choose how to resolve it' });
    expect(await choices.getByRole('button').allTextContents()).toEqual([
      'Adopt the existing one',
      'Overwrite the existing one',
      'Skip',
    ]);
    await choices.getByText(/becomes not linked and is not synced until you set its direction/).waitFor();
    // Antd's enter transitions ended, so the screenshot shows the page as it settles.
    await waitForAnimationsToEnd(page);
    await harness.screenshot(page, 'conflicts');

    await choices.getByRole('button', { name: 'Skip' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm: Skip' });
    await dialog.getByText(`The conflict "${NAME}" will be resolved as follows. This cannot be undone.`).waitFor();
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('No open conflicts.').waitFor();
    await card.waitFor({ state: 'detached' });

    // The API agrees: resolved as skip, the group's link now unlinked.
    expect(await conflicts('open')).toEqual([]);
    expect((await conflicts('all')).find((entry) => entry.id === conflict.id)).toMatchObject({
      resolution: 'skip',
      resolvedAt: expect.any(String),
    });
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      id: string;
      status: string;
    }[];
    expect(links.find((link) => link.id === conflict.linkId)).toMatchObject({ status: 'unlinked' });

    // Shown again with the resolved ones: how it was resolved, and no resolutions left to pick.
    await page.getByLabel('Show resolved conflicts').click();
    const resolved = page.getByRole('region', { name: NAME });
    await resolved.getByText('Resolved', { exact: true }).first().waitFor();
    expect(await resolved.textContent()).toContain('Skip');
    expect(await resolved.getByRole('group', { name: 'Choose how to resolve it' }).count()).toBe(0);
    expect(page.url()).toContain('state=all');
    // And its link, on the Links page: not linked now.
    await resolved.getByRole('link', { name: 'See this link on the Links page' }).click();
    await page.waitForURL(new RegExp(`/console/links\\?q=${conflict.linkId}$`));
    const row = page.getByRole('table', { name: 'Group links' }).getByRole('row').filter({ hasText: groupId });
    expect(await row.locator('[data-status]').textContent()).toBe('Not linked');
    expect(errors()).toEqual([]);
  });

  it('says so when the conflict was resolved elsewhere meanwhile (409), and shows the list as it is now', async () => {
    // A second name conflict, made as name-conflicts.e2e-spec.ts does: a Feishu group and a same-named WeCom
    // rule made in WeCom.
    const { feishuAdmin, wecomAdmin } = vendorAdmins(harness.emulators);
    const name = '控制台冲突班';
    const otherGroupId = await createFixedFeishuGroup(harness.emulators, feishuAdmin, name);
    const planned = await syncAndWait<RunBody>(server, {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: [otherGroupId],
      dryRun: true,
    });
    await wecomAdmin.addCheckinOption({
      group: (planned.items[0]!.plan!.requests[0]!.body as { group: WecomCheckinGroupCreate }).group,
    });
    await syncAndWait(server, { direction: 'feishu_to_wecom', scope: 'rules', groupIds: [otherGroupId] });
    const other = (await conflicts('open')).find((entry) => entry.feishuGroupId === otherGroupId)!;
    expect(other).toMatchObject({ kind: 'name_taken', found: { vendor: 'wecom', name } });

    const { page, errors, expectError } = await harness.open('/console/conflicts', { language: 'zh' });
    expectError(/404/);
    expectError(/409/);
    const card = page.getByRole('region', { name });
    await card.getByRole('button', { name: '采用已有的' }).waitFor();
    // Someone else resolves it (skip) through the API while this page shows it open.
    await auth(request(server).post(`/api/v1/conflicts/${other.id}/resolve`))
      .send({ resolution: 'skip' })
      .expect(202);
    await card.getByRole('button', { name: '采用已有的' }).click();
    const dialog = page.getByRole('dialog', { name: '确认：采用已有的' });
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await dialog
      .getByRole('alert')
      .getByText(`这个冲突已经被处理过了（可能是别人刚处理的）：conflict ${other.id} was already resolved as skip`)
      .waitFor();
    await dialog.getByRole('button', { name: /^取 ?消$/ }).click();
    await page.getByText('没有待处理的冲突。').waitFor();
    expect((await conflicts('all')).find((entry) => entry.id === other.id)).toMatchObject({ resolution: 'skip' });
    expect(errors()).toEqual([]);
  });
  it("offers Feishu or WeCom as the winner of a content conflict, and shows each side's current record", async () => {
    // A content conflict needs a two-way link changed on both sides and a scheduled tick (SYNC_CRON), which the
    // console harness does not configure: the conflict list and the vendor record reads are served here through
    // page.route in the shapes of the OpenAPI document (ConflictDto) and of GET /api/v1/vendors/{vendor}/groups/{id}.
    const { page, errors, expectError } = await harness.open('/console/conflicts', { language: 'en' });
    expectError(/404/);
    const content = {
      id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
      linkId: '7d9e2a41-3c5b-4f6d-8e1a-9b0c2d3e4f50',
      feishuGroupId: '7380952139465998355',
      feishuGroupName: '研发部考勤',
      wecomRuleId: '3',
      wecomRuleName: '研发部考勤',
      detectedAt: '2026-03-02T09:15:00.000Z',
      detectedByRunId: '0b4c6f3e-5d1a-4c1e-9a7b-2f8e6d4c3b21',
      resolvedAt: null,
      winner: null,
      resolutionRunId: null,
      kind: 'content',
      found: null,
      resolution: null,
    };
    let resolvedWith: unknown = null;
    await page.route('**/api/v1/conflicts?state=open', (route) =>
      route.fulfill({ json: { items: resolvedWith === null ? [content] : [] } }),
    );
    await page.route(`**/api/v1/conflicts/${content.id}/resolve`, async (route) => {
      resolvedWith = route.request().postDataJSON();
      await route.fulfill({
        status: 202,
        json: { runId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', conflictId: content.id },
      });
    });
    await page.route('**/api/v1/vendors/feishu/groups/*', (route) =>
      route.fulfill({
        json: {
          id: content.feishuGroupId,
          name: '研发部考勤（飞书）',
          record: { group_name: '研发部考勤', allow_out_punch: true },
        },
      }),
    );
    await page.route('**/api/v1/vendors/wecom/groups/*', (route) =>
      route.fulfill({ status: 404, json: { statusCode: 404, error: 'Not Found', message: 'WeCom rule 3 not found' } }),
    );
    await page.reload();

    const card = page.getByRole('region', { name: '研发部考勤' });
    await card.getByText('Both sides changed').waitFor();
    const feishu = card.locator('[data-vendor="feishu"]');
    // The vendor's current name, and its record behind a collapsible panel, opened from the keyboard.
    await feishu.getByText('研发部考勤（飞书）').waitFor();
    const panel = feishu.getByRole('button', { name: "Feishu's current record (JSON)" });
    await panel.focus();
    await page.keyboard.press('Enter');
    await feishu.getByText('"allow_out_punch": true').waitFor();
    await card
      .locator('[data-vendor="wecom"]')
      .getByText('WeCom has no object of this id now (it may have been deleted).')
      .waitFor();

    const choices = card.getByRole('group', { name: 'Choose how to resolve it' });
    expect(await choices.getByRole('button').allTextContents()).toEqual(['Keep Feishu', 'Keep WeCom']);
    await choices.getByRole('button', { name: 'Keep WeCom' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm: Keep WeCom' });
    await dialog.getByText(/overwrite the Feishu group with it/).waitFor();
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('No open conflicts.').waitFor();
    expect(resolvedWith).toEqual({ winner: 'wecom' });
    expect(errors()).toEqual([]);
  });
});
