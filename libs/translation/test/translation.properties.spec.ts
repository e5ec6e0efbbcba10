import fc from 'fast-check';
import { renderRule } from '../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { validateCheckinOption } from '../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { CanonicalRule } from '../src/canonical/canonical-rule.js';
import { sameIdResolver } from '../src/canonical/id-resolver.js';
import type { Translation } from '../src/canonical/loss.js';
import { normalizeRule } from '../src/canonical/normalize-rule.js';
import { resolveRuleIds } from '../src/canonical/resolve-rule-ids.js';
import { feishuToCanonical } from '../src/feishu/feishu-to-canonical.mapper.js';
import { canonicalToWecom } from '../src/wecom/canonical-to-wecom.mapper.js';
import { wecomToCanonical } from '../src/wecom/wecom-to-canonical.mapper.js';
import {
  anyRuleArbitrary,
  ARBITRARY_NOW_UNIX_SECONDS,
  ARBITRARY_TIME_ZONE,
  representableRuleArbitrary,
} from './canonical-rule.arbitrary.js';
import { comparable } from './rule-comparison.js';

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
      fc.property(representableRuleArbitrary(), (rule) => {
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
    fc.assert(
      fc.property(representableRuleArbitrary(), fc.nat(), fc.anything(), (rule, pick, junk) => {
        const translated = canonicalToWecom(rule, wecomOptions(rule));
        if (!translated.ok) return;
        const group = wecomReadForm(translated.value) as Record<string, unknown>;
        const keys = Object.keys(group);
        const key = keys[pick % keys.length] ?? 'grouptype';
        expectWellFormedRefusal(wecomToCanonical({ ...group, [key]: junk }));
      }),
      { numRuns: 2000 },
    );
  });
});

/*
 * Identity: canonical → WeCom → canonical gives the rule back, after moving it into WeCom's id space with the
 * identity resolver. Not carried by WeCom, and so excused:
 *  - shift keys, all kinds: a fixed rule's shift key is derived from its layout, a shift-based rule's from the
 *    schedule_id the mapper assigns. Shifts are matched by content, and the week refers to them that way;
 *  - shift names of FIXED rules (a checkindate entry has no name); shift-based schedule names ARE compared.
 * Everything else is compared: kind, name (passed as ruleName), time zone, members, every section time, window,
 * grace, rest and flag, flexible arrival, late-off-late-on, week, free settings, locations, Wi-Fi, special
 * offdays with notes, holiday calendar, remedy, face, photo, out-of-range policy, overtime.
 */
describe('canonical → WeCom → canonical', () => {
  for (const [label, read] of [
    ['through what WeCom reads back (getcorpcheckinoption)', wecomReadForm],
    // The create payload plus the id WeCom assigns: the mapper must not lean on the defaults the read fills in.
    ['from the create payload with its groupid', (group: unknown) => ({ groupid: 1001, ...(group as object) })],
  ] as const) {
    it(`is the identity on representable rules, ${label}`, () => {
      fc.assert(
        fc.property(representableRuleArbitrary(), (rule) => {
          const expected = resolveRuleIds(rule, 'wecom', identity).rule;
          const there = canonicalToWecom(rule, wecomOptions(rule));
          if (!there.ok) throw new Error(`refused: ${JSON.stringify(there.losses)}`);
          const back = wecomToCanonical(read(there.value), { timeZone: ARBITRARY_TIME_ZONE });
          if (!back.ok) throw new Error(`read back refused: ${JSON.stringify(back.losses)}`);
          const notCarried = { shiftKeys: true, shiftNames: rule.kind === 'fixed' };
          expect(comparable(back.value, notCarried)).toEqual(comparable(expected, notCarried));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('reading back is stable: WeCom → canonical → WeCom → canonical changes nothing more', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const first = canonicalToWecom(rule, wecomOptions(rule));
        if (!first.ok) return;
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
