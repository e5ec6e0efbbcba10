import { AsyncLocalStorage } from 'node:async_hooks';
import type { LinkDirection, RunScope } from '@app/kernel';

// Here, in the engine, rather than in the app's logging folder or libs/kernel: the engines set the context per
// item and the app's logger (logging/logger.options.ts) reads it, so the app imports it downwards and the engine
// imports nothing of the app (ARCHITECTURE.md). libs/kernel is the vocabulary shared by pure code and the vendor
// libraries, which neither run items nor log with a run's fields; a per-process AsyncLocalStorage is not theirs.

/**
 * What a log line is about, beyond what its own call site knows: the run and the item (a rules link, a roster
 * link, a punch unit). Set where the work is entered (RunWorker per run, the sync engines per item or unit) and
 * added to every line written inside by the logger's mixin (vendor call lines name their vendor themselves), so a deep line — a vendor retry, a rate-limit wait — says which run and link it belongs to
 * without every function passing ids down for logging's sake.
 */
export interface LogContext {
  readonly runId?: string;
  readonly scope?: RunScope;
  /** A scheduled run goes both ways (`two_way`). */
  readonly direction?: LinkDirection;
  /** The rules/roster link (its id) the line is about, once one exists. */
  readonly link?: string;
  /** The source object of the item: `feishu-group:<id>`, `wecom-rule:<id>`, a person. */
  readonly item?: string;
  /** Punch runs: the unit of people and days (`3/40`), the grain their vendor calls are made at. */
  readonly unit?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `fields` added to the current context (inner values win) for everything it logs. */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields every line written now carries (empty outside any run). */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
