import { calendarDateOf, CHINA_UTC_OFFSET_SECONDS, DAY_SECONDS, epochDayOf, formatIsoDay } from '@app/kernel';

// Time-zone helpers shared by both vendors' mappers. Intl formatters are costly to build (a profile of the
// translation benchmark put 15% of the time in constructing them), so each zone's formatter is built once,
// and unknown zones are remembered too.

interface ZoneFormatter {
  readonly formatter: Intl.DateTimeFormat;
  /** Seconds east of UTC when the zone is known (and checked) to keep one offset over FIXED_RANGE, else null. */
  readonly fixedOffset: number | null;
  /**
   * Whether format() writes this formatter's dates as year "-" month "-" day, in that order. Then a
   * "dddd-dd-dd" from format() is exactly what the parts would spell, and the cheaper format() can be used.
   */
  readonly writesIsoOrder: boolean;
}

const formatters = new Map<string, ZoneFormatter | null>();
/** Bounds the memory arbitrary vendor input can make the cache hold. */
const MAX_CACHED_ZONES = 1_000;

/** null when the IANA name is unknown to this runtime (Intl throws RangeError for it). */
function formatterFor(timeZone: string): ZoneFormatter | null {
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
    const layout = formatter
      .formatToParts(0)
      .map((part) => (part.type === 'literal' ? part.value : part.type))
      .join('|');
    const writesIsoOrder = layout === 'year|-|month|-|day';
    const zone = { formatter, writesIsoOrder, fixedOffset: checkedFixedOffset(timeZone, formatter, writesIsoOrder) };
    formatters.set(timeZone, zone);
    return zone;
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
  const zone = formatterFor(timeZone);
  if (zone === null || !Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > MAX_UNIX_SECONDS) return null;
  if (zone.fixedOffset !== null && unixSeconds >= FIXED_RANGE.from && unixSeconds < FIXED_RANGE.until) {
    return formatIsoDay(Math.floor((unixSeconds + zone.fixedOffset) / DAY_SECONDS));
  }
  const date = new Date(unixSeconds * 1000);
  // format() costs about half of formatToParts(). With the parts in year-month-day order, a "dddd-dd-dd"
  // from it is the same text the parts give; anything else (a year beyond four digits, another layout) is
  // read from the parts as before.
  if (zone.writesIsoOrder) {
    const text = zone.formatter.format(date);
    if (isIsoDate(text)) return text;
  }
  const parts = zone.formatter.formatToParts(date);
  const part = (type: string): string | undefined => parts.find((entry) => entry.type === type)?.value;
  const year = part('year');
  const month = part('month');
  const day = part('day');
  if (year === undefined || month === undefined || day === undefined || !/^\d{4}$/.test(year)) return null;
  return `${year}-${month}-${day}`;
}

/** Exactly four, two and two ASCII digits joined by "-". */
function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (let index = 0; index < 10; index += 1) {
    if (index === 4 || index === 7) continue;
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/*
 * China time without Intl. Every WeCom special day is a date in China time (the mapper's default zone), and
 * even format() costs microseconds per date. tzdata records no change of offset for China since its last
 * daylight-saving period ended in September 1991: UTC+8 throughout. For those zones, and instants in
 * FIXED_RANGE, the date is plain arithmetic. The first use of a zone checks the claim against this runtime's
 * Intl (the 15th of every month in the range, ten minutes after midnight and before the next, so any offset
 * off by more than that shows), and a zone that fails keeps using Intl.
 */
const FIXED_OFFSET_ZONES: ReadonlyMap<string, number> = new Map([
  ['Asia/Shanghai', CHINA_UTC_OFFSET_SECONDS],
  ['Asia/Chongqing', CHINA_UTC_OFFSET_SECONDS],
  ['Asia/Chungking', CHINA_UTC_OFFSET_SECONDS],
  ['Asia/Harbin', CHINA_UTC_OFFSET_SECONDS],
  ['PRC', CHINA_UTC_OFFSET_SECONDS],
]);
/** 1992-01-01T00:00Z up to 2100-01-01T00:00Z. */
const FIXED_RANGE = { from: 694_224_000, until: 4_102_444_800 } as const;

function checkedFixedOffset(timeZone: string, formatter: Intl.DateTimeFormat, writesIsoOrder: boolean): number | null {
  const offset = FIXED_OFFSET_ZONES.get(timeZone);
  if (offset === undefined || !writesIsoOrder) return null;
  for (let day = Math.floor(FIXED_RANGE.from / DAY_SECONDS) + 14; day * DAY_SECONDS < FIXED_RANGE.until;) {
    for (const probe of [day * DAY_SECONDS - offset + 600, (day + 1) * DAY_SECONDS - offset - 600]) {
      if (formatter.format(new Date(probe * 1000)) !== formatIsoDay(day)) return null;
    }
    // The 15th of the next month.
    const { year, month } = calendarDateOf(day);
    day = epochDayOf(year, month + 1, 15);
  }
  return offset;
}
