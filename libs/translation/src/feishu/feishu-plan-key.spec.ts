import fc from 'fast-check';
import { anyRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import type { CanonicalRule } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import { stableStringify } from '../canonical/text.util.js';
import { canonicalToFeishu, fingerprintValue, shiftFingerprint } from './canonical-to-feishu.mapper.js';
import { stableHash } from './feishu-mapping.util.js';

// A planned shift's key (and the hash in its generated name) is stableHash of its body's stable JSON. The
// mapper feeds that JSON to the hash without building it; the keys must stay those of the reference reading,
// or every existing gateway shift would be planned again under a new name.

const options = { resolver: sameIdResolver((id) => id), groupLeaderIds: ['leader1'], existingShifts: [] };

function referenceKey(shift: Record<string, unknown>): string {
  const { shift_name: _name, ...body } = shift;
  return `shift-${stableHash(stableStringify(body))}`;
}

const oddValueArbitrary = fc.constantFrom<unknown>(
  'yes',
  1,
  null,
  undefined,
  { nested: true },
  () => true,
  Number.NaN,
  new Date(0),
);

describe('plan keys of Feishu shifts', () => {
  it('are the stable hash of the body’s stable JSON, odd values included', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), oddValueArbitrary, fc.boolean(), (rule, odd, spoil) => {
        const source: CanonicalRule =
          spoil && rule.shifts[0]?.sections[0]
            ? {
                ...rule,
                shifts: [
                  {
                    ...rule.shifts[0],
                    sections: [
                      { ...rule.shifts[0].sections[0], noPunchOff: odd as boolean },
                      ...rule.shifts[0].sections.slice(1),
                    ],
                  },
                  ...rule.shifts.slice(1),
                ],
              }
            : rule;
        const plan = canonicalToFeishu(source, options);
        if (!plan.ok) return;
        for (const entry of plan.value.shifts) {
          if (entry.action === 'create') expect(entry.shiftKey).toBe(referenceKey(entry.shift));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('shift fingerprints', () => {
  type Body = Parameters<typeof shiftFingerprint>[0];
  // Clock times are strings in every body fingerprinted: the mapper's own, and existing shifts that passed
  // feishuShiftSchema. Odd strings are fair game.
  const clockArbitrary = fc.constantFrom('09:00', '9:00', '24:00', '47:59', '25:99', 'x', '');

  /** The planned bodies of a rule's shifts, one of them with an odd value somewhere the fingerprint reads. */
  function bodiesOf(rule: CanonicalRule, odd: unknown, clock: string, where: number): Body[] {
    const plan = canonicalToFeishu(rule, options);
    if (!plan.ok) return [];
    return plan.value.shifts.flatMap((entry, index) => {
      if (entry.action !== 'create') return [];
      const body = structuredClone(entry.shift) as unknown as Record<string, unknown>;
      if (index === 0) {
        const segment = (body['punch_time_rule'] as Record<string, unknown>[] | undefined)?.[0];
        const places: (() => void)[] = [
          () => (body['is_flexible'] = true),
          () => (body['flexible_rule'] = [{ flexible_early_minutes: odd, flexible_late_minutes: 5 }]),
          () => (body['late_off_late_on_rule'] = [{ late_off_minutes: odd, late_on_minutes: 1 }]),
          () => (body['rest_time_rule'] = [{ rest_begin_time: '12:00', rest_end_time: clock }]),
          () => segment && (segment['late_minutes_as_late'] = odd),
          () => segment && (segment['on_time'] = clock),
          () => (body['late_minutes_as_serious_late'] = odd),
        ];
        places[where % places.length]?.();
      }
      return [body as unknown as Body];
    });
  }

  it('are the stable JSON of the reference fingerprint value, odd values included', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), oddValueArbitrary, clockArbitrary, fc.nat(), (rule, odd, clock, where) => {
        for (const body of bodiesOf(rule, odd, clock, where)) {
          expect(shiftFingerprint(body)).toBe(stableStringify(fingerprintValue(body)));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
