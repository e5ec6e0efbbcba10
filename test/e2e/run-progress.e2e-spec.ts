import request from 'supertest';
import type { App } from 'supertest/types.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import {
  createFixedFeishuGroup,
  emulatorGatewayEnv,
  uploadSampleMappings,
  vendorAdmins,
  waitForRunBody,
} from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

// A running run's progress over REST (GET /api/v1/runs/:id): items done against the total its scope announced
// once it had listed what it visits; none once the run has finished. WeCom's creates are held by emulator
// latency so that the run is caught while running.

interface RunBody {
  status: string;
  progress: { itemsDone: number; itemsTotal: number | null } | null;
  items: { sourceId: string; action: string }[];
}

describe('run progress (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;

  beforeAll(async () => {
    emulators = await startEmulators();
    harness = await createTestApp(emulatorGatewayEnv(emulators));
    server = harness.app.getHttpServer();
    await uploadSampleMappings(server);
  });

  afterAll(async () => {
    await harness?.close();
    await emulators?.close();
  });

  const get = async (runId: string): Promise<RunBody> =>
    (await request(server).get(`/api/v1/runs/${runId}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`).expect(200))
      .body as RunBody;

  it('counts the items done against the total while running, and drops the progress when finished', async () => {
    const { feishuAdmin } = vendorAdmins(emulators);
    const groups = [
      await createFixedFeishuGroup(emulators, feishuAdmin, '进度一班'),
      await createFixedFeishuGroup(emulators, feishuAdmin, '进度二班'),
      await createFixedFeishuGroup(emulators, feishuAdmin, '进度三班'),
    ];
    emulators.wecom.emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_option', kind: 'latency', probability: 1, latencyMs: 1500 },
    ]);
    try {
      const { runId } = (
        await request(server)
          .post('/api/v1/sync')
          .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
          .send({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: groups })
          .expect(202)
      ).body as { runId: string };
      // Every poll until the run is final is a sample of its progress.
      const seen: NonNullable<RunBody['progress']>[] = [];
      await waitFor(
        `run ${runId} to finish`,
        async () => {
          const run = await get(runId);
          if (run.status === 'running' && run.progress) seen.push(run.progress);
          return run.status !== 'queued' && run.status !== 'running';
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      // Caught while running, after the groups were listed: the total is the three groups, done never above it.
      const counted = seen.filter((progress) => progress.itemsTotal !== null);
      expect(counted.length).toBeGreaterThan(0);
      for (const progress of counted) {
        expect(progress.itemsTotal).toBe(3);
        expect(progress.itemsDone).toBeGreaterThanOrEqual(0);
        expect(progress.itemsDone).toBeLessThanOrEqual(3);
      }
      const finished = await waitForRunBody<RunBody>(server, runId);
      expect(finished.status).toBe('succeeded');
      expect(finished.progress).toBeNull();
      expect(finished.items.map((item) => item.action)).toEqual(['created', 'created', 'created']);
    } finally {
      emulators.wecom.emulator.faults.clear();
    }
  });
});
