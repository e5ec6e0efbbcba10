import {
  type CheckinOptionValidationContext,
  validateCheckinOption,
  validateCheckinOptionRequest,
} from './checkin-option-rules.js';
import type { WecomCallContext } from './wecom-call.context.js';
import type { JsonObject, StoredRule } from './wecom-emulator.state.js';
import { WECOM_ERRORS, WecomFailure } from './wecom-errors.constants.js';
import { isRecord, optionalBoolean, requireInt, requireUserList } from './wecom-request.util.js';

// Checkin rules (打卡规则): add / update / clear / delete (wecom-checkin-option-rules.md) and the two reads,
// getcorpcheckinoption (REFERENCE B4) and getcheckinoption (B5). Field rules live in checkin-option-rules.ts;
// this file owns storage, ownership, update semantics and the read rendering.

/** The group.* fields of the write shape (doc 打卡规则字段说明). Anything else is not stored or echoed. */
const GROUP_FIELDS = new Set([
  'grouptype',
  'groupname',
  'checkindate',
  'spe_workdays',
  'spe_offdays',
  'sync_holidays',
  'need_photo',
  'note_can_use_local_pic',
  'wifimac_infos',
  'allow_checkin_offworkday',
  'allow_apply_offworkday',
  'loc_infos',
  'range',
  'white_users',
  'type',
  'reporterinfo',
  'allow_apply_bk_cnt',
  'allow_apply_bk_day_limit',
  'buka_limit_next_month',
  'option_out_range',
  'schedulelist',
  'offwork_interval_time',
  'use_face_detect',
  'open_face_live_detect',
  'ot_info_v2',
  'sync_out_checkin',
  'buka_remind',
  'buka_restriction',
  'span_day_time',
  'standard_work_duration',
]);

/** clear_field codes (doc 清空打卡规则数组元素). */
const CLEAR_FIELDS: Readonly<Record<number, string>> = {
  1: 'spe_workdays',
  2: 'spe_offdays',
  3: 'wifimac_infos',
  4: 'loc_infos',
};

/**
 * update_checkin_option's semantics for group.* (doc 修改打卡规则 note 3): an array that is omitted or EMPTY
 * leaves the field unchanged (a); a present array replaces it (b); a present non-array replaces it with
 * everything below it, no deep merge (c); an omitted non-array is unchanged (d). Note 4b clears a non-array
 * by sending an "empty element": `{}` is stored as `{}`; READING: JSON null removes the field.
 */
export function mergeCheckinOptionUpdate(current: JsonObject, update: JsonObject): JsonObject {
  const merged: JsonObject = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (key === 'groupid' || !GROUP_FIELDS.has(key) || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) merged[key] = structuredClone(value);
    } else if (value === null) {
      delete merged[key];
    } else {
      merged[key] = structuredClone(value);
    }
  }
  return merged;
}

export function addCheckinOption(context: WecomCallContext, body: JsonObject): JsonObject {
  const validation: CheckinOptionValidationContext = { mode: 'add', nowUnixSeconds: context.nowSeconds };
  failOn(validateCheckinOptionRequest(body, validation) ?? validateCheckinOption(body['group'], validation));
  const group = body['group'] as JsonObject;
  checkPeople(context, group);
  const stored: JsonObject = {};
  for (const [key, value] of Object.entries(group)) {
    // "创建打卡规则时,groupid无需传入,该字段会被忽略" (doc note 1).
    if (GROUP_FIELDS.has(key)) stored[key] = structuredClone(value);
  }
  const groupid = context.state.nextGroupid++;
  context.state.rules.set(groupid, {
    groupid,
    owner: context.app,
    group: stored,
    create_time: context.nowSeconds,
    create_userid: '',
    update_userid: '',
  });
  // WeCom answers {errcode, errmsg} only: the new rule's id is learnt from getcorpcheckinoption.
  return {};
}

export function updateCheckinOption(context: WecomCallContext, body: JsonObject): JsonObject {
  const validation: CheckinOptionValidationContext = { mode: 'update', nowUnixSeconds: context.nowSeconds };
  failOn(validateCheckinOptionRequest(body, validation));
  const update = body['group'] as JsonObject;
  const rule = ownedRule(context, update['groupid']);
  const merged = mergeCheckinOptionUpdate(rule.group, update);
  failOn(validateCheckinOption({ ...merged, groupid: rule.groupid }, validation));
  checkPeople(context, merged);
  rule.group = merged;
  return {};
}

export function clearCheckinOptionArrayField(context: WecomCallContext, body: JsonObject): JsonObject {
  const groupid = requireInt(body, 'groupid');
  optionalBoolean(body, 'effective_now');
  const codes = body['clear_field'];
  if (
    !Array.isArray(codes) ||
    codes.length === 0 ||
    !codes.every((code) => typeof code === 'number' && code in CLEAR_FIELDS)
  ) {
    throw WecomFailure.of(WECOM_ERRORS.invalidClearField, 'clear_field must list 1-4');
  }
  const rule = ownedRule(context, groupid);
  const cleared: JsonObject = { ...rule.group };
  for (const code of codes as number[]) cleared[CLEAR_FIELDS[code] as string] = [];
  // The doc's own constraint here, "wifimac_infos和loc_infos不可同时为空", is one of the rule's validation
  // rules: the cleared rule must still be a valid rule.
  failOn(validateCheckinOption({ ...cleared, groupid }, { mode: 'update', nowUnixSeconds: context.nowSeconds }));
  rule.group = cleared;
  return {};
}

export function delCheckinOption(context: WecomCallContext, body: JsonObject): JsonObject {
  const groupid = requireInt(body, 'groupid');
  optionalBoolean(body, 'effective_now');
  ownedRule(context, groupid);
  context.state.rules.delete(groupid);
  for (const key of [...context.state.schedules.keys()]) {
    if (key.startsWith(`${groupid}:`)) context.state.schedules.delete(key);
  }
  return {};
}

export function getCorpCheckinOption(context: WecomCallContext): JsonObject {
  const rules = [...context.state.rules.values()].sort((a, b) => a.groupid - b.groupid);
  return { group: rules.map((rule) => renderRule(rule, 'corp')) };
}

export function getCheckinOption(context: WecomCallContext, body: JsonObject): JsonObject {
  requireInt(body, 'datetime');
  const users = requireUserList(context, body, 'useridlist');
  const info = users.flatMap((userid) => {
    const rule = context.state.ruleOf(userid);
    // READING: a user without a rule is left out of `info` (the doc does not say).
    return rule ? [{ userid, group: renderRule(rule, 'user') }] : [];
  });
  return { info };
}

/**
 * A rule as the reads show it (B4/B5): the fields as written plus the legacy read fields, in their legacy
 * units. A real 2024 response (binarywang/WxJava issue #3323) shows a rule created with the new fields
 * still carrying `noneed_offwork: false`, `limit_aheadtime: 0` and the flex fields at 0, so those are filled
 * when absent. Seeded rules may hold legacy values (e.g. limit_aheadtime in ms, ot_info) and keep them.
 * getcheckinoption (`user`) documents no range / white_users / reporterinfo / ot_info and adds flex_time.
 */
export function renderRule(rule: StoredRule, view: 'corp' | 'user'): JsonObject {
  const group = structuredClone(rule.group);
  const rendered: JsonObject = {
    grouptype: group['grouptype'],
    groupid: rule.groupid,
    groupname: group['groupname'],
    sync_holidays: true,
    need_photo: false,
    note_can_use_local_pic: true,
    allow_checkin_offworkday: false,
    allow_apply_offworkday: false,
    wifimac_infos: [],
    loc_infos: [],
    spe_workdays: [],
    spe_offdays: [],
    type: 0,
    allow_apply_bk_cnt: -1,
    allow_apply_bk_day_limit: -1,
    option_out_range: 0,
    use_face_detect: false,
    buka_restriction: 0,
    ...group,
  };
  // A stored value that is not a list is shown as stored, never repaired: a rule planted as a tenant may hold
  // it (seedForeignRule), and the real WeCom does not tidy what it answers either.
  if (Array.isArray(group['checkindate'])) {
    rendered['checkindate'] = objects(group['checkindate']).map((date) => ({
      noneed_offwork:
        objects(date['checkintime']).every((section) => section['no_need_checkoff'] === true) &&
        objects(date['checkintime']).length > 0,
      limit_aheadtime: 0,
      ...(view === 'user' && { flex_time: 0 }),
      flex_on_duty_time: 0,
      flex_off_duty_time: 0,
      allow_flex: false,
      ...date,
    }));
  } else if (group['checkindate'] === undefined) rendered['checkindate'] = [];
  if (Array.isArray(group['schedulelist'])) {
    rendered['schedulelist'] = objects(group['schedulelist']).map((schedule) => ({
      limit_aheadtime: 0,
      limit_offtime: 0,
      noneed_offwork: false,
      ...schedule,
      time_section: objects(schedule['time_section']),
    }));
  } else if (group['schedulelist'] === undefined) rendered['schedulelist'] = [];
  if (Array.isArray(rendered['spe_offdays'])) {
    rendered['spe_offdays'] = objects(rendered['spe_offdays']).map((day) => ({ checkintime: [], ...day }));
  }
  if (view === 'corp') {
    rendered['range'] = { party_id: [], userid: [], tagid: [], ...(isRecord(group['range']) ? group['range'] : {}) };
    rendered['create_time'] = rule.create_time;
    rendered['create_userid'] = rule.create_userid;
    rendered['update_userid'] = rule.update_userid;
  } else {
    for (const key of ['range', 'white_users', 'reporterinfo', 'ot_info']) delete rendered[key];
  }
  return rendered;
}

/** The rule, if it exists and the caller's app created it ("打卡规则仅可由该规则的创建应用修改/删除"). */
function ownedRule(context: WecomCallContext, groupid: unknown): StoredRule {
  const rule = typeof groupid === 'number' ? context.state.rules.get(groupid) : undefined;
  if (!rule) throw WecomFailure.of(WECOM_ERRORS.ruleNotFound, `groupid ${String(groupid)}`);
  if (rule.owner !== context.app) throw WecomFailure.of(WECOM_ERRORS.foreignRule, `groupid ${rule.groupid}`);
  return rule;
}

/**
 * The people a rule names must exist in the directory. Not in the field-rule table (it needs the
 * directory); READING: WeCom refuses unknown userids (301021 "至少有一个userid不存在于通讯录中", path/90313).
 */
function checkPeople(context: WecomCallContext, group: JsonObject): void {
  const range = isRecord(group['range']) ? group['range'] : {};
  for (const list of [range['userid'], group['white_users']]) {
    for (const userid of Array.isArray(list) ? list : []) {
      if (typeof userid === 'string' && !context.state.users.has(userid)) {
        throw WecomFailure.of(WECOM_ERRORS.invalidUserid, userid);
      }
    }
  }
}

function failOn(violation: { errcode: number; errmsg: string; field: string } | null): void {
  if (violation) throw new WecomFailure(violation.errcode, `${violation.errmsg} (${violation.field})`);
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
