import {
  FEISHU_MAX_OFF_DELAY_MINUTES,
  FEISHU_MAX_ON_ADVANCE_MINUTES,
  feishuShiftSchema,
  formatFeishuClockTime,
  parseFeishuClockTime,
  shiftForCreate,
  type FeishuGroupCreate,
  type FeishuPunchTimeRuleCreate,
  type FeishuShift,
  type FeishuShiftCreate,
} from '@app/feishu/model';
import type { CanonicalRule, IsoWeekday, Shift, TimeSection } from '../canonical/canonical-rule.js';
import type { IdResolver } from '../canonical/id-resolver.js';
import { LossReport, refused, translated, type Translation } from '../canonical/loss.js';
import { resolveMembers } from '../canonical/resolve-rule-ids.js';
import { characterCount, stableStringify, truncateCharacters } from '../canonical/text.util.js';
import {
  compareText,
  feishuClockMinutes,
  isoDateToDayInt,
  isWholeMinutes,
  listForMessage,
  sortedUnique,
  stableHash,
  toMinutes,
} from './feishu-mapping.util.js';

/*
 * Canonical rule → Feishu plan (the WeCom → Feishu direction): the shifts to create or reuse, then the group
 * body in CREATE form. Total: a plan plus losses, or a refusal with blocking losses; nothing throws.
 *
 * Feishu shifts are a tenant-wide resource with unique names that must exist before the group names them
 * (DESIGN.md "Reverse"); so a shift is planned per distinct layout, named deterministically from its content
 * (crash-safe adoption: the next run finds it by name), and an identical existing shift is reused.
 */

/**
 * Feishu documents no length limit for shift_name ("班次名称，不可重复"). The admin console caps names
 * short; 20 characters is our conservative reading (UNCONFIRMED), counted in code points.
 */
export const FEISHU_SHIFT_NAME_MAX_LENGTH = 20;
export const DEFAULT_SHIFT_NAME_PREFIX = '企微-';
/** Content hash characters in every generated name: what keeps two layouts' names apart. */
const NAME_HASH_LENGTH = 6;
/** The latest time Feishu's "H:mm" can spell: 47:59, the end of the following day (the model's limit). */
const MAX_FEISHU_MINUTES = 47 * 60 + 59;
/** Feishu has no window "default" to leave unset (all four minute fields are required on create). */
const DEFAULT_WINDOW_MINUTES = 60;

export type FeishuShiftPlanEntry =
  | {
      readonly shiftKey: string;
      readonly action: 'reuse';
      readonly shiftId: string;
      /** The canonical shift keys this Feishu shift stands for (rosters map schedule → shift through it). */
      readonly sourceShiftKeys: readonly string[];
    }
  | {
      readonly shiftKey: string;
      readonly action: 'create';
      readonly shift: FeishuShiftCreate;
      readonly sourceShiftKeys: readonly string[];
    };

export interface CanonicalToFeishuOptions {
  readonly resolver: IdResolver;
  /** Feishu requires group_leader_ids; WeCom has none (FEISHU_DEFAULT_GROUP_LEADER_IDS). */
  readonly groupLeaderIds: readonly string[];
  /** The tenant's shifts (read shape): an IDENTICAL one is reused instead of creating another. */
  readonly existingShifts: readonly FeishuShift[];
  /** Set for an update (POST /groups with group_id overwrites the group). */
  readonly groupId?: string;
  /** Start of every generated shift name; default "企微-". */
  readonly shiftNamePrefix?: string;
  /**
   * The group written takes effect at once (effect_now true) instead of from the next day, Feishu's default
   * ("是否立即生效,默认 false"). effect_now is always written (false unless this is true): a group read back after
   * an immediate write holds effect_now true, and a read-modify-write must not keep it without being asked.
   */
  readonly effectiveNow?: boolean;
}

export interface FeishuGroupPlan {
  /** One per distinct time layout the rule needs, sorted by shiftKey. */
  readonly shifts: readonly FeishuShiftPlanEntry[];
  /**
   * The group in CREATE form (group_type 1/2/3, 7 punch_day_shift_ids for fixed); shift ids are the SHIFT KEYS
   * until bound with bindFeishuShiftIds. `locations` is the full desired list: Feishu only APPENDS locations on
   * update (feishu-create-update-group.md "仅追加"), so the caller sends only those the group lacks.
   */
  readonly groupTemplate: FeishuGroupCreate;
  /**
   * Fields the group written must NOT carry, though the template leaves them out: a group update overwrites the
   * whole group with what is sent, so a caller that builds the body on the group as read (read-modify-write)
   * deletes these from it. Today: face_live_need_action when the rule has face recognition without a liveness
   * check (Feishu has no "off" value for it: 默认为空 = none).
   */
  readonly unsetFields: readonly string[];
}

const GROUP_TYPE_CREATE = { fixed: 1, shift_based: 2, free: 3 } as const;
const PLAN_KEY_PREFIX = 'shift-';
const REST_SHIFT_ID = '0';

export function canonicalToFeishu(
  rule: CanonicalRule,
  options: CanonicalToFeishuOptions,
): Translation<FeishuGroupPlan> {
  const report = new LossReport();
  try {
    return buildPlan(rule, options, report);
  } catch (error) {
    // Safety net only: a bug must refuse this rule, not take the sync down.
    report.blocking(
      '(internal)',
      `The rule could not be translated: ${error instanceof Error ? error.message : String(error)}`,
    );
    return refused(report);
  }
}

/**
 * Replaces the shift keys in a group template with real Feishu shift ids (after the planned shifts were created
 * or adopted). Throws on a key with no id: that is a programming error of the caller, not vendor input.
 */
export function bindFeishuShiftIds(
  template: FeishuGroupCreate,
  shiftIdByKey: ReadonlyMap<string, string>,
): FeishuGroupCreate {
  const bind = (key: string, where: string): string => {
    if (key === REST_SHIFT_ID) return key;
    const id = shiftIdByKey.get(key);
    if (id === undefined) throw new Error(`bindFeishuShiftIds: no Feishu shift id for shift key "${key}" (${where})`);
    return id;
  };
  const days = (list: FeishuGroupCreate['need_punch_special_days'], field: string) =>
    list?.map((day, index) => ({ ...day, shift_id: bind(day.shift_id, `${field}[${index}]`) }));
  return {
    ...template,
    punch_day_shift_ids: template.punch_day_shift_ids.map((key, index) => bind(key, `punch_day_shift_ids[${index}]`)),
    ...(template.need_punch_special_days
      ? { need_punch_special_days: days(template.need_punch_special_days, 'need_punch_special_days') }
      : {}),
    ...(template.no_need_punch_special_days
      ? { no_need_punch_special_days: days(template.no_need_punch_special_days, 'no_need_punch_special_days') }
      : {}),
  };
}

/** The key → id map for bindFeishuShiftIds: the reused shifts' ids plus the ids of the shifts just created. */
export function planShiftIds(plan: FeishuGroupPlan, createdIdByKey: ReadonlyMap<string, string>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const entry of plan.shifts) {
    const id = entry.action === 'reuse' ? entry.shiftId : createdIdByKey.get(entry.shiftKey);
    if (id !== undefined) ids.set(entry.shiftKey, id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------------------

function buildPlan(
  rule: CanonicalRule,
  options: CanonicalToFeishuOptions,
  report: LossReport,
): Translation<FeishuGroupPlan> {
  const shiftsByKey = new Map<string, Shift>();
  for (const shift of rule.shifts) shiftsByKey.set(shift.key, shift);

  // Which canonical shifts Feishu needs: the week's, the special days', and for 排班 every rosterable one.
  const needed = new Set<string>();
  if (rule.kind === 'shift_based') rule.shifts.forEach((shift) => needed.add(shift.key));
  if (rule.kind === 'fixed') {
    for (const key of Object.values(rule.week)) if (key) needed.add(key);
  }
  for (const day of rule.specialWorkdays) if (day.shiftKey) needed.add(day.shiftKey);
  for (const key of needed) {
    if (!shiftsByKey.has(key))
      report.blocking(`shifts[${key}]`, `The rule refers to shift "${key}", which it does not define.`);
  }

  // Special workdays with inline times (WeCom spe_workdays[].checkintime) get a shift of their own in Feishu.
  const inline = new Map<string, Shift>();
  rule.specialWorkdays.forEach((day, index) => {
    if (day.shiftKey || day.sections.length === 0) return;
    const key = `special-${day.date}`;
    inline.set(key, {
      key,
      name: day.note || day.date,
      sections: day.sections,
      flexibleArrival: null,
      lateOffLateOn: [],
    });
    report.info(
      `specialWorkdays[${index}]`,
      `The times of special workday ${day.date} become a Feishu shift of their own (Feishu days point to shifts).`,
    );
  });

  const prefix = options.shiftNamePrefix ?? DEFAULT_SHIFT_NAME_PREFIX;
  const existing = parseExisting(options.existingShifts, report);
  const planKeyByShift = new Map<string, string>();
  const layouts = new Map<string, { body: ShiftBody; sources: string[] }>();
  for (const key of [...needed].sort(compareText).concat([...inline.keys()])) {
    const shift = shiftsByKey.get(key) ?? inline.get(key);
    if (!shift) continue;
    const body = buildShiftBody(shift, report, `shifts[${key}]`);
    if (!body) continue;
    const planKey = PLAN_KEY_PREFIX + planKeyHash(body);
    planKeyByShift.set(key, planKey);
    const layout = layouts.get(planKey);
    if (layout) layout.sources.push(key);
    else layouts.set(planKey, { body, sources: [key] });
  }

  const takenNames = new Set<string>();
  const entries: FeishuShiftPlanEntry[] = [];
  for (const [planKey, { body, sources }] of [...layouts].sort(([a], [b]) => compareText(a, b))) {
    if (sources.length > 1) {
      report.info(
        `shifts[${sources.join(',')}]`,
        `Shifts ${listForMessage(sources)} have identical times and rules; Feishu shares one shift between them.`,
      );
    }
    entries.push(planShiftEntry(planKey, body, sources, prefix, existing, takenNames, shiftsByKey, report));
  }

  const unsetFields: string[] = [];
  const groupTemplate = buildGroup(rule, options, planKeyByShift, unsetFields, report);
  if (!groupTemplate) return refused(report);
  return translated({ shifts: entries, groupTemplate, unsetFields }, report);
}

// ---------------------------------------------------------------------------------------------------------
// Shifts

/** The fields of a shift body that describe its layout and rules (everything but the name). */
type ShiftBodyKey =
  | 'punch_times'
  | 'is_flexible'
  | 'flexible_minutes'
  | 'flexible_rule'
  | 'punch_time_rule'
  | 'rest_time_rule'
  | 'late_off_late_on_rule'
  | 'late_minutes_as_serious_late'
  | 'overtime_rule'
  | 'day_type'
  | 'rest_time_flexible_configs';
// Pick, not Omit: the zod loose-object type has an index signature, which Omit would collapse.
type ShiftBody = Pick<FeishuShiftCreate, ShiftBodyKey>;

function buildShiftBody(shift: Shift, report: LossReport, field: string): ShiftBody | null {
  if (shift.sections.length === 0) {
    report.blocking(`${field}.sections`, `Shift "${shift.name}" has no working hours.`);
    return null;
  }
  const sections = [...shift.sections].sort((a, b) => a.onSec - b.onSec);
  const rules: FeishuPunchTimeRuleCreate[] = [];
  const rests: { rest_begin_time: string; rest_end_time: string }[] = [];
  let ok = true;
  sections.forEach((section, index) => {
    const at = `${field}.sections[${index}]`;
    const on = minutesOf(section.onSec, `${at}.onSec`, report);
    const off = minutesOf(section.offSec, `${at}.offSec`, report);
    if (on < 0 || off > MAX_FEISHU_MINUTES || off <= on) {
      report.blocking(
        at,
        `Working hours ${describeSec(section.onSec)}–${describeSec(section.offSec)} cannot be written in Feishu ` +
          '(start from 0:00, end after the start and no later than 47:59, the end of the next day).',
        [section.onSec, section.offSec],
      );
      ok = false;
      return;
    }
    const previous = rules[index - 1];
    if (previous && on < (feishuClockMinutes(previous.off_time) ?? 0)) {
      report.blocking(at, 'Working periods overlap; Feishu segments must follow one another.');
      ok = false;
      return;
    }
    if (index === 0 && section.noPunchOn) {
      // Create doc: "第一段打卡规则须为false". Forcing a clock-in nobody does would mark everyone as missing a punch.
      report.blocking(
        `${at}.noPunchOn`,
        'Feishu requires a clock-in for the first working period; a rule without it would mark everyone as missing a punch.',
      );
      ok = false;
      return;
    }
    const window = windowMinutes(section, sections, index, report, at);
    // The minute conversions in field order, as their losses are reported in that order.
    const late = minutesOf(section.lateGraceSec, `${at}.lateGraceSec`, report, 0);
    const early = minutesOf(section.earlyLeaveGraceSec, `${at}.earlyLeaveGraceSec`, report, 0);
    const serious =
      section.seriousLateSec !== null && section.seriousLateSec > 0
        ? minutesOf(section.seriousLateSec, `${at}.seriousLateSec`, report, 1)
        : null;
    // Literals, not a conditional spread: objects built by spreading read slowly in V8 (BENCHMARKS.md,
    // "Translation throughput").
    rules.push(
      serious === null
        ? {
            on_time: formatFeishuClockTime(on),
            off_time: formatFeishuClockTime(off),
            late_minutes_as_late: late,
            late_minutes_as_lack: window.lateLack,
            on_advance_minutes: window.advance,
            early_minutes_as_early: early,
            early_minutes_as_lack: window.earlyLack,
            off_delay_minutes: window.delay,
            no_need_on: section.noPunchOn,
            no_need_off: section.noPunchOff,
          }
        : {
            on_time: formatFeishuClockTime(on),
            off_time: formatFeishuClockTime(off),
            late_minutes_as_late: late,
            late_minutes_as_lack: window.lateLack,
            on_advance_minutes: window.advance,
            early_minutes_as_early: early,
            early_minutes_as_lack: window.earlyLack,
            off_delay_minutes: window.delay,
            late_minutes_as_serious_late: serious,
            no_need_on: section.noPunchOn,
            no_need_off: section.noPunchOff,
          },
    );
    if (section.rest) {
      const begin = minutesOf(section.rest.beginSec, `${at}.rest`, report);
      const end = minutesOf(section.rest.endSec, `${at}.rest`, report);
      if (begin >= on && end <= off && end > begin) {
        rests.push({ rest_begin_time: formatFeishuClockTime(begin), rest_end_time: formatFeishuClockTime(end) });
      } else {
        report.dropped(
          `${at}.rest`,
          `The break ${describeSec(section.rest.beginSec)}–${describeSec(section.rest.endSec)} is not inside its working period; left out.`,
        );
      }
    }
  });
  if (!ok) return null;

  const flex = shift.flexibleArrival;
  // Built key by key in the order the body always had (flexible_rule before punch_time_rule), not by spreading.
  const body: Partial<ShiftBody> = {};
  body.punch_times = rules.length;
  body.is_flexible = flex !== null;
  if (flex) {
    body.flexible_rule = [
      {
        flexible_early_minutes: minutesOf(flex.maxEarlySec, `${field}.flexibleArrival`, report, 0),
        flexible_late_minutes: minutesOf(flex.maxLateSec, `${field}.flexibleArrival`, report, 0),
      },
    ];
  }
  body.punch_time_rule = rules;
  if (rests.length > 0) body.rest_time_rule = rests;
  if (shift.lateOffLateOn.length > 0) {
    body.late_off_late_on_rule = [...shift.lateOffLateOn]
      .sort((a, b) => a.offLateSec - b.offLateSec || a.onLateSec - b.onLateSec)
      .map((step) => ({
        late_off_minutes: minutesOf(step.offLateSec, `${field}.lateOffLateOn`, report, 0),
        late_on_minutes: minutesOf(step.onLateSec, `${field}.lateOffLateOn`, report, 0),
      }));
  }
  if (shift.lateOffLateOn.length > 0) {
    report.info(
      `${field}.lateOffLateOn`,
      `"Leave late, arrive late next day" of shift "${shift.name}" needs Feishu People Enterprise (仅飞书人事企业版可用).`,
    );
  }
  // punch_times and punch_time_rule, the keys a body needs, are always set above.
  return body as ShiftBody;
}

/** Seconds → whole minutes, reporting rounding; below `min` is raised to it (with a loss). */
function minutesOf(seconds: number, field: string, report: LossReport, min = Number.NEGATIVE_INFINITY): number {
  if (!Number.isFinite(seconds)) {
    report.approximated(field, `${String(seconds)} is not a time; ${Math.max(0, min)} minutes used.`, seconds);
    return Math.max(0, min);
  }
  let minutes = toMinutes(seconds);
  if (!isWholeMinutes(seconds)) {
    report.approximated(
      field,
      `Feishu counts whole minutes; ${seconds} s is rounded to ${minutes} min.`,
      seconds,
      minutes * 60,
    );
  }
  if (minutes < min) {
    report.approximated(field, `${minutes} min is below what Feishu accepts; ${min} min is used.`, seconds, min * 60);
    minutes = min;
  }
  return minutes;
}

function describeSec(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const minutes = Math.round(seconds / 60);
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The four window fields. null (vendor default) → a window of up to an hour that stays clear of the
 * neighbouring periods (Feishu requires all four on create and has no "default" to leave unset).
 */
function windowMinutes(
  section: TimeSection,
  sections: readonly TimeSection[],
  index: number,
  report: LossReport,
  at: string,
): { advance: number; lateLack: number; earlyLack: number; delay: number } {
  const window = section.punchWindow;
  if (window) {
    const f = `${at}.punchWindow`;
    return {
      advance: clampWindow(
        report,
        at,
        minutesOf(section.onSec - window.earliestOnSec, f, report),
        FEISHU_MAX_ON_ADVANCE_MINUTES,
        'earliestOnSec',
        'earliest clock-in',
      ),
      lateLack: clampWindow(
        report,
        at,
        minutesOf(window.latestOnSec - section.onSec, f, report),
        Number.MAX_SAFE_INTEGER,
        'latestOnSec',
        'latest clock-in',
      ),
      earlyLack: clampWindow(
        report,
        at,
        minutesOf(section.offSec - window.earliestOffSec, f, report),
        Number.MAX_SAFE_INTEGER,
        'earliestOffSec',
        'earliest clock-out',
      ),
      delay: clampWindow(
        report,
        at,
        minutesOf(window.latestOffSec - section.offSec, f, report),
        FEISHU_MAX_OFF_DELAY_MINUTES,
        'latestOffSec',
        'latest clock-out',
      ),
    };
  }
  const window60 = defaultWindow(sections, index);
  report.info(
    `${at}.punchWindow`,
    `No punch window was given; Feishu's is set to clock-in from ${window60.advance} min before, ` +
      `clock-out until ${window60.delay} min after, and a punch more than ${window60.lateLack} min late / ` +
      `${window60.earlyLack} min early counts as missing.`,
  );
  return window60;
}

/** One window field in 0…max minutes, reporting what had to change. */
function clampWindow(report: LossReport, at: string, value: number, max: number, field: string, what: string): number {
  if (value < 0) {
    report.approximated(
      `${at}.punchWindow.${field}`,
      `The ${what} lies inside the working time; Feishu needs it outside, so 0 min is used.`,
      value,
    );
    return 0;
  }
  if (value > max) {
    report.approximated(
      `${at}.punchWindow.${field}`,
      `Feishu allows at most ${max} min for the ${what}; ${value} min is cut to ${max}.`,
      value,
      max,
    );
    return max;
  }
  return value;
}

/** The window written for a section without one (exported for the round-trip test helper). */
export function defaultWindow(
  sections: readonly TimeSection[],
  index: number,
): { advance: number; lateLack: number; earlyLack: number; delay: number } {
  const section = sections[index];
  if (!section) return { advance: 0, lateLack: 0, earlyLack: 0, delay: 0 };
  const on = Math.round(section.onSec / 60);
  const off = Math.round(section.offSec / 60);
  const previous = sections[index - 1];
  const next = sections[index + 1];
  const gapBefore = previous ? on - Math.round(previous.offSec / 60) : 2 * DEFAULT_WINDOW_MINUTES;
  const gapAfter = next ? Math.round(next.onSec / 60) - off : 2 * DEFAULT_WINDOW_MINUTES;
  const inside = Math.max(0, Math.floor((off - on) / 3));
  return {
    advance: Math.max(0, Math.min(DEFAULT_WINDOW_MINUTES, Math.floor(gapBefore / 2))),
    lateLack: Math.min(DEFAULT_WINDOW_MINUTES, inside),
    earlyLack: Math.min(DEFAULT_WINDOW_MINUTES, inside),
    delay: Math.max(0, Math.min(DEFAULT_WINDOW_MINUTES, Math.floor(gapAfter / 2))),
  };
}

/** A readable shift of the tenant with its fingerprint, taken once per plan rather than once per planned shift. */
interface ExistingShift {
  readonly shift: FeishuShift;
  readonly fingerprint: string;
}

interface ExistingShifts {
  readonly all: readonly ExistingShift[];
  /** By shift_name; with two of one name (Feishu forbids it, but the list is caller data) the later one. */
  readonly byName: ReadonlyMap<string, ExistingShift>;
}

/** Existing shifts are tenant data: anything unreadable is simply not a reuse candidate. */
function parseExisting(shifts: readonly FeishuShift[], report: LossReport): ExistingShifts {
  const all: ExistingShift[] = [];
  const byName = new Map<string, ExistingShift>();
  const values: readonly unknown[] = Array.isArray(shifts) ? shifts : [];
  let skipped = 0;
  for (const value of values) {
    const parsed = feishuShiftSchema.safeParse(value);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const shift = parsed.data;
    const entry = { shift, fingerprint: shiftFingerprint(shiftForCreate(shift)) };
    all.push(entry);
    byName.set(shift.shift_name, entry);
  }
  if (skipped > 0)
    report.info(
      'existingShifts',
      `${skipped} existing Feishu shift(s) could not be read and are not considered for reuse.`,
    );
  return { all, byName };
}

function planShiftEntry(
  planKey: string,
  body: ShiftBody,
  sources: string[],
  prefix: string,
  existing: ExistingShifts,
  takenNames: Set<string>,
  shiftsByKey: ReadonlyMap<string, Shift>,
  report: LossReport,
): FeishuShiftPlanEntry {
  // Only compared with the tenant's shifts: with none (a tenant's first sync) there is nothing to compare.
  const fingerprint = existing.all.length > 0 ? shiftFingerprint(body) : '';
  const hash = planKey.slice(-NAME_HASH_LENGTH);
  const summary = body.punch_time_rule.map((rule) => `${rule.on_time}-${rule.off_time}`).join(',');

  // The name: prefix + times + content hash, within the limit; "~2", "~3"… only when a different shift already
  // holds the name (someone edited ours in Feishu). Deterministic given the tenant's shifts, so stable across runs.
  let name = '';
  for (let attempt = 1; ; attempt++) {
    name = shiftName(prefix, summary, attempt === 1 ? hash : `${hash}~${attempt}`);
    const holder = existing.byName.get(name);
    if (takenNames.has(name)) continue;
    if (holder && holder.fingerprint !== fingerprint) {
      report.info(
        `shifts[${sources.join(',')}]`,
        `Feishu shift "${name}" (${holder.shift.shift_id}) exists with other times or rules; the shift is planned under another name.`,
      );
      continue;
    }
    break;
  }
  takenNames.add(name);

  const identical = existing.all
    .filter((entry) => entry.fingerprint === fingerprint)
    .map((entry) => entry.shift)
    .sort(
      (a, b) =>
        Number(b.shift_name === name) - Number(a.shift_name === name) ||
        Number(b.shift_name.startsWith(prefix)) - Number(a.shift_name.startsWith(prefix)) ||
        a.shift_id.length - b.shift_id.length ||
        compareText(a.shift_id, b.shift_id),
    );
  const reuse = identical[0];
  const names = sources.map((key) => shiftsByKey.get(key)?.name).filter((value): value is string => !!value);
  if (reuse) {
    report.info(
      `shifts[${sources.join(',')}]`,
      `Existing Feishu shift "${reuse.shift_name}" (${reuse.shift_id}) has the same times and rules and is reused` +
        (names.length ? ` for ${listForMessage(names)}.` : '.'),
    );
    return { shiftKey: planKey, action: 'reuse', shiftId: reuse.shift_id, sourceShiftKeys: sources };
  }
  if (names.length > 0 && names.some((source) => source !== name)) {
    report.info(
      `shifts[${sources.join(',')}]`,
      `Shift ${listForMessage(names.map((source) => `"${source}"`))} is named "${name}" in Feishu: shift names are ` +
        'unique tenant-wide, so they are derived from the times.',
    );
  }
  return { shiftKey: planKey, action: 'create', shift: namedShift(name, body), sourceShiftKeys: sources };
}

/** { shift_name, ...body }, written out (see buildShiftBody for why not a spread). */
function namedShift(name: string, body: ShiftBody): FeishuShiftCreate {
  const shift: Partial<FeishuShiftCreate> = {};
  shift.shift_name = name;
  shift.punch_times = body.punch_times;
  if ('is_flexible' in body) shift.is_flexible = body.is_flexible;
  if ('flexible_rule' in body) shift.flexible_rule = body.flexible_rule;
  shift.punch_time_rule = body.punch_time_rule;
  if ('rest_time_rule' in body) shift.rest_time_rule = body.rest_time_rule;
  if ('late_off_late_on_rule' in body) shift.late_off_late_on_rule = body.late_off_late_on_rule;
  // shift_name, punch_times and punch_time_rule, the keys FeishuShiftCreate needs, are set.
  return shift as FeishuShiftCreate;
}

function shiftName(prefix: string, summary: string, suffix: string): string {
  const tail = ` ${suffix}`;
  const room = FEISHU_SHIFT_NAME_MAX_LENGTH - characterCount(tail);
  const head = truncateCharacters(prefix, room);
  return head + truncateCharacters(summary, room - characterCount(head)) + tail;
}

/**
 * What makes two shifts "identical" for reuse: every field we write, in create meaning, with Feishu's read-side
 * defaults filled in; plus the Feishu-only extras we never write, which an identical shift must not have. The
 * stable JSON of fingerprintValue.
 */
function shiftFingerprint(shift: ShiftBody): string {
  return stableStringify(fingerprintValue(shift));
}

/** What makes two shifts identical, as a plain value (stableStringify sorts its keys). */
function fingerprintValue(shift: ShiftBody): unknown {
  const shiftSerious =
    shift.late_minutes_as_serious_late && shift.late_minutes_as_serious_late > 0
      ? shift.late_minutes_as_serious_late
      : null;
  const flexible = shift.is_flexible === true;
  const firstFlex = shift.flexible_rule?.[0];
  return {
    segments: shift.punch_time_rule.map((rule) => ({
      on: parseFeishuClockTime(rule.on_time),
      off: parseFeishuClockTime(rule.off_time),
      late: rule.late_minutes_as_late ?? 0,
      lateLack: rule.late_minutes_as_lack ?? 0,
      advance: rule.on_advance_minutes ?? 0,
      early: rule.early_minutes_as_early ?? 0,
      earlyLack: rule.early_minutes_as_lack ?? 0,
      delay: rule.off_delay_minutes ?? 0,
      serious:
        shiftSerious ??
        (rule.late_minutes_as_serious_late && rule.late_minutes_as_serious_late > 0
          ? rule.late_minutes_as_serious_late
          : null),
      noOn: rule.no_need_on === true,
      noOff: rule.no_need_off === true,
    })),
    flexible: flexible
      ? firstFlex
        ? [firstFlex.flexible_early_minutes, firstFlex.flexible_late_minutes]
        : [shift.flexible_minutes ?? 0, shift.flexible_minutes ?? 0]
      : null,
    rests: (shift.rest_time_rule ?? [])
      .map((rest) => [parseFeishuClockTime(rest.rest_begin_time), parseFeishuClockTime(rest.rest_end_time)])
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
    lateOffLateOn: (shift.late_off_late_on_rule ?? [])
      .map((step) => [step.late_off_minutes, step.late_on_minutes])
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)),
    extras: {
      overtime: (shift.overtime_rule ?? []).length > 0,
      restDay: shift.day_type === 2,
      flexibleRest: (shift.rest_time_flexible_configs ?? []).some((config) => config.need_flexible === true),
    },
  };
}

/**
 * stableHash of the body's stable JSON, the content part of its plan key and shift name. Shifts the gateway
 * created carry it in their names, so the text stays stableStringify's, byte for byte (feishu-plan-key.spec.ts).
 */
function planKeyHash(body: ShiftBody): string {
  return stableHash(stableStringify(body));
}

// ---------------------------------------------------------------------------------------------------------
// Group

function buildGroup(
  rule: CanonicalRule,
  options: CanonicalToFeishuOptions,
  planKeyByShift: ReadonlyMap<string, string>,
  unsetFields: string[],
  report: LossReport,
): FeishuGroupCreate | null {
  const leaders = sortedUnique((options.groupLeaderIds ?? []).filter((id) => typeof id === 'string' && id.length > 0));
  if (leaders.length === 0) {
    report.blocking(
      'group_leader_ids',
      'Feishu requires at least one attendance group owner (group_leader_ids); configure FEISHU_DEFAULT_GROUP_LEADER_IDS.',
    );
  }
  if (!rule.name) report.blocking('name', 'The rule has no name; a Feishu group needs one.');
  const groupType = GROUP_TYPE_CREATE[rule.kind];
  if (groupType === undefined) {
    report.blocking('kind', `Unknown rule kind ${JSON.stringify(rule.kind)}.`);
    return null;
  }
  const members = mapMembers(rule, options.resolver, report);

  let punchDayShiftIds: string[] = [];
  if (rule.kind === 'fixed') {
    // Monday→Sunday, "0" = rest (REFERENCE A6); a weekday missing from the canonical week is a rest day.
    punchDayShiftIds = ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).map((day) => {
      const key = rule.week[day];
      return key ? (planKeyByShift.get(key) ?? REST_SHIFT_ID) : REST_SHIFT_ID;
    });
  } else if (Object.values(rule.week).some((key) => key)) {
    report.info('week', 'Only fixed groups have a weekly pattern in Feishu; it is not written.');
  }

  const specialWorkdays: { punch_day: number; shift_id: string }[] = [];
  const workdayDates = new Set<string>();
  rule.specialWorkdays.forEach((day, index) => {
    const at = `specialWorkdays[${index}]`;
    const dayInt = isoDateToDayInt(day.date);
    const key = day.shiftKey ?? (day.sections.length > 0 ? `special-${day.date}` : null);
    const planned = key ? planKeyByShift.get(key) : undefined;
    if (dayInt === null || !planned) {
      report.dropped(
        at,
        `Special workday ${day.date} has ${dayInt === null ? 'no valid date' : 'no working hours'}; left out.`,
        day.date,
      );
      return;
    }
    if (day.note)
      report.dropped(`${at}.note`, `Feishu special days have no note; "${day.note}" is not carried.`, day.note);
    workdayDates.add(day.date);
    specialWorkdays.push({ punch_day: dayInt, shift_id: planned });
  });
  const specialOffdays: { punch_day: number; shift_id: string }[] = [];
  rule.specialOffdays.forEach((day, index) => {
    const at = `specialOffdays[${index}]`;
    const dayInt = isoDateToDayInt(day.date);
    if (dayInt === null) {
      report.dropped(at, `Special day off ${day.date} has no valid date; left out.`, day.date);
      return;
    }
    if (workdayDates.has(day.date)) {
      report.dropped(at, `${day.date} is also a special workday; it stays a workday.`, day.date);
      return;
    }
    if (day.note)
      report.dropped(`${at}.note`, `Feishu special days have no note; "${day.note}" is not carried.`, day.note);
    // UNCONFIRMED: a no-punch day needs a shift_id on create; "0" (the rest "shift") names no working time.
    specialOffdays.push({ punch_day: dayInt, shift_id: REST_SHIFT_ID });
  });
  specialWorkdays.sort((a, b) => a.punch_day - b.punch_day);
  specialOffdays.sort((a, b) => a.punch_day - b.punch_day);

  const locations = mapLocations(rule, report);
  // Written key by key in the template's order, with the helpers filling their parts in: V8 builds (and later
  // reads) an object assembled from spreads several times slower, and this one goes to the sync.
  const template: Partial<FeishuGroupCreate> = {};
  if (options.groupId) template.group_id = options.groupId;
  template.group_name = rule.name;
  template.time_zone = rule.timeZone;
  template.group_type = groupType;
  template.group_leader_ids = leaders;
  // Always written, even empty: an update overwrites the whole group, so an empty list clears old members.
  // The lists are fresh (resolveMembers), so the template can own them.
  template.bind_user_ids = members.userIds;
  template.bind_dept_ids = members.departmentIds;
  template.bind_default_user_ids = members.excludedUserIds;
  template.punch_day_shift_ids = punchDayShiftIds;
  template.calendar_id = rule.followsHolidayCalendar ? 1 : 0;
  template.need_punch_special_days = specialWorkdays;
  template.no_need_punch_special_days = specialOffdays;
  writeRemedy(rule, template, report);
  writeFace(rule, template, unsetFields, report);
  template.clockIn_need_photo = rule.photoRequired;
  writeOutOfRange(rule, template, report);
  writeOvertime(rule, template, report);
  template.locations = locations.locations;
  if (locations.gpsRange !== null) template.gps_range = locations.gpsRange;
  if (locations.punchType !== null) template.punch_type = locations.punchType;
  if (rule.kind === 'free') template.free_punch_cfg = mapFree(rule, report);
  template.effect_now = options.effectiveNow === true;
  writeRestDayPunch(rule, template, report);
  reportPunchReminder(rule, report);
  // group_name, time_zone, group_type, group_leader_ids, punch_day_shift_ids and calendar_id, the keys a
  // create body needs, are always set above.
  return report.hasBlocking ? null : (template as FeishuGroupCreate);
}

/**
 * Members in Feishu's id space (resolveRuleIds reports and leaves out what cannot be mapped; it never invents
 * an id). excludedUserIds → bind_default_user_ids ("参与无需打卡的人员").
 */
function mapMembers(
  rule: CanonicalRule,
  resolver: IdResolver,
  report: LossReport,
): { userIds: string[]; departmentIds: string[]; excludedUserIds: string[] } {
  const members = resolveMembers(rule, 'feishu', resolver, report);
  if (members.userIds.length === 0 && members.departmentIds.length === 0) {
    report.blocking(
      'members',
      'Nobody would be in the Feishu group (no person or department could be mapped); it is not written.',
    );
  }
  return members;
}

function writeRemedy(rule: CanonicalRule, template: Partial<FeishuGroupCreate>, report: LossReport): void {
  const remedy = rule.remedy;
  if (!remedy.allowed) {
    template.allow_remedy = false;
    return;
  }
  template.allow_remedy = true;
  template.remedy_limit = remedy.monthlyLimit !== null;
  if (remedy.monthlyLimit !== null) {
    template.remedy_limit_count = remedy.monthlyLimit;
    template.remedy_period_type = 1;
  }
  template.remedy_date_limit = remedy.daysLimit !== null;
  if (remedy.daysLimit !== null) template.remedy_date_num = remedy.daysLimit;
  template.allow_remedy_type_lack = remedy.forMissing;
  template.allow_remedy_type_late = remedy.forLate;
  template.allow_remedy_type_early = remedy.forEarly;
  // "允许正常补卡": re-applying for a punch that was normal.
  template.allow_remedy_type_normal = remedy.forNormal;
  if (remedy.forOther) {
    report.dropped(
      'remedy.forOther',
      'Employees may apply for make-up punches for other exceptions in WeCom; Feishu has no such type (only missing, ' +
        'late, early and normal punches), so that is not carried.',
      true,
    );
  }
}

/**
 * face_punch_cfg 1 = a face on every punch; face_live_need_action (feishu-create-update-group.md: "false:表示开启
 * 活体验证 / true:表示动作验证,仅在 face_punch_cfg = 1 时有效", 默认为空): 'silent' → false, 'action' → true,
 * 'none' → left out (unset is "no liveness check"; there is no value that says "off", so the plan names the field
 * in unsetFields for a read-modify-write caller to delete).
 */
function writeFace(
  rule: CanonicalRule,
  template: Partial<FeishuGroupCreate>,
  unsetFields: string[],
  report: LossReport,
): void {
  if (!rule.faceRecognition) {
    if (rule.faceLiveness !== 'none') {
      report.dropped('faceLiveness', 'A liveness check without face recognition cannot be set in Feishu; left out.');
    }
    template.face_punch = false;
    return;
  }
  template.face_punch = true;
  template.face_punch_cfg = 1;
  if (rule.faceLiveness === 'silent') template.face_live_need_action = false;
  else if (rule.faceLiveness === 'action') template.face_live_need_action = true;
  else unsetFields.push('face_live_need_action');
}

function writeOutOfRange(rule: CanonicalRule, template: Partial<FeishuGroupCreate>, report: LossReport): void {
  switch (rule.outOfRange) {
    case 'field_punch':
      template.allow_out_punch = true;
      return;
    case 'exception':
      report.approximated(
        'outOfRange',
        'Feishu cannot accept an out-of-range punch as a mere exception; it is allowed as a field punch (外勤) that needs approval.',
        'exception',
        'field_punch',
      );
      template.allow_out_punch = true;
      template.out_punch_need_approval = true;
      return;
    default:
      template.allow_out_punch = false;
  }
}

const OVERTIME_KINDS = [
  ['workday', 'workdays'],
  ['restDay', 'rest days'],
  ['holiday', 'holidays'],
] as const;

/**
 * Feishu's group cannot hold overtime permissions: its overtime rules (加班规则) live outside the group API, and the
 * group's show_over_time is "是否展示加班时长" (show overtime hours). So show_over_time is on when overtime is
 * allowed on any kind of day (there are hours to show), and a loss names the kinds allowed and refused, for HR to
 * set in 加班规则. A rule that says nothing (all null) leaves show_over_time as the group has it.
 */
function writeOvertime(rule: CanonicalRule, template: Partial<FeishuGroupCreate>, report: LossReport): void {
  const allowed = OVERTIME_KINDS.filter(([kind]) => rule.overtime[kind] === true).map(([, name]) => name);
  const refused = OVERTIME_KINDS.filter(([kind]) => rule.overtime[kind] === false).map(([, name]) => name);
  if (allowed.length === 0 && refused.length === 0) return;
  template.show_over_time = allowed.length > 0;
  const parts = [
    ...(allowed.length > 0 ? [`allowed on ${joinNames(allowed)}`] : []),
    ...(refused.length > 0 ? [`refused on ${joinNames(refused)}`] : []),
  ];
  report.dropped(
    'overtime',
    `Feishu's attendance group cannot say whether overtime is allowed; this rule has overtime ${parts.join(' and ')}. ` +
      "Set that in Feishu's overtime rules (加班规则); the group only shows overtime hours " +
      `(show_over_time ${allowed.length > 0 ? 'on' : 'off'}).`,
    { workday: rule.overtime.workday, restDay: rule.overtime.restDay, holiday: rule.overtime.holiday },
  );
}

/** "a", "a and b", "a, b and c". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * rest_clockIn_need_approval ("休息日打卡需审批"): 'approval' → true, 'allowed' → false, 'forbidden' → true
 * (Feishu cannot forbid rest-day punches; an approval is the closest), null → left out (the group keeps its own).
 */
function writeRestDayPunch(rule: CanonicalRule, template: Partial<FeishuGroupCreate>, report: LossReport): void {
  switch (rule.restDayPunch) {
    case 'approval':
      template.rest_clockIn_need_approval = true;
      return;
    case 'allowed':
      template.rest_clockIn_need_approval = false;
      return;
    case 'forbidden':
      template.rest_clockIn_need_approval = true;
      report.approximated(
        'restDayPunch',
        'Feishu cannot forbid punching on rest days; such punches need an approval instead (休息日打卡需审批), the ' +
          'closest Feishu has.',
        'forbidden',
        'approval',
      );
      return;
    default:
  }
}

/** Feishu's group and shift APIs have no punch reminder (feishu-create-update-group.md, feishu-get-shift.md). */
function reportPunchReminder(rule: CanonicalRule, report: LossReport): void {
  const reminder = rule.punchReminder;
  if (reminder === null) return;
  report.dropped(
    'punchReminder',
    `Feishu's attendance groups have no punch reminder; the reminder ${describeLead(reminder.beforeOnSec)} before ` +
      `work and ${describeLead(reminder.afterOffSec)} after work is not carried.`,
    { beforeOnSec: reminder.beforeOnSec, afterOffSec: reminder.afterOffSec },
  );
}

function describeLead(seconds: number): string {
  return Number.isFinite(seconds) ? `${Math.round(seconds / 60)} min` : String(seconds);
}

/** GPS as 高德 (map_type 1, GCJ-02: canonical coordinates already are); Wi-Fi by SSID and BSSID. */
function mapLocations(
  rule: CanonicalRule,
  report: LossReport,
): {
  locations: NonNullable<FeishuGroupCreate['locations']>;
  /** Written only with a GPS location. */
  gpsRange: number | null;
  /** Written only when not 0. */
  punchType: number | null;
} {
  const radii = sortedUnique(rule.gpsLocations.map((gps) => String(gps.radiusMeters)));
  const gpsRange = rule.gpsLocations.reduce((max, gps) => Math.max(max, Math.round(gps.radiusMeters)), 0);
  if (radii.length > 1) {
    // The group-level gps_range is the effective one; location.gps_range is "历史无效字段" on create.
    report.approximated(
      'gpsLocations.radiusMeters',
      `Feishu has one punch radius per group; the locations' radii (${radii.join(', ')} m) become ${gpsRange} m, the largest.`,
      radii,
      gpsRange,
    );
  }
  const locations: NonNullable<FeishuGroupCreate['locations']> = [];
  rule.gpsLocations.forEach((gps, index) => {
    if (
      !Number.isFinite(gps.latitude) ||
      !Number.isFinite(gps.longitude) ||
      Math.abs(gps.latitude) > 90 ||
      Math.abs(gps.longitude) > 180
    ) {
      report.dropped(`gpsLocations[${index}]`, `GPS location "${gps.name}" has no usable coordinates; left out.`);
      return;
    }
    locations.push({
      location_name: gps.name || gps.address || `${gps.latitude},${gps.longitude}`,
      location_type: 1,
      latitude: gps.latitude,
      longitude: gps.longitude,
      map_type: 1,
      address: gps.address,
      gps_range: Math.round(gps.radiusMeters),
    });
  });
  for (const wifi of rule.wifiLocations) {
    locations.push({ location_name: wifi.ssid || wifi.bssid, location_type: 2, ssid: wifi.ssid, bssid: wifi.bssid });
  }
  const hasGps = locations.some((location) => location.location_type === 1);
  const hasWifi = rule.wifiLocations.length > 0;
  // punch_type is a bit set: 1 GPS, 2 Wi-Fi (feishu-create-update-group.md), from the places actually written.
  // It matters beyond a new group: locations only append on update, so GPS places a group held before stay in
  // Feishu, and punch_type 2 for a Wi-Fi-only rule is what keeps them from being punched at. No machine (4) or IP
  // (8) bit: the canonical rule has neither. With no place at all it is left out (the group keeps its own).
  const punchType = (hasGps ? 1 : 0) + (hasWifi ? 2 : 0);
  return { locations, gpsRange: hasGps ? gpsRange : null, punchType: punchType > 0 ? punchType : null };
}

/**
 * free_end_time is written within the day, never past 24:00 (never "27:59"). Evidence: the doc gives it as
 * "自由班制打卡结束时间,格式为x点x分,注意这里小时如果小于10点,是不需要补零的" (a clock time, hours 0–23 spelled
 * without padding) with the example "18:00" (feishu-create-update-group.md); the published clients carry it as a
 * plain string with the same text and examples ("7:00" / "18:00": larksuite/node-sdk attendance types, the
 * FeishuNetSdk and Mud.Feishu DTOs, the doc mirrors), and none of them, nor any recorded response, shows an hour
 * of 24 or more. Where Feishu does take next-day hours it says so ("如果是第二天凌晨2点, 则为26:00", shift
 * off_time in feishu-get-shift.md); here it does not. So the window is written as start–23:59 (the whole day
 * for a day starting at 0:00), and a later start is an approximated loss: WeCom's day (span_day_time) runs 24 h
 * from its start. The reader still accepts next-day values (feishuClockTimeSchema), in case Feishu sends one.
 */
const LAST_MINUTE_OF_DAY = 24 * 60 - 1;

function mapFree(rule: CanonicalRule, report: LossReport): NonNullable<FeishuGroupCreate['free_punch_cfg']> {
  const free = rule.free ?? { workdays: [], requiredWorkSec: null, dayStartSec: 0 };
  if (!rule.free) report.approximated('free', 'A free rule without its settings: no workdays, day starting at 0:00.');
  let start = toMinutes(free.dayStartSec);
  if (!Number.isFinite(start) || start < 0 || start >= 24 * 60) {
    report.approximated(
      'free.dayStartSec',
      `The day cannot start at ${describeSec(free.dayStartSec)}; 0:00 is used.`,
      free.dayStartSec,
      0,
    );
    start = 0;
  } else if (!isWholeMinutes(free.dayStartSec)) {
    report.approximated(
      'free.dayStartSec',
      'Feishu counts whole minutes; the day start is rounded.',
      free.dayStartSec,
      start * 60,
    );
  }
  const digits = ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[])
    .map((day) => (free.workdays.includes(day) ? '1' : '0'))
    .join('');
  let workHours: number | null = null;
  if (free.requiredWorkSec !== null) {
    workHours = Math.min(1440, Math.max(0, toMinutes(free.requiredWorkSec)));
    if (workHours * 60 !== free.requiredWorkSec) {
      report.approximated(
        'free.requiredWorkSec',
        `Feishu takes 0–1440 whole minutes; ${workHours} min is used.`,
        free.requiredWorkSec,
        workHours * 60,
      );
    }
  }
  if (start >= LAST_MINUTE_OF_DAY) {
    report.approximated(
      'free.dayStartSec',
      "Feishu's punching window must end after it starts within one day (free_end_time is a time of day); a day " +
        'starting at 23:59 is written as 0:00–23:59.',
      free.dayStartSec,
      0,
    );
    start = 0;
  } else if (start > 0) {
    report.approximated(
      'free.dayStartSec',
      `The attendance day starts at ${formatFeishuClockTime(start)} and runs 24 hours; Feishu's punching window ends ` +
        `at a time of the same day, so punches are accepted from ${formatFeishuClockTime(start)} to 23:59 and punches ` +
        `after midnight until ${formatFeishuClockTime(start - 1)} fall outside it.`,
      free.dayStartSec,
    );
  }
  const cfg: NonNullable<FeishuGroupCreate['free_punch_cfg']> = {
    free_start_time: formatFeishuClockTime(start),
    free_end_time: formatFeishuClockTime(LAST_MINUTE_OF_DAY),
    punch_day: Number(digits),
    work_hours_demand: workHours !== null,
  };
  if (workHours !== null) cfg.work_hours = workHours;
  return cfg;
}
