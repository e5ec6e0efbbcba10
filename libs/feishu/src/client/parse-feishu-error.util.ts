import { VendorError, type VendorErrorKind } from '@app/kernel';

// The one place a Feishu failure is sorted into the kernel's closed taxonomy. Pure and table-driven: every
// documented code has a row naming its source, and the spec has one row per entry.

export interface FeishuCodeEntry {
  readonly kind: VendorErrorKind;
  readonly meaning: string;
  readonly source: string;
}

/** Codes whose only cure is a fresh tenant token: the client refreshes and retries the call once on these. */
export const FEISHU_TOKEN_REJECTED_CODES: ReadonlySet<number> = new Set([99991661, 99991663, 99991664, 99991671]);

/** The rate-limit code that comes with HTTP 429 and x-ogw-ratelimit-reset (REFERENCE A3). */
export const FEISHU_RATE_LIMIT_CODE = 99991400;

/** The attendance "general error" whose meaning is in msg (feishu-attendance-guide-and-errors.md). */
export const FEISHU_GENERAL_ERROR_CODE = 1220600;

export const FEISHU_ERROR_CODES: Readonly<Record<number, FeishuCodeEntry>> = {
  // Token and auth: REFERENCE A2 "Token and auth error codes".
  99991661: { kind: 'auth', meaning: 'Authorization header missing or empty', source: 'REFERENCE A2 [CLI-ERR]' },
  99991663: { kind: 'auth', meaning: 'access token invalid or expired', source: 'REFERENCE A2 [CLI-ERR][GO-CORE]' },
  99991664: { kind: 'auth', meaning: 'app access token invalid', source: 'REFERENCE A2 [GO-CORE]' },
  99991668: { kind: 'auth', meaning: 'user_access_token invalid or expired', source: 'REFERENCE A2 [CLI-ERR]' },
  99991671: { kind: 'auth', meaning: 'token format error / access token invalid', source: 'REFERENCE A2' },
  99991677: { kind: 'auth', meaning: 'user_access_token expired', source: 'REFERENCE A2 [CLI-ERR]' },
  99991543: { kind: 'auth', meaning: 'app_id or app_secret incorrect', source: 'REFERENCE A2 [CLI-ERR]' },
  10012: { kind: 'auth', meaning: 'app ticket invalid (store apps)', source: 'REFERENCE A2 [GO-CORE]' },
  // Seen from the token endpoint for a wrong app_id ("invalid param"): github.com/cso1z/Feishu-MCP/issues/17.
  10003: { kind: 'auth', meaning: 'token request rejected: invalid app_id/app_secret param', source: 'Feishu-MCP#17' },
  99991672: { kind: 'permission', meaning: 'app has not enabled the required API scope', source: 'REFERENCE A2' },
  99991676: { kind: 'permission', meaning: 'token lacks the required scope', source: 'REFERENCE A2 [CLI-ERR]' },
  99991679: { kind: 'permission', meaning: 'user has not granted the scope', source: 'REFERENCE A2 [CLI-ERR]' },
  99991662: { kind: 'permission', meaning: 'app disabled or not installed', source: 'REFERENCE A2 [CLI-ERR]' },
  99991673: { kind: 'permission', meaning: 'app status unavailable', source: 'REFERENCE A2 [CLI-ERR]' },
  // Contact (docs/vendor/feishu-contact.md: [FS-EN] 错误码 of find_by_department and department/children).
  40004: {
    kind: 'permission',
    meaning: 'no dept authority error (outside the contact data scope)',
    source: '[F3] [F4]',
  },
  40014: { kind: 'permission', meaning: 'no parent dept authority', source: '[F4]' },
  41050: {
    kind: 'permission',
    meaning: 'no user authority error (outside the contact data scope)',
    source: '[F3] [F5]',
  },
  40011: { kind: 'invalid_request', meaning: 'page size is invalid (1-50)', source: '[F3] [F4]' },
  40012: { kind: 'invalid_request', meaning: 'page token is invalid error', source: '[F3] [F4]' },
  43010: { kind: 'invalid_request', meaning: 'big dept forbid recursion error', source: '[F4]' },
  99992402: { kind: 'invalid_request', meaning: 'field validation failed', source: '[F0] (live answers)' },
  // Rate limit: REFERENCE A3.
  99991400: { kind: 'rate_limit', meaning: 'request trigger frequency limit', source: 'REFERENCE A3' },
  // Attendance: feishu-get-shift.md and feishu-create-update-group.md error tables.
  1220001: { kind: 'invalid_request', meaning: 'param is invalid', source: 'feishu-create-update-group.md' },
  1220002: {
    kind: 'auth',
    meaning: 'tenant_id is empty (check the tenant_access_token)',
    source: 'feishu-get-shift.md',
  },
  1220003: {
    kind: 'invalid_request',
    meaning: 'user_id type is not employee_id or employee_no',
    source: 'feishu-create-update-group.md',
  },
  1220004: {
    kind: 'invalid_request',
    meaning: 'param is invalid (e.g. user_id is not exist or does not have permission)',
    source: 'feishu-create-update-group.md',
  },
  1220005: {
    kind: 'permission',
    meaning: '没有权限 (outside the data permission scope)',
    source: 'feishu-create-update-group.md',
  },
  1220600: { kind: 'unknown', meaning: 'general error; the meaning is in msg', source: 'feishu-get-shift.md' },
  1225000: { kind: 'transient', meaning: 'internal server error', source: 'feishu-get-shift.md (HTTP 500)' },
  1226000: { kind: 'transient', meaning: 'shift service internal error', source: 'feishu-get-shift.md (HTTP 500)' },
  1226003: {
    kind: 'invalid_request',
    meaning: 'param is invalid (e.g. default shift are not allowed to change)',
    source: 'feishu-get-shift.md',
  },
  1227000: { kind: 'invalid_request', meaning: 'param is invalid', source: 'feishu-create-update-group.md' },
  1227500: {
    kind: 'invalid_request',
    meaning: 'param is invalid (e.g. not find user larkID)',
    source: 'feishu-create-update-group.md',
  },
};

/**
 * The messages of the general code 1220600 (feishu-attendance-guide-and-errors.md "错误信息"). Feishu tells
 * these apart only by msg, so this is the one place we match text; matching is on the documented phrase,
 * case-insensitively, anywhere in msg (Feishu may add detail around it). Longer phrases come first so
 * "rule does not exist" is not taken for a shorter one.
 */
export const FEISHU_GENERAL_ERROR_MESSAGES: readonly { readonly msg: string; readonly kind: VendorErrorKind }[] = [
  { msg: 'This API can only be accessed by Feishu People Enterprise Edition users', kind: 'permission' },
  { msg: 'the attendance result has been sealed and can not modify', kind: 'invalid_request' },
  { msg: 'failed to upload an image', kind: 'invalid_request' },
  { msg: 'the object already exists', kind: 'invalid_request' },
  { msg: 'the object in tos not found', kind: 'unknown' },
  { msg: 'time calculation failed', kind: 'invalid_request' },
  { msg: 'name or employee_no invalid', kind: 'invalid_request' },
  { msg: 'archive_rule_id not exist', kind: 'not_found' },
  { msg: 'the rule cannot arrange', kind: 'invalid_request' },
  { msg: 'operate too much flow', kind: 'invalid_request' },
  { msg: 'shift can not be del', kind: 'invalid_request' },
  { msg: 'shift does not exist', kind: 'not_found' },
  { msg: 'rule does not exist', kind: 'not_found' },
  { msg: 'auth no permission', kind: 'permission' },
  // "更新数据库失败或者乐观锁冲突,可以进行重试处理": the guide itself says to retry.
  { msg: 'no row affected', kind: 'transient' },
  { msg: 'env count illegal', kind: 'invalid_request' },
  { msg: 'rule not exist', kind: 'not_found' },
  { msg: 'time is invalid', kind: 'invalid_request' },
  { msg: 'param invalid', kind: 'invalid_request' },
];

/** The kind of a failure from its code, HTTP status and (for the general code only) its message. */
export function feishuErrorKind(code: number | null, httpStatus: number | null, msg = ''): VendorErrorKind {
  if (code === FEISHU_GENERAL_ERROR_CODE) {
    const lower = msg.toLowerCase();
    const known = FEISHU_GENERAL_ERROR_MESSAGES.find((entry) => lower.includes(entry.msg.toLowerCase()));
    if (known) return known.kind;
  }
  if (code !== null) {
    const entry = FEISHU_ERROR_CODES[code];
    if (entry && entry.kind !== 'unknown') return entry.kind;
  }
  return kindFromStatus(httpStatus);
}

function kindFromStatus(httpStatus: number | null): VendorErrorKind {
  if (httpStatus === null) return 'unknown';
  if (httpStatus === 429) return 'rate_limit';
  if (httpStatus >= 500) return 'transient';
  if (httpStatus === 401) return 'auth';
  if (httpStatus === 403) return 'permission';
  if (httpStatus === 404) return 'not_found';
  return 'unknown';
}

export interface FeishuFailure {
  readonly code: number | null;
  readonly msg?: string;
  readonly httpStatus: number | null;
  /** X-Tt-Logid of the response, for Feishu support. */
  readonly logId?: string | null;
  /** The endpoint label, e.g. "POST /open-apis/attendance/v1/groups"; never a URL with credentials. */
  readonly endpoint: string;
  readonly retryAfterMs?: number | null;
  /** Feishu's error.field_violations, when the body carried them. */
  readonly fieldViolations?: readonly { field?: string | undefined; description?: string | undefined }[];
}

/** The VendorError for a failed Feishu call. The message echoes only Feishu's code and msg, never a token. */
export function parseFeishuError(failure: FeishuFailure): VendorError {
  const kind = feishuErrorKind(failure.code, failure.httpStatus, failure.msg);
  const parts = [`${failure.endpoint} failed`];
  if (failure.code !== null) parts.push(`Feishu code ${failure.code}`);
  if (failure.msg) parts.push(JSON.stringify(failure.msg));
  if (failure.httpStatus !== null) parts.push(`HTTP ${failure.httpStatus}`);
  const violations = (failure.fieldViolations ?? [])
    .map((violation) => [violation.field, violation.description].filter(Boolean).join(': '))
    .filter(Boolean);
  if (violations.length) parts.push(`fields: ${violations.join('; ')}`);
  if (failure.logId) parts.push(`log id ${failure.logId}`);
  return new VendorError('feishu', kind, parts.join(', '), {
    vendorCode: failure.code,
    logId: failure.logId ?? null,
    httpStatus: failure.httpStatus,
    endpoint: failure.endpoint,
    retryAfterMs: failure.retryAfterMs ?? null,
  });
}
