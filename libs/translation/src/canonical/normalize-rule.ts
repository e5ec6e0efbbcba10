import { normalizeBssid } from './text.util.js';
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

/*
 * The canonical form of a rule: two rules that mean the same thing become deeply equal (and so hash equal,
 * see rule-hash.ts). Vendors hand back the same rule with arrays in another order, MACs in upper case,
 * coordinates with float noise, or a week spelled with or without explicit rest days; none of that is a
 * change, and the reconcile loop must not see one.
 *
 * Only meaning-free differences are erased. Anything a person could have changed (a time, a name, a note,
 * a flag) is kept exactly. The function is idempotent: normalizeRule(normalizeRule(r)) deep-equals
 * normalizeRule(r).
 */

/** WeCom stores coordinates as integers × 1e6 (loc_infos.lat/lng), so 6 decimals is the shared precision. */
const COORDINATE_SCALE = 1e6;
const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

export function normalizeRule(rule: CanonicalRule): CanonicalRule {
  return {
    kind: rule.kind,
    name: rule.name,
    timeZone: rule.timeZone,
    idSpace: rule.idSpace,
    members: normalizeMembers(rule.members),
    shifts: sortBy(rule.shifts.map(normalizeShift), (shift) => [shift.key]),
    week: normalizeWeek(rule),
    free:
      rule.free === null
        ? null
        : {
            workdays: uniqueSorted(rule.free.workdays),
            requiredWorkSec: rule.free.requiredWorkSec,
            dayStartSec: rule.free.dayStartSec,
          },
    gpsLocations: uniqueSortedBy(rule.gpsLocations.map(normalizeGps), (location) => [
      location.latitude,
      location.longitude,
      location.name,
      location.address,
      location.radiusMeters,
    ]),
    wifiLocations: uniqueSortedBy(rule.wifiLocations.map(normalizeWifi), (wifi) => [wifi.bssid, wifi.ssid]),
    specialWorkdays: sortBy(rule.specialWorkdays.map(normalizeSpecialWorkday), (day) => [
      day.date,
      day.shiftKey ?? '',
      day.note,
    ]),
    specialOffdays: sortBy(
      rule.specialOffdays.map((day): SpecialOffday => ({ date: day.date, note: day.note })),
      (day) => [day.date, day.note],
    ),
    followsHolidayCalendar: rule.followsHolidayCalendar,
    remedy: normalizeRemedy(rule.remedy),
    faceRecognition: rule.faceRecognition,
    faceLiveness: rule.faceLiveness,
    photoRequired: rule.photoRequired,
    outOfRange: rule.outOfRange,
    overtimeEnabled: rule.overtimeEnabled,
  };
}

/**
 * Lower-case, colon-separated: vendors and admins write the same router as "A4-B1-C2-00-1E-FF" or
 * "a4:b1:c2:00:1e:ff" (WeCom compares MACs case-insensitively, its "conflict wifi mac" check).
 */

/** Degrees rounded to WeCom's ×1e6 integer precision; `+ 0` turns a rounded −0 into 0. */
export function roundCoordinate(degrees: number): number {
  return Math.round(degrees * COORDINATE_SCALE) / COORDINATE_SCALE + 0;
}

/**
 * With make-up punches not allowed, the limits and the per-exception switches mean nothing, and the vendors
 * read them back differently (WeCom's buka_restriction 0 reads as "every type allowed", Feishu's unset
 * allow_remedy_type_* as "none"), so a disallowed remedy has one spelling: no limits, no types.
 */
const NO_REMEDY: Remedy = {
  allowed: false,
  monthlyLimit: null,
  daysLimit: null,
  forMissing: false,
  forLate: false,
  forEarly: false,
  forOther: false,
};

function normalizeRemedy(remedy: Remedy): Remedy {
  if (!remedy.allowed) return NO_REMEDY;
  return {
    allowed: true,
    monthlyLimit: remedy.monthlyLimit,
    daysLimit: remedy.daysLimit,
    forMissing: remedy.forMissing,
    forLate: remedy.forLate,
    forEarly: remedy.forEarly,
    forOther: remedy.forOther,
  };
}

function normalizeMembers(members: Members): Members {
  // Membership is a set: order and repeats carry no meaning.
  return {
    userIds: uniqueSorted(members.userIds),
    departmentIds: uniqueSorted(members.departmentIds),
    excludedUserIds: uniqueSorted(members.excludedUserIds),
  };
}

/**
 * Fixed rules: every ISO weekday present, a missing day written as null (rest), because "no shift that day"
 * is spelled both ways by the vendors (Feishu sends all 7 with "0", WeCom lists working days only). Other
 * kinds carry no week; whatever they hold is kept (minus undefined entries) so a mapper bug stays visible.
 */
function normalizeWeek(rule: CanonicalRule): CanonicalRule['week'] {
  const week: Partial<Record<IsoWeekday, string | null>> = {};
  for (const day of ISO_WEEKDAYS) {
    const shiftKey = rule.week[day];
    if (shiftKey !== undefined) week[day] = shiftKey;
    else if (rule.kind === 'fixed') week[day] = null;
  }
  return week;
}

function normalizeShift(shift: Shift): Shift {
  return {
    key: shift.key,
    name: shift.name,
    sections: normalizeSections(shift.sections),
    flexibleArrival:
      shift.flexibleArrival === null
        ? null
        : { maxEarlySec: shift.flexibleArrival.maxEarlySec, maxLateSec: shift.flexibleArrival.maxLateSec },
    lateOffLateOn: sortBy(
      shift.lateOffLateOn.map((step): LateOffLateOnStep => ({
        offLateSec: step.offLateSec,
        onLateSec: step.onLateSec,
      })),
      (step) => [step.offLateSec, step.onLateSec],
    ),
  };
}

/** Sections are in time order by contract; sorting by start makes that order canonical too. */
function normalizeSections(sections: readonly TimeSection[]): readonly TimeSection[] {
  return sortBy(sections.map(normalizeSection), (section) => [section.onSec, section.offSec]);
}

function normalizeSection(section: TimeSection): TimeSection {
  const window = section.punchWindow;
  return {
    onSec: section.onSec,
    offSec: section.offSec,
    punchWindow:
      window === null
        ? null
        : {
            earliestOnSec: window.earliestOnSec,
            latestOnSec: window.latestOnSec,
            earliestOffSec: window.earliestOffSec,
            latestOffSec: window.latestOffSec,
          },
    noPunchOn: section.noPunchOn,
    noPunchOff: section.noPunchOff,
    lateGraceSec: section.lateGraceSec,
    earlyLeaveGraceSec: section.earlyLeaveGraceSec,
    seriousLateSec: section.seriousLateSec,
    rest: section.rest === null ? null : { beginSec: section.rest.beginSec, endSec: section.rest.endSec },
  };
}

function normalizeGps(location: GpsLocation): GpsLocation {
  return {
    name: location.name,
    address: location.address,
    latitude: roundCoordinate(location.latitude),
    longitude: roundCoordinate(location.longitude),
    radiusMeters: location.radiusMeters,
  };
}

function normalizeWifi(wifi: WifiLocation): WifiLocation {
  return { ssid: wifi.ssid, bssid: normalizeBssid(wifi.bssid) ?? wifi.bssid.trim().toLowerCase().replaceAll('-', ':') };
}

function normalizeSpecialWorkday(day: SpecialWorkday): SpecialWorkday {
  return { date: day.date, shiftKey: day.shiftKey, sections: normalizeSections(day.sections), note: day.note };
}

// ---- ordering helpers: a total order on tuples of strings and numbers, independent of locale ----------

type SortKey = readonly (string | number)[];

function compareKeys(a: SortKey, b: SortKey): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const left = a[index] as string | number;
    const right = b[index] as string | number;
    if (left === right) continue;
    // Code-unit order, not localeCompare: the canonical form must not depend on the machine's locale.
    return left < right ? -1 : 1;
  }
  return a.length - b.length;
}

function sortBy<T>(items: readonly T[], key: (item: T) => SortKey): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}

/** Sorted, with entries whose sort key equals their predecessor's removed (the key must cover every field). */
function uniqueSortedBy<T>(items: readonly T[], key: (item: T) => SortKey): T[] {
  const sorted = items.map((item) => ({ item, key: key(item) })).sort((a, b) => compareKeys(a.key, b.key));
  const unique: T[] = [];
  let previous: SortKey | undefined;
  for (const entry of sorted) {
    if (previous === undefined || compareKeys(previous, entry.key) !== 0) unique.push(entry.item);
    previous = entry.key;
  }
  return unique;
}

function uniqueSorted<T extends string | number>(items: readonly T[]): T[] {
  return uniqueSortedBy(items, (item) => [item]);
}
