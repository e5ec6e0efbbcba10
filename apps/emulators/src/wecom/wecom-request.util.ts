import type { WecomCallContext } from './wecom-call.context.js';
import type { JsonObject } from './wecom-emulator.state.js';
import { WECOM_ERRORS, WecomFailure } from './wecom-errors.constants.js';

/** getcheckindata, getcheckinoption, getcheckinschedulist: at most 100 userids (REFERENCE B5, B6, B8). */
export const MAX_USERS_PER_CALL = 100;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required integer field; anything else is 40058 不合法的参数 ([GWX]). */
export function requireInt(body: JsonObject, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw WecomFailure.of(WECOM_ERRORS.invalidParameter, `${key} must be an integer`);
  }
  return value;
}

export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw WecomFailure.of(WECOM_ERRORS.invalidParameter, `${key} must be a boolean`);
  return value;
}

/**
 * A list of 1–100 userids that all exist. An empty or too long list is 301023 (the community post in B1 for
 * > 100; [GWX] "列表数量不能为0且不超过100" for both); an unknown userid is 301021 ([GWX] "至少有一个userid不存在
 * 于通讯录中"). READING: unknown userids are refused rather than skipped — the stricter of the two
 * possibilities, so a list the emulator accepts is one WeCom accepts.
 */
export function requireUserList(context: WecomCallContext, body: JsonObject, key: string): string[] {
  const value = body[key];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw WecomFailure.of(WECOM_ERRORS.invalidParameter, `${key} must be an array of userids`);
  }
  if (value.length === 0) throw WecomFailure.of(WECOM_ERRORS.userlistEmpty);
  if (value.length > MAX_USERS_PER_CALL) {
    throw WecomFailure.of(WECOM_ERRORS.userlistOverThreshold, `${value.length} > ${MAX_USERS_PER_CALL}`);
  }
  const unknown = value.find((userid) => !context.state.users.has(userid));
  if (unknown !== undefined) throw WecomFailure.of(WECOM_ERRORS.invalidUserid, unknown);
  return value;
}
