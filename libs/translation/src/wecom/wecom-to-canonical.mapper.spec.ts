import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { wecomCheckinGroupReadSchema } from '@app/wecom/model';
import { renderRule } from '../../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { wecomReadToCanonical, wecomToCanonical } from './wecom-to-canonical.mapper.js';
import type { CanonicalRule } from '../canonical/canonical-rule.js';
import type { Translation } from '../canonical/loss.js';
import { representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { damagedArbitrary, wecomReadOf } from '../../test/vendor-inputs.js';
import { sparseReadArbitrary } from '../../test/wecom-sparse-read.js';

const FIXTURE = JSON.parse(
  readFileSync(
    new URL(
      '../../../../test/fixtures/vendor-examples/wecom-getcorpcheckinoption-response-SKIT.FlurlHttpClient.Wechat.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { group: Record<string, unknown>[] };
const EXAMPLE = FIXTURE.group[0]!;

function ok(result: Translation<CanonicalRule>): CanonicalRule {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  return result.value;
}

/** A minimal valid fixed rule as getcorpcheckinoption returns it (synthetic, ours). */
function fixedGroup(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grouptype: 1,
    groupid: 7,
    groupname: 'Office',
    checkindate: [
      {
        workdays: [1, 2, 3, 4, 5],
        checkintime: [
          {
            time_id: 1,
            work_sec: 32400,
            off_work_sec: 64800,
            remind_work_sec: 32400,
            remind_off_work_sec: 64800,
            earliest_work_sec: 28800,
            latest_work_sec: 36000,
            earliest_off_work_sec: 61200,
            latest_off_work_sec: 68400,
          },
        ],
      },
    ],
    wifimac_infos: [{ wifiname: 'Office', wifimac: 'AA-BB-CC-00-11-22' }],
    range: { party_id: ['10'], userid: ['alice'], tagid: [] },
    ...extra,
  };
}

describe('wecomToCanonical: the vendor example (SKIT getcorpcheckinoption)', () => {
  // Read inside each test: a read at collection time runs before Stryker selects a mutant, which would make every
  // mutant this example reaches a static one (each rerunning every covering test).
  const read = (): Translation<CanonicalRule> => wecomToCanonical(EXAMPLE);

  it('maps the fixed rule with two sections per weekday, Monday–Friday', () => {
    const rule = ok(read());
    expect(rule.kind).toBe('fixed');
    expect(rule.name).toBe('打卡规则1');
    expect(rule.idSpace).toBe('wecom');
    expect(rule.timeZone).toBe('Asia/Shanghai');
    expect(rule.shifts).toHaveLength(1);
    const shift = rule.shifts[0]!;
    expect(shift.name).toBe('');
    expect(shift.sections.map((s) => [s.onSec, s.offSec])).toEqual([
      [36000, 43200],
      [50400, 72000],
    ]);
    // Legacy noneed_offwork = true applies to every section of the day.
    expect(shift.sections.every((s) => s.noPunchOff && !s.noPunchOn)).toBe(true);
    // limit_aheadtime 3 h is the first section's earliest clock-in (see the legacy-limit tests below).
    expect(shift.sections.map((s) => s.punchWindow?.earliestOnSec ?? null)).toEqual([36000 - 3 * 3600, null]);
    expect(rule.week).toEqual({
      1: shift.key,
      2: shift.key,
      3: shift.key,
      4: shift.key,
      5: shift.key,
      6: null,
      7: null,
    });
  });

  it('reads members (partyid spelling tolerated), white_users as exempt, places, special days, policies', () => {
    const rule = ok(read());
    expect(rule.members).toEqual({ userIds: ['LiJingZhong', 'icef'], departmentIds: [], excludedUserIds: ['canno'] });
    expect(rule.gpsLocations).toEqual([
      {
        name: 'T.I.T创意园',
        address: '广东省广州市海珠区新港中路397号',
        latitude: 23.09749,
        longitude: 113.32375,
        radiusMeters: 300,
      },
      {
        name: '腾讯成都大厦',
        address: '四川省成都市武侯区高新南区天府三街',
        latitude: 30.54703,
        longitude: 104.06289,
        radiusMeters: 300,
      },
    ]);
    expect(rule.wifiLocations).toEqual([
      { ssid: 'Tencent-WiFi-2', bssid: '70:10:5c:7d:f6:d5' },
      { ssid: 'Tencent-WiFi-1', bssid: 'c0:7b:bc:37:f8:d3' },
    ]);
    // 1512144000 = 2017-12-02 00:00 China; 1512057600 = 2017-12-01.
    expect(rule.specialWorkdays).toEqual([
      {
        date: '2017-12-02',
        shiftKey: null,
        note: '必须打卡的日期',
        sections: [expect.objectContaining({ onSec: 32400, offSec: 61200, punchWindow: null })],
      },
    ]);
    expect(rule.specialOffdays).toEqual([{ date: '2017-12-01', note: '不需要打卡的日期' }]);
    expect(rule.followsHolidayCalendar).toBe(true);
    expect(rule.photoRequired).toBe(true);
    expect(rule.remedy).toEqual({
      allowed: true,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: true,
      forLate: true,
      forEarly: true,
      forOther: true,
      forNormal: false,
    });
    expect(rule.outOfRange).toBe('exception');
    expect(rule.faceRecognition).toBe(false);
    // Legacy ot_info: allow_ot_workingday true; otapplyinfo.allow_ot_nonworkingday true (rest days and holidays).
    expect(rule.overtime).toEqual({ workday: true, restDay: true, holiday: true });
    // Every section and the special workday remind 10 min before work and at the end of work.
    expect(rule.punchReminder).toEqual({ beforeOnSec: 600, afterOffSec: 0 });
    expect(rule.restDayPunch).toBe('allowed'); // allow_checkin_offworkday true, a fixed rule
  });

  it('reports what it could not carry', () => {
    const result = read();
    const fields = result.losses.map((loss) => `${loss.severity} ${loss.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'dropped group.range.tagid',
        // legacy limit_aheadtime 3 h (ms), carried as the first section's earliest clock-in, other bounds defaulted
        'approximated group.checkindate[0].checkintime[0]',
        'info group.schedulelist',
        'info group.ot_info',
        'info group.reporterinfo',
        'info group.note_can_use_local_pic',
        'dropped group.offwork_interval_time',
      ]),
    );
    const legacy = result.losses.find((loss) => loss.field === 'group.checkindate[0].checkintime[0]');
    expect(legacy?.message).toContain('3 h before work'); // 10800000 ms read as 3 h, not 10800000 s
    expect(lossKeys(result)).not.toContain('dropped group.allow_checkin_offworkday');
    expect(result.losses.every((loss) => loss.severity !== 'blocking')).toBe(true);
  });
});

describe('wecomToCanonical: mapping rows', () => {
  it('re-indexes weekdays: WeCom 0 = Sunday → ISO 7', () => {
    const group = fixedGroup();
    (group.checkindate as Record<string, unknown>[])[0]!.workdays = [0, 6];
    const rule = ok(wecomToCanonical(group));
    const key = rule.shifts[0]!.key;
    expect(rule.week).toEqual({ 1: null, 2: null, 3: null, 4: null, 5: null, 6: key, 7: key });
  });

  it('keeps next-day times above 86400 and explicit punch windows', () => {
    const group = fixedGroup();
    (group.checkindate as Record<string, unknown>[])[0]!.checkintime = [
      {
        work_sec: 79200,
        off_work_sec: 100800,
        earliest_work_sec: 75600,
        latest_work_sec: 82800,
        earliest_off_work_sec: 97200,
        latest_off_work_sec: 104400,
      },
    ];
    const section = ok(wecomToCanonical(group)).shifts[0]!.sections[0]!;
    expect(section).toMatchObject({
      onSec: 79200,
      offSec: 100800,
      punchWindow: { earliestOnSec: 75600, latestOnSec: 82800, earliestOffSec: 97200, latestOffSec: 104400 },
    });
  });

  it('derives the same shift key for the same layout, and merges equal layouts', () => {
    const group = fixedGroup();
    const entry = (group.checkindate as Record<string, unknown>[])[0]!;
    group.checkindate = [
      { ...entry, workdays: [1, 2] },
      { ...entry, workdays: [3] },
    ];
    const rule = ok(wecomToCanonical(group));
    expect(rule.shifts).toHaveLength(1);
    expect(ok(wecomToCanonical(fixedGroup())).shifts[0]!.key).toBe(rule.shifts[0]!.key);
    expect(rule.shifts[0]!.key).toMatch(/^fixed-0900-1800-[0-9a-f]{8}$/);
  });

  it('reads grace (flex_on/off_duty_time, seconds) into every section; -1 means legacy flex_time in ms', () => {
    const group = fixedGroup();
    Object.assign((group.checkindate as Record<string, unknown>[])[0]!, {
      allow_flex: true,
      flex_on_duty_time: -1,
      flex_off_duty_time: 600,
      flex_time: 300000,
    });
    const section = ok(wecomToCanonical(group)).shifts[0]!.sections[0]!;
    expect(section.lateGraceSec).toBe(300);
    expect(section.earlyLeaveGraceSec).toBe(600);
  });

  it('reads arrive-early/late as flexibleArrival and late_rule.timerules as sorted steps', () => {
    const group = fixedGroup();
    Object.assign((group.checkindate as Record<string, unknown>[])[0]!, {
      allow_flex: true,
      max_allow_arrive_early: 1800,
      max_allow_arrive_late: 3600,
      late_rule: {
        allow_offwork_after_time: true,
        timerules: [
          { offwork_after_time: 7200, onwork_flex_time: 3600 },
          { offwork_after_time: 3600, onwork_flex_time: 1800 },
        ],
      },
    });
    const shift = ok(wecomToCanonical(group)).shifts[0]!;
    expect(shift.flexibleArrival).toEqual({ maxEarlySec: 1800, maxLateSec: 3600 });
    expect(shift.lateOffLateOn).toEqual([
      { offLateSec: 3600, onLateSec: 1800 },
      { offLateSec: 7200, onLateSec: 3600 },
    ]);
  });

  it('reads breaks and per-section no-punch flags', () => {
    const group = fixedGroup();
    Object.assign((group.checkindate as Record<string, unknown>[])[0]!.checkintime as object, {
      0: {
        work_sec: 32400,
        off_work_sec: 64800,
        allow_rest: true,
        rest_begin_time: 43200,
        rest_end_time: 46800,
        no_need_checkon: true,
      },
    });
    const section = ok(wecomToCanonical(group)).shifts[0]!.sections[0]!;
    expect(section.rest).toEqual({ beginSec: 43200, endSec: 46800 });
    expect(section.noPunchOn).toBe(true);
    expect(section.noPunchOff).toBe(false);
  });

  it('normalises MACs, converts int×1e6 GCJ-02 coordinates to degrees', () => {
    const rule = ok(
      wecomToCanonical(
        fixedGroup({
          wifimac_infos: [
            { wifiname: 'A', wifimac: 'AA-BB-CC-00-11-22' },
            { wifiname: 'B', wifimac: 'not a mac' },
          ],
          loc_infos: [{ lat: 39908823, lng: 116397470, loc_title: 'T', loc_detail: 'D', distance: 500 }],
        }),
      ),
    );
    expect(rule.wifiLocations).toEqual([{ ssid: 'A', bssid: 'aa:bb:cc:00:11:22' }]);
    expect(rule.gpsLocations).toEqual([
      { name: 'T', address: 'D', latitude: 39.908823, longitude: 116.39747, radiusMeters: 500 },
    ]);
  });

  it('reads the remedy bits: a set bit closes that type (low→high missing, late, early, other)', () => {
    const rule = ok(
      wecomToCanonical(
        fixedGroup({
          allow_apply_offworkday: true,
          allow_apply_bk_cnt: 3,
          allow_apply_bk_day_limit: 7,
          buka_restriction: 0b1010,
        }),
      ),
    );
    expect(rule.remedy).toEqual({
      allowed: true,
      monthlyLimit: 3,
      daysLimit: 7,
      forMissing: true,
      forLate: false,
      forEarly: true,
      forOther: false,
      forNormal: false,
    });
  });

  it('maps option_out_range, face, photo, holidays and ot_info_v2', () => {
    const rule = ok(
      wecomToCanonical(
        fixedGroup({
          option_out_range: 2,
          use_face_detect: true,
          open_face_live_detect: true,
          need_photo: false,
          sync_holidays: false,
          ot_info_v2: {
            workdayconf: { allow_ot: false },
            restdayconf: { allow_ot: true },
            holidayconf: { allow_ot: false },
          },
        }),
      ),
    );
    expect(rule).toMatchObject({
      outOfRange: 'forbidden',
      faceRecognition: true,
      faceLiveness: 'silent',
      photoRequired: false,
      followsHolidayCalendar: false,
      overtime: { workday: false, restDay: true, holiday: false },
    });
    expect(ok(wecomToCanonical(fixedGroup({ option_out_range: 1 }))).outOfRange).toBe('field_punch');
  });

  it('turns special-day midnights into dates in the time zone, expanding type-1 ranges', () => {
    const rule = ok(
      wecomToCanonical(
        fixedGroup({
          // 2026-01-01 00:00 China = 1767196800; a 3-day type-1 range.
          spe_offdays: [{ type: 1, begtime: 1767196800, endtime: 1767196800 + 2 * 86400, notes: 'New year' }],
        }),
      ),
    );
    expect(rule.specialOffdays.map((day) => day.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    const utc = ok(
      wecomToCanonical(fixedGroup({ spe_offdays: [{ timestamp: 1767196800, notes: 'x' }] }), { timeZone: 'UTC' }),
    );
    expect(utc.specialOffdays[0]!.date).toBe('2025-12-31');
  });

  it('maps a by-shift rule: schedule_id is the shift key, the rest schedule 0 is not a shift', () => {
    const rule = ok(
      wecomToCanonical({
        ...fixedGroup(),
        grouptype: 2,
        checkindate: [],
        schedulelist: [
          { schedule_id: 0, schedule_name: '休息', time_section: [] },
          {
            schedule_id: 229,
            schedule_name: '早班',
            time_section: [{ time_id: 1, work_sec: 32400, off_work_sec: 43200 }],
            limit_aheadtime: 14400000,
            limit_offtime: 14400,
            allow_flex: false,
          },
        ],
      }),
    );
    expect(rule.kind).toBe('shift_based');
    expect(rule.week).toEqual({});
    expect(rule.shifts).toEqual([
      expect.objectContaining({
        key: '229',
        name: '早班',
        sections: [expect.objectContaining({ onSec: 32400, offSec: 43200 })],
      }),
    ]);
  });

  it('maps a free rule: workdays, standard_work_duration -1 → null, span_day_time', () => {
    const free = (extra: Record<string, unknown>) =>
      ok(
        wecomToCanonical({
          ...fixedGroup(),
          grouptype: 3,
          checkindate: [{ workdays: [0, 1, 2], checkintime: [] }],
          ...extra,
        }),
      );
    expect(free({ standard_work_duration: -1, span_day_time: 14400 }).free).toEqual({
      workdays: [1, 2, 7],
      requiredWorkSec: null,
      dayStartSec: 14400,
    });
    expect(free({ standard_work_duration: 28800 }).free?.requiredWorkSec).toBe(28800);
    expect(free({}).shifts).toEqual([]);
  });

  it('reports tags, attendance-machine punching and reporters', () => {
    const result = wecomToCanonical(
      fixedGroup({ range: { userid: ['a'], tagid: [3] }, type: 2, reporterinfo: { reporters: [{ userid: 'boss' }] } }),
    );
    const fields = result.losses.map((loss) => `${loss.severity} ${loss.field}`);
    expect(fields).toEqual(
      expect.arrayContaining(['dropped group.range.tagid', 'dropped group.type', 'info group.reporterinfo']),
    );
  });
});

describe('wecomToCanonical: refusals and robustness', () => {
  it.each([
    ['not an object', 'x', 'group'],
    ['missing groupname', { grouptype: 1, groupid: 1 }, 'group.groupname'],
    [
      'workdays of the wrong type',
      fixedGroup({ checkindate: [{ workdays: 'mon', checkintime: [] }] }),
      'group.checkindate.0.workdays',
    ],
    ['an unknown grouptype', fixedGroup({ grouptype: 9 }), 'group.grouptype'],
  ])('refuses %s with a blocking loss naming the field', (_name, input, field) => {
    const result = wecomToCanonical(input);
    expect(result.ok).toBe(false);
    expect(result.losses).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'blocking', field })]));
  });

  it('refuses an unknown time zone instead of throwing', () => {
    expect(wecomToCanonical(fixedGroup(), { timeZone: 'Mars/Olympus' }).ok).toBe(false);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = wecomToCanonical(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated real payloads', () => {
    const bases = [EXAMPLE, fixedGroup(), { ...fixedGroup(), grouptype: 3 }];
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.anything()), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          const payload = structuredClone(bases[which]!) as unknown;
          for (const [at, value] of edits) mutate(payload, at, value);
          const result = wecomToCanonical(payload);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** `severity field` of each loss, for compact assertions. */
function lossKeys(result: Translation<CanonicalRule>): string[] {
  return result.losses.map((loss) => `${loss.severity} ${loss.field}`);
}

/** The first checkindate entry of a fixedGroup(), to edit in place. */
function firstDay(group: Record<string, unknown>): Record<string, unknown> {
  return (group.checkindate as Record<string, unknown>[])[0]!;
}

/** The issue #16 shape: a free rule read with workdays only (no checkintime, no settings). */
function sparseFreeGroup(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grouptype: 3,
    groupid: 16,
    groupname: 'Free',
    checkindate: [{ workdays: [1, 2, 3, 4, 5] }],
    range: { userid: ['alice'] },
    ...extra,
  };
}

describe('wecomToCanonical: sparse reads (issue #16) — the doc default, or a loss, never a throw', () => {
  it('reads a free rule without checkintime, with the free-rule defaults (-1 duration, 00:00 day start)', () => {
    const result = wecomToCanonical(sparseFreeGroup());
    expect(ok(result).free).toEqual({ workdays: [1, 2, 3, 4, 5], requiredWorkSec: null, dayStartSec: 0 });
    expect(result.losses.filter((loss) => loss.severity !== 'info')).toEqual([]);
    // A free rule read with no checkindate at all has no known working weekday, and is still read.
    expect(ok(wecomToCanonical(sparseFreeGroup({ checkindate: undefined }))).free?.workdays).toEqual([]);
  });

  it('applies the doc defaults of every optional setting (WECOM_RULE_READ_DEFAULTS)', () => {
    const minimal = {
      grouptype: 1,
      groupid: 1,
      groupname: 'Minimal',
      checkindate: [{ workdays: [1], checkintime: [{ work_sec: 32400, off_work_sec: 64800 }] }],
    };
    const result = wecomToCanonical(minimal);
    const rule = ok(result);
    expect(rule).toMatchObject({
      followsHolidayCalendar: true, // sync_holidays 默认 true
      faceRecognition: false,
      faceLiveness: 'none',
      photoRequired: false,
      outOfRange: 'exception', // option_out_range 默认 0
      overtime: { workday: false, restDay: false, holiday: false },
      punchReminder: null, // no remind_* stored
      restDayPunch: 'forbidden', // allow_checkin_offworkday 默认 false
      remedy: { allowed: false }, // allow_apply_offworkday 默认 false
    });
    // With make-up punches allowed: allow_apply_bk_cnt / _day_limit 默认 -1 (unlimited), buka_restriction 默认 0.
    expect(ok(wecomToCanonical({ ...minimal, allow_apply_offworkday: true })).remedy).toEqual({
      allowed: true,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: true,
      forLate: true,
      forEarly: true,
      forOther: true,
      forNormal: false,
    });
    expect(rule.shifts[0]!.sections[0]).toMatchObject({
      punchWindow: null, // no earliest/latest windows: the vendor default window
      noPunchOn: false,
      noPunchOff: false,
      rest: null,
      lateGraceSec: 0,
      earlyLeaveGraceSec: 0,
    });
    expect(rule.shifts[0]!.lateOffLateOn).toEqual([]);
    // Nothing to report: type 默认 0 (phone), no reminders, no late rule, no flex.
    expect(result.losses).toEqual([]);
  });

  it.each([
    ['no checkindate at all', { checkindate: undefined }],
    ['checkindate entries without checkintime', { checkindate: [{ workdays: [1, 2] }, { workdays: [3] }] }],
    ['only empty checkintime lists', { checkindate: [{ workdays: [1], checkintime: [] }] }],
  ])('refuses a fixed rule with no working times (%s), naming the field, without throwing', (_name, extra) => {
    const result = wecomToCanonical(fixedGroup(extra));
    expect(result.ok).toBe(false);
    expect(result.losses.filter((loss) => loss.severity === 'blocking')).toEqual([
      expect.objectContaining({ field: 'group.checkindate.checkintime' }),
    ]);
  });

  it('reads the other days of a fixed rule when one entry has no checkintime or no workdays', () => {
    const group = fixedGroup();
    const day = firstDay(group);
    group.checkindate = [
      { ...day, workdays: [1, 2, 3] },
      { workdays: [4, 5] },
      { checkintime: [{ work_sec: 36000, off_work_sec: 68400 }] },
    ];
    const result = wecomToCanonical(group);
    const rule = ok(result);
    expect(rule.week).toMatchObject({ 1: rule.shifts[0]!.key, 4: null, 5: null });
    expect(lossKeys(result)).toEqual(
      expect.arrayContaining(['dropped group.checkindate[1].checkintime', 'dropped group.checkindate[2].workdays']),
    );
  });

  it('leaves out a location without radius or coordinates, and a Wi-Fi without MAC; an unnamed Wi-Fi is kept', () => {
    const result = wecomToCanonical(
      fixedGroup({
        loc_infos: [
          { lat: 39908823, lng: 116397470, loc_title: 'No radius', loc_detail: 'D' },
          { loc_title: 'Nowhere', distance: 300 },
          { lat: 39908823, lng: 116397470, distance: 500 },
        ],
        wifimac_infos: [{ wifiname: 'No MAC' }, { wifimac: 'AA-BB-CC-00-11-22' }],
      }),
    );
    const rule = ok(result);
    expect(rule.gpsLocations).toEqual([
      { name: '', address: '', latitude: 39.908823, longitude: 116.39747, radiusMeters: 500 },
    ]);
    expect(rule.wifiLocations).toEqual([{ ssid: '', bssid: 'aa:bb:cc:00:11:22' }]);
    expect(lossKeys(result)).toEqual(
      expect.arrayContaining([
        'dropped group.loc_infos[0].distance',
        'dropped group.loc_infos[1]',
        'dropped group.wifimac_infos[0].wifimac',
        'info group.wifimac_infos[1].wifiname',
      ]),
    );
  });

  it('reads allow_flex by its container default unless a flex value says it is on', () => {
    // checkindate.allow_flex 默认 false, but a value is only allowed with allow_flex true (doc): on.
    const withValue = fixedGroup();
    Object.assign(firstDay(withValue), { flex_on_duty_time: 600, flex_off_duty_time: 300 });
    expect(ok(wecomToCanonical(withValue)).shifts[0]!.sections[0]).toMatchObject({
      lateGraceSec: 600,
      earlyLeaveGraceSec: 300,
    });
    // schedulelist.allow_flex 默认 true: a late rule switched on is read without allow_flex.
    const byShift = wecomToCanonical({
      ...fixedGroup(),
      grouptype: 2,
      checkindate: undefined,
      schedulelist: [
        {
          schedule_id: 5,
          schedule_name: '早班',
          time_section: [{ work_sec: 32400, off_work_sec: 61200 }],
          late_rule: {
            allow_offwork_after_time: true,
            timerules: [{ offwork_after_time: 3600, onwork_flex_time: 1800 }],
          },
        },
      ],
    });
    expect(ok(byShift).shifts[0]!.lateOffLateOn).toEqual([{ offLateSec: 3600, onLateSec: 1800 }]);
    // late_rule.allow_offwork_after_time 默认 false: steps without the switch are ignored, and told.
    const switchedOff = fixedGroup();
    Object.assign(firstDay(switchedOff), {
      allow_flex: true,
      late_rule: { timerules: [{ offwork_after_time: 3600, onwork_flex_time: 1800 }] },
    });
    const off = wecomToCanonical(switchedOff);
    expect(ok(off).shifts[0]!.lateOffLateOn).toEqual([]);
    expect(lossKeys(off)).toContain('info group.checkindate[0].late_rule');
  });

  it('reads a late-rule step without onwork_flex_time as 0, and says so', () => {
    const group = fixedGroup();
    Object.assign(firstDay(group), {
      allow_flex: true,
      late_rule: {
        allow_offwork_after_time: true,
        timerules: [{ offwork_after_time: 7200 }, { offwork_after_time: 3600, onwork_flex_time: 1800 }, {}],
      },
    });
    const result = wecomToCanonical(group);
    expect(ok(result).shifts[0]!.lateOffLateOn).toEqual([
      { offLateSec: 3600, onLateSec: 1800 },
      { offLateSec: 7200, onLateSec: 0 },
    ]);
    expect(lossKeys(result)).toContain('info group.checkindate[0].late_rule.timerules[0]');
  });

  it('reads missing ot_info_v2 parts as "overtime not allowed there", and says which', () => {
    const partial = wecomToCanonical(fixedGroup({ ot_info_v2: { workdayconf: { allow_ot: true } } }));
    expect(ok(partial).overtime).toEqual({ workday: true, restDay: false, holiday: false });
    const note = partial.losses.find((loss) => loss.field === 'group.ot_info_v2' && loss.message.includes('allow_ot'));
    expect(note?.message).toContain('restdayconf, holidayconf');
    const empty = wecomToCanonical(fixedGroup({ ot_info_v2: { restdayconf: { type: 1 } } }));
    expect(ok(empty).overtime).toEqual({ workday: false, restDay: false, holiday: false });
    expect(empty.losses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'group.ot_info_v2',
          severity: 'info',
          message: expect.stringContaining('workdayconf, restdayconf, holidayconf'),
        }),
      ]),
    );
  });

  it('reads no reminder when none is stored, and a break only with allow_rest (默认 false)', () => {
    const group = fixedGroup();
    firstDay(group).checkintime = [
      { work_sec: 32400, off_work_sec: 64800, rest_begin_time: 43200, rest_end_time: 46800 },
    ];
    const result = wecomToCanonical(group);
    expect(ok(result).shifts[0]!.sections[0]!.rest).toBeNull();
    expect(lossKeys(result)).toContain('info group.checkindate[0].checkintime[0].allow_rest');
    expect(ok(result).punchReminder).toBeNull();
  });

  it('reads flex durations in seconds, or in milliseconds when only that unit fits (evidence in the model)', () => {
    const grace = (values: Record<string, unknown>) => {
      const group = fixedGroup();
      Object.assign(firstDay(group), { allow_flex: true, ...values });
      return wecomToCanonical(group);
    };
    const seconds = grace({ flex_on_duty_time: 600, flex_off_duty_time: 21600 });
    expect(ok(seconds).shifts[0]!.sections[0]).toMatchObject({ lateGraceSec: 600, earlyLeaveGraceSec: 21600 });
    expect(seconds.losses).toEqual([]);

    const milliseconds = grace({ flex_on_duty_time: 600_000, flex_off_duty_time: 300_000 });
    expect(ok(milliseconds).shifts[0]!.sections[0]).toMatchObject({ lateGraceSec: 600, earlyLeaveGraceSec: 300 });
    expect(milliseconds.losses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'group.checkindate[0].flex_on_duty_time',
          severity: 'info',
          sourceValue: 600_000,
          targetValue: 600,
        }),
      ]),
    );

    const arrival = grace({ max_allow_arrive_early: 1_800_000, max_allow_arrive_late: 3600 });
    expect(ok(arrival).shifts[0]!.flexibleArrival).toEqual({ maxEarlySec: 1800, maxLateSec: 3600 });

    // Above the maximum in both units: kept as seconds, and told.
    const neither = grace({ flex_on_duty_time: 25_001 });
    expect(ok(neither).shifts[0]!.sections[0]!.lateGraceSec).toBe(25_001);
    expect(lossKeys(neither)).toContain('info group.checkindate[0].flex_on_duty_time');
  });

  it('ignores keys it does not model, wherever they are', () => {
    const plain = wecomToCanonical(fixedGroup());
    const group = fixedGroup({ open_sp_checkin: true, x_future: { a: 1 } });
    Object.assign(firstDay(group), { x_future: [1] });
    (firstDay(group).checkintime as Record<string, unknown>[])[0]!.x_future = 'y';
    const extra = wecomToCanonical(group);
    expect(ok(extra)).toEqual(ok(plain));
    expect(extra.losses).toEqual(plain.losses);
  });
});

describe('wecomToCanonical: property — any doc-legal sparse rule is read or refused by name, never thrown', () => {
  // Doc-legal sparse reads: what the emulator answers for a representable rule, the SKIT example and a minimal
  // synthetic rule, each with optional fields left out at random and unknown keys added (wecom-sparse-read.ts,
  // driven by the read schema). The one refusal a sparse rule may earn is a fixed rule without working times.
  const bases = fc.oneof(
    representableRuleArbitrary()
      .map((rule) => wecomReadOf(rule, renderRule))
      .filter((read): read is Record<string, unknown> => read !== null),
    fc.constantFrom<Record<string, unknown>>(EXAMPLE, fixedGroup(), sparseFreeGroup()),
  );
  const sparseReads = bases.chain((read) => sparseReadArbitrary(read, wecomCheckinGroupReadSchema));

  it('never throws, and refuses only with blocking losses that name a field', () => {
    fc.assert(
      fc.property(sparseReads, (read) => {
        expect(wecomCheckinGroupReadSchema.safeParse(read).success).toBe(true);
        const result = wecomToCanonical(read);
        if (result.ok) return;
        const blocking = result.losses.filter((loss) => loss.severity === 'blocking');
        expect(blocking.length).toBeGreaterThan(0);
        for (const loss of blocking) expect(loss.field).toBe('group.checkindate.checkintime');
        expect((read as { grouptype: number }).grouptype).toBe(1);
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('wecomToCanonical: property — the read schema decides what is readable', () => {
  // The mapper reads a rule through wecomCheckinGroupReadSchema, the schema the client reads each rule of the list
  // with (readRecords): what the emulator answers for a representable rule, with optional fields left out and
  // unknown keys added, and the same with random damage.
  const reads = representableRuleArbitrary()
    .map((rule) => wecomReadOf(rule, renderRule))
    .filter((read): read is Record<string, unknown> => read !== null);
  const sparseReads = reads.chain((read) => sparseReadArbitrary(read, wecomCheckinGroupReadSchema));

  it('reads a rule the same before and after the client has read it with the schema', () => {
    fc.assert(
      fc.property(fc.oneof(reads, sparseReads), (read) => {
        const parsed = wecomCheckinGroupReadSchema.parse(read);
        const translation = wecomToCanonical(read);
        expect(wecomToCanonical(parsed)).toEqual(translation);
        // The connectors translate a listed rule so, without reading it a second time.
        expect(wecomReadToCanonical(parsed)).toEqual(translation);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('the schema takes every doc-legal sparse read and keeps its unknown keys (read-modify-write needs them)', () => {
    fc.assert(
      fc.property(sparseReads, (read) => {
        const parsed = wecomCheckinGroupReadSchema.parse(read);
        for (const key of Object.keys(read as object)) expect(parsed).toHaveProperty([key]);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('refuses a damaged rule exactly when the schema does, naming the field of its first issue', () => {
    fc.assert(
      fc.property(fc.oneof(reads, sparseReads).chain(damagedArbitrary), (rule) => {
        const parsed = wecomCheckinGroupReadSchema.safeParse(rule);
        const result = wecomToCanonical(rule);
        const unreadable = result.losses.filter((loss) => loss.message.startsWith('The WeCom rule could not be read'));
        if (parsed.success) {
          expect(unreadable).toEqual([]);
          return;
        }
        expect(result.ok).toBe(false);
        const first = parsed.error.issues[0]!;
        expect(unreadable[0]).toMatchObject({
          severity: 'blocking',
          field: ['group', ...first.path.map(String)].join('.'),
        });
      }),
      { seed: 1, numRuns: 2000 },
    );
  });
});

describe('wecomToCanonical: what the canonical model carries since issue #17', () => {
  it.each<[string, Record<string, unknown>, CanonicalRule['faceLiveness'], string | null]>([
    ['liveness with face recognition', { use_face_detect: true, open_face_live_detect: true }, 'silent', null],
    ['face recognition only', { use_face_detect: true, open_face_live_detect: false }, 'none', null],
    [
      'liveness stored without face recognition (WeCom needs both)',
      { use_face_detect: false, open_face_live_detect: true },
      'none',
      'info group.open_face_live_detect',
    ],
    ['neither stored (both 默认 false)', {}, 'none', null],
  ])('liveness: %s', (_name, extra, liveness, loss) => {
    const result = wecomToCanonical(fixedGroup(extra));
    expect(ok(result).faceLiveness).toBe(liveness);
    if (loss === null) expect(result.losses).toEqual([]);
    else expect(lossKeys(result)).toContain(loss);
  });

  it.each<[string, Record<string, unknown>, CanonicalRule['overtime']]>([
    [
      'ot_info_v2, each kind of day on its own',
      {
        ot_info_v2: {
          workdayconf: { allow_ot: true, type: 1 },
          restdayconf: { allow_ot: false, type: 2 },
          holidayconf: { allow_ot: true, type: 0 },
        },
      },
      { workday: true, restDay: false, holiday: true },
    ],
    [
      'ot_info_v2 without restdayconf / holidayconf (read as not allowed, as before)',
      { ot_info_v2: { workdayconf: { allow_ot: true } } },
      { workday: true, restDay: false, holiday: false },
    ],
    [
      'legacy ot_info: working days only',
      { ot_info: { allow_ot_workingday: true, allow_ot_nonworkingday: false } },
      { workday: true, restDay: false, holiday: false },
    ],
    [
      'legacy ot_info: non-working days (rest days and holidays) through otapplyinfo',
      { ot_info: { allow_ot_workingday: false, otapplyinfo: { allow_ot_nonworkingday: true } } },
      { workday: false, restDay: true, holiday: true },
    ],
    [
      'ot_info_v2 wins over the legacy block',
      {
        ot_info_v2: {
          workdayconf: { allow_ot: false },
          restdayconf: { allow_ot: false },
          holidayconf: { allow_ot: false },
        },
        ot_info: { allow_ot_workingday: true },
      },
      { workday: false, restDay: false, holiday: false },
    ],
    ['no overtime settings at all', {}, { workday: false, restDay: false, holiday: false }],
  ])('overtime per kind of day: %s', (_name, extra, overtime) => {
    expect(ok(wecomToCanonical(fixedGroup(extra))).overtime).toEqual(overtime);
  });

  it('reads no "normal punch" remedy: WeCom has none (buka_restriction covers exceptions only)', () => {
    const rule = ok(wecomToCanonical(fixedGroup({ allow_apply_offworkday: true, buka_restriction: 0 })));
    expect(rule.remedy).toMatchObject({ allowed: true, forNormal: false });
  });

  /** fixedGroup() with the reminders of its sections replaced (undefined = left out). */
  function withReminders(...sections: [number | undefined, number | undefined][]): Record<string, unknown> {
    const group = fixedGroup();
    firstDay(group).checkintime = sections.map(([remindWork, remindOff], index) => {
      const work = 32400 + index * 4 * 3600;
      const time: Record<string, unknown> = { work_sec: work, off_work_sec: work + 3 * 3600 };
      if (remindWork !== undefined) time.remind_work_sec = work - remindWork;
      if (remindOff !== undefined) time.remind_off_work_sec = work + 3 * 3600 + remindOff;
      return time;
    });
    return group;
  }

  it.each<[string, Record<string, unknown>, CanonicalRule['punchReminder'], string[]]>([
    [
      'every section at the start and end of work',
      withReminders([0, 0], [0, 0]),
      { beforeOnSec: 0, afterOffSec: 0 },
      [],
    ],
    [
      '10 min before, 30 min after',
      withReminders([600, 1800], [600, 1800]),
      { beforeOnSec: 600, afterOffSec: 1800 },
      [],
    ],
    [
      'sections that differ: the first, approximated',
      withReminders([600, 1800], [300, 0]),
      { beforeOnSec: 600, afterOffSec: 1800 },
      ['approximated group.checkindate[0].checkintime[1]'],
    ],
    ['no reminder fields at all', withReminders([undefined, undefined]), null, []],
    [
      'no clock-out reminder stored: at the end of work, reported on the first section under remind_off_work_sec',
      withReminders([600, undefined], [600, undefined]),
      { beforeOnSec: 600, afterOffSec: 0 },
      ['info group.checkindate[0].checkintime[0].remind_off_work_sec'],
    ],
    [
      'no clock-in reminder stored: at the start of work, reported under remind_work_sec',
      withReminders([undefined, 1800]),
      { beforeOnSec: 0, afterOffSec: 1800 },
      ['info group.checkindate[0].checkintime[0].remind_work_sec'],
    ],
    [
      'a reminder after the start of work (not a WeCom choice) reads as at the start',
      withReminders([-300, 0]),
      { beforeOnSec: 0, afterOffSec: 0 },
      ['approximated group.checkindate[0].checkintime[0].remind_work_sec'],
    ],
    [
      'a by-shift rule: its shifts’ sections (the rest schedule has none)',
      {
        ...fixedGroup(),
        grouptype: 2,
        checkindate: undefined,
        schedulelist: [
          { schedule_id: 0, schedule_name: '休息' },
          {
            schedule_id: 5,
            schedule_name: '早班',
            allow_flex: false,
            time_section: [
              { work_sec: 32400, off_work_sec: 61200, remind_work_sec: 31200, remind_off_work_sec: 64800 },
            ],
          },
        ],
      },
      { beforeOnSec: 1200, afterOffSec: 3600 },
      [],
    ],
    ['a free rule: no sections, no reminder', sparseFreeGroup(), null, []],
  ])('punch reminders: %s', (_name, group, reminder, losses) => {
    const result = wecomToCanonical(group);
    expect(ok(result).punchReminder).toEqual(reminder);
    expect(lossKeys(result).filter((key) => key.includes('remind') || key.includes('checkintime['))).toEqual(losses);
  });

  it("reports a missing reminder of a by-shift rule on its schedule's first section, in words HR can read", () => {
    const result = wecomToCanonical({
      ...fixedGroup(),
      grouptype: 2,
      checkindate: undefined,
      schedulelist: [
        { schedule_id: 0, schedule_name: '休息' },
        {
          schedule_id: 5,
          schedule_name: '早班',
          allow_flex: false,
          time_section: [
            { work_sec: 46800, off_work_sec: 64800, remind_work_sec: 46200 },
            { work_sec: 32400, off_work_sec: 43200, remind_work_sec: 31800 },
          ],
        },
      ],
    });
    expect(ok(result).punchReminder).toEqual({ beforeOnSec: 600, afterOffSec: 0 });
    const reminderLosses = result.losses.filter((loss) => loss.field.includes('remind'));
    expect(reminderLosses).toEqual([
      {
        field: 'group.schedulelist[1].time_section[1].remind_off_work_sec',
        severity: 'info',
        message:
          "No clock-out reminder is stored for 09:00–12:00 or the rule's other time sections; it was read as at the end of work.",
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, CanonicalRule['restDayPunch'], string[]]>([
    ['fixed, allowed', fixedGroup({ allow_checkin_offworkday: true }), 'allowed', []],
    ['fixed, not allowed', fixedGroup({ allow_checkin_offworkday: false }), 'forbidden', []],
    ['fixed, not stored (默认 false)', fixedGroup(), 'forbidden', []],
    [
      'by shift: the setting exists for fixed rules only',
      {
        ...fixedGroup({ allow_checkin_offworkday: true }),
        grouptype: 2,
        checkindate: undefined,
        schedulelist: [
          { schedule_id: 5, schedule_name: 'A', time_section: [{ work_sec: 32400, off_work_sec: 61200 }] },
        ],
      },
      null,
      ['info group.allow_checkin_offworkday'],
    ],
    ['free, not stored', sparseFreeGroup(), null, []],
  ])('punching on rest days (allow_checkin_offworkday): %s', (_name, group, policy, losses) => {
    const result = wecomToCanonical(group);
    expect(ok(result).restDayPunch).toBe(policy);
    expect(lossKeys(result).filter((key) => key.includes('allow_checkin_offworkday'))).toEqual(losses);
  });

  /** fixedGroup() whose one section keeps only its times, plus `day` fields (e.g. limit_aheadtime). */
  function legacyDay(day: Record<string, unknown>, time: Record<string, unknown> = {}): Record<string, unknown> {
    const group = fixedGroup();
    Object.assign(firstDay(group), day);
    firstDay(group).checkintime = [{ work_sec: 32400, off_work_sec: 64800, ...time }];
    return group;
  }

  it.each<[string, Record<string, unknown>, TimeSectionWindow, string[]]>([
    [
      'limit_aheadtime (ms) is the earliest clock-in; the other bounds are the gateway’s defaults',
      legacyDay({ limit_aheadtime: 10_800_000 }),
      { earliestOnSec: 32400 - 3 * 3600, latestOnSec: 48600, earliestOffSec: 48600, latestOffSec: 64800 + 3600 },
      ['approximated group.checkindate[0].checkintime[0]'],
    ],
    [
      'a newer earliest_work_sec wins over limit_aheadtime',
      legacyDay({ limit_aheadtime: 10_800_000 }, { earliest_work_sec: 30600 }),
      { earliestOnSec: 30600, latestOnSec: 48600, earliestOffSec: 48600, latestOffSec: 64800 + 3600 },
      ['approximated group.checkindate[0].checkintime[0]'],
    ],
    [
      'a full newer window wins, and no loss',
      (() => {
        const group = fixedGroup();
        firstDay(group).limit_aheadtime = 0;
        return group;
      })(),
      { earliestOnSec: 28800, latestOnSec: 36000, earliestOffSec: 61200, latestOffSec: 68400 },
      [],
    ],
    [
      'limit_aheadtime 0 is "not set" (what WeCom echoes next to newer fields)',
      legacyDay({ limit_aheadtime: 0 }),
      null,
      [],
    ],
  ])('legacy punch limits: %s', (_name, group, window, losses) => {
    const result = wecomToCanonical(group);
    expect(ok(result).shifts[0]!.sections[0]!.punchWindow).toEqual(window);
    expect(lossKeys(result).filter((key) => key.startsWith('approximated') || key.startsWith('dropped'))).toEqual(
      losses,
    );
  });

  it('reads a schedule’s limit_aheadtime (ms) on its first section and limit_offtime (s) on its last', () => {
    const rule = ok(
      wecomToCanonical({
        ...fixedGroup(),
        grouptype: 2,
        checkindate: undefined,
        schedulelist: [
          {
            schedule_id: 229,
            schedule_name: '早班',
            allow_flex: false,
            limit_aheadtime: 14_400_000,
            limit_offtime: 14_400,
            time_section: [
              { work_sec: 32400, off_work_sec: 43200 },
              { work_sec: 50400, off_work_sec: 64800 },
            ],
          },
        ],
      }),
    );
    const [first, second] = rule.shifts[0]!.sections;
    expect(first!.punchWindow).toMatchObject({ earliestOnSec: 32400 - 4 * 3600 });
    expect(second!.punchWindow).toMatchObject({ latestOffSec: 64800 + 4 * 3600 });
  });

  it('reads the SKIT example’s limit_aheadtime 3 h on the first section only; the second keeps the default', () => {
    const [first, second] = ok(wecomToCanonical(EXAMPLE)).shifts[0]!.sections;
    expect(first!.punchWindow).toEqual({
      earliestOnSec: 36000 - 3 * 3600,
      latestOnSec: 39600,
      earliestOffSec: 39600,
      // The default hour after work, cut where the next section's default window starts (as the writer does).
      latestOffSec: 46740,
    });
    expect(second!.punchWindow).toBeNull();
  });

  it('reads late-rule steps as a real 2024 WeCom answer has them (WxJava issue #3323): leave ≥ arrive, ascending', () => {
    const group = fixedGroup();
    Object.assign(firstDay(group), {
      allow_flex: true,
      flex_on_duty_time: 300,
      late_rule: {
        offwork_after_time: 3600,
        onwork_flex_time: 3600,
        allow_offwork_after_time: true,
        timerules: [
          { offwork_after_time: 18000, onwork_flex_time: 3600 },
          { offwork_after_time: 21600, onwork_flex_time: 7200 },
          { offwork_after_time: 28800, onwork_flex_time: 10800 },
        ],
      },
    });
    expect(ok(wecomToCanonical(group)).shifts[0]!.lateOffLateOn).toEqual([
      { offLateSec: 18000, onLateSec: 3600 },
      { offLateSec: 21600, onLateSec: 7200 },
      { offLateSec: 28800, onLateSec: 10800 },
    ]);
  });
});

type TimeSectionWindow = CanonicalRule['shifts'][number]['sections'][number]['punchWindow'];

/** Replace the value at the (at mod n)-th path of the JSON tree with `value`. */
function mutate(root: unknown, at: number, value: unknown): void {
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, key]);
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(root);
  if (slots.length === 0) return;
  const [parent, key] = slots[at % slots.length]!;
  parent[key] = value;
}
