import { stableStringify } from './text.util.js';

/*
 * stableStringify (text.util.ts) at the speed of the native JSON.stringify, for values whose shape the
 * caller knows: the caller copies the value into objects whose keys it inserts in code-unit order, and
 * JSON.stringify of that copy is the same text as stableStringify of the value, in one flat string. The
 * stable text is what content hashes, plan keys and shift fingerprints are made of, and the generic
 * stableStringify (Object.keys, a sort and an array per object, a closure per value, then a rope of small
 * strings to flatten) was one of the largest costs of the translation benchmark.
 *
 * The two agree while every leaf is a string, a number, a boolean, null or undefined and no list has holes
 * (JSON.stringify writes a function, a symbol, an object with toJSON or a hole differently). The copy helpers
 * below pass leaves through and note anything else; sortedJson then falls back to stableStringify of the
 * original value, so the text is always stableStringify's (sorted-json.util.spec.ts checks both paths).
 *
 * Usage: `sortedJson(copySorted(value), () => value)`, where copySorted builds every list with `list` or
 * `leaves` and passes every leaf through `leaf`. The flag is raised while the copy is built (the argument is
 * evaluated before the call) and sortedJson clears it for the next caller; a copy never calls back into code
 * that could start another one.
 */

let exotic = false;

/** stableStringify(original()), given the sorted copy of that value built with the helpers below. */
export function sortedJson(sortedCopy: unknown, original: () => unknown): string {
  const fallback = exotic;
  exotic = false;
  return fallback ? stableStringify(original()) : JSON.stringify(sortedCopy);
}

/** A leaf as is; anything but a string, number, boolean, null or undefined sends the value to the fallback. */
export function leaf<T>(value: T): T {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      break;
    case 'object':
      if (value !== null) exotic = true;
      break;
    default:
      // function, symbol, bigint
      exotic = true;
  }
  return value;
}

/** A list of leaves, reused as is after the same check (a hole also sends the value to the fallback). */
export function leaves<T>(items: readonly T[]): readonly T[] {
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (item === undefined) {
      if (!(index in items)) exotic = true;
    } else leaf(item);
  }
  return items;
}

/** A list of objects, each copied by `copy`; an undefined entry (a hole) sends the value to the fallback. */
export function list<T, U>(items: readonly T[], copy: (item: T) => U): U[] {
  const out: U[] = [];
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (item === undefined) {
      exotic = true;
      return out;
    }
    out.push(copy(item));
  }
  return out;
}
