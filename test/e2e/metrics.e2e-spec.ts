import request from 'supertest';
import type { App } from 'supertest/types.js';
import { FEISHU_ENDPOINTS, type FeishuEndpointName, feishuEndpointLabel } from '@app/feishu';
import { endpointLabel } from '@app/vendor-http';
import { WECOM_API_SPECS } from '@app/wecom';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { emulatorGatewayEnv, syncAndWait, uploadSampleMappings } from '../support/sync-harness.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// GET /metrics after a real rules sync against both emulators: run, item, vendor request (with latency
// buckets), rate-limit and token metrics, counted from what actually happened on the wire.

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The Prometheus text exposition format, samples only (comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_m, char: string) => (char === 'n' ? '\n' : char));
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

function pick(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

function total(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return pick(samples, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}

const FEISHU_LABELS = new Set(
  Object.keys(FEISHU_ENDPOINTS).map((name) => feishuEndpointLabel(name as FeishuEndpointName)),
);
const WECOM_LABELS = new Set(Object.values(WECOM_API_SPECS).map((spec) => endpointLabel(spec)));

describe('GET /metrics (Prometheus)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;

  async function scrape(): Promise<{ text: string; samples: Sample[] }> {
    const response = await request(server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: response.text, samples: parseExposition(response.text) };
  }

  const sync = (body: Record<string, unknown>) =>
    syncAndWait<{ status: string; summary: Record<string, number> }>(server, body);

  // Each test starts from emulators and a gateway of its own (the counters start at zero), and makes the runs
  // it counts itself: no count includes another test's runs (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    harness = await createTestApp(emulatorGatewayEnv(emulators));
    server = harness.app.getHttpServer();
    await uploadSampleMappings(server);
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it('answers without a token, before any run, with every family declared', async () => {
    const { text, samples } = await scrape();
    for (const [family, type] of [
      ['attendance_sync_runs_total', 'counter'],
      ['attendance_sync_run_duration_seconds', 'histogram'],
      ['attendance_sync_run_items_total', 'counter'],
      ['attendance_sync_vendor_requests_total', 'counter'],
      ['attendance_sync_vendor_request_duration_seconds', 'histogram'],
      ['attendance_sync_vendor_rate_limit_waits_total', 'counter'],
      ['attendance_sync_vendor_rate_limit_wait_seconds_total', 'counter'],
      ['attendance_sync_vendor_token_refreshes_total', 'counter'],
    ]) {
      expect(text).toContain(`# TYPE ${family} ${type}\n`);
    }
    expect(pick(samples, 'attendance_sync_runs_total')).toEqual([]);
    expect(total(samples, 'attendance_sync_vendor_token_refreshes_total')).toBe(0);
    // Node's own process metrics come along.
    expect(pick(samples, 'process_cpu_user_seconds_total')).toHaveLength(1);
  });

  it('counts a rules sync: the run by status, its items by action, every vendor exchange, tokens', async () => {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(run.status).toBe('succeeded');
    expect(run.summary['created']).toBeGreaterThan(0);
    const { samples } = await scrape();

    expect(pick(samples, 'attendance_sync_runs_total')).toEqual([
      {
        name: 'attendance_sync_runs_total',
        labels: { direction: 'feishu_to_wecom', scope: 'rules', status: 'succeeded', dry_run: 'false' },
        value: 1,
      },
    ]);
    expect(
      total(samples, 'attendance_sync_run_duration_seconds_count', { direction: 'feishu_to_wecom', scope: 'rules' }),
    ).toBe(1);
    for (const [action, count] of Object.entries(run.summary)) {
      expect({ action, count: total(samples, 'attendance_sync_run_items_total', { scope: 'rules', action }) }).toEqual({
        action,
        count,
      });
    }

    // Every exchange on the wire was counted, under a templated endpoint label (no ids, bounded cardinality).
    for (const [vendor, emulator, labels] of [
      ['feishu', emulators.feishu.emulator, FEISHU_LABELS],
      ['wecom', emulators.wecom.emulator, WECOM_LABELS],
    ] as const) {
      const requests = pick(samples, 'attendance_sync_vendor_requests_total', { vendor });
      expect(total(samples, 'attendance_sync_vendor_requests_total', { vendor })).toBe(emulator.requests.list().length);
      for (const sample of requests) expect(labels).toContain(sample.labels['endpoint']);
      expect(total(samples, 'attendance_sync_vendor_requests_total', { vendor, outcome: 'ok' })).toBeGreaterThan(0);
      expect(total(samples, 'attendance_sync_vendor_token_refreshes_total', { vendor })).toBe(1);

      // Latency histogram: cumulative buckets up to +Inf, whose count is the endpoint's request count.
      const endpoints = new Set(requests.map((sample) => sample.labels['endpoint']!));
      expect(endpoints.size).toBeGreaterThan(0);
      for (const endpoint of endpoints) {
        const buckets = pick(samples, 'attendance_sync_vendor_request_duration_seconds_bucket', { vendor, endpoint });
        expect(buckets.length).toBeGreaterThan(5);
        expect(buckets.at(-1)?.labels['le']).toBe('+Inf');
        const counts = buckets.map((bucket) => bucket.value);
        expect(counts).toEqual([...counts].sort((a, b) => a - b));
        const count = total(samples, 'attendance_sync_vendor_requests_total', { vendor, endpoint });
        expect(buckets.at(-1)?.value).toBe(count);
        expect(total(samples, 'attendance_sync_vendor_request_duration_seconds_count', { vendor, endpoint })).toBe(
          count,
        );
        expect(
          total(samples, 'attendance_sync_vendor_request_duration_seconds_sum', { vendor, endpoint }),
        ).toBeGreaterThan(0);
      }
    }
    // Ids never reach a label: the Feishu group read is one series, whatever the group.
    expect(
      pick(samples, 'attendance_sync_vendor_requests_total', {
        vendor: 'feishu',
        endpoint: 'GET /open-apis/attendance/v1/groups/:group_id',
      }).length,
    ).toBeGreaterThan(0);

    // Rate-limit waits: as many wait-second series as wait counters, each wait a positive time.
    const waits = pick(samples, 'attendance_sync_vendor_rate_limit_waits_total');
    for (const wait of waits) {
      const seconds = total(samples, 'attendance_sync_vendor_rate_limit_wait_seconds_total', wait.labels);
      expect(seconds).toBeGreaterThan(0);
      expect(wait.labels['vendor'] === 'feishu' ? FEISHU_LABELS : WECOM_LABELS).toContain(wait.labels['endpoint']);
    }
  });

  it('labels dry runs apart; a refused token shows as an auth outcome and one more refresh', async () => {
    // A real run first: one token per vendor, and the rules the dry run then finds unchanged.
    const real = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(real.status).toBe('succeeded');
    emulators.wecom.emulator.expireTokens();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
    expect(run.status).toBe('succeeded');
    const { samples } = await scrape();
    expect(
      total(samples, 'attendance_sync_runs_total', {
        direction: 'feishu_to_wecom',
        status: 'succeeded',
        dry_run: 'true',
      }),
    ).toBe(1);
    expect(total(samples, 'attendance_sync_runs_total', { dry_run: 'false' })).toBe(1);
    expect(total(samples, 'attendance_sync_run_items_total', { dry_run: 'true', action: 'unchanged' })).toBeGreaterThan(
      0,
    );
    // WeCom refused the expired token (42001): counted as an auth outcome, then exactly one new token.
    expect(total(samples, 'attendance_sync_vendor_requests_total', { vendor: 'wecom', outcome: 'auth' })).toBe(1);
    expect(total(samples, 'attendance_sync_vendor_token_refreshes_total', { vendor: 'wecom' })).toBe(2);
    expect(total(samples, 'attendance_sync_vendor_token_refreshes_total', { vendor: 'feishu' })).toBe(1);
  });
});
