import request from 'supertest';
import type { App } from 'supertest/types.js';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { type FeishuClient, groupForUpdate } from '@app/feishu';
import { type WecomClient } from '@app/wecom';
import {
  createFixedFeishuGroup,
  emulatorGatewayEnv,
  syncAndWait,
  uploadSampleMappings,
  vendorAdmins,
  wecomRuleNames,
} from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// Rule fidelity end to end (#17): what the vendors hold after a sync, not only what the mapper returns —
// effective_now / effect_now, the overtime settings a WeCom admin made surviving an update, and the WeCom
// no-punch list (white_users) that cannot be emptied converging instead of being re-sent on every run.

const WECOM_WRITES = ['add_checkin_option', 'update_checkin_option', 'clear_checkin_option_array_field'];
const FEISHU_WRITES = /^(POST \/open-apis\/attendance\/v1\/(groups|shifts)|DELETE .*)$/;

interface RunBody {
  status: string;
  items: {
    sourceId: string;
    targetId: string | null;
    action: string;
    losses: { field: string; severity: string; message: string }[];
    error?: string;
  }[];
}

describe('rule fidelity (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let feishuAdmin: FeishuClient;
  let wecomAdmin: WecomClient;

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body);
  const wecomWrites = () => emulators.wecom.emulator.calls().filter((call) => WECOM_WRITES.includes(call.api));
  const feishuWrites = () =>
    emulators.feishu.emulator.calls().filter((call) => call.status === 200 && FEISHU_WRITES.test(call.endpoint)).length;

  /** A fixed group like the sample one, whose name no WeCom rule has (the sample one's is a name conflict). */
  let fixedId: string;
  /** The sample WeCom rules' names: a Feishu group of one of them is a name conflict, not a created rule. */
  let takenNames: ReadonlySet<string>;

  function fixedGroupId(): string {
    return fixedId;
  }

  function groupName(groupId: string): string {
    return String(
      emulators.feishu.emulator.groups().find((group) => String(group['group_id']) === groupId)?.['group_name'],
    );
  }

  function ruleOf(groupId: number) {
    return emulators.wecom.emulator.rules().find((rule) => rule.groupid === groupId)!;
  }

  // Each test starts from emulators and a gateway of its own, and links the fixed group itself when it builds
  // on that (linkFixedGroup): no test depends on another having run (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    harness = await createTestApp({ ...emulatorGatewayEnv(emulators) });
    server = harness.app.getHttpServer();
    ({ feishuAdmin, wecomAdmin } = vendorAdmins(emulators));
    await uploadSampleMappings(server);
    takenNames = wecomRuleNames(emulators);
    fixedId = await createFixedFeishuGroup(emulators, feishuAdmin, '研发固定班');
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  /** The first sync Feishu → WeCom of the fixed group, which creates its rule and links the two. */
  async function linkFixedGroup(): Promise<void> {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [fixedGroupId()] });
    expect(run.items.map((entry) => [entry.action, entry.error ?? null])).toEqual([['created', null]]);
  }

  it('effectiveNow is for rules only: a 400 naming it on another scope, nothing queued', async () => {
    const response = await request(server)
      .post('/api/v1/sync')
      .set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .send({ direction: 'feishu_to_wecom', scope: 'punches', effectiveNow: true })
      .expect(400);
    expect(response.body).toMatchObject({ message: 'effectiveNow applies to scope "rules" only' });
    const runs = await request(server).get('/api/v1/runs').set('Authorization', `Bearer ${TEST_API_TOKEN}`).expect(200);
    expect(runs.body.items).toEqual([]);
  });

  it('effectiveNow: true sends effective_now on every WeCom rule write of the run; without it none is sent', async () => {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', effectiveNow: true });
    // Every group is created, but the one whose name a WeCom rule the gateway did not create has (a conflict).
    expect(run.items.map((entry) => [entry.sourceId, entry.action])).toEqual(
      run.items.map((entry) => [entry.sourceId, takenNames.has(groupName(entry.sourceId)) ? 'skipped' : 'created']),
    );
    expect(run.items.filter((entry) => entry.action === 'created' && entry.error)).toEqual([]);
    const adds = wecomWrites();
    expect(adds.length).toBe(run.items.filter((entry) => entry.action === 'created').length);
    expect(adds.map((call) => (call.body as { effective_now?: unknown }).effective_now)).toEqual(adds.map(() => true));
    // The run records the option it ran with.
    const runs = await request(server).get('/api/v1/runs').set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(runs.body.items[0].params).toEqual({ effectiveNow: true });

    const groupId = fixedGroupId();
    const group = await feishuAdmin.getGroup(groupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), group_name: `${group.group_name}·改` });
    const before = wecomWrites().length;
    const renamed = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(renamed.items.map((entry) => entry.action)).toEqual(['updated']);
    const updates = wecomWrites().slice(before);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((call) => !('effective_now' in (call.body as object)))).toBe(true);
  });

  it('an update keeps the overtime settings a WeCom admin made; only what Feishu determines is written', async () => {
    await linkFixedGroup();
    const groupId = fixedGroupId();
    const [link] = (
      await request(server).get('/api/v1/links').set('Authorization', `Bearer ${TEST_API_TOKEN}`).expect(200)
    ).body.items.filter((candidate: { feishuGroupId: string }) => candidate.feishuGroupId === groupId);
    const ruleId = Number(link.wecomRuleId);
    const adminOvertime = {
      workdayconf: {
        allow_ot: false,
        type: 1,
        checkin: { ot_time_start: 3600, ot_time_min: 1800, ot_time_max: 14400 },
        ot_trans_enable: true,
        ot_trans_type: 2,
      },
      restdayconf: { allow_ot: true, type: 0, vacation: { trans_ratio: 150, sync_vacation: true } },
      holidayconf: { allow_ot: true, type: 2 },
    };
    await wecomAdmin.updateCheckinOption({ group: { groupid: ruleId, ot_info_v2: adminOvertime } });

    const group = await feishuAdmin.getGroup(groupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), group_name: `${group.group_name}²` });
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(run.items.map((entry) => [entry.action, entry.error ?? null])).toEqual([['updated', null]]);
    // The sample group's shifts carry no overtime periods, so Feishu determines no kind of day: WeCom keeps all.
    expect(ruleOf(ruleId).group['ot_info_v2']).toEqual(adminOvertime);
  });

  it('no-punch members Feishu removed but WeCom cannot: reported, and the next run writes nothing', async () => {
    await linkFixedGroup();
    const groupId = fixedGroupId();
    const exempt = SAMPLE_PEOPLE.find((person) => person.feishuUserId !== SAMPLE_PEOPLE[0]!.feishuUserId)!;
    const group = await feishuAdmin.getGroup(groupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(group), bind_default_user_ids: [exempt.feishuUserId] });
    const added = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(added.items.map((entry) => entry.action)).toEqual(['updated']);
    const ruleId = Number(added.items[0]!.targetId);
    expect(ruleOf(ruleId).group['white_users']).toEqual([exempt.wecomUserId]);

    const withMember = await feishuAdmin.getGroup(groupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(withMember), bind_default_user_ids: [] });
    const emptied = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(emptied.items.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(emptied.items[0]!.losses).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'members.excludedUserIds', severity: 'dropped' })]),
    );
    expect(ruleOf(ruleId).group['white_users']).toEqual([exempt.wecomUserId]);

    const before = wecomWrites().length;
    const again = await sync({ direction: 'feishu_to_wecom', scope: 'rules', groupIds: [groupId] });
    expect(again.items.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(wecomWrites().length).toBe(before);
  });

  it('WeCom → Feishu: effect_now on the group written, and a second sync of an unchanged rule writes nothing', async () => {
    const example = emulators.wecom.emulator.rules().find((rule) => rule.group['grouptype'] === 1)!;
    const { groupname: _name, ...fields } = example.group;
    const ruleId = emulators.wecom.emulator.seedForeignRule({ ...fields, groupname: '门店早班(企业微信)' });
    const startedAt = Math.floor(Date.now() / 1000);
    const created = await sync({
      direction: 'wecom_to_feishu',
      scope: 'rules',
      groupIds: [String(ruleId)],
      effectiveNow: true,
    });
    expect(created.items.map((entry) => [entry.action, entry.error ?? null])).toEqual([['created', null]]);
    const group = await feishuAdmin.getGroup(created.items[0]!.targetId!);
    // effect_now: the emulator dates the rule from now, not from the next local midnight.
    expect(Number(group.effect_time)).toBeGreaterThanOrEqual(startedAt);
    expect(Number(group.effect_time)).toBeLessThan(startedAt + 120);

    const before = feishuWrites();
    const again = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [String(ruleId)] });
    expect(again.items.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(feishuWrites()).toBe(before);
  });
});
