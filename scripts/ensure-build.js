// Builds the gateway (nest build) unless dist/ is newer than every source file. Used by `npm start` and
// before the process-level tests. Serialised with a lock file, because several runs (parallel terminals,
// test runs, CI steps) may start at once and a build deletes dist/ first.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ENTRY = 'dist/apps/gateway/src/main.js';
const SOURCES = ['apps', 'libs', 'migrations', 'tsconfig.json', 'nest-cli.json', 'package.json'];
const LOCK = 'node_modules/.cache/gateway-build.lock';

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stats.mtimeMs);
}

function upToDate() {
  if (!existsSync(ENTRY)) return false;
  const built = statSync(ENTRY).mtimeMs;
  return SOURCES.every((source) => !existsSync(source) || newestMtime(source) <= built);
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
    if (!upToDate()) {
      execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', 'gateway'], {
        stdio: 'inherit',
      });
    }
  } finally {
    closeSync(lock);
    rmSync(LOCK, { force: true });
  }
}

// Run directly: `node scripts/ensure-build.js`.
if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
