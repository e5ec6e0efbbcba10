import { IDENTITY_ATTRIBUTES } from '@app/kernel';
import fc from 'fast-check';
import { normalizeEmail, normalizeEmployeeNo, normalizeIdentity, normalizeMobile } from './normalize-identity.js';

describe('normalizeEmail', () => {
  it.each([
    ['  Zhang.San@Example.COM ', 'zhang.san@example.com'],
    ['li@example.com', 'li@example.com'],
    ['   ', null],
    ['', null],
  ])('%j → %j', (value, expected) => {
    expect(normalizeEmail(value)).toBe(expected);
  });
});

describe('normalizeMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['(+86) 138 0013 8000', '13800138000'],
    ['+1 415-555-0100', '+14155550100'],
    ['+852 9123 4567', '+85291234567'],
    ['00852 9123 4567', '+85291234567'],
    // Not a Chinese mobile: the 86 is kept (a landline, or a number of another shape).
    ['86 10 1234 5678', '861012345678'],
    ['+86 10 1234 5678', '+861012345678'],
    [' - ', null],
    ['', null],
  ])('%j → %j', (value, expected) => {
    expect(normalizeMobile(value)).toBe(expected);
  });

  it('reads every way of writing one Chinese mobile as the same number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.constantFrom('', '+86', '86', '0086', '+86 '),
        fc.constantFrom('', ' ', '-'),
        (mobile, prefix, separator) => {
          const written = `${prefix}${mobile.slice(0, 3)}${separator}${mobile.slice(3, 7)}${separator}${mobile.slice(7)}`;
          expect(normalizeMobile(written)).toBe(mobile);
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });
});

describe('normalizeEmployeeNo', () => {
  it.each([
    [' E-00042 ', 'E-00042'],
    ['00042', '00042'],
    ['  ', null],
  ])('%j → %j', (value, expected) => {
    expect(normalizeEmployeeNo(value)).toBe(expected);
  });
});

describe('normalizeIdentity', () => {
  it('is idempotent: a normalized value normalizes to itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDENTITY_ATTRIBUTES), fc.string({ maxLength: 24 }), (attribute, value) => {
        const once = normalizeIdentity(attribute, value);
        if (once !== null) expect(normalizeIdentity(attribute, once)).toBe(once);
      }),
      { seed: 2126, numRuns: 500 },
    );
  });

  it('says nothing of an absent value', () => {
    expect(normalizeIdentity('email', undefined)).toBeNull();
    expect(normalizeIdentity('mobile', null)).toBeNull();
  });
});
