import type { Vendor } from '@app/kernel';
import type { GroupLink } from '@app/mapping-store';

/** One vendor's side of a link as the last sync (or a recorded intent) left it. */
export interface LinkSide {
  /** The vendor's id of the rule; null while a create is pending (WeCom answers no id) or before one. */
  readonly id: string | null;
  /** The rule's name on that vendor; alone, it is a recorded intent (the name a create will carry). */
  readonly name: string | null;
  /** The side's canonical content hash at the last sync. */
  readonly hash: string | null;
}

/**
 * The side of `link` on `vendor`. The store keeps a link's sides as rows of `link_sides`, one per vendor
 * (migrations/1796100000000-vendor-neutral-links.ts), but `GroupLink` still names the Feishu–WeCom pair's fields;
 * the engine reads a side by vendor here, so that it names no pair.
 */
export function linkSide(link: GroupLink, vendor: Vendor): LinkSide {
  switch (vendor) {
    case 'feishu':
      return { id: link.feishuGroupId, name: link.feishuGroupName, hash: link.feishuHash };
    case 'wecom':
      return { id: link.wecomRuleId, name: link.wecomRuleName, hash: link.wecomHash };
  }
}

/** The id of `link`'s side on `vendor`, or null without a link. */
export function linkSideId(link: GroupLink | null, vendor: Vendor): string | null {
  return link ? linkSide(link, vendor).id : null;
}
