import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { MappingStore } from '@app/mapping-store';
import { chinaDayOf, DAY_SECONDS } from '@app/kernel';
import { SAMPLE_CREDENTIALS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { BODY_LIMIT } from '../../apps/gateway/src/app.setup.js';
import { concretePath, type RegisteredRoute, registeredRoutes, routeKey } from '../support/routes.js';
import { emulatorGatewayEnv, uploadSampleMappings } from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

// Security of the HTTP surface, end to end: the routes come from the running app's router (not a list kept
// by hand); every /api/v1 route refuses every wrong credential; bodies over the limit get a 413 that says so;
// and a rules sync plus a punch sync (and a Feishu event) at LOG_LEVEL debug, through vendor faults that make
// the clients refresh tokens and retry, leave no secret and no vendor access token in any log line or any
// answer. The vendor tokens are the ones the emulators really issued, read off the wire by a recording
// front in front of each emulator.

const VERIFICATION_TOKEN = 'vt-sec-1f6e0b7a92c4';
const ENCRYPT_KEY = 'ek-sec-8d2c5a3e71f0';
const JSON_TYPE = 'application/json';

/** Credentials a client might send instead of the right one; each must get a 401. */
const WRONG_CREDENTIALS: readonly (readonly [string, string | undefined])[] = [
  ['no Authorization header', undefined],
  ['a wrong token', 'Bearer wrong-token-0000000000'],
  ['the token upper-cased', `Bearer ${TEST_API_TOKEN.toUpperCase()}`],
  ['the token with its first letter re-cased', `Bearer ${flipFirstLetter(TEST_API_TOKEN)}`],
  ['the token plus a character', `Bearer ${TEST_API_TOKEN}x`],
  ['the token less its last character', `Bearer ${TEST_API_TOKEN.slice(0, -1)}`],
  ['"Bearer" with no token', 'Bearer'],
  ['"Bearer " with a blank token', 'Bearer    '],
  ['Basic user:token', `Basic ${Buffer.from(`gateway:${TEST_API_TOKEN}`).toString('base64')}`],
  ['Basic token', `Basic ${Buffer.from(TEST_API_TOKEN).toString('base64')}`],
  ['the bare token, no scheme', TEST_API_TOKEN],
  ['another scheme', `Token ${TEST_API_TOKEN}`],
];

function flipFirstLetter(token: string): string {
  const index = token.search(/[a-z]/i);
  const letter = token[index]!;
  const flipped = letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase();
  return `${token.slice(0, index)}${flipped}${token.slice(index + 1)}`;
}

function parseLimit(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) throw new Error(`unexpected BODY_LIMIT ${limit}`);
  return Number(match[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2]!.toLowerCase() as 'b' | 'kb' | 'mb'];
}

/**
 * Serves an emulator's express app on its own port, noting every access token that crosses the wire: sent by
 * the gateway (Feishu `Authorization: Bearer …`, WeCom `?access_token=…`) or issued to it (the token
 * endpoints' answers).
 */
class RecordingFront {
  readonly tokens = new Set<string>();
  private server: Server | undefined;
  url = '';

  constructor(private readonly app: Express) {}

  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) this.tokens.add(bearer);
      const query = new URL(req.url ?? '/', 'http://front').searchParams.get('access_token');
      if (query) this.tokens.add(query);
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        const [chunk] = args;
        if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) this.noteIssued(chunk.toString());
        return end(...args);
      }) as typeof res.end;
      this.app(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private noteIssued(text: string): void {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      for (const key of ['tenant_access_token', 'app_access_token', 'access_token']) {
        if (typeof body[key] === 'string') this.tokens.add(body[key]);
      }
    } catch {
      // not JSON: not a token answer
    }
  }
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

describe('security: authentication, body limit, secrets (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let feishuFront: RecordingFront;
  let wecomFront: RecordingFront;
  let harness: TestApp;
  let baseUrl: string;
  let routes: RegisteredRoute[];
  /** Every answer this suite received, headers included: scanned for secrets at the end. */
  const answers: string[] = [];

  async function call(
    method: string,
    path: string,
    options: { authorization?: string | undefined; body?: string; type?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.authorization !== undefined) headers['Authorization'] = options.authorization;
    if (options.body !== undefined) headers['Content-Type'] = options.type ?? JSON_TYPE;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.text();
    answers.push(`${method} ${path} → ${response.status}\n${[...response.headers].join('\n')}\n${text}`);
    return { status: response.status, headers: response.headers, text };
  }

  const api = (method: string, path: string, body?: unknown) =>
    call(method, path, {
      authorization: `Bearer ${TEST_API_TOKEN}`,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** A raw request line, exactly as written (fetch would normalise `..` and `%2e` away). */
  function rawGet(path: string, authorization?: string): Promise<Answer> {
    const { port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        // A connection of its own (no keep-alive reuse), so a slow server is measured, not a stale socket.
        { host: '127.0.0.1', port, path, method: 'GET', agent: false, headers: authorization ? { authorization } : {} },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            answers.push(`GET ${path} → ${res.statusCode}\n${text}`);
            resolve({ status: res.statusCode ?? 0, headers: new Headers(), text });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  function expectErrorBody(answer: Answer, status: number): void {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type') ?? 'application/json').toContain(JSON_TYPE);
    const body = JSON.parse(answer.text) as { statusCode: number; message: string };
    expect(body.statusCode).toBe(status);
    expect(body.message.trim().length).toBeGreaterThan(0);
  }

  /** A concrete URL for a route: each `:param` filled with a well-formed id that names nothing. */
  const urlOf = (route: RegisteredRoute) => concretePath(route.path, () => randomUUID());

  beforeAll(async () => {
    emulators = await startEmulators();
    feishuFront = new RecordingFront(emulators.feishu.emulator.app);
    wecomFront = new RecordingFront(emulators.wecom.emulator.app);
    await Promise.all([feishuFront.listen(), wecomFront.listen()]);
    harness = await createTestApp({
      ...emulatorGatewayEnv(emulators),
      FEISHU_BASE_URL: feishuFront.url,
      WECOM_BASE_URL: wecomFront.url,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      LOG_LEVEL: 'debug',
    });
    await harness.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(harness.app.getHttpServer().address() as AddressInfo).port}`;
    routes = registeredRoutes(harness.app);
  });

  afterAll(async () => {
    await harness?.close();
    await Promise.all([feishuFront?.close(), wecomFront?.close()]);
    await emulators?.close();
  });

  describe('authentication', () => {
    it('the router serves the contract routes under /api/v1, and nothing else under /api but the API docs', () => {
      const keys = routes.map(routeKey);
      expect(keys).toEqual(
        expect.arrayContaining([
          'POST /api/v1/sync',
          'GET /api/v1/runs',
          'GET /api/v1/runs/:runId',
          'GET /api/v1/links',
          'PUT /api/v1/mappings/users',
          'GET /api/v1/mappings/users',
          'PUT /api/v1/mappings/departments',
          'GET /api/v1/mappings/departments',
          'GET /api/v1/mappings/unmapped',
          'GET /api/v1/vendors/:vendor/groups',
          'GET /api/v1/vendors/:vendor/groups/:id',
        ]),
      );
      const outsideV1 = routes.filter((route) => route.path.startsWith('/api') && !route.path.startsWith('/api/v1/'));
      // Public by design (README "Metrics and API docs"): the documentation only.
      expect(outsideV1.filter((route) => !/^\/api\/docs(-json)?(\/|$)/.test(route.path))).toEqual([]);
    });

    it('every /api/v1 route answers 401 (with WWW-Authenticate) to every wrong credential, and does nothing', async () => {
      const store = harness.app.get(MappingStore);
      const before = { runs: (await store.runs.list(1, 0)).total, users: await store.users.count() };
      const protectedRoutes = routes.filter((route) => route.path.startsWith('/api/v1/'));
      expect(protectedRoutes.length).toBeGreaterThanOrEqual(10);
      const refused: string[] = [];
      for (const route of protectedRoutes) {
        // A body the route would accept with the right token, so only the credential can be the reason.
        const body =
          route.method === 'GET'
            ? undefined
            : route.path.includes('mappings')
              ? JSON.stringify([{ feishuUserId: 'sec-intruder', wecomUserId: 'sec-intruder' }])
              : JSON.stringify({ direction: 'feishu_to_wecom', scope: 'rules', winner: 'feishu' });
        for (const [label, authorization] of WRONG_CREDENTIALS) {
          const answer = await call(route.method, urlOf(route), {
            authorization,
            ...(body === undefined ? {} : { body }),
          });
          if (answer.status !== 401 || answer.headers.get('www-authenticate') !== 'Bearer') {
            refused.push(`${routeKey(route)} with ${label}: ${answer.status}`);
            continue;
          }
          expectErrorBody(answer, 401);
        }
      }
      expect(refused).toEqual([]);
      expect({ runs: (await store.runs.list(1, 0)).total, users: await store.users.count() }).toEqual(before);
    });

    it('paths that are not routes, or are routes spelled differently, are 401 too under /api', async () => {
      const paths = [
        '/api',
        '/api/',
        '/api/v1',
        '/api/v1/nope',
        '/api/v2/sync',
        '/API/v1/links',
        '/Api/V1/Runs',
        '/api/v1/links/',
        '/api//v1/links',
        '/api/v1//links',
        '/api/v1/links;x',
        '/api/v1/mappings/users%2F',
      ];
      for (const path of paths) {
        for (const [, authorization] of WRONG_CREDENTIALS.slice(0, 3)) {
          expectErrorBody(await call('GET', path, { authorization }), 401);
        }
      }
      // Through the public docs prefix, written raw so that no client normalises the dots away.
      for (const path of ['/api/docs/../v1/links', '/api/docs/%2e%2e/v1/links', '/api/docs-json/../v1/runs']) {
        const answer = await rawGet(path);
        expect([401, 404]).toContain(answer.status);
        expect(answer.text).not.toContain('feishuGroupId');
      }
    });

    it('the right token is accepted (so the 401s above are about the credential alone)', async () => {
      expect((await api('GET', '/api/v1/links')).status).toBe(200);
      expect((await call('GET', '/api/v1/links', { authorization: `bearer ${TEST_API_TOKEN}` })).status).toBe(200);
      // Public by design: health, metrics, the API docs.
      expect((await call('GET', '/health')).status).toBe(200);
      expect((await call('GET', '/api/docs-json')).status).toBe(200);
    });
  });

  describe('request body size', () => {
    const limit = parseLimit(BODY_LIMIT);
    /** A JSON document of exactly `size` bytes. */
    const document = (size: number) => {
      const frame = '{"pad":""}';
      return `{"pad":"${'x'.repeat(size - frame.length)}"}`;
    };

    it(`every route with a body answers 413 naming the limit above ${BODY_LIMIT}, and reads the body below it`, async () => {
      const bodyRoutes = routes.filter(
        (route) => ['POST', 'PUT', 'PATCH'].includes(route.method) && /^\/(api\/v1|webhooks)\//.test(route.path),
      );
      expect(bodyRoutes.map(routeKey)).toEqual(expect.arrayContaining(['POST /api/v1/sync', 'POST /webhooks/feishu']));
      for (const route of bodyRoutes) {
        const over = await call(route.method, urlOf(route), {
          authorization: `Bearer ${TEST_API_TOKEN}`,
          body: document(limit + 1),
        });
        expectErrorBody(over, 413);
        expect(JSON.parse(over.text).message).toContain(String(limit));
        // (The webhook's own just-under-the-limit case is the next test: it is the slow one.)
        if (!route.path.startsWith('/api/')) continue;
        const under = await call(route.method, urlOf(route), {
          authorization: `Bearer ${TEST_API_TOKEN}`,
          body: document(limit),
        });
        // Parsed, then refused for what it says (an unknown field, an unsigned event, …), not for its size.
        expect(under.status).toBeGreaterThanOrEqual(400);
        expect(under.status).toBeLessThan(500);
        expect(under.status).not.toBe(413);
      }
    });

    it('a large body to the public webhook is answered quickly and does not stall the other requests', async () => {
      // Anyone can POST to /webhooks/feishu (it is outside the bearer check): a body within the limit must cost
      // about what parsing it costs, not block the event loop.
      const size = Math.floor(limit / 2);
      const started = Date.now();
      let answered = false;
      const webhook = fetch(`${baseUrl}/webhooks/feishu`, {
        method: 'POST',
        headers: { 'Content-Type': JSON_TYPE },
        body: document(size),
        signal: AbortSignal.timeout(60_000),
      })
        .then(async (response) => ({ status: response.status, ms: Date.now() - started, text: await response.text() }))
        .finally(() => (answered = true));
      // Meanwhile, someone else's requests: how long does each wait?
      const waits: number[] = [];
      while (!answered) {
        const asked = Date.now();
        expect((await rawGet('/health')).status).toBe(200);
        waits.push(Date.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const answer = await webhook;
      expect(answer.status).toBe(401);
      // Parsing 1 MB takes milliseconds; these bounds leave room for a loaded CI machine.
      expect(answer.ms).toBeLessThan(5000);
      expect(Math.max(...waits)).toBeLessThan(2000);
    }, 120_000);

    it('a chunked body (no Content-Length) over the limit is cut off with 413 too', async () => {
      const { port } = new URL(baseUrl);
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/v1/sync',
            method: 'POST',
            headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': JSON_TYPE },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.write('{"pad":"');
        const chunk = 'x'.repeat(64 * 1024);
        for (let sent = 0; sent <= limit; sent += chunk.length) req.write(chunk);
        req.end('"}');
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.text).message).toContain(String(limit));
    });
  });

  describe('secrets', () => {
    const daysAgo = (days: number) => chinaDayOf(Math.floor(Date.now() / 1000) - days * DAY_SECONDS);

    /** A Feishu event the way Feishu sends it under an Encrypt Key: sealed and signed. */
    async function postEvent(eventType: string, employeeId: string, checkTime: number): Promise<number> {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(ENCRYPT_KEY).digest(), iv);
      const payload = JSON.stringify({
        schema: '2.0',
        header: {
          event_id: randomUUID().replaceAll('-', ''),
          token: VERIFICATION_TOKEN,
          create_time: String(checkTime * 1000),
          event_type: eventType,
          tenant_key: 'tenant',
          app_id: SAMPLE_CREDENTIALS.feishu.appId,
        },
        event: { employee_id: employeeId, employee_no: '', check_time: String(checkTime), comment: '' },
      });
      const body = JSON.stringify({
        encrypt: Buffer.concat([iv, cipher.update(payload, 'utf8'), cipher.final()]).toString('base64'),
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomUUID();
      const signature = createHash('sha256')
        .update(timestamp + nonce + ENCRYPT_KEY + body)
        .digest('hex');
      const response = await fetch(`${baseUrl}/webhooks/feishu`, {
        method: 'POST',
        headers: {
          'Content-Type': JSON_TYPE,
          'X-Lark-Request-Timestamp': timestamp,
          'X-Lark-Request-Nonce': nonce,
          'X-Lark-Signature': signature,
        },
        body,
      });
      answers.push(await response.text());
      return response.status;
    }

    function waitForIdle(): Promise<Record<string, unknown>[]> {
      return waitFor(
        'every run to finish',
        async () => {
          const page = JSON.parse((await api('GET', '/api/v1/runs?limit=200')).text) as {
            items: Record<string, unknown>[];
          };
          return page.items.every((run) => !['queued', 'running'].includes(String(run['status']))) && page.items;
        },
        { timeoutMs: 90_000, intervalMs: 100 },
      );
    }

    it('a rules sync, a punch sync and Feishu events at LOG_LEVEL debug leak no secret or vendor token', async () => {
      expect(harness.config.log.level).toBe('debug');
      // A refused credential of its own (the authentication tests may not have run: `-t`, --randomize), so the
      // 401 path is in the capture below too.
      expectErrorBody(await call('GET', '/api/v1/links', { authorization: WRONG_CREDENTIALS[1]![1] }), 401);
      await uploadSampleMappings(harness.app.getHttpServer());
      // Make the clients refresh tokens and retry mid-run, so those paths log too.
      emulators.feishu.emulator.faults.configure([
        { endpoint: 'GET /open-apis/attendance/v1/groups', kind: 'token_expiry', probability: 1, maxCount: 1 },
        {
          endpoint: 'GET /open-apis/attendance/v1/shifts/:shift_id',
          kind: 'server_error',
          probability: 1,
          maxCount: 1,
        },
      ]);
      emulators.wecom.emulator.faults.configure([
        { endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption', kind: 'token_expiry', probability: 1, maxCount: 1 },
        { endpoint: 'POST /cgi-bin/checkin/getcheckindata', kind: 'server_error', probability: 1, maxCount: 1 },
      ]);
      const rules = await api('POST', '/api/v1/sync', { direction: 'feishu_to_wecom', scope: 'rules' });
      expect(rules.status).toBe(202);
      const punches = await api('POST', '/api/v1/sync', {
        direction: 'wecom_to_feishu',
        scope: 'punches',
        from: daysAgo(3),
        to: daysAgo(2),
      });
      expect(punches.status).toBe(202);
      // A punch event queues a Feishu → WeCom punch run; an event type without a handler is logged at debug.
      const now = Math.floor(Date.now() / 1000);
      expect(await postEvent('attendance.user_flow.created_v1', SAMPLE_PEOPLE[0]!.feishuUserId, now - 3600)).toBe(200);
      expect(await postEvent('attendance.some_other_event_v1', SAMPLE_PEOPLE[0]!.feishuUserId, now)).toBe(200);

      const runs = await waitForIdle();
      expect(runs.map((run) => [run['scope'], run['direction'], run['triggeredBy'], run['status']])).toEqual(
        expect.arrayContaining([
          ['rules', 'feishu_to_wecom', 'api', 'succeeded'],
          ['punches', 'wecom_to_feishu', 'api', 'succeeded'],
          ['punches', 'feishu_to_wecom', 'event', expect.any(String)],
        ]),
      );
      // Everything the API shows about those runs (errors, items, plans), links, vendor status, metrics.
      for (const run of runs) await api('GET', `/api/v1/runs/${String(run['id'])}`);
      await api('GET', '/api/v1/links');
      await api('GET', '/api/v1/vendors');
      await call('GET', '/metrics');
      await call('GET', '/health');

      const issued = { feishu: [...feishuFront.tokens], wecom: [...wecomFront.tokens] };
      // The injected token expiries made both vendors issue a second token.
      expect(issued.feishu.length).toBeGreaterThanOrEqual(2);
      expect(issued.wecom.length).toBeGreaterThanOrEqual(2);
      const secrets: Record<string, string> = {
        GATEWAY_API_TOKEN: TEST_API_TOKEN,
        FEISHU_APP_SECRET: SAMPLE_CREDENTIALS.feishu.appSecret,
        WECOM_CORP_SECRET: SAMPLE_CREDENTIALS.wecom.corpSecret,
        FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
        ...Object.fromEntries(issued.feishu.map((token, index) => [`Feishu tenant_access_token #${index + 1}`, token])),
        ...Object.fromEntries(issued.wecom.map((token, index) => [`WeCom access_token #${index + 1}`, token])),
      };

      const logs = harness.logs;
      const records = logs.records();
      // The capture saw the runs, a debug line, the event and the refused credential (this test's own, and those
      // of the authentication tests when they ran before it).
      const messages = records.map((record) => String(record['msg']));
      expect(messages).toEqual(expect.arrayContaining(['Run started', 'Run finished']));
      expect(records.some((record) => record['level'] === 'debug')).toBe(true);
      expect(records.some((record) => (record['res'] as { statusCode?: number } | undefined)?.statusCode === 401)).toBe(
        true,
      );

      const haystacks = { 'log lines': logs.text.toLowerCase(), answers: answers.join('\n').toLowerCase() };
      const leaks: string[] = [];
      for (const [name, secret] of Object.entries(secrets)) {
        // The whole value, case-insensitively (a re-cased token is a leak too), and its last 12 characters
        // (a "redaction" that keeps the random tail is not one).
        for (const [part, needle] of [
          ['whole', secret],
          ['tail', secret.slice(-12)],
        ] as const) {
          for (const [where, haystack] of Object.entries(haystacks)) {
            if (haystack.includes(needle.toLowerCase())) leaks.push(`${name} (${part}) in ${where}`);
          }
        }
      }
      expect(leaks).toEqual([]);
      process.stdout.write(
        `\nsecurity: scanned ${logs.lines.length} log lines and ${answers.length} answers for ` +
          `${Object.keys(secrets).length} secrets (${issued.feishu.length} Feishu and ${issued.wecom.length} WeCom ` +
          `access tokens issued during the runs): no leak\n\n`,
      );
    }, 150_000);
  });

  describe('storage', () => {
    it('no table of the mapping store has a column for a credential: nothing to encrypt at rest', async () => {
      // The schema as the migrations left it on the app's database, every table of the store's schema.
      const { rows } = await harness.app
        .get(MappingStore)
        .sqlExecutor()
        .executeSql(
          `SELECT table_name || '.' || column_name AS "column" FROM information_schema.columns
           WHERE table_schema = current_schema()`,
        );
      const columns = (rows as { column: string }[]).map((row) => row.column);
      expect(columns).toEqual(expect.arrayContaining(['link_sides.external_id', 'sync_runs.params']));
      expect(columns.length).toBeGreaterThan(40);
      expect(
        columns.filter((name) => /secret|password|passwd|credential|token|api_?key|encrypt|cipher/i.test(name)),
      ).toEqual([]);
    });
  });
});
