// WeCom answers are JSON inspected loosely in assertions; typing each one would only restate the emulator.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../sample-company/people.js';
import { validateCheckinOption } from './checkin-option-rules.js';
import { sampleFixedGroup } from './wecom-sample-rule.fixtures.js';
import {
  SAMPLE_FIXED_RULE_NAME,
  SAMPLE_PUNCH_DAYS,
  SAMPLE_SCHEDULE_IDS,
  SAMPLE_SHIFT_RULE_NAME,
  WecomEmulator,
  type WecomEmulatorOptions,
} from './index.js';

// The WeCom emulator over HTTP: envelope, tokens, rate limits, faults, the admin API and the sample company.
// Every test injects the clock; nothing waits on wall time.

/** 2026-03-18 12:00 China time, a Wednesday. */
type Answer = Record<string, any>;

const NOW_MS = Date.UTC(2026, 2, 18, 4, 0, 0);
const NOW = NOW_MS / 1000;
const { corpId, corpSecret } = SAMPLE_CREDENTIALS.wecom;

interface Harness {
  readonly emulator: WecomEmulator;
  readonly url: string;
  readonly clock: { now: number };
  token(): Promise<string>;
  post(api: string, body: unknown, token?: string | null): Promise<Answer>;
  raw(path: string, init?: RequestInit): Promise<Response>;
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(options: WecomEmulatorOptions = {}): Promise<Harness> {
  const clock = { now: NOW_MS };
  const emulator = new WecomEmulator({ clock: () => clock.now, ...options });
  const server = await emulator.listen();
  running.push(server);
  const raw = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server.url}${path}`, init);
  const token = async (): Promise<string> => {
    const answer = (await (await raw(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)).json()) as {
      access_token: string;
    };
    return answer.access_token;
  };
  let cached: string | undefined;
  const post = async (api: string, body: unknown, explicit?: string | null): Promise<Answer> => {
    const accessToken = explicit === undefined ? (cached ??= await token()) : explicit;
    const query = accessToken === null ? '' : `?access_token=${accessToken}`;
    const response = await raw(`/cgi-bin/checkin/${api}${query}`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  return { emulator, url: server.url, clock, token, post, raw };
}

describe('WeCom emulator: envelope and tokens', () => {
  it('issues a token with expires_in 7200 and refuses bad credentials with their own codes', async () => {
    const { raw } = await start();
    const ok = (await (await raw(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)).json()) as Answer;
    expect(ok).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(typeof ok.access_token).toBe('string');
    const codes = await Promise.all(
      [
        `corpid=${corpId}&corpsecret=wrong`,
        `corpid=wrong&corpsecret=${corpSecret}`,
        `corpid=${corpId}`,
        `corpsecret=${corpSecret}`,
      ].map(async (query) => ((await (await raw(`/cgi-bin/gettoken?${query}`)).json()) as { errcode: number }).errcode),
    );
    expect(codes).toEqual([40001, 40013, 41004, 41002]);
  });

  it('answers errors with HTTP 200, the errmsg tail, the error-code header and the empty list key', async () => {
    const { raw } = await start();
    const response = await raw('/cgi-bin/checkin/getcheckindata', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('error-code')).toBe('41001');
    const body = (await response.json()) as Answer;
    expect(body.errcode).toBe(41001);
    expect(body.errmsg).toMatch(
      /^access_token missing, hint: \[\d{25}\], from ip: [\d.:a-f]+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=41001$/,
    );
    expect(body.checkindata).toEqual([]);
  });

  it('tells a missing (41001), unknown (40014) and expired (42001) token apart; expiry follows the clock', async () => {
    const harness = await start({ tokenTtlSeconds: 60 });
    expect((await harness.post('getcorpcheckinoption', {}, null)).errcode).toBe(41001);
    expect((await harness.post('getcorpcheckinoption', {}, 'forged')).errcode).toBe(40014);
    const token = await harness.token();
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(0);
    harness.clock.now += 59_000;
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(0);
    harness.clock.now += 1_000;
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(42001);
  });

  it('expireTokens() and POST /__emulator/expire-tokens end every issued token', async () => {
    const harness = await start();
    const token = await harness.token();
    harness.emulator.expireTokens();
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(42001);
    const fresh = await harness.token();
    expect((await harness.post('getcorpcheckinoption', {}, fresh)).errcode).toBe(0);
    expect((await harness.raw('/__emulator/expire-tokens', { method: 'POST' })).status).toBe(204);
    expect((await harness.post('getcorpcheckinoption', {}, fresh)).errcode).toBe(42001);
  });

  it('answers a body that is not JSON with 40058 "wrong json format"', async () => {
    const harness = await start();
    const token = await harness.token();
    const response = await harness.raw(`/cgi-bin/checkin/getcheckindata?access_token=${token}`, {
      method: 'POST',
      body: '{"opencheckindatatype": 3,',
    });
    const body = (await response.json()) as Answer;
    expect(body).toMatchObject({ errcode: 40058, checkindata: [] });
    expect(body.errmsg).toContain('Warning: wrong json format.');
  });
});

describe('WeCom emulator: rate limits (errcode 45009 per API per corp)', () => {
  it('allows getcorpcheckinoption 60 times a minute and answers the 61st with 45009', async () => {
    const harness = await start();
    for (let i = 0; i < 60; i++) expect((await harness.post('getcorpcheckinoption', {})).errcode).toBe(0);
    const refused = await harness.post('getcorpcheckinoption', {});
    expect(refused).toMatchObject({ errcode: 45009, group: [] });
    expect(refused['errmsg']).toMatch(/^api freq out of limit, hint:/);
    // Other APIs keep their own window; the refused one recovers when the minute has passed.
    expect((await harness.post('getcheckinoption', { datetime: NOW, useridlist: ['zhangwei'] })).errcode).toBe(0);
    harness.clock.now += 60_000;
    expect((await harness.post('getcorpcheckinoption', {})).errcode).toBe(0);
  });

  it('takes per-API overrides, and can be disabled', async () => {
    const limited = await start({ rateLimits: { getcheckindata: [{ limit: 2, windowMs: 1000 }] } });
    const query = { opencheckindatatype: 3, starttime: NOW - 3600, endtime: NOW, useridlist: ['zhangwei'] };
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await limited.post('getcheckindata', query)).errcode as number);
    expect(codes).toEqual([0, 0, 45009]);

    const unlimited = await start({ rateLimits: false });
    for (let i = 0; i < 61; i++) expect((await unlimited.post('getcorpcheckinoption', {})).errcode).toBe(0);
  });
});

describe('WeCom emulator: fault injection and the admin API', () => {
  it('injects each fault kind on the named endpoint only, and counts them', async () => {
    const harness = await start({ serverErrorStyle: 'html' });
    const token = await harness.token();
    const endpoint = 'POST /cgi-bin/checkin/getcorpcheckinoption';
    const put = (rules: unknown[]) =>
      harness.raw('/__emulator/faults', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules, seed: 3 }),
      });

    expect((await put([{ endpoint, kind: 'server_error', probability: 1, maxCount: 1 }])).status).toBe(204);
    const html = await harness.raw(`/cgi-bin/checkin/getcorpcheckinoption?access_token=${token}`, {
      method: 'POST',
      body: '{}',
    });
    expect(html.status).toBe(500);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(0);

    await put([{ endpoint, kind: 'rate_limit', probability: 1, maxCount: 1 }]);
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(45009);

    await put([{ endpoint, kind: 'token_expiry', probability: 1, maxCount: 1 }]);
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(42001);
    // The fault killed the token itself, as an early invalidation by WeCom would.
    expect((await harness.post('getcorpcheckinoption', {}, token)).errcode).toBe(42001);

    const fresh = await harness.token();
    await put([{ endpoint, kind: 'connection_reset', probability: 1, maxCount: 1 }]);
    await expect(
      harness.raw(`/cgi-bin/checkin/getcorpcheckinoption?access_token=${fresh}`, { method: 'POST', body: '{}' }),
    ).rejects.toThrow();
    // Another endpoint was never touched.
    expect((await harness.post('getcheckinoption', { datetime: NOW, useridlist: ['zhangwei'] }, fresh)).errcode).toBe(
      0,
    );

    const stats = (await (await harness.raw('/__emulator/stats')).json()) as Answer;
    expect(stats.faults).toEqual({
      latency: 0,
      server_error: 1,
      rate_limit: 1,
      token_expiry: 1,
      connection_reset: 1,
      response_lost: 0,
    });
    expect((await harness.raw('/__emulator/faults', { method: 'DELETE' })).status).toBe(204);
    expect(
      (
        await harness.raw('/__emulator/faults', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(400);
  });

  it('response_lost: add_checkin_option creates the rule, then the connection drops instead of the answer', async () => {
    const harness = await start();
    const token = await harness.token();
    const endpoint = 'POST /cgi-bin/checkin/add_checkin_option';
    const put = await harness.raw('/__emulator/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ endpoint, kind: 'response_lost', probability: 1, maxCount: 1 }] }),
    });
    expect(put.status).toBe(204);
    const before = harness.emulator.rules().length;
    await expect(
      harness.raw(`/cgi-bin/checkin/add_checkin_option?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ effective_now: true, group: sampleFixedGroup('应答丢失的规则') }),
      }),
    ).rejects.toThrow();
    // The vendor did it: the rule exists, owned by the calling app, and reads back over the API.
    const created = harness.emulator.rules().filter((rule) => rule.group['groupname'] === '应答丢失的规则');
    expect(harness.emulator.rules()).toHaveLength(before + 1);
    expect(created).toEqual([expect.objectContaining({ owner: 'self' })]);
    const listed = (await harness.post('getcorpcheckinoption', {}, token)).group as Answer[];
    expect(listed.some((rule) => rule['groupname'] === '应答丢失的规则')).toBe(true);
    expect(harness.emulator.requests.list().filter((entry) => entry.fault === 'response_lost')).toEqual([
      expect.objectContaining({ method: 'POST', path: '/cgi-bin/checkin/add_checkin_option', status: 0, code: 0 }),
    ]);
    expect(((await (await harness.raw('/__emulator/stats')).json()) as Answer).faults.response_lost).toBe(1);
  });

  it('response_lost on a refused call loses the refusal too, and logs the errcode it would have sent', async () => {
    const harness = await start();
    const token = await harness.token();
    harness.emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_option', kind: 'response_lost', probability: 1 },
    ]);
    const before = harness.emulator.rules().length;
    await expect(
      harness.raw(`/cgi-bin/checkin/add_checkin_option?access_token=${token}`, { method: 'POST', body: '{' }),
    ).rejects.toThrow();
    expect(harness.emulator.rules()).toHaveLength(before);
    expect(harness.emulator.requests.list().at(-1)).toMatchObject({ status: 0, code: 40058, fault: 'response_lost' });
  });

  it('answers an injected server_error as errcode -1 (系统繁忙) when configured so', async () => {
    const harness = await start({ serverErrorStyle: 'errcode' });
    const token = await harness.token();
    harness.emulator.faults.configure([{ endpoint: '*', kind: 'server_error', probability: 1, maxCount: 1 }]);
    expect(await harness.post('getcorpcheckinoption', {}, token)).toMatchObject({ errcode: -1, group: [] });
  });

  it('logs every vendor call by path, never with the query string that carries the token', async () => {
    const harness = await start();
    const token = await harness.token();
    await harness.post('getcorpcheckinoption', {}, token);
    await harness.post('getcorpcheckinoption', {}, 'forged');
    const log = (await (await harness.raw('/__emulator/requests')).json()) as Answer[];
    expect(log).toEqual([
      expect.objectContaining({ method: 'GET', path: '/cgi-bin/gettoken', status: 200, code: 0, fault: null }),
      expect.objectContaining({ method: 'POST', path: '/cgi-bin/checkin/getcorpcheckinoption', code: 0 }),
      expect.objectContaining({ method: 'POST', path: '/cgi-bin/checkin/getcorpcheckinoption', code: 40014 }),
    ]);
    expect(JSON.stringify(log)).not.toContain(token);
    expect((await harness.raw('/__emulator/reset', { method: 'POST' })).status).toBe(204);
    expect(harness.emulator.requests.list()).toEqual([]);
  });
});

describe('WeCom emulator: sample company', () => {
  it('is deterministic for a seed and a day', () => {
    const a = new WecomEmulator({ clock: () => NOW_MS, seed: 7 });
    const b = new WecomEmulator({ clock: () => NOW_MS, seed: 7 });
    expect(a.checkinData()).toEqual(b.checkinData());
    expect(a.schedules()).toEqual(b.schedules());
    expect(a.rules()).toEqual(b.rules());
    expect(new WecomEmulator({ clock: () => NOW_MS, seed: 8 }).checkinData()).not.toEqual(a.checkinData());
  });

  it('holds two foreign-owned rules, a by-shift rule that passes WeCom validation, and schedules', () => {
    const emulator = new WecomEmulator({ clock: () => NOW_MS });
    const rules = emulator.rules();
    expect(rules.map((rule) => [rule.group['groupname'], rule.group['grouptype'], rule.owner])).toEqual([
      [SAMPLE_FIXED_RULE_NAME, 1, 'another-app'],
      [SAMPLE_SHIFT_RULE_NAME, 2, 'another-app'],
    ]);
    const shiftRule = rules[1]!;
    expect(
      validateCheckinOption(
        { ...shiftRule.group, groupid: shiftRule.groupid },
        { mode: 'update', nowUnixSeconds: NOW },
      ),
    ).toBeNull();
    const march = emulator.schedules().filter((s) => s.yearmonth === 202603);
    expect(march).toHaveLength(8);
    expect(Object.keys(march[0]!.days)).toHaveLength(31);
  });

  it('has two weeks of punches ending now, a cross-midnight punch, a 未打卡 row and an outing', () => {
    const punches = new WecomEmulator({ clock: () => NOW_MS }).checkinData();
    const times = punches.map((punch) => punch.checkin_time);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - SAMPLE_PUNCH_DAYS * 86_400);
    const nightOff = punches.find(
      (p) =>
        p.schedule_id === SAMPLE_SCHEDULE_IDS.night && p.checkin_type === '下班打卡' && p.exception_type !== '未打卡',
    );
    expect(nightOff).toBeDefined();
    // The clock-out lands on the next calendar day, after the standard 06:00 (= 30 h after the shift day).
    expect((nightOff!.sch_checkin_time + 8 * 3600) % 86_400).toBe(6 * 3600);
    const missed = punches.filter((p) => p.exception_type === '未打卡');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ checkin_type: '下班打卡', location_title: '', location_detail: '' });
    expect(missed[0]!.checkin_time).toBe(missed[0]!.sch_checkin_time);
    expect(punches.filter((p) => p.checkin_type === '外出打卡')).toEqual([
      expect.objectContaining({ userid: 'zhoujie', lat: 23_119_263, lng: 113_323_680 }),
    ]);
    for (const punch of punches) {
      if (punch.lat !== undefined) expect(Number.isInteger(punch.lat) && Number.isInteger(punch.lng)).toBe(true);
    }
  });

  it('can start empty', () => {
    const emulator = new WecomEmulator({ clock: () => NOW_MS, sampleCompany: false });
    expect([emulator.rules(), emulator.checkinData(), emulator.schedules(), emulator.userIds()]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });
});
