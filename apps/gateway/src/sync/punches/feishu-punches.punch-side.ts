import type { FeishuPunchesConnector, FeishuPunchWrite, PunchTimeWindow, UnreadableSink } from '@app/connectors';
import type { UserMapping } from '@app/mapping-store';
import type { CanonicalPunch } from '@app/translation';
import type { PunchGroups, PunchRepeats, PunchSource, PunchTarget } from './punch-sides.js';

/**
 * What Feishu is in either role of a punch run: its attendance groups list their members (so a run of
 * USER_ID_MAPPING=same, or one naming groups, finds its people here whichever way it goes).
 */
abstract class FeishuPunchSide {
  readonly vendor = 'feishu' as const;
  readonly name = 'Feishu';
  readonly groups: PunchGroups;

  constructor(protected readonly connector: FeishuPunchesConnector) {
    this.groups = {
      listGroupIds: (onUnreadable) => connector.listGroupIds(onUnreadable),
      members: (groupIds, onUnreadable) => connector.members(groupIds, onUnreadable),
    };
  }

  userOf(pair: UserMapping): string {
    return pair.feishuUserId;
  }
}

/**
 * Feishu user flows as the source of a punch run: read per unit of people and time, each keyed by its
 * record_id before translation; a flow carrying the gateway's mark is the gateway's own import (an echo).
 */
export class FeishuPunchSource extends FeishuPunchSide implements PunchSource {
  readonly usersPerRead: number;

  constructor(connector: FeishuPunchesConnector) {
    super(connector);
    this.usersPerRead = connector.usersPerRead;
  }

  read(users: readonly string[], window: PunchTimeWindow, onUnreadable: UnreadableSink) {
    return this.connector.readPunches(users, window, onUnreadable);
  }
}

/**
 * Feishu user flows as the target of a punch run: imports of ≤ 50 flows, each carrying a deterministic
 * idempotent_id, so a batch repeated after a crash creates nothing twice.
 */
export class FeishuPunchTarget extends FeishuPunchSide implements PunchTarget {
  readonly writeBatch: number;
  readonly writeCall: { readonly api: string; readonly key: string };
  readonly repeats: PunchRepeats = { by: 'idempotency_key' };

  constructor(connector: FeishuPunchesConnector) {
    super(connector);
    this.writeBatch = connector.writeBatch;
    this.writeCall = connector.writeCall;
  }

  translate(punch: CanonicalPunch, targetUser: string) {
    return this.connector.punchWrite(punch, targetUser);
  }

  write(batch: readonly FeishuPunchWrite[]) {
    return this.connector.writePunches(batch);
  }
}
