import request from 'supertest';
import type { App } from 'supertest/types.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import type { FeishuClient } from '@app/feishu';
import { wecomRuleHash } from '@app/connectors';
import { MappingStore } from '@app/mapping-store';
import { legacyWecomRuleNameFor } from '@app/translation';
import type { WecomCheckinGroupCreate, WecomClient } from '@app/wecom';
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

// WeCom rules named as HR named the Feishu groups (DESIGN.md, crash-safe writes): the plain name, "X (2)" for a
// second group of one name, a name conflict for a same-named rule the gateway did not create (listed, and
// resolved by adopt, overwrite or skip), adoption after a crash by the recorded intent, and the rename of a
// rule that still carries the legacy `·fs` name. Supertest against the real app, the app against both emulators.

interface RunBody {
  id: string;
  status: string;
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
  status: string;
}

describe('WeCom rule names (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let store: MappingStore;
  let feishuAdmin: FeishuClient;
  let wecomAdmin: WecomClient;

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);
  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body);
  const rulesNamed = (name: string) =>
    emulators.wecom.emulator.rules().filter((rule) => rule.group['groupname'] === name);
  const adds = () => emulators.wecom.emulator.calls('add_checkin_option').length;

  async function links(): Promise<LinkBody[]> {
    return (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as LinkBody[];
  }

  async function linkOf(feishuGroupId: string): Promise<LinkBody | undefined> {
    return (await links()).find((link) => link.feishuGroupId === feishuGroupId);
  }

  /** A new Feishu group like the sample fixed group, under `name` (made through Feishu's API). */
  const createFeishuGroup = (name: string) => createFixedFeishuGroup(emulators, feishuAdmin, name);

  /** The WeCom rule a sync would add for the group (from a dry run). */
  async function plannedRule(feishuGroupId: string): Promise<WecomCheckinGroupCreate> {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [feishuGroupId], dryRun: true });
    return (run.items[0]!.plan!.requests[0]!.body as { group: WecomCheckinGroupCreate }).group;
  }

  beforeAll(async () => {
    emulators = await startEmulators();
    harness = await createTestApp({ ...emulatorGatewayEnv(emulators) });
    server = harness.app.getHttpServer();
    store = harness.app.get(MappingStore);
    ({ feishuAdmin, wecomAdmin } = vendorAdmins(emulators));
    await uploadSampleMappings(server);
  });

  afterAll(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it("creates the rule under the Feishu group's own name", async () => {
    const groupId = await createFeishuGroup('研发中心固定班');
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items[0]).toMatchObject({ action: 'created' });
    expect(run.items[0]!.error ?? null).toBeNull();
    const [rule, ...more] = rulesNamed('研发中心固定班');
    expect(more).toEqual([]);
    expect(run.items[0]!.targetId).toBe(String(rule!.groupid));
    expect(await linkOf(groupId)).toMatchObject({
      wecomRuleId: String(rule!.groupid),
      wecomRuleName: '研发中心固定班',
      status: 'active',
    });
  });

  it('gives two groups of one name "X" and "X (2)" in one run, says so, and keeps the names', async () => {
    const first = await createFeishuGroup('同名固定班');
    const second = await createFeishuGroup('同名固定班');
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [first, second] });
    expect(run.items.map((entry) => [entry.action, entry.error ?? null])).toEqual([
      ['created', null],
      ['created', null],
    ]);
    const plain = rulesNamed('同名固定班');
    const numbered = rulesNamed('同名固定班 (2)');
    expect([plain.length, numbered.length]).toEqual([1, 1]);
    const byGroup = new Map(run.items.map((entry) => [entry.sourceId, entry]));
    // Which of the two takes the plain name depends on which item ran first; each has one, and they differ.
    const names = [first, second].map(
      (id) => (byGroup.get(id)!.targetId === String(plain[0]!.groupid) ? 'plain' : 'numbered') as string,
    );
    expect(names.sort()).toEqual(['numbered', 'plain']);
    const numberedItem = run.items.find((entry) => entry.targetId === String(numbered[0]!.groupid))!;
    expect(numberedItem.notes.map((note) => note.message).join(' ')).toMatch(
      /named "同名固定班 \(2\)": another Feishu group's rule already carries the name "同名固定班"/,
    );

    const before = adds();
    const again = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [first, second] });
    expect(again.items.map((entry) => entry.action)).toEqual(['unchanged', 'unchanged']);
    expect(adds()).toBe(before);
    expect([rulesNamed('同名固定班').length, rulesNamed('同名固定班 (2)').length]).toEqual([1, 1]);
  });

  describe('a same-named rule the gateway did not create: a name conflict HR resolves', () => {
    /**
     * A Feishu group and, in WeCom, a rule of its name that HR made (through the same WeCom app, so the gateway
     * may write it) with a photo setting of its own; the sync opens a name conflict for the group.
     */
    async function conflictFor(name: string) {
      const groupId = await createFeishuGroup(name);
      const planned = await plannedRule(groupId);
      await wecomAdmin.addCheckinOption({ group: { ...planned, need_photo: !planned.need_photo } });
      const [rule] = rulesNamed(name);
      const addsBefore = adds();
      const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(run.items[0]).toMatchObject({ action: 'skipped', targetId: null });
      expect(run.items[0]!.error).toMatch(/already exists and this gateway did not create it/);
      // Neither adopted nor duplicated.
      expect(adds()).toBe(addsBefore);
      expect(rulesNamed(name)).toHaveLength(1);
      const open = (await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items as ConflictBody[];
      const conflict = open.find((entry) => entry.feishuGroupId === groupId)!;
      expect(conflict).toMatchObject({
        kind: 'name_taken',
        wecomRuleId: null,
        found: { vendor: 'wecom', id: String(rule!.groupid), name },
        resolution: null,
        resolvedAt: null,
      });
      expect(run.items[0]!.error).toContain(conflict.id);
      expect(await linkOf(groupId)).toMatchObject({ status: 'conflict', wecomRuleId: null });
      // Until it is resolved, a run leaves the group alone and says why.
      const blocked = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(blocked.items[0]).toMatchObject({ action: 'skipped' });
      expect(blocked.items[0]!.error).toMatch(new RegExp(`unresolved name conflict.*${conflict.id}`));
      return { groupId, planned, rule: rule!, conflict };
    }

    async function resolve(conflictId: string, body: Record<string, unknown>, status: number) {
      return auth(request(server).post(`/api/v1/conflicts/${conflictId}/resolve`))
        .send(body)
        .expect(status);
    }

    it('takes a resolution, not a winner, and never both', async () => {
      const { conflict } = await conflictFor('外包固定班');
      const winner = await resolve(conflict.id, { winner: 'feishu' }, 400);
      expect(winner.body.message).toMatch(/resolution is required/);
      const both = await resolve(conflict.id, { winner: 'feishu', resolution: 'adopt' }, 400);
      expect(both.body.message).toMatch(/either winner .* or resolution/);
      const bad = await resolve(conflict.id, { resolution: 'merge' }, 400);
      expect([bad.body.message].flat().join(' ')).toMatch(/resolution must be "adopt", "overwrite" or "skip"/);
      // Still open after the refusals.
      const open = (await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items as ConflictBody[];
      expect(open.some((entry) => entry.id === conflict.id)).toBe(true);
    });

    it('adopt: links the found rule, and its content wins once', async () => {
      const { groupId, planned, rule, conflict } = await conflictFor('借调固定班');
      const addsBefore = adds();
      const accepted = await resolve(conflict.id, { resolution: 'adopt' }, 202);
      expect(accepted.body).toEqual({ runId: expect.any(String), conflictId: conflict.id });
      const run = await waitForRunBody<RunBody>(server, accepted.body.runId);
      expect(run.items).toEqual([expect.objectContaining({ sourceId: String(rule.groupid), targetId: groupId })]);
      expect(run.items[0]!.action).toMatch(/^(updated|unchanged)$/);
      // The Feishu group now has the rule's photo setting; the rule is as it was.
      expect((await feishuAdmin.getGroup(groupId)).clockIn_need_photo).toBe(!planned.need_photo);
      expect(rulesNamed('借调固定班').map((each) => each.group['need_photo'])).toEqual([!planned.need_photo]);
      expect(adds()).toBe(addsBefore);
      expect(await linkOf(groupId)).toMatchObject({ wecomRuleId: String(rule.groupid), status: 'active' });
      const all = (await auth(request(server).get('/api/v1/conflicts?state=all')).expect(200)).body
        .items as ConflictBody[];
      expect(all.find((entry) => entry.id === conflict.id)).toMatchObject({
        resolution: 'adopt',
        resolvedAt: expect.any(String),
      });
      // A second resolve is refused.
      await resolve(conflict.id, { resolution: 'adopt' }, 409);
    });

    it("overwrite: links the found rule, and the Feishu group's content wins once", async () => {
      const { groupId, planned, rule, conflict } = await conflictFor('派驻固定班');
      const addsBefore = adds();
      const accepted = await resolve(conflict.id, { resolution: 'overwrite' }, 202);
      const run = await waitForRunBody<RunBody>(server, accepted.body.runId);
      expect(run.items).toEqual([
        expect.objectContaining({ sourceId: groupId, targetId: String(rule.groupid), action: 'updated' }),
      ]);
      expect(rulesNamed('派驻固定班').map((each) => each.group['need_photo'])).toEqual([planned.need_photo]);
      expect(adds()).toBe(addsBefore);
      expect(await linkOf(groupId)).toMatchObject({ wecomRuleId: String(rule.groupid), status: 'active' });
      const again = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(again.items[0]).toMatchObject({ action: 'unchanged', targetId: String(rule.groupid) });
    });

    it('skip: the group stays unsynced, the rule untouched, until a run names it', async () => {
      const { groupId, planned, conflict } = await conflictFor('实习固定班');
      const accepted = await resolve(conflict.id, { resolution: 'skip' }, 202);
      expect(accepted.body).toEqual({ runId: null, conflictId: conflict.id });
      expect(await linkOf(groupId)).toMatchObject({ status: 'unlinked', wecomRuleId: null });
      const unscoped = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
      expect(unscoped.items.find((entry) => entry.sourceId === groupId)).toMatchObject({
        action: 'skipped',
        error: expect.stringMatching(/resolved with "skip"/),
      });
      // (The run creates the rules of the sample groups this suite had not synced; none of this name.)
      expect(rulesNamed('实习固定班').map((each) => each.group['need_photo'])).toEqual([!planned.need_photo]);
      // A run naming the group tries again: the rule is still not the gateway's, so the conflict opens again.
      const named = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
      expect(named.items[0]).toMatchObject({ action: 'skipped' });
      expect(named.items[0]!.error).toMatch(/already exists and this gateway did not create it/);
      expect(rulesNamed('实习固定班')).toHaveLength(1);
    });
  });

  it('after a crash between the add and the link, the next run adopts the rule of the recorded intent', async () => {
    const groupId = await createFeishuGroup('夜班固定班');
    const planned = await plannedRule(groupId);
    // What a run that died right after add_checkin_option leaves: the intent (with the planned name and the
    // planned content's hash, as the engine records them) and the rule, as WeCom reads it back.
    await store.groupLinks.recordIntent(
      pairIntent({
        direction: 'feishu_to_wecom',
        feishuGroupId: groupId,
        feishuGroupName: '夜班固定班',
        wecomRuleName: planned.groupname,
        wecomHash: wecomRuleHash({ ...planned, groupid: 0 }),
      }),
    );
    await wecomAdmin.addCheckinOption({ group: planned });
    const [rule] = rulesNamed('夜班固定班');
    const before = adds();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items[0]).toMatchObject({ targetId: String(rule!.groupid) });
    expect(run.items[0]!.error ?? null).toBeNull();
    expect(run.items[0]!.action).toMatch(/^(unchanged|updated)$/);
    expect(adds()).toBe(before);
    expect(rulesNamed('夜班固定班')).toHaveLength(1);
    expect(await linkOf(groupId)).toMatchObject({ wecomRuleId: String(rule!.groupid), status: 'active' });
  });

  it('renames a rule that still carries the legacy ·fs name to its plain name, and the item says so', async () => {
    const groupId = await createFeishuGroup('客服固定班');
    await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    const [rule] = rulesNamed('客服固定班');
    const legacy = legacyWecomRuleNameFor({ name: '客服固定班', feishuGroupId: groupId });
    // The rule and its link as an earlier version of the gateway made them: the name with the tag.
    await wecomAdmin.updateCheckinOption({ group: { groupid: rule!.groupid, groupname: legacy } });
    const read = (await wecomAdmin.getCorpCheckinOptions()).find((each) => each.groupid === rule!.groupid)!;
    const link = (await store.groupLinks.findByFeishuGroupId(groupId))!;
    await store.groupLinks.markSynced(
      link.id,
      pairSynced({
        feishuGroupId: groupId,
        wecomRuleId: String(rule!.groupid),
        wecomRuleName: legacy,
        feishuHash: link.feishuHash!,
        wecomHash: wecomRuleHash(read)!,
        syncedAt: new Date(),
      }),
    );

    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items[0]).toMatchObject({ action: 'updated', targetId: String(rule!.groupid) });
    expect(run.items[0]!.error ?? null).toBeNull();
    const messages = run.items[0]!.notes.map((note) => note.message).join(' ');
    expect(messages).toContain(`renamed from "${legacy}" to "客服固定班"`);
    // A rename, not drift: the rule is what the link recorded.
    expect(messages).not.toMatch(/changed outside the gateway/);
    expect(rulesNamed('客服固定班').map((each) => each.groupid)).toEqual([rule!.groupid]);
    expect(rulesNamed(legacy)).toEqual([]);
    expect(await linkOf(groupId)).toMatchObject({ wecomRuleName: '客服固定班', status: 'active' });
    const again = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(again.items[0]).toMatchObject({ action: 'unchanged' });
  });
});
