import type { WecomAddCheckinRecord, WecomCheckinData } from '@app/wecom/model';
import { LossReport, translated, type Translation } from '../canonical/loss.js';
import { normalizeBssid, truncateCharacters, characterCount } from '../canonical/text.util.js';
import type { CanonicalPunch, PunchKind } from './canonical-punch.js';
import { wecomPunchKey } from './punch-keys.js';

/** add_checkin_record text limit (REFERENCE B7). */
const WECOM_TEXT_MAX = 1024;
/** device_type 3 = "other": the punch was made in Feishu, not on a door or attendance machine (B7). */
const DEVICE_OTHER = 3;
const DEVICE_DETAIL = 'Feishu (via attendance gateway)';

const KIND_OF: Readonly<Record<WecomCheckinData['checkin_type'], PunchKind>> = {
  上班打卡: 'on_duty',
  下班打卡: 'off_duty',
  外出打卡: 'outing',
};

export type WecomPunchRead =
  | { readonly punch: CanonicalPunch; readonly skipped?: undefined }
  | { readonly punch?: undefined; readonly skipped: string };

/**
 * One getcheckindata row as a punch, or why it is not one. 未打卡 rows are WeCom's report of a MISSED punch
 * (synthetic, at the scheduled time, no location: REFERENCE B6): carrying them over would invent punches.
 */
export function wecomCheckinToPunch(row: WecomCheckinData): WecomPunchRead {
  const exceptions = row.exception_type.split(';').map((part) => part.trim());
  if (exceptions.includes('未打卡')) return { skipped: 'a missed punch (未打卡) WeCom reports, not a punch' };
  const bssid = row.wifimac ? normalizeBssid(row.wifimac) : null;
  const hasPosition = row.lat !== undefined && row.lng !== undefined && !(row.lat === 0 && row.lng === 0);
  return {
    punch: {
      vendor: 'wecom',
      sourceKey: wecomPunchKey(row.userid, row.checkin_time),
      userId: row.userid,
      at: row.checkin_time,
      kind: KIND_OF[row.checkin_type],
      locationTitle: row.location_title ?? '',
      locationDetail: row.location_detail ?? '',
      position: hasPosition ? { lat: (row.lat ?? 0) / 1e6, lng: (row.lng ?? 0) / 1e6 } : null,
      wifi: row.wifiname && bssid ? { ssid: row.wifiname, bssid } : null,
      note: row.notes ?? '',
      isField: row.checkin_type === '外出打卡',
      photoCount: row.mediaids?.length ?? 0,
    },
  };
}

/**
 * A punch as an add_checkin_record record for `wecomUserId`. WeCom matches it to the person's rule itself
 * (on/off duty, lateness), so the punch's kind is not sent. Every field is kept inside B7's limits: texts are
 * cut to 1024 characters, a Wi-Fi without a usable MAC and coordinates out of range are left out (each with a
 * loss). Photos cannot follow: WeCom wants its own media ids.
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
  } = { userid: wecomUserId, checkin_time: punch.at, device_type: DEVICE_OTHER, device_detail: DEVICE_DETAIL };
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
    const ssid = text('punch.wifiname', punch.wifi.ssid);
    if (ssid !== undefined) {
      record.wifiname = ssid;
      record.wifimac = punch.wifi.bssid;
    }
  }
  if (punch.photoCount > 0) {
    report.dropped(
      'punch.photos',
      'Punch photos are not copied: WeCom only accepts photos uploaded to it.',
      punch.photoCount,
    );
  }
  return translated(record, report);
}
