import type { UnreadableRecord } from '@app/kernel';
import { VendorError } from '@app/kernel';
import type { Clock } from '@app/vendor-http';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { SAMPLE_CONTACTS } from '../../../../apps/emulators/src/sample-company/contacts.js';
import { SAMPLE_CREDENTIALS } from '../../../../apps/emulators/src/sample-company/people.js';
import { WecomEmulator, type WecomEmulatorOptions } from '../../../../apps/emulators/src/wecom/index.js';
import type { WecomClientEvent, WecomClientOptions } from '../wecom.options.js';
import { WecomClient } from './wecom.client.js';

// The client's contact reads (docs/vendor/wecom-contact.md) against the WeCom emulator over real HTTP, on one
// virtual clock shared by both (see wecom.client.spec.ts).

class VirtualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }
}

const NOW_MS = Date.UTC(2026, 2, 18, 4, 0, 0);
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
  const log = () =>
    emulator.requests
      .list()
      .map((entry) => `${entry.path.split('/').slice(-2).join('/')}:${entry.code ?? entry.status}`);
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

const zhangwei = SAMPLE_CONTACTS['zhangwei']!;
const lina = SAMPLE_CONTACTS['lina']!;

describe('lookups', () => {
  it('by mobile: found → the userid, nobody → null (46004), malformed → invalid_request (60103)', async () => {
    const { client, log } = await setup();
    expect(await client.getUserIdByMobile(zhangwei.mobile)).toBe('zhangwei');
    expect(await client.getUserIdByMobile('13900000000')).toBeNull();
    const error = await failure(client.getUserIdByMobile('138-abc'));
    expect(error).toEqual(expect.objectContaining({ kind: 'invalid_request', vendorCode: 60103 }));
    expect(error.endpoint).toBe('POST /cgi-bin/user/getuserid');
    expect(log().filter((entry) => entry.startsWith('user/'))).toEqual([
      'user/getuserid:0',
      'user/getuserid:46004',
      'user/getuserid:60103',
    ]);
  });

  it('by email: 企业邮箱 by default, 个人邮箱 with type 2; nobody → null; malformed → invalid_request (60105)', async () => {
    const { client } = await setup();
    expect(await client.getUserIdByEmail(zhangwei.workEmail)).toBe('zhangwei');
    expect(await client.getUserIdByEmail(lina.personalEmail!, 2)).toBe('lina');
    expect(await client.getUserIdByEmail(lina.workEmail, 2)).toBeNull();
    expect(await client.getUserIdByEmail('nobody@sample-tech.cn')).toBeNull();
    expect(await failure(client.getUserIdByEmail('not-an-email'))).toEqual(
      expect.objectContaining({ kind: 'invalid_request', vendorCode: 60105 }),
    );
    // An empty value never reaches WeCom (it would cost a failure of the day budget).
    expect((await failure(client.getUserIdByEmail(''))).vendorCode).toBeNull();
  });

  it('a member outside the visible range is a permission error (60011), not null', async () => {
    const { client } = await setup({ emulator: { contact: { visibleRange: { departmentIds: [3], userids: [] } } } });
    expect(await failure(client.getUserIdByMobile(zhangwei.mobile))).toEqual(
      expect.objectContaining({ kind: 'permission', vendorCode: 60011 }),
    );
    expect(await client.getUserIdByMobile(SAMPLE_CONTACTS['yanglei']!.mobile)).toBe('yanglei');
  });

  it('honours 45009: backs off a jittered minute, then succeeds', async () => {
    const { client, clock, events, log } = await setup({
      emulator: { rateLimits: { getuserid: [{ limit: 2, windowMs: 60_000 }] } },
    });
    for (const person of ['zhangwei', 'lina', 'sunli']) {
      expect(await client.getUserIdByMobile(SAMPLE_CONTACTS[person]!.mobile)).toBe(person);
    }
    expect(events.filter((event) => event.type === 'retry')).toEqual([
      {
        type: 'retry',
        endpoint: 'POST /cgi-bin/user/getuserid',
        attempt: 1,
        delayMs: 67_500,
        kind: 'rate_limit',
        errcode: 45009,
      },
    ]);
    expect(clock.now() - NOW_MS).toBeGreaterThanOrEqual(67_500);
    expect(log().filter((entry) => entry.startsWith('user/'))).toEqual([
      'user/getuserid:0',
      'user/getuserid:0',
      'user/getuserid:45009',
      'user/getuserid:0',
    ]);
  });

  it('a spent day budget of failed lookups ends as a rate_limit error after the retries', async () => {
    const { client } = await setup({ emulator: { contact: { seatLimit: 5 }, tokenTtlSeconds: 86_400 } });
    expect(await client.getUserIdByMobile('13900000001')).toBeNull();
    expect(await client.getUserIdByMobile('13900000002')).toBeNull();
    expect(await failure(client.getUserIdByMobile(zhangwei.mobile))).toEqual(
      expect.objectContaining({ kind: 'rate_limit', vendorCode: 45009 }),
    );
  });
});

describe('user/list_id', () => {
  it('follows the cursor across pages to the end', async () => {
    const { client, emulator } = await setup({ emulator: { contact: { secret: 'contact_sync' } } });
    const rows = await client.listUserIds({ pageSize: 4 });
    expect(rows.map((row) => row.userid).sort()).toEqual(emulator.userIds().sort());
    expect(rows).toContainEqual({ userid: 'chenjing', department: 3 });
    const calls = emulator.calls('list_id');
    expect(calls.map((call) => call.body['limit'])).toEqual([4, 4, 4, 4]);
    expect(calls[0]!.body).not.toHaveProperty('cursor');
    expect(calls.slice(1).every((call) => typeof call.body['cursor'] === 'string')).toBe(true);
  });

  it('refuses a page size off 1–10000 before sending it', async () => {
    const { client, emulator } = await setup({ emulator: { contact: { secret: 'contact_sync' } } });
    expect(await failure(client.listUserIds({ pageSize: 10_001 }))).toEqual(
      expect.objectContaining({ kind: 'invalid_request', vendorCode: null }),
    );
    expect(emulator.calls('list_id')).toEqual([]);
  });

  it('with an app secret: a permission error (48002)', async () => {
    const { client } = await setup();
    expect(await failure(client.listUserIds())).toEqual(
      expect.objectContaining({ kind: 'permission', vendorCode: 48002 }),
    );
  });

  it('a cursor chain that loops is a broken answer, not an endless walk', async () => {
    const { client, emulator } = await setup({ emulator: { contact: { secret: 'contact_sync' } } });
    const page = JSON.stringify({ errcode: 0, errmsg: 'ok', next_cursor: 'again', dept_user: [] });
    emulator.scriptResponse('POST /cgi-bin/user/list_id', { body: page }, 2);
    expect((await failure(client.listUserIds())).message).toContain('next_cursor repeats');
  });
});

describe('departments and members', () => {
  it('lists departments with names and parents, the whole tree or a subtree', async () => {
    const { client } = await setup();
    const all = await client.listDepartments();
    expect(all.map(({ id, name, parentid }) => ({ id, name, parentid }))).toEqual([
      { id: 1, name: '示例科技有限公司', parentid: 0 },
      { id: 2, name: '总部', parentid: 1 },
      { id: 3, name: '工厂', parentid: 1 },
      { id: 4, name: '门店', parentid: 1 },
    ]);
    expect((await client.listDepartments(4)).map((department) => department.id)).toEqual([4]);
    expect(await failure(client.listDepartments(99))).toEqual(
      expect.objectContaining({ kind: 'not_found', vendorCode: 60123 }),
    );
  });

  it('lists the direct members of a department; a new app gets no mobile or email, an old one does', async () => {
    const { client } = await setup();
    const members = await client.listDepartmentMembers(3);
    expect(members.map((member) => [member.userid, member.name, member.status])).toEqual([
      ['chenjing', '陈静', 1],
      ['yanglei', '杨磊', 1],
      ['zhaomin', '赵敏', 1],
      ['huangyong', '黄勇', 1],
    ]);
    expect(members.every((member) => member.mobile === undefined && member.biz_mail === undefined)).toBe(true);

    const old = await setup({ emulator: { contact: { sensitiveFields: true } } });
    const [first] = await old.client.listDepartmentMembers(3);
    expect(first).toEqual(expect.objectContaining({ userid: 'chenjing', mobile: SAMPLE_CONTACTS['chenjing']!.mobile }));
  });

  it('retries a read after an HTML 500, and after an expired token with a fresh one (reads are safe to repeat)', async () => {
    const { client, emulator, log } = await setup({ emulator: { serverErrorStyle: 'html' } });
    emulator.faults.configure([
      { endpoint: 'GET /cgi-bin/department/list', kind: 'server_error', probability: 1, maxCount: 1 },
      { endpoint: 'GET /cgi-bin/user/list', kind: 'token_expiry', probability: 1, maxCount: 1 },
    ]);
    expect((await client.listDepartments()).length).toBe(4);
    expect((await client.listDepartmentMembers(4)).length).toBe(4);
    expect(log().filter((entry) => !entry.includes('gettoken'))).toEqual([
      'department/list:500',
      'department/list:0',
      'user/list:42001',
      'user/list:0',
    ]);
  });

  it('reads one member (user/get): the status of someone a lookup found; null for an unknown userid', async () => {
    const { client, emulator } = await setup({
      emulator: { contact: { visibleRange: { departmentIds: [3], userids: [] } } },
    });
    emulator.addDirectoryMembers([{ ...emulator.directoryMember('yanglei')!, status: 2 }]);
    expect(await client.getUser('yanglei')).toEqual(
      expect.objectContaining({ userid: 'yanglei', name: '杨磊', status: 2, department: [3] }),
    );
    expect(await client.getUser('yanglei')).not.toHaveProperty('errcode');
    expect(await client.getUser('nobody')).toBeNull();
    expect(await failure(client.getUser('zhangwei'))).toEqual(
      expect.objectContaining({ kind: 'permission', vendorCode: 60011 }),
    );
  });

  it('a department outside the visible range is a permission error (60011)', async () => {
    const { client } = await setup({ emulator: { contact: { visibleRange: { departmentIds: [3], userids: [] } } } });
    expect(await failure(client.listDepartmentMembers(2))).toEqual(
      expect.objectContaining({ kind: 'permission', vendorCode: 60011 }),
    );
    expect((await client.listDepartments()).map((department) => department.id)).toEqual([3]);
  });

  it('an unreadable record is set aside with its id and field; the rest of the list is read', async () => {
    const { client, emulator } = await setup();
    emulator.scriptResponse('GET /cgi-bin/department/list', {
      body: JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        department: [
          { id: 1, name: '示例科技有限公司', parentid: 0, order: 1 },
          { id: 5, name: '研发', parentid: '1' },
          { id: 6, name: '市场', parentid: 1, extra: 'kept' },
        ],
      }),
    });
    const setAside: UnreadableRecord[] = [];
    const departments = await client.listDepartments(undefined, { onUnreadable: (record) => setAside.push(record) });
    expect(departments.map((department) => department.id)).toEqual([1, 6]);
    expect(departments[1]).toEqual(expect.objectContaining({ extra: 'kept' }));
    expect(setAside).toEqual([
      expect.objectContaining({
        vendor: 'wecom',
        endpoint: 'GET /cgi-bin/department/list',
        kind: 'department',
        recordId: '5',
        index: 1,
        field: 'parentid',
      }),
    ]);

    emulator.scriptResponse('GET /cgi-bin/user/list', {
      body: JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        userlist: [{ userid: 'a', department: ['x'] }, { userid: 'b' }],
      }),
    });
    setAside.length = 0;
    const members = await client.listDepartmentMembers(2, { onUnreadable: (record) => setAside.push(record) });
    expect(members).toEqual([{ userid: 'b', department: [] }]);
    expect(setAside).toEqual([expect.objectContaining({ recordId: 'a', field: 'department.0' })]);
  });
});
