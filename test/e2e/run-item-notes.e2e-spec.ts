import request from 'supertest';
import type { App } from 'supertest/types.js';
import { type FeishuClient, groupForUpdate } from '@app/feishu';
import { type WecomClient } from '@app/wecom';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { ReconcileScheduler } from '../../apps/gateway/src/sync/reconcile.scheduler.js';
import {
  createFixedFeishuGroup,
  emulatorGatewayEnv,
  syncAndWait,
  uploadSampleMappings,
  vendorAdmins,
  waitForRunBody,
} from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// A run item's notes (what the gateway did) apart from its losses (what a translation could not carry over):
// a WeCom rule deleted outside the gateway and created again, and a deleted Feishu group whose rule is deleted
// too (SYNC_PROPAGATE_DELETES), and a target changed outside the gateway (either way), whose note carries the
// code target_drift_overwritten even on a dry run — all as GET /api/v1/runs/:runId shows them.

interface RunItem {
  sourceId: string;
  targetId: string | null;
  action: string;
  losses: { field: string; severity: string; message: string }[];
  notes: { field: string; message: string; code?: string }[];
  error?: string;
  plan?: unknown;
}

interface RunBody {
  id: string;
  status: string;
  items: RunItem[];
}

describe('run item notes (REST + emulators, SYNC_PROPAGATE_DELETES on)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let scheduler: ReconcileScheduler;
  let feishuAdmin: FeishuClient;
  let wecomAdmin: WecomClient;
  let groupId: string;

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body);
  const messages = (entries: readonly { message: string }[]) => entries.map((entry) => entry.message).join('\n');

  // Each test starts from emulators and a gateway of its own, and links the group itself: "a first create"
  // is the first, whichever tests ran before (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    harness = await createTestApp({
      ...emulatorGatewayEnv(emulators),
      SYNC_PROPAGATE_DELETES: 'true',
      // Ticks are driven through the scheduler; the cron fires only at midnight on the 1st of a month.
      SYNC_CRON: '0 0 0 1 * *',
      SYNC_CRON_SCOPES: 'rules',
    });
    server = harness.app.getHttpServer();
    scheduler = harness.app.get(ReconcileScheduler);
    ({ feishuAdmin, wecomAdmin } = vendorAdmins(emulators));
    await uploadSampleMappings(server);
    // Not the sample fixed group: its name is taken by a sample WeCom rule (a name conflict, not a create).
    groupId = await createFixedFeishuGroup(emulators, feishuAdmin, '研发固定班');
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it('a first create carries no notes', async () => {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items).toHaveLength(1);
    expect(run.items[0]).toMatchObject({ action: 'created', notes: [] });
  });

  it('a linked rule deleted in WeCom is created again, and the item says so in its notes, not its losses', async () => {
    const before = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const ruleId = before.items[0]!.targetId!;
    await wecomAdmin.deleteCheckinOption({ groupid: Number(ruleId) });
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const [recreated] = run.items;
    expect(recreated?.action).toBe('created');
    expect(recreated?.notes).toEqual([
      { field: 'rule', message: `The linked WeCom rule ${ruleId} no longer exists in WeCom; it was created again.` },
    ]);
    expect(messages(recreated!.losses)).not.toMatch(/created again/);
  });

  it('a dry run of a link whose WeCom rule was changed outside the gateway says so with a code, writing nothing', async () => {
    const linked = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const ruleId = linked.items[0]!.targetId!;
    const ruleOf = () => emulators.wecom.emulator.rules().find((rule) => String(rule.groupid) === ruleId)!;
    const changed = !ruleOf().group['need_photo'];
    await wecomAdmin.updateCheckinOption({ group: { groupid: Number(ruleId), need_photo: changed } });
    const writes = emulators.wecom.emulator.calls('update_checkin_option').length;

    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId], dryRun: true });
    const [drifted] = run.items;
    expect(drifted).toMatchObject({ action: 'updated', targetId: ruleId });
    expect(drifted?.notes).toEqual([
      {
        field: 'rule',
        code: 'target_drift_overwritten',
        message:
          'The WeCom rule was changed outside the gateway since the last sync; this one-way sync overwrote it ' +
          'with the Feishu group.',
      },
    ]);
    expect(messages(drifted!.losses)).not.toMatch(/changed outside the gateway/);
    // A dry run writes nothing: the outside change is still there.
    expect(emulators.wecom.emulator.calls('update_checkin_option').length).toBe(writes);
    expect(ruleOf().group['need_photo']).toBe(changed);

    // The real run overwrites it, says so with the same code, and the next one finds it in sync.
    const real = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(real.items[0]?.notes.map((note) => note.code)).toEqual(['target_drift_overwritten']);
    expect(ruleOf().group['need_photo']).toBe(!changed);
    const after = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId], dryRun: true });
    expect(after.items[0]).toMatchObject({ action: 'unchanged', notes: [] });
  });

  it('WeCom → Feishu: a dry run of a link whose Feishu group was changed outside the gateway carries the code', async () => {
    const linked = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const ruleId = linked.items[0]!.targetId!;
    const links = (
      await request(server).get('/api/v1/links').set('Authorization', `Bearer ${TEST_API_TOKEN}`).expect(200)
    ).body.items as { id: string; feishuGroupId: string | null }[];
    const linkId = links.find((link) => link.feishuGroupId === groupId)!.id;
    const setDirection = (direction: string) =>
      request(server)
        .patch(`/api/v1/links/${linkId}`)
        .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
        .send({ direction })
        .expect(200);
    await setDirection('wecom_to_feishu');
    // The link's last sync this way first, then the Feishu group is edited outside the gateway.
    await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [ruleId] });
    const group = await feishuAdmin.getGroup(groupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), allow_out_punch: !group.allow_out_punch });

    const run = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [ruleId], dryRun: true });
    const [drifted] = run.items;
    expect(drifted).toMatchObject({ action: 'updated', sourceId: ruleId });
    expect(drifted?.notes).toContainEqual({
      field: 'group',
      code: 'target_drift_overwritten',
      message:
        'The Feishu group was changed outside the gateway since the last sync; this one-way sync overwrote it ' +
        'with the WeCom rule.',
    });
    expect((await feishuAdmin.getGroup(groupId)).allow_out_punch).toBe(!group.allow_out_punch);
  });

  it('a deleted Feishu group takes its WeCom rule with it, reported in the notes, not the losses', async () => {
    const linked = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const ruleId = linked.items[0]!.targetId!;
    expect(emulators.wecom.emulator.rules().some((rule) => String(rule.groupid) === ruleId)).toBe(true);
    await feishuAdmin.deleteGroup(groupId);
    // A deleted group can no longer be named in groupIds; the scheduled run visits every link's source.
    const runId = await scheduler.tick(new Date('2027-01-01T00:00:00.120Z'));
    if (!runId) throw new Error('the tick queued no run');
    const run = await waitForRunBody<RunBody>(server, runId);
    const deleted = run.items.find((entry) => entry.sourceId === groupId)!;
    expect(deleted).toMatchObject({ action: 'updated', targetId: ruleId, losses: [] });
    expect(deleted.notes).toEqual([
      {
        field: 'rule',
        message: `The Feishu group was deleted, so its WeCom rule ${ruleId} was deleted too (SYNC_PROPAGATE_DELETES).`,
      },
    ]);
    expect(emulators.wecom.emulator.rules().some((rule) => String(rule.groupid) === ruleId)).toBe(false);
  });
});
