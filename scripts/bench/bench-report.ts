// Shared measuring and printing for `npm run bench` scenarios.

export interface ScenarioResult {
  readonly scenario: string;
  readonly requests: number;
  /** Requests by endpoint, as the emulator logged them. */
  readonly byEndpoint: Record<string, number>;
  readonly wallSeconds: number;
  /** The least time a client obeying the limit can take: the rate-limit floor. */
  readonly floorSeconds: number;
  readonly rateLimitErrors: number;
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
}

export async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; wallSeconds: number; cpuSeconds: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

export function ratio(result: ScenarioResult): number {
  return result.wallSeconds / result.floorSeconds;
}

export function printResults(results: readonly ScenarioResult[]): void {
  const rows = results.map((r) => [
    r.scenario,
    String(r.requests),
    r.wallSeconds.toFixed(2),
    r.floorSeconds.toFixed(2),
    ratio(r).toFixed(3),
    String(r.rateLimitErrors),
    r.peakRssMb.toFixed(0),
    r.cpuSeconds.toFixed(2),
    Object.entries(r.byEndpoint)
      .map(([endpoint, count]) => `${endpoint}=${count}`)
      .join(' '),
  ]);
  const header = [
    'scenario',
    'requests',
    'wall s',
    'floor s',
    'ratio',
    'rate-limit errors',
    'peak RSS MB',
    'CPU s',
    'requests by endpoint',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`${format(header)}\n${format(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${format(row)}\n`);
}
