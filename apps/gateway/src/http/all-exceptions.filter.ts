import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { MissingCredentialsError } from '../config/app-config.js';

/** The one error body every failing request gets. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  /** One line an operator can act on; names the field for bad input. */
  message: string;
  /** Every problem, when there were several (e.g. one per invalid field). */
  details?: string[];
}

interface ExposedHttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  type?: string;
}

function body(statusCode: number, messages: string[]): ErrorBody {
  const result: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: messages.join('; ') };
  if (messages.length > 1) result.details = messages;
  return result;
}

/**
 * A body whose bytes do not decompress as its Content-Encoding says: body-parser reports zlib's or brotli's
 * error (code `Z_DATA_ERROR`, `ERR__ERROR_FORMAT_…`) with only a status text, "Bad Request", as the message.
 */
function decompressionFailure(error: unknown, request: Request | undefined): string | null {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string' || !/^(Z_|ERR_)/.test(code)) return null;
  const encoding = request?.headers['content-encoding'];
  const named = typeof encoding === 'string' ? ` "${encoding}"` : '';
  return `Request body could not be decoded: it is not valid for its Content-Encoding${named} (${code})`;
}

/** body-parser's 413 says only "request entity too large": say by how much, and what the limit is. */
function tooLarge(error: unknown): string | null {
  const { type, limit, length } = (error ?? {}) as { type?: unknown; limit?: unknown; length?: unknown };
  if (type !== 'entity.too.large' || typeof limit !== 'number') return null;
  const size = typeof length === 'number' ? `${length} bytes` : `more than ${limit} bytes`;
  return `Request body too large: ${size}, the limit is ${limit} bytes`;
}

function fromHttpException(exception: HttpException, request?: Request): ErrorBody {
  const status = exception.getStatus();
  // The platform turns body-parser's SyntaxError into a 400 whose message alone ("Unexpected end of JSON
  // input") does not say it is about the request body.
  if (exception.cause instanceof SyntaxError)
    return body(status, [`Request body is not valid JSON: ${exception.cause.message}`]);
  const specific = decompressionFailure(exception.cause, request) ?? tooLarge(exception.cause);
  if (specific) return body(status, [specific]);
  const response = exception.getResponse();
  if (typeof response === 'string') return body(status, [response]);
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return body(status, message.map(String));
  return body(status, [typeof message === 'string' ? message : exception.message]);
}

function isHealthReport(response: unknown): boolean {
  return typeof response === 'object' && response !== null && 'status' in response && 'details' in response;
}

/**
 * Maps everything thrown while serving a request to one JSON shape. 4xx explain the problem; anything
 * unexpected becomes a 500 whose body reveals nothing and whose details go to the log.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException && isHealthReport(exception.getResponse())) {
      // A failing /health keeps the terminus report, which says which check failed and why.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const result = this.toBody(exception, host.switchToHttp().getRequest<Request | undefined>());
    if (result.statusCode >= 500) this.logger.error({ msg: 'Request failed', err: exception });
    if (result.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(result.statusCode).json(result);
  }

  private toBody(exception: unknown, request: Request | undefined): ErrorBody {
    if (exception instanceof HttpException) return fromHttpException(exception, request);
    if (exception instanceof MissingCredentialsError) return body(HttpStatus.SERVICE_UNAVAILABLE, [exception.message]);
    // Errors from the body parser (malformed JSON, body too large) carry their own 4xx status.
    const httpError = exception as ExposedHttpError;
    const status = httpError?.status ?? httpError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500 && httpError.expose !== false) {
      const specific = decompressionFailure(exception, request) ?? tooLarge(exception);
      return body(status, [specific ?? httpError.message ?? 'Bad request']);
    }
    return body(HttpStatus.INTERNAL_SERVER_ERROR, ['Internal server error']);
  }
}
