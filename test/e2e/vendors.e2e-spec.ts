import request from 'supertest';
import { SAMPLE_CREDENTIALS } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// GET /api/v1/vendors: the gateway's own clients, over HTTP, against the vendor emulators.

describe('GET /api/v1/vendors', () => {
  let emulators: RunningEmulators;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    emulators = await startEmulators();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await emulators.close();
  });

  async function statusWith(env: Record<string, string>) {
    const harness = await createTestApp(env);
    apps.push(harness);
    const response = await request(harness.app.getHttpServer())
      .get('/api/v1/vendors')
      .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .expect(200);
    return { body: response.body, logs: harness.logs };
  }

  it('reaches both vendors with the configured credentials', async () => {
    const { body } = await statusWith({
      FEISHU_BASE_URL: emulators.feishu.server.url,
      FEISHU_APP_ID: SAMPLE_CREDENTIALS.feishu.appId,
      FEISHU_APP_SECRET: SAMPLE_CREDENTIALS.feishu.appSecret,
      WECOM_BASE_URL: emulators.wecom.server.url,
      WECOM_CORP_ID: SAMPLE_CREDENTIALS.wecom.corpId,
      WECOM_CORP_SECRET: SAMPLE_CREDENTIALS.wecom.corpSecret,
    });
    expect(body.feishu).toMatchObject({ configured: true, reachable: true, baseUrl: emulators.feishu.server.url });
    expect(body.feishu.detail).toMatch(/^[1-9]\d* attendance groups visible$/);
    expect(body.wecom).toMatchObject({ configured: true, reachable: true });
    expect(body.wecom.detail).toMatch(/^[1-9]\d* checkin rules visible$/);
  });

  it('says which variables are missing when a vendor is not configured', async () => {
    const { body } = await statusWith({});
    expect(body.feishu).toEqual({
      configured: false,
      reachable: false,
      baseUrl: 'https://open.feishu.cn',
      detail: 'FEISHU_APP_ID and FEISHU_APP_SECRET are not set',
    });
    expect(body.wecom.detail).toBe('WECOM_CORP_ID and WECOM_CORP_SECRET are not set');
  });

  it('reports a refused secret as an auth failure with the vendor code, and never echoes the secret', async () => {
    const { body, logs } = await statusWith({
      FEISHU_BASE_URL: emulators.feishu.server.url,
      FEISHU_APP_ID: SAMPLE_CREDENTIALS.feishu.appId,
      FEISHU_APP_SECRET: 'wrong-feishu-secret-123',
      WECOM_BASE_URL: emulators.wecom.server.url,
      WECOM_CORP_ID: SAMPLE_CREDENTIALS.wecom.corpId,
      WECOM_CORP_SECRET: 'wrong-wecom-secret-456',
    });
    expect(body.feishu).toMatchObject({ configured: true, reachable: false });
    expect(body.feishu.detail).toMatch(/^auth: .*\(code 99991543/);
    expect(body.wecom).toMatchObject({ configured: true, reachable: false });
    expect(body.wecom.detail).toMatch(/^auth: .*\(code 40001/);
    const everything = JSON.stringify(body) + logs.text;
    expect(everything).not.toContain('wrong-feishu-secret-123');
    expect(everything).not.toContain('wrong-wecom-secret-456');
  });
});
