import { FEISHU_SHIFT_KIND, type FeishuRostersConnector, type RosterGroup, type RosterShift } from '@app/connectors';
import type { ShiftLink } from '@app/mapping-store';
import type { CanonicalRule } from '@app/translation';
import type { RosterGroupRead, RosterSide, RostersSource, RostersTarget } from './roster-sides.js';
import type { RostersRunContext } from './rosters.reconciler.js';

/**
 * Feishu attendance groups and their user_daily_shifts in a roster run. A group is read when its item runs; it
 * lists its members completely (the members who punch), while its shifts are the tenant's, read one by one
 * (each once per connector). Its shift ids are Feishu's own: a WeCom rule written from the group derives its
 * schedule ids from them (describeShift gives the group with one shift, as that rule's translation reads it).
 */
class FeishuRosterSide implements RosterSide {
  readonly vendorName = 'Feishu';
  readonly rosterNoun = 'Feishu roster';
  readonly shiftNoun = 'shift';
  readonly resource = 'feishu-group';
  readonly listsGroups = false;

  constructor(
    protected readonly context: RostersRunContext,
    readonly connector: FeishuRostersConnector,
  ) {}

  begin(): Promise<void> {
    return Promise.resolve();
  }

  visits(): boolean {
    return true;
  }

  group(groupId: string): Promise<RosterGroupRead> {
    return this.connector.findGroup(groupId);
  }

  async members(group: RosterGroup): Promise<{ readonly users: readonly string[]; readonly complete: boolean }> {
    return { users: await this.connector.members(group.id, this.context.unreadable.sink), complete: true };
  }

  offeredShifts(): null {
    return null;
  }

  /** A shift link's Feishu side, when it is a shift. */
  recordedShiftKey(link: ShiftLink): string | null {
    const side = link.sides.get(this.connector.vendor);
    return side?.kind === FEISHU_SHIFT_KIND ? side.key : null;
  }

  compareShiftKeys(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  shift(_group: RosterGroup, key: string): Promise<RosterShift | null> {
    return this.connector.shift(key);
  }

  allShifts(): Promise<readonly RosterShift[]> {
    return this.connector.allShifts(this.context.unreadable.sink);
  }

  describeShift(groupId: string, shift: RosterShift): CanonicalRule | null {
    return this.connector.ruleWithShift(groupId, shift);
  }
}

export class FeishuRostersSource extends FeishuRosterSide implements RostersSource {}

export class FeishuRostersTarget extends FeishuRosterSide implements RostersTarget {
  unpairedShift(source: RosterSide, shift: string, name: string | undefined): string {
    return (
      `${source.vendorName} ${source.shiftNoun} ${shift}${name ? ` (${name})` : ''} has no Feishu shift linked: ` +
      `run the rules sync ${source.vendorName} → Feishu (it creates or links the shifts), then this roster sync again.`
    );
  }
}
