/*
 * stableStringify (text.util.ts), written by hand for values whose shape the caller knows, as UTF-8 bytes.
 * Feishu plan keys (and so the names of the shifts the gateway creates) are a hash of a shift body's stable
 * JSON text, so that text must stay byte for byte what stableStringify writes; it is written once or twice
 * per group on the WeCom → Feishu path.
 *
 * Why by hand: the caller writes each object's members in code-unit order, as stableStringify sorts them,
 * straight into one reused byte buffer. On Node 20 the alternatives cost more (measured in BENCHMARKS.md
 * "Translation"): JSON.stringify of a sorted copy runs at ~250 MB/s on these small objects and allocates the
 * copy; a string built by concatenation is a rope of many pieces that must be flattened before it is read;
 * the generic stableStringify adds Object.keys, a sort and an array per object. No library writes JSON in a
 * caller-given key order.
 *
 * The text is stableStringify's while every leaf is a string, a number, a boolean or null and no list has
 * holes or undefined entries. Anything else (an object where a leaf belongs, undefined where a member is
 * required, a function, a symbol, a bigint, a hole) marks the text exotic as it is written, and the finishing
 * call then returns the caller's reference text (stableStringify of the original value) instead, so the result
 * is always the reference's (sorted-json.util.spec.ts and feishu-plan-key.spec.ts check both paths on
 * arbitrary input).
 *
 * Usage: `sortedJsonWriter.begin()`, then `raw` for the structure and member names (ASCII, nothing to
 * escape: `'{"name":'`), `leaf` / `leaves` / `list` for values, then `finishText`. There is one writer and it
 * writes one text at a time: a `list` callback writes into it and never starts another text.
 */

const NO_ESCAPE_MAX = 0x7f;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const FIRST_PRINTABLE = 0x20;
const ZERO = 0x30;
/** Integers below this are written digit by digit; anything else goes through Number::toString. */
const SMALL_INT_LIMIT = 2 ** 31;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class SortedJsonWriter {
  private bytes: Uint8Array;
  private length = 0;
  private exotic = false;

  /** A rule's text is ~2 KB; the buffer doubles when a text needs more, and stays grown. */
  constructor(initialBytes = 8192) {
    this.bytes = new Uint8Array(initialBytes);
  }

  /** Starts a new text (the previous one is dropped). */
  begin(): this {
    this.length = 0;
    this.exotic = false;
    return this;
  }

  /** Structure or a member name, e.g. `',"name":'`: ASCII with nothing JSON would escape, written as is. */
  raw(text: string): this {
    const count = text.length;
    if (this.length + count > this.bytes.length) this.grow(count);
    const bytes = this.bytes;
    let at = this.length;
    for (let index = 0; index < count; index += 1) bytes[at++] = text.charCodeAt(index);
    this.length = at;
    return this;
  }

  /** A leaf as JSON.stringify writes it; anything but a string, number, boolean or null marks the text exotic. */
  leaf(value: unknown): this {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return this.number(value);
      case 'boolean':
        return this.raw(value ? 'true' : 'false');
      case 'object':
        if (value === null) return this.raw('null');
        this.exotic = true;
        return this;
      default:
        // undefined (stableStringify leaves the member out), function, symbol, bigint
        this.exotic = true;
        return this;
    }
  }

  /** `raw(prefix)` then `leaf(value)`: one member, e.g. `member(',"name":', rule.name)`. */
  member(prefix: string, value: unknown): this {
    return this.raw(prefix).leaf(value);
  }

  /**
   * An optional member: written like `member` when defined, left out when undefined (as stableStringify
   * does). Its prefix carries the comma in front, so a member that is always written must come before it.
   */
  optionalMember(prefix: string, value: unknown): this {
    return value === undefined ? this : this.raw(prefix).leaf(value);
  }

  /** A list of leaves (an undefined entry or a hole marks the text exotic). */
  leaves(items: readonly unknown[]): this {
    this.raw('[');
    for (let index = 0; index < items.length; index += 1) {
      if (index > 0) this.raw(',');
      this.leaf(items[index]);
    }
    return this.raw(']');
  }

  /** A list of objects, each written by `write` (an undefined entry or a hole marks the text exotic). */
  list<T>(items: readonly T[], write: (writer: SortedJsonWriter, item: T) => void): this {
    this.raw('[');
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      if (item === undefined) {
        this.exotic = true;
        return this;
      }
      if (index > 0) this.raw(',');
      write(this, item);
    }
    return this.raw(']');
  }

  /** The text written, or `reference()` (stableStringify of the original value) if it was exotic. */
  finishText(reference: () => string): string {
    return this.exotic ? reference() : decoder.decode(this.bytes.subarray(0, this.length));
  }

  private string(value: string): this {
    const count = value.length;
    if (this.length + count + 2 > this.bytes.length) this.grow(count + 2);
    const bytes = this.bytes;
    const start = this.length;
    let at = start;
    bytes[at++] = QUOTE;
    for (let index = 0; index < count; index += 1) {
      const code = value.charCodeAt(index);
      if (code > NO_ESCAPE_MAX || code < FIRST_PRINTABLE || code === QUOTE || code === BACKSLASH) {
        // Non-ASCII (UTF-8 needed, and lone surrogates escaped) or something to escape: JSON.stringify's own
        // text, encoded. The text has no lone surrogates left, so UTF-8 is exact.
        this.length = start;
        return this.encoded(JSON.stringify(value));
      }
      bytes[at++] = code;
    }
    bytes[at++] = QUOTE;
    this.length = at;
    return this;
  }

  private number(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value >= SMALL_INT_LIMIT) {
      // JSON writes a finite number as Number::toString does (-0 as "0"), and NaN and ±Infinity as null.
      return this.raw(Number.isFinite(value) ? `${value}` : 'null');
    }
    if (value < 10) {
      if (this.length + 1 > this.bytes.length) this.grow(1);
      this.bytes[this.length++] = ZERO + value;
      return this;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    if (this.length + digits > this.bytes.length) this.grow(digits);
    const bytes = this.bytes;
    let at = this.length + digits;
    this.length = at;
    let rest = value;
    do {
      bytes[--at] = ZERO + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    return this;
  }

  private encoded(text: string): this {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.length + text.length * 3 > this.bytes.length) this.grow(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    return this;
  }

  private grow(atLeast: number): void {
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + atLeast));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** The one writer (see the usage note above): translation is synchronous, so texts never interleave. */
export const sortedJsonWriter = new SortedJsonWriter();
