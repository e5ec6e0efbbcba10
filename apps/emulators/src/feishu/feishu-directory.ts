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
}

/**
 * The tenant's contact directory as attendance sees it. Attendance addresses a person by employee_id or
 * employee_no, chosen per call by employee_type, and the ids in requests and responses must be of that type
 * (REFERENCE A1), so the emulator keeps both and translates at the edge. Internally everything is employee_id.
 */
export class FeishuDirectory {
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byNo = new Map<string, DirectoryUser>();

  constructor(
    users: readonly DirectoryUser[],
    private readonly departments: ReadonlySet<string>,
  ) {
    for (const user of users) {
      this.byId.set(user.employeeId, user);
      this.byNo.set(user.employeeNo, user);
    }
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
      .filter((user) => wanted.has(user.departmentId))
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
  }));
  // The ids shared by both vendors (USER_ID_MAPPING=same) are ordinary head-office staff here.
  const headquarters: SampleDepartmentKey = 'headquarters';
  for (const id of SAME_ID_PEOPLE) {
    users.push({
      employeeId: id,
      employeeNo: employeeNoOf(id),
      name: id,
      departmentId: SAMPLE_DEPARTMENTS[headquarters].feishuDepartmentId,
    });
  }
  const departments = new Set(Object.values(SAMPLE_DEPARTMENTS).map((department) => department.feishuDepartmentId));
  return new FeishuDirectory(users, departments);
}

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
