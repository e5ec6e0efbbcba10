import type { IdentityAttribute } from '@app/kernel';
import { SeededRandom } from '../common/seeded-random.js';
import type {
  DirectoryDepartment as FeishuDirectoryDepartment,
  DirectoryUser as FeishuDirectoryUser,
} from '../feishu/feishu-directory.js';
import type {
  DirectoryDepartment as WecomDirectoryDepartment,
  DirectoryUser as WecomDirectoryMember,
} from '../wecom/wecom-emulator.state.js';

// A company of any size for the identity match's e2e and benchmark (issue #21): the same people and departments
// in both directories, with ids that differ between the vendors (two directories, as after a merger), and the
// pairing an identity match must find, written down next to them. Pure and seeded: one seed, one company.
//
// What the two sides share follows what the vendors allow (docs/vendor/feishu-contact.md [F2],
// docs/vendor/wecom-contact.md [W0]): an email or a mobile names at most one person in each tenant, so an
// ambiguity can only come across attributes — one Feishu person holds the WeCom member's work email, another
// holds the member's mobile, and the member is claimed by both.

/** The share of each kind of person; they add up to 1. */
export interface CompanyMix {
  /** Share a work email (Feishu `email` = WeCom 企业邮箱 `biz_mail`), and, two in three, the mobile too. */
  readonly email: number;
  /** Their emails differ (WeCom kept the old domain); they share the mobile. */
  readonly mobileOnly: number;
  /** On both sides, sharing nothing: left for review on both. */
  readonly none: number;
  /** Feishu people in pairs: each pair claims one WeCom member, one by email, the other by mobile. */
  readonly ambiguous: number;
}

export const DEFAULT_COMPANY_MIX: CompanyMix = { email: 0.9, mobileOnly: 0.05, none: 0.03, ambiguous: 0.02 };

export interface GenerateCompanyOptions {
  /** Feishu people (the WeCom side has one member fewer per ambiguous pair). */
  readonly people: number;
  readonly seed: number;
  readonly mix?: CompanyMix;
}

/** One person on both sides, and the attributes whose values the two share (email, mobile, employee_no). */
export interface ExpectedPersonPair {
  readonly feishuUserId: string;
  readonly wecomUserId: string;
  readonly shared: readonly IdentityAttribute[];
}

/** A WeCom member claimed by two Feishu people: by `email` (the first) and by `mobile` (the second). */
export interface ExpectedAmbiguity {
  readonly wecomUserId: string;
  readonly claims: readonly { readonly feishuUserId: string; readonly attribute: IdentityAttribute }[];
}

/** One department on both sides, by its path of names below the roots. */
export interface ExpectedDepartmentPair {
  readonly feishuDepartmentId: string;
  readonly wecomDepartmentId: string;
  readonly path: readonly string[];
}

export interface GeneratedCompany {
  readonly seed: number;
  readonly mix: CompanyMix;
  /** The Feishu emulator's directory (FeishuEmulatorOptions.directory). */
  readonly feishu: {
    readonly users: readonly FeishuDirectoryUser[];
    readonly departments: readonly FeishuDirectoryDepartment[];
  };
  /** The WeCom emulator's directory (WecomEmulatorOptions.directory): the root 1 and the rest. */
  readonly wecom: {
    readonly members: readonly WecomDirectoryMember[];
    readonly departments: readonly WecomDirectoryDepartment[];
    /** 企业人数上限, the base of the lookups' day budget ([W1]): above the headcount, as a corp buys seats. */
    readonly seatLimit: number;
  };
  /**
   * What a match must conclude, for any order of email, mobile and employee_no (employee numbers are shared
   * exactly where email or mobile is): `pairs` unique, `ambiguous` for review, `unmatched` with no candidate.
   */
  readonly expected: {
    readonly pairs: readonly ExpectedPersonPair[];
    readonly ambiguous: readonly ExpectedAmbiguity[];
    readonly unmatched: { readonly feishu: readonly string[]; readonly wecom: readonly string[] };
    readonly departments: readonly ExpectedDepartmentPair[];
  };
  readonly counts: {
    readonly feishuPeople: number;
    readonly wecomPeople: number;
    /** Below the roots, the same on both sides. */
    readonly departments: number;
    readonly email: number;
    readonly mobileOnly: number;
    readonly none: number;
    /** Feishu people in ambiguous pairs (twice the WeCom members they claim). */
    readonly ambiguous: number;
  };
}

/** The generated company's mail domain, and the one its WeCom side kept from before the merger. */
export const GENERATED_MAIL_DOMAIN = 'generated-company.example';
export const LEGACY_MAIL_DOMAIN = 'legacy-company.example';
export const GENERATED_CORP_NAME = '生成科技有限公司';
/** The WeCom custom attribute holding employee numbers, as the sample company names it ([W6]). */
export const GENERATED_EMPLOYEE_NO_ATTRIBUTE = '工号';

/** Name tree below the roots; the same names appear under different parents ("一组") as real trees do. */
const TREE: readonly (readonly [string, readonly (readonly [string, readonly string[]])[]])[] = [
  [
    '总部',
    [
      ['人事部', []],
      ['财务部', []],
      ['行政部', []],
    ],
  ],
  [
    '研发中心',
    [
      ['平台组', []],
      ['移动组', []],
      ['测试组', []],
    ],
  ],
  [
    '销售中心',
    [
      ['华南区', ['广州', '深圳']],
      ['华东区', ['上海', '杭州']],
      ['华北区', []],
    ],
  ],
  [
    '生产中心',
    [
      ['一车间', []],
      ['二车间', []],
      ['三车间', []],
      ['质检部', []],
    ],
  ],
  [
    '客服中心',
    [
      ['一组', []],
      ['二组', []],
    ],
  ],
  [
    '门店',
    [
      ['一组', []],
      ['二组', []],
      ['三组', []],
    ],
  ],
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉鹏飞婷雪琳浩宇';

/** Disjoint number ranges: a mobile of one range can never equal one of another. */
const SHARED_MOBILES = 13_900_000_000;
const FEISHU_ONLY_MOBILES = 18_600_000_000;
const WECOM_ONLY_MOBILES = 15_800_000_000;

type Kind = 'email' | 'mobileOnly' | 'none' | 'ambiguous';

export function generateCompany(options: GenerateCompanyOptions): GeneratedCompany {
  const mix = options.mix ?? DEFAULT_COMPANY_MIX;
  const people = options.people;
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`people must be a whole number, got ${people}`);
  const total = mix.email + mix.mobileOnly + mix.none + mix.ambiguous;
  if (Math.abs(total - 1) > 1e-6 || Object.values(mix).some((share) => share < 0)) {
    throw new RangeError(`the mix's shares must be ≥ 0 and add up to 1, got ${total}`);
  }
  const random = new SeededRandom(options.seed);
  const ambiguousPairs = Math.floor((people * mix.ambiguous) / 2);
  const mobileOnly = Math.round(people * mix.mobileOnly);
  const none = Math.round(people * mix.none);
  const email = people - 2 * ambiguousPairs - mobileOnly - none;
  if (email < 0) throw new RangeError('the mix leaves no room for its email share');

  // Departments: Feishu open ids in tree order, WeCom ids numbered in another (shuffled) order.
  const feishuDepartments: FeishuDirectoryDepartment[] = [];
  const wecomDepartments: WecomDirectoryDepartment[] = [
    { id: 1, name: GENERATED_CORP_NAME, parentid: 0, order: 100_000_000 },
  ];
  const departmentPairs: ExpectedDepartmentPair[] = [];
  const flat: { path: string[]; parent: number }[] = [];
  TREE.forEach(([top, children]) => {
    const topIndex = flat.push({ path: [top], parent: -1 }) - 1;
    for (const [child, grandchildren] of children) {
      const childIndex = flat.push({ path: [top, child], parent: topIndex }) - 1;
      for (const grandchild of grandchildren) flat.push({ path: [top, child, grandchild], parent: childIndex });
    }
  });
  const wecomNumbers = shuffle(
    random,
    flat.map((_, index) => index + 2),
  );
  const openIds = flat.map(() => `od-${hex(random, 32)}`);
  flat.forEach((department, index) => {
    const name = department.path[department.path.length - 1] ?? '';
    const wecomParent = department.parent === -1 ? 1 : (wecomNumbers[department.parent] ?? 1);
    feishuDepartments.push({
      openDepartmentId: openIds[index] ?? '',
      departmentId: `D${String(index + 1).padStart(3, '0')}`,
      name,
      parentOpenId: department.parent === -1 ? '0' : (openIds[department.parent] ?? '0'),
    });
    wecomDepartments.push({
      id: wecomNumbers[index] ?? 0,
      name,
      parentid: wecomParent,
      order: 100_000_000 - index * 1000,
    });
    departmentPairs.push({
      feishuDepartmentId: openIds[index] ?? '',
      wecomDepartmentId: String(wecomNumbers[index]),
      path: department.path,
    });
  });

  // People: the kinds spread over the company in a seeded order; each person in one department, a few in two.
  const kinds: Kind[] = shuffle(random, [
    ...Array<Kind>(email).fill('email'),
    ...Array<Kind>(mobileOnly).fill('mobileOnly'),
    ...Array<Kind>(none).fill('none'),
    ...Array<Kind>(ambiguousPairs).fill('ambiguous'),
  ]);
  const feishuIds = uniqueIds(people, () => hex(random, 8));
  const wecomIds = uniqueIds(people, () => `wx${random.digits(7)}`);
  const feishuUsers: FeishuDirectoryUser[] = [];
  const wecomMembers: WecomDirectoryMember[] = [];
  const pairs: ExpectedPersonPair[] = [];
  const ambiguous: ExpectedAmbiguity[] = [];
  const unmatchedFeishu: string[] = [];
  const unmatchedWecom: string[] = [];
  let nextFeishu = 0;
  let nextWecom = 0;
  let nextShared = 0;

  const placement = () => {
    const main = random.int(0, flat.length - 1);
    const other = random.next() < 0.03 ? random.int(0, flat.length - 1) : main;
    return other === main ? [main] : [main, other];
  };
  const feishuUser = (name: string, departments: number[], fields: Partial<FeishuDirectoryUser>) => {
    const index = nextFeishu++;
    const id = feishuIds[index] ?? '';
    const [main, ...others] = departments.map((department) => openIds[department] ?? '');
    feishuUsers.push({
      employeeId: id,
      employeeNo: `G${String(index + 1).padStart(6, '0')}`,
      name,
      departmentId: main ?? '0',
      ...(others.length ? { otherDepartmentIds: others } : {}),
      ...fields,
    });
    return id;
  };
  const wecomMember = (
    name: string,
    departments: number[],
    fields: { mobile: string; biz_mail: string; employeeNo: string },
  ) => {
    const id = wecomIds[nextWecom++] ?? '';
    wecomMembers.push({
      userid: id,
      name,
      partyIds: departments.map((department) => String(wecomNumbers[department])),
      status: 1,
      mobile: fields.mobile,
      biz_mail: fields.biz_mail,
      extattr: { attrs: [{ type: 0, name: GENERATED_EMPLOYEE_NO_ATTRIBUTE, text: { value: fields.employeeNo } }] },
    });
    return id;
  };

  for (const kind of kinds) {
    const name = personName(random);
    const departments = placement();
    const n = nextFeishu;
    const employeeNo = `G${String(n + 1).padStart(6, '0')}`;
    const workEmail = `p${n + 1}@${GENERATED_MAIL_DOMAIN}`;
    const feishuOnlyMobile = String(FEISHU_ONLY_MOBILES + n);
    const wecomOnlyMobile = String(WECOM_ONLY_MOBILES + n);
    if (kind === 'email' || kind === 'mobileOnly') {
      const sharesMobile = kind === 'mobileOnly' || random.next() < 2 / 3;
      const sharedMobile = String(SHARED_MOBILES + nextShared++);
      const feishuId = feishuUser(name, departments, {
        email: workEmail,
        mobile: `+86${sharesMobile ? sharedMobile : feishuOnlyMobile}`,
      });
      const wecomId = wecomMember(name, departments, {
        mobile: sharesMobile ? sharedMobile : wecomOnlyMobile,
        biz_mail: kind === 'email' ? workEmail : `p${n + 1}@${LEGACY_MAIL_DOMAIN}`,
        employeeNo,
      });
      const shared: IdentityAttribute[] = [
        ...(kind === 'email' ? (['email'] as const) : []),
        ...(sharesMobile ? (['mobile'] as const) : []),
        'employee_no',
      ];
      pairs.push({ feishuUserId: feishuId, wecomUserId: wecomId, shared });
    } else if (kind === 'none') {
      const feishuId = feishuUser(name, departments, { email: workEmail, mobile: `+86${feishuOnlyMobile}` });
      const wecomId = wecomMember(name, departments, {
        mobile: wecomOnlyMobile,
        biz_mail: `p${n + 1}@${LEGACY_MAIL_DOMAIN}`,
        employeeNo: `L${String(n + 1).padStart(6, '0')}`,
      });
      unmatchedFeishu.push(feishuId);
      unmatchedWecom.push(wecomId);
    } else {
      // A holds the member's work email, B (someone else, often of the same name) the member's mobile.
      const sharedMobile = String(SHARED_MOBILES + nextShared++);
      const byEmail = feishuUser(name, departments, { email: workEmail, mobile: `+86${feishuOnlyMobile}` });
      const m = nextFeishu;
      const byMobile = feishuUser(random.next() < 0.5 ? name : personName(random), placement(), {
        email: `p${m + 1}@${GENERATED_MAIL_DOMAIN}`,
        mobile: `+86${sharedMobile}`,
      });
      const wecomId = wecomMember(name, departments, {
        mobile: sharedMobile,
        biz_mail: workEmail,
        employeeNo: `L${String(n + 1).padStart(6, '0')}`,
      });
      ambiguous.push({
        wecomUserId: wecomId,
        claims: [
          { feishuUserId: byEmail, attribute: 'email' },
          { feishuUserId: byMobile, attribute: 'mobile' },
        ],
      });
    }
  }

  const wecomPeople = wecomMembers.length;
  return {
    seed: options.seed,
    mix,
    feishu: { users: feishuUsers, departments: feishuDepartments },
    wecom: {
      members: wecomMembers,
      departments: wecomDepartments,
      seatLimit: Math.max(2500, Math.ceil((wecomPeople * 1.25) / 100) * 100),
    },
    expected: {
      pairs,
      ambiguous,
      unmatched: { feishu: unmatchedFeishu, wecom: unmatchedWecom },
      departments: departmentPairs,
    },
    counts: {
      feishuPeople: feishuUsers.length,
      wecomPeople,
      departments: flat.length,
      email,
      mobileOnly,
      none,
      ambiguous: 2 * ambiguousPairs,
    },
  };
}

/** The attribute a match by `order` pairs an expected pair by: the first of the order the two share. */
export function expectedEvidence(
  pair: ExpectedPersonPair,
  order: readonly IdentityAttribute[],
): IdentityAttribute | null {
  return order.find((attribute) => pair.shared.includes(attribute)) ?? null;
}

function personName(random: SeededRandom): string {
  const pick = (letters: string) => letters[random.int(0, letters.length - 1)] ?? '';
  return pick(SURNAMES) + pick(GIVEN) + (random.next() < 0.6 ? pick(GIVEN) : '');
}

function hex(random: SeededRandom, length: number): string {
  let out = '';
  while (out.length < length) out += random.int(0, 15).toString(16);
  return out;
}

function uniqueIds(count: number, make: () => string): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(make());
  return [...ids];
}

function shuffle<T>(random: SeededRandom, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
