import type { SeededRandom } from '../common/seeded-random.js';
import { SAMPLE_DEPARTMENTS } from '../sample-company/people.js';
import { saveGroup } from './feishu-group.handlers.js';
import { createShift } from './feishu-shift.handlers.js';
import type { FeishuTenant } from './feishu-tenant.state.js';
import { importFlows } from './feishu-user-flow.handlers.js';
import { writeDailyShifts } from './feishu-user-daily-shift.handlers.js';
import { daysInMonth, epochDayToDayInt, localEpochDay, localMidnight, mondayFirstWeekday } from './feishu-time.util.js';

// The sample company (示例科技有限公司) as Feishu attendance holds it, built through the same validating
// code paths as the API so the seed is itself a valid Feishu tenant. Deterministic for a seed and a clock:
//  - shifts: 标准班 split 9:00–12:00 + 13:30–18:00; 早班 8:00–16:00; 夜班 22:00–"30:00" (overnight); 弹性班
//    (is_flexible + flexible_rule);
//  - groups of all three types: 总部固定班 (fixed, Mon–Thu 标准班, Fri 弹性班, weekend rest; a 高德 GPS
//    location and a Wi-Fi), 工厂排班 (排班, day/night/rest rota), 门店自由班 (free, punch_day Mon–Sat,
//    work_hours; a Google-map location);
//  - rosters for the 排班 group from the month two weeks ago through next month;
//  - two weeks of punches for everyone, ending "now" by the emulator clock.

export const SAMPLE_SHIFT_NAMES = { standard: '标准班', early: '早班', night: '夜班', flexible: '弹性班' } as const;
export const SAMPLE_GROUP_NAMES = { fixed: '总部固定班', shiftBased: '工厂排班', free: '门店自由班' } as const;

interface Place {
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
}

const HQ: Place = { name: '上海市浦东新区世纪大道100号', latitude: 31.23416, longitude: 121.50737 };
const FACTORY: Place = { name: '苏州工业园区星湖街328号', latitude: 31.2652, longitude: 120.7362 };
const STORE: Place = {
  name: 'Harbour City, 3-27 Canton Rd, Tsim Sha Tsui, Hong Kong',
  latitude: 22.2957,
  longitude: 114.1686,
};
const HQ_WIFI = { ssid: 'SampleCorp-HQ', bssid: '3c:84:6a:12:9f:01' };

function segment(onTime: string, offTime: string, offDelay = 120) {
  return {
    on_time: onTime,
    off_time: offTime,
    late_minutes_as_late: 5,
    late_minutes_as_lack: 60,
    on_advance_minutes: 60,
    early_minutes_as_early: 5,
    early_minutes_as_lack: 60,
    off_delay_minutes: offDelay,
    late_minutes_as_serious_late: 30,
    // Create meaning: false = the punch IS needed.
    no_need_on: false,
    no_need_off: false,
  };
}

export function loadSampleCompany(tenant: FeishuTenant, now: number, random: SeededRandom): void {
  const standard = createShift(tenant, {
    shift_name: SAMPLE_SHIFT_NAMES.standard,
    punch_times: 2,
    punch_time_rule: [segment('9:00', '12:00', 60), segment('13:30', '18:00', 240)],
  }).shift.shift_id;
  const early = createShift(tenant, {
    shift_name: SAMPLE_SHIFT_NAMES.early,
    punch_times: 1,
    punch_time_rule: [segment('8:00', '16:00')],
    rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '12:30' }],
  }).shift.shift_id;
  const night = createShift(tenant, {
    shift_name: SAMPLE_SHIFT_NAMES.night,
    punch_times: 1,
    // Overnight: ends at 06:00 the next day, written "30:00" (feishu-get-shift.md off_time).
    punch_time_rule: [segment('22:00', '30:00', 180)],
    rest_time_rule: [{ rest_begin_time: '26:00', rest_end_time: '26:30' }],
  }).shift.shift_id;
  const flexible = createShift(tenant, {
    shift_name: SAMPLE_SHIFT_NAMES.flexible,
    punch_times: 1,
    is_flexible: true,
    flexible_rule: [{ flexible_early_minutes: 60, flexible_late_minutes: 60 }],
    punch_time_rule: [segment('9:00', '18:00')],
    rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
  }).shift.shift_id;

  const options = { employeeType: 'employee_id' as const, now };
  const fixedGroup = saveGroup(
    tenant,
    {
      group_name: SAMPLE_GROUP_NAMES.fixed,
      time_zone: 'Asia/Shanghai',
      bind_dept_ids: [SAMPLE_DEPARTMENTS.headquarters.feishuDepartmentId],
      group_leader_ids: ['e1001'],
      group_type: 1,
      punch_day_shift_ids: [standard, standard, standard, standard, flexible, '0', '0'],
      calendar_id: 1,
      allow_out_punch: true,
      allow_remedy: true,
      remedy_limit: true,
      remedy_limit_count: 3,
      allow_remedy_type_lack: true,
      allow_remedy_type_late: true,
      // Settings WeCom holds differently, so the demo shows how each is reported: a normal-punch remedy (WeCom
      // has none), the action liveness check (WeCom has one kind) and rest-day punches needing an approval.
      allow_remedy_type_normal: true,
      face_punch: true,
      face_punch_cfg: 1,
      face_live_need_action: true,
      rest_clockIn_need_approval: true,
      punch_type: 3,
      gps_range: 300,
      effect_now: true,
      locations: [
        {
          location_name: HQ.name,
          location_type: 1,
          latitude: HQ.latitude,
          longitude: HQ.longitude,
          map_type: 1,
          gps_range: 300,
        },
        { location_name: '总部 Wi-Fi', location_type: 2, ...HQ_WIFI },
      ],
    },
    options,
  );
  const shiftGroup = saveGroup(
    tenant,
    {
      group_name: SAMPLE_GROUP_NAMES.shiftBased,
      time_zone: 'Asia/Shanghai',
      bind_dept_ids: [SAMPLE_DEPARTMENTS.factory.feishuDepartmentId],
      group_leader_ids: ['e2001'],
      group_type: 2,
      punch_day_shift_ids: [],
      calendar_id: 1,
      punch_type: 1,
      gps_range: 500,
      effect_now: true,
      locations: [
        {
          location_name: FACTORY.name,
          location_type: 1,
          latitude: FACTORY.latitude,
          longitude: FACTORY.longitude,
          map_type: 1,
          gps_range: 500,
        },
      ],
    },
    options,
  );
  const freeGroup = saveGroup(
    tenant,
    {
      group_name: SAMPLE_GROUP_NAMES.free,
      time_zone: 'Asia/Shanghai',
      bind_dept_ids: [SAMPLE_DEPARTMENTS.stores.feishuDepartmentId],
      group_leader_ids: ['e3001'],
      group_type: 3,
      punch_day_shift_ids: [],
      calendar_id: 1,
      punch_type: 1,
      effect_now: true,
      free_punch_cfg: {
        free_start_time: '7:00',
        free_end_time: '22:00',
        punch_day: 1111110,
        work_day_no_punch_as_lack: true,
        work_hours_demand: true,
        work_hours: 480,
      },
      locations: [
        // A Google-map (map_type 2) location, as used outside mainland China.
        {
          location_name: STORE.name,
          location_type: 1,
          latitude: STORE.latitude,
          longitude: STORE.longitude,
          map_type: 2,
          gps_range: 200,
        },
      ],
    },
    options,
  );

  const today = localEpochDay(now);
  const firstPunchDay = today - 13;

  // Rosters: a four-day rota (早, 早, 夜, rest) per factory worker, offset per person.
  const workers = tenant.punchMembers(shiftGroup);
  const rota = [early, early, night, '0'];
  const rosterStart = monthStart(firstPunchDay);
  const rosterEnd = monthEnd(monthEnd(today) + 1);
  const entries: object[] = [];
  workers.forEach((userId, index) => {
    for (let day = rosterStart; day <= rosterEnd; day++) {
      const dayInt = epochDayToDayInt(day);
      entries.push({
        group_id: shiftGroup.group.group_id,
        shift_id: rota[(day + index) % rota.length],
        month: Math.floor(dayInt / 100),
        user_id: userId,
        day_no: dayInt % 100,
      });
    }
  });
  for (let i = 0; i < entries.length; i += 50) writeDailyShifts(tenant, entries.slice(i, i + 50), 'employee_id');

  // Punches: two weeks up to now.
  const flows: object[] = [];
  const punch = (userId: string, day: number, minutes: number, place: Place, wifi?: typeof HQ_WIFI) => {
    // Odd seconds here, even ones in the WeCom sample (wecom-sample-company.ts): a Feishu-native punch never
    // falls on the very second of a WeCom punch of the same person, which some days' draws used to produce.
    const checkTime = Math.floor(localMidnight(day) / 1000) + minutes * 60 + random.int(0, 29) * 2 + 1;
    if (checkTime * 1000 > now) return;
    flows.push({
      user_id: userId,
      creator_id: userId,
      location_name: wifi ? '总部 Wi-Fi' : place.name,
      check_time: String(checkTime),
      comment: '',
      type: 0,
      latitude: round6(place.latitude + (random.next() - 0.5) * 0.0006),
      longitude: round6(place.longitude + (random.next() - 0.5) * 0.0006),
      is_field: false,
      is_wifi: Boolean(wifi),
      ...(wifi ?? {}),
    });
  };
  const week = fixedGroup.group['punch_day_shift_ids'] as string[];
  const storeDays = String((freeGroup.group['free_punch_cfg'] as { punch_day: number }).punch_day).padStart(7, '0');
  for (let day = firstPunchDay; day <= today; day++) {
    const weekday = mondayFirstWeekday(day);
    for (const userId of tenant.punchMembers(fixedGroup)) {
      const wifi = random.next() < 0.4 ? HQ_WIFI : undefined;
      if (week[weekday] === standard) {
        for (const at of [8 * 60 + 45, 12 * 60, 13 * 60 + 22, 18 * 60 + 3])
          punch(userId, day, at + random.int(0, 8), HQ, wifi);
      } else if (week[weekday] === flexible) {
        punch(userId, day, 9 * 60 + 20 + random.int(0, 30), HQ, wifi);
        punch(userId, day, 18 * 60 + 25 + random.int(0, 30), HQ, wifi);
      }
    }
    for (const userId of workers) {
      const dayInt = epochDayToDayInt(day);
      const shiftId = tenant.dailyShifts.get(`${userId}|${dayInt}`)?.shift_id;
      if (shiftId === early) {
        punch(userId, day, 7 * 60 + 48 + random.int(0, 10), FACTORY);
        punch(userId, day, 16 * 60 + random.int(1, 10), FACTORY);
      } else if (shiftId === night) {
        punch(userId, day, 21 * 60 + 47 + random.int(0, 10), FACTORY);
        // The off-duty punch of the overnight shift lands on the next calendar day ("30:00").
        punch(userId, day, 30 * 60 + random.int(1, 10), FACTORY);
      }
    }
    if (storeDays[weekday] === '1') {
      for (const userId of tenant.punchMembers(freeGroup)) {
        punch(userId, day, 9 * 60 + random.int(0, 40), STORE);
        punch(userId, day, 18 * 60 + random.int(0, 60), STORE);
      }
    }
  }
  flows.sort(
    (a, b) => Number((a as { check_time: string }).check_time) - Number((b as { check_time: string }).check_time),
  );
  for (let i = 0; i < flows.length; i += 50)
    importFlows(tenant, flows.slice(i, i + 50), 'employee_id', { imported: false });
}

function monthStart(epochDay: number): number {
  const dayInt = epochDayToDayInt(epochDay);
  return epochDay - ((dayInt % 100) - 1);
}

function monthEnd(epochDay: number): number {
  const dayInt = epochDayToDayInt(epochDay);
  const year = Math.floor(dayInt / 10000);
  const month = Math.floor(dayInt / 100) % 100;
  return epochDay + (daysInMonth(year, month) - (dayInt % 100));
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
