/**
 * Valid WeCom checkin-rule payloads, one per grouptype, that the checkin-option-rules spec mutates; and the
 * request examples printed in the vendor doc itself. Every call returns a fresh copy, so mutating is safe.
 *
 * The base payloads are ours (synthetic, see test/fixtures/vendor-examples/README.md "Known gaps": there is no
 * public grouptype 2 or 3 example); the two doc examples are copied verbatim from
 * /work/shared/vendor-docs/wecom-checkin-option-rules.md L25-114 and L161-250.
 */

// Payloads are untrusted JSON that the tests deliberately break (wrong types, missing fields); a precise type
// would forbid exactly the malformations under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = any;

/** A piece of a payload (a section, a special day …) before it is put into a base payload. */
export type JsonRecord = Record<string, unknown>;

export const DAY = 86_400;
export const HOUR = 3600;
export const MINUTE = 60;

/** 00:00 of a calendar day in China (UTC+8), as unix seconds. */
export function chinaMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 1000 - 8 * HOUR;
}

/** The clock of every test: 2026-01-01 10:00 in China. */
export const NOW = chinaMidnight(2026, 1, 1) + 10 * HOUR;
export const TODAY = chinaMidnight(2026, 1, 1);
export const TOMORROW = TODAY + DAY;

/**
 * A fixed/by-shift time section from work_sec to off_work_sec with punch windows 30 minutes either side and
 * the reminders on time.
 */
export function sectionAt(timeId: number, work: number, off: number): JsonRecord {
  return {
    time_id: timeId,
    work_sec: work,
    off_work_sec: off,
    remind_work_sec: work,
    remind_off_work_sec: off,
    earliest_work_sec: work - 30 * MINUTE,
    latest_work_sec: work + 30 * MINUTE,
    earliest_off_work_sec: off - 30 * MINUTE,
    latest_off_work_sec: off + 30 * MINUTE,
  };
}

/** 09:00-18:00, punch from 08:00 to 10:00 and from 17:00 to 20:00, remind 5 minutes early. */
export function dayShift(timeId: number): JsonRecord {
  return {
    time_id: timeId,
    work_sec: 9 * HOUR,
    off_work_sec: 18 * HOUR,
    remind_work_sec: 9 * HOUR - 5 * MINUTE,
    remind_off_work_sec: 18 * HOUR,
    earliest_work_sec: 8 * HOUR,
    latest_work_sec: 10 * HOUR,
    earliest_off_work_sec: 17 * HOUR,
    latest_off_work_sec: 20 * HOUR,
  };
}

/** A special-workday section (no punch windows: doc L697). */
export function specialSection(timeId: number, work = 9 * HOUR, off = 18 * HOUR): JsonRecord {
  return { time_id: timeId, work_sec: work, off_work_sec: off, remind_work_sec: work, remind_off_work_sec: off };
}

export function specialWorkday(timestamp: number, timeId: number): JsonRecord {
  return { type: 0, timestamp, notes: '调休上班', checkintime: [specialSection(timeId)] };
}

export function specialOffday(timestamp: number): JsonRecord {
  return { type: 0, timestamp, notes: '公司年会' };
}

/** A by-shift work schedule with one section and no flexible hours. */
export function workSchedule(id: number, name: string, timeId: number): JsonRecord {
  return { schedule_id: id, schedule_name: name, time_section: [dayShift(timeId)], allow_flex: false };
}

/** Unique, well-formed wifi MACs. */
export function macFor(index: number): string {
  const hex = (value: number): string => value.toString(16).padStart(2, '0');
  return `02:00:00:00:${hex(Math.floor(index / 256))}:${hex(index % 256)}`;
}

export function otInfoV2(): JsonRecord {
  return {
    workdayconf: { allow_ot: true, type: 2 },
    restdayconf: { allow_ot: false, type: 2 },
    holidayconf: { allow_ot: false, type: 2 },
  };
}

/** Fields every rule type shares. */
function common(): JsonRecord {
  return {
    spe_offdays: [],
    sync_holidays: true,
    need_photo: false,
    note_can_use_local_pic: true,
    wifimac_infos: [{ wifiname: 'HQ-WiFi', wifimac: 'c0:7b:bc:37:f8:d3' }],
    loc_infos: [
      {
        lat: 30_547_030,
        lng: 104_062_890,
        loc_title: '腾讯成都大厦',
        loc_detail: '四川省成都市武侯区天府三街',
        distance: 300,
      },
    ],
    range: { party_id: [], userid: ['zhangsan'], tagid: [] },
    white_users: [],
    type: 0,
    reporterinfo: { reporters: [{ userid: 'lisi' }] },
    allow_apply_offworkday: true,
    allow_apply_bk_cnt: -1,
    allow_apply_bk_day_limit: -1,
    buka_limit_next_month: -1,
    buka_restriction: 0,
    option_out_range: 0,
    use_face_detect: false,
    open_face_live_detect: false,
    sync_out_checkin: false,
    ot_info_v2: otInfoV2(),
  };
}

/** grouptype 1: 09:00-18:00 Monday to Friday. */
export function fixedRule(): Payload {
  return {
    grouptype: 1,
    groupname: '总部固定班',
    checkindate: [{ workdays: [1, 2, 3, 4, 5], checkintime: [dayShift(1)], allow_flex: false }],
    spe_workdays: [],
    allow_checkin_offworkday: false,
    ...common(),
  };
}

/** grouptype 2 (排班): the mandatory rest schedule and one early shift. */
export function shiftRule(): Payload {
  return {
    grouptype: 2,
    groupname: '门店排班',
    schedulelist: [{ schedule_id: 0, schedule_name: '休息' }, workSchedule(1, '早班', 1)],
    ...common(),
  };
}

/** grouptype 3 (自由签到): workdays only, plus the free-rule fields. */
export function freeRule(): Payload {
  return {
    grouptype: 3,
    groupname: '销售自由签到',
    checkindate: [{ workdays: [1, 2, 3, 4, 5] }],
    offwork_interval_time: 300,
    span_day_time: 4 * HOUR,
    standard_work_duration: 8 * HOUR,
    ...common(),
  };
}

/** The add_checkin_option request example of the vendor doc (L25-114), verbatim. */
export function docAddRequestExample(): Payload {
  return {
    effective_now: true,
    group: {
      grouptype: 1,
      groupname: '打卡规则1',
      checkindate: [
        {
          workdays: [1, 2, 3, 4, 5],
          checkintime: [
            {
              time_id: 1,
              work_sec: 36000,
              off_work_sec: 43200,
              remind_work_sec: 35400,
              remind_off_work_sec: 43200,
              earliest_work_sec: 35040,
              latest_work_sec: 37020,
              earliest_off_work_sec: 43140,
              latest_off_work_sec: 43800,
            },
          ],
          flex_on_duty_time: 0,
          flex_off_duty_time: 0,
        },
      ],
      sync_holidays: true,
      need_photo: true,
      note_can_use_local_pic: false,
      wifimac_infos: [{ wifiname: 'Tencent-WiFi-1', wifimac: 'c0:7b:bc:37:f8:d3' }],
      allow_checkin_offworkday: true,
      allow_apply_offworkday: true,
      loc_infos: [
        {
          lat: 30547030,
          lng: 104062890,
          loc_title: '腾讯成都大厦',
          loc_detail: '四川省成都市武侯区高新南区天府三街',
          distance: 300,
        },
      ],
      range: { party_id: [], userid: ['xiaoxioa'], tagid: [] },
      white_users: ['xiaoxioa'],
      type: 0,
      reporterinfo: { reporters: [{ userid: 'xiaoxioa' }] },
      ot_info_v2: { workdayconf: { allow_ot: true, type: 0 } },
      allow_apply_bk_cnt: -1,
      option_out_range: 0,
      use_face_detect: true,
      allow_apply_bk_day_limit: -1,
      open_face_live_detect: true,
      buka_limit_next_month: -1,
      sync_out_checkin: true,
      buka_remind: { open_remind: true, buka_remind_day: 28, buka_remind_month: 0 },
      buka_restriction: 0,
    },
  };
}

/** The update_checkin_option request example of the vendor doc (L161-250): the add example plus groupid. */
export function docUpdateRequestExample(): Payload {
  const { group } = docAddRequestExample() as { group: JsonRecord };
  delete group['buka_restriction'];
  return { effective_now: true, group: { groupid: 1, ...group } };
}
