// The gateway side of the punch benchmark, in its own process so that its peak RSS and CPU are the gateway's
// alone (the emulators hold every punch of both vendors in memory and run in the parent). Reads one JSON
// argument, runs the real punch reconciler (PUNCHES_RECONCILER; real clients, a real mapping store on embedded PostgreSQL) WeCom →
// Feishu over the window, and prints one JSON line with its measurements.
import { FeishuPunchesConnector, WecomPunchesConnector } from '@app/connectors';
import { FeishuClient } from '@app/feishu';
import { openMappingStore } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { WecomClient } from '@app/wecom';
import { SAMPLE_CREDENTIALS } from '../../apps/emulators/src/sample-company/people.js';
import { loadIdResolver } from '../../apps/gateway/src/sync/id-resolver.loader.js';
import { PUNCHES_RECONCILER } from '../../apps/gateway/src/sync/punches/punches.scope.js';
import { createTestDatabase, serverUrl } from '../../test/support/test-database.js';
import { measure, peakRssMb } from './bench-report.js';
import { UnreadableRecords } from '../../apps/gateway/src/sync/engine/unreadable-records.js';

export interface PunchWorkerInput {
  readonly feishuUrl: string;
  readonly wecomUrl: string;
  readonly people: readonly { readonly feishuUserId: string; readonly wecomUserId: string }[];
  readonly from: string;
  readonly to: string;
}

export interface PunchWorkerOutput {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly actions: Record<string, number>;
  readonly firstError: string | null;
  /** Items that failed with a rate-limit error: what the run surfaced to its caller. */
  readonly rateLimitFailures: number;
  /** postgres: a fresh database on DATABASE_URL's server; embedded: an embedded PostgreSQL server of its own. */
  readonly database: 'postgres' | 'embedded';
  /** Peak RSS right after the store opened, before any punch: what the database engine alone costs here. */
  readonly storeOpenRssMb: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as PunchWorkerInput;
// As the gateway is deployed: PostgreSQL when DATABASE_URL names a server (a fresh database there), else the
// embedded server (its own processes: not in this process's RSS).
const database = serverUrl()
  ? await createTestDatabase()
  : { kind: 'embedded' as const, target: { kind: 'embedded' as const }, drop: () => Promise.resolve() };
const { store } = await openMappingStore(database.target, { migrations: MIGRATIONS, runMigrations: true });
const storeOpenRssMb = peakRssMb();
try {
  await store.users.upsertMany(input.people);
  const feishu = new FeishuClient({
    ...SAMPLE_CREDENTIALS.feishu,
    baseUrl: input.feishuUrl,
    employeeType: 'employee_id',
    deptType: 'open_id',
  });
  const wecom = new WecomClient({ ...SAMPLE_CREDENTIALS.wecom, baseUrl: input.wecomUrl });
  const runId = (
    await store.runs.create({
      direction: 'wecom_to_feishu',
      scope: 'punches',
      dryRun: false,
      triggeredBy: 'api',
      params: { from: input.from, to: input.to },
    })
  ).id;
  const {
    result: items,
    wallSeconds,
    cpuSeconds,
  } = await measure(async () => {
    // As the run executor does: the id mappings once per run, then the engine.
    const resolver = await loadIdResolver(store, 'table');
    const context = {
      runId,
      dryRun: false,
      params: { from: input.from, to: input.to },
      store,
      resolver,
      userIdMapping: 'table' as const,
      now: () => new Date(),
      unreadable: new UnreadableRecords(),
    };
    const connectors = { feishu: new FeishuPunchesConnector(feishu), wecom: new WecomPunchesConnector(wecom) };
    return PUNCHES_RECONCILER.run(context, connectors, 'wecom_to_feishu');
  });
  const actions: Record<string, number> = {};
  for (const item of items) actions[item.action] = (actions[item.action] ?? 0) + 1;
  const output: PunchWorkerOutput = {
    wallSeconds,
    cpuSeconds,
    peakRssMb: peakRssMb(),
    actions,
    firstError: items.find((item) => item.error)?.error ?? null,
    rateLimitFailures: items.filter((item) => item.action === 'failed' && /rate_limit/.test(item.error ?? '')).length,
    database: database.kind,
    storeOpenRssMb,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  await store.close();
  await database.drop();
}
