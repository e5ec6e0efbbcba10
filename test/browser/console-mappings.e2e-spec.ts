import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/node';
import { groupForUpdate } from '@app/feishu';
import { SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type ConsoleHarness, launchConsoleBrowser, startConsoleHarness } from '../support/console-browser.js';
import { createFixedFeishuGroup, syncAndWait, vendorAdmins } from '../support/sync-harness.js';

// The Mappings page in Chromium against the real gateway: a CSV upload with a bad row is refused in the browser
// by file row and column and nothing reaches the store; the fixed file is written in one PUT and its counts
// shown; the table lists and finds the rows; an XLSX file of departments goes the same way; a user a rules run
// dropped for want of a mapping is listed with the group it blocks and the run.

describe('console mappings (Chromium)', () => {
  let browser: Browser;
  let harness: ConsoleHarness;
  let folder: string;

  // One Chromium for the file; each test a gateway, emulators and (empty) mapping tables of its own, and the
  // mappings and runs it looks at made through the same public calls (putGoodUsers, dropUnmappedUser): no test
  // depends on another (issue #22).
  beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    harness = await startConsoleHarness({ mappings: false, browser });
    folder = mkdtempSync(join(tmpdir(), 'console-mappings-'));
  });

  afterEach(async () => {
    await harness?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** The table's size as the REST API reports it (X-Total-Count). */
  async function total(kind: 'users' | 'departments'): Promise<number> {
    const response = await fetch(`${harness.baseUrl}/api/v1/mappings/${kind}?limit=1`, {
      headers: { Authorization: `Bearer ${harness.token}` },
    });
    expect(response.status).toBe(200);
    return Number(response.headers.get('X-Total-Count'));
  }

  async function put(kind: 'users' | 'departments', rows: object[]): Promise<void> {
    const response = await fetch(`${harness.baseUrl}/api/v1/mappings/${kind}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(rows),
    });
    expect(response.status).toBe(200);
  }

  function writeCsv(name: string, lines: string[]): string {
    const path = join(folder, name);
    writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
    return path;
  }

  /** Uploads through the file input of the open tab (Ant Design's Upload keeps it hidden). */
  async function upload(page: Page, path: string): Promise<void> {
    await page.getByRole('tabpanel').locator('input[type="file"]').setInputFiles(path);
  }

  /** The text of each cell of the table row holding `text`. */
  async function rowCells(page: Page, text: string): Promise<string[]> {
    const row = page.getByRole('tabpanel').getByRole('row').filter({ hasText: text });
    await row.first().waitFor();
    return (await row.first().getByRole('cell').allInnerTexts()).map((cell) => cell.trim());
  }

  const GOOD_USERS = [
    ['e2e-1001', 'zhang.wei', '张伟'],
    ['e2e-1002', 'li.na', '李娜'],
    ['e2e-1003', 'wang.fang', '王芳'],
    ['e2e-1004', 'liu.yang', '刘洋'],
    ['e2e-1005', 'chen.jing', '陈静'],
  ] as const;

  /** GOOD_USERS in the user mappings, as the first test's fixed file writes them. */
  async function putGoodUsers(): Promise<void> {
    await put(
      'users',
      GOOD_USERS.map(([feishuUserId, wecomUserId]) => ({ feishuUserId, wecomUserId })),
    );
    expect(await total('users')).toBe(GOOD_USERS.length);
  }

  /**
   * The sample company mapped but for 刘洋 (e1004), who is bound to a new Feishu group by name; a Feishu → WeCom
   * rules run of that group drops him for want of a mapping.
   */
  async function dropUnmappedUser() {
    const unmapped = SAMPLE_PEOPLE.find((person) => person.feishuUserId === 'e1004')!;
    await put(
      'users',
      SAMPLE_PEOPLE.filter((person) => person !== unmapped).map(({ feishuUserId, wecomUserId }) => ({
        feishuUserId,
        wecomUserId,
      })),
    );
    await put(
      'departments',
      Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
        feishuDepartmentId,
        wecomPartyId,
      })),
    );
    const { feishuAdmin } = vendorAdmins(harness.emulators);
    const groupId = await createFixedFeishuGroup(harness.emulators, feishuAdmin, '控制台映射测试班');
    const group = await feishuAdmin.getGroup(groupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), bind_user_ids: [unmapped.feishuUserId] });
    const run = await syncAndWait<{ id: string; items: { losses: { field: string; severity: string }[] }[] }>(
      harness.gateway.app.getHttpServer(),
      { direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] },
    );
    expect(run.items[0]?.losses).toContainEqual(
      expect.objectContaining({ field: 'members.userIds', severity: 'dropped' }),
    );
    return { unmapped, groupId, run };
  }

  it('refuses a CSV with a bad row by row and column, writes nothing, then writes the fixed file', async () => {
    const { page, errors } = await harness.open('/console/mappings', { language: 'en' });
    await page.getByRole('heading', { name: 'Mappings', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Users', selected: true }).waitFor();
    expect(await total('users')).toBe(0);

    // Row 4 of the sheet (header = row 1) has no WeCom id; the other rows are fine.
    const header = '飞书用户ID,企业微信用户ID,姓名';
    const lines = GOOD_USERS.map((row) => row.join(','));
    const bad = writeCsv('users-bad.csv', [header, lines[0]!, lines[1]!, 'e2e-1003,,王芳', lines[3]!, lines[4]!]);
    await upload(page, bad);
    await page.getByRole('alert').getByText('users-bad.csv was not written').waitFor();
    expect(await rowCells(page, 'The id is empty')).toEqual(['4', '企业微信用户ID', 'The id is empty']);
    expect(await total('users')).toBe(0);
    await harness.screenshot(page, 'mappings-refused');

    const good = writeCsv('users.csv', [header, ...lines]);
    await upload(page, good);
    await page.getByRole('status').getByText('users.csv written: 5 inserted, 0 updated, 0 unchanged.').waitFor();
    expect(await total('users')).toBe(5);
    expect(await rowCells(page, 'e2e-1003')).toEqual(['e2e-1003', 'wang.fang']);
    await page.getByRole('tabpanel').getByText('5 in all').waitFor();

    // The same file again: every row is already there.
    await upload(page, good);
    await page.getByRole('status').getByText('users.csv written: 0 inserted, 0 updated, 5 unchanged.').waitFor();
    expect(errors()).toEqual([]);
  });

  it("maps the gateway's refusal of a clean-looking file back to its row and column (by keyboard)", async () => {
    await putGoodUsers();
    const { page, errors, expectError } = await harness.open('/console/mappings', { language: 'en' });
    // Listening from the start: Playwright turns file-chooser interception on asynchronously, and a key press
    // right after page.waitForEvent('filechooser') can beat it.
    const chooser = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
    await page.getByRole('tabpanel').getByText('5 in all').waitFor();
    // Fine on its own, but zhang.wei is e2e-1001's already: the gateway answers 409 naming [1].wecomUserId.
    const path = writeCsv('users-taken.csv', [
      'feishuUserId,wecomUserId',
      'e2e-2000,new.person',
      '',
      'e2e-2001,zhang.wei',
    ]);
    expectError(/409/);
    const button = page.getByRole('button', { name: 'Choose a user mapping file (CSV or XLSX)' });
    await button.focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(path);
    await page
      .getByRole('alert')
      .getByText('users-taken.csv was not written: the gateway refused the batch (409)')
      .waitFor();
    expect(await rowCells(page, 'is already mapped')).toEqual([
      '4',
      'wecomUserId',
      '"zhang.wei" is already mapped to feishuUserId "e2e-1001"',
    ]);
    expect((await rowCells(page, 'maps to one Feishu user only')).slice(0, 2)).toEqual(['Whole file', '—']);
    expect(await total('users')).toBe(5);
    expect(errors()).toEqual([]);
  });

  it('finds a mapping by either id', async () => {
    await putGoodUsers();
    const { page, errors } = await harness.open('/console/mappings', { language: 'en' });
    const table = page.getByRole('tabpanel');
    await table.getByText('5 in all').waitFor();
    await table.getByRole('searchbox', { name: 'Search' }).fill('liu.y');
    await table.getByText('1 in all').waitFor();
    expect(await rowCells(page, 'e2e-1004')).toEqual(['e2e-1004', 'liu.yang']);
    await table.getByRole('searchbox', { name: 'Search' }).fill('e2e-100');
    await table.getByText('5 in all').waitFor();
    await table.getByRole('searchbox', { name: 'Search' }).fill('nobody');
    await table.getByText('No mapping has an id containing “nobody”').waitFor();
    expect(errors()).toEqual([]);
  });

  it('uploads departments from an XLSX file, numbers and Chinese headers included', async () => {
    const { page, errors } = await harness.open('/console/mappings', { language: 'en' });
    await page.getByRole('tab', { name: 'Departments' }).click();
    await page.getByRole('tab', { name: 'Departments', selected: true }).waitFor();
    expect(page.url()).toMatch(/\?tab=departments$/);
    const path = join(folder, 'departments.xlsx');
    await writeXlsxFile([
      ['部门名称', '飞书部门ID', '企业微信部门ID'],
      ['研发部', 'od-e2e-rd', 101],
      ['销售部', 'od-e2e-sales', 102],
      [null, null, null],
      ['行政部', 'od-e2e-admin', '103'],
    ]).toFile(path);
    expect(await total('departments')).toBe(0);
    await upload(page, path);
    await page.getByRole('status').getByText('departments.xlsx written: 3 inserted, 0 updated, 0 unchanged.').waitFor();
    expect(await total('departments')).toBe(3);
    expect(await rowCells(page, 'od-e2e-sales')).toEqual(['od-e2e-sales', '102']);
    expect(errors()).toEqual([]);
  });

  it('lists a user a run dropped for want of a mapping, with the group it blocks and the run', async () => {
    const { unmapped, groupId, run } = await dropUnmappedUser();

    const { page, errors } = await harness.open('/console/mappings', { language: 'en' });
    const section = page.getByRole('region', { name: 'Seen in runs but unmapped' });
    const row = section.getByRole('row').filter({ hasText: unmapped.feishuUserId });
    await row.waitFor();
    expect((await row.getByRole('cell').allInnerTexts()).slice(0, 3)).toEqual([
      'User',
      'Feishu',
      unmapped.feishuUserId,
    ]);
    const groupLink = row.getByRole('link', { name: `Feishu group ${groupId}` });
    expect(await groupLink.getAttribute('href')).toBe(`/console/links?q=${encodeURIComponent(groupId)}`);
    expect(await row.getByRole('link', { name: /^Run / }).getAttribute('href')).toBe(`/console/runs/${run.id}`);
    expect(errors()).toEqual([]);
  });

  it('shows the page in Chinese, and an id no longer once it is mapped', async () => {
    await putGoodUsers();
    await dropUnmappedUser();
    const { page, errors } = await harness.open('/console/mappings');
    await page.getByRole('heading', { name: '人员与部门映射', level: 2 }).waitFor();
    const section = page.getByRole('region', { name: '运行中遇到但尚未映射的 ID' });
    const row = section.getByRole('row').filter({ hasText: 'e1004' });
    await row.waitFor();
    await page
      .getByRole('tabpanel')
      .getByText(`共 ${5 + SAMPLE_PEOPLE.length - 1} 条`)
      .waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await harness.screenshot(page, 'mappings');

    await put('users', [{ feishuUserId: 'e1004', wecomUserId: 'liuyang' }]);
    await page.reload();
    await page
      .getByRole('tabpanel')
      .getByText(`共 ${5 + SAMPLE_PEOPLE.length} 条`)
      .waitFor();
    await section.getByText('最近的同步中没有未映射的 ID').waitFor();
    expect(errors()).toEqual([]);
  });
});
