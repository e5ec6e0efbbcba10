import { legacyWecomRuleNameFor } from '@app/translation';
import type { WecomClient } from '@app/wecom';
import { WecomRulesConnector } from './wecom-rules.connector.js';

// The names of WeCom rules are WeCom's (its 40-character groupname, the gateway's legacy `·fs` tag): the rules
// engine asks the connector for them (plain-rule-names.ts, legacy-rule-names.ts).

const connector = new WecomRulesConnector({} as WecomClient);

describe('WecomRulesConnector names', () => {
  it('lists the names a rule may carry: the plain name, then numbered ones, all within 40 characters', () => {
    const candidates = connector.nameCandidates(' 总部固定班 ');
    expect(candidates.slice(0, 3)).toEqual(['总部固定班', '总部固定班 (2)', '总部固定班 (3)']);
    expect(candidates).toHaveLength(50);
    const long = 'a'.repeat(45);
    expect(connector.nameCandidates(long)[0]).toBe('a'.repeat(40));
    expect(connector.nameCandidates(long)[1]).toBe(`${'a'.repeat(36)} (2)`);
    expect(connector.nameCandidates('  ')).toEqual([]);
  });

  it("tells a rule carrying one of a group's names from one that does not", () => {
    expect(connector.isNameFor('总部固定班 (7)', '总部固定班')).toBe(true);
    expect(connector.isNameFor('总部固定班 (51)', '总部固定班')).toBe(false);
    expect(connector.isNameFor('总部', '总部固定班')).toBe(false);
  });

  it('reads the legacy gateway names: recognised, their tag dropped, their source id read back', () => {
    const legacy = legacyWecomRuleNameFor({ name: '研发考勤', feishuGroupId: '7000000000000000123' });
    expect(connector.isLegacyGatewayName(legacy)).toBe(true);
    expect(connector.withoutLegacyTag(legacy)).toBe('研发考勤');
    expect(connector.legacySourceIdOf(legacy)).toBe('7000000000000000123');
    expect(connector.isLegacyGatewayName('研发考勤')).toBe(false);
    expect(connector.withoutLegacyTag('研发考勤')).toBe('研发考勤');
    expect(connector.legacySourceIdOf('研发考勤')).toBeNull();
    // A hashed tag (an id that is not a canonical decimal) is the gateway's, but names no id.
    const hashed = legacyWecomRuleNameFor({ name: 'X', feishuGroupId: 'od-abc' });
    expect(connector.isLegacyGatewayName(hashed)).toBe(true);
    expect(connector.legacySourceIdOf(hashed)).toBeNull();
  });
});
