import fc from 'fast-check';
import { renderRule } from '../../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { wecomCheckinGroupReadSchema } from '@app/wecom/model';
import { representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { damagedArbitrary, wecomReadOf } from '../../test/vendor-inputs.js';
import { sparseReadArbitrary } from '../../test/wecom-sparse-read.js';
import { WECOM_CHECKIN_GROUP_READ_SHAPE, isWecomCheckinGroupReadInput } from './wecom-read.guard.js';

// The guard stands in for wecomCheckinGroupReadSchema on the mapper's fast path: it must never accept what
// the schema refuses, and it should accept what WeCom actually sends (and what the client's parse hands on).

const wecomReadArbitrary = representableRuleArbitrary()
  .map((rule) => wecomReadOf(rule, renderRule))
  .filter((read) => read !== null);

describe('WeCom read guard', () => {
  it('knows the same top-level keys as the read schema', () => {
    expect(Object.keys(WECOM_CHECKIN_GROUP_READ_SHAPE).sort()).toEqual(
      Object.keys(wecomCheckinGroupReadSchema.shape).sort(),
    );
  });

  it('accepts what WeCom answers for any rule it can hold, before and after the client parses it', () => {
    fc.assert(
      fc.property(wecomReadArbitrary, (read) => {
        expect(isWecomCheckinGroupReadInput(read)).toBe(true);
        expect(isWecomCheckinGroupReadInput(wecomCheckinGroupReadSchema.parse(read))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Sparse reads (issue #16): every field the schema lets be absent left out at random, unknown keys added.
  const sparseArbitrary = wecomReadArbitrary.chain((read) => sparseReadArbitrary(read, wecomCheckinGroupReadSchema));

  it('accepts every doc-legal sparse read, as the schema does, and the schema keeps the unknown keys', () => {
    fc.assert(
      fc.property(sparseArbitrary, (read) => {
        expect(isWecomCheckinGroupReadInput(read)).toBe(true);
        const parsed = wecomCheckinGroupReadSchema.parse(read);
        for (const key of Object.keys(read as object)) expect(parsed).toHaveProperty([key]);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('on damaged sparse reads, says exactly what the schema says', () => {
    fc.assert(
      fc.property(
        sparseArbitrary.chain((read) => damagedArbitrary(read)),
        (rule) => {
          expect(isWecomCheckinGroupReadInput(rule)).toBe(wecomCheckinGroupReadSchema.safeParse(rule).success);
        },
      ),
      { seed: 1, numRuns: 2000 },
    );
  });

  it('accepts a damaged rule only when the schema does', () => {
    fc.assert(
      fc.property(
        wecomReadArbitrary.chain((read) => damagedArbitrary(read)),
        (rule) => {
          if (isWecomCheckinGroupReadInput(rule))
            expect(wecomCheckinGroupReadSchema.safeParse(rule).success).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts both spellings of the departments, numbers among them, as the schema does', () => {
    const base = { grouptype: 1, groupid: 1, groupname: 'x' };
    for (const range of [{ party_id: ['1', 2] }, { partyid: [3] }, { userid: ['u'], tagid: [1] }]) {
      expect(isWecomCheckinGroupReadInput({ ...base, range })).toBe(true);
      expect(wecomCheckinGroupReadSchema.safeParse({ ...base, range }).success).toBe(true);
    }
    expect(isWecomCheckinGroupReadInput({ ...base, range: { party_id: [1.5] } })).toBe(false);
  });

  it('accepts any other value only when the schema does', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, maxDepth: 3 }), (value) => {
        if (isWecomCheckinGroupReadInput(value)) {
          expect(wecomCheckinGroupReadSchema.safeParse(value).success).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
