import type { CanonicalRule, GpsLocation } from '../canonical/canonical-rule.js';
import { sameIdResolver, tableIdResolver } from '../canonical/id-resolver.js';
import type { Loss } from '../canonical/loss.js';
import { officeRule } from '../../test/canonical-rule.fixtures.js';
import { GCJ02_REFERENCE_POINTS } from '../../test/gcj02-reference-points.js';
import { canonicalToFeishu, type CanonicalToFeishuOptions } from './canonical-to-feishu.mapper.js';

// The group-level settings of canonical → Feishu (members, 补卡, face, 外勤, overtime, rest-day punching,
// reminders, places and the free rule), checked as exact group body fields and exact loss entries. Field names
// and ranges are those of feishu-create-update-group.md; the mapping rows are DESIGN.md's.

/**
 * The office fixture with every setting that reports a loss switched to a value Feishu holds exactly, so that
 * each example's losses are the ones it is about. Members are already in Feishu's id space.
 */
function quietRule(extra: Partial<CanonicalRule> = {}): CanonicalRule {
  return officeRule({
    idSpace: 'feishu',
    members: { userIds: ['ou_alice'], departmentIds: [], excludedUserIds: [] },
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
    outOfRange: 'forbidden',
    overtime: { workday: null, restDay: null, holiday: null },
    ...extra,
  });
}

const baseOptions: CanonicalToFeishuOptions = {
  resolver: sameIdResolver(),
  groupLeaderIds: ['ou_leader'],
  existingShifts: [],
};

function translate(rule: CanonicalRule, options: CanonicalToFeishuOptions = baseOptions) {
  return canonicalToFeishu(rule, options);
}

function planOf(rule: CanonicalRule) {
  const result = translate(rule);
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

/** Every loss on a field (all of them, so that a duplicate or a missing one shows). */
function lossesOn(losses: readonly Loss[], field: string): Loss[] {
  return losses.filter((loss) => loss.field === field);
}

describe('canonicalToFeishu group settings: members', () => {
  it('nobody mapped → one blocking loss on "members" and no plan', () => {
    // WeCom ids that the (empty) table cannot resolve: resolveMembers drops them, and the group would be empty.
    const result = translate(
      quietRule({ idSpace: 'wecom', members: { userIds: ['ghost'], departmentIds: [], excludedUserIds: [] } }),
      { ...baseOptions, resolver: tableIdResolver(new Map(), new Map()) },
    );
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, 'members')).toEqual([
      {
        field: 'members',
        severity: 'blocking',
        message: 'Nobody would be in the Feishu group (no person or department could be mapped); it is not written.',
      },
    ]);
  });

  it('a department alone, or a person alone, is enough; excluded users → bind_default_user_ids', () => {
    const departmentOnly = planOf(
      quietRule({ members: { userIds: [], departmentIds: ['od_2'], excludedUserIds: ['ou_bob'] } }),
    );
    expect(departmentOnly.value.groupTemplate).toMatchObject({
      bind_user_ids: [],
      bind_dept_ids: ['od_2'],
      bind_default_user_ids: ['ou_bob'],
    });
    expect(lossesOn(departmentOnly.losses, 'members')).toEqual([]);
    const personOnly = planOf(quietRule());
    expect(personOnly.value.groupTemplate).toMatchObject({ bind_user_ids: ['ou_alice'], bind_dept_ids: [] });
  });
});

describe('canonicalToFeishu group settings: make-up punches (补卡)', () => {
  const allowedRemedy = {
    allowed: true,
    monthlyLimit: null,
    daysLimit: null,
    forMissing: true,
    forLate: true,
    forEarly: false,
    forOther: false,
    forNormal: true,
  } as const;

  it('no monthly or day limit → remedy_limit and remedy_date_limit false, no counts written', () => {
    const template = planOf(quietRule({ remedy: allowedRemedy })).value.groupTemplate;
    expect(template).toMatchObject({
      allow_remedy: true,
      remedy_limit: false,
      remedy_date_limit: false,
      allow_remedy_type_lack: true,
      allow_remedy_type_late: true,
      allow_remedy_type_early: false,
      allow_remedy_type_normal: true,
    });
    expect(template.remedy_limit_count).toBeUndefined();
    expect(template.remedy_period_type).toBeUndefined();
    expect(template.remedy_date_num).toBeUndefined();
  });

  it('limits → remedy_limit_count per month (remedy_period_type 1) and remedy_date_num', () => {
    const template = planOf(quietRule({ remedy: { ...allowedRemedy, monthlyLimit: 3, daysLimit: 7 } })).value
      .groupTemplate;
    expect(template).toMatchObject({
      remedy_limit: true,
      remedy_limit_count: 3,
      remedy_period_type: 1,
      remedy_date_limit: true,
      remedy_date_num: 7,
    });
  });

  it('make-up punches for "other" exceptions are dropped with the exact loss', () => {
    const result = planOf(quietRule({ remedy: { ...allowedRemedy, forOther: true } }));
    expect(lossesOn(result.losses, 'remedy.forOther')).toEqual([
      {
        field: 'remedy.forOther',
        severity: 'dropped',
        message:
          'Employees may apply for make-up punches for other exceptions in WeCom; Feishu has no such type (only missing, ' +
          'late, early and normal punches), so that is not carried.',
        sourceValue: true,
      },
    ]);
  });
});

describe('canonicalToFeishu group settings: face, out-of-range and rest-day punching', () => {
  it('a liveness check without face recognition: face_punch false and the exact dropped loss', () => {
    const result = planOf(quietRule({ faceRecognition: false, faceLiveness: 'action' }));
    expect(result.value.groupTemplate.face_punch).toBe(false);
    expect(lossesOn(result.losses, 'faceLiveness')).toEqual([
      {
        field: 'faceLiveness',
        severity: 'dropped',
        message: 'A liveness check without face recognition cannot be set in Feishu; left out.',
      },
    ]);
  });

  it("out-of-range 'exception' → 外勤 with approval (out_punch_need_approval), an exact approximated loss", () => {
    const result = planOf(quietRule({ outOfRange: 'exception' }));
    expect(result.value.groupTemplate).toMatchObject({ allow_out_punch: true, out_punch_need_approval: true });
    expect(lossesOn(result.losses, 'outOfRange')).toEqual([
      {
        field: 'outOfRange',
        severity: 'approximated',
        message:
          'Feishu cannot accept an out-of-range punch as a mere exception; it is allowed as a field punch (外勤) that needs approval.',
        sourceValue: 'exception',
        targetValue: 'field_punch',
      },
    ]);
  });

  it("rest-day punching 'forbidden' → rest_clockIn_need_approval true, an exact approximated loss", () => {
    const result = planOf(quietRule({ restDayPunch: 'forbidden' }));
    expect(result.value.groupTemplate.rest_clockIn_need_approval).toBe(true);
    expect(lossesOn(result.losses, 'restDayPunch')).toEqual([
      {
        field: 'restDayPunch',
        severity: 'approximated',
        message:
          'Feishu cannot forbid punching on rest days; such punches need an approval instead (休息日打卡需审批), the ' +
          'closest Feishu has.',
        sourceValue: 'forbidden',
        targetValue: 'approval',
      },
    ]);
  });
});

describe('canonicalToFeishu group settings: overtime (only show_over_time fits in the group)', () => {
  const tail = "Set that in Feishu's overtime rules (加班规则); the group only shows overtime hours ";
  it.each([
    [
      'refused everywhere',
      { workday: false, restDay: false, holiday: false },
      false,
      "Feishu's attendance group cannot say whether overtime is allowed; this rule has overtime refused on " +
        `workdays, rest days and holidays. ${tail}(show_over_time off).`,
    ],
    [
      'allowed everywhere',
      { workday: true, restDay: true, holiday: true },
      true,
      "Feishu's attendance group cannot say whether overtime is allowed; this rule has overtime allowed on " +
        `workdays, rest days and holidays. ${tail}(show_over_time on).`,
    ],
    [
      'allowed on one kind, refused on another, silent on the third',
      { workday: null, restDay: true, holiday: false },
      true,
      "Feishu's attendance group cannot say whether overtime is allowed; this rule has overtime allowed on " +
        `rest days and refused on holidays. ${tail}(show_over_time on).`,
    ],
    [
      'refused on two kinds only',
      { workday: false, restDay: null, holiday: false },
      false,
      "Feishu's attendance group cannot say whether overtime is allowed; this rule has overtime refused on " +
        `workdays and holidays. ${tail}(show_over_time off).`,
    ],
  ] as const)('%s: %o → show_over_time %s and the exact loss', (_, overtime, show, message) => {
    const result = planOf(quietRule({ overtime }));
    expect(result.value.groupTemplate.show_over_time).toBe(show);
    expect(lossesOn(result.losses, 'overtime')).toEqual([
      { field: 'overtime', severity: 'dropped', message, sourceValue: overtime },
    ]);
  });
});

describe('canonicalToFeishu group settings: punch reminder (Feishu has none)', () => {
  it('names both leads in minutes, rounded, with the reminder as the source value', () => {
    // 600 s = 10 min; 5430 s = 90.5 min, which rounds to 91.
    const result = planOf(quietRule({ punchReminder: { beforeOnSec: 600, afterOffSec: 5430 } }));
    expect(lossesOn(result.losses, 'punchReminder')).toEqual([
      {
        field: 'punchReminder',
        severity: 'dropped',
        message:
          "Feishu's attendance groups have no punch reminder; the reminder 10 min before work and 91 min after work " +
          'is not carried.',
        sourceValue: { beforeOnSec: 600, afterOffSec: 5430 },
      },
    ]);
  });
});

describe('canonicalToFeishu group settings: places', () => {
  const [shanghai, shenzhen] = GCJ02_REFERENCE_POINTS;
  const gps = (extra: Partial<GpsLocation>): GpsLocation => ({
    name: 'HQ',
    address: 'Pudong',
    latitude: 31.17530398364597,
    longitude: 121.531541859215,
    radiusMeters: 300,
    ...extra,
  });

  it('GCJ-02 coordinates are written unchanged as 高德 (map_type 1): the published reference points', () => {
    // Canonical coordinates already are GCJ-02 (canonical-rule.ts), and 高德 is GCJ-02, so nothing converts:
    // the GCJ-02 side of the eviltransform table comes out as it went in.
    const result = planOf(
      quietRule({
        wifiLocations: [],
        gpsLocations: [
          {
            name: 'Shanghai',
            address: 'a',
            latitude: shanghai!.gcj02.latitude,
            longitude: shanghai!.gcj02.longitude,
            radiusMeters: 150.4,
          },
          {
            name: 'Shenzhen',
            address: 'b',
            latitude: shenzhen!.gcj02.latitude,
            longitude: shenzhen!.gcj02.longitude,
            radiusMeters: 150,
          },
        ],
      }),
    );
    expect(result.value.groupTemplate.locations).toEqual([
      {
        location_name: 'Shanghai',
        location_type: 1,
        latitude: 31.17530398364597,
        longitude: 121.531541859215,
        map_type: 1,
        address: 'a',
        gps_range: 150,
      },
      {
        location_name: 'Shenzhen',
        location_type: 1,
        latitude: 22.540796131694766,
        longitude: 113.9171764808363,
        map_type: 1,
        address: 'b',
        gps_range: 150,
      },
    ]);
    // Two radii that differ (150.4 and 150) but round to one: the group radius is 150, reported as approximated.
    expect(result.value.groupTemplate).toMatchObject({ gps_range: 150, punch_type: 1 });
    expect(lossesOn(result.losses, 'gpsLocations.radiusMeters')).toEqual([
      {
        field: 'gpsLocations.radiusMeters',
        severity: 'approximated',
        message:
          "Feishu has one punch radius per group; the locations' radii (150, 150.4 m) become 150 m, the largest.",
        sourceValue: ['150', '150.4'],
        targetValue: 150,
      },
    ]);
  });

  it('a place with neither name nor address is named by its coordinates; Wi-Fi without SSID by its BSSID', () => {
    const result = planOf(
      quietRule({
        gpsLocations: [gps({ name: '', address: '' })],
        wifiLocations: [{ ssid: '', bssid: 'a4:b1:c2:00:1e:ff' }],
      }),
    );
    expect(result.value.groupTemplate.locations?.map((location) => location.location_name)).toEqual([
      '31.17530398364597,121.531541859215',
      'a4:b1:c2:00:1e:ff',
    ]);
    expect(result.value.groupTemplate.punch_type).toBe(3);
    expect(planOf(quietRule({ gpsLocations: [gps({ name: '' })] })).value.groupTemplate.locations?.[0]).toMatchObject({
      location_name: 'Pudong',
    });
  });

  it('latitude ±90 and longitude ±180 are the edges of the globe, and are kept', () => {
    const result = planOf(
      quietRule({
        wifiLocations: [],
        gpsLocations: [
          gps({ name: 'north', latitude: 90, longitude: 180 }),
          gps({ name: 'south', latitude: -90, longitude: -180 }),
        ],
      }),
    );
    expect(result.value.groupTemplate.locations?.map((l) => [l.location_name, l.latitude, l.longitude])).toEqual([
      ['north', 90, 180],
      ['south', -90, -180],
    ]);
    expect(result.losses.filter((loss) => loss.field.startsWith('gpsLocations'))).toEqual([]);
  });

  it.each([
    ['latitude NaN', { latitude: Number.NaN }],
    ['longitude NaN', { longitude: Number.NaN }],
    ['latitude Infinity', { latitude: Number.POSITIVE_INFINITY }],
    ['latitude just past the pole', { latitude: 90.000001 }],
    ['latitude just past the south pole', { latitude: -90.5 }],
    ['longitude just past 180', { longitude: 180.000001 }],
    ['longitude just past -180', { longitude: -181 }],
  ] as const)('%s → the place is left out with an exact dropped loss', (_, coordinates) => {
    const result = planOf(
      quietRule({ wifiLocations: [], gpsLocations: [gps({ name: 'good' }), gps({ name: 'bad', ...coordinates })] }),
    );
    expect(result.value.groupTemplate.locations?.map((location) => location.location_name)).toEqual(['good']);
    expect(lossesOn(result.losses, 'gpsLocations[1]')).toEqual([
      {
        field: 'gpsLocations[1]',
        severity: 'dropped',
        message: 'GPS location "bad" has no usable coordinates; left out.',
      },
    ]);
  });
});

describe('canonicalToFeishu group settings: free rule (free_punch_cfg) at its limits', () => {
  type FreeRule = NonNullable<CanonicalRule['free']>;
  const freeRule = (free: FreeRule | null) => quietRule({ kind: 'free', shifts: [], week: {}, free });
  const freeCfg = (free: FreeRule | null) => {
    const result = planOf(freeRule(free));
    return { cfg: result.value.groupTemplate.free_punch_cfg, losses: result.losses };
  };

  it('a free rule without its settings: no workdays, 0:00–23:59, no hours demanded, the exact loss', () => {
    const { cfg, losses } = freeCfg(null);
    expect(cfg).toEqual({
      free_start_time: '0:00',
      free_end_time: '23:59',
      punch_day: 0,
      work_hours_demand: false,
    });
    expect(lossesOn(losses, 'free')).toEqual([
      {
        field: 'free',
        severity: 'approximated',
        message: 'A free rule without its settings: no workdays, day starting at 0:00.',
      },
    ]);
  });

  it('no required work time → work_hours_demand false and no work_hours', () => {
    const { cfg, losses } = freeCfg({ workdays: [1, 2, 3, 4, 5], requiredWorkSec: null, dayStartSec: 0 });
    // punch_day: 7 digits Monday→Sunday ("1111100" in the doc's example).
    expect(cfg).toEqual({
      free_start_time: '0:00',
      free_end_time: '23:59',
      punch_day: 1111100,
      work_hours_demand: false,
    });
    expect(losses).toEqual([]);
  });

  it.each([
    // requiredWorkSec → work_hours (minutes, doc range [0,1440])
    [0, 0],
    [8 * 3600, 480],
    [24 * 3600, 1440],
  ])('%i s of required work → work_hours %i with no loss', (requiredWorkSec, workHours) => {
    const { cfg, losses } = freeCfg({ workdays: [7], requiredWorkSec, dayStartSec: 0 });
    expect(cfg).toEqual({
      free_start_time: '0:00',
      free_end_time: '23:59',
      punch_day: 1,
      work_hours_demand: true,
      work_hours: workHours,
    });
    expect(losses).toEqual([]);
  });

  it.each([
    // requiredWorkSec, work_hours written: past 1440 min it is cut, below 0 raised, part-minutes rounded.
    [24 * 3600 + 60, 1440],
    [-60, 0],
    [8 * 3600 + 10, 480],
  ])('%i s of required work → work_hours %i with an exact approximated loss', (requiredWorkSec, workHours) => {
    const { cfg, losses } = freeCfg({ workdays: [1], requiredWorkSec, dayStartSec: 0 });
    expect(cfg).toMatchObject({ work_hours_demand: true, work_hours: workHours, punch_day: 1000000 });
    expect(losses).toEqual([
      {
        field: 'free.requiredWorkSec',
        severity: 'approximated',
        message: `Feishu takes 0–1440 whole minutes; ${workHours} min is used.`,
        sourceValue: requiredWorkSec,
        targetValue: workHours * 60,
      },
    ]);
  });

  it('a day starting at 24:00 cannot start there: 0:00 is used, one exact loss', () => {
    const { cfg, losses } = freeCfg({ workdays: [1], requiredWorkSec: null, dayStartSec: 24 * 3600 });
    expect(cfg).toMatchObject({ free_start_time: '0:00', free_end_time: '23:59' });
    expect(losses).toEqual([
      {
        field: 'free.dayStartSec',
        severity: 'approximated',
        message: 'The day cannot start at 24:00; 0:00 is used.',
        sourceValue: 86400,
        targetValue: 0,
      },
    ]);
  });

  it('a day starting before 0:00 cannot start there either', () => {
    const { cfg, losses } = freeCfg({ workdays: [1], requiredWorkSec: null, dayStartSec: -60 });
    expect(cfg).toMatchObject({ free_start_time: '0:00' });
    expect(losses).toEqual([
      {
        field: 'free.dayStartSec',
        severity: 'approximated',
        message: 'The day cannot start at -0:01; 0:00 is used.',
        sourceValue: -60,
        targetValue: 0,
      },
    ]);
  });

  it('a day start of 9:00:20 is rounded to 9:00 and, starting after 0:00, the window ends at 23:59', () => {
    const dayStartSec = 9 * 3600 + 20;
    const { cfg, losses } = freeCfg({ workdays: [1], requiredWorkSec: null, dayStartSec });
    expect(cfg).toMatchObject({ free_start_time: '9:00', free_end_time: '23:59' });
    expect(losses).toEqual([
      {
        field: 'free.dayStartSec',
        severity: 'approximated',
        message: 'Feishu counts whole minutes; the day start is rounded.',
        sourceValue: dayStartSec,
        targetValue: 9 * 3600,
      },
      {
        field: 'free.dayStartSec',
        severity: 'approximated',
        message:
          "The attendance day starts at 9:00 and runs 24 hours; Feishu's punching window ends at a time of the same " +
          'day, so punches are accepted from 9:00 to 23:59 and punches after midnight until 8:59 fall outside it.',
        sourceValue: dayStartSec,
      },
    ]);
  });

  it('a day starting at 23:59 leaves no window after it: written as 0:00–23:59, one exact loss', () => {
    const dayStartSec = 23 * 3600 + 59 * 60;
    const { cfg, losses } = freeCfg({ workdays: [1], requiredWorkSec: null, dayStartSec });
    expect(cfg).toMatchObject({ free_start_time: '0:00', free_end_time: '23:59' });
    expect(losses).toEqual([
      {
        field: 'free.dayStartSec',
        severity: 'approximated',
        message:
          "Feishu's punching window must end after it starts within one day (free_end_time is a time of day); a day " +
          'starting at 23:59 is written as 0:00–23:59.',
        sourceValue: dayStartSec,
        targetValue: 0,
      },
    ]);
  });
});
