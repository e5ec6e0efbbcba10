import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { MappingStore, RunQueue } from '@app/mapping-store';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// POST /webhooks/feishu end to end: the real app (config, body parsing, logging, store with migrations, run
// worker) on a fresh database. Requests are built here the way Feishu builds them, with node:crypto:
// body {"encrypt": base64(iv ‖ AES-256-CBC(SHA-256(Encrypt Key), PKCS#7))}, X-Lark-Signature =
// hex SHA-256(timestamp + nonce + Encrypt Key + raw body).
//
// The run worker may claim a queued run and execute it (and, with no vendor configured, fail it): the tests
// assert what was queued (scope, direction, trigger, params), never how the run ends.

const VERIFICATION_TOKEN = 'vt-e2e-5c0ffee-91ab';
const ENCRYPT_KEY = 'ek-e2e-d3adbeef-77c2';
const WEBHOOK = '/webhooks/feishu';
const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

function encrypt(plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(ENCRYPT_KEY).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

function signatureHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const nonce = randomUUID();
  const ts = String(timestamp);
  return {
    'X-Lark-Request-Timestamp': ts,
    'X-Lark-Request-Nonce': nonce,
    'X-Lark-Signature': createHash('sha256')
      .update(ts + nonce + ENCRYPT_KEY + body)
      .digest('hex'),
  };
}

/** A schema 2.0 attendance.user_flow.created_v1 event (REFERENCE.md A9), punched at `checkTime`. */
function punchEvent(employeeId: string, checkTime: Date, overrides: { eventId?: string; token?: string } = {}) {
  return {
    schema: '2.0',
    header: {
      event_id: overrides.eventId ?? randomUUID().replaceAll('-', ''),
      token: overrides.token ?? VERIFICATION_TOKEN,
      create_time: String(checkTime.getTime() + 1000),
      event_type: 'attendance.user_flow.created_v1',
      tenant_key: '2fce678eb60d1651',
      app_id: 'cli_a0c203e66cf8100c',
    },
    event: {
      employee_id: employeeId,
      employee_no: '',
      location_name: '西溪八方城',
      check_time: String(Math.floor(checkTime.getTime() / 1000)),
      comment: '',
      record_id: '6938012269578125316',
      longitude: 120.04004357074373,
      latitude: 30.29245030908851,
      ssid: 'ByteDance Inc',
      bssid: 'b0:b8:67:62:18:73',
      is_field: false,
      is_wifi: false,
      type: 0,
      photo_urls: null,
    },
  };
}

const sealed = (payload: unknown): string => JSON.stringify({ encrypt: encrypt(JSON.stringify(payload)) });

interface RunRow {
  id: string;
  scope: string;
  direction: string;
  triggeredBy: string;
  dryRun: boolean;
  params: Record<string, unknown>;
}

describe('POST /webhooks/feishu with an Encrypt Key', () => {
  let harness: TestApp;
  let store: MappingStore;

  // A gateway of its own for each test: the runs one test's events queue, the log lines it causes and the
  // stopped worker of the burst test never reach another (issue #22).
  beforeEach(async () => {
    harness = await createTestApp({ FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN, FEISHU_ENCRYPT_KEY: ENCRYPT_KEY });
    store = harness.app.get(MappingStore);
  });

  afterEach(() => harness.close());

  const http = () => request(harness.app.getHttpServer());

  /** Posts `body` exactly as given (these bytes are what the signature covers). */
  const post = (body: string, headers: Record<string, string> = {}) =>
    http().post(WEBHOOK).set('Content-Type', 'application/json; charset=utf-8').set(headers).send(body);
  const postSigned = (body: string, timestamp?: number) => post(body, signatureHeaders(body, timestamp));

  async function eventRuns(): Promise<RunRow[]> {
    const response = await http().get('/api/v1/runs?limit=200').set(auth).expect(200);
    return (response.body as { items: RunRow[] }).items.filter((run) => run.triggeredBy === 'event');
  }

  it('answers the encrypted URL-verification challenge (unsigned, as Feishu sends it)', async () => {
    const body = sealed({ challenge: 'ajls384kdjx98XX', token: VERIFICATION_TOKEN, type: 'url_verification' });
    const response = await post(body).expect(200);
    expect(response.body).toEqual({ challenge: 'ajls384kdjx98XX' });
  });

  it('refuses the challenge with the wrong verification token', async () => {
    const body = sealed({ challenge: 'ajls384kdjx98XX', token: 'not-the-token', type: 'url_verification' });
    const response = await post(body).expect(401);
    expect(response.body.challenge).toBeUndefined();
  });

  it('queues exactly one punch run (Feishu → WeCom) for that user and China-time day', async () => {
    // 2021-03-10 23:45 UTC = 2021-03-11 07:45 in Shanghai: the China day, not the UTC one.
    const event = punchEvent('2b68933a', new Date(Date.UTC(2021, 2, 10, 23, 45)));
    const response = await postSigned(sealed(event)).expect(200);
    expect(response.headers['content-type']).toMatch(/json/);

    const runs = (await eventRuns()).filter((run) => run.params['userIds']?.toString() === '2b68933a');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      scope: 'punches',
      direction: 'feishu_to_wecom',
      triggeredBy: 'event',
      dryRun: false,
      params: { userIds: ['2b68933a'], from: '2021-03-11', to: '2021-03-11' },
    });
    expect(await store.eventReceipts.find('feishu', event.header.event_id)).toEqual({
      eventType: 'attendance.user_flow.created_v1',
      runId: runs[0]!.id,
    });
  });

  it('acts once on an event delivered again: the same request, a re-push, or copies at the same time', async () => {
    const event = punchEvent('dup-user', new Date(Date.UTC(2021, 2, 12, 1, 0)));
    const body = sealed(event);
    const headers = signatureHeaders(body);
    await post(body, headers).expect(200);
    await post(body, headers).expect(200); // byte-identical replay within the window
    // Feishu re-pushes with a fresh timestamp, nonce and ciphertext.
    await Promise.all([1, 2, 3].map(() => postSigned(sealed(event)).expect(200)));
    const runs = (await eventRuns()).filter((run) => run.params['userIds']?.toString() === 'dup-user');
    expect(runs).toHaveLength(1);
  });

  it('refuses a bad signature, a missing one, a stale timestamp and a wrong token, queuing nothing', async () => {
    const before = (await eventRuns()).length;
    const at = new Date(Date.UTC(2021, 2, 13, 1, 0));

    const tamperedBody = sealed(punchEvent('bad-sig', at));
    const tampered = { ...signatureHeaders(tamperedBody), 'X-Lark-Signature': 'ab'.repeat(32) };
    expect((await post(tamperedBody, tampered).expect(401)).body.message).toMatch(/X-Lark-Signature/);

    const nonceBody = sealed(punchEvent('bad-sig', at));
    await post(nonceBody, { ...signatureHeaders(nonceBody), 'X-Lark-Request-Nonce': 'changed-after-signing' }).expect(
      401,
    );

    await post(sealed(punchEvent('unsigned', at))).expect(401);

    const staleBody = sealed(punchEvent('stale', at));
    const stale = await postSigned(staleBody, Math.floor(Date.now() / 1000) - 6 * 60).expect(401);
    expect(stale.body.message).toMatch(/5 minutes/);

    const wrongToken = await postSigned(sealed(punchEvent('wrong-token', at, { token: 'guessed' }))).expect(401);
    expect(wrongToken.body.message).toBe('Invalid verification token');

    expect(await eventRuns()).toHaveLength(before);
  });

  it('verifies the raw bytes: odd key order and spacing pass, a signature over the re-serialised JSON fails', async () => {
    const payload = sealed(punchEvent('raw-user', new Date(Date.UTC(2021, 2, 14, 1, 0))));
    const { encrypt: ciphertext } = JSON.parse(payload) as { encrypt: string };
    const odd = `{\n  "note" :  "spacing and key order differ from JSON.stringify",\n  "encrypt":"${ciphertext}"   }`;
    expect(JSON.stringify(JSON.parse(odd))).not.toBe(odd);

    // Signed over the re-serialised JSON (what node-sdk does), sent as the odd bytes: refused.
    await post(odd, signatureHeaders(JSON.stringify(JSON.parse(odd)))).expect(401);
    // Signed over the bytes as sent: accepted.
    await post(odd, signatureHeaders(odd)).expect(200);

    const runs = (await eventRuns()).filter((run) => run.params['userIds']?.toString() === 'raw-user');
    expect(runs).toHaveLength(1);
  });

  it('acknowledges other event types without queuing anything', async () => {
    const before = (await eventRuns()).length;
    const taskEvent = {
      schema: '2.0',
      header: {
        event_id: randomUUID(),
        token: VERIFICATION_TOKEN,
        create_time: String(Date.now()),
        event_type: 'attendance.user_task.updated_v1',
      },
      event: { date: 20210310, employee_id: '2b68933a', status_changes: [] },
    };
    await postSigned(sealed(taskEvent)).expect(200);
    expect(await eventRuns()).toHaveLength(before);
    expect(await store.eventReceipts.find('feishu', taskEvent.header.event_id)).toBeNull();
  });

  it('needs no bearer token, and leaves the other routes parsed and limited as before', async () => {
    await http()
      .post('/api/v1/sync')
      .set(auth)
      .send({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true })
      .expect(202);
    const malformed = await http().post('/api/v1/sync').set(auth).set('Content-Type', 'application/json').send('{"a":');
    expect(malformed.status).toBe(400);
    const huge = JSON.stringify({ encrypt: 'A'.repeat(2 * 1024 * 1024) });
    await post(huge, signatureHeaders(huge)).expect(413);
    await post('not json', signatureHeaders('not json')).expect(400);
  });

  it('never writes the Verification Token or the Encrypt Key to the logs', async () => {
    // A challenge answered, an event queued, and each kind of refusal, all logged.
    await post(sealed({ challenge: 'log-ch', token: VERIFICATION_TOKEN, type: 'url_verification' })).expect(200);
    await postSigned(sealed(punchEvent('log-user', new Date(Date.UTC(2021, 2, 17, 1, 0))))).expect(200);
    await post(sealed({ challenge: 'log-ch', token: 'not-the-token', type: 'url_verification' })).expect(401);
    await post(sealed(punchEvent('log-unsigned', new Date(Date.UTC(2021, 2, 17, 1, 0))))).expect(401);
    const body = sealed(punchEvent('log-bad-sig', new Date(Date.UTC(2021, 2, 17, 1, 0))));
    await post(body, { ...signatureHeaders(body), 'X-Lark-Signature': 'ab'.repeat(32) }).expect(401);
    await postSigned(sealed(punchEvent('log-wrong-token', new Date(), { token: 'guessed' }))).expect(401);
    expect(harness.logs.lines.length).toBeGreaterThan(0);
    expect(harness.logs.text).toContain('Feishu event request refused');
    expect(harness.logs.text).not.toContain(VERIFICATION_TOKEN);
    expect(harness.logs.text).not.toContain(ENCRYPT_KEY);
  });

  // This test's gateway stops executing runs, as at the start of a shutdown, so that runs stay queued for the
  // events.
  it('a burst of punch events for one day joins the run still queued: one run, each person once', async () => {
    await harness.app.get(RunQueue).stopWorking(20_000);
    const at = new Date(Date.UTC(2021, 2, 15, 1, 0));
    const users = Array.from({ length: 20 }, (_, index) => `burst-${index}`);
    const events = users.map((user) => punchEvent(user, at));
    await Promise.all(events.map((event) => postSigned(sealed(event)).expect(200)));
    const runs = (await eventRuns()).filter((run) => run.params['from'] === '2021-03-15');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.params).toEqual({ userIds: expect.any(Array), from: '2021-03-15', to: '2021-03-15' });
    expect([...(runs[0]!.params['userIds'] as string[])].sort()).toEqual([...users].sort());
    for (const event of events) {
      expect(await store.eventReceipts.find('feishu', event.header.event_id)).toMatchObject({ runId: runs[0]!.id });
    }
    // Another day is another run.
    await postSigned(sealed(punchEvent('burst-0', new Date(Date.UTC(2021, 2, 16, 1, 0))))).expect(200);
    expect((await eventRuns()).filter((run) => run.params['from'] === '2021-03-16')).toHaveLength(1);
  });
});

describe('POST /webhooks/feishu without an Encrypt Key (plain events)', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await createTestApp({ FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN });
  });

  afterAll(() => harness.close());

  const post = (body: unknown) =>
    request(harness.app.getHttpServer())
      .post(WEBHOOK)
      .send(body as object);

  it('answers the plain challenge for the right token only', async () => {
    const challenge = { challenge: 'plain-ch-1', token: VERIFICATION_TOKEN, type: 'url_verification' };
    expect((await post(challenge).expect(200)).body).toEqual({ challenge: 'plain-ch-1' });
    await post({ ...challenge, token: 'nope' }).expect(401);
  });

  it('queues a run for a plain event with the right token, refuses the wrong token and encrypted bodies', async () => {
    const store = harness.app.get(MappingStore);
    await post(punchEvent('plain-user', new Date(Date.UTC(2021, 2, 10, 2, 0)))).expect(200);
    await post(punchEvent('plain-wrong', new Date(), { token: 'nope' })).expect(401);
    const encrypted = await post({ encrypt: 'abc' }).expect(400);
    expect(encrypted.body.message).toContain('FEISHU_ENCRYPT_KEY');
    const runs = (await store.runs.list(200, 0)).items.filter((run) => run.triggeredBy === 'event');
    expect(runs.map((run) => run.params)).toEqual([{ userIds: ['plain-user'], from: '2021-03-10', to: '2021-03-10' }]);
  });
});

describe('POST /webhooks/feishu when not configured', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await createTestApp();
  });

  afterAll(() => harness.close());

  it('answers 503 naming FEISHU_VERIFICATION_TOKEN', async () => {
    const response = await request(harness.app.getHttpServer())
      .post(WEBHOOK)
      .send({ challenge: 'c', token: 't', type: 'url_verification' })
      .expect(503);
    expect(response.body.message).toContain('FEISHU_VERIFICATION_TOKEN');
  });
});
