import type { Vendor } from '../api/vendor-groups';
import type { components } from '../api/schema';

// What the runs and run-detail pages share: the API's run shapes, which runs are still moving, colours, the
// order losses are shown in, time formatting, and which vendor's record an item's source and target are.

export type Run = components['schemas']['RunDto'];
export type RunDetail = components['schemas']['RunDetailDto'];
export type RunItem = components['schemas']['RunItemDto'];
export type RunStatus = components['schemas']['RunStatus'];
export type ItemAction = components['schemas']['ItemAction'];
export type LossSeverity = components['schemas']['LossSeverity'];
export type Link = components['schemas']['LinkDto'];

/**
 * A loss as the console reads it: the contract's field, severity and message, plus the values when the gateway
 * sends them (not part of the OpenAPI document yet; shown when present).
 */
export type Loss = components['schemas']['LossDto'] & {
  readonly sourceValue?: unknown;
  readonly targetValue?: unknown;
};

/**
 * Progress of a running run: items finished so far, and the total when the gateway knows it (`itemsTotal` is
 * not in the OpenAPI document yet; shown when present).
 */
export interface RunProgressView {
  readonly itemsDone: number;
  readonly itemsTotal?: number;
}

export const ACTIONS: readonly ItemAction[] = ['created', 'updated', 'unchanged', 'skipped', 'failed'];
/** Worst first: the order the detail page lists losses in. */
export const SEVERITIES: readonly LossSeverity[] = ['blocking', 'dropped', 'approximated', 'info'];

/** How often a queued or running run is polled (list and detail). */
export const LIVE_REFRESH_MS = 1000;

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

export const STATUS_COLORS: Record<RunStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  partial: 'warning',
  failed: 'error',
};

export const ACTION_COLORS: Record<ItemAction, string> = {
  created: 'green',
  updated: 'blue',
  unchanged: 'default',
  skipped: 'gold',
  failed: 'red',
};

export const SEVERITY_COLORS: Record<LossSeverity, string> = {
  blocking: 'red',
  dropped: 'volcano',
  approximated: 'gold',
  info: 'blue',
};

/** The progress the gateway gave, read tolerantly (itemsTotal only when it is a number). */
export function progressOf(detail: Pick<RunDetail, 'progress'> | undefined): RunProgressView | null {
  const progress = detail?.progress as { itemsDone?: unknown; itemsTotal?: unknown } | null | undefined;
  if (!progress || typeof progress.itemsDone !== 'number') return null;
  return typeof progress.itemsTotal === 'number'
    ? { itemsDone: progress.itemsDone, itemsTotal: progress.itemsTotal }
    : { itemsDone: progress.itemsDone };
}

export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'zh-CN';
}

/** A date and time in the browser's time zone, e.g. 2026-03-02 17:15:04 (zh) or 02/03/2026, 17:15:04 (en). */
export function formatDateTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(localeOf(language), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Milliseconds a run took (or has taken so far, given `now`), or null before it started. */
export function durationMs(run: Pick<Run, 'startedAt' | 'finishedAt'>, now: number): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Math.max(0, end - Date.parse(run.startedAt));
}

/** The parts of a duration, largest first, for the page's own wording: 2 h 5 min, 3 min 4 s, 850 ms. */
export function durationParts(ms: number): { unit: 'h' | 'min' | 's' | 'ms'; value: number }[] {
  if (ms < 1000) return [{ unit: 'ms', value: Math.round(ms) }];
  const seconds = Math.floor(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0)
    return [{ unit: 'h', value: hours }, ...(minutes > 0 ? [{ unit: 'min' as const, value: minutes }] : [])];
  if (minutes > 0) return [{ unit: 'min', value: minutes }, ...(rest > 0 ? [{ unit: 's' as const, value: rest }] : [])];
  return [{ unit: 's', value: ms < 10_000 ? Math.round(ms / 100) / 10 : rest }];
}

/** What an item's id names: a Feishu group or WeCom rule (rules, rosters), or a person (punches). */
export type RecordKind = 'group' | 'rule' | 'person';

export interface ItemSide {
  /** Null in a two-way run when no link tells which vendor the id belongs to. */
  readonly vendor: Vendor | null;
  readonly kind: RecordKind | null;
  readonly id: string | null;
  /** The group's or rule's name, when a link knows it. */
  readonly name: string | null;
}

/** Names of groups and rules by id, from the links. */
export interface LinkNames {
  readonly feishu: ReadonlyMap<string, string>;
  readonly wecom: ReadonlyMap<string, string>;
}

export function linkNames(links: readonly Link[]): LinkNames {
  const feishu = new Map<string, string>();
  const wecom = new Map<string, string>();
  for (const link of links) {
    if (link.feishuGroupId && link.feishuGroupName) feishu.set(link.feishuGroupId, link.feishuGroupName);
    if (link.wecomRuleId && link.wecomRuleName) wecom.set(link.wecomRuleId, link.wecomRuleName);
  }
  return { feishu, wecom };
}

const OTHER: Record<Vendor, Vendor> = { feishu: 'wecom', wecom: 'feishu' };

/**
 * Which vendor's record an item's source and target are. One-way runs say it by their direction; in a two-way
 * (scheduled) run each item went its link's way, so a group's or rule's id is looked up in the links.
 */
export function itemSides(
  run: Pick<Run, 'direction' | 'scope'>,
  item: Pick<RunItem, 'sourceId' | 'targetId'>,
  names: LinkNames | undefined,
): { source: ItemSide; target: ItemSide } {
  let source: Vendor | null =
    run.direction === 'feishu_to_wecom' ? 'feishu' : run.direction === 'wecom_to_feishu' ? 'wecom' : null;
  if (source === null && run.scope !== 'punches' && names) {
    if (names.feishu.has(item.sourceId) || (item.targetId !== null && names.wecom.has(item.targetId))) {
      source = 'feishu';
    } else if (names.wecom.has(item.sourceId) || (item.targetId !== null && names.feishu.has(item.targetId))) {
      source = 'wecom';
    }
  }
  const side = (vendor: Vendor | null, id: string | null): ItemSide => {
    const kind: RecordKind | null =
      run.scope === 'punches' ? 'person' : vendor === 'feishu' ? 'group' : vendor === 'wecom' ? 'rule' : null;
    const name = vendor && id && run.scope !== 'punches' ? (names?.[vendor].get(id) ?? null) : null;
    return { vendor, kind, id, name };
  };
  return {
    source: side(source, item.sourceId),
    target: side(source === null ? null : OTHER[source], item.targetId),
  };
}
