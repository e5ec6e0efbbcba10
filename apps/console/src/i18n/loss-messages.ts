import { LOSS_CATALOGUE, type LossMessageEntry } from './loss-messages.catalogue.js';
import type { Groups } from './loss-messages.words.js';

/*
 * The console shows what a sync could not carry (losses) and what it did along the way (run item notes) in the
 * language chosen. The gateway writes them in English, built in code with the variable parts (ids, names, times,
 * counts, field names) inside; translateLoss renders one in Chinese by the catalogue (loss-messages.catalogue.ts),
 * carrying the variable parts over exactly. Pure: no React, no DOM, no i18next, never throws.
 */

export type LossLanguage = 'zh' | 'en';

/** A message in `language`: English as the gateway wrote it; Chinese by the catalogue, else the English text. */
export function translateLoss(message: string, language: LossLanguage): string {
  if (language === 'en' || typeof message !== 'string') return message;
  try {
    return toChinese(message) ?? message;
  } catch {
    // A template that fails on an unforeseen value must not take the page down: the English text is shown.
    return message;
  }
}

/** The catalogue entry that renders `message` in Chinese, with its groups, or null when none does. */
export function catalogueMatch(message: string): { entry: LossMessageEntry; groups: Groups; zh: string } | null {
  for (const entry of LOSS_CATALOGUE) {
    const match = entry.en.exec(message);
    if (match === null) continue;
    const groups: Groups = match.groups ?? {};
    const zh = entry.zh(groups);
    if (zh !== null) return { entry, groups, zh };
  }
  return null;
}

/**
 * What the engine wraps around another message: a punch loss met several times ("… (3 punches)",
 * punches.reconciler.ts), a refused rule's item error ("cannot be translated: <field>: <message>",
 * rule-sync.types.ts refusalReason), a person-day a vendor refused (the roster connectors' refusedDay, the reason a
 * vendor error) and an unreadable record's item error (unreadable-records.ts). Each is rendered only when the
 * message inside is.
 */
const WRAPPERS: readonly {
  readonly en: RegExp;
  readonly zh: (inner: string, groups: Groups) => string;
}[] = [
  {
    en: /^(?<inner>.+) \((?<count>\d+) punches\)$/s,
    zh: (inner, groups) => `${inner}（共 ${groups['count'] ?? ''} 条打卡）`,
  },
  {
    en: /^cannot be translated: (?<field>[^:]+): (?<inner>.+)$/s,
    zh: (inner, groups) => `无法转换：${groups['field'] ?? ''}：${inner}`,
  },
  // libs/connectors/src/*/…-rosters.connector.ts refusedDay: a person-day the vendor refused, with its reason.
  {
    en: /^Feishu refused the roster of (?<user>.+?) on this day: (?<inner>.+)$/s,
    zh: (inner, groups) => `飞书拒绝了 ${groups['user'] ?? ''} 这一天的排班：${inner}`,
  },
  {
    en: /^WeCom refused the schedule of (?<user>.+?) on this day: (?<inner>.+)$/s,
    zh: (inner, groups) => `企业微信拒绝了 ${groups['user'] ?? ''} 这一天的排班：${inner}`,
  },
  // apps/gateway/src/sync/engine/unreadable-records.ts: the item error of a record a vendor client set aside.
  {
    en: /^(?<inner>.+)\. Nothing was written for it; every other record was synced\. Correct the record in (?<vendor>Feishu|WeCom), or report it if the vendor answers it this way on its own\.$/s,
    zh: (inner, groups) =>
      `${inner}。没有为它写入任何内容，其他记录均已同步。请在${groups['vendor'] === 'Feishu' ? '飞书' : '企业微信'}中更正该记录；` +
      '如果是供应商自己这样返回的，请报告此问题。',
  },
];

function toChinese(message: string): string | null {
  for (const wrapper of WRAPPERS) {
    const match = wrapper.en.exec(message);
    const groups = match?.groups;
    if (!groups) continue;
    const inner = catalogueMatch(groups['inner'] ?? '');
    if (inner !== null) return wrapper.zh(inner.zh, groups);
  }
  return catalogueMatch(message)?.zh ?? null;
}
