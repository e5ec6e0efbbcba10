import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { listen, type RunningServer } from '../common/emulator-server.js';
import { FaultInjector, type FaultRule } from '../common/fault-injector.js';
import { type LoggedRequest, RequestLog } from '../common/request-log.js';
import { SeededRandom } from '../common/seeded-random.js';
import { SlidingWindowCounter, type WindowLimit } from '../common/sliding-window.js';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS } from '../sample-company/people.js';
import { CONTACT_ROUTES, type ContactScope } from './feishu-contact.handlers.js';
import {
  type DirectoryDepartment,
  type DirectoryUser,
  employeeNoOf,
  FeishuDirectory,
  sampleDirectory,
} from './feishu-directory.js';
import {
  BAD_CREDENTIALS,
  FeishuApiError,
  INVALID_TOKEN,
  paramInvalid,
  RateLimitedError,
  TOKEN_PARAM_INVALID,
} from './feishu-emulator.errors.js';
import { isObject, type JsonObject } from './feishu-field-check.util.js';
import { GROUP_ROUTES, renderGroup } from './feishu-group.handlers.js';
import type { FeishuBehaviour, FeishuRoute, ShiftQueryMatch } from './feishu-route.js';
import { loadSampleCompany } from './feishu-sample-company.js';
import { SHIFT_ROUTES } from './feishu-shift.handlers.js';
import { dailyShiftKey, FeishuTenant, type StoredDailyShift, type StoredFlow } from './feishu-tenant.state.js';
import { FeishuTokenIssuer } from './feishu-token.issuer.js';
import { USER_DAILY_SHIFT_ROUTES } from './feishu-user-daily-shift.handlers.js';
import { renderFlow, USER_FLOW_ROUTES } from './feishu-user-flow.handlers.js';
import { USER_TASK_ROUTES } from './feishu-user-task.handlers.js';

export interface FeishuEmulatorOptions {
  /** Seeds ids, tokens, log ids, fault draws and the sample company's punches. Default 1. */
  readonly seed?: number;
  /** Load the sample company's shifts, groups, rosters and punches (default true). The directory of people
   * and departments (people.ts) is always there: attendance cannot name anyone without it. */
  readonly sampleCompany?: boolean;
  /** Milliseconds since the epoch; default Date.now. Drives token expiry, rate windows and "today". */
  readonly clock?: () => number;
  /**
   * Per-API limits keyed by "METHOD /path/template" (e.g. "POST /open-apis/attendance/v1/user_flows/batch_create"),
   * "*" replacing the default for all; `false` disables rate limiting. Default: 50 requests/s per API per app
   * (REFERENCE A3).
   */
  readonly rateLimits?: Record<string, { limit: number; windowMs: number }[]> | false;
  readonly credentials?: { appId: string; appSecret: string };
  /** Lifetime of an issued tenant token; default 7200 (REFERENCE A2). */
  readonly tokenTtlSeconds?: number;
  /**
   * How POST /shifts/query matches shift_name; default 'exact'. 'contains' answers the first shift, in list
   * order, whose name contains the asked one: node-sdk describes this API as the console's 班次名称搜索
   * (a search box), so a client must not assume the answer carries the name it asked for.
   */
  readonly shiftQueryMatch?: ShiftQueryMatch;
  /**
   * The app's contact data scope (通讯录权限范围, contact-identity-apis.md [F0]); default 'all' (whole tenant).
   * Outside it, department reads answer 403 40004 and batch_get_id entries lack user_id.
   */
  readonly contactScope?: ContactScope;
  /**
   * A directory of people and departments in place of the sample company's (e.g. generateCompany's `feishu`),
   * kept across reset(). The sample company's groups and punches name sample people, so they are not loaded
   * with it.
   */
  readonly directory?: {
    readonly users: readonly DirectoryUser[];
    readonly departments: readonly DirectoryDepartment[];
  };
}

/** One vendor API call as the emulator saw it, with its query and body (for asserting batch sizes). */
export interface FeishuEmulatorCall {
  readonly at: number;
  /** "METHOD /path/template". */
  readonly endpoint: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly status: number;
  readonly code: number | null;
  readonly fault: string | null;
}

const TOKEN_ENDPOINT = 'POST /open-apis/auth/v3/tenant_access_token/internal';
const DEFAULT_LIMITS: readonly WindowLimit[] = [{ limit: 50, windowMs: 1000 }];
/** Every contact API: 1000/min and 50/s, either window trips it (contact-identity-apis.md [F0]). */
const CONTACT_LIMITS: readonly WindowLimit[] = [
  { limit: 50, windowMs: 1000 },
  { limit: 1000, windowMs: 60_000 },
];

interface Route {
  readonly method: FeishuRoute['method'];
  readonly path: string;
  /** Every attendance API needs a tenant token; the token endpoint itself does not. */
  readonly auth: boolean;
  handle(call: {
    query: Record<string, string | undefined>;
    body: unknown;
    params: Record<string, string>;
    appId: string | null;
  }): {
    status?: number;
    payload: JsonObject;
  };
}

/**
 * A local Feishu attendance API (REFERENCE PART A; checklist PART D), plus the contact reads of the identity
 * match (docs/vendor/feishu-contact.md; feishu-contact.handlers.ts): same paths, envelopes, codes, HTTP
 * statuses and read-vs-write differences, with seeded ids, token expiry, per-API rate limits, fault
 * injection, and an admin API under /__emulator for out-of-process tests and the demo.
 */
export class FeishuEmulator {
  readonly app: Express;
  readonly requests = new RequestLog();
  private faultInjector: FaultInjector;
  private tenant!: FeishuTenant;
  private tokens!: FeishuTokenIssuer;
  private logIds!: SeededRandom;
  private variety!: SeededRandom;
  private readonly windows = new SlidingWindowCounter();
  private readonly counts = new Map<string, number>();
  private callLog: FeishuEmulatorCall[] = [];
  private readonly seed: number;
  private readonly clock: () => number;
  private readonly credentials: { appId: string; appSecret: string };
  private behaviour: FeishuBehaviour;

  constructor(private readonly options: FeishuEmulatorOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = options.clock ?? (() => Date.now());
    this.credentials = options.credentials ?? { ...SAMPLE_CREDENTIALS.feishu };
    this.behaviour = {
      shiftQueryMatch: options.shiftQueryMatch ?? 'exact',
      contactScope: options.contactScope ?? 'all',
    };
    this.faultInjector = new FaultInjector(this.seed);
    this.reset();
    this.app = this.buildApp();
  }

  /** The fault rules in force (replaced by reset()). */
  get faults(): FaultInjector {
    return this.faultInjector;
  }

  /** Back to the seeded state: data, tokens, rate windows, faults and logs. */
  reset(): void {
    const seed = this.seed;
    const given = this.options.directory;
    const directory = given ? new FeishuDirectory(given.users, new Set(), given.departments) : sampleDirectory();
    this.tenant = new FeishuTenant(directory, new SeededRandom(seed));
    this.tokens = new FeishuTokenIssuer(new SeededRandom(seed + 0x5eed), this.options.tokenTtlSeconds ?? 7200);
    this.logIds = new SeededRandom(seed + 0x1091d);
    this.variety = new SeededRandom(seed + 0xfa17);
    this.faultInjector = new FaultInjector(seed);
    this.windows.reset();
    this.requests.clear();
    this.counts.clear();
    this.callLog = [];
    if ((this.options.sampleCompany ?? true) && !given)
      loadSampleCompany(this.tenant, this.clock(), new SeededRandom(seed + 0xc0ffee));
  }

  /** Every token issued so far is invalid from now on (the next call gets 99991663). */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  listen(port = 0, host?: string): Promise<RunningServer> {
    return listen(this.app, port, host);
  }

  // Read-only views for tests, in the API's read shape with employee_id user ids.
  groups(): JsonObject[] {
    return [...this.tenant.groups.values()].map((group) => renderGroup(this.tenant, group, 'employee_id'));
  }

  shifts(): JsonObject[] {
    return [...this.tenant.shifts.values()].map((shift) => structuredClone(shift.shift));
  }

  /**
   * Edits a stored shift in place, as an admin does in the Feishu console (the open API has no shift update):
   * `edit` receives the shift in its stored (read) shape and may change any field but the id.
   */
  editShift(shiftId: string, edit: (shift: JsonObject) => void): void {
    const stored = this.tenant.shifts.get(shiftId);
    if (!stored) throw new Error(`no shift ${shiftId}`);
    const copy: JsonObject = structuredClone(stored.shift);
    edit(copy);
    const name = typeof copy['shift_name'] === 'string' ? copy['shift_name'] : stored.shift.shift_name;
    this.tenant.shifts.set(shiftId, { ...stored, shift: { ...copy, shift_id: shiftId, shift_name: name } });
  }

  /**
   * Edits a stored punch in place, as Feishu's own judgement does (e.g. check_result "PendingApproval" for a
   * punch awaiting approval, which user_flows/query then leaves out): `edit` receives the flow in its stored
   * shape and may change any field but record_id, user_id and idempotent_id.
   */
  editFlow(recordId: string, edit: (flow: JsonObject) => void): void {
    const stored = this.tenant.flows.get(recordId);
    if (!stored) throw new Error(`no flow ${recordId}`);
    const copy: JsonObject = structuredClone(stored.flow);
    edit(copy);
    const { record_id, user_id, idempotent_id } = stored.flow;
    this.tenant.flows.set(recordId, {
      ...stored,
      flow: {
        ...copy,
        record_id,
        user_id,
        check_time: String(copy['check_time']),
        ...(idempotent_id === undefined ? {} : { idempotent_id }),
      },
    });
  }

  /**
   * Plants punch records as given (user ids as employee_id), not as imports, and answers their new record_ids
   * (the variance company: records as a tenant's answers hold them, A7).
   */
  seedFlows(flows: readonly JsonObject[]): string[] {
    return flows.map((flow) => {
      const recordId = this.tenant.newId();
      const stored = { ...structuredClone(flow), record_id: recordId } as StoredFlow['flow'];
      this.tenant.flows.set(recordId, { flow: stored, imported: false });
      if (typeof stored.idempotent_id === 'string') this.tenant.flowsByIdempotentId.set(stored.idempotent_id, recordId);
      return recordId;
    });
  }

  /** Plants roster days as given (user ids as employee_id), each replacing that person's day (variance company, A4). */
  seedDailyShifts(entries: readonly JsonObject[]): void {
    for (const entry of entries) {
      const day = structuredClone(entry) as unknown as StoredDailyShift;
      this.tenant.dailyShifts.set(dailyShiftKey(day.user_id, day.month, day.day_no), day);
    }
  }

  /** Adds people to the directory (e.g. for volume tests), in the head-office department unless told. */
  addUsers(employeeIds: readonly string[], departmentId = SAMPLE_DEPARTMENTS.headquarters.feishuDepartmentId): void {
    for (const employeeId of employeeIds) {
      this.tenant.directory.add({ employeeId, employeeNo: employeeNoOf(employeeId), name: employeeId, departmentId });
    }
  }

  /** Adds (or replaces) people with their contact attributes (email, mobile, resigned …). */
  addContacts(users: readonly DirectoryUser[]): void {
    for (const user of users) this.tenant.directory.add(user);
  }

  /** Adds (or replaces) departments of the contact tree. */
  addDepartments(departments: readonly DirectoryDepartment[]): void {
    for (const department of departments) this.tenant.directory.addDepartment(department);
  }

  /** Narrows (or widens) the app's contact data scope, as an admin does in the developer console. */
  setContactScope(scope: ContactScope): void {
    this.behaviour = { ...this.behaviour, contactScope: scope };
  }

  /** How many flows the tenant holds, without copying them (volume benchmarks). */
  flowCount(): number {
    return this.tenant.flows.size;
  }

  flows(): JsonObject[] {
    return [...this.tenant.flows.values()].map((flow) => renderFlow(this.tenant, flow, 'employee_id'));
  }

  dailyShifts(): StoredDailyShift[] {
    return [...this.tenant.dailyShifts.values()].map((entry) => ({ ...entry }));
  }

  calls(): readonly FeishuEmulatorCall[] {
    return this.callLog;
  }

  private buildApp(): Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    // Bodies are parsed per call so that a broken one is answered the Feishu way.
    app.use(express.raw({ type: () => true, limit: '4mb' }));
    this.adminRoutes(app);
    for (const route of this.routes()) {
      const handler = (req: Request, res: Response) => void this.serve(route, req, res);
      if (route.method === 'GET') app.get(route.path, handler);
      else if (route.method === 'POST') app.post(route.path, handler);
      else app.delete(route.path, handler);
    }
    app.use((req: Request, res: Response) => {
      // Feishu's gateway answers unknown paths with a plain-text 404.
      res.setHeader('X-Tt-Logid', this.nextLogId());
      res.status(404).type('text/plain').send('404 page not found');
      this.record(req, `${req.method} ${req.path}`, {}, undefined, 404, null, null);
    });
    app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
      const status =
        typeof error === 'object' && error && 'status' in error && typeof error.status === 'number'
          ? error.status
          : 400;
      res
        .status(status)
        .json({ code: 1220001, msg: `param is invalid: ${error instanceof Error ? error.message : 'bad request'}` });
    });
    return app;
  }

  private routes(): Route[] {
    const token: Route = {
      method: 'POST',
      path: '/open-apis/auth/v3/tenant_access_token/internal',
      auth: false,
      handle: ({ body }) => this.issueToken(body),
    };
    const attendance = [
      ...GROUP_ROUTES,
      ...SHIFT_ROUTES,
      ...USER_FLOW_ROUTES,
      ...USER_TASK_ROUTES,
      ...USER_DAILY_SHIFT_ROUTES,
      ...CONTACT_ROUTES,
    ].map((route): Route => ({
      method: route.method,
      path: route.path,
      auth: true,
      handle: ({ query, body, params }) => {
        const answer = route.handle({
          tenant: this.tenant,
          params,
          query,
          body,
          now: this.clock(),
          behaviour: this.behaviour,
        });
        return { payload: { code: 0, msg: answer.msg ?? 'success', data: answer.data ?? {} } };
      },
    }));
    return [token, ...attendance];
  }

  /** REFERENCE A2: top-level token and expire (s); same token while ≥ 30 min remain, else a new one. */
  private issueToken(body: unknown): { payload: JsonObject } {
    if (!isObject(body) || typeof body['app_id'] !== 'string' || typeof body['app_secret'] !== 'string') {
      throw TOKEN_PARAM_INVALID('app_id and app_secret are required');
    }
    if (body['app_id'] !== this.credentials.appId || body['app_secret'] !== this.credentials.appSecret) {
      throw BAD_CREDENTIALS();
    }
    this.rateLimit(body['app_id'], TOKEN_ENDPOINT);
    const issued = this.tokens.issue(body['app_id'], this.clock());
    return { payload: { code: 0, msg: 'ok', tenant_access_token: issued.token, expire: issued.expire } };
  }

  private async serve(route: Route, req: Request, res: Response): Promise<void> {
    const endpoint = `${route.method} ${route.path}`;
    res.setHeader('X-Tt-Logid', this.nextLogId());
    const query = firstValues(req.query);
    const params = { ...(req.params as Record<string, string>) };
    const decision = this.faultInjector.decide(endpoint);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    const rawBody: unknown = req.body;
    let body: unknown;

    const failure = decision.failure;
    if (failure === 'connection_reset') {
      this.record(req, endpoint, query, undefined, 0, null, failure);
      req.socket.destroy();
      return;
    }
    if (failure === 'server_error') {
      const variant = this.variety.int(0, 2);
      if (variant === 2) {
        // The documented internal error (feishu-get-shift.md: HTTP 500, 1225000 "internal server error").
        this.sendJson(res, 500, { code: 1225000, msg: 'internal server error' });
        this.record(req, endpoint, query, undefined, 500, 1225000, failure);
      } else {
        const status = variant === 0 ? 500 : 503;
        const title = variant === 0 ? '500 Internal Server Error' : '503 Service Temporarily Unavailable';
        res
          .status(status)
          .type('text/html')
          .send(
            `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`,
          );
        this.record(req, endpoint, query, undefined, status, null, failure);
      }
      return;
    }

    let status: number;
    let payload: JsonObject;
    let injected: string | null = null;
    try {
      if (failure === 'rate_limit') {
        injected = failure;
        throw new RateLimitedError(this.limitsFor(endpoint)[0]?.limit ?? 50, 1);
      }
      body = parseBody(rawBody);
      let appId: string | null = null;
      if (route.auth) {
        if (failure === 'token_expiry') {
          // The presented token dies now, as if its TTL ran out (the token endpoint is not affected).
          injected = failure;
          this.tokens.revoke(req.get('authorization'));
          throw INVALID_TOKEN();
        }
        appId = this.tokens.authenticate(req.get('authorization'), this.clock());
        this.rateLimit(appId, endpoint);
      }
      const answer = route.handle({ query, body, params, appId });
      status = answer.status ?? 200;
      payload = answer.payload;
    } catch (error) {
      if (error instanceof RateLimitedError) {
        // The exact signal of REFERENCE A3 / PART D item 4.
        status = 429;
        res.setHeader('x-ogw-ratelimit-limit', String(error.limit));
        res.setHeader('x-ogw-ratelimit-reset', String(error.resetSeconds));
        payload = { code: 99991400, msg: 'request trigger frequency limit' };
      } else if (error instanceof FeishuApiError) {
        status = error.httpStatus;
        payload = {
          code: error.code,
          msg: error.msg,
          error: {
            log_id: String(res.getHeader('X-Tt-Logid')),
            ...(error.fieldViolations.length ? { field_violations: error.fieldViolations } : {}),
          },
        };
      } else {
        status = 500;
        payload = {
          code: 1225000,
          msg: `internal server error: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    }
    const code = typeof payload['code'] === 'number' ? payload['code'] : null;
    if (failure === 'response_lost') {
      // Handled in full, writes applied, but the answer never leaves: the caller sees the connection drop
      // and cannot tell whether the call took effect. Logged with status 0 (nothing was sent) and the code
      // Feishu would have answered, so a test can tell a lost success from a lost refusal.
      this.record(req, endpoint, query, body, 0, code, failure);
      req.socket.destroy();
      return;
    }
    this.sendJson(res, status, payload);
    this.record(req, endpoint, query, body, status, code, injected);
  }

  private rateLimit(appId: string, endpoint: string): void {
    const limits = this.limitsFor(endpoint);
    const verdict = this.windows.hit(`${appId} ${endpoint}`, limits, this.clock());
    if (!verdict.allowed) {
      // x-ogw-ratelimit-limit names the window that refused: the shortest one the wait fits in (with 50/s and
      // 1000/min, a wait over a second can only be the minute's). Our reading; A3 shows one window only.
      const byWindow = [...limits].sort((a, b) => a.windowMs - b.windowMs);
      const tripped = byWindow.find((l) => l.windowMs >= verdict.retryAfterMs) ?? byWindow[byWindow.length - 1];
      throw new RateLimitedError(tripped?.limit ?? 0, Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
    }
  }

  private limitsFor(endpoint: string): readonly WindowLimit[] {
    const configured = this.options.rateLimits;
    if (configured === false) return [];
    const documented = endpoint.includes(' /open-apis/contact/') ? CONTACT_LIMITS : DEFAULT_LIMITS;
    return configured?.[endpoint] ?? configured?.['*'] ?? documented;
  }

  private sendJson(res: Response, status: number, payload: JsonObject): void {
    res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(payload));
  }

  private record(
    req: Request,
    endpoint: string,
    query: Record<string, string | undefined>,
    body: unknown,
    status: number,
    code: number | null,
    fault: string | null,
  ): void {
    const at = this.clock();
    const entry: LoggedRequest = { at, method: req.method, path: req.path, status, code, fault };
    this.requests.record(entry);
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    this.callLog.push({ at, endpoint, path: req.path, query, body, status, code, fault });
  }

  /** X-Tt-Logid: a timestamp and random hex, shaped like Feishu's ("20240115103000" + 18 hex). */
  private nextLogId(): string {
    const stamp = new Date(this.clock()).toISOString().replace(/\D/g, '').slice(0, 14);
    let hex = '';
    while (hex.length < 18)
      hex += Math.floor(this.logIds.next() * 16)
        .toString(16)
        .toUpperCase();
    return stamp + hex;
  }

  private adminRoutes(app: Express): void {
    const ok = (res: Response, body: JsonObject = { ok: true }) => res.status(200).json(body);
    app.put('/__emulator/faults', (req, res) => {
      try {
        const body = parseBody(req.body);
        if (!isObject(body) || !Array.isArray(body['rules']))
          throw new Error('body must be {"rules": [...], "seed"?: n}');
        const seed = body['seed'];
        this.faultInjector.configure(body['rules'] as FaultRule[], typeof seed === 'number' ? seed : undefined);
        ok(res);
      } catch (error) {
        res.status(400).json({ error: error instanceof Error ? error.message : String(error) });
      }
    });
    app.delete('/__emulator/faults', (_req, res) => {
      this.faultInjector.clear();
      ok(res);
    });
    app.get('/__emulator/stats', (_req, res) =>
      ok(res, { faults: this.faultInjector.stats(), requests: Object.fromEntries(this.counts) }),
    );
    app.get('/__emulator/requests', (_req, res) => ok(res, { requests: [...this.requests.list()] }));
    app.post('/__emulator/reset', (_req, res) => {
      this.reset();
      ok(res);
    });
    // The app's contact data scope: {"scope": "all"} or {"scope": {"departments": [...], "users": [...]}}.
    app.put('/__emulator/contact-scope', (req, res) => {
      try {
        const body = parseBody(req.body);
        const scope = isObject(body) ? body['scope'] : undefined;
        if (scope === 'all') this.setContactScope('all');
        else if (isObject(scope) && isStringArray(scope['departments']) && isOptionalStringArray(scope['users'])) {
          const users = scope['users'];
          this.setContactScope({ departments: scope['departments'], ...(users ? { users } : {}) });
        } else throw new Error('body must be {"scope": "all" | {"departments": [...], "users"?: [...]}}');
        ok(res);
      } catch (error) {
        res.status(400).json({ error: error instanceof Error ? error.message : String(error) });
      }
    });
    app.post('/__emulator/expire-tokens', (_req, res) => {
      this.expireTokens();
      ok(res);
    });
  }
}

function firstValues(query: Request['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    out[key] = typeof first === 'string' ? first : undefined;
  }
  return out;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isOptionalStringArray(value: unknown): value is string[] | undefined {
  return value === undefined || isStringArray(value);
}

function parseBody(raw: unknown): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw paramInvalid('the request body is not valid JSON');
  }
}
