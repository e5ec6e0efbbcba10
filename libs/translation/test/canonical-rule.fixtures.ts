import type { CanonicalRule, Shift, TimeSection } from '../src/canonical/canonical-rule.js';

// Hand-written canonical rules for example-based specs: an office rule of fixed hours (09:00–18:00 on
// weekdays, one Wi-Fi place) that each example changes where it matters.

const H = 3600;

export function section(onSec: number, offSec: number, extra: Partial<TimeSection> = {}): TimeSection {
  return {
    onSec,
    offSec,
    punchWindow: null,
    noPunchOn: false,
    noPunchOff: false,
    lateGraceSec: 0,
    earlyLeaveGraceSec: 0,
    seriousLateSec: null,
    rest: null,
    ...extra,
  };
}

export function shift(key: string, sections: readonly TimeSection[], extra: Partial<Shift> = {}): Shift {
  return { key, name: '', sections, flexibleArrival: null, lateOffLateOn: [], ...extra };
}

export function officeRule(extra: Partial<CanonicalRule> = {}): CanonicalRule {
  return {
    kind: 'fixed',
    name: 'Office',
    timeZone: 'Asia/Shanghai',
    idSpace: 'wecom',
    members: { userIds: ['alice'], departmentIds: [], excludedUserIds: [] },
    shifts: [shift('day', [section(9 * H, 18 * H)])],
    week: { 1: 'day', 2: 'day', 3: 'day', 4: 'day', 5: 'day', 6: null, 7: null },
    free: null,
    gpsLocations: [],
    wifiLocations: [{ ssid: 'Office', bssid: 'aa:bb:cc:00:11:22' }],
    specialWorkdays: [],
    specialOffdays: [],
    followsHolidayCalendar: true,
    remedy: {
      allowed: false,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: true,
      forLate: true,
      forEarly: true,
      forOther: true,
      forNormal: false,
    },
    faceRecognition: false,
    faceLiveness: 'none',
    photoRequired: false,
    outOfRange: 'exception',
    overtime: { workday: false, restDay: false, holiday: false },
    punchReminder: null,
    restDayPunch: null,
    ...extra,
  };
}
