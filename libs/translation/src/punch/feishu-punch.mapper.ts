import type { FeishuUserFlow, FeishuUserFlowCreate } from '@app/feishu/model';
import { FEISHU_MIN_IMPORT_CHECK_TIME } from '@app/feishu/model';
import { LossReport, translated, type Translation } from '../canonical/loss.js';
import type { CanonicalPunch, PunchOrigin, PunchRead } from './canonical-punch.js';
import { positionOf, reportUncarried, wifiOf } from './punch-fields.js';
import { feishuIdempotentIdFor, GATEWAY_FLOW_MARK, isGatewayImportedFlow } from './punch-keys.js';

/** A flow ready for user_flows/batch_create: it always carries the gateway's idempotency key. */
export type FeishuFlowImport = FeishuUserFlowCreate & { readonly idempotent_id: string };

/** Flow types that are not a punch a person made (A7): never carried, like WeCom's 未打卡 rows. */
const NOT_A_PUNCH: ReadonlyMap<number, string> = new Map([
  [3, 'a record Feishu generated itself (系统自动生成, type 3), not a punch the person made'],
  [4, 'a record that no clock-out was needed (下班免打卡, type 4), not a punch the person made'],
]);

/** The other documented types (A7), as what made the punch. */
const ORIGIN_OF_TYPE: ReadonlyMap<number, PunchOrigin> = new Map([
  [0, 'person'],
  [1, 'admin'],
  [2, 'remedy'],
  [5, 'device'],
  [6, 'fast'],
  [7, 'import'],
]);

/**
 * check_result values of a flow that is not a valid punch (yet). user_flows/query "returns valid flows only;
 * invalid or pending flows are not returned" (A4), and A7 names PendingApproval (待生效) as the only output
 * value: one that arrives anyway is not carried, or WeCom would hold a punch Feishu may still refuse.
 */
const NOT_VALID: ReadonlyMap<string, string> = new Map([
  ['PendingApproval', 'a punch still awaiting approval in Feishu (待生效), not yet a valid punch'],
  ['Invalid', 'a punch Feishu marks invalid (无效)'],
]);

/**
 * A Feishu flow (query/get) as a punch, or why it is not one. Field by field (A7):
 *  - type: a missing type is 0 (batch_create DTO: "若不设置type，则默认是0"). 3 系统自动生成 and 4 下班免打卡
 *    are skipped (not a person's punch); 0–2 and 5–7 are read as the punch's origin; any other value is
 *    refused (blocking): an undocumented kind must not be guessed into a punch (as WeCom's checkin_type);
 *  - check_result: PendingApproval / Invalid are skipped (see NOT_VALID); any other value is Feishu's verdict,
 *    reported by the writer (WeCom judges punches itself);
 *  - creator_id: someone other than the person → recordedBy; device_id → deviceId; photo_urls → photoCount;
 *  - ssid / bssid / is_wifi → wifi (a MAC that is not one is left out, with a loss); is_field → kind outing;
 *  - external_id of another system: not carried (a loss says so); a gateway-marked flow is never read here (it
 *    is an echo). record_id is the source key; idempotent_id and create_time are Feishu's bookkeeping.
 * Coordinates: Feishu does not say which system user_flows use (REFERENCE A7, UNCONFIRMED); READING: GCJ-02
 * like every map in mainland China, WeCom included, so they pass through unchanged. The Lark doc's own example
 * swaps latitude and longitude: a latitude beyond ±90 with a longitude within it can only be that, and is
 * swapped back with a loss saying so.
 */
export function feishuFlowToPunch(flow: FeishuUserFlow): PunchRead {
  const report = new LossReport();
  const type = flow.type ?? 0;
  const notAPunch = NOT_A_PUNCH.get(type) ?? NOT_VALID.get(flow.check_result ?? '');
  if (notAPunch !== undefined) return { ok: false, skipped: notAPunch, losses: [] };
  const origin = ORIGIN_OF_TYPE.get(type);
  if (origin === undefined) {
    report.blocking(
      'punch.type',
      `Feishu punch type ${type} is not one of the documented types (0–7), so it was not carried: it may not be a punch the person made.`,
      type,
    );
  }
  let lat = flow.latitude;
  let lng = flow.longitude;
  if (lat !== undefined && lng !== undefined && Math.abs(lat) > 90 && Math.abs(lng) <= 90) {
    [lat, lng] = [lng, lat];
    report.approximated(
      'punch.position',
      'Latitude and longitude arrived swapped (latitude beyond 90°); they were swapped back.',
      { latitude: flow.latitude, longitude: flow.longitude },
      { latitude: lat, longitude: lng },
    );
  }
  const position = positionOf(report, lat, lng);
  const wifi = wifiOf(report, flow.ssid, flow.bssid, flow.is_wifi === true);
  if (flow.external_id && !isGatewayImportedFlow({ external_id: flow.external_id })) {
    report.info(
      'punch.external_id',
      "Another system's reference for this punch (external_id) is not carried over: the punch has no place for it there.",
      flow.external_id,
    );
  }
  return translated<CanonicalPunch>(
    {
      vendor: 'feishu',
      sourceKey: flow.record_id,
      userId: flow.user_id,
      at: Number(flow.check_time),
      kind: flow.is_field === true ? 'outing' : 'unspecified',
      origin: origin ?? 'person',
      recordedBy: flow.creator_id && flow.creator_id !== flow.user_id ? flow.creator_id : null,
      locationTitle: flow.location_name,
      locationDetail: '',
      position,
      wifi,
      note: flow.comment,
      isField: flow.is_field === true,
      photoCount: flow.photo_urls?.length ?? 0,
      verdicts: flow.check_result ? [flow.check_result] : [],
      deviceId: flow.device_id ?? '',
    },
    report,
  );
}

/**
 * A WeCom punch as a Feishu flow of `feishuUserId` (who is also its creator: the person punched). Refused
 * with a blocking loss when Feishu cannot take it: imports only accept check_time after 2022-01-01 (A7).
 * Field by field (B6 → A7):
 *  - location_title / location_detail → location_name, Feishu's only place text: "title (detail)" when both
 *    are given and differ, else whichever there is, else the Wi-Fi's name;
 *  - notes → comment, untouched: it is the person's note, so nothing of the gateway's is added to it;
 *  - exception_type → not sent (Feishu judges the punch against its own group rules): an info loss names it;
 *  - deviceid → not sent (Feishu ignores device_id on import, A7): a dropped loss when there is one;
 *  - wifiname / wifimac → ssid / bssid, each when known, is_wifi when there is a Wi-Fi;
 *  - mediaids → not sent (Feishu takes no photos on import): a dropped loss;
 *  - checkin_type: 外出打卡 → is_field; 上班/下班打卡, groupid, schedule_id, timeline_id and sch_checkin_time
 *    are WeCom's matching of the punch to its rule, which Feishu does itself, so they are not sent.
 */
export function punchToFeishuFlow(punch: CanonicalPunch, feishuUserId: string): Translation<FeishuFlowImport> {
  const report = new LossReport();
  if (punch.at < FEISHU_MIN_IMPORT_CHECK_TIME) {
    report.blocking(
      'punch.check_time',
      'Feishu only imports punches made after 2022-01-01, so this older punch was not imported.',
      punch.at,
    );
  }
  const flow: { -readonly [K in keyof FeishuFlowImport]: FeishuFlowImport[K] } = {
    user_id: feishuUserId,
    creator_id: feishuUserId,
    location_name: placeName(punch),
    check_time: String(punch.at),
    comment: punch.note,
    is_field: punch.isField,
    is_wifi: punch.wifi !== null,
    external_id: `${GATEWAY_FLOW_MARK}wecom:${punch.sourceKey}`,
    idempotent_id: feishuIdempotentIdFor(punch.sourceKey),
  };
  if (punch.position) {
    flow.latitude = punch.position.lat;
    flow.longitude = punch.position.lng;
  }
  if (punch.wifi?.ssid) flow.ssid = punch.wifi.ssid;
  if (punch.wifi?.bssid) flow.bssid = punch.wifi.bssid;
  reportUncarried(report, punch, 'feishu');
  if (punch.photoCount > 0) {
    report.dropped(
      'punch.photos',
      'Punch photos are not copied: Feishu does not accept photos on import.',
      punch.photoCount,
    );
  }
  return translated(flow, report);
}

/** Feishu's one place text: the title with the detail in brackets, whichever is given, or the Wi-Fi's name. */
function placeName(punch: CanonicalPunch): string {
  const { locationTitle: title, locationDetail: detail } = punch;
  if (title && detail && detail !== title) return `${title} (${detail})`;
  return title || detail || punch.wifi?.ssid || '';
}
