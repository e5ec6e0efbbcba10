import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const GATEWAY_ENTRY = 'dist/apps/gateway/src/main.js';
/**
 * How the gateway is run (npm start, the Docker image's NODE_OPTIONS, and here): V8's young generation capped at
 * 4 MB per semi-space. By default Node 26 lets it grow to ~44 MB that an idle gateway keeps resident; capped, the
 * gateway holds ~35 MB less for no measurable CPU or wall-time cost (BENCHMARKS.md, Runtime).
 */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=4'] as const;

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface GatewayProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the built gateway with exactly `env` (plus PATH), nothing inherited from the test's environment. */
export function startGateway(env: Record<string, string>, args: string[] = []): GatewayProcess {
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, GATEWAY_ENTRY, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls GET /health until it answers 200; returns the milliseconds it took. */
export async function waitForHealth(port: number, gateway: GatewayProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (gateway.child.exitCode !== null) {
      throw new Error(`gateway exited with ${gateway.child.exitCode}: ${gateway.stderr()}${gateway.stdout()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy gateway on ${port} after ${timeoutMs} ms: ${gateway.stderr()}${gateway.stdout()}`);
}
