import { DAY_SECONDS, isVendorError, type UnreadableRecordSink, VendorError } from '@app/kernel';
import {
  type Clock,
  endpointLabel,
  RateLimiter,
  readRecordId,
  readRecords,
  type RetryPolicy,
  systemClock,
  TokenCache,
  VendorTransport,
  type VendorRequestOutcome,
  type VendorResponse,
  withRetries,
} from '@app/vendor-http';
import { z } from 'zod';
import {
  type WecomAddCheckinOptionRequest,
  wecomAddCheckinOptionRequestSchema,
  type WecomAddCheckinRecord,
  wecomAddCheckinRecordSchema,
  type WecomCheckinData,
  type WecomDepartment,
  wecomDepartmentSchema,
  type WecomDeptUser,
  wecomDeptUserSchema,
  type WecomDirectoryUser,
  wecomDirectoryUserSchema,
  type WecomEmailType,
  wecomGetUserIdByEmailRequestSchema,
  wecomGetUserIdByMobileRequestSchema,
  WECOM_LIST_ID_MAX_LIMIT,
  wecomListIdRequestSchema,
  wecomUserIdAnswerSchema,
  type WecomCheckinGroupRead,
  type WecomClearCheckinOptionArrayFieldRequest,
  wecomClearCheckinOptionArrayFieldRequestSchema,
  type WecomDelCheckinOptionRequest,
  wecomDelCheckinOptionRequestSchema,
  wecomCheckinDataSchema,
  wecomCheckinGroupReadSchema,
  wecomEmptyResponseSchema,
  wecomEnvelopeSchema,
  wecomGetCheckinDataRequestSchema,
  wecomGetCheckinScheduleListRequestSchema,
  wecomGettokenResponseSchema,
  type WecomOpenCheckinDataType,
  type WecomSetCheckinScheduleListRequest,
  wecomSetCheckinScheduleListRequestSchema,
  type WecomUpdateCheckinOptionRequest,
  wecomUpdateCheckinOptionRequestSchema,
  type WecomUserCheckinOption,
  wecomUserCheckinOptionSchema,
  type WecomUserSchedule,
  wecomUserScheduleSchema,
} from '../model/index.js';
import type { WecomClientEvent, WecomClientOptions } from '../wecom.options.js';
import { classifyWecomErrcode, parseWecomError, WECOM_TOKEN_ERRCODES } from './parse-wecom-error.util.js';
import { WECOM_API_SPECS, type WecomApi, type WecomApiSpec } from './wecom-apis.constants.js';
import { chunk } from 'es-toolkit';
import { splitByChinaMonth, splitTimeWindow, uniqueIds } from './wecom-chunking.util.js';

/** getcheckindata, getcheckinoption, getcheckinschedulist: ≤ 100 userids per call (B5, B6, B8). */
export const WECOM_MAX_USERS_PER_CALL = 100;
/** getcheckindata: span ≤ 30 days (B6). */
export const WECOM_MAX_CHECKIN_DATA_SPAN_SECONDS = 30 * DAY_SECONDS;
/** add_checkin_record: ≤ 200 records per call (B7). */
export const WECOM_MAX_RECORDS_PER_CALL = 200;

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
const ERRCODE_FREQUENCY_LIMIT = 45009;

/**
 * A batch write that failed part-way: the first `completed` items were accepted by WeCom, the rest were
 * not sent. Still a VendorError of the failing call's kind.
 */
export class WecomPartialBatchError extends VendorError {
  constructor(
    cause: VendorError,
    readonly completed: number,
    readonly total: number,
  ) {
    super(
      'wecom',
      cause.kind,
      `${cause.message} (after ${completed} of ${total} items were written; the rest were not sent)`,
      {
        vendorCode: cause.vendorCode,
        logId: cause.logId,
        httpStatus: cause.httpStatus,
        endpoint: cause.endpoint ?? undefined,
        retryAfterMs: cause.retryAfterMs,
      },
      { cause },
    );
    this.name = 'WecomPartialBatchError';
  }
}

/** Options of the list reads. */
export interface WecomReadOptions {
  /**
   * Told about each element of the answer that could not be read; it is left out of the result, and every
   * other element is returned (REFERENCE B4: a rule may lack fields the doc requires only for other rule
   * types). The client's observer hears of it too.
   */
  readonly onUnreadable?: UnreadableRecordSink;
}

/**
 * The list answers with their lists unread: each element is read on its own (readRecords). A missing list is
 * still a malformed answer for the whole call — it cannot be told apart from "nothing there".
 */
const unreadList = z.array(z.unknown());
const corpCheckinOptionAnswer = wecomEnvelopeSchema.extend({ group: unreadList });
const checkinOptionAnswer = wecomEnvelopeSchema.extend({ info: unreadList });
const checkinDataAnswer = wecomEnvelopeSchema.extend({ checkindata: unreadList });
const checkinScheduleListAnswer = wecomEnvelopeSchema.extend({ schedule_list: unreadList });
/** list_id: an empty or absent next_cursor ends the walk ([W3]). */
const listIdAnswer = wecomEnvelopeSchema.extend({ next_cursor: z.string().optional(), dept_user: unreadList });
const departmentListAnswer = wecomEnvelopeSchema.extend({ department: unreadList });
const userListAnswer = wecomEnvelopeSchema.extend({ userlist: unreadList });

/** "指定的用户不存在" ([W0]): what the lookups answer for a mobile or email nobody in the corp has ([W1], UNCONFIRMED). */
export const WECOM_USER_NOT_FOUND_ERRCODE = 46004;
/** "UserID不存在" ([W0], [W6]): user/get for a userid nobody has. */
export const WECOM_USERID_NOT_FOUND_ERRCODE = 60111;
/** How many list_id pages the client follows before it calls the cursor chain broken (10⁴ × 10⁴ rows). */
const MAX_LIST_ID_PAGES = 10_000;

interface CallOptions {
  /** A not_found on a repeat means an earlier attempt already did the job (delete by id). */
  readonly notFoundOnRepeatIsDone?: boolean;
}

/**
 * The typed WeCom checkin client. One instance per app secret: WeCom tokens are per app (REFERENCE B2), so
 * the token cache lives with the credentials. Every call goes through the per-API rate limiter, carries the
 * token in the query string, refreshes a refused token once, backs off on WeCom's throttling signals, and
 * retries transient failures only where repeating the call is safe (see WECOM_API_SPECS). Every answer is
 * decoded through the zod schemas; anything unexpected becomes a VendorError, never a crash.
 */
export class WecomClient {
  private readonly transport: VendorTransport;
  private readonly limiter: RateLimiter;
  private readonly tokens: TokenCache;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly options: WecomClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retryPolicy = options.retry ?? DEFAULT_RETRY;
    this.transport = new VendorTransport({
      vendor: 'wecom',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 15_000,
      observer: options.observer,
      outcomeOf: wecomOutcome,
    });
    // The published limits are paced with a small margin: WeCom counts arrivals, and network jitter can
    // land the (limit+1)-th of evenly spaced calls inside a window that the sender's spacing kept clean —
    // which costs a minute's block (45009). Explicit overrides are taken as given.
    const margin = 1 + (options.rateLimitMargin ?? 0.02);
    this.limiter = new RateLimiter(
      (key) =>
        options.rateLimits?.[key as WecomApi] ??
        WECOM_API_SPECS[key as WecomApi].limits.map((limit) => ({ ...limit, windowMs: limit.windowMs * margin })),
      this.clock,
      options.observer
        ? {
            vendor: 'wecom',
            observer: options.observer,
            labelOf: (key) => endpointLabel(WECOM_API_SPECS[key as WecomApi]),
          }
        : undefined,
    );
    this.tokens = new TokenCache(() => this.issueToken(), 300, this.clock, {
      vendor: 'wecom',
      observer: options.observer,
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Rules (checkin_option)
  // ------------------------------------------------------------------------------------------------------

  /**
   * getcorpcheckinoption: every rule of the corp, in one answer (no paging, B4). Rules are read one by one: a
   * rule that cannot be read goes to `onUnreadable` (with its groupid when readable), the others are returned.
   */
  async getCorpCheckinOptions(options: WecomReadOptions = {}): Promise<WecomCheckinGroupRead[]> {
    const answer = await this.call('getcorpcheckinoption', {}, corpCheckinOptionAnswer);
    return this.readList('getcorpcheckinoption', answer.group, wecomCheckinGroupReadSchema, options, {
      kind: 'checkin rule',
      idOf: (rule) => readRecordId(rule, 'groupid'),
    });
  }

  /**
   * add_checkin_option returns NO id. To learn the new rule's groupid, read the rules and look it up by its
   * name — which is why callers should give rules deterministic, unique names. Several rules may carry one
   * name (WeCom does not promise uniqueness), so all matches are returned.
   */
  async findCheckinOptionsByName(groupname: string, options: WecomReadOptions = {}): Promise<WecomCheckinGroupRead[]> {
    return (await this.getCorpCheckinOptions(options)).filter((group) => group.groupname === groupname);
  }

  /** getcheckinoption: each user's rule on one day (`datetime` = that day's 00:00), ≤ 100 users per call. */
  async getCheckinOptions(
    query: {
      datetime: number;
      useridlist: readonly string[];
    },
    options: WecomReadOptions = {},
  ): Promise<WecomUserCheckinOption[]> {
    const info: WecomUserCheckinOption[] = [];
    for (const useridlist of chunk(uniqueIds(query.useridlist), WECOM_MAX_USERS_PER_CALL)) {
      const answer = await this.call('getcheckinoption', { datetime: query.datetime, useridlist }, checkinOptionAnswer);
      info.push(
        ...this.readList('getcheckinoption', answer.info, wecomUserCheckinOptionSchema, options, {
          kind: "user's checkin rule",
          idOf: (entry) => readRecordId(entry, 'userid'),
        }),
      );
    }
    return info;
  }

  /**
   * add_checkin_option. Resolves with nothing: WeCom returns no id (use findCheckinOptionsByName). Never
   * retried after a transient failure, since the rule may have been created (see WECOM_API_SPECS).
   */
  async addCheckinOption(request: WecomAddCheckinOptionRequest): Promise<void> {
    const body = this.checkRequest('add_checkin_option', wecomAddCheckinOptionRequestSchema, request);
    await this.call('add_checkin_option', body, wecomEmptyResponseSchema);
  }

  /**
   * update_checkin_option. Send every array you mean in full: a present array replaces the old one, an
   * omitted field is left unchanged. An EMPTY array is also "unchanged" on WeCom, never "clear" — so the
   * client refuses one rather than let a caller believe it cleared something; clear spe_workdays,
   * spe_offdays, wifimac_infos or loc_infos with clearCheckinOptionArrayField. Only the app that created
   * the rule may update it: otherwise a VendorError of kind 'foreign_owned_rule'.
   */
  async updateCheckinOption(request: WecomUpdateCheckinOptionRequest): Promise<void> {
    const body = this.checkRequest('update_checkin_option', wecomUpdateCheckinOptionRequestSchema, request);
    const emptyArrays = Object.entries(body.group)
      .filter(([, value]) => Array.isArray(value) && value.length === 0)
      .map(([key]) => key);
    if (emptyArrays.length > 0) {
      throw this.localError(
        'update_checkin_option',
        `group.${emptyArrays.join(', group.')}: an empty array leaves the field unchanged on WeCom; omit it, or clear it with clear_checkin_option_array_field`,
      );
    }
    await this.call('update_checkin_option', body, wecomEmptyResponseSchema);
  }

  /** clear_checkin_option_array_field: 1 spe_workdays, 2 spe_offdays, 3 wifimac_infos, 4 loc_infos. */
  async clearCheckinOptionArrayField(request: WecomClearCheckinOptionArrayFieldRequest): Promise<void> {
    const body = this.checkRequest(
      'clear_checkin_option_array_field',
      wecomClearCheckinOptionArrayFieldRequestSchema,
      request,
    );
    await this.call('clear_checkin_option_array_field', body, wecomEmptyResponseSchema);
  }

  /** del_checkin_option by groupid. A rule created by another app: VendorError 'foreign_owned_rule'. */
  async deleteCheckinOption(request: WecomDelCheckinOptionRequest): Promise<void> {
    const body = this.checkRequest('del_checkin_option', wecomDelCheckinOptionRequestSchema, request);
    await this.call('del_checkin_option', body, wecomEmptyResponseSchema, { notFoundOnRepeatIsDone: true });
  }

  // ------------------------------------------------------------------------------------------------------
  // Punches
  // ------------------------------------------------------------------------------------------------------

  /**
   * getcheckindata over any number of users and any window: split into calls of ≤ 100 users and ≤ 30 days
   * (consecutive closed windows, no overlap), merged and ordered by checkin_time. `endtime` must be after
   * `starttime` (WeCom refuses otherwise, 301024; wechatpy checks the same client-side).
   */
  async getCheckinData(
    query: {
      opencheckindatatype?: WecomOpenCheckinDataType;
      starttime: number;
      endtime: number;
      useridlist: readonly string[];
    },
    options: WecomReadOptions = {},
  ): Promise<WecomCheckinData[]> {
    const checked = this.checkRequest('getcheckindata', wecomGetCheckinDataRequestSchema, {
      ...query,
      opencheckindatatype: query.opencheckindatatype ?? 3,
      useridlist: [...query.useridlist],
    });
    if (!(checked.endtime > checked.starttime)) {
      throw this.localError(
        'getcheckindata',
        `endtime ${checked.endtime} must be after starttime ${checked.starttime}`,
      );
    }
    const users = uniqueIds(checked.useridlist);
    if (users.length === 0) return [];
    const records: WecomCheckinData[] = [];
    for (const window of splitTimeWindow(checked, WECOM_MAX_CHECKIN_DATA_SPAN_SECONDS)) {
      for (const useridlist of chunk(users, WECOM_MAX_USERS_PER_CALL)) {
        const answer = await this.call(
          'getcheckindata',
          { opencheckindatatype: checked.opencheckindatatype, ...window, useridlist },
          checkinDataAnswer,
        );
        records.push(
          ...this.readList('getcheckindata', answer.checkindata, wecomCheckinDataSchema, options, {
            kind: 'punch',
            // A punch has no id on WeCom; the person and the second identify it (the gateway's punch key).
            idOf: (row) => readRecordId(row, 'userid', 'checkin_time'),
          }),
        );
      }
    }
    return records.sort((a, b) => a.checkin_time - b.checkin_time);
  }

  /**
   * add_checkin_record in calls of ≤ 200 records, one after another. Never retried after a transient
   * failure (no idempotency key: a repeat may double punches); keep your own record mapping. A failure
   * part-way throws WecomPartialBatchError saying how many records were written.
   */
  async addCheckinRecords(records: readonly WecomAddCheckinRecord[]): Promise<{ written: number; calls: number }> {
    const checked = records.map((record, index) =>
      this.checkRequest('add_checkin_record', wecomAddCheckinRecordSchema, record, `records.${index}`),
    );
    let written = 0;
    let calls = 0;
    for (const batch of chunk(checked, WECOM_MAX_RECORDS_PER_CALL)) {
      try {
        await this.call('add_checkin_record', { records: batch }, wecomEmptyResponseSchema);
      } catch (error) {
        if (isVendorError(error) && written > 0) throw new WecomPartialBatchError(error, written, checked.length);
        throw error;
      }
      written += batch.length;
      calls++;
    }
    return { written, calls };
  }

  // ------------------------------------------------------------------------------------------------------
  // Schedules (排班), by-shift rules only
  // ------------------------------------------------------------------------------------------------------

  /**
   * getcheckinschedulist over any users and window: ≤ 100 users per call, one China-time calendar month
   * per call (WeCom: span ≤ one month). One entry per user and yearmonth.
   */
  async getCheckinScheduleList(
    query: {
      starttime: number;
      endtime: number;
      useridlist: readonly string[];
    },
    options: WecomReadOptions = {},
  ): Promise<WecomUserSchedule[]> {
    const checked = this.checkRequest('getcheckinschedulist', wecomGetCheckinScheduleListRequestSchema, {
      ...query,
      useridlist: [...query.useridlist],
    });
    if (checked.endtime < checked.starttime) {
      throw this.localError(
        'getcheckinschedulist',
        `endtime ${checked.endtime} is before starttime ${checked.starttime}`,
      );
    }
    const users = uniqueIds(checked.useridlist);
    if (users.length === 0) return [];
    const schedules: WecomUserSchedule[] = [];
    for (const window of splitByChinaMonth(checked)) {
      for (const useridlist of chunk(users, WECOM_MAX_USERS_PER_CALL)) {
        const answer = await this.call('getcheckinschedulist', { ...window, useridlist }, checkinScheduleListAnswer);
        schedules.push(
          ...this.readList('getcheckinschedulist', answer.schedule_list, wecomUserScheduleSchema, options, {
            kind: 'monthly schedule',
            idOf: (entry) => readRecordId(entry, 'userid', 'yearmonth'),
          }),
        );
      }
    }
    return schedules;
  }

  /** setcheckinschedulist: upserts (user, day) → schedule_id (0 = rest) in one by-shift rule and month. */
  async setCheckinScheduleList(request: WecomSetCheckinScheduleListRequest): Promise<void> {
    const body = this.checkRequest('setcheckinschedulist', wecomSetCheckinScheduleListRequestSchema, request);
    await this.call('setcheckinschedulist', body, wecomEmptyResponseSchema);
  }

  // ------------------------------------------------------------------------------------------------------
  // Contacts (通讯录): the identity match's lookups and directory reads (docs/vendor/wecom-contact.md)
  // ------------------------------------------------------------------------------------------------------

  /**
   * user/getuserid: the userid of the member with this mobile, or null when nobody in the corp has it (errcode
   * 46004, [W1]). Outside the app's visible range: VendorError 'permission' (60011); a malformed mobile:
   * 'invalid_request' (60103). Every miss counts against WeCom's day budget of failed lookups (20 % of the seat
   * limit, [W1]): do not repeat a day's misses.
   */
  async getUserIdByMobile(mobile: string): Promise<string | null> {
    const body = this.checkRequest('getuserid', wecomGetUserIdByMobileRequestSchema, { mobile });
    return this.lookUp('getuserid', body);
  }

  /**
   * user/get_userid_by_email: the userid of the member with this email, or null (46004). `emailType` 1 is the
   * 企业邮箱 (WeCom's default), 2 the 个人邮箱 ([W2]); one type per call. Errors as getUserIdByMobile, with 60105
   * for a malformed email.
   */
  async getUserIdByEmail(email: string, emailType: WecomEmailType = 1): Promise<string | null> {
    const body = this.checkRequest('get_userid_by_email', wecomGetUserIdByEmailRequestSchema, {
      email,
      email_type: emailType,
    });
    return this.lookUp('get_userid_by_email', body);
  }

  /**
   * user/list_id, cursor-paged to the end: one row per (member, department) ([W3]). WeCom allows it only with
   * the contact-sync (通讯录同步) secret; with an app secret it refuses (a 'permission' VendorError).
   */
  async listUserIds(options: WecomReadOptions & { readonly pageSize?: number } = {}): Promise<WecomDeptUser[]> {
    const limit = options.pageSize ?? WECOM_LIST_ID_MAX_LIMIT;
    const rows: WecomDeptUser[] = [];
    const seen = new Set<string>();
    let cursor = '';
    for (let page = 0; page < MAX_LIST_ID_PAGES; page++) {
      const body = this.checkRequest(
        'list_id',
        wecomListIdRequestSchema,
        cursor === '' ? { limit } : { cursor, limit },
      );
      const answer = await this.call('list_id', body, listIdAnswer);
      rows.push(
        ...this.readList('list_id', answer.dept_user, wecomDeptUserSchema, options, {
          kind: 'member in department',
          idOf: (row) => readRecordId(row, 'userid', 'department'),
        }),
      );
      const next = answer.next_cursor ?? '';
      if (next === '') return rows;
      if (seen.has(next))
        throw this.brokenAnswer('list_id', `next_cursor repeats an earlier cursor after page ${page + 1}`);
      seen.add(next);
      cursor = next;
    }
    throw this.brokenAnswer('list_id', `next_cursor still set after ${MAX_LIST_ID_PAGES} pages`);
  }

  /**
   * department/list: the departments of the app's visible range — the subtree of `id` (itself included) or, with
   * no id, every one ([W7]). The root is 1 and carries the corp's name; its parentid is 0. When the range leaves
   * out the root, the top entries point at a parent that is not in the answer.
   */
  async listDepartments(id?: number, options: WecomReadOptions = {}): Promise<WecomDepartment[]> {
    const answer = await this.call('department_list', id === undefined ? {} : { id }, departmentListAnswer);
    return this.readList('department_list', answer.department, wecomDepartmentSchema, options, {
      kind: 'department',
      idOf: (department) => readRecordId(department, 'id'),
    });
  }

  /**
   * user/list: the DIRECT members of one department, with details ([W5]; recurse through listDepartments for a
   * subtree — the current doc has no fetch_child, [W4]). Chosen over user/simplelist because it carries `status`
   * (disabled / left, which a matcher needs to unmap people) and, for old apps and the contact-sync secret, the
   * mobile and email. A self-built app created after 2022-06-20 gets neither ([W0]): those fields are optional.
   */
  async listDepartmentMembers(departmentId: number, options: WecomReadOptions = {}): Promise<WecomDirectoryUser[]> {
    const answer = await this.call('user_list', { department_id: departmentId }, userListAnswer);
    return this.readList('user_list', answer.userlist, wecomDirectoryUserSchema, options, {
      kind: 'department member',
      idOf: (member) => readRecordId(member, 'userid'),
    });
  }

  /**
   * user/get: one member in the shape of listDepartmentMembers ([W6]), e.g. the status of someone a lookup
   * found; null when no member has this userid (60111). Outside the visible range: 'permission' (60011).
   */
  async getUser(userid: string): Promise<WecomDirectoryUser | null> {
    try {
      // The member's fields sit next to errcode/errmsg; the envelope is not part of the member.
      const {
        errcode: _errcode,
        errmsg: _errmsg,
        ...member
      } = await this.call('user_get', { userid }, wecomEnvelopeSchema.and(wecomDirectoryUserSchema));
      return member;
    } catch (error) {
      if (isVendorError(error) && error.vendorCode === WECOM_USERID_NOT_FOUND_ERRCODE) return null;
      throw error;
    }
  }

  /** A lookup: the userid, or null on 46004; any other error as thrown. */
  private async lookUp(api: 'getuserid' | 'get_userid_by_email', body: unknown): Promise<string | null> {
    try {
      return (await this.call(api, body, wecomUserIdAnswerSchema)).userid;
    } catch (error) {
      if (isVendorError(error) && error.vendorCode === WECOM_USER_NOT_FOUND_ERRCODE) return null;
      throw error;
    }
  }

  private brokenAnswer(api: WecomApi, message: string): VendorError {
    const endpoint = endpointLabel(WECOM_API_SPECS[api]);
    return new VendorError('wecom', 'unknown', `${endpoint}: ${message}`, { vendorCode: 0, endpoint });
  }

  // ------------------------------------------------------------------------------------------------------
  // Machinery
  // ------------------------------------------------------------------------------------------------------

  private async call<S extends z.ZodType>(
    api: WecomApi,
    body: unknown,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.output<S>> {
    const spec = WECOM_API_SPECS[api];
    const endpoint = endpointLabel(spec);
    // One token refresh per call, however many attempts (REFERENCE B1: refresh and retry ONCE).
    let tokenRefreshed = false;
    let failedBefore = false;
    return withRetries<z.output<S>, unknown>(
      async () => {
        for (;;) {
          const token = await this.tokens.get();
          try {
            return await this.exchange(api, spec, endpoint, token, body, schema);
          } catch (error) {
            if (!isVendorError(error)) throw error;
            if (
              error.endpoint === endpoint &&
              error.vendorCode !== null &&
              WECOM_TOKEN_ERRCODES.has(error.vendorCode)
            ) {
              if (!tokenRefreshed) {
                tokenRefreshed = true;
                this.tokens.invalidate(token);
                this.emit({ type: 'token_rejected', endpoint, errcode: error.vendorCode });
                continue;
              }
            }
            if (options.notFoundOnRepeatIsDone && failedBefore && error.kind === 'not_found') {
              // An earlier attempt failed in transit, after WeCom may have done the job: it has.
              return schema.parse({ errcode: 0, errmsg: 'ok' });
            }
            if (error.kind === 'transient') failedBefore = true;
            throw error;
          }
        }
      },
      {
        policy: this.retryPolicy,
        clock: this.clock,
        random: this.random,
        shouldRetry: (error) => this.shouldRetry(error, spec, endpoint),
        requestedDelayMs: (error) =>
          isVendorError(error) && error.vendorCode === ERRCODE_FREQUENCY_LIMIT ? this.throttleDelayMs() : null,
        onRetry: (error, attempt, delayMs) => {
          const vendorError = error as VendorError;
          if (vendorError.kind === 'rate_limit') this.limiter.pause(api, this.clock.now() + delayMs);
          this.emit({
            type: 'retry',
            endpoint,
            attempt,
            delayMs,
            kind: vendorError.kind,
            errcode: vendorError.vendorCode,
          });
        },
      },
    );
  }

  /**
   * Throttling (45009/45033) means WeCom refused the call before acting on it, so every call may repeat it.
   * A transient failure leaves unknown whether the call was applied: only calls safe to repeat retry.
   * Errors of the token endpoint were already retried where they arose.
   */
  private shouldRetry(error: unknown, spec: WecomApiSpec, endpoint: string): boolean {
    if (!isVendorError(error) || error.endpoint !== endpoint) return false;
    if (error.kind === 'rate_limit') return true;
    if (error.kind !== 'transient') return false;
    if (!spec.retrySafe) this.emit({ type: 'not_retried', endpoint, kind: error.kind, errcode: error.vendorCode });
    return spec.retrySafe;
  }

  /** WeCom blocks a minute-limit offender for a minute; jitter spreads the callers that were refused together. */
  private throttleDelayMs(): number {
    const base = this.options.throttleBackoffMs ?? 60_000;
    return Math.round(base * (1 + 0.25 * this.random()));
  }

  private async exchange<S extends z.ZodType>(
    api: WecomApi,
    spec: WecomApiSpec,
    endpoint: string,
    token: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    await this.acquire(api, endpoint);
    // The token travels in the query string (REFERENCE B1); errors name the endpoint, never the URL. GET APIs
    // (user/list, department/list) take their parameters there too.
    const response = await this.transport.send(
      spec.method === 'GET'
        ? { method: spec.method, path: spec.path, searchParams: { ...queryOf(body), access_token: token } }
        : { method: spec.method, path: spec.path, searchParams: { access_token: token }, json: body },
    );
    return this.decode(api, endpoint, response, schema);
  }

  private async issueToken(): Promise<{ token: string; expiresInSeconds: number }> {
    const spec = WECOM_API_SPECS.gettoken;
    const endpoint = endpointLabel(spec);
    const answer = await withRetries(
      async () => {
        await this.acquire('gettoken', endpoint);
        const response = await this.transport.send({
          method: spec.method,
          path: spec.path,
          searchParams: { corpid: this.options.corpId, corpsecret: this.options.corpSecret },
        });
        return this.decode('gettoken', endpoint, response, wecomGettokenResponseSchema);
      },
      {
        policy: this.retryPolicy,
        clock: this.clock,
        random: this.random,
        shouldRetry: (error) => this.shouldRetry(error, spec, endpoint),
        requestedDelayMs: (error) =>
          isVendorError(error) && error.vendorCode === ERRCODE_FREQUENCY_LIMIT ? this.throttleDelayMs() : null,
        onRetry: (error, attempt, delayMs) => {
          const vendorError = error as VendorError;
          this.emit({
            type: 'retry',
            endpoint,
            attempt,
            delayMs,
            kind: vendorError.kind,
            errcode: vendorError.vendorCode,
          });
        },
      },
    );
    this.emit({ type: 'token_refreshed', expiresInSeconds: answer.expires_in });
    return { token: answer.access_token, expiresInSeconds: answer.expires_in };
  }

  private async acquire(api: WecomApi, endpoint: string): Promise<void> {
    const before = this.clock.now();
    await this.limiter.acquire(api);
    // Whole milliseconds: the system clock moves by microseconds between any two readings.
    const waitedMs = Math.round(this.clock.now() - before);
    if (waitedMs >= 1) this.emit({ type: 'rate_limit_wait', endpoint, waitedMs });
  }

  /** The envelope first (errcode decides), then the payload against its schema. */
  private decode<S extends z.ZodType>(
    api: WecomApi,
    endpoint: string,
    response: VendorResponse,
    schema: S,
  ): z.output<S> {
    const body = response.body;
    const errcode = isRecord(body) ? body['errcode'] : undefined;
    const errmsg = isRecord(body) && typeof body['errmsg'] === 'string' ? body['errmsg'] : '';
    if (response.status >= 500) {
      throw new VendorError('wecom', 'transient', `${endpoint} answered HTTP ${response.status}`, {
        vendorCode: typeof errcode === 'number' ? errcode : null,
        httpStatus: response.status,
        endpoint,
      });
    }
    if (typeof errcode !== 'number') {
      throw new VendorError(
        'wecom',
        'unknown',
        `${endpoint} answered HTTP ${response.status} without a numeric errcode (${isRecord(body) ? 'errcode: ' + typeof errcode : 'body is ' + describeJson(body)})`,
        { vendorCode: null, httpStatus: response.status, endpoint },
      );
    }
    if (errcode !== 0) throw parseWecomError(errcode, errmsg, { endpoint, api, httpStatus: response.status });
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new VendorError(
        'wecom',
        'unknown',
        `${endpoint} answered a body that does not match WeCom's documented shape: ${describeIssues(parsed.error)}`,
        { vendorCode: 0, httpStatus: response.status, endpoint },
      );
    }
    return parsed.data;
  }

  /** The elements of one list answer, each read on its own (readRecords). */
  private readList<S extends z.ZodType>(
    api: WecomApi,
    elements: readonly unknown[],
    schema: S,
    options: WecomReadOptions,
    record: { readonly kind: string; readonly idOf: (element: unknown) => string | null },
  ): z.output<S>[] {
    return readRecords(elements, schema, {
      vendor: 'wecom',
      endpoint: endpointLabel(WECOM_API_SPECS[api]),
      ...record,
      ...(this.options.observer ? { observer: this.options.observer } : {}),
      ...(options.onUnreadable ? { onUnreadable: options.onUnreadable } : {}),
    });
  }

  /** Validates an outgoing body against the write schema: a typo never reaches WeCom. */
  private checkRequest<S extends z.ZodType>(api: WecomApi, schema: S, value: unknown, path?: string): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw this.localError(api, `the request does not match WeCom's write shape: ${describeIssues(parsed.error, path)}`);
  }

  private localError(api: WecomApi, message: string): VendorError {
    const endpoint = endpointLabel(WECOM_API_SPECS[api]);
    return new VendorError('wecom', 'invalid_request', `${endpoint} not sent: ${message}`, {
      vendorCode: null,
      endpoint,
    });
  }

  private emit(event: WecomClientEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // Events are for logs and metrics: a failing listener must not fail the call it reports on.
    }
  }
}

/** For metrics: errcode 0 is ok, anything else the kind its errcode (or HTTP status) stands for. */
function wecomOutcome(response: VendorResponse): VendorRequestOutcome {
  if (response.status >= 500) return 'transient';
  const errcode = isRecord(response.body) ? response.body['errcode'] : undefined;
  if (typeof errcode !== 'number') return 'unknown';
  return errcode === 0 ? 'ok' : classifyWecomErrcode(errcode);
}

/** A GET API's parameters: the body's scalar fields. */
function queryOf(body: unknown): Record<string, string | number | boolean> {
  if (!isRecord(body)) return {};
  return Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string | number | boolean] =>
        typeof entry[1] === 'string' || typeof entry[1] === 'number' || typeof entry[1] === 'boolean',
    ),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** "checkindata.0.checkin_time: Invalid input: expected number, received string; …" (paths, never values). */
function describeIssues(error: z.ZodError, prefix?: string): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '').join('.');
    return `${path || '(root)'}: ${issue.message}`;
  });
  const more = error.issues.length > shown.length ? `; and ${error.issues.length - shown.length} more` : '';
  return shown.join('; ') + more;
}
