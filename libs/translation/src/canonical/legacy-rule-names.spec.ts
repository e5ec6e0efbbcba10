import {
  feishuGroupIdFromLegacyRuleName,
  isLegacyGatewayRuleName,
  legacyWecomRuleNameFor,
  withoutLegacyRuleNameTag,
} from './legacy-rule-names.js';

// 123 in base 36 is "3f" (3 × 36 + 15).

describe('legacy gateway rule names', () => {
  it('tags a decimal id of up to 32 digits in base 36, and a longer one by its hash', () => {
    expect(legacyWecomRuleNameFor({ name: '总部固定班', feishuGroupId: '123' })).toBe('总部固定班·fs3f');
    const longId = '1'.repeat(33);
    expect(legacyWecomRuleNameFor({ name: '总部固定班', feishuGroupId: longId })).toMatch(
      /^总部固定班·fh[0-9a-f]{12}$/u,
    );
  });

  it('recognises a name only when the tag ends it and the whole is at most 40 characters', () => {
    expect(isLegacyGatewayRuleName('总部固定班·fs3f')).toBe(true);
    expect(isLegacyGatewayRuleName('总部·fs3f 固定班')).toBe(false);
    expect(isLegacyGatewayRuleName(`${'很'.repeat(35)}·fs3f`)).toBe(true);
    expect(isLegacyGatewayRuleName(`${'很'.repeat(36)}·fs3f`)).toBe(false);
  });

  it('removes the tag from a gateway name only', () => {
    expect(withoutLegacyRuleNameTag('总部固定班·fs3f')).toBe('总部固定班');
    const tooLong = `${'很'.repeat(36)}·fs3f`;
    expect(withoutLegacyRuleNameTag(tooLong)).toBe(tooLong);
  });

  it('reads the group id back from a numeric tag, and none from a hashed tag or a name that is not the gateway’s', () => {
    expect(feishuGroupIdFromLegacyRuleName('总部固定班·fs3f')).toBe('123');
    expect(feishuGroupIdFromLegacyRuleName('总部固定班·fh0123456789ab')).toBeNull();
    expect(feishuGroupIdFromLegacyRuleName(`${'很'.repeat(36)}·fs3f`)).toBeNull();
  });
});
