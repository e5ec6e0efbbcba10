// Waits on conditions instead of fixed sleeps (issue #22, "no timing luck"): a sleep long enough on a quiet
// machine is too short on a loaded one, and wasted time on every other.

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 10_000, intervalMs = 10 }: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
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
