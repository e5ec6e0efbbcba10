import { isVendor } from '@app/kernel';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import {
  MappingConflictError,
  MappingStore,
  RunQueue,
  type GroupLink,
  type NameConflictResolution,
  type SyncConflict,
} from '@app/mapping-store';
import { ApiErrors, ApiV1Controller } from '../openapi/api-errors.decorator.js';
import { ConflictListDto, ConflictResolvedDto, LinkDto } from '../openapi/api-responses.js';
import { ConflictListQueryDto, ResolveConflictDto } from './dto/conflict.dto.js';
import { LinkPatchDto } from './dto/link-patch.dto.js';
import { linkView } from './run-views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function conflictView(conflict: SyncConflict, link: GroupLink | undefined) {
  return {
    id: conflict.id,
    linkId: conflict.groupLinkId,
    feishuGroupId: link?.feishuGroupId ?? null,
    feishuGroupName: link?.feishuGroupName ?? null,
    wecomRuleId: link?.wecomRuleId ?? null,
    wecomRuleName: link?.wecomRuleName ?? null,
    detectedAt: conflict.detectedAt.toISOString(),
    detectedByRunId: conflict.detectedByRunId,
    resolvedAt: conflict.resolvedAt?.toISOString() ?? null,
    winner: conflict.winner,
    resolutionRunId: conflict.resolutionRunId,
    kind: conflict.kind,
    found: conflict.found,
    resolution: conflict.resolution,
  };
}

/** Links' direction and two-way conflicts (extensions of the DESIGN.md contract, documented in the README). */
@ApiV1Controller('links')
@Controller('api/v1')
export class LinksController {
  constructor(
    private readonly store: MappingStore,
    private readonly queue: RunQueue,
  ) {}

  /**
   * Sets which way a link is kept in step. An `unlinked` group (found by a scheduled run while SYNC_AUTO_LINK
   * is off) becomes `pending`: the next run in its direction creates its counterpart.
   */
  @Patch('links/:linkId')
  @ApiOperation({
    summary: "Set a link's direction",
    description: 'An `unlinked` group becomes `pending`: the next run in its direction creates its counterpart.',
  })
  @ApiParam({
    name: 'linkId',
    description: 'The link id (GET /api/v1/links).',
    example: '7d9e2a41-3c5b-4f6d-8e1a-9b0c2d3e4f50',
  })
  @ApiOkResponse({ type: LinkDto })
  @ApiErrors(400, 404)
  async patch(@Param('linkId') linkId: string, @Body() patch: LinkPatchDto) {
    const link = UUID.test(linkId) ? await this.store.groupLinks.findById(linkId) : null;
    if (!link) throw new NotFoundException(`link ${linkId} not found`);
    let updated = await this.store.groupLinks.setDirection(link.id, patch.direction);
    if (updated.status === 'unlinked') updated = await this.store.groupLinks.setStatus(link.id, 'pending');
    return linkView(updated);
  }

  @Get('conflicts')
  @ApiOperation({ summary: 'Two-way content conflicts and name conflicts (open ones, or all with ?state=all)' })
  @ApiOkResponse({ type: ConflictListDto })
  @ApiErrors(400)
  async conflicts(@Query() query: ConflictListQueryDto) {
    const conflicts = await this.store.conflicts.list({ openOnly: (query.state ?? 'open') === 'open' });
    const links = new Map((await this.store.groupLinks.list()).map((link) => [link.id, link]));
    return { items: conflicts.map((conflict) => conflictView(conflict, links.get(conflict.groupLinkId))) };
  }

  /**
   * Resolves a content conflict by naming the side that wins: queues a one-way run from that side for the link
   * (it overwrites the other side once) and closes the conflict, in one transaction so a second resolve of the
   * same conflict queues nothing. A name conflict takes a `resolution` instead (resolveName).
   */
  @Post('conflicts/:conflictId/resolve')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Resolve a conflict: a content conflict by its winner, a name conflict by adopt, overwrite or skip',
    description:
      'Content conflicts ({"winner"}): queues a one-way run from the winner for the link. Name conflicts ' +
      '({"resolution"}): adopt links the found object and queues a run from it, overwrite links it and queues a ' +
      'run from the source, skip leaves the source unlinked and runs nothing. Either way the conflict is closed.',
  })
  @ApiParam({
    name: 'conflictId',
    description: 'The conflict id (GET /api/v1/conflicts).',
    example: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
  })
  @ApiAcceptedResponse({ type: ConflictResolvedDto })
  @ApiErrors(400, 404, 409)
  async resolve(
    @Param('conflictId') conflictId: string,
    @Body() body: ResolveConflictDto,
  ): Promise<{ runId: string | null; conflictId: string }> {
    const conflict = await this.store.conflicts.get(conflictId);
    if (!conflict) throw new NotFoundException(`conflict ${conflictId} not found`);
    if (body.winner !== undefined && body.resolution !== undefined) {
      throw new BadRequestException(
        'give either winner (a content conflict) or resolution (a name conflict), not both',
      );
    }
    if (conflict.kind === 'name_taken') {
      if (body.resolution === undefined) {
        throw new BadRequestException(
          `resolution is required: conflict ${conflictId} is a name conflict, resolved by "adopt", "overwrite" or "skip" (not by a winner)`,
        );
      }
    } else if (body.winner === undefined) {
      throw new BadRequestException(
        `winner is required: conflict ${conflictId} is a content conflict, resolved by "feishu" or "wecom" (not by a resolution)`,
      );
    }
    if (conflict.resolvedAt) {
      const how =
        conflict.kind === 'name_taken' ? `as ${conflict.resolution ?? '?'}` : `(winner ${conflict.winner ?? '?'})`;
      throw new ConflictException(`conflict ${conflictId} was already resolved ${how}`);
    }
    if (conflict.kind === 'name_taken') return this.resolveName(conflict, body.resolution!);
    const winner = body.winner!;
    const link = await this.store.groupLinks.findById(conflict.groupLinkId);
    const sourceId = winner === 'feishu' ? link?.feishuGroupId : link?.wecomRuleId;
    if (!link || !sourceId) throw new ConflictException(`the ${winner} side of this link no longer exists`);
    const runId = await this.store.transaction(async (session) => {
      const run = await this.queue.enqueue(
        {
          direction: winner === 'feishu' ? 'feishu_to_wecom' : 'wecom_to_feishu',
          scope: 'rules',
          dryRun: false,
          triggeredBy: 'api',
          params: { groupIds: [sourceId] },
        },
        session,
      );
      const resolved = await session.conflicts.resolve(conflict.id, winner, run.id);
      if (!resolved) throw new ConflictException(`conflict ${conflictId} was already resolved`);
      return run.id;
    });
    return { runId, conflictId: conflict.id };
  }

  /**
   * A name conflict: `adopt` and `overwrite` link the found object to the source's link (linkFoundTarget) and
   * queue a one-way run — from the found object (its content wins) or from the source (the source's wins) — and
   * close the conflict, all in one transaction; `skip` sets the link `unlinked` (the source is not synced until
   * linked again) and closes the conflict without a run.
   */
  private async resolveName(
    conflict: SyncConflict,
    resolution: NameConflictResolution,
  ): Promise<{ runId: string | null; conflictId: string }> {
    const link = await this.store.groupLinks.findById(conflict.groupLinkId);
    const found = conflict.found;
    if (!link || !found) throw new ConflictException(`the link of conflict ${conflict.id} no longer exists`);
    const already = () => new ConflictException(`conflict ${conflict.id} was already resolved`);
    if (resolution === 'skip') {
      await this.store.transaction(async (session) => {
        if (!(await session.conflicts.resolveName(conflict.id, 'skip'))) throw already();
        await session.groupLinks.setStatus(link.id, 'unlinked');
      });
      return { runId: null, conflictId: conflict.id };
    }
    // This API resolves the conflicts of the two vendors it names (LinkDirection); the store keeps any vendor's.
    if (!isVendor(found.vendor)) {
      throw new ConflictException(`conflict ${conflict.id} found a ${found.vendor} object, which this API cannot link`);
    }
    // The source is the side the link has; the found object is on the other.
    const sourceId = found.vendor === 'wecom' ? link.feishuGroupId : link.wecomRuleId;
    if (!sourceId) throw new ConflictException(`the source side of conflict ${conflict.id} no longer exists`);
    const fromFound = resolution === 'adopt';
    const fromVendor = fromFound ? found.vendor : found.vendor === 'wecom' ? 'feishu' : 'wecom';
    try {
      const runId = await this.store.transaction(async (session) => {
        await session.groupLinks.linkFoundTarget(link.id, found);
        const run = await this.queue.enqueue(
          {
            direction: fromVendor === 'feishu' ? 'feishu_to_wecom' : 'wecom_to_feishu',
            scope: 'rules',
            dryRun: false,
            triggeredBy: 'api',
            params: { groupIds: [fromFound ? found.id : sourceId] },
          },
          session,
        );
        if (!(await session.conflicts.resolveName(conflict.id, resolution, run.id))) throw already();
        return run.id;
      });
      return { runId, conflictId: conflict.id };
    } catch (error) {
      if (error instanceof MappingConflictError) {
        throw new ConflictException(
          `the ${found.vendor === 'wecom' ? 'WeCom rule' : 'Feishu group'} ${found.id} is already paired by another link (${error.message}); it cannot be linked to this one`,
        );
      }
      throw error;
    }
  }
}
