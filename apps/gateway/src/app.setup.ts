import { type INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';

/** Largest JSON body accepted; bulk mapping uploads of ~10,000 rows fit comfortably. */
export const BODY_LIMIT = '2mb';

/**
 * Everything that makes the HTTP surface behave as documented, shared by main.ts and the e2e tests so the
 * tests exercise exactly what production serves.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // The message names the field ("property foo should not exist", "groupIds must be an array").
      validationError: { target: false, value: false },
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  return app;
}
