import fc from 'fast-check';
import { type JsonObject, label, macAddress, recordOf, withUnknownFields } from './variance-fields.util.js';

// fast-check arbitraries of Feishu attendance records as a real tenant's READ answers may hold them:
// punch records (user_flows/query, REFERENCE A7) and roster days (user_daily_shifts/query, REFERENCE A4).
// Doc-legal, optional fields sometimes left out, fields our docs do not know sometimes added. Synthetic data of
// ours. feishu-user-flows.md spells these records with other names (user_flows, punch_time, user_flow_id);
// REFERENCE A4 shows those names are wrong, so they are never generated (and never count as "unknown").
//
// Left out on purpose: check_result "Invalid" and "PendingApproval" (user_flows/query "returns valid flows only;
// invalid or pending flows are not returned", A4: such a record is never read); is_clear_schedule true (a day
// cleared, not a roster day); photo_urls null (A9: events only).

export interface FeishuFlowContext {
  /** Whose punches (employee_id). */
  readonly userIds: readonly string[];
  /** Unix seconds, [from, to): the punch times. */
  readonly from: number;
  readonly to: number;
}

/** A7: check_result as output; "Invalid" and "PendingApproval" left out (see the top). */
const CHECK_RESULTS = ['NoNeedCheck', 'SystemCheck', 'Normal', 'Early', 'Late', 'SeriousLate', 'Lack', 'None', 'Todo'];

/**
 * One punch record as user_flows/query answers it (A7), minus record_id (the emulator assigns it). Required:
 * user_id, creator_id, location_name, check_time (seconds, a STRING), comment (may be empty) — A7 "required".
 * Optional: every other A7 field; ssid and bssid (a MAC) together; coordinates inside mainland China in A7's
 * field order (the Lark example swaps them; the records here do not); idempotent_id / external_id never carry
 * the gateway's own mark (they are another system's).
 */
export function feishuUserFlow(context: FeishuFlowContext): fc.Arbitrary<JsonObject> {
  const ids = fc.stringMatching(/^[a-z0-9]{8,16}$/);
  return withUnknownFields(
    fc
      .tuple(
        fc.constantFrom(...context.userIds),
        fc.integer({ min: context.from, max: context.to - 1 }),
        recordOf(
          {
            location_name: fc.oneof(fc.constant(''), label('总部', 24)),
            comment: fc.oneof(fc.constant(''), label('备注', 24)),
            longitude: fc.double({ min: 103, max: 122, noNaN: true }),
            latitude: fc.double({ min: 22, max: 40, noNaN: true }),
            wifi: fc.tuple(label('WiFi-', 20), macAddress),
            is_field: fc.boolean(),
            is_wifi: fc.boolean(),
            type: fc.integer({ min: 0, max: 7 }),
            photo_urls: fc.array(
              ids.map((id) => `https://example.invalid/p/${id}.jpg`),
              { maxLength: 2 },
            ),
            device_id: ids,
            check_result: fc.constantFrom(...CHECK_RESULTS),
            external_id: ids.map((id) => `ext-${id}`),
            idempotent_id: ids.map((id) => `other-${id}`),
            create_time: fc.integer({ min: context.from, max: context.to - 1 }).map(String),
          },
          ['location_name', 'comment'],
        ),
      )
      .map(([userId, checkTime, { wifi, longitude, latitude, ...rest }]) => {
        const [ssid, bssid] = (wifi as [string, string] | undefined) ?? [];
        return {
          user_id: userId,
          creator_id: userId,
          location_name: rest['location_name'],
          check_time: String(checkTime),
          comment: rest['comment'],
          ...(longitude !== undefined && latitude !== undefined ? { longitude, latitude } : {}),
          ...(ssid === undefined ? {} : { ssid, bssid }),
          ...rest,
        };
      }),
    2,
  );
}

/** The key Feishu punches are carried under to WeCom: the person and the second (`user_id@check_time`). */
export function feishuFlowKey(flow: JsonObject): string {
  return `${String(flow['user_id'])}@${String(flow['check_time'])}`;
}

/** `count` flows of distinct people-and-seconds (WeCom keeps one punch per person and second). */
export function feishuUserFlows(context: FeishuFlowContext, count: number): fc.Arbitrary<JsonObject[]> {
  return fc.uniqueArray(feishuUserFlow(context), { minLength: count, maxLength: count, selector: feishuFlowKey });
}

export interface FeishuRosterContext {
  /** The 排班 group (group_type 2) the days belong to. */
  readonly groupId: string;
  /** Shifts that may be rostered; "0" (rest, A4) is always among the choices. */
  readonly shiftIds: readonly string[];
  /** The group's people (employee_id). */
  readonly userIds: readonly string[];
  /** The days that may be rostered, YYYY-MM-DD. */
  readonly days: readonly string[];
}

/**
 * One roster day as user_daily_shifts/query answers it (A4): group_id, shift_id ("0" = rest), month (int
 * yyyyMM), user_id, day_no (1–31) required; is_clear_schedule optional (false here, see the top). Unknown fields.
 */
export function feishuRosterDay(context: FeishuRosterContext): fc.Arbitrary<JsonObject> {
  const shifts = context.shiftIds.includes('0') ? context.shiftIds : [...context.shiftIds, '0'];
  return withUnknownFields(
    fc
      .tuple(
        fc.constantFrom(...context.userIds),
        fc.constantFrom(...context.days),
        fc.constantFrom(...shifts),
        fc.option(fc.constant(false), { nil: undefined }),
      )
      .map(([userId, day, shiftId, clear]) => {
        const [year, month, date] = day.split('-').map(Number) as [number, number, number];
        return {
          group_id: context.groupId,
          shift_id: shiftId,
          month: year * 100 + month,
          user_id: userId,
          day_no: date,
          ...(clear === undefined ? {} : { is_clear_schedule: clear }),
        };
      }),
    2,
  );
}

/** The id the gateway gives a roster day: `user_id@month/day_no` (the person and the day identify it). */
export function feishuRosterDayId(day: JsonObject): string {
  return `${String(day['user_id'])}@${String(day['month'])}/${String(day['day_no'])}`;
}

/** `count` roster days of distinct people-and-days. */
export function feishuRosterDays(context: FeishuRosterContext, count: number): fc.Arbitrary<JsonObject[]> {
  return fc.uniqueArray(feishuRosterDay(context), { minLength: count, maxLength: count, selector: feishuRosterDayId });
}
