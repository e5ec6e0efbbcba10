import {
  groupTypeAsRead,
  type FeishuGroup,
  type FeishuGroupCreate,
  type FeishuShift,
  type FeishuShiftCreate,
} from '@app/feishu/model';
import { bindFeishuShiftIds, planShiftIds, type FeishuGroupPlan } from './canonical-to-feishu.mapper.js';

/*
 * What Feishu would answer after a plan is applied: the created shifts and the saved group in their READ
 * shape. For round-trip tests (and the emulator) only; it models the documented read/create differences:
 *  - group_type 1 → 0 for fixed (REFERENCE A6);
 *  - each segment's no_need_on / no_need_off flips from "true = not needed" to "true = needed"
 *    (feishu-get-shift.md "注意和接口创建时的区别");
 *  - shifts and locations get ids; shift keys in the group become those ids.
 * It does not model Feishu's defaults for fields we leave unset, nor the append-only locations on update.
 */

export interface FeishuReadBack {
  readonly group: FeishuGroup;
  readonly shifts: FeishuShift[];
}

/** A 19-digit id like Feishu's, deterministic from a counter. */
export function fakeFeishuId(seed: number, counter: number): string {
  return `7${String(seed).padStart(6, '0')}${String(counter).padStart(12, '0')}`;
}

export function shiftAsRead(shift: FeishuShiftCreate, shiftId: string): FeishuShift {
  return {
    ...shift,
    shift_id: shiftId,
    id: shiftId,
    punch_time_rule: shift.punch_time_rule.map((rule) => ({
      ...rule,
      no_need_on: !(rule.no_need_on ?? false),
      no_need_off: !(rule.no_need_off ?? false),
    })),
  };
}

export function groupAsRead(group: FeishuGroupCreate, groupId: string, locationSeed = 1): FeishuGroup {
  return {
    ...group,
    group_id: group.group_id ?? groupId,
    group_type: groupTypeAsRead(group.group_type),
    locations: (group.locations ?? []).map((location, index) => ({
      ...location,
      location_id: fakeFeishuId(locationSeed, index + 1),
    })),
  };
}

export function planAsRead(
  plan: FeishuGroupPlan,
  options: { readonly groupId?: string; readonly existingShifts?: readonly FeishuShift[] } = {},
): FeishuReadBack {
  const created = new Map<string, string>();
  const shifts: FeishuShift[] = [];
  plan.shifts.forEach((entry, index) => {
    if (entry.action === 'create') {
      const id = fakeFeishuId(2, index + 1);
      created.set(entry.shiftKey, id);
      shifts.push(shiftAsRead(entry.shift, id));
    } else {
      const existing = options.existingShifts?.find((shift) => shift.shift_id === entry.shiftId);
      if (!existing) throw new Error(`planAsRead: reused shift ${entry.shiftId} is not in existingShifts`);
      shifts.push(existing);
    }
  });
  const bound = bindFeishuShiftIds(plan.groupTemplate, planShiftIds(plan, created));
  return { group: groupAsRead(bound, options.groupId ?? fakeFeishuId(1, 0)), shifts };
}
