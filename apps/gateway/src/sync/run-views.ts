import type { GroupLink, SyncRun, SyncRunItem, SyncRunWithItems } from '@app/mapping-store';

/** A run as GET /api/v1/runs lists it (DESIGN.md contract, plus queuedAt, triggeredBy, groupIds/from/to, error). */
export interface RunView {
  readonly id: string;
  readonly status: SyncRun['status'];
  readonly direction: SyncRun['direction'];
  readonly scope: SyncRun['scope'];
  readonly dryRun: boolean;
  readonly triggeredBy: SyncRun['triggeredBy'];
  readonly params: SyncRun['params'];
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly summary: SyncRun['summary'];
}

export interface RunDetailView extends RunView {
  /** While running: items finished so far by the executing process and its total so far (null when unknown). */
  readonly progress: { readonly itemsDone: number; readonly itemsTotal: number | null } | null;
  readonly items: readonly ItemView[];
}

export interface ItemView {
  readonly sourceId: string;
  readonly targetId: string | null;
  readonly action: SyncRunItem['action'];
  readonly losses: SyncRunItem['losses'];
  readonly notes: NonNullable<SyncRunItem['notes']>;
  readonly error?: string;
  readonly plan?: unknown;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function runView(run: SyncRun): RunView {
  return {
    id: run.id,
    status: run.status,
    direction: run.direction,
    scope: run.scope,
    dryRun: run.dryRun,
    triggeredBy: run.triggeredBy,
    params: run.params,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    error: run.error,
    summary: run.summary,
  };
}

export function runDetailView(
  run: SyncRunWithItems,
  progress: { readonly itemsDone: number; readonly itemsTotal: number | null } | null,
): RunDetailView {
  return {
    ...runView(run),
    progress: run.status === 'running' && progress !== null ? progress : null,
    items: run.items.map((entry) => ({
      sourceId: entry.sourceId,
      targetId: entry.targetId,
      action: entry.action,
      // The contract's loss shape: field, severity, message (values stay in the store for diagnosis).
      losses: entry.losses.map(({ field, severity, message }) => ({ field, severity, message })),
      notes: (entry.notes ?? []).map(({ field, message, code }) => ({ field, message, ...(code ? { code } : {}) })),
      ...(entry.error ? { error: entry.error } : {}),
      ...(entry.plan === undefined ? {} : { plan: entry.plan }),
    })),
  };
}

/** A group ⇄ rule link as GET /api/v1/links shows it. */
export function linkView(link: GroupLink) {
  return {
    id: link.id,
    feishuGroupId: link.feishuGroupId,
    feishuGroupName: link.feishuGroupName,
    wecomRuleId: link.wecomRuleId,
    wecomRuleName: link.wecomRuleName,
    direction: link.direction,
    status: link.status,
    lastSyncedAt: iso(link.lastSyncedAt),
    lastError: link.lastError,
    lastErrorKind: link.lastErrorKind,
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
  };
}
