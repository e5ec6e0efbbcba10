import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { HashInputEncoder } from './hash-input.util.js';
import { stableStringify } from './text.util.js';

// Content hashes are stored, so the encoding is a format: checked here against a reference written from its
// description in hash-input.util.ts, for injectivity, and for the bytes SHA-256 reads.

const NAMES = ['a', 'b', 'name'] as const;

/** The encoding as hash-input.util.ts describes it, written plainly (tag in the low 4 bits). */
function referenceWords(value: unknown): number[] {
  const out: number[] = [];
  const tagged = (tag: number, payload: number) => out.push(((payload * 16) % 2 ** 32) + tag);
  const write = (v: unknown): void => {
    if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
      out.push(1);
    } else if (v === true) out.push(2);
    else if (v === false) out.push(3);
    else if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= -(2 ** 27) && v < 2 ** 27) tagged(4, v < 0 ? v + 2 ** 28 : v);
      else if (Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) out.push(5, v >>> 0);
      else if (Number.isNaN(v)) out.push(6);
      else {
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, v, true);
        out.push(7, view.getUint32(0, true), view.getUint32(4, true));
      }
    } else if (typeof v === 'string') {
      const units = Array.from({ length: v.length }, (_, i) => v.charCodeAt(i));
      const narrow = units.every((unit) => unit < 256);
      const perWord = narrow ? 4 : 2;
      tagged(narrow ? 8 : 9, v.length);
      for (let i = 0; i < units.length; i += perWord) {
        let word = 0;
        for (let j = 0; j < perWord && i + j < units.length; j += 1)
          word += (units[i + j] ?? 0) * 2 ** ((32 / perWord) * j);
        out.push(word);
      }
    } else if (Array.isArray(v)) {
      out.push(10);
      for (let i = 0; i < v.length; i += 1) write(v[i]);
      out.push(12);
    } else {
      out.push(11);
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        const known = (NAMES as readonly string[]).indexOf(key);
        if (known >= 0) tagged(13, known);
        else write(key);
        write(record[key]);
      }
      out.push(12);
    }
  };
  write(value);
  return out;
}

const encoder = new HashInputEncoder(NAMES, 4);

const valueArbitrary = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, -(2 ** 31), 2 ** 27, -(2 ** 27), 2 ** 27 - 1, 0.1),
  fc.constantFrom(undefined, 'x\ud800', 'ÿ', 'ĀA', 'abcde早'),
  fc.integer(),
  fc.string({ unit: 'binary' }),
  fc.dictionary(fc.constantFrom('a', 'b', 'name', 'c', 'zz'), fc.option(fc.jsonValue(), { nil: undefined })),
  fc.array(fc.option(fc.string(), { nil: undefined })).map((items) => {
    const sparse = [...items];
    sparse.length += 2;
    return sparse;
  }),
);

describe('HashInputEncoder', () => {
  it('encodes any value as its description says', () => {
    fc.assert(
      fc.property(valueArbitrary, (value) => {
        expect(encoder.begin().value(value).written()).toEqual(referenceWords(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives two JSON values the same words exactly when their stable JSON is the same', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = stableStringify(a) === stableStringify(b);
        expect(encoder.begin().value(a).written().join() === encoder.begin().value(b).written().join()).toBe(same);
      }),
      { numRuns: 3000 },
    );
  });

  it('tells apart values JSON text would blur: lengths, nesting, names, number types', () => {
    const words = (value: unknown) => encoder.begin().value(value).written().join();
    const distinct = [
      ['ab', 'c'],
      ['a', 'bc'],
      [['a'], 'b'],
      [['a', 'b']],
      { a: 'b' },
      { b: 'a' },
      { c: 1 },
      1,
      1.5,
      '1',
    ];
    expect(new Set(distinct.map(words)).size).toBe(distinct.length);
  });

  it('writes members and lists by hand as the generic walk writes the value', () => {
    fc.assert(
      fc.property(
        fc.option(fc.jsonValue(), { nil: undefined }),
        fc.array(fc.option(fc.integer(), { nil: undefined })),
        fc.string(),
        (a, b, name) => {
          const value = { a, b, name };
          const byHand = encoder
            .begin()
            .beginObject()
            .member(encoder.keyWord('a'), a)
            .name(encoder.keyWord('b'))
            .list(b, (e, item) => e.value(item))
            .member(encoder.keyWord('name'), name)
            .endObject()
            .written();
          expect(byHand).toEqual(encoder.begin().value(value).written());
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('hashes the words as little-endian bytes with SHA-256', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const words = referenceWords(value);
        const bytes = Buffer.alloc(words.length * 4);
        words.forEach((word, index) => bytes.writeUInt32LE(word, index * 4));
        expect(encoder.begin().value(value).sha256Hex()).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a name list with repeats, and a hand-written name not in the list', () => {
    expect(() => new HashInputEncoder(['a', 'a'])).toThrow(/repeat/);
    expect(() => encoder.keyWord('nope')).toThrow(/not in the member name list/);
  });
});
