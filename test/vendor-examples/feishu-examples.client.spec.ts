import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeishuClient } from '@app/feishu';
import { feishuFlowToPunch, feishuToCanonical } from '@app/translation';

// The Feishu doc examples (test/fixtures/vendor-examples, from vicenteyu/FeishuNetSdk as its README says) served
// by a plain HTTP server to the real client, not the emulator: what the client parses from a vendor's own
// answer, and what the mappers make of it (issue #22).

const EXAMPLES = join(process.cwd(), 'test/fixtures/vendor-examples');
const GROUP = 'feishu-group-get-response-FeishuNetSdk.json';
const ANSWERS: Record<string, string> = {
  '/open-apis/attendance/v1/groups/6919358128597097404': GROUP,
  '/open-apis/attendance/v1/shifts/6919358778597097404': 'feishu-shift-get-response-FeishuNetSdk.json',
  '/open-apis/attendance/v1/user_flows/query': 'feishu-user_flows-query-response-FeishuNetSdk.json',
  '/open-apis/attendance/v1/user_daily_shifts/query': 'feishu-user_daily_shifts-query-response-FeishuNetSdk.json',
};

let server: Server;
let baseUrl: string;
const requests: { path: string; body: unknown }[] = [];

function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let text = '';
  request.on('data', (chunk: Buffer) => (text += chunk.toString()));
  request.on('end', () => {
    requests.push({ path: url.pathname, body: text === '' ? null : (JSON.parse(text) as unknown) });
    const file = ANSWERS[url.pathname];
    const body =
      url.pathname === '/open-apis/attendance/v1/groups/6919358128597097405'
        ? JSON.stringify(groupWithoutPlaceholders())
        : url.pathname === '/open-apis/auth/v3/tenant_access_token/internal'
          ? JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: 't-example', expire: 7200 })
          : file
            ? readFileSync(join(EXAMPLES, file), 'utf8')
            : JSON.stringify({ code: 404, msg: `no example for ${url.pathname}` });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  });
}

function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Record<string, unknown>;
}

/**
 * The group example with its doc placeholders filled in (the examples' README: `punch_day_shift_ids` holds
 * "xxx", `new_calendar_id` holds prose): the example shift on weekdays, rest at the weekend, no new calendar.
 */
function groupWithoutPlaceholders(): Record<string, unknown> {
  const answer = example(GROUP);
  const { new_calendar_id: _prose, ...data } = answer['data'] as Record<string, unknown>;
  const shift = '6919358778597097404';
  return { ...answer, data: { ...data, punch_day_shift_ids: [shift, shift, shift, shift, shift, '0', '0'] } };
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function client(): FeishuClient {
  return new FeishuClient({
    appId: 'cli_example',
    appSecret: 'example-secret',
    baseUrl,
    employeeType: 'employee_id',
    deptType: 'open_id',
  });
}

describe('Feishu doc examples through the real client and the mappers', () => {
  it('groups/:id as the doc gives it is refused, naming its placeholders', async () => {
    const read = client().getGroup('6919358128597097404');
    await expect(read).rejects.toThrow(/punch_day_shift_ids: holds values that are not shift ids .*"xxx"/);
    await expect(client().getGroup('6919358128597097404')).rejects.toThrow(/new_calendar_id/);
  });

  it('shifts/:id is read; the mapper reads the group (placeholders filled) and names the one shift it lacks', async () => {
    const shift = await client().getShift('6919358778597097404');
    expect(shift).toMatchObject({ shift_id: '6919358778597097404', shift_name: '早班', punch_times: 1 });
    expect(shift.punch_time_rule[0]).toMatchObject({ on_time: '9:00', off_time: '18:00' });
    const group = await client().getGroup('6919358128597097405');
    const canonical = feishuToCanonical({ group, shifts: [shift] });
    // The group's special days use a second shift the doc gives no example of: the group is refused for that
    // alone, and everything else it cannot carry is reported beside it.
    expect(canonical.ok).toBe(false);
    expect(canonical.losses.filter((loss) => loss.severity === 'blocking').map((loss) => loss.field)).toEqual([
      'shifts[6919668827865513935]',
    ]);
    expect(canonical.losses.map((loss) => loss.field)).toEqual(
      expect.arrayContaining(['machines', 'shifts[6919358778597097404].overtime_rule', 'out_punch_need_approval']),
    );
  });

  it('user_flows/query: the flow is read and mapped', async () => {
    const flows = await client().queryUserFlows({
      userIds: ['abd754f7'],
      checkTimeFrom: '1611446400',
      checkTimeTo: '1611532800',
    });
    expect(requests.at(-1)).toEqual({
      path: '/open-apis/attendance/v1/user_flows/query',
      body: { user_ids: ['abd754f7'], check_time_from: '1611446400', check_time_to: '1611532800' },
    });
    expect(flows.map(({ record_id, check_time, check_result }) => ({ record_id, check_time, check_result }))).toEqual([
      { record_id: '6709359313699356941', check_time: '1611476284', check_result: 'PendingApproval' },
    ]);
    // The example's flow awaits approval: not yet a punch, so it is skipped with the reason, not carried.
    expect(flows.map((flow) => feishuFlowToPunch(flow))).toEqual([
      { ok: false, skipped: 'a punch still awaiting approval in Feishu (待生效), not yet a valid punch', losses: [] },
    ]);
  });

  it('user_daily_shifts/query: the roster day is read as the doc gives it', async () => {
    const unreadable: unknown[] = [];
    const days = await client().queryUserDailyShifts({
      userIds: ['abd754f7'],
      checkDateFrom: 20210121,
      checkDateTo: 20210121,
      onUnreadable: (record) => unreadable.push(record),
    });
    expect(unreadable).toEqual([]);
    expect(requests.at(-1)).toEqual({
      path: '/open-apis/attendance/v1/user_daily_shifts/query',
      body: { user_ids: ['abd754f7'], check_date_from: 20210121, check_date_to: 20210121 },
    });
    expect(days).toEqual([
      expect.objectContaining({
        group_id: '6737202939523236110',
        shift_id: '6753520403404030215',
        month: 202101,
        user_id: 'abd754f7',
        day_no: 21,
      }),
    ]);
  });
});
