import {
  inWindow,
  type DayKey,
  type DayWindow,
  type RosterBatch,
  type RosterEntry,
  type RosterGroup,
  type RosterShift,
  type RosterSideConnector,
  type RosterWrite,
  type RosterWriteAnswer,
} from '@app/connectors';
import { VendorError, type Vendor, type VendorName } from '@app/kernel';
import type { CanonicalRule } from '@app/translation';
import { officeRule } from '../../libs/translation/test/canonical-rule.fixtures.js';
import type {
  RosterGroupRead,
  RosterSide,
  RostersSource,
  RostersTarget,
} from '../../apps/gateway/src/sync/rosters/roster-sides.js';

/**
 * A third vendor for the roster engine's tests: groups, shifts and roster days kept in memory, with both roles a
 * vendor plays in a roster run (roster-sides.ts). It has none of a real vendor's reads or quirks, so a run of the
 * one roster reconciler over two of them (rosters.reconciler.spec.ts) shows what the engine needs of a vendor:
 * these roles, and nothing in the engine named after Feishu or WeCom.
 *
 * Two kinds of memory vendor cover both ways a real pair works (ARCHITECTURE.md, rosters): a `tenant` vendor
 * reads each group when asked, lists its members completely and has tenant-wide shifts under keys of its own,
 * which it describes as a rule named after the shift; a `listing` vendor reads all its groups up front, names
 * only some of a group's people, offers a group's shifts as its own list, and derives a shift's key from the
 * rule its counterpart describes (`<prefix><rule name>`).
 */
export type MemoryRostersKind = 'tenant' | 'listing';

export interface MemoryRosterGroup {
  readonly notRostered?: string;
  /** The group's people: all of them (tenant) or those it names (listing). */
  readonly users: readonly string[];
  /** listing: the shifts the group offers, key → name. */
  readonly shifts?: ReadonlyMap<string, string>;
}

export class MemoryRostersConnector implements RosterSideConnector {
  readonly groupNoun: string;
  readonly groups = new Map<string, MemoryRosterGroup>();
  /** tenant: the tenant's shifts, key → name. */
  readonly shifts = new Map<string, string>();
  /** Roster days: `group|user|day` → shift key. */
  readonly days = new Map<string, string>();
  /** People whose days this vendor refuses to write (a refusal naming them, per record). */
  readonly refused = new Set<string>();
  /** Every write call, in order. */
  readonly calls: RosterWrite[][] = [];

  constructor(
    readonly vendor: VendorName,
    readonly kind: MemoryRostersKind,
  ) {
    this.groupNoun = `${vendor} group`;
  }

  group(id: string, group: MemoryRosterGroup): this {
    this.groups.set(id, group);
    return this;
  }

  day(group: string, user: string, day: DayKey, shift: string): this {
    this.days.set(`${group}|${user}|${day}`, shift);
    return this;
  }

  /** The days of `group`, as `user day shift` lines, sorted. */
  rosterOf(group: string): string[] {
    return [...this.days]
      .filter(([key]) => key.startsWith(`${group}|`))
      .map(([key, shift]) => `${key.split('|').slice(1).join(' ')} ${shift}`)
      .sort();
  }

  readRoster(users: readonly string[], window: DayWindow): Promise<RosterEntry[]> {
    const entries = [...this.days].flatMap(([key, shift]) => {
      const [group, user, day] = key.split('|') as [string, string, DayKey];
      return users.includes(user) && inWindow(day, window) ? [{ group, user, day, shift, cleared: false }] : [];
    });
    return Promise.resolve(entries);
  }

  /** One call for all the writes (none without writes, as a real vendor's batching has it). */
  rosterBatches(groupId: string, writes: readonly RosterWrite[]): RosterBatch[] {
    if (writes.length === 0) return [];
    return [{ writes, request: { api: 'memory.roster', body: { group: groupId, days: writes.length } } }];
  }

  sendRoster(groupId: string, batch: RosterBatch): Promise<RosterWriteAnswer> {
    this.calls.push([...batch.writes]);
    const refused = batch.writes.filter((write) => this.refused.has(write.user)).map((write) => write.user);
    if (refused.length > 0) {
      // VendorError names a kernel vendor; this test vendor's name stands in for one.
      const vendor = this.vendor as Vendor;
      return Promise.reject(
        new VendorError(vendor, 'invalid_request', `unknown ${refused.join(', ')}`, { vendorCode: null }),
      );
    }
    for (const write of batch.writes) this.days.set(`${groupId}|${write.user}|${write.day}`, write.shift);
    return Promise.resolve({ written: batch.writes.length, notApplied: [], unread: [] });
  }

  refusedDay(write: RosterWrite, reason: string): { readonly message: string; readonly targetValue: unknown } {
    return { message: `${this.vendor} refused ${write.user}: ${reason}`, targetValue: write.shift };
  }
}

class MemoryRosterSide implements RosterSide {
  readonly vendorName: string;
  readonly rosterNoun: string;
  readonly shiftNoun = 'shift';
  readonly resource: string;
  readonly listsGroups: boolean;
  readonly derivedShiftKey?: (rule: CanonicalRule) => string | null;
  private listed = new Map<string, RosterGroup>();

  constructor(
    readonly connector: MemoryRostersConnector,
    /** listing: the prefix of the keys it derives. */
    prefix = `${connector.vendor}:`,
  ) {
    this.vendorName = connector.vendor;
    this.rosterNoun = `${connector.vendor} roster`;
    this.resource = `${connector.vendor}-group`;
    this.listsGroups = connector.kind === 'listing';
    if (connector.kind === 'listing') this.derivedShiftKey = (rule) => `${prefix}${rule.name}`;
  }

  begin(): Promise<void> {
    if (this.listsGroups) this.listed = new Map([...this.connector.groups.keys()].map((id) => [id, this.read(id)!]));
    return Promise.resolve();
  }

  visits(groupId: string): boolean {
    return !this.listsGroups || this.listed.get(groupId)?.notRostered === null;
  }

  group(groupId: string): Promise<RosterGroupRead> {
    return Promise.resolve(this.listsGroups ? (this.listed.get(groupId) ?? null) : this.read(groupId));
  }

  members(group: RosterGroup): Promise<{ readonly users: readonly string[]; readonly complete: boolean }> {
    const users = this.connector.groups.get(group.id)?.users ?? [];
    return Promise.resolve({ users, complete: !this.listsGroups });
  }

  offeredShifts(group: RosterGroup): ReadonlyMap<string, string> | null {
    return this.listsGroups ? group.shifts : null;
  }

  recordedShiftKey(): null {
    return null;
  }

  compareShiftKeys(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  shift(group: RosterGroup, key: string): Promise<RosterShift | null> {
    const name = this.listsGroups ? group.shifts.get(key) : this.connector.shifts.get(key);
    return Promise.resolve(name === undefined ? null : { id: key, name });
  }

  allShifts(): Promise<readonly RosterShift[]> {
    if (this.listsGroups) return Promise.resolve([]);
    return Promise.resolve([...this.connector.shifts].map(([id, name]) => ({ id, name })));
  }

  describeShift(_groupId: string, shift: RosterShift): CanonicalRule | null {
    return this.listsGroups ? null : officeRule({ name: shift.name });
  }

  private read(groupId: string): RosterGroup | null {
    const group = this.connector.groups.get(groupId);
    if (!group) return null;
    return {
      id: groupId,
      notRostered: group.notRostered ?? null,
      shifts: group.shifts ?? new Map(),
      namedUsers: this.listsGroups ? group.users : [],
    };
  }
}

export class MemoryRostersSource extends MemoryRosterSide implements RostersSource {}

export class MemoryRostersTarget extends MemoryRosterSide implements RostersTarget {
  unpairedShift(source: RosterSide, shift: string, name: string | undefined, groupId: string): string {
    return `${source.vendorName} shift ${shift} (${name ?? '?'}) has no pair in ${this.vendorName} group ${groupId}`;
  }
}
