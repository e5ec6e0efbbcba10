import type { StoreSession } from '@app/mapping-store';
import { openTestStore, type TestStore } from '../../../../test/support/test-database.js';
import { LEASE_TTL_MS, LeaseTimeoutError, withLeases } from './link-leases.js';

// withLeases against the real lease table (embedded by default, PostgreSQL with DATABASE_URL).

let harness: TestStore;
let store: StoreSession;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

const noSleep = (): Promise<void> => Promise.resolve();

async function holders(resources: readonly string[]): Promise<(string | null)[]> {
  const found: (string | null)[] = [];
  for (const resource of resources) found.push(await store.leases.holderOf(resource));
  return found;
}

describe('withLeases', () => {
  it('runs the work while holding every lease, returns its result and releases them afterwards', async () => {
    const resources = ['link:ok-b', 'feishu-group:ok-a'];
    let during: (string | null)[] = [];
    const result = await withLeases(
      store,
      'run-1',
      resources,
      async () => {
        during = await holders(resources);
        return 'done';
      },
      noSleep,
    );
    expect(result).toBe('done');
    expect(during).toEqual(['run-1', 'run-1']);
    expect(await holders(resources)).toEqual([null, null]);
  });

  it('releases every lease when the work throws, and rethrows the error', async () => {
    const resources = ['link:err-a', 'link:err-b'];
    let during: (string | null)[] = [];
    const failure = new Error('vendor down');
    await expect(
      withLeases(
        store,
        'run-2',
        resources,
        async () => {
          during = await holders(resources);
          throw failure;
        },
        noSleep,
      ),
    ).rejects.toBe(failure);
    expect(during).toEqual(['run-2', 'run-2']);
    expect(await holders(resources)).toEqual([null, null]);
    expect(await store.leases.tryAcquire('link:err-a', 'someone-else', 60_000)).toBe(true);
  });

  it('waits for a lease another holder has and proceeds once it is released', async () => {
    expect(await store.leases.tryAcquire('link:wait-b', 'other-run', 60_000)).toBe(true);
    const sleeps: number[] = [];
    let released = false;
    const sleep = async (ms: number): Promise<void> => {
      sleeps.push(ms);
      if (sleeps.length === 3) {
        await store.leases.release('link:wait-b', 'other-run');
        released = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    let ranWhileReleased: boolean | null = null;
    let during: (string | null)[] = [];
    const result = await withLeases(
      store,
      'run-3',
      ['link:wait-b', 'link:wait-a'],
      async () => {
        ranWhileReleased = released;
        during = await holders(['link:wait-a', 'link:wait-b']);
        return 42;
      },
      sleep,
    );
    expect(result).toBe(42);
    expect(ranWhileReleased).toBe(true);
    expect(sleeps).toHaveLength(3);
    expect(sleeps.every((ms) => ms > 0)).toBe(true);
    expect(during).toEqual(['run-3', 'run-3']);
    expect(await holders(['link:wait-a', 'link:wait-b'])).toEqual([null, null]);
  });

  it('takes the leases in sorted order, each once, and releases them in reverse', async () => {
    const calls: string[] = [];
    const recording = {
      leases: {
        tryAcquire: (resource: string, holder: string, ttlMs: number) => {
          calls.push(`acquire ${resource} ${holder} ${ttlMs}`);
          return store.leases.tryAcquire(resource, holder, ttlMs);
        },
        release: (resource: string, holder: string) => {
          calls.push(`release ${resource} ${holder}`);
          return store.leases.release(resource, holder);
        },
      },
    } as unknown as StoreSession;

    await withLeases(recording, 'run-4', ['link:s-c', 'link:s-a', 'feishu-group:s-z', 'link:s-a'], async () => {
      calls.push('work');
    });
    expect(calls).toEqual([
      `acquire feishu-group:s-z run-4 ${LEASE_TTL_MS}`,
      `acquire link:s-a run-4 ${LEASE_TTL_MS}`,
      `acquire link:s-c run-4 ${LEASE_TTL_MS}`,
      'work',
      'release link:s-c run-4',
      'release link:s-a run-4',
      'release feishu-group:s-z run-4',
    ]);
  });

  it('gives up with LeaseTimeoutError when a lease stays busy, without running the work or touching it', async () => {
    expect(await store.leases.tryAcquire('link:stuck-b', 'other-run', 60_000)).toBe(true);
    // The real table answers the first attempt on the busy lease; the thousands of retries up to the
    // timeout get the same answer without a round trip each (the wait is counted in retries, not time).
    let busyAttempts = 0;
    const fastRetries = {
      leases: {
        tryAcquire: async (resource: string, holder: string, ttlMs: number) => {
          if (resource === 'link:stuck-b' && busyAttempts++ > 0) return false;
          return store.leases.tryAcquire(resource, holder, ttlMs);
        },
        release: (resource: string, holder: string) => store.leases.release(resource, holder),
      },
    } as unknown as StoreSession;
    let sleeps = 0;
    let ran = false;
    await expect(
      withLeases(
        fastRetries,
        'run-5',
        ['link:stuck-b', 'link:stuck-a'],
        async () => {
          ran = true;
        },
        async () => {
          sleeps += 1;
        },
      ),
    ).rejects.toBeInstanceOf(LeaseTimeoutError);
    expect(ran).toBe(false);
    expect(sleeps).toBeGreaterThan(100);
    expect(busyAttempts).toBe(sleeps + 1);
    // The lease it had taken is released; the other holder's is untouched.
    expect(await holders(['link:stuck-a', 'link:stuck-b'])).toEqual([null, 'other-run']);
  });
});
