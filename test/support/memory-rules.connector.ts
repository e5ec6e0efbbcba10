import type { ItemPlan, RuleSideConnector } from '@app/connectors';
import type { SyncErrorKind, VendorName } from '@app/kernel';
import type { CanonicalRule } from '@app/translation';

/**
 * A rules connector over an in-memory map of rules, for specs of the engine's vendor-neutral rules code
 * (rule-removals.ts, two-way.ts, rule-item.ts): it has none of a real vendor's reads or quirks, only what
 * RuleSideConnector asks for, so a spec that passes with it shows that code needs nothing else of a vendor.
 * `vendor` is any lowercase name: a link's sides are rows by vendor (migrations/1796700000000-open-link-vendors.ts).
 * memory-rules.vendor.ts builds a whole vendor on it for the rules reconciler.
 */
export class MemoryRulesConnector implements RuleSideConnector {
  /** The rules this side holds, by id. */
  readonly rules = new Map<string, { readonly name: string }>();
  /** Every call that wrote to this side, in order. */
  readonly writes: { readonly api: string; readonly id: string }[] = [];
  readonly vendorName = 'Memory';
  /** Its console lists its rules by the same noun the engine uses. */
  readonly consoleNoun: string;

  constructor(
    readonly vendor: VendorName,
    readonly ruleNoun: string,
    readonly noteField: string,
    readonly permanentRefusals: readonly SyncErrorKind[] = [],
  ) {
    this.consoleNoun = ruleNoun;
  }

  /** Adds rules to this side. */
  holding(...rules: readonly { readonly id: string; readonly name: string }[]): this {
    for (const rule of rules) this.rules.set(rule.id, { name: rule.name });
    return this;
  }

  /** Its shift-based rules hold shifts of one kind; its other rules none. */
  shiftKind(ruleKind: CanonicalRule['kind']): string | null {
    return ruleKind === 'shift_based' ? 'shift' : null;
  }

  deletePlan(ruleId: string): ItemPlan {
    return { vendor: this.vendor, requests: [{ api: 'memory.delete', body: { id: ruleId } }] };
  }

  async deleteRule(ruleId: string): Promise<void> {
    this.writes.push({ api: 'memory.delete', id: ruleId });
    this.rules.delete(ruleId);
  }
}
