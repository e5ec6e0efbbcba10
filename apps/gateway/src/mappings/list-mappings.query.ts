import { Transform } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { decimalInteger, IsIntegerBetween, IsSearchText, MAX_SEARCH_LENGTH, searchText } from '../http/query-values.js';

export const DEFAULT_LIST_LIMIT = 1000;
/** As many as one PUT takes, so a whole upload can be read back in one page. */
export const MAX_LIST_LIMIT = 10_000;

/** `?limit=&offset=&q=` of the list endpoints; unknown parameters are refused by the global ValidationPipe. */
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

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_SEARCH_LENGTH,
    description:
      'Keeps the rows whose Feishu or WeCom id contains this text, ignoring case (trimmed; blank = no filter). ' +
      'X-Total-Count then counts the rows kept.',
    example: 'e10',
  })
  @Transform(searchText)
  @IsSearchText()
  readonly q?: string;
}
