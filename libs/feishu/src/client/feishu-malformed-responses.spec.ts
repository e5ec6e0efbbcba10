import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VendorError } from '@app/kernel';
import { VirtualClock } from '../../test/virtual-clock.js';
import { FeishuClient } from './feishu.client.js';
import type { FeishuClientEvent } from './feishu-client.options.js';

// A raw HTTP server playing a misbehaving Feishu: HTML error pages, truncated JSON, bodies with missing or
// mistyped fields. Every one must become a typed VendorError naming what was wrong — never a crash.

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const GROUP_PATH = '/open-apis/attendance/v1/groups/7000000000000000001';
const SECRET = 'very-secret-app-secret';
const TOKEN = 't-g1234567890abcdef1234567890abcdef1234';

type Handler = (req: IncomingMessage, res: ServerResponse, hits: number) => void;

let server: Server;
let baseUrl: string;
let handlers: Record<string, Handler> = {};
const hits = new Map<string, number>();

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LOG123', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const validGroup = {
  group_id: '7000000000000000001',
  group_name: '总部',
  time_zone: 'Asia/Shanghai',
  group_type: 2,
  group_leader_ids: ['e1001'],
  punch_day_shift_ids: [],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const count = (hits.get(`${req.method} ${path}`) ?? 0) + 1;
    hits.set(`${req.method} ${path}`, count);
    const handler = handlers[`${req.method} ${path}`];
    if (handler) return handler(req, res, count);
    if (path === TOKEN_PATH) return json(res, 200, { code: 0, msg: 'ok', tenant_access_token: TOKEN, expire: 7200 });
    res.writeHead(404).end('404 page not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

let events: FeishuClientEvent[];
let clock: VirtualClock;

function client(): FeishuClient {
  return new FeishuClient({
    appId: 'cli_test',
    appSecret: SECRET,
    baseUrl,
    employeeType: 'employee_id',
    deptType: 'open_id',
    clock,
    timeoutMs: 2000,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    onEvent: (event) => events.push(event),
  });
}

beforeEach(() => {
  handlers = {};
  hits.clear();
  events = [];
  clock = new VirtualClock();
});

async function failureOf(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('malformed Feishu responses become typed VendorErrors', () => {
  it('an HTML error page from a proxy: transient, retried on a read, then surfaced', async () => {
    handlers[`GET ${GROUP_PATH}`] = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    };
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error).toMatchObject({ vendor: 'feishu', kind: 'transient', httpStatus: 502, vendorCode: null });
    expect(error.message).toContain('text/html');
    expect(hits.get(`GET ${GROUP_PATH}`)).toBe(2);
  });

  it('truncated JSON: unknown, not retried', async () => {
    handlers[`GET ${GROUP_PATH}`] = (_req, res) => json(res, 200, '{"code":0,"msg":"success","data":{"group_id":"70');
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error).toMatchObject({ kind: 'unknown', httpStatus: 200 });
    expect(hits.get(`GET ${GROUP_PATH}`)).toBe(1);
  });

  it('a missing required field: unknown, naming the field path', async () => {
    const { group_id: _missing, ...withoutId } = validGroup;
    handlers[`GET ${GROUP_PATH}`] = (_req, res) => json(res, 200, { code: 0, msg: 'success', data: withoutId });
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error).toMatchObject({
      kind: 'unknown',
      vendorCode: 0,
      logId: 'LOG123',
      endpoint: 'GET /open-apis/attendance/v1/groups/:group_id',
    });
    expect(error.message).toContain('data.group_id');
  });

  it('a wrong type (a 19-digit id as a number, group_type as a string): unknown, naming each path', async () => {
    handlers[`GET ${GROUP_PATH}`] = (_req, res) =>
      json(
        res,
        200,
        `{"code":0,"msg":"success","data":${JSON.stringify({ ...validGroup, group_type: '2' }).replace('"7000000000000000001"', '7000000000000000001')}}`,
      );
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error.kind).toBe('unknown');
    expect(error.message).toContain('data.group_id');
    expect(error.message).toContain('data.group_type');
  });

  it('a body that is not an envelope: unknown, naming the missing code', async () => {
    handlers[`GET ${GROUP_PATH}`] = (_req, res) => json(res, 200, { ok: true });
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error.kind).toBe('unknown');
    expect(error.message).toContain('code: Invalid input');
  });

  it('has_more without a page_token: unknown instead of a silent end or an endless loop', async () => {
    handlers['GET /open-apis/attendance/v1/groups'] = (_req, res) =>
      json(res, 200, {
        code: 0,
        msg: 'success',
        data: { group_list: [{ group_id: '1', group_name: 'a' }], has_more: true },
      });
    const seen: string[] = [];
    const error = await failureOf(
      (async () => {
        for await (const group of client().listGroups()) seen.push(group.group_name);
      })(),
    );
    expect(seen).toEqual(['a']);
    expect(error.message).toContain('has_more=true without a new page_token');
  });

  it('a malformed token answer: unknown, and the message carries no token or secret', async () => {
    handlers[`POST ${TOKEN_PATH}`] = (_req, res) => json(res, 200, { code: 0, msg: 'ok', tenant_access_token: TOKEN });
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error).toMatchObject({ kind: 'unknown', endpoint: `POST ${TOKEN_PATH}` });
    expect(error.message).toContain('expire');
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain(TOKEN);
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain(SECRET);
  });

  it('a token rejected twice in a row: auth, after exactly one refresh', async () => {
    handlers[`GET ${GROUP_PATH}`] = (_req, res) =>
      json(res, 400, { code: 99991663, msg: 'Invalid access token for authorization.' });
    const error = await failureOf(client().getGroup('7000000000000000001'));
    expect(error).toMatchObject({ kind: 'auth', vendorCode: 99991663 });
    expect(hits.get(`POST ${TOKEN_PATH}`)).toBe(2);
    expect(hits.get(`GET ${GROUP_PATH}`)).toBe(2);
  });

  it('429 without x-ogw-ratelimit-reset: pauses a default second, then retries', async () => {
    handlers[`GET ${GROUP_PATH}`] = (_req, res, count) =>
      count === 1
        ? json(res, 429, { code: 99991400, msg: 'request trigger frequency limit' })
        : json(res, 200, { code: 0, msg: 'success', data: validGroup });
    expect((await client().getGroup('7000000000000000001')).group_name).toBe('总部');
    expect(events.find((e) => e.type === 'rate_limited')).toMatchObject({ pauseMs: 1000, limit: null });
  });

  it('a delete whose first answer was lost: "rule not exist" on the repeat counts as done', async () => {
    handlers[`DELETE ${GROUP_PATH}`] = (_req, res, count) =>
      count === 1
        ? res.writeHead(503, { 'content-type': 'text/html' }).end('<html>503</html>')
        : json(res, 400, { code: 1220600, msg: 'rule not exist' });
    await expect(client().deleteGroup('7000000000000000001')).resolves.toBeUndefined();
    expect(hits.get(`DELETE ${GROUP_PATH}`)).toBe(2);
  });

  it('a delete of a group that never existed still fails as not_found', async () => {
    handlers[`DELETE ${GROUP_PATH}`] = (_req, res) => json(res, 400, { code: 1220600, msg: 'rule not exist' });
    expect(await failureOf(client().deleteGroup('7000000000000000001'))).toMatchObject({ kind: 'not_found' });
  });
});
