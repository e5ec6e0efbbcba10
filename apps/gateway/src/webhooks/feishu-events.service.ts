import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { MappingStore, RunQueue } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';
import { punchReconcileFor, USER_FLOW_CREATED } from './attendance-events.js';
import type { FeishuEventEnvelope } from './feishu-event.gate.js';

/** Receipts are kept this long: far beyond Feishu's re-push schedule (last retry ~6 h after the first). */
export const RECEIPT_RETENTION_MS = 7 * 24 * 3600_000;
/** People one event-queued punch run gathers before the next event starts another (REST allows 10,000). */
const USERS_PER_EVENT_RUN = 1_000;
/** Each process prunes old receipts at most this often, on an incoming event. */
const PRUNE_EVERY_MS = 3600_000;

export type EventOutcome =
  | { readonly kind: 'queued'; readonly runId: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * Acts on authenticated Feishu events within Feishu's ~3 s deadline (REFERENCE.md A10): it only records and
 * queues. A punch event queues a punch run (Feishu → WeCom) for that user and day — or adds the user to one
 * that events queued for that day and no worker has started yet — executed later by the run worker of
 * whichever replica is free; the sync never runs inline.
 *
 * Re-deliveries (same `header.event_id`) are recognised through a receipt in the store, written in the same
 * transaction as the run: on any failure neither exists, the request answers 500, and Feishu's re-push is
 * acted on; once both are committed, every later copy is a duplicate, on any replica.
 */
@Injectable()
export class FeishuEventsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FeishuEventsService.name);
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  private pruning: Promise<void> | null = null;

  constructor(
    private readonly store: MappingStore,
    private readonly queue: RunQueue,
    private readonly config: AppConfig,
  ) {}

  async handle(envelope: FeishuEventEnvelope): Promise<EventOutcome> {
    const outcome = await this.act(envelope);
    this.pruneNowAndThen();
    return outcome;
  }

  private async act(envelope: FeishuEventEnvelope): Promise<EventOutcome> {
    const { eventId, eventType } = envelope;
    if (eventType !== USER_FLOW_CREATED) {
      this.logger.debug({ msg: 'Feishu event ignored (no handler for its type)', eventId, eventType });
      return { kind: 'ignored', reason: `no handler for ${eventType}` };
    }
    const reconcile = punchReconcileFor(envelope, this.config.feishu.employeeType);
    if ('problem' in reconcile) {
      // Answered 200 all the same: a re-push of the same event could never be read either.
      this.logger.warn({ msg: 'Feishu punch event ignored', eventId, eventType, problem: reconcile.problem });
      return { kind: 'ignored', reason: reconcile.problem };
    }
    const queued = await this.store.transaction(async (session) => {
      const first = await session.eventReceipts.recordFirstSeen({ sourceVendor: 'feishu', eventId, eventType });
      if (!first) return null;
      const run = { direction: 'feishu_to_wecom', scope: 'punches', dryRun: false, triggeredBy: 'event' } as const;
      const window = { from: reconcile.day, to: reconcile.day };
      // A burst of punches (an office arriving at 09:00) joins the run still waiting for that day.
      const joined = await session.runs.joinQueuedEventRun(
        { ...run, ...window },
        reconcile.userId,
        USERS_PER_EVENT_RUN,
      );
      const target =
        joined ?? (await this.queue.enqueue({ ...run, params: { userIds: [reconcile.userId], ...window } }, session));
      await session.eventReceipts.attachRun('feishu', eventId, target.id);
      return { runId: target.id, joined: joined !== null };
    });
    if (queued === null) {
      this.logger.log({ msg: 'Feishu event already received; ignored', eventId, eventType });
      return { kind: 'duplicate' };
    }
    const { runId, joined } = queued;
    this.logger.log({
      msg: joined ? 'Feishu punch event joined a queued punch run' : 'Feishu punch event queued a punch run',
      eventId,
      runId,
      day: reconcile.day,
    });
    return { kind: 'queued', runId };
  }

  /** Forgets old receipts, at most once an hour per process, off the request's path. */
  private pruneNowAndThen(): void {
    const now = Date.now();
    if (this.pruning || now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    this.pruning = this.store.eventReceipts
      .pruneOlderThan(RECEIPT_RETENTION_MS)
      .then((count) => {
        if (count > 0) this.logger.debug({ msg: 'Pruned old Feishu event receipts', count });
      })
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'Pruning event receipts failed; will retry later', err: error });
      })
      .finally(() => {
        this.pruning = null;
      });
  }

  /** Lets a prune in flight finish before the store closes (it closes on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.pruning;
  }
}
