import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import type { MappingStore } from './index.js';

// Vendor event receipts (table event_receipts): first-seen decided atomically, forgotten with a rolled-back
// transaction, pruned by age. Against the database the environment names (embedded by default).

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

function sql<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
  return harness.sql<T>(statement, params);
}

const receipt = (eventId: string) => ({ sourceVendor: 'feishu' as const, eventId, eventType: 'test.event_v1' });

describe('event receipts', () => {
  it('says "first" once per event id and vendor', async () => {
    expect(await store.eventReceipts.recordFirstSeen(receipt('ev-1'))).toBe(true);
    expect(await store.eventReceipts.recordFirstSeen(receipt('ev-1'))).toBe(false);
    expect(await store.eventReceipts.recordFirstSeen({ ...receipt('ev-1'), sourceVendor: 'wecom' })).toBe(true);
  });

  it('lets exactly one of several concurrent deliveries win', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.eventReceipts.recordFirstSeen(receipt('ev-race'))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a receipt whose transaction rolled back, so the re-delivery is acted on', async () => {
    await expect(
      store.transaction(async (session) => {
        expect(await session.eventReceipts.recordFirstSeen(receipt('ev-rollback'))).toBe(true);
        throw new Error('enqueue failed');
      }),
    ).rejects.toThrow('enqueue failed');
    expect(await store.eventReceipts.find('feishu', 'ev-rollback')).toBeNull();
    expect(await store.eventReceipts.recordFirstSeen(receipt('ev-rollback'))).toBe(true);
  });

  it('remembers the run an event queued, and lets the run be pruned', async () => {
    const run = await store.runs.create({
      direction: 'feishu_to_wecom',
      scope: 'punches',
      dryRun: false,
      triggeredBy: 'event',
      params: { userIds: ['u1'], from: '2021-03-10', to: '2021-03-10' },
    });
    await store.eventReceipts.recordFirstSeen(receipt('ev-run'));
    await store.eventReceipts.attachRun('feishu', 'ev-run', run.id);
    expect(await store.eventReceipts.find('feishu', 'ev-run')).toEqual({ eventType: 'test.event_v1', runId: run.id });
    await sql(`DELETE FROM "sync_runs" WHERE "id" = $1`, [run.id]);
    expect(await store.eventReceipts.find('feishu', 'ev-run')).toEqual({ eventType: 'test.event_v1', runId: null });
  });

  it('prunes receipts older than the given age only', async () => {
    await store.eventReceipts.recordFirstSeen(receipt('ev-old'));
    await store.eventReceipts.recordFirstSeen(receipt('ev-recent'));
    await sql(`UPDATE "event_receipts" SET "received_at" = now() - interval '8 days' WHERE "event_id" = 'ev-old'`);
    expect(await store.eventReceipts.pruneOlderThan(7 * 86_400_000)).toBe(1);
    expect(await store.eventReceipts.find('feishu', 'ev-old')).toBeNull();
    expect(await store.eventReceipts.find('feishu', 'ev-recent')).not.toBeNull();
  });

  it('refuses an unknown vendor', async () => {
    await expect(
      sql(`INSERT INTO "event_receipts" ("source_vendor", "event_id", "event_type") VALUES ('dingtalk', 'x', 't')`),
    ).rejects.toThrow(/ck_event_receipts_source_vendor/);
  });
});
