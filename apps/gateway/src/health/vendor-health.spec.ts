import request from 'supertest';
import { type RunningEmulators, startEmulators } from '../../../emulators/src/start-emulators.js';
import { emulatorGatewayEnv } from '../../../../test/support/sync-harness.js';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';

// GET /health with HEALTH_CHECK_VENDORS: the gateway's own clients against both emulators.

describe('GET /health and HEALTH_CHECK_VENDORS', () => {
  let emulators: RunningEmulators;
  const apps: TestApp[] = [];

  async function app(env: Record<string, string>): Promise<TestApp> {
    const created = await createTestApp(env);
    apps.push(created);
    return created;
  }

  const health = (harness: TestApp) => request(harness.app.getHttpServer()).get('/health');

  /** getcorpcheckinoption calls that reached the WeCom emulator (the health probe's read). */
  const wecomProbes = () =>
    emulators.wecom.emulator.requests.list().filter((call) => call.path === '/cgi-bin/checkin/getcorpcheckinoption')
      .length;

  beforeAll(async () => {
    emulators = await startEmulators();
  });

  afterAll(async () => {
    for (const created of apps) await created.close();
    await emulators?.close();
  });

  it('checks only the database when the variable is unset, even if a vendor would fail', async () => {
    const harness = await app({ ...emulatorGatewayEnv(emulators), WECOM_CORP_SECRET: 'not-the-secret' });
    const before = emulators.wecom.emulator.requests.list().length;
    const response = await health(harness).expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' } },
    });
    expect(emulators.wecom.emulator.requests.list().length).toBe(before);
  });

  it('reports each vendor up when a token and a read work, probing at most once a minute', async () => {
    const harness = await app({ ...emulatorGatewayEnv(emulators), HEALTH_CHECK_VENDORS: 'true' });
    const before = wecomProbes();
    const first = await health(harness).expect(200);
    expect(first.body.status).toBe('ok');
    expect(first.body.info).toMatchObject({
      database: { status: 'up' },
      feishu: { status: 'up', configured: true },
      wecom: { status: 'up', configured: true },
    });
    const second = await health(harness).expect(200);
    expect(second.body.info.wecom).toMatchObject({ status: 'up', cachedResponse: true });
    expect(wecomProbes()).toBe(before + 1);
  });

  it('answers 503 naming the vendor that fails, with the reason and no secret', async () => {
    const harness = await app({
      ...emulatorGatewayEnv(emulators),
      WECOM_CORP_SECRET: 'not-the-secret',
      HEALTH_CHECK_VENDORS: 'true',
    });
    const response = await health(harness).expect(503);
    expect(response.body.status).toBe('error');
    expect(response.body.info).toMatchObject({ database: { status: 'up' }, feishu: { status: 'up' } });
    expect(response.body.error).toEqual({
      wecom: { status: 'down', message: expect.stringContaining('gettoken'), responseTime: expect.any(Number) },
    });
    expect(JSON.stringify(response.body)).not.toContain('not-the-secret');
  });

  it('does not fail for a vendor without credentials (they are optional)', async () => {
    const harness = await app({ HEALTH_CHECK_VENDORS: 'true' });
    const response = await health(harness).expect(200);
    expect(response.body.info).toMatchObject({
      feishu: { status: 'up', configured: false },
      wecom: { status: 'up', configured: false },
    });
  });
});
