import { z } from 'zod';

// Feishu contact (通讯录) v3, the reads an identity match needs, spelled as Feishu's JSON. Source:
// docs/vendor/feishu-contact.md (digest of shared/vendor-docs/contact-identity-apis.md [F1]–[F4]). Tolerant
// readers: every field a scope or a condition may withhold is optional, unknown fields pass through.

/** At most 50 emails and 50 mobiles per users/batch_get_id call ([F1]). */
export const FEISHU_MAX_EMAILS_PER_BATCH_GET_ID = 50;
export const FEISHU_MAX_MOBILES_PER_BATCH_GET_ID = 50;
/** page_size of find_by_department and department/children: 1–50, default 10 ([F3] [F4]). */
export const FEISHU_MAX_CONTACT_PAGE_SIZE = 50;

/** A person's status ([F2]): is_frozen 冻结, is_resigned 离职, is_activated, is_exited, is_unjoin 未加入. */
export const feishuContactUserStatusSchema = z.looseObject({
  is_frozen: z.boolean().optional(),
  is_resigned: z.boolean().optional(),
  is_activated: z.boolean().optional(),
  is_exited: z.boolean().optional(),
  is_unjoin: z.boolean().optional(),
});
export type FeishuContactUserStatus = z.infer<typeof feishuContactUserStatusSchema>;

/**
 * One entry of batch_get_id's data.user_list ([F1]): the email or the mobile asked for, and user_id only when
 * someone was found the app may see ("如果查询的手机号、邮箱不存在，或者无权限查看对应的用户，则不返回此项").
 */
export const feishuUserIdEntrySchema = z.looseObject({
  user_id: z.string().optional(),
  email: z.string().optional(),
  mobile: z.string().optional(),
  status: feishuContactUserStatusSchema.optional(),
});
export type FeishuUserIdEntry = z.infer<typeof feishuUserIdEntrySchema>;

/**
 * A department of department/children ([F4]). name may not contain "/"; parent_department_id is "0" under
 * the root; open_department_id is always answered, the custom department_id may be absent.
 */
export const feishuDepartmentSchema = z.looseObject({
  open_department_id: z.string().min(1, { message: 'must not be empty' }),
  department_id: z.string().optional(),
  name: z.string().optional(),
  i18n_name: z.looseObject({}).optional(),
  parent_department_id: z.string().optional(),
  leader_user_id: z.string().optional(),
  order: z.string().optional(),
  member_count: z.number().optional(),
  status: z.looseObject({ is_deleted: z.boolean().optional() }).optional(),
});
export type FeishuDepartment = z.infer<typeof feishuDepartmentSchema>;

/**
 * The user object as find_by_department answers it, with the fields a matcher reads ([F2]). Each sensitive
 * field comes only with its field scope (user_id, email, mobile, employee_no, status), so all are optional.
 */
export const feishuContactUserSchema = z.looseObject({
  union_id: z.string().optional(),
  user_id: z.string().optional(),
  open_id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  enterprise_email: z.string().optional(),
  mobile: z.string().optional(),
  employee_no: z.string().optional(),
  status: feishuContactUserStatusSchema.optional(),
  department_ids: z.array(z.string()).optional(),
});
export type FeishuContactUser = z.infer<typeof feishuContactUserSchema>;
