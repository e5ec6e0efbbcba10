/**
 * WeCom checkin-rule validation for the emulator's add_checkin_option / update_checkin_option.
 *
 * Every rule cites its source as `doc L<n>`: a line of /work/shared/vendor-docs/wecom-checkin-option-rules.md
 * (the 301093/301094 error table is L595-730, the field table L393-590). Where the doc is silent or
 * contradicts itself the comment says "READING" and names the reading we chose. The policy for those
 * readings: the emulator must never accept a payload WeCom would reject, so when two readings are possible
 * the stricter one wins, unless a vendor example or a vendor note rules it out.
 *
 * Two conventions follow from WeCom's own update semantics (doc L262 and L268), which show that the vendor
 * treats an empty array like an absent array, and an empty object as "cleared":
 *  - an array field is "set" when it is present and not `[]`;
 *  - a numeric field that the doc describes as "有值时…" counts as set when it is non-zero (the doc's own
 *    request example sends `flex_on_duty_time: 0` without `allow_flex`, doc L52-53 / L423).
 *
 * Errcodes: 301093 and 301094 come from the error table. A JSON value of the wrong type, or a request-level
 * problem the table does not cover, yields 40058 (global code "不合法的参数"; READING: the doc gives no code).
 */

export interface CheckinOptionViolation {
  readonly errcode: number;
  readonly errmsg: string;
  readonly field: string;
}

export interface CheckinOptionValidationContext {
  readonly mode: 'add' | 'update';
  /** Now, unix seconds — for rules about dates that must be in the future (spe_workdays / spe_offdays …). */
  readonly nowUnixSeconds: number;
}

export const CHECKIN_OPTION_ERRCODES = {
  /** Wrong JSON type, or a request-level problem the rule error table has no code for. */
  invalidParameter: 40058,
  /** The rule error table's "invalid …" rows. */
  invalidRule: 301093,
  /** The rule error table's "old feature" / "should not appear" rows. */
  unsupportedField: 301094,
} as const;

/**
 * Validates the `group` object of add_checkin_option / update_checkin_option (for update: the rule AFTER the
 * update's merge semantics were applied). Returns the first violation in the order WeCom would report it, or
 * null.
 *
 * The order is ours (the doc does not give one): grouptype, groupname, fields the rule type forbids, the
 * time configuration (checkindate / schedulelist / special days), wifi and locations, range, checkin type,
 * reporters, out-of-range option, 补卡 settings, face detection, overtime (ot_info_v2), free-rule fields.
 *
 * In update mode the "special days must be in the future" rule (doc L689) is NOT applied here: the merged rule
 * still holds the dates stored earlier, which WeCom does not re-judge against today. Apply it to the dates the
 * update actually sends with {@link validateCheckinOptionRequest}.
 */
export function validateCheckinOption(
  group: unknown,
  context: CheckinOptionValidationContext,
): CheckinOptionViolation | null {
  return collect(() => new GroupValidation(context).run(group));
}

/**
 * Request-level checks outside what {@link validateCheckinOption} sees; call it on the raw request body before
 * merging:
 *  - the body is an object and `group` is an object (40058);
 *  - `effective_now` is a boolean when present (doc L121 / L257) (40058);
 *  - update: `group.groupid` is a positive integer (doc L259 "groupid须传入,否则会报错", no code given:
 *    READING 40058); add: `groupid` is ignored whatever it holds (doc L123);
 *  - update: the special days the update sends must be in the future (doc L689), see validateCheckinOption.
 * It does not validate the rule itself; run validateCheckinOption on the (merged) group for that.
 */
export function validateCheckinOptionRequest(
  body: unknown,
  context: CheckinOptionValidationContext,
): CheckinOptionViolation | null {
  return collect(() => {
    if (!isObject(body)) badType('body', 'an object');
    readBool(body, 'effective_now', '');
    const group = readObject(body, 'group', '');
    if (group === undefined) missing('group');
    if (context.mode === 'update') {
      const groupid = readInt(group, 'groupid', 'group');
      if (groupid === undefined || groupid <= 0) badType('group.groupid', 'a positive integer (required on update)');
      for (const key of ['spe_workdays', 'spe_offdays'] as const) {
        const entries = group[key];
        if (!Array.isArray(entries)) continue;
        entries.forEach((entry, index) => {
          // Malformed entries are left to validateCheckinOption on the merged rule, which reports them precisely.
          if (!isObject(entry)) return;
          const path = `group.${key}[${index}]`;
          const type = entry['type'] ?? 0;
          const dateKey = type === 1 ? 'begtime' : 'timestamp';
          const first = entry[dateKey];
          if (typeof first === 'number' && first <= context.nowUnixSeconds) {
            rule(M.specialFuture, `${path}.${dateKey}`);
          }
        });
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Messages: the errmsg column of the error table, verbatim (typos included, "sic"), with the doc line.
// ---------------------------------------------------------------------------------------------------------

const M = {
  bukaRemind: 'invalid buka_remind parameter', // L595
  flexDutyMax: 'flex_on_duty_time or flex_off_duty_time invalid', // L597
  oldScheduleFields: 'flex_time/limit_aheadtime/limit_offtime/noneed_offwork is old feature, use new feature', // L598
  oldCheckindateFields: 'flex_time/limit_aheadtime/noneed_offwork is old feature, use new feature', // L599
  groupname: 'invalid groupname, groupname cannot be empty and contains a maximum of 40 characters', // L600
  grouptype: 'invalid group type', // L601
  lateRuleValue: 'invalid late rule, late rule must be a multiple of 15 minutes, with a maximum of 600 minutes', // L602
  flexValue: 'invalid flex checkin rule, field has to be a multiple of 300 and not exceed and not exceed 21600', // L603 (sic)
  otInfoOldUnsupported: 'ot_info is old feature use ot_info_v2', // L604
  conflictTimeId: 'conflict time id', // L605
  wifiMac: 'invalid wifi mac', // L606
  conflictWifiMac: 'conflict wifi mac', // L607
  wifiInfo: 'invalid wifi info', // L608
  needWifiOrLocation: 'need wifi or location', // L609
  wifiOrLocationSize: 'wifi or location size maximum 500', // L610
  validSchedule: 'a valid schedule is required for freegroup', // L611
  emptyRange: 'empty checkin range', // L612
  checkinType: 'invalid checkin type, group.type need to be one of 0/1/3', // L613
  windowPairs: 'invalid earliest_work_sec/latest_work_sec or earliest_off_work_sec/latest_off_work_sec', // L614
  latestOffWork: 'invalid latest_off_work_sec', // L617
  earliestOffWork: 'invalid earliest_off_work_sec', // L620
  workWindow: 'invalid earliest_work_sec or latest_work_sec', // L623
  locationDistance: 'invalid location distance', // L627
  locationInfo: 'invalid location info', // L628
  checkinTimeSize: 'checkin time size must greater than 0 and less than or equal to 4', // L631
  checkindateSize: 'checkindate size must greater than 0 and less than or equal to 7', // L632
  workdays: 'checkindate workdays invalid, checkin time size must greater than 0 and less than or equal to 7', // L633
  fixgroupWindowBounds: 'fixgroup, invalid checkin time earliest_work_sec or earliest_off_work_sec', // L634
  timeSectionSize: 'time section size must greater than 0 and less than or equal to 4', // L636
  workOff: 'checkin time work_sec or off_work_sec invalid', // L637
  restTime: 'checkin time rest time invalid', // L639
  needWindows: 'invalid checkin time, need earliest_work_sec/latest_work_sec/earliest_off_work_sec/latest_off_work_sec', // L645
  multipleOf60: 'checkin time invalid, value has to be a multiple of 60', // L647
  offWorkSec: 'checkin time off_work_sec invalid', // L649
  workSec: 'checkin time work_sec invalid', // L650
  needRemind: 'checkin time need remind_work_sec and remind_off_work_sec', // L651
  reporterNeedVid: 'invalid reporter, need vid or tagid', // L652
  otRestTime: 'invalid otinfo rest_time or ot_time', // L653
  otNeedRestTime: 'need otinfo rest_time and ot_time', // L654
  otIncrement: 'invalid otinfo restinfo, ot_time needs to be incremented', // L655
  otItemsSize: 'otinfo restinfo cal_ottime_rule items size must greater than 0 and less than or equal to 5', // L656
  otRestNotEnabled: 'if rest is not enabled, the rest period cannot be configured', // L657
  otFixListSize: 'otinfo restinfo fix_time_rule_list size must greater than 0 and less than or equal to 10', // L658
  restinfoType: (conf: RestinfoHolder): string => `${conf}.restinfo.type invalid`, // L659-661
  fixTime: 'invalid fix_time_begin_sec or fix_time_end_sec, value has to be a multiple of 60', // L662
  transRatio: 'otinfo vacation.trans_ratio invalid', // L665 (L668 "vacation.trans_ratio invalid" says the same)
  otMinMax: 'invalid otinfo ot_time_min or ot_time_max', // L666
  otTransType: 'otinfo ot_trans_type invalid', // L667
  otType: 'otinfo type invalid', // L669
  otInfoOldInvalid: 'ot_info is old feature use ot_info_v2 instead', // L670
  otDeductByOtTime: 'otinfo select the deduction by overtime hours, the deduction by rest period is not allowed', // L671
  otDeductByRest: 'otinfo select the deduction by rest period, the deduction by overtime hours is not allowed', // L672
  otInfoV2Needed: 'invalid ot_info_v2, ot_info_v2 is necessary', // L673
  otConfNeeded: 'invalid ot_info_v2, workdayconf/restdayconf/holidayconf is necessary', // L674
  onlyFreegroupSchedule: 'only freegroup has schedulelist', // L675
  flexNeedValue: 'invalid flex checkin rule, the value of the field needs to be set', // L676
  bukaLimitNextMonth: 'invalid buka_limit_next_month, the maximum value is 28', // L677
  bkCnt: 'invalid allow_apply_bk_cnt, the maximum value is 99', // L678
  needAllowFlex: 'flex checkin rule need allow flex', // L679
  reporter: 'invalid reporter', // L680
  remindWork: 'checkin time remind_work_sec invalid', // L681
  needAllowApply:
    'need allow_apply_offworkday, set the fields related to buka requires allow_apply_offworkday to be enabled', // L682
  needOpenRemind: 'need open_remind, set buka_remind_day/buka_remind_month requires open_remind first', // L683
  faceDetect: 'invalid face detect, open_face_live_detect requires use_face_detect first', // L684
  lateRuleNeedAllow: 'late rule need open allow_offwork_after_time', // L685
  restNeedAllow: 'set rest_begin_time or rest_end_time need allow_rest first', // L686
  flexOnlyOne: 'invalid flex checkin rule, , only one item can be set', // L687 (sic)
  offdayCheckintime: 'special offday should not have checkintime', // L688
  specialFuture: 'invalid specialday timestamp, only future dates are allowed here', // L689
  specialBegtime: 'invalid specailday begtime', // L690 (sic)
  specialEndtime: 'invalid specailday endtime', // L691 (sic)
  specialConflict: 'conflict specailday', // L692 (sic)
  specialTimestamp: 'invalid specailday timestamp', // L693 (sic)
  specialBegEnd: 'invalid specailday begtime or endtime', // L694 (sic)
  specialPeriod: 'the period of specialday cannot exceed one year', // L695
  specialSize: 'special day maximum value 366', // L696
  specialWindows:
    'special workday should not have earliest_work_sec/latest_work_sec/earliest_off_work_sec/latest_off_work_sec', // L697
  specialWorkOff: 'special workday checkin time work_sec/off_work_sec invalid', // L698
  specialNeedCheckintime: 'special work day need checkintime', // L703
  specialNotes: 'special day notes cannot be empty', // L704
  specialType: 'special work day type invalid', // L705
  optionOutRange: 'invalid option_out_range, the maximum is 2', // L706
  lateRuleOrder: 'invalid late rule, offwork_after_time should less than onwork_flex_time', // L707 (see lateRule())
  remindOff: 'checkin time remind_off_work_sec invalid', // L708
  overlap: 'there should be no overlap between the checkin times', // L709
  bkDayLimit: 'invalid allow_apply_bk_day_limit, the maximum value is 180', // L710
  restScheduleRequired: 'a rest schedule with id 0 is required for freegroup', // L711
  firstSection4h:
    'schedule time section, earliest_work_sec for the first period shall not be more than 4 hours before work_sec', // L712
  conflictScheduleName: 'conflict schedule name', // L713
  conflictScheduleId: 'conflict schedule id', // L714
  restScheduleTime: 'rest schedule should not have checkin time', // L715
  restScheduleName: 'invalid rest schedule name', // L716
  scheduleName: 'invalid schedule name', // L717
  noSpecialWorkday: 'free group or unrestrain group do not have special work day', // L718
  freegroupCheckindate: 'freegroup do not have checkindate', // L719
  scheduleSize: 'freegroup schedule size maximum 50', // L720
  offworkInterval:
    'invalid offwork_interval_time, the value must be a multiple of 5 minutes and the maximum value cannot exceed 1435 minutes', // L721
  unrestrainSchedule: 'unrestrain checkingroup do not have schedule', // L722
  needFixTime: 'need fix_time_begin_sec and fix_time_end_sec', // L723
  fieldNotForGrouptype: (grouptype: number, field: string): string =>
    `When the grouptype is ${grouptype}, the '${field}' field should not appear in the request.`, // L724-727
  spanDayRange: "The value of 'span_day_time' must be greater than or equal to 0 and less than 86400.", // L728
  spanDayMinutes: "'span_day_time' must be a whole number of minutes, meaning it should be divisible by 60.", // L729
  standardWorkDuration:
    "The value of 'standard_work_duration' can only be -1 or increments of half hour, starting from 1 hour, such as 1.5 hours, 2 hours, 2.5 hours, all the way up to 23 hours, 23.5 hours, and 24 hours.", // L730
  // Rules stated only in the field table, which has no errmsg for them: our wording, in WeCom's style.
  timeId: 'invalid time_id, time_id must be greater than 0 and less than 99999', // L402 / L441
  specialNotesLength: 'invalid special day notes, notes must not exceed 40 bytes', // L439
  otTimeStart: 'invalid otinfo ot_time_start', // L561-562
} as const;

// ---------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------

const DAY = 86_400;
const MINUTE = 60;
/** 次日23:59 as seconds from the first day's 00:00. */
const NEXT_DAY_23_59 = DAY + 23 * 3600 + 59 * MINUTE;
/** 次日04:00. */
const NEXT_DAY_04_00 = DAY + 4 * 3600;
// Its own China-day arithmetic, not @app/kernel's: the emulator is an independent implementation of the vendor.
/** READING: "某天零点" (doc L452) is midnight in China (UTC+8, no daylight saving), WeCom's only time zone. */
const CHINA_UTC_OFFSET = 8 * 3600;
/** 2000-01-01 00:00 in China (doc L690-693 "需要大于2000年1月1日零点"). */
const YEAR_2000_CHINA = 946_656_000;
/** doc L627. */
const ALLOWED_DISTANCES: ReadonlySet<number> = new Set([
  100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000, 2500, 3000,
]);
/** READING: the doc gives no format; REFERENCE.md B7 documents this one for wifimac in add_checkin_record. */
const WIFI_MAC = /^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$/;
/** doc L681: on time, or 5/10/15/20 minutes before work_sec. */
const REMIND_WORK_LEADS = [0, 300, 600, 900, 1200];
/** doc L708: on time, or 10/20/30/60 minutes after off_work_sec. */
const REMIND_OFF_LAGS = [0, 600, 1200, 1800, 3600];
const WINDOW_FIELDS = ['earliest_work_sec', 'latest_work_sec', 'earliest_off_work_sec', 'latest_off_work_sec'] as const;

type Grouptype = 1 | 2 | 3;
type SectionKind = 'fixed' | 'schedule' | 'special';
type RestinfoHolder = 'apply' | 'checkin' | 'applycheckin';
type JsonObject = Readonly<Record<string, unknown>>;

/** A validated time section, reduced to what the cross-section rules need. */
interface Section {
  readonly path: string;
  readonly work: number;
  readonly off: number;
  /** earliest_work_sec, or work_sec for special-workday sections, which have no punch windows. */
  readonly windowStart: number;
  /** latest_off_work_sec, or off_work_sec for special-workday sections. */
  readonly windowEnd: number;
}

/** A special day (or range of days) as the first and last 00:00 timestamps it covers. */
interface SpecialDaySpan {
  readonly path: string;
  readonly first: number;
  readonly last: number;
}

// ---------------------------------------------------------------------------------------------------------
// Failure plumbing: the validators stop at the first violation, so they throw it and the entry points turn
// it back into a return value. Nothing else is caught, so a bug in here still surfaces as a bug.
// ---------------------------------------------------------------------------------------------------------

class ViolationFound extends Error {
  readonly violation: CheckinOptionViolation;

  constructor(violation: CheckinOptionViolation) {
    super(violation.errmsg);
    this.violation = violation;
  }
}

function collect(validate: () => void): CheckinOptionViolation | null {
  try {
    validate();
    return null;
  } catch (error) {
    if (error instanceof ViolationFound) return error.violation;
    throw error;
  }
}

function fail(errcode: number, message: string, field: string): never {
  throw new ViolationFound({ errcode, errmsg: `${message}, field: ${field}`, field });
}

function rule(message: string, field: string): never {
  return fail(CHECKIN_OPTION_ERRCODES.invalidRule, message, field);
}

function unsupported(message: string, field: string): never {
  return fail(CHECKIN_OPTION_ERRCODES.unsupportedField, message, field);
}

function badType(field: string, expected: string): never {
  return fail(CHECKIN_OPTION_ERRCODES.invalidParameter, `invalid Request Parameter, expected ${expected}`, field);
}

function missing(field: string): never {
  return fail(CHECKIN_OPTION_ERRCODES.invalidParameter, 'invalid Request Parameter, missing required field', field);
}

// ---------------------------------------------------------------------------------------------------------
// Typed readers over untrusted JSON: absent (or undefined) gives undefined, a wrong type gives a 40058.
// JSON null is a value, and never the expected type, so it is a wrong type too.
// ---------------------------------------------------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function has(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key) && object[key] !== undefined;
}

/** An array field counts as set unless absent or `[]` (doc L262). */
function isSetArray(object: JsonObject, key: string): boolean {
  const value = object[key];
  return has(object, key) && !(Array.isArray(value) && value.length === 0);
}

function isNonEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.values(value).some((entry) => entry !== undefined);
}

function intAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return badType(path, 'an integer');
  return value;
}

function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') return badType(path, 'a string');
  return value;
}

function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) return badType(path, 'an object');
  return value;
}

function readInt(object: JsonObject, key: string, parent: string): number | undefined {
  return has(object, key) ? intAt(object[key], child(parent, key)) : undefined;
}

function readString(object: JsonObject, key: string, parent: string): string | undefined {
  return has(object, key) ? stringAt(object[key], child(parent, key)) : undefined;
}

function readBool(object: JsonObject, key: string, parent: string): boolean | undefined {
  if (!has(object, key)) return undefined;
  const value = object[key];
  if (typeof value !== 'boolean') return badType(child(parent, key), 'a boolean');
  return value;
}

function readObject(object: JsonObject, key: string, parent: string): JsonObject | undefined {
  return has(object, key) ? objectAt(object[key], child(parent, key)) : undefined;
}

function readArray(object: JsonObject, key: string, parent: string): readonly unknown[] {
  if (!has(object, key)) return [];
  const value = object[key];
  if (!Array.isArray(value)) return badType(child(parent, key), 'an array');
  return value;
}

/** "字符个数" (characters): code points, so a CJK character or an emoji counts once. */
function characterCount(text: string): number {
  return [...text].length;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function isChinaMidnight(timestamp: number): boolean {
  return (timestamp + CHINA_UTC_OFFSET) % DAY === 0;
}

/** Closed intervals: READING (doc L709 "不可有交集"): sharing an end point is an intersection. */
function intersects(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return Math.max(aStart, bStart) <= Math.min(aEnd, bEnd);
}

// ---------------------------------------------------------------------------------------------------------
// The rule walk
// ---------------------------------------------------------------------------------------------------------

class GroupValidation {
  /** doc L402 "时段标识,规则内唯一": READING: unique across every section of the rule, whatever list holds it. */
  private readonly timeIds = new Set<number>();

  constructor(private readonly context: CheckinOptionValidationContext) {}

  run(group: unknown): void {
    if (!isObject(group)) badType('group', 'an object');
    const grouptype = this.grouptype(group);
    this.groupname(group);
    this.fieldsTheGrouptypeForbids(group, grouptype);
    const flags = [
      'sync_holidays',
      'need_photo',
      'note_can_use_local_pic',
      'allow_checkin_offworkday',
      'sync_out_checkin',
    ];
    for (const key of flags) {
      readBool(group, key, 'group');
    }
    if (grouptype === 1 || grouptype === 3) this.checkindate(group, grouptype);
    if (grouptype === 2) this.schedulelist(group);
    this.specialDays(group, grouptype);
    this.wifiAndLocations(group);
    this.range(group);
    this.whiteUsers(group);
    this.checkinType(group);
    this.reporters(group);
    this.optionOutRange(group);
    this.buka(group);
    this.faceDetection(group);
    this.overtime(group);
    if (grouptype === 3) this.freeRuleFields(group);
  }

  /** doc L395 / L601: 1 fixed, 2 by shift (排班), 3 free; required. */
  private grouptype(group: JsonObject): Grouptype {
    const grouptype = readInt(group, 'grouptype', 'group');
    if (grouptype !== 1 && grouptype !== 2 && grouptype !== 3) return rule(M.grouptype, 'group.grouptype');
    return grouptype;
  }

  /** doc L600: not empty, at most 40 characters. */
  private groupname(group: JsonObject): void {
    const name = readString(group, 'groupname', 'group');
    if (name === undefined || name === '' || characterCount(name) > 40) rule(M.groupname, 'group.groupname');
  }

  /**
   * Fields a rule type must not carry. WeCom's internal names (the errmsgs): "freegroup" is the by-shift
   * 自定义排班 rule (grouptype 2, doc L675 "仅grouptype为2的自定义排班可设置schedulelist"), "unrestrain" the free
   * 自由签到 rule (grouptype 3).
   */
  private fieldsTheGrouptypeForbids(group: JsonObject, grouptype: Grouptype): void {
    // doc L604 (301094) and L670 (301093) both reject the legacy ot_info. READING: L670's "use ot_info_v2
    // instead" is the answer when ot_info stands in for a missing ot_info_v2; L604 when both are sent.
    if (has(group, 'ot_info')) {
      if (has(group, 'ot_info_v2')) unsupported(M.otInfoOldUnsupported, 'group.ot_info');
      rule(M.otInfoOldInvalid, 'group.ot_info');
    }
    if (grouptype !== 3) {
      // doc L724-727; presence is the test ("should not appear in the request").
      for (const key of ['span_day_time', 'standard_work_duration']) {
        if (has(group, key)) unsupported(M.fieldNotForGrouptype(grouptype, key), `group.${key}`);
      }
    }
    if (grouptype === 1 && isSetArray(group, 'schedulelist')) {
      unsupported(M.onlyFreegroupSchedule, 'group.schedulelist'); // doc L675
    }
    if (grouptype === 3 && isSetArray(group, 'schedulelist')) {
      unsupported(M.unrestrainSchedule, 'group.schedulelist'); // doc L722
    }
    if (grouptype === 2 && isSetArray(group, 'checkindate')) {
      unsupported(M.freegroupCheckindate, 'group.checkindate'); // doc L719
    }
    if (grouptype !== 1 && isSetArray(group, 'spe_workdays')) {
      rule(M.noSpecialWorkday, 'group.spe_workdays'); // doc L718 (301093, unlike its neighbours)
    }
  }

  // ---- checkindate: fixed rules (grouptype 1), and the workdays of free rules (grouptype 3) ---------------

  /**
   * doc L397 makes checkindate required for fixed rules; doc L398-400 makes checkindate.workdays required for
   * fixed AND free rules. READING: a free rule therefore needs checkindate too, and the size and workday rules
   * (doc L632-633, worded for 固定上下班) apply to it; its checkintime/flex fields are not validated (the doc
   * scopes them to fixed rules and gives no rule for free ones).
   */
  private checkindate(group: JsonObject, grouptype: 1 | 3): void {
    const entries = readArray(group, 'checkindate', 'group');
    if (entries.length === 0 || entries.length > 7) rule(M.checkindateSize, 'group.checkindate'); // doc L632
    const seenWorkdays = new Set<number>();
    entries.forEach((raw, index) => {
      const path = `group.checkindate[${index}]`;
      const entry = objectAt(raw, path);
      // doc L416-417 (flex_time: "openapi创建和修改规则时无法使用该字段"), L599; the read shape's
      // limit_aheadtime / noneed_offwork (REFERENCE.md B4) are the other two.
      for (const key of ['flex_time', 'limit_aheadtime', 'noneed_offwork']) {
        if (has(entry, key)) unsupported(M.oldCheckindateFields, `${path}.${key}`);
      }
      this.workdays(entry, path, seenWorkdays);
      if (grouptype === 1) this.fixedCheckindate(entry, path);
    });
  }

  /**
   * doc L400 / L633: each day 0-6 (0 = Sunday), at most 7, no day twice in the rule. READING: an empty
   * workdays is a missing required field (doc L398 "特定类型必填"), reported with the same message.
   */
  private workdays(entry: JsonObject, path: string, seen: Set<number>): void {
    const days = readArray(entry, 'workdays', path);
    if (days.length === 0 || days.length > 7) rule(M.workdays, `${path}.workdays`);
    days.forEach((raw, index) => {
      const field = `${path}.workdays[${index}]`;
      const day = intAt(raw, field);
      if (day < 0 || day > 6 || seen.has(day)) rule(M.workdays, field);
      seen.add(day);
    });
  }

  private fixedCheckindate(entry: JsonObject, path: string): void {
    const times = readArray(entry, 'checkintime', path);
    if (times.length === 0 || times.length > 4) rule(M.checkinTimeSize, `${path}.checkintime`); // doc L631
    const sections = times.map((raw, index) => {
      const sectionPath = `${path}.checkintime[${index}]`;
      return this.section(objectAt(raw, sectionPath), sectionPath, 'fixed');
    });
    noOverlap(sections);
    this.flex(entry, path, false);
  }

  // ---- schedulelist: by-shift rules (grouptype 2) ------------------------------------------------------

  private schedulelist(group: JsonObject): void {
    const schedules = readArray(group, 'schedulelist', 'group');
    if (schedules.length > 50) rule(M.scheduleSize, 'group.schedulelist'); // doc L720
    const ids = new Set<number>();
    const names = new Set<string>();
    let hasRestSchedule = false;
    let hasWorkSchedule = false;
    schedules.forEach((raw, index) => {
      const path = `group.schedulelist[${index}]`;
      const schedule = objectAt(raw, path);
      // doc L598: the schedule variant of the old-field message adds limit_offtime, which only the read
      // shape's schedulelist carries (REFERENCE.md B4).
      for (const key of ['flex_time', 'limit_aheadtime', 'limit_offtime', 'noneed_offwork']) {
        if (has(schedule, key)) unsupported(M.oldScheduleFields, `${path}.${key}`);
      }
      // doc L493 "特定类型必填", "规则内唯一"; the doc has no message for a missing or negative id.
      const id = readInt(schedule, 'schedule_id', path);
      if (id === undefined) missing(`${path}.schedule_id`);
      if (id < 0) badType(`${path}.schedule_id`, 'a non-negative integer');
      if (ids.has(id)) rule(M.conflictScheduleId, `${path}.schedule_id`); // doc L714
      ids.add(id);
      const name = readString(schedule, 'schedule_name', path) ?? '';
      if (id === 0) {
        if (name !== '休息') rule(M.restScheduleName, `${path}.schedule_name`); // doc L494, L716
      } else if (name === '' || characterCount(name) > 40) {
        rule(M.scheduleName, `${path}.schedule_name`); // doc L717
      }
      if (names.has(name)) rule(M.conflictScheduleName, `${path}.schedule_name`); // doc L496, L713
      names.add(name);
      if (id === 0) {
        // doc L494, L715. READING: `time_section: []` is not "having" one (doc L262; the read shape of
        // getcheckinschedulist shows the rest schedule with `time_section: []`, REFERENCE.md B8). The rest
        // schedule has no times, so the time and flex rules below do not apply to it.
        if (isSetArray(schedule, 'time_section')) rule(M.restScheduleTime, `${path}.time_section`);
        hasRestSchedule = true;
        return;
      }
      hasWorkSchedule = true;
      this.workSchedule(schedule, path);
    });
    if (!hasWorkSchedule) rule(M.validSchedule, 'group.schedulelist'); // doc L611
    if (!hasRestSchedule) rule(M.restScheduleRequired, 'group.schedulelist'); // doc L711
  }

  private workSchedule(schedule: JsonObject, path: string): void {
    const times = readArray(schedule, 'time_section', path);
    if (times.length === 0 || times.length > 4) rule(M.timeSectionSize, `${path}.time_section`); // doc L636
    const sections = times.map((raw, index) => {
      const sectionPath = `${path}.time_section[${index}]`;
      return this.section(objectAt(raw, sectionPath), sectionPath, 'schedule');
    });
    // doc L712. READING: "the first period" is the one that starts earliest, whatever its array index.
    const first = sections.reduce((earliest, section) => (section.work < earliest.work ? section : earliest));
    if (first.work - first.windowStart > 4 * 3600) rule(M.firstSection4h, `${first.path}.earliest_work_sec`);
    noOverlap(sections);
    // doc L516: schedulelist.allow_flex defaults to TRUE (checkindate's to false, L418), so a schedule that
    // omits allow_flex must set one flex group (L517 / L676), or send allow_flex: false.
    this.flex(schedule, path, true);
  }

  // ---- one time section: checkindate.checkintime, schedulelist.time_section, spe_workdays.checkintime ------

  /**
   * The section rows of the error table say "固定上下班及自定义排班" (fixed and by-shift). READING: a special
   * workday belongs to a fixed rule, so its sections follow the same rules (time_id, required work/off and
   * reminders, whole minutes, work/off distance, reminder offsets, rest), except that they must not have punch
   * windows (L697) and have their own work/off bounds (L698-702).
   */

  private section(section: JsonObject, path: string, kind: SectionKind): Section {
    const at = (key: string): string => `${path}.${key}`;
    if (kind === 'special') {
      for (const key of WINDOW_FIELDS) {
        if (has(section, key)) unsupported(M.specialWindows, at(key)); // doc L697
      }
    }

    // doc L402 / L441 / L498: "大于0,小于99999", unique in the rule (L605). READING: required in every
    // section (doc L402/L498 "特定类型必填"; spe_workdays' row lost its required column, L441).
    const timeId = readInt(section, 'time_id', path);
    if (timeId === undefined || timeId <= 0 || timeId >= 99_999) rule(M.timeId, at('time_id'));
    if (this.timeIds.has(timeId)) rule(M.conflictTimeId, at('time_id'));
    this.timeIds.add(timeId);

    // Required fields: doc L650 (work_sec), L649 (off_work_sec), L651 (reminders), L645 (windows; fixed and
    // by-shift sections only, special workdays must not have them).
    const work = readInt(section, 'work_sec', path);
    if (work === undefined) return rule(M.workSec, at('work_sec'));
    const off = readInt(section, 'off_work_sec', path);
    if (off === undefined) return rule(M.offWorkSec, at('off_work_sec'));
    const remindWork = readInt(section, 'remind_work_sec', path);
    if (remindWork === undefined) return rule(M.needRemind, at('remind_work_sec'));
    const remindOff = readInt(section, 'remind_off_work_sec', path);
    if (remindOff === undefined) return rule(M.needRemind, at('remind_off_work_sec'));
    const windows = kind === 'special' ? undefined : this.windows(section, path);

    // doc L407-409 / L686 / L639: rest times need allow_rest, and allow_rest needs both rest times.
    // READING: a rest time counts as set when present at all (0 is a time of day, not "unset").
    const allowRest = readBool(section, 'allow_rest', path) ?? false;
    const restBegin = readInt(section, 'rest_begin_time', path);
    const restEnd = readInt(section, 'rest_end_time', path);
    if (!allowRest && restBegin !== undefined) rule(M.restNeedAllow, at('rest_begin_time'));
    if (!allowRest && restEnd !== undefined) rule(M.restNeedAllow, at('rest_end_time'));
    if (allowRest && restBegin === undefined) rule(M.restTime, at('rest_begin_time'));
    if (allowRest && restEnd === undefined) rule(M.restTime, at('rest_end_time'));
    readBool(section, 'no_need_checkon', path);
    readBool(section, 'no_need_checkoff', path);

    // doc L647 (and "整分钟" throughout the field table): every time field a whole minute. Special workdays
    // have their own message for work_sec/off_work_sec (doc L698-699).
    const workOffMessage = kind === 'special' ? M.specialWorkOff : M.multipleOf60;
    if (work % MINUTE !== 0) rule(workOffMessage, at('work_sec'));
    if (off % MINUTE !== 0) rule(workOffMessage, at('off_work_sec'));
    const minuteFields: [string, number | undefined][] = [
      ['remind_work_sec', remindWork],
      ['remind_off_work_sec', remindOff],
      ['rest_begin_time', restBegin],
      ['rest_end_time', restEnd],
      ['earliest_work_sec', windows?.earliestWork],
      ['latest_work_sec', windows?.latestWork],
      ['earliest_off_work_sec', windows?.earliestOff],
      ['latest_off_work_sec', windows?.latestOff],
    ];
    for (const [key, value] of minuteFields) {
      if (value !== undefined && value % MINUTE !== 0) rule(M.multipleOf60, at(key));
    }

    if (kind === 'special') {
      // doc L698-702: work 04:00-18:00, off 04:00-次日03:00, work not after off, off within 24 h of work.
      if (work < 4 * 3600 || work > 18 * 3600) rule(M.specialWorkOff, at('work_sec'));
      if (off < 4 * 3600 || off > DAY + 3 * 3600 || work > off || off - work > DAY) {
        rule(M.specialWorkOff, at('off_work_sec'));
      }
    }
    // doc L650: "不可大于次日00:00点(可等于)". READING: seconds from midnight cannot be negative either.
    if (work < 0 || work > DAY) rule(M.workSec, at('work_sec'));
    // doc L649: "不可大于等于次日23:59点". READING: nor negative.
    if (off < 0 || off >= NEXT_DAY_23_59) rule(M.offWorkSec, at('off_work_sec'));
    if (kind === 'fixed' && windows !== undefined) fixedWindowBounds(windows, path);
    // doc L637-638: work before off, more than one minute apart, less than 24 hours apart.
    if (work >= off || off - work <= MINUTE || off - work >= DAY) rule(M.workOff, at('off_work_sec'));
    if (windows !== undefined) windowOrder(windows, work, off, path);
    // doc L681 / L708: reminders only on the listed offsets.
    if (!REMIND_WORK_LEADS.some((lead) => remindWork === work - lead)) rule(M.remindWork, at('remind_work_sec'));
    if (!REMIND_OFF_LAGS.some((lag) => remindOff === off + lag)) rule(M.remindOff, at('remind_off_work_sec'));
    // doc L640-644: work < rest_begin < rest_end < off.
    if (restBegin !== undefined && (restBegin <= work || restBegin >= off)) rule(M.restTime, at('rest_begin_time'));
    if (restEnd !== undefined && (restEnd <= work || restEnd >= off)) rule(M.restTime, at('rest_end_time'));
    if (restBegin !== undefined && restEnd !== undefined && restBegin >= restEnd) rule(M.restTime, at('rest_end_time'));

    return {
      path,
      work,
      off,
      windowStart: windows?.earliestWork ?? work,
      windowEnd: windows?.latestOff ?? off,
    };
  }

  private windows(section: JsonObject, path: string): Windows {
    const read = (key: (typeof WINDOW_FIELDS)[number]): number => {
      const value = readInt(section, key, path);
      return value ?? rule(M.needWindows, `${path}.${key}`); // doc L645
    };
    return {
      earliestWork: read('earliest_work_sec'),
      latestWork: read('latest_work_sec'),
      earliestOff: read('earliest_off_work_sec'),
      latestOff: read('latest_off_work_sec'),
    };
  }

  // ---- flexible hours and late rules (checkindate entries of fixed rules, work schedules) -----------------

  private flex(holder: JsonObject, path: string, allowFlexDefault: boolean): void {
    const at = (key: string): string => `${path}.${key}`;
    const allowFlex = readBool(holder, 'allow_flex', path) ?? allowFlexDefault;
    const onDuty = readInt(holder, 'flex_on_duty_time', path) ?? 0;
    const offDuty = readInt(holder, 'flex_off_duty_time', path) ?? 0;
    const early = readInt(holder, 'max_allow_arrive_early', path) ?? 0;
    const late = readInt(holder, 'max_allow_arrive_late', path) ?? 0;
    const dutyValues: [string, number][] = [
      ['flex_on_duty_time', onDuty],
      ['flex_off_duty_time', offDuty],
    ];
    const values: [string, number][] = [
      ...dutyValues,
      ['max_allow_arrive_early', early],
      ['max_allow_arrive_late', late],
    ];
    const lateRule = readObject(holder, 'late_rule', path);
    // doc L420-424 "有值时需要allow flex为true" for all four and late_rule; L679 is the only message for it.
    if (!allowFlex) {
      for (const [key, value] of values) {
        if (value !== 0) rule(M.needAllowFlex, at(key));
      }
      // READING: late_rule is "set" when it carries any field; `{}` is the doc's way to clear it (L268).
      if (isNonEmptyObject(lateRule)) rule(M.needAllowFlex, at('late_rule'));
    }
    // doc L423 / L687: 迟到早退 (flex_on/off_duty_time) and 早到早走晚到晚走 (max_allow_arrive_*) exclude each other.
    if ((onDuty !== 0 || offDuty !== 0) && (early !== 0 || late !== 0)) {
      rule(M.flexOnlyOne, at(early !== 0 ? 'max_allow_arrive_early' : 'max_allow_arrive_late'));
    }
    // doc L597 (flex_on/off_duty_time at most 360 minutes), then L603 (all four: multiples of 300, at most
    // 21600). READING: negative values fail both ("-1" appears only in the read API, REFERENCE.md B5).
    for (const [key, value] of dutyValues) {
      if (value < 0 || value > 21_600) rule(M.flexDutyMax, at(key));
    }
    for (const [key, value] of values) {
      if (value < 0 || value > 21_600 || value % 300 !== 0) rule(M.flexValue, at(key));
    }
    // doc L419 / L517 / L676: with allow_flex on, one of the two groups must be set (non-zero).
    if (allowFlex && values.every(([, value]) => value === 0)) rule(M.flexNeedValue, at('allow_flex'));
    if (lateRule !== undefined) this.lateRule(lateRule, at('late_rule'));
  }

  private lateRule(lateRule: JsonObject, path: string): void {
    const at = (key: string): string => `${path}.${key}`;
    const allow = readBool(lateRule, 'allow_offwork_after_time', path) ?? false;
    const pairs: { path: string; offworkAfter: number; onworkFlex: number }[] = [
      {
        path,
        offworkAfter: readInt(lateRule, 'offwork_after_time', path) ?? 0,
        onworkFlex: readInt(lateRule, 'onwork_flex_time', path) ?? 0,
      },
    ];
    const timerules = readArray(lateRule, 'timerules', path);
    timerules.forEach((raw, index) => {
      const rulePath = `${path}.timerules[${index}]`;
      const timerule = objectAt(raw, rulePath);
      pairs.push({
        path: rulePath,
        offworkAfter: readInt(timerule, 'offwork_after_time', rulePath) ?? 0,
        onworkFlex: readInt(timerule, 'onwork_flex_time', rulePath) ?? 0,
      });
    });
    // doc L425-433 / L685: the late-leave / late-arrive values need allow_offwork_after_time.
    if (!allow) {
      const [own] = pairs;
      if (own !== undefined && own.offworkAfter !== 0) rule(M.lateRuleNeedAllow, at('offwork_after_time'));
      if (own !== undefined && own.onworkFlex !== 0) rule(M.lateRuleNeedAllow, at('onwork_flex_time'));
      if (timerules.length > 0) rule(M.lateRuleNeedAllow, at('timerules'));
    }
    for (const pair of pairs) {
      // doc L602: multiples of 15 minutes, at most 600 minutes.
      for (const [key, value] of [
        ['offwork_after_time', pair.offworkAfter],
        ['onwork_flex_time', pair.onworkFlex],
      ] as const) {
        if (value < 0 || value > 600 * MINUTE || value % (15 * MINUTE) !== 0)
          rule(M.lateRuleValue, `${pair.path}.${key}`);
      }
      // READING (the doc contradicts itself): L602's description wants onwork_flex_time > offwork_after_time
      // and L707's errmsg says "offwork_after_time should less than onwork_flex_time", but L707's description
      // says "offwork_after_time需要大于等于onwork_flex_time". We take offwork_after_time >= onwork_flex_time:
      // WeCom's own read example has 3600/3600 (getcorpcheckinoption doc example, REFERENCE.md [WC-PM]; the
      // SKIT fixture of it), which only this reading admits, and it is the meaning of 晚走晚到 (you may arrive
      // late by at most what you stayed late; Feishu's doc example is 60/30, feishu-get-shift.md L78).
      if (pair.offworkAfter < pair.onworkFlex) rule(M.lateRuleOrder, `${pair.path}.onwork_flex_time`);
    }
  }

  // ---- special workdays / offdays ------------------------------------------------------------------------

  private specialDays(group: JsonObject, grouptype: Grouptype): void {
    // Non-fixed rules with a non-empty spe_workdays were rejected earlier (doc L718).
    const workdays = grouptype === 1 ? readArray(group, 'spe_workdays', 'group') : [];
    const offdays = readArray(group, 'spe_offdays', 'group');
    // doc L436 / L454 give "个数不超过366" per list; L696 "特殊工作日/特殊非工作日的个数设置不超过366".
    // READING (stricter): at most 366 special days in total.
    if (workdays.length + offdays.length > 366) {
      rule(M.specialSize, workdays.length > 366 ? 'group.spe_workdays' : 'group.spe_offdays');
    }
    const spans = [
      ...workdays.map((raw, index) => this.specialDay(raw, `group.spe_workdays[${index}]`, 'workday')),
      ...offdays.map((raw, index) => this.specialDay(raw, `group.spe_offdays[${index}]`, 'offday')),
    ];
    // doc L692: no date may be covered twice, across both lists. READING (stricter): a type-2 "两周重复"
    // entry covers every day from timestamp to endtime, not only every other week's day.
    const coveredBy = new Map<number, string>();
    for (const span of spans) {
      for (let day = span.first; day <= span.last; day += DAY) {
        if (coveredBy.has(day)) rule(M.specialConflict, span.path);
        coveredBy.set(day, span.path);
      }
    }
  }

  private specialDay(raw: unknown, path: string, kind: 'workday' | 'offday'): SpecialDaySpan {
    const at = (key: string): string => `${path}.${key}`;
    const entry = objectAt(raw, path);
    // doc L446 / L457: 0 one date, 1 a range, 2 every two weeks. READING: absent means 0 (the read example
    // omits type). > 2: L705 for workdays; for offdays L688, whose description covers exactly that case.
    const type = readInt(entry, 'type', path) ?? 0;
    if (type < 0 || type > 2) rule(kind === 'workday' ? M.specialType : M.offdayCheckintime, at('type'));
    // doc L704: notes required; L439: at most 40 bytes. READING: the byte limit, stated on the spe_workdays
    // row only, applies to spe_offdays notes too (same field, stricter).
    const notes = readString(entry, 'notes', path);
    if (notes === undefined || notes === '') rule(M.specialNotes, at('notes'));
    if (utf8Length(notes) > 40) rule(M.specialNotesLength, at('notes'));

    const span = this.specialDates(entry, path, type);
    // doc L689 (the row has no errcode; READING: 301093 like every other special-day row). "Future" means
    // the first covered day's 00:00 is after now, so today is not allowed. Not applied to a merged update,
    // see validateCheckinOption.
    if (this.context.mode === 'add' && span.first <= this.context.nowUnixSeconds) {
      rule(M.specialFuture, at(type === 1 ? 'begtime' : 'timestamp'));
    }

    if (kind === 'workday') {
      const times = readArray(entry, 'checkintime', path);
      if (times.length === 0) rule(M.specialNeedCheckintime, at('checkintime')); // doc L703
      // READING: doc L631's 1-4 sections of a fixed rule bind a special workday's checkintime too.
      if (times.length > 4) rule(M.checkinTimeSize, at('checkintime'));
      const sections = times.map((rawSection, index) => {
        const sectionPath = `${path}.checkintime[${index}]`;
        return this.section(objectAt(rawSection, sectionPath), sectionPath, 'special');
      });
      noOverlap(sections);
    } else if (isSetArray(entry, 'checkintime')) {
      rule(M.offdayCheckintime, at('checkintime')); // doc L688
    }
    return span;
  }

  private specialDates(entry: JsonObject, path: string, type: number): SpecialDaySpan {
    const at = (key: string): string => `${path}.${key}`;
    // doc L690-693: each date a China 00:00 after 2000-01-01 00:00.
    const valid = (timestamp: number): boolean => isChinaMidnight(timestamp) && timestamp > YEAR_2000_CHINA;
    if (type === 0) {
      // doc L447 / L693.
      const timestamp = readInt(entry, 'timestamp', path);
      if (timestamp === undefined || !valid(timestamp)) return rule(M.specialTimestamp, at('timestamp'));
      return { path, first: timestamp, last: timestamp };
    }
    // doc L448 (type 1: begtime..endtime) / L449 (type 2: timestamp..endtime), both closed (L452).
    const startKey = type === 1 ? 'begtime' : 'timestamp';
    const first = readInt(entry, startKey, path);
    const last = readInt(entry, 'endtime', path);
    // doc L694: "需要设置begtime以及endtime,且endtime不可小于begtime". READING: the same for type 2's
    // timestamp/endtime pair, whose own rows (L693, L691) cover the value checks.
    if (first === undefined) return rule(type === 1 ? M.specialBegEnd : M.specialTimestamp, at(startKey));
    if (last === undefined) return rule(M.specialBegEnd, at('endtime'));
    if (!valid(first)) rule(type === 1 ? M.specialBegtime : M.specialTimestamp, at(startKey)); // doc L690 / L693
    if (!valid(last)) rule(M.specialEndtime, at('endtime')); // doc L691
    if (last < first) rule(M.specialBegEnd, at('endtime'));
    // doc L695: "时间范围不可超过一年". READING (stricter): at most 365 days, both ends included.
    if ((last - first) / DAY + 1 > 365) rule(M.specialPeriod, at('endtime'));
    return { path, first, last };
  }

  // ---- wifi and locations --------------------------------------------------------------------------------

  private wifiAndLocations(group: JsonObject): void {
    const wifis = readArray(group, 'wifimac_infos', 'group');
    const locations = readArray(group, 'loc_infos', 'group');
    // doc L610 "wifi或地点的个数设置不可超过500". READING (stricter): wifi and locations together.
    if (wifis.length + locations.length > 500) {
      rule(M.wifiOrLocationSize, wifis.length >= locations.length ? 'group.wifimac_infos' : 'group.loc_infos');
    }
    // doc L463 / L469 / L609.
    if (wifis.length === 0 && locations.length === 0) rule(M.needWifiOrLocation, 'group.wifimac_infos');

    const macs = new Set<string>();
    wifis.forEach((raw, index) => {
      const path = `group.wifimac_infos[${index}]`;
      const wifi = objectAt(raw, path);
      // doc L608: wifiname, wifimac and bssid not empty, wifiname at most 40 characters. READING: create has
      // no bssid field (doc L462-465): the BSSID *is* the router MAC, so wifimac stands for it; a bssid that
      // is sent anyway must not be empty.
      const name = readString(wifi, 'wifiname', path) ?? '';
      if (name === '' || characterCount(name) > 40) rule(M.wifiInfo, `${path}.wifiname`);
      const mac = readString(wifi, 'wifimac', path) ?? '';
      if (mac === '') rule(M.wifiInfo, `${path}.wifimac`);
      if (readString(wifi, 'bssid', path) === '') rule(M.wifiInfo, `${path}.bssid`);
      if (!WIFI_MAC.test(mac)) rule(M.wifiMac, `${path}.wifimac`); // doc L606
      // doc L607. READING: MACs compare case-insensitively (they are hex).
      const normalised = mac.toLowerCase();
      if (macs.has(normalised)) rule(M.conflictWifiMac, `${path}.wifimac`);
      macs.add(normalised);
    });

    locations.forEach((raw, index) => {
      const path = `group.loc_infos[${index}]`;
      const location = objectAt(raw, path);
      // doc L628-630, L470-471 (degrees × 1e6). READING: 0 is "empty" (the vendor cannot tell 0 from absent;
      // GCJ-02 only covers China, where neither coordinate is ever 0).
      const lat = readInt(location, 'lat', path) ?? 0;
      if (lat === 0 || Math.abs(lat) > 90_000_000) rule(M.locationInfo, `${path}.lat`);
      const lng = readInt(location, 'lng', path) ?? 0;
      if (lng === 0 || Math.abs(lng) > 180_000_000) rule(M.locationInfo, `${path}.lng`);
      for (const key of ['loc_title', 'loc_detail']) {
        const text = readString(location, key, path) ?? '';
        if (text === '' || characterCount(text) > 40) rule(M.locationInfo, `${path}.${key}`);
      }
      const distance = readInt(location, 'distance', path);
      if (distance !== undefined && distance > 3000) rule(M.locationInfo, `${path}.distance`); // doc L630
      if (distance === undefined || !ALLOWED_DISTANCES.has(distance)) rule(M.locationDistance, `${path}.distance`);
    });
  }

  // ---- who: range, white list, reporters -----------------------------------------------------------------

  /**
   * doc L475-478 / L612: at least one department, user or tag. Element types from REFERENCE.md B4
   * (party_id and userid strings, tagid integers). A read-side key like SKIT's `partyid` is not `party_id`
   * and does not count.
   */
  private range(group: JsonObject): void {
    const range = readObject(group, 'range', 'group');
    if (range === undefined) return rule(M.emptyRange, 'group.range');
    const parties = readArray(range, 'party_id', 'group.range');
    const users = readArray(range, 'userid', 'group.range');
    const tags = readArray(range, 'tagid', 'group.range');
    parties.forEach((raw, index) => nonEmptyStringAt(raw, `group.range.party_id[${index}]`));
    users.forEach((raw, index) => nonEmptyStringAt(raw, `group.range.userid[${index}]`));
    tags.forEach((raw, index) => positiveIntAt(raw, `group.range.tagid[${index}]`));
    if (parties.length === 0 && users.length === 0 && tags.length === 0) rule(M.emptyRange, 'group.range');
  }

  private whiteUsers(group: JsonObject): void {
    readArray(group, 'white_users', 'group').forEach((raw, index) =>
      nonEmptyStringAt(raw, `group.white_users[${index}]`),
    );
  }

  /**
   * doc L480-481 list 0 phone / 2 machine / 3 both; the errmsg at L613 says "0/1/3" and its description
   * "0-手机, 1-u盘考勤机, 3-手机\云考勤机融合打卡". READING (stricter): only the values both lists allow, 0 and 3.
   */
  private checkinType(group: JsonObject): void {
    const type = readInt(group, 'type', 'group') ?? 0;
    if (type !== 0 && type !== 3) rule(M.checkinType, 'group.type');
  }

  /**
   * doc L482-485, L652, L680. READING: `reporterinfo: {}` (or an empty reporters list) is the doc's way to
   * clear it (L268), so it passes. A reporter with neither key gets L652 "need vid or tagid"; one whose keys
   * are there but empty gets L680 "invalid reporter" (the two rows describe the same rule).
   */
  private reporters(group: JsonObject): void {
    const info = readObject(group, 'reporterinfo', 'group');
    if (info === undefined) return;
    readArray(info, 'reporters', 'group.reporterinfo').forEach((raw, index) => {
      const path = `group.reporterinfo.reporters[${index}]`;
      const reporter = objectAt(raw, path);
      if (!has(reporter, 'userid') && !has(reporter, 'tagid')) rule(M.reporterNeedVid, path);
      const userid = readString(reporter, 'userid', path) ?? '';
      const tagid = readInt(reporter, 'tagid', path) ?? 0;
      if (userid === '' && tagid === 0) rule(M.reporter, path);
      if (tagid < 0) badType(`${path}.tagid`, 'a positive integer');
    });
  }

  /** doc L490-491 / L706: 0, 1 or 2. */
  private optionOutRange(group: JsonObject): void {
    const value = readInt(group, 'option_out_range', 'group') ?? 0;
    if (value < 0 || value > 2) rule(M.optionOutRange, 'group.option_out_range');
  }

  // ---- 补卡 -------------------------------------------------------------------------------------------

  private buka(group: JsonObject): void {
    const allowApply = readBool(group, 'allow_apply_offworkday', 'group') ?? false;
    // doc L487 / L678: -1 (unlimited) to 99.
    const count = readInt(group, 'allow_apply_bk_cnt', 'group') ?? -1;
    if (count < -1 || count > 99) rule(M.bkCnt, 'group.allow_apply_bk_cnt');
    // doc L488 / L710: -1 (unlimited) to 180.
    const dayLimit = readInt(group, 'allow_apply_bk_day_limit', 'group') ?? -1;
    if (dayLimit < -1 || dayLimit > 180) rule(M.bkDayLimit, 'group.allow_apply_bk_day_limit');
    // doc L489 / L677: -1, or 1 to 28.
    const nextMonth = readInt(group, 'buka_limit_next_month', 'group') ?? -1;
    if (nextMonth !== -1 && (nextMonth < 1 || nextMonth > 28)) {
      rule(M.bukaLimitNextMonth, 'group.buka_limit_next_month');
    }
    // doc L588: four flag bits. No row in the error table: READING 40058 for anything outside 0-15.
    const restriction = readInt(group, 'buka_restriction', 'group') ?? 0;
    if (restriction < 0 || restriction > 15) badType('group.buka_restriction', 'an integer 0-15 (four flag bits)');

    const remind = readObject(group, 'buka_remind', 'group');
    if (remind !== undefined) {
      const open = readBool(remind, 'open_remind', 'group.buka_remind') ?? false;
      const day = readInt(remind, 'buka_remind_day', 'group.buka_remind');
      const month = readInt(remind, 'buka_remind_month', 'group.buka_remind');
      // doc L683.
      if (!open && day !== undefined) rule(M.needOpenRemind, 'group.buka_remind.buka_remind_day');
      if (!open && month !== undefined) rule(M.needOpenRemind, 'group.buka_remind.buka_remind_month');
      if (open) {
        // doc L585-587 / L595-596: month 0 (this month): day 15-30; month 1 (next month): day 1-26.
        // READING: with the reminder on, both are required (the doc gives them no default, "默认没有").
        if (month !== 0 && month !== 1) rule(M.bukaRemind, 'group.buka_remind.buka_remind_month');
        const [low, high] = month === 0 ? [15, 30] : [1, 26];
        if (day === undefined || day < low || day > high) rule(M.bukaRemind, 'group.buka_remind.buka_remind_day');
      }
    }

    // doc L682: the 补卡 fields need allow_apply_offworkday. READING: a field is "set" when it differs from
    // its documented default (L487-489, L588), and buka_remind when it is a non-empty object (`{}` clears it,
    // L268); a stored rule echoes the defaults, which must not block updates of rules without 补卡.
    if (!allowApply) {
      const setField =
        count !== -1
          ? 'allow_apply_bk_cnt'
          : dayLimit !== -1
            ? 'allow_apply_bk_day_limit'
            : nextMonth !== -1
              ? 'buka_limit_next_month'
              : restriction !== 0
                ? 'buka_restriction'
                : isNonEmptyObject(remind)
                  ? 'buka_remind'
                  : undefined;
      if (setField !== undefined) rule(M.needAllowApply, `group.${setField}`);
    }
  }

  /** doc L537-539 / L684. */
  private faceDetection(group: JsonObject): void {
    const faceDetect = readBool(group, 'use_face_detect', 'group') ?? false;
    const liveDetect = readBool(group, 'open_face_live_detect', 'group') ?? false;
    if (liveDetect && !faceDetect) rule(M.faceDetect, 'group.open_face_live_detect');
  }

  // ---- overtime: ot_info_v2 ----------------------------------------------------------------------------

  /**
   * doc L540 / L673: ot_info_v2 required. doc L541-542 / L578-581 / L674: workdayconf, restdayconf and
   * holidayconf all required, each with allow_ot; restdayconf and holidayconf also with type (workdayconf's
   * type defaults to 2, L543). NOTE: the doc's own request examples (L94-99, L231-236) send workdayconf only; the field
   * table and L674 both say that is not enough, so that example is rejected here (see the spec).
   */
  private overtime(group: JsonObject): void {
    const ot = readObject(group, 'ot_info_v2', 'group');
    if (ot === undefined) return rule(M.otInfoV2Needed, 'group.ot_info_v2');
    for (const name of ['workdayconf', 'restdayconf', 'holidayconf'] as const) {
      const path = `group.ot_info_v2.${name}`;
      const conf = readObject(ot, name, 'group.ot_info_v2');
      if (conf === undefined) return rule(M.otConfNeeded, path);
      this.overtimeConf(conf, path, name === 'workdayconf');
    }
  }

  private overtimeConf(conf: JsonObject, path: string, isWorkday: boolean): void {
    const at = (key: string): string => `${path}.${key}`;
    if (readBool(conf, 'allow_ot', path) === undefined) rule(M.otConfNeeded, at('allow_ot'));
    // doc L543 / L669: 0 交集, 1 打卡, 2 审批.
    const type = readInt(conf, 'type', path);
    if (type === undefined && !isWorkday) rule(M.otConfNeeded, at('type'));
    if (type !== undefined && (type < 0 || type > 2)) rule(M.otType, at('type'));
    readBool(conf, 'ot_trans_enable', path);
    // doc L573 / L667: "1记为调休,2记为加班费", "不可超过2". READING (stricter): only 1 and 2.
    const transType = readInt(conf, 'ot_trans_type', path);
    if (transType !== undefined && transType !== 1 && transType !== 2) rule(M.otTransType, at('ot_trans_type'));
    // doc L575-576 / L665 / L668: a percentage, at most 3000. READING: never negative.
    const vacation = readObject(conf, 'vacation', path);
    if (vacation !== undefined) {
      const ratio = readInt(vacation, 'trans_ratio', at('vacation'));
      if (ratio !== undefined && (ratio < 0 || ratio > 3000)) rule(M.transRatio, at('vacation.trans_ratio'));
      readBool(vacation, 'sync_vacation', at('vacation'));
    }
    const checkin = readObject(conf, 'checkin', path);
    if (checkin !== undefined) {
      const checkinPath = at('checkin');
      // doc L561-562: at most 720 minutes; no row in the error table, so our message.
      const start = readInt(checkin, 'ot_time_start', checkinPath);
      if (start !== undefined && (start < 0 || start > 720 * MINUTE)) {
        rule(M.otTimeStart, `${checkinPath}.ot_time_start`);
      }
      // doc L563-566 / L666: at most 720 minutes, min < max, with the documented defaults (30 and 240 min).
      const min = readInt(checkin, 'ot_time_min', checkinPath);
      const max = readInt(checkin, 'ot_time_max', checkinPath);
      if (min !== undefined && (min < 0 || min > 720 * MINUTE)) rule(M.otMinMax, `${checkinPath}.ot_time_min`);
      if (max !== undefined && (max < 0 || max > 720 * MINUTE)) rule(M.otMinMax, `${checkinPath}.ot_time_max`);
      if ((min ?? 30 * MINUTE) >= (max ?? 240 * MINUTE)) {
        rule(M.otMinMax, `${checkinPath}.${min === undefined ? 'ot_time_max' : 'ot_time_min'}`);
      }
      this.restinfo(checkin, checkinPath, 'checkin');
    }
    for (const holder of ['apply', 'applycheckin'] as const) {
      const sub = readObject(conf, holder, path);
      if (sub !== undefined) this.restinfo(sub, at(holder), holder);
    }
  }

  private restinfo(holder: JsonObject, holderPath: string, name: RestinfoHolder): void {
    const path = `${holderPath}.restinfo`;
    const info = readObject(holder, 'restinfo', holderPath);
    if (info === undefined) return;
    const at = (key: string): string => `${path}.${key}`;
    // doc L546 / L659-661: 0 no deduction, 1 fixed rest periods, 2 by overtime length. READING: absent is 0.
    const type = readInt(info, 'type', path) ?? 0;
    if (type < 0 || type > 2) rule(M.restinfoType(name), at('type'));
    const fixList = readArray(info, 'fix_time_rule_list', path);
    const calRule = readObject(info, 'cal_ottime_rule', path);
    if (type === 0) {
      // doc L657. READING: "rest not enabled" is type 0; cal_ottime_rule counts as configured when present.
      if (fixList.length > 0) rule(M.otRestNotEnabled, at('fix_time_rule_list'));
      if (calRule !== undefined) rule(M.otRestNotEnabled, at('cal_ottime_rule'));
    } else if (type === 1) {
      if (calRule !== undefined) rule(M.otDeductByRest, at('cal_ottime_rule')); // doc L672
      this.fixTimeRules(fixList, at('fix_time_rule_list'));
    } else {
      if (fixList.length > 0) rule(M.otDeductByOtTime, at('fix_time_rule_list')); // doc L671
      this.calOttimeItems(calRule === undefined ? [] : readArray(calRule, 'items', at('cal_ottime_rule')), path);
    }
  }

  private fixTimeRules(list: readonly unknown[], path: string): void {
    if (list.length === 0 || list.length > 10) rule(M.otFixListSize, path); // doc L548 / L658
    const periods = list.map((raw, index) => {
      const itemPath = `${path}[${index}]`;
      const item = objectAt(raw, itemPath);
      // doc L549-552 / L723: both required.
      const begin = readInt(item, 'fix_time_begin_sec', itemPath);
      if (begin === undefined) return rule(M.needFixTime, `${itemPath}.fix_time_begin_sec`);
      const end = readInt(item, 'fix_time_end_sec', itemPath);
      if (end === undefined) return rule(M.needFixTime, `${itemPath}.fix_time_end_sec`);
      // doc L550/L552 (00:00 to 次日23:59) and L662-663 (whole minutes, at most 24 h apart). READING: begin
      // before end (a rest period).
      if (begin % MINUTE !== 0 || begin < 0 || begin > NEXT_DAY_23_59)
        rule(M.fixTime, `${itemPath}.fix_time_begin_sec`);
      if (end % MINUTE !== 0 || end > NEXT_DAY_23_59 || end <= begin || end - begin > DAY) {
        rule(M.fixTime, `${itemPath}.fix_time_end_sec`);
      }
      return { path: itemPath, begin, end };
    });
    // doc L664: no two periods intersect (closed intervals, as in intersects()).
    periods.forEach((period, index) => {
      for (const earlier of periods.slice(0, index)) {
        if (intersects(earlier.begin, earlier.end, period.begin, period.end)) rule(M.fixTime, period.path);
      }
    });
  }

  private calOttimeItems(items: readonly unknown[], restinfoPath: string): void {
    const path = `${restinfoPath}.cal_ottime_rule.items`;
    if (items.length === 0 || items.length > 5) rule(M.otItemsSize, path); // doc L555 / L656
    let previousOtTime = 0;
    items.forEach((raw, index) => {
      const itemPath = `${path}[${index}]`;
      const item = objectAt(raw, itemPath);
      // doc L654: both required. READING: 0 is "not set" (an empty deduction tier means nothing).
      const otTime = readInt(item, 'ot_time', itemPath) ?? 0;
      if (otTime === 0) rule(M.otNeedRestTime, `${itemPath}.ot_time`);
      const restTime = readInt(item, 'rest_time', itemPath) ?? 0;
      if (restTime === 0) rule(M.otNeedRestTime, `${itemPath}.rest_time`);
      // doc L559 / L653: rest_time a multiple of 15 minutes, at most 360 minutes, not above ot_time.
      if (restTime < 0 || restTime % (15 * MINUTE) !== 0 || restTime > 360 * MINUTE || restTime > otTime) {
        rule(M.otRestTime, `${itemPath}.rest_time`);
      }
      // doc L557 / L655: ot_time a multiple of 15 minutes and strictly increasing.
      if (otTime % (15 * MINUTE) !== 0 || otTime <= previousOtTime) rule(M.otIncrement, `${itemPath}.ot_time`);
      previousOtTime = otTime;
    });
  }

  // ---- free rules (grouptype 3) ------------------------------------------------------------------------

  private freeRuleFields(group: JsonObject): void {
    // doc L535-536 "仅自由签到规则需设置该字段" / L721: multiple of 5 minutes, at most 1435 minutes.
    // READING: required for free rules ("需设置").
    const interval = readInt(group, 'offwork_interval_time', 'group');
    if (interval === undefined || interval < 0 || interval > 1435 * MINUTE || interval % 300 !== 0) {
      rule(M.offworkInterval, 'group.offwork_interval_time');
    }
    // doc L589 / L728-729.
    const spanDayTime = readInt(group, 'span_day_time', 'group');
    if (spanDayTime !== undefined && (spanDayTime < 0 || spanDayTime >= DAY)) {
      rule(M.spanDayRange, 'group.span_day_time');
    }
    if (spanDayTime !== undefined && spanDayTime % MINUTE !== 0) rule(M.spanDayMinutes, 'group.span_day_time');
    // doc L590 / L730: -1, or 1 h to 24 h in half hours.
    const duration = readInt(group, 'standard_work_duration', 'group');
    if (duration !== undefined && duration !== -1 && (duration < 3600 || duration > DAY || duration % 1800 !== 0)) {
      rule(M.standardWorkDuration, 'group.standard_work_duration');
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Section helpers without state
// ---------------------------------------------------------------------------------------------------------

interface Windows {
  readonly earliestWork: number;
  readonly latestWork: number;
  readonly earliestOff: number;
  readonly latestOff: number;
}

/**
 * doc L634-635, fixed rules only: no window below 0; earliest_work_sec at most 次日00:00, latest_work_sec at
 * most 次日23:59, earliest_off_work_sec and latest_off_work_sec at most 次日04:00 ("不可大于": equal passes).
 */
function fixedWindowBounds(windows: Windows, path: string): void {
  const limits: [string, number, number][] = [
    ['earliest_work_sec', windows.earliestWork, DAY],
    ['latest_work_sec', windows.latestWork, NEXT_DAY_23_59],
    ['earliest_off_work_sec', windows.earliestOff, NEXT_DAY_04_00],
    ['latest_off_work_sec', windows.latestOff, NEXT_DAY_04_00],
  ];
  for (const [key, value, limit] of limits) {
    if (value < 0 || value > limit) rule(M.fixgroupWindowBounds, `${path}.${key}`);
  }
}

/** The punch windows around one section: doc L614-626, in the table's order. */
function windowOrder(windows: Windows, work: number, off: number, path: string): void {
  const at = (key: string): string => `${path}.${key}`;
  const { earliestWork, latestWork, earliestOff, latestOff } = windows;
  // doc L614-616 (L616 says "earliest_off_work_sec必须小于…earliest_off_work_sec", a typo for latest_…).
  if (earliestWork >= latestWork) rule(M.windowPairs, at('latest_work_sec'));
  if (earliestOff >= latestOff) rule(M.windowPairs, at('latest_off_work_sec'));
  // doc L623-626: earliest_work < work < latest_work < off.
  if (earliestWork >= work) rule(M.workWindow, at('earliest_work_sec'));
  if (latestWork <= work || latestWork >= off) rule(M.workWindow, at('latest_work_sec'));
  // doc L620-622: work < earliest_off < off.
  if (earliestOff <= work || earliestOff >= off) rule(M.earliestOffWork, at('earliest_off_work_sec'));
  // doc L617-619: off <= latest_off < off + 24 h.
  if (latestOff < off || latestOff >= off + DAY) rule(M.latestOffWork, at('latest_off_work_sec'));
}

/** doc L709: within one day's sections, neither the work periods nor the punch windows may intersect. */
function noOverlap(sections: readonly Section[]): void {
  sections.forEach((section, index) => {
    for (const earlier of sections.slice(0, index)) {
      if (
        intersects(earlier.work, earlier.off, section.work, section.off) ||
        intersects(earlier.windowStart, earlier.windowEnd, section.windowStart, section.windowEnd)
      ) {
        rule(M.overlap, section.path);
      }
    }
  });
}

function nonEmptyStringAt(value: unknown, path: string): void {
  if (stringAt(value, path) === '') badType(path, 'a non-empty string');
}

function positiveIntAt(value: unknown, path: string): void {
  if (intAt(value, path) <= 0) badType(path, 'a positive integer');
}
