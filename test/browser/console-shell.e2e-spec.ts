import { type ConsoleHarness, startConsoleHarness } from '../support/console-browser.js';

// The console's shell in Chromium against the real gateway: sign-in with the API token (refused token named,
// accepted one kept in sessionStorage only), the 401 path back to sign-in, and the language switch.

describe('console shell (Chromium)', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsoleHarness({ mappings: false });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('serves the console at /console, with the client-side routes falling back to index.html', async () => {
    const index = await fetch(`${harness.baseUrl}/console/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const deep = await fetch(`${harness.baseUrl}/console/runs/some-run`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    // The API keeps its token: the console adds no way around it.
    expect((await fetch(`${harness.baseUrl}/api/v1/runs`)).status).toBe(401);
  });

  it('refuses a wrong token, signs in with the right one, and keeps it out of the URL and localStorage', async () => {
    const { page, errors, expectError } = await harness.open('/console/', { signedIn: false, language: 'en' });
    await page.getByRole('heading', { name: 'Sign in to the attendance sync console' }).waitFor();
    expectError(/401/);
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The gateway refused this token.').waitFor();
    await harness.screenshot(page, 'sign-in');

    await page.getByLabel('API token').fill(harness.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/runs$/);
    expect(page.url()).not.toContain(harness.token);
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('attendance-sync-console.api-token'),
      local: Object.values(localStorage),
    }));
    expect(stored.session).toBe(harness.token);
    expect(stored.local).not.toContain(harness.token);
    expect(errors()).toEqual([]);
  });

  it('returns to sign-in when the gateway answers 401', async () => {
    const { page, expectError } = await harness.open('/console/runs', { language: 'en' });
    expectError(/401/);
    await page.evaluate(() => sessionStorage.setItem('attendance-sync-console.api-token', 'revoked-token'));
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the attendance sync console' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('attendance-sync-console.api-token'))).toBeNull();
  });

  it('opens in Chinese and switches to English and back, remembering the choice', async () => {
    const { page, errors } = await harness.open('/console/runs');
    await page.getByRole('menuitem', { name: '同步记录' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Runs' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('menuitem', { name: 'Runs' }).waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '同步记录' }).waitFor();
    expect(errors()).toEqual([]);
  });
});
