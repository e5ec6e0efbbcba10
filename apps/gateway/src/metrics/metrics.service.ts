import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ITEM_ACTIONS, type UnreadableRecord, type Vendor, VENDORS } from '@app/kernel';
import type { SyncRun } from '@app/mapping-store';
import type { VendorHttpObserver, VendorRequestOutcome } from '@app/vendor-http';

/** Every metric the gateway exposes starts with this (besides Node's process_* / nodejs_* defaults). */
export const METRIC_PREFIX = 'attendance_sync_';

/** Vendor latencies: from a fast token fetch to the 15 s client timeout. */
const VENDOR_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
/** Runs: a dry run of one group takes well under a second; a first sync of 500 groups, minutes. */
const RUN_DURATION_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * The gateway's Prometheus metrics, in a registry of its own (one per app instance, so tests that start
 * several apps in one process do not collide). Counters are per process: with several replicas, sum them.
 *
 * It is also the vendor clients' VendorHttpObserver (wired in VendorsModule): every HTTP exchange, rate-limit
 * wait and token fetch of both clients lands here.
 */
@Injectable()
export class MetricsService implements VendorHttpObserver, OnModuleDestroy {
  readonly registry = new Registry();

  private readonly runs = new Counter({
    name: `${METRIC_PREFIX}runs_total`,
    help: 'Sync runs finished by this process, by direction, scope, final status and whether it was a dry run.',
    labelNames: ['direction', 'scope', 'status', 'dry_run'] as const,
    registers: [this.registry],
  });

  private readonly runDuration = new Histogram({
    name: `${METRIC_PREFIX}run_duration_seconds`,
    help: 'Wall time of finished sync runs, from start to finish.',
    labelNames: ['direction', 'scope', 'status'] as const,
    buckets: RUN_DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly runItems = new Counter({
    name: `${METRIC_PREFIX}run_items_total`,
    help: 'Items of finished sync runs, by scope and action (a dry run reports what it would have done).',
    labelNames: ['scope', 'action', 'dry_run'] as const,
    registers: [this.registry],
  });

  private readonly vendorRequests = new Counter({
    name: `${METRIC_PREFIX}vendor_requests_total`,
    help: 'HTTP exchanges with a vendor, by endpoint and outcome ("ok" or the vendor error kind).',
    labelNames: ['vendor', 'endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly vendorLatency = new Histogram({
    name: `${METRIC_PREFIX}vendor_request_duration_seconds`,
    help: 'Latency of HTTP exchanges with a vendor (whatever their outcome), by endpoint.',
    labelNames: ['vendor', 'endpoint'] as const,
    buckets: VENDOR_LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly rateLimitWaits = new Counter({
    name: `${METRIC_PREFIX}vendor_rate_limit_waits_total`,
    help: "Calls held back for their endpoint's rate-limit slot (own pacing, or a pause the vendor asked for).",
    labelNames: ['vendor', 'endpoint'] as const,
    registers: [this.registry],
  });

  private readonly rateLimitWaitSeconds = new Counter({
    name: `${METRIC_PREFIX}vendor_rate_limit_wait_seconds_total`,
    help: 'Time calls spent waiting for their rate-limit slot.',
    labelNames: ['vendor', 'endpoint'] as const,
    registers: [this.registry],
  });

  private readonly tokenRefreshes = new Counter({
    name: `${METRIC_PREFIX}vendor_token_refreshes_total`,
    help: 'Access tokens fetched from a vendor (first use, before expiry, or after the vendor refused one).',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  private readonly unreadableRecords = new Counter({
    name: `${METRIC_PREFIX}vendor_unreadable_records_total`,
    help: 'Elements of vendor list answers that could not be read and were set aside (each a failed run item when a run read it).',
    labelNames: ['vendor', 'endpoint'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Present from the start at 0, so rate() and alerts see the series before the first event.
    for (const vendor of VENDORS) this.tokenRefreshes.labels(vendor).inc(0);
  }

  /** The run worker recorded a run's outcome. Never throws: metrics must not fail the run's bookkeeping. */
  runFinished(run: SyncRun): void {
    try {
      this.countRun(run);
    } catch {
      // A label the registry refuses would be a bug here, not a reason to lose the run's alert.
    }
  }

  private countRun(run: SyncRun): void {
    const dryRun = String(run.dryRun);
    this.runs.labels(run.direction, run.scope, run.status, dryRun).inc();
    if (run.startedAt && run.finishedAt) {
      const seconds = Math.max(0, (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
      this.runDuration.labels(run.direction, run.scope, run.status).observe(seconds);
    }
    for (const action of ITEM_ACTIONS) {
      // The summary counts items by action, one key per action.
      const count = run.summary[action];
      if (count > 0) this.runItems.labels(run.scope, action, dryRun).inc(count);
    }
  }

  onRequest(vendor: Vendor, endpoint: string, outcome: VendorRequestOutcome, seconds: number): void {
    this.vendorRequests.labels(vendor, endpoint, outcome).inc();
    this.vendorLatency.labels(vendor, endpoint).observe(seconds);
  }

  onRateLimitWait(vendor: Vendor, endpoint: string, seconds: number): void {
    this.rateLimitWaits.labels(vendor, endpoint).inc();
    this.rateLimitWaitSeconds.labels(vendor, endpoint).inc(seconds);
  }

  onTokenRefresh(vendor: Vendor): void {
    this.tokenRefreshes.labels(vendor).inc();
  }

  onUnreadableRecord(record: UnreadableRecord): void {
    this.unreadableRecords.labels(record.vendor, record.endpoint).inc();
  }

  /** The text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
