import {
  FeishuPunchesConnector,
  FeishuRostersConnector,
  FeishuRulesConnector,
  WecomPunchesConnector,
  WecomRostersConnector,
  WecomRulesConnector,
} from '@app/connectors';
import type { SyncRun } from '@app/mapping-store';
import type { IdResolver } from '@app/translation';
import type { AppConfig } from '../config/app-config.js';
import type { VendorClients } from '../vendors/vendor-clients.service.js';
import type { RunContext } from './engine/run-context.js';
import { registerScope, ScopeRegistry } from './engine/scope-registry.js';
import { PUNCHES_RECONCILER, type PunchConnectors } from './punches/punches.scope.js';
import { ROSTERS_RECONCILER } from './rosters/rosters.scope.js';
import type { NewConflictEvent, RuleConnectorFactories } from './rules/rule-sync.types.js';
import { RULES_RECONCILER } from './rules/rules.reconciler.js';

// The registry of the gateway's scopes. It sits beside the executor, not in sync/engine/: registering a scope
// names its reconciler and its vendors' connector classes, and builds them from the app's clients and config,
// while lint keeps sync/engine/ to @app/kernel and store types (eslint.config.js). The engine's part, the
// registry and the composition of both directions, is engine/scope-registry.ts.

/** The shared context of a gateway run: the id resolver is translation's. */
export type GatewayRunContext = RunContext<IdResolver>;

/** What a scope is set up from for one run, besides the shared context. */
export interface ScopeSetup {
  readonly run: SyncRun;
  readonly config: AppConfig;
  readonly vendors: VendorClients;
  /** A conflict was opened by the run (for alerts). */
  readonly onNewConflict: (event: NewConflictEvent) => void;
}

export const SCOPES = new ScopeRegistry<GatewayRunContext, ScopeSetup>({
  rules: registerScope({
    reconciler: RULES_RECONCILER,
    context: (base: GatewayRunContext, { run, config, onNewConflict }: ScopeSetup) => ({
      ...base,
      propagateDeletes: config.sync.propagateDeletes,
      effectiveNow: run.params.effectiveNow ?? config.sync.effectiveNow,
      googleMapDatum: config.feishu.googleMapDatum,
      groupLeaderIds: config.feishu.defaultGroupLeaderIds,
      onNewConflict,
    }),
    // The rules scope gets connector factories, not clients: each direction builds its pair from the options its run sets.
    connect: ({ vendors }: ScopeSetup) => {
      const feishu = vendors.feishu();
      const wecom = vendors.wecom();
      const factories: RuleConnectorFactories = {
        feishu: (options) => new FeishuRulesConnector(feishu, options),
        wecom: (options) => new WecomRulesConnector(wecom, options),
      };
      return () => factories;
    },
    // A rules run asked for some groups reports only those of them that could not be read (a linked target that
    // could not be read fails its group's item).
    unreadableOfRequestedOnly: true,
  }),
  rosters: registerScope({
    reconciler: ROSTERS_RECONCILER,
    context: (base: GatewayRunContext, { run }: ScopeSetup) => {
      const { from, to } = run.params;
      return { ...base, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    },
    // Fresh connectors per pass: the second half of a two-way run reads what a rules run may have changed.
    connect:
      ({ vendors }: ScopeSetup) =>
      () => ({
        feishu: new FeishuRostersConnector(vendors.feishu()),
        wecom: new WecomRostersConnector(vendors.wecom()),
      }),
  }),
  punches: registerScope({
    reconciler: PUNCHES_RECONCILER,
    context: (base: GatewayRunContext, { run, config }: ScopeSetup) => ({
      ...base,
      params: run.params,
      userIdMapping: config.sync.userIdMapping,
    }),
    connect: ({ vendors }: ScopeSetup) => {
      const pair: PunchConnectors = {
        feishu: new FeishuPunchesConnector(vendors.feishu()),
        wecom: new WecomPunchesConnector(vendors.wecom()),
      };
      return () => pair;
    },
  }),
});
