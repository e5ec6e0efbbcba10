import { parseDayInt } from '@app/kernel';
import { z } from 'zod';

// Building blocks shared by every Feishu attendance wire type. Pure: no I/O, no clock.

/**
 * Feishu object ids (group_id, shift_id, record_id, location_id, new_calendar_id): numeric strings of about 19
 * digits, beyond 2^53, so they stay strings and are never parsed as numbers (REFERENCE A1). Shift id "0"
 * means a rest day in punch_day_shift_ids and user_daily_shifts (REFERENCE A4/A6).
 */
export const feishuNumericIdSchema = z
  .string()
  .regex(/^\d{1,32}$/, { message: 'must be a numeric id string such as "6919358128597097404"' });

/** A user id of the type named by the call's employee_type (employee_id like "abd754f7", or employee_no). */
export const feishuUserIdSchema = z.string().min(1, { message: 'must not be empty' });

/** Open department id ("od-…"); dept_type=open_id is the only type attendance accepts (REFERENCE A1). */
export const feishuDepartmentIdSchema = z.string().min(1, { message: 'must not be empty' });

/** A Unix timestamp in seconds carried as a string (check_time, effect_time; REFERENCE A6/A7). */
export const feishuSecondsStringSchema = z
  .string()
  .regex(/^\d{1,12}$/, { message: 'must be Unix seconds as a string of digits' });

/**
 * A wall-clock time "H:mm" or "HH:mm". Hours run past 24 for the next day: "26:00" is 02:00 on the next day
 * (feishu-get-shift.md off_time; REFERENCE A5). Feishu writes hours below 10 unpadded ("9:00",
 * feishu-create-update-group.md free_start_time) but padded values are seen too, so both are accepted.
 */
const CLOCK_TIME = /^(\d{1,2}):([0-5]\d)$/;
/** The latest next-day value we accept: 47:59 is the end of the following day. */
const MAX_CLOCK_MINUTES = 47 * 60 + 59;

export const feishuClockTimeSchema = z.string().superRefine((value, ctx) => {
  const minutes = parseFeishuClockTime(value);
  if (minutes === null) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a time "H:mm" (next day as "26:00"), got ${JSON.stringify(value)}`,
    });
  }
});

/** A same-day wall-clock time "H:mm" within 0:00–23:59 (free_start_time). */
export const feishuSameDayClockTimeSchema = z.string().superRefine((value, ctx) => {
  const minutes = parseFeishuClockTime(value);
  if (minutes === null || minutes >= 24 * 60) {
    ctx.addIssue({ code: 'custom', message: `must be a time "H:mm" within the day, got ${JSON.stringify(value)}` });
  }
});

/** Minutes after local midnight of a Feishu time string ("26:00" → 1560), or null when it is not one. */
export function parseFeishuClockTime(value: string): number | null {
  const match = CLOCK_TIME.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MAX_CLOCK_MINUTES ? minutes : null;
}

/** The Feishu spelling of minutes after midnight: 540 → "9:00", 1560 → "26:00" (hours unpadded, as Feishu writes). */
export function formatFeishuClockTime(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_CLOCK_MINUTES) {
    throw new RangeError(`minutes must be an integer 0-${MAX_CLOCK_MINUTES}, got ${minutes}`);
  }
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A calendar day as the int yyyyMMdd (punch_day of special days, check_date_*; REFERENCE A4). */
export const feishuDayIntSchema = z.int().superRefine((value, ctx) => {
  if (!isValidDayInt(value))
    ctx.addIssue({ code: 'custom', message: `must be a date as the int yyyyMMdd, got ${value}` });
});

/** A month as the int yyyyMM (user_daily_shifts.month; REFERENCE A4). */
export const feishuMonthIntSchema = z.int().superRefine((value, ctx) => {
  const month = value % 100;
  if (value < 190001 || value > 299912 || month < 1 || month > 12) {
    ctx.addIssue({ code: 'custom', message: `must be a month as the int yyyyMM, got ${value}` });
  }
});

export function isValidDayInt(value: number): boolean {
  return value >= 19000101 && value <= 29991231 && parseDayInt(value) !== null;
}

/**
 * On READ, `schema` or an empty string. Feishu's Go backend writes unset strings as "" (a zero value), so a
 * group without a holiday calendar may well carry `new_calendar_id: ""`; that must not fail a read.
 */
export function blankOr<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(''), schema]);
}

/** Non-negative whole minutes. */
export const feishuMinutesSchema = z.int().min(0);

/**
 * The envelope of every attendance response: `{code, msg, data}`, code 0 on success (REFERENCE A1). Error
 * bodies may add `error: {log_id, field_violations, permission_violations, …}` ([GO-CORE] apiresp.go).
 */
export const feishuFieldViolationSchema = z.looseObject({
  field: z.string().optional(),
  value: z.string().optional(),
  description: z.string().optional(),
});

export const feishuEnvelopeSchema = z.looseObject({
  code: z.int(),
  // Some gateway errors omit msg; a missing msg is not worth failing a call over.
  msg: z.string().default(''),
  data: z.unknown().optional(),
  error: z
    .looseObject({
      log_id: z.string().optional(),
      field_violations: z.array(feishuFieldViolationSchema).optional(),
    })
    .optional(),
});
export type FeishuEnvelope = z.infer<typeof feishuEnvelopeSchema>;

/** A whole successful response whose `data` has the given shape (used for the recorded vendor examples). */
export function feishuResponseSchema<T extends z.ZodType>(data: T) {
  return z.looseObject({ code: z.literal(0), msg: z.string(), data });
}

/** "data.group_list[0].group_id: must be …; …": the bad field paths of a failed parse, for error messages. */
export function describeSchemaIssues(error: z.ZodError, root?: string, maxIssues = 5): string {
  const issues = error.issues.slice(0, maxIssues).map((issue) => {
    const path = formatIssuePath(root, issue.path);
    return `${path || '(root)'}: ${issue.message}`;
  });
  const more = error.issues.length - issues.length;
  return issues.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

function formatIssuePath(root: string | undefined, path: readonly PropertyKey[]): string {
  let out = root ?? '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
