import { createHash } from 'node:crypto';

/*
 * The WeCom groupname of a rule the gateway creates from a Feishu group. It is a pure function of the Feishu
 * group, so a run that crashed between "create in WeCom" and "record the link" finds its rule on the next
 * run by name and adopts it instead of creating a second one (DESIGN.md, crash-safe writes).
 *
 * Shape: "<Feishu group name, shortened>·fs<Feishu group id in base 36>".
 *  - The id suffix makes the name unique per Feishu group even when two groups share a display name, and
 *    survives any shortening of the display part. Base 36 writes a 19-digit Feishu id in at most 13
 *    characters and is reversible, so the name also says which group it came from.
 *  - An id that is not a canonical decimal number (never seen from Feishu, but ids are strings) gets
 *    "·fh<12 hex of its sha256>" instead: still stable, unique in practice, not reversible.
 *  - WeCom's limit is 40 characters (groupname, wecom-checkin-option-rules.md: "最大字符个数不超过40"),
 *    counted as code points as the emulator does; the display part gives way, never the suffix.
 */

/** groupname: "cannot be empty and contains a maximum of 40 characters" (wecom-checkin-option-rules.md). */
export const WECOM_GROUPNAME_MAX_CHARACTERS = 40;

const SEPARATOR = '·';
const NUMERIC_MARK = 'fs';
const HASHED_MARK = 'fh';
/** Canonical decimal: no sign, no leading zero (so "0123" and "123" cannot collide through BigInt). */
const CANONICAL_DECIMAL = /^(0|[1-9]\d*)$/;
/** 21 base-36 characters cover Feishu's longest accepted id (32 decimal digits, feishuNumericIdSchema). */
const GATEWAY_SUFFIX = /·(fs[0-9a-z]{1,21}|fh[0-9a-f]{12})$/u;

export function wecomRuleNameFor(source: { readonly name: string; readonly feishuGroupId: string }): string {
  const suffix = `${SEPARATOR}${idTag(source.feishuGroupId)}`;
  const room = WECOM_GROUPNAME_MAX_CHARACTERS - [...suffix].length;
  const display = [...source.name].slice(0, room).join('');
  return `${display}${suffix}`;
}

/** Whether `name` has the shape wecomRuleNameFor gives (the rule is one the gateway created). */
export function isGatewayRuleName(name: string): boolean {
  return [...name].length <= WECOM_GROUPNAME_MAX_CHARACTERS && GATEWAY_SUFFIX.test(name);
}

/** The Feishu group id a gateway rule name was made from, or null (not a gateway name, or a hashed id). */
export function feishuGroupIdFromRuleName(name: string): string | null {
  if (!isGatewayRuleName(name)) return null;
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
