// Small pure helpers shared by both vendors' mappers and the canonical utilities.

/**
 * A Wi-Fi BSSID in the canonical spelling: lower-case, colon-separated, 6 octets ("a4:b1:c2:00:1e:ff").
 * Accepts ":" or "-" separators, single-digit octets ("8:0:20:a:8c:6d", as some phones report them) and the
 * bare 12-hex-digit form. Null when it is not a MAC address.
 */
export function normalizeBssid(value: string): string | null {
  const text = value.trim().toLowerCase();
  const octets = /^[0-9a-f]{12}$/.test(text) ? (text.match(/../g) ?? []) : text.split(/[:-]/);
  if (octets.length !== 6 || !octets.every((octet) => /^[0-9a-f]{1,2}$/.test(octet))) return null;
  return octets.map((octet) => octet.padStart(2, '0')).join(':');
}

/** JSON with object keys sorted and undefined members left out, so equal values give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // -0 and 0 are the same second; JSON.stringify already writes both as "0".
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((entry: unknown) => (entry === undefined ? 'null' : stableStringify(entry))).join(',')}]`;
  }
  const record = value as Readonly<Record<string, unknown>>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${members.join(',')}}`;
}

/** Length in code points (both vendors count characters, and a Chinese character is one). */
export function characterCount(text: string): number {
  return [...text].length;
}

/** Cut to at most `max` code points, never splitting a character. */
export function truncateCharacters(text: string, max: number): string {
  return [...text].slice(0, Math.max(0, max)).join('');
}
