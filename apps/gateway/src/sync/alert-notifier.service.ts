import { Injectable, Logger } from '@nestjs/common';
import type { FoundObject } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';

/** What an operator is told about (ALERT_WEBHOOK_URL). */
export type Alert =
  | {
      readonly event: 'run_failed';
      readonly runId: string;
      readonly error: string | null;
      readonly failedItems: number;
    }
  | {
      readonly event: 'blocking_losses';
      readonly runId: string;
      readonly items: readonly { readonly sourceId: string; readonly messages: readonly string[] }[];
    }
  | {
      readonly event: 'conflict';
      readonly runId: string;
      readonly conflictId: string;
      readonly feishuGroupId: string | null;
      readonly wecomRuleId: string | null;
      /** A name conflict: the same-named object found in the target (absent for a content conflict). */
      readonly found?: FoundObject;
    };

const TIMEOUT_MS = 5_000;
const MAX_LISTED = 10;

/** One line of text an HR/IT reader understands in a group chat. */
export function alertText(alert: Alert): string {
  switch (alert.event) {
    case 'run_failed':
      return (
        `[attendance sync] run ${alert.runId} failed` +
        (alert.error ? `: ${alert.error}` : ` (${alert.failedItems} item(s) failed)`)
      );
    case 'blocking_losses': {
      const listed = alert.items
        .slice(0, MAX_LISTED)
        .map((entry) => `${entry.sourceId}: ${entry.messages.join('; ')}`)
        .join(' | ');
      const more = alert.items.length > MAX_LISTED ? ` | …and ${alert.items.length - MAX_LISTED} more` : '';
      return `[attendance sync] run ${alert.runId}: ${alert.items.length} group(s) cannot be synced — ${listed}${more}`;
    }
    case 'conflict':
      if (alert.found) {
        const source =
          alert.found.vendor === 'wecom'
            ? `Feishu group ${alert.feishuGroupId ?? '?'}`
            : `WeCom rule ${alert.wecomRuleId ?? '?'}`;
        const found = `${alert.found.vendor === 'wecom' ? 'WeCom rule' : 'Feishu group'} ${alert.found.id}`;
        return (
          `[attendance sync] conflict ${alert.conflictId}: ${source} would be synced to "${alert.found.name}", ` +
          `but ${found} already has that name and was not made by the gateway; resolve with ` +
          `POST /api/v1/conflicts/${alert.conflictId}/resolve {"resolution": "adopt"|"overwrite"|"skip"}`
        );
      }
      return (
        `[attendance sync] conflict ${alert.conflictId}: Feishu group ${alert.feishuGroupId ?? '?'} and WeCom rule ` +
        `${alert.wecomRuleId ?? '?'} both changed; resolve with POST /api/v1/conflicts/${alert.conflictId}/resolve`
      );
  }
}

/**
 * POSTs alerts to ALERT_WEBHOOK_URL. The body is one JSON object that a Feishu group bot (msg_type/content.text)
 * and a WeCom group bot (msgtype/text.content) both read as a text message, plus the structured alert for any
 * other receiver. Best effort: a failed delivery is logged (without the URL, whose path is the bot's secret),
 * never retried in a loop, and never fails the run.
 */
@Injectable()
export class AlertNotifier {
  private readonly logger = new Logger(AlertNotifier.name);

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.sync.alertWebhookUrl !== null;
  }

  async notify(alert: Alert): Promise<void> {
    const url = this.config.sync.alertWebhookUrl;
    if (!url) return;
    const text = alertText(alert);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          msg_type: 'text',
          content: { text },
          msgtype: 'text',
          text: { content: text },
          alert,
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) this.logger.warn({ status: response.status, event: alert.event }, 'Alert webhook refused');
    } catch (error) {
      this.logger.warn(
        { event: alert.event, reason: error instanceof Error ? error.message : String(error) },
        'Alert webhook unreachable',
      );
    }
  }
}
