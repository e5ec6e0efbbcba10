import { createHash } from 'node:crypto';
import {
  type DirectoryDepartment,
  type DirectoryUser,
  departmentsOf,
  type FeishuDirectory,
} from './feishu-directory.js';
import {
  CONTACT_PAGE_SIZE_INVALID,
  CONTACT_PAGE_TOKEN_INVALID,
  fieldValidationFailed,
  NO_DEPT_AUTHORITY,
} from './feishu-emulator.errors.js';
import { isObject, type JsonObject } from './feishu-field-check.util.js';
import type { FeishuCallContext, FeishuRoute } from './feishu-route.js';

// The contact reads an identity match needs (docs/vendor/feishu-contact.md, from
// shared/vendor-docs/contact-identity-apis.md [F0]–[F4]): user ids by email/mobile, the department tree, and
// the direct members of a department. Where the docs are silent the reading is written next to the code.

export const CONTACT = '/open-apis/contact/v3';

/** At most 50 emails and 50 mobiles per batch_get_id call ([F1]). */
export const MAX_EMAILS_PER_BATCH_GET_ID = 50;
export const MAX_MOBILES_PER_BATCH_GET_ID = 50;

/**
 * The app's contact data scope (通讯录权限范围, [F0]): 'all' (全部成员, the default) or some departments and
 * people (open_department_id, employee_id). Reading (UNCONFIRMED): a department in the scope brings its
 * sub-departments and their members, as the console's department picker does.
 */
export type ContactScope = 'all' | { readonly departments: readonly string[]; readonly users?: readonly string[] };

type UserIdType = 'open_id' | 'union_id' | 'user_id';
type DepartmentIdType = 'open_department_id' | 'department_id';

/** Stable, made-up open_id / union_id of a person ("ou_" / "on_" + 32 hex, shaped like Feishu's). */
export function openIdOf(employeeId: string): string {
  return `ou_${createHash('md5').update(`open:${employeeId}`).digest('hex')}`;
}

export function unionIdOf(employeeId: string): string {
  return `on_${createHash('md5').update(`union:${employeeId}`).digest('hex')}`;
}

export const CONTACT_ROUTES: readonly FeishuRoute[] = [
  { method: 'POST', path: `${CONTACT}/users/batch_get_id`, handle: batchGetId },
  { method: 'GET', path: `${CONTACT}/departments/:department_id/children`, handle: departmentChildren },
  { method: 'GET', path: `${CONTACT}/users/find_by_department`, handle: findByDepartment },
];

// ---- batch_get_id ([F1]) ---------------------------------------------------------------------------------

function batchGetId({ tenant, query, body, behaviour }: FeishuCallContext) {
  const idType = userIdTypeOf(query['user_id_type']);
  const input = isObject(body) ? body : {};
  const emails = stringList(input['emails'], 'emails');
  const mobiles = stringList(input['mobiles'], 'mobiles');
  const includeResigned = input['include_resigned'] === true;
  // "最大长度：50" for each list ([F1]); the refusal code is our reading (fieldValidationFailed).
  const violations = [];
  if (emails.length > MAX_EMAILS_PER_BATCH_GET_ID)
    violations.push({ field: 'emails', description: `the max len is ${MAX_EMAILS_PER_BATCH_GET_ID}` });
  if (mobiles.length > MAX_MOBILES_PER_BATCH_GET_ID)
    violations.push({ field: 'mobiles', description: `the max len is ${MAX_MOBILES_PER_BATCH_GET_ID}` });
  if (violations.length) throw fieldValidationFailed(violations);
  // Neither list: the docs name no error; we answer an empty user_list (UNCONFIRMED).
  const directory = tenant.directory;
  const scope = behaviour.contactScope;
  const visible = (user: DirectoryUser | undefined) =>
    user && inScopeUser(directory, scope, user) && (includeResigned || !user.resigned) ? user : undefined;
  const entry = (key: 'email' | 'mobile', value: string, user: DirectoryUser | undefined): JsonObject => {
    // Not found, outside the scope, resigned without include_resigned: no error, the entry lacks user_id
    // (and, our reading, status: there is no one to describe) ([F1]).
    if (!user) return { [key]: value };
    return { user_id: userIdOf(user, idType), [key]: value, status: statusOf(user) };
  };
  // One pass over the directory per call, not one per value asked (a generated company has thousands); the
  // first person holding a value wins, as a search would find them.
  const byEmail = new Map<string, DirectoryUser>();
  const byMobile = new Map<string, DirectoryUser>();
  for (const user of directory.users()) {
    // Emails match case-insensitively (UNCONFIRMED); the enterprise email is never searched ([F1]).
    const email = user.email?.toLowerCase();
    if (email !== undefined && !byEmail.has(email)) byEmail.set(email, user);
    // A mainland mobile is found with or without +86 ([F2]: "13011111111 or +8613011111111").
    const mobile = user.mobile === undefined ? undefined : normalMobile(user.mobile);
    if (mobile !== undefined && !byMobile.has(mobile)) byMobile.set(mobile, user);
  }
  const user_list = [
    ...emails.map((email) => entry('email', email, visible(byEmail.get(email.toLowerCase())))),
    ...mobiles.map((mobile) => entry('mobile', mobile, visible(byMobile.get(normalMobile(mobile))))),
  ];
  return { data: { user_list } };
}

function normalMobile(mobile: string): string {
  const trimmed = mobile.replace(/[\s-]/g, '');
  return /^\d{11}$/.test(trimmed) ? `+86${trimmed}` : trimmed;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw fieldValidationFailed([{ field, description: 'must be an array of strings' }]);
  }
  return value as string[];
}

// ---- department/children ([F4]) --------------------------------------------------------------------------

function departmentChildren({ tenant, query, params, behaviour }: FeishuCallContext) {
  const idType = departmentIdTypeOf(query['department_id_type']);
  userIdTypeOf(query['user_id_type']);
  const directory = tenant.directory;
  const parent = departmentOf(directory, params['department_id'] ?? '', idType);
  // Root needs the all-staff scope, any other department must be in the scope ([F4] 注意事项).
  if (!inScopeDepartment(directory, behaviour.contactScope, parent)) throw NO_DEPT_AUTHORITY();
  const fetchChild = query['fetch_child'] === 'true';
  const below = descendants(directory, parent, fetchChild);
  const page = contactPage(below, `children:${parent}:${fetchChild}`, query);
  return {
    data: {
      has_more: page.has_more,
      ...(page.page_token ? { page_token: page.page_token } : {}),
      items: page.items.map((department) => renderDepartment(directory, department, idType)),
    },
  };
}

/** The departments below `parent` (open id, "0" = root): its children, or with fetch_child all, breadth first. */
function descendants(directory: FeishuDirectory, parent: string, fetchChild: boolean): DirectoryDepartment[] {
  const tree = directory.departmentTree();
  const out: DirectoryDepartment[] = [];
  const queue = [parent];
  while (queue.length) {
    const current = queue.shift() as string;
    for (const child of tree.filter((department) => department.parentOpenId === current)) {
      out.push(child);
      if (fetchChild) queue.push(child.openDepartmentId);
    }
  }
  return out;
}

function renderDepartment(
  directory: FeishuDirectory,
  department: DirectoryDepartment,
  idType: DepartmentIdType,
): JsonObject {
  const parent = directory.departmentTree().find((d) => d.openDepartmentId === department.parentOpenId);
  const members = directory
    .users()
    .filter((u) => departmentsOf(u).includes(department.openDepartmentId) && !u.resigned);
  return {
    name: department.name,
    i18n_name: { zh_cn: department.name, ja_jp: '', en_us: '' },
    parent_department_id: parent ? departmentIdAs(parent, idType) : '0',
    department_id: department.departmentId,
    open_department_id: department.openDepartmentId,
    order: String(directory.departmentTree().indexOf(department) * 1000),
    member_count: members.length,
    status: { is_deleted: false },
  };
}

// ---- users/find_by_department ([F3]) ----------------------------------------------------------------------

function findByDepartment({ tenant, query, behaviour }: FeishuCallContext) {
  userIdTypeOf(query['user_id_type']);
  const deptIdType = departmentIdTypeOf(query['department_id_type']);
  const asked = query['department_id'];
  if (asked === undefined || asked === '') {
    throw fieldValidationFailed([{ field: 'department_id', description: 'department_id is required' }]);
  }
  const directory = tenant.directory;
  const department = departmentOf(directory, asked, deptIdType);
  // Root "0" needs the all-staff scope, another department must be in the scope ([F3] 注意事项).
  if (!inScopeDepartment(directory, behaviour.contactScope, department)) throw NO_DEPT_AUTHORITY();
  // Direct members only ([F3]). Resigned people are not listed: whether they are is UNCONFIRMED ([F3]); our
  // reading is that leaving removes a person from their departments.
  const members = directory.users().filter((user) => departmentsOf(user).includes(department) && !user.resigned);
  const page = contactPage(members, `members:${department}`, query);
  return {
    data: {
      has_more: page.has_more,
      ...(page.page_token ? { page_token: page.page_token } : {}),
      items: page.items.map((user) => renderUser(directory, user, deptIdType)),
    },
  };
}

/** The user object's fields a matcher reads ([F2]); the app is taken to hold every field scope. */
function renderUser(directory: FeishuDirectory, user: DirectoryUser, deptIdType: DepartmentIdType): JsonObject {
  const tree = directory.departmentTree();
  return {
    union_id: unionIdOf(user.employeeId),
    user_id: user.employeeId,
    open_id: openIdOf(user.employeeId),
    name: user.name,
    ...(user.email === undefined ? {} : { email: user.email }),
    ...(user.mobile === undefined ? {} : { mobile: user.mobile }),
    ...(user.enterpriseEmail === undefined ? {} : { enterprise_email: user.enterpriseEmail }),
    employee_no: user.employeeNo,
    status: statusOf(user),
    department_ids: departmentsOf(user).map((id) => {
      const department = tree.find((d) => d.openDepartmentId === id);
      return department ? departmentIdAs(department, deptIdType) : id;
    }),
  };
}

// ---- shared ----------------------------------------------------------------------------------------------

function statusOf(user: DirectoryUser): JsonObject {
  const resigned = user.resigned === true;
  return {
    is_frozen: user.frozen === true,
    is_resigned: resigned,
    is_activated: !resigned,
    is_exited: false,
    is_unjoin: false,
  };
}

function userIdOf(user: DirectoryUser, type: UserIdType): string {
  if (type === 'user_id') return user.employeeId;
  return type === 'open_id' ? openIdOf(user.employeeId) : unionIdOf(user.employeeId);
}

/** user_id_type: open_id (default) | union_id | user_id ([F1] [F3]); another value fails validation. */
function userIdTypeOf(value: string | undefined): UserIdType {
  if (value === undefined || value === '') return 'open_id';
  if (value === 'open_id' || value === 'union_id' || value === 'user_id') return value;
  throw fieldValidationFailed([{ field: 'user_id_type', description: 'must be open_id, union_id or user_id' }]);
}

/** department_id_type: open_department_id (default) | department_id ([F3] [F4]). */
function departmentIdTypeOf(value: string | undefined): DepartmentIdType {
  if (value === undefined || value === '') return 'open_department_id';
  if (value === 'open_department_id' || value === 'department_id') return value;
  throw fieldValidationFailed([
    { field: 'department_id_type', description: 'must be open_department_id or department_id' },
  ]);
}

function departmentIdAs(department: DirectoryDepartment, type: DepartmentIdType): string {
  return type === 'department_id' ? department.departmentId : department.openDepartmentId;
}

/**
 * The open id of a department named as `type` ("0" is the root in both). A department the tenant does not
 * have is answered like one outside the scope, 403 40004: Feishu does not tell "absent" from "not yours"
 * (our reading, UNCONFIRMED). A malformed id ([F4]: ≤ 64 chars, ^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$) fails
 * validation.
 */
function departmentOf(directory: FeishuDirectory, id: string, type: DepartmentIdType): string {
  if (id === '0') return '0';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$/.test(id)) {
    throw fieldValidationFailed([{ field: 'department_id', description: 'department_id is invalid' }]);
  }
  const found = directory.departmentTree().find((department) => departmentIdAs(department, type) === id);
  if (!found) throw NO_DEPT_AUTHORITY();
  return found.openDepartmentId;
}

function inScopeDepartment(directory: FeishuDirectory, scope: ContactScope, openId: string): boolean {
  if (scope === 'all') return true;
  if (openId === '0') return false;
  const granted = new Set(scope.departments);
  const tree = directory.departmentTree();
  // A department is in the scope when it, or a department above it, was granted.
  for (let current: string | undefined = openId, hops = 0; current && current !== '0' && hops < 100; hops++) {
    if (granted.has(current)) return true;
    current = tree.find((department) => department.openDepartmentId === current)?.parentOpenId;
  }
  return false;
}

function inScopeUser(directory: FeishuDirectory, scope: ContactScope, user: DirectoryUser): boolean {
  if (scope === 'all') return true;
  return (
    (scope.users ?? []).includes(user.employeeId) ||
    departmentsOf(user).some((department) => inScopeDepartment(directory, scope, department))
  );
}

interface ContactPage<T> {
  readonly items: T[];
  readonly has_more: boolean;
  readonly page_token?: string;
}

/**
 * page_size 1–50, default 10, else 400 40011; page_token opaque, a foreign or broken one 400 40012 ([F3] [F4]).
 * The token names its list, so one list's token is refused by another.
 */
function contactPage<T>(items: readonly T[], list: string, query: Readonly<Record<string, string | undefined>>) {
  const raw = query['page_size'];
  const size = raw === undefined || raw === '' ? 10 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 50) throw CONTACT_PAGE_SIZE_INVALID();
  const token = query['page_token'];
  let offset = 0;
  if (token !== undefined && token !== '') {
    const match = /^(.+)#(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
    if (!match || match[1] !== list) throw CONTACT_PAGE_TOKEN_INVALID();
    offset = Number(match[2]);
  }
  const next = offset + size;
  const page: ContactPage<T> =
    next < items.length
      ? {
          items: items.slice(offset, next),
          has_more: true,
          page_token: Buffer.from(`${list}#${next}`).toString('base64url'),
        }
      : { items: items.slice(offset, next), has_more: false };
  return page;
}
