/*
 * Rich, valid vendor inputs for the field-coverage harness: every field of the wire models set, to a value
 * that is not its default where that matters. Built from the doc examples (test/fixtures/vendor-examples) with
 * their placeholders replaced by valid values ("xxx" shift ids, prose calendar ids) and the rule made
 * consistent (segments, windows and breaks that fit, special days in the future). Each is a function, so a
 * caller can never change another's copy.
 */

export const FEISHU_GROUP_ID = '6919358128597097404';
export const SHIFT_DAY = '6919668827865513935';
export const SHIFT_EARLY = '6919668827865513936';
/** Unix seconds before every special day below (2029-06-01). */
export const NOW_UNIX_SECONDS = 1_874_966_400;

const leaveCfg = () => ({
  late_minutes_as_late: 5,
  late_minutes_as_lack: 30,
  early_minutes_as_early: 5,
  early_minutes_as_lack: 30,
  not_during_shift: true,
});

const memberScope = (scopeValueType: number, ids: string[]) => ({
  rule_scope_type: 2,
  scope_group_list: {
    scope_value_type: scopeValueType,
    operation_type: 1,
    right: [{ key: 'CH', name: '中国大陆' }],
    member_ids: ids,
    custom_field_ID: '123213123',
    custom_field_obj_type: 'employment',
  },
});

/** GET /groups/:group_id data of a fixed group (group_type 0) with every field set. */
export function feishuFixedGroup(): Record<string, unknown> {
  return {
    group_id: FEISHU_GROUP_ID,
    group_name: '开心考勤',
    time_zone: 'Asia/Shanghai',
    bind_dept_ids: ['od-fcb45c28a45311afd440b7869541fce8'],
    except_dept_ids: ['od-fcb45c28a45311afd440b7869541fce9'],
    bind_user_ids: ['52aa1fa1'],
    except_user_ids: ['4fasdtc2'],
    group_leader_ids: ['52aa1fa1'],
    sub_group_leader_ids: ['4fasdtc2'],
    allow_out_punch: true,
    out_punch_need_approval: true,
    out_punch_need_post_approval: true,
    out_punch_need_remark: true,
    out_punch_need_photo: true,
    out_punch_allowed_hide_addr: true,
    out_punch_allowed_adjust_addr: true,
    adjust_range: 50,
    allow_pc_punch: true,
    allow_remedy: true,
    remedy_limit: true,
    remedy_limit_count: 3,
    remedy_date_limit: true,
    remedy_date_num: 3,
    allow_remedy_type_lack: true,
    allow_remedy_type_late: true,
    allow_remedy_type_early: false,
    allow_remedy_type_normal: false,
    show_cumulative_time: true,
    show_over_time: false,
    hide_staff_punch_time: true,
    hide_clock_in_rule: true,
    face_punch: true,
    face_punch_cfg: 1,
    face_live_need_action: true,
    face_downgrade: true,
    replace_basic_pic: true,
    anti_cheat_punch_config: {
      intercept_suspected_cheat_punch: true,
      check_cheat_software_punch: true,
      check_buddy_punch: true,
      check_simulate_wifi_punch: true,
      check_change_device_punch: true,
      allow_change_device_num: 1,
      suspected_cheat_handle_method: 1,
    },
    machines: [{ machine_sn: 'FS0701', machine_name: '创实 9 楼' }],
    gps_range: 300,
    locations: [
      {
        location_id: '6921213751454744578',
        location_name: '西溪八方城',
        location_type: 1,
        latitude: 30.28994,
        longitude: 120.04509,
        map_type: 1,
        address: '浙江省杭州市余杭区五常街道木桥头西溪八方城',
        gps_range: 300,
      },
      {
        location_id: '6921213751454744579',
        location_name: 'TP-Link-af12ca',
        location_type: 2,
        ssid: 'TP-Link-af12ca',
        bssid: '08:00:20:0A:8C:6D',
      },
      {
        location_id: '6921213751454744580',
        location_name: '办公网',
        location_type: 8,
        ip: '122.224.123.146',
        feature: '中国电信',
      },
    ],
    group_type: 0,
    punch_day_shift_ids: [SHIFT_DAY, SHIFT_DAY, SHIFT_DAY, SHIFT_DAY, SHIFT_DAY, SHIFT_EARLY, '0'],
    calendar_id: 1,
    need_punch_special_days: [{ punch_day: 20300105, shift_id: SHIFT_DAY }],
    no_need_punch_special_days: [{ punch_day: 20300101, shift_id: '0' }],
    work_day_no_punch_as_lack: true,
    effect_now: true,
    remedy_period_type: 1,
    remedy_period_custom_date: 1,
    punch_type: 11,
    effect_time: '1611476284',
    fixshift_effect_time: '1611476284',
    member_effect_time: '1611476284',
    rest_clockIn_need_approval: true,
    clockIn_need_photo: true,
    member_status_change: {
      onboarding_on_no_need_punch: true,
      onboarding_off_no_need_punch: true,
      offboarding_on_no_need_punch: true,
      offboarding_off_no_need_punch: true,
    },
    leave_need_punch: true,
    leave_need_punch_cfg: leaveCfg(),
    go_out_need_punch: 1,
    go_out_need_punch_cfg: leaveCfg(),
    travel_need_punch: 1,
    travel_need_punch_cfg: leaveCfg(),
    need_punch_members: [memberScope(2, ['ec8ddg56'])],
    no_need_punch_members: [memberScope(2, ['dd31248b'])],
    save_auto_changes: true,
    org_change_auto_adjust: true,
    bind_default_dept_ids: ['od-fcb45c28a45311afd440b7869541fcea'],
    bind_default_user_ids: ['dd31248a'],
    overtime_clock_cfg: { allow_punch_approval: true, need_clock_over_time_start_and_end: true },
    new_calendar_id: '7302191700771358252',
    allow_apply_punch: true,
    clock_in_abnormal_settings: { ignore_until_latest_clockout: true },
    free_punch_cfg: {
      free_start_time: '',
      free_end_time: '',
      punch_day: 1111100,
      work_day_no_punch_as_lack: false,
      work_hours_demand: false,
      work_hours: 0,
      free_clock_setting: {},
    },
  };
}

/** A shift-based (排班) group: no week. */
export function feishuShiftBasedGroup(): Record<string, unknown> {
  return { ...feishuFixedGroup(), group_type: 2, punch_day_shift_ids: [], need_punch_special_days: [] };
}

/** A free group with its free-punch configuration. */
export function feishuFreeGroup(): Record<string, unknown> {
  return {
    ...feishuFixedGroup(),
    group_type: 3,
    punch_day_shift_ids: [],
    need_punch_special_days: [],
    work_day_no_punch_as_lack: false,
    free_punch_cfg: {
      free_start_time: '5:00',
      free_end_time: '28:59',
      punch_day: 1111100,
      work_day_no_punch_as_lack: false,
      work_hours_demand: true,
      work_hours: 480,
      free_clock_setting: {},
    },
  };
}

/**
 * GET /shifts/:shift_id data with every field set but overtime_rule (any overtime period would make canonical
 * overtime allowed on the shift's kind of day; the spec sets one where it checks it): 9:00–18:00, a break,
 * flexible hours.
 */
export function feishuDayShift(): Record<string, unknown> {
  return {
    shift_id: SHIFT_DAY,
    id: SHIFT_DAY,
    shift_name: '早班',
    punch_times: 1,
    sub_shift_leader_ids: ['4fasdtc2'],
    is_flexible: true,
    flexible_minutes: 20,
    flexible_rule: [{ flexible_early_minutes: 30, flexible_late_minutes: 30 }],
    no_need_off: false,
    punch_time_rule: [
      {
        on_time: '9:00',
        off_time: '18:00',
        late_minutes_as_late: 5,
        late_minutes_as_lack: 60,
        on_advance_minutes: 60,
        early_minutes_as_early: 5,
        early_minutes_as_lack: 60,
        off_delay_minutes: 120,
        late_minutes_as_serious_late: 30,
        no_need_on: true,
        no_need_off: true,
      },
    ],
    late_off_late_on_rule: [{ late_off_minutes: 60, late_on_minutes: 30 }],
    rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
    day_type: 1,
    overtime_rest_time_rule: [{ rest_begin_time: '20:00', rest_end_time: '20:15' }],
    late_minutes_as_serious_late: 40,
    shift_middle_time_rule: { middle_time_type: 3, fixed_middle_time: '12:30' },
    shift_attendance_time_config: { attendance_time: 1, on_attendance_time: 1, off_attendance_time: 1 },
    late_off_late_on_setting: { late_off_base_on_time_type: 1, late_on_base_on_time_type: 1 },
    rest_time_flexible_configs: [{ need_flexible: true, late_mins: 10 }],
  };
}

/** A plain 8:00–17:00 shift (Saturdays, and the alternative for special days). */
export function feishuEarlyShift(): Record<string, unknown> {
  return {
    shift_id: SHIFT_EARLY,
    shift_name: '早早班',
    punch_times: 1,
    punch_time_rule: [
      {
        on_time: '8:00',
        off_time: '17:00',
        late_minutes_as_late: 0,
        late_minutes_as_lack: 30,
        on_advance_minutes: 30,
        early_minutes_as_early: 0,
        early_minutes_as_lack: 30,
        off_delay_minutes: 30,
      },
    ],
  };
}

// ---- WeCom -------------------------------------------------------------------------------------------------------

const restinfo = () => ({
  type: 1,
  fix_time_rule_list: [{ fix_time_begin_sec: 43200, fix_time_end_sec: 46800 }],
  cal_ottime_rule: { items: [{ ot_time: 10800, rest_time: 1800 }] },
});

const otDay = () => ({
  allow_ot: false,
  type: 1,
  apply: { restinfo: restinfo() },
  checkin: { ot_time_start: 1800, ot_time_min: 1800, ot_time_max: 14400, restinfo: restinfo() },
  applycheckin: { restinfo: restinfo() },
  ot_trans_enable: true,
  ot_trans_type: 1,
  vacation: { trans_ratio: 100, sync_vacation: true },
});

/** A section 9:00–12:00 or 13:00–18:00 with its full window. */
function wecomSection(timeId: number, on: number, off: number, rest?: [number, number]): Record<string, unknown> {
  return {
    time_id: timeId,
    work_sec: on,
    off_work_sec: off,
    remind_work_sec: on - 600,
    remind_off_work_sec: off,
    earliest_work_sec: on - 1800,
    latest_work_sec: on + 1800,
    earliest_off_work_sec: off - 1800,
    latest_off_work_sec: off + 1800,
    allow_rest: rest !== undefined,
    ...(rest ? { rest_begin_time: rest[0], rest_end_time: rest[1] } : {}),
    no_need_checkon: false,
    no_need_checkoff: false,
  };
}

const flex = () => ({
  allow_flex: true,
  flex_on_duty_time: 300,
  flex_off_duty_time: 300,
  max_allow_arrive_early: 600,
  max_allow_arrive_late: 600,
  late_rule: {
    allow_offwork_after_time: true,
    offwork_after_time: 3600,
    onwork_flex_time: 1800,
    timerules: [{ offwork_after_time: 7200, onwork_flex_time: 3600 }],
  },
});

/** One rule of getcorpcheckinoption: a fixed rule with every field set (ot_info_v2, not the legacy ot_info). */
export function wecomFixedRule(): Record<string, unknown> {
  return {
    grouptype: 1,
    groupid: 69,
    groupname: '开心打卡',
    checkindate: [
      {
        workdays: [1, 2, 3, 4, 5],
        checkintime: [wecomSection(1, 32400, 43200), wecomSection(2, 46800, 64800, [54000, 54900])],
        noneed_offwork: false,
        limit_aheadtime: 10800000,
        flex_time: 600000,
        ...flex(),
      },
    ],
    spe_workdays: [
      {
        timestamp: 1893859200,
        notes: '调休上班',
        type: 0,
        begtime: 1893859200,
        endtime: 1894032000,
        checkintime: [wecomSection(3, 32400, 64800, [43200, 46800])],
      },
    ],
    spe_offdays: [
      {
        timestamp: 1893427200,
        notes: '元旦',
        type: 0,
        begtime: 1893427200,
        endtime: 1893513600,
        checkintime: [wecomSection(4, 32400, 64800, [43200, 46800])],
      },
    ],
    sync_holidays: true,
    need_photo: true,
    note_can_use_local_pic: false,
    wifimac_infos: [{ wifiname: 'Tencent-WiFi', wifimac: 'a2:8b:7f:c0:27:4b' }],
    allow_checkin_offworkday: true,
    allow_apply_offworkday: true,
    loc_infos: [{ lat: 30289940, lng: 120045090, loc_title: '西溪八方城', loc_detail: '杭州市余杭区', distance: 300 }],
    range: { party_id: ['2'], userid: ['james'], tagid: [1] },
    white_users: ['paul'],
    type: 0,
    reporterinfo: { reporters: [{ userid: 'james', tagid: 1 }], updatetime: 1606305508 },
    allow_apply_bk_cnt: 3,
    allow_apply_bk_day_limit: 3,
    buka_limit_next_month: 10,
    option_out_range: 1,
    offwork_interval_time: 300,
    use_face_detect: true,
    open_face_live_detect: true,
    ot_info_v2: { workdayconf: otDay(), restdayconf: otDay(), holidayconf: otDay() },
    sync_out_checkin: true,
    buka_remind: { open_remind: true, buka_remind_day: 25, buka_remind_month: 0 },
    buka_restriction: 0,
    span_day_time: 0,
    standard_work_duration: -1,
    create_time: 1606305508,
    create_userid: 'admin',
    update_userid: 'admin',
  };
}

/** The fixed rule with the legacy read-only ot_info instead of ot_info_v2. */
export function wecomLegacyOvertimeRule(): Record<string, unknown> {
  const legacyRestinfo = () => ({
    type: 1,
    fix_time_rule: { fix_time_begin_sec: 43200, fix_time_end_sec: 46800 },
    cal_ottime_rule: { items: [{ ot_time: 10800, rest_time: 1800 }] },
  });
  const check = () => ({
    ot_workingday_time_start: 1800,
    ot_workingday_time_min: 1800,
    ot_workingday_time_max: 14400,
    ot_nonworkingday_time_min: 1800,
    ot_nonworkingday_time_max: 14400,
    ot_nonworkingday_spanday_time: 0,
    ot_workingday_restinfo: legacyRestinfo(),
    ot_nonworkingday_restinfo: legacyRestinfo(),
  });
  const { ot_info_v2: _v2, ...rest } = wecomFixedRule();
  return {
    ...rest,
    ot_info: {
      type: 1,
      allow_ot_workingday: false,
      allow_ot_nonworkingday: false,
      otcheckinfo: check(),
      uptime: 1606305508,
      otapplyinfo: { ...check(), allow_ot_workingday: false, allow_ot_nonworkingday: false, uptime: 1606305508 },
    },
  };
}

/** A by-shift rule: one working schedule with every field set, and the rest schedule 休息. */
export function wecomShiftBasedRule(): Record<string, unknown> {
  return {
    ...wecomFixedRule(),
    grouptype: 2,
    checkindate: [],
    spe_workdays: [],
    schedulelist: [
      {
        schedule_id: 229,
        schedule_name: '早班',
        time_section: [wecomSection(5, 32400, 43200), wecomSection(6, 46800, 64800, [54000, 54900])],
        limit_aheadtime: 14400000,
        limit_offtime: 14400,
        noneed_offwork: false,
        ...flex(),
      },
      { schedule_id: 0, schedule_name: '休息', time_section: [] },
    ],
  };
}

/** A free rule. */
export function wecomFreeRule(): Record<string, unknown> {
  return {
    ...wecomFixedRule(),
    grouptype: 3,
    checkindate: [{ workdays: [1, 2, 3, 4, 5] }],
    spe_workdays: [],
    span_day_time: 14400,
    standard_work_duration: 28800,
    offwork_interval_time: 300,
  };
}

// ---- punches and rosters ----------------------------------------------------------------------------------------

/** user_flows/query: one flow with every field set. */
export function feishuFlow(): Record<string, unknown> {
  return {
    user_id: 'abd754f7',
    creator_id: 'abd754f7',
    location_name: '西溪八方城',
    check_time: '1711930000',
    comment: '上班打卡',
    record_id: '6709359313699356941',
    longitude: 120.04509,
    latitude: 30.28994,
    ssid: 'TP-Link-af12ca',
    bssid: '08:00:20:0a:8c:6d',
    is_field: false,
    is_wifi: true,
    type: 7,
    photo_urls: ['https://time.clockin.biz/manage/download/document/photo1.png'],
    device_id: '99e0609ee053448596502691a81428654d7ded64c7bd85acd982d26b3636493d',
    check_result: 'Normal',
    external_id: 'record_123',
    idempotent_id: 'record_123',
    create_time: '1711930001',
  };
}

/** getcheckindata: one row with every field set. */
export function wecomCheckinRow(): Record<string, unknown> {
  return {
    userid: 'james',
    groupname: '打卡一组',
    checkin_type: '上班打卡',
    exception_type: '',
    checkin_time: 1711930000,
    location_title: '依澜府',
    location_detail: '四川省成都市武侯区益州大道中段784号附近',
    wifiname: '办公一区',
    wifimac: '3c:46:d8:0c:7a:70',
    notes: '路上堵车，迟到了5分钟',
    mediaids: ['WWCISP_G8PYgRaOVHjXWUWFqchpBqqqUpGj0OyR9z6WTwhnMZGCPHxyviVstiv_2fTG8YOJq8L8zJT2T2OvTebANV-2MQ'],
    lat: 30547645,
    lng: 104063236,
    deviceid: 'E5FA89F6-3926-4972-BE4F-4A7ACF4701E2',
    sch_checkin_time: 1711929600,
    groupid: 1,
    schedule_id: 3,
    timeline_id: 2,
  };
}
