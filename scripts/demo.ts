// `npm run demo`: the gateway's main job on the embedded defaults, end to end on this machine. Starts both
// vendor emulators with the sample company, starts the built gateway on a fresh embedded database pointed
// at them, and asks the gateway to reach both vendors. (The rules sync joins this script with the sync issue.)
// Exits non-zero if anything on the way fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CREDENTIALS } from '../apps/emulators/src/sample-company/people.js';
import { startEmulators } from '../apps/emulators/src/start-emulators.js';
import { freePort, startGateway, waitForHealth } from '../test/support/gateway-process.js';

const API_TOKEN = 'demo-token-not-secret';

function line(text = ''): void {
  process.stdout.write(`${text}\n`);
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
    line(ok ? 'Both vendors reachable through the gateway.' : 'A vendor could not be reached (see above).');
    return ok ? 0 : 1;
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
