// `npm run test:mutation [target ...] [-- stryker options]`: StrykerJS over the pure core (stryker.config.mjs),
// one target after the other (test/mutation/mutation-targets.js lists them) or only those named. Options after the
// targets go to Stryker (e.g. `--mutate <file>` to test part of a target). Not part of CI: QUALITY.md records the
// scores.
import { spawnSync } from 'node:child_process';
import { MUTATION_TARGETS } from '../test/mutation/mutation-targets.js';

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const requested = firstOption === -1 ? args : args.slice(0, firstOption);
const strykerOptions = firstOption === -1 ? [] : args.slice(firstOption).filter((arg) => arg !== '--');
const unknown = requested.filter((name) => !(name in MUTATION_TARGETS));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown mutation target ${unknown.join(', ')}; one of ${Object.keys(MUTATION_TARGETS).join(', ')}\n`,
  );
  process.exit(2);
}
const targets = requested.length > 0 ? requested : Object.keys(MUTATION_TARGETS);
for (const target of targets) {
  process.stdout.write(`\n== mutation testing: ${target} ==\n`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...strykerOptions], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TARGET: target },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
