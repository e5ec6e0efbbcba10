import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { GCJ02_REFERENCE_POINTS } from '../../test/gcj02-reference-points.js';
import { feishuGroupSchema, feishuShiftSchema } from '@app/feishu/model';
import { representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { damagedArbitrary, feishuReadOf } from '../../test/vendor-inputs.js';
import type { Loss } from '../canonical/loss.js';
import { feishuClockMinutes } from './feishu-mapping.util.js';
import { feishuReadToCanonical, feishuToCanonical } from './feishu-to-canonical.mapper.js';

// Feishu → canonical, one table row per DESIGN.md mapping row, plus the recorded vendor examples.
// Every group and shift here is written in the READ shape (GET /groups/:id, GET /shifts/:id data).

const SHIFT_ID = '6919358778597097404';
const NIGHT_ID = '6919358778597097405';

function readShift(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shift_id: SHIFT_ID,
    shift_name: '早班',
    punch_times: 1,
    is_flexible: false,
    punch_time_rule: [
      {
        on_time: '9:00',
        off_time: '18:00',
        late_minutes_as_late: 10,
        late_minutes_as_lack: 60,
        on_advance_minutes: 30,
        early_minutes_as_early: 5,
        early_minutes_as_lack: 45,
        off_delay_minutes: 120,
        // READ meaning: true = the punch IS needed.
        no_need_on: true,
        no_need_off: true,
      },
    ],
    rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
    ...overrides,
  };
}

function readGroup(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    group_id: '6919358128597097404',
    group_name: '研发考勤',
    time_zone: 'Asia/Shanghai',
    group_type: 0,
    bind_user_ids: ['u2', 'u1'],
    bind_dept_ids: ['od-1'],
    punch_day_shift_ids: [SHIFT_ID, SHIFT_ID, SHIFT_ID, SHIFT_ID, SHIFT_ID, '0', '0'],
    calendar_id: 1,
    ...overrides,
  };
}

function map(group: unknown, shifts: unknown[] = [readShift()]) {
  return feishuToCanonical({ group, shifts });
}

function ok(group: unknown, shifts?: unknown[]) {
  const result = map(group, shifts);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

function lossOn(losses: readonly Loss[], field: string): Loss | undefined {
  return losses.find((loss) => loss.field === field);
}

describe('feishuToCanonical: group type (read enum 0/2/3)', () => {
  it.each([
    [0, 'fixed'],
    [2, 'shift_based'],
  ] as const)('group_type %i → %s', (groupType, kind) => {
    const group = readGroup({ group_type: groupType, punch_day_shift_ids: groupType === 0 ? undefined : [] });
    if (groupType === 0)
      (group as { punch_day_shift_ids: string[] }).punch_day_shift_ids = readGroup().punch_day_shift_ids as string[];
    expect(ok(group).value.kind).toBe(kind);
  });

  it('group_type 3 → free, with punch_day padded to 7 Monday-first digits and work hours', () => {
    const result = ok(
      readGroup({
        group_type: 3,
        punch_day_shift_ids: [],
        // 0111110 as an int loses its leading zero: Monday off, Tuesday–Saturday on.
        free_punch_cfg: {
          free_start_time: '5:00',
          free_end_time: '28:59',
          punch_day: 111110,
          work_hours_demand: true,
          work_hours: 480,
        },
      }),
      [],
    );
    expect(result.value.kind).toBe('free');
    expect(result.value.free).toEqual({ workdays: [2, 3, 4, 5, 6], requiredWorkSec: 480 * 60, dayStartSec: 5 * 3600 });
    expect(result.value.shifts).toEqual([]);
  });

  it('a free group whose duration is not demanded carries no requirement (info loss)', () => {
    const result = ok(
      readGroup({
        group_type: 3,
        punch_day_shift_ids: [],
        free_punch_cfg: {
          free_start_time: '7:00',
          free_end_time: '18:00',
          punch_day: 1111100,
          work_hours_demand: false,
          work_hours: 480,
        },
      }),
      [],
    );
    expect(result.value.free?.requiredWorkSec).toBeNull();
    expect(lossOn(result.losses, 'free_punch_cfg.work_hours')?.severity).toBe('info');
    expect(lossOn(result.losses, 'free_punch_cfg.free_end_time')?.severity).toBe('info');
  });

  it('group_type 1 (the CREATE enum) is refused on read with a blocking loss naming group_type', () => {
    const result = map(readGroup({ group_type: 1 }));
    expect(result.ok).toBe(false);
    expect(result.losses.some((loss) => loss.field === 'group.group_type' && loss.severity === 'blocking')).toBe(true);
  });
});

describe('feishuToCanonical: week', () => {
  it('punch_day_shift_ids is Monday→Sunday and "0" is a rest day', () => {
    const result = ok(readGroup({ punch_day_shift_ids: ['0', SHIFT_ID, SHIFT_ID, SHIFT_ID, SHIFT_ID, SHIFT_ID, '0'] }));
    expect(result.value.week).toEqual({
      1: null,
      2: SHIFT_ID,
      3: SHIFT_ID,
      4: SHIFT_ID,
      5: SHIFT_ID,
      6: SHIFT_ID,
      7: null,
    });
  });

  it('a referenced shift that was not supplied is a blocking loss, not a throw', () => {
    const result = map(readGroup(), []);
    expect(result.ok).toBe(false);
    expect(lossOn(result.losses, `shifts[${SHIFT_ID}]`)?.severity).toBe('blocking');
  });

  it('a shift-based group takes every supplied shift; none supplied is blocking', () => {
    const night = readShift({ shift_id: NIGHT_ID, shift_name: '夜班' });
    const result = ok(readGroup({ group_type: 2, punch_day_shift_ids: [] }), [readShift(), night]);
    expect(result.value.shifts.map((shift) => shift.key)).toEqual([SHIFT_ID, NIGHT_ID]);
    expect(result.value.week).toEqual({});
    expect(map(readGroup({ group_type: 2, punch_day_shift_ids: [] }), []).ok).toBe(false);
  });
});

describe('feishuToCanonical: shift sections', () => {
  it('maps times, window, grace and the READ no_need flags (true = punch needed)', () => {
    const shift = ok(readGroup()).value.shifts[0]!;
    expect(shift.sections).toEqual([
      {
        onSec: 9 * 3600,
        offSec: 18 * 3600,
        punchWindow: {
          earliestOnSec: 9 * 3600 - 30 * 60,
          latestOnSec: 9 * 3600 + 60 * 60,
          earliestOffSec: 18 * 3600 - 45 * 60,
          latestOffSec: 18 * 3600 + 120 * 60,
        },
        noPunchOn: false,
        noPunchOff: false,
        lateGraceSec: 600,
        earlyLeaveGraceSec: 300,
        seriousLateSec: null,
        rest: { beginSec: 12 * 3600, endSec: 13 * 3600 },
      },
    ]);
  });

  it('READ no_need_off false = no clock-out needed → noPunchOff true', () => {
    const shift = readShift();
    const rule = (shift['punch_time_rule'] as Record<string, unknown>[])[0]!;
    const result = ok(readGroup(), [{ ...shift, punch_time_rule: [{ ...rule, no_need_off: false }] }]);
    expect(result.value.shifts[0]!.sections[0]).toMatchObject({ noPunchOn: false, noPunchOff: true });
  });

  it('"26:00" is 02:00 the next day: seconds above 86,400; a break after midnight lands in that section', () => {
    const result = ok(readGroup(), [
      readShift({
        punch_time_rule: [{ on_time: '18:00', off_time: '26:00', no_need_on: true, no_need_off: true }],
        rest_time_rule: [{ rest_begin_time: '0:00', rest_end_time: '0:30' }],
      }),
    ]);
    const section = result.value.shifts[0]!.sections[0]!;
    expect(section.offSec).toBe(93_600);
    expect(section.rest).toEqual({ beginSec: 86_400, endSec: 88_200 });
    // All four window fields omitted → no window of its own.
    expect(section.punchWindow).toBeNull();
  });

  it('an off time before the on time (instead of "26:00") is refused with the field named', () => {
    const result = map(readGroup(), [readShift({ punch_time_rule: [{ on_time: '18:00', off_time: '2:00' }] })]);
    expect(result.ok).toBe(false);
    expect(lossOn(result.losses, `shifts[${SHIFT_ID}].punch_time_rule[0].off_time`)?.severity).toBe('blocking');
  });

  it('serious late: the shift-level value wins over the segment one; 0 means unset', () => {
    const rule = (readShift()['punch_time_rule'] as Record<string, unknown>[])[0]!;
    const withShiftLevel = ok(readGroup(), [
      readShift({ late_minutes_as_serious_late: 40, punch_time_rule: [{ ...rule, late_minutes_as_serious_late: 20 }] }),
    ]);
    expect(withShiftLevel.value.shifts[0]!.sections[0]!.seriousLateSec).toBe(2400);
    const segmentOnly = ok(readGroup(), [
      readShift({ punch_time_rule: [{ ...rule, late_minutes_as_serious_late: 20 }] }),
    ]);
    expect(segmentOnly.value.shifts[0]!.sections[0]!.seriousLateSec).toBe(1200);
    const zero = ok(readGroup(), [readShift({ punch_time_rule: [{ ...rule, late_minutes_as_serious_late: 0 }] })]);
    expect(zero.value.shifts[0]!.sections[0]!.seriousLateSec).toBeNull();
  });

  it('is_flexible + flexible_rule → flexibleArrival; flexible_minutes when no rule; off → null', () => {
    const flex = ok(readGroup(), [
      readShift({ is_flexible: true, flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 60 }] }),
    ]);
    expect(flex.value.shifts[0]!.flexibleArrival).toEqual({ maxEarlySec: 1800, maxLateSec: 3600 });
    const minutes = ok(readGroup(), [readShift({ is_flexible: true, flexible_minutes: 15 })]);
    expect(minutes.value.shifts[0]!.flexibleArrival).toEqual({ maxEarlySec: 900, maxLateSec: 900 });
    const off = ok(readGroup(), [readShift({ is_flexible: false, flexible_minutes: 60 })]);
    expect(off.value.shifts[0]!.flexibleArrival).toBeNull();
  });

  it('late_off_late_on_rule → lateOffLateOn sorted by offLateSec', () => {
    const result = ok(readGroup(), [
      readShift({
        late_off_late_on_rule: [
          { late_off_minutes: 120, late_on_minutes: 60 },
          { late_off_minutes: 60, late_on_minutes: 30 },
        ],
      }),
    ]);
    expect(result.value.shifts[0]!.lateOffLateOn).toEqual([
      { offLateSec: 3600, onLateSec: 1800 },
      { offLateSec: 7200, onLateSec: 3600 },
    ]);
  });

  it('two segments each get their own break; a break outside every segment is dropped', () => {
    const result = ok(readGroup(), [
      readShift({
        punch_time_rule: [
          { on_time: '8:00', off_time: '12:00' },
          { on_time: '13:00', off_time: '18:00' },
        ],
        rest_time_rule: [
          { rest_begin_time: '10:00', rest_end_time: '10:15' },
          { rest_begin_time: '15:00', rest_end_time: '15:15' },
          { rest_begin_time: '12:15', rest_end_time: '12:45' },
        ],
      }),
    ]);
    const [morning, afternoon] = result.value.shifts[0]!.sections;
    expect(morning!.rest).toEqual({ beginSec: 36_000, endSec: 36_900 });
    expect(afternoon!.rest).toEqual({ beginSec: 54_000, endSec: 54_900 });
    expect(lossOn(result.losses, `shifts[${SHIFT_ID}].rest_time_rule[2]`)?.severity).toBe('dropped');
  });

  it('Feishu-only shift settings are reported', () => {
    const result = ok(readGroup(), [readShift({ overtime_rule: [{ on_overtime: '18:00', off_overtime: '20:00' }] })]);
    expect(lossOn(result.losses, `shifts[${SHIFT_ID}].overtime_rule`)?.severity).toBe('dropped');
    // The periods stay behind; that overtime is allowed on workdays is carried.
    expect(result.value.overtime.workday).toBe(true);
  });
});

describe('feishuToCanonical: locations', () => {
  const gps = (overrides: Record<string, unknown>) => ({
    location_id: '6921213751454744578',
    location_name: '西溪八方城',
    location_type: 1,
    latitude: 30.28994,
    longitude: 120.04509,
    address: '杭州',
    gps_range: 300,
    ...overrides,
  });

  it('高德 (map_type 1) coordinates are kept as GCJ-02', () => {
    const result = ok(readGroup({ locations: [gps({ map_type: 1 })] }));
    expect(result.value.gpsLocations).toEqual([
      { name: '西溪八方城', address: '杭州', latitude: 30.28994, longitude: 120.04509, radiusMeters: 300 },
    ]);
  });

  it('Google (map_type 2) read as WGS-84 (googleMapDatum "wgs84") is converted to GCJ-02, with an info loss', () => {
    // A published reference point, not the conversion library's own answer (test/gcj02-reference-points.ts).
    const { wgs84, gcj02 } = GCJ02_REFERENCE_POINTS[0]!;
    const result = feishuToCanonical(
      {
        group: readGroup({ locations: [gps({ map_type: 2, latitude: wgs84.latitude, longitude: wgs84.longitude })] }),
        shifts: [readShift()],
      },
      { googleMapDatum: 'wgs84' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.losses));
    const place = result.value.gpsLocations[0]!;
    expect(place.latitude).toBeCloseTo(gcj02.latitude, 6);
    expect(place.longitude).toBeCloseTo(gcj02.longitude, 6);
    expect(lossOn(result.losses, 'locations.map_type')?.severity).toBe('info');
  });

  it('the group gps_range is the fallback radius; none at all is approximated to 300 m', () => {
    expect(
      ok(readGroup({ gps_range: 500, locations: [gps({ gps_range: undefined })] })).value.gpsLocations[0]!.radiusMeters,
    ).toBe(500);
    const none = ok(readGroup({ locations: [gps({ gps_range: undefined })] }));
    expect(none.value.gpsLocations[0]!.radiusMeters).toBe(300);
    expect(lossOn(none.losses, 'locations[0].gps_range')?.severity).toBe('approximated');
  });

  it('Wi-Fi BSSIDs are normalised to lower-case colon MACs; a bad MAC is dropped', () => {
    const wifi = (bssid: string, ssid = 'Office') => ({
      location_id: '6921213751454744579',
      location_name: ssid,
      location_type: 2,
      ssid,
      bssid,
    });
    const result = ok(
      readGroup({ locations: [wifi('08:00:20:0A:8C:6D'), wifi('A4-B1-C2-00-1E-FF', 'Lab'), wifi('not-a-mac')] }),
    );
    expect(result.value.wifiLocations).toEqual([
      { ssid: 'Office', bssid: '08:00:20:0a:8c:6d' },
      { ssid: 'Lab', bssid: 'a4:b1:c2:00:1e:ff' },
    ]);
    expect(lossOn(result.losses, 'locations[2].bssid')?.severity).toBe('dropped');
  });

  it('IP locations and attendance machines are dropped with a loss', () => {
    const result = ok(
      readGroup({
        locations: [{ location_id: '1', location_name: 'HQ', location_type: 8, ip: '122.224.123.146' }],
        machines: [{ machine_sn: 'FS0701', machine_name: '创实 9 楼' }],
      }),
    );
    expect(lossOn(result.losses, 'locations[0]')?.severity).toBe('dropped');
    expect(lossOn(result.losses, 'machines')?.severity).toBe('dropped');
  });
});

describe('feishuToCanonical: members', () => {
  it('bind_* → members (sorted); bind_default_user_ids → excludedUserIds; default depts dropped', () => {
    const result = ok(readGroup({ bind_default_user_ids: ['x2', 'x1'], bind_default_dept_ids: ['od-9'] }));
    expect(result.value.members).toEqual({
      userIds: ['u1', 'u2'],
      departmentIds: ['od-1'],
      excludedUserIds: ['x1', 'x2'],
    });
    expect(result.value.idSpace).toBe('feishu');
    expect(lossOn(result.losses, 'bind_default_dept_ids')?.severity).toBe('dropped');
  });

  it('need_punch_members is used when bind_* are empty; non-person scopes are dropped; "everyone" is blocking', () => {
    const scope = (type: number, ids: string[], op = 1) => ({
      rule_scope_type: 2,
      scope_group_list: { scope_value_type: type, operation_type: op, member_ids: ids },
    });
    const result = ok(
      readGroup({
        bind_user_ids: [],
        bind_dept_ids: [],
        need_punch_members: [scope(2, ['p1']), scope(1, ['od-2']), scope(6, ['L3'])],
      }),
    );
    expect(result.value.members.userIds).toEqual(['p1']);
    expect(result.value.members.departmentIds).toEqual(['od-2']);
    expect(lossOn(result.losses, 'need_punch_members[2].scope_group_list')?.severity).toBe('dropped');
    const everyone = map(
      readGroup({ bind_user_ids: [], bind_dept_ids: [], need_punch_members: [{ rule_scope_type: 1 }] }),
    );
    expect(everyone.ok).toBe(false);
  });
});

describe('feishuToCanonical: special days, calendar, remedy, face, out-of-range, time zone', () => {
  it('special days: yyyyMMdd → YYYY-MM-DD with the shift; a date in both lists stays a workday', () => {
    const result = ok(
      readGroup({
        need_punch_special_days: [{ punch_day: 20260103, shift_id: SHIFT_ID }],
        no_need_punch_special_days: [
          { punch_day: 20260101, shift_id: '0' },
          { punch_day: 20260103, shift_id: SHIFT_ID },
        ],
      }),
    );
    expect(result.value.specialWorkdays).toEqual([{ date: '2026-01-03', shiftKey: SHIFT_ID, sections: [], note: '' }]);
    expect(result.value.specialOffdays).toEqual([{ date: '2026-01-01', note: '' }]);
    expect(lossOn(result.losses, 'no_need_punch_special_days[1]')?.severity).toBe('dropped');
  });

  it('a special day naming a shift that was not supplied is blocking', () => {
    const result = map(readGroup({ need_punch_special_days: [{ punch_day: 20260103, shift_id: NIGHT_ID }] }));
    expect(result.ok).toBe(false);
    expect(lossOn(result.losses, `shifts[${NIGHT_ID}]`)?.severity).toBe('blocking');
  });

  it.each([
    [1, true, undefined],
    [0, false, undefined],
    [2, false, 'dropped'],
  ])('calendar_id %i → followsHolidayCalendar %s', (calendar, follows, loss) => {
    const result = ok(readGroup({ calendar_id: calendar }));
    expect(result.value.followsHolidayCalendar).toBe(follows);
    expect(lossOn(result.losses, 'calendar_id')?.severity).toBe(loss);
  });

  it('remedy: switches, limits only when switched on, types; disabled remedy carries nothing', () => {
    const result = ok(
      readGroup({
        allow_remedy: true,
        remedy_limit: true,
        remedy_limit_count: 3,
        remedy_date_limit: false,
        remedy_date_num: 7,
        allow_remedy_type_lack: true,
        allow_remedy_type_late: true,
        allow_remedy_type_early: false,
        allow_remedy_type_normal: true,
      }),
    );
    expect(result.value.remedy).toEqual({
      allowed: true,
      monthlyLimit: 3,
      daysLimit: null,
      forMissing: true,
      forLate: true,
      forEarly: false,
      forOther: false,
      forNormal: true,
    });
    expect(ok(readGroup({ allow_remedy: false, remedy_limit: true, remedy_limit_count: 3 })).value.remedy).toEqual({
      allowed: false,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: false,
      forLate: false,
      forEarly: false,
      forOther: false,
      forNormal: false,
    });
  });

  it('face: face_punch, action liveness, photo', () => {
    const rule = ok(
      readGroup({ face_punch: true, face_punch_cfg: 1, face_live_need_action: true, clockIn_need_photo: true }),
    ).value;
    expect([rule.faceRecognition, rule.faceLiveness, rule.photoRequired]).toEqual([true, 'action', true]);
    const silent = ok(readGroup({ face_punch: true, face_punch_cfg: 1, face_live_need_action: false }));
    expect(silent.value.faceLiveness).toBe('silent');
    expect(lossOn(silent.losses, 'face_live_need_action')).toBeUndefined();
  });

  it('allow_out_punch → field_punch (its conditions dropped); without it → forbidden', () => {
    const field = ok(readGroup({ allow_out_punch: true, out_punch_need_photo: true }));
    expect(field.value.outOfRange).toBe('field_punch');
    expect(lossOn(field.losses, 'out_punch_need_photo')?.severity).toBe('dropped');
    expect(ok(readGroup({ allow_out_punch: false })).value.outOfRange).toBe('forbidden');
  });

  it('time zone: the group zone wins; an invalid one falls back to the option (approximated)', () => {
    expect(ok(readGroup({ time_zone: 'Asia/Tokyo' })).value.timeZone).toBe('Asia/Tokyo');
    const result = feishuToCanonical(
      { group: readGroup({ time_zone: 'Mars/Base' }), shifts: [readShift()] },
      { timeZone: 'Asia/Shanghai' },
    );
    expect(result.ok && result.value.timeZone).toBe('Asia/Shanghai');
    expect(lossOn(result.losses, 'time_zone')?.severity).toBe('approximated');
  });
});

describe('feishuToCanonical: vendor examples (test/fixtures/vendor-examples, see its README)', () => {
  const EXAMPLES = join(process.cwd(), 'test/fixtures/vendor-examples');
  const data = (name: string) =>
    (JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as { data: Record<string, unknown> }).data;

  it('feishu-group-get-response: the placeholder shift id "xxx" and prose new_calendar_id refuse it, naming both fields', () => {
    const result = feishuToCanonical({ group: data('feishu-group-get-response-FeishuNetSdk.json'), shifts: [] });
    expect(result.ok).toBe(false);
    const blocking = result.losses.filter((loss) => loss.severity === 'blocking').map((loss) => loss.field);
    expect(blocking).toEqual(expect.arrayContaining(['group.punch_day_shift_ids', 'group.new_calendar_id']));
  });

  it('feishu-group-get-response repaired (7 real ids, numeric calendar) maps as a fixed group with its losses', () => {
    const group = {
      ...data('feishu-group-get-response-FeishuNetSdk.json'),
      punch_day_shift_ids: [SHIFT_ID, SHIFT_ID, SHIFT_ID, SHIFT_ID, SHIFT_ID, '0', '0'],
      new_calendar_id: '',
      need_punch_special_days: [{ punch_day: 20190101, shift_id: SHIFT_ID }],
    };
    const shift = data('feishu-shift-get-response-FeishuNetSdk.json');
    const result = feishuToCanonical({ group, shifts: [shift] });
    if (!result.ok) throw new Error(JSON.stringify(result.losses));
    const rule = result.value;
    expect(rule.kind).toBe('fixed');
    expect(rule.members).toEqual({
      userIds: ['52aa1fa1'],
      departmentIds: ['od-fcb45c28a45311afd440b7869541fce8'],
      excludedUserIds: ['dd31248a'],
    });
    expect(rule.gpsLocations).toEqual([
      {
        name: '浙江省杭州市余杭区五常街道木桥头西溪八方城',
        address: '北京市海淀区中航广场',
        latitude: 30.28994,
        longitude: 120.04509,
        radiusMeters: 300,
      },
    ]);
    expect(rule.followsHolidayCalendar).toBe(true);
    expect(rule.remedy).toEqual({
      allowed: true,
      monthlyLimit: 3,
      daysLimit: 3,
      forMissing: true,
      forLate: true,
      forEarly: true,
      forOther: false,
      forNormal: true,
    });
    // face_live_need_action true with face_punch_cfg 1 in the example: "动作验证", the action liveness check.
    expect([rule.faceRecognition, rule.faceLiveness, rule.photoRequired, rule.outOfRange]).toEqual([
      true,
      'action',
      true,
      'field_punch',
    ]);
    // rest_clockIn_need_approval true; show_over_time true is display only, the workday shift's overtime_rule
    // (day_type 1) is what says overtime is allowed on workdays.
    expect(rule.restDayPunch).toBe('approval');
    expect(rule.overtime).toEqual({ workday: true, restDay: null, holiday: null });
    // 20190101 is both a must-punch and a no-punch day in the example: kept as a workday.
    expect(rule.specialWorkdays.map((day) => day.date)).toEqual(['2019-01-01']);
    expect(rule.specialOffdays).toEqual([]);
    const fields = result.losses.map((loss) => loss.field);
    expect(fields).toEqual(
      expect.arrayContaining(['machines', 'anti_cheat_punch_config', 'group_leader_ids', 'except_user_ids']),
    );
  });

  it('feishu-shift-get-response: 9:00–18:00, READ flags true = punches needed, rest 13:00–14:00', () => {
    const shift = data('feishu-shift-get-response-FeishuNetSdk.json');
    const result = ok(readGroup({ punch_day_shift_ids: [SHIFT_ID, '0', '0', '0', '0', '0', '0'] }), [shift]);
    const canonical = result.value.shifts[0]!;
    expect(canonical).toMatchObject({
      key: SHIFT_ID,
      name: '早班',
      flexibleArrival: null,
      lateOffLateOn: [{ offLateSec: 3600, onLateSec: 1800 }],
    });
    expect(canonical.sections[0]).toMatchObject({
      onSec: 32_400,
      offSec: 64_800,
      noPunchOn: false,
      noPunchOff: false,
      seriousLateSec: 2400,
      rest: { beginSec: 46_800, endSec: 50_400 },
    });
  });

  it('feishu-shift-query-response-overnight-placeholder: the prose off_time refuses, naming the field; no throw', () => {
    const shift = data('feishu-shift-query-response-overnight-placeholder-FeishuNetSdk.json');
    const result = map(readGroup({ punch_day_shift_ids: [SHIFT_ID, '0', '0', '0', '0', '0', '0'] }), [shift]);
    expect(result.ok).toBe(false);
    expect(lossOn(result.losses, 'shifts[0].punch_time_rule[0].off_time')?.severity).toBe('blocking');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Readings that were wrong or missing (each table was written before its fix and failed against the old mapper).

describe('feishuToCanonical: liveness (face_live_need_action false = 开启活体验证, true = 动作验证 with cfg 1)', () => {
  it.each([
    // face_punch, face_punch_cfg, face_live_need_action → faceLiveness
    [true, 1, false, 'silent'],
    [true, 1, true, 'action'],
    [true, 1, undefined, 'none'],
    [true, 2, false, 'silent'],
    [false, 1, false, 'none'],
    [false, undefined, true, 'none'],
    [undefined, undefined, undefined, 'none'],
  ] as const)('face_punch %s, face_punch_cfg %s, face_live_need_action %s → %s', (face, cfg, action, liveness) => {
    const result = ok(readGroup({ face_punch: face, face_punch_cfg: cfg, face_live_need_action: action }));
    expect(result.value.faceLiveness).toBe(liveness);
    // The silent check is carried, not reported as left behind.
    if (liveness === 'silent') expect(lossOn(result.losses, 'face_live_need_action')).toBeUndefined();
  });

  it('the action check outside face_punch_cfg 1 ("仅在 face_punch_cfg = 1 时有效") is read as the silent check, approximated', () => {
    const result = ok(readGroup({ face_punch: true, face_punch_cfg: 2, face_live_need_action: true }));
    expect(result.value.faceLiveness).toBe('silent');
    expect(lossOn(result.losses, 'face_live_need_action')?.severity).toBe('approximated');
  });
});

describe('feishuToCanonical: punch_type bits (1 GPS, 2 Wi-Fi, 4 machine, 8 IP)', () => {
  const gpsPlace = {
    location_id: '6921213751454744578',
    location_name: '西溪八方城',
    location_type: 1,
    latitude: 30.28994,
    longitude: 120.04509,
    map_type: 1,
    gps_range: 300,
  };
  const wifiPlace = {
    location_id: '6921213751454744579',
    location_name: 'Office',
    location_type: 2,
    ssid: 'Office',
    bssid: '08:00:20:0a:8c:6d',
  };
  const places = [gpsPlace, { ...gpsPlace, location_id: '6921213751454744580', location_name: '二号楼' }, wifiPlace];

  it.each([
    // punch_type → GPS places carried, Wi-Fi places carried, losses on punch_type (message fragments)
    [undefined, 2, 1, []],
    [3, 2, 1, []],
    [1, 2, 0, ['Wi-Fi punching is off in Feishu', '1 Wi-Fi place']],
    [2, 0, 1, ['GPS punching is off in Feishu', '2 GPS places']],
    [6, 0, 1, ['GPS punching is off in Feishu', 'attendance machine']],
    [11, 2, 1, ['IP']],
    [0, 2, 1, ['no punch method']],
  ] as const)('punch_type %s → %i GPS and %i Wi-Fi places', (punchType, gps, wifi, messages) => {
    const result = ok(readGroup({ punch_type: punchType, locations: places }));
    expect(result.value.gpsLocations).toHaveLength(gps);
    expect(result.value.wifiLocations).toHaveLength(wifi);
    const reported = result.losses.filter((loss) => loss.field === 'punch_type').map((loss) => loss.message);
    for (const fragment of messages) expect(reported.join('\n')).toContain(fragment);
    if (messages.length === 0) expect(reported).toEqual([]);
  });

  it('a method Feishu switched off is reported as not carried (dropped), machines and IP too', () => {
    const result = ok(readGroup({ punch_type: 2 | 4 | 8, locations: places }));
    const severities = result.losses.filter((loss) => loss.field === 'punch_type').map((loss) => loss.severity);
    expect(severities).toEqual(['dropped', 'dropped', 'dropped']);
  });
});

describe('feishuToCanonical: overtime (from the used shifts; show_over_time is display only)', () => {
  const overtime = [{ on_overtime: '18:00', off_overtime: '20:00' }];
  const shiftBased = (shifts: unknown[]) => ok(readGroup({ group_type: 2, punch_day_shift_ids: [] }), shifts);

  it.each([
    ['no overtime rule anywhere', [readShift()], { workday: null, restDay: null, holiday: null }],
    [
      'a workday shift (day_type absent) with overtime',
      [readShift({ overtime_rule: overtime })],
      {
        workday: true,
        restDay: null,
        holiday: null,
      },
    ],
    [
      'a workday shift (day_type 1) with overtime',
      [readShift({ day_type: 1, overtime_rule: overtime })],
      {
        workday: true,
        restDay: null,
        holiday: null,
      },
    ],
    [
      'a rest-day shift (day_type 2) with overtime',
      [readShift(), readShift({ shift_id: NIGHT_ID, shift_name: '休息日', day_type: 2, overtime_rule: overtime })],
      { workday: null, restDay: true, holiday: null },
    ],
  ])('%s', (_, shifts, expected) => {
    const result = shiftBased(shifts);
    expect(result.value.overtime).toEqual(expected);
    // Holidays and any kind without a shift that says so stay null: WeCom keeps its own there.
    expect(lossOn(result.losses, 'overtime')).toMatchObject({ severity: 'info' });
    expect(lossOn(result.losses, 'overtime')?.message).toContain('加班规则');
  });

  it('show_over_time ("是否展示加班时长") no longer allows overtime; it is reported as a display option', () => {
    const result = ok(readGroup({ show_over_time: true }));
    expect(result.value.overtime).toEqual({ workday: null, restDay: null, holiday: null });
    expect(lossOn(result.losses, 'show_over_time')?.severity).toBe('info');
    expect(lossOn(result.losses, 'show_over_time')?.message).toContain('display');
  });

  it('a shift the group does not use says nothing about overtime', () => {
    const unused = readShift({ shift_id: NIGHT_ID, shift_name: '夜班', overtime_rule: overtime });
    expect(ok(readGroup(), [readShift(), unused]).value.overtime.workday).toBeNull();
  });
});

describe('feishuToCanonical: remedy types (allow_remedy_type_normal = 允许正常补卡)', () => {
  it.each([
    [true, true],
    [false, false],
    [undefined, false],
  ])(
    'allow_remedy_type_normal %s → forNormal %s; forOther (WeCom "other exceptions") is false',
    (normal, forNormal) => {
      const result = ok(readGroup({ allow_remedy: true, allow_remedy_type_normal: normal }));
      expect(result.value.remedy).toMatchObject({ forNormal, forOther: false });
    },
  );
});

describe('feishuToCanonical: Google Maps places (map_type 2) and their datum', () => {
  const googlePlace = {
    location_id: '6921213751454744578',
    location_name: '西溪八方城',
    location_type: 1,
    latitude: 30.28994,
    longitude: 120.04509,
    map_type: 2,
    gps_range: 300,
  };
  // The place above is no published reference point: the converted one is checked on one that is.
  const reference = GCJ02_REFERENCE_POINTS[1]!;
  it.each([
    [undefined, 30.28994, 120.04509],
    ['gcj02', 30.28994, 120.04509],
    ['wgs84', reference.gcj02.latitude, reference.gcj02.longitude],
  ] as const)('googleMapDatum %s → %d, %d, with one info loss per rule naming the assumption', (datum, lat, lng) => {
    const place = datum === 'wgs84' ? { ...googlePlace, ...reference.wgs84 } : googlePlace;
    const group = readGroup({
      locations: [place, { ...place, location_id: '6921213751454744579', location_name: '二号楼' }],
    });
    const result = feishuToCanonical(
      { group, shifts: [readShift()] },
      datum === undefined ? {} : { googleMapDatum: datum },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.losses));
    expect(result.value.gpsLocations[0]!.latitude).toBeCloseTo(lat, 6);
    expect(result.value.gpsLocations[0]!.longitude).toBeCloseTo(lng, 6);
    const datumLosses = result.losses.filter((loss) => loss.field === 'locations.map_type');
    expect(datumLosses).toHaveLength(1);
    expect(datumLosses[0]).toMatchObject({ severity: 'info' });
    expect(datumLosses[0]!.message).toContain(datum === 'wgs84' ? 'WGS-84' : 'GCJ-02');
    expect(datumLosses[0]!.message).toContain('2 GPS places');
  });

  it('a rule without Google places has no datum loss', () => {
    expect(lossOn(ok(readGroup()).losses, 'locations.map_type')).toBeUndefined();
  });
});

describe('feishuToCanonical: punch reminders and rest-day punching', () => {
  it('Feishu groups and shifts have no punch reminder: null', () => {
    expect(ok(readGroup()).value.punchReminder).toBeNull();
  });

  it.each([
    // approval → policy, loss (only the 4:00 rest-day start Feishu applies with approval, as info)
    [true, 'approval', 'info'],
    [false, 'allowed', undefined],
    [undefined, 'allowed', undefined],
  ] as const)('rest_clockIn_need_approval %s → restDayPunch %s, carried (loss %s)', (approval, policy, severity) => {
    const result = ok(readGroup({ rest_clockIn_need_approval: approval }));
    expect(result.value.restDayPunch).toBe(policy);
    expect(lossOn(result.losses, 'rest_clockIn_need_approval')?.severity).toBe(severity);
  });
});

describe('feishuToCanonical: shift_attendance_time_config (应出勤配置)', () => {
  const field = `shifts[${SHIFT_ID}].shift_attendance_time_config`;

  it.each([
    ['absent', undefined, undefined],
    ['the default (1, 1, 1)', undefined, { attendance_time: 1, on_attendance_time: 1, off_attendance_time: 1 }],
    ['partly set, to the default', undefined, { attendance_time: 1 }],
    [
      'a required attendance of 480',
      'dropped',
      { attendance_time: 480, on_attendance_time: 240, off_attendance_time: 240 },
    ],
    ['half-days changed', 'dropped', { attendance_time: 1, on_attendance_time: 0.5, off_attendance_time: 1 }],
  ])('%s → loss %s', (_, severity, config) => {
    const result = ok(readGroup(), [readShift({ shift_attendance_time_config: config })]);
    expect(lossOn(result.losses, field)?.severity).toBe(severity);
    if (severity) expect(lossOn(result.losses, field)?.message).toContain('应出勤');
  });
});

describe('feishuToCanonical: free_end_time', () => {
  it.each([
    ['0:00', '23:59', false],
    ['4:00', '27:59', false],
    ['4:00', '23:59', true],
    ['7:00', '18:00', true],
  ])('start %s, end %s → info loss %s; the day start is carried', (start, end, reported) => {
    const result = ok(
      readGroup({
        group_type: 3,
        punch_day_shift_ids: [],
        free_punch_cfg: { free_start_time: start, free_end_time: end, punch_day: 1111100 },
      }),
      [],
    );
    expect(result.value.free?.dayStartSec).toBe((feishuClockMinutes(start) ?? -1) * 60);
    expect(lossOn(result.losses, 'free_punch_cfg.free_end_time') !== undefined).toBe(reported);
  });
});

describe('feishuToCanonical: property — the read schemas decide what is readable', () => {
  // The mapper reads the group and each shift through feishuGroupSchema and feishuShiftSchema, the schemas the
  // client reads them with: what Feishu answers for a representable rule, and the same with random damage.
  const reads = representableRuleArbitrary()
    .map(feishuReadOf)
    .filter((read) => read !== null);

  it('the schemas take what Feishu answers for any rule it can hold', () => {
    fc.assert(
      fc.property(reads, (read) => {
        expect(feishuGroupSchema.safeParse(read.group).success).toBe(true);
        for (const shift of read.shifts) expect(feishuShiftSchema.safeParse(shift).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('translates a group and shifts the client has read with the schemas as it translates them unread', () => {
    fc.assert(
      fc.property(reads, (read) => {
        const group = feishuGroupSchema.parse(read.group);
        const shifts = read.shifts.map((shift) => feishuShiftSchema.parse(shift));
        // A shift supplied twice is reported the same both ways.
        const twice = [...shifts, ...shifts.slice(0, 1)];
        expect(feishuReadToCanonical({ group, shifts: twice })).toEqual(
          feishuToCanonical({ group: read.group, shifts: [...read.shifts, ...read.shifts.slice(0, 1)] }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a damaged group or shift exactly when its schema does, naming the field of its first issue', () => {
    const damaged = reads.chain((read) =>
      fc.tuple(damagedArbitrary(read.group), damagedArbitrary(read.shifts[0] ?? {}), fc.constant(read.shifts.slice(1))),
    );
    const field = (root: string, path: readonly PropertyKey[]) =>
      path.reduce<string>((out, key) => out + (typeof key === 'number' ? `[${key}]` : `.${String(key)}`), root);
    fc.assert(
      fc.property(damaged, ([group, shift, others]) => {
        const result = map(group, [shift, ...others]);
        const unreadable = result.losses.filter((loss) => loss.message.startsWith('Feishu sent a value'));
        const groupRead = feishuGroupSchema.safeParse(group);
        const shiftRead = feishuShiftSchema.safeParse(shift);
        if (groupRead.success && shiftRead.success) {
          expect(unreadable).toEqual([]);
          return;
        }
        expect(result.ok).toBe(false);
        const expected = [
          ...(groupRead.success ? [] : [field('group', groupRead.error.issues[0]!.path)]),
          ...(shiftRead.success ? [] : [field('shifts[0]', shiftRead.error.issues[0]!.path)]),
        ];
        for (const at of expected) {
          expect(unreadable).toContainEqual(expect.objectContaining({ severity: 'blocking', field: at }));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
