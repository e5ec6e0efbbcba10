import { Injectable, type NestMiddleware, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Everything under /api needs `Authorization: Bearer $GATEWAY_API_TOKEN`. A middleware rather than a guard,
 * so unknown /api paths answer 401 too and do not reveal which routes exist. Digests are compared in
 * constant time, which also hides the token's length.
 */
@Injectable()
export class BearerAuthMiddleware implements NestMiddleware {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = digest(config.http.apiToken);
  }

  use(request: Request, _response: Response, next: NextFunction): void {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1]) {
      throw new UnauthorizedException('Missing bearer token: send "Authorization: Bearer <GATEWAY_API_TOKEN>"');
    }
    if (!timingSafeEqual(digest(match[1].trim()), this.expected)) {
      throw new UnauthorizedException('Invalid bearer token');
    }
    next();
  }
}
