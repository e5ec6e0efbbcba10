import { VENDORS, type Vendor } from '@app/kernel';
import type {
  FaceLiveness,
  OutOfRangePolicy,
  RestDayPunchPolicy,
  RuleKind,
} from '../../src/canonical/canonical-rule.js';
import type { PunchKind, PunchOrigin } from '../../src/punch/canonical-punch.js';

/*
 * The valid values of the enum-valued canonical fields, for the write harness (WriteHarness.enums): a generic
 * change of an enum ('allowed' → 'allowed-x') is a value no writer knows, so a field written from an enum would
 * never be seen to change; the not_applicable checks try each other valid value instead. Each list is checked
 * against its canonical type: a member added to the type and missing here is a compile error.
 */

/** `values`, checked to hold every member of T (a missing member makes the argument `never`). */
function everyMember<T>() {
  return <const L extends readonly T[]>(values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : never)) =>
    values as readonly T[];
}

const NULLABLE_BOOLEAN = everyMember<boolean | null>()([true, false, null]);

/** CanonicalRule (canonical-rule.ts), by canonical path. */
export const CANONICAL_RULE_ENUMS: Readonly<Record<string, readonly unknown[]>> = {
  kind: everyMember<RuleKind>()(['fixed', 'shift_based', 'free']),
  idSpace: everyMember<Vendor>()(VENDORS),
  faceLiveness: everyMember<FaceLiveness>()(['none', 'silent', 'action']),
  outOfRange: everyMember<OutOfRangePolicy>()(['exception', 'field_punch', 'forbidden']),
  restDayPunch: everyMember<RestDayPunchPolicy | null>()(['allowed', 'approval', 'forbidden', null]),
  // OvertimeByDayKind: true, false or null (the source does not say); a null has no generic change.
  'overtime.workday': NULLABLE_BOOLEAN,
  'overtime.restDay': NULLABLE_BOOLEAN,
  'overtime.holiday': NULLABLE_BOOLEAN,
};

/** CanonicalPunch (canonical-punch.ts), by canonical path. */
export const CANONICAL_PUNCH_ENUMS: Readonly<Record<string, readonly unknown[]>> = {
  vendor: everyMember<Vendor>()(VENDORS),
  kind: everyMember<PunchKind>()(['on_duty', 'off_duty', 'outing', 'unspecified']),
  origin: everyMember<PunchOrigin>()(['person', 'fast', 'device', 'admin', 'remedy', 'import']),
};
