import { IsIn } from 'class-validator';
import { LINK_DIRECTIONS, type LinkDirection } from '@app/kernel';

/** PATCH /api/v1/links/:id — which way a link is kept in step (contract extension, see README). */
export class LinkPatchDto {
  @IsIn(LINK_DIRECTIONS, { message: `direction must be one of: ${LINK_DIRECTIONS.join(', ')}` })
  direction!: LinkDirection;
}
