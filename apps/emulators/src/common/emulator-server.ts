import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free port) on 127.0.0.1 unless told otherwise. */
export async function listen(app: Express, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server: Server = createServer(app);
  // Node's default keep-alive (5 s), announced as "Keep-Alive: timeout=5". It was 1 s once, so that idle sockets
  // would not hold close() open; close() now closes every connection itself, and 1 s made Node clients (which
  // subtract a 1 s safety margin from the server's hint) open a new connection for every call — unlike the
  // real vendors, and a tenth of a punch run's CPU.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
