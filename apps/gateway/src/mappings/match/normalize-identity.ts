import type { IdentityAttribute } from '@app/kernel';

// How an attribute's value is compared across vendors (issue 21): both vendors write the same email or mobile
// in different shapes (case, spaces, a +86 prefix or none), and a match is only as good as this sameness.

/** An email, trimmed and lower-cased; null when empty. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email === '' ? null : email;
}

/**
 * A mobile number without spaces, dashes, dots or brackets. A Chinese mobile (11 digits starting with 1) is
 * kept as its 11 digits whether written `+86…`, `86…`, `0086…` or bare; any other number keeps its country
 * code as `+cc…` (a `00` prefix read as `+`). Null when nothing is left.
 */
export function normalizeMobile(value: string): string | null {
  let mobile = value.trim().replace(/[\s\-.()]/g, '');
  if (mobile.startsWith('00')) mobile = `+${mobile.slice(2)}`;
  if (/^(?:\+?86)1\d{10}$/.test(mobile)) return mobile.slice(-11);
  return mobile === '' || mobile === '+' ? null : mobile;
}

/** An employee number, trimmed (leading zeros and case are kept: they may be part of it); null when empty. */
export function normalizeEmployeeNo(value: string): string | null {
  const number = value.trim();
  return number === '' ? null : number;
}

/** A value of `attribute` as it is compared, or null for a value that says nothing. */
export function normalizeIdentity(attribute: IdentityAttribute, value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  switch (attribute) {
    case 'email':
      return normalizeEmail(value);
    case 'mobile':
      return normalizeMobile(value);
    case 'employee_no':
      return normalizeEmployeeNo(value);
  }
}
