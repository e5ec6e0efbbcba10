import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from './api-errors.decorator.js';

/** Swagger UI. */
export const OPENAPI_UI_PATH = 'api/docs';
/** The OpenAPI document as JSON. */
export const OPENAPI_JSON_PATH = 'api/docs-json';

/**
 * What the documentation serves (the UI page, its assets, the JSON), all without a token: the bearer
 * middleware excludes exactly these (AppModule), every other /api path keeps requiring it.
 */
export const OPENAPI_ROUTES: readonly string[] = [OPENAPI_UI_PATH, `${OPENAPI_UI_PATH}/*path`, OPENAPI_JSON_PATH];

/** The OpenAPI 3 document of the app's routes, from the explicit @Api… decorators (no CLI plugin). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Attendance sync gateway')
    .setDescription(
      'Keeps Feishu attendance (飞书考勤) and WeCom checkin (企业微信打卡) in step: rules, rosters and punches. ' +
        'Everything under /api/v1 needs `Authorization: Bearer $GATEWAY_API_TOKEN`. Errors always have the ' +
        'shape {statusCode, error, message, details?}; the message names the field for bad input.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The value of GATEWAY_API_TOKEN.' }, BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves Swagger UI at /api/docs and the document at /api/docs-json (built once, on first request). */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Attendance sync gateway API',
  });
}
