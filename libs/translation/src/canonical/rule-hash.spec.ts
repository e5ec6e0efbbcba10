import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { renderRule } from '../../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { anyRuleArbitrary, representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { scrambleRule } from '../../test/rule-scramble.js';
import { wecomReadOf } from '../../test/vendor-inputs.js';
import { wecomToCanonical } from '../wecom/wecom-to-canonical.mapper.js';
import type { CanonicalRule } from './canonical-rule.js';
import { normalizeFreshRule, normalizeRule } from './normalize-rule.js';
import { canonicalRuleJson, ruleContentHash } from './rule-hash.js';
import { stableStringify } from './text.util.js';

// The content hash is stored and compared across runs, so its fast path must give exactly the hash the
// reference definition gives: sha256 of "canonical-rule/v1\n" + stableStringify(normalizeRule(rule)).

function referenceHash(rule: CanonicalRule): string {
  return createHash('sha256')
    .update(`canonical-rule/v1\n${stableStringify(normalizeRule(rule))}`)
    .digest('hex');
}

type Mutable = Record<string, unknown>;

/** Puts something JSON.stringify and stableStringify write differently (or a hole) somewhere in a rule. */
const oddValueArbitrary = fc.constantFrom<unknown>(
  () => 1,
  Symbol('s'),
  new Date(0),
  { toJSON: () => 'x' },
  Number.NaN,
  -0,
  Number.POSITIVE_INFINITY,
  undefined,
  null,
  ['a', 'b'],
  { nested: true },
);

/** Leaves that get an odd value, then lists that get holes (index past the leaves). */
const ODD_PLACES: readonly (readonly (string | number)[])[] = [
  ['name'],
  ['shifts', 0, 'sections', 0, 'seriousLateSec'],
  ['members', 'userIds', 0],
  ['remedy', 'monthlyLimit'],
  ['specialOffdays', 0, 'note'],
  ['week', 1],
  ['shifts', 0, 'name'],
];
const HOLE_PLACES: readonly (readonly string[])[] = [['members', 'departmentIds'], ['specialOffdays']];

function withOddValue(rule: CanonicalRule, where: number, value: unknown): CanonicalRule {
  const copy = structuredClone(rule) as unknown as Mutable;
  const place = ODD_PLACES[where];
  if (place !== undefined) {
    let parent = copy as Record<string | number, unknown>;
    for (const key of place.slice(0, -1)) {
      const next = parent[key];
      if (next === null || typeof next !== 'object') return copy as unknown as CanonicalRule;
      parent = next as Record<string | number, unknown>;
    }
    const last = place[place.length - 1] as string | number;
    if (!Array.isArray(parent) || (typeof last === 'number' && last < parent.length)) parent[last] = value;
  } else {
    let list: unknown = copy;
    for (const key of HOLE_PLACES[where - ODD_PLACES.length] ?? []) list = (list as Mutable | undefined)?.[key];
    if (Array.isArray(list) && list.length > 0) list.length += 2;
  }
  return copy as unknown as CanonicalRule;
}

describe('ruleContentHash', () => {
  it('is the reference hash for any rule, scrambled or not', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), fc.integer(), (rule, seed) => {
        expect(ruleContentHash(rule)).toBe(referenceHash(rule));
        const scrambled = scrambleRule(rule, seed);
        expect(ruleContentHash(scrambled)).toBe(referenceHash(scrambled));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the reference hash for the rules wecomToCanonical returns (hashed without normalising again)', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule) => {
        const read = wecomReadOf(rule, renderRule);
        if (read === null) return;
        const canonical = wecomToCanonical(read);
        if (!canonical.ok) return;
        expect(ruleContentHash(canonical.value)).toBe(referenceHash(canonical.value));
        // A copy is not known to be canonical: it is normalised, and hashes the same.
        expect(ruleContentHash({ ...canonical.value })).toBe(ruleContentHash(canonical.value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalRuleJson', () => {
  it('writes what stableStringify writes, odd values and holes included', () => {
    fc.assert(
      fc.property(
        anyRuleArbitrary(),
        fc.integer({ min: 0, max: ODD_PLACES.length + HOLE_PLACES.length - 1 }),
        oddValueArbitrary,
        (rule, where, value) => {
          let normalized: CanonicalRule;
          try {
            normalized = normalizeRule(withOddValue(rule, where, value));
          } catch {
            return; // normalizeRule itself refuses it; nothing to hash.
          }
          expect(canonicalRuleJson(normalized)).toBe(stableStringify(normalized));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('normalizeFreshRule', () => {
  /** A rule shaped like normalizeRule's output (its key order) but with every list out of order. */
  function reordered(rule: CanonicalRule): CanonicalRule {
    const normal = normalizeRule(rule);
    return {
      ...normal,
      members: {
        userIds: [...normal.members.userIds].reverse(),
        departmentIds: [...normal.members.departmentIds].reverse(),
        excludedUserIds: [...normal.members.excludedUserIds, ...normal.members.excludedUserIds],
      },
      shifts: [...normal.shifts].reverse().map((shift) => ({
        ...shift,
        sections: [...shift.sections].reverse(),
        lateOffLateOn: [...shift.lateOffLateOn].reverse(),
      })),
      gpsLocations: [...normal.gpsLocations].reverse(),
      wifiLocations: [...normal.wifiLocations, ...normal.wifiLocations],
      specialWorkdays: [...normal.specialWorkdays].reverse(),
      specialOffdays: [...normal.specialOffdays].reverse(),
    };
  }

  it('gives normalizeRule’s canonical form, key order included, for a rule built in canonical shape', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const source = reordered(rule);
        const expected = normalizeRule(source);
        const fresh = normalizeFreshRule(structuredClone(source));
        expect(fresh).toStrictEqual(expected);
        expect(JSON.stringify(fresh)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 2000 },
    );
  });
});
