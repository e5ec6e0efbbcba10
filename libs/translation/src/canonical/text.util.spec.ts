import fc from 'fast-check';
import { characterCount, isBlankText, normalizeBssid, sortStrings, truncateCharacters } from './text.util.js';

// The helpers were rewritten without regular expressions and intermediate arrays; each must answer exactly as
// the straightforward reading it replaced (written out here as the reference).

function referenceBssid(value: string): string | null {
  const text = value.trim().toLowerCase();
  const octets = /^[0-9a-f]{12}$/.test(text) ? (text.match(/../g) ?? []) : text.split(/[:-]/);
  if (octets.length !== 6 || !octets.every((octet) => /^[0-9a-f]{1,2}$/.test(octet))) return null;
  return octets.map((octet) => octet.padStart(2, '0')).join(':');
}

const macLike = fc
  .array(fc.oneof(fc.stringMatching(/^[0-9a-fA-FgG]{0,3}$/), fc.constantFrom(':', '-', ' ', '::', '\u00a0')), {
    maxLength: 14,
  })
  .map((parts) => parts.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 24 });

describe('normalizeBssid', () => {
  it('reads every string as the regular-expression version does', () => {
    fc.assert(
      fc.property(fc.oneof(macLike, anyText), (text) => {
        expect(normalizeBssid(text)).toBe(referenceBssid(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of ['A4-B1-C2-00-1E-FF', 'a4b1c2001eff', '8:0:20:a:8c:6d', ' 8-0-20-a-8c-6d ', '8:0:20:a:8c', '']) {
      expect(normalizeBssid(text)).toBe(referenceBssid(text));
    }
  });
});

describe('characterCount / truncateCharacters', () => {
  it('count and cut code points as spreading the string does', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: -2, max: 30 }), (text, max) => {
        expect(characterCount(text)).toBe([...text].length);
        expect(truncateCharacters(text, max)).toBe([...text].slice(0, Math.max(0, max)).join(''));
      }),
      { numRuns: 10000 },
    );
  });
});

describe('isBlankText', () => {
  it('is text.trim() === ""', () => {
    const blanks = fc.array(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', 'a', '!', '~', '\u007f'), {
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          blanks.map((parts) => parts.join('')),
          anyText,
        ),
        (text) => {
          expect(isBlankText(text)).toBe(text.trim() === '');
        },
      ),
      { numRuns: 10000 },
    );
  });
});

describe('sortStrings', () => {
  it('orders as the default sort does, sorted input included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, fc.constantFrom('a', 'b', 'B'))), fc.boolean(), (values, presort) => {
        const input = presort ? [...values].sort() : values;
        expect(sortStrings([...input])).toEqual([...input].sort());
      }),
      { numRuns: 5000 },
    );
  });
});
