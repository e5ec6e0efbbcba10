import fc from 'fast-check';
import { SortedJsonWriter } from './sorted-json.util.js';
import { stableStringify } from './text.util.js';

// The hand-written text must be JSON.stringify's for every leaf: Feishu plan keys are a hash of it, and one
// differing character would plan every shift the gateway created again under a new name.

/** A small buffer, so growing is exercised too. */
const writer = new SortedJsonWriter(16);

function leafText(value: unknown): string {
  return writer
    .begin()
    .leaf(value)
    .finishText(() => `reference:${stableStringify(value)}`);
}

describe('SortedJsonWriter leaves', () => {
  it.each<[string, unknown]>([
    ['a plain string', 'abc'],
    ['Chinese text', '早班 A'],
    ['a quote and a backslash', 'say "hi" \\ bye'],
    ['control characters', 'tab\there\nnew line\u0000\u001f\b\f\r'],
    ['an emoji (a surrogate pair, written as is)', 'ok 👍'],
    ['a lone high surrogate (escaped)', 'x\ud800y'],
    ['a lone low surrogate (escaped)', '\udc00'],
    ['DEL and U+2028 (not escaped by JSON)', '\u007f\u2028\u2029'],
    ['a long string', 'x'.repeat(10_000)],
    ['zero', 0],
    ['minus zero', -0],
    ['nine and ten', 9],
    ['a round number', 1_000_000],
    ['the largest digit-by-digit integer', 2 ** 31 - 1],
    ['2^31', 2 ** 31],
    ['a negative integer', -42],
    ['a float', 31.230416],
    ['a large number', 1e21],
    ['a small number', 5e-7],
    ['NaN', Number.NaN],
    ['infinity', Number.NEGATIVE_INFINITY],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('writes %s as JSON.stringify does', (_label, value) => {
    expect(leafText(value)).toBe(JSON.stringify(value));
  });

  it('writes any string, number or boolean as JSON.stringify does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.double(),
          fc.integer(),
          fc.nat(),
          fc.boolean(),
          fc.constant(null),
        ),
        (value) => {
          expect(leafText(value)).toBe(JSON.stringify(value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an object', { a: 1 }],
    ['a list', [1]],
    ['a date', new Date(0)],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 1n],
  ])('hands %s to the reference text', (_label, value) => {
    expect(
      writer
        .begin()
        .member('{"leaf":', value)
        .raw('}')
        .finishText(() => 'reference'),
    ).toBe('reference');
    // begin() clears the mark: the next text is taken as written.
    expect(leafText('next')).toBe('"next"');
  });
});

describe('SortedJsonWriter lists and members', () => {
  it('writes lists of leaves and of objects as stableStringify does, holes and undefined included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined })),
        fc.array(fc.record({ b: fc.integer(), a: fc.string() })),
        fc.nat({ max: 3 }),
        (leaves, objects, holes) => {
          const sparse = [...leaves];
          sparse.length += holes;
          const value = { leaves: sparse, objects };
          const text = writer
            .begin()
            .raw('{"leaves":')
            .leaves(sparse)
            .raw(',"objects":')
            .list(objects, (w, item) => {
              w.member('{"a":', item.a).member(',"b":', item.b).raw('}');
            })
            .raw('}')
            .finishText(() => stableStringify(value));
          expect(text).toBe(stableStringify(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves an undefined optional member out and writes a defined one with its comma', () => {
    const write = (b: unknown) =>
      writer
        .begin()
        .member('{"a":', 1)
        .optionalMember(',"b":', b)
        .raw('}')
        .finishText(() => 'reference');
    expect(write(undefined)).toBe(stableStringify({ a: 1, b: undefined }));
    expect(write('x')).toBe(stableStringify({ a: 1, b: 'x' }));
  });
});
