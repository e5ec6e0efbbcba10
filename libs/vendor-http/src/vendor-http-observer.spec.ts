import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UnreadableRecord, Vendor } from '@app/kernel';
import { ManualClock } from '../../../test/support/manual-clock.js';
import {
  combineObservers,
  guardObserver,
  outcomeFromStatus,
  RateLimiter,
  TokenCache,
  type VendorHttpObserver,
  type VendorRequestOutcome,
  VendorTransport,
} from './index.js';

/** Records every hook call, in order. */
class RecordingObserver implements Required<VendorHttpObserver> {
  readonly requests: { vendor: Vendor; endpoint: string; outcome: VendorRequestOutcome; seconds: number }[] = [];
  readonly waits: { vendor: Vendor; endpoint: string; seconds: number }[] = [];
  readonly refreshes: Vendor[] = [];
  readonly unreadable: UnreadableRecord[] = [];

  onRequest(vendor: Vendor, endpoint: string, outcome: VendorRequestOutcome, seconds: number): void {
    this.requests.push({ vendor, endpoint, outcome, seconds });
  }

  onRateLimitWait(vendor: Vendor, endpoint: string, seconds: number): void {
    this.waits.push({ vendor, endpoint, seconds });
  }

  onTokenRefresh(vendor: Vendor): void {
    this.refreshes.push(vendor);
  }

  onUnreadableRecord(record: UnreadableRecord): void {
    this.unreadable.push(record);
  }
}

const THROWING: VendorHttpObserver = {
  onRequest: () => {
    throw new Error('observer broke');
  },
  onRateLimitWait: () => {
    throw new Error('observer broke');
  },
  onTokenRefresh: () => {
    throw new Error('observer broke');
  },
};

describe('VendorHttpObserver: RateLimiter', () => {
  it('reports each call it held back, with the seconds since it asked and the label of its key', async () => {
    const clock = new ManualClock();
    const observer = new RecordingObserver();
    const limiter = new RateLimiter(() => [{ limit: 1, windowMs: 1000 }], clock, {
      vendor: 'wecom',
      observer,
      labelOf: (key) => `POST /cgi-bin/checkin/${key}`,
    });
    const calls = [limiter.acquire('getcheckindata'), limiter.acquire('getcheckindata'), limiter.acquire('other')];
    await clock.advance(3000);
    await Promise.all(calls);
    // The first call of each key started at once: not a wait. The second waited one full window (1 call per
    // second) plus the limiter's 50 ms arrival-jitter guard.
    expect(observer.waits).toEqual([
      { vendor: 'wecom', endpoint: 'POST /cgi-bin/checkin/getcheckindata', seconds: 1.05 },
    ]);
  });

  it('reports a pause the vendor asked for, and nothing without an observation', async () => {
    const clock = new ManualClock();
    const observer = new RecordingObserver();
    const limiter = new RateLimiter(() => [{ limit: 1000, windowMs: 1000 }], clock, { vendor: 'feishu', observer });
    limiter.pause('k', 2500);
    const call = limiter.acquire('k');
    await clock.advance(3000);
    await call;
    expect(observer.waits).toEqual([{ vendor: 'feishu', endpoint: 'k', seconds: 2.5 }]);

    const silent = new RateLimiter(() => [{ limit: 1, windowMs: 1000 }], clock);
    const both = [silent.acquire('k'), silent.acquire('k')];
    await clock.advance(2000);
    await expect(Promise.all(both)).resolves.toEqual([undefined, undefined]);
  });

  it('keeps pacing when the observer throws', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(() => [{ limit: 1, windowMs: 1000 }], clock, {
      vendor: 'feishu',
      observer: THROWING,
    });
    const times: number[] = [];
    const calls = [0, 1, 2].map(() => limiter.acquire('k').then(() => times.push(clock.now())));
    await clock.advance(3000);
    await Promise.all(calls);
    expect(times).toEqual([0, 1050, 2100]);
  });
});

describe('VendorHttpObserver: TokenCache', () => {
  it('reports one refresh per token fetched (single flight), none for cache hits or failed fetches', async () => {
    const clock = new ManualClock();
    const observer = new RecordingObserver();
    let calls = 0;
    const cache = new TokenCache(
      async () => {
        calls++;
        if (calls === 2) throw new Error('token endpoint down');
        return { token: `t-${calls}`, expiresInSeconds: 7200 };
      },
      300,
      clock,
      { vendor: 'feishu', observer },
    );
    await Promise.all([cache.get(), cache.get(), cache.get()]);
    await cache.get();
    expect(observer.refreshes).toEqual(['feishu']);
    cache.invalidate('t-1');
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    expect(observer.refreshes).toEqual(['feishu']);
    await expect(cache.get()).resolves.toBe('t-3');
    expect(observer.refreshes).toEqual(['feishu', 'feishu']);
  });

  it('hands out the token when the observer throws', async () => {
    const cache = new TokenCache(async () => ({ token: 't', expiresInSeconds: 60 }), 300, undefined, {
      vendor: 'wecom',
      observer: THROWING,
    });
    await expect(cache.get()).resolves.toBe('t');
  });
});

describe('VendorHttpObserver: VendorTransport', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url?.split('?')[0];
      res.setHeader('content-type', 'application/json');
      switch (path) {
        case '/ok':
          setTimeout(() => res.end('{"errcode":0}'), 30);
          break;
        case '/errcode':
          res.end('{"errcode":45009,"errmsg":"api freq out of limit"}');
          break;
        case '/server-error':
          res.statusCode = 503;
          res.end('{"code":1}');
          break;
        case '/html':
          res.statusCode = 502;
          res.setHeader('content-type', 'text/html');
          res.end('<html>Bad Gateway</html>');
          break;
        case '/reset':
          req.socket.destroy();
          break;
        default:
          res.statusCode = 404;
          res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reports every exchange with its outcome, label and latency, however it ends', async () => {
    const observer = new RecordingObserver();
    const transport = new VendorTransport({ vendor: 'wecom', baseUrl, timeoutMs: 2000, observer });
    await transport.send({ method: 'GET', path: '/ok', searchParams: { access_token: 'SECRET' } });
    await transport.send({ method: 'GET', path: '/groups/123', label: 'GET /groups/:group_id' });
    await transport.send({ method: 'GET', path: '/server-error' });
    await expect(transport.send({ method: 'GET', path: '/html' })).rejects.toMatchObject({ kind: 'transient' });
    await expect(transport.send({ method: 'POST', path: '/reset' })).rejects.toMatchObject({ kind: 'transient' });

    expect(observer.requests.map(({ seconds: _seconds, ...rest }) => rest)).toEqual([
      { vendor: 'wecom', endpoint: 'GET /ok', outcome: 'ok' },
      { vendor: 'wecom', endpoint: 'GET /groups/:group_id', outcome: 'not_found' },
      { vendor: 'wecom', endpoint: 'GET /server-error', outcome: 'transient' },
      { vendor: 'wecom', endpoint: 'GET /html', outcome: 'transient' },
      { vendor: 'wecom', endpoint: 'POST /reset', outcome: 'transient' },
    ]);
    // The token in the query string never reaches a label.
    expect(JSON.stringify(observer.requests)).not.toContain('SECRET');
    const [ok] = observer.requests;
    expect(ok!.seconds).toBeGreaterThanOrEqual(0.02);
    expect(ok!.seconds).toBeLessThan(2);
  });

  it('lets the client judge an answer by its envelope (vendors put errors in HTTP 200 bodies)', async () => {
    const observer = new RecordingObserver();
    const transport = new VendorTransport({
      vendor: 'wecom',
      baseUrl,
      timeoutMs: 2000,
      observer,
      outcomeOf: (response) =>
        (response.body as { errcode?: number }).errcode === 45009 ? 'rate_limit' : outcomeFromStatus(response.status),
    });
    const response = await transport.send({ method: 'POST', path: '/errcode' });
    expect(response.body).toMatchObject({ errcode: 45009 });
    expect(observer.requests.map((request) => request.outcome)).toEqual(['rate_limit']);
  });

  it('answers normally when the observer or the classifier throws', async () => {
    const transport = new VendorTransport({
      vendor: 'feishu',
      baseUrl,
      timeoutMs: 2000,
      observer: THROWING,
      outcomeOf: () => {
        throw new Error('classifier broke');
      },
    });
    await expect(transport.send({ method: 'GET', path: '/ok' })).resolves.toMatchObject({ status: 200 });
  });
});

describe('guardObserver and outcomeFromStatus', () => {
  it('turns a partial or missing observer into callable hooks that never throw', () => {
    const refreshes: Vendor[] = [];
    const guarded = guardObserver({ onTokenRefresh: (vendor) => refreshes.push(vendor) });
    expect(() => guarded.onRequest('feishu', 'GET /x', 'ok', 0.1)).not.toThrow();
    expect(() => guarded.onRateLimitWait('feishu', 'GET /x', 0.1)).not.toThrow();
    guarded.onTokenRefresh('wecom');
    expect(refreshes).toEqual(['wecom']);
    expect(() => guardObserver(undefined).onTokenRefresh('feishu')).not.toThrow();
    expect(() => guardObserver(THROWING).onRequest('feishu', 'GET /x', 'ok', 0)).not.toThrow();
  });

  it('combines observers: each hears every hook, a throwing one does not silence the rest, absent ones are skipped', () => {
    const first = new RecordingObserver();
    const second = new RecordingObserver();
    const combined = combineObservers(first, THROWING, undefined, second);
    combined.onRequest?.('wecom', 'POST /cgi-bin/checkin/getcheckindata', 'transient', 0.5);
    combined.onRateLimitWait?.('feishu', 'GET /x', 1);
    combined.onTokenRefresh?.('feishu');
    for (const observer of [first, second]) {
      expect(observer.requests).toEqual([
        { vendor: 'wecom', endpoint: 'POST /cgi-bin/checkin/getcheckindata', outcome: 'transient', seconds: 0.5 },
      ]);
      expect(observer.waits).toEqual([{ vendor: 'feishu', endpoint: 'GET /x', seconds: 1 }]);
      expect(observer.refreshes).toEqual(['feishu']);
    }
  });

  it('sorts HTTP statuses into the closed taxonomy', () => {
    expect([200, 204, 400, 401, 403, 404, 409, 429, 500, 503].map(outcomeFromStatus)).toEqual([
      'ok',
      'ok',
      'invalid_request',
      'auth',
      'permission',
      'not_found',
      'invalid_request',
      'rate_limit',
      'transient',
      'transient',
    ]);
  });
});
