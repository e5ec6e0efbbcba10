import fc from 'fast-check';
import { feishuUserFlowCreateSchema, feishuUserFlowSchema, type FeishuUserFlow } from '@app/feishu/model';
import { wecomAddCheckinRecordSchema, wecomCheckinDataSchema, type WecomCheckinData } from '@app/wecom/model';
import type { CanonicalPunch } from './canonical-punch.js';
import { feishuFlowToPunch, punchToFeishuFlow } from './feishu-punch.mapper.js';
import { feishuIdempotentIdFor, isGatewayImportedFlow, wecomPunchKey } from './punch-keys.js';
import { punchToWecomRecord, wecomCheckinToPunch } from './wecom-punch.mapper.js';

const AT = 1_763_600_000; // 2025-11-20, after Feishu's 2022-01-01 import floor

function wecomRow(overrides: Partial<WecomCheckinData> = {}): WecomCheckinData {
  return {
    userid: 'zhangwei',
    groupname: '总部',
    checkin_type: '上班打卡',
    exception_type: '',
    checkin_time: AT,
    location_title: '总部大厦',
    location_detail: '北京市海淀区',
    wifiname: 'HQ',
    wifimac: 'A4-B1-C2-00-1E-FF',
    notes: '',
    mediaids: [],
    lat: 39_984_120,
    lng: 116_307_490,
    deviceid: 'd1',
    sch_checkin_time: AT,
    groupid: 1,
    schedule_id: 0,
    timeline_id: 1,
    ...overrides,
  };
}

function feishuFlow(overrides: Partial<FeishuUserFlow> = {}): FeishuUserFlow {
  return feishuUserFlowSchema.parse({
    user_id: 'e1001',
    creator_id: 'e1001',
    location_name: '总部大厦',
    check_time: String(AT),
    comment: '',
    record_id: '7001',
    ...overrides,
  });
}

describe('wecomCheckinToPunch', () => {
  it.each([
    ['未打卡', true],
    ['时间异常;未打卡', true],
    ['时间异常', false],
    ['地点异常;wifi异常', false],
    ['', false],
  ])('exception_type %j → skipped: %s', (exceptionType, skipped) => {
    const read = wecomCheckinToPunch(wecomRow({ exception_type: exceptionType }));
    expect(read.skipped !== undefined).toBe(skipped);
  });

  it('keys the punch by person and second, converts ×1e6 coordinates and normalises the MAC', () => {
    const { punch } = wecomCheckinToPunch(wecomRow());
    expect(punch).toMatchObject({
      vendor: 'wecom',
      sourceKey: wecomPunchKey('zhangwei', AT),
      kind: 'on_duty',
      position: { lat: 39.98412, lng: 116.30749 },
      wifi: { ssid: 'HQ', bssid: 'a4:b1:c2:00:1e:ff' },
      isField: false,
    });
  });

  it.each([
    ['下班打卡', 'off_duty', false],
    ['外出打卡', 'outing', true],
  ] as const)('%s → kind %s, field %s', (type, kind, isField) => {
    expect(wecomCheckinToPunch(wecomRow({ checkin_type: type })).punch).toMatchObject({ kind, isField });
  });

  it('has no position for 0,0 or missing coordinates and no Wi-Fi for a MAC that is not one', () => {
    const { lat: _lat, lng: _lng, ...bare } = wecomRow();
    expect(wecomCheckinToPunch(bare).punch?.position).toBeNull();
    expect(wecomCheckinToPunch(wecomRow({ lat: 0, lng: 0 })).punch?.position).toBeNull();
    expect(wecomCheckinToPunch(wecomRow({ wifimac: 'not-a-mac' })).punch?.wifi).toBeNull();
  });
});

describe('punchToFeishuFlow', () => {
  const punch = wecomCheckinToPunch(wecomRow()).punch as CanonicalPunch;

  it('builds a flow with a deterministic, gateway-marked idempotency key', () => {
    const first = punchToFeishuFlow(punch, 'e1001');
    const second = punchToFeishuFlow(punch, 'e1001');
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value.idempotent_id).toBe(second.value.idempotent_id);
    expect(first.value.idempotent_id).toBe(feishuIdempotentIdFor(punch.sourceKey));
    expect(isGatewayImportedFlow(first.value)).toBe(true);
    expect(first.value).toMatchObject({
      user_id: 'e1001',
      creator_id: 'e1001',
      check_time: String(AT),
      location_name: '总部大厦',
      latitude: 39.98412,
      longitude: 116.30749,
      ssid: 'HQ',
      bssid: 'a4:b1:c2:00:1e:ff',
      is_wifi: true,
    });
  });

  it('refuses a punch before 2022-01-01 with a blocking loss', () => {
    const old = punchToFeishuFlow({ ...punch, at: 1_640_966_399 }, 'e1001');
    expect(old.ok).toBe(false);
    expect(old.losses).toContainEqual(expect.objectContaining({ field: 'punch.check_time', severity: 'blocking' }));
    expect(punchToFeishuFlow({ ...punch, at: 1_640_966_400 }, 'e1001').ok).toBe(true);
  });

  it('reports photos it cannot carry', () => {
    const result = punchToFeishuFlow({ ...punch, photoCount: 2 }, 'e1001');
    expect(result.losses).toContainEqual(expect.objectContaining({ field: 'punch.photos', severity: 'dropped' }));
  });
});

describe('feishuFlowToPunch', () => {
  it('swaps back latitude and longitude that arrive swapped (the Lark doc example), with a loss', () => {
    const result = feishuFlowToPunch(feishuFlow({ longitude: 30.28991, latitude: 120.04513 }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.position).toEqual({ lat: 30.28991, lng: 120.04513 });
    expect(result.losses).toContainEqual(
      expect.objectContaining({ field: 'punch.position', severity: 'approximated' }),
    );
  });

  it('drops a Wi-Fi whose MAC is not a MAC, saying so', () => {
    const result = feishuFlowToPunch(feishuFlow({ ssid: 'HQ', bssid: 'zz:zz' }));
    expect(result.ok && result.value.wifi).toBeNull();
    expect(result.losses).toContainEqual(expect.objectContaining({ field: 'punch.wifi', severity: 'dropped' }));
  });

  it('a field punch is an outing', () => {
    const result = feishuFlowToPunch(feishuFlow({ is_field: true }));
    expect(result.ok && result.value).toMatchObject({ kind: 'outing', isField: true, sourceKey: '7001' });
  });
});

describe('punchToWecomRecord', () => {
  it('cuts texts to 1024 characters and leaves out impossible coordinates, with losses', () => {
    const punch = feishuFlowToPunch(feishuFlow({ location_name: '楼'.repeat(1100) }));
    if (!punch.ok) throw new Error('expected a punch');
    const result = punchToWecomRecord({ ...punch.value, position: { lat: 95, lng: 10 } }, 'zhangwei');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...(result.value.location_title ?? '')]).toHaveLength(1024);
    expect(result.value.lat).toBeUndefined();
    expect(result.losses.map((loss) => loss.field)).toEqual(['punch.location_title', 'punch.position']);
  });
});

// ---- properties ---------------------------------------------------------------------------------------

const text = fc.string({ maxLength: 1200, unit: fc.constantFrom('a', '楼', '😀', ' ', ';') });
const mac = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-'))
  .map(([octets, separator]) => octets.map((octet) => octet.toString(16).padStart(2, '0')).join(separator));
const wecomRows = fc.record({
  userid: fc.stringMatching(/^[a-z][a-z0-9]{0,20}$/),
  checkin_type: fc.constantFrom<WecomCheckinData['checkin_type']>('上班打卡', '下班打卡', '外出打卡'),
  exception_type: fc.constantFrom('', '时间异常', '地点异常;wifi异常', '未打卡'),
  checkin_time: fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
  location_title: text,
  location_detail: text,
  wifiname: fc.oneof(fc.constant(''), text),
  wifimac: fc.oneof(fc.constant(''), mac, fc.string({ maxLength: 20 })),
  notes: text,
  mediaids: fc.array(fc.string(), { maxLength: 3 }),
  lat: fc.integer({ min: -90_000_000, max: 90_000_000 }),
  lng: fc.integer({ min: -180_000_000, max: 180_000_000 }),
});

describe('punch translation properties', () => {
  it('every WeCom punch becomes a Feishu import the Feishu model accepts, or a refusal with a blocking reason', () => {
    fc.assert(
      fc.property(wecomRows, (row) => {
        const read = wecomCheckinToPunch(wecomCheckinDataSchema.parse(row));
        if (!read.punch) return;
        const result = punchToFeishuFlow(read.punch, 'e1001');
        if (result.ok) {
          expect(feishuUserFlowCreateSchema.safeParse(result.value).success).toBe(true);
          expect(isGatewayImportedFlow(result.value)).toBe(true);
        } else {
          expect(result.losses.some((loss) => loss.severity === 'blocking')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every punch becomes an add_checkin_record record within WeCom limits (B7)', () => {
    fc.assert(
      fc.property(wecomRows, fc.boolean(), (row, viaFeishu) => {
        const read = wecomCheckinToPunch(wecomCheckinDataSchema.parse(row));
        if (!read.punch) return;
        let punch: CanonicalPunch = read.punch;
        if (viaFeishu) {
          const flow = punchToFeishuFlow({ ...punch, at: Math.max(punch.at, 1_700_000_000) }, 'e1001');
          if (!flow.ok) return;
          const back = feishuFlowToPunch(feishuUserFlowSchema.parse({ ...flow.value, record_id: '1' }));
          if (!back.ok) return;
          punch = back.value;
        }
        const record = punchToWecomRecord(punch, 'zhangwei');
        expect(record.ok).toBe(true);
        if (record.ok) expect(wecomAddCheckinRecordSchema.safeParse(record.value).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('WeCom → Feishu → WeCom keeps the person, the second, the place, the position and the Wi-Fi', () => {
    fc.assert(
      fc.property(wecomRows, (row) => {
        const read = wecomCheckinToPunch(
          wecomCheckinDataSchema.parse({ ...row, checkin_time: Math.max(row.checkin_time, 1_700_000_000) }),
        );
        if (!read.punch) return;
        const flow = punchToFeishuFlow(read.punch, 'e1001');
        if (!flow.ok) throw new Error('a punch after 2022 is always importable');
        const back = feishuFlowToPunch(feishuUserFlowSchema.parse({ ...flow.value, record_id: '1' }));
        if (!back.ok) throw new Error('an imported flow always reads back');
        const record = punchToWecomRecord(back.value, row.userid);
        if (!record.ok) throw new Error('always writable');
        expect(record.value.userid).toBe(row.userid);
        expect(record.value.checkin_time).toBe(read.punch.at);
        if (read.punch.position) {
          expect(record.value.lat).toBe(row.lat);
          expect(record.value.lng).toBe(row.lng);
        }
        if (read.punch.wifi && [...read.punch.wifi.ssid].length <= 1024) {
          expect(record.value.wifimac).toBe(read.punch.wifi.bssid);
          expect(record.value.wifiname).toBe(read.punch.wifi.ssid);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
