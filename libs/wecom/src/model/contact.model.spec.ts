import {
  wecomDepartmentSchema,
  wecomDeptUserSchema,
  wecomDirectoryUserSchema,
  wecomGetUserIdByEmailRequestSchema,
  wecomListIdRequestSchema,
  wecomUserIdAnswerSchema,
} from './contact.model.js';

// The contact read models against the examples of the doc pages (contact-identity-apis.md [W1]–[W7]; digest in
// docs/vendor/wecom-contact.md), and the write shapes' limits.

describe('contact read models', () => {
  it('read the lookup answer of [W1]/[W2]', () => {
    expect(wecomUserIdAnswerSchema.parse({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' }).userid).toBe('zhangsan');
    expect(wecomUserIdAnswerSchema.safeParse({ errcode: 0, errmsg: 'ok' }).success).toBe(false);
  });

  it('read a list_id row ([W3]) and keep unknown keys', () => {
    expect(wecomDeptUserSchema.parse({ userid: 'zhangsan', department: 1, open_userid: 'x' })).toEqual({
      userid: 'zhangsan',
      department: 1,
      open_userid: 'x',
    });
  });

  it('read the root of department/list ([W7]: id 1, parentid 0) and a department without a name', () => {
    expect(
      wecomDepartmentSchema.parse({
        id: 1,
        name: '广州研发中心',
        name_en: 'RDGZ',
        department_leader: ['zhangsan', 'lisi'],
        parentid: 0,
        order: 10,
      }),
    ).toEqual(expect.objectContaining({ id: 1, parentid: 0, name: '广州研发中心' }));
    expect(wecomDepartmentSchema.safeParse({ id: 2, parentid: 1 }).success).toBe(true);
    expect(wecomDepartmentSchema.safeParse({ id: 2, name: 'x' }).success).toBe(false);
  });

  it('read a member without mobile or email (a new self-built app, [W0]) and one with them', () => {
    expect(wecomDirectoryUserSchema.parse({ userid: 'zhangsan', name: '张三', status: 1 })).toEqual({
      userid: 'zhangsan',
      name: '张三',
      status: 1,
      department: [],
    });
    const old = wecomDirectoryUserSchema.parse({
      userid: 'zhangsan',
      department: [1, 2],
      mobile: '13800000000',
      email: 'zhangsan@gzdev.com',
      biz_mail: 'zhangsan@qyycs2.wecom.work',
      status: 5,
      extattr: { attrs: [{ type: 0, name: '工号', text: { value: 'E1001' } }] },
    });
    expect(old.extattr?.attrs?.[0]?.text?.value).toBe('E1001');
    expect(old.status).toBe(5);
  });
});

describe('contact write shapes', () => {
  it('email_type is 1 or 2 ([W2])', () => {
    expect(wecomGetUserIdByEmailRequestSchema.safeParse({ email: 'a@b.cn', email_type: 2 }).success).toBe(true);
    expect(wecomGetUserIdByEmailRequestSchema.safeParse({ email: 'a@b.cn', email_type: 3 }).success).toBe(false);
  });

  it('list_id limit is 1–10000 ([W3])', () => {
    expect(wecomListIdRequestSchema.safeParse({ limit: 10_000 }).success).toBe(true);
    expect(wecomListIdRequestSchema.safeParse({ limit: 10_001 }).success).toBe(false);
    expect(wecomListIdRequestSchema.safeParse({ limit: 0 }).success).toBe(false);
  });
});
