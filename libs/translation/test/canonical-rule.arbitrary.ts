import fc from 'fast-check';
import { chinaDayOf, DAY_SECONDS, type Vendor } from '@app/kernel';
import type {
  CanonicalRule,
  FaceLiveness,
  FlexibleArrival,
  GpsLocation,
  IsoWeekday,
  LateOffLateOnStep,
  Members,
  OutOfRangePolicy,
  OvertimeByDayKind,
  PunchReminder,
  Remedy,
  RestDayPunchPolicy,
  RuleKind,
  Shift,
  SpecialOffday,
  SpecialWorkday,
  TimeSection,
  WifiLocation,
} from '../src/canonical/canonical-rule.js';

/*
 * fast-check arbitraries of canonical rules.
 *
 * representableRuleArbitrary(): rules BOTH vendors can hold exactly, so vendor → canonical after
 * canonical → vendor must give the rule back (modulo the fields a vendor does not carry, listed in
 * translation.properties.spec.ts). Every bound below cites the WeCom rule it keeps
 * (/work/shared/vendor-docs/wecom-checkin-option-rules.md, "doc", by errmsg) or the Feishu schema
 * (libs/feishu/src/model, REFERENCE.md A5/A6). Values are built from small integer "plans" and mapped, so
 * fast-check shrinks the plan and the counterexample it prints stays a valid representable rule.
 *
 * anyRuleArbitrary(): any structurally valid canonical rule (types right, sections ordered), including
 * values that need approximation (seconds, odd radii, grace not a multiple of 5 min) or that a vendor must
 * refuse (no location, no members, past special days, windows in the wrong order).
 */

/** "Now" for every generated rule: 2026-01-01 00:00 Asia/Shanghai. Special days are after it (doc L689). */
export const ARBITRARY_NOW_UNIX_SECONDS = 1_767_196_800;
export const ARBITRARY_TIME_ZONE = 'Asia/Shanghai';

const MINUTE = 60;
const DAY_MINUTES = 24 * 60;
/**
 * Punch windows of a fixed rule end by 次日04:00 (doc "fixgroup, invalid checkin time …"); shift-based rules
 * allow later, but one bound for all kinds keeps the generator simple and still covers next-day shifts.
 */
const LATEST_WINDOW_MINUTES = DAY_MINUTES + 4 * 60;
/** doc "invalid location distance". */
export const WECOM_RADII = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000, 2500, 3000] as const;
const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

// ---- text ------------------------------------------------------------------------------------------------

/** Letters, digits and CJK; no blanks, so no mapper's trimming can change a value. */
const TEXT_CHARACTERS = [
  ...'ABCDEFGHJKLMNPRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789总部研发销售早晚中班门店仓库上海北京',
];

/** 1..max characters; CJK is 3 UTF-8 bytes, so max 13 keeps WeCom's 40-byte notes limit (doc L439). */
function textArbitrary(maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...TEXT_CHARACTERS), { minLength: 1, maxLength })
    .map((characters) => characters.join(''));
}

const userIdArbitrary = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
/** Numeric strings are a WeCom party_id and a (test) Feishu department id at once, so "same ids" works. */
const departmentIdArbitrary = fc.integer({ min: 1, max: 99_999 }).map(String);

// ---- dates -----------------------------------------------------------------------------------------------

/** "YYYY-MM-DD" of the day `offset` days after 2026-01-01 (China time). */
export function dateAfterNow(offsetDays: number): string {
  return chinaDayOf(ARBITRARY_NOW_UNIX_SECONDS + offsetDays * DAY_SECONDS);
}

// ---- sections --------------------------------------------------------------------------------------------

interface SectionPlan {
  /** Minutes between the previous section's latest punch and this one's earliest. */
  readonly gap: number;
  /** Minutes before work a clock-in is accepted (≤ 4 h: the shift-based first-section rule, doc L712). */
  readonly advance: number;
  readonly duration: number;
  readonly lateLack: number;
  readonly earlyLack: number;
  /** Minutes after work a clock-out is accepted (Feishu off_delay_minutes ≤ 960). */
  readonly delay: number;
  readonly rest: { readonly begin: number; readonly end: number } | null;
  readonly noPunchOn: boolean;
  readonly noPunchOff: boolean;
}

const sectionPlanArbitrary: fc.Arbitrary<SectionPlan> = fc.record({
  gap: fc.integer({ min: 1, max: 240 }),
  advance: fc.integer({ min: 1, max: 240 }),
  duration: fc.integer({ min: 2, max: 720 }),
  lateLack: fc.integer({ min: 1, max: 240 }),
  earlyLack: fc.integer({ min: 1, max: 240 }),
  delay: fc.integer({ min: 0, max: 480 }),
  rest: fc.option(fc.record({ begin: fc.nat(1000), end: fc.nat(1000) }), { nil: null }),
  noPunchOn: fc.boolean(),
  noPunchOff: fc.boolean(),
});

/**
 * Lays sections out one after the other so that neither the work periods nor the punch windows touch
 * (doc "there should be no overlap between the checkin times"; closed intervals in the emulator). Every
 * time is a whole minute (doc "value has to be a multiple of 60"; Feishu "H:mm"), and:
 *   earliestOn < on < latestOn < off, on < earliestOff < off, off ≤ latestOff  (doc 301093 window rows)
 *   on ≤ 次日00:00, latestOff ≤ 次日04:00, earliestOn ≥ 0, off − on < 24 h      (doc fixgroup / work_sec rows)
 *   on − earliestOn ≤ 4 h (doc L712; Feishu on_advance_minutes ≤ 720), latestOff − off ≤ 8 h (≤ 960)
 *   on < rest.begin < rest.end < off                                              (doc "rest time invalid")
 * A section that no longer fits is left out; the first always fits (start ≤ 15:00, ≤ 4 h + 12 h long).
 * The first section needs its on-duty punch (Feishu create: "the first segment's no_need_on must be false").
 */
function layOutSections(
  startMinute: number,
  plans: readonly SectionPlan[],
): { section: TimeSection; lateLack: number; earlyLack: number }[] {
  const laid: { section: TimeSection; lateLack: number; earlyLack: number }[] = [];
  let cursor = startMinute;
  for (const plan of plans) {
    const on = cursor + plan.advance;
    if (on > DAY_MINUTES) break;
    const duration = Math.min(plan.duration, LATEST_WINDOW_MINUTES - on);
    if (duration < 2) break;
    const off = on + duration;
    const lateLack = 1 + ((plan.lateLack - 1) % (duration - 1));
    const earlyLack = 1 + ((plan.earlyLack - 1) % (duration - 1));
    const delay = Math.min(plan.delay, LATEST_WINDOW_MINUTES - off);
    let rest: TimeSection['rest'] = null;
    if (plan.rest !== null && duration >= 3) {
      const begin = on + 1 + (plan.rest.begin % (duration - 2));
      const end = begin + 1 + (plan.rest.end % (off - begin - 1));
      rest = { beginSec: begin * MINUTE, endSec: end * MINUTE };
    }
    laid.push({
      lateLack,
      earlyLack,
      section: {
        onSec: on * MINUTE,
        offSec: off * MINUTE,
        punchWindow: {
          earliestOnSec: (on - plan.advance) * MINUTE,
          latestOnSec: (on + lateLack) * MINUTE,
          earliestOffSec: (off - earlyLack) * MINUTE,
          latestOffSec: (off + delay) * MINUTE,
        },
        noPunchOn: laid.length === 0 ? false : plan.noPunchOn,
        noPunchOff: plan.noPunchOff,
        lateGraceSec: 0,
        earlyLeaveGraceSec: 0,
        seriousLateSec: null,
        rest,
      },
    });
    cursor = off + delay + plan.gap;
  }
  return laid;
}

// ---- shifts ----------------------------------------------------------------------------------------------

interface ShiftPlan {
  readonly startMinute: number;
  readonly sections: readonly SectionPlan[];
  readonly lateGraceSteps: number;
  readonly earlyGraceSteps: number;
  readonly flexible: { readonly early: number; readonly late: number } | null;
  readonly lateOffLateOn: readonly { readonly off: number; readonly on: number }[];
}

const shiftPlanArbitrary: fc.Arbitrary<ShiftPlan> = fc.record({
  startMinute: fc.integer({ min: 0, max: 15 * 60 }),
  sections: fc.array(sectionPlanArbitrary, { minLength: 1, maxLength: 4 }),
  lateGraceSteps: fc.integer({ min: 0, max: 72 }),
  earlyGraceSteps: fc.integer({ min: 0, max: 72 }),
  flexible: fc.option(fc.record({ early: fc.integer({ min: 0, max: 72 }), late: fc.integer({ min: 0, max: 72 }) }), {
    nil: null,
    freq: 3,
  }),
  lateOffLateOn: fc.array(fc.record({ off: fc.integer({ min: 1, max: 40 }), on: fc.integer({ min: 1, max: 40 }) }), {
    maxLength: 3,
  }),
});

/**
 * A shift both vendors hold exactly:
 *  - grace (late / early leave) is one value per shift, because WeCom keeps it per checkindate entry or
 *    schedule (flex_on_duty_time / flex_off_duty_time), not per section; a multiple of 300 s ≤ 21,600 (doc
 *    "field has to be a multiple of 300"); and below the absent thresholds (Feishu: late_minutes_as_late
 *    < late_minutes_as_lack), so the grace never swallows the "absent" window;
 *  - flexible arrival (multiples of 300 s ≤ 21,600, one of them > 0) excludes grace (doc "only one item can
 *    be set");
 *  - late-off-late-on steps (multiples of 900 s ≤ 36,000, doc "late rule must be a multiple of 15 minutes";
 *    distinct offLateSec; onLate ≤ offLate, the emulator's reading of doc L707) need allow_flex, which needs
 *    a non-zero flex value (doc "flex checkin rule need allow flex" / "the value of the field needs to be
 *    set"): without grace or flexible arrival there are none;
 *  - no seriousLateSec (Feishu-only).
 */
function buildShift(plan: ShiftPlan, key: string, name: string): Shift {
  const laid = layOutSections(plan.startMinute, plan.sections);
  const flexibleArrival: FlexibleArrival | null =
    plan.flexible !== null && plan.flexible.early + plan.flexible.late > 0
      ? { maxEarlySec: plan.flexible.early * 300, maxLateSec: plan.flexible.late * 300 }
      : null;
  const minLateLack = Math.min(...laid.map((entry) => entry.lateLack));
  const minEarlyLack = Math.min(...laid.map((entry) => entry.earlyLack));
  const lateGraceSec = flexibleArrival ? 0 : Math.min(plan.lateGraceSteps, Math.floor((minLateLack - 1) / 5)) * 300;
  const earlyLeaveGraceSec = flexibleArrival
    ? 0
    : Math.min(plan.earlyGraceSteps, Math.floor((minEarlyLack - 1) / 5)) * 300;
  const allowsFlex = flexibleArrival !== null || lateGraceSec > 0 || earlyLeaveGraceSec > 0;
  const steps: LateOffLateOnStep[] = [];
  if (allowsFlex) {
    for (const step of [...plan.lateOffLateOn].sort((a, b) => a.off - b.off)) {
      if (steps.some((existing) => existing.offLateSec === step.off * 900)) continue;
      steps.push({ offLateSec: step.off * 900, onLateSec: Math.min(step.on, step.off) * 900 });
    }
  }
  return {
    key,
    name,
    sections: laid.map(({ section }) => ({ ...section, lateGraceSec, earlyLeaveGraceSec })),
    flexibleArrival,
    lateOffLateOn: steps,
  };
}

/** What WeCom keeps of a fixed-rule day: a checkindate entry groups the weekdays with identical content. */
function shiftContent(shift: Shift): string {
  return JSON.stringify([shift.sections, shift.flexibleArrival, shift.lateOffLateOn]);
}

const shiftKeyArbitrary = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);

// ---- the rest of a rule ------------------------------------------------------------------------------------

const membersArbitrary: fc.Arbitrary<Members> = fc.record({
  // doc "empty checkin range": at least one member. excludedUserIds (Feishu bind_default_user_ids, WeCom
  // white_users) stay empty in generated rules, a known gap of these properties: exemptions are covered by
  // examples only (canonical-to-wecom.mapper.spec.ts, wecom-update-merge.spec.ts, rule-fidelity.e2e-spec.ts).
  userIds: fc.uniqueArray(userIdArbitrary, { minLength: 1, maxLength: 8 }),
  departmentIds: fc.uniqueArray(departmentIdArbitrary, { maxLength: 3 }),
  excludedUserIds: fc.constant([]),
});

const gpsArbitrary: fc.Arbitrary<GpsLocation> = fc.record({
  name: textArbitrary(20),
  address: textArbitrary(40),
  // Mainland China in GCJ-02, at WeCom's ×1e6 precision (doc loc_infos.lat/lng).
  latitude: fc.integer({ min: 18_000_000, max: 53_000_000 }).map((micro) => micro / 1e6),
  longitude: fc.integer({ min: 73_000_000, max: 135_000_000 }).map((micro) => micro / 1e6),
  radiusMeters: fc.constantFrom(...WECOM_RADII),
});

const bssidArbitrary = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((octets) => octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':'));

const wifiArbitrary: fc.Arbitrary<WifiLocation> = fc.record({ ssid: textArbitrary(32), bssid: bssidArbitrary });

/**
 * doc "need wifi or location": at least one of the two; unique coordinates and MACs (doc "conflict wifi mac").
 * One radius for all GPS locations: Feishu has a single gps_range per group (location.gps_range is a
 * "历史无效字段" on create), WeCom one distance per location.
 */
const locationsArbitrary = fc
  .record({
    gps: fc.uniqueArray(gpsArbitrary, { maxLength: 3, selector: (gps) => `${gps.latitude},${gps.longitude}` }),
    wifi: fc.uniqueArray(wifiArbitrary, { maxLength: 3, selector: (wifi) => wifi.bssid }),
    fallback: gpsArbitrary,
    radius: fc.constantFrom(...WECOM_RADII),
  })
  .map(({ gps, wifi, fallback, radius }) => ({
    gps: (gps.length + wifi.length === 0 ? [fallback] : gps).map((location) => ({ ...location, radiusMeters: radius })),
    wifi,
  }));

/** Future days of 2026 (doc L689 "only future dates"), unique (doc "conflict specailday"), notes 1..13 chars. */
const specialOffdaysArbitrary: fc.Arbitrary<SpecialOffday[]> = fc
  .uniqueArray(fc.record({ offset: fc.integer({ min: 1, max: 360 }), note: textArbitrary(13) }), {
    maxLength: 3,
    selector: (day) => day.offset,
  })
  .map((days) => days.map((day) => ({ date: dateAfterNow(day.offset), note: day.note })));

/**
 * allow_apply_bk_cnt 1..99, allow_apply_bk_day_limit 1..180 (doc L678 / L710), and without 补卡 none of the
 * 补卡 fields may be set (doc "need allow_apply_offworkday"), so a disallowed remedy is the default one.
 */
const remedyArbitrary: fc.Arbitrary<Remedy> = fc.oneof(
  fc.constant<Remedy>({
    allowed: false,
    monthlyLimit: null,
    daysLimit: null,
    forMissing: true,
    forLate: true,
    forEarly: true,
    forOther: true,
    forNormal: true,
  }),
  fc.record({
    allowed: fc.constant(true),
    monthlyLimit: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
    daysLimit: fc.option(fc.integer({ min: 1, max: 180 }), { nil: null }),
    forMissing: fc.boolean(),
    forLate: fc.boolean(),
    forEarly: fc.boolean(),
    forOther: fc.boolean(),
    // WeCom has no "normal punch" remedy (buka_restriction covers exceptions only): not representable there.
    forNormal: fc.constant(false),
  }),
);

/**
 * doc "open_face_live_detect requires use_face_detect first". WeCom's one liveness check reads as 'silent';
 * Feishu's action check (face_live_need_action true) has no WeCom form, so it is not representable on both.
 */
const faceArbitrary = fc.record({ face: fc.boolean(), live: fc.boolean() }).map(({ face, live }) => ({
  faceRecognition: face,
  faceLiveness: face && live ? ('silent' as const) : ('none' as const),
}));

/**
 * Overtime per kind of day as WeCom holds it (ot_info_v2 allow_ot, all three kinds on every write). Feishu's
 * group API holds no overtime permission (its rules live in 加班规则), so the Feishu round trips project it.
 */
const overtimeArbitrary: fc.Arbitrary<OvertimeByDayKind> = fc.record({
  workday: fc.boolean(),
  restDay: fc.boolean(),
  holiday: fc.boolean(),
});

/**
 * Reminder leads and lags from WeCom's admin choices (canonical-to-wecom.mapper.ts REMIND_* lists). Feishu's
 * group API has no punch reminder, so the Feishu round trips project it.
 */
const punchReminderArbitrary: fc.Arbitrary<PunchReminder> = fc.record({
  beforeOnSec: fc.constantFrom(0, 5, 10, 15, 20).map((minutes) => minutes * 60),
  afterOffSec: fc.constantFrom(0, 10, 20, 30, 60).map((minutes) => minutes * 60),
});

const outOfRangeArbitrary = fc.constantFrom<OutOfRangePolicy>('exception', 'field_punch', 'forbidden');
/**
 * Feishu has no "record it as an exception" (allow_out_punch is on = 外勤 field punch, or off = forbidden); the
 * Feishu mapper approximates 'exception' as a field punch that needs approval.
 */
const representableOutOfRangeArbitrary = fc.constantFrom<OutOfRangePolicy>('field_punch', 'forbidden');

// ---- whole rules ---------------------------------------------------------------------------------------------

const commonArbitrary = fc.record({
  name: textArbitrary(20),
  idSpace: fc.constantFrom<Vendor>('feishu', 'wecom'),
  members: membersArbitrary,
  locations: locationsArbitrary,
  specialOffdays: specialOffdaysArbitrary,
  followsHolidayCalendar: fc.boolean(),
  remedy: remedyArbitrary,
  face: faceArbitrary,
  photoRequired: fc.boolean(),
  outOfRange: representableOutOfRangeArbitrary,
  overtime: overtimeArbitrary,
  punchReminder: punchReminderArbitrary,
  /** WeCom's allow_checkin_offworkday exists for fixed rules only; Feishu cannot forbid (approval at most). */
  restDayPunch: fc.constantFrom<RestDayPunchPolicy>('allowed', 'forbidden'),
});

type Common = typeof commonArbitrary extends fc.Arbitrary<infer T> ? T : never;

function ruleFrom(
  common: Common,
  kind: RuleKind,
  parts: Pick<CanonicalRule, 'shifts' | 'week' | 'free'>,
): CanonicalRule {
  return {
    kind,
    name: common.name,
    timeZone: ARBITRARY_TIME_ZONE,
    idSpace: common.idSpace,
    members: common.members,
    ...parts,
    gpsLocations: common.locations.gps,
    wifiLocations: common.locations.wifi,
    // Not representable on both: a WeCom special workday has inline sections without punch windows (doc
    // "special workday should not have earliest_work_sec…"), a Feishu one names a shift (need_punch_special_days).
    specialWorkdays: [] as SpecialWorkday[],
    specialOffdays: common.specialOffdays,
    followsHolidayCalendar: common.followsHolidayCalendar,
    remedy: common.remedy,
    ...common.face,
    photoRequired: common.photoRequired,
    outOfRange: common.outOfRange,
    overtime: common.overtime,
    punchReminder: common.punchReminder,
    restDayPunch: kind === 'fixed' ? common.restDayPunch : null,
  };
}

/**
 * Fixed rule: 1..3 shifts of distinct content (WeCom groups weekdays by identical content, so two keys with
 * the same content would come back as one), each worked on at least one weekday (WeCom has no unused
 * shifts), at least one working day (doc "checkindate size must greater than 0").
 */
const fixedRuleArbitrary: fc.Arbitrary<CanonicalRule> = fc
  .record({
    common: commonArbitrary,
    plans: fc.array(shiftPlanArbitrary, { minLength: 1, maxLength: 3 }),
    keys: fc.uniqueArray(shiftKeyArbitrary, { minLength: 3, maxLength: 3 }),
    names: fc.array(textArbitrary(12), { minLength: 3, maxLength: 3 }),
    days: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }),
  })
  .map(({ common, plans, keys, names, days }) => {
    const built = plans.map((plan, index) => buildShift(plan, keys[index] ?? `k${index}`, names[index] ?? 'S'));
    // A day's shift index, 0 = rest; out-of-range indexes and duplicate contents fold onto the first twin.
    const twinOf = built.map((shift) => built.findIndex((other) => shiftContent(other) === shiftContent(shift)));
    const assignment = days.map((day): number | null => (day === 0 ? null : (twinOf[(day - 1) % built.length] ?? 0)));
    if (!assignment.some((index) => index !== null)) assignment[0] = 0;
    const used = [...new Set(assignment.filter((index): index is number => index !== null))];
    const week: Partial<Record<IsoWeekday, string | null>> = {};
    ISO_WEEKDAYS.forEach((day, position) => {
      const index = assignment[position];
      week[day] = index === null || index === undefined ? null : (built[index]?.key ?? null);
    });
    return ruleFrom(common, 'fixed', {
      shifts: used.map((index) => built[index]).filter((shift): shift is Shift => shift !== undefined),
      week,
      free: null,
    });
  });

/**
 * Shift-based rule: 1..4 rosterable shifts with unique names, none called "休息" (doc "conflict schedule
 * name" / "invalid rest schedule name": WeCom's rest schedule owns that name), no week.
 */
const shiftBasedRuleArbitrary: fc.Arbitrary<CanonicalRule> = fc
  .record({
    common: commonArbitrary,
    plans: fc.array(shiftPlanArbitrary, { minLength: 1, maxLength: 4 }),
    keys: fc.uniqueArray(shiftKeyArbitrary, { minLength: 4, maxLength: 4 }),
    names: fc.uniqueArray(textArbitrary(12), { minLength: 4, maxLength: 4 }),
  })
  .map(({ common, plans, keys, names }) =>
    ruleFrom(common, 'shift_based', {
      shifts: plans.map((plan, index) => buildShift(plan, keys[index] ?? `k${index}`, names[index] ?? `S${index}`)),
      week: {},
      free: null,
    }),
  );

/**
 * Free rule: 1..7 workdays (doc checkindate.workdays is required for free rules too), required work −1 or
 * 1 h..24 h in half hours (doc "standard_work_duration"), day start a whole minute < 24 h (doc
 * "span_day_time"); no shifts, no week.
 */
const freeRuleArbitrary: fc.Arbitrary<CanonicalRule> = fc
  .record({
    common: commonArbitrary,
    workdays: fc.uniqueArray(fc.constantFrom(...ISO_WEEKDAYS), { minLength: 1, maxLength: 7 }),
    requiredHalfHours: fc.option(fc.integer({ min: 2, max: 48 }), { nil: null }),
    dayStartMinute: fc.integer({ min: 0, max: DAY_MINUTES - 1 }),
  })
  .map(({ common, workdays, requiredHalfHours, dayStartMinute }) =>
    ruleFrom(common, 'free', {
      shifts: [],
      week: {},
      free: {
        workdays: [...workdays].sort((a, b) => a - b),
        requiredWorkSec: requiredHalfHours === null ? null : requiredHalfHours * 1800,
        dayStartSec: dayStartMinute * MINUTE,
      },
    }),
  );

/** Canonical rules that both vendors can hold exactly (see the file comment). */
export function representableRuleArbitrary(kind?: RuleKind): fc.Arbitrary<CanonicalRule> {
  switch (kind) {
    case 'fixed':
      return fixedRuleArbitrary;
    case 'shift_based':
      return shiftBasedRuleArbitrary;
    case 'free':
      return freeRuleArbitrary;
    default:
      return fc.oneof(fixedRuleArbitrary, shiftBasedRuleArbitrary, freeRuleArbitrary);
  }
}

// ---- any structurally valid rule --------------------------------------------------------------------------

/** Seconds, usually whole minutes (the common case), sometimes not (needs rounding). */
const wildSecondsArbitrary = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.floor(max / MINUTE) }).map((minutes) => minutes * MINUTE) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );

/** 1..4 sections in time order, not overlapping (the contract), with anything else left wild. */
const wildSectionsArbitrary: fc.Arbitrary<TimeSection[]> = fc
  .array(
    fc.record({
      gap: wildSecondsArbitrary(8 * 3600),
      length: wildSecondsArbitrary(16 * 3600).map((seconds) => seconds + 1),
      window: fc.option(
        fc.record({
          earliestOn: fc.integer({ min: -6 * 3600, max: 6 * 3600 }),
          latestOn: fc.integer({ min: -6 * 3600, max: 12 * 3600 }),
          earliestOff: fc.integer({ min: -12 * 3600, max: 6 * 3600 }),
          latestOff: fc.integer({ min: -6 * 3600, max: 30 * 3600 }),
        }),
        { nil: null },
      ),
      noPunchOn: fc.boolean(),
      noPunchOff: fc.boolean(),
      lateGraceSec: wildSecondsArbitrary(30_000),
      earlyLeaveGraceSec: wildSecondsArbitrary(30_000),
      seriousLateSec: fc.option(wildSecondsArbitrary(30_000), { nil: null }),
      rest: fc.option(fc.record({ begin: fc.integer({ min: -3600, max: 20 * 3600 }), length: fc.nat(6 * 3600) }), {
        nil: null,
      }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((plans) => {
    let cursor = 0;
    return plans.map((plan): TimeSection => {
      const onSec = cursor + plan.gap;
      const offSec = onSec + plan.length;
      cursor = offSec;
      return {
        onSec,
        offSec,
        punchWindow:
          plan.window === null
            ? null
            : {
                earliestOnSec: onSec + plan.window.earliestOn,
                latestOnSec: onSec + plan.window.latestOn,
                earliestOffSec: offSec + plan.window.earliestOff,
                latestOffSec: offSec + plan.window.latestOff,
              },
        noPunchOn: plan.noPunchOn,
        noPunchOff: plan.noPunchOff,
        lateGraceSec: plan.lateGraceSec,
        earlyLeaveGraceSec: plan.earlyLeaveGraceSec,
        seriousLateSec: plan.seriousLateSec,
        rest:
          plan.rest === null
            ? null
            : { beginSec: onSec + plan.rest.begin, endSec: onSec + plan.rest.begin + plan.rest.length },
      };
    });
  });

const wildShiftArbitrary = (key: string): fc.Arbitrary<Shift> =>
  fc.record({
    key: fc.constant(key),
    name: fc.string({ maxLength: 50 }),
    sections: wildSectionsArbitrary,
    flexibleArrival: fc.option(
      fc.record({ maxEarlySec: wildSecondsArbitrary(30_000), maxLateSec: wildSecondsArbitrary(30_000) }),
      { nil: null },
    ),
    lateOffLateOn: fc
      .array(fc.record({ offLateSec: wildSecondsArbitrary(40_000), onLateSec: wildSecondsArbitrary(40_000) }), {
        maxLength: 4,
      })
      .map((steps) => [...steps].sort((a, b) => a.offLateSec - b.offLateSec)),
  });

const wildDateArbitrary = fc.integer({ min: -800, max: 800 }).map(dateAfterNow);

const wildRuleArbitrary: fc.Arbitrary<CanonicalRule> = fc
  .record({
    kind: fc.constantFrom<RuleKind>('fixed', 'shift_based', 'free'),
    keys: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 5 }),
  })
  .chain(({ kind, keys }) => {
    const keyOrNull = fc.option(fc.constantFrom(...keys, 'no-such-shift'), { nil: null });
    return fc.record({
      kind: fc.constant(kind),
      name: fc.string({ maxLength: 60 }),
      timeZone: fc.constantFrom(ARBITRARY_TIME_ZONE, 'UTC', 'Europe/Berlin', 'Not/A_Zone'),
      idSpace: fc.constantFrom<Vendor>('feishu', 'wecom'),
      members: fc.record({
        userIds: fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }),
        departmentIds: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
        excludedUserIds: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
      }),
      shifts: keys.length === 0 ? fc.constant([]) : fc.tuple(...keys.map(wildShiftArbitrary)),
      week: fc
        .array(fc.tuple(fc.constantFrom(...ISO_WEEKDAYS), keyOrNull), { maxLength: 7 })
        .map((entries) => Object.fromEntries(entries) as Partial<Record<IsoWeekday, string | null>>),
      free: fc.option(
        fc.record({
          workdays: fc.uniqueArray(fc.constantFrom(...ISO_WEEKDAYS), { maxLength: 7 }),
          requiredWorkSec: fc.option(wildSecondsArbitrary(30 * 3600), { nil: null }),
          dayStartSec: wildSecondsArbitrary(30 * 3600),
        }),
        { nil: null, freq: kind === 'free' ? 8 : 2 },
      ),
      gpsLocations: fc.array(
        fc.record({
          name: fc.string({ maxLength: 50 }),
          address: fc.string({ maxLength: 50 }),
          latitude: fc.double({ min: -95, max: 95, noNaN: true }),
          longitude: fc.double({ min: -185, max: 185, noNaN: true }),
          radiusMeters: fc.oneof(fc.constantFrom(...WECOM_RADII), fc.integer({ min: 0, max: 5000 })),
        }),
        { maxLength: 3 },
      ),
      wifiLocations: fc.array(
        fc.record({
          ssid: fc.string({ maxLength: 50 }),
          bssid: fc.oneof(
            bssidArbitrary,
            bssidArbitrary.map((mac) => mac.toUpperCase()),
            fc.string({ maxLength: 20 }),
          ),
        }),
        { maxLength: 3 },
      ),
      specialWorkdays: fc.array(
        fc.record({
          date: wildDateArbitrary,
          shiftKey: keyOrNull,
          sections: fc.oneof(fc.constant([]), wildSectionsArbitrary),
          note: fc.string({ maxLength: 50 }),
        }),
        { maxLength: 3 },
      ),
      specialOffdays: fc.array(fc.record({ date: wildDateArbitrary, note: fc.string({ maxLength: 50 }) }), {
        maxLength: 3,
      }),
      followsHolidayCalendar: fc.boolean(),
      remedy: fc.record({
        allowed: fc.boolean(),
        monthlyLimit: fc.option(fc.integer({ min: -5, max: 500 }), { nil: null }),
        daysLimit: fc.option(fc.integer({ min: -5, max: 500 }), { nil: null }),
        forMissing: fc.boolean(),
        forLate: fc.boolean(),
        forEarly: fc.boolean(),
        forOther: fc.boolean(),
        forNormal: fc.boolean(),
      }),
      faceRecognition: fc.boolean(),
      faceLiveness: fc.constantFrom<FaceLiveness>('none', 'silent', 'action'),
      photoRequired: fc.boolean(),
      outOfRange: outOfRangeArbitrary,
      overtime: fc.record({
        workday: fc.option(fc.boolean(), { nil: null }),
        restDay: fc.option(fc.boolean(), { nil: null }),
        holiday: fc.option(fc.boolean(), { nil: null }),
      }),
      punchReminder: fc.option(
        fc.record({
          beforeOnSec: fc.integer({ min: -60, max: 90_000 }),
          afterOffSec: fc.integer({ min: -60, max: 90_000 }),
        }),
        { nil: null },
      ),
      restDayPunch: fc.option(fc.constantFrom<RestDayPunchPolicy>('allowed', 'approval', 'forbidden'), { nil: null }),
    });
  });

/**
 * Any structurally valid canonical rule: a third representable (the mappers' happy path must be in the mix),
 * the rest wild (needs approximation, or must be refused).
 */
export function anyRuleArbitrary(): fc.Arbitrary<CanonicalRule> {
  return fc.oneof({ weight: 1, arbitrary: representableRuleArbitrary() }, { weight: 2, arbitrary: wildRuleArbitrary });
}
