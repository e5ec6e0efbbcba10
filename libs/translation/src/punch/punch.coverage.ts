import { approximated, dropped, notApplicable, translated, type CoverageTable } from '../field-coverage/field-fate.js';

/*
 * Field coverage of the punch mappers (issue #17): the fate of every field of Feishu's user flow and WeCom's
 * checkin data / add_checkin_record, as the CURRENT code has it. One line per field. Rendered into
 * docs/field-coverage.md.
 */

const RULE_MATCH = notApplicable(
  'how the source matched the punch to its rule and shift: the target matches the punch to its own rule',
);

// ---- Feishu user flow, read (user_flows/query) ------------------------------------------------------------------

export const FEISHU_FLOW_READ_COVERAGE: CoverageTable = {
  id: 'feishu-flow-read',
  section: 'Feishu user flow (punch)',
  direction: 'read',
  wireModel: 'feishuUserFlowSchema (user_flows/query, get)',
  mapper: 'feishuFlowToPunch (libs/translation/src/punch/feishu-punch.mapper.ts)',
  canonicalModel: 'CanonicalPunch',
  fields: {
    bssid: translated('wifi.bssid', { note: 'not a MAC address: the MAC is left out with a loss, the name kept' }),
    check_result: translated('verdicts', {
      note: "Feishu's own verdict (Normal, Late …); PendingApproval (待生效) and Invalid: not a valid punch, skipped",
    }),
    check_time: translated('at'),
    comment: translated('note'),
    create_time: notApplicable('read-only timestamp of the record'),
    creator_id: translated('recordedBy', { note: 'someone other than the person (an admin …); the person → null' }),
    device_id: translated('deviceId', { note: "'' when absent" }),
    external_id: dropped(
      "another system's reference for the punch is not carried (info); a gateway-marked flow is the gateway's own " +
        'import (isGatewayImportedFlow), an echo the punches sync never reads back',
    ),
    idempotent_id: notApplicable(
      "import bookkeeping: marks the gateway's own imports (isGatewayImportedFlow), not punch content",
    ),
    is_field: translated(['isField', 'kind'], { note: "true → kind 'outing'" }),
    is_wifi: translated('wifi', { note: 'a punch marked Wi-Fi is one even with neither ssid nor bssid' }),
    latitude: translated('position.lat', {
      note:
        'read as GCJ-02; swapped coordinates are swapped back (approximated); one without the other, or off the ' +
        'globe: dropped with a loss',
    }),
    location_name: translated('locationTitle'),
    longitude: translated('position.lng'),
    photo_urls: translated('photoCount', { note: 'only counted: photos cannot be copied' }),
    record_id: translated('sourceKey'),
    ssid: translated('wifi.ssid'),
    type: translated('origin', {
      note:
        '0 (or absent) person, 1 admin, 2 remedy, 5 device, 6 fast, 7 import; 3 系统自动生成 and 4 下班免打卡 are not ' +
        "a person's punch: skipped; an undocumented type is refused (blocking)",
    }),
    user_id: translated('userId'),
  },
};

// ---- Feishu user flow, write (user_flows/batch_create) ------------------------------------------------------------

export const FEISHU_FLOW_WRITE_COVERAGE: CoverageTable = {
  id: 'feishu-flow-write',
  section: 'Feishu user flow (punch)',
  direction: 'write',
  wireModel: 'feishuUserFlowCreateSchema (user_flows/batch_create flow_records[])',
  mapper: 'punchToFeishuFlow (libs/translation/src/punch/feishu-punch.mapper.ts)',
  canonicalModel: 'CanonicalPunch',
  fields: {
    bssid: translated('wifi.bssid', { note: 'when known' }),
    check_result: notApplicable('ignored on import (the model): Feishu judges the punch itself'),
    check_time: translated('at', { note: 'before 2022-01-01: refused (blocking)' }),
    comment: translated('note'),
    creator_id: translated('userId', { note: 'the person, through the ID mapping' }),
    device_id: notApplicable('ignored on import (the model)'),
    external_id: translated('sourceKey', { note: '"gw1-wecom:<key>": marks the gateway\'s import' }),
    idempotent_id: translated('sourceKey', { note: 'a hash of the WeCom key: repeated imports create nothing twice' }),
    is_field: translated('isField'),
    is_wifi: translated('wifi'),
    latitude: translated('position.lat'),
    location_name: translated(['locationTitle', 'locationDetail'], {
      note: '"title (detail)" when both are given and differ, else whichever there is, else the Wi-Fi name',
    }),
    longitude: translated('position.lng'),
    photo_urls: notApplicable('ignored on import (the model); the photos are reported dropped'),
    record_id: notApplicable('ignored on import: Feishu assigns it'),
    ssid: translated('wifi.ssid', { note: 'when the network has a name' }),
    type: notApplicable('not sent: an open-platform import is type 7 by Feishu'),
    user_id: translated('userId', { note: 'through the ID mapping' }),
  },
  canonicalNotWritten: {
    deviceId: dropped('Feishu ignores device_id on import', { lossField: 'device_id' }),
    kind: notApplicable('on/off duty is not sent: Feishu matches the punch to the shift itself'),
    origin: dropped(
      "Feishu records every import as an open-platform import (type 7): an admin's change or an approved correction " +
        'is written as an ordinary punch (approximated), a machine punch or another import too (info)',
      { lossField: 'origin' },
    ),
    photoCount: dropped('Feishu does not accept photos on import', { lossField: 'photos' }),
    recordedBy: dropped("who recorded the punch: Feishu records it as the person's own (info)", {
      lossField: 'recorded_by',
    }),
    vendor: notApplicable('the source vendor: the direction of the sync'),
    verdicts: dropped("the source's verdict is not copied: Feishu judges punches against its own rules (info)", {
      lossField: 'verdict',
    }),
  },
};

// ---- WeCom checkin data, read (getcheckindata) -------------------------------------------------------------------

export const WECOM_CHECKIN_DATA_READ_COVERAGE: CoverageTable = {
  id: 'wecom-checkin-data-read',
  section: 'WeCom checkin data (punch read)',
  direction: 'read',
  wireModel: 'wecomCheckinDataSchema (getcheckindata checkindata[])',
  mapper: 'wecomCheckinToPunch (libs/translation/src/punch/wecom-punch.mapper.ts)',
  canonicalModel: 'CanonicalPunch',
  fields: {
    checkin_time: translated(['at', 'sourceKey']),
    checkin_type: translated(['kind', 'isField'], { note: '上班/下班/外出打卡; 外出 → a field punch' }),
    deviceid: translated('deviceId', { note: "'' when absent" }),
    exception_type: translated('verdicts', {
      note: "its parts (时间异常, 地点异常, wifi异常, 非常用设备 …) in WeCom's order; a 未打卡 row is skipped (a missed punch, not a punch)",
    }),
    groupid: RULE_MATCH,
    groupname: RULE_MATCH,
    lat: translated('position.lat', {
      note: '× 1e6, GCJ-02; 0,0 is no position; one without the other, or off the globe: dropped with a loss',
    }),
    lng: translated('position.lng', { note: '× 1e6, GCJ-02' }),
    location_detail: translated('locationDetail'),
    location_title: translated('locationTitle'),
    mediaids: translated('photoCount', { note: 'only counted: photos cannot be copied' }),
    notes: translated('note'),
    sch_checkin_time: RULE_MATCH,
    schedule_id: RULE_MATCH,
    timeline_id: RULE_MATCH,
    userid: translated(['userId', 'sourceKey']),
    wifimac: translated('wifi.bssid', { note: 'not a MAC address: the MAC is left out with a loss, the name kept' }),
    wifiname: translated('wifi.ssid'),
  },
};

// ---- WeCom add_checkin_record, write ----------------------------------------------------------------------------

export const WECOM_CHECKIN_RECORD_WRITE_COVERAGE: CoverageTable = {
  id: 'wecom-checkin-record-write',
  section: 'WeCom add_checkin_record (punch write)',
  direction: 'write',
  wireModel: 'wecomAddCheckinRecordSchema (add_checkin_record records[])',
  mapper: 'punchToWecomRecord (libs/translation/src/punch/wecom-punch.mapper.ts)',
  canonicalModel: 'CanonicalPunch',
  fields: {
    checkin_time: translated('at'),
    device_detail: notApplicable('constant "Feishu (via attendance gateway)"'),
    device_type: approximated(
      'origin',
      "'device' (考勤机) → 2 (attendance machine), every other punch 3 (other); an admin's change or an approved " +
        'correction is written as an ordinary punch (approximated), an import by another system too (info)',
      { lossField: 'origin' },
    ),
    lat: translated('position.lat', { note: '× 1e6; outside the globe dropped with a loss' }),
    lng: translated('position.lng', { note: '× 1e6' }),
    location_detail: translated('locationDetail', { note: '≤ 1024 characters (approximated)' }),
    location_title: translated('locationTitle', { note: '≤ 1024 characters (approximated)' }),
    mediaids: notApplicable('not sent: WeCom only takes its own media ids; the photos are reported dropped'),
    notes: translated('note', { note: '≤ 1024 characters (approximated)' }),
    userid: translated('userId', { note: 'through the ID mapping' }),
    wifimac: translated('wifi.bssid', { note: 'a Wi-Fi without a MAC is left out with a loss' }),
    wifiname: translated('wifi.ssid', { note: 'only with the MAC; ≤ 1024 characters (approximated)' }),
  },
  canonicalNotWritten: {
    deviceId: dropped('WeCom takes only the kind of device on import (device_type)', { lossField: 'device_id' }),
    isField: dropped(
      "a field (外勤/外出) punch is written as an ordinary punch, judged against the person's rule: add_checkin_record has no such flag",
      { lossField: 'is_field' },
    ),
    kind: notApplicable('on/off duty is not sent: WeCom matches the punch to the rule itself'),
    photoCount: dropped('WeCom only accepts photos uploaded to it', { lossField: 'photos' }),
    recordedBy: dropped("who recorded the punch: WeCom records it as the person's own (info)", {
      lossField: 'recorded_by',
    }),
    sourceKey: notApplicable("the source's identity of the punch: the record mapping keys the import by it"),
    vendor: notApplicable('the source vendor: the direction of the sync'),
    verdicts: dropped("the source's verdict is not copied: WeCom judges punches against its own rules (info)", {
      lossField: 'verdict',
    }),
  },
};

export const PUNCH_COVERAGE_TABLES: readonly CoverageTable[] = [
  FEISHU_FLOW_READ_COVERAGE,
  FEISHU_FLOW_WRITE_COVERAGE,
  WECOM_CHECKIN_DATA_READ_COVERAGE,
  WECOM_CHECKIN_RECORD_WRITE_COVERAGE,
];
