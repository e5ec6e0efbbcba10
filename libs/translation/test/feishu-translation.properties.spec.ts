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
import { PropertyReach } from '../../../test/support/property-reach.js';

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
    const reach = new PropertyReach();
    fc.assert(
      fc.property(anyRuleArbitrary(), (rule) => {
        const result = canonicalToFeishu(rule, feishuOptions);
        if (!result.ok) {
          expect(result.losses.some((loss) => loss.severity === 'blocking')).toBe(true);
          expect('value' in result).toBe(false);
          return;
        }
        reach.reached();
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
    // Not vacuous: of 3000 wild rules, about 1350 are plannable on the fixed seed.
    reach.expectAtLeast(600, 'rules Feishu can plan');
  });

  it('translates every representable rule; beyond "info", only what Feishu cannot hold is reported, and all of it', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule) => {
        const result = canonicalToFeishu(rule, feishuOptions);
        expect(result.ok).toBe(true);
        const reported = result.losses.filter((loss) => loss.severity !== 'info');
        // Feishu special days carry no note (excused in the round trip below).
        const notes = reported.filter((loss) => /^specialOffdays\[\d+\]\.note$/.test(loss.field));
        expect(notes).toHaveLength(rule.specialOffdays.filter((day) => day.note !== '').length);
        const rest = reported.filter((loss) => !notes.includes(loss));
        expect(rest.map((loss) => [loss.field, loss.severity])).toEqual(expectedProjectionLosses(rule));
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * What canonical → Feishu → canonical gives back for a representable rule, which both vendors hold but Feishu's
 * group only partly: the fields Feishu cannot hold, projected onto what it reads back.
 *  - overtime: the group holds no overtime permission (Feishu's 加班规则 live outside the group API): unknown on
 *    every kind of day;
 *  - punchReminder: Feishu's groups and shifts have none;
 *  - remedy.forOther (WeCom's "other exceptions"): Feishu has no such remedy type;
 *  - restDayPunch: Feishu cannot forbid rest-day punches, 'forbidden' is written as "needs approval"; a rule
 *    that says nothing (null, non-fixed WeCom rules) gets Feishu's default on a new group: allowed.
 *  - free.dayStartSec: carried, but Feishu's punching window ends at 23:59 of the same day (free_end_time is a
 *    time of day), so a later start than 0:00 is reported too; the start itself comes back, except 23:59, which
 *    leaves no window and is written as 0:00.
 * Each projection that changes a value is reported as a loss (expectedProjectionLosses); the null → 'allowed'
 * of restDayPunch is none (the rule said nothing to lose).
 */
function projectedForFeishu(rule: CanonicalRule): CanonicalRule {
  return {
    ...rule,
    overtime: { workday: null, restDay: null, holiday: null },
    punchReminder: null,
    remedy: { ...rule.remedy, forOther: false },
    restDayPunch: rule.restDayPunch === 'forbidden' || rule.restDayPunch === 'approval' ? 'approval' : 'allowed',
    // A day starting at 23:59 leaves no window before 23:59: written as 0:00–23:59.
    free: rule.free && rule.free.dayStartSec >= LAST_MINUTE_SEC ? { ...rule.free, dayStartSec: 0 } : rule.free,
  };
}

const LAST_MINUTE_SEC = (24 * 60 - 1) * 60;

/** The [field, severity] of each non-info loss the projection above must come with, in the mapper's order. */
function expectedProjectionLosses(rule: CanonicalRule): [string, string][] {
  const losses: [string, string][] = [];
  if (rule.remedy.allowed && rule.remedy.forOther) losses.push(['remedy.forOther', 'dropped']);
  const overtime = rule.overtime;
  if (overtime.workday !== null || overtime.restDay !== null || overtime.holiday !== null) {
    losses.push(['overtime', 'dropped']);
  }
  if (rule.free !== null && rule.free.dayStartSec !== 0) losses.push(['free.dayStartSec', 'approximated']);
  if (rule.restDayPunch === 'forbidden') losses.push(['restDayPunch', 'approximated']);
  if (rule.punchReminder !== null) losses.push(['punchReminder', 'dropped']);
  return losses;
}

/*
 * Identity: canonical → Feishu plan → (what Feishu reads back) → canonical gives the rule back, after moving it
 * into the target id space with the identity resolver (Feishu's here) and projecting what Feishu's group cannot
 * hold (projectedForFeishu, each projection reported as a loss: see the property above). Not carried by Feishu,
 * and so excused:
 *  - shift keys: they become Feishu shift ids; shifts are matched by content;
 *  - shift names: Feishu shift names are tenant-wide and unique, so the mapper names each shift
 *    deterministically from its content ("企微-…"), not from the canonical name;
 *  - special-offday notes: a Feishu special day (no_need_punch_special_days) has no note.
 * Everything else is compared.
 */
describe('canonical → Feishu → canonical', () => {
  it('is the identity on representable rules, up to what Feishu cannot hold', () => {
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule) => {
        const expected = projectedForFeishu(resolveRuleIds(rule, 'feishu', identity).rule);
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
    const reach = new PropertyReach();
    fc.assert(
      fc.property(representableRuleArbitrary(), (rule: CanonicalRule) => {
        const plan = canonicalToFeishu(rule, feishuOptions);
        if (!plan.ok) return;
        reach.reached();
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
    // Not vacuous: representable rules are plannable: all 1000 on the fixed seed.
    reach.expectAtLeast(900, 'rules Feishu can plan');
  });
});
