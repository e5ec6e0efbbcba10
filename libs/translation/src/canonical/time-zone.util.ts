// Time-zone helpers shared by both vendors' mappers. Intl formatters are costly to build (a profile of the
// translation benchmark put 15% of the time in constructing them), so each zone's formatter is built once,
// and unknown zones are remembered too.

const formatters = new Map<string, Intl.DateTimeFormat | null>();
/** Bounds the memory arbitrary vendor input can make the cache hold. */
const MAX_CACHED_ZONES = 1_000;

/** null when the IANA name is unknown to this runtime (Intl throws RangeError for it). */
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
  try {
    const formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
    return formatter;
  } catch {
    formatters.set(timeZone, null);
    return null;
  }
}

export function isKnownTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** The largest instant a JS date can hold is 8.64e15 ms. */
const MAX_UNIX_SECONDS = 8.64e12;

/** "YYYY-MM-DD" of a unix timestamp in the time zone, or null when it cannot be a date. */
export function dateInTimeZone(unixSeconds: number, timeZone: string): string | null {
  const formatter = formatterFor(timeZone);
  if (formatter === null || !Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > MAX_UNIX_SECONDS) return null;
  const parts = formatter.formatToParts(new Date(unixSeconds * 1000));
  const part = (type: string): string | undefined => parts.find((entry) => entry.type === type)?.value;
  const year = part('year');
  const month = part('month');
  const day = part('day');
  if (year === undefined || month === undefined || day === undefined || !/^\d{4}$/.test(year)) return null;
  return `${year}-${month}-${day}`;
}
