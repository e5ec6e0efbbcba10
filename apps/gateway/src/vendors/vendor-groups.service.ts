import { BadRequestException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { FeishuRulesConnector, WecomRulesConnector } from '@app/connectors';
import { describeUnreadableRecord, isVendorError, VENDORS, type UnreadableRecord, type Vendor } from '@app/kernel';
import { MissingCredentialsError } from '../config/app-config.js';
import { failureDetail } from './vendor-status.service.js';
import { VendorClients } from './vendor-clients.service.js';

/** One source group as the console's search lists it: a Feishu attendance group or a WeCom checkin rule. */
export interface VendorGroup {
  readonly id: string;
  readonly name: string;
}

/** One group with the vendor's own read of it, as the vendor client returned it. */
export interface VendorGroupDetail extends VendorGroup {
  readonly record: Record<string, unknown>;
}

const GROUP_NOUN: Readonly<Record<Vendor, string>> = {
  feishu: 'Feishu attendance group',
  wecom: 'WeCom checkin rule',
};

/** The path's vendor, or a 400 naming the parameter. */
export function vendorOf(value: string): Vendor {
  const vendor = VENDORS.find((known) => known === value);
  if (!vendor) throw new BadRequestException(`vendor must be one of: ${VENDORS.join(', ')}`);
  return vendor;
}

/** By name, then by id (code-unit order: the same in every locale and database). */
function byNameThenId(a: VendorGroup, b: VendorGroup): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * The source groups of a vendor as the sync reads them: the connectors' reads, through the gateway's one client
 * per vendor. A record that cannot be read is left out of a list (README, "What the gateway does with records
 * it cannot read"; the client's observer logs and counts it), never fails it.
 */
@Injectable()
export class VendorGroupsService {
  constructor(private readonly clients: VendorClients) {}

  /** The groups, sorted by name then id; `search` keeps names containing it (any case) and the id equal to it. */
  async list(vendor: Vendor, search?: string): Promise<VendorGroup[]> {
    const groups = await this.read(`${GROUP_NOUN[vendor]}s could not be listed`, async () =>
      vendor === 'feishu'
        ? (await this.feishu().listGroups()).map((group) => ({ id: group.group_id, name: group.group_name }))
        : (await this.wecom().list()).map((rule) => ({ id: String(rule.groupid), name: rule.groupname })),
    );
    if (search === undefined) return groups.sort(byNameThenId);
    const needle = search.toLowerCase();
    return groups
      .filter((group) => group.id === search || group.name.toLowerCase().includes(needle))
      .sort(byNameThenId);
  }

  /** The group with the vendor's record of it (Feishu: the group read; WeCom: the rule in the rule list); null if none. */
  async get(vendor: Vendor, id: string): Promise<VendorGroupDetail | null> {
    return this.read(`${GROUP_NOUN[vendor]} ${id} could not be read`, async () => {
      if (vendor === 'feishu') {
        // Feishu group ids are decimal digits (feishuNumericIdSchema, libs/feishu's model): anything else names no
        // group, and is not sent.
        if (!/^\d{1,32}$/.test(id)) return null;
        const group = await this.feishu().findGroup(id);
        return group ? { id: group.group_id, name: group.group_name, record: { ...group } } : null;
      }
      const unreadable: UnreadableRecord[] = [];
      const rules = await this.wecom((record) => unreadable.push(record)).list();
      const rule = rules.find((each) => String(each.groupid) === id);
      if (rule) return { id: String(rule.groupid), name: rule.groupname, record: { ...rule } };
      // The rule is there but cannot be read (as a Feishu group that cannot be read fails its read): say so.
      const odd = unreadable.find((record) => record.recordId === id);
      if (odd) throw new ServiceUnavailableException(describeUnreadableRecord(odd));
      return null;
    });
  }

  private feishu(): FeishuRulesConnector {
    return new FeishuRulesConnector(this.clients.feishu(), { now: () => new Date() });
  }

  private wecom(onUnreadable?: (record: UnreadableRecord) => void): WecomRulesConnector {
    return new WecomRulesConnector(this.clients.wecom(), onUnreadable ? { onUnreadable } : {});
  }

  /** A vendor failure is a 503 naming the vendor and why; missing credentials keep their own 503 (the filter's). */
  private async read<T>(failed: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MissingCredentialsError || !isVendorError(error)) throw error;
      throw new ServiceUnavailableException(`${failed}: ${failureDetail(error)}`);
    }
  }
}
