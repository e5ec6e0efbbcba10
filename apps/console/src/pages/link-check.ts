// Checking a link: a dry run of its source (POST /api/v1/sync, dryRun true) read back from GET /api/v1/runs/:id.
// The stored link status says how the last sync went; only a read of both vendors can say whether the target
// was changed outside the gateway since (drifted), and a dry run is that read, writing nothing.
import { skipToken, useQueries, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { components } from '../api/schema';
import { defaultResyncDirection, sourceIdFor } from '../components/link-resync-modal';
import { type CheckState, checkStateOf } from './link-check-state';
import { getRun, queueRun, type RunDetail } from './preview-api';

export { CHECK_STATES, type CheckState, DRIFT_NOTE_CODE, checkStateOf } from './link-check-state';

type Link = components['schemas']['LinkDto'];
type SyncDirection = components['schemas']['SyncDirection'];

export interface LinkCheck {
  readonly state: CheckState;
  /** When the check's dry run finished (ISO). */
  readonly checkedAt: string;
  /** The way the dry run went: the link's own, Feishu → WeCom for a two-way link. */
  readonly direction: SyncDirection;
  readonly runId: string;
  /** The item's (or the run's) error, for failing and skipped. */
  readonly error?: string;
}

/** At most this many links are checked by "check this page", one after the other. */
export const PAGE_CHECK_LIMIT = 20;

const POLL_MS = 400;
const POLL_LIMIT_MS = 90_000;

/** The React Query key of a link's last check (kept for the session; nothing fetches it on its own). */
export const linkCheckKey = (linkId: string) => ['link-check', linkId] as const;

/** The direction and source id a check of the link dry-runs, or null when the link has no source id. */
export function checkSource(link: Link): { direction: SyncDirection; sourceId: string } | null {
  const direction = defaultResyncDirection(link);
  const sourceId = sourceIdFor(link, direction);
  return sourceId === null ? null : { direction, sourceId };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForRun(runId: string): Promise<RunDetail> {
  const deadline = Date.now() + POLL_LIMIT_MS;
  for (;;) {
    const run = await getRun(runId);
    if (run.finishedAt !== null || run.status === 'succeeded' || run.status === 'partial' || run.status === 'failed') {
      return run;
    }
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish in ${POLL_LIMIT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}

/** Dry-runs the link's source, waits for the run and reads what it found. Throws when the link has no source. */
export async function checkLink(link: Link): Promise<LinkCheck> {
  const source = checkSource(link);
  if (source === null) throw new Error(`link ${link.id} has no source-side id`);
  const runId = await queueRun({ direction: source.direction, scope: 'rules', groupIds: [source.sourceId] }, true);
  const run = await waitForRun(runId);
  const item = run.items.find((entry) => entry.sourceId === source.sourceId) ?? run.items[0];
  const checkedAt = run.finishedAt ?? new Date().toISOString();
  if (item === undefined) {
    return {
      state: 'failing',
      checkedAt,
      direction: source.direction,
      runId,
      error: run.error ?? `run ${runId} has no item for ${source.sourceId}`,
    };
  }
  const state = checkStateOf(item);
  return {
    state,
    checkedAt,
    direction: source.direction,
    runId,
    ...(item.error ? { error: item.error } : run.error && state === 'failing' ? { error: run.error } : {}),
  };
}

/** Checks the link and keeps the result in the cache under linkCheckKey. */
export async function checkLinkInto(queryClient: QueryClient, link: Link): Promise<LinkCheck> {
  const check = await checkLink(link);
  queryClient.setQueryData(linkCheckKey(link.id), check);
  return check;
}

/** The last check of each link, by link id (absent: not checked in this session). */
export function useLinkChecks(links: readonly Link[]): ReadonlyMap<string, LinkCheck> {
  const results = useQueries({
    queries: links.map((link) => ({
      queryKey: linkCheckKey(link.id),
      queryFn: skipToken,
      staleTime: Infinity,
      gcTime: Infinity,
    })),
  });
  return useMemo(() => {
    const map = new Map<string, LinkCheck>();
    results.forEach((result, index) => {
      const data = result.data as LinkCheck | undefined;
      if (data !== undefined) map.set(links[index]!.id, data);
    });
    return map;
  }, [results, links]);
}
