import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { isActive, LIVE_REFRESH_MS } from './runs-model';

// The runs pages' queries, so the list (polling the progress of its running runs) and the detail page share one
// cache entry per run.

export const RUNS_PAGE_SIZE = 20;
/** How often the list looks for new runs when none on the page is moving. */
const IDLE_REFRESH_MS = 15_000;

export function runPageQuery(limit: number, offset: number) {
  return queryOptions({
    queryKey: ['runs', 'page', { limit, offset }],
    queryFn: async () => unwrap(await api.GET('/api/v1/runs', { params: { query: { limit, offset } } })),
    // Polled every second while any run on the page is queued or running (their status, counts and progress
    // move), and now and then otherwise, for the runs the schedule or someone else starts.
    refetchInterval: (query) =>
      query.state.data?.items.some((run) => isActive(run.status)) ? LIVE_REFRESH_MS : IDLE_REFRESH_MS,
  });
}

export function runDetailQuery(runId: string) {
  return queryOptions({
    queryKey: ['runs', 'detail', runId],
    queryFn: async () => unwrap(await api.GET('/api/v1/runs/{runId}', { params: { path: { runId } } })),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? LIVE_REFRESH_MS : false),
  });
}

/** The links, for the names of the groups and rules a run's items name (GET /api/v1/links has no filter). */
export function linkNamesQuery() {
  return queryOptions({
    queryKey: ['runs', 'link-names'],
    queryFn: async () => unwrap(await api.GET('/api/v1/links')),
    staleTime: 30_000,
  });
}
