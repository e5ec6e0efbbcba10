import request from 'supertest';
import type { App } from 'supertest/types.js';
import { SAMPLE_CREDENTIALS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import type { JsonObject } from '../../apps/emulators/src/wecom/wecom-emulator.state.js';
import { emulatorGatewayEnv, syncAndWait, uploadSampleMappings, wecomRuleNames } from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// Issue #16, "Must show": a WeCom corp holding rules as real tenants hold them — a free rule read without
// checkindate[].checkintime (the doc requires it for fixed rules only), a rule carrying fields our docs do not
// know, a fixed rule with none of its optional parts — plus one rule that breaks the doc outright. Every
// readable rule syncs both ways, the broken one is one failed item naming its groupid and field, and the
// vendor health check, POST /api/v1/sync with groupIds and the metrics keep working.

interface RunBody {
  status: string;
  summary: Record<string, number>;
  items: { sourceId: string; targetId: string | null; action: string; error?: string | null }[];
}

/** One person per rule: Feishu puts a person in one attendance group only. */
const [FREE_USER, UNKNOWN_USER, SPARSE_USER] = SAMPLE_PEOPLE.map((person) => person.wecomUserId);
const WIFI = [{ wifiname: 'Variance-HQ', wifimac: '3c:46:d8:0c:7a:71' }];

/** Doc-legal (grouptype 3): checkindate.checkintime is 特定类型必填 for fixed rules only. */
const FREE_WITHOUT_CHECKINTIME: JsonObject = {
  grouptype: 3,
  groupname: '自由上下班·无时段',
  checkindate: [{ workdays: [1, 2, 3, 4, 5] }],
  range: { userid: [FREE_USER!] },
  wifimac_infos: WIFI,
};

/** A fixed rule with fields added after our docs were written, at the top and inside a section. */
const WITH_UNKNOWN_FIELDS: JsonObject = {
  grouptype: 1,
  groupname: '固定班·新字段',
  checkindate: [
    {
      workdays: [1, 2, 3, 4, 5],
      checkintime: [
        {
          time_id: 1,
          work_sec: 9 * 3600,
          off_work_sec: 18 * 3600,
          remind_work_sec: 9 * 3600 - 600,
          remind_off_work_sec: 18 * 3600,
          earliest_work_sec: 7 * 3600,
          latest_work_sec: 11 * 3600,
          earliest_off_work_sec: 16 * 3600,
          latest_off_work_sec: 23 * 3600,
          ai_smart_reminder: { enabled: true },
        },
      ],
      flex_mode_v3: 2,
    },
  ],
  range: { userid: [UNKNOWN_USER!] },
  wifimac_infos: WIFI,
  holiday_region: 'CN-GD',
  punch_risk_control: { level: 'strict', rules: [1, 2] },
};

/** A fixed rule with only what the field table requires of a fixed rule on read: no windows, flex, late rules,
 * overtime, reminders or holiday sync. */
const WITHOUT_OPTIONAL_PARTS: JsonObject = {
  grouptype: 1,
  groupname: '固定班·精简',
  checkindate: [{ workdays: [1, 2, 3], checkintime: [{ work_sec: 10 * 3600, off_work_sec: 19 * 3600 }] }],
  range: { userid: [SPARSE_USER!] },
  wifimac_infos: WIFI,
};

/** Not a reading of any doc: checkindate must be a list. */
const BROKEN: JsonObject = {
  grouptype: 1,
  groupname: '固定班·损坏',
  checkindate: 'Mon-Fri 9-18',
  range: { userid: [FREE_USER!] },
  wifimac_infos: WIFI,
};

describe('vendor variance: odd WeCom rules never stop the company (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  const ids: Record<'free' | 'unknown' | 'sparse' | 'broken', string> = {
    free: '',
    unknown: '',
    sparse: '',
    broken: '',
  };

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);
  /** The sample WeCom rules' names, before any sync. */
  let taken: ReadonlySet<string>;

  // Each test starts from emulators (the odd rules seeded) and a gateway of its own, and makes the runs it
  // builds on itself: no test depends on another having run (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    taken = wecomRuleNames(emulators);
    const wecom = emulators.wecom.emulator;
    ids.free = String(wecom.seedForeignRule(FREE_WITHOUT_CHECKINTIME));
    ids.unknown = String(wecom.seedForeignRule(WITH_UNKNOWN_FIELDS));
    ids.sparse = String(wecom.seedForeignRule(WITHOUT_OPTIONAL_PARTS));
    ids.broken = String(wecom.seedForeignRule(BROKEN));
    harness = await createTestApp({ ...emulatorGatewayEnv(emulators), HEALTH_CHECK_VENDORS: 'true' });
    server = harness.app.getHttpServer();
    await uploadSampleMappings(server);
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  /** The sync Feishu → WeCom of every group, which the first test proves item by item: it links them. */
  async function syncEveryGroupToWecom(): Promise<void> {
    const run = await syncAndWait<RunBody>(server, { direction: 'feishu_to_wecom', scope: 'rules' });
    expect(run.status).toBe('partial');
  }

  it('Feishu → WeCom: every Feishu group syncs; the broken WeCom rule is one failed item naming it', async () => {
    const run = await syncAndWait<RunBody>(server, { direction: 'feishu_to_wecom', scope: 'rules' });
    const failed = run.items.filter((entry) => entry.action === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({ sourceId: ids.broken, targetId: null, error: expect.stringContaining('checkindate') }),
    ]);
    expect(failed[0]!.error).toContain(`WeCom checkin rule ${ids.broken} could not be read`);
    // Every group is created, but one whose name a WeCom rule the gateway did not create has: a name conflict.
    const groups = emulators.feishu.emulator.groups().map((group) => String(group['group_id']));
    const expected = emulators.feishu.emulator
      .groups()
      .map((group) => (taken.has(String(group['group_name'])) ? 'skipped' : 'created'));
    expect(expected).toContain('created');
    expect(run.items.filter((entry) => groups.includes(entry.sourceId)).map((entry) => entry.action)).toEqual(expected);
    expect(run.status).toBe('partial');
  });

  it('WeCom → Feishu: the three odd-but-legal rules become Feishu groups; the broken one is reported', async () => {
    const run = await syncAndWait<RunBody>(server, {
      direction: 'wecom_to_feishu',
      scope: 'rules',
      groupIds: [ids.free, ids.unknown, ids.sparse, ids.broken],
    });
    const byRule = new Map(run.items.map((entry) => [entry.sourceId, entry]));
    for (const id of [ids.free, ids.unknown, ids.sparse]) {
      expect(byRule.get(id)).toEqual(expect.objectContaining({ action: 'created' }));
      expect(byRule.get(id)?.error ?? null).toBeNull();
    }
    expect(byRule.get(ids.broken)).toEqual(
      expect.objectContaining({ action: 'failed', error: expect.stringMatching(/could not be read: checkindate: /) }),
    );
    expect(run.items).toHaveLength(4);
    expect(run.summary).toEqual(expect.objectContaining({ created: 3, failed: 1 }));
    const names = emulators.feishu.emulator.groups().map((group) => group['group_name']);
    expect(names).toEqual(
      expect.arrayContaining([
        FREE_WITHOUT_CHECKINTIME['groupname'],
        WITH_UNKNOWN_FIELDS['groupname'],
        WITHOUT_OPTIONAL_PARTS['groupname'],
      ]),
    );
    expect(names).not.toContain(BROKEN['groupname']);
  });

  it('a run asked for the broken rule alone is accepted (202) and reports it; a second run changes nothing else', async () => {
    // The first run makes the sparse rule's group, as in the second test.
    const first = await syncAndWait<RunBody>(server, {
      direction: 'wecom_to_feishu',
      scope: 'rules',
      groupIds: [ids.sparse],
    });
    expect(first.items.map((entry) => [entry.action, entry.error ?? null])).toEqual([['created', null]]);
    const run = await syncAndWait<RunBody>(server, {
      direction: 'wecom_to_feishu',
      scope: 'rules',
      groupIds: [ids.broken, ids.sparse],
    });
    expect(run.items.map((entry) => [entry.sourceId, entry.action]).sort()).toEqual(
      [
        [ids.broken, 'failed'],
        [ids.sparse, 'unchanged'],
      ].sort(),
    );
  });

  it('the vendor health check stays ok, and the odd record is counted and named in the metrics', async () => {
    // A run that reads WeCom's rule list, the broken rule with it.
    await syncEveryGroupToWecom();
    const health = await request(server).get('/health').expect(200);
    expect(health.body).toEqual(expect.objectContaining({ status: 'ok' }));
    const metrics = await auth(request(server).get('/metrics')).expect(200);
    expect(metrics.text).toMatch(
      /attendance_sync_vendor_unreadable_records_total\{vendor="wecom",endpoint="POST \/cgi-bin\/checkin\/getcorpcheckinoption"\} [1-9]/,
    );
  });

  it("a linked rule that WeCom answers unreadably fails its group's item: not recreated, not reported deleted", async () => {
    await syncEveryGroupToWecom();
    const wecom = emulators.wecom;
    const { corpId, corpSecret } = SAMPLE_CREDENTIALS.wecom;
    const token = (
      (await (
        await fetch(`${wecom.server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)
      ).json()) as {
        access_token: string;
      }
    ).access_token;
    const list = (await (
      await fetch(`${wecom.server.url}/cgi-bin/checkin/getcorpcheckinoption?access_token=${token}`, {
        method: 'POST',
        body: '{}',
      })
    ).json()) as { group: JsonObject[] };
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body as {
      items: { feishuGroupId: string | null; wecomRuleId: string | null; direction: string }[];
    };
    const link = links.items.find((entry) => entry.direction === 'feishu_to_wecom' && entry.wecomRuleId)!;
    const corrupted = list.group.map((rule) =>
      String(rule['groupid']) === link.wecomRuleId ? { ...rule, checkindate: [{ workdays: 'weekdays' }] } : rule,
    );
    wecom.emulator.scriptResponse(
      'POST /cgi-bin/checkin/getcorpcheckinoption',
      { body: JSON.stringify({ ...list, group: corrupted }) },
      5,
    );
    const rulesBefore = wecom.emulator.rules().length;
    const run = await syncAndWait<RunBody>(server, {
      direction: 'feishu_to_wecom',
      scope: 'rules',
      groupIds: [link.feishuGroupId],
    });
    expect(run.items).toEqual([
      expect.objectContaining({
        sourceId: link.feishuGroupId,
        targetId: link.wecomRuleId,
        action: 'failed',
        error: expect.stringContaining(
          `the linked WeCom rule ${link.wecomRuleId} could not be read (checkindate.0.workdays: `,
        ),
      }),
    ]);
    expect(wecom.emulator.rules()).toHaveLength(rulesBefore);
  });
});
