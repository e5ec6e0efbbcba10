// The gateway's REST API as the fault suite uses it: queue a run, read it, wait for it to end.

export const FINAL_STATUSES = ['succeeded', 'partial', 'failed'] as const;

export interface RunItem {
  readonly sourceId: string;
  readonly targetId: string | null;
  readonly action: string;
  readonly error?: string | null;
  readonly losses: readonly { field: string; severity: string; message: string }[];
}

export interface RunView {
  readonly id: string;
  readonly status: string;
  readonly direction: string;
  readonly scope: string;
  readonly error?: string | null;
  readonly summary: Record<string, number>;
  readonly items: readonly RunItem[];
}

export type SyncRequest = Readonly<Record<string, unknown>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class GatewayApi {
  constructor(
    private baseUrl: string,
    private readonly token: string,
  ) {}

  /** After a restart the gateway listens elsewhere. */
  moveTo(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  async put(path: string, body: unknown): Promise<void> {
    const response = await this.fetch(path, { method: 'PUT', body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`PUT ${path} answered ${response.status}: ${await response.text()}`);
  }

  /** POSTs /api/v1/sync again after a 503, as a client should (groupIds are checked against the vendor). */
  unavailable = 0;

  async queue(body: SyncRequest): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.fetch('/api/v1/sync', { method: 'POST', body: JSON.stringify(body) });
      const text = await response.text();
      if (response.status === 202) return (JSON.parse(text) as { runId: string }).runId;
      if (response.status !== 503 || attempt >= 5) {
        throw new Error(`POST /api/v1/sync answered ${response.status}: ${text}`);
      }
      this.unavailable++;
      await sleep(500 * attempt);
    }
  }

  async run(runId: string): Promise<RunView> {
    const response = await this.fetch(`/api/v1/runs/${runId}`);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET /api/v1/runs/${runId} answered ${response.status}: ${text}`);
    return JSON.parse(text) as RunView;
  }

  /** Polls the run until its status is final (or `until` says stop, e.g. "it is running: kill now"). */
  async waitForRun(
    runId: string,
    timeoutMs: number,
    until: (run: RunView) => boolean = (run) => (FINAL_STATUSES as readonly string[]).includes(run.status),
  ): Promise<RunView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.run(runId);
      if (until(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  private fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
    });
  }
}
