// `npm run test:mutation [target ...] [-- stryker options]`: StrykerJS over the pure core (stryker.config.mjs),
// one target after the other (test/mutation/mutation-targets.js lists them) or only those named. Options after the
// targets go to Stryker (e.g. `--mutate <file>` to test part of a target). Not part of CI: QUALITY.md records the
// scores.
//
// Static mutants and incremental runs: Stryker's incremental mode re-tests a mutant when its code or the tests
// covering it changed, but a static mutant (module-level code, run while a spec file loads) has no covering tests
// it can track, so an earlier "survived" is reused however the specs changed. After a run that started from an
// earlier incremental file, the static mutants it left alive are therefore re-tested once more, forced and on a
// scratch incremental file, and their new results written into the target's file (QUALITY.md, "Static mutants
// and incremental runs"). Stryker has no option for this: `--force` re-tests every mutant of the run.
//
// `--survivors` (this script's option, not Stryker's): re-test, forced, only the mutants the target's incremental
// file records as alive, and write their results into it. Sound only when tests were added and the mutated
// files did not change (a test added cannot revive a killed mutant); the script refuses when a mutated file's
// text differs from the one the file records. For a big target whose specs changed, Stryker's own incremental
// run re-tests every mutant a changed spec covers, hours where this takes minutes (QUALITY.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MUTATION_TARGETS } from '../test/mutation/mutation-targets.js';

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const requested = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption).filter((arg) => arg !== '--');
const survivorsOnly = options.includes('--survivors');
const strykerOptions = options.filter((arg) => arg !== '--survivors');
const unknown = requested.filter((name) => !(name in MUTATION_TARGETS));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown mutation target ${unknown.join(', ')}; one of ${Object.keys(MUTATION_TARGETS).join(', ')}\n`,
  );
  process.exit(2);
}
// A caller choosing what is tested, or where results go, gets exactly that run.
const callerChoosesScope = strykerOptions.some((option) =>
  ['--force', '--mutate', '-m', '--incrementalFile'].some((name) => option === name || option.startsWith(`${name}=`)),
);

const LIVE = new Set(['Survived', 'NoCoverage']);
const COUNTED = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];

function stryker(target, options, env = {}) {
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...options], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TARGET: target, ...env },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/**
 * `file:line:column-line:column` of each live mutant (each live static one with `staticOnly`). The report's columns are 1-based, a `--mutate` range's
 * 0-based (@stryker-mutator/core's project-reader.js), so the start moves one back; the end is kept, one wider.
 */
function liveRanges(report, staticOnly) {
  const ranges = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      if ((staticOnly && !mutant.static) || !LIVE.has(mutant.status)) continue;
      const { start, end } = mutant.location;
      ranges.push(`${file}:${start.line}:${start.column - 1}-${end.line}:${end.column}`);
    }
  }
  return [...new Set(ranges)];
}

const mutantKey = (file, mutant) =>
  [file, mutant.mutatorName, mutant.replacement, JSON.stringify(mutant.location)].join('\u0000');

function summary(report) {
  const counts = Object.fromEntries(COUNTED.map((status) => [status, 0]));
  for (const { mutants } of Object.values(report.files)) {
    for (const mutant of mutants) if (mutant.status in counts) counts[mutant.status] += 1;
  }
  const valid = COUNTED.reduce((sum, status) => sum + counts[status], 0);
  const score = valid === 0 ? 'n/a' : `${((100 * (counts.Killed + counts.Timeout)) / valid).toFixed(2)} %`;
  return `score ${score}: ${COUNTED.map((status) => `${status} ${counts[status]}`).join(', ')}`;
}

function rerunLive(target, incrementalFile, { staticOnly }) {
  const report = JSON.parse(readFileSync(incrementalFile, 'utf8'));
  const ranges = liveRanges(report, staticOnly);
  const which = staticOnly ? 'static mutant' : 'mutant';
  if (ranges.length === 0) return;
  process.stdout.write(`\n== ${target}: re-testing ${ranges.length} ${which} range(s) left alive ==\n`);
  const scratch = mkdtempSync(join(tmpdir(), 'stryker-static-'));
  try {
    const scratchFile = join(scratch, 'incremental.json');
    stryker(target, ['--force', '--mutate', ranges.join(','), '--incrementalFile', scratchFile], {
      MUTATION_SCRATCH_REPORT: join(scratch, 'report.json'),
    });
    const rerun = JSON.parse(readFileSync(scratchFile, 'utf8'));
    const fresh = new Map();
    for (const [file, { mutants }] of Object.entries(rerun.files)) {
      for (const mutant of mutants) fresh.set(mutantKey(file, mutant), mutant);
    }
    let changed = 0;
    for (const [file, entry] of Object.entries(report.files)) {
      entry.mutants = entry.mutants.map((mutant) => {
        const again = fresh.get(mutantKey(file, mutant));
        if ((staticOnly && !mutant.static) || !LIVE.has(mutant.status) || !again) return mutant;
        if (again.status !== mutant.status) changed += 1;
        return { ...again, id: mutant.id };
      });
    }
    // As Stryker writes it (mutation-test-report-helper.js), so the committed file diffs line by line.
    writeFileSync(incrementalFile, JSON.stringify(report, null, 2));
    process.stdout.write(
      `== ${target}: ${changed} ${which}(s) changed status; ${incrementalFile}: ${summary(report)} ==\n`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The mutated files whose text is not the one `report` was measured on. */
function changedSources(report) {
  return Object.entries(report.files)
    .filter(([file, { source }]) => !existsSync(file) || readFileSync(file, 'utf8') !== source)
    .map(([file]) => file);
}

const targets = requested.length > 0 ? requested : Object.keys(MUTATION_TARGETS);
for (const target of targets) {
  process.stdout.write(`\n== mutation testing: ${target} ==\n`);
  const incrementalFile = `test/mutation/incremental/${target}.json`;
  const resumed = existsSync(incrementalFile);
  if (survivorsOnly) {
    const changed = resumed ? changedSources(JSON.parse(readFileSync(incrementalFile, 'utf8'))) : [];
    if (!resumed || changed.length > 0 || callerChoosesScope) {
      process.stderr.write(
        `--survivors needs ${incrementalFile}, mutated files as it records them (changed: ${changed.join(', ') || 'none'}) and no --force, --mutate or --incrementalFile\n`,
      );
      process.exit(2);
    }
    rerunLive(target, incrementalFile, { staticOnly: false });
    continue;
  }
  stryker(target, strykerOptions);
  if (resumed && !callerChoosesScope) rerunLive(target, incrementalFile, { staticOnly: true });
}
