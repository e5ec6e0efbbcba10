import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { waitUntil } from './wait-for.js';

export const GATEWAY_ENTRY = 'dist/apps/gateway/src/main.js';
const PIPES_CLOSED_WITHIN_MS = 5_000;
/**
 * How the gateway is run (npm start, the Docker image's NODE_OPTIONS, and here): V8's young generation capped at
 * 4 MB per semi-space. By default Node 26 lets it grow to ~44 MB that an idle gateway keeps resident; capped, the
 * gateway holds ~35 MB less for no measurable CPU or wall-time cost (BENCHMARKS.md, Runtime).
 */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=4'] as const;

/**
 * How long a built gateway may take to become healthy before a test calls it hung: a bound for a hang, not a speed
 * claim (tests assert behaviour, benchmarks measure speed). On two loaded cores a first embedded start with all
 * migrations has taken over 15 s, and over 20 s beside three test files and a mutation run (load 15–25).
 */
export const GATEWAY_HEALTHY_WITHIN_MS = 90_000;

export interface GatewayProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * The port the gateway bound, as it reports it over IPC once it listens (main.ts); rejects if it exits first.
   * Started with PORT=0, the child binds whatever port is free, so no launcher can race another for a port it
   * only guessed was free.
   */
  readonly listening: Promise<number>;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built gateway with exactly `env` (plus PATH), nothing inherited from the test's environment. Pass
 * `PORT: '0'` to serve: the port it binds comes back through `listening`.
 */
export function startGateway(env: Record<string, string>, args: string[] = []): GatewayProcess {
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, GATEWAY_ENTRY, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
  }) as ChildProcessWithoutNullStreams;
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // 'exit' can come before the last of the child's output is read from its pipes; the pipes' 'close' comes
  // after it, unless a process the child started still holds them (the embedded PostgreSQL of a gateway that did
  // not stop it): wait for them a bounded while.
  const pipesClosed = Promise.all(
    [child.stdout, child.stderr].map((pipe) => new Promise<void>((resolve) => pipe.once('close', () => resolve()))),
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      const bound = new Promise<void>((done) => setTimeout(done, PIPES_CLOSED_WITHIN_MS).unref());
      void Promise.race([pipesClosed, bound]).then(() => resolve({ code, signal }));
    }),
  );
  const listening = new Promise<number>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      const { event, port } = (message ?? {}) as { event?: unknown; port?: unknown };
      if (event === 'listening' && typeof port === 'number' && port > 0) resolve(port);
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`gateway exited (${code ?? signal}) before listening: ${err}${out}`)),
    );
  });
  // Commands that never listen (migrate, a refused configuration) leave it rejected: not an unhandled rejection.
  listening.catch(() => undefined);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    listening,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Waits until the gateway reports the port it bound, then polls GET /health there until it answers 200; returns
 * the port and the milliseconds it took from the call.
 */
export async function waitForHealth(
  gateway: GatewayProcess,
  timeoutMs: number,
): Promise<{ readonly port: number; readonly tookMs: number }> {
  const started = Date.now();
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway not listening after ${timeoutMs} ms: ${gateway.stderr()}${gateway.stdout()}`)),
      timeoutMs,
    );
    void gateway.exited.then(() => clearTimeout(timer));
    void gateway.listening.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
  });
  const port = await Promise.race([gateway.listening, timeout]);
  await waitUntil(
    async () => {
      if (gateway.child.exitCode !== null) {
        throw new Error(`gateway exited with ${gateway.child.exitCode}: ${gateway.stderr()}${gateway.stdout()}`);
      }
      try {
        return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
      } catch {
        return false; // listening, but refusing or resetting while it finishes starting
      }
    },
    `a healthy gateway on ${port}`,
    { timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)), intervalMs: 100 },
  );
  return { port, tookMs: Date.now() - started };
}
