import request from 'supertest';
import type { App } from 'supertest/types.js';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import type { RunningEmulators } from '../../apps/emulators/src/start-emulators.js';
import { type FeishuClient, groupForUpdate } from '@app/feishu';
import { chinaDayOf, DAY_SECONDS } from '@app/kernel';
import type { WecomClient } from '@app/wecom';
import { emulatorGatewayEnv, syncAndWait, uploadSampleMappings, vendorAdmins } from '../support/sync-harness.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { STORE_SCHEDULES, startStoreEmulators } from '../support/store-shift-rule.js';

// The roster (排班) sync end to end: supertest against the real app, the app against both emulators over
// HTTP. WeCom keeps each person in ONE checkin rule (the emulator: the first rule that covers them), so the
// WeCom emulator starts without its sample rules (whose 排班 rule already holds the factory people) and with
// the sample company's people only: the rules sync then puts the factory people in the rule it makes for
// the Feishu 排班 group 工厂排班, which holds a roster on the Feishu side. A WeCom-born 排班 rule for three
// store people (门店排班) is planted as another app's rule, for the WeCom → Feishu direction.

const FEISHU_ROSTER_WRITE = 'POST /open-apis/attendance/v1/user_daily_shifts/batch_create';

interface RunItem {
  sourceId: string;
  targetId: string | null;
  action: string;
  losses: { field: string; severity: string; message: string }[];
  error?: string | null;
  plan?: { vendor: string; requests: { api: string; body: unknown }[] };
}

interface RunBody {
  id: string;
  status: string;
  summary: Record<string, number>;
  items: RunItem[];
}

interface ScheduleBody {
  groupid: number;
  yearmonth: number;
  items: { userid: string; day: number; schedule_id: number }[];
}

/** The China-time day `offset` days from now, YYYY-MM-DD. */
function chinaDay(offset = 0): string {
  return chinaDayOf(Date.now() / 1000 + offset * DAY_SECONDS);
}

function monthAndDay(day: string): { month: number; dayNo: number } {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { month: year * 100 + month, dayNo: date };
}

describe('rosters sync (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let feishuAdmin: FeishuClient;
  let wecomAdmin: WecomClient;
  let factoryGroupId: string;
  let storeRuleId: number;

  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_API_TOKEN}`);
  const feishuIdOf = (wecomUserId: string) => SAMPLE_PEOPLE.find((p) => p.wecomUserId === wecomUserId)!.feishuUserId;
  const wecomIdOf = (feishuUserId: string) => SAMPLE_PEOPLE.find((p) => p.feishuUserId === feishuUserId)?.wecomUserId;
  const window = () => ({ from: chinaDay(0), to: chinaDay(30) });
  const inWindow = (day: string) => day >= window().from && day <= window().to;

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body, 120_000);

  const wecomSetCalls = (): ScheduleBody[] =>
    emulators.wecom.emulator.calls('setcheckinschedulist').map((call) => call.body as unknown as ScheduleBody);
  const feishuRosterWrites = () =>
    emulators.feishu.emulator.calls().filter((call) => call.status === 200 && call.endpoint === FEISHU_ROSTER_WRITE);

  function factoryRule() {
    const rule = emulators.wecom.emulator.rules().find((each) => each.group['groupname'] === '工厂排班');
    if (!rule) throw new Error('the rules sync made no WeCom rule for 工厂排班');
    return rule;
  }

  /** The WeCom schedule id a person has on a day in a rule, or undefined. */
  function wecomDay(groupid: number, userid: string, day: string): number | undefined {
    const { month, dayNo } = monthAndDay(day);
    return emulators.wecom.emulator
      .schedules()
      .find((entry) => entry.groupid === groupid && entry.userid === userid && entry.yearmonth === month)?.days[dayNo];
  }

  function feishuDays(groupId: string): { user: string; day: string; shift: string }[] {
    return emulators.feishu.emulator
      .dailyShifts()
      .filter((entry) => entry.group_id === groupId)
      .map((entry) => ({
        user: entry.user_id,
        day: `${String(entry.month).slice(0, 4)}-${String(entry.month).slice(4)}-${String(entry.day_no).padStart(2, '0')}`,
        shift: entry.shift_id,
      }));
  }

  /** The schedule id of the factory rule's schedule of that name (the Feishu shift's name). */
  function scheduleIdNamed(name: string): number {
    const schedules = factoryRule().group['schedulelist'] as { schedule_id: number; schedule_name: string }[];
    return schedules.find((schedule) => schedule.schedule_name === name)!.schedule_id;
  }

  /** The Feishu 工厂排班 roster in the window, as the WeCom schedule ids it should become. */
  function expectedFactorySchedules(): [string, string, number | undefined][] {
    const rule = factoryRule();
    const scheduleByName = new Map(
      (rule.group['schedulelist'] as { schedule_id: number; schedule_name: string }[]).map((schedule) => [
        schedule.schedule_name,
        schedule.schedule_id,
      ]),
    );
    const shiftNames = new Map(
      emulators.feishu.emulator.shifts().map((shift) => [shift['shift_id'], shift['shift_name']]),
    );
    return feishuDays(factoryGroupId)
      .filter((entry) => inWindow(entry.day) && wecomIdOf(entry.user))
      .map((entry): [string, string, number | undefined] => [
        wecomIdOf(entry.user)!,
        entry.day,
        entry.shift === '0' ? 0 : scheduleByName.get(String(shiftNames.get(entry.shift))),
      ])
      .sort();
  }

  // Each test starts from emulators and a gateway of its own, and makes the links and rosters it needs through
  // the same public calls (the helpers below): no test depends on another having run (issue #22).
  beforeEach(async () => {
    ({ emulators, storeRuleId } = await startStoreEmulators());
    harness = await createTestApp({ ...emulatorGatewayEnv(emulators) });
    server = harness.app.getHttpServer();
    ({ feishuAdmin, wecomAdmin } = vendorAdmins(emulators));
    await uploadSampleMappings(server);
    factoryGroupId = String(
      emulators.feishu.emulator.groups().find((group) => group['group_name'] === '工厂排班')!['group_id'],
    );
  });

  afterEach(async () => {
    await harness?.close();
    await emulators?.close();
  });

  /** The rules sync Feishu → WeCom, which links 工厂排班 to the WeCom rule it makes (a roster needs the link). */
  async function linkFactoryGroup(): Promise<void> {
    const rules = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(rules.status).toBe('succeeded');
  }

  /** The rules sync, then the first roster sync Feishu → WeCom, which creates the 工厂排班 roster in WeCom. */
  async function syncFactoryRoster(): Promise<void> {
    await linkFactoryGroup();
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rosters' });
    expect(run.items.map((item) => [item.action, item.error ?? null])).toEqual([['created', null]]);
  }

  /** The rules sync WeCom → Feishu of the store rule; returns the Feishu group it made and linked. */
  async function linkStoreRule(): Promise<string> {
    const rules = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [String(storeRuleId)] });
    expect(rules.items.map((item) => [item.action, item.error ?? null])).toEqual([['created', null]]);
    return rules.items[0]!.targetId!;
  }

  /** HR rosters two of the store people in WeCom: early, late, rest, … over the window; returns it by month. */
  async function rosterStorePeopleInWecom(): Promise<Map<number, ScheduleBody['items']>> {
    const rota = [STORE_SCHEDULES.early, STORE_SCHEDULES.late, 0];
    const byMonth = new Map<number, ScheduleBody['items']>();
    for (let offset = 0; offset <= 30; offset++) {
      const { month, dayNo } = monthAndDay(chinaDay(offset));
      ['zhoujie', 'wuting'].forEach((userid, index) => {
        byMonth.set(month, [
          ...(byMonth.get(month) ?? []),
          { userid, day: dayNo, schedule_id: rota[(offset + index) % rota.length]! },
        ]);
      });
    }
    for (const [yearmonth, items] of byMonth)
      await wecomAdmin.setCheckinScheduleList({ groupid: storeRuleId, yearmonth, items });
    return byMonth;
  }

  it('a group the rules sync has not linked yet is skipped with the reason, nothing written', async () => {
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rosters', groupIds: [factoryGroupId] });
    expect(run.items).toEqual([
      expect.objectContaining({
        sourceId: factoryGroupId,
        targetId: null,
        action: 'skipped',
        error: expect.stringMatching(/not linked yet: run the rules sync/),
      }),
    ]);
    expect(wecomSetCalls()).toEqual([]);
  });

  it('after the rules sync, a dry run returns the exact setcheckinschedulist bodies and writes nothing', async () => {
    await linkFactoryGroup();
    const rule = factoryRule();

    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rosters', dryRun: true });
    // Only the linked 排班 group is a roster item; the fixed and free groups have no roster.
    expect(run.items).toHaveLength(1);
    const [entry] = run.items;
    expect(entry).toMatchObject({ sourceId: factoryGroupId, targetId: String(rule.groupid), action: 'created' });
    expect(entry!.losses).toEqual([]);
    expect(entry!.plan?.vendor).toBe('wecom');
    const bodies = entry!.plan!.requests.map((planned) => {
      expect(planned.api).toBe('setcheckinschedulist');
      return planned.body as ScheduleBody;
    });
    const planned = bodies
      .flatMap((body) =>
        body.items.map((each): [string, string, number] => [
          each.userid,
          `${String(body.yearmonth).slice(0, 4)}-${String(body.yearmonth).slice(4)}-${String(each.day).padStart(2, '0')}`,
          each.schedule_id,
        ]),
      )
      .sort();
    expect(planned).toEqual(expectedFactorySchedules());
    expect(wecomSetCalls()).toEqual([]);
    expect(emulators.wecom.emulator.schedules()).toEqual([]);

    // The plan is what the real run then sends, call for call.
    const real = await sync({ direction: 'feishu_to_wecom', scope: 'rosters' });
    expect(real.items.map((item) => [item.action, item.error ?? null])).toEqual([['created', null]]);
    expect(wecomSetCalls()).toEqual(bodies);
  });

  it('Feishu → WeCom puts the Feishu roster into the WeCom rule, rest days included', async () => {
    await syncFactoryRoster();
    const rule = factoryRule();
    const expected = expectedFactorySchedules();
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.some(([, , schedule]) => schedule === 0)).toBe(true);
    expect(expected.every(([, , schedule]) => schedule !== undefined)).toBe(true);
    const actual = expected.map(([user, day]) => [user, day, wecomDay(rule.groupid, user, day)]);
    expect(actual).toEqual(expected);
  });

  it('a second identical run makes zero vendor writes', async () => {
    await syncFactoryRoster();
    const before = { wecom: wecomSetCalls().length, feishu: feishuRosterWrites().length };
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rosters' });
    expect(run.items.map((item) => item.action)).toEqual(['unchanged']);
    expect({ wecom: wecomSetCalls().length, feishu: feishuRosterWrites().length }).toEqual(before);
  });

  it('changing one Feishu day makes exactly one WeCom write of that one day', async () => {
    await syncFactoryRoster();
    const rule = factoryRule();
    const day = chinaDay(3);
    const { month, dayNo } = monthAndDay(day);
    const current = feishuDays(factoryGroupId).find((entry) => entry.user === 'e2001' && entry.day === day)!;
    const night = emulators.feishu.emulator.shifts().find((shift) => shift['shift_name'] === '夜班')!;
    const newShift = current.shift === '0' ? String(night['shift_id']) : '0';
    await feishuAdmin.batchCreateUserDailyShifts([
      { group_id: factoryGroupId, shift_id: newShift, month, user_id: 'e2001', day_no: dayNo },
    ]);

    const before = wecomSetCalls().length;
    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rosters' });
    expect(run.items.map((item) => item.action)).toEqual(['updated']);
    const scheduleId = newShift === '0' ? 0 : scheduleIdNamed('夜班');
    expect(wecomSetCalls().slice(before)).toEqual([
      { groupid: rule.groupid, yearmonth: month, items: [{ userid: 'chenjing', day: dayNo, schedule_id: scheduleId }] },
    ]);
    expect(wecomDay(rule.groupid, 'chenjing', day)).toBe(scheduleId);
  });

  it('WeCom → Feishu, after a rules sync that way: the WeCom schedules become the Feishu roster', async () => {
    const storeGroupId = await linkStoreRule();
    const byMonth = await rosterStorePeopleInWecom();

    const run = await sync({ direction: 'wecom_to_feishu', scope: 'rosters', groupIds: [String(storeRuleId)] });
    expect(run.items.map((item) => [item.sourceId, item.targetId, item.action, item.error ?? null])).toEqual([
      [String(storeRuleId), storeGroupId, 'created', null],
    ]);
    expect(run.items[0]!.losses).toEqual([]);

    // Each day holds the Feishu shift of that schedule (same working hours), rest days as "0".
    const shifts = new Map(emulators.feishu.emulator.shifts().map((shift) => [String(shift['shift_id']), shift]));
    const onTime = (shiftId: string) =>
      shiftId === '0' ? 'rest' : String((shifts.get(shiftId)!['punch_time_rule'] as { on_time: string }[])[0]!.on_time);
    const expected = [...byMonth].flatMap(([yearmonth, items]) =>
      items.map((each) => [
        feishuIdOf(each.userid),
        `${String(yearmonth).slice(0, 4)}-${String(yearmonth).slice(4)}-${String(each.day).padStart(2, '0')}`,
        { 0: 'rest', [STORE_SCHEDULES.early]: '9:00', [STORE_SCHEDULES.late]: '14:00' }[each.schedule_id],
      ]),
    );
    const actual = feishuDays(storeGroupId).map((entry) => [entry.user, entry.day, onTime(entry.shift)]);
    expect(actual.sort()).toEqual(expected.sort());
    expect(actual.some(([, , time]) => time === 'rest')).toBe(true);

    const before = feishuRosterWrites().length;
    const again = await sync({ direction: 'wecom_to_feishu', scope: 'rosters', groupIds: [String(storeRuleId)] });
    expect(again.items.map((item) => item.action)).toEqual(['unchanged']);
    expect(feishuRosterWrites().length).toBe(before);
  });

  it('a person-day Feishu does not apply is reported per person and day; the rest lands', async () => {
    // The store roster, in Feishu from the first sync WeCom → Feishu.
    const storeGroupId = await linkStoreRule();
    await rosterStorePeopleInWecom();
    const first = await sync({ direction: 'wecom_to_feishu', scope: 'rosters', groupIds: [String(storeRuleId)] });
    expect(first.items.map((item) => [item.action, item.error ?? null])).toEqual([['created', null]]);

    // 徐强 (e3003) is put in another Feishu group by name: a person belongs to one Feishu group per day, so
    // Feishu answers code 0 but lists his days as not taken effect.
    const freeGroup = emulators.feishu.emulator.groups().find((group) => group['group_name'] === '门店自由班')!;
    const free = await feishuAdmin.getGroup(String(freeGroup['group_id']));
    await feishuAdmin.createOrUpdateGroup({
      ...groupForUpdate(free),
      bind_user_ids: ['e3003'],
      save_auto_changes: true,
    });
    const days = [chinaDay(1), chinaDay(2)];
    const change = chinaDay(4);
    const zhoujieBefore = feishuDays(storeGroupId).find((entry) => entry.user === 'e3001' && entry.day === change)!;
    for (const day of [...days, change]) {
      const { month, dayNo } = monthAndDay(day);
      const items = days.includes(day)
        ? [{ userid: 'xuqiang', day: dayNo, schedule_id: STORE_SCHEDULES.early }]
        : [{ userid: 'zhoujie', day: dayNo, schedule_id: zhoujieBefore.shift === '0' ? STORE_SCHEDULES.late : 0 }];
      await wecomAdmin.setCheckinScheduleList({ groupid: storeRuleId, yearmonth: month, items });
    }

    const before = feishuRosterWrites().length;
    const run = await sync({ direction: 'wecom_to_feishu', scope: 'rosters', groupIds: [String(storeRuleId)] });
    expect(run.status).toBe('succeeded');
    const [entry] = run.items;
    expect([entry!.action, entry!.error ?? null]).toEqual(['updated', null]);
    expect(entry!.losses.map((loss) => [loss.field, loss.severity])).toEqual(
      days.map((day) => [`roster.xuqiang.${day}`, 'dropped']),
    );
    expect(entry!.losses.every((loss) => /Feishu did not apply this day to e3003/.test(loss.message))).toBe(true);
    // One batch carried all three days; 周杰's change took effect, 徐强's days did not.
    expect(feishuRosterWrites().length).toBe(before + 1);
    const after = feishuDays(storeGroupId);
    expect(after.find((each) => each.user === 'e3001' && each.day === change)?.shift).not.toBe(zhoujieBefore.shift);
    expect(after.filter((each) => each.user === 'e3003')).toEqual([]);
  });

  it('an unmapped person is reported, never invented; a person WeCom refuses costs only their days', async () => {
    await syncFactoryRoster();
    const rule = factoryRule();
    // e9001 has no mapping; e9002 is mapped to a WeCom user who belongs to another WeCom rule.
    await auth(
      request(server)
        .put('/api/v1/mappings/users')
        .send([{ feishuUserId: 'e9002', wecomUserId: 'e9002' }]),
    ).expect(200);
    const factory = await feishuAdmin.getGroup(factoryGroupId);
    await feishuAdmin.createOrUpdateGroup({ ...groupForUpdate(factory), bind_user_ids: ['e9001', 'e9002'] });
    const early = String(
      emulators.feishu.emulator.shifts().find((shift) => shift['shift_name'] === '早班')!['shift_id'],
    );
    const days = [chinaDay(5), chinaDay(6)];
    const change = chinaDay(7);
    const chenjing = feishuDays(factoryGroupId).find((entry) => entry.user === 'e2001' && entry.day === change)!;
    await feishuAdmin.batchCreateUserDailyShifts([
      ...['e9001', 'e9002'].flatMap((user) =>
        days.map((day) => ({ group_id: factoryGroupId, shift_id: early, user_id: user, ...toFeishuDay(day) })),
      ),
      {
        group_id: factoryGroupId,
        shift_id: chenjing.shift === '0' ? early : '0',
        user_id: 'e2001',
        ...toFeishuDay(change),
      },
    ]);

    const run = await sync({ direction: 'feishu_to_wecom', scope: 'rosters', groupIds: [factoryGroupId] });
    const [entry] = run.items;
    expect([entry!.action, entry!.error ?? null]).toEqual(['updated', null]);
    const losses = new Map(entry!.losses.map((loss) => [loss.field, loss]));
    expect([...losses.keys()].sort()).toEqual(
      ['e9001', 'e9002'].flatMap((user) => days.map((day) => `roster.${user}.${day}`)).sort(),
    );
    for (const day of days) {
      expect(losses.get(`roster.e9001.${day}`)?.message).toMatch(/Feishu user e9001 has no WeCom user mapped/);
      expect(losses.get(`roster.e9002.${day}`)?.message).toMatch(/WeCom refused the schedule of e9002.*301021/);
    }
    // 陈静's change landed; nothing was ever sent for e9001 under any id, and e9002 has no schedule.
    expect(wecomDay(rule.groupid, 'chenjing', change)).toBe(chenjing.shift === '0' ? scheduleIdNamed('早班') : 0);
    const sentTo = new Set(wecomSetCalls().flatMap((call) => call.items.map((each) => each.userid)));
    expect(sentTo.has('e9001')).toBe(false);
    expect(
      emulators.wecom.emulator.schedules().some((each) => each.userid === 'e9002' || each.userid === 'e9001'),
    ).toBe(false);
  });
});

function toFeishuDay(day: string): { month: number; day_no: number } {
  const { month, dayNo } = monthAndDay(day);
  return { month, day_no: dayNo };
}
