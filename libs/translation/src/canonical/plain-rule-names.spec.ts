import fc from 'fast-check';
import { canonicalToWecom } from '../wecom/canonical-to-wecom.mapper.js';
import { sameIdResolver } from './id-resolver.js';
import { characterCount } from './text.util.js';
import {
  isWecomRuleNameFor,
  WECOM_RULE_NAME_LAST_NUMBER,
  WECOM_RULE_NAME_MAX_CHARACTERS,
  wecomRuleNameCandidates,
} from './plain-rule-names.js';
import { officeRule } from '../../test/canonical-rule.fixtures.js';

describe('wecomRuleNameCandidates', () => {
  it('gives the name itself first, then "name (2)" … "name (50)"', () => {
    const candidates = wecomRuleNameCandidates('总部固定班');
    expect(candidates).toHaveLength(WECOM_RULE_NAME_LAST_NUMBER);
    expect(candidates.slice(0, 3)).toEqual(['总部固定班', '总部固定班 (2)', '总部固定班 (3)']);
    expect(candidates.at(-1)).toBe('总部固定班 (50)');
  });

  it('cuts a long name to 40 characters, and cuts it further so a suffix fits whole', () => {
    const candidates = wecomRuleNameCandidates('很'.repeat(60));
    expect(candidates[0]).toBe('很'.repeat(40));
    expect(candidates[1]).toBe(`${'很'.repeat(36)} (2)`);
    expect(candidates[49]).toBe(`${'很'.repeat(35)} (50)`);
  });

  it('drops the space a cut leaves at the end before adding the suffix', () => {
    // 35 letters, a space, then more: cut to 36 characters for " (2)", the space would end the name.
    const candidates = wecomRuleNameCandidates(`${'a'.repeat(35)} ${'b'.repeat(10)}`);
    expect(candidates[1]).toBe(`${'a'.repeat(35)} (2)`);
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    const [first] = wecomRuleNameCandidates('😀'.repeat(45));
    expect(first).toBe('😀'.repeat(40));
  });

  it('gives nothing for a blank name (the translation refuses a rule without one)', () => {
    expect(wecomRuleNameCandidates('  ')).toEqual([]);
  });

  it('for any name: distinct, within the limit, each ending in its number, the first as the translation writes it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 60 })), (name) => {
        const candidates = wecomRuleNameCandidates(name);
        if (name.trim() === '') {
          expect(candidates).toEqual([]);
          return;
        }
        expect(new Set(candidates).size).toBe(candidates.length);
        for (const candidate of candidates) {
          expect(characterCount(candidate)).toBeLessThanOrEqual(WECOM_RULE_NAME_MAX_CHARACTERS);
          expect(isWecomRuleNameFor(candidate, name)).toBe(true);
        }
        candidates.slice(1).forEach((candidate, index) => expect(candidate.endsWith(` (${index + 2})`)).toBe(true));
        // The translation writes the first candidate for the name (and reports the shortening, if any).
        const written = canonicalToWecom(officeRule({ name }), {
          resolver: sameIdResolver(),
          ruleName: name,
          nowUnixSeconds: 1_790_000_000,
        });
        expect(written.ok && written.value.groupname).toBe(candidates[0]);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports the shortening of a long name as a loss through the translation', () => {
    const name = '很'.repeat(45);
    const written = canonicalToWecom(officeRule({ name }), {
      resolver: sameIdResolver(),
      ruleName: name,
      nowUnixSeconds: 1_790_000_000,
    });
    expect(written.ok && written.value.groupname).toBe(wecomRuleNameCandidates(name)[0]);
    expect(written.losses).toContainEqual(expect.objectContaining({ field: 'name', severity: 'approximated' }));
  });
});
