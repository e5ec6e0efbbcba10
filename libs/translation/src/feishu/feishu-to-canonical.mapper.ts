import type { z } from 'zod';
import {
  feishuGroupSchema,
  feishuShiftSchema,
  punchDayDigits,
  type FeishuGroup,
  type FeishuPunchTimeRule,
  type FeishuShift,
} from '@app/feishu/model';
import type {
  CanonicalRule,
  FaceLiveness,
  GpsLocation,
  IsoWeekday,
  LateOffLateOnStep,
  Members,
  OutOfRangePolicy,
  OvertimeByDayKind,
  Remedy,
  RestDayPunchPolicy,
  RuleKind,
  Shift,
  SpecialOffday,
  SpecialWorkday,
  TimeSection,
  WifiLocation,
} from '../canonical/canonical-rule.js';
import { LossReport, refused, translated, type Translation } from '../canonical/loss.js';
import { isKnownTimeZone } from '../canonical/time-zone.util.js';
import { normalizeBssid } from '../canonical/text.util.js';
import {
  compareText,
  dayIntToIsoDate,
  DAY_SEC,
  feishuClockMinutes,
  listForMessage,
  sortedUnique,
} from './feishu-mapping.util.js';
import { wgs84ToGcj02 } from './gcj02.util.js';

/*
 * Feishu attendance group (+ the shifts it uses) → canonical rule. Total: every input, however malformed,
 * yields either a rule plus losses or a refusal whose blocking losses name the field; nothing throws.
 *
 * Sources: feishu-create-update-group.md (group fields, read response table), feishu-get-shift.md (shift read
 * shape, the no_need_* read meaning), REFERENCE A5/A6 (read-vs-create differences), DESIGN.md mapping table.
 * Decisions where the docs leave room are marked "DECISION", with the reading chosen and why.
 */

export interface FeishuToCanonicalInput {
  /** GET /groups/:group_id `data` (flat, READ shape: group_type 0/2/3). Untrusted JSON. */
  readonly group: unknown;
  /**
   * GET /shifts/:shift_id `data` of the shifts the group uses: the week's and special days' shifts of a fixed
   * group; the rosterable shifts of a 排班 group (its GET body names none, so the caller supplies them).
   */
  readonly shifts: readonly unknown[];
}

/** A group and its shifts as the Feishu client returns them: read through feishuGroupSchema and feishuShiftSchema. */
export interface FeishuReadInput {
  readonly group: FeishuGroup;
  readonly shifts: readonly FeishuShift[];
}

export interface FeishuToCanonicalOptions {
  /**
   * DECISION: the group's own `time_zone` wins (it is required on every Feishu group); this is only the fallback
   * when it is blank or not an IANA zone, and then an `approximated` loss says so.
   */
  readonly timeZone?: string;
  /**
   * The datum of GPS places picked on Google Maps (location map_type 2); default DEFAULT_GOOGLE_MAP_DATUM.
   * 'gcj02': carried unchanged; 'wgs84': converted to GCJ-02 (canonical-rule.ts keeps GCJ-02). Why the default
   * is 'gcj02': see GOOGLE_MAP_DATUM_EVIDENCE below.
   */
  readonly googleMapDatum?: GoogleMapDatum;
}

export type GoogleMapDatum = 'gcj02' | 'wgs84';

/*
 * GOOGLE_MAP_DATUM_EVIDENCE. Feishu says only "map_type 地图类型,1:高德, 2:谷歌" (feishu-create-update-group.md);
 * it names no datum for either. What decides it is the map the place was picked on:
 *  - Google's road map of mainland China is drawn on licensed Chinese (AutoNavi) data in GCJ-02, as the law
 *    requires of every map published in China; only its satellite imagery and Google Earth are WGS-84. Published
 *    sources: "谷歌中国地图和搜搜中国地图采用的是GCJ02地理坐标系" (PositionUtil comment, blog.csdn.net
 *    weixin_30527875/article/details/114717208); "WGS84: Google Earth和中国外的Google Map使用 … GCJ-02: Google Map
 *    中国、高德和腾讯" (cscc.vip 2021/09/04); "Apple、Google等国外公司在其道路地图中使用的也是高德的数据" (gist
 *    anonymous/e7c6f67555099180ce1ae8da4ba2c513, 中国地图偏移算法); IITC basemap plugin: "the tiles of Google maps
 *    (except satellite map) … in China have offsets" (GMOogway/iitc-plugins basemap-gaode.user.js); the
 *    ditu.google.cn loader comment "卫星(有地标) GCJ-02 一般 GCJ-02" (gist mataanin).
 *  - Outside mainland China GCJ-02 equals WGS-84 (gcoord leaves such points unchanged), so carrying Google points
 *    unchanged is right there under either reading.
 * So a Google-picked point in China is already GCJ-02, and converting it again shifts it by the datum offset a
 * second time (100–700 m, "hundreds of metres"), which can put a whole office outside its punch radius. Default
 * 'gcj02'; a tenant known to store WGS-84 (e.g. points typed in from a GPS) sets 'wgs84'. Either way each rule with
 * Google places gets an `info` loss naming the assumption.
 */
export const DEFAULT_GOOGLE_MAP_DATUM: GoogleMapDatum = 'gcj02';

/** Feishu shows this radius when a GPS location carries none (the doc examples' gps_range). */
export const FEISHU_DEFAULT_GPS_RANGE_METERS = 300;

const FIXED_READ = 0;
const KIND_BY_READ_TYPE: Record<0 | 2 | 3, RuleKind> = { 0: 'fixed', 2: 'shift_based', 3: 'free' };
const MAX_SECTIONS = 4;

export function feishuToCanonical(
  input: FeishuToCanonicalInput,
  options: FeishuToCanonicalOptions = {},
): Translation<CanonicalRule> {
  return translateSafely((report) => mapGroup(input, options, report));
}

/**
 * A group and shifts the Feishu client has read through the model's schemas already, translated without reading
 * them again: the second read was about a tenth of a no-change rules run's translation time (BENCHMARKS.md,
 * "Translation and hashing vs a 500-group run"). The schemas only check (no transform), so a value read twice
 * and a value read once translate the same.
 */
export function feishuReadToCanonical(
  input: FeishuReadInput,
  options: FeishuToCanonicalOptions = {},
): Translation<CanonicalRule> {
  return translateSafely((report) => {
    const shifts = shiftsById(input.shifts, report, (shift) => shift);
    return shifts === null ? refused(report) : mapReadGroup(input.group, shifts, options, report);
  });
}

function translateSafely(translate: (report: LossReport) => Translation<CanonicalRule>): Translation<CanonicalRule> {
  const report = new LossReport();
  try {
    return translate(report);
  } catch (error) {
    // A safety net, not a code path: the mapper validates before it reads, so reaching this is a bug. It still
    // must not take the sync down, so the group is refused with the reason.
    report.blocking('(internal)', `The Feishu group could not be translated: ${describeError(error)}`);
    return refused(report);
  }
}

function mapGroup(
  input: FeishuToCanonicalInput,
  options: FeishuToCanonicalOptions,
  report: LossReport,
): Translation<CanonicalRule> {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Partial<FeishuToCanonicalInput>;
  const group = parseGroup(raw.group, report);
  const shifts = parseShifts(Array.isArray(raw.shifts) ? (raw.shifts as unknown[]) : undefined, report);
  if (group === null || shifts === null) return refused(report);
  return mapReadGroup(group, shifts, options, report);
}

function mapReadGroup(
  group: FeishuGroup,
  shifts: ReadonlyMap<string, FeishuShift>,
  options: FeishuToCanonicalOptions,
  report: LossReport,
): Translation<CanonicalRule> {
  const kind = KIND_BY_READ_TYPE[group.group_type];

  const timeZone = resolveTimeZone(group.time_zone, options.timeZone, report);
  const { week, weekShiftIds } = mapWeek(group, kind, report);
  const special = mapSpecialDays(group, report);

  // Which supplied shifts the rule uses (canonical-rule.ts: "Every shift the rule uses"). A special workday names
  // "a shift of this rule" whatever the kind (SpecialWorkday.shiftKey), so a 排班 group's special-day shift must be
  // supplied too, not only its roster's.
  const used = new Set<string>(kind === 'shift_based' ? shifts.keys() : weekShiftIds);
  for (const id of special.shiftIds) used.add(id);
  for (const id of used) {
    if (!shifts.has(id)) {
      report.blocking(
        `shifts[${id}]`,
        `The group uses shift ${id}, but its details were not supplied (GET /shifts/${id}); the group cannot be ` +
          'translated without the shift times.',
        id,
      );
    }
  }
  for (const id of shifts.keys()) {
    if (!used.has(id)) {
      report.info(`shifts[${id}]`, `Shift ${id} was supplied but this group does not use it; it is ignored.`, id);
    }
  }
  if (kind === 'shift_based' && shifts.size === 0) {
    report.blocking(
      'shifts',
      'A shift-based (排班) group without any shift: supply the shifts its roster uses (the group itself lists none).',
    );
  }

  const canonicalShifts: Shift[] = [];
  for (const id of [...used].sort(compareText)) {
    const shift = shifts.get(id);
    if (!shift) continue;
    const mapped = mapShift(shift, report);
    if (mapped) canonicalShifts.push(mapped);
  }

  const locations = mapLocations(group, options.googleMapDatum ?? DEFAULT_GOOGLE_MAP_DATUM, report);
  const rule: CanonicalRule = {
    kind,
    name: group.group_name,
    timeZone,
    idSpace: 'feishu',
    members: mapMembers(group, report),
    shifts: canonicalShifts,
    week,
    free: kind === 'free' ? mapFree(group, report) : null,
    gpsLocations: locations.gps,
    wifiLocations: locations.wifi,
    specialWorkdays: special.workdays,
    specialOffdays: special.offdays,
    followsHolidayCalendar: mapCalendar(group, report),
    remedy: mapRemedy(group, report),
    faceRecognition: group.face_punch === true,
    faceLiveness: mapFaceLiveness(group, report),
    photoRequired: group.clockIn_need_photo === true,
    outOfRange: mapOutOfRange(group, report),
    overtime: mapOvertime(shifts, used, report),
    // Feishu's group and shift APIs have no punch reminder (feishu-create-update-group.md, feishu-get-shift.md).
    punchReminder: null,
    restDayPunch: mapRestDayPunch(group, report),
  };
  reportFeishuOnlyGroupSettings(group, report);
  return translated(rule, report);
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

/** The group as read, or null with its issues reported. */
function parseGroup(value: unknown, report: LossReport): FeishuGroup | null {
  const parsed = feishuGroupSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  reportIssues(report, 'group', parsed.error);
  return null;
}

function parseShifts(values: unknown[] | undefined, report: LossReport): Map<string, FeishuShift> | null {
  if (!values) {
    report.blocking('shifts', 'The shifts of the group must be supplied as a list (GET /shifts/:id data).');
    return null;
  }
  return shiftsById(values, report, (value, index) => {
    const parsed = feishuShiftSchema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    reportIssues(report, `shifts[${index}]`, parsed.error);
    return null;
  });
}

/** The shifts by id (the first copy of one supplied twice), each as `read` gives it; null if one is unreadable. */
function shiftsById<T>(
  values: readonly T[],
  report: LossReport,
  read: (value: T, index: number) => FeishuShift | null,
): Map<string, FeishuShift> | null {
  const byId = new Map<string, FeishuShift>();
  let ok = true;
  values.forEach((value, index) => {
    const shift = read(value, index);
    if (shift === null) {
      ok = false;
      return;
    }
    if (byId.has(shift.shift_id)) {
      report.info(`shifts[${index}]`, `Shift ${shift.shift_id} was supplied twice; the first copy is used.`);
      return;
    }
    byId.set(shift.shift_id, shift);
  });
  return ok ? byId : null;
}

function reportIssues(report: LossReport, root: string, error: z.ZodError): void {
  const max = 10;
  for (const issue of error.issues.slice(0, max)) {
    report.blocking(
      formatPath(root, issue.path),
      `Feishu sent a value this gateway cannot read: ${issue.message}.`,
      valueAt(issue),
    );
  }
  if (error.issues.length > max) {
    report.blocking(root, `…and ${error.issues.length - max} more unreadable fields.`);
  }
}

function valueAt(issue: z.core.$ZodIssue): unknown {
  return 'input' in issue && isSmall(issue.input) ? issue.input : undefined;
}

function isSmall(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function resolveTimeZone(groupZone: string, fallback: string | undefined, report: LossReport): string {
  if (isKnownTimeZone(groupZone)) return groupZone;
  const zone = fallback !== undefined && isKnownTimeZone(fallback) ? fallback : 'Asia/Shanghai';
  report.approximated(
    'time_zone',
    `The group's time zone ${JSON.stringify(groupZone)} is not an IANA zone; ${zone} is assumed.`,
    groupZone,
    zone,
  );
  return zone;
}

// ---------------------------------------------------------------------------------------------------------
// Week, special days

function mapWeek(
  group: FeishuGroup,
  kind: RuleKind,
  report: LossReport,
): { week: CanonicalRule['week']; weekShiftIds: string[] } {
  const ids = group.punch_day_shift_ids ?? [];
  if (group.group_type !== FIXED_READ) {
    if (ids.length > 0) {
      report.info(
        'punch_day_shift_ids',
        `A ${kind === 'free' ? 'free' : 'shift-based (排班)'} group has no weekly shifts; the listed ones are ignored.`,
        // A copy: the group is read in place, so the list is the caller's.
        [...ids],
      );
    }
    return { week: {}, weekShiftIds: [] };
  }
  // REFERENCE A6: exactly 7 entries, Monday→Sunday, "0" = rest (the schema already refused any other length).
  const week: Partial<Record<IsoWeekday, string | null>> = {};
  const weekShiftIds: string[] = [];
  for (let index = 0; index < ids.length && index < 7; index += 1) {
    const id = ids[index] as string;
    week[(index + 1) as IsoWeekday] = id === '0' ? null : id;
    if (id !== '0') weekShiftIds.push(id);
  }
  return { week, weekShiftIds };
}

function mapSpecialDays(
  group: FeishuGroup,
  report: LossReport,
): { workdays: SpecialWorkday[]; offdays: SpecialOffday[]; shiftIds: string[] } {
  const workdays = new Map<string, SpecialWorkday>();
  const shiftIds: string[] = [];
  (group.need_punch_special_days ?? []).forEach((day, index) => {
    const field = `need_punch_special_days[${index}]`;
    const date = dayIntToIsoDate(day.punch_day);
    if (day.shift_id === '0') {
      report.dropped(field, `Special workday ${date} names the rest "shift" 0, so it has no times; it is left out.`);
      return;
    }
    if (workdays.has(date)) {
      report.dropped(field, `Special workday ${date} is listed twice; the first entry is kept.`, day.shift_id);
      return;
    }
    workdays.set(date, { date, shiftKey: day.shift_id, sections: [], note: '' });
    shiftIds.push(day.shift_id);
  });
  const offdays = new Map<string, SpecialOffday>();
  (group.no_need_punch_special_days ?? []).forEach((day, index) => {
    const date = dayIntToIsoDate(day.punch_day);
    const field = `no_need_punch_special_days[${index}]`;
    if (workdays.has(date)) {
      // DECISION: a day that is both "must punch" and "no punch needed" keeps the stricter reading.
      report.dropped(field, `${date} is also a special workday; it stays a workday and this day off is left out.`);
      return;
    }
    // The shift_id of a no-punch day names no working time; canonical days off carry none.
    offdays.set(date, { date, note: '' });
  });
  return { workdays: [...workdays.values()].sort(byDate), offdays: [...offdays.values()].sort(byDate), shiftIds };
}

function byDate(a: { readonly date: string }, b: { readonly date: string }): number {
  return compareText(a.date, b.date);
}

// ---------------------------------------------------------------------------------------------------------
// Shifts

function mapShift(shift: FeishuShift, report: LossReport): Shift | null {
  const field = `shifts[${shift.shift_id}]`;
  const rules = shift.punch_time_rule;
  if (rules.length > MAX_SECTIONS) {
    report.blocking(
      `${field}.punch_time_rule`,
      `Shift "${shift.shift_name}" has ${rules.length} punch segments; at most ${MAX_SECTIONS} can be carried.`,
      rules.length,
    );
    return null;
  }
  // The shift-level serious-late threshold wins over the segment ones (feishu-get-shift.md "优先级比原有字段高").
  const shiftSeriousLate = positiveMinutesOrNull(shift.late_minutes_as_serious_late);
  const sections: TimeSection[] = [];
  let previousOff = Number.NEGATIVE_INFINITY;
  let valid = true;
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index] as FeishuPunchTimeRule;
    const section = mapSection(rule, shiftSeriousLate);
    if (section.offSec <= section.onSec) {
      report.blocking(
        `${field}.punch_time_rule[${index}].off_time`,
        `Segment ${rule.on_time}–${rule.off_time} of shift "${shift.shift_name}" ends before it starts ` +
          '(a next-day end is written as "26:00").',
        rule.off_time,
      );
      valid = false;
    } else if (section.onSec < previousOff) {
      report.blocking(
        `${field}.punch_time_rule[${index}].on_time`,
        `Segment ${rule.on_time}–${rule.off_time} overlaps the previous one.`,
      );
      valid = false;
    }
    previousOff = section.offSec;
    sections.push(section);
  }
  if (!valid) return null;

  placeRests(shift, sections, report, field);

  if (shift.no_need_off === true && rules.some((rule) => rule.no_need_off ?? true)) {
    // The shift-level flag has no documented read meaning; the segment flags win over it ([FNS], create doc
    // "优先级高于data.shift.no_need_off"), so the segments decide.
    report.info(
      `${field}.no_need_off`,
      'The shift-level "no clock-out" flag is overridden by the per-segment flags, which are what is carried.',
    );
  }

  reportFeishuOnlyShiftSettings(shift, report, field);
  return {
    key: shift.shift_id,
    name: shift.shift_name,
    sections,
    flexibleArrival: mapFlexible(shift, report, field),
    lateOffLateOn: mapLateOffLateOn(shift),
  };
}

function mapSection(rule: FeishuPunchTimeRule, shiftSeriousLate: number | null): TimeSection {
  // The schema validated both strings, so parse never yields null here; 0 keeps the type total.
  const onSec = (feishuClockMinutes(rule.on_time) ?? 0) * 60;
  const offSec = (feishuClockMinutes(rule.off_time) ?? 0) * 60;
  return {
    onSec,
    offSec,
    // A window only when Feishu sent one; omitted minute fields are zero on read, but all four missing means
    // the shift carries no window of its own (null = vendor default, canonical-rule.ts).
    punchWindow:
      rule.on_advance_minutes === undefined &&
      rule.late_minutes_as_lack === undefined &&
      rule.early_minutes_as_lack === undefined &&
      rule.off_delay_minutes === undefined
        ? null
        : {
            earliestOnSec: onSec - (rule.on_advance_minutes ?? 0) * 60,
            latestOnSec: onSec + (rule.late_minutes_as_lack ?? 0) * 60,
            earliestOffSec: offSec - (rule.early_minutes_as_lack ?? 0) * 60,
            latestOffSec: offSec + (rule.off_delay_minutes ?? 0) * 60,
          },
    // READ meaning: no_need_on true = the punch IS needed (feishu-get-shift.md; the model's segmentPunchesNeeded).
    noPunchOn: !(rule.no_need_on ?? true),
    noPunchOff: !(rule.no_need_off ?? true),
    lateGraceSec: (rule.late_minutes_as_late ?? 0) * 60,
    earlyLeaveGraceSec: (rule.early_minutes_as_early ?? 0) * 60,
    seriousLateSec: shiftSeriousLate ?? positiveMinutesOrNull(rule.late_minutes_as_serious_late),
    rest: null,
  };
}

/** 0 / missing = unset: "late by more than 0 minutes is seriously late" would make every late arrival serious. */
function positiveMinutesOrNull(minutes: number | undefined): number | null {
  return minutes !== undefined && minutes > 0 ? minutes * 60 : null;
}

/**
 * Feishu keeps breaks at shift level (rest_time_rule[]); canonical keeps at most one per section. Each break
 * goes into the section that contains it; a next-day break may be written either way ("1:00" or "25:00").
 */
function placeRests(shift: FeishuShift, sections: TimeSection[], report: LossReport, field: string): void {
  const rests = shift.rest_time_rule ?? [];
  for (let index = 0; index < rests.length; index += 1) {
    const rest = rests[index] as NonNullable<FeishuShift['rest_time_rule']>[number];
    placeRest(shift, sections, report, `${field}.rest_time_rule[${index}]`, rest);
  }
}

function placeRest(
  shift: FeishuShift,
  sections: TimeSection[],
  report: LossReport,
  at: string,
  rest: { readonly rest_begin_time: string; readonly rest_end_time: string },
): void {
  const begin = (feishuClockMinutes(rest.rest_begin_time) ?? 0) * 60;
  const end = (feishuClockMinutes(rest.rest_end_time) ?? 0) * 60;
  if (end <= begin) {
    report.dropped(at, `Break ${rest.rest_begin_time}–${rest.rest_end_time} ends before it starts; it is left out.`);
    return;
  }
  // As written, then the same times on the next day.
  for (const offset of [0, DAY_SEC]) {
    const beginSec = begin + offset;
    const endSec = end + offset;
    let index = 0;
    while (index < sections.length) {
      const candidate = sections[index] as TimeSection;
      if (candidate.onSec <= beginSec && endSec <= candidate.offSec) break;
      index += 1;
    }
    const section = sections[index];
    if (!section) continue;
    if (section.rest) {
      report.dropped(
        at,
        `Break ${rest.rest_begin_time}–${rest.rest_end_time} is a second break in the same work period; only one can be carried.`,
      );
      return;
    }
    sections[index] = {
      onSec: section.onSec,
      offSec: section.offSec,
      punchWindow: section.punchWindow,
      noPunchOn: section.noPunchOn,
      noPunchOff: section.noPunchOff,
      lateGraceSec: section.lateGraceSec,
      earlyLeaveGraceSec: section.earlyLeaveGraceSec,
      seriousLateSec: section.seriousLateSec,
      rest: { beginSec, endSec },
    };
    return;
  }
  report.dropped(
    at,
    `Break ${rest.rest_begin_time}–${rest.rest_end_time} is not inside any work period of shift "${shift.shift_name}"; left out.`,
  );
}

function mapFlexible(shift: FeishuShift, report: LossReport, field: string): Shift['flexibleArrival'] {
  if (shift.is_flexible !== true) return null;
  const rules = shift.flexible_rule ?? [];
  const first = rules[0];
  if (rules.length > 1) {
    report.dropped(
      `${field}.flexible_rule`,
      `Shift "${shift.shift_name}" has ${rules.length} flexible-hours rules; only the first can be carried.`,
    );
  }
  if (first) {
    // flexible_early_minutes: arrive (and leave) up to this much earlier; flexible_late_minutes: later
    // (feishu-get-shift.md).
    return { maxEarlySec: first.flexible_early_minutes * 60, maxLateSec: first.flexible_late_minutes * 60 };
  }
  // "flexible_minutes … 如果不设置flexible_rule则生效": one amount for both directions.
  const minutes = shift.flexible_minutes ?? 0;
  return { maxEarlySec: minutes * 60, maxLateSec: minutes * 60 };
}

function mapLateOffLateOn(shift: FeishuShift): LateOffLateOnStep[] {
  return (shift.late_off_late_on_rule ?? [])
    .map((step) => ({ offLateSec: step.late_off_minutes * 60, onLateSec: step.late_on_minutes * 60 }))
    .sort((a, b) => a.offLateSec - b.offLateSec || a.onLateSec - b.onLateSec);
}

function reportFeishuOnlyShiftSettings(shift: FeishuShift, report: LossReport, field: string): void {
  const name = `shift "${shift.shift_name}"`;
  const overtimePeriods = (shift.overtime_rule ?? []).map((rule) => `${rule.on_overtime}–${rule.off_overtime}`);
  if (overtimePeriods.length > 0) {
    report.dropped(
      `${field}.overtime_rule`,
      `The overtime periods of ${name} (${overtimePeriods.join(', ')}) are not carried; what is carried is that ` +
        `overtime is allowed on ${shift.day_type === 2 ? 'rest days' : 'workdays'}.`,
    );
  }
  if ((shift.overtime_rest_time_rule ?? []).length > 0) {
    report.dropped(`${field}.overtime_rest_time_rule`, `The overtime breaks of ${name} are not carried.`);
  }
  if (shift.day_type === 2) {
    report.dropped(`${field}.day_type`, `${name} is a rest-day shift in Feishu; that marker is not carried.`);
  }
  if ((shift.rest_time_flexible_configs ?? []).some((config) => config.need_flexible === true)) {
    report.dropped(`${field}.rest_time_flexible_configs`, `The flexible break of ${name} is not carried.`);
  }
  const middle = shift.shift_middle_time_rule?.middle_time_type;
  if (middle !== undefined && middle !== 0) {
    report.info(`${field}.shift_middle_time_rule`, `How ${name} is split into half days stays in Feishu only.`);
  }
  reportAttendanceTimeConfig(shift, report, field, name);
  if ((shift.sub_shift_leader_ids ?? []).length > 0) {
    report.info(
      `${field}.sub_shift_leader_ids`,
      `The deputies of ${name} (班次子负责人) exist only in Feishu. Not carried.`,
    );
  }
  const setting = shift.late_off_late_on_setting;
  if (setting && ((setting.late_off_base_on_time_type ?? 0) !== 0 || (setting.late_on_base_on_time_type ?? 0) !== 0)) {
    report.info(
      `${field}.late_off_late_on_setting`,
      `How ${name} measures "leave late, arrive late" (fixed vs flexible base) stays in Feishu only.`,
    );
  }
}

/**
 * shift_attendance_time_config (应出勤配置: attendance_time, on_attendance_time, off_attendance_time) has no
 * canonical home. Its default is 1 for each (REFERENCE A5, [FNS] create DTO: "0–3, default 1"); the docs disagree
 * on the unit (feishu-get-shift.md "单位为分钟" vs the create range 0–3, probably days), so the loss quotes the
 * values as Feishu sent them. Unset or default: nothing to report.
 */
const ATTENDANCE_TIME_FIELDS = ['attendance_time', 'on_attendance_time', 'off_attendance_time'] as const;

function reportAttendanceTimeConfig(shift: FeishuShift, report: LossReport, field: string, name: string): void {
  const config = shift.shift_attendance_time_config;
  if (!config) return;
  const changed = ATTENDANCE_TIME_FIELDS.filter((key) => config[key] !== undefined && config[key] !== 1);
  if (changed.length === 0) return;
  const values: Record<string, number> = {};
  for (const key of ATTENDANCE_TIME_FIELDS) {
    const value = config[key];
    if (value !== undefined) values[key] = value;
  }
  report.dropped(
    `${field}.shift_attendance_time_config`,
    `The required attendance of ${name} (应出勤配置: ${changed.map((key) => `${key} ${config[key]}`).join(', ')}) ` +
      "is not carried. Feishu's documents disagree on its unit (minutes, or 0–3 days), so check it in Feishu.",
    values,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Members

/**
 * DECISION (members):
 *  - bind_user_ids / bind_dept_ids are the people who must punch → userIds / departmentIds.
 *  - bind_default_user_ids ("参与无需打卡的人员": in the group, no punch needed) → excludedUserIds, the
 *    canonical home of WeCom white_users; bind_default_dept_ids has no canonical place → dropped.
 *  - need_punch_members / no_need_punch_members are used only when the bind_* lists are empty, as the doc
 *    says ("仅当不传…时,才会使用该字段"); only "include" scopes of departments (1) or people (2) can be
 *    carried, anything else (country, employee type, job level…) is dropped, and "everyone" refuses the group.
 *  - except_user_ids / except_dept_ids are offline fields ("该字段已下线"): reported, not carried.
 */
function mapMembers(group: FeishuGroup, report: LossReport): Members {
  const bindUsers = group.bind_user_ids ?? [];
  const bindDepts = group.bind_dept_ids ?? [];
  let userIds: string[] = [...bindUsers];
  let departmentIds: string[] = [...bindDepts];
  if (bindUsers.length === 0 && bindDepts.length === 0) {
    const scoped = scopeMembers(group.need_punch_members, 'need_punch_members', report);
    userIds = scoped.users;
    departmentIds = scoped.departments;
  } else if (hasScopedMembers(group.need_punch_members)) {
    report.info(
      'need_punch_members',
      'Feishu ignores the member scopes while bind_user_ids / bind_dept_ids are set, so they are not carried.',
    );
  }

  const defaultUsers = group.bind_default_user_ids ?? [];
  const defaultDepts = group.bind_default_dept_ids ?? [];
  let excludedUserIds: string[] = [...defaultUsers];
  let excludedDepartments: string[] = [...defaultDepts];
  if (defaultUsers.length === 0 && defaultDepts.length === 0) {
    const scoped = scopeMembers(group.no_need_punch_members, 'no_need_punch_members', report);
    excludedUserIds = scoped.users;
    excludedDepartments = scoped.departments;
  } else if (hasScopedMembers(group.no_need_punch_members)) {
    report.info(
      'no_need_punch_members',
      'Feishu ignores these scopes while bind_default_user_ids / bind_default_dept_ids are set; not carried.',
    );
  }
  if (excludedDepartments.length > 0) {
    report.dropped(
      'bind_default_dept_ids',
      `Departments whose members need not punch (${listForMessage(excludedDepartments)}) cannot be carried; ` +
        'only individual people can.',
      excludedDepartments,
    );
  }
  for (const fieldName of ['except_user_ids', 'except_dept_ids'] as const) {
    const values = group[fieldName] ?? [];
    if (values.length > 0) {
      report.info(fieldName, `${fieldName} is an offline Feishu field ("该字段已下线") that Feishu ignores.`, [
        ...values,
      ]);
    }
  }
  return {
    userIds: sortedUnique(userIds),
    departmentIds: sortedUnique(departmentIds),
    excludedUserIds: sortedUnique(excludedUserIds),
  };
}

type PunchMembers = FeishuGroup['need_punch_members'];

function hasScopedMembers(members: PunchMembers): boolean {
  return (members ?? []).some((member) => member.rule_scope_type === 1 || member.rule_scope_type === 2);
}

function scopeMembers(
  members: PunchMembers,
  field: string,
  report: LossReport,
): { users: string[]; departments: string[] } {
  const users: string[] = [];
  const departments: string[] = [];
  (members ?? []).forEach((member, index) => {
    const at = `${field}[${index}]`;
    // rule_scope_type: 0 none, 1 everyone, 2 custom (feishu-create-update-group.md).
    if (member.rule_scope_type === 1) {
      report.blocking(
        `${at}.rule_scope_type`,
        'The group applies to everyone in the company; that cannot be carried as a list of people or departments. ' +
          'Bind the top-level department in Feishu instead.',
        1,
      );
      return;
    }
    if (member.rule_scope_type !== 2) return;
    const scope = member.scope_group_list;
    const ids = scope?.member_ids ?? [];
    const include = scope?.operation_type === undefined || scope.operation_type === 1;
    if (include && scope?.scope_value_type === 1) departments.push(...ids);
    else if (include && scope?.scope_value_type === 2) users.push(...ids);
    else {
      report.dropped(
        `${at}.scope_group_list`,
        `A member rule by ${scopeLabel(scope?.scope_value_type)}${include ? '' : ' (excluding)'} cannot be ` +
          'carried; only "includes these departments / people" can.',
        scope?.scope_value_type,
      );
    }
  });
  return { users, departments };
}

function scopeLabel(type: number | undefined): string {
  const labels: Record<number, string> = {
    1: 'department',
    2: 'person',
    3: 'country/region',
    4: 'employee type',
    5: 'work city',
    6: 'job level',
    7: 'job family',
    8: 'job title',
    9: 'working-hours system',
    100: 'custom field',
  };
  return (type !== undefined ? labels[type] : undefined) ?? `scope type ${String(type)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Free groups

function mapFree(group: FeishuGroup, report: LossReport): CanonicalRule['free'] {
  const cfg = group.free_punch_cfg;
  const start = cfg ? feishuClockMinutes(cfg.free_start_time) : null;
  if (!cfg || start === null) {
    report.blocking(
      'free_punch_cfg',
      'A free group (group_type 3) without a free-punch configuration (free_start_time, punch_day) cannot be carried.',
      cfg?.free_start_time,
    );
    return null;
  }
  // punch_day is an int, so a Monday off loses its leading zero: pad to 7 Monday-first digits (REFERENCE A6).
  const digits = punchDayDigits(cfg.punch_day);
  const workdays = [...digits].flatMap((digit, index) => (digit === '1' ? [(index + 1) as IsoWeekday] : []));
  // DECISION: work_hours is enforced only with work_hours_demand true ("工作日出勤是否需满足时长要求");
  // a configured but unenforced duration means "no requirement" (WeCom −1).
  let requiredWorkSec: number | null = null;
  if (cfg.work_hours !== undefined && cfg.work_hours > 0) {
    if (cfg.work_hours_demand === true) requiredWorkSec = cfg.work_hours * 60;
    else {
      report.info(
        'free_punch_cfg.work_hours',
        `${cfg.work_hours} minutes a day is configured but not required (work_hours_demand is off); no requirement is carried.`,
        cfg.work_hours,
      );
    }
  }
  // The whole attendance day is start + 23:59: "23:59" for a day from 0:00, or a next-day value such as "27:59"
  // (which an older gateway wrote; the writer no longer does, see canonicalToFeishu's free_end_time note, but a
  // group may still hold one, and the schema reads it). Any other end is a shorter window, reported.
  const end = feishuClockMinutes(cfg.free_end_time);
  if (end !== null && end !== start + 24 * 60 - 1) {
    report.info(
      'free_punch_cfg.free_end_time',
      `Punching ends at ${cfg.free_end_time} each day in Feishu; only the day's start (${cfg.free_start_time}) is carried.`,
      cfg.free_end_time,
    );
  }
  if (cfg.work_day_no_punch_as_lack === true || group.work_day_no_punch_as_lack === true) {
    report.dropped(
      'free_punch_cfg.work_day_no_punch_as_lack',
      'Feishu counts a workday without any punch as a missing punch; that rule is not carried.',
    );
  }
  return { workdays, requiredWorkSec, dayStartSec: start * 60 };
}

// ---------------------------------------------------------------------------------------------------------
// Locations

/**
 * GPS (location_type 1): 高德 (map_type 1, GCJ-02) kept; Google (map_type 2) per `googleMapDatum` (see
 * GOOGLE_MAP_DATUM_EVIDENCE): kept as GCJ-02 by default, or converted from WGS-84 with gcoord (canonical-rule.ts
 * keeps GCJ-02). A missing map_type is read as 高德, Feishu's default map in China.
 * Wi-Fi (2): BSSID normalised. IP (8) and attendance machines: nothing to carry them to.
 *
 * punch_type (打卡类型, a bit set: 1 GPS, 2 Wi-Fi, 4 attendance machine, 8 IP; feishu-create-update-group.md)
 * says which methods the group allows. A place of a method that is switched off is not used by Feishu, so it is
 * not carried either: a method Feishu forbids must never become allowed in WeCom, where any listed place allows
 * punching there. Without punch_type every place is carried (the group names no methods; its places decide).
 */
function mapLocations(
  group: FeishuGroup,
  googleMapDatum: GoogleMapDatum,
  report: LossReport,
): { gps: GpsLocation[]; wifi: WifiLocation[] } {
  const methods = punchMethods(group.punch_type);
  const gps: GpsLocation[] = [];
  const wifi = new Map<string, WifiLocation>();
  const unused = { gps: 0, wifi: 0 };
  const google: string[] = [];
  (group.locations ?? []).forEach((location, index) => {
    const at = `locations[${index}]`;
    const label = location.location_name || location.address || location.location_id;
    if (location.location_type === 1) {
      if (!methods.gps) {
        unused.gps += 1;
        return;
      }
      const { latitude, longitude } = location;
      if (
        !isFiniteNumber(latitude) ||
        !isFiniteNumber(longitude) ||
        Math.abs(latitude) > 90 ||
        Math.abs(longitude) > 180
      ) {
        report.dropped(at, `GPS location "${label}" has no usable coordinates; left out.`, { latitude, longitude });
        return;
      }
      let lat = latitude;
      let lng = longitude;
      if (location.map_type === 2) {
        google.push(label);
        if (googleMapDatum === 'wgs84') ({ latitude: lat, longitude: lng } = wgs84ToGcj02(latitude, longitude));
      } else if (location.map_type !== undefined && location.map_type !== 1) {
        report.dropped(
          `${at}.map_type`,
          `GPS location "${label}" uses an unknown map type; left out.`,
          location.map_type,
        );
        return;
      }
      const radius = location.gps_range ?? group.gps_range;
      if (radius === undefined || radius <= 0) {
        report.approximated(
          `${at}.gps_range`,
          `GPS location "${label}" has no radius; Feishu's ${FEISHU_DEFAULT_GPS_RANGE_METERS} m is assumed.`,
          radius,
          FEISHU_DEFAULT_GPS_RANGE_METERS,
        );
      }
      gps.push({
        name: location.location_name,
        address: location.address ?? '',
        latitude: lat,
        longitude: lng,
        radiusMeters: radius !== undefined && radius > 0 ? radius : FEISHU_DEFAULT_GPS_RANGE_METERS,
      });
    } else if (location.location_type === 2) {
      if (!methods.wifi) {
        unused.wifi += 1;
        return;
      }
      const bssid = normalizeBssid(location.bssid ?? '');
      if (bssid === null) {
        report.dropped(`${at}.bssid`, `Wi-Fi "${label}" has no valid MAC address (BSSID); left out.`, location.bssid);
        return;
      }
      const ssid = location.ssid ?? location.location_name;
      const key = `${bssid}\u0000${ssid}`;
      if (!wifi.has(key)) wifi.set(key, { ssid, bssid });
    } else if (location.location_type === 8) {
      report.dropped(at, `IP punching from ${location.ip ?? label} has no counterpart; left out.`, location.ip);
    } else {
      report.dropped(at, `Location "${label}" has an unknown type; left out.`, location.location_type);
    }
  });
  reportPunchType(group.punch_type, unused, report);
  reportGoogleDatum(google, googleMapDatum, report);
  const machines = group.machines ?? [];
  if (machines.length > 0) {
    report.dropped(
      'machines',
      `Attendance machines (${listForMessage(machines.map((m) => `${m.machine_name} ${m.machine_sn}`))}) are not carried.`,
    );
  }
  gps.sort(
    (a, b) =>
      compareText(a.name, b.name) ||
      compareText(a.address, b.address) ||
      a.latitude - b.latitude ||
      a.longitude - b.longitude ||
      a.radiusMeters - b.radiusMeters,
  );
  const wifiList = [...wifi.values()].sort((a, b) => compareText(a.bssid, b.bssid) || compareText(a.ssid, b.ssid));
  return { gps, wifi: wifiList };
}

const PUNCH_TYPE_GPS = 1;
const PUNCH_TYPE_WIFI = 2;
const PUNCH_TYPE_MACHINE = 4;
const PUNCH_TYPE_IP = 8;
const PUNCH_TYPE_KNOWN = PUNCH_TYPE_GPS | PUNCH_TYPE_WIFI | PUNCH_TYPE_MACHINE | PUNCH_TYPE_IP;

/**
 * Which of GPS and Wi-Fi the group allows. DECISION: punch_type 0 names no method at all; a group nobody could
 * punch into is not what Feishu's console builds, so 0 is read as "unset" (as an absent punch_type), with an
 * info loss: Feishu's read shape answers zero for what it stores as unset (its read group_type 0, REFERENCE A6).
 */
function punchMethods(punchType: number | undefined): { gps: boolean; wifi: boolean } {
  if (punchType === undefined || punchType === 0) return { gps: true, wifi: true };
  return { gps: (punchType & PUNCH_TYPE_GPS) !== 0, wifi: (punchType & PUNCH_TYPE_WIFI) !== 0 };
}

/** The punch_type losses: places of a method switched off, then the methods nothing carries (machines, IP). */
function reportPunchType(
  punchType: number | undefined,
  unused: { readonly gps: number; readonly wifi: number },
  report: LossReport,
): void {
  if (punchType === undefined) return;
  if (punchType === 0) {
    report.info(
      'punch_type',
      'The group names no punch method (punch_type 0); it is read as unset, so all its GPS and Wi-Fi places are used.',
      0,
    );
    return;
  }
  for (const [count, method] of [
    [unused.gps, 'GPS'],
    [unused.wifi, 'Wi-Fi'],
  ] as const) {
    if (count === 0) continue;
    report.dropped(
      'punch_type',
      `${method} punching is off in Feishu (punch_type ${punchType}), so its ${count} ${method} ` +
        `place${count === 1 ? ' is' : 's are'} not used in WeCom either.`,
      punchType,
    );
  }
  if ((punchType & PUNCH_TYPE_MACHINE) !== 0) {
    report.dropped(
      'punch_type',
      'Punching on attendance machines is on in Feishu (punch_type 4); this sync has no WeCom equivalent for it, ' +
        'so machine punching is not set up in WeCom.',
      punchType,
    );
  }
  if ((punchType & PUNCH_TYPE_IP) !== 0) {
    report.dropped(
      'punch_type',
      'Punching from listed IP addresses is on in Feishu (punch_type 8); WeCom has no IP punching, so it is not carried.',
      punchType,
    );
  }
  if (punchType < 0 || (punchType & ~PUNCH_TYPE_KNOWN) !== 0) {
    report.info(
      'punch_type',
      `punch_type ${punchType} has bits Feishu does not document; they are ignored.`,
      punchType,
    );
  }
}

/** One info loss per rule with Google places: which datum their coordinates were taken in (see the option). */
function reportGoogleDatum(labels: readonly string[], datum: GoogleMapDatum, report: LossReport): void {
  if (labels.length === 0) return;
  const places = `${labels.length} GPS place${labels.length === 1 ? ' was' : 's were'} picked on Google Maps (map_type 2)`;
  report.info(
    'locations.map_type',
    datum === 'wgs84'
      ? `${places}; their coordinates are taken as WGS-84 (GPS) and converted to GCJ-02, the datum WeCom uses, as ` +
          "this gateway's Google-map datum setting says."
      : `${places}; their coordinates are taken as GCJ-02, the datum of Google's map of China, and carried unchanged. ` +
          "If this tenant's Google places hold WGS-84 (GPS) coordinates, change the gateway's Google-map datum setting.",
    [...labels],
  );
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// ---------------------------------------------------------------------------------------------------------
// Group settings

function mapCalendar(group: FeishuGroup, report: LossReport): boolean {
  const calendar = group.calendar_id ?? 0;
  if (calendar !== 0 && calendar !== 1) {
    const names: Record<number, string> = { 2: 'United States', 3: 'Japan', 4: 'India', 5: 'Singapore' };
    report.dropped(
      'calendar_id',
      `The group follows the ${names[calendar] ?? `#${calendar}`} public-holiday calendar; only mainland China's can be carried.`,
      calendar,
    );
  }
  if (group.new_calendar_id) {
    report.dropped(
      'new_calendar_id',
      `The group uses a custom holiday calendar (${group.new_calendar_id}); it is not carried.`,
      group.new_calendar_id,
    );
  }
  return calendar === 1;
}

/**
 * allow_remedy (the doc's "是否限制补卡" is a mistranslation of "allow make-up punches"); the limits count only
 * when their switch is on; the allow_remedy_type_* switches "需要允许补卡才能设置生效", so a disabled remedy
 * carries no limits or types. allow_remedy_type_normal ("允许正常补卡", re-apply for a punch that was normal)
 * → forNormal. forOther is WeCom's "other exceptions" remedy: Feishu has no such type, so it reads false.
 */
function mapRemedy(group: FeishuGroup, report: LossReport): Remedy {
  if (group.allow_remedy !== true) {
    return {
      allowed: false,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: false,
      forLate: false,
      forEarly: false,
      forOther: false,
      forNormal: false,
    };
  }
  if (group.remedy_period_type === 2) {
    report.approximated(
      'remedy_period_type',
      `Make-up punches are counted per custom period starting on day ${group.remedy_period_custom_date ?? '?'}; ` +
        'the limit is carried as a calendar-month limit.',
      group.remedy_period_custom_date,
    );
  }
  return {
    allowed: true,
    monthlyLimit: remedyLimit(group.remedy_limit, group.remedy_limit_count, 'remedy_limit_count', report),
    daysLimit: remedyLimit(group.remedy_date_limit, group.remedy_date_num, 'remedy_date_num', report),
    forMissing: group.allow_remedy_type_lack === true,
    forLate: group.allow_remedy_type_late === true,
    forEarly: group.allow_remedy_type_early === true,
    forOther: false,
    forNormal: group.allow_remedy_type_normal === true,
  };
}

function remedyLimit(
  on: boolean | undefined,
  value: number | undefined,
  field: string,
  report: LossReport,
): number | null {
  if (on !== true) return null;
  if (value === undefined || value < 0) {
    report.approximated(field, 'The limit is switched on but has no value; carried as unlimited.', value);
    return null;
  }
  return value;
}

/**
 * face_live_need_action, as feishu-create-update-group.md gives it (request table): "人脸打卡规则,默认为空。
 * false:表示开启活体验证 / true:表示动作验证,仅在 face_punch_cfg = 1 时有效" (response table: "false:开启活体验证
 * true:动作验证"). Both values are a liveness check; unset (默认为空) is none. So, with face punching on:
 *  - false → 'silent' (liveness check on, no action asked);
 *  - true → 'action' (the person performs an action) when every punch needs a face (face_punch_cfg 1; unset is
 *    read as 1, as face recognition itself is carried as "on every punch");
 *  - true with another face_punch_cfg → 'silent', approximated: the action check "is only effective with
 *    face_punch_cfg = 1", and the value still asks for a liveness check (DECISION);
 *  - absent → 'none'.
 * Without face punching there is no face to check: 'none'.
 */
function mapFaceLiveness(group: FeishuGroup, report: LossReport): FaceLiveness {
  if (group.face_punch !== true) return 'none';
  if (group.face_punch_cfg === 2) {
    report.approximated(
      'face_punch_cfg',
      'Feishu asks for a face only when a punch looks suspicious; it is carried as "face recognition on every punch".',
      2,
    );
  }
  const action = group.face_live_need_action;
  if (action === undefined) return 'none';
  if (action === false) return 'silent';
  const cfg = group.face_punch_cfg;
  if (cfg === undefined || cfg === 1) return 'action';
  report.approximated(
    'face_live_need_action',
    `Feishu's action liveness check only works when every punch needs a face (face_punch_cfg 1, here ${cfg}); ` +
      'it is carried as the plain liveness check.',
    true,
    'silent',
  );
  return 'silent';
}

/**
 * DECISION: allow_out_punch (外勤) → 'field_punch' (punches outside the range are recorded as field punches);
 * without it Feishu refuses a punch outside the range → 'forbidden'. Nothing in Feishu's group API accepts
 * the punch and only flags it ('exception').
 */
const OUT_PUNCH_DETAILS: readonly (readonly [string, string])[] = [
  ['out_punch_need_approval', 'need approval'],
  ['out_punch_need_post_approval', 'need approval after the punch'],
  ['out_punch_need_remark', 'need a remark'],
  ['out_punch_need_photo', 'need a photo'],
  ['out_punch_allowed_hide_addr', 'may hide the address'],
  ['out_punch_allowed_adjust_addr', 'may adjust the address'],
];

function mapOutOfRange(group: FeishuGroup, report: LossReport): OutOfRangePolicy {
  if (group.allow_out_punch !== true) return 'forbidden';
  for (const [field, text] of OUT_PUNCH_DETAILS) {
    if (group[field] === true) {
      report.dropped(field, `Field punches ${text} in Feishu; that condition is not carried.`);
    }
  }
  // adjust_range (微调范围, "默认为 50 米") says how far that adjustment may go: it means something only with it on.
  const range = (group as Record<string, unknown>)['adjust_range'];
  if (group.out_punch_allowed_adjust_addr === true && typeof range === 'number') {
    report.dropped(
      'adjust_range',
      `Field punches may move their address by up to ${range} m in Feishu (微调范围); not carried.`,
    );
  }
  return 'field_punch';
}

/**
 * Whether overtime is allowed, per kind of day. Feishu's overtime rules (加班规则) are not part of the group API;
 * what the group's data does say is in its shifts: overtime periods (overtime_rule, "加班规则(仅飞书人事企业版可
 * 用)") on a shift whose day_type is 1 (workday, the default) or 2 (rest day) (feishu-get-shift.md). A used shift
 * with overtime periods → overtime allowed on that kind of day. Nothing says "refused" (a shift without periods
 * may just be on a tenant without the Enterprise edition), and nothing speaks of holidays: those kinds are null,
 * so the WeCom writer keeps what WeCom holds there. show_over_time is "是否展示加班时长" (show overtime hours),
 * a display option, not a permission (reported with the other Feishu-only settings).
 */
function mapOvertime(
  shifts: ReadonlyMap<string, FeishuShift>,
  used: ReadonlySet<string>,
  report: LossReport,
): OvertimeByDayKind {
  let workday: boolean | null = null;
  let restDay: boolean | null = null;
  for (const id of used) {
    const shift = shifts.get(id);
    if (!shift || (shift.overtime_rule ?? []).length === 0) continue;
    if (shift.day_type === 2) restDay = true;
    else workday = true;
  }
  const overtime: OvertimeByDayKind = { workday, restDay, holiday: null };
  const kinds = [
    ['workdays', overtime.workday],
    ['rest days', overtime.restDay],
    ['holidays', overtime.holiday],
  ] as const;
  const known = kinds.filter(([, allowed]) => allowed !== null).map(([name]) => name);
  const unknown = kinds.filter(([, allowed]) => allowed === null).map(([name]) => name);
  report.info(
    'overtime',
    "Feishu's overtime rules (加班规则) are outside the attendance-group API, so whether overtime is allowed on " +
      `${joinKinds(unknown)} is not known here; WeCom keeps its own setting for ${unknown.length === 1 ? 'it' : 'them'}.` +
      (known.length > 0
        ? ` Overtime is allowed on ${joinKinds(known)}: the group's shifts have overtime periods there.`
        : ''),
  );
  return overtime;
}

/** "a", "a and b", "a, b and c". */
function joinKinds(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * rest_clockIn_need_approval "休息日打卡需审批 … 默认为空": true → punching on a rest day needs an approval;
 * unset or false → rest-day punches are accepted (Feishu cannot forbid them). Feishu also restarts a rest day
 * at 4:00 when approval is on ("休息日一天开始时间会被重置为 4:00"); that side effect is reported.
 */
function mapRestDayPunch(group: FeishuGroup, report: LossReport): RestDayPunchPolicy {
  if (group.rest_clockIn_need_approval !== true) return 'allowed';
  report.info(
    'rest_clockIn_need_approval',
    'With approval for rest-day punches on, Feishu starts a rest day at 4:00; that day start is not carried.',
  );
  return 'approval';
}

/** Settings only Feishu has: reported so HR knows they stay behind (dropped when they change who is marked what). */
function reportFeishuOnlyGroupSettings(group: FeishuGroup, report: LossReport): void {
  const raw = group as Record<string, unknown>;
  for (const [field, active, message] of FEISHU_ONLY_INFOS) {
    if (active(raw)) report.info(field, `${message} Not carried.`);
  }
  for (const [field, active, what] of FEISHU_ONLY_DROPS) {
    if (active(raw)) report.dropped(field, `${what} is a Feishu-only setting and is not carried.`);
  }
}

// The conditions of reportFeishuOnlyGroupSettings, built once rather than per group.
type GroupFlag = (raw: Readonly<Record<string, unknown>>) => boolean;
const on =
  (field: string): GroupFlag =>
  (raw) =>
    raw[field] === true;
const nonEmpty =
  (field: string): GroupFlag =>
  (raw) => {
    const value = raw[field];
    return Array.isArray(value) && value.length > 0;
  };
const nonZero =
  (field: string): GroupFlag =>
  (raw) =>
    typeof raw[field] === 'number' && raw[field] !== 0;
const nested =
  (field: string): GroupFlag =>
  (raw) => {
    const value = raw[field];
    return typeof value === 'object' && value !== null && Object.values(value).some((entry) => entry === true);
  };

const FEISHU_ONLY_INFOS: readonly (readonly [string, GroupFlag, string])[] = [
  [
    // Not in the doc copy (feishu-create-update-group.md); seen in published clients' models only, so its meaning
    // is not interpreted, only reported when present.
    'free_punch_cfg.free_clock_setting',
    (raw) => {
      const free = raw['free_punch_cfg'];
      return (
        typeof free === 'object' && free !== null && (free as Record<string, unknown>)['free_clock_setting'] != null
      );
    },
    'A further free-punch setting (free_clock_setting) exists in Feishu; this gateway does not interpret it.',
  ],
  ['group_leader_ids', nonEmpty('group_leader_ids'), 'Attendance group owners exist only in Feishu.'],
  ['sub_group_leader_ids', nonEmpty('sub_group_leader_ids'), 'Attendance group deputies exist only in Feishu.'],
  ['allow_pc_punch', on('allow_pc_punch'), 'Punching from a PC is a Feishu-only option.'],
  ['show_cumulative_time', on('show_cumulative_time'), 'Showing cumulative hours is a Feishu display option.'],
  [
    'show_over_time',
    on('show_over_time'),
    'Showing overtime hours (是否展示加班时长) is a Feishu display option; it does not allow or refuse overtime.',
  ],
  ['hide_staff_punch_time', on('hide_staff_punch_time'), 'Hiding punch details is a Feishu display option.'],
  ['hide_clock_in_rule', on('hide_clock_in_rule'), 'Hiding the punch rule is a Feishu display option.'],
  [
    'face_downgrade',
    (raw) => raw['face_punch'] === true && raw['face_downgrade'] === true,
    'Falling back to a photo when face recognition fails is Feishu-only.',
  ],
  [
    'replace_basic_pic',
    (raw) => raw['face_punch'] === true && raw['replace_basic_pic'] === true,
    'Replacing the reference face photo is Feishu-only.',
  ],
  ['org_change_auto_adjust', on('org_change_auto_adjust'), 'Adding new hires automatically is a Feishu option.'],
  ['save_auto_changes', on('save_auto_changes'), 'Moving people out of conflicting groups is a Feishu option.'],
];

const FEISHU_ONLY_DROPS: readonly (readonly [string, GroupFlag, string])[] = [
  ['anti_cheat_punch_config', nested('anti_cheat_punch_config'), 'Anti-cheating checks'],
  ['member_status_change', nested('member_status_change'), 'No-punch rules for joining/leaving days'],
  ['leave_need_punch', on('leave_need_punch'), 'Punching around leave'],
  ['go_out_need_punch', nonZero('go_out_need_punch'), 'Punching while out of office'],
  ['travel_need_punch', nonZero('travel_need_punch'), 'Punching on business trips'],
  ['overtime_clock_cfg', nested('overtime_clock_cfg'), 'Overtime punch settings'],
  ['allow_apply_punch', on('allow_apply_punch'), 'Applying for a punch when location is inaccurate'],
  ['clock_in_abnormal_settings', nested('clock_in_abnormal_settings'), 'Ignoring exceptions until the last clock-out'],
  [
    'work_day_no_punch_as_lack',
    (raw) => raw['work_day_no_punch_as_lack'] === true && raw['group_type'] !== 3,
    'Counting a workday without punches as missing',
  ],
];
