// Pure translation between the vendors' rule models and the canonical model (no Nest, no I/O, no clock).
export * from './canonical/canonical-rule.js';
export * from './canonical/loss.js';
export * from './canonical/id-resolver.js';
export { normalizeRule } from './canonical/normalize-rule.js';
export { legacyRuleContentHashes, ruleContentHash } from './canonical/rule-hash.js';
export { resolveRuleIds } from './canonical/resolve-rule-ids.js';
export {
  wecomRuleNameCandidates,
  isWecomRuleNameFor,
  WECOM_RULE_NAME_MAX_CHARACTERS,
  WECOM_RULE_NAME_LAST_NUMBER,
} from './canonical/plain-rule-names.js';
export {
  legacyWecomRuleNameFor,
  isLegacyGatewayRuleName,
  feishuGroupIdFromLegacyRuleName,
  withoutLegacyRuleNameTag,
} from './canonical/legacy-rule-names.js';
export { feishuReadToCanonical, feishuToCanonical } from './feishu/feishu-to-canonical.mapper.js';
export type {
  FeishuReadInput,
  FeishuToCanonicalInput,
  FeishuToCanonicalOptions,
} from './feishu/feishu-to-canonical.mapper.js';
export type { GoogleMapDatum } from './feishu/feishu-to-canonical.mapper.js';
export { DEFAULT_GOOGLE_MAP_DATUM } from './feishu/feishu-to-canonical.mapper.js';
export { canonicalToFeishu, bindFeishuShiftIds, planShiftIds } from './feishu/canonical-to-feishu.mapper.js';
export type {
  CanonicalToFeishuOptions,
  FeishuGroupPlan,
  FeishuShiftPlanEntry,
} from './feishu/canonical-to-feishu.mapper.js';
export { wecomReadToCanonical, wecomToCanonical } from './wecom/wecom-to-canonical.mapper.js';
export type { WecomToCanonicalOptions } from './wecom/wecom-to-canonical.mapper.js';
export { canonicalToWecom } from './wecom/canonical-to-wecom.mapper.js';
export type { CanonicalToWecomOptions } from './wecom/canonical-to-wecom.mapper.js';
export { mergeWecomRuleUpdate } from './wecom/wecom-update-merge.js';
export type { WecomRuleUpdateMerge } from './wecom/wecom-update-merge.js';
export type { CanonicalPunch, PunchKind, PunchOrigin, PunchRead } from './punch/canonical-punch.js';
export { wecomPunchKey, feishuIdempotentIdFor, isGatewayImportedFlow, GATEWAY_FLOW_MARK } from './punch/punch-keys.js';
export { wecomCheckinToPunch, punchToWecomRecord } from './punch/wecom-punch.mapper.js';
export type { WecomPunchRead } from './punch/wecom-punch.mapper.js';
export { feishuFlowToPunch, punchToFeishuFlow } from './punch/feishu-punch.mapper.js';
export type { FeishuFlowImport } from './punch/feishu-punch.mapper.js';
