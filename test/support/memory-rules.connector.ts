import type { ItemPlan, RuleSideConnector } from '@app/connectors';
import type { SyncErrorKind, Vendor } from '@app/kernel';

/**
 * A rules connector over an in-memory map of rules, for specs of the engine's vendor-neutral rules code
 * (rule-removals.ts, two-way.ts, rule-item.ts): it has none of a real vendor's reads or quirks, only what
 * RuleSideConnector asks for, so a spec that passes with it shows that code needs nothing else of a vendor.
 *
 * `vendor` is one of the kernel's VENDORS: a link's sides are read by vendor (sync/engine/link-sides.ts), and
 * the store's GroupLink and the `ck_link_sides_vendor` CHECK know the Feishu–WeCom pair only, so a memory
 * connector stands on one of those two sides under its own noun.
 */
export class MemoryRulesConnector implements RuleSideConnector {
  /** The rules this side holds, by id. */
  readonly rules = new Map<string, { readonly name: string }>();
  /** Every call that wrote to this side, in order. */
  readonly writes: { readonly api: string; readonly id: string }[] = [];
  readonly vendorName = 'Memory';

  constructor(
    readonly vendor: Vendor,
    readonly ruleNoun: string,
    readonly noteField: string,
    readonly permanentRefusals: readonly SyncErrorKind[] = [],
  ) {}

  /** Adds rules to this side. */
  holding(...rules: readonly { readonly id: string; readonly name: string }[]): this {
    for (const rule of rules) this.rules.set(rule.id, { name: rule.name });
    return this;
  }

  deletePlan(ruleId: string): ItemPlan {
    return { vendor: this.vendor, requests: [{ api: 'memory.delete', body: { id: ruleId } }] };
  }

  async deleteRule(ruleId: string): Promise<void> {
    this.writes.push({ api: 'memory.delete', id: ruleId });
    this.rules.delete(ruleId);
  }
}
