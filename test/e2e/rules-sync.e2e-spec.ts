import request from 'supertest';
import type { App } from 'supertest/types.js';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { validateCheckinOption } from '../../apps/emulators/src/wecom/checkin-option-rules.js';
import { type FeishuClient, groupForUpdate } from '@app/feishu';
import { type WecomClient } from '@app/wecom';
import {
  createFixedFeishuGroup,
  emulatorGatewayEnv,
  syncAndWait,
  uploadSampleMappings,
  vendorAdmins,
} from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// The rules sync end to end: supertest against the real app, the app against both emulators over HTTP.

const WECOM_WRITES = ['add_checkin_option', 'update_checkin_option', 'clear_checkin_option_array_field'];
const FEISHU_WRITES = /^(POST \/open-apis\/attendance\/v1\/(groups|shifts)|DELETE .*)$/;

interface RunBody {
  id: string;
  status: string;
  summary: Record<string, number>;
  items: {
    sourceId: string;
    targetId: string | null;
    action: string;
    losses: { field: string; severity: string; message: string }[];
    notes: { field: string; message: string; code?: string }[];
    error?: string;
    plan?: { vendor: string; requests: { api: string; body: unknown }[] };
  }[];
}

describe('rules sync (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  // The vendors' own APIs, as an admin changing things outside the gateway would use them.
  let feishuAdmin: FeishuClient;
  let wecomAdmin: WecomClient;

  /** A new Feishu group like the sample fixed group, under another name (made through Feishu's API). */
  const createFeishuGroup = (name: string) => createFixedFeishuGroup(emulators, feishuAdmin, name);

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body);

  function wecomWrites(): number {
    return emulators.wecom.emulator.calls().filter((call) => WECOM_WRITES.includes(call.api)).length;
  }

  function feishuWrites(): number {
    return emulators.feishu.emulator.calls().filter((call) => call.status === 200 && FEISHU_WRITES.test(call.endpoint))
      .length;
  }

  /** The WeCom rules of the sample company, there before any sync (HR's own, owned by another WeCom app). */
  let sampleRuleIds: ReadonlySet<number>;
  /** The names those rules carry: a Feishu group of one of them meets a rule the gateway did not create. */
  let takenNames: ReadonlySet<string>;
  /** A fixed group beside the sample one (总部固定班, whose name a sample WeCom rule has). */
  let fixedGroupId: string;

  /** The rules the gateway created. */
  function gatewayRules() {
    return emulators.wecom.emulator.rules().filter((rule) => !sampleRuleIds.has(rule.groupid));
  }

  function feishuGroupName(groupId: string): string {
    const group = emulators.feishu.emulator.groups().find((each) => String(each['group_id']) === groupId);
    return String(group?.['group_name']);
  }

  // Each test starts from emulators and a gateway of its own, and makes the runs it builds on through the same
  // public calls (the helpers below): no test depends on another having run (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    harness = await createTestApp({
      ...emulatorGatewayEnv(emulators),
    });
    server = harness.app.getHttpServer();
    ({ feishuAdmin, wecomAdmin } = vendorAdmins(emulators));
    await uploadSampleMappings(server);
    const rules = emulators.wecom.emulator.rules();
    sampleRuleIds = new Set(rules.map((rule) => rule.groupid));
    takenNames = new Set(rules.map((rule) => String(rule.group['groupname'])));
    fixedGroupId = await createFeishuGroup('研发固定班');
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  /**
   * The first sync Feishu → WeCom of every group, and HR resolving its one name conflict (the sample fixed
   * group 总部固定班, whose name a foreign rule has) with "skip": what the second test proves step by step.
   */
  async function syncSampleCompanyToWecom(): Promise<void> {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(run.status).toBe('succeeded');
    const open = (await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items as { id: string }[];
    expect(open).toHaveLength(1);
    await auth(request(server).post(`/api/v1/conflicts/${open[0]!.id}/resolve`))
      .send({ resolution: 'skip' })
      .expect(202);
  }

  it('a dry run returns the exact payloads and writes nothing', async () => {
    const before = wecomWrites();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
    expect(run.status).toBe('succeeded');
    expect(run.items).toHaveLength(emulators.feishu.emulator.groups().length);
    for (const entry of run.items) {
      if (takenNames.has(feishuGroupName(entry.sourceId))) {
        // A WeCom rule the gateway did not create has the group's name: the conflict a real run would open.
        expect(entry).toMatchObject({ action: 'skipped', error: expect.stringMatching(/\(would be opened\)/) });
        continue;
      }
      expect(entry.action).toBe('created');
      expect(entry.plan?.vendor).toBe('wecom');
      const [add] = entry.plan!.requests;
      expect(add?.api).toBe('add_checkin_option');
      // The plan is what would be sent: WeCom's own validation accepts it.
      expect(
        validateCheckinOption((add!.body as { group: unknown }).group, {
          mode: 'add',
          nowUnixSeconds: Math.floor(Date.now() / 1000),
        }),
      ).toBeNull();
    }
    expect(wecomWrites()).toBe(before);
    const links = await auth(request(server).get('/api/v1/links')).expect(200);
    expect(links.body.items).toEqual([]);
  });

  it("syncs the sample company Feishu → WeCom under the groups' own names; a name a foreign rule has is a conflict", async () => {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    const conflicted = run.items.filter((entry) => takenNames.has(feishuGroupName(entry.sourceId)));
    const created = run.items.filter((entry) => !conflicted.includes(entry));
    expect(conflicted).toHaveLength(1);
    expect(created.map((entry) => [entry.action, entry.error ?? null])).toEqual(created.map(() => ['created', null]));
    expect(conflicted[0]).toMatchObject({
      action: 'skipped',
      targetId: null,
      error: expect.stringMatching(/"总部固定班".*did not create it.*"adopt"\|"overwrite"\|"skip"/),
    });
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatchObject({ created: created.length, skipped: 1, failed: 0 });
    const rules = gatewayRules();
    expect(rules).toHaveLength(created.length);
    expect(new Set(created.map((entry) => entry.targetId))).toEqual(new Set(rules.map((rule) => String(rule.groupid))));
    // Each rule carries its group's name, nothing added.
    expect(new Set(rules.map((rule) => String(rule.group['groupname'])))).toEqual(
      new Set(created.map((entry) => feishuGroupName(entry.sourceId))),
    );
    // Members arrive in WeCom ids through the mapping table.
    const members = rules.flatMap((rule) => (rule.group['range'] as { userid?: string[] }).userid ?? []);
    expect(members.every((id) => SAMPLE_PEOPLE.some((person) => person.wecomUserId === id))).toBe(true);

    // The conflict is listed with the rule it found, and HR resolves it: here by leaving the group unsynced.
    const sampleRule = emulators.wecom.emulator.rules().find((rule) => rule.group['groupname'] === '总部固定班')!;
    const open = (await auth(request(server).get('/api/v1/conflicts')).expect(200)).body.items;
    expect(open).toEqual([
      expect.objectContaining({
        kind: 'name_taken',
        feishuGroupId: conflicted[0]!.sourceId,
        wecomRuleId: null,
        found: { vendor: 'wecom', id: String(sampleRule.groupid), name: '总部固定班' },
        resolution: null,
      }),
    ]);
    const resolved = await auth(request(server).post(`/api/v1/conflicts/${open[0].id}/resolve`))
      .send({ resolution: 'skip' })
      .expect(202);
    expect(resolved.body).toEqual({ runId: null, conflictId: open[0].id });

    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      feishuGroupId: string;
      status: string;
    }[];
    expect(links).toHaveLength(run.items.length);
    expect(links.map((link) => [link.feishuGroupId, link.status]).sort()).toEqual(
      run.items.map((entry) => [entry.sourceId, entry === conflicted[0] ? 'unlinked' : 'active']).sort(),
    );
  });

  it('a second identical run makes zero vendor writes', async () => {
    await syncSampleCompanyToWecom();
    const before = { wecom: wecomWrites(), feishu: feishuWrites() };
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    // The group whose conflict was resolved with "skip" stays unsynced.
    expect(run.items.map((entry) => [entry.sourceId, entry.action])).toEqual(
      run.items.map((entry) => [
        entry.sourceId,
        takenNames.has(feishuGroupName(entry.sourceId)) ? 'skipped' : 'unchanged',
      ]),
    );
    expect({ wecom: wecomWrites(), feishu: feishuWrites() }).toEqual(before);
  });

  it('changing one shift produces exactly one update', async () => {
    await syncSampleCompanyToWecom();
    const groups = emulators.feishu.emulator.groups();
    // Its shifts are the sample fixed group's too, which stays unsynced (its name conflict was skipped).
    const fixed = groups.find((group) => String(group['group_id']) === fixedGroupId)!;
    const shiftId = (fixed['punch_day_shift_ids'] as string[]).find((id) => id !== '0')!;
    // Feishu's API cannot edit a shift; its admin console can, and the emulator's editShift stands in for it.
    emulators.feishu.emulator.editShift(shiftId, (body) => {
      const rules = body['punch_time_rule'] as Record<string, unknown>[];
      rules[0]!['late_minutes_as_late'] = 10;
    });
    const before = emulators.wecom.emulator.calls('update_checkin_option').length;
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    const updated = run.items.filter((entry) => entry.action === 'updated');
    expect(updated.map((entry) => entry.sourceId)).toEqual([String(fixed['group_id'])]);
    expect(emulators.wecom.emulator.calls('update_checkin_option').length).toBe(before + 1);
    expect(run.items.filter((entry) => entry.action === 'unchanged')).toHaveLength(run.items.length - 2);
  });

  it('overwrites a rule changed in WeCom (drift) and says so', async () => {
    await syncSampleCompanyToWecom();
    const [rule] = gatewayRules();
    await wecomAdmin.updateCheckinOption({ group: { groupid: rule!.groupid, need_photo: !rule!.group['need_photo'] } });
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    const drifted = run.items.find((entry) => entry.targetId === String(rule!.groupid))!;
    expect(drifted.action).toBe('updated');
    expect(drifted.notes.map((note) => note.message).join(' ')).toMatch(/changed outside the gateway/);
    expect(drifted.notes.map((note) => note.code)).toContain('target_drift_overwritten');
    expect(drifted.losses.map((loss) => loss.message).join(' ')).not.toMatch(/changed outside the gateway/);
  });

  it('a create whose answer is lost is adopted by the next run: exactly one rule', async () => {
    const group = await createFeishuGroup('临时门店排班');
    emulators.wecom.emulator.faults.configure([
      { endpoint: 'POST /cgi-bin/checkin/add_checkin_option', kind: 'response_lost', probability: 1, maxCount: 1 },
    ]);
    const first = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [group] });
    expect(first.items[0]?.action).toBe('failed');
    const named = () => gatewayRules().filter((rule) => String(rule.group['groupname']).startsWith('临时门店排班'));
    expect(named()).toHaveLength(1);
    emulators.wecom.emulator.faults.clear();
    const second = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [group] });
    expect(second.items[0]?.action).toMatch(/^(unchanged|updated)$/);
    expect(named()).toHaveLength(1);
    expect(second.items[0]?.targetId).toBe(String(named()[0]!.groupid));
  });

  it('syncs WeCom → Feishu and back: new rules become groups, linked ones round-trip, a second run writes nothing', async () => {
    await syncSampleCompanyToWecom();
    const feishuNames = new Set(emulators.feishu.emulator.groups().map((group) => String(group['group_name'])));
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      wecomRuleId: string;
    }[];
    const linked = new Set(links.map((link) => link.wecomRuleId));
    const rules = emulators.wecom.emulator.rules();
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'rules' });
    const expected = rules.map((rule) => {
      const id = String(rule.groupid);
      // A WeCom-born rule whose name a Feishu group already has (the merger case) is a name conflict, not adopted.
      // A rule made from a Feishu group comes back as that group, rewritten where WeCom holds it differently.
      if (linked.has(id)) return [id, 'updated|unchanged'];
      return [id, feishuNames.has(String(rule.group['groupname'])) ? 'skipped' : 'created'];
    });
    expect(run.items.map((entry) => [entry.sourceId, entry.action])).toEqual(
      expected.map(([id, action]): [string, unknown] => [id!, expect.stringMatching(new RegExp(`^(${action})$`))]),
    );
    expect(run.items.filter((entry) => entry.error && entry.action !== 'skipped')).toEqual([]);
    expect(
      run.items
        .filter((entry) => entry.action === 'skipped')
        .every((entry) => /already exists and this gateway did not create it/.test(entry.error!)),
    ).toBe(true);
    expect(run.items.filter((entry) => entry.action === 'created').length).toBeGreaterThan(0);

    const before = feishuWrites();
    const again = await sync({ direction: 'wecom_to_feishu', scope: 'rules' });
    expect(again.items.map((entry) => entry.action)).toEqual(
      expected.map(([, action]) => (action === 'skipped' ? 'skipped' : 'unchanged')),
    );
    expect(feishuWrites()).toBe(before);
  });

  it("reports a rule owned by another WeCom app as failed with WeCom's reason, and remembers it on the link", async () => {
    // Groups made from the sample rules, which another WeCom app owns, by a sync WeCom → Feishu.
    await syncSampleCompanyToWecom();
    const fromWecom = await sync({ direction: 'wecom_to_feishu', scope: 'rules' });
    expect(fromWecom.items.filter((entry) => entry.action === 'created').length).toBeGreaterThan(0);
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      feishuGroupId: string;
      wecomRuleId: string;
      status: string;
      lastError: string | null;
    }[];
    // A group that run created from a sample rule.
    const foreign = links.find(
      (link) => link.feishuGroupId !== null && link.status === 'active' && sampleRuleIds.has(Number(link.wecomRuleId)),
    )!;
    const group = await feishuAdmin.getGroup(foreign.feishuGroupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), allow_out_punch: !group.allow_out_punch });
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [foreign.feishuGroupId] });
    expect(run.status).toBe('failed');
    expect(run.items[0]).toMatchObject({
      action: 'failed',
      targetId: foreign.wecomRuleId,
      error: expect.stringMatching(/foreign_owned_rule.*301002/),
    });
    expect(run.items[0]!.error).toMatch(/foreign_owned_rule.*301002/);
    const after = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as typeof links;
    expect(after.find((link) => link.feishuGroupId === foreign.feishuGroupId)).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/301002/),
      lastErrorKind: 'foreign_owned_rule',
    });

    // Reported, not retried: a run over every group skips it without a write (and is not `partial` for it) …
    const writesToForeignRule = () =>
      emulators.wecom.emulator
        .calls('update_checkin_option')
        .filter(
          (call) => String((call.body['group'] as { groupid?: unknown } | undefined)?.groupid) === foreign.wecomRuleId,
        ).length;
    const updatesBefore = writesToForeignRule();
    expect(updatesBefore).toBeGreaterThan(0);
    const unscoped = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(unscoped.items.find((entry) => entry.sourceId === foreign.feishuGroupId)).toMatchObject({
      action: 'skipped',
      targetId: foreign.wecomRuleId,
      error: expect.stringMatching(/belongs to another WeCom app.*did not try again.*groupIds/),
    });
    expect(writesToForeignRule()).toBe(updatesBefore);
    expect(unscoped.items.filter((entry) => entry.action === 'failed')).toEqual([]);
    // … and naming the group asks for one more try, which WeCom refuses again.
    const again = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [foreign.feishuGroupId] });
    expect(again.items[0]).toMatchObject({ action: 'failed', error: expect.stringMatching(/foreign_owned_rule/) });
  });

  it("records each link under the Feishu group's own name, not the WeCom rule's", async () => {
    await syncSampleCompanyToWecom();
    const links = (await auth(request(server).get('/api/v1/links')).expect(200)).body.items as {
      feishuGroupId: string;
      feishuGroupName: string | null;
      wecomRuleName: string | null;
    }[];
    const names = new Map(
      emulators.feishu.emulator.groups().map((group) => [String(group['group_id']), String(group['group_name'])]),
    );
    const gatewayRuleIds = new Set(gatewayRules().map((rule) => String(rule.groupid)));
    const fromFeishu = links.filter((link) =>
      gatewayRuleIds.has(String((link as { wecomRuleId?: string }).wecomRuleId)),
    );
    expect(fromFeishu.length).toBeGreaterThan(0);
    for (const link of fromFeishu) expect(link.feishuGroupName).toBe(names.get(link.feishuGroupId));
  });

  it('reports a same-named rule it did not create instead of adopting it', async () => {
    const group = await createFeishuGroup('外包固定班');
    const run1 = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [group], dryRun: true });
    const plannedName = (run1.items[0]!.plan!.requests[0]!.body as { group: { groupname: string } }).group.groupname;
    emulators.wecom.emulator.seedForeignRule({
      ...(run1.items[0]!.plan!.requests[0]!.body as { group: Record<string, unknown> }).group,
      groupname: plannedName,
    });
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [group] });
    expect(run.items[0]).toMatchObject({ action: 'skipped' });
    expect(run.items[0]!.error).toMatch(/already exists and this gateway did not create it/);
    // Not duplicated either: the foreign rule is the only one of the name.
    expect(emulators.wecom.emulator.rules().filter((rule) => rule.group['groupname'] === plannedName)).toHaveLength(1);
  });

  describe('bad input: 400 naming the field, nothing queued', () => {
    async function runCount(): Promise<number> {
      const response = await auth(request(server).get('/api/v1/runs?limit=1')).expect(200);
      return response.body.total as number;
    }

    it.each([
      [{ direction: 'sideways', scope: 'rules' }, /direction must be one of/],
      [{ direction: 'feishu_to_wecom', scope: 'everything' }, /scope must be one of/],
      [{ direction: 'feishu_to_wecom', scope: 'rules', groupIds: 'abc' }, /groupIds must be an array/],
      [{ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [1] }, /each of groupIds must be a non-empty string/],
      [{ direction: 'feishu_to_wecom', scope: 'rules', dryRun: 'yes' }, /dryRun must be true or false/],
      [{ direction: 'feishu_to_wecom', scope: 'punches', from: '2026-02-30' }, /from must be a calendar date/],
      [
        { direction: 'feishu_to_wecom', scope: 'punches', from: '2026-03-02', to: '2026-03-01' },
        /to must not be before from/,
      ],
      [{ direction: 'feishu_to_wecom', scope: 'rules', extra: 1 }, /property extra should not exist/],
      [{ direction: 'feishu_to_wecom', scope: 'rules', groupIds: ['123456789'] }, /groupIds\[0\] "123456789"/],
      [
        { direction: 'wecom_to_feishu', scope: 'rules', groupIds: ['999999'] },
        /no WeCom checkin rule has the id of groupIds\[0\]/,
      ],
    ])('%j', async (body, message) => {
      const before = await runCount();
      const response = await auth(request(server).post('/api/v1/sync').send(body)).expect(400);
      expect(response.body.message).toMatch(message);
      expect(await runCount()).toBe(before);
    });

    it('an unknown run is a 404, a malformed page a 400', async () => {
      await auth(request(server).get('/api/v1/runs/00000000-0000-4000-8000-000000000000')).expect(404);
      await auth(request(server).get('/api/v1/runs/not-a-uuid')).expect(404);
      const response = await auth(request(server).get('/api/v1/runs?limit=0')).expect(400);
      expect(response.body.message).toMatch(/limit must be at least 1/);
    });

    it('requires the bearer token', async () => {
      await request(server).post('/api/v1/sync').send({ direction: 'feishu_to_wecom', scope: 'rules' }).expect(401);
      await request(server).get('/api/v1/runs').expect(401);
      await request(server).get('/api/v1/links').expect(401);
    });
  });

  it('lists runs newest first with their summaries', async () => {
    for (let count = 0; count < 3; count++) await sync({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
    const response = await auth(request(server).get('/api/v1/runs?limit=2&offset=0')).expect(200);
    expect(response.body.items).toHaveLength(2);
    expect(response.body.total).toBeGreaterThan(2);
    const [newer, older] = response.body.items as { queuedAt: string; summary: object }[];
    expect(newer!.queuedAt >= older!.queuedAt).toBe(true);
    expect(newer!.summary).toEqual(expect.objectContaining({ created: expect.any(Number) }));
  });
});
