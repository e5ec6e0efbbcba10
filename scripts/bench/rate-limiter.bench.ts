// The clients' rate limiter against the emulators enforcing the same published limits: N requests at limit
// L per second should take the floor N/L (within 1.1×) and draw zero rate-limit errors.
import { FeishuClient } from '@app/feishu';
import { WecomClient } from '@app/wecom';
import { FeishuEmulator } from '../../apps/emulators/src/feishu/index.js';
import { SAMPLE_CREDENTIALS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { WecomEmulator } from '../../apps/emulators/src/wecom/index.js';
import { measure, peakRssMb, type ScenarioResult } from './bench-report.js';

function countBy(entries: readonly { method: string; path: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.method} ${entry.path.replace(/\/\d{6,}/g, '/:id')}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Feishu's published 50 requests/s per API: N concurrent group reads through one client. */
export async function feishuRateLimiterScenario(requests: number): Promise<ScenarioResult> {
  const emulator = new FeishuEmulator();
  const server = await emulator.listen(0);
  try {
    const client = new FeishuClient({
      ...SAMPLE_CREDENTIALS.feishu,
      baseUrl: server.url,
      employeeType: 'employee_id',
      deptType: 'open_id',
    });
    const groupIds: string[] = [];
    for await (const group of client.listGroups({ pageSize: 50 })) groupIds.push(group.group_id);
    emulator.requests.clear();
    const { wallSeconds, cpuSeconds } = await measure(() =>
      Promise.all(Array.from({ length: requests }, (_, i) => client.getGroup(groupIds[i % groupIds.length] ?? ''))),
    );
    const logged = emulator.requests.list();
    return {
      scenario: `feishu GET group @50/s`,
      requests,
      byEndpoint: countBy(logged),
      wallSeconds,
      floorSeconds: requests / 50,
      rateLimitErrors: logged.filter((entry) => entry.status === 429 || entry.code === 99991400).length,
      peakRssMb: peakRssMb(),
      cpuSeconds,
    };
  } finally {
    await server.close();
  }
}

/** WeCom's published getcheckindata limit, 600/min: N concurrent one-day reads through one client. */
export async function wecomRateLimiterScenario(requests: number): Promise<ScenarioResult> {
  const emulator = new WecomEmulator();
  const server = await emulator.listen(0);
  try {
    const client = new WecomClient({ ...SAMPLE_CREDENTIALS.wecom, baseUrl: server.url });
    await client.getCorpCheckinOptions();
    emulator.requests.clear();
    const day = Math.floor(Date.now() / 1000 / 86400) * 86400;
    const users = SAMPLE_PEOPLE.map((person) => person.wecomUserId);
    const { wallSeconds, cpuSeconds } = await measure(() =>
      Promise.all(
        Array.from({ length: requests }, (_, i) =>
          client.getCheckinData({
            starttime: day - 86400 * ((i % 10) + 1),
            endtime: day - 86400 * (i % 10),
            useridlist: users,
          }),
        ),
      ),
    );
    const logged = emulator.requests.list();
    return {
      scenario: `wecom getcheckindata @600/min`,
      requests,
      byEndpoint: countBy(logged),
      wallSeconds,
      floorSeconds: requests / 10,
      rateLimitErrors: logged.filter((entry) => entry.code === 45009 || entry.code === 45033).length,
      peakRssMb: peakRssMb(),
      cpuSeconds,
    };
  } finally {
    await server.close();
  }
}
