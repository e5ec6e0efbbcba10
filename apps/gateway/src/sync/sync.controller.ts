import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { MappingStore, RunQueue } from '@app/mapping-store';
import { ApiErrors, ApiV1Controller } from '../openapi/api-errors.decorator.js';
import { LinkListDto, RunDetailDto, RunPageDto, RunQueuedDto } from '../openapi/api-responses.js';
import { SyncRequestDto } from './dto/sync-request.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { GroupIdChecker } from './group-id.checker.js';
import { RunWorker } from './run-worker.service.js';
import { linkView, runDetailView, runView, type RunDetailView, type RunView } from './run-views.js';

const DEFAULT_PAGE = 50;

/** The sync half of the public contract: queue runs, read runs, read links (DESIGN.md). */
@ApiV1Controller('sync')
@Controller('api/v1')
export class SyncController {
  constructor(
    private readonly store: MappingStore,
    private readonly worker: RunWorker,
    private readonly queue: RunQueue,
    private readonly groupIds: GroupIdChecker,
  ) {}

  @Post('sync')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Queue a sync run',
    description:
      'Validates the body and every groupIds entry against the source vendor, then queues the run; it is ' +
      "executed in the background. A dry run writes nothing and records each item's plan.",
  })
  @ApiAcceptedResponse({ type: RunQueuedDto, description: 'Queued.' })
  @ApiErrors(400, 503)
  async queueRun(@Body() request: SyncRequestDto): Promise<{ runId: string }> {
    if (request.groupIds) await this.groupIds.assertKnown(request.direction, request.groupIds);
    const run = await this.queue.enqueue({
      direction: request.direction,
      scope: request.scope,
      dryRun: request.dryRun ?? false,
      triggeredBy: 'api',
      params: {
        ...(request.groupIds ? { groupIds: request.groupIds } : {}),
        ...(request.userIds ? { userIds: request.userIds } : {}),
        ...(request.from ? { from: request.from } : {}),
        ...(request.to ? { to: request.to } : {}),
        ...(request.effectiveNow !== undefined ? { effectiveNow: request.effectiveNow } : {}),
      },
    });
    return { runId: run.id };
  }

  @Get('runs')
  @ApiOperation({ summary: 'List runs, newest first (paginated)' })
  @ApiOkResponse({ type: RunPageDto })
  @ApiErrors(400)
  async runs(@Query() query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE;
    const offset = query.offset ?? 0;
    const page = await this.store.runs.list(limit, offset);
    return { items: page.items.map(runView) satisfies RunView[], total: page.total, limit, offset };
  }

  @Get('runs/:runId')
  @ApiOperation({ summary: 'One run with its summary and items (losses, errors, dry-run plans)' })
  @ApiParam({
    name: 'runId',
    description: 'The id POST /api/v1/sync answered.',
    example: '0b4c6f3e-5d1a-4c1e-9a7b-2f8e6d4c3b21',
  })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiErrors(404)
  async run(@Param('runId') runId: string): Promise<RunDetailView> {
    const run = await this.store.runs.get(runId);
    if (!run) throw new NotFoundException(`run ${runId} not found`);
    return runDetailView(run, this.worker.progressOf(run.id));
  }

  @Get('links')
  @ApiOperation({ summary: 'Group ⇄ rule links with their state' })
  @ApiOkResponse({ type: LinkListDto })
  async links() {
    const links = await this.store.groupLinks.list();
    return { items: links.map(linkView), total: links.length };
  }
}
