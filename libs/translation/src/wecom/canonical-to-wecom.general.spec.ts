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
