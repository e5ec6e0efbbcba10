import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import request from 'supertest';
import { MappingStore } from '@app/mapping-store';
import { AppConfig, requireFeishuCredentials } from '../../apps/gateway/src/config/app-config.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// A probe mounted under /api to exercise the global pipe, filter, auth and logging the way real routes will.
class ProbeDto {
  @IsIn(['feishu_to_wecom', 'wecom_to_feishu'])
  direction!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  groupIds?: string[];

  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@Controller('api/v1/probe')
class ProbeController {
  private readonly logger = new Logger(ProbeController.name);

  constructor(private readonly config: AppConfig) {}

  @Post()
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error(`vendor call https://qyapi.weixin.qq.com/cgi-bin/checkin?access_token=LEAKME123 failed`);
  }

  @Get('feishu')
  feishu(): unknown {
    return requireFeishuCredentials(this.config);
  }

  @Get('log-secrets')
  logSecrets(): { ok: true } {
    this.logger.log(
      {
        FEISHU_APP_SECRET: 'fs-secret-value',
        nested: { tenant_access_token: 't-abcdef' },
        headers: { Authorization: 'Bearer zzz' },
      },
      'calling vendor with Bearer t-abcdef',
    );
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('gateway HTTP surface', () => {
  let harness: TestApp;
  const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

  // A gateway of its own for each test: the log lines one test causes are not another's, and the database the
  // last test closes is only its own (issue #22).
  beforeEach(async () => {
    harness = await createTestApp(
      { FEISHU_APP_SECRET: '', WECOM_CORP_ID: 'ww-test', WECOM_CORP_SECRET: 'wecom-secret-value' },
      [ProbeModule],
    );
  });

  afterEach(() => harness.close());

  const http = () => request(harness.app.getHttpServer());

  describe('GET /health', () => {
    it('answers 200 with the database check, without auth', async () => {
      const response = await http().get('/health').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });
  });

  describe('bearer auth on /api', () => {
    it.each([
      ['no header', {}],
      ['wrong token', { Authorization: 'Bearer not-the-token' }],
      ['wrong scheme', { Authorization: `Basic ${TEST_API_TOKEN}` }],
      ['token prefix only', { Authorization: `Bearer ${TEST_API_TOKEN.slice(0, 5)}` }],
    ])('rejects %s with 401 and a JSON reason', async (_name, headers) => {
      const response = await http()
        .post('/api/v1/probe')
        .set(headers)
        .send({ direction: 'feishu_to_wecom' })
        .expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('rejects unknown /api paths without a token too (401, not 404)', async () => {
      await http().get('/api/v1/does-not-exist').expect(401);
      await http().get('/api').expect(401);
      await http().get('/api/v1/does-not-exist').set(auth).expect(404);
    });

    it('lets the right token through', async () => {
      await http().post('/api/v1/probe').set(auth).send({ direction: 'feishu_to_wecom' }).expect(201);
    });
  });

  describe('validation', () => {
    it('accepts and returns a valid body', async () => {
      const body = { direction: 'wecom_to_feishu', groupIds: ['6919358128597097404'], dryRun: true };
      const response = await http().post('/api/v1/probe').set(auth).send(body).expect(201);
      expect(response.body).toEqual(body);
    });

    it.each([
      [{ direction: 'feishu_to_wecom', surprise: 1 }, 'property surprise should not exist'],
      [{ direction: 'sideways' }, 'direction must be one of the following values'],
      [{ direction: 'feishu_to_wecom', groupIds: 'g1' }, 'groupIds must be an array'],
      [{ direction: 'feishu_to_wecom', groupIds: [1] }, 'each value in groupIds must be a string'],
      [{ direction: 'feishu_to_wecom', dryRun: 'yes' }, 'dryRun must be a boolean value'],
    ])('rejects %j with 400 naming the field', async (body, expected) => {
      const response = await http().post('/api/v1/probe').set(auth).send(body).expect(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.message).toContain(expected);
    });

    it('rejects malformed JSON with 400', async () => {
      const response = await http()
        .post('/api/v1/probe')
        .set({ ...auth, 'Content-Type': 'application/json' })
        .send('{"direction": ')
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message).toMatch(/^Request body is not valid JSON: /);
    });

    it('rejects a body over the size limit with 413', async () => {
      const response = await http()
        .post('/api/v1/probe')
        .set(auth)
        .send({ direction: 'feishu_to_wecom', padding: 'x'.repeat(3 * 1024 * 1024) })
        .expect(413);
      expect(response.body.statusCode).toBe(413);
    });
  });

  describe('errors', () => {
    it('turns an unexpected error into a 500 that reveals nothing, and logs it without secrets', async () => {
      const response = await http().get('/api/v1/probe/boom').set(auth).expect(500);
      expect(response.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
      expect(harness.logs.text).toContain('access_token=[REDACTED]');
      expect(harness.logs.text).not.toContain('LEAKME123');
    });

    it('answers 503 naming the variables when a feature lacks credentials', async () => {
      const response = await http().get('/api/v1/probe/feishu').set(auth).expect(503);
      expect(response.body.message).toBe('FEISHU_APP_ID and FEISHU_APP_SECRET must be set to call Feishu');
    });
  });

  describe('logs', () => {
    it('are JSON lines with secrets redacted by key and inside text', async () => {
      await http().get('/api/v1/probe/log-secrets').set(auth).expect(200);
      const records = harness.logs.records();
      expect(records.every((record) => typeof record['level'] === 'string' && typeof record['time'] === 'number')).toBe(
        true,
      );
      const line = records.find((record) => record['msg'] === 'calling vendor with Bearer [REDACTED]');
      expect(line).toMatchObject({ FEISHU_APP_SECRET: '[REDACTED]', nested: { tenant_access_token: '[REDACTED]' } });
      expect((line?.['headers'] as Record<string, string>)['Authorization']).toBe('[REDACTED]');
    });

    it('never contain the API token, a vendor secret or a vendor token', async () => {
      await http().get('/api/v1/probe/log-secrets').set(auth).expect(200);
      await http().post('/api/v1/probe').set({ Authorization: 'Bearer wrong-guess-123' }).send({}).expect(401);
      const text = harness.logs.text;
      expect(text.length).toBeGreaterThan(0);
      for (const secret of [
        TEST_API_TOKEN,
        'wrong-guess-123',
        'wecom-secret-value',
        'fs-secret-value',
        't-abcdef',
        'zzz',
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    it('record requests with method, url and status', async () => {
      await http().post('/api/v1/probe').set(auth).send({ direction: 'nope' }).expect(400);
      const completed = harness.logs.records().filter((record) => record['msg'] === 'request completed');
      expect(completed.at(-1)).toMatchObject({
        level: 'warn',
        req: { method: 'POST', url: '/api/v1/probe' },
        res: { statusCode: 400 },
      });
    });
  });

  describe('health when the database is gone', () => {
    it('answers 503 with the failing check', async () => {
      await harness.app.get(MappingStore).close();
      const response = await http().get('/health').expect(503);
      expect(response.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    });
  });
});
