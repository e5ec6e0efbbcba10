import { z } from 'zod';
import {
  feishuDayIntSchema,
  feishuMonthIntSchema,
  feishuNumericIdSchema,
  feishuUserIdSchema,
} from './feishu-common.model.js';

// Roster (排班表) entries: user_daily_shifts query and batch_create (REFERENCE A4; [FNS]).

/** At most 50 users per query and 50 entries per batch_create. */
export const FEISHU_MAX_USERS_PER_DAILY_SHIFT_QUERY = 50;
export const FEISHU_MAX_DAILY_SHIFTS_PER_BATCH = 50;
/**
 * A query may span at most 30 days (REFERENCE A4). Read conservatively as at most 30 calendar days counted
 * inclusively (check_date_from … check_date_to), the stricter of the two possible readings.
 */
export const FEISHU_MAX_DAYS_PER_DAILY_SHIFT_QUERY = 30;

/** The rest-day shift id in a roster (REFERENCE A4). */
export const FEISHU_REST_SHIFT_ID = '0';

export const feishuUserDailyShiftSchema = z.looseObject({
  group_id: feishuNumericIdSchema,
  /** "0" = rest day. */
  shift_id: feishuNumericIdSchema,
  /** yyyyMM as an int. */
  month: feishuMonthIntSchema,
  user_id: feishuUserIdSchema,
  /** Day of the month, 1–31. */
  day_no: z.int().min(1).max(31),
  /** true clears the day's schedule and overrides shift_id. */
  is_clear_schedule: z.boolean().optional(),
});
export type FeishuUserDailyShift = z.infer<typeof feishuUserDailyShiftSchema>;

export const feishuUserDailyShiftQueryRequestSchema = z.looseObject({
  user_ids: z.array(feishuUserIdSchema).min(1).max(FEISHU_MAX_USERS_PER_DAILY_SHIFT_QUERY),
  check_date_from: feishuDayIntSchema,
  check_date_to: feishuDayIntSchema,
});

export const feishuUserDailyShiftBatchCreateRequestSchema = z.looseObject({
  user_daily_shifts: z.array(feishuUserDailyShiftSchema).min(1).max(FEISHU_MAX_DAILY_SHIFTS_PER_BATCH),
  operator_id: feishuUserIdSchema.optional(),
});

/** `data` of both query and batch_create. */
export const feishuUserDailyShiftDataSchema = z.looseObject({
  user_daily_shifts: z.array(feishuUserDailyShiftSchema).optional(),
});
