import createClient, { type Middleware } from 'openapi-fetch';
import { apiToken, signOut } from '../auth/api-token';
import type { paths } from './schema';

/** The gateway's error body (DESIGN.md public contract): the message names the field for bad input. */
export interface ApiError {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string | string[];
  /** Every problem of a request that had several (each naming its field or row); `message` joins them. */
  readonly details?: string[];
}

/** Thrown for any non-2xx answer, carrying the gateway's error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    const message = body?.message;
    super(Array.isArray(message) ? message.join('; ') : (message ?? `HTTP ${status}`));
  }

  /** The gateway's messages one by one (a batch refusal lists every bad row in `details`). */
  get messages(): string[] {
    const details = this.body?.details;
    if (Array.isArray(details) && details.length > 0) return details;
    const message = this.body?.message;
    return Array.isArray(message) ? message : message ? [message] : [];
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = apiToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // A token the gateway no longer accepts: back to sign-in.
    if (response.status === 401) signOut();
    return response;
  },
};

/** The typed client of the gateway's REST API, generated from its own OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** The data of an openapi-fetch answer, or an ApiRequestError for React Query to show. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiRequestError(result.response.status, result.error as ApiError | undefined);
  }
  return result.data as T;
}
