import { z } from 'zod';
import { wecomEnvelopeSchema, wecomInt } from './wecom-envelope.model.js';

// The contact (通讯录) reads an identity match needs: userid by mobile and by email, the userid list, the
// department tree and the members of a department. Sources: docs/vendor/wecom-contact.md (digest of
// contact-identity-apis.md [W0]–[W9]). Read models are tolerant: what identifies a record is required, every
// other field optional (a self-built app created after 2022-06-20 gets no mobile/email at all, [W0]), unknown
// keys are kept (z.looseObject). Lists are read element by element by the client.

/** user/get_userid_by_email `email_type`: 1 企业邮箱 (default), 2 个人邮箱 ([W2]). */
export const WECOM_EMAIL_TYPES = [1, 2] as const;
export type WecomEmailType = (typeof WECOM_EMAIL_TYPES)[number];

/** POST /cgi-bin/user/getuserid ([W1]): one mobile per call, 5–32 bytes of digits, "+" and "-" ([W0] 60103). */
export const wecomGetUserIdByMobileRequestSchema = z.strictObject({
  mobile: z.string().min(1),
});
export type WecomGetUserIdByMobileRequest = z.infer<typeof wecomGetUserIdByMobileRequestSchema>;

/** POST /cgi-bin/user/get_userid_by_email ([W2]): one email and one email_type per call. */
export const wecomGetUserIdByEmailRequestSchema = z.strictObject({
  email: z.string().min(1),
  email_type: z.union([z.literal(1), z.literal(2)]),
});
export type WecomGetUserIdByEmailRequest = z.infer<typeof wecomGetUserIdByEmailRequestSchema>;

/** The answer of both lookups: `{errcode, errmsg, userid}` ([W1], [W2]). */
export const wecomUserIdAnswerSchema = wecomEnvelopeSchema.extend({ userid: z.string().min(1) });
export type WecomUserIdAnswer = z.infer<typeof wecomUserIdAnswerSchema>;

/** POST /cgi-bin/user/list_id ([W3]): `limit` 1–10000, `cursor` empty the first time. */
export const WECOM_LIST_ID_MAX_LIMIT = 10_000;
export const wecomListIdRequestSchema = z.strictObject({
  cursor: z.string().optional(),
  limit: wecomInt.min(1).max(WECOM_LIST_ID_MAX_LIMIT).optional(),
});
export type WecomListIdRequest = z.infer<typeof wecomListIdRequestSchema>;

/** One row of list_id's `dept_user`: one per (member, department) ([W3]). Both fields identify the row. */
export const wecomDeptUserSchema = z.looseObject({
  userid: z.string().min(1),
  department: wecomInt,
});
export type WecomDeptUser = z.infer<typeof wecomDeptUserSchema>;

/**
 * One department of department/list ([W7]): `id` and `parentid` (0 above the root, whose id is 1) place it in
 * the tree and are required; `name` is listed by [W7] but kept optional (whether every app type is given it is
 * UNCONFIRMED; a department without one cannot be matched by name, which is the matcher's decision).
 */
export const wecomDepartmentSchema = z.looseObject({
  id: wecomInt,
  name: z.string().optional(),
  name_en: z.string().optional(),
  parentid: wecomInt,
  order: wecomInt.optional(),
  department_leader: z.array(z.string()).optional(),
});
export type WecomDepartment = z.infer<typeof wecomDepartmentSchema>;

/** 激活状态 ([W6]): 1 已激活, 2 已禁用, 4 未激活, 5 退出企业. Kept a number: WeCom may add states. */
export const WECOM_USER_STATUS = { active: 1, disabled: 2, inactive: 4, left: 5 } as const;

/**
 * One member of user/list ([W5], in the user/get shape of [W6]). `userid` identifies it (required); `department`
 * reads as [] when absent. mobile, email and biz_mail are optional: WeCom stops returning them to self-built apps
 * created after 2022-06-20 20:00 ([W0], [WC-96255]); only old apps and the contact-sync secret see them.
 */
export const wecomDirectoryUserSchema = z.looseObject({
  userid: z.string().min(1),
  name: z.string().optional(),
  department: z.array(wecomInt).default(() => []),
  main_department: wecomInt.optional(),
  order: z.array(wecomInt).optional(),
  position: z.string().optional(),
  status: wecomInt.optional(),
  mobile: z.string().optional(),
  email: z.string().optional(),
  biz_mail: z.string().optional(),
  is_leader_in_dept: z.array(wecomInt).optional(),
  direct_leader: z.array(z.string()).optional(),
  /** 工号 lives here when a company keeps one: WeCom has no employee-number field ([W6]). */
  extattr: z
    .looseObject({
      attrs: z
        .array(
          z.looseObject({
            type: wecomInt.optional(),
            name: z.string().optional(),
            text: z.looseObject({ value: z.string().optional() }).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type WecomDirectoryUser = z.infer<typeof wecomDirectoryUserSchema>;
