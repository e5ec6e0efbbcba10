import { z } from 'zod';
import { wecomEnvelopeSchema, wecomInt, wecomUnixSeconds } from './wecom-envelope.model.js';

// Day reports, getcheckin_daydata (REFERENCE B9; [WC-PM] path/93374). Modelled for reconciliation; the
// client does not call it yet. Only the identifying fields are required; the report sections are optional, and
// keys we do not model are kept (z.looseObject), as in every read schema.

const i18nTextSchema = z.looseObject({ data: z.array(z.looseObject({ lang: z.string(), text: z.string() })) });

export const wecomCheckinDayDataSchema = z.looseObject({
  base_info: z.looseObject({
    /** 00:00 of the day, unix seconds */
    date: wecomUnixSeconds,
    /** 1 fixed, 2 outing, 3 by-shift, 4 free, 5 overtime, 7 no rule */
    record_type: wecomInt,
    name: z.string().optional(),
    name_ex: z.string().optional(),
    departs_name: z.string().optional(),
    /** = userid */
    acctid: z.string(),
    rule_info: z
      .looseObject({
        groupid: wecomInt,
        groupname: z.string().optional(),
        scheduleid: wecomInt.optional(),
        schedulename: z.string().optional(),
        checkintime: z.array(z.looseObject({ work_sec: wecomInt, off_work_sec: wecomInt })).optional(),
      })
      .optional(),
    /** 0 workday, 1 rest day */
    day_type: wecomInt.optional(),
  }),
  summary_info: z
    .looseObject({
      checkin_count: wecomInt.optional(),
      regular_work_sec: wecomInt.optional(),
      standard_work_sec: wecomInt.optional(),
      earliest_time: wecomInt.optional(),
      /** spelled this way by the API */
      lastest_time: wecomInt.optional(),
    })
    .optional(),
  holiday_infos: z
    .array(
      z.looseObject({
        sp_number: z.string().optional(),
        sp_title: i18nTextSchema.optional(),
        sp_description: i18nTextSchema.optional(),
      }),
    )
    .optional(),
  exception_infos: z
    .array(
      z.looseObject({
        /** 1 late, 2 early, 3 missing, 4 absent, 5 location, 6 device */
        exception: wecomInt,
        count: wecomInt.optional(),
        duration: wecomInt.optional(),
      }),
    )
    .optional(),
  ot_info: z
    .looseObject({
      ot_status: wecomInt.optional(),
      ot_duration: wecomInt.optional(),
      exception_duration: z.array(wecomInt).optional(),
    })
    .optional(),
  sp_items: z
    .array(
      z.looseObject({
        /** 1 leave, 2 补卡, 3 trip, 4 outing, 100 field */
        type: wecomInt,
        vacation_id: wecomInt.optional(),
        count: wecomInt.optional(),
        duration: wecomInt.optional(),
        /** 0 day, 1 hour */
        time_type: wecomInt.optional(),
        name: z.string().optional(),
      }),
    )
    .optional(),
});
export type WecomCheckinDayData = z.infer<typeof wecomCheckinDayDataSchema>;

export const wecomGetCheckinDayDataResponseSchema = wecomEnvelopeSchema.extend({
  datas: z.array(wecomCheckinDayDataSchema),
});
export type WecomGetCheckinDayDataResponse = z.infer<typeof wecomGetCheckinDayDataResponseSchema>;
