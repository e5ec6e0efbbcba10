import {
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import {
  MappingStore,
  RetryRunLater,
  RunQueue,
  type RunAttempt,
  type SyncRun,
  type SyncRunItem,
} from '@app/mapping-store';
import { withLogContext } from './engine/log-context.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RunExecutor, type RunOutcome } from './run-executor.service.js';

/** On shutdown, how long to let the current run finish before leaving it to its job's retry. */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * Executes runs as the run queue (pg-boss) hands them over: one at a time per process, in any replica. A run
 * whose process dies is retried by pg-boss once its heartbeat is stale, in whichever replica takes the job;
 * the attempt number recorded on the run keeps a superseded attempt from recording an outcome.
 */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunWorker.name);
  private readonly progress = new Map<string, { done: number; total: number | null }>();

  constructor(
    private readonly store: MappingStore,
    private readonly queue: RunQueue,
    private readonly executor: RunExecutor,
    private readonly alerts: AlertNotifier,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Runs start from the context of start-up, not from that of whatever pg-boss call is on the stack: every
    // line of a run carries the run's own context only.
    const execute = AsyncResource.bind((attempt: RunAttempt) => this.execute(attempt));
    await this.queue.work(execute);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stop(SHUTDOWN_GRACE_MS);
  }

  /**
   * Progress of a run this process is executing (for GET /runs/:id): items finished so far, and the items the
   * run has announced (null before its scope has listed what it will visit).
   */
  progressOf(runId: string): { readonly itemsDone: number; readonly itemsTotal: number | null } | null {
    const counter = this.progress.get(runId);
    // An announced total never reads below what is done (an item the engine did not announce still counts).
    return counter
      ? { itemsDone: counter.done, itemsTotal: counter.total === null ? null : Math.max(counter.total, counter.done) }
      : null;
  }

  private async execute(attempt: RunAttempt): Promise<void> {
    const run = await this.store.runs.begin(attempt.runId, attempt.attempt);
    // Finished already (an earlier attempt recorded its outcome and then lost its job's completion) or gone.
    if (!run) return;
    // Every line written while the run executes (the engines', the vendor calls') carries it.
    await withLogContext({ runId: run.id, scope: run.scope, direction: run.direction }, () =>
      this.executeRun(run, attempt),
    );
  }

  private async executeRun(run: SyncRun, attempt: RunAttempt): Promise<void> {
    const log = {
      runId: run.id,
      direction: run.direction,
      scope: run.scope,
      dryRun: run.dryRun,
      attempt: attempt.attempt,
    };
    this.logger.log(log, 'Run started');
    const counter: { done: number; total: number | null } = { done: 0, total: null };
    this.progress.set(run.id, counter);
    try {
      const outcome = await this.executor.execute(run, {
        onItemDone: (item) => {
          counter.done += 1;
          if (item) this.logItem(item);
        },
        onItemsPlanned: (count) => {
          counter.total = (counter.total ?? 0) + count;
        },
      });
      // A run that could not start because a vendor was unreachable or throttling gets another attempt
      // (after backoff) while it has any left; the reason shows on the queued run meanwhile.
      if (outcome.status === 'failed' && outcome.retryable && !attempt.last && outcome.error) {
        if (await this.store.runs.requeue(run.id, attempt.attempt, outcome.error)) {
          this.logger.warn({ ...log, error: outcome.error }, 'Run failed transiently; it will be retried');
          throw new RetryRunLater(outcome.error);
        }
      }
      const finished = await this.store.runs.finish(run.id, {
        status: outcome.status,
        error: outcome.error,
        items: outcome.items,
        attempt: attempt.attempt,
      });
      this.logger.log({ ...log, status: finished.status, summary: finished.summary }, 'Run finished');
      this.metrics?.runFinished(finished);
      await this.alert(run.id, outcome).catch((error: unknown) =>
        this.logger.warn({ ...log, err: error }, 'Run alert could not be sent'),
      );
    } catch (error) {
      if (!(error instanceof RetryRunLater)) {
        this.logger.error({ ...log, err: error }, 'Run outcome could not be recorded; its job will be retried');
      }
      throw error;
    } finally {
      this.progress.delete(run.id);
    }
  }

  /**
   * One line per finished item, with what happened to it: changes at info, failures at warn, the many
   * unchanged or skipped items at debug (a scheduled run over 500 groups would otherwise log 500 "same" lines).
   */
  private logItem(item: SyncRunItem): void {
    const line = {
      sourceId: item.sourceId,
      targetId: item.targetId,
      action: item.action,
      losses: item.losses.length,
      ...(item.losses.some((loss) => loss.severity === 'blocking') ? { blocking: true } : {}),
      ...(item.error ? { error: item.error } : {}),
    };
    if (item.action === 'failed') this.logger.warn(line, 'Item failed');
    else if (item.action === 'unchanged' || (item.action === 'skipped' && !item.error))
      this.logger.debug(line, 'Item done');
    else this.logger.log(line, 'Item done');
  }

  /** ALERT_WEBHOOK_URL: a failed run, blocking losses, new conflicts — after the outcome is recorded. */
  private async alert(runId: string, outcome: RunOutcome): Promise<void> {
    if (!this.alerts.enabled) return;
    if (outcome.status === 'failed') {
      const failedItems = outcome.items.filter((entry) => entry.action === 'failed').length;
      await this.alerts.notify({ event: 'run_failed', runId, error: outcome.error, failedItems });
    }
    const blocked = outcome.items.flatMap((entry) => {
      const messages = entry.losses.filter((loss) => loss.severity === 'blocking').map((loss) => loss.message);
      return messages.length > 0 ? [{ sourceId: entry.sourceId, messages }] : [];
    });
    if (blocked.length > 0) await this.alerts.notify({ event: 'blocking_losses', runId, items: blocked });
    for (const { conflictId, link, found } of outcome.newConflicts) {
      await this.alerts.notify({
        event: 'conflict',
        runId,
        conflictId,
        feishuGroupId: link.feishuGroupId,
        wecomRuleId: link.wecomRuleId,
        ...(found ? { found } : {}),
      });
    }
  }
}
