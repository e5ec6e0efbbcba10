// `npm run demo`: the gateway's main job on the embedded defaults, end to end on this machine. Starts both
// vendor emulators with the sample company, starts the built gateway on a fresh embedded database pointed
// at them, checks both vendors are reachable, uploads the sample company's ID mappings, and runs the
// Feishu → WeCom rules sync through the REST API — printing each group's outcome with its losses — then runs
// it again to show that an unchanged company makes no writes. Exits non-zero if anything on the way fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../apps/emulators/src/sample-company/people.js';
import { startEmulators } from '../apps/emulators/src/start-emulators.js';
import { freePort, startGateway, waitForHealth } from '../test/support/gateway-process.js';

const API_TOKEN = 'demo-token-not-secret';
const WECOM_RULE_WRITES = ['add_checkin_option', 'update_checkin_option', 'clear_checkin_option_array_field'];

function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

interface RunItem {
  sourceId: string;
  targetId: string | null;
  action: string;
  losses: { field: string; severity: string; message: string }[];
  error?: string;
}

interface Run {
  id: string;
  status: string;
  summary: Record<string, number>;
  items: RunItem[];
}

/** The gateway's REST API, as a script calling it would use it. */
function api(port: number) {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { Authorization: `Bearer ${API_TOKEN}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer: unknown = await response.json();
    if (response.status >= 300)
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  return {
    call,
    async sync(request: Record<string, unknown>): Promise<Run> {
      const { runId } = (await call('POST', '/api/v1/sync', request)) as { runId: string };
      for (;;) {
        const run = (await call('GET', `/api/v1/runs/${runId}`)) as Run;
        if (run.status !== 'queued' && run.status !== 'running') return run;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

function printRun(title: string, run: Run, groupNames: ReadonlyMap<string, string>): void {
  const summary = Object.entries(run.summary)
    .map(([action, count]) => `${count} ${action}`)
    .join(', ');
  line(`${title}: run ${run.id} ${run.status} (${summary})`);
  for (const entry of run.items) {
    const name = groupNames.get(entry.sourceId) ?? entry.sourceId;
    const target = entry.targetId ? ` → WeCom rule ${entry.targetId}` : '';
    line(`  ${entry.action.padEnd(9)} ${name} (Feishu group ${entry.sourceId})${target}`);
    if (entry.error) line(`      error: ${entry.error}`);
    for (const loss of entry.losses.filter((candidate) => candidate.severity !== 'info')) {
      line(`      ${loss.severity.padEnd(12)} ${loss.field}: ${loss.message}`);
    }
    const info = entry.losses.filter((candidate) => candidate.severity === 'info').length;
    if (info > 0) line(`      (+ ${info} informational note${info === 1 ? '' : 's'} in GET /api/v1/runs/${run.id})`);
  }
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-demo-'));
  const emulators = await startEmulators();
  const port = await freePort();
  const gateway = startGateway({
    GATEWAY_API_TOKEN: API_TOKEN,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    FEISHU_BASE_URL: emulators.feishu.server.url,
    FEISHU_APP_ID: SAMPLE_CREDENTIALS.feishu.appId,
    FEISHU_APP_SECRET: SAMPLE_CREDENTIALS.feishu.appSecret,
    WECOM_BASE_URL: emulators.wecom.server.url,
    WECOM_CORP_ID: SAMPLE_CREDENTIALS.wecom.corpId,
    WECOM_CORP_SECRET: SAMPLE_CREDENTIALS.wecom.corpSecret,
  });
  try {
    line('Attendance sync gateway — demo on the built-in vendor emulators and the embedded database');
    line(`  Feishu emulator  ${emulators.feishu.server.url}`);
    line(`  WeCom emulator   ${emulators.wecom.server.url}`);
    const tookMs = await waitForHealth(port, gateway, 30_000);
    line(
      `  Gateway          http://127.0.0.1:${port}  (healthy after ${(tookMs / 1000).toFixed(1)} s, data in ${dataDir})`,
    );
    line();

    const response = await fetch(`http://127.0.0.1:${port}/api/v1/vendors`, {
      headers: { Authorization: `Bearer ${API_TOKEN}` },
    });
    const body = (await response.json()) as Record<string, { reachable: boolean; detail: string }>;
    if (response.status !== 200)
      throw new Error(`GET /api/v1/vendors answered ${response.status}: ${JSON.stringify(body)}`);
    let ok = true;
    for (const [vendor, status] of Object.entries(body)) {
      ok &&= status.reachable;
      line(`  ${vendor.padEnd(7)} ${status.reachable ? 'reachable  ' : 'UNREACHABLE'}  ${status.detail}`);
    }
    line();
    if (!ok) {
      line('A vendor could not be reached (see above).');
      return 1;
    }

    const rest = api(port);
    const users = (await rest.call(
      'PUT',
      '/api/v1/mappings/users',
      SAMPLE_PEOPLE.map(({ feishuUserId, wecomUserId }) => ({ feishuUserId, wecomUserId })),
    )) as Record<string, number>;
    const departments = (await rest.call(
      'PUT',
      '/api/v1/mappings/departments',
      Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
        feishuDepartmentId,
        wecomPartyId,
      })),
    )) as Record<string, number>;
    line(`ID mappings: ${users['inserted']} users and ${departments['inserted']} departments uploaded.`);
    line();

    const groupNames = new Map(
      emulators.feishu.emulator.groups().map((group) => [String(group['group_id']), String(group['group_name'])]),
    );
    const first = await rest.sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    printRun('Feishu → WeCom rules sync', first, groupNames);
    line();
    const wecomWrites = () =>
      emulators.wecom.emulator.calls().filter((call) => WECOM_RULE_WRITES.includes(call.api)).length;
    const writesBefore = wecomWrites();
    const second = await rest.sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    const writes = wecomWrites() - writesBefore;
    line(
      `Run again with nothing changed: ${second.status}, ${second.summary['unchanged']} unchanged, ${writes} WeCom writes.`,
    );
    const created = first.items.filter((entry) => entry.action === 'created').length;
    const good = first.status === 'succeeded' && created === first.items.length && writes === 0;
    line(
      good
        ? `Done: ${created} Feishu attendance groups are WeCom checkin rules now (see GET /api/v1/links).`
        : 'The sync did not go as expected (see above).',
    );
    return good ? 0 : 1;
  } finally {
    await gateway.stop();
    await emulators.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
