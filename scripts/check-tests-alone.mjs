// Runs every test of the given test files alone, one Jest process per test, and reports those that fail alone.
//
// Why: issue #22 (tests that catch what they claim) asks that every test can run alone (`-t`) and in any
// order; QUALITY.md ("No timing luck") lists the e2e scenarios that shared state between the tests of one file.
// A test that passes only after an earlier test of its file proves less than it claims, and nothing in a
// normal run shows it. A loop over the whole suite is slow (one process per test, each creating its own
// database), so this takes files: the ones changed, or the ones suspected.
//
// Usage: node scripts/check-tests-alone.mjs <test file>... [-- <extra jest arguments>]
// Each file is first run whole with `--json --outputFile` to learn its tests' full names (a whole-file
// failure is reported too), then each test is run alone with `-t '^<full name, regex-escaped>$'`,
// sequentially. A pattern that matches no test, or more than one (tests sharing a full name), is reported as
// such. The environment (DATABASE_URL, FC_SEED, ...) is passed through. Exit code 1 if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const JEST = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js'];

const args = process.argv.slice(2);
const separator = args.indexOf('--');
const files = separator === -1 ? args : args.slice(0, separator);
const extraJestArgs = separator === -1 ? [] : args.slice(separator + 1);
if (files.length === 0) {
  process.stderr.write('usage: node scripts/check-tests-alone.mjs <test file>... [-- <extra jest arguments>]\n');
  process.exit(2);
}

/** One line of the report, on stdout. */
const print = (line) => process.stdout.write(`${line}\n`);

const scratch = mkdtempSync(join(tmpdir(), 'tests-alone-'));

/** Runs Jest on one file, returns its JSON report (null when Jest wrote none) and exit status. */
function runJest(file, extraArgs, reportName) {
  const outputFile = join(scratch, reportName);
  rmSync(outputFile, { force: true });
  const result = spawnSync(
    process.execPath,
    [...JEST, '--json', `--outputFile=${outputFile}`, '--runTestsByPath', file, ...extraArgs, ...extraJestArgs],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let report = null;
  try {
    report = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    // No report: Jest failed before running tests; the caller reports stderr.
  }
  return { report, status: result.status, stderr: result.stderr ?? '' };
}

/** The assertion results of the report's only test file. */
function assertionsOf(report) {
  return report?.testResults?.flatMap((fileResult) => fileResult.assertionResults) ?? [];
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first lines of a failed test's messages, stack frames inside node_modules left out. */
const firstLines = (assertion) =>
  (assertion.failureMessages ?? [])
    .join('\n')
    .split('\n')
    .filter((line) => !line.includes('node_modules'))
    .slice(0, 6)
    .join('\n      ');

const lastLines = (text, count) => text.trimEnd().split('\n').slice(-count).join('\n');

let anyFailed = false;
let counter = 0;

for (const given of files) {
  const file = relative(process.cwd(), resolve(given));
  print(`\n${file}`);
  const whole = runJest(file, [], `whole-${counter++}.json`);
  const tests = assertionsOf(whole.report);
  if (tests.length === 0) {
    anyFailed = true;
    print(`  no tests found (jest exit ${whole.status})\n${lastLines(whole.stderr, 30)}`);
    continue;
  }
  const wholeFailures = tests.filter((test) => test.status === 'failed');
  for (const test of wholeFailures) print(`  FAILS IN THE WHOLE FILE: ${test.fullName}\n      ${firstLines(test)}`);
  if (wholeFailures.length > 0) anyFailed = true;

  const runnable = tests.filter((test) => test.status === 'passed' || test.status === 'failed');
  const skipped = tests.length - runnable.length;
  const failedAlone = [];
  const badPatterns = [];
  for (const test of runnable) {
    const pattern = `^${escapeRegExp(test.fullName)}$`;
    const alone = runJest(file, ['-t', pattern], `alone-${counter++}.json`);
    const ran = assertionsOf(alone.report).filter((result) => result.status === 'passed' || result.status === 'failed');
    if (ran.length !== 1) {
      badPatterns.push(`${test.fullName} (pattern matched ${ran.length} tests, jest exit ${alone.status})`);
      if (ran.length === 0 && alone.report === null) print(lastLines(alone.stderr, 30));
      continue;
    }
    if (ran[0].status === 'failed' || alone.status !== 0) {
      const message = firstLines(ran[0]);
      failedAlone.push({ name: test.fullName, message: message || lastLines(alone.stderr, 10) });
      print(`  . failed alone: ${test.fullName}`);
    } else {
      print(`  . passed alone: ${test.fullName}`);
    }
  }
  const checked = runnable.length - badPatterns.length;
  print(
    `  ${checked} of ${tests.length} tests run alone${skipped > 0 ? ` (${skipped} skipped or todo in the whole run)` : ''}: ` +
      `${failedAlone.length} failed alone`,
  );
  for (const { name, message } of failedAlone) print(`  FAILS ALONE: ${name}\n      ${message}`);
  for (const line of badPatterns) print(`  PATTERN: ${line}`);
  if (failedAlone.length > 0 || badPatterns.length > 0) anyFailed = true;
}

rmSync(scratch, { recursive: true, force: true });
process.exit(anyFailed ? 1 : 0);
