import fc from 'fast-check';
import { SeededRandom } from '../common/seeded-random.js';
import type { FeishuEmulator } from '../feishu/feishu-emulator.js';
import { SAMPLE_PEOPLE } from '../sample-company/people.js';
import type { RunningEmulators } from '../start-emulators.js';
import { dayStart, DAY_SECONDS } from '../wecom/china-time.util.js';
import type { WecomEmulator } from '../wecom/wecom-emulator.js';
import { FOREIGN_APP } from '../wecom/wecom-emulator.state.js';
import {
  feishuRosterDayId,
  feishuRosterDays,
  feishuUserFlows,
  type FeishuRosterContext,
} from './feishu-variance.arbitraries.js';
import { mangle, type VarianceKind } from './record-mangle.util.js';
import type { JsonObject } from './variance-fields.util.js';
import {
  type WecomGrouptype,
  wecomCheckinRows,
  wecomCheckinRule,
  wecomPunchId,
  wecomScheduleEntries,
  type WecomScheduleRef,
  wecomScheduleId,
} from './wecom-variance.arbitraries.js';

// The "variance" company: records as real tenants' answers hold them (issue #16) — doc-legal, optional fields
// left out, unknown fields added, optionally one broken record of each kind — planted into the emulators through
// their admin hooks. Synthetic data of ours, deterministic for a seed (fc.sample with that seed).
//
// The planters below are what a test uses to put exactly the records it generated into an emulator; the loader
// at the bottom plants a whole company on top of the sample one, for trying the gateway against it by hand.

/**
 * Top-level keys the WeCom emulator's read rendering fills with the documented default when a stored rule lacks
 * them (checkin-option.handler renderRule: a real 2024 answer showed them filled), per level. A generated rule
 * that leaves one out plants it as `undefined`: the stored rule then holds the key, the rendering copies it over
 * the default, and JSON drops it — so the answer lacks the field, as the generated (sparse) record does. If the
 * rendering stops filling a key, planting it `undefined` changes nothing.
 */
const RENDER_DEFAULTED = {
  group: [
    'sync_holidays',
    'need_photo',
    'note_can_use_local_pic',
    'allow_checkin_offworkday',
    'allow_apply_offworkday',
    'wifimac_infos',
    'loc_infos',
    'spe_workdays',
    'spe_offdays',
    'type',
    'allow_apply_bk_cnt',
    'allow_apply_bk_day_limit',
    'option_out_range',
    'use_face_detect',
    'buka_restriction',
  ],
  checkindate: ['noneed_offwork', 'limit_aheadtime', 'flex_on_duty_time', 'flex_off_duty_time', 'allow_flex'],
  schedule: ['limit_aheadtime', 'limit_offtime', 'noneed_offwork'],
  range: ['party_id', 'userid', 'tagid'],
} as const;

function keepAbsent(object: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = { ...object };
  for (const key of keys) if (!(key in out)) out[key] = undefined;
  return out;
}

const objectList = (value: unknown): value is JsonObject[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));

/** The rule as stored so that the emulator answers it as generated (see RENDER_DEFAULTED). */
function asStoredRule(rule: JsonObject): JsonObject {
  const stored = keepAbsent(rule, RENDER_DEFAULTED.group);
  const checkindate = stored['checkindate'];
  if (objectList(checkindate)) {
    stored['checkindate'] = checkindate.map((date) => keepAbsent(date, RENDER_DEFAULTED.checkindate));
  }
  const schedules = stored['schedulelist'];
  if (objectList(schedules)) {
    stored['schedulelist'] = schedules.map((schedule) => keepAbsent(schedule, RENDER_DEFAULTED.schedule));
  }
  const range = stored['range'];
  if (typeof range === 'object' && range !== null && !Array.isArray(range)) {
    stored['range'] = keepAbsent(range as JsonObject, RENDER_DEFAULTED.range);
  }
  return stored;
}

/**
 * Plants rules as getcorpcheckinoption should answer them; answers their groupids, in order. `owner` is the
 * app that "created" them (default another app, as rules made in WeCom's console; the emulator's own app id,
 * SELF_APP, lets the gateway's credentials delete them again).
 */
export function plantWecomRules(wecom: WecomEmulator, rules: readonly JsonObject[], owner = FOREIGN_APP): number[] {
  return rules.map((rule) => wecom.seedForeignRule(asStoredRule(rule), owner));
}

/** Plants getcheckindata rows (each answered for its userid and checkin_time). */
export function plantWecomPunches(wecom: WecomEmulator, rows: readonly JsonObject[]): void {
  wecom.seedCheckinData(rows);
}

/**
 * Plants monthly schedules (B8 entries) as the days and schedule ids they list; the emulator builds the
 * entries from them for people whose rule is the entry's groupid (their other fields are the emulator's).
 */
export function plantWecomSchedules(wecom: WecomEmulator, entries: readonly JsonObject[]): void {
  for (const entry of entries) {
    const list = (entry['schedule'] as { scheduleList?: JsonObject[] } | undefined)?.scheduleList ?? [];
    const days: Record<number, unknown> = {};
    for (const day of list) days[Number(day['day'])] = (day['schedule_info'] as JsonObject)['schedule_id'];
    wecom.seedSchedules(Number(entry['groupid']), String(entry['userid']), Number(entry['yearmonth']), days);
  }
}

/** Plants punch records; answers the record_ids Feishu gave them, in order. */
export function plantFeishuFlows(feishu: FeishuEmulator, flows: readonly JsonObject[]): string[] {
  return feishu.seedFlows(flows);
}

/** Plants roster days (each replacing the person's day). */
export function plantFeishuRosterDays(feishu: FeishuEmulator, days: readonly JsonObject[]): void {
  feishu.seedDailyShifts(days);
}

// ---- a whole company ---------------------------------------------------------------------------------------

export interface VarianceCompanyOptions {
  /** Everything generated follows from it. */
  readonly seed: number;
  /** Records of each kind (default 4; at least 3, one rule of each type). */
  readonly size?: number;
  /** Break one record of each kind (default false). */
  readonly mangled?: boolean;
  /** "Now" in unix seconds (default: the clock): punches before it, rosters after it. */
  readonly nowSeconds?: number;
}

export interface PlantedVariance {
  readonly kind: VarianceKind;
  /** The id the gateway reports the record under. */
  readonly id: string;
  readonly record: JsonObject;
}

export interface VarianceCompany {
  readonly planted: readonly PlantedVariance[];
  /** The broken records, with the field each breaks. */
  readonly mangled: readonly (PlantedVariance & { readonly field: string })[];
}

/** WeCom-only people of the variance company's by-shift rules (no other rule holds them, so their schedules show). */
export const VARIANCE_SHIFT_WORKERS = ['variance-w1', 'variance-w2'] as const;

/**
 * Plants the variance company on top of whatever the emulators hold (normally the sample company): WeCom rules
 * of each type for sample people (the by-shift ones for VARIANCE_SHIFT_WORKERS too, added to the directory),
 * punch rows over the last three days, those workers' schedules over the next week; Feishu flows over the last
 * three days and, when the sample 排班 group is there, roster days of its people over the next week. With
 * `mangled`, the last record of each kind is broken (record-mangle.util.ts) — the gateway must report each and
 * sync the rest.
 */
export function loadVarianceCompany(emulators: RunningEmulators, options: VarianceCompanyOptions): VarianceCompany {
  const { seed } = options;
  const size = Math.max(3, options.size ?? 4);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const wecom = emulators.wecom.emulator;
  const feishu = emulators.feishu.emulator;
  const sample = <T>(arbitrary: fc.Arbitrary<T>, offset: number): T =>
    fc.sample(arbitrary, { seed: seed + offset, numRuns: 1 })[0]!;
  const rng = new SeededRandom(seed);
  const planted: PlantedVariance[] = [];
  const mangled: (PlantedVariance & { field: string })[] = [];
  /** The records of a kind, the last one broken when asked. */
  const finish = (kind: VarianceKind, records: JsonObject[]): { records: JsonObject[]; field: string | null } => {
    if (!options.mangled || records.length === 0) return { records, field: null };
    const broken = mangle(records[records.length - 1]!, rng, kind);
    return { records: [...records.slice(0, -1), broken.record], field: broken.field };
  };
  const note = (kind: VarianceKind, ids: readonly string[], records: readonly JsonObject[], field: string | null) => {
    records.forEach((record, index) => planted.push({ kind, id: ids[index]!, record }));
    const last = planted[planted.length - 1];
    if (field !== null && last) mangled.push({ ...last, field });
  };

  const wecomPeople = SAMPLE_PEOPLE.map((person) => person.wecomUserId);
  const feishuPeople = SAMPLE_PEOPLE.map((person) => person.feishuUserId);
  wecom.addUsers([...VARIANCE_SHIFT_WORKERS]);

  // Rules: types 1, 2, 3, 1, 2, …
  const ruleRecords = Array.from({ length: size }, (_, index) => {
    const grouptype = ((index % 3) + 1) as WecomGrouptype;
    const userids =
      grouptype === 2 ? [...VARIANCE_SHIFT_WORKERS, wecomPeople[index % wecomPeople.length]!] : wecomPeople;
    return sample(
      wecomCheckinRule(grouptype, { name: `变体公司${seed}-${index + 1}`, userids, nowSeconds: now }).map((rule) =>
        grouptype === 2 ? { ...rule, range: { ...(rule['range'] as JsonObject), userid: userids } } : rule,
      ),
      index,
    );
  });
  const rules = finish('checkin rule', ruleRecords);
  const groupids = plantWecomRules(wecom, rules.records);
  note('checkin rule', groupids.map(String), rules.records, rules.field);

  // Punches over the last three days.
  const from = dayStart(now) - 3 * DAY_SECONDS;
  const punches = finish('punch', sample(wecomCheckinRows({ userids: wecomPeople, from, to: now }, size), 100));
  plantWecomPunches(wecom, punches.records);
  note('punch', punches.records.map(wecomPunchId), punches.records, punches.field);

  // Schedules of the first by-shift rule's workers over the next week.
  const shiftRule = ruleRecords[1]!;
  const nextWeek = Array.from({ length: 7 }, (_, offset) => isoDay(dayStart(now) + (offset + 1) * DAY_SECONDS));
  const entries = sample(
    wecomScheduleEntries({
      groupid: groupids[1]!,
      groupname: String(shiftRule['groupname']),
      userids: [...VARIANCE_SHIFT_WORKERS],
      schedules: shiftRule['schedulelist'] as WecomScheduleRef[],
      days: nextWeek,
    }),
    200,
  );
  const schedules = finish('monthly schedule', entries);
  plantWecomSchedules(wecom, schedules.records);
  note('monthly schedule', schedules.records.map(wecomScheduleId), schedules.records, schedules.field);

  // Feishu punches over the last three days.
  const flows = finish('flow', sample(feishuUserFlows({ userIds: feishuPeople, from, to: now }, size), 300));
  note('flow', plantFeishuFlows(feishu, flows.records), flows.records, flows.field);

  // Roster days of the sample 排班 group's people over the next week (on top of the sample roster).
  const rostered = feishu.dailyShifts();
  const groupId = rostered[0]?.group_id;
  if (groupId !== undefined) {
    const inGroup = rostered.filter((day) => day.group_id === groupId);
    const context: FeishuRosterContext = {
      groupId,
      shiftIds: [...new Set(inGroup.map((day) => day.shift_id))],
      userIds: [...new Set(inGroup.map((day) => day.user_id))],
      days: nextWeek,
    };
    const days = finish('roster day', sample(feishuRosterDays(context, size), 400));
    plantFeishuRosterDays(feishu, days.records);
    note('roster day', days.records.map(feishuRosterDayId), days.records, days.field);
  }
  return { planted, mangled };
}

/** YYYY-MM-DD of a China-time midnight (own arithmetic, not @app/kernel's: the emulators stay independent). */
function isoDay(chinaMidnight: number): string {
  return new Date((chinaMidnight + 8 * 3600) * 1000).toISOString().slice(0, 10);
}
