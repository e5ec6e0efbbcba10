import type { Vendor } from '@app/kernel';

/**
 * What a person's punch says, whichever vendor recorded it. WeCom tells on/off duty apart and Feishu does
 * not (it matches punches to shifts itself), so `kind` is informational: neither write API takes it.
 */
export type PunchKind = 'on_duty' | 'off_duty' | 'outing' | 'unspecified';

export interface CanonicalPunch {
  /** The vendor the punch was read from. */
  readonly vendor: Vendor;
  /** That vendor's identity of the punch (see punchSourceKey): what the record mapping is keyed by. */
  readonly sourceKey: string;
  /** The person, in the source vendor's id space. */
  readonly userId: string;
  /** Unix seconds. */
  readonly at: number;
  readonly kind: PunchKind;
  readonly locationTitle: string;
  readonly locationDetail: string;
  /** Degrees, GCJ-02 (WeCom's system; read as Feishu's too, see feishu-punch.mapper.ts). */
  readonly position: { readonly lat: number; readonly lng: number } | null;
  /** bssid in the canonical lower-case colon spelling. */
  readonly wifi: { readonly ssid: string; readonly bssid: string } | null;
  readonly note: string;
  /** A field punch (外勤/外出): made away from the rule's locations. */
  readonly isField: boolean;
  /** Photo references on the source side; neither vendor's import can carry them over. */
  readonly photoCount: number;
}
