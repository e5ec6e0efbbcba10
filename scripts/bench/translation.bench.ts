// Translation throughput: how many attendance groups per second the pure translation library turns from
// one vendor's read shape into the other's write payload, on one core (it is synchronous JavaScript, so the
// whole loop runs on the main thread). No I/O: the inputs are prepared first and not timed.
//
// Each group gets the calls the rules sync makes for it (apps/gateway/src/sync/rules): the source vendor's
// mapper, the content hash of the canonical rule it yields (change detection), and the target vendor's
// mapper. Nothing is cached between iterations: every call starts again from the vendor JSON.
//
// The inputs are what the vendor clients hand the sync: the vendor's JSON text, parsed (JSON.parse) and
// decoded by the client's read schema (feishuGroupSchema / feishuShiftSchema, wecomCheckinGroupReadSchema),
// as libs/feishu and libs/wecom do. Objects built here by spreading (planAsRead, renderRule) would not do:
// V8 reads properties of `{ ...a, b }` objects several times slower than of parsed JSON, which is a cost no
// real input has.
//
// The rules are a fixed sample (seeded) of the property tests' representable rules, reshaped to look like a
// real tenant: mixed kinds (fixed / shift-based / free), 1–3 shifts, a few GPS and Wi-Fi locations, and
// ~50 members each.
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { renderRule } from '../../apps/emulators/src/wecom/checkin-option.handler.js';
import { feishuGroupSchema, feishuShiftSchema } from '../../libs/feishu/src/model/index.js';
import type { CanonicalRule } from '../../libs/translation/src/canonical/canonical-rule.js';
import { sameIdResolver } from '../../libs/translation/src/canonical/id-resolver.js';
import { ruleContentHash } from '../../libs/translation/src/canonical/rule-hash.js';
import { canonicalToFeishu } from '../../libs/translation/src/feishu/canonical-to-feishu.mapper.js';
import { planAsRead } from '../../libs/translation/src/feishu/feishu-read-back.helper.js';
import { feishuToCanonical } from '../../libs/translation/src/feishu/feishu-to-canonical.mapper.js';
import { canonicalToWecom } from '../../libs/translation/src/wecom/canonical-to-wecom.mapper.js';
import { wecomToCanonical } from '../../libs/translation/src/wecom/wecom-to-canonical.mapper.js';
import { wecomCheckinGroupReadSchema } from '../../libs/wecom/src/model/index.js';
import {
  ARBITRARY_NOW_UNIX_SECONDS,
  representableRuleArbitrary,
} from '../../libs/translation/test/canonical-rule.arbitrary.js';
import { measure, peakRssMb } from './bench-report.js';

export interface ThroughputResult {
  readonly scenario: string;
  /** Groups translated (each one full vendor → canonical (+ content hash) → vendor pass). */
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

/** The value as the vendor's JSON text brings it, parsed. */
function fromWire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function wecomOptions(name: string) {
  return { resolver, ruleName: name, nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS };
}

const feishuOptions = { resolver, groupLeaderIds: ['leader1'], existingShifts: [] } as const;

/**
 * Feishu group + shifts (read shape) → canonical (+ hash) → WeCom add_checkin_option group, and WeCom rule
 * (read shape, as getcorpcheckinoption renders it) → canonical (+ hash) → Feishu plan; `groups` each way.
 */
export async function translationThroughputScenario(groups: number): Promise<ThroughputResult[]> {
  const rules = sampleRules(DISTINCT_RULES);
  const feishuInputs = rules.flatMap((rule) => {
    const plan = canonicalToFeishu(rule, feishuOptions);
    if (!plan.ok) return [];
    const read = planAsRead(plan.value);
    const input = {
      group: feishuGroupSchema.parse(fromWire(read.group)),
      shifts: read.shifts.map((shift) => feishuShiftSchema.parse(fromWire(shift))),
    };
    return [{ input, name: rule.name }];
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
    return [wecomCheckinGroupReadSchema.parse(fromWire(renderRule(stored, 'corp')))];
  });

  const feishuToWecom = await timed(
    'Feishu group+shifts → canonical → WeCom rule',
    groups,
    feishuInputs.length,
    (i) => {
      const entry = feishuInputs[i % feishuInputs.length];
      if (entry === undefined) return false;
      const canonical = feishuToCanonical(entry.input);
      return (
        canonical.ok &&
        hashed(ruleContentHash(canonical.value)) &&
        canonicalToWecom(canonical.value, wecomOptions(entry.name)).ok
      );
    },
  );
  const wecomToFeishu = await timed('WeCom rule → canonical → Feishu plan', groups, wecomInputs.length, (i) => {
    const canonical = wecomToCanonical(wecomInputs[i % wecomInputs.length]);
    return (
      canonical.ok && hashed(ruleContentHash(canonical.value)) && canonicalToFeishu(canonical.value, feishuOptions).ok
    );
  });
  return [feishuToWecom, wecomToFeishu];
}

/** Uses the hash (a SHA-256 in hex is 64 characters), so the call cannot be optimised away. */
function hashed(hash: string): boolean {
  return hash.length === 64;
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

// Run on its own (`npx tsx scripts/bench/translation.bench.ts`, BENCH_QUICK=1 for the scaled-down count) to
// measure the translation alone, without the minute of rate-limited scenarios `npm run bench` runs first.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printThroughput(await translationThroughputScenario(process.env['BENCH_QUICK'] === '1' ? 5_000 : 50_000));
}
