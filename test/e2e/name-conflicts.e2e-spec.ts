import request from 'supertest';
import type { App } from 'supertest/types.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import type { FeishuClient } from '@app/feishu';
import { wecomRuleHash } from '@app/connectors';
import { MappingStore } from '@app/mapping-store';
import { legacyWecomRuleNameFor } from '@app/translation';
import type { WecomCheckinGroupCreate, WecomClient } from '@app/wecom';
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
import { pairIntent, pairSynced } from '../support/group-links.js';

// Name conflicts and plain names where rule-names.e2e-spec.ts stops (README, "Crash safety" and "Name
// conflicts"; issue #19, "Plain names and crash safety by recorded intent"): a conflict met from the WeCom side
// and its three resolutions, a same-named group another link holds, all fifty numbered names taken, a crash
// intent adopted only with the content it planned, the resolve endpoint's refusals, and the rename of a legacy
// `·fs` rule in an in-sync two-way link by the scheduled reconciliation. Supertest against the real app, the
// app against both emulators.

const WECOM_WRITES = ['add_checkin_option', 'update_checkin_option', 'clear_checkin_option_array_field'];
const FEISHU_WRITES = /^(POST \/open-apis\/attendance\/v1\/(groups|shifts)|DELETE .*)$/;

interface RunBody {
  id: string;
  status: string;
  direction: string;
  triggeredBy: string;
  items: {
    sourceId: string;
    targetId: string | null;
    action: string;
    losses: { field: string; severity: string; message: string }[];
    notes: { field: string; message: string }[];
    error?: string | null;
    plan?: { vendor: string; requests: { api: string; body: unknown }[] };
  }[];
}

interface ConflictBody {
  id: string;
  linkId: string;
  kind: string;
  feishuGroupId: string | null;
  wecomRuleId: string | null;
  found: { vendor: string; id: string; name: string } | null;
  resolution: string | null;
  resolvedAt: string | null;
}

interface LinkBody {
  id: string;
  feishuGroupId: string | null;
  wecomRuleId: string | null;
  wecomRuleName: string | null;
  direction: string;
  status: string;
}

/** What both describes need of one app over a fresh pair of emulators. */
function gatewayOverEmulators(env: Record<string, string> = {}) {
  const world = {} as {
    emulators: RunningEmulators;
    harness: TestApp;
    server: App;
    store: MappingStore;
    feishuAdmin: FeishuClient;
    wecomAdmin: WecomClient;
  };
  beforeAll(async () => {
    world.emulators = await startEmulators();
    world.harness = await createTestApp({ ...emulatorGatewayEnv(world.emulators), ...env });
    world.server = world.harness.app.getHttpServer();
    world.store = world.harness.app.get(MappingStore);
    ({ feishuAdmin: world.feishuAdmin, wecomAdmin: world.wecomAdmin } = vendorAdmins(world.emulators));
    await uploadSampleMappings(world.server);
  });
  afterAll(async () => {
    await world.harness?.close();
    await world.emulators?.close();
  });

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);
  return {
    world,
    auth,
    sync: (body: Record<string, unknown>) => syncAndWait<RunBody>(world.server, body),
    rulesNamed: (name: string) =>
      world.emulators.wecom.emulator.rules().filter((rule) => rule.group['groupname'] === name),
    writes: () => ({
      wecom: world.emulators.wecom.emulator.calls().filter((call) => WECOM_WRITES.includes(call.api)).length,
      feishu: world.emulators.feishu.emulator
        .calls()
        .filter((call) => call.status === 200 && FEISHU_WRITES.test(call.endpoint)).length,
    }),
    links: async (): Promise<LinkBody[]> =>
      (await auth(request(world.server).get('/api/v1/links')).expect(200)).body.items as LinkBody[],
    conflicts: async (state: 'open' | 'all' = 'open'): Promise<ConflictBody[]> =>
      (await auth(request(world.server).get(`/api/v1/conflicts?state=${state}`)).expect(200)).body
        .items as ConflictBody[],
    resolve: (conflictId: string, body: Record<string, unknown>, status: number) =>
      auth(request(world.server).post(`/api/v1/conflicts/${conflictId}/resolve`))
        .send(body)
        .expect(status),
    group: (name: string) => createFixedFeishuGroup(world.emulators, world.feishuAdmin, name),
    /** The WeCom rule a Feishu → WeCom sync would add for the group (a dry run: nothing recorded, nothing written). */
    plannedRule: async (feishuGroupId: string): Promise<WecomCheckinGroupCreate> => {
      const run = await syncAndWait<RunBody>(world.server, {
        direction: 'feishu_to_wecom',
        scope: 'rules',
        groupIds: [feishuGroupId],
        dryRun: true,
      });
      return (run.items[0]!.plan!.requests[0]!.body as { group: WecomCheckinGroupCreate }).group;
    },
  };
}

describe('name conflicts and plain names (REST + emulators)', () => {
  const { world, sync, rulesNamed, writes, links, conflicts, resolve, group, plannedRule } = gatewayOverEmulators();
  const linkOfRule = async (ruleId: string) => (await links()).find((link) => link.wecomRuleId === ruleId);
  const feishuPhoto = async (groupId: string) =>
    Boolean((await world.feishuAdmin.getGroup(groupId)).clockIn_need_photo);

  describe("WeCom → Feishu: a Feishu group of the rule's name that no link pairs is a name conflict", () => {
    /**
     * A Feishu group named `name` made by HR, and a WeCom rule of that name made in WeCom (through the same app,
     * so the gateway may write it) whose photo setting differs from the group's; a WeCom → Feishu sync of the
     * rule opens a name conflict that found the group.
     */
    async function conflictFor(name: string) {
      const groupId = await group(name);
      const planned = await plannedRule(groupId);
      await world.wecomAdmin.addCheckinOption({ group: { ...planned, need_photo: !planned.need_photo } });
      const ruleId = String(rulesNamed(name)[0]!.groupid);
      const before = writes();
      const run = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [ruleId] });
      expect(run.items).toEqual([expect.objectContaining({ sourceId: ruleId, targetId: null, action: 'skipped' })]);
      expect(run.items[0]!.error).toMatch(
        new RegExp(
          `a Feishu attendance group named "${name}" \\(id ${groupId}\\) already exists and this gateway did not create it`,
        ),
      );
      // Neither adopted nor duplicated: nothing written on either side.
      expect(writes()).toEqual(before);
      expect(world.emulators.feishu.emulator.groups().filter((each) => each['group_name'] === name)).toHaveLength(1);
      const conflict = (await conflicts()).find((entry) => entry.wecomRuleId === ruleId)!;
      expect(conflict).toMatchObject({
        kind: 'name_taken',
        feishuGroupId: null,
        found: { vendor: 'feishu', id: groupId, name },
        resolution: null,
        resolvedAt: null,
      });
      expect(run.items[0]!.error).toContain(conflict.id);
      expect(await linkOfRule(ruleId)).toMatchObject({ status: 'conflict', feishuGroupId: null });
      // The pair met from the Feishu side waits on the same conflict rather than opening a second one.
      const other = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(other.items[0]).toMatchObject({ sourceId: groupId, action: 'skipped' });
      expect(other.items[0]!.error).toMatch(new RegExp(`unresolved name conflict.*${conflict.id}`));
      expect((await conflicts()).filter((entry) => entry.found?.id === groupId || entry.found?.id === ruleId)).toEqual([
        conflict,
      ]);
      expect(writes()).toEqual(before);
      return { groupId, ruleId, planned, conflict };
    }

    it('adopt: links the found group and queues a Feishu → WeCom run of it: the group is kept, the rule takes its content', async () => {
      const { groupId, ruleId, planned, conflict } = await conflictFor('仓储固定班');
      const before = writes();
      const accepted = await resolve(conflict.id, { resolution: 'adopt' }, 202);
      expect(accepted.body).toEqual({ runId: expect.any(String), conflictId: conflict.id });
      const run = await waitForRunBody<RunBody>(world.server, accepted.body.runId);
      expect(run.direction).toBe('feishu_to_wecom');
      expect(run.items).toEqual([expect.objectContaining({ sourceId: groupId, targetId: ruleId, action: 'updated' })]);
      expect(run.items[0]!.error ?? null).toBeNull();
      // The rule now has the group's photo setting; the group is as HR made it; nothing was created.
      expect(rulesNamed('仓储固定班').map((rule) => [String(rule.groupid), rule.group['need_photo']])).toEqual([
        [ruleId, planned.need_photo],
      ]);
      expect(await feishuPhoto(groupId)).toBe(planned.need_photo);
      expect(writes()).toEqual({ wecom: before.wecom + 1, feishu: before.feishu });
      expect(await linkOfRule(ruleId)).toMatchObject({ feishuGroupId: groupId, status: 'active' });
      expect((await conflicts('all')).find((entry) => entry.id === conflict.id)).toMatchObject({
        resolution: 'adopt',
        resolvedAt: expect.any(String),
      });
      // Linked now, a second run from the group finds nothing to write. The link keeps the direction of the
      // side that met the conflict (WeCom → Feishu): the group's content won once, later runs push the rule.
      const again = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(again.items).toEqual([expect.objectContaining({ targetId: ruleId, action: 'unchanged' })]);
      expect(await linkOfRule(ruleId)).toMatchObject({ direction: 'wecom_to_feishu' });
    });

    it("overwrite: links the found group and queues a WeCom → Feishu run of the rule: the group takes the rule's content", async () => {
      const { groupId, ruleId, planned, conflict } = await conflictFor('质检固定班');
      const before = writes();
      const accepted = await resolve(conflict.id, { resolution: 'overwrite' }, 202);
      const run = await waitForRunBody<RunBody>(world.server, accepted.body.runId);
      expect(run.direction).toBe('wecom_to_feishu');
      expect(run.items).toEqual([expect.objectContaining({ sourceId: ruleId, targetId: groupId, action: 'updated' })]);
      expect(run.items[0]!.error ?? null).toBeNull();
      // Never synced before, so the group did not "change outside the gateway": no drift note.
      expect(run.items[0]!.notes.map((note) => note.message).join(' ')).not.toMatch(/outside the gateway/);
      expect(await feishuPhoto(groupId)).toBe(!planned.need_photo);
      expect(rulesNamed('质检固定班').map((rule) => rule.group['need_photo'])).toEqual([!planned.need_photo]);
      expect(writes().wecom).toBe(before.wecom);
      expect(
        world.emulators.feishu.emulator.groups().filter((each) => each['group_name'] === '质检固定班'),
      ).toHaveLength(1);
      expect(await linkOfRule(ruleId)).toMatchObject({ feishuGroupId: groupId, status: 'active' });
      const again = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [ruleId] });
      expect(again.items).toEqual([expect.objectContaining({ targetId: groupId, action: 'unchanged' })]);
    });

    it('skip: nothing runs, the rule stays unsynced and the group untouched; resolving it again is refused', async () => {
      const { groupId, ruleId, planned, conflict } = await conflictFor('保洁固定班');
      const accepted = await resolve(conflict.id, { resolution: 'skip' }, 202);
      expect(accepted.body).toEqual({ runId: null, conflictId: conflict.id });
      expect(await linkOfRule(ruleId)).toMatchObject({ status: 'unlinked', feishuGroupId: null });
      const unscoped = await sync({ direction: 'wecom_to_feishu', scope: 'rules' });
      expect(unscoped.items.find((entry) => entry.sourceId === ruleId)).toMatchObject({
        action: 'skipped',
        targetId: null,
        error: expect.stringMatching(new RegExp(`conflict ${conflict.id} was resolved with "skip"`)),
      });
      // (That run synced the sample rules; none of them carries this name.)
      expect(
        world.emulators.feishu.emulator.groups().filter((each) => each['group_name'] === '保洁固定班'),
      ).toHaveLength(1);
      expect(await feishuPhoto(groupId)).toBe(planned.need_photo);

      // Idempotence: a second resolve of any kind is a 409 naming how it was resolved, and the link is unchanged.
      const again = await resolve(conflict.id, { resolution: 'adopt' }, 409);
      expect(again.body.message).toBe(`conflict ${conflict.id} was already resolved as skip`);
      await resolve(conflict.id, { resolution: 'skip' }, 409);
      expect(await linkOfRule(ruleId)).toMatchObject({ status: 'unlinked', feishuGroupId: null });
      // Both fields are refused before anything else is looked at, resolved or not.
      const both = await resolve(conflict.id, { winner: 'wecom', resolution: 'adopt' }, 400);
      expect(both.body.message).toBe(
        'give either winner (a content conflict) or resolution (a name conflict), not both',
      );
    });

    it('an unknown conflict id is a 404, whatever its shape', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const missing = await resolve(unknown, { resolution: 'adopt' }, 404);
      expect(missing.body.message).toBe(`conflict ${unknown} not found`);
      await resolve('not-a-uuid', { resolution: 'skip' }, 404);
    });

    it('a Feishu group of the name that another link pairs with another rule: a skipped item saying so, no conflict', async () => {
      const groupId = await group('安保固定班');
      const planned = await plannedRule(groupId);
      const paired = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(paired.items[0]).toMatchObject({ action: 'created' });
      const pairedRuleId = paired.items[0]!.targetId!;
      // A second rule of the same name, made in WeCom.
      await world.wecomAdmin.addCheckinOption({ group: planned });
      const second = String(rulesNamed('安保固定班').find((rule) => String(rule.groupid) !== pairedRuleId)!.groupid);
      const open = await conflicts('all');
      const before = writes();
      const run = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [second] });
      expect(run.items).toEqual([expect.objectContaining({ sourceId: second, targetId: null, action: 'skipped' })]);
      expect(run.items[0]!.error).toBe(
        `the Feishu attendance group ${groupId} carries this rule's name but is already paired with WeCom rule ` +
          `${pairedRuleId}, so it was not adopted and no second group of that name was created; rename one of ` +
          'the two rules in WeCom, then run again',
      );
      expect(writes()).toEqual(before);
      expect(await conflicts('all')).toEqual(open);
      expect(
        world.emulators.feishu.emulator.groups().filter((each) => each['group_name'] === '安保固定班'),
      ).toHaveLength(1);
      expect((await links()).find((link) => link.feishuGroupId === groupId)).toMatchObject({
        wecomRuleId: pairedRuleId,
        status: 'active',
      });
    });
  });

  it('with "X" to "X (50)" all held by other groups\' rules, a 51st group of the name is skipped saying so', async () => {
    const name = '满员班';
    const groupIds: string[] = [];
    for (let index = 0; index < 50; index += 1) groupIds.push(await group(name));
    const filled = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds });
    expect(filled.items.filter((entry) => entry.action === 'created')).toHaveLength(50);
    const numbered = ['', ...Array.from({ length: 49 }, (_, index) => ` (${index + 2})`)].map((tail) => name + tail);
    expect(numbered.map((each) => rulesNamed(each).length)).toEqual(numbered.map(() => 1));

    const last = await group(name);
    const before = writes();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [last] });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: last, targetId: null, action: 'skipped' })]);
    expect(run.items[0]!.error).toBe(
      `every name this group's WeCom rule could carry ("${name}" to "${name} (50)") is held by another group's ` +
        'rule, so none was created; rename the group',
    );
    expect(writes()).toEqual(before);
    expect(
      world.emulators.wecom.emulator.rules().filter((rule) => numbered.includes(String(rule.group['groupname']))),
    ).toHaveLength(50);
    expect((await links()).find((link) => link.feishuGroupId === last)?.wecomRuleId ?? null).toBeNull();
    expect((await conflicts()).some((entry) => entry.feishuGroupId === last)).toBe(false);
  });

  it('Feishu → WeCom: a crash intent does not adopt a rule of its name that holds something else than planned: a name conflict', async () => {
    const groupId = await group('包装固定班');
    const planned = await plannedRule(groupId);
    await world.store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: groupId,
        feishuGroupName: '包装固定班',
        wecomRuleName: planned.groupname,
        wecomHash: wecomRuleHash({ ...planned, groupid: 0 }),
      }),
    );
    // The rule under that name holds something else than the plan (another photo setting): not the create's.
    await world.wecomAdmin.addCheckinOption({ group: { ...planned, need_photo: !planned.need_photo } });
    const ruleId = String(rulesNamed('包装固定班')[0]!.groupid);
    const before = writes();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: groupId, targetId: null, action: 'skipped' })]);
    const conflict = (await conflicts()).find((entry) => entry.feishuGroupId === groupId)!;
    expect(conflict).toMatchObject({ kind: 'name_taken', found: { vendor: 'wecom', id: ruleId, name: '包装固定班' } });
    expect(run.items[0]!.error).toContain(conflict.id);
    // Neither adopted nor duplicated, nothing written.
    expect(writes()).toEqual(before);
    expect(rulesNamed('包装固定班').map((rule) => rule.group['need_photo'])).toEqual([!planned.need_photo]);
  });

  it('Feishu → WeCom: an intent recorded before plans were hashed adopts the rule of its name whatever it holds, and overwrites it', async () => {
    // An earlier version recorded the planned name only: with no planned hash to check, the rule of that name
    // is adopted as before, then written.
    const groupId = await group('装卸固定班');
    const planned = await plannedRule(groupId);
    await world.store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: groupId,
        feishuGroupName: '装卸固定班',
        wecomRuleName: planned.groupname,
      }),
    );
    // The rule under that name holds something else than the plan (another photo setting).
    await world.wecomAdmin.addCheckinOption({ group: { ...planned, need_photo: !planned.need_photo } });
    const ruleId = String(rulesNamed('装卸固定班')[0]!.groupid);
    const before = writes();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: groupId, targetId: ruleId, action: 'updated' })]);
    expect(run.items[0]!.error ?? null).toBeNull();
    // Adopted as the gateway's own: no conflict, no drift note, one write and no add.
    expect(run.items[0]!.notes).toEqual([]);
    expect((await conflicts()).some((entry) => entry.feishuGroupId === groupId)).toBe(false);
    expect(writes()).toEqual({ wecom: before.wecom + 1, feishu: before.feishu });
    expect(rulesNamed('装卸固定班').map((rule) => rule.group['need_photo'])).toEqual([planned.need_photo]);
    expect((await links()).find((link) => link.feishuGroupId === groupId)).toMatchObject({
      wecomRuleId: ruleId,
      status: 'active',
    });
  });

  it('WeCom → Feishu: a crash intent adopts the Feishu group of the recorded name, whatever it holds, and writes it', async () => {
    // What a run that died right after creating the group leaves: the rule's intent (with the group's planned
    // name) and a group of that name; here its photo setting differs from the rule's.
    const groupId = await group('搬运固定班');
    const planned = await plannedRule(groupId);
    await world.wecomAdmin.addCheckinOption({ group: { ...planned, need_photo: !planned.need_photo } });
    const ruleId = String(rulesNamed('搬运固定班')[0]!.groupid);
    await world.store.groupLinks.recordIntent(
      pairIntent({
        direction: 'wecom_to_feishu',
        wecomRuleId: ruleId,
        wecomRuleName: '搬运固定班',
        feishuGroupName: '搬运固定班',
      }),
    );
    const before = writes();
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [ruleId] });
    expect(run.items).toEqual([expect.objectContaining({ sourceId: ruleId, targetId: groupId, action: 'updated' })]);
    expect(run.items[0]!.error ?? null).toBeNull();
    expect(run.items[0]!.notes).toEqual([]);
    expect((await conflicts()).some((entry) => entry.wecomRuleId === ruleId)).toBe(false);
    expect(world.emulators.feishu.emulator.groups().filter((each) => each['group_name'] === '搬运固定班')).toHaveLength(
      1,
    );
    expect(writes().wecom).toBe(before.wecom);
    expect(await feishuPhoto(groupId)).toBe(!planned.need_photo);
    expect(await linkOfRule(ruleId)).toMatchObject({ feishuGroupId: groupId, status: 'active' });
  });
});

describe('scheduled reconciliation of an in-sync two-way link whose rule has the legacy ·fs name', () => {
  const { world, auth, rulesNamed, writes, links, sync, group } = gatewayOverEmulators({
    // Fires only at midnight on the 1st of a month: ticks are driven through the scheduler itself.
    SYNC_CRON: '0 0 0 1 * *',
    SYNC_CRON_SCOPES: 'rules',
  });
  let month = 0;
  async function tick(): Promise<RunBody> {
    month += 1;
    const at = new Date(`2031-${String(month).padStart(2, '0')}-01T00:00:00.120Z`);
    const runId = await world.harness.app.get(ReconcileScheduler).tick(at);
    if (!runId) throw new Error('the tick queued no run');
    const run = await waitForRunBody<RunBody>(world.server, runId);
    expect(run).toMatchObject({ direction: 'two_way', triggeredBy: 'schedule' });
    return run;
  }

  it('renames it with one update_checkin_option, says so in the notes, and the next tick writes nothing', async () => {
    const groupId = await group('物流固定班');
    await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const link = (await links()).find((each) => each.feishuGroupId === groupId)!;
    await auth(request(world.server).patch(`/api/v1/links/${link.id}`))
      .send({ direction: 'two_way' })
      .expect(200);
    // The rule and its link as an earlier version of the gateway left them: in sync, under the tagged name.
    const ruleId = Number(link.wecomRuleId);
    const legacy = legacyWecomRuleNameFor({ name: '物流固定班', feishuGroupId: groupId });
    await world.wecomAdmin.updateCheckinOption({ group: { groupid: ruleId, groupname: legacy } });
    const read = (await world.wecomAdmin.getCorpCheckinOptions()).find((each) => each.groupid === ruleId)!;
    const stored = (await world.store.groupLinks.findById(link.id))!;
    await world.store.groupLinks.markSynced(
      link.id,
      pairSynced({
        feishuGroupId: groupId,
        wecomRuleId: String(ruleId),
        wecomRuleName: legacy,
        feishuHash: stored.feishuHash!,
        wecomHash: wecomRuleHash(read)!,
        syncedAt: new Date(),
      }),
    );
    // The first tick also lists the sample company's groups and rules as unlinked (SYNC_AUTO_LINK is off).
    const updates = () => world.emulators.wecom.emulator.calls('update_checkin_option').length;
    const before = { ...writes(), updates: updates() };
    const run = await tick();
    expect(run.status).toBe('succeeded');
    expect(run.items).toEqual([
      expect.objectContaining({ sourceId: groupId, targetId: String(ruleId), action: 'updated' }),
    ]);
    expect(run.items[0]!.error ?? null).toBeNull();
    expect(run.items[0]!.notes.map((note) => note.message)).toEqual([
      `The WeCom rule was renamed from "${legacy}" to "物流固定班": rules carry their Feishu group's name.`,
    ]);
    expect({ ...writes(), updates: updates() }).toEqual({
      wecom: before.wecom + 1,
      feishu: before.feishu,
      updates: before.updates + 1,
    });
    expect(rulesNamed('物流固定班').map((rule) => rule.groupid)).toEqual([ruleId]);
    expect(rulesNamed(legacy)).toEqual([]);
    expect((await links()).find((each) => each.id === link.id)).toMatchObject({
      wecomRuleName: '物流固定班',
      direction: 'two_way',
      status: 'active',
    });

    const after = writes();
    const again = await tick();
    expect(again.items).toEqual([expect.objectContaining({ sourceId: groupId, action: 'unchanged' })]);
    expect(writes()).toEqual(after);
  });
});
