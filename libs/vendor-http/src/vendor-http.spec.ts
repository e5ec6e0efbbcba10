import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VendorError } from '@app/kernel';
import { ManualClock } from '../../../test/support/manual-clock.js';
import { backoffDelay, RateLimiter, TokenCache, VendorTransport, withRetries } from './index.js';

describe('RateLimiter', () => {
  it('spaces calls of one key windowMs/limit apart, in arrival order', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(() => [{ limit: 50, windowMs: 1000 }], clock);
    const startedAt: number[] = [];
    const calls = Array.from({ length: 5 }, (_, i) =>
      limiter.acquire('k').then(() => startedAt.push(i === 0 ? clock.now() : clock.now())),
    );
    await clock.advance(1000);
    await Promise.all(calls);
    expect(startedAt).toEqual([0, 20, 40, 60, 80]);
  });

  it('never lets a sliding window of any limit hold more than its limit', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(
      () => [
        { limit: 5, windowMs: 1000 },
        { limit: 20, windowMs: 10_000 },
      ],
      clock,
    );
    const times: number[] = [];
    const all = Array.from({ length: 40 }, () => limiter.acquire('k').then(() => times.push(clock.now())));
    await clock.advance(30_000);
    await Promise.all(all);
    for (const [limit, windowMs] of [
      [5, 1000],
      [20, 10_000],
    ] as const) {
      for (const start of times) {
        expect(times.filter((t) => t >= start && t < start + windowMs).length).toBeLessThanOrEqual(limit);
      }
    }
    // The wider spacing (10 s / 20 = 500 ms) governs: 40 calls due 500 ms apart; the 21st waits until the
    // first 20 span their 10 s window plus the 50 ms arrival-jitter guard, and the rest keep that distance.
    expect(times.at(-1)).toBe(19_550);
  });

  it('keeps keys independent', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(() => [{ limit: 1, windowMs: 1000 }], clock);
    const order: string[] = [];
    const calls = [
      limiter.acquire('a').then(() => order.push(`a@${clock.now()}`)),
      limiter.acquire('a').then(() => order.push(`a@${clock.now()}`)),
      limiter.acquire('b').then(() => order.push(`b@${clock.now()}`)),
    ];
    await clock.advance(2000);
    await Promise.all(calls);
    // One call per second: the second 'a' also keeps the 50 ms arrival-jitter guard; 'b' is not held by 'a'.
    expect(order.sort()).toEqual(['a@0', 'a@1050', 'b@0']);
  });

  it('holds a paused key until the vendor-given time', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(() => [{ limit: 100, windowMs: 1000 }], clock);
    await limiter.acquire('k');
    limiter.pause('k', 5000);
    let startedAt = -1;
    const waiting = limiter.acquire('k').then(() => (startedAt = clock.now()));
    await clock.advance(4999);
    expect(startedAt).toBe(-1);
    await clock.advance(1);
    await waiting;
    expect(startedAt).toBe(5000);
  });
});

describe('withRetries', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

  it('bounds the full-jitter backoff by base·2^(n-1) and the maximum', () => {
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  it('retries what the caller calls retryable, honouring a longer requested delay', async () => {
    const clock = new ManualClock();
    const waits: number[] = [];
    let attempts = 0;
    const result = withRetries(
      async () => {
        attempts++;
        if (attempts < 3) throw new Error(attempts === 1 ? 'busy' : 'slow down');
        return 'done';
      },
      {
        policy,
        clock,
        random: () => 0.5,
        shouldRetry: () => true,
        requestedDelayMs: (error) => ((error as Error).message === 'slow down' ? 5000 : null),
        onRetry: (_e, _a, delay) => waits.push(delay),
      },
    );
    await clock.advance(10_000);
    await expect(result).resolves.toBe('done');
    expect(waits).toEqual([50, 5000]);
  });

  it('gives up at once on a failure that is not retryable, and after maxAttempts otherwise', async () => {
    let attempts = 0;
    await expect(
      withRetries(
        async () => {
          attempts++;
          throw new Error('bad request');
        },
        { policy, shouldRetry: () => false },
      ),
    ).rejects.toThrow('bad request');
    expect(attempts).toBe(1);

    const clock = new ManualClock();
    attempts = 0;
    const failing = withRetries(
      async () => {
        attempts++;
        throw new Error('still down');
      },
      { policy, clock, shouldRetry: () => true },
    );
    const settled = failing.catch((error: Error) => error.message);
    await clock.advance(60_000);
    expect(await settled).toBe('still down');
    expect(attempts).toBe(4);
  });
});

describe('TokenCache', () => {
  it('fetches once for concurrent callers and reuses the token until the margin', async () => {
    const clock = new ManualClock();
    let issued = 0;
    const cache = new TokenCache(async () => ({ token: `t-${++issued}`, expiresInSeconds: 7200 }), 300, clock);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t-1', 't-1', 't-1']);
    await clock.advance((7200 - 301) * 1000);
    expect(await cache.get()).toBe('t-1');
    await clock.advance(2000);
    expect(await cache.get()).toBe('t-2');
    expect(issued).toBe(2);
  });

  it('drops a rejected token but not a newer one', async () => {
    let issued = 0;
    const cache = new TokenCache(async () => ({ token: `t-${++issued}`, expiresInSeconds: 7200 }));
    const first = await cache.get();
    cache.invalidate(first);
    const second = await cache.get();
    expect(second).toBe('t-2');
    cache.invalidate(first);
    expect(await cache.get()).toBe('t-2');
  });

  it('lets the next caller retry after a failed fetch', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error('token endpoint down');
      return { token: 'ok', expiresInSeconds: 60 };
    });
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    await expect(cache.get()).resolves.toBe('ok');
  });
});

describe('VendorTransport', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      switch (req.url) {
        case '/json':
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ code: 0, echo: req.method }));
          break;
        case '/html':
          res.statusCode = 502;
          res.setHeader('content-type', 'text/html');
          res.end('<html><body>502 Bad Gateway</body></html>');
          break;
        case '/throttled-html':
          res.statusCode = 429;
          res.setHeader('x-tt-logid', 'log-429');
          res.end('<html>Too Many Requests</html>');
          break;
        case '/truncated':
          res.setHeader('content-type', 'application/json');
          res.end('{"code": 0, "data": {"group');
          break;
        case '/reset':
          req.socket.destroy();
          break;
        case '/slow':
          setTimeout(() => res.end('{}'), 500);
          break;
        default:
          res.statusCode = 404;
          res.end('{"code":404}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const transport = () => new VendorTransport({ vendor: 'feishu', baseUrl, timeoutMs: 200 });

  async function failure(path: string): Promise<VendorError> {
    const error = await transport()
      .send({ method: 'GET', path })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    return error as VendorError;
  }

  it('returns the status and the parsed JSON body, even for error statuses', async () => {
    expect(await transport().send({ method: 'POST', path: '/json', json: {} })).toMatchObject({
      status: 200,
      body: { code: 0, echo: 'POST' },
    });
    expect((await transport().send({ method: 'GET', path: '/missing' })).status).toBe(404);
  });

  it('turns an HTML error page into a transient VendorError that says what came back', async () => {
    const error = await failure('/html');
    expect(error).toMatchObject({ kind: 'transient', httpStatus: 502, endpoint: 'GET /html', vendorCode: null });
    expect(error.message).toContain('text/html');
  });

  it('keeps a non-JSON 429 a rate_limit (refused, so safe to repeat) with the log id header', async () => {
    const error = await new VendorTransport({ vendor: 'feishu', baseUrl, timeoutMs: 200, logIdHeader: 'X-Tt-Logid' })
      .send({ method: 'GET', path: '/throttled-html' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limit', httpStatus: 429, logId: 'log-429' });
  });

  it('turns truncated JSON into an unknown VendorError', async () => {
    expect(await failure('/truncated')).toMatchObject({ kind: 'unknown', httpStatus: 200 });
  });

  it('turns a reset connection and a timeout into transient VendorErrors', async () => {
    expect(await failure('/reset')).toMatchObject({ kind: 'transient', endpoint: 'GET /reset' });
    const timeout = await failure('/slow');
    expect(timeout.kind).toBe('transient');
    expect(timeout.message).toBe('GET /slow timed out after 200 ms');
  });
});
