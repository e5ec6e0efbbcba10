import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * Longest vendor id accepted. WeCom documents a userid as 1–64 bytes of letters, digits and `_-@.`, and a
 * party id is a uint32 (at most 10 digits); Feishu's ids are shorter still in practice (`ou_…`/`od-…` are 35
 * characters, employee ids and custom department ids are short tenant-defined strings). One bound for both
 * sides, WeCom's documented one: anything longer is a pasted line or a wrong column, not an id.
 */
export const MAX_VENDOR_ID_LENGTH = 64;

// C0/C1 control characters (PostgreSQL text cannot even hold NUL) and lone UTF-16 surrogates (they would be
// stored as U+FFFD, silently changing the id).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Why `value` is not a usable vendor id, or null. Ids are stored exactly as sent, so whitespace at either
 * end is refused rather than trimmed: a trimmed id might silently map someone other than the caller meant,
 * and the caller's next GET would not show what they sent.
 */
export function vendorIdProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim().length === 0) return 'must be a non-empty string';
  if (value.trim() !== value) return 'must not start or end with whitespace (ids are stored exactly as sent)';
  if (CONTROL_CHARACTER.test(value)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text';
  if (value.length > MAX_VENDOR_ID_LENGTH) {
    return `must be at most ${MAX_VENDOR_ID_LENGTH} characters long (got ${value.length})`;
  }
  return null;
}

/** A Feishu or WeCom id: one constraint, so each bad field yields exactly one message naming it. */
export function IsVendorId(): PropertyDecorator {
  return ValidateBy({
    name: 'isVendorId',
    validator: {
      validate: (value: unknown): boolean => vendorIdProblem(value) === null,
      defaultMessage: (args?: ValidationArguments): string =>
        `${args?.property ?? 'id'} ${vendorIdProblem(args?.value) ?? 'is not a valid id'}`,
    },
  });
}
