import type { Loss, Vendor } from '@app/kernel';
import type { Translation } from '../canonical/loss.js';

/**
 * What a person's punch says, whichever vendor recorded it. WeCom tells on/off duty apart and Feishu does
 * not (it matches punches to shifts itself), so `kind` is informational: neither write API takes it.
 */
export type PunchKind = 'on_duty' | 'off_duty' | 'outing' | 'unspecified';

/**
 * How the punch came to be (Feishu flow `type`, REFERENCE A7: 0 用户打卡, 1 管理员修改, 2 用户补卡, 5 考勤机,
 * 6 极速打卡, 7 考勤开放平台导入). Feishu's 3 (系统自动生成) and 4 (下班免打卡) are not punches a person made
 * and never become a CanonicalPunch (they are skipped when read). WeCom's getcheckindata does not say, so its
 * punches read as `person`.
 *  - person: the person punched (Feishu 0; every WeCom punch);
 *  - fast: the person's punch taken by the app as they arrived (极速打卡, Feishu 6): a punch like any other;
 *  - device: made on an attendance machine (考勤机, Feishu 5);
 *  - admin: an administrator changed it (管理员修改, Feishu 1);
 *  - remedy: a correction the person applied for and got approved (补卡, Feishu 2);
 *  - import: another system imported it through the open platform (考勤开放平台导入, Feishu 7).
 */
export type PunchOrigin = 'person' | 'fast' | 'device' | 'admin' | 'remedy' | 'import';

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
  readonly origin: PunchOrigin;
  /** Who recorded the punch when it was not the person (Feishu creator_id, source id space); null otherwise. */
  readonly recordedBy: string | null;
  readonly locationTitle: string;
  readonly locationDetail: string;
  /** Degrees, GCJ-02 (WeCom's system; read as Feishu's too, see feishu-punch.mapper.ts). */
  readonly position: { readonly lat: number; readonly lng: number } | null;
  /**
   * The Wi-Fi the punch was made on, or null for a punch not made on Wi-Fi. `ssid` is '' when the network has
   * no name in the source, `bssid` (canonical lower-case colon spelling) null when its MAC is unknown.
   */
  readonly wifi: { readonly ssid: string; readonly bssid: string | null } | null;
  readonly note: string;
  /** A field punch (外勤/外出): made away from the rule's locations. */
  readonly isField: boolean;
  /** Photo references on the source side; neither vendor's import can carry them over. */
  readonly photoCount: number;
  /**
   * The source vendor's own judgement of the punch, as it spells it: WeCom exception_type parts (时间异常,
   * 地点异常, wifi异常, 非常用设备 …), Feishu check_result (Late, Early …). Empty when it had none. Neither
   * write API takes one: each vendor judges a punch against its own rules.
   */
  readonly verdicts: readonly string[];
  /** The id of the device (phone) the punch was made on in the source ('' when none); no import takes it. */
  readonly deviceId: string;
}

/**
 * What reading one vendor record gives: a punch (with what could not be read exactly), a refusal with its
 * blocking reasons, or `skipped`: the record is not a punch a person made (WeCom's 未打卡 rows, Feishu's
 * system-generated records…), so it must not become one on the other side; the reason is for the run report.
 */
export type PunchRead =
  | (Translation<CanonicalPunch> & { readonly skipped?: undefined })
  | { readonly ok: false; readonly skipped: string; readonly losses: readonly Loss[] };
