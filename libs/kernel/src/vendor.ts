/** The two attendance vendors the gateway connects. A third (DingTalk) is one more member here. */
export const VENDORS = ['feishu', 'wecom'] as const;
export type Vendor = (typeof VENDORS)[number];

/**
 * A vendor as a rules connector and a link's side name it: one of VENDORS, or another connector's lowercase name
 * (the tests' in-memory vendor plugs into the rules engine so). What keeps vendor-named columns (conflicts,
 * events, punches) takes a Vendor.
 */
export type VendorName = Vendor | (string & Record<never, never>);

export function isVendor(name: string): name is Vendor {
  return (VENDORS as readonly string[]).includes(name);
}

export function otherVendor(vendor: Vendor): Vendor {
  return vendor === 'feishu' ? 'wecom' : 'feishu';
}
