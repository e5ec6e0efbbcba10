import { VendorError, type VendorErrorKind } from '@app/kernel';
import type { WecomApi } from './wecom-apis.constants.js';

// WeCom errcode → the kernel's closed error taxonomy, decided here and nowhere else. Sources: REFERENCE B1
// (path/90455, community posts), the 全局错误码 page path/90313 as transcribed by xen0n/go-workwx
// `errcodes/mod.go` (cited "[GWX]"), and wecom-checkin-option-rules.md (301093/301094). Match on errcode,
// never on errmsg (B1).

export interface WecomErrcodeRow {
  readonly kind: VendorErrorKind;
  readonly meaning: string;
}

export const WECOM_ERRCODE_TABLE: Readonly<Record<number, WecomErrcodeRow>> = {
  [-1]: { kind: 'transient', meaning: '系统繁忙 system busy; retry ≤ 3 times (path/90455)' },
  40001: { kind: 'auth', meaning: '不合法的secret参数 / invalid credential (path/90455)' },
  40013: { kind: 'auth', meaning: '不合法的CorpID (path/90455)' },
  40014: { kind: 'auth', meaning: 'invalid access_token (path/90455); also seen for expired tokens' },
  40091: { kind: 'auth', meaning: 'secret is invalid (old CSDN copy, UNCONFIRMED; [GWX] "可能用了别的企业的secret")' },
  41001: { kind: 'auth', meaning: '缺少access_token参数 ([WXPY] constants)' },
  41002: { kind: 'auth', meaning: '缺少corpid参数 ([GWX])' },
  41004: { kind: 'auth', meaning: '缺少secret参数 ([GWX])' },
  42001: { kind: 'auth', meaning: 'access_token expired ([WXPY] EXPIRED_ACCESS_TOKEN)' },
  45009: { kind: 'rate_limit', meaning: 'api freq out of limit; a minute block lasts 60 s ([GWX] 45009 help)' },
  45033: { kind: 'rate_limit', meaning: 'api concurrent out of limit (community, REFERENCE B1)' },
  48002: {
    kind: 'permission',
    meaning:
      'api forbidden: app not in 打卡 → 可调用接口的应用 (REFERENCE B1); user/list_id with an app secret (contact-sync only, [W3]; code UNCONFIRMED)',
  },
  48005: { kind: 'permission', meaning: 'API接口已废弃 ([GWX])' },
  48006: { kind: 'permission', meaning: '接口权限被收回 ([GWX])' },
  50002: { kind: 'permission', meaning: '成员不在权限范围 ([GWX])' },
  60011: { kind: 'permission', meaning: '指定的成员/部门/标签参数无权限 ([GWX])' },
  60020: { kind: 'permission', meaning: 'not allow to access from your ip: not in 企业可信IP (REFERENCE B1)' },
  301002: { kind: 'permission', meaning: '无权限操作指定的应用 ([GWX]); on rule writes: a foreign-owned rule' },
  301042: { kind: 'permission', meaning: 'ip白名单限制 ([GWX])' },
  40003: { kind: 'invalid_request', meaning: '无效的UserID ([GWX])' },
  40058: { kind: 'invalid_request', meaning: '不合法的参数 ([GWX])' },
  40063: { kind: 'invalid_request', meaning: '参数为空 ([GWX])' },
  301021: {
    kind: 'invalid_request',
    meaning: 'userid error: at least one userid not in the directory ([WC-PM], [GWX])',
  },
  301022: { kind: 'transient', meaning: '获取打卡数据失败: system failure, may be retried ([GWX])' },
  301023: { kind: 'invalid_request', meaning: 'userlist is over threshold: 1–100 userids (REFERENCE B1, [GWX])' },
  301024: { kind: 'invalid_request', meaning: '获取打卡记录时间间隔超限: end > start, span < 1 month ([GWX])' },
  301039: { kind: 'invalid_request', meaning: '请求参数错误 ([GWX])' },
  301069: { kind: 'not_found', meaning: 'no such member ([WC-PM] addcheckinuserface)' },
  301070: { kind: 'transient', meaning: 'system error, retry ([WC-PM] addcheckinuserface)' },
  301071: { kind: 'invalid_request', meaning: 'similar face exists (face still saved; addcheckinuserface only)' },
  301072: { kind: 'invalid_request', meaning: 'bad face image ([WC-PM] addcheckinuserface)' },
  301075: { kind: 'invalid_request', meaning: 'bad input params ([WC-PM] addcheckinuserface)' },
  301093: {
    kind: 'invalid_request',
    meaning: 'checkin rule field invalid (wecom-checkin-option-rules.md 错误信息列表)',
  },
  301094: { kind: 'invalid_request', meaning: 'old/forbidden checkin rule field (wecom-checkin-option-rules.md)' },
  60103: {
    kind: 'invalid_request',
    meaning: '手机号码不合法 (≤ 32 chars of digits, "+" and "-"; [WXJ] via contact-identity-apis.md [W0])',
  },
  60105: { kind: 'invalid_request', meaning: '邮箱不合法 (≤ 64 chars; [WXJ] via contact-identity-apis.md [W0])' },
  60123: { kind: 'not_found', meaning: '无效的部门id ([WXJ] via contact-identity-apis.md [W0])' },
  46004: { kind: 'not_found', meaning: '指定的用户不存在 ([GWX])' },
  60111: { kind: 'not_found', meaning: 'UserID不存在 ([GWX])' },
  60136: { kind: 'not_found', meaning: '记录不存在 ([GWX]); the emulator answers it for an unknown groupid' },
};

/**
 * Only the app that created a rule may update, clear or delete it (doc notes on each call). The errcode
 * for "created by another app" is UNCONFIRMED (REFERENCE D12 guesses 301xxx). Our reading: 301002
 * 无权限操作指定的应用 ("no permission to operate the specified app") is the documented code whose meaning
 * fits, and the emulator answers it; on these three calls it means a foreign-owned rule.
 */
export const WECOM_FOREIGN_RULE_ERRCODE = 301002;
const RULE_WRITES: ReadonlySet<WecomApi> = new Set([
  'update_checkin_option',
  'clear_checkin_option_array_field',
  'del_checkin_option',
]);

/** Codes that mean "this access_token was refused": refresh it and retry the call once (REFERENCE B1). */
export const WECOM_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 41001, 42001]);

/** The kind of a non-zero errcode, for a call of `api`. Unknown codes are 'unknown'. */
export function classifyWecomErrcode(errcode: number, api?: WecomApi): VendorErrorKind {
  if (errcode === WECOM_FOREIGN_RULE_ERRCODE && api !== undefined && RULE_WRITES.has(api)) return 'foreign_owned_rule';
  return WECOM_ERRCODE_TABLE[errcode]?.kind ?? 'unknown';
}

/**
 * Splits WeCom's errmsg ("api freq out of limit, hint: [1717571485419203277035119], from ip: 1.2.3.4, more
 * info at https://…?e=45009") into the message proper and the hint, which is WeCom's request id for
 * support. The caller's IP and the link are dropped.
 */
export function splitWecomErrmsg(errmsg: string): { readonly message: string; readonly hint: string | null } {
  const hint = /hint:\s*\[([^\]]*)\]/.exec(errmsg)?.[1] ?? null;
  const cut = errmsg.search(/,?\s*(hint:|from ip:|more info at)/);
  const message = (cut >= 0 ? errmsg.slice(0, cut) : errmsg).trim();
  return { message: redactSecrets(message), hint };
}

export interface WecomErrorContext {
  /** "POST /cgi-bin/checkin/getcheckindata": never the URL, which carries the access_token. */
  readonly endpoint: string;
  readonly api?: WecomApi;
  readonly httpStatus?: number;
}

/** Builds the VendorError for a WeCom answer with a non-zero errcode. Pure. */
export function parseWecomError(errcode: number, errmsg: string, context: WecomErrorContext): VendorError {
  const kind = classifyWecomErrcode(errcode, context.api);
  const { message, hint } = splitWecomErrmsg(errmsg);
  const what =
    kind === 'foreign_owned_rule' ? ' (the rule was created by another app; only its creator may change it)' : '';
  return new VendorError('wecom', kind, `${context.endpoint} failed: errcode ${errcode} ${message}${what}`, {
    vendorCode: errcode,
    logId: hint,
    httpStatus: context.httpStatus ?? null,
    endpoint: context.endpoint,
  });
}

/** A vendor message should never echo a credential, but if one ever does, it stops here. */
function redactSecrets(text: string): string {
  return text.replace(/(access_token|corpsecret|secret)=[^&\s,]+/gi, '$1=[REDACTED]');
}
