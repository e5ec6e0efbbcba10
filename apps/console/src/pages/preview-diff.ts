// The preview's field diff: what a write would change in the target's current record, path by path. Pure (no
// DOM, no React), so jest runs its spec under the root tsconfig and the console bundles it unchanged.

export type DiffKind = 'added' | 'removed' | 'changed';

/** One difference; `path` names the field (`group.checkindate[0].workdays`), '' for the whole value. */
export interface DiffEntry {
  readonly path: string;
  readonly kind: DiffKind;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface DiffOptions {
  /**
   * Keys missing from `after` are not differences (an update sends only what it sets; the rest stays as the
   * vendor holds it), at every depth of objects. Arrays are always compared in full: a write replaces them.
   */
  readonly ignoreMissingInAfter?: boolean;
  /**
   * A field that is not written and held only an empty value (0, false, '', null, [] or {}) is not a removal:
   * the vendor reads a field left out as that empty value (WeCom's defaults), so nothing changes.
   */
  readonly ignoreRemovedEmpty?: boolean;
}

/** 0, false, '', null, undefined, [] or {}. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === 0 || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base.key`, or `key` at the top, or `base["odd key"]` for keys that are not identifiers. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * The differences between `before` (the current record) and `after` (what would be written), by path, in the
 * order the fields appear (before's keys first, then after's new ones). Objects are compared key by key and
 * arrays index by index; a change of type (object ⇄ array ⇄ scalar) is one `changed` entry for that path.
 */
export function diffJson(before: unknown, after: unknown, options: DiffOptions = {}): DiffEntry[] {
  const entries: DiffEntry[] = [];
  walk(before, after, '', options, entries);
  return entries;
}

function walk(before: unknown, after: unknown, path: string, options: DiffOptions, out: DiffEntry[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      const child = childPath(path, key);
      if (!Object.hasOwn(after, key)) {
        const unchanged = options.ignoreMissingInAfter || (options.ignoreRemovedEmpty && isEmptyValue(before[key]));
        if (!unchanged) out.push({ path: child, kind: 'removed', before: before[key] });
      } else walk(before[key], after[key], child, options, out);
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) out.push({ path: childPath(path, key), kind: 'added', after: after[key] });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Inside an array, a missing element is a removal whatever the option: the array is written whole.
    const inner = { ...options, ignoreMissingInAfter: false };
    const shared = Math.min(before.length, after.length);
    for (let index = 0; index < shared; index += 1)
      walk(before[index], after[index], childPath(path, index), inner, out);
    for (let index = shared; index < before.length; index += 1) {
      out.push({ path: childPath(path, index), kind: 'removed', before: before[index] });
    }
    for (let index = shared; index < after.length; index += 1) {
      out.push({ path: childPath(path, index), kind: 'added', after: after[index] });
    }
    return;
  }
  if (!Object.is(before, after)) out.push({ path, kind: 'changed', before, after });
}

/** Whether `path` is `changed` itself or lies inside it (`a.b[0]` is inside `a.b` and `a`; `a.bc` is not). */
export function isWithin(path: string, changed: string): boolean {
  if (changed === '' || path === changed) return true;
  if (!path.startsWith(changed)) return false;
  const next = path[changed.length];
  return next === '.' || next === '[';
}

/** The kind of difference at `path` or around it (an added object marks every field under it), if any. */
export function diffKindAt(entries: readonly DiffEntry[], path: string): DiffKind | undefined {
  return entries.find((entry) => isWithin(path, entry.path))?.kind;
}

/**
 * `before` with its object keys in `after`'s order (at every depth), its own other keys after them: the two
 * sides of a comparison then list the same fields on the same lines as far as they can. Values are unchanged.
 */
export function alignKeys(before: unknown, after: unknown): unknown {
  if (Array.isArray(before) && Array.isArray(after)) {
    return (before as unknown[]).map((item, index) => (index < after.length ? alignKeys(item, after[index]) : item));
  }
  if (!isObject(before) || !isObject(after)) return before;
  const keys = [...Object.keys(after).filter((key) => Object.hasOwn(before, key)), ...Object.keys(before)];
  return Object.fromEntries([...new Set(keys)].map((key) => [key, alignKeys(before[key], after[key])]));
}
