import type { Loss, Note } from '@app/kernel';
import type { FoundObject, GroupLink, SyncRunItem } from '@app/mapping-store';
import type {
  FeishuRulesConnector,
  FeishuRulesConnectorOptions,
  ItemPlan,
  RuleSideConnector,
  WecomRulesConnector,
  WecomRulesConnectorOptions,
} from '@app/connectors';
import type { IdResolver } from '@app/translation';
import type { RunContext } from '../engine/run-context.js';

/** What one rules run needs: the shared run context and the rules' own settings; the executor assembles it. */
export interface RulesRunContext extends RunContext<IdResolver> {
  /** SYNC_PROPAGATE_DELETES: a group deleted on its source side is deleted on the target side too. */
  readonly propagateDeletes?: boolean;
  /** Rule writes take effect at once (Feishu effect_now, WeCom effective_now); absent = from the next day. */
  readonly effectiveNow?: boolean;
  /** How Feishu places on its Google map are read (FEISHU_GOOGLE_MAP_DATUM); absent = the mapper's default. */
  readonly googleMapDatum?: 'gcj02' | 'wgs84';
  /** FEISHU_DEFAULT_GROUP_LEADER_IDS: the leaders of an attendance group WeCom → Feishu creates; absent = none. */
  readonly groupLeaderIds?: readonly string[];
  /** A conflict was opened by this run (for alerts): a two-way link's content conflict, or a name conflict. */
  readonly onNewConflict?: (event: NewConflictEvent) => void;
}

/**
 * The vendors of one rules direction: where rules are read (`source`) and where they are written (`target`).
 * What both directions share (rule-removals.ts, two-way.ts, rule-item.ts) names each side by its connector's
 * noun and reads the link's sides by the connectors' vendors, so it is written once.
 */
export interface RuleDirection {
  readonly source: RuleSideConnector;
  readonly target: RuleSideConnector;
}

/** A conflict a run opened: which, on which link, and (a name conflict) the same-named object it found. */
export interface NewConflictEvent {
  readonly conflictId: string;
  readonly link: GroupLink;
  readonly found?: FoundObject;
}

/** The requests a dry run shows for an item: the connectors' `ItemPlan`, one vendor's. */
export type { ItemPlan } from '@app/connectors';

export function item(
  sourceId: string,
  targetId: string | null,
  action: SyncRunItem['action'],
  losses: readonly Loss[],
  extra: { error?: string | null; plan?: ItemPlan; notes?: readonly (Note | null)[] } = {},
): SyncRunItem {
  const notes = (extra.notes ?? []).filter((note): note is Note => note !== null);
  return {
    sourceId,
    targetId,
    action,
    losses,
    ...(notes.length === 0 ? {} : { notes }),
    error: extra.error ?? null,
    ...(extra.plan === undefined ? {} : { plan: extra.plan }),
  };
}

/** The first blocking loss, for the item's one-line error. */
export function refusalReason(losses: readonly Loss[]): string {
  const blocking = losses.find((loss) => loss.severity === 'blocking');
  return `cannot be translated: ${blocking ? `${blocking.field}: ${blocking.message}` : 'refused'}`;
}

/**
 * How a rules run gets its connector of each vendor: the app, which holds the vendor clients, builds one from
 * the options the run's context sets.
 */
export interface RuleConnectorFactories {
  readonly feishu: (options: FeishuRulesConnectorOptions) => FeishuRulesConnector;
  readonly wecom: (options: WecomRulesConnectorOptions) => WecomRulesConnector;
}

/** The run's connector of each vendor, set up from its context; both directions work with the same pair. */
export function ruleConnectors(
  context: RulesRunContext,
  connect: RuleConnectorFactories,
): { readonly feishu: FeishuRulesConnector; readonly wecom: WecomRulesConnector } {
  return {
    feishu: connect.feishu({
      onUnreadable: context.unreadable.sink,
      now: context.now,
      ...(context.googleMapDatum ? { googleMapDatum: context.googleMapDatum } : {}),
    }),
    wecom: connect.wecom({
      onUnreadable: context.unreadable.sink,
      ...(context.effectiveNow !== undefined ? { effectiveNow: context.effectiveNow } : {}),
    }),
  };
}
