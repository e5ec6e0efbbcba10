import fc from 'fast-check';

// What the variance generators share: a JSON object type, the RNG `mangle` takes, fast-check records whose
// optional fields may be left out, and fields our vendor docs do not know (added at several depths, as a
// vendor adds fields to its answers before its docs say so — issue #16). All data made here is OURS: synthetic
// records shaped after the vendor docs in /vendor-docs, never copied from a tenant.

export type JsonObject = Record<string, unknown>;

/** A uniform source in [0, 1); SeededRandom (common/seeded-random.ts) is one. */
export interface Rng {
  next(): number;
}

/** One element of `values`, drawn with `rng`. */
export function pick<T>(rng: Rng, values: readonly T[]): T {
  const value = values[Math.floor(rng.next() * values.length)];
  if (value === undefined) throw new Error('pick: nothing to pick from');
  return value;
}

/**
 * A fast-check record whose keys outside `required` may be absent (never `undefined`: an absent key, as JSON
 * has it). Plain prototypes, so the records compare and clone like parsed JSON.
 */
export function recordOf(
  model: Readonly<Record<string, fc.Arbitrary<unknown>>>,
  required: readonly string[],
): fc.Arbitrary<JsonObject> {
  return fc.record(model, { requiredKeys: [...required], noNullPrototype: true });
}

/**
 * Every field name the docs in /vendor-docs give, at any depth, for both vendors — including the legacy read
 * fields of REFERENCE B4/B5 and the names feishu-user-flows.md uses. A generated "unknown" field is never one
 * of these, so the gateway's read schemas (which type every documented field) never see a random value in a
 * documented place: an unknown field must be ignored, never mistaken for a broken known one.
 */
const DOCUMENTED_FIELDS: ReadonlySet<string> = new Set(
  `
  groupid grouptype groupname checkindate workdays checkintime time_id work_sec off_work_sec remind_work_sec
  remind_off_work_sec allow_rest rest_begin_time rest_end_time earliest_work_sec latest_work_sec
  earliest_off_work_sec latest_off_work_sec no_need_checkon no_need_checkoff flex_time allow_flex
  flex_on_duty_time flex_off_duty_time max_allow_arrive_early max_allow_arrive_late late_rule offwork_after_time
  onwork_flex_time allow_offwork_after_time timerules spe_workdays spe_offdays timestamp notes type begtime endtime
  sync_holidays need_photo wifimac_infos wifiname wifimac note_can_use_local_pic allow_checkin_offworkday loc_infos
  lat lng loc_title loc_detail distance range party_id partyid userid tagid white_users reporterinfo reporters
  updatetime allow_apply_offworkday allow_apply_bk_cnt allow_apply_bk_day_limit buka_limit_next_month
  option_out_range schedulelist schedule_id schedule_name time_section offwork_interval_time use_face_detect
  open_face_live_detect ot_info_v2 workdayconf restdayconf holidayconf allow_ot apply restinfo fix_time_rule_list
  fix_time_begin_sec fix_time_end_sec cal_ottime_rule items ot_time rest_time checkin ot_time_start ot_time_min
  ot_time_max applycheckin ot_trans_enable ot_trans_type vacation trans_ratio sync_vacation sync_out_checkin
  buka_remind open_remind buka_remind_day buka_remind_month buka_restriction span_day_time standard_work_duration
  noneed_offwork limit_aheadtime limit_offtime ot_info create_time create_userid update_userid open_sp_checkin
  effective_now clear_field
  groupname checkin_type exception_type checkin_time location_title location_detail mediaids deviceid
  sch_checkin_time timeline_id device_type device_detail records opencheckindatatype starttime useridlist
  yearmonth schedule scheduleList day schedule_info id schedule_list
  user_id creator_id location_name check_time comment record_id longitude latitude ssid bssid is_field is_wifi
  photo_urls device_id check_result external_id idempotent_id flow_records user_flows punch_time punch_type
  user_flow_id user_flow_ids punch_result user_name group_id shift_id month day_no is_clear_schedule
  user_daily_shifts employee_type operator_id
  `
    .split(/\s+/)
    .filter((name) => name !== ''),
);

const word = fc.stringMatching(/^[a-z]{3,8}$/);

/** A field name our docs do not know: two lower-case words joined by "_" (`punch_risk_control`-like). */
export const unknownFieldName: fc.Arbitrary<string> = fc
  .tuple(word, word)
  .map(([first, second]) => `${first}_${second}`)
  .filter((name) => !DOCUMENTED_FIELDS.has(name));

/** What an unknown field may hold: any JSON, kept small. */
export const unknownFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
  fc
    .uniqueArray(fc.tuple(word, fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 99 }))), {
      maxLength: 2,
      selector: ([key]) => key,
    })
    .map((entries) => Object.fromEntries(entries)),
);

/**
 * The records of `arbitrary` with 0–`max` fields our docs do not know added (issue #16: "a rule carrying fields
 * our docs do not know"; REFERENCE B4 already shows `open_sp_checkin` in a 2024 answer). A documented key of
 * the record always wins over an added one.
 */
export function withUnknownFields<T extends JsonObject>(arbitrary: fc.Arbitrary<T>, max = 2): fc.Arbitrary<T> {
  const extras = fc.uniqueArray(fc.tuple(unknownFieldName, unknownFieldValue), {
    maxLength: max,
    selector: ([key]) => key,
  });
  return fc.tuple(arbitrary, extras).map(([record, added]) => {
    const out: JsonObject = { ...record };
    for (const [key, value] of added) if (!(key in out)) out[key] = value;
    return out as T;
  });
}

/** Whole minutes from `min` to `max` seconds, in steps of `step` seconds (the docs' "整分钟", 60 multiples). */
export function secondsIn(min: number, max: number, step = 60): fc.Arbitrary<number> {
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step);
}

/** A short Chinese-and-ASCII label (names, titles, notes) of 1–`maxLength` characters. */
export function label(prefix: string, maxLength = 12): fc.Arbitrary<string> {
  return fc
    .stringMatching(/^[A-Za-z0-9一二三四五六七八九十东南西北楼层号区门店厂部]{1,12}$/)
    .map((text) => `${prefix}${text}`.slice(0, maxLength));
}

/** A MAC address shaped as add_checkin_record wants it (REFERENCE B7: `^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$`). */
export const macAddress: fc.Arbitrary<string> = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':'));

/** A non-empty ordered subset of `values`. */
export function subsetOf<T>(values: readonly T[], minLength = 1): fc.Arbitrary<T[]> {
  return fc
    .subarray([...values], { minLength: Math.min(minLength, values.length) })
    .map((chosen) => values.filter((value) => chosen.includes(value)));
}
