import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiV1Controller } from '../../openapi/api-errors.decorator.js';
import { MatchDecisionResultDto, MatchPageDto, RunQueuedDto } from '../../openapi/api-responses.js';
import { MatchDecisionsDto } from './match-decisions.dto.js';
import { MatchRequestDto } from './match-request.dto.js';
import { MatchesQuery } from './matches.query.js';
import { MatchesService, type MatchDecisionResult, type MatchPage } from './matches.service.js';

const DEFAULT_PAGE = 50;

/**
 * Identity matching (extends the public contract, README "Identity matching"): queue a match run, list what it
 * proposed, decide proposals in bulk. Hand-made mappings (PUT /api/v1/mappings/*) always win over proposals.
 */
@ApiV1Controller('mappings')
@Controller('api/v1/mappings')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Post('match')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Queue a match run: pair people and departments of both directories',
    description:
      'A run like any other (scope "identities", GET /api/v1/runs/{runId}): reads both directories, asks the ' +
      "vendors' lookup APIs, and proposes pairs with the attribute that matched. Unique pairs are mapped at once " +
      'when autoAccept is on; the rest wait for review in GET /api/v1/mappings/matches. People who left are ' +
      'unmapped (unless the mapping was made by hand) and the rules are re-synced. A dry run writes nothing.',
  })
  @ApiAcceptedResponse({ type: RunQueuedDto, description: 'Queued.' })
  @ApiErrors(400, 503)
  queueMatch(@Body() request: MatchRequestDto, @Req() http: Request): Promise<{ runId: string }> {
    // Every field is optional, so a body the JSON parser skipped (another content type, none at all) would read
    // as "all defaults" and queue a run nobody asked for in that form: the body must be JSON, `{}` at least.
    const length = Number(http.headers['content-length'] ?? 0);
    if (!http.is('application/json') || (length === 0 && http.headers['transfer-encoding'] === undefined)) {
      throw new BadRequestException(
        'the body must be a JSON object sent as application/json (send {} to take every default)',
      );
    }
    return this.matches.queueMatch(request);
  }

  @Get('matches')
  @ApiOperation({
    summary: 'Proposals, ambiguities and decisions of the match runs (paginated)',
    description: 'In review order: ambiguous, proposed, unmatched, then decided; ids and evidence only.',
  })
  @ApiOkResponse({ type: MatchPageDto })
  @ApiErrors(400)
  list(@Query() query: MatchesQuery): Promise<MatchPage> {
    return this.matches.list(query, query.limit ?? DEFAULT_PAGE, query.offset ?? 0);
  }

  @Post('matches/decisions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept or reject matches in bulk',
    description:
      'All decisions or, on any refusal, none: an unknown id is a 404; a match decided meanwhile, or a pair a ' +
      'hand-made mapping already holds, is a 409 naming it. Accepting writes the mapping; rejecting an accepted ' +
      'match removes the mapping it made, and a rejected pair is never proposed again.',
  })
  @ApiOkResponse({ type: MatchDecisionResultDto })
  @ApiErrors(400, 404, 409)
  decide(@Body() request: MatchDecisionsDto): Promise<MatchDecisionResult> {
    return this.matches.decide(request.decisions);
  }
}
