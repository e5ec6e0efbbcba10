// WeCom answers are JSON inspected loosely in assertions; typing each one would only restate the emulator.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return */
import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../sample-company/people.js';
import { validateCheckinOption } from './checkin-option-rules.js';
import { otConf, sampleFixedGroup } from './wecom-sample-rule.fixtures.js';
import {
  mergeCheckinOptionUpdate,
  SAMPLE_FIXED_RULE_NAME,
  SAMPLE_SCHEDULE_IDS,
  SAMPLE_SHIFT_RULE_NAME,
  WecomEmulator,
  type WecomEmulatorOptions,
} from './index.js';

// The WeCom emulator's checkin APIs over HTTP, each documented limit and signal with a passing and a
// failing case: rules (add/update/clear/del and the two reads), punches, schedules.

/** 2026-03-18 12:00 China time, a Wednesday. */
const NOW_MS = Date.UTC(2026, 2, 18, 4, 0, 0);
const NOW = NOW_MS / 1000;
const DAY = 86_400;
const { corpId, corpSecret } = SAMPLE_CREDENTIALS.wecom;

type Answer = Record<string, any>;

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(options: WecomEmulatorOptions = {}) {
  const emulator = new WecomEmulator({ clock: () => NOW_MS, rateLimits: false, ...options });
  const server = await emulator.listen();
  running.push(server);
  const tokenAnswer = (await (
    await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)
  ).json()) as { access_token: string };
  const post = async (api: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${server.url}/cgi-bin/checkin/${api}?access_token=${tokenAnswer.access_token}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return (await response.json()) as Answer;
  };
  const rules = async (): Promise<Answer[]> => (await post('getcorpcheckinoption', {}))['group'] as Answer[];
  const ruleNamed = async (name: string): Promise<Answer> => {
    const rule = (await rules()).find((group) => group['groupname'] === name);
    if (!rule) throw new Error(`no rule ${name}`);
    return rule;
  };
  return { emulator, post, rules, ruleNamed };
}

describe('fixtures', () => {
  it('the test rule is one WeCom accepts', () => {
    expect(validateCheckinOption(sampleFixedGroup('x'), { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
  });
});

describe('checkin rules', () => {
  it('add_checkin_option answers no id; the new rule shows in getcorpcheckinoption with a uint32 groupid', async () => {
    const { post, rules, emulator } = await start();
    const before = await rules();
    const answer = await post('add_checkin_option', {
      effective_now: true,
      group: { ...sampleFixedGroup('新规则'), groupid: 1 },
    });
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok' });
    const after = await rules();
    expect(after).toHaveLength(before.length + 1);
    const created = after.find((rule) => rule['groupname'] === '新规则')!;
    expect(Number.isInteger(created['groupid']) && created['groupid'] > 0 && created['groupid'] < 2 ** 32).toBe(true);
    // groupid in the body was ignored (doc note 1).
    expect(created['groupid']).not.toBe(1);
    expect(emulator.rules().find((rule) => rule.groupid === created['groupid'])?.owner).toBe('self');
  });

  it('renders the read shape: range.party_id, legacy limit_aheadtime (ms) and noneed_offwork, create_time', async () => {
    const { post, ruleNamed } = await start();
    await post('add_checkin_option', { group: sampleFixedGroup('读取') });
    const rule = await ruleNamed('读取');
    expect(rule['range']).toEqual({ party_id: [], userid: ['lina'], tagid: [] });
    expect(rule['checkindate'][0]).toMatchObject({
      limit_aheadtime: 0,
      noneed_offwork: false,
      workdays: [1, 2, 3, 4, 5],
    });
    expect(rule['checkindate'][0]['checkintime'][0]).toMatchObject({ time_id: 1, earliest_work_sec: 8 * 3600 });
    expect(rule['create_time']).toBe(NOW);
    const legacy = await ruleNamed(SAMPLE_FIXED_RULE_NAME);
    expect(legacy['checkindate'][0]['limit_aheadtime']).toBe(7_200_000);
    expect(legacy['ot_info']).toBeDefined();
  });

  it("refuses an invalid rule with the validation module's code, and unknown people with 301021", async () => {
    const { post, rules } = await start();
    const count = (await rules()).length;
    const badWindow = sampleFixedGroup('坏规则');
    badWindow.checkindate[0]!.checkintime[0]!.earliest_work_sec = 35_000;
    expect(await post('add_checkin_option', { group: badWindow })).toMatchObject({ errcode: 301093 });
    expect(await post('add_checkin_option', { group: sampleFixedGroup('无人', ['nobody']) })).toMatchObject({
      errcode: 301021,
    });
    expect(await rules()).toHaveLength(count);
  });

  it('update: an omitted or empty array is unchanged, a present array replaces, an object replaces whole', async () => {
    const { post, ruleNamed } = await start();
    await post('add_checkin_option', { group: sampleFixedGroup('更新') });
    const { groupid } = await ruleNamed('更新');
    expect(await post('update_checkin_option', { group: { groupid, wifimac_infos: [], loc_infos: [] } })).toMatchObject(
      {
        errcode: 0,
      },
    );
    let rule = await ruleNamed('更新');
    expect(rule['wifimac_infos']).toEqual([{ wifiname: 'HQ-1', wifimac: 'c0:7b:bc:37:f8:d3' }]);
    expect(rule['loc_infos']).toHaveLength(1);

    const wifi = [{ wifiname: 'HQ-2', wifimac: '70:10:5c:7d:f6:d5' }];
    const ot = { workdayconf: otConf(false, 2), restdayconf: otConf(false, 2), holidayconf: otConf(false, 2) };
    expect(
      await post('update_checkin_option', { group: { groupid, wifimac_infos: wifi, ot_info_v2: ot } }),
    ).toMatchObject({
      errcode: 0,
    });
    rule = await ruleNamed('更新');
    expect(rule['wifimac_infos']).toEqual(wifi);
    expect(rule['ot_info_v2']).toEqual(ot);
    expect(rule['range']).toEqual({ party_id: [], userid: ['lina'], tagid: [] });
  });

  it('update validates the MERGED rule and needs a groupid', async () => {
    const { post, ruleNamed } = await start();
    await post('add_checkin_option', { group: sampleFixedGroup('合并') });
    const { groupid } = await ruleNamed('合并');
    // A grouptype 2 rule may not keep checkindate: only visible once merged with the stored rule.
    expect(await post('update_checkin_option', { group: { groupid, grouptype: 2 } })).toMatchObject({
      errcode: 301094,
    });
    expect(await post('update_checkin_option', { group: { groupname: 'x' } })).toMatchObject({ errcode: 40058 });
    expect(await post('update_checkin_option', { group: { groupid: 999_999, groupname: 'x' } })).toMatchObject({
      errcode: 60136,
    });
  });

  it('clear_checkin_option_array_field clears the named arrays, but never wifi and locations both', async () => {
    const { post, ruleNamed } = await start();
    await post('add_checkin_option', { group: sampleFixedGroup('清空') });
    const { groupid } = await ruleNamed('清空');
    expect(
      await post('clear_checkin_option_array_field', { groupid, clear_field: [3], effective_now: true }),
    ).toMatchObject({
      errcode: 0,
    });
    expect((await ruleNamed('清空'))['wifimac_infos']).toEqual([]);
    expect(await post('clear_checkin_option_array_field', { groupid, clear_field: [4] })).toMatchObject({
      errcode: 301093,
    });
    expect((await ruleNamed('清空'))['loc_infos']).toHaveLength(1);
    expect(await post('clear_checkin_option_array_field', { groupid, clear_field: [5] })).toMatchObject({
      errcode: 301093,
    });
  });

  it('only the creating app may update, clear or delete a rule: 301002 for a foreign-owned rule', async () => {
    const { post, ruleNamed, emulator } = await start();
    const foreign = await ruleNamed(SAMPLE_FIXED_RULE_NAME);
    const groupid = foreign['groupid'] as number;
    expect(await post('update_checkin_option', { group: { groupid, groupname: '改名' } })).toMatchObject({
      errcode: 301002,
    });
    expect(await post('clear_checkin_option_array_field', { groupid, clear_field: [3] })).toMatchObject({
      errcode: 301002,
    });
    expect(await post('del_checkin_option', { groupid })).toMatchObject({ errcode: 301002 });
    const planted = emulator.seedForeignRule(sampleFixedGroup('别人的'));
    expect(await post('del_checkin_option', { groupid: planted })).toMatchObject({ errcode: 301002 });
    expect((await ruleNamed(SAMPLE_FIXED_RULE_NAME))['groupname']).toBe(SAMPLE_FIXED_RULE_NAME);
  });

  it('del_checkin_option removes an own rule; a second delete finds nothing (60136)', async () => {
    const { post, ruleNamed, rules } = await start();
    await post('add_checkin_option', { group: sampleFixedGroup('删除') });
    const { groupid } = await ruleNamed('删除');
    expect(await post('del_checkin_option', { groupid, effective_now: true })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await rules()).some((rule) => rule['groupid'] === groupid)).toBe(false);
    expect(await post('del_checkin_option', { groupid })).toMatchObject({ errcode: 60136 });
  });

  it('mergeCheckinOptionUpdate: null removes a non-array field, unknown keys are dropped', () => {
    expect(
      mergeCheckinOptionUpdate(
        { groupname: 'a', buka_remind: { open_remind: true }, wifimac_infos: [1] },
        {
          groupid: 5,
          buka_remind: null,
          wifimac_infos: [],
          bogus: 1,
        },
      ),
    ).toEqual({ groupname: 'a', wifimac_infos: [1] });
  });

  it("getcheckinoption: each user's rule of the day, without range; ≤ 100 users", async () => {
    const { post, emulator } = await start();
    const answer = await post('getcheckinoption', {
      datetime: NOW - (NOW % DAY),
      useridlist: ['zhangwei', 'chenjing'],
    });
    expect(answer['info'].map((entry: Answer) => [entry['userid'], entry['group']['groupname']])).toEqual([
      ['zhangwei', SAMPLE_FIXED_RULE_NAME],
      ['chenjing', SAMPLE_SHIFT_RULE_NAME],
    ]);
    expect(answer['info'][0]['group']['range']).toBeUndefined();
    expect(answer['info'][0]['group']['checkindate'][0]['flex_time']).toBe(0);
    emulator.addUsers(Array.from({ length: 101 }, (_, i) => `u${i}`));
    const tooMany = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect(await post('getcheckinoption', { datetime: NOW, useridlist: tooMany })).toMatchObject({
      errcode: 301023,
      info: [],
    });
  });
});

describe('punches', () => {
  const query = (useridlist: string[], starttime = NOW - 7 * DAY, endtime = NOW, opencheckindatatype = 3) => ({
    opencheckindatatype,
    starttime,
    endtime,
    useridlist,
  });

  it('getcheckindata: ≤ 100 users (301023 with checkindata: []), known users only (301021)', async () => {
    const { post, emulator } = await start();
    const users = Array.from({ length: 101 }, (_, i) => `user${i}`);
    emulator.addUsers(users);
    expect(await post('getcheckindata', query(users.slice(0, 100)))).toMatchObject({ errcode: 0, checkindata: [] });
    const refused = await post('getcheckindata', query(users));
    expect(refused).toMatchObject({ errcode: 301023, checkindata: [] });
    expect(refused['errmsg']).toMatch(/^userlist is over threshold/);
    expect(await post('getcheckindata', query([]))).toMatchObject({ errcode: 301023 });
    expect(await post('getcheckindata', query(['nobody']))).toMatchObject({ errcode: 301021, checkindata: [] });
  });

  it('getcheckindata: a span of at most 30 days, end after start (301024)', async () => {
    const { post } = await start();
    expect(await post('getcheckindata', query(['zhangwei'], NOW - 30 * DAY, NOW))).toMatchObject({ errcode: 0 });
    expect(await post('getcheckindata', query(['zhangwei'], NOW - 30 * DAY - 1, NOW))).toMatchObject({
      errcode: 301024,
    });
    expect(await post('getcheckindata', query(['zhangwei'], NOW, NOW))).toMatchObject({ errcode: 301024 });
  });

  it('getcheckindata: opencheckindatatype 1 on/off duty, 2 outings, 3 all; anything else 40058', async () => {
    const { post } = await start();
    const types = async (type: number) =>
      new Set(
        ((await post('getcheckindata', query(['zhoujie'], NOW - 7 * DAY, NOW, type)))['checkindata'] as Answer[]).map(
          (r) => r['checkin_type'],
        ),
      );
    expect(await types(1)).toEqual(new Set(['上班打卡', '下班打卡']));
    expect(await types(2)).toEqual(new Set(['外出打卡']));
    expect(await types(3)).toEqual(new Set(['上班打卡', '下班打卡', '外出打卡']));
    expect(await post('getcheckindata', query(['zhoujie'], NOW - DAY, NOW, 4))).toMatchObject({ errcode: 40058 });
  });

  const record = (overrides: Record<string, unknown> = {}) => ({
    userid: 'lina',
    checkin_time: NOW - 3 * 3600,
    location_title: '总部',
    location_detail: '深南大道1000号',
    device_type: 2,
    device_detail: 'gate-1',
    lat: 22_543_100,
    lng: 114_057_900,
    ...overrides,
  });

  it('add_checkin_record: ≤ 200 records; stored records are matched to the rule and readable', async () => {
    const { post, emulator } = await start();
    const batch = Array.from({ length: 200 }, (_, i) => record({ checkin_time: NOW - 2 * DAY + i }));
    expect(await post('add_checkin_record', { records: batch })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await post('add_checkin_record', { records: [...batch, record()] })).toMatchObject({ errcode: 301039 });
    expect(await post('add_checkin_record', { records: [] })).toMatchObject({ errcode: 301039 });

    // A newcomer in headquarters (总部固定班, 09:00, flex 10 min) clocks in at 08:55 on Wednesday 2026-03-18:
    // matched as an on-time clock-in against the 09:00 standard time.
    emulator.addUsers(['newbie'], '2');
    const punch = record({ userid: 'newbie', checkin_time: NOW - 3 * 3600 - 300 });
    expect(await post('add_checkin_record', { records: [punch] })).toMatchObject({ errcode: 0 });
    const read = await post('getcheckindata', query(['newbie'], NOW - 4 * 3600, NOW));
    expect(read['checkindata']).toEqual([
      expect.objectContaining({
        userid: 'newbie',
        checkin_type: '上班打卡',
        exception_type: '',
        checkin_time: NOW - 3 * 3600 - 300,
        sch_checkin_time: NOW - 3 * 3600,
        groupname: SAMPLE_FIXED_RULE_NAME,
        lat: 22_543_100,
        location_title: '总部',
      }),
    ]);
  });

  it('add_checkin_record: field rules of path/99647, all or nothing', async () => {
    const { post, emulator } = await start();
    const before = emulator.checkinData().length;
    const refusals = [
      record({ wifiname: 'Office' }),
      record({ wifiname: 'Office', wifimac: 'not-a-mac' }),
      record({ mediaids: ['a', 'b'] }),
      record({ lat: 90_000_001 }),
      record({ lng: -180_000_001 }),
      record({ device_type: 4 }),
      record({ device_detail: 'x'.repeat(41) }),
      record({ notes: 'x'.repeat(1025) }),
    ];
    for (const bad of refusals) {
      expect(await post('add_checkin_record', { records: [record(), bad] })).toMatchObject({ errcode: 301039 });
    }
    expect(await post('add_checkin_record', { records: [record({ userid: 'nobody' })] })).toMatchObject({
      errcode: 301021,
    });
    expect(emulator.checkinData()).toHaveLength(before);
    expect(
      await post('add_checkin_record', {
        records: [
          record({ wifiname: 'Office', wifimac: 'A2:8b:7f:c0:27:4b', mediaids: ['m1'], notes: 'x'.repeat(1024) }),
        ],
      }),
    ).toMatchObject({ errcode: 0 });
  });
});

describe('schedules', () => {
  it('getcheckinschedulist: camelCase scheduleList, sections by `id`, rest days as 0/休息', async () => {
    const { post, emulator } = await start();
    const answer = await post('getcheckinschedulist', {
      starttime: NOW - 6 * DAY,
      endtime: NOW,
      useridlist: ['chenjing', 'zhangwei'],
    });
    expect(answer['errcode']).toBe(0);
    // zhangwei is on a fixed rule: no schedule.
    expect(answer['schedule_list'].map((entry: Answer) => [entry['userid'], entry['yearmonth']])).toEqual([
      ['chenjing', 202603],
    ]);
    const days = answer['schedule_list'][0]['schedule']['scheduleList'] as Answer[];
    expect(days.map((day) => day['day'])).toEqual([12, 13, 14, 15, 16, 17, 18]);
    const stored = emulator.schedules().find((s) => s.userid === 'chenjing' && s.yearmonth === 202603)!;
    for (const day of days) expect(day['schedule_info']['schedule_id']).toBe(stored.days[day['day'] as number]);
    const rest = days.find((day) => day['schedule_info']['schedule_id'] === 0);
    expect(rest?.['schedule_info']).toEqual({ schedule_id: 0, schedule_name: '休息', time_section: [] });
    const work = days.find((day) => day['schedule_info']['schedule_id'] === SAMPLE_SCHEDULE_IDS.early);
    expect(work?.['schedule_info']['time_section'][0]).toEqual({
      id: 1,
      work_sec: 8 * 3600,
      off_work_sec: 16 * 3600,
      remind_work_sec: 8 * 3600 - 600,
      remind_off_work_sec: 16 * 3600,
    });
  });

  it('getcheckinschedulist: span under one month (301024), ≤ 100 users (301023 with schedule_list: [])', async () => {
    const { post, emulator } = await start();
    // 2026-02-18 12:00 to 2026-03-17 23:59:59: under a month.
    expect(
      await post('getcheckinschedulist', {
        starttime: NOW - 28 * DAY,
        endtime: NOW - 12 * 3600 - 1,
        useridlist: ['chenjing'],
      }),
    ).toMatchObject({
      errcode: 0,
    });
    expect(
      await post('getcheckinschedulist', { starttime: NOW - 28 * DAY, endtime: NOW, useridlist: ['chenjing'] }),
    ).toMatchObject({
      errcode: 301024,
    });
    const users = Array.from({ length: 101 }, (_, i) => `worker${i}`);
    emulator.addUsers(users);
    expect(await post('getcheckinschedulist', { starttime: NOW - DAY, endtime: NOW, useridlist: users })).toMatchObject(
      {
        errcode: 301023,
        schedule_list: [],
      },
    );
  });

  it('setcheckinschedulist: by-shift rules only; day within the month; schedule of the rule; user in the rule', async () => {
    const { post, ruleNamed, emulator } = await start();
    const shift = (await ruleNamed(SAMPLE_SHIFT_RULE_NAME))['groupid'] as number;
    const fixed = (await ruleNamed(SAMPLE_FIXED_RULE_NAME))['groupid'] as number;
    const set = (groupid: number, items: unknown[], yearmonth = 202604) =>
      post('setcheckinschedulist', { groupid, items, yearmonth });

    expect(await set(shift, [{ userid: 'chenjing', day: 30, schedule_id: SAMPLE_SCHEDULE_IDS.night }])).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(emulator.schedules().find((s) => s.userid === 'chenjing' && s.yearmonth === 202604)?.days).toEqual({
      30: SAMPLE_SCHEDULE_IDS.night,
    });
    const read = await post('getcheckinschedulist', {
      starttime: Date.UTC(2026, 3, 29, 16) / 1000,
      endtime: Date.UTC(2026, 3, 30, 15, 59, 59) / 1000,
      useridlist: ['chenjing'],
    });
    expect(read['schedule_list'][0]['schedule']['scheduleList']).toEqual([
      expect.objectContaining({ day: 30, schedule_info: expect.objectContaining({ schedule_name: '夜班' }) }),
    ]);

    expect(await set(shift, [{ userid: 'chenjing', day: 31, schedule_id: 0 }])).toMatchObject({ errcode: 301039 });
    expect(await set(shift, [{ userid: 'chenjing', day: 0, schedule_id: 0 }])).toMatchObject({ errcode: 301039 });
    expect(await set(shift, [{ userid: 'chenjing', day: 1, schedule_id: 999 }])).toMatchObject({ errcode: 301039 });
    expect(await set(shift, [{ userid: 'zhangwei', day: 1, schedule_id: 0 }])).toMatchObject({ errcode: 301021 });
    expect(await set(fixed, [{ userid: 'zhangwei', day: 1, schedule_id: 0 }])).toMatchObject({ errcode: 301039 });
    expect(await set(999_999, [{ userid: 'chenjing', day: 1, schedule_id: 0 }])).toMatchObject({ errcode: 60136 });
    expect(await set(shift, [{ userid: 'chenjing', day: 1, schedule_id: 0 }], 202613)).toMatchObject({
      errcode: 301039,
    });
  });
});
