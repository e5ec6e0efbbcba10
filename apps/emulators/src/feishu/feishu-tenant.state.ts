import type { SeededRandom } from '../common/seeded-random.js';
import type { FeishuDirectory } from './feishu-directory.js';
import type { JsonObject } from './feishu-field-check.util.js';

/** A group in its READ shape (group_type 0/2/3, locations with ids), user ids as employee_id. */
export interface StoredGroup {
  readonly group: JsonObject & { group_id: string; group_name: string; group_type: 0 | 2 | 3 };
  /** For search ordering ("sorted by modify time desc", REFERENCE A4). */
  readonly modifiedAt: number;
}

/** A shift in its READ shape (per-segment no_need_on/off meaning "needed"). */
export interface StoredShift {
  readonly shift: JsonObject & { shift_id: string; shift_name: string };
}

/** A punch in its READ shape, user ids as employee_id. */
export interface StoredFlow {
  readonly flow: JsonObject & { record_id: string; user_id: string; check_time: string; idempotent_id?: string };
  /** Imported through the open platform: only those may be deleted by batch_del. */
  readonly imported: boolean;
}

export interface StoredDailyShift {
  readonly group_id: string;
  readonly shift_id: string;
  readonly month: number;
  /** employee_id. */
  readonly user_id: string;
  readonly day_no: number;
}

/** Everything one tenant holds. Maps keep insertion order, which is the order lists return. */
export class FeishuTenant {
  readonly groups = new Map<string, StoredGroup>();
  readonly shifts = new Map<string, StoredShift>();
  readonly flows = new Map<string, StoredFlow>();
  readonly flowsByIdempotentId = new Map<string, string>();
  /** Keyed by `${user_id}|${yyyyMMdd}`: one entry per person and day. */
  readonly dailyShifts = new Map<string, StoredDailyShift>();
  /** result_id of each person's task (打卡结果) per day, keyed `${user_id}|${yyyyMMdd}`: stable across queries. */
  readonly taskIds = new Map<string, string>();
  private readonly usedIds = new Set<string>();

  constructor(
    readonly directory: FeishuDirectory,
    private readonly ids: SeededRandom,
  ) {}

  /** A fresh 19-digit numeric string id (REFERENCE A1), deterministic for the seed. */
  newId(): string {
    let id: string;
    do id = this.ids.digits(19);
    while (this.usedIds.has(id));
    this.usedIds.add(id);
    return id;
  }

  /**
   * The group a user must punch in, if any: a group binding the user explicitly wins over one binding the
   * user's department (our reading; the docs say only that a person belongs to one group per day).
   */
  groupOf(employeeId: string): StoredGroup | undefined {
    const groups = [...this.groups.values()];
    const explicit = groups.find((g) => stringArray(g.group['bind_user_ids']).includes(employeeId));
    if (explicit) return explicit;
    const department = this.directory.user(employeeId)?.departmentId;
    if (!department) return undefined;
    return groups.find((g) => stringArray(g.group['bind_dept_ids']).includes(department));
  }

  /** Users who must punch (member_clock_type 1) in a group. */
  punchMembers(group: StoredGroup): string[] {
    return this.directory
      .users()
      .map((user) => user.employeeId)
      .filter((id) => this.groupOf(id)?.group.group_id === group.group.group_id);
  }

  /** Users attached to a group without punching (member_clock_type 2). */
  noPunchMembers(group: StoredGroup): string[] {
    const direct = stringArray(group.group['bind_default_user_ids']);
    const viaDepartments = this.directory.membersOf(stringArray(group.group['bind_default_dept_ids']));
    return [...new Set([...direct, ...viaDepartments])];
  }
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function dailyShiftKey(userId: string, month: number, dayNo: number): string {
  return `${userId}|${month * 100 + dayNo}`;
}
