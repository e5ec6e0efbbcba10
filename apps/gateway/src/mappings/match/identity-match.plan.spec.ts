import type { DirectoryPerson } from '@app/kernel';
import type { IdentityMatch, OriginPair } from '@app/mapping-store';
import { planIdentityMatch, type IdentityMatchPlanInput } from './identity-match.plan.js';

// The match run's items and writes from its inputs, without I/O: what HR reads in the run and what the store gets.

const person = (id: string, email?: string, active = true): DirectoryPerson => ({
  id,
  active,
  attributes: email ? { email } : {},
  departmentIds: [],
});

function input(overrides: Partial<IdentityMatchPlanInput> = {}): IdentityMatchPlanInput {
  return {
    order: ['email', 'mobile'],
    autoAccept: false,
    dryRun: false,
    feishu: {
      people: [person('f1', 'a@x.cn'), person('f2', 'b@x.cn'), person('f3', 'nobody@x.cn')],
      departments: [],
      unreadable: [],
    },
    wecom: { people: [person('w1'), person('w2'), person('w9')], departments: [], unreadable: [] },
    lookups: {
      wecom: new Map([
        [
          'email',
          new Map<string, string | null>([
            ['a@x.cn', 'w1'],
            ['b@x.cn', 'w2'],
            ['nobody@x.cn', null],
          ]),
        ],
      ]),
    },
    userMappings: [],
    departmentMappings: [],
    userMatches: [],
    departmentMatches: [],
    ...overrides,
  };
}

const actions = (plan: ReturnType<typeof planIdentityMatch>) =>
  Object.fromEntries(plan.items.map((item) => [item.sourceId, [item.action, item.targetId]]));

describe('planIdentityMatch', () => {
  it('without auto-accept: every find waits for review (skipped), nothing to map', () => {
    const plan = planIdentityMatch(input());
    expect(actions(plan)).toEqual({
      f1: ['skipped', 'w1'],
      f2: ['skipped', 'w2'],
      f3: ['skipped', null],
      'wecom:w9': ['skipped', 'w9'],
    });
    expect(plan.users.toMap).toEqual([]);
    expect(plan.users.entries.map((entry) => [entry.feishuId, entry.status, entry.matchedBy])).toEqual([
      ['f1', 'proposed', 'email'],
      ['f2', 'proposed', 'email'],
      ['f3', 'unmatched', null],
      [null, 'unmatched', null],
    ]);
    const f1 = plan.items.find((item) => item.sourceId === 'f1')!;
    expect(f1.notes).toEqual([{ field: 'email', message: 'proposed, waits for review: same email' }]);
  });

  it('with auto-accept: unique finds are created (mapped), a dry run says it would', () => {
    const plan = planIdentityMatch(input({ autoAccept: true }));
    expect(actions(plan)).toMatchObject({ f1: ['created', 'w1'], f2: ['created', 'w2'], f3: ['skipped', null] });
    expect(plan.users.toMap).toEqual([
      { feishu: 'f1', wecom: 'w1', matchedBy: 'email' },
      { feishu: 'f2', wecom: 'w2', matchedBy: 'email' },
    ]);
    const dry = planIdentityMatch(input({ autoAccept: true, dryRun: true }));
    expect(dry.items.find((item) => item.sourceId === 'f1')!.notes![0]!.message).toBe('would be mapped: same email');
  });

  it('a pair mapped earlier is unchanged; a match-made pair whose WeCom side left is updated (unmapped)', () => {
    const mapped: OriginPair[] = [
      { feishu: 'f1', wecom: 'w1', origin: 'match', matchedBy: 'email' },
      { feishu: 'f2', wecom: 'w2', origin: 'match', matchedBy: 'email' },
    ];
    const plan = planIdentityMatch(
      input({
        autoAccept: true,
        userMappings: mapped,
        wecom: { people: [person('w1'), person('w2', undefined, false)], departments: [], unreadable: [] },
      }),
    );
    expect(plan.items.filter((item) => item.sourceId === 'f1').map((item) => item.action)).toEqual(['unchanged']);
    const removal = plan.items.find((item) => item.action === 'updated')!;
    expect(removal).toMatchObject({ sourceId: 'f2', targetId: 'w2' });
    expect(removal.notes!.map((n) => n.message)).toEqual([
      'unmapped from w2: the WeCom person w2 left or is disabled; the rules that held this person are re-synced',
      expect.stringMatching(/^unmatched, waits for review/),
    ]);
    expect(plan.items.filter((entry) => entry.sourceId === 'f2')).toHaveLength(1);
    expect(plan.users.toUnmap).toEqual([{ feishu: 'f2', wecom: 'w2' }]);
    expect(plan.counts['unmapped']).toBe(1);
  });

  it('a hand-made mapping of someone who left is kept, and said so', () => {
    const plan = planIdentityMatch(
      input({ userMappings: [{ feishu: 'f9', wecom: 'w1', origin: 'manual', matchedBy: null }] }),
    );
    const kept = plan.items.find((item) => item.sourceId === 'f9')!;
    expect(kept).toMatchObject({ action: 'unchanged', targetId: 'w1' });
    expect(kept.notes![0]!.message).toContain('mapped by hand, kept');
    expect(plan.users.toUnmap).toEqual([]);
  });

  it('a rejected match stays rejected and is reported as skipped', () => {
    const rejected: IdentityMatch = {
      id: 'm1',
      kind: 'user',
      feishuId: 'f1',
      wecomId: 'w1',
      matchedBy: 'email',
      status: 'rejected',
      candidates: [],
      reason: 'same email',
      reasonCode: 'same_value',
      reasonParams: { basis: 'email' },
      runId: null,
      decidedBy: 'operator',
      decidedAt: new Date(0),
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    const plan = planIdentityMatch(input({ autoAccept: true, userMatches: [rejected] }));
    const item = plan.items.find((entry) => entry.sourceId === 'f1')!;
    expect(item.action).toBe('skipped');
    expect(item.notes![0]!.message).toBe('rejected by an operator: same email');
    expect(plan.users.toMap.map((pair) => pair.feishu)).toEqual(['f2']);
  });
});
