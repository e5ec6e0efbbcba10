import { hash } from 'node:crypto';
import fc from 'fast-check';
import { renderRule } from '../../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { anyRuleArbitrary, representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { scrambleRule } from '../../test/rule-scramble.js';
import { wecomReadOf } from '../../test/vendor-inputs.js';
import { wecomToCanonical } from '../wecom/wecom-to-canonical.mapper.js';
import type { CanonicalRule } from './canonical-rule.js';
import { normalizeFreshRule, normalizeRule } from './normalize-rule.js';
import { legacyRuleContentHashes, ruleContentHash } from './rule-hash.js';
import { stableStringify } from './text.util.js';

// The content hash is stored and compared across runs, so it must stay its definition: SHA-256 of
// "canonical-rule/v4\n" then the stable JSON of normalizeRule(rule). The older formats are pinned in
// rule-hash.pins.spec.ts.

function referenceHash(rule: CanonicalRule): string {
  return hash('sha256', `canonical-rule/v4\n${stableStringify(normalizeRule(rule))}`, 'hex');
}

describe('ruleContentHash', () => {
  it('is the reference hash for any rule, scrambled or not', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), fc.integer(), (rule, seed) => {
        expect(ruleContentHash(rule)).toBe(referenceHash(rule));
        const scrambled = scrambleRule(rule, seed);
        expect(ruleContentHash(scrambled)).toBe(referenceHash(scrambled));
      }),
      { numRuns: 500 },
    );
  });

  it('is the reference hash for the rules wecomToCanonical returns, and for a copy of one', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule) => {
        const read = wecomReadOf(rule, renderRule);
        if (read === null) return;
        const canonical = wecomToCanonical(read);
        if (!canonical.ok) return;
        expect(ruleContentHash(canonical.value)).toBe(referenceHash(canonical.value));
        expect(ruleContentHash({ ...canonical.value })).toBe(ruleContentHash(canonical.value));
      }),
      { numRuns: 500 },
    );
  });
  it('stays the hash stored links hold (a change here reads every stored rule as changed: bump HASH_FORMAT and compare with the old one)', () => {
    const rule: CanonicalRule = {
      kind: 'fixed',
      name: '早班 Office',
      timeZone: 'Asia/Shanghai',
      idSpace: 'wecom',
      members: { userIds: ['zhangsan', 'lisi'], departmentIds: ['2'], excludedUserIds: [] },
      shifts: [
        {
          key: 'day',
          name: '早班',
          sections: [
            {
              onSec: 9 * 3600,
              offSec: 18 * 3600,
              punchWindow: null,
              noPunchOn: false,
              noPunchOff: false,
              lateGraceSec: 300,
              earlyLeaveGraceSec: 0,
              seriousLateSec: null,
              rest: { beginSec: 12 * 3600, endSec: 13 * 3600 },
            },
          ],
          flexibleArrival: null,
          lateOffLateOn: [],
        },
      ],
      week: { 1: 'day', 2: 'day', 3: 'day', 4: 'day', 5: 'day', 6: null, 7: null },
      free: null,
      gpsLocations: [{ name: '总部', address: '深圳', latitude: 22.540503, longitude: 113.934528, radiusMeters: 300 }],
      wifiLocations: [{ ssid: 'office', bssid: '3a:07:16:52:cd:6e' }],
      specialWorkdays: [],
      specialOffdays: [{ date: '2026-10-01', note: '国庆' }],
      followsHolidayCalendar: true,
      remedy: {
        allowed: true,
        monthlyLimit: 3,
        daysLimit: 7,
        forMissing: true,
        forLate: false,
        forEarly: false,
        forOther: false,
        forNormal: false,
      },
      faceRecognition: false,
      faceLiveness: 'none',
      photoRequired: false,
      outOfRange: 'forbidden',
      overtime: { workday: false, restDay: false, holiday: false },
      punchReminder: null,
      restDayPunch: null,
    };
    expect(ruleContentHash(rule)).toBe('2f75cf0b4dd08a7a68084bdffa44998572da69c82fdff56555c86b4ebe54328c');
    // What the v3 format (#17 to #19), the v2 format (2026-11-21 to #17) and the v1 format before it stored for
    // the same rule (the v3 and v2 values are the ones this test pinned for ruleContentHash under them), and
    // still compare with.
    expect(legacyRuleContentHashes(rule)).toEqual([
      '48127405a7e8f81d5f684708020739fd5e706ea6ab6c62af555c1955b9324af6',
      '3fd9c60256d999c3d70df83d5d2440af54cba99fcfbead118e46d0b3b59cf339',
      '5572b33c5633d67fc9011478a2f5e53033f3d971849c7ffbef396bd1beaf2ca5',
    ]);
  });
});

describe('normalizeFreshRule', () => {
  /** A rule shaped like normalizeRule's output (its key order) but with every list out of order. */
  function reordered(rule: CanonicalRule): CanonicalRule {
    const normal = normalizeRule(rule);
    return {
      ...normal,
      members: {
        userIds: [...normal.members.userIds].reverse(),
        departmentIds: [...normal.members.departmentIds].reverse(),
        excludedUserIds: [...normal.members.excludedUserIds, ...normal.members.excludedUserIds],
      },
      shifts: [...normal.shifts].reverse().map((shift) => ({
        ...shift,
        sections: [...shift.sections].reverse(),
        lateOffLateOn: [...shift.lateOffLateOn].reverse(),
      })),
      gpsLocations: [...normal.gpsLocations].reverse(),
      wifiLocations: [...normal.wifiLocations, ...normal.wifiLocations],
      specialWorkdays: [...normal.specialWorkdays].reverse(),
      specialOffdays: [...normal.specialOffdays].reverse(),
    };
  }

  it('gives normalizeRule’s canonical form, key order included, for a rule built in canonical shape', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const source = reordered(rule);
        const expected = normalizeRule(source);
        const fresh = normalizeFreshRule(structuredClone(source));
        expect(fresh).toStrictEqual(expected);
        expect(JSON.stringify(fresh)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ruleContentHash of special workdays sharing a date', () => {
  // Found by canonical.properties.spec.ts (seed 1533011167): two entries of one date, shift and note that
  // differ only in their sections hashed differently depending on their order.
  const rule = {
    kind: 'fixed',
    name: '',
    timeZone: 'Asia/Shanghai',
    idSpace: 'feishu',
    members: { userIds: [], departmentIds: [], excludedUserIds: [] },
    shifts: [
      {
        key: '-MDra8QX+Qt!',
        name: '',
        sections: [
          {
            onSec: 0,
            offSec: 1,
            punchWindow: null,
            noPunchOn: false,
            noPunchOff: false,
            lateGraceSec: 0,
            earlyLeaveGraceSec: 0,
            seriousLateSec: null,
            rest: null,
          },
        ],
        flexibleArrival: null,
        lateOffLateOn: [],
      },
    ],
    week: {},
    free: { workdays: [], requiredWorkSec: null, dayStartSec: 0 },
    gpsLocations: [],
    wifiLocations: [],
    specialWorkdays: [
      {
        date: '2026-10-21',
        shiftKey: '-MDra8QX+Qt!',
        sections: [
          {
            onSec: 0,
            offSec: 1,
            punchWindow: null,
            noPunchOn: false,
            noPunchOff: false,
            lateGraceSec: 0,
            earlyLeaveGraceSec: 0,
            seriousLateSec: null,
            rest: null,
          },
        ],
        note: '',
      },
      {
        date: '2026-10-21',
        shiftKey: '-MDra8QX+Qt!',
        sections: [
          {
            onSec: 0,
            offSec: 1,
            punchWindow: null,
            noPunchOn: false,
            noPunchOff: false,
            lateGraceSec: 0,
            earlyLeaveGraceSec: 0,
            seriousLateSec: null,
            rest: { beginSec: 0, endSec: 0 },
          },
        ],
        note: '',
      },
    ],
    specialOffdays: [],
    followsHolidayCalendar: false,
    remedy: {
      allowed: false,
      monthlyLimit: null,
      daysLimit: null,
      forMissing: false,
      forLate: false,
      forEarly: false,
      forOther: false,
      forNormal: false,
    },
    faceRecognition: false,
    faceLiveness: 'none',
    photoRequired: false,
    outOfRange: 'exception',
    overtime: { workday: null, restDay: null, holiday: null },
    punchReminder: null,
    restDayPunch: null,
  } as unknown as CanonicalRule;

  it('does not depend on their order', () => {
    const reversed: CanonicalRule = { ...rule, specialWorkdays: [...rule.specialWorkdays].reverse() };
    expect(ruleContentHash(reversed)).toBe(ruleContentHash(rule));
  });
});
