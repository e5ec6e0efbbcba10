// Feishu's error answers as the emulator produces them. Codes, HTTP statuses and messages come from the
// doc tables (feishu-create-update-group.md, feishu-get-shift.md, feishu-attendance-guide-and-errors.md,
// REFERENCE A2/A3); where the docs leave a choice, the choice is written next to the factory.

export interface FeishuFieldViolation {
  readonly field: string;
  readonly description: string;
}

export class FeishuApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly msg: string,
    readonly fieldViolations: readonly FeishuFieldViolation[] = [],
  ) {
    super(msg);
  }
}

/** 1220001 "param is invalid", HTTP 400; the detail says which field (feishu-create-update-group.md). */
export function paramInvalid(detail: string, violations: readonly FeishuFieldViolation[] = []): FeishuApiError {
  return new FeishuApiError(400, 1220001, `param is invalid: ${detail}`, violations);
}

/** 1220003: employee_type is neither employee_id nor employee_no (feishu-create-update-group.md). */
export function userIdTypeInvalid(): FeishuApiError {
  return new FeishuApiError(400, 1220003, 'user_id type is not employee_id or employee_no');
}

/** 1220004 with the doc's example message for unknown users (feishu-create-update-group.md). */
export function userNotFound(ids: readonly string[]): FeishuApiError {
  return new FeishuApiError(400, 1220004, `user_id is not exist or does not have permission: ${ids.join(',')}`);
}

/**
 * The general code 1220600 with one of the messages of feishu-attendance-guide-and-errors.md ("通用错误信息
 * 包含多条"). HTTP 400 as in the error tables.
 */
export type FeishuGeneralMessage =
  | 'rule not exist'
  | 'rule does not exist'
  | 'shift does not exist'
  | 'shift can not be del'
  | 'operate too much flow'
  | 'the object already exists'
  | 'the rule cannot arrange!'
  | 'time is invalid';

export function generalError(msg: FeishuGeneralMessage): FeishuApiError {
  return new FeishuApiError(400, 1220600, msg);
}

// Token errors. HTTP 400: go-lark/lark issue #28 shows `Bad Request` with {"code":99991661,"msg":"Need a
// token"}, and pppscn/SmsForwarder issue #589 HTTP 400 with 99991672 (REFERENCE A2 leaves it UNCONFIRMED).
export const MISSING_TOKEN = () =>
  new FeishuApiError(
    400,
    99991661,
    'Missing access token for authorization. Please make a request with token attached.',
  );
/** Unknown, revoked or expired tenant token: 99991663 (REFERENCE A2). */
export const INVALID_TOKEN = () =>
  new FeishuApiError(
    400,
    99991663,
    'Invalid access token for authorization. Please make a request with token attached.',
  );
/** A token that is not "t-…"/"u-…": 99991671 token format error ([CLI-ERR], REFERENCE A2). */
export const MALFORMED_TOKEN = () =>
  new FeishuApiError(
    400,
    99991671,
    'Invalid access token for authorization. Token format error: it must start with "t-" or "u-".',
  );
/** Wrong app_id or app_secret on the token endpoint: 99991543 ([CLI-ERR], REFERENCE A2). */
export const BAD_CREDENTIALS = () => new FeishuApiError(400, 99991543, 'app_id or app_secret is incorrect');
/** A token request without app_id/app_secret: 10003 "invalid param" (seen for a bad app_id, Feishu-MCP#17). */
export const TOKEN_PARAM_INVALID = (detail: string) => new FeishuApiError(400, 10003, `invalid param: ${detail}`);

/** Thrown when a call exceeds its rate limit; answered with the exact signal of REFERENCE A3. */
export class RateLimitedError extends Error {
  constructor(
    readonly limit: number,
    readonly resetSeconds: number,
  ) {
    super('request trigger frequency limit');
  }
}

// Contact (contact-identity-apis.md [F0]–[F4]; the [FS-EN] 错误码 tables of find_by_department and
// department/children give code, HTTP status and message).

/**
 * 99992402 "field validation failed", HTTP 400, with field_violations: the generic validation answer quoted
 * from live Feishu answers ([F0]). UNCONFIRMED that it is the answer to a 51st email or mobile in
 * batch_get_id (the page only says "最大长度：50"); the emulator answers it for every contact-API body or
 * query value outside its documented range that has no code of its own.
 */
export function fieldValidationFailed(violations: readonly FeishuFieldViolation[]): FeishuApiError {
  return new FeishuApiError(400, 99992402, 'field validation failed', violations);
}

/** 400 40011 "page size is invalid" (page_size outside 1–50, [F3] [F4]). */
export const CONTACT_PAGE_SIZE_INVALID = () => new FeishuApiError(400, 40011, 'page size is invalid');
/** 400 40012 "page token is invalid error" ([F3] [F4]). */
export const CONTACT_PAGE_TOKEN_INVALID = () => new FeishuApiError(400, 40012, 'page token is invalid error');
/** 403 40004 "no dept authority error": a department outside the app's contact data scope ([F3] [F4]). */
export const NO_DEPT_AUTHORITY = () => new FeishuApiError(403, 40004, 'no dept authority error');
