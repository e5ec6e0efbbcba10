import { feishuGroupCreateSchema, feishuShiftCreateSchema, type FeishuShift } from '@app/feishu/model';
import type { CanonicalRule, Shift, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver, tableIdResolver } from '../canonical/id-resolver.js';
import type { Loss } from '../canonical/loss.js';
import {
  bindFeishuShiftIds,
  canonicalToFeishu,
  FEISHU_SHIFT_NAME_MAX_LENGTH,
  planShiftIds,
  type CanonicalToFeishuOptions,
  type FeishuGroupPlan,
} from './canonical-to-feishu.mapper.js';
import { shiftAsRead } from './feishu-read-back.helper.js';

// Canonical → Feishu (used for WeCom → Feishu), one row per DESIGN.md mapping row, in CREATE form.

const section = (onH: number, offH: number, overrides: Partial<TimeSection> = {}): TimeSection => ({
  onSec: onH * 3600,
  offSec: offH * 3600,
  punchWindow: {
    earliestOnSec: onH * 3600 - 1800,
    latestOnSec: onH * 3600 + 3600,
    earliestOffSec: offH * 3600 - 2700,
    latestOffSec: offH * 3600 + 7200,
  },
  noPunchOn: false,
  noPunchOff: false,
  lateGraceSec: 600,
  earlyLeaveGraceSec: 300,
  seriousLateSec: null,
  rest: null,
  ...overrides,
});

const dayShift: Shift = {
  key: '1',
  name: '早班',
  sections: [section(9, 18, { rest: { beginSec: 12 * 3600, endSec: 13 * 3600 } })],
  flexibleArrival: null,
  lateOffLateOn: [],
};

function rule(overrides: Partial<CanonicalRule> = {}): CanonicalRule {
  return {
    kind: 'fixed',
    name: '研发考勤',
    timeZone: 'Asia/Shanghai',
    idSpace: 'wecom',
    members: { userIds: ['zhangsan'], departmentIds: ['2'], excludedUserIds: [] },
    shifts: [dayShift],
    week: { 1: '1', 2: '1', 3: '1', 4: '1', 5: '1', 6: null, 7: null },
    free: null,
    gpsLocations: [],
    wifiLocations: [],
    specialWorkdays: [],
    specialOffdays: [],
    followsHolidayCalendar: true,
    remedy: {
      allowed: false,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: false,
      forLate: false,
      forEarly: false,
      forOther: false,
      forNormal: false,
    },
    faceRecognition: false,
    faceLiveness: 'none',
    photoRequired: false,
    outOfRange: 'forbidden',
    overtime: { workday: null, restDay: null, holiday: null },
    punchReminder: null,
    restDayPunch: null,
    ...overrides,
  };
}

const resolver = tableIdResolver(
  new Map([
    ['fs-zhang', 'zhangsan'],
    ['fs-li', 'lisi'],
  ]),
  new Map([['od-2', '2']]),
);

function options(overrides: Partial<CanonicalToFeishuOptions> = {}): CanonicalToFeishuOptions {
  return { resolver, groupLeaderIds: ['leader1'], existingShifts: [], ...overrides };
}

function plan(r: CanonicalRule, o: Partial<CanonicalToFeishuOptions> = {}) {
  const result = canonicalToFeishu(r, options(o));
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

function lossOn(losses: readonly Loss[], field: string): Loss | undefined {
  return losses.find((loss) => loss.field === field);
}

/** Binds the plan with fake ids and checks every body against the model's CREATE schemas. */
function expectValidBodies(p: FeishuGroupPlan) {
  const created = new Map(p.shifts.map((entry, index) => [entry.shiftKey, `70000000000000000${index + 10}`]));
  for (const entry of p.shifts) {
    if (entry.action === 'create')
      expect(feishuShiftCreateSchema.safeParse(entry.shift).error?.issues ?? []).toEqual([]);
  }
  const bound = bindFeishuShiftIds(p.groupTemplate, planShiftIds(p, created));
  expect(feishuGroupCreateSchema.safeParse(bound).error?.issues ?? []).toEqual([]);
  return bound;
}

describe('canonicalToFeishu: group type and week (CREATE enum 1/2/3)', () => {
  it('fixed → group_type 1 with 7 Monday→Sunday ids, "0" for rest, keys until bound', () => {
    const result = plan(rule());
    const template = result.value.groupTemplate;
    expect(template.group_type).toBe(1);
    const key = result.value.shifts[0]!.shiftKey;
    expect(template.punch_day_shift_ids).toEqual([key, key, key, key, key, '0', '0']);
    const bound = expectValidBodies(result.value);
    expect(bound.punch_day_shift_ids[0]).toMatch(/^\d+$/);
  });

  it('shift-based → group_type 2, empty week, every shift planned', () => {
    const night: Shift = { ...dayShift, key: '2', name: '夜班', sections: [section(22, 30)] };
    const result = plan(rule({ kind: 'shift_based', week: {}, shifts: [dayShift, night] }));
    expect(result.value.groupTemplate.group_type).toBe(2);
    expect(result.value.groupTemplate.punch_day_shift_ids).toEqual([]);
    expect(result.value.shifts.flatMap((entry) => entry.sourceShiftKeys).sort()).toEqual(['1', '2']);
    // The night shift ends at 06:00 the next day: "30:00".
    const nightEntry = result.value.shifts.find((entry) => entry.sourceShiftKeys.includes('2'))!;
    expect(nightEntry.action === 'create' && nightEntry.shift.punch_time_rule[0]!.off_time).toBe('30:00');
    expectValidBodies(result.value);
  });

  it('free → group_type 3 with free_punch_cfg: punch_day Monday-first int, minutes, end within the day', () => {
    const result = plan(
      rule({
        kind: 'free',
        shifts: [],
        week: {},
        free: { workdays: [2, 3, 4, 5, 6], requiredWorkSec: 8 * 3600, dayStartSec: 4 * 3600 },
      }),
    );
    expect(result.value.groupTemplate.group_type).toBe(3);
    expect(result.value.groupTemplate.free_punch_cfg).toEqual({
      free_start_time: '4:00',
      // Not "27:59": free_end_time is a time of the day (see the free_end_time table below).
      free_end_time: '23:59',
      punch_day: 111110, // "0111110": Monday off loses its leading zero as an int
      work_hours_demand: true,
      work_hours: 480,
    });
    expect(result.value.shifts).toEqual([]);
    expectValidBodies(result.value);
  });
});

describe('canonicalToFeishu: shift bodies', () => {
  it('writes times, window minutes, grace, CREATE-side no_need flags and the break', () => {
    const withNoOff: Shift = {
      ...dayShift,
      sections: [
        section(9, 18, { noPunchOff: true, seriousLateSec: 2400, rest: { beginSec: 43_200, endSec: 46_800 } }),
      ],
    };
    const entry = plan(rule({ shifts: [withNoOff] })).value.shifts[0]!;
    if (entry.action !== 'create') throw new Error('expected create');
    expect(entry.shift.punch_time_rule).toEqual([
      {
        on_time: '9:00',
        off_time: '18:00',
        late_minutes_as_late: 10,
        late_minutes_as_lack: 60,
        on_advance_minutes: 30,
        early_minutes_as_early: 5,
        early_minutes_as_lack: 45,
        off_delay_minutes: 120,
        late_minutes_as_serious_late: 40,
        // CREATE meaning: true = NOT needed.
        no_need_on: false,
        no_need_off: true,
      },
    ]);
    expect(entry.shift.rest_time_rule).toEqual([{ rest_begin_time: '12:00', rest_end_time: '13:00' }]);
    expect(entry.shift.is_flexible).toBe(false);
  });

  it('no clock-in for the first period is refused (Feishu: "第一段打卡规则须为false")', () => {
    const result = canonicalToFeishu(
      rule({ shifts: [{ ...dayShift, sections: [section(9, 18, { noPunchOn: true })] }] }),
      options(),
    );
    expect(result.ok).toBe(false);
    expect(lossOn(result.losses, 'shifts[1].sections[0].noPunchOn')?.severity).toBe('blocking');
  });

  it('a window beyond Feishu limits (720 / 960 min) is cut with an approximated loss', () => {
    const wide = section(9, 18, {
      punchWindow: {
        earliestOnSec: 0,
        latestOnSec: 9 * 3600,
        earliestOffSec: 18 * 3600,
        latestOffSec: 18 * 3600 + 17 * 3600,
      },
    });
    const result = plan(rule({ shifts: [{ ...dayShift, sections: [wide] }] }));
    const entry = result.value.shifts[0]!;
    expect(entry.action === 'create' && entry.shift.punch_time_rule[0]).toMatchObject({
      on_advance_minutes: 540,
      off_delay_minutes: 960,
    });
    expect(lossOn(result.losses, 'shifts[1].sections[0].punchWindow.latestOffSec')?.severity).toBe('approximated');
    expectValidBodies(result.value);
  });

  it('a missing window gets a default that stays clear of the neighbouring period (info)', () => {
    const split: Shift = {
      ...dayShift,
      sections: [section(8, 12, { punchWindow: null }), section(13, 17, { punchWindow: null })],
    };
    const result = plan(rule({ shifts: [split] }));
    const entry = result.value.shifts[0]!;
    if (entry.action !== 'create') throw new Error('expected create');
    expect(entry.shift.punch_time_rule.map((r) => [r.on_advance_minutes, r.off_delay_minutes])).toEqual([
      [60, 30],
      [30, 60],
    ]);
    expect(lossOn(result.losses, 'shifts[1].sections[0].punchWindow')?.severity).toBe('info');
    expectValidBodies(result.value);
  });

  it('seconds that are not whole minutes are rounded with an approximated loss', () => {
    const result = plan(rule({ shifts: [{ ...dayShift, sections: [section(9, 18, { lateGraceSec: 90 })] }] }));
    expect(lossOn(result.losses, 'shifts[1].sections[0].lateGraceSec')?.severity).toBe('approximated');
  });

  it('flexible arrival and leave-late-arrive-late are written (the latter flagged as Enterprise-only)', () => {
    const result = plan(
      rule({
        shifts: [
          {
            ...dayShift,
            flexibleArrival: { maxEarlySec: 1800, maxLateSec: 3600 },
            lateOffLateOn: [{ offLateSec: 7200, onLateSec: 3600 }],
          },
        ],
      }),
    );
    const entry = result.value.shifts[0]!;
    if (entry.action !== 'create') throw new Error('expected create');
    expect(entry.shift).toMatchObject({
      is_flexible: true,
      flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 60 }],
      late_off_late_on_rule: [{ late_off_minutes: 120, late_on_minutes: 60 }],
    });
    expect(lossOn(result.losses, 'shifts[1].lateOffLateOn')?.severity).toBe('info');
  });
});

describe('canonicalToFeishu: shift names and reuse', () => {
  const nameOf = (p: FeishuGroupPlan, index = 0) => {
    const entry = p.shifts[index]!;
    return entry.action === 'create' ? entry.shift.shift_name : entry.shiftId;
  };

  it('names are deterministic, within the limit, prefixed, and differ between layouts', () => {
    const first = nameOf(plan(rule()).value);
    expect(nameOf(plan(rule()).value)).toBe(first);
    expect(first.startsWith('企微-9:00-18:00 ')).toBe(true);
    expect([...first].length).toBeLessThanOrEqual(FEISHU_SHIFT_NAME_MAX_LENGTH);
    // Same times, other grace: another layout, another name.
    const other = nameOf(
      plan(
        rule({
          shifts: [{ ...dayShift, sections: [section(9, 18, { lateGraceSec: 0, rest: dayShift.sections[0]!.rest })] }],
        }),
      ).value,
    );
    expect(other).not.toBe(first);
    expect(other.slice(0, -7)).toBe(first.slice(0, -7));
  });

  it('long prefixes and multi-period summaries are truncated but stay unique', () => {
    const a: Shift = { ...dayShift, key: 'a', sections: [section(8, 10), section(11, 13), section(14, 18)] };
    const b: Shift = { ...dayShift, key: 'b', sections: [section(8, 10), section(11, 13), section(14, 19)] };
    const result = plan(rule({ kind: 'shift_based', week: {}, shifts: [a, b] }), {
      shiftNamePrefix: '企业微信同步班次-非常长的前缀',
    });
    const names = [nameOf(result.value, 0), nameOf(result.value, 1)];
    for (const name of names) expect([...name].length).toBeLessThanOrEqual(FEISHU_SHIFT_NAME_MAX_LENGTH);
    expect(new Set(names).size).toBe(2);
  });

  it('two canonical shifts with the same layout share one Feishu shift', () => {
    const twin: Shift = { ...dayShift, key: '2', name: '白班' };
    const result = plan(
      rule({ week: { 1: '1', 2: '2', 3: null, 4: null, 5: null, 6: null, 7: null }, shifts: [dayShift, twin] }),
    );
    expect(result.value.shifts).toHaveLength(1);
    expect(result.value.shifts[0]!.sourceShiftKeys).toEqual(['1', '2']);
    const template = result.value.groupTemplate.punch_day_shift_ids;
    expect(template[0]).toBe(template[1]);
  });

  it('an identical existing shift (READ shape, flags flipped) is reused; a different one is not', () => {
    const created = plan(rule()).value.shifts[0]!;
    if (created.action !== 'create') throw new Error('expected create');
    const existing: FeishuShift = shiftAsRead({ ...created.shift, shift_name: '早班(手工)' }, '6919358778597097404');
    const reused = plan(rule(), { existingShifts: [existing] });
    expect(reused.value.shifts[0]).toMatchObject({ action: 'reuse', shiftId: '6919358778597097404' });
    expectValidBodies(reused.value);

    const changed = shiftAsRead(
      { ...created.shift, punch_time_rule: [{ ...created.shift.punch_time_rule[0]!, late_minutes_as_late: 0 }] },
      '6919358778597097405',
    );
    expect(plan(rule(), { existingShifts: [changed] }).value.shifts[0]!.action).toBe('create');
  });

  it('a different shift already holding the planned name gets a stable "~2" name instead', () => {
    const created = plan(rule()).value.shifts[0]!;
    if (created.action !== 'create') throw new Error('expected create');
    const squatter = shiftAsRead(
      { ...created.shift, punch_time_rule: [{ ...created.shift.punch_time_rule[0]!, on_advance_minutes: 0 }] },
      '6919358778597097406',
    );
    const result = plan(rule(), { existingShifts: [squatter] });
    const name = nameOf(result.value);
    expect(name).not.toBe(created.shift.shift_name);
    expect(name.endsWith('~2')).toBe(true);
    expect(nameOf(plan(rule(), { existingShifts: [squatter] }).value)).toBe(name);
  });

  it('bindFeishuShiftIds throws a clear error on a key with no id', () => {
    const result = plan(rule());
    expect(() => bindFeishuShiftIds(result.value.groupTemplate, new Map())).toThrow(
      /no Feishu shift id for shift key "shift-/,
    );
  });
});

describe('canonicalToFeishu: members, locations, special days, settings', () => {
  it('members go through the resolver; unmapped ones are dropped by name; excluded → bind_default_user_ids', () => {
    const result = plan(
      rule({ members: { userIds: ['zhangsan', 'wangwu'], departmentIds: ['2', '99'], excludedUserIds: ['lisi'] } }),
    );
    expect(result.value.groupTemplate).toMatchObject({
      bind_user_ids: ['fs-zhang'],
      bind_dept_ids: ['od-2'],
      bind_default_user_ids: ['fs-li'],
    });
    expect(lossOn(result.losses, 'members.userIds')).toMatchObject({ severity: 'dropped', sourceValue: ['wangwu'] });
    expect(lossOn(result.losses, 'members.departmentIds')).toMatchObject({ severity: 'dropped', sourceValue: ['99'] });
  });

  it('a group with nobody mapped is refused; feishu ids pass through unresolved', () => {
    const nobody = canonicalToFeishu(
      rule({ members: { userIds: ['ghost'], departmentIds: [], excludedUserIds: [] } }),
      options(),
    );
    expect(nobody.ok).toBe(false);
    expect(lossOn(nobody.losses, 'members')?.severity).toBe('blocking');
    const same = plan(
      rule({ idSpace: 'feishu', members: { userIds: ['ou1'], departmentIds: [], excludedUserIds: [] } }),
      { resolver: sameIdResolver() },
    );
    expect(same.value.groupTemplate.bind_user_ids).toEqual(['ou1']);
  });

  it('group_leader_ids are required', () => {
    const result = canonicalToFeishu(rule(), options({ groupLeaderIds: [] }));
    expect(result.ok).toBe(false);
    expect(lossOn(result.losses, 'group_leader_ids')?.severity).toBe('blocking');
  });

  it('GPS is written as 高德 (map_type 1, GCJ-02) with the largest radius as the group radius; Wi-Fi as-is', () => {
    const result = plan(
      rule({
        gpsLocations: [
          { name: 'A', address: 'a', latitude: 30.2876, longitude: 120.0498, radiusMeters: 200 },
          { name: 'B', address: 'b', latitude: 31.2, longitude: 121.4, radiusMeters: 500 },
        ],
        wifiLocations: [{ ssid: 'Office', bssid: 'a4:b1:c2:00:1e:ff' }],
      }),
    );
    const template = result.value.groupTemplate;
    expect(template.locations?.[0]).toEqual({
      location_name: 'A',
      location_type: 1,
      latitude: 30.2876,
      longitude: 120.0498,
      map_type: 1,
      address: 'a',
      gps_range: 200,
    });
    expect(template.locations?.[2]).toEqual({
      location_name: 'Office',
      location_type: 2,
      ssid: 'Office',
      bssid: 'a4:b1:c2:00:1e:ff',
    });
    expect(template).toMatchObject({ gps_range: 500, punch_type: 3 });
    expect(lossOn(result.losses, 'gpsLocations.radiusMeters')?.severity).toBe('approximated');
    expectValidBodies(result.value);
  });

  it('special days: dates → yyyyMMdd, workdays point at the planned shift, inline times become a shift, notes dropped', () => {
    const result = plan(
      rule({
        specialWorkdays: [
          { date: '2026-02-14', shiftKey: '1', sections: [], note: '' },
          { date: '2026-02-15', shiftKey: null, sections: [section(10, 16)], note: '调休上班' },
        ],
        specialOffdays: [{ date: '2026-01-01', note: '元旦' }],
      }),
    );
    const template = result.value.groupTemplate;
    expect(result.value.shifts).toHaveLength(2);
    expect(template.need_punch_special_days?.map((day) => day.punch_day)).toEqual([20260214, 20260215]);
    expect(template.no_need_punch_special_days).toEqual([{ punch_day: 20260101, shift_id: '0' }]);
    expect(lossOn(result.losses, 'specialWorkdays[1].note')?.severity).toBe('dropped');
    expectValidBodies(result.value);
  });

  it('calendar, remedy, face, photo, out-of-range, overtime', () => {
    const result = plan(
      rule({
        followsHolidayCalendar: false,
        remedy: {
          allowed: true,
          monthlyLimit: 5,
          daysLimit: null,
          forMissing: true,
          forLate: false,
          forEarly: true,
          forOther: false,
          forNormal: false,
        },
        faceRecognition: true,
        faceLiveness: 'action',
        photoRequired: true,
        outOfRange: 'exception',
        overtime: { workday: true, restDay: true, holiday: true },
      }),
    );
    expect(result.value.groupTemplate).toMatchObject({
      calendar_id: 0,
      allow_remedy: true,
      remedy_limit: true,
      remedy_limit_count: 5,
      remedy_date_limit: false,
      allow_remedy_type_lack: true,
      allow_remedy_type_late: false,
      allow_remedy_type_early: true,
      allow_remedy_type_normal: false,
      face_punch: true,
      face_punch_cfg: 1,
      face_live_need_action: true,
      clockIn_need_photo: true,
      allow_out_punch: true,
      out_punch_need_approval: true,
      show_over_time: true,
    });
    expect(lossOn(result.losses, 'outOfRange')?.severity).toBe('approximated');
    expect(plan(rule({ outOfRange: 'field_punch' })).value.groupTemplate.allow_out_punch).toBe(true);
    expect(plan(rule()).value.groupTemplate).toMatchObject({
      calendar_id: 1,
      allow_out_punch: false,
      allow_remedy: false,
    });
  });

  it('an update carries the group_id', () => {
    expect(plan(rule(), { groupId: '6919358128597097404' }).value.groupTemplate.group_id).toBe('6919358128597097404');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Writings that were wrong or missing (each table was written before its fix and failed against the old mapper).

describe('canonicalToFeishu: liveness', () => {
  it.each([
    // faceRecognition, faceLiveness → face_punch, face_punch_cfg, face_live_need_action (absent = left out)
    [true, 'silent', true, 1, false],
    [true, 'action', true, 1, true],
    [true, 'none', true, 1, undefined],
    [false, 'none', false, undefined, undefined],
  ] as const)(
    'face %s, liveness %s → face_punch %s, cfg %s, face_live_need_action %s',
    (face, liveness, punch, cfg, action) => {
      const result = plan(rule({ faceRecognition: face, faceLiveness: liveness }));
      const template = result.value.groupTemplate;
      expect(template.face_punch).toBe(punch);
      expect(template.face_punch_cfg).toBe(cfg);
      expect(template.face_live_need_action).toBe(action);
      expect('face_live_need_action' in template).toBe(action !== undefined);
      expectValidBodies(result.value);
    },
  );

  it("'none' with face recognition asks the caller to clear a liveness check the group already holds", () => {
    expect(plan(rule({ faceRecognition: true, faceLiveness: 'none' })).value.unsetFields).toEqual([
      'face_live_need_action',
    ]);
    expect(plan(rule({ faceRecognition: true, faceLiveness: 'silent' })).value.unsetFields).toEqual([]);
  });

  it('a liveness check without face recognition cannot be set (dropped)', () => {
    const result = plan(rule({ faceRecognition: false, faceLiveness: 'silent' }));
    expect(lossOn(result.losses, 'faceLiveness')?.severity).toBe('dropped');
    expect('face_live_need_action' in result.value.groupTemplate).toBe(false);
  });
});

describe('canonicalToFeishu: punch_type from the places written', () => {
  const gps = { name: 'A', address: 'a', latitude: 30.2876, longitude: 120.0498, radiusMeters: 300 };
  const wifi = { ssid: 'Office', bssid: 'a4:b1:c2:00:1e:ff' };
  it.each([
    ['GPS only', 1, [gps], []],
    ['Wi-Fi only', 2, [], [wifi]],
    ['both', 3, [gps], [wifi]],
    ['neither', undefined, [], []],
  ] as const)('%s → punch_type %s', (_, punchType, gpsLocations, wifiLocations) => {
    const result = plan(rule({ gpsLocations, wifiLocations }));
    expect(result.value.groupTemplate.punch_type).toBe(punchType);
    expectValidBodies(result.value);
  });

  it('a GPS place without usable coordinates does not switch GPS punching on', () => {
    const result = plan(rule({ gpsLocations: [{ ...gps, latitude: 91 }], wifiLocations: [wifi] }));
    expect(result.value.groupTemplate.punch_type).toBe(2);
  });
});

describe('canonicalToFeishu: overtime (Feishu keeps it in 加班规则, outside the group)', () => {
  it.each([
    [{ workday: null, restDay: null, holiday: null }, undefined, []],
    [{ workday: true, restDay: false, holiday: null }, true, ['allowed on workdays', 'refused on rest days']],
    [{ workday: false, restDay: false, holiday: false }, false, ['refused on workdays, rest days and holidays']],
    [{ workday: true, restDay: true, holiday: true }, true, ['allowed on workdays, rest days and holidays']],
    [{ workday: null, restDay: null, holiday: true }, true, ['allowed on holidays']],
  ] as const)('%o → show_over_time %s', (overtime, show, fragments) => {
    const result = plan(rule({ overtime }));
    expect(result.value.groupTemplate.show_over_time).toBe(show);
    const loss = lossOn(result.losses, 'overtime');
    if (fragments.length === 0) expect(loss).toBeUndefined();
    else {
      expect(loss?.severity).toBe('dropped');
      for (const fragment of fragments) expect(loss?.message).toContain(fragment);
      expect(loss?.message).toContain('加班规则');
    }
  });
});

describe('canonicalToFeishu: remedy types', () => {
  const remedy = {
    allowed: true,
    monthlyLimit: null,
    daysLimit: null,
    forMissing: true,
    forLate: false,
    forEarly: false,
  } as const;
  it.each([
    [false, false, false, undefined],
    [true, false, true, undefined],
    [false, true, false, 'dropped'],
    [true, true, true, 'dropped'],
  ] as const)(
    'forNormal %s, forOther %s → allow_remedy_type_normal %s, loss %s',
    (forNormal, forOther, normal, loss) => {
      const result = plan(rule({ remedy: { ...remedy, forNormal, forOther } }));
      expect(result.value.groupTemplate.allow_remedy_type_normal).toBe(normal);
      expect(lossOn(result.losses, 'remedy.forOther')?.severity).toBe(loss);
    },
  );

  it('a disabled remedy reports nothing about its types', () => {
    const result = plan(rule({ remedy: { ...remedy, allowed: false, forNormal: true, forOther: true } }));
    expect(lossOn(result.losses, 'remedy.forOther')).toBeUndefined();
  });
});

describe('canonicalToFeishu: punch reminders and rest-day punching', () => {
  it.each([
    [null, undefined],
    [{ beforeOnSec: 600, afterOffSec: 0 }, 'dropped'],
  ] as const)('punchReminder %o → loss %s', (punchReminder, severity) => {
    const result = plan(rule({ punchReminder }));
    expect(lossOn(result.losses, 'punchReminder')?.severity).toBe(severity);
  });

  it.each([
    ['approval', true, undefined],
    ['allowed', false, undefined],
    ['forbidden', true, 'approximated'],
    [null, undefined, undefined],
  ] as const)('restDayPunch %s → rest_clockIn_need_approval %s, loss %s', (restDayPunch, approval, severity) => {
    const result = plan(rule({ restDayPunch }));
    expect(result.value.groupTemplate.rest_clockIn_need_approval).toBe(approval);
    expect('rest_clockIn_need_approval' in result.value.groupTemplate).toBe(approval !== undefined);
    expect(lossOn(result.losses, 'restDayPunch')?.severity).toBe(severity);
  });
});

describe('canonicalToFeishu: effect_now', () => {
  it.each([
    [undefined, false],
    [false, false],
    [true, true],
  ] as const)('effectiveNow %s → effect_now %s', (effectiveNow, effectNow) => {
    const result = plan(rule(), effectiveNow === undefined ? {} : { effectiveNow });
    expect(result.value.groupTemplate.effect_now).toBe(effectNow);
    expectValidBodies(result.value);
  });
});

describe('canonicalToFeishu: free_end_time stays a time of the day ("格式为x点x分")', () => {
  const free = (dayStartSec: number) =>
    plan(rule({ kind: 'free', shifts: [], week: {}, free: { workdays: [1, 2], requiredWorkSec: null, dayStartSec } }));
  it.each([
    [0, '0:00', '23:59', undefined],
    [4 * 3600, '4:00', '23:59', 'approximated'],
    [23 * 3600 + 58 * 60, '23:58', '23:59', 'approximated'],
    [23 * 3600 + 59 * 60, '0:00', '23:59', 'approximated'],
  ] as const)('day start %i s → %s–%s, loss %s', (dayStartSec, start, end, severity) => {
    const result = free(dayStartSec);
    expect(result.value.groupTemplate.free_punch_cfg).toMatchObject({ free_start_time: start, free_end_time: end });
    expect(lossOn(result.losses, 'free.dayStartSec')?.severity).toBe(severity);
    expectValidBodies(result.value);
  });
});
