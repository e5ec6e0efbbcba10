import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { scrubSecretsInText } from '../logging/redact.js';
import { punchReconcileFor, USER_FLOW_CREATED } from './attendance-events.js';
import {
  checkFeishuSignature,
  decryptFeishuPayload,
  feishuAesKey,
  FeishuDecryptError,
  feishuSignature,
  isVerificationToken,
} from './feishu-event.crypto.js';
import { openFeishuRequest, SIGNATURE_MAX_SKEW_MS } from './feishu-event.gate.js';

// Fixtures are produced here with node:crypto following Feishu's documented scheme, independently of the code
// under test: key = SHA-256(Encrypt Key), base64(iv ‖ AES-256-CBC-PKCS7(plaintext)).

const ENCRYPT_KEY = 'unit-encrypt-key-8d1e';
const TOKEN = 'unit-verification-token-51a0';
const NOW_MS = Date.UTC(2021, 2, 10, 13, 11, 57);
const NOW_S = String(Math.floor(NOW_MS / 1000));

function encrypt(plaintext: string, key = ENCRYPT_KEY, iv = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

function sign(timestamp: string, nonce: string, body: string, key = ENCRYPT_KEY): string {
  return createHash('sha256')
    .update(timestamp + nonce + key + body)
    .digest('hex');
}

describe('Feishu event decryption', () => {
  it('derives the AES key as SHA-256 of the Encrypt Key', () => {
    expect(feishuAesKey('abc').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('decrypts base64(iv + ciphertext) with PKCS#7 padding, for any plaintext length', () => {
    for (const plaintext of ['', 'x', '{"challenge":"c","token":"t","type":"url_verification"}', 'é'.repeat(40)]) {
      expect(decryptFeishuPayload(encrypt(plaintext), ENCRYPT_KEY)).toBe(plaintext);
    }
  });

  it('takes the IV from the first 16 bytes', () => {
    const iv = Buffer.alloc(16, 7);
    const sealed = encrypt('{"a":1}', ENCRYPT_KEY, iv);
    expect(Buffer.from(sealed, 'base64').subarray(0, 16)).toEqual(iv);
    expect(decryptFeishuPayload(sealed, ENCRYPT_KEY)).toBe('{"a":1}');
  });

  it('refuses the wrong key, bad base64 and truncated data', () => {
    // A fixed IV keeps this deterministic (a random one would pass the padding check 1 time in ~256).
    const underAnotherKey = encrypt('{"a":1}', 'another-key', Buffer.alloc(16, 1));
    expect(() => decryptFeishuPayload(underAnotherKey, ENCRYPT_KEY)).toThrow(FeishuDecryptError);
    expect(() => decryptFeishuPayload('not base64 at all!', ENCRYPT_KEY)).toThrow('not base64');
    expect(() => decryptFeishuPayload(randomBytes(16).toString('base64'), ENCRYPT_KEY)).toThrow('whole AES blocks');
    expect(() => decryptFeishuPayload(randomBytes(40).toString('base64'), ENCRYPT_KEY)).toThrow('whole AES blocks');
  });
});

describe('Feishu request signature', () => {
  const body = '{"encrypt":"abc"}';

  it('is hex SHA-256 of timestamp + nonce + Encrypt Key + raw body', () => {
    expect(feishuSignature('1', 'n', 'k', Buffer.from('b'))).toBe(createHash('sha256').update('1nkb').digest('hex'));
  });

  it('accepts a correct signature within the replay window, in either case of hex', () => {
    const signature = sign(NOW_S, 'nonce-1', body);
    const check = (sig: string, ts = NOW_S) =>
      checkFeishuSignature(
        { timestamp: ts, nonce: 'nonce-1', signature: sig },
        ENCRYPT_KEY,
        Buffer.from(body),
        NOW_MS,
        SIGNATURE_MAX_SKEW_MS,
      );
    expect(check(signature)).toBe('valid');
    expect(check(signature.toUpperCase())).toBe('valid');
    const fourMinutesAgo = String(Number(NOW_S) - 240);
    expect(check(sign(fourMinutesAgo, 'nonce-1', body), fourMinutesAgo)).toBe('valid');
  });

  it('refuses missing headers, a bad or stale timestamp, and any other signature', () => {
    const raw = Buffer.from(body);
    const check = (headers: { timestamp?: string; nonce?: string; signature?: string }) =>
      checkFeishuSignature(headers, ENCRYPT_KEY, raw, NOW_MS, SIGNATURE_MAX_SKEW_MS);
    expect(check({})).toBe('missing');
    expect(check({ timestamp: NOW_S, nonce: 'n' })).toBe('missing');
    expect(check({ timestamp: 'yesterday', nonce: 'n', signature: sign('yesterday', 'n', body) })).toBe(
      'bad_timestamp',
    );
    const sixMinutesAgo = String(Number(NOW_S) - 360);
    expect(check({ timestamp: sixMinutesAgo, nonce: 'n', signature: sign(sixMinutesAgo, 'n', body) })).toBe('stale');
    const sixMinutesAhead = String(Number(NOW_S) + 360);
    expect(check({ timestamp: sixMinutesAhead, nonce: 'n', signature: sign(sixMinutesAhead, 'n', body) })).toBe(
      'stale',
    );
    expect(check({ timestamp: NOW_S, nonce: 'n', signature: sign(NOW_S, 'n', body, 'other-key') })).toBe('mismatch');
    expect(check({ timestamp: NOW_S, nonce: 'other', signature: sign(NOW_S, 'n', body) })).toBe('mismatch');
    expect(check({ timestamp: NOW_S, nonce: 'n', signature: 'short' })).toBe('mismatch');
  });

  it('covers the exact bytes: the same JSON re-serialised does not verify', () => {
    const spaced = '{ "encrypt" : "abc" }';
    const headers = { timestamp: NOW_S, nonce: 'n', signature: sign(NOW_S, 'n', spaced) };
    expect(checkFeishuSignature(headers, ENCRYPT_KEY, Buffer.from(spaced), NOW_MS, SIGNATURE_MAX_SKEW_MS)).toBe(
      'valid',
    );
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(spaced)));
    expect(checkFeishuSignature(headers, ENCRYPT_KEY, reserialised, NOW_MS, SIGNATURE_MAX_SKEW_MS)).toBe('mismatch');
  });
});

describe('verification token', () => {
  it('matches only the exact string', () => {
    expect(isVerificationToken(TOKEN, TOKEN)).toBe(true);
    expect(isVerificationToken(`${TOKEN} `, TOKEN)).toBe(false);
    expect(isVerificationToken('', TOKEN)).toBe(false);
    expect(isVerificationToken(undefined, TOKEN)).toBe(false);
    expect(isVerificationToken(42, TOKEN)).toBe(false);
  });
});

describe('openFeishuRequest', () => {
  const withKey = { verificationToken: TOKEN, encryptKey: ENCRYPT_KEY };
  const plainOnly = { verificationToken: TOKEN, encryptKey: null };
  const challenge = { challenge: 'ch-1', token: TOKEN, type: 'url_verification' };
  const event = {
    schema: '2.0',
    header: { event_id: 'ev-1', event_type: USER_FLOW_CREATED, create_time: String(NOW_MS), token: TOKEN },
    event: { employee_id: 'u1', check_time: NOW_S },
  };

  function request(bodyText: string, headers: Record<string, string> = {}) {
    return { body: JSON.parse(bodyText) as unknown, rawBody: Buffer.from(bodyText), headers };
  }
  function signed(bodyText: string, timestamp = NOW_S) {
    return request(bodyText, { timestamp, nonce: 'n1', signature: sign(timestamp, 'n1', bodyText) });
  }
  const sealed = (payload: unknown) => JSON.stringify({ encrypt: encrypt(JSON.stringify(payload)) });

  it('answers a plain challenge without an Encrypt Key, and an encrypted unsigned one with it', () => {
    expect(openFeishuRequest(request(JSON.stringify(challenge)), plainOnly, NOW_MS)).toEqual({
      kind: 'challenge',
      challenge: 'ch-1',
    });
    expect(openFeishuRequest(request(sealed(challenge)), withKey, NOW_MS)).toEqual({
      kind: 'challenge',
      challenge: 'ch-1',
    });
  });

  it('refuses a challenge with the wrong token', () => {
    const bad = { ...challenge, token: 'wrong' };
    expect(openFeishuRequest(request(JSON.stringify(bad)), plainOnly, NOW_MS)).toMatchObject({ status: 401 });
    expect(openFeishuRequest(request(sealed(bad)), withKey, NOW_MS)).toMatchObject({ status: 401 });
  });

  it('opens a signed, encrypted schema 2.0 event', () => {
    expect(openFeishuRequest(signed(sealed(event)), withKey, NOW_MS)).toEqual({
      kind: 'event',
      envelope: {
        eventId: 'ev-1',
        eventType: USER_FLOW_CREATED,
        createTimeMs: NOW_MS,
        event: { employee_id: 'u1', check_time: NOW_S },
      },
    });
  });

  it('refuses an unsigned event under an Encrypt Key with one answer, whatever is wrong with it', () => {
    const answers = [
      openFeishuRequest(request(sealed(event)), withKey, NOW_MS),
      openFeishuRequest(request(JSON.stringify({ encrypt: randomBytes(48).toString('base64') })), withKey, NOW_MS),
      openFeishuRequest(request(JSON.stringify({ encrypt: encrypt('not json') })), withKey, NOW_MS),
      openFeishuRequest(request(JSON.stringify(event)), withKey, NOW_MS),
    ];
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ kind: 'rejected', status: 401 });
  });

  it('refuses a bad signature, a stale one, and a wrong token inside a valid signature', () => {
    const body = sealed(event);
    const tampered = {
      ...signed(body),
      headers: { timestamp: NOW_S, nonce: 'n1', signature: sign(NOW_S, 'n2', body) },
    };
    expect(openFeishuRequest(tampered, withKey, NOW_MS)).toMatchObject({ status: 401 });
    const stale = signed(body, String(Number(NOW_S) - 600));
    expect(openFeishuRequest(stale, withKey, NOW_MS)).toMatchObject({
      status: 401,
      reason: expect.stringMatching(/5 minutes/),
    });
    const wrongToken = sealed({ ...event, header: { ...event.header, token: 'wrong' } });
    expect(openFeishuRequest(signed(wrongToken), withKey, NOW_MS)).toMatchObject({
      status: 401,
      reason: 'Invalid verification token',
    });
  });

  it('without an Encrypt Key: checks the token only, and refuses encrypted bodies naming the variable', () => {
    expect(openFeishuRequest(request(JSON.stringify(event)), plainOnly, NOW_MS)).toMatchObject({ kind: 'event' });
    const wrong = { ...event, header: { ...event.header, token: 'nope' } };
    expect(openFeishuRequest(request(JSON.stringify(wrong)), plainOnly, NOW_MS)).toMatchObject({ status: 401 });
    expect(openFeishuRequest(request(sealed(event)), plainOnly, NOW_MS)).toMatchObject({
      status: 400,
      reason: expect.stringContaining('FEISHU_ENCRYPT_KEY'),
    });
  });

  it('acknowledges a schema 1.0 event with the right token, and refuses shapes it cannot authenticate', () => {
    const legacy = { uuid: 'u', token: TOKEN, ts: '1', type: 'event_callback', event: { type: 'message' } };
    expect(openFeishuRequest(request(JSON.stringify(legacy)), plainOnly, NOW_MS)).toEqual({
      kind: 'legacy_event',
      eventType: 'message',
    });
    expect(openFeishuRequest(request('{"hello":"world"}'), plainOnly, NOW_MS)).toMatchObject({ status: 400 });
    expect(openFeishuRequest(request('[1]'), plainOnly, NOW_MS)).toMatchObject({ status: 400 });
    expect(openFeishuRequest({ body: {}, rawBody: undefined, headers: {} }, plainOnly, NOW_MS)).toMatchObject({
      status: 400,
    });
  });
});

describe('punch events', () => {
  const envelope = (event: Record<string, unknown>, createTimeMs: number | null = null) => ({
    eventId: 'e',
    eventType: USER_FLOW_CREATED,
    createTimeMs,
    event,
  });

  it('reads the China-time day of check_time', () => {
    const dayOf = (at: number) =>
      punchReconcileFor(envelope({ employee_id: '2b68933a', check_time: String(at) }), 'employee_id');
    // 2021-03-10 23:30 UTC is 2021-03-11 07:30 in Shanghai.
    expect(dayOf(Date.UTC(2021, 2, 10, 23, 30) / 1000)).toEqual({ userId: '2b68933a', day: '2021-03-11' });
    expect(dayOf(Date.UTC(2021, 2, 10, 15, 59, 59) / 1000)).toEqual({ userId: '2b68933a', day: '2021-03-10' });
    expect(dayOf(Date.UTC(2021, 2, 10, 16, 0, 0) / 1000)).toEqual({ userId: '2b68933a', day: '2021-03-11' });
  });

  it('uses the configured employee id type, and falls back to header.create_time', () => {
    const event = { employee_id: 'id-1', employee_no: 'no-1' };
    expect(punchReconcileFor(envelope(event, Date.UTC(2021, 2, 10, 1)), 'employee_no')).toEqual({
      userId: 'no-1',
      day: '2021-03-10',
    });
  });

  it('says why an event cannot be read', () => {
    expect(punchReconcileFor(envelope({ employee_id: '', check_time: '1615381916' }), 'employee_id')).toEqual({
      problem: expect.stringContaining('event.employee_id'),
    });
    expect(punchReconcileFor(envelope({ employee_id: 'u', check_time: 'soon' }), 'employee_id')).toEqual({
      problem: expect.stringContaining('check_time'),
    });
  });
});

describe('log redaction of event-subscription secrets', () => {
  it('scrubs prefixed variable names and the Encrypt Key in JSON text', () => {
    const text = scrubSecretsInText(
      'FEISHU_VERIFICATION_TOKEN=tok-1 FEISHU_ENCRYPT_KEY=key-1 verification_token=tok-2 {"encrypt_key":"key-2","encryptKey":"key-3"}',
    );
    for (const secret of ['tok-1', 'key-1', 'tok-2', 'key-2', 'key-3']) expect(text).not.toContain(secret);
    expect(text).toContain('FEISHU_ENCRYPT_KEY=[REDACTED]');
  });
});
