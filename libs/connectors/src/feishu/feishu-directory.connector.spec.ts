import { type DirectoryPerson, VendorError } from '@app/kernel';
import { FeishuClient } from '@app/feishu';
import type { RunningServer } from '../../../../apps/emulators/src/common/emulator-server.js';
import { FeishuEmulator, type FeishuEmulatorOptions } from '../../../../apps/emulators/src/feishu/index.js';
import { SAMPLE_CONTACTS } from '../../../../apps/emulators/src/sample-company/contacts.js';
import { SAMPLE_CREDENTIALS, SAMPLE_DEPARTMENTS } from '../../../../apps/emulators/src/sample-company/people.js';
import { VirtualClock } from '../../../feishu/test/virtual-clock.js';
import { FeishuDirectoryConnector } from './feishu-directory.connector.js';

// The Feishu directory connector against the Feishu emulator over HTTP, on a virtual clock shared by both:
// the tree from the root, people deduplicated across departments, status, tolerant reads, batch_get_id lookups.

const C = '/open-apis/contact/v3';
const HQ = SAMPLE_DEPARTMENTS.headquarters.feishuDepartmentId;
const FACTORY = SAMPLE_DEPARTMENTS.factory.feishuDepartmentId;

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(options: FeishuEmulatorOptions = {}) {
  const clock = new VirtualClock();
  const emulator = new FeishuEmulator({ seed: 21, clock: () => clock.now(), ...options });
  const server = await emulator.listen();
  servers.push(server);
  const client = new FeishuClient({
    ...SAMPLE_CREDENTIALS.feishu,
    baseUrl: server.url,
    employeeType: 'employee_id',
    deptType: 'open_id',
    clock,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const calls = (endpoint: string) => emulator.calls().filter((call) => call.endpoint === endpoint);
  return { emulator, connector: new FeishuDirectoryConnector(client), calls };
}

const byId = (people: readonly DirectoryPerson[]) => new Map(people.map((person) => [person.id, person]));

describe('FeishuDirectoryConnector.readDirectory', () => {
  it('reads the sample company: the root and its departments, everyone with work email, mobile and 工号', async () => {
    const { connector } = await setup();
    const { people, departments, unreadable } = await connector.readDirectory();
    expect(departments).toEqual([
      { id: '0', parentId: null },
      { id: HQ, name: '总部', parentId: '0' },
      { id: FACTORY, name: '工厂', parentId: '0' },
      { id: SAMPLE_DEPARTMENTS.stores.feishuDepartmentId, name: '门店', parentId: '0' },
    ]);
    expect(people).toHaveLength(14);
    expect(byId(people).get('e1001')).toEqual({
      id: 'e1001',
      name: '张伟',
      active: true,
      attributes: { email: SAMPLE_CONTACTS['zhangwei']?.workEmail, mobile: '+8613800001001', employee_no: 'NO1001' },
      departmentIds: [HQ],
    });
    expect(unreadable).toEqual([]);
  });

  it('lists a person of several departments once, with all of them; people under the root too', async () => {
    const { emulator, connector } = await setup();
    emulator.addContacts([
      { employeeId: 'e5001', employeeNo: 'NO5001', name: '双岗', departmentId: HQ, otherDepartmentIds: [FACTORY] },
      { employeeId: 'e5002', employeeNo: 'NO5002', name: '根部', departmentId: '0' },
    ]);
    const people = byId((await connector.readDirectory()).people);
    expect(people.get('e5001')?.departmentIds).toEqual([HQ, FACTORY]);
    expect(people.get('e5002')?.departmentIds).toEqual(['0']);
    expect(people.size).toBe(16);
  });

  it('reads frozen people as inactive, leaves out the resigned, and tolerates missing and unreadable fields', async () => {
    const { emulator, connector } = await setup();
    emulator.addContacts([
      { employeeId: 'e5003', employeeNo: 'NO5003', name: '冻结', departmentId: HQ, frozen: true },
      { employeeId: 'e5004', employeeNo: 'NO5004', name: '离职', departmentId: HQ, resigned: true },
      { employeeId: 'e5005', employeeNo: '', name: '无联系方式', departmentId: FACTORY },
      // A record that breaks the docs: its email is no string. It costs that record only.
      { employeeId: 'e5006', employeeNo: 'NO5006', name: '坏', departmentId: FACTORY, email: 42 as unknown as string },
    ]);
    const { people, unreadable } = await connector.readDirectory();
    const found = byId(people);
    expect(found.get('e5003')?.active).toBe(false);
    expect(found.has('e5004')).toBe(false);
    expect(found.get('e5005')).toEqual({
      id: 'e5005',
      name: '无联系方式',
      active: true,
      attributes: {},
      departmentIds: [FACTORY],
    });
    expect(found.has('e5006')).toBe(false);
    expect(unreadable).toEqual([
      expect.objectContaining({ vendor: 'feishu', kind: 'contact user', recordId: 'e5006', field: 'email' }),
    ]);
    expect(people).toHaveLength(16);
  });

  it('reads nested departments in one recursive children list, and the members of each', async () => {
    const { emulator, connector, calls } = await setup();
    emulator.addDepartments([{ openDepartmentId: 'od-sub', departmentId: 'sub', name: '质检', parentOpenId: FACTORY }]);
    emulator.addContacts([{ employeeId: 'e5007', employeeNo: 'NO5007', name: '质检员', departmentId: 'od-sub' }]);
    const { departments, people } = await connector.readDirectory();
    expect(departments).toContainEqual({ id: 'od-sub', name: '质检', parentId: FACTORY });
    expect(byId(people).get('e5007')?.departmentIds).toEqual(['od-sub']);
    expect(calls(`GET ${C}/departments/:department_id/children`)).toHaveLength(1);
    // One member list per department, the root's included.
    expect(calls(`GET ${C}/users/find_by_department`)).toHaveLength(5);
  });

  it('sets a member without user_id (its field scope missing) aside once, however many departments list them', async () => {
    // Stand-in client: the emulated app holds every field scope, so this answer needs one.
    async function* items<T>(list: T[]) {
      for (const item of list) yield await Promise.resolve(item);
    }
    const noUserId = { open_id: 'ou_x', name: '无工号', department_ids: ['od-a', 'od-b'] };
    const client = {
      listDepartmentChildren: () =>
        items([
          { open_department_id: 'od-a', name: 'A', parent_department_id: '0' },
          { open_department_id: 'od-b', name: 'B', parent_department_id: '0' },
        ]),
      listUsersByDepartment: (department: string) =>
        items(department === '0' ? [] : [noUserId, { user_id: `u-${department}`, open_id: `ou_${department}` }]),
    } as unknown as FeishuClient;
    const { people, unreadable } = await new FeishuDirectoryConnector(client).readDirectory();
    expect(people.map((person) => person.id)).toEqual(['u-od-a', 'u-od-b']);
    expect(unreadable).toEqual([
      expect.objectContaining({ vendor: 'feishu', kind: 'contact user', recordId: 'ou_x', field: 'user_id' }),
    ]);
  });

  it('names the scope to grant when the root is outside the contact data scope', async () => {
    const { connector } = await setup({ contactScope: { departments: [HQ] } });
    const error = await connector.readDirectory().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toEqual(expect.objectContaining({ vendor: 'feishu', kind: 'permission', vendorCode: 40004 }));
    expect((error as VendorError).message).toContain('通讯录权限范围');
    expect((error as VendorError).message).toContain('全部成员');
  });
});

describe('FeishuDirectoryConnector.lookup', () => {
  it('finds people by work email and by mobile (with or without +86); nobody → null', async () => {
    const { connector } = await setup();
    const emails = await connector.lookup('email', ['zhangwei@sample-company.example', 'nobody@example.com', ' ']);
    expect(emails).toEqual({
      found: new Map([
        [' ', null],
        ['zhangwei@sample-company.example', 'e1001'],
        ['nobody@example.com', null],
      ]),
    });
    const mobiles = await connector.lookup('mobile', ['13800002001', '+8613800003001', '13999999999']);
    expect(mobiles.found).toEqual(
      new Map([
        ['13800002001', 'e2001'],
        ['+8613800003001', 'e3001'],
        ['13999999999', null],
      ]),
    );
    await expect(connector.lookup('employee_no', ['NO1001'])).rejects.toThrow(RangeError);
  });

  it('asks batch_get_id 50 values a call and reports progress per call', async () => {
    const { connector, calls } = await setup();
    const values = Array.from({ length: 120 }, (_, i) => `p${i}@example.com`);
    const progress: number[] = [];
    const answer = await connector.lookup('email', values, (done) => progress.push(done));
    expect(answer.found.size).toBe(120);
    expect(
      calls(`POST ${C}/users/batch_get_id`).map((call) => (call.body as { emails: string[] }).emails.length),
    ).toEqual([50, 50, 20]);
    expect(progress).toEqual([50, 100, 120]);
  });

  it('stops at a refusal and answers what was found before it', async () => {
    const { emulator, connector } = await setup();
    emulator.faults.configure([{ endpoint: `POST ${C}/users/batch_get_id`, kind: 'rate_limit', probability: 1 }]);
    const answer = await connector.lookup('email', ['zhangwei@sample-company.example']);
    expect(answer.found.size).toBe(0);
    expect(answer.stoppedBy).toEqual(expect.objectContaining({ vendor: 'feishu', kind: 'rate_limit' }));
  });
});
