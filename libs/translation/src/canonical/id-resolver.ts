import type { Vendor } from '@app/kernel';

/**
 * Maps ids between the vendors' id spaces; the sync builds it from the mapping store (or "same ids").
 * Returns null for an id it does not know: the mapper reports it and leaves it out, it never invents one.
 */
export interface IdResolver {
  user(id: string, from: Vendor, to: Vendor): string | null;
  department(id: string, from: Vendor, to: Vendor): string | null;
}

/** USER_ID_MAPPING=same: identical ids on both sides (departments still need a table). */
export function sameIdResolver(departments: IdResolver['department'] = () => null): IdResolver {
  return { user: (id) => id, department: departments };
}

/** A resolver over explicit pairs, e.g. loaded from the mapping store. */
export function tableIdResolver(
  users: ReadonlyMap<string, string>,
  departments: ReadonlyMap<string, string>,
): IdResolver {
  const invert = (map: ReadonlyMap<string, string>) => new Map([...map].map(([feishu, wecom]) => [wecom, feishu]));
  const wecomUsers = invert(users);
  const wecomDepartments = invert(departments);
  const look =
    (feishuToWecom: ReadonlyMap<string, string>, wecomToFeishu: ReadonlyMap<string, string>) =>
    (id: string, from: Vendor, to: Vendor): string | null => {
      if (from === to) return id;
      return (from === 'feishu' ? feishuToWecom.get(id) : wecomToFeishu.get(id)) ?? null;
    };
  return { user: look(users, wecomUsers), department: look(departments, wecomDepartments) };
}
