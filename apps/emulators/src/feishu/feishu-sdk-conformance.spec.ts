import { Client } from '@larksuiteoapi/node-sdk';
import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../sample-company/people.js';
import { FeishuEmulator, SAMPLE_GROUP_NAMES, SAMPLE_SHIFT_NAMES } from './index.js';

// Conformance with a real client: the official Feishu Node SDK (@larksuiteoapi/node-sdk) drives the emulator
// through every attendance API the gateway uses (libs/feishu/src/client/feishu-endpoints.ts) plus
// user_tasks/query. The SDK builds paths, methods, query strings and bodies as it does against Feishu, fetches
// and caches the tenant token itself, returns the body of a 2xx answer and throws (axios) on any other status.
// Each answer must be Feishu's envelope {code, msg, data} with the documented data shape (REFERENCE A4 and the
// per-API docs); each refusal must be that envelope too, with a non-zero code — never a plain-text page.

const A = '/open-apis/attendance/v1';
// Wednesday 2025-03-12 10:00 in Asia/Shanghai.
const START = Date.UTC(2025, 2, 12, 2, 0, 0);
const ID = { employee_type: 'employee_id' } as const;
const ID_DEPT = { employee_type: 'employee_id', dept_type: 'open_id' } as const;
const NUMERIC_ID = /^\d{19}$/;

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

// The sample company's data does not change the SDK's view, so one emulator serves the whole file; rate
// limits are off because the injected clock does not move (the 429 answer has its own case below).
const emulator = new FeishuEmulator({ seed: 5, clock: () => START, rateLimits: false });
let server: RunningServer;
let client: Client;

/**
 * A client with a token cache of its own: node-sdk's default cache is one for the whole process, so a token the
 * emulator was told to forget would stay in every later client's hands.
 */
function newClient(): Client {
  const tokens = new Map<unknown, unknown>();
  return new Client({
    appId: SAMPLE_CREDENTIALS.feishu.appId,
    appSecret: SAMPLE_CREDENTIALS.feishu.appSecret,
    domain: server.url,
    logger: silent,
    cache: {
      set: (key, value) => Promise.resolve(tokens.set(key, value) !== undefined),
      get: (key) => Promise.resolve(tokens.get(key)),
    },
  });
}

beforeAll(async () => {
  server = await emulator.listen();
  client = newClient();
});

afterAll(() => server.close());

afterEach(() => {
  // No call the SDK made may have reached the plain-text 404 of an unknown path.
  expect(emulator.calls().filter((call) => call.status === 404)).toEqual([]);
});

const attendance = () => client.attendance.v1;

function sampleGroupId(name: string): string {
  const group = emulator.groups().find((g) => g['group_name'] === name);
  if (!group) throw new Error(`no sample group ${name}`);
  return group['group_id'] as string;
}

function sampleShiftId(name: string): string {
  const shift = emulator.shifts().find((s) => s['shift_name'] === name);
  if (!shift) throw new Error(`no sample shift ${name}`);
  return shift['shift_id'] as string;
}

/** An answer the SDK returned: code 0, a msg, and `data`. */
function succeeded<T extends { code?: number; msg?: string; data?: unknown }>(answer: T): NonNullable<T['data']> {
  expect(answer).toMatchObject({ code: 0, msg: expect.any(String) });
  expect(answer.data).toBeDefined();
  return answer.data as NonNullable<T['data']>;
}

interface Refusal {
  readonly status: number;
  readonly body: { code: number; msg: string; error?: { log_id?: string } };
}

/** The SDK throws axios errors for non-2xx answers, with the parsed body in `response.data`. */
async function refusal(call: Promise<unknown>): Promise<Refusal> {
  const error: unknown = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  const response = (error as { response?: { status: number; headers: Record<string, unknown>; data: unknown } })
    .response;
  expect(response).toBeDefined();
  const { status, headers, data } = response!;
  expect(String(headers['content-type'])).toMatch(/^application\/json/);
  expect(data).toMatchObject({ code: expect.any(Number), msg: expect.any(String) });
  const body = data as Refusal['body'];
  expect(body.code).not.toBe(0);
  return { status, body };
}

describe('tenant_access_token (REFERENCE A2)', () => {
  it('answers the token at the top level, and the SDK fetches one for all its calls', async () => {
    // A client of its own and the token calls from here: whatever ran before (tests run in any order) fetched
    // tokens of its own.
    client = newClient();
    const before = emulator.calls().length;
    const tokenCalls = () =>
      emulator
        .calls()
        .slice(before)
        .filter((c) => c.endpoint.includes('tenant_access_token')).length;
    const answer = await client.auth.tenantAccessToken.internal({
      data: { app_id: SAMPLE_CREDENTIALS.feishu.appId, app_secret: SAMPLE_CREDENTIALS.feishu.appSecret },
    });
    expect(answer).toMatchObject({ code: 0, msg: 'ok', tenant_access_token: expect.stringMatching(/^t-/) });
    expect((answer as { expire?: unknown }).expire).toBe(7200);
    succeeded(await attendance().group.list({ params: { page_size: 1 } }));
    succeeded(await attendance().shift.list({ params: { page_size: 1 } }));
    // The explicit call above, and the one token the SDK fetched for itself (node-sdk attaches a tenant
    // token to every request, this one included) and reused.
    expect(tokenCalls()).toBe(2);
  });

  it('refuses a wrong secret with 99991543 in the envelope', async () => {
    const { status, body } = await refusal(
      client.auth.tenantAccessToken.internal({
        data: { app_id: SAMPLE_CREDENTIALS.feishu.appId, app_secret: 'not-the-secret' },
      }),
    );
    expect({ status, code: body.code }).toEqual({ status: 400, code: 99991543 });
  });
});

describe('groups', () => {
  it('lists groups by page, as the SDK iterator walks them', async () => {
    const page = succeeded(await attendance().group.list({ params: { page_size: 2 } }));
    expect(page.group_list).toEqual([
      { group_id: expect.stringMatching(NUMERIC_ID), group_name: SAMPLE_GROUP_NAMES.fixed },
      { group_id: expect.stringMatching(NUMERIC_ID), group_name: SAMPLE_GROUP_NAMES.shiftBased },
    ]);
    expect(page).toMatchObject({ has_more: true, page_token: expect.any(String) });
    const names: string[] = [];
    for await (const chunk of await attendance().group.listWithIterator({ params: { page_size: 1 } })) {
      for (const group of chunk?.group_list ?? []) names.push(group.group_name);
    }
    expect(names).toEqual([SAMPLE_GROUP_NAMES.fixed, SAMPLE_GROUP_NAMES.shiftBased, SAMPLE_GROUP_NAMES.free]);
  });

  it('gets a group flat in data, with the read group_type and 7 week days', async () => {
    const id = sampleGroupId(SAMPLE_GROUP_NAMES.fixed);
    const group = succeeded(await attendance().group.get({ path: { group_id: id }, params: ID_DEPT }));
    expect(group).toMatchObject({
      group_id: id,
      group_name: SAMPLE_GROUP_NAMES.fixed,
      group_type: 0,
      time_zone: 'Asia/Shanghai',
      group_leader_ids: ['e1001'],
      effect_time: expect.stringMatching(/^\d+$/),
    });
    expect(group.punch_day_shift_ids).toHaveLength(7);
    expect(group.locations?.map((l) => l.location_id)).toEqual([
      expect.stringMatching(NUMERIC_ID),
      expect.stringMatching(NUMERIC_ID),
    ]);
  });

  it('searches groups by name', async () => {
    const found = succeeded(await attendance().group.search({ data: { group_name: '排班' } }));
    expect(found.group_list).toEqual([
      { group_id: sampleGroupId(SAMPLE_GROUP_NAMES.shiftBased), group_name: SAMPLE_GROUP_NAMES.shiftBased },
    ]);
  });

  it('creates a group (data.group), overwrites it by group_id and deletes it', async () => {
    const standard = sampleShiftId(SAMPLE_SHIFT_NAMES.standard);
    const group = {
      group_name: 'SDK 固定班',
      time_zone: 'Asia/Shanghai',
      group_leader_ids: ['e1001'],
      group_type: 1,
      punch_day_shift_ids: [standard, standard, standard, standard, standard, '0', '0'],
      calendar_id: 1,
    };
    const created = succeeded(await attendance().group.create({ params: ID_DEPT, data: { group } })).group;
    expect(created).toMatchObject({
      group_id: expect.stringMatching(NUMERIC_ID),
      group_name: 'SDK 固定班',
      group_type: 0,
    });
    const id = created!.group_id!;
    const updated = succeeded(
      await attendance().group.create({
        params: ID_DEPT,
        data: { group: { ...group, group_id: id, group_name: 'SDK 改名' } },
      }),
    ).group;
    expect(updated).toMatchObject({ group_id: id, group_name: 'SDK 改名' });
    expect(succeeded(await attendance().group.delete({ path: { group_id: id } }))).toEqual({});
    const gone = await refusal(attendance().group.get({ path: { group_id: id }, params: ID_DEPT }));
    expect(gone).toMatchObject({ status: 400, body: { code: 1220600, msg: 'rule not exist' } });
  });

  it('lists the members of a group by member_clock_type', async () => {
    const id = sampleGroupId(SAMPLE_GROUP_NAMES.free);
    const page = succeeded(
      await attendance().group.listUser({ path: { group_id: id }, params: { ...ID_DEPT, member_clock_type: 1 } }),
    );
    expect(page.users?.map((u) => u.user_id)).toEqual(['e3001', 'e3002', 'e3003', 'e3004']);
    expect(page.users?.[0]?.department_ids).toEqual([expect.stringMatching(/^od-/)]);
    expect(page.has_more).toBe(false);
    // 0 (all members) is a real value and arrives: only the SDK's *WithIterator helpers drop falsy params
    // (REFERENCE A11), and list_user has none.
    const all = succeeded(
      await attendance().group.listUser({ path: { group_id: id }, params: { ...ID_DEPT, member_clock_type: 0 } }),
    );
    expect(all.users).toHaveLength(4);
    expect(emulator.calls().at(-1)?.query['member_clock_type']).toBe('0');
  });

  it('refuses an unknown group id, a missing dept_type and a bad group_type in the envelope', async () => {
    const unknown = await refusal(
      attendance().group.get({ path: { group_id: '1234567890123456789' }, params: ID_DEPT }),
    );
    expect(unknown).toMatchObject({ status: 400, body: { code: 1220600, msg: 'rule not exist' } });
    expect(unknown.body.error?.log_id).toMatch(/^\d{14}[0-9A-F]{18}$/);
    const deletedUnknown = await refusal(attendance().group.delete({ path: { group_id: '1234567890123456789' } }));
    expect(deletedUnknown.body.code).toBe(1220600);
    const noDeptType = await refusal(
      attendance().group.get({
        path: { group_id: sampleGroupId(SAMPLE_GROUP_NAMES.fixed) },
        params: { employee_type: 'employee_id' } as typeof ID_DEPT,
      }),
    );
    expect(noDeptType).toMatchObject({ status: 400, body: { code: 1220001, msg: expect.stringMatching(/dept_type/) } });
    const badType = await refusal(
      attendance().group.create({
        params: ID_DEPT,
        data: {
          group: {
            group_name: '坏组',
            time_zone: 'Asia/Shanghai',
            group_leader_ids: ['e1001'],
            group_type: 0,
            punch_day_shift_ids: [],
            calendar_id: 1,
          },
        },
      }),
    );
    expect(badType).toMatchObject({ status: 400, body: { code: 1220001, msg: expect.stringMatching(/group_type/) } });
  });
});

describe('shifts', () => {
  const segment = {
    on_time: '13:00',
    off_time: '21:00',
    late_minutes_as_late: 5,
    late_minutes_as_lack: 60,
    on_advance_minutes: 60,
    early_minutes_as_early: 5,
    early_minutes_as_lack: 60,
    off_delay_minutes: 60,
  };

  it('creates a shift (data.shift) that get and query answer flat, and list pages', async () => {
    const created = succeeded(
      await attendance().shift.create({
        params: ID,
        data: { shift_name: 'SDK 中班', punch_times: 1, punch_time_rule: [segment] },
      }),
    ).shift;
    expect(created).toMatchObject({
      shift_id: expect.stringMatching(NUMERIC_ID),
      shift_name: 'SDK 中班',
      punch_time_rule: [{ on_time: '13:00', off_time: '21:00', no_need_on: true, no_need_off: true }],
    });
    const id = created!.shift_id;
    const got = succeeded(await attendance().shift.get({ path: { shift_id: id } }));
    expect(got).toMatchObject({ shift_id: id, shift_name: 'SDK 中班', punch_times: 1 });
    const queried = succeeded(await attendance().shift.query({ params: { shift_name: 'SDK 中班' } }));
    expect(queried).toMatchObject({ shift_id: id, shift_name: 'SDK 中班' });
    const page = succeeded(await attendance().shift.list({ params: { page_size: 50 } }));
    expect(page.has_more).toBe(false);
    expect(page).not.toHaveProperty('page_token');
    expect(page.shift_list?.map((s) => s.shift_name)).toEqual([
      SAMPLE_SHIFT_NAMES.standard,
      SAMPLE_SHIFT_NAMES.early,
      SAMPLE_SHIFT_NAMES.night,
      SAMPLE_SHIFT_NAMES.flexible,
      'SDK 中班',
    ]);
    const night = succeeded(await attendance().shift.query({ params: { shift_name: SAMPLE_SHIFT_NAMES.night } }));
    expect(night.punch_time_rule?.[0]).toMatchObject({ on_time: '22:00', off_time: '30:00' });
  });

  it('deletes an unused shift, and refuses one a group still uses', async () => {
    const created = succeeded(
      await attendance().shift.create({
        params: ID,
        data: { shift_name: 'SDK 临时班', punch_times: 1, punch_time_rule: [segment] },
      }),
    ).shift;
    expect(succeeded(await attendance().shift.delete({ path: { shift_id: created!.shift_id } }))).toEqual({});
    const inUse = await refusal(
      attendance().shift.delete({ path: { shift_id: sampleShiftId(SAMPLE_SHIFT_NAMES.standard) } }),
    );
    expect(inUse).toMatchObject({ status: 400, body: { code: 1220600, msg: 'shift can not be del' } });
  });

  it('refuses an unknown shift, an unknown name, a taken name and a missing shift_name in the envelope', async () => {
    expect(await refusal(attendance().shift.get({ path: { shift_id: '1234567890123456789' } }))).toMatchObject({
      status: 400,
      body: { code: 1220600, msg: 'shift does not exist' },
    });
    expect(await refusal(attendance().shift.query({ params: { shift_name: '不存在的班' } }))).toMatchObject({
      status: 400,
      body: { code: 1220600, msg: 'shift does not exist' },
    });
    const taken = await refusal(
      attendance().shift.create({
        params: ID,
        data: { shift_name: SAMPLE_SHIFT_NAMES.early, punch_times: 1, punch_time_rule: [segment] },
      }),
    );
    expect(taken).toMatchObject({ status: 400, body: { code: 1220600, msg: 'the object already exists' } });
    // shift_name is required: an empty one is refused as missing.
    expect(await refusal(attendance().shift.query({ params: { shift_name: '' } }))).toMatchObject({
      status: 400,
      body: { code: 1220001 },
    });
  });
});

describe('user_flows', () => {
  const at = (time: string) => String(Date.parse(`2025-03-11T${time}:00+08:00`) / 1000);
  const record = (idempotentId: string, time: string) => ({
    user_id: 'e1003',
    creator_id: 'e1003',
    location_name: 'SDK 导入',
    check_time: at(time),
    comment: '',
    idempotent_id: idempotentId,
    external_id: `ext-${idempotentId}`,
  });

  it('imports punches (data.flow_records) that query then returns over [from, to)', async () => {
    const imported = succeeded(
      await attendance().userFlow.batchCreate({
        params: ID,
        data: { flow_records: [record('sdk-1', '20:00'), record('sdk-2', '20:30')] },
      }),
    ).flow_records;
    expect(imported).toEqual([
      expect.objectContaining({
        record_id: expect.stringMatching(NUMERIC_ID),
        user_id: 'e1003',
        check_time: at('20:00'),
        type: 7,
        idempotent_id: 'sdk-1',
      }),
      expect.objectContaining({ idempotent_id: 'sdk-2', check_time: at('20:30') }),
    ]);
    const found = succeeded(
      await attendance().userFlow.query({
        params: ID,
        data: { user_ids: ['e1003'], check_time_from: at('20:00'), check_time_to: at('20:30') },
      }),
    ).user_flow_results;
    expect(found?.filter((f) => f.idempotent_id?.startsWith('sdk-')).map((f) => f.idempotent_id)).toEqual(['sdk-1']);
  });

  it('gets one punch flat and deletes imported ones, reporting the others', async () => {
    const [imported] =
      succeeded(
        await attendance().userFlow.batchCreate({ params: ID, data: { flow_records: [record('sdk-del', '22:00')] } }),
      ).flow_records ?? [];
    const id = imported!.record_id!;
    const got = succeeded(await attendance().userFlow.get({ path: { user_flow_id: id }, params: ID }));
    expect(got).toMatchObject({ record_id: id, user_id: 'e1003', check_time: at('22:00'), idempotent_id: 'sdk-del' });
    const punched = emulator.flows().find((f) => f['type'] === 0)?.['record_id'] as string;
    const answer = await attendance().userFlow.batchDel({ data: { record_ids: [id, punched] } });
    expect(succeeded(answer)).toEqual({ success_record_ids: [id], fail_record_ids: [punched] });
    // Partial failure: code 0 with the reasons in msg ([NS-ATT] comment, REFERENCE A4).
    expect(JSON.parse(answer.msg!)).toEqual({ [punched]: expect.any(String) });
    const gone = await refusal(attendance().userFlow.get({ path: { user_flow_id: id }, params: ID }));
    expect(gone).toMatchObject({ status: 400, body: { code: 1220600, msg: 'rule does not exist' } });
  });

  it('refuses a held idempotent_id with "the object already exists", and more than 50 records', async () => {
    await attendance().userFlow.batchCreate({ params: ID, data: { flow_records: [record('sdk-held', '21:00')] } });
    const repeat = await refusal(
      attendance().userFlow.batchCreate({ params: ID, data: { flow_records: [record('sdk-held', '21:00')] } }),
    );
    expect(repeat).toMatchObject({ status: 400, body: { code: 1220600, msg: 'the object already exists' } });
    const many = Array.from({ length: 51 }, (_, i) => record(`sdk-many-${i}`, '21:30'));
    expect(
      await refusal(attendance().userFlow.batchCreate({ params: ID, data: { flow_records: many } })),
    ).toMatchObject({ status: 400, body: { code: 1220600, msg: 'operate too much flow' } });
  });

  it('refuses a bad query parameter and a bad body in the envelope', async () => {
    const noType = await refusal(
      attendance().userFlow.query({
        params: {} as typeof ID,
        data: { user_ids: ['e1003'], check_time_from: at('08:00'), check_time_to: at('09:00') },
      }),
    );
    expect(noType).toMatchObject({ status: 400, body: { code: 1220001, msg: expect.stringMatching(/employee_type/) } });
    const badTime = await refusal(
      attendance().userFlow.query({
        params: ID,
        data: { user_ids: ['e1003'], check_time_from: '2025-03-11', check_time_to: at('09:00') },
      }),
    );
    expect(badTime).toMatchObject({ status: 400, body: { code: 1220001 } });
  });
});

// node-sdk sends POST /open-apis/attendance/v1/user_tasks/query, the documented path and method; the emulator
// used to have no route for it (the gateway's client does not call it), so its catch-all for unknown paths
// answered the plain-text 404.
describe('user_tasks/query (the SDK path that used to meet a plain-text 404)', () => {
  it('answers user_task_results with records per shift segment', async () => {
    const data = succeeded(
      await attendance().userTask.query({
        params: { ...ID, ignore_invalid_users: true },
        data: { user_ids: ['e1002', 'ghost'], check_date_from: 20250310, check_date_to: 20250311 },
      }),
    );
    expect(data.invalid_user_ids).toEqual(['ghost']);
    expect(data.unauthorized_user_ids).toEqual([]);
    const results = data.user_task_results ?? [];
    expect(results.map((r) => [r.user_id, r.day, r.shift_id])).toEqual([
      ['e1002', 20250310, sampleShiftId(SAMPLE_SHIFT_NAMES.standard)],
      ['e1002', 20250311, sampleShiftId(SAMPLE_SHIFT_NAMES.standard)],
    ]);
    expect(results[0]).toMatchObject({
      result_id: expect.stringMatching(NUMERIC_ID),
      employee_name: '王芳',
      group_id: sampleGroupId(SAMPLE_GROUP_NAMES.fixed),
    });
    // 标准班 is two segments; the sample punches are on time.
    expect(results[0]?.records).toHaveLength(2);
    expect(results[0]?.records[0]).toMatchObject({
      check_in_record_id: expect.stringMatching(NUMERIC_ID),
      check_in_record: { user_id: 'e1002', check_time: expect.stringMatching(/^\d+$/) },
      check_in_result: 'Normal',
      check_out_result: 'Normal',
      check_in_shift_time: String(Date.parse('2025-03-10T09:00:00+08:00') / 1000),
      task_shift_type: 0,
    });
  });

  it('refuses invalid users by default, and a missing employee_type, in the envelope', async () => {
    const strict = await refusal(
      attendance().userTask.query({
        params: ID,
        data: { user_ids: ['ghost'], check_date_from: 20250310, check_date_to: 20250311 },
      }),
    );
    expect(strict).toMatchObject({ status: 400, body: { code: 1220004, msg: expect.stringMatching(/ghost/) } });
    const noType = await refusal(
      attendance().userTask.query({
        params: {} as typeof ID,
        data: { user_ids: ['e1002'], check_date_from: 20250310, check_date_to: 20250311 },
      }),
    );
    expect(noType.body.code).toBe(1220001);
  });
});

describe('user_daily_shifts', () => {
  it('writes roster days and reads them back', async () => {
    const group = sampleGroupId(SAMPLE_GROUP_NAMES.shiftBased);
    const night = sampleShiftId(SAMPLE_SHIFT_NAMES.night);
    const written = succeeded(
      await attendance().userDailyShift.batchCreate({
        params: ID,
        data: {
          user_daily_shifts: [
            { group_id: group, shift_id: night, month: 202504, user_id: 'e2002', day_no: 9 },
            { group_id: group, shift_id: '0', month: 202504, user_id: 'e2002', day_no: 10 },
          ],
        },
      }),
    );
    expect(written.user_daily_shifts).toEqual([
      { group_id: group, shift_id: night, month: 202504, user_id: 'e2002', day_no: 9 },
      { group_id: group, shift_id: '0', month: 202504, user_id: 'e2002', day_no: 10 },
    ]);
    const read = succeeded(
      await attendance().userDailyShift.query({
        params: ID,
        data: { user_ids: ['e2002'], check_date_from: 20250409, check_date_to: 20250410 },
      }),
    );
    expect(read.user_daily_shifts?.map((d) => [d.day_no, d.shift_id])).toEqual([
      [9, night],
      [10, '0'],
    ]);
  });

  it('refuses a non-排班 group and a span over 30 days in the envelope', async () => {
    const fixed = await refusal(
      attendance().userDailyShift.batchCreate({
        params: ID,
        data: {
          user_daily_shifts: [
            {
              group_id: sampleGroupId(SAMPLE_GROUP_NAMES.fixed),
              shift_id: '0',
              month: 202504,
              user_id: 'e1001',
              day_no: 1,
            },
          ],
        },
      }),
    );
    expect(fixed).toMatchObject({ status: 400, body: { code: 1220600, msg: 'the rule cannot arrange!' } });
    const long = await refusal(
      attendance().userDailyShift.query({
        params: ID,
        data: { user_ids: ['e2001'], check_date_from: 20250301, check_date_to: 20250331 },
      }),
    );
    expect(long).toMatchObject({ status: 400, body: { code: 1220001 } });
  });
});

describe('throttling and unknown tokens reach the SDK as envelopes', () => {
  it('answers a throttled call with HTTP 429, the ratelimit headers and 99991400', async () => {
    emulator.faults.configure([{ endpoint: `GET ${A}/shifts`, kind: 'rate_limit', probability: 1, maxCount: 1 }]);
    const error: unknown = await attendance()
      .shift.list({ params: { page_size: 1 } })
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );
    emulator.faults.clear();
    const response = (error as { response: { status: number; headers: Record<string, string>; data: unknown } })
      .response;
    expect(response.status).toBe(429);
    expect(response.headers['x-ogw-ratelimit-reset']).toBe('1');
    expect(response.data).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
  });

  it('answers a token the emulator no longer knows with 99991663', async () => {
    // The client holds a token (whichever test ran before), which the emulator then forgets.
    succeeded(await attendance().group.list({ params: { page_size: 1 } }));
    emulator.expireTokens();
    try {
      const rejected = await refusal(attendance().group.list({ params: { page_size: 1 } }));
      expect(rejected).toMatchObject({ status: 400, body: { code: 99991663 } });
    } finally {
      // The tests that run after this one (in any order) need a client holding a token the emulator knows.
      client = newClient();
    }
  });
});
