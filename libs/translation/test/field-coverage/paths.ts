import { addDays } from '@app/kernel';
import type { Loss } from '../../src/canonical/loss.js';

/*
 * Path helpers of the field-coverage harness. A path is dotted with "[]" for array elements
 * ("checkindate[].checkintime[].work_sec"); a concrete path may name the element ("locations[1].gps_range",
 * "[]" = element 0). Values are JSON-like (the mappers' inputs and outputs).
 */

export const DELETE: unique symbol = Symbol('delete');
export type Patch = Readonly<Record<string, unknown>>;

interface Segment {
  readonly key: string;
  /** undefined: not an array step; null: "[]" (pick by the caller's index list, else 0); a number: that element. */
  readonly index: number | null | undefined;
}

const SEGMENT = /^([^[\]]*)(?:\[(\d*)\])?$/;

export function parsePath(path: string): Segment[] {
  if (path === '' || path === '.') return [];
  return path.split('.').map((part) => {
    const match = SEGMENT.exec(part);
    if (!match) throw new Error(`bad path segment "${part}" in "${path}"`);
    const [, key = '', index] = match;
    return { key, index: index === undefined ? undefined : index === '' ? null : Number(index) };
  });
}

function pick(segment: Segment, indexes: readonly number[], position: { next: number }): number {
  return typeof segment.index === 'number' ? segment.index : pickIndex(indexes, position);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` (first element of every array unless `indexes` says otherwise); undefined if absent. */
export function getAt(root: unknown, path: string, indexes: readonly number[] = []): unknown {
  const position = { next: 0 };
  let current: unknown = root;
  for (const segment of parsePath(path)) {
    if (segment.key !== '') {
      if (!isRecord(current)) return undefined;
      current = current[segment.key];
    }
    if (segment.index !== undefined) {
      if (!Array.isArray(current)) return undefined;
      current = current[pick(segment, indexes, position)];
    }
  }
  return current;
}

/** Sets (or with DELETE removes) the value at `path` in place, creating missing objects and array elements. */
export function setAt(root: unknown, path: string, value: unknown, indexes: readonly number[] = []): void {
  const segments = parsePath(path);
  if (segments.length === 0) throw new Error('cannot set the root');
  const position = { next: 0 };
  let current = root as Record<string, unknown> | unknown[];
  segments.forEach((segment, at) => {
    const last = at === segments.length - 1;
    if (segment.key !== '') {
      const holder = current as Record<string, unknown>;
      if (last && segment.index === undefined) {
        if (value === DELETE) delete holder[segment.key];
        else holder[segment.key] = value;
        return;
      }
      if (holder[segment.key] === undefined || holder[segment.key] === null) {
        holder[segment.key] = segment.index === undefined ? {} : [];
      }
      current = holder[segment.key] as Record<string, unknown> | unknown[];
    }
    if (segment.index !== undefined) {
      const list = current as unknown[];
      const index = typeof segment.index === 'number' ? segment.index : pickIndex(indexes, position);
      if (last) {
        if (value === DELETE) list.splice(index, 1);
        else list[index] = value;
        return;
      }
      if (list[index] === undefined || list[index] === null) list[index] = {};
      current = list[index] as Record<string, unknown>;
    }
  });
}

function pickIndex(indexes: readonly number[], position: { next: number }): number {
  const index = indexes[position.next] ?? 0;
  position.next += 1;
  return index;
}

/** Every value at `path`, through every element of every array on the way (absent ones left out). */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = Array.isArray(root) ? root : [root];
  for (const segment of parsePath(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      const child = segment.key === '' ? value : isRecord(value) ? value[segment.key] : undefined;
      if (child === undefined) continue;
      if (segment.index === undefined) next.push(child);
      else if (Array.isArray(child)) {
        if (typeof segment.index === 'number') next.push(child[segment.index]);
        else for (const element of child as unknown[]) next.push(element);
      }
    }
    current = next.filter((value) => value !== undefined);
  }
  return current;
}

export function applyPatch(root: unknown, patch: Patch | undefined): void {
  for (const [path, value] of Object.entries(patch ?? {})) setAt(root, path, value);
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The leaf paths of a JSON value: objects are walked, arrays as "[]"; an empty array or object is a leaf. */
export function jsonLeafPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.add(path);
    for (const element of value) jsonLeafPaths(element, `${path}[]`, out);
  } else if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && path !== '') out.add(path);
    for (const key of keys) jsonLeafPaths(value[key], path ? `${path}.${key}` : key, out);
  } else if (path !== '') out.add(path);
  return out;
}

/** The paths ("[]" for elements) where `a` and `b` differ; a changed array length names the array itself. */
export function diffPaths(a: unknown, b: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.add(path);
    for (let index = 0; index < Math.min(a.length, b.length); index += 1)
      diffPaths(a[index], b[index], `${path}[]`, out);
  } else if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      diffPaths(a[key], b[key], path ? `${path}.${key}` : key, out);
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.add(path);
  return out;
}

/** Path segments without array marks: "a[].b[3].c" → ["a", "b", "c"]. */
export function plainSegments(path: string): string[] {
  return path
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter((segment) => segment !== '');
}

/** One path is a prefix of the other (segment-wise, array marks ignored); "." and the root relate to everything. */
export function related(a: string, b: string): boolean {
  if (a === '.' || b === '.' || a === '' || b === '') return true;
  const x = plainSegments(a);
  const y = plainSegments(b);
  const n = Math.min(x.length, y.length);
  for (let index = 0; index < n; index += 1) if (x[index] !== y[index]) return false;
  return true;
}

/** Whether a loss's `field` names `target`: its plain segments end with the target's. */
export function lossNames(loss: Loss, target: string): boolean {
  const field = plainSegments(loss.field);
  const want = plainSegments(target);
  if (want.length === 0 || want.length > field.length) return false;
  return want.every((segment, index) => field[field.length - want.length + index] === segment);
}

/** A loss field's segments, array marks ("[0]", "[]", "[<shift id>]") and numeric steps (".0") left out. */
function lossSegments(field: string): string[] {
  return plainSegments(field).filter((segment) => !/^\d+$/.test(segment));
}

/**
 * The ways a mapper's loss field can be read against a table's paths: as it is; without the record it is filed
 * under ("group." of a WeCom rule, "punch." of a punch); and for a shift's field ("shifts[<id>].…",
 * "shifts.<key>.…") relative to the shift (the Feishu shift tables) or with the shift's id left out (canonical
 * "shifts[].…" paths).
 */
function lossFieldForms(field: string): string[][] {
  const bare = field.replace(/^(?:group|punch)(?:\.|(?=\[)|$)/, '');
  const shift = /^shifts(?:\[[^\]]*\]|\.[^.[\]]+)(.*)$/.exec(bare);
  const forms = [field, bare];
  if (shift) forms.push(shift[1]!.replace(/^\./, ''), `shifts${shift[1]!}`);
  return forms.map(lossSegments);
}

function startsWith(list: readonly string[], start: readonly string[]): boolean {
  return start.length <= list.length && start.every((segment, index) => list[index] === segment);
}

/** Whether `part` occurs in `list` as a contiguous run. */
function holds(list: readonly string[], part: readonly string[]): boolean {
  for (let at = 0; at + part.length <= list.length; at += 1) {
    if (part.every((segment, index) => list[at + index] === segment)) return true;
  }
  return false;
}

/**
 * Whether a loss is filed at the field at `path` (or below it): its field, with array indices ("[0]", ".0", "[]")
 * left out, holds the field's whole path, under whatever record or parent the mapper files it
 * ("group.checkindate[0].checkintime[0].remind_work_sec" is at "checkindate[].checkintime[].remind_work_sec").
 */
export function lossAt(loss: Loss, path: string): boolean {
  const want = lossSegments(path);
  return want.length > 0 && holds(lossSegments(loss.field), want);
}

/**
 * Whether a loss concerns the field at `path` (of a table: "checkindate[].checkintime[].remind_work_sec"): it is
 * filed at the field (lossAt), or names it by its last segment wherever it is filed, or it is filed at a parent
 * of the field (a section, an umbrella object) — indices normalised, and read without the record or shift a
 * mapper files it under ("group.", "punch.", "shifts.<id>."): "group.spe_workdays[0].checkintime[0]" concerns
 * "spe_workdays[].checkintime[].remind_work_sec", "shifts[6919…].shift_attendance_time_config" concerns
 * "shift_attendance_time_config.attendance_time". A parent must be anchored at the record: a loss on a bare
 * "checkintime" does not concern "checkindate[].checkintime[].remind_work_sec" (nor "remind_work_sec").
 */
export function lossConcerns(loss: Loss, path: string): boolean {
  const want = lossSegments(path);
  if (want.length === 0) return false;
  if (lossAt(loss, path) || lossSegments(loss.field).at(-1) === want.at(-1)) return true;
  return lossFieldForms(loss.field).some((form) => form.length > 0 && startsWith(want, form));
}

export function lastSegment(path: string): string {
  return plainSegments(path).at(-1) ?? path;
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAC = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;

/**
 * A different, usually still valid value of the same kind: booleans flip; integers move by 300 (a multiple of
 * 5 minutes in seconds), 60 (a minute) or 1; other numbers by 0.001; clock texts by a minute, dates by a day,
 * numeric ids and MAC addresses in their last digit; other texts get "-x"; lists of scalars get one more entry.
 * null for what has no generic change (objects, null, lists of objects): the caller needs an override.
 */
export function perturb(value: unknown): { readonly value: unknown } | null {
  if (typeof value === 'boolean') return { value: !value };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { value: Math.round((value + 0.001) * 1e6) / 1e6 };
    if (value !== 0 && value % 300 === 0) return { value: value + 300 };
    if (value !== 0 && value % 60 === 0) return { value: value + 60 };
    return { value: value + 1 };
  }
  if (typeof value === 'string') {
    const clock = CLOCK.exec(value);
    if (clock) {
      const minutes = Number(clock[1]) * 60 + Number(clock[2]) + 1;
      return { value: `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}` };
    }
    if (ISO_DATE.test(value)) return { value: addDays(value, 1) };
    if (/^\d+$/.test(value)) {
      const last = Number(value.at(-1));
      return { value: `${value.slice(0, -1)}${(last + 1) % 10}` };
    }
    if (MAC.test(value)) {
      const last = Number.parseInt(value.slice(-2), 16);
      return { value: `${value.slice(0, -2)}${((last + 1) % 256).toString(16).padStart(2, '0')}` };
    }
    return { value: `${value}-x` };
  }
  if (Array.isArray(value)) {
    const list = value as unknown[];
    if (list.length === 0) return null;
    const last = list[list.length - 1];
    if (typeof last === 'object' && last !== null) return null;
    const extra = typeof last === 'string' ? `${last}-x` : perturb(last)?.value;
    return extra === undefined ? null : { value: [...list, extra] };
  }
  if (isRecord(value) && Object.keys(value).length === 0) return { value: { extra: 1 } };
  return null;
}

/** Whether a value reads as "not set": false, 0, "", an empty list or object, null or absent. */
export function isQuiet(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0)
  );
}

export function show(value: unknown): string {
  if (value === DELETE) return '(absent)';
  const text = JSON.stringify(value);
  if (text === undefined) return '(absent)';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
