import type { RateLimit } from '@app/vendor-http';

/**
 * The WeCom APIs the client calls, named by their last path segment (with the folder in front where the
 * segment alone names two APIs: user/list and department/list; user/get beside them).
 */
export const WECOM_APIS = [
  'gettoken',
  'getcorpcheckinoption',
  'getcheckinoption',
  'add_checkin_option',
  'update_checkin_option',
  'clear_checkin_option_array_field',
  'del_checkin_option',
  'getcheckindata',
  'add_checkin_record',
  'getcheckinschedulist',
  'setcheckinschedulist',
  'getuserid',
  'get_userid_by_email',
  'list_id',
  'user_list',
  'user_get',
  'department_list',
] as const;
export type WecomApi = (typeof WECOM_APIS)[number];

export interface WecomApiSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /**
   * Whether a transient failure (5xx, timeout, reset, HTML page, errcode -1) may be answered by sending the
   * same request again. A transient failure leaves unknown whether WeCom applied the call, so this is
   * true only where applying it twice leaves the same state as once.
   */
  readonly retrySafe: boolean;
  /** WeCom's published limits for this API, per corp (REFERENCE B3). */
  readonly limits: readonly RateLimit[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Every API, per corp: 10,000/min and 150,000/h (path/90454, REFERENCE B3). */
const BASE: readonly RateLimit[] = [
  { limit: 10_000, windowMs: MINUTE },
  { limit: 150_000, windowMs: HOUR },
];
const perMinute = (limit: number): readonly RateLimit[] => [{ limit, windowMs: MINUTE }, ...BASE];

export const WECOM_API_SPECS: Readonly<Record<WecomApi, WecomApiSpec>> = {
  // Issuing a token changes nothing on the vendor side; frequency-limited but unpublished (path/91039).
  gettoken: { method: 'GET', path: '/cgi-bin/gettoken', retrySafe: true, limits: BASE },
  // Reads: repeating a read is always safe.
  getcorpcheckinoption: {
    method: 'POST',
    path: '/cgi-bin/checkin/getcorpcheckinoption',
    retrySafe: true,
    limits: perMinute(60),
  },
  // getcheckinoption: limit "not stated" (B3): the base limits.
  getcheckinoption: { method: 'POST', path: '/cgi-bin/checkin/getcheckinoption', retrySafe: true, limits: BASE },
  // NOT safe: add returns no id, so a repeat after a lost answer may create a second rule with the same
  // name. The caller looks the rule up by name (findCheckinOptionsByName) and decides.
  add_checkin_option: {
    method: 'POST',
    path: '/cgi-bin/checkin/add_checkin_option',
    retrySafe: false,
    limits: BASE,
  },
  // Safe: update replaces what it names (arrays and objects are overwritten, omitted means unchanged,
  // doc 修改打卡规则 note 3), so a second identical update leaves the same rule as the first.
  update_checkin_option: {
    method: 'POST',
    path: '/cgi-bin/checkin/update_checkin_option',
    retrySafe: true,
    limits: BASE,
  },
  // Safe: clearing an array that is already empty leaves it empty.
  clear_checkin_option_array_field: {
    method: 'POST',
    path: '/cgi-bin/checkin/clear_checkin_option_array_field',
    retrySafe: true,
    limits: BASE,
  },
  // Safe: deletion is by id; a repeat after a lost answer finds nothing to delete, which the client
  // treats as done.
  del_checkin_option: {
    method: 'POST',
    path: '/cgi-bin/checkin/del_checkin_option',
    retrySafe: true,
    limits: BASE,
  },
  getcheckindata: { method: 'POST', path: '/cgi-bin/checkin/getcheckindata', retrySafe: true, limits: perMinute(600) },
  // NOT safe: add_checkin_record has no idempotency key and its duplicate handling is UNCONFIRMED (B7), so a
  // repeat may double punches. Rate limit UNCONFIRMED (B3): the base limits.
  add_checkin_record: {
    method: 'POST',
    path: '/cgi-bin/checkin/add_checkin_record',
    retrySafe: false,
    limits: BASE,
  },
  getcheckinschedulist: {
    method: 'POST',
    path: '/cgi-bin/checkin/getcheckinschedulist',
    retrySafe: true,
    limits: perMinute(60),
  },
  // Safe: an upsert of (user, day) → schedule; sending the same items twice sets the same schedule.
  setcheckinschedulist: {
    method: 'POST',
    path: '/cgi-bin/checkin/setcheckinschedulist',
    retrySafe: true,
    limits: perMinute(60),
  },
  // Contact reads (docs/vendor/wecom-contact.md). No API of these publishes a limit of its own: the base limits
  // per corp and API ([W0], path/90454). The lookups also have a DAY budget of failures (20 % of the corp's
  // seat limit, [W1]/[W2]) that pacing cannot see: WeCom answers 45009 once it is spent, which the client
  // treats as any 45009 (back off, retry, then a rate_limit error).
  getuserid: { method: 'POST', path: '/cgi-bin/user/getuserid', retrySafe: true, limits: BASE },
  get_userid_by_email: { method: 'POST', path: '/cgi-bin/user/get_userid_by_email', retrySafe: true, limits: BASE },
  list_id: { method: 'POST', path: '/cgi-bin/user/list_id', retrySafe: true, limits: BASE },
  user_list: { method: 'GET', path: '/cgi-bin/user/list', retrySafe: true, limits: BASE },
  user_get: { method: 'GET', path: '/cgi-bin/user/get', retrySafe: true, limits: BASE },
  department_list: { method: 'GET', path: '/cgi-bin/department/list', retrySafe: true, limits: BASE },
};
