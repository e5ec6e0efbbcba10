import request from 'supertest';
import type { App } from 'supertest/types.js';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { SAMPLE_GROUP_NAMES } from '../../apps/emulators/src/feishu/feishu-sample-company.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import type { FeishuClient } from '@app/feishu';
import { SAMPLE_DEPARTMENTS } from '../../apps/emulators/src/sample-company/people.js';
import { groupForUpdate } from '@app/feishu';
import { createFixedFeishuGroup, emulatorGatewayEnv, syncAndWait, vendorAdmins } from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// The REST routes the HR console reads, end to end: supertest against the real app, the app against both
// emulators over HTTP. The vendors' groups (searchable, one with its record), the mapping search, and the
// people and departments runs could not carry for want of a mapping.

interface Group {
  id: string;
  name: string;
}

interface Unmapped {
  kind: 'user' | 'department';
  vendor: 'feishu' | 'wecom';
  id: string;
  groups: { vendor: 'feishu' | 'wecom'; id: string; runId: string }[];
  lastSeenAt: string;
}

interface RunBody {
  id: string;
  status: string;
  items: { sourceId: string; action: string; losses: { field: string; severity: string; message: string }[] }[];
}

const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);

describe('console API (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let feishuAdmin: FeishuClient;

  const get = (path: string) => auth(request(server).get(path));
  const put = (kind: 'users' | 'departments', rows: object[]) =>
    auth(request(server).put(`/api/v1/mappings/${kind}`))
      .send(rows)
      .expect(200);

  // Each test starts from emulators and a gateway of its own: the groups one test makes, the mappings it puts
  // and the people its runs leave unmapped never reach another (issue #22).
  beforeEach(async () => {
    emulators = await startEmulators();
    harness = await createTestApp(emulatorGatewayEnv(emulators));
    server = harness.app.getHttpServer();
    ({ feishuAdmin } = vendorAdmins(emulators));
  }, 60_000);

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  describe('GET /api/v1/vendors/{vendor}/groups', () => {
    it('lists the Feishu attendance groups as the emulator holds them, sorted by name then id, with X-Total-Count', async () => {
      const response = await get('/api/v1/vendors/feishu/groups').expect(200);
      const expected = emulators.feishu.emulator
        .groups()
        .map((group) => ({ id: String(group['group_id']), name: String(group['group_name']) }))
        .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
      expect(response.body).toEqual(expected);
      expect(response.body.length).toBeGreaterThanOrEqual(3);
      expect(response.headers['x-total-count']).toBe(String(expected.length));
    });

    it('lists the WeCom checkin rules with groupid as a string', async () => {
      const response = await get('/api/v1/vendors/wecom/groups').expect(200);
      const expected = emulators.wecom.emulator
        .rules()
        .map((rule) => ({ id: String(rule.groupid), name: String(rule.group['groupname']) }));
      expect(response.body).toHaveLength(expected.length);
      expect(response.body).toEqual(expect.arrayContaining(expected));
      for (const group of response.body as Group[]) expect(typeof group.id).toBe('string');
      expect(response.headers['x-total-count']).toBe(String(expected.length));
    });

    it('q keeps names containing it (any case, trimmed) or the id equal to it; the total counts what it kept', async () => {
      const byName = await get(`/api/v1/vendors/feishu/groups?q=${encodeURIComponent(' 排班 ')}`).expect(200);
      expect(byName.body.map((group: Group) => group.name)).toEqual([SAMPLE_GROUP_NAMES.shiftBased]);
      expect(byName.headers['x-total-count']).toBe('1');

      const mixed = await createFixedFeishuGroup(emulators, feishuAdmin, 'Console Search Group');
      const anyCase = await get('/api/v1/vendors/feishu/groups?q=console%20SEARCH').expect(200);
      expect(anyCase.body).toEqual([{ id: mixed, name: 'Console Search Group' }]);

      const byId = await get(`/api/v1/vendors/feishu/groups?q=${mixed}`).expect(200);
      expect(byId.body).toEqual([{ id: mixed, name: 'Console Search Group' }]);
      // Only an equal id matches: a part of one is not a search by id.
      await get(`/api/v1/vendors/feishu/groups?q=${mixed.slice(0, -1)}`)
        .expect(200)
        .expect('x-total-count', '0');

      const none = await get('/api/v1/vendors/wecom/groups?q=no-such-rule-anywhere').expect(200);
      expect(none.body).toEqual([]);
      expect(none.headers['x-total-count']).toBe('0');
    });

    it('limit and offset page the sorted list; X-Total-Count stays the whole count', async () => {
      const all = (await get('/api/v1/vendors/feishu/groups').expect(200)).body as Group[];
      const page = await get('/api/v1/vendors/feishu/groups?limit=2&offset=1').expect(200);
      expect(page.body).toEqual(all.slice(1, 3));
      expect(page.headers['x-total-count']).toBe(String(all.length));
    });

    it.each([
      ['/api/v1/vendors/dingtalk/groups', /^vendor must be one of: feishu, wecom$/],
      ['/api/v1/vendors/FEISHU/groups', /^vendor must be one of: feishu, wecom$/],
      ['/api/v1/vendors/feishu/groups?limit=0', /^limit must be an integer from 1 to 10000$/],
      ['/api/v1/vendors/feishu/groups?limit=abc', /^limit must be an integer from 1 to 10000$/],
      ['/api/v1/vendors/wecom/groups?offset=-1', /^offset must be an integer ≥ 0$/],
      [`/api/v1/vendors/feishu/groups?q=${'x'.repeat(101)}`, /^q must be one text of at most 100 characters$/],
      ['/api/v1/vendors/feishu/groups?q=a&q=b', /^q must be one text of at most 100 characters$/],
      ['/api/v1/vendors/feishu/groups?query=a', /query should not exist/],
    ])('GET %s answers 400 naming the parameter', async (path, message) => {
      const response = await get(path).expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(message),
      });
    });

    it('a blank q is no filter', async () => {
      const all = await get('/api/v1/vendors/feishu/groups').expect(200);
      const blank = await get('/api/v1/vendors/feishu/groups?q=%20').expect(200);
      expect(blank.body).toEqual(all.body);
      expect(blank.headers['x-total-count']).toBe(all.headers['x-total-count']);
    });

    it('q of exactly 100 characters is fine', async () => {
      await get(`/api/v1/vendors/wecom/groups?q=${'x'.repeat(100)}`).expect(200);
    });
  });

  describe('GET /api/v1/vendors/{vendor}/groups/{id}', () => {
    it('answers a Feishu group with the group read as the client returned it', async () => {
      const sample = emulators.feishu.emulator
        .groups()
        .find((group) => group['group_name'] === SAMPLE_GROUP_NAMES.fixed)!;
      const id = String(sample['group_id']);
      const response = await get(`/api/v1/vendors/feishu/groups/${id}`).expect(200);
      expect(response.body).toMatchObject({ id, name: SAMPLE_GROUP_NAMES.fixed });
      expect(response.body.record).toEqual(await feishuAdmin.getGroup(id));
    });

    it('answers a WeCom rule with the rule as the rule list holds it', async () => {
      const rule = emulators.wecom.emulator.rules()[0]!;
      const response = await get(`/api/v1/vendors/wecom/groups/${rule.groupid}`).expect(200);
      expect(response.body).toMatchObject({ id: String(rule.groupid), name: rule.group['groupname'] });
      expect(response.body.record).toMatchObject({ groupid: rule.groupid, groupname: rule.group['groupname'] });
      expect(response.body.record.checkindate).toEqual(expect.any(Array));
    });

    it.each([
      ['/api/v1/vendors/feishu/groups/6919358128597097404', 'Feishu attendance group 6919358128597097404 not found'],
      ['/api/v1/vendors/feishu/groups/not-a-group', 'Feishu attendance group not-a-group not found'],
      ['/api/v1/vendors/wecom/groups/999999', 'WeCom checkin rule 999999 not found'],
    ])('GET %s answers 404 with the error body', async (path, message) => {
      const response = await get(path).expect(404);
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message });
    });

    it('a WeCom rule that cannot be read is left out of the list, and its read says why', async () => {
      const before = (await get('/api/v1/vendors/wecom/groups').expect(200)).body as Group[];
      const odd = emulators.wecom.emulator.seedForeignRule({
        groupname: 'Console Odd Rule',
        grouptype: 1,
        checkindate: 'x',
      });
      const after = await get('/api/v1/vendors/wecom/groups').expect(200);
      expect(after.body).toEqual(before);
      expect(after.headers['x-total-count']).toBe(String(before.length));
      const read = await get(`/api/v1/vendors/wecom/groups/${odd}`).expect(503);
      expect(read.body.message).toMatch(new RegExp(`^WeCom checkin rule ${odd} could not be read: .*checkindate`));
    });

    it('a bad vendor is a 400 naming it', async () => {
      const response = await get('/api/v1/vendors/slack/groups/1').expect(400);
      expect(response.body.message).toBe('vendor must be one of: feishu, wecom');
    });
  });

  // The sample mappings without 张伟 (e1001 ⇄ zhangwei): the unmapped scenarios need him unmapped.
  const mapped = SAMPLE_PEOPLE.filter((person) => person.feishuUserId !== 'e1001').map(
    ({ feishuUserId, wecomUserId }) => ({ feishuUserId, wecomUserId }),
  );

  async function putSampleMappingsButZhangWei(): Promise<void> {
    await put('users', mapped);
    await put(
      'departments',
      Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
        feishuDepartmentId,
        wecomPartyId,
      })),
    );
  }

  describe('GET /api/v1/mappings/{users,departments}?q=', () => {
    beforeEach(putSampleMappingsButZhangWei);

    it('keeps the rows whose Feishu or WeCom id contains q, in any case; X-Total-Count counts them', async () => {
      const response = await get('/api/v1/mappings/users?q=E100').expect(200);
      expect(response.body).toEqual(mapped.filter((row) => row.feishuUserId.startsWith('e100')));
      expect(response.headers['x-total-count']).toBe('3');
      const byWecom = await get('/api/v1/mappings/users?q=%20FANG%20&limit=1').expect(200);
      expect(byWecom.body).toEqual([{ feishuUserId: 'e1002', wecomUserId: 'wangfang' }]);
      expect(byWecom.headers['x-total-count']).toBe(
        String(mapped.filter((row) => row.wecomUserId.includes('fang')).length),
      );
      const parties = await get('/api/v1/mappings/departments?q=3').expect(200);
      expect(parties.body.map((row: { wecomPartyId: string }) => row.wecomPartyId)).toContain('3');
      expect(Number(parties.headers['x-total-count'])).toBe(parties.body.length);
      const all = await get('/api/v1/mappings/users').expect(200);
      expect(all.headers['x-total-count']).toBe(String(mapped.length));
      // A blank q is no filter.
      for (const blank of ['', '%20%20']) {
        const unfiltered = await get(`/api/v1/mappings/users?q=${blank}`).expect(200);
        expect(unfiltered.body).toEqual(all.body);
        expect(unfiltered.headers['x-total-count']).toBe(String(mapped.length));
      }
    });

    it.each(['users', 'departments'])('q longer than 100 characters is a 400 naming q (%s)', async (kind) => {
      const response = await get(`/api/v1/mappings/${kind}?q=${'y'.repeat(101)}`).expect(400);
      expect(response.body.message).toBe('q must be one text of at most 100 characters');
    });
  });

  describe('GET /api/v1/mappings/unmapped', () => {
    beforeEach(putSampleMappingsButZhangWei);

    /** A dry rules run of a new Feishu group naming 张伟 (e1001) himself, whose mapping is not uploaded. */
    async function rulesRunLeavingZhangWeiOut(): Promise<{ groupId: string; run: RunBody }> {
      const model = emulators.feishu.emulator.groups().find((group) => group['group_type'] === 0)!;
      const template = await feishuAdmin.getGroup(String(model['group_id']));
      const { group_id: _id, ...body } = groupForUpdate(template);
      const locations = (template.locations ?? []).map(({ location_id: _location, ...location }) => location);
      const groupId = (
        await feishuAdmin.createOrUpdateGroup({
          ...body,
          group_name: 'Console Unmapped Group',
          bind_user_ids: ['e1001'],
          locations,
        })
      ).group_id;
      const run = await syncAndWait<RunBody>(server, {
        direction: 'feishu_to_wecom',
        scope: 'rules',
        groupIds: [groupId],
        dryRun: true,
      });
      return { groupId, run };
    }

    /** A dry punch run of zhangwei, who has no mapping. */
    async function punchRunSkippingZhangWei(): Promise<RunBody> {
      return syncAndWait<RunBody>(server, {
        direction: 'wecom_to_feishu',
        scope: 'punches',
        userIds: ['zhangwei'],
        dryRun: true,
      });
    }

    it('is empty before any run', async () => {
      expect((await get('/api/v1/mappings/unmapped').expect(200)).body).toEqual([]);
    });

    it('lists a member a rules run left out for want of a mapping, with the group and the run', async () => {
      const { groupId, run } = await rulesRunLeavingZhangWeiOut();
      const rulesRunId = run.id;
      const item = run.items.find((entry) => entry.sourceId === groupId)!;
      expect(item.losses).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'members.userIds',
            severity: 'dropped',
            message: expect.stringContaining('e1001'),
          }),
        ]),
      );
      // The REST loss shape is unchanged: the ids stay in the store.
      for (const loss of item.losses) expect(Object.keys(loss).sort()).toEqual(['field', 'message', 'severity']);

      const unmapped = (await get('/api/v1/mappings/unmapped').expect(200)).body as Unmapped[];
      expect(unmapped).toEqual([
        {
          kind: 'user',
          vendor: 'feishu',
          id: 'e1001',
          groups: [{ vendor: 'feishu', id: groupId, runId: rulesRunId }],
          lastSeenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
      ]);
    });

    it('lists a person a punch run skipped for want of a mapping, newest first; limit caps the list', async () => {
      // First the rules run that leaves e1001 out, so that the list has an older entry.
      const { groupId, run: rulesRun } = await rulesRunLeavingZhangWeiOut();
      const rulesRunId = rulesRun.id;
      const run = await punchRunSkippingZhangWei();
      expect(run.items).toEqual([
        expect.objectContaining({
          sourceId: 'zhangwei',
          action: 'skipped',
          error: expect.stringContaining('no mapped'),
        }),
      ]);
      const unmapped = (await get('/api/v1/mappings/unmapped').expect(200)).body as Unmapped[];
      expect(unmapped.map(({ kind, vendor, id, groups }) => ({ kind, vendor, id, groups }))).toEqual([
        { kind: 'user', vendor: 'wecom', id: 'zhangwei', groups: [] },
        { kind: 'user', vendor: 'feishu', id: 'e1001', groups: [{ vendor: 'feishu', id: groupId, runId: rulesRunId }] },
      ]);
      expect((await get('/api/v1/mappings/unmapped?limit=1').expect(200)).body).toHaveLength(1);
    });

    it('forgets an id once it is mapped', async () => {
      await rulesRunLeavingZhangWeiOut();
      await punchRunSkippingZhangWei();
      const listed = (await get('/api/v1/mappings/unmapped').expect(200)).body as Unmapped[];
      expect(listed.map(({ vendor, id }) => [vendor, id])).toEqual([
        ['wecom', 'zhangwei'],
        ['feishu', 'e1001'],
      ]);
      await put('users', [{ feishuUserId: 'e1001', wecomUserId: 'zhangwei' }]);
      expect((await get('/api/v1/mappings/unmapped').expect(200)).body).toEqual([]);
    });

    it.each([
      ['?limit=0', 'limit must be an integer from 1 to 1000'],
      ['?limit=1001', 'limit must be an integer from 1 to 1000'],
      ['?limit=ten', 'limit must be an integer from 1 to 1000'],
      ['?offset=1', 'property offset should not exist'],
    ])('GET /api/v1/mappings/unmapped%s is a 400 naming the parameter', async (query, message) => {
      const response = await get(`/api/v1/mappings/unmapped${query}`).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message });
    });
  });

  it.each([
    '/api/v1/vendors/feishu/groups',
    '/api/v1/vendors/wecom/groups/1',
    '/api/v1/mappings/unmapped',
    '/api/v1/mappings/users?q=e1',
  ])('GET %s answers 401 without a token', async (path) => {
    const response = await request(server).get(path).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});
