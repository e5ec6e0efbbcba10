import type { Loss } from '@app/kernel';
import { REST_SHIFT, type DayKey, type RosterDay, type RosterWrite } from '@app/connectors';

export type { RosterDay, RosterWrite };

// The vendor-neutral roster diff: which person-days the target must be given so that it holds what the
// source holds. Pure; the roster connectors read both vendors into RosterDay lists and turn the writes into
// their calls.

/** The shift key of a rest day on both sides (REST_SHIFT of the connectors). */
export const REST = REST_SHIFT;

/** What a source id stands for on the target side, or why it cannot be carried over. */
export type Resolution = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly reason: string };

export interface RosterPlanInput {
  /** The source's roster in the window (source user ids and shift keys). */
  readonly source: readonly RosterDay[];
  /** The target's roster in the window (target user ids and shift keys). */
  readonly target: readonly RosterDay[];
  readonly user: (sourceUser: string) => Resolution;
  readonly shift: (sourceShift: string) => Resolution;
  /**
   * overwrite: the target day is set to the source's whatever it holds (one-way runs). fill: only days the
   * target has no roster for are written; a day both sides hold differently is reported and left alone
   * (two-way links in scheduled runs: without a roster history nothing says which side changed).
   */
  readonly mode: 'overwrite' | 'fill';
  /** Vendor names for messages, e.g. { source: 'Feishu', target: 'WeCom' }. */
  readonly names: { readonly source: string; readonly target: string };
}

export interface RosterPlan {
  /** Person-days to write, sorted by target user then day. */
  readonly writes: readonly RosterWrite[];
  /** Person-days the target already holds as the source does. */
  readonly unchanged: number;
  /** One per person-day that cannot be carried over, field `roster.<source user>.<day>`. */
  readonly losses: readonly Loss[];
  /** Whether the target held any day of these people in the window before (created vs updated). */
  readonly targetHadDays: boolean;
}

export function rosterField(sourceUser: string, day: DayKey): string {
  return `roster.${sourceUser}.${day}`;
}

export function planRoster(input: RosterPlanInput): RosterPlan {
  const { names } = input;
  const actual = new Map<string, string>();
  for (const entry of input.target) actual.set(`${entry.user}\u0000${entry.day}`, entry.shift);
  // One entry per person-day; a repeated source day (never expected) keeps its last value.
  const source = new Map<string, RosterDay>();
  for (const entry of input.source) source.set(`${entry.user}\u0000${entry.day}`, entry);

  const writes: RosterWrite[] = [];
  const losses: Loss[] = [];
  let unchanged = 0;
  let targetHadDays = false;
  const ordered = [...source.values()].sort((a, b) => compare(a.user, b.user) || compare(a.day, b.day));
  for (const entry of ordered) {
    const field = rosterField(entry.user, entry.day);
    const user = input.user(entry.user);
    if (!user.ok) {
      losses.push({ field, severity: 'dropped', message: user.reason, sourceValue: entry.shift });
      continue;
    }
    const shift = input.shift(entry.shift);
    if (!shift.ok) {
      losses.push({ field, severity: 'dropped', message: shift.reason, sourceValue: entry.shift });
      continue;
    }
    const current = actual.get(`${user.id}\u0000${entry.day}`);
    if (current !== undefined) targetHadDays = true;
    if (current === shift.id) {
      unchanged++;
      continue;
    }
    if (current !== undefined && input.mode === 'fill') {
      losses.push({
        field,
        severity: 'dropped',
        message:
          `${names.source} has ${describe(entry.shift)} and ${names.target} has ${describe(current)} on this day; ` +
          'on a two-way link a scheduled run only fills days one side lacks, so neither was changed. Run a ' +
          'one-way roster sync from the side that is right.',
        sourceValue: entry.shift,
        targetValue: current,
      });
      continue;
    }
    writes.push({ sourceUser: entry.user, user: user.id, day: entry.day, shift: shift.id });
  }
  writes.sort((a, b) => compare(a.user, b.user) || compare(a.day, b.day));
  return { writes, unchanged, losses, targetHadDays };
}

function describe(shift: string): string {
  return shift === REST ? 'a rest day' : `shift ${shift}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
