import { DEFAULT_COMPANY_MIX, expectedEvidence, generateCompany } from './generated-company.js';

// The generated company on its own: seeded, the mix it was asked for, and the vendors' uniqueness rules kept
// (an email or a mobile names at most one person per tenant, docs/vendor/wecom-contact.md [W0]).

describe('generateCompany', () => {
  const company = generateCompany({ people: 500, seed: 7 });

  it('repeats for a seed and differs for another', () => {
    expect(generateCompany({ people: 500, seed: 7 })).toEqual(company);
    expect(generateCompany({ people: 500, seed: 8 }).feishu.users[0]).not.toEqual(company.feishu.users[0]);
  });

  it('has the mix it was asked for, and every person in exactly one expectation', () => {
    expect(company.counts).toEqual(
      expect.objectContaining({ feishuPeople: 500, wecomPeople: 495, email: 450, mobileOnly: 25, none: 15 }),
    );
    expect(company.counts.ambiguous).toBe(10);
    const feishuIds = [
      ...company.expected.pairs.map((pair) => pair.feishuUserId),
      ...company.expected.ambiguous.flatMap((entry) => entry.claims.map((claim) => claim.feishuUserId)),
      ...company.expected.unmatched.feishu,
    ];
    expect(new Set(feishuIds)).toEqual(new Set(company.feishu.users.map((user) => user.employeeId)));
    expect(feishuIds).toHaveLength(500);
    const wecomIds = [
      ...company.expected.pairs.map((pair) => pair.wecomUserId),
      ...company.expected.ambiguous.map((entry) => entry.wecomUserId),
      ...company.expected.unmatched.wecom,
    ];
    expect(new Set(wecomIds)).toEqual(new Set(company.wecom.members.map((member) => member.userid)));
    expect(wecomIds).toHaveLength(495);
  });

  it('keeps emails, mobiles and ids unique within each vendor, and ids apart between them', () => {
    const unique = (values: readonly (string | undefined)[]) => new Set(values).size === values.length;
    const { users } = company.feishu;
    const { members } = company.wecom;
    expect(unique(users.map((user) => user.email))).toBe(true);
    expect(unique(users.map((user) => user.mobile))).toBe(true);
    expect(unique(users.map((user) => user.employeeNo))).toBe(true);
    expect(unique(members.map((member) => member.biz_mail))).toBe(true);
    expect(unique(members.map((member) => member.mobile))).toBe(true);
    const wecomIds = new Set(members.map((member) => member.userid));
    expect(users.some((user) => wecomIds.has(user.employeeId))).toBe(false);
  });

  it('shares exactly what each expectation says', () => {
    const users = new Map(company.feishu.users.map((user) => [user.employeeId, user]));
    const members = new Map(company.wecom.members.map((member) => [member.userid, member]));
    const sharedOf = (feishuId: string, wecomId: string) => {
      const user = users.get(feishuId)!;
      const member = members.get(wecomId)!;
      const employeeNo = (member.extattr as { attrs: { text: { value: string } }[] }).attrs[0]?.text.value;
      return [
        ...(user.email === member.biz_mail ? ['email'] : []),
        ...(user.mobile === `+86${member.mobile}` ? ['mobile'] : []),
        ...(user.employeeNo === employeeNo ? ['employee_no'] : []),
      ];
    };
    for (const pair of company.expected.pairs)
      expect(sharedOf(pair.feishuUserId, pair.wecomUserId)).toEqual(pair.shared);
    for (const entry of company.expected.ambiguous) {
      expect(entry.claims.map((claim) => sharedOf(claim.feishuUserId, entry.wecomUserId))).toEqual([
        ['email'],
        ['mobile'],
      ]);
    }
    company.expected.unmatched.feishu.forEach((feishuId, index) => {
      expect(sharedOf(feishuId, company.expected.unmatched.wecom[index]!)).toEqual([]);
    });
    const first = company.expected.pairs.find(
      (pair) => pair.shared.includes('mobile') && pair.shared.includes('email'),
    );
    expect(first && expectedEvidence(first, ['mobile', 'email'])).toBe('mobile');
  });

  it('refuses a mix that does not add up', () => {
    expect(() => generateCompany({ people: 10, seed: 1, mix: { ...DEFAULT_COMPANY_MIX, none: 0.5 } })).toThrow(
      RangeError,
    );
  });
});
