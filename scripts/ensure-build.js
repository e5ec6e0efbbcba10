// Builds the gateway (nest build) unless dist/ is newer than every source file, then the HR console's bundle
// (dist/console, which the gateway serves at /console) unless it is newer than the console's sources. Used by
// `npm start` and before the tests (the process-level and browser tests start what was built). Serialised with a lock file, because several runs (parallel terminals,
// test runs, CI steps) may start at once and a build deletes dist/ first.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ENTRY = 'dist/apps/gateway/src/main.js';
const SOURCES = ['apps', 'libs', 'migrations', 'tsconfig.json', 'nest-cli.json', 'package.json'];
const LOCK = 'node_modules/.cache/gateway-build.lock';
const CONSOLE_ENTRY = 'dist/console/index.html';
const CONSOLE_SOURCES = ['apps/console', 'package.json'];

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stats.mtimeMs);
}

function builtAfter(entry, sources) {
  if (!existsSync(entry)) return false;
  const built = statSync(entry).mtimeMs;
  return sources.every((source) => !existsSync(source) || newestMtime(source) <= built);
}

function upToDate() {
  return builtAfter(ENTRY, SOURCES) && builtAfter(CONSOLE_ENTRY, CONSOLE_SOURCES);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export default function ensureBuild() {
  if (upToDate()) return;
  mkdirSync('node_modules/.cache', { recursive: true });
  const deadline = Date.now() + 120_000;
  let lock;
  for (;;) {
    try {
      lock = openSync(LOCK, 'wx');
      break;
    } catch {
      // Another run is building; a lock older than two minutes belongs to a run that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      sleep(200);
    }
  }
  try {
    // nest build empties dist/ first, so a gateway build is always followed by the console's bundle. The bundle
    // only: the API client is regenerated and checked by `npm run build` (scripts/console-build.ts).
    if (!builtAfter(ENTRY, SOURCES)) {
      execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', 'gateway'], {
        stdio: 'inherit',
      });
    }
    if (!builtAfter(CONSOLE_ENTRY, CONSOLE_SOURCES)) {
      execFileSync(
        process.execPath,
        ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'],
        // The production bundle whoever calls this (Jest sets NODE_ENV=test, which would make React and Ant
        // Design build for tests: development React, and one id for every generated element id).
        { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
      );
    }
  } finally {
    closeSync(lock);
    rmSync(LOCK, { force: true });
  }
}

// Run directly: `node scripts/ensure-build.js`.
if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
