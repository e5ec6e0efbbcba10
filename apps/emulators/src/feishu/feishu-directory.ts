import { feishuMobileOf, SAMPLE_CONTACTS, SAMPLE_MAIL_DOMAIN } from '../sample-company/contacts.js';
import {
  SAME_ID_PEOPLE,
  SAMPLE_DEPARTMENTS,
  SAMPLE_PEOPLE,
  type SampleDepartmentKey,
} from '../sample-company/people.js';
import { paramInvalid, userIdTypeInvalid } from './feishu-emulator.errors.js';

export type EmployeeType = 'employee_id' | 'employee_no';

export interface DirectoryUser {
  /** The contact user_id, what attendance calls employee_id (feishu-attendance-guide-and-errors.md). */
  readonly employeeId: string;
  /** 工号, the other id type attendance accepts (REFERENCE A1). */
  readonly employeeNo: string;
  readonly name: string;
  /** open_department_id of the user's direct department. */
  readonly departmentId: string;
  /** open_department_ids of further departments the person is in ([F2] department_ids is a list). */
  readonly otherDepartmentIds?: readonly string[];
  // Contact attributes (contact-identity-apis.md [F2]); absent ones are not answered.
  /** Work email ("Email cannot be repeated"); what batch_get_id looks up. */
  readonly email?: string;
  /** Enterprise email: answered by the user object, never found by batch_get_id ("不支持企业邮箱", [F1]). */
  readonly enterpriseEmail?: string;
  /** Mobile, unique in the tenant; "+<country><number>", or mainland digits without +86 ([F2]). */
  readonly mobile?: string;
  /** 离职: batch_get_id leaves it out unless include_resigned ([F1]); find_by_department never lists it. */
  readonly resigned?: boolean;
  /** 冻结 ([F2] is_frozen): still in the tenant, so still listed and found (the docs name no exception). */
  readonly frozen?: boolean;
}

/** Every department a person is in: the direct one first, then the others. */
export function departmentsOf(user: DirectoryUser): readonly string[] {
  return [user.departmentId, ...(user.otherDepartmentIds ?? [])];
}

/** A department of the contact tree (contact-identity-apis.md [F4]); the root "0" is not one of them. */
export interface DirectoryDepartment {
  readonly openDepartmentId: string;
  /** The custom department_id (department_id_type=department_id). */
  readonly departmentId: string;
  /** May not contain "/" ([F4], [FNS]). */
  readonly name: string;
  /** open_department_id of the parent; "0" under the root. */
  readonly parentOpenId: string;
}

/**
 * The tenant's contact directory as attendance sees it. Attendance addresses a person by employee_id or
 * employee_no, chosen per call by employee_type, and the ids in requests and responses must be of that type
 * (REFERENCE A1), so the emulator keeps both and translates at the edge. Internally everything is employee_id.
 */
export class FeishuDirectory {
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byNo = new Map<string, DirectoryUser>();
  private readonly departments: Set<string>;
  /** The contact tree by open_department_id, in insertion order (the order children lists answer). */
  private readonly tree = new Map<string, DirectoryDepartment>();

  constructor(
    users: readonly DirectoryUser[],
    departments: ReadonlySet<string>,
    tree: readonly DirectoryDepartment[] = [],
  ) {
    this.departments = new Set(departments);
    for (const user of users) {
      this.byId.set(user.employeeId, user);
      this.byNo.set(user.employeeNo, user);
    }
    for (const department of tree) this.addDepartment(department);
  }

  /** Adds (or replaces) a department of the contact tree; attendance may then name it too. */
  addDepartment(department: DirectoryDepartment): void {
    this.tree.set(department.openDepartmentId, department);
    this.departments.add(department.openDepartmentId);
  }

  departmentTree(): readonly DirectoryDepartment[] {
    return [...this.tree.values()];
  }

  /** Adds (or replaces) a person, e.g. for volume tests. */
  add(user: DirectoryUser): void {
    this.byId.set(user.employeeId, user);
    this.byNo.set(user.employeeNo, user);
  }

  users(): readonly DirectoryUser[] {
    return [...this.byId.values()];
  }

  user(employeeId: string): DirectoryUser | undefined {
    return this.byId.get(employeeId);
  }

  hasDepartment(openId: string): boolean {
    return this.departments.has(openId);
  }

  /** The employee_id of an id given as `type`, or undefined if no such user. */
  toInternal(id: string, type: EmployeeType): string | undefined {
    return (type === 'employee_id' ? this.byId.get(id) : this.byNo.get(id))?.employeeId;
  }

  /** The id of `type` for an employee_id; ids we do not know are echoed unchanged. */
  toExternal(employeeId: string, type: EmployeeType): string {
    const user = this.byId.get(employeeId);
    if (!user) return employeeId;
    return type === 'employee_id' ? user.employeeId : user.employeeNo;
  }

  membersOf(departmentIds: readonly string[]): string[] {
    const wanted = new Set(departmentIds);
    return this.users()
      .filter((user) => departmentsOf(user).some((department) => wanted.has(department)))
      .map((user) => user.employeeId);
  }
}

/** The sample company's people (people.ts); employee_no is "NO" + the digits of the employee_id. */
export function sampleDirectory(): FeishuDirectory {
  const users: DirectoryUser[] = SAMPLE_PEOPLE.map((person) => ({
    employeeId: person.feishuUserId,
    employeeNo: employeeNoOf(person.feishuUserId),
    name: person.name,
    departmentId: SAMPLE_DEPARTMENTS[person.department].feishuDepartmentId,
    ...sampleContactOf(person.feishuUserId, person.wecomUserId),
  }));
  // The ids shared by both vendors (USER_ID_MAPPING=same) are ordinary head-office staff here.
  const headquarters: SampleDepartmentKey = 'headquarters';
  for (const id of SAME_ID_PEOPLE) {
    users.push({
      employeeId: id,
      employeeNo: employeeNoOf(id),
      name: id,
      departmentId: SAMPLE_DEPARTMENTS[headquarters].feishuDepartmentId,
      ...sampleContactOf(id, id),
    });
  }
  const departments = new Set(Object.values(SAMPLE_DEPARTMENTS).map((department) => department.feishuDepartmentId));
  const tree = (Object.keys(SAMPLE_DEPARTMENTS) as SampleDepartmentKey[]).map((key): DirectoryDepartment => ({
    openDepartmentId: SAMPLE_DEPARTMENTS[key].feishuDepartmentId,
    departmentId: key,
    name: SAMPLE_DEPARTMENTS[key].name,
    parentOpenId: '0',
  }));
  return new FeishuDirectory(users, departments, tree);
}

/**
 * Contact attributes of a sample person, from the table both emulators read (sample-company/contacts.ts), so an
 * identity match over the emulators finds the same person on both sides: the work email, an enterprise email
 * `<feishuUserId>@corp.sample-company.example` (Feishu only; batch_get_id does not find it, [F1]) and the mobile
 * in Feishu's "+86…" form.
 */
export function sampleContactOf(
  feishuUserId: string,
  wecomUserId: string,
): Pick<DirectoryUser, 'email' | 'enterpriseEmail' | 'mobile'> {
  const contact = SAMPLE_CONTACTS[wecomUserId];
  if (!contact) throw new Error(`no sample contact for ${wecomUserId}`);
  return {
    email: contact.workEmail,
    enterpriseEmail: `${feishuUserId}@corp.${SAMPLE_MAIL_DOMAIN}`,
    mobile: feishuMobileOf(contact.mobile),
  };
}

/** The sample company's mail domain (everyone's work email), as contacts.ts sets it. */
export { SAMPLE_MAIL_DOMAIN };

export function employeeNoOf(employeeId: string): string {
  return `NO${employeeId.replace(/\D/g, '')}`;
}

/**
 * employee_type from the query. `required` per REFERENCE A4; missing → 1220001 "employee_type invalid"
 * (the example message of feishu-create-update-group.md), another value → 1220003 (PART D item 3).
 */
export function employeeTypeOf(value: unknown, required: boolean): EmployeeType {
  if (value === undefined || value === '') {
    if (required)
      throw paramInvalid('employee_type invalid: employee_type is required', [
        { field: 'employee_type', description: 'is required: employee_id or employee_no' },
      ]);
    return 'employee_id';
  }
  if (value === 'employee_id' || value === 'employee_no') return value;
  throw userIdTypeInvalid();
}

/** dept_type: required where REFERENCE A4 says so, and only open_id exists (A1). */
export function checkDeptType(value: unknown): void {
  if (value !== 'open_id') {
    throw paramInvalid(`dept_type invalid: must be open_id, got ${JSON.stringify(value ?? null)}`, [
      { field: 'dept_type', description: 'must be open_id' },
    ]);
  }
}
