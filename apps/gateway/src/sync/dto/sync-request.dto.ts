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
import { SYNC_DIRECTIONS, SYNC_SCOPES, type SyncDirection, type SyncScope } from '@app/kernel';

/** A run names at most this many groups; more is "all groups" (omit groupIds). */
export const MAX_GROUP_IDS = 1000;
/** Feishu group ids are 19-digit numbers and WeCom groupids small integers; 64 leaves room, rejects junk. */
const MAX_ID_LENGTH = 64;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day (2026-02-30 is not), written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
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

/** POST /api/v1/sync (DESIGN.md public contract). */
export class SyncRequestDto {
  @IsIn(SYNC_DIRECTIONS, { message: `direction must be one of: ${SYNC_DIRECTIONS.join(', ')}` })
  direction!: SyncDirection;

  @IsIn(SYNC_SCOPES, { message: `scope must be one of: ${SYNC_SCOPES.join(', ')}` })
  scope!: SyncScope;

  /** Source-side ids: Feishu group ids for feishu_to_wecom, WeCom rule ids (groupid) for wecom_to_feishu. */
  @IsOptional()
  @IsArray({ message: 'groupIds must be an array of strings' })
  @ArrayMaxSize(MAX_GROUP_IDS, { message: `groupIds must name at most ${MAX_GROUP_IDS} groups` })
  @ArrayUnique({ message: 'groupIds must not repeat an id' })
  @MinLength(1, { each: true, message: 'each of groupIds must be a non-empty string' })
  @MaxLength(MAX_ID_LENGTH, { each: true, message: `each of groupIds must be at most ${MAX_ID_LENGTH} characters` })
  @Matches(/^\S+$/, { each: true, message: 'each of groupIds must be an id without spaces' })
  groupIds?: string[];

  @IsOptional()
  @Validate(CalendarDate)
  from?: string;

  @IsOptional()
  @Validate(CalendarDate)
  @Validate(NotBeforeFrom)
  to?: string;

  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}
