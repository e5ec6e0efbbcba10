import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DirectoryPerson, VendorError } from '@app/kernel';
import { WecomClient } from '@app/wecom';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { SAMPLE_CONTACTS } from '../../../../apps/emulators/src/sample-company/contacts.js';
import { SAMPLE_CREDENTIALS } from '../../../../apps/emulators/src/sample-company/people.js';
import {
  SAMPLE_ROOT_DEPARTMENT,
  WecomEmulator,
  type WecomEmulatorOptions,
} from '../../../../apps/emulators/src/wecom/index.js';
import { VirtualClock } from '../../../feishu/test/virtual-clock.js';
import { WecomDirectoryConnector, type WecomDirectoryOptions } from './wecom-directory.connector.js';

// The WeCom directory connector against the WeCom emulator over HTTP, on a virtual clock shared by both: the
// tree from the root 1, people deduplicated across departments, status, what a new app is (not) given, tolerant
// reads, and the one-by-one lookups with WeCom's day budget of failed lookups.

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/**
 * A plain HTTP proxy in front of the emulator that counts the calls in flight at once: how many lookups the
 * connector really has open, seen on the wire.
 *
 * Every call has a connection of its own on both sides of the proxy. With keep-alive, a worker whose event loop
 * stalls past the servers' 5 s keep-alive (a loaded CI host did) sends its next call on a socket the server is
 * closing at that moment: "socket hang up", a transient failure that stops the lookups. That race is between
 * Node's agent and server timers, not the connector's concurrency, which is what this proxy is here to count.
 */
async function countingProxy(target: string): Promise<{ url: string; maxInFlight: () => number }> {
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((incoming, outgoing) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    outgoing.on('close', () => (inFlight -= 1));
    const upstream = httpRequest(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: { ...incoming.headers, connection: 'close' }, agent: false },
      (answer) => {
        const { 'keep-alive': _hint, ...headers } = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 502, { ...headers, connection: 'close' });
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  running.push({
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${port}`, maxInFlight: () => maxInFlight };
}

async function setup(
  options: { emulator?: WecomEmulatorOptions; connector?: WecomDirectoryOptions; countCalls?: boolean } = {},
) {
  const clock = new VirtualClock(Date.UTC(2026, 2, 18, 4, 0, 0));
  const emulator = new WecomEmulator({ clock: () => clock.now(), tokenTtlSeconds: 86_400, ...options.emulator });
  const server = await emulator.listen();
  running.push(server);
  const proxy = options.countCalls ? await countingProxy(server.url) : null;
  const client = new WecomClient({
    ...SAMPLE_CREDENTIALS.wecom,
    baseUrl: proxy?.url ?? server.url,
    clock,
    random: () => 0.5,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    // A bound for a hang, not a speed expectation: a loaded worker's event loop can stall for seconds while a
    // call is in flight, and a call timed out is a transient failure that stops the lookups.
    timeoutMs: 30_000,
  });
  return {
    emulator,
    connector: new WecomDirectoryConnector(client, options.connector),
    maxInFlight: () => proxy?.maxInFlight() ?? 0,
  };
}

const byId = (people: readonly DirectoryPerson[]) => new Map(people.map((person) => [person.id, person]));
const zhangwei = SAMPLE_CONTACTS['zhangwei']!;
const lina = SAMPLE_CONTACTS['lina']!;

describe('WecomDirectoryConnector.readDirectory', () => {
  it('reads the sample company as a new app sees it: the tree from the root 1, no mobiles or emails, 工号', async () => {
    const { connector } = await setup();
    const { people, departments, unreadable } = await connector.readDirectory();
    expect(departments).toEqual([
      { id: '1', name: SAMPLE_ROOT_DEPARTMENT.name, parentId: null },
      { id: '2', name: '总部', parentId: '1' },
      { id: '3', name: '工厂', parentId: '1' },
      { id: '4', name: '门店', parentId: '1' },
    ]);
    expect(people).toHaveLength(14);
    expect(byId(people).get('zhangwei')).toEqual({
      id: 'zhangwei',
      name: '张伟',
      active: true,
      attributes: { employee_no: 'NO1001' },
      departmentIds: ['2'],
    });
    expect(unreadable).toEqual([]);
  });

  it('an app created before 2022-06-20 is given the 企业邮箱 and the mobile', async () => {
    const { connector } = await setup({ emulator: { contact: { sensitiveFields: true } } });
    const people = byId((await connector.readDirectory()).people);
    expect(people.get('zhangwei')?.attributes).toEqual({
      email: zhangwei.workEmail,
      mobile: zhangwei.mobile,
      employee_no: 'NO1001',
    });
  });

  it('lists a member of several departments once, with all of them', async () => {
    const { emulator, connector } = await setup();
    emulator.addDirectoryMembers([{ userid: 'shuanggang', name: '双岗', partyIds: ['2', '3'], status: 1 }]);
    const { people } = await connector.readDirectory();
    expect(people.filter((person) => person.id === 'shuanggang')).toEqual([
      { id: 'shuanggang', name: '双岗', active: true, attributes: {}, departmentIds: ['2', '3'] },
    ]);
    expect(people).toHaveLength(15);
  });

  it('reads disabled members as inactive, 未激活 ones as active, and leaves out those who left', async () => {
    const { emulator, connector } = await setup();
    emulator.addDirectoryMembers([
      { userid: 'disabled', partyIds: ['3'], status: 2 },
      { userid: 'notyet', partyIds: ['3'], status: 4 },
      { userid: 'gone', partyIds: ['3'], status: 5 },
    ]);
    const people = byId((await connector.readDirectory()).people);
    expect(people.get('disabled')?.active).toBe(false);
    expect(people.get('notyet')?.active).toBe(true);
    expect(people.has('gone')).toBe(false);
  });

  it('tolerates missing fields and sets an unreadable member aside; the 工号 attribute name is configurable', async () => {
    const { emulator, connector } = await setup({ connector: { employeeNoAttribute: '员工编号' } });
    emulator.addDirectoryMembers([
      { userid: 'bare', partyIds: ['4'] },
      {
        userid: 'numbered',
        partyIds: ['4'],
        extattr: { attrs: [{ type: 0, name: '员工编号', text: { value: 'E-77' } }] },
      },
      // A record that breaks the docs: its name is no string. It costs that record only.
      { userid: 'broken', partyIds: ['4'], name: 7 as unknown as string },
    ]);
    const { people, unreadable } = await connector.readDirectory();
    const found = byId(people);
    expect(found.get('bare')).toEqual({ id: 'bare', active: true, attributes: {}, departmentIds: ['4'] });
    expect(found.get('numbered')?.attributes).toEqual({ employee_no: 'E-77' });
    expect(found.get('zhangwei')?.attributes).toEqual({});
    expect(found.has('broken')).toBe(false);
    expect(unreadable).toEqual([
      expect.objectContaining({ vendor: 'wecom', kind: 'department member', recordId: 'broken', field: 'name' }),
    ]);
  });

  it('names the visible range to widen when the root is outside it', async () => {
    const { connector } = await setup({
      emulator: { contact: { visibleRange: { departmentIds: [3], userids: [] } } },
    });
    const error = await connector.readDirectory().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toEqual(expect.objectContaining({ vendor: 'wecom', kind: 'permission', vendorCode: 60011 }));
    expect((error as VendorError).message).toContain('可见范围');
  });
});

describe('WecomDirectoryConnector.lookup', () => {
  it('finds members by 企业邮箱 and by mobile, one call each; nobody or a malformed value → null', async () => {
    const { emulator, connector } = await setup();
    const progress: number[] = [];
    const emails = await connector.lookup(
      'email',
      [zhangwei.workEmail, 'nobody@sample-company.example', zhangwei.workEmail, '', 'not-an-email'],
      (done) => progress.push(done),
    );
    expect(emails).toEqual({
      found: new Map([
        [zhangwei.workEmail, 'zhangwei'],
        ['nobody@sample-company.example', null],
        ['', null],
        ['not-an-email', null],
      ]),
    });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    // The repeated and the empty value were not asked; type 1 only.
    expect(emulator.calls('get_userid_by_email').map((call) => call.body)).toEqual([
      { email: zhangwei.workEmail, email_type: 1 },
      { email: 'nobody@sample-company.example', email_type: 1 },
      { email: 'not-an-email', email_type: 1 },
    ]);
    // Feishu's "+86" form finds the member WeCom holds without it.
    const mobiles = await connector.lookup('mobile', [zhangwei.mobile, '13900000000', `+86${lina.mobile}`]);
    expect(mobiles.found).toEqual(
      new Map([
        [zhangwei.mobile, 'zhangwei'],
        ['13900000000', null],
        [`+86${lina.mobile}`, 'lina'],
      ]),
    );
    await expect(connector.lookup('employee_no', ['NO1001'])).rejects.toThrow(RangeError);
  });

  it('stops when the day budget of failed lookups is spent and answers what it found before', async () => {
    // Seat limit 5: the lookups refuse once more than one has failed today ([W1]).
    const { emulator, connector } = await setup({ emulator: { contact: { seatLimit: 5 } } });
    const answer = await connector.lookup('mobile', [
      '13900000001',
      zhangwei.mobile,
      '13900000002',
      lina.mobile,
      '13900000003',
    ]);
    expect(answer.found).toEqual(
      new Map([
        ['13900000001', null],
        [zhangwei.mobile, 'zhangwei'],
        ['13900000002', null],
      ]),
    );
    expect(answer.stoppedBy).toEqual(
      expect.objectContaining({ vendor: 'wecom', kind: 'rate_limit', vendorCode: 45009 }),
    );
    expect(emulator.calls('getuserid')).toHaveLength(4);
  });

  it('keeps lookupConcurrency lookups in flight at once, one by default, with the same answers', async () => {
    const values = [zhangwei.mobile, lina.mobile, ...Array.from({ length: 10 }, (_, i) => `1390000010${i}`)];
    // Each lookup takes 40 ms at the emulator, so calls that are started together overlap on the wire.
    const slow = [
      { endpoint: 'POST /cgi-bin/user/getuserid', kind: 'latency' as const, probability: 1, latencyMs: 40 },
    ];
    const answers = [];
    for (const lookupConcurrency of [undefined, 4]) {
      const { emulator, connector, maxInFlight } = await setup({
        countCalls: true,
        connector: lookupConcurrency === undefined ? {} : { lookupConcurrency },
      });
      emulator.faults.configure(slow);
      const progress: number[] = [];
      answers.push(await connector.lookup('mobile', values, (done) => progress.push(done)));
      expect(emulator.calls('getuserid')).toHaveLength(values.length);
      expect(progress).toEqual(values.map((_, i) => i + 1));
      expect(maxInFlight()).toBe(lookupConcurrency ?? 1);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]!.found.get(lina.mobile)).toBe('lina');
    expect(() => new WecomDirectoryConnector({} as WecomClient, { lookupConcurrency: 0 })).toThrow(RangeError);
  });

  it('with lookups in flight at once, starts none after a refusal and answers the first refusal', async () => {
    // Seat limit 5: the lookups refuse once more than one has failed today ([W1]); every value here is a miss.
    const { emulator, connector } = await setup({
      emulator: { contact: { seatLimit: 5 } },
      connector: { lookupConcurrency: 3 },
    });
    const values = Array.from({ length: 12 }, (_, i) => `139000002${String(i).padStart(2, '0')}`);
    const answer = await connector.lookup('mobile', values);
    expect(answer.stoppedBy).toEqual(expect.objectContaining({ kind: 'rate_limit', vendorCode: 45009 }));
    // Two misses spend the budget; of the calls then in flight or started before the refusal came back, none
    // found anyone, and nothing was asked after it.
    const calls = emulator.calls('getuserid').length;
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(2 + 3);
    expect([...answer.found.values()].every((id) => id === null)).toBe(true);
    expect(answer.found.size).toBeLessThan(calls);
  });

  it('stops at a member outside the visible range (a permission refusal)', async () => {
    const { connector } = await setup({ emulator: { contact: { visibleRange: { departmentIds: [3], userids: [] } } } });
    const answer = await connector.lookup('mobile', [SAMPLE_CONTACTS['yanglei']!.mobile, zhangwei.mobile]);
    expect(answer.found).toEqual(new Map([[SAMPLE_CONTACTS['yanglei']!.mobile, 'yanglei']]));
    expect(answer.stoppedBy).toEqual(expect.objectContaining({ kind: 'permission', vendorCode: 60011 }));
  });
});
