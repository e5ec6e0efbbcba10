import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MATCH_STATUSES, type MatchStatus } from '@app/kernel';

export const MATCH_DECISIONS = ['accept', 'reject'] as const;
export type MatchDecisionKind = (typeof MATCH_DECISIONS)[number];

/** Decisions sent in one request at most: a page of the console's review list, or a bulk accept of 1,000. */
export const MAX_MATCH_DECISIONS = 1000;

export class MatchDecisionDto {
  @ApiProperty({
    description: 'The match id GET /api/v1/mappings/matches answered.',
    example: '3fcb9d89-0e1a-4682-9437-ec055c40f47d',
  })
  @IsString({ message: 'id must be a string' })
  @IsNotEmpty({ message: 'id must not be empty' })
  @MaxLength(64, { message: 'id must be at most 64 characters' })
  id!: string;

  @ApiProperty({ enum: MATCH_DECISIONS, example: 'accept' })
  @IsIn(MATCH_DECISIONS, { message: 'decision must be "accept" or "reject"' })
  decision!: MatchDecisionKind;

  @ApiPropertyOptional({
    description:
      'Accepting an ambiguous match: which of its candidates is the pair, by its WeCom id. Otherwise, when ' +
      'given, it must be the proposed pair’s.',
    example: 'zhangsan',
  })
  @IsOptional()
  @IsString({ message: 'wecomId must be a string' })
  @IsNotEmpty({ message: 'wecomId must not be empty' })
  @MaxLength(64, { message: 'wecomId must be at most 64 characters' })
  wecomId?: string;

  @ApiPropertyOptional({
    enum: MATCH_STATUSES,
    description:
      'The status the match was seen in: when it has another by now (someone decided first, or a match run ' +
      'replaced it), the request is a 409 and nothing is written. Absent: the current status.',
    example: 'proposed',
  })
  @IsOptional()
  @IsIn(MATCH_STATUSES, { message: `status must be one of ${MATCH_STATUSES.join(', ')}` })
  status?: MatchStatus;
}

/** POST /api/v1/mappings/matches/decisions: all of them, or (on any refusal) none. */
export class MatchDecisionsDto {
  @ApiProperty({
    type: () => [MatchDecisionDto],
    example: [{ id: '3fcb9d89-0e1a-4682-9437-ec055c40f47d', decision: 'accept', status: 'proposed' }],
  })
  @IsArray({ message: 'decisions must be an array' })
  @ArrayMinSize(1, { message: 'decisions must not be empty' })
  @ArrayMaxSize(MAX_MATCH_DECISIONS, { message: `decisions must hold at most ${MAX_MATCH_DECISIONS} entries` })
  @ValidateNested({ each: true })
  @Type(() => MatchDecisionDto)
  decisions!: MatchDecisionDto[];
}
