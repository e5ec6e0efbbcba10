// The Jest configuration mutation testing runs (stryker.config.mjs): the project's own transform and module
// names, without the global setup (no build, no database — the mutated code is pure) and with only the spec files
// of one target, so each mutant runs the few tests that cover it. MUTATION_TARGET names the target.
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
};

// A spec glob as a regex over the absolute path: a double star and slash stand for any folders, a star for any
// part of a name.
function globToRegex(glob) {
  const escaped = glob.replaceAll('.', '\\.');
  return '/' + escaped.replaceAll('**/', '\u0000').replaceAll('*', '[^/]*').replaceAll('\u0000', '(?:.*/)?') + '$';
}
