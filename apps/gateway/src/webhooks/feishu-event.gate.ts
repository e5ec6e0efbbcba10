import type { FeishuEventsConfig } from '../config/app-config.js';
import {
  checkFeishuSignature,
  decryptFeishuPayload,
  isVerificationToken,
  type SignatureCheck,
  type SignatureHeaders,
} from './feishu-event.crypto.js';

// What a POST to the Feishu webhook is, once authenticated: a URL-verification challenge, a schema 2.0 event,
// or a legacy (schema 1.0) event; or why it is refused. Pure: the clock is passed in.
//
// Readings (REFERENCE.md A9/A10):
//  - With an Encrypt Key, every request except the URL-verification challenge must carry a valid signature
//    (X-Lark-Request-Timestamp/-Nonce/-Signature over the raw body) no older (or newer) than five minutes;
//    the signature is checked before anything is decrypted. Feishu does not sign the challenge, so a request
//    without signature headers is accepted only if it decrypts to a challenge, and a challenge is answered
//    only for the right Verification Token. Every failure on that unsigned path answers the same 401, so the
//    decryption is no padding oracle.
//  - Without an Encrypt Key, Feishu sends plain JSON and signs nothing: the Verification Token (schema 2.0
//    `header.token`, schema 1.0 and challenges `token`) is the only proof of origin, and the replay window
//    cannot be applied (an unsigned timestamp proves nothing). Configure an Encrypt Key in production.
//  - An encrypted body while no Encrypt Key is configured is a 400 naming FEISHU_ENCRYPT_KEY.

/** How far X-Lark-Request-Timestamp may be from the gateway's clock. */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

/** A schema 2.0 event, authenticated. */
export interface FeishuEventEnvelope {
  readonly eventId: string;
  readonly eventType: string;
  /** header.create_time (ms), when present. */
  readonly createTimeMs: number | null;
  readonly event: Readonly<Record<string, unknown>>;
}

export interface FeishuRequest {
  /** The parsed JSON body. */
  readonly body: unknown;
  /** The exact bytes received: what the signature covers. */
  readonly rawBody: Buffer | undefined;
  readonly headers: SignatureHeaders;
}

export type GateResult =
  | { readonly kind: 'rejected'; readonly status: 400 | 401; readonly reason: string }
  | { readonly kind: 'challenge'; readonly challenge: string }
  | { readonly kind: 'event'; readonly envelope: FeishuEventEnvelope }
  | { readonly kind: 'legacy_event'; readonly eventType: string };

const SIGNATURE_REASONS: Record<Exclude<SignatureCheck, 'valid'>, string> = {
  missing: 'Missing signature: X-Lark-Request-Timestamp, X-Lark-Request-Nonce and X-Lark-Signature are required',
  bad_timestamp: 'X-Lark-Request-Timestamp must be Unix seconds',
  stale: 'X-Lark-Request-Timestamp is more than 5 minutes from the current time (replayed or delayed request)',
  mismatch: 'Invalid X-Lark-Signature',
};

const UNSIGNED_REFUSAL = SIGNATURE_REASONS.missing;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(status: 400 | 401, reason: string): GateResult {
  return { kind: 'rejected', status, reason };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isChallenge(payload: unknown): payload is Record<string, unknown> {
  return isRecord(payload) && payload['type'] === 'url_verification';
}

function hasSignatureHeaders(headers: SignatureHeaders): boolean {
  return headers.timestamp !== undefined || headers.nonce !== undefined || headers.signature !== undefined;
}

/** The plaintext payload of a request under an Encrypt Key, or why it is refused. */
function unsealEncrypted(
  request: FeishuRequest & { body: Record<string, unknown>; rawBody: Buffer },
  encryptKey: string,
  nowMs: number,
): { payload: unknown } | GateResult {
  const encrypt = request.body['encrypt'];
  if (!hasSignatureHeaders(request.headers)) {
    // Only the URL-verification challenge comes unsigned; anything else, however malformed, gets one answer.
    if (typeof encrypt !== 'string')
      return isChallenge(request.body) ? { payload: request.body } : reject(401, UNSIGNED_REFUSAL);
    let payload: unknown;
    try {
      payload = parseJson(decryptFeishuPayload(encrypt, encryptKey));
    } catch {
      return reject(401, UNSIGNED_REFUSAL);
    }
    return isChallenge(payload) ? { payload } : reject(401, UNSIGNED_REFUSAL);
  }
  const check = checkFeishuSignature(request.headers, encryptKey, request.rawBody, nowMs, SIGNATURE_MAX_SKEW_MS);
  if (check !== 'valid') return reject(401, SIGNATURE_REASONS[check]);
  if (encrypt === undefined) return { payload: request.body };
  if (typeof encrypt !== 'string') return reject(400, 'encrypt must be a string');
  let plaintext: string;
  try {
    plaintext = decryptFeishuPayload(encrypt, encryptKey);
  } catch (error) {
    return reject(400, (error as Error).message);
  }
  const payload = parseJson(plaintext);
  return payload === undefined ? reject(400, 'encrypt does not decrypt to JSON') : { payload };
}

function envelopeOf(payload: Record<string, unknown>, verificationToken: string): GateResult {
  const header = payload['header'];
  if (isRecord(header)) {
    if (!isVerificationToken(header['token'], verificationToken)) return reject(401, 'Invalid verification token');
    const eventId = header['event_id'];
    const eventType = header['event_type'];
    if (typeof eventId !== 'string' || eventId.length === 0) return reject(400, 'header.event_id must be a string');
    if (typeof eventType !== 'string' || eventType.length === 0) {
      return reject(400, 'header.event_type must be a string');
    }
    const createTime = header['create_time'];
    const createTimeMs =
      typeof createTime === 'string' && /^\d+$/.test(createTime)
        ? Number(createTime)
        : typeof createTime === 'number' && Number.isSafeInteger(createTime)
          ? createTime
          : null;
    const event = payload['event'];
    return { kind: 'event', envelope: { eventId, eventType, createTimeMs, event: isRecord(event) ? event : {} } };
  }
  // Schema 1.0: {uuid, token, ts, type: "event_callback", event: {type, …}}. Acknowledged, not acted on.
  if ('token' in payload) {
    if (!isVerificationToken(payload['token'], verificationToken)) return reject(401, 'Invalid verification token');
    const event = payload['event'];
    const eventType = isRecord(event) && typeof event['type'] === 'string' ? event['type'] : 'unknown';
    return { kind: 'legacy_event', eventType };
  }
  return reject(400, 'Not a Feishu event: expected a schema 2.0 body with a header, or a url_verification');
}

/** Authenticates and classifies one request to the Feishu webhook. */
export function openFeishuRequest(request: FeishuRequest, settings: FeishuEventsConfig, nowMs: number): GateResult {
  const { body, rawBody } = request;
  if (!isRecord(body) || !rawBody) return reject(400, 'Request body must be a JSON object');
  let payload: unknown;
  if (settings.encryptKey) {
    const unsealed = unsealEncrypted({ ...request, body, rawBody }, settings.encryptKey, nowMs);
    if ('kind' in unsealed) return unsealed;
    payload = unsealed.payload;
  } else {
    if ('encrypt' in body) {
      return reject(400, "The event is encrypted but FEISHU_ENCRYPT_KEY is not set: set it to the app's Encrypt Key");
    }
    payload = body;
  }
  if (!isRecord(payload)) return reject(400, 'The event must be a JSON object');
  if (isChallenge(payload)) {
    if (!isVerificationToken(payload['token'], settings.verificationToken)) {
      return reject(401, 'Invalid verification token');
    }
    const challenge = payload['challenge'];
    return typeof challenge === 'string' ? { kind: 'challenge', challenge } : reject(400, 'challenge must be a string');
  }
  return envelopeOf(payload, settings.verificationToken);
}
