import fc from 'fast-check';
import { addDays } from '@app/kernel';
import { wecomCheckinGroupCreateSchema, type WecomCheckinGroupCreate } from '@app/wecom/model';
import { validateCheckinOption } from '../../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type {
  CanonicalRule,
  GpsLocation,
  IsoWeekday,
  LateOffLateOnStep,
  Shift,
  SpecialOffday,
  SpecialWorkday,
  TimeSection,
} from '../canonical/canonical-rule.js';
import { sameIdResolver, tableIdResolver, type IdResolver } from '../canonical/id-resolver.js';
import type { Loss, Translation } from '../canonical/loss.js';
import { normalizeRule } from '../canonical/normalize-rule.js';
import { canonicalToWecom, type CanonicalToWecomOptions } from './canonical-to-wecom.mapper.js';
import { wecomToCanonical } from './wecom-to-canonical.mapper.js';
import { fixedShiftKey, WECOM_DISTANCES } from './wecom-rule.util.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';
import { PropertyReach } from '../../../../test/support/property-reach.js';

/** 2025-06-14 23:06:40 China. Fixed, so nothing here depends on the clock. */
const NOW = 1_749_913_600;
const H = 3600;
const M = 60;
const OPTIONS: CanonicalToWecomOptions = {
  resolver: sameIdResolver((id) => id),
  ruleName: 'Office',
  nowUnixSeconds: NOW,
};

const rule = officeRule;

/** The payload, after checking it is ok:true, passes the emulator's WeCom rules and the strict write schema. */
function valid(result: Translation<WecomCheckinGroupCreate>): WecomCheckinGroupCreate {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  expect(validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
  expect(wecomCheckinGroupCreateSchema.safeParse(result.value).success).toBe(true);
  return result.value;
}

function write(canonical: CanonicalRule, options: Partial<CanonicalToWecomOptions> = {}) {
  return canonicalToWecom(canonical, { ...OPTIONS, ...options });
}

function lossesOf(result: Translation<unknown>, severity?: Loss['severity']): string[] {
  return result.losses.filter((loss) => severity === undefined || loss.severity === severity).map((loss) => loss.field);
}

function firstTime(group: WecomCheckinGroupCreate) {
  return group.checkindate![0]!.checkintime[0]!;
}

describe('canonicalToWecom: fixed rules (grouptype 1)', () => {
  it('writes the week grouped by shift with WeCom weekdays (Sunday = 0), time_ids 1..n and required defaults', () => {
    const canonical = rule({
      shifts: [shift('a', [section(9 * H, 12 * H), section(13 * H, 18 * H)]), shift('b', [section(10 * H, 16 * H)])],
      week: { 1: 'a', 2: 'a', 3: 'a', 4: 'a', 5: 'a', 6: null, 7: 'b' },
    });
    const group = valid(write(canonical, { remindBeforeWorkMinutes: 10, remindAfterOffMinutes: 30 }));
    expect(group.grouptype).toBe(1);
    expect(group.groupname).toBe('Office');
    expect(group.checkindate!.map((entry) => entry.workdays)).toEqual([[1, 2, 3, 4, 5], [0]]);
    expect(group.checkindate!.flatMap((entry) => entry.checkintime.map((time) => time.time_id))).toEqual([1, 2, 3]);
    expect(firstTime(group)).toMatchObject({
      work_sec: 9 * H,
      remind_work_sec: 9 * H - 10 * M,
      remind_off_work_sec: 12 * H + 30 * M,
    });
    expect(group.ot_info_v2).toEqual({
      workdayconf: { allow_ot: false, type: 2 },
      restdayconf: { allow_ot: false, type: 2 },
      holidayconf: { allow_ot: false, type: 2 },
    });
    // Deterministic: the same rule yields the same payload.
    expect(valid(write(canonical, { remindBeforeWorkMinutes: 10, remindAfterOffMinutes: 30 }))).toEqual(group);
  });

  it('synthesises a default punch window when the canonical rule has none (info loss)', () => {
    const result = write(rule());
    expect(firstTime(valid(result))).toMatchObject({
      earliest_work_sec: 8 * H,
      latest_work_sec: 13 * H + 30 * M,
      earliest_off_work_sec: 13 * H + 30 * M,
      latest_off_work_sec: 19 * H,
    });
    expect(lossesOf(result, 'info')).toContain('shifts.sections.punchWindow');
  });

  it('keeps next-day times (> 86400) and clamps a fixed rule’s clock-out window to 04:00 next day', () => {
    const night = section(22 * H, 27 * H, {
      punchWindow: { earliestOnSec: 21 * H, latestOnSec: 23 * H, earliestOffSec: 26 * H, latestOffSec: 30 * H },
    });
    const result = write(rule({ shifts: [shift('day', [night])] }));
    expect(firstTime(valid(result))).toMatchObject({
      work_sec: 79200,
      off_work_sec: 97200,
      latest_off_work_sec: 100800,
    });
    expect(lossesOf(result, 'approximated')).toContain('shifts.day.sections[0].punchWindow');
  });

  it('pulls overlapping punch windows of neighbouring sections apart', () => {
    const wide = { earliestOnSec: 0, latestOnSec: 0, earliestOffSec: 0, latestOffSec: 0 };
    const a = section(9 * H, 12 * H, {
      punchWindow: { ...wide, earliestOnSec: 8 * H, latestOnSec: 10 * H, earliestOffSec: 11 * H, latestOffSec: 14 * H },
    });
    const b = section(13 * H, 18 * H, {
      punchWindow: {
        ...wide,
        earliestOnSec: 11 * H,
        latestOnSec: 14 * H,
        earliestOffSec: 17 * H,
        latestOffSec: 19 * H,
      },
    });
    const group = valid(write(rule({ shifts: [shift('day', [a, b])] })));
    const [first, second] = group.checkindate![0]!.checkintime;
    expect(first!.latest_off_work_sec).toBeLessThan(second!.earliest_work_sec);
  });

  it('rounds times to whole minutes and grace to 5-minute steps, with readable losses', () => {
    const result = write(rule({ shifts: [shift('day', [section(9 * H + 20, 18 * H, { lateGraceSec: 7 * M })])] }));
    const group = valid(result);
    expect(firstTime(group).work_sec).toBe(9 * H);
    expect(group.checkindate![0]).toMatchObject({ allow_flex: true, flex_on_duty_time: 5 * M });
    const grace = result.losses.find((loss) => loss.field === 'shifts.day.sections.lateGraceSec');
    expect(grace?.message).toBe(
      'Grace for late arrival 7 min was rounded to 5 min: WeCom only allows multiples of 5 minutes, up to 6 hours.',
    );
  });

  it('keeps flexible arrival and reports the grace: WeCom makes them mutually exclusive', () => {
    const result = write(
      rule({
        shifts: [
          shift('day', [section(9 * H, 18 * H, { lateGraceSec: 600 })], {
            flexibleArrival: { maxEarlySec: 1800, maxLateSec: 1800 },
          }),
        ],
      }),
    );
    expect(valid(result).checkindate![0]).toMatchObject({
      allow_flex: true,
      flex_on_duty_time: 0,
      flex_off_duty_time: 0,
      max_allow_arrive_early: 1800,
      max_allow_arrive_late: 1800,
    });
    expect(lossesOf(result, 'dropped')).toContain('shifts.day.sections.lateGraceSec');
  });

  it('writes late-off-late-on in 15-minute steps, and drops it when the shift has no flexible time', () => {
    const steps: LateOffLateOnStep[] = [{ offLateSec: 3700, onLateSec: 1800 }];
    const withFlex = write(
      rule({ shifts: [shift('day', [section(9 * H, 18 * H, { lateGraceSec: 300 })], { lateOffLateOn: steps })] }),
    );
    expect(valid(withFlex).checkindate![0]!.late_rule).toEqual({
      allow_offwork_after_time: true,
      timerules: [{ offwork_after_time: 3600, onwork_flex_time: 1800 }],
    });
    const withoutFlex = write(rule({ shifts: [shift('day', [section(9 * H, 18 * H)], { lateOffLateOn: steps })] }));
    expect(valid(withoutFlex).checkindate![0]!.late_rule).toBeUndefined();
    expect(lossesOf(withoutFlex, 'dropped')).toContain('shifts.day.lateOffLateOn');
  });

  it('writes breaks and no-punch flags; a break outside the section is dropped', () => {
    const result = write(
      rule({
        shifts: [
          shift('day', [
            section(9 * H, 12 * H, { rest: { beginSec: 10 * H, endSec: 10 * H + 900 }, noPunchOff: true }),
            section(13 * H, 18 * H, { rest: { beginSec: 12 * H, endSec: 14 * H } }),
          ]),
        ],
      }),
    );
    const [first, second] = valid(result).checkindate![0]!.checkintime;
    expect(first).toMatchObject({
      allow_rest: true,
      rest_begin_time: 36000,
      rest_end_time: 36900,
      no_need_checkoff: true,
    });
    expect(second).toMatchObject({ allow_rest: false });
    expect(lossesOf(result, 'dropped')).toContain('shifts.day.sections[1].rest');
  });

  it('writes special days as future China midnights with notes; past days dropped, empty notes synthesised', () => {
    const result = write(
      rule({
        idSpace: 'feishu',
        specialWorkdays: [
          { date: '2026-02-01', shiftKey: 'day', sections: [], note: '' },
          { date: '2025-01-01', shiftKey: null, sections: [section(9 * H, 17 * H)], note: 'past' },
        ],
        specialOffdays: [{ date: '2026-01-01', note: '元旦' }],
      }),
    );
    const group = valid(result);
    expect(group.spe_workdays).toEqual([
      {
        type: 0,
        timestamp: 1769875200, // 2026-02-01 00:00 UTC+8
        notes: 'Synced from Feishu',
        checkintime: [
          { time_id: 2, work_sec: 9 * H, off_work_sec: 18 * H, remind_work_sec: 9 * H, remind_off_work_sec: 18 * H },
        ],
      },
    ]);
    expect(group.spe_offdays).toEqual([{ type: 0, timestamp: 1767196800, notes: '元旦' }]);
    expect(lossesOf(result, 'dropped')).toContain('specialWorkdays.2025-01-01');
  });

  it('resolves members through the resolver, reports unmapped ones, and writes exempt users as white_users', () => {
    const resolver = tableIdResolver(
      new Map([
        ['ou_1', 'alice'],
        ['ou_3', 'carol'],
      ]),
      new Map([['od_1', '5']]),
    );
    const result = write(
      rule({
        idSpace: 'feishu',
        members: { userIds: ['ou_1', 'ou_2'], departmentIds: ['od_1', 'od_9'], excludedUserIds: ['ou_3'] },
      }),
      { resolver },
    );
    const group = valid(result);
    expect(group.range).toEqual({ userid: ['alice'], party_id: ['5'] });
    expect(group.white_users).toEqual(['carol']);
    const dropped = result.losses.filter((loss) => loss.severity === 'dropped');
    expect(dropped.map((loss) => loss.field)).toEqual(['members.userIds', 'members.departmentIds']);
    expect(dropped[0]!.message).toContain('ou_2');
  });

  it('snaps GPS radius, converts degrees to int×1e6 and normalises MACs', () => {
    const gps: GpsLocation = {
      name: 'HQ',
      address: 'Road 1',
      latitude: 39.908823,
      longitude: 116.39747,
      radiusMeters: 1250,
    };
    const result = write(rule({ gpsLocations: [gps], wifiLocations: [{ ssid: 'W', bssid: 'AA-BB-CC-DD-EE-FF' }] }));
    const group = valid(result);
    expect(group.loc_infos).toEqual([
      { lat: 39908823, lng: 116397470, loc_title: 'HQ', loc_detail: 'Road 1', distance: 1500 },
    ]);
    expect(group.wifimac_infos).toEqual([{ wifiname: 'W', wifimac: 'aa:bb:cc:dd:ee:ff' }]);
    expect(lossesOf(result, 'approximated')).toContain('gpsLocations[0].radiusMeters');
  });

  it('writes remedy bits (set bit = closed) and limits; face, photo, out-of-range, overtime', () => {
    const group = valid(
      write(
        rule({
          remedy: {
            allowed: true,
            monthlyLimit: 3,
            daysLimit: null,
            forMissing: true,
            forLate: false,
            forEarly: true,
            forOther: false,
            forNormal: false,
          },
          faceRecognition: true,
          faceLiveness: 'silent',
          photoRequired: true,
          outOfRange: 'field_punch',
          overtime: { workday: true, restDay: true, holiday: true },
          followsHolidayCalendar: false,
        }),
      ),
    );
    expect(group).toMatchObject({
      allow_apply_offworkday: true,
      allow_apply_bk_cnt: 3,
      allow_apply_bk_day_limit: -1,
      buka_restriction: 0b1010,
      use_face_detect: true,
      open_face_live_detect: true,
      need_photo: true,
      option_out_range: 1,
      sync_holidays: false,
    });
    expect(group.ot_info_v2.restdayconf.allow_ot).toBe(true);
  });
});

describe('canonicalToWecom: what the canonical model carries since issue #17', () => {
  it.each<[string, boolean, CanonicalRule['faceLiveness'], [boolean, boolean], string | null]>([
    ['silent liveness', true, 'silent', [true, true], null],
    [
      'action liveness: WeCom’s one check has no action variant',
      true,
      'action',
      [true, true],
      'approximated faceLiveness',
    ],
    ['no liveness', true, 'none', [true, false], null],
    ['liveness without face recognition', false, 'silent', [false, false], 'dropped faceLiveness'],
  ])('liveness: %s', (_name, faceRecognition, faceLiveness, [face, live], loss) => {
    const result = write(rule({ faceRecognition, faceLiveness }));
    expect(valid(result)).toMatchObject({ use_face_detect: face, open_face_live_detect: live });
    const keys = result.losses.map((l) => `${l.severity} ${l.field}`).filter((key) => key.includes('face'));
    expect(keys).toEqual(loss === null ? [] : [loss]);
  });

  it.each<[string, CanonicalRule['overtime'], [boolean, boolean, boolean], string | null]>([
    ['each kind of day as the rule says', { workday: true, restDay: false, holiday: true }, [true, false, true], null],
    [
      'kinds the source does not say: not allowed on a create, and told',
      { workday: true, restDay: null, holiday: null },
      [true, false, false],
      'rest days and holidays',
    ],
  ])('overtime per kind of day: %s', (_name, overtime, [workday, restDay, holiday], told) => {
    const result = write(rule({ overtime }));
    expect(valid(result).ot_info_v2).toEqual({
      workdayconf: { allow_ot: workday, type: 2 },
      restdayconf: { allow_ot: restDay, type: 2 },
      holidayconf: { allow_ot: holiday, type: 2 },
    });
    const loss = result.losses.find((l) => l.field === 'overtime');
    if (told === null) expect(loss).toBeUndefined();
    else expect(loss).toMatchObject({ severity: 'info', message: expect.stringContaining(told) });
  });

  it.each<[string, Partial<CanonicalRule['remedy']>, string[]]>([
    ['a normal-punch remedy (WeCom has none)', { allowed: true, forNormal: true }, ['dropped remedy.forNormal']],
    ['no normal-punch remedy', { allowed: true, forNormal: false }, []],
    ['make-up punches off: nothing to say about normal punches', { allowed: false, forNormal: true }, []],
  ])('remedy: %s', (_name, remedy, losses) => {
    const base = rule().remedy;
    const result = write(
      rule({ remedy: { ...base, forMissing: true, forLate: true, forEarly: true, forOther: true, ...remedy } }),
    );
    valid(result);
    expect(result.losses.map((l) => `${l.severity} ${l.field}`).filter((key) => key.includes('remedy'))).toEqual(
      losses,
    );
  });

  it.each<[string, Partial<CanonicalRule>, Partial<CanonicalToWecomOptions>, [number, number], string[]]>([
    [
      'the rule’s reminder',
      { punchReminder: { beforeOnSec: 10 * M, afterOffSec: 30 * M } },
      {},
      [9 * H - 10 * M, 18 * H + 30 * M],
      [],
    ],
    [
      'no reminder in the source: the deployment default, and told',
      { punchReminder: null },
      { remindBeforeWorkMinutes: 5, remindAfterOffMinutes: 60 },
      [9 * H - 5 * M, 19 * H],
      ['info punchReminder'],
    ],
    [
      'a reminder WeCom does not offer: the nearest it does',
      { punchReminder: { beforeOnSec: 7 * M, afterOffSec: 45 * M } },
      {},
      [9 * H - 5 * M, 18 * H + 30 * M],
      ['approximated punchReminder.beforeOnSec', 'approximated punchReminder.afterOffSec'],
    ],
    [
      'kept inside the day: never before 00:00',
      {
        punchReminder: { beforeOnSec: 20 * M, afterOffSec: 0 },
        shifts: [shift('day', [section(10 * M, 8 * H)])],
      },
      {},
      [0, 8 * H],
      ['approximated shifts.day.sections[0].punchReminder'],
    ],
  ])('punch reminders: %s', (_name, extra, options, [remindWork, remindOff], losses) => {
    const result = write(rule(extra), options);
    expect(firstTime(valid(result))).toMatchObject({ remind_work_sec: remindWork, remind_off_work_sec: remindOff });
    expect(result.losses.map((l) => `${l.severity} ${l.field}`).filter((key) => key.includes('punchReminder'))).toEqual(
      losses,
    );
  });

  it('uses the rule’s reminder on special working days too, and says nothing of one for a free rule', () => {
    const fixed = valid(
      write(
        rule({
          punchReminder: { beforeOnSec: 15 * M, afterOffSec: 10 * M },
          specialWorkdays: [{ date: '2026-02-01', shiftKey: null, sections: [section(9 * H, 17 * H)], note: 'x' }],
        }),
      ),
    );
    expect(fixed.spe_workdays![0]!.checkintime[0]).toMatchObject({
      remind_work_sec: 9 * H - 15 * M,
      remind_off_work_sec: 17 * H + 10 * M,
    });
    const free = write(
      rule({
        kind: 'free',
        shifts: [],
        week: {},
        free: { workdays: [1], requiredWorkSec: null, dayStartSec: 0 },
        punchReminder: { beforeOnSec: 15 * M, afterOffSec: 10 * M },
      }),
    );
    valid(free);
    expect(free.losses.filter((l) => l.field === 'punchReminder')).toEqual([
      expect.objectContaining({ severity: 'info' }),
    ]);
  });

  it.each<[string, CanonicalRule['kind'], CanonicalRule['restDayPunch'], boolean | undefined, string[]]>([
    ['fixed, allowed', 'fixed', 'allowed', true, []],
    ['fixed, with approval: WeCom has no approval step', 'fixed', 'approval', true, ['approximated restDayPunch']],
    ['fixed, forbidden', 'fixed', 'forbidden', false, []],
    ['fixed, not said: left out (WeCom keeps its own)', 'fixed', null, undefined, []],
    [
      'by shift: WeCom has the setting for fixed rules only',
      'shift_based',
      'allowed',
      undefined,
      ['info restDayPunch'],
    ],
    ['by shift, not said', 'shift_based', null, undefined, []],
  ])('punching on rest days: %s', (_name, kind, restDayPunch, written, losses) => {
    const shapes: Partial<CanonicalRule> =
      kind === 'fixed' ? {} : { kind, week: {}, shifts: [shift('1', [section(9 * H, 17 * H)], { name: 'A' })] };
    const result = write(rule({ ...shapes, restDayPunch }));
    expect(valid(result).allow_checkin_offworkday).toBe(written);
    expect(result.losses.map((l) => `${l.severity} ${l.field}`).filter((key) => key.includes('restDayPunch'))).toEqual(
      losses,
    );
  });
});

describe('canonicalToWecom: by-shift (grouptype 2) and free (grouptype 3) rules', () => {
  it('writes schedulelist with the rest schedule 0, stable ids and explicit allow_flex', () => {
    const canonical = rule({
      kind: 'shift_based',
      week: {},
      shifts: [
        shift('229', [section(9 * H, 12 * H)], { name: '早班' }),
        shift('feishu-night', [section(18 * H, 22 * H)], { name: '' }),
      ],
    });
    const result = write(canonical);
    const group = valid(result);
    expect(group.checkindate).toBeUndefined();
    const [rest, early, night] = group.schedulelist!;
    expect(rest).toEqual({ schedule_id: 0, schedule_name: '休息' });
    expect(early).toMatchObject({ schedule_id: 229, schedule_name: '早班', allow_flex: false });
    expect(night!.schedule_name).toBe('18:00-22:00');
    expect(night!.schedule_id).toBeGreaterThan(0);
    expect(valid(write(canonical)).schedulelist).toEqual(group.schedulelist);
    expect(lossesOf(result, 'approximated')).toContain('shifts.feishu-night.name');
  });

  it('limits a by-shift rule’s first window to 4 hours before work', () => {
    const early = section(9 * H, 17 * H, {
      punchWindow: { earliestOnSec: 3 * H, latestOnSec: 10 * H, earliestOffSec: 16 * H, latestOffSec: 20 * H },
    });
    const group = valid(write(rule({ kind: 'shift_based', week: {}, shifts: [shift('1', [early], { name: 'A' })] })));
    expect(group.schedulelist![1]!.time_section![0]!.earliest_work_sec).toBe(5 * H);
  });

  it('writes a free rule: workdays, duration −1 for none, steps of 30 min otherwise', () => {
    const free = (requiredWorkSec: number | null) =>
      write(
        rule({
          kind: 'free',
          shifts: [],
          week: {},
          free: { workdays: [1, 2, 7], requiredWorkSec, dayStartSec: 4 * H },
        }),
      );
    const none = valid(free(null));
    expect(none).toMatchObject({
      grouptype: 3,
      checkindate: [{ workdays: [1, 2, 0], checkintime: [] }],
      standard_work_duration: -1,
      span_day_time: 4 * H,
    });
    const approx = free(8 * H + 10 * M);
    expect(valid(approx).standard_work_duration).toBe(8 * H);
    expect(lossesOf(approx, 'approximated')).toContain('free.requiredWorkSec');
  });
});

describe('canonicalToWecom: refusals', () => {
  it.each<[string, CanonicalRule, Partial<CanonicalToWecomOptions>, string]>([
    ['no GPS and no Wi-Fi left', rule({ wifiLocations: [{ ssid: 'x', bssid: 'nope' }] }), {}, 'gpsLocations'],
    [
      'nobody in the range after id resolution',
      rule({ idSpace: 'feishu', members: { userIds: ['ou_x'], departmentIds: [], excludedUserIds: [] } }),
      { resolver: tableIdResolver(new Map(), new Map()) },
      'members',
    ],
    [
      'more than 4 sections',
      rule({
        shifts: [
          shift(
            'day',
            [1, 2, 3, 4, 5].map((n) => section(n * 3 * H, n * 3 * H + H)),
          ),
        ],
      }),
      {},
      'shifts.day.sections',
    ],
    [
      'a fixed section ending after 04:00 next day',
      rule({ shifts: [shift('day', [section(22 * H, 29 * H)])] }),
      {},
      'shifts.day.sections[0]',
    ],
    [
      'sections too close for separate windows',
      rule({ shifts: [shift('day', [section(9 * H, 12 * H), section(12 * H + M, 18 * H)])] }),
      {},
      'shifts.day.sections[1]',
    ],
    ['a fixed rule without working days', rule({ week: {} }), {}, 'week'],
    [
      'a by-shift rule with too many shifts',
      rule({
        kind: 'shift_based',
        week: {},
        shifts: Array.from({ length: 50 }, (_, i) => shift(String(i + 1), [section(9 * H, 17 * H)], { name: `S${i}` })),
      }),
      {},
      'shifts',
    ],
  ])('refuses %s', (_name, canonical, options, field) => {
    const result = write(canonical, options);
    expect(result.ok).toBe(false);
    expect(result.losses).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'blocking', field })]));
    expect('value' in result).toBe(false);
  });
});

// ---- properties ---------------------------------------------------------------------------------------------

const minutes = (min: number, max: number) => fc.integer({ min, max }).map((n) => n * M);

/** Rough canonical rules, including many WeCom cannot hold: the writer must never throw, and never emit an invalid payload. */
const roughSection: fc.Arbitrary<TimeSection> = fc
  .record({
    on: fc.integer({ min: -H, max: 2 * 86400 }),
    length: fc.integer({ min: -H, max: 30 * H }),
    window: fc.option(fc.array(fc.integer({ min: -3 * H, max: 3 * H }), { minLength: 4, maxLength: 4 })),
    noPunchOn: fc.boolean(),
    noPunchOff: fc.boolean(),
    late: fc.integer({ min: -600, max: 30000 }),
    early: fc.integer({ min: 0, max: 30000 }),
    serious: fc.option(fc.nat(7200)),
    rest: fc.option(fc.tuple(fc.integer({ min: -H, max: 10 * H }), fc.integer({ min: 0, max: 3 * H }))),
  })
  .map(({ on, length, window, noPunchOn, noPunchOff, late, early, serious, rest }) =>
    section(on, on + length, {
      punchWindow:
        window === null
          ? null
          : {
              earliestOnSec: on + window[0]!,
              latestOnSec: on + window[1]!,
              earliestOffSec: on + length + window[2]!,
              latestOffSec: on + length + window[3]!,
            },
      noPunchOn,
      noPunchOff,
      lateGraceSec: late,
      earlyLeaveGraceSec: early,
      seriousLateSec: serious,
      rest: rest === null ? null : { beginSec: on + rest[0], endSec: on + rest[0] + rest[1] },
    }),
  );

const roughShift = (key: string) =>
  fc
    .record({
      name: fc.string({ maxLength: 45 }),
      sections: fc.array(roughSection, { minLength: 0, maxLength: 5 }),
      arrival: fc.option(
        fc.record({
          maxEarlySec: fc.integer({ min: -100, max: 30000 }),
          maxLateSec: fc.integer({ min: 0, max: 30000 }),
        }),
      ),
      steps: fc.array(
        fc.record({ offLateSec: fc.integer({ min: 0, max: 40000 }), onLateSec: fc.integer({ min: 0, max: 40000 }) }),
        { maxLength: 3 },
      ),
    })
    .map(({ name, sections, arrival, steps }) =>
      shift(key, sections, { name, flexibleArrival: arrival, lateOffLateOn: steps }),
    );

const dateArb = fc.integer({ min: -400, max: 800 }).map((offset) => addDays('2025-06-15', offset));
const idArb = fc.stringMatching(/^[a-z0-9_]{0,6}$/);

const roughRule: fc.Arbitrary<{
  rule: CanonicalRule;
  resolver: IdResolver;
  remindBefore: 0 | 5 | 10 | 15 | 20;
}> = fc
  .record({
    kind: fc.constantFrom<CanonicalRule['kind']>('fixed', 'shift_based', 'free'),
    name: fc.string({ maxLength: 45 }),
    timeZone: fc.constantFrom('Asia/Shanghai', 'Europe/Berlin'),
    idSpace: fc.constantFrom<CanonicalRule['idSpace']>('feishu', 'wecom'),
    users: fc.array(idArb, { maxLength: 4 }),
    departments: fc.array(idArb, { maxLength: 3 }),
    excluded: fc.array(idArb, { maxLength: 2 }),
    mapped: fc.func(fc.option(idArb, { nil: null })),
    keys: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 5000 }).map(String), fc.stringMatching(/^[a-z]{1,5}$/)), {
      maxLength: 4,
    }),
    week: fc.array(fc.nat(4), { minLength: 7, maxLength: 7 }),
    shiftSeeds: fc.array(roughShift('k'), { minLength: 4, maxLength: 4 }),
    freeDays: fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
    required: fc.option(fc.integer({ min: -100, max: 100000 })),
    dayStart: fc.integer({ min: -100, max: 90000 }),
    gps: fc.array(
      fc.record({
        name: fc.string({ maxLength: 45 }),
        address: fc.string({ maxLength: 45 }),
        latitude: fc.double({ min: -100, max: 100, noNaN: true }),
        longitude: fc.double({ min: -200, max: 200, noNaN: true }),
        radiusMeters: fc.integer({ min: -10, max: 5000 }),
      }),
      { maxLength: 2 },
    ),
    wifi: fc.array(
      fc.record({
        ssid: fc.string({ maxLength: 45 }),
        bssid: fc.oneof(fc.stringMatching(/^([0-9A-F]{2}[:-]){5}[0-9A-F]{2}$/), fc.string({ maxLength: 17 })),
      }),
      { maxLength: 2 },
    ),
    specialWork: fc.array(
      fc.record({
        date: dateArb,
        useShift: fc.boolean(),
        sections: fc.array(roughSection, { maxLength: 3 }),
        note: fc.string({ maxLength: 50 }),
      }),
      { maxLength: 3 },
    ),
    specialOff: fc.array(fc.record({ date: dateArb, note: fc.string({ maxLength: 50 }) }), { maxLength: 3 }),
    flags: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    monthly: fc.option(fc.integer({ min: -5, max: 200 })),
    days: fc.option(fc.integer({ min: -5, max: 400 })),
    outOfRange: fc.constantFrom<CanonicalRule['outOfRange']>('exception', 'field_punch', 'forbidden'),
    remindBefore: fc.constantFrom<0 | 5 | 10 | 15 | 20>(0, 5, 10, 15, 20),
    liveness: fc.constantFrom<CanonicalRule['faceLiveness']>('none', 'silent', 'action'),
    overtime: fc.record({
      workday: fc.option(fc.boolean(), { nil: null }),
      restDay: fc.option(fc.boolean(), { nil: null }),
      holiday: fc.option(fc.boolean(), { nil: null }),
    }),
    reminder: fc.option(
      fc.record({
        beforeOnSec: fc.integer({ min: -600, max: 7200 }),
        afterOffSec: fc.integer({ min: -600, max: 90000 }),
      }),
      { nil: null },
    ),
    restDay: fc.option(fc.constantFrom<'allowed' | 'approval' | 'forbidden'>('allowed', 'approval', 'forbidden'), {
      nil: null,
    }),
  })
  .map((g) => {
    const shifts = g.keys.map((key, index) => ({ ...g.shiftSeeds[index]!, key }));
    const week: Partial<Record<IsoWeekday, string | null>> = {};
    g.week.forEach((pick, index) => {
      week[(index + 1) as IsoWeekday] = pick === 4 ? null : (g.keys[pick] ?? 'missing');
    });
    const [f0, f1, f2, f3, f4, f5, f6, f7] = g.flags as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
    ];
    const canonical: CanonicalRule = {
      kind: g.kind,
      name: g.name,
      timeZone: g.timeZone,
      idSpace: g.idSpace,
      members: { userIds: g.users, departmentIds: g.departments, excludedUserIds: g.excluded },
      shifts,
      week: g.kind === 'fixed' ? week : {},
      free:
        g.kind === 'free'
          ? { workdays: g.freeDays as IsoWeekday[], requiredWorkSec: g.required, dayStartSec: g.dayStart }
          : null,
      gpsLocations: g.gps,
      wifiLocations: g.wifi,
      specialWorkdays: g.specialWork.map((day): SpecialWorkday => ({
        date: day.date,
        shiftKey: day.useShift ? (g.keys[0] ?? 'missing') : null,
        sections: day.sections,
        note: day.note,
      })),
      specialOffdays: g.specialOff,
      followsHolidayCalendar: f0,
      remedy: {
        allowed: f1,
        monthlyLimit: g.monthly,
        daysLimit: g.days,
        forMissing: f2,
        forLate: f3,
        forEarly: f4,
        forOther: f5,
        forNormal: f7,
      },
      faceRecognition: f6,
      faceLiveness: g.liveness,
      photoRequired: f0 && f6,
      outOfRange: g.outOfRange,
      overtime: g.overtime,
      punchReminder: g.reminder,
      restDayPunch: g.restDay,
    };
    const resolver: IdResolver = { user: (id) => g.mapped(id), department: (id) => g.mapped(`d${id}`) };
    return { rule: canonical, resolver, remindBefore: g.remindBefore };
  });

describe('canonicalToWecom: properties', () => {
  it('never throws, and every ok:true payload passes the WeCom rules (emulator) and the strict write schema', () => {
    const accepted = new PropertyReach();
    fc.assert(
      fc.property(roughRule, ({ rule: canonical, resolver, remindBefore }) => {
        const result = canonicalToWecom(canonical, {
          resolver,
          ruleName: canonical.name,
          nowUnixSeconds: NOW,
          remindBeforeWorkMinutes: remindBefore,
          remindAfterOffMinutes: 60,
        });
        if (!result.ok) {
          expect(result.losses.some((loss) => loss.severity === 'blocking')).toBe(true);
          return;
        }
        accepted.reached();
        expect(validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
        expect(wecomCheckinGroupCreateSchema.safeParse(result.value).success).toBe(true);
      }),
      { numRuns: 1500 },
    );
    // The generator must reach the interesting side too, not only refusals.
    accepted.expectAtLeast(51, 'payloads WeCom accepts');
  });
});

// ---- round trip -----------------------------------------------------------------------------------------------

/**
 * Canonical rules WeCom can hold exactly, already in the form wecomToCanonical produces: explicit punch windows
 * inside WeCom's bounds, one grace value per day, grace XOR flexible arrival, 5-/15-minute steps, allowed radii,
 * ×1e6 coordinates, future special days with times only, fixed shift keys derived from the layout, WeCom id
 * space. For these: wecomToCanonical(canonicalToWecom(r)) deep-equals normalizeRule(r), and both directions
 * report nothing above `info`.
 */
const representableDay: fc.Arbitrary<{
  sections: TimeSection[];
  flexibleArrival: Shift['flexibleArrival'];
  lateOffLateOn: LateOffLateOnStep[];
}> = fc
  .record({
    start: minutes(6 * 60, 10 * 60),
    parts: fc.array(
      fc.record({
        length: minutes(90, 180),
        gap: minutes(125, 150),
        window: fc.tuple(minutes(1, 60), minutes(1, 60), minutes(1, 60), minutes(0, 60)),
        noPunchOn: fc.boolean(),
        noPunchOff: fc.boolean(),
        rest: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    flex: fc.oneof(
      fc.record({
        kind: fc.constant('grace' as const),
        late: fc.nat(72).map((n) => n * 300),
        early: fc.nat(72).map((n) => n * 300),
      }),
      fc.record({
        kind: fc.constant('arrival' as const),
        late: fc.integer({ min: 1, max: 72 }).map((n) => n * 300),
        early: fc.nat(72).map((n) => n * 300),
      }),
    ),
    steps: fc.uniqueArray(
      fc
        .tuple(fc.integer({ min: 1, max: 40 }), fc.nat(40))
        .map(([off, on]) => ({ offLateSec: off * 900, onLateSec: Math.min(on, off) * 900 })),
      { maxLength: 2, selector: (step) => step.offLateSec },
    ),
  })
  .map(({ start, parts, flex, steps }) => {
    let on = start;
    const sections = parts.map((part) => {
      const off = on + part.length;
      const [a, b, c, d] = part.window;
      const result = section(on, off, {
        punchWindow: { earliestOnSec: on - a, latestOnSec: on + b, earliestOffSec: off - c, latestOffSec: off + d },
        noPunchOn: part.noPunchOn,
        noPunchOff: part.noPunchOff,
        lateGraceSec: flex.kind === 'grace' ? flex.late : 0,
        earlyLeaveGraceSec: flex.kind === 'grace' ? flex.early : 0,
        rest: part.rest ? { beginSec: on + 30 * M, endSec: on + 60 * M } : null,
      });
      on = off + part.gap;
      return result;
    });
    const hasFlex = flex.kind === 'arrival' || flex.late > 0 || flex.early > 0;
    return {
      sections,
      flexibleArrival: flex.kind === 'arrival' ? { maxEarlySec: flex.early, maxLateSec: flex.late } : null,
      lateOffLateOn: hasFlex ? [...steps].sort((x, y) => x.offLateSec - y.offLateSec) : [],
    };
  });

const futureDate = fc.integer({ min: 1, max: 300 }).map((offset) => addDays('2025-12-31', offset));
const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,18}[A-Za-z0-9]$/);

const representableRule: fc.Arbitrary<CanonicalRule> = fc
  .record({
    kind: fc.constantFrom<CanonicalRule['kind']>('fixed', 'shift_based', 'free'),
    name: text,
    users: fc.uniqueArray(fc.stringMatching(/^u[0-9]{1,3}$/), { minLength: 1, maxLength: 3 }),
    departments: fc.uniqueArray(fc.stringMatching(/^[1-9][0-9]{0,2}$/), { maxLength: 2 }),
    excluded: fc.uniqueArray(fc.stringMatching(/^x[0-9]{1,3}$/), { maxLength: 2 }),
    days: fc.array(representableDay, { minLength: 1, maxLength: 3 }),
    week: fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }),
    scheduleIds: fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 3, maxLength: 3 }),
    free: fc.record({
      workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      required: fc.option(fc.integer({ min: 2, max: 48 }).map((n) => n * 1800)),
      dayStart: minutes(0, 24 * 60 - 1),
    }),
    gps: fc.uniqueArray(
      fc.record({
        name: text,
        address: text,
        latitude: fc.integer({ min: 18_000_000, max: 53_000_000 }).map((n) => n / 1e6),
        longitude: fc.integer({ min: 73_000_000, max: 135_000_000 }).map((n) => n / 1e6),
        radiusMeters: fc.constantFrom(...WECOM_DISTANCES),
      }),
      { maxLength: 2, selector: (gps) => gps.name },
    ),
    wifi: fc.uniqueArray(
      fc.record({
        ssid: text,
        bssid: fc
          .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
          .map((bytes) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':')),
      }),
      { minLength: 1, maxLength: 2, selector: (wifi) => wifi.bssid },
    ),
    specialDates: fc.uniqueArray(futureDate, { maxLength: 4 }),
    specialKinds: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    specialStart: minutes(4 * 60, 12 * 60),
    notes: text,
    flags: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    reminder: fc.record({
      beforeOnSec: fc.constantFrom(0, 5, 10, 15, 20).map((n) => n * M),
      afterOffSec: fc.constantFrom(0, 10, 20, 30, 60).map((n) => n * M),
    }),
    overtimeKinds: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    monthly: fc.option(fc.integer({ min: 0, max: 99 })),
    daysLimit: fc.option(fc.integer({ min: 1, max: 180 })),
    bits: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    outOfRange: fc.constantFrom<CanonicalRule['outOfRange']>('exception', 'field_punch', 'forbidden'),
  })
  .map((g): CanonicalRule => {
    const [holiday, remedyOn, face, live, photo, overtime, anyWork, offworkday] = g.flags as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
    ];
    let shifts: Shift[] = [];
    let week: CanonicalRule['week'] = {};
    if (g.kind === 'fixed') {
      const keyed = g.days.map((day) => ({ key: fixedShiftKey(day), name: '', ...day }));
      const picks: (number | null)[] = g.week.map((pick, index) =>
        pick < keyed.length ? pick : index === 0 && anyWork ? 0 : null,
      );
      if (!picks.some((pick) => pick !== null)) picks[0] = 0;
      const used = new Map<string, Shift>();
      const fullWeek: Partial<Record<IsoWeekday, string | null>> = {};
      picks.forEach((pick, index) => {
        const chosen = pick === null ? null : keyed[pick]!;
        fullWeek[(index + 1) as IsoWeekday] = chosen === null ? null : chosen.key;
        if (chosen !== null) used.set(chosen.key, chosen);
      });
      shifts = [...used.values()];
      week = fullWeek;
    } else if (g.kind === 'shift_based') {
      shifts = g.days.map((day, index) => ({
        key: String(g.scheduleIds[index]!),
        name: `S${g.scheduleIds[index]!}`,
        ...day,
      }));
    }
    const specialWorkdays: SpecialWorkday[] = [];
    const specialOffdays: SpecialOffday[] = [];
    g.specialDates.forEach((date, index) => {
      if (g.kind === 'fixed' && g.specialKinds[index]) {
        specialWorkdays.push({
          date,
          shiftKey: null,
          sections: [section(g.specialStart, g.specialStart + 8 * H)],
          note: g.notes,
        });
      } else specialOffdays.push({ date, note: g.notes });
    });
    return normalizeRule({
      kind: g.kind,
      name: g.name,
      timeZone: 'Asia/Shanghai',
      idSpace: 'wecom',
      members: { userIds: g.users, departmentIds: g.departments, excludedUserIds: g.excluded },
      shifts,
      week,
      free:
        g.kind === 'free'
          ? {
              workdays: g.free.workdays as IsoWeekday[],
              requiredWorkSec: g.free.required,
              dayStartSec: g.free.dayStart,
            }
          : null,
      gpsLocations: g.gps,
      wifiLocations: g.wifi,
      specialWorkdays,
      specialOffdays,
      followsHolidayCalendar: holiday,
      remedy: remedyOn
        ? {
            allowed: true,
            monthlyLimit: g.monthly,
            daysLimit: g.daysLimit,
            forMissing: g.bits[0]!,
            forLate: g.bits[1]!,
            forEarly: g.bits[2]!,
            forOther: g.bits[3]!,
            forNormal: false,
          }
        : {
            allowed: false,
            monthlyLimit: null,
            daysLimit: null,
            forMissing: true,
            forLate: true,
            forEarly: true,
            forOther: true,
            forNormal: false,
          },
      faceRecognition: face,
      faceLiveness: face && live ? 'silent' : 'none',
      photoRequired: photo,
      outOfRange: g.outOfRange,
      overtime: { workday: overtime, restDay: g.overtimeKinds[0]!, holiday: g.overtimeKinds[1]! },
      // A free rule has no time sections, so no reminder to carry.
      punchReminder: g.kind === 'free' ? null : g.reminder,
      restDayPunch: g.kind === 'fixed' ? (offworkday ? 'allowed' : 'forbidden') : null,
    });
  });

describe('round trip: wecomToCanonical(canonicalToWecom(r)) for rules WeCom can hold exactly', () => {
  it('gives back r, with nothing above info reported in either direction', () => {
    fc.assert(
      fc.property(representableRule, (original) => {
        const written = canonicalToWecom(original, { ...OPTIONS, ruleName: original.name });
        const group = valid(written);
        expect(written.losses.filter((loss) => loss.severity !== 'info')).toEqual([]);
        // WeCom adds the groupid when it stores the rule; getcorpcheckinoption returns it.
        const back = wecomToCanonical({ ...group, groupid: 1 });
        if (!back.ok) throw new Error('refused');
        expect(back.losses.filter((loss) => loss.severity !== 'info')).toEqual([]);
        expect(back.value).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the vendor example up to what the read losses say', () => {
    // A trimmed copy of the SKIT example's shape (legacy noneed_offwork, no windows, a 2017 special day).
    const read = wecomToCanonical({
      grouptype: 1,
      groupid: 1,
      groupname: 'R',
      checkindate: [
        {
          workdays: [1, 2, 3, 4, 5],
          checkintime: [
            { work_sec: 36000, off_work_sec: 43200 },
            { work_sec: 50400, off_work_sec: 72000 },
          ],
          noneed_offwork: true,
        },
      ],
      wifimac_infos: [{ wifiname: 'W', wifimac: 'c0:7b:bc:37:f8:d3' }],
      range: { userid: ['a'] },
      spe_offdays: [{ timestamp: 1512057600, notes: 'n' }],
    });
    if (!read.ok) throw new Error('refused');
    const written = canonicalToWecom(read.value, { ...OPTIONS, ruleName: 'R' });
    const group = valid(written);
    expect(lossesOf(written, 'dropped')).toEqual(['specialOffdays.2017-12-01']);
    // WeCom adds the groupid when it stores the rule; getcorpcheckinoption returns it.
    const back = wecomToCanonical({ ...group, groupid: 1 });
    if (!back.ok) throw new Error('refused');
    // Equal except what the losses name: the past special day, the default punch windows and reminder (info).
    expect(lossesOf(written, 'info')).toEqual(expect.arrayContaining(['shifts.sections.punchWindow', 'punchReminder']));
    const strip = (r: CanonicalRule) => ({
      ...r,
      punchReminder: null,
      specialOffdays: [],
      shifts: r.shifts.map((s) => ({ ...s, key: '', sections: s.sections.map((x) => ({ ...x, punchWindow: null })) })),
      week: {},
    });
    expect(strip(back.value)).toEqual(strip(read.value));
  });
});
