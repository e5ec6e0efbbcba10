// The Jest configuration mutation testing runs (stryker.config.mjs): the project's own transform and module
// names, without the global setup (no build, no database — the mutated code is pure) and with only the spec files
// of one target, so each mutant runs the few tests that cover it. MUTATION_TARGET names the target. Property
// tests run at most FC_NUM_RUNS cases each (test/mutation/fast-check-capped.js; stryker.config.mjs sets it).
import { fileURLToPath } from 'node:url';
import base from '../../jest.config.js';
import { MUTATION_TARGETS } from './mutation-targets.js';

const target = MUTATION_TARGETS[process.env.MUTATION_TARGET ?? ''];
if (!target) throw new Error(`MUTATION_TARGET must be one of ${Object.keys(MUTATION_TARGETS).join(', ')}`);

/** @type {import('jest').Config} */
export default {
  ...base,
  rootDir: '../..',
  globalSetup: undefined,
  globalTeardown: undefined,
  testMatch: undefined,
  testRegex: target.specs.map(globToRegex),
  moduleNameMapper: {
    '^fast-check$': '<rootDir>/test/mutation/fast-check-capped.js',
    '^fast-check/library$': fileURLToPath(import.meta.resolve('fast-check')),
    ...base.moduleNameMapper,
  },
};

// A spec glob as a regex over the absolute path: a double star and slash stand for any folders, a star for any
// part of a name.
function globToRegex(glob) {
  const escaped = glob.replaceAll('.', '\\.');
  return '/' + escaped.replaceAll('**/', '\u0000').replaceAll('*', '[^/]*').replaceAll('\u0000', '(?:.*/)?') + '$';
}
