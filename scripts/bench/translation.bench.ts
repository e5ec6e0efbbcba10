// Translation throughput: how many attendance groups per second the pure translation library turns from
// one vendor's read shape into the other's write payload, on one core (it is synchronous JavaScript, so the
// whole loop runs on the main thread). No I/O: the inputs are prepared first and not timed.
//
// The rules are a fixed sample (seeded) of the property tests' representable rules, reshaped to look like a
// real tenant: mixed kinds (fixed / shift-based / free), 1–3 shifts, a few GPS and Wi-Fi locations, and
// ~50 members each.
import fc from 'fast-check';
import { renderRule } from '../../apps/emulators/src/wecom/checkin-option.handler.js';
import type { CanonicalRule } from '../../libs/translation/src/canonical/canonical-rule.js';
import { sameIdResolver } from '../../libs/translation/src/canonical/id-resolver.js';
import { canonicalToFeishu } from '../../libs/translation/src/feishu/canonical-to-feishu.mapper.js';
import { planAsRead } from '../../libs/translation/src/feishu/feishu-read-back.helper.js';
import { feishuToCanonical } from '../../libs/translation/src/feishu/feishu-to-canonical.mapper.js';
import { canonicalToWecom } from '../../libs/translation/src/wecom/canonical-to-wecom.mapper.js';
import { wecomToCanonical } from '../../libs/translation/src/wecom/wecom-to-canonical.mapper.js';
import {
  ARBITRARY_NOW_UNIX_SECONDS,
  representableRuleArbitrary,
} from '../../libs/translation/test/canonical-rule.arbitrary.js';
import { measure, peakRssMb } from './bench-report.js';

export interface ThroughputResult {
  readonly scenario: string;
  /** Groups translated (each one full vendor → canonical → vendor pass). */
  readonly groups: number;
  /** Distinct rules in the sample the loop cycles through. */
  readonly distinctRules: number;
  /** Translations that refused (should be 0: every sample rule is representable on both vendors). */
  readonly refused: number;
  readonly wallSeconds: number;
  readonly groupsPerSecond: number;
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
}

/** Enough distinct rules that the loop is not measuring one hot path, few enough to prepare quickly. */
const DISTINCT_RULES = 500;
const SAMPLE_SEED = 20_260_101;
const MEMBERS_PER_RULE = 50;

const resolver = sameIdResolver((id) => id);

/** Representable rules with a realistic head count: 48 users and 2 departments. */
function sampleRules(count: number): CanonicalRule[] {
  const generated = fc.sample(
    fc.oneof(
      representableRuleArbitrary('fixed'),
      representableRuleArbitrary('shift_based'),
      representableRuleArbitrary('free'),
    ),
    { numRuns: count, seed: SAMPLE_SEED },
  );
  return generated.map((rule, index) => ({
    ...rule,
    name: `${rule.name}-${index}`,
    members: {
      userIds: Array.from({ length: MEMBERS_PER_RULE - 2 }, (_, user) => `u${index}x${user}`),
      departmentIds: [`${1000 + (index % 40)}`, `${2000 + (index % 7)}`],
      excludedUserIds: [],
    },
  }));
}

function wecomOptions(name: string) {
  return { resolver, ruleName: name, nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS };
}

const feishuOptions = { resolver, groupLeaderIds: ['leader1'], existingShifts: [] } as const;

/**
 * Feishu group + shifts (read shape) → canonical → WeCom add_checkin_option group, and WeCom rule (read
 * shape, as getcorpcheckinoption renders it) → canonical → Feishu plan; `groups` translations each way.
 */
export async function translationThroughputScenario(groups: number): Promise<ThroughputResult[]> {
  const rules = sampleRules(DISTINCT_RULES);
  const feishuInputs = rules.flatMap((rule) => {
    const plan = canonicalToFeishu(rule, feishuOptions);
    return plan.ok ? [{ input: planAsRead(plan.value), name: rule.name }] : [];
  });
  const wecomInputs = rules.flatMap((rule, index) => {
    const group = canonicalToWecom(rule, wecomOptions(rule.name));
    if (!group.ok) return [];
    const stored = {
      groupid: 1000 + index,
      owner: 'bench',
      group: structuredClone(group.value) as Record<string, unknown>,
      create_time: ARBITRARY_NOW_UNIX_SECONDS,
      create_userid: 'admin',
      update_userid: 'admin',
    };
    return [renderRule(stored, 'corp')];
  });

  const feishuToWecom = await timed(
    'Feishu group+shifts → canonical → WeCom rule',
    groups,
    feishuInputs.length,
    (i) => {
      const entry = feishuInputs[i % feishuInputs.length];
      if (entry === undefined) return false;
      const canonical = feishuToCanonical(entry.input);
      return canonical.ok && canonicalToWecom(canonical.value, wecomOptions(entry.name)).ok;
    },
  );
  const wecomToFeishu = await timed('WeCom rule → canonical → Feishu plan', groups, wecomInputs.length, (i) => {
    const canonical = wecomToCanonical(wecomInputs[i % wecomInputs.length]);
    return canonical.ok && canonicalToFeishu(canonical.value, feishuOptions).ok;
  });
  return [feishuToWecom, wecomToFeishu];
}

async function timed(
  scenario: string,
  groups: number,
  distinctRules: number,
  translate: (index: number) => boolean,
): Promise<ThroughputResult> {
  // A short warm-up so the JIT has compiled the mappers before the clock starts.
  for (let index = 0; index < Math.min(groups, 500); index += 1) translate(index);
  const {
    result: refused,
    wallSeconds,
    cpuSeconds,
  } = await measure(() => {
    let failures = 0;
    for (let index = 0; index < groups; index += 1) if (!translate(index)) failures += 1;
    return Promise.resolve(failures);
  });
  return {
    scenario,
    groups,
    distinctRules,
    refused,
    wallSeconds,
    groupsPerSecond: groups / wallSeconds,
    peakRssMb: peakRssMb(),
    cpuSeconds,
  };
}

/** Throughput has no rate-limit floor, so it gets its own table (and never enters the floor ratio). */
export function printThroughput(results: readonly ThroughputResult[]): void {
  const header = ['scenario', 'groups', 'distinct rules', 'refused', 'wall s', 'groups/s', 'peak RSS MB', 'CPU s'];
  const rows = results.map((r) => [
    r.scenario,
    String(r.groups),
    String(r.distinctRules),
    String(r.refused),
    r.wallSeconds.toFixed(2),
    Math.round(r.groupsPerSecond).toLocaleString('en-US'),
    r.peakRssMb.toFixed(0),
    r.cpuSeconds.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`${format(header)}\n${format(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${format(row)}\n`);
}
