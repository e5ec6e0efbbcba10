import {
  type DirectoryDepartment,
  type DirectoryPerson,
  type IdentityAttribute,
  isVendorError,
  type UnreadableRecord,
  VendorError,
} from '@app/kernel';
import { WECOM_USER_STATUS, type WecomClient, type WecomDirectoryUser } from '@app/wecom';
import pMap from 'p-map';
import {
  type DirectoryConnector,
  DirectoryPeople,
  type DirectoryReadResult,
  isBlankValue,
  type LookupAnswer,
} from '../directory-connector.js';

/** WeCom's root department: id 1, parentid 0, carrying the corp's name (docs/vendor/wecom-contact.md [W7]). */
export const WECOM_ROOT_DEPARTMENT = 1;
/** Departments read at once: the client paces every call to WeCom's published limits ([W0]). */
const DEPARTMENTS_AT_ONCE = 4;

export interface WecomDirectoryOptions {
  /**
   * The name of the custom attribute (extattr) in which the company keeps employee numbers: WeCom has no
   * employee-number field ([W6]). Default '工号'.
   */
  readonly employeeNoAttribute?: string;
  /**
   * Lookups of one run in flight at once (default 1). WeCom answers one value per call, so one at a time a run
   * waits a round trip per person; the client still paces every call to WeCom's published limits ([W0]).
   */
  readonly lookupConcurrency?: number;
}

/**
 * WeCom's contact directory for the identity match (issue #21): department/list from the root and user/list of
 * every department (direct members only, [W5]), ids as the checkin APIs use them (userid; department ids as
 * strings). An app created after 2022-06-20 is not given mobiles or emails in lists ([W0]): such a directory
 * carries neither, and the match looks people up one by one — by mobile (user/getuserid) and by 企业邮箱
 * (user/get_userid_by_email, email_type 1), a few at once (`lookupConcurrency`), each paced by the client.
 */
export class WecomDirectoryConnector implements DirectoryConnector {
  readonly vendor = 'wecom' as const;
  readonly lookupAttributes: readonly IdentityAttribute[] = ['email', 'mobile'];
  private readonly employeeNoAttribute: string;
  private readonly lookupConcurrency: number;

  constructor(
    private readonly client: WecomClient,
    options: WecomDirectoryOptions = {},
  ) {
    this.employeeNoAttribute = options.employeeNoAttribute ?? '工号';
    this.lookupConcurrency = options.lookupConcurrency ?? 1;
    if (!Number.isInteger(this.lookupConcurrency) || this.lookupConcurrency < 1) {
      throw new RangeError(`lookupConcurrency must be a positive integer, got ${this.lookupConcurrency}`);
    }
  }

  async readDirectory(): Promise<DirectoryReadResult> {
    const unreadable: UnreadableRecord[] = [];
    const onUnreadable = (record: UnreadableRecord) => unreadable.push(record);
    let tree;
    try {
      // The subtree of the root is the whole corp; a root outside the app's visible range is refused (60011).
      tree = await this.client.listDepartments(WECOM_ROOT_DEPARTMENT, { onUnreadable });
    } catch (error) {
      if (isVendorError(error) && error.kind === 'permission') throw rootRefused(error);
      throw error;
    }
    const departments: DirectoryDepartment[] = tree.map((department) => ({
      id: String(department.id),
      ...(department.name ? { name: department.name } : {}),
      parentId:
        department.id === WECOM_ROOT_DEPARTMENT || department.parentid === 0 ? null : String(department.parentid),
    }));
    const listed = await pMap(
      tree,
      async (department) => ({
        department: department.id,
        members: await this.client.listDepartmentMembers(department.id, { onUnreadable }),
      }),
      { concurrency: DEPARTMENTS_AT_ONCE },
    );
    const people = new DirectoryPeople();
    for (const { department, members } of listed) {
      for (const member of members) {
        people.add(member.userid, [department, ...member.department].map(String), () => this.personOf(member));
      }
    }
    return {
      people: people.list(),
      departments,
      unreadable,
    };
  }

  /**
   * One call per value ([W1] [W2] have no batch form), `lookupConcurrency` of them in flight at once. A miss
   * costs a failure of WeCom's day budget (20 % of the seat limit, [W1]); once spent, every call answers 45009 for
   * the rest of the day, so a rate_limit (or a permission) refusal stops the lookups: no call starts after it
   * (those already in flight end), and the first refusal is answered as `stoppedBy`. Only email_type 1
   * (企业邮箱) is asked: probing the personal email too would double the misses ([W2]).
   */
  async lookup(
    attribute: IdentityAttribute,
    values: readonly string[],
    onProgress?: (done: number) => void,
  ): Promise<LookupAnswer> {
    if (attribute !== 'email' && attribute !== 'mobile') {
      throw new RangeError(`WeCom has no lookup by ${attribute} (user/getuserid and get_userid_by_email only)`);
    }
    const found = new Map<string, string | null>();
    // A value asked already (or being asked) is not asked again.
    const asked = new Set<string>();
    let done = 0;
    let stoppedBy: VendorError | undefined;
    await pMap(
      values,
      async (value) => {
        if (stoppedBy) return;
        if (asked.has(value)) {
          onProgress?.(++done);
          return;
        }
        asked.add(value);
        if (isBlankValue(value)) found.set(value, null);
        else {
          try {
            found.set(
              value,
              attribute === 'email'
                ? await this.client.getUserIdByEmail(value, 1)
                : await this.client.getUserIdByMobile(wecomMobile(value)),
            );
          } catch (error) {
            if (!isVendorError(error)) throw error;
            // A malformed value (60103 / 60105) is one nobody can have; anything else ends the lookups.
            if (error.kind !== 'invalid_request') {
              stoppedBy ??= error;
              return;
            }
            found.set(value, null);
          }
        }
        onProgress?.(++done);
      },
      { concurrency: this.lookupConcurrency },
    );
    return stoppedBy ? { found, stoppedBy } : { found };
  }

  private personOf(member: WecomDirectoryUser): DirectoryPerson {
    const attributes: Partial<Record<IdentityAttribute, string>> = {};
    // The 企业邮箱 (biz_mail) is what get_userid_by_email type 1 finds; the other email field is the fallback a
    // company that keeps work addresses there fills ([W2]). Both come only to old apps and contact sync ([W0]).
    const email = member.biz_mail || member.email;
    if (email) attributes.email = email;
    if (member.mobile) attributes.mobile = member.mobile;
    const employeeNo = member.extattr?.attrs?.find((attr) => attr.name === this.employeeNoAttribute)?.text?.value;
    if (employeeNo) attributes.employee_no = employeeNo;
    return {
      id: member.userid,
      ...(member.name ? { name: member.name } : {}),
      active: isActive(member.status),
      attributes,
      departmentIds: [],
    };
  }
}

/**
 * A mobile in the form WeCom's directory holds: a mainland number without "+86" (the form of [W1]'s example,
 * "13430388888"), so that Feishu's "+8613011111111" ([F2] of docs/vendor/feishu-contact.md) finds the member;
 * any other number as given ([W0] 60103 allows digits, "+" and "-").
 */
export function wecomMobile(mobile: string): string {
  const mainland = /^\+86[\s-]?(1\d{10})$/.exec(mobile.trim());
  return mainland?.[1] ?? mobile;
}

/**
 * status ([W6]): 2 已禁用 and 5 退出企业 mean the person is gone. 4 未激活 ("既未激活企业微信又未关注微信插件") is
 * still an employee: they join the checkin rules their departments are in, can be given schedules, and punch as
 * soon as they activate — so they stay matched (docs/vendor/wecom-contact.md [W6]). An absent status reads as 1.
 */
function isActive(status: number | undefined): boolean {
  return status !== WECOM_USER_STATUS.disabled && status !== WECOM_USER_STATUS.left;
}

/** The root refused: the app's visible range must hold the whole corp ([W0] [W7]). */
function rootRefused(cause: VendorError): VendorError {
  return new VendorError(
    'wecom',
    'permission',
    `WeCom refused the root department ${WECOM_ROOT_DEPARTMENT}: the app's visible range (可见范围) must hold the ` +
      'whole company to read the directory; set it in the admin console under 应用管理 → the app → 可见范围 ' +
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
