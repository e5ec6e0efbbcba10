import fc from 'fast-check';
import { compareText, sortedUnique } from './feishu-mapping.util.js';

describe('sortedUnique', () => {
  it('is the de-duplicated, code-unit sorted list, sorted input included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 })), fc.boolean(), (values, presort) => {
        const input = presort ? [...new Set(values)].sort(compareText) : values;
        expect(sortedUnique(input)).toEqual([...new Set(input)].sort(compareText));
      }),
      { numRuns: 5000 },
    );
  });
});
