import fc from 'fast-check';
import { truncateUtf8, utf8Length } from './wecom-rule.util.js';

// utf8Length now computes what it used to ask TextEncoder for; the reference below is that reading.

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 5000 },
    );
    expect(truncateUtf8('总部研发销售早晚', 10)).toBe('总部研');
  });
});

// Mutation testing (QUALITY.md, wecom-rule) found the edges random strings rarely draw: the first 3-byte code
// point, and surrogates next to characters that are not their pair. TextEncoder is still the reference.
describe('utf8Length at the edges', () => {
  const encoder = new TextEncoder();

  it.each([
    ['the last 2-byte code point', '\u07ff', 2],
    ['the first 3-byte code point', '\u0800', 3],
    ['a pair: 4 bytes', '\ud83d\ude00', 4],
    ['a low surrogate after a CJK character: two characters', '\u4e00\udc00', 6],
    ['a low surrogate after a private-use character', '\ue000\udc00', 6],
    ['two low surrogates', '\udc00\udc00', 6],
    ['a high surrogate before a CJK character', '\ud800\u4e00', 6],
    ['a high surrogate before a character above the low surrogates', '\ud800\ue000', 6],
    ['a high surrogate before ASCII', '\ud800a', 4],
  ])('%s', (_case, text, bytes) => {
    expect(encoder.encode(text).length).toBe(bytes);
    expect(utf8Length(text)).toBe(bytes);
  });

  it('truncateUtf8 keeps a text that fits exactly', () => {
    expect(truncateUtf8('ab', 2)).toBe('ab');
    expect(truncateUtf8('总部', 6)).toBe('总部');
    expect(truncateUtf8('总部', 5)).toBe('总');
  });
});
