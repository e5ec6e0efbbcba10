import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { MappingStore } from '@app/mapping-store';
import { SyncRequestDto } from './dto/sync-request.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { GroupIdChecker } from './group-id.checker.js';
import { RunWorker } from './run-worker.service.js';
import { linkView, runDetailView, runView, type RunDetailView, type RunView } from './run-views.js';

const DEFAULT_PAGE = 50;

/** The sync half of the public contract: queue runs, read runs, read links (DESIGN.md). */
@Controller('api/v1')
export class SyncController {
  constructor(
    private readonly store: MappingStore,
    private readonly worker: RunWorker,
    private readonly groupIds: GroupIdChecker,
  ) {}

  @Post('sync')
  @HttpCode(HttpStatus.ACCEPTED)
  async queue(@Body() request: SyncRequestDto): Promise<{ runId: string }> {
    if (request.groupIds) await this.groupIds.assertKnown(request.direction, request.groupIds);
    const run = await this.store.runs.create({
      direction: request.direction,
      scope: request.scope,
      dryRun: request.dryRun ?? false,
      triggeredBy: 'api',
      params: {
        ...(request.groupIds ? { groupIds: request.groupIds } : {}),
        ...(request.from ? { from: request.from } : {}),
        ...(request.to ? { to: request.to } : {}),
      },
    });
    this.worker.wake();
    return { runId: run.id };
  }

  @Get('runs')
  async runs(@Query() query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE;
    const offset = query.offset ?? 0;
    const page = await this.store.runs.list(limit, offset);
    return { items: page.items.map(runView) satisfies RunView[], total: page.total, limit, offset };
  }

  @Get('runs/:runId')
  async run(@Param('runId') runId: string): Promise<RunDetailView> {
    const run = await this.store.runs.get(runId);
    if (!run) throw new NotFoundException(`run ${runId} not found`);
    return runDetailView(run, this.worker.itemsDone(run.id));
  }

  @Get('links')
  async links() {
    const links = await this.store.groupLinks.list();
    return { items: links.map(linkView), total: links.length };
  }
}
