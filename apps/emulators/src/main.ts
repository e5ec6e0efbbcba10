import { parseArgs } from 'node:util';
import { SAMPLE_CREDENTIALS } from './sample-company/people.js';
import { generateCompany } from './sample-company/generated-company.js';
import { startEmulators } from './start-emulators.js';

// `npm run emulators`: local stand-ins for Feishu and WeCom, seeded with the sample company, for trying the
// gateway before handing it real credentials. Options on the command line (this app reads no environment).

const usage = `Usage: npm run emulators -- [--feishu-port 9001] [--wecom-port 9002] [--host 127.0.0.1] [--seed 1] [--empty]
                             [--generated-company 2000]
  --empty                start without the sample company
  --generated-company N  both directories hold generateCompany({people: N, seed}) instead of the sample company
                         (sample-company/generated-company.ts; the same call gives its expected pairing)`;

function port(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    process.stderr.write(`${name} must be an integer 0-65535, got "${value}"\n${usage}\n`);
    process.exit(1);
  }
  return parsed;
}

function headcount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    process.stderr.write(`--generated-company must be a whole number of people, got "${value}"\n${usage}\n`);
    process.exit(1);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    'feishu-port': { type: 'string', default: '9001' },
    'wecom-port': { type: 'string', default: '9002' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    empty: { type: 'boolean', default: false },
    'generated-company': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const seed = port(values.seed, '--seed');
const sampleCompany = !values.empty;
const generated = values['generated-company'];
const people = generated === undefined ? undefined : headcount(generated);
const company = people === undefined ? undefined : generateCompany({ people, seed });
const running = await startEmulators({
  ...(company && { company }),
  host: values.host,
  feishuPort: port(values['feishu-port'], '--feishu-port'),
  wecomPort: port(values['wecom-port'], '--wecom-port'),
  feishu: { seed, sampleCompany },
  wecom: { seed, sampleCompany },
});

process.stdout.write(
  [
    `Feishu emulator: ${running.feishu.server.url}  (FEISHU_BASE_URL=${running.feishu.server.url} FEISHU_APP_ID=${SAMPLE_CREDENTIALS.feishu.appId} FEISHU_APP_SECRET=${SAMPLE_CREDENTIALS.feishu.appSecret})`,
    `WeCom emulator:  ${running.wecom.server.url}  (WECOM_BASE_URL=${running.wecom.server.url} WECOM_CORP_ID=${SAMPLE_CREDENTIALS.wecom.corpId} WECOM_CORP_SECRET=${SAMPLE_CREDENTIALS.wecom.corpSecret})`,
    company
      ? `Generated company: ${company.counts.feishuPeople} Feishu people, ${company.counts.wecomPeople} WeCom members (seed ${seed}); admin API under /__emulator/ on both. Ctrl-C stops.`
      : `Sample company: ${sampleCompany ? 'loaded' : 'not loaded (--empty)'}; admin API under /__emulator/ on both. Ctrl-C stops.`,
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
