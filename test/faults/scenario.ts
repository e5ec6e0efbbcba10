import { groupForUpdate } from '@app/feishu';
import type { MappingStore } from '@app/mapping-store';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import type { RunningEmulators } from '../../apps/emulators/src/start-emulators.js';
import { vendorAdmins } from '../support/sync-harness.js';
import { type Baseline, checkConvergence, type ConvergenceReport, readBaseline } from './convergence-checks.js';
import { describeStep, type FaultSwitch, failuresOf, type StepOutcome, vendorWrites } from './fault-plan.js';
import type { GatewayApi, RunView, SyncRequest } from './gateway-api.js';

/** Runs of one step with the faults on before they are switched off for it. */
export const FAULTED_ATTEMPTS = 4;
/** Runs of one step with the faults off; a step that still does not succeed fails the scenario. */
export const CLEAN_ATTEMPTS = 2;
/** New punches per person and side in each round after the first. */
const PUNCHES_PER_ROUND = 10;

/** Waits for one run; the SIGKILL scenario kills the gateway under it first. */
export type RunExecutor = (runId: string, attempt: number) => Promise<RunView>;

/**
 * One company, one gateway, a sequence of rounds. Round 0 is the sample company as it is; each later round is
 * "the next day": a new Feishu group, a new WeCom rule and new punches on both sides, made through the vendors'
 * own APIs (the emulator's console stand-in for the rule) as HR and the punch devices would. Every round runs the sync sequence to convergence under the faults.
 */
export class ConvergenceScenario {
  readonly outcomes: StepOutcome[] = [];
  private baseline: Baseline;
  private readonly from: string;
  private readonly to: string;

  constructor(
    private readonly emulators: RunningEmulators,
    private readonly api: GatewayApi,
    private readonly faults: FaultSwitch,
    window: { readonly from: string; readonly to: string; readonly start: number },
    /** Stall every vendor write of a step's first run this long (FaultSwitch.on), for the SIGKILL scenario. */
    private readonly holdFirstRunWritesMs?: number,
  ) {
    this.from = window.from;
    this.to = window.to;
    this.baseline = readBaseline(emulators, window.start);
  }

  /**
   * rules Feishu → WeCom for the groups HR made in Feishu, rules WeCom → Feishu for the rules made in WeCom,
   * punches WeCom → Feishu, punches Feishu → WeCom. Each link is synced from the side it was born on: a rule
   * the gateway made from a Feishu group is not synced back onto that group (nor the reverse), which one-way
   * runs in both directions over all groups would do — each overwriting the other side by design. (Doing so
   * also ran into two gateway problems, both fixed: the shift-link bug (faults.spec.ts, last test), and a Feishu
   * group made from a rule another WeCom app owns failing every unscoped rules feishu_to_wecom run with 301002 —
   * now refused once, then skipped; rules-sync.e2e-spec.ts.)
   */
  steps(): SyncRequest[] {
    const window = { from: this.from, to: this.to };
    return [
      { direction: 'feishu_to_wecom', scope: 'rules', groupIds: this.baseline.feishuGroups.map((group) => group.id) },
      { direction: 'wecom_to_feishu', scope: 'rules', groupIds: this.baseline.wecomRules.map((rule) => rule.id) },
      { direction: 'wecom_to_feishu', scope: 'punches', ...window },
      { direction: 'feishu_to_wecom', scope: 'punches', ...window },
    ];
  }

  /** Every step of the sequence queued again until a run succeeds (faults on, then off). */
  async round(execute: RunExecutor): Promise<void> {
    try {
      for (const step of this.steps()) this.outcomes.push(await this.converge(step, execute));
    } finally {
      this.faults.off();
    }
  }

  /** The next day: a Feishu group, a WeCom rule, punches on both sides (faults off: that is not the gateway). */
  async addActivity(round: number): Promise<void> {
    const { feishuAdmin, wecomAdmin } = vendorAdmins(this.emulators);
    const model = this.emulators.feishu.emulator.groups().find((group) => group['group_type'] === 0)!;
    const template = await feishuAdmin.getGroup(String(model['group_id']));
    const { group_id: _id, ...body } = groupForUpdate(template);
    const locations = (template.locations ?? []).map(({ location_id: _location, ...location }) => location);
    const group = await feishuAdmin.createOrUpdateGroup({ ...body, group_name: `分店${round}`, locations });
    // A rule set up in WeCom's admin console (the emulator's stand-in for it), a copy of the sample fixed rule.
    const fixedRule = this.emulators.wecom.emulator.rules().find((rule) => rule.group['grouptype'] === 1)!;
    const ruleName = `华东分部${round}`;
    const ruleId = this.emulators.wecom.emulator.seedForeignRule({
      ...fixedRule.group,
      groupname: ruleName,
    });

    const taken = new Set([
      ...this.emulators.wecom.emulator.checkinData().map((punch) => `${punch.userid}@${punch.checkin_time}`),
      ...this.emulators.feishu.emulator
        .flows()
        .map((flow) => `${wecomIdOf(String(flow['user_id']))}@${String(flow['check_time'])}`),
    ]);
    const now = Math.floor(Date.now() / 1000);
    const free = (userid: string, from: number): number => {
      let at = from;
      while (taken.has(`${userid}@${at}`)) at -= 1;
      taken.add(`${userid}@${at}`);
      return at;
    };
    const wecomRecords = [];
    const feishuFlows = [];
    for (const [index, person] of SAMPLE_PEOPLE.entries()) {
      for (let punch = 0; punch < PUNCHES_PER_ROUND; punch++) {
        const slot = now - 600 - (((round * SAMPLE_PEOPLE.length + index) * PUNCHES_PER_ROUND + punch) * 2 + 1) * 37;
        wecomRecords.push({
          userid: person.wecomUserId,
          checkin_time: free(person.wecomUserId, slot),
          device_type: 2 as const,
          location_title: '总部',
        });
        feishuFlows.push({
          user_id: person.feishuUserId,
          creator_id: person.feishuUserId,
          location_name: '总部',
          check_time: String(free(person.wecomUserId, slot - 37)),
          comment: '',
          idempotent_id: `native-round${round}-${index}-${punch}`,
        });
      }
    }
    await wecomAdmin.addCheckinRecords(wecomRecords);
    const saved = await feishuAdmin.batchCreateUserFlows(feishuFlows);
    this.baseline = {
      ...this.baseline,
      feishuGroups: [...this.baseline.feishuGroups, { id: group.group_id, name: `分店${round}` }],
      wecomRules: [...this.baseline.wecomRules, { id: String(ruleId), name: ruleName }],
      wecomPunches: [
        ...this.baseline.wecomPunches,
        ...wecomRecords.map((record) => ({ userid: record.userid, time: record.checkin_time })),
      ],
      feishuFlows: [
        ...this.baseline.feishuFlows,
        ...saved.map((flow) => ({ userId: flow.user_id, time: Number(flow.check_time), recordId: flow.record_id })),
      ],
    };
    if (saved.length !== feishuFlows.length)
      throw new Error(`Feishu saved ${saved.length} of ${feishuFlows.length} flows`);
  }

  /** The sequence once more with the faults off: every run succeeds and nothing is written. */
  async settledPass(): Promise<{ statuses: string[]; writes: number }> {
    const before = vendorWrites(this.emulators);
    const statuses: string[] = [];
    for (const step of this.steps()) {
      statuses.push((await this.api.waitForRun(await this.api.queue(step), 60_000)).status);
    }
    return { statuses, writes: vendorWrites(this.emulators) - before };
  }

  /** Vendor writes so far (see vendorWrites). */
  writes(options: { includeLost?: boolean } = {}): number {
    return vendorWrites(this.emulators, options);
  }

  check(store: MappingStore): Promise<ConvergenceReport> {
    return checkConvergence(this.emulators, store, this.baseline);
  }

  /** "yes: 12/12 steps with faults on, 15 runs" — or which steps needed the faults off. */
  recovered(): string {
    const runs = this.outcomes.reduce((sum, outcome) => sum + outcome.statuses.length, 0);
    const withFaults = this.outcomes.filter((outcome) => outcome.succeededWithFaultsOn).length;
    const off = [
      ...new Set(this.outcomes.filter((outcome) => !outcome.succeededWithFaultsOn).map((outcome) => outcome.step)),
    ];
    return `yes: ${withFaults}/${this.outcomes.length} steps with faults on${off.length ? ` (off for ${off.join(', ')})` : ''}, ${runs} runs`;
  }

  /** The steps and why runs did not succeed, for the log. */
  describe(): string {
    return this.outcomes
      .map(
        (outcome) =>
          `  ${outcome.step}: ${outcome.statuses.join(' → ')}` +
          outcome.failures
            .slice(0, 4)
            .map((failure) => `\n      ${failure.slice(0, 300)}`)
            .join(''),
      )
      .join('\n');
  }

  private async converge(step: SyncRequest, execute: RunExecutor): Promise<StepOutcome> {
    const statuses: string[] = [];
    const failures: string[] = [];
    for (let attempt = 0; attempt < FAULTED_ATTEMPTS + CLEAN_ATTEMPTS; attempt++) {
      const faulted = attempt < FAULTED_ATTEMPTS;
      if (faulted) this.faults.on(attempt === 0 ? { holdWritesMs: this.holdFirstRunWritesMs } : {});
      else this.faults.off();
      const run = await execute(await this.api.queue(step), attempt);
      statuses.push(run.status);
      if (run.status === 'succeeded') {
        return { step: describeStep(step), statuses, succeededWithFaultsOn: faulted, failures };
      }
      failures.push(...failuresOf(run).map((failure) => `#${attempt + 1} ${failure}`));
    }
    throw new Error(
      `${describeStep(step)} did not converge (runs: ${statuses.join(', ')}):\n${failures.slice(0, 20).join('\n')}`,
    );
  }
}

const wecomIds = new Map(SAMPLE_PEOPLE.map((person) => [person.feishuUserId, person.wecomUserId]));
function wecomIdOf(feishuUserId: string): string {
  return wecomIds.get(feishuUserId) ?? `feishu:${feishuUserId}`;
}
