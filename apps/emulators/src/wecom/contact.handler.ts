import { dayStart } from './china-time.util.js';
import type { WecomCallContext } from './wecom-call.context.js';
import type { DirectoryDepartment, DirectoryUser, JsonObject } from './wecom-emulator.state.js';
import { WECOM_ERRORS, WecomFailure } from './wecom-errors.constants.js';

// The contact (通讯录) APIs an identity match reads (issue #21): user/getuserid, user/get_userid_by_email,
// user/list_id, user/simplelist, user/list, user/get, department/list, department/simplelist, department/get.
// Every rule cites docs/vendor/wecom-contact.md, the digest of contact-identity-apis.md [W0]–[W9]; READING marks
// a choice where the docs are silent (UNCONFIRMED there), made the same way in the client's comments.

/** What the calling secret may see and read. */
export interface WecomContactAccess {
  /**
   * 'app': a self-built app's secret (default; the gateway's). 'contact_sync': the 通讯录同步 secret, which sees
   * the whole corp and all fields, and alone may call user/list_id ([W3]).
   */
  readonly secret: 'app' | 'contact_sync';
  /**
   * The app's 可见范围 ([W0]): departments (with their subtrees) and single members. null = the whole corp
   * (default). Ignored for the contact-sync secret.
   */
  readonly visibleRange: { readonly departmentIds: readonly number[]; readonly userids: readonly string[] } | null;
  /**
   * Whether user/get and user/list return 手机, 邮箱, 企业邮箱, 性别, 头像, 地址 … Default false: "从2022年6月20号20点开始
   * … 新创建的自建应用 … 不再返回" ([W0], [WC-96255]) — the gateway's app is a new self-built app. true = an
   * app created before that day. The contact-sync secret always reads them.
   */
  readonly sensitiveFields: boolean;
  /**
   * 企业人数上限, for the lookups' day budget: "若出错的次数超出企业人数上限的20%，会导致1天不可调用" ([W1], [W2]).
   * Default 2,500 (READING: the doc's own example, UNCONFIRMED as a default). null = no budget.
   */
  readonly seatLimit: number | null;
}

export const DEFAULT_CONTACT_ACCESS: WecomContactAccess = {
  secret: 'app',
  visibleRange: null,
  sensitiveFields: false,
  seatLimit: 2500,
};

export interface ContactCallContext extends WecomCallContext {
  readonly access: WecomContactAccess;
}

/** [W0] 60103: "长度不超过32位，字符仅支持数字，加号和减号"; [W1]: 5–32 bytes. */
const MOBILE = /^[0-9+-]{5,32}$/;
/** [W0] 60105: "长度不超过64位". READING: one "@" with something on both sides and a dot after it. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 64;
/** [W3]: limit 1–10000. */
const LIST_ID_MAX = 10_000;
/** READING: list_id's limit when the body omits it ([W3] names no default): the maximum. */
const LIST_ID_DEFAULT = LIST_ID_MAX;

// ---- lookups ----------------------------------------------------------------------------------------------

/** POST /cgi-bin/user/getuserid {mobile} ([W1]). */
export function getUserIdByMobile(context: ContactCallContext, body: JsonObject): JsonObject {
  return withDayBudget(context, 'getuserid', () => {
    const mobile = body['mobile'];
    if (typeof mobile !== 'string' || !MOBILE.test(mobile)) throw WecomFailure.of(WECOM_ERRORS.invalidMobile);
    // [W0]: a mobile names at most one member in a corp (60104 on writes).
    const user = [...context.state.users.values()].find((candidate) => candidate.mobile === mobile);
    return { userid: visibleUser(context, user).userid };
  });
}

/**
 * POST /cgi-bin/user/get_userid_by_email {email, email_type} ([W2]): type 1 (default) searches 企业邮箱 (biz_mail),
 * type 2 个人邮箱 (email). READING: the comparison ignores case (mail addresses do in practice; UNCONFIRMED); an
 * email_type other than 1 or 2 is 40058 不合法的参数 (UNCONFIRMED).
 */
export function getUserIdByEmail(context: ContactCallContext, body: JsonObject): JsonObject {
  return withDayBudget(context, 'get_userid_by_email', () => {
    const email = body['email'];
    const type = body['email_type'] ?? 1;
    if (type !== 1 && type !== 2) throw WecomFailure.of(WECOM_ERRORS.invalidParameter, 'email_type must be 1 or 2');
    if (typeof email !== 'string' || email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
      throw WecomFailure.of(WECOM_ERRORS.invalidEmail);
    }
    const wanted = email.toLowerCase();
    const user = [...context.state.users.values()].find(
      (candidate) => (type === 1 ? candidate.biz_mail : candidate.email)?.toLowerCase() === wanted,
    );
    return { userid: visibleUser(context, user).userid };
  });
}

/**
 * Nobody → 46004 (READING: [W1] says the global 46004 指定的用户不存在; UNCONFIRMED for this API); someone outside
 * the visible range → 60011 ([W1] "应用须拥有指定成员的查看权限"). READING: a member who left (status 5) is no
 * longer in the directory and answers 46004; a disabled one (2) is still found ([W4] of the matcher notes:
 * "Lookups still answer for disabled members").
 */
function visibleUser(context: ContactCallContext, user: DirectoryUser | undefined): DirectoryUser {
  if (user === undefined || user.status === 5) throw WecomFailure.of(WECOM_ERRORS.userNotFound);
  if (!userVisible(context, user)) throw WecomFailure.of(WECOM_ERRORS.noPrivilege, 'user outside the visible range');
  return user;
}

/**
 * The day budget of [W1]/[W2]: once a lookup API has failed on more than 20 % of the seat limit in one natural
 * day (China time), it answers 45009 until the day ends. READING: every failure of the call counts (not found,
 * malformed, out of range); the block is per API (the doc says it per page).
 */
function withDayBudget(context: ContactCallContext, api: string, lookUp: () => JsonObject): JsonObject {
  const seats = context.access.seatLimit;
  const key = `${api}:${dayStart(context.nowSeconds)}`;
  const failures = context.state.lookupFailures.get(key) ?? 0;
  if (seats !== null && failures > Math.floor(seats * 0.2)) {
    throw WecomFailure.of(WECOM_ERRORS.freqLimit, 'too many failed lookups today');
  }
  try {
    return lookUp();
  } catch (error) {
    if (error instanceof WecomFailure) context.state.lookupFailures.set(key, failures + 1);
    throw error;
  }
}

// ---- members ----------------------------------------------------------------------------------------------

/**
 * POST /cgi-bin/user/list_id {cursor, limit} ([W3]): one row per (member, department), ordered by userid then
 * department, `next_cursor` empty on the last page. Only the contact-sync secret: READING, an app secret gets
 * 48002 API接口无权限调用 (the doc names no code; UNCONFIRMED). READING: the cursor is opaque; one this emulator
 * did not issue is 40058.
 */
export function listUserIds(context: ContactCallContext, body: JsonObject): JsonObject {
  if (context.access.secret !== 'contact_sync') {
    throw WecomFailure.of(WECOM_ERRORS.apiForbidden, 'user/list_id needs the contact-sync secret');
  }
  const limit = body['limit'] ?? LIST_ID_DEFAULT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > LIST_ID_MAX) {
    throw WecomFailure.of(WECOM_ERRORS.invalidParameter, `limit must be 1–${LIST_ID_MAX}`);
  }
  const cursor = body['cursor'] ?? '';
  if (typeof cursor !== 'string') throw WecomFailure.of(WECOM_ERRORS.invalidParameter, 'cursor must be a string');
  const start = cursor === '' ? 0 : decodeCursor(cursor);
  const rows = [...context.state.users.values()]
    .filter((user) => user.status !== 5)
    .sort((a, b) => (a.userid < b.userid ? -1 : a.userid > b.userid ? 1 : 0))
    .flatMap((user) => user.partyIds.map((party) => ({ userid: user.userid, department: Number(party) })));
  const page = rows.slice(start, start + limit);
  const end = start + page.length;
  return { next_cursor: end < rows.length ? encodeCursor(end) : '', dept_user: page };
}

/** GET /cgi-bin/user/simplelist?department_id= ([W4]): direct members, {userid, name, department}. */
export function listSimpleUsers(context: ContactCallContext, query: JsonObject): JsonObject {
  const members = directMembers(context, query);
  return {
    userlist: members.map((user) => ({
      userid: user.userid,
      ...(user.name !== undefined && { name: user.name }),
      department: user.partyIds.map(Number),
    })),
  };
}

/**
 * GET /cgi-bin/user/list?department_id= ([W5]): direct members in user/get's shape. READING: fetch_child is
 * ignored — the current doc has none ([W4]); callers recurse through department/list.
 */
export function listUsers(context: ContactCallContext, query: JsonObject): JsonObject {
  return { userlist: directMembers(context, query).map((user) => userView(context, user)) };
}

/** GET /cgi-bin/user/get?userid= ([W6]): case-insensitive userid; unknown → 60111; outside the range → 60011. */
export function getUser(context: ContactCallContext, query: JsonObject): JsonObject {
  const userid = query['userid'];
  if (typeof userid !== 'string' || userid === '' || userid.length > 64) {
    throw WecomFailure.of(WECOM_ERRORS.useridNotFound, 'userid must be 1–64 bytes');
  }
  const wanted = userid.toLowerCase();
  const user = [...context.state.users.values()].find((candidate) => candidate.userid.toLowerCase() === wanted);
  if (user === undefined || user.status === 5) throw WecomFailure.of(WECOM_ERRORS.useridNotFound);
  if (!userVisible(context, user)) throw WecomFailure.of(WECOM_ERRORS.noPrivilege, 'user outside the visible range');
  return userView(context, user);
}

/** The members directly in `department_id`, which must exist (60123) and be visible (60011). */
function directMembers(context: ContactCallContext, query: JsonObject): DirectoryUser[] {
  const id = requiredDepartment(context, query['department_id']);
  if (!departmentVisible(context, id)) {
    throw WecomFailure.of(WECOM_ERRORS.noPrivilege, 'department outside the visible range');
  }
  return [...context.state.users.values()].filter(
    (user) => user.status !== 5 && user.partyIds.includes(String(id)) && userVisible(context, user),
  );
}

/** user/get's shape; the sensitive fields only where the access allows them ([W0]). */
function userView(context: ContactCallContext, user: DirectoryUser): JsonObject {
  const sensitive = context.access.secret === 'contact_sync' || context.access.sensitiveFields;
  const departments = user.partyIds.map(Number);
  return {
    userid: user.userid,
    ...(user.name !== undefined && { name: user.name }),
    department: departments,
    order: departments.map(() => 0),
    ...(user.position !== undefined && { position: user.position }),
    is_leader_in_dept: departments.map(() => 0),
    direct_leader: [],
    ...(departments[0] !== undefined && { main_department: departments[0] }),
    status: user.status ?? 1,
    ...(sensitive && {
      mobile: user.mobile ?? '',
      email: user.email ?? '',
      biz_mail: user.biz_mail ?? '',
      gender: '0',
      avatar: '',
      address: '',
    }),
    ...(user.extattr !== undefined && { extattr: structuredClone(user.extattr) }),
  };
}

// ---- departments ------------------------------------------------------------------------------------------

/**
 * GET /cgi-bin/department/list?id= ([W7]): `id` and its subtree (itself included), or every department, always
 * only those in the visible range ("只能拉取token对应的应用的权限范围内的部门列表"). READING: an `id` outside the
 * range is 60011; an unknown one 60123 ([W0]); ordered by parent, then `order` descending (WeCom's 次序值: the
 * larger comes first, UNCONFIRMED here — [W7] lists the field only), then id.
 */
export function listDepartments(context: ContactCallContext, query: JsonObject): JsonObject {
  return { department: departmentsUnder(context, query).map(departmentView) };
}

/** GET /cgi-bin/department/simplelist?id= ([W8]): {id, parentid, order} only. */
export function listSimpleDepartments(context: ContactCallContext, query: JsonObject): JsonObject {
  return {
    department_id: departmentsUnder(context, query).map(({ id, parentid, order }) => ({ id, parentid, order })),
  };
}

/** GET /cgi-bin/department/get?id= ([W9]). */
export function getDepartment(context: ContactCallContext, query: JsonObject): JsonObject {
  const id = requiredDepartment(context, query['id']);
  if (!departmentVisible(context, id)) {
    throw WecomFailure.of(WECOM_ERRORS.noPrivilege, 'department outside the visible range');
  }
  return { department: departmentView(context.state.departments.get(id) as DirectoryDepartment) };
}

function departmentsUnder(context: ContactCallContext, query: JsonObject): DirectoryDepartment[] {
  const raw = query['id'];
  const all = [...context.state.departments.values()].filter((department) => departmentVisible(context, department.id));
  let chosen = all;
  if (raw !== undefined && raw !== '') {
    const id = requiredDepartment(context, raw);
    if (!departmentVisible(context, id)) {
      throw WecomFailure.of(WECOM_ERRORS.noPrivilege, 'department outside the visible range');
    }
    chosen = all.filter((department) => ancestry(context, department.id).includes(id));
  }
  return chosen.sort((a, b) => a.parentid - b.parentid || b.order - a.order || a.id - b.id);
}

function departmentView(department: DirectoryDepartment): JsonObject {
  return {
    id: department.id,
    name: department.name,
    ...(department.name_en !== undefined && { name_en: department.name_en }),
    department_leader: [...(department.department_leader ?? [])],
    parentid: department.parentid,
    order: department.order,
  };
}

/** A department id from a query or body (a string in a query): unknown or malformed → 60123 ([W0]). */
function requiredDepartment(context: ContactCallContext, raw: unknown): number {
  const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof id !== 'number' || !Number.isInteger(id) || !context.state.departments.has(id)) {
    throw WecomFailure.of(WECOM_ERRORS.invalidDepartment);
  }
  return id;
}

// ---- the visible range ([W0]) -----------------------------------------------------------------------------

/** The department and its ancestors, nearest first. */
function ancestry(context: ContactCallContext, id: number): number[] {
  const chain: number[] = [];
  for (let current: number | undefined = id; current !== undefined && !chain.includes(current);) {
    chain.push(current);
    current = context.state.departments.get(current)?.parentid;
  }
  return chain;
}

function departmentVisible(context: ContactCallContext, id: number): boolean {
  const range = context.access.visibleRange;
  if (context.access.secret === 'contact_sync' || range === null) return true;
  return ancestry(context, id).some((ancestor) => range.departmentIds.includes(ancestor));
}

function userVisible(context: ContactCallContext, user: DirectoryUser): boolean {
  const range = context.access.visibleRange;
  if (context.access.secret === 'contact_sync' || range === null) return true;
  return (
    range.userids.includes(user.userid) || user.partyIds.some((party) => departmentVisible(context, Number(party)))
  );
}

// ---- cursors ----------------------------------------------------------------------------------------------

function encodeCursor(offset: number): string {
  return Buffer.from(`wecom-emulator:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^wecom-emulator:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw WecomFailure.of(WECOM_ERRORS.invalidParameter, 'cursor');
  return Number(match[1]);
}
