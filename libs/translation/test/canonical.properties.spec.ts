import fc from 'fast-check';
import type { CanonicalRule } from '../src/canonical/canonical-rule.js';
import { sameIdResolver, tableIdResolver } from '../src/canonical/id-resolver.js';
import {
  feishuGroupIdFromLegacyRuleName as feishuGroupIdFromRuleName,
  isLegacyGatewayRuleName as isGatewayRuleName,
  legacyWecomRuleNameFor as wecomRuleNameFor,
  withoutLegacyRuleNameTag,
} from '../src/canonical/legacy-rule-names.js';
import { WECOM_RULE_NAME_MAX_CHARACTERS as WECOM_GROUPNAME_MAX_CHARACTERS } from '../src/canonical/plain-rule-names.js';
import { normalizeRule } from '../src/canonical/normalize-rule.js';
import { resolveRuleIds } from '../src/canonical/resolve-rule-ids.js';
import { ruleContentHash } from '../src/canonical/rule-hash.js';
import { stableStringify } from '../src/canonical/text.util.js';
import { anyRuleArbitrary, representableRuleArbitrary } from './canonical-rule.arbitrary.js';
import { scrambleRule } from './rule-scramble.js';
import { PropertyReach } from '../../../test/support/property-reach.js';

// Properties of the shared canonical utilities (no mapper involved). The cross-vendor properties are in
// translation.properties.spec.ts.

describe('normalizeRule', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const once = normalizeRule(rule);
        expect(normalizeRule(once)).toStrictEqual(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('erases vendor noise: array order, MAC case and separators, key order, coordinate float noise', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), fc.integer(), (rule, seed) => {
        expect(normalizeRule(scrambleRule(rule, seed))).toStrictEqual(normalizeRule(rule));
      }),
      { numRuns: 3000 },
    );
  });

  it('spells a fixed rule week with every weekday, missing days as rest (null)', () => {
    fc.assert(
      fc.property(representableRuleArbitrary('fixed'), (rule) => {
        const workingOnly = Object.fromEntries(Object.entries(rule.week).filter(([, key]) => key !== null));
        expect(normalizeRule({ ...rule, week: workingOnly })).toStrictEqual(normalizeRule(rule));
        expect(Object.keys(normalizeRule(rule).week)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      }),
      { numRuns: 500 },
    );
  });

  it('rounds coordinates to 6 decimals and lower-cases BSSIDs', () => {
    const rule = normalizeRule({
      ...sampleRule(),
      gpsLocations: [{ name: 'HQ', address: 'A', latitude: 30.5470301234, longitude: -0.0000001, radiusMeters: 300 }],
      wifiLocations: [{ ssid: 'w', bssid: 'C0-7B-BC-37-F8-D3' }],
    });
    expect(rule.gpsLocations[0]).toMatchObject({ latitude: 30.54703, longitude: 0 });
    expect(Object.is(rule.gpsLocations[0]?.longitude, -0)).toBe(false);
    expect(rule.wifiLocations[0]?.bssid).toBe('c0:7b:bc:37:f8:d3');
  });
});

describe('ruleContentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(ruleContentHash(sampleRule())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is invariant under array shuffles, MAC case, key order and coordinate noise', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), fc.integer(), (rule, seed) => {
        expect(ruleContentHash(scrambleRule(rule, seed))).toBe(ruleContentHash(rule));
      }),
      { numRuns: 3000 },
    );
  });

  it('changes when a section time changes', () => {
    const reach = new PropertyReach();
    fc.assert(
      fc.property(
        fc.oneof(representableRuleArbitrary('fixed'), representableRuleArbitrary('shift_based')),
        fc.constantFrom<'onSec' | 'offSec'>('onSec', 'offSec'),
        fc.integer({ min: 1, max: 120 }).map((minutes) => minutes * 60),
        (rule, field, delta) => {
          const [shift, ...others] = rule.shifts;
          if (shift === undefined) return;
          const [section, ...rest] = shift.sections;
          if (section === undefined) return;
          reach.reached();
          const moved = { ...section, [field]: section[field] + delta };
          const changed: CanonicalRule = {
            ...rule,
            shifts: [{ ...shift, sections: [moved, ...rest] }, ...others],
          };
          expect(ruleContentHash(changed)).not.toBe(ruleContentHash(rule));
        },
      ),
      { numRuns: 2000 },
    );
    // Not vacuous: all but a few of the 2000 runs: representable rules have sections.
    reach.expectAtLeast(1800, 'rules with a section');
  });

  it('changes on any other meaningful edit', () => {
    const edits: readonly [string, (rule: CanonicalRule) => CanonicalRule][] = [
      ['name', (rule) => ({ ...rule, name: `${rule.name}x` })],
      ['kind', (rule) => ({ ...rule, kind: rule.kind === 'free' ? 'fixed' : 'free' })],
      ['idSpace', (rule) => ({ ...rule, idSpace: rule.idSpace === 'feishu' ? 'wecom' : 'feishu' })],
      [
        'member added',
        (rule) => ({ ...rule, members: { ...rule.members, userIds: [...rule.members.userIds, 'someone-new'] } }),
      ],
      ['photo flag', (rule) => ({ ...rule, photoRequired: !rule.photoRequired })],
      ['holiday calendar', (rule) => ({ ...rule, followsHolidayCalendar: !rule.followsHolidayCalendar })],
      [
        'overtime on holidays',
        (rule) => ({ ...rule, overtime: { ...rule.overtime, holiday: rule.overtime.holiday === true ? false : true } }),
      ],
      [
        'overtime on rest days known or not',
        (rule) => ({ ...rule, overtime: { ...rule.overtime, restDay: rule.overtime.restDay === null ? false : null } }),
      ],
      ['liveness kind', (rule) => ({ ...rule, faceLiveness: rule.faceLiveness === 'action' ? 'silent' : 'action' })],
      [
        'punch reminder',
        (rule) => ({
          ...rule,
          punchReminder:
            rule.punchReminder === null
              ? { beforeOnSec: 0, afterOffSec: 0 }
              : { ...rule.punchReminder, afterOffSec: rule.punchReminder.afterOffSec + 60 },
        }),
      ],
      [
        'rest-day punching',
        (rule) => ({ ...rule, restDayPunch: rule.restDayPunch === 'approval' ? 'forbidden' : 'approval' }),
      ],
      [
        'normal-punch remedy',
        (rule) => ({
          ...rule,
          remedy: { ...rule.remedy, allowed: true, forNormal: !(rule.remedy.allowed && rule.remedy.forNormal) },
        }),
      ],
      [
        'remedy',
        // With make-up punches off the per-type switches mean nothing (normalizeRule), so switch them on.
        (rule) => ({
          ...rule,
          remedy: rule.remedy.allowed
            ? { ...rule.remedy, forOther: !rule.remedy.forOther }
            : { ...rule.remedy, allowed: true },
        }),
      ],
      [
        'special offday added',
        (rule) => ({ ...rule, specialOffdays: [...rule.specialOffdays, { date: '2030-01-01', note: 'x' }] }),
      ],
      [
        'radius',
        (rule) => ({
          ...rule,
          gpsLocations: rule.gpsLocations.map((gps, index) =>
            index === 0 ? { ...gps, radiusMeters: gps.radiusMeters + 100 } : gps,
          ),
          wifiLocations: rule.gpsLocations.length === 0 ? [] : rule.wifiLocations,
        }),
      ],
    ];
    fc.assert(
      fc.property(representableRuleArbitrary(), fc.constantFrom(...edits), (rule, [, edit]) => {
        expect(ruleContentHash(edit(rule))).not.toBe(ruleContentHash(rule));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stableStringify', () => {
  it('sorts keys and leaves out undefined members', () => {
    expect(stableStringify({ b: 1, a: [undefined, { d: undefined, c: 'x' }] })).toBe('{"a":[null,{"c":"x"}],"b":1}');
  });
});

describe('resolveRuleIds', () => {
  const users = new Map([
    ['fu1', 'wu1'],
    ['fu2', 'wu2'],
  ]);
  const departments = new Map([['fd1', 'wd1']]);
  const resolver = tableIdResolver(users, departments);

  it('keeps a rule already in the target id space as it is (sorted, deduplicated)', () => {
    const rule = { ...sampleRule(), idSpace: 'wecom' as const };
    const result = resolveRuleIds(rule, 'wecom', resolver);
    expect(result.rule).toEqual(rule);
    expect(result.losses).toEqual([]);
  });

  it('leaves blank ids out with a dropped loss, in any id space', () => {
    const rule = {
      ...sampleRule(),
      idSpace: 'wecom' as const,
      members: { userIds: ['u1', ' ', ''], departmentIds: [''], excludedUserIds: [] },
    };
    const { rule: kept, losses } = resolveRuleIds(rule, 'wecom', resolver);
    expect(kept.members).toEqual({ userIds: ['u1'], departmentIds: [], excludedUserIds: [] });
    expect(losses.map((loss) => [loss.field, loss.severity])).toEqual([
      ['members.userIds', 'dropped'],
      ['members.departmentIds', 'dropped'],
    ]);
  });

  it('moves mapped ids and leaves unmapped ones out with a dropped loss naming them', () => {
    const rule: CanonicalRule = {
      ...sampleRule(),
      idSpace: 'feishu',
      members: { userIds: ['fu1', 'ghost', 'fu2'], departmentIds: ['fd1', 'fd9'], excludedUserIds: ['fu2'] },
    };
    const { rule: moved, losses } = resolveRuleIds(rule, 'wecom', resolver);
    expect(moved.idSpace).toBe('wecom');
    expect(moved.members).toEqual({ userIds: ['wu1', 'wu2'], departmentIds: ['wd1'], excludedUserIds: ['wu2'] });
    expect(losses).toEqual([
      expect.objectContaining({ field: 'members.userIds', severity: 'dropped', sourceValue: ['ghost'] }),
      expect.objectContaining({ field: 'members.departmentIds', severity: 'dropped', sourceValue: ['fd9'] }),
    ]);
    expect(losses[0]?.message).toContain('ghost');
  });

  it('never invents an id: every output id is the image of an input id', () => {
    fc.assert(
      fc.property(
        anyRuleArbitrary(),
        fc.func(fc.option(fc.string({ maxLength: 8 }), { nil: null })),
        (rule, mapUser) => {
          const oneWay = { user: (id: string) => mapUser(id), department: () => null };
          const to = rule.idSpace === 'feishu' ? 'wecom' : 'feishu';
          const { rule: moved, losses } = resolveRuleIds(rule, to, oneWay);
          const blank = (id: string | null) => id === null || id.trim() === '';
          const images = new Set(rule.members.userIds.filter((id) => !blank(id)).map((id) => mapUser(id)));
          for (const id of moved.members.userIds) expect(images.has(id)).toBe(true);
          expect(moved.members.userIds.every((id) => !blank(id))).toBe(true);
          expect(moved.members.departmentIds).toEqual([]);
          // Unknown (non-blank) ids are named in the loss; blank ids are counted in a loss of their own.
          const unknown = rule.members.userIds.filter((id) => !blank(id) && blank(mapUser(id)));
          const named = losses.find((loss) => loss.field === 'members.userIds' && loss.sourceValue !== undefined);
          if (unknown.length === 0) expect(named).toBeUndefined();
          else expect(named?.sourceValue).toEqual(unknown);
          expect(losses.every((loss) => loss.severity === 'dropped')).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('with "same ids" for users keeps them all', () => {
    const rule = { ...sampleRule(), idSpace: 'feishu' as const };
    const { rule: moved, losses } = resolveRuleIds(
      rule,
      'wecom',
      sameIdResolver((id) => id),
    );
    expect(moved.members).toEqual(rule.members);
    expect(losses).toEqual([]);
  });
});

describe('legacy gateway WeCom rule names (·fs), still recognised', () => {
  const feishuIdArbitrary = fc.oneof(
    fc.bigInt({ min: 1n, max: 10n ** 19n - 1n }).map(String),
    fc.bigInt({ min: 0n, max: 10n ** 32n - 1n }).map(String),
    fc.string({ minLength: 1, maxLength: 40 }),
  );
  const nameArbitrary = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 60 }));

  it('are stable, within the groupname limit, recognised, and name the group they came from', () => {
    fc.assert(
      fc.property(nameArbitrary, feishuIdArbitrary, (name, feishuGroupId) => {
        const ruleName = wecomRuleNameFor({ name, feishuGroupId });
        expect(wecomRuleNameFor({ name, feishuGroupId })).toBe(ruleName);
        expect([...ruleName].length).toBeLessThanOrEqual(WECOM_GROUPNAME_MAX_CHARACTERS);
        expect(ruleName.length).toBeGreaterThan(0);
        expect(isGatewayRuleName(ruleName)).toBe(true);
        if (/^(0|[1-9]\d{0,31})$/.test(feishuGroupId)) expect(feishuGroupIdFromRuleName(ruleName)).toBe(feishuGroupId);
      }),
      { numRuns: 3000 },
    );
  });

  it('differ for distinct Feishu groups, whatever their display names', () => {
    fc.assert(
      fc.property(nameArbitrary, nameArbitrary, feishuIdArbitrary, feishuIdArbitrary, (nameA, nameB, idA, idB) => {
        fc.pre(idA !== idB);
        expect(wecomRuleNameFor({ name: nameA, feishuGroupId: idA })).not.toBe(
          wecomRuleNameFor({ name: nameB, feishuGroupId: idB }),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('keep a short name whole and shorten a long one', () => {
    expect(wecomRuleNameFor({ name: '研发部', feishuGroupId: '6919358128597097404' })).toBe(
      `研发部·fs${BigInt('6919358128597097404').toString(36)}`,
    );
    const long = wecomRuleNameFor({ name: '很'.repeat(60), feishuGroupId: '6919358128597097404' });
    expect([...long].length).toBe(WECOM_GROUPNAME_MAX_CHARACTERS);
  });

  it('do not recognise an ordinary rule name', () => {
    for (const name of ['打卡规则1', 'Office·Shanghai', 'x·fs', '·fsABC']) expect(isGatewayRuleName(name)).toBe(false);
    expect(feishuGroupIdFromRuleName('打卡规则1')).toBeNull();
  });

  it('drop their tag to give back the name, and leave other names alone', () => {
    expect(withoutLegacyRuleNameTag(wecomRuleNameFor({ name: '研发部', feishuGroupId: '6919358128597097404' }))).toBe(
      '研发部',
    );
    expect(withoutLegacyRuleNameTag('Office·Shanghai')).toBe('Office·Shanghai');
  });
});

function sampleRule(): CanonicalRule {
  return {
    kind: 'free',
    name: 'Sample',
    timeZone: 'Asia/Shanghai',
    idSpace: 'feishu',
    members: { userIds: ['u1'], departmentIds: [], excludedUserIds: [] },
    shifts: [],
    week: {},
    free: { workdays: [1, 2, 3, 4, 5], requiredWorkSec: null, dayStartSec: 0 },
    gpsLocations: [],
    wifiLocations: [{ ssid: 'office', bssid: 'a4:b1:c2:00:1e:ff' }],
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
      forNormal: true,
    },
    faceRecognition: false,
    faceLiveness: 'none',
    photoRequired: false,
    outOfRange: 'exception',
    overtime: { workday: null, restDay: null, holiday: null },
    punchReminder: null,
    restDayPunch: null,
  };
}
