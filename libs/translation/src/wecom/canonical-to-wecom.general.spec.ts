import { sameIdResolver } from '../canonical/id-resolver.js';
import type { GpsLocation, WifiLocation } from '../canonical/canonical-rule.js';
import type { Loss } from '../canonical/loss.js';
import { canonicalToWecom, type CanonicalToWecomOptions } from './canonical-to-wecom.mapper.js';
import { officeRule, section } from '../../test/canonical-rule.fixtures.js';

// Examples for the rule-wide parts of the WeCom writer: the rule name, time zone, members, places and which
// keys the payload carries. Expected values come from wecom-checkin-option-rules.md ("doc") and REFERENCE.md.

/** 2025-06-14 23:06:40 China. Fixed, so nothing here depends on the clock. */
const NOW = 1_749_913_600;
const H = 3600;

function write(rule: ReturnType<typeof officeRule>, options: Partial<CanonicalToWecomOptions> = {}) {
  return canonicalToWecom(rule, {
    resolver: sameIdResolver((id) => id),
    ruleName: 'Office',
    nowUnixSeconds: NOW,
    ...options,
  });
}

/** The two info losses every office rule without punch windows or reminder reports (written by hand). */
function defaultNotes(): Loss[] {
  return [
    {
      field: 'shifts.sections.punchWindow',
      severity: 'info',
      message:
        'Some time sections had no punch window of their own; WeCom requires one, so clock-in is accepted from 1 h before start to mid-section and clock-out from mid-section to 1 h after end (shortened where sections are close together).',
    },
    {
      field: 'punchReminder',
      severity: 'info',
      message:
        'The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: at the start of work and at the end of work.',
      sourceValue: null,
      targetValue: { beforeOnSec: 0, afterOffSec: 0 },
    },
  ];
}

function gps(extra: Partial<GpsLocation> = {}): GpsLocation {
  return { name: 'HQ', address: 'Road 1', latitude: 31.2, longitude: 121.5, radiusMeters: 300, ...extra };
}

function wifi(extra: Partial<WifiLocation> = {}): WifiLocation {
  return { ssid: 'Office', bssid: 'aa:bb:cc:00:11:22', ...extra };
}

describe('canonicalToWecom: payload keys', () => {
  it('writes only the keys that carry a value, in the documented order (no undefined or empty lists)', () => {
    const result = write(officeRule());
    expect(result).toEqual({
      ok: true,
      value: expect.anything(),
      losses: defaultNotes(),
    });
    if (!result.ok) throw new Error('refused');
    // A fixed rule with Wi-Fi only, no special days, no remedy and no rest-day punching.
    expect(Object.keys(result.value)).toEqual([
      'grouptype',
      'checkindate',
      'groupname',
      'sync_holidays',
      'need_photo',
      'wifimac_infos',
      'range',
      'option_out_range',
      'use_face_detect',
      'open_face_live_detect',
      'allow_apply_offworkday',
      'ot_info_v2',
    ]);
  });

  it('a by-shift rule carries no checkindate key; a GPS-only rule no wifimac_infos key', () => {
    const result = write(officeRule({ kind: 'shift_based', gpsLocations: [gps()], wifiLocations: [] }));
    if (!result.ok) throw new Error('refused');
    expect(Object.keys(result.value)).toEqual([
      'grouptype',
      'schedulelist',
      'groupname',
      'sync_holidays',
      'need_photo',
      'loc_infos',
      'range',
      'option_out_range',
      'use_face_detect',
      'open_face_live_detect',
      'allow_apply_offworkday',
      'ot_info_v2',
    ]);
  });
});

describe('canonicalToWecom: special working day times (doc "special workday checkin time … invalid")', () => {
  it('accepts work ending at 02:00 the next day and rejects work starting at 03:00', () => {
    // doc: special-day work starts 04:00–18:00 and ends by 次日03:00. 2026-02-02 00:00 China = 1769961600.
    const result = write(
      officeRule({
        specialWorkdays: [
          { date: '2026-02-02', shiftKey: null, sections: [section(17 * H, 26 * H)], note: 'late' },
          { date: '2026-02-03', shiftKey: null, sections: [section(3 * H, 9 * H)], note: 'early' },
        ],
      }),
    );
    if (!result.ok) throw new Error('refused');
    expect(result.value.spe_workdays).toEqual([
      {
        type: 0,
        timestamp: 1769961600,
        notes: 'late',
        checkintime: [
          { time_id: 2, work_sec: 61200, off_work_sec: 93600, remind_work_sec: 61200, remind_off_work_sec: 93600 },
        ],
      },
    ]);
    expect(result.losses).toEqual([
      {
        field: 'specialWorkdays.2026-02-03',
        severity: 'dropped',
        message:
          'Special working day 2026-02-03 (03:00–09:00) was not written: WeCom needs special-day work to start between 04:00 and 18:00, end by 03:00 the next day, and sections not to overlap.',
        sourceValue: '2026-02-03',
      },
      ...defaultNotes(),
    ]);
  });
});

describe('canonicalToWecom: rule name (doc groupname, at most 40 characters)', () => {
  it('trims the name and keeps exactly 40 characters without a loss', () => {
    const forty = 'A'.repeat(40);
    const trimmed = write(officeRule(), { ruleName: '  Office  ' });
    expect(trimmed.ok && trimmed.value.groupname).toBe('Office');
    const result = write(officeRule(), { ruleName: forty });
    expect(result.ok && result.value.groupname).toBe(forty);
    expect(result.losses).toEqual(defaultNotes());
  });

  it('cuts a 41-character name to 40 and reports it', () => {
    const result = write(officeRule(), { ruleName: `${'A'.repeat(40)}B` });
    expect(result.ok && result.value.groupname).toBe('A'.repeat(40));
    expect(result.losses).toEqual([
      {
        field: 'name',
        severity: 'approximated',
        message: `The rule name was shortened to "${'A'.repeat(40)}": WeCom allows at most 40 characters.`,
        sourceValue: `${'A'.repeat(40)}B`,
        targetValue: 'A'.repeat(40),
      },
      ...defaultNotes(),
    ]);
  });

  it('refuses a blank name', () => {
    const result = write(officeRule(), { ruleName: '   ' });
    expect(result).toEqual({
      ok: false,
      losses: [
        {
          field: 'name',
          severity: 'blocking',
          message: 'The rule has no name; WeCom requires a rule name (groupname).',
        },
        ...defaultNotes(),
      ],
    });
  });
});

describe('canonicalToWecom: reminder defaults of the deployment', () => {
  it('names the option whose value WeCom does not offer', () => {
    const result = write(officeRule(), {
      remindBeforeWorkMinutes: 7 as unknown as 5,
      remindAfterOffMinutes: 45 as unknown as 30,
    });
    expect(result.losses).toEqual([
      {
        field: 'remindBeforeWorkMinutes',
        severity: 'approximated',
        message: 'Reminder offset 7 min is not one WeCom offers (0, 5, 10, 15, 20); no offset (on time) was used.',
        sourceValue: 7,
        targetValue: 0,
      },
      {
        field: 'remindAfterOffMinutes',
        severity: 'approximated',
        message: 'Reminder offset 45 min is not one WeCom offers (0, 10, 20, 30, 60); no offset (on time) was used.',
        sourceValue: 45,
        targetValue: 0,
      },
      ...defaultNotes(),
    ]);
  });
});

describe('canonicalToWecom: time zone (WeCom only knows UTC+8)', () => {
  it.each(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Urumqi', 'PRC'])(
    '%s is China time: no loss',
    (timeZone) => {
      expect(write(officeRule({ timeZone })).losses).toEqual(defaultNotes());
    },
  );

  it('reports any other zone as approximated to Asia/Shanghai', () => {
    const result = write(officeRule({ timeZone: 'Europe/Berlin' }));
    expect(result.ok).toBe(true);
    expect(result.losses).toEqual([
      {
        field: 'timeZone',
        severity: 'approximated',
        message:
          'The rule runs in Europe/Berlin but WeCom only knows China time (UTC+8): clock times are written unchanged and special days as China calendar dates.',
        sourceValue: 'Europe/Berlin',
        targetValue: 'Asia/Shanghai',
      },
      ...defaultNotes(),
    ]);
  });
});

describe('canonicalToWecom: members (doc range, "at least one")', () => {
  it('accepts a rule that applies to departments only', () => {
    const result = write(officeRule({ members: { userIds: [], departmentIds: ['7'], excludedUserIds: [] } }));
    expect(result.ok && result.value.range).toEqual({ userid: [], party_id: ['7'] });
    expect(result.losses).toEqual(defaultNotes());
  });

  it('refuses a rule that applies to no one', () => {
    const result = write(officeRule({ members: { userIds: [], departmentIds: [], excludedUserIds: [] } }));
    expect(result).toEqual({
      ok: false,
      losses: [
        {
          field: 'members',
          severity: 'blocking',
          message:
            'Nobody is left in the rule after mapping people and departments to WeCom; WeCom does not accept a rule that applies to no one.',
        },
        ...defaultNotes(),
      ],
    });
  });
});

describe('canonicalToWecom: GPS places (doc loc_infos, "invalid location info")', () => {
  it('writes degrees × 1,000,000 and accepts the edges of the documented range (±90°, ±180°)', () => {
    const result = write(
      officeRule({
        wifiLocations: [],
        gpsLocations: [gps({ latitude: 90, longitude: -180 }), gps({ name: 'South', latitude: -90, longitude: 180 })],
      }),
    );
    expect(result.ok && result.value.loc_infos).toEqual([
      { lat: 90_000_000, lng: -180_000_000, loc_title: 'HQ', loc_detail: 'Road 1', distance: 300 },
      { lat: -90_000_000, lng: 180_000_000, loc_title: 'South', loc_detail: 'Road 1', distance: 300 },
    ]);
    expect(result.losses).toEqual(defaultNotes());
  });

  it('leaves out coordinates WeCom cannot store: not a number, zero (empty), or out of range', () => {
    const bad: GpsLocation[] = [
      gps({ name: 'lat NaN', latitude: Number.NaN }),
      gps({ name: 'lng NaN', longitude: Number.NaN }),
      gps({ name: 'lat 0', latitude: 0 }),
      gps({ name: 'lng 0', longitude: 0 }),
      gps({ name: 'lat 90.5', latitude: 90.5 }),
      gps({ name: 'lng -180.5', longitude: -180.5 }),
    ];
    const result = write(officeRule({ gpsLocations: bad }));
    expect(result.ok && result.value.loc_infos).toBeUndefined();
    expect(result.losses).toEqual([
      ...bad.map((location, index): Loss => ({
        field: `gpsLocations[${index}]`,
        severity: 'dropped',
        message: `Location "${location.name}" has coordinates WeCom cannot store and was left out.`,
        sourceValue: location,
      })),
      ...defaultNotes(),
    ]);
  });

  it('leaves out a location without a positive radius', () => {
    const result = write(
      officeRule({
        gpsLocations: [
          gps({ name: 'none', radiusMeters: Number.NaN }),
          gps({ name: 'zero', radiusMeters: 0 }),
          gps({ name: 'negative', radiusMeters: -100 }),
        ],
      }),
    );
    expect(result.ok && result.value.loc_infos).toBeUndefined();
    expect(result.losses).toEqual([
      {
        field: 'gpsLocations[0]',
        severity: 'dropped',
        message: 'Location "none" has no check-in radius and was left out.',
        sourceValue: Number.NaN,
      },
      {
        field: 'gpsLocations[1]',
        severity: 'dropped',
        message: 'Location "zero" has no check-in radius and was left out.',
        sourceValue: 0,
      },
      {
        field: 'gpsLocations[2]',
        severity: 'dropped',
        message: 'Location "negative" has no check-in radius and was left out.',
        sourceValue: -100,
      },
      ...defaultNotes(),
    ]);
  });

  it('snaps the radius to a documented distance and reports the change', () => {
    const result = write(officeRule({ wifiLocations: [], gpsLocations: [gps({ radiusMeters: 130 })] }));
    expect(result.ok && result.value.loc_infos).toEqual([
      { lat: 31_200_000, lng: 121_500_000, loc_title: 'HQ', loc_detail: 'Road 1', distance: 100 },
    ]);
    expect(result.losses).toEqual([
      {
        field: 'gpsLocations[0].radiusMeters',
        severity: 'approximated',
        message:
          'Check-in radius of "HQ" 130 m was changed to 100 m: WeCom only allows 100–1000 m in steps of 100, 1500, 2000, 2500 or 3000 m.',
        sourceValue: 130,
        targetValue: 100,
      },
      ...defaultNotes(),
    ]);
  });

  it('fills the title and detail WeCom requires from whichever of name and address is not blank', () => {
    const result = write(
      officeRule({
        wifiLocations: [],
        gpsLocations: [
          gps({ name: '  HQ  ', address: '  ' }),
          gps({ name: ' ', address: ' Road 2 ' }),
          gps({ name: '', address: '' }),
        ],
      }),
    );
    expect(result.ok && result.value.loc_infos!.map(({ loc_title, loc_detail }) => [loc_title, loc_detail])).toEqual([
      ['HQ', 'HQ'],
      ['Road 2', 'Road 2'],
      ['Check-in location', 'Check-in location'],
    ]);
    expect(result.losses).toEqual(defaultNotes());
  });

  it('keeps 40-character names and cuts 41-character ones to 40 (doc loc_title / loc_detail)', () => {
    const forty = 'N'.repeat(40);
    const long = `${'D'.repeat(40)}x`;
    const result = write(
      officeRule({
        wifiLocations: [],
        gpsLocations: [gps({ name: forty, address: forty }), gps({ name: `${forty}y`, address: long })],
      }),
    );
    expect(result.ok && result.value.loc_infos!.map(({ loc_title, loc_detail }) => [loc_title, loc_detail])).toEqual([
      [forty, forty],
      [forty, 'D'.repeat(40)],
    ]);
    expect(result.losses).toEqual([
      {
        field: 'gpsLocations[1].name',
        severity: 'approximated',
        message: `The location name was shortened to "${forty}": WeCom allows at most 40 characters.`,
        sourceValue: `${forty}y`,
        targetValue: forty,
      },
      {
        field: 'gpsLocations[1].address',
        severity: 'approximated',
        message: `The location address was shortened to "${'D'.repeat(40)}": WeCom allows at most 40 characters.`,
        sourceValue: long,
        targetValue: 'D'.repeat(40),
      },
      ...defaultNotes(),
    ]);
  });
});

describe('canonicalToWecom: Wi-Fi places (doc wifimac_infos)', () => {
  it('leaves out an invalid or repeated router MAC and names a network by its trimmed SSID or its MAC', () => {
    const result = write(
      officeRule({
        wifiLocations: [
          wifi({ ssid: 'Broken', bssid: 'not-a-mac' }),
          wifi({ ssid: ' Office ', bssid: 'AA-BB-CC-00-11-22' }),
          wifi({ ssid: 'Again', bssid: 'aa:bb:cc:00:11:22' }),
          wifi({ ssid: '  ', bssid: 'aa:bb:cc:00:11:33' }),
        ],
      }),
    );
    expect(result.ok && result.value.wifimac_infos).toEqual([
      { wifiname: 'Office', wifimac: 'aa:bb:cc:00:11:22' },
      { wifiname: 'Wi-Fi aa:bb:cc:00:11:33', wifimac: 'aa:bb:cc:00:11:33' },
    ]);
    expect(result.losses).toEqual([
      {
        field: 'wifiLocations[0]',
        severity: 'dropped',
        message: 'Wi-Fi "Broken" has an invalid router MAC address "not-a-mac" and was left out.',
        sourceValue: 'not-a-mac',
      },
      {
        field: 'wifiLocations[2]',
        severity: 'dropped',
        message:
          'Wi-Fi router aa:bb:cc:00:11:22 is listed twice; WeCom needs each MAC address once, so the second entry was left out.',
        sourceValue: 'aa:bb:cc:00:11:22',
      },
      ...defaultNotes(),
    ]);
  });

  it('keeps a 40-character SSID and cuts a 41-character one (doc "wifiname … 40")', () => {
    const forty = 'W'.repeat(40);
    const result = write(
      officeRule({
        wifiLocations: [wifi({ ssid: forty }), wifi({ ssid: `${forty}!`, bssid: 'aa:bb:cc:00:11:33' })],
      }),
    );
    expect(result.ok && result.value.wifimac_infos!.map((entry) => entry.wifiname)).toEqual([forty, forty]);
    expect(result.losses).toEqual([
      {
        field: 'wifiLocations[1].ssid',
        severity: 'approximated',
        message: `The Wi-Fi name was shortened to "${forty}": WeCom allows at most 40 characters.`,
        sourceValue: `${forty}!`,
        targetValue: forty,
      },
      ...defaultNotes(),
    ]);
  });
});

describe('canonicalToWecom: number of places (doc "wifi or location size maximum 500")', () => {
  /** n distinct valid MAC addresses 02:00:00:00:hh:ll. */
  function macs(count: number, from = 0): WifiLocation[] {
    return Array.from({ length: count }, (_, index) => {
      const n = from + index;
      const hex = (value: number) => value.toString(16).padStart(2, '0');
      return wifi({ ssid: `net ${n}`, bssid: `02:00:00:00:${hex(n >> 8)}:${hex(n & 255)}` });
    });
  }

  it('keeps exactly 500 places without a loss', () => {
    const result = write(officeRule({ gpsLocations: [gps()], wifiLocations: macs(499) }));
    expect(result.ok && [result.value.loc_infos!.length, result.value.wifimac_infos!.length]).toEqual([1, 499]);
    expect(result.losses).toEqual(defaultNotes());
  });

  it('keeps GPS locations first and leaves out the Wi-Fi networks beyond 500 in all', () => {
    const locations = Array.from({ length: 300 }, (_, index) => gps({ name: `site ${index}` }));
    const result = write(officeRule({ gpsLocations: locations, wifiLocations: macs(201) }));
    if (!result.ok) throw new Error('refused');
    expect(result.value.loc_infos!.length).toBe(300);
    // 500 − 300 = 200 networks stay: net 0 … net 199.
    expect(result.value.wifimac_infos!.length).toBe(200);
    expect(result.value.wifimac_infos!.at(-1)).toEqual({ wifiname: 'net 199', wifimac: '02:00:00:00:00:c7' });
    expect(result.losses).toEqual([
      {
        field: 'wifiLocations',
        severity: 'dropped',
        message: 'WeCom allows at most 500 locations and Wi-Fi networks; 1 were left out.',
        sourceValue: 1,
      },
      ...defaultNotes(),
    ]);
  });

  it('refuses a rule left without any place', () => {
    const result = write(officeRule({ wifiLocations: [], gpsLocations: [] }));
    expect(result).toEqual({
      ok: false,
      losses: [
        {
          field: 'gpsLocations',
          severity: 'blocking',
          message:
            'No usable GPS location or Wi-Fi network is left; WeCom requires at least one place where people may punch.',
        },
        ...defaultNotes(),
      ],
    });
  });
});

describe('canonicalToWecom: fixed week', () => {
  it('writes a weekday that points to a missing shift as a rest day and says which', () => {
    const result = write(officeRule({ week: { 1: 'day', 2: 'gone', 3: null, 4: null, 5: null, 6: null, 7: null } }));
    expect(result.ok && result.value.checkindate!.map((entry) => entry.workdays)).toEqual([[1]]);
    expect(result.losses).toEqual([
      {
        field: 'week.2',
        severity: 'dropped',
        message: 'Tuesday points to a shift that is not in the rule, so it was written as a rest day.',
        sourceValue: 'gone',
      },
      ...defaultNotes(),
    ]);
  });
});
