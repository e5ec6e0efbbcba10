import fc from 'fast-check';
import { feishuGroupCreateSchema, feishuShiftCreateSchema } from '@app/feishu/model';
import { validateCheckinOption } from '../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { CanonicalRule } from '../src/canonical/canonical-rule.js';
import { sameIdResolver } from '../src/canonical/id-resolver.js';
import { resolveRuleIds } from '../src/canonical/resolve-rule-ids.js';
import {
  bindFeishuShiftIds,
  canonicalToFeishu,
  planShiftIds,
  type CanonicalToFeishuOptions,
} from '../src/feishu/canonical-to-feishu.mapper.js';
import { feishuToCanonical } from '../src/feishu/feishu-to-canonical.mapper.js';
import { planAsRead } from '../src/feishu/feishu-read-back.helper.js';
import { canonicalToWecom } from '../src/wecom/canonical-to-wecom.mapper.js';
import {
  anyRuleArbitrary,
  ARBITRARY_NOW_UNIX_SECONDS,
  ARBITRARY_TIME_ZONE,
  representableRuleArbitrary,
} from './canonical-rule.arbitrary.js';
import { comparable } from './rule-comparison.js';

// Cross-vendor properties of canonical → Feishu (the reader's totality is in translation.properties.spec.ts).
// The Feishu read form of a created plan comes from the Feishu mapper's own planAsRead
// (src/feishu/feishu-read-back.helper.ts): group_type 1 → 0, the no_need_* flip, shift keys bound to ids.

const identity = sameIdResolver((id) => id);
const feishuOptions: CanonicalToFeishuOptions = {
  resolver: identity,
  groupLeaderIds: ['leader1'],
  existingShifts: [],
};

describe('canonical → Feishu', () => {
  it('never throws; every plan is valid Feishu create bodies; every refusal says why', () => {
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const result = canonicalToFeishu(rule, feishuOptions);
        if (!result.ok) {
          expect(result.losses.some((loss) => loss.severity === 'blocking')).toBe(true);
          expect('value' in result).toBe(false);
          return;
        }
        expect(result.losses.some((loss) => loss.severity === 'blocking')).toBe(false);
        const created = new Map<string, string>();
        result.value.shifts.forEach((entry, index) => {
          if (entry.action === 'create') {
            expect(feishuShiftCreateSchema.safeParse(entry.shift).error?.issues).toBeUndefined();
            created.set(entry.shiftKey, String(7_000_000_000_000_000_000n + BigInt(index)));
          }
        });
        const group = bindFeishuShiftIds(result.value.groupTemplate, planShiftIds(result.value, created));
        expect(feishuGroupCreateSchema.safeParse(group).error?.issues).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('translates every representable rule, with no loss beyond "info" and the special-day notes', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule) => {
        const result = canonicalToFeishu(rule, feishuOptions);
        // The one loss a representable rule may have: Feishu special days carry no note (excused below).
        const unexpected = result.losses.filter(
          (loss) => loss.severity !== 'info' && !/^specialOffdays\[\d+\]\.note$/.test(loss.field),
        );
        expect(unexpected).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

/*
 * Identity: canonical → Feishu plan → (what Feishu reads back) → canonical gives the rule back, after moving it
 * into the target id space with the identity resolver (Feishu's here). Not carried by Feishu, and so excused:
 *  - shift keys: they become Feishu shift ids; shifts are matched by content;
 *  - shift names: Feishu shift names are tenant-wide and unique, so the mapper names each shift
 *    deterministically from its content ("企微-…"), not from the canonical name;
 *  - special-offday notes: a Feishu special day (no_need_punch_special_days) has no note.
 * Everything else is compared.
 */
describe('canonical → Feishu → canonical', () => {
  it('is the identity on representable rules', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule) => {
        const expected = resolveRuleIds(rule, 'feishu', identity).rule;
        const plan = canonicalToFeishu(rule, feishuOptions);
        if (!plan.ok) throw new Error(`refused: ${JSON.stringify(plan.losses)}`);
        const back = feishuToCanonical(planAsRead(plan.value), { timeZone: ARBITRARY_TIME_ZONE });
        if (!back.ok) throw new Error(`read back refused: ${JSON.stringify(back.losses)}`);
        const notCarried = { shiftKeys: true, shiftNames: true, specialOffdayNotes: true };
        expect(comparable(back.value, notCarried)).toEqual(comparable(expected, notCarried));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Feishu → canonical → WeCom (the sync direction end to end)', () => {
  it('a representable rule read from Feishu yields a WeCom payload WeCom accepts', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule: CanonicalRule) => {
        const plan = canonicalToFeishu(rule, feishuOptions);
        if (!plan.ok) return;
        const canonical = feishuToCanonical(planAsRead(plan.value));
        if (!canonical.ok) throw new Error(`read back refused: ${JSON.stringify(canonical.losses)}`);
        const wecom = canonicalToWecom(canonical.value, {
          resolver: identity,
          ruleName: rule.name,
          nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS,
        });
        if (!wecom.ok) throw new Error(`WeCom refused: ${JSON.stringify(wecom.losses)}`);
        expect(
          validateCheckinOption(wecom.value, { mode: 'add', nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS }),
        ).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
