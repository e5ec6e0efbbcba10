import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** An opened embedded database and the way to let go of its data directory. */
export interface EmbeddedPostgres {
  readonly db: PGlite;
  /** Where the data lives, or `memory` for a throw-away database. */
  readonly location: string;
  /** Closes PGlite (if still open) and removes the data-directory lock. */
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
 * PGlite has no postmaster to refuse a second opener, and two processes writing one data directory corrupt
 * it. A pid lock file (taken with O_EXCL, stolen only from a dead owner) stops the second process with a
 * clear message instead. Hand-written because the lock libraries on npm poll mtimes for network file
 * systems, which we do not need for a directory only this machine's processes open.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, 'gateway.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
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

/**
 * Opens embedded PostgreSQL persisted under `dataDir` (created if missing), or in memory when `dataDir` is
 * undefined (tests).
 */
export async function openEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir === undefined) {
    const db = await PGlite.create();
    return { db, location: 'memory', close: () => (db.closed ? Promise.resolve() : db.close()) };
  }
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true });
  const unlock = await lockDataDir(root);
  try {
    const db = await PGlite.create({ dataDir: join(root, 'pgdata') });
    return {
      db,
      location: join(root, 'pgdata'),
      close: async () => {
        if (!db.closed) await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
