import { type RosterGroup, type RosterShift, WECOM_SCHEDULE_KIND, type WecomRostersConnector } from '@app/connectors';
import type { ShiftLink } from '@app/mapping-store';
import type { CanonicalRule } from '@app/translation';
import type { RosterGroupRead, RosterSide, RostersSource, RostersTarget } from './roster-sides.js';
import type { RostersRunContext } from './rosters.reconciler.js';

/**
 * WeCom checkin rules and their schedules in a roster run. The rules come in one list, read before any item
 * (getcorpcheckinoption has no single-rule read); a rule names only its own people (WeCom's API gives the
 * gateway no department directory, so people it reaches through a department are not listed); its shifts are
 * its schedules. The schedule ids of a rule the rules sync wrote from a Feishu group are derived from that
 * group's shifts (deterministic ids of the rule translation), which derivedShiftKey computes again.
 */
class WecomRosterSide implements RosterSide {
  readonly vendorName = 'WeCom';
  readonly rosterNoun = 'WeCom schedules';
  readonly shiftNoun = 'schedule';
  readonly resource = 'wecom-rule';
  readonly listsGroups = true;
  private rules = new Map<string, RosterGroup>();

  constructor(
    protected readonly context: RostersRunContext,
    readonly connector: WecomRostersConnector,
  ) {}

  async begin(): Promise<void> {
    const rules = await this.connector.listGroups(this.context.unreadable.sink);
    this.rules = new Map(rules.map((rule) => [rule.id, rule]));
  }

  visits(groupId: string): boolean {
    return this.rules.get(groupId)?.notRostered === null;
  }

  group(groupId: string): Promise<RosterGroupRead> {
    const rule = this.rules.get(groupId);
    if (rule) return Promise.resolve(rule);
    const { vendor, groupRecordKind } = this.connector;
    const unreadable = this.context.unreadable.find(vendor, groupRecordKind, groupId);
    return Promise.resolve(unreadable ? { unreadable: unreadable.reason } : null);
  }

  members(group: RosterGroup): Promise<{ readonly users: readonly string[]; readonly complete: boolean }> {
    return Promise.resolve({ users: group.namedUsers, complete: false });
  }

  offeredShifts(group: RosterGroup): ReadonlyMap<string, string> {
    return group.shifts;
  }

  /** A shift link's WeCom side, when it is a schedule: its schedule id, as the rule's roster names it. */
  recordedShiftKey(link: ShiftLink): string | null {
    const side = link.sides.get(this.connector.vendor);
    if (side?.kind !== WECOM_SCHEDULE_KIND) return null;
    const scheduleId = Number(side.key);
    return Number.isInteger(scheduleId) ? String(scheduleId) : null;
  }

  compareShiftKeys(a: string, b: string): number {
    return Number(a) - Number(b);
  }

  shift(group: RosterGroup, key: string): Promise<RosterShift | null> {
    const name = group.shifts.get(key);
    return Promise.resolve(name === undefined ? null : { id: key, name });
  }

  allShifts(): Promise<readonly RosterShift[]> {
    return Promise.resolve([]);
  }

  describeShift(): null {
    return null;
  }

  /** The schedule id a rule written from the group `rule` describes gives its one shift. */
  readonly derivedShiftKey = (rule: CanonicalRule): string | null =>
    // The schedule ids do not depend on the rule's name: the group's own one stands in for it.
    this.connector.scheduleIdFor(rule, {
      resolver: this.context.resolver,
      ruleName: rule.name,
      nowUnixSeconds: Math.floor(this.context.now().getTime() / 1000),
    });
}

export class WecomRostersSource extends WecomRosterSide implements RostersSource {}

export class WecomRostersTarget extends WecomRosterSide implements RostersTarget {
  unpairedShift(source: RosterSide, shift: string, name: string | undefined, groupId: string): string {
    return (
      `${source.vendorName} ${source.shiftNoun} ${shift}${name ? ` (${name})` : ''} has no schedule in WeCom rule ` +
      `${groupId}: run the rules sync ${source.vendorName} → WeCom (it adds the shifts the roster uses), then this ` +
      'roster sync again.'
    );
  }
}
