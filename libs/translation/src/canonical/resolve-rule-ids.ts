import type { Vendor } from '@app/kernel';
import type { CanonicalRule, Members } from './canonical-rule.js';
import type { IdResolver } from './id-resolver.js';
import { LossReport, type Loss } from './loss.js';

/**
 * Moves a rule's members into `to`'s id space through the resolver — the one place both writers resolve
 * members. Ids the resolver does not know, and blank ids, are left out with a `dropped` loss naming them: an
 * id is never invented, and never carried over unmapped (it would name someone else, or no one, on the
 * other side). Duplicates (also two source ids mapping to one target) become one; lists come back sorted.
 */
export function resolveRuleIds(
  rule: CanonicalRule,
  to: Vendor,
  resolver: IdResolver,
): { rule: CanonicalRule; losses: Loss[] } {
  const from = rule.idSpace;
  const report = new LossReport();
  const through =
    (kind: 'user' | 'department') =>
    (id: string): string | null => {
      if (id.trim() === '') return null;
      const target = from === to ? id : resolver[kind](id, from, to);
      return target === null || target.trim() === '' ? null : target;
    };
  const user = through('user');
  const department = through('department');
  const members: Members = {
    userIds: mapIds(rule.members.userIds, user, 'members.userIds', 'user', report, to),
    departmentIds: mapIds(rule.members.departmentIds, department, 'members.departmentIds', 'department', report, to),
    excludedUserIds: mapIds(rule.members.excludedUserIds, user, 'members.excludedUserIds', 'excluded user', report, to),
  };
  return { rule: { ...rule, idSpace: to, members }, losses: [...report.list()] };
}

function mapIds(
  ids: readonly string[],
  resolve: (id: string) => string | null,
  field: string,
  what: string,
  report: LossReport,
  to: Vendor,
): string[] {
  const mapped = new Set<string>();
  const unmapped: string[] = [];
  for (const id of ids) {
    const target = resolve(id);
    if (target === null) unmapped.push(id);
    else mapped.add(target);
  }
  const blank = unmapped.filter((id) => id.trim() === '').length;
  if (blank > 0) {
    report.dropped(field, `${blank} blank ${what} id${blank === 1 ? ' was' : 's were'} left out of the rule.`);
  }
  const unknown = unmapped.filter((id) => id.trim() !== '');
  if (unknown.length > 0) {
    report.dropped(
      field,
      `${unknown.length} ${what}${unknown.length === 1 ? '' : 's'} with no ${to} counterpart in the id mapping ` +
        `${unknown.length === 1 ? 'was' : 'were'} left out of the rule: ${unknown.join(', ')}. ` +
        'Add the mapping and sync again to include them.',
      unknown,
    );
  }
  return [...mapped].sort();
}
