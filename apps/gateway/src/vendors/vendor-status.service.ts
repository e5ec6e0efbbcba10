import { Injectable } from '@nestjs/common';
import { isVendorError } from '@app/kernel';
import { AppConfig } from '../config/app-config.js';
import { VendorClients } from './vendor-clients.service.js';

export interface VendorStatus {
  /** Credentials are set. */
  readonly configured: boolean;
  /** A token was issued and a read call answered. */
  readonly reachable: boolean;
  readonly baseUrl: string;
  /** What was seen, or why it failed (error kind, vendor code, log id). */
  readonly detail: string;
}

// Counting stops here: the answer is "reachable", not an inventory.
const COUNT_CAP = 500;

/** A vendor failure in one line: its kind, message, and the vendor code and log id when there are. */
export function failureDetail(error: unknown): string {
  if (isVendorError(error)) {
    const code =
      error.vendorCode === null ? '' : ` (code ${error.vendorCode}${error.logId ? `, log id ${error.logId}` : ''})`;
    return `${error.kind}: ${error.message}${code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Asks each configured vendor for a token and one cheap read, through the gateway's own clients. */
@Injectable()
export class VendorStatusService {
  constructor(
    private readonly clients: VendorClients,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<{ feishu: VendorStatus; wecom: VendorStatus }> {
    const [feishu, wecom] = await Promise.all([this.checkFeishu(), this.checkWecom()]);
    return { feishu, wecom };
  }

  private async checkFeishu(): Promise<VendorStatus> {
    const baseUrl = this.config.feishu.baseUrl;
    if (!this.clients.feishuConfigured) {
      return {
        configured: false,
        reachable: false,
        baseUrl,
        detail: 'FEISHU_APP_ID and FEISHU_APP_SECRET are not set',
      };
    }
    try {
      let groups = 0;
      for await (const _group of this.clients.feishu().listGroups({ pageSize: 50 })) {
        if (++groups >= COUNT_CAP) break;
      }
      return {
        configured: true,
        reachable: true,
        baseUrl,
        detail: `${groups >= COUNT_CAP ? `${COUNT_CAP}+` : groups} attendance groups visible`,
      };
    } catch (error) {
      return { configured: true, reachable: false, baseUrl, detail: failureDetail(error) };
    }
  }

  private async checkWecom(): Promise<VendorStatus> {
    const baseUrl = this.config.wecom.baseUrl;
    if (!this.clients.wecomConfigured) {
      return {
        configured: false,
        reachable: false,
        baseUrl,
        detail: 'WECOM_CORP_ID and WECOM_CORP_SECRET are not set',
      };
    }
    try {
      let unreadable = 0;
      const rules = await this.clients.wecom().getCorpCheckinOptions({ onUnreadable: () => (unreadable += 1) });
      // A rule that cannot be read is still WeCom answering: reachable, and counted so the operator sees it.
      const odd = unreadable > 0 ? ` (and ${unreadable} that could not be read; see the rules runs)` : '';
      return { configured: true, reachable: true, baseUrl, detail: `${rules.length} checkin rules visible${odd}` };
    } catch (error) {
      return { configured: true, reachable: false, baseUrl, detail: failureDetail(error) };
    }
  }
}
