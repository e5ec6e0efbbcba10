import type { UnreadableRecord } from '@app/kernel';
import { VendorError } from '@app/kernel';
import type { Clock } from '@app/vendor-http';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../../../../apps/emulators/src/sample-company/people.js';
import { sampleFixedGroup } from '../../../../apps/emulators/src/wecom/wecom-sample-rule.fixtures.js';
import {
  SAMPLE_FIXED_RULE_NAME,
  SAMPLE_SHIFT_RULE_NAME,
  WecomEmulator,
  type WecomEmulatorOptions,
} from '../../../../apps/emulators/src/wecom/index.js';
import {
  normaliseCheckinGroupUnits,
  type WecomAddCheckinOptionRequest,
  type WecomAddCheckinRecord,
} from '../model/index.js';
import type { WecomClientEvent, WecomClientOptions } from '../wecom.options.js';
import { WecomClient, WecomPartialBatchError } from './wecom.client.js';

// The client against the WeCom emulator over real HTTP (port 0). Time is virtual: the client's clock and
// the emulator's clock are one VirtualClock whose sleep() returns at once and moves time forward, so waits
// are asserted by their length, never by the wall clock.

class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }
}

/** 2026-03-18 12:00 China time, a Wednesday. */
const NOW_MS = Date.UTC(2026, 2, 18, 4, 0, 0);
const NOW = NOW_MS / 1000;
const DAY = 86_400;
const { corpId, corpSecret } = SAMPLE_CREDENTIALS.wecom;

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function setup(options: { emulator?: WecomEmulatorOptions; client?: Partial<WecomClientOptions> } = {}) {
  const clock = new VirtualClock(NOW_MS);
  const emulator = new WecomEmulator({ clock: () => clock.now(), ...options.emulator });
  const server = await emulator.listen();
  running.push(server);
  const events: WecomClientEvent[] = [];
  const client = new WecomClient({
    corpId,
    corpSecret,
    baseUrl: server.url,
    clock,
    random: () => 0.5,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 },
    timeoutMs: 5000,
    onEvent: (event) => events.push(event),
    ...options.client,
  });
  /** The errcode of every vendor call so far, by API name ("gettoken", "getcheckindata", …). */
  const log = () =>
    emulator.requests
      .list()
      .map((entry) => `${entry.path.split('/').at(-1)}:${entry.code ?? entry.fault ?? entry.status}`);
  return { clock, emulator, client, events, log };
}

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a VendorError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

function fixedRule(groupname: string): WecomAddCheckinOptionRequest {
  return { effective_now: true, group: sampleFixedGroup(groupname) };
}

function punch(userid: string, checkin_time: number): WecomAddCheckinRecord {
  return {
    userid,
    checkin_time,
    device_type: 2,
    device_detail: 'gate-1',
    location_title: '总部',
    location_detail: '深南大道',
  };
}

describe('tokens', () => {
  it('recovers from tokens expired mid-run without a failed call surfacing', async () => {
    const { client, emulator, events, log } = await setup();
    const first = await client.getCorpCheckinOptions();
    emulator.expireTokens();
    expect(await client.getCorpCheckinOptions()).toEqual(first);
    expect(events.map((event) => event.type).filter((type) => type.startsWith('token'))).toEqual([
      'token_refreshed',
      'token_rejected',
      'token_refreshed',
    ]);
    expect(log()).toEqual([
      'gettoken:0',
      'getcorpcheckinoption:0',
      'getcorpcheckinoption:42001',
      'gettoken:0',
      'getcorpcheckinoption:0',
    ]);
  });

  it('recovers from an injected token_expiry fault', async () => {
    const { client, emulator, events } = await setup();
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/getcheckindata', kind: 'token_expiry', probability: 1, maxCount: 1 },
    ]);
    await expect(
      client.getCheckinData({ starttime: NOW - DAY, endtime: NOW, useridlist: ['zhangwei'] }),
    ).resolves.toEqual(expect.any(Array));
    expect(events.filter((event) => event.type === 'token_rejected')).toEqual([
      { type: 'token_rejected', endpoint: 'POST /cgi-bin/checkin/getcheckindata', errcode: 42001 },
    ]);
  });

  it('refreshes before expiry, so a long run never meets 42001', async () => {
    const { client, clock, log } = await setup();
    await client.getCorpCheckinOptions();
    await clock.sleep(6950 * 1000);
    await client.getCorpCheckinOptions();
    expect(log()).toEqual(['gettoken:0', 'getcorpcheckinoption:0', 'gettoken:0', 'getcorpcheckinoption:0']);
  });

  it('refreshes once only: a token refused twice is an auth error', async () => {
    const { client, emulator, log } = await setup();
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption', kind: 'token_expiry', probability: 1 },
    ]);
    const error = await failure(client.getCorpCheckinOptions());
    expect(error).toMatchObject({
      kind: 'auth',
      vendorCode: 42001,
      endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption',
    });
    expect(log().filter((entry) => entry.startsWith('getcorpcheckinoption'))).toHaveLength(2);
  });

  it('reports a wrong secret as auth, without the secret', async () => {
    const { client } = await setup({ client: { corpSecret: 'not-the-secret' } });
    const error = await failure(client.getCorpCheckinOptions());
    expect(error).toMatchObject({ kind: 'auth', vendorCode: 40001, endpoint: 'GET /cgi-bin/gettoken' });
    expect(JSON.stringify({ message: error.message, json: error.toJSON() })).not.toContain('not-the-secret');
  });
});

describe('rate limits', () => {
  it('honours 45009: backs off a jittered minute, then succeeds', async () => {
    const { client, clock, events, log } = await setup({
      emulator: { rateLimits: { getcheckindata: [{ limit: 2, windowMs: 60_000 }] } },
      client: { rateLimits: { getcheckindata: [{ limit: 10_000, windowMs: 60_000 }] } },
    });
    const query = { starttime: NOW - DAY, endtime: NOW, useridlist: ['zhangwei'] };
    for (let i = 0; i < 3; i++) await client.getCheckinData(query);
    const retries = events.filter((event) => event.type === 'retry');
    expect(retries).toEqual([
      {
        type: 'retry',
        endpoint: 'POST /cgi-bin/checkin/getcheckindata',
        attempt: 1,
        delayMs: 67_500,
        kind: 'rate_limit',
        errcode: 45009,
      },
    ]);
    expect(clock.now() - NOW_MS).toBeGreaterThanOrEqual(67_500);
    expect(log().filter((entry) => entry.startsWith('getcheckindata'))).toEqual([
      'getcheckindata:0',
      'getcheckindata:0',
      'getcheckindata:45009',
      'getcheckindata:0',
    ]);
  });

  it('paces calls at the published limit, so WeCom never has to refuse (60/min getcorpcheckinoption)', async () => {
    const { client, clock, events, log } = await setup();
    for (let i = 0; i < 61; i++) await client.getCorpCheckinOptions();
    expect(log().some((entry) => entry.endsWith(':45009'))).toBe(false);
    expect(events.filter((event) => event.type === 'rate_limit_wait').length).toBeGreaterThanOrEqual(60);
    expect(clock.now() - NOW_MS).toBeGreaterThanOrEqual(60_000);
  });

  it('repeats even an add after 45009: WeCom refused it before acting', async () => {
    const { client, emulator } = await setup();
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_option', kind: 'rate_limit', probability: 1, maxCount: 1 },
    ]);
    await client.addCheckinOption(fixedRule('限流后创建'));
    expect(await client.findCheckinOptionsByName('限流后创建')).toHaveLength(1);
  });
});

describe('chunking', () => {
  it('queries getcheckindata for 120 users as 100 + 20', async () => {
    const { client, emulator } = await setup();
    const users = Array.from({ length: 120 }, (_, i) => `staff${i}`);
    emulator.addUsers(users);
    await client.getCheckinData({ starttime: NOW - DAY, endtime: NOW, useridlist: [...users, users[0]!] });
    expect(emulator.calls('getcheckindata').map((call) => (call.body['useridlist'] as string[]).length)).toEqual([
      100, 20,
    ]);
  });

  it('splits a 35-day window into ≤ 30-day calls and merges the records in time order', async () => {
    const { client, emulator } = await setup();
    const records = await client.getCheckinData({
      starttime: NOW - 35 * DAY,
      endtime: NOW,
      useridlist: ['zhangwei', 'yanglei'],
    });
    const windows = emulator
      .calls('getcheckindata')
      .map((call) => [call.body['starttime'], call.body['endtime']] as [number, number]);
    expect(windows).toEqual([
      [NOW - 35 * DAY, NOW - 5 * DAY],
      [NOW - 5 * DAY + 1, NOW],
    ]);
    const expected = emulator
      .checkinData()
      .filter((p) => ['zhangwei', 'yanglei'].includes(p.userid))
      .map((p) => p.checkin_time)
      .sort((a, b) => a - b);
    expect(records.map((record) => record.checkin_time)).toEqual(expected);
    expect(records.some((record) => record.checkin_time <= NOW - 5 * DAY)).toBe(true);
    expect(records.some((record) => record.checkin_time > NOW - 5 * DAY)).toBe(true);
  });

  it('writes 450 records as 200 + 200 + 50', async () => {
    const { client, emulator } = await setup();
    const before = emulator.checkinData().length;
    const records = Array.from({ length: 450 }, (_, i) => punch('lina', NOW - 3 * DAY + i * 60));
    expect(await client.addCheckinRecords(records)).toEqual({ written: 450, calls: 3 });
    expect(emulator.calls('add_checkin_record').map((call) => (call.body['records'] as unknown[]).length)).toEqual([
      200, 200, 50,
    ]);
    expect(emulator.checkinData()).toHaveLength(before + 450);
  });

  it('says how many records were written when a later batch fails', async () => {
    const { client } = await setup();
    const records = Array.from({ length: 450 }, (_, i) => punch(i === 250 ? 'nobody' : 'lina', NOW - 3 * DAY + i * 60));
    const error = await failure(client.addCheckinRecords(records));
    expect(error).toBeInstanceOf(WecomPartialBatchError);
    expect(error).toMatchObject({ kind: 'invalid_request', vendorCode: 301021, completed: 200, total: 450 });
  });

  it('checks every record before sending any, so a bad field cannot leave a half-written import', async () => {
    const { client, emulator } = await setup();
    const records = Array.from({ length: 450 }, (_, i) => punch('lina', NOW - 3 * DAY + i * 60));
    records[300] = { ...records[300]!, wifiname: 'Office', wifimac: 'not-a-mac' };
    const error = await failure(client.addCheckinRecords(records));
    expect(error).toMatchObject({ kind: 'invalid_request', vendorCode: null });
    expect(error.message).toContain('records.300.wifimac: wifimac must look like aa:bb:cc:dd:ee:ff');
    expect(emulator.calls('add_checkin_record')).toEqual([]);
  });

  it('reads schedules one China-time month per call', async () => {
    const { client, emulator } = await setup();
    const schedules = await client.getCheckinScheduleList({
      starttime: NOW - 30 * DAY,
      endtime: NOW,
      useridlist: ['chenjing', 'zhangwei'],
    });
    expect(
      emulator.calls('getcheckinschedulist').map((call) => [call.body['starttime'], call.body['endtime']]),
    ).toEqual([
      [Date.UTC(2026, 1, 15, 16) / 1000, Date.UTC(2026, 1, 28, 16) / 1000 - 1],
      [Date.UTC(2026, 1, 28, 16) / 1000, Date.UTC(2026, 2, 18, 16) / 1000 - 1],
    ]);
    expect(schedules.map((s) => [s.userid, s.yearmonth, s.schedule.scheduleList.length])).toEqual([
      ['chenjing', 202602, 13],
      ['chenjing', 202603, 18],
    ]);
  });

  it('writes schedules and reads them back', async () => {
    const { client } = await setup();
    const shift = (await client.findCheckinOptionsByName(SAMPLE_SHIFT_RULE_NAME))[0]!;
    const night = shift.schedulelist?.find((s) => s.schedule_name === '夜班')?.schedule_id ?? -1;
    await client.setCheckinScheduleList({
      groupid: shift.groupid,
      yearmonth: 202604,
      items: [{ userid: 'chenjing', day: 2, schedule_id: night }],
    });
    const [schedule] = await client.getCheckinScheduleList({
      starttime: Date.UTC(2026, 3, 1, 16) / 1000,
      endtime: Date.UTC(2026, 3, 1, 17) / 1000,
      useridlist: ['chenjing'],
    });
    expect(schedule?.schedule.scheduleList).toEqual([
      { day: 2, schedule_info: expect.objectContaining({ schedule_id: night, schedule_name: '夜班' }) },
    ]);
  });
});

describe('malformed vendor answers become typed VendorErrors', () => {
  const DATA = 'POST /cgi-bin/checkin/getcheckindata';
  const RULES = 'POST /cgi-bin/checkin/getcorpcheckinoption';
  const query = { starttime: NOW - DAY, endtime: NOW, useridlist: ['zhangwei'] };

  async function once() {
    return setup({ client: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
  }

  it('an HTML page: transient at HTTP 5xx, unknown at HTTP 200', async () => {
    const { client, emulator } = await once();
    emulator.scriptResponse(DATA, {
      status: 502,
      contentType: 'text/html',
      body: '<html><body>502 Bad Gateway</body></html>',
    });
    expect(await failure(client.getCheckinData(query))).toMatchObject({
      kind: 'transient',
      httpStatus: 502,
      endpoint: DATA,
    });
    emulator.scriptResponse(DATA, { status: 200, contentType: 'text/html', body: '<html>系统维护中</html>' });
    const error = await failure(client.getCheckinData(query));
    expect(error).toMatchObject({ kind: 'unknown', httpStatus: 200 });
    expect(error.message).toContain('text/html');
  });

  it('truncated JSON: unknown', async () => {
    const { client, emulator } = await once();
    emulator.scriptResponse(DATA, { body: '{"errcode":0,"errmsg":"ok","checkindata":[{"userid":"zhang' });
    expect(await failure(client.getCheckinData(query))).toMatchObject({ kind: 'unknown', endpoint: DATA });
  });

  it('an unreadable element is set aside with its id and field; the rest of the list is returned', async () => {
    const { client, emulator } = await once();
    emulator.scriptResponse(DATA, {
      body: JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        checkindata: [
          { userid: 'a', checkin_type: '上班打卡', exception_type: '' },
          { userid: 'b', checkin_type: '上班打卡', exception_type: '', checkin_time: 1700000000 },
        ],
      }),
    });
    const setAside: UnreadableRecord[] = [];
    const rows = await client.getCheckinData(query, { onUnreadable: (record) => setAside.push(record) });
    expect(rows.map((row) => row.userid)).toEqual(['b']);
    expect(setAside).toEqual([
      expect.objectContaining({
        vendor: 'wecom',
        endpoint: DATA,
        kind: 'punch',
        recordId: null,
        index: 0,
        field: 'checkin_time',
        reason: 'checkin_time: Invalid input: expected number, received undefined',
      }),
    ]);

    emulator.scriptResponse(RULES, {
      body: JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        group: [
          { groupid: '69', grouptype: 1, groupname: 'x' },
          { groupid: 70, grouptype: 3, groupname: 'free', checkindate: [{ workdays: [1, 2] }] },
        ],
      }),
    });
    setAside.length = 0;
    const rules = await client.getCorpCheckinOptions({ onUnreadable: (record) => setAside.push(record) });
    expect(rules.map((rule) => rule.groupid)).toEqual([70]);
    expect(setAside).toEqual([
      expect.objectContaining({ recordId: '69', field: 'groupid', kind: 'checkin rule', endpoint: RULES }),
    ]);

    // A list that is missing altogether is the whole answer's failure: it cannot be told from "nothing there".
    emulator.scriptResponse(DATA, { body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) });
    expect((await failure(client.getCheckinData(query))).message).toContain(
      'checkindata: Invalid input: expected array',
    );

    emulator.scriptResponse(DATA, { body: JSON.stringify([{ errcode: 0 }]) });
    expect((await failure(client.getCheckinData(query))).message).toContain(
      'without a numeric errcode (body is an array)',
    );
  });

  it('never puts the access token in a message', async () => {
    const { client, emulator } = await once();
    emulator.scriptResponse(DATA, { status: 500, contentType: 'text/html', body: '<html>oops</html>' });
    const error = await failure(client.getCheckinData(query));
    expect(error.message).not.toMatch(/access_token|emu[0-9a-z]{10}/);
    expect(error.endpoint).toBe(DATA);
  });
});

describe('transient failures are retried only where repeating is safe', () => {
  it('retries reads after an HTML 500, -1 系统繁忙, a reset and a timeout', async () => {
    // Only the delayed call may time out: with a 100 ms timeout an undelayed call on two busy cores once did too,
    // a fourth retry (QUALITY.md, loaded run 3). The delay stays well past the timeout.
    const { client, emulator, events } = await setup({
      emulator: { serverErrorStyle: 'html' },
      client: { timeoutMs: 1_000 },
    });
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/getcheckindata', kind: 'server_error', probability: 1, maxCount: 1 },
    ]);
    await client.getCheckinData({ starttime: NOW - DAY, endtime: NOW, useridlist: ['zhangwei'] });
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption', kind: 'connection_reset', probability: 1, maxCount: 1 },
    ]);
    await client.getCorpCheckinOptions();
    emulator.faults.configure([
      {
        endpoint: 'POST /cgi-bin/checkin/getcheckinoption',
        kind: 'latency',
        latencyMs: 4_000,
        probability: 1,
        maxCount: 1,
      },
    ]);
    await client.getCheckinOptions({ datetime: NOW - (NOW % DAY), useridlist: ['zhangwei'] });
    expect(
      events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.kind),
    ).toEqual(['transient', 'transient', 'transient']);
  });

  it('retries setcheckinschedulist (an idempotent upsert) after errcode -1', async () => {
    const { client, emulator } = await setup({ emulator: { serverErrorStyle: 'errcode' } });
    const shift = (await client.findCheckinOptionsByName(SAMPLE_SHIFT_RULE_NAME))[0]!;
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/setcheckinschedulist', kind: 'server_error', probability: 1, maxCount: 1 },
    ]);
    await client.setCheckinScheduleList({
      groupid: shift.groupid,
      yearmonth: 202604,
      items: [{ userid: 'chenjing', day: 3, schedule_id: 0 }],
    });
    expect(emulator.schedules().find((s) => s.userid === 'chenjing' && s.yearmonth === 202604)?.days).toEqual({ 3: 0 });
  });

  it('does NOT repeat add_checkin_option (no id: a repeat could create a second rule)', async () => {
    const { client, emulator, events, log } = await setup({ emulator: { serverErrorStyle: 'html' } });
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_option', kind: 'server_error', probability: 1, maxCount: 1 },
    ]);
    const error = await failure(client.addCheckinOption(fixedRule('不重试')));
    expect(error).toMatchObject({ kind: 'transient', endpoint: 'POST /cgi-bin/checkin/add_checkin_option' });
    expect(log().filter((entry) => entry.startsWith('add_checkin_option'))).toEqual([
      'add_checkin_option:server_error',
    ]);
    expect(events).toContainEqual({
      type: 'not_retried',
      endpoint: 'POST /cgi-bin/checkin/add_checkin_option',
      kind: 'transient',
      errcode: null,
    });
  });

  it('does NOT repeat add_checkin_record (no idempotency key: a repeat could double punches)', async () => {
    const { client, emulator, log } = await setup();
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_record', kind: 'connection_reset', probability: 1, maxCount: 1 },
    ]);
    expect(await failure(client.addCheckinRecords([punch('lina', NOW - 3600)]))).toMatchObject({ kind: 'transient' });
    expect(log().filter((entry) => entry.startsWith('add_checkin_record'))).toHaveLength(1);
  });

  it('repeats a delete by id; a not-found after a lost answer counts as deleted', async () => {
    const { client, emulator } = await setup();
    await client.addCheckinOption(fixedRule('待删'));
    const [rule] = await client.findCheckinOptionsByName('待删');
    emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/del_checkin_option', kind: 'connection_reset', probability: 1, maxCount: 1 },
    ]);
    await client.deleteCheckinOption({ groupid: rule!.groupid });
    expect(await client.findCheckinOptionsByName('待删')).toEqual([]);

    emulator.scriptResponse('POST /cgi-bin/checkin/del_checkin_option', {
      status: 502,
      contentType: 'text/html',
      body: '<html></html>',
    });
    await expect(client.deleteCheckinOption({ groupid: rule!.groupid })).resolves.toBeUndefined();
    expect(await failure(client.deleteCheckinOption({ groupid: rule!.groupid }))).toMatchObject({
      kind: 'not_found',
      vendorCode: 60136,
    });
  });
});

describe('rules', () => {
  it('add returns no id: the rule is found by name; update replaces arrays; clear empties them; delete removes', async () => {
    const { client, emulator } = await setup();
    await expect(client.addCheckinOption(fixedRule('同步规则'))).resolves.toBeUndefined();
    const [created] = await client.findCheckinOptionsByName('同步规则');
    const groupid = created!.groupid;
    expect(created?.range).toEqual({ party_id: [], userid: ['lina'], tagid: [] });

    const wifi = [{ wifiname: 'HQ-2', wifimac: '70:10:5c:7d:f6:d5' }];
    await client.updateCheckinOption({ group: { groupid, wifimac_infos: wifi, groupname: '同步规则' } });
    expect((await client.findCheckinOptionsByName('同步规则'))[0]?.wifimac_infos).toEqual(wifi);

    // An empty array would mean "unchanged" on WeCom: refused locally, nothing sent.
    const sent = emulator.calls('update_checkin_option').length;
    const refused = await failure(client.updateCheckinOption({ group: { groupid, wifimac_infos: [] } }));
    expect(refused).toMatchObject({ kind: 'invalid_request', vendorCode: null });
    expect(refused.message).toContain('group.wifimac_infos: an empty array leaves the field unchanged');
    expect(emulator.calls('update_checkin_option')).toHaveLength(sent);

    await client.clearCheckinOptionArrayField({ groupid, clear_field: [3] });
    expect((await client.findCheckinOptionsByName('同步规则'))[0]?.wifimac_infos).toEqual([]);

    await client.deleteCheckinOption({ groupid, effective_now: true });
    expect(await client.findCheckinOptionsByName('同步规则')).toEqual([]);
  });

  it("surfaces WeCom's validation errcode as invalid_request", async () => {
    const { client } = await setup();
    const request = fixedRule('坏窗口');
    request.group.checkindate![0]!.checkintime[0]!.earliest_work_sec = 35_000;
    expect(await failure(client.addCheckinOption(request))).toMatchObject({
      kind: 'invalid_request',
      vendorCode: 301093,
    });
  });

  it("refuses a body off WeCom's write shape before sending it", async () => {
    const { client, emulator } = await setup();
    const request = fixedRule('拼写') as unknown as { group: { range: Record<string, unknown> } };
    request.group.range = { partyid: ['2'] };
    const error = await failure(client.addCheckinOption(request as unknown as WecomAddCheckinOptionRequest));
    expect(error.message).toContain('group.range: Unrecognized key: "partyid"');
    expect(emulator.calls('add_checkin_option')).toEqual([]);
  });

  it('update, clear and delete of a rule another app created: foreign_owned_rule', async () => {
    const { client } = await setup();
    const [foreign] = await client.findCheckinOptionsByName(SAMPLE_FIXED_RULE_NAME);
    const groupid = foreign!.groupid;
    for (const attempt of [
      client.updateCheckinOption({ group: { groupid, groupname: '改名' } }),
      client.clearCheckinOptionArrayField({ groupid, clear_field: [1] }),
      client.deleteCheckinOption({ groupid }),
    ]) {
      expect(await failure(attempt)).toMatchObject({ kind: 'foreign_owned_rule', vendorCode: 301002 });
    }
  });

  it('reads legacy units and normalises them to seconds', async () => {
    const { client } = await setup();
    const [legacy] = await client.findCheckinOptionsByName(SAMPLE_FIXED_RULE_NAME);
    expect(legacy?.checkindate?.[0]?.limit_aheadtime).toBe(7_200_000);
    expect(normaliseCheckinGroupUnits(legacy!).checkindate?.[0]).toMatchObject({ limit_ahead_sec: 7200 });
  });

  it("reads each user's rule of the day, ≤ 100 users per call", async () => {
    const { client, emulator } = await setup();
    const extra = Array.from({ length: 150 }, (_, i) => `hq${i}`);
    emulator.addUsers(extra, '2');
    const info = await client.getCheckinOptions({ datetime: NOW - (NOW % DAY), useridlist: extra });
    expect(info).toHaveLength(150);
    expect(emulator.calls('getcheckinoption').map((call) => (call.body['useridlist'] as string[]).length)).toEqual([
      100, 50,
    ]);
    expect(info[0]?.group.groupname).toBe(SAMPLE_FIXED_RULE_NAME);
  });
});
