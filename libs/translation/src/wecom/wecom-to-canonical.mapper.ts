import {
  WECOM_RULE_READ_DEFAULTS,
  legacyMsToSeconds,
  readWecomFlexDuration,
  wecomAllowFlex,
  wecomCheckinGroupReadSchema,
  type WecomCheckinGroupRead,
} from '@app/wecom/model';
import type {
  CanonicalRule,
  FaceLiveness,
  FlexibleArrival,
  GpsLocation,
  IsoWeekday,
  LateOffLateOnStep,
  OutOfRangePolicy,
  OvertimeByDayKind,
  PunchReminder,
  PunchWindow,
  RestDayPunchPolicy,
  RuleKind,
  Shift,
  SpecialOffday,
  SpecialWorkday,
  TimeSection,
  WifiLocation,
} from '../canonical/canonical-rule.js';
import { LossReport, refused, translated, type Translation } from '../canonical/loss.js';
import { isKnownTimeZone, dateInTimeZone } from '../canonical/time-zone.util.js';
import { isBlankText, normalizeBssid } from '../canonical/text.util.js';
import { normalizeFreshRule } from '../canonical/normalize-rule.js';
import {
  DAY,
  HOUR,
  MINUTE,
  WECOM_TIME_ZONE,
  clockText,
  durationText,
  fixedShiftKey,
  wecomDayToIso,
} from './wecom-rule.util.js';

/*
 * WeCom checkin rule (one `group` of getcorpcheckinoption, REFERENCE.md B4) → canonical rule.
 *
 * Vendor facts this mapper relies on (doc = wecom-checkin-option-rules.md):
 *  - workdays 0 = Sunday, 1–6 = Monday–Saturday (doc checkindate.workdays);
 *  - times are seconds from 00:00, next day above 86,400 (doc checkintime.*);
 *  - limit_aheadtime / flex_time are legacy MILLISECONDS (B4, B5), limit_offtime seconds: turned into seconds
 *    here with the model's legacyMsToSeconds (what its normaliseCheckinGroupUnits does, without the copy).
 *    limit_aheadtime is how early the day's first clock-in is accepted, limit_offtime how late its last
 *    clock-out is (see readSections); 0 is "not set" (WeCom echoes 0 next to the newer fields, B4 / WxJava
 *    issue #3323), and a newer earliest_work_sec / latest_off_work_sec wins over them;
 *  - flex_on/off_duty_time −1 means "use flex_time" (B5); the flex durations are seconds by the doc and
 *    milliseconds by some clients, read with the model's readWecomFlexDuration (evidence in the model);
 *  - loc_infos lat/lng are degrees × 1e6 in GCJ-02 (doc loc_infos.lat) — the canonical datum, so no conversion;
 *  - the read is SPARSE: whatever the doc marks optional or required for one rule type only may be absent
 *    (issue #16). An absent setting takes the doc's default from the model's one table
 *    (WECOM_RULE_READ_DEFAULTS, and wecomAllowFlex); an absent value without a default is
 *    "not set" and, where that loses something, reported. The one refusal a sparse read earns: a fixed rule
 *    with no working times at all (checkindate[].checkintime, required for fixed rules), a blocking loss;
 *  - buka_restriction: bits low → high are missing / late / early / other; a SET bit CLOSES that type (doc);
 *  - white_users (白名单): READING: people inside the range who are exempt from punching (WeCom's admin UI calls
 *    the list 无需打卡人员 / "no punch needed"); the canonical model carries them as members.excludedUserIds;
 *  - remind_work_sec / remind_off_work_sec are per section; the canonical model has one reminder per rule
 *    (readPunchReminder);
 *  - allow_checkin_offworkday exists for fixed rules only (doc "固定上下班是否允许非工作日打卡,默认不允许").
 */

export interface WecomToCanonicalOptions {
  /** IANA zone for special-day dates; WeCom tenants are China time (default Asia/Shanghai). */
  readonly timeZone?: string;
}

/**
 * The doc defaults of settings WeCom may leave out of a read: the model's one table, read directly (a plain
 * property read per setting; the model's wecomSetting accessor does the same with a keyed read).
 */
const GROUP_DEFAULTS = WECOM_RULE_READ_DEFAULTS.group;
const SECTION_DEFAULTS = WECOM_RULE_READ_DEFAULTS.section;

const OUT_OF_RANGE: Readonly<Record<number, OutOfRangePolicy>> = { 0: 'exception', 1: 'field_punch', 2: 'forbidden' };
const KINDS: Readonly<Record<number, RuleKind>> = { 1: 'fixed', 2: 'shift_based', 3: 'free' };
/** Special-day ranges are expanded into single dates; WeCom caps special days at 366 (doc), so do we. */
const MAX_SPECIAL_DAYS = 366;

/** Whether the special days' time zone is known; when not, a blocking loss says so (no date can be read). */
function knownTimeZone(options: WecomToCanonicalOptions, report: LossReport): boolean {
  const timeZone = options.timeZone ?? WECOM_TIME_ZONE;
  if (isKnownTimeZone(timeZone)) return true;
  report.blocking('timeZone', `The time zone "${timeZone}" is not a known IANA time zone, so dates cannot be read.`);
  return false;
}

/** A WeCom rule in any shape: read through the model's schema first (a malformed rule is refused), then translated. */
export function wecomToCanonical(group: unknown, options: WecomToCanonicalOptions = {}): Translation<CanonicalRule> {
  const parsed = wecomCheckinGroupReadSchema.safeParse(group);
  if (parsed.success) return wecomReadToCanonical(parsed.data, options);
  const report = new LossReport();
  if (!knownTimeZone(options, report)) return refused(report);
  for (const issue of parsed.error.issues.slice(0, 5)) {
    const field = ['group', ...issue.path.map(String)].join('.');
    report.blocking(field, `The WeCom rule could not be read: field ${field} is malformed (${issue.message}).`);
  }
  return refused(report);
}

/**
 * A WeCom rule that has been read through wecomCheckinGroupReadSchema already (the WeCom client reads every
 * listed rule so), translated without reading it again: the second read was a fifth of a no-change rules run's
 * translation time (BENCHMARKS.md, "Translation and hashing vs a 500-group run"). The schema's one transform
 * (range) gives what it reads, so a rule read twice and a rule read once translate the same.
 */
export function wecomReadToCanonical(
  wecom: WecomCheckinGroupRead,
  options: WecomToCanonicalOptions = {},
): Translation<CanonicalRule> {
  const report = new LossReport();
  if (!knownTimeZone(options, report)) return refused(report);
  const timeZone = options.timeZone ?? WECOM_TIME_ZONE;
  const kind = KINDS[wecom.grouptype];
  if (kind === undefined) {
    report.blocking(
      'group.grouptype',
      `Rule type ${wecom.grouptype} is unknown: WeCom rules are 1 (fixed), 2 (by shift) or 3 (free).`,
      wecom.grouptype,
    );
    return refused(report);
  }

  const shifts: Shift[] = [];
  let week: Partial<Record<IsoWeekday, string | null>> = {};
  let free: CanonicalRule['free'] = null;
  if (kind === 'fixed') {
    week = readFixedWeek(wecom, shifts, report);
    if (report.hasBlocking) return refused(report);
    if ((wecom.schedulelist ?? []).length > 0) {
      report.info(
        'group.schedulelist',
        'The rule is a fixed-time rule; its list of shifts (schedulelist) is not used by WeCom for it and was ignored.',
      );
    }
  } else if (kind === 'shift_based') {
    shifts.push(...readSchedules(wecom.schedulelist ?? [], report));
    if ((wecom.checkindate ?? []).length > 0) {
      report.info(
        'group.checkindate',
        'The rule works by shifts; its weekly times (checkindate) have no meaning for it in WeCom and were ignored.',
      );
    }
  } else {
    free = readFree(wecom, report);
  }

  // Read in this order (it is the order of their losses), then assembled without a spread (see
  // canonical-to-wecom.mapper.ts, write, for why).
  const members = readMembers(wecom, report);
  const gpsLocations = readLocations(wecom, report);
  const wifiLocations = readWifi(wecom, report);
  const special = readSpecialDays(wecom, timeZone, report);
  const remedy = readRemedy(wecom, report);
  const outOfRange = readOutOfRange(wecom, report);
  const overtime = readOvertime(wecom, report);
  const faceRecognition = wecom.use_face_detect ?? GROUP_DEFAULTS.use_face_detect;
  const faceLiveness = readLiveness(wecom, faceRecognition, report);
  const punchReminder = readPunchReminder(wecom, kind, report);
  const restDayPunch = readRestDayPunch(wecom, kind, report);
  const rule: CanonicalRule = {
    kind,
    name: wecom.groupname,
    timeZone,
    idSpace: 'wecom',
    members,
    shifts,
    week,
    free,
    gpsLocations,
    wifiLocations,
    specialWorkdays: special.specialWorkdays,
    specialOffdays: special.specialOffdays,
    followsHolidayCalendar: wecom.sync_holidays ?? GROUP_DEFAULTS.sync_holidays,
    remedy,
    faceRecognition,
    faceLiveness,
    photoRequired: wecom.need_photo ?? GROUP_DEFAULTS.need_photo,
    outOfRange,
    overtime,
    punchReminder,
    restDayPunch,
  };
  reportWecomOnlySettings(wecom, report);
  // The rule's parts were all built here and appear once each, so normalizeFreshRule may keep those already in
  // canonical form.
  return translated(normalizeFreshRule(rule), report);
}

/** One rule as the read schema gives it. */
type WecomRead = WecomCheckinGroupRead;
type CheckinDateRead = NonNullable<WecomRead['checkindate']>[number];
type ScheduleRead = NonNullable<WecomRead['schedulelist']>[number];
type CheckinTimeRead = NonNullable<CheckinDateRead['checkintime']>[number];

/**
 * The legacy limits of a checkindate entry or a schedule, in seconds. Each comes only from the fields the
 * schema gives that block: flex_time exists on checkindate entries only, limit_offtime on schedules only (the
 * schema strips the other).
 */
interface LegacyLimits {
  readonly flexSec: number | undefined;
  readonly limitAheadSec: number | undefined;
  readonly limitOffSec: number | undefined;
}

const NO_LEGACY_LIMITS: LegacyLimits = { flexSec: undefined, limitAheadSec: undefined, limitOffSec: undefined };

function checkinDateLimits(entry: CheckinDateRead): LegacyLimits {
  return {
    flexSec: entry.flex_time === undefined ? undefined : legacyMsToSeconds(entry.flex_time),
    limitAheadSec: positiveOrUndefined(entry.limit_aheadtime, legacyMsToSeconds),
    limitOffSec: undefined,
  };
}

function scheduleLimits(schedule: ScheduleRead): LegacyLimits {
  return {
    flexSec: undefined,
    limitAheadSec: positiveOrUndefined(schedule.limit_aheadtime, legacyMsToSeconds),
    // limit_offtime is already seconds (B4).
    limitOffSec: positiveOrUndefined(schedule.limit_offtime, (seconds) => seconds),
  };
}

/**
 * A legacy limit in seconds, or undefined when not set: absent, 0 — what WeCom echoes for a rule made with the
 * newer fields (WxJava issue #3323's 2024 answer has "limit_aheadtime": 0 next to earliest_work_sec; the
 * emulator renders the same) — or negative (no meaning).
 */
function positiveOrUndefined(raw: number | undefined, toSeconds: (raw: number) => number): number | undefined {
  if (raw === undefined || raw <= 0) return undefined;
  const seconds = toSeconds(raw);
  return seconds > 0 ? seconds : undefined;
}

// ---- week and shifts --------------------------------------------------------------------------------------

function readFixedWeek(
  wecom: WecomRead,
  shifts: Shift[],
  report: LossReport,
): Partial<Record<IsoWeekday, string | null>> {
  const week: Partial<Record<IsoWeekday, string | null>> = {};
  const entries = wecom.checkindate ?? [];
  // checkindate and its checkintime are required for fixed rules (doc checkindate / checkindate.checkintime
  // "「固定上时间上下班」类型时必填"): with no time section anywhere there is no working day to translate.
  if (!entries.some((entry) => (entry.checkintime?.length ?? 0) > 0)) {
    report.blocking(
      'group.checkindate.checkintime',
      'This fixed-time rule stores no working times (checkindate[].checkintime, which WeCom requires for fixed-time rules), so it cannot be translated.',
    );
    return week;
  }
  const byKey = new Map<string, Shift>();
  entries.forEach((entry, index) => {
    const path = `group.checkindate[${index}]`;
    const shift = readDayLayout(entry, path, report);
    const workdays = entry.workdays ?? [];
    if (shift !== null && workdays.length === 0) {
      report.dropped(
        `${path}.workdays`,
        'A working-day layout has times but no weekdays (workdays), so it applies to no day of the week.',
      );
    }
    for (const day of workdays) {
      const iso = wecomDayToIso(day);
      if (iso === null) {
        report.dropped(
          `${path}.workdays`,
          `Weekday ${day} is not a WeCom weekday (0 = Sunday … 6 = Saturday); it was left out.`,
          day,
        );
        continue;
      }
      if (week[iso] !== undefined) {
        report.dropped(
          `${path}.workdays`,
          `Weekday ${day} appears in two day layouts; only the first one was kept (WeCom allows each weekday once).`,
          day,
        );
        continue;
      }
      week[iso] = shift === null ? null : shift.key;
    }
    if (shift !== null && !byKey.has(shift.key)) byKey.set(shift.key, shift);
  });
  for (const day of [1, 2, 3, 4, 5, 6, 7] as const) week[day] ??= null;
  shifts.push(...byKey.values());
  return week;
}

/** One checkindate entry of a fixed rule as a shift keyed by its layout; null when it has no usable section. */
function readDayLayout(entry: CheckinDateRead, path: string, report: LossReport): Shift | null {
  const limits = checkinDateLimits(entry);
  const flex = readFlex(entry, 'checkindate', limits, path, report);
  const sections = readSections(entry.checkintime ?? [], entry, limits, flex, `${path}.checkintime`, report);
  if (sections.length === 0) {
    report.dropped(
      `${path}.checkintime`,
      'A working-day layout has no clock-in/clock-out times, so its weekdays are treated as rest days.',
    );
    return null;
  }
  const layout = { sections, flexibleArrival: flex.flexibleArrival, lateOffLateOn: flex.lateOffLateOn };
  return {
    key: fixedShiftKey(layout),
    name: '',
    sections: layout.sections,
    flexibleArrival: layout.flexibleArrival,
    lateOffLateOn: layout.lateOffLateOn,
  };
}

function readSchedules(schedules: readonly ScheduleRead[], report: LossReport): Shift[] {
  const shifts: Shift[] = [];
  const seen = new Set<number>();
  schedules.forEach((schedule, index) => {
    const path = `group.schedulelist[${index}]`;
    // schedule_id 0 is WeCom's mandatory rest "shift" 休息 (doc schedulelist.schedule_id): a rest day, not a shift.
    if (schedule.schedule_id === 0) return;
    if (seen.has(schedule.schedule_id)) {
      report.dropped(
        `${path}.schedule_id`,
        `Shift id ${schedule.schedule_id} appears twice; the second shift was left out.`,
      );
      return;
    }
    seen.add(schedule.schedule_id);
    const limits = scheduleLimits(schedule);
    const flex = readFlex(schedule, 'schedulelist', limits, path, report);
    const sections = readSections(schedule.time_section ?? [], schedule, limits, flex, `${path}.time_section`, report);
    if (sections.length === 0) {
      report.dropped(
        `${path}.time_section`,
        `Shift "${schedule.schedule_name}" has no clock-in/clock-out times and was left out.`,
      );
      return;
    }
    shifts.push({
      key: String(schedule.schedule_id),
      name: schedule.schedule_name,
      sections,
      flexibleArrival: flex.flexibleArrival,
      lateOffLateOn: flex.lateOffLateOn,
    });
  });
  return shifts;
}

interface FlexHolder {
  readonly allow_flex?: boolean | undefined;
  readonly flex_on_duty_time?: number | undefined;
  readonly flex_off_duty_time?: number | undefined;
  readonly max_allow_arrive_early?: number | undefined;
  readonly max_allow_arrive_late?: number | undefined;
  readonly noneed_offwork?: boolean | undefined;
  readonly late_rule?:
    | {
        readonly allow_offwork_after_time?: boolean | undefined;
        readonly offwork_after_time?: number | undefined;
        readonly onwork_flex_time?: number | undefined;
        readonly timerules?:
          | readonly {
              readonly offwork_after_time?: number | undefined;
              readonly onwork_flex_time?: number | undefined;
            }[]
          | undefined;
      }
    | undefined;
}

interface Flex {
  readonly lateGraceSec: number;
  readonly earlyLeaveGraceSec: number;
  readonly flexibleArrival: FlexibleArrival | null;
  readonly lateOffLateOn: readonly LateOffLateOnStep[];
}

/** The flexible-time block of a checkindate entry or a schedule (doc checkindate.allow_flex … late_rule). */
function readFlex(
  holder: FlexHolder,
  container: 'checkindate' | 'schedulelist',
  limits: LegacyLimits,
  path: string,
  report: LossReport,
): Flex {
  // Explicit allow_flex, else on when a flex value is there, else the container's doc default (the model).
  const flexOn = wecomAllowFlex(holder, container);
  let lateGraceSec = graceOf(holder, 'flex_on_duty_time', limits, path, report);
  let earlyLeaveGraceSec = graceOf(holder, 'flex_off_duty_time', limits, path, report);
  const early = arrivalOf(holder, 'max_allow_arrive_early', path, report);
  const late = arrivalOf(holder, 'max_allow_arrive_late', path, report);
  let flexibleArrival: FlexibleArrival | null = early > 0 || late > 0 ? { maxEarlySec: early, maxLateSec: late } : null;
  if (!flexOn && (lateGraceSec > 0 || earlyLeaveGraceSec > 0 || flexibleArrival !== null)) {
    report.info(
      `${path}.allow_flex`,
      'Flexible time values are stored but flexible time is switched off (allow_flex false), so they were ignored.',
    );
    lateGraceSec = 0;
    earlyLeaveGraceSec = 0;
    flexibleArrival = null;
  }
  return {
    lateGraceSec,
    earlyLeaveGraceSec,
    flexibleArrival,
    lateOffLateOn: readLateRule(holder, flexOn, path, report),
  };
}

/**
 * A flex duration in seconds, whichever unit WeCom used (the model's readWecomFlexDuration: above the doc's
 * 6 h maximum in seconds, a whole number of thousands is milliseconds); a reading that needed the guess is
 * told to the reader.
 */
function flexSecondsOf(raw: number, field: string, report: LossReport): number {
  const reading = readWecomFlexDuration(raw);
  if (reading.unit === 'milliseconds') {
    report.info(
      field,
      `The value ${raw} is above WeCom's 6 h maximum in seconds and a whole number of milliseconds, so it was read as milliseconds: ${durationText(reading.seconds)}.`,
      raw,
      reading.seconds,
    );
  } else if (reading.unit === 'unknown') {
    report.info(
      field,
      `The value ${raw} is above WeCom's 6 h maximum and not a whole number of milliseconds; it was read as seconds (${durationText(raw)}).`,
      raw,
    );
  }
  return reading.seconds;
}

/** flex_on/off_duty_time in seconds; absent = not set (0). */
function graceOf(
  holder: FlexHolder,
  key: 'flex_on_duty_time' | 'flex_off_duty_time',
  limits: LegacyLimits,
  path: string,
  report: LossReport,
): number {
  const raw = holder[key];
  if (raw === undefined) return 0;
  // −1: "use the legacy flex_time", which is milliseconds, converted to seconds in limits.flexSec (B5).
  if (raw === -1) return limits.flexSec ?? 0;
  if (raw < 0) {
    report.dropped(`${path}.${key}`, `The grace time ${raw} is negative and was ignored.`, raw);
    return 0;
  }
  return flexSecondsOf(raw, `${path}.${key}`, report);
}

/** max_allow_arrive_early/late in seconds; absent or not positive = not set (0). */
function arrivalOf(
  holder: FlexHolder,
  key: 'max_allow_arrive_early' | 'max_allow_arrive_late',
  path: string,
  report: LossReport,
): number {
  const raw = holder[key];
  if (raw === undefined || raw <= 0) return 0;
  return flexSecondsOf(raw, `${path}.${key}`, report);
}

function readLateRule(holder: FlexHolder, flexOn: boolean, path: string, report: LossReport): LateOffLateOnStep[] {
  const lateRule = holder.late_rule;
  if (lateRule === undefined) return [];
  const timerules = lateRule.timerules ?? [];
  const fromTimerules = timerules.length > 0;
  const pairs = fromTimerules
    ? timerules // "timerules不为空,优先使用timerules" (doc late_rule.timerules)
    : [{ offwork_after_time: lateRule.offwork_after_time, onwork_flex_time: lateRule.onwork_flex_time }];
  const steps: LateOffLateOnStep[] = [];
  pairs.forEach((pair, index) => {
    const off = pair.offwork_after_time;
    const on = pair.onwork_flex_time;
    if (off === undefined && on === undefined) return;
    // Both are 否 with no default (doc late_rule.timerules.*): the one not stored grants / requires nothing.
    if (off === undefined || on === undefined) {
      report.info(
        fromTimerules ? `${path}.late_rule.timerules[${index}]` : `${path}.late_rule`,
        `A "leave late, arrive late next day" step stores no ${off === undefined ? 'offwork_after_time' : 'onwork_flex_time'}; it was read as 0.`,
      );
    }
    const offLateSec = Math.max(0, off ?? 0);
    const onLateSec = Math.max(0, on ?? 0);
    if (offLateSec > 0 || onLateSec > 0) steps.push({ offLateSec, onLateSec });
  });
  if (steps.length === 0) return [];
  if (!(lateRule.allow_offwork_after_time ?? WECOM_RULE_READ_DEFAULTS.late_rule.allow_offwork_after_time)) {
    report.info(
      `${path}.late_rule`,
      '"Leave late, arrive late next day" steps are stored but the option is switched off (allow_offwork_after_time false), so they were ignored.',
    );
    return [];
  }
  if (!flexOn) {
    report.info(
      `${path}.late_rule`,
      '"Leave late, arrive late next day" needs flexible time, which is switched off (allow_flex false); the steps were ignored.',
    );
    return [];
  }
  // Each field is read by its doc text (offwork_after_time: how long after the last clock-out one left;
  // onwork_flex_time: how late the next day's first clock-in may be). Which of the two may be larger, the doc
  // contradicts itself about; WeCom's own answers have leave ≥ arrive, steps ascending (the evidence is at the
  // writer, canonical-to-wecom.mapper.ts lateSteps). A step read the other way round is kept as it is: the
  // writer reports it if WeCom cannot take it back.
  return steps.sort((a, b) => a.offLateSec - b.offLateSec || a.onLateSec - b.onLateSec);
}

/** A section as read, with where it was read (its index before sorting). */
interface SectionRead {
  readonly time: CheckinTimeRead;
  readonly at: string;
}

function readSections(
  times: readonly CheckinTimeRead[],
  holder: FlexHolder,
  limits: LegacyLimits,
  flex: Flex,
  path: string,
  report: LossReport,
): TimeSection[] {
  const read: SectionRead[] = [];
  times.forEach((time, index) => {
    const at = `${path}[${index}]`;
    if (time.off_work_sec <= time.work_sec) {
      report.dropped(
        at,
        `The time section ${clockText(time.work_sec)}–${clockText(time.off_work_sec)} ends before it starts and was left out.`,
      );
      return;
    }
    read.push({ time, at });
  });
  // In time order (a stable sort: equal starts keep WeCom's order): the legacy limits belong to the day's first
  // clock-in and last clock-out.
  read.sort((a, b) => a.time.work_sec - b.time.work_sec);
  const sections = read.map(({ time, at }, position): TimeSection => {
    const punchWindow = readWindow(read, position, limits, report);
    const allowRest = time.allow_rest ?? SECTION_DEFAULTS.allow_rest;
    const rest =
      allowRest &&
      time.rest_begin_time !== undefined &&
      time.rest_end_time !== undefined &&
      time.rest_begin_time < time.rest_end_time
        ? { beginSec: time.rest_begin_time, endSec: time.rest_end_time }
        : null;
    if (rest === null && !allowRest && time.rest_begin_time !== undefined && time.rest_end_time !== undefined) {
      report.info(
        `${at}.allow_rest`,
        `A break ${clockText(time.rest_begin_time)}–${clockText(time.rest_end_time)} is stored but switched off (allow_rest false), so it was ignored.`,
      );
    }
    return {
      onSec: time.work_sec,
      offSec: time.off_work_sec,
      punchWindow,
      noPunchOn: time.no_need_checkon ?? SECTION_DEFAULTS.no_need_checkon,
      // noneed_offwork is the legacy, whole-day form of no_need_checkoff (B4).
      noPunchOff: time.no_need_checkoff ?? holder.noneed_offwork ?? SECTION_DEFAULTS.no_need_checkoff,
      lateGraceSec: flex.lateGraceSec,
      earlyLeaveGraceSec: flex.earlyLeaveGraceSec,
      seriousLateSec: null,
      rest,
    };
  });
  if (sections.length > 4) {
    report.dropped(
      path,
      `A day has ${sections.length} time sections; only the first 4 were kept (at most 4 are allowed).`,
    );
    return sections.slice(0, 4);
  }
  return sections;
}

/**
 * The punch window of the section at `position` (of the day's sections in time order).
 *
 * The newer fields (earliest_work_sec … latest_off_work_sec) are the window; all four stored is the common case.
 * None stored is what the B4 read example shows (they are 特定类型必填 on write only): the canonical null, "the
 * vendor's default window", carries that without a loss — unless a legacy limit applies to the section:
 *  - limit_aheadtime (ms) is how early the day's FIRST clock-in is accepted ("上班前多久可打卡"): the newer
 *    rules keep that meaning for the first section only — "schedule time section, earliest_work_sec for the
 *    first period shall not be more than 4 hours before work_sec" (doc, 301093), the 4 h the legacy field held
 *    (B4 example 14400000) — so it is the first section's earliestOnSec;
 *  - limit_offtime (s, schedules only) is how late the day's LAST clock-out is accepted: the last section's
 *    latestOffSec.
 * A newer field stored for the same bound wins. The bounds neither gives are the writer's defaults (clock-in
 * from 1 h before work until mid-section, clock-out from mid-section until 1 h after, the gap to a neighbour
 * split as canonical-to-wecom.mapper.ts does), so writing the rule back to WeCom gives the same window; that
 * guess is reported.
 */
function readWindow(
  read: readonly SectionRead[],
  position: number,
  limits: LegacyLimits,
  report: LossReport,
): PunchWindow | null {
  const { time, at } = read[position]!;
  const on = time.work_sec;
  const off = time.off_work_sec;
  const ahead = position === 0 ? limits.limitAheadSec : undefined;
  const after = position === read.length - 1 ? limits.limitOffSec : undefined;
  const stored = [time.earliest_work_sec, time.latest_work_sec, time.earliest_off_work_sec, time.latest_off_work_sec];
  const defined = stored.filter((value) => value !== undefined).length;
  if (ahead === undefined && after === undefined) {
    if (defined === 4) {
      return {
        earliestOnSec: time.earliest_work_sec!,
        latestOnSec: time.latest_work_sec!,
        earliestOffSec: time.earliest_off_work_sec!,
        latestOffSec: time.latest_off_work_sec!,
      };
    }
    if (defined > 0) {
      report.dropped(at, 'Only part of the punch window is stored; the vendor default window is used instead.');
    }
    return null;
  }
  const carried: string[] = [];
  const superseded: string[] = [];
  const defaulted: string[] = [];
  let earliestOnSec = time.earliest_work_sec;
  if (ahead !== undefined) {
    if (earliestOnSec === undefined) {
      earliestOnSec = Math.max(0, on - ahead);
      carried.push(`clock-in from ${durationText(ahead)} before work, from ${clockText(earliestOnSec)}`);
    } else if (earliestOnSec !== on - ahead) {
      superseded.push(`clock-in from ${durationText(ahead)} before work (limit_aheadtime)`);
    }
  }
  if (earliestOnSec === undefined) {
    earliestOnSec = defaultEarliestOn(on, position > 0 ? read[position - 1]!.time.off_work_sec : undefined);
    defaulted.push(`clock-in from ${clockText(earliestOnSec)}`);
  }
  const middle = on + Math.floor((off - on) / (2 * MINUTE)) * MINUTE;
  const latestOnSec = time.latest_work_sec ?? middle;
  if (time.latest_work_sec === undefined) defaulted.push(`clock-in until ${clockText(latestOnSec)}`);
  const earliestOffSec = time.earliest_off_work_sec ?? middle;
  if (time.earliest_off_work_sec === undefined) defaulted.push(`clock-out from ${clockText(earliestOffSec)}`);
  let latestOffSec = time.latest_off_work_sec;
  if (after !== undefined) {
    if (latestOffSec === undefined) {
      latestOffSec = off + after;
      carried.push(`clock-out until ${durationText(after)} after work, until ${clockText(latestOffSec)}`);
    } else if (latestOffSec !== off + after) {
      superseded.push(`clock-out until ${durationText(after)} after work (limit_offtime)`);
    }
  }
  if (latestOffSec === undefined) {
    latestOffSec = defaultLatestOff(off, position < read.length - 1 ? read[position + 1]!.time.work_sec : undefined);
    defaulted.push(`clock-out until ${clockText(latestOffSec)}`);
  }
  const span = `${clockText(on)}–${clockText(off)}`;
  if (superseded.length > 0) {
    report.info(
      at,
      `The old-style punch limit (${superseded.join(', ')}) of ${span} is overridden by the newer punch window stored next to it, which was used.`,
    );
  }
  if (carried.length > 0 || defaulted.length > 0) {
    const carriedText =
      carried.length > 0
        ? `The old-style punch limit (${carried.join('; ')}) was carried as the punch window of ${span}.`
        : `The punch window of ${span} is stored only in part.`;
    report.approximated(
      at,
      defaulted.length > 0
        ? `${carriedText} WeCom stores no other bounds for it, so the gateway's defaults were used: ${defaulted.join(', ')}.`
        : `${carriedText} The other bounds are the ones stored.`,
      { limitAheadSec: ahead, limitOffSec: after },
      { earliestOnSec, latestOnSec, earliestOffSec, latestOffSec },
    );
  }
  return { earliestOnSec, latestOnSec, earliestOffSec, latestOffSec };
}

/** The writer's default earliest clock-in: 1 h before work, not before 00:00, split with the previous section. */
function defaultEarliestOn(on: number, previousOff: number | undefined): number {
  const wanted = Math.max(0, on - HOUR);
  if (previousOff === undefined || previousOff + HOUR < wanted) return wanted;
  return Math.max(wanted, gapSplit(previousOff, on) + MINUTE);
}

/** The writer's default latest clock-out: 1 h after work, split with the next section. */
function defaultLatestOff(off: number, nextOn: number | undefined): number {
  const wanted = off + HOUR;
  if (nextOn === undefined || wanted < Math.max(0, nextOn - HOUR)) return wanted;
  return Math.min(wanted, gapSplit(off, nextOn));
}

/** Where the writer cuts the gap between two sections whose default windows would touch (sections()). */
function gapSplit(previousOff: number, nextOn: number): number {
  return previousOff + Math.floor((nextOn - previousOff - MINUTE) / (2 * MINUTE)) * MINUTE;
}

function readFree(wecom: WecomRead, report: LossReport): NonNullable<CanonicalRule['free']> {
  const workdays = new Set<IsoWeekday>();
  (wecom.checkindate ?? []).forEach((entry, index) => {
    // workdays is required for free rules too (doc checkindate.workdays "自由签到"); none read = none known.
    for (const day of entry.workdays ?? []) {
      const iso = wecomDayToIso(day);
      if (iso === null) {
        report.dropped(
          `group.checkindate[${index}].workdays`,
          `Weekday ${day} is not a WeCom weekday and was left out.`,
          day,
        );
      } else workdays.add(iso);
    }
  });
  const duration = wecom.standard_work_duration ?? GROUP_DEFAULTS.standard_work_duration;
  let requiredWorkSec: number | null = duration;
  if (duration === -1) requiredWorkSec = null;
  else if (duration <= 0) {
    report.dropped(
      'group.standard_work_duration',
      `Required working time ${duration} s is not valid; treated as "no requirement".`,
      duration,
    );
    requiredWorkSec = null;
  }
  const span = wecom.span_day_time ?? GROUP_DEFAULTS.span_day_time;
  const dayStartSec = span >= 0 && span < DAY ? span : 0;
  if (dayStartSec !== span) {
    report.dropped('group.span_day_time', `The day start ${span} s is outside one day; midnight is used.`, span);
  }
  return { workdays: [...workdays].sort((a, b) => a - b), requiredWorkSec, dayStartSec };
}

// ---- members, places, special days ------------------------------------------------------------------------

/** `range` as the schema's transform gives it (wecomRangeReadSchema): the departments under party_id, as strings. */
function readMembers(wecom: WecomRead, report: LossReport): CanonicalRule['members'] {
  const range = wecom.range;
  const tagIds = range?.tagid ?? [];
  if (tagIds.length > 0) {
    report.dropped(
      'group.range.tagid',
      `The rule also applies to WeCom tags (${tagIds.join(', ')}); tags have no equivalent on the other side, so their members are not included.`,
      tagIds,
    );
  }
  return {
    userIds: nonEmptyIds(range?.userid ?? []),
    departmentIds: nonEmptyIds(range?.party_id ?? []),
    excludedUserIds: nonEmptyIds(wecom.white_users ?? []),
  };
}

function nonEmptyIds(ids: readonly (string | number)[]): string[] {
  const kept: string[] = [];
  for (const raw of ids) {
    const id = String(raw);
    if (!isBlankText(id)) kept.push(id);
  }
  return kept;
}

/**
 * loc_infos. Every key may be absent on read (the model); none has a doc default. A location without
 * coordinates or without its radius (`distance`) says nowhere to punch, so it is left out and reported; a
 * missing title or address reads as empty text.
 */
function readLocations(wecom: WecomRead, report: LossReport): GpsLocation[] {
  const locations: GpsLocation[] = [];
  (wecom.loc_infos ?? []).forEach((location, index) => {
    const title = location.loc_title ?? '';
    if (location.lat === undefined || location.lng === undefined) {
      report.dropped(`group.loc_infos[${index}]`, `Location "${title}" has no coordinates and was left out.`);
      return;
    }
    const latitude = location.lat / 1e6;
    const longitude = location.lng / 1e6;
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      report.dropped(`group.loc_infos[${index}]`, `Location "${title}" has impossible coordinates and was left out.`);
      return;
    }
    if (location.distance === undefined || location.distance <= 0) {
      report.dropped(
        `group.loc_infos[${index}].distance`,
        `Location "${title}" has no check-in radius and was left out.`,
      );
      return;
    }
    locations.push({
      name: title,
      address: location.loc_detail ?? '',
      latitude,
      longitude,
      radiusMeters: location.distance,
    });
  });
  return locations;
}

/** wifimac_infos: an entry without a usable MAC is left out; one without a name keeps an empty name. */
function readWifi(wecom: WecomRead, report: LossReport): WifiLocation[] {
  const wifis: WifiLocation[] = [];
  (wecom.wifimac_infos ?? []).forEach((wifi, index) => {
    const name = wifi.wifiname ?? '';
    if (wifi.wifimac === undefined) {
      report.dropped(
        `group.wifimac_infos[${index}].wifimac`,
        `Wi-Fi "${name}" has no router MAC address and was left out.`,
      );
      return;
    }
    const bssid = normalizeBssid(wifi.wifimac);
    if (bssid === null) {
      report.dropped(
        `group.wifimac_infos[${index}].wifimac`,
        `Wi-Fi "${name}" has an invalid router MAC address "${wifi.wifimac}" and was left out.`,
      );
      return;
    }
    if (wifi.wifiname === undefined) {
      report.info(`group.wifimac_infos[${index}].wifiname`, `The Wi-Fi ${bssid} has no name; it is kept unnamed.`);
    }
    wifis.push({ ssid: name, bssid });
  });
  return wifis;
}

interface SpecialDayRead {
  readonly timestamp?: number | undefined;
  readonly notes?: string | undefined;
  readonly type?: number | undefined;
  readonly begtime?: number | undefined;
  readonly endtime?: number | undefined;
  readonly checkintime?: readonly CheckinTimeRead[] | undefined;
}

/** The 00:00 timestamps a special-day entry covers (doc spe_workdays.type: 0 one day, 1 range, 2 every two weeks). */
function coveredDays(entry: SpecialDayRead): number[] | null {
  const type = entry.type ?? 0;
  if (type === 0) return entry.timestamp === undefined ? null : [entry.timestamp];
  const first = type === 1 ? entry.begtime : entry.timestamp;
  const last = entry.endtime;
  if ((type !== 1 && type !== 2) || first === undefined || last === undefined || last < first) return null;
  const step = type === 1 ? DAY : 14 * DAY;
  const days: number[] = [];
  for (let day = first; day <= last && days.length <= MAX_SPECIAL_DAYS; day += step) days.push(day);
  return days;
}

/** The dates a special-day entry covers, each claimed in `seen` (a date already claimed is reported, not repeated). */
function specialDates(
  entry: SpecialDayRead,
  path: string,
  seen: Set<string>,
  timeZone: string,
  report: LossReport,
): string[] {
  const days = coveredDays(entry);
  if (days === null) {
    report.dropped(path, 'A special day has no usable date and was left out.');
    return [];
  }
  const result: string[] = [];
  for (const day of days) {
    const date = dateInTimeZone(day, timeZone);
    if (date === null) {
      report.dropped(path, `A special day has an impossible date (${day}) and was left out.`, day);
    } else if (seen.has(date)) {
      report.dropped(path, `The special day ${date} is listed twice; the second entry was left out.`, date);
    } else if (seen.size >= MAX_SPECIAL_DAYS) {
      report.dropped(path, `More than ${MAX_SPECIAL_DAYS} special days; ${date} was left out.`, date);
    } else {
      seen.add(date);
      result.push(date);
    }
  }
  return result;
}

function readSpecialDays(
  wecom: WecomRead,
  timeZone: string,
  report: LossReport,
): Pick<CanonicalRule, 'specialWorkdays' | 'specialOffdays'> {
  const seen = new Set<string>();
  const specialWorkdays: SpecialWorkday[] = [];
  (wecom.spe_workdays ?? []).forEach((entry, index) => {
    const path = `group.spe_workdays[${index}]`;
    const sections = readSections(
      entry.checkintime ?? [],
      {},
      NO_LEGACY_LIMITS,
      { lateGraceSec: 0, earlyLeaveGraceSec: 0, flexibleArrival: null, lateOffLateOn: [] },
      `${path}.checkintime`,
      report,
    );
    if (sections.length === 0) {
      report.dropped(path, 'A special working day has no working times and was left out.');
      return;
    }
    for (const date of specialDates(entry, path, seen, timeZone, report)) {
      specialWorkdays.push({ date, shiftKey: null, sections, note: entry.notes ?? '' });
    }
  });
  const specialOffdays: SpecialOffday[] = [];
  (wecom.spe_offdays ?? []).forEach((entry, index) => {
    for (const date of specialDates(entry, `group.spe_offdays[${index}]`, seen, timeZone, report))
      specialOffdays.push({ date, note: entry.notes ?? '' });
  });
  return { specialWorkdays, specialOffdays };
}

// ---- policies ---------------------------------------------------------------------------------------------

function remedyLimit(value: number, field: string, report: LossReport): number | null {
  if (value === -1) return null;
  if (value < 0) {
    report.dropped(`group.${field}`, `The make-up punch limit ${value} is not valid; treated as unlimited.`, value);
    return null;
  }
  return value;
}

function readRemedy(wecom: WecomRead, report: LossReport): CanonicalRule['remedy'] {
  const restriction = wecom.buka_restriction ?? GROUP_DEFAULTS.buka_restriction;
  if (restriction < 0 || restriction > 15) {
    report.dropped(
      'group.buka_restriction',
      `The make-up punch restriction ${restriction} is not a valid set of flags; all types are allowed.`,
      restriction,
    );
  }
  const bits = restriction >= 0 && restriction <= 15 ? restriction : 0;
  // A set bit CLOSES that exception type to make-up punches (doc buka_restriction).
  return {
    allowed: wecom.allow_apply_offworkday ?? GROUP_DEFAULTS.allow_apply_offworkday,
    monthlyLimit: remedyLimit(
      wecom.allow_apply_bk_cnt ?? GROUP_DEFAULTS.allow_apply_bk_cnt,
      'allow_apply_bk_cnt',
      report,
    ),
    daysLimit: remedyLimit(
      wecom.allow_apply_bk_day_limit ?? GROUP_DEFAULTS.allow_apply_bk_day_limit,
      'allow_apply_bk_day_limit',
      report,
    ),
    forMissing: (bits & 1) === 0,
    forLate: (bits & 2) === 0,
    forEarly: (bits & 4) === 0,
    forOther: (bits & 8) === 0,
    // A punch that was normal cannot be re-applied for in WeCom: buka_restriction's bits are exception types only.
    forNormal: false,
  };
}

function readOutOfRange(wecom: WecomRead, report: LossReport): OutOfRangePolicy {
  const value = wecom.option_out_range ?? GROUP_DEFAULTS.option_out_range;
  const policy = OUT_OF_RANGE[value];
  if (policy !== undefined) return policy;
  const fallback = OUT_OF_RANGE[GROUP_DEFAULTS.option_out_range] ?? 'exception';
  report.approximated(
    'group.option_out_range',
    `Out-of-range punching setting ${value} is unknown; it is treated as WeCom's default, "counts as an exception".`,
    value,
    fallback,
  );
  return fallback;
}

/**
 * Overtime allowed per kind of day. ot_info_v2.{workdayconf,restdayconf,holidayconf}.allow_ot; a kind read
 * without it (allow_ot is required on write but has no default, doc ot_info_v2.*.allow_ot) is one where
 * overtime is not known to be allowed: false, and told. Rules read with only the legacy ot_info (B4):
 * allow_ot_workingday for workdays, allow_ot_nonworkingday for rest days AND holidays (READING: the legacy block
 * has one switch for every day that is not a working day), each set either on the block or in its otapplyinfo.
 */
function readOvertime(wecom: WecomRead, report: LossReport): OvertimeByDayKind {
  const v2 = wecom.ot_info_v2;
  if (v2 !== undefined) {
    const confs = [
      ['workdayconf', v2.workdayconf],
      ['restdayconf', v2.restdayconf],
      ['holidayconf', v2.holidayconf],
    ] as const;
    const unknown = confs.filter(([, conf]) => conf?.allow_ot === undefined).map(([name]) => name);
    if (unknown.length > 0) {
      report.info(
        'group.ot_info_v2',
        `No overtime switch (allow_ot) is stored for ${unknown.join(', ')}; overtime there is read as not allowed.`,
      );
    }
    const overtime: OvertimeByDayKind = {
      workday: v2.workdayconf?.allow_ot === true,
      restDay: v2.restdayconf?.allow_ot === true,
      holiday: v2.holidayconf?.allow_ot === true,
    };
    if (overtime.workday || overtime.restDay || overtime.holiday) {
      report.info(
        'group.ot_info_v2',
        'Overtime is on. Only whether overtime is allowed on workdays, rest days and holidays is carried; how WeCom counts it (approval or punches, minimums, rest deductions, time off in lieu) stays WeCom-specific.',
      );
    }
    return overtime;
  }
  const legacy = wecom.ot_info;
  if (legacy === undefined) return { workday: false, restDay: false, holiday: false };
  const workday = legacy.allow_ot_workingday === true || legacy.otapplyinfo?.allow_ot_workingday === true;
  const nonWorkingDay = legacy.allow_ot_nonworkingday === true || legacy.otapplyinfo?.allow_ot_nonworkingday === true;
  if (workday || nonWorkingDay) {
    report.info(
      'group.ot_info',
      'Overtime is on (old-style overtime settings). Only whether overtime is allowed on workdays and on non-working days (rest days and holidays alike) is carried; the counting details stay WeCom-specific.',
    );
  }
  return { workday, restDay: nonWorkingDay, holiday: nonWorkingDay };
}

/**
 * open_face_live_detect (默认 false): WeCom has one liveness check, read as 'silent' (the person does nothing
 * special; Feishu's "action" check has no WeCom form). It only runs on face punches (doc "open_face_live_detect
 * requires use_face_detect first"), so without face recognition there is none.
 */
function readLiveness(wecom: WecomRead, faceRecognition: boolean, report: LossReport): FaceLiveness {
  if (!(wecom.open_face_live_detect ?? GROUP_DEFAULTS.open_face_live_detect)) return 'none';
  if (faceRecognition) return 'silent';
  report.info(
    'group.open_face_live_detect',
    'Liveness detection is stored as on, but face recognition is off and WeCom only checks liveness on face punches; read as no liveness check.',
  );
  return 'none';
}

/** The sections whose reminders the rule has, in WeCom's order, with where they were read. */
function reminderSections(wecom: WecomRead, kind: RuleKind): SectionRead[] {
  const sections: SectionRead[] = [];
  const add = (times: readonly CheckinTimeRead[] | undefined, path: string): void => {
    (times ?? []).forEach((time, index) => sections.push({ time, at: `${path}[${index}]` }));
  };
  if (kind === 'fixed') {
    (wecom.checkindate ?? []).forEach((entry, index) =>
      add(entry.checkintime, `group.checkindate[${index}].checkintime`),
    );
    (wecom.spe_workdays ?? []).forEach((entry, index) =>
      add(entry.checkintime, `group.spe_workdays[${index}].checkintime`),
    );
  } else if (kind === 'shift_based') {
    (wecom.schedulelist ?? []).forEach((schedule, index) => {
      if (schedule.schedule_id !== 0) add(schedule.time_section, `group.schedulelist[${index}].time_section`);
    });
  }
  // A free rule has no time sections (doc checkindate.checkintime: fixed rules only), so no reminders.
  return sections;
}

/**
 * The punch reminder: remind_work_sec / remind_off_work_sec of every section the rule uses, as a lead before
 * the start of work (work_sec − remind_work_sec) and a lag after its end (remind_off_work_sec − off_work_sec).
 * The canonical model has one reminder per rule: when the sections agree it is theirs; when they differ, the
 * first section's in time order — earliest start, then earliest end, then the smaller reminder, so the choice
 * does not depend on the order WeCom lists days and shifts in — reported for each section that differs. (A
 * reminder the writer had to shorten to keep it after 00:00 is on the earliest section, so reading it back
 * gives what is written again: the round trip is stable.) No reminder stored anywhere: null (none carried).
 * A reminder after the start of work or before its end is no WeCom choice (doc 301093 "checkin time
 * remind_work_sec invalid" / "remind_off_work_sec invalid"): read as on time, and reported.
 */
function readPunchReminder(wecom: WecomRead, kind: RuleKind, report: LossReport): PunchReminder | null {
  const read: { time: CheckinTimeRead; at: string; lead: number | undefined; lag: number | undefined }[] = [];
  for (const { time, at } of reminderSections(wecom, kind)) {
    if (time.remind_work_sec === undefined && time.remind_off_work_sec === undefined) continue;
    const lead =
      time.remind_work_sec === undefined
        ? undefined
        : reminderOffset(time.work_sec - time.remind_work_sec, `${at}.remind_work_sec`, 'before the start', report);
    const lag =
      time.remind_off_work_sec === undefined
        ? undefined
        : reminderOffset(
            time.remind_off_work_sec - time.off_work_sec,
            `${at}.remind_off_work_sec`,
            'after the end',
            report,
          );
    read.push({ time, at, lead, lag });
  }
  if (read.length === 0) return null;
  const inTimeOrder = [...read].sort(
    (a, b) =>
      a.time.work_sec - b.time.work_sec ||
      a.time.off_work_sec - b.time.off_work_sec ||
      (a.lead ?? 0) - (b.lead ?? 0) ||
      (a.lag ?? 0) - (b.lag ?? 0),
  );
  const lead = inTimeOrder.find((entry) => entry.lead !== undefined)?.lead;
  const lag = inTimeOrder.find((entry) => entry.lag !== undefined)?.lag;
  for (const entry of read) {
    if ((entry.lead === undefined || entry.lead === lead) && (entry.lag === undefined || entry.lag === lag)) continue;
    report.approximated(
      entry.at,
      `The punch reminders of ${clockText(entry.time.work_sec)}–${clockText(entry.time.off_work_sec)} (${reminderText(entry.lead, entry.lag)}) differ from those of the rule's first time section (${reminderText(lead, lag)}); the rule keeps one reminder for all its sections, so the first one's was used.`,
      { beforeOnSec: entry.lead, afterOffSec: entry.lag },
      { beforeOnSec: lead, afterOffSec: lag },
    );
  }
  if (lead === undefined || lag === undefined) {
    // One of the two is stored on no section (each section read holds the other): reported on the rule's first
    // section in time order (whose reminder the rule keeps), under the field that is missing.
    const first = inTimeOrder[0]!;
    const clockIn = lead === undefined;
    const others = read.length > 1 ? " or the rule's other time sections" : '';
    report.info(
      `${first.at}.${clockIn ? 'remind_work_sec' : 'remind_off_work_sec'}`,
      `No ${clockIn ? 'clock-in' : 'clock-out'} reminder is stored for ${clockText(first.time.work_sec)}–${clockText(first.time.off_work_sec)}${others}; it was read as at the ${clockIn ? 'start' : 'end'} of work.`,
    );
  }
  return { beforeOnSec: lead ?? 0, afterOffSec: lag ?? 0 };
}

function reminderOffset(offset: number, field: string, side: string, report: LossReport): number {
  if (offset >= 0) return offset;
  report.approximated(
    field,
    `A punch reminder ${durationText(-offset)} ${side === 'before the start' ? 'after the start' : 'before the end'} of work is not one WeCom offers; it was read as at the ${side === 'before the start' ? 'start' : 'end'} of work.`,
    offset,
    0,
  );
  return 0;
}

function reminderText(lead: number | undefined, lag: number | undefined): string {
  const before =
    lead === undefined
      ? 'no clock-in reminder'
      : lead === 0
        ? 'at the start of work'
        : `${durationText(lead)} before work`;
  const afterText =
    lag === undefined ? 'no clock-out reminder' : lag === 0 ? 'at the end of work' : `${durationText(lag)} after work`;
  return `${before}, ${afterText}`;
}

/**
 * allow_checkin_offworkday, "固定上下班是否允许非工作日打卡,默认不允许" (doc): fixed rules only. Other kinds
 * have no such setting: null, and a stored true is told.
 */
function readRestDayPunch(wecom: WecomRead, kind: RuleKind, report: LossReport): RestDayPunchPolicy | null {
  const stored = wecom.allow_checkin_offworkday;
  if (kind === 'fixed') return (stored ?? GROUP_DEFAULTS.allow_checkin_offworkday) ? 'allowed' : 'forbidden';
  if (stored === true) {
    report.info(
      'group.allow_checkin_offworkday',
      'Punching on non-working days is switched on, but WeCom has that setting for fixed-time rules only; it has no effect on this rule and was not carried.',
    );
  }
  return null;
}

/** Settings with no canonical field, told to the HR reader so nothing disappears silently. */
function reportWecomOnlySettings(wecom: WecomRead, report: LossReport): void {
  const type = wecom.type ?? GROUP_DEFAULTS.type;
  if (type !== 0) {
    report.dropped(
      'group.type',
      `Punching is set to ${type === 2 ? 'attendance machines' : type === 3 ? 'phone and attendance machines' : `mode ${type}`}; attendance machines are not synced, only phone punching rules are carried.`,
      type,
    );
  }
  if ((wecom.reporterinfo?.reporters ?? []).length > 0) {
    report.info(
      'group.reporterinfo',
      'The people who receive attendance reports (汇报人) are WeCom-only and are not carried.',
    );
  }
  if (wecom.note_can_use_local_pic !== undefined) {
    report.info(
      'group.note_can_use_local_pic',
      'Whether punch notes may use photos from the album is WeCom-only and is not carried.',
    );
  }
  if (wecom.sync_out_checkin ?? GROUP_DEFAULTS.sync_out_checkin) {
    report.dropped(
      'group.sync_out_checkin',
      'Out-of-office punches count as clock-in/out in WeCom; this setting is not carried.',
    );
  }
  const bukaDeadline = wecom.buka_limit_next_month ?? GROUP_DEFAULTS.buka_limit_next_month;
  if (bukaDeadline !== -1) {
    report.dropped(
      'group.buka_limit_next_month',
      `Make-up punches close on day ${bukaDeadline} of the next month in WeCom; this deadline is not carried.`,
    );
  }
  if (wecom.buka_remind?.open_remind === true) {
    report.info('group.buka_remind', 'The monthly make-up punch reminder is WeCom-only and is not carried.');
  }
  if ((wecom.offwork_interval_time ?? 0) > 0) {
    report.dropped(
      'group.offwork_interval_time',
      `Clock-out is only accepted ${durationText(wecom.offwork_interval_time ?? 0)} after clock-in in WeCom; this minimum interval is not carried.`,
    );
  }
}
