/** The two attendance vendors the gateway connects. A third (DingTalk) is one more member here. */
export const VENDORS = ['feishu', 'wecom'] as const;
export type Vendor = (typeof VENDORS)[number];

export function otherVendor(vendor: Vendor): Vendor {
  return vendor === 'feishu' ? 'wecom' : 'feishu';
}
