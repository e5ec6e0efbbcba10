// A test rule shared by the emulator's and the client's specs: a fixed 09:00–18:00 rule for people of the
// sample company, one that WeCom's validation accepts (the emulator spec checks that it does).

/** One day kind of ot_info_v2. */
export const otConf = (allow_ot: boolean, type: number) => ({ allow_ot, type });

export function sampleFixedGroup(groupname: string, userid: string[] = ['lina']) {
  return {
    grouptype: 1 as const,
    groupname,
    checkindate: [
      {
        workdays: [1, 2, 3, 4, 5],
        checkintime: [
          {
            time_id: 1,
            work_sec: 9 * 3600,
            off_work_sec: 18 * 3600,
            remind_work_sec: 9 * 3600 - 300,
            remind_off_work_sec: 18 * 3600,
            earliest_work_sec: 8 * 3600,
            latest_work_sec: 10 * 3600,
            earliest_off_work_sec: 17 * 3600,
            latest_off_work_sec: 20 * 3600,
          },
        ],
        allow_flex: false,
      },
    ],
    wifimac_infos: [{ wifiname: 'HQ-1', wifimac: 'c0:7b:bc:37:f8:d3' }],
    loc_infos: [{ lat: 22_543_100, lng: 114_057_900, loc_title: '总部', loc_detail: '深南大道1000号', distance: 300 }],
    range: { party_id: [], userid, tagid: [] },
    ot_info_v2: { workdayconf: otConf(true, 1), restdayconf: otConf(false, 2), holidayconf: otConf(false, 2) },
  };
}
