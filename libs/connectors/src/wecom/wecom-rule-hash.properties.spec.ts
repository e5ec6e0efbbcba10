import fc from 'fast-check';
import { renderRule } from '../../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { canonicalToWecom, ruleContentHash, sameIdResolver, wecomToCanonical } from '@app/translation';
import { anyRuleArbitrary, ARBITRARY_NOW_UNIX_SECONDS } from '../../../translation/test/canonical-rule.arbitrary.js';
import { WecomRulesConnector, wecomRuleHash } from './wecom-rules.connector.js';
import type { WecomClient } from '@app/wecom';
import { PropertyReach } from '../../../../test/support/property-reach.js';

// The Feishu → WeCom sync calls a rule unchanged when the hash of the payload it would write (with the rule's
// groupid) equals the hash of the rule as WeCom reads it back. If the two ever differed for the same content,
// every run would rewrite that rule forever; this property is what makes a second identical run write nothing.

describe('wecomRuleHash: what the sync writes hashes like what WeCom then reads back', () => {
  it('for every rule the translation emits', () => {
    const reach = new PropertyReach();
    fc.assert(
      fc.property(anyRuleArbitrary(), fc.integer({ min: 1, max: 2_000_000 }), (rule, groupid) => {
        const written = canonicalToWecom(rule, {
          resolver: sameIdResolver((id) => id),
          ruleName: rule.name,
          nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS,
        });
        if (!written.ok) return;
        reach.reached();
        const readBack = renderRule(
          {
            groupid,
            owner: 'gateway',
            group: structuredClone(written.value),
            create_time: ARBITRARY_NOW_UNIX_SECONDS,
            create_userid: 'admin',
            update_userid: 'admin',
          },
          'corp',
        );
        const desired = wecomRuleHash({ ...written.value, groupid });
        expect(desired).not.toBeNull();
        expect(wecomRuleHash(readBack)).toBe(desired);
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: of 1500 wild rules, about 700 translate on the fixed seed.
    reach.expectAtLeast(300, 'rules WeCom can hold');
  });

  it('differs when the content differs', () => {
    const rule = fc.sample(anyRuleArbitrary(), { numRuns: 50, seed: 7 }).find(
      (candidate) =>
        canonicalToWecom(candidate, {
          resolver: sameIdResolver((id) => id),
          ruleName: candidate.name,
          nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS,
        }).ok,
    )!;
    const written = canonicalToWecom(rule, {
      resolver: sameIdResolver((id) => id),
      ruleName: rule.name,
      nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS,
    });
    if (!written.ok) throw new Error('expected a payload');
    const base = { ...written.value, groupid: 1 };
    expect(wecomRuleHash({ ...base, need_photo: !(base.need_photo ?? false) })).not.toBe(wecomRuleHash(base));
    expect(wecomRuleHash({ ...base, groupname: `${base.groupname}x` })).not.toBe(wecomRuleHash(base));
  });

  it('is computed once per rule object, the same as translating and hashing it afresh', () => {
    const connector = new WecomRulesConnector({} as WecomClient);
    for (const rule of fc.sample(anyRuleArbitrary(), { numRuns: 40, seed: 11 })) {
      const written = canonicalToWecom(rule, {
        resolver: sameIdResolver((id) => id),
        ruleName: rule.name,
        nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS,
      });
      if (!written.ok) continue;
      const read = { ...written.value, groupid: 5 };
      const fresh = wecomToCanonical(structuredClone(read));
      const expected = fresh.ok ? ruleContentHash(fresh.value) : null;
      expect(connector.contentHash(read)).toBe(expected);
      // Asked again (as the engines do), the same object answers the same form and hash, not a new translation.
      expect(connector.toCanonical(read)).toBe(connector.toCanonical(read));
      expect(wecomRuleHash(read)).toBe(expected);
      expect(connector.contentHash(read)).toBe(expected);
      // An equal copy is another object: translated on its own, to the same hash.
      expect(wecomRuleHash(structuredClone(read))).toBe(expected);
    }
  });
});
