import type { WecomAddCheckinRecord, WecomCheckinData } from '@app/wecom/model';
import { LossReport, translated, type Translation } from '../canonical/loss.js';
import { truncateCharacters, characterCount } from '../canonical/text.util.js';
import type { CanonicalPunch, PunchKind, PunchRead } from './canonical-punch.js';
import { positionOf, reportUncarried, wifiOf } from './punch-fields.js';
import { wecomPunchKey } from './punch-keys.js';

/** add_checkin_record text limit (REFERENCE B7). */
const WECOM_TEXT_MAX = 1024;
/**
 * device_type (B7): 2 "attendance machine (face / fingerprint)" for a punch made on one in the source (Feishu
 * type 5 考勤机); otherwise 3 "other": the punch was made in the source's app, not on a door or a machine.
 */
const DEVICE_ATTENDANCE_MACHINE = 2;
const DEVICE_OTHER = 3;
const DEVICE_DETAIL = 'Feishu (via attendance gateway)';

const KIND_OF: Readonly<Record<WecomCheckinData['checkin_type'], PunchKind>> = {
  上班打卡: 'on_duty',
  下班打卡: 'off_duty',
  外出打卡: 'outing',
};

/** getcheckindata rows are read into the same shape as Feishu flows (PunchRead). */
export type WecomPunchRead = PunchRead;

/**
 * One getcheckindata row as a punch, or why it is not one. 未打卡 rows are WeCom's report of a MISSED punch
 * (synthetic, at the scheduled time, no location: REFERENCE B6): carrying them over would invent punches.
 * Field by field (B6): exception_type's other parts → verdicts (in WeCom's order); deviceid → deviceId;
 * mediaids → photoCount; wifiname / wifimac → wifi (a MAC that is not one is left out, with a loss); lat / lng
 * (×1e6) → position (one without the other, or off the globe, is left out with a loss; 0,0 is no position).
 * getcheckindata does not say how a punch was made: every row reads as the person's own (origin `person`).
 * groupname, groupid, schedule_id, timeline_id and sch_checkin_time are WeCom's matching of the punch to its
 * rule: the other vendor matches punches to its own rules, so they are not read.
 */
export function wecomCheckinToPunch(row: WecomCheckinData): WecomPunchRead {
  const exceptions = row.exception_type
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (exceptions.includes('未打卡')) {
    return { ok: false, skipped: 'a missed punch (未打卡) WeCom reports, not a punch', losses: [] };
  }
  const report = new LossReport();
  const position = positionOf(
    report,
    row.lat === undefined ? undefined : row.lat / 1e6,
    row.lng === undefined ? undefined : row.lng / 1e6,
  );
  return translated<CanonicalPunch>(
    {
      vendor: 'wecom',
      sourceKey: wecomPunchKey(row.userid, row.checkin_time),
      userId: row.userid,
      at: row.checkin_time,
      kind: KIND_OF[row.checkin_type],
      origin: 'person',
      recordedBy: null,
      locationTitle: row.location_title ?? '',
      locationDetail: row.location_detail ?? '',
      position,
      wifi: wifiOf(report, row.wifiname, row.wifimac, false),
      note: row.notes ?? '',
      isField: row.checkin_type === '外出打卡',
      photoCount: row.mediaids?.length ?? 0,
      verdicts: exceptions,
      deviceId: row.deviceid ?? '',
    },
    report,
  );
}

/**
 * A punch as an add_checkin_record record for `wecomUserId`. WeCom matches it to the person's rule itself
 * (on/off duty, lateness), so the punch's kind is not sent. Every field is kept inside B7's limits: texts are
 * cut to 1024 characters, coordinates out of range are left out (each with a loss). Field by field (A7 → B7):
 *  - origin: a punch on an attendance machine (考勤机) is device_type 2, every other punch 3 "other"; an
 *    administrator's change or an approved correction (补卡) is written as an ordinary punch with an
 *    approximated loss (WeCom has no mark for either), an import by another system with an info loss;
 *  - is_field: WeCom cannot be told a written punch is an outing (外出打卡): approximated loss;
 *  - Wi-Fi: WeCom needs the MAC with a name (B7): a name without a MAC is left out, with a loss; a MAC alone
 *    is sent alone;
 *  - check_result (verdicts), creator, device id: not sent, each with a loss (see reportUncarried);
 *  - photos cannot follow: WeCom wants its own media ids.
 */
export function punchToWecomRecord(punch: CanonicalPunch, wecomUserId: string): Translation<WecomAddCheckinRecord> {
  const report = new LossReport();
  const text = (field: string, value: string): string | undefined => {
    if (value === '') return undefined;
    if (characterCount(value) <= WECOM_TEXT_MAX) return value;
    report.approximated(field, `Shortened to WeCom's ${WECOM_TEXT_MAX} characters.`, value.length);
    return truncateCharacters(value, WECOM_TEXT_MAX);
  };
  const record: {
    -readonly [K in keyof WecomAddCheckinRecord]: WecomAddCheckinRecord[K];
  } = {
    userid: wecomUserId,
    checkin_time: punch.at,
    device_type: punch.origin === 'device' ? DEVICE_ATTENDANCE_MACHINE : DEVICE_OTHER,
    device_detail: DEVICE_DETAIL,
  };
  const title = text('punch.location_title', punch.locationTitle);
  if (title !== undefined) record.location_title = title;
  const detail = text('punch.location_detail', punch.locationDetail);
  if (detail !== undefined) record.location_detail = detail;
  const notes = text('punch.notes', punch.note);
  if (notes !== undefined) record.notes = notes;
  if (punch.position) {
    const lat = Math.round(punch.position.lat * 1e6);
    const lng = Math.round(punch.position.lng * 1e6);
    if (Math.abs(lat) <= 90_000_000 && Math.abs(lng) <= 180_000_000) {
      record.lat = lat;
      record.lng = lng;
    } else {
      report.dropped('punch.position', 'The coordinates are outside the globe, so they were left out.', punch.position);
    }
  }
  if (punch.wifi) {
    const { ssid, bssid } = punch.wifi;
    if (bssid !== null) {
      record.wifimac = bssid;
      const name = text('punch.wifiname', ssid);
      if (name !== undefined) record.wifiname = name;
    } else {
      report.dropped(
        'punch.wifi',
        ssid
          ? "WeCom needs the Wi-Fi's MAC address (BSSID) along with its name, and it is not known, so the Wi-Fi was left out."
          : "A Wi-Fi punch whose network is not named: WeCom needs the Wi-Fi's MAC address, so it is written without Wi-Fi.",
        ssid || undefined,
      );
    }
  }
  if (punch.isField) {
    report.approximated(
      'punch.is_field',
      "A field punch (外勤): WeCom cannot be told a written punch is an outing (外出打卡), so it is written as an ordinary punch and judged against the person's rule.",
    );
  }
  reportUncarried(report, punch, 'wecom');
  if (punch.photoCount > 0) {
    report.dropped(
      'punch.photos',
      'Punch photos are not copied: WeCom only accepts photos uploaded to it.',
      punch.photoCount,
    );
  }
  return translated(record, report);
}
