import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { VENDORS } from '@app/kernel';
import { ApiErrors, ApiV1Controller } from '../openapi/api-errors.decorator.js';
import { VendorGroupDetailDto, VendorGroupDto } from '../openapi/api-responses.js';
import { VendorGroupsQuery } from './vendor-groups.query.js';
import { vendorOf, VendorGroupsService, type VendorGroup, type VendorGroupDetail } from './vendor-groups.service.js';

/** Header carrying the number of groups the search kept, next to a bare-array page (as GET /api/v1/mappings/*). */
const TOTAL_COUNT_HEADER = 'X-Total-Count';

const VENDOR_PARAM = {
  name: 'vendor',
  enum: VENDORS,
  description: '`feishu` (attendance groups) or `wecom` (checkin rules).',
  example: 'feishu',
} as const;

/**
 * Extension of the public contract for the HR console: the source groups a sync could start from, searchable,
 * and one group with the vendor's own record of it (shown beside what a dry run would write). Read through the
 * same clients and connectors the sync uses; nothing is written.
 */
@ApiV1Controller('vendors')
@Controller('api/v1/vendors/:vendor/groups')
export class VendorGroupsController {
  constructor(private readonly groups: VendorGroupsService) {}

  @Get()
  @ApiOperation({
    summary: "List a vendor's groups (Feishu attendance groups, WeCom checkin rules), sorted by name then id",
    description:
      'A bare array; X-Total-Count gives the number of groups the search kept. A record the vendor answers that ' +
      'cannot be read is left out (and logged), never fails the list.',
  })
  @ApiParam(VENDOR_PARAM)
  @ApiOkResponse({
    type: [VendorGroupDto],
    headers: {
      [TOTAL_COUNT_HEADER]: {
        description: 'Number of groups kept by `q` (all of them without it).',
        schema: { type: 'integer', example: 3 },
      },
    },
  })
  @ApiErrors(400, 503)
  async list(
    @Param('vendor') vendor: string,
    @Query() query: VendorGroupsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VendorGroup[]> {
    const groups = await this.groups.list(vendorOf(vendor), query.q);
    response.setHeader(TOTAL_COUNT_HEADER, String(groups.length));
    return groups.slice(query.offset, query.offset + query.limit);
  }

  @Get(':id')
  @ApiOperation({
    summary: "One group with the vendor's own record of it",
    description: 'Feishu: the group as GET attendance/v1/groups/:group_id answers it; WeCom: the rule as listed.',
  })
  @ApiParam(VENDOR_PARAM)
  @ApiParam({
    name: 'id',
    description: 'Feishu group_id, or WeCom groupid.',
    example: '7380952139465998355',
  })
  @ApiOkResponse({ type: VendorGroupDetailDto })
  @ApiErrors(400, 404, 503)
  async get(@Param('vendor') vendor: string, @Param('id') id: string): Promise<VendorGroupDetail> {
    const known = vendorOf(vendor);
    const group = await this.groups.get(known, id);
    if (!group) {
      throw new NotFoundException(
        `${known === 'feishu' ? 'Feishu attendance group' : 'WeCom checkin rule'} ${id} not found`,
      );
    }
    return group;
  }
}
