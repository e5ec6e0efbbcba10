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
