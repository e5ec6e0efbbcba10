import { createHash } from 'node:crypto';
import pMap from 'p-map';
import { chunk } from 'es-toolkit';
import type {
  FeishuPunchesConnector,
  FeishuPunchWrite,
  PunchSideConnector,
  WecomPunchesConnector,
  WecomPunchWrite,
} from '@app/connectors';
import type { Loss, Note, Vendor } from '@app/kernel';
import type { MappingStore, PunchRecordMapping, RunRequestParams, SyncRunItem } from '@app/mapping-store';
import type { CanonicalPunch, IdResolver } from '@app/translation';
import { withLogContext } from '../engine/log-context.js';
import type { RunContext } from '../engine/run-context.js';
import type { ScopeReconciler } from '../engine/scope-registry.js';
import { describeFailure, wasNotApplied } from '../engine/sync-error-policy.js';
import { planUnits, runWindow, type PunchUnit, type TimeWindow } from './punch-window.js';

export type PunchDirection = 'feishu_to_wecom' | 'wecom_to_feishu';

/**
 * What one punch run needs: the shared run context (its unreadable records do not hold the watermark back:
 * reading the same record again would not make it readable, and its item in this run is the report) and the
 * punches' own fields. A scheduled run sets `reconcile`, which punches do not read: the record mapping keeps
 * each half from exporting what the other just imported.
 */
export interface PunchRunContext extends RunContext<IdResolver> {
  readonly params: RunRequestParams;
  /** USER_ID_MAPPING: `table` syncs the mapped people; `same` the members of the Feishu attendance groups. */
  readonly userIdMapping: 'table' | 'same';
  /** People per unit, below the vendors' per-call maximum (tests use small units to get several). */
  readonly usersPerUnit?: number;
  /** After unit `index` (of `total`) and its cursor are committed: progress, and the crash point of tests. */
  readonly onUnitCommitted?: (index: number, total: number) => void;
}

/** The punch connector of each vendor; one pair serves both halves of a run. */
export interface PunchConnectors {
  readonly feishu: FeishuPunchesConnector;
  readonly wecom: WecomPunchesConnector;
}

/**
 * The punch scope. A scheduled (two_way) run carries WeCom punches to Feishu, then Feishu punches to WeCom: the
 * record mapping keeps each half from exporting what the other just imported (no echo).
 */
export const PUNCHES_RECONCILER: ScopeReconciler<PunchRunContext, PunchConnectors> = {
  twoWay: ['wecom_to_feishu', 'feishu_to_wecom'],
  run: (context, connectors, direction) => new PunchesSync(context, connectors.feishu, connectors.wecom).run(direction),
};

/**
 * Import calls in flight at once. The client's rate limiter paces them at the vendor's published limit
 * (50/s: one every 20 ms); to keep that saturated, calls in flight must cover a round trip — 16 covers
 * Feishu's 50–200 ms from a server in China with room to spare.
 */
const WRITE_CONCURRENCY = 16;
/**
 * Record mappings per INSERT (one statement of unnest arrays), and keys per lookup. Bounded, with the event
 * loop let through between statements (yieldToEventLoop): the embedded database runs each statement on this
 * thread, and a unit's 10,000 rows in one statement held the write pool's calls back ~400 ms per unit.
 */
const MAPPINGS_PER_STATEMENT = 250;
const KEYS_PER_LOOKUP = 500;
/** Units whose reads run ahead of the writes (bounded, so memory stays flat however long the window). */
const READ_AHEAD = 1;

/** What became of one person's punches in this run. */
class PersonTally {
  written = 0;
  present = 0;
  echoes = 0;
  duplicates = 0;
  refused = 0;
  failedWrites = 0;
  error: string | null = null;
  readonly losses = new Map<string, { loss: Loss; count: number }>();
  /**
   * Source records that are not punches (WeCom 未打卡 rows, Feishu system-generated or no-punch-needed flows,
   * flows not valid yet), per reason the translation gave: counted and reported, never carried.
   */
  readonly skipped = new Map<string, number>();
  /** Dry run: what would be sent for this person. */
  plan: {
    readonly vendor: Vendor;
    readonly requests: [{ readonly api: string; readonly body: Record<string, unknown[]> }];
  } | null = null;

  constructor(
    readonly sourceId: string,
    readonly targetId: string | null,
  ) {}

  addLosses(losses: readonly Loss[]): void {
    for (const loss of losses) {
      const key = `${loss.field}\u0000${loss.severity}\u0000${loss.message}`;
      const seen = this.losses.get(key);
      if (seen) seen.count += 1;
      else
        this.losses.set(key, { loss: { field: loss.field, severity: loss.severity, message: loss.message }, count: 1 });
    }
  }

  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }
}

/** One vendor write call and what follows it; failures are recorded on the people's tallies, not thrown. */
type WriteJob = () => Promise<void>;

/** A unit ready to write: its calls, and what to record once they are all done (before its cursor moves). */
interface PreparedUnit {
  readonly jobs: readonly WriteJob[];
  readonly commit: () => Promise<void>;
}

const NOTHING_TO_WRITE: PreparedUnit = { jobs: [], commit: () => Promise.resolve() };

/** A run's progress cursor: units done of the plan (people × slices) over the window it started with. */
interface RunProgressPosition {
  readonly done: number;
  readonly plan: string;
  readonly start: number;
  readonly end: number;
}

interface ReadUnit {
  readonly unit: PunchUnit;
  /** Punches to carry across, in the source's time order, with the person they belong to on each side. */
  readonly punches: readonly { readonly punch: CanonicalPunch; readonly targetUserId: string }[];
}

/**
 * Punch sync, one direction per call, streaming: the window is cut into units (a ≤ 30-day slice for ≤ 100 /
 * ≤ 50 people) read one ahead of the writes, so memory holds two units whatever the volume.
 *
 * - Idempotent: the record mapping says what was carried already; Feishu imports also carry a deterministic
 *   idempotent_id, so a batch repeated after a crash creates nothing twice there.
 * - WeCom has no idempotency key: each batch's punches are recorded `pending` before the call and `done`
 *   after; a run that died in between leaves pending rows that the next run checks against WeCom.
 * - No echo: a punch the gateway wrote to a side (its mapping's target, or a Feishu flow carrying the
 *   gateway's mark) is never exported back from that side.
 * - Resumable: a cursor per run counts finished units, moved only after a unit's writes and mappings are
 *   committed, so a run taken over after a crash resumes at its first unfinished unit.
 * - One punch run at a time (the run queue's singleton key is the scope), so two runs never write the same
 *   punch to WeCom.
 */
export class PunchesSync {
  constructor(
    private readonly context: PunchRunContext,
    private readonly feishu: FeishuPunchesConnector,
    private readonly wecom: WecomPunchesConnector,
  ) {}

  async run(direction: PunchDirection): Promise<SyncRunItem[]> {
    const { store, params, dryRun, runId } = this.context;
    const source: Vendor = direction === 'wecom_to_feishu' ? 'wecom' : 'feishu';
    const target: Vendor = source === 'wecom' ? 'feishu' : 'wecom';
    const now = Math.floor(this.context.now().getTime() / 1000);
    const incremental = params.from === undefined && params.to === undefined;
    const watermarkKey = { scope: 'punches', direction } as const;
    const watermark = incremental ? await store.cursors.get<{ through: number }>(watermarkKey) : null;
    const progressKey = { scope: 'punches', direction, partitionKey: `run:${runId}` } as const;
    const progress = dryRun ? null : await store.cursors.get<RunProgressPosition>(progressKey);
    // A run taken over after a crash keeps the window it started with ("now" has moved on since).
    const window: TimeWindow = progress
      ? { start: progress.position.start, end: progress.position.end }
      : runWindow({
          from: params.from,
          to: params.to,
          watermark: watermark?.position.through ?? null,
          reach: await this.wecom.attendanceDayReach(),
          now,
        });

    const tallies = new Map<string, PersonTally>();
    const people = await this.people(source, target);
    for (const person of people.unmapped) {
      const tally = new PersonTally(person, null);
      tally.error = `not synced: ${source === 'feishu' ? 'Feishu' : 'WeCom'} user ${person} has no mapped ${
        target === 'feishu' ? 'Feishu' : 'WeCom'
      } user (PUT /api/v1/mappings/users)`;
      tallies.set(person, tally);
    }
    for (const [person, other] of people.mapped) tallies.set(person, new PersonTally(person, other));
    // One item per person, all reported when the run ends (units commit as they go; see onUnitCommitted).
    this.context.onItemsPlanned?.(tallies.size);

    // People per unit: the source's read size; WeCom's is below its per-call maximum (see its connector).
    const usersPerRead = (source === 'wecom' ? this.wecom : this.feishu).usersPerRead;
    const perUnit = Math.min(usersPerRead, this.context.usersPerUnit ?? usersPerRead);
    const units = planUnits(window, [...people.mapped.keys()], perUnit);
    const plan = planSignature(window, units);
    const resumeAt = progress?.position.plan === plan ? progress.position.done : 0;
    let version = progress?.version ?? null;

    // Vendor calls are made per unit (many people at once): their log lines name the unit.
    const unitLabel = (index: number): string => `${index + 1}/${units.length}`;
    const read = (unit: PunchUnit, index: number): Promise<ReadUnit> =>
      withLogContext({ unit: unitLabel(index) }, () =>
        source === 'wecom' ? this.readWecomUnit(unit, tallies) : this.readFeishuUnit(unit, tallies, people.mapped),
      );
    const prepare = (ready: ReadUnit): Promise<PreparedUnit> =>
      source === 'wecom'
        ? Promise.resolve(this.prepareFeishuImport(ready, tallies))
        : this.prepareWecomWrite(ready, tallies);

    // The pipeline: reads run READ_AHEAD units ahead; the writes of every unit flow through one pool, so a
    // unit's last calls overlap the next unit's first (no drain at unit boundaries, which at volume kept the
    // rate limit idle); units commit in order — mappings, then the cursor — once all their calls are done.
    const reads = new Map<number, Promise<ReadUnit>>();
    const readFrom = (index: number): void => {
      const unit = units[index];
      if (!unit || reads.has(index)) return;
      const promise = read(unit, index);
      promise.catch(() => undefined); // awaited below; this only stops an "unhandled" report while it waits
      reads.set(index, promise);
    };
    const states = new Map<number, { pending: number; prepared: PreparedUnit | null }>();
    let nextCommit = resumeAt;
    let commits: Promise<void> = Promise.resolve();
    let fatal: { error: unknown } | null = null;
    const commitReady = (): void => {
      commits = commits.then(async () => {
        for (let state = states.get(nextCommit); state && state.pending === 0; state = states.get(nextCommit)) {
          await state.prepared?.commit();
          if (!dryRun) {
            const position: RunProgressPosition = { done: nextCommit + 1, plan, start: window.start, end: window.end };
            version = await store.cursors.advance(progressKey, version, position);
          }
          states.delete(nextCommit);
          this.context.onUnitCommitted?.(nextCommit, units.length);
          nextCommit += 1;
        }
      });
      // A failed commit (the store is gone, or the process is told to stop) ends the run: no more writes.
      commits.catch((error: unknown) => {
        fatal ??= { error };
      });
    };
    const jobs = async function* (): AsyncGenerator<{ readonly index: number; readonly job: WriteJob }> {
      for (let index = resumeAt; index < units.length && fatal === null; index += 1) {
        for (let ahead = 0; ahead <= READ_AHEAD; ahead += 1) readFrom(index + ahead);
        const unit = units[index] as PunchUnit;
        let prepared: PreparedUnit | null = null;
        try {
          prepared = await prepare(await (reads.get(index) as Promise<ReadUnit>));
        } catch (error) {
          // A unit that could not be read: its people fail, the run goes on.
          for (const person of unit.users) {
            const tally = tallies.get(person);
            if (tally && tally.error === null) tally.error = describeFailure(error);
          }
        }
        reads.delete(index);
        states.set(index, { pending: prepared?.jobs.length ?? 0, prepared });
        if (!prepared || prepared.jobs.length === 0) commitReady();
        for (const job of prepared?.jobs ?? []) yield { index, job };
      }
    };
    await pMap(
      jobs(),
      async ({ index, job }) => {
        if (fatal === null) await withLogContext({ unit: unitLabel(index) }, job);
        const state = states.get(index);
        if (state) {
          state.pending -= 1;
          if (state.pending === 0) commitReady();
        }
      },
      // WeCom writes go one at a time: add_checkin_record is never sent twice blindly (see prepareWecomWrite).
      { concurrency: source === 'wecom' ? WRITE_CONCURRENCY : 1 },
    );
    await commits;
    if (fatal !== null) throw (fatal as { error: unknown }).error;

    const items = [...tallies.values()].map((tally) => itemOf(tally, source, dryRun));
    const failed = items.some((item) => item.action === 'failed');
    if (!dryRun) {
      await store.cursors.reset(progressKey);
      // The watermark only moves when every person's punches up to the window's end are across.
      if (incremental && !failed) {
        await store.cursors.advance(watermarkKey, watermark?.version ?? null, { through: window.end });
      }
    }
    for (const done of items) this.context.onItemDone?.(done);
    return items;
  }

  /** Every list read of the run hands the records it cannot read to the run (one failed item each). */
  private get sink() {
    return this.context.unreadable.sink;
  }

  // ---- who --------------------------------------------------------------------------------------------

  /**
   * The people of this run, source-side id → target-side id, plus those who cannot be carried (unmapped).
   * userIds (source side) narrow the run; groupIds name source-side groups whose members are synced (WeCom
   * rules through their link to a Feishu group: WeCom's member lists name departments we cannot expand).
   * Otherwise: every mapped person (USER_ID_MAPPING=table), or every member of a Feishu attendance group (same).
   */
  private async people(source: Vendor, target: Vendor): Promise<{ mapped: Map<string, string>; unmapped: string[] }> {
    const { params, resolver, store } = this.context;
    let candidates: string[];
    if (params.userIds) {
      candidates = [...params.userIds];
    } else if (params.groupIds) {
      const feishuGroups: string[] = [];
      for (const groupId of params.groupIds) {
        if (source === 'feishu') {
          feishuGroups.push(groupId);
        } else {
          const link = await store.groupLinks.findBySide('wecom', groupId);
          if (link?.feishuGroupId) feishuGroups.push(link.feishuGroupId);
        }
      }
      const members = await this.feishu.members(feishuGroups, this.sink);
      candidates = source === 'feishu' ? members : members.map((id) => resolver.user(id, 'feishu', 'wecom') ?? '');
      candidates = candidates.filter((id) => id !== '');
    } else if (this.context.userIdMapping === 'table') {
      candidates = [];
      for (let offset = 0; ; offset += 10_000) {
        const page = await store.users.list(10_000, offset);
        for (const pair of page.items) candidates.push(source === 'feishu' ? pair.feishuUserId : pair.wecomUserId);
        if (page.items.length < 10_000) break;
      }
    } else {
      candidates = await this.feishu.members(await this.feishu.listGroupIds(this.sink), this.sink);
    }
    const mapped = new Map<string, string>();
    const unmapped: string[] = [];
    for (const person of [...new Set(candidates)].sort()) {
      const other = resolver.user(person, source, target);
      if (other === null) unmapped.push(person);
      else mapped.set(person, other);
    }
    return { mapped, unmapped };
  }

  // ---- WeCom → Feishu ---------------------------------------------------------------------------------

  private async readWecomUnit(unit: PunchUnit, tallies: Map<string, PersonTally>): Promise<ReadUnit> {
    const { store, resolver } = this.context;
    const records = await this.wecom.readPunches(unit.users, unit.window, this.sink);
    // Each punch with what its reading could not carry exactly: reported only if the punch is carried now.
    const candidates: { readonly punch: CanonicalPunch; readonly losses: readonly Loss[] }[] = [];
    for (const record of records) {
      const read = record.read();
      if (read.ok) candidates.push({ punch: read.value, losses: read.losses });
      else {
        const tally = tallies.get(record.user);
        if (!tally) continue;
        if (read.skipped !== undefined) tally.skip(read.skipped);
        else {
          tally.addLosses(read.losses);
          tally.refused += 1;
        }
      }
    }
    const keys = candidates.map(({ punch }) => punch.sourceKey);
    const known = await lookUpInParts(keys, (part) => store.punches.knownSourceKeys('wecom', part));
    const echoes = await lookUpInParts(keys, (part) => store.punches.importedFrom('feishu', part));
    const punches: ReadUnit['punches'][number][] = [];
    const seen = new Set<string>();
    for (const { punch, losses } of candidates) {
      const tally = tallies.get(punch.userId);
      if (!tally) continue;
      if (echoes.has(punch.sourceKey)) tally.echoes += 1;
      else if (known.has(punch.sourceKey)) tally.present += 1;
      else if (seen.has(punch.sourceKey)) tally.duplicates += 1;
      else {
        seen.add(punch.sourceKey);
        const targetUserId = resolver.user(punch.userId, 'wecom', 'feishu');
        if (targetUserId !== null) {
          tally.addLosses(losses);
          punches.push({ punch, targetUserId });
        }
      }
    }
    return { unit, punches };
  }

  /** The Feishu imports of one unit, as write jobs of ≤ 50 flows; mappings are recorded when it commits. */
  private prepareFeishuImport(ready: ReadUnit, tallies: Map<string, PersonTally>): PreparedUnit {
    const { store, dryRun, runId } = this.context;
    const flows: { punch: CanonicalPunch; write: FeishuPunchWrite }[] = [];
    for (const { punch, targetUserId } of ready.punches) {
      const tally = tallies.get(punch.userId) as PersonTally;
      const translation = this.feishu.punchWrite(punch, targetUserId);
      tally.addLosses(translation.losses);
      if (translation.ok) flows.push({ punch, write: translation.value });
      else tally.refused += 1;
    }
    const batches = chunk(flows, this.feishu.writeBatch);
    if (dryRun) {
      for (const batch of batches) planBatch(tallies, batch, (entry) => entry.write.body, this.feishu);
      return NOTHING_TO_WRITE;
    }
    // Mappings are recorded once per unit, not per call: Feishu's idempotent_id already makes a repeated import
    // harmless, so a crash before this write costs a re-import that creates nothing, while 50-row inserts
    // were a measurable share of the run's CPU at volume (BENCHMARKS.md, punches).
    const mappings: PunchRecordMapping[] = [];
    const jobs = batches.map((batch) => async () => {
      let targetKeys: (string | null)[];
      try {
        targetKeys = await this.feishu.writePunches(batch.map((entry) => entry.write));
      } catch (error) {
        failBatch(tallies, batch, error);
        return;
      }
      batch.forEach((entry, index) => {
        mappings.push({
          sourceVendor: 'wecom',
          sourceKey: entry.punch.sourceKey,
          // A record Feishu holds but does not show (pending or invalid) is imported without a known record_id.
          targetKey: targetKeys[index] ?? null,
          userKey: entry.punch.userId,
          punchedAt: new Date(entry.punch.at * 1000),
          runId,
        });
        (tallies.get(entry.punch.userId) as PersonTally).written += 1;
      });
    });
    const commit = async (): Promise<void> => {
      for (const part of chunk(mappings, MAPPINGS_PER_STATEMENT)) {
        await store.punches.recordMany(part);
        await yieldToEventLoop();
      }
    };
    return { jobs, commit };
  }

  // ---- Feishu → WeCom ---------------------------------------------------------------------------------

  private async readFeishuUnit(
    unit: PunchUnit,
    tallies: Map<string, PersonTally>,
    mapped: ReadonlyMap<string, string>,
  ): Promise<ReadUnit> {
    const { store } = this.context;
    const flows = await this.feishu.readPunches(unit.users, unit.window, this.sink);
    const ids = flows.map((flow) => flow.recordKey);
    const [known, echoes, pending] = await Promise.all([
      store.punches.knownSourceKeys('feishu', ids),
      store.punches.importedFrom('wecom', ids),
      store.punches.pendingWrites('feishu', ids),
    ]);
    // Writes a previous run recorded but never saw answered: WeCom has them or it does not.
    const stillToWrite = await this.settlePending(pending);
    const punches: ReadUnit['punches'][number][] = [];
    const seen = new Set<string>();
    for (const flow of flows) {
      const tally = tallies.get(flow.user);
      const targetUserId = mapped.get(flow.user);
      if (!tally || targetUserId === undefined) continue;
      if (echoes.has(flow.recordKey) || flow.fromGateway) tally.echoes += 1;
      else if (known.has(flow.recordKey) && !stillToWrite.has(flow.recordKey)) tally.present += 1;
      else if (seen.has(flow.recordKey)) tally.duplicates += 1;
      else {
        seen.add(flow.recordKey);
        const translation = flow.read();
        if (translation.skipped !== undefined) {
          tally.skip(translation.skipped);
          continue;
        }
        tally.addLosses(translation.losses);
        if (translation.ok) punches.push({ punch: translation.value, targetUserId });
        else tally.refused += 1;
      }
    }
    return { unit, punches };
  }

  /**
   * Pending WeCom writes left by a run that ended before WeCom answered: those WeCom now holds are confirmed;
   * the others are forgotten and returned, to be written in this run.
   */
  private async settlePending(
    pending: Awaited<ReturnType<MappingStore['punches']['pendingWrites']>>,
  ): Promise<Set<string>> {
    if (pending.length === 0) return new Set();
    const { store } = this.context;
    const times = pending.map((write) => Math.floor(write.punchedAt.getTime() / 1000));
    const inWecom = await this.wecom.heldPunchKeys(
      [...new Set(pending.map((write) => write.userKey))],
      Math.min(...times),
      Math.max(...times) + 1,
      this.sink,
    );
    const landed = pending.filter((write) => write.targetKey !== null && inWecom.has(write.targetKey));
    const missing = pending.filter((write) => !landed.includes(write));
    await store.punches.confirm(
      'feishu',
      landed.map((write) => write.sourceKey),
    );
    await store.punches.forgetPending(
      'feishu',
      missing.map((write) => write.sourceKey),
    );
    return new Set(missing.map((write) => write.sourceKey));
  }

  /**
   * The WeCom writes of one unit, as write jobs of ≤ 200 records, run one at a time. Each records its punches
   * as pending before the call and done after it (WeCom has no idempotency key).
   */
  private async prepareWecomWrite(ready: ReadUnit, tallies: Map<string, PersonTally>): Promise<PreparedUnit> {
    const { store, dryRun, runId } = this.context;
    const records: { punch: CanonicalPunch; write: WecomPunchWrite; targetKey: string }[] = [];
    for (const { punch, targetUserId } of ready.punches) {
      const tally = tallies.get(punch.userId) as PersonTally;
      const translation = this.wecom.punchWrite(punch, targetUserId);
      tally.addLosses(translation.losses);
      if (translation.ok) records.push({ punch, write: translation.value, targetKey: translation.value.key });
      else tally.refused += 1;
    }
    // Two Feishu punches of one person in the same second are one WeCom punch (WeCom keys by user and time).
    const taken = await store.punches.importedFrom(
      'feishu',
      records.map((entry) => entry.targetKey),
    );
    const unique: typeof records = [];
    for (const entry of records) {
      if (taken.has(entry.targetKey)) (tallies.get(entry.punch.userId) as PersonTally).duplicates += 1;
      else {
        taken.add(entry.targetKey);
        unique.push(entry);
      }
    }
    const batches = chunk(unique, this.wecom.writeBatch);
    if (dryRun) {
      for (const batch of batches) planBatch(tallies, batch, (entry) => entry.write.body, this.wecom);
      return NOTHING_TO_WRITE;
    }
    const jobs = batches.map((batch) => async () => {
      const sourceKeys = batch.map((entry) => entry.punch.sourceKey);
      await store.punches.recordMany(
        batch.map((entry) => ({
          sourceVendor: 'feishu' as const,
          sourceKey: entry.punch.sourceKey,
          targetKey: entry.targetKey,
          userKey: entry.write.user,
          punchedAt: new Date(entry.punch.at * 1000),
          runId,
          state: 'pending' as const,
        })),
      );
      try {
        await this.wecom.writePunches(batch.map((entry) => entry.write));
      } catch (error) {
        // Refused outright: nothing was written, so the intents go. Otherwise (a timeout, a lost answer) WeCom
        // may hold the punches: the intents stay pending and the next run looks before writing again.
        if (wasNotApplied(error)) await store.punches.forgetPending('feishu', sourceKeys);
        failBatch(tallies, batch, error);
        return;
      }
      await store.punches.confirm('feishu', sourceKeys);
      for (const entry of batch) (tallies.get(entry.punch.userId) as PersonTally).written += 1;
    });
    return { jobs, commit: () => Promise.resolve() };
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

/** A macrotask turn: lets timers and sockets run between statements of the (possibly embedded) store. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A key lookup of the store in parts of KEYS_PER_LOOKUP, yielding between them; the union of the answers. */
async function lookUpInParts(
  keys: readonly string[],
  lookUp: (part: readonly string[]) => Promise<Set<string>>,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk(keys, KEYS_PER_LOOKUP)) {
    for (const key of await lookUp(part)) found.add(key);
    await yieldToEventLoop();
  }
  return found;
}

function failBatch(
  tallies: Map<string, PersonTally>,
  batch: readonly { readonly punch: CanonicalPunch }[],
  error: unknown,
): void {
  for (const entry of batch) {
    const tally = tallies.get(entry.punch.userId) as PersonTally;
    tally.failedWrites += 1;
    tally.error ??= describeFailure(error);
  }
}

/** Dry run: each person's share of each batch, exactly as it would be sent; named as the rules plans name calls. */
function planBatch<E extends { readonly punch: CanonicalPunch }>(
  tallies: Map<string, PersonTally>,
  batch: readonly E[],
  payload: (entry: E) => unknown,
  target: PunchSideConnector,
): void {
  const { api, key } = target.writeCall;
  for (const entry of batch) {
    const tally = tallies.get(entry.punch.userId) as PersonTally;
    tally.plan ??= { vendor: target.vendor, requests: [{ api, body: { [key]: [] } }] };
    tally.plan.requests[0].body[key]?.push(payload(entry));
  }
}

/** Same window and same units → same signature: a stored progress cursor only applies to the same plan. */
function planSignature(window: TimeWindow, units: readonly PunchUnit[]): string {
  const hash = createHash('sha256').update(`${window.start}-${window.end}`);
  for (const unit of units) hash.update(`|${unit.window.start}:${unit.users.join(',')}`);
  return hash.digest('hex').slice(0, 24);
}

function itemOf(tally: PersonTally, source: Vendor, dryRun: boolean): SyncRunItem {
  const target = source === 'wecom' ? 'Feishu' : 'WeCom';
  const losses: Loss[] = [];
  const notes: Note[] = [];
  const counted = (count: number, text: string): void => {
    if (count > 0) notes.push({ field: 'punches', message: `${count} ${text}` });
  };
  counted(tally.written, `written to ${target}`);
  counted(tally.present, `already in ${target} from an earlier run`);
  counted(tally.echoes, `came from ${target} through the gateway, so not sent back`);
  // Records that are not punches, per reason ("a missed punch (未打卡) WeCom reports, not a punch").
  for (const [reason, count] of tally.skipped) counted(count, `skipped: ${reason}`);
  counted(tally.duplicates, `repeated the same person and second and were kept once`);
  for (const { loss, count } of tally.losses.values()) {
    losses.push(count > 1 ? { ...loss, message: `${loss.message} (${count} punches)` } : loss);
  }
  const wouldWrite = tally.plan ? (Object.values(tally.plan.requests[0].body)[0]?.length ?? 0) : 0;
  if (wouldWrite > 0) notes.unshift({ field: 'punches', message: `${wouldWrite} would be written to ${target}` });
  const written = dryRun ? wouldWrite : tally.written;
  // A person with any punch not carried across (and not refused for a reason a re-run cannot fix) failed:
  // the next run carries the rest, and the run's status says it was partial.
  const action: SyncRunItem['action'] =
    tally.targetId === null ? 'skipped' : tally.error !== null ? 'failed' : written > 0 ? 'created' : 'unchanged';
  return {
    sourceId: tally.sourceId,
    targetId: tally.targetId,
    action,
    losses,
    ...(notes.length > 0 ? { notes } : {}),
    error: tally.error,
    ...(tally.plan ? { plan: tally.plan } : {}),
  };
}
