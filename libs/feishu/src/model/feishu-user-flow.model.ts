import { z } from 'zod';
import { feishuNumericIdSchema, feishuSecondsStringSchema, feishuUserIdSchema } from './feishu-common.model.js';

// Punch record (打卡流水), spelled as Feishu's JSON: REFERENCE A7 ([FS-MIRROR] user_flow/get, [FNS]
// batch_create/query DTOs). feishu-user-flows.md uses other names (user_flows, punch_time, user_flow_ids);
// REFERENCE A4 shows they are wrong, so they appear nowhere here.

/** At most 50 records per batch_create ("operate too much flow … 需要小于等于50条流水"). */
export const FEISHU_MAX_FLOWS_PER_BATCH = 50;
/** At most 50 user_ids per user_flows/query (REFERENCE A4). */
export const FEISHU_MAX_USERS_PER_FLOW_QUERY = 50;
/** At most 10 record_ids per batch_del ([FNS], REFERENCE A4). */
export const FEISHU_MAX_RECORDS_PER_BATCH_DEL = 10;
/**
 * Import only accepts check_time after 2022-01-01 ([FNS], REFERENCE A7). Read here as 2022-01-01 00:00 in
 * Asia/Shanghai, the tenant time zone of the attendance docs: 1640966400.
 */
export const FEISHU_MIN_IMPORT_CHECK_TIME = 1_640_966_400;

/**
 * Punch type: 0 user punch, 1 admin modified, 2 user remedy, 3 system generated, 4 off-duty no-punch,
 * 5 device, 6 fast punch, 7 open-platform import (REFERENCE A7).
 */
export type FeishuUserFlowType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

const flowCommon = {
  user_id: feishuUserIdSchema,
  creator_id: feishuUserIdSchema,
  location_name: z.string(),
  check_time: feishuSecondsStringSchema,
  /** Required, may be empty. */
  comment: z.string(),
  longitude: z.number().optional(),
  latitude: z.number().optional(),
  ssid: z.string().optional(),
  bssid: z.string().optional(),
  is_field: z.boolean().optional(),
  is_wifi: z.boolean().optional(),
  type: z.int().min(0).optional(),
  // Events send photo_urls: null (REFERENCE A9); accept it on reads too.
  photo_urls: z.array(z.string()).nullable().optional(),
  device_id: z.string().optional(),
  check_result: z.string().optional(),
  external_id: z.string().optional(),
  /** The only idempotency Feishu offers: without it a repeated import creates a second record. */
  idempotent_id: z.string().optional(),
};

/**
 * A flow as read (query, get, batch_create response). What identifies a punch is required (record_id,
 * user_id, check_time); fields that are required on import but may be unset on punches made in the app
 * (creator_id, location_name, comment) are tolerated when absent, so a real punch never fails a read.
 */
export const feishuUserFlowSchema = z.looseObject({
  ...flowCommon,
  creator_id: feishuUserIdSchema.optional(),
  location_name: z.string().default(''),
  comment: z.string().default(''),
  record_id: feishuNumericIdSchema,
  create_time: z.string().optional(),
});
export type FeishuUserFlow = z.infer<typeof feishuUserFlowSchema>;

/** A flow as sent to batch_create; record_id, device_id, check_result and photo_urls are ignored there. */
export const feishuUserFlowCreateSchema = z.looseObject({
  ...flowCommon,
  record_id: z.string().optional(),
});
export type FeishuUserFlowCreate = z.infer<typeof feishuUserFlowCreateSchema>;

export const feishuUserFlowBatchCreateRequestSchema = z.looseObject({
  flow_records: z.array(feishuUserFlowCreateSchema).min(1).max(FEISHU_MAX_FLOWS_PER_BATCH),
});

export const feishuUserFlowBatchCreateDataSchema = z.looseObject({
  flow_records: z.array(feishuUserFlowSchema).optional(),
});

/** check_time_from / check_time_to: second timestamps as strings, window [from, to) (REFERENCE A4). */
export const feishuUserFlowQueryRequestSchema = z.looseObject({
  user_ids: z.array(feishuUserIdSchema).min(1).max(FEISHU_MAX_USERS_PER_FLOW_QUERY),
  check_time_from: feishuSecondsStringSchema,
  check_time_to: feishuSecondsStringSchema,
});

export const feishuUserFlowQueryDataSchema = z.looseObject({
  user_flow_results: z.array(feishuUserFlowSchema).optional(),
});

export const feishuUserFlowBatchDelRequestSchema = z.looseObject({
  record_ids: z.array(feishuNumericIdSchema).min(1).max(FEISHU_MAX_RECORDS_PER_BATCH_DEL),
});

/** When fail_record_ids is non-empty, msg holds {"id":"reason"} ([NS-ATT] comment, REFERENCE A4). */
export const feishuUserFlowBatchDelDataSchema = z.looseObject({
  success_record_ids: z.array(feishuNumericIdSchema).optional(),
  fail_record_ids: z.array(feishuNumericIdSchema).optional(),
});
