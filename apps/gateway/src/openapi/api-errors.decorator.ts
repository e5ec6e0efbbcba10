import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from './api-responses.js';

/** The security scheme of everything under /api/v1: `Authorization: Bearer $GATEWAY_API_TOKEN`. */
export const BEARER_SCHEME = 'bearer';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad input; the message names the field.',
  401: 'Missing or wrong bearer token.',
  404: 'Not found.',
  409: 'Conflicts with the current state; the message says with what.',
  413: 'Body too large (2 MB, or more rows than one request takes).',
  503: 'The vendor credentials this needs are not configured (the message names the variables), or the vendor could not be read (the message says why).',
};

/** Error answers of an operation, each with the one error body shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: REASONS[status] ?? 'Error.', type: ErrorResponseDto }),
    ),
  );
}

/** A controller under /api/v1: its tag, bearer auth in the document, and the 401 every operation may answer. */
export function ApiV1Controller(tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(BEARER_SCHEME), ApiErrors(401));
}
