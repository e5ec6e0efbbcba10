// Secrets must never reach a log line. Two layers, because secrets arrive two ways:
//  - as values of well-known keys anywhere in a logged object (FEISHU_APP_SECRET, access_token, authorization…);
//  - inside free text: a URL with ?access_token=…, an "Authorization: Bearer …" echoed in an error message.
// pino's own `redact` needs every path spelled out in advance, which cannot cover keys nested at unknown
// depths in vendor payloads, so the key rule is applied by a small recursive walk instead.

export const REDACTED = '[REDACTED]';
/** What stands in a log line for a person's email or mobile (README, identity matching: personal data). */
export const MASKED_EMAIL = '[EMAIL]';
export const MASKED_MOBILE = '[MOBILE]';

// Personal data of the identity match: the values of these keys, and emails and mainland mobiles in free text
// (a vendor's error message may echo the value asked for), are masked like secrets.
const PERSONAL_KEY = /^(e-?mail|biz_mail|enterprise_email|mobile|phone|telephone|emails|mobiles)$/i;
const PERSONAL_IN_TEXT: readonly [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, MASKED_EMAIL],
  [/(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9]{9}(?![0-9])/g, MASKED_MOBILE],
];

const SECRET_KEY = /(secret|token|password|passwd|authorization|cookie|api[-_]?key|encrypt[-_]?key|signature)/i;

const SECRET_IN_TEXT: readonly [RegExp, string][] = [
  [
    /\b(access_token|tenant_access_token|app_access_token|corpsecret|app_secret|secret|token)=([^&\s"']+)/gi,
    `$1=${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  [/("(?:[a-z_]*secret|[a-z_]*token|authorization)"\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`],
  // Prefixed names the word boundary above misses (FEISHU_VERIFICATION_TOKEN=…, verification_token=…,
  // FEISHU_ENCRYPT_KEY=…), and the Feishu event subscription's Encrypt Key / signature inside JSON text.
  [/\b((?:[A-Za-z0-9]+_)*(?:secret|token|encrypt_?key|password))=([^&\s"']+)/gi, `$1=${REDACTED}`],
  [/("[a-z_]*(?:encrypt_?key|signature)"\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`],
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function scrubSecretsInText(text: string): string {
  return [...SECRET_IN_TEXT, ...PERSONAL_IN_TEXT].reduce(
    (scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement),
    text,
  );
}

/** A copy of `value` with secret-named keys masked and secrets in strings scrubbed; input is not modified. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecretsInText(value);
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  // Raw bodies (the webhook keeps its bytes) are never logged: walking them byte by byte took seconds per MB.
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry, depth + 1));
  if (value instanceof Error) {
    return redactSecrets({ ...value, type: value.name, message: value.message, stack: value.stack }, depth);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const masked = entry !== null && entry !== undefined && entry !== '';
    copy[key] =
      masked && isSecretKey(key)
        ? REDACTED
        : masked && PERSONAL_KEY.test(key)
          ? REDACTED
          : redactSecrets(entry, depth + 1);
  }
  return copy;
}
