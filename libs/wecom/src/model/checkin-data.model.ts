import { z } from 'zod';
import { wecomEnvelopeSchema, wecomInt, wecomUnixSeconds } from './wecom-envelope.model.js';

// Punch records: getcheckindata (REFERENCE B6; path/96497, 2024-12-16) and add_checkin_record (B7;
// path/99647, 2024-07-25).

/** 1 on/off duty (上下班), 2 outings (外出), 3 all. */
export const WECOM_OPEN_CHECKIN_DATA_TYPES = [1, 2, 3] as const;
export type WecomOpenCheckinDataType = (typeof WECOM_OPEN_CHECKIN_DATA_TYPES)[number];

export const wecomGetCheckinDataRequestSchema = z.strictObject({
  opencheckindatatype: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** unix seconds; endtime − starttime ≤ 30 days and endtime > starttime (301024 otherwise) */
  starttime: wecomUnixSeconds,
  endtime: wecomUnixSeconds,
  /** 1–100 userids (301023 otherwise) */
  useridlist: z.array(z.string()),
});
export type WecomGetCheckinDataRequest = z.infer<typeof wecomGetCheckinDataRequestSchema>;

/**
 * `checkin_type` is Chinese text on the wire. The enum is closed on purpose: a punch of a kind we do not
 * know must not be silently mapped to on- or off-duty. Tolerance stops at the record, not the list: the
 * client reads getcheckindata's rows one by one (wecomCheckinDataSchema is the element schema), so a row
 * with a new kind is reported unreadable, naming the field, and every other row of the answer is kept.
 */
export const WECOM_CHECKIN_TYPES = ['上班打卡', '下班打卡', '外出打卡'] as const;
export type WecomCheckinType = (typeof WECOM_CHECKIN_TYPES)[number];

/**
 * `exception_type` values (B6); several are joined with ";" and "" means normal. The field stays a string
 * in the model (WeCom adds values over time); `splitExceptionTypes` sorts it into known and unknown parts.
 * 未打卡 rows are synthetic: WeCom reports a missed punch as a row whose checkin_time is the scheduled time
 * and whose location is empty (third-party observation, UNCONFIRMED officially).
 */
export const WECOM_EXCEPTION_TYPES = ['时间异常', '地点异常', '未打卡', 'wifi异常', '非常用设备'] as const;
export type WecomExceptionType = (typeof WECOM_EXCEPTION_TYPES)[number];

/**
 * One row of getcheckindata (B6). B6 has no required column; read against it field by field:
 *  - required: userid and checkin_time (they identify the punch: the gateway's record key is the pair);
 *    checkin_type (what the punch IS; closed, see above); exception_type (B6: `""` when normal, so WeCom sends
 *    the key even when there is nothing to say — an absent one would be a different API, and defaulting it to
 *    "normal" could turn a 未打卡 row into an invented punch);
 *  - optional, no default: everything else. lat/lng appear only on outing rows in the B6 example,
 *    sch_checkin_time "is only valid for fixed and 排班 rules", schedule_id is 0 when the rule is not by shift,
 *    and the rest (texts, wifi, media, device, groupid, timeline_id) describe a punch that may not have them.
 * Unknown keys are kept (z.looseObject).
 */
export const wecomCheckinDataSchema = z.looseObject({
  userid: z.string(),
  groupname: z.string().optional(),
  checkin_type: z.enum(WECOM_CHECKIN_TYPES),
  exception_type: z.string(),
  /** unix seconds */
  checkin_time: wecomUnixSeconds,
  location_title: z.string().optional(),
  location_detail: z.string().optional(),
  wifiname: z.string().optional(),
  wifimac: z.string().optional(),
  notes: z.string().optional(),
  mediaids: z.array(z.string()).optional(),
  /** degrees × 1,000,000, GCJ-02 */
  lat: wecomInt.optional(),
  /** degrees × 1,000,000, GCJ-02 */
  lng: wecomInt.optional(),
  deviceid: z.string().optional(),
  /** the standard on/off time this punch was matched to (fixed and by-shift rules only) */
  sch_checkin_time: wecomInt.optional(),
  groupid: wecomInt.optional(),
  /** 0 when the rule is not by-shift */
  schedule_id: wecomInt.optional(),
  /** which time section of the day the punch belongs to */
  timeline_id: wecomInt.optional(),
});
export type WecomCheckinData = z.infer<typeof wecomCheckinDataSchema>;

export const wecomGetCheckinDataResponseSchema = wecomEnvelopeSchema.extend({
  checkindata: z.array(wecomCheckinDataSchema),
});
export type WecomGetCheckinDataResponse = z.infer<typeof wecomGetCheckinDataResponseSchema>;

/** 1 door access, 2 attendance machine (face / fingerprint), 3 other. */
export const WECOM_DEVICE_TYPES = [1, 2, 3] as const;

/**
 * One record of add_checkin_record, with the limits of path/99647 (B7): texts ≤ 1024 characters, `wifimac`
 * shaped like aa:bb:cc:dd:ee:ff and required when `wifiname` is given, at most 1 media id, lat within ±90e6
 * and lng within ±180e6, device_detail ≤ 40 characters. They are checked before anything is sent: a batch
 * refused half-way would leave the earlier batches written. WeCom has no idempotency key here: the gateway
 * keeps its own record mapping.
 */
const text1024 = z.string().max(1024);
export const wecomAddCheckinRecordSchema = z
  .strictObject({
    userid: z.string().min(1),
    checkin_time: wecomUnixSeconds,
    location_title: text1024.optional(),
    location_detail: text1024.optional(),
    mediaids: z.array(z.string()).max(1).optional(),
    notes: text1024.optional(),
    device_type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    lat: wecomInt.min(-90_000_000).max(90_000_000).optional(),
    lng: wecomInt.min(-180_000_000).max(180_000_000).optional(),
    device_detail: z.string().max(40).optional(),
    wifiname: text1024.optional(),
    wifimac: z
      .string()
      .regex(/^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$/, 'wifimac must look like aa:bb:cc:dd:ee:ff')
      .optional(),
  })
  .refine((record) => !record.wifiname || record.wifimac !== undefined, {
    message: 'wifimac is required when wifiname is given',
    path: ['wifimac'],
  });
export type WecomAddCheckinRecord = z.infer<typeof wecomAddCheckinRecordSchema>;

export const wecomAddCheckinRecordRequestSchema = z.strictObject({
  /** ≤ 200 per call */
  records: z.array(wecomAddCheckinRecordSchema),
});
export type WecomAddCheckinRecordRequest = z.infer<typeof wecomAddCheckinRecordRequestSchema>;

/** Splits a joined `exception_type` ("时间异常;地点异常") into the documented values and anything else. */
export function splitExceptionTypes(exceptionType: string): {
  readonly known: readonly WecomExceptionType[];
  readonly unrecognised: readonly string[];
} {
  const parts = exceptionType
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const isKnown = (part: string): part is WecomExceptionType =>
    (WECOM_EXCEPTION_TYPES as readonly string[]).includes(part);
  return { known: parts.filter(isKnown), unrecognised: parts.filter((part) => !isKnown(part)) };
}
