import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiV1Controller } from '../openapi/api-errors.decorator.js';
import { UnmappedIdDto, UpsertCountsDto } from '../openapi/api-responses.js';
import { DepartmentMappingDto } from './department-mapping.dto.js';
import { UserMappingDto } from './user-mapping.dto.js';
import type { DepartmentMapping, UpsertCounts, UserMapping } from '@app/mapping-store';
import { ListMappingsQuery } from './list-mappings.query.js';
import { DEPARTMENT_MAPPINGS, type MappingKind, USER_MAPPINGS } from './mapping-kinds.js';
import { MappingRowsPipe } from './mapping-rows.pipe.js';
import { MappingsService, UNMAPPED_LOOKBACK_DAYS } from './mappings.service.js';
import { UnmappedQuery } from './unmapped.query.js';

/** Header carrying the number of mappings in the table, next to a bare-array page. */
export const TOTAL_COUNT_HEADER = 'X-Total-Count';

const TOTAL_COUNT_DOC = {
  [TOTAL_COUNT_HEADER]: {
    description: 'Number of mappings in the table (with `q`: of those it keeps).',
    schema: { type: 'integer', example: 12 },
  },
};

/**
 * The id mapping tables (public contract): `PUT` upserts a batch and answers `{inserted, updated, unchanged}`;
 * `GET` answers a bare array sorted by the Feishu id, in the PUT's row shape, so GET → edit → PUT round-trips
 * (the page window and the total travel in `?limit=&offset=` and X-Total-Count, not in the body).
 * Authentication is the /api bearer middleware's (AppModule).
 */
@ApiV1Controller('mappings')
@Controller('api/v1/mappings')
export class MappingsController {
  constructor(private readonly mappings: MappingsService) {}

  @Put('users')
  @ApiOperation({
    summary: 'Bulk upsert user mappings (Feishu user id ⇄ WeCom userid)',
    description: 'All rows or, on any error, none. Rows not in the body are left alone. At most 10,000 rows.',
  })
  @ApiBody({ type: [UserMappingDto] })
  @ApiOkResponse({ type: UpsertCountsDto })
  @ApiErrors(400, 409, 413)
  putUsers(@Body(new MappingRowsPipe(USER_MAPPINGS)) rows: UserMapping[]): Promise<UpsertCounts> {
    return this.mappings.upsert(USER_MAPPINGS, rows);
  }

  @Get('users')
  @ApiOperation({ summary: 'List user mappings, sorted by the Feishu id (the PUT row shape)' })
  @ApiOkResponse({ type: [UserMappingDto], headers: TOTAL_COUNT_DOC })
  @ApiErrors(400)
  listUsers(@Query() query: ListMappingsQuery, @Res({ passthrough: true }) response: Response): Promise<UserMapping[]> {
    return this.list(USER_MAPPINGS, query, response);
  }

  @Put('departments')
  @ApiOperation({
    summary: 'Bulk upsert department mappings (Feishu department id ⇄ WeCom party id)',
    description: 'All rows or, on any error, none. Rows not in the body are left alone. At most 10,000 rows.',
  })
  @ApiBody({ type: [DepartmentMappingDto] })
  @ApiOkResponse({ type: UpsertCountsDto })
  @ApiErrors(400, 409, 413)
  putDepartments(@Body(new MappingRowsPipe(DEPARTMENT_MAPPINGS)) rows: DepartmentMapping[]): Promise<UpsertCounts> {
    return this.mappings.upsert(DEPARTMENT_MAPPINGS, rows);
  }

  @Get('departments')
  @ApiOperation({ summary: 'List department mappings, sorted by the Feishu id (the PUT row shape)' })
  @ApiOkResponse({ type: [DepartmentMappingDto], headers: TOTAL_COUNT_DOC })
  @ApiErrors(400)
  listDepartments(
    @Query() query: ListMappingsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DepartmentMapping[]> {
    return this.list(DEPARTMENT_MAPPINGS, query, response);
  }

  @Get('unmapped')
  @ApiOperation({
    summary: 'People and departments recent runs could not carry because the id mapping lacks them',
    description:
      `Read from the items of the runs queued in the last ${UNMAPPED_LOOKBACK_DAYS} days: rule members a rules run ` +
      'left out (its dropped losses) and people a punch run skipped, that the mapping still lacks. Newest first; ' +
      'an id disappears once it is mapped.',
  })
  @ApiOkResponse({ type: [UnmappedIdDto] })
  @ApiErrors(400)
  async listUnmapped(@Query() query: UnmappedQuery) {
    const unmapped = await this.mappings.unmapped(query.limit);
    return unmapped.map((entry) => ({ ...entry, lastSeenAt: entry.lastSeenAt.toISOString() }));
  }

  private async list<Row extends object>(
    kind: MappingKind<Row>,
    query: ListMappingsQuery,
    response: Response,
  ): Promise<Row[]> {
    const { items, total } = await this.mappings.list(kind, query.limit, query.offset, query.q);
    response.setHeader(TOTAL_COUNT_HEADER, String(total));
    return items;
  }
}
