/** A place where a JSON answer departs from a vendor doc's example: a field missing, another JSON type, another value. */
export type JsonDifference = `${string}: ${'missing' | 'type' | 'value'}`;

/**
 * Where `actual` departs from `expected`, field by field from `path`: a field of `expected` missing in `actual`,
 * of another JSON type, a list of another length, or (for leaves) another value. Fields only `actual` has are
 * not differences: the emulators' read-example specs compare an answer with what a doc example shows.
 */
export function jsonDifferences(expected: unknown, actual: unknown, path: string): JsonDifference[] {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  if (kind(expected) !== kind(actual)) return [`${path}: type`];
  if (Array.isArray(expected)) {
    const list = actual as unknown[];
    if (expected.length !== list.length) return [`${path}: value`];
    return expected.flatMap((element, index) => jsonDifferences(element, list[index], `${path}[${index}]`));
  }
  if (kind(expected) === 'object') {
    const object = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
      key in object ? jsonDifferences(value, object[key], `${path}.${key}`) : [`${path}.${key}: missing` as const],
    );
  }
  return expected === actual ? [] : [`${path}: value`];
}
