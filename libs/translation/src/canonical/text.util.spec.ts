import fc from 'fast-check';
import {
  characterCount,
  isBlankText,
  normalizeBssid,
  sortStrings,
  stableStringify,
  truncateCharacters,
} from './text.util.js';

// The helpers were rewritten without regular expressions and intermediate arrays; each must answer exactly as
// the straightforward reading it replaced (written out here as the reference). The examples beside each property
// are edges the property finds only with its thousands of cases: under mutation testing it runs 20 (QUALITY.md).

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

  it('refuses an empty octet, an octet of three digits and a letter past f, and takes 9 as a digit', () => {
    expect(normalizeBssid('a4::c2:00:1e:ff')).toBeNull();
    expect(normalizeBssid('a4b:c2:00:1e:ff:01')).toBeNull();
    expect(normalizeBssid('a4:b1:c2:00:1e:fg')).toBeNull();
    expect(normalizeBssid('a4:b1:c2:00:1e:f9:')).toBeNull();
    expect(normalizeBssid('A9-B1-C2-09-1E-F9')).toBe('a9:b1:c2:09:1e:f9');
    expect(normalizeBssid('99b1c2001e09')).toBe('99:b1:c2:00:1e:09');
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

  it('counts a surrogate pair as one character and a surrogate without its pair as one', () => {
    expect(characterCount('考勤😀')).toBe(3);
    expect(characterCount('\ud800\udc00')).toBe(1); // U+10000, the first pair
    expect(characterCount('\udbff\udfff')).toBe(1); // U+10FFFF, the last
    expect(characterCount('a\udc00')).toBe(2); // a low surrogate after a character that is not a high one
    expect(characterCount('\udc00\udc00')).toBe(2);
    expect(characterCount('\ue000\udc00')).toBe(2); // U+E000 is just past the surrogates
    expect(characterCount('\ud800a')).toBe(2); // a high surrogate followed by no low one
    expect(characterCount('\udbff\ue000')).toBe(2);
    expect(characterCount('a\ud800')).toBe(2); // a high surrogate at the end
    expect(truncateCharacters('考😀勤', 2)).toBe('考😀');
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

  it('is true for a space and for blanks outside ASCII, false for printable ASCII and DEL', () => {
    for (const blank of ['', ' ', '\t', '\u00a0', '\u3000 ', '\ufeff']) expect(isBlankText(blank)).toBe(true);
    for (const text of ['!', '~', ' a', '\u00a0a', '\u007f', '\u0080', '考']) expect(isBlankText(text)).toBe(false);
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

describe('stableStringify', () => {
  it('writes null where JSON has no text for a value, as JSON.stringify does in an array', () => {
    // eslint-disable-next-line no-sparse-arrays -- a hole is written null (text.util.ts)
    expect(stableStringify([1, , undefined, () => 0, Symbol('x'), 'a'])).toBe('[1,null,null,null,null,"a"]');
    expect(stableStringify(undefined)).toBe('null');
    expect(stableStringify({ b: [undefined], a: undefined })).toBe('{"b":[null]}');
  });
});
