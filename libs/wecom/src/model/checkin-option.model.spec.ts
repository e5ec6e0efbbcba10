import { wecomCheckinGroupReadSchema } from './index.js';

// The translation reads a rule through wecomCheckinGroupReadSchema (libs/translation, wecomToCanonical), also
// a rule the client already read with it: what the schema takes is what the translation reads, and its output
// must read again as itself.

const base = { grouptype: 1, groupid: 1, groupname: 'x' };

describe('wecomCheckinGroupReadSchema: fields the translation reads since issue #17', () => {
  it.each<[string, Record<string, unknown>]>([
    [
      'a 2024 answer (WxJava issue #3323): newer windows, reminders, limit_aheadtime 0, late rule',
      {
        checkindate: [
          {
            workdays: [1, 2, 3, 4, 5],
            checkintime: [
              {
                time_id: 1,
                work_sec: 32400,
                off_work_sec: 64800,
                remind_work_sec: 31800,
                remind_off_work_sec: 64800,
                earliest_work_sec: 21600,
                latest_work_sec: 64740,
                earliest_off_work_sec: 32460,
                latest_off_work_sec: 107940,
              },
            ],
            noneed_offwork: false,
            limit_aheadtime: 0,
            allow_flex: false,
            late_rule: {
              offwork_after_time: 3600,
              onwork_flex_time: 3600,
              allow_offwork_after_time: true,
              timerules: [{ offwork_after_time: 18000, onwork_flex_time: 3600 }],
            },
          },
        ],
        allow_checkin_offworkday: false,
      },
    ],
    [
      'ot_info_v2 with the admin’s overtime details',
      {
        ot_info_v2: {
          workdayconf: {
            allow_ot: true,
            type: 1,
            checkin: { ot_time_start: 1800, ot_time_min: 1800, ot_time_max: 14400 },
            vacation: { trans_ratio: 100, sync_vacation: true },
          },
          restdayconf: { allow_ot: false },
        },
      },
    ],
    [
      'legacy schedule limits (ms and s)',
      {
        grouptype: 2,
        schedulelist: [
          {
            schedule_id: 229,
            schedule_name: '早班',
            time_section: [{ time_id: 1, work_sec: 32400, off_work_sec: 43200 }],
            limit_aheadtime: 14400000,
            limit_offtime: 14400,
          },
        ],
      },
    ],
  ])('reads %s, and its own output as itself', (_name, fields) => {
    const parsed = wecomCheckinGroupReadSchema.parse({ ...base, ...fields });
    expect(wecomCheckinGroupReadSchema.parse(parsed)).toEqual(parsed);
  });

  it('reads both spellings of the departments, numbers among them, as party_id strings', () => {
    for (const [range, departments] of [
      [{ party_id: ['1', 2] }, ['1', '2']],
      [{ partyid: [3] }, ['3']],
      [{ userid: ['u'], tagid: [1] }, []],
    ] as const) {
      const parsed = wecomCheckinGroupReadSchema.parse({ ...base, range });
      expect(parsed.range?.party_id).toEqual(departments);
      expect(wecomCheckinGroupReadSchema.parse(parsed)).toEqual(parsed);
    }
    expect(wecomCheckinGroupReadSchema.safeParse({ ...base, range: { party_id: [1.5] } }).success).toBe(false);
  });
});
