import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type UnreadableRecord, VendorError } from '@app/kernel';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import {
  type DirectoryUser,
  employeeNoOf,
  FeishuEmulator,
  type FeishuEmulatorOptions,
  SAMPLE_MAIL_DOMAIN,
} from '../../../../apps/emulators/src/feishu/index.js';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS } from '../../../../apps/emulators/src/sample-company/people.js';
import { VirtualClock } from '../../test/virtual-clock.js';
import { FeishuClient } from './feishu.client.js';
import type { FeishuClientEvent, FeishuClientOptions } from './feishu-client.options.js';

// The contact lookups of the identity match (docs/vendor/feishu-contact.md) against the Feishu emulator over
// HTTP, on a virtual clock shared by client and emulator.

const C = '/open-apis/contact/v3';
const BATCH_GET_ID = `POST ${C}/users/batch_get_id`;
const FIND_BY_DEPARTMENT = `GET ${C}/users/find_by_department`;
const CHILDREN = `GET ${C}/departments/:department_id/children`;
const HQ = SAMPLE_DEPARTMENTS.headquarters.feishuDepartmentId;
const FACTORY = SAMPLE_DEPARTMENTS.factory.feishuDepartmentId;

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
  const emulator = new FeishuEmulator({ seed: 21, clock: () => clock.now(), ...options.emulator });
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

async function all<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

function person(employeeId: string, extra: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    employeeId,
    employeeNo: employeeNoOf(employeeId),
    name: employeeId,
    departmentId: HQ,
    email: `${employeeId}@${SAMPLE_MAIL_DOMAIN}`,
    ...extra,
  };
}

describe('FeishuClient.batchGetUserIds (users/batch_get_id)', () => {
  it('answers one entry per email and mobile, in order; not found is null, not an error', async () => {
    const { client, emulator } = await harness();
    const matches = await client.batchGetUserIds({
      emails: [`zhangwei@${SAMPLE_MAIL_DOMAIN}`, 'nobody@nowhere.example', `CHENJING@${SAMPLE_MAIL_DOMAIN}`],
      // Mainland mobiles with and without +86 ([F2]); one nobody has.
      mobiles: ['+8613800003001', '13800002002', '+41446681800'],
    });
    expect(matches).toEqual([
      {
        email: `zhangwei@${SAMPLE_MAIL_DOMAIN}`,
        userId: 'e1001',
        status: expect.objectContaining({ is_resigned: false }),
      },
      { email: 'nobody@nowhere.example', userId: null },
      { email: `CHENJING@${SAMPLE_MAIL_DOMAIN}`, userId: 'e2001', status: expect.any(Object) },
      { mobile: '+8613800003001', userId: 'e3001', status: expect.any(Object) },
      { mobile: '13800002002', userId: 'e2002', status: expect.any(Object) },
      { mobile: '+41446681800', userId: null },
    ]);
    const [call] = callsTo(emulator, BATCH_GET_ID);
    expect(call?.query['user_id_type']).toBe('user_id');
    expect(call?.status).toBe(200);
  });

  it('splits 51 emails into calls of 50 + 1 (with the mobiles riding along), and keeps the order', async () => {
    const { client, emulator } = await harness();
    const people = Array.from({ length: 51 }, (_, i) => person(`e5${String(i).padStart(3, '0')}`));
    emulator.addContacts(people);
    const emails = people.map((p) => p.email as string);
    const matches = await client.batchGetUserIds({ emails, mobiles: ['13800001002'] });
    const calls = callsTo(emulator, BATCH_GET_ID);
    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    const bodies = calls.map((c) => c.body as { emails?: string[]; mobiles?: string[] });
    expect(bodies.map((b) => [b.emails?.length ?? 0, b.mobiles?.length ?? 0])).toEqual([
      [50, 1],
      [1, 0],
    ]);
    expect(matches).toHaveLength(52);
    expect(matches.slice(0, 51).map((m) => m.userId)).toEqual(people.map((p) => p.employeeId));
    expect(matches[51]).toMatchObject({ mobile: '13800001002', userId: 'e1002' });
  });

  it('the emulator refuses a 51st email the way we read the doc (99992402, UNCONFIRMED)', async () => {
    const { emulator } = await harness();
    const server = servers[0] as RunningServer;
    const token = (await (
      await fetch(`${server.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          app_id: SAMPLE_CREDENTIALS.feishu.appId,
          app_secret: SAMPLE_CREDENTIALS.feishu.appSecret,
        }),
      })
    ).json()) as { tenant_access_token: string };
    const answer = await fetch(`${server.url}${C}/users/batch_get_id?user_id_type=user_id`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.tenant_access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ emails: Array.from({ length: 51 }, (_, i) => `x${i}@a.example`) }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 99992402,
      msg: 'field validation failed',
      error: { field_violations: [{ field: 'emails' }] },
    });
    expect(callsTo(emulator, BATCH_GET_ID)).toHaveLength(1);
  });

  it('leaves resigned people out unless includeResigned; never finds an enterprise email', async () => {
    const { client, emulator } = await harness();
    emulator.addContacts([person('e7001', { resigned: true, enterpriseEmail: 'e7001@corp.example' })]);
    const email = `e7001@${SAMPLE_MAIL_DOMAIN}`;
    expect(await client.batchGetUserIds({ emails: [email, 'e7001@corp.example'] })).toEqual([
      { email, userId: null },
      { email: 'e7001@corp.example', userId: null },
    ]);
    const [found] = await client.batchGetUserIds({ emails: [email], includeResigned: true });
    expect(found).toMatchObject({ userId: 'e7001', status: { is_resigned: true } });
    expect(
      callsTo(emulator, BATCH_GET_ID).map((c) => (c.body as { include_resigned: boolean }).include_resigned),
    ).toEqual([false, true]);
  });

  it('people outside the contact data scope come back without an id, no error ([F1])', async () => {
    const { client } = await harness({ emulator: { contactScope: { departments: [FACTORY] } } });
    const matches = await client.batchGetUserIds({
      emails: [`zhangwei@${SAMPLE_MAIL_DOMAIN}`, `chenjing@${SAMPLE_MAIL_DOMAIN}`],
    });
    expect(matches.map((m) => m.userId)).toEqual([null, 'e2001']);
  });
});

describe('FeishuClient.listDepartmentChildren / listUsersByDepartment', () => {
  it('reads the tree with names and parents across pages, recursively with fetchChild', async () => {
    const { client, emulator } = await harness();
    const shops = Array.from({ length: 12 }, (_, i) => ({
      openDepartmentId: `od-shop${i}`,
      departmentId: `shop${i}`,
      name: `门店${i + 1}`,
      parentOpenId: SAMPLE_DEPARTMENTS.stores.feishuDepartmentId,
    }));
    emulator.addDepartments(shops);
    const top = await all(client.listDepartmentChildren('0'));
    expect(top.map((d) => [d.name, d.parent_department_id])).toEqual([
      ['总部', '0'],
      ['工厂', '0'],
      ['门店', '0'],
    ]);
    const everything = await all(client.listDepartmentChildren('0', { fetchChild: true, pageSize: 5 }));
    expect(everything).toHaveLength(15);
    expect(
      everything.slice(3).every((d) => d.parent_department_id === SAMPLE_DEPARTMENTS.stores.feishuDepartmentId),
    ).toBe(true);
    const calls = callsTo(emulator, CHILDREN);
    // 1 call for the top level, 3 pages of 5 for the 15 below the root.
    expect(calls).toHaveLength(4);
    expect(calls[1]?.query).toMatchObject({ fetch_child: 'true', page_size: '5' });
  });

  it('lists direct members with the fields a matcher reads, across pages', async () => {
    const { client, emulator } = await harness();
    emulator.addContacts(Array.from({ length: 21 }, (_, i) => person(`e6${String(i).padStart(3, '0')}`)));
    emulator.addContacts([person('e6999', { resigned: true })]);
    const members = await all(client.listUsersByDepartment(HQ, { pageSize: 10 }));
    // 4 sample people + 2 same-id people + 21 added; the resigned one is not listed.
    expect(members).toHaveLength(27);
    expect(members.map((m) => m.user_id)).not.toContain('e6999');
    expect(members[0]).toMatchObject({
      user_id: 'e1001',
      email: `zhangwei@${SAMPLE_MAIL_DOMAIN}`,
      enterprise_email: `e1001@corp.${SAMPLE_MAIL_DOMAIN}`,
      mobile: '+8613800001001',
      employee_no: 'NO1001',
      status: { is_resigned: false },
      department_ids: [HQ],
    });
    const calls = callsTo(emulator, FIND_BY_DEPARTMENT);
    expect(calls.map((c) => c.query['page_token'] === undefined)).toEqual([true, false, false]);
    expect(calls[0]?.query).toMatchObject({ department_id: HQ, user_id_type: 'user_id', page_size: '10' });
  });

  it('a department outside the contact data scope is a permission VendorError (403 40004)', async () => {
    const { client } = await harness({ emulator: { contactScope: { departments: [FACTORY] } } });
    const error = await failureOf(all(client.listUsersByDepartment(HQ)));
    expect(error).toMatchObject({ kind: 'permission', vendorCode: 40004, httpStatus: 403 });
    // The root needs the all-staff scope ([F3] [F4]).
    expect(await failureOf(all(client.listDepartmentChildren('0')))).toMatchObject({
      kind: 'permission',
      vendorCode: 40004,
    });
    // Inside the scope all is well.
    expect((await all(client.listUsersByDepartment(FACTORY))).map((m) => m.user_id)).toEqual([
      'e2001',
      'e2002',
      'e2003',
      'e2004',
    ]);
  });

  it('honours 429 with x-ogw-ratelimit-reset, then reads on', async () => {
    const { client, emulator, clock, events } = await harness({
      emulator: { rateLimits: { [FIND_BY_DEPARTMENT]: [{ limit: 2, windowMs: 1000 }] } },
    });
    emulator.addContacts(Array.from({ length: 25 }, (_, i) => person(`e8${String(i).padStart(3, '0')}`)));
    const members = await all(client.listUsersByDepartment(HQ, { pageSize: 10 }));
    expect(members).toHaveLength(31);
    expect(events.filter((e) => e.type === 'rate_limited')).toEqual([
      { type: 'rate_limited', endpoint: FIND_BY_DEPARTMENT, pauseMs: 1000, limit: 2 },
    ]);
    expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(1000);
    // 31 members in pages of 10: four pages, the third refused once.
    expect(callsTo(emulator, FIND_BY_DEPARTMENT).map((c) => c.status)).toEqual([200, 200, 429, 200, 200]);
  });

  it('paces itself at the documented 50/s: 60 lookups never draw a 429 from the emulator', async () => {
    const { client, emulator, clock } = await harness();
    const emails = Array.from({ length: 60 * 50 }, (_, i) => `p${i}@nowhere.example`);
    const matches = await client.batchGetUserIds({ emails });
    expect(matches.every((m) => m.userId === null)).toBe(true);
    const statuses = callsTo(emulator, BATCH_GET_ID).map((c) => c.status);
    expect(statuses).toHaveLength(60);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // 60 calls at 50/s take at least one second of (virtual) waiting.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000 - 1);
  });
});

describe('Contact pacing: 50/s and 1000/min ([F0])', () => {
  it('the client keeps under both windows: 1001 calls in a row take over a minute and draw no 429', async () => {
    const { client, emulator, clock } = await harness();
    const start = clock.now();
    for (let i = 0; i < 1001; i++) await all(client.listDepartmentChildren('0'));
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
    const statuses = callsTo(emulator, CHILDREN).map((c) => c.status);
    expect(statuses).toHaveLength(1001);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('the emulator trips the minute window: a client paced at 50/s only is refused at call 1001, then waits', async () => {
    const { client, emulator, events } = await harness({
      client: { rateLimits: { listDepartmentChildren: [{ limit: 50, windowMs: 1000 }] } },
    });
    for (let i = 0; i < 1001; i++) await all(client.listDepartmentChildren('0'));
    const statuses = callsTo(emulator, CHILDREN).map((c) => c.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.indexOf(429)).toBe(1000);
    const limited = events.find((e) => e.type === 'rate_limited');
    // Most of the minute is still to run when call 1001 comes (~20 s in): the reset says so.
    expect(limited).toMatchObject({ endpoint: CHILDREN, limit: 1000 });
    expect((limited as { pauseMs: number }).pauseMs).toBeGreaterThan(1000);
  });

  it('the emulator names the per-second window when that one trips (limit 50)', async () => {
    const { client, emulator, events } = await harness({
      client: { rateLimits: { listDepartmentChildren: [{ limit: 100_000, windowMs: 1000 }] } },
    });
    for (let i = 0; i < 51; i++) await all(client.listDepartmentChildren('0'));
    expect(
      callsTo(emulator, CHILDREN)
        .map((c) => c.status)
        .indexOf(429),
    ).toBe(50);
    expect(events.find((e) => e.type === 'rate_limited')).toMatchObject({ limit: 50, pauseMs: 1000 });
  });
});

// ---- element-by-element reading: a raw server answers what the emulator never would -------------------------

describe('Contact lists set one unreadable element aside', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      req.resume();
      req.on('end', () => {
        const reply = (body: unknown) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(body));
        };
        if (url.pathname.endsWith('/tenant_access_token/internal'))
          return reply({ code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 });
        if (url.pathname === `${C}/users/find_by_department`) {
          return reply({
            code: 0,
            msg: 'success',
            data:
              url.searchParams.get('page_token') === 'p2'
                ? {
                    has_more: false,
                    items: [
                      { user_id: 'u3', email: 42 },
                      { user_id: 'u4', future_field: 1 },
                    ],
                  }
                : { has_more: true, page_token: 'p2', items: [{ user_id: 'u1' }, { user_id: 'u2', mobile: '+1555' }] },
          });
        }
        if (url.pathname === `${C}/users/batch_get_id`) {
          return reply({
            code: 0,
            msg: 'success',
            data: {
              user_list: [
                { user_id: 'u1', email: 'a@x.example', status: { is_resigned: 'no' } },
                { email: 'b@x.example' },
                { user_id: 'u9', mobile: '+8613800000009' },
              ],
            },
          });
        }
        return reply({ code: 40004, msg: 'no dept authority error' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function rawClient(): FeishuClient {
    return new FeishuClient({
      appId: 'cli_test',
      appSecret: 'secret',
      baseUrl,
      employeeType: 'employee_id',
      deptType: 'open_id',
      timeoutMs: 2000,
      retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 10 },
    });
  }

  it('listUsersByDepartment: the odd member of page 2 is set aside with its id and field, the rest read', async () => {
    const unreadable: UnreadableRecord[] = [];
    const users = await all(
      rawClient().listUsersByDepartment('od-x', { onUnreadable: (record) => unreadable.push(record) }),
    );
    expect(users.map((u) => u.user_id)).toEqual(['u1', 'u2', 'u4']);
    // Unknown fields are kept (tolerant reader).
    expect(users[2]).toMatchObject({ future_field: 1 });
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({
      vendor: 'feishu',
      kind: 'contact user',
      recordId: 'u3',
      index: 2,
      field: 'email',
    });
  });

  it('batchGetUserIds: an unreadable entry is set aside and its email reads as "no id", the others stand', async () => {
    const unreadable: UnreadableRecord[] = [];
    const matches = await rawClient().batchGetUserIds({
      emails: ['a@x.example', 'b@x.example'],
      mobiles: ['13800000009'],
      onUnreadable: (record) => unreadable.push(record),
    });
    expect(matches).toEqual([
      { email: 'a@x.example', userId: null },
      { email: 'b@x.example', userId: null },
      { mobile: '13800000009', userId: 'u9' },
    ]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ kind: 'user id lookup', recordId: 'u1', field: 'status.is_resigned' });
    // The record set aside never carries the email itself (personal data).
    expect(JSON.stringify(unreadable[0])).not.toContain('a@x.example');
  });
});
