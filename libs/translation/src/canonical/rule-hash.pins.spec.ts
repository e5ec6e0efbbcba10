import { readFileSync } from 'node:fs';
import type { CanonicalRule } from './canonical-rule.js';
import { HashInputEncoder } from './hash-input.util.js';
import { CANONICAL_MEMBER_NAMES, legacyRuleContentHashes, ruleContentHash } from './rule-hash.js';

// Links in users' databases hold content hashes, so every hash format stays what it was when it was written.
// test/fixtures/rule-hash-pins.jsonl holds what the gateway at 40959da computed: for 200 seeded rules of
// anyRuleArbitrary (a third of them scrambled), their canonical-rule/v3, v2 and v1 hashes; for 300 odd values
// (NaN, -0, int32 and 28-bit edges, Latin-1, UTF-16 and lone surrogates, member names), the SHA-256 of the
// v2/v3 word encoding. Any change to how a format is computed must reproduce every one of them.

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

  it('gives each pinned rule its canonical-rule/v3 hash', () => {
    for (const pin of rulePins) expect(ruleContentHash(pin.rule)).toBe(pin.v3);
  });

  it('gives each pinned rule its v2 and v1 hashes', () => {
    for (const pin of rulePins) expect(legacyRuleContentHashes(pin.rule)).toEqual([pin.v2, pin.v1]);
  });

  it('encodes each pinned value as the v2/v3 word encoding did', () => {
    const encoder = new HashInputEncoder(CANONICAL_MEMBER_NAMES);
    for (const pin of valuePins) expect(encoder.begin().value(pin.value).sha256Hex()).toBe(pin.words);
  });
});
