import { Logger } from '@nestjs/common';
import type { UnreadableRecord, Vendor } from '@app/kernel';
import type { VendorHttpObserver, VendorRequestOutcome } from '@app/vendor-http';

/**
 * A log line per vendor exchange, rate-limit wait and token fetch, told by the clients' VendorHttpObserver.
 * The hooks run inside the caller's async context, so each line also carries the run, link and unit the call
 * was made for (sync/engine/log-context.ts). Levels keep production logs readable: answered calls and waits at debug, the
 * vendor asking us to slow down at info, every other failure (each retry included) at warn. Endpoints are the
 * observer's low-cardinality labels: no ids, tokens or bodies reach a line.
 */
export class VendorCallLog implements VendorHttpObserver {
  private readonly logger = new Logger('VendorCall');

  onRequest(vendor: Vendor, endpoint: string, outcome: VendorRequestOutcome, seconds: number): void {
    const line = { vendor, endpoint, outcome, ms: Math.round(seconds * 1000) };
    if (outcome === 'ok') this.logger.debug(line, 'Vendor call');
    else if (outcome === 'rate_limit') this.logger.log(line, 'Vendor call rate-limited');
    else this.logger.warn(line, 'Vendor call failed');
  }

  onRateLimitWait(vendor: Vendor, endpoint: string, seconds: number): void {
    this.logger.debug({ vendor, endpoint, waitedMs: Math.round(seconds * 1000) }, 'Waited for a rate-limit slot');
  }

  onTokenRefresh(vendor: Vendor): void {
    this.logger.log({ vendor }, 'Vendor access token fetched');
  }

  /** The record's id, position and field paths (never its values): what an operator needs to find it. */
  onUnreadableRecord(record: UnreadableRecord): void {
    const { vendor, endpoint, kind, recordId, index, field, reason } = record;
    this.logger.warn({ vendor, endpoint, kind, recordId, index, field, reason }, 'Vendor record could not be read');
  }
}
