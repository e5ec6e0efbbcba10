import { FAULT_KINDS, type FaultKind, type FaultRule } from '../../apps/emulators/src/common/fault-injector.js';
import { SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import type { RunningEmulators } from '../../apps/emulators/src/start-emulators.js';
import { chinaDayOf, chinaMidnight, DAY_SECONDS } from '@app/kernel';
import type { GatewayApi, RunView, SyncRequest } from './gateway-api.js';

export { FAULT_KINDS, type FaultKind, type FaultRule };

/** Share of calls a fault strikes: 10 % of every endpoint of both vendors. */
export const FAULT_PROBABILITY = 0.1;
/** A latency spike: long enough to be felt, far below the clients' 15 s timeouts. */
export const SPIKE_MS = 1000;

/** One fault kind on every endpoint ("*") of a vendor. */
export function everywhere(kind: FaultKind, probability = FAULT_PROBABILITY): FaultRule {
  return kind === 'latency'
    ? { endpoint: '*', kind, probability, latencyMs: SPIKE_MS }
    : { endpoint: '*', kind, probability };
}

/** The faults of a scenario, per vendor; switched on and off between attempts, reseeded each time. */
export interface FaultPlan {
  readonly feishu: readonly FaultRule[];
  readonly wecom: readonly FaultRule[];
  readonly seed: number;
}

export class FaultSwitch {
  private reseeds = 0;

  constructor(
    private readonly emulators: RunningEmulators,
    private readonly plan: FaultPlan,
  ) {}

  /**
   * Faults on, with a fresh seed each time (a repeated attempt does not meet the very same faults).
   * `holdWritesMs`: also stall every vendor write that long before the vendor handles it — while one is held
   * the run is certainly in the middle of its work (see heldWrites), the moment the SIGKILL scenario kills.
   */
  on(options: { holdWritesMs?: number } = {}): void {
    const seed = this.plan.seed * 1000 + this.reseeds++;
    const hold = (endpoints: readonly string[]): FaultRule[] =>
      options.holdWritesMs === undefined
        ? []
        : endpoints.map((endpoint) => ({ endpoint, kind: 'latency', probability: 1, latencyMs: options.holdWritesMs }));
    this.emulators.feishu.emulator.faults.configure([...this.plan.feishu, ...hold(FEISHU_WRITE_ENDPOINTS)], seed);
    this.emulators.wecom.emulator.faults.configure([...this.plan.wecom, ...hold(WECOM_WRITE_ENDPOINTS)], seed + 500);
  }

  /** Vendor writes that arrived under `on({ holdWritesMs })` (being held now, or held before). */
  heldWrites(): number {
    const beyondPlan = (uses: number[], planned: number): number =>
      uses.slice(planned).reduce((sum, used) => sum + used, 0);
    return (
      beyondPlan(this.emulators.feishu.emulator.faults.ruleUses(), this.plan.feishu.length) +
      beyondPlan(this.emulators.wecom.emulator.faults.ruleUses(), this.plan.wecom.length)
    );
  }

  off(): void {
    this.emulators.feishu.emulator.faults.clear();
    this.emulators.wecom.emulator.faults.clear();
  }

  /** What the emulators' FaultInjectors injected so far, per kind, both vendors together. */
  injected(): Record<FaultKind, number> {
    const feishu = this.emulators.feishu.emulator.faults.stats();
    const wecom = this.emulators.wecom.emulator.faults.stats();
    return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, feishu[kind] + wecom[kind]])) as Record<
      FaultKind,
      number
    >;
  }
}

/**
 * The punch window: the sample company's two weeks of punches (from a day before the first one) up to today,
 * as China-time days, and the first second of it.
 */
export function punchWindow(nowSeconds: number): { from: string; to: string; start: number } {
  const from = chinaDayOf(nowSeconds - 15 * DAY_SECONDS);
  return { from, to: chinaDayOf(nowSeconds), start: chinaMidnight(from)! };
}

export function describeStep(step: SyncRequest): string {
  return `${String(step['scope'])} ${String(step['direction'])}`;
}

/** The sample company's ID mappings, through the REST API. */
export async function uploadMappings(api: GatewayApi): Promise<void> {
  await api.put(
    '/api/v1/mappings/users',
    SAMPLE_PEOPLE.map(({ feishuUserId, wecomUserId }) => ({ feishuUserId, wecomUserId })),
  );
  await api.put(
    '/api/v1/mappings/departments',
    Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
      feishuDepartmentId,
      wecomPartyId,
    })),
  );
}

/** How one step of the sequence got to a succeeded run. */
export interface StepOutcome {
  readonly step: string;
  /** Every run's final status, in order; the last one is `succeeded`. */
  readonly statuses: string[];
  /** Whether the succeeded run had the faults on (else they had to be switched off to finish). */
  readonly succeededWithFaultsOn: boolean;
  /** Why the runs before it did not succeed (run errors and failed items), for the log. */
  readonly failures: string[];
}

export function failuresOf(run: RunView): string[] {
  return [
    ...(run.error ? [`run: ${run.error}`] : []),
    ...run.items
      .filter((item) => item.action === 'failed')
      .map((item) => `${item.sourceId}: ${item.error ?? '(no error)'}`),
  ];
}

/**
 * Write calls the vendors handled: to prove a converged state makes a further run write nothing, and to kill
 * the gateway right after a run's first write. `includeLost`: also writes whose answer a fault swallowed.
 */
export function vendorWrites(emulators: RunningEmulators, options: { includeLost?: boolean } = {}): number {
  const wecom = emulators.wecom.emulator
    .calls()
    .filter((call) => (WECOM_WRITE_APIS as readonly string[]).includes(call.api)).length;
  const feishu = emulators.feishu.emulator
    .calls()
    .filter(
      (call) =>
        FEISHU_WRITE_ENDPOINTS.includes(call.endpoint) &&
        (call.status === 200 || (options.includeLost === true && call.fault === 'response_lost')),
    ).length;
  return wecom + feishu;
}

/** The calls of the scenario's steps that change something at a vendor. */
const WECOM_WRITE_APIS = [
  'add_checkin_option',
  'update_checkin_option',
  'clear_checkin_option_array_field',
  'del_checkin_option',
  'add_checkin_record',
] as const;
const WECOM_WRITE_ENDPOINTS = WECOM_WRITE_APIS.map((api) => `POST /cgi-bin/checkin/${api}`);
const FEISHU_WRITE_ENDPOINTS: readonly string[] = [
  'POST /open-apis/attendance/v1/groups',
  'POST /open-apis/attendance/v1/shifts',
  'POST /open-apis/attendance/v1/user_flows/batch_create',
  'DELETE /open-apis/attendance/v1/groups/:group_id',
  'DELETE /open-apis/attendance/v1/shifts/:shift_id',
];
