import { type Vendor, VendorError } from '@app/kernel';
import got, { type Got, type Method, RequestError } from 'got';
import {
  guardObserver,
  outcomeFromError,
  outcomeFromStatus,
  type VendorHttpObserver,
  type VendorRequestOutcome,
} from './vendor-http-observer.js';

export interface VendorTransportOptions {
  readonly vendor: Vendor;
  readonly baseUrl: string;
  /** Whole-request timeout. */
  readonly timeoutMs: number;
  /** Response header carrying the vendor's log id (Feishu: x-tt-logid), kept on errors for support tickets. */
  readonly logIdHeader?: string;
  /** Told every exchange's outcome and latency (metrics); default: nobody. */
  readonly observer?: VendorHttpObserver;
  /**
   * The outcome of an answer that arrived as JSON, for the observer: vendors put their error codes in the
   * body, so the client reads its envelope here. Default: judged by the HTTP status alone.
   */
  readonly outcomeOf?: (response: VendorResponse) => VendorRequestOutcome;
}

export interface VendorRequest {
  readonly method: Method;
  /** Path below the base URL, e.g. "/open-apis/attendance/v1/groups". */
  readonly path: string;
  readonly searchParams?: Record<string, string | number | boolean>;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
  /**
   * The API's name for the observer (metrics), when the path carries ids: e.g.
   * "GET /open-apis/attendance/v1/groups/:group_id". Default: the method and path. Errors keep the real path.
   */
  readonly label?: string;
}

export interface VendorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body parsed as JSON. */
  readonly body: unknown;
}

/** "POST /cgi-bin/checkin/getcheckindata": names the call in errors and logs, never carries credentials. */
export function endpointLabel(request: Pick<VendorRequest, 'method' | 'path'>): string {
  return `${request.method} ${request.path}`;
}

/**
 * One HTTP exchange with a vendor, and nothing more: got does no retries of its own (the clients decide
 * what is safe to repeat), any status is returned rather than thrown (vendors put their error codes in
 * bodies), and anything that is not a JSON body — an HTML error page from a proxy, a truncated body, a
 * reset connection, a timeout — becomes a typed VendorError instead of a crash.
 */
export class VendorTransport {
  private readonly http: Got;
  private readonly observer: Required<VendorHttpObserver>;

  constructor(private readonly options: VendorTransportOptions) {
    this.observer = guardObserver(options.observer);
    this.http = got.extend({
      prefixUrl: options.baseUrl,
      retry: { limit: 0 },
      throwHttpErrors: false,
      timeout: { request: options.timeoutMs },
      responseType: 'text',
      headers: { 'user-agent': 'attendance-sync-gateway' },
    });
  }

  /** One exchange, reported to the observer with its outcome and latency however it ends. */
  async send(request: VendorRequest): Promise<VendorResponse> {
    const startedAt = performance.now();
    const report = (outcome: VendorRequestOutcome) =>
      this.observer.onRequest(
        this.options.vendor,
        request.label ?? endpointLabel(request),
        outcome,
        (performance.now() - startedAt) / 1000,
      );
    let response: VendorResponse;
    try {
      response = await this.exchange(request);
    } catch (error) {
      report(outcomeFromError(error));
      throw error;
    }
    let outcome: VendorRequestOutcome;
    try {
      outcome = this.options.outcomeOf ? this.options.outcomeOf(response) : outcomeFromStatus(response.status);
    } catch {
      outcome = 'unknown';
    }
    report(outcome);
    return response;
  }

  private async exchange(request: VendorRequest): Promise<VendorResponse> {
    const endpoint = endpointLabel(request);
    let response;
    try {
      response = await this.http(request.path.replace(/^\//, ''), {
        method: request.method,
        searchParams: request.searchParams,
        json: request.json,
        headers: request.headers,
      });
    } catch (error) {
      throw this.transportError(endpoint, error);
    }
    const text = response.body;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // A 429 was refused, not executed, so even a non-idempotent call may be repeated after waiting.
      const kind = response.statusCode === 429 ? 'rate_limit' : response.statusCode >= 500 ? 'transient' : 'unknown';
      const logId = this.options.logIdHeader ? response.headers[this.options.logIdHeader.toLowerCase()] : undefined;
      throw new VendorError(
        this.options.vendor,
        kind,
        `${endpoint} answered HTTP ${response.statusCode} with a body that is not JSON (${describeBody(text, response.headers['content-type'])})`,
        {
          vendorCode: null,
          httpStatus: response.statusCode,
          endpoint,
          logId: typeof logId === 'string' ? logId : null,
        },
      );
    }
    return { status: response.statusCode, headers: response.headers, body };
  }

  private transportError(endpoint: string, error: unknown): VendorError {
    const code = error instanceof RequestError ? error.code : undefined;
    const reason =
      error instanceof RequestError && error.name === 'TimeoutError'
        ? `timed out after ${this.options.timeoutMs} ms`
        : (code ?? 'failed');
    // The message names the endpoint and the failure, never the URL (WeCom puts the token in the query).
    return new VendorError(
      this.options.vendor,
      'transient',
      `${endpoint} ${reason}`,
      { vendorCode: null, endpoint },
      { cause: code },
    );
  }
}

function describeBody(text: string, contentType: string | undefined): string {
  const kind = contentType?.split(';')[0] ?? 'no content type';
  const start = text.slice(0, 60).replace(/\s+/g, ' ');
  return `${kind}, ${text.length} bytes${text.length ? `: "${start}${text.length > 60 ? '…' : ''}"` : ''}`;
}
