import request from 'supertest';
import type { App } from 'supertest/types.js';
import { addDays, chinaDayOf } from '@app/kernel';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { emulatorGatewayEnv, syncAndWait, uploadSampleMappings, wecomRuleNames } from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { waitUntil } from '../support/wait-for.js';

// Logs of a run (issue #9: "logs carry run id, link and vendor on every line"): every line written while a run
// executes names the run; lines written for one item name the item (and its link once there is one); every
// line about a vendor call names the vendor. Read from the exact bytes the app writes (LOG_LEVEL=debug).

type LogRecord = Record<string, unknown>;

describe('run logs carry the run, the link and the vendor', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);

  interface RunBody {
    id: string;
    status: string;
    items: { sourceId: string }[];
  }

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body);

  /**
   * The lines from the run's "Run started" to its "Run finished", HTTP request lines (the polling) left out. The
   * "Run finished" line is written after the run's row is final, which is what the sync waited for: wait for the
   * line too (on two busy cores it was not there yet when read at once).
   */
  async function runLines(runId: string): Promise<LogRecord[]> {
    const isEnd = (line: LogRecord) => line['msg'] === 'Run finished' && line['runId'] === runId;
    await waitUntil(() => harness.logs.records().some(isEnd), `the "Run finished" line of run ${runId}`);
    const records = harness.logs.records();
    const start = records.findIndex((line) => line['msg'] === 'Run started' && line['runId'] === runId);
    const end = records.findIndex(isEnd);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    return records.slice(start, end + 1).filter((line) => line['req'] === undefined);
  }

  const vendorLines = (lines: LogRecord[]) => lines.filter((line) => line['context'] === 'VendorCall');
  const itemLines = (lines: LogRecord[]) => lines.filter((line) => String(line['msg']).startsWith('Item '));

  // Each test starts from emulators and a gateway of its own, and makes the runs it reads the lines of itself:
  // no test depends on another having run (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    harness = await createTestApp(emulatorGatewayEnv(emulators));
    server = harness.app.getHttpServer();
    await uploadSampleMappings(server);
  }, 60_000);

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it('a first rules run: every line names the run; item lines and their vendor calls name the item', async () => {
    // A group whose name a sample WeCom rule has is a name conflict: a skipped item (with its error), no add.
    const taken = wecomRuleNames(emulators);
    const conflicted = new Set(
      emulators.feishu.emulator
        .groups()
        .filter((group) => taken.has(String(group['group_name'])))
        .map((group) => String(group['group_id'])),
    );
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(run.status).toBe('succeeded');
    const lines = await runLines(run.id);
    for (const line of lines) {
      expect({ msg: line['msg'], runId: line['runId'] }).toEqual({ msg: line['msg'], runId: run.id });
      expect(line).toMatchObject({ scope: 'rules', direction: 'feishu_to_wecom' });
    }
    // One line per item, each naming its Feishu group.
    const items = itemLines(lines);
    expect(items).toHaveLength(run.items.length);
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      id: string;
      feishuGroupId: string;
    }[];
    for (const line of items) {
      const link = links.find((candidate) => candidate.feishuGroupId === line['sourceId']);
      expect(link).toBeDefined();
      if (conflicted.has(String(line['sourceId']))) {
        // The item records the group's link itself, so its line was written before the item knew the link.
        expect(line).toMatchObject({
          item: `feishu-group:${String(line['sourceId'])}`,
          action: 'skipped',
          level: 'info',
        });
        continue;
      }
      expect(line).toMatchObject({
        item: `feishu-group:${String(line['sourceId'])}`,
        action: 'created',
        level: 'info',
        link: link?.id,
      });
    }
    // Every vendor call line names its vendor; those made for a group (reads, the add) name the group too.
    const calls = vendorLines(lines);
    expect(calls.length).toBeGreaterThan(items.length);
    for (const line of calls) expect(['feishu', 'wecom']).toContain(line['vendor']);
    const adds = calls.filter(
      (line) => line['msg'] === 'Vendor call' && line['endpoint'] === 'POST /cgi-bin/checkin/add_checkin_option',
    );
    expect(adds).toHaveLength(items.length - conflicted.size);
    for (const add of adds) expect(add).toMatchObject({ vendor: 'wecom', outcome: 'ok', item: expect.any(String) });
    const groupsTouched = new Set(adds.map((add) => add['item']));
    expect(groupsTouched).toEqual(
      new Set(items.filter((line) => !conflicted.has(String(line['sourceId']))).map((line) => line['item'])),
    );
  });

  it('a re-run over linked groups names each link; an unchanged item is a debug line', async () => {
    // The first run links the groups (and opens the name conflict of the group whose name a sample rule has).
    const first = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(first.status).toBe('succeeded');
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      id: string;
      feishuGroupId: string;
      status: string;
    }[];
    const lines = await runLines(run.id);
    const items = itemLines(lines);
    expect(items.length).toBeGreaterThan(0);
    for (const line of items) {
      const link = links.find((candidate) => candidate.feishuGroupId === line['sourceId']);
      // A link waiting on its name conflict is reported (skipped, with the conflict) on every run until resolved.
      const waiting = link?.status === 'conflict';
      expect(line).toMatchObject({
        runId: run.id,
        action: waiting ? 'skipped' : 'unchanged',
        level: waiting ? 'info' : 'debug',
        link: link?.id,
      });
    }
    const perLink = vendorLines(lines).filter((line) => line['link'] !== undefined);
    expect(perLink.length).toBeGreaterThan(0);
    for (const line of perLink) expect(links.map((link) => link.id)).toContain(line['link']);
  });

  it('a failing vendor call is a warn line with its vendor, endpoint, outcome and run', async () => {
    emulators.wecom.emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption', kind: 'server_error', probability: 1, maxCount: 1 },
    ]);
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'rules' });
    emulators.wecom.emulator.faults.clear();
    const failed = vendorLines(await runLines(run.id)).filter((line) => line['msg'] === 'Vendor call failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({
      level: 'warn',
      runId: run.id,
      vendor: 'wecom',
      endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption',
      outcome: 'transient',
    });
  });

  it('a punch run: the vendor calls name the unit of people and days they were made for', async () => {
    const today = chinaDayOf(Date.now() / 1000);
    const from = addDays(today, -15);
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from, to: today });
    expect(run.status).toBe('succeeded');
    const lines = await runLines(run.id);
    for (const line of lines) expect(line['runId']).toBe(run.id);
    const reads = vendorLines(lines).filter((line) => line['endpoint'] === 'POST /cgi-bin/checkin/getcheckindata');
    const imports = vendorLines(lines).filter(
      (line) => line['endpoint'] === 'POST /open-apis/attendance/v1/user_flows/batch_create',
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(imports.length).toBeGreaterThan(0);
    for (const line of [...reads, ...imports]) expect(line['unit']).toMatch(/^\d+\/\d+$/u);
    // One line per person, naming them.
    expect(itemLines(lines).map((line) => line['sourceId'])).toEqual(run.items.map((entry) => entry.sourceId));
  });
});
