import { createHash } from 'node:crypto';
import type { CanonicalRule } from './canonical-rule.js';
import { stableStringify } from './text.util.js';
import { normalizeRule } from './normalize-rule.js';

/*
 * Content hash of a rule, for change detection in the reconcile loop: the stored hash of what was last
 * written is compared with the hash of what the source says now. It is taken over the canonical form, so
 * vendor noise (array order, MAC case, coordinate float noise, explicit vs implicit rest days) never
 * changes it, and over every field of that form, so any meaningful change does.
 */

/**
 * Bumped when the serialisation (or the canonical form) changes meaning, so a stored hash from an older
 * version reads as "changed" (one extra write) instead of silently matching something else.
 */
const HASH_FORMAT = 'canonical-rule/v1';

export function ruleContentHash(rule: CanonicalRule): string {
  return createHash('sha256')
    .update(`${HASH_FORMAT}\n${stableStringify(normalizeRule(rule))}`)
    .digest('hex');
}
