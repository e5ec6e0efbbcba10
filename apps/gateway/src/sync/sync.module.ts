import { Module } from '@nestjs/common';
import { GroupIdChecker } from './group-id.checker.js';
import { RunExecutor } from './run-executor.service.js';
import { RunWorker } from './run-worker.service.js';
import { SyncController } from './sync.controller.js';

/** Runs (REST-triggered, executed in the background by the run worker) and the links they maintain. */
@Module({
  controllers: [SyncController],
  providers: [RunExecutor, RunWorker, GroupIdChecker],
  exports: [RunWorker],
})
export class SyncModule {}
