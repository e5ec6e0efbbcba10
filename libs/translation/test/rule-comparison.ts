import type { CanonicalRule, IsoWeekday, Shift } from '../src/canonical/canonical-rule.js';
import { normalizeRule } from '../src/canonical/normalize-rule.js';
import { stableStringify } from '../src/canonical/text.util.js';

/*
 * Round-trip comparison helpers. A vendor does not carry every canonical field (e.g. WeCom fixed rules have
 * no shift objects, so no shift keys or names); the identity properties compare everything else. Each
 * "not carried" option below names exactly one field family, so the properties state precisely what is
 * excused.
 */

export interface NotCarried {
  /** Shift keys are vendor identities (WeCom schedule_id / layout key, Feishu shift_id): compared by content. */
  readonly shiftKeys?: boolean;
  /** Shift names (WeCom fixed rules have none). */
  readonly shiftNames?: boolean;
  /** Special-offday notes (Feishu special days have no note). */
  readonly specialOffdayNotes?: boolean;
  /** The punch reminder (WeCom keeps reminders on time sections, and a free rule has none). */
  readonly punchReminder?: boolean;
}

/**
 * The rule in canonical form with the excused fields blanked, and shift keys (when excused) replaced by
 * "shift-<n>" in content order, with the week and special-workday references renamed to match.
 */
export function comparable(rule: CanonicalRule, notCarried: NotCarried): CanonicalRule {
  let shifts: readonly Shift[] = rule.shifts.map((shift) => ({
    ...shift,
    name: notCarried.shiftNames ? '' : shift.name,
  }));
  let rename = (key: string): string => key;
  if (notCarried.shiftKeys) {
    const byContent = [...shifts]
      .map((shift) => ({
        shift,
        content: stableStringify({ ...normalizeRule(withShift(rule, shift)).shifts[0], key: '' }),
      }))
      .sort((a, b) => (a.content < b.content ? -1 : a.content > b.content ? 1 : 0));
    const names = new Map<string, string>();
    byContent.forEach(({ shift }, index) => names.set(shift.key, `shift-${index}`));
    rename = (key) => names.get(key) ?? `unknown:${key}`;
    shifts = byContent.map(({ shift }) => ({ ...shift, key: rename(shift.key) }));
  }
  const week: Partial<Record<IsoWeekday, string | null>> = {};
  for (const [day, key] of Object.entries(rule.week) as [string, string | null | undefined][]) {
    if (key !== undefined) week[Number(day) as IsoWeekday] = key === null ? null : rename(key);
  }
  return normalizeRule({
    ...rule,
    shifts,
    week,
    specialWorkdays: rule.specialWorkdays.map((day) => ({
      ...day,
      shiftKey: day.shiftKey === null ? null : rename(day.shiftKey),
    })),
    specialOffdays: rule.specialOffdays.map((day) => ({ ...day, note: notCarried.specialOffdayNotes ? '' : day.note })),
    punchReminder: notCarried.punchReminder ? null : rule.punchReminder,
  });
}

function withShift(rule: CanonicalRule, shift: Shift): CanonicalRule {
  return { ...rule, shifts: [shift] };
}
