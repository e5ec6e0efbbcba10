import { z } from 'zod';

// tenant_access_token of a self-built app (REFERENCE A2).

export const feishuTenantTokenRequestSchema = z.strictObject({
  app_id: z.string().min(1),
  app_secret: z.string().min(1),
});
export type FeishuTenantTokenRequest = z.infer<typeof feishuTenantTokenRequestSchema>;

/** The token and its lifetime sit at the TOP level of the body, not under `data`; `expire` is in seconds. */
export const feishuTenantTokenResponseSchema = z.looseObject({
  code: z.literal(0),
  msg: z.string().default(''),
  tenant_access_token: z.string().min(1),
  expire: z.int().positive(),
});
export type FeishuTenantTokenResponse = z.infer<typeof feishuTenantTokenResponseSchema>;

/** A token keeps being handed out unchanged while at least this long remains (REFERENCE A2). */
export const FEISHU_TOKEN_REISSUE_THRESHOLD_SECONDS = 30 * 60;
