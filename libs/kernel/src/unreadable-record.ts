import type { Vendor } from './vendor.js';

/**
 * One element of a vendor list or page that the gateway could not read (a field of the wrong type, an
 * unknown enum value, a required field missing). Real vendors return sparse records, records of older API
 * versions and now and then a record that breaks their own docs: such a record is set aside with what is
 * known of it, and every other element of the same answer is used as usual (DESIGN.md, "Tolerant reader").
 */
export interface UnreadableRecord {
  readonly vendor: Vendor;
  /** The endpoint's route label, e.g. "POST /cgi-bin/checkin/getcorpcheckinoption". */
  readonly endpoint: string;
  /** What the record is, in words: "checkin rule", "punch", "attendance group", … */
  readonly kind: string;
  /** The vendor's id of the record when that much could be read (a rule's groupid, a flow's record_id …). */
  readonly recordId: string | null;
  /** Its position in the answer's list (in the page, or in the call's list). */
  readonly index: number;
  /** The first field that could not be read, as a dotted path inside the record ("checkindate.0.checkintime"). */
  readonly field: string;
  /** Every problem found (the first five), each as "path: what is wrong"; never a value of the record. */
  readonly reason: string;
}

/** Where a reader hands the records it set aside. */
export type UnreadableRecordSink = (record: UnreadableRecord) => void;

const VENDOR_NAMES: Readonly<Record<Vendor, string>> = { feishu: 'Feishu', wecom: 'WeCom' };

/** "WeCom checkin rule 4242 could not be read: checkindate.0.checkintime: expected array, received string". */
export function describeUnreadableRecord(record: UnreadableRecord): string {
  const which = record.recordId === null ? `#${record.index + 1} of its answer (no readable id)` : record.recordId;
  return `${VENDOR_NAMES[record.vendor]} ${record.kind} ${which} could not be read: ${record.reason}`;
}
