import { FEISHU_MAX_FLOWS_PER_BATCH, type FeishuClient } from '@app/feishu';
import {
  feishuFlowToPunch,
  isGatewayImportedFlow,
  punchToFeishuFlow,
  type CanonicalPunch,
  type FeishuFlowImport,
  type Translation,
} from '@app/translation';
import type {
  PunchRecord,
  PunchSideConnector,
  PunchTimeWindow,
  PunchWrite,
  UnreadableSink,
} from '../attendance-connector.js';

/** A Feishu flow read: its record_id is its key. */
export interface FeishuPunchRecord extends PunchRecord {
  readonly recordKey: string;
}

/** A punch as a Feishu flow import; its key is the import's idempotent_id. */
export interface FeishuPunchWrite extends PunchWrite {
  readonly body: FeishuFlowImport;
}

/**
 * Feishu punches (user flows) as the punch scope sees them, and Feishu's write rules for them: imports carry
 * a deterministic idempotent_id (a repeated import creates nothing), ≤ 50 flows per user_flows/batch_create
 * (A7), and the answer names each held flow by that id. Nothing here knows WeCom.
 */
export class FeishuPunchesConnector implements PunchSideConnector {
  readonly vendor = 'feishu' as const;
  /**
   * user_flows/query takes ≤ 50 people per call (A4); see the engine's units for why WeCom reads use 50 as
   * well.
   */
  readonly usersPerRead = 50;
  readonly writeBatch = FEISHU_MAX_FLOWS_PER_BATCH;
  readonly writeCall = { api: 'user_flows/batch_create', key: 'flow_records' } as const;

  constructor(private readonly client: FeishuClient) {}

  /** Every attendance group id of the tenant. */
  async listGroupIds(onUnreadable: UnreadableSink): Promise<string[]> {
    const groups: string[] = [];
    for await (const group of this.client.listGroups({ onUnreadable })) groups.push(group.group_id);
    return groups;
  }

  /** The members of the groups, each once, in the order first met. */
  async members(groupIds: readonly string[], onUnreadable: UnreadableSink): Promise<string[]> {
    const members = new Set<string>();
    for (const groupId of groupIds) {
      for await (const user of this.client.listGroupUsers(groupId, { onUnreadable })) members.add(user.user_id);
    }
    return [...members];
  }

  /**
   * The flows of `users` in the window. A flow carrying the gateway's mark was imported by the gateway;
   * record_id is the flow's key before translation.
   */
  async readPunches(
    users: readonly string[],
    window: PunchTimeWindow,
    onUnreadable: UnreadableSink,
  ): Promise<FeishuPunchRecord[]> {
    const flows = await this.client.queryUserFlows({
      onUnreadable,
      userIds: users,
      checkTimeFrom: String(window.start),
      checkTimeTo: String(window.end),
    });
    return flows.map((flow) => ({
      user: flow.user_id,
      recordKey: flow.record_id,
      fromGateway: isGatewayImportedFlow(flow),
      read: () => feishuFlowToPunch(flow),
    }));
  }

  punchWrite(punch: CanonicalPunch, targetUser: string): Translation<FeishuPunchWrite> {
    const translation = punchToFeishuFlow(punch, targetUser);
    if (!translation.ok) return translation;
    const flow = translation.value;
    return { ok: true, value: { body: flow, key: flow.idempotent_id, user: targetUser }, losses: translation.losses };
  }

  /**
   * One batch_create. Feishu answers each record it holds with its idempotent_id; a record it holds but does
   * not show (pending or invalid) has no known record_id. Never matched by position: the answer may be shorter
   * than the batch.
   */
  async writePunches(batch: readonly FeishuPunchWrite[]): Promise<(string | null)[]> {
    const saved = await this.client.batchCreateUserFlows(batch.map((write) => write.body));
    const byIdempotentId = new Map(saved.map((flow) => [flow.idempotent_id ?? '', flow.record_id]));
    return batch.map((write) => byIdempotentId.get(write.key) ?? null);
  }
}
