import { FeishuRostersConnector, WecomRostersConnector } from '@app/connectors';
import { type LinkDirection, VendorError } from '@app/kernel';
import type { FeishuClient, FeishuUserDailyShift } from '@app/feishu';
import type { GroupLink, MappingStore, ShiftLink } from '@app/mapping-store';
import { tableIdResolver } from '@app/translation';
import type { WecomClient, WecomSetCheckinScheduleListRequest, WecomUserSchedule } from '@app/wecom';
import { readPerUser, type RostersRunContext } from './rosters.reconciler.js';
import { ROSTERS_RECONCILER, type RosterConnectors } from './rosters.scope.js';
import { runDirections } from '../engine/scope-registry.js';
import { UnreadableRecords } from '../engine/unreadable-records.js';
import { pairLink } from '../../../../../test/support/group-links.js';

// The roster sync's run logic against in-memory vendors: which links a scheduled (two_way) run visits in
// which direction, and fill-only behaviour on two-way links. The HTTP path is the e2e suite's.

const invalid = (message: string) => new VendorError('wecom', 'invalid_request', message, { vendorCode: 301021 });

describe('readPerUser', () => {
  it.each([
    { name: 'one call when it succeeds', bad: [], calls: [['a', 'b', 'c']], rows: ['a', 'b', 'c'], failed: [] },
    {
      name: 'person by person after a refusal naming someone, keeping the others',
      bad: ['b'],
      calls: [['a', 'b', 'c'], ['a'], ['b'], ['c']],
      rows: ['a', 'c'],
      failed: ['b'],
    },
    { name: 'a lone person refused', bad: ['a'], calls: [['a']], rows: [], failed: ['a'], users: ['a'] },
    { name: 'nobody: no call', bad: [], calls: [], rows: [], failed: [], users: [] },
  ])('$name', async ({ bad, calls, rows, failed, users }) => {
    const made: string[][] = [];
    const result = await readPerUser(users ?? ['a', 'b', 'c'], async (some) => {
      made.push(some);
      if (some.some((user) => bad.includes(user))) throw invalid(`unknown ${bad.join()}`);
      return some;
    });
    expect(made).toEqual(calls);
    expect(result.rows).toEqual(rows);
    expect([...result.failed.keys()]).toEqual(failed);
  });

  it('a failure that is not about the people (rate limit, outage) fails the read', async () => {
    const outage = new VendorError('wecom', 'transient', 'busy', { vendorCode: -1 });
    await expect(readPerUser(['a', 'b'], () => Promise.reject(outage))).rejects.toBe(outage);
  });
});

// ---- a scheduled run over three links: Feishu → WeCom, WeCom → Feishu and two-way -------------------------

const WINDOW = { from: '2026-03-01', to: '2026-03-02' };

function link(id: string, direction: GroupLink['direction']): GroupLink {
  return pairLink({
    id,
    feishuGroupId: `G${id}`,
    feishuGroupName: null,
    wecomRuleId: `${id}00`,
    wecomRuleName: null,
    direction,
    status: 'active',
    feishuHash: null,
    wecomHash: null,
    lastSyncedAt: null,
    lastError: null,
    lastErrorKind: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    writtenVendor: null,
  });
}

const LINKS = [link('1', 'feishu_to_wecom'), link('2', 'wecom_to_feishu'), link('3', 'two_way')];

function world() {
  // Feishu: group G<n> has member e<n>; WeCom: rule <n>00 has user w<n>; shift fA ⇄ schedule 11 everywhere.
  const feishuRows: FeishuUserDailyShift[] = [
    { group_id: 'G1', shift_id: 'fA', month: 202603, user_id: 'e1', day_no: 1 },
    { group_id: 'G3', shift_id: 'fA', month: 202603, user_id: 'e3', day_no: 1 },
    { group_id: 'G3', shift_id: '0', month: 202603, user_id: 'e3', day_no: 2 },
  ];
  const wecomDays = new Map<string, number>([
    ['200|w2|1', 0],
    ['300|w3|1', 0],
  ]);
  const feishuWrites: FeishuUserDailyShift[][] = [];
  const wecomWrites: WecomSetCheckinScheduleListRequest[] = [];
  const feishu = {
    getGroup: async (id: string) => ({ group_id: id, group_name: id, group_type: 2 }),
    async *listGroupUsers(id: string) {
      yield { user_id: `e${id.slice(1)}` };
    },
    queryUserDailyShifts: async (query: { userIds: readonly string[] }) =>
      feishuRows.filter((row) => query.userIds.includes(row.user_id)),
    batchCreateUserDailyShifts: async (entries: readonly FeishuUserDailyShift[]) => {
      feishuWrites.push([...entries]);
      for (const entry of entries) {
        const at = feishuRows.findIndex((row) => row.user_id === entry.user_id && row.day_no === entry.day_no);
        if (at >= 0) feishuRows.splice(at, 1);
        feishuRows.push(entry);
      }
      return { applied: entries, rejected: [], unreadMessages: [] };
    },
    getShift: async (id: string) => ({ shift_id: id, shift_name: id }),
  } as unknown as FeishuClient;
  const wecom = {
    getCorpCheckinOptions: async () =>
      LINKS.map((each) => ({
        grouptype: 2,
        groupid: Number(each.wecomRuleId),
        groupname: each.id,
        schedulelist: [
          { schedule_id: 0, schedule_name: '休息' },
          { schedule_id: 11, schedule_name: 'A' },
        ],
      })),
    getCheckinScheduleList: async (query: { useridlist: readonly string[] }): Promise<WecomUserSchedule[]> =>
      query.useridlist.map((userid) => {
        const groupid = Number(userid.slice(1)) * 100;
        const days = [...wecomDays]
          .filter(([key]) => key.startsWith(`${groupid}|${userid}|`))
          .map(([key, id]) => ({
            day: Number(key.split('|')[2]),
            schedule_info: { schedule_id: id, schedule_name: '', time_section: [] },
          }));
        return { userid, yearmonth: 202603, groupid, groupname: '', schedule: { scheduleList: days } };
      }),
    setCheckinScheduleList: async (request: WecomSetCheckinScheduleListRequest) => {
      wecomWrites.push(request);
      for (const entry of request.items)
        wecomDays.set(`${request.groupid}|${entry.userid}|${entry.day}`, entry.schedule_id);
    },
  } as unknown as WecomClient;
  const shiftLinks = (groupLinkId: string): ShiftLink[] => [
    {
      id: `s${groupLinkId}`,
      groupLinkId,
      sides: new Map([
        ['feishu', { kind: 'shift', key: 'fA', name: 'A' }],
        ['wecom', { kind: 'schedule', key: '11', name: null }],
      ]),
      contentHash: null,
    },
  ];
  const store = {
    groupLinks: {
      list: async () => LINKS,
      findById: async (id: string) => LINKS.find((each) => each.id === id) ?? null,
    },
    shiftLinks: { listForGroupLink: async (id: string) => shiftLinks(id) },
  } as unknown as MappingStore;
  const users = new Map([
    ['e1', 'w1'],
    ['e2', 'w2'],
    ['e3', 'w3'],
  ]);
  const context = {
    runId: 'run',
    dryRun: false,
    ...WINDOW,
    store,
    resolver: tableIdResolver(users, new Map()),
    now: () => new Date('2026-03-01T00:00:00Z'),
    unreadable: new UnreadableRecords(),
  };
  const connect = (): RosterConnectors => ({
    feishu: new FeishuRostersConnector(feishu),
    wecom: new WecomRostersConnector(wecom),
  });
  return { connect, context, feishuWrites, wecomWrites };
}

/** A whole roster run as the run executor composes it (rosters read no auto-linking). */
const runRosters = (context: RostersRunContext, connect: () => RosterConnectors, direction: LinkDirection) =>
  runDirections(ROSTERS_RECONCILER, context, connect, direction, { autoLink: false });

describe('the roster reconciler, composed by runDirections', () => {
  it('two_way: each link in its own direction; a two-way link only gets the days its other side lacks', async () => {
    const { connect, context, feishuWrites, wecomWrites } = world();
    const items = await runRosters(context, connect, 'two_way');
    expect(items.map((each) => [each.sourceId, each.targetId, each.action])).toEqual([
      // Feishu → WeCom half: the Feishu-sourced link and the two-way one.
      ['G1', '100', 'created'],
      ['G3', '300', 'updated'],
      // WeCom → Feishu half: the WeCom-sourced link and the two-way one.
      ['200', 'G2', 'created'],
      ['300', 'G3', 'unchanged'],
    ]);
    expect(wecomWrites).toEqual([
      { groupid: 100, items: [{ userid: 'w1', day: 1, schedule_id: 11 }], yearmonth: 202603 },
      // 03-02 is missing in WeCom: filled. 03-01 differs (shift A vs rest): reported, left alone.
      { groupid: 300, items: [{ userid: 'w3', day: 2, schedule_id: 0 }], yearmonth: 202603 },
    ]);
    expect(feishuWrites).toEqual([[{ group_id: 'G2', shift_id: '0', month: 202603, user_id: 'e2', day_no: 1 }]]);
    const twoWay = items.filter((each) => each.targetId === '300' || each.targetId === 'G3');
    for (const each of twoWay) {
      expect(each.losses.map((loss) => [loss.field, loss.severity])).toEqual([
        [`roster.${each.sourceId === 'G3' ? 'e3' : 'w3'}.2026-03-01`, 'dropped'],
      ]);
    }
  });

  it('a one-way run visits every linked 排班 group whatever its link direction, and overwrites', async () => {
    const { connect, context, wecomWrites } = world();
    const items = await runRosters(context, connect, 'feishu_to_wecom');
    expect(items.map((each) => [each.sourceId, each.action])).toEqual([
      ['G1', 'created'],
      ['G2', 'unchanged'],
      ['G3', 'updated'],
    ]);
    expect(wecomWrites.find((request) => request.groupid === 300)?.items).toEqual([
      { userid: 'w3', day: 1, schedule_id: 11 },
      { userid: 'w3', day: 2, schedule_id: 0 },
    ]);
  });

  it('a dry run writes nothing and plans the exact bodies', async () => {
    const { connect, context, wecomWrites, feishuWrites } = world();
    const items = await runRosters({ ...context, dryRun: true, groupIds: ['200'] }, connect, 'wecom_to_feishu');
    expect(items).toEqual([
      {
        sourceId: '200',
        targetId: 'G2',
        action: 'created',
        losses: [],
        error: null,
        plan: {
          vendor: 'feishu',
          requests: [
            {
              api: 'user_daily_shifts/batch_create',
              body: { user_daily_shifts: [{ group_id: 'G2', shift_id: '0', month: 202603, user_id: 'e2', day_no: 1 }] },
            },
          ],
        },
      },
    ]);
    expect([wecomWrites, feishuWrites]).toEqual([[], []]);
  });
});
