import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob, CronTime } from 'cron';
import { SYNC_SCOPES } from '@app/kernel';
import { RunQueue } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';

const JOB_NAME = 'reconcile-rules';
/** A tick handler runs this long after its scheduled time at most and still finds that time (see tickTime). */
const TICK_TOLERANCE_MS = 500;

/**
 * The scheduled tick a handler firing at `now` belongs to. Every replica's cron fires for the same scheduled
 * second, a few milliseconds apart; each computes the same time here and so the same schedule key.
 */
export function tickTime(cron: string, now: Date): Date {
  return new CronTime(cron).getNextDateFrom(new Date(now.getTime() - TICK_TOLERANCE_MS)).toJSDate();
}

/**
 * SYNC_CRON: on every tick, queue one reconciliation run per scope — once cluster-wide. All replicas fire; each
 * queues the tick's job under the same id (see RunQueue.enqueueTick), and exactly one insert wins (no leader
 * election). Whichever replica's worker is free then takes and executes it.
 */
@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReconcileScheduler.name);

  constructor(
    private readonly config: AppConfig,
    private readonly queue: RunQueue,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.sync.cron;
    if (!cron) return;
    const job = CronJob.from({
      cronTime: cron,
      onTick: () => void this.tick(new Date()),
      start: true,
      // A tick whose handler is still queuing the previous run must not pile up.
      waitForCompletion: true,
    });
    this.registry.addCronJob(JOB_NAME, job);
    this.logger.log({ cron }, `Scheduled reconciliation on "${cron}"`);
  }

  /**
   * Queues this tick's runs, one per scope of SYNC_CRON_SCOPES (rules first, so links exist before rosters
   * and punches use them), each unless another replica already did. Answers the id of the first run this call
   * queued. Rosters and punches reconcile incrementally: punches from their watermark, rosters over their
   * default window.
   */
  async tick(now: Date): Promise<string | null> {
    const cron = this.config.sync.cron;
    if (!cron) return null;
    const at = tickTime(cron, now);
    let first: string | null = null;
    try {
      for (const scope of SYNC_SCOPES.filter((known) => this.config.sync.cronScopes.includes(known))) {
        const run = await this.queue.enqueueTick(
          { direction: 'two_way', scope, dryRun: false, triggeredBy: 'schedule', params: {} },
          `${scope}@${at.toISOString()}`,
        );
        if (run) this.logger.log({ runId: run.id, scope, tick: at.toISOString() }, 'Scheduled reconciliation queued');
        first ??= run?.id ?? null;
      }
    } catch (error) {
      // The database is unreachable: this tick is lost; the next one tries again (no tight retry loop).
      this.logger.error({ err: error, tick: at.toISOString() }, 'Could not queue the scheduled reconciliation');
    }
    return first;
  }
}
