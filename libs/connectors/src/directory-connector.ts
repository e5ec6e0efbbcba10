import type {
  DirectoryDepartment,
  DirectoryPerson,
  IdentityAttribute,
  UnreadableRecord,
  Vendor,
  VendorError,
} from '@app/kernel';

/**
 * One vendor's directory as the identity match reads it (issue #21). `departments` holds the root too (its
 * parentId null): Feishu's root "0" has no name, WeCom's root 1 carries the corp's name, so name paths compare
 * below the roots (docs/vendor/wecom-contact.md [W7]). A person listed under several departments appears once,
 * with all of them. A record that cannot be read is set aside in `unreadable`, never a failed read.
 */
export interface DirectoryReadResult {
  readonly people: DirectoryPerson[];
  readonly departments: DirectoryDepartment[];
  readonly unreadable: UnreadableRecord[];
}

export interface LookupAnswer {
  /** each value asked, as given → the id on this vendor, or null when nobody has it */
  readonly found: ReadonlyMap<string, string | null>;
  /** set when the vendor refused part-way (rate limit budget spent, permission): the values after it are absent from `found` */
  readonly stoppedBy?: VendorError;
}

/**
 * What every directory connector is: one vendor's people and departments, and that vendor's lookups of a person
 * by an attribute, with the client and that vendor's paging, batching and status rules inside and nothing of
 * any other vendor. Values pass through memory only: they are personal data (DESIGN.md) and never logged.
 */
export interface DirectoryConnector {
  readonly vendor: Vendor;
  /** the attributes this vendor's lookup APIs answer */
  readonly lookupAttributes: readonly IdentityAttribute[];
  /**
   * The whole directory from the root. A root outside the app's contact scope (Feishu) or visible range (WeCom)
   * is a 'permission' VendorError naming what to grant.
   */
  readDirectory(): Promise<DirectoryReadResult>;
  /**
   * The ids of the people holding `values` of `attribute` (one of lookupAttributes; another is a RangeError).
   * `onProgress` hears how many values are done, as they are.
   */
  lookup(
    attribute: IdentityAttribute,
    values: readonly string[],
    onProgress?: (done: number) => void,
  ): Promise<LookupAnswer>;
}

/** A value an attribute cannot hold (empty or blank): nobody has it, and asking a vendor would waste a call. */
export function isBlankValue(value: string): boolean {
  return value.trim() === '';
}

/**
 * The people of a directory read department by department: each person once (the first listing's record), with
 * every department any listing named. Both vendors list a member under each of their departments.
 */
export class DirectoryPeople {
  private readonly people = new Map<string, { person: DirectoryPerson; departmentIds: Set<string> }>();

  /** `person` is built only for the first listing of `id`. */
  add(id: string, departmentIds: Iterable<string>, person: () => DirectoryPerson): void {
    let known = this.people.get(id);
    if (!known) {
      known = { person: person(), departmentIds: new Set() };
      this.people.set(id, known);
    }
    for (const departmentId of departmentIds) known.departmentIds.add(departmentId);
  }

  list(): DirectoryPerson[] {
    return [...this.people.values()].map(({ person, departmentIds }) => ({
      ...person,
      departmentIds: [...departmentIds],
    }));
  }
}
