import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CanonicalRule } from './canonical-rule.js';
import { legacyWordsSha256 } from './legacy-hash-words.js';
import { normalizeRule } from './normalize-rule.js';
import { legacyRuleContentHashes, ruleContentHash } from './rule-hash.js';
import { stableStringify } from './text.util.js';

// Links in users' databases hold content hashes, so every hash format stays what it was when it was written.
// test/fixtures/rule-hash-pins.jsonl holds what the gateway at 40959da computed: for 200 seeded rules of
// anyRuleArbitrary (a third of them scrambled), their canonical-rule/v3, v2 and v1 hashes; for 300 odd values
// (NaN, -0, int32 and 28-bit edges, Latin-1, UTF-16 and lone surrogates, member names), the SHA-256 of the
// v2/v3 word encoding. Any change to how a format is computed must reproduce every one of them. v3 is now a
// legacy format (canonical-rule/v4 is current), compared where a link still holds it.

interface RulePin {
  readonly rule: CanonicalRule;
  readonly v3: string;
  readonly v2: string;
  readonly v1: string;
}

interface ValuePin {
  readonly value: unknown;
  readonly words: string;
}

/** JSON with the numbers it cannot hold written as {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}. */
function revive(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && '$number' in value
      ? Number((value as { $number: string }).$number)
      : value,
  );
}

const lines = readFileSync(new URL('../../test/fixtures/rule-hash-pins.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map(revive) as Record<string, unknown>[];
const header = lines[0] as { readonly rules: number; readonly values: number };
const rulePins = lines.filter((line) => 'rule' in line) as unknown as RulePin[];
const valuePins = lines.filter((line) => 'value' in line) as unknown as ValuePin[];

describe('content hashes stored links hold (pinned at 40959da)', () => {
  it('reads every pin of the fixture', () => {
    expect([rulePins.length, valuePins.length]).toEqual([header.rules, header.values]);
    expect(rulePins.length).toBeGreaterThanOrEqual(200);
  });

  it('gives each pinned rule its v3, v2 and v1 hashes as the legacy hashes, newest first', () => {
    for (const pin of rulePins) expect(legacyRuleContentHashes(pin.rule)).toEqual([pin.v3, pin.v2, pin.v1]);
  });

  it('gives each pinned rule a current hash that none of the older formats gave it', () => {
    for (const pin of rulePins) {
      const current = ruleContentHash(pin.rule);
      expect(current).toBe(hash('sha256', `canonical-rule/v4\n${stableStringify(normalizeRule(pin.rule))}`, 'hex'));
      expect([pin.v3, pin.v2, pin.v1]).not.toContain(current);
    }
  });

  it('encodes each pinned value as the v2/v3 word encoding did', () => {
    for (const pin of valuePins) expect(legacyWordsSha256(pin.value)).toBe(pin.words);
  });

  // Values JSON cannot hold, with what the encoder at 40959da gave them (HashInputEncoder.value, computed once).
  const hole: unknown[] = ['a'];
  hole.length = 3;
  it.each<[string, unknown, string]>([
    [
      'an undefined member',
      { name: 'x', note: undefined, zz: undefined },
      '0193e2f75ce0f7dae261e30698f28e184fef718c825efc2c2db020ef5adfdf78',
    ],
    [
      'holes and undefined in a list',
      [hole, [undefined, 1]],
      'd710b5a58a0c653ef4153ca0f38efb696b59caae5d4d59c107265edf03e5dcc8',
    ],
    [
      'a function, a symbol and a bigint',
      [() => 1, Symbol('s'), 1n, { a: () => 1 }],
      'fd045aabd59cb698c6690a774240e04650e75c1f81f3465c9637b41e99a01e67',
    ],
    [
      'a date and a map (no own keys)',
      [new Date(0), new Map([[1, 2]])],
      'fe12efcdc879c61636c1b954aee0e87abaf3a92051e756e90150fd82368b15eb',
    ],
  ])('encodes %s as the v2/v3 word encoding did', (_label, value, words) => {
    expect(legacyWordsSha256(value)).toBe(words);
  });
});
