import type { FeishuRostersConnector, RosterShift, WecomRostersConnector } from '@app/connectors';
import type { ShiftLink } from '@app/mapping-store';
import type { IdResolver } from '@app/translation';

// Which Feishu shift is which WeCom schedule of one linked 排班 group. Pure.

/** Where a pair came from: recorded by the rules sync (shift_links), or derived (see derivedScheduleId). */
export type PairOrigin = 'link' | 'derived';

/** Feishu shift id ⇄ WeCom schedule_id, one to one, for one rule; the rest day (0 ⇄ "0") is implicit. */
export class ShiftScheduleMap {
  private readonly byFeishu = new Map<string, number>();
  private readonly byWecom = new Map<number, string>();
  private readonly origins = new Map<string, PairOrigin>();

  /** The working schedule ids of the rule (0, the rest day, excluded). */
  readonly scheduleIds: ReadonlySet<number>;
  /** Schedule id → its name in the rule, for messages. */
  readonly scheduleNames: ReadonlyMap<number, string>;

  /** `schedules`: the rule's working schedules, schedule id (as its RosterGroup names it) → name. */
  constructor(schedules: ReadonlyMap<string, string>) {
    const working = [...schedules].map(([id, name]) => [Number(id), name] as const).filter(([id]) => id !== 0);
    this.scheduleIds = new Set(working.map(([id]) => id));
    this.scheduleNames = new Map(working);
  }

  /**
   * Adds a pair unless either side is taken already (the first pair wins: recorded links are added before
   * derived ones) or the schedule is not in the rule. Returns whether it was added.
   */
  add(feishuShiftId: string, scheduleId: number, origin: PairOrigin): boolean {
    if (feishuShiftId === '0' || !this.scheduleIds.has(scheduleId)) return false;
    if (this.byFeishu.has(feishuShiftId) || this.byWecom.has(scheduleId)) return false;
    this.byFeishu.set(feishuShiftId, scheduleId);
    this.byWecom.set(scheduleId, feishuShiftId);
    this.origins.set(feishuShiftId, origin);
    return true;
  }

  /** The schedule of a Feishu shift ("0" → 0); undefined when none is known. */
  scheduleOf(feishuShiftId: string): number | undefined {
    return feishuShiftId === '0' ? 0 : this.byFeishu.get(feishuShiftId);
  }

  /** The Feishu shift of a schedule (0 → "0"); undefined when none is known. */
  shiftOf(scheduleId: number): string | undefined {
    return scheduleId === 0 ? '0' : this.byWecom.get(scheduleId);
  }

  get size(): number {
    return this.byFeishu.size;
  }

  countOf(origin: PairOrigin): number {
    return [...this.origins.values()].filter((value) => value === origin).length;
  }
}

/** The pairs the rules sync recorded for a link (WeCom → Feishu records them for 排班 rules). */
export function addRecordedLinks(map: ShiftScheduleMap, links: readonly ShiftLink[]): void {
  const ordered = [...links].sort((a, b) => Number(a.wecomKey) - Number(b.wecomKey));
  for (const link of ordered) {
    if (link.wecomKind !== 'schedule' || link.feishuShiftId === null) continue;
    const scheduleId = Number(link.wecomKey);
    if (!Number.isInteger(scheduleId)) continue;
    map.add(link.feishuShiftId, scheduleId, 'link');
  }
}

/**
 * The schedule_id the Feishu → WeCom rules sync gives `shift` in the rule it writes for Feishu group `groupId`
 * (read by the Feishu connector before): the rule translation assigns deterministic ids (the shift id itself
 * when it is a small positive integer, otherwise a hash of it), so translating the group with just this shift
 * yields that id. Null when either translation refuses. Only a collision between two shifts' hashes (≈ n²/2³²
 * for n shifts) would make the rule's id differ; the caller accepts an id only if the rule has that schedule.
 */
export function derivedScheduleId(
  feishu: FeishuRostersConnector,
  wecom: WecomRostersConnector,
  groupId: string,
  shift: RosterShift,
  resolver: IdResolver,
  nowUnixSeconds: number,
): number | null {
  const rule = feishu.ruleWithShift(groupId, shift);
  if (!rule) return null;
  // The schedule ids do not depend on the rule's name: the group's own one stands in for it.
  const scheduleId = wecom.scheduleIdFor(rule, { resolver, ruleName: rule.name, nowUnixSeconds });
  return scheduleId === null ? null : Number(scheduleId);
}
