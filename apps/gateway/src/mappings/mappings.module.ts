import { Module } from '@nestjs/common';
import { MappingsController } from './mappings.controller.js';
import { MappingsService } from './mappings.service.js';

/** `PUT`/`GET /api/v1/mappings/{users,departments}`; the MappingStore comes from the global store module. */
@Module({
  controllers: [MappingsController],
  providers: [MappingsService],
})
export class MappingsModule {}
