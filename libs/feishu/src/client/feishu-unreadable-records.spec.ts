import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type UnreadableRecord, VendorError } from '@app/kernel';
import { FeishuClient } from './feishu.client.js';

// Lists and pages are read element by element: an element the read model refuses is set aside with its id,
// position and field, and every other element is returned. The page frame (has_more, page_token) and the
// envelope stay whole-answer checks. A raw HTTP server plays Feishu so the answers can be anything.

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const GROUPS = 'GET /open-apis/attendance/v1/groups';
const FLOWS = 'POST /open-apis/attendance/v1/user_flows/query';
const DAILY = 'POST /open-apis/attendance/v1/user_daily_shifts/query';

let server: Server;
let baseUrl: string;
let answers: Record<string, (url: URL) => unknown> = {};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    req.on('end', () => {
      if (url.pathname === TOKEN_PATH) return reply({ code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 });
      const answer = answers[`${req.method} ${url.pathname}`];
      if (!answer) return reply({ code: 1220002, msg: 'not found', data: {} });
      return reply({ code: 0, msg: 'success', data: answer(url) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function client(): FeishuClient {
  return new FeishuClient({
    appId: 'cli_test',
    appSecret: 'secret',
    baseUrl,
    employeeType: 'employee_id',
    deptType: 'open_id',
    timeoutMs: 2000,
    retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 10 },
  });
}

describe('Feishu list reads set one unreadable element aside', () => {
  it('listGroups: the odd group of page 2 is set aside with its id and its position across pages', async () => {
    answers = {
      [GROUPS]: (url) =>
        url.searchParams.get('page_token') === 'p2'
          ? {
              group_list: [
                { group_id: '7003', group_name: 'c' },
                { group_id: '7004', group_name: 42 },
              ],
              has_more: false,
            }
          : {
              group_list: [
                { group_id: '7001', group_name: 'a', added_later: true },
                { group_id: '7002', group_name: 'b' },
              ],
              has_more: true,
              page_token: 'p2',
            },
    };
    const setAside: UnreadableRecord[] = [];
    const groups = [];
    for await (const group of client().listGroups({ onUnreadable: (record) => setAside.push(record) })) {
      groups.push(group);
    }
    expect(groups.map((group) => group.group_id)).toEqual(['7001', '7002', '7003']);
    expect(groups[0]).toEqual({ group_id: '7001', group_name: 'a', added_later: true });
    expect(setAside).toEqual([
      {
        vendor: 'feishu',
        endpoint: GROUPS,
        kind: 'attendance group',
        recordId: '7004',
        index: 3,
        field: 'group_name',
        reason: expect.stringMatching(/^group_name: .*expected string/),
      },
    ]);
  });

  it('a page without has_more is still the whole answer failing (the paging cannot be trusted)', async () => {
    answers = { [GROUPS]: () => ({ group_list: [{ group_id: '7001', group_name: 'a' }] }) };
    const read = async () => {
      for await (const _group of client().listGroups()) {
        // drain
      }
    };
    await expect(read()).rejects.toBeInstanceOf(VendorError);
  });

  it('queryUserFlows: a flow without check_time is set aside by its record_id; the others are returned', async () => {
    answers = {
      [FLOWS]: () => ({
        user_flow_results: [
          {
            user_id: 'e1001',
            creator_id: 'e1001',
            location_name: 'HQ',
            check_time: '1700000000',
            comment: '',
            record_id: '11',
          },
          { user_id: 'e1002', creator_id: 'e1002', location_name: 'HQ', comment: '', record_id: '12' },
        ],
      }),
    };
    const setAside: UnreadableRecord[] = [];
    const flows = await client().queryUserFlows({
      userIds: ['e1001', 'e1002'],
      checkTimeFrom: '1699990000',
      checkTimeTo: '1700090000',
      onUnreadable: (record) => setAside.push(record),
    });
    expect(flows.map((flow) => flow.record_id)).toEqual(['11']);
    expect(setAside).toEqual([
      expect.objectContaining({ kind: 'punch', recordId: '12', index: 1, field: 'check_time', endpoint: FLOWS }),
    ]);
  });

  it('queryUserDailyShifts: a day with an impossible day_no is set aside as user@month/day', async () => {
    answers = {
      [DAILY]: () => ({
        user_daily_shifts: [
          { group_id: '7001', shift_id: '0', month: 202612, user_id: 'e1001', day_no: 4 },
          { group_id: '7001', shift_id: '0', month: 202612, user_id: 'e1001', day_no: 40 },
        ],
      }),
    };
    const setAside: UnreadableRecord[] = [];
    const days = await client().queryUserDailyShifts({
      userIds: ['e1001'],
      checkDateFrom: 20261201,
      checkDateTo: 20261210,
      onUnreadable: (record) => setAside.push(record),
    });
    expect(days.map((day) => day.day_no)).toEqual([4]);
    expect(setAside).toEqual([
      expect.objectContaining({ kind: 'roster day', recordId: 'e1001@202612/40', field: 'day_no' }),
    ]);
  });
});
