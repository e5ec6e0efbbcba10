import pMap from 'p-map';
import { openMappingStore, RunQueue, type MappingStore } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import type { WecomUpdateCheckinOptionRequest } from '@app/wecom';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { emulatorGatewayEnv, vendorAdmins } from '../support/sync-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import type { ConvergenceReport } from './convergence-checks.js';
import {
  everywhere,
  FAULT_KINDS,
  FAULT_PROBABILITY,
  type FaultKind,
  type FaultRule,
  FaultSwitch,
  punchWindow,
  uploadMappings,
} from './fault-plan.js';
import { type FaultRow, formatFaultTable } from './fault-table.js';
import { GatewayApi, type RunView } from './gateway-api.js';
import { type InProcessGateway, startInProcessGateway } from './in-process-gateway.js';
import { RestartableGateway } from './process-gateway.js';
import { ConvergenceScenario, type RunExecutor } from './scenario.js';

// The fault suite (`npm run test:faults`; `npm test` skips it): the gateway converges while the vendors
// misbehave and while its process is killed. Every scenario starts from fresh emulators of both vendors (the
// sample company) and a fresh database, and drives the gateway only through its REST API, in rounds of
//
//   rules feishu_to_wecom → rules wecom_to_feishu → punches wecom_to_feishu → punches feishu_to_wecom
//
// (round 0: the sample company; each later round first adds a Feishu group, a WeCom rule and punches on both
// sides; each rules direction names the groups/rules born on its side, see ConvergenceScenario.steps). Each
// step is queued again until a run ends `succeeded` — with the faults on; after FAULTED_ATTEMPTS runs they are
// switched off for the rest of that step (the table says which steps needed that). Then it must hold:
//  - rules: one WeCom rule per Feishu group, under the group's own name, and one Feishu group per WeCom rule,
//    each pair linked in the store — but for a name the other side already had (the sample company's 总部固定班):
//    a name conflict, nothing made for it; nothing else on either side;
//  - punches: every WeCom punch of a mapped person in the window once in Feishu, every Feishu-native punch once
//    in WeCom, no (person, second) twice on either side, each with a record mapping in the store, none pending;
//  - the sequence once more with the faults off: every run succeeds and writes nothing.
//
// 1. One scenario per fault kind at 10 % of the calls of every endpoint of both vendors, with the gateway
//    in-process (on the run's database server, see test/support/test-database.ts); three at a time, since they mostly wait.
// 2. All kinds at once while the gateway process (the built dist/) is SIGKILLed in the middle of each step's
//    first run and restarted; the run is taken over (SYNC_RUN_TAKEOVER_SECONDS=10, the run queue's minimum). On DATABASE_URL's server or
//    the run's embedded one (test/global-setup.js).
//
// 3. A gateway bug the suite ran into, now fixed: its regression test (the last test).
//
// Printed at the end: fault kind | injected (the emulators' FaultInjector counts) | recovered | duplicates | lost.
// FAULT_SUITE_KINDS=server_error,sigkill runs only those scenarios (for debugging; "none" runs none).

const enabled = process.env['FAULT_SUITE'] === '1';
const describeFaults = enabled ? describe : describe.skip;
const selection = process.env['FAULT_SUITE_KINDS']?.split(',');
const selectedKinds = FAULT_KINDS.filter((kind) => !selection || selection.includes(kind));
const runSigkill = !selection || selection.includes('sigkill');
const itSigkill = runSigkill ? it : it.skip;

const TOKEN = 'fault-suite-token-5d1e8b';
/** Round 0 (the sample company) and two "next days". */
const ROUNDS = 3;
/** In-process, WeCom's 45009 costs 1 s instead of a minute (see in-process-gateway.ts). */
const WECOM_THROTTLE_BACKOFF_MS = 1000;
const TAKEOVER_SECONDS = 10;

interface ScenarioResult {
  /** The table's "injected" cell. */
  readonly injected: string;
  /** Faults of the scenario's own kind(s) that struck (must be > 0: a scenario that met none proves nothing). */
  readonly struck: number;
  readonly recovered: string;
  readonly settled: { statuses: string[]; writes: number };
  readonly report: ConvergenceReport;
  readonly log: string;
  /** SIGKILL scenario: the kills (one per step) and how each killed run ended once taken over. */
  readonly kills?: readonly { readonly status: string; readonly recoveredMs: number }[];
}

const SIGKILL_ROW = 'SIGKILL + all kinds';

/** Straight to the terminal (jest would decorate console output with a stack line). */
function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function logLines(title: string, scenario: ConvergenceScenario, api: GatewayApi, report: ConvergenceReport): string {
  return (
    `${title}\n${scenario.describe()}\n  checked: ${JSON.stringify(report.checked)}` +
    (api.unavailable ? `\n  POST /api/v1/sync answered 503 and was sent again ${api.unavailable} time(s)` : '') +
    (report.duplicates.length ? `\n  duplicates:\n    ${report.duplicates.slice(0, 20).join('\n    ')}` : '') +
    (report.lost.length ? `\n  lost:\n    ${report.lost.slice(0, 20).join('\n    ')}` : '')
  );
}

/**
 * Fresh emulators and an in-process gateway with the sample company's mappings, for `work`; both closed after
 * it, whatever happens.
 */
async function withInProcessGateway<T>(
  work: (context: { emulators: RunningEmulators; gateway: InProcessGateway; api: GatewayApi }) => Promise<T>,
): Promise<T> {
  const emulators = await startEmulators();
  let gateway: InProcessGateway | null = null;
  try {
    gateway = await startInProcessGateway(emulatorGatewayEnv(emulators), {
      apiToken: TOKEN,
      wecomThrottleBackoffMs: WECOM_THROTTLE_BACKOFF_MS,
    });
    const api = new GatewayApi(gateway.baseUrl, TOKEN);
    await uploadMappings(api);
    return await work({ emulators, gateway, api });
  } finally {
    await gateway?.close();
    await emulators.close();
  }
}

/** One fault kind at 10 % of every call of both vendors, through rounds of the sequence, in-process. */
function faultKindScenario(kind: FaultKind, seed: number): Promise<ScenarioResult> {
  return withInProcessGateway(async ({ emulators, gateway, api }) => {
    const faults = new FaultSwitch(emulators, { feishu: [everywhere(kind)], wecom: [everywhere(kind)], seed });
    const scenario = new ConvergenceScenario(emulators, api, faults, punchWindow(Math.floor(Date.now() / 1000)));
    const execute: RunExecutor = (runId) => api.waitForRun(runId, 120_000);
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await scenario.addActivity(round);
      await scenario.round(execute);
    }
    const struck = faults.injected()[kind];
    const settled = await scenario.settledPass();
    const report = await scenario.check(gateway.store);
    return {
      injected: String(struck),
      struck,
      recovered: scenario.recovered(),
      settled,
      report,
      log: logLines(`${kind} (seed ${seed})`, scenario, api, report),
    };
  });
}

/** How long the SIGKILL scenario stalls each write of a step's first run (far below the clients' timeouts). */
const HOLD_WRITES_MS = 2000;

/**
 * Waits until a vendor write of the run is being held (null: kill now) or the run ended without writing
 * anything (that run, not killed). The hold count is read in-process every 10 ms, well inside the hold.
 */
async function waitForHeldWrite(api: GatewayApi, runId: string, held: () => number): Promise<RunView | null> {
  const deadline = Date.now() + 60_000;
  for (let tick = 0; ; tick++) {
    if (held() > 0) return null;
    if (tick % 20 === 0) {
      const run = await api.run(runId);
      if (!['queued', 'running'].includes(run.status)) return held() > 0 ? null : run;
    }
    if (Date.now() > deadline) throw new Error(`run ${runId} made no vendor write within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * All kinds at once while the built gateway runs as a process that is SIGKILLed in the middle of each step's
 * first run (right after the run's first vendor write landed; others may be in flight) and started again on the
 * same PostgreSQL database, where it takes the run over once its job's heartbeat is SYNC_RUN_TAKEOVER_SECONDS
 * old (pg-boss fails the job and retries it).
 */
async function sigkillScenario(): Promise<ScenarioResult> {
  const emulators = await startEmulators();
  let database: TestDatabase | null = null;
  let store: MappingStore | null = null;
  let gateway: RestartableGateway | null = null;
  try {
    database = await createTestDatabase();
    // The store the suite reads is opened on the gateway's database; it also applies the migrations and
    // installs the run queue, as a deployment's migrate step does before the gateway starts.
    ({ store } = await openMappingStore(database.target, { migrations: MIGRATIONS, runMigrations: true }));
    await RunQueue.install(store);
    const opened = store;
    const restartable = new RestartableGateway({
      ...emulatorGatewayEnv(emulators),
      DATABASE_URL: (database.target as { url: string }).url,
      MIGRATIONS_RUN: 'false',
      GATEWAY_API_TOKEN: TOKEN,
      SYNC_RUN_TAKEOVER_SECONDS: String(TAKEOVER_SECONDS),
      LOG_LEVEL: 'warn',
    });
    gateway = restartable;
    const api = new GatewayApi(await restartable.start(), TOKEN);
    await uploadMappings(api);
    // Every kind together: each failure kind at 3 % (about one call in seven fails) plus 10 % latency spikes.
    // Not WeCom's rate_limit: after 45009 the real process stays away from the API for a minute (right for
    // WeCom, which blocks it that long) — too slow here; the in-process rate_limit scenario covers it.
    const mixed = (vendor: 'feishu' | 'wecom'): FaultRule[] =>
      FAULT_KINDS.filter((kind) => !(vendor === 'wecom' && kind === 'rate_limit')).map((kind) =>
        everywhere(kind, kind === 'latency' ? FAULT_PROBABILITY : 0.03),
      );
    const faults = new FaultSwitch(emulators, { feishu: mixed('feishu'), wecom: mixed('wecom'), seed: 97 });
    const scenario = new ConvergenceScenario(
      emulators,
      api,
      faults,
      punchWindow(Math.floor(Date.now() / 1000)),
      HOLD_WRITES_MS,
    );

    const kills: { status: string; recoveredMs: number }[] = [];
    const execute: RunExecutor = async (runId, attempt) => {
      if (attempt > 0) return api.waitForRun(runId, 90_000);
      // The step's first run has every vendor write stalled HOLD_WRITES_MS in the emulator: once one has
      // arrived, the run is certainly waiting on it, so the kill lands in the middle of the run (waiting for the
      // run's status to show a write instead raced the run's end: CI once saw a run finish before the kill).
      const written = await waitForHeldWrite(api, runId, () => faults.heldWrites());
      if (written !== null) return written;
      const killedAt = Date.now();
      await restartable.kill();
      // The held write goes through after the kill (as a write the vendor took just before the crash); the
      // rest of the run meets the usual faults, without the hold.
      faults.on();
      // Killed in the middle: the database still says the run is running, under the dead attempt.
      const orphan = await opened.runs.get(runId);
      if (orphan?.status !== 'running') throw new Error(`killed run ${runId} is ${orphan?.status ?? 'gone'}`);
      api.moveTo(await restartable.start());
      const run = await api.waitForRun(runId, 90_000);
      kills.push({ status: run.status, recoveredMs: Date.now() - killedAt });
      return run;
    };
    await scenario.round(execute);
    const injected = faults.injected();
    const settled = await scenario.settledPass();
    const report = await scenario.check(opened);
    const struck = Object.values(injected).reduce((sum, count) => sum + count, 0);
    return {
      injected: `${kills.length} kills; ${struck} faults: ${FAULT_KINDS.map((kind) => `${kind} ${injected[kind]}`).join(', ')}`,
      struck,
      recovered: scenario.recovered(),
      settled,
      report,
      kills,
      log: logLines(
        `${SIGKILL_ROW} (killed runs, once taken over: ${kills.map((kill) => `${kill.status} ${kill.recoveredMs} ms after the kill`).join(', ')})`,
        scenario,
        api,
        report,
      ),
    };
  } catch (error) {
    const detail = gateway ? `\ngateway stderr:\n${gateway.stderr().slice(-2000)}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  } finally {
    await gateway?.stopAll();
    await store?.close();
    await database?.drop();
    await emulators.close();
  }
}

async function settle<T>(work: Promise<T>): Promise<T | Error> {
  try {
    return await work;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

describeFaults('fault suite: the gateway converges under vendor faults and SIGKILL (npm run test:faults)', () => {
  const results = new Map<string, ScenarioResult | Error>();

  // The scenarios mostly wait (vendor pacing, latency, takeovers), so they run side by side: the in-process ones
  // three at a time, the SIGKILL one beside them. The tests below then judge each one's result.
  beforeAll(async () => {
    await Promise.all([
      pMap(
        selectedKinds,
        async (kind) => results.set(kind, await settle(faultKindScenario(kind, 11 + FAULT_KINDS.indexOf(kind)))),
        { concurrency: 3 },
      ),
      runSigkill ? settle(sigkillScenario()).then((result) => results.set(SIGKILL_ROW, result)) : null,
    ]);
    const rows: FaultRow[] = [];
    for (const [kind, result] of [...results].sort(([a], [b]) => rowOrder(a) - rowOrder(b))) {
      if (result instanceof Error) {
        print(`${kind}: ${result.message}`);
        rows.push({
          kind,
          injected: '?',
          recovered: `no: ${result.message.split('\n')[0]!}`,
          duplicates: '?',
          lost: '?',
        });
        continue;
      }
      print(result.log);
      rows.push({
        kind,
        injected: result.injected,
        recovered: result.recovered,
        duplicates: result.report.duplicates.length,
        lost: result.report.lost.length,
      });
    }
    print(`Fault suite summary\n${formatFaultTable(rows)}`);
  }, 420_000);

  function expectConverged(name: string): ScenarioResult {
    const result = results.get(name);
    if (result instanceof Error) throw result;
    expect(result).toBeDefined();
    const { struck, settled, report } = result!;
    expect(struck).toBeGreaterThan(0);
    expect(settled).toEqual({ statuses: settled.statuses.map(() => 'succeeded'), writes: 0 });
    expect(report.duplicates).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.checked.punchesToFeishu).toBeGreaterThan(100);
    expect(report.checked.punchesToWecom).toBeGreaterThan(50);
    return result!;
  }

  for (const kind of selectedKinds) {
    it(`${kind} at ${FAULT_PROBABILITY * 100} % of every call of both vendors: converges, no duplicates, nothing lost`, () => {
      expectConverged(kind);
    });
  }

  itSigkill('all kinds at once, the gateway process SIGKILLed in the middle of every step and restarted', () => {
    const result = expectConverged(SIGKILL_ROW);
    // A step's first run is killed while its first vendor write is held; a first run that a fault ends before
    // it writes anything is not killed. In practice every step's first run is (4 of 4).
    expect(result.kills?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  // Found by this suite when it still ran both rules directions over every link: after a round trip a gateway-made
  // 排班 rule holds two schedules with the same times, and every later rules wecom_to_feishu run failed on that
  // rule with uq_shift_links_feishu_shift — faults on or off, forever. The same happened without any fault when HR
  // added a schedule to a WeCom 排班 rule with the times of one it had: reproduced here. Cause (fixed in
  // feishu-groups.rule-side.ts recordShiftLinks): identical schedules share one Feishu shift, the link row was
  // keyed by the lowest schedule id, and when that changed the new row collided with the old one.
  it(
    'regression: a WeCom 排班 rule that gains a schedule identical to a linked one still syncs to Feishu',
    () =>
      withInProcessGateway(async ({ emulators, api }) => {
        // A 排班 rule of this gateway's WeCom app (so it may be edited through the API), like the sample's.
        const template = emulators.wecom.emulator.rules().find((rule) => rule.group['grouptype'] === 2)!;
        const ruleId = emulators.wecom.emulator.seedForeignRule({ ...template.group, groupname: '装配排班' }, 'self');
        const sync = async () => {
          const body = { direction: 'wecom_to_feishu', scope: 'rules', groupIds: [String(ruleId)] };
          const run = await api.waitForRun(await api.queue(body), 60_000);
          return { status: run.status, errors: run.items.map((item) => item.error ?? null) };
        };
        expect(await sync()).toEqual({ status: 'succeeded', errors: [null] });
        // HR adds a schedule with the times of 早班 (schedule 11) under a new name: schedule 10.
        const schedules = emulators.wecom.emulator.rules().find((rule) => rule.groupid === ruleId)!.group[
          'schedulelist'
        ] as Record<string, unknown>[];
        const early = schedules.find((schedule) => schedule['schedule_id'] === 11)!;
        const copy = {
          ...early,
          schedule_id: 10,
          schedule_name: '早班（装配）',
          time_section: (early['time_section'] as Record<string, unknown>[]).map((section) => ({
            ...section,
            time_id: 4,
          })),
        };
        const group = {
          groupid: ruleId,
          schedulelist: [...schedules, copy],
        } as WecomUpdateCheckinOptionRequest['group'];
        await vendorAdmins(emulators).wecomAdmin.updateCheckinOption({ group });
        // Before the fix: { status: 'failed', errors: [/uq_shift_links_feishu_shift/] }, on this and every later run.
        expect(await sync()).toEqual({ status: 'succeeded', errors: [null] });
        expect(await sync()).toEqual({ status: 'succeeded', errors: [null] });
      }),
    90_000,
  );
});

function rowOrder(name: string): number {
  const index = (FAULT_KINDS as readonly string[]).indexOf(name);
  return index === -1 ? FAULT_KINDS.length : index;
}
