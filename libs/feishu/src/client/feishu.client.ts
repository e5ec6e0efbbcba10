import { isVendorError, VendorError } from '@app/kernel';
import { type Clock, systemClock, withRetries } from '@app/vendor-http';
import { z } from 'zod';
import {
  describeSchemaIssues,
  FEISHU_MAX_DAILY_SHIFTS_PER_BATCH,
  FEISHU_MAX_DAYS_PER_DAILY_SHIFT_QUERY,
  FEISHU_MAX_FLOWS_PER_BATCH,
  FEISHU_MAX_RECORDS_PER_BATCH_DEL,
  FEISHU_MAX_USERS_PER_DAILY_SHIFT_QUERY,
  FEISHU_MAX_USERS_PER_FLOW_QUERY,
  type FeishuGroup,
  type FeishuGroupCreate,
  feishuGroupCreateDataSchema,
  feishuGroupCreateSchema,
  type FeishuGroupListItem,
  feishuGroupListPageSchema,
  feishuGroupSchema,
  feishuGroupSearchDataSchema,
  type FeishuGroupUser,
  feishuGroupUserPageSchema,
  type FeishuMemberClockType,
  feishuSecondsStringSchema,
  type FeishuShift,
  type FeishuShiftCreate,
  feishuShiftCreateDataSchema,
  feishuShiftCreateSchema,
  feishuShiftListPageSchema,
  feishuShiftSchema,
  type FeishuUserDailyShift,
  feishuUserDailyShiftDataSchema,
  feishuUserDailyShiftSchema,
  type FeishuUserFlow,
  feishuUserFlowBatchCreateDataSchema,
  feishuUserFlowBatchDelDataSchema,
  type FeishuUserFlowCreate,
  feishuUserFlowCreateSchema,
  feishuUserFlowQueryDataSchema,
  feishuUserFlowSchema,
} from '../model/index.js';
import { chunk, splitDayRange } from './feishu-batching.util.js';
import {
  FEISHU_DEFAULT_RETRY,
  FEISHU_DEFAULT_TIMEOUT_MS,
  type FeishuClientEvent,
  type FeishuClientOptions,
} from './feishu-client.options.js';
import { FEISHU_ENDPOINTS, type FeishuEndpointName, feishuEndpointLabel } from './feishu-endpoints.js';
import { FeishuHttp } from './feishu-http.js';
import {
  type FeishuDailyShiftRejection,
  parseBatchDelReasons,
  parseDailyShiftMessage,
} from './feishu-partial-failure.util.js';
import { FeishuTokenManager } from './feishu-token.manager.js';
import { FEISHU_TOKEN_REJECTED_CODES, parseFeishuError } from './parse-feishu-error.util.js';

/** A punch to import: like the wire record, but the idempotent_id is required (REFERENCE A7). */
export type FeishuUserFlowImport = FeishuUserFlowCreate & { readonly idempotent_id: string };

export interface FeishuUserFlowQuery {
  readonly userIds: readonly string[];
  /** Unix seconds as a string, inclusive. */
  readonly checkTimeFrom: string;
  /** Unix seconds as a string, exclusive: the window is [from, to) (REFERENCE A4). */
  readonly checkTimeTo: string;
  readonly includeTerminatedUser?: boolean;
}

export interface FeishuUserFlowDeletion {
  readonly deletedRecordIds: readonly string[];
  readonly failures: readonly { readonly recordId: string; readonly reason: string }[];
}

export interface FeishuUserDailyShiftQuery {
  readonly userIds: readonly string[];
  /** yyyyMMdd, inclusive. */
  readonly checkDateFrom: number;
  /** yyyyMMdd, inclusive. */
  readonly checkDateTo: number;
}

/**
 * The outcome of user_daily_shifts/batch_create. Feishu answers code 0 even when some days did not take
 * effect, naming them in msg (REFERENCE A4); those are listed here, never swallowed.
 */
export interface FeishuUserDailyShiftWrite {
  /** The entries Feishu echoed as saved. */
  readonly applied: readonly FeishuUserDailyShift[];
  /** Users and days that did not take effect (usually: the user is not in that group). */
  readonly rejected: readonly FeishuDailyShiftRejection[];
  /** Partial-failure messages we could not read, verbatim. */
  readonly unreadMessages: readonly string[];
}

interface CallSpec<S extends z.ZodType> {
  readonly endpoint: FeishuEndpointName;
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** The shape of `data`. */
  readonly data: S;
  /** Safe to send again when the outcome of an attempt is unknown (see FEISHU_ENDPOINTS). */
  readonly repeatable: boolean;
  /** A delete: "not found" on a repeated attempt means an earlier attempt already did it. */
  readonly goneMeansDone?: boolean;
}

interface CallResult<T> {
  readonly data: T;
  readonly msg: string;
  readonly logId: string | null;
}

/**
 * Typed client of Feishu attendance (REFERENCE PART A). It owns the tenant token, paces every endpoint to
 * its rate limit, honours Feishu's throttling, retries what is safe to retry, splits calls to fit Feishu's
 * per-call limits, and turns every failure — including malformed bodies — into a VendorError.
 */
export class FeishuClient {
  private readonly http: FeishuHttp;
  private readonly tokens: FeishuTokenManager;
  private readonly clock: Clock;
  private readonly emit: (event: FeishuClientEvent) => void;

  constructor(private readonly options: FeishuClientOptions) {
    this.clock = options.clock ?? systemClock;
    const onEvent = options.onEvent;
    this.emit = (event) => {
      try {
        onEvent?.(event);
      } catch {
        // An observer's failure must not fail the call it observes.
      }
    };
    this.http = new FeishuHttp(
      {
        baseUrl: options.baseUrl,
        rateLimits: options.rateLimits,
        timeoutMs: options.timeoutMs ?? FEISHU_DEFAULT_TIMEOUT_MS,
        observer: options.observer,
      },
      this.clock,
      this.emit,
    );
    this.tokens = new FeishuTokenManager(
      { appId: options.appId, appSecret: options.appSecret },
      this.http,
      this.retryPolicy,
      this.clock,
      this.emit,
      options.observer,
    );
  }

  private get retryPolicy() {
    return this.options.retry ?? FEISHU_DEFAULT_RETRY;
  }

  private get userQuery() {
    return { employee_type: this.options.employeeType };
  }

  private get userAndDeptQuery() {
    return { employee_type: this.options.employeeType, dept_type: this.options.deptType };
  }

  // ---- groups -----------------------------------------------------------------------------------------

  /** Every group (id and name), all pages: `for await (const group of client.listGroups())`. */
  listGroups(options: { readonly pageSize?: number } = {}): AsyncGenerator<FeishuGroupListItem> {
    return this.paginate(
      'listGroups',
      {},
      {},
      feishuGroupListPageSchema,
      (page) => page.group_list ?? [],
      options.pageSize,
    );
  }

  /** GET /groups/:group_id; `data` is the group itself, not wrapped (REFERENCE A4). */
  async getGroup(groupId: string): Promise<FeishuGroup> {
    const { data } = await this.call({
      endpoint: 'getGroup',
      pathParams: { group_id: groupId },
      query: this.userAndDeptQuery,
      data: feishuGroupSchema,
      repeatable: true,
    });
    return data;
  }

  /** Groups whose name contains `groupName` (or equals it), at most 10, newest change first (REFERENCE A4). */
  async searchGroups(
    groupName: string,
    options: { readonly exactlyMatched?: boolean } = {},
  ): Promise<FeishuGroupListItem[]> {
    const { data } = await this.call({
      endpoint: 'searchGroups',
      body: {
        group_name: groupName,
        ...(options.exactlyMatched === undefined ? {} : { exactly_matched: options.exactlyMatched }),
      },
      data: feishuGroupSearchDataSchema,
      repeatable: true,
    });
    return data.group_list ?? [];
  }

  /**
   * Creates a group, or overwrites one completely when `group.group_id` is set (feishu-create-update-group.md).
   * Locations only ever append: send only new ones (see groupForUpdate). The answer is wrapped in data.group.
   */
  async createOrUpdateGroup(
    group: FeishuGroupCreate,
    options: { readonly operatorId?: string } = {},
  ): Promise<FeishuGroup> {
    const checked = this.checkOutgoing('saveGroup', feishuGroupCreateSchema, group, 'group');
    const { data } = await this.call({
      endpoint: 'saveGroup',
      query: this.userAndDeptQuery,
      body: { group: checked, ...(options.operatorId ? { operator_id: options.operatorId } : {}) },
      data: feishuGroupCreateDataSchema,
      // An overwrite (group_id set) is idempotent unless it appends locations; a create is not.
      repeatable: checked.group_id !== undefined && !(checked.locations?.length ?? 0),
    });
    return data.group;
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.call({
      endpoint: 'deleteGroup',
      pathParams: { group_id: groupId },
      data: anyData,
      repeatable: true,
      goneMeansDone: true,
    });
  }

  /** The members of a group, all pages. member_clock_type: 0 all, 1 must punch, 2 no punch (REFERENCE A4). */
  listGroupUsers(
    groupId: string,
    options: { readonly memberClockType?: FeishuMemberClockType; readonly pageSize?: number } = {},
  ): AsyncGenerator<FeishuGroupUser> {
    return this.paginate(
      'listGroupUsers',
      { group_id: groupId },
      { ...this.userAndDeptQuery, member_clock_type: options.memberClockType ?? 0 },
      feishuGroupUserPageSchema,
      (page) => page.users ?? [],
      options.pageSize,
    );
  }

  // ---- shifts -----------------------------------------------------------------------------------------

  listShifts(options: { readonly pageSize?: number } = {}): AsyncGenerator<FeishuShift> {
    return this.paginate(
      'listShifts',
      {},
      {},
      feishuShiftListPageSchema,
      (page) => page.shift_list ?? [],
      options.pageSize,
    );
  }

  /** GET /shifts/:shift_id; flat data. The no_need_on/off flags have their READ meaning (true = needed). */
  async getShift(shiftId: string): Promise<FeishuShift> {
    const { data } = await this.call({
      endpoint: 'getShift',
      pathParams: { shift_id: shiftId },
      data: feishuShiftSchema,
      repeatable: true,
    });
    return data;
  }

  /** The shift with this exact name (names are unique tenant-wide), or null when there is none. */
  async queryShiftByName(shiftName: string): Promise<FeishuShift | null> {
    try {
      const { data } = await this.call({
        endpoint: 'queryShift',
        // POST, but shift_name is a QUERY parameter and there is no body (REFERENCE A4).
        query: { shift_name: shiftName },
        data: feishuShiftSchema,
        repeatable: true,
      });
      return data;
    } catch (error) {
      if (isVendorError(error) && error.kind === 'not_found') return null;
      throw error;
    }
  }

  /** POST /shifts; the answer is wrapped in data.shift. Flags in `shift` have their CREATE meaning. */
  async createShift(shift: FeishuShiftCreate): Promise<FeishuShift> {
    const checked = this.checkOutgoing('createShift', feishuShiftCreateSchema, shift, 'shift');
    const { data } = await this.call({
      endpoint: 'createShift',
      query: this.userQuery,
      body: checked,
      data: feishuShiftCreateDataSchema,
      // Not repeated unless it is an in-place update by id: see FEISHU_ENDPOINTS.createShift.
      repeatable: checked.id !== undefined,
    });
    return data.shift;
  }

  /** Fails with "shift can not be del" (invalid_request) while a group still uses the shift. */
  async deleteShift(shiftId: string): Promise<void> {
    await this.call({
      endpoint: 'deleteShift',
      pathParams: { shift_id: shiftId },
      data: anyData,
      repeatable: true,
      goneMeansDone: true,
    });
  }

  // ---- user flows (punches) ---------------------------------------------------------------------------

  /**
   * Imports punches, 50 per call (REFERENCE A7), each carrying its idempotent_id so a repeat creates
   * nothing twice. Returns the records as Feishu saved them.
   */
  async batchCreateUserFlows(records: readonly FeishuUserFlowImport[]): Promise<FeishuUserFlow[]> {
    records.forEach((record, index) => {
      if (typeof record.idempotent_id !== 'string' || record.idempotent_id.trim() === '') {
        throw this.rejected(
          'batchCreateUserFlows',
          `flow_records[${index}].idempotent_id: required, so a repeat cannot import twice`,
        );
      }
      this.checkOutgoing('batchCreateUserFlows', feishuUserFlowCreateSchema, record, `flow_records[${index}]`);
    });
    const saved: FeishuUserFlow[] = [];
    for (const batch of chunk(records, FEISHU_MAX_FLOWS_PER_BATCH)) {
      const { data } = await this.call({
        endpoint: 'batchCreateUserFlows',
        query: this.userQuery,
        body: { flow_records: batch },
        data: feishuUserFlowBatchCreateDataSchema,
        repeatable: true,
      });
      saved.push(...(data.flow_records ?? []));
    }
    return saved;
  }

  /** Valid punches of the users in [from, to), 50 users per call (REFERENCE A4). */
  async queryUserFlows(query: FeishuUserFlowQuery): Promise<FeishuUserFlow[]> {
    for (const [name, value] of [
      ['check_time_from', query.checkTimeFrom],
      ['check_time_to', query.checkTimeTo],
    ] as const) {
      if (!feishuSecondsStringSchema.safeParse(value).success) {
        throw this.rejected(
          'queryUserFlows',
          `${name}: must be Unix seconds as a string, got ${JSON.stringify(value)}`,
        );
      }
    }
    const flows: FeishuUserFlow[] = [];
    for (const users of chunk(unique(query.userIds), FEISHU_MAX_USERS_PER_FLOW_QUERY)) {
      const { data } = await this.call({
        endpoint: 'queryUserFlows',
        query: { ...this.userQuery, include_terminated_user: query.includeTerminatedUser },
        body: { user_ids: users, check_time_from: query.checkTimeFrom, check_time_to: query.checkTimeTo },
        data: feishuUserFlowQueryDataSchema,
        repeatable: true,
      });
      flows.push(...(data.user_flow_results ?? []));
    }
    return flows;
  }

  async getUserFlow(recordId: string): Promise<FeishuUserFlow> {
    const { data } = await this.call({
      endpoint: 'getUserFlow',
      pathParams: { user_flow_id: recordId },
      query: this.userQuery,
      data: feishuUserFlowSchema,
      repeatable: true,
    });
    return data;
  }

  /** Deletes imported punches, 10 ids per call (REFERENCE A4); per-id failures come back with reasons. */
  async batchDeleteUserFlows(recordIds: readonly string[]): Promise<FeishuUserFlowDeletion> {
    const deleted: string[] = [];
    const failures: { recordId: string; reason: string }[] = [];
    for (const ids of chunk(unique(recordIds), FEISHU_MAX_RECORDS_PER_BATCH_DEL)) {
      const { data, msg } = await this.call({
        endpoint: 'batchDeleteUserFlows',
        body: { record_ids: ids },
        data: feishuUserFlowBatchDelDataSchema,
        repeatable: true,
      });
      deleted.push(...(data.success_record_ids ?? []));
      const failed = data.fail_record_ids ?? [];
      for (const [recordId, reason] of parseBatchDelReasons(msg, failed)) failures.push({ recordId, reason });
    }
    return { deletedRecordIds: deleted, failures };
  }

  // ---- user daily shifts (rosters) --------------------------------------------------------------------

  /** The roster of the users over [from, to], split into calls of ≤ 50 users and ≤ 30 days (REFERENCE A4). */
  async queryUserDailyShifts(query: FeishuUserDailyShiftQuery): Promise<FeishuUserDailyShift[]> {
    let windows;
    try {
      windows = splitDayRange(query.checkDateFrom, query.checkDateTo, FEISHU_MAX_DAYS_PER_DAILY_SHIFT_QUERY);
    } catch (error) {
      throw this.rejected('queryUserDailyShifts', `check_date_from/check_date_to: ${(error as Error).message}`);
    }
    const shifts: FeishuUserDailyShift[] = [];
    for (const users of chunk(unique(query.userIds), FEISHU_MAX_USERS_PER_DAILY_SHIFT_QUERY)) {
      for (const window of windows) {
        const { data } = await this.call({
          endpoint: 'queryUserDailyShifts',
          query: this.userQuery,
          body: { user_ids: users, check_date_from: window.from, check_date_to: window.to },
          data: feishuUserDailyShiftDataSchema,
          repeatable: true,
        });
        shifts.push(...(data.user_daily_shifts ?? []));
      }
    }
    return shifts;
  }

  /** Writes roster days, 50 per call. Days Feishu did not apply are reported, not swallowed (REFERENCE A4). */
  async batchCreateUserDailyShifts(
    shifts: readonly FeishuUserDailyShift[],
    options: { readonly operatorId?: string } = {},
  ): Promise<FeishuUserDailyShiftWrite> {
    shifts.forEach((shift, index) =>
      this.checkOutgoing(
        'batchCreateUserDailyShifts',
        feishuUserDailyShiftSchema,
        shift,
        `user_daily_shifts[${index}]`,
      ),
    );
    const applied: FeishuUserDailyShift[] = [];
    const rejected: FeishuDailyShiftRejection[] = [];
    const unreadMessages: string[] = [];
    for (const batch of chunk(shifts, FEISHU_MAX_DAILY_SHIFTS_PER_BATCH)) {
      const { data, msg } = await this.call({
        endpoint: 'batchCreateUserDailyShifts',
        query: this.userQuery,
        body: { user_daily_shifts: batch, ...(options.operatorId ? { operator_id: options.operatorId } : {}) },
        data: feishuUserDailyShiftDataSchema,
        repeatable: true,
      });
      applied.push(...(data.user_daily_shifts ?? []));
      const parsed = parseDailyShiftMessage(msg);
      rejected.push(...parsed.rejections);
      if (parsed.unparsed !== null) unreadMessages.push(parsed.unparsed);
    }
    return { applied, rejected, unreadMessages };
  }

  // ---- machinery --------------------------------------------------------------------------------------

  private async *paginate<S extends z.ZodType<{ has_more: boolean; page_token?: string | undefined }>, T>(
    endpoint: FeishuEndpointName,
    pathParams: Readonly<Record<string, string>>,
    query: Readonly<Record<string, string | number | boolean | undefined>>,
    page: S,
    items: (page: z.infer<S>) => readonly T[],
    pageSize: number | undefined,
  ): AsyncGenerator<T> {
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 50)) {
      throw new RangeError(`pageSize must be an integer 1-50 (REFERENCE A4), got ${pageSize}`);
    }
    const seen = new Set<string>();
    let pageToken: string | undefined;
    for (;;) {
      const { data } = await this.call({
        endpoint,
        pathParams,
        query: { ...query, page_size: pageSize, page_token: pageToken },
        data: page,
        repeatable: true,
      });
      yield* items(data);
      if (!data.has_more) return;
      const next = data.page_token;
      // A missing or repeated token would loop forever or silently end early; say so instead.
      if (!next || seen.has(next)) {
        throw new VendorError(
          'feishu',
          'unknown',
          `${feishuEndpointLabel(endpoint)} answered has_more=true without a new page_token`,
          { vendorCode: 0, endpoint: feishuEndpointLabel(endpoint) },
        );
      }
      seen.add(next);
      pageToken = next;
    }
  }

  private call<S extends z.ZodType>(spec: CallSpec<S>): Promise<CallResult<z.infer<S>>> {
    const label = feishuEndpointLabel(spec.endpoint);
    return withRetries((attempt) => this.attempt(spec, label, attempt), {
      policy: this.retryPolicy,
      clock: this.clock,
      // Throttled calls were not executed, so they are always sent again; transient failures only where
      // repeating is safe (FEISHU_ENDPOINTS).
      shouldRetry: (error) =>
        isVendorError(error) && (error.kind === 'rate_limit' || (error.kind === 'transient' && spec.repeatable)),
      requestedDelayMs: (error) => (isVendorError(error) ? error.retryAfterMs : null),
      onRetry: (error, attempt, delayMs) => {
        if (isVendorError(error)) {
          this.emit({
            type: 'retry',
            endpoint: label,
            attempt,
            delayMs,
            kind: error.kind,
            vendorCode: error.vendorCode,
          });
        }
      },
    });
  }

  private async attempt<S extends z.ZodType>(
    spec: CallSpec<S>,
    label: string,
    attempt: number,
  ): Promise<CallResult<z.infer<S>>> {
    let token = await this.tokens.get();
    let exchange = await this.send(spec, token);
    if (FEISHU_TOKEN_REJECTED_CODES.has(exchange.envelope.code)) {
      // The call was refused, not executed: refresh the token and send it once more (REFERENCE A2).
      this.emit({ type: 'token_rejected', endpoint: label, vendorCode: exchange.envelope.code });
      this.tokens.reject(token);
      token = await this.tokens.get();
      exchange = await this.send(spec, token);
    }
    const { response, envelope, logId } = exchange;
    if (envelope.code !== 0 || response.status < 200 || response.status >= 300) {
      const error = parseFeishuError({
        code: envelope.code,
        msg: envelope.msg,
        httpStatus: response.status,
        logId,
        endpoint: label,
        fieldViolations: envelope.error?.field_violations,
      });
      if (spec.goneMeansDone && attempt > 1 && error.kind === 'not_found') {
        return { data: {} as z.infer<S>, msg: envelope.msg, logId };
      }
      throw error;
    }
    const data = spec.data.safeParse(envelope.data);
    if (!data.success) {
      throw new VendorError(
        'feishu',
        'unknown',
        `${label} answered a malformed body: ${describeSchemaIssues(data.error, 'data')}`,
        { vendorCode: envelope.code, httpStatus: response.status, logId, endpoint: label },
      );
    }
    return { data: data.data, msg: envelope.msg, logId };
  }

  private send(spec: CallSpec<z.ZodType>, token: string) {
    const endpoint = FEISHU_ENDPOINTS[spec.endpoint];
    let path: string = endpoint.path;
    for (const [name, value] of Object.entries(spec.pathParams ?? {})) {
      path = path.replace(`:${name}`, encodeURIComponent(value));
    }
    const searchParams: Record<string, string | number | boolean> = {};
    // Falsy values such as member_clock_type=0 are real values and are sent (unlike node-sdk, REFERENCE A11).
    for (const [name, value] of Object.entries(spec.query ?? {})) if (value !== undefined) searchParams[name] = value;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (spec.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    return this.http.exchange(spec.endpoint, {
      method: endpoint.method,
      path,
      searchParams,
      ...(spec.body === undefined ? {} : { json: spec.body }),
      headers,
    });
  }

  /** Validates a payload before it leaves, so a malformed one fails here with the field named. */
  private checkOutgoing<S extends z.ZodType>(
    endpoint: FeishuEndpointName,
    schema: S,
    value: unknown,
    root: string,
  ): z.infer<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw this.rejected(endpoint, describeSchemaIssues(parsed.error, root));
    return value as z.infer<S>;
  }

  private rejected(endpoint: FeishuEndpointName, detail: string): VendorError {
    const label = feishuEndpointLabel(endpoint);
    return new VendorError('feishu', 'invalid_request', `${label} not sent: ${detail}`, {
      vendorCode: null,
      endpoint: label,
    });
  }
}

/** Deletes answer `data: {}` (or nothing); there is nothing to read. */
const anyData = z.unknown();

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
