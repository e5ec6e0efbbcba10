import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../config/app-config.js';
import { currentLogContext } from '../sync/engine/log-context.js';
import { redactSecrets, scrubSecretsInText } from './redact.js';

/**
 * Structured JSON logs (pino) for the gateway and its HTTP requests, with secrets removed from every line.
 * `destination` lets tests capture the exact bytes that would reach stdout.
 */
export function buildLoggerParams(level: LogLevel, destination?: DestinationStream): Params {
  const options = {
    level,
    base: { service: 'attendance-sync-gateway' },
    messageKey: 'msg',
    // Run id, link/item and vendor of the work this line was written in (sync/engine/log-context.ts); a field the call
    // site passes itself wins. A copy: pino merges the line's own fields into the object it is given.
    mixin: () => ({ ...currentLogContext() }),
    formatters: {
      level: (label: string) => ({ level: label }),
      // req/res are left to the serializers below, which keep only safe fields: redacting the raw request and
      // response objects cost ~27 ms per logged request.
      log: (object: Record<string, unknown>) => {
        const { req, res, ...rest } = object;
        const redacted = redactSecrets(rest) as Record<string, unknown>;
        if (req !== undefined) redacted['req'] = req;
        if (res !== undefined) redacted['res'] = res;
        return redacted;
      },
    },
    hooks: {
      // Interpolated messages bypass formatters.log, so scrub them too.
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubSecretsInText(arg) : arg)),
        );
      },
    },
    // Requests are logged without headers at all: the Authorization header never reaches a line.
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        url: scrubSecretsInText(req.url ?? ''),
      }),
      // pino-http hands this its own serialization, whose statusCode is null until headers are flushed.
      res: (res: { raw?: ServerResponse; statusCode?: number | null }) => ({
        statusCode: res.raw?.statusCode ?? res.statusCode,
      }),
    },
    // Health probes every few seconds would drown the log.
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
