import fc from 'fast-check';
import { wecomCheckinGroupReadSchema, type WecomCheckinGroupCreate, type WecomOtInfoV2 } from '@app/wecom/model';
import { mergeCheckinOptionUpdate, renderRule } from '../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { validateCheckinOption } from '../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { CanonicalRule } from '../src/canonical/canonical-rule.js';
import { sameIdResolver } from '../src/canonical/id-resolver.js';
import type { Translation } from '../src/canonical/loss.js';
import { normalizeRule } from '../src/canonical/normalize-rule.js';
import { resolveRuleIds } from '../src/canonical/resolve-rule-ids.js';
import { ruleContentHash } from '../src/canonical/rule-hash.js';
import { feishuToCanonical } from '../src/feishu/feishu-to-canonical.mapper.js';
import { canonicalToWecom } from '../src/wecom/canonical-to-wecom.mapper.js';
import { wecomToCanonical } from '../src/wecom/wecom-to-canonical.mapper.js';
import { mergeWecomRuleUpdate } from '../src/wecom/wecom-update-merge.js';
import {
  anyRuleArbitrary,
  ARBITRARY_NOW_UNIX_SECONDS,
  ARBITRARY_TIME_ZONE,
  representableRuleArbitrary,
} from './canonical-rule.arbitrary.js';
import { comparable } from './rule-comparison.js';
import { PropertyReach } from '../../../test/support/property-reach.js';

// Cross-vendor properties of the WeCom mappers (and the Feishu reader's totality). canonical → Feishu lives
// in feishu-translation.properties.spec.ts, so each half runs as soon as its mapper exists.

const identity = sameIdResolver((id) => id);
const wecomOptions = (rule: CanonicalRule) => ({
  resolver: identity,
  ruleName: rule.name,
  nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS,
});

/** What getcorpcheckinoption returns for a rule just created with `group` (the emulator's rendering). */
function wecomReadForm(group: unknown): unknown {
  return renderRule(
    {
      groupid: 1001,
      owner: 'gateway',
      group: structuredClone(group) as Record<string, unknown>,
      create_time: ARBITRARY_NOW_UNIX_SECONDS,
      create_userid: 'admin',
      update_userid: 'admin',
    },
    'corp',
  );
}

/**
 * Representable rules whose punch reminder fits before every section: WeCom keeps a reminder inside the day
 * (never before 00:00), so a section starting earlier than the reminder's lead cannot hold it exactly (the
 * writer uses the nearest smaller lead and says so; canonical.properties covers that case). The filter keeps most
 * generated rules, as leads are at most an hour and few sections start before 01:00.
 */
function representableWecomRuleArbitrary(kind?: CanonicalRule['kind']): fc.Arbitrary<CanonicalRule> {
  return representableRuleArbitrary(kind).filter((rule) => {
    const lead = rule.punchReminder?.beforeOnSec ?? 0;
    return rule.shifts.every((shift) => shift.sections.every((section) => section.onSec >= lead));
  });
}

/**
 * What WeCom does not carry of a representable rule: shift keys (see below), fixed shifts' names, and a free
 * rule's punch reminder (WeCom keeps reminders on time sections; a free rule has none, and the writer says so).
 */
function notCarriedBy(rule: CanonicalRule) {
  return { shiftKeys: true, shiftNames: rule.kind === 'fixed', punchReminder: rule.kind === 'free' };
}

function expectWellFormedRefusal<T>(translation: Translation<T>): void {
  if (translation.ok) return;
  expect(translation.losses.some((loss) => loss.severity === 'blocking')).toBe(true);
  expect('value' in translation).toBe(false);
}

describe('canonical → WeCom', () => {
  it('never throws; every payload passes WeCom validation; every refusal says why', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const result = canonicalToWecom(rule, wecomOptions(rule));
        if (result.ok) {
          expect(
            validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS }),
          ).toBeNull();
          expect(result.losses.some((loss) => loss.severity === 'blocking')).toBe(false);
        } else {
          expectWellFormedRefusal(result);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('translates every representable rule, with no loss beyond "info"', () => {
    fc.assert(
      fc.property(representableWecomRuleArbitrary(), (rule) => {
        const result = canonicalToWecom(rule, wecomOptions(rule));
        expect(result.losses.filter((loss) => loss.severity !== 'info')).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('WeCom → canonical', () => {
  it('never throws on any JSON; a refusal says why', () => {
    fc.assert(
      fc.property(fc.anything(), (group) => expectWellFormedRefusal(wecomToCanonical(group))),
      { numRuns: 3000 },
    );
  });

  it('never throws on a real rule with one field replaced by anything', () => {
    const reach = new PropertyReach();
    fc.assert(
      fc.property(representableRuleArbitrary(), fc.nat(), fc.anything(), (rule, pick, junk) => {
        const translated = canonicalToWecom(rule, wecomOptions(rule));
        if (!translated.ok) return;
        reach.reached();
        const group = wecomReadForm(translated.value) as Record<string, unknown>;
        const keys = Object.keys(group);
        const key = keys[pick % keys.length] ?? 'grouptype';
        expectWellFormedRefusal(wecomToCanonical({ ...group, [key]: junk }));
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: representable rules translate: all 2000 on the fixed seed.
    reach.expectAtLeast(1800, 'rules WeCom can hold');
  });
});

/*
 * Identity: canonical → WeCom → canonical gives the rule back, after moving it into WeCom's id space with the
 * identity resolver. Not carried by WeCom, and so excused:
 *  - shift keys, all kinds: a fixed rule's shift key is derived from its layout, a shift-based rule's from the
 *    schedule_id the mapper assigns. Shifts are matched by content, and the week refers to them that way;
 *  - shift names of FIXED rules (a checkindate entry has no name); shift-based schedule names ARE compared;
 *  - the punch reminder of a FREE rule (it has no time sections to carry one).
 * Everything else is compared: kind, name (passed as ruleName), time zone, members, every section time, window,
 * grace, rest and flag, flexible arrival, late-off-late-on, week, free settings, locations, Wi-Fi, special
 * offdays with notes, holiday calendar, remedy (with its normal-punch flag), face and liveness, photo,
 * out-of-range policy, overtime per kind of day, punch reminder, rest-day punching.
 */
describe('canonical → WeCom → canonical', () => {
  for (const [label, read] of [
    ['through what WeCom reads back (getcorpcheckinoption)', wecomReadForm],
    // The create payload plus the id WeCom assigns: the mapper must not lean on the defaults the read fills in.
    ['from the create payload with its groupid', (group: unknown) => ({ groupid: 1001, ...(group as object) })],
  ] as const) {
    it(`is the identity on representable rules, ${label}`, () => {
      fc.assert(
        fc.property(representableWecomRuleArbitrary(), (rule) => {
          const expected = resolveRuleIds(rule, 'wecom', identity).rule;
          const there = canonicalToWecom(rule, wecomOptions(rule));
          if (!there.ok) throw new Error(`refused: ${JSON.stringify(there.losses)}`);
          const back = wecomToCanonical(read(there.value), { timeZone: ARBITRARY_TIME_ZONE });
          if (!back.ok) throw new Error(`read back refused: ${JSON.stringify(back.losses)}`);
          const notCarried = notCarriedBy(rule);
          expect(comparable(back.value, notCarried)).toEqual(comparable(expected, notCarried));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('reading back is stable: WeCom → canonical → WeCom → canonical changes nothing more', () => {
    const reach = new PropertyReach();
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const first = canonicalToWecom(rule, wecomOptions(rule));
        if (!first.ok) return;
        reach.reached();
        const once = wecomToCanonical(wecomReadForm(first.value));
        if (!once.ok) throw new Error(`read back refused: ${JSON.stringify(once.losses)}`);
        const second = canonicalToWecom(once.value, wecomOptions(once.value));
        if (!second.ok) throw new Error(`second write refused: ${JSON.stringify(second.losses)}`);
        const twice = wecomToCanonical(wecomReadForm(second.value));
        if (!twice.ok) throw new Error(`second read refused: ${JSON.stringify(twice.losses)}`);
        expect(normalizeRule(twice.value)).toEqual(normalizeRule(once.value));
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: of 1000 wild rules, about 460 translate on the fixed seed.
    reach.expectAtLeast(200, 'rules WeCom can hold');
  });
});

/*
 * Read-modify-write (wecom-update-merge.ts): the update the gateway sends for a rule WeCom already holds. WeCom
 * keeps top-level fields it is not sent and replaces the objects and arrays it is sent, so what the source does
 * not determine must come from what WeCom holds, and an unchanged source must compare equal and write nothing.
 */
describe('read-modify-write: mergeWecomRuleUpdate', () => {
  /** Overtime settings an admin set in WeCom and the canonical model does not hold. */
  const ADMIN_OVERTIME: Record<keyof WecomOtInfoV2, Omit<WecomOtInfoV2['workdayconf'], 'allow_ot'>> = {
    workdayconf: {
      type: 1,
      checkin: { ot_time_start: 1800, ot_time_min: 3600, ot_time_max: 14400 },
      ot_trans_enable: true,
      ot_trans_type: 2,
      vacation: { trans_ratio: 150, sync_vacation: false },
    },
    restdayconf: {
      type: 0,
      applycheckin: { restinfo: { type: 2, cal_ottime_rule: { items: [{ ot_time: 18000, rest_time: 3600 }] } } },
    },
    holidayconf: {
      type: 2,
      apply: { restinfo: { type: 1, fix_time_rule_list: [{ fix_time_begin_sec: 43200, fix_time_end_sec: 46800 }] } },
    },
  };

  /** The rule as WeCom holds it after an admin edited its overtime details: the group, and its read. */
  function held(rule: CanonicalRule): { stored: Record<string, unknown>; read: ReturnType<typeof parseRead> } | null {
    const written = canonicalToWecom(rule, wecomOptions(rule));
    if (!written.ok) return null;
    const stored = structuredClone(written.value) as Record<string, unknown> & WecomCheckinGroupCreate;
    for (const name of ['workdayconf', 'restdayconf', 'holidayconf'] as const) {
      stored.ot_info_v2[name] = { ...ADMIN_OVERTIME[name], allow_ot: stored.ot_info_v2[name].allow_ot };
    }
    return { stored, read: parseRead(stored) };
  }

  function parseRead(stored: Record<string, unknown>) {
    return wecomCheckinGroupReadSchema.parse(JSON.parse(JSON.stringify(wecomReadForm(stored))));
  }

  function hashOf(group: unknown): string {
    const read = wecomToCanonical(group);
    if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.losses)}`);
    return ruleContentHash(read.value);
  }

  /** What the gateway sends (updateRequests): the update without empty arrays, then a clear of those WeCom holds. */
  function applyUpdate(stored: Record<string, unknown>, group: WecomCheckinGroupCreate): Record<string, unknown> {
    const update: Record<string, unknown> = {};
    const cleared: string[] = [];
    for (const [key, value] of Object.entries(group)) {
      if (Array.isArray(value) && value.length === 0) cleared.push(key);
      else update[key] = value;
    }
    const merged = mergeCheckinOptionUpdate(stored, update);
    for (const key of cleared) merged[key] = [];
    return merged;
  }

  it('merging a rule’s own group with WeCom’s read of it writes nothing, and keeps the overtime details', () => {
    fc.assert(
      fc.property(representableWecomRuleArbitrary(), (rule) => {
        const wecomRule = resolveRuleIds(rule, 'wecom', identity).rule;
        const state = held(wecomRule);
        if (state === null) throw new Error('refused');
        const desired = canonicalToWecom(wecomRule, wecomOptions(wecomRule));
        if (!desired.ok) throw new Error('refused');
        const merged = mergeWecomRuleUpdate(desired.value, state.read, wecomRule);
        expect(merged.losses).toEqual([]);
        expect(hashOf({ ...merged.group, groupid: 1001 })).toBe(hashOf(state.read));
        for (const name of ['workdayconf', 'restdayconf', 'holidayconf'] as const) {
          expect(merged.group.ot_info_v2[name]).toEqual({
            ...ADMIN_OVERTIME[name],
            allow_ot: desired.value.ot_info_v2[name].allow_ot,
          });
        }
        expect(
          validateCheckinOption(merged.group, { mode: 'add', nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS }),
        ).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('a source that leaves WeCom-only settings open (as Feishu does) keeps WeCom’s, compares equal, and converges', () => {
    fc.assert(
      fc.property(representableWecomRuleArbitrary(), (rule) => {
        const wecomRule = resolveRuleIds(rule, 'wecom', identity).rule;
        const state = held(wecomRule);
        if (state === null) throw new Error('refused');
        // What a Feishu source says of the same rule: nothing about overtime, reminders or rest-day punching.
        const source: CanonicalRule = {
          ...wecomRule,
          overtime: { workday: null, restDay: null, holiday: null },
          punchReminder: null,
          restDayPunch: null,
        };
        const desired = canonicalToWecom(source, wecomOptions(source));
        if (!desired.ok) throw new Error('refused');
        const merged = mergeWecomRuleUpdate(desired.value, state.read, source);
        expect(hashOf({ ...merged.group, groupid: 1001 })).toBe(hashOf(state.read));
        // Sent anyway, it changes nothing WeCom holds, and WeCom accepts it.
        const after = applyUpdate(state.stored, merged.group);
        expect(
          validateCheckinOption(
            { ...after, groupid: 1001 },
            { mode: 'update', nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS },
          ),
        ).toBeNull();
        expect(hashOf(parseRead(after))).toBe(hashOf(state.read));
        expect(after.ot_info_v2).toEqual(state.stored.ot_info_v2);
      }),
      { numRuns: 500 },
    );
  });

  // Of the same kind: WeCom cannot turn a rule into another kind by an update (the arrays of the old kind cannot
  // be cleared, and the new kind refuses them: 301094 "freegroup do not have checkindate" and the like).
  const changedPair = representableWecomRuleArbitrary().chain((before) =>
    representableWecomRuleArbitrary(before.kind).map((after) => [before, after] as const),
  );

  it('a changed source is written once; the next run merges to what WeCom then holds (converges)', () => {
    fc.assert(
      fc.property(changedPair, ([before, after]) => {
        const oldRule = resolveRuleIds(before, 'wecom', identity).rule;
        const newRule = { ...resolveRuleIds(after, 'wecom', identity).rule, name: oldRule.name };
        const state = held(oldRule);
        const desired = canonicalToWecom(newRule, wecomOptions(newRule));
        if (state === null || !desired.ok) throw new Error('refused');
        const first = mergeWecomRuleUpdate(desired.value, state.read, newRule);
        const stored = applyUpdate(state.stored, first.group);
        expect(
          validateCheckinOption(
            { ...stored, groupid: 1001 },
            { mode: 'update', nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS },
          ),
        ).toBeNull();
        const read = parseRead(stored);
        expect(hashOf(read)).toBe(hashOf({ ...first.group, groupid: 1001 }));
        const second = mergeWecomRuleUpdate(desired.value, read, newRule);
        expect(hashOf({ ...second.group, groupid: 1001 })).toBe(hashOf(read));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Feishu → canonical', () => {
  it('never throws on any JSON; a refusal says why', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 4 }), (group, shifts) =>
        expectWellFormedRefusal(feishuToCanonical({ group, shifts })),
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws when the input itself is not the documented object', () => {
    fc.assert(
      fc.property(fc.anything(), (input) =>
        expectWellFormedRefusal(feishuToCanonical(input as Parameters<typeof feishuToCanonical>[0])),
      ),
      { numRuns: 1000 },
    );
  });
});
