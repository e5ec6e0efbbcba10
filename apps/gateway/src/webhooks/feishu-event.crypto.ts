import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

// Feishu event subscription security: decrypting `{"encrypt": …}` bodies, checking the request signature and
// the Verification Token. Plain node:crypto (one SHA-256, one AES-256-CBC decipher): no SDK or library needed,
// and @larksuiteoapi/node-sdk's own check hashes a re-serialised body instead of the bytes received
// (REFERENCE.md A10), which is exactly what this gateway must not do.
//
// The scheme, as documented by Feishu and implemented by its SDK:
//  - decryption (REFERENCE.md A10 [NS-AES]; larksuite/node-sdk utils/aes-cipher.ts; "接收事件"
//    https://open.feishu.cn/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/encrypt-key-encryption-configuration-case;
//    the same steps at https://volcengine.com/docs/6427/1520249 — "使用 SHA256 对 Encrypt Key 进行哈希得到密钥 key;
//    使用 PKCS7Padding …; 生成 16 字节的随机数作为初始向量 iv; 收到的密文为 base64(iv+encrypted_event)"; and
//    docs.rs aegis-agent-core feishu_crypto.rs): key = SHA-256(Encrypt Key), data = base64-decode(encrypt),
//    iv = data[0..16], ciphertext = data[16..], AES-256-CBC with PKCS#7 padding, plaintext is UTF-8 JSON;
//  - signature (REFERENCE.md A10; larksuite/node-sdk dispatcher/request-handle.ts checkIsEventValidated):
//    X-Lark-Signature = hex(SHA-256(X-Lark-Request-Timestamp + X-Lark-Request-Nonce + Encrypt Key + body)),
//    only when an Encrypt Key is configured. Here `body` is the raw request bytes.

const AES_BLOCK = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

/** The AES-256 key Feishu derives from the Encrypt Key. */
export function feishuAesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** An `encrypt` value that is not base64(iv + AES-256-CBC ciphertext) under the configured key. */
export class FeishuDecryptError extends Error {
  constructor(reason: string) {
    super(`encrypt cannot be decrypted: ${reason}`);
    this.name = 'FeishuDecryptError';
  }
}

/** Decrypts the `encrypt` field of a Feishu event body to its plaintext (UTF-8 JSON text). */
export function decryptFeishuPayload(encrypt: string, encryptKey: string): string {
  const compact = encrypt.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new FeishuDecryptError('not base64');
  const data = Buffer.from(compact, 'base64');
  // An IV and at least one block, whole blocks only.
  if (data.length < 2 * AES_BLOCK || data.length % AES_BLOCK !== 0) {
    throw new FeishuDecryptError('not an IV followed by whole AES blocks');
  }
  const decipher = createDecipheriv('aes-256-cbc', feishuAesKey(encryptKey), data.subarray(0, AES_BLOCK));
  decipher.setAutoPadding(true); // PKCS#7
  try {
    return Buffer.concat([decipher.update(data.subarray(AES_BLOCK)), decipher.final()]).toString('utf8');
  } catch {
    throw new FeishuDecryptError('bad padding (wrong Encrypt Key?)');
  }
}

/** The hex signature Feishu sends in X-Lark-Signature for these raw body bytes. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

export interface SignatureHeaders {
  readonly timestamp?: string | undefined;
  readonly nonce?: string | undefined;
  readonly signature?: string | undefined;
}

export type SignatureCheck = 'valid' | 'missing' | 'bad_timestamp' | 'stale' | 'mismatch';

/**
 * Checks a request's signature headers against its raw body. `stale`: the timestamp (Unix seconds) is more
 * than `maxSkewMs` away from `nowMs`, in either direction — a captured request cannot be replayed later, and
 * a sender's clock may run a little ahead. The digests are compared in constant time.
 */
export function checkFeishuSignature(
  headers: SignatureHeaders,
  encryptKey: string,
  rawBody: Buffer,
  nowMs: number,
  maxSkewMs: number,
): SignatureCheck {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || nonce === undefined || !signature) return 'missing';
  if (!UNIX_SECONDS.test(timestamp)) return 'bad_timestamp';
  if (Math.abs(nowMs - Number(timestamp) * 1000) > maxSkewMs) return 'stale';
  if (!SHA256_HEX.test(signature)) return 'mismatch';
  const expected = Buffer.from(feishuSignature(timestamp, nonce, encryptKey, rawBody), 'hex');
  return timingSafeEqual(Buffer.from(signature, 'hex'), expected) ? 'valid' : 'mismatch';
}

/** Whether `candidate` is the Verification Token; compared as digests in constant time (length included). */
export function isVerificationToken(candidate: unknown, verificationToken: string): boolean {
  if (typeof candidate !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(verificationToken));
}
