import { characterCount, truncateCharacters } from './text.util.js';

/*
 * The WeCom groupname of a rule the gateway creates from a Feishu group is the group's own name (DESIGN.md:
 * "a WeCom rule for Feishu group X is named X"), cut to WeCom's limit. WeCom names need not be unique but
 * Feishu's need not be either, and a rule is found again by its name (add_checkin_option answers no id), so
 * two groups of one name cannot share it: the later one takes "X (2)", then "X (3)", and so on. Which of these
 * names a group gets is the sync's decision (which are held, and by whom); this file only lists them, in order.
 *
 * The limit: groupname "cannot be empty and contains a maximum of 40 characters" (wecom-checkin-option-rules.md,
 * 301093 "最大字符个数不超过40"), counted as code points as canonical-to-wecom.mapper.ts counts them. The name
 * part gives way to a suffix, never the suffix to the name.
 */

/** groupname: "cannot be empty and contains a maximum of 40 characters" (wecom-checkin-option-rules.md). */
export const WECOM_RULE_NAME_MAX_CHARACTERS = 40;

/** The highest numbered name tried ("X (50)"); beyond it a group's name is given up as taken. */
export const WECOM_RULE_NAME_LAST_NUMBER = 50;

/**
 * The names a rule for a source named `name` may carry, in the order they are tried: the name itself (trimmed
 * and cut to the limit, exactly as the translation writes it), then "name (2)" … "name (50)", each cut so its
 * suffix fits. Empty for a blank name (the translation refuses a rule without a name).
 */
export function wecomRuleNameCandidates(name: string): string[] {
  const base = name.trim();
  if (base === '') return [];
  const candidates = [truncateCharacters(base, WECOM_RULE_NAME_MAX_CHARACTERS)];
  for (let number = 2; number <= WECOM_RULE_NAME_LAST_NUMBER; number += 1) {
    const suffix = ` (${number})`;
    const room = WECOM_RULE_NAME_MAX_CHARACTERS - characterCount(suffix);
    candidates.push(`${truncateCharacters(base, room).trimEnd()}${suffix}`);
  }
  return candidates;
}

/** Whether the rule name `ruleName` is one of the candidates for a source named `name`. */
export function isWecomRuleNameFor(ruleName: string, name: string): boolean {
  return wecomRuleNameCandidates(name).includes(ruleName);
}
