import fc from 'fast-check';
import type { Vendor } from '@app/kernel';
import { anyRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import type { CanonicalRule } from './canonical-rule.js';
import type { IdResolver } from './id-resolver.js';
import { LossReport } from './loss.js';
import { resolveMembers, resolveRuleIds } from './resolve-rule-ids.js';
import { officeRule } from '../../test/canonical-rule.fixtures.js';

// resolveMembers (what both writers use) skips the Set while the mapped ids come in order; it must keep
// resolveRuleIds' answer: the same lists, the same losses, for any resolver, duplicates and blanks included.

function referenceIds(ids: readonly string[], resolve: (id: string) => string | null): string[] {
  const mapped = new Set<string>();
  for (const id of ids) {
    if (id.trim() === '') continue;
    const target = resolve(id);
    if (target !== null && target.trim() !== '') mapped.add(target);
  }
  return [...mapped].sort();
}

const resolverArbitrary: fc.Arbitrary<IdResolver> = fc.constantFrom<IdResolver>(
  { user: (id) => id, department: (id) => id },
  { user: (id) => id.toUpperCase(), department: () => null },
  { user: (id) => (id.length % 2 ? `${id.slice(0, 1)}` : ' '), department: (id) => `d${id.length % 3}` },
  { user: (id) => `z${id}`.split('').reverse().join(''), department: (id) => id },
);

describe('resolveMembers', () => {
  it('gives resolveRuleIds’ members and losses', () => {
    const idsArbitrary = fc.array(fc.oneof(fc.stringMatching(/^[a-c]{0,3}$/), fc.constantFrom(' ', '', '\t')));
    fc.assert(
      fc.property(
        anyRuleArbitrary(),
        idsArbitrary,
        idsArbitrary,
        resolverArbitrary,
        fc.constantFrom<Vendor>('feishu', 'wecom'),
        (base, userIds, departmentIds, resolver, to) => {
          const rule: CanonicalRule = { ...base, members: { userIds, departmentIds, excludedUserIds: userIds } };
          const report = new LossReport();
          const members = resolveMembers(rule, to, resolver, report);
          const reference = resolveRuleIds(rule, to, resolver);
          expect(members).toEqual(reference.rule.members);
          expect(report.list()).toEqual(reference.losses);
          const same = rule.idSpace === to;
          const user = (id: string) => (same ? id : resolver.user(id, rule.idSpace, to));
          const department = (id: string) => (same ? id : resolver.department(id, rule.idSpace, to));
          expect(members.userIds).toEqual(referenceIds(userIds, user));
          expect(members.departmentIds).toEqual(referenceIds(departmentIds, department));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('resolveRuleIds', () => {
  const feishuToWecom: IdResolver = {
    user: (id) =>
      ({ ou_a: 'alice', ou_b: 'bob', ou_b2: 'bob', ou_space: ' ', ou_tab: '\t', ou_nbsp: '\u00a0' })[id] ?? null,
    department: (id) => ({ od_1: '1', od_accent: 'é1' })[id] ?? null,
  };
  const feishuRule = (members: CanonicalRule['members']): CanonicalRule => officeRule({ idSpace: 'feishu', members });

  it('maps each list, sorted, with duplicates and two ids of one target made one', () => {
    const { rule, losses } = resolveRuleIds(
      feishuRule({
        userIds: ['ou_b', 'ou_a', 'ou_b2', 'ou_a'],
        departmentIds: ['od_accent', 'od_1'],
        excludedUserIds: ['ou_b'],
      }),
      'wecom',
      feishuToWecom,
    );
    expect(rule.idSpace).toBe('wecom');
    expect(rule.members).toEqual({ userIds: ['alice', 'bob'], departmentIds: ['1', 'é1'], excludedUserIds: ['bob'] });
    expect(losses).toEqual([]);
  });

  it('keeps ids that start with a character outside printable ASCII unless they are blank', () => {
    const sameSpace = resolveRuleIds(
      officeRule({ members: { userIds: ['张三', '\u00a0', ' x', '\t'], departmentIds: [], excludedUserIds: [] } }),
      'wecom',
      feishuToWecom,
    );
    expect(sameSpace.rule.members.userIds).toEqual([' x', '张三']);
    expect(sameSpace.losses).toEqual([
      { field: 'members.userIds', severity: 'dropped', message: '2 blank user ids were left out of the rule.' },
    ]);
  });

  it('leaves out blank ids even when the resolver maps them', () => {
    // A mapping table with a blank key (a bad row) must not put someone in the rule for an id that names no one.
    const mapsEverything: IdResolver = { user: () => 'someone', department: () => 'somewhere' };
    const { rule, losses } = resolveRuleIds(
      feishuRule({ userIds: ['\u00a0', '\u3000'], departmentIds: [], excludedUserIds: [] }),
      'wecom',
      mapsEverything,
    );
    expect(rule.members.userIds).toEqual([]);
    expect(losses).toEqual([
      { field: 'members.userIds', severity: 'dropped', message: '2 blank user ids were left out of the rule.' },
    ]);
  });

  it('leaves out ids the resolver maps to a blank, as ids it does not know', () => {
    const { rule, losses } = resolveRuleIds(
      feishuRule({ userIds: ['ou_space', 'ou_tab', 'ou_nbsp', 'ou_a'], departmentIds: [], excludedUserIds: [] }),
      'wecom',
      feishuToWecom,
    );
    expect(rule.members.userIds).toEqual(['alice']);
    expect(losses).toEqual([
      {
        field: 'members.userIds',
        severity: 'dropped',
        message:
          '3 users with no wecom counterpart in the id mapping were left out of the rule: ou_space, ou_tab, ou_nbsp. ' +
          'Add the mapping and sync again to include them.',
        sourceValue: ['ou_space', 'ou_tab', 'ou_nbsp'],
      },
    ]);
  });

  it('names the list and the kind of id in each loss, in the singular for one id', () => {
    const { losses } = resolveRuleIds(
      feishuRule({ userIds: [' ', 'ou_x'], departmentIds: ['', 'od_x'], excludedUserIds: ['\t', 'ou_y'] }),
      'wecom',
      feishuToWecom,
    );
    const unknown = (field: string, what: string, id: string) => ({
      field,
      severity: 'dropped',
      message:
        `1 ${what} with no wecom counterpart in the id mapping was left out of the rule: ${id}. ` +
        'Add the mapping and sync again to include them.',
      sourceValue: [id],
    });
    expect(losses).toEqual([
      { field: 'members.userIds', severity: 'dropped', message: '1 blank user id was left out of the rule.' },
      unknown('members.userIds', 'user', 'ou_x'),
      {
        field: 'members.departmentIds',
        severity: 'dropped',
        message: '1 blank department id was left out of the rule.',
      },
      unknown('members.departmentIds', 'department', 'od_x'),
      {
        field: 'members.excludedUserIds',
        severity: 'dropped',
        message: '1 blank excluded user id was left out of the rule.',
      },
      unknown('members.excludedUserIds', 'excluded user', 'ou_y'),
    ]);
  });
});
