import type { CanonicalRule, IsoWeekday } from '../src/canonical/canonical-rule.js';
import { roundCoordinate } from '../src/canonical/normalize-rule.js';

/**
 * The same rule as a vendor might hand it back: every order-free array shuffled, MACs in upper case with
 * '-' separators, object keys in another order, rest days spelled "undefined", coordinates with float
 * noise below WeCom's ×1e6 precision. Deterministic for a seed, so fast-check can replay a failure.
 */
export function scrambleRule(rule: CanonicalRule, seed: number): CanonicalRule {
  const random = mulberry32(seed);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  };
  const noisy = (degrees: number): number =>
    // Noise only where the value is already at 6 decimals: elsewhere it could cross a rounding boundary.
    roundCoordinate(degrees) === degrees ? degrees + (random() - 0.5) * 4e-7 : degrees;
  // An explicit `undefined` for a day the rule leaves out: a vendor's "no entry" spelled another way.
  const week: Partial<Record<IsoWeekday, string | null | undefined>> = {};
  for (const day of shuffle([1, 2, 3, 4, 5, 6, 7] as const)) {
    week[day] = day in rule.week ? rule.week[day] : undefined;
  }
  const scrambled: CanonicalRule = {
    ...rule,
    members: {
      excludedUserIds: shuffle(rule.members.excludedUserIds),
      departmentIds: shuffle(rule.members.departmentIds),
      userIds: shuffle(rule.members.userIds),
    },
    shifts: shuffle(rule.shifts.map((shift) => ({ ...shift, lateOffLateOn: shuffle(shift.lateOffLateOn) }))),
    week,
    free: rule.free === null ? null : { ...rule.free, workdays: shuffle(rule.free.workdays) },
    gpsLocations: shuffle(
      rule.gpsLocations.map((gps) => ({ ...gps, latitude: noisy(gps.latitude), longitude: noisy(gps.longitude) })),
    ),
    wifiLocations: shuffle(
      rule.wifiLocations.map((wifi) => ({
        ssid: wifi.ssid,
        bssid: random() < 0.5 ? wifi.bssid.toUpperCase() : wifi.bssid.toUpperCase().replaceAll(':', '-'),
      })),
    ),
    specialWorkdays: shuffle(rule.specialWorkdays),
    specialOffdays: shuffle(rule.specialOffdays),
  };
  return reverseKeys(scrambled) as CanonicalRule;
}

/** The same value with every object's keys inserted in reverse order (JSON key order is not meaning). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, entry]) => [key, reverseKeys(entry)]));
}

/** A tiny seeded PRNG (public-domain mulberry32): the shuffle must replay exactly for a given seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
