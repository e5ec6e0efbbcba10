import { VendorError } from '@app/kernel';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../../../../apps/emulators/src/sample-company/people.js';
import {
  FeishuEmulator,
  type FeishuEmulatorOptions,
  SAMPLE_GROUP_NAMES,
  SAMPLE_SHIFT_NAMES,
} from '../../../../apps/emulators/src/feishu/index.js';
import { VirtualClock } from '../../test/virtual-clock.js';
import { FeishuClient, type FeishuUserFlowImport } from './feishu.client.js';
import type { FeishuClientEvent, FeishuClientOptions } from './feishu-client.options.js';

// The client against the Feishu emulator over HTTP. Client and emulator share a virtual clock, so waits
// (backoff, Feishu's x-ogw-ratelimit-reset, our own pacing) are asserted by what was asked for, not timed.

const A = '/open-apis/attendance/v1';
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

interface Harness {
  readonly clock: VirtualClock;
  readonly emulator: FeishuEmulator;
  readonly client: FeishuClient;
  readonly events: FeishuClientEvent[];
}

const servers: RunningServer[] = [];

async function harness(
  options: { emulator?: FeishuEmulatorOptions; client?: Partial<FeishuClientOptions> } = {},
): Promise<Harness> {
  const clock = new VirtualClock();
  const emulator = new FeishuEmulator({ seed: 11, clock: () => clock.now(), ...options.emulator });
  const server = await emulator.listen();
  servers.push(server);
  const events: FeishuClientEvent[] = [];
  const client = new FeishuClient({
    appId: SAMPLE_CREDENTIALS.feishu.appId,
    appSecret: SAMPLE_CREDENTIALS.feishu.appSecret,
    baseUrl: server.url,
    employeeType: 'employee_id',
    deptType: 'open_id',
    clock,
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
    onEvent: (event) => events.push(event),
    ...options.client,
  });
  return { clock, emulator, client, events };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function groupId(emulator: FeishuEmulator, name: string): string {
  return emulator.groups().find((g) => g['group_name'] === name)?.['group_id'] as string;
}

function shiftId(emulator: FeishuEmulator, name: string): string {
  return emulator.shifts().find((s) => s['shift_name'] === name)?.['shift_id'] as string;
}

function callsTo(emulator: FeishuEmulator, endpoint: string) {
  return emulator.calls().filter((call) => call.endpoint === endpoint);
}

async function failureOf(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

function punches(count: number, clock: VirtualClock): FeishuUserFlowImport[] {
  const base = Math.floor(clock.now() / 1000) - 86_400;
  return Array.from({ length: count }, (_, i) => ({
    user_id: 'e1002',
    creator_id: 'e1002',
    location_name: '上海总部',
    check_time: String(base + i * 60),
    comment: 'imported from WeCom',
    idempotent_id: `wecom-zhangwei-${base + i * 60}`,
    external_id: `wecom-${i}`,
  }));
}

describe('FeishuClient: tenant token', () => {
  it('fetches one token and reuses it across calls', async () => {
    const { client, emulator } = await harness();
    const id = groupId(emulator, SAMPLE_GROUP_NAMES.fixed);
    await Promise.all([client.getGroup(id), client.getGroup(id), client.searchGroups('总部')]);
    await client.getGroup(id);
    expect(callsTo(emulator, `POST ${TOKEN_PATH}`)).toHaveLength(1);
  });

  it('recovers from tokens expired mid-run without a failed call surfacing', async () => {
    const { client, emulator, events } = await harness();
    const id = groupId(emulator, SAMPLE_GROUP_NAMES.fixed);
    expect((await client.getGroup(id)).group_type).toBe(0);
    emulator.expireTokens();
    expect((await client.getGroup(id)).group_id).toBe(id);
    expect(events.filter((e) => e.type === 'token_rejected')).toEqual([
      { type: 'token_rejected', endpoint: `GET ${A}/groups/:group_id`, vendorCode: 99991663 },
    ]);
    expect(callsTo(emulator, `POST ${TOKEN_PATH}`)).toHaveLength(2);
    expect(emulator.requests.list().map((r) => r.code)).toContain(99991663);
  });

  it('recovers from an injected token_expiry fault', async () => {
    const { client, emulator, events } = await harness();
    emulator.faults.configure([
      { endpoint: `GET ${A}/shifts/:shift_id`, kind: 'token_expiry', probability: 1, maxCount: 1 },
    ]);
    const shift = await client.getShift(shiftId(emulator, SAMPLE_SHIFT_NAMES.night));
    expect(shift.punch_time_rule[0]?.off_time).toBe('30:00');
    expect(events.map((e) => e.type)).toContain('token_rejected');
    expect(emulator.faults.stats().token_expiry).toBe(1);
  });

  it('refreshes the token shortly before it expires, getting a new one from Feishu', async () => {
    const { client, emulator, clock, events } = await harness();
    await client.listShifts().next();
    clock.advance((7200 - 299) * 1000);
    await client.listShifts().next();
    const tokens = callsTo(emulator, `POST ${TOKEN_PATH}`);
    expect(tokens).toHaveLength(2);
    expect(events.filter((e) => e.type === 'token_issued')).toEqual([
      { type: 'token_issued', expiresInSeconds: 7200 },
      { type: 'token_issued', expiresInSeconds: 7200 },
    ]);
    expect(events.some((e) => e.type === 'token_rejected')).toBe(false);
  });

  it('surfaces bad credentials as an auth error that carries neither secret nor token', async () => {
    const { client, emulator } = await harness({ client: { appSecret: 'not-the-secret' } });
    const error = await failureOf(client.getGroup(groupId(emulator, SAMPLE_GROUP_NAMES.fixed)));
    expect(error).toMatchObject({
      kind: 'auth',
      vendorCode: 99991543,
      httpStatus: 400,
      endpoint: `POST ${TOKEN_PATH}`,
    });
    expect(error.logId).toMatch(/^\d{14}/);
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('not-the-secret');
    expect(text).not.toMatch(/t-g[0-9a-f]{10}/);
  });
});

describe('FeishuClient: rate limits (REFERENCE A3)', () => {
  it('honours 429: pauses the endpoint for x-ogw-ratelimit-reset seconds, then succeeds', async () => {
    const { client, emulator, clock, events } = await harness({
      emulator: { rateLimits: { [`POST ${A}/user_flows/batch_create`]: [{ limit: 2, windowMs: 1000 }] } },
    });
    const saved = await client.batchCreateUserFlows(punches(130, clock));
    expect(saved).toHaveLength(130);
    expect(events.filter((e) => e.type === 'rate_limited')).toEqual([
      { type: 'rate_limited', endpoint: `POST ${A}/user_flows/batch_create`, pauseMs: 1000, limit: 2 },
    ]);
    // The client waited (on its clock) at least the second Feishu asked for before sending again.
    expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(1000);
    const statuses = callsTo(emulator, `POST ${A}/user_flows/batch_create`).map((c) => c.status);
    expect(statuses).toEqual([200, 200, 429, 200]);
  });

  it('honours an injected 429 on a read', async () => {
    const { client, emulator, events } = await harness();
    emulator.faults.configure([{ endpoint: `GET ${A}/groups`, kind: 'rate_limit', probability: 1, maxCount: 1 }]);
    const names: string[] = [];
    for await (const group of client.listGroups()) names.push(group.group_name);
    expect(names).toHaveLength(3);
    expect(events.find((e) => e.type === 'rate_limited')).toMatchObject({ pauseMs: 1000, limit: 50 });
  });

  it('retries a throttled non-idempotent create: the refused call was never executed', async () => {
    const { client, emulator } = await harness();
    emulator.faults.configure([{ endpoint: `POST ${A}/shifts`, kind: 'rate_limit', probability: 1, maxCount: 1 }]);
    const shift = await client.createShift({
      shift_name: '中班',
      punch_times: 1,
      punch_time_rule: [
        {
          on_time: '13:00',
          off_time: '21:00',
          late_minutes_as_late: 5,
          late_minutes_as_lack: 60,
          on_advance_minutes: 60,
          early_minutes_as_early: 5,
          early_minutes_as_lack: 60,
          off_delay_minutes: 60,
        },
      ],
    });
    expect(shift.shift_name).toBe('中班');
    expect(emulator.shifts().filter((s) => s['shift_name'] === '中班')).toHaveLength(1);
  });

  it('paces each endpoint to 50 requests/s by default', async () => {
    const { client, emulator, clock } = await harness();
    const id = groupId(emulator, SAMPLE_GROUP_NAMES.fixed);
    for (let i = 0; i < 5; i++) await client.getGroup(id);
    const times = callsTo(emulator, `GET ${A}/groups/:group_id`).map((c) => c.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(20);
    expect(clock.sleeps.length).toBeGreaterThan(0);
  });
});

describe('FeishuClient: pagination and batching', () => {
  it('iterates every page of groups (5 pages of 1)', async () => {
    const { client, emulator } = await harness();
    const standard = shiftId(emulator, SAMPLE_SHIFT_NAMES.standard);
    for (const name of ['分公司A', '分公司B']) {
      await client.createOrUpdateGroup({
        group_name: name,
        time_zone: 'Asia/Shanghai',
        group_leader_ids: ['e1001'],
        group_type: 1,
        punch_day_shift_ids: [standard, standard, standard, standard, standard, '0', '0'],
        calendar_id: 1,
      });
    }
    const names: string[] = [];
    for await (const group of client.listGroups({ pageSize: 1 })) names.push(group.group_name);
    expect(names).toEqual([
      SAMPLE_GROUP_NAMES.fixed,
      SAMPLE_GROUP_NAMES.shiftBased,
      SAMPLE_GROUP_NAMES.free,
      '分公司A',
      '分公司B',
    ]);
    const pages = callsTo(emulator, `GET ${A}/groups`);
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.query['page_size'])).toEqual(['1', '1', '1', '1', '1']);
    expect(pages[0]?.query).not.toHaveProperty('page_token');
    expect(pages[4]?.query['page_token']).toBeTruthy();
  });

  it('lists members with member_clock_type 0 sent, not dropped', async () => {
    const { client, emulator } = await harness();
    const users: string[] = [];
    for await (const user of client.listGroupUsers(groupId(emulator, SAMPLE_GROUP_NAMES.free), { pageSize: 2 }))
      users.push(user.user_id);
    expect(users).toEqual(['e3001', 'e3002', 'e3003', 'e3004']);
    expect(callsTo(emulator, `GET ${A}/groups/:group_id/list_user`)[0]?.query['member_clock_type']).toBe('0');
  });

  it('sends 130 punches as 50 + 50 + 30, each with its idempotent_id, and a repeat imports nothing twice', async () => {
    const { client, emulator, clock } = await harness();
    const before = emulator.flows().length;
    const records = punches(130, clock);
    await client.batchCreateUserFlows(records);
    const batches = callsTo(emulator, `POST ${A}/user_flows/batch_create`).map(
      (call) => (call.body as { flow_records: { idempotent_id: string }[] }).flow_records,
    );
    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 30]);
    expect(batches.flat().every((record) => record.idempotent_id.startsWith('wecom-'))).toBe(true);
    expect(emulator.flows().length).toBe(before + 130);
  });

  it('refuses to import a punch without an idempotent_id, before sending anything', async () => {
    const { client, emulator, clock } = await harness();
    const [record] = punches(1, clock);
    const error = await failureOf(client.batchCreateUserFlows([{ ...record!, idempotent_id: '' }]));
    expect(error).toMatchObject({ kind: 'invalid_request', vendorCode: null });
    expect(error.message).toContain('flow_records[0].idempotent_id');
    expect(callsTo(emulator, `POST ${A}/user_flows/batch_create`)).toHaveLength(0);
  });

  it('queries 120 users × 35 days of rosters as ≤ 50-user, ≤ 30-day calls', async () => {
    const { client, emulator } = await harness();
    const workers = ['e2001', 'e2002', 'e2003', 'e2004'];
    const userIds = [...workers, ...Array.from({ length: 116 }, (_, i) => `x${i}`)];
    // 2025-03-01 … 2025-04-04: 35 days.
    const rosters = await client.queryUserDailyShifts({ userIds, checkDateFrom: 20250301, checkDateTo: 20250404 });
    const calls = callsTo(emulator, `POST ${A}/user_daily_shifts/query`).map(
      (call) => call.body as { user_ids: string[]; check_date_from: number; check_date_to: number },
    );
    expect(calls.map((c) => [c.user_ids.length, c.check_date_from, c.check_date_to])).toEqual([
      [50, 20250301, 20250330],
      [50, 20250331, 20250404],
      [50, 20250301, 20250330],
      [50, 20250331, 20250404],
      [20, 20250301, 20250330],
      [20, 20250331, 20250404],
    ]);
    expect(new Set(calls.flatMap((c) => c.user_ids)).size).toBe(120);
    // The sample rosters cover March and April for the four factory workers: 4 × 35 days.
    expect(rosters).toHaveLength(4 * 35);
  });

  it('queries punches over [from, to), 50 users per call', async () => {
    const { client, emulator, clock } = await harness();
    const to = Math.floor(clock.now() / 1000);
    const userIds = ['e2001', ...Array.from({ length: 60 }, (_, i) => `x${i}`)];
    const flows = await client.queryUserFlows({
      userIds,
      checkTimeFrom: String(to - 3 * 86_400),
      checkTimeTo: String(to),
    });
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((f) => f.user_id === 'e2001' && Number(f.check_time) < to)).toBe(true);
    expect(
      callsTo(emulator, `POST ${A}/user_flows/query`).map((c) => (c.body as { user_ids: string[] }).user_ids.length),
    ).toEqual([50, 11]);
  });

  it('deletes imported punches 10 per call, reporting what could not be deleted', async () => {
    const { client, emulator, clock } = await harness();
    const saved = await client.batchCreateUserFlows(punches(12, clock));
    const userPunch = emulator.flows().find((f) => f['type'] === 0)?.['record_id'] as string;
    const result = await client.batchDeleteUserFlows([...saved.map((f) => f.record_id), userPunch]);
    expect(result.deletedRecordIds).toHaveLength(12);
    expect(result.failures).toEqual([{ recordId: userPunch, reason: expect.stringContaining('imported') }]);
    expect(
      callsTo(emulator, `POST ${A}/user_flows/batch_del`).map(
        (c) => (c.body as { record_ids: string[] }).record_ids.length,
      ),
    ).toEqual([10, 3]);
  });

  it('surfaces the code-0 partial failure of user_daily_shifts/batch_create per user and day', async () => {
    const { client, emulator } = await harness();
    const group = groupId(emulator, SAMPLE_GROUP_NAMES.shiftBased);
    const night = shiftId(emulator, SAMPLE_SHIFT_NAMES.night);
    const result = await client.batchCreateUserDailyShifts([
      { group_id: group, shift_id: night, month: 202504, user_id: 'e2001', day_no: 7 },
      { group_id: group, shift_id: night, month: 202504, user_id: 'e1001', day_no: 7 },
      { group_id: group, shift_id: '0', month: 202504, user_id: 'e1001', day_no: 8 },
    ]);
    expect(result.applied).toEqual([{ group_id: group, shift_id: night, month: 202504, user_id: 'e2001', day_no: 7 }]);
    expect(result.rejected).toEqual([{ userId: 'e1001', days: ['20250407', '20250408'] }]);
    expect(result.unreadMessages).toEqual([]);
  });
});

describe('FeishuClient: punches Feishu already holds ("the object already exists", REFERENCE A7)', () => {
  const IMPORT = `POST ${A}/user_flows/batch_create`;
  const QUERY = `POST ${A}/user_flows/query`;

  it('takes a repeated import as already imported: the held records come back, nothing is created twice', async () => {
    const { client, emulator, clock, events } = await harness();
    const records = punches(130, clock);
    const first = await client.batchCreateUserFlows(records);
    const count = emulator.flows().length;
    const again = await client.batchCreateUserFlows(records);
    expect(emulator.flows().length).toBe(count);
    expect(again.map((f) => [f.idempotent_id, f.record_id])).toEqual(first.map((f) => [f.idempotent_id, f.record_id]));
    expect(again.map((f) => f.idempotent_id)).toEqual(records.map((r) => r.idempotent_id));
    // Each batch was refused with the documented answer, then read back.
    const refused = callsTo(emulator, IMPORT).slice(3);
    expect(refused.map((c) => [c.status, c.code])).toEqual([
      [400, 1220600],
      [400, 1220600],
      [400, 1220600],
    ]);
    expect(callsTo(emulator, QUERY)).toHaveLength(3);
    expect(events.filter((e) => e.type === 'flows_already_held')).toEqual(
      [50, 50, 30].map((readBack) => ({
        type: 'flows_already_held',
        endpoint: IMPORT,
        readBack,
        unreadIdempotentIds: [],
      })),
    );
  });

  it('imports the new records of a batch whose other records Feishu holds, answering in request order', async () => {
    const { client, emulator, clock } = await harness();
    const records = punches(20, clock);
    const held = await client.batchCreateUserFlows(records.slice(0, 10));
    const count = emulator.flows().length;
    const mixed = [...records.slice(10, 15), ...records.slice(0, 10), ...records.slice(15)];
    const saved = await client.batchCreateUserFlows(mixed);
    expect(emulator.flows().length).toBe(count + 10);
    expect(saved.map((f) => f.idempotent_id)).toEqual(mixed.map((r) => r.idempotent_id));
    expect(saved.slice(5, 15).map((f) => f.record_id)).toEqual(held.map((f) => f.record_id));
    expect(new Set(saved.map((f) => f.record_id)).size).toBe(20);
    // The refused batch of 20, the read-back, then the 10 new ones alone.
    const imports = callsTo(emulator, IMPORT).slice(1);
    expect(imports.map((c) => [(c.body as { flow_records: unknown[] }).flow_records.length, c.code])).toEqual([
      [20, 1220600],
      [10, 0],
    ]);
  });

  it('completes an import whose answer was lost: the retry finds the records held', async () => {
    const { client, emulator, clock } = await harness();
    const before = emulator.flows().length;
    emulator.faults.configure([{ endpoint: IMPORT, kind: 'response_lost', probability: 1, maxCount: 1 }]);
    const records = punches(7, clock);
    const saved = await client.batchCreateUserFlows(records);
    expect(saved.map((f) => f.idempotent_id)).toEqual(records.map((r) => r.idempotent_id));
    expect(emulator.flows().length).toBe(before + 7);
    expect(callsTo(emulator, IMPORT).map((c) => [c.status, c.code])).toEqual([
      [0, 0],
      [400, 1220600],
    ]);
  });

  it('counts a held punch that user_flows/query does not show as imported, leaving it out of the answer', async () => {
    const { client, emulator, clock, events } = await harness();
    const records = punches(5, clock);
    const held = await client.batchCreateUserFlows(records.slice(0, 3));
    // Feishu judged one of them pending: query "returns valid flows only" (REFERENCE A4).
    emulator.editFlow(held[1]!.record_id, (flow) => (flow['check_result'] = 'PendingApproval'));
    const count = emulator.flows().length;
    const saved = await client.batchCreateUserFlows(records);
    expect(emulator.flows().length).toBe(count + 2);
    expect(saved.map((f) => f.idempotent_id)).toEqual(
      [records[0], records[2], records[3], records[4]].map((r) => r!.idempotent_id),
    );
    expect(saved[0]?.record_id).toBe(held[0]?.record_id);
    expect(events.filter((e) => e.type === 'flows_already_held')).toEqual([
      { type: 'flows_already_held', endpoint: IMPORT, readBack: 2, unreadIdempotentIds: [records[1]!.idempotent_id] },
    ]);
  });

  it('still fails on any other refusal, and refuses a repeated idempotent_id before sending', async () => {
    const { client, emulator, clock } = await harness();
    const [record] = punches(1, clock);
    const ghost = await failureOf(client.batchCreateUserFlows([{ ...record!, user_id: 'ghost', creator_id: 'ghost' }]));
    expect(ghost).toMatchObject({ kind: 'invalid_request', vendorCode: 1220004 });
    const twice = await failureOf(client.batchCreateUserFlows([record!, { ...record!, check_time: '1740000000' }]));
    expect(twice).toMatchObject({ kind: 'invalid_request', vendorCode: null });
    expect(twice.message).toContain('flow_records[1].idempotent_id: repeats flow_records[0]');
    expect(callsTo(emulator, IMPORT)).toHaveLength(1);
    expect(callsTo(emulator, QUERY)).toHaveLength(0);
  });
});

describe('FeishuClient: shift lookup by name returns only the exact name', () => {
  const QUERY_SHIFT = `POST ${A}/shifts/query`;
  const shift = (shift_name: string) => ({
    shift_name,
    punch_times: 1,
    punch_time_rule: [
      {
        on_time: '13:00',
        off_time: '21:00',
        late_minutes_as_late: 5,
        late_minutes_as_lack: 60,
        on_advance_minutes: 60,
        early_minutes_as_early: 5,
        early_minutes_as_lack: 60,
        off_delay_minutes: 60,
      },
    ],
  });

  it('does not adopt a look-alike that a fuzzy shifts/query answers', async () => {
    const { client, emulator } = await harness({ emulator: { shiftQueryMatch: 'contains' } });
    // Feishu answers 早班 for "早"; the client must not take it for a shift named "早".
    expect(await client.queryShiftByName('早')).toBeNull();
    expect(callsTo(emulator, QUERY_SHIFT).map((c) => c.status)).toEqual([200]);
    expect(await client.queryShiftByName('不存在')).toBeNull();
    expect((await client.queryShiftByName(SAMPLE_SHIFT_NAMES.early))?.shift_name).toBe(SAMPLE_SHIFT_NAMES.early);
  });

  it('finds the exact name in the shift list when the query answered another shift', async () => {
    const { client, emulator } = await harness({ emulator: { shiftQueryMatch: 'contains' } });
    await client.createShift(shift('中班（周末）'));
    const created = await client.createShift(shift('中班'));
    const found = await client.queryShiftByName('中班');
    expect(found).toMatchObject({ shift_id: created.shift_id, shift_name: '中班' });
    expect(callsTo(emulator, `GET ${A}/shifts`).length).toBeGreaterThan(0);
  });
});

describe('FeishuClient: retries only where repeating is safe', () => {
  it('retries transient 5xx and resets on reads', async () => {
    const { client, emulator, events } = await harness();
    emulator.faults.configure([
      { endpoint: `GET ${A}/groups/:group_id`, kind: 'server_error', probability: 1, maxCount: 2 },
      { endpoint: `GET ${A}/groups/:group_id`, kind: 'connection_reset', probability: 1, maxCount: 1 },
    ]);
    const group = await client.getGroup(groupId(emulator, SAMPLE_GROUP_NAMES.fixed));
    expect(group.group_name).toBe(SAMPLE_GROUP_NAMES.fixed);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.kind)).toEqual([
      'transient',
      'transient',
      'transient',
    ]);
    expect(callsTo(emulator, `GET ${A}/groups/:group_id`)).toHaveLength(4);
  });

  it('gives up after the policy’s attempts with a transient VendorError', async () => {
    const { client, emulator } = await harness();
    emulator.faults.configure([{ endpoint: `GET ${A}/shifts`, kind: 'server_error', probability: 1 }]);
    const error = await failureOf(client.listShifts().next());
    expect(error).toMatchObject({ kind: 'transient', endpoint: `GET ${A}/shifts` });
    expect(callsTo(emulator, `GET ${A}/shifts`)).toHaveLength(4);
  });

  it('does not repeat a shift create whose outcome is unknown', async () => {
    const { client, emulator } = await harness();
    emulator.faults.configure([{ endpoint: `POST ${A}/shifts`, kind: 'server_error', probability: 1, maxCount: 1 }]);
    const error = await failureOf(
      client.createShift({
        shift_name: '中班',
        punch_times: 1,
        punch_time_rule: [
          {
            on_time: '13:00',
            off_time: '21:00',
            late_minutes_as_late: 5,
            late_minutes_as_lack: 60,
            on_advance_minutes: 60,
            early_minutes_as_early: 5,
            early_minutes_as_lack: 60,
            off_delay_minutes: 60,
          },
        ],
      }),
    );
    expect(error.kind).toBe('transient');
    expect(callsTo(emulator, `POST ${A}/shifts`)).toHaveLength(1);
  });

  it('does not repeat a group create, but repeats an overwrite that appends no locations', async () => {
    const { client, emulator } = await harness();
    const standard = shiftId(emulator, SAMPLE_SHIFT_NAMES.standard);
    const group = {
      group_name: '分公司',
      time_zone: 'Asia/Shanghai',
      group_leader_ids: ['e1001'],
      group_type: 1 as const,
      punch_day_shift_ids: [standard, standard, standard, standard, standard, '0', '0'],
      calendar_id: 1,
    };
    emulator.faults.configure([{ endpoint: `POST ${A}/groups`, kind: 'server_error', probability: 1, maxCount: 1 }]);
    expect((await failureOf(client.createOrUpdateGroup(group))).kind).toBe('transient');
    expect(callsTo(emulator, `POST ${A}/groups`)).toHaveLength(1);

    const created = await client.createOrUpdateGroup(group);
    emulator.faults.configure([{ endpoint: `POST ${A}/groups`, kind: 'server_error', probability: 1, maxCount: 1 }]);
    const updated = await client.createOrUpdateGroup({
      ...group,
      group_id: created.group_id,
      group_name: '分公司（新）',
    });
    expect(updated.group_name).toBe('分公司（新）');
    expect(callsTo(emulator, `POST ${A}/groups`)).toHaveLength(4);
  });
});

describe('FeishuClient: typed results and errors', () => {
  it('reads groups, shifts and punches in the READ shape', async () => {
    const { client, emulator } = await harness();
    const fixed = await client.getGroup(groupId(emulator, SAMPLE_GROUP_NAMES.fixed));
    expect(fixed.group_type).toBe(0);
    expect(fixed.punch_day_shift_ids).toHaveLength(7);
    expect(fixed.locations?.map((l) => l.location_type)).toEqual([1, 2]);
    const night = await client.queryShiftByName(SAMPLE_SHIFT_NAMES.night);
    expect(night?.punch_time_rule[0]).toMatchObject({ on_time: '22:00', off_time: '30:00', no_need_on: true });
    expect(await client.queryShiftByName('不存在')).toBeNull();
    const flow = emulator.flows()[0]!;
    expect((await client.getUserFlow(flow['record_id'] as string)).check_time).toBe(flow['check_time']);
  });

  it('speaks employee_no when configured to', async () => {
    const { client, emulator } = await harness({ client: { employeeType: 'employee_no' } });
    const fixed = await client.getGroup(groupId(emulator, SAMPLE_GROUP_NAMES.fixed));
    expect(fixed.group_leader_ids).toEqual(['NO1001']);
    expect(callsTo(emulator, `GET ${A}/groups/:group_id`)[0]?.query).toMatchObject({
      employee_type: 'employee_no',
      dept_type: 'open_id',
    });
  });

  it('turns a refused payload into invalid_request with code, log id and the field', async () => {
    const { client, emulator } = await harness();
    const error = await failureOf(
      client.createOrUpdateGroup({
        group_name: '坏组',
        time_zone: 'Asia/Shanghai',
        group_leader_ids: ['ghost'],
        group_type: 2,
        punch_day_shift_ids: [],
        calendar_id: 1,
      }),
    );
    expect(error).toMatchObject({
      kind: 'invalid_request',
      vendorCode: 1220004,
      httpStatus: 400,
      endpoint: `POST ${A}/groups`,
    });
    expect(error.logId).toMatch(/^\d{14}[0-9A-F]{18}$/);
    expect(emulator.calls().at(-1)).toMatchObject({ status: 400, code: 1220004 });
    expect(error.message).toContain('ghost');
  });

  it('rejects a payload that breaks a documented limit before sending it', async () => {
    const { client, emulator } = await harness();
    const error = await failureOf(
      client.createShift({
        shift_name: '超限班',
        punch_times: 1,
        punch_time_rule: [
          {
            on_time: '9:00',
            off_time: '18:00',
            late_minutes_as_late: 5,
            late_minutes_as_lack: 60,
            on_advance_minutes: 721,
            early_minutes_as_early: 5,
            early_minutes_as_lack: 60,
            off_delay_minutes: 60,
          },
        ],
      }),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', vendorCode: null });
    expect(error.message).toContain('shift.punch_time_rule[0].on_advance_minutes');
    expect(callsTo(emulator, `POST ${A}/shifts`)).toHaveLength(0);
  });

  it('reports a shift still in use, and a missing group, in the taxonomy', async () => {
    const { client, emulator } = await harness();
    const inUse = await failureOf(client.deleteShift(shiftId(emulator, SAMPLE_SHIFT_NAMES.standard)));
    expect(inUse).toMatchObject({ kind: 'invalid_request', vendorCode: 1220600 });
    expect(inUse.message).toContain('shift can not be del');
    expect(await failureOf(client.getGroup('1234567890123456789'))).toMatchObject({
      kind: 'not_found',
      vendorCode: 1220600,
    });
  });

  it('keeps rosters of a non-排班 group out with "the rule cannot arrange!"', async () => {
    const { client, emulator } = await harness();
    const error = await failureOf(
      client.batchCreateUserDailyShifts([
        {
          group_id: groupId(emulator, SAMPLE_GROUP_NAMES.fixed),
          shift_id: '0',
          month: 202504,
          user_id: 'e1001',
          day_no: 1,
        },
      ]),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', vendorCode: 1220600 });
  });
});
