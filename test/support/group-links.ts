import type { GroupLink, GroupLinkIntent, GroupLinkSyncedState, LinkSide, SideVendor } from '@app/mapping-store';

// Tests of the Feishu–WeCom pair write and build links by the pair's field names; the store takes sides by vendor.

/** A Feishu–WeCom link's sides as the pair's named fields give them. */
interface PairIntentFields {
  readonly direction: GroupLinkIntent['direction'];
  readonly feishuGroupId?: string | null;
  readonly feishuGroupName?: string | null;
  readonly wecomRuleId?: string | null;
  readonly wecomRuleName?: string | null;
  /** The planned WeCom rule's content hash (a create's intent). */
  readonly wecomHash?: string | null;
}

/** The intent keyed by the Feishu side when it names a group id, else by the WeCom side. */
export function pairIntent(fields: PairIntentFields): GroupLinkIntent {
  const feishu = { vendor: 'feishu', id: fields.feishuGroupId ?? null, name: fields.feishuGroupName ?? null };
  const wecom = {
    vendor: 'wecom',
    id: fields.wecomRuleId ?? null,
    name: fields.wecomRuleName ?? null,
    plannedHash: fields.wecomHash ?? null,
  };
  const [source, target] = feishu.id !== null ? [feishu, wecom] : [wecom, feishu];
  if (source.id === null) throw new Error('pairIntent: a Feishu group id or a WeCom rule id');
  return { direction: fields.direction, source: { ...source, id: source.id }, target };
}

/** Both sides as a sync of the pair left them. */
export function pairSynced(fields: {
  readonly feishuGroupId: string;
  readonly feishuGroupName?: string | null;
  readonly wecomRuleId: string;
  readonly wecomRuleName?: string | null;
  readonly feishuHash: string;
  readonly wecomHash: string;
  readonly syncedAt: Date;
}): GroupLinkSyncedState {
  return {
    sides: [
      { vendor: 'feishu', id: fields.feishuGroupId, name: fields.feishuGroupName ?? null, hash: fields.feishuHash },
      { vendor: 'wecom', id: fields.wecomRuleId, name: fields.wecomRuleName ?? null, hash: fields.wecomHash },
    ],
    syncedAt: fields.syncedAt,
  };
}

/** A link as the store returns it, from the pair's named fields (its sides made from them). */
export function pairLink(fields: Omit<GroupLink, 'sides'>): GroupLink {
  const sides = new Map<SideVendor, LinkSide>();
  const feishu = { id: fields.feishuGroupId, name: fields.feishuGroupName, hash: fields.feishuHash };
  const wecom = { id: fields.wecomRuleId, name: fields.wecomRuleName, hash: fields.wecomHash };
  if (feishu.id !== null || feishu.name !== null || feishu.hash !== null) sides.set('feishu', feishu);
  if (wecom.id !== null || wecom.name !== null || wecom.hash !== null) sides.set('wecom', wecom);
  return { ...fields, sides };
}
