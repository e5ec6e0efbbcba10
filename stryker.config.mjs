// Mutation testing of the pure core (issue #22; scores and surviving mutants in QUALITY.md): one target per run,
// chosen by MUTATION_TARGET (scripts/test-mutation.js sets it). Incremental: a run re-tests only the mutants whose
// code or tests changed since the target's last run; the incremental files are committed
// (test/mutation/incremental/) so a run carries on where the last one, on any machine, stopped. Concurrency
// stays low because the machines it runs on are shared (STACK.md).
import { MUTATION_TARGETS } from './test/mutation/mutation-targets.js';

const name = process.env.MUTATION_TARGET ?? '';
const target = MUTATION_TARGETS[name];
if (!target) throw new Error(`MUTATION_TARGET must be one of ${Object.keys(MUTATION_TARGETS).join(', ')}`);

const scratchReport = process.env.MUTATION_SCRATCH_REPORT;

// Property tests run at most this many cases per mutant (test/mutation/fast-check-capped.js); the scores in
// QUALITY.md say so. The test runners Stryker starts inherit it.
process.env.FC_NUM_RUNS ??= '20';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: { projectType: 'custom', configFile: 'test/mutation/jest.mutation.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  tsconfigFile: target.tsconfig ?? 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: target.mutate,
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: `test/mutation/incremental/${name}.json`,
  // The static-mutant rerun of scripts/test-mutation.js reports to a scratch file, not over the target's report.
  reporters: scratchReport ? ['clear-text', 'progress', 'json'] : ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: scratchReport ?? `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'coverage', 'reports', 'test-artifacts', '.data', 'test/mutation/incremental'],
  cleanTempDir: 'always',
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 85, break: null },
};
