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
    shifts: sortBy(rule.shifts.map(normalizeShift), shiftKey),
    week: normalizeWeek(rule),
    free: normalizeFree(rule.free),
    gpsLocations: normalizeGpsLocations(rule.gpsLocations),
    wifiLocations: normalizeWifiLocations(rule.wifiLocations),
    specialWorkdays: normalizeSpecialWorkdays(rule.specialWorkdays),
    specialOffdays: normalizeSpecialOffdays(rule.specialOffdays),
    followsHolidayCalendar: rule.followsHolidayCalendar,
    remedy: normalizeRemedy(rule.remedy),
    faceRecognition: rule.faceRecognition,
    faceLiveness: rule.faceLiveness,
    photoRequired: rule.photoRequired,
    outOfRange: rule.outOfRange,
    overtime: { workday: rule.overtime.workday, restDay: rule.overtime.restDay, holiday: rule.overtime.holiday },
    punchReminder:
      rule.punchReminder === null
        ? null
        : { beforeOnSec: rule.punchReminder.beforeOnSec, afterOffSec: rule.punchReminder.afterOffSec },
    restDayPunch: rule.restDayPunch,
  };
}

// The sort keys, shared by both normalisations.
const shiftKey = (shift: Shift): SortKey => [shift.key];
const sectionKey = (section: TimeSection): SortKey => [section.onSec, section.offSec];
const stepKey = (step: LateOffLateOnStep): SortKey => [step.offLateSec, step.onLateSec];

function normalizeFree(free: CanonicalRule['free']): CanonicalRule['free'] {
  return free === null
    ? null
    : { workdays: uniqueSorted(free.workdays), requiredWorkSec: free.requiredWorkSec, dayStartSec: free.dayStartSec };
}

function normalizeGpsLocations(locations: readonly GpsLocation[]): GpsLocation[] {
  return uniqueSortedBy(locations.map(normalizeGps), (location) => [
    location.latitude,
    location.longitude,
    location.name,
    location.address,
    location.radiusMeters,
  ]);
}

function normalizeWifiLocations(locations: readonly WifiLocation[]): WifiLocation[] {
  return uniqueSortedBy(locations.map(normalizeWifi), (wifi) => [wifi.bssid, wifi.ssid]);
}

function normalizeSpecialWorkdays(days: readonly SpecialWorkday[]): SpecialWorkday[] {
  // The sections end the key: two entries of one date that differ only there (no vendor holds such a rule, but
  // a canonical rule may) must sort the same way from any order, or the content hash would depend on it.
  return sortBy(days.map(normalizeSpecialWorkday), (day) => [
    day.date,
    day.shiftKey ?? '',
    day.note,
    JSON.stringify(day.sections),
  ]);
}

function normalizeSpecialOffdays(days: readonly SpecialOffday[]): SpecialOffday[] {
  return sortBy(
    days.map((day): SpecialOffday => ({ date: day.date, note: day.note })),
    (day) => [day.date, day.note],
  );
}

/**
 * normalizeRule for a rule the caller has just built and hands over: the same canonical form (values and key
 * order), but the members lists, shifts, their sections and break / window objects that are already canonical
 * are kept instead of copied. For wecomToCanonical, whose own rule is already in canonical shape except for
 * ordering, that copy was a tenth of the WeCom → Feishu benchmark.
 *
 * The caller guarantees that those parts carry exactly the fields of the canonical form in its key order (as
 * normalizeRule writes them; a kept object is returned as it is), that none appears twice in the rule (the
 * output would share it where normalizeRule gives copies) and that nothing else holds them. Special days, locations, the
 * week and the remedy are normalised exactly as normalizeRule does (WeCom's date ranges share one list of
 * sections between the days they cover, so those are always copied).
 */
export function normalizeFreshRule(rule: CanonicalRule): CanonicalRule {
  return {
    kind: rule.kind,
    name: rule.name,
    timeZone: rule.timeZone,
    idSpace: rule.idSpace,
    members: {
      userIds: keepUniqueSorted(rule.members.userIds),
      departmentIds: keepUniqueSorted(rule.members.departmentIds),
      excludedUserIds: keepUniqueSorted(rule.members.excludedUserIds),
    },
    shifts: keepSortedBy(rule.shifts.map(keepShift), shiftKey),
    week: normalizeWeek(rule),
    free: normalizeFree(rule.free),
    gpsLocations: normalizeGpsLocations(rule.gpsLocations),
    wifiLocations: normalizeWifiLocations(rule.wifiLocations),
    specialWorkdays: normalizeSpecialWorkdays(rule.specialWorkdays),
    specialOffdays: normalizeSpecialOffdays(rule.specialOffdays),
    followsHolidayCalendar: rule.followsHolidayCalendar,
    remedy: normalizeRemedy(rule.remedy),
    faceRecognition: rule.faceRecognition,
    faceLiveness: rule.faceLiveness,
    photoRequired: rule.photoRequired,
    outOfRange: rule.outOfRange,
    overtime: { workday: rule.overtime.workday, restDay: rule.overtime.restDay, holiday: rule.overtime.holiday },
    punchReminder:
      rule.punchReminder === null
        ? null
        : { beforeOnSec: rule.punchReminder.beforeOnSec, afterOffSec: rule.punchReminder.afterOffSec },
    restDayPunch: rule.restDayPunch,
  };
}

/** normalizeShift, keeping the shift and its parts when they are already canonical. */
function keepShift(shift: Shift): Shift {
  const sections = keepSortedBy(shift.sections, sectionKey);
  const lateOffLateOn = keepSortedBy(shift.lateOffLateOn, stepKey);
  // Sections, windows, breaks, flexible hours and steps keep their objects: normalizeSection and friends copy
  // their fields unchanged, in the order these objects already have (the caller built them so).
  if (sections === shift.sections && lateOffLateOn === shift.lateOffLateOn) return shift;
  return { key: shift.key, name: shift.name, sections, flexibleArrival: shift.flexibleArrival, lateOffLateOn };
}

/** sortBy, returning the list itself when it is already in order. */
function keepSortedBy<T>(items: readonly T[], key: (item: T) => SortKey): readonly T[] {
  if (items.length < 2 || isInOrder(items.map(key), false)) return items;
  return sortBy(items, key);
}

/** uniqueSorted, returning the list itself when it already is. */
function keepUniqueSorted<T extends string | number>(items: readonly T[]): readonly T[] {
  return isStrictlyAscending(items) ? items : uniqueSorted(items);
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
  forNormal: false,
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
    forNormal: remedy.forNormal,
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
      stepKey,
    ),
  };
}

/** Sections are in time order by contract; sorting by start makes that order canonical too. */
function normalizeSections(sections: readonly TimeSection[]): readonly TimeSection[] {
  return sortBy(sections.map(normalizeSection), sectionKey);
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
  // Nothing to order in zero or one item (the key functions here only read fields, so skipping them is safe).
  if (items.length < 2) return items.slice();
  const keys = items.map(key);
  // Vendors and mappers mostly hand lists over in order already: then sorting would change nothing.
  if (isInOrder(keys, false)) return items.slice();
  return items
    .map((item, index) => ({ item, key: keys[index] as SortKey }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}

/** Sorted, with entries whose sort key equals their predecessor's removed (the key must cover every field). */
function uniqueSortedBy<T>(items: readonly T[], key: (item: T) => SortKey): T[] {
  if (items.length < 2) return items.slice();
  const keys = items.map(key);
  if (isInOrder(keys, true)) return items.slice();
  const sorted = items
    .map((item, index) => ({ item, key: keys[index] as SortKey }))
    .sort((a, b) => compareKeys(a.key, b.key));
  const unique: T[] = [];
  let previous: SortKey | undefined;
  for (const entry of sorted) {
    if (previous === undefined || compareKeys(previous, entry.key) !== 0) unique.push(entry.item);
    previous = entry.key;
  }
  return unique;
}

/**
 * Whether the sort above would leave these keys where they are (and, `strictly`, the de-duplication would keep
 * them all): each key follows the one before under compareKeys. That only says so when compareKeys is a
 * consistent order on them, so every key must be present, of one length, and hold at each position either
 * strings only or numbers only with no NaN; anything else takes the full path.
 */
function isInOrder(keys: readonly (SortKey | undefined)[], strictly: boolean): boolean {
  const first = keys[0];
  if (first === undefined) return false;
  for (let index = 0; index < keys.length; index += 1) {
    const current = keys[index];
    if (current === undefined || current.length !== first.length) return false;
    for (let position = 0; position < current.length; position += 1) {
      const part = current[position];
      const type = typeof first[position];
      if (typeof part !== type || (type !== 'string' && (type !== 'number' || part !== part))) return false;
    }
    if (index > 0) {
      const order = compareKeys(keys[index - 1] as SortKey, current);
      if (order > 0 || (strictly && order === 0)) return false;
    }
  }
  return true;
}

function uniqueSorted<T extends string | number>(items: readonly T[]): T[] {
  // Member lists and workdays usually arrive already canonical; one pass confirms it without the sort.
  if (isStrictlyAscending(items)) return items.slice();
  return uniqueSortedBy(items, (item) => [item]);
}

/**
 * Every entry of one type (all strings, or all numbers and none NaN) and each above the one before: then the
 * sort and de-duplication above would return the list unchanged. Mixed types or NaN make compareKeys an
 * inconsistent order, so they always take the full path.
 */
function isStrictlyAscending(items: readonly unknown[]): boolean {
  if (items.length === 0) return true;
  const type = typeof items[0];
  if (type !== 'string' && type !== 'number') return false;
  let previous: unknown;
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (typeof item !== type || item !== item) return false;
    if (index > 0 && !((previous as string | number) < (item as string | number))) return false;
    previous = item;
  }
  return true;
}
