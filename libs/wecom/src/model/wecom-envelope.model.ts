import { z } from 'zod';

// Wire primitives. WeCom documents int32/uint32/int64 fields; JSON gives us numbers, so the schemas check
// "integer" and leave ranges to the vendor (and to the emulator's validation).
export const wecomInt = z.number().int();
/** Unix time in seconds, as every WeCom checkin API carries it. */
export const wecomUnixSeconds = z.number().int().nonnegative();

/**
 * Every WeCom answer: `errcode`/`errmsg` next to the payload keys, no `data` wrapper (REFERENCE B1;
 * path/91039). Extra keys are tolerated (and stripped) everywhere in response schemas.
 */
export const wecomEnvelopeSchema = z.object({
  errcode: wecomInt,
  errmsg: z.string(),
});
export type WecomEnvelope = z.infer<typeof wecomEnvelopeSchema>;

/** `GET /cgi-bin/gettoken?corpid&corpsecret` (path/91039; REFERENCE B2). `expires_in` in seconds, normally 7200. */
export const wecomGettokenResponseSchema = wecomEnvelopeSchema.extend({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});
export type WecomGettokenResponse = z.infer<typeof wecomGettokenResponseSchema>;

/** The answer of write calls that return nothing but the envelope (add/update/clear/del_checkin_option, …). */
export const wecomEmptyResponseSchema = wecomEnvelopeSchema;
export type WecomEmptyResponse = WecomEnvelope;
