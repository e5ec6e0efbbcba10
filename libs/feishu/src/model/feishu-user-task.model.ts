import { z } from 'zod';
import { feishuDayIntSchema, feishuSecondsStringSchema, feishuUserIdSchema } from './feishu-common.model.js';
import { feishuUserFlowSchema } from './feishu-user-flow.model.js';

// Attendance results (打卡结果) of user_tasks/query (REFERENCE A8). Not called by the client yet; modelled so
// the recorded example can be checked and the reconcile step has the type ready.

const taskRecordSchema = z.looseObject({
  check_in_record_id: z.string().optional(),
  check_in_record: feishuUserFlowSchema.optional(),
  check_out_record_id: z.string().optional(),
  check_out_record: feishuUserFlowSchema.optional(),
  check_in_result: z.string().optional(),
  check_out_result: z.string().optional(),
  check_in_result_supplement: z.string().optional(),
  check_out_result_supplement: z.string().optional(),
  check_in_shift_time: feishuSecondsStringSchema.optional(),
  check_out_shift_time: feishuSecondsStringSchema.optional(),
  task_shift_type: z.int().optional(),
});

export const feishuUserTaskSchema = z.looseObject({
  result_id: z.string(),
  user_id: feishuUserIdSchema,
  employee_name: z.string().optional(),
  day: feishuDayIntSchema,
  /** "1" = not in any group. */
  group_id: z.string(),
  /** "9" = default shift. */
  shift_id: z.string(),
  records: z.array(taskRecordSchema).optional(),
});
export type FeishuUserTask = z.infer<typeof feishuUserTaskSchema>;

export const feishuUserTaskQueryDataSchema = z.looseObject({
  user_task_results: z.array(feishuUserTaskSchema).optional(),
  invalid_user_ids: z.array(z.string()).optional(),
  unauthorized_user_ids: z.array(z.string()).optional(),
});
