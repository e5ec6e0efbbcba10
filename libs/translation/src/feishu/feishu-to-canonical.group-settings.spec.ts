import type { FeishuGroup, FeishuShift } from '@app/feishu/model';
import type { Loss } from '../canonical/loss.js';
import { GCJ02_REFERENCE_POINTS } from '../../test/gcj02-reference-points.js';
import {
  feishuReadToCanonical,
  feishuToCanonical,
  type FeishuToCanonicalOptions,
} from './feishu-to-canonical.mapper.js';
import { feishuReadGroup, feishuReadShift } from '../../test/feishu-read.fixtures.js';

// Feishu → canonical, the group-level settings: the free rule, places and punch methods, holiday calendar,
// 补卡, face, 外勤, overtime, rest-day punching and the Feishu-only settings. Each example checks the carried
// value and every loss on its field exactly (field, severity, message, values). Field meanings are those of
// feishu-create-update-group.md (request and response tables); the mapping rows are DESIGN.md's. Every group
// here is in the READ shape (GET /groups/:id data: group_type 0 fixed, 2 排班, 3 free).

const REST_SHIFT_ID = '6919358778597097405';

const readShift = (overrides: Record<string, unknown> = {}) =>
  feishuReadShift({
    is_flexible: false,
    punch_time_rule: [{ on_time: '9:00', off_time: '18:00', no_need_on: true, no_need_off: true }],
    ...overrides,
  });

/** A fixed group (Monday–Friday on one shift) that sets nothing else, so its only loss is the overtime note. */
const readGroup = (overrides: Record<string, unknown> = {}) =>
  feishuReadGroup({ bind_user_ids: ['ou_alice'], calendar_id: 1, ...overrides });

/** A free group (group_type 3, no shifts) with the given free_punch_cfg. */
function freeGroup(cfg: Record<string, unknown> | undefined, overrides: Record<string, unknown> = {}) {
  return readGroup({ group_type: 3, punch_day_shift_ids: [], free_punch_cfg: cfg, ...overrides });
}

function map(group: unknown, shifts: unknown[] = [readShift()], options: FeishuToCanonicalOptions = {}) {
  return feishuToCanonical({ group, shifts }, options);
}

function ok(group: unknown, shifts?: unknown[], options?: FeishuToCanonicalOptions) {
  const result = map(group, shifts, options);
  if (!result.ok) throw new Error(`expected a rule, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

/**
 * The read path without the schemas (feishuReadToCanonical): values the schemas would refuse (NaN, null, a
 * calendar id above 5) reach the mapper only this way, and it must still not throw.
 */
function okRead(group: Record<string, unknown>, shifts: Record<string, unknown>[] = [readShift()]) {
  const result = feishuReadToCanonical({
    group: group as unknown as FeishuGroup,
    shifts: shifts as unknown as FeishuShift[],
  });
  if (!result.ok) throw new Error(`expected a rule, got ${JSON.stringify(result.losses, null, 1)}`);
  return result;
}

/** Every loss on a field (all of them, so that a duplicate or a missing one shows). */
function lossesOn(losses: readonly Loss[], field: string): Loss[] {
  return losses.filter((loss) => loss.field === field);
}

/** The losses other than the overtime note every rule gets (mapOvertime always reports one). */
function settingLosses(losses: readonly Loss[]): Loss[] {
  return losses.filter((loss) => loss.field !== 'overtime');
}

const NO_OVERTIME_KNOWN =
  "Feishu's overtime rules (加班规则) are outside the attendance-group API, so whether overtime is allowed on " +
  'workdays, rest days and holidays is not known here; WeCom keeps its own setting for them.';

describe('feishuToCanonical group settings: the quiet group', () => {
  it('a group that sets nothing else reports only the overtime note, and carries the defaults', () => {
    const result = ok(readGroup());
    expect(result.losses).toEqual([{ field: 'overtime', severity: 'info', message: NO_OVERTIME_KNOWN }]);
    expect(result.value).toMatchObject({
      free: null,
      gpsLocations: [],
      wifiLocations: [],
      followsHolidayCalendar: true,
      faceRecognition: false,
      faceLiveness: 'none',
      photoRequired: false,
      outOfRange: 'forbidden',
      overtime: { workday: null, restDay: null, holiday: null },
      punchReminder: null,
      restDayPunch: 'allowed',
    });
  });

  it('the read path without schemas answers the same for the quiet group', () => {
    expect(okRead(readGroup())).toEqual(ok(readGroup()));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Free groups (free_punch_cfg: free_start_time, free_end_time, punch_day, work_hours_demand, work_hours)

describe('feishuToCanonical group settings: free groups', () => {
  const FREE_MISSING =
    'A free group (group_type 3) without a free-punch configuration (free_start_time, punch_day) cannot be carried.';

  it('no free_punch_cfg → refused, one blocking loss without a value', () => {
    const result = map(freeGroup(undefined), []);
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, 'free_punch_cfg')).toEqual([
      { field: 'free_punch_cfg', severity: 'blocking', message: FREE_MISSING },
    ]);
  });

  it('a blank free_start_time (the read shape of an unset configuration) → refused, naming the blank value', () => {
    const result = map(freeGroup({ free_start_time: '', free_end_time: '', punch_day: 1111100 }), []);
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, 'free_punch_cfg')).toEqual([
      { field: 'free_punch_cfg', severity: 'blocking', message: FREE_MISSING, sourceValue: '' },
    ]);
  });

  it('a fixed group carrying a blank free_punch_cfg has free null and no free losses', () => {
    const result = ok(readGroup({ free_punch_cfg: { free_start_time: '', free_end_time: '', punch_day: 0 } }));
    expect(result.value.free).toBeNull();
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it.each([
    // punch_day is a 7-digit Monday→Sunday int, so leading zeros (days off from Monday) are lost (REFERENCE A6).
    [1111100, [1, 2, 3, 4, 5]],
    [1111111, [1, 2, 3, 4, 5, 6, 7]],
    [111110, [2, 3, 4, 5, 6]],
    [1, [7]],
    [1000001, [1, 7]],
    [0, []],
  ])('punch_day %i → workdays %j', (punchDay, workdays) => {
    const result = ok(freeGroup({ free_start_time: '0:00', free_end_time: '23:59', punch_day: punchDay }), []);
    expect(result.value.free).toEqual({ workdays, requiredWorkSec: null, dayStartSec: 0 });
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it.each([
    // work_hours (minutes), work_hours_demand → requiredWorkSec, the info loss's value (undefined = no loss)
    [undefined, true, null, undefined],
    [0, true, null, undefined],
    [1, true, 60, undefined],
    [480, true, 28_800, undefined],
    [1440, true, 86_400, undefined],
    [480, false, null, 480],
    [1, undefined, null, 1],
    [0, false, null, undefined],
  ])('work_hours %s, work_hours_demand %s → requiredWorkSec %s', (hours, demand, required, reported) => {
    const result = ok(
      freeGroup({
        free_start_time: '0:00',
        free_end_time: '23:59',
        punch_day: 1111100,
        work_hours: hours,
        work_hours_demand: demand,
      }),
      [],
    );
    expect(result.value.free?.requiredWorkSec).toBe(required);
    const expected =
      reported === undefined
        ? []
        : [
            {
              field: 'free_punch_cfg.work_hours',
              severity: 'info',
              message: `${reported} minutes a day is configured but not required (work_hours_demand is off); no requirement is carried.`,
              sourceValue: reported,
            },
          ];
    expect(settingLosses(result.losses)).toEqual(expected);
  });

  it.each([
    // The whole attendance day is start + 23:59, written as a next-day time when the day starts after 0:00.
    ['0:00', '23:59', false],
    ['4:00', '27:59', false],
    ['9:30', '33:29', false],
    ['0:00', '23:58', true],
    ['0:00', '24:00', true],
    ['4:00', '27:58', true],
    ['4:00', '28:00', true],
    ['4:00', '23:59', true],
    ['7:00', '18:00', true],
  ])('start %s, end %s → a shorter-window loss: %s', (start, end, reported) => {
    const result = ok(freeGroup({ free_start_time: start, free_end_time: end, punch_day: 1111100 }), []);
    const [hours, minutes] = start.split(':').map(Number) as [number, number];
    expect(result.value.free?.dayStartSec).toBe(hours * 3600 + minutes * 60);
    expect(settingLosses(result.losses)).toEqual(
      reported
        ? [
            {
              field: 'free_punch_cfg.free_end_time',
              severity: 'info',
              message: `Punching ends at ${end} each day in Feishu; only the day's start (${start}) is carried.`,
              sourceValue: end,
            },
          ]
        : [],
    );
  });

  it('a blank free_end_time (unset) is no shorter window: no loss', () => {
    const result = ok(freeGroup({ free_start_time: '6:00', free_end_time: '', punch_day: 1111100 }), []);
    expect(result.value.free).toEqual({ workdays: [1, 2, 3, 4, 5], requiredWorkSec: null, dayStartSec: 21_600 });
    expect(settingLosses(result.losses)).toEqual([]);
  });

  const NO_PUNCH_AS_LACK = {
    field: 'free_punch_cfg.work_day_no_punch_as_lack',
    severity: 'dropped',
    message: 'Feishu counts a workday without any punch as a missing punch; that rule is not carried.',
  };

  it.each([
    // in free_punch_cfg, on the group → one dropped loss on the free field, none on the group-level field
    [true, undefined, true],
    [undefined, true, true],
    [true, true, true],
    [false, false, false],
    [undefined, undefined, false],
  ])('work_day_no_punch_as_lack cfg %s, group %s → dropped: %s', (inCfg, onGroup, reported) => {
    const result = ok(
      freeGroup(
        { free_start_time: '0:00', free_end_time: '23:59', punch_day: 1111100, work_day_no_punch_as_lack: inCfg },
        { work_day_no_punch_as_lack: onGroup },
      ),
      [],
    );
    expect(settingLosses(result.losses)).toEqual(reported ? [NO_PUNCH_AS_LACK] : []);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Places: GPS (location_type 1), Wi-Fi (2), IP (8), machines

const gpsPlace = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  location_id: '6921213751454744578',
  location_name: '西溪八方城',
  location_type: 1,
  latitude: 30.28994,
  longitude: 120.04509,
  address: '杭州',
  map_type: 1,
  gps_range: 300,
  ...overrides,
});

const wifiPlace = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  location_id: '6921213751454744579',
  location_name: 'Office',
  location_type: 2,
  ssid: 'Office',
  bssid: '08:00:20:0a:8c:6d',
  ...overrides,
});

describe('feishuToCanonical group settings: GPS places', () => {
  it('a 高德 place is carried unchanged with its own radius; no loss', () => {
    const result = ok(readGroup({ locations: [gpsPlace()] }));
    expect(result.value.gpsLocations).toEqual([
      { name: '西溪八方城', address: '杭州', latitude: 30.28994, longitude: 120.04509, radiusMeters: 300 },
    ]);
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it('a missing map_type is read as 高德 (kept, no datum loss); a missing address is ""', () => {
    const result = ok(readGroup({ locations: [gpsPlace({ map_type: undefined, address: undefined })] }));
    expect(result.value.gpsLocations).toEqual([
      { name: '西溪八方城', address: '', latitude: 30.28994, longitude: 120.04509, radiusMeters: 300 },
    ]);
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it.each([
    // Latitude within ±90 and longitude within ±180, limits included.
    [90, 180],
    [-90, -180],
    [0, 0],
  ])('coordinates %d, %d are usable', (latitude, longitude) => {
    const result = ok(readGroup({ locations: [gpsPlace({ latitude, longitude })] }));
    expect(result.value.gpsLocations).toEqual([
      { name: '西溪八方城', address: '杭州', latitude, longitude, radiusMeters: 300 },
    ]);
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it.each([
    [90.000001, 120],
    [-90.000001, 120],
    [30, 180.000001],
    [30, -180.000001],
    [undefined, 120],
    [30, undefined],
  ])('coordinates %s, %s are left out with a dropped loss naming them', (latitude, longitude) => {
    const result = ok(readGroup({ locations: [gpsPlace({ latitude, longitude })] }));
    expect(result.value.gpsLocations).toEqual([]);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations[0]',
        severity: 'dropped',
        message: 'GPS location "西溪八方城" has no usable coordinates; left out.',
        sourceValue: { latitude, longitude },
      },
    ]);
  });

  it.each([
    [Number.NaN, 120],
    [30, Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY, 120],
  ])('non-finite coordinates %s, %s (only reachable without the schema) are left out', (latitude, longitude) => {
    const result = okRead(readGroup({ locations: [gpsPlace({ latitude, longitude })] }));
    expect(result.value.gpsLocations).toEqual([]);
    expect(lossesOn(result.losses, 'locations[0]')).toEqual([
      {
        field: 'locations[0]',
        severity: 'dropped',
        message: 'GPS location "西溪八方城" has no usable coordinates; left out.',
        sourceValue: { latitude, longitude },
      },
    ]);
  });

  it('the label of a place is its name, else its address, else its id', () => {
    const result = ok(
      readGroup({
        locations: [
          gpsPlace({ latitude: undefined }),
          gpsPlace({ location_name: '', latitude: undefined }),
          gpsPlace({ location_name: '', address: undefined, latitude: undefined }),
        ],
      }),
    );
    expect(settingLosses(result.losses).map((loss) => [loss.field, loss.message])).toEqual([
      ['locations[0]', 'GPS location "西溪八方城" has no usable coordinates; left out.'],
      ['locations[1]', 'GPS location "杭州" has no usable coordinates; left out.'],
      ['locations[2]', 'GPS location "6921213751454744578" has no usable coordinates; left out.'],
    ]);
  });

  it('an unknown map_type is left out with a dropped loss on that map_type', () => {
    const result = ok(readGroup({ locations: [gpsPlace({ map_type: 3 })] }));
    expect(result.value.gpsLocations).toEqual([]);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations[0].map_type',
        severity: 'dropped',
        message: 'GPS location "西溪八方城" uses an unknown map type; left out.',
        sourceValue: 3,
      },
    ]);
  });

  it.each([
    // place gps_range, group gps_range → radius, the approximated loss's source value ('none' = no loss)
    [300, undefined, 300, 'none'],
    [1, undefined, 1, 'none'],
    [undefined, 500, 500, 'none'],
    [200, 500, 200, 'none'],
    [undefined, undefined, 300, undefined],
    [0, undefined, 300, 0],
    [-5, undefined, 300, -5],
    [undefined, 0, 300, 0],
  ])('place gps_range %s, group gps_range %s → %i m', (own, fallback, radius, reported) => {
    const result = ok(readGroup({ gps_range: fallback, locations: [gpsPlace({ gps_range: own })] }));
    expect(result.value.gpsLocations).toEqual([
      { name: '西溪八方城', address: '杭州', latitude: 30.28994, longitude: 120.04509, radiusMeters: radius },
    ]);
    // Feishu shows 300 m for a place without a radius (the doc examples' gps_range).
    const loss: Loss = {
      field: 'locations[0].gps_range',
      severity: 'approximated',
      message: 'GPS location "西溪八方城" has no radius; Feishu\'s 300 m is assumed.',
      ...(reported === undefined ? {} : { sourceValue: reported }),
      targetValue: 300,
    };
    expect(settingLosses(result.losses)).toEqual(reported === 'none' ? [] : [loss]);
  });

  it('places are sorted by name, then address, latitude, longitude and radius', () => {
    const sorted = [
      { name: 'A', address: 'z', latitude: 40, longitude: 120, radiusMeters: 300 },
      { name: 'B', address: 'a', latitude: 40, longitude: 120, radiusMeters: 300 },
      { name: 'B', address: 'b', latitude: 30, longitude: 120, radiusMeters: 300 },
      { name: 'B', address: 'b', latitude: 31, longitude: 110, radiusMeters: 300 },
      { name: 'B', address: 'b', latitude: 31, longitude: 111, radiusMeters: 200 },
      { name: 'B', address: 'b', latitude: 31, longitude: 111, radiusMeters: 250 },
      { name: 'C', address: 'a', latitude: 10, longitude: 100, radiusMeters: 100 },
    ];
    const asPlace = (place: (typeof sorted)[number], index: number) =>
      gpsPlace({
        location_id: `69212137514547440${index}`,
        location_name: place.name,
        address: place.address,
        latitude: place.latitude,
        longitude: place.longitude,
        gps_range: place.radiusMeters,
      });
    const orders = [
      [...sorted].reverse(),
      [sorted[3]!, sorted[5]!, sorted[0]!, sorted[6]!, sorted[2]!, sorted[4]!, sorted[1]!],
      [sorted[4]!, sorted[1]!, sorted[6]!, sorted[2]!, sorted[5]!, sorted[0]!, sorted[3]!],
    ];
    for (const order of orders) {
      expect(ok(readGroup({ locations: order.map(asPlace) })).value.gpsLocations).toEqual(sorted);
    }
  });
});

describe('feishuToCanonical group settings: Google Maps places (map_type 2)', () => {
  const googleNote = (count: string, datum: 'gcj02' | 'wgs84') =>
    datum === 'wgs84'
      ? `${count} picked on Google Maps (map_type 2); their coordinates are taken as WGS-84 (GPS) and converted to ` +
        "GCJ-02, the datum WeCom uses, as this gateway's Google-map datum setting says."
      : `${count} picked on Google Maps (map_type 2); their coordinates are taken as GCJ-02, the datum of Google's ` +
        "map of China, and carried unchanged. If this tenant's Google places hold WGS-84 (GPS) coordinates, change " +
        "the gateway's Google-map datum setting.";

  it('one place, default datum: carried unchanged, one info loss naming it ("1 GPS place was")', () => {
    const result = ok(readGroup({ locations: [gpsPlace({ map_type: 2 })] }));
    expect(result.value.gpsLocations).toEqual([
      { name: '西溪八方城', address: '杭州', latitude: 30.28994, longitude: 120.04509, radiusMeters: 300 },
    ]);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations.map_type',
        severity: 'info',
        message: googleNote('1 GPS place was', 'gcj02'),
        sourceValue: ['西溪八方城'],
      },
    ]);
  });

  it('two places read as WGS-84 are converted (checked on published reference points), one loss naming both', () => {
    // Reference pairs published with other implementations (test/gcj02-reference-points.ts), not gcoord's answers.
    const [shanghai, shenzhen] = GCJ02_REFERENCE_POINTS as [
      (typeof GCJ02_REFERENCE_POINTS)[number],
      (typeof GCJ02_REFERENCE_POINTS)[number],
    ];
    const result = ok(
      readGroup({
        locations: [
          gpsPlace({ map_type: 2, location_name: 'Shanghai', ...shanghai.wgs84 }),
          gpsPlace({ map_type: 1, location_name: 'Amap', latitude: 30.5, longitude: 120.5 }),
          gpsPlace({ map_type: 2, location_name: 'Shenzhen', ...shenzhen.wgs84 }),
        ],
      }),
      undefined,
      { googleMapDatum: 'wgs84' },
    );
    const [amap, converted1, converted2] = result.value.gpsLocations;
    // The 高德 place is GCJ-02 already: unchanged whatever the Google datum.
    expect(amap).toEqual({ name: 'Amap', address: '杭州', latitude: 30.5, longitude: 120.5, radiusMeters: 300 });
    expect(converted1!.name).toBe('Shanghai');
    expect(converted1!.latitude).toBeCloseTo(shanghai.gcj02.latitude, 6);
    expect(converted1!.longitude).toBeCloseTo(shanghai.gcj02.longitude, 6);
    expect(converted2!.name).toBe('Shenzhen');
    expect(converted2!.latitude).toBeCloseTo(shenzhen.gcj02.latitude, 6);
    expect(converted2!.longitude).toBeCloseTo(shenzhen.gcj02.longitude, 6);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations.map_type',
        severity: 'info',
        message: googleNote('2 GPS places were', 'wgs84'),
        sourceValue: ['Shanghai', 'Shenzhen'],
      },
    ]);
  });

  it('a Google place outside the coordinate range is left out and not counted as a Google place', () => {
    const result = ok(readGroup({ locations: [gpsPlace({ map_type: 2, latitude: 91 })] }));
    expect(result.value.gpsLocations).toEqual([]);
    expect(lossesOn(result.losses, 'locations.map_type')).toEqual([]);
  });

  it('the 高德 datum is never converted, even with googleMapDatum wgs84', () => {
    const { wgs84 } = GCJ02_REFERENCE_POINTS[2]!;
    const result = ok(readGroup({ locations: [gpsPlace({ map_type: 1, ...wgs84 })] }), undefined, {
      googleMapDatum: 'wgs84',
    });
    expect(result.value.gpsLocations[0]).toMatchObject(wgs84);
    expect(settingLosses(result.losses)).toEqual([]);
  });
});

describe('feishuToCanonical group settings: Wi-Fi, IP, unknown places, machines', () => {
  it('Wi-Fi: ssid carried, else the place name; the same BSSID and SSID once; sorted by BSSID then SSID', () => {
    const result = ok(
      readGroup({
        locations: [
          wifiPlace({ bssid: 'A4-B1-C2-00-1E-FF', ssid: 'Lab' }),
          wifiPlace({ bssid: '08:00:20:0A:8C:6D', ssid: 'Office' }),
          wifiPlace({ bssid: '08:00:20:0a:8c:6d', ssid: 'Guest' }),
          wifiPlace({ bssid: '08:00:20:0a:8c:6d', ssid: 'Office' }),
          wifiPlace({ bssid: '00:00:00:00:00:01', ssid: undefined, location_name: '前台' }),
        ],
      }),
    );
    expect(result.value.wifiLocations).toEqual([
      { ssid: '前台', bssid: '00:00:00:00:00:01' },
      { ssid: 'Guest', bssid: '08:00:20:0a:8c:6d' },
      { ssid: 'Office', bssid: '08:00:20:0a:8c:6d' },
      { ssid: 'Lab', bssid: 'a4:b1:c2:00:1e:ff' },
    ]);
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it.each([
    ['not-a-mac', 'not-a-mac'],
    [undefined, undefined],
  ])('Wi-Fi with BSSID %s is left out with a dropped loss on its bssid', (bssid, reported) => {
    const result = ok(readGroup({ locations: [wifiPlace({ bssid })] }));
    expect(result.value.wifiLocations).toEqual([]);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations[0].bssid',
        severity: 'dropped',
        message: 'Wi-Fi "Office" has no valid MAC address (BSSID); left out.',
        ...(reported === undefined ? {} : { sourceValue: reported }),
      },
    ]);
  });

  it('IP punching (location_type 8) has no counterpart: dropped, naming the IP, else the place', () => {
    const result = ok(
      readGroup({
        locations: [
          { location_id: '1', location_name: 'HQ', location_type: 8, ip: '122.224.123.146' },
          { location_id: '2', location_name: 'Branch', location_type: 8 },
        ],
      }),
    );
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations[0]',
        severity: 'dropped',
        message: 'IP punching from 122.224.123.146 has no counterpart; left out.',
        sourceValue: '122.224.123.146',
      },
      { field: 'locations[1]', severity: 'dropped', message: 'IP punching from Branch has no counterpart; left out.' },
    ]);
  });

  it('a place of an unknown type is dropped with its type', () => {
    const result = ok(readGroup({ locations: [{ location_id: '1', location_name: 'Gate', location_type: 4 }] }));
    expect(result.value).toMatchObject({ gpsLocations: [], wifiLocations: [] });
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'locations[0]',
        severity: 'dropped',
        message: 'Location "Gate" has an unknown type; left out.',
        sourceValue: 4,
      },
    ]);
  });

  it('attendance machines are dropped with one loss listing them; an empty list reports nothing', () => {
    const result = ok(
      readGroup({
        machines: [
          { machine_sn: 'FS0701', machine_name: '创实 9 楼' },
          { machine_sn: 'FS0702', machine_name: '创实 10 楼' },
        ],
      }),
    );
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'machines',
        severity: 'dropped',
        message: 'Attendance machines (创实 9 楼 FS0701, 创实 10 楼 FS0702) are not carried.',
      },
    ]);
    expect(settingLosses(ok(readGroup({ machines: [] })).losses)).toEqual([]);
  });
});

describe('feishuToCanonical group settings: punch_type (bits 1 GPS, 2 Wi-Fi, 4 machine, 8 IP)', () => {
  const places = [gpsPlace(), gpsPlace({ location_id: '6921213751454744580', location_name: '二号楼' }), wifiPlace()];
  const off = (method: string, punchType: number, count: string): Loss => ({
    field: 'punch_type',
    severity: 'dropped',
    message: `${method} punching is off in Feishu (punch_type ${punchType}), so its ${count} not used in WeCom either.`,
    sourceValue: punchType,
  });
  const machine = (punchType: number): Loss => ({
    field: 'punch_type',
    severity: 'dropped',
    message:
      'Punching on attendance machines is on in Feishu (punch_type 4); this sync has no WeCom equivalent for it, ' +
      'so machine punching is not set up in WeCom.',
    sourceValue: punchType,
  });
  const ip = (punchType: number): Loss => ({
    field: 'punch_type',
    severity: 'dropped',
    message:
      'Punching from listed IP addresses is on in Feishu (punch_type 8); WeCom has no IP punching, so it is not carried.',
    sourceValue: punchType,
  });
  const undocumented = (punchType: number): Loss => ({
    field: 'punch_type',
    severity: 'info',
    message: `punch_type ${punchType} has bits Feishu does not document; they are ignored.`,
    sourceValue: punchType,
  });

  it.each([
    // punch_type → GPS places, Wi-Fi places carried, the punch_type losses in order
    [undefined, 2, 1, []],
    [3, 2, 1, []],
    [1, 2, 0, [off('Wi-Fi', 1, '1 Wi-Fi place is')]],
    [2, 0, 1, [off('GPS', 2, '2 GPS places are')]],
    [4, 0, 0, [off('GPS', 4, '2 GPS places are'), off('Wi-Fi', 4, '1 Wi-Fi place is'), machine(4)]],
    [7, 2, 1, [machine(7)]],
    [8, 0, 0, [off('GPS', 8, '2 GPS places are'), off('Wi-Fi', 8, '1 Wi-Fi place is'), ip(8)]],
    [11, 2, 1, [ip(11)]],
    [15, 2, 1, [machine(15), ip(15)]],
    [19, 2, 1, [undocumented(19)]],
    [
      // A 32-bit-negative value: every bit set, all four methods on, undocumented bits too.
      -1,
      2,
      1,
      [machine(-1), ip(-1), undocumented(-1)],
    ],
    [
      // −2³²: no bit of the lower 32 set, but negative: still undocumented; no method on.
      -4294967296,
      0,
      0,
      [
        off('GPS', -4294967296, '2 GPS places are'),
        off('Wi-Fi', -4294967296, '1 Wi-Fi place is'),
        undocumented(-4294967296),
      ],
    ],
  ] as const)('punch_type %s → %i GPS and %i Wi-Fi places', (punchType, gpsCount, wifiCount, expected) => {
    const result = ok(readGroup({ punch_type: punchType, locations: places }));
    expect(result.value.gpsLocations).toHaveLength(gpsCount);
    expect(result.value.wifiLocations).toHaveLength(wifiCount);
    expect(settingLosses(result.losses)).toEqual(expected);
  });

  it('punch_type 0 names no method: read as unset (every place used), with an info loss', () => {
    const result = ok(readGroup({ punch_type: 0, locations: places }));
    expect(result.value.gpsLocations).toHaveLength(2);
    expect(result.value.wifiLocations).toHaveLength(1);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'punch_type',
        severity: 'info',
        message:
          'The group names no punch method (punch_type 0); it is read as unset, so all its GPS and Wi-Fi places are used.',
        sourceValue: 0,
      },
    ]);
  });

  it('a switched-off method with no places of its kind reports nothing about them', () => {
    expect(settingLosses(ok(readGroup({ punch_type: 1, locations: [gpsPlace()] })).losses)).toEqual([]);
    expect(settingLosses(ok(readGroup({ punch_type: 2 })).losses)).toEqual([]);
  });

  it("a switched-off method's place is not checked further (no coordinate or BSSID loss of its own)", () => {
    const result = ok(
      readGroup({ punch_type: 8, locations: [gpsPlace({ latitude: undefined }), wifiPlace({ bssid: 'bad' })] }),
    );
    expect(settingLosses(result.losses)).toEqual([
      off('GPS', 8, '1 GPS place is'),
      off('Wi-Fi', 8, '1 Wi-Fi place is'),
      ip(8),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Holiday calendar (calendar_id 0 none, 1 mainland China, 2 US, 3 Japan, 4 India, 5 Singapore; new_calendar_id)

describe('feishuToCanonical group settings: holiday calendar', () => {
  it.each([
    [1, true],
    [0, false],
    [undefined, false],
  ])('calendar_id %s → followsHolidayCalendar %s, no loss', (calendar, follows) => {
    const result = ok(readGroup({ calendar_id: calendar }));
    expect(result.value.followsHolidayCalendar).toBe(follows);
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it.each([
    [2, 'United States'],
    [3, 'Japan'],
    [4, 'India'],
    [5, 'Singapore'],
  ])('calendar_id %i (%s) → not followed, dropped with the country named', (calendar, country) => {
    const result = ok(readGroup({ calendar_id: calendar }));
    expect(result.value.followsHolidayCalendar).toBe(false);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'calendar_id',
        severity: 'dropped',
        message: `The group follows the ${country} public-holiday calendar; only mainland China's can be carried.`,
        sourceValue: calendar,
      },
    ]);
  });

  it('an undocumented calendar_id (only reachable without the schema) is named by number', () => {
    const result = okRead(readGroup({ calendar_id: 7 }));
    expect(result.value.followsHolidayCalendar).toBe(false);
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'calendar_id',
        severity: 'dropped',
        message: "The group follows the #7 public-holiday calendar; only mainland China's can be carried.",
        sourceValue: 7,
      },
    ]);
  });

  it('a custom holiday calendar (new_calendar_id) is dropped; "" is none', () => {
    const custom = ok(readGroup({ new_calendar_id: '7302191700771358252' }));
    expect(custom.value.followsHolidayCalendar).toBe(true);
    expect(settingLosses(custom.losses)).toEqual([
      {
        field: 'new_calendar_id',
        severity: 'dropped',
        message: 'The group uses a custom holiday calendar (7302191700771358252); it is not carried.',
        sourceValue: '7302191700771358252',
      },
    ]);
    expect(settingLosses(ok(readGroup({ new_calendar_id: '' })).losses)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 补卡 (allow_remedy, limits, period, types)

describe('feishuToCanonical group settings: remedy (补卡)', () => {
  const everyType = {
    allow_remedy_type_lack: true,
    allow_remedy_type_late: true,
    allow_remedy_type_early: true,
    allow_remedy_type_normal: true,
    remedy_limit: true,
    remedy_limit_count: 3,
    remedy_date_limit: true,
    remedy_date_num: 5,
    remedy_period_type: 2,
    remedy_period_custom_date: 10,
  };
  const DISABLED = {
    allowed: false,
    monthlyLimit: null,
    daysLimit: null,
    forMissing: false,
    forLate: false,
    forEarly: false,
    forOther: false,
    forNormal: false,
  };

  it.each([[false], [undefined]])(
    'allow_remedy %s: nothing carried, switches and limits ignored, no loss',
    (allowRemedy) => {
      const result = ok(readGroup({ allow_remedy: allowRemedy, ...everyType }));
      expect(result.value.remedy).toEqual(DISABLED);
      expect(settingLosses(result.losses)).toEqual([]);
    },
  );

  it.each([
    ['lack', { forMissing: true, forLate: false, forEarly: false, forNormal: false }],
    ['late', { forMissing: false, forLate: true, forEarly: false, forNormal: false }],
    ['early', { forMissing: false, forLate: false, forEarly: true, forNormal: false }],
    ['normal', { forMissing: false, forLate: false, forEarly: false, forNormal: true }],
  ])('allow_remedy_type_%s alone → that type only', (type, types) => {
    const result = ok(readGroup({ allow_remedy: true, [`allow_remedy_type_${type}`]: true }));
    expect(result.value.remedy).toEqual({
      allowed: true,
      monthlyLimit: null,
      daysLimit: null,
      forOther: false,
      ...types,
    });
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it('every type and both limits on → carried; a custom period is approximated as a calendar month', () => {
    const result = ok(readGroup({ allow_remedy: true, ...everyType }));
    expect(result.value.remedy).toEqual({
      allowed: true,
      monthlyLimit: 3,
      daysLimit: 5,
      forMissing: true,
      forLate: true,
      forEarly: true,
      forOther: false,
      forNormal: true,
    });
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'remedy_period_type',
        severity: 'approximated',
        message:
          'Make-up punches are counted per custom period starting on day 10; the limit is carried as a calendar-month limit.',
        sourceValue: 10,
      },
    ]);
  });

  it('a custom period without its start day says "?"; a monthly period (1) is carried as is', () => {
    const custom = ok(readGroup({ allow_remedy: true, remedy_period_type: 2 }));
    expect(settingLosses(custom.losses)).toEqual([
      {
        field: 'remedy_period_type',
        severity: 'approximated',
        message:
          'Make-up punches are counted per custom period starting on day ?; the limit is carried as a calendar-month limit.',
      },
    ]);
    const monthly = ok(readGroup({ allow_remedy: true, remedy_period_type: 1, remedy_period_custom_date: 1 }));
    expect(settingLosses(monthly.losses)).toEqual([]);
  });

  it.each([
    // switch, value → limit, the approximated loss's value ('none' = no loss)
    [true, 0, 0, 'none'],
    [true, 1, 1, 'none'],
    [true, 31, 31, 'none'],
    [false, 3, null, 'none'],
    [undefined, 3, null, 'none'],
    [true, undefined, null, undefined],
    [true, -1, null, -1],
  ])('limit switch %s with value %s → %s', (on, value, limit, reported) => {
    const result = ok(
      readGroup({
        allow_remedy: true,
        remedy_limit: on,
        remedy_limit_count: value,
        remedy_date_limit: on,
        remedy_date_num: value,
      }),
    );
    expect(result.value.remedy).toMatchObject({ monthlyLimit: limit, daysLimit: limit });
    const loss = (field: string): Loss => ({
      field,
      severity: 'approximated',
      message: 'The limit is switched on but has no value; carried as unlimited.',
      ...(reported === undefined ? {} : { sourceValue: reported }),
    });
    expect(settingLosses(result.losses)).toEqual(
      reported === 'none' ? [] : [loss('remedy_limit_count'), loss('remedy_date_num')],
    );
  });

  it('the monthly and the days limit are read from their own fields', () => {
    const result = ok(
      readGroup({
        allow_remedy: true,
        remedy_limit: true,
        remedy_limit_count: 4,
        remedy_date_limit: false,
        remedy_date_num: 9,
      }),
    );
    expect(result.value.remedy).toMatchObject({ monthlyLimit: 4, daysLimit: null });
    const days = ok(
      readGroup({
        allow_remedy: true,
        remedy_limit: false,
        remedy_limit_count: 4,
        remedy_date_limit: true,
        remedy_date_num: 9,
      }),
    );
    expect(days.value.remedy).toMatchObject({ monthlyLimit: null, daysLimit: 9 });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Face recognition (face_punch, face_punch_cfg, face_live_need_action)

describe('feishuToCanonical group settings: face recognition and liveness', () => {
  const SUSPICIOUS_ONLY: Loss = {
    field: 'face_punch_cfg',
    severity: 'approximated',
    message:
      'Feishu asks for a face only when a punch looks suspicious; it is carried as "face recognition on every punch".',
    sourceValue: 2,
  };
  const actionOutsideCfg1 = (cfg: number): Loss => ({
    field: 'face_live_need_action',
    severity: 'approximated',
    message:
      `Feishu's action liveness check only works when every punch needs a face (face_punch_cfg 1, here ${cfg}); ` +
      'it is carried as the plain liveness check.',
    sourceValue: true,
    targetValue: 'silent',
  });

  it.each([
    // face_punch, face_punch_cfg, face_live_need_action → faceRecognition, faceLiveness, losses
    [true, 1, true, true, 'action', []],
    [true, undefined, true, true, 'action', []],
    [true, 1, false, true, 'silent', []],
    [true, undefined, undefined, true, 'none', []],
    [true, 2, undefined, true, 'none', [SUSPICIOUS_ONLY]],
    [true, 2, false, true, 'silent', [SUSPICIOUS_ONLY]],
    [true, 2, true, true, 'silent', [SUSPICIOUS_ONLY, actionOutsideCfg1(2)]],
    [true, 3, true, true, 'silent', [actionOutsideCfg1(3)]],
    [true, 0, true, true, 'silent', [actionOutsideCfg1(0)]],
    [false, 2, true, false, 'none', []],
    [undefined, 2, false, false, 'none', []],
  ] as const)(
    'face_punch %s, face_punch_cfg %s, face_live_need_action %s → %s, %s',
    (face, cfg, action, recognition, liveness, losses) => {
      const result = ok(readGroup({ face_punch: face, face_punch_cfg: cfg, face_live_need_action: action }));
      expect(result.value.faceRecognition).toBe(recognition);
      expect(result.value.faceLiveness).toBe(liveness);
      expect(settingLosses(result.losses)).toEqual(losses);
    },
  );

  it.each([
    [true, true],
    [false, false],
    [undefined, false],
  ])('clockIn_need_photo %s → photoRequired %s', (photo, required) => {
    expect(ok(readGroup({ clockIn_need_photo: photo })).value.photoRequired).toBe(required);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 外勤 (allow_out_punch and its conditions)

describe('feishuToCanonical group settings: punches outside the range (外勤)', () => {
  const conditions = [
    ['out_punch_need_approval', 'need approval'],
    ['out_punch_need_post_approval', 'need approval after the punch'],
    ['out_punch_need_remark', 'need a remark'],
    ['out_punch_need_photo', 'need a photo'],
    ['out_punch_allowed_hide_addr', 'may hide the address'],
    ['out_punch_allowed_adjust_addr', 'may adjust the address'],
  ] as const;

  it.each(conditions)('allow_out_punch with %s → field_punch, that condition dropped', (field, text) => {
    const result = ok(readGroup({ allow_out_punch: true, [field]: true }));
    expect(result.value.outOfRange).toBe('field_punch');
    expect(settingLosses(result.losses)).toEqual([
      { field, severity: 'dropped', message: `Field punches ${text} in Feishu; that condition is not carried.` },
    ]);
  });

  it('every condition on → one loss each, in the doc order; conditions set false report nothing', () => {
    const all = Object.fromEntries(conditions.map(([field]) => [field, true]));
    const result = ok(readGroup({ allow_out_punch: true, ...all }));
    expect(settingLosses(result.losses).map((loss) => loss.field)).toEqual(conditions.map(([field]) => field));
    const none = Object.fromEntries(conditions.map(([field]) => [field, false]));
    expect(settingLosses(ok(readGroup({ allow_out_punch: true, ...none })).losses)).toEqual([]);
  });

  it.each([[false], [undefined]])('allow_out_punch %s → forbidden; its conditions are moot (no loss)', (allow) => {
    const all = Object.fromEntries(conditions.map(([field]) => [field, true]));
    const result = ok(readGroup({ allow_out_punch: allow, ...all, adjust_range: 80 }));
    expect(result.value.outOfRange).toBe('forbidden');
    expect(settingLosses(result.losses)).toEqual([]);
  });

  it('adjust_range (微调范围) is reported only when adjusting the address is on', () => {
    const adjusting = ok(readGroup({ allow_out_punch: true, out_punch_allowed_adjust_addr: true, adjust_range: 80 }));
    expect(lossesOn(adjusting.losses, 'adjust_range')).toEqual([
      {
        field: 'adjust_range',
        severity: 'dropped',
        message: 'Field punches may move their address by up to 80 m in Feishu (微调范围); not carried.',
      },
    ]);
    const notAdjusting = ok(readGroup({ allow_out_punch: true, adjust_range: 80 }));
    expect(settingLosses(notAdjusting.losses)).toEqual([]);
    const noRange = ok(readGroup({ allow_out_punch: true, out_punch_allowed_adjust_addr: true }));
    expect(lossesOn(noRange.losses, 'adjust_range')).toEqual([]);
  });

  it('a non-numeric adjust_range (only reachable without the schema) is not reported', () => {
    const result = okRead(
      readGroup({ allow_out_punch: true, out_punch_allowed_adjust_addr: true, adjust_range: '80' }),
    );
    expect(lossesOn(result.losses, 'adjust_range')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Overtime (from the overtime periods of the used shifts) and its note

describe('feishuToCanonical group settings: overtime', () => {
  const periods = [{ on_overtime: '18:00', off_overtime: '20:00' }];
  const shiftBased = (shifts: unknown[]) => ok(readGroup({ group_type: 2, punch_day_shift_ids: [] }), shifts);
  const restShift = (overrides: Record<string, unknown> = {}) =>
    readShift({ shift_id: REST_SHIFT_ID, shift_name: '休息日', day_type: 2, ...overrides });
  const outside =
    "Feishu's overtime rules (加班规则) are outside the attendance-group API, so whether overtime is allowed on ";

  it.each([
    ['no periods anywhere', [readShift(), restShift()], { workday: null, restDay: null }, NO_OVERTIME_KNOWN],
    [
      'an empty overtime_rule says nothing',
      [readShift({ overtime_rule: [] }), restShift({ overtime_rule: [] })],
      { workday: null, restDay: null },
      NO_OVERTIME_KNOWN,
    ],
    [
      'a workday shift with periods',
      [readShift({ overtime_rule: periods }), restShift()],
      { workday: true, restDay: null },
      `${outside}rest days and holidays is not known here; WeCom keeps its own setting for them. Overtime is ` +
        "allowed on workdays: the group's shifts have overtime periods there.",
    ],
    [
      'a rest-day shift with periods',
      [readShift(), restShift({ overtime_rule: periods })],
      { workday: null, restDay: true },
      `${outside}workdays and holidays is not known here; WeCom keeps its own setting for them. Overtime is ` +
        "allowed on rest days: the group's shifts have overtime periods there.",
    ],
    [
      'both kinds of shift with periods',
      [readShift({ day_type: 1, overtime_rule: periods }), restShift({ overtime_rule: periods })],
      { workday: true, restDay: true },
      `${outside}holidays is not known here; WeCom keeps its own setting for it. Overtime is allowed on workdays ` +
        "and rest days: the group's shifts have overtime periods there.",
    ],
  ])('%s', (_, shifts, expected, message) => {
    const result = shiftBased(shifts);
    expect(result.value.overtime).toEqual({ ...expected, holiday: null });
    expect(lossesOn(result.losses, 'overtime')).toEqual([{ field: 'overtime', severity: 'info', message }]);
  });

  it('a used shift that was not supplied refuses the group, and the overtime note is still given (no crash)', () => {
    const result = map(readGroup(), []);
    expect(result.ok).toBe(false);
    expect(lossesOn(result.losses, '(internal)')).toEqual([]);
    expect(lossesOn(result.losses, 'overtime')).toEqual([
      { field: 'overtime', severity: 'info', message: NO_OVERTIME_KNOWN },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rest-day punching (rest_clockIn_need_approval)

describe('feishuToCanonical group settings: rest-day punching', () => {
  it('approval on → "approval", with the 4:00 rest-day start reported', () => {
    const result = ok(readGroup({ rest_clockIn_need_approval: true }));
    expect(result.value.restDayPunch).toBe('approval');
    expect(settingLosses(result.losses)).toEqual([
      {
        field: 'rest_clockIn_need_approval',
        severity: 'info',
        message:
          'With approval for rest-day punches on, Feishu starts a rest day at 4:00; that day start is not carried.',
      },
    ]);
  });

  it.each([[false], [undefined]])('approval %s → "allowed", no loss', (approval) => {
    const result = ok(readGroup({ rest_clockIn_need_approval: approval }));
    expect(result.value.restDayPunch).toBe('allowed');
    expect(settingLosses(result.losses)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Feishu-only settings

describe('feishuToCanonical group settings: Feishu-only settings', () => {
  const info = (field: string, message: string): Loss => ({
    field,
    severity: 'info',
    message: `${message} Not carried.`,
  });
  const dropped = (field: string, what: string): Loss => ({
    field,
    severity: 'dropped',
    message: `${what} is a Feishu-only setting and is not carried.`,
  });

  it.each([
    // the group's fields → the one loss they give
    [
      { free_punch_cfg: { free_start_time: '', free_end_time: '', punch_day: 0, free_clock_setting: {} } },
      info(
        'free_punch_cfg.free_clock_setting',
        'A further free-punch setting (free_clock_setting) exists in Feishu; this gateway does not interpret it.',
      ),
    ],
    [{ group_leader_ids: ['ou_boss'] }, info('group_leader_ids', 'Attendance group owners exist only in Feishu.')],
    [
      { sub_group_leader_ids: ['ou_deputy'] },
      info('sub_group_leader_ids', 'Attendance group deputies exist only in Feishu.'),
    ],
    [{ allow_pc_punch: true }, info('allow_pc_punch', 'Punching from a PC is a Feishu-only option.')],
    [
      { show_cumulative_time: true },
      info('show_cumulative_time', 'Showing cumulative hours is a Feishu display option.'),
    ],
    [
      { show_over_time: true },
      info(
        'show_over_time',
        'Showing overtime hours (是否展示加班时长) is a Feishu display option; it does not allow or refuse overtime.',
      ),
    ],
    [
      { hide_staff_punch_time: true },
      info('hide_staff_punch_time', 'Hiding punch details is a Feishu display option.'),
    ],
    [{ hide_clock_in_rule: true }, info('hide_clock_in_rule', 'Hiding the punch rule is a Feishu display option.')],
    [
      { face_punch: true, face_punch_cfg: 1, face_downgrade: true },
      info('face_downgrade', 'Falling back to a photo when face recognition fails is Feishu-only.'),
    ],
    [
      { face_punch: true, face_punch_cfg: 1, replace_basic_pic: true },
      info('replace_basic_pic', 'Replacing the reference face photo is Feishu-only.'),
    ],
    [
      { org_change_auto_adjust: true },
      info('org_change_auto_adjust', 'Adding new hires automatically is a Feishu option.'),
    ],
    [
      { save_auto_changes: true },
      info('save_auto_changes', 'Moving people out of conflicting groups is a Feishu option.'),
    ],
    [
      { anti_cheat_punch_config: { intercept_suspected_cheat_punch: false, check_buddy_punch: true } },
      dropped('anti_cheat_punch_config', 'Anti-cheating checks'),
    ],
    [
      { member_status_change: { onboarding_on_no_need_punch: true } },
      dropped('member_status_change', 'No-punch rules for joining/leaving days'),
    ],
    [{ leave_need_punch: true }, dropped('leave_need_punch', 'Punching around leave')],
    // go_out_need_punch / travel_need_punch: 0 none, 1 at the shift times, 2 before leaving or after returning.
    [{ go_out_need_punch: 1 }, dropped('go_out_need_punch', 'Punching while out of office')],
    [{ go_out_need_punch: 2 }, dropped('go_out_need_punch', 'Punching while out of office')],
    [{ travel_need_punch: 2 }, dropped('travel_need_punch', 'Punching on business trips')],
    [{ travel_need_punch: -1 }, dropped('travel_need_punch', 'Punching on business trips')],
    [{ overtime_clock_cfg: { allow_punch_approval: true } }, dropped('overtime_clock_cfg', 'Overtime punch settings')],
    [{ allow_apply_punch: true }, dropped('allow_apply_punch', 'Applying for a punch when location is inaccurate')],
    [
      { clock_in_abnormal_settings: { ignore_until_latest_clockout: true } },
      dropped('clock_in_abnormal_settings', 'Ignoring exceptions until the last clock-out'),
    ],
    [
      { work_day_no_punch_as_lack: true },
      dropped('work_day_no_punch_as_lack', 'Counting a workday without punches as missing'),
    ],
  ])('%j → one loss', (fields, loss) => {
    expect(settingLosses(ok(readGroup(fields)).losses)).toEqual([loss]);
  });

  it.each([
    // Set to a value that turns nothing on.
    [{ free_punch_cfg: { free_start_time: '', free_end_time: '', punch_day: 0 } }],
    [{ group_leader_ids: [] }],
    [{ sub_group_leader_ids: [] }],
    [{ allow_pc_punch: false }],
    [{ show_cumulative_time: false }],
    [{ show_over_time: false }],
    [{ hide_staff_punch_time: false }],
    [{ hide_clock_in_rule: false }],
    [{ face_downgrade: true }],
    [{ replace_basic_pic: true }],
    [{ face_punch: false, face_downgrade: true, replace_basic_pic: true }],
    [{ face_punch: true, face_downgrade: false, replace_basic_pic: false }],
    [{ org_change_auto_adjust: false }],
    [{ save_auto_changes: false }],
    [{ anti_cheat_punch_config: { intercept_suspected_cheat_punch: false, allow_change_device_num: 3 } }],
    [{ anti_cheat_punch_config: {} }],
    [{ member_status_change: { onboarding_on_no_need_punch: false } }],
    [{ leave_need_punch: false }],
    [{ go_out_need_punch: 0 }],
    [{ travel_need_punch: 0 }],
    [{ overtime_clock_cfg: { allow_punch_approval: false } }],
    [{ allow_apply_punch: false }],
    [{ clock_in_abnormal_settings: { ignore_until_latest_clockout: false } }],
    [{ work_day_no_punch_as_lack: false }],
  ])('%j → no loss', (fields) => {
    expect(settingLosses(ok(readGroup(fields)).losses)).toEqual([]);
  });

  it('without the schema, values of the wrong shape turn nothing on and do not crash', () => {
    const result = okRead(
      readGroup({
        free_punch_cfg: null,
        group_leader_ids: 'ou_boss',
        sub_group_leader_ids: {},
        allow_pc_punch: 'true',
        go_out_need_punch: '1',
        travel_need_punch: true,
        anti_cheat_punch_config: null,
        member_status_change: true,
        overtime_clock_cfg: 'on',
        clock_in_abnormal_settings: [true],
      }),
    );
    // [true] is an object whose values include true: it counts, as a nested switch that is on.
    expect(settingLosses(result.losses)).toEqual([
      dropped('clock_in_abnormal_settings', 'Ignoring exceptions until the last clock-out'),
    ]);
  });

  it('free_clock_setting null is not a setting; a free group reports it next to its free rule', () => {
    expect(
      settingLosses(
        okRead(readGroup({ free_punch_cfg: { free_start_time: '', free_end_time: '', free_clock_setting: null } }))
          .losses,
      ),
    ).toEqual([]);
    const free = ok(
      freeGroup({ free_start_time: '0:00', free_end_time: '23:59', punch_day: 1111100, free_clock_setting: { a: 1 } }),
      [],
    );
    expect(settingLosses(free.losses)).toEqual([
      info(
        'free_punch_cfg.free_clock_setting',
        'A further free-punch setting (free_clock_setting) exists in Feishu; this gateway does not interpret it.',
      ),
    ]);
  });

  it('the Feishu-only losses come after the mapped settings, infos before drops, each in its list order', () => {
    const result = ok(
      readGroup({
        save_auto_changes: true,
        group_leader_ids: ['ou_boss'],
        work_day_no_punch_as_lack: true,
        leave_need_punch: true,
        rest_clockIn_need_approval: true,
      }),
    );
    expect(result.losses.map((loss) => loss.field)).toEqual([
      'overtime',
      'rest_clockIn_need_approval',
      'group_leader_ids',
      'save_auto_changes',
      'leave_need_punch',
      'work_day_no_punch_as_lack',
    ]);
  });
});
