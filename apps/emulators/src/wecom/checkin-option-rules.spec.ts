import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  CHECKIN_OPTION_ERRCODES,
  validateCheckinOption,
  validateCheckinOptionRequest,
  type CheckinOptionValidationContext,
} from './checkin-option-rules.js';
import {
  chinaMidnight,
  DAY,
  dayShift,
  docAddRequestExample,
  docUpdateRequestExample,
  fixedRule,
  freeRule,
  HOUR,
  macFor,
  MINUTE,
  NOW,
  otInfoV2,
  type Payload,
  sectionAt,
  shiftRule,
  specialOffday,
  specialSection,
  specialWorkday,
  TODAY,
  TOMORROW,
  workSchedule,
} from './checkin-option-rules.fixtures.js';

const { invalidParameter: P, invalidRule: R, unsupportedField: U } = CHECKIN_OPTION_ERRCODES;
const ADD: CheckinOptionValidationContext = { mode: 'add', nowUnixSeconds: NOW };
const UPDATE: CheckinOptionValidationContext = { mode: 'update', nowUnixSeconds: NOW };

/**
 * Every rule of wecom-checkin-option-rules.md (doc L…) the validator enforces, plus the request-level ones.
 * The coverage test at the bottom requires at least one positive and one negative case per entry.
 */
const RULES = {
  grouptype: 'L395/L601 grouptype is 1, 2 or 3 (required)',
  'json-types': 'ours: a value of the wrong JSON type is 40058',
  groupname: 'L600 groupname not empty, at most 40 characters',
  'ot_info-old': 'L604 (301094) / L670 (301093) legacy ot_info is refused',
  'span_day_time-forbidden': 'L724/L726 span_day_time must not appear for grouptype 1/2 (301094)',
  'standard_work_duration-forbidden': 'L725/L727 standard_work_duration must not appear for grouptype 1/2 (301094)',
  'schedulelist-only-by-shift': 'L675 (grouptype 1) / L722 (grouptype 3) schedulelist only for grouptype 2 (301094)',
  'checkindate-not-by-shift': 'L719 no checkindate for grouptype 2 (301094)',
  'spe_workdays-only-fixed': 'L718 no spe_workdays for grouptype 2/3',
  'checkindate-size': 'L397/L632 1-7 checkindate entries (fixed; free rules too, L398-400)',
  'checkindate-old-fields': 'L416-417/L599 flex_time/limit_aheadtime/noneed_offwork refused (301094)',
  workdays: 'L400/L633 workdays 0-6, 1-7 of them, unique in the rule',
  'checkintime-size': 'L631 1-4 checkintime per checkindate (and per special workday)',
  'time_id-range': 'L402/L441 time_id required, 0 < time_id < 99999',
  'time_id-unique': 'L402/L605 time_id unique in the rule',
  work_sec: 'L650 work_sec required, at most 次日00:00',
  off_work_sec: 'L649 off_work_sec required, below 次日23:59',
  'remind-required': 'L651 remind_work_sec and remind_off_work_sec required',
  'windows-required': 'L645 the four punch windows required (fixed and by-shift)',
  'multiple-of-60': 'L647 time fields are whole minutes',
  'fixed-window-bounds':
    'L634-635 fixed windows >= 0, earliest_work <= 次日00:00, latest_work <= 次日23:59, off windows <= 次日04:00',
  'work-off': 'L637-638 work < off, more than 1 minute and less than 24 hours apart',
  'window-pairs': 'L614-616 earliest_work < latest_work, earliest_off < latest_off',
  'work-window': 'L623-626 earliest_work < work < latest_work < off',
  earliest_off: 'L620-622 work < earliest_off < off',
  latest_off: 'L617-619 off <= latest_off < off + 24 h',
  remind_work: 'L681 remind_work_sec on time or 5/10/15/20 minutes early',
  remind_off: 'L708 remind_off_work_sec on time or 10/20/30/60 minutes late',
  'rest-needs-allow_rest': 'L408-409/L686 rest times need allow_rest',
  'rest-time': 'L639-644 allow_rest needs both rest times, work < begin < end < off',
  'no-overlap': 'L709 sections of a day do not intersect (work periods or punch windows)',
  'flex-needs-allow_flex': 'L420-424/L679 flex values and late_rule need allow_flex',
  'flex-only-one-group': 'L423/L687 迟到早退 and 早到早走晚到晚走 are exclusive',
  'flex-duty-max': 'L597 flex_on/off_duty_time at most 360 minutes',
  'flex-value': 'L603 flex fields multiples of 300, at most 21600',
  'flex-needs-value': 'L419/L516-517/L676 allow_flex (schedules: default true) needs one flex group',
  'late_rule-needs-allow': 'L425-433/L685 late-rule values need allow_offwork_after_time',
  'late_rule-value': 'L602 late-rule values multiples of 15 minutes, at most 600 minutes',
  'late_rule-order': 'L707 (description) offwork_after_time >= onwork_flex_time',
  'schedule-size': 'L720 at most 50 schedules',
  'schedule-old-fields': 'L598 flex_time/limit_aheadtime/limit_offtime/noneed_offwork refused on schedules (301094)',
  'schedule_id-unique': 'L493/L714 schedule_id required and unique',
  schedule_name: 'L717 schedule_name not empty, at most 40 characters',
  'schedule_name-unique': 'L496/L713 schedule_name unique',
  'rest-schedule-name': 'L494/L716 schedule 0 is named 休息',
  'rest-schedule-no-time': 'L494/L715 schedule 0 has no time_section',
  'time_section-size': 'L636 1-4 time_section per work schedule',
  'first-section-4h': 'L712 first section: earliest_work_sec at most 4 h before work_sec',
  'valid-schedule': 'L611 at least one schedule besides the rest schedule',
  'rest-schedule-required': 'L711 a rest schedule with id 0',
  'special-size': 'L436/L454/L696 at most 366 special days (together)',
  'special-workday-type': 'L446/L705 spe_workdays type 0-2',
  'special-offday-type': 'L457/L688 spe_offdays type 0-2',
  'special-notes': 'L704 notes not empty',
  'special-notes-length': 'L439 notes at most 40 bytes',
  'special-timestamp': 'L447/L693 type 0 (and type 2 start) timestamp: a 00:00 after 2000-01-01',
  'special-begtime': 'L690 begtime a 00:00 after 2000-01-01',
  'special-endtime': 'L691 endtime a 00:00 after 2000-01-01',
  'special-begtime-endtime': 'L694 type 1/2 need both ends, endtime >= start',
  'special-one-year': 'L695 a range covers at most one year',
  'special-future': 'L689 special days only in the future',
  'special-conflict': 'L692 no day covered twice',
  'special-workday-needs-checkintime': 'L703 a special workday has checkintime',
  'special-workday-no-windows': 'L697 special workday sections have no punch windows (301094)',
  'special-workday-work-off':
    'L698-702 special workday: work 04:00-18:00, off 04:00-次日03:00, whole minutes, work <= off',
  'special-offday-no-checkintime': 'L688 a special offday has no checkintime',
  'wifi-location-size': 'L610 at most 500 wifi + locations',
  'wifi-or-location': 'L463/L469/L609 wifi or locations required',
  'wifi-info': 'L608 wifiname/wifimac/bssid not empty, wifiname at most 40 characters',
  'wifi-mac': 'L606 wifimac well-formed',
  'wifi-mac-unique': 'L607 wifimac unique',
  'location-info': 'L628-630 lat/lng set and in range, title/detail 1-40 characters, distance <= 3000',
  'location-distance': 'L627 distance from the enumeration',
  range: 'L475-478/L612 party_id, userid or tagid not all empty',
  'checkin-type': 'L480-481/L613 type 0 or 3',
  'reporter-need-vid': 'L652 a reporter has userid or tagid',
  reporter: 'L680 a reporter whose userid and tagid are both empty',
  option_out_range: 'L490-491/L706 option_out_range 0-2',
  allow_apply_bk_cnt: 'L487/L678 -1 to 99',
  allow_apply_bk_day_limit: 'L488/L710 -1 to 180',
  buka_limit_next_month: 'L489/L677 -1 or 1 to 28',
  buka_restriction: 'L588 four flag bits (ours: 40058)',
  'buka_remind-needs-open': 'L683 buka_remind_day/month need open_remind',
  buka_remind: 'L595-596 month 0: day 15-30; month 1: day 1-26',
  'buka-needs-allow_apply_offworkday': 'L682 补卡 fields need allow_apply_offworkday',
  'face-detect': 'L538-539/L684 open_face_live_detect needs use_face_detect',
  'ot_info_v2-required': 'L540/L673 ot_info_v2 required',
  'ot-conf-required': 'L541-542/L578-581/L674 workdayconf, restdayconf, holidayconf (allow_ot; type for rest/holiday)',
  'ot-type': 'L543/L669 type 0-2',
  ot_trans_type: 'L573/L667 ot_trans_type 1 or 2',
  trans_ratio: 'L575-576/L665/L668 trans_ratio at most 3000',
  ot_time_start: 'L561-562 at most 720 minutes',
  'ot_time_min-max': 'L563-566/L666 at most 720 minutes, min < max',
  'restinfo-type': 'L546/L659-661 restinfo.type 0-2',
  'restinfo-not-enabled': 'L657 type 0 configures no rest',
  'deduct-by-ot-time': 'L671 type 2 has no fix_time_rule_list',
  'deduct-by-rest-period': 'L672 type 1 has no cal_ottime_rule',
  'fix_time_rule_list-size': 'L548/L658 1-10 rest periods',
  'fix_time-required': 'L549-552/L723 both ends required',
  fix_time: 'L550/L552/L662-664 whole minutes, 00:00-次日23:59, at most 24 h, no intersection',
  'cal_ottime-items-size': 'L555/L656 1-5 items',
  'cal_ottime-item-required': 'L654 ot_time and rest_time required',
  'cal_ottime-rest_time': 'L559/L653 rest_time multiple of 15 min, at most 360 min, not above ot_time',
  'cal_ottime-ot_time': 'L557/L655 ot_time multiple of 15 min, increasing',
  'free-rule-workdays': 'L398-400 free rules need checkindate.workdays',
  offwork_interval_time: 'L535-536/L721 required for free rules, multiple of 5 min, at most 1435 min',
  'span_day_time-range': 'L589/L728 0 <= span_day_time < 86400',
  'span_day_time-minutes': 'L729 span_day_time whole minutes',
  standard_work_duration: 'L590/L730 -1, or 1 h to 24 h in half hours',
  'request-shape': 'ours: the body and group are objects (40058)',
  'request-effective_now': 'L121/L257 effective_now a boolean',
  'request-groupid': 'L123/L259 groupid required on update, ignored on add',
  'request-update-future': 'L689 on update, the special days sent must be in the future',
} as const;
type RuleName = keyof typeof RULES;

type Base = 'fixed' | 'shift' | 'free';
const BASES: Record<Base, () => Payload> = { fixed: fixedRule, shift: shiftRule, free: freeRule };

interface Negative {
  readonly rule: RuleName;
  readonly name: string;
  readonly base: Base;
  readonly mutate: (group: Payload) => void;
  readonly errcode: number;
  readonly field: string;
  /** A piece of the expected errmsg, which tells apart the many rules that share 301093. */
  readonly message: string;
}

interface Positive {
  readonly rule: RuleName;
  readonly name: string;
  readonly base: Base;
  readonly mutate: (group: Payload) => void;
}

function built(base: Base, mutate: (group: Payload) => void): Payload {
  const group = BASES[base]();
  mutate(group);
  return group;
}

// Shorthands for the paths the cases touch most.
const CD0 = 'group.checkindate[0]';
const S0 = `${CD0}.checkintime[0]`;
const SCH1 = 'group.schedulelist[1]';
const TS0 = `${SCH1}.time_section[0]`;
const firstSection = (g: Payload): Payload => g.checkindate[0].checkintime[0];
const shiftSection = (g: Payload): Payload => g.schedulelist[1].time_section[0];
const otConf = (g: Payload): Payload => g.ot_info_v2.workdayconf;
/** A flexible fixed rule (迟到 5 minutes allowed) to hang late rules on. */
const flexible = (g: Payload): Payload => Object.assign(g.checkindate[0], { allow_flex: true, flex_on_duty_time: 300 });
/** 02:00 next day off-duty: the overnight fixed section the 次日04:00 bounds are about. */
const overnight = (timeId: number): Payload => ({
  time_id: timeId,
  work_sec: 18 * HOUR,
  off_work_sec: DAY + 2 * HOUR,
  remind_work_sec: 18 * HOUR,
  remind_off_work_sec: DAY + 2 * HOUR,
  earliest_work_sec: 17 * HOUR,
  latest_work_sec: 19 * HOUR,
  earliest_off_work_sec: DAY + HOUR,
  latest_off_work_sec: DAY + 4 * HOUR,
});
const manyOffdays = (count: number): Payload[] =>
  Array.from({ length: count }, (_, index) => specialOffday(TOMORROW + index * DAY));
const manyWifis = (count: number): Payload[] =>
  Array.from({ length: count }, (_, index) => ({ wifiname: `AP-${index}`, wifimac: macFor(index) }));
const manyLocations = (count: number): Payload[] =>
  Array.from({ length: count }, (_, index) => ({
    lat: 30_000_000 + index,
    lng: 104_000_000 + index,
    loc_title: `门店${index}`,
    loc_detail: `成都市门店${index}号`,
    distance: 100,
  }));
const restinfo = (g: Payload, holder: 'apply' | 'checkin' | 'applycheckin', info: Payload): void => {
  otConf(g)[holder] = { restinfo: info };
};
const items = (...pairs: [number, number][]): Payload => ({
  type: 2,
  cal_ottime_rule: { items: pairs.map(([ot_time, rest_time]) => ({ ot_time, rest_time })) },
});
const fixList = (...periods: [number, number][]): Payload => ({
  type: 1,
  fix_time_rule_list: periods.map(([fix_time_begin_sec, fix_time_end_sec]) => ({
    fix_time_begin_sec,
    fix_time_end_sec,
  })),
});

// ---------------------------------------------------------------------------------------------------------
// Negative cases: [rule, case, base, mutation, errcode, field, errmsg piece]
// ---------------------------------------------------------------------------------------------------------

// prettier-ignore
const NEGATIVES: Negative[] = [
  // grouptype / groupname / type errors
  { rule: 'grouptype', name: 'missing', base: 'fixed', mutate: (g) => { delete g.grouptype; }, errcode: R, field: 'group.grouptype', message: 'invalid group type' },
  { rule: 'grouptype', name: '4', base: 'fixed', mutate: (g) => { g.grouptype = 4; }, errcode: R, field: 'group.grouptype', message: 'invalid group type' },
  { rule: 'grouptype', name: '0 (Feishu numbering)', base: 'fixed', mutate: (g) => { g.grouptype = 0; }, errcode: R, field: 'group.grouptype', message: 'invalid group type' },
  { rule: 'json-types', name: 'grouptype as a string', base: 'fixed', mutate: (g) => { g.grouptype = '1'; }, errcode: P, field: 'group.grouptype', message: 'expected an integer' },
  { rule: 'json-types', name: 'work_sec as a string', base: 'fixed', mutate: (g) => { firstSection(g).work_sec = '32400'; }, errcode: P, field: `${S0}.work_sec`, message: 'expected an integer' },
  { rule: 'json-types', name: 'work_sec fractional', base: 'fixed', mutate: (g) => { firstSection(g).work_sec = 32400.5; }, errcode: P, field: `${S0}.work_sec`, message: 'expected an integer' },
  { rule: 'json-types', name: 'wifimac_infos an object', base: 'fixed', mutate: (g) => { g.wifimac_infos = {}; }, errcode: P, field: 'group.wifimac_infos', message: 'expected an array' },
  { rule: 'json-types', name: 'need_photo a string', base: 'fixed', mutate: (g) => { g.need_photo = 'yes'; }, errcode: P, field: 'group.need_photo', message: 'expected a boolean' },
  { rule: 'json-types', name: 'checkindate entry null', base: 'fixed', mutate: (g) => { g.checkindate = [null]; }, errcode: P, field: CD0, message: 'expected an object' },
  { rule: 'json-types', name: 'party_id holding a number (strings, REFERENCE B4)', base: 'fixed', mutate: (g) => { g.range.party_id = [1]; }, errcode: P, field: 'group.range.party_id[0]', message: 'expected a string' },
  { rule: 'groupname', name: 'missing', base: 'fixed', mutate: (g) => { delete g.groupname; }, errcode: R, field: 'group.groupname', message: 'invalid groupname' },
  { rule: 'groupname', name: 'empty', base: 'shift', mutate: (g) => { g.groupname = ''; }, errcode: R, field: 'group.groupname', message: 'invalid groupname' },
  { rule: 'groupname', name: '41 characters', base: 'free', mutate: (g) => { g.groupname = '规'.repeat(41); }, errcode: R, field: 'group.groupname', message: 'invalid groupname' },

  // fields the rule type forbids
  { rule: 'ot_info-old', name: 'ot_info next to ot_info_v2', base: 'fixed', mutate: (g) => { g.ot_info = { type: 1 }; }, errcode: U, field: 'group.ot_info', message: 'ot_info is old feature use ot_info_v2' },
  { rule: 'ot_info-old', name: 'ot_info instead of ot_info_v2', base: 'fixed', mutate: (g) => { g.ot_info = g.ot_info_v2; delete g.ot_info_v2; }, errcode: R, field: 'group.ot_info', message: 'use ot_info_v2 instead' },
  { rule: 'span_day_time-forbidden', name: 'fixed rule', base: 'fixed', mutate: (g) => { g.span_day_time = 0; }, errcode: U, field: 'group.span_day_time', message: "When the grouptype is 1, the 'span_day_time' field" },
  { rule: 'span_day_time-forbidden', name: 'by-shift rule', base: 'shift', mutate: (g) => { g.span_day_time = 3600; }, errcode: U, field: 'group.span_day_time', message: "When the grouptype is 2, the 'span_day_time' field" },
  { rule: 'standard_work_duration-forbidden', name: 'fixed rule, even -1', base: 'fixed', mutate: (g) => { g.standard_work_duration = -1; }, errcode: U, field: 'group.standard_work_duration', message: "When the grouptype is 1, the 'standard_work_duration' field" },
  { rule: 'standard_work_duration-forbidden', name: 'by-shift rule', base: 'shift', mutate: (g) => { g.standard_work_duration = 28800; }, errcode: U, field: 'group.standard_work_duration', message: "When the grouptype is 2, the 'standard_work_duration' field" },
  { rule: 'schedulelist-only-by-shift', name: 'fixed rule', base: 'fixed', mutate: (g) => { g.schedulelist = [{ schedule_id: 0, schedule_name: '休息' }]; }, errcode: U, field: 'group.schedulelist', message: 'only freegroup has schedulelist' },
  { rule: 'schedulelist-only-by-shift', name: 'free rule', base: 'free', mutate: (g) => { g.schedulelist = [{ schedule_id: 0, schedule_name: '休息' }]; }, errcode: U, field: 'group.schedulelist', message: 'unrestrain checkingroup do not have schedule' },
  { rule: 'checkindate-not-by-shift', name: 'by-shift rule with checkindate', base: 'shift', mutate: (g) => { g.checkindate = [{ workdays: [1], checkintime: [dayShift(9)] }]; }, errcode: U, field: 'group.checkindate', message: 'freegroup do not have checkindate' },
  { rule: 'spe_workdays-only-fixed', name: 'by-shift rule', base: 'shift', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; }, errcode: R, field: 'group.spe_workdays', message: 'do not have special work day' },
  { rule: 'spe_workdays-only-fixed', name: 'free rule', base: 'free', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; }, errcode: R, field: 'group.spe_workdays', message: 'do not have special work day' },

  // checkindate
  { rule: 'checkindate-size', name: 'empty', base: 'fixed', mutate: (g) => { g.checkindate = []; }, errcode: R, field: 'group.checkindate', message: 'checkindate size' },
  { rule: 'checkindate-size', name: 'missing', base: 'fixed', mutate: (g) => { delete g.checkindate; }, errcode: R, field: 'group.checkindate', message: 'checkindate size' },
  { rule: 'checkindate-size', name: '8 entries', base: 'fixed', mutate: (g) => { g.checkindate = Array.from({ length: 8 }, (_, i) => ({ workdays: [i % 7], checkintime: [dayShift(i + 1)] })); }, errcode: R, field: 'group.checkindate', message: 'checkindate size' },
  { rule: 'checkindate-old-fields', name: 'flex_time', base: 'fixed', mutate: (g) => { g.checkindate[0].flex_time = 0; }, errcode: U, field: `${CD0}.flex_time`, message: 'flex_time/limit_aheadtime/noneed_offwork is old feature' },
  { rule: 'checkindate-old-fields', name: 'limit_aheadtime', base: 'fixed', mutate: (g) => { g.checkindate[0].limit_aheadtime = 10800000; }, errcode: U, field: `${CD0}.limit_aheadtime`, message: 'flex_time/limit_aheadtime/noneed_offwork is old feature' },
  { rule: 'checkindate-old-fields', name: 'noneed_offwork, even false', base: 'fixed', mutate: (g) => { g.checkindate[0].noneed_offwork = false; }, errcode: U, field: `${CD0}.noneed_offwork`, message: 'flex_time/limit_aheadtime/noneed_offwork is old feature' },
  { rule: 'workdays', name: 'day 7', base: 'fixed', mutate: (g) => { g.checkindate[0].workdays = [1, 7]; }, errcode: R, field: `${CD0}.workdays[1]`, message: 'checkindate workdays invalid' },
  { rule: 'workdays', name: 'day -1', base: 'fixed', mutate: (g) => { g.checkindate[0].workdays = [-1]; }, errcode: R, field: `${CD0}.workdays[0]`, message: 'checkindate workdays invalid' },
  { rule: 'workdays', name: 'a day twice in one entry', base: 'fixed', mutate: (g) => { g.checkindate[0].workdays = [1, 1]; }, errcode: R, field: `${CD0}.workdays[1]`, message: 'checkindate workdays invalid' },
  { rule: 'workdays', name: 'a day in two entries', base: 'fixed', mutate: (g) => { g.checkindate.push({ workdays: [5, 6], checkintime: [dayShift(2)] }); }, errcode: R, field: 'group.checkindate[1].workdays[0]', message: 'checkindate workdays invalid' },
  { rule: 'workdays', name: 'empty', base: 'fixed', mutate: (g) => { g.checkindate[0].workdays = []; }, errcode: R, field: `${CD0}.workdays`, message: 'checkindate workdays invalid' },
  { rule: 'workdays', name: '8 days', base: 'fixed', mutate: (g) => { g.checkindate[0].workdays = [0, 1, 2, 3, 4, 5, 6, 0]; }, errcode: R, field: `${CD0}.workdays`, message: 'checkindate workdays invalid' },
  { rule: 'checkintime-size', name: 'empty', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = []; }, errcode: R, field: `${CD0}.checkintime`, message: 'checkin time size' },
  { rule: 'checkintime-size', name: '5 sections', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [1, 2, 3, 4, 5].map((i) => sectionAt(i, i * 4 * HOUR, i * 4 * HOUR + HOUR)); }, errcode: R, field: `${CD0}.checkintime`, message: 'checkin time size' },

  // one section
  { rule: 'time_id-range', name: '0', base: 'fixed', mutate: (g) => { firstSection(g).time_id = 0; }, errcode: R, field: `${S0}.time_id`, message: 'invalid time_id' },
  { rule: 'time_id-range', name: '99999', base: 'shift', mutate: (g) => { shiftSection(g).time_id = 99999; }, errcode: R, field: `${TS0}.time_id`, message: 'invalid time_id' },
  { rule: 'time_id-range', name: 'missing', base: 'fixed', mutate: (g) => { delete firstSection(g).time_id; }, errcode: R, field: `${S0}.time_id`, message: 'invalid time_id' },
  { rule: 'time_id-unique', name: 'twice in one day', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [sectionAt(1, 8 * HOUR, 10 * HOUR), sectionAt(1, 14 * HOUR, 16 * HOUR)]; }, errcode: R, field: `${CD0}.checkintime[1].time_id`, message: 'conflict time id' },
  { rule: 'time_id-unique', name: 'checkindate and a special workday', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 1)]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[0].time_id', message: 'conflict time id' },
  { rule: 'time_id-unique', name: 'two schedules', base: 'shift', mutate: (g) => { g.schedulelist.push(workSchedule(2, '晚班', 1)); }, errcode: R, field: 'group.schedulelist[2].time_section[0].time_id', message: 'conflict time id' },
  { rule: 'work_sec', name: 'missing', base: 'fixed', mutate: (g) => { delete firstSection(g).work_sec; }, errcode: R, field: `${S0}.work_sec`, message: 'checkin time work_sec invalid' },
  { rule: 'work_sec', name: 'after 次日00:00', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, DAY + MINUTE, DAY + 4 * HOUR)]; }, errcode: R, field: `${TS0}.work_sec`, message: 'checkin time work_sec invalid' },
  { rule: 'work_sec', name: 'negative', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, -HOUR, 4 * HOUR)]; }, errcode: R, field: `${TS0}.work_sec`, message: 'checkin time work_sec invalid' },
  { rule: 'off_work_sec', name: 'missing', base: 'fixed', mutate: (g) => { delete firstSection(g).off_work_sec; }, errcode: R, field: `${S0}.off_work_sec`, message: 'checkin time off_work_sec invalid' },
  { rule: 'off_work_sec', name: 'at 次日23:59', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, DAY, 2 * DAY - MINUTE)]; }, errcode: R, field: `${TS0}.off_work_sec`, message: 'checkin time off_work_sec invalid' },
  { rule: 'remind-required', name: 'remind_work_sec missing', base: 'fixed', mutate: (g) => { delete firstSection(g).remind_work_sec; }, errcode: R, field: `${S0}.remind_work_sec`, message: 'need remind_work_sec and remind_off_work_sec' },
  { rule: 'remind-required', name: 'remind_off_work_sec missing', base: 'shift', mutate: (g) => { delete shiftSection(g).remind_off_work_sec; }, errcode: R, field: `${TS0}.remind_off_work_sec`, message: 'need remind_work_sec and remind_off_work_sec' },
  { rule: 'windows-required', name: 'fixed: earliest_work_sec missing', base: 'fixed', mutate: (g) => { delete firstSection(g).earliest_work_sec; }, errcode: R, field: `${S0}.earliest_work_sec`, message: 'invalid checkin time, need earliest_work_sec' },
  { rule: 'windows-required', name: 'by-shift: latest_off_work_sec missing', base: 'shift', mutate: (g) => { delete shiftSection(g).latest_off_work_sec; }, errcode: R, field: `${TS0}.latest_off_work_sec`, message: 'invalid checkin time, need earliest_work_sec' },
  { rule: 'multiple-of-60', name: 'earliest_work_sec 07:59:59', base: 'fixed', mutate: (g) => { firstSection(g).earliest_work_sec = 8 * HOUR - 1; }, errcode: R, field: `${S0}.earliest_work_sec`, message: 'value has to be a multiple of 60' },
  { rule: 'multiple-of-60', name: 'work_sec 09:00:30', base: 'fixed', mutate: (g) => { firstSection(g).work_sec = 9 * HOUR + 30; }, errcode: R, field: `${S0}.work_sec`, message: 'value has to be a multiple of 60' },
  { rule: 'multiple-of-60', name: 'remind_work_sec', base: 'fixed', mutate: (g) => { firstSection(g).remind_work_sec = 9 * HOUR - 30; }, errcode: R, field: `${S0}.remind_work_sec`, message: 'value has to be a multiple of 60' },
  { rule: 'multiple-of-60', name: 'rest_begin_time', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { allow_rest: true, rest_begin_time: 12 * HOUR + 30, rest_end_time: 13 * HOUR }); }, errcode: R, field: `${S0}.rest_begin_time`, message: 'value has to be a multiple of 60' },
  { rule: 'multiple-of-60', name: 'by-shift latest_off_work_sec', base: 'shift', mutate: (g) => { shiftSection(g).latest_off_work_sec = 20 * HOUR + 1; }, errcode: R, field: `${TS0}.latest_off_work_sec`, message: 'value has to be a multiple of 60' },
  { rule: 'fixed-window-bounds', name: 'latest_off_work_sec after 次日04:00', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ ...overnight(1), latest_off_work_sec: DAY + 4 * HOUR + MINUTE }]; }, errcode: R, field: `${S0}.latest_off_work_sec`, message: 'fixgroup, invalid checkin time' },
  { rule: 'fixed-window-bounds', name: 'earliest_off_work_sec after 次日04:00', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ ...overnight(1), earliest_off_work_sec: DAY + 4 * HOUR + MINUTE }]; }, errcode: R, field: `${S0}.earliest_off_work_sec`, message: 'fixgroup, invalid checkin time' },
  { rule: 'fixed-window-bounds', name: 'earliest_work_sec negative', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ ...sectionAt(1, 0, 8 * HOUR), earliest_work_sec: -MINUTE }]; }, errcode: R, field: `${S0}.earliest_work_sec`, message: 'fixgroup, invalid checkin time' },
  { rule: 'fixed-window-bounds', name: 'earliest_work_sec after 次日00:00', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ ...overnight(1), work_sec: DAY, remind_work_sec: DAY, earliest_work_sec: DAY + MINUTE }]; }, errcode: R, field: `${S0}.earliest_work_sec`, message: 'fixgroup, invalid checkin time' },
  { rule: 'work-off', name: 'work_sec == off_work_sec', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { off_work_sec: 9 * HOUR, remind_off_work_sec: 9 * HOUR }); }, errcode: R, field: `${S0}.off_work_sec`, message: 'checkin time work_sec or off_work_sec invalid' },
  { rule: 'work-off', name: 'one minute apart', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { off_work_sec: 9 * HOUR + MINUTE }); }, errcode: R, field: `${S0}.off_work_sec`, message: 'checkin time work_sec or off_work_sec invalid' },
  { rule: 'work-off', name: '24 hours apart (by shift)', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, HOUR, DAY + HOUR)]; }, errcode: R, field: `${TS0}.off_work_sec`, message: 'checkin time work_sec or off_work_sec invalid' },
  { rule: 'window-pairs', name: 'earliest_work == latest_work', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { earliest_work_sec: 8 * HOUR, latest_work_sec: 8 * HOUR }); }, errcode: R, field: `${S0}.latest_work_sec`, message: 'invalid earliest_work_sec/latest_work_sec or earliest_off_work_sec/latest_off_work_sec' },
  { rule: 'window-pairs', name: 'earliest_off == latest_off', base: 'shift', mutate: (g) => { Object.assign(shiftSection(g), { earliest_off_work_sec: 19 * HOUR, latest_off_work_sec: 19 * HOUR }); }, errcode: R, field: `${TS0}.latest_off_work_sec`, message: 'invalid earliest_work_sec/latest_work_sec or earliest_off_work_sec/latest_off_work_sec' },
  { rule: 'work-window', name: 'earliest_work == work', base: 'fixed', mutate: (g) => { firstSection(g).earliest_work_sec = 9 * HOUR; }, errcode: R, field: `${S0}.earliest_work_sec`, message: 'invalid earliest_work_sec or latest_work_sec' },
  { rule: 'work-window', name: 'latest_work == work', base: 'fixed', mutate: (g) => { firstSection(g).latest_work_sec = 9 * HOUR; }, errcode: R, field: `${S0}.latest_work_sec`, message: 'invalid earliest_work_sec or latest_work_sec' },
  { rule: 'work-window', name: 'latest_work == off', base: 'shift', mutate: (g) => { shiftSection(g).latest_work_sec = 18 * HOUR; }, errcode: R, field: `${TS0}.latest_work_sec`, message: 'invalid earliest_work_sec or latest_work_sec' },
  { rule: 'earliest_off', name: 'earliest_off == work', base: 'fixed', mutate: (g) => { firstSection(g).earliest_off_work_sec = 9 * HOUR; }, errcode: R, field: `${S0}.earliest_off_work_sec`, message: 'invalid earliest_off_work_sec' },
  { rule: 'earliest_off', name: 'earliest_off == off', base: 'shift', mutate: (g) => { shiftSection(g).earliest_off_work_sec = 18 * HOUR; }, errcode: R, field: `${TS0}.earliest_off_work_sec`, message: 'invalid earliest_off_work_sec' },
  { rule: 'latest_off', name: 'before off', base: 'fixed', mutate: (g) => { firstSection(g).latest_off_work_sec = 18 * HOUR - MINUTE; }, errcode: R, field: `${S0}.latest_off_work_sec`, message: 'invalid latest_off_work_sec' },
  { rule: 'latest_off', name: 'off + 24 h (by shift)', base: 'shift', mutate: (g) => { shiftSection(g).latest_off_work_sec = 18 * HOUR + DAY; }, errcode: R, field: `${TS0}.latest_off_work_sec`, message: 'invalid latest_off_work_sec' },
  { rule: 'remind_work', name: '25 minutes early', base: 'fixed', mutate: (g) => { firstSection(g).remind_work_sec = 9 * HOUR - 25 * MINUTE; }, errcode: R, field: `${S0}.remind_work_sec`, message: 'remind_work_sec invalid' },
  { rule: 'remind_work', name: '7 minutes early', base: 'fixed', mutate: (g) => { firstSection(g).remind_work_sec = 9 * HOUR - 7 * MINUTE; }, errcode: R, field: `${S0}.remind_work_sec`, message: 'remind_work_sec invalid' },
  { rule: 'remind_work', name: 'after work_sec', base: 'shift', mutate: (g) => { shiftSection(g).remind_work_sec = 9 * HOUR + 5 * MINUTE; }, errcode: R, field: `${TS0}.remind_work_sec`, message: 'remind_work_sec invalid' },
  { rule: 'remind_off', name: 'before off_work_sec', base: 'fixed', mutate: (g) => { firstSection(g).remind_off_work_sec = 18 * HOUR - 10 * MINUTE; }, errcode: R, field: `${S0}.remind_off_work_sec`, message: 'remind_off_work_sec invalid' },
  { rule: 'remind_off', name: '5 minutes late', base: 'fixed', mutate: (g) => { firstSection(g).remind_off_work_sec = 18 * HOUR + 5 * MINUTE; }, errcode: R, field: `${S0}.remind_off_work_sec`, message: 'remind_off_work_sec invalid' },
  { rule: 'remind_off', name: '61 minutes late', base: 'shift', mutate: (g) => { shiftSection(g).remind_off_work_sec = 19 * HOUR + MINUTE; }, errcode: R, field: `${TS0}.remind_off_work_sec`, message: 'remind_off_work_sec invalid' },
  { rule: 'rest-needs-allow_rest', name: 'rest_begin_time without allow_rest', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { rest_begin_time: 12 * HOUR, rest_end_time: 13 * HOUR }); }, errcode: R, field: `${S0}.rest_begin_time`, message: 'need allow_rest first' },
  { rule: 'rest-needs-allow_rest', name: 'rest_end_time with allow_rest false', base: 'shift', mutate: (g) => { Object.assign(shiftSection(g), { allow_rest: false, rest_end_time: 13 * HOUR }); }, errcode: R, field: `${TS0}.rest_end_time`, message: 'need allow_rest first' },
  { rule: 'rest-time', name: 'allow_rest without rest_end_time', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { allow_rest: true, rest_begin_time: 12 * HOUR }); }, errcode: R, field: `${S0}.rest_end_time`, message: 'checkin time rest time invalid' },
  { rule: 'rest-time', name: 'rest_begin == work', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { allow_rest: true, rest_begin_time: 9 * HOUR, rest_end_time: 13 * HOUR }); }, errcode: R, field: `${S0}.rest_begin_time`, message: 'checkin time rest time invalid' },
  { rule: 'rest-time', name: 'rest_end == off', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { allow_rest: true, rest_begin_time: 12 * HOUR, rest_end_time: 18 * HOUR }); }, errcode: R, field: `${S0}.rest_end_time`, message: 'checkin time rest time invalid' },
  { rule: 'rest-time', name: 'rest_begin == rest_end', base: 'shift', mutate: (g) => { Object.assign(shiftSection(g), { allow_rest: true, rest_begin_time: 12 * HOUR, rest_end_time: 12 * HOUR }); }, errcode: R, field: `${TS0}.rest_end_time`, message: 'checkin time rest time invalid' },
  { rule: 'rest-time', name: 'rest_end before work', base: 'shift', mutate: (g) => { Object.assign(shiftSection(g), { allow_rest: true, rest_begin_time: 12 * HOUR, rest_end_time: 8 * HOUR }); }, errcode: R, field: `${TS0}.rest_end_time`, message: 'checkin time rest time invalid' },
  { rule: 'no-overlap', name: 'work periods intersect', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [sectionAt(1, 9 * HOUR, 12 * HOUR), sectionAt(2, 11 * HOUR, 18 * HOUR)]; }, errcode: R, field: `${CD0}.checkintime[1]`, message: 'there should be no overlap' },
  { rule: 'no-overlap', name: 'punch windows touch (12:30)', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [sectionAt(1, 9 * HOUR, 12 * HOUR), sectionAt(2, 13 * HOUR, 18 * HOUR)]; }, errcode: R, field: `${CD0}.checkintime[1]`, message: 'there should be no overlap' },
  { rule: 'no-overlap', name: 'by-shift windows, listed out of order', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, 14 * HOUR, 18 * HOUR), sectionAt(2, 9 * HOUR, 14 * HOUR)]; }, errcode: R, field: `${SCH1}.time_section[1]`, message: 'there should be no overlap' },
  { rule: 'no-overlap', name: 'special workday sections', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 5), checkintime: [specialSection(5, 9 * HOUR, 12 * HOUR), specialSection(6, 12 * HOUR, 18 * HOUR)] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[1]', message: 'there should be no overlap' },

  // flexible hours
  { rule: 'flex-needs-allow_flex', name: 'flex_on_duty_time without allow_flex', base: 'fixed', mutate: (g) => { delete g.checkindate[0].allow_flex; g.checkindate[0].flex_on_duty_time = 300; }, errcode: R, field: `${CD0}.flex_on_duty_time`, message: 'flex checkin rule need allow flex' },
  { rule: 'flex-needs-allow_flex', name: 'max_allow_arrive_late, allow_flex false', base: 'fixed', mutate: (g) => { g.checkindate[0].max_allow_arrive_late = 600; }, errcode: R, field: `${CD0}.max_allow_arrive_late`, message: 'flex checkin rule need allow flex' },
  { rule: 'flex-needs-allow_flex', name: 'late_rule, allow_flex false', base: 'fixed', mutate: (g) => { g.checkindate[0].late_rule = { allow_offwork_after_time: false }; }, errcode: R, field: `${CD0}.late_rule`, message: 'flex checkin rule need allow flex' },
  { rule: 'flex-needs-allow_flex', name: 'schedule with allow_flex false', base: 'shift', mutate: (g) => { g.schedulelist[1].flex_off_duty_time = 300; }, errcode: R, field: `${SCH1}.flex_off_duty_time`, message: 'flex checkin rule need allow flex' },
  { rule: 'flex-only-one-group', name: 'flex_on_duty_time and max_allow_arrive_early', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, flex_on_duty_time: 300, max_allow_arrive_early: 300 }); }, errcode: R, field: `${CD0}.max_allow_arrive_early`, message: 'only one item can be set' },
  { rule: 'flex-only-one-group', name: 'schedule: flex_off_duty_time and max_allow_arrive_late', base: 'shift', mutate: (g) => { Object.assign(g.schedulelist[1], { allow_flex: true, flex_off_duty_time: 300, max_allow_arrive_late: 600 }); }, errcode: R, field: `${SCH1}.max_allow_arrive_late`, message: 'only one item can be set' },
  { rule: 'flex-duty-max', name: 'flex_on_duty_time 365 minutes', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, flex_on_duty_time: 21900 }); }, errcode: R, field: `${CD0}.flex_on_duty_time`, message: 'flex_on_duty_time or flex_off_duty_time invalid' },
  { rule: 'flex-duty-max', name: 'flex_off_duty_time negative', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, flex_off_duty_time: -300 }); }, errcode: R, field: `${CD0}.flex_off_duty_time`, message: 'flex_on_duty_time or flex_off_duty_time invalid' },
  { rule: 'flex-value', name: 'flex_on_duty_time 330', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, flex_on_duty_time: 330 }); }, errcode: R, field: `${CD0}.flex_on_duty_time`, message: 'field has to be a multiple of 300' },
  { rule: 'flex-value', name: 'max_allow_arrive_late 365 minutes', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, max_allow_arrive_late: 21900 }); }, errcode: R, field: `${CD0}.max_allow_arrive_late`, message: 'field has to be a multiple of 300' },
  { rule: 'flex-value', name: 'schedule max_allow_arrive_early 450', base: 'shift', mutate: (g) => { Object.assign(g.schedulelist[1], { allow_flex: true, max_allow_arrive_early: 450 }); }, errcode: R, field: `${SCH1}.max_allow_arrive_early`, message: 'field has to be a multiple of 300' },
  { rule: 'flex-needs-value', name: 'fixed: allow_flex true and nothing set', base: 'fixed', mutate: (g) => { g.checkindate[0].allow_flex = true; }, errcode: R, field: `${CD0}.allow_flex`, message: 'the value of the field needs to be set' },
  { rule: 'flex-needs-value', name: 'schedule: allow_flex omitted (defaults to true, L516)', base: 'shift', mutate: (g) => { delete g.schedulelist[1].allow_flex; }, errcode: R, field: `${SCH1}.allow_flex`, message: 'the value of the field needs to be set' },

  // late rules
  { rule: 'late_rule-needs-allow', name: 'offwork_after_time without allow_offwork_after_time', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { offwork_after_time: 3600, onwork_flex_time: 1800 }; }, errcode: R, field: `${CD0}.late_rule.offwork_after_time`, message: 'late rule need open allow_offwork_after_time' },
  { rule: 'late_rule-needs-allow', name: 'timerules with allow_offwork_after_time false', base: 'shift', mutate: (g) => { Object.assign(g.schedulelist[1], { allow_flex: true, flex_on_duty_time: 300, late_rule: { allow_offwork_after_time: false, timerules: [{ offwork_after_time: 3600, onwork_flex_time: 3600 }] } }); }, errcode: R, field: `${SCH1}.late_rule.timerules`, message: 'late rule need open allow_offwork_after_time' },
  { rule: 'late_rule-value', name: 'offwork_after_time 615 minutes', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, offwork_after_time: 36900, onwork_flex_time: 900 }; }, errcode: R, field: `${CD0}.late_rule.offwork_after_time`, message: 'late rule must be a multiple of 15 minutes' },
  { rule: 'late_rule-value', name: 'timerule onwork_flex_time 1000', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, timerules: [{ offwork_after_time: 3600, onwork_flex_time: 1000 }] }; }, errcode: R, field: `${CD0}.late_rule.timerules[0].onwork_flex_time`, message: 'late rule must be a multiple of 15 minutes' },
  { rule: 'late_rule-order', name: 'arrive later than stayed late', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, offwork_after_time: 1800, onwork_flex_time: 3600 }; }, errcode: R, field: `${CD0}.late_rule.onwork_flex_time`, message: 'invalid late rule, offwork_after_time should less than onwork_flex_time' },
  { rule: 'late_rule-order', name: 'in a timerule', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, timerules: [{ offwork_after_time: 3600, onwork_flex_time: 1800 }, { offwork_after_time: 3600, onwork_flex_time: 4500 }] }; }, errcode: R, field: `${CD0}.late_rule.timerules[1].onwork_flex_time`, message: 'invalid late rule, offwork_after_time should less than onwork_flex_time' },

  // schedules
  { rule: 'schedule-size', name: '51 schedules', base: 'shift', mutate: (g) => { g.schedulelist = [g.schedulelist[0], ...Array.from({ length: 50 }, (_, i) => workSchedule(i + 1, `班次${i + 1}`, i + 1))]; }, errcode: R, field: 'group.schedulelist', message: 'freegroup schedule size maximum 50' },
  { rule: 'schedule-old-fields', name: 'limit_offtime', base: 'shift', mutate: (g) => { g.schedulelist[1].limit_offtime = 14400; }, errcode: U, field: `${SCH1}.limit_offtime`, message: 'flex_time/limit_aheadtime/limit_offtime/noneed_offwork is old feature' },
  { rule: 'schedule-old-fields', name: 'flex_time on the rest schedule', base: 'shift', mutate: (g) => { g.schedulelist[0].flex_time = 0; }, errcode: U, field: 'group.schedulelist[0].flex_time', message: 'flex_time/limit_aheadtime/limit_offtime/noneed_offwork is old feature' },
  { rule: 'schedule_id-unique', name: 'id 1 twice', base: 'shift', mutate: (g) => { g.schedulelist.push(workSchedule(1, '晚班', 2)); }, errcode: R, field: 'group.schedulelist[2].schedule_id', message: 'conflict schedule id' },
  { rule: 'schedule_id-unique', name: 'schedule_id missing', base: 'shift', mutate: (g) => { delete g.schedulelist[1].schedule_id; }, errcode: P, field: `${SCH1}.schedule_id`, message: 'missing required field' },
  { rule: 'schedule_name', name: 'empty', base: 'shift', mutate: (g) => { g.schedulelist[1].schedule_name = ''; }, errcode: R, field: `${SCH1}.schedule_name`, message: 'invalid schedule name' },
  { rule: 'schedule_name', name: 'missing', base: 'shift', mutate: (g) => { delete g.schedulelist[1].schedule_name; }, errcode: R, field: `${SCH1}.schedule_name`, message: 'invalid schedule name' },
  { rule: 'schedule_name', name: '41 characters', base: 'shift', mutate: (g) => { g.schedulelist[1].schedule_name = '班'.repeat(41); }, errcode: R, field: `${SCH1}.schedule_name`, message: 'invalid schedule name' },
  { rule: 'schedule_name-unique', name: '早班 twice', base: 'shift', mutate: (g) => { g.schedulelist.push(workSchedule(2, '早班', 2)); }, errcode: R, field: 'group.schedulelist[2].schedule_name', message: 'conflict schedule name' },
  { rule: 'schedule_name-unique', name: 'a work schedule named 休息', base: 'shift', mutate: (g) => { g.schedulelist[1].schedule_name = '休息'; }, errcode: R, field: `${SCH1}.schedule_name`, message: 'conflict schedule name' },
  { rule: 'rest-schedule-name', name: 'Rest', base: 'shift', mutate: (g) => { g.schedulelist[0].schedule_name = 'Rest'; }, errcode: R, field: 'group.schedulelist[0].schedule_name', message: 'invalid rest schedule name' },
  { rule: 'rest-schedule-name', name: 'missing', base: 'shift', mutate: (g) => { delete g.schedulelist[0].schedule_name; }, errcode: R, field: 'group.schedulelist[0].schedule_name', message: 'invalid rest schedule name' },
  { rule: 'rest-schedule-no-time', name: 'rest schedule with a section', base: 'shift', mutate: (g) => { g.schedulelist[0].time_section = [dayShift(7)]; }, errcode: R, field: 'group.schedulelist[0].time_section', message: 'rest schedule should not have checkin time' },
  { rule: 'time_section-size', name: 'empty', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = []; }, errcode: R, field: `${SCH1}.time_section`, message: 'time section size' },
  { rule: 'time_section-size', name: 'missing', base: 'shift', mutate: (g) => { delete g.schedulelist[1].time_section; }, errcode: R, field: `${SCH1}.time_section`, message: 'time section size' },
  { rule: 'time_section-size', name: '5 sections', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [1, 2, 3, 4, 5].map((i) => sectionAt(i, i * 4 * HOUR, i * 4 * HOUR + HOUR)); }, errcode: R, field: `${SCH1}.time_section`, message: 'time section size' },
  { rule: 'first-section-4h', name: 'earliest_work 4 h 1 min before', base: 'shift', mutate: (g) => { shiftSection(g).earliest_work_sec = 5 * HOUR - MINUTE; }, errcode: R, field: `${TS0}.earliest_work_sec`, message: 'shall not be more than 4 hours before work_sec' },
  { rule: 'first-section-4h', name: 'the earliest section listed second', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, 14 * HOUR, 18 * HOUR), { ...sectionAt(2, 9 * HOUR, 12 * HOUR), earliest_work_sec: 4 * HOUR }]; }, errcode: R, field: `${SCH1}.time_section[1].earliest_work_sec`, message: 'shall not be more than 4 hours before work_sec' },
  { rule: 'valid-schedule', name: 'only the rest schedule', base: 'shift', mutate: (g) => { g.schedulelist.pop(); }, errcode: R, field: 'group.schedulelist', message: 'a valid schedule is required for freegroup' },
  { rule: 'valid-schedule', name: 'schedulelist missing', base: 'shift', mutate: (g) => { delete g.schedulelist; }, errcode: R, field: 'group.schedulelist', message: 'a valid schedule is required for freegroup' },
  { rule: 'rest-schedule-required', name: 'no schedule 0', base: 'shift', mutate: (g) => { g.schedulelist.shift(); }, errcode: R, field: 'group.schedulelist', message: 'a rest schedule with id 0 is required' },

  // special days
  { rule: 'special-size', name: '367 offdays', base: 'shift', mutate: (g) => { g.spe_offdays = manyOffdays(367); }, errcode: R, field: 'group.spe_offdays', message: 'special day maximum value 366' },
  { rule: 'special-size', name: '1 workday + 366 offdays (together)', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW + 400 * DAY, 9)]; g.spe_offdays = manyOffdays(366); }, errcode: R, field: 'group.spe_offdays', message: 'special day maximum value 366' },
  { rule: 'special-workday-type', name: 'type 3', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), type: 3 }]; }, errcode: R, field: 'group.spe_workdays[0].type', message: 'special work day type invalid' },
  { rule: 'special-offday-type', name: 'type 3', base: 'free', mutate: (g) => { g.spe_offdays = [{ ...specialOffday(TOMORROW), type: 3 }]; }, errcode: R, field: 'group.spe_offdays[0].type', message: 'special offday should not have checkintime' },
  { rule: 'special-notes', name: 'offday notes empty', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ ...specialOffday(TOMORROW), notes: '' }]; }, errcode: R, field: 'group.spe_offdays[0].notes', message: 'special day notes cannot be empty' },
  { rule: 'special-notes', name: 'workday notes missing', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; delete g.spe_workdays[0].notes; }, errcode: R, field: 'group.spe_workdays[0].notes', message: 'special day notes cannot be empty' },
  { rule: 'special-notes-length', name: '41 ASCII bytes', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), notes: 'a'.repeat(41) }]; }, errcode: R, field: 'group.spe_workdays[0].notes', message: 'notes must not exceed 40 bytes' },
  { rule: 'special-notes-length', name: '14 CJK characters = 42 bytes (offday)', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ ...specialOffday(TOMORROW), notes: '备'.repeat(14) }]; }, errcode: R, field: 'group.spe_offdays[0].notes', message: 'notes must not exceed 40 bytes' },
  { rule: 'special-timestamp', name: 'UTC midnight, not China midnight', base: 'fixed', mutate: (g) => { g.spe_offdays = [specialOffday(TOMORROW + 8 * HOUR)]; }, errcode: R, field: 'group.spe_offdays[0].timestamp', message: 'invalid specailday timestamp' },
  { rule: 'special-timestamp', name: 'missing', base: 'fixed', mutate: (g) => { g.spe_offdays = [specialOffday(TOMORROW)]; delete g.spe_offdays[0].timestamp; }, errcode: R, field: 'group.spe_offdays[0].timestamp', message: 'invalid specailday timestamp' },
  { rule: 'special-timestamp', name: '2000-01-01 itself', base: 'fixed', mutate: (g) => { g.spe_offdays = [specialOffday(chinaMidnight(2000, 1, 1))]; }, errcode: R, field: 'group.spe_offdays[0].timestamp', message: 'invalid specailday timestamp' },
  { rule: 'special-timestamp', name: 'type 2 start not a midnight', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 2, timestamp: TOMORROW + HOUR, endtime: TOMORROW + 28 * DAY, notes: '大小周' }]; }, errcode: R, field: 'group.spe_offdays[0].timestamp', message: 'invalid specailday timestamp' },
  { rule: 'special-begtime', name: 'begtime at noon', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW + 12 * HOUR, endtime: TOMORROW + 3 * DAY, notes: '春节' }]; }, errcode: R, field: 'group.spe_offdays[0].begtime', message: 'invalid specailday begtime' },
  { rule: 'special-endtime', name: 'type 1 endtime at 23:59:59', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW + DAY - 1, notes: '春节' }]; }, errcode: R, field: 'group.spe_offdays[0].endtime', message: 'invalid specailday endtime' },
  { rule: 'special-endtime', name: 'type 2 endtime not a midnight', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 2, timestamp: TOMORROW, endtime: TOMORROW + 28 * DAY + 1, notes: '大小周' }]; }, errcode: R, field: 'group.spe_offdays[0].endtime', message: 'invalid specailday endtime' },
  { rule: 'special-begtime-endtime', name: 'type 1 without endtime', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, notes: '春节' }]; }, errcode: R, field: 'group.spe_offdays[0].endtime', message: 'invalid specailday begtime or endtime' },
  { rule: 'special-begtime-endtime', name: 'type 1 without begtime', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, timestamp: TOMORROW, endtime: TOMORROW, notes: '春节' }]; }, errcode: R, field: 'group.spe_offdays[0].begtime', message: 'invalid specailday begtime or endtime' },
  { rule: 'special-begtime-endtime', name: 'type 1 end before begin', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW + DAY, endtime: TOMORROW, notes: '春节' }]; }, errcode: R, field: 'group.spe_offdays[0].endtime', message: 'invalid specailday begtime or endtime' },
  { rule: 'special-begtime-endtime', name: 'type 2 end before start', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW + 14 * DAY, 9), type: 2, endtime: TOMORROW }]; }, errcode: R, field: 'group.spe_workdays[0].endtime', message: 'invalid specailday begtime or endtime' },
  { rule: 'special-one-year', name: 'type 1 over 366 days', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW + 365 * DAY, notes: '停业' }]; }, errcode: R, field: 'group.spe_offdays[0].endtime', message: 'the period of specialday cannot exceed one year' },
  { rule: 'special-one-year', name: 'type 2 over 366 days', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), type: 2, endtime: TOMORROW + 365 * DAY }]; }, errcode: R, field: 'group.spe_workdays[0].endtime', message: 'the period of specialday cannot exceed one year' },
  { rule: 'special-future', name: 'today (its 00:00 has passed)', base: 'fixed', mutate: (g) => { g.spe_offdays = [specialOffday(TODAY)]; }, errcode: R, field: 'group.spe_offdays[0].timestamp', message: 'only future dates are allowed here' },
  { rule: 'special-future', name: 'a range starting yesterday', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TODAY - DAY, endtime: TOMORROW + DAY, notes: '春节' }]; }, errcode: R, field: 'group.spe_offdays[0].begtime', message: 'only future dates are allowed here' },
  { rule: 'special-future', name: 'a special workday last year', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(chinaMidnight(2025, 6, 1), 9)]; }, errcode: R, field: 'group.spe_workdays[0].timestamp', message: 'only future dates are allowed here' },
  { rule: 'special-conflict', name: 'the same date as workday and offday', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; g.spe_offdays = [specialOffday(TOMORROW)]; }, errcode: R, field: 'group.spe_offdays[0]', message: 'conflict specailday' },
  { rule: 'special-conflict', name: 'a date inside an offday range', base: 'shift', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW + 6 * DAY, notes: '春节' }, specialOffday(TOMORROW + 6 * DAY)]; }, errcode: R, field: 'group.spe_offdays[1]', message: 'conflict specailday' },
  { rule: 'special-conflict', name: 'a date between the weeks of a type-2 range (stricter reading)', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), type: 2, endtime: TOMORROW + 28 * DAY }]; g.spe_offdays = [specialOffday(TOMORROW + 7 * DAY)]; }, errcode: R, field: 'group.spe_offdays[0]', message: 'conflict specailday' },
  { rule: 'special-workday-needs-checkintime', name: 'checkintime empty', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime', message: 'special work day need checkintime' },
  { rule: 'special-workday-needs-checkintime', name: 'checkintime missing', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; delete g.spe_workdays[0].checkintime; }, errcode: R, field: 'group.spe_workdays[0].checkintime', message: 'special work day need checkintime' },
  { rule: 'checkintime-size', name: 'special workday with 5 sections', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [1, 2, 3, 4, 5].map((i) => specialSection(10 + i, (2 + 2 * i) * HOUR, (3 + 2 * i) * HOUR)) }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime', message: 'checkin time size' },
  { rule: 'special-workday-no-windows', name: 'earliest_work_sec', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [{ ...specialSection(9), earliest_work_sec: 8 * HOUR }] }]; }, errcode: U, field: 'group.spe_workdays[0].checkintime[0].earliest_work_sec', message: 'special workday should not have earliest_work_sec' },
  { rule: 'special-workday-no-windows', name: 'a full fixed section copied over', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [dayShift(9)] }]; }, errcode: U, field: 'group.spe_workdays[0].checkintime[0].earliest_work_sec', message: 'special workday should not have earliest_work_sec' },
  { rule: 'special-workday-work-off', name: 'work 03:00', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 3 * HOUR, 12 * HOUR)] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[0].work_sec', message: 'special workday checkin time work_sec/off_work_sec invalid' },
  { rule: 'special-workday-work-off', name: 'work 18:01', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 18 * HOUR + MINUTE, 22 * HOUR)] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[0].work_sec', message: 'special workday checkin time work_sec/off_work_sec invalid' },
  { rule: 'special-workday-work-off', name: 'off 次日03:01', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 18 * HOUR, DAY + 3 * HOUR + MINUTE)] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[0].off_work_sec', message: 'special workday checkin time work_sec/off_work_sec invalid' },
  { rule: 'special-workday-work-off', name: 'off before work', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 14 * HOUR, 10 * HOUR)] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[0].off_work_sec', message: 'special workday checkin time work_sec/off_work_sec invalid' },
  { rule: 'special-workday-work-off', name: 'work not a whole minute', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 9 * HOUR + 1, 18 * HOUR)] }]; }, errcode: R, field: 'group.spe_workdays[0].checkintime[0].work_sec', message: 'special workday checkin time work_sec/off_work_sec invalid' },
  { rule: 'special-offday-no-checkintime', name: 'offday with a section', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ ...specialOffday(TOMORROW), checkintime: [specialSection(9)] }]; }, errcode: R, field: 'group.spe_offdays[0].checkintime', message: 'special offday should not have checkintime' },

  // wifi and locations
  { rule: 'wifi-location-size', name: '501 wifi', base: 'fixed', mutate: (g) => { g.wifimac_infos = manyWifis(501); }, errcode: R, field: 'group.wifimac_infos', message: 'wifi or location size maximum 500' },
  { rule: 'wifi-location-size', name: '300 wifi + 201 locations (together)', base: 'fixed', mutate: (g) => { g.wifimac_infos = manyWifis(300); g.loc_infos = manyLocations(201); }, errcode: R, field: 'group.wifimac_infos', message: 'wifi or location size maximum 500' },
  { rule: 'wifi-or-location', name: 'both empty', base: 'fixed', mutate: (g) => { g.wifimac_infos = []; g.loc_infos = []; }, errcode: R, field: 'group.wifimac_infos', message: 'need wifi or location' },
  { rule: 'wifi-or-location', name: 'both missing', base: 'free', mutate: (g) => { delete g.wifimac_infos; delete g.loc_infos; }, errcode: R, field: 'group.wifimac_infos', message: 'need wifi or location' },
  { rule: 'wifi-info', name: 'wifiname empty', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].wifiname = ''; }, errcode: R, field: 'group.wifimac_infos[0].wifiname', message: 'invalid wifi info' },
  { rule: 'wifi-info', name: 'wifiname 41 characters', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].wifiname = 'w'.repeat(41); }, errcode: R, field: 'group.wifimac_infos[0].wifiname', message: 'invalid wifi info' },
  { rule: 'wifi-info', name: 'wifimac missing', base: 'fixed', mutate: (g) => { delete g.wifimac_infos[0].wifimac; }, errcode: R, field: 'group.wifimac_infos[0].wifimac', message: 'invalid wifi info' },
  { rule: 'wifi-info', name: 'bssid empty', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].bssid = ''; }, errcode: R, field: 'group.wifimac_infos[0].bssid', message: 'invalid wifi info' },
  { rule: 'wifi-mac', name: 'dashes', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].wifimac = 'c0-7b-bc-37-f8-d3'; }, errcode: R, field: 'group.wifimac_infos[0].wifimac', message: 'invalid wifi mac' },
  { rule: 'wifi-mac', name: 'five octets', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].wifimac = 'c0:7b:bc:37:f8'; }, errcode: R, field: 'group.wifimac_infos[0].wifimac', message: 'invalid wifi mac' },
  { rule: 'wifi-mac', name: 'not hex', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].wifimac = 'g0:7b:bc:37:f8:d3'; }, errcode: R, field: 'group.wifimac_infos[0].wifimac', message: 'invalid wifi mac' },
  { rule: 'wifi-mac-unique', name: 'the same MAC in another case', base: 'fixed', mutate: (g) => { g.wifimac_infos.push({ wifiname: 'HQ-WiFi-5G', wifimac: 'C0:7B:BC:37:F8:D3' }); }, errcode: R, field: 'group.wifimac_infos[1].wifimac', message: 'conflict wifi mac' },
  { rule: 'location-info', name: 'lat 0', base: 'fixed', mutate: (g) => { g.loc_infos[0].lat = 0; }, errcode: R, field: 'group.loc_infos[0].lat', message: 'invalid location info' },
  { rule: 'location-info', name: 'lat missing', base: 'fixed', mutate: (g) => { delete g.loc_infos[0].lat; }, errcode: R, field: 'group.loc_infos[0].lat', message: 'invalid location info' },
  { rule: 'location-info', name: 'lat beyond 90°', base: 'fixed', mutate: (g) => { g.loc_infos[0].lat = 90_000_001; }, errcode: R, field: 'group.loc_infos[0].lat', message: 'invalid location info' },
  { rule: 'location-info', name: 'lng beyond -180°', base: 'fixed', mutate: (g) => { g.loc_infos[0].lng = -180_000_001; }, errcode: R, field: 'group.loc_infos[0].lng', message: 'invalid location info' },
  { rule: 'location-info', name: 'loc_title empty', base: 'fixed', mutate: (g) => { g.loc_infos[0].loc_title = ''; }, errcode: R, field: 'group.loc_infos[0].loc_title', message: 'invalid location info' },
  { rule: 'location-info', name: 'loc_detail 41 characters', base: 'fixed', mutate: (g) => { g.loc_infos[0].loc_detail = '街'.repeat(41); }, errcode: R, field: 'group.loc_infos[0].loc_detail', message: 'invalid location info' },
  { rule: 'location-info', name: 'distance 3500 m', base: 'fixed', mutate: (g) => { g.loc_infos[0].distance = 3500; }, errcode: R, field: 'group.loc_infos[0].distance', message: 'invalid location info' },
  { rule: 'location-distance', name: '350 m', base: 'fixed', mutate: (g) => { g.loc_infos[0].distance = 350; }, errcode: R, field: 'group.loc_infos[0].distance', message: 'invalid location distance' },
  { rule: 'location-distance', name: '50 m', base: 'fixed', mutate: (g) => { g.loc_infos[0].distance = 50; }, errcode: R, field: 'group.loc_infos[0].distance', message: 'invalid location distance' },
  { rule: 'location-distance', name: 'missing', base: 'fixed', mutate: (g) => { delete g.loc_infos[0].distance; }, errcode: R, field: 'group.loc_infos[0].distance', message: 'invalid location distance' },

  // who
  { rule: 'range', name: 'all three empty', base: 'fixed', mutate: (g) => { g.range = { party_id: [], userid: [], tagid: [] }; }, errcode: R, field: 'group.range', message: 'empty checkin range' },
  { rule: 'range', name: 'missing', base: 'shift', mutate: (g) => { delete g.range; }, errcode: R, field: 'group.range', message: 'empty checkin range' },
  { rule: 'range', name: "only SKIT's read-side key partyid", base: 'fixed', mutate: (g) => { g.range = { partyid: ['1'] }; }, errcode: R, field: 'group.range', message: 'empty checkin range' },
  { rule: 'checkin-type', name: '1 (errmsg list only)', base: 'fixed', mutate: (g) => { g.type = 1; }, errcode: R, field: 'group.type', message: 'invalid checkin type' },
  { rule: 'checkin-type', name: '2 (field table only)', base: 'fixed', mutate: (g) => { g.type = 2; }, errcode: R, field: 'group.type', message: 'invalid checkin type' },
  { rule: 'checkin-type', name: '4', base: 'free', mutate: (g) => { g.type = 4; }, errcode: R, field: 'group.type', message: 'invalid checkin type' },
  { rule: 'reporter-need-vid', name: 'a reporter without userid or tagid', base: 'fixed', mutate: (g) => { g.reporterinfo.reporters = [{}]; }, errcode: R, field: 'group.reporterinfo.reporters[0]', message: 'invalid reporter, need vid or tagid' },
  { rule: 'reporter', name: 'userid empty', base: 'fixed', mutate: (g) => { g.reporterinfo.reporters = [{ userid: '' }]; }, errcode: R, field: 'group.reporterinfo.reporters[0]', message: 'invalid reporter' },
  { rule: 'reporter', name: 'userid empty and tagid 0', base: 'fixed', mutate: (g) => { g.reporterinfo.reporters = [{ userid: 'lisi' }, { userid: '', tagid: 0 }]; }, errcode: R, field: 'group.reporterinfo.reporters[1]', message: 'invalid reporter' },
  { rule: 'option_out_range', name: '3', base: 'fixed', mutate: (g) => { g.option_out_range = 3; }, errcode: R, field: 'group.option_out_range', message: 'invalid option_out_range' },
  { rule: 'option_out_range', name: '-1', base: 'fixed', mutate: (g) => { g.option_out_range = -1; }, errcode: R, field: 'group.option_out_range', message: 'invalid option_out_range' },

  // 补卡
  { rule: 'allow_apply_bk_cnt', name: '100', base: 'fixed', mutate: (g) => { g.allow_apply_bk_cnt = 100; }, errcode: R, field: 'group.allow_apply_bk_cnt', message: 'invalid allow_apply_bk_cnt' },
  { rule: 'allow_apply_bk_cnt', name: '-2', base: 'fixed', mutate: (g) => { g.allow_apply_bk_cnt = -2; }, errcode: R, field: 'group.allow_apply_bk_cnt', message: 'invalid allow_apply_bk_cnt' },
  { rule: 'allow_apply_bk_day_limit', name: '181', base: 'fixed', mutate: (g) => { g.allow_apply_bk_day_limit = 181; }, errcode: R, field: 'group.allow_apply_bk_day_limit', message: 'invalid allow_apply_bk_day_limit' },
  { rule: 'allow_apply_bk_day_limit', name: '-2', base: 'fixed', mutate: (g) => { g.allow_apply_bk_day_limit = -2; }, errcode: R, field: 'group.allow_apply_bk_day_limit', message: 'invalid allow_apply_bk_day_limit' },
  { rule: 'buka_limit_next_month', name: '0', base: 'fixed', mutate: (g) => { g.buka_limit_next_month = 0; }, errcode: R, field: 'group.buka_limit_next_month', message: 'invalid buka_limit_next_month' },
  { rule: 'buka_limit_next_month', name: '29', base: 'fixed', mutate: (g) => { g.buka_limit_next_month = 29; }, errcode: R, field: 'group.buka_limit_next_month', message: 'invalid buka_limit_next_month' },
  { rule: 'buka_limit_next_month', name: '-2', base: 'fixed', mutate: (g) => { g.buka_limit_next_month = -2; }, errcode: R, field: 'group.buka_limit_next_month', message: 'invalid buka_limit_next_month' },
  { rule: 'buka_restriction', name: '16 (a fifth bit)', base: 'fixed', mutate: (g) => { g.buka_restriction = 16; }, errcode: P, field: 'group.buka_restriction', message: 'four flag bits' },
  { rule: 'buka_restriction', name: '-1', base: 'fixed', mutate: (g) => { g.buka_restriction = -1; }, errcode: P, field: 'group.buka_restriction', message: 'four flag bits' },
  { rule: 'buka_remind-needs-open', name: 'day without open_remind', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: false, buka_remind_day: 20 }; }, errcode: R, field: 'group.buka_remind.buka_remind_day', message: 'need open_remind' },
  { rule: 'buka_remind-needs-open', name: 'month without open_remind', base: 'fixed', mutate: (g) => { g.buka_remind = { buka_remind_month: 0 }; }, errcode: R, field: 'group.buka_remind.buka_remind_month', message: 'need open_remind' },
  { rule: 'buka_remind', name: 'this month, day 14', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 0, buka_remind_day: 14 }; }, errcode: R, field: 'group.buka_remind.buka_remind_day', message: 'invalid buka_remind parameter' },
  { rule: 'buka_remind', name: 'this month, day 31', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 0, buka_remind_day: 31 }; }, errcode: R, field: 'group.buka_remind.buka_remind_day', message: 'invalid buka_remind parameter' },
  { rule: 'buka_remind', name: 'next month, day 27', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 1, buka_remind_day: 27 }; }, errcode: R, field: 'group.buka_remind.buka_remind_day', message: 'invalid buka_remind parameter' },
  { rule: 'buka_remind', name: 'next month, day 0', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 1, buka_remind_day: 0 }; }, errcode: R, field: 'group.buka_remind.buka_remind_day', message: 'invalid buka_remind parameter' },
  { rule: 'buka_remind', name: 'month 2', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 2, buka_remind_day: 10 }; }, errcode: R, field: 'group.buka_remind.buka_remind_month', message: 'invalid buka_remind parameter' },
  { rule: 'buka_remind', name: 'open without a day', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 0 }; }, errcode: R, field: 'group.buka_remind.buka_remind_day', message: 'invalid buka_remind parameter' },
  { rule: 'buka-needs-allow_apply_offworkday', name: 'allow_apply_bk_cnt 3', base: 'fixed', mutate: (g) => { Object.assign(g, { allow_apply_offworkday: false, allow_apply_bk_cnt: 3 }); }, errcode: R, field: 'group.allow_apply_bk_cnt', message: 'need allow_apply_offworkday' },
  { rule: 'buka-needs-allow_apply_offworkday', name: 'allow_apply_bk_day_limit 2', base: 'fixed', mutate: (g) => { Object.assign(g, { allow_apply_offworkday: false, allow_apply_bk_day_limit: 2 }); }, errcode: R, field: 'group.allow_apply_bk_day_limit', message: 'need allow_apply_offworkday' },
  { rule: 'buka-needs-allow_apply_offworkday', name: 'buka_limit_next_month 5', base: 'shift', mutate: (g) => { Object.assign(g, { allow_apply_offworkday: false, buka_limit_next_month: 5 }); }, errcode: R, field: 'group.buka_limit_next_month', message: 'need allow_apply_offworkday' },
  { rule: 'buka-needs-allow_apply_offworkday', name: 'buka_restriction 1', base: 'free', mutate: (g) => { delete g.allow_apply_offworkday; g.buka_restriction = 1; }, errcode: R, field: 'group.buka_restriction', message: 'need allow_apply_offworkday' },
  { rule: 'buka-needs-allow_apply_offworkday', name: 'buka_remind', base: 'fixed', mutate: (g) => { Object.assign(g, { allow_apply_offworkday: false, buka_remind: { open_remind: true, buka_remind_month: 1, buka_remind_day: 5 } }); }, errcode: R, field: 'group.buka_remind', message: 'need allow_apply_offworkday' },
  { rule: 'face-detect', name: 'live detection, face detection off', base: 'fixed', mutate: (g) => { g.open_face_live_detect = true; }, errcode: R, field: 'group.open_face_live_detect', message: 'invalid face detect' },
  { rule: 'face-detect', name: 'live detection, face detection absent', base: 'shift', mutate: (g) => { delete g.use_face_detect; g.open_face_live_detect = true; }, errcode: R, field: 'group.open_face_live_detect', message: 'invalid face detect' },

  // overtime
  { rule: 'ot_info_v2-required', name: 'missing', base: 'fixed', mutate: (g) => { delete g.ot_info_v2; }, errcode: R, field: 'group.ot_info_v2', message: 'ot_info_v2 is necessary' },
  { rule: 'ot-conf-required', name: 'ot_info_v2 empty', base: 'fixed', mutate: (g) => { g.ot_info_v2 = {}; }, errcode: R, field: 'group.ot_info_v2.workdayconf', message: 'workdayconf/restdayconf/holidayconf is necessary' },
  { rule: 'ot-conf-required', name: 'restdayconf missing', base: 'fixed', mutate: (g) => { delete g.ot_info_v2.restdayconf; }, errcode: R, field: 'group.ot_info_v2.restdayconf', message: 'workdayconf/restdayconf/holidayconf is necessary' },
  { rule: 'ot-conf-required', name: 'holidayconf missing', base: 'shift', mutate: (g) => { delete g.ot_info_v2.holidayconf; }, errcode: R, field: 'group.ot_info_v2.holidayconf', message: 'workdayconf/restdayconf/holidayconf is necessary' },
  { rule: 'ot-conf-required', name: 'restdayconf without type', base: 'fixed', mutate: (g) => { delete g.ot_info_v2.restdayconf.type; }, errcode: R, field: 'group.ot_info_v2.restdayconf.type', message: 'workdayconf/restdayconf/holidayconf is necessary' },
  { rule: 'ot-conf-required', name: 'workdayconf without allow_ot', base: 'fixed', mutate: (g) => { delete otConf(g).allow_ot; }, errcode: R, field: 'group.ot_info_v2.workdayconf.allow_ot', message: 'workdayconf/restdayconf/holidayconf is necessary' },
  { rule: 'ot-type', name: '3', base: 'fixed', mutate: (g) => { otConf(g).type = 3; }, errcode: R, field: 'group.ot_info_v2.workdayconf.type', message: 'otinfo type invalid' },
  { rule: 'ot-type', name: 'holidayconf -1', base: 'fixed', mutate: (g) => { g.ot_info_v2.holidayconf.type = -1; }, errcode: R, field: 'group.ot_info_v2.holidayconf.type', message: 'otinfo type invalid' },
  { rule: 'ot_trans_type', name: '3', base: 'fixed', mutate: (g) => { otConf(g).ot_trans_type = 3; }, errcode: R, field: 'group.ot_info_v2.workdayconf.ot_trans_type', message: 'otinfo ot_trans_type invalid' },
  { rule: 'ot_trans_type', name: '0 (stricter reading)', base: 'fixed', mutate: (g) => { otConf(g).ot_trans_type = 0; }, errcode: R, field: 'group.ot_info_v2.workdayconf.ot_trans_type', message: 'otinfo ot_trans_type invalid' },
  { rule: 'trans_ratio', name: '3001', base: 'fixed', mutate: (g) => { otConf(g).vacation = { trans_ratio: 3001 }; }, errcode: R, field: 'group.ot_info_v2.workdayconf.vacation.trans_ratio', message: 'vacation.trans_ratio invalid' },
  { rule: 'trans_ratio', name: '-1', base: 'fixed', mutate: (g) => { g.ot_info_v2.restdayconf.vacation = { trans_ratio: -1 }; }, errcode: R, field: 'group.ot_info_v2.restdayconf.vacation.trans_ratio', message: 'vacation.trans_ratio invalid' },
  { rule: 'ot_time_start', name: '721 minutes', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_start: 43260 }; }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.ot_time_start', message: 'invalid otinfo ot_time_start' },
  { rule: 'ot_time_min-max', name: 'ot_time_max 721 minutes', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_max: 43260 }; }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.ot_time_max', message: 'invalid otinfo ot_time_min or ot_time_max' },
  { rule: 'ot_time_min-max', name: 'ot_time_min 721 minutes', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_min: 43260, ot_time_max: 43200 }; }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.ot_time_min', message: 'invalid otinfo ot_time_min or ot_time_max' },
  { rule: 'ot_time_min-max', name: 'min == max', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_min: 3600, ot_time_max: 3600 }; }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.ot_time_min', message: 'invalid otinfo ot_time_min or ot_time_max' },
  { rule: 'ot_time_min-max', name: 'min above the default max (240 minutes)', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_min: 5 * HOUR }; }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.ot_time_min', message: 'invalid otinfo ot_time_min or ot_time_max' },
  { rule: 'restinfo-type', name: 'apply.restinfo.type 3', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { type: 3 }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.type', message: 'apply.restinfo.type invalid' },
  { rule: 'restinfo-type', name: 'checkin.restinfo.type 3', base: 'fixed', mutate: (g) => { restinfo(g, 'checkin', { type: 3 }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.restinfo.type', message: 'checkin.restinfo.type invalid' },
  { rule: 'restinfo-type', name: 'applycheckin.restinfo.type -1', base: 'fixed', mutate: (g) => { restinfo(g, 'applycheckin', { type: -1 }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.applycheckin.restinfo.type', message: 'applycheckin.restinfo.type invalid' },
  { rule: 'restinfo-not-enabled', name: 'type 0 with rest periods', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { ...fixList([12 * HOUR, 13 * HOUR]), type: 0 }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list', message: 'if rest is not enabled' },
  { rule: 'restinfo-not-enabled', name: 'type absent with cal_ottime_rule', base: 'fixed', mutate: (g) => { restinfo(g, 'checkin', { cal_ottime_rule: { items: [] } }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.restinfo.cal_ottime_rule', message: 'if rest is not enabled' },
  { rule: 'deduct-by-ot-time', name: 'type 2 with rest periods', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { ...items([3600, 900]), fix_time_rule_list: [{ fix_time_begin_sec: 0, fix_time_end_sec: 60 }] }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list', message: 'select the deduction by overtime hours' },
  { rule: 'deduct-by-rest-period', name: 'type 1 with cal_ottime_rule', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { ...fixList([12 * HOUR, 13 * HOUR]), cal_ottime_rule: { items: [] } }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule', message: 'select the deduction by rest period' },
  { rule: 'fix_time_rule_list-size', name: 'type 1 without periods', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList()); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list', message: 'fix_time_rule_list size' },
  { rule: 'fix_time_rule_list-size', name: '11 periods', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList(...Array.from({ length: 11 }, (_, i): [number, number] => [i * HOUR, i * HOUR + 30 * MINUTE]))); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list', message: 'fix_time_rule_list size' },
  { rule: 'fix_time-required', name: 'end missing', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { type: 1, fix_time_rule_list: [{ fix_time_begin_sec: 12 * HOUR }] }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[0].fix_time_end_sec', message: 'need fix_time_begin_sec and fix_time_end_sec' },
  { rule: 'fix_time-required', name: 'begin missing', base: 'fixed', mutate: (g) => { restinfo(g, 'checkin', { type: 1, fix_time_rule_list: [{ fix_time_end_sec: 12 * HOUR }] }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.restinfo.fix_time_rule_list[0].fix_time_begin_sec', message: 'need fix_time_begin_sec and fix_time_end_sec' },
  { rule: 'fix_time', name: 'begin not a whole minute', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([12 * HOUR + 1, 13 * HOUR])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[0].fix_time_begin_sec', message: 'invalid fix_time_begin_sec or fix_time_end_sec' },
  { rule: 'fix_time', name: 'more than 24 h', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([0, DAY + MINUTE])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[0].fix_time_end_sec', message: 'invalid fix_time_begin_sec or fix_time_end_sec' },
  { rule: 'fix_time', name: 'end before begin', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([13 * HOUR, 12 * HOUR])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[0].fix_time_end_sec', message: 'invalid fix_time_begin_sec or fix_time_end_sec' },
  { rule: 'fix_time', name: 'end after 次日23:59', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([DAY + 23 * HOUR, 2 * DAY])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[0].fix_time_end_sec', message: 'invalid fix_time_begin_sec or fix_time_end_sec' },
  { rule: 'fix_time', name: 'two periods intersect', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([12 * HOUR, 13 * HOUR], [12 * HOUR + 30 * MINUTE, 14 * HOUR])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[1]', message: 'invalid fix_time_begin_sec or fix_time_end_sec' },
  { rule: 'fix_time', name: 'two periods touch', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([12 * HOUR, 13 * HOUR], [13 * HOUR, 14 * HOUR])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.fix_time_rule_list[1]', message: 'invalid fix_time_begin_sec or fix_time_end_sec' },
  { rule: 'cal_ottime-items-size', name: 'type 2 without cal_ottime_rule', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { type: 2 }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items', message: 'cal_ottime_rule items size' },
  { rule: 'cal_ottime-items-size', name: '6 items', base: 'fixed', mutate: (g) => { restinfo(g, 'checkin', items(...Array.from({ length: 6 }, (_, i): [number, number] => [(i + 1) * HOUR, 900]))); }, errcode: R, field: 'group.ot_info_v2.workdayconf.checkin.restinfo.cal_ottime_rule.items', message: 'cal_ottime_rule items size' },
  { rule: 'cal_ottime-item-required', name: 'rest_time missing', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { type: 2, cal_ottime_rule: { items: [{ ot_time: 3600 }] } }); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[0].rest_time', message: 'need otinfo rest_time and ot_time' },
  { rule: 'cal_ottime-item-required', name: 'ot_time 0', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([0, 900])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[0].ot_time', message: 'need otinfo rest_time and ot_time' },
  { rule: 'cal_ottime-rest_time', name: 'rest_time 1000', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([3600, 1000])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[0].rest_time', message: 'invalid otinfo rest_time or ot_time' },
  { rule: 'cal_ottime-rest_time', name: 'rest_time 375 minutes', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([10 * HOUR, 22500])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[0].rest_time', message: 'invalid otinfo rest_time or ot_time' },
  { rule: 'cal_ottime-rest_time', name: 'rest_time above ot_time', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([2700, 3600])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[0].rest_time', message: 'invalid otinfo rest_time or ot_time' },
  { rule: 'cal_ottime-ot_time', name: 'ot_time 4000', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([4000, 900])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[0].ot_time', message: 'ot_time needs to be incremented' },
  { rule: 'cal_ottime-ot_time', name: 'decreasing', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([7200, 900], [3600, 900])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[1].ot_time', message: 'ot_time needs to be incremented' },
  { rule: 'cal_ottime-ot_time', name: 'equal', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([3600, 900], [3600, 1800])); }, errcode: R, field: 'group.ot_info_v2.workdayconf.apply.restinfo.cal_ottime_rule.items[1].ot_time', message: 'ot_time needs to be incremented' },

  // free rules
  { rule: 'free-rule-workdays', name: 'no checkindate', base: 'free', mutate: (g) => { delete g.checkindate; }, errcode: R, field: 'group.checkindate', message: 'checkindate size' },
  { rule: 'free-rule-workdays', name: 'workdays empty', base: 'free', mutate: (g) => { g.checkindate[0].workdays = []; }, errcode: R, field: 'group.checkindate[0].workdays', message: 'checkindate workdays invalid' },
  { rule: 'offwork_interval_time', name: 'missing', base: 'free', mutate: (g) => { delete g.offwork_interval_time; }, errcode: R, field: 'group.offwork_interval_time', message: 'invalid offwork_interval_time' },
  { rule: 'offwork_interval_time', name: '330 seconds', base: 'free', mutate: (g) => { g.offwork_interval_time = 330; }, errcode: R, field: 'group.offwork_interval_time', message: 'invalid offwork_interval_time' },
  { rule: 'offwork_interval_time', name: '1440 minutes', base: 'free', mutate: (g) => { g.offwork_interval_time = DAY; }, errcode: R, field: 'group.offwork_interval_time', message: 'invalid offwork_interval_time' },
  { rule: 'span_day_time-range', name: '86400', base: 'free', mutate: (g) => { g.span_day_time = DAY; }, errcode: R, field: 'group.span_day_time', message: "The value of 'span_day_time' must be greater than or equal to 0" },
  { rule: 'span_day_time-range', name: '-60', base: 'free', mutate: (g) => { g.span_day_time = -60; }, errcode: R, field: 'group.span_day_time', message: "The value of 'span_day_time' must be greater than or equal to 0" },
  { rule: 'span_day_time-minutes', name: '90 seconds', base: 'free', mutate: (g) => { g.span_day_time = 90; }, errcode: R, field: 'group.span_day_time', message: "'span_day_time' must be a whole number of minutes" },
  { rule: 'standard_work_duration', name: 'half an hour', base: 'free', mutate: (g) => { g.standard_work_duration = 1800; }, errcode: R, field: 'group.standard_work_duration', message: "The value of 'standard_work_duration' can only be -1" },
  { rule: 'standard_work_duration', name: 'not a half-hour step', base: 'free', mutate: (g) => { g.standard_work_duration = 4000; }, errcode: R, field: 'group.standard_work_duration', message: "The value of 'standard_work_duration' can only be -1" },
  { rule: 'standard_work_duration', name: '24.5 hours', base: 'free', mutate: (g) => { g.standard_work_duration = 88200; }, errcode: R, field: 'group.standard_work_duration', message: "The value of 'standard_work_duration' can only be -1" },
  { rule: 'standard_work_duration', name: '-2', base: 'free', mutate: (g) => { g.standard_work_duration = -2; }, errcode: R, field: 'group.standard_work_duration', message: "The value of 'standard_work_duration' can only be -1" },
];

// ---------------------------------------------------------------------------------------------------------
// Positive cases: boundary values and documented alternatives that must pass.
// ---------------------------------------------------------------------------------------------------------

// prettier-ignore
const POSITIVES: Positive[] = [
  { rule: 'grouptype', name: '1 (fixed base)', base: 'fixed', mutate: () => undefined },
  { rule: 'grouptype', name: '2 (by-shift base)', base: 'shift', mutate: () => undefined },
  { rule: 'grouptype', name: '3 (free base)', base: 'free', mutate: () => undefined },
  { rule: 'json-types', name: 'optional booleans all false', base: 'fixed', mutate: (g) => { Object.assign(g, { sync_holidays: false, need_photo: false, note_can_use_local_pic: false, sync_out_checkin: false }); } },
  { rule: 'json-types', name: 'party_id holding strings', base: 'fixed', mutate: (g) => { g.range.party_id = ['1', '2']; } },
  { rule: 'groupname', name: '40 CJK characters', base: 'fixed', mutate: (g) => { g.groupname = '规'.repeat(40); } },
  { rule: 'groupname', name: '40 emoji (80 UTF-16 units, 40 characters)', base: 'shift', mutate: (g) => { g.groupname = '😀'.repeat(40); } },
  { rule: 'ot_info-old', name: 'ot_info absent, ot_info_v2 present', base: 'free', mutate: (g) => { delete g.ot_info; } },
  { rule: 'span_day_time-forbidden', name: 'free rule may carry it', base: 'free', mutate: (g) => { g.span_day_time = 0; } },
  { rule: 'standard_work_duration-forbidden', name: 'free rule may carry it', base: 'free', mutate: (g) => { g.standard_work_duration = -1; } },
  { rule: 'schedulelist-only-by-shift', name: 'fixed rule with schedulelist [] (= absent, doc L262)', base: 'fixed', mutate: (g) => { g.schedulelist = []; } },
  { rule: 'checkindate-not-by-shift', name: 'by-shift rule with checkindate []', base: 'shift', mutate: (g) => { g.checkindate = []; } },
  { rule: 'spe_workdays-only-fixed', name: 'by-shift rule with spe_workdays []', base: 'shift', mutate: (g) => { g.spe_workdays = []; } },
  { rule: 'spe_workdays-only-fixed', name: 'fixed rule with a special workday', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; } },
  { rule: 'checkindate-size', name: '7 entries, one day each', base: 'fixed', mutate: (g) => { g.checkindate = Array.from({ length: 7 }, (_, i) => ({ workdays: [i], checkintime: [dayShift(i + 1)] })); } },
  { rule: 'checkindate-old-fields', name: 'new-style fields only', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, flex_on_duty_time: 600, flex_off_duty_time: 600 }); } },
  { rule: 'workdays', name: 'all seven days, Sunday as 0', base: 'fixed', mutate: (g) => { g.checkindate[0].workdays = [0, 1, 2, 3, 4, 5, 6]; } },
  { rule: 'workdays', name: 'weekdays and a separate Saturday entry', base: 'fixed', mutate: (g) => { g.checkindate.push({ workdays: [6], checkintime: [sectionAt(2, 9 * HOUR, 12 * HOUR)] }); } },
  { rule: 'checkintime-size', name: '4 sections', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [1, 2, 3, 4].map((i) => sectionAt(i, i * 4 * HOUR, i * 4 * HOUR + HOUR)); } },
  { rule: 'checkintime-size', name: 'special workday with 4 sections', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [1, 2, 3, 4].map((i) => specialSection(10 + i, (2 + 2 * i) * HOUR, (3 + 2 * i) * HOUR)) }]; } },
  { rule: 'time_id-range', name: '99998', base: 'fixed', mutate: (g) => { firstSection(g).time_id = 99998; } },
  { rule: 'time_id-range', name: '1 on a by-shift section', base: 'shift', mutate: (g) => { shiftSection(g).time_id = 1; } },
  { rule: 'time_id-unique', name: 'distinct across checkindate and special workdays', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 2), specialWorkday(TOMORROW + DAY, 3)]; } },
  { rule: 'time_id-unique', name: 'distinct across schedules', base: 'shift', mutate: (g) => { g.schedulelist.push(workSchedule(2, '晚班', 2)); } },
  { rule: 'work_sec', name: 'exactly 次日00:00 (fixed, off at 次日04:00)', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ ...overnight(1), work_sec: DAY, remind_work_sec: DAY, earliest_work_sec: DAY - HOUR, latest_work_sec: DAY + HOUR, earliest_off_work_sec: DAY + HOUR, off_work_sec: DAY + 4 * HOUR, remind_off_work_sec: DAY + 4 * HOUR, latest_off_work_sec: DAY + 4 * HOUR }]; } },
  { rule: 'work_sec', name: '00:00', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [{ ...sectionAt(1, 0, 8 * HOUR), earliest_work_sec: -30 * MINUTE }]; } },
  { rule: 'off_work_sec', name: '次日23:58 (by shift)', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [{ ...sectionAt(1, DAY, 2 * DAY - 2 * MINUTE), latest_off_work_sec: 2 * DAY - 2 * MINUTE }]; } },
  { rule: 'remind-required', name: 'both present on a special workday', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; } },
  { rule: 'windows-required', name: 'special workday without windows', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; } },
  { rule: 'multiple-of-60', name: 'every field on a whole minute (09:01)', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { work_sec: 9 * HOUR + MINUTE, remind_work_sec: 9 * HOUR + MINUTE }); } },
  { rule: 'fixed-window-bounds', name: 'latest_off_work_sec exactly 次日04:00', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [overnight(1)]; } },
  { rule: 'fixed-window-bounds', name: 'by-shift windows beyond 次日04:00 (fixed only)', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [{ ...overnight(1), latest_off_work_sec: DAY + 6 * HOUR }]; } },
  { rule: 'fixed-window-bounds', name: 'earliest_work_sec 00:00', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ ...sectionAt(1, HOUR, 8 * HOUR), earliest_work_sec: 0 }]; } },
  { rule: 'work-off', name: 'two minutes apart', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [{ time_id: 1, work_sec: 9 * HOUR, off_work_sec: 9 * HOUR + 2 * MINUTE, remind_work_sec: 9 * HOUR, remind_off_work_sec: 9 * HOUR + 2 * MINUTE, earliest_work_sec: 9 * HOUR - MINUTE, latest_work_sec: 9 * HOUR + MINUTE, earliest_off_work_sec: 9 * HOUR + MINUTE, latest_off_work_sec: 9 * HOUR + 3 * MINUTE }]; } },
  { rule: 'work-off', name: '23 h 59 min apart (by shift)', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [{ time_id: 1, work_sec: HOUR, off_work_sec: DAY + HOUR - MINUTE, remind_work_sec: HOUR, remind_off_work_sec: DAY + HOUR - MINUTE, earliest_work_sec: 0, latest_work_sec: 2 * HOUR, earliest_off_work_sec: DAY, latest_off_work_sec: DAY + 2 * HOUR }]; } },
  { rule: 'window-pairs', name: 'windows one minute either side of work_sec', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { earliest_work_sec: 9 * HOUR - MINUTE, latest_work_sec: 9 * HOUR + MINUTE }); } },
  { rule: 'work-window', name: 'latest_work one minute before off', base: 'fixed', mutate: (g) => { firstSection(g).latest_work_sec = 18 * HOUR - MINUTE; } },
  { rule: 'earliest_off', name: 'one minute after work', base: 'fixed', mutate: (g) => { firstSection(g).earliest_off_work_sec = 9 * HOUR + MINUTE; } },
  { rule: 'earliest_off', name: 'one minute before off', base: 'shift', mutate: (g) => { shiftSection(g).earliest_off_work_sec = 18 * HOUR - MINUTE; } },
  { rule: 'latest_off', name: 'equal to off', base: 'fixed', mutate: (g) => { firstSection(g).latest_off_work_sec = 18 * HOUR; } },
  { rule: 'latest_off', name: 'off + 23 h 59 min (by shift)', base: 'shift', mutate: (g) => { shiftSection(g).latest_off_work_sec = 18 * HOUR + DAY - MINUTE; } },
  { rule: 'remind_work', name: '20 minutes early', base: 'fixed', mutate: (g) => { firstSection(g).remind_work_sec = 9 * HOUR - 20 * MINUTE; } },
  { rule: 'remind_work', name: 'on time', base: 'shift', mutate: (g) => { shiftSection(g).remind_work_sec = 9 * HOUR; } },
  { rule: 'remind_off', name: '60 minutes late', base: 'fixed', mutate: (g) => { firstSection(g).remind_off_work_sec = 19 * HOUR; } },
  { rule: 'remind_off', name: '30 minutes late', base: 'shift', mutate: (g) => { shiftSection(g).remind_off_work_sec = 18 * HOUR + 30 * MINUTE; } },
  { rule: 'rest-needs-allow_rest', name: 'rest times with allow_rest', base: 'fixed', mutate: (g) => { Object.assign(firstSection(g), { allow_rest: true, rest_begin_time: 12 * HOUR, rest_end_time: 13 * HOUR }); } },
  { rule: 'rest-time', name: 'rest from work + 1 min to off - 1 min', base: 'shift', mutate: (g) => { Object.assign(shiftSection(g), { allow_rest: true, rest_begin_time: 9 * HOUR + MINUTE, rest_end_time: 18 * HOUR - MINUTE }); } },
  { rule: 'no-overlap', name: 'windows one minute apart', base: 'fixed', mutate: (g) => { g.checkindate[0].checkintime = [sectionAt(1, 9 * HOUR, 12 * HOUR), sectionAt(2, 13 * HOUR + MINUTE, 18 * HOUR)]; } },
  { rule: 'no-overlap', name: 'special workday sections one minute apart', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 5), checkintime: [specialSection(5, 9 * HOUR, 12 * HOUR), specialSection(6, 12 * HOUR + MINUTE, 18 * HOUR)] }]; } },
  { rule: 'flex-needs-allow_flex', name: 'zero flex values without allow_flex (the doc example)', base: 'fixed', mutate: (g) => { delete g.checkindate[0].allow_flex; Object.assign(g.checkindate[0], { flex_on_duty_time: 0, flex_off_duty_time: 0 }); } },
  { rule: 'flex-needs-allow_flex', name: 'late_rule {} (cleared) without allow_flex', base: 'fixed', mutate: (g) => { g.checkindate[0].late_rule = {}; } },
  { rule: 'flex-only-one-group', name: 'early/late group alone', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, max_allow_arrive_early: 300, max_allow_arrive_late: 600, flex_on_duty_time: 0 }); } },
  { rule: 'flex-duty-max', name: 'flex_on_duty_time 360 minutes', base: 'fixed', mutate: (g) => { Object.assign(g.checkindate[0], { allow_flex: true, flex_on_duty_time: 21600 }); } },
  { rule: 'flex-value', name: 'max_allow_arrive_late 360 minutes', base: 'shift', mutate: (g) => { Object.assign(g.schedulelist[1], { allow_flex: true, max_allow_arrive_late: 21600 }); } },
  { rule: 'flex-needs-value', name: 'schedule allow_flex omitted with flex_on_duty_time', base: 'shift', mutate: (g) => { delete g.schedulelist[1].allow_flex; g.schedulelist[1].flex_on_duty_time = 300; } },
  { rule: 'flex-needs-value', name: 'allow_flex false and nothing set', base: 'fixed', mutate: (g) => { g.checkindate[0].allow_flex = false; } },
  { rule: 'late_rule-needs-allow', name: 'allow_offwork_after_time with values', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, offwork_after_time: 3600, onwork_flex_time: 1800 }; } },
  { rule: 'late_rule-value', name: '600 minutes', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, timerules: [{ offwork_after_time: 36000, onwork_flex_time: 36000 }] }; } },
  { rule: 'late_rule-order', name: 'equal (WeCom read example 3600/3600)', base: 'fixed', mutate: (g) => { flexible(g).late_rule = { allow_offwork_after_time: true, timerules: [{ offwork_after_time: 3600, onwork_flex_time: 3600 }] }; } },
  { rule: 'late_rule-order', name: 'arrive later by less than stayed late', base: 'shift', mutate: (g) => { Object.assign(g.schedulelist[1], { allow_flex: true, flex_on_duty_time: 300, late_rule: { allow_offwork_after_time: true, offwork_after_time: 7200, onwork_flex_time: 3600 } }); } },
  { rule: 'schedule-size', name: '50 schedules', base: 'shift', mutate: (g) => { g.schedulelist = [g.schedulelist[0], ...Array.from({ length: 49 }, (_, i) => workSchedule(i + 1, `班次${i + 1}`, i + 1))]; } },
  { rule: 'schedule-old-fields', name: 'new-style flex fields', base: 'shift', mutate: (g) => { Object.assign(g.schedulelist[1], { allow_flex: true, flex_on_duty_time: 300, flex_off_duty_time: 300 }); } },
  { rule: 'schedule_id-unique', name: 'ids 0, 1, 2', base: 'shift', mutate: (g) => { g.schedulelist.push(workSchedule(2, '晚班', 2)); } },
  { rule: 'schedule_name', name: '40 characters', base: 'shift', mutate: (g) => { g.schedulelist[1].schedule_name = '班'.repeat(40); } },
  { rule: 'schedule_name-unique', name: '早班 and 晚班', base: 'shift', mutate: (g) => { g.schedulelist.push(workSchedule(2, '晚班', 2)); } },
  { rule: 'rest-schedule-name', name: '休息 (base)', base: 'shift', mutate: (g) => { g.schedulelist[0].schedule_name = '休息'; } },
  { rule: 'rest-schedule-no-time', name: 'time_section [] (read shape)', base: 'shift', mutate: (g) => { g.schedulelist[0].time_section = []; } },
  { rule: 'time_section-size', name: '4 sections', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [1, 2, 3, 4].map((i) => sectionAt(i, i * 4 * HOUR, i * 4 * HOUR + HOUR)); } },
  { rule: 'first-section-4h', name: 'exactly 4 h', base: 'shift', mutate: (g) => { shiftSection(g).earliest_work_sec = 5 * HOUR; } },
  { rule: 'first-section-4h', name: 'a later section may open 5 h early', base: 'shift', mutate: (g) => { g.schedulelist[1].time_section = [sectionAt(1, 6 * HOUR, 7 * HOUR), { ...sectionAt(2, 14 * HOUR, 18 * HOUR), earliest_work_sec: 9 * HOUR }]; } },
  { rule: 'valid-schedule', name: 'rest plus one work schedule (base)', base: 'shift', mutate: () => undefined },
  { rule: 'rest-schedule-required', name: 'rest schedule listed last', base: 'shift', mutate: (g) => { g.schedulelist.reverse(); } },
  { rule: 'special-size', name: '366 offdays', base: 'shift', mutate: (g) => { g.spe_offdays = manyOffdays(366); } },
  { rule: 'special-workday-type', name: 'type 2 (every two weeks)', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), type: 2, endtime: TOMORROW + 28 * DAY }]; } },
  { rule: 'special-offday-type', name: 'type 1 range', base: 'free', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW + 6 * DAY, notes: '春节' }]; } },
  { rule: 'special-notes', name: 'notes present', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ ...specialOffday(TOMORROW), notes: '春节' }]; } },
  { rule: 'special-notes-length', name: '13 CJK + 1 ASCII = 40 bytes', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), notes: `${'备'.repeat(13)}a` }]; } },
  { rule: 'special-timestamp', name: 'a China midnight', base: 'fixed', mutate: (g) => { g.spe_offdays = [specialOffday(chinaMidnight(2026, 10, 1))]; } },
  { rule: 'special-begtime', name: 'begtime a China midnight', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: chinaMidnight(2026, 2, 16), endtime: chinaMidnight(2026, 2, 22), notes: '春节' }]; } },
  { rule: 'special-endtime', name: 'type 2 endtime a China midnight', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 2, timestamp: TOMORROW, endtime: TOMORROW + 28 * DAY, notes: '大小周' }]; } },
  { rule: 'special-begtime-endtime', name: 'a one-day range (end == begin)', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW, notes: '春节' }]; } },
  { rule: 'special-one-year', name: '365 days, both ends included', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW + 364 * DAY, notes: '停业' }]; } },
  { rule: 'special-future', name: 'tomorrow', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; g.spe_offdays = [specialOffday(TOMORROW + DAY)]; } },
  { rule: 'special-conflict', name: 'adjacent ranges and dates', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW + 7 * DAY, 9)]; g.spe_offdays = [{ type: 1, begtime: TOMORROW, endtime: TOMORROW + 6 * DAY, notes: '春节' }, specialOffday(TOMORROW + 8 * DAY)]; } },
  { rule: 'special-workday-needs-checkintime', name: 'one section', base: 'fixed', mutate: (g) => { g.spe_workdays = [specialWorkday(TOMORROW, 9)]; } },
  { rule: 'special-workday-no-windows', name: 'work/off/remind only', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 10 * HOUR, 19 * HOUR)] }]; } },
  { rule: 'special-workday-work-off', name: 'work 04:00, off 次日03:00', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 4 * HOUR, DAY + 3 * HOUR)] }]; } },
  { rule: 'special-workday-work-off', name: 'work 18:00', base: 'fixed', mutate: (g) => { g.spe_workdays = [{ ...specialWorkday(TOMORROW, 9), checkintime: [specialSection(9, 18 * HOUR, 22 * HOUR)] }]; } },
  { rule: 'special-offday-no-checkintime', name: 'checkintime [] (read shape)', base: 'fixed', mutate: (g) => { g.spe_offdays = [{ ...specialOffday(TOMORROW), checkintime: [] }]; } },
  { rule: 'wifi-location-size', name: '250 wifi + 250 locations', base: 'fixed', mutate: (g) => { g.wifimac_infos = manyWifis(250); g.loc_infos = manyLocations(250); } },
  { rule: 'wifi-or-location', name: 'locations only', base: 'fixed', mutate: (g) => { g.wifimac_infos = []; } },
  { rule: 'wifi-or-location', name: 'wifi only', base: 'shift', mutate: (g) => { delete g.loc_infos; } },
  { rule: 'wifi-info', name: 'wifiname 40 characters, bssid sent', base: 'fixed', mutate: (g) => { Object.assign(g.wifimac_infos[0], { wifiname: 'w'.repeat(40), bssid: 'c0:7b:bc:37:f8:d3' }); } },
  { rule: 'wifi-mac', name: 'upper case', base: 'fixed', mutate: (g) => { g.wifimac_infos[0].wifimac = 'C0:7B:BC:37:F8:D3'; } },
  { rule: 'wifi-mac-unique', name: 'two MACs', base: 'fixed', mutate: (g) => { g.wifimac_infos.push({ wifiname: 'HQ-WiFi-5G', wifimac: 'c0:7b:bc:37:f8:d4' }); } },
  { rule: 'location-info', name: 'lat 90°, lng -180°, 40-character title', base: 'fixed', mutate: (g) => { Object.assign(g.loc_infos[0], { lat: 90_000_000, lng: -180_000_000, loc_title: '楼'.repeat(40) }); } },
  { rule: 'location-distance', name: '3000 m', base: 'fixed', mutate: (g) => { g.loc_infos[0].distance = 3000; } },
  { rule: 'location-distance', name: '100 m', base: 'shift', mutate: (g) => { g.loc_infos[0].distance = 100; } },
  { rule: 'location-distance', name: '1500 m', base: 'free', mutate: (g) => { g.loc_infos[0].distance = 1500; } },
  { rule: 'range', name: 'departments only', base: 'fixed', mutate: (g) => { g.range = { party_id: ['1'] }; } },
  { rule: 'range', name: 'tags only', base: 'free', mutate: (g) => { g.range = { party_id: [], userid: [], tagid: [2] }; } },
  { rule: 'checkin-type', name: '3', base: 'fixed', mutate: (g) => { g.type = 3; } },
  { rule: 'checkin-type', name: '0, or absent', base: 'shift', mutate: (g) => { delete g.type; } },
  { rule: 'reporter-need-vid', name: 'a tag as reporter', base: 'fixed', mutate: (g) => { g.reporterinfo.reporters = [{ tagid: 3 }]; } },
  { rule: 'reporter', name: 'reporterinfo {} (cleared, doc L268)', base: 'fixed', mutate: (g) => { g.reporterinfo = {}; } },
  { rule: 'reporter', name: 'reporters []', base: 'shift', mutate: (g) => { g.reporterinfo = { reporters: [] }; } },
  { rule: 'option_out_range', name: '2', base: 'fixed', mutate: (g) => { g.option_out_range = 2; } },
  { rule: 'allow_apply_bk_cnt', name: '99', base: 'fixed', mutate: (g) => { g.allow_apply_bk_cnt = 99; } },
  { rule: 'allow_apply_bk_cnt', name: '0', base: 'fixed', mutate: (g) => { g.allow_apply_bk_cnt = 0; } },
  { rule: 'allow_apply_bk_day_limit', name: '180', base: 'fixed', mutate: (g) => { g.allow_apply_bk_day_limit = 180; } },
  { rule: 'buka_limit_next_month', name: '28', base: 'fixed', mutate: (g) => { g.buka_limit_next_month = 28; } },
  { rule: 'buka_limit_next_month', name: '1', base: 'fixed', mutate: (g) => { g.buka_limit_next_month = 1; } },
  { rule: 'buka_restriction', name: '15', base: 'fixed', mutate: (g) => { g.buka_restriction = 15; } },
  { rule: 'buka_remind-needs-open', name: 'open_remind false alone', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: false }; } },
  { rule: 'buka_remind', name: 'this month, day 15', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 0, buka_remind_day: 15 }; } },
  { rule: 'buka_remind', name: 'this month, day 30', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 0, buka_remind_day: 30 }; } },
  { rule: 'buka_remind', name: 'next month, day 1', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 1, buka_remind_day: 1 }; } },
  { rule: 'buka_remind', name: 'next month, day 26', base: 'fixed', mutate: (g) => { g.buka_remind = { open_remind: true, buka_remind_month: 1, buka_remind_day: 26 }; } },
  { rule: 'buka-needs-allow_apply_offworkday', name: 'defaults without 补卡 (a stored rule echoes them)', base: 'fixed', mutate: (g) => { Object.assign(g, { allow_apply_offworkday: false, allow_apply_bk_cnt: -1, allow_apply_bk_day_limit: -1, buka_limit_next_month: -1, buka_restriction: 0, buka_remind: {} }); } },
  { rule: 'face-detect', name: 'both on', base: 'fixed', mutate: (g) => { Object.assign(g, { use_face_detect: true, open_face_live_detect: true }); } },
  { rule: 'face-detect', name: 'face detection alone', base: 'free', mutate: (g) => { g.use_face_detect = true; } },
  { rule: 'ot_info_v2-required', name: 'all three confs', base: 'shift', mutate: (g) => { g.ot_info_v2 = otInfoV2(); } },
  { rule: 'ot-conf-required', name: 'workdayconf without type (defaults to 2)', base: 'fixed', mutate: (g) => { delete otConf(g).type; } },
  { rule: 'ot-type', name: '0, 1, 2', base: 'fixed', mutate: (g) => { otConf(g).type = 0; g.ot_info_v2.restdayconf.type = 1; g.ot_info_v2.holidayconf.type = 2; } },
  { rule: 'ot_trans_type', name: '1 and 2', base: 'fixed', mutate: (g) => { Object.assign(otConf(g), { ot_trans_enable: true, ot_trans_type: 1 }); g.ot_info_v2.restdayconf.ot_trans_type = 2; } },
  { rule: 'trans_ratio', name: '3000', base: 'fixed', mutate: (g) => { otConf(g).vacation = { trans_ratio: 3000, sync_vacation: true }; } },
  { rule: 'ot_time_start', name: '720 minutes', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_start: 43200 }; } },
  { rule: 'ot_time_min-max', name: 'min 719 minutes, max 720 minutes', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_min: 43140, ot_time_max: 43200 }; } },
  { rule: 'ot_time_min-max', name: 'only max, above the default min', base: 'fixed', mutate: (g) => { otConf(g).checkin = { ot_time_max: HOUR }; } },
  { rule: 'restinfo-type', name: 'type 2 on applycheckin', base: 'fixed', mutate: (g) => { restinfo(g, 'applycheckin', items([3600, 900])); } },
  { rule: 'restinfo-not-enabled', name: 'type 0 with an empty list', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { type: 0, fix_time_rule_list: [] }); } },
  { rule: 'deduct-by-ot-time', name: 'type 2 with fix_time_rule_list []', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', { ...items([3600, 900]), fix_time_rule_list: [] }); } },
  { rule: 'deduct-by-rest-period', name: 'type 1 alone', base: 'fixed', mutate: (g) => { restinfo(g, 'checkin', fixList([12 * HOUR, 13 * HOUR])); } },
  { rule: 'fix_time_rule_list-size', name: '10 periods', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList(...Array.from({ length: 10 }, (_, i): [number, number] => [i * HOUR, i * HOUR + 30 * MINUTE]))); } },
  { rule: 'fix_time-required', name: 'both ends', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([18 * HOUR, 18 * HOUR + 30 * MINUTE])); } },
  { rule: 'fix_time', name: 'exactly 24 h', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([0, DAY])); } },
  { rule: 'fix_time', name: 'ending 次日23:59', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', fixList([DAY + 23 * HOUR, 2 * DAY - MINUTE])); } },
  { rule: 'cal_ottime-items-size', name: '5 items', base: 'fixed', mutate: (g) => { restinfo(g, 'checkin', items(...Array.from({ length: 5 }, (_, i): [number, number] => [(i + 1) * HOUR, 900]))); } },
  { rule: 'cal_ottime-item-required', name: 'both set', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([3600, 900])); } },
  { rule: 'cal_ottime-rest_time', name: 'rest == ot', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([3600, 3600])); } },
  { rule: 'cal_ottime-rest_time', name: 'rest 360 minutes', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([10 * HOUR, 6 * HOUR])); } },
  { rule: 'cal_ottime-ot_time', name: 'increasing', base: 'fixed', mutate: (g) => { restinfo(g, 'apply', items([3600, 900], [7200, 1800], [10800, 2700])); } },
  { rule: 'free-rule-workdays', name: 'Saturday and Sunday', base: 'free', mutate: (g) => { g.checkindate[0].workdays = [0, 6]; } },
  { rule: 'offwork_interval_time', name: '1435 minutes', base: 'free', mutate: (g) => { g.offwork_interval_time = 86100; } },
  { rule: 'offwork_interval_time', name: '0', base: 'free', mutate: (g) => { g.offwork_interval_time = 0; } },
  { rule: 'span_day_time-range', name: '23:59', base: 'free', mutate: (g) => { g.span_day_time = DAY - MINUTE; } },
  { rule: 'span_day_time-range', name: '0', base: 'free', mutate: (g) => { g.span_day_time = 0; } },
  { rule: 'span_day_time-minutes', name: '60 seconds', base: 'free', mutate: (g) => { g.span_day_time = 60; } },
  { rule: 'standard_work_duration', name: '-1', base: 'free', mutate: (g) => { g.standard_work_duration = -1; } },
  { rule: 'standard_work_duration', name: '1 h', base: 'free', mutate: (g) => { g.standard_work_duration = 3600; } },
  { rule: 'standard_work_duration', name: '1.5 h', base: 'free', mutate: (g) => { g.standard_work_duration = 5400; } },
  { rule: 'standard_work_duration', name: '24 h', base: 'free', mutate: (g) => { g.standard_work_duration = DAY; } },
];

describe('validateCheckinOption', () => {
  it.each(NEGATIVES)('[$rule] rejects: $name ($base)', ({ base, mutate, errcode, field, message }) => {
    const violation = validateCheckinOption(built(base, mutate), ADD);
    expect(violation).toEqual({ errcode, field, errmsg: expect.stringContaining(message) });
    // The errmsg names the offending field, like WeCom's own messages name it in prose.
    expect(violation?.errmsg).toContain(field);
  });

  it.each(POSITIVES)('[$rule] accepts: $name ($base)', ({ base, mutate }) => {
    expect(validateCheckinOption(built(base, mutate), ADD)).toBeNull();
  });

  it.each([
    ['fixed', fixedRule],
    ['by-shift', shiftRule],
    ['free', freeRule],
  ])('accepts the %s base payload in add and update mode', (_, base) => {
    expect(validateCheckinOption(base(), ADD)).toBeNull();
    expect(validateCheckinOption(base(), UPDATE)).toBeNull();
  });

  it.each([null, undefined, 42, 'group', [], true])('reports (never throws) a group that is %p', (group) => {
    expect(validateCheckinOption(group, ADD)).toEqual({ errcode: P, field: 'group', errmsg: expect.any(String) });
  });

  it('update mode does not re-judge the stored special days of a merged rule against today (doc L689)', () => {
    const merged = fixedRule();
    merged.spe_offdays = [specialOffday(chinaMidnight(2025, 10, 1))];
    expect(validateCheckinOption(merged, UPDATE)).toBeNull();
    expect(validateCheckinOption(merged, ADD)).toMatchObject({ errcode: R, field: 'group.spe_offdays[0].timestamp' });
  });

  it('reports violations in a fixed order: the first one wins', () => {
    const group = fixedRule();
    group.groupname = '';
    group.grouptype = 9;
    group.loc_infos[0].distance = 1;
    expect(validateCheckinOption(group, ADD)?.field).toBe('group.grouptype');
    group.grouptype = 1;
    expect(validateCheckinOption(group, ADD)?.field).toBe('group.groupname');
  });

  it('never throws, whatever JSON replaces a part of a valid rule (property)', () => {
    const paths = (value: Payload, prefix: (string | number)[] = []): (string | number)[][] => {
      if (value === null || typeof value !== 'object') return [prefix];
      const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
      return [prefix, ...keys.flatMap((key) => paths(value[key], [...prefix, key]))];
    };
    const bases = [fixedRule, shiftRule, freeRule];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue(), fc.boolean(), (baseIndex, pathIndex, replacement, update) => {
        const group = bases[baseIndex % bases.length]!();
        const all = paths(group).filter((path) => path.length > 0);
        const path = all[pathIndex % all.length]!;
        let parent: Payload = group;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path.at(-1)!] = replacement;
        const violation = validateCheckinOption(group, update ? UPDATE : ADD);
        if (violation !== null) {
          expect([P, R, U]).toContain(violation.errcode);
          expect(violation.field.startsWith('group')).toBe(true);
          expect(violation.errmsg).toContain(violation.field);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (group) => {
        expect(() => validateCheckinOption(group, ADD)).not.toThrow();
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Request-level checks
// ---------------------------------------------------------------------------------------------------------

interface RequestCase {
  readonly rule: RuleName;
  readonly name: string;
  readonly body: () => unknown;
  readonly context: CheckinOptionValidationContext;
}

// prettier-ignore
const REQUEST_NEGATIVES: (RequestCase & { errcode: number; field: string; message: string })[] = [
  { rule: 'request-shape', name: 'body null', body: () => null, context: ADD, errcode: P, field: 'body', message: 'expected an object' },
  { rule: 'request-shape', name: 'group missing', body: () => ({ effective_now: true }), context: ADD, errcode: P, field: 'group', message: 'missing required field' },
  { rule: 'request-shape', name: 'group an array', body: () => ({ group: [] }), context: ADD, errcode: P, field: 'group', message: 'expected an object' },
  { rule: 'request-effective_now', name: 'a string', body: () => ({ effective_now: 'true', group: fixedRule() }), context: ADD, errcode: P, field: 'effective_now', message: 'expected a boolean' },
  { rule: 'request-groupid', name: 'update without groupid', body: () => ({ group: fixedRule() }), context: UPDATE, errcode: P, field: 'group.groupid', message: 'required on update' },
  { rule: 'request-groupid', name: 'update with groupid 0', body: () => ({ group: { ...fixedRule(), groupid: 0 } }), context: UPDATE, errcode: P, field: 'group.groupid', message: 'required on update' },
  { rule: 'request-groupid', name: 'update with groupid "1"', body: () => ({ group: { ...fixedRule(), groupid: '1' } }), context: UPDATE, errcode: P, field: 'group.groupid', message: 'expected an integer' },
  { rule: 'request-update-future', name: 'an update sending today as an offday', body: () => ({ group: { groupid: 1, spe_offdays: [specialOffday(TODAY)] } }), context: UPDATE, errcode: R, field: 'group.spe_offdays[0].timestamp', message: 'only future dates are allowed here' },
  { rule: 'request-update-future', name: 'an update sending a range from yesterday', body: () => ({ group: { groupid: 1, spe_workdays: [{ type: 1, begtime: TODAY - DAY, endtime: TOMORROW }] } }), context: UPDATE, errcode: R, field: 'group.spe_workdays[0].begtime', message: 'only future dates are allowed here' },
];

// prettier-ignore
const REQUEST_POSITIVES: RequestCase[] = [
  { rule: 'request-shape', name: 'the doc add example', body: docAddRequestExample, context: ADD },
  { rule: 'request-effective_now', name: 'false', body: () => ({ effective_now: false, group: fixedRule() }), context: ADD },
  { rule: 'request-effective_now', name: 'absent', body: () => ({ group: fixedRule() }), context: ADD },
  { rule: 'request-groupid', name: 'update with groupid 1 (the doc update example)', body: docUpdateRequestExample, context: UPDATE },
  { rule: 'request-groupid', name: 'add ignores whatever groupid holds (doc L123)', body: () => ({ group: { ...fixedRule(), groupid: 'ignored' } }), context: ADD },
  { rule: 'request-update-future', name: 'an update sending tomorrow', body: () => ({ group: { groupid: 1, spe_offdays: [specialOffday(TOMORROW)] } }), context: UPDATE },
  { rule: 'request-update-future', name: 'an update that leaves special days alone (a partial group)', body: () => ({ group: { groupid: 1, groupname: '新名字' } }), context: UPDATE },
];

describe('validateCheckinOptionRequest', () => {
  it.each(REQUEST_NEGATIVES)('[$rule] rejects: $name', ({ body, context, errcode, field, message }) => {
    expect(validateCheckinOptionRequest(body(), context)).toEqual({
      errcode,
      field,
      errmsg: expect.stringContaining(message),
    });
  });

  it.each(REQUEST_POSITIVES)('[$rule] accepts: $name', ({ body, context }) => {
    expect(validateCheckinOptionRequest(body(), context)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Vendor examples
// ---------------------------------------------------------------------------------------------------------

describe('vendor request examples', () => {
  // The doc's own examples send ot_info_v2 with workdayconf only. The field table (L578-581: restdayconf and
  // holidayconf "是,allow_ot、type必填") and the error row L674 ("workdayconf/restdayconf/holidayconf is
  // necessary") both require all three, so we read the examples as abbreviated and reject them: the emulator
  // must not accept what WeCom may refuse. Everything else in them passes.
  it.each([
    ['add', docAddRequestExample, ADD],
    ['update', docUpdateRequestExample, UPDATE],
  ] as const)(
    'the doc %s example lacks restdayconf/holidayconf, and passes once they are added',
    (_, example, context) => {
      const body = example();
      expect(validateCheckinOptionRequest(body, context)).toBeNull();
      expect(validateCheckinOption(body.group, context)).toEqual({
        errcode: R,
        field: 'group.ot_info_v2.restdayconf',
        errmsg: expect.stringContaining('workdayconf/restdayconf/holidayconf is necessary'),
      });
      Object.assign(body.group.ot_info_v2, {
        restdayconf: { allow_ot: false, type: 2 },
        holidayconf: { allow_ot: false, type: 2 },
      });
      expect(validateCheckinOption(body.group, context)).toBeNull();
    },
  );

  // test/fixtures/vendor-examples/wecom-add_checkin_option-request-SKIT.FlurlHttpClient.Wechat.json is the
  // SKIT SDK's copy of the doc example with edited values. It breaks three documented rules, so the EXAMPLE is
  // wrong, not our reading:
  //  1. its four punch windows (35000, 37000, 43000, 43400) are not whole minutes: L647, and "整分钟" in the
  //     field table (L410-413); the doc's own example has 35040, 37020, 43140, 43800;
  //  2. open_face_live_detect true with use_face_detect false: L684 (the doc example has both true);
  //  3. ot_info_v2 without restdayconf/holidayconf, like the doc example (see above).
  // Its `range.partyid` is the read-side spelling (REFERENCE.md B4); it is not `party_id`, so it is ignored, and
  // the range still passes on its userid/tagid.
  it('the SKIT add example is rejected, once per documented rule it breaks, then passes when fixed', () => {
    const path = new URL(
      '../../../../test/fixtures/vendor-examples/wecom-add_checkin_option-request-SKIT.FlurlHttpClient.Wechat.json',
      import.meta.url,
    );
    const body = JSON.parse(readFileSync(path, 'utf8'));
    expect(validateCheckinOptionRequest(body, ADD)).toBeNull();
    const group = body.group;
    const section = group.checkindate[0].checkintime[0];

    expect(validateCheckinOption(group, ADD)).toEqual({
      errcode: R,
      field: 'group.checkindate[0].checkintime[0].earliest_work_sec',
      errmsg: expect.stringContaining('checkin time invalid, value has to be a multiple of 60'),
    });
    for (const key of ['earliest_work_sec', 'latest_work_sec', 'earliest_off_work_sec', 'latest_off_work_sec']) {
      expect(section[key] % 60).not.toBe(0);
    }
    Object.assign(section, {
      earliest_work_sec: 35040,
      latest_work_sec: 37020,
      earliest_off_work_sec: 43140,
      latest_off_work_sec: 43800,
    });

    expect(validateCheckinOption(group, ADD)).toEqual({
      errcode: R,
      field: 'group.open_face_live_detect',
      errmsg: expect.stringContaining('open_face_live_detect requires use_face_detect first'),
    });
    group.use_face_detect = true;

    expect(validateCheckinOption(group, ADD)).toMatchObject({ errcode: R, field: 'group.ot_info_v2.restdayconf' });
    Object.assign(group.ot_info_v2, {
      restdayconf: { allow_ot: false, type: 2 },
      holidayconf: { allow_ot: false, type: 2 },
    });

    expect(group.range.partyid).toEqual([]);
    expect(validateCheckinOption(group, ADD)).toBeNull();
  });
});

describe('rule catalog', () => {
  it.each(Object.keys(RULES) as RuleName[])('%s has a negative and a positive case', (rule) => {
    const negatives = [...NEGATIVES, ...REQUEST_NEGATIVES].filter((entry) => entry.rule === rule);
    const positives = [...POSITIVES, ...REQUEST_POSITIVES].filter((entry) => entry.rule === rule);
    expect(negatives.length).toBeGreaterThan(0);
    expect(positives.length).toBeGreaterThan(0);
  });
});
