import { hash } from 'node:crypto';
import type {
  CanonicalRule,
  GpsLocation,
  Members,
  Remedy,
  Shift,
  SpecialOffday,
  SpecialWorkday,
  TimeSection,
  WifiLocation,
} from './canonical-rule.js';
import { leaf, leaves, list, sortedJson } from './sorted-json.util.js';
import { normalizeRule } from './normalize-rule.js';

/*
 * Content hash of a rule, for change detection in the reconcile loop: the stored hash of what was last
 * written is compared with the hash of what the source says now. It is taken over the canonical form, so
 * vendor noise (array order, MAC case, coordinate float noise, explicit vs implicit rest days) never
 * changes it, and over every field of that form, so any meaningful change does.
 */

/**
 * Bumped when the serialisation (or the canonical form) changes meaning, so a stored hash from an older
 * version reads as "changed" (one extra write) instead of silently matching something else.
 */
const HASH_FORMAT = 'canonical-rule/v1';

export function ruleContentHash(rule: CanonicalRule): string {
  const canonical = inCanonicalForm.has(rule) ? rule : normalizeRule(rule);
  // crypto.hash (Node ≥ 20.12, within engines): the one-shot form, without a Hash object per call.
  return hash('sha256', `${HASH_FORMAT}\n${canonicalRuleJson(canonical)}`, 'hex');
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
 * The hashed text is stableStringify(normalizeRule(rule)): JSON with keys sorted and undefined members left
 * out. normalizeRule builds every object of the canonical form itself, so their keys are known, and the text
 * is written through a sorted copy (sorted-json.util.ts): byte-for-byte stableStringify's text, so stored
 * hashes stay valid and HASH_FORMAT stays v1 (rule-hash.spec.ts checks it on arbitrary rules).
 */

/** stableStringify(normalized), for a rule that normalizeRule produced. */
export function canonicalRuleJson(rule: CanonicalRule): string {
  return sortedJson(sortedRule(rule), () => rule);
}

// Each copy below lists its keys in code-unit order, as stableStringify sorts them.

function sortedRule(rule: CanonicalRule): object {
  return {
    faceLiveness: leaf(rule.faceLiveness),
    faceRecognition: leaf(rule.faceRecognition),
    followsHolidayCalendar: leaf(rule.followsHolidayCalendar),
    free: rule.free === null ? null : sortedFree(rule.free),
    gpsLocations: list(rule.gpsLocations, sortedGps),
    idSpace: leaf(rule.idSpace),
    kind: leaf(rule.kind),
    members: sortedMembers(rule.members),
    name: leaf(rule.name),
    outOfRange: leaf(rule.outOfRange),
    overtimeEnabled: leaf(rule.overtimeEnabled),
    photoRequired: leaf(rule.photoRequired),
    remedy: sortedRemedy(rule.remedy),
    shifts: list(rule.shifts, sortedShift),
    specialOffdays: list(rule.specialOffdays, sortedSpecialOffday),
    specialWorkdays: list(rule.specialWorkdays, sortedSpecialWorkday),
    timeZone: leaf(rule.timeZone),
    // Only the keys "1"–"7" (normalizeWeek), which JSON.stringify writes in ascending order like the sort.
    week: sortedWeek(rule.week),
    wifiLocations: list(rule.wifiLocations, sortedWifi),
  };
}

function sortedMembers(value: Members): object {
  return {
    departmentIds: leaves(value.departmentIds),
    excludedUserIds: leaves(value.excludedUserIds),
    userIds: leaves(value.userIds),
  };
}

function sortedFree(value: NonNullable<CanonicalRule['free']>): object {
  return {
    dayStartSec: leaf(value.dayStartSec),
    requiredWorkSec: leaf(value.requiredWorkSec),
    workdays: leaves(value.workdays),
  };
}

function sortedGps(value: GpsLocation): object {
  return {
    address: leaf(value.address),
    latitude: leaf(value.latitude),
    longitude: leaf(value.longitude),
    name: leaf(value.name),
    radiusMeters: leaf(value.radiusMeters),
  };
}

function sortedWifi(value: WifiLocation): object {
  return { bssid: leaf(value.bssid), ssid: leaf(value.ssid) };
}

function sortedRemedy(value: Remedy): object {
  return {
    allowed: leaf(value.allowed),
    daysLimit: leaf(value.daysLimit),
    forEarly: leaf(value.forEarly),
    forLate: leaf(value.forLate),
    forMissing: leaf(value.forMissing),
    forOther: leaf(value.forOther),
    monthlyLimit: leaf(value.monthlyLimit),
  };
}

function sortedShift(value: Shift): object {
  const flexible = value.flexibleArrival;
  return {
    flexibleArrival:
      flexible === null ? null : { maxEarlySec: leaf(flexible.maxEarlySec), maxLateSec: leaf(flexible.maxLateSec) },
    key: leaf(value.key),
    lateOffLateOn: list(value.lateOffLateOn, (step) => ({
      offLateSec: leaf(step.offLateSec),
      onLateSec: leaf(step.onLateSec),
    })),
    name: leaf(value.name),
    sections: list(value.sections, sortedSection),
  };
}

function sortedSection(value: TimeSection): object {
  const window = value.punchWindow;
  const rest = value.rest;
  return {
    earlyLeaveGraceSec: leaf(value.earlyLeaveGraceSec),
    lateGraceSec: leaf(value.lateGraceSec),
    noPunchOff: leaf(value.noPunchOff),
    noPunchOn: leaf(value.noPunchOn),
    offSec: leaf(value.offSec),
    onSec: leaf(value.onSec),
    punchWindow:
      window === null
        ? null
        : {
            earliestOffSec: leaf(window.earliestOffSec),
            earliestOnSec: leaf(window.earliestOnSec),
            latestOffSec: leaf(window.latestOffSec),
            latestOnSec: leaf(window.latestOnSec),
          },
    rest: rest === null ? null : { beginSec: leaf(rest.beginSec), endSec: leaf(rest.endSec) },
    seriousLateSec: leaf(value.seriousLateSec),
  };
}

function sortedSpecialWorkday(value: SpecialWorkday): object {
  return {
    date: leaf(value.date),
    note: leaf(value.note),
    sections: list(value.sections, sortedSection),
    shiftKey: leaf(value.shiftKey),
  };
}

function sortedSpecialOffday(value: SpecialOffday): object {
  return { date: leaf(value.date), note: leaf(value.note) };
}

function sortedWeek(value: CanonicalRule['week']): object {
  const week: Record<string, unknown> = {};
  for (const day of [1, 2, 3, 4, 5, 6, 7] as const) {
    const shiftKey = value[day];
    if (shiftKey !== undefined) week[day] = leaf(shiftKey);
  }
  return week;
}
