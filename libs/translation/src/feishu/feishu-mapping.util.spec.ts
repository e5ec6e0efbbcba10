import fc from 'fast-check';
import { parseFeishuClockTime } from '@app/feishu/model';
import { compareText, feishuClockMinutes, sortedUnique } from './feishu-mapping.util.js';

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
