import { createHash } from 'node:crypto';
import { WECOM_RULE_NAME_MAX_CHARACTERS as WECOM_GROUPNAME_MAX_CHARACTERS } from './plain-rule-names.js';

/*
 * The WeCom groupname the gateway gave the rules it created before rules carried their plain names
 * (plain-rule-names.ts): "<Feishu group name, shortened>·fs<Feishu group id in base 36>", or "·fh<12 hex of the
 * id's sha256>" for an id that is not a canonical decimal number. Nobody gave a rule such a name, so nothing
 * creates one any more; what is kept recognises the rules that still carry it: the Feishu → WeCom sync renames
 * them to their plain names on its next run, WeCom → Feishu reads their names without the tag, and the tests
 * make such rules to show both.
 *  - WeCom's limit is 40 characters (groupname, wecom-checkin-option-rules.md: "最大字符个数不超过40"),
 *    counted as code points as the emulator does; the display part gave way, never the suffix.
 */

const SEPARATOR = '·';
const NUMERIC_MARK = 'fs';
const HASHED_MARK = 'fh';
/** Canonical decimal: no sign, no leading zero (so "0123" and "123" cannot collide through BigInt). */
const CANONICAL_DECIMAL = /^(0|[1-9]\d*)$/;
/** 21 base-36 characters cover Feishu's longest accepted id (32 decimal digits, feishuNumericIdSchema). */
const GATEWAY_SUFFIX = /·(fs[0-9a-z]{1,21}|fh[0-9a-f]{12})$/u;

/** The name the gateway gave a rule made from the group before plain names. */
export function legacyWecomRuleNameFor(source: { readonly name: string; readonly feishuGroupId: string }): string {
  const suffix = `${SEPARATOR}${idTag(source.feishuGroupId)}`;
  const room = WECOM_GROUPNAME_MAX_CHARACTERS - [...suffix].length;
  const display = [...source.name].slice(0, room).join('');
  return `${display}${suffix}`;
}

/** Whether `name` has the shape legacyWecomRuleNameFor gives (the rule is one the gateway created). */
export function isLegacyGatewayRuleName(name: string): boolean {
  return [...name].length <= WECOM_GROUPNAME_MAX_CHARACTERS && GATEWAY_SUFFIX.test(name);
}

/** A legacy gateway name without its tag (the group's name as it was then, maybe shortened); others unchanged. */
export function withoutLegacyRuleNameTag(name: string): string {
  if (!isLegacyGatewayRuleName(name)) return name;
  return name.replace(GATEWAY_SUFFIX, '') || name;
}

/** The Feishu group id a gateway rule name was made from, or null (not a gateway name, or a hashed id). */
export function feishuGroupIdFromLegacyRuleName(name: string): string | null {
  if (!isLegacyGatewayRuleName(name)) return null;
  const tag = GATEWAY_SUFFIX.exec(name)?.[1] ?? '';
  if (!tag.startsWith(NUMERIC_MARK)) return null;
  return parseBase36(tag.slice(NUMERIC_MARK.length)).toString(10);
}

function idTag(feishuGroupId: string): string {
  if (CANONICAL_DECIMAL.test(feishuGroupId) && feishuGroupId.length <= 32) {
    return `${NUMERIC_MARK}${BigInt(feishuGroupId).toString(36)}`;
  }
  return `${HASHED_MARK}${createHash('sha256').update(feishuGroupId).digest('hex').slice(0, 12)}`;
}

function parseBase36(text: string): bigint {
  let value = 0n;
  for (const character of text) value = value * 36n + BigInt(Number.parseInt(character, 36));
  return value;
}
