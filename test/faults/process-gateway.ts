import { type GatewayProcess, startGateway, waitForHealth } from '../support/gateway-process.js';

/**
 * The built gateway (dist/) as a real process that can be SIGKILLed and started again on the same database,
 * like a container an orchestrator restarts. Every process ever started is kept, so none outlives the suite.
 */
export class RestartableGateway {
  private current: GatewayProcess | null = null;
  private readonly started: GatewayProcess[] = [];
  baseUrl = '';

  constructor(private readonly env: Record<string, string>) {}

  get process(): GatewayProcess | null {
    return this.current;
  }

  async start(): Promise<string> {
    const gateway = startGateway({ ...this.env, PORT: '0' });
    this.started.push(gateway);
    this.current = gateway;
    const { port } = await waitForHealth(gateway, 30_000);
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  /** SIGKILL: no shutdown hook runs, the run in progress keeps its `running` row and its job stays active. */
  async kill(): Promise<void> {
    const gateway = this.current;
    if (!gateway) return;
    gateway.child.kill('SIGKILL');
    const exit = await gateway.exited;
    if (exit.signal !== 'SIGKILL') {
      throw new Error(`gateway exited with ${JSON.stringify(exit)} before the kill: ${gateway.stderr()}`);
    }
    this.current = null;
  }

  /** Everything the processes wrote to stderr (for a failure message). */
  stderr(): string {
    return this.started.map((gateway) => gateway.stderr()).join('\n');
  }

  async stopAll(): Promise<void> {
    for (const gateway of this.started) {
      if (gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
    }
    await Promise.all(this.started.map((gateway) => gateway.exited));
    this.current = null;
  }
}
