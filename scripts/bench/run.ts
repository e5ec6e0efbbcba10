// `npm run bench`: every benchmark scenario, printed as one table. `BENCH_QUICK=1` runs a scaled-down set
// in well under a minute and ends with `floor ratio: X`, the worst wall-time / rate-limit-floor ratio.
// Method and latest full figures: BENCHMARKS.md.
import { cpus, totalmem } from 'node:os';
import { printResults, ratio, type ScenarioResult } from './bench-report.js';
import { feishuRateLimiterScenario, wecomRateLimiterScenario } from './rate-limiter.bench.js';
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

printResults(results);
// Translation throughput has no rate-limit floor: its own table, and it stays out of the floor ratio below.
process.stdout.write('\n');
printThroughput(await translationThroughputScenario(quick ? 5_000 : 50_000));
const worst = Math.max(...results.map(ratio));
process.stdout.write(`\nfloor ratio: ${worst.toFixed(3)}\n`);
