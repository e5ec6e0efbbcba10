// Waits on conditions instead of fixed sleeps (issue #22, "no timing luck"): a sleep long enough on a quiet
// machine is too short on a loaded one, and wasted time on every other.

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** What to add to the failure message about the state of things (a table's rows, a run's items). */
  readonly diagnose?: () => unknown;
}

/**
 * Polls `probe` until it answers something truthy, and returns that (a run once final, a row once present);
 * fails naming `what` after `timeoutMs`. A probe that throws fails the wait at once.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 10, diagnose }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) {
      const state = diagnose ? `: ${JSON.stringify(await diagnose())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: WaitOptions = {},
): Promise<void> {
  await waitFor(what, condition, options);
}

/**
 * Waits until `count` (a call log's length, a table's rows) has not changed for `quietMs`: whatever was in
 * flight has landed. Fails after `timeoutMs` if it never settles.
 */
export async function waitForQuiet(
  count: () => number,
  { quietMs = 200, timeoutMs = 10_000 }: { readonly quietMs?: number; readonly timeoutMs?: number } = {},
): Promise<void> {
  let last = count();
  let stableSince = Date.now();
  await waitUntil(
    () => {
      const now = count();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      return Date.now() - stableSince >= quietMs;
    },
    'the call log to go quiet',
    { timeoutMs },
  );
}
