// `npx tsx scripts/bench/rules-sync.run.ts [groups]`: the rules sync scenario of `npm run bench` alone (default 500
// groups), for re-measuring the rules engine without the other scenarios' half hour. Same table, notes and checks;
// the exit code is 1 if a check fails. Method: BENCHMARKS.md, rules sync.
import { printResults } from './bench-report.js';
import { rulesSyncScenario } from './rules-sync.bench.js';

const groups = Number(process.argv[2] ?? 500);
if (!Number.isSafeInteger(groups) || groups < 10)
  throw new Error(`groups must be an integer of at least 10, not ${process.argv[2]}`);
const rules = await rulesSyncScenario(groups, { latencyMs: Number(process.env['BENCH_RULES_LATENCY_MS'] ?? 0) });
printResults(rules.results);
process.stdout.write('\n');
for (const line of [...rules.notes, ...rules.checks.map((check) => check.line)]) process.stdout.write(`${line}\n`);
if (rules.checks.some((check) => !check.ok)) process.exitCode = 1;
