// Identity matching at scale (issue #21): a generated company of N people in both emulators, WeCom as a new
// self-built app (its user/list gives no email or mobile, so every Feishu person costs WeCom a lookup), and one
// run of the real IdentityMatchJob — the real clients with the published limits, the directory connectors, the
// pure plan and the store transaction on a real mapping store — without auto-accept, so it writes proposals.
// The outcome is checked against what the generator wrote down (company.expected), and the run against the
// rate-limit floor of the requests it made. The misses it spent of WeCom's day budget of failed lookups (20 %
// of the seat limit, per lookup API) are printed too: a run that spent it all would leave people unmatched.
import { pathToFileURL } from 'node:url';
import { FeishuClient } from '@app/feishu';
import { openMappingStore, RunQueue, type DatabaseTarget, type IdentityMatch } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { WecomClient } from '@app/wecom';
import { SAMPLE_CREDENTIALS } from '../../apps/emulators/src/sample-company/people.js';
import { generateCompany, type GeneratedCompany } from '../../apps/emulators/src/sample-company/generated-company.js';
import { startEmulators } from '../../apps/emulators/src/start-emulators.js';
import {
  loadAppConfig,
  requireFeishuCredentials,
  requireWecomCredentials,
} from '../../apps/gateway/src/config/app-config.js';
import { IdentityMatchJob } from '../../apps/gateway/src/mappings/match/identity-match.job.js';
import { VendorClients } from '../../apps/gateway/src/vendors/vendor-clients.service.js';
import { UnreadableRecords } from '../../apps/gateway/src/sync/engine/unreadable-records.js';
import { bindingLimit, describeFloor, pace, shortLabel, WECOM_API_BY_ENDPOINT } from './bench-floor.js';
import { measure, peakRssMb, printResults, ratio, type ScenarioResult } from './bench-report.js';

export interface IdentityMatchBench {
  readonly result: ScenarioResult;
  /** The company, what set the floor and where the time went, the day budget spent. */
  readonly notes: readonly string[];
  /** One line per check, e.g. "match: unique pairs proposed: 18640 (expected 18640) ok". */
  readonly checks: readonly { readonly line: string; readonly ok: boolean }[];
}

/** The seed of the benchmark's company: one seed, one company, the same figures run after run. */
const BENCH_SEED = 2121;
/** WeCom's lookups whose misses count against the day budget ([W1], [W2]). */
const LOOKUP_APIS = ['getuserid', 'get_userid_by_email'] as const;

/**
 * The store: DATABASE_URL when set (a real PostgreSQL, as a deployment has), else the embedded one the other
 * benchmarks use. A shared database keeps earlier runs' rows: the checks read only this run's matches.
 */
function benchDatabase(): DatabaseTarget {
  const url = process.env['DATABASE_URL'];
  return url ? { kind: 'postgres', url } : { kind: 'embedded' };
}

export interface IdentityMatchOptions {
  /**
   * Stalls every vendor call that long (the emulators' latency fault), as the real vendors' round trips would:
   * with IDENTITY_LOOKUP_CONCURRENCY lookups in flight (default 4), whether the limit's spacing (24 ms) or
   * the round trip sets the pace is what this shows.
   */
  readonly latencyMs?: number;
}

export async function identityMatchScenario(
  people: number,
  options: IdentityMatchOptions = {},
): Promise<IdentityMatchBench> {
  const company = generateCompany({ people, seed: BENCH_SEED });
  const emulators = await startEmulators({ company });
  const latencyMs = options.latencyMs ?? 0;
  if (latencyMs > 0) {
    const stall = [{ endpoint: '*', kind: 'latency', probability: 1, latencyMs }] as const;
    emulators.feishu.emulator.faults.configure(stall);
    emulators.wecom.emulator.faults.configure(stall);
  }
  const { store } = await openMappingStore(benchDatabase(), { migrations: MIGRATIONS, runMigrations: true });
  let queue: RunQueue | undefined;
  try {
    // The gateway's configuration read from the environment it would have, and its clients built from it as
    // VendorsModule does (default, i.e. published, rate limits); no observer: nothing here reads metrics.
    const config = loadAppConfig({
      GATEWAY_API_TOKEN: 'bench-identity-match-token',
      FEISHU_BASE_URL: emulators.feishu.server.url,
      FEISHU_APP_ID: SAMPLE_CREDENTIALS.feishu.appId,
      FEISHU_APP_SECRET: SAMPLE_CREDENTIALS.feishu.appSecret,
      WECOM_BASE_URL: emulators.wecom.server.url,
      WECOM_CORP_ID: SAMPLE_CREDENTIALS.wecom.corpId,
      WECOM_CORP_SECRET: SAMPLE_CREDENTIALS.wecom.corpSecret,
    });
    const feishu = new FeishuClient({
      ...requireFeishuCredentials(config),
      baseUrl: config.feishu.baseUrl,
      employeeType: config.feishu.employeeType,
      deptType: config.feishu.deptType,
    });
    const wecom = new WecomClient({ ...requireWecomCredentials(config), baseUrl: config.wecom.baseUrl });
    // The job queues a rules run when mappings change (not with proposals only); the queue is real, but no
    // worker takes its jobs here.
    queue = await RunQueue.start(store, { heartbeatSeconds: 60, install: true });
    const job = new IdentityMatchJob(store, new VendorClients(feishu, wecom), config, queue);
    const run = await store.runs.create({
      direction: 'two_way',
      scope: 'identities',
      dryRun: false,
      triggeredBy: 'api',
      params: { autoAccept: false },
    });

    const feishuFrom = emulators.feishu.emulator.calls().length;
    const wecomFrom = emulators.wecom.emulator.requests.list().length;
    const unreadable = new UnreadableRecords();
    const startedAt = Date.now();
    const {
      result: items,
      wallSeconds,
      cpuSeconds,
    } = await measure(() => job.execute(run, { unreadable: unreadable.sink }));
    const endedAt = Date.now();
    const feishuCalls = emulators.feishu.emulator.calls().slice(feishuFrom);
    const wecomCalls = emulators.wecom.emulator.requests.list().slice(wecomFrom);

    const requests: Record<string, number> = {};
    const arrivals = new Map<string, number[]>();
    const arrived = (endpoint: string, at: number) => {
      requests[endpoint] = (requests[endpoint] ?? 0) + 1;
      const times = arrivals.get(endpoint) ?? [];
      times.push(at);
      arrivals.set(endpoint, times);
    };
    for (const call of feishuCalls) arrived(call.endpoint, call.at);
    for (const call of wecomCalls) arrived(`${call.method} ${call.path}`, call.at);
    const binding = bindingLimit(requests);
    // 45009 from a lookup is the day budget spent, not the rate limit: counted apart below.
    const rateLimitErrors =
      feishuCalls.filter((call) => call.status === 429 || call.code === 99991400).length +
      wecomCalls.filter((call) => (call.code === 45009 || call.code === 45033) && !isLookup(call)).length;

    const matches = (await store.identityMatches.listAll('user')).filter((match) => match.runId === run.id);
    const failed = items.filter((item) => item.error !== null);
    const checks = outcomeChecks(company, matches, failed.length, rateLimitErrors, failed[0]?.error ?? undefined);

    const label =
      `identity match: ${people.toLocaleString('en-US')} people, new WeCom app` +
      (latencyMs > 0 ? ` (+${latencyMs} ms per call)` : '');
    const notes = [
      `${label}: ${company.counts.feishuPeople} Feishu / ${company.counts.wecomPeople} WeCom people, ` +
        `${company.counts.departments} departments; ${company.counts.email} share an email, ` +
        `${company.counts.mobileOnly} only a mobile, ${company.counts.none} nothing, ` +
        `${company.counts.ambiguous} in ambiguous pairs; ${unreadable.size} unreadable records`,
      `${label}: ${describeFloor(requests)}; ${pace(arrivals.get(binding.endpoint) ?? [], startedAt, endedAt, binding)}`,
      `${label}: ${lookupPhases(wecomCalls, startedAt, endedAt)}`,
      `${label}: ${dayBudget(wecomCalls, company.wecom.seatLimit)}`,
    ];
    return {
      notes,
      checks,
      result: {
        scenario: label,
        requests: feishuCalls.length + wecomCalls.length,
        byEndpoint: Object.fromEntries(Object.entries(requests).map(([endpoint, n]) => [shortLabel(endpoint), n])),
        wallSeconds,
        floorSeconds: binding.seconds,
        rateLimitErrors,
        peakRssMb: peakRssMb(),
        cpuSeconds,
      },
    };
  } finally {
    await queue?.stop(1_000);
    await store.close();
    await emulators.close();
  }
}

interface WecomCall {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly code?: number | null;
}

function lookupApi(call: WecomCall): (typeof LOOKUP_APIS)[number] | undefined {
  const api = WECOM_API_BY_ENDPOINT.get(`${call.method} ${call.path}`);
  return LOOKUP_APIS.find((lookup) => lookup === api);
}

function isLookup(call: WecomCall): boolean {
  return lookupApi(call) !== undefined;
}

/**
 * The lookups are asked one attribute after the other (every email, then the mobiles of whoever is still
 * unpaired): the floor counts the larger phase only, the wall time holds both. Each phase's span and calls.
 */
function lookupPhases(calls: readonly WecomCall[], startedAt: number, endedAt: number): string {
  const phases = LOOKUP_APIS.map((api) => {
    const times = calls.filter((call) => lookupApi(call) === api).map((call) => call.at);
    const first = times[0];
    const last = times[times.length - 1];
    if (first === undefined || last === undefined) return `${api}: none`;
    return `${api}: ${times.length} calls from +${((first - startedAt) / 1000).toFixed(1)} s to +${((last - startedAt) / 1000).toFixed(1)} s`;
  });
  return `lookup phases (wall ${((endedAt - startedAt) / 1000).toFixed(1)} s): ${phases.join('; ')}`;
}

/** The misses the run spent of the day budget: per lookup API, more than 20 % of the seat limit blocks it. */
function dayBudget(calls: readonly WecomCall[], seatLimit: number): string {
  const budget = Math.floor(seatLimit * 0.2);
  const spent = LOOKUP_APIS.map((api) => {
    const misses = calls.filter((call) => lookupApi(call) === api && (call.code ?? 0) !== 0).length;
    return `${api} ${misses} (${((misses / budget) * 100).toFixed(1)} %)`;
  });
  return `WeCom day budget of failed lookups: ${budget} per API (20 % of ${seatLimit} seats); spent ${spent.join(', ')}`;
}

function outcomeChecks(
  company: GeneratedCompany,
  matches: readonly IdentityMatch[],
  failedItems: number,
  rateLimitErrors: number,
  firstError: string | undefined,
) {
  const key = (feishu: string | null, wecom: string | null) => `${feishu}→${wecom}`;
  const proposed = matches.filter((match) => match.status === 'proposed');
  const expectedPairs = new Set(company.expected.pairs.map((pair) => key(pair.feishuUserId, pair.wecomUserId)));
  const ambiguous = matches.filter((match) => match.status === 'ambiguous');
  const claims = new Map(
    company.expected.ambiguous.flatMap((entry) =>
      entry.claims.map((claim) => [claim.feishuUserId, entry.wecomUserId] as const),
    ),
  );
  const unmatched = matches.filter((match) => match.status === 'unmatched');
  const unmatchedFeishu = new Set(company.expected.unmatched.feishu);
  const unmatchedWecom = new Set(company.expected.unmatched.wecom);
  return [
    check('match: unique pairs proposed', proposed.length, expectedPairs.size),
    check(
      'match: proposed pairs the generator made',
      proposed.filter((match) => expectedPairs.has(key(match.feishuId, match.wecomId))).length,
      expectedPairs.size,
    ),
    check('match: ambiguous Feishu people', ambiguous.length, claims.size),
    check(
      'match: ambiguous with the claimed WeCom member among the candidates',
      ambiguous.filter((match) => {
        const wecom = match.feishuId === null ? undefined : claims.get(match.feishuId);
        return wecom !== undefined && match.candidates.some((candidate) => candidate.wecomId === wecom);
      }).length,
      claims.size,
    ),
    check(
      'match: unmatched Feishu people',
      unmatched.filter((match) => match.feishuId !== null && unmatchedFeishu.has(match.feishuId)).length,
      unmatchedFeishu.size,
      `${unmatched.filter((match) => match.feishuId !== null).length} listed in all`,
    ),
    check(
      'match: unmatched WeCom members',
      unmatched.filter(
        (match) => match.feishuId === null && match.wecomId !== null && unmatchedWecom.has(match.wecomId),
      ).length,
      unmatchedWecom.size,
      `${unmatched.filter((match) => match.feishuId === null).length} listed in all`,
    ),
    check('match: failed items', failedItems, 0, firstError),
    check('match: rate-limit errors', rateLimitErrors, 0),
  ];
}

function check(what: string, actual: number, expected: number, detail?: string) {
  const ok = actual === expected;
  return {
    ok,
    line: `${what}: ${actual} (expected ${expected}) ${ok ? 'ok' : 'FAILED'}${detail ? ` — ${detail}` : ''}`,
  };
}

/** 20,000 people as the issue asks; quick mode 2,000, as the e2e test has. */
export function identityMatchPeople(quick: boolean): number {
  return quick ? 2_000 : 20_000;
}

// Run on its own (`npx tsx scripts/bench/identity-match.bench.ts`, BENCH_QUICK=1 for 2,000 people): the full
// run's WeCom lookups alone take over eight minutes, the rest of `npm run bench` need not come with it.
// BENCH_MATCH_LATENCY_MS adds a vendor round trip to every call (BENCHMARKS.md, identity matching).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bench = await identityMatchScenario(identityMatchPeople(process.env['BENCH_QUICK'] === '1'), {
    latencyMs: Number(process.env['BENCH_MATCH_LATENCY_MS'] ?? 0),
  });
  printResults([bench.result]);
  process.stdout.write('\n');
  for (const line of [...bench.notes, ...bench.checks.map((check) => check.line)]) process.stdout.write(`${line}\n`);
  process.stdout.write(`\nfloor ratio: ${ratio(bench.result).toFixed(3)}\n`);
  if (bench.checks.some((check) => !check.ok)) process.exitCode = 1;
}
