import type { StoreSession } from '@app/mapping-store';

/**
 * How long a lease lives without renewal; the run worker renews its leases with every heartbeat, at least
 * every third of this. Short, because a dead holder's leases block every run that needs those links (the
 * survivors' runs included, so the dead one's run cannot even be taken over) until they lapse.
 */
export const LEASE_TTL_MS = 15_000;
const RETRY_MS = 200;
/** An item waits this long for another run to let go of its link before it gives up (fails the item). */
const MAX_WAIT_MS = 15 * 60_000;

export class LeaseTimeoutError extends Error {
  constructor(resource: string) {
    super(`another run kept "${resource}" busy for more than ${MAX_WAIT_MS / 60_000} minutes; try again later`);
    this.name = 'LeaseTimeoutError';
  }
}

/**
 * Runs `work` while holding every lease in `resources` (taken in sorted order, so two runs needing the same
 * pair cannot deadlock). A run that finds a link busy waits for it: concurrent requests queue per link,
 * they never interleave on it. Released afterwards whatever happens; a crashed holder's leases lapse.
 */
export async function withLeases<T>(
  store: StoreSession,
  holder: string,
  resources: readonly string[],
  work: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  const ordered = [...new Set(resources)].sort();
  const taken: string[] = [];
  try {
    for (const resource of ordered) {
      let waited = 0;
      while (!(await store.leases.tryAcquire(resource, holder, LEASE_TTL_MS))) {
        if (waited >= MAX_WAIT_MS) throw new LeaseTimeoutError(resource);
        await sleep(RETRY_MS);
        waited += RETRY_MS;
      }
      taken.push(resource);
    }
    return await work();
  } finally {
    for (const resource of taken.reverse()) await store.leases.release(resource, holder);
  }
}
