import {
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { MappingStore, type SyncRun, type SyncRunItem } from '@app/mapping-store';
import { withLogContext } from '../logging/log-context.js';
import { LEASE_TTL_MS } from './link-leases.js';
import { AppConfig } from '../config/app-config.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RunExecutor, type RunOutcome } from './run-executor.service.js';

/** Heartbeats per takeover period: a live worker misses several before its run is taken over. */
const HEARTBEATS_PER_TAKEOVER = 6;
/** How often an idle worker looks for runs queued by other replicas or abandoned by dead ones. */
const POLL_MS = 2_000;
/** On shutdown, how long to let the current run finish before leaving it to be taken over. */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * Executes queued runs in the background, one at a time per process, oldest first. Runs live in the
 * database, not in memory: any replica may claim a queued run (SKIP LOCKED), and a run whose process died
 * is taken over once its heartbeat is stale. Per-link leases (see link-leases.ts) keep runs of different
 * replicas off the same link.
 */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunWorker.name);
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private draining: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;
  private poller: NodeJS.Timeout | null = null;
  private readonly progress = new Map<string, { done: number }>();
  private drainDetached: () => Promise<void> = () => this.drain();

  constructor(
    private readonly store: MappingStore,
    private readonly executor: RunExecutor,
    private readonly alerts: AlertNotifier,
    private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    // Runs start from the context of start-up, not from that of whoever woke the worker: woken by POST /sync,
    // every line of the run would otherwise carry that request (nestjs-pino keeps it in async-local storage).
    this.drainDetached = AsyncResource.bind(() => this.drain());
    this.poller = setInterval(() => this.wake(), POLL_MS);
    this.poller.unref();
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    if (!this.draining) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
    });
    await Promise.race([this.draining, grace]);
    clearTimeout(timer);
  }

  /** Items finished so far by a run this process is executing (for progress in GET /runs/:id). */
  itemsDone(runId: string): number | null {
    return this.progress.get(runId)?.done ?? null;
  }

  /** Something was queued: look now instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drainDetached().finally(() => {
      this.draining = null;
      if (this.wakeAgain && !this.stopped) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      let run: SyncRun | null;
      try {
        run = await this.store.runs.claimNext(this.workerId, this.config.sync.runTakeoverMs);
      } catch (error) {
        this.logger.error({ err: error }, 'Could not claim a run; retrying at the next poll');
        return;
      }
      if (!run) return;
      // Every line written while the run executes — the engines', the vendor calls', the leases' — carries it.
      await withLogContext({ runId: run.id, scope: run.scope, direction: run.direction }, () => this.execute(run));
    }
  }

  private async execute(run: SyncRun): Promise<void> {
    const log = { runId: run.id, direction: run.direction, scope: run.scope, dryRun: run.dryRun };
    this.logger.log(log, 'Run started');
    const counter = { done: 0 };
    this.progress.set(run.id, counter);
    let takenOver = false;
    const heartbeat = setInterval(
      () => {
        void this.beat(run.id).then((alive) => {
          if (!alive && !takenOver) {
            takenOver = true;
            this.logger.warn(log, 'Run was taken over by another worker; this worker will not record its outcome');
          }
        });
      },
      Math.min(this.config.sync.runTakeoverMs / HEARTBEATS_PER_TAKEOVER, LEASE_TTL_MS / 3),
    );
    try {
      const outcome = await this.executor.execute(run, {
        onItemDone: (item) => {
          counter.done += 1;
          if (item) this.logItem(item);
        },
        leaseHolder: this.leaseHolder(run.id),
      });
      const finished = await this.store.runs.finish(run.id, {
        status: outcome.status,
        error: outcome.error,
        items: outcome.items,
        workerId: this.workerId,
      });
      this.logger.log({ ...log, status: finished.status, summary: finished.summary }, 'Run finished');
      this.metrics?.runFinished(finished);
      await this.alert(run.id, outcome);
    } catch (error) {
      this.logger.error({ ...log, err: error }, 'Run outcome could not be recorded');
    } finally {
      clearInterval(heartbeat);
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
    for (const { conflictId, link } of outcome.newConflicts) {
      await this.alerts.notify({
        event: 'conflict',
        runId,
        conflictId,
        feishuGroupId: link.feishuGroupId,
        wecomRuleId: link.wecomRuleId,
      });
    }
  }

  private leaseHolder(runId: string): string {
    return `${runId}@${this.workerId}`;
  }

  private async beat(runId: string): Promise<boolean> {
    try {
      const alive = await this.store.runs.heartbeat(runId, this.workerId);
      if (alive) await this.store.leases.renew(this.leaseHolder(runId), LEASE_TTL_MS);
      return alive;
    } catch (error) {
      this.logger.warn({ runId, err: error }, 'Heartbeat failed');
      return true;
    }
  }
}
