import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';

/** The Feishu event subscription's request URL (not under /api: Feishu sends no bearer token). */
export const FEISHU_WEBHOOK_PATH = '/webhooks/feishu';

/** A request whose exact body bytes were kept by `rawJsonBodyParser`. */
export interface WithRawBody {
  rawBody?: Buffer;
}

/**
 * The JSON body parser for a webhook whose signature covers the bytes as sent (key order, spacing): it parses
 * like the app-wide parser, with the same size limit, and also keeps the raw bytes as `request.rawBody`.
 * Mount it on the webhook's path before the app-wide parser; body-parser skips a request whose body has
 * already been read, so every other route is parsed exactly as before and keeps no copy. It parses whatever
 * the content type, so a sender that omits it still gets its signature checked against the real body.
 */
export function rawJsonBodyParser(limit: string): RequestHandler {
  return express.json({
    limit,
    type: () => true,
    verify: (request: IncomingMessage & WithRawBody, _response, buffer: Buffer) => {
      request.rawBody = buffer;
    },
  });
}
