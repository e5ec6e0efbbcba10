import fc from 'fast-check';
import { dayStart, DAY_SECONDS } from '../wecom/china-time.util.js';
import {
  type JsonObject,
  label,
  macAddress,
  recordOf,
  secondsIn,
  subsetOf,
  withUnknownFields,
} from './variance-fields.util.js';

// fast-check arbitraries of WeCom records as a real tenant's READ answers may hold them: doc-legal, with the
// fields the docs mark optional sometimes left out and fields our docs do not know sometimes added, at several
// depths. Synthetic data of ours, shaped after:
//  - rules (getcorpcheckinoption, REFERENCE B4): the field table of wecom-checkin-option-rules.md, 打卡规则字段说明
//    (cited "L<n>": its line numbers; the error table below it, L599-720, gives the value ranges);
//  - punches (getcheckindata): REFERENCE B6; monthly schedules (getcheckinschedulist): REFERENCE B8.
// "Required" follows the read shape where B4 documents one that is sparser than the write table (a time section
// read without time_id or its punch windows, B4 "documented with only work_sec, off_work_sec, remind_work_sec,
// remind_off_work_sec").
//
// Left out on purpose (what the generators do NOT cover):
//  - range.tagid: tags have no counterpart the gateway maps (a loss by design, not an isolation question);
//  - a first time section without clock-in (no_need_checkon) and a whitelist of everyone: doc-legal, but Feishu
//    cannot hold such a rule (its create doc requires the first segment's clock-in; a group needs members), so a
//    readable rule the gateway must still refuse — another property than "one record never decides for the list";
//  - the legacy ot_info block and overnight (next-day) sections; special days of type 1/2 (ranges), which the
//    B4 read example never shows.

const MINUTE = 60;
const HOUR = 3600;

export type WecomGrouptype = 1 | 2 | 3;

export interface WecomRuleContext {
  /** groupname; ≤ 40 characters (error table L599). The caller keeps it unique among the tenant's rules. */
  readonly name: string;
  /** People for range.userid (at least one: range is "是 (至少有一种)", L475). */
  readonly userids: readonly string[];
  /** Departments that may be added to range.party_id (L476). */
  readonly partyIds?: readonly string[];
  /** People who may be named in white_users (L479); none unless given. */
  readonly whiteUserids?: readonly string[];
  /** "Now" in unix seconds: special days lie after it ("仅允许设置未来日期", L696). */
  readonly nowSeconds: number;
}

// ---- time sections ---------------------------------------------------------------------------------------

/** When a section starts and ends, seconds from 00:00 of its day. */
interface SectionTimes {
  readonly work: number;
  readonly off: number;
}

/**
 * A day's 1–2 sections, in order and apart: work from 07:00–10:00, 3–5 h long, the next one 3 h after the
 * previous ends, so neither the sections nor their punch windows overlap ("上下班区间不可有交集,可打卡时间不可有交集",
 * L710) and everything ends before 23:00 (no next-day times: see the top).
 */
const dayLayout: fc.Arbitrary<SectionTimes[]> = fc
  .tuple(
    secondsIn(7 * HOUR, 10 * HOUR, 15 * MINUTE),
    secondsIn(3 * HOUR, 4 * HOUR, 30 * MINUTE),
    fc.option(secondsIn(3 * HOUR, 5 * HOUR, 30 * MINUTE), { nil: undefined }),
  )
  .map(([work, length, second]) => {
    const first = { work, off: work + length };
    return second === undefined ? [first] : [first, { work: first.off + 3 * HOUR, off: first.off + 3 * HOUR + second }];
  });

/** L681: the clock-in reminder is on time or 5/10/15/20 minutes before work_sec. */
const REMIND_WORK_LEADS = [0, 300, 600, 900, 1200] as const;
/** L708: the clock-out reminder is on time or 10/20/30/60 minutes after off_work_sec. */
const REMIND_OFF_LAGS = [0, 600, 1200, 1800, 3600] as const;

/**
 * One section in the read shape (L401-415; L497-515 "与checkindate.checkintime定义一致"). Required on read: the
 * four times B4 documents (work/off and the two reminders, "特定类型必填" L403-406). Optional on read: time_id
 * (L402; absent from B4's example), the four punch windows together (L410-413; absent from B4's example;
 * when there, earliest < work < latest < off and earliest_off > work, ≤ 1 h each side here, L631-636), rest
 * (L407-409 "否"; with allow_rest true both rest times inside the section, L637-644) and the no-punch flags
 * (L414-415 "否,默认false"; never on a day's first section, see the top).
 */
function section(times: SectionTimes, timeId: number, first: boolean): fc.Arbitrary<JsonObject> {
  const { work, off } = times;
  const windows = fc
    .tuple(secondsIn(30 * MINUTE, HOUR), secondsIn(30 * MINUTE, HOUR), secondsIn(30 * MINUTE, HOUR))
    .map(([before, after, late]) => ({
      earliest_work_sec: work - before,
      latest_work_sec: work + after,
      earliest_off_work_sec: off - after,
      latest_off_work_sec: off + late,
    }));
  const rest = fc.oneof(
    fc.constant({ allow_rest: false }),
    fc
      .tuple(secondsIn(HOUR, 90 * MINUTE, 15 * MINUTE), secondsIn(30 * MINUTE, HOUR, 15 * MINUTE))
      .map(([from, length]) => ({
        allow_rest: true,
        rest_begin_time: work + from,
        rest_end_time: work + from + length,
      })),
  );
  return fc
    .record(
      {
        base: fc.record({
          work_sec: fc.constant(work),
          off_work_sec: fc.constant(off),
          remind_work_sec: fc.constantFrom(...REMIND_WORK_LEADS).map((lead) => work - lead),
          remind_off_work_sec: fc.constantFrom(...REMIND_OFF_LAGS).map((lag) => off + lag),
        }),
        timeId: fc.option(fc.constant({ time_id: timeId }), { nil: undefined }),
        windows: fc.option(windows, { nil: undefined }),
        rest: fc.option(rest, { nil: undefined }),
        flags: recordOf(
          { no_need_checkon: first ? fc.constant(false) : fc.boolean(), no_need_checkoff: fc.boolean() },
          [],
        ),
      },
      { noNullPrototype: true },
    )
    .map(({ base, timeId: id, windows: window, rest: resting, flags }) => ({
      ...id,
      ...base,
      ...window,
      ...resting,
      ...flags,
    }));
}

function sections(layout: readonly SectionTimes[], firstTimeId: number): fc.Arbitrary<JsonObject[]> {
  return fc.tuple(
    ...layout.map((times, index) => withUnknownFields(section(times, firstTimeId + index, index === 0), 1)),
  );
}

// ---- flexible time and late rules (checkindate L416-434, schedulelist L516-534) -----------------------------

/** Flex durations: multiples of 5 minutes, at most 360 minutes (error table L603). */
const flexSeconds = secondsIn(5 * MINUTE, 60 * MINUTE, 5 * MINUTE);
/** Late-rule durations: multiples of 15 minutes, at most 600 minutes (L601, L425-434). */
const lateSeconds = secondsIn(15 * MINUTE, 120 * MINUTE, 15 * MINUTE);

/**
 * A late rule (晚走晚到, L424-434): "有值时需要allow_offwork_after_time为true" (L425). The error table says both
 * "onwork_flex_time需要大于offwork_after_time" (L601) and "offwork_after_time需要大于等于onwork_flex_time"
 * (L709): the doc contradicts itself on their order, so the two are drawn independently (each pair is legal
 * by one of the two lines).
 */
const lateRule: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.constant({ allow_offwork_after_time: false }),
  fc.array(fc.tuple(lateSeconds, lateSeconds), { minLength: 1, maxLength: 2 }).map((steps) => ({
    allow_offwork_after_time: true,
    timerules: steps.map(([offworkAfter, onworkFlex]) => ({
      offwork_after_time: offworkAfter,
      onwork_flex_time: onworkFlex,
    })),
  })),
);

/**
 * The flexible-time fields of a checkindate entry or a schedule. "有值时需要allow flex为true" (L420-424,
 * L518-534); with allow_flex true one of 迟到早退 (flex_on/off_duty_time) or 早到早走晚到晚走 (max_allow_arrive_*)
 * is set, never both (L676, L704); a late_rule only with allow_flex true (L698). `defaultOn`: the schedule's
 * allow_flex defaults to true (L516), so it may then be left out while values are set; the checkindate's
 * defaults to false (L418).
 */
function flex(defaultOn: boolean): fc.Arbitrary<JsonObject> {
  const onValues = fc.oneof(
    fc.tuple(flexSeconds, flexSeconds).map(([late, early]) => ({ flex_on_duty_time: late, flex_off_duty_time: early })),
    fc
      .tuple(flexSeconds, flexSeconds)
      .map(([early, late]) => ({ max_allow_arrive_early: early, max_allow_arrive_late: late })),
  );
  const on = fc
    .tuple(onValues, fc.option(lateRule, { nil: undefined }), fc.boolean())
    .map(([values, late, explicit]) => ({
      ...(explicit || !defaultOn ? { allow_flex: true } : {}),
      ...values,
      ...(late === undefined ? {} : { late_rule: late }),
    }));
  return fc.oneof(fc.constant({}), fc.constant({ allow_flex: false }), on);
}

/** Legacy read fields of B4 ("⚠ legacy"): limit_aheadtime in MILLISECONDS (e.g. 10800000 = 3 h). */
const legacyAhead = fc.constantFrom(0, 3_600_000, 10_800_000, 14_400_000);

// ---- rules ------------------------------------------------------------------------------------------------

/** A non-empty set of weekdays 0–6 (0 = Sunday, L400) split into 1–2 checkindate entries, unique in the rule. */
const workdaySplit: fc.Arbitrary<number[][]> = fc
  .tuple(subsetOf([1, 2, 3, 4, 5, 6, 0]), fc.nat())
  .map(([days, cut]) => {
    if (days.length < 2 || cut % 2 === 0) return [days];
    const at = 1 + (cut % (days.length - 1));
    return [days.slice(0, at), days.slice(at)];
  });

/** checkindate of a fixed rule (L397-434): each entry its own weekdays and day layout, time_ids unique. */
const fixedCheckindate: fc.Arbitrary<JsonObject[]> = workdaySplit.chain((split) =>
  fc.tuple(
    ...split.map((workdays, index) =>
      withUnknownFields(
        fc
          .tuple(
            dayLayout.chain((layout) => sections(layout, 1 + index * 4)),
            flex(false),
            recordOf({ noneed_offwork: fc.boolean(), limit_aheadtime: legacyAhead }, []),
          )
          .map(([checkintime, flexible, legacy]) => ({ workdays, checkintime, ...flexible, ...legacy })),
      ),
    ),
  ),
);

/** By-shift schedules (L492-534): the rest schedule 0 "休息" without sections (L715-716), then 1–3 others. */
function schedulelist(name: string): fc.Arbitrary<JsonObject[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 1, maxLength: 3 }).chain((ids) =>
    fc.tuple(
      fc.constantFrom<JsonObject>(
        { schedule_id: 0, schedule_name: '休息', time_section: [] },
        { schedule_id: 0, schedule_name: '休息' },
      ),
      ...ids.map((scheduleId, index) =>
        withUnknownFields(
          fc
            .tuple(
              dayLayout.chain((layout) => sections(layout, 1 + index * 4)),
              flex(true),
              recordOf({ limit_aheadtime: legacyAhead, limit_offtime: fc.constantFrom(0, 3_600, 14_400) }, []),
            )
            .map(([timeSection, flexible, legacy]) => ({
              schedule_id: scheduleId,
              // Unique in the rule (L496, L717) and ≤ 40 characters (L718); the rule's name keeps it unique in
              // the tenant too, as Feishu's shift names are.
              schedule_name: `${name}·班${index + 1}`.slice(0, 40),
              time_section: timeSection,
              ...flexible,
              ...legacy,
            })),
        ),
      ),
    ),
  );
}

/** 00:00 China time, `days` days after `nowSeconds`'s day. */
function futureMidnight(nowSeconds: number, days: number): number {
  return dayStart(nowSeconds) + days * DAY_SECONDS;
}

/**
 * Special days (L435-459; B4's read example: `{timestamp, notes, checkintime}`, no type/begtime/endtime):
 * future dates ("仅允许设置未来日期", L696), distinct (L699 "不可有交集"), notes non-empty ≤ 40 bytes (L439, L721).
 * Special workdays (fixed rules only, L435, L719) carry their times without the punch windows (L723).
 */
function specialDays(context: WecomRuleContext, grouptype: WecomGrouptype): fc.Arbitrary<JsonObject> {
  const day = fc.uniqueArray(fc.integer({ min: 3, max: 60 }), { minLength: 0, maxLength: 3 });
  return day.chain((offsets) => {
    const [work, ...off] = offsets;
    const offdays = off.map((offset) =>
      recordOf(
        {
          timestamp: fc.constant(futureMidnight(context.nowSeconds, offset)),
          notes: label('调休', 12),
          type: fc.constant(0),
        },
        ['timestamp', 'notes'],
      ),
    );
    const workday =
      grouptype === 1 && work !== undefined
        ? [
            fc.tuple(label('补班', 12), dayLayout, fc.boolean()).map(([notes, layout, typed]) => ({
              timestamp: futureMidnight(context.nowSeconds, work),
              notes,
              ...(typed ? { type: 0 } : {}),
              checkintime: layout.map(({ work: on, off: offTime }, index) => ({
                time_id: 50 + index,
                work_sec: on,
                off_work_sec: offTime,
                remind_work_sec: on,
                remind_off_work_sec: offTime,
              })),
            })),
          ]
        : [];
    return fc
      .tuple(fc.tuple(...workday), fc.tuple(...offdays), fc.boolean(), fc.boolean())
      .map(([workdays, offdaysList, showWork, showOff]) => ({
        ...(showWork && workdays.length > 0 ? { spe_workdays: workdays } : {}),
        ...(showOff && offdaysList.length > 0 ? { spe_offdays: offdaysList } : {}),
      }));
  });
}

/**
 * Where people may punch: "wifimac_infos与loc_infos不能同时为空" (L463, L469). Wi-Fi names ≤ 40 characters and
 * MACs unique in the rule (L613-614); locations with lat/lng × 1e6 (GCJ-02, L470-471; here inside mainland
 * China), title and detail ≤ 40 characters (L629) and a distance from the documented list (L627).
 */
const places: fc.Arbitrary<JsonObject> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(label('WiFi-', 20), macAddress), { maxLength: 2, selector: ([, mac]) => mac }),
    fc.array(
      withUnknownFields(
        fc.record(
          {
            lat: fc.integer({ min: 22_000_000, max: 40_000_000 }),
            lng: fc.integer({ min: 103_000_000, max: 122_000_000 }),
            loc_title: label('门店', 20),
            loc_detail: label('路', 30),
            distance: fc.constantFrom(100, 200, 300, 500, 1000, 1500, 3000),
          },
          { noNullPrototype: true },
        ),
        1,
      ),
      { maxLength: 2 },
    ),
  )
  .filter(([wifi, locations]) => wifi.length + locations.length > 0)
  .map(([wifi, locations]) => ({
    ...(wifi.length > 0 ? { wifimac_infos: wifi.map(([wifiname, wifimac]) => ({ wifiname, wifimac })) } : {}),
    ...(locations.length > 0 ? { loc_infos: locations } : {}),
  }));

/** One overtime day config (L541-577): allow_ot required; type 否,默认2 on workdays, required on the others (L578-581). */
function otDayConf(typeRequired: boolean): fc.Arbitrary<JsonObject> {
  return withUnknownFields(
    recordOf(
      {
        allow_ot: fc.boolean(),
        type: fc.integer({ min: 0, max: 2 }),
        // ot_time_min < ot_time_max ≤ 720 minutes (L663-664); ot_time_start ≤ 720 minutes (L561).
        checkin: fc
          .tuple(
            secondsIn(0, 2 * HOUR, 30 * MINUTE),
            secondsIn(30 * MINUTE, 2 * HOUR, 30 * MINUTE),
            secondsIn(3 * HOUR, 6 * HOUR, HOUR),
          )
          .map(([start, min, max]) => ({ ot_time_start: start, ot_time_min: min, ot_time_max: max })),
        ot_trans_enable: fc.boolean(),
        ot_trans_type: fc.constantFrom(1, 2),
        // trans_ratio ≤ 3000 (L575-576, L667).
        vacation: recordOf({ trans_ratio: fc.integer({ min: 1, max: 3_000 }), sync_vacation: fc.boolean() }, []),
      },
      typeRequired ? ['allow_ot', 'type'] : ['allow_ot'],
    ),
    1,
  );
}

/** ot_info_v2 (L540-581): "特定类型必填" on write; whether reads echo it is UNCONFIRMED (B4), so optional here. */
const otInfoV2: fc.Arbitrary<JsonObject> = fc
  .tuple(otDayConf(false), otDayConf(true), otDayConf(true))
  .map(([workdayconf, restdayconf, holidayconf]) => ({ workdayconf, restdayconf, holidayconf }));

/** 补卡 (L486-489): its limits only with allow_apply_offworkday true ("需要开启允许补卡", L687). */
const remedy: fc.Arbitrary<JsonObject> = fc.oneof(
  recordOf({ allow_apply_offworkday: fc.constant(false) }, []),
  recordOf(
    {
      allow_apply_offworkday: fc.constant(true),
      allow_apply_bk_cnt: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 99 })), // L680
      allow_apply_bk_day_limit: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 180 })), // L488, L711
      buka_limit_next_month: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 28 })), // L679
      // L583-587 and L596-597: this month → days 15–30, next month → days 1–26; only with open_remind (L688).
      buka_remind: fc.oneof(
        fc
          .integer({ min: 15, max: 30 })
          .map((day) => ({ open_remind: true, buka_remind_month: 0, buka_remind_day: day })),
        fc
          .integer({ min: 1, max: 26 })
          .map((day) => ({ open_remind: true, buka_remind_month: 1, buka_remind_day: day })),
        fc.constant({ open_remind: false }),
      ),
    },
    ['allow_apply_offworkday'],
  ),
);

/** Face checks (L537-538): live detection only on top of face detection (L689). */
const faceChecks: fc.Arbitrary<JsonObject> = fc.constantFrom(
  {},
  { use_face_detect: false },
  { use_face_detect: true },
  { use_face_detect: true, open_face_live_detect: true },
  { use_face_detect: false, open_face_live_detect: false },
);

/** The settings every rule type has, each "否" with a default or blank in the table, so each may be absent. */
const commonSettings: fc.Arbitrary<JsonObject> = recordOf(
  {
    sync_holidays: fc.boolean(), // L460 否,默认为true
    need_photo: fc.boolean(), // L461 否,默认为false
    note_can_use_local_pic: fc.boolean(), // L466 否,默认为true
    // L480-481: 0 phone, 2 machine, 3 both; the error table (L617) says 0/1/3: only the values both allow.
    type: fc.constantFrom(0, 3),
    option_out_range: fc.integer({ min: 0, max: 2 }), // L490-491, L706
    sync_out_checkin: fc.boolean(), // L582 否,默认false
    buka_restriction: fc.integer({ min: 0, max: 15 }), // L588: four bits
    ot_info_v2: otInfoV2,
  },
  [],
);

function range(context: WecomRuleContext): fc.Arbitrary<JsonObject> {
  const parties = context.partyIds ?? [];
  return fc
    .tuple(subsetOf(context.userids), parties.length > 0 ? fc.subarray([...parties]) : fc.constant([]), fc.boolean())
    .map(([userid, partyId, showEmpty]) => ({
      userid,
      // range.party_id (L476): an empty list is sometimes left out, as a sparse read may.
      ...(partyId.length > 0 || showEmpty ? { party_id: partyId } : {}),
    }));
}

/** Settings only free rules have (L535, L589-590; error table L723, L729-732). */
const freeSettings: fc.Arbitrary<JsonObject> = recordOf(
  {
    offwork_interval_time: secondsIn(5 * MINUTE, 1435 * MINUTE, 5 * MINUTE),
    span_day_time: secondsIn(0, 6 * HOUR, 30 * MINUTE),
    standard_work_duration: fc.oneof(fc.constant(-1), secondsIn(HOUR, 24 * HOUR, 30 * MINUTE)),
  },
  [],
);

/**
 * A WeCom checkin rule of `grouptype` as getcorpcheckinoption may answer it (B4), minus the read-only
 * `groupid` (the emulator assigns it) and create_time/create_userid/update_userid (the emulator adds them).
 * Required: grouptype, groupname (L395-396, "所有类型"), range (L475) and what the type needs — checkindate
 * with checkintime for fixed rules (L397, L401), schedulelist for by-shift rules (L492), checkindate.workdays
 * for free rules (L398 "固定时间上下班 / 自由签到"). Everything else may be absent; unknown fields at the top,
 * in checkindate entries, sections, schedules, locations and overtime configs.
 */
export function wecomCheckinRule(grouptype: WecomGrouptype, context: WecomRuleContext): fc.Arbitrary<JsonObject> {
  const byType: fc.Arbitrary<JsonObject> =
    grouptype === 1
      ? fc.tuple(fixedCheckindate, fc.option(fc.boolean(), { nil: undefined })).map(([checkindate, offworkday]) => ({
          checkindate,
          ...(offworkday === undefined ? {} : { allow_checkin_offworkday: offworkday }), // L467, fixed only
        }))
      : grouptype === 2
        ? schedulelist(context.name).map((list) => ({ schedulelist: list }))
        : fc
            .tuple(subsetOf([1, 2, 3, 4, 5, 6, 0]), freeSettings)
            .map(([workdays, settings]) => ({ checkindate: [{ workdays }], ...settings }));
  const white = context.whiteUserids ?? [];
  const reporters = fc.subarray([...context.userids], { maxLength: 2 });
  return withUnknownFields(
    fc
      .record(
        {
          byType,
          range: range(context),
          places,
          specials: specialDays(context, grouptype),
          common: commonSettings,
          remedy,
          face: faceChecks,
          white: white.length > 0 ? fc.subarray([...white], { minLength: 1 }) : fc.constant([]),
          reporters,
        },
        { noNullPrototype: true },
      )
      .map(
        ({
          byType: typed,
          range: people,
          places: where,
          specials,
          common,
          remedy: bk,
          face,
          white: whitelist,
          reporters: to,
        }) => ({
          grouptype,
          groupname: context.name,
          ...typed,
          range: people,
          ...where,
          ...specials,
          ...common,
          ...bk,
          ...face,
          ...(whitelist.length > 0 ? { white_users: whitelist } : {}),
          // L482-485: reporters name a vid (userid) or a tag (L685).
          ...(to.length > 0 ? { reporterinfo: { reporters: to.map((userid) => ({ userid })) } } : {}),
        }),
      ),
    3,
  );
}

// ---- punches (getcheckindata, B6) --------------------------------------------------------------------------

export interface WecomPunchContext {
  /** Whose punches (userid). */
  readonly userids: readonly string[];
  /** Unix seconds, [from, to): the punch times. */
  readonly from: number;
  readonly to: number;
  /** The rules the rows may name (groupid and groupname, B6); a made-up one when absent. */
  readonly groups?: readonly { readonly groupid: number; readonly groupname: string }[];
  /**
   * Whether 未打卡 rows may be made: WeCom's report of a missed punch, not a punch (B6, third-party observation,
   * UNCONFIRMED officially). Default false.
   */
  readonly missedRows?: boolean;
}

/** B6 exception_type values; several joined with ";", "" if normal. */
const EXCEPTIONS = ['时间异常', '地点异常', 'wifi异常', '非常用设备'] as const;

/**
 * One getcheckindata row (B6). Every field of B6's table is there except lat/lng, which "appear only on the
 * outing record" in the doc example: an outing's may be there or not, other rows have none. Unknown fields
 * at the top.
 */
export function wecomCheckinRow(context: WecomPunchContext): fc.Arbitrary<JsonObject> {
  const groups = context.groups?.length ? context.groups : [{ groupid: 4242, groupname: '变体规则' }];
  const exceptions = context.missedRows ? [...EXCEPTIONS, '未打卡'] : [...EXCEPTIONS];
  const wifi = fc.oneof(
    fc.constant({ wifiname: '', wifimac: '' }),
    fc.tuple(label('WiFi-', 20), macAddress).map(([wifiname, wifimac]) => ({ wifiname, wifimac })),
  );
  const position = fc.record(
    { lat: fc.integer({ min: 22_000_000, max: 40_000_000 }), lng: fc.integer({ min: 103_000_000, max: 122_000_000 }) },
    { noNullPrototype: true },
  );
  return withUnknownFields(
    fc
      .record(
        {
          userid: fc.constantFrom(...context.userids),
          group: fc.constantFrom(...groups),
          checkin_type: fc.constantFrom('上班打卡', '下班打卡', '外出打卡'),
          exception_type: fc.subarray(exceptions, { maxLength: 2 }).map((parts) => parts.join(';')),
          checkin_time: fc.integer({ min: context.from, max: context.to - 1 }),
          location_title: fc.oneof(fc.constant(''), label('门店', 20)),
          location_detail: fc.oneof(fc.constant(''), label('路', 30)),
          wifi,
          notes: fc.oneof(fc.constant(''), label('备注', 20)),
          mediaids: fc.oneof(
            fc.constant([]),
            label('MEDIA', 24).map((id) => [id]),
          ),
          deviceid: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-f]{16}$/)),
          timeline_id: fc.integer({ min: 0, max: 3 }),
          schedule_id: fc.integer({ min: 0, max: 99 }),
          position: fc.option(position, { nil: undefined }),
        },
        { noNullPrototype: true },
      )
      .map(({ group, wifi: network, position: where, ...row }) => ({
        userid: row.userid,
        groupname: group.groupname,
        checkin_type: row.checkin_type,
        exception_type: row.exception_type,
        checkin_time: row.checkin_time,
        location_title: row.location_title,
        location_detail: row.location_detail,
        ...network,
        notes: row.notes,
        mediaids: row.mediaids,
        ...(row.checkin_type === '外出打卡' && where !== undefined ? where : {}),
        deviceid: row.deviceid,
        // The standard time the punch is matched to (B6): the hour of the punch, as a rule's times are.
        sch_checkin_time: row.checkin_time - (row.checkin_time % HOUR),
        groupid: group.groupid,
        schedule_id: row.schedule_id,
        timeline_id: row.timeline_id,
      })),
    2,
  );
}

/** The id the gateway gives a punch row: `userid@checkin_time` (the user and second identify it). */
export function wecomPunchId(row: JsonObject): string {
  return `${String(row['userid'])}@${String(row['checkin_time'])}`;
}

/** `count` rows with distinct ids (a second row of the same person and second is one punch to WeCom). */
export function wecomCheckinRows(context: WecomPunchContext, count: number): fc.Arbitrary<JsonObject[]> {
  return fc.uniqueArray(wecomCheckinRow(context), { minLength: count, maxLength: count, selector: wecomPunchId });
}

// ---- monthly schedules (getcheckinschedulist, B8) ----------------------------------------------------------

/** A schedule of the rule, as getcheckinschedulist shows it in schedule_info (B8). */
export interface WecomScheduleRef {
  readonly schedule_id: number;
  readonly schedule_name: string;
  /** The rule's time sections of the schedule (rule shape: time_id …); shown here with `id` (B8 ⚠). */
  readonly time_section?: readonly JsonObject[];
}

export interface WecomScheduleContext {
  readonly groupid: number;
  readonly groupname: string;
  readonly userids: readonly string[];
  /** The rule's schedules, the rest schedule 0 among them or not (it is added). */
  readonly schedules: readonly WecomScheduleRef[];
  /** The days that may be scheduled, YYYY-MM-DD (China time). */
  readonly days: readonly string[];
}

const REST: WecomScheduleRef = { schedule_id: 0, schedule_name: '休息', time_section: [] };

/** schedule_info of a day (B8): a section's id is `id` here, `time_id` in rules (B8 ⚠); rest = id 0 "休息". */
function scheduleInfo(schedule: WecomScheduleRef): JsonObject {
  return {
    schedule_id: schedule.schedule_id,
    schedule_name: schedule.schedule_name,
    time_section: (schedule.time_section ?? []).map((part) => ({
      id: part['time_id'],
      work_sec: part['work_sec'],
      off_work_sec: part['off_work_sec'],
      remind_work_sec: part['remind_work_sec'],
      remind_off_work_sec: part['remind_off_work_sec'],
    })),
  };
}

/**
 * getcheckinschedulist entries (B8), one per person and month (`userid@yearmonth`), each listing 1+ of the
 * context's days in order with a schedule of the rule (rest included). Unknown fields at the entry and the
 * schedule_info level. Note: the WeCom emulator builds these entries from its state (checkin-schedule.handler),
 * so it serves the days and schedule ids planted, not the unknown fields.
 */
export function wecomScheduleEntries(context: WecomScheduleContext): fc.Arbitrary<JsonObject[]> {
  const schedules = context.schedules.some((schedule) => schedule.schedule_id === 0)
    ? context.schedules
    : [REST, ...context.schedules];
  const days = [...context.days].sort();
  return fc
    .tuple(
      ...context.userids.map((userid) =>
        fc
          .tuple(
            subsetOf(days),
            fc.array(fc.constantFrom(...schedules), { minLength: days.length, maxLength: days.length }),
          )
          .map(([chosen, picks]) => ({
            userid,
            days: chosen.map((day) => ({ day, schedule: picks[days.indexOf(day)]! })),
          })),
      ),
    )
    .chain((people) => {
      const entries: fc.Arbitrary<JsonObject>[] = [];
      for (const person of people) {
        const byMonth = new Map<number, { day: number; schedule: WecomScheduleRef }[]>();
        for (const { day, schedule } of person.days) {
          const [year, month, date] = day.split('-').map(Number) as [number, number, number];
          const yearmonth = year * 100 + month;
          byMonth.set(yearmonth, [...(byMonth.get(yearmonth) ?? []), { day: date, schedule }]);
        }
        for (const [yearmonth, list] of byMonth) {
          entries.push(
            withUnknownFields(
              fc
                .tuple(...list.map(({ schedule }) => withUnknownFields(fc.constant(scheduleInfo(schedule)), 1)))
                .map((infos) => ({
                  userid: person.userid,
                  yearmonth,
                  groupid: context.groupid,
                  groupname: context.groupname,
                  // `scheduleList` is camelCase inside a snake_case payload (B8 ⚠).
                  schedule: { scheduleList: list.map(({ day }, index) => ({ day, schedule_info: infos[index] })) },
                })),
              2,
            ),
          );
        }
      }
      return fc.tuple(...entries);
    });
}

/** The id the gateway gives a monthly schedule: `userid@yearmonth`. */
export function wecomScheduleId(entry: JsonObject): string {
  return `${String(entry['userid'])}@${String(entry['yearmonth'])}`;
}
