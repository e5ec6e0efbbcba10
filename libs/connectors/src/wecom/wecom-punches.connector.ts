import { DAY_SECONDS } from '@app/kernel';
import {
  punchToWecomRecord,
  wecomCheckinToPunch,
  wecomPunchKey,
  type CanonicalPunch,
  type Translation,
} from '@app/translation';
import {
  WECOM_MAX_RECORDS_PER_CALL,
  type WecomAddCheckinRecord,
  type WecomCheckinGroupRead,
  type WecomClient,
} from '@app/wecom';
import type {
  PunchRecord,
  PunchSideConnector,
  PunchTimeWindow,
  PunchWrite,
  UnreadableSink,
} from '../attendance-connector.js';

/**
 * An off-duty punch may come this long after a section's end when the rule does not say (WeCom's default
 * limit_offtime is 4 h in the vendor examples).
 */
const DEFAULT_OFF_PUNCH_ALLOWANCE_SECONDS = 4 * 3600;

/**
 * How far past midnight the rules' attendance day reaches: the latest off-duty punch any section of any
 * WeCom rule allows, minus 24 h (a night shift 22:00–06:00 with a 4 h allowance reaches 10:00 next day).
 * Punches of day D are read up to end-of-D plus this, so a cross-midnight off-duty punch is read with its
 * shift's day; the next window reads it again, and the record mapping keeps it once (overlap plus dedupe).
 */
export function nextDayReachSeconds(rules: readonly WecomCheckinGroupRead[]): number {
  let latest = 0;
  for (const rule of rules) {
    const sections = [
      ...(rule.checkindate ?? []).flatMap((date) => date.checkintime ?? []),
      ...(rule.schedulelist ?? []).flatMap((schedule) => schedule.time_section ?? []),
    ];
    for (const section of sections) {
      const reach =
        section.latest_off_work_sec !== undefined && section.latest_off_work_sec > 0
          ? section.latest_off_work_sec
          : section.off_work_sec + DEFAULT_OFF_PUNCH_ALLOWANCE_SECONDS;
      latest = Math.max(latest, reach);
    }
  }
  return Math.min(DAY_SECONDS, Math.max(0, latest - DAY_SECONDS));
}

/** A punch as an add_checkin_record record; its key is the WeCom punch key (user and second). */
export interface WecomPunchWrite extends PunchWrite {
  readonly body: WecomAddCheckinRecord;
}

/**
 * WeCom punches (checkin data) as the punch scope sees them, and WeCom's write rules for them:
 * add_checkin_record takes ≤ 200 records (B7) and has no idempotency key, so a punch is known by its user and
 * second (wecomPunchKey). Nothing here knows Feishu.
 */
export class WecomPunchesConnector implements PunchSideConnector {
  readonly vendor = 'wecom' as const;
  /**
   * getcheckindata takes ≤ 100 users per call (B6), but 50: a 100-person month is ~6,000 rows whose parse,
   * check and key lookups held the event loop for 100–300 ms while the write pool waited (the 20,000-punch
   * bench: 1.18× the floor at 100, 1.13× at 50), and the first writes start sooner. Twice the getcheckindata
   * calls cost nothing measurable: they run a unit ahead of the writes, at 600/min against the imports' 50/s.
   */
  readonly usersPerRead = 50;
  readonly writeBatch = WECOM_MAX_RECORDS_PER_CALL;
  readonly writeCall = { api: 'add_checkin_record', key: 'records' } as const;

  constructor(private readonly client: WecomClient) {}

  /** How far past midnight the corp's rules let an attendance day reach (nextDayReachSeconds). */
  async attendanceDayReach(): Promise<number> {
    // The rules only widen a punch window; one that cannot be read is the rules runs' to report.
    return nextDayReachSeconds(await this.client.getCorpCheckinOptions());
  }

  /** The checkin rows of `users` in the window (getcheckindata's endtime is inclusive: B6, the emulator's). */
  async readPunches(
    users: readonly string[],
    window: PunchTimeWindow,
    onUnreadable: UnreadableSink,
  ): Promise<PunchRecord[]> {
    const rows = await this.client.getCheckinData(
      { starttime: window.start, endtime: window.end - 1, useridlist: users },
      { onUnreadable },
    );
    return rows.map((row) => ({
      user: row.userid,
      recordKey: null,
      fromGateway: false,
      read: () => wecomCheckinToPunch(row),
    }));
  }

  /**
   * The punch keys WeCom holds for `users` between `start` and `end` (both inclusive). A row WeCom holds but
   * the gateway cannot read still proves a write landed: its id is the punch key.
   */
  async heldPunchKeys(
    users: readonly string[],
    start: number,
    end: number,
    onUnreadable: UnreadableSink,
  ): Promise<Set<string>> {
    const unreadableKeys = new Set<string>();
    const rows = await this.client.getCheckinData(
      { starttime: start, endtime: end, useridlist: users },
      {
        onUnreadable: (record) => {
          if (record.recordId !== null) unreadableKeys.add(record.recordId);
          onUnreadable(record);
        },
      },
    );
    return new Set([...rows.map((row) => wecomPunchKey(row.userid, row.checkin_time)), ...unreadableKeys]);
  }

  punchWrite(punch: CanonicalPunch, targetUser: string): Translation<WecomPunchWrite> {
    const translation = punchToWecomRecord(punch, targetUser);
    if (!translation.ok) return translation;
    const record = translation.value;
    return {
      ok: true,
      value: { body: record, key: wecomPunchKey(targetUser, punch.at), user: record.userid },
      losses: translation.losses,
    };
  }

  /** One add_checkin_record; WeCom answers no ids, so each record is held under its punch key. */
  async writePunches(batch: readonly WecomPunchWrite[]): Promise<(string | null)[]> {
    await this.client.addCheckinRecords(batch.map((write) => write.body));
    return batch.map((write) => write.key);
  }
}
