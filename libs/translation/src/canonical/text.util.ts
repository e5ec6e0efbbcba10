// Small pure helpers shared by both vendors' mappers and the canonical utilities.

/**
 * A Wi-Fi BSSID in the canonical spelling: lower-case, colon-separated, 6 octets ("a4:b1:c2:00:1e:ff").
 * Accepts ":" or "-" separators, single-digit octets ("8:0:20:a:8c:6d", as some phones report them) and the
 * bare 12-hex-digit form. Null when it is not a MAC address.
 *
 * Written as one scan rather than regular expressions and a split: every Wi-Fi location goes through it on
 * every translation and in the canonical form (the spec checks it against the regex reading).
 */
export function normalizeBssid(value: string): string | null {
  const text = value.trim().toLowerCase();
  const length = text.length;
  if (length === 12 && isAllHex(text)) {
    return `${text.slice(0, 2)}:${text.slice(2, 4)}:${text.slice(4, 6)}:${text.slice(6, 8)}:${text.slice(8, 10)}:${text.slice(10)}`;
  }
  // Six octets of one or two hex digits, separated by ":" or "-" (mixed separators are accepted, as before).
  let out = '';
  let octets = 0;
  let start = 0;
  for (let index = 0; index <= length; index += 1) {
    const code = index < length ? text.charCodeAt(index) : -1;
    if (code === 58 || code === 45 || code === -1) {
      const size = index - start;
      if (size < 1 || size > 2 || octets === 6) return null;
      out += `${octets === 0 ? '' : ':'}${size === 1 ? '0' : ''}${text.slice(start, index)}`;
      octets += 1;
      start = index + 1;
    } else if (!isHexDigit(code)) {
      return null;
    }
  }
  return octets === 6 ? out : null;
}

function isAllHex(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (!isHexDigit(text.charCodeAt(index))) return false;
  return true;
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102);
}

/**
 * `values.sort()` (code-unit order), in place; a list that is already in order is returned as it is. Lists of
 * ids usually arrive sorted (the canonical form keeps them so), and checking is one pass where sorting 50 ids
 * with the default comparator, which converts both sides to strings on every comparison, is several.
 */
export function sortStrings<T extends string>(values: T[]): T[] {
  for (let index = 1; index < values.length; index += 1) {
    const previous = values[index - 1];
    const current = values[index];
    // Only a list of strings may skip the sort: the default order compares String(x), which `<` matches
    // for strings alone.
    if (typeof previous !== 'string' || typeof current !== 'string' || previous > current) return values.sort();
  }
  return values;
}

/**
 * text.trim() === '' for a string, without trimming when it starts with printable ASCII (which trim() never
 * removes): ids are checked for blanks one by one, fifty per group.
 */
export function isBlankText(text: string): boolean {
  if (text.length > 0) {
    const first = text.charCodeAt(0);
    if (first > 32 && first < 127) return false;
  }
  return text.trim() === '';
}

/**
 * JSON with object keys sorted and undefined members left out, so equal values give equal text. Written with
 * loops that append to one string rather than filter/map/join chains: it writes the text of every content hash,
 * three per group in a rules run, and the chains' arrays were most of its time (BENCHMARKS.md, "Translation and
 * hashing vs a 500-group run"). A hole in a sparse array is written null, as JSON.stringify writes it (the chains
 * wrote nothing there); no value it is given has one.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // -0 and 0 are the same second; JSON.stringify already writes both as "0".
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      const entry: unknown = value[index];
      if (index > 0) text += ',';
      text += entry === undefined ? 'null' : stableStringify(entry);
    }
    return `${text}]`;
  }
  const record = value as Readonly<Record<string, unknown>>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${stableStringify(member)}`;
  }
  return `${text}}`;
}

/** Length in code points (both vendors count characters, and a Chinese character is one). */
export function characterCount(text: string): number {
  // A string has at least as many UTF-16 units as code points, so anything without a surrogate is its length.
  let count = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        index += 1;
      }
    }
  }
  return count;
}

/** Cut to at most `max` code points, never splitting a character. */
export function truncateCharacters(text: string, max: number): string {
  // Nothing to cut when even the UTF-16 length fits: the common case, without building an array of characters.
  if (text.length <= max) return text;
  return [...text].slice(0, Math.max(0, max)).join('');
}
