import type { MappingStore } from '@app/mapping-store';
import { isGatewayImportedFlow, isWecomRuleNameFor, wecomPunchKey } from '@app/translation';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import type { RunningEmulators } from '../../apps/emulators/src/start-emulators.js';

// What "converged" means, checked against the vendors' own state (the emulators) and the gateway's store:
// exactly the expected rules and punches on both sides, nothing twice, nothing missing, every carried thing
// mapped. The expectations are taken from a baseline read before the first sync.

const wecomToFeishuUser = new Map(SAMPLE_PEOPLE.map((person) => [person.wecomUserId, person.feishuUserId]));
const feishuToWecomUser = new Map(SAMPLE_PEOPLE.map((person) => [person.feishuUserId, person.wecomUserId]));

/** What the vendors held before the gateway touched them: the source of every expectation. */
export interface Baseline {
  /** First second of the punch window (the `from` day's China-time midnight). */
  readonly windowStart: number;
  readonly feishuGroups: readonly { readonly id: string; readonly name: string }[];
  readonly wecomRules: readonly { readonly id: string; readonly name: string }[];
  /** WeCom punches (not 未打卡 rows) of mapped people in the window: each must reach Feishu once. */
  readonly wecomPunches: readonly { readonly userid: string; readonly time: number }[];
  /** Feishu-native flows of mapped people in the window: each must reach WeCom once. */
  readonly feishuFlows: readonly { readonly userId: string; readonly time: number; readonly recordId: string }[];
}

export function readBaseline(emulators: RunningEmulators, windowStart: number): Baseline {
  return {
    windowStart,
    feishuGroups: emulators.feishu.emulator
      .groups()
      .map((group) => ({ id: String(group['group_id']), name: String(group['group_name']) })),
    wecomRules: emulators.wecom.emulator
      .rules()
      .map((rule) => ({ id: String(rule.groupid), name: String(rule.group['groupname']) })),
    wecomPunches: emulators.wecom.emulator
      .checkinData()
      .filter(
        (punch) =>
          wecomToFeishuUser.has(punch.userid) &&
          !punch.exception_type.includes('未打卡') &&
          punch.checkin_time >= windowStart,
      )
      .map((punch) => ({ userid: punch.userid, time: punch.checkin_time })),
    feishuFlows: emulators.feishu.emulator
      .flows()
      .filter(
        (flow) =>
          !isGatewayImportedFlow(flow as { idempotent_id?: string; external_id?: string }) &&
          feishuToWecomUser.has(String(flow['user_id'])) &&
          Number(flow['check_time']) >= windowStart,
      )
      .map((flow) => ({
        userId: String(flow['user_id']),
        time: Number(flow['check_time']),
        recordId: String(flow['record_id']),
      })),
  };
}

/** Each entry names one problem; `duplicates.length` and `lost.length` are the table's counts. */
export interface ConvergenceReport {
  readonly duplicates: string[];
  readonly lost: string[];
  /** What was checked, for the log: rules and punches expected on each side. */
  readonly checked: { rules: number; groups: number; punchesToFeishu: number; punchesToWecom: number };
}

/** Copies beyond the first of each key. */
function extraCopies(keys: readonly string[], what: string): string[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].flatMap(([key, count]) =>
    Array.from({ length: count - 1 }, () => `${what} ${key} is there ${count} times`),
  );
}

export async function checkConvergence(
  emulators: RunningEmulators,
  store: MappingStore,
  baseline: Baseline,
): Promise<ConvergenceReport> {
  const duplicates: string[] = [];
  const lost: string[] = [];
  const rules = emulators.wecom.emulator.rules().map((rule) => ({
    id: String(rule.groupid),
    name: String(rule.group['groupname']),
  }));
  const groups = emulators.feishu.emulator
    .groups()
    .map((group) => ({ id: String(group['group_id']), name: String(group['group_name']) }));
  const links = await store.groupLinks.list();

  // Feishu → WeCom: one rule per Feishu group of the baseline, carrying its name and linked to it in the store —
  // unless a WeCom rule of the baseline had that name: then no rule was made for it and its link waits on a
  // name conflict (never adopted silently, never duplicated).
  const baselineGroupIds = new Set(baseline.feishuGroups.map((group) => group.id));
  const baselineRuleIds = new Set(baseline.wecomRules.map((rule) => rule.id));
  const gatewayRules = rules.filter((rule) => !baselineRuleIds.has(rule.id));
  for (const group of baseline.feishuGroups) {
    const made = gatewayRules.filter((rule) => isWecomRuleNameFor(rule.name, group.name));
    const link = links.find((candidate) => candidate.feishuGroupId === group.id);
    if (baseline.wecomRules.some((rule) => rule.name === group.name)) {
      duplicates.push(...made.map((rule) => `WeCom rule ${rule.id} made beside the same-named rule of ${group.id}`));
      if (link?.status !== 'conflict' || (await store.conflicts.findOpenForLink(link.id))?.kind !== 'name_taken') {
        lost.push(
          `no open name conflict for Feishu group ${group.id} (${group.name}): ${JSON.stringify(link ?? null)}`,
        );
      }
      continue;
    }
    if (made.length === 0) lost.push(`no WeCom rule for Feishu group ${group.id} (${group.name})`);
    duplicates.push(...made.slice(1).map((rule) => `second WeCom rule ${rule.id} for Feishu group ${group.id}`));
    if (made.length > 0 && (!link || link.wecomRuleId !== made[0]!.id || link.status !== 'active')) {
      lost.push(`no active link Feishu group ${group.id} ⇄ WeCom rule ${made[0]!.id}: ${JSON.stringify(link ?? null)}`);
    }
  }
  for (const rule of gatewayRules) {
    if (!baseline.feishuGroups.some((group) => isWecomRuleNameFor(rule.name, group.name))) {
      duplicates.push(`unexpected WeCom rule ${rule.id} (${rule.name}): no Feishu original has its name`);
    }
  }

  // WeCom → Feishu: one Feishu group per WeCom rule of the baseline, named like it and linked to it — unless a
  // Feishu group already had that name (a name conflict, checked above): then still only one.
  const baselineNames = new Set(baseline.feishuGroups.map((group) => group.name));
  for (const rule of baseline.wecomRules) {
    const named = groups.filter((group) => group.name === rule.name);
    if (baselineNames.has(rule.name)) {
      duplicates.push(...named.slice(1).map((group) => `second Feishu group ${group.id} named ${rule.name}`));
      continue;
    }
    if (named.length === 0) lost.push(`no Feishu group for WeCom rule ${rule.id} (${rule.name})`);
    duplicates.push(...named.slice(1).map((group) => `second Feishu group ${group.id} for WeCom rule ${rule.id}`));
    const link = links.find((candidate) => candidate.wecomRuleId === rule.id);
    if (named.length > 0 && (!link || link.feishuGroupId !== named[0]!.id || link.status !== 'active')) {
      lost.push(`no active link WeCom rule ${rule.id} ⇄ Feishu group ${named[0]!.id}: ${JSON.stringify(link ?? null)}`);
    }
  }
  // Nothing else appeared on either side (an echo of a gateway-made rule, a group made twice under a new name).
  const expectedNames = new Set([...baseline.feishuGroups, ...baseline.wecomRules].map((entry) => entry.name));
  for (const group of groups) {
    if (!baselineGroupIds.has(group.id) && !expectedNames.has(group.name)) {
      duplicates.push(`unexpected Feishu group ${group.id} (${group.name})`);
    }
  }
  // Every link points at things that exist.
  const ruleIds = new Set(rules.map((rule) => rule.id));
  const groupIds = new Set(groups.map((group) => group.id));
  for (const link of links) {
    // A link waiting on a name conflict has only its source side until the conflict is resolved.
    if (link.status === 'conflict' && (await store.conflicts.findOpenForLink(link.id))?.kind === 'name_taken') continue;
    if (
      !link.wecomRuleId ||
      !ruleIds.has(link.wecomRuleId) ||
      !link.feishuGroupId ||
      !groupIds.has(link.feishuGroupId)
    ) {
      lost.push(`link ${link.id} points at a missing side: ${JSON.stringify(link)}`);
    }
  }

  // Punches: both sides, every key once.
  const flows = emulators.feishu.emulator.flows();
  const punches = emulators.wecom.emulator.checkinData();
  const flowKeys = flows.map((flow) => `${String(flow['user_id'])}@${String(flow['check_time'])}`);
  const punchKeys = punches
    .filter((punch) => !punch.exception_type.includes('未打卡'))
    .map((punch) => wecomPunchKey(punch.userid, punch.checkin_time));
  duplicates.push(...extraCopies(flowKeys, 'Feishu flow'), ...extraCopies(punchKeys, 'WeCom punch'));
  const inFeishu = new Set(flowKeys);
  const inWecom = new Set(punchKeys);
  for (const punch of baseline.wecomPunches) {
    const key = `${wecomToFeishuUser.get(punch.userid)!}@${punch.time}`;
    if (!inFeishu.has(key)) lost.push(`WeCom punch ${wecomPunchKey(punch.userid, punch.time)} is not in Feishu`);
  }
  for (const flow of baseline.feishuFlows) {
    const key = wecomPunchKey(feishuToWecomUser.get(flow.userId)!, flow.time);
    if (!inWecom.has(key)) lost.push(`Feishu flow ${flow.recordId} (${flow.userId}@${flow.time}) is not in WeCom`);
  }

  // Punch record mappings: every carried punch is known to the store, none left pending.
  const wecomKeys = baseline.wecomPunches.map((punch) => wecomPunchKey(punch.userid, punch.time));
  const knownWecom = await store.punches.knownSourceKeys('wecom', wecomKeys);
  lost.push(
    ...wecomKeys.filter((key) => !knownWecom.has(key)).map((key) => `no record mapping for WeCom punch ${key}`),
  );
  const recordIds = baseline.feishuFlows.map((flow) => flow.recordId);
  const knownFeishu = await store.punches.knownSourceKeys('feishu', recordIds);
  lost.push(
    ...recordIds.filter((id) => !knownFeishu.has(id)).map((id) => `no record mapping for Feishu flow ${id}`),
    ...(await store.punches.pendingWrites('feishu', recordIds)).map(
      (write) => `record mapping of Feishu flow ${write.sourceKey} still pending`,
    ),
  );

  return {
    duplicates,
    lost,
    checked: {
      rules: baseline.feishuGroups.length,
      groups: baseline.wecomRules.filter((rule) => !baselineNames.has(rule.name)).length,
      punchesToFeishu: baseline.wecomPunches.length,
      punchesToWecom: baseline.feishuFlows.length,
    },
  };
}
