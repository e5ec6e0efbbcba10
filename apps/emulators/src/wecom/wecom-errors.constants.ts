// The errcodes the emulator answers, with the reading behind each. Sources: REFERENCE.md B1/B2/B6–B8 and
// PART D; the 全局错误码 page path/90313 as transcribed by xen0n/go-workwx `errcodes/mod.go` ("[GWX]");
// wecom-checkin-option-rules.md. errmsg texts marked "ours" are not verbatim WeCom: clients must match on
// errcode (B1), so only the codes are load-bearing.

export interface WecomErrorSpec {
  readonly errcode: number;
  readonly errmsg: string;
}

const e = (errcode: number, errmsg: string): WecomErrorSpec => ({ errcode, errmsg });

export const WECOM_ERRORS = {
  /** -1 (path/90455). */
  systemBusy: e(-1, 'system busy'),
  /** Wrong corpsecret on gettoken (path/90455 lists 40001 for a bad secret; 40091 is UNCONFIRMED). */
  invalidSecret: e(40001, 'invalid credential'),
  invalidCorpId: e(40013, 'invalid corpid'),
  /** A token we never issued. */
  invalidToken: e(40014, 'invalid access_token'),
  missingToken: e(41001, 'access_token missing'),
  missingCorpId: e(41002, 'corpid missing'),
  missingSecret: e(41004, 'corpsecret missing'),
  /**
   * An expired token. Real WeCom has been seen answering 40014 instead (REFERENCE B1, aliyun ask/242976);
   * we answer the documented 42001 and send 40014 for unknown tokens, so a client must handle both.
   */
  expiredToken: e(42001, 'access_token expired'),
  /** Verbatim errmsg from the community post quoted in B1. */
  freqLimit: e(45009, 'api freq out of limit'),
  /** [GWX] 40058 不合法的参数; the "wrong json format" wording is from path/90455 (B1). */
  wrongJson: e(40058, 'invalid parameter, Warning: wrong json format.'),
  invalidParameter: e(40058, 'invalid parameter'),
  /** [GWX] 301021 参数 userid 无效 ("at least one userid is not in the directory"); errmsg ours. */
  invalidUserid: e(301021, 'userid error'),
  /** Verbatim errmsg from the community post quoted in B1 (useridlist > 100); [GWX]: also for an empty list. */
  userlistOverThreshold: e(301023, 'userlist is over threshold'),
  userlistEmpty: e(301023, 'userlist is empty'),
  /** [GWX] 301024 获取打卡记录时间间隔超限: end > start and a bounded span; errmsg ours. */
  invalidTimeRange: e(301024, 'checkin time range invalid'),
  /** [GWX] 301039 请求参数错误; used for add_checkin_record / setcheckinschedulist field errors (code UNCONFIRMED). */
  requestParamError: e(301039, 'request param error'),
  /** An unknown groupid. UNCONFIRMED: [GWX] 60136 记录不存在 ("record does not exist") is our reading. */
  ruleNotFound: e(60136, 'checkin group not found'),
  /**
   * Update/clear/delete of a rule another app created ("打卡规则仅可由该规则的创建应用修改/删除"). The code is
   * UNCONFIRMED (REFERENCE D12: probably 301xxx); our reading: [GWX] 301002 无权限操作指定的应用.
   */
  foreignRule: e(301002, 'no privilege to operate the checkin group created by another app'),
  /** update_checkin_option without a usable groupid (doc: "groupid须传入,否则会报错"; code UNCONFIRMED). */
  missingGroupid: e(301093, 'invalid groupid'),
  invalidClearField: e(301093, 'invalid clear_field'),
  // Contact reads (docs/vendor/wecom-contact.md; codes from contact-identity-apis.md [W0], [WXJ]). errmsg ours.
  /** [W0] 46004 指定的用户不存在: a lookup's mobile/email names nobody (for these APIs UNCONFIRMED, [W1]). */
  userNotFound: e(46004, 'user not found'),
  /** [W0] 60011 指定的成员/部门/标签参数无权限: outside the app's visible range. */
  noPrivilege: e(60011, 'no privilege to access/modify contact/party/agent'),
  /** [W0] 60103 手机号码不合法. */
  invalidMobile: e(60103, 'mobile invalid'),
  /** [W0] 60105 邮箱不合法. */
  invalidEmail: e(60105, 'email invalid'),
  /** [W0]/[W6] 60111 UserID不存在 (user/get). */
  useridNotFound: e(60111, 'userid not found'),
  /** [W0] 60123 无效的部门id. */
  invalidDepartment: e(60123, 'invalid party id'),
  /** [W0] 48002 API接口无权限调用: list_id with an app secret (READING, [W3] names no code). */
  apiForbidden: e(48002, 'api forbidden'),
} as const satisfies Record<string, WecomErrorSpec>;

export class WecomFailure extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }

  static of(spec: WecomErrorSpec, detail?: string): WecomFailure {
    return new WecomFailure(spec.errcode, detail ? `${spec.errmsg}: ${detail}` : spec.errmsg);
  }
}
