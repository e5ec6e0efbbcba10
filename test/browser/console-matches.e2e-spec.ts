import type { Browser, Locator, Page } from 'playwright-core';
import { generateCompany, type GeneratedCompany } from '../../apps/emulators/src/sample-company/generated-company.js';
import { type ConsoleHarness, launchConsoleBrowser, startConsoleHarness } from '../support/console-browser.js';
import { waitForRunBody } from '../support/sync-harness.js';

// The Matches view in Chromium against the real gateway, over a generated company of 100 people in both
// emulators: a match run started from the console (no auto-accept) proposes the generator's pairs; filtered by
// status, two proposals and one candidate of an ambiguous person are accepted in one batch; the other claimant
// of that member is then no longer offered it (unmatched, its reason naming the holder, in the console's
// language); a proposal another operator rejected meanwhile is refused with the gateway's 409; a proposal is
// rejected; the user mappings then hold exactly the three accepted pairs.

interface Match {
  id: string;
  status: string;
  feishuId: string | null;
  wecomId: string | null;
  matchedBy: string | null;
  candidates: { feishuId?: string; wecomId?: string; matchedBy: string }[];
  reasonCode: string | null;
}

describe('console matches (Chromium)', () => {
  let browser: Browser;
  let company: GeneratedCompany;
  let harness: ConsoleHarness;

  // One Chromium for the file; each test a gateway, emulators and database of its own, and the match run and
  // decisions it looks at made through the same public calls (matchAndAcceptAmbiguous): no test depends on another
  // (issue #22).
  beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    company = generateCompany({ people: 100, seed: 7 });
    harness = await startConsoleHarness({ mappings: false, company, browser });
  }, 120_000);

  afterEach(async () => {
    await harness?.close();
  });

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${harness.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${harness.token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  async function matches(status: string): Promise<{ items: Match[]; total: number }> {
    return get(`/api/v1/mappings/matches?kind=user&status=${status}&limit=200`);
  }

  /**
   * A match run through the API (no auto-accept, as the console starts one), then the first claimant of the
   * ambiguous WeCom member accepted with it: the other claimant is left unmatched, held by that match.
   */
  async function matchAndAcceptAmbiguous(): Promise<void> {
    const queued = await fetch(`${harness.baseUrl}/api/v1/mappings/match`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ autoAccept: false }),
    });
    expect(queued.status).toBe(202);
    const { runId } = (await queued.json()) as { runId: string };
    const run = await waitForRunBody<{ status: string }>(harness.gateway.app.getHttpServer(), runId, 120_000);
    expect(run).toMatchObject({ status: 'succeeded' });
    const [claim] = company.expected.ambiguous;
    const chosen = (await matches('ambiguous')).items.find((m) => m.feishuId === claim!.claims[0]!.feishuUserId)!;
    const decided = await fetch(`${harness.baseUrl}/api/v1/mappings/matches/decisions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        decisions: [{ id: chosen.id, decision: 'accept', wecomId: claim!.wecomUserId, status: 'ambiguous' }],
      }),
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toEqual({ accepted: 1, rejected: 0 });
  }

  /** The row whose Feishu id cell is exactly `feishuId`. */
  function row(page: Page, feishuId: string): Locator {
    return page.getByRole('row').filter({ has: page.getByRole('cell', { name: feishuId, exact: true }) });
  }

  /** Picks `label` in the open Ant Design select dropdown. */
  async function pick(page: Page, select: Locator, label: string | RegExp): Promise<void> {
    await select.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: label })
      .click();
  }

  it('runs a match, accepts two proposals and an ambiguous candidate in bulk, withdraws the other claimant, rejects one', async () => {
    const { page, errors, expectError } = await harness.open('/console/', { language: 'en' });
    await page.getByRole('menuitem', { name: 'Matches' }).click();
    await page.getByRole('heading', { name: 'Matches', level: 2 }).waitFor();
    await page.getByText('No matches yet. Start one with “Run match”.').waitFor();

    // The run form: the gateway's default order, no dry run, no auto-accept.
    await page.getByRole('button', { name: 'Run match' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run the identity match' });
    await dialog.waitFor();
    expect(await dialog.locator('.ant-select-selection-item').allInnerTexts()).toEqual([
      'Work email',
      'Mobile',
      'Employee number',
    ]);
    expect(await dialog.getByRole('checkbox', { name: 'Accept unique matches at once' }).isChecked()).toBe(false);
    expect(await dialog.getByRole('checkbox', { name: 'Dry run (propose, write nothing)' }).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Start' }).click();
    const runLink = page.getByRole('status').getByRole('link', { name: /^Open run / });
    await runLink.waitFor();
    const runId = (await runLink.getAttribute('href'))!.replace('/console/runs/', '');
    const run = await waitForRunBody<{ status: string; scope: string; triggeredBy: string }>(
      harness.gateway.app.getHttpServer(),
      runId,
      120_000,
    );
    expect(run).toMatchObject({ status: 'succeeded', scope: 'identities' });
    await page.getByRole('status').getByText('Succeeded').waitFor();

    // Proposed: exactly the generator's unique pairs, each with its evidence in words.
    const proposed = await matches('proposed');
    expect(proposed.items.map((m) => `${m.feishuId}→${m.wecomId}`).sort()).toEqual(
      company.expected.pairs.map((p) => `${p.feishuUserId}→${p.wecomUserId}`).sort(),
    );
    await pick(page, page.getByRole('combobox', { name: 'Status' }), /^Proposed$/);
    await page.getByText(`${proposed.total} in all`).waitFor();
    expect(page.url()).toMatch(/\?status=proposed$/);
    const [first, second, stale, rejected] = proposed.items;
    const evidence = { email: 'same email', mobile: 'same mobile', employee_no: 'same employee number' } as const;
    const firstCells = (await row(page, first!.feishuId!).getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(firstCells.slice(1, 5)).toEqual([
      'Proposed',
      first!.feishuId,
      first!.wecomId,
      evidence[first!.matchedBy as keyof typeof evidence],
    ]);

    // The ambiguous ones: one WeCom member claimed by two Feishu people.
    const ambiguous = await matches('ambiguous');
    const [claim] = company.expected.ambiguous;
    expect(ambiguous.items.map((m) => m.feishuId).sort()).toEqual(claim!.claims.map((c) => c.feishuUserId).sort());
    const chosen = ambiguous.items.find((m) => m.feishuId === claim!.claims[0]!.feishuUserId)!;

    // One batch gathered over two filters: two proposals, then the ambiguous person.
    await row(page, first!.feishuId!).getByRole('checkbox').check();
    await row(page, second!.feishuId!).getByRole('checkbox').check();
    await pick(page, page.getByRole('combobox', { name: 'Status' }), /^Ambiguous$/);
    await page.getByText(`${ambiguous.total} in all`).waitFor();
    await row(page, chosen.feishuId!).getByRole('checkbox').check();
    await page.getByText('3 selected').waitFor();
    const accept = page.getByRole('button', { name: 'Accept selected' });
    expect(await accept.isDisabled()).toBe(true);
    await page.getByText(`Choose a WeCom id for the ambiguous ${chosen.feishuId} first`).waitFor();
    expect(await accept.getAttribute('aria-describedby')).toBeTruthy();
    await pick(
      page,
      row(page, chosen.feishuId!).getByRole('combobox', { name: `WeCom id for Feishu ${chosen.feishuId}` }),
      `${claim!.wecomUserId} (same email)`,
    );
    expect(await accept.isEnabled()).toBe(true);
    await accept.click();
    await page.getByText('3 accepted, 0 rejected.').waitFor();
    await page.getByText('0 selected').waitFor();
    await row(page, chosen.feishuId!).waitFor({ state: 'detached' });

    // The other claimant of the same WeCom member is no longer offered it: it leaves the ambiguous ones and waits
    // as unmatched, with no WeCom id to choose, its reason naming who holds the member.
    const other = ambiguous.items.find((m) => m !== chosen)!;
    await row(page, other.feishuId!).waitFor({ state: 'detached' });
    await pick(page, page.getByRole('combobox', { name: 'Status' }), /^Unmatched$/);
    await row(page, other.feishuId!).waitFor();
    const otherCells = (await row(page, other.feishuId!).getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(otherCells[1]).toBe('Unmatched');
    expect(otherCells[5]).toBe(
      `the WeCom person with the same mobile number (${claim!.wecomUserId}) is already matched to Feishu ${chosen.feishuId}`,
    );
    expect(await row(page, other.feishuId!).getByRole('combobox').count()).toBe(0);
    const refusal = page.getByRole('alert').filter({ hasText: 'the gateway refused the decisions (409)' });

    // A proposal someone else rejects while it is selected here: the batch names the status it was seen in, so
    // the gateway refuses it (409) rather than accept what the other operator rejected.
    await pick(page, page.getByRole('combobox', { name: 'Status' }), /^Proposed$/);
    await page.getByText(`${proposed.total - 2} in all`).waitFor();
    await row(page, stale!.feishuId!).getByRole('checkbox').check();
    const meanwhile = await fetch(`${harness.baseUrl}/api/v1/mappings/matches/decisions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decisions: [{ id: stale!.id, decision: 'reject' }] }),
    });
    expect(meanwhile.status).toBe(200);
    expectError(/409/);
    await accept.click();
    await refusal.filter({ hasText: `match ${stale!.id} is rejected now, not proposed` }).waitFor();
    await page.getByText(`${proposed.total - 3} in all`).waitFor();

    // Rejected here.
    await row(page, rejected!.feishuId!).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Reject selected' }).click();
    await page.getByText('0 accepted, 1 rejected.').waitFor();
    await page.getByText(`${proposed.total - 4} in all`).waitFor();

    // The store: exactly the three accepted pairs, and the decisions as the console made them.
    const mappings = await get<{ feishuUserId: string; wecomUserId: string }[]>('/api/v1/mappings/users?limit=100');
    expect(mappings.map((m) => `${m.feishuUserId}→${m.wecomUserId}`).sort()).toEqual(
      [
        `${first!.feishuId}→${first!.wecomId}`,
        `${second!.feishuId}→${second!.wecomId}`,
        `${chosen.feishuId}→${claim!.wecomUserId}`,
      ].sort(),
    );
    const accepted = await matches('accepted');
    expect(accepted.items.map((m) => m.feishuId).sort()).toEqual(
      [first!.feishuId, second!.feishuId, chosen.feishuId].sort(),
    );
    expect((await matches('rejected')).items.map((m) => m.feishuId).sort()).toEqual(
      [stale!.feishuId, rejected!.feishuId].sort(),
    );

    expect(errors()).toEqual([]);
  }, 180_000);

  it('shows the review in Chinese, the other claimant’s reason translated from its code', async () => {
    await matchAndAcceptAmbiguous();
    const { page, errors } = await harness.open('/console/matches');
    await page.getByRole('heading', { name: '匹配审核', level: 2 }).waitFor();
    const people = await get<{ total: number }>('/api/v1/mappings/matches?kind=user&limit=1');
    await page.getByText(`共 ${people.total} 条`).waitFor();
    await page.getByText('请先勾选要处理的匹配').waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await harness.screenshot(page, 'matches');

    const [claim] = company.expected.ambiguous;
    const holder = (await matches('accepted')).items.find((m) => m.wecomId === claim!.wecomUserId)!;
    const other = (await matches('unmatched')).items.find((m) =>
      m.candidates.some((c) => c.wecomId === claim!.wecomUserId),
    )!;
    expect(other).toMatchObject({ reasonCode: 'held_by_match' });
    await pick(page, page.getByRole('combobox', { name: '状态' }), /^未匹配$/);
    await row(page, other.feishuId!).waitFor();
    const cells = (await row(page, other.feishuId!).getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(cells[1]).toBe('未匹配');
    expect(cells[5]).toBe(`手机号相同的企业微信人员（${claim!.wecomUserId}）已匹配到飞书 ${holder.feishuId}`);
    expect(errors()).toEqual([]);
  }, 180_000);
});
