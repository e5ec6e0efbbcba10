import { describeUnreadableRecord, type UnreadableRecord, type UnreadableRecordSink, type Vendor } from '@app/kernel';
import type { SyncRunItem } from '@app/mapping-store';

/**
 * The vendor records one run could not read (record-reader.ts sets them aside, element by element). Each
 * becomes one failed item of the run, naming the vendor, the record's id (or position) and the field, while
 * every other record of the same answers is synced as usual. A record read twice in a run (a relist, or both
 * halves of a scheduled run) is reported once.
 */
export class UnreadableRecords {
  private readonly records = new Map<string, UnreadableRecord>();

  /** Hand this to the clients' list reads (`onUnreadable`). */
  readonly sink: UnreadableRecordSink = (record) => {
    const key = [record.vendor, record.kind, record.recordId ?? `#${record.endpoint}#${record.index}`].join('\u0000');
    if (!this.records.has(key)) this.records.set(key, record);
  };

  /** The ids of the records of this vendor and kind set aside so far (those with a readable id). */
  idsOf(vendor: Vendor, kind: string): Set<string> {
    const ids = new Set<string>();
    for (const record of this.records.values()) {
      if (record.vendor === vendor && record.kind === kind && record.recordId !== null) ids.add(record.recordId);
    }
    return ids;
  }

  find(vendor: Vendor, kind: string, recordId: string): UnreadableRecord | undefined {
    for (const record of this.records.values()) {
      if (record.vendor === vendor && record.kind === kind && record.recordId === recordId) return record;
    }
    return undefined;
  }

  get size(): number {
    return this.records.size;
  }

  /** One failed item per record, in the order they were met. */
  items(): SyncRunItem[] {
    return [...this.records.values()].map(unreadableItem);
  }
}

export function unreadableItem(record: UnreadableRecord): SyncRunItem {
  const message = describeUnreadableRecord(record);
  return {
    sourceId: record.recordId ?? `#${record.index + 1}`,
    targetId: null,
    action: 'failed',
    losses: [{ field: record.field, severity: 'blocking', message }],
    error: `${message}. Nothing was written for it; every other record was synced. Correct the record in ${
      record.vendor === 'feishu' ? 'Feishu' : 'WeCom'
    }, or report it if the vendor answers it this way on its own.`,
  };
}
