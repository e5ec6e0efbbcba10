import { hash } from 'node:crypto';
import type { CanonicalRule } from './canonical-rule.js';
import { legacyWordsSha256 } from './legacy-hash-words.js';
import { normalizeRule } from './normalize-rule.js';
import { stableStringify } from './text.util.js';

/*
 * Content hash of a rule, for change detection in the reconcile loop: the stored hash of what was last
 * written is compared with the hash of what the source says now. It is taken over the canonical form, so
 * vendor noise (array order, MAC case, coordinate float noise, explicit vs implicit rest days) never
 * changes it, and over every field of that form, so any meaningful change does.
 */

/**
 * Bumped when the hash (or the canonical form) changes meaning, so a stored hash from an older format reads as
 * "changed" (one extra write) instead of silently matching something else; legacyRuleContentHashes gives the
 * older formats' hashes, so an upgrade reads nothing as changed that the older format saw as equal.
 *
 * v1 hashed the stable JSON text of the canonical form; v2 the same form as a stream of binary words
 * (legacy-hash-words.ts), which was cheaper to write; v3 (issue #17) added liveness as a kind, overtime per kind
 * of day, punch reminders, the rest-day punch policy and the "normal punch" remedy, in the same words. v4 is
 * v1's plain construction again over v3's form: SHA-256 of "canonical-rule/v4\n" and the stable JSON text
 * (stableStringify: JSON with sorted keys, the text Feishu plan keys are made of too). Issue #19: the words saved
 * microseconds per rule in runs that the vendors' rate limits hold to seconds (BENCHMARKS.md, "Translation and
 * hashing vs a 500-group run"). No v3 hash can be written as JSON text, so v3 went to the legacy list.
 * stableStringify and not a canonical-JSON library: v1 and the plan keys are defined by its text, and a library
 * such as safe-stable-stringify, though it writes the same text for canonical rules, writes a Date or a function
 * member differently (feishu-plan-key.spec.ts feeds such values); one writer for all three keeps them one text.
 */
const HASH_FORMAT = 'canonical-rule/v4';

export function ruleContentHash(rule: CanonicalRule): string {
  return hash('sha256', `${HASH_FORMAT}\n${stableStringify(normalizeRule(rule))}`, 'hex');
}

/**
 * The hashes the previous formats gave the same rule, newest first: v3 (the words of "canonical-rule/v3" and
 * the canonical form), v2 (the words of "canonical-rule/v2" and the form before v3's fields: liveness a boolean,
 * one overtime switch, no reminder, rest-day policy or normal-punch remedy) and v1 (SHA-256 of
 * "canonical-rule/v1\n" and the stable JSON text of that same older form). Links last synced under an older
 * format still hold such a hash, so where a stored hash differs from the current one the rules syncs also
 * compare it with these. Where a newer format reads a field differently from the older gateway (e.g. Feishu's
 * silent liveness), the older hash does not match and the link syncs once: the target receives what it should
 * have had. Only on that path, never per group; rule-hash.pins.spec.ts holds all three to stored values.
 */
export function legacyRuleContentHashes(rule: CanonicalRule): readonly string[] {
  const canonical = normalizeRule(rule);
  const previous = previousShape(canonical);
  return [
    legacyWordsSha256('canonical-rule/v3', canonical),
    legacyWordsSha256('canonical-rule/v2', previous),
    hash('sha256', `canonical-rule/v1\n${stableStringify(previous)}`, 'hex'),
  ];
}

/** The canonical form as v1 and v2 knew it (member order as normalizeRule wrote it then). */
function previousShape(rule: CanonicalRule): Record<string, unknown> {
  const { overtime, punchReminder: _reminder, restDayPunch: _restDay, remedy, faceLiveness, ...rest } = rule;
  const { forNormal: _normal, ...previousRemedy } = remedy;
  return {
    ...rest,
    remedy: previousRemedy,
    faceLiveness: faceLiveness !== 'none',
    overtimeEnabled: overtime.workday === true || overtime.restDay === true || overtime.holiday === true,
  };
}
