import { isVendorError, VendorError } from '@app/kernel';
import {
  type Clock,
  type IssuedToken,
  type RetryPolicy,
  TokenCache,
  type VendorHttpObserver,
  withRetries,
} from '@app/vendor-http';
import { describeSchemaIssues, feishuTenantTokenResponseSchema } from '../model/index.js';
import { FEISHU_TOKEN_REFRESH_MARGIN_SECONDS, type FeishuClientEvent } from './feishu-client.options.js';
import { feishuEndpointLabel, FEISHU_ENDPOINTS } from './feishu-endpoints.js';
import type { FeishuHttp } from './feishu-http.js';
import { parseFeishuError } from './parse-feishu-error.util.js';

/**
 * The tenant_access_token of a self-built app (REFERENCE A2): fetched on first use, shared by every call,
 * refreshed shortly before it expires by a single caller while the others wait (TokenCache), and dropped
 * when Feishu rejects it. Errors carry Feishu's code and msg only, never the secret or the token.
 */
export class FeishuTokenManager {
  private readonly cache: TokenCache;

  constructor(
    private readonly credentials: { readonly appId: string; readonly appSecret: string },
    private readonly http: FeishuHttp,
    private readonly retry: RetryPolicy,
    private readonly clock: Clock,
    private readonly emit: (event: FeishuClientEvent) => void,
    observer?: VendorHttpObserver,
  ) {
    this.cache = new TokenCache(() => this.issue(), FEISHU_TOKEN_REFRESH_MARGIN_SECONDS, clock, {
      vendor: 'feishu',
      observer,
    });
  }

  get(): Promise<string> {
    return this.cache.get();
  }

  /** Feishu refused `token`; the next get() fetches a fresh one (unless another caller already did). */
  reject(token: string): void {
    this.cache.invalidate(token);
  }

  private issue(): Promise<IssuedToken> {
    const endpoint = feishuEndpointLabel('tenantToken');
    return withRetries(
      async () => {
        const { response, envelope, logId } = await this.http.exchange('tenantToken', {
          method: FEISHU_ENDPOINTS.tenantToken.method,
          path: FEISHU_ENDPOINTS.tenantToken.path,
          json: { app_id: this.credentials.appId, app_secret: this.credentials.appSecret },
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
        if (envelope.code !== 0) {
          throw parseFeishuError({
            code: envelope.code,
            msg: envelope.msg,
            httpStatus: response.status,
            logId,
            endpoint,
          });
        }
        const parsed = feishuTenantTokenResponseSchema.safeParse(response.body);
        if (!parsed.success) {
          // The issues name fields and types only, so the message cannot leak the token.
          throw new VendorError(
            'feishu',
            'unknown',
            `${endpoint} answered a malformed token: ${describeSchemaIssues(parsed.error)}`,
            {
              vendorCode: envelope.code,
              httpStatus: response.status,
              logId,
              endpoint,
            },
          );
        }
        this.emit({ type: 'token_issued', expiresInSeconds: parsed.data.expire });
        return { token: parsed.data.tenant_access_token, expiresInSeconds: parsed.data.expire };
      },
      {
        policy: this.retry,
        clock: this.clock,
        // Issuing a token has no side effect, so transient failures and throttling are retried.
        shouldRetry: (error) => isVendorError(error) && error.retryable,
        requestedDelayMs: (error) => (isVendorError(error) ? error.retryAfterMs : null),
        onRetry: (error, attempt, delayMs) => {
          if (isVendorError(error)) {
            this.emit({ type: 'retry', endpoint, attempt, delayMs, kind: error.kind, vendorCode: error.vendorCode });
          }
        },
      },
    );
  }
}
