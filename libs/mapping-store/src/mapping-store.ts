import type { DataSource, EntityManager } from 'typeorm';
import { DepartmentMappingRepository, UserMappingRepository } from './repositories/id-pair.repository.js';
import { EventReceiptRepository } from './repositories/event-receipt.repository.js';
import { GroupLinkRepository } from './repositories/group-link.repository.js';
import { IdentityMatchRepository } from './repositories/identity-match.repository.js';
import { PunchRecordMappingRepository } from './repositories/punch-record-mapping.repository.js';
import { ShiftLinkRepository } from './repositories/shift-link.repository.js';
import { SyncCursorRepository } from './repositories/sync-cursor.repository.js';
import { SyncConflictRepository } from './repositories/sync-conflict.repository.js';
import { SyncRunRepository } from './repositories/sync-run.repository.js';

/** Every repository, bound to one entity manager: the data source's, or a transaction's. */
export class StoreSession {
  readonly groupLinks: GroupLinkRepository;
  readonly shiftLinks: ShiftLinkRepository;
  readonly users: UserMappingRepository;
  readonly departments: DepartmentMappingRepository;
  readonly punches: PunchRecordMappingRepository;
  readonly runs: SyncRunRepository;
  readonly cursors: SyncCursorRepository;
  readonly conflicts: SyncConflictRepository;
  readonly eventReceipts: EventReceiptRepository;
  /** The match job's proposals and the decisions on them (issue 21). */
  readonly identityMatches: IdentityMatchRepository;

  constructor(private readonly manager: EntityManager) {
    this.groupLinks = new GroupLinkRepository(manager);
    this.shiftLinks = new ShiftLinkRepository(manager);
    this.users = new UserMappingRepository(manager);
    this.departments = new DepartmentMappingRepository(manager);
    this.punches = new PunchRecordMappingRepository(manager);
    this.runs = new SyncRunRepository(manager);
    this.cursors = new SyncCursorRepository(manager);
    this.conflicts = new SyncConflictRepository(manager);
    this.eventReceipts = new EventReceiptRepository(manager);
    this.identityMatches = new IdentityMatchRepository(manager);
  }

  /**
   * Raw SQL on this session's connection (its transaction, if it is one), in the shape pg-boss takes as `db`:
   * how the run queue enqueues a job in the same transaction as the run it is for.
   */
  sqlExecutor(): SqlExecutor {
    return {
      // The structured result, because the plain one is `[rows, count]` for UPDATE and DELETE.
      executeSql: async (text, values = []) => {
        const own = this.manager.queryRunner;
        const runner = own ?? this.manager.connection.createQueryRunner();
        try {
          const result = await runner.query(text, values, true);
          return { rows: result.records ?? [] };
        } finally {
          if (!own) await runner.release();
        }
      },
    };
  }
}

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The gateway's persistent memory. Outside a transaction each repository call is its own statement;
 * `transaction()` gives a session whose repositories all share one transaction. Inside it, use only that
 * session: a call on the store itself would take another connection, outside the transaction.
 */
export class MappingStore extends StoreSession {
  constructor(private readonly dataSource: DataSource) {
    super(dataSource.manager);
  }

  transaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new StoreSession(manager)));
  }

  /** The connection URL the store uses (the embedded server's, when embedded), for pg-boss's own pool. */
  get connectionUrl(): string {
    const { url } = this.dataSource.options as { url?: string };
    if (!url) throw new Error('the mapping store was opened without a connection URL');
    return url;
  }

  /** Throws unless the database answers. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}
