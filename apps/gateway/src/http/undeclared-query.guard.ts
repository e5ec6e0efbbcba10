import { BadRequestException, type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';

/** How many unknown parameter names one answer lists. */
const LISTED = 5;

/**
 * Refuses query parameters on /api routes whose handler takes none (no `@Query()`, no raw `@Req()`). Routes
 * with a query DTO already refuse unknown parameters through the ValidationPipe; without this, the others
 * silently ignored theirs, so `POST /api/v1/sync?dryRun=true` with a body lacking `dryRun` queued a real run,
 * and a mistyped filter such as `GET /api/v1/links?status=failed` answered everything as if it had filtered.
 */
@Injectable()
export class UndeclaredQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.path.startsWith('/api/')) return true;
    const names = Object.keys(request.query ?? {});
    if (names.length === 0) return true;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
      {}) as Record<string, unknown>;
    const kinds = new Set(Object.keys(args).map((key) => Number(key.split(':')[0])));
    if (kinds.has(RouteParamtypes.QUERY) || kinds.has(RouteParamtypes.REQUEST)) return true;
    const template = (request.route as { path?: unknown } | undefined)?.path;
    const route = `${request.method} ${typeof template === 'string' ? template : request.path}`;
    const listed = names.slice(0, LISTED).map((name) => JSON.stringify(name));
    const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
    throw new BadRequestException(
      `Unknown query parameter${names.length === 1 ? '' : 's'} ${listed.join(', ')}${more}: ${route} takes none` +
        (request.method === 'GET' ? '' : ' (its options go in the JSON body)'),
    );
  }
}
