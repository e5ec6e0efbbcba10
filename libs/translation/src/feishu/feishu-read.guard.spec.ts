import fc from 'fast-check';
import {
  feishuGroupSchema,
  feishuPunchTimeRuleSchema,
  feishuShiftSchema,
  parseFeishuClockTime,
} from '@app/feishu/model';
import { representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { damagedArbitrary, feishuReadOf } from '../../test/vendor-inputs.js';
import { feishuClockMinutes } from './feishu-mapping.util.js';
import {
  FEISHU_GROUP_READ_SHAPE,
  FEISHU_PUNCH_TIME_RULE_READ_SHAPE,
  FEISHU_SHIFT_READ_SHAPE,
  isFeishuGroupRead,
  isFeishuShiftRead,
} from './feishu-read.guard.js';

// The guards stand in for the zod read schemas on the mapper's fast path: they must never accept what the
// schemas refuse (the mapper would then read a value the schema would have reported), and they should accept
// what Feishu actually sends (or the fast path is never taken).

const feishuReadArbitrary = representableRuleArbitrary()
  .map(feishuReadOf)
  .filter((read) => read !== null);

describe('Feishu read guards', () => {
  it('know the same top-level keys as the read schemas', () => {
    const keys = (shape: object) => Object.keys(shape).sort();
    expect(keys(FEISHU_GROUP_READ_SHAPE)).toEqual(keys(feishuGroupSchema.shape));
    expect(keys(FEISHU_SHIFT_READ_SHAPE)).toEqual(keys(feishuShiftSchema.shape));
    expect(keys(FEISHU_PUNCH_TIME_RULE_READ_SHAPE)).toEqual(keys(feishuPunchTimeRuleSchema.shape));
  });

  it('accept what Feishu answers for any rule it can hold', () => {
    fc.assert(
      fc.property(feishuReadArbitrary, (read) => {
        expect(isFeishuGroupRead(read.group)).toBe(true);
        for (const shift of read.shifts) expect(isFeishuShiftRead(shift)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accept a damaged group or shift only when the schema does', () => {
    const damaged = feishuReadArbitrary.chain((read) =>
      fc.tuple(damagedArbitrary(read.group), damagedArbitrary(read.shifts[0] ?? {})),
    );
    fc.assert(
      fc.property(damaged, ([group, shift]) => {
        if (isFeishuGroupRead(group)) expect(feishuGroupSchema.safeParse(group).success).toBe(true);
        if (isFeishuShiftRead(shift)) expect(feishuShiftSchema.safeParse(shift).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accept any other value only when the schema does', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, maxDepth: 3 }), (value) => {
        if (isFeishuGroupRead(value)) expect(feishuGroupSchema.safeParse(value).success).toBe(true);
        if (isFeishuShiftRead(value)) expect(feishuShiftSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('leave class instances and arrays of another kind to the schema', () => {
    class Group {
      constructor(readonly group_name: string) {}
    }
    expect(isFeishuGroupRead(new Group('x'))).toBe(false);
    expect(isFeishuGroupRead([])).toBe(false);
  });
});

describe('feishuClockMinutes', () => {
  it('reads exactly what parseFeishuClockTime reads', () => {
    const clockLike = fc
      .tuple(fc.stringMatching(/^[0-9 １]{0,3}$/), fc.constantFrom(':', '：', ''), fc.stringMatching(/^[0-9a]{0,3}$/))
      .map(([hours, colon, minutes]) => `${hours}${colon}${minutes}`);
    fc.assert(
      fc.property(fc.oneof(clockLike, fc.string({ maxLength: 6 })), (text) => {
        expect(feishuClockMinutes(text)).toBe(parseFeishuClockTime(text));
      }),
      { numRuns: 5000 },
    );
    for (let minutes = 0; minutes < 50 * 60; minutes += 1) {
      for (const text of [`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`, `0${minutes}`]) {
        expect(feishuClockMinutes(text)).toBe(parseFeishuClockTime(text));
      }
    }
  });
});
