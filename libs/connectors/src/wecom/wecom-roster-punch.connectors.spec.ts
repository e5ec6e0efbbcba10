import type { UnreadableRecord } from '@app/kernel';
import { wecomPunchKey, type CanonicalPunch } from '@app/translation';
import { WecomClient } from '@app/wecom';
import type { WecomCheckinGroupRead } from '@app/wecom/model';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../../../../apps/emulators/src/sample-company/people.js';
import { SAMPLE_SCHEDULE_IDS, WecomEmulator } from '../../../../apps/emulators/src/wecom/index.js';
import { DAY_SECONDS } from '@app/kernel';
import { rosterDaysIn, type RosterWrite } from '../attendance-connector.js';
import { nextDayReachSeconds, WecomPunchesConnector } from './wecom-punches.connector.js';
import { WecomRostersConnector } from './wecom-rosters.connector.js';

// The WeCom roster and punch connectors against the WeCom emulator over HTTP: what each sends (batches at
// WeCom's limits, the bodies a dry run shows) and how each reads WeCom's answers (one unreadable record costs
// that record, never the list).

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function setup() {
  const emulator = new WecomEmulator({ rateLimits: false });
  const server = await emulator.listen();
  running.push(server);
  const client = new WecomClient({
    ...SAMPLE_CREDENTIALS.wecom,
    baseUrl: server.url,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    timeoutMs: 5000,
  });
  const setAside: UnreadableRecord[] = [];
  return { emulator, client, setAside, sink: (record: UnreadableRecord) => setAside.push(record) };
}

/** The sample company's 排班 rule (工厂门店排班) and two people it covers through their departments. */
const SHIFT_RULE = '6017';
const PEOPLE = ['chenjing', 'sunli'];

const write = (user: string, day: string, shift: string): RosterWrite => ({
  sourceUser: `s-${user}`,
  user,
  day,
  shift,
});

describe('WecomRostersConnector', () => {
  it('reads the rules as roster groups: 排班 or why not, the working schedules, the people named', async () => {
    const { client, sink, setAside } = await setup();
    const groups = await new WecomRostersConnector(client).listGroups(sink);
    const byId = new Map(groups.map((group) => [group.id, group]));
    expect(byId.get(SHIFT_RULE)).toEqual({
      id: SHIFT_RULE,
      notRostered: null,
      shifts: new Map([
        ['11', '早班'],
        ['12', '晚班'],
        ['13', '夜班'],
      ]),
      namedUsers: [],
    });
    expect(byId.get('6016')?.notRostered).toBe(
      'WeCom rule 6016 is not a by-shift (排班) rule (grouptype 1); rosters exist for 排班 groups only',
    );
    expect(setAside).toEqual([]);
  });

  it('writes one setcheckinschedulist per month and batch limit, exactly the planned bodies, and reads them back', async () => {
    const { emulator, client, sink } = await setup();
    const connector = new WecomRostersConnector(client, { itemsPerCall: 3 });
    const days = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'];
    const writes = days.flatMap((day, index) =>
      PEOPLE.map((user) => write(user, day, String(index % 2 ? SAMPLE_SCHEDULE_IDS.early : SAMPLE_SCHEDULE_IDS.rest))),
    );
    const batches = connector.rosterBatches(SHIFT_RULE, writes);
    // Two months of 4 person-days each, 3 per call.
    expect(batches.map((batch) => [batch.request.api, batch.writes.length])).toEqual([
      ['setcheckinschedulist', 3],
      ['setcheckinschedulist', 1],
      ['setcheckinschedulist', 3],
      ['setcheckinschedulist', 1],
    ]);
    expect(batches[0]!.request.body).toEqual({
      groupid: 6017,
      items: [
        { userid: 'chenjing', day: 30, schedule_id: 0 },
        { userid: 'chenjing', day: 31, schedule_id: 11 },
        { userid: 'sunli', day: 30, schedule_id: 0 },
      ],
      yearmonth: 202603,
    });
    for (const batch of batches) {
      expect(await connector.sendRoster(SHIFT_RULE, batch)).toEqual({
        written: batch.writes.length,
        notApplied: [],
        unread: [],
      });
    }
    expect(emulator.calls('setcheckinschedulist').map((call) => call.body)).toEqual(
      batches.map((batch) => batch.request.body),
    );

    const window = { from: days[0]!, to: days.at(-1)! };
    const entries = await connector.readRoster(PEOPLE, window, sink);
    const read = rosterDaysIn(entries, SHIFT_RULE, window).sort((a, b) =>
      a.user === b.user ? a.day.localeCompare(b.day) : a.user.localeCompare(b.user),
    );
    expect(read).toEqual(
      [...writes]
        .sort((a, b) => (a.user === b.user ? a.day.localeCompare(b.day) : a.user.localeCompare(b.user)))
        .map(({ user, day, shift }) => ({ user, day, shift })),
    );
  });

  it('splits at 500 items per call by default (WECOM_SCHEDULE_ITEMS_PER_CALL)', () => {
    const users = Array.from({ length: 17 }, (_, index) => `u${String(index).padStart(2, '0')}`);
    const writes = users.flatMap((user) =>
      Array.from({ length: 30 }, (_, day) => write(user, `2026-04-${String(day + 1).padStart(2, '0')}`, '11')),
    );
    const connector = new WecomRostersConnector({} as WecomClient);
    expect(connector.rosterBatches('1', writes).map((batch) => batch.writes.length)).toEqual([500, 10]);
  });

  it('an unreadable schedule entry is set aside; the other people are read', async () => {
    const { emulator, client, sink, setAside } = await setup();
    emulator.scriptResponse('POST /cgi-bin/checkin/getcheckinschedulist', {
      body: JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        schedule_list: [
          { userid: 'chenjing', yearmonth: 'March', groupid: 6017, groupname: 'x', schedule: { scheduleList: [] } },
          {
            userid: 'sunli',
            yearmonth: 202603,
            groupid: 6017,
            groupname: '工厂门店排班',
            schedule: {
              scheduleList: [{ day: 30, schedule_info: { schedule_id: 11, schedule_name: '早班', time_section: [] } }],
            },
          },
        ],
      }),
    });
    const entries = await new WecomRostersConnector(client).readRoster(
      PEOPLE,
      { from: '2026-03-30', to: '2026-03-31' },
      sink,
    );
    expect(entries).toEqual([{ group: SHIFT_RULE, user: 'sunli', day: '2026-03-30', shift: '11', cleared: false }]);
    expect(setAside).toEqual([expect.objectContaining({ vendor: 'wecom', index: 0, field: 'yearmonth' })]);
  });

  it('names a refused day as WeCom does, the schedule id as the value not written', () => {
    expect(new WecomRostersConnector({} as WecomClient).refusedDay(write('sunli', '2026-03-30', '11'), 'no')).toEqual({
      message: 'WeCom refused the schedule of sunli on this day: no',
      targetValue: 11,
    });
  });
});

// ---- punches -------------------------------------------------------------------------------------------

function rule(sections: { off_work_sec: number; latest_off_work_sec?: number }[]): WecomCheckinGroupRead {
  return { schedulelist: [{ time_section: sections }] } as unknown as WecomCheckinGroupRead;
}

describe('nextDayReachSeconds', () => {
  it.each([
    ['no rules', [], 0],
    ['a day shift ending 18:00 (+4 h allowance stays today)', [rule([{ off_work_sec: 18 * 3600 }])], 0],
    ['a night shift ending 06:00 next day, +4 h', [rule([{ off_work_sec: 30 * 3600 }])], 10 * 3600],
    [
      'the latest off-punch time when the rule says it',
      [rule([{ off_work_sec: 30 * 3600, latest_off_work_sec: 32 * 3600 }])],
      8 * 3600,
    ],
    ['at most a day', [rule([{ off_work_sec: 47 * 3600 }])], DAY_SECONDS],
  ])('%s', (_name, rules, expected) => {
    expect(nextDayReachSeconds(rules)).toBe(expected);
  });
});

function punch(userId: string, at: number): CanonicalPunch {
  return {
    vendor: 'feishu',
    sourceKey: `f-${userId}-${at}`,
    userId,
    at,
    kind: 'on_duty',
    origin: 'person',
    recordedBy: null,
    locationTitle: '示例科技东莞工厂',
    locationDetail: '广东省东莞市松山湖大道8号',
    position: { lat: 23.020544, lng: 113.751743 },
    wifi: null,
    note: '',
    isField: false,
    photoCount: 0,
    verdicts: [],
    deviceId: '',
  };
}

describe('WecomPunchesConnector', () => {
  it('reads checkin rows as punch records: one unreadable row is set aside, a missed punch is no punch', async () => {
    const { emulator, client, sink, setAside } = await setup();
    const row = (userid: string, checkin_time: number | undefined, exception_type: string) => ({
      userid,
      groupname: '工厂门店排班',
      checkin_type: '上班打卡',
      exception_type,
      ...(checkin_time === undefined ? {} : { checkin_time }),
      location_title: '',
      location_detail: '',
      wifiname: '',
      wifimac: '',
      notes: '',
      mediaids: [],
      lat: 0,
      lng: 0,
      deviceid: '',
    });
    emulator.scriptResponse('POST /cgi-bin/checkin/getcheckindata', {
      body: JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        checkindata: [
          row('chenjing', 1774832400, ''),
          row('chenjing', undefined, ''),
          row('sunli', 1774832400, '未打卡'),
        ],
      }),
    });
    const records = await new WecomPunchesConnector(client).readPunches(
      PEOPLE,
      { start: 1774800000, end: 1774886400 },
      sink,
    );
    expect(records.map((record) => [record.user, record.recordKey, record.fromGateway])).toEqual([
      ['chenjing', null, false],
      ['sunli', null, false],
    ]);
    const [carried, missed] = records.map((record) => record.read());
    expect(carried).toMatchObject({ ok: true, value: { userId: 'chenjing', at: 1774832400 } });
    expect(missed).toMatchObject({ ok: false, skipped: expect.any(String) });
    expect(setAside).toEqual([expect.objectContaining({ vendor: 'wecom', kind: 'punch', index: 1 })]);
    // The window is half-open, getcheckindata's endtime inclusive (B6): the unscripted read shows the query.
    await new WecomPunchesConnector(client).readPunches(PEOPLE, { start: 1774800000, end: 1774886400 }, sink);
    expect(emulator.calls('getcheckindata').map((call) => call.body)).toEqual([
      { opencheckindatatype: 3, starttime: 1774800000, endtime: 1774886399, useridlist: PEOPLE },
    ]);
  });

  it('writes in batches of add_checkin_record, each record held under its punch key', async () => {
    const { emulator, client, sink } = await setup();
    const connector = new WecomPunchesConnector(client);
    const start = 1774832400;
    const writes = Array.from({ length: connector.writeBatch + 1 }, (_, index) => {
      const translation = connector.punchWrite(punch('e1', start + index * 60), 'chenjing');
      if (!translation.ok) throw new Error(JSON.stringify(translation.losses));
      return translation.value;
    });
    expect(connector.writeBatch).toBe(200);
    expect(writes[0]).toMatchObject({ key: wecomPunchKey('chenjing', start), user: 'chenjing' });
    const batches = [writes.slice(0, connector.writeBatch), writes.slice(connector.writeBatch)];
    const keys = [];
    for (const batch of batches) keys.push(...(await connector.writePunches(batch)));
    expect(keys).toEqual(writes.map((each) => each.key));
    expect(emulator.calls('add_checkin_record').map((call) => (call.body['records'] as unknown[]).length)).toEqual([
      200, 1,
    ]);
    const held = await connector.heldPunchKeys(['chenjing'], start, start + 200 * 60 + 1, sink);
    for (const key of keys) expect(held.has(key!)).toBe(true);
  });
});
