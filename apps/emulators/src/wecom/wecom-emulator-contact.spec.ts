// WeCom answers are JSON inspected loosely in assertions; typing each one would only restate the emulator.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CONTACTS } from '../sample-company/contacts.js';
import { SAMPLE_CREDENTIALS } from '../sample-company/people.js';
import { WecomEmulator, type WecomEmulatorOptions } from './index.js';

// The contact APIs of the WeCom emulator over HTTP (docs/vendor/wecom-contact.md): lookups and their errcodes,
// list_id paging, the visible range, the field restriction of new self-built apps, the lookups' day budget.

type Answer = Record<string, any>;
type Row = Record<string, unknown>;
const NOW_MS = Date.UTC(2026, 2, 18, 4, 0, 0);
const { corpId, corpSecret } = SAMPLE_CREDENTIALS.wecom;

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(options: WecomEmulatorOptions = {}) {
  const clock = { now: NOW_MS };
  const emulator = new WecomEmulator({ clock: () => clock.now, ...options });
  const server = await emulator.listen();
  running.push(server);
  const tokenAnswer = (await (
    await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)
  ).json()) as { access_token: string };
  const token = tokenAnswer.access_token;
  const post = async (path: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${server.url}/cgi-bin/${path}?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  const get = async (path: string, query: Record<string, string> = {}): Promise<Answer> => {
    const params = new URLSearchParams({ ...query, access_token: token });
    const response = await fetch(`${server.url}/cgi-bin/${path}?${params.toString()}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  return { emulator, clock, post, get };
}

const zhangwei = SAMPLE_CONTACTS['zhangwei']!;
const lina = SAMPLE_CONTACTS['lina']!;

describe('user/getuserid and user/get_userid_by_email', () => {
  it('finds the sample people by mobile, by 企业邮箱 (type 1, the default) and by 个人邮箱 (type 2)', async () => {
    const { post } = await start();
    expect(await post('user/getuserid', { mobile: zhangwei.mobile })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      userid: 'zhangwei',
    });
    expect((await post('user/getuserid', { mobile: SAMPLE_CONTACTS['sunli']!.mobile })).userid).toBe('sunli');
    expect((await post('user/get_userid_by_email', { email: zhangwei.workEmail })).userid).toBe('zhangwei');
    expect((await post('user/get_userid_by_email', { email: zhangwei.workEmail, email_type: 1 })).userid).toBe(
      'zhangwei',
    );
    expect((await post('user/get_userid_by_email', { email: lina.personalEmail, email_type: 2 })).userid).toBe('lina');
    // A work email is not a personal one: each type searches its own field.
    expect((await post('user/get_userid_by_email', { email: zhangwei.workEmail, email_type: 2 })).errcode).toBe(46004);
  });

  it('answers 46004 for nobody, 60103 / 60105 for a malformed mobile / email, 40058 for a bad email_type', async () => {
    const { post, emulator } = await start();
    const codes = [
      await post('user/getuserid', { mobile: '13900000000' }),
      await post('user/getuserid', { mobile: '138-abc' }),
      await post('user/getuserid', { mobile: '1234' }),
      await post('user/getuserid', { mobile: '1'.repeat(33) }),
      await post('user/getuserid', {}),
      await post('user/get_userid_by_email', { email: 'nobody@sample-tech.cn' }),
      await post('user/get_userid_by_email', { email: 'not-an-email' }),
      await post('user/get_userid_by_email', { email: `${'a'.repeat(60)}@x.cn` }),
      await post('user/get_userid_by_email', { email: zhangwei.workEmail, email_type: 3 }),
    ].map((answer): unknown => answer.errcode);
    expect(codes).toEqual([46004, 60103, 60103, 60103, 60103, 46004, 60105, 60105, 40058]);
    const last = emulator.requests.list().at(-1);
    expect(last).toEqual(expect.objectContaining({ path: '/cgi-bin/user/get_userid_by_email', code: 40058 }));
  });

  it('answers 60011 for a member outside the visible range, and 46004 for one who left', async () => {
    const { post, emulator } = await start({ contact: { visibleRange: { departmentIds: [3], userids: ['lina'] } } });
    expect((await post('user/getuserid', { mobile: zhangwei.mobile })).errcode).toBe(60011);
    expect((await post('user/get_userid_by_email', { email: lina.workEmail })).userid).toBe('lina');
    expect((await post('user/getuserid', { mobile: SAMPLE_CONTACTS['chenjing']!.mobile })).userid).toBe('chenjing');
    emulator.addDirectoryMembers([{ ...emulator.directoryMember('chenjing')!, status: 5 }]);
    expect((await post('user/getuserid', { mobile: SAMPLE_CONTACTS['chenjing']!.mobile })).errcode).toBe(46004);
  });

  it('blocks a lookup API for the rest of the day once its failures pass 20 % of the seat limit (45009)', async () => {
    const { post, clock } = await start({ contact: { seatLimit: 10 }, tokenTtlSeconds: 3 * 86_400 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await post('user/getuserid', { mobile: `1390000000${i}` })).errcode);
    codes.push((await post('user/getuserid', { mobile: zhangwei.mobile })).errcode);
    // the other lookup API keeps its own budget
    codes.push((await post('user/get_userid_by_email', { email: zhangwei.workEmail })).errcode);
    expect(codes).toEqual([46004, 46004, 46004, 45009, 45009, 0]);
    clock.now += 24 * 3_600_000;
    expect((await post('user/getuserid', { mobile: zhangwei.mobile })).userid).toBe('zhangwei');
  });
});

describe("the doc pages' examples", () => {
  it('answers the request examples of [W1] and [W2] with their answer shape', async () => {
    const { post, emulator } = await start();
    emulator.addDirectoryMembers([
      { userid: 'zhangsan', partyIds: ['2'], name: '张三', mobile: '13430388888', biz_mail: '12345@qq.com' },
    ]);
    expect(await post('user/getuserid', { mobile: '13430388888' })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      userid: 'zhangsan',
    });
    expect(await post('user/get_userid_by_email', { email: '12345@qq.com', email_type: 1 })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      userid: 'zhangsan',
    });
    const miss = await post('user/getuserid', { mobile: '13430388889' });
    expect(miss.errmsg).toMatch(/^user not found, hint: \[\d+\], from ip: .*\?e=46004$/);
  });
});

describe('user/list_id', () => {
  it('is refused to an app secret (48002) with its list key kept empty', async () => {
    const { post } = await start();
    const answer = await post('user/list_id', { limit: 10 });
    expect(answer.errcode).toBe(48002);
    expect(answer.dept_user).toEqual([]);
  });

  it('pages every (member, department) row with the contact-sync secret; an empty next_cursor ends it', async () => {
    const { post, emulator } = await start({ contact: { secret: 'contact_sync' } });
    const rows: any[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const answer = await post('user/list_id', { cursor, limit: 5 });
      expect(answer.errcode).toBe(0);
      expect(answer.dept_user.length).toBeLessThanOrEqual(5);
      rows.push(...answer.dept_user);
      cursor = answer.next_cursor;
      pages++;
    } while (cursor !== '');
    expect(pages).toBe(3);
    expect(rows.map((row: Row) => row.userid).sort()).toEqual(emulator.userIds().sort());
    expect(rows).toContainEqual({ userid: 'zhangwei', department: 2 });
  });

  it('checks limit (1–10000) and the cursor (40058)', async () => {
    const { post } = await start({ contact: { secret: 'contact_sync' } });
    const codes = [
      await post('user/list_id', { limit: 0 }),
      await post('user/list_id', { limit: 10_001 }),
      await post('user/list_id', { cursor: 'forged', limit: 10 }),
      await post('user/list_id', {}),
    ].map((answer): unknown => answer.errcode);
    expect(codes).toEqual([40058, 40058, 40058, 0]);
  });
});

describe('departments and members', () => {
  it('department/list: the whole tree with names and parents; a subtree; 60123 for an unknown id', async () => {
    const { get } = await start();
    const all = await get('department/list');
    expect(all.department.map((d: Row) => [d.id, d.name, d.parentid])).toEqual([
      [1, '示例科技有限公司', 0],
      [2, '总部', 1],
      [3, '工厂', 1],
      [4, '门店', 1],
    ]);
    expect((await get('department/list', { id: '3' })).department.map((d: Row) => d.id)).toEqual([3]);
    expect((await get('department/list', { id: '99' })).errcode).toBe(60123);
    expect((await get('department/simplelist')).department_id).toContainEqual({
      id: 2,
      parentid: 1,
      order: expect.any(Number),
    });
    expect((await get('department/get', { id: '4' })).department).toEqual(expect.objectContaining({ name: '门店' }));
  });

  it('keeps to the visible range: departments outside are left out, or 60011 when asked for by id', async () => {
    const { get } = await start({ contact: { visibleRange: { departmentIds: [3], userids: [] } } });
    expect((await get('department/list')).department.map((d: Row) => [d.id, d.parentid])).toEqual([[3, 1]]);
    expect((await get('department/list', { id: '2' })).errcode).toBe(60011);
    expect((await get('user/list', { department_id: '2' })).errcode).toBe(60011);
    expect((await get('user/simplelist', { department_id: '3' })).userlist.map((u: Row) => u.userid)).toEqual([
      'chenjing',
      'yanglei',
      'zhaomin',
      'huangyong',
    ]);
    expect((await get('user/get', { userid: 'zhangwei' })).errcode).toBe(60011);
  });

  it('user/list and user/get leave out mobile and email for a new self-built app (the default)', async () => {
    const { get } = await start();
    const members = (await get('user/list', { department_id: '2' })).userlist;
    expect(members.map((u: Row) => u.userid)).toEqual(['zhangwei', 'wangfang', 'lina', 'liuyang', 'e9001', 'e9002']);
    expect(members[0]).toEqual(
      expect.objectContaining({ userid: 'zhangwei', name: '张伟', department: [2], status: 1 }),
    );
    for (const member of members) {
      expect(member).not.toHaveProperty('mobile');
      expect(member).not.toHaveProperty('email');
      expect(member).not.toHaveProperty('biz_mail');
    }
    expect(await get('user/get', { userid: 'ZhangWei' })).not.toHaveProperty('mobile');
    expect((await get('user/get', { userid: 'nobody' })).errcode).toBe(60111);
    expect((await get('user/list', { department_id: '77' })).errcode).toBe(60123);
    expect((await get('user/list', {})).errcode).toBe(60123);
  });

  it('an old app (sensitiveFields) and the contact-sync secret read them', async () => {
    for (const contact of [{ sensitiveFields: true }, { secret: 'contact_sync' as const }]) {
      const { get } = await start({ contact });
      const member = await get('user/get', { userid: 'lina' });
      expect(member).toEqual(
        expect.objectContaining({ mobile: lina.mobile, biz_mail: lina.workEmail, email: lina.personalEmail }),
      );
      expect(member.extattr.attrs[0]).toEqual({ type: 0, name: '工号', text: { value: lina.employeeNo } });
    }
  });

  it('rate-limits contact APIs with 45009 like any other', async () => {
    const { get } = await start({ rateLimits: { department_list: [{ limit: 2, windowMs: 60_000 }] } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await get('department/list')).errcode);
    expect(codes).toEqual([0, 0, 45009]);
  });
});
