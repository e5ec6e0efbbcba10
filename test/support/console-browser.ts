import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { GeneratedCompany } from '../../apps/emulators/src/sample-company/generated-company.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { emulatorGatewayEnv, uploadSampleMappings } from './sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from './test-app.js';

// The browser tests' world: the real gateway (AppModule on a fresh database) listening on a port, pointed at
// both emulators, serving the built console (dist/console, built by the global setup) at /console, driven by
// the system Chromium through playwright-core (STACK.md: the npm browser download is unreachable here).

/** The Chromium binary: Debian's package (`apt-get install -y chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the tests leave their screenshots (a CI artefact; not committed). */
export const SCREENSHOT_DIR = 'test-artifacts/console';

export interface ConsolePage {
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far, minus the ones the test said to expect. */
  errors(): string[];
  /** A console error the test provokes on purpose (e.g. the 401 of a refused sign-in). */
  expectError(pattern: RegExp): void;
}

export interface ConsoleHarness {
  readonly emulators: RunningEmulators;
  readonly gateway: TestApp;
  /** The gateway's origin, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  readonly token: string;
  /** A fresh browser context and page at 1280×800 (the console's target laptop width). */
  open(path?: string, options?: { language?: 'zh' | 'en'; signedIn?: boolean }): Promise<ConsolePage>;
  /** Saves a full-page screenshot as SCREENSHOT_DIR/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Launches the system Chromium, with a readable error when it cannot. */
/**
 * Waits until the page has no running animation (a tooltip fading, a drawer sliding), so a screenshot shows
 * the settled page. The bound is for a hang, not speed: on a loaded machine a starved Chromium has taken over
 * the pages' 15 s default to finish a fade (console-drift, a loaded shuffled run).
 */
export async function waitForAnimationsToEnd(page: Page): Promise<void> {
  await page.waitForFunction('document.getAnimations().length === 0', undefined, { timeout: 30_000 });
}

export async function launchConsoleBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  } catch (error) {
    throw new Error(
      `cannot start Chromium at ${CHROMIUM_PATH} (install it with \`apt-get install -y chromium\`, or set ` +
        `CHROMIUM_PATH): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * `mappings: false` leaves the mapping tables empty; `company` puts a generated company in both emulators' directories
 * in place of the sample company's. `browser` (from launchConsoleBrowser) shares one Chromium between the harnesses
 * of a file — each test a gateway, emulators and database of its own, the browser only giving it fresh contexts —
 * and is left open by close(); without it the harness launches its own and closes it.
 */
export async function startConsoleHarness(
  options: { mappings?: boolean; company?: GeneratedCompany; browser?: Browser } = {},
): Promise<ConsoleHarness> {
  const emulators = await startEmulators(options.company ? { company: options.company } : {});
  const gateway = await createTestApp(emulatorGatewayEnv(emulators));
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  if (options.mappings !== false) await uploadSampleMappings(gateway.app.getHttpServer());
  const ownBrowser = options.browser === undefined;
  let browser: Browser;
  try {
    browser = options.browser ?? (await launchConsoleBrowser());
  } catch (error) {
    await gateway.close();
    await emulators.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    emulators,
    gateway,
    baseUrl,
    token: TEST_API_TOKEN,
    async open(path = '/console/', { language = 'zh', signedIn = true } = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl });
      contexts.push(context);
      // Storage is set before any page script runs: the language choice, and the token when signed in.
      await context.addInitScript(
        ([lang, token]) => {
          // Only the first load of the context: a reload keeps what the page itself chose.
          if (!localStorage.getItem('attendance-sync-console.language')) {
            localStorage.setItem('attendance-sync-console.language', lang);
          }
          if (token && !sessionStorage.getItem('attendance-sync-console.api-token')) {
            sessionStorage.setItem('attendance-sync-console.api-token', token);
          }
        },
        [language, signedIn ? TEST_API_TOKEN : ''] as const,
      );
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const seen: string[] = [];
      const expected: RegExp[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') seen.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
      await page.goto(path);
      return {
        page,
        errors: () => seen.filter((text) => !expected.some((pattern) => pattern.test(text))),
        expectError: (pattern) => expected.push(pattern),
      };
    },
    async screenshot(page, name) {
      const path = `${SCREENSHOT_DIR}/${name}.png`;
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const context of contexts) {
        // A test's route handler may still be answering a page's poll (a stubbed running run is polled until it
        // ends): closing the context under it rejects the handler's route.fetch ("Request context disposed"),
        // an unhandled error that fails the whole file. Playwright's remedy: drop the routes, ignoring those
        // errors, before closing.
        for (const page of context.pages()) await page.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => undefined);
        await context.close().catch(() => undefined);
      }
      if (ownBrowser) await browser.close();
      await gateway.close();
      await emulators.close();
    },
  };
}
