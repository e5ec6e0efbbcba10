import {
  clock,
  dayKinds,
  duration,
  list,
  lookup,
  reminder,
  span,
  text as t,
  vendor,
  weekday,
  windowBound,
  type Groups,
} from './loss-messages.words.js';

/*
 * The catalogue of loss and note messages: each entry is the English message as the code builds it (a RegExp
 * anchored ^…$, a named group per variable part), and its Chinese rendering, which carries every id, name, time,
 * count and field name over as it is. Entries follow the source files, in the order the messages appear there
 * (`source` names the file; a message built in two files identically is listed once, at its first file). The
 * first entry that matches wins; a Chinese template that answers null (a phrase outside its closed set) lets the
 * next entry try.
 *
 * Terms are those of the vendors' Chinese admin consoles: 考勤组 (Feishu group), 打卡规则 (WeCom rule), 班次,
 * 排班, 打卡时段, 打卡地点, 打卡范围, 弹性打卡, 补卡, 外勤打卡, 加班规则, 节假日, 无需打卡人员 (白名单).
 */

export interface LossMessageEntry {
  /** The repository file whose code builds the English message. */
  readonly source: string;
  /** The English message, anchored, with a named group for each variable part. */
  readonly en: RegExp;
  /** The Chinese message from the groups; null when a group holds a phrase the entry does not know. */
  readonly zh: (groups: Groups) => string | null;
  /**
   * Groups holding English words that the Chinese renders (vendor names, kinds of day, units…) rather than
   * carries over; every other group's text appears unchanged in the Chinese (the spec checks it).
   */
  readonly words?: readonly string[];
}

const RESOLVE_IDS = 'libs/translation/src/canonical/resolve-rule-ids.ts';
const PUNCH_FIELDS = 'libs/translation/src/punch/punch-fields.ts';
const FEISHU_PUNCH = 'libs/translation/src/punch/feishu-punch.mapper.ts';
const WECOM_PUNCH = 'libs/translation/src/punch/wecom-punch.mapper.ts';
const WECOM_MERGE = 'libs/translation/src/wecom/wecom-update-merge.ts';
const FEISHU_READ = 'libs/translation/src/feishu/feishu-to-canonical.mapper.ts';
const FEISHU_WRITE = 'libs/translation/src/feishu/canonical-to-feishu.mapper.ts';
const WECOM_READ = 'libs/translation/src/wecom/wecom-to-canonical.mapper.ts';
const WECOM_WRITE = 'libs/translation/src/wecom/canonical-to-wecom.mapper.ts';
const RULES_F2W = 'apps/gateway/src/sync/rules/wecom-rules.rule-side.ts';
const RULES_W2F = 'apps/gateway/src/sync/rules/feishu-groups.rule-side.ts';
const RULE_TYPES = 'apps/gateway/src/sync/rules/rule-sync.types.ts';
const ROSTER_PLAN = 'apps/gateway/src/sync/rosters/roster-plan.ts';
const ROSTERS = 'apps/gateway/src/sync/rosters/rosters.reconciler.ts';
const ROSTERS_WECOM_SIDE = 'apps/gateway/src/sync/rosters/wecom-rosters.roster-side.ts';
const ROSTERS_FEISHU_SIDE = 'apps/gateway/src/sync/rosters/feishu-rosters.roster-side.ts';
const PUNCHES = 'apps/gateway/src/sync/punches/punches.reconciler.ts';
const FEISHU_ROSTERS = 'libs/connectors/src/feishu/feishu-rosters.connector.ts';
const WECOM_ROSTERS = 'libs/connectors/src/wecom/wecom-rosters.connector.ts';
const FEISHU_RULES = 'libs/connectors/src/feishu/feishu-rules.connector.ts';
const TWO_WAY = 'apps/gateway/src/sync/rules/two-way.ts';
const UNREADABLE = 'libs/kernel/src/unreadable-record.ts';
const ERROR_POLICY = 'apps/gateway/src/sync/engine/sync-error-policy.ts';

/** libs/kernel/src/vendor-error.ts VENDOR_ERROR_KINDS. */
const ERROR_KIND: Readonly<Record<string, string>> = {
  auth: '鉴权失败',
  rate_limit: '请求过于频繁',
  transient: '暂时性故障',
  permission: '权限不足',
  not_found: '对象不存在',
  invalid_request: '请求被拒绝',
  foreign_owned_rule: '规则属于其他应用',
  unknown: '未知错误',
};

/** libs/kernel/src/unreadable-record.ts: the kinds of record the vendor clients set aside. */
const RECORD_KIND: Readonly<Record<string, string>> = {
  'attendance group': '考勤组',
  'checkin rule': '打卡规则',
  'group member': '考勤组成员',
  'monthly schedule': '月排班',
  punch: '打卡记录',
  'roster day': '排班日',
  shift: '班次',
};

/** The engine's nouns for a vendor's rule (the connectors' ruleNoun / groupNoun, two-way.ts VENDOR_OBJECT). */
const RULE_NOUN: Readonly<Record<string, string>> = {
  'Feishu group': '飞书考勤组',
  'Feishu attendance group': '飞书考勤组',
  'WeCom rule': '企业微信打卡规则',
};

/** resolve-rule-ids.ts `what`. */
const MEMBER_KIND: Readonly<Record<string, string>> = {
  user: '人员',
  department: '部门',
  'excluded user': '无需打卡人员',
};

/** punch-fields.ts ORIGIN_PHRASE. */
const ORIGIN: Readonly<Record<string, string>> = {
  "an administrator's change (管理员修改)": '管理员修改的打卡（管理员修改）',
  'an approved correction (补卡)': '审批通过的补卡（补卡）',
  'a punch on an attendance machine (考勤机)': '考勤机上的打卡（考勤机）',
  'an import by another system (考勤开放平台导入)': '其他系统导入的打卡（考勤开放平台导入）',
};

/** punch-fields.ts reportUncarried's reasons. */
const ORIGIN_REASON: Readonly<Record<string, string>> = {
  'Feishu records every imported punch as an open-platform import (考勤开放平台导入)':
    '飞书把导入的打卡一律记为考勤开放平台导入（考勤开放平台导入）',
  "WeCom cannot mark a written punch as an administrator's change": '企业微信无法把写入的打卡标记为管理员修改',
  'WeCom cannot mark a written punch as a correction': '企业微信无法把写入的打卡标记为补卡',
};

/** feishu-to-canonical.mapper.ts scopeLabel. */
const SCOPE_LABEL: Readonly<Record<string, string>> = {
  department: '部门',
  person: '人员',
  'country/region': '国家/地区',
  'employee type': '人员类型',
  'work city': '工作城市',
  'job level': '职级',
  'job family': '序列',
  'job title': '职务',
  'working-hours system': '工时制度',
  'custom field': '自定义字段',
};

/** feishu-to-canonical.mapper.ts OUT_PUNCH_DETAILS. */
const OUT_PUNCH_DETAIL: Readonly<Record<string, string>> = {
  'need approval': '需要审批',
  'need approval after the punch': '需要打卡后审批',
  'need a remark': '需要填写备注',
  'need a photo': '需要拍照',
  'may hide the address': '可隐藏地址',
  'may adjust the address': '可微调地址',
};

/** feishu-to-canonical.mapper.ts FEISHU_ONLY_INFOS (the message before " Not carried."). */
const FEISHU_ONLY_INFO: Readonly<Record<string, string>> = {
  'A further free-punch setting (free_clock_setting) exists in Feishu; this gateway does not interpret it.':
    '飞书中还有一项自由打卡设置（free_clock_setting），本网关不解读它。',
  'Attendance group owners exist only in Feishu.': '考勤组负责人只有飞书有。',
  'Attendance group deputies exist only in Feishu.': '考勤组子负责人只有飞书有。',
  'Punching from a PC is a Feishu-only option.': '电脑端打卡是飞书独有的选项。',
  'Showing cumulative hours is a Feishu display option.': '显示累计工时是飞书的显示选项。',
  'Showing overtime hours (是否展示加班时长) is a Feishu display option; it does not allow or refuse overtime.':
    '显示加班时长（是否展示加班时长）是飞书的显示选项，并不决定是否允许加班。',
  'Hiding punch details is a Feishu display option.': '隐藏打卡详情是飞书的显示选项。',
  'Hiding the punch rule is a Feishu display option.': '隐藏打卡规则是飞书的显示选项。',
  'Falling back to a photo when face recognition fails is Feishu-only.': '人脸识别失败时改为拍照打卡是飞书独有的。',
  'Replacing the reference face photo is Feishu-only.': '更换人脸底图是飞书独有的。',
  'Adding new hires automatically is a Feishu option.': '自动加入新入职人员是飞书的选项。',
  'Moving people out of conflicting groups is a Feishu option.': '把人员移出冲突的考勤组是飞书的选项。',
};

/** feishu-to-canonical.mapper.ts FEISHU_ONLY_DROPS. */
const FEISHU_ONLY_DROP: Readonly<Record<string, string>> = {
  'Anti-cheating checks': '防作弊打卡检查',
  'No-punch rules for joining/leaving days': '入职/离职当天的免打卡规则',
  'Punching around leave': '请假前后打卡',
  'Punching while out of office': '外出期间打卡',
  'Punching on business trips': '出差期间打卡',
  'Overtime punch settings': '加班打卡设置',
  'Applying for a punch when location is inaccurate': '定位不准时申请打卡',
  'Ignoring exceptions until the last clock-out': '最后一次下班打卡前不计异常',
  'Counting a workday without punches as missing': '工作日无打卡记为缺卡',
};

/** feishu-to-canonical.mapper.ts mapCalendar's calendar names. */
const CALENDAR: Readonly<Record<string, string>> = {
  'United States': '美国',
  Japan: '日本',
  India: '印度',
  Singapore: '新加坡',
};

/** canonical-to-feishu.mapper.ts clampWindow's `what`. */
const WINDOW_EDGE: Readonly<Record<string, string>> = {
  'earliest clock-in': '最早上班打卡时间',
  'latest clock-in': '最晚上班打卡时间',
  'earliest clock-out': '最早下班打卡时间',
  'latest clock-out': '最晚下班打卡时间',
};

/** canonical-to-wecom.mapper.ts text()'s `what`. */
const TEXT_FIELD: Readonly<Record<string, string>> = {
  'location name': '打卡地点名称',
  'location address': '打卡地点地址',
  'Wi-Fi name': 'Wi-Fi 名称',
};

/** canonical-to-wecom.mapper.ts dayGrace / flexValue `what`. */
const FLEX_WHAT: Readonly<Record<string, string>> = {
  'Grace for late arrival': '允许迟到时长',
  'Grace for early leave': '允许早退时长',
  'Flexible early arrival': '弹性提前上班时长',
  'Flexible late arrival': '弹性延后上班时长',
};

/** canonical-to-wecom.mapper.ts remedyFields' limits. */
const REMEDY_LIMIT: Readonly<Record<string, string>> = {
  'Make-up punches per month': '每月补卡次数',
  'Days a make-up punch may reach back': '可补卡的往前天数',
};

/** wecom-update-merge.ts resetMakeUpSettings' parts, joined by " and ". */
function madeUpResets(value: string): string {
  return value
    .split(' and ')
    .map((part) => {
      const deadline = /^the deadline \(day (?<day>\d+) of the next month\)$/.exec(part);
      if (deadline?.groups) return `补卡截止日（次月 ${deadline.groups['day']} 日）`;
      return part === 'the monthly reminder' ? '每月补卡提醒' : part;
    })
    .join('和');
}

/** canonical-to-feishu.mapper.ts writeOvertime's parts: "allowed on …", "refused on …", joined by " and ". */
function overtimeParts(value: string): string {
  const match = /^(?:allowed on (?<allowed>.*?))?(?:(?:^| and )refused on (?<refused>.*))?$/.exec(value);
  if (!match?.groups) return value;
  const parts: string[] = [];
  if (match.groups['allowed']) parts.push(`${dayKinds(match.groups['allowed'])}允许加班`);
  if (match.groups['refused']) parts.push(`${dayKinds(match.groups['refused'])}不允许加班`);
  return parts.length > 0 ? parts.join('，') : value;
}

/** punches.reconciler.ts and the punch mappers: why a record is not a punch ("N skipped: …"). */
const SKIP_REASON: Readonly<Record<string, string>> = {
  'a record Feishu generated itself (系统自动生成, type 3), not a punch the person made':
    '飞书自动生成的记录（系统自动生成，type 3），不是本人的打卡',
  'a record that no clock-out was needed (下班免打卡, type 4), not a punch the person made':
    '无需下班打卡的记录（下班免打卡，type 4），不是本人的打卡',
  'a punch still awaiting approval in Feishu (待生效), not yet a valid punch':
    '飞书中仍在等待审批的打卡（待生效），尚未生效',
  'a punch Feishu marks invalid (无效)': '飞书标记为无效的打卡（无效）',
  'a missed punch (未打卡) WeCom reports, not a punch': '企业微信报告的缺卡（未打卡），不是一次打卡',
};

export const LOSS_CATALOGUE: readonly LossMessageEntry[] = [
  // ---- libs/translation/src/canonical/resolve-rule-ids.ts ---------------------------------------------------------
  {
    source: RESOLVE_IDS,
    en: /^(?<count>\d+) blank (?<what>user|department|excluded user) ids? (?:was|were) left out of the rule\.$/,
    zh: (g) => `${t(g, 'count')} 个空白的${MEMBER_KIND[t(g, 'what')]} ID 未计入规则。`,
    words: ['what'],
  },
  {
    source: RESOLVE_IDS,
    en: /^(?<count>\d+) (?<what>user|department|excluded user)s? with no (?<to>feishu|wecom) counterpart in the id mapping (?:was|were) left out of the rule: (?<ids>.*)\. Add the mapping and sync again to include them\.$/s,
    zh: (g) =>
      `${t(g, 'count')} 个${MEMBER_KIND[t(g, 'what')]}在 ID 映射中找不到对应的${vendor(t(g, 'to'))} ID，未计入规则：${t(g, 'ids')}。` +
      '请补充映射后重新同步，即可把他们纳入。',
    words: ['what', 'to'],
  },

  // ---- libs/translation/src/punch/punch-fields.ts -----------------------------------------------------------------
  {
    source: PUNCH_FIELDS,
    en: /^Only one of latitude and longitude was given, so the position was left out\.$/,
    zh: () => '只给出了纬度和经度中的一个，因此未带上打卡位置。',
  },
  {
    source: PUNCH_FIELDS,
    en: /^The coordinates are outside the globe, so they were left out\.$/,
    zh: () => '坐标超出了地球范围，因此未带上。',
  },
  {
    source: PUNCH_FIELDS,
    en: /^The Wi-Fi MAC address \(BSSID\) is not a MAC address, so it was left out\.$/,
    zh: () => 'Wi-Fi 的 MAC 地址（BSSID）不是有效的 MAC 地址，因此未带上。',
  },
  {
    source: PUNCH_FIELDS,
    en: /^This punch is (?<origin>.*) in (?<source>Feishu|WeCom); (?<reason>.*), so it is written as an ordinary punch\.$/,
    zh: (g) => {
      const origin = lookup(ORIGIN, t(g, 'origin'));
      const reason = lookup(ORIGIN_REASON, t(g, 'reason'));
      if (origin === null || reason === null) return null;
      return `这条打卡在${vendor(t(g, 'source'))}中是${origin}；${reason}，因此按普通打卡写入。`;
    },
    words: ['origin', 'source', 'reason'],
  },
  {
    source: PUNCH_FIELDS,
    en: /^This punch is (?<origin>.*) in (?<source>Feishu|WeCom); (?<to>Feishu|WeCom) records it as an ordinary punch\.$/,
    zh: (g) => {
      const origin = lookup(ORIGIN, t(g, 'origin'));
      if (origin === null) return null;
      return `这条打卡在${vendor(t(g, 'source'))}中是${origin}；${vendor(t(g, 'to'))}会把它记为普通打卡。`;
    },
    words: ['origin', 'source', 'to'],
  },
  {
    source: PUNCH_FIELDS,
    en: /^Someone other than the person recorded this punch in (?<source>Feishu|WeCom); (?<to>Feishu|WeCom) records it as the person's own\.$/,
    zh: (g) => `这条打卡在${vendor(t(g, 'source'))}中由他人代为记录；${vendor(t(g, 'to'))}会把它记为本人的打卡。`,
    words: ['source', 'to'],
  },
  {
    source: PUNCH_FIELDS,
    en: /^(?<source>Feishu|WeCom) judged this punch: (?<verdicts>.*)\. (?<to>Feishu|WeCom) judges punches against its own rules, so this is not copied\.$/s,
    zh: (g) =>
      `${vendor(t(g, 'source'))}对这条打卡的判定为：${t(g, 'verdicts')}。${vendor(t(g, 'to'))}会按自己的规则判定打卡，因此不复制该判定。`,
    words: ['source', 'to'],
  },
  {
    source: PUNCH_FIELDS,
    en: /^The id of the device the punch was made on is not copied: Feishu ignores device_id on import\.$/,
    zh: () => '打卡设备的 ID 未复制：飞书导入打卡时会忽略 device_id。',
  },
  {
    source: PUNCH_FIELDS,
    en: /^The id of the device the punch was made on is not copied: WeCom takes only the kind of device on import\.$/,
    zh: () => '打卡设备的 ID 未复制：企业微信导入打卡时只接收设备类型。',
  },

  // ---- libs/translation/src/punch/feishu-punch.mapper.ts ----------------------------------------------------------
  {
    source: FEISHU_PUNCH,
    en: /^Feishu punch type (?<type>.*) is not one of the documented types \(0–7\), so it was not carried: it may not be a punch the person made\.$/,
    zh: (g) => `飞书打卡类型 ${t(g, 'type')} 不在文档列出的类型（0–7）之内，因此未同步：它可能不是本人的打卡。`,
  },
  {
    source: FEISHU_PUNCH,
    en: /^Latitude and longitude arrived swapped \(latitude beyond 90°\); they were swapped back\.$/,
    zh: () => '收到的纬度和经度位置颠倒（纬度超过 90°），已换回。',
  },
  {
    source: FEISHU_PUNCH,
    en: /^Another system's reference for this punch \(external_id\) is not carried over: the punch has no place for it there\.$/,
    zh: () => '其他系统给这条打卡的编号（external_id）未同步：对方的打卡记录没有存放它的字段。',
  },
  {
    source: FEISHU_PUNCH,
    en: /^Feishu only imports punches made after 2022-01-01, so this older punch was not imported\.$/,
    zh: () => '飞书只能导入 2022-01-01 之后的打卡，这条更早的打卡未导入。',
  },
  {
    source: FEISHU_PUNCH,
    en: /^Punch photos are not copied: Feishu does not accept photos on import\.$/,
    zh: () => '打卡照片未复制：飞书导入打卡时不接收照片。',
  },

  // ---- libs/translation/src/punch/wecom-punch.mapper.ts -----------------------------------------------------------
  {
    source: WECOM_PUNCH,
    en: /^Shortened to WeCom's (?<max>\d+) characters\.$/,
    zh: (g) => `已截短为企业微信允许的 ${t(g, 'max')} 个字符。`,
  },
  {
    source: WECOM_PUNCH,
    en: /^WeCom needs the Wi-Fi's MAC address \(BSSID\) along with its name, and it is not known, so the Wi-Fi was left out\.$/,
    zh: () => '企业微信要求 Wi-Fi 名称和 MAC 地址（BSSID）一起提供，而 MAC 地址未知，因此未带上 Wi-Fi。',
  },
  {
    source: WECOM_PUNCH,
    en: /^A Wi-Fi punch whose network is not named: WeCom needs the Wi-Fi's MAC address, so it is written without Wi-Fi\.$/,
    zh: () => '这是一条未注明网络名称的 Wi-Fi 打卡：企业微信需要 Wi-Fi 的 MAC 地址，因此按无 Wi-Fi 写入。',
  },
  {
    source: WECOM_PUNCH,
    en: /^A field punch \(外勤\): WeCom cannot be told a written punch is an outing \(外出打卡\), so it is written as an ordinary punch and judged against the person's rule\.$/,
    zh: () =>
      '这是一条外勤打卡（外勤）：写入企业微信的打卡无法标记为外出打卡（外出打卡），因此按普通打卡写入，并按本人的打卡规则判定。',
  },
  {
    source: WECOM_PUNCH,
    en: /^Punch photos are not copied: WeCom only accepts photos uploaded to it\.$/,
    zh: () => '打卡照片未复制：企业微信只接收上传到企业微信的照片。',
  },

  // ---- libs/translation/src/wecom/wecom-update-merge.ts -----------------------------------------------------------
  {
    source: WECOM_MERGE,
    en: /^WeCom's overtime setting "(?<setting>.*)" for (?<days>workdays|rest days|holidays) cannot be sent back: the gateway does not know it, or it is not a value WeCom accepts\. WeCom replaces the overtime settings on every update, so its "(?<key>.*)" settings will be reset; check the overtime rules for \k<days> in the WeCom admin after the sync\.$/,
    zh: (g) =>
      `企业微信${dayKinds(t(g, 'days'))}的加班设置“${t(g, 'setting')}”无法回写：本网关不认识它，或它不是企业微信接受的值。` +
      `企业微信每次更新都会整体替换加班设置，因此其“${t(g, 'key')}”设置将被重置；同步后请在企业微信管理后台检查${dayKinds(t(g, 'days'))}的加班规则。`,
    words: ['days'],
  },
  {
    source: WECOM_MERGE,
    en: /^The WeCom rule also applies to the people of tags? (?<tags>.*); the source has no tags, so they were kept and those people keep this rule\. Remove the tags from the rule in the WeCom admin if they should not\.$/,
    zh: (g) =>
      `该企业微信打卡规则还适用于标签 ${t(g, 'tags')} 下的人员；源端没有标签，因此保留了这些标签，这些人员仍使用本规则。` +
      '如不应如此，请在企业微信管理后台把这些标签从规则中移除。',
  },
  {
    source: WECOM_MERGE,
    en: /^The WeCom rule exempts (?<count>\d+) (?:person|people) from punching \((?<ids>.*)\) whom the source does not exempt\. WeCom gives the gateway no way to empty that list, so (?:this person stays|they stay) exempt: remove them from the rule's list of people who need not punch \(白名单 \/ 无需打卡人员\) in the WeCom admin\.$/,
    zh: (g) =>
      `该企业微信打卡规则把 ${t(g, 'count')} 人设为无需打卡（${t(g, 'ids')}），而源端并未豁免他们。` +
      '企业微信没有提供清空该名单的接口，因此他们仍无需打卡：请在企业微信管理后台把他们从规则的无需打卡人员（白名单 / 无需打卡人员）中移除。',
  },
  {
    source: WECOM_MERGE,
    en: /^Make-up punches are turned off, and WeCom does not keep make-up settings without them, so (?<reset>.*) of WeCom's make-up punches (?:was|were) switched off too\.$/,
    zh: (g) =>
      `补卡已关闭，而企业微信在关闭补卡时不保留补卡设置，因此企业微信的${madeUpResets(t(g, 'reset'))}也一并关闭。`,
    words: ['reset'],
  },

  // ---- libs/translation/src/feishu/feishu-to-canonical.mapper.ts --------------------------------------------------
  {
    source: FEISHU_READ,
    en: /^The Feishu group could not be translated: (?<error>.*)$/s,
    zh: (g) => `飞书考勤组无法转换：${t(g, 'error')}`,
  },
  {
    source: FEISHU_READ,
    en: /^The group uses shift (?<id>.*), but its details were not supplied \(GET \/shifts\/\k<id>\); the group cannot be translated without the shift times\.$/,
    zh: (g) =>
      `考勤组使用了班次 ${t(g, 'id')}，但未提供该班次的详情（GET /shifts/${t(g, 'id')}）；没有班次时间，考勤组无法转换。`,
  },
  {
    source: FEISHU_READ,
    en: /^Shift (?<id>.*) was supplied but this group does not use it; it is ignored\.$/,
    zh: (g) => `提供了班次 ${t(g, 'id')}，但本考勤组未使用它，已忽略。`,
  },
  {
    source: FEISHU_READ,
    en: /^A shift-based \(排班\) group without any shift: supply the shifts its roster uses \(the group itself lists none\)\.$/,
    zh: () => '排班制（排班）考勤组没有任何班次：请提供其排班用到的班次（考勤组本身不列出班次）。',
  },
  {
    source: FEISHU_READ,
    en: /^The shifts of the group must be supplied as a list \(GET \/shifts\/:id data\)\.$/,
    zh: () => '考勤组的班次必须以列表形式提供（GET /shifts/:id 的 data）。',
  },
  {
    source: FEISHU_READ,
    en: /^Shift (?<id>.*) was supplied twice; the first copy is used\.$/,
    zh: (g) => `班次 ${t(g, 'id')} 提供了两次，使用第一份。`,
  },
  {
    source: FEISHU_READ,
    en: /^Feishu sent a value this gateway cannot read: (?<issue>.*)\.$/s,
    zh: (g) => `飞书返回了本网关无法读取的值：${t(g, 'issue')}。`,
  },
  {
    source: FEISHU_READ,
    en: /^…and (?<count>\d+) more unreadable fields\.$/,
    zh: (g) => `……另有 ${t(g, 'count')} 个字段无法读取。`,
  },
  {
    source: FEISHU_READ,
    en: /^The group's time zone (?<zone>".*") is not an IANA zone; (?<assumed>.*) is assumed\.$/,
    zh: (g) => `考勤组的时区 ${t(g, 'zone')} 不是 IANA 时区，按 ${t(g, 'assumed')} 处理。`,
  },
  {
    source: FEISHU_READ,
    en: /^A (?<kind>free|shift-based \(排班\)) group has no weekly shifts; the listed ones are ignored\.$/,
    zh: (g) => `${t(g, 'kind') === 'free' ? '自由打卡' : '排班制（排班）'}考勤组没有每周班次，列出的班次已忽略。`,
    words: ['kind'],
  },
  {
    source: FEISHU_READ,
    en: /^Special workday (?<date>.*) names the rest "shift" 0, so it has no times; it is left out\.$/,
    zh: (g) => `必须打卡日期 ${t(g, 'date')} 指向休息“班次” 0，没有上下班时间，因此未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^Special workday (?<date>.*) is listed twice; the first entry is kept\.$/,
    zh: (g) => `必须打卡日期 ${t(g, 'date')} 列出了两次，保留第一条。`,
  },
  {
    source: FEISHU_READ,
    en: /^(?<date>.*) is also a special workday; it stays a workday and this day off is left out\.$/,
    zh: (g) => `${t(g, 'date')} 同时也是必须打卡日期；该日仍为工作日，这条无需打卡日期未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^Shift "(?<name>.*)" has (?<count>\d+) punch segments; at most (?<max>\d+) can be carried\.$/,
    zh: (g) => `班次“${t(g, 'name')}”有 ${t(g, 'count')} 个打卡时段，最多只能同步 ${t(g, 'max')} 个。`,
  },
  {
    source: FEISHU_READ,
    en: /^Segment (?<on>.*)–(?<off>.*) of shift "(?<name>.*)" ends before it starts \(a next-day end is written as "26:00"\)\.$/,
    zh: (g) =>
      `班次“${t(g, 'name')}”的打卡时段 ${t(g, 'on')}–${t(g, 'off')} 结束早于开始（次日的结束时间应写成 "26:00" 这样的形式）。`,
  },
  {
    source: FEISHU_READ,
    en: /^Segment (?<on>.*)–(?<off>.*) overlaps the previous one\.$/,
    zh: (g) => `打卡时段 ${t(g, 'on')}–${t(g, 'off')} 与上一个时段重叠。`,
  },
  {
    source: FEISHU_READ,
    en: /^The shift-level "no clock-out" flag is overridden by the per-segment flags, which are what is carried\.$/,
    zh: () => '班次级的“无需下班打卡”设置被各打卡时段的设置覆盖，同步的是各时段的设置。',
  },
  {
    source: FEISHU_READ,
    en: /^Break (?<begin>.*)–(?<end>.*) ends before it starts; it is left out\.$/,
    zh: (g) => `休息时间 ${t(g, 'begin')}–${t(g, 'end')} 结束早于开始，未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^Break (?<begin>.*)–(?<end>.*) is a second break in the same work period; only one can be carried\.$/,
    zh: (g) => `休息时间 ${t(g, 'begin')}–${t(g, 'end')} 是同一上班时段内的第二段休息，只能同步一段。`,
  },
  {
    source: FEISHU_READ,
    en: /^Break (?<begin>.*)–(?<end>.*) is not inside any work period of shift "(?<name>.*)"; left out\.$/,
    zh: (g) => `休息时间 ${t(g, 'begin')}–${t(g, 'end')} 不在班次“${t(g, 'name')}”的任何上班时段内，未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^Shift "(?<name>.*)" has (?<count>\d+) flexible-hours rules; only the first can be carried\.$/,
    zh: (g) => `班次“${t(g, 'name')}”有 ${t(g, 'count')} 条弹性打卡规则，只能同步第一条。`,
  },
  {
    source: FEISHU_READ,
    en: /^The overtime periods of shift "(?<name>.*)" \((?<periods>.*)\) are not carried; what is carried is that overtime is allowed on (?<days>rest days|workdays)\.$/,
    zh: (g) =>
      `班次“${t(g, 'name')}”的加班时段（${t(g, 'periods')}）未同步；同步的是${dayKinds(t(g, 'days'))}允许加班这一点。`,
    words: ['days'],
  },
  {
    source: FEISHU_READ,
    en: /^The overtime breaks of shift "(?<name>.*)" are not carried\.$/,
    zh: (g) => `班次“${t(g, 'name')}”的加班休息时间未同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^shift "(?<name>.*)" is a rest-day shift in Feishu; that marker is not carried\.$/,
    zh: (g) => `班次“${t(g, 'name')}”在飞书中是休息日班次；该标记未同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^The flexible break of shift "(?<name>.*)" is not carried\.$/,
    zh: (g) => `班次“${t(g, 'name')}”的弹性休息未同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^How shift "(?<name>.*)" is split into half days stays in Feishu only\.$/,
    zh: (g) => `班次“${t(g, 'name')}”的半天划分方式只保留在飞书中。`,
  },
  {
    source: FEISHU_READ,
    en: /^The deputies of shift "(?<name>.*)" \(班次子负责人\) exist only in Feishu\. Not carried\.$/,
    zh: (g) => `班次“${t(g, 'name')}”的班次子负责人（班次子负责人）只有飞书有，未同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^How shift "(?<name>.*)" measures "leave late, arrive late" \(fixed vs flexible base\) stays in Feishu only\.$/,
    zh: (g) => `班次“${t(g, 'name')}”计算“晚走晚到”的基准（固定或弹性）只保留在飞书中。`,
  },
  {
    source: FEISHU_READ,
    en: /^The required attendance of shift "(?<name>.*)" \(应出勤配置: (?<values>.*)\) is not carried\. Feishu's documents disagree on its unit \(minutes, or 0–3 days\), so check it in Feishu\.$/,
    zh: (g) =>
      `班次“${t(g, 'name')}”的应出勤配置（应出勤配置：${t(g, 'values')}）未同步。飞书文档对其单位说法不一（分钟，或 0–3 天），请在飞书中核对。`,
  },
  {
    source: FEISHU_READ,
    en: /^Feishu ignores the member scopes while bind_user_ids \/ bind_dept_ids are set, so they are not carried\.$/,
    zh: () => '设置了 bind_user_ids / bind_dept_ids 时飞书会忽略人员范围规则，因此未同步这些范围。',
  },
  {
    source: FEISHU_READ,
    en: /^Feishu ignores these scopes while bind_default_user_ids \/ bind_default_dept_ids are set; not carried\.$/,
    zh: () => '设置了 bind_default_user_ids / bind_default_dept_ids 时飞书会忽略这些范围，未同步。',
  },
  {
    source: FEISHU_READ,
    en: /^Departments whose members need not punch \((?<ids>.*)\) cannot be carried; only individual people can\.$/s,
    zh: (g) => `无需打卡的部门（${list(t(g, 'ids'))}）无法同步，只能同步具体人员。`,
    words: ['ids'],
  },
  {
    source: FEISHU_READ,
    en: /^(?<field>except_user_ids|except_dept_ids) is an offline Feishu field \("该字段已下线"\) that Feishu ignores\.$/,
    zh: (g) => `${t(g, 'field')} 是飞书已下线的字段（"该字段已下线"），飞书会忽略它。`,
  },
  {
    source: FEISHU_READ,
    en: /^The group applies to everyone in the company; that cannot be carried as a list of people or departments\. Bind the top-level department in Feishu instead\.$/,
    zh: () => '该考勤组适用于全公司所有人，无法作为人员或部门列表同步。请改为在飞书中绑定最上级部门。',
  },
  {
    source: FEISHU_READ,
    en: /^A member rule by (?<label>.*?)(?<excluding> \(excluding\))? cannot be carried; only "includes these departments \/ people" can\.$/,
    zh: (g) => {
      const scope = /^scope type (?<type>.*)$/.exec(t(g, 'label'));
      const label = scope?.groups ? `范围类型 ${scope.groups['type']}` : lookup(SCOPE_LABEL, t(g, 'label'));
      if (label === null) return null;
      return `按${label}${g['excluding'] ? '（排除）' : ''}划定的人员规则无法同步，只能同步“包含这些部门 / 人员”的规则。`;
    },
    words: ['label', 'excluding'],
  },
  {
    source: FEISHU_READ,
    en: /^A free group \(group_type 3\) without a free-punch configuration \(free_start_time, punch_day\) cannot be carried\.$/,
    zh: () => '自由打卡考勤组（group_type 3）缺少自由打卡配置（free_start_time、punch_day），无法同步。',
  },
  {
    source: FEISHU_READ,
    en: /^(?<minutes>\d+) minutes a day is configured but not required \(work_hours_demand is off\); no requirement is carried\.$/,
    zh: (g) => `配置了每天 ${t(g, 'minutes')} 分钟，但未要求满足（work_hours_demand 关闭）；同步为无时长要求。`,
  },
  {
    source: FEISHU_READ,
    en: /^Punching ends at (?<end>.*) each day in Feishu; only the day's start \((?<start>.*)\) is carried\.$/,
    zh: (g) => `飞书中每天 ${t(g, 'end')} 停止打卡；只同步每天的开始时间（${t(g, 'start')}）。`,
  },
  {
    source: FEISHU_READ,
    en: /^Feishu counts a workday without any punch as a missing punch; that rule is not carried\.$/,
    zh: () => '飞书把没有任何打卡的工作日记为缺卡；该规则未同步。',
  },
  {
    source: FEISHU_READ,
    en: /^GPS location "(?<name>.*)" has no usable coordinates; left out\.$/,
    zh: (g) => `GPS 打卡地点“${t(g, 'name')}”没有可用的坐标，未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^GPS location "(?<name>.*)" uses an unknown map type; left out\.$/,
    zh: (g) => `GPS 打卡地点“${t(g, 'name')}”使用了未知的地图类型，未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^GPS location "(?<name>.*)" has no radius; Feishu's (?<meters>\d+) m is assumed\.$/,
    zh: (g) => `GPS 打卡地点“${t(g, 'name')}”没有打卡范围，按飞书默认的 ${t(g, 'meters')} 米处理。`,
  },
  {
    source: FEISHU_READ,
    en: /^Wi-Fi "(?<name>.*)" has no valid MAC address \(BSSID\); left out\.$/,
    zh: (g) => `Wi-Fi“${t(g, 'name')}”没有有效的 MAC 地址（BSSID），未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^IP punching from (?<ip>.*) has no counterpart; left out\.$/,
    zh: (g) => `来自 ${t(g, 'ip')} 的 IP 打卡在对方没有对应设置，未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^Location "(?<name>.*)" has an unknown type; left out\.$/,
    zh: (g) => `打卡地点“${t(g, 'name')}”的类型未知，未带上。`,
  },
  {
    source: FEISHU_READ,
    en: /^Attendance machines \((?<machines>.*)\) are not carried\.$/s,
    zh: (g) => `考勤机（${list(t(g, 'machines'))}）未同步。`,
    words: ['machines'],
  },
  {
    source: FEISHU_READ,
    en: /^The group names no punch method \(punch_type 0\); it is read as unset, so all its GPS and Wi-Fi places are used\.$/,
    zh: () => '考勤组未指定任何打卡方式（punch_type 0），按未设置处理，因此其所有 GPS 和 Wi-Fi 打卡地点都会使用。',
  },
  {
    source: FEISHU_READ,
    en: /^(?<method>GPS|Wi-Fi) punching is off in Feishu \(punch_type (?<type>-?\d+)\), so its (?<count>\d+) \k<method> places? (?:is|are) not used in WeCom either\.$/,
    zh: (g) =>
      `飞书中关闭了 ${t(g, 'method')} 打卡（punch_type ${t(g, 'type')}），因此其 ${t(g, 'count')} 个 ${t(g, 'method')} 打卡地点在企业微信中也不使用。`,
  },
  {
    source: FEISHU_READ,
    en: /^Punching on attendance machines is on in Feishu \(punch_type 4\); this sync has no WeCom equivalent for it, so machine punching is not set up in WeCom\.$/,
    zh: () =>
      '飞书中开启了考勤机打卡（punch_type 4）；本同步在企业微信中没有对应设置，因此不会在企业微信中设置考勤机打卡。',
  },
  {
    source: FEISHU_READ,
    en: /^Punching from listed IP addresses is on in Feishu \(punch_type 8\); WeCom has no IP punching, so it is not carried\.$/,
    zh: () => '飞书中开启了指定 IP 地址打卡（punch_type 8）；企业微信没有 IP 打卡，因此未同步。',
  },
  {
    source: FEISHU_READ,
    en: /^punch_type (?<type>-?\d+) has bits Feishu does not document; they are ignored\.$/,
    zh: (g) => `punch_type ${t(g, 'type')} 含有飞书文档未说明的位，已忽略。`,
  },
  {
    source: FEISHU_READ,
    en: /^(?<count>\d+) GPS places? (?:was|were) picked on Google Maps \(map_type 2\); their coordinates are taken as WGS-84 \(GPS\) and converted to GCJ-02, the datum WeCom uses, as this gateway's Google-map datum setting says\.$/,
    zh: (g) =>
      `有 ${t(g, 'count')} 个 GPS 打卡地点是在谷歌地图上选取的（map_type 2）；按本网关的谷歌地图坐标系设置，其坐标视为 WGS-84（GPS），并转换为企业微信使用的 GCJ-02。`,
  },
  {
    source: FEISHU_READ,
    en: /^(?<count>\d+) GPS places? (?:was|were) picked on Google Maps \(map_type 2\); their coordinates are taken as GCJ-02, the datum of Google's map of China, and carried unchanged\. If this tenant's Google places hold WGS-84 \(GPS\) coordinates, change the gateway's Google-map datum setting\.$/,
    zh: (g) =>
      `有 ${t(g, 'count')} 个 GPS 打卡地点是在谷歌地图上选取的（map_type 2）；其坐标视为谷歌中国地图使用的 GCJ-02，原样同步。` +
      '如果本租户的谷歌地点保存的是 WGS-84（GPS）坐标，请修改网关的谷歌地图坐标系设置。',
  },
  {
    source: FEISHU_READ,
    en: /^The group follows the (?<calendar>.*) public-holiday calendar; only mainland China's can be carried\.$/,
    zh: (g) => {
      const calendar = /^#.+$/.test(t(g, 'calendar')) ? t(g, 'calendar') : lookup(CALENDAR, t(g, 'calendar'));
      if (calendar === null) return null;
      return `该考勤组使用${calendar}的法定节假日日历；只能同步中国大陆的节假日日历。`;
    },
    words: ['calendar'],
  },
  {
    source: FEISHU_READ,
    en: /^The group uses a custom holiday calendar \((?<id>.*)\); it is not carried\.$/,
    zh: (g) => `该考勤组使用自定义节假日日历（${t(g, 'id')}），未同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^Make-up punches are counted per custom period starting on day (?<day>.*); the limit is carried as a calendar-month limit\.$/,
    zh: (g) => `补卡次数按自定义周期统计（每期从 ${t(g, 'day')} 日开始）；该限制按自然月同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^The limit is switched on but has no value; carried as unlimited\.$/,
    zh: () => '该限制已开启但没有设置数值，按不限制同步。',
  },
  {
    source: FEISHU_READ,
    en: /^Feishu asks for a face only when a punch looks suspicious; it is carried as "face recognition on every punch"\.$/,
    zh: () => '飞书只在打卡疑似异常时才要求人脸识别；同步为“每次打卡都需人脸识别”。',
  },
  {
    source: FEISHU_READ,
    en: /^Feishu's action liveness check only works when every punch needs a face \(face_punch_cfg 1, here (?<cfg>.*)\); it is carried as the plain liveness check\.$/,
    zh: (g) =>
      `飞书的动作活体检测只在每次打卡都需人脸时生效（face_punch_cfg 1，此处为 ${t(g, 'cfg')}）；同步为普通活体检测。`,
  },
  {
    source: FEISHU_READ,
    en: /^Field punches (?<detail>.*) in Feishu; that condition is not carried\.$/,
    zh: (g) => {
      const detail = lookup(OUT_PUNCH_DETAIL, t(g, 'detail'));
      return detail === null ? null : `飞书中外勤打卡${detail}；该条件未同步。`;
    },
    words: ['detail'],
  },
  {
    source: FEISHU_READ,
    en: /^Field punches may move their address by up to (?<meters>.*) m in Feishu \(微调范围\); not carried\.$/,
    zh: (g) => `飞书中外勤打卡可把地址微调最多 ${t(g, 'meters')} 米（微调范围）；未同步。`,
  },
  {
    source: FEISHU_READ,
    en: /^Feishu's overtime rules \(加班规则\) are outside the attendance-group API, so whether overtime is allowed on (?<unknown>.*?) is not known here; WeCom keeps its own setting for (?:it|them)\.(?: Overtime is allowed on (?<known>.*): the group's shifts have overtime periods there\.)?$/,
    zh: (g) =>
      `飞书的加班规则（加班规则）不在考勤组接口中，因此这里无法得知${dayKinds(t(g, 'unknown'))}是否允许加班；企业微信保留自己的设置。` +
      (g['known'] ? `${dayKinds(t(g, 'known'))}允许加班：考勤组的班次在这些日子设有加班时段。` : ''),
    words: ['unknown', 'known'],
  },
  {
    source: FEISHU_READ,
    en: /^With approval for rest-day punches on, Feishu starts a rest day at 4:00; that day start is not carried\.$/,
    zh: () => '开启休息日打卡需审批后，飞书的休息日从 4:00 开始；该日开始时间未同步。',
  },
  {
    source: FEISHU_READ,
    en: /^(?<setting>.*) Not carried\.$/,
    zh: (g) => {
      const setting = lookup(FEISHU_ONLY_INFO, t(g, 'setting'));
      return setting === null ? null : `${setting}未同步。`;
    },
    words: ['setting'],
  },
  {
    source: FEISHU_READ,
    en: /^(?<setting>.*) is a Feishu-only setting and is not carried\.$/,
    zh: (g) => {
      const setting = lookup(FEISHU_ONLY_DROP, t(g, 'setting'));
      return setting === null ? null : `${setting}是飞书独有的设置，未同步。`;
    },
    words: ['setting'],
  },

  // ---- libs/translation/src/feishu/canonical-to-feishu.mapper.ts --------------------------------------------------
  {
    source: FEISHU_WRITE,
    en: /^The rule could not be translated: (?<error>.*)$/s,
    zh: (g) => `该规则无法转换：${t(g, 'error')}`,
  },
  {
    source: FEISHU_WRITE,
    en: /^The rule refers to shift "(?<key>.*)", which it does not define\.$/,
    zh: (g) => `规则引用了班次“${t(g, 'key')}”，但规则中没有定义该班次。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^The times of special workday (?<date>.*) become a Feishu shift of their own \(Feishu days point to shifts\)\.$/,
    zh: (g) => `必须打卡日期 ${t(g, 'date')} 的上下班时间在飞书中单独建为一个班次（飞书的日期只能指向班次）。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Shifts (?<keys>.*) have identical times and rules; Feishu shares one shift between them\.$/s,
    zh: (g) => `班次 ${list(t(g, 'keys'))} 的时间和规则完全相同，在飞书中共用一个班次。`,
    words: ['keys'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Shift "(?<name>.*)" has no working hours\.$/,
    zh: (g) => `班次“${t(g, 'name')}”没有上班时间。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Working hours (?<on>.*)–(?<off>.*) cannot be written in Feishu \(start from 0:00, end after the start and no later than 47:59, the end of the next day\)\.$/,
    zh: (g) =>
      `上班时间 ${t(g, 'on')}–${t(g, 'off')} 无法写入飞书（开始不早于 0:00，结束晚于开始且不晚于 47:59，即次日结束）。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Working periods overlap; Feishu segments must follow one another\.$/,
    zh: () => '上班时段相互重叠；飞书的打卡时段必须先后相接、不能重叠。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu requires a clock-in for the first working period; a rule without it would mark everyone as missing a punch\.$/,
    zh: () => '飞书要求第一个上班时段必须上班打卡；没有上班打卡的规则会把所有人都记为缺卡。',
  },
  {
    source: FEISHU_WRITE,
    en: /^The break (?<begin>.*)–(?<end>.*) is not inside its working period; left out\.$/,
    zh: (g) => `休息时间 ${t(g, 'begin')}–${t(g, 'end')} 不在所属上班时段内，未带上。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^"Leave late, arrive late next day" of shift "(?<name>.*)" needs Feishu People Enterprise \(仅飞书人事企业版可用\)\.$/,
    zh: (g) => `班次“${t(g, 'name')}”的“晚走晚到”需要飞书人事企业版（仅飞书人事企业版可用）。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^(?<value>.*) is not a time; (?<minutes>\d+) minutes used\.$/,
    zh: (g) => `${t(g, 'value')} 不是有效的时间，改用 ${t(g, 'minutes')} 分钟。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu counts whole minutes; (?<seconds>.*) s is rounded to (?<minutes>.*) min\.$/,
    zh: (g) => `飞书以整分钟计；${t(g, 'seconds')} 秒取整为 ${t(g, 'minutes')} 分钟。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^(?<minutes>.*) min is below what Feishu accepts; (?<min>.*) min is used\.$/,
    zh: (g) => `${t(g, 'minutes')} 分钟低于飞书接受的最小值，改用 ${t(g, 'min')} 分钟。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^No punch window was given; Feishu's is set to clock-in from (?<advance>.*) min before, clock-out until (?<delay>.*) min after, and a punch more than (?<late>.*) min late \/ (?<early>.*) min early counts as missing\.$/,
    zh: (g) =>
      `源端没有设置打卡时间范围；飞书中设为：上班前 ${t(g, 'advance')} 分钟起可上班打卡，下班后 ${t(g, 'delay')} 分钟内可下班打卡，` +
      `迟到超过 ${t(g, 'late')} 分钟 / 早退超过 ${t(g, 'early')} 分钟记为缺卡。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^The (?<what>.*) lies inside the working time; Feishu needs it outside, so 0 min is used\.$/,
    zh: (g) => {
      const what = lookup(WINDOW_EDGE, t(g, 'what'));
      return what === null ? null : `${what}落在上班时间之内；飞书要求它在上班时间之外，因此改用 0 分钟。`;
    },
    words: ['what'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu allows at most (?<max>.*) min for the (?<what>.*); (?<value>.*) min is cut to \k<max>\.$/,
    zh: (g) => {
      const what = lookup(WINDOW_EDGE, t(g, 'what'));
      if (what === null) return null;
      return `飞书的${what}最多允许 ${t(g, 'max')} 分钟；${t(g, 'value')} 分钟已截为 ${t(g, 'max')} 分钟。`;
    },
    words: ['what'],
  },
  {
    source: FEISHU_WRITE,
    en: /^(?<count>\d+) existing Feishu shift\(s\) could not be read and are not considered for reuse\.$/,
    zh: (g) => `有 ${t(g, 'count')} 个现有飞书班次无法读取，不参与复用。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu shift "(?<name>.*)" \((?<id>.*)\) exists with other times or rules; the shift is planned under another name\.$/,
    zh: (g) => `飞书班次“${t(g, 'name')}”（${t(g, 'id')}）已存在，但时间或规则不同；该班次将以另一个名称创建。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Existing Feishu shift "(?<name>.*)" \((?<id>.*)\) has the same times and rules and is reused(?: for (?<names>.*))?\.$/s,
    zh: (g) =>
      `现有飞书班次“${t(g, 'name')}”（${t(g, 'id')}）的时间和规则相同，` +
      (g['names'] ? `复用于 ${list(t(g, 'names'))}。` : '直接复用。'),
    words: ['names'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Shift (?<names>.*) is named "(?<name>.*)" in Feishu: shift names are unique tenant-wide, so they are derived from the times\.$/s,
    zh: (g) =>
      `班次 ${list(t(g, 'names'))} 在飞书中命名为“${t(g, 'name')}”：飞书的班次名称在整个租户内唯一，因此按上下班时间生成。`,
    words: ['names'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu requires at least one attendance group owner \(group_leader_ids\); configure FEISHU_DEFAULT_GROUP_LEADER_IDS\.$/,
    zh: () => '飞书要求考勤组至少有一名考勤负责人（group_leader_ids）；请配置 FEISHU_DEFAULT_GROUP_LEADER_IDS。',
  },
  {
    source: FEISHU_WRITE,
    en: /^The rule has no name; a Feishu group needs one\.$/,
    zh: () => '规则没有名称；飞书考勤组必须有名称。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Unknown rule kind (?<kind>.*)\.$/,
    zh: (g) => `未知的规则类型 ${t(g, 'kind')}。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Only fixed groups have a weekly pattern in Feishu; it is not written\.$/,
    zh: () => '飞书中只有固定班制考勤组有每周排布；未写入。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Special workday (?<date>.*) has (?<why>no valid date|no working hours); left out\.$/,
    zh: (g) =>
      `必须打卡日期 ${t(g, 'date')} ${t(g, 'why') === 'no valid date' ? '不是有效日期' : '没有上班时间'}，未带上。`,
    words: ['why'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu special days have no note; "(?<note>.*)" is not carried\.$/s,
    zh: (g) => `飞书的特殊日期没有备注；备注“${t(g, 'note')}”未同步。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Special day off (?<date>.*) has no valid date; left out\.$/,
    zh: (g) => `无需打卡日期 ${t(g, 'date')} 不是有效日期，未带上。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^(?<date>.*) is also a special workday; it stays a workday\.$/,
    zh: (g) => `${t(g, 'date')} 同时也是必须打卡日期；该日仍为工作日。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Nobody would be in the Feishu group \(no person or department could be mapped\); it is not written\.$/,
    zh: () => '飞书考勤组中将没有任何人（没有一个人员或部门能映射过去），因此未写入。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Employees may apply for make-up punches for other exceptions in WeCom; Feishu has no such type \(only missing, late, early and normal punches\), so that is not carried\.$/,
    zh: () => '企业微信中员工可为其他异常申请补卡；飞书没有这一类型（只有缺卡、迟到、早退和正常打卡），因此未同步。',
  },
  {
    source: FEISHU_WRITE,
    en: /^A liveness check without face recognition cannot be set in Feishu; left out\.$/,
    zh: () => '飞书中不能在不开启人脸识别的情况下设置活体检测，未带上。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu cannot accept an out-of-range punch as a mere exception; it is allowed as a field punch \(外勤\) that needs approval\.$/,
    zh: () => '飞书不能把范围外打卡仅记为异常；改为允许外勤打卡（外勤），且需要审批。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu's attendance group cannot say whether overtime is allowed; this rule has overtime (?<parts>.*)\. Set that in Feishu's overtime rules \(加班规则\); the group only shows overtime hours \(show_over_time (?<show>on|off)\)\.$/,
    zh: (g) =>
      `飞书考勤组无法设置是否允许加班；本规则为：${overtimeParts(t(g, 'parts'))}。请在飞书的加班规则（加班规则）中设置；` +
      `考勤组只决定是否显示加班时长（show_over_time ${t(g, 'show')}）。`,
    words: ['parts'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu cannot forbid punching on rest days; such punches need an approval instead \(休息日打卡需审批\), the closest Feishu has\.$/,
    zh: () => '飞书无法禁止休息日打卡；改为休息日打卡需审批（休息日打卡需审批），这是飞书最接近的设置。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu's attendance groups have no punch reminder; the reminder (?<before>.*) before work and (?<after>.*) after work is not carried\.$/,
    zh: (g) =>
      `飞书考勤组没有打卡提醒；上班前 ${duration(t(g, 'before'))}、下班后 ${duration(t(g, 'after'))}的提醒未同步。`,
    words: ['before', 'after'],
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu has one punch radius per group; the locations' radii \((?<radii>.*) m\) become (?<radius>.*) m, the largest\.$/,
    zh: (g) =>
      `飞书每个考勤组只有一个打卡范围；各地点的范围（${t(g, 'radii')} 米）统一为其中最大的 ${t(g, 'radius')} 米。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^A free rule without its settings: no workdays, day starting at 0:00\.$/,
    zh: () => '自由打卡规则缺少其设置：按无工作日、每天从 0:00 开始处理。',
  },
  {
    source: FEISHU_WRITE,
    en: /^The day cannot start at (?<time>.*); 0:00 is used\.$/,
    zh: (g) => `一天不能从 ${t(g, 'time')} 开始，改用 0:00。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu counts whole minutes; the day start is rounded\.$/,
    zh: () => '飞书以整分钟计；每天的开始时间已取整。',
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu takes 0–1440 whole minutes; (?<minutes>.*) min is used\.$/,
    zh: (g) => `飞书只接受 0–1440 的整分钟数；改用 ${t(g, 'minutes')} 分钟。`,
  },
  {
    source: FEISHU_WRITE,
    en: /^Feishu's punching window must end after it starts within one day \(free_end_time is a time of day\); a day starting at 23:59 is written as 0:00–23:59\.$/,
    zh: () =>
      '飞书的打卡时间范围必须在同一天内先开始后结束（free_end_time 是当天的时刻）；从 23:59 开始的一天写为 0:00–23:59。',
  },
  {
    source: FEISHU_WRITE,
    en: /^The attendance day starts at (?<start>.*) and runs 24 hours; Feishu's punching window ends at a time of the same day, so punches are accepted from \k<start> to 23:59 and punches after midnight until (?<until>.*) fall outside it\.$/,
    zh: (g) =>
      `考勤日从 ${t(g, 'start')} 开始，持续 24 小时；飞书的打卡时间范围只能在当天结束，` +
      `因此只接受 ${t(g, 'start')} 至 23:59 的打卡，午夜后到 ${t(g, 'until')} 的打卡不在范围内。`,
  },

  // ---- libs/translation/src/wecom/wecom-to-canonical.mapper.ts ----------------------------------------------------
  {
    source: WECOM_READ,
    en: /^The time zone "(?<zone>.*)" is not a known IANA time zone, so dates cannot be read\.$/,
    zh: (g) => `时区“${t(g, 'zone')}”不是已知的 IANA 时区，因此无法读取日期。`,
  },
  {
    source: WECOM_READ,
    en: /^The WeCom rule could not be read: field (?<field>.*?) is malformed \((?<issue>.*)\)\.$/s,
    zh: (g) => `企业微信打卡规则无法读取：字段 ${t(g, 'field')} 格式不正确（${t(g, 'issue')}）。`,
  },
  {
    source: WECOM_READ,
    en: /^Rule type (?<type>.*) is unknown: WeCom rules are 1 \(fixed\), 2 \(by shift\) or 3 \(free\)\.$/,
    zh: (g) =>
      `未知的规则类型 ${t(g, 'type')}：企业微信打卡规则只有 1（固定时间上下班）、2（按班次上下班）和 3（自由上下班）。`,
  },
  {
    source: WECOM_READ,
    en: /^The rule is a fixed-time rule; its list of shifts \(schedulelist\) is not used by WeCom for it and was ignored\.$/,
    zh: () => '该规则是固定时间上下班规则；企业微信不会使用它的班次列表（schedulelist），已忽略。',
  },
  {
    source: WECOM_READ,
    en: /^The rule works by shifts; its weekly times \(checkindate\) have no meaning for it in WeCom and were ignored\.$/,
    zh: () => '该规则按班次上下班；其每周上下班时间（checkindate）在企业微信中对它不起作用，已忽略。',
  },
  {
    source: WECOM_READ,
    en: /^This fixed-time rule stores no working times \(checkindate\[\]\.checkintime, which WeCom requires for fixed-time rules\), so it cannot be translated\.$/,
    zh: () =>
      '该固定时间上下班规则没有保存任何上下班时间（checkindate[].checkintime，企业微信要求固定时间规则必须有），因此无法转换。',
  },
  {
    source: WECOM_READ,
    en: /^A working-day layout has times but no weekdays \(workdays\), so it applies to no day of the week\.$/,
    zh: () => '有一组工作日设置有上下班时间但没有选择星期（workdays），因此不适用于任何一天。',
  },
  {
    source: WECOM_READ,
    en: /^Weekday (?<day>.*) is not a WeCom weekday \(0 = Sunday … 6 = Saturday\); it was left out\.$/,
    zh: (g) => `星期值 ${t(g, 'day')} 不是企业微信的星期（0 = 周日 … 6 = 周六），未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Weekday (?<day>.*) appears in two day layouts; only the first one was kept \(WeCom allows each weekday once\)\.$/,
    zh: (g) => `星期值 ${t(g, 'day')} 出现在两组工作日设置中；只保留第一组（企业微信中每个星期几只能出现一次）。`,
  },
  {
    source: WECOM_READ,
    en: /^A working-day layout has no clock-in\/clock-out times, so its weekdays are treated as rest days\.$/,
    zh: () => '有一组工作日设置没有上下班打卡时间，因此其所选星期按休息日处理。',
  },
  {
    source: WECOM_READ,
    en: /^Shift id (?<id>.*) appears twice; the second shift was left out\.$/,
    zh: (g) => `班次 ID ${t(g, 'id')} 出现了两次，第二个班次未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Shift "(?<name>.*)" has no clock-in\/clock-out times and was left out\.$/,
    zh: (g) => `班次“${t(g, 'name')}”没有上下班打卡时间，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Flexible time values are stored but flexible time is switched off \(allow_flex false\), so they were ignored\.$/,
    zh: () => '保存了弹性时间的数值，但弹性打卡已关闭（allow_flex false），因此已忽略。',
  },
  {
    source: WECOM_READ,
    en: /^The value (?<raw>.*) is above WeCom's 6 h maximum in seconds and a whole number of milliseconds, so it was read as milliseconds: (?<seconds>.*)\.$/,
    zh: (g) =>
      `数值 ${t(g, 'raw')} 按秒计超过企业微信 6 小时的上限，且是整数毫秒，因此按毫秒读取：${duration(t(g, 'seconds'))}。`,
    words: ['seconds'],
  },
  {
    source: WECOM_READ,
    en: /^The value (?<raw>.*) is above WeCom's 6 h maximum and not a whole number of milliseconds; it was read as seconds \((?<seconds>.*)\)\.$/,
    zh: (g) =>
      `数值 ${t(g, 'raw')} 超过企业微信 6 小时的上限，且不是整数毫秒；按秒读取（${duration(t(g, 'seconds'))}）。`,
    words: ['seconds'],
  },
  {
    source: WECOM_READ,
    en: /^The grace time (?<raw>.*) is negative and was ignored\.$/,
    zh: (g) => `宽限时间 ${t(g, 'raw')} 为负数，已忽略。`,
  },
  {
    source: WECOM_READ,
    en: /^A "leave late, arrive late next day" step stores no (?<field>offwork_after_time|onwork_flex_time); it was read as 0\.$/,
    zh: (g) => `有一档“晚走晚到”没有保存 ${t(g, 'field')}，按 0 读取。`,
  },
  {
    source: WECOM_READ,
    en: /^"Leave late, arrive late next day" steps are stored but the option is switched off \(allow_offwork_after_time false\), so they were ignored\.$/,
    zh: () => '保存了“晚走晚到”的档位，但该选项已关闭（allow_offwork_after_time false），因此已忽略。',
  },
  {
    source: WECOM_READ,
    en: /^"Leave late, arrive late next day" needs flexible time, which is switched off \(allow_flex false\); the steps were ignored\.$/,
    zh: () => '“晚走晚到”需要开启弹性打卡，而弹性打卡已关闭（allow_flex false）；这些档位已忽略。',
  },
  {
    source: WECOM_READ,
    en: /^The time section (?<on>.*)–(?<off>.*) ends before it starts and was left out\.$/,
    zh: (g) => `时段 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))} 结束早于开始，未带上。`,
    words: ['on', 'off'],
  },
  {
    source: WECOM_READ,
    en: /^A break (?<begin>.*)–(?<end>.*) is stored but switched off \(allow_rest false\), so it was ignored\.$/,
    zh: (g) =>
      `保存了休息时间 ${clock(t(g, 'begin'))}–${clock(t(g, 'end'))}，但休息时间已关闭（allow_rest false），因此已忽略。`,
    words: ['begin', 'end'],
  },
  {
    source: WECOM_READ,
    en: /^A day has (?<count>\d+) time sections; only the first 4 were kept \(at most 4 are allowed\)\.$/,
    zh: (g) => `一天有 ${t(g, 'count')} 个时段；只保留前 4 个（最多允许 4 个）。`,
  },
  {
    source: WECOM_READ,
    en: /^Only part of the punch window is stored; the vendor default window is used instead\.$/,
    zh: () => '打卡时间范围只保存了一部分；改用默认的打卡时间范围。',
  },
  {
    source: WECOM_READ,
    en: /^The old-style punch limit \((?<limits>.*)\) of (?<span>.*) is overridden by the newer punch window stored next to it, which was used\.$/,
    zh: (g) =>
      `时段 ${span(t(g, 'span'))} 的旧版打卡限制（${t(g, 'limits').split(', ').map(windowBound).join('，')}）被同时保存的新版打卡时间范围覆盖，使用的是新版范围。`,
    words: ['limits', 'span'],
  },
  {
    source: WECOM_READ,
    en: /^(?:The old-style punch limit \((?<carried>.*)\) was carried as the punch window of (?<span>.*?)\.|The punch window of (?<partial>.*?) is stored only in part\.) (?:WeCom stores no other bounds for it, so the gateway's defaults were used: (?<defaulted>.*)\.|The other bounds are the ones stored\.)$/,
    zh: (g) => {
      const head = g['carried']
        ? `时段 ${span(t(g, 'span'))} 的旧版打卡限制（${t(g, 'carried').split('; ').map(windowBound).join('；')}）已作为其打卡时间范围同步。`
        : `时段 ${span(t(g, 'partial'))} 的打卡时间范围只保存了一部分。`;
      const tail = g['defaulted']
        ? `企业微信没有保存其他边界，因此使用了本网关的默认值：${t(g, 'defaulted').split(', ').map(windowBound).join('，')}。`
        : '其他边界使用已保存的值。';
      return head + tail;
    },
    words: ['carried', 'span', 'partial', 'defaulted'],
  },
  {
    source: WECOM_READ,
    en: /^Weekday (?<day>.*) is not a WeCom weekday and was left out\.$/,
    zh: (g) => `星期值 ${t(g, 'day')} 不是企业微信的星期，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Required working time (?<seconds>.*) s is not valid; treated as "no requirement"\.$/,
    zh: (g) => `要求的工作时长 ${t(g, 'seconds')} 秒无效；按“无时长要求”处理。`,
  },
  {
    source: WECOM_READ,
    en: /^The day start (?<seconds>.*) s is outside one day; midnight is used\.$/,
    zh: (g) => `每天的开始时间 ${t(g, 'seconds')} 秒超出了一天的范围，改用午夜 0 点。`,
  },
  {
    source: WECOM_READ,
    en: /^The rule also applies to WeCom tags \((?<tags>.*)\); tags have no equivalent on the other side, so their members are not included\.$/s,
    zh: (g) => `该规则还适用于企业微信标签（${t(g, 'tags')}）；对方没有对应的标签，因此不包含这些标签下的人员。`,
  },
  {
    source: WECOM_READ,
    en: /^Location "(?<name>.*)" has no coordinates and was left out\.$/,
    zh: (g) => `打卡地点“${t(g, 'name')}”没有坐标，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Location "(?<name>.*)" has impossible coordinates and was left out\.$/,
    zh: (g) => `打卡地点“${t(g, 'name')}”的坐标不可能存在，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Location "(?<name>.*)" has no check-in radius and was left out\.$/,
    zh: (g) => `打卡地点“${t(g, 'name')}”没有打卡范围，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Wi-Fi "(?<name>.*)" has no router MAC address and was left out\.$/,
    zh: (g) => `Wi-Fi“${t(g, 'name')}”没有路由器 MAC 地址，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^Wi-Fi "(?<name>.*)" has an invalid router MAC address "(?<mac>.*)" and was left out\.$/,
    zh: (g) => `Wi-Fi“${t(g, 'name')}”的路由器 MAC 地址“${t(g, 'mac')}”无效，未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^The Wi-Fi (?<bssid>.*) has no name; it is kept unnamed\.$/,
    zh: (g) => `Wi-Fi ${t(g, 'bssid')} 没有名称，按无名称保留。`,
  },
  {
    source: WECOM_READ,
    en: /^A special day has no usable date and was left out\.$/,
    zh: () => '有一个特殊日期没有可用的日期，未带上。',
  },
  {
    source: WECOM_READ,
    en: /^A special day has an impossible date \((?<day>.*)\) and was left out\.$/,
    zh: (g) => `有一个特殊日期的日期不可能存在（${t(g, 'day')}），未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^The special day (?<date>.*) is listed twice; the second entry was left out\.$/,
    zh: (g) => `特殊日期 ${t(g, 'date')} 列出了两次，第二条未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^More than (?<max>\d+) special days; (?<date>.*) was left out\.$/,
    zh: (g) => `特殊日期超过 ${t(g, 'max')} 个；${t(g, 'date')} 未带上。`,
  },
  {
    source: WECOM_READ,
    en: /^A special working day has no working times and was left out\.$/,
    zh: () => '有一个必须打卡日期没有上下班时间，未带上。',
  },
  {
    source: WECOM_READ,
    en: /^The make-up punch limit (?<value>.*) is not valid; treated as unlimited\.$/,
    zh: (g) => `补卡限制 ${t(g, 'value')} 无效，按不限制处理。`,
  },
  {
    source: WECOM_READ,
    en: /^The make-up punch restriction (?<value>.*) is not a valid set of flags; all types are allowed\.$/,
    zh: (g) => `补卡类型限制 ${t(g, 'value')} 不是有效的标志组合；按允许所有类型处理。`,
  },
  {
    source: WECOM_READ,
    en: /^Out-of-range punching setting (?<value>.*) is unknown; it is treated as WeCom's default, "counts as an exception"\.$/,
    zh: (g) => `范围外打卡设置 ${t(g, 'value')} 未知；按企业微信的默认值“记为异常”处理。`,
  },
  {
    source: WECOM_READ,
    en: /^No overtime switch \(allow_ot\) is stored for (?<kinds>.*); overtime there is read as not allowed\.$/,
    zh: (g) => `${t(g, 'kinds')} 没有保存加班开关（allow_ot）；这些日子按不允许加班读取。`,
  },
  {
    source: WECOM_READ,
    en: /^Overtime is on\. Only whether overtime is allowed on workdays, rest days and holidays is carried; how WeCom counts it \(approval or punches, minimums, rest deductions, time off in lieu\) stays WeCom-specific\.$/,
    zh: () =>
      '已开启加班。只同步工作日、休息日和节假日是否允许加班；企业微信如何计算加班（按审批或打卡、最短时长、扣除休息、调休）仍只在企业微信中。',
  },
  {
    source: WECOM_READ,
    en: /^Overtime is on \(old-style overtime settings\)\. Only whether overtime is allowed on workdays and on non-working days \(rest days and holidays alike\) is carried; the counting details stay WeCom-specific\.$/,
    zh: () =>
      '已开启加班（旧版加班设置）。只同步工作日和非工作日（休息日与节假日相同）是否允许加班；具体计算方式仍只在企业微信中。',
  },
  {
    source: WECOM_READ,
    en: /^Liveness detection is stored as on, but face recognition is off and WeCom only checks liveness on face punches; read as no liveness check\.$/,
    zh: () => '活体检测保存为开启，但人脸识别已关闭，而企业微信只在人脸打卡时做活体检测；按不做活体检测读取。',
  },
  {
    source: WECOM_READ,
    en: /^The punch reminders of (?<on>.*)–(?<off>.*) \((?<these>.*)\) differ from those of the rule's first time section \((?<first>.*)\); the rule keeps one reminder for all its sections, so the first one's was used\.$/,
    zh: (g) =>
      `时段 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))} 的打卡提醒（${reminder(t(g, 'these'))}）与规则第一个时段的提醒（${reminder(t(g, 'first'))}）不同；` +
      '规则的所有时段只保留一个提醒，因此使用第一个时段的提醒。',
    words: ['on', 'off', 'these', 'first'],
  },
  {
    source: WECOM_READ,
    en: /^No (?<side>clock-in|clock-out) reminder is stored for (?<on>.*)–(?<off>.*?)(?<others> or the rule's other time sections)?; it was read as at the (?:start|end) of work\.$/,
    zh: (g) => {
      const clockIn = t(g, 'side') === 'clock-in';
      return (
        `时段 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))}${g['others'] ? ' 及规则的其他时段' : ' '}没有保存${clockIn ? '上班' : '下班'}打卡提醒；` +
        `按${clockIn ? '上班时' : '下班时'}提醒读取。`
      );
    },
    words: ['side', 'on', 'off', 'others'],
  },
  {
    source: WECOM_READ,
    en: /^A punch reminder (?<amount>.*) (?<side>after the start|before the end) of work is not one WeCom offers; it was read as at the (?:start|end) of work\.$/,
    zh: (g) =>
      t(g, 'side') === 'after the start'
        ? `上班后 ${duration(t(g, 'amount'))}的打卡提醒不是企业微信提供的选项；按上班时提醒读取。`
        : `下班前 ${duration(t(g, 'amount'))}的打卡提醒不是企业微信提供的选项；按下班时提醒读取。`,
    words: ['amount', 'side'],
  },
  {
    source: WECOM_READ,
    en: /^Punching on non-working days is switched on, but WeCom has that setting for fixed-time rules only; it has no effect on this rule and was not carried\.$/,
    zh: () => '已开启非工作日打卡，但企业微信只有固定时间上下班规则才有该设置；它对本规则不起作用，未同步。',
  },
  {
    source: WECOM_READ,
    en: /^Punching is set to (?<mode>attendance machines|phone and attendance machines|mode .+); attendance machines are not synced, only phone punching rules are carried\.$/,
    zh: (g) => {
      const mode = t(g, 'mode');
      const rendered =
        mode === 'attendance machines'
          ? '考勤机打卡'
          : mode === 'phone and attendance machines'
            ? '手机和考勤机打卡'
            : `模式 ${mode.slice('mode '.length)}`;
      return `打卡方式设为${rendered}；考勤机不参与同步，只同步手机打卡规则。`;
    },
    words: ['mode'],
  },
  {
    source: WECOM_READ,
    en: /^The people who receive attendance reports \(汇报人\) are WeCom-only and are not carried\.$/,
    zh: () => '考勤汇报对象（汇报人）是企业微信独有的，未同步。',
  },
  {
    source: WECOM_READ,
    en: /^Whether punch notes may use photos from the album is WeCom-only and is not carried\.$/,
    zh: () => '打卡备注是否允许使用相册照片是企业微信独有的设置，未同步。',
  },
  {
    source: WECOM_READ,
    en: /^Out-of-office punches count as clock-in\/out in WeCom; this setting is not carried\.$/,
    zh: () => '企业微信中外出打卡计为上下班打卡；该设置未同步。',
  },
  {
    source: WECOM_READ,
    en: /^Make-up punches close on day (?<day>.*) of the next month in WeCom; this deadline is not carried\.$/,
    zh: (g) => `企业微信中补卡截止到次月 ${t(g, 'day')} 日；该截止日未同步。`,
  },
  {
    source: WECOM_READ,
    en: /^The monthly make-up punch reminder is WeCom-only and is not carried\.$/,
    zh: () => '每月补卡提醒是企业微信独有的，未同步。',
  },
  {
    source: WECOM_READ,
    en: /^Clock-out is only accepted (?<interval>.*) after clock-in in WeCom; this minimum interval is not carried\.$/,
    zh: (g) => `企业微信中上班打卡后 ${duration(t(g, 'interval'))}才能下班打卡；该最短间隔未同步。`,
    words: ['interval'],
  },

  // ---- libs/translation/src/wecom/canonical-to-wecom.mapper.ts ----------------------------------------------------
  {
    source: WECOM_WRITE,
    en: /^Some time sections had no punch window of their own; WeCom requires one, so clock-in is accepted from 1 h before start to mid-section and clock-out from mid-section to 1 h after end \(shortened where sections are close together\)\.$/,
    zh: () =>
      '有些时段没有自己的打卡时间范围；企业微信要求设置，因此上班打卡从上班前 1 小时到时段中点、下班打卡从时段中点到下班后 1 小时（时段相距较近时相应缩短）。',
  },
  {
    source: WECOM_WRITE,
    en: /^The rule has no name; WeCom requires a rule name \(groupname\)\.$/,
    zh: () => '规则没有名称；企业微信要求规则名称（groupname）。',
  },
  {
    source: WECOM_WRITE,
    en: /^The rule name was shortened to "(?<name>.*)": WeCom allows at most 40 characters\.$/s,
    zh: (g) => `规则名称已截短为“${t(g, 'name')}”：企业微信最多允许 40 个字符。`,
  },
  {
    source: WECOM_WRITE,
    en: /^The rule runs in (?<zone>.*) but WeCom only knows China time \(UTC\+8\): clock times are written unchanged and special days as China calendar dates\.$/,
    zh: (g) =>
      `该规则使用时区 ${t(g, 'zone')}，而企业微信只有北京时间（UTC+8）：上下班时刻原样写入，特殊日期按北京时间的日期写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Nobody is left in the rule after mapping people and departments to WeCom; WeCom does not accept a rule that applies to no one\.$/,
    zh: () => '把人员和部门映射到企业微信后，规则中已没有任何人；企业微信不接受不适用于任何人的规则。',
  },
  {
    source: WECOM_WRITE,
    en: /^Location "(?<name>.*)" has coordinates WeCom cannot store and was left out\.$/,
    zh: (g) => `打卡地点“${t(g, 'name')}”的坐标企业微信无法保存，未带上。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Check-in radius of "(?<name>.*)" (?<from>.*) m was changed to (?<to>.*) m: WeCom only allows 100–1000 m in steps of 100, 1500, 2000, 2500 or 3000 m\.$/,
    zh: (g) =>
      `“${t(g, 'name')}”的打卡范围 ${t(g, 'from')} 米已改为 ${t(g, 'to')} 米：企业微信只允许 100–1000 米（以 100 米为单位）、1500、2000、2500 或 3000 米。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Wi-Fi router (?<mac>.*) is listed twice; WeCom needs each MAC address once, so the second entry was left out\.$/,
    zh: (g) => `Wi-Fi 路由器 ${t(g, 'mac')} 列出了两次；企业微信中每个 MAC 地址只能出现一次，因此第二条未带上。`,
  },
  {
    source: WECOM_WRITE,
    en: /^WeCom allows at most (?<max>\d+) locations and Wi-Fi networks; (?<count>\d+) were left out\.$/,
    zh: (g) => `企业微信最多允许 ${t(g, 'max')} 个打卡地点和 Wi-Fi；有 ${t(g, 'count')} 个未带上。`,
  },
  {
    source: WECOM_WRITE,
    en: /^No usable GPS location or Wi-Fi network is left; WeCom requires at least one place where people may punch\.$/,
    zh: () => '没有剩下可用的 GPS 打卡地点或 Wi-Fi；企业微信要求至少有一个可以打卡的地点。',
  },
  {
    source: WECOM_WRITE,
    en: /^The (?<what>location name|location address|Wi-Fi name) was shortened to "(?<value>.*)": WeCom allows at most 40 characters\.$/s,
    zh: (g) => `${TEXT_FIELD[t(g, 'what')]}已截短为“${t(g, 'value')}”：企业微信最多允许 40 个字符。`,
    words: ['what'],
  },
  {
    source: WECOM_WRITE,
    en: /^(?<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) points to a shift that is not in the rule, so it was written as a rest day\.$/,
    zh: (g) => `${weekday(t(g, 'day'))}指向的班次不在规则中，因此写为休息日。`,
    words: ['day'],
  },
  {
    source: WECOM_WRITE,
    en: /^Shift "(?<name>.*)" is not worked on any weekday; a fixed WeCom rule has no list of spare shifts, so it was not written\.$/,
    zh: (g) => `班次“${t(g, 'name')}”没有安排在任何一天；企业微信的固定时间规则没有备用班次列表，因此未写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^The fixed rule has no working weekday; WeCom requires at least one day with working times\.$/,
    zh: () => '固定时间规则没有任何工作日；企业微信要求至少有一天设有上下班时间。',
  },
  {
    source: WECOM_WRITE,
    en: /^A by-shift WeCom rule has no weekly pattern \(people are rostered day by day\), so the week was not written\.$/,
    zh: () => '企业微信按班次上下班的规则没有每周排布（人员按天排班），因此未写入每周设置。',
  },
  {
    source: WECOM_WRITE,
    en: /^The by-shift rule has no shift; WeCom requires at least one working shift besides the rest day\.$/,
    zh: () => '按班次上下班的规则没有班次；企业微信要求除休息外至少有一个上班班次。',
  },
  {
    source: WECOM_WRITE,
    en: /^The rule has (?<count>\d+) shifts; WeCom allows at most (?<max>\d+) working shifts next to its rest day \(50 in all\)\.$/,
    zh: (g) => `该规则有 ${t(g, 'count')} 个班次；企业微信除休息外最多允许 ${t(g, 'max')} 个上班班次（共 50 个）。`,
  },
  {
    source: WECOM_WRITE,
    en: /^The shift has no name; it was named "(?<name>.*)" because WeCom requires one\.$/,
    zh: (g) => `该班次没有名称；因企业微信要求班次名称，已命名为“${t(g, 'name')}”。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Shift "(?<from>.*)" was renamed "(?<to>.*)": WeCom shift names are unique within a rule, at most 40 characters, and "休息" is reserved for the rest day\.$/s,
    zh: (g) =>
      `班次“${t(g, 'from')}”已改名为“${t(g, 'to')}”：企业微信的班次名称在一个规则内必须唯一、最多 40 个字符，且“休息”保留给休息日。`,
  },
  {
    source: WECOM_WRITE,
    en: /^A free WeCom rule has no shifts or working times, so the shifts and week were not written\.$/,
    zh: () => '企业微信的自由上下班规则没有班次和上下班时间，因此未写入班次和每周设置。',
  },
  {
    source: WECOM_WRITE,
    en: /^The free rule has no working weekday; WeCom requires at least one\.$/,
    zh: () => '自由上下班规则没有任何工作日；企业微信要求至少有一天。',
  },
  {
    source: WECOM_WRITE,
    en: /^The attendance day start (?<from>.*) was changed to (?<to>.*): WeCom needs a whole minute within one day\.$/,
    zh: (g) => `考勤日的开始时间 ${clock(t(g, 'from'))} 已改为 ${clock(t(g, 'to'))}：企业微信要求一天之内的整分钟。`,
    words: ['from', 'to'],
  },
  {
    source: WECOM_WRITE,
    en: /^Required working time (?<from>.*) was changed to (?<to>.*): WeCom allows 1 h to 24 h in steps of 30 minutes\.$/,
    zh: (g) =>
      `要求的工作时长 ${duration(t(g, 'from'))}已改为 ${duration(t(g, 'to'))}：企业微信允许 1 小时到 24 小时，以 30 分钟为单位。`,
    words: ['from', 'to'],
  },
  {
    source: WECOM_WRITE,
    en: /^A day has (?<count>\d+) time sections; WeCom allows 1 to 4\.$/,
    zh: (g) => `一天有 ${t(g, 'count')} 个时段；企业微信允许 1 到 4 个。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Working time (?<on>.*)–(?<off>.*) was rounded to (?<on2>.*)–(?<off2>.*): WeCom stores whole minutes\.$/,
    zh: (g) =>
      `上班时间 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))} 已取整为 ${clock(t(g, 'on2'))}–${clock(t(g, 'off2'))}：企业微信按整分钟保存。`,
    words: ['on', 'off', 'on2', 'off2'],
  },
  {
    source: WECOM_WRITE,
    en: /^Working time (?<span>.*) cannot be written: WeCom needs the start between 00:01 and 24:00 so a clock-in window fits before it\.$/,
    zh: (g) =>
      `上班时间 ${span(t(g, 'span'))} 无法写入：企业微信要求上班时间在 00:01 到 24:00 之间，以便之前留出上班打卡时间。`,
    words: ['span'],
  },
  {
    source: WECOM_WRITE,
    en: /^Working time (?<span>.*) cannot be written: WeCom needs the end after the start by more than 1 minute and less than 24 hours, and before 23:59 the next day\.$/,
    zh: (g) =>
      `上班时间 ${span(t(g, 'span'))} 无法写入：企业微信要求下班时间比上班时间晚 1 分钟以上、24 小时以内，并早于次日 23:59。`,
    words: ['span'],
  },
  {
    source: WECOM_WRITE,
    en: /^Working time (?<span>.*) cannot be written in a fixed WeCom rule: clock-out must be possible no later than 04:00 the next day\.$/,
    zh: (g) =>
      `上班时间 ${span(t(g, 'span'))} 无法写入企业微信固定时间规则：下班打卡最晚必须在次日 04:00 之前可以完成。`,
    words: ['span'],
  },
  {
    source: WECOM_WRITE,
    en: /^Working times (?<first>.*) and (?<second>.*) overlap or are less than 2 minutes apart; WeCom needs separate, non-overlapping punch windows\.$/,
    zh: (g) =>
      `上班时间 ${span(t(g, 'first'))} 与 ${span(t(g, 'second'))} 重叠或相隔不足 2 分钟；企业微信要求各时段的打卡时间范围互不重叠。`,
    words: ['first', 'second'],
  },
  {
    source: WECOM_WRITE,
    en: /^Punch window of (?<span>.*) \(clock-in (?<in1>.*), clock-out (?<out1>.*)\) was changed to clock-in (?<in2>.*), clock-out (?<out2>.*): WeCom needs whole minutes, windows around the working time, no overlap between sections(?<fixed>, and clock-out by 04:00 the next day)?\.$/,
    zh: (g) =>
      `时段 ${span(t(g, 'span'))} 的打卡时间范围（上班打卡 ${span(t(g, 'in1'))}，下班打卡 ${span(t(g, 'out1'))}）` +
      `已改为上班打卡 ${span(t(g, 'in2'))}，下班打卡 ${span(t(g, 'out2'))}：企业微信要求整分钟、范围包住上班时间、各时段互不重叠` +
      `${g['fixed'] ? '，且下班打卡不晚于次日 04:00' : ''}。`,
    words: ['span', 'in1', 'out1', 'in2', 'out2', 'fixed'],
  },
  {
    source: WECOM_WRITE,
    en: /^"Seriously late" after (?<after>.*) has no WeCom equivalent and was not written\.$/,
    zh: (g) => `“迟到超过 ${duration(t(g, 'after'))}记为严重迟到”在企业微信中没有对应设置，未写入。`,
    words: ['after'],
  },
  {
    source: WECOM_WRITE,
    en: /^The break (?<begin>.*)–(?<end>.*) does not lie strictly inside the working time (?<on>.*)–(?<off>.*), which WeCom requires; it was not written\.$/,
    zh: (g) =>
      `休息时间 ${clock(t(g, 'begin'))}–${clock(t(g, 'end'))} 不完全在上班时间 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))} 之内，而企业微信要求如此；未写入。`,
    words: ['begin', 'end', 'on', 'off'],
  },
  {
    source: WECOM_WRITE,
    en: /^The break was rounded to (?<begin>.*)–(?<end>.*): WeCom stores whole minutes\.$/,
    zh: (g) => `休息时间已取整为 ${clock(t(g, 'begin'))}–${clock(t(g, 'end'))}：企业微信按整分钟保存。`,
    words: ['begin', 'end'],
  },
  {
    source: WECOM_WRITE,
    en: /^Grace for late arrival \((?<late>.*)\) and early leave \((?<early>.*)\) was not written: WeCom cannot combine it with flexible arrival \(up to (?<flexEarly>.*) early \/ (?<flexLate>.*) late\), which was kept\.$/,
    zh: (g) =>
      `允许迟到（${duration(t(g, 'late'))}）和允许早退（${duration(t(g, 'early'))}）未写入：企业微信不能把它与弹性上下班` +
      `（最多提前 ${duration(t(g, 'flexEarly'))} / 延后 ${duration(t(g, 'flexLate'))}）同时设置，保留的是弹性上下班。`,
    words: ['late', 'early', 'flexEarly', 'flexLate'],
  },
  {
    source: WECOM_WRITE,
    en: /^"Leave late, arrive late next day" was not written: WeCom only allows it together with a grace time or flexible arrival, and this shift has neither\.$/,
    zh: () => '“晚走晚到”未写入：企业微信只允许它与允许迟到早退或弹性上下班一起设置，而该班次两者都没有。',
  },
  {
    source: WECOM_WRITE,
    en: /^"Leave (?<off>.*) late, arrive (?<on>.*) late next day" became (?<off2>.*) \/ (?<on2>.*): WeCom allows multiples of 15 minutes up to 10 hours, and the later arrival may not exceed the later leave\.$/,
    zh: (g) =>
      `“下班晚走 ${duration(t(g, 'off'))}，次日晚到 ${duration(t(g, 'on'))}”已改为 ${duration(t(g, 'off2'))} / ${duration(t(g, 'on2'))}：` +
      '企业微信只允许 15 分钟的整数倍、最多 10 小时，且晚到不能超过晚走。',
    words: ['off', 'on', 'off2', 'on2'],
  },
  {
    source: WECOM_WRITE,
    en: /^Special working day (?<date>.*) was not written: WeCom only has special working days in fixed-time rules\.$/,
    zh: (g) => `必须打卡日期 ${t(g, 'date')} 未写入：企业微信只有固定时间上下班规则才有必须打卡日期。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special day "(?<date>.*)" is not a valid date and was not written\.$/,
    zh: (g) => `特殊日期“${t(g, 'date')}”不是有效日期，未写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special day (?<date>.*) is today or in the past; WeCom only accepts future special days, so it was not written\.$/,
    zh: (g) => `特殊日期 ${t(g, 'date')} 是今天或已过去；企业微信只接受将来的特殊日期，因此未写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special day (?<date>.*) is listed more than once; WeCom allows each date once, so only the first was written\.$/,
    zh: (g) => `特殊日期 ${t(g, 'date')} 列出了多次；企业微信中每个日期只能出现一次，因此只写入了第一条。`,
  },
  {
    source: WECOM_WRITE,
    en: /^WeCom allows at most (?<max>\d+) special days; (?<date>.*) was not written\.$/,
    zh: (g) => `企业微信最多允许 ${t(g, 'max')} 个特殊日期；${t(g, 'date')} 未写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special working day (?<date>.*?) has no working times(?: \(shift (?<key>.*) not found\))? and was not written\.$/,
    zh: (g) =>
      `必须打卡日期 ${t(g, 'date')} 没有上下班时间${g['key'] === undefined ? '' : `（找不到班次 ${t(g, 'key')}）`}，未写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special working day (?<date>.*) has (?<count>\d+) time sections; WeCom allows at most (?<max>\d+)\. It was not written\.$/,
    zh: (g) => `必须打卡日期 ${t(g, 'date')} 有 ${t(g, 'count')} 个时段；企业微信最多允许 ${t(g, 'max')} 个。未写入。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special working day (?<date>.*) was written with its working times only: WeCom special days carry no punch windows, breaks, grace or flexible time\.$/,
    zh: (g) =>
      `必须打卡日期 ${t(g, 'date')} 只写入了上下班时间：企业微信的特殊日期没有打卡时间范围、休息时间、允许迟到早退或弹性时间。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Special working day (?<date>.*) \((?<on>.*)–(?<off>.*)\) was not written: WeCom needs special-day work to start between 04:00 and 18:00, end by 03:00 the next day, and sections not to overlap\.$/,
    zh: (g) =>
      `必须打卡日期 ${t(g, 'date')}（${clock(t(g, 'on'))}–${clock(t(g, 'off'))}）未写入：企业微信要求特殊日期的上班时间在 04:00 到 18:00 之间、下班不晚于次日 03:00，且各时段互不重叠。`,
    words: ['on', 'off'],
  },
  {
    source: WECOM_WRITE,
    en: /^Special working day (?<date>.*): working time rounded to (?<on>.*)–(?<off>.*) \(WeCom stores whole minutes\)\.$/,
    zh: (g) =>
      `必须打卡日期 ${t(g, 'date')}：上班时间已取整为 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))}（企业微信按整分钟保存）。`,
    words: ['on', 'off'],
  },
  {
    source: WECOM_WRITE,
    en: /^The special day had no note; WeCom requires one, so "(?<note>.*)" was written\.$/,
    zh: (g) => `该特殊日期没有备注；企业微信要求填写备注，因此写入了“${t(g, 'note')}”。`,
  },
  {
    source: WECOM_WRITE,
    en: /^The special-day note was shortened to "(?<note>.*)": WeCom allows at most 40 bytes \(about 13 Chinese characters\)\.$/s,
    zh: (g) => `特殊日期的备注已截短为“${t(g, 'note')}”：企业微信最多允许 40 个字节（约 13 个汉字）。`,
  },
  {
    source: WECOM_WRITE,
    en: /^Liveness detection was not switched on: WeCom only offers it together with face recognition, which this rule does not use\.$/,
    zh: () => '未开启活体检测：企业微信只在开启人脸识别时才提供活体检测，而本规则未使用人脸识别。',
  },
  {
    source: WECOM_WRITE,
    en: /^Face punches need a liveness check with an action \(e\.g\. blinking or turning the head\); WeCom’s liveness check has no action variant, so its standard liveness check was switched on instead\.$/,
    zh: () => '人脸打卡要求动作活体检测（如眨眼或转头）；企业微信的活体检测没有动作版本，因此改为开启其标准活体检测。',
  },
  {
    source: WECOM_WRITE,
    en: /^Punching on rest days is (?<policy>not allowed|allowed) in the source; WeCom has this setting for fixed-time rules only, so it was not written for this rule\.$/,
    zh: (g) =>
      `源端${t(g, 'policy') === 'allowed' ? '允许' : '不允许'}休息日打卡；企业微信只有固定时间上下班规则才有该设置，因此本规则未写入。`,
    words: ['policy'],
  },
  {
    source: WECOM_WRITE,
    en: /^Punching on rest days needs an approval in the source; WeCom has no approval step for it, so punching on rest days was simply allowed\.$/,
    zh: () => '源端休息日打卡需要审批；企业微信没有这一审批步骤，因此直接允许休息日打卡。',
  },
  {
    source: WECOM_WRITE,
    en: /^The punch reminder of (?<on>.*)–(?<off>.*) \((?<wanted>.*)\) would fall outside the day, so (?<written>.*) was written\.$/,
    zh: (g) =>
      `时段 ${clock(t(g, 'on'))}–${clock(t(g, 'off'))} 的打卡提醒（${reminder(t(g, 'wanted'))}）会超出当天，因此改为写入：${reminder(t(g, 'written'))}。`,
    words: ['on', 'off', 'wanted', 'written'],
  },
  {
    source: WECOM_WRITE,
    en: /^The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: (?<reminder>.*)\.$/,
    zh: (g) =>
      `源端没有打卡提醒；企业微信要求每个时段都有提醒，因此写入了本网关的默认提醒：${reminder(t(g, 'reminder'))}。`,
    words: ['reminder'],
  },
  {
    source: WECOM_WRITE,
    en: /^A free rule has no working times, so WeCom keeps no punch reminders for it; the reminder was not written\.$/,
    zh: () => '自由上下班规则没有上下班时间，企业微信不为它保存打卡提醒；提醒未写入。',
  },
  {
    source: WECOM_WRITE,
    en: /^Make-up punches for punches that were normal are allowed in the source; WeCom has no such option \(its make-up punches are for missing, late, early or other exceptions only\), so it was not written\.$/,
    zh: () => '源端允许为正常打卡补卡；企业微信没有这个选项（只能为缺卡、迟到、早退或其他异常补卡），因此未写入。',
  },
  {
    source: WECOM_WRITE,
    en: /^Make-up punches are not allowed, so their limits and types were not written \(WeCom keeps them only when make-up punches are on\)\.$/,
    zh: () => '不允许补卡，因此补卡的次数限制和类型未写入（企业微信只在开启补卡时保存它们）。',
  },
  {
    source: WECOM_WRITE,
    en: /^(?<what>Make-up punches per month|Days a make-up punch may reach back) (?<value>.*) was changed to (?<bounded>.*): WeCom allows (?<min>\d+) to (?<max>\d+) \(or unlimited\)\.$/,
    zh: (g) =>
      `${REMEDY_LIMIT[t(g, 'what')]} ${t(g, 'value')} 已改为 ${t(g, 'bounded')}：企业微信允许 ${t(g, 'min')} 到 ${t(g, 'max')}（或不限）。`,
    words: ['what'],
  },
  {
    source: WECOM_WRITE,
    en: /^(?<what>Grace for late arrival|Grace for early leave) differs between the sections of the day \((?<values>.*)\); WeCom has one value per day, so the most lenient, (?<used>.*), was used\.$/,
    zh: (g) =>
      `${FLEX_WHAT[t(g, 'what')]}在当天各时段之间不同（${t(g, 'values').split(', ').map(duration).join('、')}）；` +
      `企业微信每天只有一个值，因此使用最宽松的 ${duration(t(g, 'used'))}。`,
    words: ['what', 'values', 'used'],
  },
  {
    source: WECOM_WRITE,
    en: /^(?<what>Grace for late arrival|Grace for early leave|Flexible early arrival|Flexible late arrival) (?<from>.*) was (?<how>capped|rounded) to (?<to>.*): WeCom only allows multiples of 5 minutes, up to 6 hours\.$/,
    zh: (g) =>
      `${FLEX_WHAT[t(g, 'what')]} ${duration(t(g, 'from'))}已${t(g, 'how') === 'capped' ? '截为' : '取整为'} ${duration(t(g, 'to'))}：` +
      '企业微信只允许 5 分钟的整数倍，最多 6 小时。',
    words: ['what', 'from', 'how', 'to'],
  },
  {
    source: WECOM_WRITE,
    en: /^The source does not say whether overtime is allowed on (?<kinds>.*), so WeCom's overtime for those days was not set by it: a new WeCom rule gets "not allowed" \(approval only\), an existing one keeps its own setting\.$/,
    zh: (g) =>
      `源端没有说明${dayKinds(t(g, 'kinds'))}是否允许加班，因此这些日子的企业微信加班设置不由它决定：` +
      '新建的企业微信规则为“不允许”（仅审批），已有规则保留自己的设置。',
    words: ['kinds'],
  },
  {
    source: WECOM_WRITE,
    en: /^A punch reminder (?<amount>.*) (?<where>after the start|before the end|before the start|after the end) of work was written as (?<written>.*): WeCom offers (?<choices>.*) minutes (?<side>before|after) the (?:start|end) of work\.$/,
    zh: (g) => {
      const where: Readonly<Record<string, string>> = {
        'after the start': '上班后',
        'before the end': '下班前',
        'before the start': '上班前',
        'after the end': '下班后',
      };
      const side = t(g, 'side') === 'before' ? '上班前' : '下班后';
      const written = /^(?<amount>.*) (?:before|after)$/.exec(t(g, 'written'));
      const writtenText =
        t(g, 'written') === 'on time'
          ? '准时提醒'
          : written?.groups
            ? `${side} ${duration(t(written.groups, 'amount'))}`
            : null;
      if (writtenText === null) return null;
      return (
        `${where[t(g, 'where')]} ${duration(t(g, 'amount'))}的打卡提醒已写为${writtenText}：` +
        `企业微信只提供${side} ${t(g, 'choices')} 分钟的提醒。`
      );
    },
    words: ['amount', 'where', 'written', 'side'],
  },
  {
    source: WECOM_WRITE,
    en: /^Reminder offset (?<value>.*) min is not one WeCom offers \((?<choices>.*)\); no offset \(on time\) was used\.$/,
    zh: (g) => `提醒提前量 ${t(g, 'value')} 分钟不是企业微信提供的选项（${t(g, 'choices')}）；改为准时提醒（不提前）。`,
  },

  // ---- apps/gateway/src/sync/rules/wecom-rules.rule-side.ts (run item notes, item errors) -------------------------
  {
    source: RULES_F2W,
    en: /^every name this group's WeCom rule could carry \("(?<first>.*)" to "(?<last>.*)"\) is held by another group's rule, so none was created; rename the group$/,
    zh: (g) =>
      `该考勤组的企业微信打卡规则可用的名称（“${t(g, 'first')}”到“${t(g, 'last')}”）都已被其他考勤组的规则占用，因此未创建；请给考勤组改名`,
  },
  {
    source: RULES_F2W,
    en: /^The linked WeCom rule (?<id>.*) no longer exists in WeCom; it was created again\.$/,
    zh: (g) => `已关联的企业微信打卡规则 ${t(g, 'id')} 在企业微信中已不存在；已重新创建。`,
  },
  {
    source: RULES_F2W,
    en: /^(?<count>\d+) WeCom rules carry the name "(?<name>.*)"; the oldest \(groupid (?<id>.*)\) was adopted\.$/,
    zh: (g) =>
      `有 ${t(g, 'count')} 个企业微信打卡规则名为“${t(g, 'name')}”；已接管其中最早的一个（groupid ${t(g, 'id')}）。`,
  },
  {
    source: RULES_F2W,
    en: /^the Feishu group no longer exists; its WeCom rule was left as it is \(SYNC_PROPAGATE_DELETES is off\)$/,
    zh: () => '飞书考勤组已不存在；其企业微信打卡规则保持不变（SYNC_PROPAGATE_DELETES 未开启）',
  },
  {
    source: RULES_F2W,
    en: /^the Feishu group no longer exists$/,
    zh: () => '飞书考勤组已不存在',
  },
  {
    source: RULES_F2W,
    en: /^The Feishu group was deleted, so its WeCom rule (?<id>.*) was deleted too \(SYNC_PROPAGATE_DELETES\)\.$/,
    zh: (g) => `飞书考勤组已被删除，因此其企业微信打卡规则 ${t(g, 'id')} 也一并删除（SYNC_PROPAGATE_DELETES）。`,
  },
  {
    source: RULES_F2W,
    en: /^the WeCom rule of this two-way link was deleted; the Feishu group was left as it is \(SYNC_PROPAGATE_DELETES is off\)$/,
    zh: () => '这条双向关联的企业微信打卡规则已被删除；飞书考勤组保持不变（SYNC_PROPAGATE_DELETES 未开启）',
  },
  {
    source: RULES_F2W,
    en: /^The WeCom rule was deleted, so the Feishu group was deleted too \(SYNC_PROPAGATE_DELETES\)\.$/,
    zh: () => '企业微信打卡规则已被删除，因此飞书考勤组也一并删除（SYNC_PROPAGATE_DELETES）。',
  },
  {
    source: RULES_F2W,
    en: /^WeCom accepted the rule "(?<name>.*)" but does not list it; the next run will look again$/,
    zh: (g) => `企业微信已接受打卡规则“${t(g, 'name')}”，但列表中查不到它；下次运行会再查找`,
  },
  {
    source: RULES_F2W,
    en: /^The WeCom rule was renamed from "(?<from>.*)" to "(?<to>.*)": rules carry their Feishu group's name\.$/,
    zh: (g) => `企业微信打卡规则已从“${t(g, 'from')}”改名为“${t(g, 'to')}”：打卡规则沿用其飞书考勤组的名称。`,
  },
  {
    source: RULES_F2W,
    en: /^The WeCom rule is named "(?<name>.*)": another Feishu group's rule already carries the name "(?<own>.*)"\.$/,
    zh: (g) => `企业微信打卡规则命名为“${t(g, 'name')}”：另一个飞书考勤组的打卡规则已使用名称“${t(g, 'own')}”。`,
  },
  {
    source: RULES_F2W,
    en: /^The WeCom rule was changed outside the gateway since the last sync; this one-way sync overwrote it with the Feishu group\.$/,
    zh: () => '自上次同步以来，企业微信打卡规则在网关之外被修改过；本次单向同步已用飞书考勤组覆盖它。',
  },
  {
    source: RULES_F2W,
    en: /^the linked WeCom rule (?<id>.*) could not be read \((?<reason>.*)\), so nothing was written to it; the rule's own item in this run says more$/s,
    zh: (g) =>
      `无法读取已关联的企业微信打卡规则 ${t(g, 'id')}（${t(g, 'reason')}），因此未向它写入任何内容；详见本次运行中该规则自己的条目`,
  },
  {
    source: RULES_F2W,
    en: /^WeCom rule (?<id>.*) belongs to another WeCom app, which alone may change it; an earlier run was refused \((?<error>.*)\), so this one did not try again\. Sync this pair WeCom → Feishu, or name the Feishu group in groupIds to try once more\.$/s,
    zh: (g) =>
      `企业微信打卡规则 ${t(g, 'id')} 属于另一个企业微信应用，只有该应用能修改它；之前的一次运行被拒绝（${t(g, 'error')}），因此本次未再尝试。` +
      '请按企业微信 → 飞书的方向同步这一对，或在 groupIds 中指定该飞书考勤组再试一次。',
  },

  // ---- apps/gateway/src/sync/rules/feishu-groups.rule-side.ts (run item notes, item errors) -----------------------
  {
    source: RULES_W2F,
    en: /^the WeCom rule no longer exists; its Feishu group was left as it is \(SYNC_PROPAGATE_DELETES is off\)$/,
    zh: () => '企业微信打卡规则已不存在；其飞书考勤组保持不变（SYNC_PROPAGATE_DELETES 未开启）',
  },
  {
    source: RULES_W2F,
    en: /^the WeCom rule no longer exists$/,
    zh: () => '企业微信打卡规则已不存在',
  },
  {
    source: RULES_W2F,
    en: /^The WeCom rule was deleted, so its Feishu group (?<id>.*) was deleted too \(SYNC_PROPAGATE_DELETES\)\.$/,
    zh: (g) => `企业微信打卡规则已被删除，因此其飞书考勤组 ${t(g, 'id')} 也一并删除（SYNC_PROPAGATE_DELETES）。`,
  },
  {
    source: RULES_W2F,
    en: /^The linked Feishu group (?<id>.*) no longer exists in Feishu; it was created again\.$/,
    zh: (g) => `已关联的飞书考勤组 ${t(g, 'id')} 在飞书中已不存在；已重新创建。`,
  },
  {
    source: RULES_W2F,
    en: /^The Feishu group was changed outside the gateway since the last sync; this one-way sync overwrote it with the WeCom rule\.$/,
    zh: () => '自上次同步以来，飞书考勤组在网关之外被修改过；本次单向同步已用企业微信打卡规则覆盖它。',
  },
  {
    source: RULES_W2F,
    en: /^the Feishu attendance group (?<group>.*) carries this rule's name but is already paired with WeCom rule (?<rule>.*), so it was not adopted and no second group of that name was created; rename one of the two rules in WeCom, then run again$/,
    zh: (g) =>
      `飞书考勤组 ${t(g, 'group')} 使用了本规则的名称，但已与企业微信打卡规则 ${t(g, 'rule')} 配对，因此未接管它，也未再创建同名考勤组；` +
      '请在企业微信中给这两个规则之一改名后再运行',
  },

  // ---- libs/connectors/src/feishu/feishu-rules.connector.ts (a rules sync note) -----------------------------------
  {
    source: FEISHU_RULES,
    en: /^(?<count>\d+) location\(s\) of the Feishu group are not in the (?<noun>WeCom rule|Feishu group), but Feishu's API can only add locations, never remove them; remove them in the Feishu admin console if they should go\.$/,
    zh: (g) =>
      `飞书考勤组中有 ${t(g, 'count')} 个打卡地点不在${t(g, 'noun') === 'WeCom rule' ? '企业微信打卡规则' : '飞书考勤组'}中，` +
      '但飞书接口只能添加打卡地点、不能删除；如需删除，请在飞书管理后台操作。',
    words: ['noun'],
  },

  // ---- apps/gateway/src/sync/rosters/roster-plan.ts (losses) ------------------------------------------------------
  {
    source: ROSTER_PLAN,
    en: /^(?<source>Feishu|WeCom) has (?<has>a rest day|shift .+?) and (?<target>Feishu|WeCom) has (?<other>a rest day|shift .+?) on this day; on a two-way link a scheduled run only fills days one side lacks, so neither was changed\. Run a one-way roster sync from the side that is right\.$/,
    zh: (g) => {
      const describe = (value: string): string =>
        value === 'a rest day' ? '休息' : `班次 ${value.slice('shift '.length)}`;
      return (
        `这一天${vendor(t(g, 'source'))}排的是${describe(t(g, 'has'))}，${vendor(t(g, 'target'))}排的是${describe(t(g, 'other'))}；` +
        '双向关联下，定时同步只补齐一方缺少的日子，因此两边都未改动。请从正确的一方执行一次单向排班同步。'
      );
    },
    words: ['source', 'has', 'target', 'other'],
  },

  // ---- apps/gateway/src/sync/rosters/rosters.reconciler.ts (losses, item errors) ----------------------------------
  {
    source: ROSTERS,
    en: /^this (?<noun>Feishu group|WeCom rule) is not linked yet: run the rules sync \(scope "rules"\) first; rosters are synced between linked 排班 groups only$/,
    zh: (g) =>
      `该${RULE_NOUN[t(g, 'noun')]}尚未关联：请先执行规则同步（scope "rules"）；排班只在已关联的排班制考勤组之间同步`,
    words: ['noun'],
  },
  {
    source: ROSTERS,
    en: /^the link changed while this run was going; run the roster sync again$/,
    zh: () => '本次运行期间关联发生了变化；请重新执行排班同步',
  },
  {
    source: ROSTERS,
    en: /^the linked (?<noun>Feishu group|WeCom rule) (?<id>.*) could not be read \((?<reason>.*)\); its roster was not synced$/s,
    zh: (g) => `无法读取已关联的${RULE_NOUN[t(g, 'noun')]} ${t(g, 'id')}（${t(g, 'reason')}）；其排班未同步`,
    words: ['noun'],
  },
  {
    source: ROSTERS,
    en: /^the linked (?<noun>Feishu group|WeCom rule) (?<id>.*) no longer exists \(the rules sync reports it\)$/,
    zh: (g) => `已关联的${RULE_NOUN[t(g, 'noun')]} ${t(g, 'id')} 已不存在（规则同步会报告此事）`,
    words: ['noun'],
  },
  {
    source: ROSTERS,
    en: /^The (?<vendor>Feishu roster|WeCom schedules) of (?<user>.*) could not be read \((?<reason>.*)\); none of their days was written\.$/s,
    zh: (g) =>
      `无法读取 ${t(g, 'user')} 的${t(g, 'vendor') === 'Feishu roster' ? '飞书排班' : '企业微信排班'}（${t(g, 'reason')}）；其所有日子均未写入。`,
    words: ['vendor'],
  },
  {
    source: ROSTERS,
    en: /^The (?<vendor>Feishu roster|WeCom schedules) of (?<user>.*) could not be read \((?<reason>.*)\), so this day was not written\.$/s,
    zh: (g) =>
      `无法读取 ${t(g, 'user')} 的${t(g, 'vendor') === 'Feishu roster' ? '飞书排班' : '企业微信排班'}（${t(g, 'reason')}），因此这一天未写入。`,
    words: ['vendor'],
  },
  {
    source: ROSTERS,
    en: /^none of the (?<count>\d+) roster day\(s\) could be written$/,
    zh: (g) => `${t(g, 'count')} 个排班日全部未能写入`,
  },
  {
    source: ROSTERS,
    en: /^no roster day of this group could be carried over; the losses say why, per person and day$/,
    zh: () => '该考勤组没有任何排班日能同步过去；原因见按人按天列出的未同步项',
  },
  {
    source: ROSTERS,
    en: /^(?<source>Feishu|WeCom) user (?<user>.*) has no (?<target>Feishu|WeCom) user mapped \(PUT \/api\/v1\/mappings\/users\), so this day was not written to \k<target>\.$/,
    zh: (g) =>
      `${vendor(t(g, 'source'))}用户 ${t(g, 'user')} 没有映射的${vendor(t(g, 'target'))}用户（PUT /api/v1/mappings/users），因此这一天未写入${vendor(t(g, 'target'))}。`,
    words: ['source', 'target'],
  },
  {
    source: ROSTERS,
    en: /^no shift of this group is linked to a schedule of its WeCom rule, so no roster day can be translated: run the rules sync \(scope "rules", (?<way>Feishu → WeCom|WeCom → Feishu)\) first, then this roster sync again$/,
    zh: (g) =>
      `该考勤组没有任何班次关联到其企业微信打卡规则的班次，因此无法转换任何排班日：` +
      `请先执行规则同步（scope "rules"，${t(g, 'way') === 'Feishu → WeCom' ? '飞书 → 企业微信' : '企业微信 → 飞书'}），再重新执行本次排班同步`,
    words: ['way'],
  },

  // ---- apps/gateway/src/sync/rosters/wecom-rosters.roster-side.ts (a target's unpaired shift) ----------------------
  {
    source: ROSTERS_WECOM_SIDE,
    en: /^Feishu shift (?<shift>.*?)(?: \((?<name>.*)\))? has no schedule in WeCom rule (?<rule>.*): run the rules sync Feishu → WeCom \(it adds the shifts the roster uses\), then this roster sync again\.$/,
    zh: (g) =>
      `飞书班次 ${t(g, 'shift')}${g['name'] === undefined ? '' : `（${t(g, 'name')}）`}在企业微信打卡规则 ${t(g, 'rule')} 中没有对应班次：` +
      '请先执行飞书 → 企业微信的规则同步（它会添加排班用到的班次），再重新执行本次排班同步。',
  },

  // ---- apps/gateway/src/sync/rosters/feishu-rosters.roster-side.ts (a target's unpaired shift) ---------------------
  {
    source: ROSTERS_FEISHU_SIDE,
    en: /^WeCom schedule (?<schedule>.*?)(?: \((?<name>.*)\))? has no Feishu shift linked: run the rules sync WeCom → Feishu \(it creates or links the shifts\), then this roster sync again\.$/,
    zh: (g) =>
      `企业微信班次 ${t(g, 'schedule')}${g['name'] === undefined ? '' : `（${t(g, 'name')}）`}没有关联的飞书班次：` +
      '请先执行企业微信 → 飞书的规则同步（它会创建或关联班次），再重新执行本次排班同步。',
  },

  // ---- libs/connectors/src/feishu/feishu-rosters.connector.ts (roster losses) -------------------------------------
  {
    source: FEISHU_ROSTERS,
    en: /^Feishu refused the roster of (?<user>.*?) on this day: (?<reason>.*)$/s,
    zh: (g) => `飞书拒绝了 ${t(g, 'user')} 这一天的排班：${t(g, 'reason')}`,
  },
  {
    source: FEISHU_ROSTERS,
    en: /^Feishu did not apply this day to (?<user>.*) \(its answer listed it as not taken effect; usually the person does not belong to attendance group (?<group>.*) on that day: a person belongs to one Feishu group per day\)\.$/,
    zh: (g) =>
      `飞书未对 ${t(g, 'user')} 应用这一天的排班（其返回结果把它列为未生效；通常是此人当天不属于考勤组 ${t(g, 'group')}：` +
      '在飞书中一个人每天只属于一个考勤组）。',
  },
  {
    source: FEISHU_ROSTERS,
    en: /^Feishu answered a batch of (?<count>\d+) roster days with a message the gateway could not read \("(?<message>.*)"\); some of those days may not have taken effect\. The next run compares again and rewrites any that did not\.$/s,
    zh: (g) =>
      `飞书对一批 ${t(g, 'count')} 个排班日的返回中有一条网关无法读取的消息（"${t(g, 'message')}"）；其中部分日子可能未生效。` +
      '下次同步会重新比对，并重写未生效的日子。',
  },

  // ---- libs/connectors/src/wecom/wecom-rosters.connector.ts (roster losses) ---------------------------------------
  {
    source: WECOM_ROSTERS,
    en: /^WeCom refused the schedule of (?<user>.*?) on this day: (?<reason>.*)$/s,
    zh: (g) => `企业微信拒绝了 ${t(g, 'user')} 这一天的排班：${t(g, 'reason')}`,
  },

  // ---- apps/gateway/src/sync/punches/punches.reconciler.ts (run item notes, item errors) --------------------------
  {
    source: PUNCHES,
    en: /^not synced: (?<source>Feishu|WeCom) user (?<user>.*) has no mapped (?<target>Feishu|WeCom) user \(PUT \/api\/v1\/mappings\/users\)$/,
    zh: (g) =>
      `未同步：${vendor(t(g, 'source'))}用户 ${t(g, 'user')} 没有映射的${vendor(t(g, 'target'))}用户（PUT /api/v1/mappings/users）`,
    words: ['source', 'target'],
  },
  {
    source: PUNCHES,
    en: /^(?<count>\d+) already in (?<target>Feishu|WeCom) from an earlier run$/,
    zh: (g) => `${t(g, 'count')} 条打卡已在之前的同步中写入${vendor(t(g, 'target'))}`,
    words: ['target'],
  },
  {
    source: PUNCHES,
    en: /^(?<count>\d+) came from (?<target>Feishu|WeCom) through the gateway, so not sent back$/,
    zh: (g) => `${t(g, 'count')} 条打卡是经网关从${vendor(t(g, 'target'))}同步过来的，因此不再回传`,
    words: ['target'],
  },
  {
    source: PUNCHES,
    en: /^(?<count>\d+) would be written to (?<target>Feishu|WeCom)$/,
    zh: (g) => `${t(g, 'count')} 条打卡将写入${vendor(t(g, 'target'))}`,
    words: ['target'],
  },
  {
    source: PUNCHES,
    en: /^(?<count>\d+) written to (?<target>Feishu|WeCom)$/,
    zh: (g) => `${t(g, 'count')} 条打卡已写入${vendor(t(g, 'target'))}`,
    words: ['target'],
  },
  {
    source: PUNCHES,
    en: /^(?<count>\d+) skipped: (?<reason>.*)$/,
    zh: (g) => {
      const reason = lookup(SKIP_REASON, t(g, 'reason'));
      return reason === null ? null : `${t(g, 'count')} 条已跳过：${reason}`;
    },
    words: ['reason'],
  },
  {
    source: PUNCHES,
    en: /^(?<count>\d+) repeated the same person and second and were kept once$/,
    zh: (g) => `${t(g, 'count')} 条打卡与同一人同一秒的打卡重复，只保留一条`,
  },

  // ---- apps/gateway/src/sync/rules/two-way.ts (item errors) -------------------------------------------------------
  {
    source: TWO_WAY,
    en: /^left unsynced: its name conflict (?<conflict>.*) was resolved with "skip"; set the link's direction \(PATCH \/api\/v1\/links\/(?<link>.*)\) or name it in groupIds to sync it again$/,
    zh: (g) =>
      `未同步：其名称冲突 ${t(g, 'conflict')} 已按“skip”解决；如需再次同步，请设置关联的方向（PATCH /api/v1/links/${t(g, 'link')}），或在 groupIds 中指定它`,
  },
  {
    source: TWO_WAY,
    en: /^(?<unresolved>unresolved name conflict: )?a (?<object>Feishu attendance group|WeCom rule) named "(?<name>.*)" \(id (?<id>.*)\) already exists and this gateway did not create it, so it was neither adopted nor duplicated; resolve conflict (?<conflict>.*) with POST \/api\/v1\/conflicts\/\k<conflict>\/resolve \{"resolution": "adopt"\|"overwrite"\|"skip"\} \(adopt: link it, its content wins; overwrite: link it, this side's content wins; skip: leave this one unsynced\)$/s,
    zh: (g) => {
      const conflict = t(g, 'conflict') === '(would be opened)' ? '（将会创建）' : t(g, 'conflict');
      return (
        `${g['unresolved'] ? '未解决的名称冲突：' : ''}已存在名为“${t(g, 'name')}”的${RULE_NOUN[t(g, 'object')]}（id ${t(g, 'id')}），` +
        `且不是本网关创建的，因此既未接管也未重复创建；请用 POST /api/v1/conflicts/${conflict}/resolve ` +
        `{"resolution": "adopt"|"overwrite"|"skip"} 解决冲突 ${conflict}（adopt：关联它，以它的内容为准；overwrite：关联它，以本方内容为准；skip：不同步这一项）`
      );
    },
    words: ['unresolved', 'object', 'conflict'],
  },

  // ---- libs/kernel/src/unreadable-record.ts (a record set aside, a blocking loss) ---------------------------------
  {
    source: UNREADABLE,
    en: /^(?<vendor>Feishu|WeCom) (?<kind>attendance group|checkin rule|group member|monthly schedule|punch|roster day|shift) (?<which>.*?) could not be read: (?<reason>.*)$/s,
    zh: (g) => {
      const position = /^#(?<number>\d+) of its answer \(no readable id\)$/.exec(t(g, 'which'));
      const which = position?.groups
        ? `#${position.groups['number']}（返回结果中的第 ${position.groups['number']} 条，没有可读的 ID）`
        : t(g, 'which');
      return `${vendor(t(g, 'vendor'))}${RECORD_KIND[t(g, 'kind')]} ${which} 无法读取：${t(g, 'reason')}`;
    },
    words: ['vendor', 'kind', 'which'],
  },

  // ---- apps/gateway/src/sync/engine/sync-error-policy.ts (describeFailure: a vendor's refusal, an item error) ---
  {
    source: ERROR_POLICY,
    en: /^(?<vendor>feishu|wecom) (?<kind>auth|rate_limit|transient|permission|not_found|invalid_request|foreign_owned_rule|unknown)(?: at (?<endpoint>.*?))?(?: \(code (?<code>[^)]*)\))?: (?<message>.*)$/s,
    zh: (g) =>
      `${vendor(t(g, 'vendor'))}${ERROR_KIND[t(g, 'kind')]}（${t(g, 'kind')}` +
      `${g['endpoint'] === undefined ? '' : `，${t(g, 'endpoint')}`}${g['code'] === undefined ? '' : `，错误码 ${t(g, 'code')}`}）：${t(g, 'message')}`,
    words: ['vendor'],
  },

  // ---- apps/gateway/src/sync/rules/rule-sync.types.ts (refusalReason) ---------------------------------------------
  // The message inside "cannot be translated: <field>: <message>" is translated by loss-messages.ts.
  {
    source: RULE_TYPES,
    en: /^cannot be translated: refused$/,
    zh: () => '无法转换：已拒绝',
  },
];
