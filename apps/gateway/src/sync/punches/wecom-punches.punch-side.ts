import type { PunchTimeWindow, UnreadableSink, WecomPunchesConnector, WecomPunchWrite } from '@app/connectors';
import type { UserMapping } from '@app/mapping-store';
import type { CanonicalPunch } from '@app/translation';
import type { PunchRepeats, PunchSource, PunchTarget } from './punch-sides.js';

/**
 * What WeCom is in either role of a punch run: its rules say how far past midnight an attendance day reaches
 * (a night shift's off-duty punch belongs to the day before), which widens a run's window whichever way it
 * goes. Its rules name departments, not members, so it lists no group members.
 */
abstract class WecomPunchSide {
  readonly vendor = 'wecom' as const;
  readonly name = 'WeCom';

  constructor(protected readonly connector: WecomPunchesConnector) {}

  userOf(pair: UserMapping): string {
    return pair.wecomUserId;
  }

  attendanceDayReach(): Promise<number> {
    return this.connector.attendanceDayReach();
  }
}

/**
 * WeCom checkin data as the source of a punch run: rows known only by their punch (person and second), so
 * each is translated before it is looked up.
 */
export class WecomPunchSource extends WecomPunchSide implements PunchSource {
  readonly usersPerRead: number;

  constructor(connector: WecomPunchesConnector) {
    super(connector);
    this.usersPerRead = connector.usersPerRead;
  }

  read(users: readonly string[], window: PunchTimeWindow, onUnreadable: UnreadableSink) {
    return this.connector.readPunches(users, window, onUnreadable);
  }
}

/**
 * WeCom checkin records as the target of a punch run: add_checkin_record of ≤ 200 records, without an
 * idempotency key, so a punch is known by its punch key and a write a run left pending is settled by reading
 * which punch keys WeCom holds.
 */
export class WecomPunchTarget extends WecomPunchSide implements PunchTarget {
  readonly writeBatch: number;
  readonly writeCall: { readonly api: string; readonly key: string };
  readonly repeats: PunchRepeats;

  constructor(connector: WecomPunchesConnector) {
    super(connector);
    this.writeBatch = connector.writeBatch;
    this.writeCall = connector.writeCall;
    this.repeats = {
      by: 'punch_key',
      held: (users, start, end, onUnreadable) => connector.heldPunchKeys(users, start, end, onUnreadable),
    };
  }

  translate(punch: CanonicalPunch, targetUser: string) {
    return this.connector.punchWrite(punch, targetUser);
  }

  write(batch: readonly WecomPunchWrite[]) {
    return this.connector.writePunches(batch);
  }
}
