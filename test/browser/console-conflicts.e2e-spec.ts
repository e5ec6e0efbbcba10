import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { WecomCheckinGroupCreate } from '@app/wecom';
import { type ConsoleHarness, startConsoleHarness } from '../support/console-browser.js';
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
  let harness: ConsoleHarness;
  let server: App;
  let groupId: string;
  let conflict: ConflictBody;

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${harness.token}`);
  const conflicts = async (state: 'open' | 'all'): Promise<ConflictBody[]> =>
    (await auth(request(server).get(`/api/v1/conflicts?state=${state}`)).expect(200)).body.items as ConflictBody[];

  beforeAll(async () => {
    harness = await startConsoleHarness();
    server = harness.gateway.app.getHttpServer();
    groupId = String(
      harness.emulators.feishu.emulator.groups().find((group) => group['group_name'] === NAME)!['group_id'],
    );
    const run = await syncAndWait<RunBody>(server, {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: [groupId],
    });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: groupId, targetId: null, action: 'skipped' })]);
    [conflict] = await conflicts('open');
    expect(conflict).toMatchObject({
      kind: 'name_taken',
      feishuGroupId: groupId,
      found: { vendor: 'wecom', name: NAME },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('lists the name conflict with both sides and its three resolutions, and "skip" closes it', async () => {
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
});
