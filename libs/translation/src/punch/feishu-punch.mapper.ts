import type { FeishuUserFlow, FeishuUserFlowCreate } from '@app/feishu/model';
import { FEISHU_MIN_IMPORT_CHECK_TIME } from '@app/feishu/model';
import { LossReport, translated, type Translation } from '../canonical/loss.js';
import { normalizeBssid } from '../canonical/text.util.js';
import type { CanonicalPunch } from './canonical-punch.js';
import { feishuIdempotentIdFor, GATEWAY_FLOW_MARK } from './punch-keys.js';

/** A flow ready for user_flows/batch_create: it always carries the gateway's idempotency key. */
export type FeishuFlowImport = FeishuUserFlowCreate & { readonly idempotent_id: string };

/**
 * A Feishu flow (query/get) as a punch. Coordinates: Feishu does not say which system user_flows use
 * (REFERENCE A7, UNCONFIRMED); READING: GCJ-02 like every map in mainland China, WeCom included, so they
 * pass through unchanged. The Lark doc's own example swaps latitude and longitude: a latitude beyond ±90
 * with a longitude within it can only be that, and is swapped back with a loss saying so.
 */
export function feishuFlowToPunch(flow: FeishuUserFlow): Translation<CanonicalPunch> {
  const report = new LossReport();
  let position: CanonicalPunch['position'] = null;
  if (typeof flow.latitude === 'number' && typeof flow.longitude === 'number') {
    let lat = flow.latitude;
    let lng = flow.longitude;
    if (Math.abs(lat) > 90 && Math.abs(lng) <= 90) {
      [lat, lng] = [lng, lat];
      report.approximated(
        'punch.position',
        'Latitude and longitude arrived swapped (latitude beyond 90°); they were swapped back.',
        { latitude: flow.latitude, longitude: flow.longitude },
        { latitude: lat, longitude: lng },
      );
    }
    if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0)) position = { lat, lng };
  }
  const bssid = flow.bssid ? normalizeBssid(flow.bssid) : null;
  if (flow.ssid && flow.bssid && !bssid) {
    report.dropped('punch.wifi', 'The Wi-Fi MAC address is not a MAC address, so the Wi-Fi was left out.', flow.bssid);
  }
  return translated<CanonicalPunch>(
    {
      vendor: 'feishu',
      sourceKey: flow.record_id,
      userId: flow.user_id,
      at: Number(flow.check_time),
      kind: flow.is_field === true ? 'outing' : 'unspecified',
      locationTitle: flow.location_name,
      locationDetail: '',
      position,
      wifi: flow.ssid && bssid ? { ssid: flow.ssid, bssid } : null,
      note: flow.comment,
      isField: flow.is_field === true,
      photoCount: flow.photo_urls?.length ?? 0,
    },
    report,
  );
}

/**
 * A WeCom punch as a Feishu flow of `feishuUserId` (who is also its creator: the person punched). Refused
 * with a blocking loss when Feishu cannot take it: imports only accept check_time after 2022-01-01 (A7).
 * WeCom's on/off-duty label and exception text are not sent: Feishu matches the punch to the shift itself.
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
  const title = punch.locationTitle || punch.locationDetail || punch.wifi?.ssid || '';
  const flow: { -readonly [K in keyof FeishuFlowImport]: FeishuFlowImport[K] } = {
    user_id: feishuUserId,
    creator_id: feishuUserId,
    location_name: title,
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
  if (punch.wifi) {
    flow.ssid = punch.wifi.ssid;
    flow.bssid = punch.wifi.bssid;
  }
  if (punch.photoCount > 0) {
    report.dropped(
      'punch.photos',
      'Punch photos are not copied: Feishu does not accept photos on import.',
      punch.photoCount,
    );
  }
  return translated(flow, report);
}
