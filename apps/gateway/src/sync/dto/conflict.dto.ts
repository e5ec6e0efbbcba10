import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  CONFLICT_WINNERS,
  NAME_CONFLICT_RESOLUTIONS,
  type ConflictWinner,
  type NameConflictResolution,
} from '@app/mapping-store';

/**
 * POST /api/v1/conflicts/:id/resolve: `winner` for a content conflict, `resolution` for a name conflict, one
 * of the two (the controller says which the conflict takes).
 */
export class ResolveConflictDto {
  @ApiPropertyOptional({
    enum: CONFLICT_WINNERS,
    description: "Content conflicts: the side whose content wins; it overwrites the other side's once.",
    example: 'feishu',
  })
  @IsOptional()
  @IsIn(CONFLICT_WINNERS, { message: 'winner must be "feishu" or "wecom"' })
  winner?: ConflictWinner;

  @ApiPropertyOptional({
    enum: NAME_CONFLICT_RESOLUTIONS,
    description:
      'Name conflicts: `adopt` links the same-named object found and lets its content win once; `overwrite` links ' +
      "it and lets the source's content win once; `skip` leaves the source unsynced (its link becomes `unlinked`).",
    example: 'adopt',
  })
  @IsOptional()
  @IsIn(NAME_CONFLICT_RESOLUTIONS, { message: 'resolution must be "adopt", "overwrite" or "skip"' })
  resolution?: NameConflictResolution;
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
