// Jest globals are imported rather than ambient: the console's tsconfig (which type-checks this file) has only
// the browser's types, and the root tsconfig (whose types ts-jest uses) excludes apps/console.
import { describe, expect, it } from '@jest/globals';
import { alignKeys, childPath, diffJson, diffKindAt, isWithin } from './preview-diff';

describe('diffJson', () => {
  it('finds nothing between equal values', () => {
    expect(diffJson({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toEqual([]);
    expect(diffJson(null, null)).toEqual([]);
    expect(diffJson('x', 'x')).toEqual([]);
  });

  it('names added, removed and changed fields by path', () => {
    expect(diffJson({ a: 1, b: 2, nested: { x: true } }, { a: 1, b: 3, c: 4, nested: { x: false } })).toEqual([
      { path: 'b', kind: 'changed', before: 2, after: 3 },
      { path: 'nested.x', kind: 'changed', before: true, after: false },
      { path: 'c', kind: 'added', after: 4 },
    ]);
    expect(diffJson({ a: 1, gone: { deep: 1 } }, { a: 1 })).toEqual([
      { path: 'gone', kind: 'removed', before: { deep: 1 } },
    ]);
  });

  it('compares arrays index by index, with the extra elements added or removed', () => {
    expect(diffJson({ days: [1, 2, 3] }, { days: [1, 5] })).toEqual([
      { path: 'days[1]', kind: 'changed', before: 2, after: 5 },
      { path: 'days[2]', kind: 'removed', before: 3 },
    ]);
    expect(diffJson([{ t: 1 }], [{ t: 1 }, { t: 2 }])).toEqual([{ path: '[1]', kind: 'added', after: { t: 2 } }]);
    expect(diffJson({ list: [{ a: 1, b: 2 }] }, { list: [{ a: 1, b: 9 }] })).toEqual([
      { path: 'list[0].b', kind: 'changed', before: 2, after: 9 },
    ]);
  });

  it('reports a change of type as one change of that path', () => {
    expect(diffJson({ v: [1] }, { v: { 0: 1 } })).toEqual([
      { path: 'v', kind: 'changed', before: [1], after: { 0: 1 } },
    ]);
    expect(diffJson({ v: null }, { v: 0 })).toEqual([{ path: 'v', kind: 'changed', before: null, after: 0 }]);
    expect(diffJson(1, '1')).toEqual([{ path: '', kind: 'changed', before: 1, after: '1' }]);
  });

  it('ignores fields an update does not send, but not elements missing from a written array', () => {
    const current = { groupid: 3, create_time: 1700000000, name: 'old', days: [1, 2], range: { userid: ['a'], x: 1 } };
    const written = { groupid: 3, name: 'new', days: [1], range: { userid: ['a'] } };
    expect(diffJson(current, written, { ignoreMissingInAfter: true })).toEqual([
      { path: 'name', kind: 'changed', before: 'old', after: 'new' },
      { path: 'days[1]', kind: 'removed', before: 2 },
    ]);
  });

  it('can take a field left out that held only an empty value as no change', () => {
    const current = { days: [{ work: 1, ahead: 0, off: false, list: [], name: '', obj: {}, late: 5 }] };
    const written = { days: [{ work: 2 }] };
    expect(diffJson(current, written, { ignoreMissingInAfter: true, ignoreRemovedEmpty: true })).toEqual([
      { path: 'days[0].work', kind: 'changed', before: 1, after: 2 },
      { path: 'days[0].late', kind: 'removed', before: 5 },
    ]);
    expect(diffJson(current, written, { ignoreMissingInAfter: true })).toHaveLength(7);
  });

  it('quotes keys that are not identifiers', () => {
    expect(diffJson({}, { 'odd key': 1, '0': 2 })).toEqual([
      { path: '["0"]', kind: 'added', after: 2 },
      { path: '["odd key"]', kind: 'added', after: 1 },
    ]);
    expect(childPath('a', 'b')).toBe('a.b');
    expect(childPath('a', 2)).toBe('a[2]');
    expect(childPath('', 'b')).toBe('b');
  });
});

describe('isWithin and diffKindAt', () => {
  it('match a path inside a changed one, not a sibling with a longer name', () => {
    expect(isWithin('a.b[0].c', 'a.b')).toBe(true);
    expect(isWithin('a.b', 'a.b')).toBe(true);
    expect(isWithin('a.bc', 'a.b')).toBe(false);
    expect(isWithin('a', 'a.b')).toBe(false);
    expect(isWithin('anything', '')).toBe(true);
  });

  it('gives the kind of the difference at or around a path', () => {
    const entries = diffJson({ a: { b: 1 }, keep: 1 }, { a: { b: 2 }, keep: 1, added: { deep: [1] } });
    expect(diffKindAt(entries, 'a.b')).toBe('changed');
    expect(diffKindAt(entries, 'added.deep[0]')).toBe('added');
    expect(diffKindAt(entries, 'keep')).toBeUndefined();
  });
});

describe('alignKeys', () => {
  it("orders the current record's keys as the written one's, its own others last, at every depth", () => {
    const current = { id: 1, b: { y: 1, x: 2 }, a: [{ q: 1, p: 2 }], own: true };
    const written = { a: [{ p: 0, q: 0 }], b: { x: 0, y: 0 } };
    const aligned = alignKeys(current, written) as Record<string, unknown>;
    expect(JSON.stringify(aligned)).toBe('{"a":[{"p":2,"q":1}],"b":{"x":2,"y":1},"id":1,"own":true}');
    expect(aligned).toEqual(current);
    expect(alignKeys(5, { a: 1 })).toBe(5);
  });
});
