import { IDENTITY_ATTRIBUTES, matchReasonText, type DirectoryPerson, type IdentityAttribute } from '@app/kernel';
import type { IdentityMatch, IdentityMatchEntry, OriginPair } from '@app/mapping-store';
import fc from 'fast-check';
import {
  lookupsStillNeeded,
  matchPeople,
  type LookupAnswers,
  type PeopleMatchInput,
  type VendorLookups,
} from './match-people.js';
import type { MatchOutcome, MatchResult } from './settle-matches.js';

const ORDER = ['email', 'mobile', 'employee_no'] as const;

function person(id: string, attributes: DirectoryPerson['attributes'], active = true): DirectoryPerson {
  return { id, active, attributes, departmentIds: [] };
}

function match(overrides: Partial<PeopleMatchInput>): MatchOutcome {
  return matchPeople({
    order: ORDER,
    feishu: [],
    wecom: [],
    mappings: [],
    previous: [],
    autoAccept: false,
    ...overrides,
  });
}

/** Results as `[feishuId, wecomId, status, matchedBy]`, the shape most cases are read in. */
const brief = (outcome: MatchOutcome) => outcome.results.map((r) => [r.feishuId, r.wecomId, r.status, r.matchedBy]);

describe('matchPeople', () => {
  it('proposes a unique pair by the first attribute with a candidate, whatever the values’ shapes', () => {
    const outcome = match({
      feishu: [
        person('f1', { email: 'Zhang@Example.com', mobile: '13800000001' }),
        person('f2', { mobile: '+86 138-0000-0002' }),
        person('f3', { employee_no: ' E7 ' }),
      ],
      wecom: [
        // f1's mobile names w9, but its email came first and decided.
        person('w1', { email: 'zhang@example.com ' }),
        person('w9', { mobile: '13800000001' }),
        person('w2', { mobile: '8613800000002' }),
        person('w3', { employee_no: 'E7' }),
      ],
    });
    expect(brief(outcome)).toEqual([
      ['f1', 'w1', 'proposed', 'email'],
      ['f2', 'w2', 'proposed', 'mobile'],
      ['f3', 'w3', 'proposed', 'employee_no'],
      [null, 'w9', 'unmatched', null],
    ]);
    expect(outcome.results[1]).toMatchObject({ reason: 'same mobile number', decidedBy: null, kept: false });
    expect(outcome.toMap).toEqual([]);
  });

  it('accepts unique pairs at once when auto-accept is on, and returns them to map', () => {
    const outcome = match({
      feishu: [person('f1', { email: 'a@x.cn' })],
      wecom: [person('w1', { email: 'a@x.cn' })],
      autoAccept: true,
    });
    expect(outcome.results).toEqual([
      {
        feishuId: 'f1',
        wecomId: 'w1',
        status: 'accepted',
        matchedBy: 'email',
        candidates: [],
        reason: 'same email',
        reasonCode: 'same_value',
        reasonParams: { basis: 'email' },
        decidedBy: 'auto',
        kept: false,
      },
    ]);
    expect(outcome.toMap).toEqual([{ feishu: 'f1', wecom: 'w1', matchedBy: 'email', reason: 'same email' }]);
  });

  it('fills the index with the vendors’ lookup answers (WeCom lists often carry no email)', () => {
    const wecomAnswers: LookupAnswers = new Map<IdentityAttribute, Map<string, string | null>>([
      [
        'email',
        new Map<string, string | null>([
          ['a@x.cn', 'w1'],
          ['b@x.cn', null],
          ['c@x.cn', 'w-unlisted'],
        ]),
      ],
    ]);
    const outcome = match({
      feishu: [person('f1', { email: 'A@x.cn' }), person('f2', { email: 'b@x.cn' }), person('f3', { email: 'c@x.cn' })],
      wecom: [person('w1', {})],
      lookups: { wecom: wecomAnswers },
    });
    expect(brief(outcome)).toEqual([
      ['f1', 'w1', 'proposed', 'email'],
      ['f2', null, 'unmatched', null],
      // An answer naming someone the directory does not list (or lists as left) is not a candidate.
      ['f3', null, 'unmatched', null],
    ]);
    expect(outcome.results[1]!.reason).toBe('no WeCom person has the same email');
  });

  it('calls a value naming more than one person on a side ambiguous, listing the candidate pairs', () => {
    const outcome = match({
      feishu: [
        person('f1', { email: 'team@x.cn' }),
        person('f2', { email: 'team@x.cn' }),
        person('f3', { mobile: '13900000003' }),
      ],
      wecom: [
        person('w1', { email: 'team@x.cn' }),
        person('w3', { mobile: '13900000003' }),
        person('w4', { mobile: '13900000003' }),
      ],
    });
    expect(brief(outcome)).toEqual([
      ['f1', null, 'ambiguous', null],
      ['f2', null, 'ambiguous', null],
      ['f3', null, 'ambiguous', null],
    ]);
    expect(outcome.results[0]).toMatchObject({
      candidates: [
        { feishuId: 'f1', wecomId: 'w1', matchedBy: 'email' },
        { feishuId: 'f2', wecomId: 'w1', matchedBy: 'email' },
      ],
      reason: '2 Feishu people share this email',
    });
    expect(outcome.results[2]).toMatchObject({
      candidates: [
        { feishuId: 'f3', wecomId: 'w3', matchedBy: 'mobile' },
        { feishuId: 'f3', wecomId: 'w4', matchedBy: 'mobile' },
      ],
      reason: '2 WeCom people share this mobile number',
    });
  });

  it('calls a WeCom person found by two Feishu people (by different attributes) ambiguous for both', () => {
    const outcome = match({
      feishu: [person('f1', { email: 'a@x.cn' }), person('f2', { mobile: '13800000001' })],
      wecom: [person('w1', { email: 'a@x.cn', mobile: '13800000001' })],
      autoAccept: true,
    });
    expect(brief(outcome)).toEqual([
      ['f1', null, 'ambiguous', null],
      ['f2', null, 'ambiguous', null],
    ]);
    expect(outcome.results[1]!.candidates).toEqual([
      { feishuId: 'f1', wecomId: 'w1', matchedBy: 'email' },
      { feishuId: 'f2', wecomId: 'w1', matchedBy: 'mobile' },
    ]);
    expect(outcome.toMap).toEqual([]);
  });

  it('says why nobody was found', () => {
    const outcome = match({
      feishu: [person('f1', {}), person('f2', { email: 'a@x.cn', employee_no: '7' })],
      wecom: [person('w1', { email: 'b@x.cn' })],
    });
    expect(outcome.results.map((r) => [r.feishuId, r.wecomId, r.status, r.reason])).toEqual([
      ['f1', null, 'unmatched', 'has no email, mobile number, employee number to match by'],
      ['f2', null, 'unmatched', 'no WeCom person has the same email, employee number'],
      [null, 'w1', 'unmatched', 'no Feishu person found'],
    ]);
    // The same, as codes the console translates.
    expect(outcome.results.map((r) => [r.reasonCode, r.reasonParams])).toEqual([
      ['no_attributes', { attributes: ['email', 'mobile', 'employee_no'] }],
      ['no_counterpart', { attributes: ['email', 'employee_no'] }],
      ['no_feishu_found', {}],
    ]);
  });

  it('words every reason from its code: the English text is the code read out', () => {
    const outcome = match({
      feishu: [
        person('f1', { email: 'a@x.cn' }),
        person('f2', { email: 'a@x.cn' }),
        person('f3', { mobile: '13800000003' }),
        person('f4', { employee_no: '4' }),
        person('f5', { email: 'e@x.cn' }),
        person('f6', {}),
      ],
      wecom: [
        person('w1', { email: 'a@x.cn' }),
        person('w3', { mobile: '13800000003' }),
        person('w4', { mobile: '13800000003' }),
        person('w5', { email: 'e@x.cn' }),
        person('w9', {}),
      ],
      mappings: [{ feishu: 'f9', wecom: 'w4', origin: 'manual', matchedBy: null }],
    });
    expect(new Set(outcome.results.map((r) => r.reasonCode))).toEqual(
      new Set([
        'shared_by_feishu',
        'shared_by_wecom',
        'no_counterpart',
        'same_value',
        'no_attributes',
        'no_feishu_found',
      ]),
    );
    for (const result of outcome.results) {
      expect(result.reason).toBe(matchReasonText({ code: result.reasonCode!, params: result.reasonParams! }, 'user'));
    }
    // A hand-made holder among the candidates is named in the parameters, as in the text.
    expect(outcome.results.find((r) => r.feishuId === 'f3')).toMatchObject({
      reasonCode: 'shared_by_wecom',
      reasonParams: { count: 2, basis: 'mobile', manualHolders: [{ wecomId: 'w4', feishuId: 'f9' }] },
      reason: '2 WeCom people share this mobile number; WeCom w4 is mapped by hand to Feishu f9',
    });
  });

  it('never matches people who left, and unmaps match-made pairs whose person left or is gone', () => {
    const outcome = match({
      feishu: [
        person('f1', { email: 'a@x.cn' }, false),
        person('f2', { email: 'b@x.cn' }),
        person('f3', { email: 'c@x.cn' }),
        person('f4', { email: 'd@x.cn' }, false),
      ],
      wecom: [
        person('w1', { email: 'a@x.cn' }),
        person('w2', { email: 'b@x.cn' }, false),
        person('w3', { email: 'c@x.cn' }),
        person('w4', { email: 'd@x.cn' }),
      ],
      mappings: [
        { feishu: 'f1', wecom: 'w1', origin: 'match', matchedBy: 'email' },
        { feishu: 'f2', wecom: 'w2', origin: 'match', matchedBy: 'email' },
        { feishu: 'f9', wecom: 'w3', origin: 'match', matchedBy: 'mobile' },
        { feishu: 'f4', wecom: 'w4', origin: 'manual', matchedBy: null },
      ],
    });
    expect(outcome.toUnmap).toEqual([
      { feishu: 'f1', wecom: 'w1', matchedBy: 'email', reason: 'the Feishu person f1 left or is disabled' },
      { feishu: 'f2', wecom: 'w2', matchedBy: 'email', reason: 'the WeCom person w2 left or is disabled' },
      { feishu: 'f9', wecom: 'w3', matchedBy: 'mobile', reason: 'the Feishu person f9 is no longer in the directory' },
    ]);
    expect(outcome.manualKept).toEqual([
      { feishu: 'f4', wecom: 'w4', reason: 'the Feishu person f4 left or is disabled; mapped by hand, kept' },
    ]);
    // w3, freed, is found again by f3; f2's WeCom counterpart left; w1 is nobody's now.
    expect(brief(outcome)).toEqual([
      ['f2', null, 'unmatched', null],
      ['f3', 'w3', 'proposed', 'email'],
      [null, 'w1', 'unmatched', null],
    ]);
  });

  it('lets hand-made mappings win: their people are not proposed, and a candidate they hold is refused', () => {
    const outcome = match({
      feishu: [person('f1', { email: 'a@x.cn' }), person('f2', { email: 'b@x.cn' }), person('f3', { email: 'c@x.cn' })],
      wecom: [person('w1', { email: 'b@x.cn' }), person('w2', { email: 'a@x.cn' }), person('w3', { email: 'c@x.cn' })],
      mappings: [
        { feishu: 'f1', wecom: 'w1', origin: 'manual', matchedBy: null },
        { feishu: 'f3', wecom: 'w3', origin: 'manual', matchedBy: null },
      ],
      autoAccept: true,
    });
    expect(outcome.results).toEqual([
      {
        feishuId: 'f2',
        wecomId: null,
        status: 'unmatched',
        matchedBy: null,
        candidates: [{ feishuId: 'f2', wecomId: 'w1', matchedBy: 'email' }],
        reason: 'the WeCom person with the same email (w1) is mapped by hand to Feishu f1',
        reasonCode: 'held_by_manual',
        reasonParams: { basis: 'email', wecomId: 'w1', feishuId: 'f1' },
        decidedBy: null,
        kept: false,
      },
      expect.objectContaining({ feishuId: null, wecomId: 'w2', status: 'unmatched' }),
    ]);
    expect(outcome.toMap).toEqual([]);
  });

  it('keeps decisions: an accepted pair stays (mapped again if its mapping went), a rejected person is not asked again', () => {
    const outcome = match({
      feishu: [person('f1', { email: 'a@x.cn' }), person('f2', { email: 'b@x.cn' }), person('f3', { email: 'c@x.cn' })],
      wecom: [person('w1', { email: 'a@x.cn' }), person('w2', { email: 'b@x.cn' }), person('w3', { email: 'c@x.cn' })],
      mappings: [{ feishu: 'f1', wecom: 'w1', origin: 'match', matchedBy: 'email' }],
      previous: [
        {
          feishuId: 'f1',
          wecomId: 'w1',
          status: 'accepted',
          matchedBy: 'email',
          reason: 'same email',
          decidedBy: 'auto',
        },
        {
          feishuId: 'f2',
          wecomId: 'w2',
          status: 'rejected',
          matchedBy: 'email',
          reason: 'same email',
          decidedBy: 'operator',
        },
        {
          feishuId: 'f3',
          wecomId: 'w3',
          status: 'accepted',
          matchedBy: 'email',
          reason: 'same email',
          decidedBy: 'operator',
        },
        { feishuId: 'f8', wecomId: 'w8', status: 'accepted', matchedBy: 'email', decidedBy: 'operator' },
        { feishuId: 'f9', wecomId: null, status: 'proposed', matchedBy: null },
      ],
      autoAccept: true,
    });
    expect(outcome.results.map((r) => [r.feishuId, r.wecomId, r.status, r.decidedBy, r.kept])).toEqual([
      ['f1', 'w1', 'accepted', 'auto', true],
      ['f2', 'w2', 'rejected', 'operator', true],
      ['f3', 'w3', 'accepted', 'operator', true],
      // Rejected for f2, w2 is nobody's.
      [null, 'w2', 'unmatched', null, false],
    ]);
    expect(outcome.toMap).toEqual([{ feishu: 'f3', wecom: 'w3', matchedBy: 'email', reason: 'same email' }]);
    // A decision kept from before reasons had codes keeps its text, and no code.
    expect(outcome.results[0]).toMatchObject({ reason: 'same email', reasonCode: null, reasonParams: null });
    // f8 is gone from Feishu: its decision is moot.
    expect(outcome.forget).toEqual(['f8']);
  });

  it('takes the store’s matches and mappings as they are listed, and gives it back entries (held by the compiler)', () => {
    const fromStore = (previous: IdentityMatch[], mappings: OriginPair[]): PeopleMatchInput => ({
      order: ORDER,
      feishu: [person('f1', { email: 'a@x.cn' })],
      wecom: [person('w1', { email: 'a@x.cn' })],
      previous,
      mappings,
      autoAccept: false,
    });
    const toStore = (outcome: MatchOutcome): readonly IdentityMatchEntry[] => outcome.results;
    expect(toStore(matchPeople(fromStore([], [])))).toMatchObject([
      { feishuId: 'f1', wecomId: 'w1', status: 'proposed' },
    ]);
  });

  it('never carries an email or a mobile into what it returns', () => {
    const outcome = match({
      feishu: [person('f1', { email: 'secret@x.cn' }), person('f2', { mobile: '13812345678' })],
      wecom: [person('w1', { email: 'secret@x.cn' }), person('w2', { email: 'secret@x.cn' })],
    });
    expect(JSON.stringify(outcome)).not.toMatch(/secret|13812345678/);
  });
});

function answersOf(attribute: IdentityAttribute, answers: [string, string | null][]): LookupAnswers {
  return new Map([[attribute, new Map(answers)]]);
}

describe('lookupsStillNeeded', () => {
  const feishu = [
    person('f1', { email: 'a@x.cn', mobile: '13800000001' }),
    person('f2', { email: 'B@x.cn', mobile: '13800000002' }),
    person('f3', { mobile: '+86 13800000003' }),
    person('f4', { email: 'd@x.cn' }, false),
  ];
  const wecom = [person('w1', { email: 'a@x.cn' }), person('w5', { mobile: '13800000005' })];

  it('asks only for values of people with no hit yet that the other directory does not index', () => {
    expect(lookupsStillNeeded(ORDER, feishu, wecom, {}, 'email')).toEqual({ feishu: [], wecom: ['b@x.cn'] });
    // f1 is found by email already; b@x.cn was asked (not found) — f2 and f3 are asked about by mobile.
    const answers: VendorLookups = { wecom: answersOf('email', [['b@x.cn', null]]) };
    expect(lookupsStillNeeded(ORDER, feishu, wecom, answers, 'mobile')).toEqual({
      feishu: ['13800000005'],
      wecom: ['13800000002', '13800000003'],
    });
  });

  it('asks nothing of a value an earlier answer already placed', () => {
    const answers: VendorLookups = { wecom: answersOf('email', [['b@x.cn', 'w5']]) };
    expect(lookupsStillNeeded(ORDER, feishu, wecom, answers, 'mobile')).toEqual({
      feishu: [],
      wecom: ['13800000003'],
    });
  });
});

// Properties over small random companies: a few shared values, so collisions (and ambiguity) are common.

const attributeValues: Record<IdentityAttribute, readonly string[]> = {
  email: ['a@x.cn', 'B@x.cn', ' c@x.cn', 'd@x.cn', 'e@x.cn'],
  mobile: ['13800000001', '+86 13800000002', '8613800000003', '13800000004'],
  employee_no: ['EMP-41', 'EMP-42', 'EMP-43', ' EMP-44 '],
};

const arbitraryPerson = (prefix: string) =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 7 }),
      active: fc.boolean(),
      email: fc.option(fc.constantFrom(...attributeValues.email), { nil: undefined }),
      mobile: fc.option(fc.constantFrom(...attributeValues.mobile), { nil: undefined }),
      employee_no: fc.option(fc.constantFrom(...attributeValues.employee_no), { nil: undefined }),
    })
    .map(({ n, active, ...attributes }) =>
      person(
        `${prefix}${n}`,
        Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)),
        active,
      ),
    );

const arbitraryCompany = fc.record({
  order: fc.shuffledSubarray([...IDENTITY_ATTRIBUTES], { minLength: 1 }),
  feishu: fc.array(arbitraryPerson('f'), { maxLength: 8 }),
  wecom: fc.array(arbitraryPerson('w'), { maxLength: 8 }),
  manual: fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { maxLength: 3 }),
  autoAccept: fc.boolean(),
});

type Company = typeof arbitraryCompany extends fc.Arbitrary<infer C> ? C : never;

function inputOf(company: Company): PeopleMatchInput {
  const seenF = new Set<string>();
  const seenW = new Set<string>();
  const mappings = company.manual.flatMap(([f, w]) => {
    const feishu = `f${f}`;
    const wecom = `w${w}`;
    if (seenF.has(feishu) || seenW.has(wecom)) return [];
    seenF.add(feishu);
    seenW.add(wecom);
    return [{ feishu, wecom, origin: 'manual' as const, matchedBy: null }];
  });
  return {
    order: company.order,
    feishu: company.feishu,
    wecom: company.wecom,
    mappings,
    previous: [],
    autoAccept: company.autoAccept,
  };
}

const pairs = (results: readonly MatchResult[]) =>
  results.filter((r) => r.status === 'proposed' || r.status === 'accepted');

describe('matchPeople, over random companies', () => {
  it('pairs each id at most once, only active and unmapped people, and keeps every value out', () => {
    fc.assert(
      fc.property(arbitraryCompany, (company) => {
        const input = inputOf(company);
        const outcome = matchPeople(input);
        const firstListing = (people: readonly DirectoryPerson[]) => {
          const byId = new Map<string, DirectoryPerson>();
          for (const p of people) if (!byId.has(p.id)) byId.set(p.id, p);
          return byId;
        };
        const feishu = firstListing(input.feishu);
        const wecom = firstListing(input.wecom);
        const manualF = new Set(input.mappings.map((m) => m.feishu));
        const manualW = new Set(input.mappings.map((m) => m.wecom));
        const paired = pairs(outcome.results);
        expect(new Set(paired.map((r) => r.wecomId)).size).toBe(paired.length);
        for (const result of outcome.results) {
          if (result.feishuId !== null) {
            expect(feishu.get(result.feishuId)?.active).toBe(true);
            expect(manualF.has(result.feishuId)).toBe(false);
          }
        }
        for (const result of paired) {
          expect(wecom.get(result.wecomId!)?.active).toBe(true);
          expect(manualW.has(result.wecomId!)).toBe(false);
          expect(result.status).toBe(input.autoAccept ? 'accepted' : 'proposed');
        }
        expect(outcome.toMap.map((m) => m.feishu)).toEqual(
          input.autoAccept ? paired.map((r) => r.feishuId).sort() : [],
        );
        // Each active Feishu person not mapped by hand has exactly one result.
        const expectedFeishu = [...feishu.values()].filter((p) => p.active && !manualF.has(p.id)).map((p) => p.id);
        expect(outcome.results.filter((r) => r.feishuId !== null).map((r) => r.feishuId)).toEqual(
          expectedFeishu.sort(),
        );
        const text = JSON.stringify(outcome);
        for (const value of Object.values(attributeValues).flat()) expect(text).not.toContain(value.trim());
      }),
      { seed: 2121, numRuns: 400 },
    );
  });

  it('does not depend on the order the directories list people in', () => {
    fc.assert(
      fc.property(arbitraryCompany, (company) => {
        const input = inputOf(company);
        const unique = (people: readonly DirectoryPerson[]) => [
          ...new Map(people.map((p) => [p.id, p] as const)).values(),
        ];
        const reversed = { ...input, feishu: unique(input.feishu).reverse(), wecom: unique(input.wecom).reverse() };
        const straight = { ...input, feishu: unique(input.feishu), wecom: unique(input.wecom) };
        expect(matchPeople(reversed)).toEqual(matchPeople(straight));
      }),
      { seed: 2122, numRuns: 300 },
    );
  });

  it('changes nothing on a second run over what the first one decided', () => {
    fc.assert(
      fc.property(arbitraryCompany, (company) => {
        const input = { ...inputOf(company), autoAccept: true };
        const first = matchPeople(input);
        const mappings = [
          ...input.mappings,
          ...first.toMap.map((m) => ({
            feishu: m.feishu,
            wecom: m.wecom,
            origin: 'match' as const,
            matchedBy: m.matchedBy,
          })),
        ];
        const second = matchPeople({ ...input, mappings, previous: first.results });
        expect(second.toMap).toEqual([]);
        expect(second.toUnmap).toEqual([]);
        expect(second.results.map(({ kept: _kept, ...rest }) => rest)).toEqual(
          first.results.map(({ kept: _kept, ...rest }) => rest),
        );
        expect(pairs(second.results).every((r) => r.kept)).toBe(true);
      }),
      { seed: 2123, numRuns: 300 },
    );
  });
});
