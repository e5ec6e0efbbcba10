import type { FeishuRostersConnector, WecomRostersConnector } from '@app/connectors';
import type { ScopeReconciler } from '../engine/scope-registry.js';
import { FeishuRostersSource, FeishuRostersTarget } from './feishu-rosters.roster-side.js';
import { RostersReconciler, type RostersRunContext } from './rosters.reconciler.js';
import { WecomRostersSource, WecomRostersTarget } from './wecom-rosters.roster-side.js';

/**
 * The two sides of a roster pass: the Feishu connector (groups, shifts, user_daily_shifts) and the WeCom one
 * (rules and their schedules). A pass reads each shift once; the next pass (the other half of a two-way run)
 * gets fresh connectors, so it reads what a rules run may have changed meanwhile.
 */
export interface RosterConnectors {
  readonly feishu: FeishuRostersConnector;
  readonly wecom: WecomRostersConnector;
}

/**
 * The roster scope: each direction is the one roster reconciler over that direction's (source, target) pair of
 * vendor roles, each pass with connectors of its own. A scheduled `two_way` run is Feishu → WeCom for the links
 * that sync from Feishu, then WeCom → Feishu for those that sync from WeCom, each link in its own direction, as
 * the rules sync does. A two-way link is visited by both halves and only has the days its other side lacks
 * filled in: a roster has no history that could say which side changed a day both hold differently, so such a
 * day is reported, never overwritten either way.
 */
export const ROSTERS_RECONCILER: ScopeReconciler<RostersRunContext, RosterConnectors> = {
  twoWay: ['feishu_to_wecom', 'wecom_to_feishu'],
  run: (context, { feishu, wecom }, direction) =>
    direction === 'feishu_to_wecom'
      ? new RostersReconciler(
          context,
          direction,
          new FeishuRostersSource(context, feishu),
          new WecomRostersTarget(context, wecom),
        ).run()
      : new RostersReconciler(
          context,
          direction,
          new WecomRostersSource(context, wecom),
          new FeishuRostersTarget(context, feishu),
        ).run(),
};
