import { SAME_ID_PEOPLE, SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';

// A WeCom-born by-shift (排班) rule for three store people, as set up in WeCom's console (another app): the
// fixture the roster suites share. `prefix` keeps the names of two suites' rules apart.

export const STORE_PEOPLE = ['zhoujie', 'wuting', 'xuqiang'] as const;
export const STORE_SCHEDULES = { early: 21, late: 22 } as const;

/** A by-shift section with the create-side windows (one hour early, two hours late on either end). */
export function storeSection(timeId: number, work: number, off: number): Record<string, unknown> {
  return {
    time_id: timeId,
    work_sec: work,
    off_work_sec: off,
    remind_work_sec: work - 600,
    remind_off_work_sec: off,
    earliest_work_sec: work - 3600,
    latest_work_sec: work + 2 * 3600,
    earliest_off_work_sec: off - 2 * 3600,
    latest_off_work_sec: off + 2 * 3600,
    allow_rest: false,
    no_need_checkon: false,
    no_need_checkoff: false,
  };
}

/** The rule's schedules: rest, 早班 09:00–17:00 and 晚班 14:00–22:00 (flex off). */
export function storeSchedules(prefix = ''): {
  schedule_id: number;
  schedule_name: string;
  time_section: Record<string, unknown>[];
  allow_flex?: boolean;
}[] {
  return [
    { schedule_id: 0, schedule_name: '休息', time_section: [] },
    {
      schedule_id: STORE_SCHEDULES.early,
      schedule_name: `${prefix}门店早班`,
      time_section: [storeSection(1, 9 * 3600, 17 * 3600)],
      allow_flex: false,
    },
    {
      schedule_id: STORE_SCHEDULES.late,
      schedule_name: `${prefix}门店晚班`,
      time_section: [storeSection(2, 14 * 3600, 22 * 3600)],
      allow_flex: false,
    },
  ];
}

export function storeShiftRule(prefix = ''): Record<string, unknown> {
  return {
    grouptype: 2,
    groupname: `${prefix}门店排班`,
    schedulelist: storeSchedules(prefix),
    sync_holidays: true,
    loc_infos: [
      { lat: 22_295_700, lng: 114_168_600, loc_title: '海港城门店', loc_detail: '广东道3-27号', distance: 300 },
    ],
    range: { party_id: [], userid: [...STORE_PEOPLE], tagid: [] },
    type: 0,
    option_out_range: 1,
    ot_info_v2: {
      workdayconf: { allow_ot: false, type: 2 },
      restdayconf: { allow_ot: false, type: 2 },
      holidayconf: { allow_ot: false, type: 2 },
    },
  };
}

/**
 * Emulators for the roster suites: WeCom without its sample rules (whose 排班 rule holds the factory people),
 * the sample people in WeCom's directory, and the store rule planted as made in WeCom's console.
 */
export async function startStoreEmulators(prefix = ''): Promise<{ emulators: RunningEmulators; storeRuleId: number }> {
  const emulators = await startEmulators({ wecom: { sampleCompany: false } });
  for (const [key, department] of Object.entries(SAMPLE_DEPARTMENTS)) {
    const people = SAMPLE_PEOPLE.filter((person) => person.department === key).map((person) => person.wecomUserId);
    emulators.wecom.emulator.addUsers(people, department.wecomPartyId);
  }
  emulators.wecom.emulator.addUsers(SAME_ID_PEOPLE, SAMPLE_DEPARTMENTS.headquarters.wecomPartyId);
  const storeRuleId = emulators.wecom.emulator.seedForeignRule(storeShiftRule(prefix));
  return { emulators, storeRuleId };
}
