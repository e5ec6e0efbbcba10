import { VendorError } from '@app/kernel';
import {
  type Clock,
  RateLimiter,
  type VendorRequest,
  type VendorRequestOutcome,
  type VendorResponse,
  VendorTransport,
} from '@app/vendor-http';
import { describeSchemaIssues, type FeishuEnvelope, feishuEnvelopeSchema } from '../model/index.js';
import {
  FEISHU_DEFAULT_RATE_LIMIT,
  FEISHU_DOCUMENTED_RATE_LIMITS,
  type FeishuClientEvent,
  type FeishuClientOptions,
} from './feishu-client.options.js';
import { type FeishuEndpointName, feishuEndpointLabel } from './feishu-endpoints.js';
import { FEISHU_RATE_LIMIT_CODE, feishuErrorKind, parseFeishuError } from './parse-feishu-error.util.js';

/** When Feishu throttles without saying for how long, wait this long (its windows are 1 s, REFERENCE A3). */
const DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

export interface FeishuExchange {
  readonly response: VendorResponse;
  readonly envelope: FeishuEnvelope;
  readonly logId: string | null;
}

/**
 * One paced HTTP exchange with Feishu: waits for the endpoint's rate-limit slot, sends, and reads the
 * `{code, msg}` envelope. A throttled answer (HTTP 429 or code 99991400, REFERENCE A3) pauses the endpoint
 * for x-ogw-ratelimit-reset seconds and throws a rate_limit VendorError carrying that wait.
 */
export class FeishuHttp {
  private readonly transport: VendorTransport;
  private readonly limiter: RateLimiter;

  constructor(
    options: Pick<FeishuClientOptions, 'baseUrl' | 'rateLimits' | 'observer'> & { readonly timeoutMs: number },
    private readonly clock: Clock,
    private readonly emit: (event: FeishuClientEvent) => void,
  ) {
    this.transport = new VendorTransport({
      vendor: 'feishu',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      logIdHeader: 'x-tt-logid',
      observer: options.observer,
      outcomeOf: feishuOutcome,
    });
    const overrides = options.rateLimits ?? {};
    this.limiter = new RateLimiter(
      (key) =>
        overrides[key as FeishuEndpointName] ??
        FEISHU_DOCUMENTED_RATE_LIMITS[key as FeishuEndpointName] ?? [FEISHU_DEFAULT_RATE_LIMIT],
      clock,
      options.observer
        ? {
            vendor: 'feishu',
            observer: options.observer,
            labelOf: (key) => feishuEndpointLabel(key as FeishuEndpointName),
          }
        : undefined,
    );
  }

  async exchange(endpoint: FeishuEndpointName, request: VendorRequest): Promise<FeishuExchange> {
    const label = feishuEndpointLabel(endpoint);
    const before = this.clock.now();
    await this.limiter.acquire(endpoint);
    const waitedMs = Math.round(this.clock.now() - before);
    // Sub-millisecond "waits" are just the queue's own bookkeeping, not throttling.
    if (waitedMs >= 1) this.emit({ type: 'throttled', endpoint: label, waitedMs });

    const response = await this.transport.send({ ...request, label });
    const logId = header(response, 'x-tt-logid');
    const code = codeOf(response.body);
    if (response.status === 429 || code === FEISHU_RATE_LIMIT_CODE) {
      const resetSeconds = numericHeader(response, 'x-ogw-ratelimit-reset');
      const pauseMs =
        resetSeconds !== null && resetSeconds >= 0 ? Math.ceil(resetSeconds * 1000) : DEFAULT_RATE_LIMIT_PAUSE_MS;
      const limit = numericHeader(response, 'x-ogw-ratelimit-limit');
      this.limiter.pause(endpoint, this.clock.now() + pauseMs);
      this.emit({ type: 'rate_limited', endpoint: label, pauseMs, limit });
      throw parseFeishuError({
        code: code ?? FEISHU_RATE_LIMIT_CODE,
        msg: messageOf(response.body),
        httpStatus: response.status,
        logId,
        endpoint: label,
        retryAfterMs: pauseMs,
      });
    }

    const parsed = feishuEnvelopeSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new VendorError(
        'feishu',
        'unknown',
        `${label} answered HTTP ${response.status} with a body that is not a Feishu envelope: ${describeSchemaIssues(parsed.error)}`,
        { vendorCode: null, httpStatus: response.status, logId, endpoint: label },
      );
    }
    return { response, envelope: parsed.data, logId };
  }
}

/** For metrics: code 0 is ok, anything else the kind its code (or HTTP status) stands for. */
function feishuOutcome(response: VendorResponse): VendorRequestOutcome {
  const code = codeOf(response.body);
  if (code === 0 && response.status < 400) return 'ok';
  return feishuErrorKind(code, response.status, messageOf(response.body));
}

function header(response: VendorResponse, name: string): string | null {
  const value = response.headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** A header holding a number, or null when absent or not a number (Number(null) would be 0). */
function numericHeader(response: VendorResponse, name: string): number | null {
  const text = header(response, name)?.trim();
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function codeOf(body: unknown): number | null {
  if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'number') return body.code;
  return null;
}

function messageOf(body: unknown): string {
  if (body && typeof body === 'object' && 'msg' in body && typeof body.msg === 'string') return body.msg;
  return '';
}
