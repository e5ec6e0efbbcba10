import { MASKED_EMAIL, MASKED_MOBILE, REDACTED, redactSecrets, scrubSecretsInText } from './redact.js';

// Secrets and the personal data of the identity match never reach a log line.

describe('redactSecrets', () => {
  it('masks secret-named keys at any depth', () => {
    expect(redactSecrets({ a: { corpsecret: 's3', list: [{ access_token: 't' }] } })).toEqual({
      a: { corpsecret: REDACTED, list: [{ access_token: REDACTED }] },
    });
  });

  it('masks the values of personal keys (email, mobile …), leaving ids and empty values', () => {
    expect(
      redactSecrets({ userid: 'zhangwei', email: 'zhang@corp.cn', mobile: '13800138000', biz_mail: '', n: 1 }),
    ).toEqual({ userid: 'zhangwei', email: REDACTED, mobile: REDACTED, biz_mail: '', n: 1 });
    expect(redactSecrets({ emails: ['a@b.cn'], mobiles: ['+8613800138000'] })).toEqual({
      emails: REDACTED,
      mobiles: REDACTED,
    });
  });

  it('masks emails and mainland mobiles inside free text, not other numbers', () => {
    expect(scrubSecretsInText('user zhang.wei@corp.example.cn not found (46004)')).toBe(
      `user ${MASKED_EMAIL} not found (46004)`,
    );
    expect(scrubSecretsInText('mobile +86 13800138000, 8613900139000 and 15000150000')).toBe(
      `mobile ${MASKED_MOBILE}, ${MASKED_MOBILE} and ${MASKED_MOBILE}`,
    );
    // A Feishu group id (19 digits) and a WeCom errcode are not mobiles.
    expect(scrubSecretsInText('group 7380952139465998355 errcode 60111 at 12345678901')).toBe(
      'group 7380952139465998355 errcode 60111 at 12345678901',
    );
  });
});
