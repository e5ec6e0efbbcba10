import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LINK_DIRECTIONS, type LinkDirection } from '@app/kernel';

/** PATCH /api/v1/links/:id — which way a link is kept in step (contract extension, see README). */
export class LinkPatchDto {
  @ApiProperty({
    enum: LINK_DIRECTIONS,
    enumName: 'LinkDirection',
    description: 'Which way the link is kept in step; `two_way` reconciles both ways and reports conflicts.',
    example: 'two_way',
  })
  @IsIn(LINK_DIRECTIONS, { message: `direction must be one of: ${LINK_DIRECTIONS.join(', ')}` })
  direction!: LinkDirection;
}
