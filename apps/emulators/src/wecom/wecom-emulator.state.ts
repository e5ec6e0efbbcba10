// What the WeCom emulator holds: the directory, the checkin rules with their owning app, punch records and
// schedules. Plain data; the handlers own the rules of change.

export type JsonObject = Record<string, unknown>;

/** The app whose credentials the emulator was given; anything else "belongs to another app". */
export const SELF_APP = 'self';
export const FOREIGN_APP = 'another-app';

export interface StoredRule {
  readonly groupid: number;
  /** Which app created the rule: only it may update, clear or delete it. */
  readonly owner: string;
  /** The rule's fields as last written (write shape; seeded rules may carry legacy read fields too). */
  group: JsonObject;
  readonly create_time: number;
  readonly create_userid: string;
  update_userid: string;
}

/** A punch as getcheckindata reports it (B6). */
export interface StoredPunch {
  readonly userid: string;
  readonly groupname: string;
  readonly checkin_type: '上班打卡' | '下班打卡' | '外出打卡';
  readonly exception_type: string;
  readonly checkin_time: number;
  readonly location_title: string;
  readonly location_detail: string;
  readonly wifiname: string;
  readonly wifimac: string;
  readonly notes: string;
  readonly mediaids: readonly string[];
  readonly lat?: number;
  readonly lng?: number;
  readonly deviceid: string;
  readonly sch_checkin_time: number;
  readonly groupid: number;
  readonly schedule_id: number;
  readonly timeline_id: number;
}

export interface DirectoryUser {
  readonly userid: string;
  readonly partyIds: readonly string[];
  /** Contact fields (user/get's shape, [W6]); people added by addUsers have none. */
  readonly name?: string;
  /** 1 已激活, 2 已禁用, 4 未激活, 5 退出企业 ([W6]); absent = 1. */
  readonly status?: number;
  readonly mobile?: string;
  /** 个人邮箱 (email_type 2, [W2]). */
  readonly email?: string;
  /** 企业邮箱 (email_type 1, [W2]). */
  readonly biz_mail?: string;
  readonly position?: string;
  /** 工号 and other custom attributes ([W6] extattr). */
  readonly extattr?: JsonObject;
}

/** A department as department/get shows it ([W9]); the root is 1 with parentid 0 ([W7]). */
export interface DirectoryDepartment {
  readonly id: number;
  readonly name: string;
  readonly name_en?: string;
  readonly parentid: number;
  readonly order: number;
  readonly department_leader?: readonly string[];
}

export class WecomEmulatorState {
  readonly users = new Map<string, DirectoryUser>();
  /** id → department. Empty unless the sample company (or a test) adds some. */
  readonly departments = new Map<number, DirectoryDepartment>();
  /** `${api}:${china day start}` → failed lookups that day (the day budget of [W1]/[W2]). */
  readonly lookupFailures = new Map<string, number>();
  readonly rules = new Map<number, StoredRule>();
  punches: StoredPunch[] = [];
  /** `${groupid}:${userid}:${yearmonth}` → day → schedule_id */
  readonly schedules = new Map<string, Map<number, number>>();
  nextGroupid: number;

  constructor(firstGroupid: number) {
    this.nextGroupid = firstGroupid;
  }

  static scheduleKey(groupid: number, userid: string, yearmonth: number): string {
    return `${groupid}:${userid}:${yearmonth}`;
  }

  /** The rule a user belongs to: named in range.userid or through a department, and not whitelisted. */
  ruleOf(userid: string): StoredRule | undefined {
    const user = this.users.get(userid);
    for (const rule of this.rules.values()) {
      const range = (rule.group['range'] ?? {}) as { userid?: unknown; party_id?: unknown };
      const whitelisted = stringList(rule.group['white_users']).includes(userid);
      if (whitelisted) continue;
      if (stringList(range.userid).includes(userid)) return rule;
      const parties = stringList(range.party_id);
      if (user && user.partyIds.some((party) => parties.includes(party))) return rule;
    }
    return undefined;
  }
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
