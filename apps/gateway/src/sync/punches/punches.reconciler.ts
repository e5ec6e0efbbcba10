import { createHash } from 'node:crypto';
import pMap from 'p-map';
import { chunk } from 'es-toolkit';
import type { PunchRecord, PunchWrite } from '@app/connectors';
import type { Loss, Note, Vendor } from '@app/kernel';
import type { PendingPunchWrite, PunchRecordMapping, SyncRunItem } from '@app/mapping-store';
import type { CanonicalPunch, PunchRead } from '@app/translation';
import { linkSideId } from '../engine/link-sides.js';
import { withLogContext } from '../engine/log-context.js';
import type { OneWayDirection } from '../engine/scope-registry.js';
import { describeFailure, wasNotApplied } from '../engine/sync-error-policy.js';
import type { PunchGroups, PunchRunContext, PunchSide, PunchSource, PunchTarget } from './punch-sides.js';
import { planUnits, runWindow, type PunchUnit, type TimeWindow } from './punch-window.js';

/**
 * Write calls in flight at once to a target whose writes carry an idempotency key. The client's rate limiter
 * paces them at the vendor's published limit (Feishu's imports: 50/s, one every 20 ms); to keep that
 * saturated, calls in flight must cover a round trip — 16 covers Feishu's 50–200 ms from a server in China
 * with room to spare.
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
   * Source records that are not punches (WeCom's 未打卡 rows, Feishu's system-generated or no-punch-needed
   * flows, flows not valid yet), per reason the translation gave: counted and reported, never carried.
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

/** A punch and the target's record of it. */
interface WriteEntry {
  readonly punch: CanonicalPunch;
  readonly write: PunchWrite;
}

/**
 * Punch sync, one direction per run of the one reconciler, over a (source, target) pair of vendor punch roles
 * (punch-sides.ts), streaming: the window is cut into units (a ≤ 30-day slice for as many people as the source
 * reads per call) read one ahead of the writes, so memory holds two units whatever the volume. It names no
 * vendor: what is a vendor's (its reads, its records, its write calls, how it keeps a repeated write from
 * landing twice, its groups' members, its attendance day's reach) is its role's, and the texts of run items
 * name the vendors by the roles' names.
 *
 * - Idempotent: the record mapping says what was carried already; a target whose writes carry an idempotency
 *   key (Feishu's idempotent_id) creates nothing twice when a batch is repeated after a crash.
 * - A target without one (WeCom) keys a punch by its own punch key: each batch's punches are recorded `pending`
 *   before the call and `done` after; a run that died in between leaves pending rows that the next run checks
 *   against the target.
 * - No echo: a punch the gateway wrote to a side (its mapping's target, or a record carrying the gateway's mark)
 *   is never exported back from that side.
 * - Resumable: a cursor per run counts finished units, moved only after a unit's writes and mappings are
 *   committed, so a run taken over after a crash resumes at its first unfinished unit.
 * - One punch run at a time (the run queue's singleton key is the scope), so two runs never write the same
 *   punch to a target without an idempotency key.
 */
export class PunchesReconciler {
  constructor(
    private readonly context: PunchRunContext,
    private readonly direction: OneWayDirection,
    private readonly source: PunchSource,
    private readonly target: PunchTarget,
  ) {}

  async run(): Promise<SyncRunItem[]> {
    const { store, params, dryRun, runId } = this.context;
    const { direction, source, target } = this;
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
          reach: await this.attendanceDayReach(),
          now,
        });

    const tallies = new Map<string, PersonTally>();
    const people = await this.people();
    for (const person of people.unmapped) {
      const tally = new PersonTally(person, null);
      tally.error = `not synced: ${source.name} user ${person} has no mapped ${target.name} user (PUT /api/v1/mappings/users)`;
      tallies.set(person, tally);
    }
    for (const [person, other] of people.mapped) tallies.set(person, new PersonTally(person, other));
    // One item per person, all reported when the run ends (units commit as they go; see onUnitCommitted).
    this.context.onItemsPlanned?.(tallies.size);

    // People per unit: the source's read size (below its vendor's per-call maximum; see its connector).
    const perUnit = Math.min(source.usersPerRead, this.context.usersPerUnit ?? source.usersPerRead);
    const units = planUnits(window, [...people.mapped.keys()], perUnit);
    const plan = planSignature(window, units);
    const resumeAt = progress?.position.plan === plan ? progress.position.done : 0;
    let version = progress?.version ?? null;

    // Vendor calls are made per unit (many people at once): their log lines name the unit.
    const unitLabel = (index: number): string => `${index + 1}/${units.length}`;
    const read = (unit: PunchUnit, index: number): Promise<ReadUnit> =>
      withLogContext({ unit: unitLabel(index) }, () => this.readUnit(unit, tallies, people.mapped));
    const prepare = (ready: ReadUnit): Promise<PreparedUnit> =>
      target.repeats.by === 'idempotency_key'
        ? Promise.resolve(this.prepareKeyedWrites(ready, tallies))
        : this.preparePendingWrites(ready, tallies);
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
      // Writes without an idempotency key go one at a time: such a call is never sent twice blindly (see
      // preparePendingWrites).
      { concurrency: target.repeats.by === 'idempotency_key' ? WRITE_CONCURRENCY : 1 },
    );
    await commits;
    if (fatal !== null) throw (fatal as { error: unknown }).error;

    const items = [...tallies.values()].map((tally) => itemOf(tally, target, dryRun));
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

  /**
   * How far past midnight an attendance day reaches: what the side whose rules say it gives (the latest of
   * both when both do), else nothing past midnight.
   */
  private async attendanceDayReach(): Promise<number> {
    let reach = 0;
    for (const side of [this.source, this.target]) {
      if (side.attendanceDayReach) reach = Math.max(reach, await side.attendanceDayReach());
    }
    return reach;
  }

  // ---- who --------------------------------------------------------------------------------------------

  /**
   * The people of this run, source-side id → target-side id, plus those who cannot be carried (unmapped).
   * userIds (source side) narrow the run; groupIds name source-side groups whose members are synced (a
   * source that lists no members, as WeCom's rules name departments that cannot be expanded, reaches them
   * through each group's link to the other side's group). Otherwise: every mapped person
   * (USER_ID_MAPPING=table), or every member of the attendance groups of the side that lists them (same).
   */
  private async people(): Promise<{ mapped: Map<string, string>; unmapped: string[] }> {
    const { params, resolver, store } = this.context;
    const { source, target } = this;
    let candidates: string[];
    if (params.userIds) {
      candidates = [...params.userIds];
    } else if (params.groupIds) {
      const { side, groups } = this.groupsSide();
      const groupIds: string[] = [];
      for (const groupId of params.groupIds) {
        if (side === source) {
          groupIds.push(groupId);
        } else {
          const link = await store.groupLinks.findBySide(source.vendor, groupId);
          const linked = linkSideId(link, side.vendor);
          if (linked) groupIds.push(linked);
        }
      }
      const members = await groups.members(groupIds, this.sink);
      candidates = side === source ? members : members.map((id) => resolver.user(id, side.vendor, source.vendor) ?? '');
      candidates = candidates.filter((id) => id !== '');
    } else if (this.context.userIdMapping === 'table') {
      candidates = [];
      for (let offset = 0; ; offset += 10_000) {
        const page = await store.users.list(10_000, offset);
        for (const pair of page.items) candidates.push(source.userOf(pair));
        if (page.items.length < 10_000) break;
      }
    } else {
      // USER_ID_MAPPING=same: a person has the same id on both sides, so the members are the source's ids.
      const { groups } = this.groupsSide();
      candidates = await groups.members(await groups.listGroupIds(this.sink), this.sink);
    }
    const mapped = new Map<string, string>();
    const unmapped: string[] = [];
    for (const person of [...new Set(candidates)].sort()) {
      const other = resolver.user(person, source.vendor, target.vendor);
      if (other === null) unmapped.push(person);
      else mapped.set(person, other);
    }
    return { mapped, unmapped };
  }

  /** The side of the run that lists attendance groups and their members: the source's when both do. */
  private groupsSide(): { readonly side: PunchSide; readonly groups: PunchGroups } {
    for (const side of [this.source, this.target]) {
      if (side.groups) return { side, groups: side.groups };
    }
    throw new Error(
      `neither ${this.source.name} nor ${this.target.name} lists attendance groups and their members, so a run ` +
        'without userIds cannot tell whose punches to sync',
    );
  }

  // ---- read -------------------------------------------------------------------------------------------

  /**
   * One unit's punches to carry. A record with a key of its own before translation (Feishu's record_id) is
   * looked up by it, and only a record not carried yet is translated; a record known only by its punch (WeCom's
   * rows) is translated first, and the losses of a punch are reported only if it is carried now.
   */
  private async readUnit(
    unit: PunchUnit,
    tallies: Map<string, PersonTally>,
    mapped: ReadonlyMap<string, string>,
  ): Promise<ReadUnit> {
    const { store } = this.context;
    const { source, target } = this;
    const records = await source.read(unit.users, unit.window, this.sink);
    const candidates: { readonly record: PunchRecord; readonly key: string; readonly read: PunchRead | null }[] = [];
    for (const record of records) {
      if (!tallies.has(record.user) || !mapped.has(record.user)) continue;
      if (record.recordKey !== null) {
        candidates.push({ record, key: record.recordKey, read: null });
        continue;
      }
      const read = record.read();
      if (read.ok) candidates.push({ record, key: read.value.sourceKey, read });
      else {
        const tally = tallies.get(record.user) as PersonTally;
        if (read.skipped !== undefined) tally.skip(read.skipped);
        else {
          tally.addLosses(read.losses);
          tally.refused += 1;
        }
      }
    }
    const keys = candidates.map(({ key }) => key);
    const known = await lookUpInParts(keys, (part) => store.punches.knownSourceKeys(source.vendor, part));
    const echoes = await lookUpInParts(keys, (part) => store.punches.importedFrom(target.vendor, part));
    // Writes a previous run recorded but never saw answered: the target has them or it does not.
    const stillToWrite = await this.settlePending(keys);
    const punches: ReadUnit['punches'][number][] = [];
    const seen = new Set<string>();
    for (const { record, key, read } of candidates) {
      const tally = tallies.get(record.user) as PersonTally;
      const targetUserId = mapped.get(record.user) as string;
      if (echoes.has(key) || record.fromGateway) tally.echoes += 1;
      else if (known.has(key) && !stillToWrite.has(key)) tally.present += 1;
      else if (seen.has(key)) tally.duplicates += 1;
      else {
        seen.add(key);
        const translation = read ?? record.read();
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
   * Pending writes left by a run that ended before a target without an idempotency key answered: those the
   * target now holds are confirmed; the others are forgotten and returned, to be written in this run.
   */
  private async settlePending(sourceKeys: readonly string[]): Promise<Set<string>> {
    const { repeats } = this.target;
    if (repeats.by !== 'punch_key') return new Set();
    const { store } = this.context;
    const vendor = this.source.vendor;
    const pending: PendingPunchWrite[] = [];
    for (const part of chunk(sourceKeys, KEYS_PER_LOOKUP)) {
      pending.push(...(await store.punches.pendingWrites(vendor, part)));
      await yieldToEventLoop();
    }
    if (pending.length === 0) return new Set();
    const times = pending.map((write) => Math.floor(write.punchedAt.getTime() / 1000));
    const held = await repeats.held(
      [...new Set(pending.map((write) => write.userKey))],
      Math.min(...times),
      Math.max(...times) + 1,
      this.sink,
    );
    const landed = pending.filter((write) => write.targetKey !== null && held.has(write.targetKey));
    const missing = pending.filter((write) => !landed.includes(write));
    await store.punches.confirm(
      vendor,
      landed.map((write) => write.sourceKey),
    );
    await store.punches.forgetPending(
      vendor,
      missing.map((write) => write.sourceKey),
    );
    return new Set(missing.map((write) => write.sourceKey));
  }

  // ---- write ------------------------------------------------------------------------------------------

  /** Each punch as the target's record; its losses and refusals go to its person. */
  private translate(ready: ReadUnit, tallies: Map<string, PersonTally>): WriteEntry[] {
    const entries: WriteEntry[] = [];
    for (const { punch, targetUserId } of ready.punches) {
      const tally = tallies.get(punch.userId) as PersonTally;
      const translation = this.target.translate(punch, targetUserId);
      tally.addLosses(translation.losses);
      if (translation.ok) entries.push({ punch, write: translation.value });
      else tally.refused += 1;
    }
    return entries;
  }

  /**
   * The writes of one unit to a target whose writes carry an idempotency key, as write jobs of one write
   * batch each; mappings are recorded when the unit commits.
   */
  private prepareKeyedWrites(ready: ReadUnit, tallies: Map<string, PersonTally>): PreparedUnit {
    const { store, dryRun, runId } = this.context;
    const { source, target } = this;
    const batches = chunk(this.translate(ready, tallies), target.writeBatch);
    if (dryRun) {
      for (const batch of batches) planBatch(tallies, batch, target);
      return NOTHING_TO_WRITE;
    }
    // Mappings are recorded once per unit, not per call: the idempotency key already makes a repeated write
    // harmless, so a crash before this write costs a re-import that creates nothing, while 50-row inserts
    // were a measurable share of the run's CPU at volume (BENCHMARKS.md, punches).
    const mappings: PunchRecordMapping[] = [];
    const jobs = batches.map((batch) => async () => {
      let targetKeys: (string | null)[];
      try {
        targetKeys = await target.write(batch.map((entry) => entry.write));
      } catch (error) {
        failBatch(tallies, batch, error);
        return;
      }
      batch.forEach((entry, index) => {
        mappings.push({
          sourceVendor: source.vendor,
          sourceKey: entry.punch.sourceKey,
          // A record the target holds but does not show (Feishu: pending or invalid) is written without a known
          // key of its own.
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

  /**
   * The writes of one unit to a target without an idempotency key, as write jobs of one write batch each, run
   * one at a time. Each records its punches as pending before the call and done after it; a pending row names
   * the target's person, whose punches a later run reads to settle it.
   */
  private async preparePendingWrites(ready: ReadUnit, tallies: Map<string, PersonTally>): Promise<PreparedUnit> {
    const { store, dryRun, runId } = this.context;
    const { source, target } = this;
    const entries = this.translate(ready, tallies);
    // Two source punches of one person in the same second are one target punch (the target keys by person and
    // second).
    const taken = await store.punches.importedFrom(
      source.vendor,
      entries.map((entry) => entry.write.key),
    );
    const unique: WriteEntry[] = [];
    for (const entry of entries) {
      if (taken.has(entry.write.key)) (tallies.get(entry.punch.userId) as PersonTally).duplicates += 1;
      else {
        taken.add(entry.write.key);
        unique.push(entry);
      }
    }
    const batches = chunk(unique, target.writeBatch);
    if (dryRun) {
      for (const batch of batches) planBatch(tallies, batch, target);
      return NOTHING_TO_WRITE;
    }
    const jobs = batches.map((batch) => async () => {
      const sourceKeys = batch.map((entry) => entry.punch.sourceKey);
      await store.punches.recordMany(
        batch.map((entry) => ({
          sourceVendor: source.vendor,
          sourceKey: entry.punch.sourceKey,
          targetKey: entry.write.key,
          userKey: entry.write.user,
          punchedAt: new Date(entry.punch.at * 1000),
          runId,
          state: 'pending' as const,
        })),
      );
      try {
        await target.write(batch.map((entry) => entry.write));
      } catch (error) {
        // Refused outright: nothing was written, so the intents go. Otherwise (a timeout, a lost answer) the
        // target may hold the punches: the intents stay pending and the next run looks before writing again.
        if (wasNotApplied(error)) await store.punches.forgetPending(source.vendor, sourceKeys);
        failBatch(tallies, batch, error);
        return;
      }
      await store.punches.confirm(source.vendor, sourceKeys);
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
function planBatch(tallies: Map<string, PersonTally>, batch: readonly WriteEntry[], target: PunchTarget): void {
  const { api, key } = target.writeCall;
  for (const entry of batch) {
    const tally = tallies.get(entry.punch.userId) as PersonTally;
    tally.plan ??= { vendor: target.vendor, requests: [{ api, body: { [key]: [] } }] };
    tally.plan.requests[0].body[key]?.push(entry.write.body);
  }
}

/** Same window and same units → same signature: a stored progress cursor only applies to the same plan. */
function planSignature(window: TimeWindow, units: readonly PunchUnit[]): string {
  const hash = createHash('sha256').update(`${window.start}-${window.end}`);
  for (const unit of units) hash.update(`|${unit.window.start}:${unit.users.join(',')}`);
  return hash.digest('hex').slice(0, 24);
}

function itemOf(tally: PersonTally, side: PunchTarget, dryRun: boolean): SyncRunItem {
  const target = side.name;
  const losses: Loss[] = [];
  const notes: Note[] = [];
  const counted = (count: number, text: string): void => {
    if (count > 0) notes.push({ field: 'punches', message: `${count} ${text}` });
  };
  counted(tally.written, `written to ${target}`);
  counted(tally.present, `already in ${target} from an earlier run`);
  counted(tally.echoes, `came from ${target} through the gateway, so not sent back`);
  // Records that are not punches, per reason the source's translation gives.
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
