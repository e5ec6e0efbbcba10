import { BadRequestException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { SyncDirection, UnreadableRecord } from '@app/kernel';
import { VendorClients } from '../vendors/vendor-clients.service.js';
import { describeFailure } from './engine/sync-error-policy.js';

/**
 * Checks a sync request's groupIds against the source vendor before anything is queued, so an unknown id
 * is a 400 naming it instead of a run that fails later. One listing call per request (not one per id).
 */
@Injectable()
export class GroupIdChecker {
  constructor(private readonly vendors: VendorClients) {}

  async assertKnown(direction: SyncDirection, groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    const known = await this.sourceIds(direction);
    const unknown = groupIds.flatMap((id, index) => (known.has(id) ? [] : [`groupIds[${index}] "${id}"`]));
    if (unknown.length === 0) return;
    const side = direction === 'feishu_to_wecom' ? 'Feishu attendance group' : 'WeCom checkin rule';
    throw new BadRequestException(`no ${side} has the id of ${unknown.slice(0, 20).join(', ')}`);
  }

  /**
   * The source side's ids, those of records that could not be read included: such a record exists, and the
   * run asked for it reports it as a failed item naming the field (an unknown id would be the wrong answer).
   */
  private async sourceIds(direction: SyncDirection): Promise<Set<string>> {
    const ids = new Set<string>();
    const onUnreadable = (record: UnreadableRecord) => {
      if (record.recordId !== null) ids.add(record.recordId);
    };
    try {
      if (direction === 'feishu_to_wecom') {
        for await (const group of this.vendors.feishu().listGroups({ onUnreadable })) ids.add(group.group_id);
        return ids;
      }
      const rules = await this.vendors.wecom().getCorpCheckinOptions({ onUnreadable });
      for (const rule of rules) ids.add(String(rule.groupid));
      return ids;
    } catch (error) {
      if (error instanceof Error && error.name === 'MissingCredentialsError') throw error;
      throw new ServiceUnavailableException(`groupIds could not be checked: ${describeFailure(error)}`);
    }
  }
}
