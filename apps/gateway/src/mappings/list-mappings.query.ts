import { Transform, type TransformFnParams } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, type ValidationArguments } from 'class-validator';

export const DEFAULT_LIST_LIMIT = 1000;
/** As many as one PUT takes, so a whole upload can be read back in one page. */
export const MAX_LIST_LIMIT = 10_000;

/**
 * Query strings arrive as text. Only plain decimal digits become a number; anything else ("", "1.5", "1e3",
 * "0x10", a repeated parameter) stays as it came and fails validation below, instead of being coerced.
 */
function decimalInteger({ value }: TransformFnParams): unknown {
  const raw: unknown = value;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
}

/** One constraint per parameter, so a bad value gets exactly one message naming it. */
function IsIntegerBetween(min: number, max: number, range: string): PropertyDecorator {
  return ValidateBy({
    name: 'isIntegerBetween',
    constraints: [min, max],
    validator: {
      validate: (value: unknown): boolean => Number.isInteger(value) && Number(value) >= min && Number(value) <= max,
      defaultMessage: (args?: ValidationArguments): string => `${args?.property ?? 'value'} must be ${range}`,
    },
  });
}

/** `?limit=&offset=` of the list endpoints; unknown parameters are refused by the global ValidationPipe. */
export class ListMappingsQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIST_LIMIT,
    default: DEFAULT_LIST_LIMIT,
    example: DEFAULT_LIST_LIMIT,
  })
  @Transform(decimalInteger)
  @IsIntegerBetween(1, MAX_LIST_LIMIT, `an integer from 1 to ${MAX_LIST_LIMIT}`)
  readonly limit: number = DEFAULT_LIST_LIMIT;

  // Bounded so that the value stays an exact integer and within PostgreSQL's bigint.
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 0 })
  @Transform(decimalInteger)
  @IsIntegerBetween(0, Number.MAX_SAFE_INTEGER, 'an integer ≥ 0')
  readonly offset: number = 0;
}
