import { Transform } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { decimalInteger, IsIntegerBetween } from '../http/query-values.js';

export const DEFAULT_UNMAPPED_LIMIT = 200;
export const MAX_UNMAPPED_LIMIT = 1000;

/** `?limit=` of GET /api/v1/mappings/unmapped; unknown parameters are refused by the global ValidationPipe. */
export class UnmappedQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_UNMAPPED_LIMIT,
    default: DEFAULT_UNMAPPED_LIMIT,
    example: DEFAULT_UNMAPPED_LIMIT,
  })
  @Transform(decimalInteger)
  @IsIntegerBetween(1, MAX_UNMAPPED_LIMIT, `an integer from 1 to ${MAX_UNMAPPED_LIMIT}`)
  readonly limit: number = DEFAULT_UNMAPPED_LIMIT;
}
