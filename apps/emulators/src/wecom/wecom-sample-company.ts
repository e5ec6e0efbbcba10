import { SeededRandom } from '../common/seeded-random.js';
import { SAMPLE_CONTACTS } from '../sample-company/contacts.js';
import { SAME_ID_PEOPLE, SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../sample-company/people.js';
import { chinaDate, chinaMidnight, DAY_SECONDS, dayStart, yearMonthOf } from './china-time.util.js';
import { isEarly, isLate, scheduledPoints } from './checkin-matching.util.js';
import {
  type DirectoryUser,
  FOREIGN_APP,
  type JsonObject,
  type StoredPunch,
  type StoredRule,
  WecomEmulatorState,
} from './wecom-emulator.state.js';

// The sample company (示例科技有限公司) as WeCom holds it: the people and departments of people.ts, two
// checkin rules that were set up in the WeCom admin console (so they belong to another app: the gateway may
// read them but not change them), a month and a half of schedules for the by-shift rule, and two weeks of
// punches ending today by the emulator clock. Deterministic for a given seed and day.

export const SAMPLE_FIXED_RULE_NAME = '总部固定班';
export const SAMPLE_SHIFT_RULE_NAME = '工厂门店排班';
/** The by-shift rule's schedules: 早班 08:00–16:00, 晚班 16:00–24:00, 夜班 22:00–06:00 (next day). */
export const SAMPLE_SCHEDULE_IDS = { rest: 0, early: 11, late: 12, night: 13 } as const;
export const SAMPLE_PUNCH_DAYS = 14;
/** The WeCom root department: id 1, the corp's name, parentid 0 ([W7]). */
export const SAMPLE_ROOT_DEPARTMENT = { id: 1, name: '示例科技有限公司', parentid: 0, order: 100_000_000 } as const;

const HQ = { title: '示例科技总部', detail: '广东省深圳市福田区深南大道1000号', lat: 22_543_100, lng: 114_057_900 };
const HQ_WIFI = { wifiname: 'SampleTech-HQ', wifimac: '3c:46:d8:0c:7a:70' };
const FACTORY = { title: '示例科技东莞工厂', detail: '广东省东莞市松山湖大道8号', lat: 23_020_536, lng: 113_751_765 };
const CUSTOMER = {
  title: '华南客户中心',
  detail: '广东省广州市天河区珠江新城花城大道85号',
  lat: 23_119_263,
  lng: 113_323_680,
};

function section(timeId: number, work: number, off: number, before: number, after: number): JsonObject {
  return {
    time_id: timeId,
    work_sec: work,
    off_work_sec: off,
    remind_work_sec: work - 600,
    remind_off_work_sec: off,
    earliest_work_sec: work - before,
    latest_work_sec: work + 2 * 3600,
    earliest_off_work_sec: off - 2 * 3600,
    latest_off_work_sec: off + after,
    allow_rest: false,
    no_need_checkon: false,
    no_need_checkoff: false,
  };
}

/** An old fixed rule: legacy read fields (limit_aheadtime in ms, ot_info) as a long-lived rule shows them. */
function fixedRule(nowSeconds: number): JsonObject {
  return {
    grouptype: 1,
    groupname: SAMPLE_FIXED_RULE_NAME,
    checkindate: [
      {
        workdays: [1, 2, 3, 4, 5],
        checkintime: [{ ...section(1, 9 * 3600, 18 * 3600, 2 * 3600, 5 * 3600) }],
        noneed_offwork: false,
        limit_aheadtime: 7_200_000,
        allow_flex: true,
        flex_on_duty_time: 600,
        flex_off_duty_time: 0,
      },
    ],
    sync_holidays: true,
    need_photo: false,
    note_can_use_local_pic: true,
    wifimac_infos: [HQ_WIFI],
    loc_infos: [{ lat: HQ.lat, lng: HQ.lng, loc_title: HQ.title, loc_detail: HQ.detail, distance: 300 }],
    range: { party_id: [SAMPLE_DEPARTMENTS.headquarters.wecomPartyId], userid: [], tagid: [] },
    white_users: [],
    type: 0,
    reporterinfo: { reporters: [{ userid: 'zhangwei' }], updatetime: nowSeconds - 300 * DAY_SECONDS },
    allow_apply_offworkday: true,
    allow_apply_bk_cnt: 3,
    allow_apply_bk_day_limit: 7,
    option_out_range: 0,
    use_face_detect: false,
    ot_info: {
      type: 2,
      allow_ot_workingday: true,
      allow_ot_nonworkingday: false,
      otcheckinfo: {
        ot_workingday_time_start: 1800,
        ot_workingday_time_min: 1800,
        ot_workingday_time_max: 14_400,
        ot_nonworkingday_time_min: 1800,
        ot_nonworkingday_time_max: 14_400,
        ot_nonworkingday_spanday_time: 0,
      },
      uptime: nowSeconds - 300 * DAY_SECONDS,
    },
  };
}

/** A newer by-shift rule (ot_info_v2, time windows), with the rest schedule 0 that WeCom requires. */
function shiftRule(): JsonObject {
  return {
    grouptype: 2,
    groupname: SAMPLE_SHIFT_RULE_NAME,
    schedulelist: [
      { schedule_id: SAMPLE_SCHEDULE_IDS.rest, schedule_name: '休息', time_section: [] },
      {
        schedule_id: SAMPLE_SCHEDULE_IDS.early,
        schedule_name: '早班',
        time_section: [section(1, 8 * 3600, 16 * 3600, 3600, 2 * 3600)],
        allow_flex: false,
      },
      {
        schedule_id: SAMPLE_SCHEDULE_IDS.late,
        schedule_name: '晚班',
        time_section: [section(2, 16 * 3600, 24 * 3600, 3600, 2 * 3600)],
        allow_flex: false,
      },
      {
        schedule_id: SAMPLE_SCHEDULE_IDS.night,
        schedule_name: '夜班',
        // 22:00 to 06:00 the next day: off_work_sec above 86400.
        time_section: [section(3, 22 * 3600, 30 * 3600, 3600, 2 * 3600)],
        allow_flex: false,
      },
    ],
    sync_holidays: true,
    loc_infos: [
      { lat: FACTORY.lat, lng: FACTORY.lng, loc_title: FACTORY.title, loc_detail: FACTORY.detail, distance: 500 },
    ],
    range: {
      party_id: [SAMPLE_DEPARTMENTS.factory.wecomPartyId, SAMPLE_DEPARTMENTS.stores.wecomPartyId],
      userid: [],
      tagid: [],
    },
    type: 0,
    option_out_range: 1,
    ot_info_v2: {
      workdayconf: { allow_ot: true, type: 1 },
      restdayconf: { allow_ot: true, type: 1 },
      holidayconf: { allow_ot: false, type: 2 },
    },
  };
}

export function loadWecomSampleCompany(
  state: WecomEmulatorState,
  options: { readonly seed: number; readonly nowSeconds: number },
): void {
  const random = new SeededRandom(options.seed * 31 + 5);
  const now = options.nowSeconds;
  const today = dayStart(now);

  // The department tree: the root 1 carries the corp's name, parentid 0 ([W7]); the three of people.ts below it.
  state.departments.set(SAMPLE_ROOT_DEPARTMENT.id, SAMPLE_ROOT_DEPARTMENT);
  Object.values(SAMPLE_DEPARTMENTS).forEach((department, index) => {
    const id = Number(department.wecomPartyId);
    state.departments.set(id, { id, name: department.name, parentid: 1, order: 100_000_000 - index * 1000 });
  });
  // People with the contact fields of contacts.ts: the work email is WeCom's 企业邮箱 (biz_mail), a personal
  // email where contacts.ts has one, the mobile, and the employee number as extattr 工号 ([W6]).
  const contactFields = (userid: string, name?: string): Omit<DirectoryUser, 'userid' | 'partyIds'> => {
    const contact = SAMPLE_CONTACTS[userid];
    if (!contact) return {};
    return {
      ...(name !== undefined && { name }),
      status: 1,
      mobile: contact.mobile,
      biz_mail: contact.workEmail,
      ...(contact.personalEmail !== undefined && { email: contact.personalEmail }),
      extattr: { attrs: [{ type: 0, name: '工号', text: { value: contact.employeeNo } }] },
    };
  };
  for (const person of SAMPLE_PEOPLE) {
    state.users.set(person.wecomUserId, {
      userid: person.wecomUserId,
      partyIds: [SAMPLE_DEPARTMENTS[person.department].wecomPartyId],
      ...contactFields(person.wecomUserId, person.name),
    });
  }
  for (const userid of SAME_ID_PEOPLE) {
    state.users.set(userid, {
      userid,
      partyIds: [SAMPLE_DEPARTMENTS.headquarters.wecomPartyId],
      ...contactFields(userid),
    });
  }

  const addRule = (group: JsonObject, ageDays: number, creator: string): StoredRule => {
    const rule: StoredRule = {
      groupid: state.nextGroupid++,
      owner: FOREIGN_APP,
      group,
      create_time: now - ageDays * DAY_SECONDS,
      create_userid: creator,
      update_userid: creator,
    };
    state.rules.set(rule.groupid, rule);
    return rule;
  };
  addRule(fixedRule(now), 400, 'zhangwei');
  const shifts = addRule(shiftRule(), 200, 'wangfang');

  // Schedules: each shift worker follows a 7-day rotation from a seeded offset, from the first day of
  // last month to the last day of this month.
  const rotation = [
    SAMPLE_SCHEDULE_IDS.early,
    SAMPLE_SCHEDULE_IDS.early,
    SAMPLE_SCHEDULE_IDS.late,
    SAMPLE_SCHEDULE_IDS.late,
    SAMPLE_SCHEDULE_IDS.night,
    SAMPLE_SCHEDULE_IDS.rest,
    SAMPLE_SCHEDULE_IDS.rest,
  ];
  const { year, month } = chinaDate(today);
  const from = chinaMidnight(year, month - 1, 1);
  const until = chinaMidnight(year, month + 1, 1);
  const shiftWorkers = SAMPLE_PEOPLE.filter((person) => person.department !== 'headquarters');
  const setSchedule = (userid: string, day: number, scheduleId: number): void => {
    const key = WecomEmulatorState.scheduleKey(shifts.groupid, userid, yearMonthOf(day));
    const days = state.schedules.get(key) ?? new Map<number, number>();
    days.set(chinaDate(day).day, scheduleId);
    state.schedules.set(key, days);
  };
  for (const person of shiftWorkers) {
    const offset = random.int(0, rotation.length - 1);
    for (let day = from, index = 0; day < until; day += DAY_SECONDS, index++) {
      setSchedule(person.wecomUserId, day, rotation[(index + offset) % rotation.length] ?? 0);
    }
  }
  // Guarantee a cross-midnight shift inside the punch window: 杨磊 works nights three days ago.
  setSchedule('yanglei', today - 3 * DAY_SECONDS, SAMPLE_SCHEDULE_IDS.night);

  // Punches: two weeks ending today; nothing later than now.
  const deviceOf = new Map(SAMPLE_PEOPLE.map((person) => [person.wecomUserId, hexId(random)]));
  const punches: StoredPunch[] = [];
  const missedBy = 'chenjing';
  let missedPlaced = false;
  for (let back = SAMPLE_PUNCH_DAYS - 1; back >= 0; back--) {
    const day = today - back * DAY_SECONDS;
    for (const person of SAMPLE_PEOPLE) {
      const userid = person.wecomUserId;
      const atHq = person.department === 'headquarters';
      for (const point of scheduledPoints(state, userid, day)) {
        const jitter = point.kind === 'on' ? random.int(-20, 12) * 60 : random.int(0, 45) * 60;
        // Even seconds (the Feishu sample's native punches take odd ones: see feishu-sample-company.ts).
        const time = point.time + jitter + random.int(0, 29) * 2;
        const scheduledAt = point.time;
        // 陈静 forgot to clock out once (the first finished shift from three days back): WeCom reports the
        // gap as a synthetic 未打卡 row at the scheduled time with no location (REFERENCE B6, UNCONFIRMED).
        const missed = !missedPlaced && userid === missedBy && point.kind === 'off' && back <= 3 && scheduledAt <= now;
        if (missed) {
          missedPlaced = true;
          punches.push({
            ...base(userid, point.rule, point, scheduledAt, deviceOf.get(userid) ?? ''),
            checkin_type: '下班打卡',
            exception_type: '未打卡',
            checkin_time: scheduledAt,
            location_title: '',
            location_detail: '',
            wifiname: '',
            wifimac: '',
            deviceid: '',
          });
          continue;
        }
        if (time > now) continue;
        const place = atHq ? HQ : FACTORY;
        punches.push({
          ...base(userid, point.rule, point, scheduledAt, deviceOf.get(userid) ?? ''),
          checkin_type: point.kind === 'on' ? '上班打卡' : '下班打卡',
          exception_type: isLate(point, time) || isEarly(point, time) ? '时间异常' : '',
          checkin_time: time,
          location_title: place.title,
          location_detail: place.detail,
          ...(atHq
            ? HQ_WIFI
            : {
                wifiname: '',
                wifimac: '',
                lat: place.lat + random.int(-90, 90),
                lng: place.lng + random.int(-90, 90),
              }),
        });
      }
    }
  }
  // 周杰 visited a customer yesterday afternoon: an outing (外出打卡) with coordinates and a note.
  const outingAt = today - DAY_SECONDS + 14 * 3600 + 30 * 60;
  const zhoujieRule = state.ruleOf('zhoujie');
  if (zhoujieRule && outingAt <= now) {
    punches.push({
      userid: 'zhoujie',
      groupname: String(zhoujieRule.group['groupname']),
      checkin_type: '外出打卡',
      exception_type: '',
      checkin_time: outingAt,
      location_title: CUSTOMER.title,
      location_detail: CUSTOMER.detail,
      wifiname: '',
      wifimac: '',
      notes: '拜访客户',
      mediaids: [],
      lat: CUSTOMER.lat,
      lng: CUSTOMER.lng,
      deviceid: deviceOf.get('zhoujie') ?? '',
      sch_checkin_time: 0,
      groupid: zhoujieRule.groupid,
      schedule_id: 0,
      timeline_id: 0,
    });
  }
  state.punches.push(...punches.sort((a, b) => a.checkin_time - b.checkin_time || a.userid.localeCompare(b.userid)));
}

function base(
  userid: string,
  rule: StoredRule,
  point: { schedule_id: number; timeline_id: number },
  scheduledAt: number,
  deviceid: string,
): Omit<
  StoredPunch,
  'checkin_type' | 'exception_type' | 'checkin_time' | 'location_title' | 'location_detail' | 'wifiname' | 'wifimac'
> {
  return {
    userid,
    groupname: String(rule.group['groupname']),
    notes: '',
    mediaids: [],
    deviceid,
    sch_checkin_time: scheduledAt,
    groupid: rule.groupid,
    schedule_id: point.schedule_id,
    timeline_id: point.timeline_id,
  };
}

/** A device id shaped like WeCom's (E5FA89F6-3926-4972-BE4F-4A7ACF4701E2). */
function hexId(random: SeededRandom): string {
  const hex = (length: number): string =>
    Array.from({ length }, () => '0123456789ABCDEF'[random.int(0, 15)] ?? '0').join('');
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}
