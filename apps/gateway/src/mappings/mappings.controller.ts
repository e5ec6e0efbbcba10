import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DepartmentMapping, UpsertCounts, UserMapping } from '@app/mapping-store';
import { ListMappingsQuery } from './list-mappings.query.js';
import { DEPARTMENT_MAPPINGS, type MappingKind, USER_MAPPINGS } from './mapping-kinds.js';
import { MappingRowsPipe } from './mapping-rows.pipe.js';
import { MappingsService } from './mappings.service.js';

/** Header carrying the number of mappings in the table, next to a bare-array page. */
export const TOTAL_COUNT_HEADER = 'X-Total-Count';

/**
 * The id mapping tables (public contract): `PUT` upserts a batch and answers `{inserted, updated, unchanged}`;
 * `GET` answers a bare array sorted by the Feishu id, in the PUT's row shape, so GET → edit → PUT round-trips
 * (the page window and the total travel in `?limit=&offset=` and X-Total-Count, not in the body).
 * Authentication is the /api bearer middleware's (AppModule).
 */
@Controller('api/v1/mappings')
export class MappingsController {
  constructor(private readonly mappings: MappingsService) {}

  @Put('users')
  putUsers(@Body(new MappingRowsPipe(USER_MAPPINGS)) rows: UserMapping[]): Promise<UpsertCounts> {
    return this.mappings.upsert(USER_MAPPINGS, rows);
  }

  @Get('users')
  listUsers(@Query() query: ListMappingsQuery, @Res({ passthrough: true }) response: Response): Promise<UserMapping[]> {
    return this.list(USER_MAPPINGS, query, response);
  }

  @Put('departments')
  putDepartments(@Body(new MappingRowsPipe(DEPARTMENT_MAPPINGS)) rows: DepartmentMapping[]): Promise<UpsertCounts> {
    return this.mappings.upsert(DEPARTMENT_MAPPINGS, rows);
  }

  @Get('departments')
  listDepartments(
    @Query() query: ListMappingsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DepartmentMapping[]> {
    return this.list(DEPARTMENT_MAPPINGS, query, response);
  }

  private async list<Row extends object>(
    kind: MappingKind<Row>,
    query: ListMappingsQuery,
    response: Response,
  ): Promise<Row[]> {
    const { items, total } = await this.mappings.list(kind, query.limit, query.offset);
    response.setHeader(TOTAL_COUNT_HEADER, String(total));
    return items;
  }
}
