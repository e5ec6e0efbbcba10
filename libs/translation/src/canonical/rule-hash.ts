import { hash } from 'node:crypto';
import type {
  CanonicalRule,
  GpsLocation,
  IsoWeekday,
  LateOffLateOnStep,
  Members,
  Remedy,
  Shift,
  SpecialOffday,
  SpecialWorkday,
  TimeSection,
  WifiLocation,
} from './canonical-rule.js';
import { HashInputEncoder } from './hash-input.util.js';
import { normalizeRule } from './normalize-rule.js';
import { stableStringify } from './text.util.js';

/*
 * Content hash of a rule, for change detection in the reconcile loop: the stored hash of what was last
 * written is compared with the hash of what the source says now. It is taken over the canonical form, so
 * vendor noise (array order, MAC case, coordinate float noise, explicit vs implicit rest days) never
 * changes it, and over every field of that form, so any meaningful change does.
 */

/**
 * Bumped when the encoding (or the canonical form) changes meaning, so a stored hash from an older version
 * reads as "changed" (one extra write) instead of silently matching something else. It is the first value
 * of every hash input.
 *
 * v1 hashed stableStringify(normalizeRule(rule)) as text; v2 hashes the same value through HashInputEncoder
 * (hash-input.util.ts, which says why), several times cheaper. A link last synced under v1 reads as changed
 * once after the upgrade, and its next sync writes the target once with what it already holds.
 *
 * v3 adds what issue #17 made faithful: liveness as a kind (none / silent / action), overtime per kind of day,
 * punch reminders, the rest-day punch policy and the "normal punch" remedy.
 */
const HASH_FORMAT = 'canonical-rule/v3';
const PREVIOUS_HASH_FORMAT = 'canonical-rule/v2';

export function ruleContentHash(rule: CanonicalRule): string {
  const canonical = inCanonicalForm.has(rule) ? rule : normalizeRule(rule);
  return writeRule(encoder.begin().value(HASH_FORMAT), canonical).sha256Hex();
}

/**
 * The hashes the previous formats gave the same rule, newest first: v2 (the encoder over the canonical form
 * before v3's fields: liveness a boolean, one overtime switch, no reminder, rest-day policy or normal-punch
 * remedy) and v1 (SHA-256 of "canonical-rule/v1\n" + the stable JSON text of that same form). Links last
 * synced under an older format still hold such a hash, so where a stored hash differs from the current one the
 * rules syncs also compare it with these, and an upgrade reads nothing as changed that the older format saw as
 * equal (for a two-way link that would be a conflict on every link). Where v3 reads a field differently from
 * the older gateway (e.g. Feishu's silent liveness), the older hash does not match and the link syncs once:
 * the target receives what it should have had. Only on that path, never per group.
 */
export function legacyRuleContentHashes(rule: CanonicalRule): readonly string[] {
  const previous = previousShape(normalizeRule(rule));
  return [
    encoder.begin().value(PREVIOUS_HASH_FORMAT).value(previous).sha256Hex(),
    hash('sha256', `canonical-rule/v1\n${stableStringify(previous)}`, 'hex'),
  ];
}

/** The canonical form as v1 and v2 knew it (member order as normalizeRule wrote it then). */
function previousShape(rule: CanonicalRule): Record<string, unknown> {
  const { overtime, punchReminder: _reminder, restDayPunch: _restDay, remedy, faceLiveness, ...rest } = rule;
  const { forNormal: _normal, ...previousRemedy } = remedy;
  return {
    ...rest,
    remedy: previousRemedy,
    faceLiveness: faceLiveness !== 'none',
    overtimeEnabled: overtime.workday === true || overtime.restDay === true || overtime.holiday === true,
  };
}

/**
 * Rules a mapper returned already in canonical form, whose normalizeRule would give them back unchanged, so
 * hashing one skips that second normalisation. Only a mapper that normalised values it had validated marks
 * its result (wecomToCanonical: integers, strings and booleans only, so every sort in normalizeRule is a
 * consistent order and normalizing again changes nothing). The canonical model is readonly throughout; a
 * rule changed by casting that away after it was marked would hash as it was.
 */
const inCanonicalForm = new WeakSet<CanonicalRule>();

export function markCanonicalForm(rule: CanonicalRule): CanonicalRule {
  inCanonicalForm.add(rule);
  return rule;
}

/*
 * The hash input is HASH_FORMAT then normalizeRule(rule), encoded as HashInputEncoder's generic walk would
 * encode it (its `value`). normalizeRule builds every object of the canonical form itself, so its members are
 * known, and they are written by hand below, in the order the walk sorts them (rule-hash.spec.ts checks the
 * two give the same words, on arbitrary rules and odd values).
 */

/** The member names of the canonical form, one word each in the hash input (append only: see the encoder). */
export const CANONICAL_MEMBER_NAMES = [
  'address',
  'allowed',
  'beginSec',
  'bssid',
  'date',
  'dayStartSec',
  'daysLimit',
  'departmentIds',
  'earliestOffSec',
  'earliestOnSec',
  'earlyLeaveGraceSec',
  'endSec',
  'excludedUserIds',
  'faceLiveness',
  'faceRecognition',
  'flexibleArrival',
  'followsHolidayCalendar',
  'forEarly',
  'forLate',
  'forMissing',
  'forOther',
  'free',
  'gpsLocations',
  'idSpace',
  'key',
  'kind',
  'lateGraceSec',
  'lateOffLateOn',
  'latestOffSec',
  'latestOnSec',
  'latitude',
  'longitude',
  'maxEarlySec',
  'maxLateSec',
  'members',
  'monthlyLimit',
  'name',
  'noPunchOff',
  'noPunchOn',
  'note',
  'offLateSec',
  'offSec',
  'onLateSec',
  'onSec',
  'outOfRange',
  'overtimeEnabled',
  'photoRequired',
  'punchWindow',
  'radiusMeters',
  'remedy',
  'requiredWorkSec',
  'rest',
  'sections',
  'seriousLateSec',
  'shiftKey',
  'shifts',
  'specialOffdays',
  'specialWorkdays',
  'ssid',
  'timeZone',
  'userIds',
  'week',
  'wifiLocations',
  'workdays',
  // The week's days (normalizeWeek keeps only these).
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  // v3 (append only).
  'afterOffSec',
  'beforeOnSec',
  'forNormal',
  'holiday',
  'overtime',
  'punchReminder',
  'restDay',
  'restDayPunch',
  'workday',
] as const;

/** The one encoder: hashing is synchronous, so inputs never interleave. */
const encoder = new HashInputEncoder(CANONICAL_MEMBER_NAMES);

/** The word of each member name, for the hand-written walk below. */
const K = Object.fromEntries(CANONICAL_MEMBER_NAMES.map((name) => [name, encoder.keyWord(name)])) as Readonly<
  Record<(typeof CANONICAL_MEMBER_NAMES)[number], number>
>;

/** The hash input of a rule normalizeRule produced: HASH_FORMAT, then the rule (exported for the spec). */
export function ruleHashInput(rule: CanonicalRule): readonly number[] {
  return writeRule(encoder.begin().value(HASH_FORMAT), rule).written();
}

// Each writer below lists its members in code-unit order of their names, as the generic walk sorts them.

function writeRule(e: HashInputEncoder, rule: CanonicalRule): HashInputEncoder {
  e.beginObject()
    .member(K.faceLiveness, rule.faceLiveness)
    .member(K.faceRecognition, rule.faceRecognition)
    .member(K.followsHolidayCalendar, rule.followsHolidayCalendar);
  if (rule.free === null) e.member(K.free, null);
  else writeFree(e.name(K.free), rule.free);
  e.name(K.gpsLocations).list(rule.gpsLocations, writeGps).member(K.idSpace, rule.idSpace).member(K.kind, rule.kind);
  writeMembers(e.name(K.members), rule.members);
  e.member(K.name, rule.name).member(K.outOfRange, rule.outOfRange);
  const overtime = rule.overtime;
  e.name(K.overtime)
    .beginObject()
    .member(K.holiday, overtime.holiday)
    .member(K.restDay, overtime.restDay)
    .member(K.workday, overtime.workday)
    .endObject()
    .member(K.photoRequired, rule.photoRequired);
  const reminder = rule.punchReminder;
  if (reminder === null) e.member(K.punchReminder, null);
  else {
    e.name(K.punchReminder)
      .beginObject()
      .member(K.afterOffSec, reminder.afterOffSec)
      .member(K.beforeOnSec, reminder.beforeOnSec)
      .endObject();
  }
  writeRemedy(e.name(K.remedy), rule.remedy);
  e.member(K.restDayPunch, rule.restDayPunch)
    .name(K.shifts)
    .list(rule.shifts, writeShift)
    .name(K.specialOffdays)
    .list(rule.specialOffdays, writeSpecialOffday)
    .name(K.specialWorkdays)
    .list(rule.specialWorkdays, writeSpecialWorkday)
    .member(K.timeZone, rule.timeZone);
  writeWeek(e.name(K.week), rule.week);
  return e.name(K.wifiLocations).list(rule.wifiLocations, writeWifi).endObject();
}

function writeMembers(e: HashInputEncoder, value: Members): void {
  e.beginObject()
    .name(K.departmentIds)
    .values(value.departmentIds)
    .name(K.excludedUserIds)
    .values(value.excludedUserIds)
    .name(K.userIds)
    .values(value.userIds)
    .endObject();
}

function writeFree(e: HashInputEncoder, value: NonNullable<CanonicalRule['free']>): void {
  e.beginObject()
    .member(K.dayStartSec, value.dayStartSec)
    .member(K.requiredWorkSec, value.requiredWorkSec)
    .name(K.workdays)
    .values(value.workdays)
    .endObject();
}

function writeGps(e: HashInputEncoder, value: GpsLocation): void {
  e.beginObject()
    .member(K.address, value.address)
    .member(K.latitude, value.latitude)
    .member(K.longitude, value.longitude)
    .member(K.name, value.name)
    .member(K.radiusMeters, value.radiusMeters)
    .endObject();
}

function writeWifi(e: HashInputEncoder, value: WifiLocation): void {
  e.beginObject().member(K.bssid, value.bssid).member(K.ssid, value.ssid).endObject();
}

function writeRemedy(e: HashInputEncoder, value: Remedy): void {
  e.beginObject()
    .member(K.allowed, value.allowed)
    .member(K.daysLimit, value.daysLimit)
    .member(K.forEarly, value.forEarly)
    .member(K.forLate, value.forLate)
    .member(K.forMissing, value.forMissing)
    .member(K.forNormal, value.forNormal)
    .member(K.forOther, value.forOther)
    .member(K.monthlyLimit, value.monthlyLimit)
    .endObject();
}

function writeShift(e: HashInputEncoder, value: Shift): void {
  const flexible = value.flexibleArrival;
  e.beginObject();
  if (flexible === null) e.member(K.flexibleArrival, null);
  else {
    e.name(K.flexibleArrival)
      .beginObject()
      .member(K.maxEarlySec, flexible.maxEarlySec)
      .member(K.maxLateSec, flexible.maxLateSec)
      .endObject();
  }
  e.member(K.key, value.key)
    .name(K.lateOffLateOn)
    .list(value.lateOffLateOn, writeLateOffLateOn)
    .member(K.name, value.name)
    .name(K.sections)
    .list(value.sections, writeSection)
    .endObject();
}

function writeLateOffLateOn(e: HashInputEncoder, step: LateOffLateOnStep): void {
  e.beginObject().member(K.offLateSec, step.offLateSec).member(K.onLateSec, step.onLateSec).endObject();
}

function writeSection(e: HashInputEncoder, value: TimeSection): void {
  const window = value.punchWindow;
  const rest = value.rest;
  e.beginObject()
    .member(K.earlyLeaveGraceSec, value.earlyLeaveGraceSec)
    .member(K.lateGraceSec, value.lateGraceSec)
    .member(K.noPunchOff, value.noPunchOff)
    .member(K.noPunchOn, value.noPunchOn)
    .member(K.offSec, value.offSec)
    .member(K.onSec, value.onSec);
  if (window === null) e.member(K.punchWindow, null);
  else {
    e.name(K.punchWindow)
      .beginObject()
      .member(K.earliestOffSec, window.earliestOffSec)
      .member(K.earliestOnSec, window.earliestOnSec)
      .member(K.latestOffSec, window.latestOffSec)
      .member(K.latestOnSec, window.latestOnSec)
      .endObject();
  }
  if (rest === null) e.member(K.rest, null);
  else e.name(K.rest).beginObject().member(K.beginSec, rest.beginSec).member(K.endSec, rest.endSec).endObject();
  e.member(K.seriousLateSec, value.seriousLateSec).endObject();
}

function writeSpecialWorkday(e: HashInputEncoder, value: SpecialWorkday): void {
  e.beginObject()
    .member(K.date, value.date)
    .member(K.note, value.note)
    .name(K.sections)
    .list(value.sections, writeSection)
    .member(K.shiftKey, value.shiftKey)
    .endObject();
}

function writeSpecialOffday(e: HashInputEncoder, value: SpecialOffday): void {
  e.beginObject().member(K.date, value.date).member(K.note, value.note).endObject();
}

const WEEK_DAY_WORDS = [K[1], K[2], K[3], K[4], K[5], K[6], K[7]] as const;

function writeWeek(e: HashInputEncoder, value: CanonicalRule['week']): void {
  // Only the days 1–7 (normalizeWeek), whose names sort in that order; an absent day is left out.
  e.beginObject();
  for (let day = 1; day <= 7; day += 1) e.member(WEEK_DAY_WORDS[day - 1] ?? 0, value[day as IsoWeekday]);
  e.endObject();
}
