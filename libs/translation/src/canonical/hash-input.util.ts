import { hash } from 'node:crypto';

/*
 * The input of a content hash, written as a stream of 32-bit words: a prefix-free, type-tagged encoding of a
 * JSON-like value, which SHA-256 then reads in one call.
 *
 * Why not hash text: the content hash used to be SHA-256 of the value's stable JSON text, and writing that
 * text was most of the hash's cost and about a quarter of the translation benchmark (Node 20 writes JSON at
 * ~250 MB/s on these small objects, and a text built by hand is a rope the hash must flatten, then transcode
 * from UTF-16). Here a number is one or two words stored as they are, a member name one word, and a string
 * its UTF-16 units two per word: no digits, quotes, escapes or UTF-8. No library hashes a JS value without
 * serialising it first, which is the cost avoided.
 *
 * The encoding: 32-bit words, hashed as little-endian bytes. A word's low 4 bits are its tag, the other 28 its
 * payload. Every value is self-delimiting, so the stream is prefix-free: two values with the same stream are
 * the same value.
 *   null → NULL; true → TRUE; false → FALSE
 *   a number → SMALL_INT with the value as payload (an integer in −2^27 … 2^27−1; -0 as 0)
 *            | INT, then the value (another integer in int32 range) | NAN | FLOAT, then its float64 bits (2 words)
 *   a string → STRING8 with the length as payload, then its units four per word (the first in the low byte),
 *              when every unit is below 256; else STRING16, then its units two per word (the first in the low
 *              half). A length of 2^28−1 or more is written as 2^28−1 and followed by a word with the length.
 *   a list → LIST, each item (undefined or a hole as null, as JSON writes them), END
 *   an object → OBJECT, then each member whose value is not undefined, in code-unit order of the names (as
 *     stableStringify sorts them): its name, its value; then END. A name in the caller's name list is KEY with
 *     its index as payload; any other name is written as a string.
 *   anything else (a function, a symbol, a bigint) → NULL, as JSON writes one in a list.
 *
 * The caller can write a value whose shape it knows member by member (`beginObject`, `member`, `endObject`)
 * or hand any value to `value`, which walks it generically (Object.keys, sorted); both give the same stream,
 * which is what lets a hand-written walk of a known shape be checked against the generic one.
 */

const NULL = 1;
const TRUE = 2;
const FALSE = 3;
const SMALL_INT = 4;
const INT = 5;
const NAN = 6;
const FLOAT = 7;
const STRING8 = 8;
const STRING16 = 9;
const LIST = 10;
const OBJECT = 11;
const END = 12;
const KEY = 13;
const TAG_BITS = 4;
const SMALL_INT_MIN = -(2 ** 27);
const SMALL_INT_MAX = 2 ** 27 - 1;
/** A string length this long or longer is written as this, then a word with the length. */
const LONG_LENGTH = 2 ** 28 - 1;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export class HashInputEncoder {
  private words: Uint32Array;
  private length = 0;
  private readonly float = new Float64Array(1);
  private readonly floatWords = new Uint32Array(this.float.buffer);
  private readonly keyWords: ReadonlyMap<string, number>;

  /**
   * @param names the member names written as one word each (an index into this list, so the list is part of
   *   the format: append to it, never reorder it)
   */
  constructor(names: readonly string[], initialWords = 2048) {
    this.words = new Uint32Array(initialWords);
    this.keyWords = new Map(names.map((name, index) => [name, KEY | (index << TAG_BITS)]));
    if (this.keyWords.size !== names.length) throw new Error('HashInputEncoder: member names repeat.');
  }

  /** Starts a new input (the previous one is dropped). */
  begin(): this {
    this.length = 0;
    return this;
  }

  /** The word a member name is written as, for callers that write members by hand (see `memberWord`). */
  keyWord(name: string): number {
    const word = this.keyWords.get(name);
    if (word === undefined) throw new Error(`HashInputEncoder: "${name}" is not in the member name list.`);
    return word;
  }

  beginObject(): this {
    return this.word(OBJECT);
  }

  endObject(): this {
    return this.word(END);
  }

  /**
   * One member: its name (a word from `keyWord`) and its value, or nothing when the value is undefined (as
   * JSON leaves such a member out). Members must come in code-unit order of their names.
   */
  member(keyWord: number, value: unknown): this {
    if (value === undefined) return this;
    return this.word(keyWord).value(value);
  }

  /** A member whose value the caller writes next (never undefined): just its name. */
  name(keyWord: number): this {
    return this.word(keyWord);
  }

  /** A list whose items `write` writes (an undefined item or a hole is written as null). */
  list<T>(items: readonly T[], write: (encoder: HashInputEncoder, item: T) => void): this {
    this.word(LIST);
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      if (item === undefined) this.word(NULL);
      else write(this, item);
    }
    return this.word(END);
  }

  /** A list of leaves (or of anything), each walked generically: `list` without a callback per item. */
  values(items: readonly unknown[]): this {
    this.word(LIST);
    for (let index = 0; index < items.length; index += 1) this.value(items[index]);
    return this.word(END);
  }

  /** Any value, walked generically. */
  value(value: unknown): this {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return this.number(value);
      case 'boolean':
        return this.word(value ? TRUE : FALSE);
      case 'object':
        if (value === null) return this.word(NULL);
        return Array.isArray(value) ? this.values(value) : this.genericObject(value);
      default:
        // undefined in a list, a function, a symbol, a bigint: what JSON writes for them in a list.
        return this.word(NULL);
    }
  }

  /** SHA-256 (hex) of the words written, as little-endian bytes. */
  sha256Hex(): string {
    const bytes = new Uint8Array(this.words.buffer, 0, this.length * 4);
    if (littleEndian) return hash('sha256', bytes, 'hex');
    const swapped = new Uint8Array(bytes.length);
    for (let index = 0; index < bytes.length; index += 1) swapped[index] = bytes[index ^ 3] ?? 0;
    return hash('sha256', swapped, 'hex');
  }

  /** The words written so far (a copy), for tests. */
  written(): number[] {
    return Array.from(this.words.subarray(0, this.length));
  }

  private string(value: string): this {
    const count = value.length;
    const header = count < LONG_LENGTH ? 1 : 2;
    // Room for the wider form; the narrow one is tried first, as ids and most names are ASCII.
    const needed = header + ((count + 1) >> 1);
    if (this.length + needed > this.words.length) this.grow(needed);
    const words = this.words;
    const start = this.length;
    let at = start + header;
    let index = 0;
    for (; index + 3 < count; index += 4) {
      const a = value.charCodeAt(index);
      const b = value.charCodeAt(index + 1);
      const c = value.charCodeAt(index + 2);
      const d = value.charCodeAt(index + 3);
      if ((a | b | c | d) > 0xff) return this.string16(value, start, header);
      words[at++] = a | (b << 8) | (c << 16) | (d << 24);
    }
    if (index < count) {
      let last = 0;
      for (let shift = 0; index < count; index += 1, shift += 8) {
        const unit = value.charCodeAt(index);
        if (unit > 0xff) return this.string16(value, start, header);
        last |= unit << shift;
      }
      words[at++] = last;
    }
    this.writeHeader(STRING8, count, start);
    this.length = at;
    return this;
  }

  private string16(value: string, start: number, header: number): this {
    const count = value.length;
    const words = this.words;
    let at = start + header;
    let index = 0;
    for (; index + 1 < count; index += 2) words[at++] = value.charCodeAt(index) | (value.charCodeAt(index + 1) << 16);
    if (index < count) words[at++] = value.charCodeAt(index);
    this.writeHeader(STRING16, count, start);
    this.length = at;
    return this;
  }

  private writeHeader(tag: number, count: number, at: number): void {
    if (count < LONG_LENGTH) this.words[at] = tag | (count << TAG_BITS);
    else {
      this.words[at] = tag | (LONG_LENGTH << TAG_BITS);
      this.words[at + 1] = count;
    }
  }

  private number(value: number): this {
    if ((value | 0) === value) {
      return value >= SMALL_INT_MIN && value <= SMALL_INT_MAX
        ? this.word(SMALL_INT | (value << TAG_BITS))
        : this.word(INT).word(value | 0);
    }
    if (Number.isNaN(value)) return this.word(NAN);
    this.float[0] = value;
    return this.word(FLOAT)
      .word(this.floatWords[0] ?? 0)
      .word(this.floatWords[1] ?? 0);
  }

  private genericObject(object: object): this {
    const record = object as Readonly<Record<string, unknown>>;
    this.word(OBJECT);
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      const keyWord = this.keyWords.get(key);
      if (keyWord === undefined) this.string(key);
      else this.word(keyWord);
      this.value(member);
    }
    return this.word(END);
  }

  private word(word: number): this {
    if (this.length === this.words.length) this.grow(1);
    // A Uint32Array stores the low 32 bits: a negative int32 becomes its two's complement, as intended.
    this.words[this.length++] = word;
    return this;
  }

  private grow(atLeast: number): void {
    const grown = new Uint32Array(Math.max(this.words.length * 2, this.length + atLeast));
    grown.set(this.words.subarray(0, this.length));
    this.words = grown;
  }
}
