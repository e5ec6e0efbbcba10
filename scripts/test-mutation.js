// `npm run test:mutation [target]`: StrykerJS over the pure core (stryker.config.mjs), one target after the other —
// engine, vendor-http, translation — or only the one named. Not part of CI: QUALITY.md records the scores.
import { spawnSync } from 'node:child_process';
import { MUTATION_TARGETS } from '../test/mutation/mutation-targets.js';

const requested = process.argv.slice(2);
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
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TARGET: target },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
