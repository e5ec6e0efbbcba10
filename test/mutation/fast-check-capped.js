// fast-check as mutation testing sees it (test/mutation/jest.mutation.config.js maps `fast-check` here): the
// same library, except that a property runs at most FC_NUM_RUNS cases, even one that names a larger count of
// its own. Every mutant reruns every property that covers it, so the full counts (thousands of cases) would
// keep a target from finishing; the score measured this way is a lower bound of what the full suite kills
// (QUALITY.md, mutation testing). Seeds are untouched. `fast-check/library` is the library itself (mapped in
// the same configuration), which the mapping of `fast-check` would otherwise send back here.
import * as fc from 'fast-check/library';

export * from 'fast-check/library';

function cap() {
  const requested = Number(process.env.FC_NUM_RUNS);
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new Error(`FC_NUM_RUNS must be a positive integer under mutation testing, not ${process.env.FC_NUM_RUNS}`);
  }
  return requested;
}

function capped(params) {
  const numRuns = Math.min(params?.numRuns ?? cap(), cap());
  return { ...params, numRuns };
}

export function assert(property, params) {
  return fc.assert(property, capped(params));
}

export function check(property, params) {
  return fc.check(property, capped(params));
}

export default { ...fc.default, assert, check };
