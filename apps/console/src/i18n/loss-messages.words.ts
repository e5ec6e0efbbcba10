// The small English phrases the loss messages are assembled from (vendor names, durations, clock times, lists
// of kinds of day, reminder phrases …), each rendered in Chinese. Used by the catalogue's Chinese templates
// (loss-messages.catalogue.ts). Pure: no React, no DOM, no i18next.

/** Named groups of a matched English message. */
export type Groups = Readonly<Record<string, string | undefined>>;

/** A group's text ('' when the group did not take part in the match). */
export function text(groups: Groups, name: string): string {
  return groups[name] ?? '';
}

const VENDORS: Readonly<Record<string, string>> = {
  Feishu: '飞书',
  WeCom: '企业微信',
  feishu: '飞书',
  wecom: '企业微信',
};

/** "Feishu" / "WeCom" (also the lower-case vendor keys) → 飞书 / 企业微信. */
export function vendor(name: string): string {
  return VENDORS[name] ?? name;
}

/** A phrase from a closed set, or null (the entry then does not match and the next one is tried). */
export function lookup(table: Readonly<Record<string, string>>, key: string): string | null {
  return Object.hasOwn(table, key) ? (table[key] as string) : null;
}

const UNITS: Readonly<Record<string, string>> = { h: '小时', min: '分钟', s: '秒', m: '米' };

/** "1 h", "30 min", "45 s" (durationText), "300 m" → "1 小时", "30 分钟", "45 秒", "300 米"; anything else as is. */
export function duration(value: string): string {
  const match = /^(?<amount>\S+) (?<unit>h|min|s|m)$/.exec(value);
  if (!match?.groups) return value;
  return `${match.groups['amount']} ${UNITS[match.groups['unit'] as string]}`;
}

/** A clock time as clockText writes it: "09:00", or "01:30 (next day)" → "次日 01:30". */
export function clock(value: string): string {
  const match = /^(?<time>.+) \(next day\)$/.exec(value);
  return match?.groups ? `次日 ${match.groups['time']}` : value;
}

/** "09:00–18:00 (next day)"-style spans: each end through clock(). */
export function span(value: string): string {
  const parts = value.split('–');
  return parts.length === 2 ? `${clock(parts[0] as string)}–${clock(parts[1] as string)}` : value;
}

const DAY_KINDS: Readonly<Record<string, string>> = {
  workdays: '工作日',
  'rest days': '休息日',
  holidays: '节假日',
};

/** "workdays", "workdays and holidays", "workdays, rest days and holidays" → 工作日、休息日和节假日. */
export function dayKinds(value: string): string {
  const names = value.split(/, | and /);
  const rendered = names.map((name) => DAY_KINDS[name] ?? name);
  if (rendered.length <= 1) return rendered.join('');
  return `${rendered.slice(0, -1).join('、')}和${rendered[rendered.length - 1]}`;
}

/** "a, b and 3 more" (listForMessage) → "a, b 等（另有 3 个）"; the ids themselves are kept. */
export function list(value: string): string {
  const match = /^(?<shown>.*) and (?<more>\d+) more$/.exec(value);
  return match?.groups ? `${match.groups['shown']}，另有 ${match.groups['more']} 个` : value;
}

const WEEKDAYS: Readonly<Record<string, string>> = {
  Monday: '周一',
  Tuesday: '周二',
  Wednesday: '周三',
  Thursday: '周四',
  Friday: '周五',
  Saturday: '周六',
  Sunday: '周日',
};

export function weekday(value: string): string {
  return WEEKDAYS[value] ?? value;
}

/**
 * A reminder phrase of the WeCom mappers: "10 min before work", "at the start of work", "no clock-in reminder",
 * "1 h after work", "at the end of work", "no clock-out reminder", joined by ", " (reader) or " and " (writer).
 */
export function reminder(value: string): string {
  return value
    .split(/, | and /)
    .map((part) => {
      if (part === 'at the start of work') return '上班时提醒';
      if (part === 'at the end of work') return '下班时提醒';
      if (part === 'no clock-in reminder') return '无上班打卡提醒';
      if (part === 'no clock-out reminder') return '无下班打卡提醒';
      const before = /^(?<amount>.+) before work$/.exec(part);
      if (before?.groups) return `上班前 ${duration(before.groups['amount'] as string)}提醒`;
      const after = /^(?<amount>.+) after work$/.exec(part);
      if (after?.groups) return `下班后 ${duration(after.groups['amount'] as string)}提醒`;
      return part;
    })
    .join('、');
}

/**
 * The punch-window bounds of the WeCom reader (readWindow): "clock-in from 1 h before work, from 08:00",
 * "clock-out until 2 h after work, until 20:00", "clock-in from 08:00", "clock-in until 12:00", "clock-out from
 * 12:00", "clock-out until 19:00", "clock-in from 4 h before work (limit_aheadtime)", "clock-out until 2 h after
 * work (limit_offtime)".
 */
export function windowBound(value: string): string {
  const carriedIn = /^clock-in from (?<amount>.+) before work, from (?<at>.+)$/.exec(value);
  if (carriedIn?.groups) {
    return `上班前 ${duration(text(carriedIn.groups, 'amount'))}起可上班打卡，即 ${clock(text(carriedIn.groups, 'at'))} 起`;
  }
  const carriedOut = /^clock-out until (?<amount>.+) after work, until (?<at>.+)$/.exec(value);
  if (carriedOut?.groups) {
    return `下班后 ${duration(text(carriedOut.groups, 'amount'))}内可下班打卡，即至 ${clock(text(carriedOut.groups, 'at'))}`;
  }
  const legacyIn = /^clock-in from (?<amount>.+) before work \(limit_aheadtime\)$/.exec(value);
  if (legacyIn?.groups) return `上班前 ${duration(text(legacyIn.groups, 'amount'))}起可上班打卡（limit_aheadtime）`;
  const legacyOut = /^clock-out until (?<amount>.+) after work \(limit_offtime\)$/.exec(value);
  if (legacyOut?.groups) return `下班后 ${duration(text(legacyOut.groups, 'amount'))}内可下班打卡（limit_offtime）`;
  const bound = /^clock-(?<side>in|out) (?<edge>from|until) (?<at>.+)$/.exec(value);
  if (bound?.groups) {
    const side = bound.groups['side'] === 'in' ? '上班打卡' : '下班打卡';
    const at = clock(text(bound.groups, 'at'));
    return bound.groups['edge'] === 'from' ? `${side}最早 ${at}` : `${side}最晚 ${at}`;
  }
  return value;
}
