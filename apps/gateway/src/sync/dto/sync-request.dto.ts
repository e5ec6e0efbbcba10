import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { parseIsoDay, SYNC_DIRECTIONS, SYNC_SCOPES, type SyncDirection, type SyncScope } from '@app/kernel';

/** A run names at most this many groups; more is "all groups" (omit groupIds). */
export const MAX_GROUP_IDS = 1000;
/** Feishu group ids are 19-digit numbers and WeCom groupids small integers; 64 leaves room, rejects junk. */
const MAX_ID_LENGTH = 64;

/** A real calendar day (2026-02-30 is not), written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return parseIsoDay(value) !== null;
}

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCalendarDate(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a calendar date written YYYY-MM-DD`;
  }
}

@ValidatorConstraint({ name: 'notBeforeFrom' })
class NotBeforeFrom implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const from = (args.object as SyncRequestDto).from;
    return typeof value !== 'string' || typeof from !== 'string' || from <= value;
  }

  defaultMessage(): string {
    return 'to must not be before from';
  }
}

@ValidatorConstraint({ name: 'punchesOnly' })
class PunchesOnly implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as SyncRequestDto).scope === 'punches';
  }

  defaultMessage(): string {
    return 'userIds applies to scope "punches" only';
  }
}

@ValidatorConstraint({ name: 'rulesOnly' })
class RulesOnly implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as SyncRequestDto).scope === 'rules';
  }

  defaultMessage(): string {
    return 'effectiveNow applies to scope "rules" only';
  }
}

/** A punch run names at most this many people; more is "everyone mapped" (omit userIds). */
export const MAX_USER_IDS = 10_000;

/** POST /api/v1/sync (DESIGN.md public contract). */
export class SyncRequestDto {
  @ApiProperty({ enum: SYNC_DIRECTIONS, enumName: 'SyncDirection', example: 'feishu_to_wecom' })
  @IsIn(SYNC_DIRECTIONS, { message: `direction must be one of: ${SYNC_DIRECTIONS.join(', ')}` })
  direction!: SyncDirection;

  @ApiProperty({ enum: SYNC_SCOPES, enumName: 'SyncScope', example: 'rules' })
  @IsIn(SYNC_SCOPES, { message: `scope must be one of: ${SYNC_SCOPES.join(', ')}` })
  scope!: SyncScope;

  /** Source-side ids: Feishu group ids for feishu_to_wecom, WeCom rule ids (groupid) for wecom_to_feishu. */
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_GROUP_IDS,
    uniqueItems: true,
    description:
      'Source-side ids: Feishu group ids for feishu_to_wecom, WeCom rule ids (groupid) for wecom_to_feishu. ' +
      'Omit for every group. An unknown id is a 400 naming it.',
    example: ['7380952139465998355'],
  })
  @IsOptional()
  @IsArray({ message: 'groupIds must be an array of strings' })
  @ArrayMaxSize(MAX_GROUP_IDS, { message: `groupIds must name at most ${MAX_GROUP_IDS} groups` })
  @ArrayUnique({ message: 'groupIds must not repeat an id' })
  @MinLength(1, { each: true, message: 'each of groupIds must be a non-empty string' })
  @MaxLength(MAX_ID_LENGTH, { each: true, message: `each of groupIds must be at most ${MAX_ID_LENGTH} characters` })
  @Matches(/^\S+$/, { each: true, message: 'each of groupIds must be an id without spaces' })
  groupIds?: string[];

  /** Punches only: source-side user ids (Feishu employee ids / WeCom userids) the run is narrowed to. */
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_USER_IDS,
    uniqueItems: true,
    description:
      'scope "punches" only (extension): source-side user ids the run is narrowed to — Feishu employee ids for ' +
      'feishu_to_wecom, WeCom userids for wecom_to_feishu. Omit for everyone mapped.',
    example: ['e1001'],
  })
  @IsOptional()
  @IsArray({ message: 'userIds must be an array of strings' })
  @ArrayMaxSize(MAX_USER_IDS, { message: `userIds must name at most ${MAX_USER_IDS} people` })
  @ArrayUnique({ message: 'userIds must not repeat an id' })
  @MinLength(1, { each: true, message: 'each of userIds must be a non-empty string' })
  @MaxLength(MAX_ID_LENGTH, { each: true, message: `each of userIds must be at most ${MAX_ID_LENGTH} characters` })
  @Matches(/^\S+$/, { each: true, message: 'each of userIds must be an id without spaces' })
  @Validate(PunchesOnly)
  userIds?: string[];

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day (YYYY-MM-DD, China time), inclusive; rosters and punches.',
    example: '2026-03-01',
  })
  @IsOptional()
  @Validate(CalendarDate)
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day (YYYY-MM-DD, China time), inclusive; not before `from`.',
    example: '2026-03-31',
  })
  @IsOptional()
  @Validate(CalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;

  @ApiPropertyOptional({
    default: false,
    description: "Write nothing; record each item's plan (the exact vendor calls it would make).",
    example: true,
  })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'scope "rules" only (extension): the rules written take effect at once (Feishu effect_now, WeCom ' +
      'effective_now) instead of from the next day. Omitted: SYNC_EFFECTIVE_NOW (default false).',
    example: true,
  })
  @IsOptional()
  @IsBoolean({ message: 'effectiveNow must be true or false' })
  @Validate(RulesOnly)
  effectiveNow?: boolean;
}
