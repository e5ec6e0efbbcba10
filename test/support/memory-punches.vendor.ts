import type { PunchRecord, PunchTimeWindow, PunchWrite, UnreadableSink } from '@app/connectors';
import type { Vendor } from '@app/kernel';
import type { UserMapping } from '@app/mapping-store';
import type { CanonicalPunch, PunchRead, Translation } from '@app/translation';
import type {
  PunchGroups,
  PunchRepeats,
  PunchSource,
  PunchTarget,
} from '../../apps/gateway/src/sync/punches/punch-sides.js';

/** Record ids unique in the process, so vendors of different tests never share one in a store. */
let nextRecordId = 1;

/** What the in-memory vendor says of a record that is not a punch (a run item counts it as skipped). */
export const MEMO_NOT_A_PUNCH = 'a reminder Memo keeps beside the punches, not a punch';

/** One record the vendor holds. */
export interface MemoRecord {
  /** The vendor's own id of the record. */
  readonly id: string;
  readonly user: string;
  readonly at: number;
  /** A record that is not a punch (like WeCom's 未打卡 rows): read as skipped. */
  readonly notAPunch: boolean;
  /** Written by the gateway (the mark a vendor may keep on an import). */
  readonly fromGateway: boolean;
}

/** How the vendor behaves in a run; the two real vendors differ in each of these. */
export interface MemoOptions {
  /**
   * `record_ids`, as Feishu's flows: a record has an id the gateway reads before translating it, a write carries
   * an idempotency key (a repeated one creates nothing) and the record it makes keeps the gateway's mark.
   * `punch_keys`, as WeCom's checkins: a record is known only by its punch (person and second), a write carries
   * no key (the gateway settles pending writes by asking which punch keys the vendor holds), and nothing marks
   * a record as the gateway's.
   */
  readonly style: 'record_ids' | 'punch_keys';
  /** Attendance groups and their members, when the vendor lists them (USER_ID_MAPPING=same). */
  readonly groups?: ReadonlyMap<string, readonly string[]>;
  readonly usersPerRead?: number;
  readonly writeBatch?: number;
}

/**
 * A third vendor for the punch engine's tests: punch records kept in memory, with both roles a vendor plays in
 * a punch run (punch-sides.ts). It has none of a real vendor's API, translation or quirks, so a run of the one
 * punch reconciler over it (punches.reconciler.spec.ts) shows what the engine needs of a vendor: these two roles,
 * and nothing in the engine named after Feishu or WeCom. Its texts name it by its own name; the store keeps its
 * punches under one of VENDORS (`vendor`), because the record mapping's source_vendor column and the id
 * resolver name a side so (libs/kernel/src/vendor.ts).
 */
export class MemoryPunchesVendor {
  /** The records it holds, in the order they came. */
  readonly records: MemoRecord[] = [];
  /** Every write call, in order: the people of its records and how many. */
  readonly writes: { readonly users: readonly string[]; readonly count: number }[] = [];
  /** People whose writes the vendor refuses (the whole call fails, as a vendor's refusal does). */
  readonly refusing = new Set<string>();
  /** People whose writes the vendor applies but whose answer is lost (a timeout after the write). */
  readonly losingAnswers = new Set<string>();
  private readonly prefix: string;

  constructor(
    readonly vendor: Vendor,
    readonly name: string,
    readonly options: MemoOptions,
  ) {
    this.prefix = name.toLowerCase().replace(/\W+/g, '-');
  }

  /** A punch of `user` at `at` (Unix seconds) made on this vendor; answers its id. */
  punch(user: string, at: number, notAPunch = false): string {
    const id = `${this.prefix}-${nextRecordId++}`;
    this.records.push({ id, user, at, notAPunch, fromGateway: false });
    return id;
  }

  /** The key under which a record is held: its id, or its punch (person and second). */
  keyOf(record: MemoRecord): string {
    return this.options.style === 'record_ids' ? record.id : `${record.user}@${record.at}`;
  }

  /** The (person, second) of each record, sorted: what a test compares. */
  held(): string[] {
    return this.records.map((record) => `${record.user}@${record.at}`).sort();
  }

  read(users: readonly string[], window: PunchTimeWindow): PunchRecord[] {
    return this.records
      .filter((record) => users.includes(record.user) && record.at >= window.start && record.at < window.end)
      .sort((a, b) => a.at - b.at)
      .map((record) => ({
        user: record.user,
        recordKey: this.options.style === 'record_ids' ? record.id : null,
        fromGateway: record.fromGateway,
        read: () => this.translate(record),
      }));
  }

  write(batch: readonly PunchWrite[]): (string | null)[] {
    this.writes.push({ users: batch.map((write) => write.user), count: batch.length });
    const refused = batch.find((write) => this.refusing.has(write.user));
    if (refused) throw new Error(`${this.name} refused the punches of ${refused.user}`);
    const keys = batch.map((write) => {
      const { at } = write.body as { readonly at: number };
      if (this.options.style === 'punch_keys') {
        this.records.push({
          id: `${this.prefix}-${nextRecordId++}`,
          user: write.user,
          at,
          notAPunch: false,
          fromGateway: false,
        });
        return write.key;
      }
      // The idempotency key is the record's id: a repeated write finds it and creates nothing.
      if (!this.records.some((record) => record.id === write.key)) {
        this.records.push({ id: write.key, user: write.user, at, notAPunch: false, fromGateway: true });
      }
      return write.key;
    });
    const lost = batch.find((write) => this.losingAnswers.has(write.user));
    if (lost) throw new Error(`${this.name} did not answer the punches of ${lost.user}`);
    return keys;
  }

  private translate(record: MemoRecord): PunchRead {
    if (record.notAPunch) return { ok: false, skipped: MEMO_NOT_A_PUNCH, losses: [] };
    const punch: CanonicalPunch = {
      vendor: this.vendor,
      sourceKey: this.keyOf(record),
      userId: record.user,
      at: record.at,
      kind: 'unspecified',
      origin: 'person',
      recordedBy: null,
      locationTitle: '',
      locationDetail: '',
      position: null,
      wifi: null,
      note: '',
      isField: false,
      photoCount: 0,
      verdicts: [],
      deviceId: '',
    };
    return { ok: true, value: punch, losses: [] };
  }
}

/** What the vendor is in either role: its name, its side of a user mapping, its groups when it lists them. */
abstract class MemoryPunchSide {
  readonly vendor: Vendor;
  readonly name: string;
  readonly groups?: PunchGroups;

  constructor(protected readonly memo: MemoryPunchesVendor) {
    this.vendor = memo.vendor;
    this.name = memo.name;
    const groups = memo.options.groups;
    if (groups) {
      this.groups = {
        listGroupIds: () => Promise.resolve([...groups.keys()]),
        members: (ids) => Promise.resolve([...new Set(ids.flatMap((id) => groups.get(id) ?? []))]),
      };
    }
  }

  userOf(pair: UserMapping): string {
    return this.vendor === 'feishu' ? pair.feishuUserId : pair.wecomUserId;
  }
}

export class MemoryPunchSource extends MemoryPunchSide implements PunchSource {
  readonly usersPerRead: number;

  constructor(memo: MemoryPunchesVendor) {
    super(memo);
    this.usersPerRead = memo.options.usersPerRead ?? 50;
  }

  read(users: readonly string[], window: PunchTimeWindow, _onUnreadable: UnreadableSink): Promise<PunchRecord[]> {
    return Promise.resolve(this.memo.read(users, window));
  }
}

export class MemoryPunchTarget extends MemoryPunchSide implements PunchTarget {
  readonly writeBatch: number;
  readonly writeCall = { api: 'memo.punches.add', key: 'punches' } as const;
  readonly repeats: PunchRepeats;

  constructor(memo: MemoryPunchesVendor) {
    super(memo);
    this.writeBatch = memo.options.writeBatch ?? 10;
    this.repeats =
      memo.options.style === 'record_ids'
        ? { by: 'idempotency_key' }
        : {
            by: 'punch_key',
            held: (users, start, end) =>
              Promise.resolve(
                new Set(
                  memo.records
                    .filter((record) => users.includes(record.user) && record.at >= start && record.at <= end)
                    .map((record) => memo.keyOf(record)),
                ),
              ),
          };
  }

  translate(punch: CanonicalPunch, targetUser: string): Translation<PunchWrite> {
    // An idempotency key made from the source punch's own key, so a repeated write is known; else the punch key.
    const key = this.memo.options.style === 'record_ids' ? `idem-${punch.sourceKey}` : `${targetUser}@${punch.at}`;
    return { ok: true, value: { body: { user: targetUser, at: punch.at }, key, user: targetUser }, losses: [] };
  }

  async write(batch: readonly PunchWrite[]): Promise<(string | null)[]> {
    return this.memo.write(batch);
  }
}
