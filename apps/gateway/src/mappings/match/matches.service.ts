import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  MappingStore,
  MatchDecisionConflictError,
  MatchDecisionInvalidError,
  MatchNotFoundError,
  RunQueue,
  type IdentityMatch,
  type MatchDecision,
} from '@app/mapping-store';
import { MATCH_KINDS, type MatchEvidence } from '@app/kernel';
import type { MatchDecisionDto } from './match-decisions.dto.js';
import type { MatchRequestDto } from './match-request.dto.js';
import type { MatchesQuery } from './matches.query.js';

/** A match as GET /api/v1/mappings/matches answers it (MatchDto). */
export interface MatchView {
  readonly id: string;
  readonly kind: IdentityMatch['kind'];
  readonly status: IdentityMatch['status'];
  readonly feishuId: string | null;
  readonly wecomId: string | null;
  readonly matchedBy: MatchEvidence | null;
  readonly candidates: IdentityMatch['candidates'];
  readonly reason: string | null;
  readonly reasonCode: IdentityMatch['reasonCode'];
  readonly reasonParams: IdentityMatch['reasonParams'];
  readonly runId: string | null;
  readonly decidedBy: IdentityMatch['decidedBy'];
  readonly decidedAt: string | null;
  readonly updatedAt: string;
}

export interface MatchPage {
  readonly items: readonly MatchView[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface MatchDecisionResult {
  readonly accepted: number;
  readonly rejected: number;
}

export function matchView(match: IdentityMatch): MatchView {
  return {
    id: match.id,
    kind: match.kind,
    status: match.status,
    feishuId: match.feishuId,
    wecomId: match.wecomId,
    matchedBy: match.matchedBy,
    candidates: match.candidates,
    reason: match.reason,
    reasonCode: match.reasonCode,
    reasonParams: match.reasonParams,
    runId: match.runId,
    decidedBy: match.decidedBy,
    decidedAt: match.decidedAt?.toISOString() ?? null,
    updatedAt: match.updatedAt.toISOString(),
  };
}

/** Queue match runs; list and decide what they proposed, with the store's refusals turned into 4xx answers. */
@Injectable()
export class MatchesService {
  constructor(
    private readonly store: MappingStore,
    private readonly queue: RunQueue,
  ) {}

  async queueMatch(request: MatchRequestDto): Promise<{ runId: string }> {
    const run = await this.queue.enqueue({
      // A match reads both directories and writes no vendor: it has no direction of its own.
      direction: 'two_way',
      scope: 'identities',
      dryRun: request.dryRun ?? false,
      triggeredBy: 'api',
      params: {
        ...(request.attributes ? { matchAttributes: request.attributes } : {}),
        ...(request.autoAccept !== undefined ? { autoAccept: request.autoAccept } : {}),
      },
    });
    return { runId: run.id };
  }

  async list(query: MatchesQuery, limit: number, offset: number): Promise<MatchPage> {
    const filter = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.q ? { q: query.q } : {}),
    };
    const page = await this.store.identityMatches.list(filter, limit, offset);
    return { items: page.items.map(matchView), total: page.total, limit, offset };
  }

  /**
   * Every decision in one transaction, each made on the status the match has when the request is read: a
   * concurrent decision or match run turns into a 409 and nothing of the request is written.
   */
  async decide(decisions: readonly MatchDecisionDto[]): Promise<MatchDecisionResult> {
    const repeated = decisions.map((entry) => entry.id).filter((id, index, ids) => ids.indexOf(id) !== index);
    if (repeated.length > 0) throw new BadRequestException(`decisions name match ${repeated[0]} more than once`);
    const matches = await this.store.identityMatches.getMany(decisions.map((entry) => entry.id));
    const byId = new Map(matches.map((match) => [match.id, match]));
    const missing = decisions.filter((entry) => !byId.has(entry.id)).map((entry) => entry.id);
    if (missing.length > 0) throw new NotFoundException(`no identity match ${missing.slice(0, 20).join(', ')}`);
    const stale = decisions.filter((entry) => entry.status && entry.status !== byId.get(entry.id)!.status);
    if (stale.length > 0) {
      throw new ConflictException({
        message: stale
          .slice(0, 20)
          .map(
            (entry) =>
              `match ${entry.id} is ${byId.get(entry.id)!.status} now, not ${entry.status}: nothing was decided`,
          ),
      });
    }
    const planned = decisions.map((entry, index) => {
      const match = byId.get(entry.id)!;
      return { match, decision: decisionFor(match, entry, index), seen: entry.status ?? match.status };
    });
    try {
      await this.store.transaction(async (session) => {
        for (const { match, decision, seen } of planned) {
          await session.identityMatches.decide(match.id, seen, decision, 'operator');
        }
        // Once every decision is made on what the operator saw, the other matches offering an accepted id to
        // someone else stop offering it (a second claimant of an ambiguous WeCom member, say).
        for (const kind of MATCH_KINDS) {
          const accepted = planned.flatMap(({ match, decision }) =>
            decision !== 'reject' && match.kind === kind && match.feishuId !== null
              ? [{ feishuId: match.feishuId, wecomId: decision.accept.wecomId }]
              : [],
          );
          await session.identityMatches.withdrawClaims(kind, accepted);
        }
      });
    } catch (error) {
      if (error instanceof MatchDecisionConflictError) throw new ConflictException(error.message);
      if (error instanceof MatchDecisionInvalidError) throw new BadRequestException(error.message);
      if (error instanceof MatchNotFoundError) throw new NotFoundException(error.message);
      throw error;
    }
    const accepted = planned.filter(({ decision }) => decision !== 'reject').length;
    return { accepted, rejected: planned.length - accepted };
  }
}

/** The store's decision for one request entry; a 400 naming the entry when it cannot apply to its match. */
function decisionFor(match: IdentityMatch, entry: MatchDecisionDto, index: number): MatchDecision {
  if (entry.decision === 'reject') return 'reject';
  const at = `decisions[${index}]`;
  if (match.status === 'ambiguous') {
    if (!entry.wecomId) throw new BadRequestException(`${at}: accepting an ambiguous match needs the wecomId chosen`);
    const candidate = match.candidates.find((c) => c.wecomId === entry.wecomId);
    if (!candidate) {
      throw new BadRequestException(
        `${at}.wecomId ${JSON.stringify(entry.wecomId)} is not a candidate of match ${match.id}`,
      );
    }
    return { accept: { wecomId: entry.wecomId, matchedBy: candidate.matchedBy } };
  }
  if (match.wecomId === null || match.matchedBy === null) {
    throw new BadRequestException(`${at}: match ${match.id} is ${match.status} and proposes no pair to accept`);
  }
  if (entry.wecomId !== undefined && entry.wecomId !== match.wecomId) {
    throw new BadRequestException(
      `${at}.wecomId ${JSON.stringify(entry.wecomId)} is not the pair match ${match.id} proposes`,
    );
  }
  return { accept: { wecomId: match.wecomId, matchedBy: match.matchedBy } };
}
