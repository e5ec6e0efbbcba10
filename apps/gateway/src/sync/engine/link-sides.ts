import type { GroupLink, LinkSide, SideVendor } from '@app/mapping-store';

export type { LinkSide } from '@app/mapping-store';

const NO_SIDE: LinkSide = { id: null, name: null, hash: null };

/**
 * The side of `link` on `vendor` (nothing known when the link has none there). The store keeps a link's sides as
 * rows of `link_sides`, one per vendor (migrations/1796100000000-vendor-neutral-links.ts); the engine reads and
 * writes a side by its connector's vendor, so that it names no pair.
 */
export function linkSide(link: GroupLink, vendor: SideVendor): LinkSide {
  return link.sides.get(vendor) ?? NO_SIDE;
}

/** The id of `link`'s side on `vendor`, or null without a link. */
export function linkSideId(link: GroupLink | null, vendor: SideVendor): string | null {
  return link ? linkSide(link, vendor).id : null;
}
