import { tableIdResolver } from './id-resolver.js';

describe('tableIdResolver', () => {
  const resolver = tableIdResolver(
    new Map([['ou_feishu_user', 'wecom_user']]),
    new Map([['od_feishu_department', '42']]),
  );

  it('maps ids from Feishu to WeCom and back through the table', () => {
    expect(resolver.user('ou_feishu_user', 'feishu', 'wecom')).toBe('wecom_user');
    expect(resolver.user('wecom_user', 'wecom', 'feishu')).toBe('ou_feishu_user');
    expect(resolver.department('od_feishu_department', 'feishu', 'wecom')).toBe('42');
    expect(resolver.department('42', 'wecom', 'feishu')).toBe('od_feishu_department');
  });

  it('knows no id the table lacks, nor an id looked up on the wrong side', () => {
    expect(resolver.user('ou_unknown', 'feishu', 'wecom')).toBeNull();
    expect(resolver.user('ou_feishu_user', 'wecom', 'feishu')).toBeNull();
    expect(resolver.department('42', 'feishu', 'wecom')).toBeNull();
  });

  it('gives an id back unchanged within one vendor, listed or not', () => {
    expect(resolver.user('ou_unlisted', 'feishu', 'feishu')).toBe('ou_unlisted');
    expect(resolver.user('wecom_user', 'wecom', 'wecom')).toBe('wecom_user');
  });
});
