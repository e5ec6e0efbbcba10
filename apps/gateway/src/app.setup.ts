import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { StrictValidationPipe } from './http/strict-validation.pipe.js';
import { UndeclaredQueryGuard } from './http/undeclared-query.guard.js';
import { setupOpenApi } from './openapi/openapi.setup.js';
import { FEISHU_WEBHOOK_PATH, rawJsonBodyParser } from './webhooks/raw-body.js';

/** Largest JSON body accepted; bulk mapping uploads of ~10,000 rows fit comfortably. */
export const BODY_LIMIT = '2mb';

/**
 * Everything that makes the HTTP surface behave as documented, shared by main.ts and the e2e tests so the
 * tests exercise exactly what production serves.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  // Feishu signs the raw bytes of its events: that one route's parser also keeps them (webhooks/raw-body.ts).
  // Registered first; the app-wide parser below then skips the already-read body.
  app.use(FEISHU_WEBHOOK_PATH, rawJsonBodyParser(BODY_LIMIT));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new StrictValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // The message names the field ("property foo should not exist", "groupIds must be an array").
      validationError: { target: false, value: false },
    }),
  );
  // A query parameter a route does not declare is a 400, not silently ignored (POST /sync?dryRun=true).
  app.useGlobalGuards(new UndeclaredQueryGuard());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Swagger UI at /api/docs, the document at /api/docs-json (no token; see AppModule).
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
