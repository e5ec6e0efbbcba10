import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IDENTITY_ATTRIBUTES, type IdentityAttribute } from '@app/kernel';

/** POST /api/v1/mappings/match: a match run; every field falls back to the deployment's setting. */
export class MatchRequestDto {
  @ApiPropertyOptional({ description: 'Propose and report, write nothing.', default: false, example: false })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be a boolean' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'The attributes people are paired by, in this order: a person’s first attribute that names someone ' +
      'decides. Default: IDENTITY_MATCH (email, mobile, employee_no).',
    enum: IDENTITY_ATTRIBUTES,
    isArray: true,
    example: ['email', 'mobile'],
  })
  @IsOptional()
  @IsArray({ message: 'attributes must be an array' })
  @ArrayMinSize(1, { message: 'attributes must name at least one attribute' })
  @ArrayUnique({ message: 'attributes must not repeat an attribute' })
  @IsIn(IDENTITY_ATTRIBUTES, {
    each: true,
    message: `each of attributes must be one of ${IDENTITY_ATTRIBUTES.join(', ')}`,
  })
  attributes?: IdentityAttribute[];

  @ApiPropertyOptional({
    description:
      'Map unique proposals at once (ambiguous and missing ones still wait for review). Default: IDENTITY_AUTO_ACCEPT.',
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'autoAccept must be a boolean' })
  autoAccept?: boolean;
}
