import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

// The identity-matching endpoints the Matches page calls, through the typed client generated from the gateway's
// OpenAPI document.

export type Match = components['schemas']['MatchDto'];
export type MatchPage = components['schemas']['MatchPageDto'];
export type MatchKind = Match['kind'];
export type MatchStatus = Match['status'];
export type MatchEvidence = components['schemas']['MatchEvidence'];
export type MatchDecisionResult = components['schemas']['MatchDecisionResultDto'];
export type MatchRequest = components['schemas']['MatchRequestDto'];
export type IdentityAttribute = NonNullable<MatchRequest['attributes']>[number];
export type MatchDecision = components['schemas']['MatchDecisionDto'];

export const MATCH_KINDS: readonly MatchKind[] = ['user', 'department'];
export const MATCH_STATUSES: readonly MatchStatus[] = ['proposed', 'ambiguous', 'unmatched', 'accepted', 'rejected'];
/** The gateway's default order (IDENTITY_MATCH), which the run form starts from. */
export const IDENTITY_ATTRIBUTES: readonly IdentityAttribute[] = ['email', 'mobile', 'employee_no'];

export interface MatchFilter {
  readonly kind: MatchKind;
  readonly status: MatchStatus | undefined;
  readonly q: string;
  readonly limit: number;
  readonly offset: number;
}

/** One page of matches, in the gateway's review order. */
export async function listMatches({ kind, status, q, limit, offset }: MatchFilter): Promise<MatchPage> {
  // A blank search or "all statuses" is no filter: the parameter is left out rather than sent empty.
  const query = { kind, limit, offset, ...(status ? { status } : {}), ...(q === '' ? {} : { q }) };
  return unwrap(await api.GET('/api/v1/mappings/matches', { params: { query } }));
}

/** Queues a match run; its id leads to the run's detail page. */
export async function runMatch(request: MatchRequest): Promise<string> {
  return unwrap(await api.POST('/api/v1/mappings/match', { body: request })).runId;
}

/** All decisions or, on any refusal (an ApiRequestError with the gateway's message), none. */
export async function decideMatches(decisions: MatchDecision[]): Promise<MatchDecisionResult> {
  return unwrap(await api.POST('/api/v1/mappings/matches/decisions', { body: { decisions } }));
}

/**
 * The WeCom ids an ambiguous match may be accepted as: its candidates for its own Feishu id (the gateway takes
 * any candidate's WeCom id, but pairing this person with another claimant's row would be a different person).
 */
export function candidateChoices(match: Match): { wecomId: string; matchedBy: MatchEvidence }[] {
  const own = match.candidates.filter((c) => match.feishuId === null || c.feishuId === match.feishuId);
  const seen = new Map<string, MatchEvidence>();
  for (const candidate of own.length > 0 ? own : match.candidates) {
    if (candidate.wecomId !== undefined && !seen.has(candidate.wecomId))
      seen.set(candidate.wecomId, candidate.matchedBy);
  }
  return [...seen].map(([wecomId, matchedBy]) => ({ wecomId, matchedBy }));
}
