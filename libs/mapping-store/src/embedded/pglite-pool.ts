import { EventEmitter } from 'node:events';
import type { PGlite, QueryOptions, Results } from '@electric-sql/pglite';

/*
 * A `pg`-compatible Pool over one PGlite instance, so TypeORM's ordinary Postgres driver (and thus the same
 * migrations and repositories as on a real server) runs on the embedded database.
 *
 * Why hand-written: PGlite is a single Postgres session. The published TypeORM adapters hand that one session
 * to every "connection", so two concurrent transactions interleave their statements (a rolled-back row gets
 * committed). Here `connect()` hands out the session exclusively until `release()`: transactions are
 * serialised exactly like a real pool of size one. The price is the same as with such a pool: code that holds
 * a connection (a transaction) and asks the pool for another one waits for itself, so inside a transaction
 * always use the transaction's own manager. The acquire timeout turns that mistake into a clear error.
 */

type QueryCallback = (error: Error | null, result?: PgResult) => void;

/** The subset of `pg`'s result that TypeORM reads. */
export interface PgResult {
  command: string;
  rowCount: number | null;
  rows: Record<string, unknown>[];
  fields: { name: string; dataTypeID: number }[];
}

const PG_TYPE_INT8 = 20;

/** Match `pg`'s defaults where PGlite differs, so both back-ends hand repositories the same values. */
const PG_COMPATIBLE_PARSERS: QueryOptions['parsers'] = {
  // pg returns int8 (bigint, count(*)) as a string because it may exceed 2^53; PGlite returns a number.
  [PG_TYPE_INT8]: (value: string) => value,
};

export interface PglitePoolOptions {
  /** How long `connect()` waits for the session before failing; 0 waits forever. */
  acquireTimeoutMs?: number;
}

function toPgResult(result: Results): PgResult {
  return {
    command: result.command ?? '',
    rowCount: result.rowCount ?? result.affectedRows ?? null,
    rows: result.rows,
    fields: result.fields,
  };
}

/** One exclusive lease of the PGlite session, shaped like `pg.PoolClient`. */
export class PgliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  query(text: string, callback: QueryCallback): void;
  query(text: string, values?: unknown[]): Promise<PgResult>;
  query(text: string, values: unknown[] | undefined, callback: QueryCallback): void;
  query(
    text: string,
    valuesOrCallback?: unknown[] | QueryCallback,
    maybeCallback?: QueryCallback,
  ): Promise<PgResult> | void {
    const callback = typeof valuesOrCallback === 'function' ? valuesOrCallback : maybeCallback;
    const values = typeof valuesOrCallback === 'function' ? undefined : valuesOrCallback;
    const running = this.run(text, values);
    if (!callback) return running;
    // Callback style must never also leave a rejected promise behind: that would crash the process
    // with an unhandled rejection even though the caller handled the error.
    running.then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private async run(text: string, values: unknown[] | undefined): Promise<PgResult> {
    if (values === undefined || values.length === 0) {
      // Like pg, a query without parameters goes over the simple protocol, which allows several
      // statements in one string (migrations rely on it); pg reports the last statement's result.
      const results = await this.db.exec(text, { parsers: PG_COMPATIBLE_PARSERS });
      const last = results[results.length - 1];
      return last ? toPgResult(last) : { command: '', rowCount: null, rows: [], fields: [] };
    }
    return toPgResult(await this.db.query(text, values, { parsers: PG_COMPATIBLE_PARSERS }));
  }
}

/** A client that is also told when it is handed back, like `pg.PoolClient`. */
export class PgliteLease extends PgliteClient {
  constructor(
    db: PGlite,
    private readonly onRelease: () => void,
  ) {
    super(db);
  }

  release(): void {
    this.onRelease();
  }
}

interface Waiter {
  grant: () => void;
  timer?: NodeJS.Timeout;
}

/** Shaped like `pg.Pool` as far as TypeORM's Postgres driver uses it. */
export class PglitePool extends EventEmitter {
  private held = false;
  private ended = false;
  private readonly waiters: Waiter[] = [];
  private readonly acquireTimeoutMs: number;

  constructor(
    private readonly db: PGlite,
    options: PglitePoolOptions = {},
  ) {
    super();
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 60_000;
  }

  get totalCount(): number {
    return 1;
  }

  get idleCount(): number {
    return this.held ? 0 : 1;
  }

  get waitingCount(): number {
    return this.waiters.length;
  }

  connect(callback: (error: Error | undefined, client?: PgliteClient, release?: () => void) => void): void;
  connect(): Promise<PgliteLease>;
  connect(
    callback?: (error: Error | undefined, client?: PgliteClient, release?: () => void) => void,
  ): Promise<PgliteLease> | void {
    const leased = this.acquire().then(() => {
      let released = false;
      const lease = new PgliteLease(this.db, () => {
        if (released) return;
        released = true;
        void this.handBack();
      });
      return lease;
    });
    if (!callback) return leased;
    leased.then(
      (lease) => callback(undefined, lease, () => lease.release()),
      (error: Error) => callback(error),
    );
  }

  async query(text: string, values?: unknown[]): Promise<PgResult> {
    const client = await this.connect();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }

  end(callback?: (error?: Error) => void): Promise<void> | void {
    this.ended = true;
    const closing = this.db.close();
    if (!callback) return closing;
    closing.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  private acquire(): Promise<void> {
    if (this.ended) return Promise.reject(new Error('The embedded database pool has been closed'));
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve };
      if (this.acquireTimeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `The embedded database was busy for ${this.acquireTimeoutMs} ms: another transaction holds its only ` +
                'connection. Inside a transaction, use the transaction’s own manager, never the data source.',
            ),
          );
        }, this.acquireTimeoutMs);
      }
      this.waiters.push(waiter);
    });
  }

  private async handBack(): Promise<void> {
    // A lease returned in the middle of a transaction (a crashed caller) must not hand the next
    // caller an open transaction: a real pool would discard the connection; we roll it back.
    if (this.db.isInTransaction()) {
      try {
        await this.db.exec('ROLLBACK');
      } catch (error) {
        this.emit('error', error);
      }
    }
    const next = this.waiters.shift();
    if (!next) {
      this.held = false;
      return;
    }
    if (next.timer) clearTimeout(next.timer);
    next.grant();
  }
}

/** The `driver` option TypeORM's Postgres driver accepts in place of the `pg` module. */
export function pgliteDriver(db: PGlite, options: PglitePoolOptions = {}): { Pool: new () => PglitePool } {
  return {
    Pool: class extends PglitePool {
      constructor() {
        super(db, options);
      }
    },
  };
}
