import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { type FeishuClient, groupForUpdate } from '@app/feishu';
import { type WecomClient } from '@app/wecom';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { MappingStore } from '@app/mapping-store';
import { feishuToCanonical, legacyRuleContentHashes, ruleContentHash, wecomToCanonical } from '@app/translation';
import { ReconcileScheduler } from '../../apps/gateway/src/sync/reconcile.scheduler.js';
import {
  createFixedFeishuGroup,
  emulatorGatewayEnv,
  uploadSampleMappings,
  vendorAdmins,
  waitForRunBody,
} from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { pairSynced } from '../support/group-links.js';

// Scheduled reconciliation in one process: ticks are driven through the scheduler itself (the cron is set to
// fire only at midnight on the 1st of a month, so no real tick interferes), against both emulators over HTTP.

const WECOM_WRITES = ['add_checkin_option', 'update_checkin_option', 'clear_checkin_option_array_field'];
const FEISHU_WRITES = /^(POST \/open-apis\/attendance\/v1\/(groups|shifts)|DELETE .*)$/;

interface RunBody {
  id: string;
  status: string;
  direction: string;
  triggeredBy: string;
  items: { sourceId: string; targetId: string | null; action: string; error?: string }[];
}

interface LinkBody {
  id: string;
  feishuGroupId: string | null;
  feishuGroupName: string | null;
  wecomRuleId: string | null;
  direction: string;
  status: string;
}

describe('scheduled reconciliation (two-way links, conflicts, discovery)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let scheduler: ReconcileScheduler;
  let feishuAdmin: FeishuClient;
  let wecomAdmin: WecomClient;
  let alertServer: Server;
  const alerts: { text: string; body: Record<string, unknown> }[] = [];
  let month = 0;
  /** The next simulated tick time: midnight (plus a little handler delay) on the 1st of the next month. */
  function nextTickTime(): Date {
    month += 1;
    const year = 2027 + Math.floor((month - 1) / 12);
    return new Date(`${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01T00:00:00.120Z`);
  }

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);

  const waitForRun = (runId: string) => waitForRunBody<RunBody>(server, runId);

  /** One scheduled tick (a distinct month each time, so each is its own tick), run to its end. */
  async function tick(): Promise<RunBody> {
    const runId = await scheduler.tick(nextTickTime());
    if (!runId) throw new Error('the tick queued no run');
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ direction: 'two_way', triggeredBy: 'schedule' });
    return run;
  }

  const writes = () => ({
    wecom: emulators.wecom.emulator.calls().filter((call) => WECOM_WRITES.includes(call.api)).length,
    feishu: emulators.feishu.emulator.calls().filter((call) => call.status === 200 && FEISHU_WRITES.test(call.endpoint))
      .length,
  });

  async function links(): Promise<LinkBody[]> {
    return (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as LinkBody[];
  }

  /**
   * A fixed group like the sample one (总部固定班), whose name no WeCom rule has: the sample one shares its name
   * with a sample WeCom rule, which makes it a name conflict rather than a pair the gateway creates.
   */
  let fixedId: string;
  const fixedGroup = () => emulators.feishu.emulator.groups().find((group) => String(group['group_id']) === fixedId)!;

  beforeAll(async () => {
    alertServer = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        alerts.push({ text: (body['content'] as { text: string }).text, body });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":0}');
      });
    });
    await new Promise<void>((resolve) => alertServer.listen(0, '127.0.0.1', resolve));
  });

  // Each test starts from emulators and a gateway of its own, and makes the links it reconciles through the
  // same public calls (linkFixedGroupTwoWay): no test depends on another having run (issue #22).
  beforeEach(async () => {
    alerts.length = 0;
    emulators = await startEmulators();
    harness = await createTestApp({
      ...emulatorGatewayEnv(emulators),
      SYNC_CRON: '0 0 0 1 * *',
      // These suites reconcile rules; rosters and punches on the same ticks have suites of their own.
      SYNC_CRON_SCOPES: 'rules',
      // One retry: a run that fails on an unreachable vendor is tried once more before it is failed.
      SYNC_RUN_RETRIES: '1',
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(alertServer.address() as AddressInfo).port}/bot`,
    });
    server = harness.app.getHttpServer();
    scheduler = harness.app.get(ReconcileScheduler);
    ({ feishuAdmin, wecomAdmin } = vendorAdmins(emulators));
    await uploadSampleMappings(server);
    fixedId = await createFixedFeishuGroup(emulators, feishuAdmin, '研发固定班');
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  afterAll(async () => {
    await new Promise((resolve) => alertServer?.close(resolve));
  });

  /**
   * What the third test proves step by step: a first tick discovers the fixed group, a PATCH links it two-way,
   * the next tick creates its rule. Returns the active link.
   */
  async function linkFixedGroupTwoWay(): Promise<LinkBody> {
    await tick();
    const link = (await links()).find((candidate) => candidate.feishuGroupId === fixedId)!;
    await auth(request(server).patch(`/api/v1/links/${link.id}`))
      .send({ direction: 'two_way' })
      .expect(200);
    const created = await tick();
    expect(created.items.map((entry) => [entry.sourceId, entry.action])).toEqual([[fixedId, 'created']]);
    return (await links()).find((candidate) => candidate.id === link.id)!;
  }

  it('queues exactly one run per tick, however often the tick fires', async () => {
    const at = nextTickTime();
    const first = await scheduler.tick(at);
    // Another replica firing for the same tick a few milliseconds later.
    const second = await scheduler.tick(new Date(at.getTime() + 150));
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    await waitForRun(first!);
  });

  it('lists newly discovered groups and rules as unlinked, writing nothing (SYNC_AUTO_LINK off)', async () => {
    const before = writes();
    const run = await tick();
    expect(run.status).toBe('succeeded');
    expect(run.items).toEqual([]);
    const listed = await links();
    const feishuIds = emulators.feishu.emulator.groups().map((group) => String(group['group_id']));
    const wecomIds = emulators.wecom.emulator.rules().map((rule) => String(rule.groupid));
    expect(
      listed
        .filter((link) => link.feishuGroupId)
        .map((link) => link.feishuGroupId)
        .sort(),
    ).toEqual(feishuIds.sort());
    expect(
      listed
        .filter((link) => link.wecomRuleId)
        .map((link) => link.wecomRuleId)
        .sort(),
    ).toEqual(wecomIds.sort());
    expect(listed.every((link) => link.status === 'unlinked')).toBe(true);
    expect(writes()).toEqual(before);
  });

  it('links a group on PATCH; the next tick creates its rule, the one after writes nothing', async () => {
    // The first tick discovers the group and lists it as unlinked.
    await tick();
    const link = (await links()).find((candidate) => candidate.feishuGroupId === String(fixedGroup()['group_id']))!;
    const patched = await auth(request(server).patch(`/api/v1/links/${link.id}`))
      .send({ direction: 'two_way' })
      .expect(200);
    expect(patched.body).toMatchObject({ direction: 'two_way', status: 'pending' });
    const created = await tick();
    expect(created.items.map((entry) => [entry.sourceId, entry.action])).toEqual([[link.feishuGroupId, 'created']]);
    const twoWay = (await links()).find((candidate) => candidate.id === link.id)!;
    expect(twoWay).toMatchObject({ status: 'active', wecomRuleId: created.items[0]!.targetId });
    const before = writes();
    const again = await tick();
    expect(again.items.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(writes()).toEqual(before);
  });

  it('a link last synced under the previous content-hash format stays in sync: no conflict, nothing written', async () => {
    const twoWay = await linkFixedGroupTwoWay();
    // What an upgrade from a gateway with v3 hashes leaves in the store: both recorded hashes in the old format.
    const store = harness.app.get(MappingStore);
    const link = (await store.groupLinks.findById(twoWay.id))!;
    const group = await feishuAdmin.getGroup(twoWay.feishuGroupId!);
    const shiftIds = [...new Set(group.punch_day_shift_ids ?? [])].filter((id) => id !== '0').sort();
    const feishu = feishuToCanonical({
      group,
      shifts: await Promise.all(shiftIds.map((id) => feishuAdmin.getShift(id))),
    });
    const rule = (await wecomAdmin.getCorpCheckinOptions()).find((r) => String(r.groupid) === twoWay.wecomRuleId)!;
    const wecom = wecomToCanonical(rule);
    if (!feishu.ok || !wecom.ok) throw new Error('the linked pair no longer translates');
    // The same content the gateway hashed at the last sync, so its old-format hashes are what v3 stored.
    expect([ruleContentHash(feishu.value), ruleContentHash(wecom.value)]).toEqual([link.feishuHash, link.wecomHash]);
    const legacy = {
      feishuHash: legacyRuleContentHashes(feishu.value)[0]!,
      wecomHash: legacyRuleContentHashes(wecom.value)[0]!,
    };
    expect(legacy.feishuHash).not.toBe(link.feishuHash);
    await store.groupLinks.markSynced(
      link.id,
      pairSynced({
        feishuGroupId: link.feishuGroupId!,
        feishuGroupName: link.feishuGroupName!,
        wecomRuleId: link.wecomRuleId!,
        wecomRuleName: link.wecomRuleName!,
        ...legacy,
        syncedAt: link.lastSyncedAt!,
      }),
    );

    const before = writes();
    const run = await tick();
    expect(run.items.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(writes()).toEqual(before);
    expect((await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items).toEqual([]);
    // Matched through the old format, the link now holds the current one (no vendor call was made for it).
    expect(await store.groupLinks.findById(link.id)).toMatchObject({
      feishuHash: link.feishuHash,
      wecomHash: link.wecomHash,
      lastSyncedAt: link.lastSyncedAt,
    });
  });

  it('pushes a Feishu-side change to WeCom, once', async () => {
    const twoWay = await linkFixedGroupTwoWay();
    const shiftId = (fixedGroup()['punch_day_shift_ids'] as string[]).find((id) => id !== '0')!;
    emulators.feishu.emulator.editShift(shiftId, (shift) => {
      (shift['punch_time_rule'] as Record<string, unknown>[])[0]!['late_minutes_as_late'] = 15;
    });
    const before = writes();
    const run = await tick();
    expect(run.items.map((entry) => [entry.sourceId, entry.action])).toEqual([[twoWay.feishuGroupId, 'updated']]);
    expect(writes()).toEqual({ wecom: before.wecom + 1, feishu: before.feishu });
    const quiet = writes();
    await tick();
    expect(writes()).toEqual(quiet);
  });

  it('pushes a WeCom-side change to Feishu, once', async () => {
    const twoWay = await linkFixedGroupTwoWay();
    const rule = emulators.wecom.emulator
      .rules()
      .find((candidate) => String(candidate.groupid) === twoWay.wecomRuleId)!;
    await wecomAdmin.updateCheckinOption({ group: { groupid: rule.groupid, need_photo: !rule.group['need_photo'] } });
    const before = writes();
    const run = await tick();
    expect(run.items.map((entry) => [entry.sourceId, entry.action])).toEqual([[twoWay.wecomRuleId, 'updated']]);
    expect(writes().wecom).toBe(before.wecom);
    expect(writes().feishu).toBeGreaterThan(before.feishu);
    const quiet = writes();
    const again = await tick();
    expect(again.items.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(writes()).toEqual(quiet);
  });

  it('both sides changed: a conflict is listed and alerted once, nothing is written until it is resolved', async () => {
    const twoWay = await linkFixedGroupTwoWay();
    const group = await feishuAdmin.getGroup(twoWay.feishuGroupId!);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), allow_out_punch: !group.allow_out_punch });
    const rule = emulators.wecom.emulator
      .rules()
      .find((candidate) => String(candidate.groupid) === twoWay.wecomRuleId)!;
    await wecomAdmin.updateCheckinOption({ group: { groupid: rule.groupid, need_photo: !rule.group['need_photo'] } });
    alerts.length = 0;

    const before = writes();
    const run = await tick();
    expect(run.items).toHaveLength(1);
    expect(run.items[0]).toMatchObject({ action: 'skipped', error: expect.stringMatching(/both .* changed/) });
    expect(writes()).toEqual(before);
    const open = (await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items as {
      id: string;
      linkId: string;
    }[];
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ linkId: twoWay.id, feishuGroupId: twoWay.feishuGroupId });
    // The texts HR reads (the console translates them by their exact words): the same from either half.
    expect(run.items[0]!.error).toBe(
      'both the Feishu group and the WeCom rule changed since the last sync, so neither was written; choose the ' +
        `winner with POST /api/v1/conflicts/${open[0]!.id}/resolve {"winner": "feishu"|"wecom"}`,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain(open[0]!.id);
    // Accepted as text by both vendors' group bots.
    expect(alerts[0]!.body).toMatchObject({
      msg_type: 'text',
      content: { text: expect.any(String) },
      msgtype: 'text',
      text: { content: expect.any(String) },
    });

    const blocked = await tick();
    expect(blocked.items.map((entry) => entry.error)).toEqual([
      `unresolved conflict ${open[0]!.id}: resolve it with POST /api/v1/conflicts/${open[0]!.id}/resolve ` +
        '{"winner": "feishu"|"wecom"}',
    ]);
    expect(writes()).toEqual(before);
    expect((await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items).toHaveLength(1);
    expect(alerts).toHaveLength(1);

    const resolved = await auth(request(server).post(`/api/v1/conflicts/${open[0]!.id}/resolve`))
      .send({ winner: 'feishu' })
      .expect(202);
    const resolution = await waitForRun(resolved.body.runId as string);
    expect(resolution.items.map((entry) => entry.action)).toEqual(['updated']);
    expect(writes()).toEqual({ wecom: before.wecom + 1, feishu: before.feishu });
    expect((await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items).toEqual([]);
    const all = await auth(request(server).get('/api/v1/conflicts?state=all')).expect(200);
    expect(all.body.items[0]).toMatchObject({ winner: 'feishu', resolutionRunId: resolution.id });
    await auth(request(server).post(`/api/v1/conflicts/${open[0]!.id}/resolve`))
      .send({ winner: 'wecom' })
      .expect(409);

    const quiet = writes();
    await tick();
    expect(writes()).toEqual(quiet);
  });

  it('a side deleted on a two-way link is reported, and the other side is kept', async () => {
    const twoWay = await linkFixedGroupTwoWay();
    await wecomAdmin.deleteCheckinOption({ groupid: Number(twoWay.wecomRuleId) });
    const before = writes();
    const run = await tick();
    expect(run.items[0]).toMatchObject({ action: 'skipped', error: expect.stringMatching(/was deleted/) });
    expect(writes()).toEqual(before);
    expect(emulators.feishu.emulator.groups().some((group) => String(group['group_id']) === twoWay.feishuGroupId)).toBe(
      true,
    );
    expect((await links()).find((link) => link.id === twoWay.id)?.status).toBe('target_missing');
  });

  it('a vendor outage: the run is retried, then fails with the reason and one alert; the next tick succeeds again', async () => {
    alerts.length = 0;
    emulators.wecom.emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption', kind: 'connection_reset', probability: 1 },
    ]);
    const failed = await tick();
    emulators.wecom.emulator.faults.clear();
    expect(failed.status).toBe('failed');
    const detail = await auth(request(server).get(`/api/v1/runs/${failed.id}`)).expect(200);
    expect(detail.body.error).toMatch(/wecom transient.*getcorpcheckinoption/);
    // Two attempts (SYNC_RUN_RETRIES=1), each refused by WeCom; the alert comes from the last one only.
    expect((await harness.app.get(MappingStore).runs.get(failed.id))?.attempt).toBe(1);
    expect(alerts.map((alert) => alert.body['alert'])).toEqual([
      expect.objectContaining({ event: 'run_failed', runId: failed.id }),
    ]);
    const recovered = await tick();
    expect(recovered.status).toBe('succeeded');
  });

  it('rejects a bad PATCH and bad resolves with 4xx naming the problem', async () => {
    const twoWay = await linkFixedGroupTwoWay();
    const response = await auth(request(server).patch(`/api/v1/links/${twoWay.id}`))
      .send({ direction: 'both' })
      .expect(400);
    expect(response.body.message).toMatch(/direction must be one of/);
    await auth(request(server).patch('/api/v1/links/00000000-0000-4000-8000-000000000000'))
      .send({ direction: 'two_way' })
      .expect(404);
    const resolve = await auth(request(server).post('/api/v1/conflicts/00000000-0000-4000-8000-000000000000/resolve'))
      .send({ winner: 'nobody' })
      .expect(400);
    expect(resolve.body.message).toMatch(/winner must be/);
    await auth(request(server).get('/api/v1/conflicts?state=closed')).expect(400);
  });
});
