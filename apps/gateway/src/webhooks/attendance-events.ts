import { chinaDayOf } from '@app/kernel';
import type { FeishuEmployeeType } from '../config/app-config.js';
import type { FeishuEventEnvelope } from './feishu-event.gate.js';

// Which punch reconcile a Feishu attendance event asks for. Pure.

/** A punch was made in Feishu (REFERENCE.md A9). */
export const USER_FLOW_CREATED = 'attendance.user_flow.created_v1';

/** One user's punches of one day, to carry from Feishu to WeCom. */
export interface PunchReconcile {
  readonly userId: string;
  readonly day: string;
}

function unixSeconds(value: unknown): number | null {
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return null;
}

/**
 * The reconcile an `attendance.user_flow.created_v1` event asks for, or why it cannot be read.
 * - The user is `event[employeeType]` (FEISHU_EMPLOYEE_TYPE, `employee_id` by default): the event carries
 *   both `employee_id` and `employee_no` (either may be ""), and the punch sync addresses Feishu users by
 *   the configured type.
 * - The day is the China-time day of `event.check_time` (Unix seconds, a string in the documented example),
 *   falling back to `header.create_time` (ms) if check_time is missing: the punch is read with the day it
 *   was made on, which is also the day the punch sync's window for that date covers.
 */
export function punchReconcileFor(
  envelope: FeishuEventEnvelope,
  employeeType: FeishuEmployeeType,
): PunchReconcile | { readonly problem: string } {
  const userId = envelope.event[employeeType];
  if (typeof userId !== 'string' || userId.trim().length === 0) {
    return { problem: `event.${employeeType} is missing or empty (FEISHU_EMPLOYEE_TYPE=${employeeType})` };
  }
  const checkTime = unixSeconds(envelope.event['check_time']);
  const at = checkTime ?? (envelope.createTimeMs === null ? null : Math.floor(envelope.createTimeMs / 1000));
  if (at === null) return { problem: 'event.check_time (Unix seconds) is missing and so is header.create_time' };
  return { userId, day: chinaDayOf(at) };
}
