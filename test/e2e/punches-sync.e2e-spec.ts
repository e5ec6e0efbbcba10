import request from 'supertest';
import type { App } from 'supertest/types.js';
import { FeishuPunchesConnector, WecomPunchesConnector } from '@app/connectors';
import { MappingStore } from '@app/mapping-store';
import { isGatewayImportedFlow } from '@app/translation';
import { chinaDayOf, chinaMidnight, DAY_SECONDS } from '@app/kernel';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { SAMPLE_SCHEDULE_IDS } from '../../apps/emulators/src/wecom/wecom-sample-company.js';
import { loadIdResolver } from '../../apps/gateway/src/sync/id-resolver.loader.js';
import { ReconcileScheduler } from '../../apps/gateway/src/sync/reconcile.scheduler.js';
import { PUNCHES_RECONCILER } from '../../apps/gateway/src/sync/punches/punches.scope.js';
import { VendorClients } from '../../apps/gateway/src/vendors/vendor-clients.service.js';
import {
  emulatorGatewayEnv,
  syncAndWait,
  uploadSampleMappings,
  vendorAdmins,
  waitForRunBody,
} from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { UnreadableRecords } from '../../apps/gateway/src/sync/engine/unreadable-records.js';
import { waitForQuiet } from '../support/wait-for.js';

// Punch sync end to end: supertest against the real app, the app against both emulators over HTTP.

const FEISHU_IMPORT = 'POST /open-apis/attendance/v1/user_flows/batch_create';

interface RunBody {
  id: string;
  status: string;
  error: string | null;
  summary: Record<string, number>;
  items: {
    sourceId: string;
    targetId: string | null;
    action: string;
    losses: { field: string; severity: string; message: string }[];
    notes: { field: string; message: string }[];
    error?: string;
    plan?: { vendor: string; requests: { api: string; body: Record<string, unknown[]> }[] };
  }[];
}

const wecomToFeishuUser = new Map(SAMPLE_PEOPLE.map((person) => [person.wecomUserId, person.feishuUserId]));
const feishuToWecomUser = new Map(SAMPLE_PEOPLE.map((person) => [person.feishuUserId, person.wecomUserId]));

describe('punch sync (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body, 120_000);

  const feishuFlows = () => emulators.feishu.emulator.flows();
  const wecomPunches = () => emulators.wecom.emulator.checkinData();
  const feishuImports = () =>
    emulators.feishu.emulator.calls().filter((call) => call.endpoint === FEISHU_IMPORT).length;
  const wecomWrites = () => emulators.wecom.emulator.calls().filter((call) => call.api === 'add_checkin_record').length;
  /** Feishu flows per (user, second): a punch carried twice shows up as a count above 1. */
  function duplicatesIn(flows: readonly Record<string, unknown>[]): string[] {
    const counts = new Map<string, number>();
    for (const flow of flows) {
      const key = `${String(flow['user_id'])}@${String(flow['check_time'])}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].filter(([, count]) => count > 1).map(([key]) => key);
  }
  function wecomDuplicates(): string[] {
    const counts = new Map<string, number>();
    for (const punch of wecomPunches()) {
      const key = `${punch.userid}@${punch.checkin_time}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].filter(([, count]) => count > 1).map(([key]) => key);
  }
  /** The WeCom sample punches that are punches (not 未打卡 rows) of mapped people within [start, end). */
  function wecomRealPunches(start: number, end: number) {
    return wecomPunches().filter(
      (punch) =>
        wecomToFeishuUser.has(punch.userid) &&
        !punch.exception_type.includes('未打卡') &&
        punch.checkin_time >= start &&
        punch.checkin_time < end,
    );
  }
  const importedFlows = () => feishuFlows().filter((flow) => isGatewayImportedFlow(flow as { idempotent_id?: string }));

  // Each test starts from emulators and a gateway of its own, and makes the imports it builds on through the
  // same public calls (importTwoWeeksFromWecom): no test depends on another having run (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    // Scheduled punch runs are queued by calling the scheduler's tick (the cron itself fires monthly).
    harness = await createTestApp({
      ...emulatorGatewayEnv(emulators),
      SYNC_CRON: '0 0 0 1 * *',
      SYNC_CRON_SCOPES: 'punches',
    });
    server = harness.app.getHttpServer();
    await uploadSampleMappings(server);
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  /** The sync WeCom → Feishu of the last two weeks' punches, which the third test proves punch by punch. */
  async function importTwoWeeksFromWecom(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const run = await sync({
      direction: 'wecom_to_feishu',
      scope: 'punches',
      from: chinaDayOf(now - 13 * DAY_SECONDS),
      to: chinaDayOf(now),
    });
    expect(run.status).toBe('succeeded');
  }

  it('a dry run returns the exact Feishu imports and writes nothing', async () => {
    const night = wecomPunches().find(
      (punch) => punch.userid === 'yanglei' && punch.schedule_id === SAMPLE_SCHEDULE_IDS.night,
    )!;
    const day = chinaDayOf(night.checkin_time);
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from: day, to: day, dryRun: true });
    expect(run.status).toBe('succeeded');
    expect(feishuImports()).toBe(0);
    const yanglei = run.items.find((item) => item.sourceId === 'yanglei')!;
    expect(yanglei.targetId).toBe('e2002');
    const records = yanglei.plan!.requests[0]!.body['flow_records'] as Record<string, unknown>[];
    expect(yanglei.plan).toMatchObject({ vendor: 'feishu', requests: [{ api: 'user_flows/batch_create' }] });
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]).toMatchObject({
      user_id: 'e2002',
      creator_id: 'e2002',
      idempotent_id: expect.stringMatching(/^gw1-/),
    });
  });

  it('WeCom → Feishu: a cross-midnight off-duty punch is read with its shift day and kept once', async () => {
    // 杨磊 works the night shift (22:00–06:00) three days ago: its clock-out is on the next calendar day.
    const nightOff = wecomPunches().find(
      (punch) =>
        punch.userid === 'yanglei' &&
        punch.schedule_id === SAMPLE_SCHEDULE_IDS.night &&
        punch.checkin_type === '下班打卡' &&
        punch.exception_type === '',
    )!;
    expect(nightOff).toBeDefined();
    const shiftDay = chinaDayOf(nightOff.checkin_time - DAY_SECONDS);
    const first = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from: shiftDay, to: shiftDay });
    expect(first.status).toBe('succeeded');
    const atOff = () =>
      feishuFlows().filter(
        (flow) => flow['user_id'] === 'e2002' && flow['check_time'] === String(nightOff.checkin_time),
      );
    expect(atOff()).toHaveLength(1);
    // The next day's window reads the same punch again (it is on that calendar day): still one.
    const nextDay = chinaDayOf(nightOff.checkin_time);
    const second = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from: nextDay, to: nextDay });
    expect(second.status).toBe('succeeded');
    expect(atOff()).toHaveLength(1);
    expect(duplicatesIn(feishuFlows())).toEqual([]);
  });

  it('WeCom → Feishu over two weeks imports every punch once, skips 未打卡 rows, and a re-run imports nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const from = chinaDayOf(now - 13 * DAY_SECONDS);
    const to = chinaDayOf(now);
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from, to });
    expect(run.status).toBe('succeeded');
    const start = chinaMidnight(from)!;
    const expected = wecomRealPunches(start, now + 1);
    expect(expected.length).toBeGreaterThan(100);
    const imported = importedFlows();
    for (const punch of expected) {
      const match = imported.filter(
        (flow) =>
          flow['user_id'] === wecomToFeishuUser.get(punch.userid) && flow['check_time'] === String(punch.checkin_time),
      );
      expect(match).toHaveLength(1);
    }
    // 陈静's missed clock-out (未打卡) is WeCom's report of an absence, not a punch: not imported.
    const missed = wecomPunches().find((punch) => punch.exception_type === '未打卡')!;
    expect(
      imported.some((flow) => flow['user_id'] === 'e2001' && flow['check_time'] === String(missed.checkin_time)),
    ).toBe(false);
    expect(
      run.items
        .find((item) => item.sourceId === 'chenjing')!
        .notes.map((note) => note.message)
        .join('\n'),
    ).toMatch(/未打卡/);
    expect(duplicatesIn(feishuFlows())).toEqual([]);

    const calls = feishuImports();
    const again = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from, to });
    expect(again.status).toBe('succeeded');
    expect(feishuImports()).toBe(calls);
    expect(again.items.every((item) => item.action === 'unchanged')).toBe(true);
  });

  it('Feishu → WeCom writes Feishu-native punches once and never echoes the imported ones back', async () => {
    // The punches imported from WeCom, which must not go back.
    await importTwoWeeksFromWecom();
    const now = Math.floor(Date.now() / 1000);
    const from = chinaDayOf(now - 13 * DAY_SECONDS);
    const to = chinaDayOf(now);
    const start = chinaMidnight(from)!;
    const native = feishuFlows().filter(
      (flow) =>
        !isGatewayImportedFlow(flow as { idempotent_id?: string }) &&
        feishuToWecomUser.has(String(flow['user_id'])) &&
        Number(flow['check_time']) >= start,
    );
    expect(native.length).toBeGreaterThan(50);
    const wecomBefore = wecomPunches().length;
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'punches', from, to });
    expect(run.status).toBe('succeeded');
    expect(wecomPunches().length - wecomBefore).toBe(native.length);
    for (const flow of native.slice(0, 40)) {
      const userid = feishuToWecomUser.get(String(flow['user_id']))!;
      expect(
        wecomPunches().filter((p) => p.userid === userid && p.checkin_time === Number(flow['check_time'])),
      ).toHaveLength(1);
    }
    expect(wecomDuplicates()).toEqual([]);
    // Echo check: the punches imported from WeCom are in Feishu, yet none went back.
    expect(run.items.some((item) => item.notes.some((note) => /not sent back/.test(note.message)))).toBe(true);
    expect(run.items.some((item) => item.losses.some((loss) => /not sent back/.test(loss.message)))).toBe(false);

    // And the other way round: the punches just written to WeCom do not come back to Feishu.
    const imports = feishuImports();
    const back = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from, to });
    expect(back.status).toBe('succeeded');
    expect(feishuImports()).toBe(imports);
    expect(duplicatesIn(feishuFlows())).toEqual([]);

    const writes = wecomWrites();
    const again = await sync({ direction: 'feishu_to_wecom', scope: 'punches', from, to });
    expect(again.status).toBe('succeeded');
    expect(wecomWrites()).toBe(writes);
  });

  it('a WeCom write whose answer is lost is confirmed by the next run, never written twice', async () => {
    const now = Math.floor(Date.now() / 1000);
    const at = now - 3600;
    // A new punch imported into Feishu by another system (the vendor's own API, not the gateway).
    const { feishuAdmin } = vendorAdmins(emulators);
    const flow = {
      user_id: 'e1003',
      creator_id: 'e1003',
      location_name: '总部',
      check_time: String(at),
      comment: 'e2e',
      idempotent_id: 'native-e2e-1',
    };
    await feishuAdmin.batchCreateUserFlows([flow]);
    emulators.wecom.emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_record', kind: 'response_lost', probability: 1, maxCount: 1 },
    ]);
    const day = chinaDayOf(at);
    const first = await sync({ direction: 'feishu_to_wecom', scope: 'punches', from: day, to: day });
    expect(first.status).not.toBe('succeeded');
    const atWecom = () => wecomPunches().filter((punch) => punch.userid === 'lina' && punch.checkin_time === at);
    expect(atWecom()).toHaveLength(1); // WeCom applied it; the gateway never heard back
    emulators.wecom.emulator.faults.clear();
    const writes = wecomWrites();
    const second = await sync({ direction: 'feishu_to_wecom', scope: 'punches', from: day, to: day });
    expect(second.status).toBe('succeeded');
    expect(atWecom()).toHaveLength(1);
    expect(wecomWrites()).toBe(writes);
    expect(wecomDuplicates()).toEqual([]);
  });

  it('a run killed mid-way resumes at its first unfinished unit and duplicates nothing', async () => {
    const store = harness.app.get(MappingStore);
    const vendors = harness.app.get(VendorClients);
    const from = chinaDayOf(Math.floor(Date.now() / 1000) - 20 * DAY_SECONDS);
    const to = chinaDayOf(Date.now() / 1000);
    await importTwoWeeksFromWecom();
    // A finished run's id stands in for the killed run (a queued one would be claimed by the app's worker).
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from, to, dryRun: true });
    // Punches of the last 20 days for everyone, but the first two weeks are across already: make new ones.
    const now = Math.floor(Date.now() / 1000);
    await vendors.wecom().addCheckinRecords(
      SAMPLE_PEOPLE.map((person, index) => ({
        userid: person.wecomUserId,
        checkin_time: now - 16 * DAY_SECONDS + index * 60,
        device_type: 2 as const,
        location_title: '总部',
      })),
    );
    const context = {
      runId: run.id,
      dryRun: false,
      params: { from, to },
      store,
      resolver: await loadIdResolver(store, 'table'),
      userIdMapping: 'table' as const,
      now: () => new Date(),
      usersPerUnit: 3,
      unreadable: new UnreadableRecords(),
    };
    class Crash extends Error {}
    const connectors = () => ({
      feishu: new FeishuPunchesConnector(vendors.feishu()),
      wecom: new WecomPunchesConnector(vendors.wecom()),
    });
    const crashing = PUNCHES_RECONCILER.run(
      {
        ...context,
        onUnitCommitted: (index) => {
          if (index === 1) throw new Crash('killed after unit 1');
        },
      },
      connectors(),
      'wecom_to_feishu',
    );
    await expect(crashing).rejects.toBeInstanceOf(Crash);
    // The killed run had already started reading its next units (its writes were awaited before it threw): let
    // those reads land before counting, so they are not taken for the resumed run's.
    await waitForQuiet(() => emulators.wecom.emulator.calls().length + emulators.feishu.emulator.calls().length);
    const halfway = importedFlows().length;

    const readsBefore = emulators.wecom.emulator.calls().filter((call) => call.api === 'getcheckindata').length;
    const resumed = await PUNCHES_RECONCILER.run(context, connectors(), 'wecom_to_feishu');
    const reads = emulators.wecom.emulator.calls().filter((call) => call.api === 'getcheckindata').length - readsBefore;
    // 12 people in units of 3 = 4 units; units 0 and 1 were committed, so only 2 are read again.
    expect(reads).toBe(2);
    expect(resumed.every((item) => item.action !== 'failed')).toBe(true);
    // Whether the resumed run still had punches to write depends on the killed one: its writes already in flight
    // when unit 1's commit failed go on to the end, and on two busy cores they once carried all of units 2 and 3
    // across before the kill took effect (QUALITY.md, loaded run 2). A late one can also land while the resumed
    // run writes the same punch: Feishu keeps one flow per idempotent_id and answers the resumed run with it, which
    // the gateway counts as created (third session's loaded run 2). So a run that wrote more reports it created
    // something, and every punch is across exactly once (below), whichever way the race went.
    const wroteMore = importedFlows().length > halfway;
    const reportedCreated = resumed.some((item) => item.action === 'created');
    expect({ wroteMore, reportedCreated }).toEqual({ wroteMore, reportedCreated: wroteMore || reportedCreated });
    const start = chinaMidnight(from)!;
    for (const punch of wecomRealPunches(start, Math.floor(Date.now() / 1000) + 1)) {
      const feishuUser = wecomToFeishuUser.get(punch.userid);
      const copies = feishuFlows().filter(
        (flow) => flow['user_id'] === feishuUser && flow['check_time'] === String(punch.checkin_time),
      );
      expect(copies).toHaveLength(1);
    }
    for (const person of SAMPLE_PEOPLE) {
      const index = SAMPLE_PEOPLE.indexOf(person);
      const time = String(now - 16 * DAY_SECONDS + index * 60);
      expect(
        feishuFlows().filter((flow) => flow['user_id'] === person.feishuUserId && flow['check_time'] === time),
      ).toHaveLength(1);
    }
    expect(duplicatesIn(feishuFlows())).toEqual([]);
  });

  it('punches before 2022 are reported per person, not imported', async () => {
    const vendors = harness.app.get(VendorClients);
    const old = Date.parse('2021-12-30T09:00:00+08:00') / 1000;
    await vendors.wecom().addCheckinRecords([{ userid: 'wangfang', checkin_time: old, device_type: 2 }]);
    const run = await sync({
      direction: 'wecom_to_feishu',
      scope: 'punches',
      from: '2021-12-30',
      to: '2021-12-30',
    });
    expect(run.status).toBe('succeeded');
    const wangfang = run.items.find((item) => item.sourceId === 'wangfang')!;
    expect(wangfang.losses).toContainEqual(
      expect.objectContaining({
        field: 'punch.check_time',
        severity: 'blocking',
        message: expect.stringMatching(/2022-01-01/),
      }),
    );
    expect(feishuFlows().some((flow) => flow['check_time'] === String(old))).toBe(false);
  });

  it('scheduled runs carry new punches both ways from their watermark, then find nothing new', async () => {
    const scheduler = harness.app.get(ReconcileScheduler);
    const { feishuAdmin, wecomAdmin } = vendorAdmins(emulators);
    const now = Math.floor(Date.now() / 1000);
    await wecomAdmin.addCheckinRecords([
      { userid: 'liuyang', checkin_time: now - 7200, device_type: 2, location_title: '总部' },
    ]);
    await feishuAdmin.batchCreateUserFlows([
      {
        user_id: 'e3002',
        creator_id: 'e3002',
        location_name: '门店',
        check_time: String(now - 5400),
        comment: '',
        idempotent_id: 'native-tick-1',
      },
    ]);
    const tickRun = async (month: number) => {
      const runId = await scheduler.tick(new Date(Date.UTC(2027, month, 1)));
      expect(runId).not.toBeNull();
      return waitForRunBody<RunBody & { direction: string; scope: string }>(server, runId!, 120_000);
    };
    const first = await tickRun(0);
    expect(first).toMatchObject({ direction: 'two_way', scope: 'punches', status: 'succeeded' });
    expect(
      feishuFlows().filter((flow) => flow['user_id'] === 'e1004' && flow['check_time'] === String(now - 7200)),
    ).toHaveLength(1);
    expect(
      wecomPunches().filter((punch) => punch.userid === 'wuting' && punch.checkin_time === now - 5400),
    ).toHaveLength(1);
    const writes = { feishu: feishuImports(), wecom: wecomWrites() };
    const second = await tickRun(1);
    expect(second.status).toBe('succeeded');
    expect({ feishu: feishuImports(), wecom: wecomWrites() }).toEqual(writes);
    expect(duplicatesIn(feishuFlows())).toEqual([]);
    expect(wecomDuplicates()).toEqual([]);
  });

  it('Feishu → WeCom: system-generated (3) and no-punch-needed (4) flows are skipped with a reason; a remedy (2) is written with a loss', async () => {
    const day = chinaDayOf(Math.floor(Date.now() / 1000) - 45 * DAY_SECONDS);
    const noon = Date.parse(`${day}T12:00:01+08:00`) / 1000;
    const flow = (type: number, offset: number) => ({
      user_id: 'e1003',
      creator_id: 'e1003',
      location_name: '总部大厦',
      check_time: String(noon + offset),
      comment: '',
      type,
    });
    emulators.feishu.emulator.seedFlows([flow(0, 0), flow(2, 60), flow(3, 120), flow(4, 180)]);
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'punches', from: day, to: day, userIds: ['e1003'] });
    expect(run.status).toBe('succeeded');
    const inWecom = (offset: number) =>
      wecomPunches().filter((punch) => punch.userid === 'lina' && punch.checkin_time === noon + offset).length;
    expect([0, 60, 120, 180].map(inWecom)).toEqual([1, 1, 0, 0]);
    const lina = run.items.find((item) => item.sourceId === 'e1003')!;
    expect(lina.action).toBe('created');
    const messages = lina.notes.map((note) => note.message).join('\n');
    expect(messages).toMatch(/1 skipped: .*系统自动生成/);
    expect(messages).toMatch(/1 skipped: .*下班免打卡/);
    expect(lina.losses).toContainEqual(
      expect.objectContaining({
        field: 'punch.origin',
        severity: 'approximated',
        message: expect.stringMatching(/补卡/),
      }),
    );
  });

  it('WeCom → Feishu: location_detail joins the place name; exception_type and deviceid are reported, never dropped silently', async () => {
    const day = chinaDayOf(Math.floor(Date.now() / 1000) - 46 * DAY_SECONDS);
    const at = Date.parse(`${day}T09:02:02+08:00`) / 1000;
    emulators.wecom.emulator.seedCheckinData([
      {
        userid: 'lina',
        groupname: '总部',
        checkin_type: '上班打卡',
        exception_type: '时间异常;地点异常',
        checkin_time: at,
        location_title: '总部大厦',
        location_detail: '北京市海淀区',
        wifiname: '',
        wifimac: '',
        notes: '',
        mediaids: [],
        deviceid: 'dev-7',
        sch_checkin_time: at,
        groupid: 1,
        schedule_id: 0,
        timeline_id: 1,
      },
    ]);
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from: day, to: day, userIds: ['lina'] });
    expect(run.status).toBe('succeeded');
    const flows = feishuFlows().filter((flow) => flow['user_id'] === 'e1003' && flow['check_time'] === String(at));
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({ location_name: '总部大厦 (北京市海淀区)', comment: '' });
    const lina = run.items.find((item) => item.sourceId === 'lina')!;
    expect(lina.losses).toContainEqual(
      expect.objectContaining({
        field: 'punch.verdict',
        severity: 'info',
        message: expect.stringMatching(/时间异常;地点异常/),
      }),
    );
    expect(lina.losses).toContainEqual(expect.objectContaining({ field: 'punch.device_id', severity: 'dropped' }));
  });

  it('userIds narrows a punch run to those people; on another scope it is a 400 naming the field', async () => {
    const day = chinaDayOf(Math.floor(Date.now() / 1000));
    const run = await sync({
      direction: 'wecom_to_feishu',
      scope: 'punches',
      from: day,
      to: day,
      userIds: ['zhangwei'],
    });
    expect(run.status).toBe('succeeded');
    expect(run.items.map((item) => item.sourceId)).toEqual(['zhangwei']);
    const refused = await auth(
      request(server)
        .post('/api/v1/sync')
        .send({ direction: 'wecom_to_feishu', scope: 'rules', userIds: ['zhangwei'] }),
    ).expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/userIds/);
  });

  it('reports every person of a run who has no mapped ID as a skipped item naming why, first and last alike', async () => {
    const day = chinaDayOf(Math.floor(Date.now() / 1000));
    // People are taken in id order: one unmapped id sorts before every mapped one, one after.
    for (const direction of ['wecom_to_feishu', 'feishu_to_wecom'] as const) {
      const people = ['0-unmapped', direction === 'wecom_to_feishu' ? 'zhangwei' : 'e1001', 'zz-unmapped'];
      const run = await sync({ direction, scope: 'punches', from: day, to: day, userIds: people });
      expect(run.items.map((item) => item.sourceId).sort()).toEqual([...people].sort());
      const [source, target] = direction === 'wecom_to_feishu' ? ['WeCom', 'Feishu'] : ['Feishu', 'WeCom'];
      for (const unmapped of ['0-unmapped', 'zz-unmapped']) {
        const item = run.items.find((each) => each.sourceId === unmapped)!;
        // Skipped, not failed: a re-run cannot carry the person until a mapping names them.
        expect(item).toMatchObject({ action: 'skipped', targetId: null });
        expect(item.error).toBe(
          `not synced: ${source} user ${unmapped} has no mapped ${target} user (PUT /api/v1/mappings/users)`,
        );
      }
      const mapped = run.items.find((each) => each.sourceId === people[1])!;
      expect(['created', 'unchanged']).toContain(mapped.action);
      expect(mapped.targetId).toBe(direction === 'wecom_to_feishu' ? 'e1001' : 'zhangwei');
    }
  });
});
