import type { ShiftLink } from '@app/mapping-store';
import { REST } from './roster-plan.js';
import type { RosterSide } from './roster-sides.js';

// Which source shift is which target shift in one linked 排班 group, in the keys of a run's two sides. Pure.

/** Where a pair came from: recorded by the rules sync (shift_links), or derived (a side's derivedShiftKey). */
export type PairOrigin = 'link' | 'derived';

/** Source shift key ⇄ target shift key, one to one, for one link; the rest day (REST ⇄ REST) is implicit. */
export class ShiftPairs {
  private readonly bySource = new Map<string, string>();
  private readonly byTarget = new Map<string, string>();
  private readonly origins = new Map<string, PairOrigin>();

  /**
   * `source`, `target`: the working shifts each group offers (key → name) when it lists them; a pair takes only
   * keys a listing side offers (null: the side does not list them, any key may pair).
   */
  constructor(
    private readonly source: ReadonlyMap<string, string> | null,
    private readonly target: ReadonlyMap<string, string> | null,
  ) {}

  /**
   * Adds a pair unless either key is taken already (the first pair wins: recorded links are added before
   * derived ones), is the rest day, or is not among the shifts its side offers. Returns whether it was added.
   */
  add(sourceKey: string, targetKey: string, origin: PairOrigin): boolean {
    if (!offers(this.source, sourceKey) || !offers(this.target, targetKey)) return false;
    if (this.bySource.has(sourceKey) || this.byTarget.has(targetKey)) return false;
    this.bySource.set(sourceKey, targetKey);
    this.byTarget.set(targetKey, sourceKey);
    this.origins.set(sourceKey, origin);
    return true;
  }

  /** The target key of a source key (REST → REST); undefined when none is known. */
  targetOf(sourceKey: string): string | undefined {
    return sourceKey === REST ? REST : this.bySource.get(sourceKey);
  }

  /** The source key of a target key (REST → REST); undefined when none is known. */
  sourceOf(targetKey: string): string | undefined {
    return targetKey === REST ? REST : this.byTarget.get(targetKey);
  }

  /** Whether a source key could still pair: the source side offers it (or lists no shifts). */
  sourceOffers(sourceKey: string): boolean {
    return offers(this.source, sourceKey);
  }

  get size(): number {
    return this.bySource.size;
  }

  countOf(origin: PairOrigin): number {
    return [...this.origins.values()].filter((value) => value === origin).length;
  }
}

function offers(shifts: ReadonlyMap<string, string> | null, key: string): boolean {
  return key !== REST && (shifts === null || shifts.has(key));
}

/**
 * The pairs the rules sync recorded for a link (shift_links), in each side's keys, in the sides' key order
 * (source, then target): where two links claim one shift, the first in that order keeps it.
 */
export function addRecordedPairs(
  pairs: ShiftPairs,
  links: readonly ShiftLink[],
  source: RosterSide,
  target: RosterSide,
): void {
  const recorded = links.flatMap((link) => {
    const sourceKey = source.recordedShiftKey(link);
    const targetKey = target.recordedShiftKey(link);
    return sourceKey === null || targetKey === null ? [] : [{ sourceKey, targetKey }];
  });
  recorded.sort(
    (a, b) => source.compareShiftKeys(a.sourceKey, b.sourceKey) || target.compareShiftKeys(a.targetKey, b.targetKey),
  );
  for (const { sourceKey, targetKey } of recorded) pairs.add(sourceKey, targetKey, 'link');
}
