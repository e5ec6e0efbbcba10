import { DAY_SECONDS } from './china-time.util.js';
import { matchPunch } from './checkin-matching.util.js';
import type { WecomCallContext } from './wecom-call.context.js';
import type { JsonObject, StoredPunch } from './wecom-emulator.state.js';
import { WECOM_ERRORS, WecomFailure } from './wecom-errors.constants.js';
import { isRecord, requireInt, requireUserList } from './wecom-request.util.js';

// Punch records: getcheckindata (REFERENCE B6; path/96497) and add_checkin_record (B7; path/99647).

/** getcheckindata: "获取记录时间跨度不超过30天" (path/90262 as quoted in [WC-PM]). */
export const MAX_CHECKIN_DATA_SPAN_SECONDS = 30 * DAY_SECONDS;
/** add_checkin_record: records ≤ 200 per call (B7). */
export const MAX_RECORDS_PER_CALL = 200;

const TYPES_OF: Readonly<Record<number, readonly StoredPunch['checkin_type'][]>> = {
  1: ['上班打卡', '下班打卡'],
  2: ['外出打卡'],
  3: ['上班打卡', '下班打卡', '外出打卡'],
};

export function getCheckinData(context: WecomCallContext, body: JsonObject): JsonObject {
  const dataType = requireInt(body, 'opencheckindatatype');
  const types = TYPES_OF[dataType];
  if (!types) throw WecomFailure.of(WECOM_ERRORS.invalidParameter, 'opencheckindatatype must be 1, 2 or 3');
  const { starttime, endtime } = timeRange(body, MAX_CHECKIN_DATA_SPAN_SECONDS);
  const users = new Set(requireUserList(context, body, 'useridlist'));
  // READING: both ends inclusive (the doc says "开始时间"/"结束时间" without more).
  const checkindata = context.state.punches
    .filter(
      (punch) =>
        users.has(punch.userid) &&
        punch.checkin_time >= starttime &&
        punch.checkin_time <= endtime &&
        types.includes(punch.checkin_type),
    )
    .sort((a, b) => a.checkin_time - b.checkin_time || a.userid.localeCompare(b.userid))
    .map((punch) => ({ ...punch, mediaids: [...punch.mediaids] }));
  return { checkindata };
}

/**
 * starttime/endtime as [GWX] 301024 states it: both > 0, end > start, and a bounded span (30 days for
 * getcheckindata per its doc).
 */
export function timeRange(body: JsonObject, maxSpanSeconds: number): { starttime: number; endtime: number } {
  const starttime = requireInt(body, 'starttime');
  const endtime = requireInt(body, 'endtime');
  if (starttime <= 0 || endtime <= starttime || endtime - starttime > maxSpanSeconds) {
    throw WecomFailure.of(
      WECOM_ERRORS.invalidTimeRange,
      `starttime ${starttime}, endtime ${endtime}: need 0 < starttime < endtime, span at most ${maxSpanSeconds / DAY_SECONDS} days`,
    );
  }
  return { starttime, endtime };
}

const WIFI_MAC = /^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$/;
const TEXT_FIELDS = ['location_title', 'location_detail', 'notes', 'wifiname'] as const;

/**
 * add_checkin_record, all or nothing: every record is checked before any is stored. The per-record rules
 * are B7's (path/99647); the errcode for breaking them is UNCONFIRMED — READING: 301039 请求参数错误 ([GWX])
 * for field errors, 301021 for an unknown userid.
 */
export function addCheckinRecord(context: WecomCallContext, body: JsonObject): JsonObject {
  const records = body['records'];
  if (!Array.isArray(records) || records.length === 0 || records.length > MAX_RECORDS_PER_CALL) {
    throw WecomFailure.of(
      WECOM_ERRORS.requestParamError,
      `records must hold 1-${MAX_RECORDS_PER_CALL} records, got ${Array.isArray(records) ? records.length : typeof records}`,
    );
  }
  const checked = records.map((record, index) => checkRecord(context, record, `records[${index}]`));
  for (const record of checked) context.state.punches.push(matchPunch(context.state, record));
  return {};
}

function checkRecord(context: WecomCallContext, record: unknown, path: string) {
  const fail = (what: string): never => {
    throw WecomFailure.of(WECOM_ERRORS.requestParamError, `${path}.${what}`);
  };
  if (!isRecord(record)) return fail('must be an object');
  const userid = record['userid'];
  if (typeof userid !== 'string' || userid === '') return fail('userid is required');
  if (!context.state.users.has(userid)) throw WecomFailure.of(WECOM_ERRORS.invalidUserid, userid);
  const time = record['checkin_time'];
  if (typeof time !== 'number' || !Number.isInteger(time) || time <= 0) return fail('checkin_time must be a unix time');
  for (const key of TEXT_FIELDS) {
    const value = record[key];
    if (value !== undefined && (typeof value !== 'string' || [...value].length > 1024)) {
      fail(`${key} must be a string of at most 1024 characters`);
    }
  }
  const wifiname = record['wifiname'];
  const wifimac = record['wifimac'];
  if (wifiname !== undefined && wifiname !== '' && wifimac === undefined) fail('wifimac is required with wifiname');
  if (wifimac !== undefined && (typeof wifimac !== 'string' || !WIFI_MAC.test(wifimac))) {
    fail('wifimac must look like aa:bb:cc:dd:ee:ff');
  }
  const mediaids = record['mediaids'];
  if (
    mediaids !== undefined &&
    (!Array.isArray(mediaids) || mediaids.length > 1 || !mediaids.every((id) => typeof id === 'string'))
  ) {
    fail('mediaids holds at most 1 media id');
  }
  const lat = record['lat'];
  const lng = record['lng'];
  if (lat !== undefined && (typeof lat !== 'number' || !Number.isInteger(lat) || Math.abs(lat) > 90_000_000)) {
    fail('lat must be an integer within ±90000000');
  }
  if (lng !== undefined && (typeof lng !== 'number' || !Number.isInteger(lng) || Math.abs(lng) > 180_000_000)) {
    fail('lng must be an integer within ±180000000');
  }
  if (record['device_type'] !== 1 && record['device_type'] !== 2 && record['device_type'] !== 3) {
    fail('device_type must be 1, 2 or 3');
  }
  const detail = record['device_detail'];
  if (detail !== undefined && (typeof detail !== 'string' || [...detail].length > 40)) {
    fail('device_detail must be a string of at most 40 characters');
  }
  return {
    userid,
    checkin_time: time,
    location_title: record['location_title'] as string | undefined,
    location_detail: record['location_detail'] as string | undefined,
    wifiname: wifiname as string | undefined,
    wifimac: wifimac as string | undefined,
    notes: record['notes'] as string | undefined,
    mediaids: mediaids as string[] | undefined,
    lat: lat as number | undefined,
    lng: lng as number | undefined,
  };
}
