import fc from 'fast-check';
import { anyRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import type { CanonicalRule } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import { stableStringify } from '../canonical/text.util.js';
import { canonicalToFeishu } from './canonical-to-feishu.mapper.js';
import { stableHash } from './feishu-mapping.util.js';

// A planned shift's key (and the hash in its generated name) is stableHash of its body's stable JSON. The keys
// must stay those of this reading, or every existing gateway shift would be planned again under a new name.

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
