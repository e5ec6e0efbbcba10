import {
  BadRequestException,
  Controller,
  HttpCode,
  HttpStatus,
  Logger,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig, requireFeishuEvents } from '../config/app-config.js';
import { openFeishuRequest } from './feishu-event.gate.js';
import { FeishuEventsService } from './feishu-events.service.js';
import type { WithRawBody } from './raw-body.js';

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `POST /webhooks/feishu`: Feishu's event subscription request URL. Answers the URL-verification challenge,
 * and acknowledges events once they are authenticated and recorded (see feishu-event.gate.ts for what is
 * checked, FeishuEventsService for what is done). Not under /api: Feishu authenticates with the Verification
 * Token and, with an Encrypt Key, a signature over the raw body. 503 naming FEISHU_VERIFICATION_TOKEN while it
 * is unset: the gateway is up but this feature is not configured (as for other missing credentials).
 */
@Controller('webhooks')
export class FeishuWebhookController {
  private readonly logger = new Logger(FeishuWebhookController.name);

  constructor(
    private readonly config: AppConfig,
    private readonly events: FeishuEventsService,
  ) {}

  @Post('feishu')
  @HttpCode(HttpStatus.OK)
  async receive(@Req() request: Request & WithRawBody): Promise<Record<string, unknown>> {
    const settings = requireFeishuEvents(this.config);
    const result = openFeishuRequest(
      {
        body: request.body as unknown,
        rawBody: request.rawBody,
        headers: {
          timestamp: header(request, 'x-lark-request-timestamp'),
          nonce: header(request, 'x-lark-request-nonce'),
          signature: header(request, 'x-lark-signature'),
        },
      },
      settings,
      Date.now(),
    );
    switch (result.kind) {
      case 'rejected':
        this.logger.warn({ msg: 'Feishu event request refused', status: result.status, reason: result.reason });
        throw result.status === 401 ? new UnauthorizedException(result.reason) : new BadRequestException(result.reason);
      case 'challenge':
        this.logger.log({ msg: 'Answered the Feishu URL-verification challenge' });
        return { challenge: result.challenge };
      case 'legacy_event':
        this.logger.debug({ msg: 'Feishu schema 1.0 event ignored', eventType: result.eventType });
        return {};
      case 'event':
        await this.events.handle(result.envelope);
        return {};
    }
  }
}
