import type { ContactScope } from './feishu-contact.handlers.js';
import type { FeishuTenant } from './feishu-tenant.state.js';

/**
 * How POST /shifts/query matches shift_name. 'exact': only the shift of that name. 'contains': the first
 * shift, in list order, whose name contains the asked one (see FeishuEmulatorOptions.shiftQueryMatch).
 */
export type ShiftQueryMatch = 'exact' | 'contains';

/** Behaviours the docs leave open, chosen per emulator instance. */
export interface FeishuBehaviour {
  readonly shiftQueryMatch: ShiftQueryMatch;
  /** The app's contact data scope (通讯录权限范围); 'all' unless a test narrows it. */
  readonly contactScope: ContactScope;
}

/** What a handler sees of one API call (already authenticated and rate-limited). */
export interface FeishuCallContext {
  readonly tenant: FeishuTenant;
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters, first value of each. */
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  /** Emulator clock, ms. */
  readonly now: number;
  readonly behaviour: FeishuBehaviour;
}

/** A successful answer: `{code: 0, msg, data}`. */
export interface FeishuAnswer {
  readonly data?: unknown;
  /** "success" unless the call reports a partial failure in msg (REFERENCE PART D item 6). */
  readonly msg?: string;
}

export interface FeishuRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Express path template, e.g. "/open-apis/attendance/v1/groups/:group_id". */
  readonly path: string;
  handle(context: FeishuCallContext): FeishuAnswer;
}

export const ATTENDANCE = '/open-apis/attendance/v1';
