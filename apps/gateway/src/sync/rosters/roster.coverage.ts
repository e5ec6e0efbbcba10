// Type-only, so nothing of the translation library's internals is loaded at run time (the coverage types are
// not on its entry point yet).
import type { CoverageTable, FieldFate } from '../../../../../libs/translation/src/field-coverage/field-fate.js';

/*
 * Field coverage of the roster payloads (issue #17), mapped by the roster connectors
 * (libs/connectors/src/<vendor>/<vendor>-rosters.connector.ts): the fate of every field of Feishu's user_daily_shifts and WeCom's getcheckinschedulist / setcheckinschedulist,
 * as the CURRENT code has it. The "canonical" side of a roster is RosterDay (read) and RosterWrite (write),
 * libs/connectors/src/attendance-connector.ts. Plain data (the constructors of the rule tables would pull the library in at run time).
 */

const translated = (canonical: string, note?: string): FieldFate =>
  note === undefined
    ? { fate: 'translated', canonical: [canonical] }
    : { fate: 'translated', canonical: [canonical], note };
const notApplicable = (reason: string): FieldFate => ({ fate: 'not_applicable', reason });

export const FEISHU_ROSTER_READ_COVERAGE: CoverageTable = {
  id: 'feishu-roster-read',
  section: 'Feishu user daily shift (roster)',
  direction: 'read',
  wireModel: 'feishuUserDailyShiftSchema (user_daily_shifts/query)',
  mapper: 'feishuRosterDays (libs/connectors/src/feishu/feishu-rosters.connector.ts)',
  canonicalModel: 'RosterDay',
  fields: {
    day_no: translated('day'),
    group_id: translated('.', "selects the group's rows: rows of other groups are not read"),
    is_clear_schedule: translated('.', 'a cleared day holds no shift: no roster day'),
    month: translated('day'),
    shift_id: translated('shift', '"0" = rest; mapped to a WeCom schedule by the rules link'),
    user_id: translated('user', 'mapped to WeCom by the ID mapping'),
  },
};

export const FEISHU_ROSTER_WRITE_COVERAGE: CoverageTable = {
  id: 'feishu-roster-write',
  section: 'Feishu user daily shift (roster)',
  direction: 'write',
  wireModel: 'feishuUserDailyShiftSchema (user_daily_shifts/batch_create user_daily_shifts[])',
  mapper: 'feishuDailyShiftBatches (libs/connectors/src/feishu/feishu-rosters.connector.ts)',
  canonicalModel: 'RosterWrite',
  fields: {
    day_no: translated('day'),
    group_id: notApplicable("the linked group's id, given by the roster sync"),
    is_clear_schedule: notApplicable('never sent: the gateway writes shifts and rest days, it does not clear days'),
    month: translated('day'),
    shift_id: translated('shift'),
    user_id: translated('user'),
  },
  canonicalNotWritten: {
    sourceUser: notApplicable('the source person: names the losses of the day, not sent'),
  },
};

const SCHEDULE_HELD_BY_RULE = notApplicable(
  "the schedule's details: the rule's schedulelist holds them, the roster names the schedule",
);

export const WECOM_ROSTER_READ_COVERAGE: CoverageTable = {
  id: 'wecom-roster-read',
  section: 'WeCom schedule list (roster)',
  direction: 'read',
  wireModel: 'wecomUserScheduleSchema (getcheckinschedulist schedule_list[])',
  mapper: 'wecomRosterDays (libs/connectors/src/wecom/wecom-rosters.connector.ts)',
  canonicalModel: 'RosterDay',
  fields: {
    groupid: translated('.', "selects the rule's entries: other rules' are not read"),
    groupname: notApplicable('display name of the rule; groupid identifies it'),
    'schedule.scheduleList[].day': translated('day'),
    'schedule.scheduleList[].schedule_info.schedule_id': translated('shift', '0 = rest'),
    'schedule.scheduleList[].schedule_info.schedule_name': SCHEDULE_HELD_BY_RULE,
    'schedule.scheduleList[].schedule_info.time_section[].id': SCHEDULE_HELD_BY_RULE,
    'schedule.scheduleList[].schedule_info.time_section[].off_work_sec': SCHEDULE_HELD_BY_RULE,
    'schedule.scheduleList[].schedule_info.time_section[].remind_off_work_sec': SCHEDULE_HELD_BY_RULE,
    'schedule.scheduleList[].schedule_info.time_section[].remind_work_sec': SCHEDULE_HELD_BY_RULE,
    'schedule.scheduleList[].schedule_info.time_section[].work_sec': SCHEDULE_HELD_BY_RULE,
    userid: translated('user', 'mapped to Feishu by the ID mapping'),
    yearmonth: translated('day'),
  },
};

export const WECOM_ROSTER_WRITE_COVERAGE: CoverageTable = {
  id: 'wecom-roster-write',
  section: 'WeCom schedule list (roster)',
  direction: 'write',
  wireModel: 'wecomSetCheckinScheduleListRequestSchema (setcheckinschedulist)',
  mapper: 'wecomScheduleRequests (libs/connectors/src/wecom/wecom-rosters.connector.ts)',
  canonicalModel: 'RosterWrite',
  fields: {
    groupid: notApplicable("the linked rule's id, given by the roster sync"),
    'items[].day': translated('day'),
    'items[].schedule_id': translated('shift'),
    'items[].userid': translated('user'),
    yearmonth: translated('day', 'one request per month'),
  },
  canonicalNotWritten: {
    sourceUser: notApplicable('the source person: names the losses of the day, not sent'),
  },
};

export const ROSTER_COVERAGE_TABLES: readonly CoverageTable[] = [
  FEISHU_ROSTER_READ_COVERAGE,
  FEISHU_ROSTER_WRITE_COVERAGE,
  WECOM_ROSTER_READ_COVERAGE,
  WECOM_ROSTER_WRITE_COVERAGE,
];
