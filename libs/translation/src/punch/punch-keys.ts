import { createHash } from 'node:crypto';

/**
 * WeCom punches have no id: a person cannot punch twice in the same second, so user and second identify one
 * (getcheckindata's checkin_type is left out on purpose — WeCom re-matches it when rules change).
 */
export function wecomPunchKey(userid: string, checkinTime: number): string {
  return `${userid}@${checkinTime}`;
}

/** Marks every Feishu flow the gateway imports (idempotent_id and external_id), so it is never exported back. */
export const GATEWAY_FLOW_MARK = 'gw1-';

/**
 * Feishu's idempotency key for the import of one WeCom punch: the same on every run and every replica, so a
 * batch repeated after a crash or a lost answer creates nothing twice (REFERENCE A7). Hashed because the
 * userid may be long and the key's length limit is not documented.
 */
export function feishuIdempotentIdFor(wecomKey: string): string {
  return `${GATEWAY_FLOW_MARK}${createHash('sha256').update(`wecom|${wecomKey}`).digest('hex').slice(0, 32)}`;
}

/** True for a Feishu flow the gateway itself imported (it carries the gateway's idempotent or external id). */
export function isGatewayImportedFlow(flow: {
  readonly idempotent_id?: string | undefined;
  readonly external_id?: string | undefined;
}): boolean {
  return (
    (flow.idempotent_id?.startsWith(GATEWAY_FLOW_MARK) ?? false) ||
    (flow.external_id?.startsWith(GATEWAY_FLOW_MARK) ?? false)
  );
}
