import express, { type Express, type Request, type Response } from 'express';
import { listen, type RunningServer } from '../common/emulator-server.js';
import { FaultInjector, type FaultRule } from '../common/fault-injector.js';
import { RequestLog } from '../common/request-log.js';
import { SeededRandom } from '../common/seeded-random.js';
import { SlidingWindowCounter, type WindowLimit } from '../common/sliding-window.js';
import { SAMPLE_CREDENTIALS } from '../sample-company/people.js';
import { addCheckinRecord, getCheckinData } from './checkin-data.handler.js';
import {
  addCheckinOption,
  clearCheckinOptionArrayField,
  delCheckinOption,
  getCheckinOption,
  getCorpCheckinOption,
  updateCheckinOption,
} from './checkin-option.handler.js';
import { getCheckinScheduleList, setCheckinScheduleList } from './checkin-schedule.handler.js';
import type { WecomCallContext } from './wecom-call.context.js';
import {
  type ContactCallContext,
  DEFAULT_CONTACT_ACCESS,
  getDepartment,
  getUser,
  getUserIdByEmail,
  getUserIdByMobile,
  listDepartments,
  listSimpleDepartments,
  listSimpleUsers,
  listUserIds,
  listUsers,
  type WecomContactAccess,
} from './contact.handler.js';
import {
  type DirectoryDepartment,
  type DirectoryUser,
  FOREIGN_APP,
  type JsonObject,
  SELF_APP,
  type StoredPunch,
  WecomEmulatorState,
} from './wecom-emulator.state.js';
import { WECOM_ERRORS, type WecomErrorSpec, WecomFailure } from './wecom-errors.constants.js';
import { isRecord } from './wecom-request.util.js';
import { loadWecomSampleCompany } from './wecom-sample-company.js';
import { WecomTokenStore } from './wecom-token.store.js';

export interface WecomEmulatorOptions {
  /** Seeds generated ids, hints, sample data and fault decisions, so a run repeats exactly. Default 1. */
  seed?: number;
  /** Load the sample company (people, rules, schedules, two weeks of punches). Default true. */
  sampleCompany?: boolean;
  /** Milliseconds since the epoch; default Date.now. Token expiry, rate windows and "today" follow it. */
  clock?: () => number;
  /**
   * Per-API limits keyed by the API name (e.g. `getcheckindata`), `*` for APIs without their own; a key
   * given here replaces that key's default. `false` disables rate limiting. Defaults: REFERENCE B3.
   */
  rateLimits?: Record<string, { limit: number; windowMs: number }[]> | false;
  /** The one app the emulator knows; default SAMPLE_CREDENTIALS.wecom. */
  credentials?: { corpId: string; corpSecret: string };
  /** Default 7200 (path/91039). */
  tokenTtlSeconds?: number;
  /** What an injected server_error looks like: an HTML 500 page, errcode -1, or either (seeded). Default 'mixed'. */
  serverErrorStyle?: 'html' | 'errcode' | 'mixed';
  /**
   * What the app's secret may see of the directory (contact.handler.ts): the kind of secret, the visible range,
   * whether mobile/email are returned, the seat limit behind the lookups' day budget. Defaults: a self-built app
   * created after 2022-06-20 seeing the whole corp (DEFAULT_CONTACT_ACCESS).
   */
  contact?: Partial<WecomContactAccess>;
  /**
   * A directory in place of the sample company's (e.g. generateCompany's `wecom`): departments with the root 1
   * (parentid 0, [W7]) and members, kept across reset(). The sample company's rules, schedules and punches name
   * sample people, so they are not loaded with it.
   */
  directory?: { readonly departments: readonly DirectoryDepartment[]; readonly members: readonly DirectoryUser[] };
}

/** A raw answer to send instead of the real one (for malformed-response tests). */
export interface ScriptedResponse {
  readonly status?: number;
  readonly contentType?: string;
  readonly body: string;
}

export interface WecomRuleView {
  readonly groupid: number;
  /** 'self' = created by the configured app; anything else belongs to another app. */
  readonly owner: string;
  readonly group: JsonObject;
}

/** A checkin call that passed the token and rate-limit checks, with its parsed body (bodies carry no token). */
export interface WecomCallView {
  readonly api: string;
  readonly body: JsonObject;
}

export interface WecomScheduleView {
  readonly groupid: number;
  readonly userid: string;
  readonly yearmonth: number;
  /** day of month → schedule_id */
  readonly days: Readonly<Record<number, number>>;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const BASE_LIMITS: WindowLimit[] = [
  { limit: 10_000, windowMs: MINUTE },
  { limit: 150_000, windowMs: HOUR },
];

/** WeCom's published limits per corp (REFERENCE B3; path/90454 and each API's page). */
export const WECOM_DEFAULT_RATE_LIMITS: Readonly<Record<string, readonly WindowLimit[]>> = {
  '*': BASE_LIMITS,
  getcorpcheckinoption: [{ limit: 60, windowMs: MINUTE }, ...BASE_LIMITS],
  getcheckindata: [{ limit: 600, windowMs: MINUTE }, ...BASE_LIMITS],
  getcheckinschedulist: [{ limit: 60, windowMs: MINUTE }, ...BASE_LIMITS],
  setcheckinschedulist: [{ limit: 60, windowMs: MINUTE }, ...BASE_LIMITS],
};

type Handler = (context: WecomCallContext, body: JsonObject) => JsonObject;
type ContactHandler = (context: ContactCallContext, input: JsonObject) => JsonObject;

interface ContactRoute {
  readonly api: string;
  readonly listKey?: string;
  readonly handle: ContactHandler;
}

/**
 * The contact APIs by "METHOD path" (docs/vendor/wecom-contact.md). `api` is the rate-limit key, as the client
 * names it; POST bodies are JSON, GET parameters the query string.
 */
const CONTACT_ROUTES: Readonly<Record<string, ContactRoute>> = {
  'POST /cgi-bin/user/getuserid': { api: 'getuserid', handle: getUserIdByMobile },
  'POST /cgi-bin/user/get_userid_by_email': { api: 'get_userid_by_email', handle: getUserIdByEmail },
  'POST /cgi-bin/user/list_id': { api: 'list_id', listKey: 'dept_user', handle: listUserIds },
  'GET /cgi-bin/user/simplelist': { api: 'user_simplelist', listKey: 'userlist', handle: listSimpleUsers },
  'GET /cgi-bin/user/list': { api: 'user_list', listKey: 'userlist', handle: listUsers },
  'GET /cgi-bin/user/get': { api: 'user_get', handle: getUser },
  'GET /cgi-bin/department/list': { api: 'department_list', listKey: 'department', handle: listDepartments },
  'GET /cgi-bin/department/simplelist': {
    api: 'department_simplelist',
    listKey: 'department_id',
    handle: listSimpleDepartments,
  },
  'GET /cgi-bin/department/get': { api: 'department_get', handle: getDepartment },
};

interface Route {
  readonly api: string;
  /** The list key kept, empty, on errors (B1: `"checkindata":[]` next to errcode 301023). */
  readonly listKey?: string;
  readonly handle: Handler;
}

const CHECKIN_ROUTES: Readonly<Record<string, Route>> = {
  getcorpcheckinoption: { api: 'getcorpcheckinoption', listKey: 'group', handle: getCorpCheckinOption },
  getcheckinoption: { api: 'getcheckinoption', listKey: 'info', handle: getCheckinOption },
  add_checkin_option: { api: 'add_checkin_option', handle: addCheckinOption },
  update_checkin_option: { api: 'update_checkin_option', handle: updateCheckinOption },
  clear_checkin_option_array_field: { api: 'clear_checkin_option_array_field', handle: clearCheckinOptionArrayField },
  del_checkin_option: { api: 'del_checkin_option', handle: delCheckinOption },
  getcheckindata: { api: 'getcheckindata', listKey: 'checkindata', handle: getCheckinData },
  add_checkin_record: { api: 'add_checkin_record', handle: addCheckinRecord },
  getcheckinschedulist: { api: 'getcheckinschedulist', listKey: 'schedule_list', handle: getCheckinScheduleList },
  setcheckinschedulist: { api: 'setcheckinschedulist', handle: setCheckinScheduleList },
};

/**
 * A local WeCom (企业微信) checkin API: same paths, same envelope (HTTP 200, errcode/errmsg next to the
 * payload, the empty list key kept on errors, WeCom's errmsg tail), token issue and expiry, per-API rate
 * limits with errcode 45009, checkin rules with WeCom's update semantics and creator-only changes, punch
 * records and schedules — plus fault injection and an admin API under /__emulator/.
 */
export class WecomEmulator {
  readonly app: Express;
  readonly faults: FaultInjector;
  readonly requests = new RequestLog();

  private readonly seed: number;
  private readonly clock: () => number;
  private readonly credentials: { corpId: string; corpSecret: string };
  private readonly contactAccess: WecomContactAccess;
  private readonly counter = new SlidingWindowCounter();
  private state!: WecomEmulatorState;
  private tokens!: WecomTokenStore;
  private random!: SeededRandom;
  private readonly scripted = new Map<string, ScriptedResponse[]>();
  private bodies: WecomCallView[] = [];

  constructor(private readonly options: WecomEmulatorOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = options.clock ?? Date.now;
    this.credentials = options.credentials ?? {
      corpId: SAMPLE_CREDENTIALS.wecom.corpId,
      corpSecret: SAMPLE_CREDENTIALS.wecom.corpSecret,
    };
    this.contactAccess = { ...DEFAULT_CONTACT_ACCESS, ...options.contact };
    this.faults = new FaultInjector(this.seed);
    this.reset();
    this.app = this.buildApp();
  }

  /** Back to the state after construction: data, tokens, rate windows, faults, request log. */
  reset(): void {
    this.random = new SeededRandom(this.seed);
    this.tokens = new WecomTokenStore(new SeededRandom(this.seed + 7), this.options.tokenTtlSeconds ?? 7200);
    // groupids are uint32; start from a seeded 4-digit number so ids do not look like indexes.
    this.state = new WecomEmulatorState(this.random.int(1000, 8999));
    const directory = this.options.directory;
    if (directory) {
      for (const department of directory.departments) {
        this.state.departments.set(department.id, structuredClone(department));
      }
      for (const member of directory.members) this.state.users.set(member.userid, structuredClone(member));
    } else if (this.options.sampleCompany ?? true) {
      loadWecomSampleCompany(this.state, { seed: this.seed, nowSeconds: this.nowSeconds() });
    }
    this.counter.reset();
    this.faults.clear();
    this.requests.clear();
    this.scripted.clear();
    this.bodies = [];
  }

  /** Every issued token expires now: the next call with one gets 42001. */
  expireTokens(): void {
    this.tokens.expireAll(this.clock());
  }

  listen(port = 0, host?: string): Promise<RunningServer> {
    return host === undefined ? listen(this.app, port) : listen(this.app, port, host);
  }

  // ---- read-only state for tests --------------------------------------------------------------------------

  rules(): WecomRuleView[] {
    return [...this.state.rules.values()]
      .sort((a, b) => a.groupid - b.groupid)
      .map((rule) => ({ groupid: rule.groupid, owner: rule.owner, group: structuredClone(rule.group) }));
  }

  checkinData(): StoredPunch[] {
    return this.state.punches.map((punch) => ({ ...punch, mediaids: [...punch.mediaids] }));
  }

  schedules(): WecomScheduleView[] {
    return [...this.state.schedules.entries()].map(([key, days]) => {
      const [groupid, userid, yearmonth] = key.split(':');
      return {
        groupid: Number(groupid),
        userid: userid ?? '',
        yearmonth: Number(yearmonth),
        days: Object.fromEntries(days),
      };
    });
  }

  /** The bodies (GET: query parameters) of the checkin and contact calls that reached a handler, oldest first (for tests that check batching). */
  calls(api?: string): WecomCallView[] {
    return this.bodies.filter((call) => api === undefined || call.api === api).map((call) => structuredClone(call));
  }

  userIds(): string[] {
    return [...this.state.users.keys()];
  }

  /** Adds people to the directory (e.g. for volume tests), optionally in a department. */
  addUsers(userids: readonly string[], partyId?: string): void {
    for (const userid of userids) {
      this.state.users.set(userid, { userid, partyIds: partyId === undefined ? [] : [partyId] });
    }
  }

  /**
   * Adds or replaces directory members with contact fields (mobile, email, biz_mail, status, …) for the contact
   * APIs; `partyIds` are department ids as strings, as addUsers takes them.
   */
  addDirectoryMembers(members: readonly DirectoryUser[]): void {
    for (const member of members) this.state.users.set(member.userid, structuredClone(member));
  }

  /** Adds or replaces departments (root 1, parentid 0, [W7]). */
  addDepartments(departments: readonly DirectoryDepartment[]): void {
    for (const department of departments) this.state.departments.set(department.id, structuredClone(department));
  }

  /** A member as the emulator holds it (undefined if unknown). */
  directoryMember(userid: string): DirectoryUser | undefined {
    const member = this.state.users.get(userid);
    return member && structuredClone(member);
  }

  /** Plants a rule "created by another app": readable, but update/clear/delete answer 301002. */
  seedForeignRule(group: JsonObject, owner: string = FOREIGN_APP): number {
    const groupid = this.state.nextGroupid++;
    const { groupid: _ignored, ...fields } = structuredClone(group);
    this.state.rules.set(groupid, {
      groupid,
      owner,
      group: fields,
      create_time: this.nowSeconds(),
      create_userid: 'admin',
      update_userid: 'admin',
    });
    return groupid;
  }

  /** Plants getcheckindata rows as given, unchecked (variance company: rows as a tenant's answers hold them, B6). */
  seedCheckinData(rows: readonly JsonObject[]): void {
    this.state.punches.push(...(structuredClone(rows) as unknown as StoredPunch[]));
  }

  /** Plants one person's days of a month in a rule, day → schedule_id as given, unchecked (variance company, B8). */
  seedSchedules(groupid: number, userid: string, yearmonth: number, days: Readonly<Record<number, unknown>>): void {
    const key = WecomEmulatorState.scheduleKey(groupid, userid, yearmonth);
    const stored = this.state.schedules.get(key) ?? new Map<number, number>();
    for (const [day, scheduleId] of Object.entries(days)) stored.set(Number(day), scheduleId as number);
    this.state.schedules.set(key, stored);
  }

  /** The next `times` calls of `endpoint` ("POST /cgi-bin/checkin/getcheckindata") get this raw answer. */
  scriptResponse(endpoint: string, response: ScriptedResponse, times = 1): void {
    this.scripted.set(endpoint, [
      ...(this.scripted.get(endpoint) ?? []),
      ...Array<ScriptedResponse>(times).fill(response),
    ]);
  }

  stats(): Record<string, unknown> {
    const byEndpoint: Record<string, number> = {};
    const byErrcode: Record<string, number> = {};
    for (const entry of this.requests.list()) {
      const endpoint = `${entry.method} ${entry.path}`;
      byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
      if (entry.code !== null) byErrcode[String(entry.code)] = (byErrcode[String(entry.code)] ?? 0) + 1;
    }
    return {
      requests: this.requests.list().length,
      byEndpoint,
      byErrcode,
      faults: this.faults.stats(),
      rules: this.state.rules.size,
      punches: this.state.punches.length,
    };
  }

  // ---- HTTP -----------------------------------------------------------------------------------------------

  private buildApp(): Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', false);

    const admin = express.Router();
    admin.use(express.json());
    admin.put('/faults', (req: Request, res: Response) => {
      const body: unknown = req.body;
      const rules = isRecord(body) ? body['rules'] : undefined;
      const seed = isRecord(body) ? body['seed'] : undefined;
      if (!Array.isArray(rules) || (seed !== undefined && typeof seed !== 'number')) {
        res.status(400).json({ error: 'body must be {rules: FaultRule[], seed?: number}' });
        return;
      }
      try {
        this.faults.configure(rules as FaultRule[], seed);
      } catch (error) {
        res.status(400).json({ error: (error as Error).message });
        return;
      }
      res.status(204).end();
    });
    admin.delete('/faults', (_req, res) => {
      this.faults.clear();
      res.status(204).end();
    });
    admin.get('/stats', (_req, res) => {
      res.json(this.stats());
    });
    admin.get('/requests', (_req, res) => {
      res.json(this.requests.list());
    });
    admin.post('/reset', (_req, res) => {
      this.reset();
      res.status(204).end();
    });
    admin.post('/expire-tokens', (_req, res) => {
      this.expireTokens();
      res.status(204).end();
    });
    app.use('/__emulator', admin);

    app.get('/cgi-bin/gettoken', (req, res) => {
      void this.serve(req, res, 'gettoken', undefined, () => this.gettoken(req));
    });
    // Bodies are parsed here, not by express.json, so a malformed body gets WeCom's answer, not express's.
    // Contact APIs: POST bodies parsed as the checkin ones are; GET parameters from the query (the token too).
    const contact = (req: Request, res: Response): void => {
      const route = CONTACT_ROUTES[`${req.method} ${req.path}`];
      if (!route) {
        res.status(404).type('text/plain').send('Not Found');
        return;
      }
      void this.serve(req, res, route.api, route.listKey, (app) => {
        const input = req.method === 'GET' ? this.queryOf(req) : this.parseBody(req);
        this.bodies.push({ api: route.api, body: structuredClone(input) });
        return route.handle({ ...this.context(app), access: this.contactAccess }, input);
      });
    };
    app.get(['/cgi-bin/user/:api', '/cgi-bin/department/:api'], contact);
    app.post('/cgi-bin/user/:api', express.text({ type: () => true, limit: '4mb' }), contact);
    app.post('/cgi-bin/checkin/:api', express.text({ type: () => true, limit: '4mb' }), (req, res) => {
      const route = CHECKIN_ROUTES[String(req.params['api'])];
      if (!route) {
        res.status(404).type('text/plain').send('Not Found');
        return;
      }
      void this.serve(req, res, route.api, route.listKey, (app) => {
        const body = this.parseBody(req);
        this.bodies.push({ api: route.api, body: structuredClone(body) });
        return route.handle(this.context(app), body);
      });
    });
    return app;
  }

  /**
   * One vendor call: injected faults first (latency, then the failure), then the token, the rate limit and
   * the handler; `response_lost` alone strikes after the handler, in place of the answer. Every call is
   * recorded, with the path but never the query (tokens travel there).
   */
  private async serve(
    req: Request,
    res: Response,
    api: string,
    listKey: string | undefined,
    handle: (app: string) => JsonObject,
  ): Promise<void> {
    const endpoint = `${req.method} ${req.path}`;
    const record = (status: number, code: number | null, fault: string | null): void =>
      this.requests.record({ at: this.clock(), method: req.method, path: req.path, status, code, fault });
    const decision = this.faults.decide(endpoint);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    const scripted = this.scripted.get(endpoint)?.shift();
    if (scripted) {
      const status = scripted.status ?? 200;
      res
        .status(status)
        .type(scripted.contentType ?? 'application/json')
        .send(scripted.body);
      record(status, null, 'scripted');
      return;
    }
    const fault = decision.failure;
    const reply = (errcode: number, errmsg: string, payload: JsonObject = {}): void => {
      if (fault === 'response_lost') {
        // The call was handled in full (writes applied), but the answer never leaves: the caller sees the
        // connection drop and cannot tell whether it took effect. Logged with status 0 (nothing was sent)
        // and the errcode WeCom would have answered, so a test can tell a lost success from a lost refusal.
        record(0, errcode, fault);
        req.socket.destroy();
        return;
      }
      this.reply(req, res, listKey, errcode, errmsg, payload);
      record(200, errcode, fault);
    };
    const fail = (spec: WecomErrorSpec): void => reply(spec.errcode, spec.errmsg);

    switch (fault) {
      case 'connection_reset':
        record(0, null, fault);
        req.socket.destroy();
        return;
      case 'server_error':
        if (this.serverErrorAsHtml()) {
          res.status(500).type('text/html').send(SERVER_ERROR_PAGE);
          record(500, null, fault);
        } else {
          fail(WECOM_ERRORS.systemBusy);
        }
        return;
      case 'rate_limit':
        fail(WECOM_ERRORS.freqLimit);
        return;
      case 'token_expiry': {
        // The presented token dies now, as when WeCom invalidates a token early (path/91039). gettoken
        // carries no token, so the fault has nothing to act on there.
        const token = req.query['access_token'];
        if (api !== 'gettoken') {
          if (typeof token === 'string') this.tokens.expire(token, this.clock());
          fail(WECOM_ERRORS.expiredToken);
          return;
        }
        break;
      }
      case 'response_lost': // acts after handling, in reply()
      case null:
        break;
    }

    let app = SELF_APP;
    if (api !== 'gettoken') {
      const token = req.query['access_token'];
      const check = this.tokens.check(typeof token === 'string' ? token : undefined, this.clock());
      if (!check.ok) {
        const reasons = {
          missing: WECOM_ERRORS.missingToken,
          unknown: WECOM_ERRORS.invalidToken,
          expired: WECOM_ERRORS.expiredToken,
        };
        fail(reasons[check.reason]);
        return;
      }
      app = check.app;
    }
    const verdict = this.counter.hit(`${this.credentials.corpId}:${api}`, this.limitsFor(api), this.clock());
    if (!verdict.allowed) {
      fail(WECOM_ERRORS.freqLimit);
      return;
    }
    try {
      reply(0, 'ok', handle(app));
    } catch (error) {
      if (error instanceof WecomFailure) {
        reply(error.errcode, error.errmsg);
        return;
      }
      // A bug in the emulator, not a WeCom behaviour: say so loudly instead of imitating the vendor.
      res
        .status(500)
        .type('text/plain')
        .send(`WeCom emulator bug: ${(error as Error).stack ?? String(error)}`);
      record(500, null, 'emulator_bug');
    }
  }

  /** GET /cgi-bin/gettoken?corpid&corpsecret (path/91039). */
  private gettoken(req: Request): JsonObject {
    const corpid = req.query['corpid'];
    const secret = req.query['corpsecret'];
    if (typeof corpid !== 'string' || corpid === '') throw WecomFailure.of(WECOM_ERRORS.missingCorpId);
    if (typeof secret !== 'string' || secret === '') throw WecomFailure.of(WECOM_ERRORS.missingSecret);
    if (corpid !== this.credentials.corpId) throw WecomFailure.of(WECOM_ERRORS.invalidCorpId);
    if (secret !== this.credentials.corpSecret) throw WecomFailure.of(WECOM_ERRORS.invalidSecret);
    const issued = this.tokens.issue(SELF_APP, this.clock());
    return { access_token: issued.token, expires_in: issued.expiresIn };
  }

  /** A GET call's parameters, without the token: the first value of each. */
  private queryOf(req: Request): JsonObject {
    const query: JsonObject = {};
    for (const [key, value] of Object.entries(req.query)) {
      if (key === 'access_token') continue;
      const first: unknown = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') query[key] = first;
    }
    return query;
  }

  private parseBody(req: Request): JsonObject {
    const text: unknown = req.body;
    let body: unknown;
    try {
      body = JSON.parse(typeof text === 'string' ? text : '');
    } catch {
      throw WecomFailure.of(WECOM_ERRORS.wrongJson);
    }
    if (!isRecord(body)) throw WecomFailure.of(WECOM_ERRORS.wrongJson);
    return body;
  }

  /**
   * WeCom's envelope: HTTP 200; errcode/errmsg next to the payload; on errors the list key kept empty and
   * errmsg followed by ", hint: [..], from ip: .., more info at …?e=<code>" (B1); the `error-code` header
   * echoed as observed (B1). `error-msg` is left out: Node refuses non-Latin-1 header values.
   */
  private reply(
    req: Request,
    res: Response,
    listKey: string | undefined,
    errcode: number,
    errmsg: string,
    payload: JsonObject,
  ): void {
    if (errcode === 0) {
      res.status(200).json({ errcode: 0, errmsg: 'ok', ...payload });
      return;
    }
    const now = this.nowSeconds();
    const ip = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const tail = `, hint: [${now}${this.random.digits(15)}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
    res.setHeader('error-code', String(errcode));
    res.status(200).json({ errcode, errmsg: `${errmsg}${tail}`, ...(listKey !== undefined && { [listKey]: [] }) });
  }

  private limitsFor(api: string): readonly WindowLimit[] {
    const configured = this.options.rateLimits;
    if (configured === false) return [];
    return configured?.[api] ?? WECOM_DEFAULT_RATE_LIMITS[api] ?? configured?.['*'] ?? BASE_LIMITS;
  }

  private serverErrorAsHtml(): boolean {
    const style = this.options.serverErrorStyle ?? 'mixed';
    return style === 'html' || (style === 'mixed' && this.random.next() < 0.5);
  }

  private context(app: string): WecomCallContext {
    return { state: this.state, app, nowSeconds: this.nowSeconds() };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }
}

/** What a proxy in front of an API tends to answer when the backend is down. */
const SERVER_ERROR_PAGE =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
