import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { MATCH_KINDS, MATCH_STATUSES, type MatchKind, type MatchStatus } from '@app/kernel';
import { PageQueryDto } from '../../sync/dto/page-query.dto.js';

/** `GET /api/v1/mappings/matches?kind=&status=&q=&limit=&offset=`. */
export class MatchesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: MATCH_KINDS, description: 'People (user) or departments.', example: 'user' })
  @IsOptional()
  @IsIn(MATCH_KINDS, { message: `kind must be one of ${MATCH_KINDS.join(', ')}` })
  kind?: MatchKind;

  @ApiPropertyOptional({ enum: MATCH_STATUSES, description: 'Only matches in this state.', example: 'ambiguous' })
  @IsOptional()
  @IsIn(MATCH_STATUSES, { message: `status must be one of ${MATCH_STATUSES.join(', ')}` })
  status?: MatchStatus;

  @ApiPropertyOptional({
    description: 'Only matches whose Feishu or WeCom id (or a candidate’s) contains this text.',
    maxLength: 64,
    example: 'zhang',
  })
  @IsOptional()
  @MaxLength(64, { message: 'q must be at most 64 characters' })
  q?: string;
}
