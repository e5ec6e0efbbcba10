import {
  matchReasonText,
  type MappingOrigin,
  type MatchEvidence,
  type MatchReason,
  type MatchReasonCode,
  type MatchReasonParams,
  type MatchStatus,
} from '@app/kernel';

// What people and departments share once candidates are found (issue 21): hand-made mappings win, decisions
// stay, a WeCom id claimed twice is ambiguous, and a pair whose side left is unmapped. Pure: no I/O, no clock.

/** A mapping as the store lists it (OriginPair of libs/mapping-store). */
export interface ExistingMapping {
  readonly feishu: string;
  readonly wecom: string;
  readonly origin: MappingOrigin;
  readonly matchedBy: MatchEvidence | null;
}

/** One candidate pair of a match: ids and evidence only. */
export interface MatchCandidatePair {
  readonly feishuId?: string;
  readonly wecomId?: string;
  readonly matchedBy: MatchEvidence;
}

/**
 * A match the store holds (IdentityMatch of libs/mapping-store fits): only `accepted` and `rejected` ones are
 * read, the rest is what this run replaces.
 */
export interface PreviousMatch {
  readonly feishuId: string | null;
  readonly wecomId: string | null;
  readonly status: MatchStatus;
  readonly matchedBy: MatchEvidence | null;
  readonly candidates?: readonly MatchCandidatePair[];
  readonly reason?: string | null;
  readonly reasonCode?: MatchReasonCode | null;
  readonly reasonParams?: MatchReasonParams | null;
  readonly decidedBy?: 'auto' | 'operator' | null;
}

/**
 * One person's or department's result, usable as a run item and as an identity match entry of the store: a pair
 * (`proposed`, `accepted`, `rejected`), the candidates of an `ambiguous` one, or an `unmatched` one (a WeCom-only
 * result has no Feishu id). `reason` says why in a few words of English for HR, never an email or a mobile.
 */
export interface MatchResult {
  readonly feishuId: string | null;
  readonly wecomId: string | null;
  readonly status: MatchStatus;
  readonly matchedBy: MatchEvidence | null;
  readonly candidates: readonly MatchCandidatePair[];
  readonly reason: string;
  /** `reason` as a code and its parameters (MATCH_REASON_CODES); null on a decision kept from before codes. */
  readonly reasonCode: MatchReasonCode | null;
  readonly reasonParams: MatchReasonParams | null;
  readonly decidedBy: 'auto' | 'operator' | null;
  /** The store holds this decision already (an accepted or rejected match this run leaves as it was). */
  readonly kept: boolean;
}

/** A pair to write or remove as a match-made mapping. */
export interface MappingChange {
  readonly feishu: string;
  readonly wecom: string;
  readonly matchedBy: MatchEvidence;
  readonly reason: string;
}

/** A match-made mapping to remove, with why. */
export interface MappingRemoval {
  readonly feishu: string;
  readonly wecom: string;
  readonly matchedBy: MatchEvidence | null;
  readonly reason: string;
}

export interface MatchOutcome {
  /** Every result, by Feishu id then WeCom id: the entries of IdentityMatchRepository.replace. */
  readonly results: readonly MatchResult[];
  /** Accepted pairs without their mapping yet (auto-accepted now, or accepted earlier and not mapped). */
  readonly toMap: readonly MappingChange[];
  /** Match-made mappings whose person or department left or is gone on either side. */
  readonly toUnmap: readonly MappingRemoval[];
  /** Hand-made mappings in the same case: kept (an operator's word), reported. */
  readonly manualKept: readonly { readonly feishu: string; readonly wecom: string; readonly reason: string }[];
  /** Feishu ids whose decided matches are moot (gone, or mapped by hand since): IdentityMatchRepository.forget. */
  readonly forget: readonly string[];
}

/** What a search found for one Feishu id at its first attribute (or basis) with a candidate. */
export type Search =
  | {
      readonly basis: MatchEvidence;
      /** The WeCom ids the value names (active ones, at least one). */
      readonly wecomIds: readonly string[];
      /** The Feishu ids the same value names, this one included. */
      readonly feishuIds: readonly string[];
    }
  | { readonly none: MatchReason };

export interface SettleInput {
  readonly noun: 'person' | 'department';
  /** The Feishu ids that may be matched (active), in the order they are searched. */
  readonly feishu: readonly string[];
  /** The WeCom ids that may be matched (active). */
  readonly wecom: readonly string[];
  /** Why an id is not matchable, when it is listed but not active (absent: gone from the directory). */
  readonly inactiveFeishu: ReadonlySet<string>;
  readonly inactiveWecom: ReadonlySet<string>;
  readonly mappings: readonly ExistingMapping[];
  readonly previous: readonly PreviousMatch[];
  readonly autoAccept: boolean;
  /**
   * The search for one Feishu id. `pairOf` answers the WeCom id a Feishu id is paired with so far (mapped, accepted,
   * or uniquely found earlier in this run): how a department finds its parent's counterpart.
   */
  readonly search: (feishuId: string, pairOf: (feishuId: string) => string | undefined) => Search;
}

const byIds = (a: { feishuId: string | null; wecomId: string | null }, b: typeof a): number =>
  compareNullLast(a.feishuId, b.feishuId) || compareNullLast(a.wecomId, b.wecomId);

function compareNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** A result's reason fields from a code and its parameters. */
function reasonOf(
  noun: 'person' | 'department',
  code: MatchReasonCode,
  params: MatchReasonParams = {},
): Pick<MatchResult, 'reason' | 'reasonCode' | 'reasonParams'> {
  return {
    reason: matchReasonText({ code, params }, noun === 'person' ? 'user' : 'department'),
    reasonCode: code,
    reasonParams: params,
  };
}

/** A kept decision's reason as the store holds it, or `fallback` when it holds none. */
function keptReason(
  previous: PreviousMatch,
  fallback: Pick<MatchResult, 'reason' | 'reasonCode' | 'reasonParams'>,
): Pick<MatchResult, 'reason' | 'reasonCode' | 'reasonParams'> {
  if (!previous.reason) return fallback;
  return {
    reason: previous.reason,
    reasonCode: previous.reasonCode ?? null,
    reasonParams: previous.reasonCode ? (previous.reasonParams ?? {}) : null,
  };
}

/** The results of one kind of match, from the searches and what the store already holds. */
export function settleMatches(input: SettleInput): MatchOutcome {
  const { noun } = input;
  const because = (code: MatchReasonCode, params?: MatchReasonParams) => reasonOf(noun, code, params);
  const activeFeishu = new Set(input.feishu);
  const activeWecom = new Set(input.wecom);
  const whyNot = (vendor: 'Feishu' | 'WeCom', id: string): string => {
    const inactive = vendor === 'Feishu' ? input.inactiveFeishu : input.inactiveWecom;
    return inactive.has(id)
      ? `the ${vendor} ${noun} ${id} left or is disabled`
      : `the ${vendor} ${noun} ${id} is no longer in the directory`;
  };

  // Mappings: hand-made ones hold their ids whatever happens; match-made ones whose side left are unmapped.
  const manualByFeishu = new Map<string, string>();
  const manualByWecom = new Map<string, string>();
  const matchByFeishu = new Map<string, ExistingMapping>();
  const matchByWecom = new Map<string, string>();
  const toUnmap: MappingRemoval[] = [];
  const manualKept: { feishu: string; wecom: string; reason: string }[] = [];
  for (const mapping of input.mappings) {
    const gone = !activeFeishu.has(mapping.feishu)
      ? whyNot('Feishu', mapping.feishu)
      : !activeWecom.has(mapping.wecom)
        ? whyNot('WeCom', mapping.wecom)
        : null;
    if (mapping.origin === 'manual') {
      manualByFeishu.set(mapping.feishu, mapping.wecom);
      manualByWecom.set(mapping.wecom, mapping.feishu);
      if (gone)
        manualKept.push({ feishu: mapping.feishu, wecom: mapping.wecom, reason: `${gone}; mapped by hand, kept` });
    } else if (gone) {
      toUnmap.push({ feishu: mapping.feishu, wecom: mapping.wecom, matchedBy: mapping.matchedBy, reason: gone });
    } else {
      matchByFeishu.set(mapping.feishu, mapping);
      matchByWecom.set(mapping.wecom, mapping.feishu);
    }
  }

  const decided = new Map<string, PreviousMatch>();
  for (const match of input.previous) {
    if (match.feishuId !== null && (match.status === 'accepted' || match.status === 'rejected')) {
      decided.set(match.feishuId, match);
    }
  }
  const forget = [...decided.keys()].filter((id) => !activeFeishu.has(id) || manualByFeishu.has(id));

  const results: MatchResult[] = [];
  const toMap: MappingChange[] = [];
  /** Feishu id → WeCom id of every accepted pair (kept or new), and the reverse. */
  const acceptedByFeishu = new Map<string, string>();
  const acceptedByWecom = new Map<string, string>();
  const accept = (result: MatchResult, mapped: boolean): void => {
    results.push(result);
    acceptedByFeishu.set(result.feishuId!, result.wecomId!);
    acceptedByWecom.set(result.wecomId!, result.feishuId!);
    if (!mapped) {
      toMap.push({
        feishu: result.feishuId!,
        wecom: result.wecomId!,
        matchedBy: result.matchedBy!,
        reason: result.reason,
      });
    }
  };

  // Decisions first: a valid match-made mapping or an accepted match stays; a rejected one is not asked again.
  const toSearch: string[] = [];
  const rejectedWecom = new Set<string>();
  for (const feishuId of input.feishu) {
    if (manualByFeishu.has(feishuId)) continue;
    const previous = decided.get(feishuId);
    const mapping = matchByFeishu.get(feishuId);
    if (mapping?.matchedBy) {
      const same = previous?.status === 'accepted' && previous.wecomId === mapping.wecom;
      accept(
        {
          feishuId,
          wecomId: mapping.wecom,
          status: 'accepted',
          matchedBy: mapping.matchedBy,
          candidates: same ? (previous.candidates ?? []) : [],
          ...(same
            ? keptReason(previous, because('same_value', { basis: mapping.matchedBy }))
            : because('same_value', { basis: mapping.matchedBy })),
          decidedBy: same ? (previous.decidedBy ?? 'auto') : 'auto',
          kept: same,
        },
        true,
      );
    } else if (
      previous?.status === 'accepted' &&
      previous.wecomId !== null &&
      previous.matchedBy !== null &&
      activeWecom.has(previous.wecomId) &&
      !manualByWecom.has(previous.wecomId) &&
      (matchByWecom.get(previous.wecomId) ?? feishuId) === feishuId
    ) {
      accept(
        {
          feishuId,
          wecomId: previous.wecomId,
          status: 'accepted',
          matchedBy: previous.matchedBy,
          candidates: previous.candidates ?? [],
          ...keptReason(previous, because('same_value', { basis: previous.matchedBy })),
          decidedBy: previous.decidedBy ?? 'auto',
          kept: true,
        },
        false,
      );
    } else if (previous?.status === 'rejected') {
      if (previous.wecomId !== null) rejectedWecom.add(previous.wecomId);
      results.push({
        feishuId,
        wecomId: previous.wecomId,
        status: 'rejected',
        matchedBy: previous.matchedBy,
        candidates: previous.candidates ?? [],
        ...keptReason(previous, because('rejected')),
        decidedBy: previous.decidedBy ?? 'operator',
        kept: true,
      });
    } else {
      toSearch.push(feishuId);
    }
  }

  // The searches, in the caller's order; a unique find is tentative until every claim on its WeCom id is known.
  const claims = new Map<string, { feishuId: string; basis: MatchEvidence }[]>();
  const firstClaim = new Map<string, string>();
  const pairOf = (feishuId: string): string | undefined =>
    manualByFeishu.get(feishuId) ?? acceptedByFeishu.get(feishuId) ?? firstClaim.get(feishuId);
  const holderOf = (wecomId: string, feishuId: string): { manual: boolean; feishuId: string } | null => {
    const manual = manualByWecom.get(wecomId);
    if (manual !== undefined && manual !== feishuId) return { manual: true, feishuId: manual };
    const accepted = acceptedByWecom.get(wecomId);
    if (accepted !== undefined && accepted !== feishuId) return { manual: false, feishuId: accepted };
    return null;
  };
  const seenWecom = new Set<string>();
  for (const feishuId of toSearch) {
    const found = input.search(feishuId, pairOf);
    if ('none' in found) {
      results.push(unmatched(feishuId, null, because(found.none.code, found.none.params)));
      continue;
    }
    for (const wecomId of found.wecomIds) seenWecom.add(wecomId);
    const wecomIds = [...new Set(found.wecomIds)].sort();
    const feishuIds = [...new Set([feishuId, ...found.feishuIds])].sort();
    const held = wecomIds.map((wecomId) => [wecomId, holderOf(wecomId, feishuId)] as const).filter(([, h]) => h);
    // Only hand-made holders are named among candidates: they are the same on every run, so a second run over
    // the first one's decisions words its ambiguous results the same.
    const manualHolders = wecomIds
      .filter((wecomId) => (manualByWecom.get(wecomId) ?? feishuId) !== feishuId)
      .map((wecomId) => ({ wecomId, feishuId: manualByWecom.get(wecomId)! }));
    if (feishuIds.length > 1 || wecomIds.length > 1) {
      const who =
        feishuIds.length > 1
          ? because('shared_by_feishu', {
              count: feishuIds.length,
              basis: found.basis,
              ...(manualHolders.length > 0 ? { manualHolders } : {}),
            })
          : because('shared_by_wecom', {
              count: wecomIds.length,
              basis: found.basis,
              ...(manualHolders.length > 0 ? { manualHolders } : {}),
            });
      results.push({
        feishuId,
        wecomId: null,
        status: 'ambiguous',
        matchedBy: null,
        candidates: feishuIds.flatMap((f) =>
          wecomIds.map((w) => ({ feishuId: f, wecomId: w, matchedBy: found.basis })),
        ),
        ...who,
        decidedBy: null,
        kept: false,
      });
      continue;
    }
    const wecomId = wecomIds[0]!;
    if (held.length > 0) {
      const [, holder] = held[0]!;
      results.push({
        ...unmatched(
          feishuId,
          null,
          because(holder!.manual ? 'held_by_manual' : 'held_by_match', {
            basis: found.basis,
            wecomId,
            feishuId: holder!.feishuId,
          }),
        ),
        candidates: [{ feishuId, wecomId, matchedBy: found.basis }],
      });
      continue;
    }
    const claim = { feishuId, basis: found.basis };
    const earlier = claims.get(wecomId);
    if (earlier) earlier.push(claim);
    else claims.set(wecomId, [claim]);
    if (!firstClaim.has(feishuId)) firstClaim.set(feishuId, wecomId);
  }

  // One claim is a pair; more than one on the same WeCom id are all ambiguous.
  for (const [wecomId, claimants] of claims) {
    if (claimants.length > 1) {
      const candidates = claimants.map((c) => ({ feishuId: c.feishuId, wecomId, matchedBy: c.basis }));
      for (const claimant of claimants) {
        results.push({
          feishuId: claimant.feishuId,
          wecomId: null,
          status: 'ambiguous',
          matchedBy: null,
          candidates,
          ...because('claimed_by_many', { wecomId, count: claimants.length }),
          decidedBy: null,
          kept: false,
        });
      }
      continue;
    }
    const { feishuId, basis } = claimants[0]!;
    const reason = because('same_value', { basis });
    if (input.autoAccept) {
      accept(
        {
          feishuId,
          wecomId,
          status: 'accepted',
          matchedBy: basis,
          candidates: [],
          ...reason,
          decidedBy: 'auto',
          kept: false,
        },
        false,
      );
    } else {
      results.push({
        feishuId,
        wecomId,
        status: 'proposed',
        matchedBy: basis,
        candidates: [],
        ...reason,
        decidedBy: null,
        kept: false,
      });
    }
  }

  // The WeCom side's own unmatched: active, not mapped, not found by anyone.
  const claimedWecom = new Set([...claims.keys(), ...seenWecom, ...acceptedByWecom.keys(), ...manualByWecom.keys()]);
  for (const wecomId of input.wecom) {
    if (claimedWecom.has(wecomId)) continue;
    claimedWecom.add(wecomId);
    results.push(
      unmatched(null, wecomId, because(rejectedWecom.has(wecomId) ? 'rejected_no_other' : 'no_feishu_found')),
    );
  }

  results.sort(byIds);
  const byPair = (a: { feishu: string; wecom: string }, b: typeof a) =>
    a.feishu < b.feishu ? -1 : a.feishu > b.feishu ? 1 : 0;
  return {
    results,
    toMap: toMap.sort(byPair),
    toUnmap: toUnmap.sort(byPair),
    manualKept: manualKept.sort(byPair),
    forget: forget.sort(),
  };
}

function unmatched(
  feishuId: string | null,
  wecomId: string | null,
  reason: Pick<MatchResult, 'reason' | 'reasonCode' | 'reasonParams'>,
): MatchResult {
  return {
    feishuId,
    wecomId,
    status: 'unmatched',
    matchedBy: null,
    candidates: [],
    ...reason,
    decidedBy: null,
    kept: false,
  };
}
