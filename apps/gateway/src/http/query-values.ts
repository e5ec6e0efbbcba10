import type { TransformFnParams } from 'class-transformer';
import { ValidateBy, type ValidationArguments } from 'class-validator';

/** Longest search text a list takes (`?q=`), after trimming. */
export const MAX_SEARCH_LENGTH = 100;

/**
 * Query strings arrive as text. Only plain decimal digits become a number; anything else ("", "1.5", "1e3",
 * "0x10", a repeated parameter) stays as it came and fails validation, instead of being coerced.
 */
export function decimalInteger({ value }: TransformFnParams): unknown {
  const raw: unknown = value;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
}

/** One constraint per parameter, so a bad value gets exactly one message naming it. */
export function IsIntegerBetween(min: number, max: number, range: string): PropertyDecorator {
  return ValidateBy({
    name: 'isIntegerBetween',
    constraints: [min, max],
    validator: {
      validate: (value: unknown): boolean => Number.isInteger(value) && Number(value) >= min && Number(value) <= max,
      defaultMessage: (args?: ValidationArguments): string => `${args?.property ?? 'value'} must be ${range}`,
    },
  });
}

/**
 * `?q=`: trimmed; blank is the same as absent (no filter). A repeated parameter arrives as an array and is left
 * as it came, so that IsSearchText refuses it.
 */
export function searchText({ value }: TransformFnParams): unknown {
  const raw: unknown = value;
  if (typeof raw !== 'string') return raw;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A search text of at most MAX_SEARCH_LENGTH characters (absent is fine), one message naming the parameter. */
export function IsSearchText(): PropertyDecorator {
  return ValidateBy({
    name: 'isSearchText',
    validator: {
      validate: (value: unknown): boolean =>
        value === undefined || (typeof value === 'string' && [...value].length <= MAX_SEARCH_LENGTH),
      defaultMessage: (args?: ValidationArguments): string =>
        `${args?.property ?? 'q'} must be one text of at most ${MAX_SEARCH_LENGTH} characters`,
    },
  });
}
