// `npm run demo`: the gateway's main job on the embedded defaults, end to end on this machine. Starts both
// vendor emulators with the sample company, starts the built gateway on a fresh embedded database pointed
// at them, checks both vendors are reachable, uploads the sample company's ID mappings, and runs the
// Feishu → WeCom rules sync through the REST API — printing each group's outcome with its losses, and the name
// conflicts it opened (a WeCom rule the gateway did not create already has a group's name: the sample company
// has 总部固定班 on both sides) — then runs it again to show that an unchanged company makes no writes. Exits
// non-zero if anything on the way fails. With `--serve` (`npm run demo -- --serve`) it then prints the HR
// console's address and keeps the emulators and the gateway running, for a person to look around, until Ctrl-C.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../apps/emulators/src/sample-company/people.js';
import { startEmulators } from '../apps/emulators/src/start-emulators.js';
import { startGateway, waitForHealth } from '../test/support/gateway-process.js';

const API_TOKEN = 'demo-token-not-secret';
const SERVE = process.argv.includes('--serve');
const WECOM_RULE_WRITES = ['add_checkin_option', 'update_checkin_option', 'clear_checkin_option_array_field'];

function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

interface RunItem {
  sourceId: string;
  targetId: string | null;
  action: string;
  losses: { field: string; severity: string; message: string }[];
  notes: { field: string; message: string }[];
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
    // Translation's info losses and the gateway's notes of what it did, both in the run's JSON.
    const info = entry.losses.filter((candidate) => candidate.severity === 'info').length + entry.notes.length;
    if (info > 0) line(`      (+ ${info} informational note${info === 1 ? '' : 's'} in GET /api/v1/runs/${run.id})`);
  }
}

/** The gateway's own start-up log line about the store, e.g. "embedded PostgreSQL 18.4 in /tmp/…". */
function databaseLine(stdout: string): string {
  for (const text of stdout.split('\n')) {
    if (!text.includes('Mapping store ready')) continue;
    try {
      const database = (JSON.parse(text) as { database?: string }).database;
      if (database) return database;
    } catch {
      // not a JSON log line
    }
  }
  return '(the gateway did not log its database)';
}

/** Resident memory from /proc (Linux), in MB; null elsewhere or when the process is gone. */
function procMb(pid: number, field: 'VmRSS' | 'Pss', file: 'status' | 'smaps_rollup'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * What the sync left resident: the gateway process's RSS, and the embedded PostgreSQL server's processes (the
 * postmaster named in its postmaster.pid and its children) as PSS, which splits their shared memory between them
 * instead of counting it once per process.
 */
function memoryLine(gatewayPid: number | undefined, dataDir: string): string {
  const gateway = gatewayPid === undefined ? null : procMb(gatewayPid, 'VmRSS', 'status');
  if (gateway === null) return 'Memory: not measurable on this system.';
  let server = 0;
  let processes = 0;
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postgres18', 'postmaster.pid'), 'utf8').split('\n')[0]);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      const stat = safeRead(`/proc/${pid}/stat`);
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (pid !== postmaster && parent !== postmaster) continue;
      server += procMb(pid, 'Pss', 'smaps_rollup') ?? 0;
      processes += 1;
    }
  } catch {
    return `Memory after the syncs: gateway process ${gateway.toFixed(0)} MB RSS.`;
  }
  return (
    `Memory after the syncs: gateway process ${gateway.toFixed(0)} MB RSS; embedded PostgreSQL server ` +
    `${server.toFixed(0)} MB (PSS of its ${processes} processes).`
  );
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-demo-'));
  const emulators = await startEmulators();
  const gateway = startGateway({
    GATEWAY_API_TOKEN: API_TOKEN,
    PORT: '0',
    DATA_DIR: dataDir,
    // Info: the start-up line naming the database (and its version) is read from the captured log below.
    LOG_LEVEL: 'info',
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
    const { port, tookMs } = await waitForHealth(gateway, 30_000);
    line(
      `  Gateway          http://127.0.0.1:${port}  (healthy after ${(tookMs / 1000).toFixed(1)} s, data in ${dataDir})`,
    );
    line(`  Database         ${databaseLine(gateway.stdout())}`);
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
    const conflicts = (
      (await rest.call('GET', '/api/v1/conflicts')) as {
        items: {
          id: string;
          kind: string;
          feishuGroupName: string | null;
          found: { id: string; name: string } | null;
        }[];
      }
    ).items.filter((conflict) => conflict.kind === 'name_taken');
    for (const conflict of conflicts) {
      line(
        `Name conflict ${conflict.id}: ${conflict.feishuGroupName ?? '?'} — WeCom rule ${conflict.found?.id ?? '?'} ` +
          `"${conflict.found?.name ?? '?'}" was not created by the gateway, so it was neither adopted nor duplicated. ` +
          `HR resolves it: POST /api/v1/conflicts/${conflict.id}/resolve {"resolution": "adopt"|"overwrite"|"skip"}.`,
      );
    }
    if (conflicts.length > 0) line();
    const wecomWrites = () =>
      emulators.wecom.emulator.calls().filter((call) => WECOM_RULE_WRITES.includes(call.api)).length;
    const writesBefore = wecomWrites();
    const second = await rest.sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    const writes = wecomWrites() - writesBefore;
    line(
      `Run again with nothing changed: ${second.status}, ${second.summary['unchanged']} unchanged, ${writes} WeCom writes.`,
    );
    line(memoryLine(gateway.child.pid, dataDir));
    const created = first.items.filter((entry) => entry.action === 'created').length;
    const good = first.status === 'succeeded' && created + conflicts.length === first.items.length && writes === 0;
    line(
      good
        ? `Done: ${created} Feishu attendance groups are WeCom checkin rules now (see GET /api/v1/links).`
        : 'The sync did not go as expected (see above).',
    );
    line();
    line(`HR console: http://127.0.0.1:${port}/console/  (sign in with the API token ${API_TOKEN})`);
    if (SERVE) {
      line('Serving the console, the gateway and both emulators until Ctrl-C.');
      await untilInterrupted();
    } else {
      line('Run `npm run demo -- --serve` to keep it running and look around.');
    }
    return good ? 0 : 1;
  } finally {
    await gateway.stop();
    await emulators.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM, so the caller's cleanup stops the gateway and the emulators. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      line('Stopping.');
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
