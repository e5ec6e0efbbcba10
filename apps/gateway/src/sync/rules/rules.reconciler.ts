import type { ScopeReconciler } from '../engine/scope-registry.js';
import { FeishuToWecomRulesSync } from './feishu-to-wecom.rules-sync.js';
import type { RuleConnectorFactories, RulesRunContext } from './rule-sync.types.js';
import { WecomToFeishuRulesSync } from './wecom-to-feishu.rules-sync.js';

/**
 * The rules scope: one rules class per direction, each building its connector pair from the factories with the
 * options its run sets. In a scheduled run the Feishu → WeCom half goes first and decides two-way links
 * (pushing a Feishu change, opening conflicts); the other half pushes WeCom changes.
 */
export const RULES_RECONCILER: ScopeReconciler<RulesRunContext, RuleConnectorFactories> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (context, connect, direction) =>
    direction === 'feishu_to_wecom'
      ? new FeishuToWecomRulesSync(context, connect).run()
      : new WecomToFeishuRulesSync(context, connect).run(),
};
