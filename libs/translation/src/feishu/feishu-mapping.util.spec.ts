import fc from 'fast-check';
import { parseFeishuClockTime } from '@app/feishu/model';
import {
  compareText,
  dayIntToIsoDate,
  feishuClockMinutes,
  isWholeMinutes,
  listForMessage,
  sortedUnique,
  stableHash,
} from './feishu-mapping.util.js';

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

describe('sortedUnique, compareText', () => {
  it('sorts a list given out of order', () => {
    expect(sortedUnique(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('orders by code unit, equal texts as equal', () => {
    expect([compareText('a', 'b'), compareText('b', 'a'), compareText('a', 'a')]).toEqual([-1, 1, 0]);
  });
});

describe('stableHash', () => {
  // Shift names and plan keys derived from it are stored on the vendors' side: the same text must give the
  // same hash across versions, padded to 11 base-36 digits.
  it('keeps its values', () => {
    expect(stableHash('')).toBe('0wvjl67o803');
    expect(stableHash('abc')).toBe('1dtlchkfkb1');
  });
});

describe('listForMessage, isWholeMinutes, dayIntToIsoDate', () => {
  it('lists at most max values, then how many more', () => {
    expect(listForMessage(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
    expect(listForMessage(['a', 'b'], 2)).toBe('a, b');
    expect(listForMessage(['a'], 2)).toBe('a');
  });

  it('tells whole minutes in seconds', () => {
    expect([isWholeMinutes(120), isWholeMinutes(90), isWholeMinutes(60.5)]).toEqual([true, false, false]);
  });

  it('names the value that is not a day', () => {
    expect(() => dayIntToIsoDate(20_250_230)).toThrow('not a date as yyyyMMdd: 20250230');
  });
});

describe('feishuClockMinutes', () => {
  it.each([
    ['9:30', 570],
    ['47:59', 2879],
    ['48:00', null],
    ['123:45', null],
    ['9:/0', null],
    ['9:60', null],
    ['9:0/', null],
    ['9:0a', null],
    ['/:00', null],
    [';:00', null],
    ['1/:00', null],
    ['1;:00', null],
  ])('reads %s as %s', (text, minutes) => {
    expect(feishuClockMinutes(text)).toBe(minutes);
    expect(parseFeishuClockTime(text)).toBe(minutes);
  });

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
