import { Transform } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { decimalInteger, IsIntegerBetween, IsSearchText, MAX_SEARCH_LENGTH, searchText } from '../http/query-values.js';

export const DEFAULT_GROUP_LIMIT = 1000;
export const MAX_GROUP_LIMIT = 10_000;

/** `?q=&limit=&offset=` of GET /api/v1/vendors/{vendor}/groups; unknown parameters are refused by the global pipe. */
export class VendorGroupsQuery {
  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_SEARCH_LENGTH,
    description:
      'Keeps the groups whose name contains this text, ignoring case, or whose id equals it (trimmed; blank = no ' +
      'filter). X-Total-Count then counts the groups kept.',
    example: '固定班',
  })
  @Transform(searchText)
  @IsSearchText()
  readonly q?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_GROUP_LIMIT,
    default: DEFAULT_GROUP_LIMIT,
    example: 50,
  })
  @Transform(decimalInteger)
  @IsIntegerBetween(1, MAX_GROUP_LIMIT, `an integer from 1 to ${MAX_GROUP_LIMIT}`)
  readonly limit: number = DEFAULT_GROUP_LIMIT;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 0 })
  @Transform(decimalInteger)
  @IsIntegerBetween(0, Number.MAX_SAFE_INTEGER, 'an integer ≥ 0')
  readonly offset: number = 0;
}
