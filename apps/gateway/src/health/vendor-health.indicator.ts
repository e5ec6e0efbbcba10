import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { isVendorError, type Vendor } from '@app/kernel';
import { VendorClients } from '../vendors/vendor-clients.service.js';

/** A vendor that does not answer within this long is down. */
export const VENDOR_HEALTH_TIMEOUT_MS = 5_000;
/**
 * One probe per vendor per minute at most, however often /health is polled (results, up or down, are reused
 * for this long): the probe shares the client's rate limits with the sync, and WeCom allows
 * getcorpcheckinoption 60 times a minute.
 */
export const VENDOR_HEALTH_CACHE_MS = 60_000;

/**
 * HEALTH_CHECK_VENDORS=true: can the gateway get a token from each configured vendor and make one cheap read
 * with it? Feishu: the first page (one group) of the attendance groups; WeCom: getcorpcheckinoption. Both go
 * through the gateway's own clients, so the token is fetched when the cache has none (and counted in the
 * metrics). A vendor without credentials is reported, not failed: credentials are optional.
 */
@Injectable()
export class VendorHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly clients: VendorClients,
  ) {}

  async check<const Key extends Vendor>(vendor: Key) {
    const indicator = this.indicators.check(vendor);
    const configured = vendor === 'feishu' ? this.clients.feishuConfigured : this.clients.wecomConfigured;
    if (!configured) return indicator.up({ configured: false, message: 'no credentials configured; not checked' });
    return indicator
      .attempt(async () => {
        try {
          await this.probe(vendor);
          return { configured: true, message: 'token issued and a read answered' };
        } catch (error) {
          // Throttled means the vendor answered: reachable, just busy (the sync shares these limits).
          if (isVendorError(error) && error.kind === 'rate_limit') {
            return { configured: true, message: `reachable but throttled: ${error.message}` };
          }
          throw error;
        }
      })
      .withTimeout(VENDOR_HEALTH_TIMEOUT_MS)
      .cacheFor(VENDOR_HEALTH_CACHE_MS);
  }

  private async probe(vendor: Vendor): Promise<void> {
    if (vendor === 'wecom') {
      await this.clients.wecom().getCorpCheckinOptions();
      return;
    }
    const groups = this.clients.feishu().listGroups({ pageSize: 1 });
    // The first page is enough; stop before the client asks for the next one.
    await groups.next();
    await groups.return(undefined);
  }
}
