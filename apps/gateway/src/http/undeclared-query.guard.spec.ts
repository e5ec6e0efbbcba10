import { BadRequestException, Controller, Get, Post, Query, Req, type ExecutionContext } from '@nestjs/common';
import { UndeclaredQueryGuard } from './undeclared-query.guard.js';

@Controller('api/v1')
class ProbeController {
  @Get('plain')
  plain(): void {}

  @Post('body')
  body(): void {}

  @Get('with-query')
  withQuery(@Query() _query: unknown): void {}

  @Post('raw')
  raw(@Req() _request: unknown): void {}
}

function context(handler: keyof ProbeController, request: Record<string, unknown>): ExecutionContext {
  return {
    getType: () => 'http',
    getClass: () => ProbeController,
    getHandler: () => ProbeController.prototype[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const request = (method: string, path: string, query: Record<string, unknown>, route = path) => ({
  method,
  path,
  query,
  route: { path: route },
});

const guard = new UndeclaredQueryGuard();

describe('UndeclaredQueryGuard', () => {
  it('lets requests without a query string through', () => {
    expect(guard.canActivate(context('plain', request('GET', '/api/v1/plain', {})))).toBe(true);
  });

  it('refuses a query parameter on a route that takes none, naming it', () => {
    expect(() => guard.canActivate(context('plain', request('GET', '/api/v1/plain', { status: 'failed' })))).toThrow(
      new BadRequestException('Unknown query parameter "status": GET /api/v1/plain takes none'),
    );
  });

  it('says where a body route takes its options instead', () => {
    expect(() =>
      guard.canActivate(context('body', request('POST', '/api/v1/body', { dryRun: 'true', x: '1' }))),
    ).toThrow(
      new BadRequestException(
        'Unknown query parameters "dryRun", "x": POST /api/v1/body takes none (its options go in the JSON body)',
      ),
    );
  });

  it('leaves routes that read the query (a @Query DTO validates it) or the raw request alone', () => {
    expect(guard.canActivate(context('withQuery', request('GET', '/api/v1/with-query', { a: '1' })))).toBe(true);
    expect(guard.canActivate(context('raw', request('POST', '/api/v1/raw', { a: '1' })))).toBe(true);
  });

  it('only polices the REST API under /api', () => {
    expect(guard.canActivate(context('plain', request('GET', '/health', { probe: '1' })))).toBe(true);
  });
});
