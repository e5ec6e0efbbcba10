import type { Vendor } from '@app/kernel';
import type { LossReport } from '../canonical/loss.js';
import { normalizeBssid } from '../canonical/text.util.js';
import type { CanonicalPunch } from './canonical-punch.js';

// Reading and writing rules both punch mappers share, so that each vendor field is either carried or named in
// a loss the same way in both directions.

const VENDOR_NAME: Readonly<Record<Vendor, string>> = { feishu: 'Feishu', wecom: 'WeCom' };

/**
 * A position in degrees, or null. Both coordinates at 0 is how a punch without a position is sent (no loss:
 * nothing is known). One coordinate without the other, or a point off the globe, cannot be placed: left out,
 * with a loss.
 */
export function positionOf(
  report: LossReport,
  lat: number | undefined,
  lng: number | undefined,
): CanonicalPunch['position'] {
  if (lat === undefined && lng === undefined) return null;
  if (lat === undefined || lng === undefined) {
    report.dropped(
      'punch.position',
      'Only one of latitude and longitude was given, so the position was left out.',
      lat ?? lng,
    );
    return null;
  }
  if (lat === 0 && lng === 0) return null;
  if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
    report.dropped('punch.position', 'The coordinates are outside the globe, so they were left out.', { lat, lng });
    return null;
  }
  return { lat, lng };
}

/**
 * The Wi-Fi of a punch: present when the source names a network (ssid), gives its MAC or marks the punch as a
 * Wi-Fi punch; a MAC that is not one is left out with a loss (the name is kept).
 */
export function wifiOf(
  report: LossReport,
  ssid: string | undefined,
  mac: string | undefined,
  markedWifi: boolean,
): CanonicalPunch['wifi'] {
  const bssid = mac ? normalizeBssid(mac) : null;
  if (mac && bssid === null) {
    report.dropped('punch.wifi', 'The Wi-Fi MAC address (BSSID) is not a MAC address, so it was left out.', mac);
  }
  if (!ssid && !mac && !markedWifi) return null;
  return { ssid: ssid ?? '', bssid };
}

/** Origins a written punch can no longer show, as a phrase that follows "this punch is". */
const ORIGIN_PHRASE: Readonly<Record<Exclude<CanonicalPunch['origin'], 'person' | 'fast'>, string>> = {
  admin: "an administrator's change (管理员修改)",
  remedy: 'an approved correction (补卡)',
  device: 'a punch on an attendance machine (考勤机)',
  import: 'an import by another system (考勤开放平台导入)',
};

/**
 * The losses of what a punch says that neither import can hold, written for `target`: its origin, who
 * recorded it, the source's own judgement of it and the device id. `device` is not reported for WeCom, whose
 * device_type carries it (the caller sets it).
 */
export function reportUncarried(report: LossReport, punch: CanonicalPunch, target: Vendor): void {
  const source = VENDOR_NAME[punch.vendor];
  const to = VENDOR_NAME[target];
  const { origin } = punch;
  if (origin === 'admin' || origin === 'remedy') {
    // A real attendance fact, but the target would show it as a punch the person made: approximated.
    // (WeCom's punch_correction (补卡, B7) needs the scheduled punch it corrects, which a flow does not name.)
    const reason =
      target === 'feishu'
        ? 'Feishu records every imported punch as an open-platform import (考勤开放平台导入)'
        : `WeCom cannot mark a written punch as ${origin === 'admin' ? "an administrator's change" : 'a correction'}`;
    report.approximated(
      'punch.origin',
      `This punch is ${ORIGIN_PHRASE[origin]} in ${source}; ${reason}, so it is written as an ordinary punch.`,
      origin,
    );
  } else if (origin === 'import' || (origin === 'device' && target !== 'wecom')) {
    report.info(
      'punch.origin',
      `This punch is ${ORIGIN_PHRASE[origin]} in ${source}; ${to} records it as an ordinary punch.`,
      origin,
    );
  }
  if (punch.recordedBy !== null) {
    report.info(
      'punch.recorded_by',
      `Someone other than the person recorded this punch in ${source}; ${to} records it as the person's own.`,
      punch.recordedBy,
    );
  }
  if (punch.verdicts.length > 0) {
    report.info(
      'punch.verdict',
      `${source} judged this punch: ${punch.verdicts.join(';')}. ${to} judges punches against its own rules, so this is not copied.`,
      punch.verdicts,
    );
  }
  if (punch.deviceId !== '') {
    report.dropped(
      'punch.device_id',
      target === 'feishu'
        ? 'The id of the device the punch was made on is not copied: Feishu ignores device_id on import.'
        : 'The id of the device the punch was made on is not copied: WeCom takes only the kind of device on import.',
      punch.deviceId,
    );
  }
}
