// `npm run bench`: every benchmark scenario, printed as one table. `BENCH_QUICK=1` runs a scaled-down set
// in a few minutes and ends with `floor ratio: X`, the worst wall-time / rate-limit-floor ratio.
// Method and latest full figures: BENCHMARKS.md.
import { cpus, totalmem } from 'node:os';
import { printResults, ratio, type ScenarioResult } from './bench-report.js';
import { feishuRateLimiterScenario, wecomRateLimiterScenario } from './rate-limiter.bench.js';
import { identityMatchPeople, identityMatchScenario } from './identity-match.bench.js';
import { punchesSyncScenario } from './punches-sync.bench.js';
import { rulesSyncScenario } from './rules-sync.bench.js';
import { printTranslationShare, translationShareScenario } from './translation-share.bench.js';
import { printThroughput, translationThroughputScenario } from './translation.bench.js';

const quick = process.env['BENCH_QUICK'] === '1';

process.stdout.write(
  `attendance-sync-gateway benchmarks (${quick ? 'quick' : 'full'}) — Node ${process.version}, ${cpus().length} cores, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}\n\n`,
);

const results: ScenarioResult[] = [];
for (const run of [
  () => feishuRateLimiterScenario(quick ? 150 : 1000),
  () => wecomRateLimiterScenario(quick ? 30 : 300),
]) {
  results.push(await run());
}
// Translation before the rules sync: peak RSS is the process's peak so far, and the rules sync's embedded
// database would otherwise stand in for the translation's own figure.
const throughput = await translationThroughputScenario(quick ? 5_000 : 50_000);
// The rules sync end to end (engine, store, both clients and emulators): its two runs join the table and the
// floor ratio; its checks (every group created, a re-run that writes nothing) are printed under the table.
// BENCH_RULES_LATENCY_MS adds a vendor round trip to every call of the rules runs (BENCHMARKS.md, rules sync).
const rules = await rulesSyncScenario(quick ? 100 : 500, {
  latencyMs: Number(process.env['BENCH_RULES_LATENCY_MS'] ?? 0),
});
results.push(...rules.results);
// Translation and hashing as a share of a rules run: the rules sync again (its own emulators and database),
// each run under the CPU profiler, so the rows above are not slowed by it. No floor of its own: its own table.
const share = await translationShareScenario(quick ? 100 : 500);
// Punches WeCom → Feishu at volume (issue #7): 20,000 in both modes, and 200,000 in the full run to show that
// wall time grows with the floor and memory does not. The gateway side runs in a child process (its RSS).
const punches = [];
for (const people of quick ? [200] : [200, 2000]) punches.push(await punchesSyncScenario(people, 100));
results.push(...punches.map((scenario) => scenario.result));
// Identity matching (issue #21): one match run over a generated company, WeCom as a new app (a lookup per
// person). Last, as its 20,000 people's lookups take over eight minutes; its peak RSS is the process's so far,
// `npx tsx scripts/bench/identity-match.bench.ts` gives its own.
const identities = await identityMatchScenario(identityMatchPeople(quick));
results.push(identities.result);

printResults(results);
process.stdout.write('\n');
const scenarios = [rules, share, ...punches, identities];
for (const line of scenarios.flatMap((scenario) => [
  ...scenario.notes,
  ...scenario.checks.map((check) => check.line),
])) {
  process.stdout.write(`${line}\n`);
}
// A failed check is a broken scenario, not a slow one: the exit code says so too.
if (scenarios.some((scenario) => scenario.checks.some((check) => !check.ok))) process.exitCode = 1;
// Translation throughput has no rate-limit floor: its own table, and it stays out of the floor ratio below.
process.stdout.write('\n');
printThroughput(throughput);
process.stdout.write('\n');
printTranslationShare(share.shares);
const worst = Math.max(...results.map(ratio));
process.stdout.write(`\nfloor ratio: ${worst.toFixed(3)}\n`);
