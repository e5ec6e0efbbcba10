import {
  approximated,
  dropped,
  notApplicable,
  sameFate,
  translated,
  under,
  type CoverageTable,
  type FieldFate,
} from '../field-coverage/field-fate.js';

/*
 * Field coverage of the Feishu rule mappers (issue #17): the fate of every field of the Feishu group and shift
 * wire models, as the CURRENT code has it. One line per field; change a line when the mapper changes (the
 * coverage spec says which field disagrees and how). Rendered into docs/field-coverage.md.
 */

const MAPPER_READ = 'feishuToCanonical (libs/translation/src/feishu/feishu-to-canonical.mapper.ts)';
const MAPPER_WRITE = 'canonicalToFeishu (libs/translation/src/feishu/canonical-to-feishu.mapper.ts)';

/** A Feishu-only group setting the writer does not send: an update keeps the group's value. */
const KEPT_ON_UPDATE = notApplicable(
  "Feishu-only setting, not written: an update keeps the group's value (read-modify-write, groupForUpdate); a new group gets Feishu's default",
);

const LEAVE_CFG = [
  'early_minutes_as_early',
  'early_minutes_as_lack',
  'late_minutes_as_lack',
  'late_minutes_as_late',
  'not_during_shift',
] as const;

/** need_punch_members / no_need_punch_members, read: people and departments of "include" scopes only. */
function memberScopes(list: 'need_punch_members' | 'no_need_punch_members'): Record<string, FieldFate> {
  const target =
    list === 'need_punch_members' ? ['members.userIds', 'members.departmentIds'] : 'members.excludedUserIds';
  const note = `used only while the bind_${list === 'need_punch_members' ? '' : 'default_'}* lists are empty (Feishu ignores the scopes otherwise)`;
  const otherScopes = dropped('a member rule by country, employee type, job level, custom field … cannot be carried', {
    lossField: 'scope_group_list',
  });
  return under(`${list}[].`, {
    rule_scope_type: translated(target, { note: `2 = custom scopes; 1 = everyone refuses the group; ${note}` }),
    'scope_group_list.scope_value_type': translated(target, { note: '1 departments, 2 people; other kinds dropped' }),
    'scope_group_list.operation_type': translated(target, { note: '1 include; excluding scopes dropped' }),
    'scope_group_list.member_ids': translated(target, { note }),
    'scope_group_list.right[].key': otherScopes,
    'scope_group_list.right[].name': otherScopes,
    'scope_group_list.custom_field_ID': otherScopes,
    'scope_group_list.custom_field_obj_type': otherScopes,
  });
}

// ---- Feishu group, read (GET /groups/:group_id) ---------------------------------------------------------------

export const FEISHU_GROUP_READ_COVERAGE: CoverageTable = {
  id: 'feishu-group-read',
  section: 'Feishu group',
  direction: 'read',
  wireModel: 'feishuGroupSchema (GET /groups/:group_id)',
  mapper: MAPPER_READ,
  canonicalModel: 'CanonicalRule',
  fields: {
    adjust_range: dropped('微调范围 (how far a field punch may adjust its address), with address adjustment on'),
    allow_apply_punch: dropped('applying for a punch when the location is inaccurate is Feishu-only'),
    allow_out_punch: translated('outOfRange', { note: "true → 'field_punch', else 'forbidden'" }),
    allow_pc_punch: dropped('punching from a PC is Feishu-only (info)'),
    allow_remedy: translated('remedy.allowed'),
    allow_remedy_type_early: translated('remedy.forEarly'),
    allow_remedy_type_lack: translated('remedy.forMissing'),
    allow_remedy_type_late: translated('remedy.forLate'),
    allow_remedy_type_normal: translated('remedy.forNormal', {
      note: '允许正常补卡: re-applying for a punch that was normal; remedy.forOther (WeCom\'s "other exceptions") reads false',
    }),
    ...sameFate(
      [
        'anti_cheat_punch_config.allow_change_device_num',
        'anti_cheat_punch_config.check_buddy_punch',
        'anti_cheat_punch_config.check_change_device_punch',
        'anti_cheat_punch_config.check_cheat_software_punch',
        'anti_cheat_punch_config.check_simulate_wifi_punch',
        'anti_cheat_punch_config.intercept_suspected_cheat_punch',
        'anti_cheat_punch_config.suspected_cheat_handle_method',
      ],
      dropped('anti-cheating checks are Feishu-only (reported when any check is switched on)', {
        lossField: 'anti_cheat_punch_config',
      }),
    ),
    bind_default_dept_ids: dropped('departments whose members need not punch: only individual people can be carried'),
    bind_default_user_ids: translated('members.excludedUserIds'),
    bind_dept_ids: translated('members.departmentIds'),
    bind_user_ids: translated('members.userIds'),
    calendar_id: translated('followsHolidayCalendar', {
      note: '1 China → true; 2–5 (other countries) dropped with a loss',
    }),
    clockIn_need_photo: translated('photoRequired'),
    'clock_in_abnormal_settings.ignore_until_latest_clockout': dropped(
      'ignoring exceptions until the last clock-out is Feishu-only',
      { lossField: 'clock_in_abnormal_settings' },
    ),
    effect_now: notApplicable(
      'request option 是否立即生效 (whether a change applies today), not a setting of the rule',
    ),
    effect_time: notApplicable('read-only timestamp (生效时间)'),
    except_dept_ids: dropped('offline field (该字段已下线) that Feishu ignores (info)'),
    except_user_ids: dropped('offline field (该字段已下线) that Feishu ignores (info)'),
    face_downgrade: dropped('falling back to a photo when face recognition fails is Feishu-only (info)'),
    face_live_need_action: translated('faceLiveness', {
      note:
        "人脸打卡规则, 默认为空: false (开启活体验证) → 'silent', true (动作验证) → 'action' (with face_punch_cfg 1 or unset; " +
        "another face_punch_cfg: 'silent', approximated), absent → 'none'; without face_punch 'none'",
    }),
    face_punch: translated('faceRecognition'),
    face_punch_cfg: approximated(
      'faceRecognition',
      '2 (face only on suspicious punches) is carried as "face on every punch"',
    ),
    fixshift_effect_time: notApplicable('read-only timestamp (固定班次生效时间)'),
    'free_punch_cfg.free_clock_setting': dropped(
      'newer than our doc copy, not interpreted; reported when present (info)',
    ),
    'free_punch_cfg.free_end_time': dropped(
      'only the day start is carried; another end than start + 23:59 is reported (info)',
    ),
    'free_punch_cfg.free_start_time': translated('free.dayStartSec'),
    'free_punch_cfg.punch_day': translated('free.workdays', { note: '7 Monday-first digits, padded' }),
    'free_punch_cfg.work_day_no_punch_as_lack': dropped('a workday without punches counted as missing is not carried'),
    'free_punch_cfg.work_hours': translated('free.requiredWorkSec', { note: 'only with work_hours_demand' }),
    'free_punch_cfg.work_hours_demand': translated('free.requiredWorkSec', {
      note: 'off: the configured hours are not required (info)',
    }),
    go_out_need_punch: dropped('punching while out of office is Feishu-only'),
    ...under(
      'go_out_need_punch_cfg.',
      sameFate(LEAVE_CFG, dropped('part of the out-of-office punch setting', { lossField: 'go_out_need_punch' })),
    ),
    gps_range: translated('gpsLocations[].radiusMeters', {
      note: "a GPS location's radius when it has none of its own",
    }),
    group_id: notApplicable('read-only id: the link store keys the group by it; not rule content'),
    group_leader_ids: dropped('attendance group owners exist only in Feishu (info)'),
    group_name: translated('name'),
    group_type: translated('kind', { note: '0 fixed, 2 排班 shift-based, 3 free (read values)' }),
    hide_clock_in_rule: dropped('a Feishu display option (info)'),
    hide_staff_punch_time: dropped('a Feishu display option (info)'),
    leave_need_punch: dropped('punching around leave is Feishu-only'),
    ...under(
      'leave_need_punch_cfg.',
      sameFate(LEAVE_CFG, dropped('part of the punching-around-leave setting', { lossField: 'leave_need_punch' })),
    ),
    'locations[].address': translated('gpsLocations[].address'),
    'locations[].bssid': translated('wifiLocations[].bssid', {
      note: 'Wi-Fi locations (type 2); an invalid MAC drops the entry with a loss',
    }),
    'locations[].feature': notApplicable('extra information of an IP location (e.g. the carrier); display-only'),
    'locations[].gps_range': translated('gpsLocations[].radiusMeters'),
    'locations[].ip': dropped('IP punching has no counterpart: the IP location is left out', {
      lossField: 'locations',
    }),
    'locations[].latitude': translated('gpsLocations[].latitude'),
    'locations[].location_id': notApplicable('read-only id of the location'),
    'locations[].location_name': translated(['gpsLocations[].name'], {
      note: "also a Wi-Fi's name when it has no ssid",
    }),
    'locations[].location_type': translated(['gpsLocations', 'wifiLocations'], {
      note: '1 GPS, 2 Wi-Fi; 8 IP and others dropped with a loss',
    }),
    'locations[].longitude': translated('gpsLocations[].longitude'),
    'locations[].map_type': approximated(
      ['gpsLocations[].latitude', 'gpsLocations[].longitude'],
      'Feishu names no datum ("地图类型,1:高德, 2:谷歌"). 1 高德 (or absent) is GCJ-02, carried unchanged; 2 Google is ' +
        "read in the datum of the googleMapDatum option: by default 'gcj02' (Google's road map of mainland China is " +
        "GCJ-02; outside China GCJ-02 equals WGS-84), carried unchanged, or 'wgs84', converted to GCJ-02; either way " +
        'one info loss per rule names the assumption. Unknown map types: the location is dropped with a loss',
      { lossField: 'locations.map_type' },
    ),
    'locations[].ssid': translated('wifiLocations[].ssid'),
    'machines[].machine_name': dropped('attendance machines are not carried', { lossField: 'machines' }),
    'machines[].machine_sn': dropped('attendance machines are not carried', { lossField: 'machines' }),
    member_effect_time: notApplicable('read-only timestamp (人员变动生效时间)'),
    ...under(
      'member_status_change.',
      sameFate(
        [
          'offboarding_off_no_need_punch',
          'offboarding_on_no_need_punch',
          'onboarding_off_no_need_punch',
          'onboarding_on_no_need_punch',
        ],
        dropped('no-punch rules for joining and leaving days are Feishu-only', { lossField: 'member_status_change' }),
      ),
    ),
    ...memberScopes('need_punch_members'),
    'need_punch_special_days[].punch_day': translated('specialWorkdays[].date'),
    'need_punch_special_days[].shift_id': translated('specialWorkdays[].shiftKey', {
      note: '"0" (rest) dropped with a loss',
    }),
    new_calendar_id: dropped('a custom holiday calendar is not carried'),
    ...memberScopes('no_need_punch_members'),
    'no_need_punch_special_days[].punch_day': translated('specialOffdays[].date'),
    'no_need_punch_special_days[].shift_id': notApplicable(
      'a no-punch day names no working time: canonical days off carry no shift',
    ),
    org_change_auto_adjust: dropped('adding new hires automatically is a Feishu option (info)'),
    out_punch_allowed_adjust_addr: dropped('a condition on field punches, Feishu-only'),
    out_punch_allowed_hide_addr: dropped('a condition on field punches, Feishu-only'),
    out_punch_need_approval: dropped('a condition on field punches, Feishu-only'),
    out_punch_need_photo: dropped('a condition on field punches, Feishu-only'),
    out_punch_need_post_approval: dropped('a condition on field punches, Feishu-only'),
    out_punch_need_remark: dropped('a condition on field punches, Feishu-only'),
    'overtime_clock_cfg.allow_punch_approval': dropped('overtime punch settings are Feishu-only', {
      lossField: 'overtime_clock_cfg',
    }),
    'overtime_clock_cfg.need_clock_over_time_start_and_end': dropped('overtime punch settings are Feishu-only', {
      lossField: 'overtime_clock_cfg',
    }),
    punch_day_shift_ids: translated('week', { note: 'Monday→Sunday, "0" = rest; fixed groups only' }),
    punch_type: approximated(
      ['gpsLocations', 'wifiLocations'],
      '打卡类型 bit set (1 GPS, 2 Wi-Fi, 4 考勤机, 8 IP): the places of a method switched off are not carried (dropped); ' +
        'machine and IP punching have no WeCom equivalent (dropped); undocumented bits ignored (info); 0 or absent: ' +
        'every place is used (0 with an info loss)',
    ),
    remedy_date_limit: translated('remedy.daysLimit'),
    remedy_date_num: translated('remedy.daysLimit'),
    remedy_limit: translated('remedy.monthlyLimit'),
    remedy_limit_count: translated('remedy.monthlyLimit'),
    remedy_period_custom_date: dropped('the custom period start is told in the remedy_period_type loss', {
      lossField: 'remedy_period_type',
    }),
    remedy_period_type: approximated('remedy.monthlyLimit', '2 (custom period) is carried as a calendar-month limit'),
    replace_basic_pic: dropped('replacing the reference face photo is Feishu-only (info)'),
    rest_clockIn_need_approval: approximated(
      'restDayPunch',
      "休息日打卡需审批: true → 'approval', unset or false → 'allowed'; with it on, Feishu restarts a rest day at 4:00, " +
        'which is not carried (info)',
    ),
    save_auto_changes: dropped('moving people out of conflicting groups is a Feishu option (info)'),
    show_cumulative_time: dropped('a Feishu display option (info)'),
    show_over_time: dropped(
      '是否展示加班时长 (show overtime hours) is a Feishu display option, not an overtime permission (info); overtime ' +
        "comes from the used shifts' overtime_rule / day_type (feishu-shift-read)",
    ),
    sub_group_leader_ids: dropped('attendance group deputies exist only in Feishu (info)'),
    time_zone: translated('timeZone', { note: 'not an IANA zone: the option / Asia/Shanghai, approximated' }),
    travel_need_punch: dropped('punching on business trips is Feishu-only'),
    ...under(
      'travel_need_punch_cfg.',
      sameFate(LEAVE_CFG, dropped('part of the business-trip punch setting', { lossField: 'travel_need_punch' })),
    ),
    work_day_no_punch_as_lack: dropped('a workday without punches counted as missing is Feishu-only'),
  },
};

// ---- Feishu group, write (POST /groups body) -------------------------------------------------------------------

const KEPT_GROUP_SETTINGS = [
  'adjust_range',
  'allow_apply_punch',
  'allow_pc_punch',
  'anti_cheat_punch_config.allow_change_device_num',
  'anti_cheat_punch_config.check_buddy_punch',
  'anti_cheat_punch_config.check_change_device_punch',
  'anti_cheat_punch_config.check_cheat_software_punch',
  'anti_cheat_punch_config.check_simulate_wifi_punch',
  'anti_cheat_punch_config.intercept_suspected_cheat_punch',
  'anti_cheat_punch_config.suspected_cheat_handle_method',
  'bind_default_dept_ids',
  'clock_in_abnormal_settings.ignore_until_latest_clockout',
  'face_downgrade',
  'go_out_need_punch',
  ...LEAVE_CFG.map((field) => `go_out_need_punch_cfg.${field}`),
  'hide_clock_in_rule',
  'hide_staff_punch_time',
  'leave_need_punch',
  ...LEAVE_CFG.map((field) => `leave_need_punch_cfg.${field}`),
  'machines[].machine_name',
  'machines[].machine_sn',
  'member_status_change.offboarding_off_no_need_punch',
  'member_status_change.offboarding_on_no_need_punch',
  'member_status_change.onboarding_off_no_need_punch',
  'member_status_change.onboarding_on_no_need_punch',
  ...[
    'rule_scope_type',
    'scope_group_list.custom_field_ID',
    'scope_group_list.custom_field_obj_type',
    'scope_group_list.member_ids',
    'scope_group_list.operation_type',
    'scope_group_list.right[].key',
    'scope_group_list.right[].name',
    'scope_group_list.scope_value_type',
  ].flatMap((field) => [`need_punch_members[].${field}`, `no_need_punch_members[].${field}`]),
  'new_calendar_id',
  'org_change_auto_adjust',
  'out_punch_allowed_adjust_addr',
  'out_punch_allowed_hide_addr',
  'out_punch_need_photo',
  'out_punch_need_post_approval',
  'out_punch_need_remark',
  'overtime_clock_cfg.allow_punch_approval',
  'overtime_clock_cfg.need_clock_over_time_start_and_end',
  'remedy_period_custom_date',
  'replace_basic_pic',
  'save_auto_changes',
  'show_cumulative_time',
  'sub_group_leader_ids',
  'travel_need_punch',
  ...LEAVE_CFG.map((field) => `travel_need_punch_cfg.${field}`),
  'work_day_no_punch_as_lack',
] as const;

export const FEISHU_GROUP_WRITE_COVERAGE: CoverageTable = {
  id: 'feishu-group-write',
  section: 'Feishu group',
  direction: 'write',
  wireModel: 'feishuGroupCreateRequestSchema (POST /groups body)',
  mapper: `${MAPPER_WRITE}, groupTemplate; the rules sync merges it over the group it read (groupForUpdate)`,
  canonicalModel: 'CanonicalRule',
  fields: {
    ...under('group.', sameFate(KEPT_GROUP_SETTINGS, KEPT_ON_UPDATE)),
    operator_id: notApplicable('optional request option (who made the change); not sent'),
    'group.allow_out_punch': translated('outOfRange'),
    'group.allow_remedy': translated('remedy.allowed'),
    'group.allow_remedy_type_early': translated('remedy.forEarly'),
    'group.allow_remedy_type_lack': translated('remedy.forMissing'),
    'group.allow_remedy_type_late': translated('remedy.forLate'),
    'group.allow_remedy_type_normal': translated('remedy.forNormal', { note: '允许正常补卡' }),
    'group.bind_default_user_ids': translated('members.excludedUserIds', { note: 'through the ID mapping' }),
    'group.bind_dept_ids': translated('members.departmentIds', { note: 'through the ID mapping' }),
    'group.bind_user_ids': translated('members.userIds', { note: 'through the ID mapping' }),
    'group.calendar_id': translated('followsHolidayCalendar', { note: 'true → 1 (China), false → 0' }),
    'group.clockIn_need_photo': translated('photoRequired'),
    'group.effect_now': notApplicable(
      'request option 是否立即生效 (默认 false), always written: false, true only with the effectiveNow option (so a ' +
        'read-modify-write never keeps a true it read back)',
    ),
    'group.except_dept_ids': notApplicable('offline field (该字段已下线), not sent'),
    'group.except_user_ids': notApplicable('offline field (该字段已下线), not sent'),
    'group.face_live_need_action': translated('faceLiveness', {
      note:
        "with face recognition on: 'silent' → false (开启活体验证), 'action' → true (动作验证), 'none' → left out " +
        "(默认为空; named in the plan's unsetFields for a read-modify-write to delete)",
    }),
    'group.face_punch': translated('faceRecognition'),
    'group.face_punch_cfg': translated('faceRecognition', { note: '1 (every punch) when face recognition is on' }),
    'group.free_punch_cfg.free_clock_setting': notApplicable(
      "not written; the template's free_punch_cfg replaces the group's whole object on update",
    ),
    'group.free_punch_cfg.free_end_time': approximated(
      'free.dayStartSec',
      'always "23:59": the doc gives a time of day ("格式为x点x分", example "18:00") and no next-day form, so the ' +
        'attendance day running 24 h from its start is cut at midnight; a day start after 0:00 is reported ' +
        '(approximated), one at 23:59 is written as 0:00–23:59',
      {
        lossField: 'free.dayStartSec',
        exempt:
          'a constant ("23:59") does not change with its canonical source, so the "written from" check cannot apply; ' +
          'canonical-to-feishu.mapper.spec.ts ("day start %i s → %s–%s, loss %s") checks the value and the loss',
      },
    ),
    'group.free_punch_cfg.free_start_time': translated('free.dayStartSec'),
    'group.free_punch_cfg.punch_day': translated('free.workdays'),
    'group.free_punch_cfg.work_day_no_punch_as_lack': notApplicable(
      "not written; the template's free_punch_cfg replaces the group's whole object on update",
    ),
    'group.free_punch_cfg.work_hours': translated('free.requiredWorkSec', {
      note: 'whole minutes 0–1440, approximated',
    }),
    'group.free_punch_cfg.work_hours_demand': translated('free.requiredWorkSec', {
      note: 'true when a duration is required',
    }),
    'group.gps_range': approximated(
      'gpsLocations[].radiusMeters',
      "one radius per group: the largest of the locations' radii",
      {
        lossField: 'gpsLocations.radiusMeters',
      },
    ),
    'group.group_id': notApplicable('set by the rules sync for an update (the linked group), absent on create'),
    'group.group_leader_ids': notApplicable(
      'configured owners (FEISHU_DEFAULT_GROUP_LEADER_IDS): WeCom has no group owner',
    ),
    'group.group_name': translated('name'),
    'group.group_type': translated('kind', { note: 'create values 1 fixed / 2 排班 / 3 free' }),
    'group.locations[].address': translated('gpsLocations[].address'),
    'group.locations[].bssid': translated('wifiLocations[].bssid'),
    'group.locations[].feature': notApplicable('IP locations are not written (the canonical rule has no IP punching)'),
    'group.locations[].gps_range': translated('gpsLocations[].radiusMeters', {
      note: '历史无效字段 on create; the group gps_range counts',
    }),
    'group.locations[].ip': notApplicable('IP locations are not written (the canonical rule has no IP punching)'),
    'group.locations[].latitude': translated('gpsLocations[].latitude'),
    'group.locations[].location_name': translated(['gpsLocations[].name', 'wifiLocations[].ssid']),
    'group.locations[].location_type': translated(['gpsLocations', 'wifiLocations'], { note: '1 GPS, 2 Wi-Fi' }),
    'group.locations[].longitude': translated('gpsLocations[].longitude'),
    'group.locations[].map_type': notApplicable('constant 1 (高德, GCJ-02): canonical coordinates are GCJ-02'),
    'group.locations[].ssid': translated('wifiLocations[].ssid'),
    'group.need_punch_special_days[].punch_day': translated('specialWorkdays[].date'),
    'group.need_punch_special_days[].shift_id': translated(
      ['specialWorkdays[].shiftKey', 'specialWorkdays[].sections'],
      {
        note: 'the planned shift; inline times become a shift of their own',
      },
    ),
    'group.no_need_punch_special_days[].punch_day': translated('specialOffdays[].date'),
    'group.no_need_punch_special_days[].shift_id': notApplicable(
      'constant "0": a day off names no working time (UNCONFIRMED)',
    ),
    'group.out_punch_need_approval': approximated(
      'outOfRange',
      "'exception' is written as a field punch that needs approval",
      {
        lossField: 'outOfRange',
      },
    ),
    'group.punch_day_shift_ids': translated('week', { note: 'Monday→Sunday, the planned shifts, "0" = rest' }),
    'group.punch_type': translated(['gpsLocations', 'wifiLocations'], {
      note: 'bits 1 GPS, 2 Wi-Fi of the places written (never 4 machine or 8 IP); no place: left out',
    }),
    'group.remedy_date_limit': translated('remedy.daysLimit'),
    'group.remedy_date_num': translated('remedy.daysLimit'),
    'group.remedy_limit': translated('remedy.monthlyLimit'),
    'group.remedy_limit_count': translated('remedy.monthlyLimit'),
    'group.remedy_period_type': translated('remedy.monthlyLimit', { note: '1 (per month) with a monthly limit' }),
    'group.rest_clockIn_need_approval': approximated(
      'restDayPunch',
      "'approval' → true, 'allowed' → false, 'forbidden' → true (Feishu cannot forbid rest-day punches; an approval " +
        'is the closest, approximated); null → left out (the group keeps its own)',
      { lossField: 'restDayPunch' },
    ),
    'group.show_over_time': approximated(
      ['overtime.workday', 'overtime.restDay', 'overtime.holiday'],
      "Feishu's group cannot say whether overtime is allowed (加班规则 are outside the group API): show_over_time " +
        '(是否展示加班时长) is on when overtime is allowed on any kind of day, off when it is refused on every known ' +
        'one, and a loss names the kinds for HR to set in 加班规则; all null → left out',
      { lossField: 'overtime' },
    ),
    'group.time_zone': translated('timeZone'),
  },
  canonicalNotWritten: {
    idSpace: notApplicable('whose ids the members are: the writer maps them into Feishu ids'),
    punchReminder: dropped("Feishu's groups and shifts have no punch reminder: the reminder is not carried"),
    'remedy.forOther': dropped(
      'make-up punches for "other exceptions" (WeCom) have no Feishu type (only missing, late, early and normal)',
    ),
    'shifts[].key': notApplicable(
      "the rule's own reference from week and special days to a shift; Feishu gets shift ids",
    ),
    'shifts[].name': dropped('Feishu shift names are unique tenant-wide, so they are derived from the times (info)', {
      lossField: 'shifts',
    }),
    'specialOffdays[].note': dropped('Feishu special days have no note'),
    'specialWorkdays[].note': dropped('Feishu special days have no note'),
  },
};

// ---- Feishu shift, read (GET /shifts/:shift_id) -----------------------------------------------------------------

export const FEISHU_SHIFT_READ_COVERAGE: CoverageTable = {
  id: 'feishu-shift-read',
  section: 'Feishu shift',
  direction: 'read',
  wireModel: 'feishuShiftSchema (GET /shifts/:shift_id)',
  mapper: MAPPER_READ,
  canonicalModel: 'CanonicalRule shifts[]',
  fields: {
    day_type: dropped(
      "the rest-day shift marker (2) is not carried; it only decides that the shift's overtime periods count for " +
        'overtime.restDay (1, the default: overtime.workday)',
    ),
    flexible_minutes: translated('shifts[].flexibleArrival', {
      note: 'both directions, when there is no flexible_rule',
    }),
    'flexible_rule[].flexible_early_minutes': translated('shifts[].flexibleArrival.maxEarlySec', {
      note: 'the first rule; more rules dropped with a loss',
    }),
    'flexible_rule[].flexible_late_minutes': translated('shifts[].flexibleArrival.maxLateSec'),
    id: notApplicable('the shift id a create body may carry (UNCONFIRMED); reads identify the shift by shift_id'),
    is_flexible: translated('shifts[].flexibleArrival'),
    late_minutes_as_serious_late: translated('shifts[].sections[].seriousLateSec', {
      note: "wins over the segments' values",
    }),
    'late_off_late_on_rule[].late_off_minutes': translated('shifts[].lateOffLateOn[].offLateSec'),
    'late_off_late_on_rule[].late_on_minutes': translated('shifts[].lateOffLateOn[].onLateSec'),
    'late_off_late_on_setting.late_off_base_on_time_type': dropped(
      'the base of "leave late, arrive late" stays in Feishu (info)',
      {
        lossField: 'late_off_late_on_setting',
      },
    ),
    'late_off_late_on_setting.late_on_base_on_time_type': dropped(
      'the base of "leave late, arrive late" stays in Feishu (info)',
      {
        lossField: 'late_off_late_on_setting',
      },
    ),
    no_need_off: dropped('the shift-level flag is overridden by the per-segment flags (info)'),
    'overtime_rest_time_rule[].rest_begin_time': dropped('overtime breaks are not carried', {
      lossField: 'overtime_rest_time_rule',
    }),
    'overtime_rest_time_rule[].rest_end_time': dropped('overtime breaks are not carried', {
      lossField: 'overtime_rest_time_rule',
    }),
    ...sameFate(
      ['overtime_rule[].off_overtime', 'overtime_rule[].on_overtime'],
      approximated(
        ['overtime.workday', 'overtime.restDay'],
        '加班规则 periods are not carried; a used shift with any period means overtime is allowed on its kind of day ' +
          '(day_type 2: rest days, else workdays); nothing says it is refused, and holidays stay null (unknown)',
        { lossField: 'overtime_rule' },
      ),
    ),
    'punch_time_rule[].early_minutes_as_early': translated('shifts[].sections[].earlyLeaveGraceSec'),
    'punch_time_rule[].early_minutes_as_lack': translated('shifts[].sections[].punchWindow.earliestOffSec'),
    'punch_time_rule[].late_minutes_as_lack': translated('shifts[].sections[].punchWindow.latestOnSec'),
    'punch_time_rule[].late_minutes_as_late': translated('shifts[].sections[].lateGraceSec'),
    'punch_time_rule[].late_minutes_as_serious_late': translated('shifts[].sections[].seriousLateSec', {
      note: 'when the shift sets none',
    }),
    'punch_time_rule[].no_need_off': translated('shifts[].sections[].noPunchOff', {
      note: 'read meaning: true = punch needed',
    }),
    'punch_time_rule[].no_need_on': translated('shifts[].sections[].noPunchOn', {
      note: 'read meaning: true = punch needed',
    }),
    'punch_time_rule[].off_delay_minutes': translated('shifts[].sections[].punchWindow.latestOffSec'),
    'punch_time_rule[].off_time': translated('shifts[].sections[].offSec'),
    'punch_time_rule[].on_advance_minutes': translated('shifts[].sections[].punchWindow.earliestOnSec'),
    'punch_time_rule[].on_time': translated('shifts[].sections[].onSec'),
    punch_times: notApplicable('legacy: 历史字段，已无用，以punch_time_rule为准'),
    'rest_time_flexible_configs[].late_mins': dropped('a flexible break is not carried', {
      lossField: 'rest_time_flexible_configs',
    }),
    'rest_time_flexible_configs[].need_flexible': dropped('a flexible break is not carried', {
      lossField: 'rest_time_flexible_configs',
    }),
    'rest_time_rule[].rest_begin_time': translated('shifts[].sections[].rest.beginSec', {
      note: 'one break per section',
    }),
    'rest_time_rule[].rest_end_time': translated('shifts[].sections[].rest.endSec'),
    ...sameFate(
      [
        'shift_attendance_time_config.attendance_time',
        'shift_attendance_time_config.off_attendance_time',
        'shift_attendance_time_config.on_attendance_time',
      ],
      dropped(
        '应出勤配置 has no canonical home: a value other than the default 1 is reported with the values as sent (the ' +
          'docs disagree on the unit: minutes, or 0–3 days)',
        { lossField: 'shift_attendance_time_config' },
      ),
    ),
    shift_id: translated('shifts[].key'),
    'shift_middle_time_rule.fixed_middle_time': dropped('the half-day split stays in Feishu (info)', {
      lossField: 'shift_middle_time_rule',
    }),
    'shift_middle_time_rule.middle_time_type': dropped('the half-day split stays in Feishu (info)', {
      lossField: 'shift_middle_time_rule',
    }),
    shift_name: translated('shifts[].name'),
    sub_shift_leader_ids: dropped('shift deputies exist only in Feishu (info)'),
  },
};

// ---- Feishu shift, write (POST /shifts body) ---------------------------------------------------------------------

const NOT_WRITTEN_SHIFT = notApplicable("Feishu-only shift setting, not written: a new shift gets Feishu's default");

export const FEISHU_SHIFT_WRITE_COVERAGE: CoverageTable = {
  id: 'feishu-shift-write',
  section: 'Feishu shift',
  direction: 'write',
  wireModel: 'feishuShiftCreateSchema (POST /shifts body)',
  mapper: `${MAPPER_WRITE}, shifts[] of action "create" (an identical existing shift is reused instead)`,
  canonicalModel: 'CanonicalRule shifts[]',
  fields: {
    day_type: NOT_WRITTEN_SHIFT,
    flexible_minutes: notApplicable('not written: flexible_rule carries both directions'),
    'flexible_rule[].flexible_early_minutes': translated('shifts[].flexibleArrival.maxEarlySec'),
    'flexible_rule[].flexible_late_minutes': translated('shifts[].flexibleArrival.maxLateSec'),
    id: notApplicable('not written: shifts are created new (an identical one is reused)'),
    is_flexible: translated('shifts[].flexibleArrival'),
    late_minutes_as_serious_late: notApplicable('not written: the per-segment value is written'),
    'late_off_late_on_rule[].late_off_minutes': translated('shifts[].lateOffLateOn[].offLateSec'),
    'late_off_late_on_rule[].late_on_minutes': translated('shifts[].lateOffLateOn[].onLateSec'),
    'late_off_late_on_setting.late_off_base_on_time_type': NOT_WRITTEN_SHIFT,
    'late_off_late_on_setting.late_on_base_on_time_type': NOT_WRITTEN_SHIFT,
    no_need_off: notApplicable('not written: the per-segment flags are written'),
    'overtime_rest_time_rule[].rest_begin_time': NOT_WRITTEN_SHIFT,
    'overtime_rest_time_rule[].rest_end_time': NOT_WRITTEN_SHIFT,
    'overtime_rule[].off_overtime': NOT_WRITTEN_SHIFT,
    'overtime_rule[].on_overtime': NOT_WRITTEN_SHIFT,
    'punch_time_rule[].early_minutes_as_early': translated('shifts[].sections[].earlyLeaveGraceSec'),
    'punch_time_rule[].early_minutes_as_lack': translated('shifts[].sections[].punchWindow.earliestOffSec', {
      note: 'no window: a default of up to 60 min (info)',
    }),
    'punch_time_rule[].late_minutes_as_lack': translated('shifts[].sections[].punchWindow.latestOnSec'),
    'punch_time_rule[].late_minutes_as_late': translated('shifts[].sections[].lateGraceSec'),
    'punch_time_rule[].late_minutes_as_serious_late': translated('shifts[].sections[].seriousLateSec'),
    'punch_time_rule[].no_need_off': translated('shifts[].sections[].noPunchOff', {
      note: 'create meaning: true = not needed',
    }),
    'punch_time_rule[].no_need_on': translated('shifts[].sections[].noPunchOn', {
      note: 'create meaning; the first segment must need a clock-in (else refused)',
    }),
    'punch_time_rule[].off_delay_minutes': translated('shifts[].sections[].punchWindow.latestOffSec', {
      note: 'at most 960',
    }),
    'punch_time_rule[].off_time': translated('shifts[].sections[].offSec'),
    'punch_time_rule[].on_advance_minutes': translated('shifts[].sections[].punchWindow.earliestOnSec', {
      note: 'at most 720',
    }),
    'punch_time_rule[].on_time': translated('shifts[].sections[].onSec'),
    punch_times: notApplicable('legacy (历史字段, 以punch_time_rule为准): written as the number of segments'),
    'rest_time_flexible_configs[].late_mins': NOT_WRITTEN_SHIFT,
    'rest_time_flexible_configs[].need_flexible': NOT_WRITTEN_SHIFT,
    'rest_time_rule[].rest_begin_time': translated('shifts[].sections[].rest.beginSec'),
    'rest_time_rule[].rest_end_time': translated('shifts[].sections[].rest.endSec'),
    'shift_attendance_time_config.attendance_time': NOT_WRITTEN_SHIFT,
    'shift_attendance_time_config.off_attendance_time': NOT_WRITTEN_SHIFT,
    'shift_attendance_time_config.on_attendance_time': NOT_WRITTEN_SHIFT,
    'shift_middle_time_rule.fixed_middle_time': NOT_WRITTEN_SHIFT,
    'shift_middle_time_rule.middle_time_type': NOT_WRITTEN_SHIFT,
    shift_name: translated('shifts[].sections[].onSec', {
      note: '"企微-" + the times + a content hash: names are unique tenant-wide; the canonical name is not used',
    }),
    sub_shift_leader_ids: NOT_WRITTEN_SHIFT,
  },
};

export const FEISHU_COVERAGE_TABLES: readonly CoverageTable[] = [
  FEISHU_GROUP_READ_COVERAGE,
  FEISHU_GROUP_WRITE_COVERAGE,
  FEISHU_SHIFT_READ_COVERAGE,
  FEISHU_SHIFT_WRITE_COVERAGE,
];
