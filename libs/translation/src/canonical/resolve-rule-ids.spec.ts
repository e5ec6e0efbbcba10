import fc from 'fast-check';
import type { Vendor } from '@app/kernel';
import { anyRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import type { CanonicalRule } from './canonical-rule.js';
import type { IdResolver } from './id-resolver.js';
import { LossReport } from './loss.js';
import { resolveMembers, resolveRuleIds } from './resolve-rule-ids.js';

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
