import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module.js';
import { MatchesController } from './match/matches.controller.js';
import { MatchesService } from './match/matches.service.js';
import { MappingsController } from './mappings.controller.js';
import { MappingsService } from './mappings.service.js';

/**
 * `PUT`/`GET /api/v1/mappings/{users,departments}` and identity matching (`/api/v1/mappings/match`, `…/matches`);
 * the MappingStore comes from the global store module.
 */
@Module({
  // The run queue of the match runs (SyncModule's): they are queued, claimed and retried like sync runs.
  imports: [SyncModule],
  controllers: [MappingsController, MatchesController],
  providers: [MappingsService, MatchesService],
})
export class MappingsModule {}
