import type { SyncErrorKind, Vendor } from '@app/kernel';

/** One vendor request a dry run would send (the `plan` of a run item): the API and its exact body. */
export interface PlannedRequest {
  readonly api: string;
  readonly body: unknown;
}

/** The requests an item would send to one vendor. */
export interface ItemPlan {
  readonly vendor: Vendor;
  readonly requests: readonly PlannedRequest[];
}

/**
 * What every vendor connector of the rules scope is: one vendor's reads and writes of attendance rules,
 * with the client, the mappers to and from the canonical model and that vendor's write rules inside, and
 * nothing of any other vendor. The engine speaks of a rule by the connector's noun ("Feishu group",
 * "WeCom rule") so that its messages name what HR sees in each admin console.
 */
export interface RuleSideConnector {
  readonly vendor: Vendor;
  readonly ruleNoun: string;
  /**
   * The error kinds with which this vendor refuses a write for good (the rule belongs to someone else): a link
   * whose last write ended so is not written again unless a run names it.
   */
  readonly permanentRefusals: readonly SyncErrorKind[];
}
