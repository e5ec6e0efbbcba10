import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertNotifier } from './alert-notifier.service.js';
import { GroupIdChecker } from './group-id.checker.js';
import { LinksController } from './links.controller.js';
import { RunExecutor } from './run-executor.service.js';
import { ReconcileScheduler } from './reconcile.scheduler.js';
import { RunWorker } from './run-worker.service.js';
import { SyncController } from './sync.controller.js';

/** Runs (REST-triggered, executed in the background by the run worker) and the links they maintain. */
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [SyncController, LinksController],
  providers: [RunExecutor, RunWorker, GroupIdChecker, ReconcileScheduler, AlertNotifier],
  exports: [RunWorker],
})
export class SyncModule {}
