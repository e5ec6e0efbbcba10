import { Client } from '@larksuiteoapi/node-sdk';
import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS } from '../sample-company/people.js';
import { FeishuEmulator, SAMPLE_MAIL_DOMAIN } from './index.js';

// Conformance of the contact APIs with a real client: the official Feishu Node SDK (@larksuiteoapi/node-sdk)
// calls contact.v3.user.batchGetId, contact.v3.department.children and contact.v3.user.findByDepartment (and
// their iterators) against the emulator, building paths, query strings and bodies as it does against Feishu.
// The SDK returns the body of a 2xx answer and throws (axios) on any other status.

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
const START = Date.UTC(2025, 2, 12, 2, 0, 0);
const OTHER_APP = { appId: 'cli_contact0000000002', appSecret: 'other-app-secret' };
const HQ = SAMPLE_DEPARTMENTS.headquarters.feishuDepartmentId;
const FACTORY = SAMPLE_DEPARTMENTS.factory.feishuDepartmentId;

const emulator = new FeishuEmulator({ seed: 7, clock: () => START, rateLimits: false });
let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await emulator.listen();
  client = new Client({
    appId: SAMPLE_CREDENTIALS.feishu.appId,
    appSecret: SAMPLE_CREDENTIALS.feishu.appSecret,
    domain: server.url,
    logger: silent,
  });
});

afterAll(() => server.close());

afterEach(() => {
  emulator.setContactScope('all');
  // No call the SDK made may have reached the plain-text 404 of an unknown path.
  expect(emulator.calls().filter((call) => call.status === 404)).toEqual([]);
});

const contact = () => client.contact.v3;

/** The status and body of a refusal the SDK threw (axios error). */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { response?: { status: number; data: Record<string, unknown> } } | null;
  expect(error?.response).toBeDefined();
  return error?.response as { status: number; data: Record<string, unknown> };
}

describe('node-sdk contact.v3 against the Feishu emulator', () => {
  it('user.batchGetId: one entry per email and mobile; not found has no user_id', async () => {
    const answer = await contact().user.batchGetId({
      params: { user_id_type: 'user_id' },
      data: {
        emails: [`wangfang@${SAMPLE_MAIL_DOMAIN}`, 'ghost@nowhere.example'],
        mobiles: ['+8613800002003'],
        include_resigned: false,
      },
    });
    expect(answer.code).toBe(0);
    expect(answer.data?.user_list).toEqual([
      {
        user_id: 'e1002',
        email: `wangfang@${SAMPLE_MAIL_DOMAIN}`,
        status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
      },
      { email: 'ghost@nowhere.example' },
      { user_id: 'e2003', mobile: '+8613800002003', status: expect.objectContaining({ is_resigned: false }) },
    ]);
  });

  it('user.batchGetId: open_id by default (the SDK sends no user_id_type)', async () => {
    const answer = await contact().user.batchGetId({ data: { emails: [`lina@${SAMPLE_MAIL_DOMAIN}`] } });
    expect(answer.data?.user_list?.[0]?.user_id).toMatch(/^ou_[0-9a-f]{32}$/);
  });

  it('user.batchGetId: 51 emails are refused with HTTP 400 and a field violation (our reading)', async () => {
    const { status, data } = await refusal(
      contact().user.batchGetId({
        params: { user_id_type: 'user_id' },
        data: { emails: Array.from({ length: 51 }, (_, i) => `x${i}@a.example`) },
      }),
    );
    expect(status).toBe(400);
    expect(data).toMatchObject({ code: 99992402, error: { field_violations: [{ field: 'emails' }] } });
  });

  it('department.children: the top level with names and parent ids, paged with page_token', async () => {
    const first = await contact().department.children({
      path: { department_id: '0' },
      params: { department_id_type: 'open_department_id', page_size: 2 },
    });
    expect(first.code).toBe(0);
    expect(first.data).toMatchObject({ has_more: true, page_token: expect.any(String) });
    expect(first.data?.items?.map((d) => [d.name, d.parent_department_id, d.open_department_id])).toEqual([
      ['总部', '0', HQ],
      ['工厂', '0', FACTORY],
    ]);
    const second = await contact().department.children({
      path: { department_id: '0' },
      params: { page_size: 2, page_token: first.data?.page_token as string },
    });
    expect(second.data?.has_more).toBe(false);
    expect(second.data?.page_token).toBeUndefined();
    expect(second.data?.items?.map((d) => d.department_id)).toEqual(['stores']);
  });

  it('department.childrenWithIterator walks every page', async () => {
    const names: string[] = [];
    for await (const page of await contact().department.childrenWithIterator({
      path: { department_id: '0' },
      params: { page_size: 1, fetch_child: true },
    })) {
      for (const item of page?.items ?? []) names.push(item.name ?? '');
    }
    expect(names).toEqual(['总部', '工厂', '门店']);
  });

  it('user.findByDepartment: direct members with email, mobile, employee_no, status, department_ids', async () => {
    const answer = await contact().user.findByDepartment({
      params: {
        department_id: FACTORY,
        user_id_type: 'user_id',
        department_id_type: 'open_department_id',
        page_size: 50,
      },
    });
    expect(answer.code).toBe(0);
    expect(answer.data?.has_more).toBe(false);
    expect(answer.data?.items?.map((u) => u.user_id)).toEqual(['e2001', 'e2002', 'e2003', 'e2004']);
    expect(answer.data?.items?.[0]).toMatchObject({
      user_id: 'e2001',
      open_id: expect.stringMatching(/^ou_/),
      union_id: expect.stringMatching(/^on_/),
      name: '陈静',
      email: `chenjing@${SAMPLE_MAIL_DOMAIN}`,
      mobile: '+8613800002001',
      employee_no: 'NO2001',
      status: { is_resigned: false },
      department_ids: [FACTORY],
    });
  });

  it('user.findByDepartmentWithIterator pages through a department', async () => {
    const ids: string[] = [];
    for await (const page of await contact().user.findByDepartmentWithIterator({
      params: { department_id: HQ, user_id_type: 'user_id', page_size: 4 },
    })) {
      for (const item of page?.items ?? []) ids.push(item.user_id ?? '');
    }
    expect(ids).toEqual(['e1001', 'e1002', 'e1003', 'e1004', 'e9001', 'e9002']);
  });

  it('refusals are Feishu envelopes: out of scope 403 40004, bad page size 400 40011, bad token 400 40012', async () => {
    emulator.setContactScope({ departments: [FACTORY] });
    const outside = await refusal(contact().user.findByDepartment({ params: { department_id: HQ } }));
    expect(outside).toMatchObject({ status: 403, data: { code: 40004, msg: 'no dept authority error' } });
    const root = await refusal(contact().department.children({ path: { department_id: '0' } }));
    expect(root).toMatchObject({ status: 403, data: { code: 40004 } });
    emulator.setContactScope('all');
    const size = await refusal(contact().user.findByDepartment({ params: { department_id: HQ, page_size: 51 } }));
    expect(size).toMatchObject({ status: 400, data: { code: 40011, msg: 'page size is invalid' } });
    const token = await refusal(
      contact().department.children({ path: { department_id: '0' }, params: { page_token: 'bm90LWEtdG9rZW4' } }),
    );
    expect(token).toMatchObject({ status: 400, data: { code: 40012 } });
  });

  it('the contact scope can be narrowed over the admin API (out-of-process tests)', async () => {
    const put = (scope: unknown) =>
      fetch(`${server.url}/__emulator/contact-scope`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scope }),
      });
    expect((await put({ departments: [FACTORY], users: ['e1001'] })).status).toBe(200);
    const answer = await contact().user.batchGetId({
      params: { user_id_type: 'user_id' },
      data: {
        emails: [`zhangwei@${SAMPLE_MAIL_DOMAIN}`, `wangfang@${SAMPLE_MAIL_DOMAIN}`, `zhaomin@${SAMPLE_MAIL_DOMAIN}`],
      },
    });
    // A person granted by name, one outside, one in a granted department.
    expect(answer.data?.user_list?.map((entry) => entry.user_id ?? null)).toEqual(['e1001', null, 'e2003']);
    expect((await put({ departments: 'x' })).status).toBe(400);
    expect((await put('all')).status).toBe(200);
  });

  it('throttling is the documented 429 with x-ogw-ratelimit-* headers', async () => {
    const limited = new FeishuEmulator({
      seed: 7,
      clock: () => START,
      // Another app: the SDK caches tokens per app id across clients (REFERENCE A11).
      credentials: OTHER_APP,
      rateLimits: { 'POST /open-apis/contact/v3/users/batch_get_id': [{ limit: 1, windowMs: 1000 }] },
    });
    const limitedServer = await limited.listen();
    try {
      const sdk = new Client({
        appId: OTHER_APP.appId,
        appSecret: OTHER_APP.appSecret,
        domain: limitedServer.url,
        logger: silent,
      });
      const ask = () => sdk.contact.v3.user.batchGetId({ data: { emails: ['a@b.example'] } });
      expect((await ask()).code).toBe(0);
      const error = (await ask().then(
        () => null,
        (e: unknown) => e,
      )) as { response?: { status: number; headers: Record<string, string>; data: unknown } };
      expect(error.response?.status).toBe(429);
      expect(error.response?.data).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
      expect(error.response?.headers['x-ogw-ratelimit-limit']).toBe('1');
      expect(Number(error.response?.headers['x-ogw-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    } finally {
      await limitedServer.close();
    }
  });
});
