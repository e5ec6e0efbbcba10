import type { DirectoryDepartment } from '@app/kernel';
import {
  settleMatches,
  type ExistingMapping,
  type MatchOutcome,
  type PreviousMatch,
  type Search,
} from './settle-matches.js';

// Departments matched by their path of names from the root, then by their name under a mapped parent (issue 21),
// with the rules people follow (settle-matches.ts). Pure: no I/O, no clock.

export interface DepartmentMatchInput {
  readonly feishu: readonly DirectoryDepartment[];
  readonly wecom: readonly DirectoryDepartment[];
  /** Every department mapping, with its origin (DepartmentMappingRepository.listAllWithOrigin). */
  readonly mappings: readonly ExistingMapping[];
  /** The department matches the store holds (IdentityMatchRepository.listAll('department')). */
  readonly previous: readonly PreviousMatch[];
  readonly autoAccept: boolean;
}

/** A department's name as compared: trimmed (a name is otherwise compared exactly). */
const nameOf = (department: DirectoryDepartment): string => (department.name ?? '').trim();

interface Tree {
  readonly byId: Map<string, DirectoryDepartment>;
  readonly children: Map<string, DirectoryDepartment[]>;
  /** Path of names from the root, as a key; null for a department in a cycle of parents. */
  readonly pathKey: Map<string, string | null>;
  /** Ids by path key. */
  readonly byPath: Map<string, string[]>;
  /** Ids, parents before children (roots first), then by id. */
  readonly order: string[];
}

/**
 * A root is a department without a parent: its path is empty, so both vendors' roots match each other whatever
 * their names (Feishu's root department and WeCom's department 1). A department whose parent is not listed
 * hangs under an unnamed root (its path starts with its own name), as when a directory leaves its root out.
 */
function treeOf(departments: readonly DirectoryDepartment[]): Tree {
  const byId = new Map<string, DirectoryDepartment>();
  for (const department of departments) if (!byId.has(department.id)) byId.set(department.id, department);
  const children = new Map<string, DirectoryDepartment[]>();
  for (const department of byId.values()) {
    if (department.parentId === null) continue;
    const siblings = children.get(department.parentId);
    if (siblings) siblings.push(department);
    else children.set(department.parentId, [department]);
  }
  const pathKey = new Map<string, string | null>();
  const pathOf = (id: string): string[] | null => {
    const names: string[] = [];
    const visited = new Set<string>();
    let current = byId.get(id);
    while (current && current.parentId !== null) {
      if (visited.has(current.id)) return null;
      visited.add(current.id);
      names.unshift(nameOf(current));
      current = byId.get(current.parentId);
    }
    return names;
  };
  const byPath = new Map<string, string[]>();
  const depths = new Map<string, number>();
  for (const id of byId.keys()) {
    const path = pathOf(id);
    const key = path === null ? null : JSON.stringify(path);
    pathKey.set(id, key);
    // A department in a cycle is searched last (it finds nothing by path, and no parent of it is paired).
    depths.set(id, path === null ? Number.MAX_SAFE_INTEGER : path.length);
    if (key === null) continue;
    const same = byPath.get(key);
    if (same) same.push(id);
    else byPath.set(key, [id]);
  }
  const depth = (id: string): number => depths.get(id)!;
  const order = [...byId.keys()].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { byId, children, pathKey, byPath, order };
}

/**
 * Matches the departments of both directories: by `name_path` (the same path of names from the root, unique on
 * both sides), else by `mapped_parent` (its parent is mapped, by hand or by match, or paired earlier in this
 * run, and exactly one child of the parent's counterpart bears its name). More than one candidate is
 * `ambiguous`, none `unmatched`; hand-made mappings win, decisions stay, and a match-made mapping whose
 * department is gone on either side is returned for unmapping.
 */
export function matchDepartments(input: DepartmentMatchInput): MatchOutcome {
  const feishu = treeOf(input.feishu);
  const wecom = treeOf(input.wecom);
  const search = (feishuId: string, pairOf: (feishuId: string) => string | undefined): Search => {
    const key = feishu.pathKey.get(feishuId);
    if (key === null || key === undefined) return { none: { code: 'parents_cycle', params: {} } };
    const byPath = wecom.byPath.get(key) ?? [];
    if (byPath.length > 0) {
      return {
        basis: 'name_path',
        wecomIds: byPath,
        feishuIds: feishu.byPath.get(key) ?? [],
      };
    }
    const department = feishu.byId.get(feishuId)!;
    const parent = department.parentId === null ? undefined : pairOf(department.parentId);
    if (parent === undefined || !wecom.byId.has(parent)) {
      return { none: { code: 'no_path_parent_unmapped', params: {} } };
    }
    const name = nameOf(department);
    const named = (siblings: readonly DirectoryDepartment[] | undefined) =>
      (siblings ?? []).filter((sibling) => nameOf(sibling) === name).map((sibling) => sibling.id);
    const wecomIds = named(wecom.children.get(parent));
    if (wecomIds.length === 0) {
      return { none: { code: 'no_name_under_parent', params: { wecomId: parent } } };
    }
    return {
      basis: 'mapped_parent',
      wecomIds,
      feishuIds: named(feishu.children.get(department.parentId!)),
    };
  };
  return settleMatches({
    noun: 'department',
    feishu: feishu.order,
    wecom: [...wecom.byId.keys()].sort(),
    inactiveFeishu: new Set(),
    inactiveWecom: new Set(),
    mappings: input.mappings,
    previous: input.previous,
    autoAccept: input.autoAccept,
    search,
  });
}
