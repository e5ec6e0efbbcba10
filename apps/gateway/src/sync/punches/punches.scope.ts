import type { FeishuPunchesConnector, WecomPunchesConnector } from '@app/connectors';
import type { ScopeReconciler } from '../engine/scope-registry.js';
import { FeishuPunchSource, FeishuPunchTarget } from './feishu-punches.punch-side.js';
import type { PunchRunContext } from './punch-sides.js';
import { PunchesReconciler } from './punches.reconciler.js';
import { WecomPunchSource, WecomPunchTarget } from './wecom-punches.punch-side.js';

/** The punch connector of each vendor; one pair serves both halves of a run. */
export interface PunchConnectors {
  readonly feishu: FeishuPunchesConnector;
  readonly wecom: WecomPunchesConnector;
}

/**
 * The punch scope: each direction is the one punch reconciler over that direction's (source, target) pair of
 * vendor roles. A scheduled (two_way) run carries WeCom punches to Feishu, then Feishu punches to WeCom: the
 * record mapping keeps each half from exporting what the other just imported (no echo).
 */
export const PUNCHES_RECONCILER: ScopeReconciler<PunchRunContext, PunchConnectors> = {
  twoWay: ['wecom_to_feishu', 'feishu_to_wecom'],
  run: (context, { feishu, wecom }, direction) =>
    direction === 'wecom_to_feishu'
      ? new PunchesReconciler(context, direction, new WecomPunchSource(wecom), new FeishuPunchTarget(feishu)).run()
      : new PunchesReconciler(context, direction, new FeishuPunchSource(feishu), new WecomPunchTarget(wecom)).run(),
};
