import { isVendorError, type UnreadableRecordSink, VendorError } from '@app/kernel';
import { type Clock, readRecordId, readRecords, systemClock, withRetries } from '@app/vendor-http';
import { z } from 'zod';
import {
  describeSchemaIssues,
  FEISHU_MAX_DAILY_SHIFTS_PER_BATCH,
  FEISHU_MAX_DAYS_PER_DAILY_SHIFT_QUERY,
  FEISHU_MAX_FLOWS_PER_BATCH,
  FEISHU_MAX_RECORDS_PER_BATCH_DEL,
  FEISHU_MAX_USERS_PER_DAILY_SHIFT_QUERY,
  FEISHU_MAX_EMAILS_PER_BATCH_GET_ID,
  FEISHU_MAX_MOBILES_PER_BATCH_GET_ID,
  FEISHU_MAX_USERS_PER_FLOW_QUERY,
  type FeishuContactUser,
  feishuContactUserSchema,
  type FeishuContactUserStatus,
  type FeishuDepartment,
  feishuDepartmentSchema,
  type FeishuGroup,
  type FeishuGroupCreate,
  feishuGroupCreateDataSchema,
  feishuGroupCreateSchema,
  type FeishuGroupListItem,
  feishuGroupListItemSchema,
  feishuGroupSchema,
  feishuGroupSearchDataSchema,
  type FeishuGroupUser,
  feishuGroupUserSchema,
  type FeishuMemberClockType,
  feishuSecondsStringSchema,
  type FeishuShift,
  type FeishuShiftCreate,
  feishuShiftCreateDataSchema,
  feishuShiftCreateSchema,
  feishuShiftSchema,
  type FeishuUserDailyShift,
  feishuUserDailyShiftDataSchema,
  feishuUserDailyShiftSchema,
  type FeishuUserFlow,
  feishuUserFlowBatchCreateDataSchema,
  feishuUserFlowBatchDelDataSchema,
  type FeishuUserFlowCreate,
  feishuUserFlowCreateSchema,
  feishuUserFlowSchema,
  type FeishuUserIdEntry,
  feishuUserIdEntrySchema,
} from '../model/index.js';
import { chunk } from 'es-toolkit';
import { splitDayRange } from './feishu-batching.util.js';
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
import { FEISHU_GENERAL_ERROR_CODE, FEISHU_TOKEN_REJECTED_CODES, parseFeishuError } from './parse-feishu-error.util.js';

/** A punch to import: like the wire record, but the idempotent_id is required (REFERENCE A7). */
export type FeishuUserFlowImport = FeishuUserFlowCreate & { readonly idempotent_id: string };

/** Options of the list and page reads. */
export interface FeishuReadOptions {
  /**
   * Told about each element of an answer that could not be read; it is left out, and every other element is
   * returned. The client's observer hears of it too.
   */
  readonly onUnreadable?: UnreadableRecordSink;
}

/** Pages and query answers with their lists unread: each element is read on its own (readRecords). */
const unreadList = z.array(z.unknown());
const userFlowQueryAnswer = z.looseObject({ user_flow_results: unreadList.optional() });
const userDailyShiftQueryAnswer = z.looseObject({ user_daily_shifts: unreadList.optional() });
const batchGetIdAnswer = z.looseObject({ user_list: unreadList.optional() });

export interface FeishuUserIdLookup extends FeishuReadOptions {
  /** Work emails (the enterprise email is not searched, docs/vendor/feishu-contact.md [F1]). */
  readonly emails?: readonly string[];
  /** Mobiles; outside mainland China with "+" and the country code ([F1]). */
  readonly mobiles?: readonly string[];
  /** Also find people who have left (default false: they come back without a user id, [F1]). */
  readonly includeResigned?: boolean;
}

/**
 * The answer for one email or mobile asked for: the contact user_id (= attendance employee_id), or null when
 * Feishu found no one the app may see — not found, outside the data scope, resigned, or an enterprise email:
 * Feishu does not say which ([F1]). `status` comes with a found person.
 */
export type FeishuUserIdMatch = (
  { readonly email: string; readonly mobile?: never } | { readonly mobile: string; readonly email?: never }
) & { readonly userId: string | null; readonly status?: FeishuContactUserStatus };

export interface FeishuUserFlowQuery extends FeishuReadOptions {
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

export interface FeishuUserDailyShiftQuery extends FeishuReadOptions {
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
  /** A write keyed by a unique id: Feishu's "the object already exists" is an answer, thrown as ObjectExists. */
  readonly existsIsAnswer?: boolean;
}

/** A list inside an answer: its key, the schema of one element, and how to name an element. */
interface ListSpec<S extends z.ZodType> {
  readonly key: string;
  readonly schema: S;
  readonly kind: string;
  readonly idOf: (element: unknown) => string | null;
}

interface CallResult<T> {
  readonly data: T;
  readonly msg: string;
  readonly logId: string | null;
}

/**
 * Typed client of Feishu attendance (REFERENCE PART A) and of the contact reads the identity match needs
 * (docs/vendor/feishu-contact.md). It owns the tenant token, paces every endpoint to
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
  listGroups(options: { readonly pageSize?: number } & FeishuReadOptions = {}): AsyncGenerator<FeishuGroupListItem> {
    return this.paginate('listGroups', {}, {}, options, {
      key: 'group_list',
      schema: feishuGroupListItemSchema,
      kind: 'attendance group',
      idOf: (group) => readRecordId(group, 'group_id'),
    });
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
    options: { readonly memberClockType?: FeishuMemberClockType; readonly pageSize?: number } & FeishuReadOptions = {},
  ): AsyncGenerator<FeishuGroupUser> {
    return this.paginate(
      'listGroupUsers',
      { group_id: groupId },
      { ...this.userAndDeptQuery, member_clock_type: options.memberClockType ?? 0 },
      options,
      {
        key: 'users',
        schema: feishuGroupUserSchema,
        kind: 'group member',
        idOf: (user) => readRecordId(user, 'user_id'),
      },
    );
  }

  // ---- shifts -----------------------------------------------------------------------------------------

  listShifts(options: { readonly pageSize?: number } & FeishuReadOptions = {}): AsyncGenerator<FeishuShift> {
    return this.paginate('listShifts', {}, {}, options, {
      key: 'shift_list',
      schema: feishuShiftSchema,
      kind: 'shift',
      idOf: (shift) => readRecordId(shift, 'shift_id'),
    });
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

  /**
   * The shift named exactly `shiftName` (names are unique tenant-wide, REFERENCE A5), or null when there is
   * none. shifts/query may answer a shift whose name only resembles the one asked for: node-sdk describes it
   * as the console's 班次名称搜索 (a search box), and the docs do not promise an exact match. So its answer
   * counts only when its shift_name is exactly `shiftName`; any other answer sends us to the shift list, whose
   * shift of that exact name (if any) is the answer — adopting a look-alike would bind the wrong shift.
   */
  async queryShiftByName(shiftName: string): Promise<FeishuShift | null> {
    let answer: FeishuShift;
    try {
      const { data } = await this.call({
        endpoint: 'queryShift',
        // POST, but shift_name is a QUERY parameter and there is no body (REFERENCE A4).
        query: { shift_name: shiftName },
        data: feishuShiftSchema,
        repeatable: true,
      });
      answer = data;
    } catch (error) {
      if (isVendorError(error) && error.kind === 'not_found') return null;
      throw error;
    }
    if (answer.shift_name === shiftName) return answer;
    for await (const shift of this.listShifts({ pageSize: 50 })) if (shift.shift_name === shiftName) return shift;
    return null;
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
   * Imports punches, 50 per call (REFERENCE A7), each carrying its idempotent_id, Feishu's only idempotency.
   *
   * Returns, in the order sent, one record per sent record that Feishu holds and that can be read, each with
   * the idempotent_id it was sent with — match results by idempotent_id, never by position:
   *  - created by this call: as batch_create answered;
   *  - already held: Feishu refuses a repeated idempotent_id with 1220600 "the object already exists"
   *    (feishu-attendance-guide-and-errors.md: "唯一键冲突，请检查业务幂等id是否重复", a unique-key clash on the
   *    idempotency id). For us that means "already imported" (by an earlier run, or by an earlier attempt of
   *    this one whose answer was lost), not a failure. The docs do not say whether the rest of such a batch is
   *    saved, so the batch's records are read back with user_flows/query (their users, over their check
   *    times) and matched by idempotent_id; the ones not found are sent again without the held ones;
   *  - held but unreadable: user_flows/query lists valid flows only (REFERENCE A4), so a held punch that is
   *    pending or invalid cannot be read back. Feishu has it, so it counts as imported, but without a
   *    record_id it is left out of the result; a `flows_already_held` event names its idempotent_id.
   * Any other refusal throws, as does a repeated idempotent_id within `records` (before anything is sent).
   */
  async batchCreateUserFlows(records: readonly FeishuUserFlowImport[]): Promise<FeishuUserFlow[]> {
    const firstIndex = new Map<string, number>();
    records.forEach((record, index) => {
      if (typeof record.idempotent_id !== 'string' || record.idempotent_id.trim() === '') {
        throw this.rejected(
          'batchCreateUserFlows',
          `flow_records[${index}].idempotent_id: required, so a repeat cannot import twice`,
        );
      }
      const earlier = firstIndex.get(record.idempotent_id);
      if (earlier !== undefined) {
        throw this.rejected(
          'batchCreateUserFlows',
          `flow_records[${index}].idempotent_id: repeats flow_records[${earlier}] (Feishu would refuse the call)`,
        );
      }
      firstIndex.set(record.idempotent_id, index);
      this.checkOutgoing('batchCreateUserFlows', feishuUserFlowCreateSchema, record, `flow_records[${index}]`);
    });
    const saved: FeishuUserFlow[] = [];
    for (const batch of chunk(records, FEISHU_MAX_FLOWS_PER_BATCH)) {
      const outcome: ImportOutcome = { saved: new Map(), held: 0, unread: [] };
      await this.importFlows(batch, outcome);
      if (outcome.held > 0 || outcome.unread.length > 0) {
        this.emit({
          type: 'flows_already_held',
          endpoint: feishuEndpointLabel('batchCreateUserFlows'),
          readBack: outcome.held,
          unreadIdempotentIds: outcome.unread,
        });
      }
      for (const record of batch) {
        const flow = outcome.saved.get(record.idempotent_id);
        if (flow) saved.push(flow);
      }
    }
    return saved;
  }

  /** One batch_create of ≤ 50 records; "the object already exists" is resolved by adoptHeldFlows. */
  private async importFlows(batch: readonly FeishuUserFlowImport[], outcome: ImportOutcome): Promise<void> {
    let created: FeishuUserFlow[];
    try {
      const { data } = await this.call({
        endpoint: 'batchCreateUserFlows',
        query: this.userQuery,
        body: { flow_records: batch },
        data: feishuUserFlowBatchCreateDataSchema,
        repeatable: true,
        existsIsAnswer: true,
      });
      created = data.flow_records ?? [];
    } catch (error) {
      if (!(error instanceof ObjectExists)) throw error;
      await this.adoptHeldFlows(batch, outcome);
      return;
    }
    // batch_create answers the saved records in request order; the idempotent_id, when echoed, is surer.
    const aligned = created.length === batch.length;
    created.forEach((flow, index) => {
      const key = flow.idempotent_id ?? (aligned ? batch[index]?.idempotent_id : undefined);
      if (key !== undefined) outcome.saved.set(key, { ...flow, idempotent_id: key });
    });
  }

  /**
   * After "the object already exists": reads the batch back, takes what Feishu holds, and imports the rest.
   * If nothing can be read back, the clash is with a held record that user_flows/query does not show; halving
   * the batch isolates it (a single record refused this way is held but unreadable). Each step sends fewer
   * records than the one before, so this ends.
   */
  private async adoptHeldFlows(batch: readonly FeishuUserFlowImport[], outcome: ImportOutcome): Promise<void> {
    const wanted = new Set(batch.map((record) => record.idempotent_id));
    const times = batch.map((record) => Number(record.check_time));
    const held = await this.queryUserFlows({
      userIds: unique(batch.map((record) => record.user_id)),
      checkTimeFrom: String(Math.min(...times)),
      // The window is [from, to) (REFERENCE A4).
      checkTimeTo: String(Math.max(...times) + 1),
    });
    for (const flow of held) {
      if (
        flow.idempotent_id !== undefined &&
        wanted.has(flow.idempotent_id) &&
        !outcome.saved.has(flow.idempotent_id)
      ) {
        outcome.saved.set(flow.idempotent_id, flow);
        outcome.held += 1;
      }
    }
    const missing = batch.filter((record) => !outcome.saved.has(record.idempotent_id));
    if (missing.length === 0) return;
    if (missing.length < batch.length) return this.importFlows(missing, outcome);
    const [only] = batch;
    if (batch.length === 1 && only) {
      outcome.unread.push(only.idempotent_id);
      return;
    }
    const middle = Math.ceil(batch.length / 2);
    await this.importFlows(batch.slice(0, middle), outcome);
    await this.importFlows(batch.slice(middle), outcome);
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
        data: userFlowQueryAnswer,
        repeatable: true,
      });
      flows.push(
        ...this.readList('queryUserFlows', data.user_flow_results ?? [], query, {
          schema: feishuUserFlowSchema,
          kind: 'punch',
          idOf: (flow) => readRecordId(flow, 'record_id'),
        }),
      );
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
          data: userDailyShiftQueryAnswer,
          repeatable: true,
        });
        shifts.push(
          ...this.readList('queryUserDailyShifts', data.user_daily_shifts ?? [], query, {
            schema: feishuUserDailyShiftSchema,
            kind: 'roster day',
            // A roster day has no id of its own: the person and the day identify it.
            idOf: (day) => {
              const user = readRecordId(day, 'user_id');
              const date = readRecordId(day, 'month', 'day_no');
              return user && date ? `${user}@${date.replace('@', '/')}` : null;
            },
          }),
        );
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

  // ---- contact (docs/vendor/feishu-contact.md) -------------------------------------------------------------

  /**
   * user_ids (user_id_type=user_id) of people by work email and by mobile: one entry per email and per mobile
   * asked for, in the order asked, with userId null when Feishu shows no one ([F1]: not found, no permission
   * and resigned are no error). Split into calls of ≤ 50 emails + ≤ 50 mobiles, paced at 50/s and 1000/min.
   */
  async batchGetUserIds(lookup: FeishuUserIdLookup): Promise<FeishuUserIdMatch[]> {
    const emails = lookup.emails ?? [];
    const mobiles = lookup.mobiles ?? [];
    const emailChunks = chunk(unique(emails), FEISHU_MAX_EMAILS_PER_BATCH_GET_ID);
    const mobileChunks = chunk(unique(mobiles), FEISHU_MAX_MOBILES_PER_BATCH_GET_ID);
    const byEmail = new Map<string, FeishuUserIdEntry>();
    const byMobile = new Map<string, FeishuUserIdEntry>();
    for (let i = 0; i < Math.max(emailChunks.length, mobileChunks.length); i++) {
      const batchEmails = emailChunks[i] ?? [];
      const batchMobiles = mobileChunks[i] ?? [];
      const { data } = await this.call({
        endpoint: 'batchGetUserIds',
        query: { user_id_type: 'user_id' },
        body: {
          ...(batchEmails.length ? { emails: batchEmails } : {}),
          ...(batchMobiles.length ? { mobiles: batchMobiles } : {}),
          include_resigned: lookup.includeResigned ?? false,
        },
        data: batchGetIdAnswer,
        repeatable: true,
      });
      const entries = this.readList('batchGetUserIds', data.user_list ?? [], lookup, {
        schema: feishuUserIdEntrySchema,
        kind: 'user id lookup',
        // Never the email or mobile: they are personal data and must not reach logs (issue #21).
        idOf: (entry) => readRecordId(entry, 'user_id'),
      });
      for (const entry of entries) {
        // Feishu answers each entry with the email or mobile asked for; matched back by value, not position,
        // so a set-aside entry cannot shift the others onto the wrong person.
        if (entry.email !== undefined) byEmail.set(emailKey(entry.email), entry);
        if (entry.mobile !== undefined) byMobile.set(mobileKey(entry.mobile), entry);
      }
    }
    const match = (entry: FeishuUserIdEntry | undefined) => ({
      userId: entry?.user_id ? entry.user_id : null,
      ...(entry?.user_id && entry.status ? { status: entry.status } : {}),
    });
    return [
      ...emails.map((email): FeishuUserIdMatch => ({ email, ...match(byEmail.get(emailKey(email))) })),
      ...mobiles.map((mobile): FeishuUserIdMatch => ({ mobile, ...match(byMobile.get(mobileKey(mobile))) })),
    ];
  }

  /**
   * The departments below `departmentId` (open_department_id, "0" = the root), all pages, with names and
   * parent ids; with fetchChild every level below, else the direct children ([F4]). A department outside the
   * app's contact data scope fails with a permission VendorError (403 40004).
   */
  listDepartmentChildren(
    departmentId: string,
    options: { readonly fetchChild?: boolean; readonly pageSize?: number } & FeishuReadOptions = {},
  ): AsyncGenerator<FeishuDepartment> {
    return this.paginate(
      'listDepartmentChildren',
      { department_id: departmentId },
      {
        department_id_type: 'open_department_id',
        user_id_type: 'user_id',
        ...(options.fetchChild === undefined ? {} : { fetch_child: options.fetchChild }),
      },
      options,
      {
        key: 'items',
        schema: feishuDepartmentSchema,
        kind: 'department',
        idOf: (department) => readRecordId(department, 'open_department_id'),
      },
    );
  }

  /**
   * The direct members of a department (open_department_id; "0" = the root, which needs the all-staff scope),
   * all pages, with user_id, email, enterprise_email, mobile, employee_no, status and department_ids as the
   * app's field scopes allow ([F2] [F3]). Walk listDepartmentChildren for everyone.
   */
  listUsersByDepartment(
    departmentId: string,
    options: { readonly pageSize?: number } & FeishuReadOptions = {},
  ): AsyncGenerator<FeishuContactUser> {
    return this.paginate(
      'listUsersByDepartment',
      {},
      { department_id: departmentId, department_id_type: 'open_department_id', user_id_type: 'user_id' },
      options,
      {
        key: 'items',
        schema: feishuContactUserSchema,
        kind: 'contact user',
        idOf: (user) => readRecordId(user, 'user_id') ?? readRecordId(user, 'open_id'),
      },
    );
  }

  // ---- machinery --------------------------------------------------------------------------------------

  private async *paginate<S extends z.ZodType>(
    endpoint: FeishuEndpointName,
    pathParams: Readonly<Record<string, string>>,
    query: Readonly<Record<string, string | number | boolean | undefined>>,
    options: { readonly pageSize?: number } & FeishuReadOptions,
    list: ListSpec<S>,
  ): AsyncGenerator<z.output<S>> {
    const pageSize = options.pageSize;
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 50)) {
      throw new RangeError(`pageSize must be an integer 1-50 (REFERENCE A4), got ${pageSize}`);
    }
    // The page frame is read whole (has_more and page_token decide the paging); its elements one by one.
    const page = z.looseObject({
      [list.key]: unreadList.optional(),
      page_token: z.string().optional(),
      has_more: z.boolean(),
    });
    const seen = new Set<string>();
    let pageToken: string | undefined;
    let offset = 0;
    for (;;) {
      const { data } = await this.call({
        endpoint,
        pathParams,
        query: { ...query, page_size: pageSize, page_token: pageToken },
        data: page,
        repeatable: true,
      });
      const elements = (data[list.key] as unknown[] | undefined) ?? [];
      yield* this.readList(endpoint, elements, options, list, offset);
      offset += elements.length;
      if (!data.has_more) return;
      const next = data.page_token as string | undefined;
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

  /** The elements of one list answer, each read on its own (readRecords). */
  private readList<S extends z.ZodType>(
    endpoint: FeishuEndpointName,
    elements: readonly unknown[],
    options: FeishuReadOptions,
    list: Omit<ListSpec<S>, 'key'>,
    offset = 0,
  ): z.output<S>[] {
    return readRecords(
      elements,
      list.schema,
      {
        vendor: 'feishu',
        endpoint: feishuEndpointLabel(endpoint),
        kind: list.kind,
        idOf: list.idOf,
        ...(this.options.observer ? { observer: this.options.observer } : {}),
        ...(options.onUnreadable ? { onUnreadable: options.onUnreadable } : {}),
      },
      offset,
    );
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
      if (spec.existsIsAnswer && isObjectExists(envelope.code, envelope.msg)) throw new ObjectExists(error);
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

/** What one batch of batchCreateUserFlows came to, by idempotent_id. */
interface ImportOutcome {
  readonly saved: Map<string, FeishuUserFlow>;
  /** Records Feishu already held and that were read back. */
  held: number;
  /** idempotent_ids Feishu holds but user_flows/query does not show. */
  readonly unread: string[];
}

/**
 * Feishu refused a write because it holds an object with the same unique key: code 1220600 with msg "the
 * object already exists" (feishu-attendance-guide-and-errors.md). Internal to the client: it is not a
 * VendorError, so it is never retried, and the method that asked for it (existsIsAnswer) resolves it.
 */
class ObjectExists extends Error {
  constructor(readonly refusal: VendorError) {
    super(refusal.message);
  }
}

function isObjectExists(code: number, msg: string): boolean {
  return code === FEISHU_GENERAL_ERROR_CODE && msg.toLowerCase().includes('the object already exists');
}

/** Deletes answer `data: {}` (or nothing); there is nothing to read. */
const anyData = z.unknown();

/** Emails compare case-insensitively (the domain always does; Feishu's own matching is not documented). */
function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** A mainland mobile with or without +86 is the same number ([F2]: "13011111111 or +8613011111111"). */
function mobileKey(mobile: string): string {
  const digits = mobile.replace(/[\s-]/g, '');
  return /^\d{11}$/.test(digits) ? `+86${digits}` : digits;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
