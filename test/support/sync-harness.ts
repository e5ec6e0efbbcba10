import request from 'supertest';
import type { App } from 'supertest/types.js';
import { FeishuClient, groupForUpdate } from '@app/feishu';
import { WecomClient } from '@app/wecom';
import {
  SAMPLE_CREDENTIALS,
  SAMPLE_DEPARTMENTS,
  SAMPLE_PEOPLE,
} from '../../apps/emulators/src/sample-company/people.js';
import type { RunningEmulators } from '../../apps/emulators/src/start-emulators.js';
import { TEST_API_TOKEN } from './test-app.js';
import { waitFor } from './wait-for.js';

// What the sync e2e suites share: the gateway pointed at both emulators, the vendors' own APIs (as an admin
// changing things outside the gateway would use them), and the sample company's ID mappings.

/** Gateway environment for the emulators with the sample company's credentials. */
export function emulatorGatewayEnv(emulators: RunningEmulators): Record<string, string> {
  return {
    FEISHU_BASE_URL: emulators.feishu.server.url,
    FEISHU_APP_ID: SAMPLE_CREDENTIALS.feishu.appId,
    FEISHU_APP_SECRET: SAMPLE_CREDENTIALS.feishu.appSecret,
    WECOM_BASE_URL: emulators.wecom.server.url,
    WECOM_CORP_ID: SAMPLE_CREDENTIALS.wecom.corpId,
    WECOM_CORP_SECRET: SAMPLE_CREDENTIALS.wecom.corpSecret,
    FEISHU_DEFAULT_GROUP_LEADER_IDS: SAMPLE_PEOPLE[0]!.feishuUserId,
  };
}

export function vendorAdmins(emulators: RunningEmulators): { feishuAdmin: FeishuClient; wecomAdmin: WecomClient } {
  return {
    feishuAdmin: new FeishuClient({
      appId: SAMPLE_CREDENTIALS.feishu.appId,
      appSecret: SAMPLE_CREDENTIALS.feishu.appSecret,
      baseUrl: emulators.feishu.server.url,
      employeeType: 'employee_id',
      deptType: 'open_id',
    }),
    wecomAdmin: new WecomClient({
      corpId: SAMPLE_CREDENTIALS.wecom.corpId,
      corpSecret: SAMPLE_CREDENTIALS.wecom.corpSecret,
      baseUrl: emulators.wecom.server.url,
    }),
  };
}

/** PUTs the sample company's user and department mappings through the REST API. */
export async function uploadSampleMappings(server: App): Promise<void> {
  await request(server)
    .put('/api/v1/mappings/users')
    .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
    .send(SAMPLE_PEOPLE.map(({ feishuUserId, wecomUserId }) => ({ feishuUserId, wecomUserId })))
    .expect(200);
  await request(server)
    .put('/api/v1/mappings/departments')
    .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
    .send(
      Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
        feishuDepartmentId,
        wecomPartyId,
      })),
    )
    .expect(200);
}

/** Polls `GET /api/v1/runs/:id` until the run is final (or `timeoutMs` passes), and returns its body. */
export async function waitForRunBody<T>(server: App, runId: string, timeoutMs = 60_000): Promise<T> {
  return waitFor(
    `run ${runId} to finish`,
    async () => {
      const response = await request(server)
        .get(`/api/v1/runs/${runId}`)
        .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
        .expect(200);
      const body = response.body as T & { status: string };
      return ['queued', 'running'].includes(body.status) ? null : body;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** `POST /api/v1/sync` (202 `{runId}`, nothing else), then waitForRunBody. */
export async function syncAndWait<T>(server: App, body: Record<string, unknown>, timeoutMs?: number): Promise<T> {
  const queued = await request(server)
    .post('/api/v1/sync')
    .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
    .send(body)
    .expect(202);
  expect(queued.body).toEqual({ runId: expect.any(String) });
  return waitForRunBody<T>(server, (queued.body as { runId: string }).runId, timeoutMs);
}

/**
 * A new Feishu group like the sample fixed group, under `name`, made through Feishu's API as an HR admin would.
 * The sample fixed group itself (总部固定班) shares its name with a sample WeCom rule the gateway did not
 * create, so syncing it opens a name conflict (DESIGN.md); a suite that needs a fixed group the gateway makes a
 * rule for uses one of these.
 */
export async function createFixedFeishuGroup(
  emulators: RunningEmulators,
  feishuAdmin: FeishuClient,
  name: string,
): Promise<string> {
  const model = emulators.feishu.emulator.groups().find((group) => group['group_type'] === 0)!;
  const template = await feishuAdmin.getGroup(String(model['group_id']));
  const { group_id: _id, ...body } = groupForUpdate(template);
  const locations = (template.locations ?? []).map(({ location_id: _location, ...location }) => location);
  return (await feishuAdmin.createOrUpdateGroup({ ...body, group_name: name, locations })).group_id;
}

/** The names of the WeCom rules the emulator holds now (before any sync: the sample company's own). */
export function wecomRuleNames(emulators: RunningEmulators): Set<string> {
  return new Set(emulators.wecom.emulator.rules().map((rule) => String(rule.group['groupname'])));
}
