import { SeededRandom } from './seeded-random.js';

/**
 * `connection_reset` drops the connection before the call is handled (nothing happened); `response_lost`
 * handles the call completely (writes applied) and then drops the connection instead of answering, the
 * "the vendor did it but we never heard back" case that crash-safe creates must survive.
 */
export const FAULT_KINDS = [
  'latency',
  'server_error',
  'rate_limit',
  'token_expiry',
  'connection_reset',
  'response_lost',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Inject `kind` into calls of `endpoint` ("POST /path", or "*" for all) with `probability`. */
export interface FaultRule {
  readonly endpoint: string;
  readonly kind: FaultKind;
  /** 0–1; 1 means every matching call. */
  readonly probability: number;
  /** For `latency`: how long to stall before answering. */
  readonly latencyMs?: number;
  /** Stop after this many injections (e.g. exactly one token expiry). */
  readonly maxCount?: number;
}

export interface FaultDecision {
  readonly delayMs: number;
  /** The one failure to produce instead of the normal answer, if any. */
  readonly failure: Exclude<FaultKind, 'latency'> | null;
}

/**
 * Decides, per request, which configured faults strike. Seeded, so a run can be repeated exactly; counts
 * what it injected so a fault suite can print "injected / recovered".
 */
export class FaultInjector {
  private rules: { rule: FaultRule; used: number }[] = [];
  private random: SeededRandom;
  private readonly injected = new Map<FaultKind, number>();

  constructor(private seed = 1) {
    this.random = new SeededRandom(seed);
  }

  configure(rules: readonly FaultRule[], seed = this.seed): void {
    for (const rule of rules) {
      if (!FAULT_KINDS.includes(rule.kind)) throw new Error(`unknown fault kind ${String(rule.kind)}`);
      if (!(rule.probability >= 0 && rule.probability <= 1)) throw new Error('probability must be within 0..1');
    }
    this.seed = seed;
    this.random = new SeededRandom(seed);
    this.rules = rules.map((rule) => ({ rule, used: 0 }));
  }

  clear(): void {
    this.rules = [];
  }

  decide(endpoint: string): FaultDecision {
    let delayMs = 0;
    let failure: FaultDecision['failure'] = null;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.maxCount !== undefined && entry.used >= rule.maxCount) continue;
      if (this.random.next() >= rule.probability) continue;
      if (rule.kind === 'latency') {
        delayMs += rule.latencyMs ?? 1000;
      } else if (failure === null) {
        failure = rule.kind;
      } else {
        continue;
      }
      entry.used++;
      this.injected.set(rule.kind, (this.injected.get(rule.kind) ?? 0) + 1);
    }
    return { delayMs, failure };
  }

  /**
   * How often each configured rule struck, in the order given to `configure`: lets a test tell its own rule
   * (e.g. "hold every write for 5 s") from the others, which `stats` adds up per kind. A latency rule counts
   * when the call arrives, before the stall, so a count above zero means that call is being held right now
   * or was.
   */
  ruleUses(): number[] {
    return this.rules.map((entry) => entry.used);
  }

  stats(): Record<FaultKind, number> {
    return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, this.injected.get(kind) ?? 0])) as Record<
      FaultKind,
      number
    >;
  }
}
