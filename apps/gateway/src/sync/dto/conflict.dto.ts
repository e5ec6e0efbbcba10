import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CONFLICT_WINNERS, type ConflictWinner } from '@app/mapping-store';

/** POST /api/v1/conflicts/:id/resolve */
export class ResolveConflictDto {
  @ApiProperty({
    enum: CONFLICT_WINNERS,
    description: "The side whose content wins; it overwrites the other side's once.",
    example: 'feishu',
  })
  @IsIn(CONFLICT_WINNERS, { message: 'winner must be "feishu" or "wecom"' })
  winner!: ConflictWinner;
}

/** GET /api/v1/conflicts?state= */
export class ConflictListQueryDto {
  @ApiPropertyOptional({
    enum: ['open', 'all'],
    default: 'open',
    description: '`all` includes resolved conflicts.',
    example: 'open',
  })
  @IsOptional()
  @IsIn(['open', 'all'], { message: 'state must be "open" or "all"' })
  state?: 'open' | 'all';
}
