import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS } from '../sample-company/people.js';
import { FeishuEmulator, SAMPLE_GROUP_NAMES, SAMPLE_SHIFT_NAMES } from './index.js';

// The emulator's Feishu rules, over HTTP: each create validation and read-vs-write difference with a positive
// and a negative case, the token rules, rate limits, pagination, faults and the admin API. Time is the
// emulator's injected clock; nothing here waits on wall time.

const A = '/open-apis/attendance/v1';
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
// Wednesday 2025-03-12 10:00 in Asia/Shanghai.
const START = Date.UTC(2025, 2, 12, 2, 0, 0);

let now = START;
const emulator = new FeishuEmulator({ seed: 7, clock: () => now });
let server: RunningServer;
let token: string;

interface Reply {
  status: number;
  headers: Headers;
  // Feishu JSON as parsed, asserted loosely field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads arbitrary answer bodies
  body: any;
  text: string;
}

async function api(
  method: string,
  path: string,
  options: { query?: Record<string, string | number>; body?: unknown; auth?: string | null } = {},
): Promise<Reply> {
  const url = new URL(path, server.url);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? token : options.auth;
  if (auth !== null) headers['authorization'] = `Bearer ${auth}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  const response = await fetch(url, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body, text };
}

async function issueToken(secret: string = SAMPLE_CREDENTIALS.feishu.appSecret): Promise<Reply> {
  return api('POST', TOKEN_PATH, { auth: null, body: { app_id: SAMPLE_CREDENTIALS.feishu.appId, app_secret: secret } });
}

const ID = { employee_type: 'employee_id' };
const ID_DEPT = { employee_type: 'employee_id', dept_type: 'open_id' };

function sampleShift(name: string): string {
  const shift = emulator.shifts().find((s) => s['shift_name'] === name);
  if (!shift) throw new Error(`no sample shift ${name}`);
  return shift['shift_id'] as string;
}

function sampleGroup(name: string): string {
  const group = emulator.groups().find((g) => g['group_name'] === name);
  if (!group) throw new Error(`no sample group ${name}`);
  return group['group_id'] as string;
}

function fixedGroup(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const s = sampleShift(SAMPLE_SHIFT_NAMES.standard);
  return {
    group_name: '测试固定班',
    time_zone: 'Asia/Shanghai',
    group_leader_ids: ['e1001'],
    group_type: 1,
    punch_day_shift_ids: [s, s, s, s, s, '0', '0'],
    calendar_id: 1,
    ...overrides,
  };
}

function segment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    on_time: '9:00',
    off_time: '18:00',
    late_minutes_as_late: 5,
    late_minutes_as_lack: 60,
    on_advance_minutes: 60,
    early_minutes_as_early: 5,
    early_minutes_as_lack: 60,
    off_delay_minutes: 60,
    ...overrides,
  };
}

function flow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    user_id: 'e1002',
    creator_id: 'e1002',
    location_name: 'HQ',
    check_time: String(Math.floor(START / 1000) - 3600),
    comment: '',
    ...overrides,
  };
}

const saveGroup = (group: Record<string, unknown>, query: Record<string, string> = ID_DEPT) =>
  api('POST', `${A}/groups`, { query, body: { group } });
const createShift = (shift: Record<string, unknown>) => api('POST', `${A}/shifts`, { body: shift });
const importFlows = (records: Record<string, unknown>[]) =>
  api('POST', `${A}/user_flows/batch_create`, { query: ID, body: { flow_records: records } });

function expectError(reply: Reply, status: number, code: number, msg?: string | RegExp): void {
  expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
  if (msg !== undefined) expect(reply.body.msg).toMatch(msg);
}

beforeAll(async () => {
  server = await emulator.listen();
});

afterAll(() => server.close());

beforeEach(async () => {
  now = START;
  emulator.reset();
  token = (await issueToken()).body.tenant_access_token;
});

describe('tenant_access_token (REFERENCE A2)', () => {
  it('answers the token and its lifetime at the top level, not under data', async () => {
    const reply = await issueToken();
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ code: 0, msg: 'ok', tenant_access_token: expect.stringMatching(/^t-/), expire: 7200 });
  });

  it('hands out the same token while ≥ 30 min remain, and a new one (old still valid) below that', async () => {
    now += 90 * 60_000; // 30 min left
    const same = await issueToken();
    expect(same.body).toMatchObject({ tenant_access_token: token, expire: 1800 });
    now += 1000; // 29:59 left
    const fresh = await issueToken();
    expect(fresh.body.tenant_access_token).not.toBe(token);
    expect(fresh.body.expire).toBe(7200);
    expect((await api('GET', `${A}/groups`)).body.code).toBe(0);
    expect((await api('GET', `${A}/groups`, { auth: fresh.body.tenant_access_token })).body.code).toBe(0);
  });

  it('refuses a wrong secret with 99991543 and a missing one with 10003', async () => {
    expectError(await issueToken('wrong'), 400, 99991543);
    expectError(await api('POST', TOKEN_PATH, { auth: null, body: { app_id: 'x' } }), 400, 10003);
  });

  it('answers missing, malformed, unknown and expired tokens with their documented codes', async () => {
    expectError(await api('GET', `${A}/groups`, { auth: null }), 400, 99991661);
    expectError(await api('GET', `${A}/groups`, { auth: 'abc' }), 400, 99991671);
    expectError(await api('GET', `${A}/groups`, { auth: 't-unknown' }), 400, 99991663);
    now += 7200_000;
    expectError(await api('GET', `${A}/groups`), 400, 99991663);
  });

  it('expireTokens() kills every issued token; the next token request mints a new one', async () => {
    emulator.expireTokens();
    expectError(await api('GET', `${A}/groups`), 400, 99991663);
    const fresh = (await issueToken()).body.tenant_access_token;
    expect(fresh).not.toBe(token);
    expect((await api('GET', `${A}/groups`, { auth: fresh })).body.code).toBe(0);
  });
});

describe('envelope, headers, ids, employee_type', () => {
  it('sends X-Tt-Logid on every answer, errors and unknown paths included', async () => {
    for (const reply of [
      await api('GET', `${A}/groups`),
      await api('GET', `${A}/groups`, { auth: null }),
      await api('GET', '/nope'),
    ]) {
      expect(reply.headers.get('x-tt-logid')).toMatch(/^\d{14}[0-9A-F]{18}$/);
    }
    expect((await api('GET', '/nope')).status).toBe(404);
  });

  it('gives error bodies the log id and the violated fields', async () => {
    const reply = await saveGroup(fixedGroup({ group_name: undefined }));
    expect(reply.body.error.log_id).toBe(reply.headers.get('x-tt-logid'));
    expect(reply.body.error.field_violations).toEqual([
      { field: 'group.group_name', description: 'is required (string)' },
    ]);
  });

  it('mints 19-digit numeric string ids, deterministically for a seed', async () => {
    const created = await createShift({ shift_name: 'x', punch_times: 1, punch_time_rule: [segment()] });
    expect(created.body.data.shift.shift_id).toMatch(/^[1-9]\d{18}$/);
    const twin = new FeishuEmulator({ seed: 7, clock: () => START });
    expect(twin.groups().map((g) => g['group_id'])).toEqual(emulator.groups().map((g) => g['group_id']));
  });

  it('requires employee_type (1220001) and accepts only employee_id / employee_no (1220003)', async () => {
    const groupId = sampleGroup(SAMPLE_GROUP_NAMES.fixed);
    expectError(
      await api('GET', `${A}/groups/${groupId}`, { query: { dept_type: 'open_id' } }),
      400,
      1220001,
      /employee_type/,
    );
    expectError(
      await api('GET', `${A}/groups/${groupId}`, { query: { ...ID_DEPT, employee_type: 'open_id' } }),
      400,
      1220003,
    );
    expectError(
      await api('GET', `${A}/groups/${groupId}`, { query: { employee_type: 'employee_id' } }),
      400,
      1220001,
      /dept_type/,
    );
    expectError(
      await api('POST', `${A}/user_flows/batch_create`, { body: { flow_records: [flow()] } }),
      400,
      1220001,
      /employee_type/,
    );
    expect((await api('GET', `${A}/groups/${groupId}`, { query: ID_DEPT })).body.code).toBe(0);
  });

  it('speaks the ids of the requested employee_type in and out', async () => {
    const groupId = sampleGroup(SAMPLE_GROUP_NAMES.fixed);
    const byNo = await api('GET', `${A}/groups/${groupId}`, { query: { ...ID_DEPT, employee_type: 'employee_no' } });
    expect(byNo.body.data.group_leader_ids).toEqual(['NO1001']);
    expectError(
      await saveGroup(fixedGroup({ group_leader_ids: ['e1001'] }), { ...ID_DEPT, employee_type: 'employee_no' }),
      400,
      1220004,
    );
    const created = await saveGroup(fixedGroup({ group_leader_ids: ['NO1001'] }), {
      ...ID_DEPT,
      employee_type: 'employee_no',
    });
    expect(created.body.data.group.group_leader_ids).toEqual(['NO1001']);
    expect(emulator.groups().at(-1)?.['group_leader_ids']).toEqual(['e1001']);
  });

  it('records each call without its query string', async () => {
    await api('GET', `${A}/groups`, { query: { page_size: 2 } });
    expect(emulator.requests.list().at(-1)).toMatchObject({ method: 'GET', path: `${A}/groups`, status: 200, code: 0 });
  });
});

describe('pagination (page_size 1–50, default 10)', () => {
  it('pages with page_token and has_more, omitting page_token on the last page', async () => {
    for (const name of ['g1', 'g2']) expect((await saveGroup(fixedGroup({ group_name: name }))).body.code).toBe(0);
    const names: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const reply = await api('GET', `${A}/groups`, {
        query: { page_size: 1, ...(pageToken ? { page_token: pageToken } : {}) },
      });
      pages++;
      names.push(...reply.body.data.group_list.map((g: { group_name: string }) => g.group_name));
      pageToken = reply.body.data.page_token;
      if (!reply.body.data.has_more) expect(reply.body.data).not.toHaveProperty('page_token');
    } while (pageToken);
    expect(pages).toBe(5);
    expect(names).toEqual([
      SAMPLE_GROUP_NAMES.fixed,
      SAMPLE_GROUP_NAMES.shiftBased,
      SAMPLE_GROUP_NAMES.free,
      'g1',
      'g2',
    ]);
    const all = await api('GET', `${A}/shifts`);
    expect(all.body.data.shift_list).toHaveLength(4);
    expect(all.body.data.has_more).toBe(false);
  });

  it('refuses page_size outside 1–50 and a foreign page_token', async () => {
    expectError(await api('GET', `${A}/groups`, { query: { page_size: 0 } }), 400, 1220001);
    expectError(await api('GET', `${A}/groups`, { query: { page_size: 51 } }), 400, 1220001);
    const shiftsPage = await api('GET', `${A}/shifts`, { query: { page_size: 1 } });
    expectError(
      await api('GET', `${A}/groups`, { query: { page_token: shiftsPage.body.data.page_token } }),
      400,
      1220001,
    );
  });
});

describe('rate limits (REFERENCE A3)', () => {
  it('allows 50 calls per second per API and answers the 51st with the exact 429 signal', async () => {
    for (let i = 0; i < 50; i++) expect((await api('GET', `${A}/groups`)).status).toBe(200);
    const limited = await api('GET', `${A}/groups`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ogw-ratelimit-limit')).toBe('50');
    expect(limited.headers.get('x-ogw-ratelimit-reset')).toBe('1');
    expect(limited.body).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    // Another API has its own budget; the limited one recovers once the window has passed.
    expect((await api('GET', `${A}/shifts`)).status).toBe(200);
    now += 1000;
    expect((await api('GET', `${A}/groups`)).status).toBe(200);
  });

  it('is configurable per API and can be switched off', async () => {
    const tight = new FeishuEmulator({
      clock: () => now,
      rateLimits: { [`GET ${A}/groups`]: [{ limit: 2, windowMs: 60_000 }] },
    });
    const open = new FeishuEmulator({ clock: () => now, rateLimits: false });
    for (const [instance, allowed] of [
      [tight, 2],
      [open, 60],
    ] as const) {
      const running = await instance.listen();
      const previous = server;
      server = running;
      token = (await issueToken()).body.tenant_access_token;
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await api('GET', `${A}/groups`)).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(allowed);
      server = previous;
      await running.close();
    }
  });
});

describe('groups: create/update (feishu-create-update-group.md, REFERENCE A6)', () => {
  it('takes group_type 1/2/3 on create and answers 0/2/3, wrapped in data.group; GET is flat', async () => {
    const fixed = await saveGroup(fixedGroup());
    expect(fixed.body.data.group.group_type).toBe(0);
    const got = await api('GET', `${A}/groups/${fixed.body.data.group.group_id}`, { query: ID_DEPT });
    expect(got.body.data.group_type).toBe(0);
    expect(got.body.data).not.toHaveProperty('group');
    expect(got.body.data.effect_time).toMatch(/^\d+$/);
    const shiftBased = await saveGroup(fixedGroup({ group_name: 'p', group_type: 2, punch_day_shift_ids: [] }));
    expect(shiftBased.body.data.group.group_type).toBe(2);
    const free = await saveGroup(
      fixedGroup({
        group_name: 'f',
        group_type: 3,
        punch_day_shift_ids: [],
        free_punch_cfg: { free_start_time: '7:00', free_end_time: '22:00', punch_day: 111110 },
      }),
    );
    expect(free.body.data.group.group_type).toBe(3);
  });

  it('refuses the read value 0 as a create group_type', async () => {
    expectError(await saveGroup(fixedGroup({ group_type: 0 })), 400, 1220001, /group_type/);
  });

  it('needs exactly 7 existing shift ids ("0" = rest) for a fixed group, none for 排班/free', async () => {
    const s = sampleShift(SAMPLE_SHIFT_NAMES.standard);
    expectError(
      await saveGroup(fixedGroup({ punch_day_shift_ids: [s, s, s, s, s, '0', '0', '0'] })),
      400,
      1220001,
      /exactly 7/,
    );
    expectError(
      await saveGroup(fixedGroup({ punch_day_shift_ids: [s, 'xxx', s, s, s, '0', '0'] })),
      400,
      1220001,
      /does not exist/,
    );
    expectError(await saveGroup(fixedGroup({ group_type: 2 })), 400, 1220001, /empty array/);
  });

  it('requires the documented fields', async () => {
    for (const field of [
      'group_name',
      'time_zone',
      'group_leader_ids',
      'punch_day_shift_ids',
      'calendar_id',
      'group_type',
    ]) {
      expectError(await saveGroup(fixedGroup({ [field]: undefined })), 400, 1220001, new RegExp(field));
    }
    expectError(await saveGroup(fixedGroup({ group_leader_ids: [] })), 400, 1220001, /leader/);
    expectError(await saveGroup(fixedGroup({ time_zone: 'Mars/Olympus' })), 400, 1220001, /time_zone/);
    expectError(await saveGroup(fixedGroup({ allow_out_punch: 'yes' })), 400, 1220001, /allow_out_punch must be bool/);
  });

  it('checks a free group: free_punch_cfg required, "H:mm" times, 7-digit punch_day, work_hours ≤ 1440', async () => {
    const free = (cfg?: Record<string, unknown>) =>
      saveGroup(fixedGroup({ group_name: 'f', group_type: 3, punch_day_shift_ids: [], free_punch_cfg: cfg }));
    const good = { free_start_time: '7:00', free_end_time: '18:00', punch_day: 1111100, work_hours: 480 };
    expect((await free(good)).body.code).toBe(0);
    expectError(await free(undefined), 400, 1220001, /free_punch_cfg/);
    expectError(await free({ ...good, free_start_time: '7:0' }), 400, 1220001, /free_start_time/);
    expectError(await free({ ...good, punch_day: 1121100 }), 400, 1220001, /punch_day/);
    expectError(await free({ ...good, work_hours: 1441 }), 400, 1220001, /work_hours/);
  });

  it('checks locations, departments and users', async () => {
    const gps = { location_name: 'HQ', location_type: 1, latitude: 31.2, longitude: 121.5, map_type: 2 };
    expect((await saveGroup(fixedGroup({ locations: [gps] }))).body.code).toBe(0);
    expectError(
      await saveGroup(fixedGroup({ group_name: 'x', locations: [{ ...gps, location_type: 3 }] })),
      400,
      1220001,
      /location_type/,
    );
    expectError(
      await saveGroup(fixedGroup({ group_name: 'x', locations: [{ ...gps, map_type: 3 }] })),
      400,
      1220001,
      /map_type/,
    );
    expectError(
      await saveGroup(fixedGroup({ group_name: 'x', bind_dept_ids: ['od-nope'] })),
      400,
      1220001,
      /department/,
    );
    expectError(await saveGroup(fixedGroup({ group_name: 'x', bind_user_ids: ['nobody'] })), 400, 1220004, /nobody/);
  });

  it('overwrites every field on update but only appends locations, duplicates included', async () => {
    const gps = { location_name: 'HQ', location_type: 1, latitude: 31.2, longitude: 121.5, map_type: 1 };
    const created = (await saveGroup(fixedGroup({ allow_out_punch: true, locations: [gps] }))).body.data.group;
    const updated = await saveGroup(
      fixedGroup({ group_id: created.group_id, group_name: 'renamed', locations: [gps] }),
    );
    const group = updated.body.data.group;
    expect(group.group_name).toBe('renamed');
    expect(group).not.toHaveProperty('allow_out_punch');
    // Append-only, read literally: the same location sent again is a second location with its own id.
    expect(group.locations).toHaveLength(2);
    expect(group.locations[0].location_id).toBe(created.locations[0].location_id);
    expect(group.locations[1].location_id).not.toBe(created.locations[0].location_id);
    const withoutLocations = await saveGroup(fixedGroup({ group_id: created.group_id, group_name: 'again' }));
    expect(withoutLocations.body.data.group.locations).toHaveLength(2);
  });

  it('refuses an update of a group that does not exist', async () => {
    expectError(await saveGroup(fixedGroup({ group_id: '1234567890123456789' })), 400, 1220600, 'rule not exist');
  });

  it('refuses users bound to another group unless save_auto_changes moves them', async () => {
    const first = (await saveGroup(fixedGroup({ bind_user_ids: ['e1002'] }))).body.data.group;
    expectError(await saveGroup(fixedGroup({ group_name: 'second', bind_user_ids: ['e1002'] })), 400, 1220001, /e1002/);
    const moved = await saveGroup(
      fixedGroup({ group_name: 'second', bind_user_ids: ['e1002'], save_auto_changes: true }),
    );
    expect(moved.body.code).toBe(0);
    const old = await api('GET', `${A}/groups/${first.group_id}`, { query: ID_DEPT });
    expect(old.body.data.bind_user_ids).toEqual([]);
  });
});

describe('groups: search, delete, list_user', () => {
  it('searches by name, at most 10, newest change first', async () => {
    for (let i = 0; i < 12; i++) {
      now += 1000;
      await saveGroup(fixedGroup({ group_name: `门店-${i}` }));
    }
    const found = await api('POST', `${A}/groups/search`, { body: { group_name: '门店-' } });
    expect(found.body.data.group_list).toHaveLength(10);
    expect(found.body.data.group_list[0].group_name).toBe('门店-11');
    const exact = await api('POST', `${A}/groups/search`, { body: { group_name: '门店-1', exactly_matched: true } });
    expect(exact.body.data.group_list.map((g: { group_name: string }) => g.group_name)).toEqual(['门店-1']);
    expectError(await api('POST', `${A}/groups/search`, { body: {} }), 400, 1220001);
  });

  it('lists members by member_clock_type, which is required', async () => {
    const groupId = sampleGroup(SAMPLE_GROUP_NAMES.shiftBased);
    const users = await api('GET', `${A}/groups/${groupId}/list_user`, { query: { ...ID_DEPT, member_clock_type: 1 } });
    expect(users.body.data.users).toEqual(
      ['e2001', 'e2002', 'e2003', 'e2004'].map((id) => ({
        user_id: id,
        department_ids: [SAMPLE_DEPARTMENTS.factory.feishuDepartmentId],
      })),
    );
    expectError(
      await api('GET', `${A}/groups/${groupId}/list_user`, { query: ID_DEPT }),
      400,
      1220001,
      /member_clock_type/,
    );
  });

  it('deletes a group; a second delete finds nothing', async () => {
    const groupId = (await saveGroup(fixedGroup())).body.data.group.group_id;
    expect((await api('DELETE', `${A}/groups/${groupId}`)).body).toEqual({ code: 0, msg: 'success', data: {} });
    expectError(await api('DELETE', `${A}/groups/${groupId}`), 400, 1220600, 'rule not exist');
  });
});

describe('shifts (feishu-get-shift.md, REFERENCE A5)', () => {
  const shift = (overrides: Record<string, unknown> = {}) => ({
    shift_name: '测试班',
    punch_times: 1,
    punch_time_rule: [segment()],
    ...overrides,
  });

  it('wraps the create answer in data.shift; GET and /shifts/query (shift_name in the query) are flat', async () => {
    const created = await createShift(shift());
    const id = created.body.data.shift.shift_id;
    const got = await api('GET', `${A}/shifts/${id}`);
    expect(got.body.data.shift_id).toBe(id);
    const queried = await api('POST', `${A}/shifts/query`, { query: { shift_name: '测试班' } });
    expect(queried.body.data.shift_id).toBe(id);
    expectError(
      await api('POST', `${A}/shifts/query`, { query: { shift_name: 'none' } }),
      400,
      1220600,
      'shift does not exist',
    );
    expectError(await api('POST', `${A}/shifts/query`, { body: { shift_name: '测试班' } }), 400, 1220001, /shift_name/);
  });

  it('matches /shifts/query names exactly, or by containment when built with shiftQueryMatch "contains"', async () => {
    await createShift(shift({ shift_name: '中班（周末）' }));
    await createShift(shift({ shift_name: '中班' }));
    const byName = (name: string) => api('POST', `${A}/shifts/query`, { query: { shift_name: name } });
    expect((await byName('中班')).body.data.shift_name).toBe('中班');
    expectError(await byName('周末'), 400, 1220600, 'shift does not exist');

    const fuzzy = new FeishuEmulator({ seed: 7, clock: () => now, shiftQueryMatch: 'contains' });
    const running = await fuzzy.listen();
    try {
      const ask = async (name: string) => {
        const url = new URL(`${A}/shifts/query`, running.url);
        url.searchParams.set('shift_name', name);
        const issued = await fetch(new URL(TOKEN_PATH, running.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            app_id: SAMPLE_CREDENTIALS.feishu.appId,
            app_secret: SAMPLE_CREDENTIALS.feishu.appSecret,
          }),
        });
        const { tenant_access_token: bearer } = (await issued.json()) as { tenant_access_token: string };
        const reply = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
        return (await reply.json()) as { code: number; data?: { shift_name: string } };
      };
      // The first shift in list order whose name contains the asked one: 早班 for 早, 标准班 for 班.
      expect((await ask('早')).data?.shift_name).toBe(SAMPLE_SHIFT_NAMES.early);
      expect((await ask('班')).data?.shift_name).toBe(SAMPLE_SHIFT_NAMES.standard);
      expect((await ask('夜班')).data?.shift_name).toBe(SAMPLE_SHIFT_NAMES.night);
      expect((await ask('不存在')).code).toBe(1220600);
    } finally {
      await running.close();
    }
  });

  it('flips no_need_on/no_need_off: create true = not needed, read true = needed', async () => {
    const created = await createShift(shift({ punch_time_rule: [segment({ no_need_off: true })] }));
    expect(created.body.data.shift.punch_time_rule[0]).toMatchObject({ no_need_on: true, no_need_off: false });
    const id = created.body.data.shift.shift_id;
    expect((await api('GET', `${A}/shifts/${id}`)).body.data.punch_time_rule[0]).toMatchObject({
      no_need_on: true,
      no_need_off: false,
    });
    // The first segment's on-duty punch may not be waived on create.
    expectError(
      await createShift(shift({ shift_name: 'y', punch_time_rule: [segment({ no_need_on: true })] })),
      400,
      1220001,
      /no_need_on/,
    );
  });

  it('keeps shift names unique across the tenant', async () => {
    expect((await createShift(shift())).body.code).toBe(0);
    expectError(await createShift(shift()), 400, 1220600, 'the object already exists');
  });

  it('accepts next-day times such as "26:00" and "H:mm" without padding', async () => {
    expect(
      (
        await createShift(
          shift({ shift_name: 'n', punch_time_rule: [segment({ on_time: '22:00', off_time: '26:00' })] }),
        )
      ).body.code,
    ).toBe(0);
    expect(
      (
        await createShift(
          shift({ shift_name: 'p', punch_time_rule: [segment({ on_time: '09:00', off_time: '18:00' })] }),
        )
      ).body.code,
    ).toBe(0);
    expectError(
      await createShift(shift({ shift_name: 'q', punch_time_rule: [segment({ off_time: '48:00' })] })),
      400,
      1220001,
      /off_time/,
    );
    expectError(
      await createShift(shift({ shift_name: 'q', punch_time_rule: [segment({ on_time: '9:0' })] })),
      400,
      1220001,
      /on_time/,
    );
    expectError(
      await createShift(shift({ shift_name: 'q', punch_time_rule: [segment({ off_time: '8:00' })] })),
      400,
      1220001,
      /after on_time/,
    );
    const overlapping = [segment({ off_time: '12:00' }), segment({ on_time: '11:00', off_time: '18:00' })];
    expectError(
      await createShift(shift({ shift_name: 'q', punch_times: 2, punch_time_rule: overlapping })),
      400,
      1220001,
      /overlaps/,
    );
  });

  it('limits on_advance_minutes to 720 and off_delay_minutes to 960', async () => {
    expect(
      (await createShift(shift({ punch_time_rule: [segment({ on_advance_minutes: 720, off_delay_minutes: 960 })] })))
        .body.code,
    ).toBe(0);
    expectError(
      await createShift(shift({ shift_name: 'a', punch_time_rule: [segment({ on_advance_minutes: 721 })] })),
      400,
      1220001,
      /on_advance_minutes/,
    );
    expectError(
      await createShift(shift({ shift_name: 'b', punch_time_rule: [segment({ off_delay_minutes: 961 })] })),
      400,
      1220001,
      /off_delay_minutes/,
    );
  });

  it('requires the documented segment fields and refuses a flexible rest day', async () => {
    const { late_minutes_as_lack: _dropped, ...incomplete } = segment();
    expectError(await createShift(shift({ punch_time_rule: [incomplete] })), 400, 1220001, /late_minutes_as_lack/);
    expectError(await createShift(shift({ shift_name: undefined })), 400, 1220001, /shift_name/);
    expect(
      (
        await createShift(
          shift({
            is_flexible: true,
            day_type: 1,
            flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 30 }],
          }),
        )
      ).body.code,
    ).toBe(0);
    expectError(
      await createShift(shift({ shift_name: 'r', is_flexible: true, day_type: 2 })),
      400,
      1220001,
      /day_type/,
    );
  });

  it('refuses to delete a shift a group still uses ("shift can not be del")', async () => {
    expectError(
      await api('DELETE', `${A}/shifts/${sampleShift(SAMPLE_SHIFT_NAMES.standard)}`),
      400,
      1220600,
      'shift can not be del',
    );
    expectError(
      await api('DELETE', `${A}/shifts/${sampleShift(SAMPLE_SHIFT_NAMES.night)}`),
      400,
      1220600,
      'shift can not be del',
    );
    const id = (await createShift(shift())).body.data.shift.shift_id;
    expect((await api('DELETE', `${A}/shifts/${id}`)).body.code).toBe(0);
    expectError(await api('GET', `${A}/shifts/${id}`), 400, 1220600, 'shift does not exist');
  });
});

describe('user_flows (REFERENCE A4/A7)', () => {
  it('imports at most 50 records per call ("operate too much flow")', async () => {
    const records = (n: number) => Array.from({ length: n }, (_, i) => flow({ idempotent_id: `k-${i}` }));
    expect((await importFlows(records(50))).body.data.flow_records).toHaveLength(50);
    expectError(await importFlows(records(51)), 400, 1220600, 'operate too much flow');
  });

  it('imports only check_time after 2022-01-01, as a seconds string', async () => {
    expect((await importFlows([flow({ check_time: '1640966400' })])).body.code).toBe(0);
    expectError(await importFlows([flow({ check_time: '1640966399' })]), 400, 1220001, /2022-01-01/);
    expectError(await importFlows([flow({ check_time: 1700000000 })]), 400, 1220001, /check_time/);
  });

  it('requires user_id, creator_id, location_name, check_time and comment, for known users', async () => {
    for (const field of ['user_id', 'creator_id', 'location_name', 'check_time', 'comment']) {
      expectError(await importFlows([flow({ [field]: undefined })]), 400, 1220001, new RegExp(field));
    }
    expect((await importFlows([flow({ comment: '' })])).body.code).toBe(0);
    expectError(await importFlows([flow({ user_id: 'ghost', creator_id: 'ghost' })]), 400, 1220004, /ghost/);
  });

  it('refuses a held or repeated idempotent_id with "the object already exists", creating nothing', async () => {
    const before = emulator.flows().length;
    const first = await importFlows([flow({ idempotent_id: 'wecom-1' })]);
    expect(first.body.data.flow_records[0]).toMatchObject({ type: 7, idempotent_id: 'wecom-1' });
    // A repeat across calls: the whole call is refused, its new record included (feishu-attendance-guide-
    // and-errors.md "the object already exists … 请检查业务幂等id是否重复").
    expectError(
      await importFlows([flow({ idempotent_id: 'wecom-2' }), flow({ idempotent_id: 'wecom-1' })]),
      400,
      1220600,
      'the object already exists',
    );
    // A repeat within one call.
    expectError(
      await importFlows([flow({ idempotent_id: 'wecom-3' }), flow({ idempotent_id: 'wecom-3' })]),
      400,
      1220600,
      'the object already exists',
    );
    expect(emulator.flows().length).toBe(before + 1);
    expect(emulator.flows().filter((f) => f['idempotent_id'] === 'wecom-2')).toEqual([]);
    // Without an idempotent_id there is no idempotency (REFERENCE A7).
    await importFlows([flow()]);
    await importFlows([flow()]);
    expect(emulator.flows().length).toBe(before + 3);
    // A deleted import frees its idempotent_id.
    const id = first.body.data.flow_records[0].record_id as string;
    await api('POST', `${A}/user_flows/batch_del`, { body: { record_ids: [id] } });
    expect((await importFlows([flow({ idempotent_id: 'wecom-1' })])).body.code).toBe(0);
  });

  it('queries ≤ 50 users over [from, to)', async () => {
    const at = Math.floor(START / 1000) - 7200;
    await importFlows([flow({ user_id: 'e9001', creator_id: 'e9001', check_time: String(at), idempotent_id: 'q' })]);
    const query = (from: number, to: number, users = ['e9001']) =>
      api('POST', `${A}/user_flows/query`, {
        query: ID,
        body: { user_ids: users, check_time_from: String(from), check_time_to: String(to) },
      });
    const imported = (reply: Reply): unknown[] =>
      (reply.body.data.user_flow_results as { idempotent_id?: string }[]).filter((f) => f.idempotent_id === 'q');
    expect(imported(await query(at, at + 1))).toHaveLength(1);
    expect(imported(await query(at - 10, at))).toHaveLength(0);
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `u${i}`);
    expectError(await query(at, at + 1, fiftyOne), 400, 1220001, /user_ids/);
    // "returns valid flows only; invalid or pending flows are not returned" (REFERENCE A4).
    const recordId = emulator.flows().find((f) => f['idempotent_id'] === 'q')?.['record_id'] as string;
    emulator.editFlow(recordId, (stored) => (stored['check_result'] = 'PendingApproval'));
    expect(imported(await query(at, at + 1))).toHaveLength(0);
    expect((await api('GET', `${A}/user_flows/${recordId}`, { query: ID })).body.data.check_result).toBe(
      'PendingApproval',
    );
  });

  it('deletes ≤ 10 imported records per call and reports the others in fail_record_ids and msg', async () => {
    const imported = (await importFlows([flow({ idempotent_id: 'd' })])).body.data.flow_records[0].record_id;
    const punched = emulator.flows().find((f) => f['type'] === 0)?.['record_id'] as string;
    const reply = await api('POST', `${A}/user_flows/batch_del`, { body: { record_ids: [imported, punched] } });
    expect(reply.body.code).toBe(0);
    expect(reply.body.data).toEqual({ success_record_ids: [imported], fail_record_ids: [punched] });
    expect(JSON.parse(reply.body.msg)).toEqual({ [punched]: expect.stringContaining('imported') });
    const eleven = Array.from({ length: 11 }, (_, i) => String(1e18 + i));
    expectError(
      await api('POST', `${A}/user_flows/batch_del`, { body: { record_ids: eleven } }),
      400,
      1220001,
      /record_ids/,
    );
  });

  it('gets one record flat, or "rule does not exist"', async () => {
    const id = (await importFlows([flow()])).body.data.flow_records[0].record_id;
    expect((await api('GET', `${A}/user_flows/${id}`, { query: ID })).body.data.record_id).toBe(id);
    expectError(
      await api('GET', `${A}/user_flows/1234567890123456789`, { query: ID }),
      400,
      1220600,
      'rule does not exist',
    );
  });
});

describe('user_tasks/query (REFERENCE A4/A8)', () => {
  interface TaskRecord {
    check_in_record_id: string;
    check_out_record_id: string;
    check_in_record?: { record_id: string; check_time: string };
    check_in_result: string;
    check_out_result: string;
    check_in_shift_time: string;
    check_out_shift_time: string;
  }
  interface Task {
    result_id: string;
    user_id: string;
    day: number;
    group_id: string;
    shift_id: string;
    records: TaskRecord[];
  }
  const tasks = (users: string[], from: number, to: number, query: Record<string, string> = ID) =>
    api('POST', `${A}/user_tasks/query`, {
      query,
      body: { user_ids: users, check_date_from: from, check_date_to: to },
    });
  // Seconds of a tenant-local (UTC+8) time.
  const at = (day: string, time: string) => String(Date.parse(`${day}T${time}:00+08:00`) / 1000);

  it('judges each shift segment from the punches: Normal, Late, Early, Lack, and Todo ahead of now', async () => {
    // e9001 (head office, fixed group, 标准班 9:00–12:00 + 13:30–18:00 on Tuesdays) has no sample punches on
    // Tuesday 2025-02-25, before the two weeks of sample punches.
    const late = at('2025-02-25', '09:12');
    const early = at('2025-02-25', '11:30');
    await importFlows([
      flow({ user_id: 'e9001', creator_id: 'e9001', check_time: late, idempotent_id: 't-in' }),
      flow({ user_id: 'e9001', creator_id: 'e9001', check_time: early, idempotent_id: 't-out' }),
    ]);
    const reply = await tasks(['e9001'], 20250224, 20250302);
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' });
    const results = reply.body.data.user_task_results as Task[];
    // Monday–Friday only (Friday is 弹性班); the weekend is rest.
    expect(results.map((r) => r.day)).toEqual([20250224, 20250225, 20250226, 20250227, 20250228]);
    const tuesday = results[1]!;
    expect(tuesday).toMatchObject({
      user_id: 'e9001',
      employee_name: 'e9001',
      group_id: sampleGroup(SAMPLE_GROUP_NAMES.fixed),
      shift_id: sampleShift(SAMPLE_SHIFT_NAMES.standard),
    });
    expect(tuesday.records.map((r) => [r.check_in_result, r.check_out_result])).toEqual([
      ['Late', 'Early'],
      ['Lack', 'Lack'],
    ]);
    expect(tuesday.records[0]).toMatchObject({
      check_in_shift_time: at('2025-02-25', '09:00'),
      check_out_shift_time: at('2025-02-25', '12:00'),
      check_in_record: { check_time: late },
      task_shift_type: 0,
    });
    expect(tuesday.records[0]?.check_in_record_id).toBe(tuesday.records[0]?.check_in_record?.record_id);
    expect(tuesday.records[1]).toMatchObject({ check_in_record_id: '', check_out_record_id: '' });
    expect(reply.body.data).toMatchObject({ invalid_user_ids: [], unauthorized_user_ids: [] });

    // Today (Wednesday 10:00): the morning punch is judged, the rest is still to do.
    const today = (await tasks(['e1002'], 20250312, 20250312)).body.data.user_task_results as Task[];
    expect(today[0]?.records.map((r) => [r.check_in_result, r.check_out_result])).toEqual([
      ['Normal', 'Todo'],
      ['Todo', 'Todo'],
    ]);
    // result_id stays the same across queries.
    const again = (await tasks(['e9001'], 20250225, 20250225)).body.data.user_task_results as Task[];
    expect(again[0]?.result_id).toBe(tuesday.result_id);
    expect(tuesday.result_id).toMatch(/^\d{19}$/);
  });

  it('takes 排班 days from the roster and gives free groups and rest days no task', async () => {
    const roster = emulator
      .dailyShifts()
      .filter((e) => e.user_id === 'e2001' && e.month === 202503 && e.day_no <= 7 && e.shift_id !== '0');
    const results = (await tasks(['e2001', 'e3001'], 20250301, 20250307)).body.data.user_task_results as Task[];
    expect(results.map((r) => [r.user_id, r.day, r.shift_id])).toEqual(
      roster.map((e) => ['e2001', 20250300 + e.day_no, e.shift_id]),
    );
    expect(results.every((r) => r.group_id === sampleGroup(SAMPLE_GROUP_NAMES.shiftBased))).toBe(true);
  });

  it('fails on unknown users unless ignore_invalid_users, then lists them', async () => {
    expectError(await tasks(['e1001', 'ghost'], 20250311, 20250311), 400, 1220004, /ghost/);
    const lenient = await tasks(['e1001', 'ghost'], 20250311, 20250311, { ...ID, ignore_invalid_users: 'true' });
    expect(lenient.body.data.invalid_user_ids).toEqual(['ghost']);
    expect((lenient.body.data.user_task_results as Task[]).map((r) => r.user_id)).toEqual(['e1001']);
  });

  it('speaks employee_no and checks its parameters', async () => {
    const reply = await tasks(['NO1001'], 20250311, 20250311, { employee_type: 'employee_no' });
    expect((reply.body.data.user_task_results as Task[])[0]?.user_id).toBe('NO1001');
    expectError(await tasks(['e1001'], 20250311, 20250311, {}), 400, 1220001, /employee_type/);
    expectError(await tasks(['e1001'], 20250312, 20250311), 400, 1220001, /check_date/);
    expectError(await tasks(['e1001'], 20250230, 20250301), 400, 1220001, /check_date_from/);
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `u${i}`);
    expectError(await tasks(fiftyOne, 20250311, 20250311), 400, 1220001, /user_ids/);
    expectError(
      await tasks(['e1001'], 20250311, 20250311, { ...ID, ignore_invalid_users: 'yes' }),
      400,
      1220001,
      /ignore_invalid_users/,
    );
  });
});

describe('user_daily_shifts (REFERENCE A4)', () => {
  const entry = (overrides: Record<string, unknown> = {}) => ({
    group_id: sampleGroup(SAMPLE_GROUP_NAMES.shiftBased),
    shift_id: sampleShift(SAMPLE_SHIFT_NAMES.night),
    month: 202504,
    user_id: 'e2001',
    day_no: 1,
    ...overrides,
  });
  const write = (entries: unknown[]) =>
    api('POST', `${A}/user_daily_shifts/batch_create`, { query: ID, body: { user_daily_shifts: entries } });

  it('upserts roster days of a 排班 group', async () => {
    const reply = await write([entry(), entry({ day_no: 2, shift_id: '0' })]);
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' });
    expect(reply.body.data.user_daily_shifts).toHaveLength(2);
    const stored = emulator.dailyShifts().filter((e) => e.user_id === 'e2001' && e.month === 202504 && e.day_no <= 2);
    expect(stored.map((e) => e.shift_id)).toEqual([sampleShift(SAMPLE_SHIFT_NAMES.night), '0']);
  });

  it('only arranges 排班 groups ("the rule cannot arrange!")', async () => {
    expectError(
      await write([entry({ group_id: sampleGroup(SAMPLE_GROUP_NAMES.fixed) })]),
      400,
      1220600,
      'the rule cannot arrange!',
    );
  });

  it('answers code 0 naming the days that did not take effect for users not in the group', async () => {
    const reply = await write([entry(), entry({ user_id: 'e1001', day_no: 3 })]);
    expect(reply.body.code).toBe(0);
    expect(JSON.parse(reply.body.msg)).toEqual({ e1001: ['20250403'] });
    expect(reply.body.data.user_daily_shifts).toHaveLength(1);
  });

  it('takes at most 50 entries per call and real days', async () => {
    expectError(await write(Array.from({ length: 51 }, (_, i) => entry({ day_no: (i % 28) + 1 }))), 400, 1220001);
    expectError(await write([entry({ month: 202502, day_no: 29 })]), 400, 1220001, /day_no/);
  });

  it('queries ≤ 50 users over ≤ 30 days', async () => {
    const query = (from: number, to: number, users = ['e2001']) =>
      api('POST', `${A}/user_daily_shifts/query`, {
        query: ID,
        body: { user_ids: users, check_date_from: from, check_date_to: to },
      });
    expect((await query(20250301, 20250330)).body.data.user_daily_shifts).toHaveLength(30);
    expectError(await query(20250301, 20250331), 400, 1220001, /30/);
    expectError(
      await query(
        20250301,
        20250302,
        Array.from({ length: 51 }, (_, i) => `u${i}`),
      ),
      400,
      1220001,
      /user_ids/,
    );
  });
});

describe('fault injection (FaultInjector before handling)', () => {
  it('answers server_error with 500/503 pages or the documented JSON, and resets connections', async () => {
    emulator.faults.configure([{ endpoint: `GET ${A}/groups`, kind: 'server_error', probability: 1 }]);
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) statuses.add((await api('GET', `${A}/groups`)).status);
    expect([...statuses].sort()).toEqual([500, 503]);
    emulator.faults.configure([{ endpoint: `GET ${A}/shifts`, kind: 'connection_reset', probability: 1, maxCount: 1 }]);
    await expect(api('GET', `${A}/shifts`)).rejects.toThrow();
    expect((await api('GET', `${A}/shifts`)).status).toBe(200);
  });

  it('response_lost: creates the shift, then drops the connection instead of answering', async () => {
    // Through the admin API, as an out-of-process test would set it.
    const put = await api('PUT', '/__emulator/faults', {
      auth: null,
      body: { rules: [{ endpoint: `POST ${A}/shifts`, kind: 'response_lost', probability: 1, maxCount: 1 }] },
    });
    expect(put.status).toBe(200);
    const shift = { shift_name: '丢失应答班', punch_times: 1, punch_time_rule: [segment()] };
    await expect(createShift(shift)).rejects.toThrow();
    // The vendor did it: the shift exists, and a retry of the same create is refused as a duplicate name.
    expect(emulator.shifts().filter((s) => s['shift_name'] === '丢失应答班')).toHaveLength(1);
    expectError(await createShift(shift), 400, 1220600, 'the object already exists');
    const lost = emulator.requests.list().filter((r) => r.fault === 'response_lost');
    expect(lost).toEqual([expect.objectContaining({ method: 'POST', path: `${A}/shifts`, status: 0, code: 0 })]);
    expect(emulator.calls().find((c) => c.fault === 'response_lost')?.body).toMatchObject({ shift_name: '丢失应答班' });
    expect((await api('GET', '/__emulator/stats', { auth: null })).body.faults.response_lost).toBe(1);
  });

  it('response_lost on a refused call loses the refusal too, and logs the code it would have sent', async () => {
    emulator.faults.configure([{ endpoint: `POST ${A}/shifts`, kind: 'response_lost', probability: 1, maxCount: 1 }]);
    await expect(createShift({ shift_name: 'x', punch_times: 1, punch_time_rule: [] })).rejects.toThrow();
    expect(emulator.shifts().some((s) => s['shift_name'] === 'x')).toBe(false);
    expect(emulator.requests.list().at(-1)).toMatchObject({ status: 0, code: 1220001, fault: 'response_lost' });
  });

  it('injects the rate-limit signal and a token expiry that really revokes the token', async () => {
    emulator.faults.configure([
      { endpoint: `GET ${A}/groups`, kind: 'rate_limit', probability: 1, maxCount: 1 },
      { endpoint: `GET ${A}/shifts`, kind: 'token_expiry', probability: 1, maxCount: 1 },
    ]);
    const limited = await api('GET', `${A}/groups`);
    expect([limited.status, limited.headers.get('x-ogw-ratelimit-reset'), limited.body.code]).toEqual([
      429,
      '1',
      99991400,
    ]);
    expectError(await api('GET', `${A}/shifts`), 400, 99991663);
    expectError(await api('GET', `${A}/groups`), 400, 99991663);
    expect((await issueToken()).body.tenant_access_token).not.toBe(token);
  });
});

describe('admin API (/__emulator)', () => {
  it('configures faults, reports stats and requests, resets and expires tokens', async () => {
    const put = await api('PUT', '/__emulator/faults', {
      auth: null,
      body: { rules: [{ endpoint: `GET ${A}/groups`, kind: 'server_error', probability: 1, maxCount: 2 }], seed: 3 },
    });
    expect(put.status).toBe(200);
    for (let i = 0; i < 3; i++) await api('GET', `${A}/groups`);
    const stats = (await api('GET', '/__emulator/stats', { auth: null })).body;
    expect(stats.faults.server_error).toBe(2);
    expect(stats.requests[`GET ${A}/groups`]).toBe(3);
    const requests = (await api('GET', '/__emulator/requests', { auth: null })).body.requests;
    expect(requests.filter((r: { fault: string | null }) => r.fault === 'server_error')).toHaveLength(2);
    expect(
      (await api('PUT', '/__emulator/faults', { auth: null, body: { rules: [{ kind: 'boom', probability: 1 }] } }))
        .status,
    ).toBe(400);
    expect((await api('DELETE', '/__emulator/faults', { auth: null })).status).toBe(200);

    await saveGroup(fixedGroup());
    expect(emulator.groups()).toHaveLength(4);
    expect((await api('POST', '/__emulator/reset', { auth: null })).status).toBe(200);
    expect(emulator.groups()).toHaveLength(3);
    token = (await issueToken()).body.tenant_access_token;
    expect((await api('POST', '/__emulator/expire-tokens', { auth: null })).status).toBe(200);
    expectError(await api('GET', `${A}/groups`), 400, 99991663);
  });
});

describe('sample company', () => {
  it('has all three group types with a split, an overnight and a flexible shift', () => {
    const groups = Object.fromEntries(emulator.groups().map((g) => [g['group_name'], g]));
    expect(groups[SAMPLE_GROUP_NAMES.fixed]?.['group_type']).toBe(0);
    expect(groups[SAMPLE_GROUP_NAMES.shiftBased]?.['group_type']).toBe(2);
    expect(groups[SAMPLE_GROUP_NAMES.free]?.['group_type']).toBe(3);
    const week = groups[SAMPLE_GROUP_NAMES.fixed]?.['punch_day_shift_ids'] as string[];
    expect(week).toHaveLength(7);
    expect(week.slice(5)).toEqual(['0', '0']);
    const shifts = Object.fromEntries(emulator.shifts().map((s) => [s['shift_name'], s]));
    expect(
      (shifts[SAMPLE_SHIFT_NAMES.standard]?.['punch_time_rule'] as object[]).map((r) => [
        r['on_time' as keyof object],
        r['off_time' as keyof object],
      ]),
    ).toEqual([
      ['9:00', '12:00'],
      ['13:30', '18:00'],
    ]);
    expect((shifts[SAMPLE_SHIFT_NAMES.night]?.['punch_time_rule'] as { off_time: string }[])[0]?.off_time).toBe(
      '30:00',
    );
    expect(shifts[SAMPLE_SHIFT_NAMES.flexible]).toMatchObject({
      is_flexible: true,
      flexible_rule: [{ flexible_early_minutes: 60, flexible_late_minutes: 60 }],
    });
    const locations = emulator
      .groups()
      .flatMap((g) => g['locations'] as { location_type: number; map_type?: number }[]);
    expect(locations.some((l) => l.location_type === 1 && l.map_type === 1)).toBe(true);
    expect(locations.some((l) => l.location_type === 1 && l.map_type === 2)).toBe(true);
    expect(locations.some((l) => l.location_type === 2)).toBe(true);
  });

  it('rosters the 排班 group over the current and next month (from the first punch day on), with rest days', () => {
    // Today is 2025-03-12; the two weeks of punches start on 2025-02-27, so February is rostered too.
    const months = new Set(emulator.dailyShifts().map((e) => e.month));
    expect(months).toEqual(new Set([202502, 202503, 202504]));
    expect(emulator.dailyShifts().filter((e) => e.month === 202504 && e.user_id === 'e2001')).toHaveLength(30);
    expect(emulator.dailyShifts().some((e) => e.shift_id === '0')).toBe(true);
  });

  it('has two weeks of punches for everyone, ending now by the emulator clock', () => {
    const times = emulator.flows().map((f) => Number(f['check_time']));
    expect(Math.max(...times)).toBeLessThanOrEqual(START / 1000);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START / 1000 - 14 * 86400);
    const punchers = new Set(emulator.flows().map((f) => f['user_id']));
    expect(punchers.size).toBe(14);
  });

  it('can start empty (the directory of people stays)', async () => {
    const empty = new FeishuEmulator({ sampleCompany: false });
    expect([empty.groups(), empty.shifts(), empty.flows(), empty.dailyShifts()]).toEqual([[], [], [], []]);
  });
});
