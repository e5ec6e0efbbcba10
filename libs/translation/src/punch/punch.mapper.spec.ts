import fc from 'fast-check';
import { feishuUserFlowCreateSchema, feishuUserFlowSchema, type FeishuUserFlow } from '@app/feishu/model';
import { wecomAddCheckinRecordSchema, wecomCheckinDataSchema, type WecomCheckinData } from '@app/wecom/model';
import type { CanonicalPunch } from './canonical-punch.js';
import { feishuFlowToPunch, punchToFeishuFlow } from './feishu-punch.mapper.js';
import { isGatewayImportedFlow, wecomPunchKey } from './punch-keys.js';
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

/** The punch a getcheckindata row reads as (throws when the row is skipped or refused). */
function punchOf(row: WecomCheckinData): CanonicalPunch {
  const read = wecomCheckinToPunch(row);
  if (!read.ok) throw new Error(`expected a punch, got ${read.skipped ?? JSON.stringify(read.losses)}`);
  return read.value;
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
    const read = wecomCheckinToPunch(wecomRow());
    expect(read.ok && read.value).toMatchObject({
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
    expect(punchOf(wecomRow({ checkin_type: type }))).toMatchObject({ kind, isField });
  });

  it('has no position for 0,0 or missing coordinates; a MAC that is not one is left out with a loss, the name kept', () => {
    const { lat: _lat, lng: _lng, ...bare } = wecomRow();
    expect(punchOf(bare).position).toBeNull();
    expect(punchOf(wecomRow({ lat: 0, lng: 0 })).position).toBeNull();
    const read = wecomCheckinToPunch(wecomRow({ wifimac: 'not-a-mac' }));
    expect(read.ok && read.value.wifi).toEqual({ ssid: 'HQ', bssid: null });
    expect(read.losses).toContainEqual(expect.objectContaining({ field: 'punch.wifi', severity: 'dropped' }));
  });
});

describe('punchToFeishuFlow', () => {
  const punch = punchOf(wecomRow());

  it('gives each person and each second its own idempotency key', () => {
    const keys = ['zhangwei', 'lina', 'zhangwei2'].flatMap((userid) =>
      [AT, AT + 1, AT + 60].map((at) => {
        const flow = punchToFeishuFlow(punchOf(wecomRow({ userid, checkin_time: at })), 'e1001');
        if (!flow.ok) throw new Error(JSON.stringify(flow.losses));
        return flow.value.idempotent_id;
      }),
    );
    expect(new Set(keys).size).toBe(9);
  });

  it('builds a flow with a deterministic, gateway-marked idempotency key', () => {
    const first = punchToFeishuFlow(punch, 'e1001');
    const second = punchToFeishuFlow(punch, 'e1001');
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value.idempotent_id).toBe(second.value.idempotent_id);
    // Pinned, not recomputed: sha256("wecom|zhangwei@1763600000"), first 32 hex digits (punch-keys.ts), as
    // `printf 'wecom|zhangwei@1763600000' | sha256sum` prints it. A change here re-imports every punch.
    expect(first.value.idempotent_id).toBe('gw1-99e08ef2d94d6f3ed88987c55afc17d4');
    expect(isGatewayImportedFlow(first.value)).toBe(true);
    expect(first.value).toMatchObject({
      user_id: 'e1001',
      creator_id: 'e1001',
      check_time: String(AT),
      location_name: '总部大厦 (北京市海淀区)',
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

  it('drops a Wi-Fi MAC that is not a MAC, saying so, and keeps the name', () => {
    const result = feishuFlowToPunch(feishuFlow({ ssid: 'HQ', bssid: 'zz:zz' }));
    expect(result.ok && result.value.wifi).toEqual({ ssid: 'HQ', bssid: null });
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

// ---- issue #17: translation fidelity, one table per defect --------------------------------------------

/** A Feishu flow read and written as a WeCom record: what Feishu → WeCom does with it. */
function feishuToWecom(flow: FeishuUserFlow) {
  const read = feishuFlowToPunch(flow);
  if (!read.ok) return { read, record: null, losses: read.losses };
  const record = punchToWecomRecord(read.value, 'zhangwei');
  return { read, record: record.ok ? record.value : null, losses: [...read.losses, ...record.losses] };
}

/** A getcheckindata row read and written as a Feishu import: what WeCom → Feishu does with it. */
function wecomToFeishu(row: WecomCheckinData) {
  const read = wecomCheckinToPunch(row);
  if (!read.ok) throw new Error('expected a punch');
  const flow = punchToFeishuFlow(read.value, 'e1001');
  if (!flow.ok) throw new Error('expected an import');
  return { flow: flow.value, losses: [...read.losses, ...flow.losses] };
}

describe('Feishu flow type (A7) on the way to WeCom', () => {
  // What an add_checkin_record of each type would mean: 3 and 4 are not a person's punch (WeCom would show a
  // punch nobody made); 1 and 2 are attendance facts WeCom cannot mark as an admin change / correction; 5 is
  // a punch on an attendance machine (考勤机: WeCom device_type 2); 6 (极速打卡) is the person's own punch;
  // 7 was imported into Feishu by another system. Missing type: 0 (batch_create DTO default).
  it.each([
    ['missing', undefined, { origin: 'person', deviceType: 3, loss: null }],
    ['0 user punch', 0, { origin: 'person', deviceType: 3, loss: null }],
    ['1 admin modified', 1, { origin: 'admin', deviceType: 3, loss: ['approximated', /管理员修改/] }],
    ['2 user remedy', 2, { origin: 'remedy', deviceType: 3, loss: ['approximated', /补卡/] }],
    ['5 attendance machine', 5, { origin: 'device', deviceType: 2, loss: null }],
    ['6 fast punch', 6, { origin: 'fast', deviceType: 3, loss: null }],
    ['7 open-platform import', 7, { origin: 'import', deviceType: 3, loss: ['info', /考勤开放平台导入/] }],
  ] as const)('type %s → a WeCom punch', (_label, type, expected) => {
    const { read, record, losses } = feishuToWecom(feishuFlow(type === undefined ? {} : { type }));
    expect(read.ok && read.value.origin).toBe(expected.origin);
    expect(record).toMatchObject({ device_type: expected.deviceType, checkin_time: AT });
    const originLosses = losses.filter((loss) => loss.field === 'punch.origin');
    if (expected.loss === null) expect(originLosses).toEqual([]);
    else {
      expect(originLosses).toEqual([
        expect.objectContaining({ severity: expected.loss[0], message: expect.stringMatching(expected.loss[1]) }),
      ]);
    }
  });

  it.each([
    ['3 system generated', 3, /系统自动生成/],
    ['4 off-duty no-punch', 4, /下班免打卡/],
  ] as const)('type %s is not a punch: skipped with a reason, like WeCom 未打卡 rows', (_label, type, reason) => {
    const read = feishuFlowToPunch(feishuFlow({ type }));
    expect(read.ok).toBe(false);
    expect(read.skipped).toMatch(reason);
  });

  it('an undocumented type is refused with a blocking loss, never guessed into a punch', () => {
    const read = feishuFlowToPunch(feishuFlow({ type: 8 }));
    expect(read.ok).toBe(false);
    expect(read.skipped).toBeUndefined();
    expect(read.losses).toContainEqual(expect.objectContaining({ field: 'punch.type', severity: 'blocking' }));
  });

  it('WeCom punches read as the person’s own, and a remedy read from Feishu cannot be marked as one in Feishu', () => {
    expect(punchOf(wecomRow()).origin).toBe('person');
    const remedy = feishuFlowToPunch(feishuFlow({ type: 2 }));
    if (!remedy.ok) throw new Error('expected a punch');
    const flow = punchToFeishuFlow(remedy.value, 'e1001');
    expect(flow.losses).toContainEqual(
      expect.objectContaining({
        field: 'punch.origin',
        severity: 'approximated',
        message: expect.stringMatching(/补卡/),
      }),
    );
  });
});

describe('WeCom checkin fields on the way to Feishu', () => {
  it.each([
    ['title and detail', { location_title: '总部大厦', location_detail: '北京市海淀区' }, '总部大厦 (北京市海淀区)'],
    ['title only', { location_title: '总部大厦', location_detail: '' }, '总部大厦'],
    ['detail only', { location_title: '', location_detail: '北京市海淀区' }, '北京市海淀区'],
    ['detail same as title', { location_title: '总部大厦', location_detail: '总部大厦' }, '总部大厦'],
    ['neither (the Wi-Fi names the place)', { location_title: '', location_detail: '' }, 'HQ'],
  ] as const)('location_detail: %s → location_name %j', (_label, row, name) => {
    expect(wecomToFeishu(wecomRow(row)).flow.location_name).toBe(name);
  });

  it.each([
    ['', []],
    ['时间异常', ['时间异常']],
    ['地点异常;wifi异常', ['地点异常', 'wifi异常']],
    ['非常用设备', ['非常用设备']],
  ] as const)('exception_type %j → an info loss naming it; the comment stays the person’s note', (value, named) => {
    const { flow, losses } = wecomToFeishu(wecomRow({ exception_type: value, notes: '路上堵车' }));
    expect(flow.comment).toBe('路上堵车');
    const verdicts = losses.filter((loss) => loss.field === 'punch.verdict');
    if (named.length === 0) expect(verdicts).toEqual([]);
    else {
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]?.severity).toBe('info');
      for (const name of named) expect(verdicts[0]?.message).toContain(name);
    }
  });

  it.each([
    ['d1', true],
    ['', false],
    [undefined, false],
  ] as const)('deviceid %j → a dropped loss: %s (Feishu ignores device_id on import)', (deviceid, lost) => {
    const { flow, losses } = wecomToFeishu(wecomRow({ deviceid }));
    expect(flow.device_id).toBeUndefined();
    expect(losses.filter((loss) => loss.field === 'punch.device_id')).toEqual(
      lost ? [expect.objectContaining({ severity: 'dropped' })] : [],
    );
  });

  it.each([
    [
      'a name and a MAC',
      { wifiname: 'HQ', wifimac: 'a4:b1:c2:00:1e:ff' },
      { ssid: 'HQ', bssid: 'a4:b1:c2:00:1e:ff' },
      false,
    ],
    ['a name and a MAC that is not one', { wifiname: 'HQ', wifimac: 'not-a-mac' }, { ssid: 'HQ' }, true],
    ['a name without a MAC', { wifiname: 'HQ', wifimac: '' }, { ssid: 'HQ' }, false],
    ['a MAC without a name', { wifiname: '', wifimac: 'a4:b1:c2:00:1e:ff' }, { bssid: 'a4:b1:c2:00:1e:ff' }, false],
  ] as const)('Wi-Fi with %s: Feishu gets what it can hold', (_label, row, carried, lost) => {
    const { flow, losses } = wecomToFeishu(wecomRow(row));
    expect(flow).toMatchObject({ is_wifi: true, ...carried });
    if (!('bssid' in carried)) expect(flow.bssid).toBeUndefined();
    if (!('ssid' in carried)) expect(flow.ssid).toBeUndefined();
    expect(losses.filter((loss) => loss.field === 'punch.wifi')).toEqual(
      lost ? [expect.objectContaining({ severity: 'dropped' })] : [],
    );
  });

  it.each([
    ['latitude only', { lat: 39_984_120, lng: undefined }],
    ['outside the globe', { lat: 95_000_000, lng: 116_307_490 }],
  ] as const)('coordinates: %s → no position, with a dropped loss', (_label, coordinates) => {
    const { lat: _lat, lng: _lng, ...rest } = wecomRow();
    const row: WecomCheckinData = {
      ...rest,
      ...(coordinates.lng === undefined ? { lat: coordinates.lat } : coordinates),
    };
    const { flow, losses } = wecomToFeishu(row);
    expect(flow.latitude).toBeUndefined();
    expect(losses).toContainEqual(expect.objectContaining({ field: 'punch.position', severity: 'dropped' }));
  });

  it('a plain punch crosses without a loss', () => {
    const row = wecomRow({ deviceid: '', location_detail: '' });
    expect(wecomToFeishu(row).losses).toEqual([]);
  });
});

describe('Feishu flow fields on the way to WeCom', () => {
  it.each([
    ['is_wifi without a network', { is_wifi: true }, {}, 'punch.wifi', 'dropped'],
    ['ssid without bssid', { is_wifi: true, ssid: 'HQ' }, {}, 'punch.wifi', 'dropped'],
    ['bssid without ssid', { is_wifi: true, bssid: 'A4-B1-C2-00-1E-FF' }, { wifimac: 'a4:b1:c2:00:1e:ff' }, null, null],
    ['device_id', { device_id: 'dev-1' }, {}, 'punch.device_id', 'dropped'],
    ['check_result Late', { check_result: 'Late' }, {}, 'punch.verdict', 'info'],
    ['photo_urls', { photo_urls: ['https://example.invalid/p.jpg'] as string[] }, {}, 'punch.photos', 'dropped'],
    ['is_field', { is_field: true }, {}, 'punch.is_field', 'approximated'],
    ['another creator', { creator_id: 'e9000' }, {}, 'punch.recorded_by', 'info'],
    ['external_id of another system', { external_id: 'ext-1' }, {}, 'punch.external_id', 'info'],
    ['longitude only', { longitude: 116.30749 }, {}, 'punch.position', 'dropped'],
  ] as const)('%s: carried or reported', (_label, fields, carried, field, severity) => {
    const { record, losses } = feishuToWecom(feishuFlow(fields));
    expect(record).toMatchObject(carried);
    if (!('wifimac' in carried)) {
      expect(record?.wifimac).toBeUndefined();
      expect(record?.wifiname).toBeUndefined();
    }
    if (field === null) expect(losses).toEqual([]);
    else expect(losses).toContainEqual(expect.objectContaining({ field, severity }));
  });

  it.each([
    ['PendingApproval', /待生效/],
    ['Invalid', /无效/],
  ] as const)('check_result %s: not a valid flow (A4: query returns valid flows only) → skipped', (value, reason) => {
    const read = feishuFlowToPunch(feishuFlow({ check_result: value }));
    expect(read.ok).toBe(false);
    expect(read.skipped).toMatch(reason);
  });

  it('a plain Feishu punch crosses without a loss', () => {
    const { record, losses } = feishuToWecom(feishuFlow({ type: 0, creator_id: 'e1001', check_result: '' }));
    expect(record).not.toBeNull();
    expect(losses).toEqual([]);
  });
});

// ---- the words and values of each loss, and the edges of each rule (issue #22) ------------------------

describe('the words of each punch loss', () => {
  // The console shows these texts and the run report lists them for an HR reader, so each is written out here
  // by hand, with the value it names (a value that is undefined is left out of the loss, loss.ts).
  const wecomPunch = punchOf(wecomRow({ deviceid: '', location_detail: '' }));
  const cases: readonly (readonly [string, () => readonly unknown[], readonly unknown[]])[] = [
    [
      'Feishu type 8 (undocumented)',
      () => feishuFlowToPunch(feishuFlow({ type: 8 })).losses,
      [
        {
          field: 'punch.type',
          severity: 'blocking',
          message:
            'Feishu punch type 8 is not one of the documented types (0–7), so it was not carried: it may not be a punch the person made.',
          sourceValue: 8,
        },
      ],
    ],
    [
      'Feishu coordinates swapped (the Lark doc example)',
      () => feishuToWecom(feishuFlow({ latitude: 120.04513, longitude: 30.28991 })).losses,
      [
        {
          field: 'punch.position',
          severity: 'approximated',
          message: 'Latitude and longitude arrived swapped (latitude beyond 90°); they were swapped back.',
          sourceValue: { latitude: 120.04513, longitude: 30.28991 },
          targetValue: { latitude: 30.28991, longitude: 120.04513 },
        },
      ],
    ],
    [
      'Feishu coordinates off the globe, longitude beyond 90° too (not a swap)',
      () => feishuFlowToPunch(feishuFlow({ latitude: 95, longitude: 200 })).losses,
      [
        {
          field: 'punch.position',
          severity: 'dropped',
          message: 'The coordinates are outside the globe, so they were left out.',
          sourceValue: { lat: 95, lng: 200 },
        },
      ],
    ],
    [
      'Feishu longitude without latitude',
      () => feishuFlowToPunch(feishuFlow({ longitude: 116.30749 })).losses,
      [
        {
          field: 'punch.position',
          severity: 'dropped',
          message: 'Only one of latitude and longitude was given, so the position was left out.',
          sourceValue: 116.30749,
        },
      ],
    ],
    [
      'Feishu external_id of another system',
      () => feishuToWecom(feishuFlow({ external_id: 'ext-1' })).losses,
      [
        {
          field: 'punch.external_id',
          severity: 'info',
          message:
            "Another system's reference for this punch (external_id) is not carried over: the punch has no place for it there.",
          sourceValue: 'ext-1',
        },
      ],
    ],
    [
      'Feishu bssid that is not a MAC, to WeCom',
      () => feishuToWecom(feishuFlow({ ssid: 'HQ', bssid: 'zz:zz' })).losses,
      [
        {
          field: 'punch.wifi',
          severity: 'dropped',
          message: 'The Wi-Fi MAC address (BSSID) is not a MAC address, so it was left out.',
          sourceValue: 'zz:zz',
        },
        {
          field: 'punch.wifi',
          severity: 'dropped',
          message:
            "WeCom needs the Wi-Fi's MAC address (BSSID) along with its name, and it is not known, so the Wi-Fi was left out.",
          sourceValue: 'HQ',
        },
      ],
    ],
    [
      'Feishu is_wifi without a network, to WeCom',
      () => feishuToWecom(feishuFlow({ is_wifi: true })).losses,
      [
        {
          field: 'punch.wifi',
          severity: 'dropped',
          message:
            "A Wi-Fi punch whose network is not named: WeCom needs the Wi-Fi's MAC address, so it is written without Wi-Fi.",
        },
      ],
    ],
    [
      'Feishu field punch, to WeCom',
      () => feishuToWecom(feishuFlow({ is_field: true })).losses,
      [
        {
          field: 'punch.is_field',
          severity: 'approximated',
          message:
            "A field punch (外勤): WeCom cannot be told a written punch is an outing (外出打卡), so it is written as an ordinary punch and judged against the person's rule.",
        },
      ],
    ],
    [
      'Feishu admin change (type 1), to WeCom',
      () => feishuToWecom(feishuFlow({ type: 1 })).losses,
      [
        {
          field: 'punch.origin',
          severity: 'approximated',
          message:
            "This punch is an administrator's change (管理员修改) in Feishu; WeCom cannot mark a written punch as an administrator's change, so it is written as an ordinary punch.",
          sourceValue: 'admin',
        },
      ],
    ],
    [
      'Feishu remedy (type 2), to WeCom',
      () => feishuToWecom(feishuFlow({ type: 2 })).losses,
      [
        {
          field: 'punch.origin',
          severity: 'approximated',
          message:
            'This punch is an approved correction (补卡) in Feishu; WeCom cannot mark a written punch as a correction, so it is written as an ordinary punch.',
          sourceValue: 'remedy',
        },
      ],
    ],
    [
      'Feishu open-platform import (type 7), to WeCom',
      () => feishuToWecom(feishuFlow({ type: 7 })).losses,
      [
        {
          field: 'punch.origin',
          severity: 'info',
          message:
            'This punch is an import by another system (考勤开放平台导入) in Feishu; WeCom records it as an ordinary punch.',
          sourceValue: 'import',
        },
      ],
    ],
    [
      'Feishu creator, check_result, device and photo, to WeCom',
      () =>
        feishuToWecom(
          feishuFlow({
            creator_id: 'e9000',
            check_result: 'Late',
            device_id: 'dev-1',
            photo_urls: ['https://example.invalid/p.jpg'],
          }),
        ).losses,
      [
        {
          field: 'punch.recorded_by',
          severity: 'info',
          message: "Someone other than the person recorded this punch in Feishu; WeCom records it as the person's own.",
          sourceValue: 'e9000',
        },
        {
          field: 'punch.verdict',
          severity: 'info',
          message: 'Feishu judged this punch: Late. WeCom judges punches against its own rules, so this is not copied.',
          sourceValue: ['Late'],
        },
        {
          field: 'punch.device_id',
          severity: 'dropped',
          message:
            'The id of the device the punch was made on is not copied: WeCom takes only the kind of device on import.',
          sourceValue: 'dev-1',
        },
        {
          field: 'punch.photos',
          severity: 'dropped',
          message: 'Punch photos are not copied: WeCom only accepts photos uploaded to it.',
          sourceValue: 1,
        },
      ],
    ],
    [
      'WeCom exceptions, device and photos, to Feishu',
      () =>
        wecomToFeishu(wecomRow({ exception_type: '地点异常;wifi异常', deviceid: 'd1', mediaids: ['m1', 'm2'] })).losses,
      [
        {
          field: 'punch.verdict',
          severity: 'info',
          message:
            'WeCom judged this punch: 地点异常;wifi异常. Feishu judges punches against its own rules, so this is not copied.',
          sourceValue: ['地点异常', 'wifi异常'],
        },
        {
          field: 'punch.device_id',
          severity: 'dropped',
          message: 'The id of the device the punch was made on is not copied: Feishu ignores device_id on import.',
          sourceValue: 'd1',
        },
        {
          field: 'punch.photos',
          severity: 'dropped',
          message: 'Punch photos are not copied: Feishu does not accept photos on import.',
          sourceValue: 2,
        },
      ],
    ],
    [
      'a punch before 2022-01-01, to Feishu',
      () => punchToFeishuFlow({ ...wecomPunch, at: 1_640_966_399 }, 'e1001').losses,
      [
        {
          field: 'punch.check_time',
          severity: 'blocking',
          message: 'Feishu only imports punches made after 2022-01-01, so this older punch was not imported.',
          sourceValue: 1_640_966_399,
        },
      ],
    ],
    // Origins only Feishu records, written to Feishu: the canonical punch does not say which vendor may hold
    // them, and an import into Feishu cannot keep any of them either.
    [
      'an administrator’s change, to Feishu',
      () => punchToFeishuFlow({ ...wecomPunch, origin: 'admin' }, 'e1001').losses,
      [
        {
          field: 'punch.origin',
          severity: 'approximated',
          message:
            "This punch is an administrator's change (管理员修改) in WeCom; Feishu records every imported punch as an open-platform import (考勤开放平台导入), so it is written as an ordinary punch.",
          sourceValue: 'admin',
        },
      ],
    ],
    [
      'an approved correction, to Feishu',
      () => punchToFeishuFlow({ ...wecomPunch, origin: 'remedy' }, 'e1001').losses,
      [
        {
          field: 'punch.origin',
          severity: 'approximated',
          message:
            'This punch is an approved correction (补卡) in WeCom; Feishu records every imported punch as an open-platform import (考勤开放平台导入), so it is written as an ordinary punch.',
          sourceValue: 'remedy',
        },
      ],
    ],
    [
      'a punch on an attendance machine, to Feishu',
      () => punchToFeishuFlow({ ...wecomPunch, origin: 'device' }, 'e1001').losses,
      [
        {
          field: 'punch.origin',
          severity: 'info',
          message:
            'This punch is a punch on an attendance machine (考勤机) in WeCom; Feishu records it as an ordinary punch.',
          sourceValue: 'device',
        },
      ],
    ],
    [
      'WeCom coordinates off the globe',
      () => wecomCheckinToPunch(wecomRow({ lat: 95_000_000, lng: 116_307_490 })).losses,
      [
        {
          field: 'punch.position',
          severity: 'dropped',
          message: 'The coordinates are outside the globe, so they were left out.',
          sourceValue: { lat: 95, lng: 116.30749 },
        },
      ],
    ],
    [
      'texts over 1024 characters and a position off the globe, to WeCom',
      () =>
        punchToWecomRecord(
          {
            ...wecomPunch,
            locationTitle: '',
            locationDetail: '区'.repeat(1025),
            note: '注'.repeat(1100),
            wifi: { ssid: 'W'.repeat(2000), bssid: 'a4:b1:c2:00:1e:ff' },
            position: { lat: 10, lng: 181 },
          },
          'zhangwei',
        ).losses,
      [
        {
          field: 'punch.location_detail',
          severity: 'approximated',
          message: "Shortened to WeCom's 1024 characters.",
          sourceValue: 1025,
        },
        {
          field: 'punch.notes',
          severity: 'approximated',
          message: "Shortened to WeCom's 1024 characters.",
          sourceValue: 1100,
        },
        {
          field: 'punch.position',
          severity: 'dropped',
          message: 'The coordinates are outside the globe, so they were left out.',
          sourceValue: { lat: 10, lng: 181 },
        },
        {
          field: 'punch.wifiname',
          severity: 'approximated',
          message: "Shortened to WeCom's 1024 characters.",
          sourceValue: 2000,
        },
      ],
    ],
  ];

  it.each(cases)('%s', (_label, lossesOf, expected) => {
    expect(lossesOf()).toStrictEqual(expected);
  });

  it('a 未打卡 row is skipped as the missed punch WeCom reports', () => {
    expect(wecomCheckinToPunch(wecomRow({ exception_type: '未打卡' }))).toStrictEqual({
      ok: false,
      skipped: 'a missed punch (未打卡) WeCom reports, not a punch',
      losses: [],
    });
  });
});

describe('the edges of a punch position', () => {
  // WeCom sends degrees ×1e6 (B6). The equator, the prime meridian, the poles and the antimeridian are on the
  // globe; only 0,0 together is the "no position" WeCom sends.
  it.each([
    ['on the equator', 0, 116_307_490, { lat: 0, lng: 116.30749 }],
    ['on the prime meridian', 51_477_900, 0, { lat: 51.4779, lng: 0 }],
    ['at the north pole, on the antimeridian', 90_000_000, 180_000_000, { lat: 90, lng: 180 }],
    ['at the south pole, on the antimeridian', -90_000_000, -180_000_000, { lat: -90, lng: -180 }],
    ['0,0', 0, 0, null],
  ] as const)('%s: WeCom lat %d, lng %d → position %j, no loss', (_label, lat, lng, position) => {
    const read = wecomCheckinToPunch(wecomRow({ lat, lng }));
    expect(read.ok && read.value.position).toStrictEqual(position);
    expect(read.losses).toEqual([]);
  });

  it('a WeCom longitude one millionth of a degree beyond 180 is off the globe', () => {
    const read = wecomCheckinToPunch(wecomRow({ lat: 10_000_000, lng: 180_000_001 }));
    expect(read.ok && read.value.position).toBeNull();
    expect(read.losses.map((loss) => [loss.field, loss.severity])).toEqual([['punch.position', 'dropped']]);
  });

  it.each([
    ['latitude exactly 90 is not beyond it', { latitude: 90, longitude: 30 }, { lat: 90, lng: 30 }, []],
    [
      'latitude beyond 90 with a longitude of exactly 90',
      { latitude: 120, longitude: 90 },
      { lat: 90, lng: 120 },
      ['approximated'],
    ],
  ] as const)('Feishu coordinates: %s', (_label, coordinates, position, severities) => {
    const read = feishuFlowToPunch(feishuFlow(coordinates));
    expect(read.ok && read.value.position).toStrictEqual(position);
    expect(read.losses.map((loss) => loss.severity)).toEqual(severities);
  });

  it.each([
    ['the poles and the antimeridian', { lat: 90, lng: 180 }, { lat: 90_000_000, lng: 180_000_000 }],
    ['the south pole and the antimeridian', { lat: -90, lng: -180 }, { lat: -90_000_000, lng: -180_000_000 }],
    ['a longitude beyond 180', { lat: 10, lng: 180.5 }, {}],
  ] as const)('to WeCom, %s', (_label, position, written) => {
    const punch = punchOf(wecomRow());
    const record = punchToWecomRecord({ ...punch, position }, 'zhangwei');
    expect(record.ok && { lat: record.value.lat, lng: record.value.lng }).toEqual(written);
  });
});

describe('fields that are absent or empty', () => {
  it('a getcheckindata row without place, note or Wi-Fi (B6 requires none) reads as a punch without them', () => {
    const { location_title: _t, location_detail: _d, notes: _n, wifiname: _w, wifimac: _m, ...bare } = wecomRow();
    expect(punchOf(bare)).toMatchObject({ locationTitle: '', locationDetail: '', note: '', wifi: null });
  });

  it('exception_type parts are trimmed, as splitExceptionTypes does: a 未打卡 after "; " is still a missed punch', () => {
    expect(punchOf(wecomRow({ exception_type: '时间异常; 地点异常' })).verdicts).toEqual(['时间异常', '地点异常']);
    expect(wecomCheckinToPunch(wecomRow({ exception_type: '时间异常; 未打卡' })).skipped).toBeDefined();
  });

  it('a Feishu flow that is not a field punch is of no particular kind', () => {
    const read = feishuFlowToPunch(feishuFlow());
    expect(read.ok && read.value).toMatchObject({ kind: 'unspecified', isField: false, deviceId: '' });
  });

  it('a punch without Wi-Fi or place is imported into Feishu with neither, marked as the gateway’s', () => {
    const punch = punchOf(wecomRow({ location_title: '', location_detail: '', wifiname: '', wifimac: '' }));
    const flow = punchToFeishuFlow(punch, 'e1001');
    expect(flow.ok && flow.value).toMatchObject({
      location_name: '',
      is_wifi: false,
      external_id: 'gw1-wecom:zhangwei@1763600000',
    });
  });

  it('a flow the gateway imported reads back without a loss about its own external_id', () => {
    const flow = punchToFeishuFlow(punchOf(wecomRow({ deviceid: '' })), 'e1001');
    if (!flow.ok) throw new Error('expected an import');
    const back = feishuFlowToPunch(feishuUserFlowSchema.parse({ ...flow.value, record_id: '7002' }));
    expect(back.losses).toEqual([]);
  });

  it.each([
    [
      'every field (a punch read from WeCom)',
      { notes: '路上堵车', deviceid: '' },
      {
        userid: 'zhangwei',
        checkin_time: AT,
        device_type: 3,
        device_detail: 'Feishu (via attendance gateway)',
        location_title: '总部大厦',
        location_detail: '北京市海淀区',
        notes: '路上堵车',
        lat: 39_984_120,
        lng: 116_307_490,
        wifimac: 'a4:b1:c2:00:1e:ff',
        wifiname: 'HQ',
      },
    ],
    [
      'no texts, no position, a MAC without a name',
      { location_title: '', location_detail: '', notes: '', lat: 0, lng: 0, wifiname: '', deviceid: '' },
      {
        userid: 'zhangwei',
        checkin_time: AT,
        device_type: 3,
        device_detail: 'Feishu (via attendance gateway)',
        wifimac: 'a4:b1:c2:00:1e:ff',
      },
    ],
    [
      'a title of exactly 1024 characters (kept whole)',
      {
        location_title: '楼'.repeat(1024),
        location_detail: '',
        lat: 0,
        lng: 0,
        wifiname: '',
        wifimac: '',
        deviceid: '',
      },
      {
        userid: 'zhangwei',
        checkin_time: AT,
        device_type: 3,
        device_detail: 'Feishu (via attendance gateway)',
        location_title: '楼'.repeat(1024),
      },
    ],
  ] as const)('the add_checkin_record record of a punch with %s holds exactly what is known', (_label, row, record) => {
    const written = punchToWecomRecord(punchOf(wecomRow(row)), 'zhangwei');
    expect(written.ok && written.value).toStrictEqual(record);
    expect(written.losses).toEqual([]);
  });
});

describe('a Feishu flow as an add_checkin_record record', () => {
  it('holds the one place text of Feishu as the title, and no detail', () => {
    const { record, losses } = feishuToWecom(
      feishuFlow({
        comment: '路上堵车',
        latitude: 39.98412,
        longitude: 116.30749,
        ssid: 'HQ',
        bssid: 'A4-B1-C2-00-1E-FF',
        is_wifi: true,
      }),
    );
    expect(record).toStrictEqual({
      userid: 'zhangwei',
      checkin_time: AT,
      device_type: 3,
      device_detail: 'Feishu (via attendance gateway)',
      location_title: '总部大厦',
      notes: '路上堵车',
      lat: 39_984_120,
      lng: 116_307_490,
      wifimac: 'a4:b1:c2:00:1e:ff',
      wifiname: 'HQ',
    });
    expect(losses).toEqual([]);
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

const feishuFlows = fc.record(
  {
    creator_id: fc.constantFrom('e1001', 'e9000'),
    location_name: text,
    comment: text,
    latitude: fc.double({ min: -100, max: 100, noNaN: true }),
    longitude: fc.double({ min: -200, max: 200, noNaN: true }),
    ssid: text,
    bssid: fc.oneof(mac, fc.string({ maxLength: 20 })),
    is_field: fc.boolean(),
    is_wifi: fc.boolean(),
    type: fc.integer({ min: 0, max: 9 }),
    photo_urls: fc.array(fc.webUrl(), { maxLength: 2 }),
    device_id: fc.string({ maxLength: 12 }),
    check_result: fc.constantFrom('', 'Normal', 'Late', 'Lack', 'PendingApproval', 'Invalid'),
    external_id: fc.string({ maxLength: 12 }),
  },
  { requiredKeys: [] },
);

describe('punch translation properties', () => {
  it('every field of a Feishu flow is carried to WeCom or named in a loss, or the flow is skipped with a reason', () => {
    fc.assert(
      fc.property(feishuFlows, (fields) => {
        const { read, record, losses } = feishuToWecom(feishuFlow(fields));
        if (read.skipped !== undefined) {
          expect(
            [3, 4].includes(fields.type ?? 0) || ['PendingApproval', 'Invalid'].includes(fields.check_result ?? ''),
          ).toBe(true);
          return;
        }
        const lost = new Set(losses.map((loss) => loss.field));
        if (record === null) {
          expect(losses.some((loss) => loss.severity === 'blocking')).toBe(true);
          return;
        }
        const carriedOr = (carried: boolean, field: string) =>
          expect([field, carried || lost.has(field)]).toEqual([field, true]);
        if (fields.location_name) carriedOr(record.location_title !== undefined, 'punch.location_title');
        if (fields.comment) carriedOr(record.notes !== undefined, 'punch.notes');
        if (fields.latitude !== undefined || fields.longitude !== undefined) {
          const zero = fields.latitude === 0 && fields.longitude === 0;
          carriedOr(zero || record.lat !== undefined, 'punch.position');
        }
        if (fields.ssid) carriedOr(record.wifiname !== undefined, 'punch.wifi');
        if (fields.bssid) carriedOr(record.wifimac !== undefined, 'punch.wifi');
        if (fields.is_wifi) carriedOr(record.wifimac !== undefined, 'punch.wifi');
        if (fields.is_field) carriedOr(false, 'punch.is_field');
        if ([1, 2, 7].includes(fields.type ?? 0)) carriedOr(false, 'punch.origin');
        if (fields.type === 5) expect(record.device_type).toBe(2);
        if (fields.photo_urls?.length) carriedOr(false, 'punch.photos');
        if (fields.device_id) carriedOr(false, 'punch.device_id');
        if (fields.check_result) carriedOr(false, 'punch.verdict');
        if (fields.external_id) carriedOr(false, 'punch.external_id');
        if (fields.creator_id === 'e9000') carriedOr(false, 'punch.recorded_by');
      }),
      { numRuns: 2000 },
    );
  });

  it('every WeCom punch becomes a Feishu import the Feishu model accepts, or a refusal with a blocking reason', () => {
    fc.assert(
      fc.property(wecomRows, (row) => {
        const read = wecomCheckinToPunch(wecomCheckinDataSchema.parse(row));
        if (!read.ok) return;
        const result = punchToFeishuFlow(read.value, 'e1001');
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
        if (!read.ok) return;
        let punch: CanonicalPunch = read.value;
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
        if (!read.ok) return;
        const flow = punchToFeishuFlow(read.value, 'e1001');
        if (!flow.ok) throw new Error('a punch after 2022 is always importable');
        const back = feishuFlowToPunch(feishuUserFlowSchema.parse({ ...flow.value, record_id: '1' }));
        if (!back.ok) throw new Error('an imported flow always reads back');
        const record = punchToWecomRecord(back.value, row.userid);
        if (!record.ok) throw new Error('always writable');
        expect(record.value.userid).toBe(row.userid);
        expect(record.value.checkin_time).toBe(read.value.at);
        if (read.value.position) {
          expect(record.value.lat).toBe(row.lat);
          expect(record.value.lng).toBe(row.lng);
        }
        // WeCom takes a Wi-Fi only with its MAC (B7); a name alone is left out with a loss (see the tables).
        if (read.value.wifi?.bssid && [...read.value.wifi.ssid].length <= 1024) {
          expect(record.value.wifimac).toBe(read.value.wifi.bssid);
          expect(record.value.wifiname ?? '').toBe(read.value.wifi.ssid);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
