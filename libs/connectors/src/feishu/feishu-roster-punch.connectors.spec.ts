import type { UnreadableRecord } from '@app/kernel';
import { FeishuClient } from '@app/feishu';
import { type CanonicalPunch } from '@app/translation';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../../../../apps/emulators/src/sample-company/people.js';
import { FeishuEmulator, SAMPLE_GROUP_NAMES, SAMPLE_SHIFT_NAMES } from '../../../../apps/emulators/src/feishu/index.js';
import { rosterDaysIn, type RosterWrite } from '../attendance-connector.js';
import { FeishuPunchesConnector } from './feishu-punches.connector.js';
import { FeishuRostersConnector } from './feishu-rosters.connector.js';

// The Feishu roster and punch connectors against the Feishu emulator over HTTP: what each sends (batches at
// Feishu's limits, the bodies a dry run shows) and how each reads Feishu's answers (days not applied, one
// unreadable record costs that record, never the list).

const A = '/open-apis/attendance/v1';
const ROSTER_WRITE = `POST ${A}/user_daily_shifts/batch_create`;
const ROSTER_QUERY = `POST ${A}/user_daily_shifts/query`;
const FLOW_IMPORT = `POST ${A}/user_flows/batch_create`;

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup() {
  const emulator = new FeishuEmulator({ seed: 11 });
  const server = await emulator.listen();
  servers.push(server);
  const client = new FeishuClient({
    ...SAMPLE_CREDENTIALS.feishu,
    baseUrl: server.url,
    employeeType: 'employee_id',
    deptType: 'open_id',
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const setAside: UnreadableRecord[] = [];
  const groupId = (name: string) => emulator.groups().find((g) => g['group_name'] === name)?.['group_id'] as string;
  const shiftId = (name: string) => emulator.shifts().find((s) => s['shift_name'] === name)?.['shift_id'] as string;
  const calls = (endpoint: string) =>
    emulator.calls().filter((call) => call.endpoint === endpoint && call.status === 200);
  return {
    emulator,
    client,
    setAside,
    sink: (record: UnreadableRecord) => setAside.push(record),
    groupId,
    shiftId,
    calls,
  };
}

const write = (user: string, day: string, shift: string): RosterWrite => ({
  sourceUser: `s-${user}`,
  user,
  day,
  shift,
});
const december = (day: number) => `2026-12-${String(day).padStart(2, '0')}`;

describe('FeishuRostersConnector', () => {
  it('reads a group as a roster group: 排班 or why not; a group Feishu does not have is none', async () => {
    const { client, groupId } = await setup();
    const connector = new FeishuRostersConnector(client);
    const factory = groupId(SAMPLE_GROUP_NAMES.shiftBased);
    expect(await connector.findGroup(factory)).toEqual({
      id: factory,
      notRostered: null,
      shifts: new Map(),
      namedUsers: [],
    });
    const fixed = await connector.findGroup(groupId(SAMPLE_GROUP_NAMES.fixed));
    expect(fixed?.notRostered).toMatch(/^Feishu group \d+ is not a shift-based \(排班\) group \(group_type 0\)/);
    expect(await connector.findGroup('7000000000000000000')).toBeNull();
  });

  it('writes ≤ 50 days per batch_create, exactly the planned bodies; days Feishu did not apply come back per person and day', async () => {
    const { client, groupId, shiftId, calls, sink, setAside } = await setup();
    const connector = new FeishuRostersConnector(client);
    const factory = groupId(SAMPLE_GROUP_NAMES.shiftBased);
    const early = shiftId(SAMPLE_SHIFT_NAMES.early);
    // e1001 works at head office (another group): Feishu answers that day as not applied.
    const writes = [
      write('e1001', december(1), early),
      ...Array.from({ length: 25 }, (_, day) => write('e2001', december(day + 1), day % 2 ? '0' : early)),
      ...Array.from({ length: 25 }, (_, day) => write('e2002', december(day + 1), early)),
    ];
    const batches = connector.rosterBatches(factory, writes);
    expect(batches.map((batch) => [batch.request.api, batch.writes.length])).toEqual([
      ['user_daily_shifts/batch_create', 50],
      ['user_daily_shifts/batch_create', 1],
    ]);
    expect((batches[0]!.request.body as { user_daily_shifts: unknown[] }).user_daily_shifts[0]).toEqual({
      group_id: factory,
      shift_id: early,
      month: 202612,
      user_id: 'e1001',
      day_no: 1,
    });
    const first = await connector.sendRoster(factory, batches[0]!);
    expect(first.written).toBe(49);
    expect(first.notApplied).toEqual([
      { user: 'e1001', day: december(1), message: expect.stringContaining(`attendance group ${factory}`) },
    ]);
    expect(first.unread).toEqual([]);
    expect(await connector.sendRoster(factory, batches[1]!)).toEqual({ written: 1, notApplied: [], unread: [] });
    expect(calls(ROSTER_WRITE).map((call) => call.body)).toEqual(batches.map((batch) => batch.request.body));

    const window = { from: december(1), to: december(25) };
    const read = rosterDaysIn(await connector.readRoster(['e2001', 'e2002'], window, sink), factory, window);
    expect(read).toHaveLength(50);
    expect(read).toEqual(expect.arrayContaining([{ user: 'e2001', day: december(2), shift: '0' }]));
    expect(calls(ROSTER_QUERY).at(-1)?.body).toMatchObject({ check_date_from: 20261201, check_date_to: 20261225 });
    expect(setAside).toEqual([]);
  });

  it('an unreadable roster day is set aside; the person’s other days are read', async () => {
    const { emulator, client, groupId, shiftId, sink, setAside } = await setup();
    const factory = groupId(SAMPLE_GROUP_NAMES.shiftBased);
    const early = shiftId(SAMPLE_SHIFT_NAMES.early);
    emulator.seedDailyShifts([
      { group_id: factory, shift_id: early, month: 202612, user_id: 'e2003', day_no: 3 },
      { group_id: factory, shift_id: 42, month: 202612, user_id: 'e2003', day_no: 4 },
    ]);
    const window = { from: december(3), to: december(4) };
    const entries = await new FeishuRostersConnector(client).readRoster(['e2003'], window, sink);
    expect(rosterDaysIn(entries, factory, window)).toEqual([{ user: 'e2003', day: december(3), shift: early }]);
    expect(setAside).toEqual([expect.objectContaining({ vendor: 'feishu', kind: 'roster day', field: 'shift_id' })]);
  });

  it('reads a shift once; the group with one shift is the canonical rule a rules sync would write', async () => {
    const { client, groupId, shiftId, calls } = await setup();
    const connector = new FeishuRostersConnector(client);
    const factory = groupId(SAMPLE_GROUP_NAMES.shiftBased);
    await connector.findGroup(factory);
    const early = await connector.shift(shiftId(SAMPLE_SHIFT_NAMES.early));
    expect(early).toEqual({ id: shiftId(SAMPLE_SHIFT_NAMES.early), name: SAMPLE_SHIFT_NAMES.early });
    await connector.shift(shiftId(SAMPLE_SHIFT_NAMES.early));
    expect(calls(`GET ${A}/shifts/:shift_id`)).toHaveLength(1);
    expect(await connector.shift('7000000000000000001')).toBeNull();
    const rule = connector.ruleWithShift(factory, early!);
    expect(rule?.name).toBe(SAMPLE_GROUP_NAMES.shiftBased);
    expect(connector.ruleWithShift('7000000000000000002', early!)).toBeNull();
    expect((await connector.allShifts(() => undefined)).map((shift) => shift.name)).toEqual(
      expect.arrayContaining(Object.values(SAMPLE_SHIFT_NAMES)),
    );
  });

  it('names a refused day as Feishu does, the shift id as the value not written', () => {
    expect(new FeishuRostersConnector({} as FeishuClient).refusedDay(write('e2001', december(1), 's1'), 'no')).toEqual({
      message: 'Feishu refused the roster of e2001 on this day: no',
      targetValue: 's1',
    });
  });
});

function punch(userId: string, at: number): CanonicalPunch {
  return {
    vendor: 'wecom',
    sourceKey: `w-${userId}-${at}`,
    userId,
    at,
    kind: 'on_duty',
    origin: 'person',
    recordedBy: null,
    locationTitle: '苏州工业园区星湖街328号',
    locationDetail: '',
    position: { lat: 31.2652, lng: 120.7362 },
    wifi: null,
    note: '',
    isField: false,
    photoCount: 0,
    verdicts: [],
    deviceId: '',
  };
}

describe('FeishuPunchesConnector', () => {
  it('imports ≤ 50 flows per batch_create and knows each by its idempotent_id; read back, they carry the gateway mark', async () => {
    const { client, calls, sink, setAside } = await setup();
    const connector = new FeishuPunchesConnector(client);
    const start = 1795392000;
    const writes = Array.from({ length: connector.writeBatch + 1 }, (_, index) => {
      const translation = connector.punchWrite(punch('chenjing', start + index * 60), 'e2001');
      if (!translation.ok) throw new Error(JSON.stringify(translation.losses));
      return translation.value;
    });
    expect(connector.writeBatch).toBe(50);
    const keys = [
      ...(await connector.writePunches(writes.slice(0, 50))),
      ...(await connector.writePunches(writes.slice(50))),
    ];
    expect(calls(FLOW_IMPORT).map((call) => (call.body as { flow_records: unknown[] }).flow_records.length)).toEqual([
      50, 1,
    ]);
    expect(keys.every((key) => typeof key === 'string')).toBe(true);
    const records = await connector.readPunches(['e2001'], { start, end: start + 51 * 60 }, sink);
    const ours = records.filter((record) => keys.includes(record.recordKey));
    expect(ours).toHaveLength(51);
    expect(ours.every((record) => record.fromGateway && record.user === 'e2001')).toBe(true);
    expect(setAside).toEqual([]);
  });

  it('reads flows as punch records keyed by record_id: an unreadable flow is set aside, the others read', async () => {
    const { emulator, client, sink, setAside } = await setup();
    const at = 1795392000;
    const [good, bad] = emulator.seedFlows([
      { user_id: 'e2001', creator_id: 'e2001', location_name: 'HQ', check_time: String(at), comment: '', type: 0 },
      { user_id: 'e2001', creator_id: 'e2001', location_name: 'HQ', check_time: String(at + 60), comment: '', type: 0 },
    ]);
    // A type that is not a whole number is unreadable (the emulator still answers it within the window).
    emulator.editFlow(bad!, (flow) => {
      flow['type'] = 'user';
    });
    const records = await new FeishuPunchesConnector(client).readPunches(['e2001'], { start: at, end: at + 120 }, sink);
    expect(records.map((record) => [record.user, record.recordKey, record.fromGateway])).toEqual([
      ['e2001', good, false],
    ]);
    expect(records[0]!.read()).toMatchObject({ ok: true, value: { userId: 'e2001', at } });
    expect(setAside).toEqual([
      expect.objectContaining({ vendor: 'feishu', kind: 'punch', recordId: bad, field: 'type' }),
    ]);
  });
});
