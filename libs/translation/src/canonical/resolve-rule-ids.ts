import type { Vendor } from '@app/kernel';
import type { CanonicalRule } from './canonical-rule.js';
import type { IdResolver } from './id-resolver.js';
import { LossReport, type Loss } from './loss.js';
import { sortStrings } from './text.util.js';

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
  const report = new LossReport();
  const members = resolveMembers(rule, to, resolver, report);
  return { rule: { ...rule, idSpace: to, members }, losses: [...report.list()] };
}

/**
 * The members part of resolveRuleIds, its losses added to the caller's report: what both writers need, without
 * a copy of the whole rule and of the loss list per translation. Fresh lists, owned by the caller.
 */
export function resolveMembers(
  rule: CanonicalRule,
  to: Vendor,
  resolver: IdResolver,
  report: LossReport,
): { userIds: string[]; departmentIds: string[]; excludedUserIds: string[] } {
  const from = rule.idSpace;
  return {
    userIds: mapIds(rule.members.userIds, 'user', from, to, resolver, 'members.userIds', 'user', report),
    departmentIds: mapIds(
      rule.members.departmentIds,
      'department',
      from,
      to,
      resolver,
      'members.departmentIds',
      'department',
      report,
    ),
    excludedUserIds: mapIds(
      rule.members.excludedUserIds,
      'user',
      from,
      to,
      resolver,
      'members.excludedUserIds',
      'excluded user',
      report,
    ),
  };
}

/** The id in `to`'s space, or null when it is blank or the resolver does not know it (or maps it to a blank). */
function resolveId(id: string, kind: 'user' | 'department', from: Vendor, to: Vendor, resolver: IdResolver) {
  if (isBlank(id)) return null;
  const target = from === to ? id : kind === 'user' ? resolver.user(id, from, to) : resolver.department(id, from, to);
  return target === null || isBlankTarget(target) ? null : target;
}

/**
 * id.trim() === '' without trimming when the first character is printable ASCII, which trim() never removes:
 * almost every id. Anything else (including a value that is no string, which throws as before) is trimmed.
 */
function isBlank(id: string): boolean {
  if (typeof id === 'string' && id.length > 0) {
    const first = id.charCodeAt(0);
    if (first > 32 && first < 127) return false;
  }
  return id.trim() === '';
}

/** isBlank for the resolver's answer (its own name, as a thrown error would show it). */
function isBlankTarget(target: string): boolean {
  if (typeof target === 'string' && target.length > 0) {
    const first = target.charCodeAt(0);
    if (first > 32 && first < 127) return false;
  }
  return target.trim() === '';
}

function mapIds(
  ids: readonly string[],
  kind: 'user' | 'department',
  from: Vendor,
  to: Vendor,
  resolver: IdResolver,
  field: string,
  what: string,
  report: LossReport,
): string[] {
  // The targets in order of first appearance, as a Set would keep them. While they come in strictly ascending
  // order (the usual case: sorted ids, mapped one to one) none can repeat, so the Set is only built once one
  // does not.
  const mapped: string[] = [];
  let seen: Set<string> | null = null;
  let unmapped: string[] | null = null;
  for (const id of ids) {
    const target = resolveId(id, kind, from, to, resolver);
    if (target === null) {
      (unmapped ??= []).push(id);
      continue;
    }
    if (seen === null) {
      const last = mapped[mapped.length - 1];
      if (last === undefined || (typeof target === 'string' && typeof last === 'string' && last < target)) {
        mapped.push(target);
        continue;
      }
      seen = new Set(mapped);
    }
    if (!seen.has(target)) {
      seen.add(target);
      mapped.push(target);
    }
  }
  if (unmapped !== null) {
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
  }
  return sortStrings(mapped);
}
