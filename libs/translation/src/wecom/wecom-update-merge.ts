import { z } from 'zod';
import {
  WECOM_CLEAR_FIELDS,
  wecomOtInfoV2WriteSchema,
  type WecomCheckinGroupCreate,
  type WecomCheckinGroupRead,
  type WecomCheckinTimeWrite,
  type WecomOtInfoV2,
} from '@app/wecom/model';
import type { CanonicalRule, OvertimeByDayKind } from '../canonical/canonical-rule.js';
import { LossReport, type Loss } from '../canonical/loss.js';
import { MINUTE, REMIND_AFTER_OFF_MINUTES, REMIND_BEFORE_WORK_MINUTES } from './wecom-rule.util.js';

/*
 * Read-modify-write of a WeCom checkin rule.
 *
 * update_checkin_option keeps a top-level field it is not sent, but REPLACES an object or array it is sent, with
 * everything below it, and ignores an empty array (wecom-checkin-option-rules.md, 修改打卡规则 note 3). The
 * writer (canonical-to-wecom.mapper.ts) writes a whole rule, as a create needs; sent as an update, its objects
 * and arrays would wipe what the admin set in WeCom and the source does not determine. mergeWecomRuleUpdate
 * turns the written group into the update: what the source determines from the written group, the rest from
 * what WeCom holds (the read), as far as the strict write schema can carry it back.
 *
 * Contract (the caller compares, then writes):
 *  - `group` is a valid create-shape payload (strict write schema; the WeCom rules the writer keeps), to be sent
 *    as update_checkin_option with every non-empty array, followed by clear_checkin_option_array_field for the
 *    arrays it holds EMPTY that WeCom holds non-empty (spe_workdays, spe_offdays, wifimac_infos, loc_infos: the
 *    arrays that call can clear);
 *  - the caller decides "unchanged" by comparing the content hashes of wecomToCanonical(actual) and
 *    wecomToCanonical({ ...group, groupid }): when the source determines nothing new, they are equal, so an
 *    unchanged source writes nothing, and once written, the next run compares equal (it converges);
 *  - `losses` say what WeCom keeps against the source (white_users it cannot empty, tags) and what cannot be
 *    sent back (overtime settings the write schema does not know).
 *
 * What it keeps from WeCom:
 *  - ot_info_v2: what WeCom holds, with only allow_ot replaced for the kinds of day the rule determines
 *    (overtime non-null); a kind turned on without a type gets 2 (approval only, the doc default, required for
 *    rest days and holidays, doc "restdayconf 是,allow_ot、type必填"); a kind WeCom holds none of: the written one
 *    — or, for a rule still on the legacy ot_info, what that block says for the kinds the rule leaves open;
 *  - punch reminders, when the rule has none (punchReminder null): every section (checkindate, schedulelist,
 *    spe_workdays) keeps the reminder of the section WeCom holds with the same work_sec and off_work_sec;
 *  - allow_checkin_offworkday of a fixed rule, when the rule does not say (restDayPunch null): WeCom's;
 *  - range.tagid: WeCom tags have no canonical form, so the written range (users, departments) keeps WeCom's;
 *  - a free rule's offwork_interval_time (minimum clock-in → clock-out gap), which the canonical model lacks;
 *  - white_users when the source exempts nobody: WeCom has no way to empty the list (an empty array is
 *    "unchanged", and clear_checkin_option_array_field only knows codes 1–4: spe_workdays, spe_offdays,
 *    wifimac_infos, loc_infos), so the list WeCom holds is kept and HR is told to remove the people by hand.
 * The other objects the writer sends are the source's to determine: checkindate / schedulelist (times, windows,
 * flexible time, late_rule: all canonical), spe_* (special days), loc_infos / wifimac_infos. What the writer
 * never sends (type, reporterinfo, note_can_use_local_pic, sync_out_checkin, buka_limit_next_month,
 * buka_remind, unknown keys) WeCom keeps by itself — except that with make-up punches turned off, WeCom refuses
 * any make-up setting left set (doc 301093 "need allow_apply_offworkday"), so those are reset with them.
 */

export interface WecomRuleUpdateMerge {
  /** The group to compare and send (see the contract above). */
  readonly group: WecomCheckinGroupCreate;
  /** What WeCom keeps against the source, and what could not be sent back. */
  readonly losses: Loss[];
}

type OtKindName = 'workdayconf' | 'restdayconf' | 'holidayconf';

const OT_KINDS: readonly {
  readonly name: OtKindName;
  readonly kind: keyof OvertimeByDayKind;
  readonly days: string;
}[] = [
  { name: 'workdayconf', kind: 'workday', days: 'workdays' },
  { name: 'restdayconf', kind: 'restDay', days: 'rest days' },
  { name: 'holidayconf', kind: 'holiday', days: 'holidays' },
];

/** doc ot_info_v2.*.type "默认为2": approval only. */
const DEFAULT_OT_TYPE = 2;
/** doc offwork_interval_time: a multiple of 5 minutes, at most 1435 minutes (301093). */
const MAX_OFFWORK_INTERVAL = 1435 * MINUTE;

/**
 * The update to send for `desired` (canonicalToWecom of `rule`) when WeCom holds `actual` (its
 * getcorpcheckinoption read of the same rule). Pure: neither argument is changed.
 */
export function mergeWecomRuleUpdate(
  desired: WecomCheckinGroupCreate,
  actual: WecomCheckinGroupRead,
  rule: CanonicalRule,
): WecomRuleUpdateMerge {
  const report = new LossReport();
  const group: WecomCheckinGroupCreate = { ...desired };
  group.ot_info_v2 = mergeOvertime(desired.ot_info_v2, actual, rule.overtime, report);
  if (rule.punchReminder === null) keepReminders(group, actual);
  if (group.grouptype === 1 && group.allow_checkin_offworkday === undefined) {
    if (actual.allow_checkin_offworkday !== undefined) group.allow_checkin_offworkday = actual.allow_checkin_offworkday;
  }
  keepTags(group, actual, report);
  if (group.grouptype === 3) keepOffworkInterval(group, actual);
  keepExemptPeople(group, actual, report);
  emptyClearableArrays(group, actual);
  if (group.allow_apply_offworkday !== true) resetMakeUpSettings(group, actual, report);
  return { group, losses: [...report.list()] };
}

// ---- overtime -------------------------------------------------------------------------------------------

function mergeOvertime(
  written: WecomOtInfoV2,
  actual: WecomCheckinGroupRead,
  overtime: OvertimeByDayKind,
  report: LossReport,
): WecomOtInfoV2 {
  const held = actual.ot_info_v2;
  const legacy = legacyOvertime(actual);
  const merged = {} as Record<OtKindName, WecomOtInfoV2[OtKindName]>;
  for (const { name, kind, days } of OT_KINDS) {
    const determined = overtime[kind];
    const heldConf = held?.[name];
    if (heldConf === undefined) {
      // Nothing of WeCom's to keep. A rule still on the legacy block keeps what it says for an open kind.
      const fallback = determined === null && legacy !== null ? legacy[kind] : written[name].allow_ot;
      merged[name] = { ...written[name], allow_ot: fallback };
      continue;
    }
    const kept = writableConf(heldConf, name, days, report);
    const conf: Partial<WecomOtInfoV2[OtKindName]> = kept;
    conf.allow_ot = determined ?? heldConf.allow_ot ?? written[name].allow_ot;
    conf.type ??= DEFAULT_OT_TYPE;
    merged[name] = conf as WecomOtInfoV2[OtKindName];
  }
  return { workdayconf: merged.workdayconf, restdayconf: merged.restdayconf, holidayconf: merged.holidayconf };
}

/**
 * One kind of day's overtime settings as WeCom holds them, reduced to what the strict write schema can send:
 * a setting it does not know is left out, and so is a whole block (apply, checkin, applycheckin, vacation) with
 * any part it refuses — sent in part, a block could break WeCom's own rules (e.g. rest deduction by fixed periods
 * with no period left) — each reported.
 */
function writableConf(
  held: NonNullable<NonNullable<WecomCheckinGroupRead['ot_info_v2']>[OtKindName]>,
  name: OtKindName,
  days: string,
  report: LossReport,
): Partial<WecomOtInfoV2[OtKindName]> {
  const shape = wecomOtInfoV2WriteSchema.shape[name].shape as Record<string, z.ZodType>;
  const prefix = `group.ot_info_v2.${name}`;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(held)) {
    if (value === undefined) continue;
    const field = shape[key];
    const dropped: string[] = [];
    const keptValue = field === undefined ? undefined : writable(value, field, `${prefix}.${key}`, dropped);
    if (field === undefined) dropped.push(`${prefix}.${key}`);
    if (dropped.length === 0) {
      if (keptValue !== undefined) kept[key] = keptValue;
      continue;
    }
    for (const path of dropped) {
      const setting = path.slice(prefix.length + 1);
      report.dropped(
        path,
        `WeCom's overtime setting "${setting}" for ${days} cannot be sent back: the gateway does not know it, or it is not a value WeCom accepts. WeCom replaces the overtime settings on every update, so its "${key}" settings will be reset; check the overtime rules for ${days} in the WeCom admin after the sync.`,
        valueAt(held, setting),
      );
    }
  }
  return kept;
}

/** What a rule on the legacy ot_info allows (as wecom-to-canonical.mapper.ts reads it), or null. */
function legacyOvertime(actual: WecomCheckinGroupRead): Record<keyof OvertimeByDayKind, boolean> | null {
  const legacy = actual.ot_info;
  if (actual.ot_info_v2 !== undefined || legacy === undefined) return null;
  const workday = legacy.allow_ot_workingday === true || legacy.otapplyinfo?.allow_ot_workingday === true;
  const nonWorkingDay = legacy.allow_ot_nonworkingday === true || legacy.otapplyinfo?.allow_ot_nonworkingday === true;
  return { workday, restDay: nonWorkingDay, holiday: nonWorkingDay };
}

/**
 * `value` reduced to what `schema` (a strict write schema) accepts: a key it does not know, or a value it
 * refuses, is left out and its path added to `dropped`; an object left with nothing is left out (silently: its
 * contents are named). undefined when nothing is left.
 */
function writable(value: unknown, schema: z.ZodType, path: string, dropped: string[]): unknown {
  if (schema instanceof z.ZodOptional) return writable(value, schema.unwrap() as z.ZodType, path, dropped);
  if (schema instanceof z.ZodObject && isPlainObject(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const kept: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry === undefined) continue;
      const field = shape[key];
      if (field === undefined) {
        dropped.push(`${path}.${key}`);
        continue;
      }
      const keptEntry = writable(entry, field, `${path}.${key}`, dropped);
      if (keptEntry !== undefined) kept[key] = keptEntry;
    }
    if (Object.keys(kept).length === 0) return undefined;
    if (schema.safeParse(kept).success) return kept;
    // A required part is missing (e.g. a rest period read without its end): the object cannot be sent.
    dropped.push(path);
    return undefined;
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((entry, index) => {
      const keptEntry = writable(entry, schema.element as z.ZodType, `${path}[${index}]`, dropped);
      if (keptEntry !== undefined) kept.push(keptEntry);
    });
    return kept;
  }
  if (schema.safeParse(value).success) return value;
  dropped.push(path);
  return undefined;
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split(/[.[\]]+/).filter((segment) => segment !== '')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- punch reminders --------------------------------------------------------------------------------------

interface Reminder {
  readonly remind_work_sec: number;
  readonly remind_off_work_sec: number;
}

type SectionTimes = Pick<
  WecomCheckinTimeWrite,
  'work_sec' | 'off_work_sec' | 'remind_work_sec' | 'remind_off_work_sec'
>;

/**
 * The reminders WeCom holds, by "work_sec/off_work_sec": the first section with those times, when both of its
 * reminders are ones WeCom offers (doc 301093 remind_work_sec / remind_off_work_sec: 0/5/10/15/20 minutes
 * before, 0/10/20/30/60 after), so what is kept is a valid write.
 */
function heldReminders(actual: WecomCheckinGroupRead): Map<string, Reminder> {
  const held = new Map<string, Reminder>();
  const add = (times: readonly Partial<SectionTimes>[] | undefined): void => {
    for (const time of times ?? []) {
      const { work_sec: work, off_work_sec: off, remind_work_sec: remindWork, remind_off_work_sec: remindOff } = time;
      if (work === undefined || off === undefined || remindWork === undefined || remindOff === undefined) continue;
      const key = `${work}/${off}`;
      if (held.has(key)) continue;
      const lead = work - remindWork;
      const lag = remindOff - off;
      if (
        REMIND_BEFORE_WORK_MINUTES.some((minutes) => minutes * MINUTE === lead) &&
        REMIND_AFTER_OFF_MINUTES.some((minutes) => minutes * MINUTE === lag) &&
        remindWork >= 0
      ) {
        held.set(key, { remind_work_sec: remindWork, remind_off_work_sec: remindOff });
      }
    }
  };
  for (const entry of actual.checkindate ?? []) add(entry.checkintime);
  for (const schedule of actual.schedulelist ?? []) add(schedule.time_section);
  for (const day of actual.spe_workdays ?? []) add(day.checkintime);
  return held;
}

/** Every written section takes the reminder WeCom holds for the same times (the written default otherwise). */
function keepReminders(group: WecomCheckinGroupCreate, actual: WecomCheckinGroupRead): void {
  const held = heldReminders(actual);
  if (held.size === 0) return;
  const withHeld = <T extends SectionTimes>(times: readonly T[]): T[] =>
    times.map((time) => {
      const reminder = held.get(`${time.work_sec}/${time.off_work_sec}`);
      return reminder === undefined ? time : { ...time, ...reminder };
    });
  if (group.checkindate !== undefined) {
    group.checkindate = group.checkindate.map((entry) => ({ ...entry, checkintime: withHeld(entry.checkintime) }));
  }
  if (group.schedulelist !== undefined) {
    group.schedulelist = group.schedulelist.map((schedule) =>
      schedule.time_section === undefined ? schedule : { ...schedule, time_section: withHeld(schedule.time_section) },
    );
  }
  if (group.spe_workdays !== undefined) {
    group.spe_workdays = group.spe_workdays.map((day) => ({ ...day, checkintime: withHeld(day.checkintime) }));
  }
}

// ---- members, arrays, settings ------------------------------------------------------------------------------

/** range is one object: the written one replaces WeCom's whole, tags included, so WeCom's tags go along. */
function keepTags(group: WecomCheckinGroupCreate, actual: WecomCheckinGroupRead, report: LossReport): void {
  const tags = actual.range?.tagid ?? [];
  if (tags.length === 0 || (group.range.tagid ?? []).length > 0) return;
  group.range = { ...group.range, tagid: [...tags] };
  report.info(
    'group.range.tagid',
    `The WeCom rule also applies to the people of tag${tags.length === 1 ? '' : 's'} ${tags.join(', ')}; the source has no tags, so they were kept and those people keep this rule. Remove the tags from the rule in the WeCom admin if they should not.`,
    [...tags],
  );
}

function keepOffworkInterval(group: WecomCheckinGroupCreate, actual: WecomCheckinGroupRead): void {
  const held = actual.offwork_interval_time;
  if (held !== undefined && held >= 0 && held <= MAX_OFFWORK_INTERVAL && held % (5 * MINUTE) === 0) {
    group.offwork_interval_time = held;
  }
}

function keepExemptPeople(group: WecomCheckinGroupCreate, actual: WecomCheckinGroupRead, report: LossReport): void {
  const held = actual.white_users ?? [];
  if ((group.white_users ?? []).length > 0 || held.length === 0) return;
  group.white_users = [...held];
  report.dropped(
    'members.excludedUserIds',
    `The WeCom rule exempts ${held.length === 1 ? '1 person' : `${held.length} people`} from punching (${held.join(', ')}) whom the source does not exempt. WeCom gives the gateway no way to empty that list, so ${held.length === 1 ? 'this person stays' : 'they stay'} exempt: remove them from the rule's list of people who need not punch (白名单 / 无需打卡人员) in the WeCom admin.`,
    [...held],
  );
}

/**
 * The arrays clear_checkin_option_array_field can empty (doc: 1 spe_workdays, 2 spe_offdays, 3 wifimac_infos,
 * 4 loc_infos): one the source leaves out but WeCom holds is sent EMPTY, which the caller turns into a clear.
 */
function emptyClearableArrays(group: WecomCheckinGroupCreate, actual: WecomCheckinGroupRead): void {
  for (const key of Object.keys(WECOM_CLEAR_FIELDS) as (keyof typeof WECOM_CLEAR_FIELDS)[]) {
    if ((group[key] ?? []).length > 0) continue;
    if ((actual[key] ?? []).length > 0) group[key] = [];
  }
}

/**
 * Make-up punches off: WeCom refuses any make-up setting left set (doc 301093 "need allow_apply_offworkday, set
 * the fields related to buka requires allow_apply_offworkday to be enabled"), so those WeCom holds are reset to
 * their defaults — the limits the rule determines (none, when make-up punches are off), and the deadline and
 * reminder only WeCom has, which are told.
 */
function resetMakeUpSettings(group: WecomCheckinGroupCreate, actual: WecomCheckinGroupRead, report: LossReport): void {
  if (actual.allow_apply_bk_cnt !== undefined && actual.allow_apply_bk_cnt !== -1) group.allow_apply_bk_cnt = -1;
  if (actual.allow_apply_bk_day_limit !== undefined && actual.allow_apply_bk_day_limit !== -1) {
    group.allow_apply_bk_day_limit = -1;
  }
  if (actual.buka_restriction !== undefined && actual.buka_restriction !== 0) group.buka_restriction = 0;
  const reset: string[] = [];
  if (actual.buka_limit_next_month !== undefined && actual.buka_limit_next_month !== -1) {
    group.buka_limit_next_month = -1;
    reset.push(`the deadline (day ${actual.buka_limit_next_month} of the next month)`);
  }
  const remind = actual.buka_remind;
  if (
    remind !== undefined &&
    (remind.open_remind === true || remind.buka_remind_day !== undefined || remind.buka_remind_month !== undefined)
  ) {
    // doc 修改打卡规则 note 4b: a non-array field is cleared by sending it empty.
    group.buka_remind = {};
    reset.push('the monthly reminder');
  }
  if (reset.length > 0) {
    report.info(
      'remedy',
      `Make-up punches are turned off, and WeCom does not keep make-up settings without them, so ${reset.join(' and ')} of WeCom's make-up punches ${reset.length === 1 ? 'was' : 'were'} switched off too.`,
    );
  }
}
