import fc from 'fast-check';
import { chinaMidnight, truncateUtf8, utf8Length } from './wecom-rule.util.js';

// chinaMidnight and utf8Length now compute what they used to ask Date and TextEncoder for; the references
// below are those readings.

function referenceMidnight(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc / 1000 - 8 * 3600;
}

describe('chinaMidnight', () => {
  it('is the Date round trip for every date-shaped string', () => {
    const dateLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (date) => {
        expect(chinaMidnight(date)).toBe(referenceMidnight(date));
      }),
      { numRuns: 5000 },
    );
    for (const date of ['0099-12-31', '0100-01-01', '1900-02-29', '2000-02-29', '2024-02-29', '2026-02-29']) {
      expect(chinaMidnight(date)).toBe(referenceMidnight(date));
    }
  });
});

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
