import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { Browser } from 'playwright-core';
import {
  type ConsoleHarness,
  launchConsoleBrowser,
  startConsoleHarness,
  waitForAnimationsToEnd,
} from '../support/console-browser.js';
import { createFixedFeishuGroup, syncAndWait, vendorAdmins } from '../support/sync-harness.js';

// Checking links on the Links page in Chromium against the real gateway: two groups of the test's own are synced
// Feishu → WeCom, then one's WeCom rule is changed outside the gateway. "Check" dry-runs a link and shows it
// drifted (the dry run's note code target_drift_overwritten); "check this page" finds the other in sync; the
// "drifted" state filter lists the checked drifted link alone; and the dry runs wrote nothing.

interface RunBody {
  id: string;
  dryRun: boolean;
  params: { groupIds?: string[] };
  items: { sourceId: string; targetId: string | null; action: string; notes: { code?: string }[] }[];
}

interface LinkBody {
  feishuGroupId: string | null;
  status: string;
}

describe('console links page: checking for drift (Chromium)', () => {
  let browser: Browser;
  let harness: ConsoleHarness;
  let server: App;
  let driftedGroup: string;
  let driftedRule: string;
  let untouchedGroup: string;
  let needPhoto: boolean;
  const driftedName = '控制台漂移甲班';
  const untouchedName = '控制台漂移乙班';

  const ruleOf = (ruleId: string) =>
    harness.emulators.wecom.emulator.rules().find((rule) => String(rule.groupid) === ruleId)!;

  // One Chromium for the file; each test a gateway, emulators and database of its own, with the two synced
  // groups and the outside change made afresh: no test depends on another (issue #22).
  beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    harness = await startConsoleHarness({ browser });
    server = harness.gateway.app.getHttpServer();
    const { feishuAdmin, wecomAdmin } = vendorAdmins(harness.emulators);
    driftedGroup = await createFixedFeishuGroup(harness.emulators, feishuAdmin, driftedName);
    untouchedGroup = await createFixedFeishuGroup(harness.emulators, feishuAdmin, untouchedName);
    const run = await syncAndWait<RunBody>(server, {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: [driftedGroup, untouchedGroup],
    });
    expect(run.items.map((item) => item.action)).toEqual(['created', 'created']);
    driftedRule = run.items.find((item) => item.sourceId === driftedGroup)!.targetId!;
    // HR edits the WeCom rule in WeCom's own admin console: outside the gateway.
    needPhoto = !ruleOf(driftedRule).group['need_photo'];
    await wecomAdmin.updateCheckinOption({ group: { groupid: Number(driftedRule), need_photo: needPhoto } });
  });

  afterEach(async () => {
    await harness?.close();
  });

  it('checks one link (drifted), then the page (the other in sync), filters on drifted, and writes nothing', async () => {
    const writes = harness.emulators.wecom.emulator.calls('update_checkin_option').length;
    const { page, errors } = await harness.open('/console/links?q=控制台漂移');
    const table = page.getByRole('table', { name: '考勤组关联列表' });
    const driftedRow = table.getByRole('row').filter({ hasText: driftedName });
    const untouchedRow = table.getByRole('row').filter({ hasText: untouchedName });
    await driftedRow.waitFor();
    await untouchedRow.waitFor();
    expect(await driftedRow.getByText('未检查').count()).toBe(1);
    // The stored status still says in sync: only a read of both vendors can tell.
    expect(await driftedRow.locator('[data-status]').getAttribute('data-status')).toBe('active');

    await page.getByRole('button', { name: `检查: ${driftedName}` }).click();
    const driftedTag = driftedRow.locator('[data-check-state]');
    await driftedTag.waitFor();
    expect(await driftedTag.getAttribute('data-check-state')).toBe('drifted');
    expect(await driftedTag.textContent()).toBe('目标已被改动');
    expect(await driftedRow.textContent()).toContain('检查于');
    expect(await untouchedRow.getByText('未检查').count()).toBe(1);
    // The state explains itself on keyboard focus.
    await driftedTag.focus();
    await page
      .getByRole('tooltip')
      .getByText('目标一侧在上次同步后被网关以外的人或程序改过；下一次同步会用源头覆盖这些改动。')
      .waitFor();
    await page.keyboard.press('Escape');

    // "Check this page": both shown links, one after the other.
    await page.getByRole('button', { name: /检查本页（2）/ }).click();
    const untouchedTag = untouchedRow.locator('[data-check-state]');
    await untouchedTag.waitFor();
    await page
      .getByRole('button', { name: /检查本页（2）/ })
      .and(page.locator(':not([disabled])'))
      .waitFor();
    expect(await untouchedTag.getAttribute('data-check-state')).toBe('in_sync');
    expect(await untouchedTag.textContent()).toBe('一致');
    expect(await driftedTag.getAttribute('data-check-state')).toBe('drifted');

    // Away from the buttons, so no tooltip covers the page in the screenshot.
    await page.mouse.move(640, 760);
    await page.getByRole('tooltip').waitFor({ state: 'hidden' });
    await waitForAnimationsToEnd(page);
    await harness.screenshot(page, 'links-drift');

    // The state filter's "drifted" works on checked links.
    await page.getByRole('combobox', { name: '按状态筛选' }).click();
    await page.locator('.ant-select-item-option', { hasText: '目标已被改动（已检查）' }).click();
    await untouchedRow.waitFor({ state: 'detached' });
    expect(page.url()).toContain('state=drifted');
    expect(await driftedRow.count()).toBe(1);

    // The dry runs wrote nothing: the outside change is still in WeCom, the links are as they were.
    expect(harness.emulators.wecom.emulator.calls('update_checkin_option').length).toBe(writes);
    expect(ruleOf(driftedRule).group['need_photo']).toBe(needPhoto);
    const links = (await request(server).get('/api/v1/links').set('Authorization', `Bearer ${harness.token}`)).body
      .items as LinkBody[];
    expect(links.filter((link) => [driftedGroup, untouchedGroup].includes(link.feishuGroupId!))).toEqual([
      expect.objectContaining({ status: 'active' }),
      expect.objectContaining({ status: 'active' }),
    ]);
    // Each check was a dry run of the link's source, and the drifted one's item carries the note code.
    const runs = (await request(server).get('/api/v1/runs').set('Authorization', `Bearer ${harness.token}`)).body
      .items as { id: string; dryRun: boolean }[];
    const dryRuns = runs.filter((run) => run.dryRun);
    expect(dryRuns).toHaveLength(3);
    const details = await Promise.all(
      dryRuns.map(
        async (run) =>
          (await request(server).get(`/api/v1/runs/${run.id}`).set('Authorization', `Bearer ${harness.token}`))
            .body as RunBody,
      ),
    );
    for (const detail of details) expect(detail.params.groupIds).toHaveLength(1);
    const drifted = details.filter((detail) => detail.params.groupIds![0] === driftedGroup);
    expect(drifted).toHaveLength(2);
    for (const detail of drifted) {
      expect(detail.items[0]).toMatchObject({ action: 'updated', notes: [{ code: 'target_drift_overwritten' }] });
    }
    expect(errors()).toEqual([]);
  });
  it('in English: a two-way link is checked Feishu → WeCom and says so; a drifted one explains itself', async () => {
    const links = (await request(server).get('/api/v1/links').set('Authorization', `Bearer ${harness.token}`)).body
      .items as (LinkBody & { id: string })[];
    const untouched = links.find((link) => link.feishuGroupId === untouchedGroup)!;
    await request(server)
      .patch(`/api/v1/links/${untouched.id}`)
      .set('Authorization', `Bearer ${harness.token}`)
      .send({ direction: 'two_way' })
      .expect(200);
    const { page, errors } = await harness.open('/console/links?q=控制台漂移', { language: 'en' });
    const table = page.getByRole('table', { name: 'Group links' });
    const untouchedRow = table.getByRole('row').filter({ hasText: untouchedName });
    const driftedRow = table.getByRole('row').filter({ hasText: driftedName });
    await untouchedRow.getByText('Not checked').waitFor();

    await page.getByRole('button', { name: `Check: ${untouchedName}` }).press('Enter');
    await untouchedRow.getByText('Two-way link checked Feishu → WeCom').waitFor();
    expect(await untouchedRow.locator('[data-check-state]').textContent()).toBe('In sync');

    await page.getByRole('button', { name: `Check: ${driftedName}` }).click();
    const driftedTag = driftedRow.locator('[data-check-state]');
    await driftedTag.waitFor();
    expect(await driftedTag.textContent()).toBe('Drifted');
    expect(await driftedTag.getAttribute('aria-label')).toBe(
      'Drifted: The target was changed outside the gateway since the last sync; the next sync would overwrite it ' +
        'with the source.',
    );
    expect(errors()).toEqual([]);
  });
});
