import {
  type DirectoryDepartment,
  type DirectoryPerson,
  type IdentityAttribute,
  isVendorError,
  type UnreadableRecord,
  VendorError,
} from '@app/kernel';
import {
  FEISHU_MAX_CONTACT_PAGE_SIZE,
  FEISHU_MAX_EMAILS_PER_BATCH_GET_ID,
  FEISHU_MAX_MOBILES_PER_BATCH_GET_ID,
  type FeishuClient,
  type FeishuContactUser,
  type FeishuContactUserStatus,
  type FeishuDepartment,
} from '@app/feishu';
import { chunk } from 'es-toolkit';
import pMap from 'p-map';
import {
  type DirectoryConnector,
  DirectoryPeople,
  type DirectoryReadResult,
  isBlankValue,
  type LookupAnswer,
} from '../directory-connector.js';

/** The root of Feishu's contact tree in every department API (docs/vendor/feishu-contact.md [F3] [F4]). */
export const FEISHU_ROOT_DEPARTMENT = '0';
/** department/children's "big dept forbid recursion error" ([F4]): the tree is then walked level by level. */
const BIG_DEPARTMENT_NO_RECURSION = 43010;
/** Departments read at once: the client paces every call to Feishu's 50/s and 1000/min ([F0]). */
const DEPARTMENTS_AT_ONCE = 4;

const ENDPOINT_PEOPLE = 'GET /open-apis/contact/v3/users/find_by_department';

/**
 * Feishu's contact directory for the identity match (issue #21): the department tree from the root "0" and the
 * direct members of every department (find_by_department lists direct members only, [F3]), ids as the attendance
 * APIs use them (user_id = employee_id; open_department_id). Lookups by work email and mobile through
 * batch_get_id, 50 of each per call ([F1]); employee numbers have no lookup API.
 */
export class FeishuDirectoryConnector implements DirectoryConnector {
  readonly vendor = 'feishu' as const;
  readonly lookupAttributes: readonly IdentityAttribute[] = ['email', 'mobile'];

  constructor(private readonly client: FeishuClient) {}

  async readDirectory(): Promise<DirectoryReadResult> {
    const unreadable: UnreadableRecord[] = [];
    const onUnreadable = (record: UnreadableRecord) => unreadable.push(record);
    const tree = await this.readTree(onUnreadable);
    const departments: DirectoryDepartment[] = [
      // The root has no name through this API ([F4]); it is kept so paths have somewhere to start.
      { id: FEISHU_ROOT_DEPARTMENT, parentId: null },
      ...tree
        // A deleted department has no members left to match.
        .filter((department) => department.status?.is_deleted !== true)
        .map((department) => ({
          id: department.open_department_id,
          ...(department.name ? { name: department.name } : {}),
          parentId: department.parent_department_id || FEISHU_ROOT_DEPARTMENT,
        })),
    ];
    const listed = await pMap(
      departments,
      async (department) => {
        const members: FeishuContactUser[] = [];
        const iterator = this.client.listUsersByDepartment(department.id, {
          pageSize: FEISHU_MAX_CONTACT_PAGE_SIZE,
          onUnreadable,
        });
        for await (const member of iterator) members.push(member);
        return { department: department.id, members };
      },
      { concurrency: DEPARTMENTS_AT_ONCE },
    );
    const people = new DirectoryPeople();
    const withoutUserId = new Set<string>();
    for (const { department, members } of listed) {
      members.forEach((member, index) => {
        const id = member.user_id;
        if (!id) {
          // Set aside once, however many departments list them.
          if (member.open_id !== undefined) {
            if (withoutUserId.has(member.open_id)) return;
            withoutUserId.add(member.open_id);
          }
          // Without user_id (its field scope missing) nobody can be named in attendance (REFERENCE A1).
          unreadable.push({
            vendor: 'feishu',
            endpoint: ENDPOINT_PEOPLE,
            kind: 'contact user',
            recordId: member.open_id ?? null,
            index,
            field: 'user_id',
            reason: 'user_id: missing (the app needs the contact:user.employee_id:readonly scope)',
          });
          return;
        }
        people.add(id, [department, ...(member.department_ids ?? [])], () => personOf(id, member));
      });
    }
    return {
      people: people.list(),
      departments,
      unreadable,
    };
  }

  async lookup(
    attribute: IdentityAttribute,
    values: readonly string[],
    onProgress?: (done: number) => void,
  ): Promise<LookupAnswer> {
    if (attribute !== 'email' && attribute !== 'mobile') {
      throw new RangeError(`Feishu has no lookup by ${attribute} (batch_get_id takes emails and mobiles)`);
    }
    const found = new Map<string, string | null>();
    const asked = [...new Set(values)].filter((value) => {
      if (isBlankValue(value)) found.set(value, null);
      return !isBlankValue(value);
    });
    let done = found.size;
    if (done > 0) onProgress?.(done);
    const size = attribute === 'email' ? FEISHU_MAX_EMAILS_PER_BATCH_GET_ID : FEISHU_MAX_MOBILES_PER_BATCH_GET_ID;
    for (const batch of chunk(asked, size)) {
      try {
        const matches = await this.client.batchGetUserIds(
          // include_resigned false: a resigned person answers no user_id ([F1]), so nobody is matched to them.
          attribute === 'email' ? { emails: batch } : { mobiles: batch },
        );
        for (const match of matches) found.set(match.email ?? match.mobile ?? '', match.userId);
      } catch (error) {
        if (isVendorError(error)) return { found, stoppedBy: error };
        throw error;
      }
      done += batch.length;
      onProgress?.(done);
    }
    return { found };
  }

  /** Every department below the root; recursively in one list, or level by level when Feishu refuses that. */
  private async readTree(onUnreadable: (record: UnreadableRecord) => void): Promise<FeishuDepartment[]> {
    const children = async (id: string, fetchChild: boolean) => {
      const out: FeishuDepartment[] = [];
      const iterator = this.client.listDepartmentChildren(id, {
        fetchChild,
        pageSize: FEISHU_MAX_CONTACT_PAGE_SIZE,
        onUnreadable,
      });
      for await (const department of iterator) out.push(department);
      return out;
    };
    try {
      return await children(FEISHU_ROOT_DEPARTMENT, true);
    } catch (error) {
      if (isVendorError(error) && error.kind === 'permission') throw rootRefused(error);
      if (!(isVendorError(error) && error.vendorCode === BIG_DEPARTMENT_NO_RECURSION)) throw error;
    }
    const all: FeishuDepartment[] = [];
    const seen = new Set<string>();
    for (let level = [FEISHU_ROOT_DEPARTMENT]; level.length > 0;) {
      const next: string[] = [];
      for (const id of level) {
        for (const department of await children(id, false)) {
          if (seen.has(department.open_department_id)) continue;
          seen.add(department.open_department_id);
          all.push(department);
          next.push(department.open_department_id);
        }
      }
      level = next;
    }
    return all;
  }
}

/** A person as the matcher reads them; an empty value is no value. */
function personOf(id: string, member: FeishuContactUser): DirectoryPerson {
  const attributes: Partial<Record<IdentityAttribute, string>> = {};
  // `email` is the work email, the one batch_get_id finds; the enterprise email never is ([F1]).
  if (member.email) attributes.email = member.email;
  if (member.mobile) attributes.mobile = member.mobile;
  if (member.employee_no) attributes.employee_no = member.employee_no;
  return {
    id,
    ...(member.name ? { name: member.name } : {}),
    active: isActive(member.status),
    attributes,
    departmentIds: [],
  };
}

/**
 * is_resigned 离职 and is_frozen 冻结 mean the person is gone; is_exited (left on their own, resigned a while
 * later) is on the way there. Not yet activated or joined (is_activated false, is_unjoin) is still an employee
 * (docs/vendor/feishu-contact.md [F2]). A status the field scope withheld reads as active: find_by_department
 * does not list people who left (that document's reading of [F3]).
 */
function isActive(status: FeishuContactUserStatus | undefined): boolean {
  return !(status?.is_resigned === true || status?.is_frozen === true || status?.is_exited === true);
}

/** The root refused: only the all-staff scope may read department "0" ([F3] [F4]). */
function rootRefused(cause: VendorError): VendorError {
  return new VendorError(
    'feishu',
    'permission',
    'Feishu refused the root department "0": the app\'s contact data scope (通讯录权限范围) must be 全部成员 ' +
      '(all staff) to read the whole directory; set it in the developer console under 权限管理 → 通讯录权限范围 ' +
      `(${cause.message})`,
    {
      vendorCode: cause.vendorCode,
      logId: cause.logId,
      httpStatus: cause.httpStatus,
      endpoint: cause.endpoint ?? undefined,
    },
    { cause },
  );
}
