import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module.js';
import { FeishuEventsService } from './feishu-events.service.js';
import { FeishuWebhookController } from './feishu-webhook.controller.js';

/**
 * Vendor event subscriptions: `POST /webhooks/feishu`. Events only queue runs (through the run worker of
 * SyncModule); the raw-body parser its signature check needs is mounted in app.setup.ts (see raw-body.ts).
 */
@Module({
  imports: [SyncModule],
  controllers: [FeishuWebhookController],
  providers: [FeishuEventsService],
})
export class WebhooksModule {}
