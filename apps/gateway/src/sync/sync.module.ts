import { Logger, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { MappingStore, MIN_HEARTBEAT_SECONDS, RunQueue } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';
import { IdentityMatchJob } from '../mappings/match/identity-match.job.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { GroupIdChecker } from './group-id.checker.js';
import { LinksController } from './links.controller.js';
import { RunExecutor } from './run-executor.service.js';
import { ReconcileScheduler } from './reconcile.scheduler.js';
import { RunWorker } from './run-worker.service.js';
import { SyncController } from './sync.controller.js';

/** The run queue on the store's database: pg-boss's schema installed (or checked) as the migrations are. */
async function startRunQueue(store: MappingStore, config: AppConfig): Promise<RunQueue> {
  const logger = new Logger(RunQueue.name);
  const takeoverSeconds = Math.round(config.sync.runTakeoverMs / 1000);
  if (takeoverSeconds < MIN_HEARTBEAT_SECONDS) {
    logger.warn(
      `SYNC_RUN_TAKEOVER_SECONDS=${takeoverSeconds} is below the run queue's minimum heartbeat; ` +
        `runs are taken over after ${MIN_HEARTBEAT_SECONDS} s`,
    );
  }
  const heartbeatSeconds = Math.max(MIN_HEARTBEAT_SECONDS, takeoverSeconds);
  const queue = await RunQueue.start(store, {
    heartbeatSeconds,
    install: config.database.runMigrations,
    retryLimit: config.sync.runRetries,
    onError: (error) => logger.error({ err: error }, 'Run queue error'),
  });
  logger.log({ takeoverSeconds: heartbeatSeconds }, 'Run queue started (pg-boss)');
  return queue;
}

/** Runs (REST-triggered, executed in the background by the run worker) and the links they maintain. */
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [SyncController, LinksController],
  providers: [
    { provide: RunQueue, inject: [MappingStore, AppConfig], useFactory: startRunQueue },
    RunExecutor,
    IdentityMatchJob,
    RunWorker,
    GroupIdChecker,
    ReconcileScheduler,
    AlertNotifier,
  ],
  exports: [RunWorker, RunQueue],
})
export class SyncModule {}
